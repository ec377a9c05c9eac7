//! Every output that lists a node's relations lists them in the order they were written: the
//! text and Markdown of the analyses, the JSON export and the analyses' JSON, and the HTML
//! report's node details.

use std::path::Path;

use counterpoint::analysis::Verdicts;
use counterpoint::load::load_texts;
use counterpoint::render::{html, Drawing, RenderOptions};
use counterpoint::Format;
use serde_json::Value;

use crate::common::{have_program, read, run_in};

/// `[A]` speaks to four others (supports, rebuts, undercuts, then rebuts again, written in two
/// places); `[E]` is spoken to by three (rebutted, undercut, rebutted).
const MAP: &str = "===
sides:
  pro: {label: Pro}
  con: {label: Con}
===

[A]: A speaks to four others. {side: con}
  +> [B]: B is supported. {side: con}
  -> <C>: C is rebutted. {side: pro}
  _> <D>: D is undercut. {side: pro}

[E]: E is answered three times. {side: pro}
  - <F>: F rebuts E. {side: con}
  <_ <G>: G undercuts E. {side: con}
  - [A]
";

/// What `[A]` says, in the order written: (relation, target).
const FROM_A: [(&str, &str); 4] = [
    ("supports", "[B]"),
    ("rebuts", "<C>"),
    ("undercuts", "<D>"),
    ("rebuts", "[E]"),
];

/// What speaks to `[E]`, in the order written: (relation, source).
const TO_E: [(&str, &str); 3] = [("rebuts", "<F>"), ("undercuts", "<G>"), ("rebuts", "[A]")];

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(r, n)| (r.to_string(), n.to_string()))
        .collect()
}

fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("order.argdown"), MAP).expect("write map");
    dir
}

#[test]
fn the_analyses_text_lists_relations_as_written() {
    let dir = setup();
    let text = run_in(dir.path(), &["unanswered", "--all", "order.argdown"], 0);
    assert!(
        text.contains(
            "  rebuttal [A]\n    1 step from the motion or a thesis, strength 0.50\n    A speaks to \
             four others.\n    supports [B]\n    rebuts <C>\n    undercuts <D>\n    rebuts [E]\n"
        ),
        "{text}"
    );
    let brief = run_in(dir.path(), &["prep", "--side", "pro", "order.argdown"], 0);
    assert!(
        brief.contains(
            "- **They** (con) rebut it with \\<F\\>, which stands: F rebuts E.\n\
             - **They** (con) undercut it with \\<G\\>, which stands: G undercuts E.\n\
             - **They** (con) rebut it with \\[A\\], which stands: A speaks to four others.\n"
        ),
        "{brief}"
    );
    assert!(
        brief
            .contains("- \\[E\\] (clash 3): falls; no reply from us yet to \\<F\\> (which stands), \\<G\\> (which stands) and \\[A\\] (which stands)\n"),
        "{brief}"
    );
}

#[test]
fn the_json_lists_relations_as_written() {
    let dir = setup();
    let export: Value = serde_json::from_str(&run_in(
        dir.path(),
        &["export", "--to", "json", "order.argdown"],
        0,
    ))
    .expect("JSON");
    let edges = export["edges"].as_array().expect("edges");
    let field = |e: &Value, k: &str| e[k].as_str().expect(k).to_string();
    let from_a: Vec<(String, String)> = edges
        .iter()
        .filter(|e| e["from"] == "[A]")
        .map(|e| (field(e, "relation"), field(e, "to")))
        .collect();
    assert_eq!(from_a, pairs(&FROM_A));
    let to_e: Vec<(String, String)> = edges
        .iter()
        .filter(|e| e["to"] == "[E]")
        .map(|e| (field(e, "relation"), field(e, "from")))
        .collect();
    assert_eq!(to_e, pairs(&TO_E));
    let open: Value = serde_json::from_str(&run_in(
        dir.path(),
        &["unanswered", "--all", "--format", "json", "order.argdown"],
        0,
    ))
    .expect("JSON");
    let a = open["unanswered"]
        .as_array()
        .expect("unanswered")
        .iter()
        .find(|n| n["id"] == "[A]")
        .expect("[A] is unanswered");
    let speaks: Vec<(String, String)> = a["speaks_to"]
        .as_array()
        .expect("speaks_to")
        .iter()
        .map(|s| (field(s, "relation"), field(s, "to")))
        .collect();
    assert_eq!(speaks, pairs(&FROM_A));
}

/// The map data a report page embeds for its script.
fn embedded_data(page: &str) -> Value {
    let open = r#"<script id="map-data" type="application/json">"#;
    let start = page.find(open).expect("data script") + open.len();
    let end = start + page[start..].find("</script>").expect("end of data");
    serde_json::from_str(&page[start..end]).expect("the data is JSON")
}

/// The relations the report's detail panel shows for node `id`: `key` is `out` (what it speaks
/// to) or `in` (what speaks to it); nodes are named by their map ids.
fn panel(data: &Value, id: &str, key: &str) -> Vec<(String, String)> {
    let nodes = data["nodes"].as_array().expect("nodes");
    let map_id = |dom: &Value| -> String {
        let node = nodes.iter().find(|n| &n["dom"] == dom).expect("node");
        node["id"].as_str().expect("id").to_string()
    };
    let node = nodes.iter().find(|n| n["id"] == id).expect(id);
    node[key]
        .as_array()
        .expect(key)
        .iter()
        .map(|r| {
            (
                r["relation"].as_str().expect("relation").to_string(),
                map_id(&r["node"]),
            )
        })
        .collect()
}

fn check_panels(page: &str) {
    let data = embedded_data(page);
    assert_eq!(panel(&data, "[A]", "out"), pairs(&FROM_A));
    assert_eq!(panel(&data, "[E]", "in"), pairs(&TO_E));
    assert_eq!(panel(&data, "[A]", "in"), []);
}

#[test]
fn the_report_lists_relations_as_written() {
    let dir = setup();
    // The page around any drawing, without Graphviz.
    let loaded = load_texts(
        &[("order.argdown".into(), MAP.into())],
        Some(Format::Argdown),
    );
    assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
    let verdicts = Verdicts::whole(&loaded.map);
    let svg = r#"<svg viewBox="0 0 10 10"></svg>"#;
    let page = html::page(
        Drawing::new(&loaded.map, &verdicts),
        &RenderOptions::default(),
        svg,
    )
    .expect("page");
    check_panels(&page);
    // The page `counterpoint report` writes.
    if !have_program("dot") {
        return;
    }
    run_in(
        dir.path(),
        &["report", "order.argdown", "-o", "order.html"],
        0,
    );
    check_panels(&read(&Path::new(dir.path()).join("order.html")));
}
