//! `counterpoint prep`: the brief a coach hands out. Snapshots of both camps' Markdown briefs on
//! the debate in `arguments/`; each at most 250 lines and holding every clash of its camp, in the
//! order `clashes` gives; `--all` writes every clash in full; the HTML prints one page per
//! clash; the JSON agrees with `clashes --format json`; allies are never opponents.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::{counterpoint, fixture, root};

fn arguments() -> PathBuf {
    root().join("arguments")
}

/// Runs `counterpoint ARGS... INPUT`, expects success and no error on stderr (the debate's
/// modelling warnings, W007 and W008, may be there), returns stdout.
fn run(args: &[&str], input: &Path) -> String {
    let out = counterpoint().args(args).arg(input).output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{args:?}: {stderr}");
    assert!(
        stderr.is_empty() || stderr.ends_with("0 errors, 14 warnings\n"),
        "{stderr}"
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// The ids of the clashes `camp` takes part in, in order, from `clashes --format json`.
fn clash_points(camp: &str) -> Vec<String> {
    crate::common::clash_point_ids(&run(
        &["clashes", "--camp", camp, "--format", "json"],
        &arguments(),
    ))
}

/// The id as the Markdown brief writes it (every markup character escaped).
fn escaped(id: &str) -> String {
    let mut out = String::new();
    for c in id.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '#' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The clashes of a Markdown brief, in order: (number, id as written, written in full).
fn brief_clashes(md: &str) -> Vec<(usize, String, bool)> {
    let mut out = Vec::new();
    for line in md.lines() {
        let (full, rest) = if let Some(r) = line.strip_prefix("### ") {
            (true, r)
        } else if let Some(r) = line.strip_prefix("**") {
            (false, r)
        } else {
            continue;
        };
        let Some((number, rest)) = rest.split_once(". ") else {
            continue;
        };
        let Ok(number) = number.parse::<usize>() else {
            continue;
        };
        let (_, id) = rest.split_once(": ").expect("whose point: id");
        let id = if full {
            id
        } else {
            id.split_once("**").expect("bold heading").0
        };
        out.push((number, id.to_string(), full));
    }
    out
}

fn check_brief(camp: &str, md: &str) {
    let lines = md.lines().count();
    assert!(lines <= 250, "{camp}: {lines} lines");
    let expected: Vec<(usize, String)> = clash_points(camp)
        .iter()
        .enumerate()
        .map(|(k, id)| (k + 1, escaped(id)))
        .collect();
    assert!(expected.len() > 20, "{camp}: the debate has its clashes");
    let written: Vec<(usize, String)> = brief_clashes(md)
        .into_iter()
        .map(|(n, id, _)| (n, id))
        .collect();
    assert_eq!(written, expected, "{camp}: every clash, in order");
    assert!(
        md.contains(&format!(
            "## Clashes ({}), most important first",
            expected.len()
        )),
        "{camp}"
    );
}

#[test]
fn the_for_camps_brief() {
    let md = run(&["prep", "--camp", "for"], &arguments());
    check_brief("for", &md);
    insta::assert_snapshot!("prep_arguments_for", md);
}

#[test]
fn the_against_camps_brief() {
    let md = run(&["prep", "--camp", "against"], &arguments());
    check_brief("against", &md);
    // The motion is the most important clash for the camp that attacks it.
    assert_eq!(
        brief_clashes(&md)[0],
        (
            1,
            escaped("[Alliance teachers should unionize with UTLA]"),
            true
        )
    );
    assert!(md.contains("### 1. The motion: "));
    insta::assert_snapshot!("prep_arguments_against", md);
}

#[test]
fn a_side_finds_its_camp() {
    // A side id names its camp; with `--side`, only that side is "we".
    let by_side = run(&["prep", "--camp", "utla"], &arguments());
    assert_eq!(by_side, run(&["prep", "--camp", "for"], &arguments()));
    let one = run(&["prep", "--side", "utla"], &arguments());
    assert!(one.starts_with("# Debate prep: UTLA (2018 statement) (side utla)\n\n- **We:** UTLA (2018 statement) (utla)\n- **Our allies:** UTLA readers backing the union (readers-supportive)\n"), "{one}");
    assert!(
        !one.contains("**We** (readers-supportive)"),
        "an ally is not us"
    );
}

#[test]
fn allies_are_never_opponents() {
    for (camp, sides) in [
        ("for", ["utla", "readers-supportive"]),
        ("against", ["alliance", "readers-critical"]),
    ] {
        let md = run(&["prep", "--camp", camp, "--all"], &arguments());
        let they = md
            .lines()
            .find(|l| l.starts_with("- **They:**"))
            .expect("who is who");
        for side in sides {
            assert!(!they.contains(side), "{camp}: {they}");
            assert!(
                !md.contains(&format!("**They** ({side})")),
                "{camp}: {side}"
            );
        }
        // Every "their point" belongs to another camp: the side its facts name, written in
        // full (`### N. Their point: X`, facts two lines below) or in one paragraph
        // (`**N. Their point: X** — side; ...`), in the full brief and in the short one.
        let short = run(&["prep", "--camp", camp], &arguments());
        let mut checked = 0;
        for brief in [&md, &short] {
            let mut lines = brief.lines();
            while let Some(line) = lines.next() {
                let side = if line.starts_with("### ") && line.contains(". Their point: ") {
                    lines.next();
                    let facts = lines.next().expect("facts");
                    facts.split(';').next().expect("side").to_string()
                } else if line.starts_with("**") && line.contains(". Their point: ") {
                    let (_, rest) = line.split_once("** — ").expect("facts after the point");
                    rest.split(';').next().expect("side").to_string()
                } else {
                    continue;
                };
                checked += 1;
                assert!(!sides.contains(&side.as_str()), "{camp}: {line}");
            }
        }
        assert!(checked > 10, "{camp}: {checked} of their points checked");
    }
}

#[test]
fn all_writes_every_clash_in_full_and_every_list() {
    let short = run(&["prep", "--camp", "for"], &arguments());
    let all = run(&["prep", "--camp", "for", "--all"], &arguments());
    let short_clashes = brief_clashes(&short);
    let all_clashes = brief_clashes(&all);
    assert!(
        short_clashes.iter().any(|c| !c.2),
        "the short brief compacts some"
    );
    assert!(
        short_clashes.iter().any(|c| c.2),
        "and writes the first in full"
    );
    assert!(short_clashes[0].2, "the most important clash is in full");
    assert!(all_clashes.iter().all(|c| c.2), "--all writes all in full");
    assert_eq!(
        short_clashes.iter().map(|c| &c.1).collect::<Vec<_>>(),
        all_clashes.iter().map(|c| &c.1).collect::<Vec<_>>()
    );
    assert!(all.lines().count() > 250);
    assert!(all.contains("## Press: our points no opponent answered ("));
    assert!(all.contains("## Their points nobody answered ("));
    assert!(!short.contains("## Their points nobody answered"));
}

#[test]
fn html_prints_one_page_per_clash() {
    let html = run(
        &["prep", "--camp", "against", "--format", "html"],
        &arguments(),
    );
    let clashes = clash_points("against").len();
    assert_eq!(html.matches("<section class=\"clash\"").count(), clashes);
    for k in 1..=clashes {
        assert!(html.contains(&format!("<section class=\"clash\" id=\"clash-{k}\">")));
    }
    assert!(html.contains(
        "@media print {\n  body { max-width: none; margin: 0; font-size: 11pt; }\n  section.clash, \
         section.lists { break-before: page; }"
    ));
    // Map text is escaped: the ids' angle brackets never become markup.
    assert!(
        html.contains("<span class=\"id\">&lt;Green Dot keeps autonomy under contract&gt;</span>")
    );
    assert!(!html.contains("<Green Dot keeps"));
    for outside in ["<script", "src=", "href=\"http", "<link"] {
        assert!(!html.contains(outside), "{outside}");
    }
}

#[test]
fn json_agrees_with_clashes() {
    let brief: Value = serde_json::from_str(&run(
        &["prep", "--camp", "for", "--format", "json"],
        &arguments(),
    ))
    .expect("JSON");
    let clashes: Value = serde_json::from_str(&run(
        &["clashes", "--camp", "for", "--format", "json"],
        &arguments(),
    ))
    .expect("JSON");
    let (b, c) = (
        brief["clashes"].as_array().expect("brief clashes"),
        clashes["clashes"].as_array().expect("clashes"),
    );
    assert_eq!(b.len(), c.len());
    for (b, c) in b.iter().zip(c) {
        // Every field of the clash is the same; the brief adds its own.
        for (key, value) in c.as_object().expect("object") {
            assert_eq!(&b[key], value, "{key}");
        }
        assert!(b["hinges_on"].is_array(), "{b}");
        assert!(["ours", "theirs", "nobody"].contains(&b["role"].as_str().expect("role")));
    }
    assert_eq!(brief["camp"]["id"], "for");
    assert_eq!(
        brief["motion"]["node"]["id"],
        "[Alliance teachers should unionize with UTLA]"
    );
}

#[test]
fn a_small_brief_with_an_ally_and_a_dispute() {
    insta::assert_snapshot!(run(
        &["prep", "--side", "parents"],
        &fixture("clashes", "uniforms.argdown")
    ));
}

#[test]
fn an_unknown_camp_is_a_usage_error() {
    let out = counterpoint()
        .args(["prep", "--camp", "teachers"])
        .arg(fixture("clashes", "uniforms.argdown"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: unknown camp \"teachers\"; the camps are: yes, no, research\n"
    );
    let out = counterpoint()
        .args(["prep"])
        .arg(fixture("clashes", "uniforms.argdown"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2), "--camp or --side is required");
}

#[test]
fn a_side_is_briefed_with_its_own_camp_even_when_another_camp_has_its_id() {
    // Camp `b` holds side `a`; side `b` is in camp `rest`.
    let md = run(
        &["prep", "--side", "b"],
        &fixture("prep", "camp-named-like-a-side.argdown"),
    );
    let head: Vec<&str> = md.lines().take(4).collect();
    assert_eq!(
        head,
        [
            "# Debate prep: B (side b)",
            "",
            "- **We:** B (b)",
            "- **They:** Camp with side a: a",
        ]
    );
    assert!(
        md.contains("### 1. Their point: \\[P\\]\n\na; falls, strength 0.25; their thesis\n"),
        "{md}"
    );
}

#[test]
fn our_moves_are_ours_whatever_their_depth() {
    // Their thesis Q is rebutted by a third camp's R, which our P rebuts; our P2 rebuts Q and
    // their Z rebuts P2. P argues for the point's side by its depth, but it is ours.
    let md = run(
        &["prep", "--camp", "for"],
        &fixture("prep", "third-camp.argdown"),
    );
    let start = md.find("### 1. ").expect("clash 1");
    let end = md[start..].find("\n\n**2. ").expect("clash 2") + start;
    assert_eq!(
        &md[start..end],
        "### 1. Their point: \\[Q\\]\n\
         \n\
         b; stands, strength 0.28; their thesis\n\
         \n\
         their thesis.\n\
         \n\
         - **Also c** rebuts it with \\<R\\>, which falls: the third camp rebuts Q.\n\
         \x20 - **We** (a) rebut it with \\<P\\>, which stands: we rebut R.\n\
         - **We** (a) rebut it with \\<P2\\>, which falls: we rebut Q.\n\
         \x20 - **They** (b) rebut it with \\<Z\\>, which stands: they rebut P2.\n\
         - **Left standing:** on our side: \\<P\\>; on theirs: \\[Q\\] and \\<Z\\>.\n\
         - **Hinges on:** \\<P\\> rebuts \\<R\\> (without it, the point falls; strength 0.19); \
         \\<Z\\> rebuts \\<P2\\> (without it, the point falls; strength 0.19).\n\
         - **Next:** answer \\<Z\\>: it still stands against us."
    );
    let v: Value = serde_json::from_str(&run(
        &["prep", "--camp", "for", "--format", "json"],
        &fixture("prep", "third-camp.argdown"),
    ))
    .expect("JSON");
    assert_eq!(
        v["clashes"][0]["standing"],
        serde_json::json!({"ours": ["<P>"], "theirs": ["[Q]", "<Z>"], "undecided": []})
    );
}

#[test]
fn a_dense_map_gives_a_brief_of_bounded_size() {
    // Each of 40 points of side a rebuts each of 40 points of side b, and back: 3,200
    // relations. Each clash lists at most 50 moves, so the JSON brief stays small (it listed
    // every relation 4 levels deep under each of the 80 clashes).
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("dense.argdown");
    std::fs::write(&path, crate::clashes::dense(40)).expect("written");
    let v: Value = serde_json::from_str(&run(&["prep", "--side", "a", "--format", "json"], &path))
        .expect("JSON");
    let clashes = v["clashes"].as_array().expect("clashes");
    assert_eq!(clashes.len(), 80);
    for c in clashes {
        assert_eq!(c["attacks"].as_array().expect("attacks").len(), 40);
        assert_eq!(c["unlisted"], 0);
    }
}
