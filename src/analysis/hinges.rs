//! What a verdict hinges on: the links whose removal alone would change a point's grounded
//! label, with the point's strength without each of them.
//!
//! A link can only change a point's verdict if it lies on the part of the map that bears on the
//! point: the points from which a chain of relations leads to it (its ancestors; `contradicts`
//! counts both ways). Everything else is left out. For each link into that part, the part is
//! judged again without the link (grounded labelling, linear in the part's size), and the links
//! that change the point's label are its hinges; for each, the point's strength without the
//! link is computed too (see [`super::strength`]). So the work is linear in the part for each
//! of its links: `links × (points + links)` of the part, refused above a limit
//! ([`DEFAULT_WORK`]) with a message saying how large the part is.
//!
//! Supports are links too, but grounded semantics weighs only attacks: removing a support never
//! changes a grounded label, so supports are never hinges. What a support changes is the
//! strength, which [`super::strength`] reports.
//!
//! Two relations joining the same two points the same way count as one link here as in the
//! framework: removing one of them alone changes nothing.

use std::collections::{HashMap, HashSet, VecDeque};

use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;

use super::grounded::label_framework;
use super::strength::{base_score, Bipolar};
use crate::graph::framework::Framework;
use crate::graph::Label;
use crate::model::{Map, Relation};

/// The most work (links × (points + links) of the part bearing on one point) done by default.
pub const DEFAULT_WORK: usize = 20_000_000;

/// One link a verdict hinges on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hinge {
    /// The node the link comes from.
    pub from: NodeIndex,
    /// The node the link goes to.
    pub to: NodeIndex,
    /// The link's relation.
    pub relation: Relation,
    /// The point's grounded label without the link.
    pub label_without: Label,
    /// The point's strength without the link.
    pub strength_without: f64,
}

/// The part bearing on a point is too large to test link by link within the limit.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "what {point} hinges on is not computed: at least {links} links among {points} points bear \
     on it, and testing each one would take at least {work} steps (the limit is {limit})"
)]
pub struct TooLarge {
    /// The point's id.
    pub point: String,
    /// Links of the part bearing on the point, found before the limit was reached.
    pub links: usize,
    /// Points of that part found by then.
    pub points: usize,
    /// The work testing those links would take already.
    pub work: usize,
    /// The limit it exceeds.
    pub limit: usize,
}

/// The links whose removal alone would change `point`'s grounded label, in the order the
/// links were written, refused when the work exceeds `limit` (see the module documentation).
/// The part bearing on the point is gathered only as far as the limit allows, so a refusal
/// costs little, whatever the size of the map.
pub fn hinges_on(map: &Map, point: NodeIndex, limit: usize) -> Result<Vec<Hinge>, TooLarge> {
    hinges_within(map, point, limit).map(|(hinges, _)| hinges)
}

/// [`hinges_on`], with the work it took (`links × (points + links)` of the part bearing on the
/// point), for callers that share one limit between several points.
pub fn hinges_within(
    map: &Map,
    point: NodeIndex,
    limit: usize,
) -> Result<(Vec<Hinge>, usize), TooLarge> {
    let part = Part::bearing_on(map, point, limit)?;
    let spent = work(part.links.len(), part.nodes.len());
    let label = part.label_without(None);
    let mut hinges = Vec::new();
    for (k, &(from, to, relation)) in part.links.iter().enumerate() {
        if relation == Relation::Supports {
            continue;
        }
        let label_without = part.label_without(Some(k));
        if label_without != label {
            hinges.push(Hinge {
                from: part.nodes[from as usize],
                to: part.nodes[to as usize],
                relation,
                label_without,
                strength_without: part.strength_without(map, Some(k)),
            });
        }
    }
    Ok((hinges, spent))
}

/// The work of testing each of `links` links on a part of `points` points.
fn work(links: usize, points: usize) -> usize {
    links.saturating_mul(points.saturating_add(links))
}

/// The part of a map bearing on one point, with local numbers: the point is number 0.
struct Part {
    nodes: Vec<NodeIndex>,
    /// (from, to, relation) in local numbers, in the order written.
    links: Vec<(u32, u32, Relation)>,
}

