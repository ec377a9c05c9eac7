//! counterpoint's own JSON exchange format, version 2 (version 1, which had no motion and no
//! camps, is still read): read and written.
//!
//! The schema is `counterpoint.schema.json` beside this file; README.md describes each field.
//! A node's `kind` is written for consumers but derived again from the edges on reading.

use crate::text::file_name::FileName;
use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::diagnostic::{with_snippets, Code, Diagnostic};
use crate::model::{
    Camp, Citation, Edge, Element, Kind, Map, Node, Origin, Relation, Section, Side, Source, Str,
};

/// The value of the top-level `format` field.
pub(crate) const FORMAT: &str = "counterpoint";
/// The version this library writes (it reads this one and every earlier one).
pub(crate) const VERSION: u64 = 2;
/// The JSON Schema of the format.
pub const SCHEMA: &str = include_str!("counterpoint.schema.json");

#[derive(Serialize, Deserialize)]
struct Document {
    format: String,
    version: u64,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    motion: Option<String>,
    #[serde(default)]
    sides: Vec<Side>,
    #[serde(default)]
    camps: Vec<Camp>,
    #[serde(default)]
    sources: Vec<Source>,
    #[serde(default)]
    sections: Vec<Section>,
    #[serde(default)]
    nodes: Vec<NodeOut>,
    #[serde(default)]
    edges: Vec<EdgeOut>,
}

#[derive(Serialize, Deserialize)]
struct NodeOut {
    id: String,
    #[serde(default = "default_element")]
    element: Element,
    /// Written for consumers; ignored on reading (derived from the edges).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    kind: Option<Kind>,
    title: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    side: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    citations: Vec<Citation>,
    #[serde(default)]
    section: Option<String>,
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    data: serde_json::Map<String, Value>,
}

fn default_element() -> Element {
    Element::Statement
}

#[derive(Serialize, Deserialize)]
struct EdgeOut {
    from: String,
    to: String,
    relation: Relation,
}

/// The node as it appears in the export (also used by `unanswered --format json`).
pub(crate) fn node_value(map: &Map, ix: petgraph::stable_graph::NodeIndex) -> Value {
    serde_json::to_value(node_out(map, ix)).unwrap_or(Value::Null)
}

fn node_out(map: &Map, ix: petgraph::stable_graph::NodeIndex) -> NodeOut {
    let n = map.node(ix);
    NodeOut {
        id: n.id.to_string(),
        element: n.element,
        kind: Some(map.kind(ix)),
        title: n.title.to_string(),
        text: n.text.to_string(),
        side: n.side.clone().map(String::from),
        tags: n.tags.to_vec(),
        citations: n.citations.to_vec(),
        section: n.section.clone().map(String::from),
        data: n.data.clone(),
    }
}

/// The map as a JSON value in the current format version.
pub fn to_value(map: &Map) -> Value {
    serde_json::to_value(DocumentRef(map)).unwrap_or(Value::Null)
}

/// The map as pretty-printed JSON text, ending in a newline (see [`write()`]).
pub fn to_string(map: &Map) -> String {
    let mut bytes = Vec::new();
    // Writing into a `Vec` cannot fail, and serde_json writes UTF-8.
    let _ = write(map, &mut bytes);
    String::from_utf8(bytes).unwrap_or_default()
}

/// Writes the map as pretty-printed JSON text in the current format version, ending in a newline, to
/// `out`: the document is written straight from the map (no copy of it, no `Value` tree, no
/// text held in memory beyond one buffer of 256 KiB).
///
/// serde_json writes a few bytes at a time (a quote, a key, an indent); through `&mut dyn Write`
/// each of those was a dynamic call (12 % of `export --to json`). A local buffer of a concrete
/// type takes them inline, and `out` sees one call per 256 KiB.
pub fn write(map: &Map, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut buffer = std::io::BufWriter::with_capacity(WRITE_BUFFER, out);
    serde_json::to_writer_pretty(&mut buffer, &DocumentRef(map))?;
    buffer.write_all(b"\n")?;
    // Hands what is left to `out` (an error writing it is returned, not lost in a drop); flushing
    // `out` itself is the caller's.
    buffer
        .into_inner()
        .map_err(std::io::IntoInnerError::into_error)?;
    Ok(())
}

/// The size of [`write`]'s own buffer.
const WRITE_BUFFER: usize = 256 * 1024;

/// The document of a map, serialized as [`Document`] is, field for field, borrowing the map.
struct DocumentRef<'a>(&'a Map);

