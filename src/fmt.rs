//! `counterpoint fmt`: rewrites `.argdown` files in one canonical layout (the layout of
//! [`crate::formats::argdown`]).
//!
//! The files are read together as one map, as every command reads them, and each file is
//! written back with what it held:
//!
//! - a node is defined in the file it was defined in (`node.origin`), a relation is written in
//!   the file it was written in (under a bare reference to its speaker when that node lives in
//!   another file);
//! - each file keeps its own frontmatter declarations (title, motion, sides, camps, sources) and its own
//!   headings;
//! - line endings stay as they were (CRLF files stay CRLF);
//! - comments on lines of their own (`//`, `/* */`, `<!-- -->`) are kept: each run of comment
//!   lines is written just above the node, heading or relation's speaker that followed it (a run
//!   with nothing after it stays at the end of the file), dedented, its inner blank lines kept.
//!
//! `fmt` refuses, changing nothing, when the files have errors, when a comment shares its line
//! with text or sits in the YAML frontmatter (`# ...`: the map cannot say where it belongs),
//! when the map cannot be written as Argdown, or when the rewritten files would not read back to
//! the same map and comments (a safety check that should never fire).
//!
//! The layout is a fixed point: formatting formatted files changes nothing.

use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use petgraph::stable_graph::{EdgeIndex, NodeIndex};

use crate::diagnostic::Diagnostic;
use crate::formats::argdown::{Comments, Part, WriteError, Writer};
use crate::formats::Format;
use crate::load;
use crate::model::Map;
use crate::syntax;
use crate::text::file_name::FileName;

