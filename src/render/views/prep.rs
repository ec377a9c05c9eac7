//! `counterpoint prep` output: the brief a coach hands out, as Markdown, JSON, or an HTML page
//! that prints one page per clash.
//!
//! The Markdown brief keeps to [`MAX_LINES`] lines when it can: every clash is first written
//! briefly (its verdict, the attacks and replies by name, what to do next), then the most
//! important clashes are written in full, in order, while the brief stays within the limit. A
//! clash whose whole exchange is already written in full inside an earlier clash stays brief.
//! No clash is ever left out; `--all` writes every clash in full.

use std::collections::{HashMap, HashSet};

use maud::{html, Markup, PreEscaped, DOCTYPE};
use petgraph::stable_graph::NodeIndex;
use serde_json::{json, Value};

use super::clashes::{clash_json, more_attacks, verb, verdict, verdict_word};
use super::reasons::{join_and, sentence, Because};
use super::subject::MapSubject;
use super::unanswered::markdown_escape;
use super::{citation, one_line};
use crate::analysis::camps::CampInfo;
use crate::analysis::clashes::{Clash, Move, DEPTH};
use crate::analysis::hinges::{Hinge, TooLarge};
use crate::analysis::prep::{Brief, BriefClash, Role, Stance};
use crate::analysis::why;
use crate::formats::json::node_value;
use crate::graph::Label;
use crate::model::{Map, Source};

/// The most lines the Markdown brief aims at (see the module documentation).
pub const MAX_LINES: usize = 250;

/// What the brief calls the camp or side briefed: `For unionizing (camp for)`, `UTLA (side
/// utla)`.
fn heading(map: &Map, brief: &Brief) -> String {
    match &brief.side {
        Some(side) => match map.side(side) {
            Some(s) if !s.label.is_empty() && s.label != s.id => {
                format!("{} (side {side})", s.label)
            }
            _ => format!("side {side}"),
        },
        None => brief.camps.info(brief.camp).map_or_else(String::new, |c| {
            if c.declared {
                format!("{} (camp {})", c.label, c.id)
            } else {
                side_name(map, &c.id)
            }
        }),
    }
}

/// `UTLA (2018 statement) (utla)`, or the id alone when the side has no label of its own.
fn side_name(map: &Map, side: &str) -> String {
    match map.side(side) {
        Some(s) if !s.label.is_empty() && s.label != s.id => format!("{} ({side})", s.label),
        _ => side.to_string(),
    }
}

/// `Against unionizing: alliance, readers-critical`; a camp of one side: its side's name.
fn camp_name(map: &Map, info: &CampInfo) -> String {
    if info.declared {
        format!("{}: {}", info.label, info.sides.join(", "))
    } else {
        side_name(map, &info.id)
    }
}

/// Who is who: our sides (and allies, when one side is briefed), and the opponents' camps.
fn who_is_who(map: &Map, brief: &Brief) -> Vec<(&'static str, String)> {
    let mut lines = Vec::new();
    if let Some(info) = brief.camps.info(brief.camp) {
        let named = |sides: Vec<&String>| -> String {
            let names: Vec<String> = sides.into_iter().map(|s| side_name(map, s)).collect();
            names.join("; ")
        };
        match &brief.side {
            Some(side) => {
                lines.push(("We", side_name(map, side)));
                let allies: Vec<&String> = info.sides.iter().filter(|s| *s != side).collect();
                if !allies.is_empty() {
                    lines.push(("Our allies", named(allies)));
                }
            }
            None => lines.push(("We", named(info.sides.iter().collect()))),
        }
    }
    let them: Vec<String> = brief
        .camps
        .list()
        .iter()
        .enumerate()
        .filter(|&(k, _)| k as u32 != brief.camp)
        .map(|(_, c)| camp_name(map, c))
        .collect();
    lines.push((
        "They",
        if them.is_empty() {
            "nobody".into()
        } else {
            them.join("; ")
        },
    ));
    lines
}

/// The sentence saying why the node has its grounded label: `falls: rebutted by <X>, which
/// stands` (empty for a node outside the framework).
fn reason(map: &Map, brief: &Brief, ix: NodeIndex) -> String {
    let words = MapSubject {
        map,
        mf: &brief.framework,
        selection: None,
    };
    let Some((reason, a)) = brief.reason(ix) else {
        return String::new();
    };
    // Opponents first, the strongest first, then allies (as `status` names them).
    let mf = &brief.framework;
    let named = brief.reasons.because(a).iter().filter_map(|&b| mf.node(b));
    let order = why::order(&brief.camps, brief.verdicts.strengths(), ix, reason, named);
    let args = |v: Vec<NodeIndex>| v.into_iter().filter_map(|n| mf.arg(n)).collect();
    let because = Because {
        first: args(order.first),
        allies: args(order.allies),
    };
    sentence(reason, &because, brief.reasons.cycle_size(a), a, &words)
}

/// The node's citations: `memo:3-4 "quote"; memo:7`.
fn evidence(map: &Map, ix: NodeIndex) -> String {
    let cites: Vec<String> = map.node(ix).citations.iter().map(citation).collect();
    cites.join("; ")
}

