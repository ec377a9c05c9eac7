//! Node texts wrapped into lines, as textwrap's optimal fit wraps them, without its cost on the
//! common paragraph.
//!
//! textwrap finds the places where a paragraph may break with the Unicode line-breaking
//! algorithm (UAX #14), which is most of its time. On a paragraph of printable ASCII whose
//! punctuation is placed as `Wrapper::split_ascii` requires, those places are exactly after
//! each run of spaces (checked against textwrap's own word separators in the tests), so the
//! words are found by splitting at spaces and put into lines by [`OptimalFit`]: textwrap's
//! optimal fit (`wrap_optimal_fit`, which finds its column minima with the `smawk` crate's
//! `online_column_minima`) step by step, with its costs and comparisons in the same order, for
//! one line width and with memory kept from one paragraph to the next. The same algorithm on
//! the same words gives the same lines; the tests compare both on random paragraphs. Every
//! other paragraph goes through `textwrap::wrap` itself. Lines borrow from the text.

use std::borrow::Cow;

use textwrap::wrap_algorithms::Penalties;

/// The smallest wrapping width accepted.
pub(crate) const MIN_WRAP: usize = 8;

/// Paragraphs of more words than this go to textwrap (which keeps the depth of
/// [`OptimalFit`]'s levels, about log2 of the number of words, small and fixed).
const MAX_WORDS: usize = 1 << 12;

/// A word of an ASCII paragraph: its place in the paragraph and the spaces after it (its width
/// is its length: every character is one column wide).
#[derive(Debug, Clone, Copy)]
struct Piece {
    start: usize,
    end: usize,
    spaces: usize,
}

/// Wraps texts, keeping its working memory from one text to the next.
#[derive(Debug, Default)]
pub(crate) struct Wrapper {
    pieces: Vec<Piece>,
    fit: OptimalFit,
}

impl Wrapper {
    /// Appends to `lines` the lines of `text` wrapped at `width` columns (at least
    /// [`MIN_WRAP`]; long words are broken), keeping its own line breaks and dropping blank
    /// lines.
    pub(crate) fn wrap<'t>(&mut self, text: &'t str, width: usize, lines: &mut Vec<Cow<'t, str>>) {
        let width = width.max(MIN_WRAP);
        // The common text is one paragraph: then its paragraph is the whole text, trimmed.
        // A text that `split_ascii` accepts holds no line break (they are not printable
        // ASCII), and one shorter than a line is checked for them.
        let whole = trim(text);
        if whole.len() >= width {
            if self.split_ascii(whole.as_bytes(), width) {
                self.fit(whole, width, lines);
                return;
            }
        } else if !whole.bytes().any(may_break_line) {
            if !whole.is_empty() {
                lines.push(Cow::Borrowed(whole));
            }
            return;
        }
        for paragraph in text.split(['\n', '\r', '\u{2028}', '\u{2029}']) {
            self.paragraph(paragraph, width, lines);
        }
    }

    /// Appends the lines of one paragraph (none when it is blank).
    fn paragraph<'t>(&mut self, paragraph: &'t str, width: usize, lines: &mut Vec<Cow<'t, str>>) {
        let paragraph = trim(paragraph);
        if paragraph.is_empty() {
            return;
        }
        if paragraph.len() < width {
            // What textwrap does first: a line shorter in bytes than the width is whole.
            lines.push(Cow::Borrowed(paragraph));
        } else if self.split_ascii(paragraph.as_bytes(), width) {
            self.fit(paragraph, width, lines);
        } else {
            lines.extend(textwrap::wrap(paragraph, options(width)));
        }
    }

    /// Splits `paragraph` (trimmed, not empty) into [`Piece`]s at its spaces, when UAX #14, as
    /// textwrap applies it, breaks it exactly after each run of spaces; returns whether it
    /// does. It does (checked in the tests against textwrap's own word separators) when every
    /// byte is printable ASCII of the roles of [`Role`], and
    /// - a closing mark follows a word, a quote or another closing mark (not a space) and comes
    ///   before a space, the end, another closing mark, or (`. , : ; ) ]` only) a letter or
    ///   digit;
    /// - an opening bracket follows the start, a space, a word or another opening bracket and
    ///   comes before a word, a quote or another opening bracket;
    /// - a quote does not follow a space;
    /// - the paragraph does not end in `-` (textwrap then drops the break before the last
    ///   word).
    ///
    /// Words wider than a line are cut into pieces of `width` characters, as textwrap's
    /// `break_words` cuts them (the last piece keeps the spaces).
    fn split_ascii(&mut self, paragraph: &[u8], width: usize) -> bool {
        self.pieces.clear();
        if paragraph.last() == Some(&b'-') {
            return false;
        }
        let mut prev = Role::Start;
        let mut ok = true;
        // The word being read (its start), and where it ended when spaces follow it.
        let mut word = 0;
        let mut spaces_from: Option<usize> = None;
        for (i, &b) in paragraph.iter().enumerate() {
            let role = ROLES[usize::from(b)];
            ok &= FOLLOWS[prev as usize][role as usize];
            if role == Role::Space {
                spaces_from.get_or_insert(i);
            } else if let Some(end) = spaces_from.take() {
                self.push_word(word, end, i - end, width);
                word = i;
            }
            prev = role;
        }
        if !ok || prev == Role::Open {
            return false;
        }
        let end = spaces_from.unwrap_or(paragraph.len());
        self.push_word(word, end, paragraph.len() - end, width);
        true
    }

    /// A word `start..end` followed by `spaces` spaces, cut into pieces no wider than `width`.
    fn push_word(&mut self, start: usize, end: usize, spaces: usize, width: usize) {
        let mut from = start;
        while end - from > width {
            self.pieces.push(Piece {
                start: from,
                end: from + width,
                spaces: 0,
            });
            from += width;
        }
        self.pieces.push(Piece {
            start: from,
            end,
            spaces,
        });
    }

    /// Puts the pieces of `paragraph` into lines, as `textwrap::wrap` does.
    fn fit<'t>(&mut self, paragraph: &'t str, width: usize, lines: &mut Vec<Cow<'t, str>>) {
        if !OptimalFit::fits(&self.pieces, width, paragraph.len()) {
            lines.extend(textwrap::wrap(paragraph, options(width)));
            return;
        }
        let first_line = lines.len();
        // The lines come last to first.
        for (from, to) in self.fit.lines(&self.pieces, width) {
            if let (Some(first), Some(last)) = (self.pieces.get(from), self.pieces.get(to - 1)) {
                lines.push(Cow::Borrowed(
                    paragraph.get(first.start..last.end).unwrap_or_default(),
                ));
            }
        }
        if let Some(new) = lines.get_mut(first_line..) {
            new.reverse();
        }
    }
}

