//! A text's lines: `\n`, `\r\n` or a lone `\r` end a line, for every reader, checker and
//! diagnostic alike.

/// Splits a text into lines (`\n`, `\r\n` or a lone `\r` end a line).
pub fn split_lines(text: &str) -> Vec<&str> {
    lines(text).collect()
}

/// The lines of a text, as [`split_lines`] gives them, without collecting them.
pub fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    let mut first = true;
    std::iter::from_fn(move || {
        let r = rest?;
        // The text after the last line end is a line only when it is not empty (or when the
        // text has no line end at all).
        if r.is_empty() && !first {
            rest = None;
            return None;
        }
        first = false;
        match r.find(['\n', '\r']) {
            Some(end) => {
                let skip = if r.get(end..end + 2) == Some("\r\n") {
                    2
                } else {
                    1
                };
                rest = r.get(end + skip..);
                r.get(..end)
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// Line `line` (1-based) of `text`, as [`split_lines`] counts lines.
pub fn nth_line(text: &str, line: usize) -> Option<&str> {
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
}
