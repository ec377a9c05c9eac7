//! One-line reasons for grounded labels, in words a student can follow.
//!
//! | reason ([`Reason`]) | sentence (map wording) |
//! |---|---|
//! | nothing attacks it | `stands: nobody rebuts it` |
//! | every attacker falls | `stands: its only rebuttal <X> falls`, `stands: all 3 of its rebuttals fall (<X>, <Y>, <Z>)` |
//! | an attacker stands | `falls: rebutted by <Y>, which stands` |
//! | it is in a cycle of undecided attacks | `undecided: in a cycle of rebuttals with <Z>` (the word follows `<Z>`'s attack on it) |
//! | it attacks itself | `undecided: it rebuts itself` |
//! | an undecided point attacks it, outside any cycle | `undecided: rebutted by <Z>, which is undecided` |
//!
//! The word for each attack follows the relation (`rebutted`, `undercut`, `contradicted`; plain
//! `attacked` for abstract frameworks). The reasons themselves are data, computed by
//! [`crate::analysis::reasons::explain`].

use crate::analysis::reasons::Reason;
use crate::graph::framework::Framework;

/// The kind of an attack, for wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attack {
    /// A rebuttal: the attacker argues against the point.
    Rebuttal,
    /// An undercut: the attacker denies that the point's support holds.
    Undercut,
    /// A contradiction: the two points cannot both be true.
    Contradiction,
    /// An attack of an abstract framework.
    Attack,
}

impl Attack {
    fn noun(self) -> &'static str {
        match self {
            Attack::Rebuttal => "rebuttal",
            Attack::Undercut => "undercut",
            Attack::Contradiction => "contradiction",
            Attack::Attack => "attacker",
        }
    }

    fn plural(self) -> &'static str {
        match self {
            Attack::Rebuttal => "rebuttals",
            Attack::Undercut => "undercuts",
            Attack::Contradiction => "contradictions",
            Attack::Attack => "attackers",
        }
    }

    fn participle(self) -> &'static str {
        match self {
            Attack::Rebuttal => "rebutted",
            Attack::Undercut => "undercut",
            Attack::Contradiction => "contradicted",
            Attack::Attack => "attacked",
        }
    }

    fn present(self) -> &'static str {
        match self {
            Attack::Rebuttal => "rebuts",
            Attack::Undercut => "undercuts",
            Attack::Contradiction => "contradicts",
            Attack::Attack => "attacks",
        }
    }

    fn cycle(self) -> &'static str {
        match self {
            Attack::Rebuttal => "rebuttals",
            Attack::Undercut => "undercuts",
            Attack::Contradiction => "contradictions",
            Attack::Attack => "attacks",
        }
    }
}

/// How to name arguments and attacks in sentences.
pub trait Wording {
    /// The name of argument `a` as shown to the reader (a map node's id, an ICCMA name).
    fn name(&self, a: u32) -> String;
    /// The kind of the attack `from -> to`.
    fn attack(&self, from: u32, to: u32) -> Attack;
    /// The word for attacks in general (`Rebuttal` for maps, `Attack` for frameworks).
    fn generic(&self) -> Attack;
}

/// How many attackers a sentence names before "and N more".
const NAMED: usize = 3;

/// The one-line sentence for argument `a` of `fw` with reason `reason`: `stands: ...`,
/// `falls: ...`, `undecided: ...`.
pub(crate) fn sentence(reason: &Reason, fw: &Framework, a: u32, words: &dyn Wording) -> String {
    let generic = words.generic();
    match *reason {
        Reason::Unattacked => format!("stands: nobody {} it", generic.present()),
        Reason::AttackersFall => {
            let attackers = fw.attackers(a);
            if let [only] = attackers {
                let kind = words.attack(*only, a);
                return format!(
                    "stands: its only {} {} falls",
                    kind.noun(),
                    words.name(*only)
                );
            }
            let first = attackers.first().map(|&b| words.attack(b, a));
            let same = attackers.iter().all(|&b| Some(words.attack(b, a)) == first);
            let mut names: Vec<String> = attackers
                .iter()
                .take(NAMED)
                .map(|&b| words.name(b))
                .collect();
            if attackers.len() > NAMED {
                names.push(format!("{} more", attackers.len() - NAMED));
            }
            let listed = join_and(&names);
            let all = match attackers.len() {
                2 => "both".to_string(),
                k => format!("all {k}"),
            };
            match first {
                Some(kind) if same => {
                    format!("stands: {all} of its {} fall ({listed})", kind.plural())
                }
                _ => format!("stands: {all} points against it fall ({listed})"),
            }
        }
        Reason::DefeatedBy(b) => format!(
            "falls: {} by {}, which stands",
            words.attack(b, a).participle(),
            words.name(b)
        ),
        Reason::Cycle(b) => format!(
            "undecided: in a cycle of {} with {}",
            words.attack(b, a).cycle(),
            words.name(b)
        ),
        Reason::SelfAttack => format!("undecided: it {} itself", generic.present()),
        Reason::AttackedByUndecided(b) => format!(
            "undecided: {} by {}, which is undecided",
            words.attack(b, a).participle(),
            words.name(b)
        ),
    }
}

/// `a`, `a and b`, `a, b and c`.
pub(crate) fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::grounded::label_framework;
    use crate::analysis::reasons::explain;

    struct Letters;
    impl Wording for Letters {
        fn name(&self, a: u32) -> String {
            char::from(b'a' + a as u8).to_string()
        }
        fn attack(&self, _: u32, _: u32) -> Attack {
            Attack::Rebuttal
        }
        fn generic(&self) -> Attack {
            Attack::Rebuttal
        }
    }

    fn sentences(n: usize, attacks: &[(u32, u32)]) -> Vec<String> {
        let (from, to): (Vec<u32>, Vec<u32>) = attacks.iter().copied().unzip();
        let fw = Framework::from_attacks(n, &from, &to).unwrap();
        let g = label_framework(&fw);
        explain(&fw, &g)
            .iter()
            .enumerate()
            .map(|(a, r)| sentence(r, &fw, a as u32, &Letters))
            .collect()
    }

    #[test]
    fn every_kind_of_reason() {
        // a -> b -> c <-> d -> e; f -> f; b -> g and f -> g.
        let s = sentences(7, &crate::analysis::reasons::EXAMPLE);
        assert_eq!(
            s,
            vec![
                "stands: nobody rebuts it",
                "falls: rebutted by a, which stands",
                "undecided: in a cycle of rebuttals with d",
                "undecided: in a cycle of rebuttals with c",
                "undecided: rebutted by d, which is undecided",
                "undecided: it rebuts itself",
                "undecided: rebutted by f, which is undecided",
            ]
        );
    }

    #[test]
    fn reinstated_points_name_their_fallen_attackers() {
        // a -> b -> c; a -> e, a -> f; b, e and f all rebut d, and all three fall.
        let s = sentences(6, &[(0, 1), (1, 2), (0, 4), (0, 5), (1, 3), (4, 3), (5, 3)]);
        assert_eq!(s[2], "stands: its only rebuttal b falls");
        assert_eq!(s[3], "stands: all 3 of its rebuttals fall (b, e and f)");
    }

    #[test]
    fn joins_lists_in_english() {
        let v = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(join_and(&v(&[])), "");
        assert_eq!(join_and(&v(&["a"])), "a");
        assert_eq!(join_and(&v(&["a", "b", "c"])), "a, b and c");
    }
}