impl Part {
    /// The ancestors of `point` (itself included) and the links between them, breadth-first,
    /// stopped with [`TooLarge`] as soon as testing its links would exceed `limit`. Time and
    /// memory are proportional to what is gathered, not to the map.
    fn bearing_on(map: &Map, point: NodeIndex, limit: usize) -> Result<Part, TooLarge> {
        let mut local: HashMap<NodeIndex, u32> = HashMap::from([(point, 0)]);
        let mut nodes = vec![point];
        // Each link once (a `contradicts` link is met from both of its ends).
        let mut seen: HashSet<EdgeIndex> = HashSet::new();
        let mut found: Vec<(EdgeIndex, NodeIndex, NodeIndex, Relation)> = Vec::new();
        let mut queue = VecDeque::from([point]);
        let graph = map.graph();
        while let Some(v) = queue.pop_front() {
            let incoming = graph.edges_directed(v, Direction::Incoming);
            let contradicting = graph
                .edges_directed(v, Direction::Outgoing)
                .filter(|e| e.weight().relation == Relation::Contradicts);
            for e in incoming.chain(contradicting) {
                let (from, to) = (e.source(), e.target());
                let other = if from == v { to } else { from };
                if seen.insert(e.id()) {
                    found.push((e.id(), from, to, e.weight().relation));
                }
                if let std::collections::hash_map::Entry::Vacant(slot) = local.entry(other) {
                    slot.insert(nodes.len() as u32);
                    nodes.push(other);
                    queue.push_back(other);
                }
            }
            if work(found.len(), nodes.len()) > limit {
                // What is left to gather would only add to it: say how far it got.
                let (links, points) = (found.len(), nodes.len());
                return Err(TooLarge {
                    point: map.node(point).id.to_string(),
                    links,
                    points,
                    work: work(links, points),
                    limit,
                });
            }
        }
        found.sort_unstable_by_key(|&(id, ..)| id);
        let links = found
            .into_iter()
            .filter_map(|(_, a, b, r)| Some((*local.get(&a)?, *local.get(&b)?, r)))
            .collect();
        Ok(Part { nodes, links })
    }

    /// The point's grounded label without link `skip` (with every link for `None`).
    fn label_without(&self, skip: Option<usize>) -> Label {
        let (mut from, mut to) = (Vec::new(), Vec::new());
        for (k, &(a, b, relation)) in self.links.iter().enumerate() {
            if Some(k) == skip {
                continue;
            }
            match relation {
                Relation::Supports => {}
                Relation::Rebuts | Relation::Undercuts => {
                    from.push(a);
                    to.push(b);
                }
                Relation::Contradicts => {
                    from.extend([a, b]);
                    to.extend([b, a]);
                }
            }
        }
        match Framework::from_attacks(self.nodes.len(), &from, &to) {
            Ok(fw) => label_framework(&fw).label(0),
            Err(_) => Label::Undec,
        }
    }

