//! The pictures shipped in `docs/` fit a screen, and the debate's side colours survive
//! colour-blind eyes and a projector.
//!
//! - Every SVG under `docs/` but the full diagram (`docs/debate-full.svg`) is legible when fitted
//!   to 1920×1080: its smallest text, scaled as the picture is scaled to fit (never enlarged),
//!   is at least 12 px high. Sizes come from the SVG itself: its width and height (pt or px,
//!   1 pt = 4/3 px), its viewBox, the `scale()` of its groups and every `font-size`.
//! - `docs/overview.svg` is current, and `docs/clashes/` holds one diagram per clash, named as
//!   `counterpoint clash-diagrams` names them.
//! - The debate's sides differ enough with protanopia, deuteranopia and tritanopia (as
//!   `Palette::colour_problems` measures), allies share a hue, and text on their fills meets AA.

use std::path::{Path, PathBuf};

use counterpoint::load::load;
use counterpoint::style::palette::Palette;
use quick_xml::events::Event;
use quick_xml::Reader;

use crate::common::{read, root, stdout_of};

/// The screen the pictures must fit, in px.
const SCREEN: (f64, f64) = (1920.0, 1080.0);
/// The smallest text allowed once fitted, in px.
const MIN_TEXT_PX: f64 = 12.0;
/// The one picture allowed to be larger: the full layered diagram, kept for completeness.
const FULL_DIAGRAM: &str = "docs/debate-full.svg";

/// A length in px: `12`, `12px`, `9pt` (1 pt = 4/3 px).
fn px(value: &str) -> Option<f64> {
    let v = value.trim();
    if let Some(n) = v.strip_suffix("pt") {
        return n.trim().parse::<f64>().ok().map(|n| n * 4.0 / 3.0);
    }
    v.strip_suffix("px").unwrap_or(v).trim().parse().ok()
}

/// The smallest factor of a `transform`'s `scale(...)`, 1 without one.
fn transform_scale(transform: &str) -> f64 {
    let Some(start) = transform.find("scale(") else {
        return 1.0;
    };
    let inner = &transform[start + 6..];
    let inner = &inner[..inner.find(')').unwrap_or(inner.len())];
    inner
        .split([' ', ','])
        .filter_map(|n| n.trim().parse::<f64>().ok())
        .map(f64::abs)
        .fold(f64::INFINITY, f64::min)
        .min(1e9)
}

/// What a picture measures: its size in px and the smallest text it draws, in px at its own
/// size.
#[derive(Debug)]
struct Measure {
    width: f64,
    height: f64,
    smallest_text: f64,
}

impl Measure {
    /// The factor that fits the picture into the screen, never above 1.
    fn fit(&self) -> f64 {
        (SCREEN.0 / self.width).min(SCREEN.1 / self.height).min(1.0)
    }

    /// The smallest text once fitted, in px.
    fn fitted_text(&self) -> f64 {
        self.smallest_text * self.fit()
    }
}

