//! Where one file writes titles and headings: each `[Title]` and `<Title>` an element starts
//! with (defining or referring) and each heading, with its place. For tools that point into the
//! text (the language server's definitions, references and renames); read by the same lexer and
//! parser as the map, with the reader's diagnostics left out.

use crate::text::file_name::FileName;

use crate::model::Element;

use super::lexer;
use super::parser::{self, Item};
use super::sink::Sink;

/// What a [`Mention`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MentionKind {
    /// A heading of this level (1 for `#`).
    Heading(u8),
    /// A statement or argument, giving its text (`[T]: text`) or only referring to it (`[T]`).
    Element {
        /// Statement or argument.
        element: Element,
        /// Whether this occurrence gives the text.
        defines: bool,
    },
}

/// A title or heading as written at one place of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mention {
    /// What is written there.
    pub(crate) kind: MentionKind,
    /// The title (whitespace collapsed, as the map holds it) or the heading's text.
    pub(crate) title: String,
    /// 1-based line.
    pub(crate) line: usize,
    /// 1-based column in characters: the `[` or `<` of an element, the `#` of a heading.
    pub(crate) column: usize,
    /// For an element, how many characters `[Title]` or `<Title>` takes, brackets included and
    /// the colon of a definition left out; for a heading, 0.
    pub(crate) len: usize,
}

/// The mentions of titles and headings in `text` (one file), in the order of the file. Untitled
/// statements are left out.
pub(crate) fn mentions(text: &str) -> Vec<Mention> {
    let lexed = lexer::lex(text);
    let mut ignored = Vec::new();
    let mut sink = Sink {
        file: FileName::default(),
        lines: &lexed.lines.raw,
        diagnostics: &mut ignored,
        shortcodes: &[],
        text: crate::model::Str::new(),
    };
    let mut out = Vec::new();
    parser::parse(&lexed, &mut sink, |item, _| match item {
        Item::Heading(h) => out.push(Mention {
            kind: MentionKind::Heading(h.level),
            title: h.title,
            line: h.pos.line,
            column: h.pos.column,
            len: 0,
        }),
        Item::Element(e) => {
            if let Some(title) = e.title {
                out.push(Mention {
                    kind: MentionKind::Element {
                        element: e.element,
                        defines: e.defines,
                    },
                    title: title.into_owned(),
                    line: e.pos.line,
                    column: e.pos.column,
                    len: e.len - usize::from(e.defines),
                });
            }
        }
        Item::PcsStart { .. } | Item::PcsEnd => {}
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_and_headings_are_found_with_their_places() {
        let text = "# Costs\n\n[Tax  cuts]: They pay.\n  - <No money>\n\n<No money>: é [x].\n";
        let all = mentions(text);
        let found: Vec<(MentionKind, &str, usize, usize, usize)> = all
            .iter()
            .map(|m| (m.kind, m.title.as_str(), m.line, m.column, m.len))
            .collect();
        let statement = |defines| MentionKind::Element {
            element: Element::Statement,
            defines,
        };
        let argument = |defines| MentionKind::Element {
            element: Element::Argument,
            defines,
        };
        assert_eq!(
            found,
            [
                (MentionKind::Heading(1), "Costs", 1, 1, 0),
                // The title collapsed, its length as written.
                (statement(true), "Tax cuts", 3, 1, 11),
                (argument(false), "No money", 4, 5, 10),
                (argument(true), "No money", 6, 1, 10),
            ]
        );
    }
}
