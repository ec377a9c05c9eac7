//! The names of a framework's arguments, as a file gave them or numbered.

use std::borrow::Cow;
use std::collections::HashMap;

/// The names of a framework's arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Names {
    /// Argument `i` is called `i + 1` (i23 without id comments).
    Numbered,
    /// Argument `i` is called `i + 1` unless this table names it (i23 with `# id` comments).
    Partly(HashMap<u32, String>),
    /// Argument `i` is called `names[i]` (apx, tgf).
    Given(Vec<String>),
}

impl Names {
    /// The name of argument `a`.
    pub fn get(&self, a: u32) -> Cow<'_, str> {
        match self {
            Names::Given(names) => match names.get(a as usize) {
                Some(n) => Cow::Borrowed(n.as_str()),
                None => Cow::Owned((u64::from(a) + 1).to_string()),
            },
            Names::Partly(names) => match names.get(&a) {
                Some(n) => Cow::Borrowed(n.as_str()),
                None => Cow::Owned((u64::from(a) + 1).to_string()),
            },
            Names::Numbered => Cow::Owned((u64::from(a) + 1).to_string()),
        }
    }
}
