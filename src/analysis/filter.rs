//! Choosing part of a map: by side, tag, section, the neighbourhood of one node, or only the
//! unanswered points.
//!
//! A node is kept when it passes every criterion given; several values of one criterion are
//! alternatives (`--side pro --side con` keeps both sides). Every criterion is judged on the
//! whole map: a point's neighbourhood and whether it was answered do not change because other
//! nodes are hidden. Analyses (`status`, `prep`, `unanswered`) weigh the whole map and only show
//! the chosen nodes; `render` and `export` draw or write the chosen part as a map of its own
//! ([`Filter::apply`]), with the relations between kept nodes.

use std::collections::{BTreeSet, VecDeque};

use petgraph::stable_graph::NodeIndex;

use super::unanswered;
use super::verdicts::Verdicts;
use crate::model::Map;

/// Which nodes to keep (all of them when empty).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Keep nodes of these sides (side ids).
    pub sides: Vec<String>,
    /// Keep nodes carrying one of these tags (with or without the leading `#`).
    pub tags: Vec<String>,
    /// Keep nodes in one of these sections (id or title), subsections included.
    pub sections: Vec<String>,
    /// Keep only the neighbourhood of the node with this title (or id)...
    pub focus: Option<String>,
    /// ...up to this many relations away, following relations in either direction.
    pub depth: usize,
    /// Keep only points nobody from another side answered (see [`unanswered`]).
    pub only_unanswered: bool,
}

/// The chosen nodes of a map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// By `NodeIndex::index()`.
    keep: Vec<bool>,
    kept: usize,
    total: usize,
}

impl Selection {
    /// Every node of `map`.
    pub(crate) fn all(map: &Map) -> Selection {
        let mut keep = vec![false; map.index_bound()];
        for (ix, _) in map.nodes() {
            keep[ix.index()] = true;
        }
        Selection {
            keep,
            kept: map.node_count(),
            total: map.node_count(),
        }
    }

    /// The nodes `nodes` of `map` (each counted once; indices `map` does not have are ignored).
    pub(crate) fn of_nodes(map: &Map, nodes: &[NodeIndex]) -> Selection {
        let mut keep = vec![false; map.index_bound()];
        let mut kept = 0;
        for ix in nodes {
            if let Some(k) = keep.get_mut(ix.index()).filter(|k| !**k) {
                *k = true;
                kept += 1;
            }
        }
        Selection {
            keep,
            kept,
            total: map.node_count(),
        }
    }

    /// Whether `ix` is chosen.
    pub fn contains(&self, ix: NodeIndex) -> bool {
        self.keep.get(ix.index()).copied().unwrap_or(false)
    }

    /// How many nodes are chosen.
    pub fn kept(&self) -> usize {
        self.kept
    }

    /// How many nodes are left out.
    pub(crate) fn hidden(&self) -> usize {
        self.total - self.kept
    }
}

/// A map cut down to the chosen nodes.
#[derive(Debug, Clone)]
pub struct Filtered {
    /// The map with only the kept nodes and the relations among them.
    pub map: Map,
    /// How many nodes were left out.
    pub hidden: usize,
    /// What the whole map says about the kept nodes, by their indices in `map`. Analyses of
    /// `map` alone would judge the part out of context (with one side kept, every point would
    /// look unanswered), so a drawing of the part should show these.
    pub verdicts: Verdicts,
}

impl Filtered {
    /// The whole of `map`, nothing left out: what [`Filter::apply`] gives for an empty filter,
    /// without copying the map.
    pub fn whole(map: Map) -> Filtered {
        let verdicts = Verdicts::whole(&map);
        Filtered {
            map,
            hidden: 0,
            verdicts,
        }
    }
}

/// `Ok` when `side` is declared by the map or used by one of its nodes; else the error lists
/// the sides there are.
pub(crate) fn known_side(map: &Map, side: &str) -> Result<(), FilterError> {
    let used = map.nodes().any(|(_, n)| n.side.as_deref() == Some(side));
    if map.side(side).is_some() || used {
        return Ok(());
    }
    let mut known: Vec<String> = map.sides.iter().map(|s| s.id.clone()).collect();
    for (_, n) in map.nodes() {
        if let Some(s) = &n.side {
            if !known.iter().any(|k| k == s) {
                known.push(s.to_string());
            }
        }
    }
    Err(FilterError::UnknownSide {
        given: side.to_string(),
        known,
    })
}

