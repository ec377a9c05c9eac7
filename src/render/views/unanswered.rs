//! `counterpoint unanswered` output: the unanswered points ranked by what is at stake in them,
//! the contentions apart from the evidence leaves, grouped by camp, as text, Markdown or JSON.
//!
//! The default listing is short: the contentions, and a last line saying how many evidence
//! leaves were left out. With `all`, the evidence leaves follow the contentions. The motion is
//! named first: it belongs to no side and is never listed (see [`crate::analysis::unanswered`]).

use petgraph::stable_graph::NodeIndex;
use serde_json::{json, Value};

use super::{citation, one_line, side_heading, speaks_to};
use crate::analysis::camps::CampId;
use crate::analysis::sides;
use crate::analysis::unanswered::{Ranked, Unanswered};
use crate::formats::json::node_value;
use crate::model::Map;

/// The definition, as the outputs and `--help` state it.
pub(crate) const DEFINITION: &str =
    "A point is answered when at least one opponent (a node of another camp) rebuts or undercuts \
     it (a contradiction answers both ways); an attack between allies is an internal dispute, \
     not an answer. A side in no camp is a camp of its own; a node without a side is everyone's \
     opponent.";

/// Contentions and evidence leaves, as the outputs state them.
pub(crate) const STAKES: &str =
    "A contention is a point a camp's case rests on: a thesis (a point its case concludes in) \
     or a point with reasons of its own. An evidence leaf is a point nothing supports: a fact, \
     a figure or a quote offered as a reason. Each list starts with the points closest to the \
     motion or a thesis, then the stronger.";

/// The points to list: the contentions, and the evidence leaves too with `all`.
fn listed(ranked: &Ranked, all: bool) -> Vec<Unanswered> {
    let leaves = if all { ranked.leaves.as_slice() } else { &[] };
    ranked.contentions.iter().chain(leaves).copied().collect()
}

/// `points` grouped by camp, in the order of the camps, then the points without a side; each
/// group keeps the points' order. Empty groups are left out.
fn by_camp(ranked: &Ranked, points: &[Unanswered]) -> Vec<(Option<CampId>, Vec<Unanswered>)> {
    let mut groups: Vec<(Option<CampId>, Vec<Unanswered>)> = (0..ranked.camps.list().len())
        .map(|c| (Some(c as CampId), Vec::new()))
        .collect();
    groups.push((None, Vec::new()));
    for p in points {
        let slot = match p.camp {
            Some(c) => c as usize,
            None => groups.len() - 1,
        };
        if let Some((_, group)) = groups.get_mut(slot) {
            group.push(*p);
        }
    }
    groups.retain(|(_, g)| !g.is_empty());
    groups
}

/// How to name a camp's group: `For unionizing (utla, readers-supportive)` for a declared camp,
/// as [`side_heading`] names a side for a side in no camp, `No side` for the nodes without one.
fn camp_heading(map: &Map, ranked: &Ranked, camp: Option<CampId>) -> String {
    match camp.and_then(|c| ranked.camps.info(c)) {
        None => side_heading(map, None),
        Some(info) if info.declared => format!("{} ({})", info.label, info.sides.join(", ")),
        Some(info) => side_heading(map, Some(&info.id)),
    }
}

/// The point's side, when its group is a declared camp (which may hold several sides).
fn side_of(map: &Map, ranked: &Ranked, p: &Unanswered) -> Option<String> {
    let declared = p
        .camp
        .and_then(|c| ranked.camps.info(c))
        .is_some_and(|info| info.declared);
    if declared {
        map.node(p.node).side.clone().map(String::from)
    } else {
        None
    }
}

