//! `counterpoint check`: one test per diagnostic code with the exact rendered text, all errors
//! of a file reported, exit codes, JSON output, citations checked against source texts.
//!
//! The expected texts use relative paths: the command runs in the crate root.

use crate::common::counterpoint;

/// Runs `counterpoint ARGS` and checks the exit code; returns standard output.
fn run(args: &[&str], code: i32) -> String {
    crate::common::run_in(&crate::common::root(), args, code)
}

#[test]
fn ok_map_has_no_diagnostics() {
    let out = run(
        &[
            "check",
            "tests/integration/check/ok.argdown",
            "--sources",
            "tests/integration/check/sources",
        ],
        0,
    );
    assert_eq!(out, r##""##);
}

#[test]
fn e001_syntax() {
    let out = run(&["check", "tests/integration/check/e001_syntax.argdown"], 1);
    assert_eq!(
        out,
        r##"tests/integration/check/e001_syntax.argdown:1:75: error[E001]: text after the {...} metadata
  |
1 | [Four days]: The district should move to a four-day week. {note: "draft"} today
  |                                                                           ^
  = help: metadata must come last: move the text before the `{`

1 error, 0 warnings
"##
    );
}

#[test]
fn e002_inconsistent_indentation() {
    let out = run(
        &["check", "tests/integration/check/e002_indentation.argdown"],
        1,
    );
    assert_eq!(
        out,
        r##"tests/integration/check/e002_indentation.argdown:4:3: error[E002]: inconsistent indentation: this line does not line up with any relation above it
  |
4 |   + <Rest>: Pupils are rested.
  |   ^
  = help: line it up with a relation above it: they start at column 5 or 7

1 error, 0 warnings
"##
    );
}

#[test]
fn e003_relation_without_parent() {
    let out = run(
        &[
            "check",
            "tests/integration/check/e003_orphan_relation.argdown",
        ],
        1,
    );
    assert_eq!(
        out,
        r##"tests/integration/check/e003_orphan_relation.argdown:3:3: error[E003]: relation with no parent: there is no statement or argument above it
  |
3 |   + <Savings>: A shorter week saves on transport.
  |   ^
  = help: put the relation directly under (no blank line) the statement or argument it relates to, indented

1 error, 0 warnings
"##
    );
}

#[test]
fn e004_unknown_side() {
    let out = run(
        &["check", "tests/integration/check/e004_unknown_side.argdown"],
        1,
    );
    assert_eq!(
        out,
        r##"tests/integration/check/e004_unknown_side.argdown:7:1: error[E004]: unknown side "cons" on <Childcare>
  |
7 | <Childcare>: Parents pay for childcare on the fifth day. {side: cons}
  | ^^^^^^^^^^^
  = help: declared sides are: pro, con

1 error, 0 warnings
"##
    );
}

#[test]
fn e005_unknown_source() {
    let out = run(
        &[
            "check",
            "tests/integration/check/e005_unknown_source.argdown",
        ],
        1,
    );
    assert_eq!(
        out,
        r##"tests/integration/check/e005_unknown_source.argdown:6:65: error[E005]: unknown source "memos" cited by <Childcare>
  |
6 | <Childcare>: Parents pay for childcare on the fifth day. {cite: "memos:3-4"}
  |                                                                 ^^^^^^^
  = help: declared sources are: memo

1 error, 0 warnings
"##
    );
}

#[test]
fn e006_malformed_cite() {
    let out = run(
        &[
            "check",
            "tests/integration/check/e006_malformed_cite.argdown",
        ],
        1,
    );
    assert_eq!(
        out,
        r##"tests/integration/check/e006_malformed_cite.argdown:6:65: error[E006]: malformed cite "memo:4-3": the range 4-3 runs backwards
  |
6 | <Childcare>: Parents pay for childcare on the fifth day. {cite: "memo:4-3"}
  |                                                                 ^^^^^^^^^^
  = help: write `cite: "source:line"`, `cite: "source:first-last"` or a list of them, with 1-based line numbers

1 error, 0 warnings
"##
    );
}

#[test]
fn e007_cite_out_of_range() {
    let out = run(
        &[
            "check",
            "tests/integration/check/e007_cite_out_of_range.argdown",
            "--sources",
            "tests/integration/check/sources",
        ],
        1,
    );
    assert_eq!(
        out,
        r##"tests/integration/check/e007_cite_out_of_range.argdown:6:65: error[E007]: <Childcare> cites memo:4-9 but memo.txt has 5 lines
  |
6 | <Childcare>: Parents pay for childcare on the fifth day. {cite: "memo:4-9"}
  |                                                                 ^^^^^^
  = help: cite lines between 1 and 5

1 error, 0 warnings
"##
    );
}

#[test]
fn e008_quote_not_found() {
    let out = run(
        &[
            "check",
            "tests/integration/check/e008_quote_not_found.argdown",
            "--sources",
            "tests/integration/check/sources",
        ],
        1,
    );
    assert_eq!(
        out,
        r##"tests/integration/check/e008_quote_not_found.argdown:6:65: error[E008]: the quote "free lunches" is not in memo:3-4
  |
6 | <Childcare>: Parents pay for childcare on the fifth day. {cite: "memo:3-4", quote: "free lunches"}
  |                                                                 ^^^^^^
  = help: the quote does not occur anywhere in memo.txt: copy it exactly from the source

1 error, 0 warnings
"##
    );
}

#[test]
fn e009_conflicting_frontmatter_across_files() {
    let out = run(&["check", "tests/integration/check/e009"], 1);
    assert_eq!(
        out,
        r##"tests/integration/check/e009/b.argdown:3:3: error[E009]: side "pro" is declared twice with different content
  |
3 |   pro: {label: "Parents for four days"}
  |   ^^^
  = help: first declared at tests/integration/check/e009/a.argdown:3 with label "Supporters", color "#1b9e77"; here with label "Parents for four days"

1 error, 0 warnings
"##
    );
}

#[test]
fn e010_unsupported() {
    let out = run(
        &["check", "tests/integration/check/e010_unsupported.argdown"],
        1,
    );
    assert_eq!(
        out,
        r##"tests/integration/check/e010_unsupported.argdown:3:3: error[E010]: `model: explodeArguments` is not supported yet
  |
3 |   explodeArguments: true
  |   ^^^^^^^^^^^^^^^^
  = help: counterpoint keeps each premise-conclusion structure as one argument; remove the setting

1 error, 0 warnings
"##
    );
}

#[test]
fn e011_source_file_missing() {
    let out = run(
        &[
            "check",
            "tests/integration/check/e011_source_file_missing.argdown",
            "--sources",
            "tests/integration/check/sources",
        ],
        1,
    );
    assert_eq!(
        out,
        r##"tests/integration/check/e011_source_file_missing.argdown:6:65: error[E011]: the text of source "survey" is missing
  |
6 | <Childcare>: Parents pay for childcare on the fifth day. {cite: "survey:3"}
  |                                                                 ^^^^^^^^
  = help: there is no file tests/integration/check/sources/survey.txt

1 error, 0 warnings
"##
    );
}

#[test]
fn e012_bad_metadata() {
    let out = run(
        &["check", "tests/integration/check/e012_bad_metadata.argdown"],
        1,
    );
    assert_eq!(
        out,
        r##"tests/integration/check/e012_bad_metadata.argdown:1:69: error[E012]: metadata is not valid YAML: did not find expected ',' or ']'
  |
1 | <Childcare>: Parents pay for childcare on the fifth day. {side: [con}
  |                                                                     ^
  = help: metadata is a YAML mapping in braces, e.g. `{side: pro, cite: "memo:3-4"}`; quote values that contain `:`, `#`, `,` or brackets

1 error, 0 warnings
"##
    );
}

#[test]
fn e015_motion_and_camps() {
    let out = run(
        &[
            "check",
            "tests/integration/check/e015_motion_and_camps.argdown",
        ],
        1,
    );
    assert_eq!(
        out,
        r##"tests/integration/check/e015_motion_and_camps.argdown:2:1: error[E015]: the motion "Four-day week" is not a statement of the map
  |
2 | motion: "Four-day week"
  | ^^^^^^
  = help: define the statement `[Four-day week]: ...`, or write the title of one of the map's statements after `motion:`

tests/integration/check/e015_motion_and_camps.argdown:9:3: error[E004]: unknown side "parents" in camp "against"
  |
9 |   against: {label: "Against", sides: [con, board, parents]}
  |   ^^^^^^^
  = help: declared sides are: pro, con, board

tests/integration/check/e015_motion_and_camps.argdown:9:3: error[E015]: side "board" is in two camps: "for" and "against"
  |
9 |   against: {label: "Against", sides: [con, board, parents]}
  |   ^^^^^^^
  = help: a side belongs to at most one camp: remove it from one of them

3 errors, 0 warnings
"##
    );
}

#[test]
fn w001_undefined_reference() {
    let out = run(
        &[
            "check",
            "tests/integration/check/w001_undefined_reference.argdown",
        ],
        0,
    );
    assert_eq!(
        out,
        r##"tests/integration/check/w001_undefined_reference.argdown:2:5: warning[W001]: <Savings> is referenced but never defined
  |
2 |   + <Savings>
  |     ^^^^^^^^^
  = help: define it once with `<Savings>: text`

0 errors, 1 warning
"##
    );
}

#[test]
fn w002_support_cycle() {
    let out = run(
        &[
            "check",
            "tests/integration/check/w002_support_cycle.argdown",
        ],
        0,
    );
    assert_eq!(
        out,
        r##"tests/integration/check/w002_support_cycle.argdown:1:1: warning[W002]: supports form a cycle: [Four days] -> [Rested pupils] -> [Four days]
  |
1 | [Four days]: The district should move to a four-day week.
  | ^^^^^^^^^^^
  = help: a point cannot be a reason for itself: remove or reverse one of these supports

0 errors, 1 warning
"##
    );
}

#[test]
fn w003_no_side() {
    let out = run(
        &["check", "tests/integration/check/w003_no_side.argdown"],
        0,
    );
    assert_eq!(
        out,
        r##"tests/integration/check/w003_no_side.argdown:7:5: warning[W003]: <Savings> has no side
  |
7 |   + <Savings>: A shorter week saves on transport.
  |     ^^^^^^^^^
  = help: give it `{side: id}`, a tag naming a side, or put it under a heading with `{side: id}`; declared sides are: pro

0 errors, 1 warning
"##
    );
}

#[test]
fn w004_self_relation() {
    let out = run(
        &[
            "check",
            "tests/integration/check/w004_self_relation.argdown",
        ],
        0,
    );
    assert_eq!(
        out,
        r##"tests/integration/check/w004_self_relation.argdown:2:3: warning[W004]: [Four days] rebuts itself
  |
2 |   - [Four days]
  |   ^
  = help: relate it to another statement or argument, or remove the relation

0 errors, 1 warning
"##
    );
}

#[test]
fn w006_blank_line_needed() {
    let out = run(
        &[
            "check",
            "tests/integration/check/w006_blank_line_needed.argdown",
        ],
        0,
    );
    assert_eq!(
        out,
        r##"tests/integration/check/w006_blank_line_needed.argdown:2:1: warning[W006]: Argdown needs a blank line after a heading
  |
2 | [Four days]: The district should move to a four-day week.
  | ^
  = help: counterpoint reads this, but the Argdown tools reject it: add an empty line above

tests/integration/check/w006_blank_line_needed.argdown:3:1: warning[W006]: Argdown needs a blank line before a new top-level element
  |
3 | [Rested pupils]: Pupils are rested after a long weekend.
  | ^
  = help: counterpoint reads this, but the Argdown tools reject it: add an empty line above

0 errors, 2 warnings
"##
    );
}

#[test]
fn w007_undercut_of_statement() {
    let out = run(
        &[
            "check",
            "tests/integration/check/w007_undercut_of_statement.argdown",
        ],
        0,
    );
    // The undercut of the argument <Savings> is what an undercut is for: no warning.
    assert_eq!(
        out,
        r##"tests/integration/check/w007_undercut_of_statement.argdown:8:3: warning[W007]: <Childcare> undercuts the statement [Four days]
  |
8 |   _ <Childcare>: Parents pay for childcare on the fifth day. {side: con}
  |   ^
  = help: an undercut attacks an argument's inference, and a statement has none: write `-` to rebut [Four days], or aim the undercut at the argument whose inference it denies

0 errors, 1 warning
"##
    );
}

#[test]
fn w008_own_side_attack() {
    let out = run(
        &[
            "check",
            "tests/integration/check/w008_own_side_attack.argdown",
        ],
        0,
    );
    // [Four days] is attacked by an ally of another side (an internal dispute), and
    // <Longer days> by its own side and an opponent: neither is warned about.
    assert_eq!(
        out,
        r##"tests/integration/check/w008_own_side_attack.argdown:15:3: warning[W008]: only its own side "pro" attacks <Savings>: <Shrinking savings> rebuts it
   |
15 |   - <Shrinking savings>: The savings shrink after the first year. {side: pro}
   |   ^
   = help: an attack from a point's own side is usually a caveat in the wrong place: aim it at the opponent's point it answers, or fold the caveat into the point's text; keep it if the side really argues against its own point here

0 errors, 1 warning
"##
    );
}

#[test]
fn w008_needs_declared_camps() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = crate::common::read(
        &crate::common::root().join("tests/integration/check/w008_own_side_attack.argdown"),
    );
    let without = text.replace(
        "camps:\n  for: {label: \"For the change\", sides: [pro, board]}\n",
        "",
    );
    assert_ne!(without, text);
    std::fs::write(dir.path().join("map.argdown"), without).expect("writes");
    assert_eq!(
        run_in(dir.path(), &["check", "map.argdown"]),
        (Some(0), String::new())
    );
}

const I001_TEXT: &str = r##"tests/integration/check/i001_earlier_source.argdown:12:3: info[I001]: <Tired pupils> rebuts [Four days], but cites a source from 2019 (study), before the point's source from 2024 (memo)
   |
12 |   - <Tired pupils>: Young pupils tire in long days. {side: con, cite: "study:1"}
   |   ^
   = help: a text cannot reply to one written after it: this is evidence against [Four days], not an answer to it; keep it if that is what you mean, or answer the point with a source from 2024 or later
"##;

#[test]
fn i001_earlier_source_only_with_lint_all() {
    let file = "tests/integration/check/i001_earlier_source.argdown";
    // <Childcare> cites a later source: a reply, not flagged.
    assert_eq!(
        run(&["check", "--lint", "all", file], 0),
        format!("{I001_TEXT}\n0 errors, 0 warnings, 1 info\n")
    );
    assert_eq!(run(&["check", file], 0), "");
    assert_eq!(run(&["check", "--lint", "default", file], 0), "");
    let json = run(&["check", "--lint", "all", "--format", "json", file], 0);
    let found: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(found[0]["code"], "I001");
    assert_eq!(found[0]["name"], "earlier-source");
    assert_eq!(found[0]["severity"], "info");
    assert_eq!(found.as_array().map(Vec::len), Some(1));
    assert_eq!(run(&["check", "--format", "json", file], 0), "[]\n");
}

#[test]
fn infos_never_change_the_exit_code_nor_show_outside_check() {
    let file = "tests/integration/check/i001_earlier_source.argdown";
    let out = run(
        &[
            "check",
            "--lint",
            "all",
            file,
            "tests/integration/check/e004_unknown_side.argdown",
        ],
        1,
    );
    assert!(out.contains(I001_TEXT), "{out}");
    assert!(out.ends_with("\n1 error, 0 warnings, 1 info\n"), "{out}");
    for command in [&["status"][..], &["unanswered"], &["stats"]] {
        let out = counterpoint()
            .args(command)
            .arg(file)
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(0), "{command:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{command:?}");
    }
}

