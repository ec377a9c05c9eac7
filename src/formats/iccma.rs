//! The abstract argumentation formats of ICCMA (the International Competition on Computational
//! Models of Argumentation), read and written.
//!
//! - **apx** (ASPARTIX, ICCMA 2015–2021): facts `arg(a).` and `att(a,b).` (`a` attacks `b`);
//!   several facts may share a line; `%` starts a comment.
//! - **tgf** (Trivial Graph Format): one argument id per line (optionally followed by a label),
//!   a line `#`, then one attack `a b` per line.
//! - **i23** (ICCMA 2023 onward, files `.i23` or `.af`): a header `p af N`, then one attack
//!   `i j` per line with `1 <= i, j <= N`; lines starting with `#` are comments.
//!
//! Reading parses the bytes directly (no allocation per line) into a compact [`Framework`];
//! `Parsed::to_map` turns it into a map whose nodes have no side and no text and whose attacks
//! are `rebuts` edges. Every bad line gives a diagnostic with file, line and column, and reading
//! goes on to report them all.
//!
//! Writing exports a map's attack graph (see [`MapFramework`]: `rebuts`, `undercuts`, and
//! `contradicts` both ways; `supports` is left out, as abstract frameworks have no support).
//! - apx needs atoms: a node id becomes lowercase ASCII letters, digits and `_` — the brackets of
//!   `[..]`/`<..>` dropped, every run of other characters (spaces, punctuation, non-ASCII
//!   letters) replaced by one `_`, `a_` put in front when the result does not start with a
//!   letter (`a` when nothing is left), and `_2`, `_3`, ... appended to repeats, in map order:
//!   `[Four days]` → `four_days`, `<4 days?>` → `a_4_days`. The file holds only facts.
//! - i23 numbers the nodes `1..N` in map order and records each node's id in a comment line
//!   `# id 3 [Four days]`, which this reader uses to give the nodes their ids back. The id is
//!   escaped so that it stays on its line whatever it holds: `\\` for a backslash, `\n`, `\r`
//!   and `\t` for line feed, carriage return and tab, `\s` for a space at either end (which a
//!   reader would trim), and `\u{HEX}` for any other control character and for U+2028/U+2029
//!   (which some readers take for line breaks). The reader undoes these escapes; a backslash
//!   before anything else is read as written.

use std::collections::{HashMap, HashSet};

use crate::diagnostic::{Code, Diagnostic};
use crate::graph::framework::{Framework, MapFramework};
use crate::graph::names::Names;
use crate::model::{Edge, Map, Node, Relation};
use crate::style::names::Unique;

/// One of the ICCMA formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// ASPARTIX: `arg(a).` and `att(a,b).` facts (`.apx`).
    Apx,
    /// Trivial Graph Format: argument lines, a `#` line, then attack lines (`.tgf`).
    Tgf,
    /// The ICCMA 2023 format: a `p af N` header, then `a b` attack lines (`.i23`, `.af`).
    I23,
}

impl Dialect {
    /// The dialect a file name's extension names: `.apx`, `.tgf`, `.i23` or `.af`.
    pub fn from_extension(name: &str) -> Option<Dialect> {
        let ext = std::path::Path::new(name).extension()?.to_str()?;
        match ext.to_ascii_lowercase().as_str() {
            "apx" => Some(Dialect::Apx),
            "tgf" => Some(Dialect::Tgf),
            "i23" | "af" => Some(Dialect::I23),
            _ => None,
        }
    }

    /// The dialect a text starts like (`p af`, `arg(`), if any.
    pub(crate) fn sniff(bytes: &[u8]) -> Option<Dialect> {
        let mut lines = numbered(bytes);
        let first = lines.find_map(|(_, l)| {
            let t = trim(l);
            (!t.is_empty() && t[0] != b'#' && t[0] != b'%').then_some(t)
        })?;
        if first.starts_with(b"p af") {
            Some(Dialect::I23)
        } else if first.starts_with(b"arg(") || first.starts_with(b"att(") {
            Some(Dialect::Apx)
        } else {
            None
        }
    }
}

/// A framework read from an ICCMA file, with its argument names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// The arguments and their attacks.
    pub framework: Framework,
    /// The file's name of each argument.
    pub names: Names,
}

