//! What every drawing and export shares about looks and names: each side's colour, the shapes
//! and line styles of kinds and relations ([`palette`]), how colours look to colour-blind
//! readers and how well text reads on them (`vision`), and identifiers safe for other tools
//! ([`names`]).

pub mod names;
pub mod palette;
pub(crate) mod vision;
