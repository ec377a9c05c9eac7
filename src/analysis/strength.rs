//! Strength: a gradual semantics in which supports raise and attacks lower a point's strength,
//! a number from 0 to 1. Grounded semantics ignores supports; strength counts them.
//!
//! The semantics is DF-QuAD (Rago, Toni, Aurisicchio and Baroni, *Discontinuity-Free Decision
//! Support with Quantitative Argumentation Debates*, KR 2016):
//!
//! - Each point starts from a **base score** `v0`: its `{weight: x}` (a number from 0 to 1),
//!   else 0.5.
//! - The strengths `v1..vn` of its attackers combine into `va = 1 − Π(1 − vi)` (0 when none);
//!   its supporters' into `vs` the same way. A strong attacker counts nearly fully; many weak
//!   ones add up without exceeding 1.
//! - Its strength is `v0 − v0·(va − vs)` when `va ≥ vs` (attacks win: it falls towards 0), and
//!   `v0 + (1 − v0)·(vs − va)` otherwise (supports win: it rises towards 1).
//!
//! Attacks are `rebuts` and `undercuts` (from the attacking node to the node it attacks) and
//! `contradicts` read both ways; supports are `supports`. A relation written twice counts once.
//!
//! **Acyclic maps** take one pass: the points are taken so that every attacker and supporter
//! comes before the point it bears on. **Cycles** (points that attack or support each other,
//! directly or through others) have no such order. Each group of points on a cycle (a strongly
//! connected component) is solved on its own, after everything outside it that bears on it:
//! starting from the base scores, every point of the group is updated from the others' last
//! values, for at most [`ROUNDS`] rounds, until no strength moves by more than [`TOLERANCE`].
//! A group that has not settled then gets [`ROUNDS`] more rounds in which each point moves only
//! halfway to its new value (which settles the oscillations a plain update can fall into, e.g.
//! two points of base 1 that attack each other). A group that still has not settled is reported
//! ([`Strengths::unsettled`]) with its last values. Time: linear in points + relations on
//! acyclic maps; each cycle costs at most `2 × ROUNDS` passes over its own relations.

use petgraph::stable_graph::NodeIndex;

use crate::graph::csr::Csr;
use crate::graph::scc;
use crate::model::{Map, Node, Relation};

/// The base score of a point without `{weight: x}`.
pub const DEFAULT_BASE: f64 = 0.5;
/// The most rounds of plain updates, then of halfway updates, on one cycle.
pub const ROUNDS: usize = 1000;
/// A cycle has settled when no strength moved by more than this in the last round.
pub const TOLERANCE: f64 = 1e-9;

/// A node's base score: its `weight` when that is a number from 0 to 1; a number outside,
/// infinities included, is clamped to 0 or 1; anything else (a word, NaN) gives
/// [`DEFAULT_BASE`].
pub fn base_score(node: &Node) -> f64 {
    match node.data.get("weight").and_then(weight_number) {
        Some(w) if !w.is_nan() => w.clamp(0.0, 1.0),
        _ => DEFAULT_BASE,
    }
}

/// A weight written as a number, or as a text holding one (YAML reads `.5` as a number, but
/// `"0.5"` stays a text; YAML's `.inf` and `-.inf` are infinities).
fn weight_number(v: &serde_json::Value) -> Option<f64> {
    v.as_f64().or_else(|| {
        let text = v.as_str()?.trim();
        match text.to_ascii_lowercase().as_str() {
            ".inf" | "+.inf" => Some(f64::INFINITY),
            "-.inf" => Some(f64::NEG_INFINITY),
            _ => text.parse().ok(),
        }
    })
}

/// DF-QuAD's aggregation of strengths: `1 − Π(1 − vi)`, 0 for none.
pub fn aggregate(strengths: impl IntoIterator<Item = f64>) -> f64 {
    1.0 - strengths.into_iter().fold(1.0, |acc, v| acc * (1.0 - v))
}

/// DF-QuAD's combination of a base score with the attack and support aggregates.
pub fn combine(base: f64, attack: f64, support: f64) -> f64 {
    if attack >= support {
        base - base * (attack - support)
    } else {
        base + (1.0 - base) * (support - attack)
    }
}

/// A bipolar framework: points `0..n` with base scores, attacks and supports.
#[derive(Debug, Clone, Default)]
pub(crate) struct Bipolar {
    pub(crate) base: Vec<f64>,
    /// Row `b`: the points attacking `b` (sorted, each once).
    pub(crate) attackers: Csr,
    /// Row `b`: the points supporting `b` (sorted, each once).
    pub(crate) supporters: Csr,
}

