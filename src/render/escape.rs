//! The one way text from a map enters DOT.
//!
//! graphviz-rust prints ids and attribute values exactly as given, so a title holding `"`, `\`,
//! a newline, `<b>` or `}` would break the DOT (or change the drawing) unless it is escaped.
//! Every user text goes through `escape`: as a tooltip (`Target::Tooltip`), as a DOT quoted
//! string (`Target::Quoted`, for node names and values this program computes), or as text
//! inside an HTML-like label (`Target::Html`). The `Html` builder only accepts user text
//! through `Html::text`, so a label cannot hold unescaped user text by accident.
//!
//! Graphviz reads no quoted string, and no text between two tags of an HTML-like label, longer
//! than 16,384 bytes, so both are cut to `MAX_STRING_BYTES` (escapes counted) and
//! end in `…` when cut. (Label lines are wrapped, so only a line of zero-width characters, which
//! wrapping does not shorten, can be that long.)

use graphviz_rust::dot_structures::Id;

/// Quoted strings hold at most this many bytes between their quotes (escapes included), and
/// HTML-like labels at most this many between two tags, well below Graphviz's 16,384; a
/// longer text is cut on a character boundary and ends in `…`.
pub(crate) const MAX_STRING_BYTES: usize = 16_000;

/// Where escaped text goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// A DOT quoted string, delimiters included: `"` and `\` are backslash-escaped and line
    /// breaks become `\n`. For node names and values this program computes: Graphviz expands
    /// escapes such as `\N` in some attributes, so user text goes in [`Target::Tooltip`].
    Quoted,
    /// A tooltip: a DOT quoted string, delimiters included, that Graphviz shows exactly as the
    /// text reads. Graphviz reads a tooltip three times: it decodes HTML entities (so `&` becomes
    /// `&amp;`), unescapes `\n`, `\l`, `\r` (line breaks) and `\x` (`x`), then expands
    /// `\N`, `\G`, `\E`, `\T`, `\H`, `\L` and `\\` (so a backslash is written as four);
    /// `"` becomes `\"` and line breaks `\n`.
    Tooltip,
    /// Character data of an HTML-like label: `&`, `<`, `>`, `"`, `'` and `]` become entities, `\`
    /// is doubled (Graphviz expands `\N`, `\G` and the like even in HTML-like labels, after
    /// decoding entities) and line breaks become spaces (labels break lines with `<br/>`, see
    /// [`Html::line_break`]).
    Html,
}

/// Escapes `text` for `target`. Control characters (other than line breaks) become spaces, and
/// characters XML forbids become U+FFFD; everything else, non-ASCII included, is kept. Text that
/// takes more than [`MAX_STRING_BYTES`] escaped (quotes not counted) is cut with `…`.
pub(crate) fn escape(text: &str, target: Target) -> String {
    let mut out = String::with_capacity(text.len().min(MAX_STRING_BYTES) + 2);
    escape_into(&mut out, text, target, MAX_STRING_BYTES);
    out
}

/// The longest escape of one byte: `"` as `&quot;` in an HTML-like label. Every other escape
/// takes at most this many bytes per byte of text too (`&#39;` 5, a tooltip's `\\\\` 4 per
/// backslash, U+2028 (3 bytes) as `\n`, U+0085 (2 bytes) as a space).
const MAX_GROWTH: usize = 6;

/// The one escaping function: appends `text` escaped for `target` to `out` (between quotes for
/// [`Target::Quoted`] and [`Target::Tooltip`]), cut with `…` to at most `budget` bytes (quotes
/// not counted; nothing at all when even `…` does not fit). See [`escape`] for the rules.
pub(crate) fn escape_into(out: &mut String, text: &str, target: Target, budget: usize) {
    let quoted = matches!(target, Target::Quoted | Target::Tooltip);
    if quoted {
        out.push('"');
    }
    if text.len() <= budget / MAX_GROWTH {
        // The escaped text cannot exceed the budget: copy runs of plain characters whole.
        escape_runs(out, text, target);
    } else {
        escape_cut(out, text, target, budget);
    }
    if quoted {
        out.push('"');
    }
}

