//! Grouping nodes by side, in the order a reader expects: the sides as the frontmatter declares
//! them, then sides used but never declared (in order of first use), then nodes without a side.

use petgraph::stable_graph::NodeIndex;

use crate::model::Map;

/// The nodes of one side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Group {
    /// The side's id; `None` for the nodes without a side.
    pub(crate) side: Option<String>,
    /// The nodes, in the order given.
    pub(crate) nodes: Vec<NodeIndex>,
}

/// `nodes` grouped by side (see the module documentation); empty groups are left out.
pub(crate) fn by_side(map: &Map, nodes: impl IntoIterator<Item = NodeIndex>) -> Vec<Group> {
    let mut groups: Vec<Group> = map
        .sides
        .iter()
        .map(|s| Group {
            side: Some(s.id.clone()),
            nodes: Vec::new(),
        })
        .collect();
    let mut none = Vec::new();
    for ix in nodes {
        match &map.node(ix).side {
            None => none.push(ix),
            Some(side) => match groups
                .iter_mut()
                .find(|g| g.side.as_deref() == Some(side.as_str()))
            {
                Some(g) => g.nodes.push(ix),
                None => groups.push(Group {
                    side: Some(side.to_string()),
                    nodes: vec![ix],
                }),
            },
        }
    }
    groups.push(Group {
        side: None,
        nodes: none,
    });
    groups.retain(|g| !g.nodes.is_empty());
    groups
}

/// A map with three declared sides (`pro` labelled, `con` not, `mod` unused) and five nodes:
/// `A` without a side, `B` and `E` of `con`, `C` of the undeclared `zzz`, `D` of `pro`.
#[cfg(test)]
pub(crate) fn sample() -> (Map, [NodeIndex; 5]) {
    use crate::model::{Node, Side};
    let mut map = Map::new();
    for (id, label) in [("pro", "Supporters"), ("con", "con"), ("mod", "Moderators")] {
        map.sides.push(Side {
            id: id.into(),
            label: label.into(),
            color: None,
        });
    }
    let a = map.add_node(Node::statement("A", "")).unwrap();
    let b = map
        .add_node(Node::statement("B", "").with_side("con"))
        .unwrap();
    let c = map
        .add_node(Node::statement("C", "").with_side("zzz"))
        .unwrap();
    let d = map
        .add_node(Node::statement("D", "").with_side("pro"))
        .unwrap();
    let e = map
        .add_node(Node::statement("E", "").with_side("con"))
        .unwrap();
    (map, [a, b, c, d, e])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_order_then_undeclared_then_none() {
        let (map, [a, b, c, d, e]) = sample();
        let groups = by_side(&map, [a, b, c, d, e]);
        let shape: Vec<(Option<&str>, Vec<NodeIndex>)> = groups
            .iter()
            .map(|g| (g.side.as_deref(), g.nodes.clone()))
            .collect();
        assert_eq!(
            shape,
            vec![
                (Some("pro"), vec![d]),
                (Some("con"), vec![b, e]),
                (Some("zzz"), vec![c]),
                (None, vec![a]),
            ]
        );
    }
}
