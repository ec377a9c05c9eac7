//! Unanswered points.
//!
//! A point is *answered* when at least one opponent (a node of another camp, see
//! [`super::camps`]) rebuts or undercuts it (a `contradicts` relation answers in both
//! directions). An attack from an ally is an internal dispute, not an answer. A node without a
//! side is everyone's opponent, so in a map without sides any attack answers; in a map without
//! camps every side is a camp of its own.

use petgraph::stable_graph::NodeIndex;

use super::camps::Camps;
use crate::model::{Map, Relation};

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

/// The nodes that answer `ix`: its attackers from another camp, each once, in the order
/// [`attackers`] gives them.
pub(crate) fn answers(map: &Map, camps: &Camps, ix: NodeIndex) -> Vec<NodeIndex> {
    let mut seen = std::collections::HashSet::new();
    attackers(map, ix)
        .filter(|&other| camps.opponents(other, ix) && seen.insert(other))
        .collect()
}

/// Whether some opponent rebuts or undercuts `ix` (or contradicts it either way). The answer
/// does not depend on order, so the relations are read as they are kept: no allocation.
pub(crate) fn is_answered(map: &Map, camps: &Camps, ix: NodeIndex) -> bool {
    map.incoming_unordered(ix)
        .any(|(from, r)| r.is_attack() && camps.opponents(from, ix))
        || map
            .outgoing_unordered(ix)
            .any(|(to, r)| r == Relation::Contradicts && camps.opponents(to, ix))
}

/// Every unanswered node, in map order. Linear in nodes + edges.
pub fn unanswered(map: &Map) -> Vec<NodeIndex> {
    let camps = Camps::of(map);
    map.nodes()
        .map(|(ix, _)| ix)
        .filter(|&ix| !is_answered(map, &camps, ix))
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
        let camps = Camps::of(&map);
        assert!(
            !is_answered(&map, &camps, claim),
            "a rebuttal from its own side is no answer"
        );
        map.add_edge(other, own, Edge::new(Relation::Undercuts));
        assert!(is_answered(&map, &camps, own));
        assert_eq!(unanswered(&map), vec![claim, other]);
    }

    #[test]
    fn an_allys_attack_is_no_answer_but_an_opponents_is() {
        // UNITE-LA's finding, CDE's caveat on it (an ally), Alliance's rebuttal (an opponent).
        let (mut map, [finding, caveat, rebuttal]) = Map::of(
            [
                ("[Finding]", "unite-la"),
                ("<Caveat>", "cde"),
                ("<Rebuttal>", "alliance"),
            ],
            &[("<Caveat>", Relation::Rebuts, "[Finding]")],
        );
        assert_eq!(
            unanswered(&map),
            [caveat, rebuttal],
            "without camps, every side is everyone's opponent"
        );
        map.camps.push(crate::model::Camp {
            id: "research".into(),
            label: "Researchers".into(),
            sides: vec!["unite-la".into(), "cde".into()],
            origin: None,
        });
        assert_eq!(
            unanswered(&map),
            [finding, caveat, rebuttal],
            "the ally's caveat is an internal dispute"
        );
        map.add_edge(rebuttal, finding, Edge::new(Relation::Rebuts));
        let camps = Camps::of(&map);
        assert_eq!(answers(&map, &camps, finding), [rebuttal]);
        assert_eq!(unanswered(&map), [caveat, rebuttal]);
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
        assert_eq!(answers(&map, &Camps::of(&map), a), vec![b, c]);
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
