//! The ground floor for text: a text's lines and the control-character rule. Everything that
//! reads, checks or quotes text counts lines and finds control characters here.

pub mod control;
pub mod lines;
