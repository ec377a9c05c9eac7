//! Shared parts of counterpoint's fuzz targets: reading with the library's own entry points,
//! the properties every read must keep, the round-trip property, and an `arbitrary`
//! description of a small map from which valid counterpoint JSON and AIF are built (byte-level
//! mutation rarely produces valid JSON).

use arbitrary::Arbitrary;
use counterpoint::diagnostic;
use counterpoint::fmt::difference;
use counterpoint::formats;
use counterpoint::load::{load_bytes, load_texts, Loaded};
use counterpoint::Format;
use counterpoint::Map;
use serde_json::{json, Value};

/// Reads `files` `(name, bytes)` as the CLI does (decoding included) and checks what every
/// read must give: diagnostics that render, and, for a map without errors, every writer and
/// analysis running without a panic.
pub fn read(files: Vec<(String, Vec<u8>)>, format: Option<Format>) -> Loaded {
    let loaded = load_bytes(files, format);
    exercise(&loaded);
    loaded
}

/// Renders the diagnostics; on a map without errors runs every writer and analysis.
pub fn exercise(loaded: &Loaded) {
    let _ = diagnostic::render_all(&loaded.diagnostics);
    let _ = diagnostic::to_json_array(&loaded.diagnostics);
    for d in &loaded.diagnostics {
        // A diagnostic about a place names the file it is in.
        assert!(
            d.line == 0 || !d.file.is_empty(),
            "a diagnostic with a line but no file: {d:?}"
        );
    }
    if loaded.has_errors() {
        return;
    }
    let map = &loaded.map;
    let _ = formats::json::to_string(map);
    let _ = formats::aif::to_string(map);
    let _ = formats::argdown::to_string(map);
    let _ = formats::iccma::to_apx(map);
    let _ = formats::iccma::to_i23(map);
    let _ = formats::mermaid::to_string(map);
    let _ = formats::graphml::to_string(map);
    let verdicts = counterpoint::analysis::Verdicts::whole(map);
    let _ = counterpoint::render::to_dot(
        counterpoint::render::Drawing::new(map, &verdicts),
        &counterpoint::render::RenderOptions::default(),
    );
    let _ = counterpoint::analysis::grounded::grounded(map);
    let _ = counterpoint::analysis::stats::stats(map);
    let _ = counterpoint::analysis::unanswered::unanswered(map);
}

/// Splits fuzz input into up to `max` files at each `0xFF` byte (a byte never valid in UTF-8,
/// so files may still hold invalid UTF-8 of other kinds).
pub fn split_files(data: &[u8], max: usize, ext: &str) -> Vec<(String, Vec<u8>)> {
    data.splitn(max, |&b| b == 0xFF)
        .enumerate()
        .map(|(i, bytes)| (format!("f{i}.{ext}"), bytes.to_vec()))
        .collect()
}

/// The map as Argdown gives it back: runs of white space in texts and section titles become one
/// space (the documented normalisation of the Argdown writer), the frontmatter's texts are
/// trimmed, and sections, which Argdown cannot name, are numbered `s1`, `s2`, ... in map order
/// (use on both maps compared).
pub fn collapsed(map: &Map) -> Map {
    let mut out = map.clone();
    let ids: std::collections::HashMap<String, String> = out
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.clone(), format!("s{}", i + 1)))
        .collect();
    let rename = |id: &mut Option<String>| {
        if let Some(new) = id.as_ref().and_then(|old| ids.get(old)) {
            *id = Some(new.clone());
        }
    };
    for s in &mut out.sections {
        if let Some(new) = ids.get(&s.id) {
            s.id = new.clone();
        }
        rename(&mut s.parent);
    }
    let ixs: Vec<_> = out.nodes().map(|(ix, _)| ix).collect();
    for ix in &ixs {
        let section = &mut out.node_mut(*ix).section;
        if let Some(new) = section.as_deref().and_then(|old| ids.get(old)) {
            *section = Some(new.as_str().into());
        }
    }
    let ixs: Vec<_> = out.nodes().map(|(ix, _)| ix).collect();
    for ix in ixs {
        let n = out.node_mut(ix);
        n.text = n.text.split_whitespace().collect::<Vec<_>>().join(" ").into();
    }
    for s in &mut out.sections {
        s.title = s.title.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    // The frontmatter's texts are read trimmed.
    out.title = out.title.map(|t| t.trim().to_string());
    for side in &mut out.sides {
        side.label = side.label.trim().to_string();
    }
    for source in &mut out.sources {
        source.title = source.title.take().map(|t| t.trim().to_string());
    }
    out
}

