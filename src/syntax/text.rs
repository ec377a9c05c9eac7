//! The text of a statement, argument or heading: joins its lines, resolves `\` escapes, takes out
//! `#tags` and the trailing `{...}` metadata, and finds what Argdown would read differently.

use std::collections::HashSet;

use crate::diagnostic::Code;

use super::lexer::Pos;
use super::sink::Sink;

/// A piece of text on one line, starting at `pos`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Segment {
    pub(crate) pos: Pos,
    pub(crate) text: String,
}

/// Characters with their positions, compactly (a position per character took 24 bytes per
/// character of input: 1.4 GB for a 50 MB line): the characters, and where each run of
/// characters in consecutive columns of one line starts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Placed {
    chars: Vec<char>,
    /// (index in `chars` of a run's first character, its position), by index.
    runs: Vec<(usize, Pos)>,
}

impl Placed {
    /// The segments' characters, joined by a line break (placed after the last character).
    fn new(segments: &[Segment]) -> Placed {
        let count = segments.iter().map(|s| s.text.chars().count() + 1).sum();
        let mut placed = Placed {
            chars: Vec::with_capacity(count),
            runs: Vec::with_capacity(2 * segments.len()),
        };
        for (k, seg) in segments.iter().enumerate() {
            if k > 0 {
                let pos = placed.pos(placed.chars.len().wrapping_sub(1));
                placed
                    .runs
                    .push((placed.chars.len(), pos.unwrap_or(seg.pos)));
                placed.chars.push('\n');
            }
            placed.runs.push((placed.chars.len(), seg.pos));
            placed.chars.extend(seg.text.chars());
        }
        placed
    }

    /// The position of the `i`-th character, if there is one.
    fn pos(&self, i: usize) -> Option<Pos> {
        if i >= self.chars.len() {
            return None;
        }
        let run = self.runs.partition_point(|&(start, _)| start <= i);
        let &(start, p) = self.runs.get(run.checked_sub(1)?)?;
        Some(Pos {
            line: p.line,
            column: p.column + (i - start),
        })
    }

    /// The runs of the characters `from..=to`, renumbered from 0.
    fn runs_of(&self, from: usize, to: usize) -> Vec<(usize, Pos)> {
        let first = self.runs.partition_point(|&(start, _)| start <= from);
        let mut runs: Vec<(usize, Pos)> = self.pos(from).map(|p| (0, p)).into_iter().collect();
        runs.extend(
            self.runs
                .iter()
                .skip(first)
                .take_while(|&&(start, _)| start <= to)
                .map(|&(start, p)| (start - from, p)),
        );
        runs
    }
}

/// The raw `{...}` metadata of an element, with the position of each of its characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawMeta {
    /// The metadata as written, braces included (lines joined with `\n`).
    pub(crate) source: String,
    /// Where the characters of `source` are: as in [`Placed`].
    runs: Vec<(usize, Pos)>,
    /// The number of characters of `source`.
    len: usize,
}

impl RawMeta {
    /// The position of the `index`-th character (the opening brace when out of range).
    pub(crate) fn pos_at(&self, index: usize) -> Pos {
        let index = if index < self.len { index } else { 0 };
        let run = self.runs.partition_point(|&(start, _)| start <= index);
        match run.checked_sub(1).and_then(|r| self.runs.get(r)) {
            Some(&(start, p)) => Pos {
                line: p.line,
                column: p.column + (index - start),
            },
            None => Pos::default(),
        }
    }

    /// The position of the value of `key` (`key: value`), or of the opening brace.
    pub(crate) fn pos_of_value(&self, key: &str) -> Pos {
        let chars: Vec<char> = self.source.chars().collect();
        let key: Vec<char> = key.chars().collect();
        let mut i = 0;
        while i + key.len() <= chars.len() {
            let before_ok = i == 0
                || chars
                    .get(i - 1)
                    .is_some_and(|c| !c.is_alphanumeric() && *c != '_' && *c != '-');
            if before_ok && chars.get(i..i + key.len()) == Some(key.as_slice()) {
                let mut j = i + key.len();
                while chars.get(j).is_some_and(|c| *c == ' ' || *c == '"') {
                    j += 1;
                }
                if chars.get(j) == Some(&':') {
                    j += 1;
                    while chars.get(j).is_some_and(|c| c.is_whitespace()) {
                        j += 1;
                    }
                    return self.pos_at(j);
                }
            }
            i += 1;
        }
        self.pos_at(0)
    }
}

/// What the text of one element holds.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Scanned {
    /// The text with escapes resolved, tags and metadata taken out, whitespace collapsed.
    pub(crate) text: String,
    /// Tags in order of appearance (without `#` and parentheses).
    pub(crate) tags: Vec<String>,
    pub(crate) meta: Option<RawMeta>,
}

