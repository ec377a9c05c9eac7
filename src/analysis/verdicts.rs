//! What the analyses say about each node of a map a drawing shows: whether it is unanswered (see
//! [`unanswered`]), its grounded status (see [`grounded`]) and its strength (see
//! [`super::strength`]).
//!
//! Computed once by the caller and handed to the drawing. For a whole map they come from the map
//! itself ([`Verdicts::whole`]); for the part of a map the filters keep they come from the whole
//! map ([`crate::analysis::filter::Filter::apply`]): a point answered by a node that the filters
//! hide is still answered.

use petgraph::stable_graph::NodeIndex;

use super::grounded;
use super::strength::Strengths;
use super::unanswered;
use crate::graph::Label;
use crate::model::Map;

/// Each node's verdicts, by the node's index in the map they were made for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Verdicts {
    /// By `NodeIndex::index()`: whether the node is unanswered.
    unanswered: Vec<bool>,
    /// By `NodeIndex::index()`: whether the node is a contention (see [`super::stakes`]).
    contention: Vec<bool>,
    /// By `NodeIndex::index()`: the node's grounded label.
    labels: Vec<Label>,
    /// The nodes' DF-QuAD strengths.
    strengths: Strengths,
}

impl Verdicts {
    /// The verdicts of `map` on its own nodes. Linear in nodes + relations.
    pub fn whole(map: &Map) -> Verdicts {
        let labelling = grounded::grounded(map);
        let camps = super::camps::Camps::of(map);
        let bound = map.index_bound();
        let stakes = super::stakes::Stakes::of(map);
        let mut verdicts = Verdicts {
            unanswered: vec![false; bound],
            contention: vec![false; bound],
            labels: vec![Label::Undec; bound],
            strengths: Strengths::of(map),
        };
        for (ix, _) in map.nodes() {
            verdicts.unanswered[ix.index()] = !unanswered::is_answered(map, &camps, ix);
            verdicts.contention[ix.index()] = stakes.is_contention(ix);
            verdicts.labels[ix.index()] = labelling.label(ix);
        }
        verdicts
    }

    /// These verdicts carried over to another map: `moved[i]` is where the node with index `i`
    /// went (`None`: it was left out). `size` is the number of nodes of the other map.
    pub(crate) fn moved(&self, moved: &[Option<NodeIndex>], size: usize) -> Verdicts {
        let mut out = Verdicts {
            unanswered: vec![false; size],
            contention: vec![false; size],
            labels: vec![Label::Undec; size],
            strengths: self.strengths.moved(moved, size),
        };
        for (old, new) in moved.iter().enumerate() {
            let Some(new) = new.map(|n| n.index()) else {
                continue;
            };
            if let (Some(u), Some(slot)) = (self.unanswered.get(old), out.unanswered.get_mut(new)) {
                *slot = *u;
            }
            if let (Some(c), Some(slot)) = (self.contention.get(old), out.contention.get_mut(new)) {
                *slot = *c;
            }
            if let (Some(l), Some(slot)) = (self.labels.get(old), out.labels.get_mut(new)) {
                *slot = *l;
            }
        }
        out
    }

    /// How many nodes these verdicts are about.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.labels.len()
    }

    /// The node's grounded label (`Undec` for a node the verdicts do not know).
    pub fn label(&self, ix: NodeIndex) -> Label {
        self.labels.get(ix.index()).copied().unwrap_or(Label::Undec)
    }

    /// Every node's DF-QuAD strength.
    pub fn strengths(&self) -> &Strengths {
        &self.strengths
    }

    /// The node's DF-QuAD strength, from 0 to 1.
    pub fn strength(&self, ix: NodeIndex) -> f64 {
        self.strengths.get(ix)
    }

    /// Whether the node is unanswered (`false` for a node the verdicts do not know).
    pub fn is_unanswered(&self, ix: NodeIndex) -> bool {
        self.unanswered.get(ix.index()).copied().unwrap_or(false)
    }

    /// Whether the node is a contention no opponent answered: a point its camp's case rests
    /// on (a thesis, or a point with reasons of its own) that is unanswered. Drawings mark
    /// these, not every unanswered evidence leaf.
    pub fn is_open_contention(&self, ix: NodeIndex) -> bool {
        self.is_unanswered(ix) && self.contention.get(ix.index()).copied().unwrap_or(false)
    }

    /// The unanswered nodes of `map`, in map order.
    pub fn unanswered_in_order(&self, map: &Map) -> Vec<NodeIndex> {
        map.nodes()
            .map(|(ix, _)| ix)
            .filter(|&ix| self.is_unanswered(ix))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::filter::Filter;
    use crate::model::Relation;

    #[test]
    fn a_whole_map_is_judged_on_its_own() {
        let (map, [c, r, u]) = Map::of(
            [("[C]", "pro"), ("<R>", "con"), ("<U>", "pro")],
            &[
                ("<R>", Relation::Rebuts, "[C]"),
                ("<U>", Relation::Undercuts, "<R>"),
            ],
        );
        let v = Verdicts::whole(&map);
        assert_eq!(v.len(), 3);
        assert_eq!(
            [v.label(c), v.label(r), v.label(u)],
            [Label::In, Label::Out, Label::In]
        );
        assert_eq!(v.unanswered_in_order(&map), [u]);
        assert!(!v.is_unanswered(c) && !v.is_unanswered(r));
        assert_eq!(v.label(NodeIndex::new(7)), Label::Undec);
        assert!(!v.is_unanswered(NodeIndex::new(7)));
    }

    #[test]
    fn a_part_keeps_the_whole_maps_verdicts() {
        let (map, _) = Map::of(
            [("[C]", "pro"), ("<R>", "con")],
            &[("<R>", Relation::Rebuts, "[C]")],
        );
        let part = Filter {
            sides: vec!["pro".into()],
            ..Filter::default()
        }
        .apply(&map)
        .unwrap();
        let alone = Verdicts::whole(&part.map);
        let judged = &part.verdicts;
        let c = part.map.find("[C]").unwrap();
        assert!(alone.is_unanswered(c) && alone.label(c) == Label::In);
        assert!(!judged.is_unanswered(c));
        assert_eq!(judged.label(c), Label::Out);
        // The hidden rebuttal (0.5) still weakens C: 0.5 − 0.5·0.5.
        assert_eq!((alone.strength(c), judged.strength(c)), (0.5, 0.25));
    }
}