impl Bipolar {
    /// The framework of `base.len()` points with these `(from, to)` attacks and supports.
    pub(crate) fn new(base: Vec<f64>, attacks: &[(u32, u32)], supports: &[(u32, u32)]) -> Bipolar {
        let rows = |pairs: &[(u32, u32)]| {
            // Rows by target: the transpose of from -> to.
            let (to, from): (Vec<u32>, Vec<u32>) = pairs.iter().map(|&(a, b)| (b, a)).unzip();
            Csr::from_pairs(base.len(), &to, &from).unwrap_or_default()
        };
        let (attackers, supporters) = (rows(attacks), rows(supports));
        Bipolar {
            base,
            attackers,
            supporters,
        }
    }

    /// The framework of `map`: point `i` is the `i`-th node in map order (the order of
    /// [`Map::nodes`]).
    pub(crate) fn of_map(map: &Map) -> Bipolar {
        let nodes: Vec<NodeIndex> = map.nodes().map(|(ix, _)| ix).collect();
        let mut local = vec![u32::MAX; nodes.iter().map(|ix| ix.index() + 1).max().unwrap_or(0)];
        for (i, ix) in nodes.iter().enumerate() {
            local[ix.index()] = i as u32;
        }
        let base = nodes.iter().map(|&ix| base_score(map.node(ix))).collect();
        let (mut attacks, mut supports) = (Vec::new(), Vec::new());
        for (a, b, e) in map.edges() {
            let (x, y) = (local[a.index()], local[b.index()]);
            match e.relation {
                Relation::Supports => supports.push((x, y)),
                Relation::Rebuts | Relation::Undercuts => attacks.push((x, y)),
                Relation::Contradicts => {
                    attacks.push((x, y));
                    attacks.push((y, x));
                }
            }
        }
        Bipolar::new(base, &attacks, &supports)
    }

    /// How many points.
    pub(crate) fn len(&self) -> usize {
        self.base.len()
    }

    /// Point `b`'s strength from the current `values` of the points bearing on it.
    fn update(&self, b: u32, values: &[f64]) -> f64 {
        let of = |row: &[u32]| aggregate(row.iter().map(|&a| values[a as usize]));
        let base = self.base[b as usize];
        combine(base, of(self.attackers.row(b)), of(self.supporters.row(b)))
    }

    /// Every point's strength, and the points on cycles that did not settle (see the module
    /// documentation).
    pub(crate) fn solve(&self) -> (Vec<f64>, Vec<u32>) {
        self.solve_within(ROUNDS)
    }

    /// [`Bipolar::solve`] with at most `rounds` rounds of each kind on a cycle.
    fn solve_within(&self, rounds: usize) -> (Vec<f64>, Vec<u32>) {
        let n = self.len();
        // Edges from each point to the points it bears on, for the components.
        let (mut from, mut to) = (Vec::new(), Vec::new());
        for b in 0..n as u32 {
            for &a in self.attackers.row(b).iter().chain(self.supporters.row(b)) {
                from.push(a);
                to.push(b);
            }
        }
        let graph = Csr::from_pairs(n, &from, &to).unwrap_or_default();
        let comps = scc::components(&graph, |_| true);
        // Members of each component; components are numbered so that relations between them
        // go from higher numbers to lower ones: solve from the highest down.
        let mut members: Vec<Vec<u32>> = vec![Vec::new(); comps.count()];
        for p in 0..n as u32 {
            if let Some(m) = members.get_mut(comps.get(p) as usize) {
                m.push(p);
            }
        }
        let mut values = self.base.clone();
        let mut unsettled = Vec::new();
        for group in members.iter().rev() {
            match group.as_slice() {
                [p] if !graph.row(*p).contains(p) => values[*p as usize] = self.update(*p, &values),
                _ => {
                    if !self.settle(group, &mut values, rounds) {
                        unsettled.extend_from_slice(group);
                    }
                }
            }
        }
        unsettled.sort_unstable();
        (values, unsettled)
    }

    /// Iterates the points of one cycle to a fixed point; whether it settled.
    fn settle(&self, group: &[u32], values: &mut [f64], rounds: usize) -> bool {
        let mut next = vec![0.0; group.len()];
        for step in [1.0, 0.5] {
            for _ in 0..rounds {
                for (slot, &p) in next.iter_mut().zip(group) {
                    let old = values[p as usize];
                    *slot = old + step * (self.update(p, values) - old);
                }
                let mut moved = 0.0f64;
                for (&v, &p) in next.iter().zip(group) {
                    moved = moved.max((v - values[p as usize]).abs());
                    values[p as usize] = v;
                }
                if moved <= TOLERANCE {
                    return true;
                }
            }
        }
        false
    }
}