impl Parsed {
    /// [`Parsed::to_map`], unless the framework has more than [`MAX_MAP_ARGUMENTS`] arguments:
    /// then a diagnostic for `file` and `None` (a map node weighs far more than an argument).
    pub(crate) fn to_map_checked(
        &self,
        file: &str,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<Map> {
        if self.framework.len() > MAX_MAP_ARGUMENTS {
            let mut d = Diagnostic::new(
                Code::BadInput,
                format!(
                    "{} arguments are too many to read as a map (at most {MAX_MAP_ARGUMENTS})",
                    self.framework.len()
                ),
            )
            .with_help("`counterpoint status FILE` reads frameworks of any size without a map");
            d.file = file.to_string();
            diagnostics.push(d);
            return None;
        }
        Some(self.to_map())
    }

    /// The framework as a map: one node per argument, in order, without side or text, and a
    /// `rebuts` edge per attack. A name written `[T]` (as counterpoint's i23 export records
    /// statements) becomes the statement `T`; `<T>` the argument `T`; any other name `a` the
    /// argument titled `a` (id `<a>`).
    pub(crate) fn to_map(&self) -> Map {
        let mut map = Map::new();
        let mut nodes = Vec::with_capacity(self.framework.len());
        // The next suffix to try for a name whose id is taken.
        let mut suffixes: HashMap<String, usize> = HashMap::new();
        for a in 0..self.framework.len() as u32 {
            let name = self.names.get(a);
            let node = node_for(&name);
            let ix = match map.add_node(node) {
                Ok(ix) => ix,
                // Names are unique per file, but `x` and `<x>` (or `[` and `<[>`) make the same
                // node id: the later one keeps its name as its id, or failing that the name with
                // a number (`<x> (2)`), so no argument is lost.
                Err(_) => {
                    let argument = |id: String| Node {
                        id: id.into(),
                        ..Node::argument(name.to_string(), "")
                    };
                    match map.add_node(argument(name.to_string())) {
                        Ok(ix) => ix,
                        Err(_) => {
                            let next = suffixes.entry(name.to_string()).or_insert(2);
                            loop {
                                let id = format!("{name} ({next})");
                                *next += 1;
                                if let Ok(ix) = map.add_node(argument(id)) {
                                    break ix;
                                }
                            }
                        }
                    }
                }
            };
            nodes.push(ix);
        }
        for (a, b) in self.framework.attack_pairs() {
            if let (Some(&x), Some(&y)) = (nodes.get(a as usize), nodes.get(b as usize)) {
                map.add_edge(x, y, Edge::new(Relation::Rebuts));
            }
        }
        map
    }
}

fn node_for(name: &str) -> Node {
    let inner = |open: char, close: char| {
        name.strip_prefix(open)
            .and_then(|s| s.strip_suffix(close))
            .filter(|s| !s.is_empty())
    };
    if let Some(title) = inner('[', ']') {
        Node::statement(title, "")
    } else if let Some(title) = inner('<', '>') {
        Node::argument(title, "")
    } else {
        Node::argument(name, "")
    }
}

/// Reads `bytes` (the content of `file`) in `dialect`. Every problem is pushed to
/// `diagnostics`; `None` when there were errors.
pub fn read(
    file: &str,
    bytes: &[u8],
    dialect: Dialect,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Parsed> {
    let before = diagnostics.len();
    let parsed = match dialect {
        Dialect::Apx => read_apx(file, bytes, diagnostics),
        Dialect::Tgf => read_tgf(file, bytes, diagnostics),
        Dialect::I23 => read_i23(file, bytes, diagnostics),
    };
    if diagnostics.len() > before {
        diagnostics[before..].sort_by_key(|d| (d.line, d.column));
        return None;
    }
    parsed
}

/// The lines of a file: (1-based number, bytes without the line break), as every reader counts
/// lines ([`crate::text::lines::byte_lines`]).
fn numbered(bytes: &[u8]) -> impl Iterator<Item = (usize, &[u8])> {
    (1..).zip(crate::text::lines::byte_lines(bytes))
}

fn is_space(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

fn trim_start(s: &[u8]) -> &[u8] {
    let i = s.iter().position(|&b| !is_space(b)).unwrap_or(s.len());
    &s[i..]
}

fn trim(s: &[u8]) -> &[u8] {
    let s = trim_start(s);
    let j = s.iter().rposition(|&b| !is_space(b)).map_or(0, |j| j + 1);
    &s[..j]
}

/// The byte offset of `part` (a subslice of `line`) in `line`.
fn offset(line: &[u8], part: &[u8]) -> usize {
    (part.as_ptr() as usize).saturating_sub(line.as_ptr() as usize)
}

/// A diagnostic at byte `col` of `line` (1-based `number`) underlining `len` bytes.
fn error(
    file: &str,
    number: usize,
    line: &[u8],
    col: usize,
    len: usize,
    message: String,
    help: &str,
) -> Diagnostic {
    // A slice of one line, shown as it is: no byte-order mark to drop, bad bytes as U+FFFD.
    let text = String::from_utf8_lossy(line);
    let prefix = String::from_utf8_lossy(line.get(..col).unwrap_or(line));
    let underlined = String::from_utf8_lossy(line.get(col..col + len).unwrap_or(&[]));
    Diagnostic::new(Code::BadInput, message)
        .with_length(underlined.chars().count())
        .with_help(help)
        .at_line(file, Some(&text), number, prefix.chars().count() + 1)
}

/// The most arguments read as a map (see [`Parsed::to_map_checked`]).
pub(crate) const MAX_MAP_ARGUMENTS: usize = 5_000_000;

/// The most arguments an i23 header may declare: the arrays for them are made before the
/// attacks are read, so an absurd header must not exhaust memory.
pub(crate) const MAX_ARGUMENTS: u64 = 100_000_000;

const I23_HELP: &str =
    "the ICCMA 2023 format is a header `p af N`, then one attack `i j` per line \
                        (1 <= i, j <= N); lines starting with `#` are comments";
const APX_HELP: &str = "the apx format has facts `arg(a).` and `att(a,b).` (a attacks b); `%` \
                        starts a comment";
const TGF_HELP: &str = "the TGF format has one argument id per line, a line `#`, then one attack \
                        `a b` per line";

/// A decimal number at the start of `s`: (value, digits used); `None` without digits or when it
/// does not fit in a u64.
fn number(s: &[u8]) -> Option<(u64, usize)> {
    let mut value: u64 = 0;
    let mut used = 0;
    for &b in s {
        if !b.is_ascii_digit() {
            break;
        }
        value = value.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
        used += 1;
    }
    (used > 0).then_some((value, used))
}

/// The next whitespace-separated token of `s`: (token, rest).
fn token(s: &[u8]) -> (&[u8], &[u8]) {
    let s = trim_start(s);
    let end = s.iter().position(|&b| is_space(b)).unwrap_or(s.len());
    s.split_at(end)
}

fn read_i23(file: &str, bytes: &[u8], diagnostics: &mut Vec<Diagnostic>) -> Option<Parsed> {
    let mut n: Option<u64> = None;
    let mut from: Vec<u32> = Vec::with_capacity(bytes.len() / 12);
    let mut to: Vec<u32> = Vec::with_capacity(bytes.len() / 12);
    let mut ids: Vec<(u64, String, usize, &[u8], usize)> = Vec::new();
    let mut last_line = (0, &[][..]);
    for (number_, line) in numbered(bytes) {
        last_line = (number_, line);
        let t = trim_start(line);
        let Some(&first) = t.first() else { continue };
        if first == b'#' {
            if let Some(rest) = t.strip_prefix(b"# id ") {
                if let Some((k, used)) = number(rest) {
                    let id = trim(&rest[used..]);
                    if rest.get(used).is_some_and(|&b| is_space(b)) && !id.is_empty() {
                        let col = offset(line, rest);
                        let id = unescape_id(&String::from_utf8_lossy(id));
                        ids.push((k, id, number_, line, col));
                    }
                }
            }
            continue;
        }
        let Some(count) = n else {
            let (p, rest) = token(t);
            let (af, rest) = token(rest);
            let (size, rest) = token(rest);
            match (p, af, number(size), trim(rest).is_empty()) {
                (b"p", b"af", Some((k, used)), true) if used == size.len() => {
                    if k <= MAX_ARGUMENTS {
                        n = Some(k);
                    } else {
                        diagnostics.push(error(
                            file,
                            number_,
                            line,
                            offset(line, size),
                            size.len(),
                            format!("the header declares {k} arguments; counterpoint reads at most {MAX_ARGUMENTS}"),
                            I23_HELP,
                        ));
                    }
                }
                _ => diagnostics.push(error(
                    file,
                    number_,
                    line,
                    offset(line, t),
                    trim(t).len(),
                    "expected the header `p af N` (N, the number of arguments) before any attack"
                        .into(),
                    I23_HELP,
                )),
            }
            // Without a size, later lines cannot be checked; one diagnostic is enough.
            n?;
            continue;
        };
        // The attack `i j`.
        let mut pair = [0u32; 2];
        let mut rest = t;
        let mut ok = true;
        for slot in &mut pair {
            let (tok, after) = token(rest);
            rest = after;
            let col = offset(line, tok);
            match number(tok) {
                Some((k, used)) if used == tok.len() && (1..=count).contains(&k) => {
                    *slot = (k - 1) as u32;
                }
                Some((k, used)) if used == tok.len() => {
                    diagnostics.push(error(
                        file,
                        number_,
                        line,
                        col,
                        tok.len(),
                        format!("argument {k} is out of range: the header declares {count} arguments (1..{count})"),
                        I23_HELP,
                    ));
                    ok = false;
                }
                _ => {
                    let what = if tok.is_empty() {
                        "a second argument number".to_string()
                    } else {
                        format!(
                            "an argument number, found `{}`",
                            String::from_utf8_lossy(tok)
                        )
                    };
                    diagnostics.push(error(
                        file,
                        number_,
                        line,
                        col,
                        tok.len().max(1),
                        format!("expected {what}"),
                        I23_HELP,
                    ));
                    ok = false;
                    break;
                }
            }
        }
        let extra = trim(rest);
        if ok && !extra.is_empty() {
            diagnostics.push(error(
                file,
                number_,
                line,
                offset(line, extra),
                extra.len(),
                "an attack line holds two argument numbers; this is extra".into(),
                I23_HELP,
            ));
            ok = false;
        }
        if ok {
            from.push(pair[0]);
            to.push(pair[1]);
        }
    }
    let Some(count) = n else {
        let (number_, line) = last_line;
        diagnostics.push(error(
            file,
            number_.max(1),
            line,
            0,
            1,
            "the file has no header `p af N`".into(),
            I23_HELP,
        ));
        return None;
    };
    let names = i23_names(file, count, ids, diagnostics);
    let framework = too_large(
        file,
        Framework::from_attacks(count as usize, &from, &to),
        diagnostics,
    )?;
    Some(Parsed { framework, names })
}

/// The names given by `# id K NAME` comments; `Numbered` without any.
fn i23_names(
    file: &str,
    count: u64,
    ids: Vec<(u64, String, usize, &[u8], usize)>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Names {
    if ids.is_empty() {
        return Names::Numbered;
    }
    let mut names: HashMap<u32, String> = HashMap::new();
    let mut seen: HashSet<String> = HashSet::new();
    for (k, id, number_, line, col) in ids {
        let whole = line.len().saturating_sub(col);
        let problem = if !(1..=count).contains(&k) {
            Some((
                number(line.get(col..).unwrap_or(&[])).map_or(1, |x| x.1),
                format!("argument {k} is out of range: the header declares {count} arguments (1..{count})"),
            ))
        } else if let Some(first) = names.get(&((k - 1) as u32)) {
            Some((whole, format!("argument {k} already has the id {first:?}")))
        } else if !seen.insert(id.clone()) {
            Some((whole, format!("the id {id:?} is given to two arguments")))
        } else {
            names.insert((k - 1) as u32, id);
            None
        };
        if let Some((len, message)) = problem {
            diagnostics.push(error(file, number_, line, col, len, message, I23_HELP));
        }
    }
    Names::Partly(names)
}

fn too_large(
    file: &str,
    framework: Result<Framework, crate::graph::csr::TooLarge>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Framework> {
    match framework {
        Ok(fw) => Some(fw),
        Err(e) => {
            let mut d = Diagnostic::new(Code::BadInput, e.to_string());
            d.file = file.to_string();
            diagnostics.push(d);
            None
        }
    }
}

/// Argument names met so far, numbered in order of first declaration.
#[derive(Default)]
struct Table<'a> {
    index: HashMap<&'a [u8], u32>,
    names: Vec<String>,
}

impl<'a> Table<'a> {
    fn declare(&mut self, name: &'a [u8]) {
        if !self.index.contains_key(name) {
            self.index.insert(name, self.names.len() as u32);
            self.names.push(String::from_utf8_lossy(name).into_owned());
        }
    }
}

/// An attack naming arguments that may be declared later: (from, to, line number, line).
type Pending<'a> = (&'a [u8], &'a [u8], usize, &'a [u8]);

/// Resolves pending attacks against the declared names; undeclared names are errors.
fn resolve(
    file: &str,
    table: Table<'_>,
    pending: Vec<Pending<'_>>,
    diagnostics: &mut Vec<Diagnostic>,
    help: &str,
    declare: &str,
) -> Option<Parsed> {
    let mut from = Vec::with_capacity(pending.len());
    let mut to = Vec::with_capacity(pending.len());
    for (a, b, number_, line) in pending {
        let mut pair = [0u32; 2];
        let mut ok = true;
        for (slot, name) in pair.iter_mut().zip([a, b]) {
            match table.index.get(name) {
                Some(&i) => *slot = i,
                None => {
                    let shown = String::from_utf8_lossy(name);
                    diagnostics.push(error(
                        file,
                        number_,
                        line,
                        offset(line, name),
                        name.len(),
                        format!("the attack names `{shown}`, which is not declared"),
                        &format!(
                            "{help}; declare it with {}",
                            declare.replace("NAME", &shown)
                        ),
                    ));
                    ok = false;
                }
            }
        }
        if ok {
            from.push(pair[0]);
            to.push(pair[1]);
        }
    }
    let framework = too_large(
        file,
        Framework::from_attacks(table.names.len(), &from, &to),
        diagnostics,
    )?;
    Some(Parsed {
        framework,
        names: Names::Given(table.names),
    })
}

fn read_apx(file: &str, bytes: &[u8], diagnostics: &mut Vec<Diagnostic>) -> Option<Parsed> {
    let mut table = Table::default();
    let mut pending: Vec<Pending<'_>> = Vec::new();
    for (number_, line) in numbered(bytes) {
        let mut rest = trim_start(line);
        while let Some(&first) = rest.first() {
            if first == b'%' {
                break;
            }
            match apx_fact(rest) {
                Ok((fact, after)) => {
                    match fact {
                        Fact::Arg(name) => table.declare(name),
                        Fact::Att(a, b) => pending.push((a, b, number_, line)),
                    }
                    rest = trim_start(after);
                }
                Err((at, message)) => {
                    let col = offset(line, at);
                    diagnostics.push(error(
                        file,
                        number_,
                        line,
                        col,
                        trim(at).len().max(1),
                        message,
                        APX_HELP,
                    ));
                    break;
                }
            }
        }
    }
    resolve(file, table, pending, diagnostics, APX_HELP, "`arg(NAME).`")
}

enum Fact<'a> {
    Arg(&'a [u8]),
    Att(&'a [u8], &'a [u8]),
}

type FactError<'a> = (&'a [u8], String);

/// One fact at the start of `s` (already trimmed): the fact and what follows it.
fn apx_fact(s: &[u8]) -> Result<(Fact<'_>, &[u8]), FactError<'_>> {
    fn expected(at: &[u8]) -> FactError<'_> {
        let shown = String::from_utf8_lossy(trim(at)).into_owned();
        (
            at,
            format!("expected `arg(a).` or `att(a,b).`, found `{shown}`"),
        )
    }
    fn name(part: &[u8]) -> Result<&[u8], FactError<'_>> {
        let t = trim(part);
        if t.is_empty() {
            Err((part, "an argument name is missing here".into()))
        } else if t.iter().any(|&b| is_space(b) || b == b'(') {
            let shown = String::from_utf8_lossy(t);
            Err((t, format!("`{shown}` is not an argument name")))
        } else {
            Ok(t)
        }
    }
    let (is_arg, body) = if let Some(b) = s.strip_prefix(b"arg") {
        (true, b)
    } else if let Some(b) = s.strip_prefix(b"att") {
        (false, b)
    } else {
        return Err(expected(s));
    };
    if body
        .first()
        .is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_')
    {
        return Err(expected(s));
    }
    let body = trim_start(body);
    let Some(body) = body.strip_prefix(b"(") else {
        return Err((body, "expected `(`".into()));
    };
    let Some(close) = memchr::memchr(b')', body) else {
        return Err((body, "this fact has no closing `)`".into()));
    };
    let inside = &body[..close];
    let after = trim_start(&body[close + 1..]);
    let Some(after) = after.strip_prefix(b".") else {
        return Err((after, "expected `.` after the closing `)`".into()));
    };
    if is_arg {
        if inside.contains(&b',') {
            return Err((inside, "`arg` takes one argument name".into()));
        }
        Ok((Fact::Arg(name(inside)?), after))
    } else {
        let Some(comma) = memchr::memchr(b',', inside) else {
            return Err((inside, "`att` takes two argument names: `att(a,b).`".into()));
        };
        let (a, b) = (&inside[..comma], &inside[comma + 1..]);
        if b.contains(&b',') {
            return Err((b, "`att` takes two argument names: `att(a,b).`".into()));
        }
        Ok((Fact::Att(name(a)?, name(b)?), after))
    }
}

fn read_tgf(file: &str, bytes: &[u8], diagnostics: &mut Vec<Diagnostic>) -> Option<Parsed> {
    let mut table = Table::default();
    let mut pending: Vec<Pending<'_>> = Vec::new();
    let mut in_edges = false;
    for (number_, line) in numbered(bytes) {
        let t = trim(line);
        if t.is_empty() {
            continue;
        }
        if t == b"#" {
            if in_edges {
                diagnostics.push(error(
                    file,
                    number_,
                    line,
                    offset(line, t),
                    1,
                    "a second `#` line; attacks follow the first".into(),
                    TGF_HELP,
                ));
            }
            in_edges = true;
            continue;
        }
        let (a, rest) = token(t);
        if !in_edges {
            // `id label...`: the label is not kept.
            table.declare(a);
            continue;
        }
        let (b, _label) = token(rest);
        if b.is_empty() {
            diagnostics.push(error(
                file,
                number_,
                line,
                offset(line, t) + t.len(),
                1,
                "an attack line needs two argument ids: `a b`".into(),
                TGF_HELP,
            ));
            continue;
        }
        pending.push((a, b, number_, line));
    }
    resolve(
        file,
        table,
        pending,
        diagnostics,
        TGF_HELP,
        "a line `NAME` before the `#` line",
    )
}

/// The apx atom of each node of `map`, in map order (see the module documentation).
pub(crate) fn apx_atoms(map: &Map) -> Vec<String> {
    let mut taken = Unique::default();
    map.nodes()
        .map(|(_, node)| taken.claim(atom(&node.id), "_"))
        .collect()
}

fn atom(id: &str) -> String {
    let inner = [('[', ']'), ('<', '>')]
        .iter()
        .find_map(|&(o, c)| id.strip_prefix(o).and_then(|s| s.strip_suffix(c)))
        .unwrap_or(id);
    let mut out = String::with_capacity(inner.len());
    let mut gap = false;
    for c in inner.chars() {
        if c.is_ascii_alphanumeric() {
            if gap && !out.is_empty() {
                out.push('_');
            }
            gap = false;
            out.push(c.to_ascii_lowercase());
        } else {
            gap = true;
        }
    }
    match out.chars().next() {
        None => "a".into(),
        Some(c) if c.is_ascii_lowercase() => out,
        Some(_) => format!("a_{out}"),
    }
}

/// The map's attack graph in apx.
pub fn to_apx(map: &Map) -> String {
    let atoms = apx_atoms(map);
    let mut out = String::new();
    for a in &atoms {
        out.push_str("arg(");
        out.push_str(a);
        out.push_str(").\n");
    }
    if let Ok(mf) = MapFramework::new(map) {
        for (a, b) in mf.framework.attack_pairs() {
            if let (Some(x), Some(y)) = (atoms.get(a as usize), atoms.get(b as usize)) {
                out.push_str(&format!("att({x},{y}).\n"));
            }
        }
    }
    out
}

/// The map's attack graph in the ICCMA 2023 format, with `# id K ID` comment lines.
pub fn to_i23(map: &Map) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let Ok(mf) = MapFramework::new(map) else {
        return out;
    };
    let _ = writeln!(out, "p af {}", mf.framework.len());
    let _ = writeln!(
        out,
        "# counterpoint: attacks are rebuts, undercuts and contradicts (both ways); supports are left out"
    );
    for (k, &ix) in mf.nodes().iter().enumerate() {
        let _ = writeln!(out, "# id {} {}", k + 1, escape_id(&map.node(ix).id));
    }
    for (a, b) in mf.framework.attack_pairs() {
        let _ = writeln!(out, "{} {}", a + 1, b + 1);
    }
    out
}

