//! Statistics of a map: nodes per kind and side, relations per type, the deepest chain of
//! relations, the share of each side's points answered, and the grounded result per side.
//!
//! The *deepest chain* is the largest number of relations one can follow in a row, as written
//! (from the node that speaks to the node it speaks about: a rebuttal of a support of a claim
//! is a chain of 2). Relations can form cycles, which would make chains endless, so the nodes
//! of each cycle (each strongly connected component) count as a single stop: the depth is the
//! longest path through the graph of components, computed in linear time without recursion.

use petgraph::stable_graph::NodeIndex;

use super::grounded::label_framework;
use super::{sides, unanswered};
use crate::graph::csr::Csr;
use crate::graph::framework::MapFramework;
use crate::graph::scc;
use crate::graph::Label;
use crate::model::{Kind, Map, Relation};

/// Counts for one side (or for the nodes without side).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SideStats {
    /// The side id; `None` for nodes without side.
    pub(crate) side: Option<String>,
    pub(crate) nodes: usize,
    /// Claims, supports, rebuttals.
    pub(crate) kinds: [usize; 3],
    /// Points answered by another side (see [`unanswered`]).
    pub(crate) answered: usize,
    /// In, out, undecided under grounded semantics.
    pub(crate) grounded: [usize; 3],
}

/// The longest chain of relations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Chain {
    /// How many relations it follows.
    pub(crate) relations: usize,
    /// Where it starts and ends (`None` for a map without relations).
    pub(crate) from: Option<NodeIndex>,
    pub(crate) to: Option<NodeIndex>,
}

/// The statistics of a map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stats {
    pub(crate) nodes: usize,
    pub(crate) relations: usize,
    /// Claims, supports, rebuttals over the whole map.
    pub(crate) kinds: [usize; 3],
    /// Supports, rebuts, undercuts, contradicts.
    pub(crate) relation_types: [usize; 4],
    pub(crate) sides: Vec<SideStats>,
    pub(crate) deepest: Chain,
    /// Nodes that lie on a cycle of relations (a node related to itself included).
    pub(crate) on_cycles: usize,
}

fn kind_slot(k: Kind) -> usize {
    match k {
        Kind::Claim => 0,
        Kind::Support => 1,
        Kind::Rebuttal => 2,
    }
}

/// The relation types in display order.
pub(crate) const RELATIONS: [Relation; 4] = [
    Relation::Supports,
    Relation::Rebuts,
    Relation::Undercuts,
    Relation::Contradicts,
];

/// Computes the statistics of `map` in time linear in nodes + relations.
pub fn stats(map: &Map) -> Stats {
    let mf = MapFramework::new(map).unwrap_or_default();
    let grounded = label_framework(&mf.framework);
    let mut kinds = [0; 3];
    let mut sides_out = Vec::new();
    let camps = super::camps::Camps::of(map);
    for group in sides::by_side(map, map.nodes().map(|(ix, _)| ix)) {
        let mut s = SideStats {
            side: group.side.clone(),
            nodes: group.nodes.len(),
            kinds: [0; 3],
            answered: 0,
            grounded: [0; 3],
        };
        for &ix in &group.nodes {
            let k = kind_slot(map.kind(ix));
            s.kinds[k] += 1;
            kinds[k] += 1;
            if unanswered::is_answered(map, &camps, ix) {
                s.answered += 1;
            }
            let label = mf.arg(ix).map_or(Label::Undec, |a| grounded.label(a));
            s.grounded[label as usize] += 1;
        }
        sides_out.push(s);
    }
    let mut relation_types = [0; 4];
    for (_, _, e) in map.edges() {
        if let Some(k) = RELATIONS.iter().position(|&r| r == e.relation) {
            relation_types[k] += 1;
        }
    }
    let (deepest, on_cycles) = deepest_chain(map, &mf);
    Stats {
        nodes: map.node_count(),
        relations: map.edge_count(),
        kinds,
        relation_types,
        sides: sides_out,
        deepest,
        on_cycles,
    }
}

