//! `counterpoint stats` output: a text table for people, JSON for tools. The motion is named
//! under the title, and the row of the nodes without a side says that it holds the motion.

use serde_json::{json, Value};

use super::side_heading;
use crate::analysis::stats::{SideStats, Stats, RELATIONS};
use crate::model::{Map, Relation};

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        "-".into()
    } else {
        format!("{:.0}%", 100.0 * part as f64 / whole as f64)
    }
}

/// How to name a row: as [`side_heading`] names a side, and for the nodes without a side, when
/// the motion is one of them, `The motion` (it alone) or `No side (with the motion)`.
fn row_heading(map: &Map, g: &SideStats) -> String {
    let motion_here = g.side.is_none()
        && map
            .motion_node()
            .is_some_and(|m| map.node(m).side.is_none());
    match (motion_here, g.nodes) {
        (true, 1) => "The motion".into(),
        (true, _) => "No side (with the motion)".into(),
        (false, _) => side_heading(map, g.side.as_deref()),
    }
}

/// `1 node`, `2 nodes`.
fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A relation type as a noun, one and many: `rebuttal`, `rebuttals`.
fn relation_nouns(relation: Relation) -> (&'static str, &'static str) {
    match relation {
        Relation::Supports => ("support", "supports"),
        Relation::Rebuts => ("rebuttal", "rebuttals"),
        Relation::Undercuts => ("undercut", "undercuts"),
        Relation::Contradicts => ("contradiction", "contradictions"),
    }
}

/// The statistics as text.
pub fn text(map: &Map, s: &Stats) -> String {
    let mut out = String::new();
    let title = map.title.as_deref().unwrap_or("(untitled map)");
    out.push_str(&format!(
        "{title}: {}, {}.\n",
        counted(s.nodes, "node", "nodes"),
        counted(s.relations, "relation", "relations")
    ));
    if let Some(m) = map.motion_node() {
        out.push_str(&format!("Motion: {}.\n", map.node(m).id));
    }
    out.push('\n');
    let headings: Vec<String> = s.sides.iter().map(|g| row_heading(map, g)).collect();
    let width = headings
        .iter()
        .map(|h| h.chars().count())
        .chain([4])
        .max()
        .unwrap_or(4);
    out.push_str("Nodes by side and kind:\n");
    out.push_str(&format!(
        "  {:<width$}  {:>6}  {:>8}  {:>9}  {:>5}\n",
        "side", "claims", "supports", "rebuttals", "total"
    ));
    for (g, heading) in s.sides.iter().zip(&headings) {
        let [c, su, r] = g.kinds;
        out.push_str(&format!(
            "  {heading:<width$}  {c:>6}  {su:>8}  {r:>9}  {:>5}\n",
            g.nodes
        ));
    }
    let [c, su, r] = s.kinds;
    out.push_str(&format!(
        "  {:<width$}  {c:>6}  {su:>8}  {r:>9}  {:>5}\n",
        "all", s.nodes
    ));
    let rels: Vec<String> = RELATIONS
        .iter()
        .zip(s.relation_types)
        .map(|(r, k)| {
            let (one, many) = relation_nouns(*r);
            counted(k, one, many)
        })
        .collect();
    out.push_str(&format!("\nRelations: {}.\n", rels.join(", ")));
    match (s.deepest.from, s.deepest.to) {
        (Some(a), Some(b)) => out.push_str(&format!(
            "Deepest chain: {} relation{}, from {} to {}.\n",
            s.deepest.relations,
            if s.deepest.relations == 1 { "" } else { "s" },
            map.node(a).id,
            map.node(b).id
        )),
        _ => out.push_str("Deepest chain: no relations.\n"),
    }
    out.push_str(&format!(
        "Nodes on a cycle of relations (counted as one step in chains): {}.\n",
        s.on_cycles
    ));
    out.push_str(
        "\nAnswered, and how many points stand, fall or stay undecided (grounded), per side:\n",
    );
    out.push_str(&format!(
        "  {:<width$}  {:>15}  {:>6}  {:>5}  {:>9}\n",
        "side", "answered", "stand", "fall", "undecided"
    ));
    for (g, heading) in s.sides.iter().zip(&headings) {
        let answered = format!(
            "{} of {} ({})",
            g.answered,
            g.nodes,
            percent(g.answered, g.nodes)
        );
        let [i, o, u] = g.grounded;
        out.push_str(&format!(
            "  {heading:<width$}  {answered:>15}  {i:>6}  {o:>5}  {u:>9}\n"
        ));
    }
    out
}

/// The statistics as JSON.
pub fn json(map: &Map, s: &Stats) -> Value {
    let kinds = |k: [usize; 3]| json!({"claim": k[0], "support": k[1], "rebuttal": k[2]});
    let sides: Vec<Value> = s
        .sides
        .iter()
        .map(|g| {
            let [i, o, u] = g.grounded;
            json!({
                "side": g.side,
                "heading": row_heading(map, g),
                "nodes": g.nodes,
                "kinds": kinds(g.kinds),
                "answered": g.answered,
                "answered_share": if g.nodes == 0 { 0.0 } else { g.answered as f64 / g.nodes as f64 },
                "grounded": {"in": i, "out": o, "undec": u},
            })
        })
        .collect();
    let mut relations = serde_json::Map::new();
    for (r, k) in RELATIONS.iter().zip(s.relation_types) {
        relations.insert(r.as_str().into(), json!(k));
    }
    let id = |ix: Option<petgraph::stable_graph::NodeIndex>| ix.map(|i| map.node(i).id.clone());
    json!({
        "title": map.title,
        "motion": map.motion_node().map(|m| map.node(m).id.clone()),
        "nodes": s.nodes,
        "relations": s.relations,
        "kinds": kinds(s.kinds),
        "relation_types": relations,
        "by_side": sides,
        "deepest_chain": {
            "relations": s.deepest.relations,
            "from": id(s.deepest.from),
            "to": id(s.deepest.to),
        },
        "on_cycles": s.on_cycles,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::stats::stats;
    use crate::model::Relation;

    #[test]
    fn the_motion_is_named_under_the_title_and_its_row_says_so() {
        let (mut map, _) = Map::of(
            [("[M]", ""), ("<A>", "pro"), ("<B>", "con")],
            &[
                ("<A>", Relation::Supports, "[M]"),
                ("<B>", Relation::Rebuts, "[M]"),
            ],
        );
        map.title = Some("Debate".into());
        map.motion = Some("M".into());
        let s = stats(&map);
        let text = text(&map, &s);
        assert!(
            text.starts_with("Debate: 3 nodes, 2 relations.\nMotion: [M].\n\nNodes by side"),
            "{text}"
        );
        assert!(
            text.contains("\n  The motion       1         0          0      1\n"),
            "{text}"
        );
        let value = json(&map, &s);
        assert_eq!(value["motion"], "[M]");
        assert_eq!(value["by_side"][2]["heading"], "The motion");
        // Another node without a side shares the row.
        map.add_node(crate::model::Node::statement("N", ""))
            .unwrap();
        let text = super::text(&map, &stats(&map));
        assert!(text.contains("\n  No side (with the motion)  "), "{text}");
        // Without a motion, nothing changes.
        map.motion = None;
        let text = super::text(&map, &stats(&map));
        assert!(
            text.starts_with("Debate: 4 nodes, 2 relations.\n\nNodes"),
            "{text}"
        );
        assert!(text.contains("\n  No side  "), "{text}");
    }
}
