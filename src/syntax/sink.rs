//! Where the reader's diagnostics go: one file's name and text, so that every diagnostic gets
//! its place and source line.

use crate::diagnostic::{Code, Diagnostic};

use super::lexer::Pos;

/// Collects diagnostics about one file.
pub struct Sink<'a> {
    pub file: &'a str,
    pub text: &'a str,
    pub diagnostics: &'a mut Vec<Diagnostic>,
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
