//! Argdown, written: the map as `.argdown` text that counterpoint and the Argdown tools read back.
//!
//! Layout (the same for `export --to argdown` and `counterpoint fmt`):
//!
//! ```text
//! ===
//! title: "Four-day week"
//! sides:
//!   pro: {label: "Supporters", color: "#1b9e77"}
//! sources:
//!   memo:
//!     title: "District memo"
//!     year: 2024
//!     file: "memo.txt"
//!     skip:
//!       - {lines: "9-12", reason: "footnotes"}
//! ===
//!
//! [Four days]: Schools should move to a four-day week.
//!
//! # Objections {side: con}
//!
//! <Childcare>: Parents pay for childcare on the fifth day. #cost {cite: "memo:3-4", quote: "childcare"}
//!   -> [Four days]
//! ```
//!
//! - The frontmatter holds the title, sides and sources (strings JSON-quoted, which YAML reads
//!   the same way); it is left out when there is nothing to declare. An export (not `fmt`)
//!   adds a `color:` section that Argdown's colour plugin reads (`statementColors` and
//!   `argumentColors`, each node's title with its side's colour), so that Argdown draws the
//!   side colours counterpoint draws; counterpoint ignores it when reading.
//! - Nodes without a section come first, then each section as a heading (`#` per level, with
//!   `{side: id}` when the section has one) followed by its nodes. Every top-level element and
//!   heading is separated by a blank line, as Argdown requires.
//! - Each node is written once with its text, `#tags` (`#(two words)` when needed) and metadata
//!   `{side, cite, quote, ...}`; `side` is left out when a side tag or the section already gives
//!   it. A node without text is written as a bare reference `[Title]`.
//! - Each relation is written once, under the node that speaks, with the directional forms:
//!   `+>` supports, `->` rebuts, `_>` undercuts, `><` contradicts. Duplicate relations are written
//!   once. A relation to a node without text that sits in a later section is written after that
//!   node, under a bare reference to the speaker: a node without text is only ever referenced,
//!   and readers put it in the section where they first meet it.
//! - Nodes are ordered so that each one is defined where it is first mentioned, which keeps the
//!   layout a fixed point (`fmt` twice changes nothing).
//! - Text is escaped with `\` before every character Argdown would read as syntax (`\ # { } [ ]
//!   < > @ * _`, and `/` before `/` or `*`). Argdown joins lines and collapses white space, so
//!   line breaks and runs of spaces in a text become single spaces.
//!
//! - Strings in YAML (frontmatter, metadata) are JSON-quoted, with the characters YAML cannot
//!   hold raw (DEL, C1 controls such as NEL, U+FEFF, U+FFFE, U+FFFF) written `\u007f`.
//! - A title Argdown would misread at the start of a line (an argument's starting with `+`, `-`
//!   or `_`, a statement's starting with `-`) is written in single quotes, with a warning (see
//!   [`to_string_with_warnings`]).
//!
//! Some maps cannot be written: texts holding a control character (see `crate::text::control`);
//! titles holding `]` (statements) or `>` (arguments), line breaks,
//! tabs or runs of spaces, `//`, `/*` or `<!--`, or starting with white space; tags holding `)`; metadata keys
//! `side`, `cite` or `quote` in a node's data; a node without a side under a heading that gives
//! one; a contradiction aimed at an argument. [`WriteError`] lists every such problem.

use std::collections::{HashMap, HashSet, VecDeque};
use std::fmt::Write as _;

use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use serde_json::Value;

use crate::model::{Camp, Citation, Element, Map, Relation, Side, Source};

/// The map cannot be written as Argdown; every reason is listed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the map cannot be written as Argdown:\n  {}", .problems.join("\n  "))]
pub struct WriteError {
    pub(crate) problems: Vec<String>,
}

/// The map as one Argdown file. Titles Argdown cannot read at the start of a line are renamed
/// (see [`to_string_with_warnings`], which also says which).
pub fn to_string(map: &Map) -> Result<String, WriteError> {
    to_string_with_warnings(map).map(|(text, _)| text)
}

/// The map as one Argdown file, and a warning for each title written under another name: an
/// argument title starting with `+`, `-` or `_` (`<+x>` starts a relation line) or a statement
/// title starting with `-` is written in single quotes (`<'+x'>`), with ` (2)`, ` (3)`, ...
/// when that title is taken.
pub fn to_string_with_warnings(map: &Map) -> Result<(String, Vec<String>), WriteError> {
    let mut writer = Writer::new(map);
    let text = writer.write(&Part::whole(map));
    let warnings = writer.warnings().to_vec();
    writer.finish()?;
    Ok((with_side_colors(map, text), warnings))
}

/// `text` (a whole map, frontmatter first) with a `color:` section in its frontmatter that
/// gives each node with a side its side's colour, as Argdown's colour plugin reads it
/// (`statementColors` and `argumentColors`, by title): the map drawn by Argdown has the side
/// colours counterpoint draws. counterpoint itself ignores `color:`.
fn with_side_colors(map: &Map, text: String) -> String {
    let palette = crate::style::palette::Palette::new(map);
    let mut statements = String::new();
    let mut arguments = String::new();
    for (_, n) in map.nodes() {
        let Some(side) = n.side.as_deref() else {
            continue;
        };
        let color = palette.color(Some(side)).hex();
        let list = match n.element {
            Element::Statement => &mut statements,
            Element::Argument => &mut arguments,
        };
        let _ = writeln!(list, "    {}: {}", fm_str(&n.title), fm_str(&color));
    }
    if statements.is_empty() && arguments.is_empty() {
        return text;
    }
    let mut block = String::from("color:\n");
    if !statements.is_empty() {
        block.push_str("  statementColors:\n");
        block.push_str(&statements);
    }
    if !arguments.is_empty() {
        block.push_str("  argumentColors:\n");
        block.push_str(&arguments);
    }
    // A map with sides has a frontmatter: `===` ... `===` at the top.
    let Some(end) = text
        .strip_prefix("===\n")
        .and_then(|rest| rest.find("\n===\n").or_else(|| rest.find("\n===")))
        .map(|at| at + 5)
    else {
        return text;
    };
    let mut out = String::with_capacity(text.len() + block.len());
    out.push_str(text.get(..end).unwrap_or(""));
    out.push_str(&block);
    out.push_str(text.get(end..).unwrap_or(""));
    out
}

