//! The one way text from a map enters DOT.
//!
//! graphviz-rust prints ids and attribute values exactly as given, so a title holding `"`, `\`,
//! a newline, `<b>` or `}` would break the DOT (or change the drawing) unless it is escaped.
//! Every user text goes through [`escape`], either as a DOT quoted string ([`Target::Quoted`],
//! used for tooltips and node names) or as text inside an HTML-like label ([`Target::Html`]).
//! The [`Html`] builder only accepts user text through [`Html::text`], so a label cannot hold
//! unescaped user text by accident.

use graphviz_rust::dot_structures::Id;

/// Where escaped text goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A DOT quoted string, delimiters included: `"` and `\` are backslash-escaped (so Graphviz
    /// escape sequences such as `\N` or `\l` stay literal) and line breaks become `\n`.
    Quoted,
    /// Character data of an HTML-like label: `&`, `<`, `>`, `"`, `'` and `]` become entities, `\`
    /// is doubled (Graphviz expands `\N`, `\G` and the like even in HTML-like labels, after
    /// decoding entities) and line breaks become spaces (labels break lines with `<br/>`, see
    /// [`Html::line_break`]).
    Html,
}

/// Escapes `text` for `target`. Control characters (other than line breaks) become spaces, and
/// characters XML forbids become U+FFFD; everything else, non-ASCII included, is kept.
pub fn escape(text: &str, target: Target) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    if target == Target::Quoted {
        out.push('"');
    }
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (target, c) {
            (_, '\r') if chars.peek() == Some(&'\n') => {}
            (Target::Quoted, '\n' | '\r' | '\u{2028}' | '\u{2029}') => out.push_str("\\n"),
            (Target::Quoted, '"') => out.push_str("\\\""),
            (Target::Quoted, '\\') => out.push_str("\\\\"),
            (Target::Html, '\n' | '\r' | '\u{2028}' | '\u{2029}') => out.push(' '),
            (Target::Html, '\\') => out.push_str("\\\\"),
            (Target::Html, '&') => out.push_str("&amp;"),
            (Target::Html, '<') => out.push_str("&lt;"),
            (Target::Html, '>') => out.push_str("&gt;"),
            (Target::Html, '"') => out.push_str("&quot;"),
            (Target::Html, '\'') => out.push_str("&#39;"),
            // Graphviz 2.43's HTML-label lexer rejects a text that is a lone `]` (`<b>]</b>`).
            (Target::Html, ']') => out.push_str("&#93;"),
            (_, '\u{FFFE}' | '\u{FFFF}') => out.push('\u{FFFD}'),
            (_, c) if c.is_control() => out.push(' '),
            (_, c) => out.push(c),
        }
    }
    if target == Target::Quoted {
        out.push('"');
    }
    out
}

/// `text` as a DOT quoted-string id (for attribute values and node names).
pub fn quoted(text: &str) -> Id {
    Id::Escaped(escape(text, Target::Quoted))
}

/// Markup for an HTML-like label, built from escaped text and the label's own tags.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Html(String);

impl Html {
    /// Empty markup.
    pub fn new() -> Html {
        Html::default()
    }

    /// Appends user text, escaped.
    pub fn text(&mut self, text: &str) -> &mut Html {
        self.0.push_str(&escape(text, Target::Html));
        self
    }

    /// Appends markup written by this program (tags, attribute values it computed itself).
    /// Never pass user text here.
    pub fn tag(&mut self, markup: &str) -> &mut Html {
        self.0.push_str(markup);
        self
    }

    /// Appends other markup.
    pub fn append(&mut self, other: &Html) -> &mut Html {
        self.0.push_str(&other.0);
        self
    }

