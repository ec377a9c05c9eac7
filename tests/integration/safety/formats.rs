//! Safety regressions: formats (issue 10, defects 6, 8, 11, 15, 16 and the JSON part of 19).
//!
//! Each test writes its input into a scratch folder and runs `counterpoint` there, so that the
//! file names in the expected texts are short.

use std::path::Path;

use crate::common::{counterpoint, run_in};

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).expect("writes");
}

// Defect 8: diagnostics on JSON and AIF maps name file, line and column.

#[test]
fn json_map_diagnostics_are_located() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "m.json",
        r#"{
  "format": "counterpoint",
  "version": 1,
  "sides": [{"id": "pro", "label": "Pro"}],
  "nodes": [
    {"id": "a", "title": "A", "side": "pro"},
    {"id": "b", "title": "B", "side": "x"}
  ],
  "edges": [{"from": "b", "to": "b", "relation": "rebuts"}]
}
"#,
    );
    let out = run_in(dir.path(), &["check", "m.json"], 1);
    assert_eq!(
        out,
        r#"m.json:7:5: error[E004]: unknown side "x" on b
  |
7 |     {"id": "b", "title": "B", "side": "x"}
  |     ^
  = help: declared sides are: pro

m.json:9:13: warning[W004]: b rebuts itself
  |
9 |   "edges": [{"from": "b", "to": "b", "relation": "rebuts"}]
  |             ^
  = help: relate it to another statement or argument, or remove the relation

1 error, 1 warning
"#
    );
    let json = run_in(dir.path(), &["check", "--format", "json", "m.json"], 1);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value[0]["file"], "m.json");
    assert_eq!(
        (value[0]["line"].as_u64(), value[0]["column"].as_u64()),
        (Some(7), Some(5))
    );
}

#[test]
fn json_map_problems_found_while_reading_are_located() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "m.json",
        "{\"format\": \"counterpoint\", \"version\": 1,\n \"nodes\": [{\"id\": \"a\", \"title\": \"A\"},\n  {\"id\": \"a\", \"title\": \"B\"}],\n \"edges\": [{\"from\": \"a\", \"to\": \"zz\", \"relation\": \"supports\"}]}\n",
    );
    let out = run_in(dir.path(), &["check", "m.json"], 1);
    assert_eq!(
        out,
        r#"m.json:3:3: error[E013]: a node with id "a" is already in the map
  |
3 |   {"id": "a", "title": "B"}],
  |   ^

m.json:4:12: error[E013]: an edge names node "zz", which is not in "nodes"
  |
4 |  "edges": [{"from": "a", "to": "zz", "relation": "supports"}]}
  |            ^

2 errors, 0 warnings
"#
    );
}

#[test]
fn aif_map_diagnostics_are_located() {
    let dir = tempfile::tempdir().unwrap();
    // A supports B and B supports A, through two RA nodes: a cycle of supports (W002).
    write(
        dir.path(),
        "m.json",
        r#"{
  "nodes": [
    {"nodeID": "1", "text": "A", "type": "I"},
    {"nodeID": "2", "text": "B", "type": "I"},
    {"nodeID": "3", "text": "Default Inference", "type": "RA"},
    {"nodeID": "4", "text": "Default Inference", "type": "RA"}
  ],
  "edges": [
    {"edgeID": "1", "fromID": "1", "toID": "3"},
    {"edgeID": "2", "fromID": "3", "toID": "2"},
    {"edgeID": "3", "fromID": "2", "toID": "4"},
    {"edgeID": "4", "fromID": "4", "toID": "1"}
  ]
}
"#,
    );
    let out = run_in(dir.path(), &["check", "m.json"], 0);
    assert_eq!(
        out,
        r#"m.json:3:5: warning[W002]: supports form a cycle: [1] -> [2] -> [1]
  |
3 |     {"nodeID": "1", "text": "A", "type": "I"},
  |     ^^^
  = help: a point cannot be a reason for itself: remove or reverse one of these supports

0 errors, 1 warning
"#
    );
}

// Defect 11: the same citation checks for every format.

#[test]
fn json_citations_are_checked_like_argdown() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "c.argdown",
        "===\nsources:\n  memo: {title: Memo}\n===\n\n[A]: a {cite: \"memo:5-1\"}\n",
    );
    let argdown = run_in(dir.path(), &["check", "c.argdown"], 1);
    assert!(argdown.starts_with(
        "c.argdown:6:15: error[E006]: malformed cite \"memo:5-1\": the range 5-1 runs backwards\n"
    ));
    write(
        dir.path(),
        "c.json",
        r#"{"format": "counterpoint", "version": 1,
 "sources": [{"id": "memo", "title": "Memo"}],
 "nodes": [
  {"id": "[A]", "title": "A", "text": "a",
   "citations": [{"source": "memo", "lines": [5, 1]}, {"source": "memo", "lines": [0, 0]}]}
 ]}
