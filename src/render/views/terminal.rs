//! Markdown made for reading on a terminal: headings and strong text in bold, emphasis in
//! italics, lists with their bullets and indentation, paragraphs wrapped to the terminal's width,
//! and none of Markdown's backslash escapes (`\[` is shown as `[`). The styles are ANSI escape
//! sequences (anstyle); the caller's output stream drops them when colour is off. Control
//! characters of the text itself are shown escaped, as in diagnostics, so that a map's text
//! never drives the terminal.

use anstyle::{Effects, Style};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use crate::diagnostic::terminal_safe;

/// The style of a top-level heading.
const TITLE: Style = Style::new().effects(Effects::BOLD.insert(Effects::UNDERLINE));
/// The style of the other headings and of strong text.
const BOLD: Style = Style::new().effects(Effects::BOLD);
/// The style of emphasis.
const ITALIC: Style = Style::new().effects(Effects::ITALIC);

/// Narrower terminals still get lines of this many columns.
const MIN_WIDTH: usize = 20;

/// Writes `markdown` for a terminal `width` columns wide (see the module's documentation).
/// Each block (heading, paragraph, list item) is wrapped on its own; blocks are separated as
/// in the Markdown, by one blank line, list items by none.
pub fn markdown(markdown: &str, width: usize) -> String {
    let width = width.max(MIN_WIDTH);
    let mut out = String::with_capacity(markdown.len());
    // The block being filled: its text with styles, and its first line's prefix and the
    // following lines' (a list item's bullet, then spaces under it).
    let mut block = String::new();
    let mut prefix = (String::new(), String::new());
    // One entry per open list: the next item's number (`None` for bullets).
    let mut lists: Vec<Option<u64>> = Vec::new();
    // Open styles, innermost last, so that the outer ones come back after an inner one ends.
    let mut styles: Vec<Style> = Vec::new();
    let flush = |out: &mut String, block: &mut String, prefix: &(String, String)| {
        if block.trim().is_empty() {
            block.clear();
            return;
        }
        let options = textwrap::Options::new(width)
            .initial_indent(&prefix.0)
            .subsequent_indent(&prefix.1)
            .break_words(false);
        for line in textwrap::wrap(block.trim(), options) {
            out.push_str(line.trim_end());
            out.push('\n');
        }
        block.clear();
    };
    let restyle = |block: &mut String, styles: &[Style]| {
        block.push_str(&anstyle::Reset.render().to_string());
        for s in styles {
            block.push_str(&s.render().to_string());
        }
    };
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                flush(&mut out, &mut block, &prefix);
                let style = if level == HeadingLevel::H1 {
                    TITLE
                } else {
                    BOLD
                };
                styles.push(style);
                restyle(&mut block, &styles);
            }
            Event::End(TagEnd::Heading(_)) => {
                styles.pop();
                restyle(&mut block, &styles);
                flush(&mut out, &mut block, &prefix);
                out.push('\n');
            }
            Event::Start(Tag::Paragraph) => {}
            Event::End(TagEnd::Paragraph) => {
                flush(&mut out, &mut block, &prefix);
                if lists.is_empty() {
                    out.push('\n');
                }
            }
            Event::Start(Tag::List(first)) => {
                flush(&mut out, &mut block, &prefix);
                lists.push(first);
            }
            Event::End(TagEnd::List(_)) => {
                flush(&mut out, &mut block, &prefix);
                lists.pop();
                if lists.is_empty() {
                    out.push('\n');
                }
            }
            Event::Start(Tag::Item) => {
                flush(&mut out, &mut block, &prefix);
                let depth = lists.len().saturating_sub(1);
                let bullet = match lists.last_mut() {
                    Some(Some(n)) => {
                        let b = format!("{n}. ");
                        *n += 1;
                        b
                    }
                    _ => "- ".to_string(),
                };
                let indent = "  ".repeat(depth);
                prefix = (
                    format!("{indent}{bullet}"),
                    format!("{indent}{}", " ".repeat(bullet.len())),
                );
            }
            Event::End(TagEnd::Item) => {
                flush(&mut out, &mut block, &prefix);
                prefix = (String::new(), String::new());
            }
            Event::Start(Tag::Strong) => {
                styles.push(BOLD);
                restyle(&mut block, &styles);
            }
            Event::Start(Tag::Emphasis) => {
                styles.push(ITALIC);
                restyle(&mut block, &styles);
            }
            Event::End(TagEnd::Strong | TagEnd::Emphasis) => {
                styles.pop();
                restyle(&mut block, &styles);
            }
            Event::Text(text) | Event::Code(text) => block.push_str(&terminal_safe(&text)),
            Event::SoftBreak => block.push(' '),
            Event::HardBreak => {
                flush(&mut out, &mut block, &prefix);
            }
            Event::Rule => {
                flush(&mut out, &mut block, &prefix);
                out.push_str(&"─".repeat(width.min(40)));
                out.push_str("\n\n");
            }
            // Raw HTML and anything else the briefs never hold: shown as its text.
            Event::Html(text) | Event::InlineHtml(text) => {
                block.push_str(&terminal_safe(&text));
            }
            _ => {}
        }
    }
    flush(&mut out, &mut block, &prefix);
    // One final line break, not a blank line.
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text with its ANSI styles dropped.
    fn plain(text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(start) = rest.find('\u{1b}') {
            out.push_str(&rest[..start]);
            let after = &rest[start..];
            let end = after.find('m').map_or(after.len(), |e| e + 1);
            rest = &after[end..];
        }
        out.push_str(rest);
        out
    }

    #[test]
    fn escapes_go_and_styles_come() {
        let md = "# Brief: \\[A\\]\n\n**\\[Motion\\]** \u{2014} *undecided*.\n\n- **We** rebut \\<B\\>\n  - **They** reply\n- two\n";
        let shown = markdown(md, 80);
        assert_eq!(
            plain(&shown),
            "Brief: [A]\n\n[Motion] \u{2014} undecided.\n\n- We rebut <B>\n  - They reply\n- two\n"
        );
        assert!(
            shown.starts_with("\u{1b}[0m\u{1b}[1m\u{1b}[4m"),
            "{shown:?}"
        );
        assert!(shown.contains("\u{1b}[3mundecided"), "{shown:?}");
    }

    #[test]
    fn paragraphs_and_items_wrap_with_a_hanging_indent() {
        let md = "- one two three four five six seven eight nine ten eleven twelve\n";
        assert_eq!(
            plain(&markdown(md, 24)),
            "- one two three four\n  five six seven eight\n  nine ten eleven twelve\n"
        );
    }

    #[test]
    fn control_characters_of_the_text_are_shown_escaped() {
        assert_eq!(
            plain(&markdown("a\u{1b}]0;x\u{7} b\n", 80)),
            "a\\u{1b}]0;x\\u{7} b\n"
        );
    }
}
