//! Analyses of a map: unanswered points, acceptability (grounded, preferred and stable
//! semantics), the debate-prep brief, filters and statistics.
pub mod camps;
pub mod clashes;
pub mod extensions;
pub mod filter;
pub mod grounded;
pub mod hinges;
pub mod prep;
pub mod reasons;
pub mod sides;
pub mod stakes;
pub mod stats;
pub mod status;
pub mod strength;
pub mod unanswered;
pub(crate) mod verdicts;
pub mod why;

pub use verdicts::Verdicts;
