//! The house is one-way: every module of the library imports only from floors below its own.
//!
//! The table [`FLOORS`] is the architecture on one page (ARCHITECTURE.md tells it in prose).
//! The test reads every `.rs` file under `src/` (the binary in `src/bin/` stands above all
//! floors and may call anything public), finds each `crate::` path in its code (comments and
//! string literals left out), and fails when a module reaches a floor above it or its own floor
//! in another folder, when two folders import each other, or when a folder reaches out with
//! `super::super`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The floors, from the ground up: (module, floor, what it holds). A module may import from
/// its own folder and from modules on lower floors, never from its floor or above.
const FLOORS: &[(&str, u8, &str)] = &[
    (
        "text",
        0,
        "a text's lines, byte-order mark and UTF-8, file names; the control-character rule",
    ),
    (
        "files",
        0,
        "reading input files within size limits; the --sources folder",
    ),
    (
        "output",
        0,
        "writing output whole or not at all, never over an input",
    ),
    (
        "memory",
        0,
        "the allocator: the system's, with huge pages for large blocks",
    ),
    (
        "diagnostic",
        1,
        "errors and warnings as data: code, place, snippet, help",
    ),
    (
        "model",
        1,
        "the map: nodes, relations in insertion order, sides, sources, sections",
    ),
    (
        "syntax",
        2,
        "the Argdown reader: lexer, parser, frontmatter, builder",
    ),
    (
        "graph",
        2,
        "attack frameworks as compact graphs: CSR, SCC, names, labels",
    ),
    (
        "style",
        2,
        "looks and safe names shared by drawings and exports: palette, ids",
    ),
    (
        "analysis",
        3,
        "what a map says, as data: unanswered, grounded, extensions, prep, stats, filters",
    ),
    (
        "check",
        3,
        "what is wrong with a map: structure, citations against sources, coverage",
    ),
    (
        "formats",
        4,
        "other tools' formats read and written: JSON, AIF, Argdown, ICCMA, Kialo, Mermaid, GraphML",
    ),
    (
        "render",
        5,
        "for people: DOT, SVG, the HTML report, text/Markdown/JSON views of analyses",
    ),
    (
        "load",
        6,
        "inputs (files, folders, formats) into one checked map",
    ),
    ("fmt", 7, "rewriting Argdown files in place in one layout"),
    (
        "inputs",
        7,
        "standard input, the current folder's files, the hint to pass a map's folder",
    ),
    (
        "serve",
        8,
        "the live preview: HTTP routes, file watcher, live state, the page's script",
    ),
    (
        "lsp",
        8,
        "the language server: diagnostics, hover, navigation, completion, fixes for editors",
    ),
];

fn floor(module: &str) -> Option<u8> {
    FLOORS
        .iter()
        .find(|(name, _, _)| *name == module)
        .map(|&(_, floor, _)| floor)
}

/// Every `.rs` file under `dir`, with its path relative to `src/`, in name order.
fn sources(src: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src/ is readable") {
            let path: PathBuf = entry.expect("an entry of src/").path();
            if path.is_dir() {
                if path != src.join("bin") {
                    stack.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path
                    .strip_prefix(src)
                    .expect("under src/")
                    .to_string_lossy()
                    .replace('\\', "/");
                let text = std::fs::read_to_string(&path).expect("source is UTF-8");
                out.push((rel, text));
            }
        }
    }
    out.sort();
    out
}

/// `text` with comments and the contents of string and char literals blanked out, so that
/// only code is searched.
fn code_only(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
                out.push(' ');
            }
            'r' if matches!(chars.peek(), Some('"' | '#')) => {
                // A raw string: r"..." or r#"..."#.
                let mut hashes = 0;
                while chars.peek() == Some(&'#') {
                    chars.next();
                    hashes += 1;
                }
                if chars.peek() != Some(&'"') {
                    out.push('r');
                    continue;
                }
                chars.next();
                let closing: String = std::iter::once('"')
                    .chain(std::iter::repeat_n('#', hashes))
                    .collect();
                let mut seen = String::new();
                for c in chars.by_ref() {
                    seen.push(c);
                    if seen.ends_with(&closing) {
                        break;
                    }
                }
                out.push_str("\"\"");
            }
            '"' => {
                let mut escaped = false;
                for c in chars.by_ref() {
                    if escaped {
                        escaped = false;
                    } else if c == '\\' {
                        escaped = true;
                    } else if c == '"' {
                        break;
                    }
                }
                out.push_str("\"\"");
            }
            '\'' => {
                // A char literal ('a', '\n', '\u{1f}') or a lifetime ('a).
                let rest: String = chars.clone().take(12).collect();
                let literal = if rest.starts_with('\\') {
                    rest.find('\'').map(|end| end + 1)
                } else if rest.chars().nth(1) == Some('\'') {
                    Some(rest.chars().next().map_or(0, char::len_utf8) + 1)
                } else {
                    None
                };
                match literal {
                    Some(len) => {
                        let mut taken = 0;
                        while taken < len {
                            taken += chars.next().map_or(len, char::len_utf8);
                        }
                        out.push_str("' '");
                    }
                    None => out.push('\''),
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// The top-level modules that `code` names through `crate::`: `crate::model::Map`,
/// `crate::{model::Map, text}` and `use crate::model;` alike.
fn imported(code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + "crate::".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
            continue;
        }
        let trimmed = rest.trim_start();
        if let Some(group) = trimmed.strip_prefix('{') {
            // The names at the top of the brace group, at nesting depth 0.
            let mut depth = 0;
            let mut item_start = true;
            let mut name = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => item_start = true,
                    c if item_start && (c.is_alphanumeric() || c == '_') => name.push(c),
                    _ => {
                        if item_start && !name.is_empty() {
                            found.insert(std::mem::take(&mut name));
                            item_start = false;
                        }
                    }
                }
            }
            if !name.is_empty() {
                found.insert(name);
            }
        } else {
            let name: String = trimmed
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                found.insert(name);
            }
        }
    }
    found
}

