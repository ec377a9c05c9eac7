//! Kialo's plain-text export: a hand-written discussion (CRLF, multi-line texts, escaped
//! brackets, `-> See` links) and a file with every kind of bad line.

use counterpoint::Element;
use counterpoint::Format;

use super::{export, load_ok, load_text, path, triples};
use crate::common::{counterpoint, read};

#[test]
fn the_fixture_really_has_crlf_line_ends() {
    let bytes = std::fs::read(path("kialo/discussion.txt")).expect("fixture");
    let text = String::from_utf8(bytes).expect("UTF-8");
    assert_eq!(text.matches("\r\n").count(), text.matches('\n').count());
}

#[test]
fn reads_a_discussion_with_links_and_multi_line_texts() {
    let map = load_ok(&[&path("kialo/discussion.txt")]).map;
    assert_eq!(
        map.title.as_deref(),
        Some("Should schools move to a four-day week?")
    );
    let nodes: Vec<(&str, &str)> = map
        .nodes()
        .map(|(_, n)| {
            assert_eq!(n.element, Element::Statement);
            (n.title.as_str(), n.text.as_str())
        })
        .collect();
    // The two `-> See` items (1.1.2 and 1.2.1) make no node.
    assert_eq!(
        nodes,
        [
            ("1", "Schools should move to a four-day week."),
            ("1.1", "Teachers could use the fifth day for planning (and training)."),
            ("1.1.1", "Planning time is already in the contract."),
            (
                "1.2",
                "Parents would pay for childcare\non the fifth day.\n\nMany families cannot afford it."
            ),
            ("1.2.2", "Childcare costs [about $40] a day."),
            ("1.3", "Districts save on buses and heating."),
            ("1.3.1", "The district memo puts savings at 2%."),
            ("1.3.2", "Savings are small next to the budget."),
        ]
    );
    let expected: Vec<(String, String, String)> = {
        let mut v: Vec<(String, String, String)> = [
            ("[1.1]", "supports", "[1]"),
            ("[1.1.1]", "rebuts", "[1.1]"),
            // 1.1.2. Pro: -> See 1.3.1.
            ("[1.3.1]", "supports", "[1.1]"),
            ("[1.2]", "rebuts", "[1]"),
            // 1.2.1. Con: -> See 1.3.
            ("[1.3]", "rebuts", "[1.2]"),
            ("[1.2.2]", "supports", "[1.2]"),
            ("[1.3]", "supports", "[1]"),
            ("[1.3.1]", "supports", "[1.3]"),
            ("[1.3.2]", "rebuts", "[1.3]"),
        ]
        .iter()
        .map(|(a, r, b)| (a.to_string(), r.to_string(), b.to_string()))
        .collect();
        v.sort();
        v
    };
    assert_eq!(triples(&map), expected);
}

#[test]
fn every_bad_line_is_reported_with_its_place() {
    let file = path("kialo/bad.txt");
    let loaded = load_text("bad.txt", &read(&file), None);
    let rendered = counterpoint::diagnostic::render_all(&loaded.diagnostics);
    assert_eq!(
        rendered,
        "bad.txt:3:1: error[E013]: text before the thesis `1.`
  |
3 | Stray text before the thesis
  | ^
  = help: after the title, a Kialo export lists the thesis as `1. text`

bad.txt:5:1: error[E013]: item number `1.1` must end with a dot
  |
5 | 1.1 Pro: missing the final dot
  | ^^^
  = help: write `1.1.`

bad.txt:7:1: error[E013]: item 1.2 is numbered twice (first on line 6)
  |
7 | 1.2. Con: numbered twice
  | ^^^^

bad.txt:8:1: error[E013]: item 1.5.1 has no parent: there is no item 1.5
  |
8 | 1.5.1. Con: parent 1.5 does not exist
  | ^^^^^^

bad.txt:9:18: error[E013]: `-> See 1.9.` names item 1.9, which is not in the discussion
  |
9 | 1.3. Con: -> See 1.9.
  |                  ^^^^

bad.txt:10:10: error[E013]: item 1.4 has no text
   |
10 | 1.4. Pro:
   |          ^

bad.txt:11:6: warning[W005]: item 1.6 says neither `Pro:` nor `Con:`; read without a relation to 1
   |
11 | 1.6. No stance here
   |      ^

6 errors, 1 warning
"
    );
    counterpoint().arg("check").arg(&file).assert().code(1);
}

#[test]
fn kialo_is_detected_and_can_be_forced() {
    counterpoint()
        .arg("check")
        .arg(path("kialo/discussion.txt"))
        .assert()
        .success();
    // Forced on a file that is not a Kialo export: every line before a thesis is reported.
    let loaded = load_text("x.txt", "# A heading\n\n[A]: text\n", Some(Format::Kialo));
    let headlines: Vec<String> = loaded.diagnostics.iter().map(|d| d.headline()).collect();
    assert_eq!(
        headlines,
        [
            "x.txt:1:1: error[E013]: a Kialo export starts with a `Discussion Title:` line",
            "x.txt:3:1: error[E013]: text before the thesis `1.`",
            "x.txt:3:10: error[E013]: no thesis: a Kialo export lists `1. text` after the title",
        ]
    );
}

#[test]
fn kialo_to_json_snapshot() {
    super::snapshots()
        .bind(|| insta::assert_snapshot!(export(&path("kialo/discussion.txt"), "json")));
}

proptest::proptest! {
    /// Any text read as Kialo gives a map and diagnostics, never a panic.
    #[test]
    fn any_text_reads_without_panic(
        lines in proptest::collection::vec(
            "(1(\\.[1-3]){0,3}\\.? ?(Pro: |Con: )?(-> See 1(\\.[1-3]){0,3}\\.)?[a-z\\\\()]{0,6})|([a-z ]{0,8})",
            0..16,
        ),
        crlf in proptest::bool::ANY,
    ) {
        let mut text = String::from("Discussion Title: t\n\n");
        text.push_str(&lines.join(if crlf { "\r\n" } else { "\n" }));
        let mut diagnostics = Vec::new();
        let map = counterpoint::formats::kialo::read("k.txt", &text, &mut diagnostics)
            .expect("a map");
        // Every node is an item of the text: a line that starts with its number.
        for (_, n) in map.nodes() {
            let found = text.lines().any(|l| l.starts_with(n.title.as_str()));
            proptest::prop_assert!(found, "{} is not an item", n.title);
        }
    }
}
