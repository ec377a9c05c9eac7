//! Places in JSON texts: serde_json gives no position per value, so the readers of counterpoint
//! JSON and AIF find where each element of the arrays they care about starts with one pass over
//! the (already parsed, so valid) text; [`crate::text::line_index::LineIndex`] turns byte
//! offsets into lines and columns, as every other reader counts them.

use crate::text::file_name::FileName;

use crate::model::Origin;
use crate::text::line_index::LineIndex;

/// One step of the path to a value: the key of an object member, or the index of an array
/// element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

/// Calls `found(path, offset)` for the start of every element of every array in the JSON
/// `text`, in text order, where `path` leads from the top to the element (its last step is the
/// element's index) and `offset` is the byte offset of the element's first character. Keys are
/// given as written between the quotes (escapes are not decoded). Without recursion: any depth
/// is fine. `text` must be valid JSON (the result is unspecified otherwise, but nothing panics).
pub(crate) fn array_elements(text: &str, mut found: impl FnMut(&[Seg<'_>], usize)) {
    struct Frame<'t> {
        array: bool,
        /// In an object: the key of the current member; in an array: the index of the current
        /// element.
        key: Option<&'t str>,
        index: usize,
        expect_key: bool,
        element_start: bool,
    }
    let bytes = text.as_bytes();
    let mut stack: Vec<Frame<'_>> = Vec::new();
    let mut path: Vec<Seg<'_>> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if let Some(top) = stack.last_mut() {
            if top.array && top.element_start && b != b']' {
                top.element_start = false;
                path.clear();
                path.extend(stack.iter().filter_map(|f| {
                    if f.array {
                        Some(Seg::Index(f.index))
                    } else {
                        f.key.map(Seg::Key)
                    }
                }));
                found(&path, i);
            }
        }
        match b {
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                if let Some(top) = stack.last_mut() {
                    if !top.array && top.expect_key {
                        top.key = text.get(start..i.min(bytes.len()));
                        top.expect_key = false;
                    }
                }
            }
            b'{' | b'[' => stack.push(Frame {
                array: b == b'[',
                key: None,
                index: 0,
                expect_key: b == b'{',
                element_start: b == b'[',
            }),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => {
                if let Some(top) = stack.last_mut() {
                    if top.array {
                        top.element_start = true;
                        top.index += 1;
                    } else {
                        top.expect_key = true;
                        top.key = None;
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
}

/// An [`Origin`] in `file` at byte `offset` of the text `lines` indexes.
pub(crate) fn origin(lines: &LineIndex<'_>, file: &FileName, offset: usize) -> Origin {
    let (line, column) = lines.place(offset);
    Origin {
        file: *file,
        line: u32::try_from(line).unwrap_or(u32::MAX),
        column: u32::try_from(column).unwrap_or(u32::MAX),
    }
}

/// The byte offset of serde_json's error place: serde_json counts lines at `\n` only and columns
/// in bytes (column 0 before the first byte of a line).
pub(crate) fn serde_offset(text: &str, line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line.max(1) {
        match text.get(start..).and_then(|rest| rest.find('\n')) {
            Some(k) => start += k + 1,
            None => return text.len(),
        }
    }
    // Column N (1-based) is the N-th byte of the line: the error is at byte N - 1.
    let mut offset = (start + column.saturating_sub(1)).min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// A serde_json error's message without serde_json's own " at line L column C", and its line
/// and column in characters (1-based; an empty text is at 1:1).
pub(crate) fn serde_error(text: &str, e: &serde_json::Error) -> (String, usize, usize) {
    let mut message = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    if let Some(cut) = message.strip_suffix(&suffix) {
        message = cut.to_string();
    }
    let (line, column) = LineIndex::new(text).place(serde_offset(text, e.line(), e.column()));
    (message, line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(text: &str) -> Vec<(String, usize)> {
        let mut out = Vec::new();
        array_elements(text, |path, offset| {
            let shown: Vec<String> = path
                .iter()
                .map(|s| match s {
                    Seg::Key(k) => k.to_string(),
                    Seg::Index(i) => i.to_string(),
                })
                .collect();
            out.push((shown.join("."), offset));
        });
        out
    }

    #[test]
    fn finds_array_elements_with_their_paths() {
        let text = r#"{"a": [1, {"b": [ "x,]", {}]}], "c\"d": [[]]}"#;
        assert_eq!(
            collect(text),
            vec![
                ("a.0".to_string(), 7),
                ("a.1".to_string(), 10),
                ("a.1.b.0".to_string(), 18),
                ("a.1.b.1".to_string(), 25),
                ("c\\\"d.0".to_string(), 41),
            ]
        );
    }

    #[test]
    fn serde_errors_are_placed_in_characters() {
        let text = "{\"t\": \"日本\", x}";
        let e = serde_json::from_str::<serde_json::Value>(text).unwrap_err();
        assert_eq!(
            serde_error(text, &e),
            ("key must be a string".into(), 1, 13)
        );
        let e = serde_json::from_str::<serde_json::Value>("").unwrap_err();
        assert_eq!(
            serde_error("", &e),
            ("EOF while parsing a value".into(), 1, 1)
        );
    }
}
