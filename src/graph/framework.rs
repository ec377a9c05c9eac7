//! Abstract argumentation frameworks (Dung 1995): `n` arguments numbered `0..n` and an attack
//! relation, held as compact adjacency arrays (see `Csr`).
//!
//! A map becomes a framework by [`MapFramework::new`]: every node is an argument, and the
//! attacks are the map's `rebuts` and `undercuts` edges (from the attacking node to the node it
//! attacks) and its `contradicts` edges read in both directions (each side of a contradiction
//! attacks the other). `supports` edges are not attacks and play no part.

use petgraph::stable_graph::NodeIndex;

use super::csr::{Csr, TooLarge};
use crate::model::{Map, Relation};

/// Arguments `0..n` and who attacks whom.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Framework {
    /// Row `a`: the arguments `a` attacks.
    targets: Csr,
    /// Row `b`: the arguments attacking `b`.
    attackers: Csr,
}

impl Framework {
    /// A framework of `n` arguments where `from[k]` attacks `to[k]`. Repeated attacks count once;
    /// attacks naming an argument `>= n` are dropped (readers check ranges before calling this).
    pub fn from_attacks(n: usize, from: &[u32], to: &[u32]) -> Result<Framework, TooLarge> {
        let targets = Csr::from_pairs(n, from, to)?;
        let attackers = targets.transpose();
        Ok(Framework { targets, attackers })
    }

    /// The number of arguments.
    pub fn len(&self) -> usize {
        self.targets.len()
    }

    /// Whether the framework has no arguments.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The number of (distinct) attacks.
    pub fn attack_count(&self) -> usize {
        self.targets.edge_count()
    }

    /// The arguments `a` attacks, sorted.
    pub(crate) fn targets(&self, a: u32) -> &[u32] {
        self.targets.row(a)
    }

    /// The arguments attacking `b`, sorted.
    pub(crate) fn attackers(&self, b: u32) -> &[u32] {
        self.attackers.row(b)
    }

    /// Whether `a` attacks `b`.
    pub(crate) fn attacks(&self, a: u32, b: u32) -> bool {
        self.targets(a).binary_search(&b).is_ok()
    }

    /// Every attack `(a, b)`, by attacker then target.
    pub(crate) fn attack_pairs(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        (0..self.len() as u32).flat_map(move |a| self.targets(a).iter().map(move |&b| (a, b)))
    }

    /// The attack graph as adjacency rows (row `a`: what `a` attacks).
    pub(crate) fn target_rows(&self) -> &Csr {
        &self.targets
    }
}

/// A map's framework with the correspondence between arguments and map nodes: argument `i` is
/// the `i`-th node of the map in map order.
#[derive(Debug, Clone, Default)]
pub struct MapFramework {
    /// The attack framework, one argument per map node.
    pub framework: Framework,
    /// The node of each argument.
    nodes: Vec<NodeIndex>,
    /// The argument of each node, by `NodeIndex::index()` (`u32::MAX` for a removed index).
    args: Vec<u32>,
}

impl MapFramework {
    /// The framework of `map` (see the module documentation for what counts as an attack).
    pub fn new(map: &Map) -> Result<MapFramework, TooLarge> {
        let nodes: Vec<NodeIndex> = map.nodes().map(|(ix, _)| ix).collect();
        let bound = nodes.iter().map(|ix| ix.index() + 1).max().unwrap_or(0);
        let mut args = vec![u32::MAX; bound];
        for (i, ix) in nodes.iter().enumerate() {
            args[ix.index()] = i as u32;
        }
        let arg = |ix: NodeIndex| args.get(ix.index()).copied().unwrap_or(u32::MAX);
        let mut from = Vec::with_capacity(map.edge_count());
        let mut to = Vec::with_capacity(map.edge_count());
        for (a, b, edge) in map.edges() {
            match edge.relation {
                Relation::Supports => {}
                Relation::Rebuts | Relation::Undercuts => {
                    from.push(arg(a));
                    to.push(arg(b));
                }
                Relation::Contradicts => {
                    from.extend([arg(a), arg(b)]);
                    to.extend([arg(b), arg(a)]);
                }
            }
        }
        let framework = Framework::from_attacks(nodes.len(), &from, &to)?;
        Ok(MapFramework {
            framework,
            nodes,
            args,
        })
    }

    /// The map node of argument `i`.
    pub(crate) fn node(&self, i: u32) -> Option<NodeIndex> {
        self.nodes.get(i as usize).copied()
    }

    /// The argument of map node `ix`.
    pub(crate) fn arg(&self, ix: NodeIndex) -> Option<u32> {
        self.args
            .get(ix.index())
            .copied()
            .filter(|&a| a != u32::MAX)
    }

    /// Every node, in argument order.
    pub(crate) fn nodes(&self) -> &[NodeIndex] {
        &self.nodes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attacks_come_from_rebuts_undercuts_and_both_ways_of_contradicts() {
        let (map, [_, _, c, d]) = Map::of(
            [("[A]", ""), ("<B>", ""), ("<C>", ""), ("[D]", "")],
            &[
                ("<B>", Relation::Rebuts, "[A]"),
                ("<C>", Relation::Undercuts, "<B>"),
                ("<C>", Relation::Supports, "[A]"),
                ("[A]", Relation::Contradicts, "[D]"),
            ],
        );
        let mf = MapFramework::new(&map).unwrap();
        let fw = &mf.framework;
        let pairs: Vec<(u32, u32)> = fw.attack_pairs().collect();
        assert_eq!(pairs, vec![(0, 3), (1, 0), (2, 1), (3, 0)]);
        assert_eq!(fw.attackers(0), &[1, 3]);
        assert_eq!(mf.node(3), Some(d));
        assert_eq!(mf.arg(c), Some(2));
        assert!(fw.attacks(2, 1) && !fw.attacks(1, 2));
    }
}