/// The node's text and its evidence on one line: `Text. (memo:3 "quote")`.
fn said(map: &Map, ix: NodeIndex) -> String {
    let text = one_line(&map.node(ix).text);
    let ev = evidence(map, ix);
    match (text.is_empty(), ev.is_empty()) {
        (true, true) => String::new(),
        (false, true) => text,
        (true, false) => format!("({ev})"),
        (false, false) => format!("{text} ({ev})"),
    }
}

/// The singular of a verb after "we" or "they": `rebut` → `rebuts`.
fn singular(verb: &str) -> String {
    format!("{verb}s")
}

/// Whether the point of the clash is on our side (ours or an ally's).
fn point_with_us(map: &Map, brief: &Brief, clash: &Clash) -> bool {
    match &brief.motion {
        Some(motion) if motion.node == clash.point => motion.stance == Stance::For,
        _ => matches!(brief.role(map, clash.point), Role::Ours | Role::Ally),
    }
}

/// Whether `node`, making a move at `depth`, counts on our side of the clash. Ours and our
/// allies' nodes always do, wherever they stand: the brief never tells us to answer our own
/// point. Any other node (an opponent's, or one without a side) argues on the side its place
/// gives it: the attacks on the point (depth 0, 2, ...) against the point, the replies to them
/// (1, 3, ...) for it. With two camps that is always the opponents' side; with three, an
/// opponent's node can attack another camp's defence of their own point, and then it helps us
/// here (answering it would hurt us).
fn with_us(map: &Map, brief: &Brief, clash: &Clash, node: NodeIndex, depth: u32) -> bool {
    match brief.role(map, node) {
        Role::Ours | Role::Ally => true,
        Role::Theirs | Role::Nobody => (depth % 2 == 1) == point_with_us(map, brief, clash),
    }
}

/// Who makes a move, as the brief says it: (`We`, ` (utla) rebut it with`); an opponent on
/// the other side of the clash: (`They`, ` (alliance) rebut it with`); another camp arguing
/// on our side here: (`Also unite-la`, ` rebuts it with`); an ally: (`Our ally`, ` (cde)
/// rebuts it with`).
fn who_does(map: &Map, brief: &Brief, clash: &Clash, m: &Move) -> (String, String) {
    let side = map
        .node(m.node)
        .side
        .clone()
        .unwrap_or_else(|| "no side".into());
    let verb = verb(m.relation);
    match brief.role(map, m.node) {
        Role::Ours => ("We".into(), format!(" ({side}) {verb} it with")),
        Role::Ally => (
            "Our ally".into(),
            format!(" ({side}) {} it with", singular(verb)),
        ),
        _ if with_us(map, brief, clash, m.node, m.depth) => (
            format!("Also {side}"),
            format!(" {} it with", singular(verb)),
        ),
        _ => ("They".into(), format!(" ({side}) {verb} it with")),
    }
}

/// `which stands`, `which falls`, `which is undecided`.
fn which(label: Label) -> String {
    match label {
        Label::Undec => "which is undecided".into(),
        l => format!("which {}", verdict_word(l)),
    }
}

/// `Our point`, `Their point`, `The motion`, `Our ally's point`.
fn whose(map: &Map, brief: &Brief, ix: NodeIndex) -> &'static str {
    if map.motion_node() == Some(ix) {
        return "The motion";
    }
    match brief.role(map, ix) {
        Role::Ours => "Our point",
        Role::Ally => "Our ally's point",
        Role::Theirs => "Their point",
        Role::Nobody => "A point of no side",
    }
}

/// The clash's facts: `alliance; stands, strength 0.62; their thesis; topics: a, b`.
fn facts(map: &Map, brief: &Brief, clash: &Clash) -> String {
    let side = map.node(clash.point).side.as_deref().unwrap_or("no side");
    let mut out = format!(
        "{side}; {}; {}",
        verdict(clash.verdict, clash.strength),
        stakes_words(map, brief, clash.point)
    );
    if !clash.topics.is_empty() {
        out.push_str(&format!("; topics: {}", clash.topics.join(", ")));
    }
    out
}

/// Each node of the clash once (the point first, then the moves in reading order) with
/// whether it argues on our side there (at its first place).
fn sides_of(map: &Map, brief: &Brief, bc: &BriefClash) -> Vec<(NodeIndex, bool)> {
    let clash = &bc.clash;
    let with_point = point_with_us(map, brief, clash);
    let mut seen = HashSet::from([clash.point]);
    let mut out = vec![(clash.point, with_point)];
    for k in clash.in_reading_order() {
        let m = &clash.moves[k];
        if seen.insert(m.node) {
            out.push((m.node, with_us(map, brief, clash, m.node, m.depth)));
        }
    }
    // A link the verdict hinges on may lie beyond the moves listed (deeper, or past the cap):
    // its source counts too, on the side its removal shows. If removing it would bring the
    // verdict nearer the one we want (undecided is halfway), it works against us.
    let wanted = if with_point { Label::In } else { Label::Out };
    let distance = |l: Label| match l {
        l if l == wanted => 0,
        Label::Undec => 1,
        _ => 2,
    };
    for h in bc.hinges.iter().flatten() {
        if seen.insert(h.from) {
            let ours = matches!(brief.role(map, h.from), Role::Ours | Role::Ally)
                || distance(h.label_without) >= distance(clash.verdict);
            out.push((h.from, ours));
        }
    }
    out
}

