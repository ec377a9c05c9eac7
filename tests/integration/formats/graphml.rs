//! GraphML: parsed as XML with quick-xml, with the expected keys, counts and values; a snapshot.

use std::collections::HashMap;

use counterpoint::Map;
use quick_xml::events::Event;
use quick_xml::Reader;

use super::{export, hostile, load_ok, path};

#[derive(Debug, Default)]
struct Graph {
    /// key id -> (for, attr.name).
    keys: HashMap<String, (String, String)>,
    graph_data: HashMap<String, String>,
    /// (id, data), in order.
    nodes: Vec<(String, HashMap<String, String>)>,
    /// (source, target, data), in order.
    edges: Vec<(String, String, HashMap<String, String>)>,
}

fn attr(e: &quick_xml::events::BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .map(|a| a.expect("well-formed attribute"))
        .find(|a| a.key.as_ref() == name.as_bytes())
        .map(|a| {
            a.normalized_value(quick_xml::XmlVersion::Explicit1_0)
                .expect("escaped value")
                .into_owned()
        })
}

/// Parses the document, failing on anything that is not well-formed XML.
fn parse(text: &str) -> Graph {
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut g = Graph::default();
    let mut stack: Vec<String> = Vec::new();
    let mut data_key: Option<String> = None;
    let mut data_text = String::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => {
                let name = String::from_utf8(e.name().as_ref().to_vec()).expect("UTF-8");
                match name.as_str() {
                    "node" => g.nodes.push((attr(&e, "id").expect("id"), HashMap::new())),
                    "edge" => g.edges.push((
                        attr(&e, "source").expect("source"),
                        attr(&e, "target").expect("target"),
                        HashMap::new(),
                    )),
                    "data" => {
                        data_key = Some(attr(&e, "key").expect("key"));
                        data_text.clear();
                    }
                    _ => {}
                }
                stack.push(name);
            }
            Event::Empty(e) if e.name().as_ref() == b"key" => {
                let id = attr(&e, "id").expect("key id");
                let f = attr(&e, "for").expect("for");
                let n = attr(&e, "attr.name").expect("attr.name");
                assert_eq!(attr(&e, "attr.type").as_deref(), Some("string"));
                assert!(g.keys.insert(id, (f, n)).is_none(), "key ids are unique");
            }
            Event::Text(t) if data_key.is_some() => {
                data_text.push_str(&t.decode().expect("UTF-8"));
            }
            Event::GeneralRef(r) if data_key.is_some() => {
                data_text.push(crate::common::xml_char(&r));
            }
            Event::End(e) => {
                let name = stack.pop().expect("open element");
                assert_eq!(name.as_bytes(), e.name().as_ref());
                if name == "data" {
                    let key = data_key.take().expect("data key");
                    let value = std::mem::take(&mut data_text);
                    let parent = stack.last().map(String::as_str);
                    let target = match parent {
                        Some("node") => &mut g.nodes.last_mut().expect("node").1,
                        Some("edge") => &mut g.edges.last_mut().expect("edge").2,
                        Some("graph") => &mut g.graph_data,
                        other => panic!("data inside {other:?}"),
                    };
                    assert!(target.insert(key, value).is_none());
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(stack.is_empty());
    g
}

fn assert_matches_map(g: &Graph, map: &Map) {
    for (id, target, name) in [
        ("kind", "node", "kind"),
        ("side", "node", "side"),
        ("text", "node", "text"),
        ("title", "node", "title"),
        ("relation", "edge", "relation"),
    ] {
        assert_eq!(
            g.keys.get(id),
            Some(&(target.to_string(), name.to_string())),
            "key {id}"
        );
    }
    assert_eq!(g.graph_data.get("map_title"), map.title.as_ref());
    assert_eq!(g.nodes.len(), map.node_count());
    assert_eq!(g.edges.len(), map.edge_count());
    let mut xml_id: HashMap<String, String> = HashMap::new();
    for ((id, data), (ix, n)) in g.nodes.iter().zip(map.nodes()) {
        for key in data.keys() {
            assert_eq!(g.keys[key].0, "node", "{key} is a node key");
        }
        assert_eq!(data["id"], n.id);
        assert_eq!(data["title"], n.title);
        assert_eq!(data["text"], n.text);
        assert_eq!(data["kind"], map.kind(ix).as_str());
        assert_eq!(
            data.get("side"),
            n.side.as_ref().map(|s| s.to_string()).as_ref()
        );
        xml_id.insert(n.id.to_string(), id.clone());
    }
    for ((from, to, data), (a, b, e)) in g.edges.iter().zip(map.edges()) {
        assert_eq!(*from, xml_id[map.node(a).id.as_str()]);
        assert_eq!(*to, xml_id[map.node(b).id.as_str()]);
        assert_eq!(data["relation"], e.relation.as_str());
    }
}

#[test]
fn hostile_map_is_wellformed_xml_with_the_map_in_it() {
    let map = hostile();
    let g = parse(&counterpoint::formats::graphml::to_string(&map));
    assert_matches_map(&g, &map);
}

#[test]
fn debate_map_is_wellformed_xml_with_the_map_in_it() {
    let map = load_ok(&[&path("argdown/debate.argdown")]).map;
    let g = parse(&export(&path("argdown/debate.argdown"), "graphml"));
    assert_matches_map(&g, &map);
}

#[test]
fn graphml_snapshot() {
    super::snapshots().bind(|| insta::assert_snapshot!(export(&path("hostile.json"), "graphml")));
}