/// A criterion names something the map does not have.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FilterError {
    #[error("unknown side {given:?}; {}", listing("the map's sides are", known))]
    /// No side of the map has the given id.
    UnknownSide {
        /// The side asked for.
        given: String,
        /// The sides the map declares or its nodes use.
        known: Vec<String>,
    },
    #[error(
        "no node has the tag {given:?}; {}",
        listing("the tags in the map are", known)
    )]
    /// No node carries the given tag.
    UnknownTag {
        /// The tag asked for, without its `#`.
        given: String,
        /// Every tag in the map, sorted.
        known: Vec<String>,
    },
    #[error(
        "no section is called {given:?}; {}",
        listing("the sections are", known)
    )]
    /// No section has the given id or title.
    UnknownSection {
        /// The section asked for.
        given: String,
        /// The sections the map has.
        known: Vec<String>,
    },
    #[error("no node is titled {given:?}; {}", listing(if *similar { "similar titles" } else { "some titles" }, known))]
    /// No node has the given focus title.
    UnknownFocus {
        /// The title asked for.
        given: String,
        /// Titles containing the given text (or the first titles of the map when none does).
        known: Vec<String>,
        /// Whether `known` holds titles containing the given text (not just the first titles).
        similar: bool,
    },
}

/// How many names an error lists at most.
const LISTED: usize = 20;

fn listing(what: &str, known: &[String]) -> String {
    if known.is_empty() {
        return format!("{what}: none");
    }
    let shown: Vec<&str> = known.iter().take(LISTED).map(String::as_str).collect();
    let more = known.len().saturating_sub(LISTED);
    if more > 0 {
        format!("{what}: {} and {more} more", shown.join(", "))
    } else {
        format!("{what}: {}", shown.join(", "))
    }
}

/// The node with this title (or id); else [`FilterError::UnknownFocus`], listing the titles
/// that contain the given text, or the map's first titles when none does.
pub fn find_node(map: &Map, title: &str) -> Result<NodeIndex, FilterError> {
    if let Some(ix) = map.find_title(title) {
        return Ok(ix);
    }
    let lower = title.to_lowercase();
    let similar: Vec<String> = map
        .nodes()
        .filter(|(_, n)| n.title.to_lowercase().contains(&lower))
        .map(|(_, n)| n.title.to_string())
        .collect();
    let is_similar = !similar.is_empty();
    let known = if is_similar {
        similar
    } else {
        map.nodes().map(|(_, n)| n.title.to_string()).collect()
    };
    Err(FilterError::UnknownFocus {
        given: title.to_string(),
        known,
        similar: is_similar,
    })
}

impl Filter {
    /// Whether the filter keeps every node.
    pub fn is_empty(&self) -> bool {
        self.sides.is_empty()
            && self.tags.is_empty()
            && self.sections.is_empty()
            && self.focus.is_none()
            && !self.only_unanswered
    }

    /// The nodes of `map` this filter keeps; an error when a side, tag, section or focus title
    /// is not in the map.
    pub fn select(&self, map: &Map) -> Result<Selection, FilterError> {
        let mut sel = Selection::all(map);
        if self.is_empty() {
            return Ok(sel);
        }
        for side in &self.sides {
            known_side(map, side)?;
        }
        let tags: Vec<&str> = self
            .tags
            .iter()
            .map(|t| t.trim_start_matches('#'))
            .collect();
        for &tag in &tags {
            if !map.nodes().any(|(_, n)| n.tags.iter().any(|t| t == tag)) {
                let known: BTreeSet<String> = map
                    .nodes()
                    .flat_map(|(_, n)| n.tags.iter().cloned())
                    .collect();
                return Err(FilterError::UnknownTag {
                    given: tag.to_string(),
                    known: known.into_iter().collect(),
                });
            }
        }
        let sections = self.section_ids(map)?;
        let focus = match &self.focus {
            Some(title) => Some(self.neighbourhood(map, title)?),
            None => None,
        };
        let camps = super::camps::Camps::of(map);
        for (ix, node) in map.nodes() {
            let side_ok = self.sides.is_empty()
                || node
                    .side
                    .as_ref()
                    .is_some_and(|s| self.sides.iter().any(|x| x == s));
            let tag_ok = tags.is_empty() || node.tags.iter().any(|t| tags.contains(&t.as_str()));
            let section_ok = sections.is_empty()
                || node
                    .section
                    .as_ref()
                    .is_some_and(|s| sections.contains(s.as_str()));
            let focus_ok = focus.as_ref().is_none_or(|f| f.contains(&ix));
            let unanswered_ok = !self.only_unanswered || !unanswered::is_answered(map, &camps, ix);
            if !(side_ok && tag_ok && section_ok && focus_ok && unanswered_ok) {
                sel.keep[ix.index()] = false;
                sel.kept -= 1;
            }
        }
        Ok(sel)
    }