/// Whether the clash's verdict is the one we want: the point stands when it is on our side,
/// falls when we attack it.
fn going_our_way(map: &Map, brief: &Brief, clash: &Clash) -> bool {
    if point_with_us(map, brief, clash) {
        clash.verdict == Label::In
    } else {
        clash.verdict == Label::Out
    }
}

/// The nodes of the clash that stand, on our side and on theirs, and those undecided.
fn standing(map: &Map, brief: &Brief, bc: &BriefClash) -> [Vec<NodeIndex>; 3] {
    let mut out: [Vec<NodeIndex>; 3] = Default::default();
    for (ix, ours) in sides_of(map, brief, bc) {
        match (brief.verdicts.label(ix), ours) {
            (Label::In, true) => out[0].push(ix),
            (Label::In, false) => out[1].push(ix),
            (Label::Undec, _) => out[2].push(ix),
            (Label::Out, _) => {}
        }
    }
    out
}

/// `<A>, <B> and [C]`, or `none`.
fn ids(map: &Map, nodes: &[NodeIndex]) -> String {
    if nodes.is_empty() {
        return "none".into();
    }
    let names: Vec<String> = nodes
        .iter()
        .map(|&ix| map.node(ix).id.to_string())
        .collect();
    join_and(&names)
}

/// `on our side: <A>; on theirs: none; undecided: <B>.`
fn standing_line(map: &Map, brief: &Brief, bc: &BriefClash) -> String {
    let [ours, theirs, undecided] = standing(map, brief, bc);
    let mut line = format!(
        "on our side: {}; on theirs: {}",
        ids(map, &ours),
        ids(map, &theirs)
    );
    if !undecided.is_empty() {
        line.push_str(&format!("; undecided: {}", ids(map, &undecided)));
    }
    line.push('.');
    line
}

/// What to do next in the clash: hold when it goes our way (see [`going_our_way`]), else
/// answer what still stands (or is undecided) on their side of it.
fn next(map: &Map, brief: &Brief, bc: &BriefClash) -> String {
    let clash = &bc.clash;
    let with_point = point_with_us(map, brief, clash);
    if going_our_way(map, brief, clash) {
        let motion = brief.stakes.is_motion(clash.point);
        return match (with_point, motion) {
            (true, true) => "hold: the motion stands.".into(),
            (true, false) => "hold: our point stands.".into(),
            (false, true) => "hold: the motion falls.".into(),
            (false, false) => "hold: their point falls.".into(),
        };
    }
    let targets: Vec<NodeIndex> = sides_of(map, brief, bc)
        .into_iter()
        .filter(|&(ix, ours)| !ours && ix != clash.point && brief.verdicts.label(ix) != Label::Out)
        .map(|(ix, _)| ix)
        .collect();
    let undecided = clash.verdict == Label::Undec;
    match (targets.is_empty(), undecided) {
        (false, false) => format!(
            "answer {}: {} against us.",
            ids(map, &targets),
            if targets.len() == 1 {
                "it still stands"
            } else {
                "they still stand"
            }
        ),
        (false, true) => format!(
            "undecided: answer {} to decide it our way.",
            ids(map, &targets)
        ),
        (true, true) => "undecided: a cycle of attacks; a new answer that stands decides it \
                         our way."
            .into(),
        (true, false) if with_point => "find support: our point falls, and nothing of \
                                        theirs here is left to answer."
            .into(),
        (true, false) => "find a new answer: their point stands and none of our answers \
                          holds."
            .into(),
    }
}

/// One link a verdict hinges on: `<X> rebuts <Y> (without it, the point stands; strength
/// 0.55)`; `what` names the point (`the point`, `the motion`).
fn hinge(map: &Map, h: &Hinge, what: &str) -> String {
    format!(
        "{} {} {} (without it, {what} {}; strength {:.2})",
        map.node(h.from).id,
        h.relation,
        map.node(h.to).id,
        match h.label_without {
            Label::Undec => "is undecided",
            l => verdict_word(l),
        },
        h.strength_without
    )
}

/// The hinges in one sentence, or what stands for them.
fn hinges_sentence(map: &Map, hinges: &Result<Vec<Hinge>, TooLarge>, what: &str) -> String {
    match hinges {
        Ok(list) if list.is_empty() => {
            "no single link: removing any one attack leaves the verdict as it is.".into()
        }
        Ok(list) => {
            let each: Vec<String> = list.iter().map(|h| hinge(map, h, what)).collect();
            format!("{}.", each.join("; "))
        }
        Err(e) => format!("{e}."),
    }
}

/// What a clash's verdict hinges on (for the motion: a pointer to the motion's part).
fn clash_hinges(map: &Map, bc: &BriefClash) -> String {
    if map.motion_node() == Some(bc.clash.point) {
        "see the motion, above.".into()
    } else {
        hinges_sentence(map, &bc.hinges, "the point")
    }
}

