//! `counterpoint unanswered`: the points no other side answered, grouped by side, as text,
//! Markdown and JSON.

use std::path::PathBuf;

use crate::common::{counterpoint, fixture, stdout_of};

fn four_day() -> PathBuf {
    fixture("analysis", "four-day.argdown")
}

fn run(args: &[&str]) -> String {
    let mut all = vec![std::ffi::OsString::from("unanswered")];
    all.extend(args.iter().map(std::ffi::OsString::from));
    all.push(four_day().into_os_string());
    stdout_of(all)
}

#[test]
fn unanswered_text() {
    insta::assert_snapshot!(run(&[]));
}

#[test]
fn unanswered_markdown() {
    insta::assert_snapshot!(run(&["--format", "markdown"]));
}

#[test]
fn unanswered_json() {
    insta::assert_snapshot!(run(&["--format", "json"]));
}

#[test]
fn json_nodes_carry_the_export_fields() {
    let listed: serde_json::Value =
        serde_json::from_str(&run(&["--format", "json"])).expect("JSON");
    let out = counterpoint()
        .args(["export", "--to", "json"])
        .arg(four_day())
        .output()
        .expect("runs");
    let export: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let nodes = listed["unanswered"].as_array().expect("unanswered");
    assert_eq!(nodes.len(), 2);
    for node in nodes {
        let exported = export["nodes"]
            .as_array()
            .expect("nodes")
            .iter()
            .find(|n| n["id"] == node["id"])
            .expect("the node is in the export");
        for (key, value) in exported.as_object().expect("object") {
            assert_eq!(&node[key], value, "field {key} of {}", node["id"]);
        }
    }
}

#[test]
fn side_filter_keeps_one_side() {
    let text = run(&["--side", "con"]);
    assert!(text.contains("Opponents (con): 1"), "{text}");
    assert!(!text.contains("Supporters"), "{text}");
    // Answers still count from the whole map: <Childcare> was answered by a hidden pro point.
    assert!(!text.contains("<Childcare>"), "{text}");
}

#[test]
fn help_states_the_definition() {
    let out = counterpoint()
        .args(["unanswered", "--help"])
        .output()
        .expect("runs");
    let help = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(
        help.contains("A point is answered when at least one node of a different side rebuts or")
            && help.contains("undercuts it"),
        "{help}"
    );
}