/// `src/model/texts.rs` → `model`; `src/fmt.rs` → `fmt`; `src/lib.rs` → `None`.
fn top_module(rel: &str) -> Option<&str> {
    let first = rel.split('/').next()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (name != "lib").then_some(name)
}

/// Every import of one top-level module from another: (from, to) → the files that make it.
fn imports() -> BTreeMap<(String, String), Vec<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut edges: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for (rel, text) in sources(&src) {
        let Some(from) = top_module(&rel) else {
            continue;
        };
        let code = code_only(&text);
        for to in imported(&code) {
            if to != from {
                edges
                    .entry((from.to_string(), to))
                    .or_default()
                    .push(rel.clone());
            }
        }
        if code.contains("super::super") {
            edges
                .entry((from.to_string(), "super::super".to_string()))
                .or_default()
                .push(rel.clone());
        }
    }
    edges
}

#[test]
fn every_module_has_a_floor() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let unplaced: BTreeSet<String> = sources(&src)
        .iter()
        .filter_map(|(rel, _)| top_module(rel))
        .filter(|m| floor(m).is_none())
        .map(str::to_string)
        .collect();
    assert!(
        unplaced.is_empty(),
        "modules missing from the FLOORS table in tests/integration/architecture.rs: {unplaced:?}"
    );
}

#[test]
fn imports_only_go_down() {
    let edges = imports();
    let mut wrong = Vec::new();
    for ((from, to), files) in &edges {
        let (Some(low), up) = (floor(from), floor(to)) else {
            continue;
        };
        let why = match up {
            None if to == "super::super" => "reaches out of its folder with super::super".into(),
            None => continue, // `crate::` followed by a macro or the like, not a module.
            Some(up) if up > low => format!("imports {to} (floor {up}) from floor {low}"),
            Some(up) if up == low => format!("imports {to}, on its own floor {low}"),
            Some(_) => continue,
        };
        wrong.push(format!("{from} {why}: {}", files.join(", ")));
    }
    for (from, to) in edges.keys() {
        if from < to && edges.contains_key(&(to.clone(), from.clone())) {
            wrong.push(format!("{from} and {to} import each other"));
        }
    }
    assert!(
        wrong.is_empty(),
        "the house is not one-way:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_reader_sees_code_not_comments_or_strings() {
    let code = code_only(
        "use crate::model::Map; // crate::render\n/* crate::fmt */ let s = \"crate::load\";\n\
         let c = '\"'; let r = r#\"crate::check\"#; use crate::{text::lines, diagnostic::Code};\n\
         fn f<'a>(x: &'a str) -> &'a str { crate::graph::f(x) }",
    );
    assert_eq!(
        imported(&code),
        ["diagnostic", "graph", "model", "text"]
            .map(String::from)
            .into_iter()
            .collect()
    );
    assert_eq!(top_module("model/texts.rs"), Some("model"));
    assert_eq!(top_module("fmt.rs"), Some("fmt"));
    assert_eq!(top_module("lib.rs"), None);
}

#[test]
fn the_binary_only_calls_in() {
    // Reading inputs, guessing formats and writing outputs belong to the library (`load`,
    // `formats`, `output`); the binary maps flags onto them and errors onto exit codes.
    let bin = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/bin");
    let mut wrong = Vec::new();
    for (rel, text) in sources(&bin) {
        let code = code_only(&text);
        for forbidden in [
            "std::fs",
            "File::",
            "read_regular",
            "sniff",
            "from_extension",
        ] {
            if code.contains(forbidden) {
                wrong.push(format!("src/bin/{rel} uses {forbidden}"));
            }
        }
    }
    let main = std::fs::read_to_string(bin.join("counterpoint/main.rs")).expect("main.rs");
    let lines = main.lines().count();
    if lines >= 80 {
        wrong.push(format!(
            "src/bin/counterpoint/main.rs has {lines} lines (fewer than 80)"
        ));
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
