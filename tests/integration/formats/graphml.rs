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
    /// key id -> attr.type.
    types: HashMap<String, String>,
    /// key id -> (for, yfiles.type): yEd's graphics keys.
    yfiles: HashMap<String, (String, String)>,
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
                if let Some(y) = attr(&e, "yfiles.type") {
                    assert!(g.yfiles.insert(id, (f, y)).is_none(), "key ids are unique");
                } else {
                    let n = attr(&e, "attr.name").expect("attr.name");
                    let t = attr(&e, "attr.type").expect("attr.type");
                    assert!(["string", "int", "double", "boolean"].contains(&t.as_str()));
                    g.types.insert(id.clone(), t);
                    assert!(g.keys.insert(id, (f, n)).is_none(), "key ids are unique");
                }
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
    assert_eq!(
        g.yfiles.get("node_graphics"),
        Some(&("node".to_string(), "nodegraphics".to_string()))
    );
    assert_eq!(
        g.yfiles.get("edge_graphics"),
        Some(&("edge".to_string(), "edgegraphics".to_string()))
    );
    for (key, ty) in [
        ("r", "int"),
        ("g", "int"),
        ("b", "int"),
        ("strength", "double"),
        ("answered", "boolean"),
        ("grounded", "string"),
    ] {
        assert_eq!(g.types.get(key).map(String::as_str), Some(ty), "{key}");
    }
    let labels = counterpoint::analysis::grounded::grounded(map);
    let unanswered = counterpoint::analysis::unanswered::unanswered(map);
    let strengths = counterpoint::analysis::strength::Strengths::of(map);
    for ((_, data), (ix, _)) in g.nodes.iter().zip(map.nodes()) {
        let hex = &data["color"];
        let channel = |k: usize| u8::from_str_radix(&hex[1 + 2 * k..3 + 2 * k], 16).expect("hex");
        assert_eq!(
            [&data["r"], &data["g"], &data["b"]],
            [0, 1, 2].map(|k| channel(k).to_string()).each_ref()
        );
        assert_eq!(data["grounded"], labels.label(ix).as_str());
        assert_eq!(data["answered"], (!unanswered.contains(&ix)).to_string());
        let strength: f64 = data["strength"].parse().expect("a number");
        assert!((strength - strengths.get(ix)).abs() < 1e-4);
        // yEd's label is the title.
        assert_eq!(data["node_graphics"].trim(), data["title"]);
    }
    assert_eq!(g.graph_data.get("map_title"), map.title.as_ref());
    assert_eq!(g.nodes.len(), map.node_count());
    assert_eq!(g.edges.len(), map.edge_count());
    let mut xml_id: HashMap<String, String> = HashMap::new();
    for ((id, data), (ix, n)) in g.nodes.iter().zip(map.nodes()) {
        for key in data.keys() {
            let target = g
                .keys
                .get(key)
                .or_else(|| g.yfiles.get(key))
                .expect("a declared key");
            assert_eq!(target.0, "node", "{key} is a node key");
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

/// networkx (the Python graph library) reads the GraphML with numbers and booleans typed, and
/// skips yEd's graphics.
#[test]
fn networkx_reads_typed_attributes() {
    if !crate::common::have_program("python3") {
        return;
    }
    let probe = std::process::Command::new("python3")
        .args(["-c", "import networkx"])
        .output()
        .expect("python3 runs");
    if !probe.status.success() {
        crate::common::skip("the Python package networkx is not installed (pip install networkx)");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("debate.graphml");
    std::fs::write(
        &file,
        export(&crate::common::root().join("arguments"), "graphml"),
    )
    .expect("write");
    let script = "import sys, networkx as nx\n\
        g = nx.read_graphml(sys.argv[1])\n\
        n = g.nodes['n1']\n\
        print(g.number_of_nodes(), g.number_of_edges())\n\
        print(type(n['r']).__name__, type(n['strength']).__name__, type(n['answered']).__name__, n['grounded'])\n\
        print(sum(1 for _, d in g.nodes(data=True) if d['grounded'] == 'in'), sum(1 for _, d in g.nodes(data=True) if d['answered']))\n";
    let out = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(&file)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let map = load_ok(&[&crate::common::root().join("arguments")]).map;
    let labels = counterpoint::analysis::grounded::grounded(&map);
    let stands = map
        .nodes()
        .filter(|(ix, _)| labels.label(*ix) == counterpoint::graph::Label::In)
        .count();
    let answered = map.node_count() - counterpoint::analysis::unanswered::unanswered(&map).len();
    let first = map
        .nodes()
        .next()
        .map(|(ix, _)| labels.label(ix))
        .expect("a node");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!(
            "{} {}\nint float bool {first}\n{stands} {answered}\n",
            map.node_count(),
            map.edge_count()
        )
    );
}
