//! The ground floor for text: bytes into text (UTF-8, the byte-order mark), a text's lines and
//! where they start, and the control-character rule. Everything that reads, checks or quotes
//! text decodes it, counts its lines and finds control characters here, and nowhere else.

pub(crate) mod control;
pub(crate) mod decode;
pub mod file_name;
pub(crate) mod line_index;
pub(crate) mod line_starts;
pub(crate) mod lines;
pub mod shared;
