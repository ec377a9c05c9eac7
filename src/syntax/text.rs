//! The text of a statement, argument or heading: joins its lines, resolves `\` escapes, takes out
//! `#tags` and the trailing `{...}` metadata, and finds what Argdown would read differently.
//!
//! The text is read by bytes: everything that has a meaning here is ASCII, so the scanner jumps
//! from one such byte to the next, and columns (in characters) are counted only where a
//! diagnostic or the metadata needs them. Whitespace is collapsed as the text is written. A
//! text that needs none of this (one line, no special character, single spaces) is not copied
//! at all: its text is the line itself, trimmed.

use std::borrow::Cow;
use std::collections::HashSet;

use thin_vec::ThinVec;

use crate::diagnostic::Code;

use super::lexer::Pos;
use super::sink::Sink;

/// A piece of text on one line, starting at `pos`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Segment<'a> {
    pub(crate) pos: Pos,
    pub(crate) text: &'a str,
}

/// The raw `{...}` metadata of an element, with the position of each of its characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawMeta {
    /// The metadata as written, braces included (lines joined with `\n`).
    pub(crate) source: String,
    /// Where the characters of `source` are, compactly: (index of the first character of a
    /// run of characters in consecutive columns of one line, its position), by index; of two
    /// runs starting at the same index, the later holds.
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
pub(crate) struct Scanned<'a> {
    /// The text with escapes resolved, tags and metadata taken out, whitespace collapsed; a
    /// slice of the line when that is what it comes to.
    pub(crate) text: Cow<'a, str>,
    /// Tags in order of appearance (without `#` and parentheses).
    pub(crate) tags: ThinVec<String>,
    pub(crate) meta: Option<RawMeta>,
}

/// Whether `c` may appear in a `#tag` (Argdown: letters, digits, `-`, `_`, non-ASCII).
fn is_tag_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_' || (c as u32) >= 0xA0
}

/// Scans the segments of one element's text. Problems go to `sink`.
pub(crate) fn scan<'a>(segments: &[Segment<'a>], sink: &mut Sink<'_>) -> Scanned<'a> {
    scan_with(segments, false, sink)
}

/// Scans a heading: as [`scan`], but tags stay in the text (as in Argdown's section titles).
pub(crate) fn scan_heading<'a>(segment: &Segment<'a>, sink: &mut Sink<'_>) -> Scanned<'a> {
    scan_with(std::slice::from_ref(segment), true, sink)
}

/// The bytes that may mean something in a text (whitespace aside): escapes, tags, metadata,
/// special characters, mentions, references and links. All other bytes are text as written.
const SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    t[b'\\' as usize] = true;
    t[b'#' as usize] = true;
    t[b'{' as usize] = true;
    t[b'.' as usize] = true;
    t[b':' as usize] = true;
    t[b'@' as usize] = true;
    t[b'[' as usize] = true;
    t[b'<' as usize] = true;
    t
};

/// Whether the ASCII byte `b` is whitespace (as [`char::is_whitespace`] says).
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// The bytes at which [`plain`] looks: spaces and other whitespace, what [`scan_with`] reads
/// specially, and every non-ASCII byte (a character that may be whitespace).
const PLAIN_STOP: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = b >= 0x80
            || (b as u8).is_ascii_whitespace()
            || b == 0x0b
            || (SPECIAL[b] && b != b'@' as usize);
        b += 1;
    }
    t
};

/// The text of a line that needs no scanning, trimmed: nothing in it means anything (no
/// escape, tag, metadata, reference, link or known special character) and its only whitespace
/// is single spaces. `None` when the line needs the scanner.
///
/// An ASCII line without suspect bytes (read 32 at a time, without branches) is checked by
/// searches for two spaces and for the delimiters of special characters.
fn plain<'a>(text: &'a str, own: &[(String, String)]) -> Option<&'a str> {
    let bytes = text.as_bytes();
    let suspect = bytes.chunks(32).any(|chunk| {
        chunk.iter().fold(false, |any, &b| {
            any | (b >= 0x80)
                | (b.wrapping_sub(b'\t') < 5)
                | (b == b'\\')
                | (b == b'#')
                | (b == b'{')
                | (b == b'[')
                | (b == b'<')
        })
    });
    if suspect {
        return plain_by_stops(text, own);
    }
    // Two spaces in a row (a pass without branches: building a substring searcher for each
    // text costs more than a node's whole text).
    let double_space = bytes
        .iter()
        .zip(bytes.iter().skip(1))
        .fold(false, |any, (&a, &b)| any | ((a == b' ') & (b == b' ')));
    if double_space
        || memchr::memchr2_iter(b'.', b':', bytes).any(|k| shortcode(text, k, own).is_some())
    {
        return None;
    }
    let start = bytes.iter().position(|&b| b != b' ').unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|&b| b != b' ')
        .map_or(start, |k| k + 1);
    text.get(start..end)
}