"#,
    );
    let out = run_in(dir.path(), &["check", "c.json"], 1);
    assert_eq!(
        out,
        r#"c.json:5:18: error[E006]: malformed cite "memo:5-1": the range 5-1 runs backwards
  |
5 |    "citations": [{"source": "memo", "lines": [5, 1]}, {"source": "memo", "lines": [0, 0]}]}
  |                  ^
  = help: lines are counted from 1 and a range runs forwards: `memo:3-5` in Argdown, `"lines": [3, 5]` in JSON

c.json:5:55: error[E006]: malformed cite "memo:0": lines are counted from 1
  |
5 |    "citations": [{"source": "memo", "lines": [5, 1]}, {"source": "memo", "lines": [0, 0]}]}
  |                                                       ^
  = help: lines are counted from 1 and a range runs forwards: `memo:3-5` in Argdown, `"lines": [3, 5]` in JSON

2 errors, 0 warnings
"#
    );
    // Nothing that does not read back is exported.
    let out = counterpoint()
        .current_dir(dir.path())
        .args(["export", "--to", "argdown", "c.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
}

#[test]
fn json_skip_ranges_are_checked_like_frontmatter() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "s.json",
        r#"{"format": "counterpoint", "version": 1,
 "sources": [{"id": "memo", "skip": [{"lines": [2, 3], "reason": "ok"}, {"lines": [5, 1], "reason": "x"}]}]}
"#,
    );
    let out = run_in(dir.path(), &["check", "s.json"], 1);
    assert_eq!(
        out,
        r#"s.json:2:14: error[E012]: source "memo": bad `skip` entry: 5-1 is not a range of 1-based lines
  |
2 |  "sources": [{"id": "memo", "skip": [{"lines": [2, 3], "reason": "ok"}, {"lines": [5, 1], "reason": "x"}]}]}
  |              ^
  = help: a "skip" entry is {"lines": [first, last], "reason": ...} with 1-based lines, first <= last

1 error, 0 warnings
"#
    );
}

// Defect 15: JSON error columns in characters; an empty file at 1:1.

#[test]
fn json_error_columns_count_characters() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "cjk.json",
        "{\"format\": \"counterpoint\", \"title\": \"日本語日本語日本語\", x}",
    );
    let out = run_in(dir.path(), &["check", "cjk.json"], 1);
    assert_eq!(
        out,
        r#"cjk.json:1:50: error[E013]: not a counterpoint JSON map: key must be a string
  |
1 | {"format": "counterpoint", "title": "日本語日本語日本語", x}
  |                                                  ^
  = help: the format is described in README.md and counterpoint.schema.json

1 error, 0 warnings
"#
    );
    write(dir.path(), "empty.json", "");
    let out = run_in(dir.path(), &["check", "empty.json"], 1);
    assert_eq!(
        out,
        r#"empty.json:1:1: error[E013]: not a counterpoint JSON map: EOF while parsing a value
  |
1 | 
  | ^
  = help: the format is described in README.md and counterpoint.schema.json

1 error, 0 warnings
"#
    );
    // The AIF reader places its errors the same way.
    write(
        dir.path(),
        "bad.json",
        "{\"nodes\": [{\"nodeID\": \"é\", \"type\": \"I\"}], \"edges\": [}",
    );
    let out = run_in(dir.path(), &["check", "--from", "aif", "bad.json"], 1);
    assert!(
        out.starts_with("bad.json:1:53: error[E013]: not an AIF JSON document: expected value\n"),
        "{out}"
    );
}

// Defect 16: Kialo lines with malformed numbers are not silently merged.

