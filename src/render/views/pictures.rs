//! One diagram per clash, small enough to project: the clash's point, the attacks on it and
//! the replies (the nodes of [`Clash::nodes`]) with the relations among them, each node naming
//! its side in its first line of text (`by UTLA (2018 statement)`) (so the colours need no legend), and a short key under
//! the title.
//!
//! Each diagram is DOT text drawn by [`crate::render::to_dot`] with the whole map's verdicts;
//! the caller lays it out with Graphviz. Its file name starts with the clash's rank in
//! [`crate::analysis::clashes::clashes`] (most important first) and names the point:
//! `05-utla-is-fighting-for-teachers-and.svg`.

use crate::analysis::camps::Camps;
use crate::analysis::clashes::Clash;
use crate::analysis::filter::{restrict_moving, Selection};
use crate::analysis::Verdicts;
use crate::model::Map;
use crate::render::{verdicts::status_marker, Direction, Drawing, GroupBy, Layout, RenderOptions};
use crate::style::names::slug;

/// How wide node texts wrap in a clash diagram.
const WRAP: usize = 30;
/// How many lines of each node's text a clash diagram shows, its side's name included (the
/// title is always whole).
const MAX_LINES: usize = 3;

/// Many attacks on one point are spread over up to this many rows.
const STAGGER: usize = 3;

/// One clash's diagram.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClashDiagram {
    /// The file name without its extension: the clash's rank, two digits, and the point's
    /// title made safe (`05-utla-is-fighting-for-teachers-and`).
    pub stem: String,
    /// The diagram as DOT text.
    pub dot: String,
}

/// The diagram of each clash, in the order given (`clashes` as
/// [`crate::analysis::clashes::clashes`] lists them for `map`, with `verdicts` of the whole
/// map).
pub fn clash_diagrams(
    map: &Map,
    camps: &Camps,
    verdicts: &Verdicts,
    clashes: &[Clash],
) -> Vec<ClashDiagram> {
    let digits = clashes.len().to_string().len().max(2);
    clashes
        .iter()
        .enumerate()
        .map(|(i, clash)| {
            let rank = i + 1;
            ClashDiagram {
                stem: format!("{rank:0digits$}-{}", slug(&map.node(clash.point).title)),
                dot: clash_dot(map, camps, verdicts, clash, rank),
            }
        })
        .collect()
}

/// The DOT text of one clash's diagram.
fn clash_dot(map: &Map, camps: &Camps, verdicts: &Verdicts, clash: &Clash, rank: usize) -> String {
    let nodes = clash.nodes();
    let (mut part, moved) = restrict_moving(map, &Selection::of_nodes(map, &nodes));
    let named: Vec<_> = part.nodes().map(|(ix, _)| ix).collect();
    for ix in named {
        let node = part.node_mut(ix);
        if let Some(side) = node.side.as_deref() {
            let label = map
                .side(side)
                .map_or(side, |s| s.label.as_str())
                .to_string();
            node.text = format!("by {label}\n{}", node.text).into();
        }
    }
    let point = map.node(clash.point);
    part.title = Some(format!("Clash {rank}: {}", point.title));
    let part_verdicts = verdicts.moved(&moved, part.index_bound());
    let whose = match clash.camp.and_then(|c| camps.info(c)) {
        Some(camp) => format!("The point (camp “{}”)", camp.label),
        None => "The point (no side)".to_string(),
    };
    let (_, _, word) = status_marker(clash.verdict);
    let mut note = format!(
        "{whose} {word}. Drawn with {} and the replies to them.",
        match clash.attacks {
            1 => "the attack on it".to_string(),
            n => format!("the {n} attacks on it"),
        }
    );
    let left_out = clash.unlisted + clash.moves.iter().map(|m| m.unlisted).sum::<usize>();
    if left_out > 0 {
        note.push_str(&format!(
            " {left_out} further {} not drawn (see clashes.md).",
            if left_out == 1 {
                "reply is"
            } else {
                "replies are"
            }
        ));
    }
    note.push_str(
        "\nKey: red line ending in a bar: rebuts; purple dashed line: undercuts (denies that the \
         reason supports); orange dotted line: contradicts; green arrow: supports. \
         ✓ stands, ✗ falls, ? undecided. The colour and the line starting “by” name each point's side.",
    );
    let opts = RenderOptions {
        group_by: GroupBy::None,
        direction: Direction::BottomTop,
        layout: Layout::Dot,
        wrap: WRAP,
        max_lines: MAX_LINES,
        stagger: STAGGER,
        legend: false,
        title: true,
        note: Some(note),
    };
    crate::render::to_dot(Drawing::new(&part, &part_verdicts), &opts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::clashes::clashes;
    use crate::analysis::stakes::Stakes;
    use crate::model::{Edge, Node, Relation, Side};

    #[test]
    fn one_diagram_per_clash_with_only_its_exchange() {
        let mut map = Map::new();
        map.sides = ["pro", "con"]
            .into_iter()
            .map(|s| Side {
                id: s.into(),
                label: s.to_uppercase(),
                color: None,
            })
            .collect();
        let thesis = map
            .add_node(Node::statement("Four-day week", "").with_side("pro"))
            .unwrap();
        let reason = map
            .add_node(Node::argument("Rested staff", "").with_side("pro"))
            .unwrap();
        let attack = map
            .add_node(Node::argument("Costs <rise>", "").with_side("con"))
            .unwrap();
        let reply = map
            .add_node(Node::argument("Costs fall", "").with_side("pro"))
            .unwrap();
        let aside = map
            .add_node(Node::argument("Unrelated", "").with_side("con"))
            .unwrap();
        map.add_edge(reason, thesis, Edge::new(Relation::Supports));
        map.add_edge(attack, thesis, Edge::new(Relation::Rebuts));
        map.add_edge(reply, attack, Edge::new(Relation::Rebuts));
        let _ = aside;
        let camps = Camps::of(&map);
        let verdicts = Verdicts::whole(&map);
        let list = clashes(&map, &camps, &verdicts, &Stakes::of(&map));
        let diagrams = clash_diagrams(&map, &camps, &verdicts, &list);
        assert_eq!(diagrams.len(), list.len());
        let first = &diagrams[0];
        assert_eq!(first.stem, "01-four-day-week");
        assert!(first.dot.contains("Clash 1: Four-day week"));
        assert!(first.dot.contains("s-four-day-week"));
        assert!(first.dot.contains("a-costs-rise"));
        assert!(first.dot.contains("a-costs-fall"));
        assert!(!first.dot.contains("a-rested-staff"));
        assert!(!first.dot.contains("a-unrelated"));
        assert!(first.dot.contains("Costs &lt;rise&gt;"));
        assert!(!first.dot.contains("legend"));
    }
}
