//! The first pass over a file: finds the `===` frontmatter, blanks out comments (keeping every
//! line and column where it was) and classifies each remaining line.
//!
//! Everything here works line by line or character by character with explicit state; nothing
//! recurses, and every function is linear in the length of the text. Outside metadata the text
//! is searched by bytes for the few that matter (all ASCII), and only the lines that blanking
//! changes are copied.

use crate::text::line_starts::LineStarts;

/// 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Pos {
    pub(crate) line: usize,
    pub(crate) column: usize,
}

/// The YAML between the two `===` lines at the top of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FrontmatterBlock {
    /// The YAML text (the lines between the fences, joined with `\n`).
    pub(crate) yaml: String,
    /// The line of the opening `===`.
    pub(crate) first_line: usize,
    /// The line of the closing `===`.
    pub(crate) last_line: usize,
}

/// A problem found while lexing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LexProblem {
    /// `===` opens a frontmatter block that is never closed.
    UnclosedFrontmatter(Pos),
    /// `/*` or `<!--` without its end.
    UnclosedComment(Pos, &'static str),
}

/// A file after the first pass.
#[derive(Debug, Clone)]
pub(crate) struct Lexed<'a> {
    pub(crate) frontmatter: Option<FrontmatterBlock>,
    /// Its lines, as written and with comments blanked out.
    pub(crate) lines: Lines<'a>,
    pub(crate) problems: Vec<LexProblem>,
}

/// The lines of a file, as written and with comments (and the frontmatter) replaced by spaces,
/// one space per character. Only the lines that blanking changes are held a second time.
#[derive(Debug, Clone)]
pub(crate) struct Lines<'a> {
    /// Every line of the file as written (see [`crate::text::lines::split_lines`]); the index
    /// is the line number minus one.
    pub(crate) raw: LineStarts<'a>,
    /// The lines that blanking changed, by index.
    changed: Vec<Changed>,
}

/// A line that blanking changed.
#[derive(Debug, Clone)]
struct Changed {
    /// The line number minus one.
    index: usize,
    /// The line with comments (or the frontmatter) blanked.
    text: String,
    /// The line was not blank but holds only comments or frontmatter: the parser passes over
    /// it as if it were not there (it does not end a paragraph, as in Argdown).
    hidden: bool,
}

impl Lines<'_> {
    /// The number of lines.
    pub(crate) fn len(&self) -> usize {
        self.raw.len()
    }

    /// Line `i` (0-based) with comments blanked.
    pub(crate) fn get(&self, i: usize) -> Option<&str> {
        match self.changed.binary_search_by_key(&i, |c| c.index) {
            Ok(k) => self.changed.get(k).map(|c| c.text.as_str()),
            Err(_) => self.raw.get(i),
        }
    }

    /// Every line with comments blanked, in order, and whether it is hidden (not blank as
    /// written, but only comments or frontmatter).
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, bool)> + '_ {
        let mut changed = self.changed.iter().peekable();
        self.raw
            .iter()
            .enumerate()
            .map(move |(i, raw)| match changed.next_if(|c| c.index == i) {
                Some(c) => (c.text.as_str(), c.hidden),
                None => (raw, false),
            })
    }
}

/// Lexes one file: frontmatter, comments, lines.
pub(crate) fn lex(text: &str) -> Lexed<'_> {
    let raw = LineStarts::new(text);
    let mut problems = Vec::new();
    let mut frontmatter = None;
    let mut body_start = 0;
    // The frontmatter opens at the first non-blank line when that line starts with `===`.
    if let Some(first) = raw.iter().position(|l| !l.trim().is_empty()) {
        if raw.get(first).is_some_and(|l| l.trim().starts_with("===")) {
            let close = raw
                .iter()
                .enumerate()
                .skip(first + 1)
                .find(|(_, l)| l.trim().starts_with("==="))
                .map(|(i, _)| i);
            match close {
                Some(close) => {
                    let yaml = (first + 1..close)
                        .filter_map(|i| raw.get(i))
                        .collect::<Vec<_>>()
                        .join("\n");
                    frontmatter = Some(FrontmatterBlock {
                        yaml,
                        first_line: first + 1,
                        last_line: close + 1,
                    });
                    body_start = close + 1;
                }
                None => problems.push(LexProblem::UnclosedFrontmatter(Pos {
                    line: first + 1,
                    column: 1,
                })),
            }
        }
    }
    // The lines up to the end of the frontmatter are blank.
    let mut changed: Vec<Changed> = raw
        .iter()
        .take(body_start)
        .enumerate()
        .map(|(index, l)| Changed {
            index,
            text: " ".repeat(l.chars().count()),
            hidden: !l.trim().is_empty(),
        })
        .collect();
    let blanks = blank_comments(text, &raw, body_start, &mut problems);
    apply_blanks(&raw, &blanks, &mut changed);
    Lexed {
        frontmatter,
        lines: Lines { raw, changed },
        problems,
    }
}