/// Why files were not formatted.
#[derive(Debug, thiserror::Error)]
pub enum FmtError {
    /// The files have errors (all diagnostics, warnings included, are given).
    #[error("the files have errors; fix them first")]
    Invalid(Vec<Diagnostic>),
    /// Comments that cannot be kept: (file, line, column) of the first of each file.
    #[error("{}", comment_message(.0))]
    Comments(Vec<(String, usize, usize)>),
    /// The map cannot be written as Argdown (see [`WriteError`]).
    #[error(transparent)]
    Unwritable(#[from] WriteError),
    /// The rewritten files would not read back to the same map.
    #[error("formatting would change the map ({0}); the files are left as they are")]
    WouldChange(String),
}

fn comment_message(places: &[(String, usize, usize)]) -> String {
    let list: Vec<String> = places
        .iter()
        .map(|(f, l, c)| format!("{f}:{l}:{c}"))
        .collect();
    format!(
        "fmt keeps comments on lines of their own, but not a comment after text on the same line \
         or inside the frontmatter (first at {}); move it to a line of its own",
        list.join(", ")
    )
}

/// The result of formatting: the new text of every file, in input order, and the warnings found
/// while reading.
#[derive(Debug, Clone)]
pub struct Formatted {
    /// Each file as `(name, new text)`.
    pub files: Vec<(String, String)>,
    /// The warnings found while reading the files.
    pub warnings: Vec<Diagnostic>,
}

impl Formatted {
    /// The positions (in `before`, which `files` follows) of the files whose text changes.
    pub fn changed(&self, before: &[(String, String)]) -> Vec<usize> {
        self.files
            .iter()
            .zip(before)
            .enumerate()
            .filter(|(_, ((_, new), (_, old)))| new != old)
            .map(|(i, _)| i)
            .collect()
    }
}

/// Formats `.argdown` files `(name, text)` read together as one map.
pub fn format(files: &[(String, String)]) -> Result<Formatted, FmtError> {
    // Nodes are sent back to their file by name: two files shown under one name (names that
    // differ only in bytes that are not UTF-8) would pour one file into the other.
    let mut names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    names.sort_unstable();
    if let Some(pair) = names.windows(2).find(|w| w[0] == w[1]) {
        return Err(FmtError::WouldChange(format!(
            "two files show as {}; rename one",
            pair[0]
        )));
    }
    // Markdown around the Argdown and `@include` lines are not part of the map, and would be
    // lost in the rewrite.
    if let Some((name, _)) = files.iter().find(|(name, text)| {
        let md = std::path::Path::new(name)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"));
        md || !crate::syntax::include::includes(text).is_empty()
    }) {
        return Err(FmtError::WouldChange(format!(
            "{name} is Markdown or has @include lines, which fmt does not rewrite; format the \
             .argdown files it includes instead"
        )));
    }
    let loaded = load::load_texts(files, Some(Format::Argdown));
    if loaded.has_errors() {
        return Err(FmtError::Invalid(loaded.diagnostics));
    }
    let map = &loaded.map;
    let mut parts = split(map, files)?;
    let mut misplaced = Vec::new();
    for ((name, text), part) in files.iter().zip(parts.iter_mut()) {
        match comments_of(name, text, map, &part.sections) {
            Ok(c) => part.comments = c,
            Err((line, column)) => misplaced.push((name.clone(), line, column)),
        }
    }
    if !misplaced.is_empty() {
        return Err(FmtError::Comments(misplaced));
    }
    let mut writer = Writer::new(map);
    let mut out = Vec::with_capacity(files.len());
    for ((name, old), part) in files.iter().zip(&parts) {
        let mut text = writer.write(part);
        if old.contains("\r\n") {
            text = text.replace('\n', "\r\n");
        }
        out.push((name.clone(), text));
    }
    writer.finish()?;
    let again = load::load_texts(&out, Some(Format::Argdown));
    if again.has_errors() {
        return Err(FmtError::WouldChange(format!(
            "the result has errors: {}",
            again
                .diagnostics
                .iter()
                .filter(|d| d.is_error())
                .map(Diagnostic::headline)
                .collect::<Vec<_>>()
                .join("; ")
        )));
    }
    if let Some(difference) = difference(map, &again.map) {
        return Err(FmtError::WouldChange(difference));
    }
    for ((name, old), (_, new)) in files.iter().zip(&out) {
        if comment_lines(old) != comment_lines(new) {
            return Err(FmtError::WouldChange(format!("the comments of {name}")));
        }
    }
    Ok(Formatted {
        files: out,
        warnings: loaded.diagnostics,
    })
}

/// Splits the map into one part per file.
fn split(map: &Map, files: &[(String, String)]) -> Result<Vec<Part>, FmtError> {
    let file_index: HashMap<FileName, usize> = files
        .iter()
        .enumerate()
        .map(|(i, (name, _))| (FileName::new(name), i))
        .collect();
    let mut parts: Vec<Part> = Vec::with_capacity(files.len());
    let mut section_count = 0usize;
    for file in files {
        // Each file's own declarations and headings, from reading it alone.
        let mut scratch = Vec::new();
        let alone = syntax::parse_files(std::slice::from_ref(file), &mut scratch);
        let sections: Vec<String> = map
            .sections
            .iter()
            .skip(section_count)
            .take(alone.sections.len())
            .map(|s| s.id.clone())
            .collect();
        section_count += alone.sections.len();
        parts.push(Part {
            title: alone.title,
            motion: alone.motion,
            sides: alone.sides,
            camps: alone.camps,
            sources: alone.sources,
            sections,
            nodes: Vec::new(),
            edges: Vec::new(),
            comments: Comments::default(),
        });
    }
    if section_count != map.sections.len() {
        return Err(FmtError::WouldChange(
            "the headings of the files do not add up to the map's sections".into(),
        ));
    }
    let file_of = |origin: Option<&crate::model::Origin>| -> usize {
        origin
            .and_then(|o| file_index.get(&o.file).copied())
            .unwrap_or(0)
    };
    let mut node_file: HashMap<NodeIndex, usize> = HashMap::new();
    for (ix, n) in map.nodes() {
        let f = file_of(n.origin.as_ref());
        node_file.insert(ix, f);
        if let Some(part) = parts.get_mut(f) {
            part.nodes.push(ix);
        }
    }
    let graph = map.graph();
    let edges: Vec<EdgeIndex> = graph.edge_indices().collect();
    for e in edges {
        let (Some((a, _)), Some(w)) = (graph.edge_endpoints(e), graph.edge_weight(e)) else {
            continue;
        };
        let f = match &w.origin {
            Some(o) => file_of(Some(o)),
            None => node_file.get(&a).copied().unwrap_or(0),
        };
        if let Some(part) = parts.get_mut(f) {
            part.edges.push(e);
        }
    }
    Ok(parts)
}

/// Why [`rewrite`] did not rewrite every file.
#[derive(Debug, thiserror::Error)]
pub enum RewriteError {
    /// Files without write permission (nothing was rewritten).
    #[error("{} read-only; nothing was rewritten", list(.0, "is", "are"))]
    ReadOnly(Vec<PathBuf>),
    /// One file named twice (nothing was rewritten).
    #[error("{0} is named twice; nothing was rewritten")]
    Twice(PathBuf),
    /// A file could not be prepared (nothing was rewritten).
    #[error("cannot rewrite {path}: {source}; nothing was rewritten")]
    Prepare {
        /// The file that could not be prepared.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// Renaming failed part way: some files are rewritten, the others are as they were.
    #[error(
        "cannot rewrite {path}: {source}; rewritten: {}; left as they were: {}",
        list(.rewritten, "", ""),
        list(.left, "", "")
    )]
    Partial {
        /// The file whose rename failed.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
        /// The files rewritten before the failure, in order.
        rewritten: Vec<PathBuf>,
        /// The files left as they were, `path` first.
        left: Vec<PathBuf>,
    },
}

