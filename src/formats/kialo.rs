//! Kialo's plain-text discussion export, read.
//!
//! ```text
//! Discussion Title: Should schools move to a four-day week?
//!
//! 1. Schools should move to a four-day week.
//! 1.1. Pro: Teachers could plan on the fifth day.
//! 1.1.1. Con: Planning time \(paid\) already exists.
//! 1.2. Con: Parents would pay for childcare
//! on the fifth day.
//! 1.3. Con: -> See 1.1.1.
//! ```
//!
//! - The `Discussion Title:` line gives the map's title.
//! - Each numbered item `N.N.N.` becomes a statement titled with its number (`[1.1.2]`), its text
//!   as text. Text runs on over the following lines until the next item; the lines are joined with
//!   line breaks. A backslash before ASCII punctuation (`\(`, `\)`, `\[`, ...) is removed, as
//!   Kialo escapes Markdown.
//! - `Pro:` makes the item support its parent (the number without its last part), `Con:` makes it
//!   rebut its parent.
//! - `-> See 1.2.3.` makes no new node: the item stands for node `1.2.3`, which then supports or
//!   rebuts the parent (and any children numbered under the link hang on `1.2.3`).
//! - Lines end in LF, CRLF or a lone CR, as in every other format (`crate::text::lines`).
//!
//! Every bad line is reported (E013, with file, line and column) and reading goes on: text before
//! the thesis, an item whose parent is missing, a number used twice, a number without its final
//! dot, an item without text, a link to a number that does not exist. An item below the thesis
//! without `Pro:` or `Con:` is read without a relation, with a warning (W005); so is a line that
//! starts with a malformed item number (`1.-1.`, `1..2.`, `0.`), which is read as text of the
//! item before it, with a warning (W005) at the number.

use crate::text::file_name::FileName;
use std::collections::HashMap;

use crate::diagnostic::{with_snippets, Code, Diagnostic};
use crate::model::{Edge, Map, Node, Origin, Relation};
use crate::text::decode::strip_bom;
use crate::text::lines::lines;

const TITLE: &str = "Discussion Title:";

/// Whether `text` is a Kialo export: its first non-blank line starts with `Discussion Title:`.
pub(crate) fn detect(text: &str) -> bool {
    lines(strip_bom(text))
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| l.trim_start().starts_with(TITLE))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stance {
    Pro,
    Con,
}

struct Item {
    number: String,
    parent: Option<String>,
    stance: Option<Stance>,
    text: String,
    /// 1-based line of the item and column where its text starts.
    line: usize,
    text_column: usize,
    /// `-> See N.` : the number and its column.
    link: Option<(String, usize)>,
}

/// A parsed item number: the parts, the column after it (chars) and whether it ended in a dot.
struct Number {
    parts: Vec<String>,
    /// Byte offset just after the number (and its final dot, when there is one).
    end: usize,
    final_dot: bool,
}

/// Reads `1.2.3.` at the start of `s` (after leading blanks).
fn number_at(s: &str) -> Option<Number> {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() && (bytes[i] == b' ' || bytes[i] == b'\t') {
        i += 1;
    }
    let mut parts = Vec::new();
    loop {
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            // "1." followed by no digits: the number ended with its dot.
            return (!parts.is_empty()).then_some(Number {
                parts,
                end: start,
                final_dot: true,
            });
        }
        parts.push(s.get(start..i)?.to_string());
        if bytes.get(i) == Some(&b'.') {
            i += 1;
        } else {
            return Some(Number {
                parts,
                end: i,
                final_dot: false,
            });
        }
    }
}

/// A line that starts like an item number but is not one (`1.-1.`, `1..2.`, `0.`): the column
/// (in characters) and the would-be number. The first word of the line starts with digits and
/// a dot and holds only digits, dots and signs; ordinary text such as `3.5 million` (a well-formed
/// number without its final dot) or `1990-2000.` is not taken for a number.
fn malformed_number(line: &str) -> Option<(usize, &str)> {
    let body = line.trim_start_matches([' ', '\t']);
    let token = body.split([' ', '\t']).next().unwrap_or_default();
    let digits = token.len() - token.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0
        || token.as_bytes().get(digits) != Some(&b'.')
        || !token
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+'))
    {
        return None;
    }
    let parts: Vec<&str> = token
        .strip_suffix('.')
        .unwrap_or(token)
        .split('.')
        .collect();
    let well_formed = parts
        .iter()
        .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        && !(parts.len() == 1 && parts.iter().all(|p| p.chars().all(|c| c == '0')));
    if well_formed {
        return None;
    }
    Some((chars_before(line, line.len() - body.len()) + 1, token))
}