/// The first byte at or after `from` in `line` that may change the state of [`blank_comments`]
/// outside metadata (or the end of the line): where a comment opens (`/`, `<`), what protects
/// from one (`[`, `<`, `#`, `\`) and where metadata opens (`{`). Every other character is
/// passed over.
fn next_special(line: &[u8], from: usize) -> usize {
    let rest = line.get(from..).unwrap_or(&[]);
    // One pass for all six bytes: two searches of three each (the first to the line's end)
    // made a line of a hundred thousand `[` quadratic.
    from + rest
        .iter()
        .position(|&b| SPECIAL[usize::from(b)])
        .unwrap_or(rest.len())
}

/// The bytes [`next_special`] stops at.
const SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut k = 0;
    let bytes = *b"\\/<[#{";
    while k < bytes.len() {
        table[bytes[k] as usize] = true;
        k += 1;
    }
    table
};

/// Finds the `//` line comments, `/* */` and `<!-- -->` block comments of `lines[first..]`
/// (the lines of `text`), as byte ranges `(line index, from, to)` in the order of the text.
/// Inside `{...}` metadata (which may span lines, until a blank line) nothing is a comment, so
/// URLs survive. A block comment that is never closed is reported and its opener read as text.
///
/// The lines are read in place, by bytes: outside metadata, the search jumps from one byte
/// that matters ([`next_special`]) to the next.
fn blank_comments(
    text: &str,
    lines: &LineStarts<'_>,
    first: usize,
    problems: &mut Vec<LexProblem>,
) -> Vec<(usize, usize, usize)> {
    // The byte ranges to blank, as (line index, from, to), in the order of the text.
    let mut blanks: Vec<(usize, usize, usize)> = Vec::new();
    // Where line `l` starts in `text` (the lines are slices of it).
    let start_of = |l: usize| lines.start(l).unwrap_or(text.len());
    let body_start = start_of(first);
    let body = text.as_bytes().get(body_start..).unwrap_or(&[]);
    // Every comment opens with `/` (`//`, `/*`) or `<!--`: a text with neither has none, and
    // its lines need no reading here (most maps hold no comment).
    if memchr::memchr(b'/', body).is_none() && memchr::memmem::find(body, b"<!--").is_none() {
        return blanks;
    }
    // Where the last `*/` and `-->` start in `text`: a comment opened before it is closed (so
    // an unclosed opener costs no search to the end of the text). Looked for at the first
    // opener of each kind, once.
    let mut last_block_end: Option<Option<usize>> = None;
    let mut last_html_end: Option<Option<usize>> = None;
    let mut brackets = BracketSearch::default();
    let mut depth: usize = 0;
    let mut quote: Option<char> = None;
    let mut line_is_blank = true;
    let (mut l, mut b) = (first, 0);
    while let Some(line) = lines.get(l) {
        if depth == 0 && quote.is_none() {
            // Outside metadata, only the special bytes matter (all ASCII, so the place found
            // is a character boundary: see `next_special`). Whether the line is blank matters only inside
            // metadata, which a special byte (`{`) opens.
            b = next_special(line.as_bytes(), b);
        }
        let rest = line.get(b..).unwrap_or("");
        let mut it = rest.chars();
        let Some(c) = it.next() else {
            // The end of a line: a blank line ends open metadata.
            if line_is_blank {
                depth = 0;
                quote = None;
            }
            line_is_blank = true;
            (l, b) = (l + 1, 0);
            continue;
        };
        let next = it.next();
        if !c.is_whitespace() {
            line_is_blank = false;
        }
        if let Some(q) = quote {
            match next {
                Some(n) if c == '\\' && q == '"' => b += 1 + n.len_utf8(),
                _ => {
                    if c == q {
                        quote = None;
                    }
                    b += c.len_utf8();
                }
            }
            continue;
        }
        if let (true, Some(n)) = (c == '\\', next) {
            b += 1 + n.len_utf8();
            continue;
        }
        if depth > 0 {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                '"' | '\'' => quote = Some(c),
                _ => {}
            }
            b += c.len_utf8();
            continue;
        }
        if rest.starts_with("//") {
            blanks.push((l, b, line.len()));
            b = line.len();
            continue;
        }
        let opener = if rest.starts_with("/*") {
            let last = *last_block_end.get_or_insert_with(|| rfind(body, b"*/"));
            Some(("/*", "*/", last.map(|k| body_start + k)))
        } else if rest.starts_with("<!--") {
            let last = *last_html_end.get_or_insert_with(|| rfind(body, b"-->"));
            Some(("<!--", "-->", last.map(|k| body_start + k)))
        } else {
            None
        };
        match opener {
            Some((name, close, last_close)) => {
                let after = start_of(l) + b + name.len();
                if last_close.is_some_and(|last| last >= after) {
                    let (end_line, end) = find_from(text, lines, (l, after), close)
                        .map(|(cl, k)| (cl, k + close.len()))
                        .unwrap_or((l, line.len()));
                    for k in l..=end_line {
                        let from = if k == l { b } else { 0 };
                        let to = if k == end_line {
                            end
                        } else {
                            lines.get(k).map_or(0, |s| s.len())
                        };
                        blanks.push((k, from, to));
                    }
                    (l, b) = (end_line, end);
                } else {
                    let column = line.get(..b).unwrap_or("").chars().count() + 1;
                    problems.push(LexProblem::UnclosedComment(
                        Pos {
                            line: l + 1,
                            column,
                        },
                        name,
                    ));
                    b += c.len_utf8();
                }
            }
            None => {
                // `[...]`, `[text](url)` and `<...>` are read whole by Argdown: no comment
                // inside.
                if c == '[' || c == '<' {
                    if let Some(end) = brackets.end(line, l, b) {
                        b = end;
                        continue;
                    }
                }
                // A `#(tag)` is read whole too.
                if c == '#' && next == Some('(') {
                    if let Some(close) = brackets.find(line, l, b + 2, b')') {
                        b = close + 1;
                        continue;
                    }
                }
                if c == '{' {
                    depth += 1;
                }
                b += c.len_utf8();
            }
        }
    }
    blanks
}

