//! Camps: who is on whose side of the motion.
//!
//! A *camp* is a group of sides that argue for the same answer to the motion: allies. The map
//! declares camps in its frontmatter (`camps: {for: {label, sides: [utla, ...]}}`); a side in no
//! declared camp is a camp of its own, so a map without camps treats every side as everyone's
//! opponent, as before camps existed.
//!
//! - Two nodes are **allies** when they are in the same camp.
//! - Two nodes are **opponents** when they are in different camps. A node without a side is in
//!   no camp and is everyone's opponent (nobody speaks for it); so is the motion, whatever side
//!   it was given (the map's check reports that side, E015).
//! - An attack between allies is an **internal dispute**: it is listed apart and never counts as
//!   an answer (see [`super::unanswered`]).
//!
//! The camps are listed in the order a reader expects: the declared camps in the order
//! declared, then each side in no camp in the order the sides are declared, then sides that
//! nodes use without declaring them, in order of first use.

use std::collections::HashMap;

use petgraph::stable_graph::NodeIndex;

use crate::model::{Map, Relation};

/// A camp's number in [`Camps::list`].
pub type CampId = u32;

/// One camp, declared or made of one side in no declared camp.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampInfo {
    /// The declared camp's id, or the side's id for a camp of one side.
    pub id: String,
    /// The declared camp's label, or the side's label (its id when undeclared).
    pub label: String,
    /// The ids of its sides.
    pub sides: Vec<String>,
    /// Whether the map declares this camp (`false`: a side in no camp).
    pub declared: bool,
}

/// The camps of a map and the camp of each of its nodes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Camps {
    list: Vec<CampInfo>,
    /// By `NodeIndex::index()`: the node's camp, `NONE` when it has no side.
    of_node: Vec<CampId>,
}

const NONE: CampId = CampId::MAX;

impl Camps {
    /// The camps of `map`. Linear in nodes + sides. A side named by two camps counts in the
    /// first (the map's check reports the second, E015).
    pub fn of(map: &Map) -> Camps {
        let mut list: Vec<CampInfo> = Vec::new();
        let mut by_side: HashMap<&str, CampId> = HashMap::new();
        for camp in &map.camps {
            let id = list.len() as CampId;
            let mut sides = Vec::new();
            for side in &camp.sides {
                if !by_side.contains_key(side.as_str()) {
                    by_side.insert(side, id);
                    sides.push(side.clone());
                }
            }
            list.push(CampInfo {
                id: camp.id.clone(),
                label: camp.label.clone(),
                sides,
                declared: true,
            });
        }
        let alone = |side: &str, label: &str, list: &mut Vec<CampInfo>| {
            let id = list.len() as CampId;
            list.push(CampInfo {
                id: side.to_string(),
                label: label.to_string(),
                sides: vec![side.to_string()],
                declared: false,
            });
            id
        };
        let mut own: HashMap<String, CampId> = HashMap::new();
        for side in &map.sides {
            if !by_side.contains_key(side.id.as_str()) && !own.contains_key(&side.id) {
                let id = alone(&side.id, &side.label, &mut list);
                own.insert(side.id.clone(), id);
            }
        }
        let bound = map.index_bound();
        let mut of_node = vec![NONE; bound];
        let motion = map.motion_node();
        for (ix, node) in map.nodes() {
            // The motion is nobody's, whatever side it was given (E015 reports one).
            let Some(side) = node.side.as_deref().filter(|_| Some(ix) != motion) else {
                continue;
            };
            let camp = match by_side.get(side) {
                Some(&c) => c,
                None => match own.get(side) {
                    Some(&c) => c,
                    None => {
                        let c = alone(side, side, &mut list);
                        own.insert(side.to_string(), c);
                        c
                    }
                },
            };
            of_node[ix.index()] = camp;
        }
        Camps { list, of_node }
    }

    /// Every camp, in the order of the module documentation.
    pub fn list(&self) -> &[CampInfo] {
        &self.list
    }

    /// The camp numbered `id`.
    pub fn info(&self, id: CampId) -> Option<&CampInfo> {
        self.list.get(id as usize)
    }

    /// The node's camp (`None` for a node without a side).
    pub fn camp(&self, ix: NodeIndex) -> Option<CampId> {
        match self.of_node.get(ix.index()) {
            Some(&c) if c != NONE => Some(c),
            _ => None,
        }
    }

    /// The camp with this id, or the camp of the side with this id.
    pub fn find(&self, id: &str) -> Option<CampId> {
        let position =
            |f: &dyn Fn(&CampInfo) -> bool| self.list.iter().position(f).map(|p| p as CampId);
        position(&|c| c.id == id).or_else(|| position(&|c| c.sides.iter().any(|s| s == id)))
    }

    /// The camp whose sides include the side with this id.
    pub fn of_side(&self, side: &str) -> Option<CampId> {
        self.list
            .iter()
            .position(|c| c.sides.iter().any(|s| s == side))
            .map(|p| p as CampId)
    }