/// Every node's DF-QuAD strength.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Strengths {
    /// By `NodeIndex::index()`.
    values: Vec<f64>,
    /// Nodes on cycles whose strengths did not settle, in map order.
    unsettled: Vec<NodeIndex>,
}

impl Strengths {
    /// The strengths of `map`'s nodes (see the module documentation).
    pub fn of(map: &Map) -> Strengths {
        let nodes: Vec<NodeIndex> = map.nodes().map(|(ix, _)| ix).collect();
        let (local, unsettled) = Bipolar::of_map(map).solve();
        let mut values =
            vec![DEFAULT_BASE; nodes.iter().map(|ix| ix.index() + 1).max().unwrap_or(0)];
        for (ix, v) in nodes.iter().zip(local) {
            values[ix.index()] = v;
        }
        Strengths {
            values,
            unsettled: unsettled
                .into_iter()
                .filter_map(|p| nodes.get(p as usize).copied())
                .collect(),
        }
    }

    /// The node's strength, from 0 to 1 ([`DEFAULT_BASE`] for a node these strengths do not
    /// know).
    pub fn get(&self, ix: NodeIndex) -> f64 {
        self.values.get(ix.index()).copied().unwrap_or(DEFAULT_BASE)
    }

    /// Nodes on cycles whose strengths did not settle (empty on acyclic maps), in map order.
    pub fn unsettled(&self) -> &[NodeIndex] {
        &self.unsettled
    }

