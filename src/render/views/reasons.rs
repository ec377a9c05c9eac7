//! One-line reasons for grounded labels, in words a student can follow.
//!
//! | reason ([`Reason`]) | sentence (map wording) |
//! |---|---|
//! | nothing attacks it | `stands: nobody rebuts it` |
//! | every attacker falls | `stands: its only rebuttal <X> falls`, `stands: all 3 of its rebuttals fall (<X>, <Y>, <Z>)` |
//! | attackers stand | `falls: rebutted by <Y> (utla, strength 0.62) and <Z> (alliance, strength 0.40), which stand` |
//! | ... some of them allies | `...; also undercut by its ally <W> (cde, strength 0.30), which stands (an internal dispute)` |
//! | it is in a cycle of undecided attacks | `undecided: in a cycle of rebuttals with <Z> and <V>` |
//! | ... a cycle of more than 20 points | `undecided: in a cycle of 250 points rebutting one another, rebutted on it by <Z>` |
//! | it attacks itself | `undecided: it rebuts itself` |
//! | undecided points attack it, outside any cycle | `undecided: rebutted by <Z> (utla, strength 0.33), which is undecided` |
//!
//! The points named come in the order given ([`Because`]: for a map, opponents first and the
//! strongest first, then allies, see `analysis::why`); what follows a name in parentheses is
//! [`Wording::note`] (a map gives the side and strength, a bare framework nothing). The word for
//! each attack follows the relation (`rebutted`, `undercut`, `contradicted`; plain `attacked` for
//! abstract frameworks); a cycle is named with the word of its attack when it has two points,
//! with the generic word (`rebuttals`, `attacks`) otherwise. The reasons themselves are data,
//! computed by [`crate::analysis::reasons::explain`].

use crate::analysis::reasons::{Reason, Reasons, CYCLE_NAMED};

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

    fn gerund(self) -> &'static str {
        match self {
            Attack::Rebuttal => "rebutting",
            Attack::Undercut => "undercutting",
            Attack::Contradiction => "contradicting",
            Attack::Attack => "attacking",
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
    /// What to say in parentheses after the name of `b` when a reason names it as a point that
    /// stands or is undecided (a map: `utla, strength 0.62`); `None` for nothing.
    fn note(&self, _b: u32) -> Option<String> {
        None
    }
}

/// The points a reason names, in the order to name them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Because {
    /// Named first: opponents' points (every point, for a bare framework or a cycle).
    pub first: Vec<u32>,
    /// Named after, as allies: the attacks are internal disputes.
    pub allies: Vec<u32>,
}

impl Because {
    /// Every point named, in order.
    pub fn all(&self) -> impl Iterator<Item = u32> + '_ {
        self.first.iter().chain(&self.allies).copied()
    }

    /// What `reasons` names for `a`, in argument order, none of it as allies.
    pub fn plain(reasons: &Reasons, a: u32) -> Because {
        Because {
            first: reasons.because(a).to_vec(),
            allies: Vec::new(),
        }
    }
}

/// How many attackers a sentence names before "and N more" when they all fall.
const NAMED: usize = 3;

/// The one-line sentence for argument `a` of `reasons`, naming its points in argument order
/// (see [`sentence`]).
#[cfg(test)]
pub(crate) fn plain_sentence(reasons: &Reasons, a: u32, words: &dyn Wording) -> String {
    match reasons.get(a) {
        Some(reason) => sentence(
            reason,
            &Because::plain(reasons, a),
            reasons.cycle_size(a),
            a,
            words,
        ),
        None => String::new(),
    }
}

