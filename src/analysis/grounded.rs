//! Grounded labelling (Dung 1995) of a map's or framework's attack graph.
//!
//! The grounded labelling is the most sceptical reading of a debate: a point stands (`in`) when
//! everything that attacks it falls; it falls (`out`) when something that stands attacks it;
//! whatever this does not settle is undecided (`undec`), typically points caught in a cycle of
//! rebuttals. It is computed in time linear in arguments + attacks, without recursion: points
//! nobody attacks stand; what they attack falls; an argument all of whose attackers fell stands,
//! and so on, with a queue and a counter of live attackers per argument.
//!
//! On a map, the attacks are the `rebuts` and `undercuts` edges and both directions of each
//! `contradicts` edge (see [`MapFramework`]).

use petgraph::stable_graph::NodeIndex;

use crate::graph::framework::{Framework, MapFramework};
use crate::graph::Label;
use crate::model::Map;

/// Marks "no argument" in [`Grounded::defeated_by`].
pub(crate) const NOBODY: u32 = u32::MAX;

/// The grounded labelling of a [`Framework`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grounded {
    /// The label of each argument.
    pub(crate) labels: Vec<Label>,
    /// For an `out` argument, the `in` attacker that made it fall first; [`NOBODY`] otherwise.
    pub(crate) defeated_by: Vec<u32>,
}

impl Grounded {
    /// The label of argument `a` (`Undec` when out of range).
    pub fn label(&self, a: u32) -> Label {
        self.labels.get(a as usize).copied().unwrap_or(Label::Undec)
    }

    /// The grounded extension: the arguments labelled `in`, in increasing order.
    pub fn extension(&self) -> Vec<u32> {
        self.with(Label::In)
    }

    /// The arguments with label `label`, in increasing order.
    pub fn with(&self, label: Label) -> Vec<u32> {
        (0..self.labels.len() as u32)
            .filter(|&a| self.labels[a as usize] == label)
            .collect()
    }

    /// How many arguments have each label: `[in, out, undec]`.
    pub fn counts(&self) -> [usize; 3] {
        let mut counts = [0; 3];
        for &l in &self.labels {
            counts[l as usize] += 1;
        }
        counts
    }
}

/// The grounded labelling of `fw`, in time linear in arguments + attacks.
pub fn label_framework(fw: &Framework) -> Grounded {
    let n = fw.len();
    let mut labels = vec![Label::Undec; n];
    let mut defeated_by = vec![NOBODY; n];
    // live[a]: attackers of `a` not yet out.
    let mut live: Vec<u32> = (0..n as u32)
        .map(|a| fw.attackers(a).len() as u32)
        .collect();
    let mut queue: Vec<u32> = Vec::new();
    for a in 0..n {
        if live[a] == 0 {
            labels[a] = Label::In;
            queue.push(a as u32);
        }
    }
    let mut head = 0;
    while let Some(&a) = queue.get(head) {
        head += 1;
        for &t in fw.targets(a) {
            // An `in` argument's targets are never `in`: all their attackers were out.
            if labels[t as usize] != Label::Undec {
                continue;
            }
            labels[t as usize] = Label::Out;
            defeated_by[t as usize] = a;
            for &u in fw.targets(t) {
                let count = &mut live[u as usize];
                *count = count.saturating_sub(1);
                if *count == 0 && labels[u as usize] == Label::Undec {
                    labels[u as usize] = Label::In;
                    queue.push(u);
                }
            }
        }
    }
    Grounded {
        labels,
        defeated_by,
    }
}

/// A label for every node of a map.
#[derive(Debug, Clone, Default)]
pub struct Labelling {
    /// By `NodeIndex::index()`.
    labels: Vec<Label>,
}

impl Labelling {
    /// The node's label (`Undec` for a node the labelling does not know).
    pub fn label(&self, ix: NodeIndex) -> Label {
        self.labels.get(ix.index()).copied().unwrap_or(Label::Undec)
    }

    /// The labelling of a map from its framework's labels.
    pub(crate) fn from_framework(mf: &MapFramework, labels: &[Label]) -> Labelling {
        let bound = mf
            .nodes()
            .iter()
            .map(|ix| ix.index() + 1)
            .max()
            .unwrap_or(0);
        let mut out = vec![Label::Undec; bound];
        for (ix, &label) in mf.nodes().iter().zip(labels) {
            out[ix.index()] = label;
        }
        Labelling { labels: out }
    }
}