/// What one output file holds.
#[derive(Debug, Clone, Default)]
pub(crate) struct Part {
    pub(crate) title: Option<String>,
    pub(crate) motion: Option<String>,
    pub(crate) sides: Vec<Side>,
    pub(crate) camps: Vec<Camp>,
    pub(crate) sources: Vec<Source>,
    /// Ids of the sections whose headings go in this file, in map order.
    pub(crate) sections: Vec<String>,
    /// Nodes defined in this file, in map order.
    pub(crate) nodes: Vec<NodeIndex>,
    /// Relations written in this file.
    pub(crate) edges: Vec<EdgeIndex>,
    /// Comments to write back (`fmt` keeps them; an export has none).
    pub(crate) comments: Comments,
}

/// Comment lines kept by `fmt`, by what they stand above. Each entry is one run of comment
/// lines, as written (line breaks included).
#[derive(Debug, Clone, Default)]
pub(crate) struct Comments {
    /// Written just above the node's first block in the file.
    pub(crate) before_node: HashMap<NodeIndex, Vec<String>>,
    /// Written just above the section's heading.
    pub(crate) before_section: HashMap<String, Vec<String>>,
    /// Written at the end of the file.
    pub(crate) at_end: Vec<String>,
}

impl Part {
    /// Everything in the map, in one file.
    pub(crate) fn whole(map: &Map) -> Part {
        Part {
            title: map.title.clone(),
            motion: map.motion.clone(),
            sides: map.sides.clone(),
            camps: map.camps.clone(),
            sources: map.sources.clone(),
            sections: map.sections.iter().map(|s| s.id.clone()).collect(),
            nodes: map.nodes().map(|(ix, _)| ix).collect(),
            edges: map.graph().edge_indices().collect(),
            comments: Comments::default(),
        }
    }
}

/// Writes the parts of one map, in order (for several files, keeps track of which nodes the
/// earlier files already mentioned).
pub(crate) struct Writer<'m> {
    map: &'m Map,
    /// Order in which nodes were first mentioned, and the section open there (which the reader
    /// gives a node until a definition says otherwise).
    mentioned: HashMap<NodeIndex, (usize, Option<String>)>,
    problems: Vec<String>,
    /// Each section's side, inherited from its ancestors when it has none.
    section_side: HashMap<String, Option<String>>,
    /// The title written for nodes whose own title Argdown would misread (see [`renamed`]).
    names: HashMap<NodeIndex, String>,
    warnings: Vec<String>,
}

/// Why Argdown would not read `title` as a title at the start of a line, if it would not: the
/// line would start with a relation marker (`<+`, `<-`, `<_`), or `[-`, which is not an element.
fn misread_start(element: Element, title: &str) -> Option<&'static str> {
    match (element, title.chars().next()?) {
        (Element::Argument, '+') => Some("Argdown reads a line starting with `<+` as a relation"),
        (Element::Argument, '-') => Some("Argdown reads a line starting with `<-` as a relation"),
        (Element::Argument, '_') => Some("Argdown reads a line starting with `<_` as a relation"),
        (Element::Statement, '-') => Some("Argdown reads a line starting with `[-` as text"),
        _ => None,
    }
}

/// The titles to write instead of those Argdown would misread or that another node already
/// has: the title in single quotes (when misread), then with ` (2)`, ` (3)`, ... until no node
/// of the same element has it. Titles kept as they are are claimed first, so a new name never
/// takes one. Deterministic: nodes are taken in map order. Returns the new titles and a warning
/// for each node whose id the written map will not have (renamed, or read from a format whose
/// ids are not `[title]`/`<title>`).
fn renamed(map: &Map) -> (HashMap<NodeIndex, String>, Vec<String>) {
    let mut names = HashMap::new();
    let mut warnings = Vec::new();
    let mut used: HashSet<(Element, String)> = HashSet::new();
    let mut todo = Vec::new();
    for (ix, n) in map.nodes() {
        if misread_start(n.element, &n.title).is_some()
            || !used.insert((n.element, n.title.to_string()))
        {
            todo.push(ix);
        } else if n.id != n.element.id_for(&n.title) {
            warnings.push(format!(
                "{} is written as {}: Argdown names a node by its title",
                n.id,
                n.element.id_for(&n.title)
            ));
        }
    }
    for ix in todo {
        let n = map.node(ix);
        let (base, why) = match misread_start(n.element, &n.title) {
            Some(why) => (format!("'{}'", n.title), why),
            None => (n.title.to_string(), "another node has the same title"),
        };
        let mut name = base.clone();
        let mut k = 1;
        while used.contains(&(n.element, name.clone())) {
            k += 1;
            name = format!("{base} ({k})");
        }
        used.insert((n.element, name.clone()));
        warnings.push(format!(
            "{} is written as {}: {why}",
            n.id,
            n.element.id_for(&name)
        ));
        names.insert(ix, name);
    }
    (names, warnings)
}

/// Why a title cannot be written, if it cannot.
fn title_problem(element: Element, title: &str) -> Option<&'static str> {
    let close = match element {
        Element::Statement => ']',
        Element::Argument => '>',
    };
    if title.is_empty() {
        return Some("it is empty");
    }
    if title.contains(close) {
        return Some(match element {
            Element::Statement => "it holds `]`",
            Element::Argument => "it holds `>`",
        });
    }
    if title.contains(['\n', '\r']) {
        return Some("it holds a line break");
    }
    if title.starts_with(char::is_whitespace) || title.ends_with(char::is_whitespace) {
        return Some("it starts or ends with white space");
    }
    if title.contains("  ") || title.chars().any(|c| c.is_whitespace() && c != ' ') {
        return Some("it holds a run of spaces or other white space (Argdown collapses it)");
    }
    let written = element.id_for(title);
    if written.contains("//") || written.contains("/*") || written.contains("<!--") {
        return Some("it holds a comment marker (`//`, `/*` or `<!--`)");
    }
    None
}