    /// A left-aligned line break.
    pub fn line_break(&mut self) -> &mut Html {
        self.tag(r#"<br align="left"/>"#)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The markup as an HTML-like label id (`<...>`).
    pub fn into_id(self) -> Id {
        Id::Html(format!("<{}>", self.0))
    }

    /// The markup as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_strings_escape_quotes_backslashes_and_newlines() {
        assert_eq!(escape(r#"a "b" \N"#, Target::Quoted), r#""a \"b\" \\N""#);
        assert_eq!(escape("ends with \\", Target::Quoted), r#""ends with \\""#);
        assert_eq!(
            escape("one\r\ntwo\nthree\rfour", Target::Quoted),
            r#""one\ntwo\nthree\nfour""#
        );
        assert_eq!(escape("tab\there\u{7}", Target::Quoted), "\"tab here \"");
        assert_eq!(escape("{}[]<b>é", Target::Quoted), "\"{}[]<b>é\"");
    }

    #[test]
    fn html_text_becomes_entities() {
        assert_eq!(
            escape(r#"<b>"x" & 'y'</b>"#, Target::Html),
            "&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;"
        );
        assert_eq!(
            escape("a\nb \\N {c} ]", Target::Html),
            "a b \\\\N {c} &#93;"
        );
        assert_eq!(escape("\u{FFFF}\u{0}ü", Target::Html), "\u{FFFD} ü");
    }

    /// What a text should read as after escaping and Graphviz's unescaping.
    fn expected(text: &str, line_break: char) -> String {
        text.replace("\r\n", "\n")
            .chars()
            .map(|c| match c {
                '\n' | '\r' | '\u{2028}' | '\u{2029}' => line_break,
                '\u{FFFE}' | '\u{FFFF}' => '\u{FFFD}',
                c if c.is_control() => ' ',
                c => c,
            })
            .collect()
    }

    /// Reads a DOT quoted string back as Graphviz does (escString: `\\`, `\"`, `\n`).
    fn unquote(quoted: &str) -> Option<String> {
        let inner = quoted.strip_prefix('"')?.strip_suffix('"')?;
        let mut out = String::new();
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.next()? {
                    '\\' => out.push('\\'),
                    '"' => out.push('"'),
                    'n' => out.push('\n'),
                    _ => return None,
                },
                '"' | '\n' | '\r' => return None,
                c => out.push(c),
            }
        }
        Some(out)
    }

    /// Reads HTML-like label text back (entities, then Graphviz's `\\`).
    fn unhtml(html: &str) -> Option<String> {
        if html.contains(['<', '>', '"', '\'', '\n']) {
            return None;
        }
        let decoded = html
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&#93;", "]");
        let mut out = String::new();
        let mut rest = decoded.as_str();
        while let Some(i) = rest.find(['&', '\\']) {
            out.push_str(&rest[..i]);
            rest = &rest[i..];
            if let Some(r) = rest.strip_prefix("&amp;") {
                out.push('&');
                rest = r;
            } else if let Some(r) = rest.strip_prefix("\\\\") {
                out.push('\\');
                rest = r;
            } else {
                return None;
            }
        }
        out.push_str(rest);
        Some(out)
    }

    proptest::proptest! {
        #[test]
        fn quoted_strings_read_back_as_written(text in "(?s).{0,40}|[\"\\\\\n\r<>{}\\[\\]&;é漢🙂 a-z]{0,40}") {
            let q = escape(&text, Target::Quoted);
            proptest::prop_assert_eq!(unquote(&q), Some(expected(&text, '\n')));
        }

        #[test]
        fn html_text_reads_back_as_written(text in "(?s).{0,40}|[\"'\\\\\n<>{}\\[\\]&;#é漢🙂 a-z]{0,40}") {
            let h = escape(&text, Target::Html);
            proptest::prop_assert_eq!(unhtml(&h), Some(expected(&text, ' ')));
        }
    }

    #[test]
    fn html_builder_escapes_only_text() {
        let mut h = Html::new();
        h.tag("<b>").text("<i>").tag("</b>");
        assert_eq!(h.into_id(), Id::Html("<<b>&lt;i&gt;</b>>".into()));
    }
}
