//! The verdicts a drawing shows on each node (unanswered or not, and its grounded status). When
//! the drawing shows only part of a map (after the filters), the verdicts come from the whole map:
//! a point answered by a node that the filters hide is still answered.

use std::collections::{HashMap, HashSet};

use petgraph::stable_graph::NodeIndex;

use crate::analysis::filter::Verdicts;
use crate::analysis::grounded;
use crate::analysis::unanswered;
use crate::graph::Label;
use crate::model::Map;

/// Each drawn node's verdicts.
#[derive(Debug, Clone, Default)]
pub struct Judged {
    unanswered: HashSet<NodeIndex>,
    labels: HashMap<NodeIndex, Label>,
}

impl Judged {
    /// The verdicts on `map`'s nodes: from `whole` (the whole map's, by node id) where given,
    /// else computed on `map` itself.
    pub fn of(map: &Map, whole: Option<&Verdicts>) -> Judged {
        match whole {
            Some(v) => Judged {
                unanswered: map
                    .nodes()
                    .filter(|(_, n)| v.unanswered.contains(&n.id))
                    .map(|(ix, _)| ix)
                    .collect(),
                labels: map
                    .nodes()
                    .filter_map(|(ix, n)| v.labels.get(&n.id).map(|&l| (ix, l)))
                    .collect(),
            },
            None => {
                let labelling = grounded::grounded(map);
                Judged {
                    unanswered: unanswered::unanswered(map).into_iter().collect(),
                    labels: map
                        .nodes()
                        .map(|(ix, _)| (ix, labelling.label(ix)))
                        .collect(),
                }
            }
        }
    }

    /// The node's grounded label (`Undec` for a node the verdicts do not know).
    pub fn label(&self, ix: NodeIndex) -> Label {
        self.labels.get(&ix).copied().unwrap_or(Label::Undec)
    }

    pub fn is_unanswered(&self, ix: NodeIndex) -> bool {
        self.unanswered.contains(&ix)
    }

    /// The unanswered nodes, in map order.
    pub fn unanswered_in_order(&self, map: &Map) -> Vec<NodeIndex> {
        map.nodes()
            .map(|(ix, _)| ix)
            .filter(|ix| self.unanswered.contains(ix))
            .collect()
    }
}

/// The marker and its colour for a grounded status, and the word for it.
pub fn status_marker(label: Label) -> (&'static str, &'static str, &'static str) {
    match label {
        Label::In => ("✓", "#1b7837", "stands"),
        Label::Out => ("✗", "#b2182b", "falls"),
        Label::Undec => ("?", "#6f6f6f", "undecided"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::filter::{Filter, Selection};
    use crate::model::Relation;

    #[test]
    fn a_part_keeps_the_whole_maps_verdicts() {
        let (map, _) = Map::of(
            [("[C]", "pro"), ("<R>", "con")],
            &[("<R>", Relation::Rebuts, "[C]")],
        );
        let whole = Verdicts::of(&map, &Selection::all(&map));
        let part = Filter {
            sides: vec!["pro".into()],
            ..Filter::default()
        }
        .apply(&map)
        .unwrap();
        let alone = Judged::of(&part.map, None);
        let judged = Judged::of(&part.map, Some(&whole));
        let c = part.map.find("[C]").unwrap();
        assert!(alone.is_unanswered(c) && alone.label(c) == Label::In);
        assert!(!judged.is_unanswered(c));
        assert_eq!(judged.label(c), Label::Out);
    }
}
