//! Checks of a loaded map: its structure (`validate`), its citations against the source texts
//! (`citations`) and how much of each source it cites (`coverage`).

pub mod citations;
pub mod coverage;
pub(crate) mod validate;