/// Escapes a text for Argdown: `\` before every character Argdown reads as syntax; line breaks
/// and other white space become spaces. Markdown links `[text](url)` and emphasis (`*a*`, `**b**`,
/// `_c_`, `__d__`) that Argdown reads as such are kept; `*` and `_` that would open emphasis
/// Argdown never closes are escaped.
pub(crate) fn escape_text(text: &str) -> String {
    // White space collapses, as Argdown reads it.
    let mut chars: Vec<char> = Vec::with_capacity(text.len());
    for c in text.chars() {
        let c = if c.is_whitespace() || c.is_control() {
            ' '
        } else {
            c
        };
        if c != ' ' || chars.last().is_some_and(|&p| p != ' ') {
            chars.push(c);
        }
    }
    while chars.last() == Some(&' ') {
        chars.pop();
    }
    let links = Links::new(&chars);
    let keep_emphasis = emphasis_balanced(&chars, &links);
    let mut out = String::with_capacity(text.len() + 8);
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if c == '[' {
            if let Some(end) = links.at(&chars, i) {
                out.extend(chars.get(i..end).unwrap_or(&[]));
                i = end;
                continue;
            }
        }
        match c {
            '\\' | '#' | '{' | '}' | '[' | ']' | '<' | '>' | '@' => {
                out.push('\\');
                out.push(c);
            }
            '*' | '_' if !keep_emphasis => {
                out.push('\\');
                out.push(c);
            }
            '/' if matches!(chars.get(i + 1), Some('/' | '*')) => out.push_str("\\/"),
            // `1.y.` would read as `1✔`: a delimiter that opens a special character is escaped
            // (found by fuzzing).
            '.' | ':' if opens_shortcode(&chars, i) => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
        i += 1;
    }
    out
}

/// Whether the `.` or `:` at `i` opens a special character as the reader finds them (the
/// shortest run of non-blank characters up to the same delimiter, naming a known shortcode).
/// Each scan stops at the next equal delimiter, so escaping stays linear.
fn opens_shortcode(chars: &[char], i: usize) -> bool {
    let Some(&c) = chars.get(i) else {
        return false;
    };
    let mut k = i + 1;
    while chars.get(k).is_some_and(|&n| !n.is_whitespace() && n != c) {
        k += 1;
    }
    if k == i + 1 || chars.get(k) != Some(&c) {
        return false;
    }
    let code: String = chars.get(i..=k).unwrap_or(&[]).iter().collect();
    crate::syntax::shortcodes::lookup(&code).is_some()
}

/// Finds Markdown links `[text](url)` that both Argdown and counterpoint read as text, when they
/// need no escape inside. Built once per text, it answers for every `[` in constant time, so
/// escaping a text full of unclosed brackets stays linear.
struct Links {
    /// For each position, the first `]` at or after it (`usize::MAX` when there is none).
    next_close: Vec<usize>,
    /// The first `)` at or after each position.
    next_paren: Vec<usize>,
    /// The first `[` at or after each position.
    next_open: Vec<usize>,
    /// For each position, the smallest last index of a sequence that may not appear inside a
    /// verbatim link (`//`, `/*`, `<!--`, `\`, `{`, `}`) starting at or after it.
    unsafe_end: Vec<usize>,
}

impl Links {
    const UNSAFE_INSIDE: [&'static str; 6] = ["//", "/*", "<!--", "\\", "{", "}"];

    fn new(chars: &[char]) -> Links {
        let n = chars.len();
        let mut next_close = vec![usize::MAX; n + 1];
        let mut next_paren = vec![usize::MAX; n + 1];
        let mut next_open = vec![usize::MAX; n + 1];
        let mut unsafe_end = vec![usize::MAX; n + 1];
        for k in (0..n).rev() {
            let c = chars.get(k).copied();
            let later = |v: &[usize]| v.get(k + 1).copied().unwrap_or(usize::MAX);
            next_close[k] = if c == Some(']') {
                k
            } else {
                later(&next_close)
            };
            next_paren[k] = if c == Some(')') {
                k
            } else {
                later(&next_paren)
            };
            next_open[k] = if c == Some('[') { k } else { later(&next_open) };
            let here = Self::UNSAFE_INSIDE
                .iter()
                .filter(|p| {
                    p.chars()
                        .enumerate()
                        .all(|(j, pc)| chars.get(k + j) == Some(&pc))
                })
                .map(|p| k + p.chars().count() - 1)
                .min()
                .unwrap_or(usize::MAX);
            unsafe_end[k] = here.min(later(&unsafe_end));
        }
        Links {
            next_close,
            next_paren,
            next_open,
            unsafe_end,
        }
    }

    /// The end (exclusive) of a verbatim link starting at `start` (a `[`), if there is one.
    fn at(&self, chars: &[char], start: usize) -> Option<usize> {
        let get = |v: &[usize], k: usize| v.get(k).copied().filter(|&x| x != usize::MAX);
        let close = get(&self.next_close, start + 2)?;
        let inner_open = get(&self.next_open, start + 1).is_some_and(|o| o < close);
        if inner_open || chars.get(close + 1) != Some(&'(') {
            return None;
        }
        let paren = get(&self.next_paren, close + 3)?;
        if get(&self.unsafe_end, start).is_some_and(|end| end <= paren) {
            return None;
        }
        Some(paren + 1)
    }
}

/// Whether Argdown's lexer would close every `*`, `**`, `_` and `__` emphasis it opens in this
/// text (links skipped). Follows Argdown's token rules: an emphasis ends at the same marker when
/// no white space precedes it and white space, punctuation or the end follows; it starts at a
/// marker not followed by white space.
fn emphasis_balanced(chars: &[char], links: &Links) -> bool {
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Range {
        Bold(char),
        Italic(char),
    }
    let ends_here = |k: usize| match chars.get(k) {
        None => true,
        Some(c) => matches!(
            c,
            ' ' | '\t' | ')' | '}' | '_' | '.' | ',' | '!' | '?' | ';' | ':' | '-' | '*'
        ),
    };
    let starts_here = |k: usize| chars.get(k).is_none_or(|c| !c.is_whitespace());
    let mut stack: Vec<Range> = Vec::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if c == '[' {
            if let Some(end) = links.at(chars, i) {
                i = end;
                continue;
            }
        }
        if c != '*' && c != '_' {
            i += 1;
            continue;
        }
        let double = chars.get(i + 1) == Some(&c);
        let after_space = i == 0 || chars.get(i - 1).is_some_and(|p| p.is_whitespace());
        if !after_space {
            if double && stack.last() == Some(&Range::Bold(c)) && ends_here(i + 2) {
                stack.pop();
                i += 2;
                continue;
            }
            if stack.last() == Some(&Range::Italic(c)) && ends_here(i + 1) {
                stack.pop();
                i += 1;
                continue;
            }
        }
        if double && starts_here(i + 2) {
            stack.push(Range::Bold(c));
            i += 2;
        } else if starts_here(i + 1) {
            stack.push(Range::Italic(c));
            i += 1;
        } else {
            i += 1;
        }
    }
    stack.is_empty()
}

