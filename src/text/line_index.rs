//! Where a text's lines start, found once: line number → line text, byte offset → line and
//! column, and how many lines there are. Lines are counted as [`crate::text::lines`] counts
//! them; columns count characters, from 1.

use std::cell::Cell;
use std::ops::Range;

use super::lines::ranges;

/// The lines of one text, indexed by one pass over it (where every line starts and ends).
#[derive(Debug, Clone)]
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    /// The byte range of each line, line end left out; never empty (an empty text has one
    /// line).
    lines: Vec<Range<usize>>,
    /// The last place found: (line index, byte offset, 1-based column), so that offsets asked
    /// for in increasing order on one long line cost, all together, one pass over it.
    last: Cell<(usize, usize, usize)>,
}

impl<'a> LineIndex<'a> {
    /// Indexes the lines of `text` (one pass, by the one rule of [`super::lines`]).
    pub(crate) fn new(text: &'a str) -> LineIndex<'a> {
        LineIndex {
            text,
            lines: ranges(text.as_bytes()).collect(),
            last: Cell::new((0, 0, 1)),
        }
    }

    /// Line `line` (1-based) without its line end; `None` for line 0 or past the last line.
    pub(crate) fn line(&self, line: usize) -> Option<&'a str> {
        let range = self.lines.get(line.checked_sub(1)?)?;
        self.text.get(range.clone())
    }

    /// The 1-based line and column (in characters) of byte `offset` (clamped to the text; an
    /// offset inside a character counts that character as before it).
    pub(crate) fn place(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let k = self
            .lines
            .partition_point(|r| r.start <= offset)
            .saturating_sub(1);
        let Some(line) = self.lines.get(k) else {
            return (1, 1);
        };
        if offset > line.end {
            // Inside or after the line's end (`\r` of `\r\n` included): the next line starts.
            return (k + 2, 1);
        }
        let start = line.start;
        let (last_k, last_offset, last_column) = self.last.get();
        let (from, column) = if last_k == k && (start..=offset).contains(&last_offset) {
            (last_offset, last_column)
        } else {
            (start, 1)
        };
        let counted = self
            .text
            .get(from..)
            .unwrap_or_default()
            .char_indices()
            .take_while(|&(i, _)| from + i < offset)
            .count();
        let column = column + counted;
        if self.text.is_char_boundary(offset) {
            self.last.set((k, offset, column));
        }
        (k + 1, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_by_every_line_end() {
        let cases: [(&str, &[&str]); 7] = [
            ("", &[""]),
            ("a", &["a"]),
            ("a\n", &["a"]),
            ("\r\r\n\n", &["", "", ""]),
            ("x\ry\r\nz\n\nw", &["x", "y", "z", "", "w"]),
            ("\n", &[""]),
            ("a\r\n\r", &["a", ""]),
        ];
        for (text, expected) in cases {
            let index = LineIndex::new(text);
            let lines: Vec<&str> = (1..=expected.len()).filter_map(|n| index.line(n)).collect();
            assert_eq!(lines, expected, "{text:?}");
            assert_eq!(index.line(0), None);
            assert_eq!(index.line(expected.len() + 1), None, "{text:?}");
        }
    }

    #[test]
    fn a_place_inside_or_after_a_line_end_is_on_the_next_line() {
        // serde_json's "EOF while parsing" after a final line end, and a place between the
        // `\r` and the `\n` of a CRLF, are at the start of the next line.
        assert_eq!(LineIndex::new("{\n").place(2), (2, 1));
        assert_eq!(LineIndex::new("{\r\n").place(3), (2, 1));
        assert_eq!(LineIndex::new("ab\r\ncd").place(3), (2, 1));
        assert_eq!(LineIndex::new("ab\r\ncd").place(2), (1, 3));
        assert_eq!(LineIndex::new("ab\r").place(3), (2, 1));
    }

    #[test]
    fn places_count_characters_and_every_line_break() {
        let text = "日本\r\nab\rc\nd";
        let lines = LineIndex::new(text);
        assert_eq!(lines.place(0), (1, 1));
        assert_eq!(lines.place(3), (1, 2));
        assert_eq!(lines.place(8), (2, 1));
        assert_eq!(lines.place(11), (3, 1));
        assert_eq!(lines.place(13), (4, 1));
        assert_eq!(lines.place(3), (1, 2));
        assert_eq!(lines.place(99), (4, 2));
    }

    #[test]
    fn places_multi_byte_characters_in_any_order() {
        // "é" is 2 bytes, "日" 3, "😀" 4.
        let text = "aé日😀b\r\n😀x";
        let lines = LineIndex::new(text);
        assert_eq!(lines.place(10), (1, 5)); // "b"
        assert_eq!(lines.place(1), (1, 2)); // "é", asked for after a later place
        assert_eq!(lines.place(3), (1, 3)); // "日"
        assert_eq!(lines.place(6), (1, 4)); // "😀"
        assert_eq!(lines.place(4), (1, 4)); // inside "日": it counts as before
        assert_eq!(lines.place(10), (1, 5));
        assert_eq!(lines.place(13), (2, 1)); // "😀" on line 2
        assert_eq!(lines.place(17), (2, 2)); // "x"
        assert_eq!(lines.line(2), Some("😀x"));
    }
}
