//! A text's lines kept as where each starts: four bytes a line (eight past 4 GiB) instead of a
//! `&str` (sixteen), for the reader, which holds every line of a file while it reads it. Lines
//! are counted as [`super::lines`] counts them.

use super::lines::ranges;

/// The lines of one text, by the byte offset where each starts.
#[derive(Debug, Clone)]
pub(crate) struct LineStarts<'a> {
    text: &'a str,
    starts: Starts,
}

/// Line starts, as narrow as the text allows.
#[derive(Debug, Clone)]
enum Starts {
    Narrow(Vec<u32>),
    Wide(Vec<usize>),
}

impl<'a> LineStarts<'a> {
    /// Indexes the lines of `text` (one pass, by the one rule of [`super::lines`]).
    pub(crate) fn new(text: &'a str) -> LineStarts<'a> {
        // Room for every line at once (a line end is at most two bytes): the vector of a large
        // file does not grow step by step, leaving its old buffers behind.
        let ends = memchr::memchr2_iter(b'\n', b'\r', text.as_bytes()).count();
        let lines = ranges(text.as_bytes()).map(|r| r.start);
        let starts = if u32::try_from(text.len()).is_ok() {
            let mut v = Vec::with_capacity(ends + 1);
            // Every start is at most the text's length, which fits.
            v.extend(lines.map(|s| s as u32));
            Starts::Narrow(v)
        } else {
            let mut v = Vec::with_capacity(ends + 1);
            v.extend(lines);
            Starts::Wide(v)
        };
        LineStarts { text, starts }
    }

    /// The number of lines.
    pub(crate) fn len(&self) -> usize {
        match &self.starts {
            Starts::Narrow(v) => v.len(),
            Starts::Wide(v) => v.len(),
        }
    }

    /// Where line `i` (0-based) starts, in bytes.
    pub(crate) fn start(&self, i: usize) -> Option<usize> {
        match &self.starts {
            Starts::Narrow(v) => v.get(i).map(|&s| s as usize),
            Starts::Wide(v) => v.get(i).copied(),
        }
    }

    /// Line `i` (0-based), without its line end.
    pub(crate) fn get(&self, i: usize) -> Option<&'a str> {
        let start = self.start(i)?;
        let next = self.start(i + 1).unwrap_or(self.text.len());
        let with_end = self.text.get(start..next)?;
        // The one line end a line can hold is at its end (`\r\n`, `\n` or `\r`); the last line
        // may have none.
        let line = with_end
            .strip_suffix("\r\n")
            .or_else(|| with_end.strip_suffix('\n'))
            .or_else(|| with_end.strip_suffix('\r'))
            .unwrap_or(with_end);
        Some(line)
    }

    /// Every line, in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &'a str> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_line_is_four_bytes() {
        let text = "a\nb\r\nc\rd";
        let lines = LineStarts::new(text);
        assert!(matches!(lines.starts, Starts::Narrow(_)));
        assert_eq!(lines.iter().collect::<Vec<_>>(), ["a", "b", "c", "d"]);
        assert_eq!(lines.get(4), None);
    }

    proptest! {
        /// The same lines as `lines`, whatever the line ends.
        #[test]
        fn the_lines_are_those_of_lines(text in "([a-cé\\r\\n ]|\\r\\n){0,40}") {
            let expected: Vec<&str> = crate::text::lines::lines(&text).collect();
            let lines = LineStarts::new(&text);
            prop_assert_eq!(lines.len(), expected.len());
            prop_assert_eq!(lines.iter().collect::<Vec<_>>(), expected.clone());
            for (i, line) in expected.iter().enumerate() {
                prop_assert_eq!(lines.get(i), Some(*line));
            }
        }
    }
}
