//! Grounded labelling (Dung 1995) of the map's attack graph. PLACEHOLDER: the analysis helper
//! replaces the body; the signatures below are the contract other modules code against.

use petgraph::stable_graph::NodeIndex;

use crate::model::Map;

/// The status of a node under a labelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Label {
    /// Stands.
    In,
    /// Falls.
    Out,
    /// Undecided.
    Undec,
}

/// A label for every node of a map.
#[derive(Debug, Clone, Default)]
pub struct Labelling {
    labels: std::collections::HashMap<NodeIndex, Label>,
}

impl Labelling {
    /// The node's label (`Undec` for a node the labelling does not know).
    pub fn label(&self, ix: NodeIndex) -> Label {
        self.labels.get(&ix).copied().unwrap_or(Label::Undec)
    }
}

/// The grounded labelling of `map`, whose attacks are its `rebuts`, `undercuts` and
/// `contradicts` edges.
pub fn grounded(_map: &Map) -> Labelling {
    Labelling::default()
}