/// The grounded labelling of `map`, whose attacks are its `rebuts`, `undercuts` and
/// `contradicts` edges (the latter both ways). Linear in nodes + edges.
pub fn grounded(map: &Map) -> Labelling {
    match MapFramework::new(map) {
        Ok(mf) => Labelling::from_framework(&mf, &label_framework(&mf.framework).labels),
        // More than 4 billion nodes cannot have been loaded; say nothing stands rather than panic.
        Err(_) => Labelling::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::Label::{In, Out, Undec};
    use super::*;

    /// Grounded labels of the framework with `n` arguments and these attacks.
    fn labels(n: usize, attacks: &[(u32, u32)]) -> Vec<Label> {
        let (from, to): (Vec<u32>, Vec<u32>) = attacks.iter().copied().unzip();
        label_framework(&Framework::from_attacks(n, &from, &to).unwrap()).labels
    }

    #[test]
    fn unattacked_attacker_wins_and_reinstates() {
        // a -> b -> c: a stands, b falls, c is reinstated.
        assert_eq!(labels(3, &[(0, 1), (1, 2)]), vec![In, Out, In]);
    }

    #[test]
    fn chain_of_undercuts_alternates() {
        // a0 -> a1 -> ... -> a5
        let chain: Vec<(u32, u32)> = (0..5).map(|i| (i, i + 1)).collect();
        assert_eq!(labels(6, &chain), vec![In, Out, In, Out, In, Out]);
    }

    #[test]
    fn even_cycle_is_undecided() {
        assert_eq!(labels(2, &[(0, 1), (1, 0)]), vec![Undec, Undec]);
        assert_eq!(labels(4, &[(0, 1), (1, 2), (2, 3), (3, 0)]), vec![Undec; 4]);
    }

    #[test]
    fn odd_cycle_is_undecided() {
        assert_eq!(labels(3, &[(0, 1), (1, 2), (2, 0)]), vec![Undec; 3]);
    }

    #[test]
    fn self_attack_is_undecided_and_its_target_too() {
        // a -> a, a -> b
        assert_eq!(labels(2, &[(0, 0), (0, 1)]), vec![Undec, Undec]);
    }

    #[test]
    fn an_attacked_self_attacker_falls() {
        // c -> a, a -> a, a -> b: c stands, a falls, b is reinstated.
        assert_eq!(labels(3, &[(2, 0), (0, 0), (0, 1)]), vec![Out, In, In]);
    }

    #[test]
    fn unattacked_attacker_breaks_a_cycle() {
        // Dung (1995), the Nixon-like pair a <-> b attacked from outside: c -> a.
        assert_eq!(labels(3, &[(0, 1), (1, 0), (2, 0)]), vec![Out, In, In]);
    }

    #[test]
    fn reinstatement_then_a_cycle_then_a_self_attack() {
        // a -> b -> c <-> d -> e -> e: a stands, b falls; c and d attack each other, so neither
        // is settled, and e (attacked by the undecided d and by itself) stays undecided too.
        let l = labels(5, &[(0, 1), (1, 2), (2, 3), (3, 2), (3, 4), (4, 4)]);
        assert_eq!(l, vec![In, Out, Undec, Undec, Undec]);
    }

    #[test]
    fn nixon_diamond() {
        // Dung (1995): "Nixon is a pacifist because he is a quaker" and "Nixon is not a pacifist
        // because he is a republican" attack each other; the grounded labelling decides nothing.
        assert_eq!(labels(2, &[(0, 1), (1, 0)]), vec![Undec, Undec]);
    }

    /// The grounded extension by its definition: iterate the characteristic function from the
    /// empty set (`S' = {a | every attacker of a is attacked by S}`) to its least fixed point;
    /// `out` = attacked by it, `undec` = the rest.
    fn by_definition(n: usize, attacks: &[(u32, u32)]) -> Vec<Label> {
        let mut s = vec![false; n];
        loop {
            let attacked =
                |s: &[bool], b: u32| attacks.iter().any(|&(x, y)| y == b && s[x as usize]);
            let next: Vec<bool> = (0..n as u32)
                .map(|a| {
                    attacks
                        .iter()
                        .filter(|&&(_, y)| y == a)
                        .all(|&(x, _)| attacked(&s, x))
                })
                .collect();
            if next == s {
                return (0..n as u32)
                    .map(|a| {
                        if s[a as usize] {
                            In
                        } else if attacked(&s, a) {
                            Out
                        } else {
                            Undec
                        }
                    })
                    .collect();
            }
            s = next;
        }
    }

    proptest::proptest! {
        #[test]
        fn agrees_with_the_definition(
            n in 1usize..12,
            raw in proptest::collection::vec((0u32..12, 0u32..12), 0..30),
        ) {
            let attacks: Vec<(u32, u32)> = raw
                .into_iter()
                .filter(|&(a, b)| (a as usize) < n && (b as usize) < n)
                .collect();
            proptest::prop_assert_eq!(labels(n, &attacks), by_definition(n, &attacks));
        }
    }

    #[test]
    fn map_labelling_follows_node_indices() {
        use crate::model::Relation;
        let (map, [claim, reb, und, sup]) = Map::of(
            [("[C]", ""), ("<R>", ""), ("<U>", ""), ("<S>", "")],
            &[
                ("<R>", Relation::Rebuts, "[C]"),
                ("<U>", Relation::Undercuts, "<R>"),
                ("<S>", Relation::Supports, "[C]"),
            ],
        );
        let l = grounded(&map);
        assert_eq!(
            [l.label(claim), l.label(reb), l.label(und), l.label(sup)],
            [In, Out, In, In]
        );
        assert_eq!(l.label(NodeIndex::new(99)), Undec);
    }
}
