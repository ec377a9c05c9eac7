//! Argumentation frameworks as compact graphs: the attack graph of a map or of an ICCMA file
//! ([`framework`]), its adjacency in compressed rows (`csr`), strongly connected components
//! (`scc`), argument names (`names`) and the labels a semantics gives (`label`).

pub(crate) mod csr;
pub mod framework;
pub(crate) mod label;
pub(crate) mod names;
pub(crate) mod scc;

pub use label::Label;
pub use names::Names;
