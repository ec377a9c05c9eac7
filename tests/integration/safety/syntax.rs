//! Safety regressions: syntax. The Argdown reader and writer on hostile input: control
//! characters (one rule, E014), files cut off inside a title, numbers where the frontmatter
//! wants texts, deeply nested YAML, and titles or strings the writer must escape or rename so
//! that its output reads back.

use counterpoint::fmt::difference;
use counterpoint::formats::argdown;
use counterpoint::load::load_texts;
use counterpoint::Format;
use counterpoint::{Map, Node, Relation, Side, Source};

use crate::common::counterpoint;

/// The headlines (`file:line:col: severity[CODE]: message`) of everything reading `text` as
/// `t.argdown` reports.
fn headlines(text: &str) -> Vec<String> {
    let loaded = load_texts(
        &[("t.argdown".to_string(), text.to_string())],
        Some(Format::Argdown),
    );
    loaded.diagnostics.iter().map(|d| d.headline()).collect()
}

/// Reads Argdown text back, asserting that it has no errors.
fn read_back(text: &str) -> Map {
    let loaded = load_texts(
        &[("back.argdown".to_string(), text.to_string())],
        Some(Format::Argdown),
    );
    assert!(
        !loaded.has_errors(),
        "{}\n{text}",
        counterpoint::diagnostic::render_all(&loaded.diagnostics)
    );
    loaded.map
}

// ---------------------------------------------------------------------------------------------
// 17: one rule for control characters

#[test]
fn control_characters_are_located_errors_wherever_the_argdown_reader_finds_them() {
    // Written raw in the body, and as YAML escapes in the frontmatter and metadata (which only
    // the decoded value shows).
    let text = "===\ntitle: \"Four\\x7f days\"\nsides:\n  pro: {label: \"Pro\\N\"}\nsources:\n  memo: {title: \"Memo\\x1b\", author: \"ok\\x7f\"}\n===\n\n[A]: a\u{0}b {side: pro}\n\n<B\u{7f}>: text {side: pro}\n\n[C]: c {side: pro, quote: \"q\\x85\", cite: \"memo:1\", note: \"\\x00\"}\n  + [D]: d \u{85}e {side: pro}\n";
    assert_eq!(
        headlines(text),
        [
            "t.argdown:2:1: error[E014]: control character U+007F (DEL) in the map's title",
            "t.argdown:4:3: error[E014]: control character U+0085 (NEL) in the label of side \"pro\"",
            "t.argdown:6:3: error[E014]: control character U+001B (ESC) in the title of source \"memo\"",
            "t.argdown:9:7: error[E014]: control character U+0000 (NUL) in the text",
            "t.argdown:11:3: error[E014]: control character U+007F (DEL) in the text",
            "t.argdown:14:12: error[E014]: control character U+0085 (NEL) in the text",
        ]
    );
}

#[test]
fn a_line_with_many_control_characters_gives_one_error() {
    let text = format!("[A]: {}\n", "\u{0}".repeat(10_000));
    assert_eq!(
        headlines(&text),
        ["t.argdown:1:6: error[E014]: control character U+0000 (NUL) in the text"]
    );
}

#[test]
fn the_writer_refuses_control_characters_instead_of_turning_them_into_spaces() {
    let mut map = Map::new();
    map.title = Some("T\u{85}".into());
    map.add_node(Node::statement("a", "one\u{0}two"))
        .expect("new");
    map.add_node(Node::argument("b\u{7f}", "x")).expect("new");
    let err = argdown::to_string(&map).expect_err("not writable");
    assert_eq!(
        err.to_string(),
        "the map cannot be written as Argdown:
  the map's title holds the control character U+0085 (NEL)
  the text of [a] holds the control character U+0000 (NUL)
  the title of <b\u{7f}> holds the control character U+007F (DEL)"
    );
}