/// `a, b`, then ` is`/` are` when a verb is given; `none` for no path.
fn list(paths: &[PathBuf], one: &str, many: &str) -> String {
    let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    let verb = if names.len() == 1 { one } else { many };
    match (names.is_empty(), verb.is_empty()) {
        (true, _) => "none".to_string(),
        (false, true) => names.join(", "),
        (false, false) => format!("{} {verb}", names.join(", ")),
    }
}

/// Writes each `(path, text)` over its file:
///
/// - a link is written through: the file it points to gets the text (the link stays a link);
/// - a read-only file is refused, and so is a file named twice, before anything is written;
/// - every text is first written to a temporary file beside its target, with the target's
///   permissions and owner; only when all are written are they renamed over the targets, so a
///   failure before the renames leaves every file as it was, and a failure during them names
///   exactly the files rewritten and the files left as they were.
///
/// Returns the files rewritten (in `files` order).
pub fn rewrite(files: &[(PathBuf, String)]) -> Result<Vec<PathBuf>, RewriteError> {
    rewrite_with(files, crate::output::Staged::commit)
}

fn rewrite_with(
    files: &[(PathBuf, String)],
    mut commit: impl FnMut(crate::output::Staged) -> std::io::Result<()>,
) -> Result<Vec<PathBuf>, RewriteError> {
    let prepare = |path: &Path, source| RewriteError::Prepare {
        path: path.to_path_buf(),
        source,
    };
    let mut targets: Vec<(PathBuf, std::fs::Metadata)> = Vec::with_capacity(files.len());
    let mut read_only = Vec::new();
    for (path, _) in files {
        let real = path.canonicalize().map_err(|e| prepare(path, e))?;
        if targets.iter().any(|(t, _)| *t == real) {
            return Err(RewriteError::Twice(path.clone()));
        }
        let meta = std::fs::metadata(&real).map_err(|e| prepare(path, e))?;
        if is_read_only(&meta) {
            read_only.push(path.clone());
        }
        targets.push((real, meta));
    }
    if !read_only.is_empty() {
        return Err(RewriteError::ReadOnly(read_only));
    }
    let mut staged = Vec::with_capacity(files.len());
    for ((path, text), (real, meta)) in files.iter().zip(&targets) {
        let tmp = crate::output::Staged::beside(real).map_err(|e| prepare(path, e))?;
        let mut file = tmp.file();
        file.write_all(text.as_bytes())
            .and_then(|()| file.flush())
            .and_then(|()| tmp.keep_mode_of(real))
            .and_then(|()| keep_owner(file, meta))
            .map_err(|e| prepare(path, e))?;
        staged.push((tmp, path));
    }
    let mut rewritten = Vec::with_capacity(files.len());
    let mut staged = staged.into_iter();
    while let Some((tmp, path)) = staged.next() {
        if let Err(source) = commit(tmp) {
            return Err(RewriteError::Partial {
                path: path.clone(),
                source,
                rewritten,
                left: std::iter::once(path.clone())
                    .chain(staged.map(|(_, p)| p.clone()))
                    .collect(),
            });
        }
        rewritten.push(path.clone());
    }
    Ok(rewritten)
}