/// Whether `c` may appear in a `#tag` (Argdown: letters, digits, `-`, `_`, non-ASCII).
fn is_tag_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_' || (c as u32) >= 0xA0
}

/// Scans the segments of one element's text. Problems go to `sink`.
pub(crate) fn scan(segments: &[Segment], sink: &mut Sink<'_>) -> Scanned {
    scan_with(segments, false, sink)
}

/// Scans a heading: as [`scan`], but tags stay in the text (as in Argdown's section titles).
pub(crate) fn scan_heading(segment: &Segment, sink: &mut Sink<'_>) -> Scanned {
    scan_with(std::slice::from_ref(segment), true, sink)
}

fn scan_with(segments: &[Segment], keep_tags: bool, sink: &mut Sink<'_>) -> Scanned {
    // All characters with their positions; segments are joined by a line break.
    let placed = Placed::new(segments);
    let chars = placed.chars.as_slice();
    let at = |i: usize| chars.get(i).copied();
    let pos = |i: usize| placed.pos(i).unwrap_or_default();
    let mut out = String::with_capacity(segments.iter().map(|s| s.text.len() + 1).sum());
    let mut tags: Vec<String> = Vec::new();
    let mut seen_tags = HashSet::new();
    let mut meta: Option<RawMeta> = None;
    let mut after_meta_reported = false;
    let mut closers = Closers::default();
    let mut i = 0;
    while let Some(c) = at(i) {
        if meta.is_some() && !c.is_whitespace() {
            if !after_meta_reported {
                sink.report(
                    Code::Syntax,
                    "text after the {...} metadata",
                    pos(i),
                    1,
                    Some("metadata must come last: move the text before the `{`".into()),
                );
                after_meta_reported = true;
            }
            i += 1;
            continue;
        }
        match c {
            '\\' => {
                match at(i + 1) {
                    Some(n) if n != '\n' => {
                        out.push(n);
                        i += 2;
                    }
                    _ => {
                        out.push('\\');
                        i += 1;
                    }
                }
                continue;
            }
            '#' => {
                if at(i + 1) == Some('(') {
                    if let Some(close) = closers.find(chars, i + 2, ')') {
                        let tag: String = chars.get(i + 2..close).unwrap_or(&[]).iter().collect();
                        if keep_tags {
                            out.push_str(&format!("#({tag})"));
                        }
                        push_tag(&mut tags, &mut seen_tags, tag);
                        i = close + 1;
                        continue;
                    }
                } else if at(i + 1).is_some_and(is_tag_char) {
                    let mut k = i + 1;
                    while at(k).is_some_and(is_tag_char) {
                        k += 1;
                    }
                    let tag: String = chars.get(i + 1..k).unwrap_or(&[]).iter().collect();
                    if keep_tags {
                        out.push('#');
                        out.push_str(&tag);
                    }
                    push_tag(&mut tags, &mut seen_tags, tag);
                    i = k;
                    continue;
                }
                out.push('#');
                i += 1;
                continue;
            }
            '{' => match matching_brace(chars, i) {
                Some(end) => {
                    let slice = chars.get(i..=end).unwrap_or(&[]);
                    meta = Some(RawMeta {
                        source: slice.iter().collect(),
                        runs: placed.runs_of(i, end),
                        len: slice.len(),
                    });
                    i = end + 1;
                    continue;
                }
                None => {
                    sink.report(
                        Code::BadMetadata,
                        "metadata `{` is never closed",
                        pos(i),
                        1,
                        Some("close the metadata with `}` at the end of the text".into()),
                    );
                    // Nothing after an unclosed brace is text.
                    break;
                }
            },
            '.' | ':' => {
                // A special character (`.^.`, `:love:`): the shortest run of non-blank
                // characters between two equal delimiters, if Argdown knows the name.
                let mut k = i + 1;
                while at(k).is_some_and(|n| !n.is_whitespace() && n != c) {
                    k += 1;
                }
                if k > i + 1 && at(k) == Some(c) {
                    let code: String = chars.get(i..=k).unwrap_or(&[]).iter().collect();
                    let own = sink
                        .shortcodes
                        .iter()
                        .find(|(name, _)| *name == code)
                        .map(|(_, u)| u.as_str());
                    if let Some(symbol) = own.or_else(|| super::shortcodes::lookup(&code)) {
                        out.push_str(symbol);
                        i = k + 1;
                        continue;
                    }
                }
            }
            '@' if matches!(at(i + 1), Some('[' | '<')) => {
                // A mention (`@[Title]`, `@<Title>`) is text, as in Argdown.
                let close = if at(i + 1) == Some('[') { ']' } else { '>' };
                if let Some(end) = closers.find(chars, i + 2, close) {
                    out.extend(chars.get(i..=end).unwrap_or(&[]));
                    i = end + 1;
                    continue;
                }
            }
            '[' | '<' => {
                let close = if c == '[' { ']' } else { '>' };
                if c == '[' {
                    if let Some(end) = closers.link_end(chars, i) {
                        out.extend(chars.get(i..end).unwrap_or(&[]));
                        i = end;
                        continue;
                    }
                }
                let dash = at(i + 1) == Some('-');
                if let (false, Some(end)) = (dash, closers.find(chars, i + 1, close)) {
                    let what = if c == '[' {
                        "a statement"
                    } else {
                        "an argument"
                    };
                    sink.report(
                        Code::Syntax,
                        format!(
                            "{c}...{close} inside a text: Argdown reads it as {what} reference"
                        ),
                        pos(i),
                        end + 1 - i,
                        Some(format!(
                            "escape the bracket as `\\{c}`, or put {what} on a line of its own"
                        )),
                    );
                    out.extend(chars.get(i..=end).unwrap_or(&[]));
                    i = end + 1;
                    continue;
                }
            }
            _ => {}
        }
        out.push(c);
        i += 1;
    }
    Scanned {
        text: collapse_whitespace(&out),
        tags,
        meta,
    }
}

