//! Preferred and stable extensions (Dung 1995), by an exact search.
//!
//! A *preferred* extension is a largest set of points that can be defended together: no point in
//! it attacks another, every attack on a point in it is answered by a point in it, and no point
//! can be added without breaking this. A *stable* extension is a conflict-free set that attacks
//! every point outside it; every stable extension is preferred, and there may be none (an odd
//! cycle of attacks has none).
//!
//! Every preferred extension contains the grounded extension and excludes what grounded
//! semantics rejects, so the search works only on the arguments grounded semantics leaves
//! undecided, with the attacks among them. It is the labelling-based backtracking of Nofal,
//! Atkinson and Dunne (2014), with an explicit stack and a trail of label changes (no recursion,
//! no copies of the labelling): choose an undecided argument, try it `in` (what it attacks goes
//! `out`, its attackers must go out), then try it excluded. Arguments whose attackers are all
//! `out` are taken without branching. The search is exponential in the worst case, so it is
//! bounded by [`Limits`] and stops with a [`SearchError`] beyond them.

use std::collections::BTreeSet;

use super::grounded::Grounded;
use crate::graph::csr::Csr;
use crate::graph::framework::Framework;
use crate::graph::Label;

/// The bounds of the exact search. The defaults handle any hand-made debate map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// At most this many arguments left undecided by grounded semantics.
    pub max_undecided: usize,
    /// At most this many extensions.
    pub max_extensions: usize,
    /// At most this many search steps (choices of an argument).
    pub max_steps: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_undecided: 2_000,
            max_extensions: 1_000,
            max_steps: 1_000_000,
        }
    }
}

/// Which extensions to find.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Semantics {
    /// Preferred extensions: the maximal admissible sets.
    Preferred,
    /// Stable extensions: the conflict-free sets that attack every argument outside them.
    Stable,
}

impl Semantics {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Semantics::Preferred => "preferred",
            Semantics::Stable => "stable",
        }
    }
}

/// The search went beyond its [`Limits`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SearchError {
    #[error("{undecided} arguments are undecided under grounded semantics; the exact search for {} extensions handles at most {limit}", semantics.as_str())]
    /// Grounded semantics left more arguments undecided than the search handles.
    TooManyUndecided {
        /// The semantics searched for.
        semantics: Semantics,
        /// How many arguments grounded semantics left undecided.
        undecided: usize,
        /// The most undecided arguments the search handles.
        limit: usize,
    },
    #[error("there are more than {limit} {} extensions; the search stops there", semantics.as_str())]
    /// More extensions were found than the search returns.
    TooManyExtensions {
        /// The semantics searched for.
        semantics: Semantics,
        /// The most extensions the search returns.
        limit: usize,
    },
    #[error("the search for {} extensions did not finish within {limit} steps", semantics.as_str())]
    /// The search ran out of steps before it finished.
    TooManySteps {
        /// The semantics searched for.
        semantics: Semantics,
        /// The most search steps (choices of an argument) allowed.
        limit: usize,
    },
}

/// The preferred extensions of `fw`, each sorted, in the order found. `grounded` must be the
/// grounded labelling of `fw`. There is always at least one.
pub fn preferred(
    fw: &Framework,
    grounded: &Grounded,
    limits: Limits,
) -> Result<Vec<Vec<u32>>, SearchError> {
    search(fw, grounded, limits, Semantics::Preferred)
}

/// The stable extensions of `fw` (possibly none), each sorted, in the order found.
pub fn stable(
    fw: &Framework,
    grounded: &Grounded,
    limits: Limits,
) -> Result<Vec<Vec<u32>>, SearchError> {
    search(fw, grounded, limits, Semantics::Stable)
}

/// The extensions of `fw` under `semantics`.
pub(crate) fn extensions(
    fw: &Framework,
    grounded: &Grounded,
    semantics: Semantics,
    limits: Limits,
) -> Result<Vec<Vec<u32>>, SearchError> {
    search(fw, grounded, limits, semantics)
}

