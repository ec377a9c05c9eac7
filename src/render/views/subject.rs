//! What a verdict is about, as the views show it: a map (node ids, its relations' words, the
//! motion first, then the theses of each camp, then the other nodes under side headings, the
//! points named in reasons ordered by camp and strength, what verdicts hinge on) or a bare ICCMA
//! framework (its argument names, one flat list).

use std::borrow::Cow;

use petgraph::stable_graph::NodeIndex;

use super::reasons::{Attack, Because, Wording};
use super::side_heading;
use crate::analysis::camps::Camps;
use crate::analysis::filter::Selection;
use crate::analysis::hinges::Hinge;
use crate::analysis::reasons::Reasons;
use crate::analysis::sides;
use crate::analysis::stakes::Stakes;
use crate::analysis::strength::{self, base_score, Strengths};
use crate::analysis::why::{self, Hinges, NotComputed};
use crate::graph::framework::MapFramework;
use crate::graph::names::Names;
use crate::model::{Map, Relation};

/// What a verdict is about: names, sides and the order in which to show the arguments.
pub trait Subject: Wording {
    /// The arguments to show, in groups: `(heading, arguments)`; a `None` heading for a flat
    /// list.
    fn groups(&self) -> Vec<(Option<String>, Vec<u32>)>;
    /// The side of argument `a`, if it has one.
    fn side(&self, a: u32) -> Option<Cow<'_, str>>;
    /// How many arguments there are in all.
    fn total(&self) -> usize;
    /// The title of argument `a` (its name when it has no other).
    fn title(&self, a: u32) -> String {
        self.name(a)
    }
    /// The points `a`'s reason names, in the order to name them (argument order unless the
    /// subject knows better).
    fn because(&self, reasons: &Reasons, a: u32) -> Because {
        Because::plain(reasons, a)
    }
    /// What the verdict on `a` hinges on, for the points whose hinges are shown.
    fn hinges(&self, _a: u32) -> Option<&Result<Vec<Hinge>, NotComputed>> {
        None
    }
    /// The name of a map node (in a hinge).
    fn node_name(&self, _ix: NodeIndex) -> String {
        String::new()
    }
    /// The arguments supporting `a`, each once.
    fn supporters(&self, _a: u32) -> Vec<u32> {
        Vec::new()
    }
    /// `a`'s base score.
    fn base(&self, _a: u32) -> f64 {
        strength::DEFAULT_BASE
    }
}

/// A map's nodes named for the sentences about its framework (ids, and the word for each
/// attack).
pub struct MapSubject<'a> {
    /// The map the verdict is about.
    pub map: &'a Map,
    /// The map's framework, relating its arguments to its nodes.
    pub mf: &'a MapFramework,
    /// The nodes to show (all when `None`).
    pub selection: Option<&'a Selection>,
}

impl Wording for MapSubject<'_> {
    fn name(&self, a: u32) -> String {
        self.mf
            .node(a)
            .map(|ix| self.map.node(ix).id.to_string())
            .unwrap_or_default()
    }

    fn attack(&self, from: u32, to: u32) -> Attack {
        let (Some(f), Some(t)) = (self.mf.node(from), self.mf.node(to)) else {
            return Attack::Rebuttal;
        };
        let direct = self.map.outgoing(f).find(|&(x, r)| x == t && r.is_attack());
        match direct.map(|(_, r)| r) {
            Some(Relation::Undercuts) => Attack::Undercut,
            Some(Relation::Contradicts) => Attack::Contradiction,
            Some(_) => Attack::Rebuttal,
            // The other direction of a contradiction.
            None => Attack::Contradiction,
        }
    }

    fn generic(&self) -> Attack {
        Attack::Rebuttal
    }
}

/// A map as the subject of `status`: its wording, camps, stakes, strengths and the hinges of
/// the points explained.
pub struct MapStatus<'a> {
    /// The map and its framework, as named in sentences.
    pub words: MapSubject<'a>,
    /// The map's camps.
    pub camps: Camps,
    /// The stakes of its points (which are the motion and theses).
    pub stakes: Stakes,
    /// Its nodes' strengths.
    pub strengths: &'a Strengths,
    /// What the motion, the theses and the points asked for hinge on.
    pub hinges: Hinges,
}

impl<'a> MapStatus<'a> {
    /// The subject `words` describes, with the map's camps and stakes, `strengths` and `hinges`.
    pub fn new(words: MapSubject<'a>, strengths: &'a Strengths, hinges: Hinges) -> MapStatus<'a> {
        MapStatus {
            camps: Camps::of(words.map),
            stakes: Stakes::of(words.map),
            words,
            strengths,
            hinges,
        }
    }

    fn node(&self, a: u32) -> Option<NodeIndex> {
        self.words.mf.node(a)
    }
}