/// Whether `c` may appear in a bare `#tag`.
fn is_tag_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_' || (c as u32) >= 0xA0 && !c.is_whitespace()
}

/// A tag as written, or why it cannot be.
fn tag(tag: &str) -> Result<String, &'static str> {
    if tag.is_empty() {
        return Err("it is empty");
    }
    if tag.chars().all(is_tag_char) {
        return Ok(format!("#{tag}"));
    }
    if tag.contains([')', '\n', '\r']) {
        return Err("it holds `)` or a line break");
    }
    Ok(format!("#({tag})"))
}

/// A JSON value written as YAML flow: JSON, with `{`, `}` inside strings written as `\u007b`,
/// `\u007d` (Argdown ends metadata at a brace even inside quotes) and, when some string holds
/// `===` (which would end the frontmatter), `=` as `\u003d`.
fn flow(value: &Value) -> String {
    /// `, ` before every item of an array or object but the first.
    fn separator<W: ?Sized + std::io::Write>(writer: &mut W, first: bool) -> std::io::Result<()> {
        if first {
            Ok(())
        } else {
            writer.write_all(b", ")
        }
    }

    /// Compact JSON with a space after `:` and `,`, as YAML flow is usually written.
    struct Spaced;
    impl serde_json::ser::Formatter for Spaced {
        fn begin_array_value<W: ?Sized + std::io::Write>(
            &mut self,
            writer: &mut W,
            first: bool,
        ) -> std::io::Result<()> {
            separator(writer, first)
        }
        fn begin_object_key<W: ?Sized + std::io::Write>(
            &mut self,
            writer: &mut W,
            first: bool,
        ) -> std::io::Result<()> {
            separator(writer, first)
        }
        fn begin_object_value<W: ?Sized + std::io::Write>(
            &mut self,
            writer: &mut W,
        ) -> std::io::Result<()> {
            writer.write_all(b": ")
        }
    }
    let mut bytes = Vec::new();
    let mut serializer = serde_json::Serializer::with_formatter(&mut bytes, Spaced);
    let json = match serde::Serialize::serialize(value, &mut serializer) {
        Ok(()) => String::from_utf8(bytes).unwrap_or_default(),
        Err(_) => String::new(),
    };
    // `===` can only occur inside strings.
    let fence = json.contains("===");
    let mut out = String::with_capacity(json.len());
    let mut in_string = false;
    let mut escaped = false;
    for c in json.chars() {
        if in_string {
            if escaped {
                escaped = false;
                out.push(c);
                continue;
            }
            match c {
                '\\' => {
                    escaped = true;
                    out.push(c);
                }
                '"' => {
                    in_string = false;
                    out.push(c);
                }
                '{' => out.push_str("\\u007b"),
                '}' => out.push_str("\\u007d"),
                '=' if fence => out.push_str("\\u003d"),
                c if yaml_unprintable(c) => push_unicode_escape(&mut out, c),
                c => out.push(c),
            }
        } else {
            if c == '"' {
                in_string = true;
            }
            out.push(c);
        }
    }
    out
}

fn flow_str(s: &str) -> String {
    flow(&Value::from(s))
}

/// Whether YAML refuses `c` written as it is, even in a double-quoted string (libyaml's
/// printable set): control characters (JSON escapes C0 already; DEL and C1, NEL included, it
/// leaves raw), the byte-order mark and U+FFFE, U+FFFF; and the line and paragraph separators
/// U+2028, U+2029, which YAML reads as line breaks even inside a quoted string (found by
/// fuzzing: a side id `"\u{2028}["` broke the frontmatter).
fn yaml_unprintable(c: char) -> bool {
    crate::text::control::is_control(c)
        || matches!(
            c,
            '\u{feff}' | '\u{fffe}' | '\u{ffff}' | '\u{2028}' | '\u{2029}'
        )
}

/// `\u007f`: an escape both JSON and YAML double-quoted strings read.
fn push_unicode_escape(out: &mut String, c: char) {
    let _ = write!(out, "\\u{:04x}", u32::from(c));
}

/// A string in the frontmatter: JSON-quoted (braces need no escape there), `=` as `\u003d`
/// when the string holds `===`, characters YAML cannot hold raw escaped.
fn fm_str(s: &str) -> String {
    let json = serde_json::to_string(s).unwrap_or_default();
    let fence = s.contains("===");
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '=' if fence => out.push_str("\\u003d"),
            c if yaml_unprintable(c) => push_unicode_escape(&mut out, c),
            c => out.push(c),
        }
    }
    out
}

/// A YAML mapping key: bare when it is a plain word YAML reads as a string, else quoted.
fn key(k: &str) -> String {
    let plain = !k.is_empty()
        && k.chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && !matches!(
            k.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "y" | "n"
        );
    if plain {
        k.to_string()
    } else {
        flow_str(k)
    }
}

fn cite(c: &Citation) -> String {
    let [first, last] = c.lines;
    if first == last {
        format!("{}:{first}", c.source)
    } else {
        format!("{}:{first}-{last}", c.source)
    }
}

