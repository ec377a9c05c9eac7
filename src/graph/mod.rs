//! Argumentation frameworks as compact graphs: the attack graph of a map or of an ICCMA file
//! ([`framework`]), its adjacency in compressed rows ([`csr`]), strongly connected components
//! ([`scc`]), argument names ([`names`]) and the labels a semantics gives ([`label`]).

pub mod csr;
pub mod framework;
pub mod label;
pub mod names;
pub mod scc;

pub use label::Label;
