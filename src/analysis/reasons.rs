//! Why each argument has its grounded label, as data (the sentences for people are in
//! `render::views::reasons`).
//!
//! | label | reason |
//! |---|---|
//! | in | nothing attacks it ([`Reason::Unattacked`]) |
//! | in | every attacker falls ([`Reason::AttackersFall`]) |
//! | out | an attacker stands ([`Reason::DefeatedBy`]) |
//! | undec | it is in a cycle of undecided attacks ([`Reason::Cycle`]) |
//! | undec | it attacks itself ([`Reason::SelfAttack`]) |
//! | undec | an undecided point attacks it, outside any cycle ([`Reason::AttackedByUndecided`]) |
//!
//! All reasons together take time linear in arguments + attacks (the cycles are the strongly
//! connected components of the undecided part).

use super::grounded::{Grounded, NOBODY};
use crate::graph::framework::Framework;
use crate::graph::scc;
use crate::graph::Label;

/// Why an argument has its grounded label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// `in`: nothing attacks it.
    Unattacked,
    /// `in`: it is attacked, and every attacker is `out`.
    AttackersFall,
    /// `out`: this attacker is `in`.
    DefeatedBy(u32),
    /// `undec`: it is on a cycle of undecided attacks; this undecided attacker is on it too.
    Cycle(u32),
    /// `undec`: it attacks itself and nothing that stands attacks it.
    SelfAttack,
    /// `undec`: this undecided attacker (not on a cycle with it) keeps it undecided.
    AttackedByUndecided(u32),
}

/// The reason for every argument's grounded label.
pub fn explain(fw: &Framework, grounded: &Grounded) -> Vec<Reason> {
    let undec = |a: u32| grounded.label(a) == Label::Undec;
    let cycles = scc::components(fw.target_rows(), undec);
    (0..fw.len() as u32)
        .map(|a| match grounded.label(a) {
            Label::In if fw.attackers(a).is_empty() => Reason::Unattacked,
            Label::In => Reason::AttackersFall,
            Label::Out => match grounded.defeated_by.get(a as usize) {
                Some(&by) if by != NOBODY => Reason::DefeatedBy(by),
                // Not reached: an `out` argument always has the attacker that defeated it.
                _ => Reason::AttackersFall,
            },
            Label::Undec => {
                let comp = cycles.get(a);
                let attackers = fw.attackers(a);
                let on_cycle = cycles.size.get(comp as usize).is_some_and(|&s| s > 1);
                let same = attackers
                    .iter()
                    .copied()
                    .find(|&b| b != a && cycles.get(b) == comp);
                match same {
                    Some(b) if on_cycle => Reason::Cycle(b),
                    _ if fw.attacks(a, a) => Reason::SelfAttack,
                    _ => match attackers.iter().copied().find(|&b| undec(b)) {
                        Some(b) => Reason::AttackedByUndecided(b),
                        None => Reason::SelfAttack,
                    },
                }
            }
        })
        .collect()
}

impl Reason {
    /// The arguments the reason names: the attackers that fall, the attacker that stands, the
    /// partner on the cycle, or the argument itself for a self-attack.
    pub(crate) fn because(&self, fw: &Framework, a: u32) -> Vec<u32> {
        match *self {
            Reason::Unattacked => Vec::new(),
            Reason::AttackersFall => fw.attackers(a).to_vec(),
            Reason::DefeatedBy(b) | Reason::Cycle(b) | Reason::AttackedByUndecided(b) => vec![b],
            Reason::SelfAttack => vec![a],
        }
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

    #[test]
    fn every_kind_of_reason_with_what_it_names() {
        // EXAMPLE, then a -> h; i alone.
        let attacks: Vec<(u32, u32)> = EXAMPLE.iter().copied().chain([(0, 7)]).collect();
        let (from, to): (Vec<u32>, Vec<u32>) = attacks.iter().copied().unzip();
        let fw = Framework::from_attacks(9, &from, &to).unwrap();
        let reasons = explain(&fw, &label_framework(&fw));
        assert_eq!(
            reasons,
            vec![
                Reason::Unattacked,
                Reason::DefeatedBy(0),
                Reason::Cycle(3),
                Reason::Cycle(2),
                Reason::AttackedByUndecided(3),
                Reason::SelfAttack,
                Reason::AttackedByUndecided(5),
                Reason::DefeatedBy(0),
                Reason::Unattacked,
            ]
        );
        let because: Vec<Vec<u32>> = reasons
            .iter()
            .enumerate()
            .map(|(a, r)| r.because(&fw, a as u32))
            .collect();
        assert_eq!(
            because,
            vec![
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
        let fw = Framework::from_attacks(3, &[0, 1], &[1, 2]).unwrap();
        let reasons = explain(&fw, &label_framework(&fw));
        assert_eq!(reasons[2], Reason::AttackersFall);
        assert_eq!(reasons[2].because(&fw, 2), vec![1]);
    }
}