impl<'m> Writer<'m> {
    /// A writer for `map`; problems with titles are collected at once.
    pub(crate) fn new(map: &'m Map) -> Writer<'m> {
        // Control characters: what the reader refuses (E014) is not written.
        let mut problems = crate::model::texts::in_map(map);
        let (names, warnings) = renamed(map);
        for (ix, n) in map.nodes() {
            let title = names.get(&ix).map_or(n.title.as_str(), String::as_str);
            if let Some(why) = title_problem(n.element, title) {
                problems.push(format!("the title of {} cannot be written: {why}", n.id));
            }
        }
        let mut section_side: HashMap<String, Option<String>> = HashMap::new();
        for s in &map.sections {
            let inherited = s
                .parent
                .as_ref()
                .and_then(|p| section_side.get(p).cloned().flatten());
            section_side.insert(s.id.clone(), s.side.clone().or(inherited));
        }
        Writer {
            map,
            mentioned: HashMap::new(),
            problems,
            section_side,
            names,
            warnings,
        }
    }

    /// The titles written under another name, one warning each (see
    /// [`to_string_with_warnings`]).
    pub(crate) fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// The id of a node as written: `[Title]` or `<Title>`, under its new name if it has one.
    fn reference(&self, ix: NodeIndex) -> String {
        let n = self.map.node(ix);
        n.element
            .id_for(self.names.get(&ix).map_or(n.title.as_str(), String::as_str))
    }

    /// Everything that could not be written.
    pub(crate) fn finish(self) -> Result<(), WriteError> {
        if self.problems.is_empty() {
            Ok(())
        } else {
            Err(WriteError {
                problems: self.problems,
            })
        }
    }

    /// The structure of argument `ix` as numbered lines under its definition, whose relations
    /// written here are `relations`: only when those are all its relations and the support of
    /// its main conclusion is the last of them. The reader adds that support at the end of the
    /// structure, after the relations written under the definition, so the relations keep
    /// their order and their file.
    fn numbered(&self, ix: NodeIndex, relations: &[Held]) -> Option<Vec<StructureLine>> {
        let lines = structure(self.map, ix)?;
        let main = lines.last()?.statement;
        let outgoing: Vec<(NodeIndex, Relation)> = self.map.outgoing(ix).collect();
        let written: Vec<(NodeIndex, Relation)> =
            relations.iter().map(|h| (h.other, h.relation)).collect();
        (outgoing == written && outgoing.last() == Some(&(main, Relation::Supports)))
            .then_some(lines)
    }

    fn mention(&mut self, ix: NodeIndex, section: Option<&str>) -> bool {
        let next = self.mentioned.len();
        match self.mentioned.entry(ix) {
            std::collections::hash_map::Entry::Occupied(_) => false,
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert((next, section.map(str::to_string)));
                true
            }
        }
    }

    /// One file of the map.
    pub(crate) fn write(&mut self, part: &Part) -> String {
        let mut blocks: Vec<String> = Vec::new();
        let mut comments = part.comments.clone();
        if let Some(fm) = self.frontmatter(part) {
            blocks.push(fm);
        }
        let map = self.map;
        // Regions: no section, then each section of this file.
        let own_sections: HashSet<&str> = part.sections.iter().map(String::as_str).collect();
        let mut regions: Vec<(Option<&str>, Vec<NodeIndex>)> = vec![(None, Vec::new())];
        let mut region_of: HashMap<&str, usize> = HashMap::new();
        for s in &part.sections {
            region_of.insert(s.as_str(), regions.len());
            regions.push((Some(s.as_str()), Vec::new()));
        }
        let mut node_region: HashMap<NodeIndex, usize> = HashMap::new();
        for &ix in &part.nodes {
            let section = map.node(ix).section.as_deref();
            let r = section
                .filter(|s| own_sections.contains(s))
                .and_then(|s| region_of.get(s).copied())
                .unwrap_or(0);
            node_region.insert(ix, r);
            if let Some((_, list)) = regions.get_mut(r) {
                list.push(ix);
            }
        }
        // The relations written in this file, each once, in map order, under the node that
        // speaks. A relation to a node without text in a later section is written after that
        // node, under a reference to the speaker: a node without text is only ever referenced,
        // and the reader puts it in the section where it first meets it.
        let mut held: HashMap<NodeIndex, Vec<Held>> = HashMap::new();
        let mut deferred: HashMap<NodeIndex, Vec<(NodeIndex, Held)>> = HashMap::new();
        let mut seen: HashSet<(NodeIndex, Held)> = HashSet::new();
        let mut edges: Vec<EdgeIndex> = part.edges.clone();
        edges.sort();
        for e in edges {
            let (Some((a, b)), Some(w)) =
                (map.graph().edge_endpoints(e), map.graph().edge_weight(e))
            else {
                continue;
            };
            if w.relation == Relation::Contradicts && map.node(b).element == Element::Argument {
                self.problems.push(format!(
                    "{} contradicts {}: Argdown allows `><` only before a statement",
                    map.node(a).id,
                    map.node(b).id
                ));
                continue;
            }
            let region_a = node_region.get(&a).copied().unwrap_or(usize::MAX);
            let later_textless = map.node(b).text.trim().is_empty()
                && node_region.get(&b).is_some_and(|&rb| region_a < rb);
            let h = Held {
                relation: w.relation,
                other: b,
            };
            if !seen.insert((a, h)) {
                continue;
            }
            if later_textless {
                deferred.entry(b).or_default().push((a, h));
            } else {
                held.entry(a).or_default().push(h);
            }
        }
        let defined: HashSet<NodeIndex> = part.nodes.iter().copied().collect();
        // Headings: check that levels give the same parents.
        let mut open: Vec<(u8, &str)> = Vec::new();
        for (section, nodes) in &regions {
            if let Some(id) = section {
                if let Some(s) = map.section(id) {
                    while open.last().is_some_and(|(l, _)| *l >= s.level) {
                        open.pop();
                    }
                    let parent = open.last().map(|(_, id)| *id);
                    if parent != s.parent.as_deref() {
                        self.problems.push(format!(
                            "section {:?} (level {}) would not sit under its parent {:?}",
                            s.title,
                            s.level,
                            s.parent.as_deref().unwrap_or("(none)")
                        ));
                    }
                    open.push((s.level, id));
                    let heading = self.heading(s);
                    blocks.push(with_comments(comments.before_section.remove(*id), heading));
                }
            }
            // Defined where first mentioned: nodes of this region already mentioned come first,
            // in the order of their mention.
            let in_region: HashSet<NodeIndex> = nodes.iter().copied().collect();
            let mut early: Vec<NodeIndex> = nodes
                .iter()
                .copied()
                .filter(|ix| self.mentioned.contains_key(ix))
                .collect();
            early.sort_by_key(|ix| self.mentioned.get(ix).map_or(usize::MAX, |m| m.0));
            let mut queue: VecDeque<NodeIndex> = early.into();
            let mut emitted: HashSet<NodeIndex> = HashSet::new();
            let mut fresh = nodes.iter().copied();
            loop {
                let next = loop {
                    match queue.pop_front() {
                        Some(ix) if emitted.contains(&ix) => continue,
                        Some(ix) => break Some(ix),
                        None => break None,
                    }
                };
                let next = match next {
                    Some(ix) => ix,
                    None => match fresh.by_ref().find(|ix| !emitted.contains(ix)) {
                        Some(ix) => ix,
                        None => break,
                    },
                };
                emitted.insert(next);
                self.mention(next, *section);
                let relations = held.remove(&next).unwrap_or_default();
                let numbered = self.numbered(next, &relations).unwrap_or_default();
                let mentioned = relations
                    .iter()
                    .map(|h| h.other)
                    .chain(numbered.iter().map(|l| l.statement));
                for other in mentioned {
                    if self.mention(other, *section) && in_region.contains(&other) {
                        queue.push_back(other);
                    }
                }
                let node_blocks = self.node_blocks(next, Form::Define, &relations);
                push_node_blocks(&mut blocks, &mut comments, next, node_blocks);
                // Relations to this node from earlier sections, under references to their
                // speakers.
                let mut speakers: Vec<(NodeIndex, Vec<Held>)> = Vec::new();
                for (source, h) in deferred.remove(&next).unwrap_or_default() {
                    match speakers.iter_mut().find(|(s, _)| *s == source) {
                        Some((_, list)) => list.push(h),
                        None => speakers.push((source, vec![h])),
                    }
                }
                for (source, list) in speakers {
                    let node_blocks = self.node_blocks(source, Form::Reference, &list);
                    push_node_blocks(&mut blocks, &mut comments, source, node_blocks);
                }
            }
        }
        // Relations spoken by nodes defined in another file (under the last heading).
        let last_section = regions.last().and_then(|(s, _)| *s);
        let mut rest: Vec<NodeIndex> = held
            .keys()
            .copied()
            .filter(|ix| !defined.contains(ix))
            .collect();
        rest.sort();
        for ix in rest {
            let relations = held.remove(&ix).unwrap_or_default();
            self.mention(ix, last_section);
            for h in &relations {
                self.mention(h.other, last_section);
            }
            let node_blocks = self.node_blocks(ix, Form::Reference, &relations);
            push_node_blocks(&mut blocks, &mut comments, ix, node_blocks);
        }
        // Comments whose node or heading is not in this file, then the file's last comments.
        let mut left: Vec<(NodeIndex, Vec<String>)> = comments.before_node.drain().collect();
        left.sort_by_key(|(ix, _)| *ix);
        let mut left_sections: Vec<(String, Vec<String>)> =
            comments.before_section.drain().collect();
        left_sections.sort();
        for runs in left
            .into_iter()
            .map(|(_, r)| r)
            .chain(left_sections.into_iter().map(|(_, r)| r))
            .chain(std::iter::once(std::mem::take(&mut comments.at_end)))
        {
            if !runs.is_empty() {
                blocks.push(runs.join("\n\n"));
            }
        }
        let mut out = blocks.join("\n\n");
        out.push('\n');
        out
    }