/// [`plain`] for a line with non-ASCII characters or other suspect bytes: stops at each byte
/// that may matter.
fn plain_by_stops<'a>(text: &'a str, own: &[(String, String)]) -> Option<&'a str> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(k) = bytes
        .get(i..)
        .and_then(|rest| rest.iter().position(|&b| PLAIN_STOP[usize::from(b)]))
    {
        i += k;
        match bytes.get(i).copied().unwrap_or(0) {
            b' ' if bytes.get(i + 1) != Some(&b' ') => i += 1,
            b'.' | b':' if shortcode(text, i, own).is_none() => i += 1,
            // `@` is not stopped at: it means something only before `[` or `<`, which are.
            0x80.. => {
                let c = text.get(i..)?.chars().next()?;
                if c.is_whitespace() {
                    return None;
                }
                i += c.len_utf8();
            }
            _ => return None,
        }
    }
    let start = bytes.iter().position(|&b| b != b' ').unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|&b| b != b' ')
        .map_or(start, |k| k + 1);
    text.get(start..end)
}

/// The special character (`.^.`, `:love:`) whose delimiter is the byte at `i` of `text`: the
/// shortest run of non-blank characters between two equal delimiters, when the frontmatter
/// (`own`) or Argdown knows the name. Returns what it stands for and the byte after it.
fn shortcode<'s>(text: &str, i: usize, own: &'s [(String, String)]) -> Option<(&'s str, usize)> {
    let delimiter = *text.as_bytes().get(i)?;
    let mut k = i + 1;
    for c in text.get(k..)?.chars() {
        if c.is_whitespace() || c == char::from(delimiter) {
            break;
        }
        k += c.len_utf8();
    }
    if k == i + 1 || text.as_bytes().get(k) != Some(&delimiter) {
        return None;
    }
    let code = text.get(i..=k)?;
    own.iter()
        .find(|(name, _)| name == code)
        .map(|(_, symbol)| symbol.as_str())
        .or_else(|| super::shortcodes::lookup(code))
        .map(|symbol| (symbol, k + 1))
}

/// The number of characters in `bytes` (valid UTF-8): its bytes that are not continuation
/// bytes.
fn chars_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// A text being written with its whitespace collapsed on the way: runs of whitespace (line
/// breaks included) become one space, the ends are trimmed (as [`collapse_whitespace`] does
/// to a whole text).
struct Collapsed {
    out: String,
    /// Whitespace was written since the last word.
    space: bool,
}

impl Collapsed {
    fn with_capacity(n: usize) -> Collapsed {
        Collapsed {
            out: String::with_capacity(n),
            space: false,
        }
    }

    /// Writes `s`.
    fn push_str(&mut self, s: &str) {
        let bytes = s.as_bytes();
        let (mut word, mut k) = (0, 0);
        while let Some(&b) = bytes.get(k) {
            let (space, len) = if b < 0x80 {
                (is_ascii_space(b), 1)
            } else {
                s.get(k..)
                    .and_then(|rest| rest.chars().next())
                    .map_or((false, 1), |c| (c.is_whitespace(), c.len_utf8()))
            };
            if space {
                self.word(s.get(word..k).unwrap_or(""));
                self.space = true;
                word = k + len;
            }
            k += len;
        }
        self.word(s.get(word..).unwrap_or(""));
    }

    /// Writes `c`.
    fn push(&mut self, c: char) {
        self.push_str(c.encode_utf8(&mut [0; 4]));
    }

    /// Writes `w`, which holds no whitespace.
    fn word(&mut self, w: &str) {
        if w.is_empty() {
            return;
        }
        if self.space && !self.out.is_empty() {
            self.out.push(' ');
        }
        self.space = false;
        self.out.push_str(w);
    }
}

