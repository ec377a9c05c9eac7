//! Argdown's `@include(a.argdown, b.argdown)`: a line naming other files to read with this one.
//!
//! [`includes`] finds them (the files are read by `load`, which knows the file system), and
//! [`blank_includes`] empties those lines so that the parser does not read them as statements.

/// One file named by an `@include(...)` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Include {
    /// The path as written (quotes removed), relative to the including file.
    pub path: String,
    /// 1-based line and column (in characters) where the path is written.
    pub line: usize,
    pub column: usize,
}

/// The `@include(...)` of a line, if it is one: the text between the parentheses and the byte
/// offset where it starts.
fn include_line(line: &str) -> Option<(&str, usize)> {
    let rest = line.trim_start().strip_prefix("@include")?.trim_start();
    let open = line.len() - rest.len();
    let inner = rest.strip_prefix('(')?;
    let close = inner.rfind(')')?;
    if !inner.get(close + 1..)?.trim().is_empty() {
        return None;
    }
    Some((inner.get(..close)?, open + 1))
}

/// Every file the `@include(...)` lines of `text` name, in order; a path left empty
/// (`@include()`, `@include(a.argdown, )`) is kept as `""`.
pub(crate) fn includes(text: &str) -> Vec<Include> {
    let mut found = Vec::new();
    for (i, piece) in text.split_inclusive('\n').enumerate() {
        let line = piece.trim_end_matches(['\n', '\r']);
        let Some((inner, start)) = include_line(line) else {
            continue;
        };
        let mut offset = start;
        for part in inner.split(',') {
            let lead = part.len() - part.trim_start().len();
            // An empty path is kept (as ""), for the reader to say that it names no file.
            let path = part.trim().trim_matches(|c| c == '"' || c == '\'');
            let at = offset + lead;
            let column = line.get(..at).map_or(1, |s| s.chars().count() + 1);
            found.push(Include {
                path: path.to_string(),
                line: i + 1,
                column,
            });
            offset += part.len() + 1;
        }
    }
    found
}

/// The lines of `text` as [`includes`] numbers them (from 1, at index 0), line ends dropped: the
/// snippets of messages about includes.
pub(crate) fn lines(text: &str) -> Vec<&str> {
    text.split_inclusive('\n')
        .map(|piece| piece.trim_end_matches(['\n', '\r']))
        .collect()
}

/// `text` with its `@include(...)` lines emptied (line ends kept), or `None` when it has none.
pub(crate) fn blank_includes(text: &str) -> Option<String> {
    if !text.contains("@include") {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    for piece in text.split_inclusive('\n') {
        let line = piece.trim_end_matches(['\n', '\r']);
        if include_line(line).is_some() {
            changed = true;
            out.push_str(piece.get(line.len()..).unwrap_or(""));
        } else {
            out.push_str(piece);
        }
    }
    changed.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_path_with_its_place() {
        let text = "[A]: a.\n@include(b.argdown, \"sub/c d.argdown\")\n  @include( e.argdown )\n";
        let found = includes(text);
        let got: Vec<(&str, usize, usize)> = found
            .iter()
            .map(|i| (i.path.as_str(), i.line, i.column))
            .collect();
        assert_eq!(
            got,
            [
                ("b.argdown", 2, 10),
                ("sub/c d.argdown", 2, 21),
                ("e.argdown", 3, 13)
            ]
        );
        assert_eq!(blank_includes(text).as_deref(), Some("[A]: a.\n\n\n"));
        let empty: Vec<(String, usize, usize)> = includes("@include()\n @include(a.argdown, )\n")
            .into_iter()
            .map(|i| (i.path, i.line, i.column))
            .collect();
        assert_eq!(
            empty,
            [
                (String::new(), 1, 10),
                ("a.argdown".to_string(), 2, 11),
                (String::new(), 2, 22)
            ]
        );
        assert_eq!(blank_includes("[A]: @include is text.\n"), None);
    }
}
