//! counterpoint: argument maps for debates.
//!
//! Read a map written in a subset of Argdown (or counterpoint JSON) with [`load::load`], hold it
//! as a typed graph ([`model::Map`]), check it, draw it ([`render`]), find the points nobody
//! answered ([`analysis`]) and export it ([`formats`]).
//!
//! The modules stand on floors, each importing only from the floors below it (ARCHITECTURE.md).

// Floor 0: text and files.
pub mod files;
pub mod memory;
pub mod output;
pub mod text;
// Floor 1: the vocabulary every other part speaks.
pub mod diagnostic;
pub mod model;
// Floor 2: reading Argdown, frameworks as graphs, looks and safe names.
pub mod graph;
pub mod style;
pub mod syntax;
// Floor 3: what a map says, and what is wrong with it.
pub mod analysis;
pub mod check;
// Floor 4: other tools' formats, read and written.
pub mod formats;
// Floor 5: drawings, pages and views for people.
pub mod render;
// Floor 6: reading inputs into one map.
pub mod load;
// Floor 7: rewriting Argdown files in place.
pub mod fmt;
// Floor 7: standard input, the current folder's files, the hint to pass a map's folder.
pub mod inputs;
// Floor 8: the live preview in the browser.
pub mod serve;
// Floor 8: a language server, so that editors check maps as they are written.
pub mod lsp;

pub use diagnostic::{Code, Diagnostic, Severity};
pub use formats::Format;
pub use load::{load, Loaded};
pub use model::{
    Camp, Citation, Edge, Element, Kind, Map, Node, Relation, Section, Side, Source, Str,
};