/// The segments of a text joined by line breaks, and the places of their characters.
struct Joined<'s, 'a> {
    segments: &'s [Segment<'a>],
    /// The byte where each segment starts in the joined text.
    starts: Vec<usize>,
    /// The last column counted: (segment, byte in it, characters before that byte), so that
    /// places asked for from left to right are counted once.
    counted: (usize, usize, usize),
}

impl<'s, 'a> Joined<'s, 'a> {
    fn new(segments: &'s [Segment<'a>]) -> Joined<'s, 'a> {
        let mut starts = Vec::with_capacity(segments.len());
        let mut at = 0;
        for s in segments {
            starts.push(at);
            at += s.text.len() + 1;
        }
        Joined {
            segments,
            starts,
            counted: (0, 0, 0),
        }
    }

    /// The joined text: the one segment itself, or a copy.
    fn text(&self) -> Cow<'a, str> {
        match self.segments {
            [] => Cow::Borrowed(""),
            [only] => Cow::Borrowed(only.text),
            more => {
                let len = more.iter().map(|s| s.text.len() + 1).sum();
                let mut s = String::with_capacity(len);
                for (k, seg) in more.iter().enumerate() {
                    if k > 0 {
                        s.push('\n');
                    }
                    s.push_str(seg.text);
                }
                Cow::Owned(s)
            }
        }
    }

    /// The number of characters before byte `at` of segment `k`.
    fn column_offset(&mut self, k: usize, at: usize) -> usize {
        let text = self.segments.get(k).map_or("", |s| s.text).as_bytes();
        let (ck, cb, cn) = self.counted;
        let (from, before) = if ck == k && cb <= at {
            (cb, cn)
        } else {
            (0, 0)
        };
        let n = before + chars_in(text.get(from..at).unwrap_or(&[]));
        self.counted = (k, at, n);
        n
    }

    /// The position of the line break after segment `k`: that of the last character before
    /// it (or, when there is none, where the segment after it starts).
    fn break_pos(&mut self, mut k: usize) -> Pos {
        loop {
            let Some(seg) = self.segments.get(k).copied() else {
                return Pos::default();
            };
            if !seg.text.is_empty() {
                let n = self.column_offset(k, seg.text.len());
                return Pos {
                    line: seg.pos.line,
                    column: seg.pos.column + n - 1,
                };
            }
            if k == 0 {
                return self.segments.get(1).map_or(Pos::default(), |s| s.pos);
            }
            k -= 1;
        }
    }

    /// The position of the character at byte `i` of the joined text.
    fn pos(&mut self, i: usize) -> Pos {
        let k = self.starts.partition_point(|&s| s <= i).saturating_sub(1);
        let (Some(&start), Some(seg)) = (self.starts.get(k), self.segments.get(k).copied()) else {
            return Pos::default();
        };
        if i - start < seg.text.len() {
            let n = self.column_offset(k, i - start);
            Pos {
                line: seg.pos.line,
                column: seg.pos.column + n,
            }
        } else {
            self.break_pos(k)
        }
    }

    /// The metadata `text[from..=to]` (`text` is the joined text) with the places of its
    /// characters.
    fn meta(&mut self, text: &str, from: usize, to: usize) -> RawMeta {
        let source = text.get(from..=to).unwrap_or("");
        let mut runs = vec![(0, self.pos(from))];
        // Each line break inside starts a run, and so does the segment after it.
        let index = |b: usize| chars_in(source.as_bytes().get(..b - from).unwrap_or(&[]));
        for k in 0..self.segments.len().saturating_sub(1) {
            let (Some(&start), Some(seg)) = (self.starts.get(k), self.segments.get(k)) else {
                continue;
            };
            let at = start + seg.text.len();
            if at > to {
                break;
            }
            if at > from {
                let pos = self.break_pos(k);
                runs.push((index(at), pos));
            }
            if at + 1 > from && at < to {
                if let Some(next) = self.segments.get(k + 1) {
                    runs.push((index(at + 1), next.pos));
                }
            }
        }
        RawMeta {
            len: chars_in(source.as_bytes()),
            source: source.to_string(),
            runs,
        }
    }
}