#[test]
fn the_writer_escapes_control_characters_in_yaml_strings_so_they_read_back() {
    // Ids, authors, quotes and data may hold control characters (the rule covers texts only):
    // written raw, DEL and NEL broke the YAML (found by fuzzing).
    let mut map = Map::new();
    map.sides.push(Side {
        id: "p\u{7f}".into(),
        label: "Pro".into(),
        color: Some("#fff\u{85}".into()),
    });
    map.sources.push(Source {
        id: "memo".into(),
        title: Some("Memo".into()),
        author: Some("A\u{7f}\u{85}\u{9f}\u{1}".into()),
        url: Some("u\u{feff}\u{fffe}\u{2028}[".into()),
        ..Source::default()
    });
    let mut n = Node::statement("a", "text").with_citation("memo", 1, 2);
    n.side = Some("p\u{7f}".into());
    n.citations[0].quote = Some("q\u{85}".into());
    n.data
        .insert("note".into(), serde_json::json!(["\u{7f}", "\u{85}"]));
    map.add_node(n).expect("new");
    let text = argdown::to_string(&map).expect("writable");
    assert_eq!(
        text,
        "===
sides:
  \"p\\u007f\": {label: \"Pro\", color: \"#fff\\u0085\"}
sources:
  memo:
    title: \"Memo\"
    author: \"A\\u007f\\u0085\\u009f\\u0001\"
    url: \"u\\ufeff\\ufffe\\u2028[\"
color:
  statementColors:
    \"a\": \"#ffffff\"
===

[a]: text {side: \"p\\u007f\", cite: \"memo:1-2\", quote: \"q\\u0085\", note: [\"\\u007f\", \"\\u0085\"]}
"
    );
    let back = read_back(&text);
    assert_eq!(difference(&map, &back), None);
}

// ---------------------------------------------------------------------------------------------
// 19: silent reads

#[test]
fn a_file_cut_off_inside_a_title_is_an_error() {
    assert_eq!(
        headlines("[A]: a\n\n[Four da"),
        ["t.argdown:3:1: error[E001]: `[` opens a title that is never closed"]
    );
    assert_eq!(
        headlines("[A]: a\n  - <Four da"),
        ["t.argdown:2:5: error[E001]: `<` opens a title that is never closed"]
    );
    // Escaped, the bracket is text.
    assert_eq!(headlines("\\[Four da\n"), Vec::<String>::new());
}

#[test]
fn numbers_in_the_frontmatter_are_not_texts() {
    let text = "===\ntitle: 5\nsides:\n  pro: {label: 5}\n  con: {label: Con, color: 7}\nsources:\n  memo: {title: 2024, file: 7, year: 2024}\n  notes: {author: true}\n===\n\n[A]: a\n";
    assert_eq!(
        headlines(text),
        [
            "t.argdown:2:1: error[E012]: `title` must be a text, not the number 5",
            "t.argdown:4:3: error[E012]: side \"pro\": `label` must be a text, not the number 5",
            "t.argdown:5:3: error[E012]: side \"con\": `color` must be a text, not the number 7",
            "t.argdown:7:3: error[E012]: source \"memo\": `title` must be a text, not the number 2024",
            "t.argdown:7:3: error[E012]: source \"memo\": `file` must be a text, not the number 7",
            "t.argdown:8:3: error[E012]: source \"notes\": `author` must be a text, not true",
        ]
    );
    // In quotes they are texts.
    assert_eq!(
        headlines("===\ntitle: \"5\"\n===\n\n[A]: a\n"),
        Vec::<String>::new()
    );
}

// ---------------------------------------------------------------------------------------------
// 7b: deeply nested YAML is refused at the first level too deep (the time it takes is measured
// in benches/syntax.rs)

#[test]
fn deeply_nested_yaml_is_refused_where_it_gets_too_deep() {
    let n = 300;
    let text = format!(
        "===\nx: {{a: {}{}}}\n===\n\n[A]: a {{k: {}{}}}\n\n[B]: b {{side: {}{}}}\n",
        "[".repeat(n),
        "]".repeat(n),
        "[".repeat(n),
        "]".repeat(n),
        "{".repeat(n),
        "}".repeat(n),
    );
    assert_eq!(
        headlines(&text),
        [
            "t.argdown:2:106: error[E012]: the frontmatter is not valid YAML: collections nested more than 100 levels deep",
            "t.argdown:5:111: error[E012]: metadata is not valid YAML: collections nested more than 100 levels deep",
            "t.argdown:7:114: error[E012]: metadata is not valid YAML: collections nested more than 100 levels deep",
        ]
    );
    // Unclosed, the same.
    let text = format!("===\nx: {{a: {}\n===\n\n[A]: a\n", "[".repeat(n));
    assert_eq!(
        headlines(&text),
        ["t.argdown:2:106: error[E012]: the frontmatter is not valid YAML: collections nested more than 100 levels deep"]
    );
}

// ---------------------------------------------------------------------------------------------
// Fuzzing: argument titles that start like a relation marker

#[test]
fn titles_that_start_like_a_relation_are_renamed_and_read_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("t.tgf"),
        "+x\n_y\n-z\nb\n#\nb +x\n_y b\n-z _y\n",
    )
    .expect("write");
    let out = counterpoint()
        .current_dir(dir.path())
        .args(["export", "--to", "argdown", "t.tgf"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "warning: <+x> is written as <'+x'>: Argdown reads a line starting with `<+` as a relation
warning: <_y> is written as <'_y'>: Argdown reads a line starting with `<_` as a relation
warning: <-z> is written as <'-z'>: Argdown reads a line starting with `<-` as a relation
"
    );
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert_eq!(
        text,
        "<'+x'>

<'_y'>
  -> <b>

<b>
  -> <'+x'>

<'-z'>
  -> <'_y'>
"
    );
    let back = read_back(&text);
    let relations: Vec<(String, Relation, String)> = back
        .edges()
        .map(|(a, b, e)| {
            (
                back.node(a).id.to_string(),
                e.relation,
                back.node(b).id.to_string(),
            )
        })
        .collect();
    assert_eq!(
        relations,
        [
            ("<'_y'>".to_string(), Relation::Rebuts, "<b>".to_string()),
            ("<b>".to_string(), Relation::Rebuts, "<'+x'>".to_string()),
            ("<'-z'>".to_string(), Relation::Rebuts, "<'_y'>".to_string()),
        ]
    );
}

