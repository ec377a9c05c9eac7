//! counterpoint: argument maps for debates.
//!
//! Read a map written in a subset of Argdown (or counterpoint JSON) with [`load::load`], hold it
//! as a typed graph ([`model::Map`]), check it, draw it ([`render`]), find the points nobody
//! answered ([`analysis`]) and export it ([`formats`]).

// No `unwrap()`/`expect()` outside tests: input never makes the program panic.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod analysis;
pub mod citations;
pub mod control;
pub mod coverage;
pub mod diagnostic;
pub mod files;
pub mod fmt;
pub mod formats;
pub mod load;
pub mod model;
pub mod output;
pub mod render;
pub mod syntax;
pub mod validate;

pub use diagnostic::{Code, Diagnostic, Severity};
pub use load::{load, InputFormat, Loaded};
pub use model::{Citation, Edge, Element, Kind, Map, Node, Relation, Section, Side, Source};