const BLANK: u8 = 0;
const IN: u8 = 1;
const OUT: u8 = 2;
const MUST_OUT: u8 = 3;
const UNDEC: u8 = 4;

/// The labelling being searched, over the undecided arguments `0..k` (local numbering).
struct State<'a> {
    targets: &'a Csr,
    attackers: &'a Csr,
    label: Vec<u8>,
    /// Attackers still `BLANK`: a `MUST_OUT` argument with none left can never be made `OUT`.
    blank: Vec<u32>,
    /// Attackers not `OUT`: a `BLANK` argument with none left is defended and goes in for free.
    live: Vec<u32>,
    trail: Vec<(u32, u8)>,
    /// The `BLANK` arguments, in order: the next branch is on the first.
    blanks: BTreeSet<u32>,
    /// The `BLANK` arguments with no attacker left that is not `OUT`, in order: the first is
    /// taken without branching. (With `blanks`, each step finds its argument in O(log k)
    /// instead of scanning all k labels.)
    defended: BTreeSet<u32>,
    /// How many arguments carry each label.
    counts: [u32; 5],
    /// Arguments that may have become `MUST_OUT` without a `BLANK` attacker; checked by
    /// [`State::settle`] once a whole step is done (a step may repair what it broke midway).
    suspects: Vec<u32>,
    /// Some `MUST_OUT` argument has no `BLANK` attacker left: no extension below this point.
    dead: bool,
}

impl State<'_> {
    fn set(&mut self, v: u32, new: u8) {
        let old = self.label[v as usize];
        if old == new {
            return;
        }
        self.trail.push((v, old));
        self.label[v as usize] = new;
        self.counts[old as usize] -= 1;
        self.counts[new as usize] += 1;
        if old == BLANK {
            self.blanks.remove(&v);
            self.defended.remove(&v);
        }
        for &t in self.targets.row(v) {
            let t = t as usize;
            if old == BLANK {
                self.blank[t] -= 1;
                if self.blank[t] == 0 {
                    self.suspects.push(t as u32);
                }
            }
            if new == OUT {
                self.live[t] -= 1;
                if self.live[t] == 0 && self.label[t] == BLANK {
                    self.defended.insert(t as u32);
                }
            }
        }
        if new == MUST_OUT {
            self.suspects.push(v);
        }
    }

    /// Ends a step: the branch is dead when a `MUST_OUT` argument has no `BLANK` attacker left.
    fn settle(&mut self) {
        let (label, blank) = (&self.label, &self.blank);
        self.dead = self
            .suspects
            .drain(..)
            .any(|t| label[t as usize] == MUST_OUT && blank[t as usize] == 0);
    }

    fn undo_to(&mut self, mark: usize) {
        while self.trail.len() > mark {
            let Some((v, old)) = self.trail.pop() else {
                break;
            };
            let new = self.label[v as usize];
            self.label[v as usize] = old;
            self.counts[new as usize] -= 1;
            self.counts[old as usize] += 1;
            for &t in self.targets.row(v) {
                if old == BLANK {
                    self.blank[t as usize] += 1;
                }
                if new == OUT {
                    self.live[t as usize] += 1;
                    if self.live[t as usize] == 1 {
                        self.defended.remove(&t);
                    }
                }
            }
            if old == BLANK {
                self.blanks.insert(v);
                if self.live[v as usize] == 0 {
                    self.defended.insert(v);
                }
            }
        }
        self.suspects.clear();
        self.dead = false;
    }

    /// `y` goes in: what it attacks goes out, its other attackers must go out.
    fn take(&mut self, y: u32) {
        self.set(y, IN);
        for &t in self.targets.row(y) {
            self.set(t, OUT);
        }
        for &z in self.attackers.row(y) {
            if matches!(self.label[z as usize], BLANK | UNDEC) {
                self.set(z, MUST_OUT);
            }
        }
        self.settle();
    }

    /// `y` is excluded (kept out of the extension without being attacked yet).
    fn exclude(&mut self, y: u32) {
        self.set(y, UNDEC);
        self.settle();
    }

    /// The next argument to decide: a defended one (no branching needed) or the first blank one.
    fn pick(&self) -> Pick {
        if let Some(&v) = self.defended.first() {
            return Pick::Forced(v);
        }
        self.blanks.first().map_or(Pick::Leaf, |&v| Pick::Branch(v))
    }

    /// Sets the indexes and counts from the labels (once, before the search).
    fn index(&mut self) {
        for (v, &l) in self.label.iter().enumerate() {
            self.counts[l as usize] += 1;
            if l == BLANK {
                self.blanks.insert(v as u32);
                if self.live[v] == 0 {
                    self.defended.insert(v as u32);
                }
            }
        }
    }
}

