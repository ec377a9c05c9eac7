//! Unanswered points.
//!
//! A point is *answered* when at least one opponent (a node of another camp, see
//! [`super::camps`]) rebuts or undercuts it (a `contradicts` relation answers in both
//! directions). An attack from an ally is an internal dispute, not an answer. A node without a
//! side is everyone's opponent, so in a map without sides any attack answers; in a map without
//! camps every side is a camp of its own.
//!
//! As a signal, unanswered points are ranked by what is at stake in them ([`ranked`], see
//! [`super::stakes`]): the *contentions* (points a camp's case rests on) apart from the
//! *evidence leaves* (facts, figures, quotes offered as reasons), each the closest to the motion
//! or a thesis first, then the stronger. The motion itself belongs to no side: it is what the
//! debate is about, never a point left unanswered, so the ranking leaves it out.

use petgraph::stable_graph::NodeIndex;

use super::camps::{CampId, Camps};
use super::stakes::Stakes;
use super::strength::Strengths;
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

/// [`answers`] with how each answers `ix`: the first attack written from it to `ix`, else
/// [`Relation::Contradicts`] (a contradiction written from `ix`). Linear in `ix`'s relations.
pub(crate) fn answers_with_relation(
    map: &Map,
    camps: &Camps,
    ix: NodeIndex,
) -> Vec<(NodeIndex, Relation)> {
    let mut first: std::collections::HashMap<NodeIndex, Relation> =
        std::collections::HashMap::new();
    for (from, r) in map.incoming(ix).filter(|&(_, r)| r.is_attack()) {
        first.entry(from).or_insert(r);
    }
    answers(map, camps, ix)
        .into_iter()
        .map(|other| {
            let r = first.get(&other).copied().unwrap_or(Relation::Contradicts);
            (other, r)
        })
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

/// An unanswered point and what is at stake in it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Unanswered {
    /// The point.
    pub node: NodeIndex,
    /// Its camp (`None`: it has no side).
    pub camp: Option<CampId>,
    /// Whether it is a contention (else an evidence leaf), see [`Stakes::is_contention`].
    pub contention: bool,
    /// Relations from it to the nearest thesis or the motion (`None`: it bears on none).
    pub distance: Option<u32>,
    /// Its DF-QuAD strength, from 0 to 1.
    pub strength: f64,
}

/// The unanswered points of a map, ranked: contentions and evidence leaves apart, each list
/// the most at stake first ([`Stakes::rank`]: the closest to the motion or a thesis, then the
/// stronger; ties in map order).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ranked {
    /// The map's camps, which the points' `camp` numbers refer to.
    pub camps: Camps,
    /// The motion's node, which is never listed (see the module documentation).
    pub motion: Option<NodeIndex>,
    /// How many points could be unanswered: every node but the motion.
    pub points: usize,
    /// The unanswered contentions, most at stake first.
    pub contentions: Vec<Unanswered>,
    /// The unanswered evidence leaves, most at stake first.
    pub leaves: Vec<Unanswered>,
}

impl Ranked {
    /// Every listed point: the contentions, then the evidence leaves.
    pub fn all(&self) -> impl Iterator<Item = &Unanswered> + '_ {
        self.contentions.iter().chain(&self.leaves)
    }
}

/// The unanswered points of `map` that `keep` keeps, ranked (see [`Ranked`]); whether a point
/// is answered, its stakes and its strength come from the whole map. Linear in nodes + edges,
/// then a sort (the strengths as [`Strengths::of`] computes them).
pub fn ranked(map: &Map, keep: impl Fn(NodeIndex) -> bool) -> Ranked {
    let camps = Camps::of(map);
    let stakes = Stakes::of(map);
    let strengths = Strengths::of(map);
    let motion = map.motion_node();
    let mut listed: Vec<(Unanswered, _)> = map
        .nodes()
        .map(|(ix, _)| ix)
        .filter(|&ix| Some(ix) != motion && keep(ix) && !is_answered(map, &camps, ix))
        .map(|ix| {
            let strength = strengths.get(ix);
            let point = Unanswered {
                node: ix,
                camp: camps.camp(ix),
                contention: stakes.is_contention(ix),
                distance: stakes.distance(ix),
                strength,
            };
            (point, stakes.rank(ix, strength))
        })
        .collect();
    listed.sort_by_key(|(_, rank)| *rank);
    let (contentions, leaves): (Vec<_>, Vec<_>) = listed
        .into_iter()
        .map(|(point, _)| point)
        .partition(|p| p.contention);
    Ranked {
        points: map.node_count() - usize::from(motion.is_some()),
        camps,
        motion,
        contentions,
        leaves,
    }
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
        map.add_camp("research", "Researchers", &["unite-la", "cde"]);
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
    fn ranked_contentions_apart_from_leaves_most_at_stake_first_without_the_motion() {
        // The motion M; the for camp's thesis T argues for it, with a reason R (supported by
        // the evidence E) and another piece of evidence F; the against camp's thesis A attacks
        // the motion and is answered by X; the stray claim S bears on nothing but itself.
        let (mut map, [m, t, r, e, f, a, x, s]) = Map::of(
            [
                ("[M]", ""),
                ("[T]", "pro"),
                ("<R>", "pro"),
                ("<E>", "pro"),
                ("<F>", "pro"),
                ("[A]", "con"),
                ("<X>", "pro"),
                ("[S]", "con"),
            ],
            &[
                ("[T]", Relation::Supports, "[M]"),
                ("<R>", Relation::Supports, "[T]"),
                ("<E>", Relation::Supports, "<R>"),
                ("<F>", Relation::Supports, "[T]"),
                ("[A]", Relation::Rebuts, "[M]"),
                ("<X>", Relation::Rebuts, "[A]"),
            ],
        );
        map.motion = Some("M".into());
        let listing = ranked(&map, |_| true);
        assert_eq!(listing.motion, Some(m));
        assert_eq!(listing.points, 7);
        let nodes = |list: &[Unanswered]| list.iter().map(|p| p.node).collect::<Vec<_>>();
        // [T] and [S] are theses (distance 0), [T] the stronger (supported); <R> is 1 away.
        assert_eq!(nodes(&listing.contentions), [t, s, r]);
        // <F> and <X> are 1 away, <E> 2; <X> is answered by nobody: it is listed too.
        assert_eq!(nodes(&listing.leaves), [f, x, e]);
        assert!(
            !listing.all().any(|p| p.node == a),
            "[A] is answered by <X>"
        );
        let first = listing.contentions[0];
        assert_eq!(
            (first.camp, first.contention, first.distance),
            (listing.camps.find("pro"), true, Some(0))
        );
        // <R> = 0.5 + 0.5 × 0.5 = 0.75; [T] = 0.5 + 0.5 × (1 − 0.25 × 0.5) = 0.9375.
        assert!((first.strength - 0.9375).abs() < 1e-9, "{}", first.strength);
        let only = ranked(&map, |ix| ix == e || ix == m);
        assert_eq!(nodes(&only.leaves), [e]);
        assert!(only.contentions.is_empty());
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
