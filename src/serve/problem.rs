//! What stopped a new version of the page: the map's diagnostics (with file, line and column)
//! or any other failure (Graphviz missing, a file gone), as the banner shows them.

use serde_json::{json, Value};

use crate::diagnostic::Diagnostic;

/// One thing that kept the preview from drawing the map anew.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// `file:line:col: severity[CODE]: message`, or `error: message` when the problem has no
    /// place in a file.
    pub headline: String,
    /// The rest: the source line with a caret under the column and the help (may be empty).
    pub detail: String,
}

impl Problem {
    /// A problem that has no place in a file: `error: {message}`.
    pub fn message(message: impl std::fmt::Display) -> Problem {
        Problem {
            headline: format!("error: {message}"),
            detail: String::new(),
        }
    }

    /// The problem as the page's script reads it.
    pub(crate) fn to_json(&self) -> Value {
        json!({"headline": self.headline, "detail": self.detail})
    }
}

impl From<&Diagnostic> for Problem {
    /// The diagnostic's headline (`file:line:col: error[E004]: ...`) and the lines
    /// `Diagnostic::render` writes under it.
    fn from(d: &Diagnostic) -> Problem {
        let headline = d.headline();
        let rendered = d.render();
        let detail = rendered
            .split_once('\n')
            .map_or("", |(_, rest)| rest)
            .trim_end()
            .to_string();
        Problem { headline, detail }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_texts;

    #[test]
    fn a_diagnostic_keeps_its_place_and_caret() {
        let loaded = load_texts(
            &[(
                "m.argdown".into(),
                "===\nsides:\n  pro: {label: Pro}\n===\n\n[A]: a {side: cons}\n".into(),
            )],
            None,
        );
        let d = loaded
            .diagnostics
            .iter()
            .find(|d| d.is_error())
            .expect("an error");
        let p = Problem::from(d);
        assert_eq!(p.headline, d.headline());
        assert!(p.headline.starts_with("m.argdown:6:"), "{}", p.headline);
        assert!(p.detail.contains("6 | [A]: a {side: cons}"), "{}", p.detail);
        assert_eq!(
            Problem::message("dot is missing").headline,
            "error: dot is missing"
        );
    }
}
