//! Tests of the whole reader, one construct at a time, and the property that no input panics.

use proptest::prelude::*;

use super::parse_files;
use crate::diagnostic::Diagnostic;
use crate::model::{Element, Map, Relation};

fn parse(text: &str) -> (Map, Vec<Diagnostic>) {
    parse_many(&[text])
}

pub(crate) fn parse_many(texts: &[&str]) -> (Map, Vec<Diagnostic>) {
    let files: Vec<(String, String)> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| (format!("f{i}.argdown"), t.to_string()))
        .collect();
    let mut d = Vec::new();
    let map = parse_files(&files, &mut d);
    (map, d)
}

fn codes(d: &[Diagnostic]) -> Vec<String> {
    d.iter()
        .map(|d| format!("{}@{}:{}", d.code.as_str(), d.line, d.column))
        .collect()
}

/// Relations as (from id, relation, to id), sorted.
fn edges(map: &Map) -> Vec<(String, Relation, String)> {
    let mut v: Vec<_> = map
        .edges()
        .map(|(a, b, e)| {
            (
                map.node(a).id.to_string(),
                e.relation,
                map.node(b).id.to_string(),
            )
        })
        .collect();
    v.sort();
    v
}

fn e(a: &str, r: Relation, b: &str) -> (String, Relation, String) {
    (a.to_string(), r, b.to_string())
}

fn text_of(map: &Map, id: &str) -> String {
    map.find(id)
        .map(|ix| map.node(ix).text.to_string())
        .unwrap_or_else(|| panic!("no node {id}"))
}

#[test]
fn statements_and_arguments() {
    let (map, d) =
        parse("[Four days]: A four-day week.\n\n<Savings>: It saves money.\n\n[Other]\n");
    assert!(d.iter().all(|d| d.code.as_str() == "W001"), "{d:?}");
    let ids: Vec<&str> = map.nodes().map(|(_, n)| n.id.as_str()).collect();
    assert_eq!(ids, vec!["[Four days]", "<Savings>", "[Other]"]);
    assert_eq!(text_of(&map, "[Four days]"), "A four-day week.");
    let (_, s) = map.nodes().nth(1).unwrap();
    assert_eq!(s.element, Element::Argument);
    assert_eq!(s.title, "Savings");
    let o = map.node(map.find("[Other]").unwrap()).origin.unwrap();
    assert_eq!((o.file.as_str(), o.line, o.column), ("f0.argdown", 5, 1));
}

#[test]
fn all_relation_markers() {
    let (map, d) = parse(
        "[A]: a\n  + [B]: b\n  - [C]: c\n  _ [D]: d\n  <+ [E]: e\n  <- [F]: f\n  <_ [G]: g\n  +> [H]: h\n  -> [I]: i\n  _> [J]: j\n  >< [K]: k\n",
    );
    assert!(d.is_empty(), "{d:?}");
    use Relation::*;
    assert_eq!(
        edges(&map),
        vec![
            e("[A]", Supports, "[H]"),
            e("[A]", Rebuts, "[I]"),
            e("[A]", Undercuts, "[J]"),
            e("[A]", Contradicts, "[K]"),
            e("[B]", Supports, "[A]"),
            e("[C]", Rebuts, "[A]"),
            e("[D]", Undercuts, "[A]"),
            e("[E]", Supports, "[A]"),
            e("[F]", Rebuts, "[A]"),
            e("[G]", Undercuts, "[A]"),
        ]
    );
}

#[test]
fn relations_nest_by_indentation() {
    let (map, d) =
        parse("[A]: a\n  + <B>: b\n    - <C>: c\n      + [D]: d\n    + <E>: e\n  - <F>: f\n");
    assert!(d.is_empty(), "{d:?}");
    use Relation::*;
    assert_eq!(
        edges(&map),
        vec![
            e("<B>", Supports, "[A]"),
            e("<C>", Rebuts, "<B>"),
            e("<E>", Supports, "<B>"),
            e("<F>", Rebuts, "[A]"),
            e("[D]", Supports, "<C>"),
        ]
    );
}

