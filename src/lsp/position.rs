//! Places in a text as the protocol counts them and as the crate counts them. The protocol
//! counts lines from 0 and columns in UTF-16 code units from 0; the crate counts lines from 1
//! and columns in characters from 1 (see [`crate::diagnostic::Diagnostic`]).

use lsp_types::{Position, Range};

use crate::text::lines::nth_line;

/// Line `line` (1-based) of `text`, without its line break; `""` past the end.
pub(crate) fn line_of(text: &str, line: usize) -> &str {
    nth_line(text, line).unwrap_or("")
}

/// How many UTF-16 code units the first `chars` characters of `line` take (the whole line when
/// it is shorter).
pub(crate) fn utf16_of_chars(line: &str, chars: usize) -> u32 {
    let units: usize = line.chars().take(chars).map(char::len_utf16).sum();
    u32::try_from(units).unwrap_or(u32::MAX)
}

/// How many characters of `line` come before the UTF-16 offset `units` (a place inside a
/// character counts that character as before; past the end: the whole line).
pub(crate) fn chars_of_utf16(line: &str, units: u32) -> usize {
    let mut seen = 0usize;
    for (i, c) in line.chars().enumerate() {
        if seen >= units as usize {
            return i;
        }
        seen += c.len_utf16();
    }
    line.chars().count()
}

/// The protocol's range for `len` characters from the 1-based `line` and `column` of `text`,
/// kept inside the line; line 0 (a finding about no place) is the start of the file.
pub(crate) fn range(text: &str, line: usize, column: usize, len: usize) -> Range {
    if line == 0 {
        return Range::default();
    }
    let written = line_of(text, line);
    let start = column.saturating_sub(1);
    let row = u32::try_from(line - 1).unwrap_or(u32::MAX);
    Range {
        start: Position::new(row, utf16_of_chars(written, start)),
        end: Position::new(row, utf16_of_chars(written, start + len)),
    }
}

/// The 1-based line and character column of the protocol's `position` in `text`.
pub(crate) fn from_lsp(text: &str, position: Position) -> (usize, usize) {
    let line = position.line as usize + 1;
    (
        line,
        chars_of_utf16(line_of(text, line), position.character) + 1,
    )
}

/// The protocol's position just after the last character of `text`.
pub(crate) fn end_of(text: &str) -> Position {
    let lines = crate::text::lines::lines(text).count();
    let last_line_ends = text.ends_with('\n') || text.ends_with('\r');
    if last_line_ends || lines == 0 {
        return Position::new(u32::try_from(lines).unwrap_or(u32::MAX), 0);
    }
    let last = line_of(text, lines);
    Position::new(
        u32::try_from(lines - 1).unwrap_or(u32::MAX),
        utf16_of_chars(last, usize::MAX),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf16_units_for_the_protocol() {
        // `é` is one unit, `𝄞` two.
        let line = "é𝄞[A]";
        assert_eq!(utf16_of_chars(line, 2), 3);
        assert_eq!(chars_of_utf16(line, 3), 2);
        assert_eq!(chars_of_utf16(line, 99), 5);
        let r = range("x\né𝄞[A]\n", 2, 3, 3);
        assert_eq!((r.start, r.end), (Position::new(1, 3), Position::new(1, 6)));
        assert_eq!(from_lsp("x\né𝄞[A]\n", Position::new(1, 4)), (2, 4));
    }

    #[test]
    fn the_end_of_a_text() {
        assert_eq!(end_of("a\nbc"), Position::new(1, 2));
        assert_eq!(end_of("a\nbc\n"), Position::new(2, 0));
        assert_eq!(end_of(""), Position::new(0, 0));
    }
}