/// Whether the file's owner may not write it (on Unix; elsewhere, whether nobody may).
fn is_read_only(meta: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        meta.permissions().mode() & 0o200 == 0
    }
    #[cfg(not(unix))]
    {
        meta.permissions().readonly()
    }
}

/// Gives the new file the owner and group of the file it replaces (a run by another user, root
/// included, must not take files over).
fn keep_owner(file: &std::fs::File, meta: &std::fs::Metadata) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let now = file.metadata()?;
        if (now.uid(), now.gid()) != (meta.uid(), meta.gid()) {
            std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid())).map_err(|e| {
                std::io::Error::new(
                    e.kind(),
                    "it belongs to another user or group, which rewriting it would change",
                )
            })?;
        }
    }
    Ok(())
}

/// Where two maps differ (nodes compared by id, whatever their order), or `None`.
pub fn difference(a: &Map, b: &Map) -> Option<String> {
    if a.title != b.title {
        return Some("the title".into());
    }
    if a.motion != b.motion {
        return Some("the motion".into());
    }
    if a.camps != b.camps {
        return Some("the camps".into());
    }
    if a.sides != b.sides {
        return Some("the sides".into());
    }
    if a.sources != b.sources {
        return Some("the sources".into());
    }
    if a.sections != b.sections {
        return Some("the sections".into());
    }
    if a.node_count() != b.node_count() {
        return Some(format!(
            "{} nodes instead of {}",
            b.node_count(),
            a.node_count()
        ));
    }
    for (_, n) in a.nodes() {
        match b.find(&n.id).map(|ix| b.node(ix)) {
            Some(m) if m == n => {}
            Some(_) => return Some(format!("node {}", n.id)),
            None => return Some(format!("node {} is missing", n.id)),
        }
    }
    let triples = |m: &Map| {
        let mut v: Vec<(crate::model::Str, crate::model::Relation, crate::model::Str)> = m
            .edges()
            .map(|(x, y, e)| (m.node(x).id.clone(), e.relation, m.node(y).id.clone()))
            .collect();
        v.sort();
        v
    };
    let (ta, tb) = (triples(a), triples(b));
    if ta != tb {
        // Both are sorted: the first place they differ names a relation one of them lacks.
        let first = ta
            .iter()
            .zip(&tb)
            .find(|(x, y)| x != y)
            .map(|(x, y)| x.min(y))
            .or_else(|| ta.get(tb.len()).or_else(|| tb.get(ta.len())));
        return Some(match first {
            Some((x, r, y)) => format!("the relation {x} {r} {y}"),
            None => "the relations".into(),
        });
    }
    None
}

/// What a line of an Argdown file holds, once comments are known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineKind {
    Blank,
    /// Only a comment (or part of a block comment).
    Comment,
    Content,
    /// Inside the frontmatter.
    Frontmatter,
}