#[test]
fn three_independent_errors_are_all_reported() {
    let out = run(
        &["check", "tests/integration/check/three_errors.argdown"],
        1,
    );
    assert_eq!(
        out,
        r##"tests/integration/check/three_errors.argdown:7:69: error[E006]: malformed cite "memo": there is no `:` between the source and the lines
  |
7 |   + <Savings>: A shorter week saves on transport. {side: pro, cite: "memo"}
  |                                                                     ^^^^^^
  = help: write `cite: "source:line"`, `cite: "source:first-last"` or a list of them, with 1-based line numbers

tests/integration/check/three_errors.argdown:9:3: error[E003]: relation with no parent: there is no statement or argument above it
  |
9 |   - <Childcare>: Parents pay for childcare. {side: pro}
  |   ^
  = help: put the relation directly under (no blank line) the statement or argument it relates to, indented

tests/integration/check/three_errors.argdown:11:49: error[E001]: text after the {...} metadata
   |
11 | <Rested pupils>: Pupils are rested. {side: pro} after a long weekend
   |                                                 ^
   = help: metadata must come last: move the text before the `{`

3 errors, 0 warnings
"##
    );
}

#[test]
fn json_format() {
    let out = run(
        &[
            "check",
            "--format",
            "json",
            "tests/integration/check/e004_unknown_side.argdown",
            "tests/integration/check/w004_self_relation.argdown",
        ],
        1,
    );
    assert_eq!(
        out,
        r##"[
  {
    "code": "E004",
    "name": "unknown-side",
    "severity": "error",
    "message": "unknown side \"cons\" on <Childcare>",
    "file": "tests/integration/check/e004_unknown_side.argdown",
    "line": 7,
    "column": 1,
    "help": "declared sides are: pro, con"
  },
  {
    "code": "W003",
    "name": "no-side",
    "severity": "warning",
    "message": "[Four days] has no side",
    "file": "tests/integration/check/w004_self_relation.argdown",
    "line": 1,
    "column": 1,
    "help": "give it `{side: id}`, a tag naming a side, or put it under a heading with `{side: id}`; declared sides are: pro, con"
  },
  {
    "code": "W004",
    "name": "self-relation",
    "severity": "warning",
    "message": "[Four days] rebuts itself",
    "file": "tests/integration/check/w004_self_relation.argdown",
    "line": 2,
    "column": 3,
    "help": "relate it to another statement or argument, or remove the relation"
  }
]
"##
    );
}