    /// These strengths carried over to another map (see `Verdicts::moved`).
    pub(crate) fn moved(&self, moved: &[Option<NodeIndex>], size: usize) -> Strengths {
        let mut values = vec![DEFAULT_BASE; size];
        for (old, new) in moved.iter().enumerate() {
            if let (Some(new), Some(&v)) = (new, self.values.get(old)) {
                if let Some(slot) = values.get_mut(new.index()) {
                    *slot = v;
                }
            }
        }
        let unsettled = self
            .unsettled
            .iter()
            .filter_map(|ix| moved.get(ix.index()).copied().flatten())
            .collect();
        Strengths { values, unsettled }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Relation::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn two_supporters_and_one_attacker_of_a_claim() {
        // The example: vs = 1 − 0.5·0.5 = 0.75, va = 0.5, so 0.5 + 0.5·0.25 = 0.625.
        let (map, [c, s1, s2, a]) = Map::of(
            [("[C]", ""), ("<S1>", ""), ("<S2>", ""), ("<A>", "")],
            &[
                ("<S1>", Supports, "[C]"),
                ("<S2>", Supports, "[C]"),
                ("<A>", Rebuts, "[C]"),
            ],
        );
        let s = Strengths::of(&map);
        assert!(close(s.get(c), 0.625), "{}", s.get(c));
        for leaf in [s1, s2, a] {
            assert!(close(s.get(leaf), 0.5));
        }
        assert!(s.unsettled().is_empty());
    }

    #[test]
    fn a_chain_with_weights_computed_by_hand() {
        // D (0.8) rebuts B; B (0.6) supports A (0.4); C (1.0) undercuts A.
        // B = 0.6 − 0.6·0.8 = 0.12. A: va = 1.0, vs = 0.12: 0.4 − 0.4·0.88 = 0.048.
        let (mut map, [a, b, c, d]) = Map::of(
            [("[A]", ""), ("<B>", ""), ("<C>", ""), ("<D>", "")],
            &[
                ("<B>", Supports, "[A]"),
                ("<C>", Undercuts, "[A]"),
                ("<D>", Rebuts, "<B>"),
            ],
        );
        for (ix, w) in [(a, 0.4), (b, 0.6), (c, 1.0), (d, 0.8)] {
            map.node_mut(ix).data.insert("weight".into(), w.into());
        }
        let s = Strengths::of(&map);
        assert!(close(s.get(d), 0.8) && close(s.get(c), 1.0));
        assert!(close(s.get(b), 0.12), "{}", s.get(b));
        assert!(close(s.get(a), 0.048), "{}", s.get(a));
    }

    #[test]
    fn the_rago_et_al_example_shape() {
        // A point with a supporter and an attacker of equal strength keeps its base score
        // (va = vs: v0 − v0·0); a supported supporter raises its conclusion further.
        let (map, [a, b, c, d]) = Map::of(
            [("[A]", ""), ("<B>", ""), ("<C>", ""), ("<D>", "")],
            &[
                ("<B>", Supports, "[A]"),
                ("<C>", Rebuts, "[A]"),
                ("<D>", Supports, "<B>"),
            ],
        );
        let s = Strengths::of(&map);
        // B = 0.5 + 0.5·0.5 = 0.75; A: vs = 0.75, va = 0.5: 0.5 + 0.5·0.25 = 0.625.
        assert!(close(s.get(b), 0.75));
        assert!(close(s.get(a), 0.625));
        assert!(close(s.get(c), 0.5) && close(s.get(d), 0.5));
    }

    #[test]
    fn weights_are_read_clamped_and_defaulted() {
        let mut node = Node::statement("A", "");
        assert_eq!(base_score(&node), 0.5);
        node.data.insert("weight".into(), 0.9.into());
        assert_eq!(base_score(&node), 0.9);
        node.data.insert("weight".into(), "0.25".into());
        assert_eq!(base_score(&node), 0.25);
        node.data.insert("weight".into(), 7.into());
        assert_eq!(base_score(&node), 1.0);
        node.data.insert("weight".into(), "heavy".into());
        assert_eq!(base_score(&node), 0.5);
        for (written, base) in [(".inf", 1.0), ("-.inf", 0.0), ("1e400", 1.0), ("NaN", 0.5)] {
            node.data.insert("weight".into(), written.into());
            assert_eq!(base_score(&node), base, "{written}");
        }
    }

    #[test]
    fn cycles_settle_and_oscillations_are_damped() {
        // A and B rebut each other, both base 0.5: the fixed point is x = 0.5 − 0.5·x = 1/3.
        let (map, [a, b]) = Map::of(
            [("[A]", ""), ("[B]", "")],
            &[("[A]", Rebuts, "[B]"), ("[B]", Rebuts, "[A]")],
        );
        let s = Strengths::of(&map);
        assert!(close(s.get(a), 1.0 / 3.0) && close(s.get(b), 1.0 / 3.0));
        assert!(s.unsettled().is_empty());
        // Base 1 both: plain updates jump between (0, 0) and (1, 1); halfway updates reach 0.5.
        let (mut map, [a, b]) = Map::of([("[A]", ""), ("[B]", "")], &[("[A]", Contradicts, "[B]")]);
        for ix in [a, b] {
            map.node_mut(ix).data.insert("weight".into(), 1.into());
        }
        let s = Strengths::of(&map);
        assert!(close(s.get(a), 0.5) && close(s.get(b), 0.5), "{}", s.get(a));
        assert!(s.unsettled().is_empty());
    }

    #[test]
    fn a_cycle_that_does_not_settle_is_reported_with_its_last_values() {
        // A and B of base 1 contradict each other (see the previous test): with one round of
        // each kind, the plain update jumps to (0, 0) and the halfway one to (0.5, 0.5), which
        // still moved by 0.5. C, which A supports, is solved after the cycle, from its values.
        let (mut map, [a, b, _]) = Map::of(
            [("[A]", ""), ("[B]", ""), ("[C]", "")],
            &[("[A]", Contradicts, "[B]"), ("[A]", Supports, "[C]")],
        );
        for ix in [a, b] {
            map.node_mut(ix).data.insert("weight".into(), 1.into());
        }
        let (values, unsettled) = Bipolar::of_map(&map).solve_within(1);
        assert_eq!(unsettled, [0, 1]);
        assert_eq!(values, [0.5, 0.5, 0.75]);
        let (_, unsettled) = Bipolar::of_map(&map).solve_within(2);
        assert!(unsettled.is_empty(), "a second halfway round settles it");
    }

    #[test]
    fn a_cycle_is_solved_after_what_bears_on_it() {
        // E (unattacked, 0.5) rebuts A; A and B support each other.
        // B = 0.5 + 0.5·A; A = 0.5 − 0.5·(0.5 − B) when B ≤ 0.5, else 0.5 + 0.5·(B − 0.5).
        // B ≥ 0.5 always, so A = 0.25 + 0.5·B and B = 0.5 + 0.5·A: A = 2/3, B = 5/6.
        let (map, [a, b, _]) = Map::of(
            [("[A]", ""), ("[B]", ""), ("[E]", "")],
            &[
                ("[A]", Supports, "[B]"),
                ("[B]", Supports, "[A]"),
                ("[E]", Rebuts, "[A]"),
            ],
        );
        let s = Strengths::of(&map);
        assert!(close(s.get(a), 2.0 / 3.0), "{}", s.get(a));
        assert!(close(s.get(b), 5.0 / 6.0), "{}", s.get(b));
    }
}
