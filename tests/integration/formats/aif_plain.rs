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
        // Every scheme node comes back with its type and name: the original file's and the
        // first plain pass's are the same multiset, and so are the second pass's.
        let original = std::fs::read_to_string(&file).expect("read");
        let first = schemes(&aif::to_string(&map1));
        assert_eq!(first, schemes(&original), "{name}");
        assert_eq!(schemes(&aif::to_string(&map2)), first, "{name}");
        assert_fixed_point(&name, &map1);
    }
}

/// The S-nodes (RA, CA, MA) of an AIF text as `type name` (the `scheme`, else the `text`),
/// counted.
fn schemes(text: &str) -> std::collections::BTreeMap<String, usize> {
    let value: Value = serde_json::from_str(text).expect("JSON");
    let aif = value.get("AIF").unwrap_or(&value);
    let mut counts = std::collections::BTreeMap::new();
    for n in aif["nodes"].as_array().expect("nodes") {
        let ty = n["type"].as_str().expect("type");
        if !matches!(ty, "RA" | "CA" | "MA") {
            continue;
        }
        let name = n
            .get("scheme")
            .and_then(Value::as_str)
            .filter(|s| !s.trim().is_empty())
            .or_else(|| n.get("text").and_then(Value::as_str))
            .unwrap_or("");
        *counts.entry(format!("{ty} {name}")).or_insert(0) += 1;
    }
    counts
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

/// A scheme with one premise that nothing aims at is read as a plain relation; its type, text
/// and scheme name come back when it is written, through plain AIF and through the extra
/// object alike.
#[test]
fn one_premise_schemes_keep_their_type_and_name() {
    let text = r#"{"nodes": [
        {"nodeID": "a", "type": "I", "text": "A"},
        {"nodeID": "b", "type": "I", "text": "B"},
        {"nodeID": "ra", "type": "RA", "text": "Expert", "scheme": "Argument From Expert Opinion"},
        {"nodeID": "c", "type": "I", "text": "C"},
        {"nodeID": "ca", "type": "CA", "text": "Conflict From Bias", "scheme": "Conflict From Bias"},
        {"nodeID": "d", "type": "I", "text": "D"},
        {"nodeID": "ma", "type": "MA", "text": "Default Rephrase"},
        {"nodeID": "e", "type": "I", "text": "E"},
        {"nodeID": "ra2", "type": "RA", "text": "RA"},
        {"nodeID": "f", "type": "I", "text": "F"},
        {"nodeID": "ra3", "type": "RA", "text": "Default Inference", "scheme": "Default Inference"},
        {"nodeID": "g", "type": "I", "text": "G"},
        {"nodeID": "ra4", "type": "RA", "text": "RA", "scheme": "Argument From Analogy"},
        {"nodeID": "h", "type": "I", "text": "H"},
        {"nodeID": "ca2", "type": "CA", "text": "CA"}],
      "edges": [
        {"fromID": "a", "toID": "ra"}, {"fromID": "ra", "toID": "b"},
        {"fromID": "c", "toID": "ca"}, {"fromID": "ca", "toID": "a"},
        {"fromID": "d", "toID": "ma"}, {"fromID": "ma", "toID": "a"},
        {"fromID": "e", "toID": "ra2"}, {"fromID": "ra2", "toID": "b"},
        {"fromID": "f", "toID": "ra3"}, {"fromID": "ra3", "toID": "b"},
        {"fromID": "g", "toID": "ra4"}, {"fromID": "ra4", "toID": "b"},
        {"fromID": "h", "toID": "ca2"}, {"fromID": "ca2", "toID": "ra4"}]}"#;
    let map = read(text);
    // Only the RA that a conflict aims at is an argument node; the others are relations.
    let arguments: Vec<_> = map
        .nodes()
        .filter(|(_, n)| n.element == Element::Argument)
        .map(|(_, n)| n.id.to_string())
        .collect();
    assert_eq!(arguments, ["<ra4>"]);
    assert_eq!(map.edges().count(), 8);
    let expected = [
        "1 I A",
        "2 I B",
        "3 I C",
        "4 I D",
        "5 I E",
        "6 I F",
        "7 I G",
        "8 RA Argument From Analogy [Argument From Analogy]",
        "9 I H",
        "10 RA Expert [Argument From Expert Opinion]",
        "11 CA Conflict From Bias [Conflict From Bias]",
        "12 MA Default Rephrase",
        "13 RA RA",
        "14 RA Default Inference [Default Inference]",
        "15 CA CA",
    ];
    let (nodes, edges) = written(&map);
    let mut sorted = nodes.clone();
    sorted.sort_by_key(|n| {
        n.split(' ')
            .next()
            .and_then(|id| id.parse::<u32>().ok())
            .unwrap_or(0)
    });
    assert_eq!(sorted, expected);
    let mut edges_sorted = edges.clone();
    edges_sorted.sort();
    let mut expected_edges = vec![
        "1>10", "10>2", // A supports B as an argument from expert opinion
        "3>11", "11>1", // C conflicts with A from bias
        "4>12", "12>1", // D rephrases A
        "5>13", "13>2", "6>14", "14>2", "7>8", "8>2", // H conflicts with the analogy
        "9>15", "15>8",
    ];
    expected_edges.sort();
    assert_eq!(edges_sorted, expected_edges);
    // Plain AIF read back gives the same S-nodes, and is a fixed point from the first pass.
    let again = plain(&map);
    let (nodes2, _) = written(&again);
    let mut sorted2 = nodes2.clone();
    sorted2.sort_by_key(|n| {
        n.split(' ')
            .next()
            .and_then(|id| id.parse::<u32>().ok())
            .unwrap_or(0)
    });
    let names = |list: &[String]| -> Vec<String> {
        let mut v: Vec<String> = list
            .iter()
            .map(|n| n.split_once(' ').map_or("", |(_, rest)| rest).to_string())
            .collect();
        v.sort();
        v
    };
    assert_eq!(names(&sorted2), names(&sorted));
    assert_eq!(written(&plain(&again)), written(&again));
    // With the extra object the map, and so the S-nodes, read back exactly.
    let back = read(&aif::to_string(&map));
    assert_eq!(json::to_string(&back), json::to_string(&map));
    assert_eq!(written(&back).0, nodes);
}
