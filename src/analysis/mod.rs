//! Analyses of a map: unanswered points, acceptability, statistics.
pub mod unanswered;
pub mod grounded;