/// Removes Kialo's Markdown escapes: a backslash before ASCII punctuation.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(&next) = chars.peek() {
                if next.is_ascii_punctuation() {
                    out.push(next);
                    chars.next();
                    continue;
                }
            }
        }
        out.push(c);
    }
    out
}

fn chars_before(s: &str, byte: usize) -> usize {
    s.get(..byte).map_or(0, |p| p.chars().count())
}

/// Reads a Kialo export. Every problem is pushed to `diagnostics`; the map read so far is returned
/// even when there are errors.
pub fn read(file: &str, text: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<Map> {
    let text = strip_bom(text);
    with_snippets(file, text, diagnostics, |diagnostics| {
        read_export(file, text, diagnostics)
    })
}

/// [`read`], but for the snippets: `text` without its byte-order mark.
fn read_export(file: &str, text: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<Map> {
    let place = |d: Diagnostic, line: usize, column: usize| d.at_line(file, None, line, column);
    let error = |line: usize, column: usize, message: String| {
        place(Diagnostic::new(Code::BadInput, message), line, column)
    };
    let origin_file = FileName::new(file);
    let mut map = Map::new();
    let mut items: Vec<Item> = Vec::new();
    let mut saw_title = false;
    // The line reported as lacking the title (not reported again as text before the thesis).
    let mut title_error_line = 0;
    // Continuation lines of the current item.
    let mut pending: Vec<&str> = Vec::new();

    fn finish(item: Option<&mut Item>, pending: &mut Vec<&str>) {
        if let Some(item) = item {
            for line in pending.iter() {
                item.text.push('\n');
                item.text.push_str(line.trim());
            }
            item.text = item.text.trim_end().to_string();
        }
        pending.clear();
    }

    for (n, line) in lines(text).enumerate() {
        let line_no = n + 1;
        if !saw_title && items.is_empty() {
            if line.trim().is_empty() {
                continue;
            }
            if let Some(rest) = line.trim_start().strip_prefix(TITLE) {
                saw_title = true;
                let title = unescape(rest.trim());
                map.title = (!title.is_empty()).then_some(title);
                continue;
            }
            diagnostics.push(
                error(
                    line_no,
                    1,
                    "a Kialo export starts with a `Discussion Title:` line".into(),
                )
                .with_help("export the discussion from Kialo as plain text (.txt)"),
            );
            saw_title = true;
            title_error_line = line_no;
        }
        let number = number_at(line);
        let is_item = match &number {
            Some(num) if num.parts.len() >= 2 => {
                num.final_dot
                    || line.get(num.end..).is_some_and(|r| {
                        r.trim_start().starts_with("Pro:") || r.trim_start().starts_with("Con:")
                    })
            }
            Some(num) => items.is_empty() && num.final_dot,
            None => false,
        };
        let Some(num) = number.filter(|_| is_item) else {
            if items.is_empty() {
                if !line.trim().is_empty() && line_no != title_error_line {
                    let col = chars_before(line, line.len() - line.trim_start().len()) + 1;
                    diagnostics.push(
                        error(line_no, col, "text before the thesis `1.`".into()).with_help(
                            "after the title, a Kialo export lists the thesis as `1. text`",
                        ),
                    );
                }
            } else {
                if let Some((column, token)) = malformed_number(line) {
                    let previous = items.last().map(|i| i.number.as_str()).unwrap_or_default();
                    diagnostics.push(
                        place(
                            Diagnostic::new(
                                Code::SkippedInput,
                                format!(
                                    "`{token}` is not an item number; the line is read as more \
                                     text of item {previous}"
                                ),
                            ),
                            line_no,
                            column,
                        )
                        .with_length(token.chars().count())
                        .with_help(
                            "an item number is whole numbers from 1 joined by dots, ending in a \
                             dot (`1.2.`); correct the number, or reword the line if it is text",
                        ),
                    );
                }
                pending.push(line);
            }
            continue;
        };
        finish(items.last_mut(), &mut pending);
        let number_column = chars_before(line, line.len() - line.trim_start().len()) + 1;
        let number_text = num.parts.join(".");
        if !num.final_dot {
            diagnostics.push(
                error(
                    line_no,
                    number_column,
                    format!("item number `{number_text}` must end with a dot"),
                )
                .with_length(number_text.chars().count())
                .with_help(format!("write `{number_text}.`")),
            );
        }
        let rest = line.get(num.end..).unwrap_or("");
        let after_blank = rest.trim_start();
        let mut text_start = num.end + (rest.len() - after_blank.len());
        let mut stance = None;
        if num.parts.len() >= 2 {
            for (word, s) in [("Pro:", Stance::Pro), ("Con:", Stance::Con)] {
                if let Some(after) = after_blank.strip_prefix(word) {
                    stance = Some(s);
                    text_start += word.len() + (after.len() - after.trim_start().len());
                }
            }
        }
        let body = line.get(text_start..).unwrap_or("").trim_end();
        let text_column = chars_before(line, text_start) + 1;
        let link = body.strip_prefix("-> See ").and_then(|target| {
            let parsed = number_at(target)?;
            let column = text_column + "-> See ".len();
            Some((parsed.parts.join("."), column))
        });
        let parent = (num.parts.len() >= 2)
            .then(|| num.parts.get(..num.parts.len() - 1).map(|p| p.join(".")))
            .flatten();
        items.push(Item {
            number: number_text,
            parent,
            stance,
            text: body.to_string(),
            line: line_no,
            text_column,
            link,
        });
    }
    finish(items.last_mut(), &mut pending);

    if items.is_empty() {
        // Placed at the end of the file, where the thesis was still expected.
        let last = lines(text).count();
        let line_text = lines(text).last().unwrap_or("");
        diagnostics.push(
            Diagnostic::new(
                Code::BadInput,
                "no thesis: a Kialo export lists `1. text` after the title",
            )
            .at_line(file, None, last, line_text.chars().count() + 1),
        );
        return Some(map);
    }

    // Numbers -> node or link target.
    enum Target {
        Node(petgraph::stable_graph::NodeIndex),
        Link(String),
    }
    let mut by_number: HashMap<String, (Target, usize)> = HashMap::new();
    let mut kept = vec![true; items.len()];
    for (k, item) in items.iter().enumerate() {
        if let Some((_, first_line)) = by_number.get(&item.number) {
            diagnostics.push(
                error(
                    item.line,
                    1,
                    format!(
                        "item {} is numbered twice (first on line {first_line})",
                        item.number
                    ),
                )
                .with_length(item.number.chars().count() + 1),
            );
            if let Some(slot) = kept.get_mut(k) {
                *slot = false;
            }
            continue;
        }
        let target = match &item.link {
            Some((to, _)) => Target::Link(to.clone()),
            None => {
                let text = unescape(&item.text);
                if text.trim().is_empty() {
                    diagnostics.push(error(
                        item.line,
                        item.text_column,
                        format!("item {} has no text", item.number),
                    ));
                }
                let mut node = Node::statement(item.number.clone(), text);
                node.origin = Some(Origin {
                    file: origin_file,
                    line: u32::try_from(item.line).unwrap_or(u32::MAX),
                    column: 1,
                });
                match map.add_node(node) {
                    Ok(ix) => Target::Node(ix),
                    Err(_) => continue,
                }
            }
        };
        by_number.insert(item.number.clone(), (target, item.line));
    }

    // The node each number stands for, following links (None for a missing number or a loop
    // of links); every number is followed once, so this is linear.
    let mut resolved: HashMap<&str, Option<petgraph::stable_graph::NodeIndex>> = HashMap::new();
    for item in &items {
        let mut path: Vec<&str> = Vec::new();
        let mut on_path: std::collections::HashSet<&str> = std::collections::HashSet::new();
        let mut current = item.number.as_str();
        let result = loop {
            if let Some(r) = resolved.get(current) {
                break *r;
            }
            if !on_path.insert(current) {
                break None;
            }
            path.push(current);
            match by_number.get(current) {
                Some((Target::Node(ix), _)) => break Some(*ix),
                Some((Target::Link(next), _)) => current = next.as_str(),
                None => break None,
            }
        };
        for p in path {
            resolved.insert(p, result);
        }
    }
    let resolve = |number: &str| resolved.get(number).copied().flatten();

    for (item, _) in items.iter().zip(&kept).filter(|(_, &k)| k) {
        if let Some((to, column)) = &item.link {
            if resolve(to).is_none() {
                let message = if by_number.contains_key(to) {
                    format!("`-> See {to}.` leads round a loop of links")
                } else {
                    format!("`-> See {to}.` names item {to}, which is not in the discussion")
                };
                diagnostics
                    .push(error(item.line, *column, message).with_length(to.chars().count() + 1));
                continue;
            }
        }
        let Some(parent) = &item.parent else {
            continue;
        };
        let Some(parent_ix) = resolve(parent) else {
            if !by_number.contains_key(parent) {
                diagnostics.push(
                    error(
                        item.line,
                        1,
                        format!(
                            "item {} has no parent: there is no item {parent}",
                            item.number
                        ),
                    )
                    .with_length(item.number.chars().count() + 1),
                );
            }
            continue;
        };
        let relation = match item.stance {
            Some(Stance::Pro) => Relation::Supports,
            Some(Stance::Con) => Relation::Rebuts,
            None => {
                diagnostics.push(place(
                    Diagnostic::new(
                        Code::SkippedInput,
                        format!(
                            "item {} says neither `Pro:` nor `Con:`; read without a relation to {parent}",
                            item.number
                        ),
                    ),
                    item.line,
                    item.text_column,
                ));
                continue;
            }
        };
        let Some(source) = resolve(&item.number) else {
            continue;
        };
        let mut edge = Edge::new(relation);
        edge.origin = Some(Origin {
            file: origin_file,
            line: u32::try_from(item.line).unwrap_or(u32::MAX),
            column: 1,
        });
        map.relate(source, parent_ix, edge);
    }
    Some(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_parse() {
        let n = number_at("1.2.3. Pro: x").unwrap();
        assert_eq!(n.parts, vec!["1", "2", "3"]);
        assert!(n.final_dot);
        assert_eq!(n.end, 6);
        let n = number_at("1.2 Con: x").unwrap();
        assert!(!n.final_dot);
        assert!(number_at("Pro: 1.").is_none());
        assert!(number_at(".1").is_none());
    }

    #[test]
    fn unescapes_markdown_punctuation_only() {
        assert_eq!(
            unescape(r"a \(b\) \[c\] C:\Users \\"),
            r"a (b) [c] C:\Users \"
        );
    }

    #[test]
    fn a_loop_of_links_is_reported() {
        let text = "Discussion Title: t\n\n1. a\n1.1. Pro: -> See 1.2.\n1.2. Con: -> See 1.1.\n";
        let mut diags = Vec::new();
        let map = read("k.txt", text, &mut diags).unwrap();
        assert_eq!(map.node_count(), 1);
        let heads: Vec<String> = diags.iter().map(Diagnostic::headline).collect();
        assert_eq!(
            heads,
            vec![
                "k.txt:4:18: error[E013]: `-> See 1.2.` leads round a loop of links",
                "k.txt:5:18: error[E013]: `-> See 1.1.` leads round a loop of links",
            ]
        );
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line_as_everywhere() {
        let text = "\u{feff}Discussion Title: t\r\r1. a\r1.1. Pro: b\r1..2. c\r";
        let mut diags = Vec::new();
        let map = read("k.txt", text, &mut diags).unwrap();
        assert_eq!(map.node_count(), 2);
        assert_eq!(map.title.as_deref(), Some("t"));
        assert_eq!(
            diag_texts(&diags),
            vec![
                "k.txt:5:1: warning[W005]: `1..2.` is not an item number; the line is read as \
                  more text of item 1.1\n  |\n5 | 1..2. c\n  | ^^^^^\n  = help: an item number is \
                  whole numbers from 1 joined by dots, ending in a dot (`1.2.`); correct the \
                  number, or reword the line if it is text\n"
            ]
        );
    }

    fn diag_texts(diags: &[Diagnostic]) -> Vec<String> {
        diags.iter().map(Diagnostic::render).collect()
    }

    #[test]
    fn detects_the_title_line() {
        assert!(detect("\u{feff}\r\nDiscussion Title: X\r\n"));
        assert!(!detect("[A]: Discussion Title: x"));
    }
}
