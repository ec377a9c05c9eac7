//! The Argument Interchange Format (AIF) in its JSON form, as AIFdb, OVA and arguebuf exchange it:
//! read and written.
//!
//! # Reading
//!
//! Accepted shapes: a plain AIFdb export (`nodes`, `edges`, optionally `locutions` and
//! `participants`) and OVA3/xAIF (`{"AIF": {...}, "OVA": {...}}`; the `OVA` layout part is
//! ignored). Ids may be strings or numbers; `scheme`/`schemeID` fields may sit on any node.
//!
//! | AIF | counterpoint |
//! |-----|--------------|
//! | I-node | a statement titled with the AIF `nodeID`, its `text` as text |
//! | RA (premise → RA → conclusion) | `premise supports conclusion` |
//! | MA (rephrase) | like RA: `original supports rephrase` (a rephrase is read as a reason for what it restates) |
//! | CA (conflict) | `attacker rebuts target`; a CA aimed at an RA/CA/MA node gives `undercuts` |
//! | the RA/CA/MA of such a relation | kept on the premise's data, `aif: {schemes: [{to, type, text, scheme}]}` (`to`: the id of the relation's target), unless it is the "Default Inference" RA or "Default Conflict" CA the writer makes anyway; written back as that S-node |
//! | RA/CA/MA with several premises (linked premises) | an argument node `<nodeID>` (text: the scheme name, data `aif: {type, scheme}`); each premise `supports` it, and it supports / rebuts / undercuts the conclusion |
//! | RA/CA/MA that another S-node aims at | the same argument node, so that the attack (`undercuts`) or backing (`supports`) has a target |
//! | L, YA, TA, `participants`, `locutions` | sides: an I-node's side is the speaker of the locution (L) that asserts it through a YA node; an argument node's side is the speaker of the TA/YA that anchors it, else the side its premises share |
//! | each YA anchor (L → YA → node, TA → YA → node) | kept in the node's data, `aif: {dialogue: [...]}`: the illocution, and the locution's text and speaker or the transition with the locutions it joins; an anchor on an S-node that became a relation is kept on its premise with `inference_to` (the conclusion's id). Written back as L, TA and YA nodes. TA nodes that anchor nothing are not kept |
//! | PA and unknown node types | skipped with a warning (W005) |
//!
//! A speaker is the participant named by the locution's `personID` (`firstname surname`) when the
//! file has `participants`; otherwise the text of the L-node before ` : ` (`CL : text`) or before
//! ` says '` (Araucaria). Each participant and each speaker that asserts something becomes a side
//! (id: the name in lower case with `-` for other characters; label: the name).
//!
//! Edges that break the AIF grammar (I-node to I-node, an edge naming a node that is not there, an
//! S-node without conclusion or with several) are reported as warnings (W005) and reading goes on.
//! A file that is not JSON or has no `nodes` array is an error (E013).
//!
//! # Writing
//!
//! Every node becomes an I-node (text: the node's text, or its title when the text is empty),
//! except an argument node read from AIF (data `aif: {type, scheme}`), which is written back as
//! its RA, CA or MA node with its scheme name: its `supports` premises go into that one S-node
//! (linked premises) and its relations leave it. Every other relation becomes one S-node
//! between its two ends: the RA, CA or MA it was read from (type, text and scheme name, kept in
//! the `schemes` data of its source), else for `supports` an RA ("Default Inference"), for
//! `rebuts` and `undercuts` a CA ("Default Conflict"); a conflict on a scheme node aims at that
//! S-node (AIF's undercut), an undercut of an I-node aims at the I-node (the node it attacks),
//! and `contradicts` is a CA each way. Sides become `participants`; the dialogue read from AIF is written back (L-nodes
//! once per text, TA-nodes once per transition, a YA per anchor), and each other node with a
//! side gets an L-node (`Label : text`), a YA "Asserting" node and a `locutions` entry. Ids are `"1"`, `"2"`, ...
//! (unique across nodes; edges have their own), every S-node has `text` and `scheme`.
//!
//! So the AIF alone, without the extra object below, reads back to a map with the same nodes
//! and the same attacks; reading, writing and reading it again gives that map exactly (a
//! fixed point after the first pass). What only counterpoint distinguishes (statement or
//! argument, an undercut or a contradiction) is in the extra object.
//!
//! What AIF cannot say (statement vs argument, titles, tags, citations, sections, sources, the
//! map title, side colours, which CA is a contradiction or an undercut) is kept in an extra
//! top-level `"counterpoint"` object that other tools ignore. When it is present and matches the
//! nodes and edges, reading restores the map exactly; when it does not match (the file was edited
//! elsewhere) it is ignored with a warning and the file is read as plain AIF.

use crate::text::file_name::FileName;
use std::collections::{HashMap, HashSet};

use petgraph::stable_graph::NodeIndex;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::diagnostic::{with_snippets, Code, Diagnostic};
use crate::model::{
    Citation, Edge, Element, Map, Node, Origin, Relation, Section, Side, Source, Str,
};
use crate::style::names::Unique;
use crate::text::line_index::LineIndex;

/// The key of the extra top-level object that carries what AIF cannot say.
pub const SIDECAR_KEY: &str = "counterpoint";
/// Version of the extra object's layout.
pub(crate) const SIDECAR_VERSION: u64 = 1;