    /// The chosen sections and all their subsections, as ids.
    fn section_ids(&self, map: &Map) -> Result<BTreeSet<String>, FilterError> {
        let mut chosen = BTreeSet::new();
        for wanted in &self.sections {
            let found: Vec<&str> = map
                .sections
                .iter()
                .filter(|s| &s.id == wanted || s.title == *wanted)
                .map(|s| s.id.as_str())
                .collect();
            if found.is_empty() {
                return Err(FilterError::UnknownSection {
                    given: wanted.clone(),
                    known: map.sections.iter().map(|s| s.title.clone()).collect(),
                });
            }
            chosen.extend(found.into_iter().map(String::from));
        }
        // Subsections: sections are listed parents first, but repeat until nothing changes to
        // be independent of order (each round is linear; depth is bounded by heading levels).
        loop {
            let before = chosen.len();
            for s in &map.sections {
                if s.parent.as_ref().is_some_and(|p| chosen.contains(p)) {
                    chosen.insert(s.id.clone());
                }
            }
            if chosen.len() == before {
                break;
            }
        }
        Ok(chosen)
    }

    /// The nodes at most `depth` relations away from the node titled `title`.
    fn neighbourhood(&self, map: &Map, title: &str) -> Result<BTreeSet<NodeIndex>, FilterError> {
        let start = find_node(map, title)?;
        let mut seen = BTreeSet::from([start]);
        let mut queue = VecDeque::from([(start, 0usize)]);
        while let Some((ix, d)) = queue.pop_front() {
            if d >= self.depth {
                continue;
            }
            // Breadth first, each node at its shortest distance whatever the order.
            let next = map
                .outgoing_unordered(ix)
                .map(|(t, _)| t)
                .chain(map.incoming_unordered(ix).map(|(s, _)| s));
            for other in next {
                if seen.insert(other) {
                    queue.push_back((other, d + 1));
                }
            }
        }
        Ok(seen)
    }

    /// The chosen part of `map` as a map of its own: the same title, sides, sources and
    /// sections, the kept nodes in order and the relations among them.
    pub fn apply(&self, map: &Map) -> Result<Filtered, FilterError> {
        let sel = self.select(map)?;
        let (part, moved) = restrict_moving(map, &sel);
        let verdicts = Verdicts::whole(map).moved(&moved, part.index_bound());
        Ok(Filtered {
            map: part,
            hidden: sel.hidden(),
            verdicts,
        })
    }
}

/// The map restricted to the selection.
pub fn restrict(map: &Map, sel: &Selection) -> Map {
    restrict_moving(map, sel).0
}