/// The escape of one character that is not copied as it is (`None` for a character kept, and
/// for a `\r` that a `\n` follows: `Some("")`).
fn piece(target: Target, c: char, next: Option<char>) -> Option<&'static str> {
    Some(match (target, c) {
        (_, '\r') if next == Some('\n') => "",
        (Target::Quoted | Target::Tooltip, '\n' | '\r' | '\u{2028}' | '\u{2029}') => "\\n",
        (Target::Quoted | Target::Tooltip, '"') => "\\\"",
        (Target::Quoted, '\\') => "\\\\",
        (Target::Tooltip, '\\') => "\\\\\\\\",
        (Target::Tooltip, '&') => "&amp;",
        (Target::Html, '\n' | '\r' | '\u{2028}' | '\u{2029}') => " ",
        (Target::Html, '\\') => "\\\\",
        (Target::Html, '&') => "&amp;",
        (Target::Html, '<') => "&lt;",
        (Target::Html, '>') => "&gt;",
        (Target::Html, '"') => "&quot;",
        (Target::Html, '\'') => "&#39;",
        // Graphviz 2.43's HTML-label lexer rejects a text that is a lone `]` (`<b>]</b>`).
        (Target::Html, ']') => "&#93;",
        (_, '\u{FFFE}' | '\u{FFFF}') => "\u{FFFD}",
        (_, c) if c.is_control() => " ",
        _ => return None,
    })
}

/// Whether each byte is copied as it is for a target (ASCII other than control characters and
/// the target's special characters), by [`Target`] in declaration order.
static PLAIN: [[bool; 256]; 3] = [
    plain_bytes(Target::Quoted),
    plain_bytes(Target::Tooltip),
    plain_bytes(Target::Html),
];

const fn plain_bytes(target: Target) -> [bool; 256] {
    let mut plain = [false; 256];
    let mut b = 0x20;
    while b < 0x7f {
        plain[b] = match b as u8 {
            b'"' | b'\\' => false,
            b'&' => matches!(target, Target::Quoted),
            b'<' | b'>' | b'\'' | b']' => !matches!(target, Target::Html),
            _ => true,
        };
        b += 1;
    }
    plain
}

/// [`escape_into`] of a text that fits its budget whatever it holds: plain runs are copied
/// whole, other characters escaped one by one.
fn escape_runs(out: &mut String, text: &str, target: Target) {
    let plain = &PLAIN[target as usize];
    let bytes = text.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if plain[usize::from(b)] {
            i += 1;
            continue;
        }
        let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        let next = text
            .get(i + c.len_utf8()..)
            .and_then(|rest| rest.chars().next());
        if let Some(piece) = piece(target, c, next) {
            out.push_str(text.get(run..i).unwrap_or_default());
            out.push_str(piece);
            run = i + c.len_utf8();
        }
        i += c.len_utf8();
    }
    out.push_str(text.get(run..).unwrap_or_default());
}

/// [`escape_into`] character by character, cut with `…` where the budget runs out.
fn escape_cut(out: &mut String, text: &str, target: Target, budget: usize) {
    // Bytes before the content, and the length of `out` after the last piece that leaves room
    // for `…` within the limit.
    let start = out.len();
    let mut room_for_ellipsis = start;
    let mut chars = text.chars().peekable();
    let mut buf = [0u8; 4];
    while let Some(c) = chars.next() {
        let piece: &str = match piece(target, c, chars.peek().copied()) {
            Some(piece) => piece,
            None => c.encode_utf8(&mut buf),
        };
        if out.len() - start + piece.len() > budget {
            out.truncate(room_for_ellipsis);
            if out.len() - start + '…'.len_utf8() <= budget {
                out.push('…');
            }
            break;
        }
        out.push_str(piece);
        if out.len() - start + '…'.len_utf8() <= budget {
            room_for_ellipsis = out.len();
        }
    }
}

/// `text` as a DOT quoted-string id (for node names and values this program computes).
pub(crate) fn quoted(text: &str) -> Id {
    Id::Escaped(escape(text, Target::Quoted))
}