/// Where a point stands in the debate, seen from us: `the motion`, `our thesis`, `their
/// thesis`, `1 step from our thesis [T]`, `2 steps from the motion [M], against it`, `bears on
/// no thesis`.
fn stakes_words(map: &Map, brief: &Brief, ix: NodeIndex) -> String {
    let to = brief.stakes.leads_to(ix);
    let whose = |t: NodeIndex| -> String {
        if map.motion_node() == Some(t) {
            return "the motion".into();
        }
        match brief.role(map, t) {
            Role::Ours => "our thesis".into(),
            Role::Ally => "our ally's thesis".into(),
            Role::Theirs | Role::Nobody => "their thesis".into(),
        }
    };
    let against = if brief.stakes.against(ix) {
        ", against it"
    } else {
        ""
    };
    match (brief.stakes.distance(ix), to) {
        (Some(0), Some(t)) => whose(t),
        (Some(1), Some(t)) => format!("1 step from {} {}{against}", whose(t), map.node(t).id),
        (Some(d), Some(t)) => format!("{d} steps from {} {}{against}", whose(t), map.node(t).id),
        _ => "bears on no thesis".into(),
    }
}

/// For each clash, the earlier clashes (by position) in whose exchange its point appears with
/// its replies listed.
fn appears_in(clashes: &[BriefClash]) -> Vec<Vec<usize>> {
    let mut where_: HashMap<NodeIndex, Vec<usize>> = HashMap::new();
    for (j, c) in clashes.iter().enumerate() {
        for m in &c.clash.moves {
            if !m.repeat && m.depth + 1 < DEPTH {
                where_.entry(m.node).or_default().push(j);
            }
        }
    }
    clashes
        .iter()
        .enumerate()
        .map(|(i, c)| {
            where_
                .get(&c.clash.point)
                .map(|js| js.iter().copied().filter(|&j| j < i).collect())
                .unwrap_or_default()
        })
        .collect()
}

/// A clash written in full, as Markdown (ends with a blank line).
fn full_markdown(map: &Map, brief: &Brief, k: usize, bc: &BriefClash) -> String {
    let clash = &bc.clash;
    let e = markdown_escape;
    let mut out = format!(
        "### {}. {}: {}\n\n{}\n\n",
        k + 1,
        whose(map, brief, clash.point),
        e(&map.node(clash.point).id),
        e(&facts(map, brief, clash))
    );
    let words = said(map, clash.point);
    if !words.is_empty() {
        out.push_str(&format!("{}\n\n", e(&words)));
    }
    for i in clash.in_reading_order() {
        let m = &clash.moves[i];
        let indent = "  ".repeat(m.depth as usize);
        let (role, rest) = who_does(map, brief, clash, m);
        let mut line = format!(
            "{indent}- **{}** {} {}, {}",
            e(&role),
            e(&rest),
            e(&map.node(m.node).id),
            which(m.verdict)
        );
        if m.repeat {
            line.push_str(" (its replies are above)");
        } else {
            let words = said(map, m.node);
            if !words.is_empty() {
                line.push_str(&format!(": {}", e(&words)));
            }
        }
        if m.unlisted > 0 {
            line.push_str(&format!(
                " \\[{}\\]",
                e(&super::clashes::more_replies(m.unlisted))
            ));
        }
        out.push_str(&line);
        out.push('\n');
    }
    if let Some(more) = more_attacks(clash) {
        out.push_str(&format!("- \\[{}\\]\n", e(&more)));
    }
    out.push_str(&format!(
        "- **Left standing:** {}\n- **Hinges on:** {}\n- **Next:** {}\n\n",
        e(&standing_line(map, brief, bc)),
        e(&clash_hinges(map, bc)),
        e(&next(map, brief, bc))
    ));
    out
}

/// `<A> (ours, stands), <B> (alliance, falls)`.
fn named(map: &Map, brief: &Brief, moves: &[&Move]) -> String {
    let each: Vec<String> = moves
        .iter()
        .map(|m| {
            let whose = match brief.role(map, m.node) {
                Role::Ours => "ours".to_string(),
                _ => map
                    .node(m.node)
                    .side
                    .as_deref()
                    .unwrap_or("no side")
                    .to_string(),
            };
            format!(
                "{} ({whose}, {})",
                map.node(m.node).id,
                verdict_word(m.verdict)
            )
        })
        .collect();
    each.join(", ")
}

