//! What to offer as one types: titles after `[` and `<`, side ids inside `{side: …}` (and in a
//! camp's `sides: [...]` in the frontmatter), source ids inside `{cite: "…"}`, tags after `#`,
//! statement titles after `motion:` in the frontmatter.

use std::collections::HashSet;

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, Position, Range, TextEdit,
};

use super::position;
use crate::model::{Element, Map};

/// What the text before the cursor asks for.
#[derive(Debug, PartialEq, Eq)]
enum Wanted {
    /// A title of this kind; `from` is the character column (0-based) after the bracket.
    Title { element: Element, from: usize },
    /// A statement title for the motion, from this column.
    Motion { from: usize },
    /// A side id, from this column.
    Side { from: usize },
    /// A source id, from this column.
    Source { from: usize },
    /// A tag, from this column (after the `#`).
    Tag { from: usize },
}

/// The completions at the 1-based `line` and character `column` of `text`, from `map`; the
/// titles offered are those some file writes (`titles`).
pub(crate) fn complete(
    map: &Map,
    titles: &HashSet<(Element, String)>,
    text: &str,
    line: usize,
    column: usize,
) -> Vec<CompletionItem> {
    let written = position::line_of(text, line);
    let cursor = column.saturating_sub(1);
    let before: String = written.chars().take(cursor).collect();
    let after = written.chars().nth(cursor);
    let Some(wanted) = wanted(&before, in_frontmatter(text, line)) else {
        return Vec::new();
    };
    let row = u32::try_from(line.saturating_sub(1)).unwrap_or(u32::MAX);
    let range_from = |from: usize| Range {
        start: Position::new(row, position::utf16_of_chars(written, from)),
        end: Position::new(row, position::utf16_of_chars(written, cursor)),
    };
    let item = |label: &str, insert: String, kind, detail: Option<String>, from| CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        detail,
        filter_text: Some(label.to_string()),
        text_edit: Some(CompletionTextEdit::Edit(TextEdit {
            range: range_from(from),
            new_text: insert,
        })),
        ..CompletionItem::default()
    };
    let mut out: Vec<CompletionItem> = match wanted {
        Wanted::Title { element, from } => {
            let closer = match element {
                Element::Statement => ']',
                Element::Argument => '>',
            };
            map.nodes()
                .filter(|(_, n)| titles.contains(&(element, n.title.to_string())))
                .map(|(_, n)| {
                    let mut insert = n.title.to_string();
                    if after != Some(closer) {
                        insert.push(closer);
                    }
                    let kind = match element {
                        Element::Statement => CompletionItemKind::TEXT,
                        Element::Argument => CompletionItemKind::FUNCTION,
                    };
                    item(&n.title, insert, kind, Some(position_text(&n.text)), from)
                })
                .collect()
        }
        Wanted::Motion { from } => map
            .nodes()
            .filter(|(_, n)| titles.contains(&(Element::Statement, n.title.to_string())))
            .map(|(_, n)| {
                let quoted = serde_json::to_string(&*n.title).unwrap_or_default();
                CompletionItem {
                    filter_text: Some(quoted.clone()),
                    ..item(&n.title, quoted, CompletionItemKind::TEXT, None, from)
                }
            })
            .collect(),
        Wanted::Side { from } => map
            .sides
            .iter()
            .map(|s| {
                let detail = Some(s.label.to_string());
                item(
                    &s.id,
                    s.id.to_string(),
                    CompletionItemKind::ENUM_MEMBER,
                    detail,
                    from,
                )
            })
            .collect(),
        Wanted::Source { from } => map
            .sources
            .iter()
            .map(|s| {
                let detail = s.title.as_deref().map(str::to_string);
                item(
                    &s.id,
                    format!("{}:", s.id),
                    CompletionItemKind::REFERENCE,
                    detail,
                    from,
                )
            })
            .collect(),
        Wanted::Tag { from } => {
            let mut tags: Vec<&str> = map
                .nodes()
                .flat_map(|(_, n)| n.tags.iter().map(|t| &**t))
                .collect();
            tags.sort_unstable();
            tags.dedup();
            tags.into_iter()
                .map(|t| item(t, t.to_string(), CompletionItemKind::KEYWORD, None, from))
                .collect()
        }
    };
    out.sort_by(|a, b| a.label.cmp(&b.label));
    out.dedup_by(|a, b| a.label == b.label);
    out
}

/// A node's text shortened for the list of completions.
fn position_text(text: &str) -> String {
    let one = crate::render::views::one_line(text);
    match one.char_indices().nth(80) {
        Some((at, _)) => format!("{}…", one.get(..at).unwrap_or("")),
        None => one,
    }
}

/// Whether line `line` (1-based) of `text` lies inside the frontmatter.
fn in_frontmatter(text: &str, line: usize) -> bool {
    let mut lines = crate::text::lines::lines(text).enumerate();
    let Some((_, first)) = lines.find(|(_, l)| !l.trim().is_empty()) else {
        return false;
    };
    if first.trim_end() != "===" {
        return false;
    }
    let first_line = text.lines().position(|l| !l.trim().is_empty()).unwrap_or(0) + 1;
    let closing = lines
        .find(|(_, l)| l.trim_end() == "===")
        .map(|(i, _)| i + 1);
    line > first_line && closing.is_none_or(|c| line < c)
}