#[test]
fn deep_nesting_needs_no_recursion() {
    let depth = 3_000;
    let mut text = String::from("[N0]: root\n");
    for i in 1..depth {
        text.push_str(&" ".repeat(i));
        text.push_str(&format!("+ [N{i}]: n\n"));
    }
    let (map, d) = parse(&text);
    assert!(d.is_empty());
    assert_eq!(map.node_count(), depth);
    assert_eq!(map.edge_count(), depth - 1);
}

#[test]
fn text_continues_over_lines_and_metadata_may_follow() {
    let (map, d) = parse(
        "===\nsides:\n  pro: {label: P}\n===\n\n[A]: Some text\ncontinues here.\n  + <B>: more\n    and more\n    {side: pro}\n",
    );
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(text_of(&map, "[A]"), "Some text continues here.");
    assert_eq!(text_of(&map, "<B>"), "more and more");
    let b = map.node(map.find("<B>").unwrap());
    assert_eq!(b.side.as_deref(), Some("pro"));
}

#[test]
fn titles_are_global_across_files_and_first_text_wins() {
    let (map, d) = parse_many(&[
        "[A]: first text #x\n",
        "[A]: second text #y\n\n<B>: b\n  + [A]\n",
    ]);
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(map.node_count(), 2);
    let a = map.node(map.find("[A]").unwrap());
    assert_eq!(a.text, "first text");
    assert_eq!(a.tags, vec!["x", "y"]);
    assert_eq!(&*a.origin.unwrap().file, "f0.argdown");
    assert_eq!(edges(&map), vec![e("[A]", Relation::Supports, "<B>")]);
}

#[test]
fn a_reference_before_the_definition_takes_the_later_text() {
    let (map, d) = parse("<B>: b\n  + [A]\n\n[A]: the text\n");
    assert!(d.is_empty(), "{d:?}");
    let a = map.node(map.find("[A]").unwrap());
    assert_eq!(a.text, "the text");
    assert_eq!(a.origin.unwrap().line, 4);
}

#[test]
fn statements_and_arguments_are_separate_namespaces() {
    let (map, d) = parse("[X]: statement\n\n<X>: argument\n  + [X]\n");
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(text_of(&map, "[X]"), "statement");
    assert_eq!(text_of(&map, "<X>"), "argument");
    assert_eq!(edges(&map), vec![e("[X]", Relation::Supports, "<X>")]);
}

#[test]
fn untitled_statements_are_numbered() {
    let (map, d) = parse("Plain text\nover two lines.\n\n[A]: a\n  - just an objection\n");
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(text_of(&map, "[Untitled 1]"), "Plain text over two lines.");
    assert_eq!(
        edges(&map),
        vec![e("[Untitled 2]", Relation::Rebuts, "[A]")]
    );
}