#[test]
fn kialo_malformed_numbers_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "k.txt",
        "Discussion Title: t\n\n1. thesis\n1.1. Pro: yes\n1.-1. Con: no\n  1..2. Pro: x\n0. zero\n3.5 million people agree\n",
    );
    let out = run_in(dir.path(), &["check", "k.txt"], 0);
    let help = "  = help: an item number is whole numbers from 1 joined by dots, ending in a dot (`1.2.`); correct the number, or reword the line if it is text\n";
    assert_eq!(
        out,
        format!(
            r#"k.txt:5:1: warning[W005]: `1.-1.` is not an item number; the line is read as more text of item 1.1
  |
5 | 1.-1. Con: no
  | ^^^^^
{help}
k.txt:6:3: warning[W005]: `1..2.` is not an item number; the line is read as more text of item 1.1
  |
6 |   1..2. Pro: x
  |   ^^^^^
{help}
k.txt:7:1: warning[W005]: `0.` is not an item number; the line is read as more text of item 1.1
  |
7 | 0. zero
  | ^^
{help}
0 errors, 3 warnings
"#
        )
    );
}

// Defect 19 (JSON): duplicate side, source and section ids, missing parents, parent cycles.

#[test]
fn json_declarations_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "d.json",
        r#"{"format": "counterpoint", "version": 1,
 "sides": [
  {"id": "pro", "label": "Pro"},
  {"id": "pro", "label": "Pro"}],
 "sources": [{"id": "m", "title": "A"},
  {"id": "m", "title": "B"}],
 "sections": [
  {"id": "s1", "title": "One", "level": 1},
  {"id": "s1", "title": "Again", "level": 1},
  {"id": "s2", "title": "Two", "level": 2, "parent": "nowhere"},
  {"id": "s3", "title": "Three", "level": 2, "parent": "s4"},
  {"id": "s4", "title": "Four", "level": 3, "parent": "s3"}
 ]}
"#,
    );
    let out = run_in(dir.path(), &["check", "d.json"], 1);
    assert_eq!(
        out,
        r#"d.json:4:3: error[E009]: side "pro" is declared twice
  |
4 |   {"id": "pro", "label": "Pro"}],
  |   ^
  = help: first declared at d.json:3:3; declare each side once

d.json:6:3: error[E009]: source "m" is declared twice
  |
6 |   {"id": "m", "title": "B"}],
  |   ^
  = help: first declared at d.json:5:14; declare each source once

d.json:9:3: error[E013]: section "s1" is declared twice
  |
9 |   {"id": "s1", "title": "Again", "level": 1},
  |   ^
  = help: first declared at d.json:8:3; give each section its own id

d.json:10:3: error[E013]: section "s2" names the parent "nowhere", which is not in "sections"
   |
10 |   {"id": "s2", "title": "Two", "level": 2, "parent": "nowhere"},
   |   ^
   = help: a section's "parent" is the id of another section

d.json:11:3: error[E013]: sections are their own parents: "s3" -> "s4" -> "s3"
   |
11 |   {"id": "s3", "title": "Three", "level": 2, "parent": "s4"},
   |   ^
   = help: a section's "parent" is the id of a section that contains it; remove one of these parents

5 errors, 0 warnings
"#
    );
}

// Defect 6: ids are written on one line in i23, and what apx cannot hold is made into atoms.

/// A JSON map whose ids hold line breaks, backslashes, tabs and would-be attack lines. (No
/// control character: read back from ICCMA, an id is also a title, and E014 refuses them there.)
fn hostile_map() -> String {
    let ids = [
        "[x\n2 1]",
        "<back\\slash \\n>",
        "[tab\there\rcr]",
        "[ line\u{2028}sep nel ]",
        "[p af 9\n# id 1 [x]]",
    ];
    let nodes: Vec<serde_json::Value> = ids
        .iter()
        .map(|id| serde_json::json!({"id": id, "title": "t"}))
        .collect();
    let edges = serde_json::json!([
        {"from": ids[0], "to": ids[1], "relation": "rebuts"},
        {"from": ids[2], "to": ids[0], "relation": "undercuts"},
        {"from": ids[4], "to": ids[3], "relation": "rebuts"},
    ]);
    serde_json::json!({"format": "counterpoint", "version": 1, "nodes": nodes, "edges": edges})
        .to_string()
}

/// The ids of a map exported as JSON, and its relations as (from, relation, to).
fn ids_and_relations(json: &str) -> (Vec<String>, Vec<(String, String, String)>) {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    let ids = v["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap().to_string())
        .collect();
    let mut relations: Vec<(String, String, String)> = v["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let s = |k: &str| e[k].as_str().unwrap().to_string();
            (s("from"), s("relation"), s("to"))
        })
        .collect();
    relations.sort();
    (ids, relations)
}

