//! One rule for control characters, for every reader and writer.
//!
//! A **control character** is a C0 character other than tab, line feed and carriage return
//! (U+0000–U+001F), DEL (U+007F) or a C1 character (U+0080–U+009F, NEL U+0085 included). None
//! may appear in the ids and texts of a map: ids, node titles and texts, tags, section titles,
//! the map's title, side labels and source titles ([`crate::model::texts::TEXTS`]). A reader reports each one as `E014` at its
//! file, line and column ([`find`], and [`crate::diagnostic::Diagnostic::control_character`]); the Argdown reader refuses them anywhere
//! in a file. Other strings (colours, URLs, quotes, `data`) may hold them: writers escape
//! them ([`crate::formats::argdown`] writes YAML `\u007f`).

/// Whether `c` is a control character in the sense of this rule.
pub(crate) fn is_control(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || ('\u{7f}'..='\u{9f}').contains(&c)
}

/// The first control character of `text`, with its index counted in characters (add it to the
/// text's column to place a diagnostic).
pub(crate) fn find(text: &str) -> Option<(usize, char)> {
    text.chars().enumerate().find(|&(_, c)| is_control(c))
}

/// `U+0000 (NUL)`: the code point, and its usual name when it has a short one.
pub(crate) fn name(c: char) -> String {
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
