//! Safety regressions: render. Enormous texts stay under Graphviz's quoted-string limit, tooltips
//! show the text as written, `report` refuses only real active content, and diagnostics never
//! send a map's control characters to the terminal raw.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

use counterpoint::analysis::Verdicts;
use counterpoint::formats::json;
use counterpoint::render::{self, Drawing, Layout, RenderOptions};
use counterpoint::{Edge, Map, Node, Relation};
use quick_xml::events::Event;
use quick_xml::{Reader, XmlVersion};

use crate::common::{counterpoint, have_program};

/// The longest quoted string Graphviz reads (its error says "longer than 16384?").
const GRAPHVIZ_LIMIT: usize = 16_384;

/// Writes `map` as counterpoint JSON into `dir` and returns the file's path.
fn write_map(dir: &Path, map: &Map) -> String {
    let path = dir.join("map.json");
    std::fs::write(&path, json::to_string(map)).expect("writes the map");
    path.display().to_string()
}

/// Runs `counterpoint ARGS`, expects success, returns standard output.
fn run_ok(args: &[&str]) -> String {
    let out = counterpoint().args(args).output().expect("runs");
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// Runs `counterpoint report FILE -o page.html` (beside FILE) and returns the page.
fn report(file: &str) -> String {
    let page = Path::new(file).with_file_name("page.html");
    run_ok(&["report", file, "-o", &page.display().to_string()]);
    std::fs::read_to_string(&page).expect("the page")
}

/// The tooltip (`xlink:title` of the first link) of every SVG group with an id, as an XML reader
/// reads it.
fn tooltips(svg: &str) -> BTreeMap<String, String> {
    let mut reader = Reader::from_str(svg);
    let mut found = BTreeMap::new();
    let mut group: Option<String> = None;
    loop {
        match reader.read_event().expect("the SVG is XML") {
            // Graphviz wraps a node's link in an inner group `a_<id>`.
            Event::Start(e) if e.name().as_ref() == b"g" => {
                let id = e.try_get_attribute("id").expect("attributes").map(|a| {
                    a.normalized_value(XmlVersion::Explicit1_0)
                        .expect("value")
                        .into_owned()
                });
                if id.as_ref().is_some_and(|id| !id.starts_with("a_")) {
                    group = id;
                }
            }
            Event::Start(e) if e.name().as_ref() == b"a" => {
                if let (Some(g), Some(title)) = (
                    group.take(),
                    e.try_get_attribute("xlink:title").expect("attributes"),
                ) {
                    found.insert(
                        g,
                        title
                            .normalized_value(XmlVersion::Explicit1_0)
                            .expect("value")
                            .into_owned(),
                    );
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    found
}

/// Runs the real `dot -Tsvg` on `dot`, returning whether it succeeded and its stderr.
fn real_dot(dot: &str) -> (bool, String) {
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dot runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(dot.as_bytes())
        .expect("writes DOT");
    let out = child.wait_with_output().expect("dot ends");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The bytes a character takes in a DOT tooltip: `\` is `\\\\` (Graphviz unescapes tooltips
/// twice), `&` is `&amp;` (it decodes entities), `"` is `\"` and a line break `\n`.
fn escaped_len(c: char) -> usize {
    match c {
        '\\' => 4,
        '&' => 5,
        '"' | '\n' => 2,
        c => c.len_utf8(),
    }
}

/// `text` cut to fit `budget` escaped bytes with `…` (3 bytes) at the end, or whole if it fits.
fn cut(text: &str, budget: usize) -> String {
    if text.chars().map(escaped_len).sum::<usize>() <= budget {
        return text.to_string();
    }
    let mut used = 0;
    let mut out = String::new();
    for c in text.chars() {
        used += escaped_len(c);
        if used > budget - '…'.len_utf8() {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// One node with an 18 KB text full of characters that grow when escaped, and a node with a
/// 17 KB title answering it: `render --format dot` writes DOT the real `dot` accepts (every
/// tooltip below the limit, cut with `…`), and `render --format svg` and `report` succeed.
#[test]
fn enormous_texts_stay_under_the_graphviz_string_limit() {
    let unit = "C:\\x & \"q\" é漢 ";
    let text = unit.repeat(18_000 / unit.len() + 1);
    let long_title = format!("Objection {}", "y".repeat(17_000));
    let mut map = Map::new();
    let a = map
        .add_node(Node::statement("Long", text.clone()))
        .expect("node");
    let b = map
        .add_node(Node::statement(long_title.clone(), "short"))
        .expect("node");
    map.add_edge(b, a, Edge::new(Relation::Rebuts));
    // Zero-width characters: wrapping never shortens a label line of them.
    let marks = format!("a{}", "\u{301}".repeat(10_000));
    map.add_node(Node::statement("Marks", marks.clone()))
        .expect("node");
    let dir = tempfile::tempdir().expect("tempdir");
    let file = write_map(dir.path(), &map);

    let dot = run_ok(&["render", "--format", "dot", &file]);
    let lengths: Vec<usize> = dot
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("tooltip="))
        .map(str::len)
        .collect();
    assert_eq!(lengths.len(), 4, "three node tooltips and one edge tooltip");
    for len in &lengths {
        assert!(*len <= GRAPHVIZ_LIMIT, "a tooltip of {len} bytes");
    }
    if !have_program("dot") {
        return;
    }
    let (ok, stderr) = real_dot(&dot);
    assert!(ok, "dot rejected the DOT: {stderr}");

    let svg = run_ok(&["render", "--format", "svg", &file]);
    let tips = tooltips(&svg);
    assert_eq!(
        tips.keys().collect::<Vec<_>>(),
        ["e0", "s-long", "s-marks", "s-objection"]
    );
    assert_eq!(tips["s-long"], cut(&format!("Long: {text}"), 16_000));
    // "Long: " (6 bytes), 615 units of 26 escaped bytes, `C`, `…`: 15,997 + 3 bytes.
    assert_eq!(tips["s-long"].chars().count(), 6 + 615 * 14 + 2);
    assert!(tips["s-long"].ends_with("C:\\x & \"q\" é漢 C…"));
    assert_eq!(
        tips["s-objection"],
        cut(&format!("{long_title}: short"), 16_000)
    );
    assert_eq!(
        tips["e0"],
        cut(&format!("{long_title} rebuts Long"), 16_000)
    );
    assert_eq!(tips["s-marks"], cut(&format!("Marks: {marks}"), 16_000));
    // The label line is cut as well: 7,998 marks of 2 bytes, then `…`.
    let line = format!("a{}…</text>", "\u{301}".repeat(7_998));
    assert!(svg.contains(&line));

    let page = report(&file);
    assert!(page.contains("<svg"));
    assert!(page.contains("C:\\x &amp; &quot;q&quot; é漢"));
}

/// When `dot` fails, its message says `<stdin>`, never the name of a temporary file.
#[test]
fn graphviz_errors_name_no_temporary_file() {
    if !have_program("dot") {
        return;
    }
    let err = render::graphviz::run(
        "digraph { a [label=\"x]; }",
        render::OutputFormat::Svg,
        Layout::Dot,
    )
    .expect_err("unterminated string");
    assert_eq!(
        err.to_string(),
        "Graphviz `dot` failed: Error: <stdin>: syntax error in line 1 scanning a quoted string \
         (missing endquote? longer than 16384?)\nString starting:\"x]; }"
    );
}

/// Graphviz expands `\N`, `\G`, `\E`, `\L`, `\T`, `\H` in tooltips, unescapes `\n`, `\l`,
/// `\\` and decodes entities: every node's and edge's tooltip still reads exactly as written.
#[test]
fn tooltips_show_texts_exactly_as_written() {
    if !have_program("dot") {
        return;
    }
    let texts = [
        (
            "C:\\Notes\\Games",
            "in C:\\Notes\\Games\\Ends\\Last\\Tail\\Head\\",
        ),
        (
            "Escapes",
            "\\N \\G \\E \\L \\T \\H \\n \\l \\r \\\\ \\\" \\x \\",
        ),
        (
            "Entities",
            "&lt;b&gt; &amp; &#92; &#10; &quot; &nbsp; & <b>\"x\"</b> 'y'",
        ),
        ("Lines", "one\ntwo\n\nthree: é漢🙂"),
    ];
    let mut map = Map::new();
    let ix: Vec<_> = texts
        .iter()
        .map(|(t, x)| map.add_node(Node::statement(*t, *x)).expect("node"))
        .collect();
    map.add_edge(ix[1], ix[0], Edge::new(Relation::Supports));
    let verdicts = Verdicts::whole(&map);
    let dot = render::to_dot(Drawing::new(&map, &verdicts), &RenderOptions::default());
    let svg = render::graphviz::run(&dot, render::OutputFormat::Svg, Layout::Dot)
        .unwrap_or_else(|e| panic!("dot rejected the DOT: {e}\n{dot}"));
    let tips = tooltips(&String::from_utf8(svg).expect("UTF-8"));
    let got: Vec<&str> = ["s-c-notes-games", "s-escapes", "s-entities", "s-lines"]
        .iter()
        .map(|id| tips[*id].as_str())
        .collect();
    let want: Vec<String> = texts.iter().map(|(t, x)| format!("{t}: {x}")).collect();
    assert_eq!(got, want);
    assert_eq!(tips["e0"], "Escapes supports C:\\Notes\\Games");
}

/// A map about web safety can be reported: `javascript:` in a text is text, shown escaped.
#[test]
fn report_accepts_texts_about_javascript_links() {
    if !have_program("dot") {
        return;
    }
    let mut map = Map::new();
    map.add_node(Node::statement(
        "Safety",
        "never click javascript: links like <a href=\"javascript:alert(1)\">this</a>",
    ))
    .expect("node");
    map.title = Some("javascript: considered harmful".into());
    let dir = tempfile::tempdir().expect("tempdir");
    let file = write_map(dir.path(), &map);
    let page = report(&file);
    assert!(page.contains("<h1>javascript: considered harmful</h1>"));
    assert!(page.contains(
        "never click javascript: links like &lt;a href=&quot;javascript:alert(1)&quot;&gt;this&lt;/a&gt;"
    ));
    assert!(!page.contains("<a href=\"javascript"));
    assert_eq!(page.matches("<script").count(), 2);
}

/// ESC, BEL and OSC sequences (set title, hide text, clipboard write) in a map reach the terminal
/// escaped in the message and the snippet, the caret under the escaped text; JSON keeps them.
#[test]
fn diagnostics_show_control_characters_escaped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "===\nsides:\n  pro: {label: \"Pro\"}\n===\n\n\
                <A \u{1b}]0;pwned\u{7} \u{1b}[8m>: text \u{1b}]52;c;ZWNobw==\u{7} here {side: x}\n";
    std::fs::write(dir.path().join("esc.argdown"), text).expect("writes");
    let out = counterpoint()
        .current_dir(dir.path())
        .args(["check", "esc.argdown"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stdout).expect("UTF-8"),
        r#"esc.argdown:6:1: error[E004]: unknown side "x" on <A \u{1b}]0;pwned\u{7} \u{1b}[8m>
  |
6 | <A \u{1b}]0;pwned\u{7} \u{1b}[8m>: text \u{1b}]52;c;ZWNobw==\u{7} here {side: x}
  | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  = help: declared sides are: pro

esc.argdown:6:4: error[E014]: control character U+001B (ESC) in the text
  |
6 | <A \u{1b}]0;pwned\u{7} \u{1b}[8m>: text \u{1b}]52;c;ZWNobw==\u{7} here {side: x}
  |    ^^^^^^
  = help: control characters (U+0000-U+001F but tab and line breaks, U+007F-U+009F) are not allowed in a map's texts; delete it or write a space

2 errors, 0 warnings
"#
    );
    let out = counterpoint()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "esc.argdown"])
        .output()
        .expect("runs");
    let diags: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON diagnostics");
    assert_eq!(
        diags[0]["message"],
        "unknown side \"x\" on <A \u{1b}]0;pwned\u{7} \u{1b}[8m>"
    );
}