/// Classifies every line; `Err` gives the place of a comment that shares its line with text or
/// sits in the frontmatter.
fn classify(text: &str) -> Result<(Vec<LineKind>, Vec<String>), (usize, usize)> {
    let lexed = syntax::lexer::lex(text);
    let raw: Vec<String> = crate::text::lines::split_lines(text)
        .into_iter()
        .map(str::to_string)
        .collect();
    if let Some(fm) = &lexed.frontmatter {
        for (k, line) in fm.yaml.split('\n').enumerate() {
            if let Some(col) = yaml_comment(line) {
                return Err((fm.first_line + 1 + k, col));
            }
        }
    }
    let fm_lines = lexed
        .frontmatter
        .as_ref()
        .map(|f| (f.first_line, f.last_line));
    let mut kinds = Vec::with_capacity(raw.len());
    for (i, original) in raw.iter().enumerate() {
        let line = i + 1;
        let blanked = lexed.lines.get(i).unwrap_or("");
        let kind = if fm_lines.is_some_and(|(a, b)| line >= a && line <= b) {
            LineKind::Frontmatter
        } else if original.trim().is_empty() {
            LineKind::Blank
        } else if blanked.trim().is_empty() {
            LineKind::Comment
        } else if blanked != original.as_str() {
            let col = blanked
                .chars()
                .zip(original.chars())
                .position(|(x, y)| x != y)
                .map_or(1, |p| p + 1);
            return Err((line, col));
        } else {
            LineKind::Content
        };
        kinds.push(kind);
    }
    Ok((kinds, raw))
}

/// The comment lines of a text (trimmed, sorted), to check that formatting kept them all.
fn comment_lines(text: &str) -> Vec<String> {
    let Ok((kinds, raw)) = classify(text) else {
        return Vec::new();
    };
    let mut v: Vec<String> = kinds
        .iter()
        .zip(&raw)
        .filter(|(k, _)| **k == LineKind::Comment)
        .map(|(_, l)| l.trim().to_string())
        .collect();
    v.sort();
    v
}

/// What a run of comment lines is kept above.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Anchor {
    Node(NodeIndex),
    Section(String),
}

/// The comments of one file, each run anchored to what follows it; `Err` as [`classify`].
fn comments_of(
    name: &str,
    text: &str,
    map: &Map,
    sections: &[String],
) -> Result<Comments, (usize, usize)> {
    let (kinds, raw) = classify(text)?;
    let mut comments = Comments::default();
    if !kinds.contains(&LineKind::Comment) {
        return Ok(comments);
    }
    // What each line starts: a heading (the k-th of the file), a node written here, or a
    // relation (kept above its speaker).
    let mut anchors: HashMap<usize, Anchor> = HashMap::new();
    // Compared as numbers: reading a file name's text takes a lock.
    let name = FileName::new(name);
    for (ix, n) in map.nodes() {
        if let Some(o) = n.origin.as_ref().filter(|o| o.file == name) {
            anchors.entry(o.line as usize).or_insert(Anchor::Node(ix));
        }
    }
    for (a, _, e) in map.edges() {
        if let Some(o) = e.origin.as_ref().filter(|o| o.file == name) {
            anchors.entry(o.line as usize).or_insert(Anchor::Node(a));
        }
    }
    let mut heading = 0usize;
    for (i, (kind, line)) in kinds.iter().zip(&raw).enumerate() {
        let hashes = line.chars().take_while(|&c| c == '#').count();
        if *kind == LineKind::Content && hashes > 0 && line.chars().nth(hashes) == Some(' ') {
            if let Some(id) = sections.get(heading) {
                anchors.insert(i + 1, Anchor::Section(id.clone()));
            }
            heading += 1;
        }
    }
    // The anchor at or after each line (one pass from the end).
    let mut next: Vec<Option<Anchor>> = vec![None; raw.len() + 1];
    for i in (0..raw.len()).rev() {
        let here = anchors.get(&(i + 1)).cloned();
        let after = next.get(i + 1).cloned().flatten();
        if let Some(slot) = next.get_mut(i) {
            *slot = here.or(after);
        }
    }
    let mut run: Vec<usize> = Vec::new();
    let flush = |run: &mut Vec<usize>, anchor: Option<Anchor>, comments: &mut Comments| {
        while run
            .last()
            .is_some_and(|&i| kinds.get(i) == Some(&LineKind::Blank))
        {
            run.pop();
        }
        if run.is_empty() {
            return;
        }
        let lines: Vec<&str> = run
            .iter()
            .map(|&i| raw.get(i).map_or("", |l| l.trim_end()))
            .collect();
        let indent = lines
            .iter()
            .filter(|l| !l.is_empty())
            .map(|l| l.len() - l.trim_start().len())
            .min()
            .unwrap_or(0);
        let text: Vec<&str> = lines
            .iter()
            .map(|l| l.get(indent..).unwrap_or(l.trim_start()))
            .collect();
        let text = text.join("\n");
        match anchor {
            Some(Anchor::Node(ix)) => comments.before_node.entry(ix).or_default().push(text),
            Some(Anchor::Section(id)) => comments.before_section.entry(id).or_default().push(text),
            None => comments.at_end.push(text),
        }
        run.clear();
    };
    for (i, kind) in kinds.iter().enumerate() {
        match kind {
            LineKind::Comment => run.push(i),
            LineKind::Blank if !run.is_empty() => run.push(i),
            LineKind::Content => {
                let anchor = next.get(i).cloned().flatten();
                flush(&mut run, anchor, &mut comments);
            }
            _ => {}
        }
    }
    flush(&mut run, None, &mut comments);
    Ok(comments)
}

