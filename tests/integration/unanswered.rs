//! `counterpoint unanswered`: the points no opponent answered, ranked by what is at stake, the
//! contentions apart from the evidence leaves, grouped by camp, as text, Markdown and JSON.

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
    insta::assert_snapshot!(run(&["--all"]));
}

#[test]
fn unanswered_markdown() {
    insta::assert_snapshot!(run(&["--format", "markdown", "--all"]));
}

#[test]
fn unanswered_json() {
    insta::assert_snapshot!(run(&["--format", "json", "--all"]));
}

/// Without `--all`, a map whose unanswered points are all evidence leaves lists none of them,
/// and says so.
#[test]
fn the_short_listing_counts_the_evidence_leaves_it_leaves_out() {
    let text = run(&[]);
    assert!(
        text.ends_with(
            "\nContentions: 0\n\n2 evidence leaves left out: `counterpoint unanswered --all` \
             lists them.\n"
        ),
        "{text}"
    );
    assert!(!text.contains("<Small savings>"), "{text}");
}

#[test]
fn json_nodes_carry_the_export_fields() {
    let listed: serde_json::Value =
        serde_json::from_str(&run(&["--format", "json", "--all"])).expect("JSON");
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
    let text = run(&["--side", "con", "--all"]);
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
    // Help is wrapped to the terminal: the words, whatever the line breaks.
    let help = String::from_utf8(out.stdout).expect("UTF-8");
    let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        help.contains("A point is answered when at least one opponent (a node of")
            && help.contains("internal dispute, not an answer")
            && help.contains("The motion is never listed"),
        "{help}"
    );
}

fn motion() -> PathBuf {
    fixture("unanswered", "motion.argdown")
}

fn run_motion(args: &[&str]) -> String {
    let mut all = vec![std::ffi::OsString::from("unanswered")];
    all.extend(args.iter().map(std::ffi::OsString::from));
    all.push(motion().into_os_string());
    stdout_of(all)
}

const HEAD: &str = "Unanswered points: 11 of 13, ranked by what is at stake: 3 contentions and 8 evidence leaves.
A point is answered when at least one opponent (a node of another camp) rebuts or undercuts it (a contradiction answers both ways); an attack between allies is an internal dispute, not an answer. A side in no camp is a camp of its own; a node without a side is everyone's opponent.
A contention is a point a camp's case rests on: a thesis (a point its case concludes in) or a point with reasons of its own. An evidence leaf is a point nothing supports: a fact, a figure or a quote offered as a reason. Each list starts with the points closest to the motion or a thesis, then the stronger.
Motion: [The district should move to a four-day week]. The debate is about it: it belongs to no side and is never listed.

Contentions: 3

For the change (board, teachers): 2
  support [Four days save money] (board)
    thesis, strength 0.94
    A four-day week saves the district money.
    supports [The district should move to a four-day week]
  support <Transport> (board)
    1 step from the motion or a thesis, strength 0.75
    Buses run one day less each week.
    supports [Four days save money]

Against (parents): 1
  rebuttal [Pupils learn less] (parents)
    thesis, strength 0.75
    Pupils learn less in four longer days.
    rebuts [The district should move to a four-day week]
";

/// The motion is named first and never listed; the contentions come grouped by camp, the most
/// at stake first (theses, then the stronger); the answered theses ([Childcare costs] answered
/// by the teachers, [Teachers stay longer] by the researchers) are not listed.
#[test]
fn contentions_by_camp_most_at_stake_first() {
    assert_eq!(
        run_motion(&[]),
        format!(
            "{HEAD}\n8 evidence leaves left out: `counterpoint unanswered --all` lists them.\n"
        )
    );
}

