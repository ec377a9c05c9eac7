//! [`Str`]: an immutable string that may share its bytes with the text it was read from.
//!
//! A map read from a 100 MB file holds millions of ids, titles and texts. Most are written in
//! the file exactly as the map keeps them, so a [`Str`] keeps a counted reference to the file's
//! text and the place of its bytes there instead of a copy: no allocation per string, and the
//! text is kept once. A string that is not in the file as such (an escape was resolved, lines
//! were joined, it was made up) owns its bytes.
//!
//! A [`Str`] reads as a `&str` everywhere (`Deref`, `AsRef`, `Borrow`, comparisons with `str`
//! and `String`), and compares, hashes, orders and serializes as its text.

use std::borrow::{Borrow, Cow};
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::{Arc, LazyLock};

/// `len` of a [`Str`] that is the whole of its buffer (so a buffer of any length can be one).
const WHOLE: u32 = u32::MAX;

/// The one buffer of every empty [`Str`], so that `buf` is never null and `Option<Str>` takes no
/// more room than a `Str`.
static EMPTY: LazyLock<Arc<String>> = LazyLock::new(|| Arc::new(String::new()));

/// An immutable string, owning its bytes or sharing them with a bigger text (see the module
/// documentation). A string that shares keeps the whole text it comes from alive: a map keeps
/// the files it was read from in memory (as [`crate::load::Loaded::texts`] does anyway). 16 bytes, and so is an `Option<Str>`; cloning it counts a reference, it
/// copies nothing.
#[derive(Clone)]
pub struct Str {
    /// The bytes ([`EMPTY`] for the empty string).
    buf: Arc<String>,
    /// Where the string starts in `buf`, in bytes (0 when it is the whole buffer).
    start: u32,
    /// Its length in bytes, or [`WHOLE`] when it is the whole buffer.
    len: u32,
}

impl Str {
    /// The empty string (allocates nothing).
    pub fn new() -> Str {
        Str {
            buf: Arc::clone(&EMPTY),
            start: 0,
            len: WHOLE,
        }
    }

    /// The string as a `&str`.
    pub fn as_str(&self) -> &str {
        if self.len == WHOLE {
            self.buf.as_str()
        } else {
            let start = self.start as usize;
            // Always in bounds and on character boundaries: `part_of` and `widened` checked
            // both.
            let part = self.buf.get(start..start + self.len as usize);
            debug_assert!(part.is_some(), "a Str outside its buffer");
            part.unwrap_or_default()
        }
    }

    /// `part` as a [`Str`]: sharing this string's bytes when `part` lies within them (a slice
    /// of [`Str::as_str`]), otherwise a copy of it.
    pub fn part_of(&self, part: &str) -> Str {
        if part.is_empty() {
            return Str::new();
        }
        {
            let buf = &self.buf;
            let base = buf.as_ptr() as usize;
            let at = part.as_ptr() as usize;
            if at == base && part.len() == buf.len() {
                // The whole buffer, of any length.
                return Str {
                    buf: Arc::clone(buf),
                    start: 0,
                    len: WHOLE,
                };
            }
            if at >= base && at + part.len() <= base + buf.len() {
                let start = at - base;
                let fits = u32::try_from(start)
                    .ok()
                    .zip(u32::try_from(part.len()).ok().filter(|&len| len != WHOLE));
                if let Some((start32, len32)) = fits {
                    // Same address and length: the same bytes; `get` checks the bounds.
                    if buf.get(start..start + part.len()).is_some() {
                        return Str {
                            buf: Arc::clone(buf),
                            start: start32,
                            len: len32,
                        };
                    }
                }
            }
        }
        Str::from(part)
    }

    /// This string with `before` and `after` around it, when its bytes are shared and the text
    /// they come from has exactly those around them (`[` and `]` around a title make its id).
    pub fn widened(&self, before: &str, after: &str) -> Option<Str> {
        let buf = &self.buf;
        if self.len == WHOLE {
            return None;
        }
        let (start, end) = (self.start as usize, self.start as usize + self.len as usize);
        let from = start.checked_sub(before.len())?;
        let to = end + after.len();
        let text = buf.get(from..to)?;
        let len = u32::try_from(to - from).ok().filter(|&l| l != WHOLE)?;
        (text.starts_with(before) && text.ends_with(after)).then(|| Str {
            buf: Arc::clone(buf),
            start: from as u32,
            len,
        })
    }

    /// The string as a `String` (a copy of its bytes).
    pub fn to_owned_string(&self) -> String {
        self.as_str().to_owned()
    }
}

