//! `counterpoint render`: DOT snapshots, escaping checked by the real Graphviz, SVG/PNG/PDF
//! through `dot`, the missing-`dot` message and the large-map guard.

use std::path::Path;

use counterpoint::analysis::Verdicts;
use counterpoint::load::load_texts;
use counterpoint::render::{self, Direction, Drawing, GroupBy, Layout, RenderOptions};
use counterpoint::Format;

use crate::common::{counterpoint, fixture, have_program, read};

/// Runs `counterpoint render ARGS`, expects success, returns standard output.
fn render(args: &[&str]) -> String {
    let out = counterpoint()
        .arg("render")
        .args(args)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "render {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("DOT is UTF-8")
}

fn fixture_str(name: &str) -> String {
    fixture("render", name).display().to_string()
}

/// The map of a fixture, loaded through the library.
fn load(name: &str) -> counterpoint::Map {
    let path = fixture("render", name);
    let loaded = load_texts(&[(name.to_string(), read(&path))], None);
    assert!(!loaded.has_errors(), "{name}: {:?}", loaded.diagnostics);
    loaded.map
}

/// Runs the real `dot` on DOT text and returns the SVG; panics with dot's message on failure.
fn dot_svg(dot: &str) -> String {
    let bytes = render::graphviz::run(dot, render::OutputFormat::Svg, Layout::Dot)
        .unwrap_or_else(|e| panic!("dot rejected the DOT: {e}\n{dot}"));
    String::from_utf8(bytes).expect("SVG is UTF-8")
}

#[test]
fn dot_of_the_json_fixture() {
    let dot = render(&[&fixture_str("four-day-week.json")]);
    insta::assert_snapshot!("render_four_day_week_json", dot);
}

#[test]
fn dot_of_the_argdown_fixture() {
    let dot = render(&[&fixture_str("four-day-week.argdown")]);
    insta::assert_snapshot!("render_four_day_week_argdown", dot);
}

#[test]
fn dot_grouped_by_side_left_to_right() {
    let dot = render(&[
        &fixture_str("four-day-week.json"),
        "--group-by",
        "side",
        "--direction",
        "LR",
        "--wrap",
        "24",
        "--max-lines",
        "1",
    ]);
    insta::assert_snapshot!("render_four_day_week_by_side_lr", dot);
}

#[test]
fn dot_without_clusters_or_legend_for_sfdp() {
    let dot = render(&[
        &fixture_str("four-day-week.json"),
        "--group-by",
        "none",
        "--layout",
        "sfdp",
        "--no-legend",
        "--direction",
        "tb",
    ]);
    insta::assert_snapshot!("render_four_day_week_flat_sfdp", dot);
}

#[test]
fn dot_is_deterministic_and_the_same_from_argdown_and_json() {
    let map = load("four-day-week.argdown");
    let opts = RenderOptions::default();
    let first = render::to_dot(Drawing::new(&map, &Verdicts::whole(&map)), &opts);
    assert_eq!(
        first,
        render::to_dot(Drawing::new(&map, &Verdicts::whole(&map)), &opts)
    );
    let json = counterpoint::formats::json::to_string(&map);
    let back = load_texts(&[("x.json".into(), json)], Some(Format::Json));
    assert_eq!(
        render::to_dot(Drawing::new(&back.map, &Verdicts::whole(&back.map)), &opts),
        first
    );
}

#[test]
fn the_note_is_drawn_under_the_title() {
    let map = load("four-day-week.json");
    let opts = RenderOptions {
        note: Some("12 nodes hidden by filters <all \"sides\">".into()),
        group_by: GroupBy::None,
        direction: Direction::TopBottom,
        legend: false,
        ..RenderOptions::default()
    };
    let dot = render::to_dot(Drawing::new(&map, &Verdicts::whole(&map)), &opts);
    assert!(dot.contains(
        r##"label=<<font point-size="18"><b>Four-day school week</b></font><br align="left"/><font point-size="12" color="#555555"><i>12 nodes hidden by filters &lt;all &quot;sides&quot;&gt;</i></font>>"##
    ), "{dot}");
    if have_program("dot") {
        let svg = dot_svg(&dot);
        assert!(svg.contains("12 nodes hidden by filters &lt;all &quot;sides&quot;&gt;"));
    }
}

