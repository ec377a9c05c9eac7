//! AIF: the real corpus files, an OVA3/xAIF file with the grammar broken on purpose, and the
//! AIF we write.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use counterpoint::formats::{aif, json};
use counterpoint::Format;
use counterpoint::{Element, Map, Relation};
use serde_json::Value;

use super::{export, hostile, load_ok, load_text, path, triples};
use crate::common::{counterpoint, read, shared};

/// What an independent count (a Python one-off over the files, applying the documented
/// mapping) found in each corpus file: I-nodes become statements; an RA/CA/MA node with other
/// than one I-node premise (or aimed at by another S-node) becomes an argument node; relations
/// per type; nodes per speaker.
struct Expected {
    file: &'static str,
    statements: usize,
    arguments: usize,
    supports: usize,
    rebuts: usize,
    undercuts: usize,
    speakers: &'static [(&'static str, usize)],
}

const CORPUS: [Expected; 7] = [
    Expected {
        file: "aifdb-6064-original.json",
        statements: 9,
        arguments: 0,
        supports: 5,
        rebuts: 0,
        undercuts: 0,
        speakers: &[("CL", 7), ("NL", 2)],
    },
    Expected {
        file: "aifdb-6064-reconstructed.json",
        statements: 9,
        arguments: 0,
        // 5 RA + 3 MA (rephrase, read as supports).
        supports: 8,
        rebuts: 0,
        undercuts: 0,
        speakers: &[],
    },
    Expected {
        file: "araucaria-nodeset10.json",
        statements: 4,
        // One RA with three linked premises.
        arguments: 1,
        supports: 4,
        rebuts: 0,
        undercuts: 0,
        speakers: &[],
    },
    Expected {
        file: "araucaria-nodeset233.json",
        statements: 5,
        arguments: 1,
        supports: 3,
        rebuts: 2,
        undercuts: 0,
        speakers: &[],
    },
    Expected {
        file: "araucaria-nodeset27.json",
        statements: 6,
        arguments: 0,
        supports: 4,
        rebuts: 1,
        undercuts: 0,
        speakers: &[("VCBrown", 4), ("Speaker", 2)],
    },
    Expected {
        file: "araucaria-nodeset664.json",
        statements: 26,
        arguments: 0,
        supports: 22,
        rebuts: 3,
        undercuts: 0,
        speakers: &[],
    },
    Expected {
        file: "araucaria-nodeset667.json",
        statements: 2,
        arguments: 0,
        supports: 1,
        rebuts: 0,
        undercuts: 0,
        speakers: &[],
    },
];

fn count(map: &Map, relation: Relation) -> usize {
    map.edges()
        .filter(|(_, _, e)| e.relation == relation)
        .count()
}

fn speakers(map: &Map) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for (_, n) in map.nodes() {
        if let Some(side) = n.side.as_deref().and_then(|s| map.side(s)) {
            *out.entry(side.label.clone()).or_insert(0) += 1;
        }
    }
    out
}

fn read_aif(name: &str, text: &str) -> Map {
    let mut diagnostics = Vec::new();
    let map = aif::read(name, text, &mut diagnostics).expect("readable AIF");
    assert!(
        diagnostics.iter().all(|d| !d.is_error()),
        "{}",
        counterpoint::diagnostic::render_all(&diagnostics)
    );
    map
}