impl Serialize for DocumentRef<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let map = self.0;
        let mut doc = serializer.serialize_struct("Document", 10)?;
        doc.serialize_field("format", FORMAT)?;
        doc.serialize_field("version", &VERSION)?;
        doc.serialize_field("title", &map.title)?;
        doc.serialize_field("motion", &map.motion)?;
        doc.serialize_field("sides", &map.sides)?;
        doc.serialize_field("camps", &map.camps)?;
        doc.serialize_field("sources", &map.sources)?;
        doc.serialize_field("sections", &map.sections)?;
        doc.serialize_field("nodes", &Nodes(map))?;
        doc.serialize_field("edges", &Edges(map))?;
        doc.end()
    }
}

/// The map's nodes as [`NodeOut`]s, one at a time.
struct Nodes<'a>(&'a Map);

impl Serialize for Nodes<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let map = self.0;
        serializer.collect_seq(map.nodes().map(|(ix, n)| NodeRef {
            id: &n.id,
            element: n.element,
            kind: Some(map.kind(ix)),
            title: &n.title,
            text: &n.text,
            side: &n.side,
            tags: &n.tags,
            citations: &n.citations,
            section: &n.section,
            data: &n.data,
        }))
    }
}

/// A [`NodeOut`] borrowing the node.
#[derive(Serialize)]
struct NodeRef<'a> {
    id: &'a str,
    element: Element,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<Kind>,
    title: &'a str,
    text: &'a str,
    side: &'a Option<Str>,
    tags: &'a [String],
    citations: &'a [Citation],
    section: &'a Option<Str>,
    #[serde(skip_serializing_if = "is_empty")]
    data: &'a serde_json::Map<String, Value>,
}

fn is_empty(data: &&serde_json::Map<String, Value>) -> bool {
    data.is_empty()
}

/// The map's edges as [`EdgeOut`]s, one at a time.
struct Edges<'a>(&'a Map);

impl Serialize for Edges<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let map = self.0;
        serializer.collect_seq(map.edges().map(|(a, b, e)| EdgeRef {
            from: &map.node(a).id,
            to: &map.node(b).id,
            relation: e.relation,
        }))
    }
}

/// An [`EdgeOut`] borrowing the ids.
#[derive(Serialize)]
struct EdgeRef<'a> {
    from: &'a str,
    to: &'a str,
    relation: Relation,
}

/// Whether `text` looks like a counterpoint JSON document (top-level `"format": "counterpoint"`).
pub(crate) fn detect(value: &Value) -> bool {
    value.get("format").and_then(Value::as_str) == Some(FORMAT)
}

/// Where the elements of a document's arrays start (byte offsets), for diagnostics and origins.
#[derive(Default)]
struct Offsets {
    sides: Vec<usize>,
    camps: Vec<usize>,
    sources: Vec<usize>,
    sections: Vec<usize>,
    nodes: Vec<usize>,
    edges: Vec<usize>,
    /// Per node (by position in `nodes`), its citations.
    citations: Vec<Vec<usize>>,
}

impl Offsets {
    fn find(text: &str) -> Offsets {
        use super::spans::Seg;
        let mut o = Offsets::default();
        super::spans::array_elements(text, |path, offset| match path {
            [Seg::Key(key), Seg::Index(_)] => match *key {
                "sides" => o.sides.push(offset),
                "camps" => o.camps.push(offset),
                "sources" => o.sources.push(offset),
                "sections" => o.sections.push(offset),
                "nodes" => o.nodes.push(offset),
                "edges" => o.edges.push(offset),
                _ => {}
            },
            [Seg::Key("nodes"), Seg::Index(n), Seg::Key("citations"), Seg::Index(_)] => {
                if o.citations.len() <= *n {
                    o.citations.resize_with(*n + 1, Vec::new);
                }
                if let Some(list) = o.citations.get_mut(*n) {
                    list.push(offset);
                }
            }
            _ => {}
        });
        o
    }
}

/// The places of one text, found in text order.
struct Placer<'a> {
    file: FileName,
    lines: crate::text::line_index::LineIndex<'a>,
}

impl Placer<'_> {
    /// The origin at byte `offset` (the top of the file when it is not known).
    fn origin(&self, offset: Option<usize>) -> Origin {
        super::spans::origin(&self.lines, &self.file, offset.unwrap_or(0))
    }
}

