//! `counterpoint clashes` on a small debate with camps (`clashes/uniforms.argdown`): the exact
//! text, Markdown and JSON, the order of importance, the camp filter and its error, and the
//! depth limit of the exchange.

use std::path::PathBuf;

use serde_json::Value;

use crate::common::{counterpoint, fixture};

fn uniforms() -> PathBuf {
    fixture("clashes", "uniforms.argdown")
}

/// Runs `counterpoint clashes ARGS... uniforms.argdown`, expects success, returns stdout.
fn clashes(args: &[&str]) -> String {
    let out = counterpoint()
        .arg("clashes")
        .args(args)
        .arg(uniforms())
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// The ids of the clashes' points, in order, from the JSON output.
fn points(args: &[&str]) -> Vec<String> {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    crate::common::clash_point_ids(&clashes(&all))
}

#[test]
fn text_lists_every_clash_with_its_exchange() {
    insta::assert_snapshot!(clashes(&[]));
}

#[test]
fn markdown_of_one_camp() {
    insta::assert_snapshot!(clashes(&["--camp", "research", "--format", "markdown"]));
}

#[test]
fn json_nests_replies_under_attacks() {
    insta::assert_snapshot!(clashes(&["--camp", "yes", "--format", "json"]));
}

#[test]
fn ordered_by_reach_then_strength() {
    assert_eq!(
        points(&[]),
        [
            // The motion first.
            "[Pupils should wear uniforms]",
            // A thesis (0 steps from it).
            "[Uniforms cost too much]",
            // 1 step: the stronger first (0.34, then 0.25).
            "<Second-hand shop>",
            "<Belonging survey>",
            // Then 2, 3 and 4 steps.
            "<The shop is always empty>",
            "<Stock doubled>",
            "<Only small sizes>",
        ]
    );
}

#[test]
fn the_camp_filter_keeps_the_clashes_a_camp_takes_part_in() {
    // The parents' side finds its camp. The motion's clash concerns the camps that speak to
    // the motion (yes supports it, the pupils attack it), not the researchers; the survey (the
    // researchers') is attacked by the pupils only: it does not involve camp yes.
    let yes = [
        "[Pupils should wear uniforms]",
        "[Uniforms cost too much]",
        "<Second-hand shop>",
        "<The shop is always empty>",
        "<Stock doubled>",
        "<Only small sizes>",
    ];
    assert_eq!(points(&["--camp", "yes"]), yes);
    assert_eq!(points(&["--camp", "parents"]), yes);
    assert_eq!(points(&["--camp", "research"]), ["<Belonging survey>"]);
    assert_eq!(
        points(&["--camp", "no"]).len(),
        7,
        "the pupils take part in all"
    );
    // The parents' rebuttal of the school (allies) is an internal dispute, not a clash.
    assert!(!points(&[]).contains(&"[Uniforms build belonging]".to_string()));
}

#[test]
fn an_unknown_camp_is_a_usage_error_listing_the_camps() {
    crate::common::fails_with(
        &["clashes", "--camp", "teachers"],
        &uniforms(),
        2,
        "error: unknown camp \"teachers\"; the camps are: yes, no, research\n",
    );
}

#[test]
fn the_exchange_stops_at_four_levels_and_counts_the_rest() {
    let v: Value = serde_json::from_str(&clashes(&["--format", "json"])).expect("JSON");
    assert_eq!(v["depth"], 4);
    // The motion's exchange: cost (1), shop (2), empty (3), doubled (4); the fifth level
    // (<Only small sizes>) is counted, not listed.
    let mut level = &v["clashes"][0]["attacks"];
    let mut chain = Vec::new();
    let mut last = &Value::Null;
    while let Some(first) = level.as_array().and_then(|a| a.first()) {
        chain.push(first["node"]["id"].as_str().expect("id").to_string());
        last = first;
        level = &first["replies"];
    }
    assert_eq!(
        chain,
        [
            "[Uniforms cost too much]",
            "<Second-hand shop>",
            "<The shop is always empty>",
            "<Stock doubled>"
        ]
    );
    assert_eq!(last["unlisted"], 1);
    assert_eq!(last["replies"], Value::Array(vec![]));
    // The same chain seen from <Second-hand shop>: all four levels below it fit.
    let shop = &v["clashes"][2];
    assert_eq!(shop["point"]["id"], "<Second-hand shop>");
    assert_eq!(
        shop["attacks"][0]["replies"][0]["replies"][0]["replies"][0]["node"]["id"],
        "<Large sizes ordered>"
    );
}

#[test]
fn output_to_a_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("clashes.md");
    let run = counterpoint()
        .args(["clashes", "--format", "markdown", "-o"])
        .arg(&out)
        .arg(uniforms())
        .output()
        .expect("runs");
    assert!(run.status.success() && run.stdout.is_empty());
    assert_eq!(
        std::fs::read_to_string(&out).expect("written"),
        clashes(&["--format", "markdown"])
    );
}

