//! Where the reader's diagnostics go: one file's name and text, so that every diagnostic gets
//! its place and source line; and the frontmatter's shortcodes, for reading texts.

use crate::diagnostic::{Code, Diagnostic};

use super::lexer::Pos;

/// Collects diagnostics about one file, and carries what reading its text needs.
pub struct Sink<'a> {
    pub file: &'a str,
    pub text: &'a str,
    pub diagnostics: &'a mut Vec<Diagnostic>,
    /// Shortcodes declared in the frontmatter (`model: shortcodes:`), beyond Argdown's own.
    pub shortcodes: &'a [(String, String)],
}

impl Sink<'_> {
    /// Reports `code` at `pos`, underlining `length` characters, with an optional help.
    pub fn report(
        &mut self,
        code: Code,
        message: impl Into<String>,
        pos: Pos,
        length: usize,
        help: Option<String>,
    ) {
        let mut d = Diagnostic::new(code, message)
            .at(self.file, self.text, pos.line, pos.column)
            .with_length(length);
        if let Some(help) = help {
            d = d.with_help(help);
        }
        self.diagnostics.push(d);
    }
}