/// A diagnostic placed at `origin` (its snippet is attached when reading ends, see [`read`]).
fn at(d: Diagnostic, origin: &Origin) -> Diagnostic {
    let mut d = d;
    d.file = origin.file.to_string();
    d.line = origin.line as usize;
    d.column = origin.column as usize;
    d
}

fn place_text(o: &Origin) -> String {
    format!("{}:{}:{}", o.file, o.line, o.column)
}

/// Reads a counterpoint JSON document. Problems are reported as diagnostics with `file`, line
/// and column; a document that cannot be read at all gives `None`. Nodes, edges and citations
/// keep where they were written (their `origin`), so that checks on the map place what they find.
pub fn read(file: &str, text: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<Map> {
    with_snippets(file, text, diagnostics, |diagnostics| {
        read_document(file, text, diagnostics)
    })
}

/// [`read`], but for the snippets.
fn read_document(file: &str, text: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<Map> {
    let doc: Document = match serde_json::from_str(text) {
        Ok(doc) => doc,
        Err(e) => {
            let (message, line, column) = super::spans::serde_error(text, &e);
            diagnostics.push(
                Diagnostic::new(
                    Code::BadInput,
                    format!("not a counterpoint JSON map: {message}"),
                )
                .at_line(file, None, line, column)
                .with_help("the format is described in README.md and counterpoint.schema.json"),
            );
            return None;
        }
    };
    let place = |d: Diagnostic| d.at_line(file, None, 1, 1);
    if doc.format != FORMAT {
        diagnostics.push(place(Diagnostic::new(
            Code::BadInput,
            format!("\"format\" is {:?}, expected \"{FORMAT}\"", doc.format),
        )));
        return None;
    }
    if !(1..=VERSION).contains(&doc.version) {
        diagnostics.push(place(
            Diagnostic::new(
                Code::BadInput,
                format!("unsupported version {}", doc.version),
            )
            .with_help(format!("this build reads versions 1 to {VERSION}")),
        ));
        return None;
    }
    let offsets = Offsets::find(text);
    let placer = Placer {
        file: FileName::new(file),
        lines: crate::text::line_index::LineIndex::new(text),
    };
    // Places are found in text order: sides, sources and sections usually come before the
    // nodes, but any order is read.
    let side_origins: Vec<Origin> = (0..doc.sides.len())
        .map(|k| placer.origin(offsets.sides.get(k).copied()))
        .collect();
    let source_origins: Vec<Origin> = (0..doc.sources.len())
        .map(|k| placer.origin(offsets.sources.get(k).copied()))
        .collect();
    let section_origins: Vec<Origin> = (0..doc.sections.len())
        .map(|k| placer.origin(offsets.sections.get(k).copied()))
        .collect();
    // Empty names: nothing can refer to them, and no other format can write them.
    let empty = |what: &str, origin: &Origin| {
        at(
            Diagnostic::new(Code::BadInput, format!("{what} is empty")).with_help(
                "every id, and the title of every node and section and the label of every side, needs at least one character",
            ),
            origin,
        )
    };
    for (side, origin) in doc.sides.iter().zip(&side_origins) {
        if side.id.is_empty() {
            diagnostics.push(empty("the id of a side", origin));
        }
        if side.label.trim().is_empty() {
            diagnostics.push(empty(&format!("the label of side {:?}", side.id), origin));
        }
    }
    for (source, origin) in doc.sources.iter().zip(&source_origins) {
        if source.id.is_empty() {
            diagnostics.push(empty("the id of a source", origin));
        }
    }
    for (section, origin) in doc.sections.iter().zip(&section_origins) {
        if section.id.is_empty() {
            diagnostics.push(empty("the id of a section", origin));
        }
        if section.title.trim().is_empty() {
            diagnostics.push(empty(
                &format!("the title of section {:?}", section.id),
                origin,
            ));
        }
        if !(1..=6).contains(&section.level) {
            diagnostics.push(at(
                Diagnostic::new(
                    Code::BadInput,
                    format!(
                        "section {:?} has level {}; headings have levels 1 to 6",
                        section.id, section.level
                    ),
                )
                .with_help("\"level\" is the number of `#` of the section's heading"),
                origin,
            ));
        }
        if let Some(side) = section.side.as_deref() {
            if !doc.sides.iter().any(|d| d.id == side) {
                diagnostics.push(at(
                    Diagnostic::new(
                        Code::UnknownSide,
                        format!("unknown side {side:?} on section {:?}", section.id),
                    )
                    .with_help("a section's \"side\" is the id of one of the map's sides"),
                    origin,
                ));
            }
        }
    }
    let mut map = Map::new();
    map.title = doc.title;
    // Version 1 had no motion and no camps: a version 1 document that has them is read as if it
    // were version 2 (nothing is lost).
    map.motion = doc.motion;
    map.motion_origin = map.motion.as_ref().map(|_| placer.origin(None));
    let camp_origins: Vec<Origin> = (0..doc.camps.len())
        .map(|k| placer.origin(offsets.camps.get(k).copied()))
        .collect();
    let (camps, camp_origins) = unique_with_origins(
        doc.camps,
        |c| &c.id,
        &camp_origins,
        diagnostics,
        |id, first| {
            Diagnostic::new(
                Code::FrontmatterConflict,
                format!("camp {id:?} is declared twice"),
            )
            .with_help(format!("first declared at {first}; declare each camp once"))
        },
    );
    map.camps = camps;
    for (camp, origin) in map.camps.iter_mut().zip(camp_origins) {
        camp.origin = Some(origin);
    }
    // A side or source declared twice: E009, as the Argdown frontmatter says it.
    let twice = |kind: &'static str| {
        move |id: &str, first: String| {
            Diagnostic::new(
                Code::FrontmatterConflict,
                format!("{kind} {id:?} is declared twice"),
            )
            .with_help(format!(
                "first declared at {first}; declare each {kind} once"
            ))
        }
    };
    map.sides = unique(
        doc.sides,
        |s| &s.id,
        &side_origins,
        diagnostics,
        twice("side"),
    );
    map.sources = unique(
        doc.sources,
        |s| &s.id,
        &source_origins,
        diagnostics,
        twice("source"),
    );
    for (source, origin) in map.sources.iter().zip(&source_origins) {
        for skip in &source.skip {
            let [first, last] = skip.lines;
            // The check the frontmatter reader makes on `skip`.
            if first == 0 || first > last {
                diagnostics.push(at(
                    Diagnostic::new(
                        Code::BadMetadata,
                        format!(
                            "source {:?}: bad `skip` entry: {first}-{last} is not a range of \
                             1-based lines",
                            source.id
                        ),
                    )
                    .with_help("a \"skip\" entry is {\"lines\": [first, last], \"reason\": ...} with 1-based lines, first <= last"),
                    origin,
                ));
            }
        }
    }
    let (sections, kept) = unique_with_origins(
        doc.sections,
        |s| &s.id,
        &section_origins,
        diagnostics,
        |id, first| {
            Diagnostic::new(Code::BadInput, format!("section {id:?} is declared twice")).with_help(
                format!("first declared at {first}; give each section its own id"),
            )
        },
    );
    check_parents(&sections, &kept, diagnostics);
    map.sections = sections;
    for (k, n) in doc.nodes.into_iter().enumerate() {
        let origin = placer.origin(offsets.nodes.get(k).copied());
        let cited = offsets.citations.get(k);
        let mut citations = n.citations;
        for (j, c) in citations.iter_mut().enumerate() {
            let offset = cited.and_then(|list| list.get(j)).copied();
            c.origin = Some(match offset {
                Some(o) => placer.origin(Some(o)),
                None => origin,
            });
        }
        if n.id.is_empty() {
            diagnostics.push(empty("the id of a node", &origin));
        }
        if n.title.trim().is_empty() {
            diagnostics.push(empty(&format!("the title of {}", n.id), &origin));
        }
        if let Some(section) = n.section.as_deref() {
            if !map.sections.iter().any(|s| s.id == section) {
                diagnostics.push(at(
                    Diagnostic::new(
                        Code::BadInput,
                        format!("{} is in section {section:?}, which is not declared", n.id),
                    )
                    .with_help("a node's \"section\" is the id of one of the map's sections"),
                    &origin,
                ));
            }
        }
        let id = Str::from(n.id);
        let node = Node {
            title: n.element.title_within(&id, n.title.into()),
            id,
            element: n.element,
            text: n.text.into(),
            side: n.side.map(Str::from),
            // A tag is there or not, as in Argdown: the same tag twice counts once.
            tags: {
                let mut seen = std::collections::HashSet::new();
                n.tags
                    .into_iter()
                    .filter(|t| seen.insert(t.clone()))
                    .collect()
            },
            citations: citations.into(),
            section: n.section.map(Str::from),
            data: n.data.into(),
            origin: Some(origin),
        };
        if let Err(dup) = map.add_node(node) {
            diagnostics.push(at(
                Diagnostic::new(Code::BadInput, dup.to_string()),
                &origin,
            ));
        }
    }
    for (k, e) in doc.edges.into_iter().enumerate() {
        let origin = placer.origin(offsets.edges.get(k).copied());
        match (map.find(&e.from), map.find(&e.to)) {
            (Some(a), Some(b)) => {
                let mut edge = Edge::new(e.relation);
                edge.origin = Some(origin);
                // The same relation twice counts once, as in Argdown (found by fuzzing: the
                // copy was lost on the way through an Argdown export).
                if !map.relate(a, b, edge) {
                    diagnostics.push(at(
                        Diagnostic::new(
                            Code::SkippedInput,
                            format!(
                                "{} {} {} is given twice; it counts once",
                                e.from, e.relation, e.to
                            ),
                        )
                        .with_help("remove the repeated edge"),
                        &origin,
                    ));
                }
            }
            (a, _) => {
                let missing = if a.is_none() { e.from } else { e.to };
                diagnostics.push(at(
                    Diagnostic::new(
                        Code::BadInput,
                        format!("an edge names node {missing:?}, which is not in \"nodes\""),
                    ),
                    &origin,
                ));
            }
        }
    }
    Some(map)
}

/// The items of `items` with ids not seen before, in order; each repeat is reported with
/// `report(id, place of the first)` at its own origin.
fn unique<T>(
    items: Vec<T>,
    id: impl Fn(&T) -> &String,
    origins: &[Origin],
    diagnostics: &mut Vec<Diagnostic>,
    report: impl Fn(&str, String) -> Diagnostic,
) -> Vec<T> {
    unique_with_origins(items, id, origins, diagnostics, report).0
}

/// [`unique`], also giving the origin of each item kept.
fn unique_with_origins<T>(
    items: Vec<T>,
    id: impl Fn(&T) -> &String,
    origins: &[Origin],
    diagnostics: &mut Vec<Diagnostic>,
    report: impl Fn(&str, String) -> Diagnostic,
) -> (Vec<T>, Vec<Origin>) {
    let mut first: HashMap<String, usize> = HashMap::new();
    let mut kept = Vec::with_capacity(items.len());
    let mut kept_origins = Vec::with_capacity(items.len());
    for (k, item) in items.into_iter().enumerate() {
        let origin = origins.get(k).cloned().unwrap_or_default();
        let key = id(&item).clone();
        if let Some(&j) = first.get(&key) {
            let then = origins.get(j).map(place_text).unwrap_or_default();
            diagnostics.push(at(report(&key, then), &origin));
            continue;
        }
        first.insert(key, k);
        kept.push(item);
        kept_origins.push(origin);
    }
    (kept, kept_origins)
}

/// Each section's parent must be a section, and following parents must never come back: one
/// error for a missing parent, one per cycle (at its first section in the file).
fn check_parents(sections: &[Section], origins: &[Origin], diagnostics: &mut Vec<Diagnostic>) {
    let index: HashMap<&str, usize> = sections
        .iter()
        .enumerate()
        .map(|(k, s)| (s.id.as_str(), k))
        .collect();
    let origin = |k: usize| origins.get(k).cloned().unwrap_or_default();
    // 0: not visited, 1: on the current walk, 2: done.
    let mut state = vec![0u8; sections.len()];
    for (start, s) in sections.iter().enumerate() {
        if let Some(parent) = &s.parent {
            if !index.contains_key(parent.as_str()) {
                diagnostics.push(at(
                    Diagnostic::new(
                        Code::BadInput,
                        format!(
                            "section {:?} names the parent {parent:?}, which is not in \"sections\"",
                            s.id
                        ),
                    )
                    .with_help("a section's \"parent\" is the id of another section"),
                    &origin(start),
                ));
            }
        }
        // Walk up from `start`; every section is walked once in all.
        let mut walk = Vec::new();
        let mut k = start;
        loop {
            match state.get(k) {
                Some(0) => {}
                Some(1) => {
                    let from = walk.iter().position(|&w| w == k).unwrap_or(0);
                    let cycle = walk.get(from..).unwrap_or_default();
                    let mut names: Vec<String> = cycle
                        .iter()
                        .filter_map(|&c| sections.get(c))
                        .map(|s: &Section| format!("{:?}", s.id))
                        .collect();
                    if let Some(first) = names.first().cloned() {
                        names.push(first);
                    }
                    let first = cycle.iter().copied().min().unwrap_or(k);
                    diagnostics.push(at(
                        Diagnostic::new(
                            Code::BadInput,
                            format!("sections are their own parents: {}", names.join(" -> ")),
                        )
                        .with_help(
                            "a section's \"parent\" is the id of a section that contains it; \
                             remove one of these parents",
                        ),
                        &origin(first),
                    ));
                    break;
                }
                _ => break,
            }
            if let Some(slot) = state.get_mut(k) {
                *slot = 1;
            }
            walk.push(k);
            match sections
                .get(k)
                .and_then(|s| s.parent.as_deref())
                .and_then(|p| index.get(p))
            {
                Some(&p) => k = p,
                None => break,
            }
        }
        for w in walk {
            if let Some(slot) = state.get_mut(w) {
                *slot = 2;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_a_small_map() {
        let mut map = Map::new();
        map.title = Some("T".into());
        map.sides.push(Side {
            id: "pro".into(),
            label: "Pro".into(),
            color: None,
        });
        let a = map
            .add_node(
                Node::statement("A", "a")
                    .with_side("pro")
                    .with_citation("s", 1, 2),
            )
            .unwrap();
        let b = map.add_node(Node::argument("B", "b")).unwrap();
        map.add_edge(b, a, Edge::new(Relation::Rebuts));
        let text = to_string(&map);
        let mut diags = Vec::new();
        let back = read("x.json", &text, &mut diags).unwrap();
        assert!(diags.is_empty());
        assert_eq!(back, map);
    }

    #[test]
    fn the_written_document_is_the_documents_own_serialization() {
        let mut map = Map::new();
        map.sides.push(Side {
            id: "pro".into(),
            label: "Pro".into(),
            color: Some("red".into()),
        });
        let mut a = Node::statement("A", "a \"quoted\" text")
            .with_tag("t")
            .with_citation("s", 1, 2);
        a.data.insert("k".into(), Value::from(vec![1, 2]));
        a.section = Some("s1".into());
        let a = map.add_node(a).unwrap();
        let b = map.add_node(Node::argument("B", "")).unwrap();
        map.add_edge(b, a, Edge::new(Relation::Undercuts));
        let text = to_string(&map);
        assert!(text.ends_with("}\n"));
        let doc: Document = serde_json::from_str(&text).unwrap();
        assert_eq!(
            text,
            format!("{}\n", serde_json::to_string_pretty(&doc).unwrap())
        );
        assert_eq!(serde_json::to_value(&doc).unwrap(), to_value(&map));
        assert_eq!(doc.nodes.len(), 2);
        assert_eq!(doc.edges.len(), 1);
        assert!(text.contains("\"kind\": \"rebuttal\""), "{text}");
        assert!(
            !text.contains("\"data\": {}"),
            "empty data is left out: {text}"
        );
    }

    #[test]
    fn a_document_longer_than_the_write_buffer_is_written_whole() {
        let mut map = Map::new();
        let text = "é \"quoted\"\ttabbed ".repeat(40);
        let mut previous = None;
        for i in 0..2_000 {
            let ix = map
                .add_node(Node::statement(format!("S{i}"), &text))
                .unwrap();
            if let Some(p) = previous {
                map.add_edge(ix, p, Edge::new(Relation::Supports));
            }
            previous = Some(ix);
        }
        let text = to_string(&map);
        assert!(text.len() > 3 * WRITE_BUFFER, "{}", text.len());
        let doc: Document = serde_json::from_str(&text).unwrap();
        assert_eq!(
            text,
            format!("{}\n", serde_json::to_string_pretty(&doc).unwrap())
        );
    }

    #[test]
    fn a_failing_writer_fails_the_write() {
        struct Full;
        impl std::io::Write for Full {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::Error::other("disk full"))
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let mut map = Map::new();
        map.add_node(Node::statement("A", "a")).unwrap();
        let err = write(&map, &mut Full).unwrap_err();
        assert_eq!(err.to_string(), "disk full");
    }

    #[test]
    fn dangling_edge_is_reported() {
        let text = r#"{"format":"counterpoint","version":1,"nodes":[],"edges":[{"from":"[a]","to":"[b]","relation":"supports"}]}"#;
        let mut diags = Vec::new();
        read("x.json", text, &mut diags);
        assert_eq!(
            diags[0].headline(),
            "x.json:1:58: error[E013]: an edge names node \"[a]\", which is not in \"nodes\""
        );
    }
}