/// What the text before the cursor, `before`, asks for.
fn wanted(before: &str, frontmatter: bool) -> Option<Wanted> {
    let chars: Vec<char> = before.chars().collect();
    let n = chars.len();
    // The word being typed: back to a character that cannot be part of an id.
    let word_from = |stop: &dyn Fn(char) -> bool| {
        let mut k = n;
        while k > 0 && chars.get(k - 1).is_some_and(|&c| !stop(c)) {
            k -= 1;
        }
        k
    };
    let id_from = word_from(&|c: char| !(c.is_alphanumeric() || c == '-' || c == '_'));
    let head: String = chars.get(..id_from).unwrap_or_default().iter().collect();
    if frontmatter {
        if let Some(rest) = before.trim_start().strip_prefix("motion:") {
            // The quote typed is replaced too: the title goes in quoted.
            let value = rest.trim_start_matches(' ');
            return Some(Wanted::Motion {
                from: n - value.chars().count(),
            });
        }
        if let Some(k) = head.rfind("sides:") {
            let list = head.get(k..).unwrap_or("");
            if list.contains('[') && !list.contains(']') {
                return Some(Wanted::Side { from: id_from });
            }
        }
        return None;
    }
    // Inside metadata: the last `{` not closed.
    if let (Some(open), close) = (head.rfind('{'), head.rfind('}')) {
        if close.is_none_or(|c| c < open) {
            let meta = head.get(open..).unwrap_or("");
            let key = |name: &str| {
                meta.rfind(name).is_some_and(|k| {
                    let rest = meta.get(k + name.len()..).unwrap_or("");
                    rest.chars()
                        .all(|c| c == ' ' || c == '"' || c == '\'' || c == '[')
                        || rest.trim_end().ends_with([',', '"', '\'']) && !rest.contains(['}', ':'])
                })
            };
            if key("side:") {
                return Some(Wanted::Side { from: id_from });
            }
            if key("cite:") {
                return Some(Wanted::Source { from: id_from });
            }
            return None;
        }
    }
    // A tag: `#` after a space (a `#` starting the line begins a heading).
    if id_from > 1
        && chars.get(id_from - 1) == Some(&'#')
        && chars.get(id_from - 2).is_some_and(|c| c.is_whitespace())
    {
        return Some(Wanted::Tag { from: id_from });
    }
    // A title: the last `[` or `<` not closed.
    let open = chars.iter().rposition(|&c| c == '[' || c == '<')?;
    let (element, closer) = match chars.get(open) {
        Some('[') => (Element::Statement, ']'),
        _ => (Element::Argument, '>'),
    };
    let rest = chars.get(open + 1..).unwrap_or_default();
    if rest.contains(&closer) {
        return None;
    }
    // `<-`, `<+`, `<_`: a relation, not a title.
    if element == Element::Argument && rest.first().is_some_and(|c| matches!(c, '-' | '+' | '_')) {
        return None;
    }
    Some(Wanted::Title {
        element,
        from: open + 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_the_text_before_the_cursor_asks_for() {
        let at = |s: &str| wanted(s, false);
        assert_eq!(
            at("  - [Tax"),
            Some(Wanted::Title {
                element: Element::Statement,
                from: 5
            })
        );
        assert_eq!(
            at("<"),
            Some(Wanted::Title {
                element: Element::Argument,
                from: 1
            })
        );
        assert_eq!(at("  <- "), None);
        assert_eq!(at("[A]: text"), None);
        assert_eq!(at("[A]: text {side: p"), Some(Wanted::Side { from: 17 }));
        assert_eq!(
            at("[A]: text {cite: \"al"),
            Some(Wanted::Source { from: 18 })
        );
        assert_eq!(at("[A]: text #co"), Some(Wanted::Tag { from: 11 }));
        assert_eq!(at("# Head"), None);
        assert_eq!(
            wanted("motion: \"Tax", true),
            Some(Wanted::Motion { from: 8 })
        );
        assert_eq!(
            wanted("  for: {label: x, sides: [utla, re", true),
            Some(Wanted::Side { from: 32 })
        );
    }

    proptest::proptest! {
        /// Whatever the text and wherever the cursor, completion answers without a panic, and
        /// every edit it offers lies on the cursor's line, before the cursor.
        #[test]
        fn completion_never_panics(
            text in "(\\PC|[\\[\\]<>{}#:\"' \n-])*",
            line in 0usize..8,
            column in 0usize..40,
        ) {
            let loaded = crate::load::load_texts(&[("m.argdown".into(), text.clone())], None);
            let titles = crate::syntax::mentions::mentions(&text)
                .into_iter()
                .filter_map(|m| match m.kind {
                    crate::syntax::mentions::MentionKind::Element { element, .. } => {
                        Some((element, m.title))
                    }
                    crate::syntax::mentions::MentionKind::Heading(_) => None,
                })
                .collect();
            for item in complete(&loaded.map, &titles, &text, line, column) {
                let Some(CompletionTextEdit::Edit(edit)) = item.text_edit else {
                    panic!("no edit");
                };
                proptest::prop_assert_eq!(edit.range.start.line as usize + 1, line.max(1));
                proptest::prop_assert!(edit.range.start.character <= edit.range.end.character);
            }
        }
    }
}