fn scan_with<'a>(segments: &[Segment<'a>], keep_tags: bool, sink: &mut Sink<'_>) -> Scanned<'a> {
    if let [only] = segments {
        if let Some(text) = plain(only.text, sink.shortcodes) {
            return Scanned {
                text: Cow::Borrowed(text),
                tags: ThinVec::new(),
                meta: None,
            };
        }
    }
    let mut places = Joined::new(segments);
    let joined = places.text();
    let text: &str = &joined;
    let bytes = text.as_bytes();
    let mut out = Collapsed::with_capacity(text.len());
    let mut tags: ThinVec<String> = ThinVec::new();
    let mut seen_tags = HashSet::new();
    let mut meta: Option<RawMeta> = None;
    let mut closers = Closers::default();
    let mut i = 0;
    loop {
        // Up to the next byte that may mean something, the text is as written.
        let next = bytes
            .get(i..)
            .and_then(|rest| rest.iter().position(|&b| SPECIAL[usize::from(b)]))
            .map_or(bytes.len(), |k| i + k);
        out.push_str(text.get(i..next).unwrap_or(""));
        i = next;
        let Some(&c) = bytes.get(i) else {
            break;
        };
        match c {
            b'\\' => match text.get(i + 1..).and_then(|rest| rest.chars().next()) {
                Some(n) if n != '\n' => {
                    out.push(n);
                    i += 1 + n.len_utf8();
                }
                _ => {
                    out.push('\\');
                    i += 1;
                }
            },
            b'#' => {
                if bytes.get(i + 1) == Some(&b'(') {
                    if let Some(close) = closers.find(bytes, i + 2, b')') {
                        let tag = text.get(i + 2..close).unwrap_or("");
                        if keep_tags {
                            out.push_str("#(");
                            out.push_str(tag);
                            out.push(')');
                        }
                        push_tag(&mut tags, &mut seen_tags, tag.to_string());
                        i = close + 1;
                        continue;
                    }
                } else {
                    let mut k = i + 1;
                    for n in text.get(k..).unwrap_or("").chars() {
                        if !is_tag_char(n) {
                            break;
                        }
                        k += n.len_utf8();
                    }
                    if k > i + 1 {
                        let tag = text.get(i + 1..k).unwrap_or("");
                        if keep_tags {
                            out.push('#');
                            out.push_str(tag);
                        }
                        push_tag(&mut tags, &mut seen_tags, tag.to_string());
                        i = k;
                        continue;
                    }
                }
                out.push('#');
                i += 1;
            }
            b'{' => {
                match matching_brace(bytes, i) {
                    Some(end) => {
                        meta = Some(places.meta(text, i, end));
                        // Only whitespace may follow the metadata.
                        let after = text.get(end + 1..).unwrap_or("");
                        if let Some(k) = after.find(|n: char| !n.is_whitespace()) {
                            sink.report(
                                Code::Syntax,
                                "text after the {...} metadata",
                                places.pos(end + 1 + k),
                                1,
                                Some(
                                    "metadata must come last: move the text before the `{`".into(),
                                ),
                            );
                        }
                    }
                    None => {
                        sink.report(
                            Code::BadMetadata,
                            "metadata `{` is never closed",
                            places.pos(i),
                            1,
                            Some("close the metadata with `}` at the end of the text".into()),
                        );
                    }
                }
                // Nothing after the metadata (or an unclosed brace) is text.
                break;
            }
            b'.' | b':' => match shortcode(text, i, sink.shortcodes) {
                Some((symbol, after)) => {
                    out.push_str(symbol);
                    i = after;
                }
                None => {
                    out.push(char::from(c));
                    i += 1;
                }
            },
            b'@' => {
                // A mention (`@[Title]`, `@<Title>`) is text, as in Argdown.
                let close = match bytes.get(i + 1) {
                    Some(b'[') => Some(b']'),
                    Some(b'<') => Some(b'>'),
                    _ => None,
                };
                if let Some(end) = close.and_then(|close| closers.find(bytes, i + 2, close)) {
                    out.push_str(text.get(i..=end).unwrap_or(""));
                    i = end + 1;
                    continue;
                }
                out.push('@');
                i += 1;
            }
            _ => {
                // `[` or `<`.
                let close = if c == b'[' { b']' } else { b'>' };
                if c == b'[' {
                    if let Some(end) = closers.link_end(bytes, i) {
                        out.push_str(text.get(i..end).unwrap_or(""));
                        i = end;
                        continue;
                    }
                }
                let dash = bytes.get(i + 1) == Some(&b'-');
                let end = if dash {
                    None
                } else {
                    closers.find(bytes, i + 1, close)
                };
                if let Some(end) = end {
                    let what = if c == b'[' {
                        "a statement"
                    } else {
                        "an argument"
                    };
                    let (open, close) = (char::from(c), char::from(close));
                    let written = text.get(i..=end).unwrap_or("");
                    sink.report(
                        Code::Syntax,
                        format!(
                            "{open}...{close} inside a text: Argdown reads it as {what} reference"
                        ),
                        places.pos(i),
                        chars_in(written.as_bytes()),
                        Some(format!(
                            "escape the bracket as `\\{open}`, or put {what} on a line of its own"
                        )),
                    );
                    out.push_str(written);
                    i = end + 1;
                    continue;
                }
                out.push(char::from(c));
                i += 1;
            }
        }
    }
    Scanned {
        text: Cow::Owned(out.out),
        tags,
        meta,
    }
}

