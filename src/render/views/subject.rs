//! What a verdict is about, as the views show it: a map (node ids, its relations' words, nodes
//! grouped under side headings) or a bare ICCMA framework (its argument names, one flat list).

use std::borrow::Cow;

use super::reasons::{Attack, Wording};
use super::side_heading;
use crate::analysis::filter::Selection;
use crate::analysis::sides;
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
}

/// A map as the subject of a verdict on its framework.
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
            .map(|ix| self.map.node(ix).id.clone())
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

impl Subject for MapSubject<'_> {
    fn groups(&self) -> Vec<(Option<String>, Vec<u32>)> {
        let shown = self
            .mf
            .nodes()
            .iter()
            .copied()
            .filter(|&ix| self.selection.is_none_or(|s| s.contains(ix)));
        let groups = sides::by_side(self.map, shown);
        let flat = groups.len() == 1 && groups.iter().all(|g| g.side.is_none());
        groups
            .into_iter()
            .map(|g| {
                let args = g.nodes.iter().filter_map(|&ix| self.mf.arg(ix)).collect();
                let heading = (!flat).then(|| side_heading(self.map, g.side.as_deref()));
                (heading, args)
            })
            .collect()
    }

    fn side(&self, a: u32) -> Option<Cow<'_, str>> {
        let ix = self.mf.node(a)?;
        self.map.node(ix).side.as_deref().map(Cow::Borrowed)
    }

    fn total(&self) -> usize {
        self.mf.framework.len()
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
    use crate::analysis::status::{verdict, Semantics, Verdict};
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
        let subject = MapSubject {
            map: &map,
            mf: &mf,
            selection: None,
        };
        let Ok(Verdict::Grounded { grounded, reasons }) =
            verdict(&mf.framework, Semantics::Grounded, Limits::default())
        else {
            panic!("grounded always succeeds");
        };
        let sentences: Vec<String> = (0..4u32)
            .map(|i| sentence(&reasons[i as usize], &mf.framework, i, &subject))
            .collect();
        assert_eq!(grounded.label(0), Label::Undec);
        assert_eq!(
            sentences,
            [
                "undecided: rebutted by <B>, which is undecided",
                "undecided: undercut by <C>, which is undecided",
                "undecided: in a cycle of contradictions with [D]",
                "undecided: in a cycle of contradictions with <C>",
            ]
        );
        assert_eq!(subject.groups(), vec![(None, vec![0, 1, 2, 3])]);
    }
}
