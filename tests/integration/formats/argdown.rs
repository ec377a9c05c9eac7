//! `export --to argdown`: exact output (snapshot), reading back here (fixtures and random maps)
//! and in the real Argdown CLI.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use counterpoint::fmt::difference;
use counterpoint::formats::argdown;
use counterpoint::Format;
use counterpoint::{Citation, Edge, Element, Map, Node, Relation, Section, Side, Source};
use proptest::prelude::*;

use super::{export, hostile, load_ok, load_text, path};
use crate::common::{counterpoint, have_program, root, shared};

/// Reads Argdown text back, asserting it has no errors.
fn read_back(text: &str) -> Map {
    let loaded = load_text("back.argdown", text, Some(Format::Argdown));
    assert!(
        !loaded.has_errors(),
        "{}\n{text}",
        counterpoint::diagnostic::render_all(&loaded.diagnostics)
    );
    loaded.map
}

/// The map as Argdown gives it back: runs of white space in texts and titles become one space.
fn collapsed(map: &Map) -> Map {
    let mut out = map.clone();
    let ixs: Vec<_> = out.nodes().map(|(ix, _)| ix).collect();
    for ix in ixs {
        let n = out.node_mut(ix);
        n.text = counterpoint::Str::from(n.text.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    for s in &mut out.sections {
        s.title = s.title.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    out
}

#[test]
fn argdown_snapshot() {
    super::snapshots().bind(|| insta::assert_snapshot!(export(&path("hostile.json"), "argdown")));
}

#[test]
fn hostile_map_reads_back_the_same() {
    let map = hostile();
    let text = argdown::to_string(&map).expect("writable");
    let back = read_back(&text);
    assert_eq!(difference(&collapsed(&map), &back), None);
}

#[test]
fn debate_map_reads_back_exactly() {
    let map = load_ok(&[&path("argdown/debate.argdown")]).map;
    let back = read_back(&argdown::to_string(&map).expect("writable"));
    // Same nodes in the same order, same relations, sides, sources and sections.
    assert_eq!(back, map);
}

#[test]
fn a_premise_conclusion_structure_is_written_as_numbered_lines() {
    let text = "<Savings>: A shorter week saves money.\n\n\
                (1) [Transport]: Transport costs fall.\n(2) [Heating]: Heating costs fall.\n\
                -- Adding up --\n(3) [Cheaper]: It is cheaper.\n(4) [Better]: Cheaper is better.\n\
                ----\n(5) [Four days]: Keep four days.\n  -> [Five days]: Keep five.\n";
    let map = read_back(text);
    let written = argdown::to_string(&map).expect("writable");
    // The support of the main conclusion is the structure's, not written as `+>`.
    assert_eq!(
        written,
        "<Savings>: A shorter week saves money.\n\n\
         (1) [Transport]\n(2) [Heating]\n-- Adding up --\n(3) [Cheaper]\n(4) [Better]\n----\n\
         (5) [Four days]\n\n\
         [Four days]: Keep four days.\n  -> [Five days]\n\n\
         [Transport]: Transport costs fall.\n\n[Heating]: Heating costs fall.\n\n\
         [Cheaper]: It is cheaper.\n\n[Better]: Cheaper is better.\n\n[Five days]: Keep five.\n"
    );
    let back = read_back(&written);
    assert_eq!(difference(&map, &back), None);
    assert_eq!(argdown::to_string(&back).expect("writable"), written);
}

#[test]
fn a_structure_the_numbered_lines_cannot_hold_stays_metadata() {
    // The last entry is a premise, not the main conclusion: no numbered lines read back to it.
    let mut map = Map::new();
    let mut arg = Node::argument("A", "a");
    arg.data.insert(
        "pcs".into(),
        serde_json::json!([{"role": "premise", "statement": "[P]"}]),
    );
    let a = map.add_node(arg).expect("unique");
    let p = map.add_node(Node::statement("P", "p")).expect("unique");
    map.add_edge(a, p, Edge::new(Relation::Supports));
    let written = argdown::to_string(&map).expect("writable");
    assert_eq!(
        written,
        "<A>: a {pcs: [{\"role\": \"premise\", \"statement\": \"[P]\"}]}\n  +> [P]\n\n[P]: p\n"
    );
    assert_eq!(difference(&map, &read_back(&written)), None);
}

/// The ids of the nodes `id` relates to, in the map's order.
fn outgoing_ids(map: &Map, id: &str) -> Vec<String> {
    let ix = map.find(id).expect("node");
    map.outgoing(ix)
        .map(|(t, r)| format!("{} {}", r, map.node(t).id))
        .collect()
}

// Found by review: what numbered lines would change is written as `pcs` metadata instead.
#[test]
fn a_structure_is_numbered_only_where_it_reads_back_the_same() {
    // An inference name the reader would cut at a comment or collapse.
    for name in ["a // b", "a /* b */ c", "a  b", "a\tb"] {
        let mut map = Map::new();
        let mut arg = Node::argument("A", "a");
        arg.data.insert(
            "pcs".into(),
            serde_json::json!([
                {"role": "premise", "statement": "[P]"},
                {"role": "main-conclusion", "statement": "[C]", "inference": name}
            ]),
        );
        let a = map.add_node(arg).expect("unique");
        map.add_node(Node::statement("P", "p")).expect("unique");
        let c = map.add_node(Node::statement("C", "c")).expect("unique");
        map.add_edge(a, c, Edge::new(Relation::Supports));
        let written = argdown::to_string(&map).expect("writable");
        assert!(written.contains("{pcs: ["), "{name:?}\n{written}");
        assert_eq!(difference(&map, &read_back(&written)), None, "{name:?}");
    }
    // A conclusion without text defined in a later section: a numbered line would be its
    // first mention and move it to the argument's section.
    let later =
        read_back("# S1\n\n<A>: a\n\n(1) [P]: p\n----\n(2) [C]\n\n# S2\n\n[C]: {weight: 0.5}\n");
    let written = argdown::to_string(&later).expect("writable");
    assert!(written.contains("{pcs: ["), "{written}");
    assert_eq!(difference(&later, &read_back(&written)), None);
    // A relation of the argument written after its structure: the implied support would be
    // read before it, and the relations would change order.
    let after = read_back("<A>: a\n\n(1) [P]: p\n----\n(2) [C]: c\n\n[D]: d\n\n<A>\n  +> [D]\n");
    assert_eq!(
        outgoing_ids(&after, "<A>"),
        ["supports [C]", "supports [D]"]
    );
    let written = argdown::to_string(&after).expect("writable");
    assert!(written.contains("{pcs: ["), "{written}");
    let back = read_back(&written);
    assert_eq!(outgoing_ids(&back, "<A>"), ["supports [C]", "supports [D]"]);
    assert_eq!(argdown::to_string(&back).expect("writable"), written);
}

#[test]
fn maps_argdown_cannot_hold_are_refused_with_every_reason() {
    let mut map = Map::new();
    map.sections.push(Section {
        id: "s1".into(),
        title: "Heading".into(),
        level: 1,
        parent: None,
        side: Some("pro".into()),
    });
    map.sides.push(Side {
        id: "pro".into(),
        label: "Pro".into(),
        color: None,
    });
    map.add_node(Node::statement("a]b", "x")).expect("new");
    map.add_node(Node::argument("<b>", "x")).expect("new");
    map.add_node(Node::statement("see http://x", "x"))
        .expect("new");
    let mut n = Node::statement("ok", "x").with_tag("a)b c");
    n.section = Some("s1".into());
    n.data.insert("cite".into(), serde_json::json!("m:1"));
    map.add_node(n).expect("new");
    let err = argdown::to_string(&map).expect_err("not writable");
    assert_eq!(
        err.to_string(),
        "the map cannot be written as Argdown:
  the title of [a]b] cannot be written: it holds `]`
  the title of <<b>> cannot be written: it holds `>`
  the title of [see http://x] cannot be written: it holds a comment marker (`//`, `/*` or `<!--`)
  tag \"a)b c\" of [ok] cannot be written: it holds `)` or a line break
  [ok] has no side, but Argdown would give it side \"pro\" from its tag or heading
  [ok] has data \"cite\", which Argdown metadata reads as its own `cite`"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("map.json");
    std::fs::write(&file, counterpoint::formats::json::to_string(&map)).expect("write");
    let out = dir.path().join("map.argdown");
    counterpoint()
        .args(["export", "--to", "argdown", "-o"])
        .arg(&out)
        .arg(&file)
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "error: the map cannot be written as Argdown:",
        ));
    assert!(!out.exists(), "nothing is written");
}

// ---------------------------------------------------------------------------------------------
// The real Argdown CLI

/// What Argdown itself reads from a file, reduced by `normalize_argdown_json.py` to
/// (statement titles, argument titles, relations as (from, type, relation, to, type)).
type ArgdownView = (
    BTreeSet<String>,
    BTreeSet<String>,
    BTreeSet<(String, String, String, String, String)>,
);

fn argdown_cli_view(file: &Path) -> Option<ArgdownView> {
    let cli = root().join("tools/node_modules/.bin/argdown");
    let normalize = shared("tools/normalize_argdown_json.py")?;
    if !have_program(&cli.display().to_string()) || !have_program("python3") {
        return None;
    }
    let out = Command::new(&cli)
        .args(["json", "--stdout"])
        .arg(file)
        .output()
        .expect("argdown runs");
    assert!(
        out.status.success(),
        "argdown rejects {}: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let raw = dir.path().join("raw.json");
    std::fs::write(&raw, &out.stdout).expect("write");
    let norm = Command::new("python3")
        .arg(&normalize)
        .arg(&raw)
        .output()
        .expect("python runs");
    assert!(
        norm.status.success(),
        "{}",
        String::from_utf8_lossy(&norm.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&norm.stdout).expect("JSON");
    let keys = |k: &str| -> BTreeSet<String> {
        v[k].as_object().expect("object").keys().cloned().collect()
    };
    let relations = v["relations"]
        .as_array()
        .expect("relations")
        .iter()
        .map(|r| {
            let s = |i: usize| r[i].as_str().expect("string").to_string();
            (s(0), s(1), s(2), s(3), s(4))
        })
        .collect();
    Some((keys("statements"), keys("arguments"), relations))
}

/// The main conclusion of an argument with a premise-conclusion structure (`data.pcs`).
fn main_conclusion(node: &Node) -> Option<&str> {
    node.data
        .get("pcs")?
        .as_array()?
        .last()?
        .get("statement")?
        .as_str()
}

/// The same view of our map, with Argdown's reading of premise-conclusion structures
/// (GRAMMAR.md, "Differences from Argdown"): an argument's support of its own main conclusion
/// is the structure, not a relation; a relation it starts starts from its main conclusion; an
/// undercut of it targets its inference.
fn our_view(map: &Map) -> ArgdownView {
    let titles = |el: Element| -> BTreeSet<String> {
        map.nodes()
            .filter(|(_, n)| n.element == el)
            .map(|(_, n)| n.title.to_string())
            .collect()
    };
    let kind = |el: Element| match el {
        Element::Statement => "equivalence-class",
        Element::Argument => "argument",
    };
    let relations = map
        .edges()
        .filter_map(|(a, b, e)| {
            let (mut a, b) = (map.node(a), map.node(b));
            if let Some(conclusion) = main_conclusion(a) {
                if conclusion == b.id {
                    return None;
                }
                a = map.node(map.find(conclusion)?);
            }
            let r = match e.relation {
                Relation::Supports => "support",
                Relation::Rebuts => "attack",
                Relation::Undercuts => "undercut",
                Relation::Contradicts => "contradictory",
            };
            let target = match (e.relation, main_conclusion(b)) {
                (Relation::Undercuts, Some(_)) => "inference",
                _ => kind(b.element),
            };
            Some((
                a.title.to_string(),
                kind(a.element).to_string(),
                r.to_string(),
                b.title.to_string(),
                target.to_string(),
            ))
        })
        .collect();
    (
        titles(Element::Statement),
        titles(Element::Argument),
        relations,
    )
}

#[test]
fn the_real_argdown_cli_reads_our_export_the_same() {
    // The fixtures, and the project's own debate map (a folder of files, exported as one).
    let inputs = [
        path("argdown/debate.argdown"),
        path("hostile.json"),
        path("aif/ova3.json"),
        path("kialo/discussion.txt"),
        root().join("arguments"),
    ];
    for input in inputs {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("export.argdown");
        let text = export(&input, "argdown");
        // `our_view` reads every `data.pcs` as a structure: true when none is left as metadata.
        assert!(!text.contains("pcs: ["), "{}", input.display());
        std::fs::write(&file, text).expect("write");
        let Some(theirs) = argdown_cli_view(&file) else {
            return;
        };
        let map = load_ok(&[&input]).map;
        assert_eq!(theirs, our_view(&map), "{}", input.display());
    }
}

// ---------------------------------------------------------------------------------------------
// Random maps

const SIDES: [&str; 3] = ["pro", "con", "two words"];

/// Text with every character Argdown treats specially, white space and non-ASCII.
fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("\\"),
            Just("#"),
            Just("{"),
            Just("}"),
            Just("["),
            Just("]"),
            Just("<"),
            Just(">"),
            Just("@"),
            Just("*"),
            Just("_"),
            Just("/"),
            Just("//"),
            Just("/*"),
            Just("<!--"),
            Just("-->"),
            Just(":"),
            Just("."),
            Just("-"),
            Just("+"),
            Just("("),
            Just(")"),
            Just("\""),
            Just("'"),
            Just(" "),
            Just("\n"),
            Just("\t"),
            Just("é"),
            Just("中"),
            Just("word"),
            Just("x"),
            Just("1"),
            Just("#tag"),
            Just("[ref]"),
            Just("<arg>"),
            Just("{a: 1}"),
            Just("*em*"),
            Just("_em_"),
            Just("**b**"),
            Just("[l](u.html)"),
            Just("==="),
            Just("---"),
        ],
        0..12,
    )
    .prop_map(|parts| parts.concat())
}

/// A title Argdown can hold: no closing bracket of its kind, no comment marker, trimmed.
fn title(element: Element) -> impl Strategy<Value = String> {
    let forbidden = match element {
        Element::Statement => ']',
        Element::Argument => '>',
    };
    "[a-zA-Z0-9 \"'{}#*_@&é\\[<(),.:;?=+-]{0,12}".prop_map(move |s| {
        let s: String = s.chars().filter(|&c| c != forbidden).collect();
        let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
        if s.is_empty() {
            "T".to_string()
        } else {
            format!("T {s}")
        }
    })
}

#[derive(Debug, Clone)]
struct NodeSpec {
    element: Element,
    title: String,
    text: String,
    side: Option<usize>,
    tags: Vec<&'static str>,
    citations: Vec<(u32, u32, Option<String>)>,
    section: Option<usize>,
    data: Option<i64>,
}

fn node_spec() -> impl Strategy<Value = NodeSpec> {
    (any::<bool>()).prop_flat_map(|statement| {
        let element = if statement {
            Element::Statement
        } else {
            Element::Argument
        };
        (
            title(element),
            text(),
            proptest::option::of(0..SIDES.len()),
            proptest::sample::subsequence(vec!["cost", "two words", "é-tag", "pro"], 0..3),
            proptest::collection::vec((1u32..50, 0u32..3, proptest::option::of(text())), 0..3),
            proptest::option::of(0usize..2),
            proptest::option::of(-5i64..5),
        )
            .prop_map(move |(title, text, side, tags, citations, section, data)| {
                NodeSpec {
                    element,
                    title,
                    text,
                    side,
                    tags,
                    citations: citations
                        .into_iter()
                        .map(|(a, d, q)| (a, a + d, q))
                        .collect(),
                    section,
                    data,
                }
            })
    })
}

fn relation() -> impl Strategy<Value = Relation> {
    prop_oneof![
        Just(Relation::Supports),
        Just(Relation::Rebuts),
        Just(Relation::Undercuts),
        Just(Relation::Contradicts),
    ]
}

fn random_map() -> impl Strategy<Value = Map> {
    (
        proptest::collection::vec(node_spec(), 1..7),
        proptest::collection::vec((0usize..7, 0usize..7, relation()), 0..10),
        proptest::option::of(text()),
        proptest::option::of(0..SIDES.len()),
        any::<bool>(),
    )
        .prop_map(|(specs, edges, map_title, section_side, nested)| {
            let mut map = Map::new();
            map.title = map_title
                .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|t| !t.is_empty());
            map.sides = SIDES
                .iter()
                .map(|s| Side {
                    id: (*s).to_string(),
                    label: format!("{s} \"label\" {{x}}"),
                    color: Some("#1b9e77".into()),
                })
                .collect();
            map.sources.push(Source {
                id: "memo".into(),
                title: Some("Memo {x} === \"y\"".into()),
                year: Some(2024),
                skip: vec![counterpoint::model::Skip {
                    lines: [2, 3],
                    reason: "foot # notes".into(),
                }],
                ..Source::default()
            });
            map.sections.push(Section {
                id: "s1".into(),
                title: "Part #1 {a}".into(),
                level: 1,
                parent: None,
                side: section_side.map(|s| SIDES[s].to_string()),
            });
            map.sections.push(Section {
                id: "s2".into(),
                title: "Part *2*".into(),
                level: if nested { 2 } else { 1 },
                parent: nested.then(|| "s1".to_string()),
                side: None,
            });
            let mut ixs = Vec::new();
            for spec in specs {
                let section = spec.section.map(|s| format!("s{}", s + 1));
                let section_side = match spec.section {
                    Some(0) => map.sections[0].side.clone(),
                    Some(_) if nested => map.sections[0].side.clone(),
                    _ => None,
                };
                // As the reader does: the first tag that names a declared side.
                let tag_side = spec
                    .tags
                    .iter()
                    .find(|t| SIDES.contains(t))
                    .map(|t| (*t).to_string());
                let inferred = tag_side.or(section_side);
                let side = spec.side.map(|s| SIDES[s].to_string()).or(inferred);
                let node = Node {
                    id: counterpoint::Str::from(spec.element.id_for(&spec.title)),
                    element: spec.element,
                    title: spec.title.to_string().into(),
                    text: counterpoint::Str::from(
                        spec.text.split_whitespace().collect::<Vec<_>>().join(" "),
                    ),
                    side: side.map(Into::into),
                    tags: spec.tags.iter().map(|t| (*t).to_string()).collect(),
                    citations: spec
                        .citations
                        .iter()
                        .map(|(a, b, q)| Citation {
                            source: "memo".into(),
                            lines: [*a, *b],
                            quote: q.clone(),
                            origin: None,
                        })
                        .collect(),
                    section: section.map(Into::into),
                    data: spec
                        .data
                        .map(|d| {
                            let mut m = serde_json::Map::new();
                            m.insert("weight".into(), serde_json::json!(d));
                            m.insert("note".into(), serde_json::json!("a} b: {c}"));
                            m.into()
                        })
                        .unwrap_or_default(),
                    origin: None,
                };
                if let Ok(ix) = map.add_node(node) {
                    ixs.push(ix);
                }
            }
            for (a, b, r) in edges {
                if let (Some(&a), Some(&b)) = (ixs.get(a % ixs.len()), ixs.get(b % ixs.len())) {
                    // Argdown allows `><` only before a statement.
                    if r == Relation::Contradicts && map.node(b).element == Element::Argument {
                        continue;
                    }
                    map.relate(a, b, Edge::new(r));
                }
            }
            map
        })
}

