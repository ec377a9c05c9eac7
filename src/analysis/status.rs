//! Which points stand: the verdict of one semantics on a framework (the subjects it can be
//! about, a map or a bare ICCMA framework, are worded in `render::views::subject`).

use super::extensions::{self, Limits, SearchError};
use super::grounded::{label_framework, Grounded};
use super::reasons::{self, Reason};
use crate::graph::framework::Framework;

/// The semantics `status` applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Semantics {
    /// The grounded labelling: what stands or falls beyond doubt.
    Grounded,
    /// The preferred extensions: the maximal admissible sets.
    Preferred,
    /// The stable extensions: the conflict-free sets that attack every argument outside them.
    Stable,
}

impl Semantics {
    /// `grounded`, `preferred` or `stable`, as the command line and JSON spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            Semantics::Grounded => "grounded",
            Semantics::Preferred => "preferred",
            Semantics::Stable => "stable",
        }
    }
}

/// What a semantics says about a framework.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The grounded labelling, with a reason per argument.
    Grounded {
        /// The grounded labelling of the framework.
        grounded: Grounded,
        /// Why each argument has its label, by argument number.
        reasons: Vec<Reason>,
    },
    /// The preferred or stable extensions (each sorted), and the grounded labelling they extend.
    Extensions {
        /// Whether these are preferred or stable extensions.
        semantics: extensions::Semantics,
        /// The grounded labelling of the framework.
        grounded: Grounded,
        /// The extensions, each a sorted list of argument numbers, in the order found.
        extensions: Vec<Vec<u32>>,
    },
}

/// Applies `semantics` to `fw`.
pub fn verdict(
    fw: &Framework,
    semantics: Semantics,
    limits: Limits,
) -> Result<Verdict, SearchError> {
    let grounded = label_framework(fw);
    let ext = match semantics {
        Semantics::Grounded => {
            let reasons = reasons::explain(fw, &grounded);
            return Ok(Verdict::Grounded { grounded, reasons });
        }
        Semantics::Preferred => extensions::Semantics::Preferred,
        Semantics::Stable => extensions::Semantics::Stable,
    };
    let extensions = extensions::extensions(fw, &grounded, ext, limits)?;
    Ok(Verdict::Extensions {
        semantics: ext,
        grounded,
        extensions,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Label;

    #[test]
    fn grounded_gives_reasons_and_the_others_extensions() {
        // a <-> b, b -> c.
        let fw = Framework::from_attacks(3, &[0, 1, 1], &[1, 0, 2]).unwrap();
        let Ok(Verdict::Grounded { grounded, reasons }) =
            verdict(&fw, Semantics::Grounded, Limits::default())
        else {
            panic!("grounded always succeeds");
        };
        assert_eq!(grounded.counts(), [0, 0, 3]);
        assert_eq!(grounded.label(2), Label::Undec);
        assert_eq!(
            reasons,
            [
                Reason::Cycle(1),
                Reason::Cycle(0),
                Reason::AttackedByUndecided(1)
            ]
        );
        for (semantics, ext) in [
            (Semantics::Preferred, extensions::Semantics::Preferred),
            (Semantics::Stable, extensions::Semantics::Stable),
        ] {
            let Ok(Verdict::Extensions {
                semantics: found,
                extensions,
                ..
            }) = verdict(&fw, semantics, Limits::default())
            else {
                panic!("{} finds extensions", semantics.as_str());
            };
            assert_eq!(found, ext);
            assert_eq!(extensions, [vec![0, 2], vec![1]]);
        }
    }
}
