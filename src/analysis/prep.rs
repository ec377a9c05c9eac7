//! The debate-prep brief for one side S: what to answer, what to press, what to shore up, and
//! where S's claims stand.
//!
//! Definitions (attacks are `rebuts`, `undercuts` and `contradicts`, the last in both
//! directions):
//! - An *opponent's point* is a node whose side is another declared or used side than S (nodes
//!   without a side belong to nobody and are not listed).
//! - S *has answered* a point when some node of side S attacks it.
//! - (a) **Answer these**: opponents' points S has not answered — the to-do list.
//! - (b) **Press these**: S's points nobody answered (no node of another side, or without side,
//!   attacks them; see [`unanswered`]).
//! - (c) **Shore these up**: S's points with an *undefended* attacker: a node of another side
//!   (or without side) that attacks the point, and that no node of side S attacks in turn. Each
//!   item lists those attackers. A support from S for the point itself does not count as a
//!   defence: only an answer to the attacker does.
//! - (d) **Where S's claims stand**: S's claims (nodes with no outgoing relation) under
//!   grounded semantics, with the reason.
//!
//! Each part is ordered by weight: claims first, then by how many nodes depend on the point
//! (see [`dependents`]), then in map order.

use petgraph::stable_graph::NodeIndex;

use super::dependents;
use super::filter::{self, FilterError, Selection};
use super::grounded::label_framework;
use super::reasons::{self, Reason};
use super::unanswered;
use crate::graph::framework::MapFramework;
use crate::graph::Label;
use crate::model::{Kind, Map};

/// One point in the brief.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Item {
    pub(crate) node: NodeIndex,
    pub(crate) kind: Kind,
    /// How many nodes depend on it.
    pub(crate) dependents: usize,
    /// Its grounded label and the reason (`None` only for a node outside the framework).
    pub(crate) label: Label,
    pub(crate) reason: Option<Reason>,
    /// Nodes the item is about: for (a) what the opponent's point supports or attacks, for (c)
    /// the undefended attackers; empty otherwise.
    pub(crate) related: Vec<NodeIndex>,
}

/// Which part of the brief (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PartKey {
    /// (a) opponents' points the side has not answered.
    Answer,
    /// (b) the side's points nobody answered.
    Press,
    /// (c) the side's points with an undefended attacker.
    ShoreUp,
    /// (d) the side's claims under grounded semantics.
    Claims,
}

impl PartKey {
    /// `answer`, `press`, `shore_up`, `claims`.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            PartKey::Answer => "answer",
            PartKey::Press => "press",
            PartKey::ShoreUp => "shore_up",
            PartKey::Claims => "claims",
        }
    }
}

/// A part of the brief.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Part {
    pub(crate) key: PartKey,
    pub(crate) items: Vec<Item>,
}

/// The brief for one side.
#[derive(Debug, Clone)]
pub struct Brief {
    pub(crate) side: String,
    pub(crate) parts: Vec<Part>,
    /// The map's framework, whose arguments the items' reasons refer to.
    pub(crate) framework: MapFramework,
    /// The reasons for the framework's grounded labels.
    pub(crate) reasons: reasons::Reasons,
}

/// Whether some node of `side` attacks `ix` (rebuts, undercuts, or contradicts either way).
fn attacked_by_side(map: &Map, ix: NodeIndex, side: &str) -> bool {
    let of_side = |other: NodeIndex| map.node(other).side.as_deref() == Some(side);
    map.incoming_unordered(ix)
        .any(|(from, r)| r.is_attack() && of_side(from))
        || map
            .outgoing_unordered(ix)
            .any(|(to, r)| r == crate::model::Relation::Contradicts && of_side(to))
}