/// A dense map: each of `k` points of side a rebuts each of `k` points of side b, and back.
pub(crate) fn dense(k: usize) -> String {
    let mut out = String::from("===\nsides:\n  a: {label: A}\n  b: {label: B}\n===\n");
    for (me, side, them) in [("A", "a", "B"), ("B", "b", "A")] {
        for i in 0..k {
            out.push_str(&format!("\n<{me}{i}>: {side} {i}. {{side: {side}}}\n"));
            for j in 0..k {
                out.push_str(&format!("  -> <{them}{j}>\n"));
            }
        }
    }
    out
}

#[test]
fn a_dense_map_lists_at_most_fifty_moves_a_clash() {
    // 40 × 40 points rebutting each other both ways: 80 clashes. Each lists its 40 attacks and
    // the first 10 replies (to the first attack) and counts the rest, so each clash writes a
    // blank line, its two heading lines and 50 moves: 1 + 80 × 53 = 4,241 lines, where every
    // relation was listed 4 levels deep under each clash (about 2.3 million lines here).
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("dense.argdown");
    std::fs::write(&path, dense(40)).expect("written");
    let out = counterpoint()
        .arg("clashes")
        .arg(&path)
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert_eq!(text.lines().count(), 1 + 80 * 53);
    let lines: Vec<&str> = text.lines().skip(1).take(6).collect();
    assert_eq!(
        lines,
        [
            "",
            "1. <A0>",
            "   a; undecided, strength 0.05; bears on no thesis",
            // B0's replies: the 40 points of side a but A0, the point; 10 are listed.
            "   rebutted by <B0> (b), undecided; 29 more replies, not shown",
            // A1's replies: the 40 points of side b, none listed.
            "     rebutted by <A1> (a), undecided; 40 more replies, not shown",
            "     rebutted by <A2> (a), undecided; 40 more replies, not shown",
        ]
    );
    assert!(text
        .contains("   rebutted by <B39> (b), undecided; 39 more replies, not shown\n\n2. <B0>\n"));
}

#[test]
fn attacks_past_fifty_are_counted() {
    // One point of side b rebutted by 53 points of side a.
    let mut map = String::from("===\nsides: {a: A, b: B}\n===\n\n[P]: the point. {side: b}\n");
    for i in 0..53 {
        map.push_str(&format!("\n<A{i}>: attack {i}. {{side: a}}\n  -> [P]\n"));
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("many.argdown");
    std::fs::write(&path, map).expect("written");
    let run = |format: &str| {
        let out = counterpoint()
            .args(["clashes", "--format", format])
            .arg(&path)
            .output()
            .expect("runs");
        assert!(out.status.success());
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    let text = run("text");
    assert!(
        text.ends_with("   rebutted by <A49> (a), stands\n   3 more attacks, not shown\n"),
        "{text}"
    );
    assert!(
        text.contains("4 levels deep and at most 50 moves a clash; what is left out is counted.")
    );
    let v: Value = serde_json::from_str(&run("json")).expect("JSON");
    assert_eq!(v["max_moves"], 50);
    assert_eq!(v["clashes"][0]["unlisted"], 3);
    assert_eq!(
        v["clashes"][0]["attacks"].as_array().map(Vec::len),
        Some(50)
    );
    assert!(run("markdown")
        .ends_with("- rebutted by \\<A49\\> (a), stands\n- 3 more attacks, not shown\n"));
}
