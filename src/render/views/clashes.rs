//! `counterpoint clashes` output: each clash with its exchange, as text, Markdown or JSON. The
//! words shared with the prep brief (verdicts, stakes, who speaks) are here too. The first line
//! states the limits of an exchange ([`DEPTH`] levels, [`MAX_MOVES`] moves a clash); what a
//! clash leaves out is counted where it is left out.

use serde_json::{json, Value};

use super::unanswered::markdown_escape;
use crate::analysis::camps::Camps;
use crate::analysis::clashes::{Clash, Move, DEPTH, MAX_MOVES};
use crate::formats::json::node_value;
use crate::graph::Label;
use crate::model::{Map, Relation};
use crate::render::verdicts::status_marker;

/// What a clash is, as the outputs state it.
pub(crate) const DEFINITION: &str =
    "A clash is a point of one camp attacked by another camp (the motion, or any point without a \
     side, attacked by anyone). Under each attack come the replies to it, by a camp other than \
     the attacker's, then the replies to those";

/// `stands`, `falls` or `undecided`.
pub(crate) fn verdict_word(label: Label) -> &'static str {
    status_marker(label).2
}

/// `stands, strength 0.62`.
pub(crate) fn verdict(label: Label, strength: f64) -> String {
    format!("{}, strength {strength:.2}", verdict_word(label))
}

/// `rebutted`, `undercut` or `contradicted`.
pub(crate) fn participle(r: Relation) -> &'static str {
    match r {
        Relation::Supports => "supported",
        Relation::Rebuts => "rebutted",
        Relation::Undercuts => "undercut",
        Relation::Contradicts => "contradicted",
    }
}

/// `rebut`, `undercut` or `contradict` (after "we" or "they").
pub(crate) fn verb(r: Relation) -> &'static str {
    match r {
        Relation::Supports => "support",
        Relation::Rebuts => "rebut",
        Relation::Undercuts => "undercut",
        Relation::Contradicts => "contradict",
    }
}

/// The plural of "more reply": `1 more reply`, `2 more replies`.
pub(crate) fn more_replies(n: usize) -> String {
    if n == 1 {
        "1 more reply, not shown".into()
    } else {
        format!("{n} more replies, not shown")
    }
}

/// The attacks on a clash's point not listed: `1 more attack, not shown`, `3 more attacks, not
/// shown` (`None` when every attack is listed).
pub(crate) fn more_attacks(clash: &Clash) -> Option<String> {
    match clash.unlisted {
        0 => None,
        1 => Some("1 more attack, not shown".into()),
        n => Some(format!("{n} more attacks, not shown")),
    }
}

/// Where the point stands in the debate: `the motion`, `a thesis`, `2 steps from [T]`,
/// `1 step from [T], against it`, `bears on no thesis`.
pub(crate) fn stakes(map: &Map, clash: &Clash) -> String {
    let against = if clash.against { ", against it" } else { "" };
    match (clash.distance, clash.leads_to) {
        (Some(0), Some(t)) if map.motion_node() == Some(t) => "the motion".into(),
        (Some(0), _) => "a thesis".into(),
        (Some(1), Some(t)) => format!("1 step from {}{against}", name(map, t)),
        (Some(d), Some(t)) => format!("{d} steps from {}{against}", name(map, t)),
        _ => "bears on no thesis".into(),
    }
}

/// A node's id, or `the motion [M]` for the motion.
pub(crate) fn name(map: &Map, ix: petgraph::stable_graph::NodeIndex) -> String {
    let id = &map.node(ix).id;
    if map.motion_node() == Some(ix) {
        format!("the motion {id}")
    } else {
        id.to_string()
    }
}

/// `con`, `pro, camp yes` (the camp is named when it is declared), `no side`.
fn owner(map: &Map, camps: &Camps, ix: petgraph::stable_graph::NodeIndex) -> String {
    let Some(side) = map.node(ix).side.as_deref() else {
        return "no side".into();
    };
    match camps.camp(ix).and_then(|c| camps.info(c)) {
        Some(info) if info.declared => format!("{side}, camp {}", info.id),
        _ => side.to_string(),
    }
}

/// `topics: a, b` or nothing.
fn topics(clash: &Clash) -> String {
    if clash.topics.is_empty() {
        String::new()
    } else {
        format!("; topics: {}", clash.topics.join(", "))
    }
}

/// One move's line (without indentation): `rebutted by <R> (con), falls`.
pub(crate) fn move_line(map: &Map, camps: &Camps, m: &Move) -> String {
    let mut line = format!(
        "{} by {} ({}), {}",
        participle(m.relation),
        map.node(m.node).id,
        owner(map, camps, m.node),
        verdict_word(m.verdict)
    );
    if m.repeat {
        line.push_str("; its replies are listed above");
    }
    if m.unlisted > 0 {
        line.push_str(&format!("; {}", more_replies(m.unlisted)));
    }
    line
}

