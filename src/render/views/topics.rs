//! The debate on one screen: topics × camps. For each topic (a node tag), how many points each
//! camp makes on it and how many attacks each camp makes on other camps' points and receives
//! from them there; beside it, who attacks whom over all topics. As an SVG drawn here (legible
//! at 1920×1080: no text under 14 px at its own size, which is at most 1920 px wide) and as
//! Markdown.
//!
//! An attack (rebuttal, undercut or contradiction, counted once as written) goes between camps
//! when both ends have a camp and the camps differ; it counts under every topic of either end.
//! The motion and other points without a side belong to no camp and are not counted.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;

use super::unanswered::markdown_escape;
use crate::analysis::camps::{CampId, Camps};
use crate::model::{Element, Map};
use crate::render::escape::{escape, Target};
use crate::style::palette::{self as style, Palette, Rgb};

/// One camp's column.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// The camp's label.
    pub label: String,
    /// The label up to its first parenthesis or comma.
    pub short: String,
    /// The colour of the camp's first side.
    pub(crate) color: Rgb,
}

/// One topic's row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The tag, without `#`.
    pub topic: String,
    /// Points per camp (by column).
    pub points: Vec<usize>,
    /// Attacks each camp makes on other camps' points on this topic.
    pub made: Vec<usize>,
    /// Attacks each camp's points receive from other camps on this topic.
    pub received: Vec<usize>,
}

/// The overview of a map.
#[derive(Debug, Clone, PartialEq)]
pub struct Overview {
    /// The map's motion, if any.
    pub motion: Option<String>,
    /// The camps, in [`Camps::list`] order.
    pub columns: Vec<Column>,
    /// The topics, most points first (then by name).
    pub rows: Vec<Row>,
    /// Attacks between camps over all topics: `(from, to, count)`, most first.
    pub pairs: Vec<(usize, usize, usize)>,
    /// Points of a camp that carry no tag.
    pub untagged: usize,
}

/// The label up to its first ` (` or `,`, at most 30 characters.
fn short_label(label: &str) -> String {
    let cut = label
        .find(" (")
        .into_iter()
        .chain(label.find(','))
        .min()
        .unwrap_or(label.len());
    let s = label.get(..cut).unwrap_or(label).trim();
    if s.chars().count() > 30 {
        let mut t: String = s.chars().take(29).collect();
        t.push('…');
        t
    } else {
        s.to_string()
    }
}

impl Overview {
    /// Counts the points and attacks of `map` by topic and camp. Linear in the map's size
    /// times the tags per node.
    pub fn of(map: &Map, camps: &Camps) -> Overview {
        let palette = Palette::new(map);
        let columns: Vec<Column> = camps
            .list()
            .iter()
            .map(|c| Column {
                label: c.label.clone(),
                short: short_label(&c.label),
                color: palette.color(c.sides.first().map(String::as_str)),
            })
            .collect();
        let n = columns.len();
        let camp_of = |ix| {
            camps
                .camp(ix)
                .map(|c: CampId| c as usize)
                .filter(|&c| c < n)
        };
        let empty = || Row {
            topic: String::new(),
            points: vec![0; n],
            made: vec![0; n],
            received: vec![0; n],
        };
        let mut rows: HashMap<String, Row> = HashMap::new();
        let mut untagged = 0;
        for (ix, node) in map.nodes() {
            let Some(c) = camp_of(ix) else { continue };
            let tags: BTreeSet<&str> = node
                .tags
                .iter()
                .map(|t| t.trim_start_matches('#'))
                .collect();
            if tags.is_empty() {
                untagged += 1;
            }
            for tag in tags {
                let row = rows.entry(tag.to_string()).or_insert_with(empty);
                if let Some(p) = row.points.get_mut(c) {
                    *p += 1;
                }
            }
        }
        let mut pairs: HashMap<(usize, usize), usize> = HashMap::new();
        for (from, to, edge) in map.edges() {
            if !edge.relation.is_attack() {
                continue;
            }
            let (Some(a), Some(b)) = (camp_of(from), camp_of(to)) else {
                continue;
            };
            if a == b {
                continue;
            }
            *pairs.entry((a, b)).or_default() += 1;
            let tags: BTreeSet<&str> = map
                .node(from)
                .tags
                .iter()
                .chain(&map.node(to).tags)
                .map(|t| t.trim_start_matches('#'))
                .collect();
            for tag in tags {
                let row = rows.entry(tag.to_string()).or_insert_with(empty);
                if let Some(m) = row.made.get_mut(a) {
                    *m += 1;
                }
                if let Some(r) = row.received.get_mut(b) {
                    *r += 1;
                }
            }
        }
        let mut rows: Vec<Row> = rows
            .into_iter()
            .map(|(topic, row)| Row { topic, ..row })
            .collect();
        rows.sort_by(|x, y| {
            let total = |r: &Row| r.points.iter().sum::<usize>();
            total(y).cmp(&total(x)).then_with(|| x.topic.cmp(&y.topic))
        });
        let mut pairs: Vec<(usize, usize, usize)> =
            pairs.into_iter().map(|((a, b), k)| (a, b, k)).collect();
        pairs.sort_by(|x, y| y.2.cmp(&x.2).then_with(|| (x.0, x.1).cmp(&(y.0, y.1))));
        Overview {
            motion: map
                .motion_node()
                .map(|m| map.node(m).title.clone())
                .map(String::from),
            columns,
            rows,
            pairs,
            untagged,
        }
    }