#[test]
fn missing_file_is_exit_2() {
    let out = counterpoint()
        .args(["check", "tests/integration/check/no-such-file.argdown"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("error: cannot read tests/integration/check/no-such-file.argdown"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn bad_usage_is_exit_2() {
    for args in [
        vec!["check"],
        vec![
            "check",
            "--format",
            "xml",
            "tests/integration/check/ok.argdown",
        ],
        vec![
            "check",
            "--no-such-flag",
            "tests/integration/check/ok.argdown",
        ],
    ] {
        let out = counterpoint().args(&args).output().expect("runs");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn warnings_alone_exit_0_errors_exit_1() {
    // Already covered per code above; here the same map with and without its error.
    let ok = counterpoint()
        .args(["check", "tests/integration/check/w003_no_side.argdown"])
        .output()
        .expect("runs");
    assert_eq!(ok.status.code(), Some(0));
    let bad = counterpoint()
        .args([
            "check",
            "tests/integration/check/w003_no_side.argdown",
            "tests/integration/check/e004_unknown_side.argdown",
        ])
        .output()
        .expect("runs");
    assert_eq!(bad.status.code(), Some(1));
}

/// argdown -> JSON -> model equals argdown -> model, for every fixture that loads without
/// errors (and the debate when present).
#[test]
fn round_trip_through_json() {
    use counterpoint::formats::json;
    use counterpoint::load::load;

    let mut inputs: Vec<std::path::PathBuf> = Vec::new();
    for dir in ["check", "conformance"] {
        let dir = crate::common::root().join("tests/integration").join(dir);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut files: Vec<_> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "argdown"))
            .collect();
        files.sort();
        inputs.extend(files);
    }
    inputs.push(crate::common::root().join("arguments"));
    let mut checked = 0;
    for input in inputs {
        let loaded = load(std::slice::from_ref(&input), None).expect("reads");
        if loaded.has_errors() {
            continue;
        }
        let text = json::to_string(&loaded.map);
        let mut diagnostics = Vec::new();
        let back = json::read("map.json", &text, &mut diagnostics)
            .unwrap_or_else(|| panic!("{}: {diagnostics:?}", input.display()));
        assert!(
            diagnostics.is_empty(),
            "{}: {diagnostics:?}",
            input.display()
        );
        assert!(
            back == loaded.map,
            "{} changed in the round trip",
            input.display()
        );
        checked += 1;
    }
    assert!(checked >= 8, "only {checked} maps checked");
}

/// Runs `counterpoint ARGS` in `dir`; returns the exit code and standard output.
fn run_in(dir: &std::path::Path, args: &[&str]) -> (Option<i32>, String) {
    let out = counterpoint()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("runs");
    let stdout = String::from_utf8(out.stdout).expect("UTF-8 output");
    (out.status.code(), stdout)
}

#[test]
fn byte_order_mark_is_not_part_of_the_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("bom.argdown"),
        b"\xEF\xBB\xBF[A]: one {side: x}\r\n  - [B]: two\r\n",
    )
    .expect("writes");
    let (code, out) = run_in(dir.path(), &["check", "bom.argdown"]);
    assert_eq!(code, Some(1));
    // Only the unknown side: no E001 for the `[` after the mark, and column 1 is the `[`.
    assert_eq!(
        out,
        r##"bom.argdown:1:1: error[E004]: unknown side "x" on [A]
  |
1 | [A]: one {side: x}
  | ^^^
  = help: the map declares no sides; declare them in the frontmatter: `sides: {id: {label: ...}}`

1 error, 0 warnings
"##
    );
    // The same in the other formats: JSON and ICCMA files with a mark read as without.
    std::fs::write(
        dir.path().join("af.apx"),
        b"\xEF\xBB\xBFarg(a).\narg(b).\natt(a,b).\n",
    )
    .expect("writes");
    assert_eq!(
        run_in(dir.path(), &["check", "af.apx"]),
        (Some(0), String::new())
    );
}

#[test]
fn text_that_is_not_utf8_is_an_error_at_the_first_bad_byte() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Latin-1 (`é` is the byte 0xE9), and a file with three bad bytes on its second line.
    std::fs::write(dir.path().join("latin1.argdown"), b"[A]: caf\xE9 au lait\n").expect("writes");
    std::fs::write(
        dir.path().join("two.argdown"),
        b"[A]: ok\r\n\r\n[B]: bad \xFF\xFE here \xE9 {side: x}\r\n",
    )
    .expect("writes");
    let (code, out) = run_in(dir.path(), &["check", "latin1.argdown", "two.argdown"]);
    assert_eq!(code, Some(1));
    // Every problem is reported: the encoding of both files, and the unknown side after it.
    assert_eq!(
        out,
        r##"latin1.argdown:1:9: error[E013]: the file is not UTF-8 text: byte 0xE9 here is not UTF-8
  |
1 | [A]: caf� au lait
  |         ^
  = help: save the file with the UTF-8 encoding (most editors offer it under "Save as"); counterpoint reads only UTF-8

two.argdown:3:1: error[E004]: unknown side "x" on [B]
  |
3 | [B]: bad �� here � {side: x}
  | ^^^
  = help: the map declares no sides; declare them in the frontmatter: `sides: {id: {label: ...}}`

two.argdown:3:10: error[E013]: the file is not UTF-8 text: byte 0xFF here is not UTF-8 (and 2 more places in the file)
  |
3 | [B]: bad �� here � {side: x}
  |          ^
  = help: save the file with the UTF-8 encoding (most editors offer it under "Save as"); counterpoint reads only UTF-8

3 errors, 0 warnings
"##
    );
    // fmt refuses such files and leaves them as they are.
    let out = counterpoint()
        .current_dir(dir.path())
        .args(["fmt", "latin1.argdown"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        std::fs::read(dir.path().join("latin1.argdown")).expect("reads"),
        b"[A]: caf\xE9 au lait\n"
    );
}

#[test]
fn a_closed_pipe_stops_quietly_without_a_panic() {
    let dir = tempfile::tempdir().expect("temp dir");
    // About 2 MB of diagnostics: far more than a pipe holds, so writes go on after the reader
    // has gone (`counterpoint check ... | head -1`).
    let map: String = (0..10_000)
        .map(|i| format!("[A{i}]: a point {{side: nope}}\n\n"))
        .collect();
    std::fs::write(dir.path().join("many.argdown"), map).expect("writes");
    for format in ["text", "json"] {
        let (code, stderr) = crate::common::with_closed_stdout(
            dir.path(),
            &["check", "many.argdown", "--format", format],
        );
        assert_eq!(stderr, "", "no panic, no message");
        assert_eq!(code, Some(0), "a closed pipe is success");
    }
}

#[test]
fn an_enormous_line_is_shown_around_the_caret() {
    let dir = tempfile::tempdir().expect("temp dir");
    let line = format!(
        "[A]: {} {{side: nope}}{}",
        "x".repeat(1000),
        "y".repeat(1000)
    );
    std::fs::write(dir.path().join("long.argdown"), format!("{line}\n")).expect("writes");
    let (code, out) = run_in(dir.path(), &["check", "long.argdown"]);
    assert_eq!(code, Some(1));
    // The first 500 characters when the caret is near the start; else from 200 before it.
    let head = format!("{}…", line.chars().take(500).collect::<String>());
    let around: String = line.chars().skip(1018 - 200).take(500).collect();
    assert_eq!(
        out,
        format!(
            r##"long.argdown:1:1: error[E004]: unknown side "nope" on [A]
  |
1 | {head}
  | ^^^
  = help: the map declares no sides; declare them in the frontmatter: `sides: {{id: {{label: ...}}}}`

long.argdown:1:1019: error[E001]: text after the {{...}} metadata
  |
1 | …{around}…
  | {}^
  = help: metadata must come last: move the text before the `{{`

2 errors, 0 warnings
"##,
            " ".repeat(201)
        )
    );
}

#[test]
fn a_second_map_in_another_format_is_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    let map = std::fs::read(crate::common::fixture("export", "small.json")).expect("reads");
    std::fs::write(dir.path().join("a.json"), &map).expect("writes");
    std::fs::write(dir.path().join("b.json"), &map).expect("writes");
    let (code, out) = run_in(dir.path(), &["check", "a.json", "b.json"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        out,
        "b.json: error[E013]: only one non-Argdown map can be read at a time
  = help: read this file on its own, or turn it into Argdown first with `counterpoint export --to argdown`

1 error, 0 warnings
"
    );
}

#[test]
fn folders_are_read_with_their_subfolders_in_path_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    std::fs::create_dir_all(root.join("b/inner")).expect("mkdir");
    std::fs::create_dir_all(root.join(".hidden")).expect("mkdir");
    std::fs::write(root.join("a.argdown"), "[A]: first.\n").expect("write");
    std::fs::write(root.join("b/inner/c.argdown"), "[C]: third.\n  +> [A]\n").expect("write");
    std::fs::write(root.join("b/b.argdown"), "[B]: second.\n").expect("write");
    std::fs::write(root.join(".hidden/h.argdown"), "[H]: hidden.\n").expect("write");
    std::fs::write(root.join("notes.txt"), "not a map").expect("write");
    let loaded = counterpoint::load::load(&[root.to_path_buf()], None).expect("loads");
    let names: Vec<String> = loaded
        .files
        .iter()
        .map(|f| {
            f.strip_prefix(&*root.to_string_lossy())
                .unwrap_or(f)
                .to_string()
        })
        .collect();
    assert_eq!(
        names,
        ["/a.argdown", "/b/b.argdown", "/b/inner/c.argdown"],
        "hidden folders and other files are passed over"
    );
    let titles: Vec<&str> = loaded.map.nodes().map(|(_, n)| n.title.as_str()).collect();
    assert_eq!(titles, ["A", "B", "C"]);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
}

#[test]
fn a_folder_without_maps_is_an_io_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("empty")).expect("mkdir");
    let out = counterpoint()
        .current_dir(dir.path())
        .args(["check", "empty"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: empty: no .argdown files in this folder or its subfolders\n"
    );
}