impl Wording for MapStatus<'_> {
    fn name(&self, a: u32) -> String {
        self.words.name(a)
    }

    fn attack(&self, from: u32, to: u32) -> Attack {
        self.words.attack(from, to)
    }

    fn generic(&self) -> Attack {
        self.words.generic()
    }

    fn note(&self, b: u32) -> Option<String> {
        let ix = self.node(b)?;
        let strength = self.strengths.get(ix);
        Some(match self.words.map.node(ix).side.as_deref() {
            Some(side) => format!("{side}, strength {strength:.2}"),
            None => format!("strength {strength:.2}"),
        })
    }
}

impl Subject for MapStatus<'_> {
    fn groups(&self) -> Vec<(Option<String>, Vec<u32>)> {
        let map = self.words.map;
        let (mf, selection) = (self.words.mf, self.words.selection);
        let shown = |ix: &NodeIndex| selection.is_none_or(|s| s.contains(*ix));
        let mut groups: Vec<(Option<String>, Vec<u32>)> = Vec::new();
        let motion = map.motion_node().filter(shown);
        if let Some(m) = motion {
            groups.extend(mf.arg(m).map(|a| (Some("Motion".to_string()), vec![a])));
        }
        // The theses, by camp in the camps' order.
        let mut by_camp: Vec<(Option<u32>, Vec<u32>)> = Vec::new();
        for ix in self.stakes.theses(map).filter(shown) {
            let camp = self.camps.camp(ix);
            let Some(a) = mf.arg(ix) else { continue };
            match by_camp.iter_mut().find(|(c, _)| *c == camp) {
                Some((_, args)) => args.push(a),
                None => by_camp.push((camp, vec![a])),
            }
        }
        by_camp.sort_by_key(|(c, _)| c.unwrap_or(u32::MAX));
        for (camp, args) in by_camp {
            let who = match camp.and_then(|c| self.camps.info(c)) {
                Some(info) if info.declared => format!("{} ({})", info.label, info.id),
                Some(info) => side_heading(map, Some(&info.id)),
                None => "No side".to_string(),
            };
            groups.push((Some(format!("Theses: {who}")), args));
        }
        let rest = mf
            .nodes()
            .iter()
            .copied()
            .filter(shown)
            .filter(|&ix| Some(ix) != motion && !self.stakes.is_thesis(ix));
        let sided = sides::by_side(map, rest);
        let flat = groups.is_empty() && sided.len() == 1 && sided.iter().all(|g| g.side.is_none());
        groups.extend(sided.into_iter().map(|g| {
            let args = g.nodes.iter().filter_map(|&ix| mf.arg(ix)).collect();
            let heading = (!flat).then(|| side_heading(map, g.side.as_deref()));
            (heading, args)
        }));
        groups
    }

    fn side(&self, a: u32) -> Option<Cow<'_, str>> {
        let ix = self.node(a)?;
        self.words.map.node(ix).side.as_deref().map(Cow::Borrowed)
    }

    fn total(&self) -> usize {
        self.words.mf.framework.len()
    }

    fn title(&self, a: u32) -> String {
        self.node(a)
            .map(|ix| self.words.map.node(ix).title.to_string())
            .unwrap_or_default()
    }

    fn because(&self, reasons: &Reasons, a: u32) -> Because {
        let (Some(point), Some(reason)) = (self.node(a), reasons.get(a)) else {
            return Because::plain(reasons, a);
        };
        let mf = self.words.mf;
        let named = reasons.because(a).iter().filter_map(|&b| mf.node(b));
        let order = why::order(&self.camps, self.strengths, point, reason, named);
        let args = |v: Vec<NodeIndex>| v.into_iter().filter_map(|ix| mf.arg(ix)).collect();
        Because {
            first: args(order.first),
            allies: args(order.allies),
        }
    }

    fn hinges(&self, a: u32) -> Option<&Result<Vec<Hinge>, NotComputed>> {
        self.hinges.get(self.node(a)?)
    }

    fn node_name(&self, ix: NodeIndex) -> String {
        self.words.map.node(ix).id.to_string()
    }

    fn supporters(&self, a: u32) -> Vec<u32> {
        let Some(ix) = self.node(a) else {
            return Vec::new();
        };
        let mut args: Vec<u32> = self
            .words
            .map
            .incoming_unordered(ix)
            .filter(|&(_, r)| r == Relation::Supports)
            .filter_map(|(from, _)| self.words.mf.arg(from))
            .collect();
        args.sort_unstable();
        args.dedup();
        args
    }

    fn base(&self, a: u32) -> f64 {
        self.node(a).map_or(strength::DEFAULT_BASE, |ix| {
            base_score(self.words.map.node(ix))
        })
    }
}