/// Measures an SVG: the root's width, height and viewBox; for each `<text>`, its font size (its
/// own or its nearest ancestor's, from `font-size` or a `style`; 16 px when none) times the
/// scales of its groups and of the viewBox.
fn measure(svg: &str) -> Result<Measure, String> {
    let mut reader = Reader::from_str(svg);
    // One entry per open element: (font size in user units if set, cumulative scale).
    let mut stack: Vec<(Option<f64>, f64)> = Vec::new();
    let mut size: Option<(f64, f64)> = None;
    let mut unit = 1.0;
    let mut smallest = f64::INFINITY;
    loop {
        let event = reader.read_event().map_err(|e| e.to_string())?;
        let (start, empty) = match &event {
            Event::Start(e) => (Some(e.clone()), false),
            Event::Empty(e) => (Some(e.clone()), true),
            Event::End(_) => {
                stack.pop();
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let Some(e) = start else { continue };
        let mut attrs = std::collections::HashMap::new();
        for a in e.attributes().flatten() {
            let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
            let value = String::from_utf8_lossy(&a.value).into_owned();
            attrs.insert(key, value);
        }
        let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
        if name == "svg" && size.is_none() {
            let w = attrs.get("width").and_then(|v| px(v));
            let h = attrs.get("height").and_then(|v| px(v));
            let view: Option<Vec<f64>> = attrs.get("viewBox").map(|v| {
                v.split([' ', ','])
                    .filter_map(|n| n.trim().parse().ok())
                    .collect()
            });
            let (vw, vh) = match view.as_deref() {
                Some([_, _, vw, vh]) => (Some(*vw), Some(*vh)),
                _ => (None, None),
            };
            let (w, h) = match (w, h, vw, vh) {
                (Some(w), Some(h), _, _) => (w, h),
                (None, None, Some(vw), Some(vh)) => (vw, vh),
                _ => return Err("the root <svg> has no width and height".into()),
            };
            if let (Some(vw), Some(vh)) = (vw, vh) {
                unit = (w / vw).min(h / vh);
            }
            size = Some((w, h));
        }
        let (parent_font, parent_scale) = stack.last().copied().unwrap_or((None, unit));
        let scale = parent_scale * attrs.get("transform").map_or(1.0, |t| transform_scale(t));
        let style_font = attrs.get("style").and_then(|s| {
            s.split(';')
                .filter_map(|d| d.split_once(':'))
                .find(|(k, _)| k.trim() == "font-size")
                .and_then(|(_, v)| px(v))
        });
        let font = style_font
            .or_else(|| attrs.get("font-size").and_then(|v| px(v)))
            .or(parent_font);
        if name == "text" {
            smallest = smallest.min(font.unwrap_or(16.0) * scale);
        }
        if !empty {
            stack.push((font, scale));
        }
    }
    let (width, height) = size.ok_or("no <svg> element")?;
    Ok(Measure {
        width,
        height,
        smallest_text: smallest,
    })
}

/// Every `.svg` under `dir`, in name order.
fn svgs(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "svg") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

#[test]
fn the_measure_reads_sizes_units_and_scales() {
    // The old strip: 43,412 pt wide, 14 pt text, shrinks to a speck.
    let strip = r#"<svg width="43412pt" height="2849pt" viewBox="0.00 0.00 43412.00 2849.00"><g transform="scale(1 1) rotate(0) translate(4 2845)"><text font-size="14.00">x</text></g></svg>"#;
    let m = measure(strip).unwrap();
    assert!((m.width - 43412.0 * 4.0 / 3.0).abs() < 1e-6);
    assert!((m.smallest_text - 14.0 * 4.0 / 3.0).abs() < 1e-6);
    assert!(m.fitted_text() < 1.0, "{m:?}");
    // A small picture is never enlarged; text inherits its group's size; a group's scale counts.
    let small = r#"<svg width="400px" height="300px" viewBox="0 0 800 600"><g font-size="20"><text>a</text><g transform="scale(0.5)"><text style="font-size: 30px">b</text></g></g></svg>"#;
    let m = measure(small).unwrap();
    assert!((m.fit() - 1.0).abs() < 1e-9);
    assert!((m.smallest_text - 7.5).abs() < 1e-9, "{m:?}");
    // Height decides for a tall picture.
    let tall = r#"<svg width="1000px" height="2160px"><text font-size="30">t</text></svg>"#;
    assert!((measure(tall).unwrap().fitted_text() - 15.0).abs() < 1e-9);
}

#[test]
fn every_picture_in_docs_but_the_full_diagram_fits_a_screen() {
    let docs = root().join("docs");
    let mut failures = Vec::new();
    let mut checked = Vec::new();
    for path in svgs(&docs) {
        let rel = path
            .strip_prefix(root())
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel == FULL_DIAGRAM {
            continue;
        }
        let m = measure(&read(&path)).unwrap_or_else(|e| panic!("{rel}: {e}"));
        if m.fitted_text() < MIN_TEXT_PX {
            failures.push(format!(
                "{rel}: {:.0} × {:.0} px, fitted to {}×{} at {:.2}, smallest text {:.1} px < {MIN_TEXT_PX} px",
                m.width,
                m.height,
                SCREEN.0,
                SCREEN.1,
                m.fit(),
                m.fitted_text()
            ));
        }
        checked.push(rel);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Not vacuous: the overview and the clash diagrams are there, the strips are gone.
    assert!(
        checked.iter().any(|p| p == "docs/overview.svg"),
        "{checked:?}"
    );
    assert!(
        checked
            .iter()
            .filter(|p| p.starts_with("docs/clashes/"))
            .count()
            >= 10,
        "{checked:?}"
    );
    for gone in [
        "docs/debate.svg",
        "docs/debate-overview.svg",
        "docs/debate-thesis.svg",
    ] {
        assert!(!root().join(gone).exists(), "{gone} should be gone");
    }
    assert!(root().join(FULL_DIAGRAM).exists());
}

#[test]
fn the_committed_overview_is_current() {
    let svg = stdout_of(["overview", "arguments/"]);
    assert!(
        svg == read(&root().join("docs/overview.svg")),
        "docs/overview.svg is out of date with arguments/: run scripts/debate.sh"
    );
    let md = stdout_of(["overview", "arguments/", "--format", "markdown"]);
    assert!(
        md == read(&root().join("docs/overview.md")),
        "docs/overview.md is out of date with arguments/: run scripts/debate.sh"
    );
}

#[test]
fn docs_holds_one_diagram_per_clash_named_as_the_command_names_them() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("clashes");
    // The folder must exist: the command says so and writes nothing.
    let missing = crate::common::counterpoint()
        .args(["clash-diagrams", "arguments/", "-o", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("is not a folder"));
    std::fs::create_dir(&out).unwrap();
    let printed = stdout_of([
        "clash-diagrams",
        "arguments/",
        "--format",
        "dot",
        "-o",
        out.to_str().unwrap(),
    ]);
    let mut want: Vec<String> = printed
        .lines()
        .map(|l| {
            let name = Path::new(l).file_stem().unwrap().to_string_lossy();
            format!("{name}.svg")
        })
        .collect();
    want.sort();
    let clashes = stdout_of(["clashes", "arguments/", "--format", "json"]);
    let n = crate::common::clash_point_ids(&clashes).len();
    assert_eq!(want.len(), n, "one diagram per clash");
    assert!(
        want[0].starts_with("01-alliance-teachers-should-unionize"),
        "{want:?}"
    );
    let mut have: Vec<String> = std::fs::read_dir(root().join("docs/clashes"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    have.sort();
    assert_eq!(
        have, want,
        "docs/clashes/ is out of date: run scripts/debate.sh"
    );
    // Each DOT holds its clash's point and nothing of the whole map's legend.
    let first = read(&out.join(want[0].replace(".svg", ".dot")));
    assert!(first.contains("Clash 1: Alliance teachers should unionize with UTLA"));
    assert!(!first.contains("cluster_legend"));
}

/// The hue of `#rrggbb` in degrees (HSV).
fn hue(hex: &str) -> f64 {
    let c: Vec<f64> = (0..3)
        .map(|i| f64::from(u8::from_str_radix(&hex[1 + 2 * i..3 + 2 * i], 16).unwrap()) / 255.0)
        .collect();
    let (r, g, b) = (c[0], c[1], c[2]);
    let max = r.max(g).max(b);
    let d = max - r.min(g).min(b);
    if d == 0.0 {
        return 0.0;
    }
    let h = if max == r {
        ((g - b) / d).rem_euclid(6.0)
    } else if max == g {
        (b - r) / d + 2.0
    } else {
        (r - g) / d + 4.0
    };
    h * 60.0
}

#[test]
fn the_debate_colours_survive_colour_blindness_and_read_by_camp() {
    let loaded = load(&[root().join("arguments")], None).unwrap();
    let map = loaded.map;
    assert_eq!(map.sides.len(), 9);
    let problems = Palette::new(&map).colour_problems();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // Allies share a hue family (within 30°), so a camp reads at a glance; the map-maker's
    // notes are grey.
    let color = |id: &str| {
        map.side(id)
            .and_then(|s| s.color.clone())
            .unwrap_or_else(|| panic!("{id} has a colour"))
    };
    for camp in &map.camps {
        let hues: Vec<f64> = camp
            .sides
            .iter()
            .filter(|s| !color(s).eq_ignore_ascii_case("#999999"))
            .map(|s| hue(&color(s)))
            .collect();
        for a in &hues {
            for b in &hues {
                let d = (a - b).abs().min(360.0 - (a - b).abs());
                assert!(d <= 30.0, "camp {}: hues {hues:?}", camp.id);
            }
        }
    }
    assert_eq!(color("analyst"), "#999999");
    // A palette that is not safe is caught: the old debate colours confused Alliance's orange
    // with LAUSD's brown for protanopes, among others.
    let mut old = map.clone();
    for (id, c) in [("alliance", "#d95f02"), ("lausd", "#a6761d")] {
        if let Some(s) = old.sides.iter_mut().find(|s| s.id == id) {
            s.color = Some(c.into());
        }
    }
    let problems = Palette::new(&old).colour_problems();
    assert!(
        problems
            .iter()
            .any(|p| p.contains("alliance") && p.contains("lausd") && p.contains("protanopia")),
        "{problems:#?}"
    );
}
