//! AIF without counterpoint's extra object, as AIFdb, OVA and arguebuf keep it: schemes stay
//! scheme nodes, linked premises go into one RA, conflicts on schemes aim at the scheme node,
//! and read → write → read is a fixed point after the first pass.

use counterpoint::analysis::grounded::grounded;
use counterpoint::formats::{aif, json};
use counterpoint::graph::Label;
use counterpoint::{Element, Map, Relation};
use serde_json::Value;

use super::load_ok;
use crate::common::{root, shared};

/// `map` written as AIF, the `counterpoint` object removed, read back.
fn plain(map: &Map) -> Map {
    let mut value: Value = serde_json::from_str(&aif::to_string(map)).expect("JSON");
    value
        .as_object_mut()
        .expect("object")
        .remove(aif::SIDECAR_KEY);
    read(&value.to_string())
}

fn read(text: &str) -> Map {
    let mut diagnostics = Vec::new();
    let map = aif::read("plain.json", text, &mut diagnostics).expect("readable AIF");
    assert!(
        diagnostics.iter().all(|d| !d.is_error()),
        "{}",
        counterpoint::diagnostic::render_all(&diagnostics)
    );
    map
}

/// What must survive plain AIF: statements, arguments, relations by kind, grounded verdicts in
/// map order.
fn shape(map: &Map) -> (usize, usize, [usize; 4], Vec<Label>) {
    let count = |e: Element| map.nodes().filter(|(_, n)| n.element == e).count();
    let mut relations = [0; 4];
    for (_, _, e) in map.edges() {
        let k = match e.relation {
            Relation::Supports => 0,
            Relation::Rebuts => 1,
            Relation::Undercuts => 2,
            Relation::Contradicts => 3,
        };
        relations[k] += 1;
    }
    let labels = grounded(map);
    let verdicts = map.nodes().map(|(ix, _)| labels.label(ix)).collect();
    (
        count(Element::Statement),
        count(Element::Argument),
        relations,
        verdicts,
    )
}

/// The first pass may turn counterpoint-only distinctions into AIF's (statement or argument,
/// undercut of an I-node as a conflict, a contradiction as two conflicts); after it the map is
/// a fixed point, exactly.
fn assert_fixed_point(name: &str, map1: &Map) {
    let map2 = plain(map1);
    let map3 = plain(&map2);
    assert_eq!(
        json::to_string(&map3),
        json::to_string(&map2),
        "{name}: the second pass through plain AIF changed the map"
    );
    let map4 = plain(&map3);
    assert_eq!(json::to_string(&map4), json::to_string(&map3), "{name}");
}

#[test]
fn every_corpus_file_is_a_fixed_point_through_plain_aif() {
    let Some(dir) = shared("corpora/aif") else {
        return;
    };
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 7);
    for file in files {
        let name = file.display().to_string();
        let map1 = load_ok(&[&file]).map;
        // AIF read from AIF loses nothing on the first pass either: counts, relation kinds and
        // verdicts are the same.
        let map2 = plain(&map1);
        assert_eq!(shape(&map2), shape(&map1), "{name}");
        assert_fixed_point(&name, &map1);
    }
}

#[test]
fn the_debate_keeps_its_nodes_and_verdicts_through_plain_aif() {
    let map1 = load_ok(&[&root().join("arguments")]).map;
    let map2 = plain(&map1);
    let (s1, a1, r1, v1) = shape(&map1);
    let (s2, a2, r2, v2) = shape(&map2);
    assert!(map1.node_count() > 200, "the whole debate");
    assert_eq!(s2 + a2, s1 + a1, "node count");
    assert_eq!(a2, 0, "a map's own arguments are I-nodes in AIF");
    assert_eq!(v2, v1, "grounded verdicts");
    // Undercuts of I-nodes come back as rebuttals, contradictions as two rebuttals.
    assert_eq!(r2[0], r1[0], "supports");
    assert_eq!(r2[1], r1[1] + r1[2] + 2 * r1[3], "rebuts");
    assert_eq!(r2[2] + r2[3], 0);
    assert_fixed_point("the debate", &map1);
}

/// Plain AIF written for `map`: each node as `id type text [scheme]`, each edge as `from>to`.
fn written(map: &Map) -> (Vec<String>, Vec<String>) {
    let value: Value = serde_json::from_str(&aif::to_string(map)).expect("JSON");
    let s = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let nodes = value["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(|n| {
            let scheme = s(n, "scheme");
            let scheme = if scheme.is_empty() {
                String::new()
            } else {
                format!(" [{scheme}]")
            };
            format!(
                "{} {} {}{scheme}",
                s(n, "nodeID"),
                s(n, "type"),
                s(n, "text")
            )
        })
        .collect();
    let edges = value["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| format!("{}>{}", s(e, "fromID"), s(e, "toID")))
        .collect();
    (nodes, edges)
}