/// The extensions found so far, indexed by argument: for each argument, a bitset of the
/// extensions (numbered in the order found) that hold it. Whether a new set lies inside one of
/// them is an intersection of its members' bitsets, 64 extensions per word, instead of a
/// comparison with every extension found.
struct Holders {
    sets: Vec<Vec<u64>>,
    count: usize,
}

impl Holders {
    fn new(k: usize) -> Holders {
        Holders {
            sets: vec![Vec::new(); k],
            count: 0,
        }
    }

    /// Whether some extension found holds every `IN` argument of `label`.
    fn cover(&self, label: &[u8]) -> bool {
        let members: Vec<usize> = (0..label.len()).filter(|&v| label[v] == IN).collect();
        let words = self.count.div_ceil(64);
        (0..words).any(|w| {
            let mut all = if w + 1 == words && !self.count.is_multiple_of(64) {
                (1u64 << (self.count % 64)) - 1
            } else {
                u64::MAX
            };
            for &v in &members {
                all &= self.sets[v].get(w).copied().unwrap_or(0);
                if all == 0 {
                    break;
                }
            }
            all != 0
        })
    }

    /// Records the `IN` arguments of `label` as the next extension.
    fn add(&mut self, label: &[u8]) {
        let (word, bit) = (self.count / 64, self.count % 64);
        for (set, _) in self.sets.iter_mut().zip(label).filter(|(_, &l)| l == IN) {
            if set.len() <= word {
                set.resize(word + 1, 0);
            }
            set[word] |= 1 << bit;
        }
        self.count += 1;
    }
}

enum Pick {
    Forced(u32),
    Branch(u32),
    Leaf,
}