/// What is at stake in the point: `thesis, strength 0.62`, `2 steps from the motion or a
/// thesis, strength 0.50`, `bears on no thesis, strength 0.50`.
fn stakes_line(p: &Unanswered) -> String {
    let place = match p.distance {
        Some(0) => "thesis".to_string(),
        Some(1) => "1 step from the motion or a thesis".to_string(),
        Some(d) => format!("{d} steps from the motion or a thesis"),
        None => "bears on no thesis".to_string(),
    };
    format!("{place}, strength {:.2}", p.strength)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The line on the motion: `Motion: [X]. ...`; empty when the map names none.
fn motion_line(map: &Map, motion: Option<NodeIndex>) -> String {
    match motion {
        Some(m) => format!(
            "Motion: {}. The debate is about it: it belongs to no side and is never listed.\n",
            map.node(m).id
        ),
        None => String::new(),
    }
}

/// Text for people: a summary, the motion, then the contentions grouped by camp, then (with
/// `all`) the evidence leaves, or else a line saying how many were left out.
pub fn text(map: &Map, ranked: &Ranked, all: bool) -> String {
    let (c, l) = (ranked.contentions.len(), ranked.leaves.len());
    let mut out = format!(
        "Unanswered points: {} of {}, ranked by what is at stake: {} and {}.\n{DEFINITION}\n{STAKES}\n",
        c + l,
        ranked.points,
        plural(c, "contention", "contentions"),
        plural(l, "evidence leaf", "evidence leaves"),
    );
    out.push_str(&motion_line(map, ranked.motion));
    let part = |title: &str, points: &[Unanswered], out: &mut String| {
        out.push_str(&format!("\n{title}: {}\n", points.len()));
        for (camp, group) in by_camp(ranked, points) {
            let heading = camp_heading(map, ranked, camp);
            out.push_str(&format!("\n{heading}: {}\n", group.len()));
            for p in &group {
                let node = map.node(p.node);
                let side = side_of(map, ranked, p)
                    .map(|s| format!(" ({s})"))
                    .unwrap_or_default();
                out.push_str(&format!("  {} {}{side}\n", map.kind(p.node), node.id));
                out.push_str(&format!("    {}\n", stakes_line(p)));
                let text = one_line(&node.text);
                if !text.is_empty() {
                    out.push_str(&format!("    {text}\n"));
                }
                for rel in speaks_to(map, p.node) {
                    out.push_str(&format!("    {rel}\n"));
                }
                for c in &node.citations {
                    out.push_str(&format!("    cites {}\n", citation(c)));
                }
            }
        }
    };
    part("Contentions", &ranked.contentions, &mut out);
    if all {
        part("Evidence leaves", &ranked.leaves, &mut out);
    } else if l > 0 {
        out.push_str(&format!("\n{}\n", left_out(l)));
    }
    out
}

/// The last line of the short listing.
fn left_out(leaves: usize) -> String {
    format!(
        "{} left out: `counterpoint unanswered --all` lists them.",
        plural(leaves, "evidence leaf", "evidence leaves")
    )
}

/// Escapes text for inline Markdown: every character Markdown could read as markup gets a
/// backslash, so titles like `<Childcare>` or `*` show as written.
pub(crate) fn markdown_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in one_line(text).chars() {
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

/// Markdown: the summary, the motion, a section for the contentions (and with `all` one for the
/// evidence leaves) with a heading per camp and a list item per point.
pub fn markdown(map: &Map, ranked: &Ranked, all: bool) -> String {
    let (c, l) = (ranked.contentions.len(), ranked.leaves.len());
    let mut out = format!(
        "# Unanswered points\n\n{} of {} points are unanswered: {} and {}. {} {}\n",
        c + l,
        ranked.points,
        plural(c, "contention", "contentions"),
        plural(l, "evidence leaf", "evidence leaves"),
        markdown_escape(DEFINITION),
        markdown_escape(STAKES),
    );
    if let Some(m) = ranked.motion {
        out.push_str(&format!(
            "\n**Motion:** {}. The debate is about it: it belongs to no side and is never listed.\n",
            markdown_escape(&map.node(m).id)
        ));
    }
    let part = |title: &str, points: &[Unanswered], out: &mut String| {
        out.push_str(&format!("\n## {title} ({})\n", points.len()));
        for (camp, group) in by_camp(ranked, points) {
            out.push_str(&format!(
                "\n### {} ({})\n\n",
                markdown_escape(&camp_heading(map, ranked, camp)),
                group.len()
            ));
            for p in &group {
                let node = map.node(p.node);
                let text = markdown_escape(&node.text);
                let sep = if text.is_empty() { "" } else { ": " };
                let side = side_of(map, ranked, p)
                    .map(|s| format!(", {}", markdown_escape(&s)))
                    .unwrap_or_default();
                out.push_str(&format!(
                    "- **{}** ({}{side}; {}){sep}{text}\n",
                    markdown_escape(&node.id),
                    map.kind(p.node),
                    stakes_line(p)
                ));
                for rel in speaks_to(map, p.node) {
                    out.push_str(&format!("  - {}\n", markdown_escape(&rel)));
                }
                for c in &node.citations {
                    out.push_str(&format!("  - cites {}\n", markdown_escape(&citation(c))));
                }
            }
        }
    };
    part("Contentions", &ranked.contentions, &mut out);
    if all {
        part("Evidence leaves", &ranked.leaves, &mut out);
    } else if l > 0 {
        out.push_str(&format!("\n{}\n", markdown_escape(&left_out(l))));
    }
    out
}

/// JSON: `{"definition", "stakes", "motion", "total", "all", "unanswered": [node objects as in
/// the export, plus "speaks_to": [{"relation", "to"}], "camp", "contention", "distance",
/// "strength"], "evidence_leaves_left_out", "by_camp": [{"camp", "heading", "nodes": [ids]}],
/// "by_side": [{"side", "heading", "nodes": [ids]}]}`. The points are the text's: the
/// contentions, then (with `all`) the evidence leaves, each list most at stake first (`by_camp`
/// groups them as the text does); `total` counts every point but the motion.
pub fn json(map: &Map, ranked: &Ranked, all: bool) -> Value {
    let points = listed(ranked, all);
    let camp_id = |c: Option<CampId>| {
        c.and_then(|c| ranked.camps.info(c))
            .map(|info| info.id.clone())
    };
    let objects: Vec<Value> = points
        .iter()
        .map(|p| {
            let mut v = node_value(map, p.node);
            let targets: Vec<Value> = map
                .outgoing(p.node)
                .map(|(to, r)| json!({"relation": r, "to": map.node(to).id}))
                .collect();
            if let Value::Object(o) = &mut v {
                o.insert("speaks_to".into(), Value::Array(targets));
                o.insert("camp".into(), json!(camp_id(p.camp)));
                o.insert("contention".into(), json!(p.contention));
                o.insert("distance".into(), json!(p.distance));
                o.insert("strength".into(), json!(p.strength));
            }
            v
        })
        .collect();
    let ids = |nodes: &mut dyn Iterator<Item = NodeIndex>| -> Vec<String> {
        nodes.map(|ix| map.node(ix).id.to_string()).collect()
    };
    let by_camp: Vec<Value> = by_camp(ranked, &points)
        .into_iter()
        .map(|(camp, group)| {
            json!({
                "camp": camp_id(camp),
                "heading": camp_heading(map, ranked, camp),
                "nodes": ids(&mut group.iter().map(|p| p.node)),
            })
        })
        .collect();
    let by_side: Vec<Value> = sides::by_side(map, points.iter().map(|p| p.node))
        .into_iter()
        .map(|g| {
            let heading = side_heading(map, g.side.as_deref());
            json!({"side": g.side, "heading": heading, "nodes": ids(&mut g.nodes.into_iter())})
        })
        .collect();
    json!({
        "definition": DEFINITION,
        "stakes": STAKES,
        "motion": ranked.motion.map(|m| map.node(m).id.clone()),
        "total": ranked.points,
        "all": all,
        "unanswered": objects,
        "evidence_leaves_left_out": if all { 0 } else { ranked.leaves.len() },
        "by_camp": by_camp,
        "by_side": by_side,
    })
}
