//! One rule for control characters, for every reader and writer.
//!
//! A **control character** is a C0 character other than tab, line feed and carriage return
//! (U+0000–U+001F), DEL (U+007F) or a C1 character (U+0080–U+009F, NEL U+0085 included). None
//! may appear in the ids and texts of a map: ids, node titles and texts, tags, section titles,
//! the map's title, side labels and source titles ([`TEXTS`]). A reader reports each one as `E014` at its
//! file, line and column ([`find`] and [`diagnostic`]); the Argdown reader refuses them anywhere
//! in a file. Other strings (colours, URLs, quotes, `data`) may hold them: writers escape
//! them ([`crate::formats::argdown`] writes YAML `\u007f`).

use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Map, Origin};

/// The parts of a map the rule covers, as documentation says them.
pub const TEXTS: &str = "ids, node titles and texts, tags, section titles, the map's title, \
                         side labels and source titles";

/// Whether `c` is a control character in the sense of this rule.
pub fn is_control(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || ('\u{7f}'..='\u{9f}').contains(&c)
}

/// The first control character of `text`, with its index counted in characters (add it to the
/// text's column to place a diagnostic).
pub fn find(text: &str) -> Option<(usize, char)> {
    text.chars().enumerate().find(|&(_, c)| is_control(c))
}

/// `U+0000 (NUL)`: the code point, and its usual name when it has a short one.
pub fn name(c: char) -> String {
    let short = match c {
        '\0' => Some("NUL"),
        '\u{7}' => Some("BEL"),
        '\u{8}' => Some("BS"),
        '\u{b}' => Some("VT"),
        '\u{c}' => Some("FF"),
        '\u{1b}' => Some("ESC"),
        '\u{7f}' => Some("DEL"),
        '\u{85}' => Some("NEL"),
        '\u{9b}' => Some("CSI"),
        _ => None,
    };
    let code = format!("U+{:04X}", u32::from(c));
    match short {
        Some(s) => format!("{code} ({s})"),
        None => code,
    }
}

/// The diagnostic (E014, not yet placed) for the control character `c` found in `what` (e.g.
/// "the text", "the label of side \"pro\"").
pub fn diagnostic(what: &str, c: char) -> Diagnostic {
    Diagnostic::new(
        Code::ControlCharacter,
        format!("control character {} in {what}", name(c)),
    )
    .with_help(
        "control characters (U+0000-U+001F but tab and line breaks, U+007F-U+009F) are not \
         allowed in a map's texts; delete it or write a space",
    )
}

/// Whether [`each_text`] visits ids too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ids {
    /// Readers hold ids to the rule: an id is printed in human output.
    Included,
    /// The Argdown writer escapes ids in YAML and checks node titles, which carry node ids.
    Excluded,
}

/// Calls `visit(what, text, origin)` for every text of `map` the rule covers, in map order
/// (`what` describes it for a message; `origin` is the node's place, when known).
pub fn each_text(map: &Map, ids: Ids, mut visit: impl FnMut(String, &str, Option<&Origin>)) {
    let with_ids = ids == Ids::Included;
    if let Some(title) = &map.title {
        visit("the map's title".into(), title, None);
    }
    for side in &map.sides {
        if with_ids {
            visit("the id of a side".into(), &side.id, None);
        }
        visit(
            format!("the label of side {:?}", side.id),
            &side.label,
            None,
        );
    }
    for source in &map.sources {
        if with_ids {
            visit("the id of a source".into(), &source.id, None);
        }
        if let Some(title) = &source.title {
            visit(format!("the title of source {:?}", source.id), title, None);
        }
    }
    for section in &map.sections {
        if with_ids {
            visit("the id of a section".into(), &section.id, None);
        }
        visit(
            format!("the title of section {}", section.id),
            &section.title,
            None,
        );
    }
    for (_, node) in map.nodes() {
        let origin = node.origin.as_ref();
        if with_ids {
            visit("the id of a node".into(), &node.id, origin);
        }
        visit(format!("the title of {}", node.id), &node.title, origin);
        visit(format!("the text of {}", node.id), &node.text, origin);
        for tag in &node.tags {
            visit(format!("a tag of {}", node.id), tag, origin);
        }
    }
}

/// Every text of `map` the rule covers that holds a control character, described for a
/// message (`the text of [a] holds U+0000 (NUL)`), in map order.
pub fn in_map(map: &Map) -> Vec<String> {
    let mut out = Vec::new();
    each_text(map, Ids::Excluded, |what, text, _| {
        if let Some((_, c)) = find(text) {
            out.push(format!("{what} holds the control character {}", name(c)));
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rule() {
        for c in [
            '\0', '\u{1}', '\u{b}', '\u{c}', '\u{1b}', '\u{1f}', '\u{7f}', '\u{80}', '\u{85}',
            '\u{9f}',
        ] {
            assert!(is_control(c), "{c:?}");
        }
        for c in ['\t', '\n', '\r', ' ', '~', '\u{a0}', '\u{2028}', 'é'] {
            assert!(!is_control(c), "{c:?}");
        }
        assert_eq!(find("ab\u{85}c\0"), Some((2, '\u{85}')));
        assert_eq!(find("a\tb\r\n"), None);
        assert_eq!(name('\0'), "U+0000 (NUL)");
        assert_eq!(name('\u{1}'), "U+0001");
        assert_eq!(name('\u{85}'), "U+0085 (NEL)");
    }
}
