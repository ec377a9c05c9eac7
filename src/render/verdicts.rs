//! How a drawing shows a node's verdicts: the marker, its colour and the word for each grounded
//! status. The verdicts themselves are [`crate::analysis::Verdicts`], computed by the caller.

use crate::graph::Label;

/// The marker and its colour for a grounded status, and the word for it.
pub(crate) fn status_marker(label: Label) -> (&'static str, &'static str, &'static str) {
    match label {
        Label::In => ("✓", "#1b7837", "stands"),
        Label::Out => ("✗", "#b2182b", "falls"),
        Label::Undec => ("?", "#6f6f6f", "undecided"),
    }
}