/// Markup for an HTML-like label, owned: built through [`Markup::html`], so that it holds user
/// text only escaped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Markup(String);

impl Markup {
    /// Empty markup.
    pub(crate) fn new() -> Markup {
        Markup::default()
    }

    /// A builder that appends to this markup (the text since its last tag counts towards the
    /// limit of [`Html::text`]).
    pub(crate) fn html(&mut self) -> Html<'_> {
        Html {
            buf: &mut self.0,
            start: 0,
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The markup as written.
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

/// Writes markup for an HTML-like label at the end of a buffer, from escaped text and the
/// label's own tags: user text only enters through [`Html::text`], so a label cannot hold
/// unescaped user text by accident.
#[derive(Debug)]
pub(crate) struct Html<'b> {
    buf: &'b mut String,
    /// Where this markup begins in `buf`.
    start: usize,
}

impl<'b> Html<'b> {
    /// Markup written at the end of `buf` (what `buf` holds already is not part of it).
    pub(crate) fn within(buf: &'b mut String) -> Html<'b> {
        let start = buf.len();
        Html { buf, start }
    }

    /// Appends user text, escaped, cut with `…` where the text since the last tag would
    /// exceed [`MAX_STRING_BYTES`].
    pub(crate) fn text(&mut self, text: &str) -> &mut Html<'b> {
        let markup = self.buf.get(self.start..).unwrap_or_default();
        let run = markup.len() - markup.rfind('>').map_or(0, |i| i + 1);
        let budget = MAX_STRING_BYTES.saturating_sub(run);
        escape_into(self.buf, text, Target::Html, budget);
        self
    }

    /// Appends markup written by this program (tags, attribute values it computed itself).
    /// Never pass user text here.
    pub(crate) fn tag(&mut self, markup: &str) -> &mut Html<'b> {
        self.buf.push_str(markup);
        self
    }