/// textwrap's `wrap_optimal_fit` with textwrap's default penalties, for lines all of one
/// width, and the `smawk` crate's `online_column_minima` and `smawk_inner` under it, as
/// textwrap 0.16.4 and smawk 0.3.3 write them: the same costs, compared with the same
/// operators in the same order, so that ties go the same way. Only the memory is kept from
/// one call to the next, and the recursion of `smawk_inner` is unrolled (its levels are
/// reduced top-down, then interpolated bottom-up, as the recursion does).
///
/// textwrap computes the costs in `f64`; here they are integers. Every cost is a sum of
/// integers, and below [`MAX_EXACT`] columns and words (see [`OptimalFit::fits`]) every sum
/// stays below 2^53, where `f64` arithmetic is exact: the costs, hence every comparison, are
/// the same.
///
/// The matrix: entry (i, j), for i < j, is the cost of the best way to put words `0..i` on
/// lines plus a line holding words `i..j`; its column minima give the best break before each
/// word.
#[derive(Debug, Default)]
struct OptimalFit {
    /// `starts[k]`: the width of words `0..k` with the spaces after each.
    starts: Vec<i64>,
    /// `ends[j]`: the width of words `0..j` with the spaces after each but the last.
    ends: Vec<i64>,
    /// The column minima found so far: (row, cost).
    result: Vec<(usize, i64)>,
    rows: Vec<usize>,
    cols: Vec<usize>,
    minima: Vec<usize>,
    /// The levels of `smawk_inner` still to interpolate.
    levels: Vec<Level>,
    /// The width of a line, and the number of words.
    width: i64,
    words: usize,
}

/// The widest line and the longest paragraph (in columns) that [`OptimalFit`] takes: costs
/// then stay below 2^40 per line, and 2^52 for [`MAX_WORDS`] lines.
const MAX_EXACT: usize = 1 << 20;

/// One level of `smawk_inner`: its columns, and the rows its reduction kept.
#[derive(Debug, Clone, Copy)]
struct Level {
    cols_start: usize,
    cols_end: usize,
    stack_start: usize,
    stack_len: usize,
}