/// Adds `tag` to `tags` unless it is there already. Past a few tags, `seen` holds them all, so
/// that very many tags still take linear time.
pub(crate) fn push_tag(tags: &mut Vec<String>, seen: &mut HashSet<String>, tag: String) {
    const FEW: usize = 16;
    if tags.len() < FEW {
        if !tags.contains(&tag) {
            tags.push(tag);
        }
        return;
    }
    if seen.len() < tags.len() {
        seen.extend(tags.iter().cloned());
    }
    if seen.insert(tag.clone()) {
        tags.push(tag);
    }
}

/// Finds closing characters on the lines of a text, remembering where one is missing, so that
/// a line full of openers without their closer is read once, not once per opener.
#[derive(Default)]
struct Closers {
    /// (closing character, from, to): the character does not occur in `chars[from..to]`,
    /// which ends at a line end (or the end of the text).
    missing: Vec<(char, usize, usize)>,
}

impl Closers {
    /// The index of the first `close` at or after `from` on the same line, if there is one
    /// and it is not at `from` itself.
    fn find(&mut self, chars: &[char], from: usize, close: char) -> Option<usize> {
        if self
            .missing
            .iter()
            .any(|&(c, start, end)| c == close && start <= from && from <= end)
        {
            return None;
        }
        let mut end = chars.len();
        for (k, c) in chars.iter().enumerate().skip(from) {
            if *c == close {
                return (k > from).then_some(k);
            }
            if *c == '\n' {
                end = k;
                break;
            }
        }
        self.missing.retain(|&(c, _, _)| c != close);
        self.missing.push((close, from, end));
        None
    }

    /// The end (exclusive) of a Markdown link `[text](url)` starting at `start`, on one line.
    fn link_end(&mut self, chars: &[char], start: usize) -> Option<usize> {
        let close = self.find(chars, start + 1, ']')?;
        if chars.get(close + 1) != Some(&'(') {
            return None;
        }
        let paren = self.find(chars, close + 2, ')')?;
        Some(paren + 1)
    }
}

/// The index of the `}` that closes the `{` at `start` (nesting and YAML quotes respected).
fn matching_brace(chars: &[char], start: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut k = start;
    while let Some(c) = chars.get(k) {
        let c = *c;
        if let Some(q) = quote {
            if c == '\\' && q == '"' {
                k += 2;
                continue;
            }
            if c == q {
                quote = None;
            }
        } else {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return Some(k);
                    }
                }
                '"' | '\'' => quote = Some(c),
                _ => {}
            }
        }
        k += 1;
    }
    None
}