/// The column of a YAML comment (`#` at the start or after white space, outside quotes).
fn yaml_comment(line: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    let mut prev_space = true;
    let mut escaped = false;
    for (k, c) in line.chars().enumerate() {
        match quote {
            Some('"') if escaped => escaped = false,
            Some('"') if c == '\\' => escaped = true,
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => {
                if c == '#' && prev_space {
                    return Some(k + 1);
                }
                if c == '"' || c == '\'' {
                    quote = Some(c);
                }
            }
        }
        prev_space = c.is_whitespace();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_while_renaming_names_what_was_rewritten_and_what_was_not() {
        let dir = tempfile::tempdir().unwrap();
        let files: Vec<(PathBuf, String)> = ["a", "b", "c"]
            .iter()
            .map(|n| {
                let p = dir.path().join(format!("{n}.argdown"));
                std::fs::write(&p, "old").unwrap();
                (p, format!("[{n}]: new\n"))
            })
            .collect();
        let mut calls = 0;
        let err = rewrite_with(&files, |staged| {
            calls += 1;
            if calls == 2 {
                Err(std::io::Error::other("disk full"))
            } else {
                staged.commit()
            }
        })
        .unwrap_err();
        let [a, b, c] = [0, 1, 2].map(|i| files[i].0.display().to_string());
        assert_eq!(
            err.to_string(),
            format!("cannot rewrite {b}: disk full; rewritten: {a}; left as they were: {b}, {c}")
        );
        assert_eq!(std::fs::read_to_string(&files[0].0).unwrap(), "[a]: new\n");
        assert_eq!(std::fs::read_to_string(&files[1].0).unwrap(), "old");
        assert_eq!(std::fs::read_to_string(&files[2].0).unwrap(), "old");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            3,
            "no temporary file left"
        );
    }

    #[test]
    fn one_file_named_twice_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.argdown");
        std::fs::write(&p, "old").unwrap();
        let twice = vec![
            (p.clone(), "x".to_string()),
            (dir.path().join(".").join("a.argdown"), "y".to_string()),
        ];
        let err = rewrite(&twice).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "{} is named twice; nothing was rewritten",
                twice[1].0.display()
            )
        );
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "old");
    }

    #[test]
    fn finds_comments_that_cannot_be_kept() {
        assert!(classify("[A]: a\n// note\n").is_ok());
        assert_eq!(classify("[A]: a /* x */\n").err(), Some((1, 8)));
        assert_eq!(
            classify("===\ntitle: \"a # b\" # why\n===\n\n[A]: a\n").err(),
            Some((2, 16))
        );
        let text = "===\nsides: {pro: {color: \"#abc\"}}\n===\n\n[A]: a {url: \"http://x\"}\n/* b\n\nc */\n";
        let (kinds, _) = classify(text).unwrap();
        use LineKind::*;
        assert_eq!(
            kinds,
            [
                Frontmatter,
                Frontmatter,
                Frontmatter,
                Blank,
                Content,
                Comment,
                Blank,
                Comment
            ]
        );
        assert_eq!(comment_lines(text), ["/* b", "c */"]);
    }
}