/// Adds `tag` to `tags` unless it is there already. Past a few tags, `seen` holds them all, so
/// that very many tags still take linear time.
pub(crate) fn push_tag(tags: &mut ThinVec<String>, seen: &mut HashSet<String>, tag: String) {
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
    /// (closing byte, from, to): the byte does not occur in `text[from..to]`, which ends at a
    /// line end (or the end of the text).
    missing: Vec<(u8, usize, usize)>,
}

impl Closers {
    /// The index of the first `close` at or after byte `from` on the same line, if there is
    /// one and it is not at `from` itself.
    fn find(&mut self, text: &[u8], from: usize, close: u8) -> Option<usize> {
        if self
            .missing
            .iter()
            .any(|&(c, start, end)| c == close && start <= from && from <= end)
        {
            return None;
        }
        let rest = text.get(from..).unwrap_or(&[]);
        let end = match memchr::memchr2(close, b'\n', rest) {
            Some(k) if rest.get(k) == Some(&close) => return (k > 0).then_some(from + k),
            Some(k) => from + k,
            None => text.len().max(from),
        };
        self.missing.retain(|&(c, _, _)| c != close);
        self.missing.push((close, from, end));
        None
    }

    /// The end (exclusive) of a Markdown link `[text](url)` starting at `start`, on one line.
    fn link_end(&mut self, text: &[u8], start: usize) -> Option<usize> {
        let close = self.find(text, start + 1, b']')?;
        if text.get(close + 1) != Some(&b'(') {
            return None;
        }
        let paren = self.find(text, close + 2, b')')?;
        Some(paren + 1)
    }
}

/// The index of the `}` that closes the `{` at byte `start` (nesting and YAML quotes
/// respected).
fn matching_brace(text: &[u8], start: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    let mut k = start;
    while let Some(&c) = text.get(k) {
        if let Some(q) = quote {
            if c == b'\\' && q == b'"' {
                // The escaped character is passed over (the rest of a multibyte one is no
                // quote, brace or backslash).
                k += 2;
                continue;
            }
            if c == q {
                quote = None;
            }
        } else {
            match c {
                b'{' => depth += 1,
                b'}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return Some(k);
                    }
                }
                b'"' | b'\'' => quote = Some(c),
                _ => {}
            }
        }
        k += 1;
    }
    None
}

/// Runs of whitespace (line breaks included) become one space; the ends are trimmed. A text
/// that is so already comes back as it is, not copied.
pub(crate) fn collapse_whitespace(s: &str) -> Cow<'_, str> {
    let bytes = s.as_bytes();
    let collapsed = bytes.first() != Some(&b' ')
        && bytes.last() != Some(&b' ')
        && !bytes.windows(2).any(|w| w == b"  ")
        && !s.chars().any(|c| c.is_whitespace() && c != ' ');
    if collapsed {
        return Cow::Borrowed(s);
    }
    let mut out = Collapsed::with_capacity(s.len());
    out.push_str(s);
    Cow::Owned(out.out)
}

/// The scanner as it was before it read bytes: a character and a place per character, the
/// text collapsed afterwards. The oracle the property tests compare [`scan_with`] with.
#[cfg(test)]
mod oracle {
    use std::collections::HashSet;

    use super::{is_tag_char, push_tag, RawMeta, Segment};
    use crate::diagnostic::Code;
    use crate::syntax::lexer::Pos;
    use crate::syntax::sink::Sink;