impl OptimalFit {
    /// Whether the costs of `pieces` at `width` are exact (see [`OptimalFit`]).
    fn fits(pieces: &[Piece], width: usize, paragraph: usize) -> bool {
        pieces.len() <= MAX_WORDS && width <= MAX_EXACT && paragraph <= MAX_EXACT
    }

    /// The lines of `pieces` (not empty) at `width`, as ranges of pieces, last line first.
    fn lines(
        &mut self,
        pieces: &[Piece],
        width: usize,
    ) -> impl Iterator<Item = (usize, usize)> + '_ {
        let as_cost = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
        self.starts.clear();
        self.ends.clear();
        let mut total = 0;
        self.starts.push(total);
        self.ends.push(total);
        for piece in pieces {
            let word = as_cost(piece.end - piece.start);
            self.ends.push(total + word);
            total += word + as_cost(piece.spaces);
            self.starts.push(total);
        }
        // textwrap's `target_width`: at least 1.
        self.width = as_cost(width).max(1);
        self.words = pieces.len();
        self.column_minima();
        let result = &self.result;
        let mut pos = pieces.len();
        std::iter::from_fn(move || {
            if pos == 0 {
                return None;
            }
            let prev = result.get(pos).map_or(0, |&(row, _)| row);
            let line = (prev, pos);
            pos = prev;
            Some(line)
        })
    }

    /// The cost of entry (i, j), `i` being a column whose minimum is known: `wrap_optimal_fit`'s
    /// closure.
    fn cost(&self, i: usize, j: usize) -> i64 {
        const PENALTIES: Penalties = Penalties::new();
        let target = self.width;
        let line = self.ends[j] - self.starts[i];
        let mut cost = self.result[i].1 + PENALTIES.nline_penalty as i64;
        if line > target {
            cost += (line - target) * PENALTIES.overflow_penalty as i64;
        } else if j < self.words {
            let gap = target - line;
            cost += gap * gap;
        } else if i + 1 == j
            // `line < target / fraction` in `f64`, for integers.
            && line * (PENALTIES.short_last_line_fraction as i64) < target
        {
            cost += PENALTIES.short_last_line_penalty as i64;
        }
        // No word ends in a hyphen added by a splitter: no hyphen penalty.
        cost
    }

    /// `online_column_minima(0, words + 1, cost)` into `result`.
    fn column_minima(&mut self) {
        let size = self.words + 1;
        self.result.clear();
        self.result.push((0, 0));
        // Every slot is written before it is read: the buffers only need to be long enough.
        for (buffer, len) in [
            (&mut self.rows, 3 * size),
            (&mut self.cols, 2 * size),
            (&mut self.minima, size),
        ] {
            if buffer.len() < len {
                buffer.resize(len, 0);
            }
        }
        let mut finished = 0;
        let mut base = 0;
        let mut tentative = 0;
        while finished + 1 < size {
            let i = finished + 1;
            if i > tentative {
                let rows_end = finished + 1 - base;
                for (slot, r) in self.rows.iter_mut().zip(base..finished + 1) {
                    *slot = r;
                }
                tentative = (finished + rows_end).min(size - 1);
                let cols_end = tentative - finished;
                for (slot, c) in self.cols.iter_mut().zip(finished + 1..tentative + 1) {
                    *slot = c;
                }
                self.smawk(rows_end, cols_end);
                for col in finished + 1..tentative + 1 {
                    let row = self.minima[col];
                    let v = self.cost(row, col);
                    if col >= self.result.len() {
                        self.result.push((row, v));
                    } else if v < self.result[col].1 {
                        self.result[col] = (row, v);
                    }
                }
                finished = i;
                continue;
            }
            let diag = self.cost(i - 1, i);
            if diag < self.result[i].1 {
                self.result[i] = (i - 1, diag);
                base = i - 1;
                tentative = i;
                finished = i;
                continue;
            }
            if self.cost(i - 1, tentative) >= self.result[tentative].1 {
                finished = i;
                continue;
            }
            base = i - 1;
            tentative = i;
            finished = i;
        }
    }

    /// `smawk_inner` on rows `rows[0..rows_end]` and columns `cols[0..cols_end]` (rows whose
    /// column minima are known); the minima go to `minima`.
    fn smawk(&mut self, rows_end: usize, cols_end: usize) {
        // Reduce, level by level: each keeps the rows that can hold a minimum of its columns,
        // and hands its odd columns to the next.
        self.levels.clear();
        let (mut rows_start, mut rows_end) = (0, rows_end);
        let (mut cols_start, mut cols_end) = (0, cols_end);
        while cols_start != cols_end {
            let cols_len = cols_end - cols_start;
            let stack_start = rows_end;
            let odd_cols_start = cols_end;
            let odd_cols_len = cols_len / 2;
            let mut stack_len = 0;
            for i in rows_start..rows_end {
                let r = self.rows[i];
                while stack_len > 0 {
                    let stack_top = self.rows[stack_start + stack_len - 1];
                    let col = self.cols[cols_start + stack_len - 1];
                    if self.cost(stack_top, col) > self.cost(r, col) {
                        stack_len -= 1;
                    } else {
                        break;
                    }
                }
                if stack_len < cols_len {
                    self.rows[stack_start + stack_len] = r;
                    stack_len += 1;
                }
            }
            for idx in 0..odd_cols_len {
                self.cols[odd_cols_start + idx] = self.cols[cols_start + 2 * idx + 1];
            }
            self.levels.push(Level {
                cols_start,
                cols_end,
                stack_start,
                stack_len,
            });
            (rows_start, rows_end) = (stack_start, stack_start + stack_len);
            (cols_start, cols_end) = (odd_cols_start, odd_cols_start + odd_cols_len);
        }
        // Interpolate, deepest level first: the minimum of each even column lies between
        // those of the odd columns around it.
        while let Some(level) = self.levels.pop() {
            let Level {
                cols_start,
                cols_end,
                stack_start,
                stack_len,
            } = level;
            let cols_len = cols_end - cols_start;
            let mut r = 0;
            for c in (0..cols_len).step_by(2) {
                let col = self.cols[cols_start + c];
                let mut row = self.rows[stack_start + r];
                let last_row = if c == cols_len - 1 {
                    self.rows[stack_start + stack_len - 1]
                } else {
                    self.minima[self.cols[cols_start + c + 1]]
                };
                let mut pair = (self.cost(row, col), row);
                while row != last_row && r < stack_len - 1 {
                    r += 1;
                    row = self.rows[stack_start + r];
                    let candidate = (self.cost(row, col), row);
                    if candidate < pair {
                        pair = candidate;
                    }
                }
                self.minima[col] = pair.1;
            }
        }
    }
}

