//! Checks of a loaded map: its structure (`validate`) and modelling slips (`slips`), its
//! citations against the source texts (`citations`), how much of each source it cites
//! (`coverage`), and, on request, attacks from sources older than the points they attack
//! (`chronology`).

pub mod chronology;
pub mod citations;
pub mod coverage;
pub(crate) mod slips;
pub(crate) mod validate;
