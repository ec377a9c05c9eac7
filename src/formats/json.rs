//! counterpoint's own JSON exchange format, version 1: read and written.
//!
//! The schema is `counterpoint.schema.json` beside this file; README.md describes each field.
//! A node's `kind` is written for consumers but derived again from the edges on reading.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Citation, Edge, Element, Kind, Map, Node, Relation, Section, Side, Source};

/// The value of the top-level `format` field.
pub const FORMAT: &str = "counterpoint";
/// The version this library writes and reads.
pub const VERSION: u64 = 1;
/// The JSON Schema of the format.
pub const SCHEMA: &str = include_str!("counterpoint.schema.json");

#[derive(Serialize, Deserialize)]
struct Document {
    format: String,
    version: u64,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    sides: Vec<Side>,
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
pub fn node_value(map: &Map, ix: petgraph::stable_graph::NodeIndex) -> Value {
    serde_json::to_value(node_out(map, ix)).unwrap_or(Value::Null)
}

fn node_out(map: &Map, ix: petgraph::stable_graph::NodeIndex) -> NodeOut {
    let n = map.node(ix);
    NodeOut {
        id: n.id.clone(),
        element: n.element,
        kind: Some(map.kind(ix)),
        title: n.title.clone(),
        text: n.text.clone(),
        side: n.side.clone(),
        tags: n.tags.clone(),
        citations: n.citations.clone(),
        section: n.section.clone(),
        data: n.data.clone(),
    }
}

/// The map as a JSON value in format version 1.
pub fn to_value(map: &Map) -> Value {
    serde_json::to_value(document(map)).unwrap_or(Value::Null)
}

/// The map as a document in format version 1.
fn document(map: &Map) -> Document {
    Document {
        format: FORMAT.into(),
        version: VERSION,
        title: map.title.clone(),
        sides: map.sides.clone(),
        sources: map.sources.clone(),
        sections: map.sections.clone(),
        nodes: map.nodes().map(|(ix, _)| node_out(map, ix)).collect(),
        edges: map
            .edges()
            .map(|(a, b, e)| EdgeOut {
                from: map.node(a).id.clone(),
                to: map.node(b).id.clone(),
                relation: e.relation,
            })
            .collect(),
    }
}

/// The map as pretty-printed JSON text, ending in a newline: the document written directly
/// (through a `Value` tree it took about four times the memory).
pub fn to_string(map: &Map) -> String {
    let mut s = serde_json::to_string_pretty(&document(map)).unwrap_or_default();
    s.push('\n');
    s
}

/// Whether `text` looks like a counterpoint JSON document (top-level `"format": "counterpoint"`).
pub fn detect(value: &Value) -> bool {
    value.get("format").and_then(Value::as_str) == Some(FORMAT)
}

/// Reads a counterpoint JSON document. Problems are reported as diagnostics with `file`; a
/// document that cannot be read at all gives `None`.
pub fn read(file: &str, text: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<Map> {
    let doc: Document = match serde_json::from_str(text) {
        Ok(doc) => doc,
        Err(e) => {
            diagnostics.push(
                Diagnostic::new(Code::BadInput, format!("not a counterpoint JSON map: {e}"))
                    .at(file, text, e.line(), e.column())
                    .with_help("the format is described in README.md and counterpoint.schema.json"),
            );
            return None;
        }
    };
    let place = |d: Diagnostic| d.at(file, text, 1, 1);
    if doc.format != FORMAT {
        diagnostics.push(place(Diagnostic::new(
            Code::BadInput,
            format!("\"format\" is {:?}, expected \"{FORMAT}\"", doc.format),
        )));
        return None;
    }
    if doc.version != VERSION {
        diagnostics.push(place(
            Diagnostic::new(
                Code::BadInput,
                format!("unsupported version {}", doc.version),
            )
            .with_help(format!("this build reads version {VERSION}")),
        ));
        return None;
    }
    let mut map = Map::new();
    map.title = doc.title;
    map.sides = doc.sides;
    map.sources = doc.sources;
    map.sections = doc.sections;
    for n in doc.nodes {
        let node = Node {
            id: n.id,
            element: n.element,
            title: n.title,
            text: n.text,
            side: n.side,
            tags: n.tags,
            citations: n.citations,
            section: n.section,
            data: n.data,
            origin: None,
        };
        if let Err(dup) = map.add_node(node) {
            diagnostics.push(place(Diagnostic::new(Code::BadInput, dup.to_string())));
        }
    }
    for e in doc.edges {
        match (map.find(&e.from), map.find(&e.to)) {
            (Some(a), Some(b)) => {
                map.add_edge(a, b, Edge::new(e.relation));
            }
            (a, _) => {
                let missing = if a.is_none() { e.from } else { e.to };
                diagnostics.push(place(Diagnostic::new(
                    Code::BadInput,
                    format!("an edge names node {missing:?}, which is not in \"nodes\""),
                )));
            }
        }
    }
    Some(map)
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
    fn dangling_edge_is_reported() {
        let text = r#"{"format":"counterpoint","version":1,"nodes":[],"edges":[{"from":"[a]","to":"[b]","relation":"supports"}]}"#;
        let mut diags = Vec::new();
        read("x.json", text, &mut diags);
        assert_eq!(
            diags[0].headline(),
            "x.json:1:1: error[E013]: an edge names node \"[a]\", which is not in \"nodes\""
        );
    }
}