/// A clash written briefly, as Markdown: one paragraph (ends with a blank line).
fn brief_markdown(
    map: &Map,
    brief: &Brief,
    k: usize,
    bc: &BriefClash,
    seen_in: Option<usize>,
) -> String {
    let clash = &bc.clash;
    let mut seen = HashSet::new();
    let (attacks, replies): (Vec<&Move>, Vec<&Move>) = clash
        .in_reading_order()
        .into_iter()
        .map(|i| &clash.moves[i])
        .filter(|m| seen.insert(m.node))
        .partition(|m| m.depth == 0);
    let mut text = format!("{}. ", facts(map, brief, clash));
    text.push_str(&format!("Attacks: {}", named(map, brief, &attacks)));
    if let Some(more) = more_attacks(clash) {
        text.push_str(&format!("; {more}"));
    }
    text.push('.');
    if !replies.is_empty() {
        text.push_str(&format!(" Replies: {}.", named(map, brief, &replies)));
    }
    let mut out = format!(
        "**{}. {}: {}** — {} **Next:** {}",
        k + 1,
        whose(map, brief, clash.point),
        markdown_escape(&map.node(clash.point).id),
        markdown_escape(&text),
        markdown_escape(&next(map, brief, bc))
    );
    if let Some(j) = seen_in {
        out.push_str(&format!(" Its exchange is in clash {} above.", j + 1));
    }
    out.push_str("\n\n");
    out
}

/// The sources the brief cites, in the map's order.
fn cited_sources<'a>(map: &'a Map, brief: &Brief) -> Vec<&'a Source> {
    let mut nodes: Vec<NodeIndex> = brief.motion.iter().map(|m| m.node).collect();
    for c in &brief.clashes {
        nodes.extend(c.clash.nodes());
    }
    nodes.extend(&brief.press);
    nodes.extend(brief.shore_up.iter().map(|s| s.node));
    nodes.extend(&brief.unanswered);
    let cited: HashSet<&str> = nodes
        .iter()
        .flat_map(|&ix| &map.node(ix).citations)
        .map(|c| c.source.as_str())
        .collect();
    map.sources
        .iter()
        .filter(|s| cited.contains(s.id.as_str()))
        .collect()
}

fn source_line(s: &Source) -> String {
    let mut parts = Vec::new();
    if let Some(a) = &s.author {
        parts.push(a.clone());
    }
    if let Some(t) = &s.title {
        parts.push(t.clone());
    }
    if let Some(y) = s.year {
        parts.push(y.to_string());
    }
    if let Some(u) = &s.url {
        parts.push(u.clone());
    }
    parts.join(", ")
}

/// How many disputes among allies the brief lists without `--all`.
const DISPUTES_SHOWN: usize = 10;

/// The words of the lists after the clashes: (title, what it is, lines).
struct List {
    title: String,
    advice: &'static str,
    lines: Vec<String>,
    /// How many items the list has (more than `lines` when it is cut short).
    total: usize,
    more: Option<String>,
}

/// `<X> (utla): stands, strength 0.75; 1 step from our thesis [T]. Text (cite)`.
fn point_line(map: &Map, brief: &Brief, ix: NodeIndex) -> String {
    let side = map.node(ix).side.as_deref().unwrap_or("no side");
    let mut line = format!(
        "{} ({side}): {}; {}",
        map.node(ix).id,
        verdict(brief.verdicts.label(ix), brief.verdicts.strength(ix)),
        stakes_words(map, brief, ix)
    );
    let words = said(map, ix);
    if !words.is_empty() {
        line.push_str(&format!(". {words}"));
    }
    line
}

/// The lists after the clashes: press, shore up, disputes among allies, and with `--all` the
/// opponents' unanswered points.
fn lists(map: &Map, brief: &Brief) -> Vec<List> {
    let which = if brief.all { "points" } else { "contentions" };
    let clash_of: HashMap<NodeIndex, usize> = brief
        .clashes
        .iter()
        .enumerate()
        .map(|(k, c)| (c.clash.point, k))
        .collect();
    let mut out = vec![
        List {
            title: format!("Press: our {which} no opponent answered"),
            advice: "Nobody on the other side has attacked these: make them.",
            lines: brief
                .press
                .iter()
                .map(|&ix| point_line(map, brief, ix))
                .collect(),
            total: brief.press.len(),
            more: None,
        },
        List {
            title: format!("Shore up: our {which} attacked with no reply from us"),
            advice: "An opponent attacks these and we have not answered the attack: prepare \
                     a reply.",
            lines: brief
                .shore_up
                .iter()
                .map(|s| {
                    let clash = clash_of
                        .get(&s.node)
                        .map(|k| format!(" (clash {})", k + 1))
                        .unwrap_or_default();
                    // Each attack with its own verdict: one that falls already (another camp
                    // answered it) is less urgent than one that stands.
                    let attacks: Vec<String> = s
                        .unreplied
                        .iter()
                        .map(|&a| {
                            let node = &map.node(a).id;
                            match brief.verdicts.label(a) {
                                Label::Out => format!("{node} (which falls already)"),
                                l => format!("{node} ({})", self::which(l)),
                            }
                        })
                        .collect();
                    format!(
                        "{}{clash}: {}; no reply from us yet to {}",
                        map.node(s.node).id,
                        verdict_word(brief.verdicts.label(s.node)),
                        join_and(&attacks)
                    )
                })
                .collect(),
            total: brief.shore_up.len(),
            more: None,
        },
    ];
    let shown = if brief.all {
        brief.disputes.len()
    } else {
        DISPUTES_SHOWN
    };
    let side = |ix: NodeIndex| map.node(ix).side.clone().unwrap_or_default();
    out.push(List {
        title: "Disputes among allies".into(),
        advice: "Attacks between points of our own camp: they answer nothing, but settle them \
                 before the debate.",
        lines: brief
            .disputes
            .iter()
            .take(shown)
            .map(|d| {
                format!(
                    "{} ({}) {} {} ({})",
                    map.node(d.from).id,
                    side(d.from),
                    d.relation,
                    map.node(d.to).id,
                    side(d.to)
                )
            })
            .collect(),
        total: brief.disputes.len(),
        more: (brief.disputes.len() > shown).then(|| {
            format!(
                "and {} more (`--all` lists them)",
                brief.disputes.len() - shown
            )
        }),
    });
    if brief.all {
        out.push(List {
            title: "Their points nobody answered".into(),
            advice: "Every point of an opponent that no other camp has attacked.",
            lines: brief
                .unanswered
                .iter()
                .map(|&ix| point_line(map, brief, ix))
                .collect(),
            total: brief.unanswered.len(),
            more: None,
        });
    }
    out
}