#[test]
fn corpus_counts_equal_an_independent_count() {
    let Some(dir) = shared("corpora/aif") else {
        return;
    };
    for e in &CORPUS {
        let file = dir.join(e.file);
        let loaded = load_ok(&[&file]);
        let map = &loaded.map;
        let elements = |el: Element| map.nodes().filter(|(_, n)| n.element == el).count();
        assert_eq!(elements(Element::Statement), e.statements, "{}", e.file);
        assert_eq!(elements(Element::Argument), e.arguments, "{}", e.file);
        assert_eq!(count(map, Relation::Supports), e.supports, "{}", e.file);
        assert_eq!(count(map, Relation::Rebuts), e.rebuts, "{}", e.file);
        assert_eq!(count(map, Relation::Undercuts), e.undercuts, "{}", e.file);
        assert_eq!(count(map, Relation::Contradicts), 0, "{}", e.file);
        let expected: BTreeMap<String, usize> = e
            .speakers
            .iter()
            .map(|(s, n)| ((*s).to_string(), *n))
            .collect();
        assert_eq!(speakers(map), expected, "{}", e.file);
        // Every speaker became a side.
        assert_eq!(map.sides.len(), e.speakers.len(), "{}", e.file);
    }
}

#[test]
fn corpus_linked_premises_stay_linked() {
    let Some(dir) = shared("corpora/aif") else {
        return;
    };
    let map = load_ok(&[&dir.join("araucaria-nodeset10.json")]).map;
    let arg = map
        .find("<281>")
        .expect("the RA with three premises is an argument node");
    let mut premises: Vec<&str> = map
        .incoming(arg)
        .map(|(p, r)| {
            assert_eq!(r, Relation::Supports);
            map.node(p).title.as_str()
        })
        .collect();
    premises.sort();
    assert_eq!(premises, ["278", "279", "280"]);
    let conclusion: Vec<(String, Relation)> = map
        .outgoing(arg)
        .map(|(c, r)| (map.node(c).id.to_string(), r))
        .collect();
    assert_eq!(conclusion, [("[277]".to_string(), Relation::Supports)]);
}

#[test]
fn corpus_aif_json_aif_json_is_stable() {
    let Some(dir) = shared("corpora/aif") else {
        return;
    };
    for e in &CORPUS {
        let file = dir.join(e.file);
        let json1 = export(&file, "json");
        let map1 = load_text("once.json", &json1, Some(Format::Json)).map;
        let aif_text = aif::to_string(&map1);
        let map2 = read_aif("again.json", &aif_text);
        let json2 = json::to_string(&map2);
        assert_eq!(json1, json2, "{}", e.file);
        // And once more through AIF: a fixed point.
        assert_eq!(aif::to_string(&map2), aif_text, "{}", e.file);
    }
}

#[test]
fn ova3_file_reads_with_sides_linked_premises_undercut_and_warnings() {
    let file = path("aif/ova3.json");
    let text = read(&file);
    let mut diagnostics = Vec::new();
    let map = aif::read("ova3.json", &text, &mut diagnostics).expect("readable");
    let headlines: Vec<String> = diagnostics.iter().map(|d| d.headline()).collect();
    assert_eq!(
        headlines,
        [
            "ova3.json:24:7: warning[W005]: AIF node 21 is a preference (PA), which a counterpoint map cannot hold; skipped",
            "ova3.json:26:7: warning[W005]: AIF node without a \"nodeID\" (string or number); skipped",
            "ova3.json:27:7: warning[W005]: AIF node 23 has type \"XY\", which is not I, RA, CA, MA, PA, L, TA or YA; skipped",
            "ova3.json:53:7: warning[W005]: AIF edge 2 -> 5 joins two I-nodes, which the AIF grammar does not allow (they connect through an RA, CA or MA node); skipped",
            "ova3.json:54:7: warning[W005]: AIF edge 99 -> 2 names node 99, which is not in \"nodes\"; skipped",
            "ova3.json:25:7: warning[W005]: AIF RA node 22 has 2 conclusions; each one gets the relation",
            "ova3.json:25:7: warning[W005]: AIF RA node 22 has no premise; read as an argument without premises",
        ]
    );
    let sides: Vec<(&str, &str)> = map
        .sides
        .iter()
        .map(|s| (s.id.as_str(), s.label.as_str()))
        .collect();
    assert_eq!(sides, [("alice-smith", "Alice Smith"), ("bob", "Bob")]);
    let nodes: Vec<(&str, &str, Option<&str>)> = map
        .nodes()
        .map(|(_, n)| (n.id.as_str(), n.text.as_str(), n.side.as_deref()))
        .collect();
    assert_eq!(
        nodes,
        [
            ("[2]", "We should ban cars downtown", Some("alice-smith")),
            ("[5]", "Shops would lose customers", Some("bob")),
            ("[9]", "Air would be cleaner", Some("alice-smith")),
            ("[10]", "Streets would be safer", Some("alice-smith")),
            // Linked premises (9 and 10) and the target of an undercut: an argument node, on the
            // side its premises share.
            ("<11>", "Default Inference", Some("alice-smith")),
            ("[15]", "Traffic just moves to the ring road", Some("bob")),
            ("[19]", "Downtown should be car-free", None),
            ("<22>", "RA", None),
        ]
    );
    let expected: Vec<(String, String, String)> = [
        ("[5]", "rebuts", "[2]"),
        ("[9]", "supports", "<11>"),
        ("[10]", "supports", "<11>"),
        ("<11>", "supports", "[2]"),
        ("[15]", "undercuts", "<11>"),
        ("[19]", "supports", "[2]"),
        ("<22>", "supports", "[2]"),
        ("<22>", "supports", "[5]"),
    ]
    .iter()
    .map(|(a, r, b)| (a.to_string(), r.to_string(), b.to_string()))
    .collect::<std::collections::BTreeSet<_>>()
    .into_iter()
    .collect();
    assert_eq!(triples(&map), expected);
    let arg = map.find("<11>").expect("argument node");
    assert_eq!(
        map.node(arg).data.get("aif"),
        Some(&serde_json::json!({"type": "RA", "scheme": "Default Inference"}))
    );
}