#[test]
fn schemes_linked_premises_and_conflicts_on_schemes_are_written_as_aif() {
    let text = r#"{"nodes": [
        {"nodeID": "a", "type": "I", "text": "A"},
        {"nodeID": "b", "type": "I", "text": "B"},
        {"nodeID": "c", "type": "I", "text": "C"},
        {"nodeID": "ra", "type": "RA", "text": "Analogy", "scheme": "Argument From Analogy"},
        {"nodeID": "d", "type": "I", "text": "D"},
        {"nodeID": "ca", "type": "CA", "text": "CA"},
        {"nodeID": "e", "type": "I", "text": "E"},
        {"nodeID": "ca2", "type": "CA", "text": "Default Conflict", "scheme": "Default Conflict"},
        {"nodeID": "f", "type": "I", "text": "F"},
        {"nodeID": "ma", "type": "MA", "text": "Default Rephrase", "scheme": "Default Rephrase"},
        {"nodeID": "g", "type": "I", "text": "G"}],
      "edges": [
        {"fromID": "a", "toID": "ra"}, {"fromID": "b", "toID": "ra"}, {"fromID": "ra", "toID": "c"},
        {"fromID": "d", "toID": "ca"}, {"fromID": "ca", "toID": "ra"},
        {"fromID": "e", "toID": "ca2"}, {"fromID": "ca2", "toID": "ca"},
        {"fromID": "f", "toID": "ma"}, {"fromID": "g", "toID": "ma"}, {"fromID": "ma", "toID": "c"}]}"#;
    let map = read(text);
    let (nodes, edges) = written(&map);
    assert_eq!(
        nodes,
        [
            "1 I A",
            "2 I B",
            "3 I C",
            "4 RA Argument From Analogy [Argument From Analogy]",
            "5 I D",
            "6 CA CA",
            "7 I E",
            "8 I F",
            "9 MA Default Rephrase [Default Rephrase]",
            "10 I G",
            "11 CA Default Conflict [Default Conflict]",
        ]
    );
    assert_eq!(
        edges,
        [
            // Two premises into the one RA, which concludes C.
            "1>4", "2>4", "4>3", // The conflict on the RA aims at the RA.
            "5>6", "6>4", // A conflict on that conflict aims at the CA.
            "7>11", "11>6", // The rephrase keeps its type.
            "8>9", "10>9", "9>3",
        ]
    );
    // Read back, written again: the same nodes and edges (the relations come back in the
    // order of their S-nodes in the file), and from then on exactly the same.
    let again = plain(&map);
    let (nodes2, mut edges2) = written(&again);
    assert_eq!(nodes2, nodes);
    let mut edges = edges;
    edges.sort();
    edges2.sort();
    assert_eq!(edges2, edges);
    assert_eq!(written(&plain(&again)), written(&again));
    assert_eq!(
        again
            .nodes()
            .filter(|(_, n)| n.element == Element::Argument)
            .count(),
        3
    );
}

#[test]
fn a_contradiction_is_a_conflict_each_way_and_an_undercut_of_a_statement_aims_at_it() {
    let mut map = Map::new();
    let a = map
        .add_node(counterpoint::Node::statement("A", "a"))
        .expect("node");
    let b = map
        .add_node(counterpoint::Node::statement("B", "b"))
        .expect("node");
    let c = map
        .add_node(counterpoint::Node::argument("C", "c"))
        .expect("node");
    map.add_edge(a, b, counterpoint::Edge::new(Relation::Contradicts));
    map.add_edge(c, a, counterpoint::Edge::new(Relation::Undercuts));
    let (nodes, edges) = written(&map);
    assert_eq!(
        nodes,
        [
            "1 I a",
            "2 I b",
            "3 I c",
            "4 CA Default Conflict [Default Conflict]",
            "5 CA Default Conflict [Default Conflict]",
            "6 CA Default Conflict [Default Conflict]",
        ]
    );
    assert_eq!(edges, ["1>4", "4>2", "2>5", "5>1", "3>6", "6>1"]);
    // With the extra object the map reads back exactly.
    let back = read(&aif::to_string(&map));
    assert_eq!(json::to_string(&back), json::to_string(&map));
}

/// The type of each node of an AIF text, counted, with the extra object removed first.
fn types(text: &str) -> std::collections::BTreeMap<String, usize> {
    let value: Value = serde_json::from_str(text).expect("JSON");
    let aif = value.get("AIF").unwrap_or(&value);
    let mut counts = std::collections::BTreeMap::new();
    for n in aif["nodes"].as_array().expect("nodes") {
        *counts
            .entry(n["type"].as_str().expect("type").to_string())
            .or_insert(0) += 1;
    }
    counts
}

/// OVA's dialogue layer is written back: every YA anchor (L → YA → I-node, TA → YA → the
/// RA it argues), its locutions and transitions, and it stays so on further passes. TA nodes
/// that anchor nothing, and the locutions only they join, are not kept.
#[test]
fn the_dialogue_layer_is_written_back() {
    let Some(dir) = shared("corpora/aif") else {
        return;
    };
    let counts = |pairs: &[(&str, usize)]| -> std::collections::BTreeMap<String, usize> {
        pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
    };
    for (file, original, written) in [
        (
            "aifdb-6064-original.json",
            counts(&[("I", 9), ("L", 16), ("RA", 5), ("TA", 8), ("YA", 14)]),
            counts(&[("I", 9), ("L", 9), ("RA", 5), ("TA", 5), ("YA", 14)]),
        ),
        (
            "araucaria-nodeset27.json",
            counts(&[("CA", 1), ("I", 6), ("L", 6), ("RA", 4), ("YA", 6)]),
            counts(&[("CA", 1), ("I", 6), ("L", 6), ("RA", 4), ("YA", 6)]),
        ),
    ] {
        let text = std::fs::read_to_string(dir.join(file)).expect("read");
        assert_eq!(types(&text), original, "{file}");
        let map1 = read(&text);
        let once = aif::to_string(&map1);
        assert_eq!(types(&once), written, "{file}");
        let map2 = plain(&map1);
        assert_eq!(types(&aif::to_string(&map2)), written, "{file}");
        // The speakers, and so the sides, are the same.
        let sides = |m: &Map| -> Vec<Option<String>> {
            m.nodes()
                .map(|(_, n)| {
                    n.side
                        .as_deref()
                        .and_then(|s| m.side(s))
                        .map(|s| s.label.clone())
                })
                .collect()
        };
        assert_eq!(sides(&map2), sides(&map1), "{file}");
    }
}