/// Whether a JSON document looks like AIF: `{"AIF": {...}}`, or an object with `nodes` and
/// `edges` arrays whose nodes carry `nodeID` and `type`.
pub fn detect(value: &Value) -> bool {
    if value.get("AIF").is_some_and(Value::is_object) {
        return true;
    }
    let nodes = value.get("nodes").and_then(Value::as_array);
    let edges = value.get("edges").and_then(Value::as_array);
    match (nodes, edges) {
        (Some(nodes), Some(_)) => {
            nodes.is_empty()
                || nodes
                    .iter()
                    .any(|n| n.get("nodeID").is_some() && n.get("type").is_some())
        }
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------------
// Reading

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Type {
    I,
    Ra,
    Ca,
    Ma,
    Pa,
    L,
    Ta,
    Ya,
}

impl Type {
    fn parse(s: &str) -> Option<Type> {
        Some(match s {
            "I" => Type::I,
            "RA" => Type::Ra,
            "CA" => Type::Ca,
            "MA" => Type::Ma,
            "PA" => Type::Pa,
            "L" => Type::L,
            "TA" => Type::Ta,
            "YA" => Type::Ya,
            _ => return None,
        })
    }

    /// RA, CA and MA: the S-nodes that become relations.
    fn is_relation(self) -> bool {
        matches!(self, Type::Ra | Type::Ca | Type::Ma)
    }

    fn name(self) -> &'static str {
        match self {
            Type::I => "I",
            Type::Ra => "RA",
            Type::Ca => "CA",
            Type::Ma => "MA",
            Type::Pa => "PA",
            Type::L => "L",
            Type::Ta => "TA",
            Type::Ya => "YA",
        }
    }
}

struct ANode {
    /// Position in the file's `nodes` array (for diagnostics).
    pos: usize,
    id: String,
    ty: Type,
    text: String,
    scheme: Option<String>,
}

/// The AIF document, checked and indexed.
struct Doc {
    nodes: Vec<ANode>,
    index: HashMap<String, usize>,
    /// (from, to) node positions, in file order.
    edges: Vec<(usize, usize)>,
    out: Vec<Vec<usize>>,
    inc: Vec<Vec<usize>>,
    /// participantID -> name, in file order.
    participants: Vec<(String, String)>,
    /// L-node id -> personID (the first locution naming it).
    locutions: HashMap<String, String>,
}

/// Turns JSON values used as ids (strings or numbers) into strings.
fn id_of(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Places diagnostics at the `nodes`/`edges` entry they are about (their snippets are attached
/// when reading ends, see [`read`]).
struct Places<'a> {
    file: &'a str,
    text: &'a str,
    wrapped: bool,
    /// Element offsets of `nodes` and `edges`, and the text's lines: found on the first
    /// diagnostic.
    index: std::cell::OnceCell<(Vec<usize>, Vec<usize>, LineIndex<'a>)>,
}

impl<'a> Places<'a> {
    fn new(file: &'a str, text: &'a str, wrapped: bool) -> Places<'a> {
        Places {
            file,
            text,
            wrapped,
            index: std::cell::OnceCell::new(),
        }
    }

    fn index(&self) -> &(Vec<usize>, Vec<usize>, LineIndex<'a>) {
        self.index.get_or_init(|| {
            let (nodes, edges) = element_offsets(self.text, self.wrapped);
            (nodes, edges, LineIndex::new(self.text))
        })
    }

    fn at_offset(&self, d: Diagnostic, offset: Option<usize>) -> Diagnostic {
        let Some(offset) = offset else {
            return self.top(d);
        };
        let (line, column) = self.index().2.place(offset);
        d.at_line(self.file, None, line, column)
    }

    fn node(&self, i: usize, d: Diagnostic) -> Diagnostic {
        let offset = self.index().0.get(i).copied();
        self.at_offset(d, offset)
    }

    fn edge(&self, i: usize, d: Diagnostic) -> Diagnostic {
        let offset = self.index().1.get(i).copied();
        self.at_offset(d, offset)
    }

    fn top(&self, d: Diagnostic) -> Diagnostic {
        d.at_line(self.file, None, 1, 1)
    }

    /// Where each node of `doc` is written (found in one pass, as the nodes are in file order).
    fn origins(&self, doc: &Doc) -> Vec<Origin> {
        let (offsets, _, lines) = self.index();
        let file = FileName::new(self.file);
        doc.nodes
            .iter()
            .map(|n| super::spans::origin(lines, &file, offsets.get(n.pos).copied().unwrap_or(0)))
            .collect()
    }
}

/// Byte offsets of the elements of the AIF object's `nodes` and `edges` arrays, found by a
/// single pass over the (already validated) JSON text, without recursion.
fn element_offsets(text: &str, wrapped: bool) -> (Vec<usize>, Vec<usize>) {
    use super::spans::Seg;
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    super::spans::array_elements(text, |path, offset| {
        let inner = match path {
            [Seg::Key("AIF"), rest @ ..] if wrapped => rest,
            _ if wrapped => return,
            all => all,
        };
        match inner {
            [Seg::Key("nodes"), Seg::Index(_)] => nodes.push(offset),
            [Seg::Key("edges"), Seg::Index(_)] => edges.push(offset),
            _ => {}
        }
    });
    (nodes, edges)
}

fn warn(message: String) -> Diagnostic {
    Diagnostic::new(Code::SkippedInput, message)
}

impl Doc {
    fn parse(
        aif: &Value,
        root: &Value,
        places: &Places,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Doc> {
        let Some(raw_nodes) = aif.get("nodes").and_then(Value::as_array) else {
            diags.push(places.top(
                Diagnostic::new(Code::BadInput, "not an AIF document: no \"nodes\" array")
                    .with_help("AIF JSON has \"nodes\" and \"edges\" arrays, or an \"AIF\" object holding them"),
            ));
            return None;
        };
        let mut doc = Doc {
            nodes: Vec::with_capacity(raw_nodes.len()),
            index: HashMap::with_capacity(raw_nodes.len()),
            edges: Vec::new(),
            out: Vec::new(),
            inc: Vec::new(),
            participants: Vec::new(),
            locutions: HashMap::new(),
        };
        for (i, n) in raw_nodes.iter().enumerate() {
            let Some(id) = id_of(n.get("nodeID")) else {
                diags.push(places.node(
                    i,
                    warn("AIF node without a \"nodeID\" (string or number); skipped".into()),
                ));
                continue;
            };
            let type_name = n.get("type").and_then(Value::as_str).unwrap_or("");
            let Some(ty) = Type::parse(type_name) else {
                diags.push(places.node(
                    i,
                    warn(format!(
                        "AIF node {id} has type {type_name:?}, which is not I, RA, CA, MA, PA, L, TA or YA; skipped"
                    )),
                ));
                continue;
            };
            if ty == Type::Pa {
                diags.push(places.node(
                    i,
                    warn(format!(
                        "AIF node {id} is a preference (PA), which a counterpoint map cannot hold; skipped"
                    )),
                ));
                continue;
            }
            if doc.index.contains_key(&id) {
                diags.push(places.node(
                    i,
                    warn(format!(
                        "AIF node id {id} is used twice; the second node is skipped"
                    )),
                ));
                continue;
            }
            let text = n
                .get("text")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string();
            let scheme = n
                .get("scheme")
                .and_then(Value::as_str)
                .filter(|s| !s.trim().is_empty())
                .map(str::to_string);
            doc.index.insert(id.clone(), doc.nodes.len());
            doc.nodes.push(ANode {
                pos: i,
                id,
                ty,
                text,
                scheme,
            });
        }
        let all_ids: HashSet<String> = raw_nodes
            .iter()
            .filter_map(|n| id_of(n.get("nodeID")))
            .collect();
        doc.out = vec![Vec::new(); doc.nodes.len()];
        doc.inc = vec![Vec::new(); doc.nodes.len()];
        let raw_edges = aif
            .get("edges")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let mut seen: HashSet<(usize, usize)> = HashSet::new();
        for (i, e) in raw_edges.iter().enumerate() {
            let (Some(from), Some(to)) = (id_of(e.get("fromID")), id_of(e.get("toID"))) else {
                diags.push(places.edge(
                    i,
                    warn("AIF edge without \"fromID\" and \"toID\"; skipped".into()),
                ));
                continue;
            };
            let (a, b) = match (doc.index.get(&from), doc.index.get(&to)) {
                (Some(&a), Some(&b)) => (a, b),
                _ => {
                    let missing = if doc.index.contains_key(&from) {
                        &to
                    } else {
                        &from
                    };
                    // Edges to nodes skipped above were already reported with the node.
                    if !all_ids.contains(missing) {
                        diags.push(places.edge(
                            i,
                            warn(format!(
                                "AIF edge {from} -> {to} names node {missing}, which is not in \"nodes\"; skipped"
                            )),
                        ));
                    }
                    continue;
                }
            };
            let (Some(ta), Some(tb)) = (
                doc.nodes.get(a).map(|n| n.ty),
                doc.nodes.get(b).map(|n| n.ty),
            ) else {
                continue;
            };
            if ta == Type::I && tb == Type::I {
                diags.push(places.edge(
                    i,
                    warn(format!(
                        "AIF edge {from} -> {to} joins two I-nodes, which the AIF grammar does not allow (they connect through an RA, CA or MA node); skipped"
                    )),
                ));
                continue;
            }
            if a == b {
                diags.push(places.edge(
                    i,
                    warn(format!(
                        "AIF edge {from} -> {to} joins a node to itself; skipped"
                    )),
                ));
                continue;
            }
            // The same edge twice adds nothing.
            if !seen.insert((a, b)) {
                continue;
            }
            if let Some(out) = doc.out.get_mut(a) {
                out.push(b);
            }
            if let Some(inc) = doc.inc.get_mut(b) {
                inc.push(a);
            }
            doc.edges.push((a, b));
        }
        let list = |key: &str| -> &[Value] {
            aif.get(key)
                .or_else(|| root.get(key))
                .and_then(Value::as_array)
                .map(Vec::as_slice)
                .unwrap_or_default()
        };
        for p in list("participants") {
            let Some(pid) = id_of(p.get("participantID")) else {
                continue;
            };
            let part = |k: &str| {
                p.get(k)
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .trim()
                    .to_string()
            };
            let name = format!("{} {}", part("firstname"), part("surname"))
                .trim()
                .to_string();
            if !name.is_empty() {
                doc.participants.push((pid, name));
            }
        }
        for l in list("locutions") {
            if let (Some(node), Some(person)) = (id_of(l.get("nodeID")), id_of(l.get("personID"))) {
                doc.locutions.entry(node).or_insert(person);
            }
        }
        Some(doc)
    }

    /// The speaker of an L-node: (participant id if known, name).
    fn speaker_of_locution(&self, l: usize) -> Option<(Option<String>, String)> {
        let node = self.nodes.get(l)?;
        if let Some(pid) = self.locutions.get(&node.id) {
            if let Some((_, name)) = self.participants.iter().find(|(p, _)| p == pid) {
                return Some((Some(pid.clone()), name.clone()));
            }
        }
        let text = node.text.trim_start();
        let name = if let Some(pos) = text.find(" says '") {
            text.get(..pos)
        } else {
            text.find(':').and_then(|pos| text.get(..pos))
        }?
        .trim();
        if name.is_empty() || name.chars().count() > 80 {
            return None;
        }
        Some((None, name.to_string()))
    }

    /// The speaker asserting each node, through YA nodes (L -> YA -> node, or
    /// L -> TA -> L with TA -> YA -> node: the speaker of the TA's later locution).
    fn speakers(&self) -> Vec<Option<(Option<String>, String)>> {
        let mut speakers = vec![None; self.nodes.len()];
        for &(ya, target) in &self.edges {
            let (Some(y), Some(t)) = (self.nodes.get(ya), self.nodes.get(target)) else {
                continue;
            };
            if y.ty != Type::Ya || !(t.ty == Type::I || t.ty.is_relation()) {
                continue;
            }
            if speakers.get(target).is_some_and(Option::is_some) {
                continue;
            }
            let found = self.inc.get(ya).into_iter().flatten().find_map(|&src| {
                match self.nodes.get(src).map(|n| n.ty) {
                    Some(Type::L) => self.speaker_of_locution(src),
                    Some(Type::Ta) => self.out.get(src).into_iter().flatten().find_map(|&l| {
                        (self.nodes.get(l).map(|n| n.ty) == Some(Type::L))
                            .then(|| self.speaker_of_locution(l))
                            .flatten()
                    }),
                    _ => None,
                }
            });
            if let Some(slot) = speakers.get_mut(target) {
                *slot = found;
            }
        }
        speakers
    }
}

/// The key, inside a node's `aif` data, of what the dialogue layer says about the node.
const DIALOGUE: &str = "dialogue";

impl Doc {
    /// The scheme name of a node, else its text.
    fn name_of(&self, i: usize) -> String {
        self.nodes
            .get(i)
            .map(|n| n.scheme.clone().unwrap_or_else(|| n.text.clone()))
            .unwrap_or_default()
    }

    /// The texts of the L-nodes among `list`.
    fn locution_texts(&self, list: Option<&Vec<usize>>) -> Vec<Value> {
        list.into_iter()
            .flatten()
            .filter_map(|&l| self.nodes.get(l).filter(|n| n.ty == Type::L))
            .map(|n| Value::from(n.text.clone()))
            .collect()
    }

    /// What the dialogue layer says about each node, in the order of the file's edges: for each
    /// YA node anchoring it, the illocution and either the locution (L) behind it, with its
    /// speaker when `locutions` names one, or the transition (TA) behind it with the locutions
    /// it goes from and to. Kept in the node's data so that writing puts it back.
    fn dialogue(&self) -> Vec<Vec<Value>> {
        let mut said: Vec<Vec<Value>> = vec![Vec::new(); self.nodes.len()];
        for &(ya, target) in &self.edges {
            let (Some(y), Some(t)) = (self.nodes.get(ya), self.nodes.get(target)) else {
                continue;
            };
            if y.ty != Type::Ya || !(t.ty == Type::I || t.ty.is_relation()) {
                continue;
            }
            for &src in self.inc.get(ya).into_iter().flatten() {
                let Some(source) = self.nodes.get(src) else {
                    continue;
                };
                let mut entry = serde_json::Map::new();
                entry.insert("illocution".into(), Value::from(self.name_of(ya)));
                match source.ty {
                    Type::L => {
                        entry.insert("locution".into(), Value::from(source.text.clone()));
                        if let Some((Some(_), name)) = self.speaker_of_locution(src) {
                            entry.insert("speaker".into(), Value::from(name));
                        }
                    }
                    Type::Ta => {
                        entry.insert("transition".into(), Value::from(self.name_of(src)));
                        entry.insert(
                            "from".into(),
                            Value::Array(self.locution_texts(self.inc.get(src))),
                        );
                        entry.insert(
                            "to".into(),
                            Value::Array(self.locution_texts(self.out.get(src))),
                        );
                    }
                    _ => continue,
                }
                if let Some(list) = said.get_mut(target) {
                    list.push(Value::Object(entry));
                }
            }
        }
        said
    }
}

/// A side id for a speaker's name: lower case letters and digits, `-` for the rest.
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        out.push_str("speaker");
    }
    out
}

/// Sides made from speakers' names, in order of first appearance.
#[derive(Default)]
struct SideNames {
    sides: Vec<Side>,
    by_name: HashMap<String, String>,
    ids: Unique,
}

impl SideNames {
    fn side_for(&mut self, name: &str) -> String {
        if let Some(id) = self.by_name.get(name) {
            return id.clone();
        }
        let id = self.ids.claim(slug(name), "-");
        self.sides.push(Side {
            id: id.clone(),
            label: name.to_string(),
            color: None,
        });
        self.by_name.insert(name.to_string(), id.clone());
        id
    }
}

/// Reads an AIF JSON document. Problems are reported as diagnostics with `file` and the line
/// they are on; a document that cannot be read at all gives `None`.
pub fn read(file: &str, text: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<Map> {
    with_snippets(file, text, diagnostics, |diagnostics| {
        read_document(file, text, diagnostics)
    })
}

/// [`read`], but for the snippets.
fn read_document(file: &str, text: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<Map> {
    let root: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            let (message, line, column) = super::spans::serde_error(text, &e);
            diagnostics.push(
                Diagnostic::new(
                    Code::BadInput,
                    format!("not an AIF JSON document: {message}"),
                )
                .at_line(file, None, line, column),
            );
            return None;
        }
    };
    let wrapped = root.get("AIF").is_some_and(Value::is_object);
    let aif = if wrapped { root.get("AIF")? } else { &root };
    let places = Places::new(file, text, wrapped);
    let doc = Doc::parse(aif, &root, &places, diagnostics)?;
    let origins = places.origins(&doc);
    if let Some(sidecar) = root.get(SIDECAR_KEY) {
        match read_sidecar(&doc, sidecar, &origins) {
            Ok(map) => return Some(map),
            Err(why) => diagnostics.push(places.top(warn(format!(
                "the \"{SIDECAR_KEY}\" data in this file does not match its nodes and edges ({why}); read as plain AIF"
            )))),
        }
    }
    Some(read_structure(&doc, &places, &origins, diagnostics))
}

/// The argument layer of a document: premises and conclusions of each RA/CA/MA node.
struct Layer {
    premises: Vec<Vec<usize>>,
    conclusions: Vec<Vec<usize>>,
    targeted: Vec<bool>,
}

fn layer(doc: &Doc) -> Layer {
    let n = doc.nodes.len();
    let mut layer = Layer {
        premises: vec![Vec::new(); n],
        conclusions: vec![Vec::new(); n],
        targeted: vec![false; n],
    };
    let ty = |i: usize| doc.nodes.get(i).map(|n| n.ty);
    for &(a, b) in &doc.edges {
        let (Some(ta), Some(tb)) = (ty(a), ty(b)) else {
            continue;
        };
        if tb.is_relation() && ta == Type::I {
            // Edges are unique (see `Doc::parse`), so premises are too.
            if let Some(p) = layer.premises.get_mut(b) {
                p.push(a);
            }
        }
        if ta.is_relation() && (tb == Type::I || tb.is_relation()) {
            if let Some(c) = layer.conclusions.get_mut(a) {
                c.push(b);
            }
            if tb.is_relation() {
                if let Some(t) = layer.targeted.get_mut(b) {
                    *t = true;
                }
            }
        }
    }
    layer
}

/// An edge of `relation` written where `origins[i]` is (the S-node that makes it).
fn edge_at(relation: Relation, origins: &[Origin], i: usize) -> Edge {
    let mut edge = Edge::new(relation);
    edge.origin = origins.get(i).cloned();
    edge
}

fn read_structure(
    doc: &Doc,
    places: &Places,
    origins: &[Origin],
    diags: &mut Vec<Diagnostic>,
) -> Map {
    let layer = layer(doc);
    let speakers = doc.speakers();
    let dialogue = doc.dialogue();
    let mut names = SideNames::default();
    for (_, name) in &doc.participants {
        names.side_for(name);
    }
    let mut map = Map::new();
    let mut ix: Vec<Option<NodeIndex>> = vec![None; doc.nodes.len()];
    let materialised = |i: usize| -> bool {
        let premises = layer.premises.get(i).map_or(0, Vec::len);
        let concluded = layer.conclusions.get(i).is_some_and(|c| !c.is_empty());
        let targeted = layer.targeted.get(i).copied().unwrap_or(false);
        targeted || (premises != 1 && concluded)
    };
    for (i, n) in doc.nodes.iter().enumerate() {
        let node = match n.ty {
            Type::I => Node::statement(n.id.clone(), n.text.clone()),
            t if t.is_relation() => {
                let premises = layer.premises.get(i).map_or(0, Vec::len);
                let conclusions = layer.conclusions.get(i).map_or(0, Vec::len);
                if conclusions == 0 {
                    diags.push(places.node(
                        n.pos,
                        warn(format!(
                            "AIF {} node {} has no conclusion{}",
                            t.name(),
                            n.id,
                            if materialised(i) { "" } else { "; skipped" }
                        )),
                    ));
                } else if conclusions > 1 {
                    diags.push(places.node(
                        n.pos,
                        warn(format!(
                            "AIF {} node {} has {conclusions} conclusions; each one gets the relation",
                            t.name(),
                            n.id
                        )),
                    ));
                }
                if premises == 0 && conclusions > 0 {
                    diags.push(places.node(
                        n.pos,
                        warn(format!(
                            "AIF {} node {} has no premise; read as an argument without premises",
                            t.name(),
                            n.id
                        )),
                    ));
                }
                if !materialised(i) {
                    continue;
                }
                let text = n.scheme.clone().unwrap_or_else(|| n.text.clone());
                let mut node = Node::argument(n.id.clone(), text);
                let mut aif = serde_json::Map::new();
                aif.insert("type".into(), Value::from(t.name()));
                if let Some(scheme) = &n.scheme {
                    aif.insert("scheme".into(), Value::from(scheme.clone()));
                }
                node.data.insert("aif".into(), Value::Object(aif));
                node
            }
            _ => continue,
        };
        let mut node = node;
        node.origin = origins.get(i).cloned();
        if let Some(said) = dialogue.get(i).filter(|d| !d.is_empty()) {
            let mut aif = match node.data.get("aif") {
                Some(Value::Object(o)) => o.clone(),
                _ => serde_json::Map::new(),
            };
            aif.insert(DIALOGUE.into(), Value::Array(said.clone()));
            node.data.insert("aif".into(), Value::Object(aif));
        }
        // Node ids are unique in `doc`, and titles are node ids prefixed by their namespace.
        if let Ok(x) = map.add_node(node) {
            if let Some(slot) = ix.get_mut(i) {
                *slot = Some(x);
            }
        }
    }
    // Sides from speakers, then for argument nodes from their premises.
    for (i, n) in doc.nodes.iter().enumerate() {
        let Some(x) = ix.get(i).copied().flatten() else {
            continue;
        };
        let side = match speakers.get(i).cloned().flatten() {
            Some((_, name)) => Some(names.side_for(&name)),
            None if n.ty.is_relation() => {
                let mut sides = layer
                    .premises
                    .get(i)
                    .into_iter()
                    .flatten()
                    .filter_map(|&p| speakers.get(p).cloned().flatten())
                    .map(|(_, name)| name);
                let first = sides.next();
                match first {
                    Some(first) if sides.all(|s| s == first) => Some(names.side_for(&first)),
                    _ => None,
                }
            }
            None => None,
        };
        map.node_mut(x).side = side.map(Str::from);
    }
    map.sides = names.sides;
    // Relations.
    for (i, n) in doc.nodes.iter().enumerate() {
        if !n.ty.is_relation() {
            continue;
        }
        let conclusions = layer
            .conclusions
            .get(i)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let premises = layer.premises.get(i).map(Vec::as_slice).unwrap_or_default();
        let node_ix = |j: usize| ix.get(j).copied().flatten();
        let relation_to = |c: usize| -> Relation {
            let target_is_s = doc.nodes.get(c).is_some_and(|t| t.ty.is_relation());
            match (n.ty, target_is_s) {
                (Type::Ca, true) => Relation::Undercuts,
                (Type::Ca, false) => Relation::Rebuts,
                _ => Relation::Supports,
            }
        };
        match node_ix(i) {
            Some(arg) => {
                for &p in premises {
                    if let Some(p) = node_ix(p) {
                        map.relate(p, arg, edge_at(Relation::Supports, origins, i));
                    }
                }
                for &c in conclusions {
                    if let Some(target) = node_ix(c) {
                        map.relate(arg, target, edge_at(relation_to(c), origins, i));
                    }
                }
            }
            None => {
                let Some(p) = premises.first().and_then(|&p| node_ix(p)) else {
                    continue;
                };
                for &c in conclusions {
                    if let Some(target) = node_ix(c) {
                        if map.relate(p, target, edge_at(relation_to(c), origins, i)) {
                            keep_scheme(n, p, target, &mut map);
                        }
                    }
                }
            }
        }
    }
    keep_inference_dialogue(doc, &layer, &dialogue, &ix, &mut map);
    map
}

/// The key, inside a node's `aif` data, of the S-nodes that became relations from the node.
const SCHEMES: &str = "schemes";

/// The scheme node the writer makes for a relation when nothing else is known: `(type, name)`.
fn default_scheme(relation: Relation) -> (&'static str, (&'static str, &'static str)) {
    match relation {
        Relation::Supports => ("RA", INFERENCE),
        _ => ("CA", CONFLICT),
    }
}

/// Keeps the S-node `s` that became the relation `premise -> target` (an RA, CA or MA with one
/// premise that nothing aims at) on the premise: its type, text and scheme name, with `to`, the
/// id of the target, so that writing gives the same S-node back. A scheme the writer would make
/// anyway ("Default Inference" RA, "Default Conflict" CA) is not kept.
fn keep_scheme(s: &ANode, premise: NodeIndex, target: NodeIndex, map: &mut Map) {
    let relation = match s.ty {
        Type::Ca => Relation::Rebuts,
        _ => Relation::Supports,
    };
    let (ty, (name, _)) = default_scheme(relation);
    if s.ty.name() == ty && s.text == name && s.scheme.as_deref() == Some(name) {
        return;
    }
    let mut entry = serde_json::Map::new();
    entry.insert("to".into(), Value::from(&*map.node(target).id));
    entry.insert("type".into(), Value::from(s.ty.name()));
    entry.insert("text".into(), Value::from(s.text.clone()));
    if let Some(scheme) = &s.scheme {
        entry.insert("scheme".into(), Value::from(scheme.clone()));
    }
    let node = map.node_mut(premise);
    let mut aif = match node.data.get("aif") {
        Some(Value::Object(o)) => o.clone(),
        _ => serde_json::Map::new(),
    };
    let mut list = match aif.get(SCHEMES) {
        Some(Value::Array(a)) => a.clone(),
        _ => Vec::new(),
    };
    list.push(Value::Object(entry));
    aif.insert(SCHEMES.into(), Value::Array(list));
    node.data.insert("aif".into(), Value::Object(aif));
}

/// The dialogue anchored at an S-node that became a relation, not a node (an RA with one
/// premise, say, that a TA anchors): kept on its premise with `inference_to`, the id of the
/// conclusion, so that writing anchors it at the S-node written for that relation.
fn keep_inference_dialogue(
    doc: &Doc,
    layer: &Layer,
    dialogue: &[Vec<Value>],
    ix: &[Option<NodeIndex>],
    map: &mut Map,
) {
    for (t, said) in dialogue.iter().enumerate() {
        let relation = doc.nodes.get(t).is_some_and(|n| n.ty.is_relation());
        if said.is_empty() || !relation || ix.get(t).copied().flatten().is_some() {
            continue;
        }
        let Some(p) = layer
            .premises
            .get(t)
            .and_then(|p| p.first())
            .and_then(|&p| ix.get(p).copied().flatten())
        else {
            continue;
        };
        for &c in layer.conclusions.get(t).into_iter().flatten() {
            let Some(cx) = ix.get(c).copied().flatten() else {
                continue;
            };
            let to = map.node(cx).id.clone();
            let node = map.node_mut(p);
            let mut aif = match node.data.get("aif") {
                Some(Value::Object(o)) => o.clone(),
                _ => serde_json::Map::new(),
            };
            let mut list = match aif.get(DIALOGUE) {
                Some(Value::Array(a)) => a.clone(),
                _ => Vec::new(),
            };
            for entry in said {
                let mut entry = entry.clone();
                if let Value::Object(o) = &mut entry {
                    o.insert("inference_to".into(), Value::from(to.clone()));
                }
                list.push(entry);
            }
            aif.insert(DIALOGUE.into(), Value::Array(list));
            node.data.insert("aif".into(), Value::Object(aif));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The extra object

#[derive(Serialize, Deserialize)]
struct Sidecar {
    version: u64,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    sides: Vec<SidecarSide>,
    #[serde(default)]
    sources: Vec<Source>,
    #[serde(default)]
    sections: Vec<Section>,
    #[serde(default)]
    nodes: Vec<SidecarNode>,
    #[serde(default)]
    relations: Vec<SidecarRelation>,
}

#[derive(Serialize, Deserialize)]
struct SidecarSide {
    id: String,
    label: String,
    #[serde(default)]
    color: Option<String>,
    /// The `participantID` this side was written as.
    #[serde(default)]
    participant: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct SidecarNode {
    /// The I-node's `nodeID`.
    aif: String,
    id: String,
    element: Element,
    title: String,
    /// Only when it differs from the I-node's text (an empty text is written as the title).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    citations: Vec<Citation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    section: Option<String>,
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    data: serde_json::Map<String, Value>,
}

#[derive(Serialize, Deserialize)]
struct SidecarRelation {
    /// The S-node's `nodeID`.
    aif: String,
    /// Which relation of the map (0-based, in order) this S-node writes; an undercut may take
    /// several CA nodes.
    edge: usize,
    relation: Relation,
    /// `nodeID`s of the two ends (I-nodes, or S-nodes for arguments that stand for a scheme).
    from: String,
    to: String,
    /// Whether this S-node points from `to` to `from`: the second conflict of a contradiction.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    reversed: bool,
}

fn read_sidecar(doc: &Doc, value: &Value, origins: &[Origin]) -> Result<Map, String> {
    let sidecar = Sidecar::deserialize(value).map_err(|e| format!("unreadable: {e}"))?;
    if sidecar.version != SIDECAR_VERSION {
        return Err(format!(
            "version {} is not {SIDECAR_VERSION}",
            sidecar.version
        ));
    }
    // The JSON reader's rule for headings (found by fuzzing: a level-0 section read here made
    // a map whose JSON export did not read back).
    if let Some(s) = sidecar
        .sections
        .iter()
        .find(|s| !(1..=6).contains(&s.level))
    {
        return Err(format!(
            "section {:?} has level {}; headings have levels 1 to 6",
            s.id, s.level
        ));
    }
    let layer = layer(doc);
    let speakers = doc.speakers();
    let mut map = Map::new();
    map.title = sidecar.title;
    map.sources = sidecar.sources;
    map.sections = sidecar.sections;
    map.sides = sidecar
        .sides
        .iter()
        .map(|s| Side {
            id: s.id.clone(),
            label: s.label.clone(),
            color: s.color.clone(),
        })
        .collect();
    let side_of = |speaker: &(Option<String>, String)| -> Option<String> {
        let (pid, name) = speaker;
        sidecar
            .sides
            .iter()
            .find(|s| pid.is_some() && s.participant == *pid)
            .or_else(|| sidecar.sides.iter().find(|s| s.label == *name))
            .map(|s| s.id.clone())
    };
    let mut ix: HashMap<usize, NodeIndex> = HashMap::new();
    for n in sidecar.nodes {
        let Some(&i) = doc.index.get(&n.aif) else {
            return Err(format!("node {} is not in \"nodes\"", n.aif));
        };
        let Some(a) = doc
            .nodes
            .get(i)
            .filter(|a| a.ty == Type::I || a.ty.is_relation())
        else {
            return Err(format!("node {} is not an I-node or a scheme", n.aif));
        };
        let side = speakers.get(i).cloned().flatten().and_then(|s| side_of(&s));
        let node = Node {
            id: n.id.into(),
            element: n.element,
            title: n.title.into(),
            text: Str::from(n.text.unwrap_or_else(|| a.text.clone())),
            side: side.map(Str::from),
            tags: n.tags.into(),
            citations: n.citations.into(),
            section: n.section.map(Str::from),
            data: n.data.into(),
            origin: origins.get(i).cloned(),
        };
        let x = map.add_node(node).map_err(|e| e.to_string())?;
        if ix.insert(i, x).is_some() {
            return Err(format!("node {} is described twice", n.aif));
        }
    }
    if let Some(n) = doc
        .nodes
        .iter()
        .enumerate()
        .find(|(i, n)| n.ty == Type::I && !ix.contains_key(i))
    {
        return Err(format!("I-node {} is not described", n.1.id));
    }
    let mut edges: HashMap<usize, (Relation, NodeIndex, NodeIndex)> = HashMap::new();
    let mut described: HashSet<usize> = ix.keys().copied().collect();
    // The S-node that writes each relation (the first, for an undercut written by several).
    let mut written_by: HashMap<usize, usize> = HashMap::new();
    for r in &sidecar.relations {
        let Some(&s) = doc.index.get(&r.aif) else {
            return Err(format!("node {} is not in \"nodes\"", r.aif));
        };
        let end = |id: &str| -> Result<(usize, NodeIndex), String> {
            let i = *doc
                .index
                .get(id)
                .ok_or_else(|| format!("node {id} is not in \"nodes\""))?;
            let x = *ix
                .get(&i)
                .ok_or_else(|| format!("node {id} is not a node of the map"))?;
            Ok((i, x))
        };
        let (from_i, from) = end(&r.from)?;
        let (to_i, to) = end(&r.to)?;
        let premises = layer.premises.get(s).map(Vec::as_slice).unwrap_or_default();
        let conclusions = layer
            .conclusions
            .get(s)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let (head, tail) = if r.reversed {
            (to_i, from_i)
        } else {
            (from_i, to_i)
        };
        let joins = if s == to_i && s != from_i {
            // A premise of the scheme node `to`.
            r.relation == Relation::Supports && premises.contains(&from_i)
        } else if s == from_i {
            // What the scheme node `from` concludes or aims at.
            conclusions.contains(&to_i)
        } else {
            let aimed = match r.relation {
                Relation::Undercuts => !conclusions.is_empty(),
                _ => conclusions == [tail],
            };
            premises == [head] && aimed
        };
        if !joins {
            return Err(format!(
                "node {} no longer joins {} to {}",
                r.aif, r.from, r.to
            ));
        }
        described.insert(s);
        match edges.get(&r.edge) {
            Some(e) if *e != (r.relation, from, to) => {
                return Err(format!("relation {} is described two ways", r.edge));
            }
            Some(_) => {}
            None => {
                edges.insert(r.edge, (r.relation, from, to));
                written_by.insert(r.edge, s);
            }
        }
    }
    if let Some(n) = doc
        .nodes
        .iter()
        .enumerate()
        .find(|(i, n)| n.ty.is_relation() && !described.contains(i))
    {
        return Err(format!("node {} is not described", n.1.id));
    }
    let mut edges: Vec<(usize, (Relation, NodeIndex, NodeIndex))> = edges.into_iter().collect();
    edges.sort_by_key(|e| e.0);
    for (k, (relation, from, to)) in edges {
        let s = written_by.get(&k).copied().unwrap_or(usize::MAX);
        map.add_edge(from, to, edge_at(relation, origins, s));
    }
    Ok(map)
}

// ---------------------------------------------------------------------------------------------
// Writing

const INFERENCE: (&str, &str) = ("Default Inference", "72");
const CONFLICT: (&str, &str) = ("Default Conflict", "71");
const ASSERTING: (&str, &str) = ("Asserting", "74");

/// An AIF node as written.
#[derive(Serialize)]
struct OutNode {
    #[serde(rename = "nodeID")]
    node_id: String,
    text: String,
    #[serde(rename = "type")]
    ty: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    scheme: Option<String>,
    #[serde(rename = "schemeID", skip_serializing_if = "Option::is_none")]
    scheme_id: Option<&'static str>,
}

impl OutNode {
    fn scheme(
        node_id: String,
        ty: &'static str,
        (scheme, id): (&'static str, &'static str),
    ) -> Self {
        OutNode {
            node_id,
            text: scheme.to_string(),
            ty,
            scheme: Some(scheme.to_string()),
            scheme_id: Some(id),
        }
    }
}

#[derive(Serialize)]
struct OutEdge {
    #[serde(rename = "edgeID")]
    edge_id: String,
    #[serde(rename = "fromID")]
    from_id: String,
    #[serde(rename = "toID")]
    to_id: String,
    #[serde(rename = "formEdgeID")]
    form_edge_id: Option<String>,
}

#[derive(Serialize)]
struct OutLocution {
    #[serde(rename = "nodeID")]
    node_id: String,
    #[serde(rename = "personID")]
    person_id: String,
}

#[derive(Serialize)]
struct OutParticipant {
    #[serde(rename = "participantID")]
    participant_id: String,
    firstname: String,
    surname: &'static str,
}

#[derive(Serialize)]
struct OutDoc {
    nodes: Vec<OutNode>,
    edges: Vec<OutEdge>,
    locutions: Vec<OutLocution>,
    participants: Vec<OutParticipant>,
    counterpoint: Sidecar,
}

/// The map as an AIF JSON value (AIFdb layout, plus the `"counterpoint"` object).
pub fn to_value(map: &Map) -> Value {
    serde_json::to_value(document(map)).unwrap_or(Value::Null)
}

/// The map as pretty-printed AIF JSON, ending in a newline.
pub fn to_string(map: &Map) -> String {
    let mut s = serde_json::to_string_pretty(&document(map)).unwrap_or_default();
    s.push('\n');
    s
}

/// The AIF scheme a node read from AIF stands for: its type (`RA`, `CA` or `MA`) and scheme
/// name, from the `aif` data the reader gives it. Such a node is written back as that S-node.
fn scheme_of(node: &Node) -> Option<(&'static str, Option<String>)> {
    if node.element != Element::Argument {
        return None;
    }
    let aif = node.data.get("aif")?;
    let ty = match aif.get("type").and_then(Value::as_str)? {
        "RA" => "RA",
        "CA" => "CA",
        "MA" => "MA",
        _ => return None,
    };
    let scheme = aif
        .get("scheme")
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty())
        .map(str::to_string);
    Some((ty, scheme))
}

/// The S-node reading kept on `premise` for its relation to the node `to` (see
/// `keep_scheme`): type, text and scheme name. Only a type that makes `relation` counts (RA or
/// MA for `supports`, CA for an attack); the first such entry is used.
fn kept_scheme(
    premise: &Node,
    to: &str,
    relation: Relation,
) -> Option<(&'static str, String, Option<String>)> {
    let list = premise.data.get("aif")?.get(SCHEMES)?.as_array()?;
    list.iter().find_map(|entry| {
        if entry.get("to").and_then(Value::as_str) != Some(to) {
            return None;
        }
        let ty = match (entry.get("type").and_then(Value::as_str)?, relation) {
            ("RA", Relation::Supports) => "RA",
            ("MA", Relation::Supports) => "MA",
            ("CA", r) if r.is_attack() => "CA",
            _ => return None,
        };
        let scheme = entry
            .get("scheme")
            .and_then(Value::as_str)
            .filter(|s| !s.trim().is_empty())
            .map(str::to_string);
        let text = entry
            .get("text")
            .and_then(Value::as_str)
            .map(str::to_string)
            .or_else(|| scheme.clone())
            .unwrap_or_else(|| ty.to_string());
        Some((ty, text, scheme))
    })
}

fn document(map: &Map) -> OutDoc {
    let mut next = 0usize;
    let mut fresh = || {
        next += 1;
        next.to_string()
    };
    let mut nodes = Vec::new();
    let mut sidecar_nodes = Vec::new();
    let mut aif_id: HashMap<NodeIndex, String> = HashMap::new();
    // The nodes written as S-nodes (arguments that stand for an AIF scheme).
    let mut scheme_nodes: HashSet<NodeIndex> = HashSet::new();
    for (ix, n) in map.nodes() {
        let id = fresh();
        let shown = if n.text.is_empty() {
            n.title.clone()
        } else {
            n.text.clone()
        };
        match scheme_of(n) {
            Some((ty, scheme)) => {
                scheme_nodes.insert(ix);
                nodes.push(OutNode {
                    node_id: id.clone(),
                    text: shown.to_string(),
                    ty,
                    scheme,
                    scheme_id: None,
                });
            }
            None => nodes.push(OutNode {
                node_id: id.clone(),
                text: shown.to_string(),
                ty: "I",
                scheme: None,
                scheme_id: None,
            }),
        }
        sidecar_nodes.push(SidecarNode {
            aif: id.clone(),
            id: n.id.to_string(),
            element: n.element,
            title: n.title.to_string(),
            text: (shown != n.text).then(|| n.text.clone()).map(String::from),
            tags: n.tags.to_vec(),
            citations: n.citations.to_vec(),
            section: n.section.clone().map(String::from),
            data: n.data.clone(),
        });
        aif_id.insert(ix, id);
    }
    let id_of = |ix: NodeIndex| aif_id.get(&ix).cloned().unwrap_or_default();

    let mut edges = Vec::new();
    let mut relations = Vec::new();
    // The S-node written for each relation between two nodes (the first, if several).
    let mut inference: HashMap<(NodeIndex, NodeIndex), String> = HashMap::new();
    let mut next_edge = 0usize;
    let mut link = |from: &str, to: &str, edges: &mut Vec<OutEdge>| {
        next_edge += 1;
        edges.push(OutEdge {
            edge_id: next_edge.to_string(),
            from_id: from.to_string(),
            to_id: to.to_string(),
            form_edge_id: None,
        });
    };
    for (k, (a, b, weight)) in map.edges().enumerate() {
        let relation = weight.relation;
        let (from, to) = (id_of(a), id_of(b));
        let describe = |aif: String, reversed: bool| SidecarRelation {
            aif,
            edge: k,
            relation,
            from: from.clone(),
            to: to.clone(),
            reversed,
        };
        if scheme_nodes.contains(&a) {
            // The scheme's conclusion (or the node it aims at).
            link(&from, &to, &mut edges);
            relations.push(describe(from.clone(), false));
            continue;
        }
        if scheme_nodes.contains(&b) && relation == Relation::Supports {
            // One of the scheme's premises (linked premises all go into the one S-node).
            link(&from, &to, &mut edges);
            relations.push(describe(to.clone(), false));
            continue;
        }
        // A relation of its own: premise -> S-node -> target. A conflict aimed at a scheme
        // node aims at that S-node (AIF's undercut); an undercut of an I-node aims at the
        // I-node, the node it attacks.
        // The S-node read for this relation, when reading kept it, else the default one.
        let s_node = |node_id: String| match kept_scheme(map.node(a), &map.node(b).id, relation) {
            Some((ty, text, scheme)) => OutNode {
                node_id,
                text,
                ty,
                scheme,
                scheme_id: None,
            },
            None => {
                let (ty, scheme) = default_scheme(relation);
                OutNode::scheme(node_id, ty, scheme)
            }
        };
        let s = fresh();
        nodes.push(s_node(s.clone()));
        link(&from, &s, &mut edges);
        link(&s, &to, &mut edges);
        inference.entry((a, b)).or_insert_with(|| s.clone());
        relations.push(describe(s, false));
        // A contradiction is a conflict both ways (each side attacks the other).
        if relation == Relation::Contradicts && !scheme_nodes.contains(&b) {
            let s = fresh();
            nodes.push(s_node(s.clone()));
            link(&to, &s, &mut edges);
            link(&s, &from, &mut edges);
            relations.push(describe(s, true));
        }
    }

    // The dialogue layer: one participant per side, one locution per node with a side.
    let mut participants = Vec::new();
    let mut sides = Vec::new();
    for (i, side) in map.sides.iter().enumerate() {
        let pid = (i + 1).to_string();
        participants.push(OutParticipant {
            participant_id: pid.clone(),
            firstname: side.label.clone(),
            surname: "",
        });
        sides.push(SidecarSide {
            id: side.id.clone(),
            label: side.label.clone(),
            color: side.color.clone(),
            participant: Some(pid),
        });
    }
    let mut locutions = Vec::new();
    // The dialogue read from AIF, written back: L-nodes once per text, TA-nodes once per
    // (transition, from, to), a YA per anchor.
    let mut l_nodes: HashMap<String, String> = HashMap::new();
    let mut ta_nodes: HashMap<String, String> = HashMap::new();
    let mut anchored: HashSet<NodeIndex> = HashSet::new();
    for (ix, n) in map.nodes() {
        let said = n
            .data
            .get("aif")
            .and_then(|a| a.get(DIALOGUE))
            .and_then(Value::as_array);
        for entry in said.into_iter().flatten() {
            let text = |k: &str| entry.get(k).and_then(Value::as_str).map(str::to_string);
            let Some(illocution) = text("illocution") else {
                continue;
            };
            let mut l_node = |t: &str,
                              speaker: Option<&str>,
                              nodes: &mut Vec<OutNode>,
                              fresh: &mut dyn FnMut() -> String| {
                if let Some(id) = l_nodes.get(t) {
                    return id.clone();
                }
                let id = fresh();
                nodes.push(OutNode {
                    node_id: id.clone(),
                    text: t.to_string(),
                    ty: "L",
                    scheme: None,
                    scheme_id: None,
                });
                if let Some(pos) = speaker.and_then(|s| map.sides.iter().position(|x| x.label == s))
                {
                    locutions.push(OutLocution {
                        node_id: id.clone(),
                        person_id: (pos + 1).to_string(),
                    });
                }
                l_nodes.insert(t.to_string(), id.clone());
                id
            };
            let source = if let Some(l) = text("locution") {
                l_node(&l, text("speaker").as_deref(), &mut nodes, &mut fresh)
            } else if let Some(transition) = text("transition") {
                let list = |k: &str| -> Vec<String> {
                    entry
                        .get(k)
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_str)
                        .map(str::to_string)
                        .collect()
                };
                let (from, to) = (list("from"), list("to"));
                let key = serde_json::json!([transition, from, to]).to_string();
                match ta_nodes.get(&key) {
                    Some(id) => id.clone(),
                    None => {
                        let ta = fresh();
                        nodes.push(OutNode {
                            node_id: ta.clone(),
                            text: transition.clone(),
                            ty: "TA",
                            scheme: Some(transition.clone()),
                            scheme_id: None,
                        });
                        for l in &from {
                            let l = l_node(l, None, &mut nodes, &mut fresh);
                            link(&l, &ta, &mut edges);
                        }
                        for l in &to {
                            let l = l_node(l, None, &mut nodes, &mut fresh);
                            link(&ta, &l, &mut edges);
                        }
                        ta_nodes.insert(key, ta.clone());
                        ta
                    }
                }
            } else {
                continue;
            };
            // The node, or the S-node of its relation to `inference_to`.
            let target = match text("inference_to") {
                Some(to) => {
                    let Some(s) = map.find(&to).and_then(|b| inference.get(&(ix, b))) else {
                        continue;
                    };
                    s.clone()
                }
                None => {
                    if entry.get("locution").is_some() {
                        anchored.insert(ix);
                    }
                    id_of(ix)
                }
            };
            let ya = fresh();
            nodes.push(OutNode {
                node_id: ya.clone(),
                text: illocution.clone(),
                ty: "YA",
                scheme: Some(illocution),
                scheme_id: None,
            });
            link(&source, &ya, &mut edges);
            link(&ya, &target, &mut edges);
        }
    }
    for (ix, n) in map.nodes() {
        if anchored.contains(&ix) {
            continue;
        }
        let Some(side) = n.side.as_deref() else {
            continue;
        };
        let Some(pos) = map.sides.iter().position(|s| s.id == side) else {
            continue;
        };
        // The speaker's name: the side's label, or its id when the label is blank.
        let label = map
            .sides
            .get(pos)
            .map(|s| s.label.as_str())
            .filter(|l| !l.trim().is_empty())
            .unwrap_or(side);
        let shown = if n.text.is_empty() { &n.title } else { &n.text };
        let l = fresh();
        let ya = fresh();
        nodes.push(OutNode {
            node_id: l.clone(),
            text: format!("{label} : {shown}"),
            ty: "L",
            scheme: None,
            scheme_id: None,
        });
        nodes.push(OutNode::scheme(ya.clone(), "YA", ASSERTING));
        link(&l, &ya, &mut edges);
        link(&ya, &id_of(ix), &mut edges);
        locutions.push(OutLocution {
            node_id: l,
            person_id: (pos + 1).to_string(),
        });
    }

    let sidecar = Sidecar {
        version: SIDECAR_VERSION,
        title: map.title.clone(),
        sides,
        sources: map.sources.clone(),
        sections: map.sections.clone(),
        nodes: sidecar_nodes,
        relations,
    };
    OutDoc {
        nodes,
        edges,
        locutions,
        participants,
        counterpoint: sidecar,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_ok(text: &str) -> (Map, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let map = read("t.json", text, &mut diags).expect("readable");
        (map, diags)
    }

    #[test]
    fn element_offsets_find_nodes_and_edges() {
        let text = "{\"x\": [1, 2],\n \"nodes\": [ {\"a\": \"[}\\\"\"},\n  {\"b\": 1}],\n \"edges\": [{}]}";
        let (nodes, edges) = element_offsets(text, false);
        assert_eq!(nodes.len(), 2);
        assert_eq!(text.get(nodes[1]..nodes[1] + 4), Some("{\"b\""));
        assert_eq!(edges.len(), 1);
        let wrapped = format!("{{\"AIF\": {text}, \"OVA\": {{\"nodes\": [1]}}}}");
        let (nodes, edges) = element_offsets(&wrapped, true);
        assert_eq!((nodes.len(), edges.len()), (2, 1));
    }

    #[test]
    fn linked_premises_become_an_argument_node() {
        let text = r#"{"nodes": [
            {"nodeID": 1, "type": "I", "text": "a"},
            {"nodeID": 2, "type": "I", "text": "b"},
            {"nodeID": 3, "type": "I", "text": "c"},
            {"nodeID": 4, "type": "RA", "text": "RA", "scheme": "Analogy"}],
          "edges": [
            {"fromID": 1, "toID": 4}, {"fromID": 2, "toID": 4}, {"fromID": 4, "toID": 3}]}"#;
        let (map, diags) = read_ok(text);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(map.node_count(), 4);
        let arg = map.find("<4>").expect("argument node");
        assert_eq!(map.node(arg).text, "Analogy");
        assert_eq!(
            map.outgoing(arg).collect::<Vec<_>>(),
            vec![(map.find("[3]").unwrap(), Relation::Supports)]
        );
        assert_eq!(map.incoming(arg).count(), 2);
    }

    #[test]
    fn slug_makes_side_ids() {
        assert_eq!(slug("VC Brown"), "vc-brown");
        assert_eq!(slug("  "), "speaker");
        assert_eq!(slug("Zoë-Ann!"), "zoë-ann");
    }
}