    /// The overview as Markdown: a table of topics × camps, then who attacks whom.
    pub fn markdown(&self) -> String {
        let mut out = String::from("# Topics × camps\n\n");
        if let Some(m) = &self.motion {
            let _ = writeln!(out, "**Motion:** {}\n", markdown_escape(m));
        }
        out.push_str(
            "Each cell: the camp's points on the topic, then (→ made, ← received) the attacks \
             between camps on it. An attack counts under every topic of either of its points.\n\n",
        );
        out.push_str("| Topic |");
        for c in &self.columns {
            let _ = write!(out, " {} |", markdown_escape(&c.short));
        }
        out.push_str("\n|---|");
        out.push_str(&"---:|".repeat(self.columns.len()));
        out.push('\n');
        for row in &self.rows {
            let _ = write!(out, "| {} |", markdown_escape(&row.topic));
            for k in 0..self.columns.len() {
                let _ = write!(out, " {} |", cell_text(row, k));
            }
            out.push('\n');
        }
        if self.untagged > 0 {
            let _ = writeln!(out, "\n{} points have no topic.", self.untagged);
        }
        out.push_str("\n## Who attacks whom (all topics)\n\n");
        if self.pairs.is_empty() {
            out.push_str("No attacks between camps.\n");
        }
        for &(a, b, k) in &self.pairs {
            let _ = writeln!(
                out,
                "- {} → {}: {}",
                markdown_escape(&self.columns[a].label),
                markdown_escape(&self.columns[b].label),
                plural(k, "attack")
            );
        }
        out
    }

    /// The overview as an SVG at most 1920 px wide, its smallest text 14 px.
    pub fn svg(&self) -> String {
        Svg::new(self).draw()
    }
}

/// `1 attack`, `2 attacks`.
fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// A cell as text: `12 (→3 ←2)`, `12`, `–` when empty.
fn cell_text(row: &Row, k: usize) -> String {
    let p = row.points.get(k).copied().unwrap_or(0);
    let attacks = attack_text(row, k);
    match (p, attacks.is_empty()) {
        (0, true) => "–".to_string(),
        (_, true) => p.to_string(),
        (_, false) => format!("{p} ({attacks})"),
    }
}

/// `→3 ←2`: attacks made and received (empty when none).
fn attack_text(row: &Row, k: usize) -> String {
    let made = row.made.get(k).copied().unwrap_or(0);
    let got = row.received.get(k).copied().unwrap_or(0);
    let mut parts = Vec::new();
    if made > 0 {
        parts.push(format!("→{made}"));
    }
    if got > 0 {
        parts.push(format!("←{got}"));
    }
    parts.join(" ")
}

/// Text made safe for SVG character data and attribute values.
fn x(text: &str) -> String {
    escape(text, Target::Html)
}

/// The page's width in px.
const WIDTH: f64 = 1920.0;
/// Where the table ends and the panel of pairs begins.
const TABLE_RIGHT: f64 = 1300.0;
/// The topic column's width.
const TOPIC_WIDTH: f64 = 230.0;
const MARGIN: f64 = 40.0;

/// Draws an [`Overview`].
struct Svg<'a> {
    o: &'a Overview,
    out: String,
}