/// Where the last `pat` starts in `bytes`: found from the end by its last byte.
fn rfind(bytes: &[u8], pat: &[u8]) -> Option<usize> {
    let (&last, _) = pat.split_last()?;
    memchr::memrchr_iter(last, bytes).find_map(|k| {
        let start = (k + 1).checked_sub(pat.len())?;
        (bytes.get(start..=k)? == pat).then_some(start)
    })
}

/// The first `pat` at or after byte `from` of `text`, which is in line `l` of `lines` (the
/// lines of `text`), as (line index, byte in that line).
fn find_from(
    text: &str,
    lines: &LineStarts<'_>,
    (mut l, from): (usize, usize),
    pat: &str,
) -> Option<(usize, usize)> {
    let found = from + memchr::memmem::find(text.as_bytes().get(from..)?, pat.as_bytes())?;
    // The line that holds it: a pattern holds no line end, so it is inside one line.
    while lines.start(l + 1).is_some_and(|next| next <= found) {
        l += 1;
    }
    let start = lines.start(l)?;
    Some((l, found - start))
}

/// Records the lines with the byte ranges `blanks` (sorted, not overlapping) replaced by one
/// space per character in `changed` (after the lines already there, which come before them).
fn apply_blanks(
    lines: &LineStarts<'_>,
    blanks: &[(usize, usize, usize)],
    changed: &mut Vec<Changed>,
) {
    let mut k = 0;
    while let Some(&(l, _, _)) = blanks.get(k) {
        let line = lines.get(l).unwrap_or("");
        let mut s = String::with_capacity(line.len());
        let mut kept = 0;
        while let Some(&(_, from, to)) = blanks.get(k).filter(|&&(bl, _, _)| bl == l) {
            s.push_str(line.get(kept..from).unwrap_or(""));
            s.extend(line.get(from..to).unwrap_or("").chars().map(|_| ' '));
            kept = to;
            k += 1;
        }
        s.push_str(line.get(kept..).unwrap_or(""));
        if s != line {
            changed.push(Changed {
                index: l,
                hidden: !line.trim().is_empty() && s.trim().is_empty(),
                text: s,
            });
        }
    }
}