    /// The point's strength without link `skip` (with every link for `None`).
    fn strength_without(&self, map: &Map, skip: Option<usize>) -> f64 {
        let (mut attacks, mut supports) = (Vec::new(), Vec::new());
        for (k, &(a, b, relation)) in self.links.iter().enumerate() {
            if Some(k) == skip {
                continue;
            }
            match relation {
                Relation::Supports => supports.push((a, b)),
                Relation::Rebuts | Relation::Undercuts => attacks.push((a, b)),
                Relation::Contradicts => attacks.extend([(a, b), (b, a)]),
            }
        }
        let base = self
            .nodes
            .iter()
            .map(|&ix| base_score(map.node(ix)))
            .collect();
        let (values, _) = Bipolar::new(base, &attacks, &supports).solve();
        values.first().copied().unwrap_or(0.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::strength::Strengths;
    use crate::analysis::Verdicts;
    use crate::model::{Edge, Node};
    use proptest::prelude::*;
    use Relation::*;

    fn triples(map: &Map, hinges: &[Hinge]) -> Vec<(String, Relation, String)> {
        hinges
            .iter()
            .map(|h| {
                (
                    map.node(h.from).title.to_string(),
                    h.relation,
                    map.node(h.to).title.to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn one_standing_rebuttal_is_a_hinge_two_are_not() {
        // R rebuts C; U undercuts R; V rebuts U: V stands, so U falls, so R stands, so C falls.
        // Removing R's rebuttal or V's saves C; U's undercut is no hinge: U falls anyway.
        let (map, [c, _, _, _]) = Map::of(
            [
                ("[C]", "pro"),
                ("<R>", "con"),
                ("<U>", "pro"),
                ("<V>", "con"),
            ],
            &[
                ("<R>", Rebuts, "[C]"),
                ("<U>", Undercuts, "<R>"),
                ("<V>", Rebuts, "<U>"),
            ],
        );
        let hinges = hinges_on(&map, c, DEFAULT_WORK).unwrap();
        assert_eq!(
            triples(&map, &hinges),
            [
                ("R".into(), Rebuts, "C".into()),
                ("V".into(), Rebuts, "U".into())
            ]
        );
        assert_eq!(
            hinges.iter().map(|h| h.label_without).collect::<Vec<_>>(),
            [Label::In, Label::In]
        );
        // Without R, C has no attacker: its base score.
        assert_eq!(hinges[0].strength_without, 0.5);
        // A second standing rebuttal: no single link decides any more.
        let mut map = map;
        let s = map
            .add_node(Node::argument("S", "").with_side("con"))
            .unwrap();
        map.add_edge(s, c, Edge::new(Rebuts));
        assert_eq!(hinges_on(&map, c, DEFAULT_WORK).unwrap(), []);
    }

    #[test]
    fn supports_are_never_hinges_and_the_limit_is_clear() {
        let (map, [c, _, _]) = Map::of(
            [("[C]", "pro"), ("<S>", "pro"), ("<R>", "con")],
            &[("<S>", Supports, "[C]"), ("<R>", Rebuts, "[C]")],
        );
        let hinges = hinges_on(&map, c, DEFAULT_WORK).unwrap();
        assert_eq!(triples(&map, &hinges), [("R".into(), Rebuts, "C".into())]);
        // Without R, C is supported and unattacked: 0.5 + 0.5·0.5.
        assert_eq!(hinges[0].strength_without, 0.75);
        assert_eq!(Strengths::of(&map).get(c), 0.5);
        assert_eq!(
            hinges_on(&map, c, 5).unwrap_err().to_string(),
            "what [C] hinges on is not computed: at least 2 links among 3 points bear on it, and \
             testing each one would take at least 10 steps (the limit is 5)"
        );
    }

    /// A map of `n` nodes and the given (from, to, relation) links.
    fn build(n: usize, links: &[(usize, usize, Relation)]) -> Map {
        let mut map = Map::new();
        let ix: Vec<NodeIndex> = (0..n)
            .map(|i| map.add_node(Node::statement(format!("N{i}"), "")).unwrap())
            .collect();
        for &(a, b, r) in links {
            map.add_edge(ix[a], ix[b], Edge::new(r));
        }
        map
    }

    fn relation() -> impl Strategy<Value = Relation> {
        prop_oneof![
            Just(Supports),
            Just(Rebuts),
            Just(Undercuts),
            Just(Contradicts)
        ]
    }

    proptest! {
        #[test]
        fn hinges_are_exactly_the_links_whose_removal_changes_the_label(
            n in 1usize..7,
            raw in proptest::collection::vec((0usize..7, 0usize..7, relation()), 0..12),
            target in 0usize..7,
        ) {
            let links: Vec<(usize, usize, Relation)> =
                raw.into_iter().map(|(a, b, r)| (a % n, b % n, r)).collect();
            let map = build(n, &links);
            let point = NodeIndex::new(target % n);
            let label = Verdicts::whole(&map).label(point);
            let mut expected = Vec::new();
            for k in 0..links.len() {
                let mut without = links.clone();
                without.remove(k);
                let other = build(n, &without);
                let label_without = Verdicts::whole(&other).label(point);
                if label_without != label {
                    let (a, b, r) = links[k];
                    expected.push((format!("N{a}"), r, format!("N{b}"), label_without,
                        Strengths::of(&other).get(point)));
                }
            }
            let found: Vec<_> = hinges_on(&map, point, DEFAULT_WORK)
                .unwrap()
                .into_iter()
                .map(|h| (map.node(h.from).title.to_string(), h.relation, map.node(h.to).title.to_string(),
                    h.label_without, h.strength_without))
                .collect();
            prop_assert_eq!(found.len(), expected.len());
            for (f, e) in found.iter().zip(&expected) {
                prop_assert_eq!((&f.0, f.1, &f.2, f.3), (&e.0, e.1, &e.2, e.3));
                prop_assert!((f.4 - e.4).abs() < 1e-6, "strength {} vs {}", f.4, e.4);
            }
        }
    }
}