    fn frontmatter(&mut self, part: &Part) -> Option<String> {
        if part.title.is_none()
            && part.motion.is_none()
            && part.sides.is_empty()
            && part.camps.is_empty()
            && part.sources.is_empty()
        {
            return None;
        }
        let mut out = String::from("===\n");
        if let Some(title) = &part.title {
            let _ = writeln!(out, "title: {}", fm_str(title));
        }
        if let Some(motion) = &part.motion {
            let _ = writeln!(out, "motion: {}", fm_str(motion));
        }
        if !part.sides.is_empty() {
            out.push_str("sides:\n");
            for side in &part.sides {
                let mut fields = vec![format!("label: {}", fm_str(&side.label))];
                if let Some(color) = &side.color {
                    fields.push(format!("color: {}", fm_str(color)));
                }
                let _ = writeln!(out, "  {}: {{{}}}", key(&side.id), fields.join(", "));
            }
        }
        if !part.camps.is_empty() {
            out.push_str("camps:\n");
            for camp in &part.camps {
                let sides: Vec<String> = camp.sides.iter().map(|s| key(s)).collect();
                let _ = writeln!(
                    out,
                    "  {}: {{label: {}, sides: [{}]}}",
                    key(&camp.id),
                    fm_str(&camp.label),
                    sides.join(", ")
                );
            }
        }
        if !part.sources.is_empty() {
            out.push_str("sources:\n");
            for source in &part.sources {
                let mut fields = Vec::new();
                for (name, value) in [("title", &source.title), ("author", &source.author)] {
                    if let Some(v) = value {
                        fields.push(format!("{name}: {}", fm_str(v)));
                    }
                }
                if let Some(year) = source.year {
                    fields.push(format!("year: {year}"));
                }
                for (name, value) in [("url", &source.url), ("file", &source.file)] {
                    if let Some(v) = value {
                        fields.push(format!("{name}: {}", fm_str(v)));
                    }
                }
                if fields.is_empty() && source.skip.is_empty() {
                    let _ = writeln!(out, "  {}: {{}}", key(&source.id));
                    continue;
                }
                let _ = writeln!(out, "  {}:", key(&source.id));
                for field in fields {
                    let _ = writeln!(out, "    {field}");
                }
                if !source.skip.is_empty() {
                    out.push_str("    skip:\n");
                    for skip in &source.skip {
                        let [a, b] = skip.lines;
                        let lines = if a == b {
                            a.to_string()
                        } else {
                            format!("{a}-{b}")
                        };
                        let _ = writeln!(
                            out,
                            "      - {{lines: {}, reason: {}}}",
                            fm_str(&lines),
                            fm_str(&skip.reason)
                        );
                    }
                }
            }
        }
        out.push_str("===");
        Some(out)
    }