    /// Whether `a` and `b` are opponents: in different camps, or either without a side.
    pub fn opponents(&self, a: NodeIndex, b: NodeIndex) -> bool {
        match (self.camp(a), self.camp(b)) {
            (Some(x), Some(y)) => x != y,
            _ => true,
        }
    }

    /// Whether `a` and `b` are allies: in the same camp.
    pub fn allies(&self, a: NodeIndex, b: NodeIndex) -> bool {
        !self.opponents(a, b)
    }
}

/// One attack between allies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dispute {
    /// The attacking node.
    pub from: NodeIndex,
    /// The node attacked.
    pub to: NodeIndex,
    /// How (`rebuts`, `undercuts` or `contradicts`).
    pub relation: Relation,
}

/// Every attack between allies (internal disputes), in the order the relations were written.
pub fn internal_disputes(map: &Map, camps: &Camps) -> Vec<Dispute> {
    map.edges()
        .filter(|(a, b, e)| e.relation.is_attack() && a != b && camps.allies(*a, *b))
        .map(|(from, to, e)| Dispute {
            from,
            to,
            relation: e.relation,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Camp, Side};

    fn side(id: &str) -> Side {
        Side {
            id: id.into(),
            label: id.to_uppercase(),
            color: None,
        }
    }

    #[test]
    fn declared_camps_then_sides_alone_then_undeclared_sides() {
        let (mut map, [a, b, c, d, e]) = Map::of(
            [
                ("[A]", "utla"),
                ("[B]", "readers"),
                ("[C]", "alliance"),
                ("[D]", "cde"),
                ("[E]", ""),
            ],
            &[],
        );
        map.node_mut(e).side = Some("stray".into());
        map.sides = vec![side("utla"), side("alliance"), side("readers"), side("cde")];
        map.camps = vec![
            Camp {
                id: "for".into(),
                label: "For".into(),
                sides: vec!["utla".into(), "readers".into()],
                origin: None,
            },
            Camp {
                id: "against".into(),
                label: "Against".into(),
                sides: vec!["alliance".into()],
                origin: None,
            },
        ];
        let camps = Camps::of(&map);
        let ids: Vec<(&str, &str, bool)> = camps
            .list()
            .iter()
            .map(|c| (c.id.as_str(), c.label.as_str(), c.declared))
            .collect();
        assert_eq!(
            ids,
            [
                ("for", "For", true),
                ("against", "Against", true),
                ("cde", "CDE", false),
                ("stray", "stray", false)
            ]
        );
        assert_eq!(
            [a, b, c, d, e].map(|n| camps.camp(n)),
            [Some(0), Some(0), Some(1), Some(2), Some(3)]
        );
        assert!(camps.allies(a, b) && camps.opponents(a, c) && camps.opponents(c, d));
        assert_eq!(camps.find("readers"), Some(0));
        assert_eq!(camps.find("against"), Some(1));
        assert_eq!(camps.find("nobody"), None);
        // A camp's id is no side: `of_side` finds only the camp holding the side.
        assert_eq!(camps.of_side("readers"), Some(0));
        assert_eq!(camps.of_side("for"), None);
        assert_eq!(camps.of_side("cde"), camps.find("cde"));
    }

    #[test]
    fn a_node_without_a_side_is_everyones_opponent() {
        let (map, [m, a]) = Map::of([("[M]", ""), ("[A]", "pro")], &[]);
        let camps = Camps::of(&map);
        assert_eq!(camps.camp(m), None);
        assert!(camps.opponents(m, a) && camps.opponents(m, m));
    }

    #[test]
    fn the_motion_is_nobodys_whatever_its_side() {
        let (mut map, [m, a]) = Map::of([("[M]", "pro"), ("[A]", "pro")], &[]);
        map.motion = Some("M".into());
        let camps = Camps::of(&map);
        assert_eq!((camps.camp(m), camps.camp(a)), (None, Some(0)));
        assert!(camps.opponents(m, a));
    }

    #[test]
    fn attacks_between_allies_are_internal_disputes() {
        let (mut map, [a, b, _, d]) = Map::of(
            [("[A]", "x"), ("[B]", "y"), ("[C]", "z"), ("[D]", "x")],
            &[
                ("[B]", Relation::Rebuts, "[A]"),
                ("[C]", Relation::Rebuts, "[A]"),
                ("[D]", Relation::Supports, "[A]"),
                ("[D]", Relation::Undercuts, "[A]"),
            ],
        );
        // Without camps, only same-side attacks are between allies.
        let disputes = internal_disputes(&map, &Camps::of(&map));
        assert_eq!(
            disputes,
            [Dispute {
                from: d,
                to: a,
                relation: Relation::Undercuts
            }]
        );
        map.add_camp("xy", "X and Y", &["x", "y"]);
        let disputes = internal_disputes(&map, &Camps::of(&map));
        assert_eq!(
            disputes.iter().map(|d| (d.from, d.to)).collect::<Vec<_>>(),
            [(b, a), (d, a)]
        );
    }
}
