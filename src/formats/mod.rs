//! Formats read and written besides Argdown: counterpoint JSON and the formats of other tools.

pub mod json;