/// The motion's part: `(sentence, hinges sentence)`, or `None` without a motion.
fn motion_words(map: &Map, brief: &Brief) -> Option<(String, String, String)> {
    let m = brief.motion.as_ref()?;
    Some((
        map.node(m.node).id.to_string(),
        format!(
            "{}. Strength {:.2}",
            reason(map, brief, m.node),
            brief.verdicts.strength(m.node)
        ),
        hinges_sentence(map, &m.hinges, "the motion"),
    ))
}

/// The Markdown brief's head: title, who is who, the motion, the clashes' heading.
fn head_markdown(map: &Map, brief: &Brief) -> String {
    let e = markdown_escape;
    let mut out = format!("# Debate prep: {}\n\n", e(&heading(map, brief)));
    for (role, who) in who_is_who(map, brief) {
        out.push_str(&format!("- **{role}:** {}\n", e(&who)));
    }
    out.push_str("\n## The motion\n\n");
    match motion_words(map, brief) {
        Some((id, stands, hinges)) => out.push_str(&format!(
            "**{}** — {}.\n\n- **Hinges on:** {}\n",
            e(&id),
            e(&stands),
            e(&hinges)
        )),
        None => out.push_str("The map names no motion (`motion:` in the frontmatter).\n"),
    }
    out.push_str(&format!(
        "\n## Clashes ({}), most important first\n\n{}\n\n",
        brief.clashes.len(),
        e(&clashes_advice(brief))
    ));
    if brief.clashes.is_empty() {
        out.push_str("No clash involves us.\n\n");
    }
    out
}

/// What the clashes' part is, once above them.
fn clashes_advice(brief: &Brief) -> String {
    let we = if brief.side.is_some() {
        "our side (an ally of our camp is \"our ally\")"
    } else {
        "our camp"
    };
    format!(
        "Each clash is a point attacked by another camp: the point and its evidence, the attacks \
         and replies (who answers whom), what is left standing, the links its verdict hinges \
         on, and what to do next. \"We\" is {we}; \"they\", an opponent on the other side of \
         the clash; \"also\", another camp arguing on our side of it."
    )
}

/// The Markdown brief's tail: the lists and the sources.
fn tail_markdown(map: &Map, brief: &Brief) -> String {
    let e = markdown_escape;
    let mut out = String::new();
    for list in lists(map, brief) {
        out.push_str(&format!(
            "## {} ({})\n\n{}\n\n",
            e(&list.title),
            list.total,
            e(list.advice)
        ));
        if list.lines.is_empty() {
            out.push_str("Nothing here.\n");
        }
        for line in &list.lines {
            out.push_str(&format!("- {}\n", e(line)));
        }
        if let Some(more) = &list.more {
            out.push_str(&format!("- {}\n", e(more)));
        }
        out.push('\n');
    }
    let sources = cited_sources(map, brief);
    if !sources.is_empty() {
        out.push_str("## Sources\n\n");
        for s in sources {
            out.push_str(&format!("- {}: {}\n", e(&s.id), e(&source_line(s))));
        }
    }
    out
}

fn lines(text: &str) -> usize {
    text.lines().count()
}

/// The brief as Markdown (see the module documentation for its length).
pub fn markdown(map: &Map, brief: &Brief) -> String {
    let head = head_markdown(map, brief);
    let tail = tail_markdown(map, brief);
    let appears = appears_in(&brief.clashes);
    let full: Vec<String> = brief
        .clashes
        .iter()
        .enumerate()
        .map(|(k, c)| full_markdown(map, brief, k, c))
        .collect();
    let mut in_full = vec![brief.all; brief.clashes.len()];
    let short = |k: usize, in_full: &[bool]| {
        let seen = appears[k].iter().copied().find(|&j| in_full[j]);
        brief_markdown(map, brief, k, &brief.clashes[k], seen)
    };
    if !brief.all {
        let mut total = lines(&head)
            + lines(&tail)
            + (0..brief.clashes.len())
                .map(|k| lines(&short(k, &in_full)))
                .sum::<usize>();
        for k in 0..brief.clashes.len() {
            if appears[k].iter().any(|&j| in_full[j]) {
                continue;
            }
            let was = lines(&short(k, &in_full));
            let grown = total - was + lines(&full[k]);
            if grown <= MAX_LINES {
                in_full[k] = true;
                total = grown;
            }
        }
    }
    let mut out = head;
    for (k, text) in full.iter().enumerate() {
        if in_full[k] {
            out.push_str(text);
        } else {
            out.push_str(&short(k, &in_full));
        }
    }
    out.push_str(&tail);
    out
}