/// `text.trim()`, without looking at its characters when it begins and ends in printable
/// ASCII other than a space (which is not whitespace).
fn trim(text: &str) -> &str {
    match text.as_bytes() {
        [first, .., last] if first.is_ascii_graphic() && last.is_ascii_graphic() => text,
        [only] if only.is_ascii_graphic() => text,
        _ => text.trim(),
    }
}

/// Whether a byte may belong to a line break: `\n`, `\r`, or the first byte of U+2028 or
/// U+2029.
fn may_break_line(b: u8) -> bool {
    matches!(b, b'\n' | b'\r' | 0xE2)
}

/// The options `textwrap::wrap` is called with: optimal fit, words broken only when longer than
/// a line, never at hyphens.
fn options(width: usize) -> textwrap::Options<'static> {
    textwrap::Options::new(width).word_splitter(textwrap::WordSplitter::NoHyphenation)
}

/// `text` wrapped at `width` columns (long words are broken), keeping its own line breaks.
pub(crate) fn wrap(text: &str, width: usize) -> Vec<Cow<'_, str>> {
    let mut lines = Vec::new();
    Wrapper::default().wrap(text, width, &mut lines);
    lines
}

/// How a byte of printable ASCII takes part in line breaking (its UAX #14 class, grouped).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Before the first byte.
    Start,
    /// Letters and digits: never a break opportunity before or after.
    Alnum,
    /// `-` and the symbols UAX #14 treats as letters (`#`, `&`, `*`, `<`, `=`, `>`, `@`, `^`,
    /// `_`, the backtick, `~`): the same (a break after `-` textwrap leaves to its word
    /// splitter).
    Symbol,
    Space,
    /// `. , : ; ) ]`: never a break before, even after spaces; none before a letter or digit.
    Close,
    /// `! ?`: never a break before, even after spaces; one before a letter or digit.
    Exclaim,
    /// `( [`: never a break after, even across spaces.
    Open,
    /// `" '`: never a break on either side, even after spaces.
    Quote,
    /// Anything else: the paragraph goes to textwrap.
    Other,
}

/// The number of roles.
const ROLES_COUNT: usize = Role::Other as usize + 1;