/// Finds the end of `[title]`, `[text](url)` and `<title>` on a line, remembering on which line
/// a closing character is missing after some point: the bytes searched grow along a line, so
/// a later search on the same line cannot find it either (each line is read at most once per
/// closing character).
#[derive(Default)]
struct BracketSearch {
    /// For `]`, `>` and `)`: the line index on which it no longer occurs.
    missing: [Option<usize>; 3],
}

impl BracketSearch {
    /// The first `close` in `line` (index `l`) at or after byte `from`.
    fn find(&mut self, line: &str, l: usize, from: usize, close: u8) -> Option<usize> {
        let slot = match close {
            b']' => 0,
            b'>' => 1,
            _ => 2,
        };
        if self.missing.get(slot).copied().flatten() == Some(l) {
            return None;
        }
        let found = line
            .as_bytes()
            .get(from..)
            .and_then(|s| s.iter().position(|&x| x == close))
            .map(|k| from + k);
        if found.is_none() {
            if let Some(m) = self.missing.get_mut(slot) {
                *m = Some(l);
            }
        }
        found
    }

    /// The end (exclusive byte) of a `[title]`, `[text](url)` or `<title>` starting at byte
    /// `start` of `line` (index `l`), as Argdown's lexer would take it.
    fn end(&mut self, line: &str, l: usize, start: usize) -> Option<usize> {
        let open = *line.as_bytes().get(start)?;
        let close = if open == b'[' { b']' } else { b'>' };
        let end = self
            .find(line, l, start + 1, close)
            .filter(|&k| k > start + 1)?;
        if open == b'[' && line.as_bytes().get(end + 1) == Some(&b'(') {
            if let Some(paren) = self.find(line, l, end + 2, b')') {
                return Some(paren + 1);
            }
        }
        Some(end + 1)
    }
}

/// The lexer as it was before it searched by bytes and kept only the changed lines: the oracle
/// the property test compares [`lex`] with.
#[cfg(test)]
mod oracle {
    use std::borrow::Cow;

    use super::{BracketSearch, FrontmatterBlock, LexProblem, Pos};
    use crate::text::lines::split_lines;

