//! Bytes into text, by one rule for every file counterpoint reads (maps, source texts): UTF-8,
//! a leading byte-order mark dropped, bytes that are not UTF-8 read as U+FFFD so that reading
//! goes on. Where the first bad byte lies is returned as data ([`NotUtf8`]); the caller turns it
//! into a diagnostic (text stays below diagnostics).

use super::line_index::LineIndex;

/// The byte-order mark, U+FEFF, that some Windows editors write at the start of a file.
pub(crate) const BOM: char = '\u{feff}';

/// `text` without the byte-order marks at its start: they are not part of the text.
pub(crate) fn strip_bom(text: &str) -> &str {
    text.trim_start_matches(BOM)
}

/// Where bytes that are not UTF-8 were found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NotUtf8 {
    /// The first bad byte.
    pub(crate) byte: u8,
    /// The byte offset in the decoded text of the U+FFFD that stands for it.
    pub(crate) offset: usize,
    /// Its 1-based line and column (in characters) in the decoded text.
    pub(crate) line: usize,
    pub(crate) column: usize,
    /// How many places in the file hold bytes that are not UTF-8 (each run of bad bytes that
    /// makes one U+FFFD is one place), this one included.
    pub(crate) places: usize,
}

/// A file's text, and where it was not UTF-8, if it was not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Decoded {
    pub(crate) text: String,
    pub(crate) not_utf8: Option<NotUtf8>,
}

/// [`decode`], taking the bytes: when they are UTF-8 (nearly always), they become the text as
/// they are, the byte-order marks at the start moved out, with no copy.
pub(crate) fn decode_owned(bytes: Vec<u8>) -> Decoded {
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            let marks = text.len() - strip_bom(&text).len();
            text.drain(..marks);
            Decoded {
                text,
                not_utf8: None,
            }
        }
        Err(e) => decode(e.as_bytes()),
    }
}

/// Decodes `bytes` as UTF-8 text: the byte-order marks at its start dropped ([`strip_bom`]),
/// each run of bytes that are not UTF-8 read as one U+FFFD.
pub(crate) fn decode(bytes: &[u8]) -> Decoded {
    let mut text = String::with_capacity(bytes.len());
    let mut first_bad: Option<(usize, u8)> = None;
    let mut places = 0usize;
    for chunk in bytes.utf8_chunks() {
        // Only the start of the text can hold the marks to drop.
        let valid = if text.is_empty() && first_bad.is_none() {
            strip_bom(chunk.valid())
        } else {
            chunk.valid()
        };
        text.push_str(valid);
        if let Some(&byte) = chunk.invalid().first() {
            first_bad.get_or_insert((text.len(), byte));
            places += 1;
            text.push(char::REPLACEMENT_CHARACTER);
        }
    }
    let not_utf8 = first_bad.map(|(offset, byte)| {
        let (line, column) = LineIndex::new(&text).place(offset);
        NotUtf8 {
            byte,
            offset,
            line,
            column,
            places,
        }
    });
    Decoded { text, not_utf8 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy;

    #[test]
    fn drops_the_byte_order_mark() {
        let d = decode(b"\xEF\xBB\xBF[A]: a\r\n");
        assert_eq!(d.text, "[A]: a\r\n");
        assert_eq!(d.not_utf8, None);
        assert_eq!(decode(b"\xEF\xBB\xBF").text, "");
        // Only at the start: a mark inside the text is text.
        assert_eq!(decode(b"a\xEF\xBB\xBF").text, "a\u{feff}");
        assert_eq!(strip_bom("\u{feff}\u{feff}x\u{feff}"), "x\u{feff}");
        assert_eq!(strip_bom("x"), "x");
    }

    proptest::proptest! {
        /// Taking the bytes decodes them as [`decode`] does: byte-order marks anywhere, text in
        /// several scripts, and bytes that are not UTF-8.
        #[test]
        fn decoding_owned_bytes_is_decoding_borrowed_ones(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just(vec![0xEF, 0xBB, 0xBF]),
                    proptest::strategy::Just(vec![0xEF, 0xBB]),
                    "[a\\té日\r\n\u{1F600}]{0,4}".prop_map(String::into_bytes),
                    proptest::collection::vec(proptest::num::u8::ANY, 0..3),
                ],
                0..8,
            )
        ) {
            let bytes: Vec<u8> = parts.concat();
            proptest::prop_assert_eq!(decode_owned(bytes.clone()), decode(&bytes));
        }
    }

    #[test]
    fn places_the_first_byte_that_is_not_utf8() {
        // Line 3 after a CRLF and a lone CR; "é" and "日" are one column each.
        let d = decode(b"\xEF\xBB\xBFab\r\n\xC3\xA9\r\xE6\x97\xA5x\xFFy\xFE\xFEz\xC3");
        assert_eq!(d.text, "ab\r\né\r日x\u{FFFD}y\u{FFFD}\u{FFFD}z\u{FFFD}");
        assert_eq!(
            d.not_utf8,
            Some(NotUtf8 {
                byte: 0xFF,
                offset: 11,
                line: 3,
                column: 3,
                places: 4,
            })
        );
        // A sequence cut short is one place.
        let d = decode(b"\xE6\x97");
        assert_eq!(d.text, "\u{FFFD}");
        assert_eq!(
            d.not_utf8,
            Some(NotUtf8 {
                byte: 0xE6,
                offset: 0,
                line: 1,
                column: 1,
                places: 1,
            })
        );
    }
}