#[test]
fn aif_is_detected_from_content_and_forced_with_from() {
    let file = path("aif/ova3.json");
    counterpoint()
        .arg("check")
        .arg(&file)
        .assert()
        .success()
        .stdout(predicates::str::contains("warning[W005]"));
    counterpoint()
        .args(["check", "--from", "aif"])
        .arg(&file)
        .assert()
        .success();
    // A JSON file that is not AIF is read as counterpoint JSON, which says what is wrong.
    let dir = tempfile::tempdir().expect("tempdir");
    let other = dir.path().join("other.json");
    std::fs::write(&other, "{\"nodes\": 3}").expect("write");
    counterpoint()
        .arg("check")
        .arg(&other)
        .assert()
        .code(1)
        .stdout(predicates::str::contains("error[E013]"));
    // Forced AIF on a file without nodes: a clear error.
    counterpoint()
        .args(["check", "--from", "aif"])
        .arg(&other)
        .assert()
        .code(1)
        .stdout(predicates::str::contains(
            "other.json:1:1: error[E013]: not an AIF document: no \"nodes\" array",
        ));
}

/// Checks what AIFdb-style consumers rely on: unique node ids, edges between existing nodes,
/// scheme text on every RA/CA/YA node, the AIF grammar (I-nodes meet only through S-nodes),
/// locutions naming L-nodes and participants.
fn assert_wellformed_aif(value: &Value) {
    let nodes = value["nodes"].as_array().expect("nodes");
    let edges = value["edges"].as_array().expect("edges");
    let mut types: HashMap<&str, &str> = HashMap::new();
    for n in nodes {
        let id = n["nodeID"].as_str().expect("string nodeID");
        let ty = n["type"].as_str().expect("type");
        assert!(n["text"].is_string(), "text of {id}");
        assert!(types.insert(id, ty).is_none(), "node id {id} is used twice");
        match ty {
            "RA" => {
                assert_eq!(n["scheme"], "Default Inference");
                assert_eq!(n["text"], "Default Inference");
                assert_eq!(n["schemeID"], "72");
            }
            "CA" => {
                assert_eq!(n["scheme"], "Default Conflict");
                assert_eq!(n["text"], "Default Conflict");
                assert_eq!(n["schemeID"], "71");
            }
            "YA" => assert_eq!(n["scheme"], "Asserting"),
            "I" | "L" => {}
            other => panic!("unexpected node type {other}"),
        }
    }
    let mut edge_ids = HashSet::new();
    let mut into: HashMap<&str, usize> = HashMap::new();
    let mut out_of: HashMap<&str, usize> = HashMap::new();
    for e in edges {
        assert!(edge_ids.insert(e["edgeID"].as_str().expect("edgeID")));
        let from = e["fromID"].as_str().expect("fromID");
        let to = e["toID"].as_str().expect("toID");
        let (tf, tt) = (types[from], types[to]);
        let allowed = matches!(
            (tf, tt),
            ("I", "RA" | "CA") | ("RA" | "CA", "I" | "RA" | "CA") | ("L", "YA") | ("YA", "I")
        );
        assert!(
            allowed,
            "edge {from} ({tf}) -> {to} ({tt}) breaks the AIF grammar"
        );
        *out_of.entry(from).or_default() += 1;
        if tf == "I" {
            *into.entry(to).or_default() += 1;
        }
    }
    for (id, ty) in &types {
        if matches!(*ty, "RA" | "CA") {
            assert_eq!(into.get(id), Some(&1), "{id} has one I-node premise");
            assert_eq!(out_of.get(id), Some(&1), "{id} has one conclusion");
        }
    }
    let people: HashSet<&str> = value["participants"]
        .as_array()
        .expect("participants")
        .iter()
        .map(|p| p["participantID"].as_str().expect("participantID"))
        .collect();
    for l in value["locutions"].as_array().expect("locutions") {
        assert_eq!(types[l["nodeID"].as_str().expect("nodeID")], "L");
        assert!(people.contains(l["personID"].as_str().expect("personID")));
    }
}