/// A hinge as JSON: `{"from", "to", "relation", "label_without", "strength_without"}`.
fn hinge_json(map: &Map, h: &Hinge) -> Value {
    json!({
        "from": map.node(h.from).id,
        "to": map.node(h.to).id,
        "relation": h.relation,
        "label_without": h.label_without,
        "strength_without": h.strength_without,
    })
}

/// `"hinges_on"` (`null` when not computed) and `"hinges_error"` (`null` when computed).
fn hinges_json(map: &Map, hinges: &Result<Vec<Hinge>, TooLarge>) -> (Value, Value) {
    match hinges {
        Ok(list) => (
            Value::Array(list.iter().map(|h| hinge_json(map, h)).collect()),
            Value::Null,
        ),
        Err(e) => (Value::Null, json!(e.to_string())),
    }
}

/// A point of a list as JSON: the node as in the export, with `verdict`, `strength`,
/// `distance`.
fn point_json(map: &Map, brief: &Brief, ix: NodeIndex) -> Value {
    let mut v = node_value(map, ix);
    if let Value::Object(o) = &mut v {
        o.insert("verdict".into(), json!(brief.verdicts.label(ix)));
        o.insert("strength".into(), json!(brief.verdicts.strength(ix)));
        o.insert("distance".into(), json!(brief.stakes.distance(ix)));
    }
    v
}

/// The role's word in JSON.
fn role_word(role: Role) -> &'static str {
    match role {
        Role::Ours => "ours",
        Role::Ally => "ally",
        Role::Theirs => "theirs",
        Role::Nobody => "nobody",
    }
}

/// The brief as JSON: `{"camp": {"id", "label", "sides"}, "side", "all", "motion": {"node",
/// "verdict", "strength", "reason", "hinges_on", "hinges_error"} or null, "clashes": [each as in
/// `counterpoint clashes --format json`, with "role" (whose point: ours, ally, theirs, nobody),
/// "standing": {"ours", "theirs", "undecided"} (the ids of the clash's nodes that stand on our
/// side of it, on theirs, and those undecided), "hinges_on", "hinges_error"], "press": [node +
/// "verdict",
/// "strength", "distance"], "shore_up": [the same + "unreplied": [ids]], "disputes": [{"from",
/// "to", "relation"}], "unanswered": [as press; only with `--all`], "sources": [...]}`.
pub fn json(map: &Map, brief: &Brief) -> Value {
    let camp = brief
        .camps
        .info(brief.camp)
        .map(|c| json!({"id": c.id, "label": c.label, "sides": c.sides}));
    let motion = brief.motion.as_ref().map(|m| {
        let (hinges, error) = hinges_json(map, &m.hinges);
        json!({
            "node": node_value(map, m.node),
            "verdict": brief.verdicts.label(m.node),
            "strength": brief.verdicts.strength(m.node),
            "reason": reason(map, brief, m.node),
            "hinges_on": hinges,
            "hinges_error": error,
        })
    });
    let clashes: Vec<Value> = brief
        .clashes
        .iter()
        .map(|bc| {
            let mut v = clash_json(map, &brief.camps, &bc.clash);
            let [ours, theirs, undecided] = standing(map, brief, bc);
            let names = |l: &[NodeIndex]| -> Vec<String> {
                l.iter().map(|&ix| map.node(ix).id.to_string()).collect()
            };
            let (hinges, error) = hinges_json(map, &bc.hinges);
            if let Value::Object(o) = &mut v {
                o.insert(
                    "role".into(),
                    json!(role_word(brief.role(map, bc.clash.point))),
                );
                o.insert(
                    "standing".into(),
                    json!({
                        "ours": names(&ours),
                        "theirs": names(&theirs),
                        "undecided": names(&undecided),
                    }),
                );
                o.insert("hinges_on".into(), hinges);
                o.insert("hinges_error".into(), error);
            }
            v
        })
        .collect();
    let points = |l: &[NodeIndex]| -> Vec<Value> {
        l.iter().map(|&ix| point_json(map, brief, ix)).collect()
    };
    let shore_up: Vec<Value> = brief
        .shore_up
        .iter()
        .map(|s| {
            let mut v = point_json(map, brief, s.node);
            let unreplied: Vec<&str> = s
                .unreplied
                .iter()
                .map(|&ix| map.node(ix).id.as_str())
                .collect();
            if let Value::Object(o) = &mut v {
                o.insert("unreplied".into(), json!(unreplied));
            }
            v
        })
        .collect();
    let disputes: Vec<Value> = brief
        .disputes
        .iter()
        .map(|d| {
            json!({"from": map.node(d.from).id, "to": map.node(d.to).id, "relation": d.relation})
        })
        .collect();
    json!({
        "camp": camp,
        "side": brief.side,
        "all": brief.all,
        "motion": motion,
        "clashes": clashes,
        "press": points(&brief.press),
        "shore_up": shore_up,
        "disputes": disputes,
        "unanswered": points(&brief.unanswered),
        "sources": cited_sources(map, brief),
    })
}

