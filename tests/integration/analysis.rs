//! Acceptability (`status`), the debate-prep brief (`prep`), `stats`, the filters, and the ICCMA
//! formats: reference grounded extensions for every instance in `../shared/corpora/af/`,
//! snapshots of every output on `analysis/four-day.argdown`, and the command-line behaviour.

use std::path::{Path, PathBuf};

use counterpoint::analysis::grounded::label_framework;
use counterpoint::formats::iccma::{self, Dialect};

use crate::common::{counterpoint, fixture, read, shared};

fn four_day() -> PathBuf {
    fixture("analysis", "four-day.argdown")
}

/// Runs `counterpoint ARGS...`, expects success, returns standard output.
fn run(args: &[&str], input: &Path) -> String {
    let out = counterpoint().args(args).arg(input).output().expect("runs");
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// Runs `counterpoint ARGS...`, expects exit `code`, returns standard error.
fn fails(args: &[&str], code: i32) -> String {
    let out = counterpoint().args(args).output().expect("runs");
    assert_eq!(out.status.code(), Some(code), "{args:?}");
    assert!(out.stdout.is_empty(), "nothing on standard output");
    String::from_utf8(out.stderr).expect("UTF-8")
}

/// Every instance of the corpus with its reference grounded extension.
fn corpus() -> Option<Vec<(PathBuf, PathBuf)>> {
    let dir = shared("corpora/af")?;
    let mut pairs: Vec<(PathBuf, PathBuf)> = std::fs::read_dir(&dir)
        .expect("corpus folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| Dialect::from_extension(&p.to_string_lossy()).is_some())
        .map(|p| {
            let reference = PathBuf::from(format!("{}.grounded", p.display()));
            (p, reference)
        })
        .collect();
    pairs.sort();
    Some(pairs)
}

#[test]
fn grounded_extension_matches_the_reference_on_every_instance() {
    let Some(pairs) = corpus() else { return };
    assert!(pairs.len() >= 15, "the corpus has its instances: {pairs:?}");
    for (instance, reference) in pairs {
        let name = instance.display().to_string();
        let bytes = std::fs::read(&instance).expect("instance");
        let dialect = Dialect::from_extension(&name).expect("ICCMA file");
        let mut diags = Vec::new();
        let parsed = iccma::read(&name, &bytes, dialect, &mut diags)
            .unwrap_or_else(|| panic!("{name}: {diags:#?}"));
        let grounded = label_framework(&parsed.framework);
        let mut ours: Vec<String> = grounded
            .extension()
            .iter()
            .map(|&a| parsed.names.get(a).into_owned())
            .collect();
        let mut expected: Vec<String> = read(&reference)
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect();
        ours.sort();
        expected.sort();
        assert_eq!(
            ours.len(),
            expected.len(),
            "{name}: size of the grounded extension"
        );
        assert_eq!(ours, expected, "{name}");
    }
}

/// The ids of the points `status --format json` says stand (label `in`), in its order.
fn standing_ids(value: &serde_json::Value) -> Vec<&str> {
    value["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter(|n| n["label"] == "in")
        .map(|n| n["id"].as_str().expect("id"))
        .collect()
}

#[test]
fn status_command_agrees_with_the_reference() {
    let Some(dir) = shared("corpora/af") else {
        return;
    };
    for name in ["probo_ex3.apx", "ws_10000_k4_b0.1.af", "afgen_n100p5q2.tgf"] {
        let json = run(&["status", "--format", "json"], &dir.join(name));
        let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
        let mut ours = standing_ids(&value);
        let reference = read(&dir.join(format!("{name}.grounded")));
        let mut expected: Vec<&str> = reference.lines().filter(|l| !l.is_empty()).collect();
        ours.sort();
        expected.sort();
        assert_eq!(ours, expected, "{name}");
        assert_eq!(value["counts"]["in"], expected.len(), "{name}");
    }
}

#[test]
fn the_iccma_answer_agrees_with_the_reference_on_every_instance() {
    let Some(pairs) = corpus() else { return };
    for (instance, reference) in pairs {
        let name = instance.display().to_string();
        let answer = run(&["status", "--format", "iccma"], &instance);
        let line = answer.strip_suffix('\n').expect("one line");
        let mut words = line.split(' ');
        assert_eq!(words.next(), Some("w"), "{name}: {answer}");
        let mut ours: Vec<&str> = words.collect();
        let reference = read(&reference);
        let mut expected: Vec<&str> = reference.lines().filter(|l| !l.is_empty()).collect();
        // Written in argument order, as the file numbers or lists them, each once.
        let as_written = ours.clone();
        ours.sort();
        expected.sort();
        assert_eq!(ours, expected, "{name}");
        if name.ends_with(".af") {
            let numbers: Vec<u64> = as_written
                .iter()
                .map(|w| w.parse().expect("number"))
                .collect();
            assert!(numbers.windows(2).all(|w| w[0] < w[1]), "{name}: in order");
        }
    }
}

#[test]
fn the_iccma_answer_is_one_line_as_solvers_print_it() {
    let chain = fixture("analysis", "chain.tgf");
    let odd = fixture("analysis", "odd-cycle.apx");
    // 1 attacks 2, 2 attacks 3: 1 and 3 stand.
    assert_eq!(run(&["status", "--format", "iccma"], &chain), "w 1 3\n");
    // An odd cycle: nothing stands, and there is no stable extension.
    assert_eq!(run(&["status", "--format", "iccma"], &odd), "w\n");
    let stable = ["status", "--format", "iccma", "--semantics", "stable"];
    assert_eq!(run(&stable, &odd), "NO\n");
    assert_eq!(run(&stable, &chain), "w 1 3\n");
    // A map's nodes are numbered in map order, as `export --to i23` numbers them.
    let exported = run(&["export", "--to", "i23"], &four_day());
    let answer = run(&["status", "--format", "iccma"], &four_day());
    let ids: Vec<&str> = exported
        .lines()
        .filter_map(|l| l.strip_prefix("# id "))
        .collect();
    let mut named: Vec<&str> = answer
        .trim_end()
        .split(' ')
        .skip(1)
        .map(|k| {
            let k: usize = k.parse().expect("number");
            ids[k - 1].split_once(' ').expect("number and id").1
        })
        .collect();
    let json = run(&["status", "--format", "json"], &four_day());
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let mut standing = standing_ids(&value);
    assert!(!named.is_empty());
    named.sort();
    standing.sort();
    assert_eq!(named, standing);
}

#[test]
fn the_iccma_answer_refuses_what_it_cannot_say() {
    let chain = fixture("analysis", "chain.tgf");
    crate::common::fails_with(
        &["status", "--format", "iccma", "--semantics", "dfquad"],
        &chain,
        2,
        "error: --format iccma prints an extension, and dfquad gives strengths, not extensions: \
         use --format text or json with dfquad, or another semantics\n",
    );
    crate::common::fails_with(
        &["status", "--format", "iccma", "--why", "1"],
        &chain,
        2,
        "error: --format iccma answers for the whole map: leave out the filters and --why, or \
         use --format text or json\n",
    );
}

#[test]
fn a_bare_frameworks_json_has_strengths_under_dfquad_only() {
    let chain = fixture("analysis", "chain.tgf");
    let strengths = |semantics: &str| -> Vec<serde_json::Value> {
        let json = run(
            &["status", "--format", "json", "--semantics", semantics],
            &chain,
        );
        let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
        value["nodes"]
            .as_array()
            .expect("nodes")
            .iter()
            .map(|n| n["strength"].clone())
            .collect()
    };
    let none = serde_json::Value::Null;
    assert_eq!(strengths("grounded"), [none.clone(), none.clone(), none]);
    // 0.5; 0.5 − 0.5·0.5; 0.5 − 0.5·0.25.
    assert_eq!(
        strengths("dfquad"),
        [
            serde_json::json!(0.5),
            serde_json::json!(0.25),
            serde_json::json!(0.375)
        ]
    );
}

#[test]
fn status_grounded_text() {
    insta::assert_snapshot!(run(&["status"], &four_day()));
}

#[test]
fn status_grounded_json() {
    insta::assert_snapshot!(run(&["status", "--format", "json"], &four_day()));
}

#[test]
fn status_json_is_valid_json() {
    for semantics in ["grounded", "preferred", "stable"] {
        let text = run(
            &["status", "--format", "json", "--semantics", semantics],
            &four_day(),
        );
        let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        assert_eq!(value["semantics"], semantics);
        assert_eq!(value["nodes"].as_array().map(Vec::len), Some(10));
    }
}

#[test]
fn status_preferred_text() {
    insta::assert_snapshot!(run(&["status", "--semantics", "preferred"], &four_day()));
}

#[test]
fn status_stable_json() {
    insta::assert_snapshot!(run(
        &["status", "--semantics", "stable", "--format", "json"],
        &four_day()
    ));
}

#[test]
fn an_odd_cycle_has_no_stable_extension() {
    let odd = fixture("analysis", "odd-cycle.apx");
    assert_eq!(
        run(&["status", "--semantics", "stable"], &odd),
        "Stable semantics (Dung 1995): there is no stable extension: no conflict-free set of \
         points attacks every point outside it.\n"
    );
    assert_eq!(
        run(&["status", "--semantics", "preferred"], &odd),
        "Preferred semantics (Dung 1995): 1 preferred extension:\n  1: no points (the empty set)\n\n\
         none   a — stands in no preferred extension\n\
         none   b — stands in no preferred extension\n\
         none   c — stands in no preferred extension\n"
    );
    assert_eq!(
        run(&["status"], &odd),
        "Grounded semantics (Dung 1995): of 3 points, 0 stand, 0 fall, 3 undecided.\n\n\
         undecided a — undecided: in a cycle of attacks with b and c\n\
         undecided b — undecided: in a cycle of attacks with a and c\n\
         undecided c — undecided: in a cycle of attacks with a and b\n"
    );
}

#[test]
fn bad_iccma_lines_are_all_reported() {
    let bad = fixture("analysis", "bad.af");
    let path = bad.to_str().expect("UTF-8 path");
    let stderr = fails(&["status", path], 1);
    let headlines: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("error[E013]"))
        .collect();
    let file = path;
    assert_eq!(
        headlines,
        vec![
            format!("{file}:3:3: error[E013]: argument 4 is out of range: the header declares 3 arguments (1..3)"),
            format!("{file}:4:3: error[E013]: expected an argument number, found `x`"),
            format!("{file}:5:5: error[E013]: an attack line holds two argument numbers; this is extra"),
            format!("{file}:6:6: error[E013]: argument 9 is out of range: the header declares 3 arguments (1..3)"),
        ]
    );
    // The same through the map loader (`stats` reads a map).
    let stderr = fails(&["stats", path], 1);
    assert_eq!(stderr.matches("error[E013]").count(), 4, "{stderr}");
}

#[test]
fn stats_text() {
    insta::assert_snapshot!(run(&["stats"], &four_day()));
}

#[test]
fn stats_json() {
    insta::assert_snapshot!(run(&["stats", "--format", "json"], &four_day()));
}

#[test]
fn prep_markdown_for_both_sides() {
    insta::assert_snapshot!(
        "prep_pro_markdown",
        run(&["prep", "--side", "pro"], &four_day())
    );
    insta::assert_snapshot!(
        "prep_con_markdown",
        run(&["prep", "--side", "con"], &four_day())
    );
}

#[test]
fn prep_json() {
    insta::assert_snapshot!(run(
        &["prep", "--side", "pro", "--format", "json"],
        &four_day()
    ));
}

#[test]
fn prep_html_is_one_escaped_page() {
    let html = run(&["prep", "--side", "con", "--format", "html"], &four_day());
    assert!(
        html.starts_with("<!DOCTYPE html><html lang=\"en\">"),
        "{html}"
    );
    assert!(html.contains("<title>Debate prep: Opponents (side con)</title>"));
    // The hostile text of <Small savings> is escaped, never markup.
    assert!(html.contains(
        "A fifth of the &quot;transport&quot; budget is &lt;b&gt;little&lt;/b&gt; &amp; cheap."
    ));
    assert!(!html.contains("<b>little"));
    assert!(html.contains("<span class=\"id\">&lt;Small savings&gt;</span>"));
    // Self-contained: no scripts, no outside files.
    for outside in ["<script", "src=", "href=\"http", "<link"] {
        assert!(!html.contains(outside), "{outside}");
    }
}

#[test]
fn prep_filters_narrow_the_lists() {
    let md = run(
        &[
            "prep",
            "--side",
            "pro",
            "--focus",
            "Four days",
            "--depth",
            "0",
        ],
        &four_day(),
    );
    // Only the clash on [Four days] is kept; its exchange still names the attacks the filter
    // hides, since answers are judged on the whole map.
    assert!(md.contains("## Clashes (1), most important first"), "{md}");
    assert!(md.contains("### 1. Our point: \\[Four days\\]\n"), "{md}");
    assert!(
        md.contains("- **They** (con) rebut it with \\<Childcare\\>"),
        "{md}"
    );
    assert!(!md.contains("### 2."), "{md}");
}

#[test]
fn unknown_filter_names_are_usage_errors() {
    let f = four_day();
    let path = f.to_str().expect("UTF-8 path");
    assert_eq!(
        fails(&["status", path, "--side", "neutral"], 2),
        "error: unknown side \"neutral\"; the map's sides are: pro, con\n"
    );
    assert_eq!(
        fails(&["prep", path, "--side", "neutral"], 2),
        "error: unknown side \"neutral\"; the map's sides are: pro, con\n"
    );
    assert_eq!(
        fails(&["render", path, "--tag", "money"], 2),
        "error: no node has the tag \"money\"; the tags in the map are: none\n"
    );
    assert_eq!(
        fails(&["export", "--to", "json", path, "--section", "Costs"], 2),
        "error: no section is called \"Costs\"; the sections are: The proposal, Objections\n"
    );
    assert_eq!(
        fails(&["unanswered", path, "--focus", "savings"], 2),
        "error: no node is titled \"savings\"; similar titles: Savings, Small savings\n"
    );
}

#[test]
fn status_filters_show_part_and_weigh_the_whole() {
    let text = run(&["status", "--side", "con"], &four_day());
    assert_eq!(
        text,
        "Grounded semantics (Dung 1995): of 10 points, 3 stand, 2 fall, 5 undecided. Showing 4 of 10.\n\n\
         Opponents (con)\n\
         \x20 falls     <Childcare> — falls: undercut by <Community programs> (pro, strength 0.50), which stands\n\
         \x20 stands    <Small savings> — stands: nobody rebuts it\n\
         \x20 undecided <Tired pupils> — undecided: in a cycle of rebuttals with <Focus>\n\
         \x20 undecided [Fifth-day costs] — undecided: in a cycle of contradictions with [Free fifth day]\n"
    );
    let text = run(
        &["status", "--focus", "Childcare", "--depth", "1"],
        &four_day(),
    );
    assert!(text.contains("Showing 3 of 10."), "{text}");
}

#[test]
fn a_filtered_render_says_what_it_hid() {
    let dot = run(&["render", "--side", "con"], &four_day());
    assert!(dot.contains("6 nodes hidden by the filters"), "{dot}");
    assert!(!dot.contains("Community programs"));
    let dot = run(&["render"], &four_day());
    assert!(!dot.contains("hidden by the filters"));
}

#[test]
fn a_filtered_export_keeps_the_relations_among_kept_nodes() {
    let json = run(
        &[
            "export",
            "--to",
            "json",
            "--focus",
            "Childcare",
            "--depth",
            "1",
        ],
        &four_day(),
    );
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let ids: Vec<&str> = value["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(|n| n["id"].as_str().expect("id"))
        .collect();
    assert_eq!(ids, ["[Four days]", "<Childcare>", "<Community programs>"]);
    assert_eq!(value["edges"].as_array().map(Vec::len), Some(2));
}

#[test]
fn export_apx_and_i23() {
    insta::assert_snapshot!("export_apx", run(&["export", "--to", "apx"], &four_day()));
    insta::assert_snapshot!("export_i23", run(&["export", "--to", "i23"], &four_day()));
}

#[test]
fn i23_export_reads_back_with_the_same_ids_and_verdict() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("four-day.af");
    std::fs::write(&path, run(&["export", "--to", "i23"], &four_day())).expect("write");
    let direct = run(&["status", "--format", "json"], &four_day());
    let via_i23 = run(&["status", "--format", "json"], &path);
    // The map groups nodes by side, the bare framework lists them in order: compare as sets.
    let ids_and_labels = |text: &str| -> Vec<(String, String)> {
        let v: serde_json::Value = serde_json::from_str(text).expect("JSON");
        let mut pairs: Vec<(String, String)> = v["nodes"]
            .as_array()
            .expect("nodes")
            .iter()
            .map(|n| (n["id"].to_string(), n["label"].to_string()))
            .collect();
        pairs.sort();
        pairs
    };
    assert_eq!(ids_and_labels(&via_i23), ids_and_labels(&direct));
}

#[test]
fn iccma_files_load_as_maps_for_every_command() {
    let tgf = fixture("analysis", "chain.tgf");
    let json = run(&["export", "--to", "json"], &tgf);
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let edges: Vec<String> = value["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| format!("{} {} {}", e["from"], e["relation"], e["to"]))
        .collect();
    assert_eq!(
        edges,
        [r#""<1>" "rebuts" "<2>""#, r#""<2>" "rebuts" "<3>""#]
    );
    // --from overrides the extension.
    let dir = tempfile::tempdir().expect("tempdir");
    let renamed = dir.path().join("chain.txt");
    std::fs::copy(&tgf, &renamed).expect("copy");
    let text = run(&["stats", "--from", "tgf"], &renamed);
    assert!(text.contains("3 nodes, 2 relations"), "{text}");
    let status = run(&["status", "--from", "tgf"], &renamed);
    assert!(
        status.contains("stands    3 — stands: its only attacker 2 falls"),
        "{status}"
    );
}

#[test]
fn status_writes_files_atomically_and_never_over_an_input() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("status.json");
    let f = four_day();
    counterpoint()
        .args(["status", "--format", "json", "-o"])
        .arg(&out)
        .arg(&f)
        .assert()
        .success();
    let written = read(&out);
    assert_eq!(written, run(&["status", "--format", "json"], &f));
    let input = dir.path().join("in.apx");
    std::fs::copy(fixture("analysis", "odd-cycle.apx"), &input).expect("copy");
    let before = read(&input);
    let err = fails(
        &[
            "status",
            input.to_str().expect("UTF-8"),
            "-o",
            input.to_str().expect("UTF-8"),
        ],
        2,
    );
    assert!(err.contains("it is one of the inputs"), "{err}");
    assert_eq!(read(&input), before);
}
