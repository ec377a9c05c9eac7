//! Which points stand: the verdict of one semantics on a framework (the subjects it can be
//! about, a map or a bare ICCMA framework, are worded in `render::views::subject`).
//!
//! Whatever the semantics, a verdict holds the grounded labelling with its reasons. A map's
//! verdict also holds every point's DF-QuAD strength ([`super::strength`]), counting its
//! supports and `{weight: x}` base scores, so that every record `status` prints can say both.
//! A bare framework has only attacks and every point's base score is
//! [`strength::DEFAULT_BASE`]; its strengths are computed only for [`Semantics::Dfquad`]: on a
//! large cycle they take many rounds, and a solver's question (which arguments stand) does not
//! need them.

use super::extensions::{self, Limits, SearchError};
use super::grounded::{label_framework, Grounded};
use super::reasons::{self, Reasons};
use super::strength::{self, Bipolar, Strengths};
use crate::graph::framework::{Framework, MapFramework};

/// The semantics `status` applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Semantics {
    /// The grounded labelling: what stands or falls beyond doubt.
    Grounded,
    /// The preferred extensions: the maximal admissible sets.
    Preferred,
    /// The stable extensions: the conflict-free sets that attack every argument outside them.
    Stable,
    /// DF-QuAD strength: a number from 0 to 1 per point, raised by supports, lowered by attacks.
    Dfquad,
}

impl Semantics {
    /// `grounded`, `preferred`, `stable` or `dfquad`, as the command line and JSON spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            Semantics::Grounded => "grounded",
            Semantics::Preferred => "preferred",
            Semantics::Stable => "stable",
            Semantics::Dfquad => "dfquad",
        }
    }
}

/// What a semantics says about a framework.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// The semantics applied.
    pub semantics: Semantics,
    /// The grounded labelling of the framework.
    pub grounded: Grounded,
    /// Why each argument has its grounded label.
    pub reasons: Reasons,
    /// Every argument's DF-QuAD strength, by argument number, when computed (see the module
    /// documentation).
    pub strength: Option<Vec<f64>>,
    /// The arguments on cycles whose strengths did not settle, in order.
    pub unsettled: Vec<u32>,
    /// For preferred and stable semantics: the extensions, each a sorted list of argument
    /// numbers, in the order found. `None` for the other semantics.
    pub extensions: Option<Vec<Vec<u32>>>,
}

impl Verdict {
    /// Argument `a`'s strength, when strengths were computed (the default base score for a
    /// number outside the framework).
    pub fn strength(&self, a: u32) -> Option<f64> {
        let values = self.strength.as_ref()?;
        Some(
            values
                .get(a as usize)
                .copied()
                .unwrap_or(strength::DEFAULT_BASE),
        )
    }
}

/// Applies `semantics` to the bare framework `fw`; for [`Semantics::Dfquad`], with strengths on
/// its attacks, every base score [`strength::DEFAULT_BASE`].
pub fn verdict(
    fw: &Framework,
    semantics: Semantics,
    limits: Limits,
) -> Result<Verdict, SearchError> {
    if semantics != Semantics::Dfquad {
        return judge(fw, semantics, limits, None, Vec::new());
    }
    let attacks: Vec<(u32, u32)> = fw.attack_pairs().collect();
    let bipolar = Bipolar::new(vec![strength::DEFAULT_BASE; fw.len()], &attacks, &[]);
    let (values, unsettled) = bipolar.solve();
    judge(fw, semantics, limits, Some(values), unsettled)
}

/// Applies `semantics` to a map's framework `mf`, with the map's `strengths` (which count its
/// supports and base scores).
pub fn verdict_of_map(
    mf: &MapFramework,
    strengths: &Strengths,
    semantics: Semantics,
    limits: Limits,
) -> Result<Verdict, SearchError> {
    let n = mf.framework.len() as u32;
    let values = (0..n)
        .map(|a| {
            mf.node(a)
                .map_or(strength::DEFAULT_BASE, |ix| strengths.get(ix))
        })
        .collect();
    let unsettled = strengths
        .unsettled()
        .iter()
        .filter_map(|&ix| mf.arg(ix))
        .collect();
    judge(&mf.framework, semantics, limits, Some(values), unsettled)
}

fn judge(
    fw: &Framework,
    semantics: Semantics,
    limits: Limits,
    strength: Option<Vec<f64>>,
    unsettled: Vec<u32>,
) -> Result<Verdict, SearchError> {
    let grounded = label_framework(fw);
    let reasons = reasons::explain(fw, &grounded);
    let ext = match semantics {
        Semantics::Preferred => Some(extensions::Semantics::Preferred),
        Semantics::Stable => Some(extensions::Semantics::Stable),
        Semantics::Grounded | Semantics::Dfquad => None,
    };
    let extensions = match ext {
        Some(ext) => Some(extensions::extensions(fw, &grounded, ext, limits)?),
        None => None,
    };
    Ok(Verdict {
        semantics,
        grounded,
        reasons,
        strength,
        unsettled,
        extensions,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::reasons::Reason;
    use crate::graph::Label;
    use crate::model::{Map, Relation};

    #[test]
    fn every_semantics_gives_reasons_and_dfquad_strengths_and_some_extensions() {
        // a <-> b, b -> c.
        let fw = Framework::from_attacks(3, &[0, 1, 1], &[1, 0, 2]).unwrap();
        let v = verdict(&fw, Semantics::Grounded, Limits::default()).unwrap();
        assert_eq!(v.grounded.counts(), [0, 0, 3]);
        assert_eq!(v.grounded.label(2), Label::Undec);
        assert_eq!(
            (0..3)
                .map(|a| v.reasons.get(a).unwrap())
                .collect::<Vec<_>>(),
            [Reason::Cycle, Reason::Cycle, Reason::AttackedByUndecided]
        );
        assert_eq!(v.extensions, None);
        // A bare framework's strengths are computed for dfquad only.
        assert_eq!((v.strength.as_ref(), v.strength(0)), (None, None));
        for semantics in [Semantics::Preferred, Semantics::Stable] {
            let v = verdict(&fw, semantics, Limits::default()).unwrap();
            assert_eq!(v.extensions, Some(vec![vec![0, 2], vec![1]]));
            assert_eq!(v.semantics, semantics);
            assert_eq!(v.strength, None);
        }
        let v = verdict(&fw, Semantics::Dfquad, Limits::default()).unwrap();
        // a = b = 1/3 (x = 0.5 − 0.5·x); c = 0.5 − 0.5·(1/3) = 1/3.
        for a in 0..3 {
            let s = v.strength(a).unwrap();
            assert!((s - 1.0 / 3.0).abs() < 1e-9, "{s}");
        }
        assert_eq!((v.extensions, v.unsettled), (None, vec![]));
    }

    #[test]
    fn a_maps_strengths_count_its_supports() {
        // The example: two supporters and one attacker of a claim, all base 0.5.
        let (map, _) = Map::of(
            [("[C]", ""), ("<S1>", ""), ("<S2>", ""), ("<A>", "")],
            &[
                ("<S1>", Relation::Supports, "[C]"),
                ("<S2>", Relation::Supports, "[C]"),
                ("<A>", Relation::Rebuts, "[C]"),
            ],
        );
        let mf = MapFramework::new(&map).unwrap();
        let strengths = Strengths::of(&map);
        let v = verdict_of_map(&mf, &strengths, Semantics::Dfquad, Limits::default()).unwrap();
        let s = v.strength(0).unwrap();
        assert!((s - 0.625).abs() < 1e-9, "{s}");
        assert_eq!(v.grounded.label(0), Label::Out);
    }
}