impl<'a> Svg<'a> {
    fn new(o: &'a Overview) -> Svg<'a> {
        Svg {
            o,
            out: String::new(),
        }
    }

    fn text(&mut self, x_: f64, y: f64, size: u32, attrs: &str, text: &str) {
        let _ = writeln!(
            self.out,
            r#"<text x="{x_:.0}" y="{y:.0}" font-size="{size}" {attrs}>{}</text>"#,
            x(text)
        );
    }

    fn draw(mut self) -> String {
        let o = self.o;
        let n = o.columns.len().max(1);
        let col = (TABLE_RIGHT - MARGIN - TOPIC_WIDTH) / n as f64;
        let header_top = 136.0;
        let header_h = 70.0;
        let rows_top = header_top + header_h + 10.0;
        let row_h = 40.0;
        let table_bottom = rows_top + row_h * o.rows.len() as f64;
        let pairs_bottom = header_top + 50.0 + 32.0 * o.pairs.len() as f64;
        let height = (table_bottom + 60.0).max(pairs_bottom + 60.0).max(400.0);
        let ink = style::INK;
        // Title and explanation.
        self.text(
            MARGIN,
            58.0,
            32,
            r#"font-weight="bold""#,
            "Topics × camps: where the debate meets",
        );
        if let Some(m) = &o.motion {
            self.text(MARGIN, 92.0, 20, "", &format!("Motion: {m}"));
        }
        self.text(
            MARGIN,
            122.0,
            16,
            r##"fill="#444444""##,
            "Each row is a topic. In each camp's column: how many points the camp makes on it              (the dot grows with the number), the attacks it makes on other camps there (→) and              those it receives (←).",
        );
        // Camp headers.
        for (k, c) in o.columns.iter().enumerate() {
            let x0 = MARGIN + TOPIC_WIDTH + col * k as f64;
            let fill = style::fill(Element::Argument, c.color).hex();
            let _ = writeln!(
                self.out,
                r#"<rect x="{:.0}" y="{header_top:.0}" width="{:.0}" height="{header_h:.0}" rx="8" fill="{fill}" stroke="{}" stroke-width="3"/>"#,
                x0 + 4.0,
                col - 8.0,
                c.color.hex()
            );
            let lines = crate::render::dot::wrap(&c.short, ((col - 16.0) / 9.5) as usize);
            let lines: Vec<String> = lines.into_iter().take(2).collect();
            let first = header_top + if lines.len() > 1 { 30.0 } else { 42.0 };
            for (i, line) in lines.iter().enumerate() {
                self.text(
                    x0 + col / 2.0,
                    first + 22.0 * i as f64,
                    17,
                    r#"font-weight="bold" text-anchor="middle""#,
                    line,
                );
            }
        }
        self.text(
            MARGIN,
            header_top + 42.0,
            18,
            r#"font-weight="bold""#,
            "Topic",
        );
        let max = o
            .rows
            .iter()
            .flat_map(|r| r.points.iter().copied())
            .max()
            .unwrap_or(1)
            .max(1) as f64;
        for (i, row) in o.rows.iter().enumerate() {
            let y = rows_top + row_h * i as f64;
            if i % 2 == 0 {
                let _ = writeln!(
                    self.out,
                    r##"<rect x="{MARGIN:.0}" y="{y:.0}" width="{:.0}" height="{row_h:.0}" fill="#f2f2f2"/>"##,
                    TABLE_RIGHT - MARGIN
                );
            }
            let mid = y + row_h / 2.0 + 6.0;
            self.text(MARGIN + 8.0, mid, 18, "", &format!("#{}", row.topic));
            for (k, c) in o.columns.iter().enumerate() {
                let x0 = MARGIN + TOPIC_WIDTH + col * k as f64;
                let p = row.points.get(k).copied().unwrap_or(0);
                if p > 0 {
                    let r = 5.0 + 12.0 * (p as f64 / max).sqrt();
                    let _ = writeln!(
                        self.out,
                        r#"<circle cx="{:.1}" cy="{:.1}" r="{r:.1}" fill="{}"/>"#,
                        x0 + 24.0,
                        y + row_h / 2.0,
                        c.color.hex()
                    );
                    self.text(x0 + 44.0, mid, 18, r#"font-weight="bold""#, &p.to_string());
                }
                let attacks = attack_text(row, k);
                if !attacks.is_empty() {
                    self.text(x0 + 82.0, mid - 1.0, 16, r##"fill="#333333""##, &attacks);
                }
            }
        }
        if o.untagged > 0 {
            self.text(
                MARGIN,
                table_bottom + 34.0,
                16,
                r##"fill="#444444""##,
                &format!(
                    "{} points have no topic. An attack counts under every topic of either of its points.",
                    o.untagged
                ),
            );
        } else {
            self.text(
                MARGIN,
                table_bottom + 34.0,
                16,
                r##"fill="#444444""##,
                "An attack counts under every topic of either of its points.",
            );
        }
        // Who attacks whom.
        let px = TABLE_RIGHT + 50.0;
        self.text(
            px,
            header_top + 30.0,
            22,
            r#"font-weight="bold""#,
            "Who attacks whom (all topics)",
        );
        if o.pairs.is_empty() {
            self.text(px, header_top + 70.0, 18, "", "No attacks between camps.");
        }
        for (i, &(a, b, k)) in o.pairs.iter().enumerate() {
            let y = header_top + 72.0 + 32.0 * i as f64;
            let (Some(ca), Some(cb)) = (o.columns.get(a), o.columns.get(b)) else {
                continue;
            };
            let _ = writeln!(
                self.out,
                r#"<circle cx="{:.0}" cy="{:.0}" r="8" fill="{}"/>"#,
                px + 8.0,
                y - 6.0,
                ca.color.hex()
            );
            self.text(
                px + 24.0,
                y,
                18,
                "",
                &format!("{} → {}", ca.short, cb.short),
            );
            let _ = writeln!(
                self.out,
                r#"<circle cx="{:.0}" cy="{:.0}" r="8" fill="{}"/>"#,
                WIDTH - MARGIN - 60.0,
                y - 6.0,
                cb.color.hex()
            );
            self.text(
                WIDTH - MARGIN,
                y,
                18,
                r#"font-weight="bold" text-anchor="end""#,
                &k.to_string(),
            );
        }
        let body = std::mem::take(&mut self.out);
        let mut svg = String::new();
        let _ = writeln!(
            svg,
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH:.0}px" height="{height:.0}px" viewBox="0 0 {WIDTH:.0} {height:.0}" font-family="{}" fill="{ink}">"#,
            style::FONT
        );
        let _ = writeln!(svg, r#"<title>Topics × camps</title>"#);
        let _ = writeln!(svg, r#"<rect width="100%" height="100%" fill="white"/>"#);
        svg.push_str(&body);
        svg.push_str("</svg>\n");
        svg
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edge, Node, Relation, Side};

    fn sample() -> Map {
        let mut map = Map::new();
        map.sides = ["pro", "con"]
            .into_iter()
            .map(|s| Side {
                id: s.into(),
                label: format!("{} (the {s} side)", s.to_uppercase()),
                color: None,
            })
            .collect();
        let a = map
            .add_node(Node::statement("A", "").with_side("pro").with_tag("cost"))
            .unwrap();
        let b = map
            .add_node(Node::argument("B", "").with_side("con").with_tag("time"))
            .unwrap();
        let c = map
            .add_node(Node::argument("C", "").with_side("pro").with_tag("cost"))
            .unwrap();
        let d = map
            .add_node(
                Node::argument("D <x> & y", "")
                    .with_side("con")
                    .with_tag("a|b<c>"),
            )
            .unwrap();
        map.add_edge(b, a, Edge::new(Relation::Rebuts));
        map.add_edge(c, a, Edge::new(Relation::Supports));
        map.add_edge(d, c, Edge::new(Relation::Undercuts));
        map
    }

    #[test]
    fn counts_points_and_attacks_between_camps_by_topic() {
        let map = sample();
        let o = Overview::of(&map, &Camps::of(&map));
        let shorts: Vec<&str> = o.columns.iter().map(|c| c.short.as_str()).collect();
        assert_eq!(shorts, ["PRO", "CON"]);
        let topics: Vec<&str> = o.rows.iter().map(|r| r.topic.as_str()).collect();
        assert_eq!(topics, ["cost", "a|b<c>", "time"]);
        let cost = &o.rows[0];
        assert_eq!(cost.points, [2, 0]);
        // B (time) rebuts A (cost) and D (a|b<c>) undercuts C (cost): both count under cost.
        assert_eq!(cost.made, [0, 2]);
        assert_eq!(cost.received, [2, 0]);
        assert_eq!(o.rows[2].made, [0, 1]);
        assert_eq!(o.pairs, [(1, 0, 2)]);
        let md = o.markdown();
        assert!(md.contains("| cost | 2 (←2) | 0 (→2) |"), "{md}");
        assert!(md.contains("a\\|b\\<c\\>"), "{md}");
        assert!(md.contains("- CON (the con side) → PRO (the pro side): 2 attacks"));
    }

    #[test]
    fn the_svg_escapes_map_text_and_keeps_text_large() {
        let map = sample();
        let svg = Overview::of(&map, &Camps::of(&map)).svg();
        assert!(svg.contains("#a|b&lt;c&gt;"));
        assert!(!svg.contains("<c>"));
        assert!(svg.starts_with("<svg "));
        for size in svg.split("font-size=\"").skip(1) {
            let n: u32 = size.split('"').next().unwrap().parse().unwrap();
            assert!(n >= 14, "font-size {n}");
        }
    }
}