/// The line under a clash's heading: `pro, camp yes; stands, strength 0.50; a thesis`.
fn facts(map: &Map, camps: &Camps, clash: &Clash) -> String {
    format!(
        "{}; {}; {}{}",
        owner(map, camps, clash.point),
        verdict(clash.verdict, clash.strength),
        stakes(map, clash),
        topics(clash)
    )
}

/// The first line of every output: how many clashes, and what a clash is.
fn summary(clashes: &[Clash]) -> String {
    let n = match clashes.len() {
        1 => "1 clash".to_string(),
        n => format!("{n} clashes"),
    };
    format!(
        "{n}, most important first (the motion, then the points closest to a thesis or the \
         motion, then the strongest). {DEFINITION}, {DEPTH} levels deep and at most \
         {MAX_MOVES} moves a clash; what is left out is counted."
    )
}

/// Text for people: each clash, its facts, then its exchange indented by depth.
pub fn text(map: &Map, camps: &Camps, clashes: &[Clash]) -> String {
    let mut out = summary(clashes);
    out.push('\n');
    for (k, clash) in clashes.iter().enumerate() {
        out.push_str(&format!(
            "\n{}. {}\n   {}\n",
            k + 1,
            name(map, clash.point),
            facts(map, camps, clash)
        ));
        for i in clash.in_reading_order() {
            let m = &clash.moves[i];
            let indent = " ".repeat(3 + 2 * m.depth as usize);
            out.push_str(&format!("{indent}{}\n", move_line(map, camps, m)));
        }
        if let Some(more) = more_attacks(clash) {
            out.push_str(&format!("   {more}\n"));
        }
    }
    out
}

/// Markdown: a heading per clash, its facts, and the exchange as a nested list.
pub fn markdown(map: &Map, camps: &Camps, clashes: &[Clash]) -> String {
    let mut out = format!("# Clashes\n\n{}\n", markdown_escape(&summary(clashes)));
    for (k, clash) in clashes.iter().enumerate() {
        out.push_str(&format!(
            "\n## {}. {}\n\n{}\n\n",
            k + 1,
            markdown_escape(&name(map, clash.point)),
            markdown_escape(&facts(map, camps, clash))
        ));
        for i in clash.in_reading_order() {
            let m = &clash.moves[i];
            let indent = "  ".repeat(m.depth as usize);
            out.push_str(&format!(
                "{indent}- {}\n",
                markdown_escape(&move_line(map, camps, m))
            ));
        }
        if let Some(more) = more_attacks(clash) {
            out.push_str(&format!("- {}\n", markdown_escape(&more)));
        }
    }
    out
}

/// The exchange as nested JSON: `[{"node", "relation", "verdict", "strength", "repeat",
/// "unlisted", "replies": [...]}]`. Built from the deepest moves up (each move's replies come
/// after it), without recursion.
pub(crate) fn exchange_json(map: &Map, clash: &Clash) -> Vec<Value> {
    let mut built: Vec<Option<Value>> = vec![None; clash.moves.len()];
    for (k, m) in clash.moves.iter().enumerate().rev() {
        let replies: Vec<Value> = m
            .replies
            .iter()
            .filter_map(|&r| built.get_mut(r).and_then(Option::take))
            .collect();
        built[k] = Some(json!({
            "node": node_value(map, m.node),
            "relation": m.relation,
            "verdict": m.verdict,
            "strength": m.strength,
            "repeat": m.repeat,
            "unlisted": m.unlisted,
            "replies": replies,
        }));
    }
    built.into_iter().take(clash.attacks).flatten().collect()
}

/// One clash as JSON (see [`json`]).
pub(crate) fn clash_json(map: &Map, camps: &Camps, clash: &Clash) -> Value {
    let camp = clash.camp.and_then(|c| camps.info(c)).map(|c| c.id.clone());
    json!({
        "point": node_value(map, clash.point),
        "camp": camp,
        "topics": clash.topics,
        "attacks": exchange_json(map, clash),
        "unlisted": clash.unlisted,
        "verdict": clash.verdict,
        "strength": clash.strength,
        "distance": clash.distance,
        "leads_to": clash.leads_to.map(|t| map.node(t).id.clone()),
        "against": clash.against,
    })
}

/// JSON: `{"depth", "max_moves", "clashes": [{"point": node, "camp", "topics", "attacks":
/// [{"node", "relation", "verdict", "strength", "repeat", "unlisted", "replies": [...]}],
/// "unlisted", "verdict", "strength", "distance", "leads_to", "against"}]}`; nodes as in the export;
/// `unlisted` counts the replies (in a move) or the attacks (in a clash) not listed.
pub fn json(map: &Map, camps: &Camps, clashes: &[Clash]) -> Value {
    let list: Vec<Value> = clashes.iter().map(|c| clash_json(map, camps, c)).collect();
    json!({"depth": DEPTH, "max_moves": MAX_MOVES, "clashes": list})
}