fn errors(loaded: &Loaded) -> String {
    diagnostic::render_all(
        &loaded
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .cloned()
            .collect::<Vec<_>>(),
    )
}

/// The round-trip property for a map read without errors: its JSON reads back to the same map
/// exactly, its AIF too (the extra `counterpoint` object restores what AIF cannot say), and its
/// Argdown (unless the writer refuses the map, saying why) reads back without errors to the same
/// map up to white space in texts. The ICCMA exports read back with as many arguments.
pub fn check_round_trip(loaded: &Loaded) {
    if loaded.has_errors() {
        return;
    }
    let map = &loaded.map;

    // JSON, and AIF with its `counterpoint` object, read back to the same map exactly.
    for (name, text, format) in [
        ("JSON", formats::json::to_string(map), Some(Format::Json)),
        ("AIF", formats::aif::to_string(map), Some(Format::Aif)),
    ] {
        let back = load_texts(&[("rt.json".into(), text.clone())], format);
        assert!(
            !back.has_errors(),
            "the {name} export does not read back:\n{}\n{text}",
            errors(&back)
        );
        assert_eq!(
            difference(map, &back.map),
            None,
            "the {name} export reads back to another map:\n{text}"
        );
    }

    if let Ok((text, renamed)) = formats::argdown::to_string_with_warnings(map) {
        let back = load_texts(
            &[("rt.argdown".into(), text.clone())],
            Some(Format::Argdown),
        );
        assert!(
            !back.has_errors(),
            "the Argdown export does not read back:\n{}\n{text}",
            errors(&back)
        );
        if renamed.is_empty() {
            assert_eq!(
                difference(&collapsed(map), &collapsed(&back.map)),
                None,
                "the Argdown export reads back to another map:\n{text}"
            );
        } else {
            // Nodes Argdown cannot name as they are named here were renamed, with a warning
            // each: every node and relation still comes back.
            assert_eq!(
                back.map.node_count(),
                map.node_count(),
                "nodes lost:\n{text}"
            );
            assert_eq!(
                back.map.edge_count(),
                map.edge_count(),
                "relations lost:\n{text}"
            );
        }
    }

    use counterpoint::formats::iccma::Dialect;
    for (text, dialect, name) in [
        (formats::iccma::to_apx(map), Dialect::Apx, "rt.apx"),
        (formats::iccma::to_i23(map), Dialect::I23, "rt.i23"),
    ] {
        let back = load_texts(&[(name.into(), text.clone())], Some(Format::from(dialect)));
        assert!(
            !back.has_errors(),
            "the {name} export does not read back:\n{}\n{text}",
            errors(&back)
        );
        assert_eq!(
            back.map.node_count(),
            map.node_count(),
            "the {name} export reads back with another number of arguments:\n{text}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Structure-aware inputs.

/// Fragments that mean something to one of the readers or writers.
#[rustfmt::skip]
const FRAGMENTS: &[&str] = &[
    "[", "]", "<", ">", "+", "-", "_", "><", "+>", "->", "_>", "<+", "<-", "<_", "#", "##", ":",
    "{", "}", "[]", "<>", ",", "\"", "'", "\\", "`", "*", "**", "|", "&", "%", "@", "!", "?",
    "~", "=", "\n", "\r\n", "\r", "\t", "  ", " ", "\0", "\u{7f}", "\u{85}", "\u{9b}",
    "\u{1b}[31m", "\u{feff}", "\u{2028}", "\u{200b}", "e\u{301}", "日本語", "🙂", "---", "...",
    "//", "/*", "*/", "<!--", "-->", "&lt;", "&amp;", "<script>", "</script>", "javascript:",
    "onload=", "\\N", "\\G", "\\L", "(1)", "1.", "1.1.", "-1.", "Pro: ", "Con: ", "-> See 1.",
    "yes", "no", "null", "true", "~", "&a", "*a", "!!str", ">-", "|-", "a: b", "- x", "p af 2",
    "arg(a).", "att(a,b).", "1 2", "# id 1 x", "Discussion Title: ", "title", "sides",
    "sources", "cite", "side", "quote", ">", "]]", "[[", "x", "A", "b c", "0", "1", "-1",
    "99999999999999999999",
];

/// A text built from fragments, arbitrary strings and characters.
#[derive(Arbitrary, Debug, Clone)]
pub struct Text(Vec<Piece>);

#[derive(Arbitrary, Debug, Clone)]
enum Piece {
    Fragment(u8),
    Raw(String),
    Char(char),
    Word(Word),
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Word {
    Four,
    Days,
    School,
    Pro,
    Con,
}

impl Text {
    pub fn render(&self) -> String {
        let mut s = String::new();
        for p in self.0.iter().take(12) {
            match p {
                Piece::Fragment(i) => s.push_str(FRAGMENTS[*i as usize % FRAGMENTS.len()]),
                Piece::Raw(r) => s.extend(r.chars().take(40)),
                Piece::Char(c) => s.push(*c),
                Piece::Word(w) => s.push_str(match w {
                    Word::Four => "four",
                    Word::Days => "days",
                    Word::School => "School",
                    Word::Pro => "pro",
                    Word::Con => "con",
                }),
            }
        }
        s
    }
}

/// A reference to one of the map's things by position, or a name that may not exist.
#[derive(Arbitrary, Debug, Clone)]
pub enum Ref {
    Index(u8),
    Name(Text),
}

#[derive(Arbitrary, Debug, Clone)]
pub struct SideDesc {
    id: Text,
    label: Text,
    color: Option<Text>,
}

#[derive(Arbitrary, Debug, Clone)]
pub struct SourceDesc {
    id: Text,
    title: Option<Text>,
    author: Option<Text>,
    year: Option<i64>,
    url: Option<Text>,
    file: Option<Text>,
    skip: Vec<([u32; 2], Text)>,
}

#[derive(Arbitrary, Debug, Clone)]
pub struct SectionDesc {
    id: Text,
    title: Text,
    level: u8,
    parent: Option<Ref>,
    side: Option<Ref>,
}

#[derive(Arbitrary, Debug, Clone)]
pub struct CitationDesc {
    source: Ref,
    lines: [u32; 2],
    quote: Option<Text>,
}

#[derive(Arbitrary, Debug, Clone)]
pub struct NodeDesc {
    argument: bool,
    title: Text,
    /// The id written `[title]`/`<title>` as Argdown would, or any text.
    own_id: Option<Text>,
    text: Text,
    side: Option<Ref>,
    tags: Vec<Text>,
    citations: Vec<CitationDesc>,
    section: Option<Ref>,
    data: Vec<(Text, DataValue)>,
}

#[derive(Arbitrary, Debug, Clone)]
pub enum DataValue {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Text),
    List(Vec<Text>),
}

impl DataValue {
    fn value(&self) -> Value {
        match self {
            DataValue::Null => Value::Null,
            DataValue::Bool(b) => json!(b),
            DataValue::Int(i) => json!(i),
            DataValue::Float(f) => json!(f),
            DataValue::Str(t) => json!(t.render()),
            DataValue::List(l) => Value::Array(l.iter().map(|t| json!(t.render())).collect()),
        }
    }
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum RelationDesc {
    Supports,
    Rebuts,
    Undercuts,
    Contradicts,
}

impl RelationDesc {
    fn as_str(self) -> &'static str {
        match self {
            RelationDesc::Supports => "supports",
            RelationDesc::Rebuts => "rebuts",
            RelationDesc::Undercuts => "undercuts",
            RelationDesc::Contradicts => "contradicts",
        }
    }
}

/// A small map, described loosely enough to hold dangling and duplicate references.
#[derive(Arbitrary, Debug, Clone)]
pub struct MapDesc {
    title: Option<Text>,
    sides: Vec<SideDesc>,
    sources: Vec<SourceDesc>,
    sections: Vec<SectionDesc>,
    nodes: Vec<NodeDesc>,
    relations: Vec<(Ref, RelationDesc, Ref)>,
}

fn pick(names: &[String], r: &Ref) -> String {
    match r {
        Ref::Index(i) if !names.is_empty() => names[*i as usize % names.len()].clone(),
        Ref::Index(i) => format!("missing{i}"),
        Ref::Name(t) => t.render(),
    }
}

impl MapDesc {
    fn node_ids(&self) -> Vec<String> {
        self.nodes
            .iter()
            .take(16)
            .map(|n| match &n.own_id {
                Some(t) => t.render(),
                None if n.argument => format!("<{}>", n.title.render()),
                None => format!("[{}]", n.title.render()),
            })
            .collect()
    }

    /// The map as a counterpoint JSON document.
    pub fn to_json(&self) -> Value {
        let side_ids: Vec<String> = self.sides.iter().take(6).map(|s| s.id.render()).collect();
        let source_ids: Vec<String> = self.sources.iter().take(6).map(|s| s.id.render()).collect();
        let section_ids: Vec<String> = self
            .sections
            .iter()
            .take(8)
            .map(|s| s.id.render())
            .collect();
        let node_ids = self.node_ids();
        let text = |t: &Option<Text>| t.as_ref().map(Text::render);
        let sides: Vec<Value> = self
            .sides
            .iter()
            .take(6)
            .map(|s| json!({"id": s.id.render(), "label": s.label.render(), "color": text(&s.color)}))
            .collect();
        let sources: Vec<Value> = self
            .sources
            .iter()
            .take(6)
            .map(|s| {
                json!({
                    "id": s.id.render(), "title": text(&s.title), "author": text(&s.author),
                    "year": s.year, "url": text(&s.url), "file": text(&s.file),
                    "skip": s.skip.iter().take(3)
                        .map(|(l, r)| json!({"lines": l, "reason": r.render()}))
                        .collect::<Vec<_>>(),
                })
            })
            .collect();
        let sections: Vec<Value> = self
            .sections
            .iter()
            .take(8)
            .map(|s| {
                json!({
                    "id": s.id.render(), "title": s.title.render(), "level": s.level,
                    "parent": s.parent.as_ref().map(|r| pick(&section_ids, r)),
                    "side": s.side.as_ref().map(|r| pick(&side_ids, r)),
                })
            })
            .collect();
        let nodes: Vec<Value> = self
            .nodes
            .iter()
            .take(16)
            .zip(&node_ids)
            .map(|(n, id)| {
                let data: serde_json::Map<String, Value> = n
                    .data
                    .iter()
                    .take(4)
                    .map(|(k, v)| (k.render(), v.value()))
                    .collect();
                json!({
                    "id": id,
                    "element": if n.argument { "argument" } else { "statement" },
                    "title": n.title.render(),
                    "text": n.text.render(),
                    "side": n.side.as_ref().map(|r| pick(&side_ids, r)),
                    "tags": n.tags.iter().take(4).map(Text::render).collect::<Vec<_>>(),
                    "citations": n.citations.iter().take(3).map(|c| json!({
                        "source": pick(&source_ids, &c.source),
                        "lines": c.lines,
                        "quote": text(&c.quote),
                    })).collect::<Vec<_>>(),
                    "section": n.section.as_ref().map(|r| pick(&section_ids, r)),
                    "data": data,
                })
            })
            .collect();
        let edges: Vec<Value> = self
            .relations
            .iter()
            .take(32)
            .map(|(a, r, b)| {
                json!({"from": pick(&node_ids, a), "to": pick(&node_ids, b), "relation": r.as_str()})
            })
            .collect();
        json!({
            "format": "counterpoint",
            "version": 1,
            "title": text(&self.title),
            "sides": sides,
            "sources": sources,
            "sections": sections,
            "nodes": nodes,
            "edges": edges,
        })
    }
}

/// An AIF document described loosely: nodes of any type, edges between any of them (or ids
/// that do not exist), participants and locutions.
#[derive(Arbitrary, Debug, Clone)]
pub struct AifDesc {
    ova3: bool,
    numeric_ids: bool,
    nodes: Vec<AifNodeDesc>,
    edges: Vec<(Ref, Ref)>,
    participants: Vec<(Text, Text)>,
    locutions: Vec<(Ref, Ref)>,
}

#[derive(Arbitrary, Debug, Clone)]
pub struct AifNodeDesc {
    ty: AifType,
    text: Text,
    scheme: Option<Text>,
    /// An L-node's speaker, written `Speaker : text`.
    speaker: Option<Text>,
    drop_id: bool,
}

#[derive(Arbitrary, Debug, Clone)]
pub enum AifType {
    I,
    Ra,
    Ca,
    Ma,
    Pa,
    L,
    Ta,
    Ya,
    Other(Text),
}

impl AifDesc {
    pub fn to_json(&self) -> Value {
        let ids: Vec<String> = (1..=self.nodes.len().min(24))
            .map(|i| i.to_string())
            .collect();
        let id = |s: String| -> Value {
            match (self.numeric_ids, s.parse::<i64>()) {
                (true, Ok(n)) => json!(n),
                _ => json!(s),
            }
        };
        let nodes: Vec<Value> = self
            .nodes
            .iter()
            .take(24)
            .zip(&ids)
            .map(|(n, nid)| {
                let ty = match &n.ty {
                    AifType::I => "I".to_string(),
                    AifType::Ra => "RA".into(),
                    AifType::Ca => "CA".into(),
                    AifType::Ma => "MA".into(),
                    AifType::Pa => "PA".into(),
                    AifType::L => "L".into(),
                    AifType::Ta => "TA".into(),
                    AifType::Ya => "YA".into(),
                    AifType::Other(t) => t.render(),
                };
                let text = match &n.speaker {
                    Some(s) => format!("{} : {}", s.render(), n.text.render()),
                    None => n.text.render(),
                };
                let mut v = json!({"text": text, "type": ty});
                if !n.drop_id {
                    v["nodeID"] = id(nid.clone());
                }
                if let Some(s) = &n.scheme {
                    v["scheme"] = json!(s.render());
                }
                v
            })
            .collect();
        let edges: Vec<Value> = self
            .edges
            .iter()
            .take(48)
            .enumerate()
            .map(|(i, (a, b))| {
                json!({"edgeID": i + 1, "fromID": id(pick(&ids, a)), "toID": id(pick(&ids, b))})
            })
            .collect();
        let participants: Vec<Value> = self
            .participants
            .iter()
            .take(4)
            .enumerate()
            .map(|(i, (f, s))| {
                json!({"participantID": i + 1, "firstname": f.render(), "surname": s.render()})
            })
            .collect();
        let people: Vec<String> = (1..=participants.len()).map(|i| i.to_string()).collect();
        let locutions: Vec<Value> = self
            .locutions
            .iter()
            .take(8)
            .map(|(n, p)| json!({"nodeID": id(pick(&ids, n)), "personID": id(pick(&people, p))}))
            .collect();
        let aif = json!({
            "nodes": nodes, "edges": edges, "participants": participants, "locutions": locutions,
        });
        if self.ova3 {
            json!({"AIF": aif, "OVA": {"firstname": "", "nodes": [], "edges": []}})
        } else {
            aif
        }
    }
}

/// An edit to a JSON document: replaces, removes or adds a value at a path picked by indices.
#[derive(Arbitrary, Debug, Clone)]
pub enum Edit {
    Remove(Vec<u8>),
    Replace(Vec<u8>, DataValue),
    SetText(Vec<u8>, Text),
}

/// Applies `edit` to `value` (the path's numbers pick keys and array items modulo their count).
pub fn apply(value: &mut Value, edit: &Edit) {
    let (path, last) = match edit {
        Edit::Remove(p) | Edit::Replace(p, _) | Edit::SetText(p, _) => match p.split_last() {
            Some((last, path)) => (path, *last as usize),
            None => return,
        },
    };
    // Walk immutably to a JSON pointer, then take the one mutable borrow.
    let mut pointer = String::new();
    let mut at: &Value = value;
    for &i in path.iter().take(6) {
        let next = match at {
            Value::Object(m) if !m.is_empty() => m
                .iter()
                .nth(i as usize % m.len())
                .map(|(k, v)| (k.replace('~', "~0").replace('/', "~1"), v)),
            Value::Array(a) if !a.is_empty() => {
                let i = i as usize % a.len();
                a.get(i).map(|v| (i.to_string(), v))
            }
            _ => None,
        };
        match next {
            Some((key, v)) => {
                pointer.push('/');
                pointer.push_str(&key);
                at = v;
            }
            None => break,
        }
    }
    let Some(at) = value.pointer_mut(&pointer) else {
        return;
    };
    let new = match edit {
        Edit::Remove(_) => None,
        Edit::Replace(_, v) => Some(v.value()),
        Edit::SetText(_, t) => Some(json!(t.render())),
    };
    match at {
        Value::Object(m) if !m.is_empty() => {
            let key = m.keys().nth(last % m.len()).cloned().unwrap_or_default();
            match new {
                Some(v) => {
                    m.insert(key, v);
                }
                None => {
                    m.remove(&key);
                }
            }
        }
        Value::Array(a) if !a.is_empty() => {
            let i = last % a.len();
            match new {
                Some(v) => a[i] = v,
                None => {
                    a.remove(i);
                }
            }
        }
        _ => {}
    }
}