/// An exported text without the `color:` section of its frontmatter (the last section, ended
/// by `===`).
fn without_side_colors(text: &str) -> String {
    match (text.find("\ncolor:\n"), text.find("\n===\n")) {
        (Some(start), Some(end)) if start < end => format!("{}{}", &text[..start], &text[end..]),
        _ => text.to_string(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// Any map Argdown can hold reads back the same, and its Argdown text is a fixed point of
    /// `fmt`.
    #[test]
    fn random_maps_read_back_the_same(map in random_map()) {
        let text = argdown::to_string(&map).expect("writable");
        let back = read_back(&text);
        prop_assert_eq!(difference(&map, &back), None, "{}", text);
        // `fmt` keeps the layout but not the side colours written for Argdown's drawing.
        let plain = without_side_colors(&text);
        let formatted = counterpoint::fmt::format(&[("m.argdown".to_string(), text.clone())])
            .expect("formats");
        prop_assert_eq!(&formatted.files[0].1, &plain);
    }

    /// AIF written from any map reads back to the same map, exactly.
    #[test]
    fn random_maps_round_trip_through_aif(map in random_map()) {
        let text = counterpoint::formats::aif::to_string(&map);
        let mut diagnostics = Vec::new();
        let back = counterpoint::formats::aif::read("m.json", &text, &mut diagnostics)
            .expect("readable");
        prop_assert!(diagnostics.is_empty(), "{:?}", diagnostics);
        prop_assert!(back == map);
    }
}

/// Side colours reach Argdown's own drawing: the export's frontmatter gives each node its
/// side's colour (`color: statementColors / argumentColors`), and the real Argdown CLI draws
/// every statement's outline and every argument's fill in it.
#[test]
fn the_real_argdown_cli_draws_the_side_colours() {
    let cli = root().join("tools/node_modules/.bin/argdown");
    if !have_program(&cli.display().to_string()) {
        return;
    }
    let input = root().join("arguments");
    let map = load_ok(&[&input]).map;
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("debate.argdown");
    std::fs::write(&file, export(&input, "argdown")).expect("write");
    let out = Command::new(&cli)
        .args(["map", "--format", "dot", "--stdout"])
        .arg(&file)
        .output()
        .expect("argdown runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dot = String::from_utf8_lossy(&out.stdout);
    let attr = |line: &str, name: &str| -> Option<String> {
        let at = line.find(&format!(" {name}=\""))? + name.len() + 3;
        let rest = line.get(at..)?;
        Some(rest.get(..rest.find('"')?)?.to_ascii_lowercase())
    };
    let mut theirs: Vec<(String, String)> = Vec::new();
    for line in dot.lines() {
        if line.contains("type=\"statement-map-node\"") {
            theirs.push(("statement".into(), attr(line, "color").expect("color")));
        } else if line.contains("type=\"argument-map-node\"") {
            theirs.push((
                "argument".into(),
                attr(line, "fillcolor").expect("fillcolor"),
            ));
        }
    }
    let mut ours: Vec<(String, String)> = Vec::new();
    for (_, n) in map.nodes() {
        let Some(side) = n.side.as_deref().and_then(|s| map.side(s)) else {
            continue;
        };
        let color = side
            .color
            .clone()
            .expect("the debate gives every side a colour");
        ours.push((n.element.as_str().to_string(), color.to_ascii_lowercase()));
    }
    let side_colours: BTreeSet<&str> = ours.iter().map(|(_, c)| c.as_str()).collect();
    // Nodes without a side keep Argdown's own colours.
    theirs.retain(|(_, c)| side_colours.contains(c.as_str()));
    theirs.sort();
    ours.sort();
    assert_eq!(
        ours.len(),
        map.node_count() - 1,
        "all but the motion have a side"
    );
    assert_eq!(theirs, ours);
}
