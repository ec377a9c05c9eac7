//! `status` on a map with a motion and camps (`analysis/uniforms.argdown`): the motion and the
//! theses first, reasons that name every standing attacker (opponents first, the strongest
//! first, then allies' internal disputes), what verdicts hinge on, `--why`, the JSON records,
//! and DF-QuAD strengths equal to hand computations.

use std::path::PathBuf;

use serde_json::Value;

use crate::common::{fixture, stdout_of};

fn uniforms() -> PathBuf {
    fixture("analysis", "uniforms.argdown")
}

/// `counterpoint status ARGS... uniforms.argdown`.
fn status(args: &[&str]) -> String {
    let mut all: Vec<String> = vec!["status".into()];
    all.extend(args.iter().map(|s| s.to_string()));
    all.push(uniforms().display().to_string());
    stdout_of(all)
}

/// The JSON of `status --format json ARGS...`, and its node records by id.
fn json(args: &[&str]) -> (Value, Vec<Value>) {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let value: Value = serde_json::from_str(&status(&all)).expect("JSON");
    let nodes = value["nodes"].as_array().expect("nodes").clone();
    (value, nodes)
}

fn node<'a>(nodes: &'a [Value], id: &str) -> &'a Value {
    nodes
        .iter()
        .find(|n| n["id"] == id)
        .unwrap_or_else(|| panic!("no node {id}"))
}

#[test]
fn the_motion_and_theses_come_first_and_reasons_name_every_standing_attacker() {
    assert_eq!(
        status(&[]),
        "Grounded semantics (Dung 1995): of 12 points, 7 stand, 2 fall, 3 undecided.

Motion
  stands    [Uniforms] — stands: its only rebuttal [Expression] falls
            hinges on no single link

Theses: For uniforms (for)
  stands    <Equality> — stands: its only rebuttal <Cost> falls
            hinges on: <Grants> undercuts <Cost> (without it: falls, strength 0.25)

Theses: Against uniforms (against)
  falls     [Expression] — falls: rebutted by <Safety> (teachers, strength 0.75) and <Focus> (parents, strength 0.50), which stand; also rebutted by its ally <Self-censorship> (pupils, strength 0.50), which stands (an internal dispute)
            hinges on no single link

Parents' association (parents)
  stands    <Grants> — stands: nobody rebuts it
  stands    <Focus> — stands: nobody rebuts it
  undecided <Second-hand> — undecided: in a cycle of rebuttals with <Bulk buying> and <Price rises>

Teachers (teachers)
  stands    <Safety> — stands: nobody rebuts it
  stands    <Gang colours> — stands: nobody rebuts it

Pupils' council (pupils)
  falls     <Cost> — falls: undercut by <Grants> (parents, strength 0.50), which stands
  stands    <Self-censorship> — stands: nobody rebuts it
  undecided <Price rises> — undecided: in a cycle of rebuttals with <Bulk buying> and <Second-hand>

Economists (economists)
  undecided <Bulk buying> — undecided: in a cycle of rebuttals with <Second-hand> and <Price rises>
"
    );
}

#[test]
fn the_strongest_opponent_is_named_first_and_allies_last() {
    // <Focus> is written before <Safety>, but <Safety> has a supporter: 0.75 against 0.5.
    let (_, nodes) = json(&[]);
    let expression = node(&nodes, "[Expression]");
    assert_eq!(
        expression["because"],
        serde_json::json!(["<Safety>", "<Focus>", "<Self-censorship>"])
    );
    assert_eq!(
        expression["internal_disputes"],
        serde_json::json!(["<Self-censorship>"])
    );
    // A cycle names its other members.
    assert_eq!(
        node(&nodes, "<Second-hand>")["because"],
        serde_json::json!(["<Bulk buying>", "<Price rises>"])
    );
    // No internal dispute, no field.
    assert!(node(&nodes, "<Cost>").get("internal_disputes").is_none());
}

#[test]
fn every_json_record_says_what_status_knows() {
    let (value, nodes) = json(&[]);
    assert_eq!(value["semantics"], "grounded");
    assert_eq!(nodes.len(), 12);
    let ids: Vec<&str> = nodes.iter().map(|n| n["id"].as_str().unwrap()).collect();
    assert_eq!(&ids[..3], ["[Uniforms]", "<Equality>", "[Expression]"]);
    for semantics in ["grounded", "preferred", "stable", "dfquad"] {
        let (_, nodes) = json(&["--semantics", semantics]);
        for n in &nodes {
            for key in [
                "id", "title", "side", "label", "reason", "because", "strength",
            ] {
                assert!(n.get(key).is_some(), "{semantics}: {key} in {n}");
            }
            let explained =
                ["[Uniforms]", "<Equality>", "[Expression]"].contains(&n["id"].as_str().unwrap());
            assert_eq!(n.get("hinges_on").is_some(), explained, "{semantics}: {n}");
        }
    }
    assert_eq!(
        node(&nodes, "<Equality>").to_string(),
        r#"{"id":"<Equality>","title":"Equality","side":"parents","label":"in","reason":"stands: its only rebuttal <Cost> falls","because":["<Cost>"],"strength":0.375,"hinges_on":[{"from":"<Grants>","to":"<Cost>","relation":"undercuts","label_without":"out","strength_without":0.25}]}"#
    );
    assert_eq!(
        node(&nodes, "[Uniforms]")["hinges_on"],
        serde_json::json!([])
    );
}