    /// Appends other markup.
    pub(crate) fn append(&mut self, other: &Markup) -> &mut Html<'b> {
        self.buf.push_str(other.as_str());
        self
    }

    /// A left-aligned line break.
    pub(crate) fn line_break(&mut self) -> &mut Html<'b> {
        self.tag(r#"<br align="left"/>"#)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.buf.len() == self.start
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
    fn tooltips_survive_graphviz_unescaping_three_times() {
        assert_eq!(
            escape(r#"C:\Notes & "x" \N"#, Target::Tooltip),
            r#""C:\\\\Notes &amp; \"x\" \\\\N""#
        );
        assert_eq!(escape("a\r\nb\u{7}<b>", Target::Tooltip), "\"a\\nb <b>\"");
    }

    #[test]
    fn long_quoted_strings_are_cut_on_a_character_boundary_with_an_ellipsis() {
        // Fits exactly: not cut.
        let whole = "x".repeat(MAX_STRING_BYTES);
        assert_eq!(escape(&whole, Target::Quoted), format!("\"{whole}\""));
        // One byte more: cut to leave room for `…`.
        let over = format!("{whole}y");
        let cut = format!("\"{}…\"", "x".repeat(MAX_STRING_BYTES - 3));
        assert_eq!(escape(&over, Target::Quoted), cut);
        // Escapes count: a backslash takes 4 bytes in a tooltip and is never split.
        let backslashes = "\\".repeat(MAX_STRING_BYTES);
        let cut = format!("\"{}…\"", "\\\\\\\\".repeat((MAX_STRING_BYTES - 3) / 4));
        assert_eq!(escape(&backslashes, Target::Tooltip), cut);
        // Multi-byte characters are kept whole.
        let wide = "漢".repeat(MAX_STRING_BYTES);
        let t = escape(&wide, Target::Tooltip);
        assert_eq!(
            t,
            format!("\"{}…\"", "漢".repeat((MAX_STRING_BYTES - 3) / 3))
        );
        for target in [Target::Quoted, Target::Tooltip] {
            for text in [&over, &backslashes, &wide, &"&\"\n".repeat(10_000)] {
                let q = escape(text, target);
                assert!(
                    q.len() - 2 <= MAX_STRING_BYTES && q.ends_with("…\""),
                    "{target:?}"
                );
                // Cut no shorter than needed: the longest escape is 5 bytes (`&amp;`).
                assert!(q.len() - 2 > MAX_STRING_BYTES - 5, "{target:?}");
            }
        }
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

    /// Reads a tooltip back as Graphviz does: the DOT lexer (`\"`), entities (`&amp;`), then
    /// `\n` and `\x` (`x`), then the escString expansions (`\\` is `\`; `\N`, `\G`, `\E`,
    /// `\T`, `\H`, `\L` would be replaced, so they must not occur).
    fn untooltip(quoted: &str) -> Option<String> {
        let inner = quoted.strip_prefix('"')?.strip_suffix('"')?;
        let mut lexed = String::new();
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.next()? {
                    '"' => lexed.push('"'),
                    c => {
                        lexed.push('\\');
                        lexed.push(c);
                    }
                },
                '"' | '\n' | '\r' => return None,
                c => lexed.push(c),
            }
        }
        let mut decoded = String::new();
        let mut rest = lexed.as_str();
        while let Some(i) = rest.find('&') {
            decoded.push_str(&rest[..i]);
            rest = rest[i..].strip_prefix("&amp;")?;
            decoded.push('&');
        }
        decoded.push_str(rest);
        let mut unescaped = String::new();
        let mut chars = decoded.chars();
        while let Some(c) = chars.next() {
            match (c, c == '\\') {
                (_, true) => match chars.next()? {
                    'n' | 'l' | 'r' => unescaped.push('\n'),
                    c => unescaped.push(c),
                },
                (c, false) => unescaped.push(c),
            }
        }
        let mut out = String::new();
        let mut chars = unescaped.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next()? {
                    '\\' => out.push('\\'),
                    'N' | 'G' | 'E' | 'T' | 'H' | 'L' => return None,
                    c => {
                        out.push('\\');
                        out.push(c);
                    }
                }
            } else {
                out.push(c);
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
        fn tooltips_read_back_as_written(text in "(?s).{0,40}|[\"\\\\\n\r<>{}&;#NGETHLnlr é漢🙂 a-z]{0,40}") {
            let t = escape(&text, Target::Tooltip);
            proptest::prop_assert_eq!(untooltip(&t), Some(expected(&text, '\n')));
        }

        #[test]
        fn html_text_reads_back_as_written(text in "(?s).{0,40}|[\"'\\\\\n<>{}\\[\\]&;#é漢🙂 a-z]{0,40}") {
            let h = escape(&text, Target::Html);
            proptest::prop_assert_eq!(unhtml(&h), Some(expected(&text, ' ')));
        }
    }

    #[test]
    fn label_text_between_tags_is_cut_below_the_limit() {
        // Zero-width characters: wrapping never shortens a line of them.
        let marks = "\u{301}".repeat(MAX_STRING_BYTES);
        let mut m = Markup::new();
        m.html().tag("<b>").text(&marks);
        let want = format!("<b>{}…", "\u{301}".repeat((MAX_STRING_BYTES - 3) / 2));
        assert_eq!(m.as_str(), want);
        // The budget is for the whole run of text since the last tag.
        let mut m = Markup::new();
        m.html()
            .tag("<b>")
            .text(&"a".repeat(MAX_STRING_BYTES - 10))
            .text("&&&");
        assert_eq!(
            m.as_str(),
            format!("<b>{}&amp;…", "a".repeat(MAX_STRING_BYTES - 10))
        );
        m.html().text("more");
        assert!(m.as_str().ends_with("&amp;…"), "nothing fits any more");
        m.html().line_break().text("b");
        assert!(m.as_str().ends_with("<br align=\"left\"/>b"));
    }

    #[test]
    fn markup_written_into_a_buffer_counts_only_its_own_text() {
        // What the buffer held before (here a `>` and a long text) is not part of the markup.
        let mut buf = format!("x>{}", "a".repeat(MAX_STRING_BYTES));
        let before = buf.len();
        let mut h = Html::within(&mut buf);
        assert!(h.is_empty());
        h.text("b");
        assert!(!h.is_empty());
        assert_eq!(&buf[before..], "b");
    }

    #[test]
    fn html_builder_escapes_only_text() {
        let mut m = Markup::new();
        m.html().tag("<b>").text("<i>").tag("</b>");
        assert_eq!(m.as_str(), "<b>&lt;i&gt;</b>");
    }

    /// The escaping as it was written first, one character at a time: the oracle for
    /// [`escape_into`].
    fn escape_within_oracle(text: &str, target: Target, budget: usize) -> String {
        let quoted = matches!(target, Target::Quoted | Target::Tooltip);
        let mut out = String::with_capacity(text.len().min(MAX_STRING_BYTES) + 2);
        if quoted {
            out.push('"');
        }
        let start = out.len();
        let mut room_for_ellipsis = start;
        let mut chars = text.chars().peekable();
        let mut buf = [0u8; 4];
        while let Some(c) = chars.next() {
            let piece: &str = match (target, c) {
                (_, '\r') if chars.peek() == Some(&'\n') => continue,
                (Target::Quoted | Target::Tooltip, '\n' | '\r' | '\u{2028}' | '\u{2029}') => "\\n",
                (Target::Quoted | Target::Tooltip, '"') => "\\\"",
                (Target::Quoted, '\\') => "\\\\",
                (Target::Tooltip, '\\') => "\\\\\\\\",
                (Target::Tooltip, '&') => "&amp;",
                (Target::Html, '\n' | '\r' | '\u{2028}' | '\u{2029}') => " ",
                (Target::Html, '\\') => "\\\\",
                (Target::Html, '&') => "&amp;",
                (Target::Html, '<') => "&lt;",
                (Target::Html, '>') => "&gt;",
                (Target::Html, '"') => "&quot;",
                (Target::Html, '\'') => "&#39;",
                (Target::Html, ']') => "&#93;",
                (_, '\u{FFFE}' | '\u{FFFF}') => "\u{FFFD}",
                (_, c) if c.is_control() => " ",
                (_, c) => c.encode_utf8(&mut buf),
            };
            if out.len() - start + piece.len() > budget {
                out.truncate(room_for_ellipsis);
                if out.len() - start + '…'.len_utf8() <= budget {
                    out.push('…');
                }
                break;
            }
            out.push_str(piece);
            if out.len() - start + '…'.len_utf8() <= budget {
                room_for_ellipsis = out.len();
            }
        }
        if quoted {
            out.push('"');
        }
        out
    }

    fn target_strategy() -> impl proptest::strategy::Strategy<Value = Target> {
        proptest::sample::select(vec![Target::Quoted, Target::Tooltip, Target::Html])
    }

    proptest::proptest! {
        #[test]
        fn escaping_in_runs_matches_the_oracle(
            text in "(?s).{0,60}|[\"'\\\\\n\r\t<>{}\\[\\]&;#é漢🙂\u{2028}\u{2029}\u{85}\u{7f}\u{FFFE}\u{FFFF} a-z]{0,60}",
            target in target_strategy(),
            budget in proptest::prop_oneof![0usize..40, 40usize..400, proptest::strategy::Just(MAX_STRING_BYTES)],
            prefix in "[a-z>]{0,3}",
        ) {
            let mut out = prefix.clone();
            escape_into(&mut out, &text, target, budget);
            let want = format!("{prefix}{}", escape_within_oracle(&text, target, budget));
            proptest::prop_assert_eq!(out, want);
        }
    }

    #[test]
    fn escaping_long_texts_matches_the_oracle() {
        for text in [
            "\"a\\b&<>']\r\n\u{2028}".repeat(3_000),
            "x".repeat(MAX_STRING_BYTES + 5),
            "é".repeat(MAX_STRING_BYTES / 2),
        ] {
            for target in [Target::Quoted, Target::Tooltip, Target::Html] {
                for budget in [0, 2, 3, 4, 17, 1_000, MAX_STRING_BYTES] {
                    let mut out = String::new();
                    escape_into(&mut out, &text, target, budget);
                    assert_eq!(
                        out,
                        escape_within_oracle(&text, target, budget),
                        "{target:?} {budget}"
                    );
                }
            }
        }
    }
}