const STYLE: &str = "
body { font-family: system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.45; color: #222; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.3rem; margin-top: 2rem; }
h3 { font-size: 1.1rem; margin-top: 1.5rem; }
.facts, .advice { color: #555; } .said { margin: 0.5rem 0; }
ul.exchange, ul.exchange ul { list-style: none; padding-left: 1.2rem; }
ul.exchange li { margin: 0.3rem 0; }
.who { font-weight: 600; } .id { font-weight: 600; }
.in { color: #135d33; } .out { color: #8a1c1c; } .undec { color: #6b5500; }
dl.verdict dt { font-weight: 600; margin-top: 0.4rem; } dl.verdict dd { margin-left: 1.2rem; }
.empty { color: #777; font-style: italic; }
@page { margin: 1.8cm; }
@media print {
  body { max-width: none; margin: 0; font-size: 11pt; }
  section.clash, section.lists { break-before: page; }
  a { color: inherit; text-decoration: none; }
}
";

/// One clash as one HTML section (one printed page).
fn clash_html(map: &Map, brief: &Brief, k: usize, bc: &BriefClash) -> Markup {
    let clash = &bc.clash;
    let words = said(map, clash.point);
    html! {
        section.clash id={ "clash-" (k + 1) } {
            h2 { (k + 1) ". " (whose(map, brief, clash.point)) ": " span.id { (map.node(clash.point).id) } }
            p.facts { (facts(map, brief, clash)) }
            @if !words.is_empty() { p.said { (words) } }
            ul.exchange {
                @for i in clash.in_reading_order() {
                    @let m = &clash.moves[i];
                    @let (role, rest) = who_does(map, brief, clash, m);
                    li style={ "margin-left: " (m.depth * 2) "rem" } {
                        span.who { (role) } (rest) " "
                        span.id { (map.node(m.node).id) } ", "
                        span class=(m.verdict.as_str()) { (which(m.verdict)) }
                        @if m.repeat {
                            " (its replies are above)"
                        } @else {
                            @let w = said(map, m.node);
                            @if !w.is_empty() { ": " (w) }
                        }
                        @if m.unlisted > 0 { " [" (super::clashes::more_replies(m.unlisted)) "]" }
                    }
                }
                @if let Some(more) = more_attacks(clash) { li { "[" (more) "]" } }
            }
            dl.verdict {
                dt { "Left standing" } dd { (standing_line(map, brief, bc)) }
                dt { "Hinges on" } dd { (clash_hinges(map, bc)) }
                dt { "Next" } dd { (next(map, brief, bc)) }
            }
        }
    }
}

/// The brief as one self-contained HTML page (no scripts, no outside files) that prints one
/// page per clash: the first page holds who is who, the motion and the list of clashes; the
/// last, the lists and the sources. Every text from the map is escaped.
pub fn html(map: &Map, brief: &Brief) -> String {
    let heading = heading(map, brief);
    let sources = cited_sources(map, brief);
    let page: Markup = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "Debate prep: " (heading) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                section.front {
                    h1 { "Debate prep: " (heading) }
                    ul {
                        @for (role, who) in who_is_who(map, brief) { li { b { (role) ": " } (who) } }
                    }
                    h2 { "The motion" }
                    @match motion_words(map, brief) {
                        Some((id, stands, hinges)) => {
                            p { span.id { (id) } " — " (stands) "." }
                            p { b { "Hinges on: " } (hinges) }
                        }
                        None => p.empty { "The map names no motion (motion: in the frontmatter)." }
                    }
                    h2 { "Clashes (" (brief.clashes.len()) "), most important first" }
                    p.advice { (clashes_advice(brief)) }
                    @if brief.clashes.is_empty() {
                        p.empty { "No clash involves us." }
                    } @else {
                        ol {
                            @for bc in &brief.clashes {
                                li {
                                    (whose(map, brief, bc.clash.point)) ": "
                                    span.id { (map.node(bc.clash.point).id) } " ("
                                    (verdict_word(bc.clash.verdict)) ")"
                                }
                            }
                        }
                    }
                }
                @for (k, bc) in brief.clashes.iter().enumerate() {
                    (clash_html(map, brief, k, bc))
                }
                section.lists {
                    @for list in lists(map, brief) {
                        h2 { (list.title) " (" (list.total) ")" }
                        p.advice { (list.advice) }
                        @if list.lines.is_empty() {
                            p.empty { "Nothing here." }
                        } @else {
                            ul {
                                @for line in &list.lines { li { (line) } }
                                @if let Some(more) = &list.more { li { (more) } }
                            }
                        }
                    }
                    @if !sources.is_empty() {
                        h2 { "Sources" }
                        ul {
                            @for s in &sources {
                                li { span.id { (s.id) } ": " (source_line(s)) }
                            }
                        }
                    }
                }
            }
        }
    };
    page.into_string()
}