/// The one-line sentence for argument `a` with reason `reason`, naming the points in
/// `because` (`cycle_size`: the size of its cycle, for [`Reason::Cycle`]): `stands: ...`,
/// `falls: ...`, `undecided: ...`.
pub(crate) fn sentence(
    reason: Reason,
    because: &Because,
    cycle_size: usize,
    a: u32,
    words: &dyn Wording,
) -> String {
    let generic = words.generic();
    let named: Vec<u32> = because.all().collect();
    match reason {
        Reason::Unattacked => format!("stands: nobody {} it", generic.present()),
        Reason::AttackersFall => {
            if let [only] = named[..] {
                let kind = words.attack(only, a);
                return format!(
                    "stands: its only {} {} falls",
                    kind.noun(),
                    words.name(only)
                );
            }
            let first = named.first().map(|&b| words.attack(b, a));
            let same = named.iter().all(|&b| Some(words.attack(b, a)) == first);
            let mut names: Vec<String> = named.iter().take(NAMED).map(|&b| words.name(b)).collect();
            if named.len() > NAMED {
                names.push(format!("{} more", named.len() - NAMED));
            }
            let listed = join_and(&names);
            let all = match named.len() {
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
        Reason::Defeated => format!("falls: {}", standing(because, a, words, "stand")),
        Reason::AttackedByUndecided => {
            format!("undecided: {}", standing(because, a, words, "undecided"))
        }
        Reason::Cycle if cycle_size > CYCLE_NAMED => {
            let on_it: Vec<u32> = named.iter().copied().filter(|&b| b != a).collect();
            format!(
                "undecided: in a cycle of {cycle_size} points {} one another, {} on it",
                generic.gerund(),
                attacked_by(&on_it, a, words, "", false)
            )
        }
        Reason::Cycle => {
            let kind = match named[..] {
                [only] => words.attack(only, a),
                _ => generic,
            };
            let names: Vec<String> = named.iter().map(|&b| words.name(b)).collect();
            format!(
                "undecided: in a cycle of {} with {}",
                kind.cycle(),
                join_and(&names)
            )
        }
        Reason::SelfAttack => format!("undecided: it {} itself", generic.present()),
    }
}

/// `rebutted by <Y> (note) and <Z> (note), which stand; also undercut by its ally <W> (note),
/// which stands (an internal dispute)`: `state` is `stand` or `undecided`.
fn standing(because: &Because, a: u32, words: &dyn Wording, state: &str) -> String {
    let verb = |n: usize| match (state, n) {
        ("stand", 1) => "which stands".to_string(),
        ("stand", _) => "which stand".to_string(),
        (other, 1) => format!("which is {other}"),
        (other, _) => format!("which are {other}"),
    };
    let opponents = (!because.first.is_empty()).then(|| {
        format!(
            "{}, {}",
            attacked_by(&because.first, a, words, "", true),
            verb(because.first.len())
        )
    });
    let allies = (!because.allies.is_empty()).then(|| {
        let (who, what) = match because.allies.len() {
            1 => ("its ally ", "an internal dispute"),
            _ => ("its allies ", "internal disputes"),
        };
        format!(
            "{}, {} ({what})",
            attacked_by(&because.allies, a, words, who, true),
            verb(because.allies.len())
        )
    });
    match (opponents, allies) {
        (Some(o), Some(l)) => format!("{o}; also {l}"),
        (Some(o), None) => o,
        (None, Some(l)) => l,
        (None, None) => String::new(),
    }
}

/// `rebutted by <Y> and <Z>`, or `rebutted by <Y> and undercut by <Z>` when the attacks differ;
/// `who` goes before the names (`its ally `), and each name has its note when `notes`.
fn attacked_by(bs: &[u32], a: u32, words: &dyn Wording, who: &str, notes: bool) -> String {
    let named = |b: u32| match words.note(b).filter(|_| notes) {
        Some(note) => format!("{} ({note})", words.name(b)),
        None => words.name(b),
    };
    let first = bs.first().map(|&b| words.attack(b, a));
    if bs.iter().all(|&b| Some(words.attack(b, a)) == first) {
        let names: Vec<String> = bs.iter().map(|&b| named(b)).collect();
        let participle = first.map_or("attacked", |k| k.participle());
        return format!("{participle} by {who}{}", join_and(&names));
    }
    let who = who.replace("allies", "ally");
    let items: Vec<String> = bs
        .iter()
        .map(|&b| format!("{} by {who}{}", words.attack(b, a).participle(), named(b)))
        .collect();
    join_and(&items)
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
    use crate::graph::framework::Framework;

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
        let reasons = explain(&fw, &label_framework(&fw));
        (0..n as u32)
            .map(|a| plain_sentence(&reasons, a, &Letters))
            .collect()
    }

    /// Letters with notes, `b` undercutting and the rest rebutting.
    struct Noted;
    impl Wording for Noted {
        fn name(&self, a: u32) -> String {
            Letters.name(a)
        }
        fn attack(&self, from: u32, _: u32) -> Attack {
            if from == 1 {
                Attack::Undercut
            } else {
                Attack::Rebuttal
            }
        }
        fn generic(&self) -> Attack {
            Attack::Rebuttal
        }
        fn note(&self, b: u32) -> Option<String> {
            Some(format!("side {b}"))
        }
    }

    #[test]
    fn a_fallen_point_names_opponents_then_allies_with_notes() {
        let because = |first: &[u32], allies: &[u32]| Because {
            first: first.to_vec(),
            allies: allies.to_vec(),
        };
        let say = |b: &Because| sentence(Reason::Defeated, b, 0, 9, &Noted);
        assert_eq!(
            say(&because(&[2, 3], &[])),
            "falls: rebutted by c (side 2) and d (side 3), which stand"
        );
        assert_eq!(
            say(&because(&[2], &[1])),
            "falls: rebutted by c (side 2), which stands; also undercut by its ally b (side 1), \
             which stands (an internal dispute)"
        );
        assert_eq!(
            say(&because(&[], &[4, 5])),
            "falls: rebutted by its allies e (side 4) and f (side 5), which stand (internal \
             disputes)"
        );
        assert_eq!(
            say(&because(&[2, 1], &[])),
            "falls: rebutted by c (side 2) and undercut by b (side 1), which stand"
        );
        assert_eq!(
            sentence(
                Reason::AttackedByUndecided,
                &because(&[2, 3], &[]),
                0,
                9,
                &Noted
            ),
            "undecided: rebutted by c (side 2) and d (side 3), which are undecided"
        );
    }

    #[test]
    fn cycles_are_named_whole_or_by_size() {
        // a -> b -> c -> a.
        let s = sentences(3, &[(0, 1), (1, 2), (2, 0)]);
        assert_eq!(s[0], "undecided: in a cycle of rebuttals with b and c");
        let ring: Vec<(u32, u32)> = (0..25).map(|i| (i, (i + 1) % 25)).collect();
        let s = sentences(25, &ring);
        assert_eq!(
            s[3],
            "undecided: in a cycle of 25 points rebutting one another, rebutted by c on it"
        );
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
