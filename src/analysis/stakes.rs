//! What is at stake in each point: how close it is to the motion or a thesis, and whether it is
//! a contention or an evidence leaf. Clashes, unanswered points and briefs are ranked by it.
//!
//! - A camp's **theses** are the points its case concludes in: its claims (points that support
//!   or attack nothing), and its points that relate to the motion itself and otherwise only
//!   contradict (`><`) other points: two contrary theses may contradict each other.
//! - A point's **distance** is the number of relations from it to the nearest thesis or the
//!   motion, following supports and attacks in their direction (`contradicts` both ways): 0 for a
//!   thesis or the motion, 1 for a direct reason for a thesis or a direct attack on it, and so
//!   on; none when it bears on no thesis at all.
//! - A **contention** is a point a camp's case rests on that is argued for: a thesis, the
//!   motion, or a point with reasons of its own (something supports it). An **evidence leaf** is
//!   a point nothing supports: a fact, a figure, a quote offered as a reason.
//!
//! Points matter in this order: those that bear on a thesis or the motion, the closest first
//! (see [`Stakes::rank`]); then the stronger. Everything is linear in nodes + relations (one
//! breadth-first search from the theses and the motion).

use std::collections::VecDeque;

use petgraph::stable_graph::NodeIndex;

use crate::model::{Kind, Map, Relation};

/// Marks "bears on no thesis".
const FAR: u32 = u32::MAX;

/// The stakes of every node of a map.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stakes {
    /// By `NodeIndex::index()`: relations to the nearest thesis or the motion, `FAR` if none.
    distance: Vec<u32>,
    /// By `NodeIndex::index()`: whether something supports the node.
    supported: Vec<bool>,
    /// By `NodeIndex::index()`: whether the node is a thesis.
    thesis: Vec<bool>,
    /// By `NodeIndex::index()`: the thesis or motion the node leads to (see
    /// [`Stakes::leads_to`]).
    leads_to: Vec<Option<NodeIndex>>,
    /// By `NodeIndex::index()`: whether the way to [`Stakes::leads_to`] has an odd number of
    /// attacks (the node works against what it leads to).
    against: Vec<bool>,
    motion: Option<NodeIndex>,
}

impl Stakes {
    /// The stakes of `map`'s nodes.
    pub fn of(map: &Map) -> Stakes {
        let bound = map.index_bound();
        let motion = map.motion_node();
        let mut stakes = Stakes {
            distance: vec![FAR; bound],
            supported: vec![false; bound],
            thesis: vec![false; bound],
            leads_to: vec![None; bound],
            against: vec![false; bound],
            motion,
        };
        let mut queue = VecDeque::new();
        for (ix, _) in map.nodes() {
            stakes.supported[ix.index()] = map
                .incoming_unordered(ix)
                .any(|(_, r)| r == Relation::Supports);
            // A `><` is stored from one of its two ends only: it does not make that end less
            // of a thesis than the other (two contrary theses may contradict each other).
            let to_motion = motion.is_some_and(|m| {
                m != ix
                    && map.outgoing_unordered(ix).any(|(t, _)| t == m)
                    && map
                        .outgoing_unordered(ix)
                        .all(|(t, r)| t == m || r == Relation::Contradicts)
            });
            let thesis = Some(ix) != motion && (map.kind(ix) == Kind::Claim || to_motion);
            stakes.thesis[ix.index()] = thesis;
            if thesis || Some(ix) == motion {
                stakes.distance[ix.index()] = 0;
                stakes.leads_to[ix.index()] = Some(ix);
                queue.push_back(ix);
            }
        }
        // Breadth-first from the theses and the motion, which meets nodes by distance.
        let mut met = Vec::new();
        while let Some(v) = queue.pop_front() {
            met.push(v);
            let next = stakes.distance[v.index()].saturating_add(1);
            let nearer = map.incoming_unordered(v).map(|(u, _)| u).chain(
                map.outgoing_unordered(v)
                    .filter(|&(_, r)| r == Relation::Contradicts)
                    .map(|(u, _)| u),
            );
            for u in nearer {
                if let Some(d) = stakes.distance.get_mut(u.index()) {
                    if *d == FAR {
                        *d = next;
                        queue.push_back(u);
                    }
                }
            }
        }
        // Each node leads where its first relation (in the order written) one step closer
        // leads; the closer node was met, and settled, before it.
        for &u in &met {
            let Some(d) = stakes.distance(u).filter(|&d| d > 0) else {
                continue;
            };
            let closer = map
                .outgoing(u)
                .chain(map.incoming(u).filter(|&(_, r)| r == Relation::Contradicts))
                .find(|&(n, _)| stakes.distance(n) == Some(d - 1));
            if let Some((n, relation)) = closer {
                stakes.leads_to[u.index()] = stakes.leads_to(n);
                stakes.against[u.index()] = stakes.against(n) != relation.is_attack();
            }
        }
        stakes
    }

    /// Relations from the node to the nearest thesis or the motion (`None`: it bears on none).
    pub fn distance(&self, ix: NodeIndex) -> Option<u32> {
        self.distance.get(ix.index()).copied().filter(|&d| d != FAR)
    }

    /// The thesis or the motion the node leads to, [`Stakes::distance`] relations away (itself
    /// for a thesis or the motion; `None` when it bears on none): each step goes to the first
    /// node, in the order the relations were written, one relation closer to it.
    pub fn leads_to(&self, ix: NodeIndex) -> Option<NodeIndex> {
        self.leads_to.get(ix.index()).copied().flatten()
    }