/// The map restricted to the selection, and where each node went (by `NodeIndex::index()` in
/// `map`; `None` for the nodes left out).
pub(crate) fn restrict_moving(map: &Map, sel: &Selection) -> (Map, Vec<Option<NodeIndex>>) {
    let mut out = Map::new();
    out.title = map.title.clone();
    out.sides = map.sides.clone();
    out.sources = map.sources.clone();
    out.sections = map.sections.clone();
    out.camps = map.camps.clone();
    // The motion goes with its statement: a part without it names no motion.
    if map.motion_node().is_some_and(|m| sel.contains(m)) {
        out.motion = map.motion.clone();
        out.motion_origin = map.motion_origin;
    }
    let mut new_ix = vec![None; map.index_bound()];
    for (ix, node) in map.nodes() {
        if sel.contains(ix) {
            if let Ok(n) = out.add_node(node.clone()) {
                new_ix[ix.index()] = Some(n);
            }
        }
    }
    for (a, b, edge) in map.edges() {
        let get = |ix: NodeIndex| new_ix.get(ix.index()).copied().flatten();
        if let (Some(x), Some(y)) = (get(a), get(b)) {
            out.add_edge(x, y, edge.clone());
        }
    }
    (out, new_ix)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Label;
    use crate::model::{Edge, Node, Relation, Section, Side};

    /// C <- P (pro supports), C <- R (con rebuts), R <- U (pro undercuts), X alone (con, tagged).
    fn map() -> (Map, [NodeIndex; 5]) {
        let mut map = Map::new();
        for id in ["pro", "con"] {
            map.sides.push(Side {
                id: id.into(),
                label: id.to_uppercase(),
                color: None,
            });
        }
        map.sections.push(Section {
            id: "s1".into(),
            title: "Costs".into(),
            level: 1,
            parent: None,
            side: None,
        });
        map.sections.push(Section {
            id: "s2".into(),
            title: "Childcare".into(),
            level: 2,
            parent: Some("s1".into()),
            side: None,
        });
        let mut add = |n: Node| map.add_node(n).unwrap();
        let c = add(Node::statement("C", "").with_side("pro"));
        let p = add(Node::argument("P", "").with_side("pro"));
        let mut r = Node::argument("R", "").with_side("con");
        r.section = Some("s2".into());
        let r = add(r);
        let u = add(Node::argument("U", "").with_side("pro").with_tag("money"));
        let x = add(Node::statement("X", "").with_side("con").with_tag("money"));
        map.add_edge(p, c, Edge::new(Relation::Supports));
        map.add_edge(r, c, Edge::new(Relation::Rebuts));
        map.add_edge(u, r, Edge::new(Relation::Undercuts));
        (map, [c, p, r, u, x])
    }

    fn kept(f: &Filter, map: &Map) -> Vec<String> {
        let sel = f.select(map).unwrap();
        map.nodes()
            .filter(|(ix, _)| sel.contains(*ix))
            .map(|(_, n)| n.title.to_string())
            .collect()
    }

    #[test]
    fn criteria_combine() {
        let (map, _) = map();
        let side = Filter {
            sides: vec!["pro".into()],
            ..Filter::default()
        };
        assert_eq!(kept(&side, &map), ["C", "P", "U"]);
        let tag = Filter {
            tags: vec!["#money".into()],
            ..side.clone()
        };
        assert_eq!(kept(&tag, &map), ["U"]);
        let section = Filter {
            sections: vec!["Costs".into()],
            ..Filter::default()
        };
        assert_eq!(kept(&section, &map), ["R"], "subsections are included");
        let unanswered = Filter {
            only_unanswered: true,
            ..Filter::default()
        };
        assert_eq!(kept(&unanswered, &map), ["P", "U", "X"]);
    }

    #[test]
    fn a_part_keeps_the_camps_and_the_motion_only_with_its_statement() {
        let (mut map, _) = map();
        map.motion = Some("C".into());
        map.add_camp("all", "All", &["pro"]);
        let pro = Filter {
            sides: vec!["pro".into()],
            ..Filter::default()
        };
        let part = pro.apply(&map).unwrap().map;
        assert_eq!(part.motion.as_deref(), Some("C"));
        assert_eq!(part.camps, map.camps);
        let con = Filter {
            sides: vec!["con".into()],
            ..Filter::default()
        };
        assert_eq!(con.apply(&map).unwrap().map.motion, None);
    }

    #[test]
    fn focus_follows_relations_both_ways() {
        let (map, _) = map();
        let f = |depth| Filter {
            focus: Some("R".into()),
            depth,
            ..Filter::default()
        };
        assert_eq!(kept(&f(0), &map), ["R"]);
        assert_eq!(kept(&f(1), &map), ["C", "R", "U"]);
        assert_eq!(kept(&f(2), &map), ["C", "P", "R", "U"]);
        let filtered = f(1).apply(&map).unwrap();
        assert_eq!(filtered.hidden, 2);
        assert_eq!(filtered.verdicts.len(), 3);
        // Keeping only con's R and X: alone, R would look unanswered and standing; the whole
        // map says U (pro) undercuts it, so it is answered and falls.
        let con = Filter {
            sides: vec!["con".into()],
            ..Filter::default()
        };
        let part = con.apply(&map).unwrap();
        assert_eq!(part.map.node_count(), 2);
        let v = &part.verdicts;
        let in_part = |id: &str| part.map.find(id).unwrap();
        assert_eq!(v.label(in_part("<R>")), Label::Out);
        assert!(!v.is_unanswered(in_part("<R>")));
        assert!(v.is_unanswered(in_part("[X]")));
        assert_eq!(filtered.map.node_count(), 3);
        assert_eq!(filtered.map.edge_count(), 2);
    }

    #[test]
    fn unknown_names_are_errors_listing_what_exists() {
        let (map, _) = map();
        let err = |f: Filter| f.select(&map).unwrap_err().to_string();
        assert_eq!(
            err(Filter {
                sides: vec!["neutral".into()],
                ..Filter::default()
            }),
            "unknown side \"neutral\"; the map's sides are: pro, con"
        );
        assert_eq!(
            err(Filter {
                tags: vec!["time".into()],
                ..Filter::default()
            }),
            "no node has the tag \"time\"; the tags in the map are: money"
        );
        assert_eq!(
            err(Filter {
                sections: vec!["Benefits".into()],
                ..Filter::default()
            }),
            "no section is called \"Benefits\"; the sections are: Costs, Childcare"
        );
        assert_eq!(
            err(Filter {
                focus: Some("Q".into()),
                ..Filter::default()
            }),
            "no node is titled \"Q\"; some titles: C, P, R, U, X"
        );
        assert_eq!(
            err(Filter {
                focus: Some("r".into()),
                ..Filter::default()
            }),
            "no node is titled \"r\"; similar titles: R"
        );
    }
}
