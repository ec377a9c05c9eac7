//! Why each argument has its grounded label, as data (the sentences for people are in
//! `render::views::reasons`; the order a debater reads the named points in, opponents first and
//! strongest first, is [`super::why`]'s).
//!
//! | label | reason | the arguments it names ([`Reasons::because`]) |
//! |---|---|---|
//! | in | nothing attacks it ([`Reason::Unattacked`]) | none |
//! | in | every attacker falls ([`Reason::AttackersFall`]) | every attacker |
//! | out | attackers stand ([`Reason::Defeated`]) | every attacker that stands |
//! | undec | it is in a cycle of undecided attacks ([`Reason::Cycle`]) | the other members of the cycle |
//! | undec | it attacks itself ([`Reason::SelfAttack`]) | itself |
//! | undec | undecided points attack it, outside any cycle ([`Reason::AttackedByUndecided`]) | every undecided attacker |
//!
//! A cycle is a strongly connected component of the undecided part of the framework: points
//! that keep one another undecided. A cycle of more than [`CYCLE_NAMED`] points is not named
//! member by member at each of its points (that would be quadratic): each of its points names
//! its own attackers on the cycle instead, and [`Reasons::cycle_size`] says how large it is.
//!
//! All reasons together take time and space linear in arguments + attacks.

use super::grounded::Grounded;
use crate::graph::csr::Csr;
use crate::graph::framework::Framework;
use crate::graph::scc;
use crate::graph::Label;

/// The most members of a cycle each of its points names (see the module documentation).
pub const CYCLE_NAMED: usize = 20;

/// Why an argument has its grounded label (what it names is in [`Reasons::because`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// `in`: nothing attacks it.
    Unattacked,
    /// `in`: it is attacked, and every attacker is `out`.
    AttackersFall,
    /// `out`: at least one attacker is `in`.
    Defeated,
    /// `undec`: it is on a cycle of undecided attacks.
    Cycle,
    /// `undec`: it attacks itself and nothing that stands attacks it.
    SelfAttack,
    /// `undec`: undecided attackers (not on a cycle with it) keep it undecided.
    AttackedByUndecided,
}

/// The reason for every argument's grounded label, and the arguments each reason names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reasons {
    reasons: Vec<Reason>,
    /// Row `a`: the arguments `a`'s reason names (see the module documentation).
    because: Csr,
    /// By argument: the number of points on its cycle (0 when it is on none).
    cycle: Vec<u32>,
}

impl Reasons {
    /// The reason for argument `a`'s label (`None` for a number outside the framework).
    pub fn get(&self, a: u32) -> Option<Reason> {
        self.reasons.get(a as usize).copied()
    }

    /// The arguments `a`'s reason names, in argument order: every attacker when they all fall,
    /// every attacker that stands when it falls, the other members of its cycle (or, on a
    /// cycle of more than [`CYCLE_NAMED`] points, its attackers on it), itself for a
    /// self-attack, every undecided attacker otherwise.
    pub fn because(&self, a: u32) -> &[u32] {
        if (a as usize) < self.because.len() {
            self.because.row(a)
        } else {
            &[]
        }
    }

    /// How many points the cycle of undecided attacks through `a` has (0 when it is on none).
    pub fn cycle_size(&self, a: u32) -> usize {
        self.cycle.get(a as usize).copied().unwrap_or(0) as usize
    }

    /// How many arguments.
    pub fn len(&self) -> usize {
        self.reasons.len()
    }

    /// Whether there are no arguments.
    pub fn is_empty(&self) -> bool {
        self.reasons.is_empty()
    }
}

/// The reason for every argument's grounded label.
pub fn explain(fw: &Framework, grounded: &Grounded) -> Reasons {
    let n = fw.len();
    let undec = |a: u32| grounded.label(a) == Label::Undec;
    let cycles = scc::components(fw.target_rows(), undec);
    let size_of = |a: u32| {
        let comp = cycles.get(a);
        cycles.size.get(comp as usize).copied().unwrap_or(0)
    };
    // The members of each small cycle, by component.
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); cycles.count()];
    for a in 0..n as u32 {
        let size = size_of(a);
        if size > 1 && size as usize <= CYCLE_NAMED {
            if let Some(m) = members.get_mut(cycles.get(a) as usize) {
                m.push(a);
            }
        }
    }
    let (mut from, mut to) = (Vec::new(), Vec::new());
    let mut name = |a: u32, b: u32| {
        from.push(a);
        to.push(b);
    };
    let mut reasons = Vec::with_capacity(n);
    let mut cycle = vec![0u32; n];
    for a in 0..n as u32 {
        let attackers = fw.attackers(a);
        let reason = match grounded.label(a) {
            Label::In if attackers.is_empty() => Reason::Unattacked,
            Label::In => {
                attackers.iter().for_each(|&b| name(a, b));
                Reason::AttackersFall
            }
            Label::Out => {
                attackers
                    .iter()
                    .filter(|&&b| grounded.label(b) == Label::In)
                    .for_each(|&b| name(a, b));
                Reason::Defeated
            }
            Label::Undec => {
                let size = size_of(a);
                if size > 1 {
                    cycle[a as usize] = size;
                    match members.get(cycles.get(a) as usize) {
                        Some(m) if !m.is_empty() => {
                            m.iter().filter(|&&b| b != a).for_each(|&b| name(a, b));
                        }
                        _ => attackers
                            .iter()
                            .filter(|&&b| b != a && cycles.get(b) == cycles.get(a))
                            .for_each(|&b| name(a, b)),
                    }
                    Reason::Cycle
                } else if fw.attacks(a, a) {
                    name(a, a);
                    Reason::SelfAttack
                } else {
                    let mut any = false;
                    for &b in attackers.iter().filter(|&&b| undec(b)) {
                        name(a, b);
                        any = true;
                    }
                    if any {
                        Reason::AttackedByUndecided
                    } else {
                        // Not reached: an undecided argument off every cycle has an undecided
                        // attacker, or attacks itself.
                        Reason::SelfAttack
                    }
                }
            }
        };
        reasons.push(reason);
    }
    // Only a framework too large to have been built fails here.
    let because = Csr::from_pairs(n, &from, &to).unwrap_or_default();
    Reasons {
        reasons,
        because,
        cycle,
    }
}