#[test]
fn dfquad_strengths_equal_hand_computations() {
    // Grants 0.5; Cost = 0.5 − 0.5·0.5 = 0.25; Equality = 0.5 − 0.5·0.25 = 0.375.
    // Safety = 0.5 + 0.5·0.5 = 0.75; Expression: va = 1 − 0.25·0.5·0.5 = 0.9375, so
    // 0.5 − 0.5·0.9375 = 0.03125. Uniforms: vs = 0.375 > va = 0.03125, so
    // 0.5 + 0.5·0.34375 = 0.671875. The three-point cycle: x = 0.5 − 0.5·x = 1/3.
    let (value, nodes) = json(&["--semantics", "dfquad"]);
    assert_eq!(value["semantics"], "dfquad");
    assert_eq!(value["unsettled"], serde_json::json!([]));
    let strength = |id: &str| node(&nodes, id)["strength"].as_f64().unwrap();
    for (id, expected) in [
        ("<Grants>", 0.5),
        ("<Cost>", 0.25),
        ("<Equality>", 0.375),
        ("<Safety>", 0.75),
        ("[Expression]", 0.03125),
        ("[Uniforms]", 0.671875),
        ("<Bulk buying>", 0.333333),
    ] {
        assert_eq!(strength(id), expected, "{id}");
    }
    assert_eq!(node(&nodes, "[Uniforms]")["base"], 0.5);
    let text = status(&["--semantics", "dfquad"]);
    assert!(text.starts_with(
        "DF-QuAD strength (Rago et al. 2016) of 12 points, from 0 to 1: each point starts from \
         its base score (0.50 unless it has a weight); supports raise it, attacks lower it.\n\n\
         Motion\n  0.67   [Uniforms] — base 0.50; supported by 1 point (0.38); attacked by 1 \
         point (0.03)\n"
    ));
    // Strongest first within a group.
    assert!(text.contains(
        "Pupils' council (pupils)\n\
         \x20 0.50   <Self-censorship> — base 0.50; nothing supports or attacks it\n\
         \x20 0.33   <Price rises> — base 0.50; attacked by 1 point (0.33)\n\
         \x20 0.25   <Cost> — base 0.50; attacked by 1 point (0.50)\n"
    ));
}

#[test]
fn two_supporters_and_one_attacker_give_0_625() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("claim.argdown");
    std::fs::write(
        &path,
        "[C]: A claim.\n  + <S1>: One reason.\n  + <S2>: Another.\n  - <A>: An objection.\n",
    )
    .expect("write");
    let out = stdout_of([
        "status",
        "--semantics",
        "dfquad",
        "--format",
        "json",
        path.to_str().unwrap(),
    ]);
    let value: Value = serde_json::from_str(&out).expect("JSON");
    let nodes = value["nodes"].as_array().unwrap();
    assert_eq!(node(nodes, "[C]")["strength"], 0.625);
    let text = stdout_of(["status", "--semantics", "dfquad", path.to_str().unwrap()]);
    assert!(
        text.contains(
            "0.62   [C] — base 0.50; supported by 2 points (combined 0.75); attacked by 1 point \
             (0.50)\n"
        ),
        "{text}"
    );
}

#[test]
fn dfquad_on_a_bare_framework_uses_its_attacks() {
    let odd = fixture("analysis", "odd-cycle.apx");
    assert_eq!(
        stdout_of(["status", "--semantics", "dfquad", odd.to_str().unwrap()]),
        "DF-QuAD strength (Rago et al. 2016) of 3 points, from 0 to 1: each point starts from \
         its base score (0.50 unless it has a weight); supports raise it, attacks lower it.\n\n\
         0.33   a — base 0.50; attacked by 1 point (0.33)\n\
         0.33   b — base 0.50; attacked by 1 point (0.33)\n\
         0.33   c — base 0.50; attacked by 1 point (0.33)\n"
    );
}

#[test]
fn why_adds_the_hinges_of_the_points_named() {
    let text = status(&["--why", "Cost", "--why", "Second-hand"]);
    assert!(
        text.contains(
            "  falls     <Cost> — falls: undercut by <Grants> (parents, strength 0.50), which stands\n\
             \x20           hinges on: <Grants> undercuts <Cost> (without it: stands, strength 0.50)\n"
        ),
        "{text}"
    );
    // Breaking any link of the three-point cycle decides it. Without <Second-hand>'s rebuttal,
    // <Price rises> stands (0.5), <Bulk buying> falls (0.25) and <Second-hand> stands:
    // 0.5 − 0.5·0.25 = 0.375. Without <Price rises>' rebuttal, <Bulk buying> stands (0.5) and
    // <Second-hand> falls: 0.25.
    assert!(
        text.contains(
            "  undecided <Second-hand> — undecided: in a cycle of rebuttals with <Bulk buying> and \
             <Price rises>\n\
             \x20           hinges on: <Bulk buying> rebuts <Second-hand> (without it: stands, strength 0.50)\n\
             \x20           hinges on: <Second-hand> rebuts <Price rises> (without it: stands, strength 0.38)\n\
             \x20           hinges on: <Price rises> rebuts <Bulk buying> (without it: falls, strength 0.25)\n"
        ),
        "{text}"
    );
    let (_, nodes) = json(&["--why", "Cost"]);
    assert_eq!(
        node(&nodes, "<Cost>")["hinges_on"],
        serde_json::json!([{"from": "<Grants>", "to": "<Cost>", "relation": "undercuts",
            "label_without": "in", "strength_without": 0.5}])
    );
    assert!(node(&nodes, "<Grants>").get("hinges_on").is_none());
}

#[test]
fn why_with_an_unknown_title_is_a_usage_error() {
    crate::common::fails_with(
        &["status", "--why", "Safe"],
        &uniforms(),
        2,
        "error: no node is titled \"Safe\"; similar titles: Safety\n",
    );
}
