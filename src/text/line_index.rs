//! Where a text's lines start, found once: line number → line text, byte offset → line and
//! column, and how many lines there are. Lines are counted as [`crate::text::lines`] counts
//! them; columns count characters, from 1.

use std::cell::Cell;

use super::lines::next_break;

/// The lines of one text, indexed by one pass over it (the start of every line).
#[derive(Debug, Clone)]
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    /// The byte offset where each line starts; never empty (an empty text has one line).
    starts: Vec<usize>,
    /// The last place found: (line index, byte offset, 1-based column), so that offsets asked
    /// for in increasing order on one long line cost, all together, one pass over it.
    last: Cell<(usize, usize, usize)>,
}

impl<'a> LineIndex<'a> {
    /// Indexes the lines of `text` (one pass).
    pub(crate) fn new(text: &'a str) -> LineIndex<'a> {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut from = 0;
        while let Some((_, next)) = next_break(bytes, from) {
            // A line end at the very end of the text starts no line.
            if next < bytes.len() {
                starts.push(next);
            }
            from = next;
        }
        LineIndex {
            text,
            starts,
            last: Cell::new((0, 0, 1)),
        }
    }

    #[cfg(test)]
    /// How many lines the text has (at least 1).
    pub(crate) fn len(&self) -> usize {
        self.starts.len()
    }

    /// Line `line` (1-based) without its line end; `None` for line 0 or past the last line.
    pub(crate) fn line(&self, line: usize) -> Option<&'a str> {
        let k = line.checked_sub(1)?;
        let start = *self.starts.get(k)?;
        let end = match self.starts.get(k + 1) {
            Some(&next) => next,
            None => self.text.len(),
        };
        // A line holds no `\r` or `\n`: what ends the slice is its line end.
        self.text
            .get(start..end)
            .map(|l| l.trim_end_matches(['\r', '\n']))
    }

    /// The 1-based line and column (in characters) of byte `offset` (clamped to the text; an
    /// offset inside a character counts that character as before it).
    pub(crate) fn place(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let k = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.starts.get(k).copied().unwrap_or(0);
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
    use crate::text::lines::split_lines;

    #[test]
    fn lines_as_split_lines_gives_them() {
        for text in [
            "",
            "a",
            "a\n",
            "\r\r\n\n",
            "x\ry\r\nz\n\nw",
            "\n",
            "a\r\n\r",
        ] {
            let index = LineIndex::new(text);
            let split = split_lines(text);
            assert_eq!(index.len(), split.len(), "{text:?}");
            let lines: Vec<&str> = (1..=index.len()).filter_map(|n| index.line(n)).collect();
            assert_eq!(lines, split, "{text:?}");
            assert_eq!(index.line(0), None);
            assert_eq!(index.line(index.len() + 1), None);
        }
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