    /// Whether the node works against what it [leads to](Stakes::leads_to): the way there has
    /// an odd number of attacks (an attack on a reason for a thesis works against the thesis).
    pub fn against(&self, ix: NodeIndex) -> bool {
        self.against.get(ix.index()).copied().unwrap_or(false)
    }

    /// Whether the node is one of its camp's theses.
    pub fn is_thesis(&self, ix: NodeIndex) -> bool {
        self.thesis.get(ix.index()).copied().unwrap_or(false)
    }

    /// Whether the node is the motion.
    pub fn is_motion(&self, ix: NodeIndex) -> bool {
        self.motion == Some(ix)
    }

    /// Whether the node is a contention (a thesis, the motion, or a point something supports);
    /// otherwise it is an evidence leaf.
    pub fn is_contention(&self, ix: NodeIndex) -> bool {
        self.is_motion(ix)
            || self.is_thesis(ix)
            || self.supported.get(ix.index()).copied().unwrap_or(false)
    }

    /// The theses of the map, in map order.
    pub fn theses<'a>(&'a self, map: &'a Map) -> impl Iterator<Item = NodeIndex> + 'a {
        map.nodes()
            .map(|(ix, _)| ix)
            .filter(move |&ix| self.is_thesis(ix))
    }

    /// A key that orders points by importance when sorted ascending: the motion, then points
    /// that bear on a thesis or the motion, closest first, then the stronger (`strength` from 0
    /// to 1). Ties keep their order in a stable sort.
    pub fn rank(&self, ix: NodeIndex, strength: f64) -> (bool, u32, std::cmp::Reverse<u64>) {
        // Strengths lie in [0, 1]: as integers of 1e-9 they order as the numbers do.
        let strength = (strength.clamp(0.0, 1.0) * 1e9).round() as u64;
        (
            !self.is_motion(ix),
            self.distance(ix).unwrap_or(FAR),
            std::cmp::Reverse(strength),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Relation::*;

    #[test]
    fn distances_theses_and_contentions() {
        // M is the motion; T (con) rebuts M; R supports T; E supports R; X rebuts R;
        // C is a claim of its own; L is unrelated to everything and a claim too.
        let (mut map, [m, t, r, e, x, c]) = Map::of(
            [
                ("[M]", ""),
                ("[T]", "con"),
                ("<R>", "con"),
                ("<E>", "con"),
                ("<X>", "pro"),
                ("[C]", "pro"),
            ],
            &[
                ("[T]", Rebuts, "[M]"),
                ("<R>", Supports, "[T]"),
                ("<E>", Supports, "<R>"),
                ("<X>", Rebuts, "<R>"),
            ],
        );
        map.motion = Some("M".into());
        let s = Stakes::of(&map);
        assert!(s.is_motion(m) && !s.is_thesis(m));
        assert!(s.is_thesis(t) && s.is_thesis(c));
        assert!(!s.is_thesis(r) && !s.is_thesis(x));
        assert_eq!(
            [m, t, r, e, x, c].map(|ix| s.distance(ix)),
            [Some(0), Some(0), Some(1), Some(2), Some(2), Some(0)]
        );
        assert!(s.is_contention(m) && s.is_contention(t) && s.is_contention(r));
        assert!(!s.is_contention(e) && !s.is_contention(x));
        assert_eq!(s.theses(&map).collect::<Vec<_>>(), [t, c]);
        assert_eq!(
            [m, t, r, e, x, c].map(|ix| s.leads_to(ix)),
            [Some(m), Some(t), Some(t), Some(t), Some(t), Some(c)]
        );
        // X rebuts R, a reason for T: it works against T; E supports R: for T.
        assert_eq!(
            [m, t, r, e, x, c].map(|ix| s.against(ix)),
            [false, false, false, false, true, false]
        );
        let mut order = vec![x, e, c, r, m];
        order.sort_by_key(|&ix| s.rank(ix, if ix == c { 0.2 } else { 0.5 }));
        assert_eq!(order, [m, c, r, x, e]);
    }

    #[test]
    fn contrary_theses_that_contradict_each_other_are_both_theses() {
        // P supports the motion, C rebuts it, and `[P] >< [C]` is stored from P only; Q
        // supports the motion and rebuts C: an attack that is no `><` makes it a reason.
        let (mut map, [m, p, c, q]) = Map::of(
            [("[M]", ""), ("[P]", "pro"), ("[C]", "con"), ("[Q]", "pro")],
            &[
                ("[P]", Supports, "[M]"),
                ("[C]", Rebuts, "[M]"),
                ("[P]", Contradicts, "[C]"),
                ("[Q]", Supports, "[M]"),
                ("[Q]", Rebuts, "[C]"),
            ],
        );
        map.motion = Some("M".into());
        let s = Stakes::of(&map);
        assert!(s.is_thesis(p) && s.is_thesis(c));
        assert!(!s.is_thesis(q) && !s.is_thesis(m));
        assert_eq!(s.theses(&map).collect::<Vec<_>>(), [p, c]);
    }

    #[test]
    fn without_a_thesis_above_a_point_has_no_distance() {
        // A and B rebut each other: neither is a claim, so neither bears on a thesis.
        let (map, [a, b]) = Map::of(
            [("[A]", "x"), ("[B]", "y")],
            &[("[A]", Rebuts, "[B]"), ("[B]", Rebuts, "[A]")],
        );
        let s = Stakes::of(&map);
        assert_eq!([s.distance(a), s.distance(b)], [None, None]);
        assert!(
            s.rank(a, 1.0) < s.rank(b, 0.0),
            "the stronger is ranked first"
        );
        assert!(!s.is_contention(a) && !s.is_thesis(b));
    }
}