fn search(
    fw: &Framework,
    grounded: &Grounded,
    limits: Limits,
    semantics: Semantics,
) -> Result<Vec<Vec<u32>>, SearchError> {
    // The undecided part, renumbered 0..k.
    let undecided = grounded.with(Label::Undec);
    let k = undecided.len();
    if k > limits.max_undecided {
        return Err(SearchError::TooManyUndecided {
            semantics,
            undecided: k,
            limit: limits.max_undecided,
        });
    }
    let mut local = vec![u32::MAX; fw.len()];
    for (i, &a) in undecided.iter().enumerate() {
        local[a as usize] = i as u32;
    }
    let (mut from, mut to) = (Vec::new(), Vec::new());
    for (i, &a) in undecided.iter().enumerate() {
        for &b in fw.targets(a) {
            if let Some(&j) = local.get(b as usize).filter(|&&j| j != u32::MAX) {
                from.push(i as u32);
                to.push(j);
            }
        }
    }
    // k <= max_undecided, far below the 32-bit limit.
    let targets = Csr::from_pairs(k, &from, &to).unwrap_or_default();
    let attackers = targets.transpose();
    let base = grounded.extension();

    let mut state = State {
        targets: &targets,
        attackers: &attackers,
        label: vec![BLANK; k],
        blank: vec![0; k],
        live: (0..k as u32).map(|v| attackers.degree(v) as u32).collect(),
        trail: Vec::new(),
        blanks: BTreeSet::new(),
        defended: BTreeSet::new(),
        counts: [0; 5],
        suspects: Vec::new(),
        dead: false,
    };
    for v in 0..k as u32 {
        if targets.row(v).binary_search(&v).is_ok() {
            state.label[v as usize] = UNDEC;
        }
    }
    state.index();
    for v in 0..k {
        state.blank[v] = attackers
            .row(v as u32)
            .iter()
            .filter(|&&z| state.label[z as usize] == BLANK)
            .count() as u32;
    }

    // Extensions found (local numbering), as membership vectors.
    let mut found: Vec<Vec<bool>> = Vec::new();
    let mut holders = Holders::new(k);
    let mut frames: Vec<(u32, usize)> = Vec::new();
    let mut steps = 0usize;
    'search: loop {
        if !state.dead {
            steps += 1;
            if steps > limits.max_steps {
                return Err(SearchError::TooManySteps {
                    semantics,
                    limit: limits.max_steps,
                });
            }
            match state.pick() {
                Pick::Forced(y) => {
                    state.take(y);
                    continue 'search;
                }
                Pick::Branch(y) => {
                    frames.push((y, state.trail.len()));
                    state.take(y);
                    continue 'search;
                }
                Pick::Leaf => {
                    // An admissible labelling. Leaves have pairwise different `in` sets (two
                    // leaves differ at least in the argument of the choice that parted them).
                    let new = state.counts[MUST_OUT as usize] == 0
                        && match semantics {
                            // Nothing undecided: stable. Stable extensions never contain one
                            // another, so no comparison with those found is needed.
                            Semantics::Stable => state.counts[UNDEC as usize] == 0,
                            // Preferred unless inside one found before (the search finds a
                            // larger set before its subsets).
                            Semantics::Preferred => !holders.cover(&state.label),
                        };
                    if new {
                        if found.len() >= limits.max_extensions {
                            return Err(SearchError::TooManyExtensions {
                                semantics,
                                limit: limits.max_extensions,
                            });
                        }
                        if semantics == Semantics::Preferred {
                            holders.add(&state.label);
                        }
                        found.push(state.label.iter().map(|&l| l == IN).collect());
                    }
                }
            }
        }
        // Backtrack: undo the innermost choice and exclude its argument instead.
        loop {
            let Some((y, mark)) = frames.pop() else {
                break 'search;
            };
            state.undo_to(mark);
            state.exclude(y);
            if !state.dead {
                continue 'search;
            }
        }
    }

    let mut out = Vec::with_capacity(found.len());
    for members in found {
        let mut ext = base.clone();
        ext.extend(
            members
                .iter()
                .zip(&undecided)
                .filter(|(&m, _)| m)
                .map(|(_, &a)| a),
        );
        ext.sort_unstable();
        out.push(ext);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::grounded::label_framework;
    use proptest::prelude::*;

    fn framework(n: usize, attacks: &[(u32, u32)]) -> Framework {
        let (from, to): (Vec<u32>, Vec<u32>) = attacks.iter().copied().unzip();
        Framework::from_attacks(n, &from, &to).unwrap()
    }

    /// Preferred and stable extensions, each sorted, the lists sorted.
    fn both(n: usize, attacks: &[(u32, u32)]) -> (Vec<Vec<u32>>, Vec<Vec<u32>>) {
        let fw = framework(n, attacks);
        let g = label_framework(&fw);
        let mut p = preferred(&fw, &g, Limits::default()).unwrap();
        let mut s = stable(&fw, &g, Limits::default()).unwrap();
        p.sort();
        s.sort();
        (p, s)
    }

    #[test]
    fn nixon_diamond_has_two_readings() {
        // Dung (1995): quaker a and republican b attack each other.
        assert_eq!(
            both(2, &[(0, 1), (1, 0)]),
            (vec![vec![0], vec![1]], vec![vec![0], vec![1]])
        );
    }

    #[test]
    fn odd_cycle_has_no_stable_extension() {
        // a -> b -> c -> a: the only preferred extension is empty, and nothing is stable.
        assert_eq!(both(3, &[(0, 1), (1, 2), (2, 0)]), (vec![vec![]], vec![]));
    }

    #[test]
    fn even_cycle_has_two_stable_extensions() {
        // a -> b -> c -> d -> a: {a, c} and {b, d}.
        let cycle = [(0, 1), (1, 2), (2, 3), (3, 0)];
        let two = vec![vec![0, 2], vec![1, 3]];
        assert_eq!(both(4, &cycle), (two.clone(), two));
    }

    #[test]
    fn self_attack_is_in_no_extension() {
        // a -> a, a -> b: preferred {}, no stable extension (nothing attacks a from outside).
        assert_eq!(both(2, &[(0, 0), (0, 1)]), (vec![vec![]], vec![]));
        // c -> a, a -> a, a -> b: the grounded {b, c} is the only extension of either kind.
        assert_eq!(
            both(3, &[(2, 0), (0, 0), (0, 1)]),
            (vec![vec![1, 2]], vec![vec![1, 2]])
        );
    }

    #[test]
    fn unattacked_attacker_settles_everything() {
        // a -> b -> c: one extension, {a, c}, also the grounded one.
        assert_eq!(
            both(3, &[(0, 1), (1, 2)]),
            (vec![vec![0, 2]], vec![vec![0, 2]])
        );
    }

    #[test]
    fn floating_reinstatement() {
        // a <-> b, both attack c, c attacks d: d is in every preferred extension although the
        // grounded extension is empty.
        let af = [(0, 1), (1, 0), (0, 2), (1, 2), (2, 3)];
        let two = vec![vec![0, 3], vec![1, 3]];
        assert_eq!(both(4, &af), (two.clone(), two));
    }

    #[test]
    fn preferred_but_not_stable() {
        // a <-> b, b -> c, c -> d -> e -> c: preferred {a} and {b, d}; only {b, d} is stable
        // ({a} leaves the odd cycle c, d, e unattacked).
        let af = [(0, 1), (1, 0), (1, 2), (2, 3), (3, 4), (4, 2)];
        assert_eq!(both(5, &af), (vec![vec![0], vec![1, 3]], vec![vec![1, 3]]));
    }

    #[test]
    fn limits_give_clear_errors() {
        let fw = framework(4, &[(0, 1), (1, 0), (2, 3), (3, 2)]);
        let g = label_framework(&fw);
        let tight = Limits {
            max_undecided: 3,
            ..Limits::default()
        };
        assert_eq!(
            preferred(&fw, &g, tight).unwrap_err().to_string(),
            "4 arguments are undecided under grounded semantics; the exact search for preferred \
             extensions handles at most 3"
        );
        let few = Limits {
            max_extensions: 3,
            ..Limits::default()
        };
        assert_eq!(
            stable(&fw, &g, few).unwrap_err().to_string(),
            "there are more than 3 stable extensions; the search stops there"
        );
        let short = Limits {
            max_steps: 2,
            ..Limits::default()
        };
        assert_eq!(
            preferred(&fw, &g, short).unwrap_err(),
            SearchError::TooManySteps {
                semantics: Semantics::Preferred,
                limit: 2
            }
        );
    }

    /// `n` disjoint mutual attacks `0 <-> 1`, `2 <-> 3`, ...: 2^n stable (and preferred)
    /// extensions.
    fn pairs(n: u32) -> Framework {
        let attacks: Vec<(u32, u32)> = (0..n)
            .flat_map(|i| [(2 * i, 2 * i + 1), (2 * i + 1, 2 * i)])
            .collect();
        framework(2 * n as usize, &attacks)
    }

    #[test]
    fn stable_search_stops_at_the_extension_limit() {
        // 2^200 stable extensions: the search gives up as soon as it has found 1,001 (it used
        // to collect them until the step limit, comparing each with all found before).
        let fw = pairs(200);
        let g = label_framework(&fw);
        for semantics in [Semantics::Stable, Semantics::Preferred] {
            assert_eq!(
                extensions(&fw, &g, semantics, Limits::default())
                    .unwrap_err()
                    .to_string(),
                format!(
                    "there are more than 1000 {} extensions; the search stops there",
                    semantics.as_str()
                )
            );
        }
        // Just within the limit: 2^9 = 512 extensions, all different.
        let fw = pairs(9);
        let g = label_framework(&fw);
        let mut s = stable(&fw, &g, Limits::default()).unwrap();
        assert_eq!(s.len(), 512);
        s.sort();
        s.dedup();
        assert_eq!(s.len(), 512);
        assert_eq!(
            s,
            preferred(&fw, &g, Limits::default())
                .map(|mut p| {
                    p.sort();
                    p
                })
                .unwrap()
        );
        // One over: 2^10 = 1,024.
        let fw = pairs(10);
        let g = label_framework(&fw);
        assert_eq!(
            stable(&fw, &g, Limits::default()),
            Err(SearchError::TooManyExtensions {
                semantics: Semantics::Stable,
                limit: 1000
            })
        );
    }

    #[test]
    fn stable_search_stops_at_the_step_limit() {
        // An odd cycle beside 30 pairs: no stable extension at all, and 2^30 leaves to visit.
        let mut attacks: Vec<(u32, u32)> = (0..30)
            .flat_map(|i| [(2 * i, 2 * i + 1), (2 * i + 1, 2 * i)])
            .collect();
        attacks.extend([(60, 61), (61, 62), (62, 60)]);
        let fw = framework(63, &attacks);
        let g = label_framework(&fw);
        assert_eq!(
            stable(&fw, &g, Limits::default()).unwrap_err().to_string(),
            "the search for stable extensions did not finish within 1000000 steps"
        );
    }

    /// Every subset of `0..n`, checked directly against the definitions.
    fn brute_force(n: usize, attacks: &[(u32, u32)]) -> (Vec<Vec<u32>>, Vec<Vec<u32>>) {
        let att = |a: u32, b: u32| attacks.contains(&(a, b));
        let sets: Vec<Vec<u32>> = (0u32..1 << n)
            .map(|bits| (0..n as u32).filter(|i| bits >> i & 1 == 1).collect())
            .collect();
        let conflict_free = |s: &Vec<u32>| s.iter().all(|&a| s.iter().all(|&b| !att(a, b)));
        let attacked_by = |s: &Vec<u32>, b: u32| s.iter().any(|&a| att(a, b));
        let admissible = |s: &Vec<u32>| {
            conflict_free(s)
                && s.iter()
                    .all(|&a| (0..n as u32).all(|b| !att(b, a) || attacked_by(s, b)))
        };
        let adm: Vec<&Vec<u32>> = sets.iter().filter(|s| admissible(s)).collect();
        let subset = |s: &Vec<u32>, t: &Vec<u32>| s.iter().all(|x| t.contains(x));
        let mut pref: Vec<Vec<u32>> = adm
            .iter()
            .filter(|s| !adm.iter().any(|t| t.len() > s.len() && subset(s, t)))
            .map(|s| (*s).clone())
            .collect();
        let mut stab: Vec<Vec<u32>> = sets
            .iter()
            .filter(|s| {
                conflict_free(s) && (0..n as u32).all(|b| s.contains(&b) || attacked_by(s, b))
            })
            .cloned()
            .collect();
        pref.sort();
        stab.sort();
        (pref, stab)
    }

    proptest! {
        #[test]
        fn agrees_with_the_definitions(
            n in 1usize..9,
            raw in proptest::collection::vec((0u32..9, 0u32..9), 0..20),
        ) {
            let attacks: Vec<(u32, u32)> = raw
                .into_iter()
                .filter(|&(a, b)| (a as usize) < n && (b as usize) < n)
                .collect();
            prop_assert_eq!(both(n, &attacks), brute_force(n, &attacks));
        }
    }
}