    fn heading(&mut self, s: &crate::model::Section) -> String {
        if s.level == 0 {
            self.problems.push(format!(
                "section {:?} has level 0 (headings start at 1)",
                s.title
            ));
        }
        let title = escape_text(&s.title);
        if title.trim().is_empty() {
            self.problems.push(format!("section {} has no title", s.id));
        }
        let mut out = format!(
            "{} {}",
            "#".repeat(usize::from(s.level.max(1))),
            title.trim()
        );
        if let Some(side) = &s.side {
            let _ = write!(out, " {{side: {}}}", key(side));
        }
        out
    }

    /// The block of one node (see [`Form`]), and extra reference blocks for citations that
    /// carry their own quote.
    fn node_blocks(&mut self, ix: NodeIndex, form: Form, relations: &[Held]) -> Vec<String> {
        let map = self.map;
        let n = map.node(ix);
        let mut line = self.reference(ix);
        let mut extra = Vec::new();
        // A premise-conclusion structure is written as numbered lines after the definition; the
        // support of its main conclusion is then implied (the reader adds it).
        let lines = match form {
            Form::Define => self.numbered(ix, relations),
            Form::Reference => None,
        };
        let implied = lines.as_ref().and_then(|l| l.last()).map(|l| l.statement);
        if form != Form::Reference {
            let text = escape_text(&n.text);
            let text = text.trim();
            let mut rest: Vec<String> = Vec::new();
            if !text.is_empty() {
                rest.push(text.to_string());
            }
            for t in &n.tags {
                match tag(t) {
                    Ok(t) => rest.push(t),
                    Err(why) => self
                        .problems
                        .push(format!("tag {t:?} of {} cannot be written: {why}", n.id)),
                }
            }
            // Citations: the first run goes in the definition; each later citation with a quote
            // starts a new run on a reference of its own.
            let mut runs: Vec<Vec<&Citation>> = Vec::new();
            for c in &n.citations {
                match runs.last_mut() {
                    Some(run) if c.quote.is_none() => run.push(c),
                    _ => runs.push(vec![c]),
                }
            }
            let mut runs = runs.into_iter();
            let mut fields = Vec::new();
            if let Some(side) = self.explicit_side(ix) {
                fields.push(format!("side: {}", key(&side)));
            }
            if let Some(run) = runs.next() {
                fields.extend(cite_fields(&run));
            }
            for (k, v) in &n.data {
                if k == "pcs" && lines.is_some() {
                    continue;
                }
                if matches!(k.as_str(), "side" | "cite" | "quote") {
                    self.problems.push(format!(
                        "{} has data {k:?}, which Argdown metadata reads as its own `{k}`",
                        n.id
                    ));
                    continue;
                }
                fields.push(format!("{}: {}", key(k), flow(v)));
            }
            if !fields.is_empty() {
                rest.push(format!("{{{}}}", fields.join(", ")));
            }
            if !text.is_empty() {
                line.push(':');
            }
            if !rest.is_empty() {
                line.push(' ');
                line.push_str(&rest.join(" "));
            }
            for run in runs {
                extra.push(format!(
                    "{} {{{}}}",
                    self.reference(ix),
                    cite_fields(&run).join(", ")
                ));
            }
        }
        for h in relations {
            if h.relation == Relation::Supports && Some(h.other) == implied {
                continue;
            }
            let _ = write!(
                line,
                "\n  {} {}",
                h.relation.marker(),
                self.reference(h.other)
            );
        }
        let mut blocks = vec![line];
        if let Some(lines) = lines {
            let mut numbered = String::new();
            for (k, l) in lines.iter().enumerate() {
                match l.rule.as_deref() {
                    Some("") => numbered.push_str("----\n"),
                    Some(name) => {
                        let _ = writeln!(numbered, "-- {name} --");
                    }
                    None => {}
                }
                let _ = writeln!(numbered, "({}) {}", k + 1, self.reference(l.statement));
            }
            blocks.push(numbered.trim_end().to_string());
        }
        blocks.extend(extra);
        blocks
    }

    /// The side to write on a node: `None` when its side tag or section already gives it.
    fn explicit_side(&mut self, ix: NodeIndex) -> Option<String> {
        let map = self.map;
        let n = map.node(ix);
        let tag_side = n.tags.iter().find(|t| map.side(t).is_some()).cloned();
        let section_side = n
            .section
            .as_ref()
            .and_then(|s| self.section_side.get(s.as_str()).cloned().flatten());
        let inferred = tag_side.or(section_side);
        match (&n.side, inferred) {
            (Some(side), Some(inferred)) if *side == inferred => None,
            (Some(side), _) => Some(side.to_string()),
            (None, Some(inferred)) => {
                self.problems.push(format!(
                    "{} has no side, but Argdown would give it side {inferred:?} from its tag or heading",
                    n.id
                ));
                None
            }
            (None, None) => None,
        }
    }
}

/// One line of a premise-conclusion structure as written: the statement, and for a conclusion
/// the inference rule above it (`Some("")` for an unnamed `----`).
struct StructureLine {
    statement: NodeIndex,
    rule: Option<String>,
}

