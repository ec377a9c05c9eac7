//! The supported subset of Argdown (see GRAMMAR.md): lexer, parser and the builder that turns
//! parsed files into one [`Map`].
//!
//! - [`lexer`]: frontmatter, comments, lines;
//! - [`parser`]: headings, elements and their relations, by indentation;
//! - [`text`]: an element's text, tags and `{...}` metadata;
//! - [`metadata`] and [`frontmatter`]: the YAML in braces and between `===` lines;
//! - [`builder`]: all files into one map.

pub mod builder;
pub mod frontmatter;
pub mod lexer;
pub mod metadata;
pub mod parser;
pub mod shortcodes;
pub mod sink;
pub mod text;
pub mod yaml_depth;

use crate::diagnostic::Diagnostic;
use crate::model::Map;

/// Parses several `.argdown` files `(name, text)` as ONE map: titles are global across files and
/// the frontmatter of all files merges. Every problem is pushed to `diagnostics`; parsing goes on
/// after an error.
pub fn parse_files<N: AsRef<str>, T: AsRef<str>>(
    files: &[(N, T)],
    diagnostics: &mut Vec<Diagnostic>,
) -> Map {
    builder::build(files, diagnostics)
}

#[cfg(test)]
pub(crate) mod tests;