/// Texts of the hostile fixture as Graphviz writes them into SVG text (XML-escaped; Graphviz
/// also writes `-` as `&#45;`).
fn svg_text(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '-' => out.push_str("&#45;"),
            c => out.push(c),
        }
    }
    out
}

#[test]
fn hostile_labels_are_escaped_and_drawn_as_written() {
    let map = load("hostile.json");
    let opts = RenderOptions {
        wrap: 200,
        ..RenderOptions::default()
    };
    let dot = render::to_dot(Drawing::new(&map, &Verdicts::whole(&map)), &opts);
    // Every text reaches DOT escaped: no markup from the map inside HTML-like labels, and
    // quoted strings with their quotes and backslashes escaped.
    for line in dot
        .lines()
        .filter(|l| l.trim_start().starts_with("label=<"))
    {
        for markup in ["<script", "<img", "<svg", "<i>", "<em>", "</title>", "<!--"] {
            assert!(!line.contains(markup), "{markup} in {line}");
        }
    }
    // Tooltips write a backslash as four (Graphviz unescapes them twice) and `&` as `&amp;`.
    assert!(dot.contains(
        r#""Quote \" and 'single' and backslash \\\\ end\\\\: A backslash at the end \\\\""#
    ));
    insta::assert_snapshot!("render_hostile", dot);
    if !have_program("dot") {
        return;
    }
    let svg = dot_svg(&dot);
    let mut expected: Vec<String> = map.nodes().map(|(_, n)| n.title.to_string()).collect();
    expected.extend([
        "Text with <script>window.__pwned = 3</script> inside.".to_string(),
        "line \"two\" <i>three</i>".to_string(),
        "A backslash at the end \\".to_string(),
        "{\"json\": [1, 2]} ]] >> <<".to_string(),
        "</title></svg><script>window.__pwned = 5</script>".to_string(),
        "Hostile \"map\" <script>window.__pwned = 8</script> & </title>".to_string(),
        "Section <script>window.__pwned = 11</script> \\N".to_string(),
        "<img src=x onerror=\"window.__pwned = 9\">".to_string(),
        "Con & <b>friends</b>".to_string(),
    ]);
    for text in &expected {
        let want = format!(">{}</text>", svg_text(text));
        assert!(
            svg.contains(&want),
            "the SVG does not show {text:?} as written ({want})"
        );
    }
    assert!(!svg.contains("<script"));
    assert!(!svg.contains("<img"));
}

