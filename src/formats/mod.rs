//! Formats read and written besides Argdown: counterpoint JSON and the formats of other tools.

pub mod aif;
pub mod argdown;
pub mod argdown_reduced;
pub mod graphml;
pub mod iccma;
pub mod json;
pub mod kialo;
pub mod mermaid;
pub mod spans;