/// `check --sources` quotes the map's lines from the texts the loader read (the byte-order mark
/// dropped): a map file changed or gone after loading is not read again.
#[test]
fn citations_quote_the_map_texts_in_memory_not_the_files_on_disk() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("map.argdown");
    std::fs::write(
        &path,
        "\u{feff}===\r\nsources:\r\n  memo: {title: \"District memo\", file: \"memo.txt\"}\r\n\
         ===\r\n\r\n<Childcare>: Parents pay. {cite: \"memo:4-9\"}\r\n\
         <Survey>: Parents said so. {cite: \"survey:1\"}\r\n",
    )
    .expect("write");
    let loaded = counterpoint::load::load(std::slice::from_ref(&path), None).expect("loads");
    // The file on disk is gone: the line shown comes from the text in memory.
    std::fs::remove_file(&path).expect("remove");
    let name = path.display().to_string();
    assert_eq!(loaded.texts.len(), 1);
    assert_eq!(loaded.texts[0].0, name);
    assert!(loaded.texts[0].1.starts_with("===\r\nsources:"));
    let folder = counterpoint::files::SourceFolder::new(
        &crate::common::root().join("tests/integration/check/sources"),
        counterpoint::files::Limits::default(),
    )
    .expect("the folder exists");
    let found = counterpoint::check::citations::check_sources(&loaded.map, &folder, &loaded.texts);
    assert_eq!(
        counterpoint::diagnostic::render_all(&found),
        format!(
            "{name}:6:34: error[E007]: <Childcare> cites memo:4-9 but memo.txt has 5 lines
  |
6 | <Childcare>: Parents pay. {{cite: \"memo:4-9\"}}
  |                                  ^^^^^^
  = help: cite lines between 1 and 5

1 error, 0 warnings
"
        )
    );
    // The same map given as text only, under a name no file has.
    let texts = [(
        "nowhere/map.argdown".to_string(),
        "===\nsources:\n  memo: {title: M, file: memo.txt}\n===\n\n[A]: a {cite: \"memo:9\"}\n"
            .to_string(),
    )];
    assert!(!std::path::Path::new("nowhere/map.argdown").exists());
    let loaded = counterpoint::load::load_texts(&texts, Some(counterpoint::Format::Argdown));
    let found = counterpoint::check::citations::check_sources(&loaded.map, &folder, &loaded.texts);
    assert_eq!(
        counterpoint::diagnostic::render_all(&found),
        "nowhere/map.argdown:6:15: error[E007]: [A] cites memo:9 but memo.txt has 5 lines
  |
6 | [A]: a {cite: \"memo:9\"}
  |               ^^^^^^
  = help: cite lines between 1 and 5

1 error, 0 warnings
"
    );
}