#[test]
fn svg_png_and_pdf_come_from_dot() {
    if !have_program("dot") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let input = fixture_str("four-day-week.json");
    let cases: [(&str, &[u8]); 3] = [
        ("svg", b"<?xml"),
        ("png", b"\x89PNG\r\n\x1a\n"),
        ("pdf", b"%PDF-"),
    ];
    for (format, magic) in cases {
        let out = dir.path().join(format!("map.{format}"));
        counterpoint()
            .args(["render", &input, "--format", format, "-o"])
            .arg(&out)
            .assert()
            .success();
        let bytes = std::fs::read(&out).expect("output written");
        assert!(
            bytes.starts_with(magic),
            "{format} starts with {:?}",
            &bytes[..8]
        );
        if format == "svg" {
            let svg = String::from_utf8(bytes).expect("UTF-8");
            assert!(svg.contains("<svg "), "an <svg> root");
            assert!(svg.trim_end().ends_with("</svg>"));
            assert!(svg.contains(r#"<g id="s&#45;four&#45;days" class="node claim statement"#));
        }
    }
    // Binary output goes to standard output when it is not a terminal.
    let out = counterpoint()
        .args(["render", &input, "--format", "png"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert!(out.stdout.starts_with(b"\x89PNG"));
}

#[test]
fn without_dot_it_says_how_to_install_it_and_writes_nothing() {
    let empty = tempfile::tempdir().expect("temp dir");
    let out = empty.path().join("map.svg");
    for args in [
        vec!["render", "--format", "svg", "-o"],
        vec!["report", "-o"],
    ] {
        counterpoint()
            .env("PATH", empty.path())
            .args(&args)
            .arg(&out)
            .arg(fixture("render", "four-day-week.argdown"))
            .assert()
            .code(2)
            .stdout("")
            .stderr(
                "error: the Graphviz program `dot` was not found; it draws SVG, PNG, PDF and the \
                 report (`--format dot` needs no Graphviz). To install Graphviz: `apt-get install \
                 graphviz` (Debian, Ubuntu), `dnf install graphviz` (Fedora), `brew install \
                 graphviz` (macOS), or see https://graphviz.org/download/\n",
            );
        assert!(!out.exists(), "{args:?} wrote {}", out.display());
        assert_eq!(
            std::fs::read_dir(empty.path()).map(|d| d.count()).ok(),
            Some(0)
        );
    }
    // DOT needs no Graphviz.
    counterpoint()
        .env("PATH", empty.path())
        .args(["render"])
        .arg(fixture("render", "four-day-week.json"))
        .assert()
        .success();
}

/// A generated map of `n` nodes in a chain of supports.
fn chain_json(n: usize) -> String {
    let nodes: Vec<String> = (0..n)
        .map(|i| format!(r#"{{"id": "[P{i}]", "title": "P{i}", "text": "t"}}"#))
        .collect();
    let edges: Vec<String> = (1..n)
        .map(|i| {
            format!(
                r#"{{"from": "[P{i}]", "to": "[P{}]", "relation": "supports"}}"#,
                i / 2
            )
        })
        .collect();
    format!(
        r#"{{"format": "counterpoint", "version": 1, "nodes": [{}], "edges": [{}]}}"#,
        nodes.join(","),
        edges.join(",")
    )
}

#[test]
fn large_maps_need_force_for_layout() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("big.json");
    let n = render::graphviz::SLOW_DOT_NODES + 1;
    std::fs::write(&input, chain_json(n)).expect("write");
    let out = dir.path().join("big.svg");
    let assert = counterpoint()
        .args(["render", "--format", "svg", "-o"])
        .arg(&out)
        .arg(&input)
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert_eq!(
        stderr,
        format!(
            "error: the map has {n} nodes; Graphviz lays out more than {} nodes slowly \
             ({}). Draw part of the map with the filters, try `--layout sfdp`, \
             write `--format dot`, or pass `--force` to wait.\n",
            render::graphviz::SLOW_DOT_NODES,
            render::graphviz::TIMINGS
        )
    );
    assert!(!out.exists());
    // DOT itself is not laid out, so it needs no --force.
    let dot = render(&[&input.display().to_string()]);
    assert_eq!(dot.matches("class=\"claim statement").count(), 1);
}

#[test]
fn render_never_writes_over_an_input() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("map.json");
    std::fs::copy(fixture("render", "four-day-week.json"), &input).expect("copy");
    let before = read(&input);
    counterpoint()
        .args(["render", "-o"])
        .arg(&input)
        .arg(&input)
        .assert()
        .code(2);
    assert_eq!(read(&input), before);
    assert!(Path::new(&input).exists());
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

    /// Whatever the titles hold, `dot` accepts the DOT and draws each title as written.
    #[test]
    fn dot_draws_any_title_as_written(
        words in proptest::collection::vec(
            proptest::collection::vec("[\"\\\\<>&'{}\\[\\]|;:=#%é漢🙂a-c\\-]{1,6}", 1..5),
            3,
        )
    ) {
        if !have_program("dot") {
            return Ok(());
        }
        let titles: Vec<String> = words.iter().map(|w| w.join(" ")).collect();
        proptest::prop_assume!(titles[0] != titles[1] && titles[1] != titles[2] && titles[0] != titles[2]);
        let mut map = counterpoint::Map::new();
        let ix: Vec<_> = titles
            .iter()
            .map(|t| map.add_node(counterpoint::Node::statement(t.clone(), t.clone())).expect("unique"))
            .collect();
        map.add_edge(ix[1], ix[0], counterpoint::Edge::new(counterpoint::Relation::Rebuts));
        map.add_edge(ix[2], ix[1], counterpoint::Edge::new(counterpoint::Relation::Undercuts));
        map.title = Some(titles[2].clone());
        let dot = render::to_dot(Drawing::new(&map, &Verdicts::whole(&map)), &RenderOptions { wrap: 400, ..RenderOptions::default() });
        let svg = dot_svg(&dot);
        for t in &titles {
            let want = format!(">{}</text>", svg_text(t));
            proptest::prop_assert!(svg.contains(&want), "{t:?} not drawn as written ({want})");
        }
    }
}

/// The SVG `y` of the first text of the node with this DOT id (smaller is higher on the page).
/// Graphviz writes the `-` of an id as `&#45;`.
fn text_y(svg: &str, id: &str) -> f64 {
    let id = id.replace('-', "&#45;");
    let at = svg
        .find(&format!(r#"<g id="{id}" class="node"#))
        .unwrap_or_else(|| panic!("node {id} in the SVG"));
    let rest = &svg[at..];
    let y = &rest[rest.find("<text").expect("a text")..];
    let y = &y[y.find(" y=\"").expect("y") + 4..];
    y[..y.find('"').expect("end of y")]
        .parse()
        .expect("y is a number")
}

/// The motion is drawn apart (a bold box headed MOTION, no double outline) and, with `dot`,
/// above every other point, even above a claim of its own that is not related to it.
#[test]
fn the_motion_is_drawn_apart_and_on_top() {
    let dot = render(&[&fixture_str("motion.argdown")]);
    insta::assert_snapshot!("render_motion", dot);
    assert!(dot.contains(r#"class="motion statement falls","#), "{dot}");
    assert!(dot.contains("<b>MOTION</b>"), "{dot}");
    assert_eq!(dot.matches(r#"class="motion-rank""#).count(), 1, "{dot}");
    assert!(dot.contains(
        "\"s-teachers-want-it\" -> \"s-move-to-a-four-day-week\" [\n    id=\"motion-rank-0\""
    ));
    if !have_program("dot") {
        return;
    }
    let svg = dot_svg(&dot);
    assert!(
        !svg.contains("motion-rank"),
        "invisible edges are not drawn"
    );
    let motion = text_y(&svg, "s-move-to-a-four-day-week");
    let map = load("motion.argdown");
    let ids = counterpoint::style::names::NodeIds::new(&map);
    for (ix, node) in map.nodes() {
        if node.title != "Move to a four-day week" {
            let y = text_y(&svg, ids.get(ix));
            assert!(
                motion < y,
                "the motion ({motion}) is above {} ({y})",
                node.id
            );
        }
    }
}

/// Only the `dot` layout has ranks: with `sfdp` no invisible edge pulls at the motion; a part
/// of the map without the motion's statement draws no motion, a part with it does.
#[test]
fn the_motion_in_other_layouts_and_in_parts() {
    let flat = render(&[&fixture_str("motion.argdown"), "--layout", "sfdp"]);
    assert!(flat.contains("<b>MOTION</b>") && !flat.contains("motion-rank"));
    let parents = render(&[&fixture_str("motion.argdown"), "--side", "parents"]);
    assert!(!parents.contains("MOTION") && !parents.contains("motion-rank"));
    let focus = render(&[
        &fixture_str("motion.argdown"),
        "--focus",
        "Move to a four-day week",
    ]);
    assert!(focus.contains("<b>MOTION</b>"), "{focus}");
    if have_program("dot") {
        dot_svg(&flat);
        dot_svg(&focus);
    }
}

/// The report names the motion under the title and lists it first among all points, never as
/// unanswered; its data marks it.
#[test]
fn the_report_shows_the_motion_first() {
    let map = load("motion.argdown");
    let svg = r#"<svg viewBox="0 0 10 10"></svg>"#;
    let page = render::html::page(
        Drawing::new(&map, &Verdicts::whole(&map)),
        &RenderOptions::default(),
        svg,
    )
    .expect("page");
    assert!(
        page.contains(
            r#"<p class="summary motion">Motion: <strong>Move to a four-day week</strong> · falls</p>"#
        ),
        "{page}"
    );
    let all = &page[page.find(r#"<section id="points""#).expect("all points")..];
    let first = &all[all.find("<li").expect("an item")..];
    assert!(
        first.starts_with(
            r#"<li data-node="s-move-to-a-four-day-week"><button class="point motion" type="button" data-node="s-move-to-a-four-day-week""#
        ),
        "{first}"
    );
    assert!(
        first.contains(r#"Move to a four-day week<span class="meta">the motion · falls</span>"#)
    );
    assert_eq!(all.matches("<li").count(), map.node_count());
    let unanswered = &page[page.find(r#"<section id="unanswered""#).expect("panels")..];
    let unanswered = &unanswered[..unanswered.find("</section>").expect("end")];
    assert!(!unanswered.contains("s-move-to-a-four-day-week"));
    let start = page
        .find(r#"<script id="map-data" type="application/json">"#)
        .expect("data")
        + r#"<script id="map-data" type="application/json">"#.len();
    let end = start + page[start..].find("</script>").expect("end of data");
    let data: serde_json::Value = serde_json::from_str(&page[start..end]).expect("JSON");
    assert_eq!(data["motion"], "s-move-to-a-four-day-week");
    assert_eq!(data["nodes"][0]["motion"], true);
    assert_eq!(data["nodes"][1]["motion"], false);
}

/// Every map file under `dir` (Argdown and JSON), recursively, in a stable order.
fn map_files(dir: &Path, found: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            map_files(&path, found);
        } else if path
            .extension()
            .is_some_and(|e| e == "argdown" || e == "json")
        {
            found.push(path);
        }
    }
}

/// The DOT text is written straight into the output; `render::dot::graph` builds the same
/// drawing as graphviz-rust's types. Printed by graphviz-rust, that graph must give the very
/// same bytes, for every map the tests hold (and the debate in `arguments/`), drawn in every
/// way the options allow.
#[test]
fn the_written_dot_is_what_graphviz_rust_prints_for_every_fixture_map() {
    use graphviz_rust::printer::{DotPrinter, PrinterContext};

    let root = crate::common::root();
    let mut files = Vec::new();
    for dir in ["tests/integration", "fuzz/corpus"] {
        map_files(&root.join(dir), &mut files);
    }
    let mut maps: Vec<(String, counterpoint::Map)> = files
        .iter()
        .map(|path| {
            let loaded = counterpoint::load::load_bytes(
                vec![(
                    path.display().to_string(),
                    std::fs::read(path).expect("reads"),
                )],
                None,
            );
            (path.display().to_string(), loaded.map)
        })
        .collect();
    let debate = counterpoint::load(&[root.join("arguments")], None).expect("reads arguments/");
    maps.push(("arguments/".into(), debate.map));
    assert!(maps.len() > 100, "{}", maps.len());
    let options = [
        RenderOptions::default(),
        RenderOptions {
            group_by: GroupBy::Side,
            direction: Direction::LeftRight,
            wrap: 24,
            max_lines: 1,
            ..RenderOptions::default()
        },
        RenderOptions {
            group_by: GroupBy::None,
            layout: Layout::Sfdp,
            legend: false,
            title: false,
            ..RenderOptions::default()
        },
        RenderOptions {
            direction: Direction::TopBottom,
            layout: Layout::Sfdp,
            wrap: 8,
            stagger: 0,
            note: Some("a \"note\" <b>".into()),
            ..RenderOptions::default()
        },
    ];
    for (name, map) in &maps {
        let verdicts = Verdicts::whole(map);
        let drawing = Drawing::new(map, &verdicts);
        for opts in &options {
            let mut ctx = PrinterContext::default();
            ctx.with_node_mult_attr_s_l();
            let printed = format!("{}\n", render::dot::graph(drawing, opts).print(&mut ctx));
            let written = render::to_dot(drawing, opts);
            assert!(written == printed, "{name} drawn with {opts:?}");
        }
    }
}
