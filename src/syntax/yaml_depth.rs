//! How deeply a YAML text nests, found before serde_norway reads it.
//!
//! serde_norway loads a whole document before its recursion limit applies, and libyaml's scanner
//! spends time in proportion to the number of open flow collections (`[`, `{`) on every token it
//! reads: a text of 200 KB of `[[[[…` took minutes to be refused. Here libyaml's parser is driven
//! one event at a time and stopped at the first collection nested more than [`MAX_DEPTH`] deep,
//! so every text is read in time linear in its length (times at most that depth).

#![allow(unsafe_code)] // A thin wrapper over libyaml's C API; each block says why it is sound.

use std::mem::MaybeUninit;

use unsafe_libyaml_norway as unsafe_sys;

/// The deepest nesting of collections (flow or block) a YAML text may have.
pub(crate) const MAX_DEPTH: usize = 100;

/// The 1-based (line, column) of the first collection nested deeper than [`MAX_DEPTH`], if any.
/// A text libyaml cannot parse gives `None` here: its error is reported by the real reading.
pub(crate) fn too_deep(yaml: &str) -> Option<(usize, usize)> {
    // Each level of nesting needs a character that opens a collection (`[`, `{`), starts a
    // sequence item (`-`) or a key (`?`, `:`): a text with fewer cannot be too deep, and most
    // metadata (`{side: pro}`) is passed without running a second parser over it.
    let openers = yaml
        .bytes()
        .filter(|b| matches!(b, b'[' | b'{' | b'-' | b'?' | b':'))
        .count();
    if openers <= MAX_DEPTH {
        return None;
    }
    let mut parser = Parser::new(yaml)?;
    let mut depth: usize = 0;
    loop {
        match parser.next()? {
            Next::Open(mark) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(mark);
                }
            }
            Next::Close => depth = depth.saturating_sub(1),
            Next::Other => {}
            Next::End => return None,
        }
    }
}

enum Next {
    /// A sequence or mapping starts at this 1-based (line, column).
    Open((usize, usize)),
    Close,
    Other,
    End,
}

/// A libyaml parser over a borrowed text. The parser is boxed: it must not move once it points
/// into the text, and it is deleted on drop.
struct Parser<'a> {
    sys: Box<MaybeUninit<unsafe_sys::yaml_parser_t>>,
    _text: &'a str,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Option<Parser<'a>> {
        let mut sys = Box::new(MaybeUninit::<unsafe_sys::yaml_parser_t>::uninit());
        let len = u64::try_from(text.len()).ok()?;
        // SAFETY: the parser is initialised in place before any other use; it reads `text`,
        // which outlives it (`_text` borrows it for the parser's lifetime).
        unsafe {
            if unsafe_sys::yaml_parser_initialize(sys.as_mut_ptr()).fail {
                return None;
            }
            unsafe_sys::yaml_parser_set_encoding(sys.as_mut_ptr(), unsafe_sys::YAML_UTF8_ENCODING);
            unsafe_sys::yaml_parser_set_input_string(sys.as_mut_ptr(), text.as_ptr(), len);
        }
        Some(Parser { sys, _text: text })
    }

    /// The next event, or `None` on a parse error (after which it is not called again).
    fn next(&mut self) -> Option<Next> {
        let mut event = MaybeUninit::<unsafe_sys::yaml_event_t>::uninit();
        // SAFETY: the parser was initialised in `new`; an event filled by `yaml_parser_parse`
        // is read, then deleted once.
        unsafe {
            let parser = self.sys.as_mut_ptr();
            if unsafe_sys::yaml_parser_parse(parser, event.as_mut_ptr()).fail {
                return None;
            }
            let e = event.as_mut_ptr();
            let mark = (*e).start_mark;
            let next = match (*e).type_ {
                unsafe_sys::YAML_SEQUENCE_START_EVENT | unsafe_sys::YAML_MAPPING_START_EVENT => {
                    Next::Open((
                        usize::try_from(mark.line).unwrap_or(usize::MAX - 1) + 1,
                        usize::try_from(mark.column).unwrap_or(usize::MAX - 1) + 1,
                    ))
                }
                unsafe_sys::YAML_SEQUENCE_END_EVENT | unsafe_sys::YAML_MAPPING_END_EVENT => {
                    Next::Close
                }
                unsafe_sys::YAML_STREAM_END_EVENT => Next::End,
                _ => Next::Other,
            };
            unsafe_sys::yaml_event_delete(e);
            Some(next)
        }
    }
}

impl Drop for Parser<'_> {
    fn drop(&mut self) {
        // SAFETY: the parser was initialised in `new` (a `Parser` exists only then) and is
        // deleted once.
        unsafe { unsafe_sys::yaml_parser_delete(self.sys.as_mut_ptr()) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_collection_too_deep() {
        let ok = format!(
            "a: {}{}",
            "[".repeat(MAX_DEPTH - 1),
            "]".repeat(MAX_DEPTH - 1)
        );
        assert_eq!(too_deep(&ok), None);
        // The mapping is level 1: the 100th `[` is level 101, at column 4 + 99.
        let deep = format!("a: {}", "[".repeat(150));
        assert_eq!(too_deep(&deep), Some((1, 4 + MAX_DEPTH - 1)));
        let block = format!("x:\n{}", "- ".repeat(150));
        assert!(too_deep(&block).is_some());
        assert_eq!(too_deep("a: [b"), None);
        assert_eq!(too_deep(""), None);
    }
}
