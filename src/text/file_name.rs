//! [`FileName`]: the name of a file something was read from, in four bytes.
//!
//! Every node and relation of a map remembers where it was written ([`crate::model::Origin`]),
//! so a 1,000,000-node map holds two million file names, nearly all the same few. A
//! [`FileName`] is a number standing for the name: names are kept once for the whole process
//! (never freed; a process reads a bounded number of files), and copying one is copying four
//! bytes, where a counted reference costs eight and an atomic operation each time.

use std::collections::HashMap;
use std::fmt;
use std::num::NonZeroU32;
use std::ops::Deref;
use std::sync::{Mutex, MutexGuard};

/// Every name given so far, by number less one, and the number of each.
#[derive(Default)]
struct Names {
    list: Vec<&'static str>,
    numbers: HashMap<&'static str, NonZeroU32>,
}

static NAMES: Mutex<Option<Names>> = Mutex::new(None);

/// The names, whatever a thread that panicked while holding them left (they are only ever
/// added to, whole).
fn names() -> MutexGuard<'static, Option<Names>> {
    NAMES
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The name of a file, as a number that stands for it (see the module documentation). Reads as
/// a `&str` ([`FileName::as_str`], `Deref`, `Display`); two are equal when their names are.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct FileName(NonZeroU32);

impl FileName {
    /// The file name `name`. The name is kept for the rest of the process, once however often
    /// it is given: a program that names an unbounded number of texts differently (a server
    /// giving each request's text a name of its own) keeps every name. The language server
    /// keeps the names of the files of its workspace it has read.
    pub fn new(name: &str) -> FileName {
        let mut guard = names();
        let names = guard.get_or_insert_with(Names::default);
        if let Some(&number) = names.numbers.get(name) {
            return FileName(number);
        }
        let Some(number) = u32::try_from(names.list.len() + 1)
            .ok()
            .and_then(NonZeroU32::new)
        else {
            // Four billion names: the first one stands for the rest (never reached).
            return FileName(NonZeroU32::MIN);
        };
        let kept: &'static str = Box::leak(name.to_owned().into_boxed_str());
        names.list.push(kept);
        names.numbers.insert(kept, number);
        FileName(number)
    }

    /// The name.
    pub fn as_str(&self) -> &'static str {
        let guard = names();
        guard
            .as_ref()
            .and_then(|names| names.list.get(self.0.get() as usize - 1))
            .copied()
            .unwrap_or_default()
    }
}

impl Default for FileName {
    /// The empty name.
    fn default() -> FileName {
        FileName::new("")
    }
}

impl Deref for FileName {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for FileName {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for FileName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for FileName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl From<&str> for FileName {
    fn from(name: &str) -> FileName {
        FileName::new(name)
    }
}

impl From<&String> for FileName {
    fn from(name: &String) -> FileName {
        FileName::new(name)
    }
}

impl From<String> for FileName {
    fn from(name: String) -> FileName {
        FileName::new(&name)
    }
}

impl PartialEq<str> for FileName {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for FileName {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for FileName {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_kept_once_and_reads_as_it_was_given() {
        let a = FileName::new("debate/a.argdown");
        let again = FileName::from("debate/a.argdown".to_string());
        let b = FileName::new("b.argdown");
        assert_eq!(a, again);
        assert_ne!(a, b);
        assert_eq!(a.as_str(), "debate/a.argdown");
        assert_eq!(format!("{b} {b:?}"), "b.argdown \"b.argdown\"");
        assert_eq!(FileName::default(), "");
        assert!(a == "debate/a.argdown");
        assert_eq!(std::mem::size_of::<Option<FileName>>(), 4);
    }
}
