//! Mermaid: the flowchart parsed back with a small parser for the subset we write, and compared
//! with the map; a snapshot of the hostile map.

use std::collections::HashMap;

use counterpoint::{Kind, Map};

use super::{export, hostile, load_ok, path};

#[derive(Debug, Default)]
struct Parsed {
    title: Option<String>,
    /// (id, shape, title, text), in order.
    nodes: Vec<(String, String, String, String)>,
    /// (from, arrow, label, to), in order.
    edges: Vec<(String, String, String, String)>,
    /// subgraph id -> (title, parent subgraph).
    subgraphs: Vec<(String, String, Option<String>)>,
    /// node id -> the subgraph it is declared in.
    node_subgraph: HashMap<String, String>,
    /// node id -> class.
    classes: HashMap<String, String>,
    /// class -> style.
    class_defs: HashMap<String, String>,
    link_styles: Vec<String>,
}

/// Decodes Mermaid entity codes (`#quot;`, `#35;`, ...) and `<br/>`.
fn decode(label: &str) -> String {
    let label = label.replace("<br/>", "\n");
    let mut out = String::new();
    let mut rest = label.as_str();
    while let Some(pos) = rest.find('#') {
        out.push_str(&rest[..pos]);
        let after = &rest[pos + 1..];
        let end = after.find(';').expect("entity ends with ;");
        let name = &after[..end];
        let c = match name {
            "quot" => '"',
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            n => char::from_u32(n.parse().expect("numeric entity")).expect("char"),
        };
        out.push(c);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// Splits `<b>TITLE</b><br/>TEXT` (escaped) into title and text.
fn split_label(label: &str) -> (String, String) {
    let inner = label.strip_prefix("<b>").expect("bold title");
    let end = inner.find("</b>").expect("end of title");
    let title = decode(&inner[..end]);
    let rest = &inner[end + 4..];
    let text = match rest.strip_prefix("<br/>") {
        Some(t) => decode(t),
        None => {
            assert!(rest.is_empty(), "{rest}");
            String::new()
        }
    };
    (title, text)
}

/// A quoted label between `open"` and `"close`.
fn quoted<'a>(s: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let inner = s.strip_prefix(open)?.strip_prefix('"')?;
    let inner = inner.strip_suffix(close)?.strip_suffix('"')?;
    assert!(!inner.contains('"'), "a raw quote inside a label: {inner}");
    Some(inner)
}

fn parse(text: &str) -> Parsed {
    let mut p = Parsed::default();
    let mut lines = text.lines().peekable();
    if lines.peek() == Some(&"---") {
        lines.next();
        let title = lines.next().expect("front matter");
        let value = title.strip_prefix("title: ").expect("title");
        p.title = Some(serde_json::from_str(value).expect("JSON string"));
        assert_eq!(lines.next(), Some("---"));
    }
    assert_eq!(lines.next(), Some("flowchart BT"));
    let mut open: Vec<String> = Vec::new();
    for line in lines {
        let l = line.trim();
        if l.starts_with("%%") {
            continue;
        }
        if let Some(rest) = l.strip_prefix("subgraph ") {
            let (id, label) = rest.split_once('[').expect("subgraph label");
            let title = quoted(&format!("[{label}"), "[", "]")
                .map(decode)
                .expect("quoted");
            p.subgraphs
                .push((id.to_string(), title, open.last().cloned()));
            open.push(id.to_string());
            continue;
        }
        if l == "end" {
            open.pop().expect("open subgraph");
            continue;
        }
        if let Some(rest) = l.strip_prefix("linkStyle ") {
            p.link_styles.push(rest.to_string());
            continue;
        }
        if let Some(rest) = l.strip_prefix("classDef ") {
            let (class, style) = rest.split_once(' ').expect("style");
            p.class_defs.insert(class.to_string(), style.to_string());
            continue;
        }
        if let Some(rest) = l.strip_prefix("class ") {
            let (nodes, class) = rest.split_once(' ').expect("class");
            for n in nodes.split(',') {
                assert!(p.classes.insert(n.to_string(), class.to_string()).is_none());
            }
            continue;
        }
        let id_end = l
            .find(|c: char| !c.is_ascii_alphanumeric())
            .expect("more than an id");
        let (id, rest) = l.split_at(id_end);
        assert!(
            id.starts_with('n') && id[1..].parse::<usize>().is_ok(),
            "safe id {id}"
        );
        if let Some(rest) = rest.strip_prefix(' ') {
            // An edge: `a ARROW|label| b`.
            let (arrow_label, to) = rest.rsplit_once(' ').expect("edge target");
            let (arrow, label) = arrow_label.split_once('|').expect("edge label");
            let label = label.strip_suffix('|').expect("label end");
            p.edges
                .push((id.into(), arrow.into(), label.into(), to.into()));
            continue;
        }
        let (shape, label) = if let Some(l) = quoted(rest, "[", "]") {
            ("rect", l)
        } else if let Some(l) = quoted(rest, "{{", "}}") {
            ("hexagon", l)
        } else if let Some(l) = quoted(rest, ">", "]") {
            ("flag", l)
        } else {
            panic!("unknown node line {l}");
        };
        let (title, text) = split_label(label);
        if let Some(s) = open.last() {
            p.node_subgraph.insert(id.to_string(), s.clone());
        }
        p.nodes
            .push((id.to_string(), shape.to_string(), title, text));
    }
    assert!(open.is_empty(), "every subgraph is closed");
    p
}

/// Line breaks as Mermaid keeps them (CRLF and CR become one break) and other control
/// characters as spaces.
fn shown(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
        .collect()
}

fn assert_matches_map(p: &Parsed, map: &Map) {
    assert_eq!(p.title, map.title);
    let ids: HashMap<String, String> = map
        .nodes()
        .enumerate()
        .map(|(i, (_, n))| (n.id.to_string(), format!("n{}", i + 1)))
        .collect();
    let mut expected_nodes: Vec<(String, String, String, String)> = map
        .nodes()
        .map(|(ix, n)| {
            let shape = match map.kind(ix) {
                Kind::Claim => "rect",
                Kind::Support => "hexagon",
                Kind::Rebuttal => "flag",
            };
            (
                ids[n.id.as_str()].clone(),
                shape.into(),
                shown(&n.title),
                shown(&n.text),
            )
        })
        .collect();
    let mut got = p.nodes.clone();
    expected_nodes.sort();
    got.sort();
    assert_eq!(got, expected_nodes);
    // Sections are subgraphs with the same nesting; nodes sit in their section's subgraph.
    let sub_of_section: HashMap<&str, &str> = map
        .sections
        .iter()
        .zip(&p.subgraphs)
        .map(|(s, (id, title, _))| {
            assert_eq!(*title, shown(&s.title));
            (s.id.as_str(), id.as_str())
        })
        .collect();
    assert_eq!(p.subgraphs.len(), map.sections.len());
    for (s, (_, _, parent)) in map.sections.iter().zip(&p.subgraphs) {
        let expected = s.parent.as_deref().map(|x| sub_of_section[x].to_string());
        assert_eq!(*parent, expected, "parent of {}", s.title);
    }
    for (_, n) in map.nodes() {
        let expected = n.section.as_deref().map(|s| sub_of_section[s].to_string());
        assert_eq!(p.node_subgraph.get(&ids[n.id.as_str()]).cloned(), expected);
    }
    // Edges: same ends and relation, the relation's own arrow.
    let arrows = [
        ("supports", "-->"),
        ("rebuts", "--x"),
        ("undercuts", "-.-x"),
        ("contradicts", "x--x"),
    ];
    let expected_edges: Vec<(String, String, String, String)> = map
        .edges()
        .map(|(a, b, e)| {
            let r = e.relation.to_string();
            let arrow = arrows.iter().find(|(x, _)| *x == r).expect("arrow").1;
            (
                ids[map.node(a).id.as_str()].clone(),
                arrow.to_string(),
                r,
                ids[map.node(b).id.as_str()].clone(),
            )
        })
        .collect();
    assert_eq!(p.edges, expected_edges);
    // One class per side (and element); every node has one, and each class is defined.
    for (_, n) in map.nodes() {
        let class = &p.classes[&ids[n.id.as_str()]];
        assert!(p.class_defs.contains_key(class), "{class} is defined");
        let same_side: Vec<&String> = map
            .nodes()
            .filter(|(_, m)| m.side == n.side && m.element == n.element)
            .map(|(_, m)| &p.classes[&ids[m.id.as_str()]])
            .collect();
        assert!(same_side.iter().all(|c| *c == class));
    }
    assert!(!p.link_styles.is_empty() || map.edge_count() == 0);
}

#[test]
fn hostile_map_parses_back_to_the_map() {
    let map = hostile();
    let text = counterpoint::formats::mermaid::to_string(&map);
    let parsed = parse(&text);
    assert_matches_map(&parsed, &map);
    // The hostile text really was there: a quote, a tag and markup, all as entity codes.
    assert!(text.contains("#quot;quoted#quot; #lt;b#gt;bold#lt;/b#gt;"));
}

#[test]
fn debate_map_parses_back_to_the_map() {
    let map = load_ok(&[&path("argdown/debate.argdown")]).map;
    let parsed = parse(&export(&path("argdown/debate.argdown"), "mermaid"));
    assert_matches_map(&parsed, &map);
    assert_eq!(parsed.subgraphs.len(), 3);
}

#[test]
fn mermaid_snapshot() {
    super::snapshots().bind(|| insta::assert_snapshot!(export(&path("hostile.json"), "mermaid")));
}

// ---------------------------------------------------------------------------------------------
// Mermaid's limits, and the real mermaid parser

/// `counterpoint export ARGS --to mermaid`: (stdout, stderr), which must succeed.
fn mermaid_of(args: &[&str]) -> (String, String) {
    let out = crate::common::counterpoint()
        .env("NO_COLOR", "1")
        .args(["export", "--to", "mermaid"])
        .args(args)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8(out.stdout).expect("UTF-8"),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// What the real mermaid parser (tools/mermaid-parse.mjs, mermaid from npm) reads from
/// `diagram`: "TYPE VERTICES EDGES SUBGRAPHS"; `None` (said) when node or mermaid is absent.
fn real_mermaid(diagram: &str) -> Option<String> {
    use std::io::Write as _;
    let root = crate::common::root();
    if !root.join("tools/node_modules/mermaid").is_dir() {
        crate::common::skip("the mermaid package is not installed (cd tools && npm ci)");
        return None;
    }
    if !crate::common::have_program("node") {
        return None;
    }
    let mut child = std::process::Command::new("node")
        .arg(root.join("tools/mermaid-parse.mjs"))
        .current_dir(root.join("tools"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("node runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(diagram.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("node ends");
    assert!(
        out.status.success(),
        "mermaid refuses the diagram: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

#[test]
fn the_whole_debate_is_over_mermaids_size_limit_and_says_the_way_out() {
    let root = crate::common::root();
    let (text, err) = mermaid_of(&[root.join("arguments").to_str().expect("path")]);
    let size = text.encode_utf16().count();
    assert!(
        size > counterpoint::formats::mermaid::MAX_TEXT_SIZE,
        "{size}"
    );
    assert_eq!(
        err,
        format!(
            "warning: the diagram is {size} characters long, and Mermaid refuses diagrams over \
             50000 characters (its maxTextSize); code hosts show an error instead of this diagram\n  \
             = help: make it smaller: `--labels title` (titles only), or a part of the map with \
             `--side SIDE`, `--section ID`, `--tag TAG` or `--focus NODE --depth N`\n"
        )
    );
}

/// Titles only: the whole debate fits, and the real parser reads every node, link and section.
#[test]
fn the_debate_with_titles_only_fits_and_the_real_parser_reads_it_all() {
    let root = crate::common::root();
    let (text, err) = mermaid_of(&[
        "--labels",
        "title",
        root.join("arguments").to_str().expect("path"),
    ]);
    assert_eq!(err, "");
    assert!(text.encode_utf16().count() < counterpoint::formats::mermaid::MAX_TEXT_SIZE);
    let map = load_ok(&[&root.join("arguments")]).map;
    if let Some(read) = real_mermaid(&text) {
        assert_eq!(
            read,
            format!(
                "flowchart-v2 {} {} {}",
                map.node_count(),
                map.edge_count(),
                map.sections.len()
            )
        );
    }
}

/// One side of the debate, full labels: under the limit, no warning, read by the real parser.
#[test]
fn a_filtered_debate_fits_and_the_real_parser_reads_it() {
    let root = crate::common::root();
    let (text, err) = mermaid_of(&[
        "--side",
        "utla",
        root.join("arguments").to_str().expect("path"),
    ]);
    assert_eq!(err, "");
    assert!(text.encode_utf16().count() < counterpoint::formats::mermaid::MAX_TEXT_SIZE);
    // Node lines: `nID` and a shape (`["`, `{{"`, `>"`).
    let nodes = text
        .lines()
        .map(str::trim_start)
        .filter(|l| {
            let rest = l.strip_prefix('n').unwrap_or("");
            let shape = rest.trim_start_matches(|c: char| c.is_ascii_digit());
            shape.len() < rest.len() && ["[\"", "{{\"", ">\""].iter().any(|s| shape.starts_with(s))
        })
        .count();
    assert_eq!(nodes, 21);
    if let Some(read) = real_mermaid(&text) {
        assert_eq!(read, "flowchart-v2 21 19 30");
    }
    // The hostile map (quotes, entities, markup in every field) parses too.
    if let Some(read) = real_mermaid(&export(&path("hostile.json"), "mermaid")) {
        assert_eq!(read, "flowchart-v2 4 4 2");
    }
}

#[test]
fn labels_is_for_mermaid_only() {
    let out = crate::common::counterpoint()
        .args(["export", "--to", "json", "--labels", "title"])
        .arg(path("hostile.json"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: --labels applies to --to mermaid only\n"
    );
}