/// The longest path through the components of the relation graph, and how many nodes lie on
/// cycles.
fn deepest_chain(map: &Map, mf: &MapFramework) -> (Chain, usize) {
    let n = mf.nodes().len();
    let (mut from, mut to) = (Vec::new(), Vec::new());
    for (a, b, _) in map.edges() {
        if let (Some(x), Some(y)) = (mf.arg(a), mf.arg(b)) {
            from.push(x);
            to.push(y);
        }
    }
    let graph = Csr::from_pairs(n, &from, &to).unwrap_or_default();
    let comps = scc::components(&graph, |_| true);
    let c = comps.count();
    let on_cycles = (0..n as u32)
        .filter(|&u| {
            let k = comps.get(u) as usize;
            comps.size.get(k).is_some_and(|&s| s > 1) || graph.row(u).binary_search(&u).is_ok()
        })
        .count();
    // First node (in map order) of each component, its representative.
    let mut first = vec![u32::MAX; c];
    for u in 0..n as u32 {
        let k = comps.get(u) as usize;
        if first[k] == u32::MAX {
            first[k] = u;
        }
    }
    // depth[k]: the longest chain ending in component k; start[k]: where it starts.
    let mut depth = vec![0usize; c];
    let mut start: Vec<u32> = (0..c as u32).collect();
    // Components are numbered so that edges go from higher to lower numbers: visiting them from
    // the highest down visits every chain in order. Edges are grouped by their source node.
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); c];
    for u in 0..n as u32 {
        members[comps.get(u) as usize].push(u);
    }
    for k in (0..c).rev() {
        for &u in &members[k] {
            for &v in graph.row(u) {
                let d = comps.get(v) as usize;
                if d != k && depth[k] + 1 > depth[d] {
                    depth[d] = depth[k] + 1;
                    start[d] = start[k];
                }
            }
        }
    }
    let best = (0..c).max_by_key(|&k| (depth[k], std::cmp::Reverse(k)));
    let chain = match best {
        Some(k) if depth[k] > 0 => Chain {
            relations: depth[k],
            from: mf.node(first[start[k] as usize]),
            to: mf.node(first[k]),
        },
        _ => Chain {
            relations: 0,
            from: None,
            to: None,
        },
    };
    (chain, on_cycles)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edge, Node, Side};

    #[test]
    fn counts_and_the_deepest_chain() {
        let mut map = Map::new();
        map.sides.push(Side {
            id: "pro".into(),
            label: "Pro".into(),
            color: None,
        });
        let mut add = |n: Node| map.add_node(n).unwrap();
        let c = add(Node::statement("C", "").with_side("pro"));
        let s = add(Node::argument("S", "").with_side("pro"));
        let r = add(Node::argument("R", ""));
        let u = add(Node::argument("U", "").with_side("pro"));
        let x = add(Node::statement("X", ""));
        let y = add(Node::statement("Y", ""));
        map.add_edge(s, c, Edge::new(Relation::Supports));
        map.add_edge(r, s, Edge::new(Relation::Rebuts));
        map.add_edge(u, r, Edge::new(Relation::Undercuts));
        // A cycle X <-> Y feeding into U: counts as one stop.
        map.add_edge(x, y, Edge::new(Relation::Rebuts));
        map.add_edge(y, x, Edge::new(Relation::Rebuts));
        map.add_edge(y, u, Edge::new(Relation::Supports));
        let st = stats(&map);
        assert_eq!(st.nodes, 6);
        assert_eq!(st.kinds, [1, 1, 4]);
        assert_eq!(st.relation_types, [2, 3, 1, 0]);
        assert_eq!(st.on_cycles, 2);
        assert_eq!(
            st.deepest,
            Chain {
                relations: 4,
                from: Some(x),
                to: Some(c)
            }
        );
        let pro = &st.sides[0];
        assert_eq!((pro.nodes, pro.kinds, pro.answered), (3, [1, 1, 1], 1));
        // U stands, so R falls and S is reinstated; X and Y rebut each other: undecided.
        assert_eq!(pro.grounded, [3, 0, 0]);
        assert_eq!(st.sides[1].side, None);
        assert_eq!(st.sides[1].grounded, [0, 1, 2]);
    }
}