/// Every kind of reason in one framework of 7 arguments (`a` to `g`): a -> b -> c <-> d -> e;
/// f -> f; b -> g and f -> g.
#[cfg(test)]
pub(crate) const EXAMPLE: [(u32, u32); 8] = [
    (0, 1),
    (1, 2),
    (2, 3),
    (3, 2),
    (3, 4),
    (5, 5),
    (1, 6),
    (5, 6),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::grounded::label_framework;

    fn framework(n: usize, attacks: &[(u32, u32)]) -> Framework {
        let (from, to): (Vec<u32>, Vec<u32>) = attacks.iter().copied().unzip();
        Framework::from_attacks(n, &from, &to).unwrap()
    }

    fn all(fw: &Framework) -> (Vec<Reason>, Vec<Vec<u32>>) {
        let reasons = explain(fw, &label_framework(fw));
        let n = fw.len() as u32;
        (
            (0..n).map(|a| reasons.get(a).unwrap()).collect(),
            (0..n).map(|a| reasons.because(a).to_vec()).collect(),
        )
    }

    #[test]
    fn every_kind_of_reason_with_what_it_names() {
        // EXAMPLE, then a -> h; i alone.
        let attacks: Vec<(u32, u32)> = EXAMPLE.iter().copied().chain([(0, 7)]).collect();
        let fw = framework(9, &attacks);
        let (reasons, because) = all(&fw);
        use Reason::*;
        assert_eq!(
            reasons,
            [
                Unattacked,
                Defeated,
                Cycle,
                Cycle,
                AttackedByUndecided,
                SelfAttack,
                AttackedByUndecided,
                Defeated,
                Unattacked,
            ]
        );
        assert_eq!(
            because,
            [
                vec![],
                vec![0],
                vec![3],
                vec![2],
                vec![3],
                vec![5],
                vec![5],
                vec![0],
                vec![],
            ]
        );
        // a -> b -> c: b falls, so c stands because its attackers fall.
        let (reasons, because) = all(&framework(3, &[(0, 1), (1, 2)]));
        assert_eq!(reasons[2], AttackersFall);
        assert_eq!(because[2], [1]);
    }

    #[test]
    fn a_point_that_falls_names_every_attacker_that_stands() {
        // a and c stand and attack b; d attacks b but falls (e attacks it).
        let fw = framework(5, &[(0, 1), (2, 1), (3, 1), (4, 3)]);
        let (reasons, because) = all(&fw);
        assert_eq!(reasons[1], Reason::Defeated);
        assert_eq!(because[1], [0, 2]);
        // Undecided attackers are all named too: x <-> y, both attack z.
        let fw = framework(3, &[(0, 1), (1, 0), (0, 2), (1, 2)]);
        let (reasons, because) = all(&fw);
        assert_eq!(reasons[2], Reason::AttackedByUndecided);
        assert_eq!(because[2], [0, 1]);
    }

    #[test]
    fn a_cycle_is_named_whole_unless_it_is_large() {
        // a -> b -> c -> a: each names the other two.
        let fw = framework(3, &[(0, 1), (1, 2), (2, 0)]);
        let reasons = explain(&fw, &label_framework(&fw));
        assert_eq!(reasons.because(0), [1, 2]);
        assert_eq!(reasons.because(1), [0, 2]);
        assert_eq!(reasons.cycle_size(1), 3);
        // A ring of 25: each names its attacker on the ring only.
        let ring: Vec<(u32, u32)> = (0..25).map(|i| (i, (i + 1) % 25)).collect();
        let fw = framework(25, &ring);
        let reasons = explain(&fw, &label_framework(&fw));
        assert_eq!(reasons.get(3), Some(Reason::Cycle));
        assert_eq!(reasons.because(3), [2]);
        assert_eq!(reasons.because(0), [24]);
        assert_eq!(reasons.cycle_size(0), 25);
        assert_eq!(reasons.because(99), [] as [u32; 0]);
        assert_eq!(reasons.get(99), None);
    }
}