    /// A file after the first pass.
    #[derive(Debug, Clone)]
    pub(super) struct Lexed<'a> {
        pub(super) frontmatter: Option<FrontmatterBlock>,
        /// Every line of the file as written (see [`split_lines`]); the index is the line number
        /// minus one.
        pub(super) raw: Vec<&'a str>,
        /// Every line of the file with comments (and the frontmatter) replaced by spaces, one
        /// space per character; a line without any borrows from the text. The index is the line
        /// number minus one.
        pub(super) lines: Vec<Cow<'a, str>>,
        /// Lines that were not blank but hold only comments or frontmatter: the parser passes
        /// over them as if they were not there (they do not end a paragraph, as in Argdown).
        pub(super) hidden: Vec<bool>,
        pub(super) problems: Vec<LexProblem>,
    }

    /// Lexes one file: frontmatter, comments, lines.
    pub(super) fn lex(text: &str) -> Lexed<'_> {
        let raw = split_lines(text);
        let mut problems = Vec::new();
        let mut frontmatter = None;
        let mut body_start = 0;
        // The frontmatter opens at the first non-blank line when that line starts with `===`.
        if let Some(first) = raw.iter().position(|l| !l.trim().is_empty()) {
            if raw.get(first).is_some_and(|l| l.trim().starts_with("===")) {
                let close = raw
                    .iter()
                    .enumerate()
                    .skip(first + 1)
                    .find(|(_, l)| l.trim().starts_with("==="))
                    .map(|(i, _)| i);
                match close {
                    Some(close) => {
                        let yaml = raw.get(first + 1..close).unwrap_or(&[]).join("\n");
                        frontmatter = Some(FrontmatterBlock {
                            yaml,
                            first_line: first + 1,
                            last_line: close + 1,
                        });
                        body_start = close + 1;
                    }
                    None => problems.push(LexProblem::UnclosedFrontmatter(Pos {
                        line: first + 1,
                        column: 1,
                    })),
                }
            }
        }
        let mut lines: Vec<Cow<'_, str>> = Vec::with_capacity(raw.len());
        lines.extend(
            raw.iter()
                .take(body_start)
                .map(|l| Cow::Owned(" ".repeat(l.chars().count()))),
        );
        let (blanked, comment_problems) =
            blank_comments(raw.get(body_start..).unwrap_or(&[]), body_start);
        lines.extend(blanked);
        problems.extend(comment_problems);
        let hidden = raw
            .iter()
            .zip(&lines)
            .map(|(r, l)| !r.trim().is_empty() && l.trim().is_empty())
            .collect();
        Lexed {
            frontmatter,
            raw,
            lines,
            hidden,
            problems,
        }
    }

    /// Replaces `//` line comments, `/* */` and `<!-- -->` block comments by spaces (one per
    /// character). Inside `{...}` metadata (which may span lines, until a blank line) nothing is a
    /// comment, so URLs survive. A block comment that is never closed is reported and its opener
    /// read as text. `line_offset` is the number of lines before `lines` in the file.
    ///
    /// The lines are read in place, by byte offsets; only the lines that hold a comment are copied.
    fn blank_comments<'a>(
        lines: &[&'a str],
        line_offset: usize,
    ) -> (Vec<Cow<'a, str>>, Vec<LexProblem>) {
        let mut problems = Vec::new();
        // The byte ranges to blank, as (line index, from, to), in the order of the text.
        let mut blanks: Vec<(usize, usize, usize)> = Vec::new();
        // The place (line index, byte) of the last occurrence of `pat`: a comment opened before it
        // is closed (so an unclosed opener costs no search to the end of the text).
        let last_of = |pat: &str| {
            lines
                .iter()
                .enumerate()
                .rev()
                .find_map(|(l, s)| s.rfind(pat).map(|b| (l, b)))
        };
        let last_block_end = last_of("*/");
        let last_html_end = last_of("-->");
        let mut brackets = BracketSearch::default();
        let mut depth: usize = 0;
        let mut quote: Option<char> = None;
        let mut line_is_blank = true;
        let (mut l, mut b) = (0, 0);
        while let Some(line) = lines.get(l) {
            let rest = line.get(b..).unwrap_or("");
            let mut it = rest.chars();
            let Some(c) = it.next() else {
                // The end of a line: a blank line ends open metadata.
                if line_is_blank {
                    depth = 0;
                    quote = None;
                }
                line_is_blank = true;
                (l, b) = (l + 1, 0);
                continue;
            };
            let next = it.next();
            if !c.is_whitespace() {
                line_is_blank = false;
            }
            if let Some(q) = quote {
                match next {
                    Some(n) if c == '\\' && q == '"' => b += 1 + n.len_utf8(),
                    _ => {
                        if c == q {
                            quote = None;
                        }
                        b += c.len_utf8();
                    }
                }
                continue;
            }
            if let (true, Some(n)) = (c == '\\', next) {
                b += 1 + n.len_utf8();
                continue;
            }
            if depth > 0 {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    '"' | '\'' => quote = Some(c),
                    _ => {}
                }
                b += c.len_utf8();
                continue;
            }
            if rest.starts_with("//") {
                blanks.push((l, b, line.len()));
                b = line.len();
                continue;
            }
            let opener = if rest.starts_with("/*") {
                Some(("/*", "*/", last_block_end))
            } else if rest.starts_with("<!--") {
                Some(("<!--", "-->", last_html_end))
            } else {
                None
            };
            match opener {
                Some((name, close, last_close)) => {
                    let after = (l, b + name.len());
                    if last_close.is_some_and(|last| last >= after) {
                        let (end_line, end) = find_from(lines, after, close)
                            .map(|(cl, k)| (cl, k + close.len()))
                            .unwrap_or((l, line.len()));
                        for k in l..=end_line {
                            let from = if k == l { b } else { 0 };
                            let to = if k == end_line {
                                end
                            } else {
                                lines.get(k).map_or(0, |s| s.len())
                            };
                            blanks.push((k, from, to));
                        }
                        (l, b) = (end_line, end);
                    } else {
                        let column = line.get(..b).unwrap_or("").chars().count() + 1;
                        problems.push(LexProblem::UnclosedComment(
                            Pos {
                                line: line_offset + l + 1,
                                column,
                            },
                            name,
                        ));
                        b += c.len_utf8();
                    }
                }
                None => {
                    // `[...]`, `[text](url)` and `<...>` are read whole by Argdown: no comment
                    // inside.
                    if c == '[' || c == '<' {
                        if let Some(end) = brackets.end(line, l, b) {
                            b = end;
                            continue;
                        }
                    }
                    // A `#(tag)` is read whole too.
                    if c == '#' && next == Some('(') {
                        if let Some(close) = brackets.find(line, l, b + 2, b')') {
                            b = close + 1;
                            continue;
                        }
                    }
                    if c == '{' {
                        depth += 1;
                    }
                    b += c.len_utf8();
                }
            }
        }
        (apply_blanks(lines, &blanks), problems)
    }

    /// The first `pat` at or after `(line index, byte)`, as (line index, byte).
    fn find_from(
        lines: &[&str],
        (mut l, mut from): (usize, usize),
        pat: &str,
    ) -> Option<(usize, usize)> {
        loop {
            let line = lines.get(l)?;
            if let Some(k) = line.get(from..).and_then(|s| s.find(pat)) {
                return Some((l, from + k));
            }
            (l, from) = (l + 1, 0);
        }
    }

    /// The lines with the byte ranges `blanks` (sorted, not overlapping) replaced by one space per
    /// character.
    fn apply_blanks<'a>(lines: &[&'a str], blanks: &[(usize, usize, usize)]) -> Vec<Cow<'a, str>> {
        let mut blanks = blanks.iter().peekable();
        let mut out = Vec::with_capacity(lines.len());
        for (l, &line) in lines.iter().enumerate() {
            if blanks.peek().is_none_or(|&&(bl, _, _)| bl != l) {
                out.push(Cow::Borrowed(line));
                continue;
            }
            let mut s = String::with_capacity(line.len());
            let mut kept = 0;
            while let Some(&(_, from, to)) = blanks.next_if(|&&(bl, _, _)| bl == l) {
                s.push_str(line.get(kept..from).unwrap_or(""));
                s.extend(line.get(from..to).unwrap_or("").chars().map(|_| ' '));
                kept = to;
            }
            s.push_str(line.get(kept..).unwrap_or(""));
            out.push(Cow::Owned(s));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn blanks_comments_keeping_columns() {
        let l = lex("[A]: a // note\n/* x\ny */ [B]\n<!-- c --> t");
        assert_eq!(l.lines.get(0).unwrap(), "[A]: a        ");
        assert_eq!(l.lines.get(1).unwrap(), "    ");
        assert_eq!(l.lines.get(2).unwrap(), "     [B]");
        assert_eq!(l.lines.get(3).unwrap(), "           t");
        assert!(l.problems.is_empty());
    }

    #[test]
    fn metadata_protects_urls() {
        let l = lex("[A]: a {url: \"http://x.org\"} // c");
        assert_eq!(
            l.lines.get(0).unwrap(),
            "[A]: a {url: \"http://x.org\"}     "
        );
    }

    #[test]
    fn links_and_titles_protect_slashes() {
        let l = lex("[A]: see [memo](http://x.org/a) and <a//b> // c");
        assert_eq!(
            l.lines.get(0).unwrap(),
            "[A]: see [memo](http://x.org/a) and <a//b>     "
        );
    }

    #[test]
    fn tags_in_parentheses_protect_comment_openers() {
        let l = lex("<A> #(*/*/[) #(a // b) // c\n[B]: #(x /* y");
        assert_eq!(l.lines.get(0).unwrap(), "<A> #(*/*/[) #(a // b)     ");
        assert_eq!(
            l.problems,
            vec![LexProblem::UnclosedComment(
                Pos {
                    line: 2,
                    column: 10
                },
                "/*"
            )]
        );
    }

    #[test]
    fn finds_frontmatter() {
        let l = lex("\n===\ntitle: T\n===\n[A]: a");
        let fm = l.frontmatter.unwrap();
        assert_eq!(fm.yaml, "title: T");
        assert_eq!((fm.first_line, fm.last_line), (2, 4));
        assert_eq!(l.lines.get(4).unwrap(), "[A]: a");
        assert_eq!(l.lines.get(2).unwrap().trim(), "");
    }

    #[test]
    fn unclosed_comment_is_reported_and_text_kept() {
        let l = lex("[A]: a /* open\n[B]: b");
        assert_eq!(
            l.problems,
            vec![LexProblem::UnclosedComment(
                Pos { line: 1, column: 8 },
                "/*"
            )]
        );
        assert_eq!(l.lines.get(0).unwrap(), "[A]: a /* open");
        assert_eq!(l.lines.get(1).unwrap(), "[B]: b");
    }

    #[test]
    fn blanks_each_character_as_one_space_around_other_text() {
        let l = lex("é /* ü */ x // ö\n<!-- ä\nß --> y");
        assert_eq!(
            l.lines.get(0).unwrap(),
            format!("é {} x {}", " ".repeat(7), " ".repeat(4))
        );
        assert_eq!(l.lines.get(1).unwrap(), "      ");
        assert_eq!(l.lines.get(2).unwrap(), "      y");
        // Only the changed lines are held again.
        assert_eq!(l.lines.changed.len(), 3);
        assert!(lex("[A]: a\n\n[B]: b").lines.changed.is_empty());
    }

    #[test]
    fn many_openers_without_closers_stay_text() {
        let l = lex("[A]: [a <b [c](d /* e");
        assert_eq!(l.lines.get(0).unwrap(), "[A]: [a <b [c](d /* e");
        assert_eq!(
            l.problems,
            vec![LexProblem::UnclosedComment(
                Pos {
                    line: 1,
                    column: 18
                },
                "/*"
            )]
        );
    }

    #[test]
    fn unclosed_frontmatter_is_reported() {
        let l = lex("===\ntitle: T\n");
        assert!(l.frontmatter.is_none());
        assert_eq!(
            l.problems,
            vec![LexProblem::UnclosedFrontmatter(Pos { line: 1, column: 1 })]
        );
    }

    /// Lines made of what matters to the lexer: comment openers and closers, what protects
    /// from them, metadata, quotes, escapes, multibyte characters, blank lines.
    fn soup() -> impl Strategy<Value = String> {
        let token = prop::sample::select(vec![
            "//",
            "/*",
            "*/",
            "<!--",
            "-->",
            "<",
            ">",
            "[",
            "]",
            "(",
            ")",
            "#(",
            "#",
            "{",
            "}",
            "\\",
            "\"",
            "'",
            "a",
            "b c",
            " ",
            "\t",
            "é",
            "😀",
            "\u{2003}",
            "===",
            "-",
            "*",
            "/",
            "!",
            ":",
            "[A]: a",
            "<B>",
            "http://x.org",
        ]);
        prop::collection::vec(
            prop::collection::vec(token, 0..10).prop_map(|t| t.concat()),
            0..10,
        )
        .prop_map(|lines| lines.join("\n"))
    }

    /// The lexer agrees with the one it replaced on every line, every hidden line, the
    /// frontmatter and the problems.
    fn same_as_oracle(text: &str) -> Result<(), TestCaseError> {
        let new = lex(text);
        let old = oracle::lex(text);
        prop_assert_eq!(&new.frontmatter, &old.frontmatter);
        prop_assert_eq!(&new.problems, &old.problems);
        prop_assert_eq!(&new.lines.raw.iter().collect::<Vec<_>>(), &old.raw);
        prop_assert_eq!(new.lines.len(), old.lines.len());
        let all: Vec<(&str, bool)> = new.lines.iter().collect();
        for (i, line) in old.lines.iter().enumerate() {
            prop_assert_eq!(new.lines.get(i), Some(line.as_ref()), "line {}", i);
            let hidden = old.hidden.get(i).copied();
            prop_assert_eq!(
                all.get(i).copied(),
                Some((line.as_ref(), hidden.unwrap_or(false)))
            );
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]

        #[test]
        fn lexes_as_the_old_lexer_on_token_soup(text in soup()) {
            same_as_oracle(&text)?;
        }

        #[test]
        fn lexes_as_the_old_lexer_with_frontmatter(a in soup(), b in soup(), c in soup()) {
            same_as_oracle(&format!("{a}\n===\n{b}\n===\n{c}"))?;
        }

        #[test]
        fn lexes_as_the_old_lexer_on_any_text(text in any::<String>()) {
            same_as_oracle(&text)?;
        }
    }
}