#[test]
fn a_renamed_title_does_not_take_a_title_in_use() {
    let mut map = Map::new();
    map.add_node(Node::argument("'+x'", "taken")).expect("new");
    map.add_node(Node::argument("+x", "renamed")).expect("new");
    map.add_node(Node::statement("-3 degrees", "cold"))
        .expect("new");
    let (text, warnings) = argdown::to_string_with_warnings(&map).expect("writable");
    assert_eq!(
        text,
        "<'+x'>: taken\n\n<'+x' (2)>: renamed\n\n['-3 degrees']: cold\n"
    );
    assert_eq!(
        warnings,
        [
            "<+x> is written as <'+x' (2)>: Argdown reads a line starting with `<+` as a relation",
            "[-3 degrees] is written as ['-3 degrees']: Argdown reads a line starting with `[-` as text",
        ]
    );
    read_back(&text);
}

/// Found by fuzzing: a text holding what Argdown reads as a special character (`1.y.` reads as
/// `1✔`, `:love:` as an emoji) changed on the way through an Argdown export. The delimiter
/// that would open one is escaped, and the text reads back as it was.
#[test]
fn texts_that_look_like_special_characters_read_back_as_written() {
    let mut map = Map::new();
    let text = "Item 1.y. and :love: and .^. stay; 3.5 and a:b and 1.2.3 need nothing";
    map.add_node(Node::statement("a", text)).expect("new");
    let written = argdown::to_string(&map).expect("writable");
    assert_eq!(
        written,
        "[a]: Item 1\\.y. and \\:love: and \\.^. stay; 3.5 and a:b and 1.2.3 need nothing\n"
    );
    let back = read_back(&written);
    assert_eq!(difference(&map, &back), None);
}
