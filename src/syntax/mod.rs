//! The supported subset of Argdown (see GRAMMAR.md): lexer, parser and the builder that turns
//! parsed files into one `Map`.
//!
//! - `lexer`: frontmatter, comments, lines;
//! - `parser`: headings, elements and their relations, by indentation;
//! - `text`: an element's text, tags and `{...}` metadata;
//! - `metadata` and `frontmatter`: the YAML in braces and between `===` lines;
//! - `builder`: all files into one map;
//! - `include` and `markdown`: `@include(...)` lines, and the Argdown blocks of Markdown files.

pub(crate) mod builder;
pub(crate) mod frontmatter;
pub(crate) mod include;
pub(crate) mod lexer;
pub(crate) mod markdown;
pub(crate) mod metadata;
pub(crate) mod parser;
pub(crate) mod shortcodes;
pub(crate) mod sink;
pub(crate) mod text;
pub(crate) mod yaml_depth;

use crate::diagnostic::Diagnostic;
use crate::model::Map;

/// Parses several `.argdown` files `(name, text)` as ONE map: titles are global across files and
/// the frontmatter of all files merges. Every problem is pushed to `diagnostics`; parsing goes on
/// after an error.
pub(crate) fn parse_files<N: AsRef<str>, T: AsRef<str>>(
    files: &[(N, T)],
    diagnostics: &mut Vec<Diagnostic>,
) -> Map {
    builder::build(files, diagnostics)
}

#[cfg(test)]
pub(crate) mod tests;
