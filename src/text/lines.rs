//! A text's lines: `\n`, `\r\n` or a lone `\r` end a line, for every reader, checker and
//! diagnostic alike. The text after the last line end is a line only when it is not empty (or
//! when the text has no line end at all): `"a\n"` has one line, `""` has one empty line.
//!
//! The rule is written once (`ranges`); [`lines`], [`byte_lines`] and
//! [`crate::text::line_index::LineIndex`] all follow it.

/// The next line end in `bytes` at or after `from`: the byte offset where it starts and where
/// the next line starts (`\r\n` is one line end of two bytes).
fn next_break(bytes: &[u8], from: usize) -> Option<(usize, usize)> {
    let rest = bytes.get(from..)?;
    let at = from + memchr::memchr2(b'\n', b'\r', rest)?;
    let len = if bytes.get(at..at + 2) == Some(b"\r\n") {
        2
    } else {
        1
    };
    Some((at, at + len))
}

/// The byte ranges of the lines of `bytes` (line ends left out).
pub(crate) fn ranges(bytes: &[u8]) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut from = Some(0);
    std::iter::from_fn(move || {
        let start = from?;
        if start == bytes.len() && start > 0 {
            from = None;
            return None;
        }
        match next_break(bytes, start) {
            Some((end, next)) => {
                from = Some(next);
                Some(start..end)
            }
            None => {
                from = None;
                Some(start..bytes.len())
            }
        }
    })
}

/// Splits a text into lines (`\n`, `\r\n` or a lone `\r` end a line).
pub(crate) fn split_lines(text: &str) -> Vec<&str> {
    lines(text).collect()
}

/// The lines of a text, as [`split_lines`] gives them, without collecting them.
pub(crate) fn lines(text: &str) -> impl Iterator<Item = &str> {
    // Line ends are ASCII: every range starts and ends on a character boundary.
    ranges(text.as_bytes()).map(|r| text.get(r).unwrap_or_default())
}

/// The lines of bytes that need not be UTF-8 (an ICCMA file read straight from disk), by the
/// same rule as [`lines`].
pub(crate) fn byte_lines(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    ranges(bytes).map(|r| bytes.get(r).unwrap_or_default())
}

/// Line `line` (1-based) of `text`, as [`split_lines`] counts lines.
pub(crate) fn nth_line(text: &str, line: usize) -> Option<&str> {
    lines(text).nth(line.checked_sub(1)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_all_line_endings() {
        assert_eq!(split_lines("a\nb\r\nc\rd"), vec!["a", "b", "c", "d"]);
        assert_eq!(split_lines("a\n"), vec!["a"]);
        assert_eq!(split_lines(""), vec![""]);
        assert_eq!(split_lines("\r\r\n\n"), vec!["", "", ""]);
        assert_eq!(nth_line("a\r\nb\rc", 3), Some("c"));
        assert_eq!(nth_line("a\nb", 0), None);
        assert_eq!(nth_line("a\nb", 3), None);
    }

    #[test]
    fn counts_lines_with_every_line_ending() {
        let count = |text: &str| lines(text).count();
        assert_eq!(count(""), 1);
        assert_eq!(count("a"), 1);
        assert_eq!(count("a\n"), 1);
        assert_eq!(count("a\r\n"), 1);
        assert_eq!(count("a\r"), 1);
        assert_eq!(count("a\r\nb\rc\nd"), 4);
        assert_eq!(count("a\r\nb\rc\nd\r\n"), 4);
        assert_eq!(count("\n\n"), 2);
        assert_eq!(count("\r\n\r\n\r"), 3);
        // `\n\r` is two line ends, `\r\n` one.
        assert_eq!(count("a\n\rb"), 3);
    }

    #[test]
    fn bytes_split_as_text_does() {
        let bytes = b"p af 2\r\n1 2\r\xff\n\n";
        let split: Vec<&[u8]> = byte_lines(bytes).collect();
        assert_eq!(split, vec![&b"p af 2"[..], b"1 2", b"\xff", b""]);
    }
}
