//! The supported subset of Argdown (see GRAMMAR.md): lexer, parser and the builder that turns
//! parsed files into one `Map`.
//!
//! - `lexer`: frontmatter, comments, lines;
//! - `parser`: headings, elements and their relations, by indentation;
//! - `text`: an element's text, tags and `{...}` metadata;
//! - `metadata` and `frontmatter`: the YAML in braces and between `===` lines;
//! - `builder`: all files into one map;
//! - `mentions`: where one file writes titles and headings, for tools that point into it.
//! - `include` and `markdown`: `@include(...)` lines, and the Argdown blocks of Markdown files.

pub(crate) mod builder;
pub(crate) mod frontmatter;
pub(crate) mod include;
pub(crate) mod lexer;
pub(crate) mod markdown;
pub(crate) mod mentions;
pub(crate) mod metadata;
pub(crate) mod parser;
pub(crate) mod shortcodes;
pub(crate) mod sink;
pub(crate) mod text;
pub(crate) mod yaml_depth;

use crate::diagnostic::Diagnostic;
use crate::model::{Map, Str};

/// Parses several `.argdown` files `(name, text)` as ONE map: titles are global across files and
/// the frontmatter of all files merges. Every problem is pushed to `diagnostics`; parsing goes on
/// after an error.
pub(crate) fn parse_files<N: AsRef<str>, T: FileText>(
    files: &[(N, T)],
    diagnostics: &mut Vec<Diagnostic>,
) -> Map {
    builder::build(files, diagnostics)
}

/// A file's text as the reader takes it. Strings read from a [`Str`] share its bytes (no copy
/// per id, title and text); from any other string they are copied.
pub(crate) trait FileText: AsRef<str> {
    /// The text as a [`Str`] to share, or the empty one.
    fn shared(&self) -> Str {
        Str::new()
    }
}
impl FileText for &str {}
impl FileText for String {}
impl FileText for &String {}
impl FileText for Str {
    fn shared(&self) -> Str {
        self.clone()
    }
}
impl FileText for &Str {
    fn shared(&self) -> Str {
        (*self).clone()
    }
}

#[cfg(test)]
pub(crate) mod tests;
