//! Unanswered points.
//!
//! A point is *answered* when at least one node of a different side rebuts or undercuts it (a
//! `contradicts` relation answers in both directions). A node without a side counts as a
//! different side from every node, so in a map without sides any attack answers.

use petgraph::stable_graph::NodeIndex;

use crate::model::{Map, Relation};

/// Whether `a` and `b` speak for different sides (a missing side differs from everything).
pub(crate) fn different_sides(map: &Map, a: NodeIndex, b: NodeIndex) -> bool {
    match (&map.node(a).side, &map.node(b).side) {
        (Some(x), Some(y)) => x != y,
        _ => true,
    }
}

/// Every node attacking `ix`: first those it contradicts, then those that rebut, undercut or
/// contradict it, each in the order written, with repeats when several relations join the same
/// two nodes.
fn attackers(map: &Map, ix: NodeIndex) -> impl Iterator<Item = NodeIndex> + '_ {
    map.outgoing(ix)
        .filter(|&(_, r)| r == Relation::Contradicts)
        .map(|(to, _)| to)
        .chain(
            map.incoming(ix)
                .filter(|&(_, r)| r.is_attack())
                .map(|(from, _)| from),
        )
}

/// The nodes that answer `ix`: its attackers from a different side, each once, in the order
/// [`attackers`] gives them.
pub(crate) fn answers(map: &Map, ix: NodeIndex) -> Vec<NodeIndex> {
    let mut seen = std::collections::HashSet::new();
    attackers(map, ix)
        .filter(|&other| different_sides(map, other, ix) && seen.insert(other))
        .collect()
}

/// Whether some node of a different side rebuts or undercuts `ix` (or contradicts it either
/// way). The answer does not depend on order, so the relations are read as they are kept: no
/// allocation.
pub(crate) fn is_answered(map: &Map, ix: NodeIndex) -> bool {
    map.incoming_unordered(ix)
        .any(|(from, r)| r.is_attack() && different_sides(map, from, ix))
        || map
            .outgoing_unordered(ix)
            .any(|(to, r)| r == Relation::Contradicts && different_sides(map, to, ix))
}

/// Every unanswered node, in map order. Linear in nodes + edges.
pub fn unanswered(map: &Map) -> Vec<NodeIndex> {
    map.nodes()
        .map(|(ix, _)| ix)
        .filter(|&ix| !is_answered(map, ix))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Edge;

    #[test]
    fn only_other_sides_answer() {
        let (mut map, [claim, own, other]) = Map::of(
            [("[C]", "pro"), ("<Own>", "pro"), ("<Other>", "con")],
            &[("<Own>", Relation::Rebuts, "[C]")],
        );
        assert!(
            !is_answered(&map, claim),
            "a rebuttal from its own side is no answer"
        );
        map.add_edge(other, own, Edge::new(Relation::Undercuts));
        assert!(is_answered(&map, own));
        assert_eq!(unanswered(&map), vec![claim, other]);
    }

    #[test]
    fn an_answer_by_two_relations_counts_once() {
        let (map, [a, b, c]) = Map::of(
            [("[A]", "pro"), ("<B>", "con"), ("<C>", "con")],
            &[
                ("<B>", Relation::Rebuts, "[A]"),
                ("<C>", Relation::Rebuts, "[A]"),
                ("<B>", Relation::Undercuts, "[A]"),
            ],
        );
        assert_eq!(answers(&map, a), vec![b, c]);
    }

    #[test]
    fn contradiction_answers_both_ways() {
        let (map, _) = Map::of(
            [("[A]", "pro"), ("[B]", "con")],
            &[("[A]", Relation::Contradicts, "[B]")],
        );
        assert!(unanswered(&map).is_empty());
    }
}