/// `--all` lists the evidence leaves after the contentions. The board's <Budget caveat> attacks
/// the teachers' <Survey>, an ally's: an internal dispute, so <Survey> is still unanswered.
#[test]
fn all_lists_the_evidence_leaves_after_the_contentions() {
    assert_eq!(
        run_motion(&["--all"]),
        format!(
            "{HEAD}
Evidence leaves: 8

For the change (board, teachers): 5
  support <Heating> (board)
    1 step from the motion or a thesis, strength 0.50
    Buildings can stay cold one day a week.
    supports [Four days save money]
  rebuttal <Community programs> (teachers)
    1 step from the motion or a thesis, strength 0.50
    The town runs free programs on the fifth day.
    rebuts [Childcare costs]
  support <Survey> (teachers)
    1 step from the motion or a thesis, strength 0.25
    Eight in ten teachers say they would stay.
    supports [Teachers stay longer]
  support <Bus contract> (board)
    2 steps from the motion or a thesis, strength 0.50
    The bus contract is paid by the day.
    supports <Transport>
  rebuttal <Budget caveat> (board)
    2 steps from the motion or a thesis, strength 0.50
    The savings are smaller than the teachers claim.
    rebuts <Survey>

Against (parents): 2
  support <Daycare prices> (parents)
    1 step from the motion or a thesis, strength 0.50
    A day of daycare costs forty dollars.
    supports [Childcare costs]
  support <Test scores> (parents)
    1 step from the motion or a thesis, strength 0.50
    Scores fell where the week was shortened.
    supports [Pupils learn less]

Researchers (researchers): 1
  rebuttal <Mixed results>
    1 step from the motion or a thesis, strength 0.50
    Studies of four-day weeks find mixed results.
    rebuts [Teachers stay longer]
"
        )
    );
}

#[test]
fn markdown_contentions_by_camp() {
    insta::assert_snapshot!(run_motion(&["--format", "markdown"]));
}

/// JSON records carry `contention`, `distance` and `strength` beside the export's fields, most
/// at stake first (`by_camp` groups them as the text does); the short listing counts the leaves
/// it leaves out.
#[test]
fn json_records_carry_the_stakes() {
    let short: serde_json::Value =
        serde_json::from_str(&run_motion(&["--format", "json"])).expect("JSON");
    assert_eq!(
        short["motion"],
        "[The district should move to a four-day week]"
    );
    assert_eq!(short["total"], 13);
    assert_eq!(short["all"], false);
    assert_eq!(short["evidence_leaves_left_out"], 8);
    let records = short["unanswered"].as_array().expect("unanswered");
    let fields = |r: &serde_json::Value| {
        (
            r["id"].as_str().unwrap_or_default().to_string(),
            r["camp"].clone(),
            r["contention"].clone(),
            r["distance"].clone(),
            (r["strength"].as_f64().unwrap_or(-1.0) * 10000.0).round(),
        )
    };
    assert_eq!(
        records.iter().map(fields).collect::<Vec<_>>(),
        [
            (
                "[Four days save money]".into(),
                "for".into(),
                true.into(),
                0.into(),
                9375.0
            ),
            (
                "[Pupils learn less]".into(),
                "against".into(),
                true.into(),
                0.into(),
                7500.0
            ),
            (
                "<Transport>".into(),
                "for".into(),
                true.into(),
                1.into(),
                7500.0
            ),
        ]
    );
    assert_eq!(records[0]["side"], "board");
    assert_eq!(
        short["by_camp"],
        serde_json::json!([
            {"camp": "for", "heading": "For the change (board, teachers)",
             "nodes": ["[Four days save money]", "<Transport>"]},
            {"camp": "against", "heading": "Against (parents)", "nodes": ["[Pupils learn less]"]},
        ])
    );
    let all: serde_json::Value =
        serde_json::from_str(&run_motion(&["--format", "json", "--all"])).expect("JSON");
    let records = all["unanswered"].as_array().expect("unanswered");
    assert_eq!(records.len(), 11);
    assert_eq!(all["evidence_leaves_left_out"], 0);
    assert_eq!(records[3]["id"], "<Heating>");
    assert_eq!(records[3]["contention"], false);
    let ids: Vec<&str> = records.iter().filter_map(|r| r["id"].as_str()).collect();
    assert_eq!(
        ids[3..],
        [
            "<Heating>",
            "<Community programs>",
            "<Daycare prices>",
            "<Test scores>",
            "<Mixed results>",
            "<Survey>",
            "<Bus contract>",
            "<Budget caveat>"
        ]
    );
    assert_eq!(records[7]["camp"], "researchers");
    assert!(records
        .iter()
        .all(|r| r["id"] != "[The district should move to a four-day week]"));
}
