//! Checking citations against the source texts (`--sources DIR`).

use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::model::Map;

/// Diagnostics for citations whose line range lies outside the source file, or whose quote
/// does not occur in the cited lines.
pub fn check_sources(_map: &Map, _dir: &Path) -> Vec<Diagnostic> {
    Vec::new()
}