    /// What the old scanner made of a text.
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    pub(super) struct Scanned {
        pub(super) text: String,
        pub(super) tags: thin_vec::ThinVec<String>,
        pub(super) meta: Option<RawMeta>,
    }

    /// Characters with their positions, compactly (a position per character took 24 bytes per
    /// character of input: 1.4 GB for a 50 MB line): the characters, and where each run of
    /// characters in consecutive columns of one line starts.
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    pub(super) struct Placed {
        pub(super) chars: Vec<char>,
        /// (index in `chars` of a run's first character, its position), by index.
        pub(super) runs: Vec<(usize, Pos)>,
    }

    impl Placed {
        /// The segments' characters, joined by a line break (placed after the last character).
        pub(super) fn new(segments: &[Segment<'_>]) -> Placed {
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
        pub(super) fn pos(&self, i: usize) -> Option<Pos> {
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
        pub(super) fn runs_of(&self, from: usize, to: usize) -> Vec<(usize, Pos)> {
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

    pub(super) fn scan_with(
        segments: &[Segment<'_>],
        keep_tags: bool,
        sink: &mut Sink<'_>,
    ) -> Scanned {
        // All characters with their positions; segments are joined by a line break.
        let placed = Placed::new(segments);
        let chars = placed.chars.as_slice();
        let at = |i: usize| chars.get(i).copied();
        let pos = |i: usize| placed.pos(i).unwrap_or_default();
        let mut out = String::with_capacity(segments.iter().map(|s| s.text.len() + 1).sum());
        let mut tags: thin_vec::ThinVec<String> = thin_vec::ThinVec::new();
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
                            let tag: String =
                                chars.get(i + 2..close).unwrap_or(&[]).iter().collect();
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
                        if let Some(symbol) =
                            own.or_else(|| crate::syntax::shortcodes::lookup(&code))
                        {
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
    pub(super) fn collapse_whitespace(s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        for word in s.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;
    use proptest::prelude::*;

    fn run<'a>(lines: &[&'a str]) -> (Scanned<'a>, Vec<Diagnostic>) {
        let segments: Vec<Segment> = lines
            .iter()
            .enumerate()
            .map(|(n, t)| Segment {
                pos: Pos {
                    line: n + 1,
                    column: 1,
                },
                text: t,
            })
            .collect();
        let mut diagnostics = Vec::new();
        let lines = lines.to_vec();
        let mut sink = Sink {
            text: crate::model::Str::new(),
            file: "t.argdown".into(),
            lines: &lines,
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
        let seg = |line, column, text| Segment {
            pos: Pos { line, column },
            text,
        };
        let segments = [
            seg(3, 5, "ab"),
            seg(4, 1, ""),
            seg(5, 3, "cé{d"),
            seg(6, 2, "e}"),
        ];
        let placed = oracle::Placed::new(&segments);
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
        // The scanner by bytes finds the same places, and the same metadata.
        let mut joined = Joined::new(&segments);
        let text = joined.text();
        let by_bytes: Vec<Pos> = text.char_indices().map(|(b, _)| joined.pos(b)).collect();
        assert_eq!(by_bytes, naive);
        let from = text.find('{').unwrap();
        let to = text.find('}').unwrap();
        assert_eq!(joined.meta(&text, from, to), meta);
    }

    #[test]
    fn many_tags_are_kept_once_each_in_order() {
        let mut line: Vec<String> = (0..20).map(|k| format!("#t{k}")).collect();
        line.extend(["#t3".to_string(), "#t19".to_string(), "#t20".to_string()]);
        let line = line.join(" ");
        let (s, _) = run(&[line.as_str()]);
        let expected: Vec<String> = (0..21).map(|k| format!("t{k}")).collect();
        assert_eq!(s.tags, expected);
    }

    #[test]
    fn plain_lines_are_borrowed() {
        let (s, _) = run(&[" Clear weak bus paper route, schedule e.g. day 10:30 ü."]);
        assert!(matches!(
            s.text,
            Cow::Borrowed("Clear weak bus paper route, schedule e.g. day 10:30 ü.")
        ));
        for needs_scanning in [
            "a  b", "a\tb", "a .^. b", "a #t", "a [b]", "a\u{a0}b", "a {x: 1}",
        ] {
            let (s, _) = run(&[needs_scanning]);
            assert!(matches!(s.text, Cow::Owned(_)), "{needs_scanning:?}");
        }
        assert!(matches!(collapse_whitespace("a b"), Cow::Borrowed("a b")));
        assert_eq!(collapse_whitespace(" a \u{2003} b\n"), "a b");
    }

    /// What a scanner makes of a text: its text, tags and metadata.
    type Read = (String, Vec<String>, Option<RawMeta>);
    /// The same and the diagnostics.
    type Outcome = (String, Vec<String>, Option<RawMeta>, Vec<Diagnostic>);

    fn both(segments: &[Segment<'_>], keep_tags: bool) -> (Outcome, Outcome) {
        let lines: Vec<&str> = segments.iter().map(|s| s.text).collect();
        let own = [
            (".own.".to_string(), "Ω".to_string()),
            (":^:".to_string(), "AND".to_string()),
        ];
        let run = |scan: &dyn Fn(&mut Sink<'_>) -> Read| {
            let mut diagnostics = Vec::new();
            let mut sink = Sink {
                text: crate::model::Str::new(),
                file: "t.argdown".into(),
                lines: &lines,
                diagnostics: &mut diagnostics,
                shortcodes: &own,
            };
            let (text, tags, meta) = scan(&mut sink);
            (text, tags, meta, diagnostics)
        };
        let new = run(&|sink| {
            let s = scan_with(segments, keep_tags, sink);
            (s.text.into_owned(), s.tags.to_vec(), s.meta)
        });
        let old = run(&|sink| {
            let s = oracle::scan_with(segments, keep_tags, sink);
            (s.text, s.tags.to_vec(), s.meta)
        });
        (new, old)
    }

    /// Pieces of texts: everything the scanner reads specially, whitespace of all kinds and
    /// multibyte characters.
    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "a",
            "bc",
            " ",
            "  ",
            "\t",
            "\u{a0}",
            "\u{2003}",
            "\u{85}",
            "é",
            "😀",
            "\\",
            "\\#",
            "\\\u{a0}",
            "#",
            "#t",
            "#é",
            "#(",
            "#(x y)",
            ")",
            "{",
            "}",
            "{a: 1}",
            "{\"",
            "\"",
            "'",
            "{x: \"}\"}",
            ".",
            ":",
            ".^.",
            ":love:",
            ".own.",
            ":^:",
            ".é.",
            "e.g.",
            "10:30:00",
            "@",
            "@[",
            "@[A]",
            "@<B>",
            "[",
            "]",
            "[B]",
            "<",
            ">",
            "<C>",
            "[-",
            "<-",
            "[t](u)",
            "](",
            "(",
        ])
    }

    fn segments() -> impl Strategy<Value = Vec<(usize, usize, String)>> {
        prop::collection::vec(
            (
                1..4usize,
                1..6usize,
                prop::collection::vec(piece(), 0..12).prop_map(|p| p.concat()),
            ),
            1..5,
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        /// The scanner by bytes makes of any text what the scanner by characters made of it:
        /// the same text, tags, metadata (with the places of its characters) and diagnostics.
        #[test]
        fn scans_as_the_old_scanner(parts in segments(), keep_tags in any::<bool>()) {
            let mut line = 0;
            let segments: Vec<Segment<'_>> = parts
                .iter()
                .map(|(skip, column, text)| {
                    line += skip;
                    Segment { pos: Pos { line, column: *column }, text }
                })
                .collect();
            let (new, old) = both(&segments, keep_tags);
            prop_assert_eq!(new, old);
        }

        #[test]
        fn scans_any_line_as_the_old_scanner(text in "[^\n\r]*", column in 1..9usize) {
            let segments = [Segment { pos: Pos { line: 1, column }, text: &text }];
            let (new, old) = both(&segments, false);
            prop_assert_eq!(new, old);
        }

        #[test]
        fn scans_ascii_lines_as_the_old_scanner(text in "[abv ^~.:@]{0,30}", column in 1..9usize) {
            let segments = [Segment { pos: Pos { line: 1, column }, text: &text }];
            let (new, old) = both(&segments, false);
            prop_assert_eq!(new, old);
        }

        #[test]
        fn collapses_as_before(text in "[ a\t\n\u{a0}\u{2003}é]*") {
            prop_assert_eq!(collapse_whitespace(&text), oracle::collapse_whitespace(&text));
        }
    }
}