impl Deref for Str {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Str {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<std::path::Path> for Str {
    fn as_ref(&self) -> &std::path::Path {
        std::path::Path::new(self.as_str())
    }
}

impl Borrow<str> for Str {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<String> for Str {
    fn from(s: String) -> Str {
        if s.is_empty() {
            return Str::new();
        }
        Str {
            buf: Arc::new(s),
            start: 0,
            len: WHOLE,
        }
    }
}

impl From<&str> for Str {
    fn from(s: &str) -> Str {
        Str::from(s.to_owned())
    }
}

impl From<&String> for Str {
    fn from(s: &String) -> Str {
        Str::from(s.as_str())
    }
}

impl From<Cow<'_, str>> for Str {
    fn from(s: Cow<'_, str>) -> Str {
        Str::from(s.into_owned())
    }
}

impl From<Str> for String {
    fn from(s: Str) -> String {
        if s.len == WHOLE {
            // The only holder of a whole buffer gives it up without a copy.
            Arc::try_unwrap(s.buf).unwrap_or_else(|b| (*b).clone())
        } else {
            s.as_str().to_owned()
        }
    }
}

impl From<&Str> for String {
    fn from(s: &Str) -> String {
        s.as_str().to_owned()
    }
}

impl From<Str> for serde_json::Value {
    fn from(s: Str) -> serde_json::Value {
        serde_json::Value::String(s.into())
    }
}

impl Default for Str {
    fn default() -> Str {
        Str::new()
    }
}

impl fmt::Debug for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl PartialEq for Str {
    fn eq(&self, other: &Str) -> bool {
        self.as_str() == other.as_str()
    }
}
impl Eq for Str {}

impl PartialOrd for Str {
    fn partial_cmp(&self, other: &Str) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Str {
    fn cmp(&self, other: &Str) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for Str {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

macro_rules! eq_with {
    ($($t:ty),*) => {$(
        impl PartialEq<$t> for Str {
            fn eq(&self, other: &$t) -> bool {
                self.as_str() == AsRef::<str>::as_ref(other)
            }
        }
        impl PartialEq<Str> for $t {
            fn eq(&self, other: &Str) -> bool {
                AsRef::<str>::as_ref(self) == other.as_str()
            }
        }
    )*};
}
eq_with!(str, String, Cow<'_, str>);

impl PartialEq<&str> for Str {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}
impl PartialEq<Str> for &str {
    fn eq(&self, other: &Str) -> bool {
        *self == other.as_str()
    }
}

impl serde::Serialize for Str {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Str {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Str, D::Error> {
        String::deserialize(d).map(Str::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_str_and_an_optional_one_are_sixteen_bytes() {
        assert_eq!(std::mem::size_of::<Str>(), 16);
        assert_eq!(std::mem::size_of::<Option<Str>>(), 16);
    }

    #[test]
    fn a_part_within_the_text_shares_its_bytes() {
        let text = Str::from("[Title]: some text".to_owned());
        let part = text.part_of(&text[1..6]);
        assert_eq!(part, "Title");
        assert_eq!(part.start, 1);
        assert_eq!(part.len, 5);
        assert!(Arc::ptr_eq(&part.buf, &text.buf));
        // A part of a part shares the same text.
        let inner = part.part_of(&part[1..3]);
        assert_eq!(inner, "it");
        assert_eq!(inner.start, 2);
    }

    #[test]
    fn a_shared_string_widens_only_over_what_surrounds_it() {
        let text = Str::from("x [Title]: t".to_owned());
        let title = text.part_of(&text[3..8]);
        let id = title.widened("[", "]").unwrap();
        assert_eq!(id, "[Title]");
        assert!(Arc::ptr_eq(&id.buf, &text.buf));
        assert_eq!(title.widened("<", ">"), None);
        assert_eq!(title.widened("[[", "]"), None);
        assert_eq!(text.part_of(&text[0..1]).widened("[", ""), None);
        assert_eq!(text.part_of(&text[11..12]).widened("", "]"), None);
        assert_eq!(text.widened("", ""), None);
        assert_eq!(Str::from("Title").widened("[", "]"), None);
    }

    #[test]
    fn the_whole_text_as_a_part_is_the_text_itself() {
        let text = Str::from("[T]".to_owned());
        let whole = text.part_of(&text);
        assert_eq!(whole.len, WHOLE);
        assert!(Arc::ptr_eq(&whole.buf, &text.buf));
        // A title inside its id shares the id's bytes.
        let title = text.part_of(&text[1..2]);
        assert!(Arc::ptr_eq(&title.buf, &text.buf));
    }

    #[test]
    fn a_part_from_elsewhere_is_copied() {
        let text = Str::from("abc".to_owned());
        let other = String::from("abc");
        let part = text.part_of(&other);
        assert_eq!(part, "abc");
        assert_eq!(part.len, WHOLE);
        assert!(!Arc::ptr_eq(&part.buf, &text.buf));
        assert_eq!(text.part_of(""), Str::new());
        assert!(Arc::ptr_eq(&text.part_of("").buf, &EMPTY));
    }

    #[test]
    fn it_reads_compares_and_serializes_as_its_text() {
        let s = Str::from("héllo wörld".to_owned());
        let w = s.part_of(&s[7..]);
        assert_eq!(w, "wörld");
        assert_eq!(&*w, "wörld");
        assert_eq!(w.to_string(), "wörld");
        assert_eq!(format!("{w:?}"), "\"wörld\"");
        assert_eq!(String::from(w.clone()), "wörld");
        assert_eq!(serde_json::to_string(&w).unwrap(), "\"wörld\"");
        let back: Str = serde_json::from_str("\"wörld\"").unwrap();
        assert_eq!(back, w);
        let (a, b) = (Str::from("a"), Str::from("b"));
        assert_eq!(a.cmp(&b), std::cmp::Ordering::Less);
        assert_eq!(Str::default(), "");
        let whole = Str::from("owned".to_owned());
        assert_eq!(String::from(whole), "owned");
    }
}