#[test]
fn hostile_ids_survive_i23_and_apx() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "h.json", &hostile_map());
    let i23 = run_in(dir.path(), &["export", "--to", "i23", "h.json"], 0);
    assert_eq!(
        i23,
        "p af 5\n\
         # counterpoint: attacks are rebuts, undercuts and contradicts (both ways); supports are left out\n\
         # id 1 [x\\n2 1]\n\
         # id 2 <back\\\\slash \\\\n>\n\
         # id 3 [tab\\there\\rcr]\n\
         # id 4 [ line\\u{2028}sep nel ]\n\
         # id 5 [p af 9\\n# id 1 [x]]\n\
         1 2\n3 1\n5 4\n"
    );
    write(dir.path(), "h.i23", &i23);
    let back = run_in(dir.path(), &["export", "--to", "json", "h.i23"], 0);
    let (ids, relations) = ids_and_relations(&back);
    let (want_ids, want_relations) = ids_and_relations(&hostile_map());
    assert_eq!(ids, want_ids);
    // Every attack comes back as `rebuts` (abstract frameworks know one kind of attack).
    let want: Vec<(String, String, String)> = want_relations
        .into_iter()
        .map(|(a, _, b)| (a, "rebuts".to_string(), b))
        .collect();
    assert_eq!(relations, want);

    // apx holds only atoms: the ids become atoms, one fact a line, and the attacks come back.
    let apx = run_in(dir.path(), &["export", "--to", "apx", "h.json"], 0);
    assert_eq!(
        apx,
        "arg(x_2_1).\narg(back_slash_n).\narg(tab_here_cr).\narg(line_sep_nel).\narg(p_af_9_id_1_x).\n\
         att(x_2_1,back_slash_n).\natt(tab_here_cr,x_2_1).\natt(p_af_9_id_1_x,line_sep_nel).\n"
    );
    write(dir.path(), "h.apx", &apx);
    let back = run_in(dir.path(), &["export", "--to", "json", "h.apx"], 0);
    let (ids, relations) = ids_and_relations(&back);
    assert_eq!(
        ids,
        [
            "<x_2_1>",
            "<back_slash_n>",
            "<tab_here_cr>",
            "<line_sep_nel>",
            "<p_af_9_id_1_x>"
        ]
    );
    assert_eq!(relations.len(), 3);
}

// Defect 17: one rule for control characters, in every reader: a NUL in a JSON text is a
// located error, and nothing is exported (before, `export --to argdown` turned it into a space).

#[test]
fn control_characters_in_json_texts_are_located_errors() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "nul.json",
        r#"{"format":"counterpoint","version":1,"nodes":[{"id":"[a]","title":"a","text":"x\u0000y"}],"edges":[]}"#,
    );
    let expected = r#"nul.json:1:47: error[E014]: control character U+0000 (NUL) in the text of [a]
  |
1 | {"format":"counterpoint","version":1,"nodes":[{"id":"[a]","title":"a","text":"x\u0000y"}],"edges":[]}
  |                                               ^
  = help: control characters (U+0000-U+001F but tab and line breaks, U+007F-U+009F) are not allowed in a map's texts; delete it or write a space

1 error, 0 warnings
"#;
    assert_eq!(run_in(dir.path(), &["check", "nul.json"], 1), expected);
    let out = counterpoint()
        .current_dir(dir.path())
        .args(["export", "--to", "argdown", "nul.json"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
    assert_eq!(String::from_utf8_lossy(&out.stderr), expected);
}

/// Defect 12 and 17: an id is held to the same rule, so it cannot drive a terminal through
/// `unanswered`, `stats` or `status`.
#[test]
fn control_characters_in_json_ids_are_located_errors() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "esc.json",
        r#"{"format":"counterpoint","version":1,"nodes":[{"id":"[\u001b]0;PWNED\u0007]","title":"t"}],"edges":[]}"#,
    );
    let out = counterpoint()
        .current_dir(dir.path())
        .args(["unanswered", "esc.json"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        r#"esc.json:1:47: error[E014]: control character U+001B (ESC) in the id of a node
  |
1 | {"format":"counterpoint","version":1,"nodes":[{"id":"[\u001b]0;PWNED\u0007]","title":"t"}],"edges":[]}
  |                                               ^
  = help: control characters (U+0000-U+001F but tab and line breaks, U+007F-U+009F) are not allowed in a map's texts; delete it or write a space

1 error, 0 warnings
"#
    );
}