/// The role of each byte.
static ROLES: [Role; 256] = roles();

const fn roles() -> [Role; 256] {
    let mut roles = [Role::Other; 256];
    let mut b = 0;
    while b < 256 {
        roles[b] = match b as u8 {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => Role::Alnum,
            b'-' | b'#' | b'&' | b'*' | b'<' | b'=' | b'>' | b'@' | b'^' | b'_' | b'`' | b'~' => {
                Role::Symbol
            }
            b' ' => Role::Space,
            b'.' | b',' | b':' | b';' | b')' | b']' => Role::Close,
            b'!' | b'?' => Role::Exclaim,
            b'(' | b'[' => Role::Open,
            b'"' | b'\'' => Role::Quote,
            _ => Role::Other,
        };
        b += 1;
    }
    roles
}

/// Whether a byte of one role may follow a byte of another in a paragraph that breaks only
/// after its spaces, by the role before and the role after: the rules of
/// `Wrapper::split_ascii`.
static FOLLOWS: [[bool; ROLES_COUNT]; ROLES_COUNT] = follows();

const fn follows() -> [[bool; ROLES_COUNT]; ROLES_COUNT] {
    use Role::{Alnum, Close, Exclaim, Open, Other, Quote, Space, Start, Symbol};
    const ALL: [Role; ROLES_COUNT] = [
        Start, Alnum, Symbol, Space, Close, Exclaim, Open, Quote, Other,
    ];
    let mut table = [[false; ROLES_COUNT]; ROLES_COUNT];
    let mut p = 0;
    while p < ROLES_COUNT {
        let mut n = 0;
        while n < ROLES_COUNT {
            let (before, after) = (ALL[p], ALL[n]);
            // What the byte before allows after it.
            let allowed = match before {
                Close => matches!(after, Space | Close | Exclaim | Alnum),
                Exclaim => matches!(after, Space | Close | Exclaim),
                Open => matches!(after, Alnum | Symbol | Open | Quote),
                _ => true,
            };
            // What the byte after needs before it.
            let placed = match after {
                Start | Other => false,
                Alnum | Symbol | Space => true,
                Close | Exclaim => matches!(before, Alnum | Symbol | Close | Exclaim | Quote),
                Open => matches!(before, Start | Space | Alnum | Symbol | Open),
                Quote => !matches!(before, Space),
            };
            table[p][n] = allowed && placed;
            n += 1;
        }
        p += 1;
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use textwrap::WordSeparator;

    /// The wrapping as it was first written, through `textwrap::wrap` only: the oracle.
    fn wrap_oracle(text: &str, width: usize) -> Vec<String> {
        let width = width.max(MIN_WRAP);
        let normalized = text.replace("\r\n", "\n");
        let mut lines = Vec::new();
        for paragraph in normalized.split(['\n', '\r', '\u{2028}', '\u{2029}']) {
            let paragraph = paragraph.trim();
            if paragraph.is_empty() {
                continue;
            }
            lines.extend(
                textwrap::wrap(paragraph, options(width))
                    .into_iter()
                    .map(|l| l.into_owned()),
            );
        }
        lines
    }

    /// Whether the wrapper splits `text` (trimmed, not empty) at its spaces itself.
    fn accepts(text: &str) -> bool {
        Wrapper::default().split_ascii(text.as_bytes(), usize::MAX)
    }

    fn words(separator: WordSeparator, text: &str) -> Vec<String> {
        separator
            .find_words(text)
            .map(|w| format!("{}{}", w.word, w.whitespace))
            .collect()
    }

    #[test]
    fn wrap_keeps_line_breaks_and_breaks_long_words() {
        assert_eq!(
            wrap("one two three four\n\nfive", 9),
            ["one two", "three", "four", "five"]
        );
        assert_eq!(wrap("abcdefghijkl", 8), ["abcdefgh", "ijkl"]);
        assert_eq!(
            wrap("a b", 1),
            ["a b"],
            "widths below the minimum are raised"
        );
        assert!(wrap("  \n ", 10).is_empty());
        assert_eq!(wrap("a\r\nb\u{2028}c", 10), ["a", "b", "c"]);
    }

    #[test]
    fn the_lines_borrow_from_the_text() {
        let text = "Policy strong health local result grant paper bus hiring paper.";
        for line in wrap(text, 20) {
            assert!(matches!(line, Cow::Borrowed(_)), "{line}");
        }
    }

    /// Every string of up to four bytes over an alphabet with a byte of each role (and the
    /// bytes of the `Other` role that a text would hold most), and every string of up to six
    /// over a smaller one: where the check accepts a paragraph, UAX #14 finds the words that
    /// splitting at spaces finds.
    #[test]
    fn accepted_paragraphs_break_only_after_spaces() {
        fn each(alphabet: &[u8], len: usize, text: &mut Vec<u8>, checked: &mut usize) {
            if let Ok(s) = std::str::from_utf8(text) {
                let s = s.trim();
                if !s.is_empty() && accepts(s) {
                    *checked += 1;
                    assert_eq!(
                        words(WordSeparator::AsciiSpace, s),
                        words(WordSeparator::UnicodeBreakProperties, s),
                        "{s:?}"
                    );
                }
            }
            if text.len() == len {
                return;
            }
            for &b in alphabet {
                text.push(b);
                each(alphabet, len, text, checked);
                text.pop();
            }
        }
        let mut checked = 0;
        each(
            b"aZ1 .,:;!?)](['\"-#&*<=>@^_`~{}/%$+|\\",
            4,
            &mut Vec::new(),
            &mut checked,
        );
        each(b"a1 .!)(\"-", 6, &mut Vec::new(), &mut checked);
        assert!(checked > 100_000, "{checked}");
    }

    /// Many paragraphs from a fixed pseudo-random sequence, with runs of words of one length
    /// (where many breakings cost the same, so ties decide) and words longer than a line.
    #[test]
    fn many_paragraphs_match_textwrap() {
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        };
        let mut accepted = 0;
        let rounds: u64 = 3_000;
        for round in 0..rounds {
            let words = 1 + next(40);
            let same = next(3) == 0;
            let fixed = 1 + next(9);
            let mut text = String::new();
            for w in 0..words {
                let len = if same {
                    fixed
                } else {
                    [1, 2, 3, 5, 8, 13, 45][next(7) as usize]
                };
                for k in 0..len {
                    text.push(char::from(b'a' + ((w + k + round) % 26) as u8));
                }
                if next(5) == 0 {
                    text.push([',', '.', ';', '!'][next(4) as usize]);
                }
                text.push_str(if next(6) == 0 { "  " } else { " " });
            }
            let width = 8 + next(40) as usize;
            let text = text.trim();
            accepted += u64::from(accepts(text));
            let lines: Vec<String> = wrap(text, width).into_iter().map(Cow::into_owned).collect();
            assert_eq!(lines, wrap_oracle(text, width), "{text:?} at {width}");
        }
        assert!(accepted > rounds * 9 / 10, "{accepted}");
    }

    /// Paragraphs of printable ASCII, words of every length, the punctuation placed anywhere.
    fn ascii_paragraph() -> impl Strategy<Value = String> {
        let word = prop_oneof![
            "[a-z]{1,8}",
            "[A-Za-z0-9]{1,3}",
            "[a-z]{9,50}",
            "[ -~]{1,6}",
            "[a-z]{1,6}[.,:;!?)\\]'\"-]{1,2}",
            "[(\\['\"]{1,2}[a-z]{1,6}",
        ];
        (proptest::collection::vec((word, " {1,3}"), 1..25), " {0,2}").prop_map(|(words, tail)| {
            let mut text: String = words.into_iter().map(|(w, s)| w + &s).collect();
            text.push_str(&tail);
            text
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]

        #[test]
        fn wrapping_ascii_matches_textwrap(text in ascii_paragraph(), width in 1usize..60) {
            let lines: Vec<String> = wrap(&text, width).into_iter().map(Cow::into_owned).collect();
            prop_assert_eq!(lines, wrap_oracle(&text, width));
        }

        #[test]
        fn the_check_accepts_only_what_uax_14_splits_at_spaces(text in ascii_paragraph()) {
            let text = text.trim();
            if !text.is_empty() && accepts(text) {
                prop_assert_eq!(
                    words(WordSeparator::AsciiSpace, text),
                    words(WordSeparator::UnicodeBreakProperties, text)
                );
            }
        }

        #[test]
        fn wrapping_any_text_matches_textwrap(
            text in "(?s).{0,80}|[a-z \t\r\n\u{2028}\u{a0}\u{301}é漢🙂,.!?()'\"-]{0,120}",
            width in 1usize..40,
        ) {
            let lines: Vec<String> = wrap(&text, width).into_iter().map(Cow::into_owned).collect();
            prop_assert_eq!(lines, wrap_oracle(&text, width));
        }
    }
}