#[test]
fn written_aif_is_wellformed_and_reads_back_to_the_same_map() {
    for map in [hostile(), debate()] {
        let text = aif::to_string(&map);
        let value: Value = serde_json::from_str(&text).expect("JSON");
        assert_wellformed_aif(&value);
        assert!(aif::detect(&value));
        let back = read_aif("back.json", &text);
        assert_eq!(back, map);
    }
}

fn debate() -> Map {
    load_ok(&[&path("argdown/debate.argdown")]).map
}

/// Without counterpoint's extra object, the AIF alone still carries the texts, relations and
/// sides (titles become AIF ids; every node is an I-node).
#[test]
fn written_aif_without_extra_data_reads_as_plain_aif() {
    let map = debate();
    let mut value: Value = serde_json::from_str(&aif::to_string(&map)).expect("JSON");
    value
        .as_object_mut()
        .expect("object")
        .remove(aif::SIDECAR_KEY);
    let plain = read_aif("plain.json", &value.to_string());
    let by_text = |m: &Map| -> Vec<(String, Option<String>)> {
        let mut v: Vec<(String, Option<String>)> = m
            .nodes()
            .filter(|(_, n)| n.element == Element::Statement)
            .map(|(_, n)| {
                let side = n
                    .side
                    .as_deref()
                    .and_then(|s| m.side(s))
                    .map(|s| s.label.clone());
                (n.text.to_string(), side)
            })
            .collect();
        v.sort();
        v
    };
    // Every node of the map is an I-node, read back as a statement with its text and side.
    let mut original: Vec<(String, Option<String>)> = map
        .nodes()
        .map(|(_, n)| {
            let side = n
                .side
                .as_deref()
                .and_then(|s| map.side(s))
                .map(|s| s.label.clone());
            (n.text.to_string(), side)
        })
        .collect();
    original.sort();
    assert_eq!(by_text(&plain), original);
    // Supports and rebuts join the same texts; an undercut of an I-node is a conflict aimed at
    // that I-node (read back as a rebuttal: the same attack), a contradiction is a conflict
    // each way.
    let text = |m: &Map, id: &str| m.node(m.find(id).expect("node")).text.to_string();
    let mut plain_relations: Vec<(String, String, String)> = triples(&plain)
        .into_iter()
        .map(|(a, r, b)| (text(&plain, &a), r, text(&plain, &b)))
        .collect();
    plain_relations.sort();
    let mut expected: Vec<(String, String, String)> = Vec::new();
    for (a, r, b) in triples(&map) {
        let (a, b) = (text(&map, &a), text(&map, &b));
        match r.as_str() {
            "contradicts" => {
                expected.push((a.clone(), "rebuts".into(), b.clone()));
                expected.push((b, "rebuts".into(), a));
            }
            "undercuts" => expected.push((a, "rebuts".into(), b)),
            _ => expected.push((a, r, b)),
        }
    }
    expected.sort();
    assert_eq!(plain_relations, expected);
    assert_eq!(
        plain
            .nodes()
            .filter(|(_, n)| n.element == Element::Argument)
            .count(),
        0
    );
}