/// Found by fuzzing: nodes whose ids are not `[title]`/`<title>` (JSON, AIF) and share a title
/// were written as one Argdown node, silently. Each is now written under its own name, with a
/// warning for every node whose id changes, and all nodes and relations read back.
#[test]
fn nodes_sharing_a_title_stay_apart_in_argdown() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "ids.json",
        r#"{"format":"counterpoint","version":1,"nodes":[{"id":"a","title":"T"},{"id":"b","title":"T"},{"id":"c","title":"U"}],"edges":[{"from":"a","to":"c","relation":"rebuts"},{"from":"b","to":"a","relation":"supports"}]}"#,
    );
    let out = counterpoint()
        .current_dir(dir.path())
        .args(["export", "--to", "argdown", "ids.json", "-o", "ids.argdown"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "warning: a is written as [T]: Argdown names a node by its title\n\
         warning: c is written as [U]: Argdown names a node by its title\n\
         warning: b is written as [T (2)]: another node has the same title\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("ids.argdown")).unwrap(),
        "[T]\n  -> [U]\n\n[U]\n\n[T (2)]\n  +> [T]\n"
    );
    let stats = run_in(dir.path(), &["stats", "--format", "json", "ids.argdown"], 0);
    let v: serde_json::Value = serde_json::from_str(&stats).unwrap();
    assert_eq!(v["nodes"], 3, "{stats}");
}

/// Found by fuzzing (defect 19's family): empty ids and titles were accepted from JSON, though
/// the schema asks for at least one character, and a side named "" was lost on the way through
/// AIF. They are located errors now.
#[test]
fn empty_ids_and_titles_are_located_errors() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "e.json",
        r#"{"format":"counterpoint","version":1,"sides":[{"id":"","label":""}],"nodes":[{"id":"<>","element":"argument","title":" ","text":"","side":""}],"edges":[]}"#,
    );
    assert_eq!(
        run_in(dir.path(), &["check", "e.json"], 1),
        r#"e.json:1:47: error[E013]: the id of a side is empty
  |
1 | {"format":"counterpoint","version":1,"sides":[{"id":"","label":""}],"nodes":[{"id":"<>","element":"argument","title":" ","text":"","side":""}],"edges":[]}
  |                                               ^
  = help: every id, and the title of every node and section and the label of every side, needs at least one character

e.json:1:47: error[E013]: the label of side "" is empty
  |
1 | {"format":"counterpoint","version":1,"sides":[{"id":"","label":""}],"nodes":[{"id":"<>","element":"argument","title":" ","text":"","side":""}],"edges":[]}
  |                                               ^
  = help: every id, and the title of every node and section and the label of every side, needs at least one character

e.json:1:78: error[E013]: the title of <> is empty
  |
1 | {"format":"counterpoint","version":1,"sides":[{"id":"","label":""}],"nodes":[{"id":"<>","element":"argument","title":" ","text":"","side":""}],"edges":[]}
  |                                                                              ^
  = help: every id, and the title of every node and section and the label of every side, needs at least one character

3 errors, 0 warnings
"#
    );
}

/// Found by fuzzing: a node in a section the map does not declare, or a section without a
/// title, read without a word, and the Argdown export then dropped the section.
#[test]
fn undeclared_sections_and_untitled_sections_are_located_errors() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "s.json",
        r#"{"format":"counterpoint","version":1,"sections":[{"id":"s1","title":" ","level":1}],"nodes":[{"id":"[a]","title":"a","section":"s2"}],"edges":[]}"#,
    );
    assert_eq!(
        run_in(dir.path(), &["check", "s.json"], 1),
        r#"s.json:1:50: error[E013]: the title of section "s1" is empty
  |
1 | {"format":"counterpoint","version":1,"sections":[{"id":"s1","title":" ","level":1}],"nodes":[{"id":"[a]","title":"a","section":"s2"}],"edges":[]}
  |                                                  ^
  = help: every id, and the title of every node and section and the label of every side, needs at least one character

s.json:1:94: error[E013]: [a] is in section "s2", which is not declared
  |
1 | {"format":"counterpoint","version":1,"sections":[{"id":"s1","title":" ","level":1}],"nodes":[{"id":"[a]","title":"a","section":"s2"}],"edges":[]}
  |                                                                                              ^
  = help: a node's "section" is the id of one of the map's sections

2 errors, 0 warnings
"#
    );
}