/// Runs of whitespace (line breaks included) become one space; the ends are trimmed.
pub(crate) fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;

    fn run(lines: &[&str]) -> (Scanned, Vec<Diagnostic>) {
        let segments: Vec<Segment> = lines
            .iter()
            .enumerate()
            .map(|(n, t)| Segment {
                pos: Pos {
                    line: n + 1,
                    column: 1,
                },
                text: t.to_string(),
            })
            .collect();
        let mut diagnostics = Vec::new();
        let mut sink = Sink {
            file: "t.argdown".into(),
            lines,
            diagnostics: &mut diagnostics,
            shortcodes: &[],
        };
        let s = scan(&segments, &mut sink);
        (s, diagnostics)
    }

    #[test]
    fn joins_lines_and_collapses_whitespace() {
        let (s, d) = run(&["Some  text", "  continues here. "]);
        assert_eq!(s.text, "Some text continues here.");
        assert!(d.is_empty());
    }

    #[test]
    fn takes_out_tags_and_metadata() {
        let (s, d) = run(&["a #pro b #(multi word) c {side: pro,", " cite: \"m:1\"}"]);
        assert_eq!(s.text, "a b c");
        assert_eq!(s.tags, vec!["pro", "multi word"]);
        let meta = s.meta.unwrap();
        assert_eq!(meta.source, "{side: pro,\n cite: \"m:1\"}");
        assert_eq!(meta.pos_of_value("cite"), Pos { line: 2, column: 8 });
        assert!(d.is_empty());
    }

    #[test]
    fn special_characters() {
        let (s, _) = run(&[".~.(p .^. q) :love: e.g. 10:30:00 .unknown."]);
        assert_eq!(s.text, "¬(p ∧ q) 😍 e.g. 10:30:00 .unknown.");
    }

    #[test]
    fn escapes_and_links_stay_text() {
        let (s, d) = run(&["\\#no tag \\[x] and [link](http://x.org) # alone"]);
        assert_eq!(s.text, "#no tag [x] and [link](http://x.org) # alone");
        assert!(s.tags.is_empty());
        assert!(d.is_empty());
    }

    #[test]
    fn reports_references_in_text_and_text_after_metadata() {
        let (_, d) = run(&["a [B] c <D> {x: 1} tail"]);
        let codes: Vec<&str> = d.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, vec!["E001", "E001", "E001"]);
        assert_eq!(d[0].column, 3);
        assert_eq!(d[1].column, 9);
        assert_eq!(d[2].column, 20);
    }

    #[test]
    fn mentions_are_text_and_unclosed_metadata_is_e012() {
        let (s, d) = run(&["see @[A] and @<B> {x: 1"]);
        assert_eq!(s.text, "see @[A] and @<B>");
        let codes: Vec<&str> = d.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, vec!["E012"]);
    }

    #[test]
    fn a_missing_closer_on_one_line_does_not_hide_one_on_the_next() {
        let (s, d) = run(&["a [b [c #(d <e", "f [g] h #(i) <j>"]);
        assert_eq!(s.text, "a [b [c #(d <e f [g] h <j>");
        assert_eq!(s.tags, vec!["i"]);
        let places: Vec<(&str, usize, usize)> = d
            .iter()
            .map(|d| (d.code.as_str(), d.line, d.column))
            .collect();
        assert_eq!(places, vec![("E001", 2, 3), ("E001", 2, 14)]);
    }

    #[test]
    fn positions_are_kept_per_run_not_per_character() {
        let seg = |line, column, text: &str| Segment {
            pos: Pos { line, column },
            text: text.to_string(),
        };
        let segments = [
            seg(3, 5, "ab"),
            seg(4, 1, ""),
            seg(5, 3, "cé{d"),
            seg(6, 2, "e}"),
        ];
        let placed = Placed::new(&segments);
        assert_eq!(placed.chars.iter().collect::<String>(), "ab\n\ncé{d\ne}");
        assert_eq!(placed.runs.len(), 7);
        // A position per character, as the scanner used to keep them.
        let mut naive = Vec::new();
        for (k, s) in segments.iter().enumerate() {
            if k > 0 {
                naive.push(naive.last().copied().unwrap_or(s.pos));
            }
            for n in 0..s.text.chars().count() {
                naive.push(Pos {
                    line: s.pos.line,
                    column: s.pos.column + n,
                });
            }
        }
        let placed_pos: Vec<Pos> = (0..placed.chars.len())
            .map(|i| placed.pos(i).unwrap())
            .collect();
        assert_eq!(placed_pos, naive);
        assert_eq!(placed.pos(placed.chars.len()), None);
        // The metadata `{d\ne}` keeps the positions of its characters.
        let meta = RawMeta {
            source: "{d\ne}".into(),
            runs: placed.runs_of(6, 10),
            len: 5,
        };
        let at: Vec<Pos> = (0..6).map(|i| meta.pos_at(i)).collect();
        assert_eq!(at, [&naive[6..=10], &naive[6..=6]].concat());
    }

    #[test]
    fn many_tags_are_kept_once_each_in_order() {
        let mut line: Vec<String> = (0..20).map(|k| format!("#t{k}")).collect();
        line.extend(["#t3".to_string(), "#t19".to_string(), "#t20".to_string()]);
        let (s, _) = run(&[line.join(" ").as_str()]);
        let expected: Vec<String> = (0..21).map(|k| format!("t{k}")).collect();
        assert_eq!(s.tags, expected);
    }
}