/// A bare framework (read from an ICCMA file) as the subject of a verdict.
pub struct FrameworkSubject<'a> {
    /// The name of each argument.
    pub names: &'a Names,
    /// How many arguments the framework has.
    pub len: usize,
}

impl Wording for FrameworkSubject<'_> {
    fn name(&self, a: u32) -> String {
        self.names.get(a).into_owned()
    }

    fn attack(&self, _: u32, _: u32) -> Attack {
        Attack::Attack
    }

    fn generic(&self) -> Attack {
        Attack::Attack
    }
}

impl Subject for FrameworkSubject<'_> {
    fn groups(&self) -> Vec<(Option<String>, Vec<u32>)> {
        vec![(None, (0..self.len as u32).collect())]
    }

    fn side(&self, _: u32) -> Option<Cow<'_, str>> {
        None
    }

    fn total(&self) -> usize {
        self.len
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::extensions::Limits;
    use crate::analysis::status::{verdict_of_map, Semantics};
    use crate::graph::Label;
    use crate::render::views::reasons::sentence;

    #[test]
    fn map_wording_names_the_relation() {
        let (map, _) = Map::of(
            [("[A]", ""), ("<B>", ""), ("<C>", ""), ("[D]", "")],
            &[
                ("<B>", Relation::Rebuts, "[A]"),
                ("<C>", Relation::Undercuts, "<B>"),
                ("[D]", Relation::Contradicts, "<C>"),
            ],
        );
        let mf = MapFramework::new(&map).unwrap();
        let strengths = Strengths::of(&map);
        let subject = MapStatus::new(
            MapSubject {
                map: &map,
                mf: &mf,
                selection: None,
            },
            &strengths,
            Hinges::default(),
        );
        let v = verdict_of_map(&mf, &strengths, Semantics::Grounded, Limits::default()).unwrap();
        let sentences: Vec<String> = (0..4u32)
            .map(|i| {
                let because = subject.because(&v.reasons, i);
                let reason = v.reasons.get(i).unwrap();
                sentence(reason, &because, v.reasons.cycle_size(i), i, &subject)
            })
            .collect();
        assert_eq!(v.grounded.label(0), Label::Undec);
        assert_eq!(
            sentences,
            [
                "undecided: rebutted by <B> (strength 0.33), which is undecided",
                "undecided: undercut by <C> (strength 0.33), which is undecided",
                "undecided: in a cycle of contradictions with [D]",
                "undecided: in a cycle of contradictions with <C>",
            ]
        );
        // [A] is the only claim: the thesis, before the rest.
        assert_eq!(
            subject.groups(),
            vec![
                (Some("Theses: No side".to_string()), vec![0]),
                (Some("No side".to_string()), vec![1, 2, 3])
            ]
        );
    }

    #[test]
    fn the_motion_first_then_theses_by_camp_then_sides() {
        // M is the motion; T (con) rebuts it; U (pro) is a claim; R (pro) rebuts T; X (cde)
        // is a claim in no camp.
        let (mut map, _) = Map::of(
            [
                ("[T]", "con"),
                ("[U]", "pro"),
                ("<R>", "pro"),
                ("[M]", ""),
                ("[X]", "cde"),
            ],
            &[
                ("[T]", Relation::Rebuts, "[M]"),
                ("<R>", Relation::Rebuts, "[T]"),
            ],
        );
        map.motion = Some("M".into());
        map.add_camp("for", "For", &["pro"]);
        let mf = MapFramework::new(&map).unwrap();
        let strengths = Strengths::of(&map);
        let words = MapSubject {
            map: &map,
            mf: &mf,
            selection: None,
        };
        let subject = MapStatus::new(words, &strengths, Hinges::default());
        let groups: Vec<(String, Vec<u32>)> = subject
            .groups()
            .into_iter()
            .map(|(h, a)| (h.unwrap_or_default(), a))
            .collect();
        let s = |x: &str| x.to_string();
        assert_eq!(
            groups,
            [
                (s("Motion"), vec![3]),
                (s("Theses: For (for)"), vec![1]),
                (s("Theses: con"), vec![0]),
                (s("Theses: cde"), vec![4]),
                (s("pro"), vec![2]),
            ]
        );
    }
}