/// Found by fuzzing: a section of level 117 or on an undeclared side read without a word, and
/// its Argdown export did not read back.
#[test]
fn section_levels_and_sides_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "l.json",
        r#"{"format":"counterpoint","version":1,"sections":[{"id":"s1","title":"S","level":117,"side":"nobody"}],"nodes":[],"edges":[]}"#,
    );
    assert_eq!(
        run_in(dir.path(), &["check", "l.json"], 1),
        r#"l.json:1:50: error[E004]: unknown side "nobody" on section "s1"
  |
1 | {"format":"counterpoint","version":1,"sections":[{"id":"s1","title":"S","level":117,"side":"nobody"}],"nodes":[],"edges":[]}
  |                                                  ^
  = help: a section's "side" is the id of one of the map's sides

l.json:1:50: error[E013]: section "s1" has level 117; headings have levels 1 to 6
  |
1 | {"format":"counterpoint","version":1,"sections":[{"id":"s1","title":"S","level":117,"side":"nobody"}],"nodes":[],"edges":[]}
  |                                                  ^
  = help: "level" is the number of `#` of the section's heading

2 errors, 0 warnings
"#
    );
}

/// Found by fuzzing: a tag given twice in JSON was kept twice, and the map changed on the way
/// through Argdown, which reads a tag once. Read from JSON, the same tag twice counts once.
#[test]
fn a_tag_given_twice_counts_once() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "t.json",
        r#"{"format":"counterpoint","version":1,"nodes":[{"id":"[a]","title":"a","tags":["x","y","x"]}],"edges":[]}"#,
    );
    let json = run_in(dir.path(), &["export", "--to", "json", "t.json"], 0);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["nodes"][0]["tags"], serde_json::json!(["x", "y"]));
}

/// Found by fuzzing: AIF's `counterpoint` object gave a map a section of level 0, whose JSON
/// export the JSON reader then refused. The object is checked as JSON is, and a bad one is
/// passed over with a warning (the file is read as plain AIF).
#[test]
fn aif_sections_are_checked_like_json_sections() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "s.argdown", "# S\n\n[a]: x\n");
    run_in(
        dir.path(),
        &["export", "--to", "aif", "s.argdown", "-o", "s.aif.json"],
        0,
    );
    let aif = std::fs::read_to_string(dir.path().join("s.aif.json")).unwrap();
    assert!(aif.contains("\"level\": 1"), "{aif}");
    write(
        dir.path(),
        "s.aif.json",
        &aif.replace("\"level\": 1", "\"level\": 0"),
    );
    assert_eq!(
        run_in(dir.path(), &["check", "s.aif.json"], 0),
        "s.aif.json:1:1: warning[W005]: the \"counterpoint\" data in this file does not match its \
         nodes and edges (section \"s1\" has level 0; headings have levels 1 to 6); read as plain \
         AIF\n  |\n1 | {\n  | ^\n\n0 errors, 1 warning\n"
    );
    let json = run_in(dir.path(), &["export", "--to", "json", "s.aif.json"], 0);
    write(dir.path(), "back.json", &json);
    run_in(dir.path(), &["check", "back.json"], 0);
}

/// Found by fuzzing: the same edge twice in JSON was kept twice, and one copy was lost on the
/// way through Argdown. It counts once, with a warning at the repeat.
#[test]
fn an_edge_given_twice_counts_once() {
    let dir = tempfile::tempdir().unwrap();
    let text = r#"{"format":"counterpoint","version":1,"nodes":[{"id":"<a>","element":"argument","title":"a"},{"id":"<b>","element":"argument","title":"b"}],"edges":[{"from":"<a>","to":"<b>","relation":"supports"},{"from":"<a>","to":"<b>","relation":"supports"}]}"#;
    write(dir.path(), "dup.json", text);
    assert_eq!(
        run_in(dir.path(), &["check", "dup.json"], 0),
        format!(
            "dup.json:1:197: warning[W005]: <a> supports <b> is given twice; it counts once\n  |\n1 | \
             {text}\n  | {}^\n  = help: remove the repeated edge\n\n0 errors, 1 warning\n",
            " ".repeat(196)
        )
    );
    let json = run_in(dir.path(), &["export", "--to", "json", "dup.json"], 0);
    assert_eq!(json.matches("\"from\"").count(), 1, "{json}");
}

/// Found by fuzzing: a number in a node's `data` (`5.378576973102612e-299`) came back from a
/// JSON export as another number. Numbers are read and written exactly.
#[test]
fn numbers_in_data_survive_the_json_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "n.json",
        r#"{"format":"counterpoint","version":1,"nodes":[{"id":"[a]","title":"a","data":{"x":5.378576973102612e-299}}],"edges":[]}"#,
    );
    let json = run_in(dir.path(), &["export", "--to", "json", "n.json"], 0);
    assert!(json.contains("\"x\": 5.378576973102612e-299"), "{json}");
}
