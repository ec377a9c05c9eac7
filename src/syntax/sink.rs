//! Where the reader's diagnostics go: one file's name and lines, so that every diagnostic gets
//! its place and source line; and the frontmatter's shortcodes, for reading texts.

use crate::text::file_name::FileName;

use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Origin, Str};
use crate::text::line_starts::LineStarts;

use super::lexer::Pos;

/// Collects diagnostics about one file, and carries what reading its text needs.
pub(crate) struct Sink<'a> {
    /// The file's name, shared by the origins of everything read from it.
    pub(crate) file: FileName,
    /// The file's lines as written (see [`crate::text::lines::split_lines`]).
    pub(crate) lines: &'a dyn LineSource<'a>,
    pub(crate) diagnostics: &'a mut Vec<Diagnostic>,
    /// Shortcodes declared in the frontmatter (`model: shortcodes:`), beyond Argdown's own.
    pub(crate) shortcodes: &'a [(String, String)],
    /// The file's whole text, when the strings read from it may share its bytes (see
    /// [`Sink::share`]); the empty [`Str`] when they may not.
    pub(crate) text: Str,
}

/// A file's lines as written, by 0-based index: what diagnostics show under their message.
pub(crate) trait LineSource<'a> {
    /// Line `i` (0-based).
    fn line_at(&self, i: usize) -> Option<&'a str>;
}

impl<'a> LineSource<'a> for LineStarts<'a> {
    fn line_at(&self, i: usize) -> Option<&'a str> {
        self.get(i)
    }
}

impl<'a> LineSource<'a> for Vec<&'a str> {
    fn line_at(&self, i: usize) -> Option<&'a str> {
        self.get(i).copied()
    }
}

impl<'a> Sink<'a> {
    /// `part` of the file's text as a [`Str`]: sharing the file's bytes when it lies within
    /// them (a slice of the text as read), else a copy.
    pub(crate) fn share(&self, part: &str) -> Str {
        self.text.part_of(part)
    }

    /// The place `pos` in this file.
    pub(crate) fn origin(&self, pos: Pos) -> Origin {
        Origin {
            file: self.file,
            line: u32::try_from(pos.line).unwrap_or(u32::MAX),
            column: u32::try_from(pos.column).unwrap_or(u32::MAX),
        }
    }

    /// Line `line` (1-based) of the file as written; line 0 gives the first.
    pub(crate) fn line(&self, line: usize) -> Option<&'a str> {
        self.lines.line_at(line.saturating_sub(1))
    }

    /// Places the diagnostic `d` at `pos`, underlining `length` characters, and reports it.
    pub(crate) fn place(&mut self, d: Diagnostic, pos: Pos, length: usize) {
        let d = d
            .at_line(&self.file, self.line(pos.line), pos.line, pos.column)
            .with_length(length);
        self.diagnostics.push(d);
    }

    /// Reports the first control character of `text` (see [`crate::text::control`]), found in `what`
    /// declared at `pos` (the place of the declaration: `text` is a decoded YAML value).
    pub(crate) fn control_in(&mut self, text: &str, what: &str, pos: Pos) {
        if let Some((_, c)) = crate::text::control::find(text) {
            self.place(Diagnostic::control_character(what, c), pos, 1);
        }
    }

    /// Reports `code` at `pos`, underlining `length` characters, with an optional help.
    pub(crate) fn report(
        &mut self,
        code: Code,
        message: impl Into<String>,
        pos: Pos,
        length: usize,
        help: Option<String>,
    ) {
        let d = self.diagnostic(code, message, pos, length, help);
        self.diagnostics.push(d);
    }

    /// The diagnostic [`Sink::report`] would report, for the caller to report later.
    pub(crate) fn diagnostic(
        &self,
        code: Code,
        message: impl Into<String>,
        pos: Pos,
        length: usize,
        help: Option<String>,
    ) -> Diagnostic {
        let mut d = Diagnostic::new(code, message)
            .at_line(&self.file, self.line(pos.line), pos.line, pos.column)
            .with_length(length);
        if let Some(help) = help {
            d = d.with_help(help);
        }
        d
    }
}