#[test]
fn export_to_aif_snapshot() {
    super::snapshots().bind(|| insta::assert_snapshot!(export(&path("hostile.json"), "aif")));
}

#[test]
fn export_to_aif_round_trips_through_the_cli() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("map.aif.json");
    counterpoint()
        .args(["export", "--to", "aif", "-o"])
        .arg(&out)
        .arg(path("argdown/debate.argdown"))
        .assert()
        .success();
    let again = export(Path::new(&out), "json");
    assert_eq!(again, export(&path("argdown/debate.argdown"), "json"));
}

// ---------------------------------------------------------------------------------------------
// Any AIF-shaped document

fn any_aif() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let id = prop_oneof![
        (0u8..12).prop_map(|i| serde_json::json!(i)),
        (0u8..12).prop_map(|i| serde_json::json!(i.to_string())),
        Just(serde_json::json!(null)),
    ];
    let ty = prop_oneof![
        Just("I"),
        Just("RA"),
        Just("CA"),
        Just("MA"),
        Just("PA"),
        Just("L"),
        Just("YA"),
        Just("TA"),
        Just("??"),
    ];
    let node = (id.clone(), ty, "[a-z :']{0,12}")
        .prop_map(|(id, ty, text)| serde_json::json!({"nodeID": id, "type": ty, "text": text}));
    let edge =
        (id.clone(), id.clone()).prop_map(|(a, b)| serde_json::json!({"fromID": a, "toID": b}));
    let locution =
        (id.clone(), id).prop_map(|(n, p)| serde_json::json!({"nodeID": n, "personID": p}));
    (
        proptest::collection::vec(node, 0..14),
        proptest::collection::vec(edge, 0..24),
        proptest::collection::vec(locution, 0..4),
        any::<bool>(),
    )
        .prop_map(|(nodes, edges, locutions, wrapped)| {
            let aif = serde_json::json!({
                "nodes": nodes, "edges": edges, "locutions": locutions,
                "participants": [{"participantID": 1, "firstname": "Ann", "surname": "B"}],
            });
            let doc = if wrapped {
                serde_json::json!({"AIF": aif, "OVA": {}})
            } else {
                aif
            };
            serde_json::to_string_pretty(&doc).expect("JSON")
        })
}

proptest::proptest! {
    /// Whatever the nodes and edges, reading gives a map and warnings, never an error or a
    /// panic; writing that map and reading it again gives the same map.
    #[test]
    fn any_aif_document_reads_with_warnings_only(text in any_aif()) {
        let mut diagnostics = Vec::new();
        let map = aif::read("any.json", &text, &mut diagnostics).expect("a map");
        proptest::prop_assert!(diagnostics.iter().all(|d| !d.is_error()), "{:?}", diagnostics);
        let back = read_aif("again.json", &aif::to_string(&map));
        proptest::prop_assert!(back == map);
    }
}