/// The brief for `side`, listing only nodes in `selection` (all when `None`). An error when
/// the map has no such side.
pub fn brief(map: &Map, side: &str, selection: Option<&Selection>) -> Result<Brief, FilterError> {
    filter::known_side(map, side)?;
    // Only a map of more than 4 billion nodes fails here, which cannot have been loaded.
    let mf = MapFramework::new(map).unwrap_or_default();
    let grounded = label_framework(&mf.framework);
    let reasons = reasons::explain(&mf.framework, &grounded);
    let deps = dependents::dependents(map);
    let item = |ix: NodeIndex, related: Vec<NodeIndex>| {
        let a = mf.arg(ix);
        Item {
            node: ix,
            kind: map.kind(ix),
            dependents: deps.get(ix),
            label: a.map_or(Label::Undec, |a| grounded.label(a)),
            reason: a.and_then(|a| reasons.get(a)),
            related,
        }
    };
    let camps = super::camps::Camps::of(map);
    let shown = |ix: NodeIndex| selection.is_none_or(|s| s.contains(ix));
    let ours = |ix: NodeIndex| map.node(ix).side.as_deref() == Some(side);
    let (mut answer, mut press, mut shore_up, mut claims) = (vec![], vec![], vec![], vec![]);
    for (ix, node) in map.nodes() {
        if !shown(ix) {
            continue;
        }
        if !ours(ix) {
            if node.side.is_some() && !attacked_by_side(map, ix, side) {
                let targets: Vec<NodeIndex> = map.outgoing(ix).map(|(t, _)| t).collect();
                answer.push(item(ix, targets));
            }
            continue;
        }
        let attackers = unanswered::answers(map, &camps, ix);
        if attackers.is_empty() {
            press.push(item(ix, Vec::new()));
        }
        let undefended: Vec<NodeIndex> = attackers
            .into_iter()
            .filter(|&y| !attacked_by_side(map, y, side))
            .collect();
        if !undefended.is_empty() {
            shore_up.push(item(ix, undefended));
        }
        if map.kind(ix) == Kind::Claim {
            claims.push(item(ix, Vec::new()));
        }
    }
    for items in [&mut answer, &mut press, &mut shore_up, &mut claims] {
        order(items);
    }
    Ok(Brief {
        side: side.to_string(),
        parts: vec![
            Part {
                key: PartKey::Answer,
                items: answer,
            },
            Part {
                key: PartKey::Press,
                items: press,
            },
            Part {
                key: PartKey::ShoreUp,
                items: shore_up,
            },
            Part {
                key: PartKey::Claims,
                items: claims,
            },
        ],
        framework: mf,
        reasons,
    })
}

/// Claims first, then more dependents first, then map order (the sort is stable).
fn order(items: &mut [Item]) {
    items.sort_by_key(|i| (i.kind != Kind::Claim, std::cmp::Reverse(i.dependents)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edge, Node, Relation, Side};

    #[test]
    fn the_four_parts() {
        // pro: claim C, support S -> C. con: R rebuts C, R2 rebuts S, X claim.
        // pro: U undercuts R (so R is answered; R2 is not).
        let mut map = Map::new();
        for id in ["pro", "con"] {
            map.sides.push(Side {
                id: id.into(),
                label: id.into(),
                color: None,
            });
        }
        let mut add = |n: Node| map.add_node(n).unwrap();
        let c = add(Node::statement("C", "").with_side("pro"));
        let s = add(Node::argument("S", "").with_side("pro"));
        let r = add(Node::argument("R", "").with_side("con"));
        let r2 = add(Node::argument("R2", "").with_side("con"));
        add(Node::statement("X", "").with_side("con"));
        let u = add(Node::argument("U", "").with_side("pro"));
        map.add_edge(s, c, Edge::new(Relation::Supports));
        map.add_edge(r, c, Edge::new(Relation::Rebuts));
        map.add_edge(r2, s, Edge::new(Relation::Rebuts));
        map.add_edge(u, r, Edge::new(Relation::Undercuts));
        let b = brief(&map, "pro", None).unwrap();
        let ids = |k: usize| -> Vec<(&str, Vec<&str>)> {
            b.parts[k]
                .items
                .iter()
                .map(|i| {
                    let rel = i
                        .related
                        .iter()
                        .map(|&r| map.node(r).title.as_str())
                        .collect();
                    (map.node(i.node).title.as_str(), rel)
                })
                .collect()
        };
        assert_eq!(ids(0), vec![("X", vec![]), ("R2", vec!["S"])]);
        assert_eq!(ids(1), vec![("U", vec![])]);
        assert_eq!(ids(2), vec![("S", vec!["R2"])]);
        assert_eq!(ids(3), vec![("C", vec![])]);
        let keys: Vec<PartKey> = b.parts.iter().map(|p| p.key).collect();
        use PartKey::*;
        assert_eq!(keys, [Answer, Press, ShoreUp, Claims]);
        let claim = &b.parts[3].items[0];
        assert_eq!(claim.label, Label::In);
        assert_eq!(claim.reason, Some(Reason::AttackersFall));
        assert_eq!(claim.dependents, 4, "S, R, R2 and U");
        assert_eq!(
            brief(&map, "neutral", None).unwrap_err().to_string(),
            "unknown side \"neutral\"; the map's sides are: pro, con"
        );
    }
}