#[test]
fn headings_are_sections_with_parents_and_sides() {
    let (map, d) = parse(
        "===\nsides:\n  pro: {label: P}\n  con: {label: C}\n===\n\n# Case for {side: pro}\n\n[A]: a\n\n## Details\n\n[B]: b\n\n# Case against {side: con}\n\n[C]: c #pro\n\n### Deep\n\n[D]: d {side: pro}\n",
    );
    assert!(d.is_empty(), "{d:?}");
    type Row<'a> = (&'a str, &'a str, u8, Option<&'a str>, Option<&'a str>);
    let s: Vec<Row> = map
        .sections
        .iter()
        .map(|s| {
            (
                s.id.as_str(),
                s.title.as_str(),
                s.level,
                s.parent.as_deref(),
                s.side.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        s,
        vec![
            ("s1", "Case for", 1, None, Some("pro")),
            ("s2", "Details", 2, Some("s1"), None),
            ("s3", "Case against", 1, None, Some("con")),
            ("s4", "Deep", 3, Some("s3"), None),
        ]
    );
    let side = |id: &str| map.node(map.find(id).unwrap()).side.clone();
    let section = |id: &str| map.node(map.find(id).unwrap()).section.clone();
    assert_eq!(side("[A]").as_deref(), Some("pro"));
    assert_eq!(
        side("[B]").as_deref(),
        Some("pro"),
        "inherited from s1 through s2"
    );
    assert_eq!(
        side("[C]").as_deref(),
        Some("pro"),
        "a tag naming a side beats the heading"
    );
    assert_eq!(
        side("[D]").as_deref(),
        Some("pro"),
        "explicit side beats the heading"
    );
    assert_eq!(section("[B]").as_deref(), Some("s2"));
    assert_eq!(section("[D]").as_deref(), Some("s4"));
}

#[test]
fn tags_and_metadata() {
    let (map, d) = parse(
        "===\nsources:\n  memo: {title: Memo}\n===\n\n[A]: text #one #(two words) more {cite: [\"memo:3\", \"memo:5-7\"], quote: \"q\", isInMap: false, weight: 2}\n",
    );
    assert!(d.is_empty(), "{d:?}");
    let a = map.node(map.find("[A]").unwrap());
    assert_eq!(a.text, "text more");
    assert_eq!(a.tags, vec!["one", "two words"]);
    assert_eq!(a.citations.len(), 2);
    assert_eq!(a.citations[0].source, "memo");
    assert_eq!(a.citations[0].lines, [3, 3]);
    assert_eq!(a.citations[0].quote.as_deref(), Some("q"));
    assert_eq!(a.citations[1].lines, [5, 7]);
    assert_eq!(a.citations[1].quote, None);
    let o = a.citations[0].origin.unwrap();
    assert_eq!((o.line, o.column), (6, 41));
    assert_eq!(
        serde_json::Value::Object(a.data.clone()),
        serde_json::json!({"isInMap": false, "weight": 2})
    );
}

#[test]
fn comments_of_all_kinds() {
    let (map, d) = parse(
        "// a line comment\n[A]: a // trailing\n/* block\n   comment */\n  + [B]: b <!-- html\n  comment -->\n",
    );
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(text_of(&map, "[A]"), "a");
    assert_eq!(text_of(&map, "[B]"), "b");
    assert_eq!(edges(&map), vec![e("[B]", Relation::Supports, "[A]")]);
}

#[test]
fn frontmatter_merges_and_unknown_keys_are_ignored() {
    let (map, d) = parse_many(&[
        "===\ntitle: T\nsides:\n  pro: {label: P}\nmodel:\n  removeTagsFromText: true\ncolor:\n  tagColors: {pro: 0}\n===\n\n[A]: a\n",
        "===\nsides:\n  pro: {label: P}\n  con: {label: C}\nsources:\n  memo: {title: M, year: 2024, file: m.txt}\n===\n\n[B]: b #con\n",
    ]);
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(map.title.as_deref(), Some("T"));
    let sides: Vec<&str> = map.sides.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(sides, vec!["pro", "con"]);
    assert_eq!(map.sources[0].file.as_deref(), Some("m.txt"));
}

#[test]
fn conflicting_frontmatter_is_e009() {
    let (_, d) = parse_many(&[
        "===\nsources:\n  memo: {title: M}\n===\n\n[A]: a\n",
        "===\nsources:\n  memo: {title: Other}\n===\n\n[B]: b\n",
    ]);
    assert_eq!(codes(&d), vec!["E009@3:3"]);
    assert_eq!(d[0].file, "f1.argdown");
}

/// The `pcs` data of an argument as (role, statement id, inference) triples.
fn pcs(map: &Map, id: &str) -> Vec<(String, String, String)> {
    let node = map.node(map.find(id).unwrap_or_else(|| panic!("no node {id}")));
    let Some(serde_json::Value::Array(entries)) = node.data.get("pcs") else {
        return Vec::new();
    };
    entries
        .iter()
        .map(|e| {
            let s = |k: &str| e.get(k).and_then(|v| v.as_str()).unwrap_or("").to_string();
            (s("role"), s("statement"), s("inference"))
        })
        .collect()
}

fn step(role: &str, id: &str, inference: &str) -> (String, String, String) {
    (role.to_string(), id.to_string(), inference.to_string())
}

#[test]
fn premise_conclusion_structures() {
    let (map, d) = parse(
        "[Censorship]: Censorship is not wrong.\n\n<Harm>: Speech can harm.\n\n(1) [Harm done]: Free speech\ncan harm others.\n  - [Rare]: Harm is rare.\n(2) Harmful acts are not permitted.\n--\nModus ponens {uses: [1, 2]}\n--\n(3) Free speech is not always permitted.\n(4) [Censorship]\n-- Specification --\n(5) Censorship is permitted.\n  -> [Absolute]: Speech is absolute.\n",
    );
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(
        pcs(&map, "<Harm>"),
        vec![
            step("premise", "[Harm done]", ""),
            step("premise", "[Untitled 1]", ""),
            step("intermediary-conclusion", "[Untitled 2]", "Modus ponens"),
            step("premise", "[Censorship]", ""),
            step("main-conclusion", "[Untitled 3]", "Specification"),
        ]
    );
    assert_eq!(text_of(&map, "[Harm done]"), "Free speech can harm others.");
    use Relation::*;
    assert_eq!(
        edges(&map),
        vec![
            e("<Harm>", Supports, "[Untitled 3]"),
            e("[Rare]", Rebuts, "[Harm done]"),
            e("[Untitled 3]", Rebuts, "[Absolute]"),
        ]
    );
    assert_eq!(
        map.kind(map.find("<Harm>").unwrap()),
        crate::model::Kind::Support
    );
}

#[test]
fn a_structure_without_an_argument_above_gets_an_untitled_one() {
    let (map, d) =
        parse("[S]: s\n\n(1) p\n----\n(2) c\n\n# H\n\n<A>: a\n\n# Break\n\n(1) q\n----\n(2) r\n");
    assert!(d.is_empty(), "{d:?}");
    let ids: Vec<&str> = map.nodes().map(|(_, n)| n.id.as_str()).collect();
    assert_eq!(
        ids,
        vec![
            "[S]",
            "<Untitled 1>",
            "[Untitled 2]",
            "[Untitled 3]",
            "<A>",
            "<Untitled 4>",
            "[Untitled 5]",
            "[Untitled 6]"
        ]
    );
    assert!(pcs(&map, "<A>").is_empty());
}

#[test]
fn relations_under_an_inference_or_a_conclusion_undercut_the_argument() {
    let (map, d) =
        parse("<a>: a\n\n(1) s1\n-----\n    <_ [t1]: t\n(2) s2\n    <_ <b>: b\n    +> <c>: c\n");
    assert!(d.is_empty(), "{d:?}");
    use Relation::*;
    assert_eq!(
        edges(&map),
        vec![
            e("<a>", Supports, "[Untitled 2]"),
            e("<b>", Undercuts, "<a>"),
            e("[Untitled 2]", Supports, "<c>"),
            e("[t1]", Undercuts, "<a>"),
        ]
    );
}

#[test]
fn malformed_premise_conclusion_structures() {
    // No inference; a premise last; a blank line inside; an unclosed rule; a rule alone.
    let (_, d) = parse("<A>: a\n\n(1) p\n(2) q\n");
    assert_eq!(codes(&d), vec!["E001@3:1"]);
    let (_, d) = parse("<A>: a\n\n(1) p\n----\n(2) c\n(3) q\n");
    assert_eq!(codes(&d), vec!["E001@3:1"]);
    let (_, d) = parse("<A>: a\n\n(1) p\n\n----\n(2) c\n");
    assert_eq!(codes(&d), vec!["E001@3:1", "E001@5:1"]);
    let (_, d) = parse("<A>: a\n\n(1) p\n--\nrule\n\n(2) c\n");
    assert_eq!(codes(&d), vec!["E001@4:1", "E001@3:1", "E001@7:1"]);
    let (_, d) = parse("<A>: a\n\n(1) <B>: b\n----\n(2) c\n");
    assert_eq!(codes(&d), vec!["E001@3:5"]);
}

#[test]
fn lists_are_elements() {
    let (map, d) = parse(
        "# List\n\n* [A]: a\n  continues\n  + [B]: b\n* plain item\n\n1. [C]: c\n2. <D>: d\n",
    );
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(text_of(&map, "[A]"), "a continues");
    assert_eq!(text_of(&map, "[Untitled 1]"), "plain item");
    assert_eq!(text_of(&map, "<D>"), "d");
    assert_eq!(edges(&map), vec![e("[B]", Relation::Supports, "[A]")]);
}

#[test]
fn mentions_stay_in_the_text() {
    let (map, d) = parse("[A]: a\n\n[B]: unlike @[A] or @<C>, this\n");
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(text_of(&map, "[B]"), "unlike @[A] or @<C>, this");
    assert_eq!(map.node_count(), 2);
    assert_eq!(map.edge_count(), 0);
}

#[test]
fn explode_arguments_is_e010() {
    let (_, d) = parse("===\nmodel:\n  explodeArguments: true\n===\n\n[A]: a\n");
    assert_eq!(codes(&d), vec!["E010@3:3"]);
}

#[test]
fn block_yaml_metadata_and_lines_inside_braces() {
    let (map, d) =
        parse("[A]: a {\nlinks:\n    - https://example.org/x\n    - [not, a, reference]\n}\n");
    assert!(d.is_empty(), "{d:?}");
    let a = map.node(map.find("[A]").unwrap());
    assert_eq!(
        serde_json::Value::Object(a.data.clone()),
        serde_json::json!({"links": ["https://example.org/x", ["not", "a", "reference"]]})
    );
}

#[test]
fn headings_keep_their_tags_and_may_be_indented() {
    let (map, d) = parse("# Costs #money {side: x}\n\n [A]: a\n\n ## Sub\n");
    assert_eq!(codes(&d), vec!["E004@1:23"]);
    assert_eq!(map.sections[0].title, "Costs #money");
    assert_eq!(map.sections[1].title, "Sub");
    assert_eq!(map.sections[1].parent.as_deref(), Some("s1"));
}

#[test]
fn contradiction_with_an_argument_is_e001() {
    let (_, d) = parse("[A]: a\n  >< <B>: b\n");
    assert_eq!(codes(&d), vec!["E001@2:6"]);
}

#[test]
fn errors_resynchronise_at_the_next_line() {
    let (map, d) = parse(
        "[A]: a {bad: [}\n  + [B]: b {note: x} trailing\n - [C]: c\n\n  - [D]: d\n[E]: e\n  + [E]\n",
    );
    assert_eq!(
        codes(&d),
        vec!["E012@1:15", "E001@2:22", "E002@3:2", "E003@5:3", "W006@6:1"]
    );
    // Every element was still read.
    assert_eq!(map.node_count(), 5);
}

#[test]
fn indentation_errors() {
    let (_, d) = parse("[A]: a\n+ [B]: b\n");
    assert_eq!(codes(&d), vec!["E003@2:1"]);
    let (_, d) = parse("[A]: a\n  + [B]: b\n\t+ [C]: c\n");
    assert_eq!(codes(&d), vec!["E002@3:1"]);
    let (_, d) = parse("[A]: a\n  + [B]: b\n  [C]: c\n");
    assert_eq!(codes(&d), vec!["E001@3:3"]);
}

#[test]
fn text_after_a_reference_and_references_in_text() {
    let (_, d) = parse("[A]: a\n\n[A] more words\n\n[B]: x [A] y\n");
    assert_eq!(codes(&d), vec!["E001@3:5", "E001@5:8"]);
}

#[test]
fn relation_to_itself_is_kept() {
    let (map, d) = parse("[A]: a\n  - [A]\n");
    assert!(d.is_empty());
    assert_eq!(edges(&map), vec![e("[A]", Relation::Rebuts, "[A]")]);
}

#[test]
fn same_relation_twice_is_one_edge() {
    let (map, _) = parse("[A]: a\n  + [B]: b\n\n[B]\n  +> [A]\n");
    assert_eq!(map.edge_count(), 1);
}

#[test]
fn blank_lines_argdown_needs_are_w006() {
    let (_, d) = parse("===\ntitle: x\n===\n# H\n[A]: a\n  + [B]: b\n[C]: c\n# H2\n\n[D]: d\n");
    assert_eq!(
        codes(&d),
        vec!["W006@4:1", "W006@5:1", "W006@7:1", "W006@8:1"]
    );
    let (_, d) = parse("===\ntitle: x\n===\n");
    assert_eq!(codes(&d), vec!["W006@3:1"]);
}

#[test]
fn unknown_heading_side_is_e004() {
    let (map, d) =
        parse("===\nsides:\n  pro: {label: P}\n===\n\n# H {side: cons}\n\n[A]: a #pro\n");
    assert_eq!(codes(&d), vec!["E004@6:12"]);
    assert_eq!(map.sections[0].side, None);
}

#[test]
fn crlf_and_lone_cr_line_endings() {
    let (map, d) = parse("[A]: a\r\n  + [B]: b\r\n");
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(map.edge_count(), 1);
    assert_eq!(text_of(&map, "[B]"), "b");
}

/// Lines made of Argdown's tokens, to reach deep into the parser.
pub(crate) fn token_soup() -> impl Strategy<Value = String> {
    let token = prop::sample::select(vec![
        "[A]",
        "[A]:",
        "<B>",
        "<B>:",
        "[",
        "]",
        "<",
        ">",
        ":",
        "+",
        "-",
        "_",
        "<+",
        "<-",
        "<_",
        "+>",
        "->",
        "_>",
        "><",
        "#",
        "##",
        "# ",
        "#tag",
        "#(x y)",
        "{",
        "}",
        "{side: pro}",
        "{cite: \"m:1-2\"}",
        "{cite: [\"m:1\", 3]}",
        "\"",
        "'",
        "//",
        "/*",
        "*/",
        "<!--",
        "-->",
        "===",
        "(1)",
        "----",
        "--",
        "* ",
        "1. ",
        "@[A]",
        "@<B>",
        "\\",
        "\t",
        "  ",
        "    ",
        "text",
        "é",
        "\u{200B}",
        "\r",
        "side: pro",
        "[C]: c",
        "quote: \"q\"",
        "{x: [}",
    ]);
    prop::collection::vec(
        prop::collection::vec(token, 0..8).prop_map(|t| t.concat()),
        0..12,
    )
    .prop_map(|lines| lines.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn no_panic_on_arbitrary_text(text in any::<String>()) {
        let _ = parse(&text);
    }

    #[test]
    fn no_panic_on_token_soup(a in token_soup(), b in token_soup()) {
        let (_, d) = parse_many(&[&a, &b]);
        // Every diagnostic has a place inside its file.
        for diag in &d {
            prop_assert!(diag.line >= 1, "{diag:?}");
        }
    }
}

#[test]
fn an_unclosed_brace_does_not_swallow_the_relations_below() {
    let (map, d) = parse("[A]: a {side: pro\n  + [B]: b\n  - [C]: c\n\n[D]: {x: 1}\n");
    assert_eq!(codes(&d), vec!["E012@1:8"]);
    assert_eq!(map.edge_count(), 2);
}

#[test]
fn motion_and_camps_merge_across_files_and_conflicts_are_e009() {
    let first = "===\nmotion: M\nsides: {a: A, b: B}\ncamps:\n  yes: {label: Yes, sides: [a]}\n===\n\n[M]: m\n";
    let same = "===\nmotion: M\ncamps: {yes: {label: Yes, sides: [a]}}\n===\n\n[X]: x\n";
    let (map, d) = parse_many(&[first, same]);
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(map.motion.as_deref(), Some("M"));
    assert_eq!(map.camps.len(), 1);
    let other = "===\nmotion: N\ncamps: {yes: {label: Yes, sides: [a, b]}}\n===\n\n[X]: x\n";
    let (map, d) = parse_many(&[first, other]);
    let messages: Vec<String> = d
        .iter()
        .map(|d| {
            format!(
                "{}@{}:{} {} / {}",
                d.code.as_str(),
                d.line,
                d.column,
                d.message,
                d.help.clone().unwrap_or_default()
            )
        })
        .collect();
    assert_eq!(
        messages,
        [
            "E009@2:1 the motion is declared twice: \"M\" and \"N\" / first declared at f0.argdown:2; a debate has one motion",
            "E009@3:9 camp \"yes\" is declared twice with different content / first declared at f0.argdown:5; declare each camp once, or the same way everywhere",
        ]
    );
    assert_eq!(
        map.motion.as_deref(),
        Some("M"),
        "the first declaration stays"
    );
    let bad = "===\nmotion: [1]\ncamps:\n  no: {sides: a}\n  maybe: 3\n===\n\n[X]: x\n";
    let (_, d) = parse_many(&[bad]);
    assert_eq!(
        d.iter().map(|d| d.message.as_str()).collect::<Vec<_>>(),
        [
            "`motion` must be the title of a statement, not a list",
            "camp \"no\": `sides` must be a list of side ids, not the text \"a\"",
            "camp \"maybe\" must be {label, sides: [side, ...]}",
        ]
    );
}