/// The premise-conclusion structure of argument `ix` (its `data.pcs`, as the reader records
/// it), when numbered lines read back to the same `data.pcs`: every entry a
/// `{role, statement[, inference]}` whose statement is a statement node of the map, premises
/// first, the last entry (only) the main conclusion, rule names that read back as written,
/// statements without text only from the argument's own section. `None` otherwise: the
/// structure is then kept as `pcs` metadata. [`Writer::numbered`] adds what the relations
/// need.
fn structure(map: &Map, ix: NodeIndex) -> Option<Vec<StructureLine>> {
    let node = map.node(ix);
    if node.element != Element::Argument {
        return None;
    }
    let entries = node.data.get("pcs")?.as_array()?;
    let last = entries.len().checked_sub(1)?;
    let mut lines = Vec::with_capacity(entries.len());
    for (k, entry) in entries.iter().enumerate() {
        let entry = entry.as_object()?;
        let role = entry.get("role")?.as_str()?;
        let statement = map.find(entry.get("statement")?.as_str()?)?;
        let n = map.node(statement);
        // A statement without text is placed where it is first mentioned: a numbered line
        // must not be that mention unless it is in the argument's own section.
        let placed_here = !n.text.trim().is_empty() || n.section == node.section;
        if n.element != Element::Statement || !placed_here {
            return None;
        }
        let conclusion = match role {
            "premise" => false,
            "intermediary-conclusion" if k != last => true,
            "main-conclusion" if k == last => true,
            _ => return None,
        };
        if k == 0 && conclusion {
            return None;
        }
        let rule = match entry.get("inference") {
            None => conclusion.then(String::new),
            Some(name) => {
                let name = name.as_str()?;
                // Read back as written: no comment, brace or rule marker inside, white space
                // only single spaces (the reader drops comments and collapses white space).
                let plain = !name.is_empty()
                    && name.trim() == name
                    && !name.contains("  ")
                    && !name.chars().any(|c| c.is_whitespace() && c != ' ')
                    && !["--", "//", "/*", "<!--", "{", "}"]
                        .iter()
                        .any(|p| name.contains(p));
                if !conclusion || !plain {
                    return None;
                }
                Some(name.to_string())
            }
        };
        let keys = 2 + usize::from(entry.contains_key("inference"));
        if entry.len() != keys {
            return None;
        }
        lines.push(StructureLine { statement, rule });
    }
    lines.last()?.rule.as_ref()?;
    Some(lines)
}

/// A block with comment runs written just above it.
fn with_comments(runs: Option<Vec<String>>, block: String) -> String {
    match runs {
        Some(runs) if !runs.is_empty() => format!("{}\n{block}", runs.join("\n\n")),
        _ => block,
    }
}

/// Pushes a node's blocks, the comments kept for it above the first.
fn push_node_blocks(
    blocks: &mut Vec<String>,
    comments: &mut Comments,
    ix: NodeIndex,
    node_blocks: Vec<String>,
) {
    let runs = comments.before_node.remove(&ix);
    for (k, block) in node_blocks.into_iter().enumerate() {
        if k == 0 {
            blocks.push(with_comments(runs.clone(), block));
        } else {
            blocks.push(block);
        }
    }
}

/// How a node's block starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// `[Title]: text #tags {meta}`, or `[Title] #tags {meta}` when the node has no text
    /// (Argdown wants text after the colon).
    Define,
    /// `[Title]` only (the node is defined in another file).
    Reference,
}

/// A relation written under the node that speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Held {
    relation: Relation,
    /// The node spoken about.
    other: NodeIndex,
}

fn cite_fields(run: &[&Citation]) -> Vec<String> {
    let mut fields = Vec::new();
    match run {
        [] => {}
        [one] => fields.push(format!("cite: {}", flow_str(&cite(one)))),
        many => {
            let list: Vec<String> = many.iter().map(|c| flow_str(&cite(c))).collect();
            fields.push(format!("cite: [{}]", list.join(", ")));
        }
    }
    if let Some(q) = run.first().and_then(|c| c.quote.as_ref()) {
        fields.push(format!("quote: {}", flow_str(q)));
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The direct definition of a verbatim link, scanning ahead from `start`.
    fn naive_link(chars: &[char], start: usize) -> Option<usize> {
        let close = (start + 2..chars.len()).find(|&k| chars[k] == ']')?;
        if chars[start + 1..close].contains(&'[') || chars.get(close + 1) != Some(&'(') {
            return None;
        }
        let paren = (close + 3..chars.len()).find(|&k| chars[k] == ')')?;
        let link: String = chars[start..=paren].iter().collect();
        if Links::UNSAFE_INSIDE.iter().any(|p| link.contains(p)) {
            return None;
        }
        Some(paren + 1)
    }

    proptest! {
        #[test]
        fn links_table_agrees_with_the_definition(text in "[\\[\\]()a /\\\\{}<!*-]{0,40}") {
            let chars: Vec<char> = text.chars().collect();
            let links = Links::new(&chars);
            for start in 0..chars.len() {
                if chars[start] == '[' {
                    prop_assert_eq!(links.at(&chars, start), naive_link(&chars, start));
                }
            }
        }
    }

    #[test]
    fn escapes_syntax_characters() {
        assert_eq!(
            escape_text("a #b {c} [d] <e> @f \\ // /* / x\ny"),
            "a \\#b \\{c\\} \\[d\\] \\<e\\> \\@f \\\\ \\// \\/* / x y"
        );
    }

    #[test]
    fn keeps_links_and_closed_emphasis() {
        assert_eq!(
            escape_text("see [the memo](memo.html) *now*"),
            "see [the memo](memo.html) *now*"
        );
        assert_eq!(escape_text("**bold**, _it_."), "**bold**, _it_.");
        assert_eq!(escape_text("snake_case *"), "snake\\_case \\*");
        assert_eq!(escape_text("[a](http://x)"), "\\[a\\](http:\\//x)");
    }

    #[test]
    fn flow_escapes_braces_inside_strings_only() {
        let v = serde_json::json!({"a": "x{y}", "b": ["==="]});
        assert_eq!(
            flow(&v),
            "{\"a\": \"x\\u007by\\u007d\", \"b\": [\"\\u003d\\u003d\\u003d\"]}"
        );
    }

    #[test]
    fn keys_and_tags() {
        assert_eq!(key("pro"), "pro");
        assert_eq!(key("yes"), "\"yes\"");
        assert_eq!(key("2024"), "\"2024\"");
        assert_eq!(tag("cost").as_deref(), Ok("#cost"));
        assert_eq!(tag("two words").as_deref(), Ok("#(two words)"));
        assert!(tag("a)b c").is_err());
    }

    #[test]
    fn titles_that_cannot_be_written() {
        assert!(title_problem(Element::Statement, "a]b").is_some());
        assert!(title_problem(Element::Argument, "a]b").is_none());
        assert!(title_problem(Element::Argument, "<b>").is_some());
        assert!(title_problem(Element::Statement, "<b> \"q\" {x} é").is_none());
        assert!(title_problem(Element::Statement, "http://x").is_some());
        assert!(title_problem(Element::Argument, "!--x").is_some());
    }
}