/// An id as written in an i23 `# id` line: on one line, with nothing a reader trims (see the
/// module documentation).
pub(crate) fn escape_id(id: &str) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(id.len());
    let last = id.chars().count().saturating_sub(1);
    for (k, c) in id.chars().enumerate() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            ' ' if k == 0 || k == last => out.push_str("\\s"),
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

/// Undoes [`escape_id`]; a backslash before anything else is kept as written.
pub(crate) fn unescape_id(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(k) = rest.find('\\') {
        out.push_str(rest.get(..k).unwrap_or_default());
        let after = rest.get(k + 1..).unwrap_or_default();
        let simple = match after.chars().next() {
            Some('\\') => Some('\\'),
            Some('n') => Some('\n'),
            Some('r') => Some('\r'),
            Some('t') => Some('\t'),
            Some('s') => Some(' '),
            _ => None,
        };
        if let Some(c) = simple {
            out.push(c);
            rest = after.get(1..).unwrap_or_default();
            continue;
        }
        let code = after
            .strip_prefix("u{")
            .and_then(|h| h.split_once('}'))
            .filter(|(hex, _)| (1..=6).contains(&hex.len()))
            .and_then(|(hex, tail)| {
                let c = char::from_u32(u32::from_str_radix(hex, 16).ok()?)?;
                Some((c, tail))
            });
        match code {
            Some((c, tail)) => {
                out.push(c);
                rest = tail;
            }
            None => {
                out.push('\\');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_escape_onto_one_line_and_back() {
        for id in [
            "[Four days]",
            "[x\n2 1]",
            "<a\\nb\\>",
            " sp ",
            "[\t\r\u{7f}\u{85}\u{2028}\u{0}é]",
            "\\",
            "\\u{41}",
        ] {
            let escaped = escape_id(id);
            assert!(
                !escaped.contains(['\n', '\r', '\u{2028}', '\u{85}']),
                "{escaped}"
            );
            assert_eq!(escaped.trim(), escaped);
            assert_eq!(unescape_id(&escaped), id, "{escaped}");
        }
        assert_eq!(escape_id(" a\\b\n "), "\\sa\\\\b\\n\\s");
        // Older files: a backslash before anything else is kept.
        assert_eq!(
            unescape_id(r"[C:\Notes\x] \u{zz} \"),
            r"[C:\Notes\x] \u{zz} \"
        );
    }

    fn parse(name: &str, text: &str) -> (Option<Parsed>, Vec<String>) {
        let mut diags = Vec::new();
        let dialect = Dialect::from_extension(name).unwrap();
        let parsed = read(name, text.as_bytes(), dialect, &mut diags);
        (parsed, diags.iter().map(|d| d.headline()).collect())
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line_as_everywhere() {
        let (p, d) = parse("x.af", "p af 2\r1 2\r\r2 x\r");
        assert!(p.is_none());
        assert_eq!(
            d,
            vec!["x.af:4:3: error[E013]: expected an argument number, found `x`"]
        );
        let (p, d) = parse("x.af", "p af 2\r1 2\r");
        assert_eq!(d, Vec::<String>::new());
        assert_eq!(pairs(&p.unwrap()), vec![("1".to_string(), "2".to_string())]);
    }

    fn pairs(p: &Parsed) -> Vec<(String, String)> {
        p.framework
            .attack_pairs()
            .map(|(a, b)| (p.names.get(a).into_owned(), p.names.get(b).into_owned()))
            .collect()
    }

    #[test]
    fn reads_i23() {
        let (p, d) = parse("x.af", "p af 3\n# a comment\n1 2\n\n 2  3 \r\n3 3\n1 2\n");
        assert!(d.is_empty(), "{d:?}");
        let p = p.unwrap();
        assert_eq!(p.framework.len(), 3);
        assert_eq!(p.names, Names::Numbered);
        let want = [("1", "2"), ("2", "3"), ("3", "3")];
        assert_eq!(pairs(&p), want.map(|(a, b)| (a.to_string(), b.to_string())));
    }

    #[test]
    fn i23_errors_name_line_and_column() {
        let (p, d) = parse("bad.af", "p af 3\n1 4\n1 x\n0 1\n1 2 3\n2\n");
        assert!(p.is_none());
        assert_eq!(
            d,
            vec![
                "bad.af:2:3: error[E013]: argument 4 is out of range: the header declares 3 arguments (1..3)",
                "bad.af:3:3: error[E013]: expected an argument number, found `x`",
                "bad.af:4:1: error[E013]: argument 0 is out of range: the header declares 3 arguments (1..3)",
                "bad.af:5:5: error[E013]: an attack line holds two argument numbers; this is extra",
                "bad.af:6:2: error[E013]: expected a second argument number",
            ]
        );
        let (_, d) = parse("nohead.af", "1 2\n");
        assert_eq!(
            d,
            vec!["nohead.af:1:1: error[E013]: expected the header `p af N` (N, the number of arguments) before any attack"]
        );
        let (_, d) = parse("huge.af", "p af 999999999999\n1 2\n");
        assert_eq!(
            d,
            vec!["huge.af:1:6: error[E013]: the header declares 999999999999 arguments; counterpoint reads at most 100000000"]
        );
        let (_, d) = parse(
            "ids.af",
            "p af 2\n# id 1 [A]\n# id 1 [B]\n# id 2 [A]\n1 2\n",
        );
        assert_eq!(
            d,
            vec![
                "ids.af:3:6: error[E013]: argument 1 already has the id \"[A]\"",
                "ids.af:4:6: error[E013]: the id \"[A]\" is given to two arguments",
            ]
        );
        let (_, d) = parse("empty.af", "# nothing\n");
        assert_eq!(
            d,
            vec!["empty.af:1:1: error[E013]: the file has no header `p af N`"]
        );
    }

    #[test]
    fn reads_apx_with_facts_anywhere() {
        let text = "% comment\narg(a1). arg( b ).\n att(a1 , b).att(b,b).\narg(c).\natt(c,a1).\n";
        let (p, d) = parse("x.apx", text);
        assert!(d.is_empty(), "{d:?}");
        let p = p.unwrap();
        assert_eq!(
            p.names,
            Names::Given(vec!["a1".into(), "b".into(), "c".into()])
        );
        assert_eq!(pairs(&p).len(), 3);
    }

    #[test]
    fn apx_errors_are_all_reported() {
        let text = "arg(a).\narg(a b).\nattack(a,b).\natt(a,zz).\narg(c)\natt(a,b,c).\n";
        let (p, d) = parse("bad.apx", text);
        assert!(p.is_none());
        assert_eq!(
            d,
            vec![
                "bad.apx:2:5: error[E013]: `a b` is not an argument name",
                "bad.apx:3:1: error[E013]: expected `arg(a).` or `att(a,b).`, found `attack(a,b).`",
                "bad.apx:4:7: error[E013]: the attack names `zz`, which is not declared",
                "bad.apx:5:7: error[E013]: expected `.` after the closing `)`",
                "bad.apx:6:7: error[E013]: `att` takes two argument names: `att(a,b).`",
            ]
        );
    }

    #[test]
    fn reads_tgf() {
        let (p, d) = parse("x.tgf", "1 first\n2\n3\n#\n1 2\n2 3 label\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(pairs(&p.unwrap()).len(), 2);
        let (p, d) = parse("bad.tgf", "1\n#\n1 9\n1\n");
        assert!(p.is_none());
        assert_eq!(
            d,
            vec![
                "bad.tgf:3:3: error[E013]: the attack names `9`, which is not declared",
                "bad.tgf:4:2: error[E013]: an attack line needs two argument ids: `a b`",
            ]
        );
    }

    #[test]
    fn atoms_are_valid_and_unique() {
        let mut map = Map::new();
        for node in [
            Node::statement("Four days", ""),
            Node::argument("Four days", ""),
            Node::argument("4 days?", ""),
            Node::statement("Café crème", ""),
            Node::statement("...", ""),
            Node::statement("four_days_2", ""),
        ] {
            map.add_node(node).unwrap();
        }
        assert_eq!(
            apx_atoms(&map),
            vec![
                "four_days",
                "four_days_2",
                "a_4_days",
                "caf_cr_me",
                "a",
                "four_days_2_2"
            ]
        );
    }

    #[test]
    fn i23_round_trips_ids() {
        let mut map = Map::new();
        let a = map.add_node(Node::statement("Four days", "text")).unwrap();
        let b = map.add_node(Node::argument("Childcare", "")).unwrap();
        let c = map.add_node(Node::argument("Support", "")).unwrap();
        map.add_edge(b, a, Edge::new(Relation::Rebuts));
        map.add_edge(c, a, Edge::new(Relation::Supports));
        map.add_edge(a, c, Edge::new(Relation::Contradicts));
        let text = to_i23(&map);
        assert_eq!(
            text,
            "p af 3\n# counterpoint: attacks are rebuts, undercuts and contradicts (both ways); supports are left out\n\
             # id 1 [Four days]\n# id 2 <Childcare>\n# id 3 <Support>\n1 3\n2 1\n3 1\n"
        );
        let (p, d) = parse("x.i23", &text);
        assert!(d.is_empty(), "{d:?}");
        let back = p.unwrap().to_map();
        let ids: Vec<&str> = back.nodes().map(|(_, n)| n.id.as_str()).collect();
        assert_eq!(ids, vec!["[Four days]", "<Childcare>", "<Support>"]);
        assert_eq!(back.edge_count(), 3);
        assert_eq!(
            to_apx(&map),
            "arg(four_days).\narg(childcare).\narg(support).\natt(four_days,support).\n\
             att(childcare,four_days).\natt(support,four_days).\n"
        );
    }

    #[test]
    fn names_that_make_the_same_id_keep_every_argument() {
        // `[` is no `[T]` name: the argument `[`, id `<[>`, which `<[>` names too (found by
        // fuzzing); `x` and `<x>` both make `<x>`.
        let (p, d) = parse("x.i23", "p af 2\n# id 1 [\n# id 2 <[>\n1 2\n");
        assert!(d.is_empty(), "{d:?}");
        let back = p.unwrap().to_map();
        let ids: Vec<&str> = back.nodes().map(|(_, n)| n.id.as_str()).collect();
        assert_eq!(ids, vec!["<[>", "<[> (2)"]);
        assert_eq!(back.edge_count(), 1);
        let (p, d) = parse("x.i23", "p af 2\n# id 1 x\n# id 2 <x>\n");
        assert!(d.is_empty(), "{d:?}");
        let ids: Vec<String> = p
            .unwrap()
            .to_map()
            .nodes()
            .map(|(_, n)| n.id.to_string())
            .collect();
        assert_eq!(ids, vec!["<x>", "<x> (2)"]);
    }

    #[test]
    fn sniffs_content() {
        assert_eq!(Dialect::sniff(b"# c\np af 2\n"), Some(Dialect::I23));
        assert_eq!(Dialect::sniff(b"\narg(a).\n"), Some(Dialect::Apx));
        assert_eq!(Dialect::sniff(b"[A]: text\n"), None);
    }
}
