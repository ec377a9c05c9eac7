//! The argument map: a typed graph of statements and arguments with sides, sources and citations.
//!
//! Nodes live in a petgraph [`StableDiGraph`]; an index finds a node by its id (a hash table of
//! graph indices, hashed with foldhash, that compares against the ids the nodes hold: each id is
//! stored once).
//! An edge points from the node that speaks to the node it speaks about: `A supports B` is the edge
//! `A -> B` with [`Relation::Supports`].
//!
//! Node ids follow Argdown's two namespaces: a statement titled `T` has id `[T]`, an argument
//! titled `T` has id `<T>`. Maps read from other formats may use any unique string.

use std::collections::HashSet;
use std::fmt;
use std::hash::BuildHasher;

use crate::text::file_name::FileName;
use foldhash::fast::RandomState;
use hashbrown::hash_table::{Entry, HashTable};
use petgraph::stable_graph::{EdgeIndex, EdgeReference, NodeIndex, StableDiGraph};
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use serde::{Deserialize, Serialize};

pub use crate::text::shared::Str;
pub use thin_vec::ThinVec;

mod data;
pub(crate) mod texts;

pub use data::Data;

/// Where something was written: file, 1-based line and 1-based column (in characters).
///
/// Origins never take part in equality: two maps are equal when they say the same thing,
/// whether they were read from Argdown or from JSON.
#[derive(Debug, Clone, Copy, Default)]
pub struct Origin {
    /// The file, as named to the user.
    pub file: FileName,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, counted in characters.
    pub column: u32,
}

impl PartialEq for Origin {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}
impl Eq for Origin {}

/// Argdown's two namespaces: statements `[..]` and arguments `<..>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Element {
    /// A statement, written `[Title]`: something said to be true or false.
    Statement,
    /// An argument, written `<Title>`: a piece of reasoning.
    Argument,
}

impl Element {
    /// `statement` or `argument` (as serde writes it).
    pub fn as_str(self) -> &'static str {
        match self {
            Element::Statement => "statement",
            Element::Argument => "argument",
        }
    }

    /// The node id of an element with this title: `[T]` or `<T>`.
    pub fn id_for(self, title: &str) -> String {
        let (open, close) = self.brackets();
        let mut id = String::with_capacity(title.len() + 2);
        id.push_str(open);
        id.push_str(title);
        id.push_str(close);
        id
    }

    /// `title` as a part of `id` when `id` is its id (`[title]` or `<title>`), sharing its
    /// bytes; else `title` itself.
    pub(crate) fn title_within(self, id: &Str, title: Str) -> Str {
        let (open, close) = self.brackets();
        match id.strip_prefix(open).and_then(|t| t.strip_suffix(close)) {
            Some(inner) if inner == title.as_str() => id.part_of(inner),
            _ => title,
        }
    }

    /// The brackets around the title in the element's id: `[` `]` or `<` `>`.
    pub fn brackets(self) -> (&'static str, &'static str) {
        match self {
            Element::Statement => ("[", "]"),
            Element::Argument => ("<", ">"),
        }
    }
}

/// What a node does in the debate; derived from its outgoing relations (see [`Map::kind`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// No outgoing relation: a point made in its own right.
    Claim,
    /// Every outgoing relation is `supports`.
    Support,
    /// At least one outgoing relation attacks (`rebuts`, `undercuts` or `contradicts`).
    Rebuttal,
}

impl Kind {
    /// `claim`, `support` or `rebuttal` (as serde writes it).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Claim => "claim",
            Kind::Support => "support",
            Kind::Rebuttal => "rebuttal",
        }
    }
}

/// How one node bears on another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    /// The source gives a reason for the target (Argdown `+`).
    Supports,
    /// The source attacks the target's content (Argdown `-`).
    Rebuts,
    /// The source attacks the target's inference, not its conclusion (Argdown `_`).
    Undercuts,
    /// Source and target cannot both be true (Argdown `><`); stored once, read both ways.
    Contradicts,
}

impl Relation {
    /// `supports`, `rebuts`, `undercuts` or `contradicts` (as serde writes it).
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Supports => "supports",
            Relation::Rebuts => "rebuts",
            Relation::Undercuts => "undercuts",
            Relation::Contradicts => "contradicts",
        }
    }

    /// The marker Argdown writes it with under the node that speaks: `+>`, `->`, `_>`, `><`.
    pub fn marker(self) -> &'static str {
        match self {
            Relation::Supports => "+>",
            Relation::Rebuts => "->",
            Relation::Undercuts => "_>",
            Relation::Contradicts => "><",
        }
    }

    /// Whether this relation is an attack in the sense of abstract argumentation.
    pub fn is_attack(self) -> bool {
        !matches!(self, Relation::Supports)
    }
}

impl fmt::Display for Relation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A party in the debate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Side {
    /// The side's id, as nodes and sections name it (`pro`).
    pub id: String,
    /// The side's name for people (`Supporters`).
    pub label: String,
    /// A colour for diagrams, as written (`#1b9e77`, `red`); `None` picks from the default palette.
    #[serde(default)]
    pub color: Option<String>,
}

/// Sides that argue for the same answer to the motion: allies. Nodes of different camps are
/// opponents; a side in no declared camp is a camp of its own (see `analysis::camps`).
#[derive(Debug, Clone, Eq, Serialize, Deserialize)]
pub struct Camp {
    /// The camp's id (`for`).
    pub id: String,
    /// The camp's name for people (`For unionizing`).
    pub label: String,
    /// The ids of the sides in the camp, in the order declared.
    #[serde(default)]
    pub sides: Vec<String>,
    /// Where the camp was declared, when known (never serialized).
    #[serde(skip)]
    pub origin: Option<Origin>,
}

impl PartialEq for Camp {
    fn eq(&self, o: &Self) -> bool {
        (&self.id, &self.label, &self.sides) == (&o.id, &o.label, &o.sides)
    }
}

/// A line range of a source that map authors chose not to cite, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skip {
    /// First and last line skipped (1-based, inclusive).
    pub lines: [u32; 2],
    /// Why these lines are not cited (`boilerplate`).
    pub reason: String,
}

/// A document the map cites.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Source {
    /// The source's id, as citations name it.
    pub id: String,
    /// The document's title.
    #[serde(default)]
    pub title: Option<String>,
    /// The document's author.
    #[serde(default)]
    pub author: Option<String>,
    /// The year the document was published.
    #[serde(default)]
    pub year: Option<i64>,
    /// Where the document can be found online.
    #[serde(default)]
    pub url: Option<String>,
    /// File name of the source text, looked up in the `--sources` folder.
    #[serde(default)]
    pub file: Option<String>,
    /// Line ranges deliberately left uncited (for `coverage`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skip: Vec<Skip>,
}

/// A pointer into a source: first and last line (1-based, inclusive), and an optional short quote
/// that must occur in those lines. Equality ignores the origin.
#[derive(Debug, Clone, Eq, Serialize, Deserialize)]
pub struct Citation {
    /// Id of the cited source.
    pub source: String,
    /// First and last cited line (1-based, inclusive).
    pub lines: [u32; 2],
    /// A short quote that must occur in the cited lines.
    #[serde(default)]
    pub quote: Option<String>,
    /// Where the citation was written, when known (never serialized).
    #[serde(skip)]
    pub origin: Option<Origin>,
}

/// A heading of the map: sections group nodes and may carry a default side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// The section's id (`s1`, `s2`, ... in reading order for Argdown).
    pub id: String,
    /// The heading's text.
    pub title: String,
    /// The heading level, 1 to 6 (the number of `#`).
    pub level: u8,
    /// Id of the enclosing section (the nearest heading above of a lower level), if any.
    #[serde(default)]
    pub parent: Option<String>,
    /// Id of the side the section's nodes take by default, if any.
    #[serde(default)]
    pub side: Option<String>,
}

/// A statement or argument. Equality ignores the origin.
#[derive(Debug, Eq, Serialize, Deserialize)]
pub struct Node {
    /// The node's id: `[Title]` for a statement, `<Title>` for an argument.
    pub id: Str,
    /// Whether the node is a statement or an argument.
    pub element: Element,
    /// The node's title, without the brackets.
    pub title: Str,
    /// The node's text (may be empty when the node is only ever referenced).
    #[serde(default)]
    pub text: Str,
    /// Id of the side the node is on, if any.
    #[serde(default)]
    pub side: Option<Str>,
    /// The node's tags (`#tag` in Argdown), without the `#`.
    #[serde(default)]
    pub tags: ThinVec<String>,
    /// Where in the sources the node's text is found.
    #[serde(default)]
    pub citations: ThinVec<Citation>,
    /// Id of the section the node is defined in.
    #[serde(default)]
    pub section: Option<Str>,
    /// Other metadata written on the node (`{key: value}` beyond side/cite/quote).
    #[serde(default, skip_serializing_if = "Data::is_empty")]
    pub data: Data,
    /// Where the node was defined, when known (never serialized).
    #[serde(skip)]
    pub origin: Option<Origin>,
}

impl Clone for Node {
    fn clone(&self) -> Node {
        Node {
            id: self.id.clone(),
            element: self.element,
            title: self.title.clone(),
            text: self.text.clone(),
            side: self.side.clone(),
            tags: self.tags.clone(),
            citations: self.citations.clone(),
            section: self.section.clone(),
            data: Data::from((*self.data).clone()),
            origin: self.origin,
        }
    }
}

impl Node {
    /// A statement with this title and text and nothing else.
    pub fn statement(title: impl Into<Str>, text: impl Into<Str>) -> Node {
        Node::new(Element::Statement, title.into(), text.into())
    }

    /// An argument with this title and text and nothing else.
    pub fn argument(title: impl Into<Str>, text: impl Into<Str>) -> Node {
        Node::new(Element::Argument, title.into(), text.into())
    }

    fn new(element: Element, title: Str, text: Str) -> Node {
        let id = Str::from(element.id_for(&title));
        // The title is the id without its brackets: one allocation for both.
        let title = element.title_within(&id, title);
        Node {
            id,
            element,
            title,
            text,
            side: None,
            tags: ThinVec::new(),
            citations: ThinVec::new(),
            section: None,
            data: Data::new(),
            origin: None,
        }
    }

    /// The node on side `side` (a side id).
    pub fn with_side(mut self, side: impl Into<Str>) -> Node {
        self.side = Some(side.into());
        self
    }

    /// The node with `tag` added to its tags.
    pub fn with_tag(mut self, tag: impl Into<String>) -> Node {
        self.tags.push(tag.into());
        self
    }

    /// The node with a citation of lines `first` to `last` of source `source` added (no
    /// quote).
    pub fn with_citation(mut self, source: impl Into<String>, first: u32, last: u32) -> Node {
        self.citations.push(Citation {
            source: source.into(),
            lines: [first, last],
            quote: None,
            origin: None,
        });
        self
    }
}

/// A relation between two nodes. Equality ignores the origin.
#[derive(Debug, Clone, Eq, Serialize, Deserialize)]
pub struct Edge {
    /// How the edge's source bears on its target.
    pub relation: Relation,
    /// Where the relation was written, when known (never serialized).
    #[serde(skip)]
    pub origin: Option<Origin>,
}

impl Edge {
    /// An edge with this relation and no origin.
    pub fn new(relation: Relation) -> Edge {
        Edge {
            relation,
            origin: None,
        }
    }
}

// Origins never take part in equality, whether present or not (a map read from JSON has none).
impl PartialEq for Citation {
    fn eq(&self, o: &Self) -> bool {
        (&self.source, &self.lines, &self.quote) == (&o.source, &o.lines, &o.quote)
    }
}

impl PartialEq for Node {
    fn eq(&self, o: &Self) -> bool {
        (
            &self.id,
            &self.element,
            &self.title,
            &self.text,
            &self.side,
            &self.tags,
            &self.citations,
            &self.section,
            &self.data,
        ) == (
            &o.id,
            &o.element,
            &o.title,
            &o.text,
            &o.side,
            &o.tags,
            &o.citations,
            &o.section,
            &o.data,
        )
    }
}

impl PartialEq for Edge {
    fn eq(&self, o: &Self) -> bool {
        self.relation == o.relation
    }
}

/// A node id was used twice.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a node with id {0:?} is already in the map")]
pub struct DuplicateId(pub String);

/// The whole argument map.
#[derive(Debug, Clone, Default)]
pub struct Map {
    /// The map's title, if it has one.
    pub title: Option<String>,
    /// The title of the statement the debate is about, if the map names one.
    pub motion: Option<String>,
    /// Where the motion was named, when known.
    pub motion_origin: Option<Origin>,
    /// The parties in the debate, in the order declared.
    pub sides: Vec<Side>,
    /// Groups of allied sides, in the order declared (empty: every side is a camp of its own).
    pub camps: Vec<Camp>,
    /// The documents the map cites, in the order declared.
    pub sources: Vec<Source>,
    /// The map's headings, in the order written.
    pub sections: Vec<Section>,
    graph: StableDiGraph<Node, Edge>,
    /// The graph index of every node, hashed by the node's id with `hasher`; a lookup compares
    /// against the id the node holds, so ids are not stored twice.
    index: HashTable<NodeIndex>,
    /// foldhash, seeded at random once per map (a file cannot aim at collisions).
    hasher: RandomState,
    /// Every (from, to, relation) leaving a node with at least [`HUB`] relations going out, so
    /// that [`Map::relate`] finds a duplicate at such a node in constant time instead of walking
    /// its edges (quadratic on a node with many). A node with fewer has its few edges walked.
    hub_relations: HashSet<(NodeIndex, NodeIndex, Relation), RandomState>,
}

/// How many relations a node has going out before they are also kept in
/// `Map::hub_relations`: below that, walking them is cheaper than hashing.
const HUB: usize = 8;

/// What [`Map::scan`] found among a node's outgoing relations.
enum Scan {
    /// The relation is there.
    Found,
    /// Not there, and the node has this many relations going out (fewer than [`HUB`]).
    Few(usize),
    /// The node has [`HUB`] or more: `Map::hub_relations` knows them all.
    Hub,
}

impl Map {
    /// An empty map.
    pub fn new() -> Map {
        Map::default()
    }

    /// Makes room for `nodes` more nodes and `edges` more edges in the graph (an upper bound is
    /// fine: room never used is never touched).
    pub(crate) fn reserve(&mut self, nodes: usize, edges: usize) {
        self.graph.reserve_nodes(nodes);
        self.graph.reserve_edges(edges);
        let (graph, hasher) = (&self.graph, &self.hasher);
        self.index
            .reserve(nodes, |&ix| hasher.hash_one(graph[ix].id.as_str()));
    }

    /// Adds a node; its id must be new.
    pub fn add_node(&mut self, node: Node) -> Result<NodeIndex, DuplicateId> {
        let (graph, hasher) = (&self.graph, &self.hasher);
        let hash = hasher.hash_one(node.id.as_str());
        match self.index.entry(
            hash,
            |&ix| graph[ix].id == node.id,
            |&ix| hasher.hash_one(graph[ix].id.as_str()),
        ) {
            Entry::Occupied(_) => Err(DuplicateId(node.id.into())),
            Entry::Vacant(slot) => {
                let ix = self.graph.add_node(node);
                slot.insert(ix);
                Ok(ix)
            }
        }
    }

    /// The node with id `id`, and `false`; or, when there is none, the node `make` makes (its id
    /// must be `id`), added, and `true`. One lookup instead of [`Map::find`] then
    /// [`Map::add_node`].
    pub(crate) fn find_or_add(
        &mut self,
        id: &str,
        make: impl FnOnce() -> Node,
    ) -> Result<(NodeIndex, bool), DuplicateId> {
        let (graph, hasher) = (&self.graph, &self.hasher);
        let hash = hasher.hash_one(id);
        match self.index.entry(
            hash,
            |&ix| graph[ix].id == id,
            |&ix| hasher.hash_one(graph[ix].id.as_str()),
        ) {
            Entry::Occupied(slot) => Ok((*slot.get(), false)),
            Entry::Vacant(slot) => {
                let node = make();
                if node.id != id {
                    // Not the node asked for: added under its own id, if that is free.
                    return self.add_node(node).map(|ix| (ix, true));
                }
                let ix = self.graph.add_node(node);
                slot.insert(ix);
                Ok((ix, true))
            }
        }
    }

    /// Looks for `from -relation-> to` among the relations leaving `from`, walking at most
    /// [`HUB`] of them.
    fn scan(&self, from: NodeIndex, to: NodeIndex, relation: Relation) -> Scan {
        let outgoing = self.graph.edges_directed(from, Direction::Outgoing);
        let mut seen = 0;
        for e in outgoing.take(HUB) {
            if e.target() == to && e.weight().relation == relation {
                return Scan::Found;
            }
            seen += 1;
        }
        if seen == HUB {
            Scan::Hub
        } else {
            Scan::Few(seen)
        }
    }

    /// Adds the edge, and keeps `hub_relations` whole: `before` is what `from` had going out.
    fn push_edge(&mut self, from: NodeIndex, to: NodeIndex, edge: Edge, before: Scan) -> EdgeIndex {
        let relation = edge.relation;
        let added = self.graph.add_edge(from, to, edge);
        match before {
            Scan::Hub => {
                self.hub_relations.insert((from, to, relation));
            }
            // `from` has just become a hub: its relations so far go into the set.
            Scan::Few(n) if n + 1 == HUB => {
                for e in self.graph.edges_directed(from, Direction::Outgoing) {
                    self.hub_relations
                        .insert((from, e.target(), e.weight().relation));
                }
            }
            Scan::Few(_) | Scan::Found => {}
        }
        added
    }

    /// Adds a relation `from -> to`. Parallel edges are allowed (the same relation written twice
    /// is kept twice only if the caller adds it twice).
    pub fn add_edge(&mut self, from: NodeIndex, to: NodeIndex, edge: Edge) -> EdgeIndex {
        let degree = self
            .graph
            .edges_directed(from, Direction::Outgoing)
            .take(HUB)
            .count();
        let before = if degree == HUB {
            Scan::Hub
        } else {
            Scan::Few(degree)
        };
        self.push_edge(from, to, edge, before)
    }

    /// Adds `from -relation-> to` unless the same relation already joins them. Returns whether it
    /// was added.
    pub fn relate(&mut self, from: NodeIndex, to: NodeIndex, edge: Edge) -> bool {
        match self.scan(from, to, edge.relation) {
            Scan::Found => false,
            Scan::Hub if self.hub_relations.contains(&(from, to, edge.relation)) => false,
            before => {
                self.push_edge(from, to, edge, before);
                true
            }
        }
    }

    /// The graph, for algorithms.
    pub(crate) fn graph(&self) -> &StableDiGraph<Node, Edge> {
        &self.graph
    }

    /// The node at `ix` (panics when there is none).
    pub fn node(&self, ix: NodeIndex) -> &Node {
        &self.graph[ix]
    }

    /// The node at `ix`, to change (panics when there is none). Its id must stay as it is: the
    /// map finds nodes by it.
    pub fn node_mut(&mut self, ix: NodeIndex) -> &mut Node {
        &mut self.graph[ix]
    }

    /// The graph index of the node with this id.
    pub fn find(&self, id: &str) -> Option<NodeIndex> {
        let hash = self.hasher.hash_one(id);
        self.index
            .find(hash, |&ix| self.graph[ix].id == id)
            .copied()
    }

    /// The node with this title: the statement if there is one, else the argument. Also accepts
    /// a full id (`[T]`, `<T>`).
    pub fn find_title(&self, title: &str) -> Option<NodeIndex> {
        self.find(title)
            .or_else(|| self.find(&Element::Statement.id_for(title)))
            .or_else(|| self.find(&Element::Argument.id_for(title)))
    }

    /// How many nodes and relations the map has room for without growing.
    #[cfg(test)]
    pub(crate) fn capacity(&self) -> (usize, usize) {
        self.graph.capacity()
    }

    /// How many nodes the map has.
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// How many relations the map has (each edge counted once).
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Nodes in insertion order.
    pub fn nodes(&self) -> impl Iterator<Item = (NodeIndex, &Node)> + '_ {
        self.graph
            .node_indices()
            .map(move |ix| (ix, &self.graph[ix]))
    }

    /// Edges in insertion order (the order relations were written or added): (from, to, edge).
    pub fn edges(&self) -> impl Iterator<Item = (NodeIndex, NodeIndex, &Edge)> + '_ {
        self.graph.edge_indices().filter_map(move |e| {
            let (a, b) = self.graph.edge_endpoints(e)?;
            Some((a, b, &self.graph[e]))
        })
    }

    /// The relations at `ix` in one direction, in insertion order. petgraph keeps a node's
    /// edges newest first (each new edge goes to the front of the node's list), so they are
    /// turned round here, once, for every caller. A node with at most one relation that way
    /// (most nodes of a debate) costs no allocation.
    fn edges_at(&self, ix: NodeIndex, direction: Direction) -> InOrder<'_> {
        let mut newest_first = self.graph.edges_directed(ix, direction);
        let first = newest_first.next();
        match newest_first.next() {
            None => InOrder::One(first.into_iter()),
            Some(second) => {
                let all: Vec<_> = first
                    .into_iter()
                    .chain([second])
                    .chain(newest_first)
                    .collect();
                InOrder::Many(all.into_iter().rev())
            }
        }
    }

    /// Relations leaving `ix`, in no particular order (as petgraph keeps them), without the
    /// buffer that written order may need: for questions whose answer does not depend on order
    /// (is there an attack, which nodes are near). What people read uses [`Map::outgoing`].
    pub(crate) fn outgoing_unordered(
        &self,
        ix: NodeIndex,
    ) -> impl Iterator<Item = (NodeIndex, Relation)> + '_ {
        self.graph
            .edges_directed(ix, Direction::Outgoing)
            .map(|e| (e.target(), e.weight().relation))
    }

    /// Relations arriving at `ix`, in no particular order (see [`Map::outgoing_unordered`]).
    pub(crate) fn incoming_unordered(
        &self,
        ix: NodeIndex,
    ) -> impl Iterator<Item = (NodeIndex, Relation)> + '_ {
        self.graph
            .edges_directed(ix, Direction::Incoming)
            .map(|e| (e.source(), e.weight().relation))
    }

    /// Relations leaving `ix`: (target, relation), in insertion order (the order they were
    /// written or added), as [`Map::edges`] lists them.
    pub fn outgoing(&self, ix: NodeIndex) -> impl Iterator<Item = (NodeIndex, Relation)> + '_ {
        self.edges_at(ix, Direction::Outgoing)
            .map(|e| (e.target(), e.weight().relation))
    }

    /// The edges leaving `ix`, in insertion order (for callers that need the edges themselves,
    /// e.g. to point at one relation from another).
    #[cfg(test)]
    pub(crate) fn outgoing_edges(&self, ix: NodeIndex) -> impl Iterator<Item = EdgeIndex> + '_ {
        self.edges_at(ix, Direction::Outgoing).map(|e| e.id())
    }

    /// Relations arriving at `ix`: (source, relation), in insertion order (the order they were
    /// written or added), as [`Map::edges`] lists them.
    pub fn incoming(&self, ix: NodeIndex) -> impl Iterator<Item = (NodeIndex, Relation)> + '_ {
        self.edges_at(ix, Direction::Incoming)
            .map(|e| (e.source(), e.weight().relation))
    }

    /// One past the largest node index: the length of a vector indexed by
    /// `NodeIndex::index()` that has a slot for every node.
    pub fn index_bound(&self) -> usize {
        // Indices only grow: the last node has the largest.
        self.graph
            .node_indices()
            .next_back()
            .map_or(0, |ix| ix.index() + 1)
    }

    /// The node's kind: no outgoing relation, a claim; only `supports` going out, a support;
    /// any attack going out, a rebuttal.
    pub fn kind(&self, ix: NodeIndex) -> Kind {
        let mut kind = Kind::Claim;
        for (_, relation) in self.outgoing_unordered(ix) {
            if relation.is_attack() {
                return Kind::Rebuttal;
            }
            kind = Kind::Support;
        }
        kind
    }

    /// The motion's node: the statement titled as [`Map::motion`] says (`[title]`), or a
    /// statement with that very id (maps read from other formats may use any id). Never an
    /// argument: the motion is a statement.
    pub fn motion_node(&self) -> Option<NodeIndex> {
        let title = self.motion.as_deref()?;
        self.find(&Element::Statement.id_for(title)).or_else(|| {
            self.find(title)
                .filter(|&ix| self.node(ix).element == Element::Statement)
        })
    }

    /// The declared camp with this id.
    pub fn camp(&self, id: &str) -> Option<&Camp> {
        self.camps.iter().find(|c| c.id == id)
    }

    /// The side with this id.
    pub fn side(&self, id: &str) -> Option<&Side> {
        self.sides.iter().find(|s| s.id == id)
    }

    /// The source with this id, if the map declares one.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// The section with this id, if there is one.
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }
}

/// A node's edges in one direction, oldest first (see `Map::edges_at`).
enum InOrder<'a> {
    /// None or one edge: nothing to turn round.
    One(std::option::IntoIter<EdgeReference<'a, Edge>>),
    /// Several edges, collected newest first and read backwards.
    Many(std::iter::Rev<std::vec::IntoIter<EdgeReference<'a, Edge>>>),
}

impl<'a> Iterator for InOrder<'a> {
    type Item = EdgeReference<'a, Edge>;

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            InOrder::One(edge) => edge.next(),
            InOrder::Many(edges) => edges.next(),
        }
    }
}

impl PartialEq for Map {
    /// Same title, motion, camps, sides, sources, sections, nodes (in order) and relations (as a multiset of
    /// (from id, relation, to id)).
    fn eq(&self, other: &Map) -> bool {
        if self.title != other.title
            || self.motion != other.motion
            || self.camps != other.camps
            || self.sides != other.sides
            || self.sources != other.sources
            || self.sections != other.sections
            || self.node_count() != other.node_count()
            || self.edge_count() != other.edge_count()
        {
            return false;
        }
        if !self
            .nodes()
            .map(|(_, n)| n)
            .eq(other.nodes().map(|(_, n)| n))
        {
            return false;
        }
        let triples = |m: &Map| {
            let mut v: Vec<(Str, Relation, Str)> = m
                .edges()
                .map(|(a, b, e)| (m.node(a).id.clone(), e.relation, m.node(b).id.clone()))
                .collect();
            v.sort();
            v
        };
        triples(self) == triples(other)
    }
}

/// Building small maps in tests.
#[cfg(test)]
impl Map {
    /// Declares the camp `id` labelled `label` with these sides.
    pub(crate) fn add_camp(&mut self, id: &str, label: &str, sides: &[&str]) {
        self.camps.push(Camp {
            id: id.into(),
            label: label.into(),
            sides: sides.iter().map(|s| s.to_string()).collect(),
            origin: None,
        });
    }

    /// A map of `nodes` given by id (`[T]` a statement, `<T>` an argument) and side (`""` for
    /// none), with the relations `edges` given as `(from id, relation, to id)`; and the nodes'
    /// indices in the order given.
    pub(crate) fn of<const N: usize>(
        nodes: [(&str, &str); N],
        edges: &[(&str, Relation, &str)],
    ) -> (Map, [NodeIndex; N]) {
        let mut map = Map::new();
        let ix = nodes.map(|(id, side)| {
            let title = &id[1..id.len() - 1];
            let mut node = if id.starts_with('<') {
                Node::argument(title, "")
            } else {
                Node::statement(title, "")
            };
            if !side.is_empty() {
                node = node.with_side(side);
            }
            map.add_node(node).unwrap()
        });
        for &(from, relation, to) in edges {
            let (a, b) = (map.find(from).unwrap(), map.find(to).unwrap());
            map.add_edge(a, b, Edge::new(relation));
        }
        (map, ix)
    }
}

/// Whether `[first, last]` is a range of 1-based lines: the one check of cited lines, made by
/// the Argdown reader on `cite` and by the checks on maps read from any other format.
pub(crate) fn check_lines(first: u32, last: u32) -> Result<(), String> {
    if first == 0 || last == 0 {
        Err("lines are counted from 1".into())
    } else if first > last {
        Err(format!("the range {first}-{last} runs backwards"))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_follows_outgoing_relations() {
        let mut map = Map::new();
        let claim = map.add_node(Node::statement("C", "c")).unwrap();
        let pro = map.add_node(Node::argument("P", "p")).unwrap();
        let con = map.add_node(Node::argument("N", "n")).unwrap();
        let both = map.add_node(Node::argument("B", "b")).unwrap();
        map.add_edge(pro, claim, Edge::new(Relation::Supports));
        map.add_edge(con, claim, Edge::new(Relation::Rebuts));
        map.add_edge(both, claim, Edge::new(Relation::Supports));
        map.add_edge(both, con, Edge::new(Relation::Undercuts));
        assert_eq!(map.kind(claim), Kind::Claim);
        assert_eq!(map.kind(pro), Kind::Support);
        assert_eq!(map.kind(con), Kind::Rebuttal);
        assert_eq!(map.kind(both), Kind::Rebuttal);
    }

    #[test]
    fn relate_adds_each_relation_once_per_pair() {
        let mut map = Map::new();
        let a = map.add_node(Node::statement("A", "")).unwrap();
        let b = map.add_node(Node::statement("B", "")).unwrap();
        let c = map.add_node(Node::statement("C", "")).unwrap();
        assert!(map.relate(a, b, Edge::new(Relation::Supports)));
        assert!(!map.relate(a, b, Edge::new(Relation::Supports)));
        assert!(map.relate(a, b, Edge::new(Relation::Rebuts)));
        assert!(map.relate(b, a, Edge::new(Relation::Supports)));
        assert!(map.relate(a, c, Edge::new(Relation::Supports)));
        // An edge added directly (parallel edges are allowed) also counts for `relate`.
        map.add_edge(c, a, Edge::new(Relation::Undercuts));
        map.add_edge(c, a, Edge::new(Relation::Undercuts));
        assert!(!map.relate(c, a, Edge::new(Relation::Undercuts)));
        let triples: Vec<_> = map
            .edges()
            .map(|(x, y, e)| (map.node(x).id.as_str(), e.relation, map.node(y).id.as_str()))
            .collect();
        assert_eq!(
            triples,
            vec![
                ("[A]", Relation::Supports, "[B]"),
                ("[A]", Relation::Rebuts, "[B]"),
                ("[B]", Relation::Supports, "[A]"),
                ("[A]", Relation::Supports, "[C]"),
                ("[C]", Relation::Undercuts, "[A]"),
                ("[C]", Relation::Undercuts, "[A]"),
            ]
        );
    }

    #[test]
    fn a_nodes_relations_come_in_insertion_order() {
        let (map, [a, b, c, d, e]) = Map::of(
            [
                ("[A]", ""),
                ("[B]", ""),
                ("<C>", ""),
                ("<D>", ""),
                ("[E]", ""),
            ],
            &[
                ("[A]", Relation::Supports, "[B]"),
                ("[E]", Relation::Rebuts, "[A]"),
                ("[A]", Relation::Rebuts, "<C>"),
                ("<D>", Relation::Supports, "[A]"),
                ("[A]", Relation::Undercuts, "<D>"),
                ("<C>", Relation::Contradicts, "[A]"),
            ],
        );
        assert_eq!(
            map.outgoing(a).collect::<Vec<_>>(),
            vec![
                (b, Relation::Supports),
                (c, Relation::Rebuts),
                (d, Relation::Undercuts)
            ]
        );
        assert_eq!(
            map.incoming(a).collect::<Vec<_>>(),
            vec![
                (e, Relation::Rebuts),
                (d, Relation::Supports),
                (c, Relation::Contradicts)
            ]
        );
        let edges: Vec<EdgeIndex> = map.graph().edge_indices().collect();
        assert_eq!(
            map.outgoing_edges(a).collect::<Vec<_>>(),
            vec![edges[0], edges[2], edges[4]]
        );
        let from_a: Vec<_> = map
            .edges()
            .filter(|&(x, _, _)| x == a)
            .map(|(_, y, e)| (y, e.relation))
            .collect();
        assert_eq!(from_a, map.outgoing(a).collect::<Vec<_>>());
    }

    proptest::proptest! {
        /// `relate` refuses exactly the relations already there (whether added by `relate` or
        /// `add_edge`), at nodes with few relations going out and at hubs alike, and the edges
        /// come out in the order added.
        #[test]
        fn relate_refuses_exactly_what_is_there(
            ops in proptest::collection::vec((0usize..3, 0usize..3, 0usize..4, proptest::bool::ANY), 0..150),
        ) {
            let relations = [
                Relation::Supports,
                Relation::Rebuts,
                Relation::Undercuts,
                Relation::Contradicts,
            ];
            let mut map = Map::new();
            let ix: Vec<NodeIndex> = ["A", "B", "C"]
                .iter()
                .map(|t| map.add_node(Node::statement(*t, "")).unwrap())
                .collect();
            let mut added: Vec<(NodeIndex, NodeIndex, Relation)> = Vec::new();
            for (a, b, r, direct) in ops {
                let triple = (ix[a], ix[b], relations[r]);
                if direct {
                    map.add_edge(triple.0, triple.1, Edge::new(triple.2));
                    added.push(triple);
                } else {
                    let new = !added.contains(&triple);
                    proptest::prop_assert_eq!(map.relate(triple.0, triple.1, Edge::new(triple.2)), new);
                    if new {
                        added.push(triple);
                    }
                }
            }
            let edges: Vec<_> = map.edges().map(|(a, b, e)| (a, b, e.relation)).collect();
            proptest::prop_assert_eq!(edges, added);
        }

        /// Every node is found by its id, and nothing else is found, whatever the ids.
        #[test]
        fn every_node_is_found_by_its_id(
            titles in proptest::collection::vec("[ab日\\[<]{0,3}", 0..60),
        ) {
            let mut map = Map::new();
            let mut ids: Vec<String> = Vec::new();
            for (i, title) in titles.iter().enumerate() {
                let node = if i % 2 == 0 {
                    Node::statement(title.as_str(), "")
                } else {
                    Node::argument(title.as_str(), "")
                };
                let id = node.id.clone();
                match map.add_node(node) {
                    Ok(ix) => {
                        proptest::prop_assert!(!ids.iter().any(|i| *i == id));
                        proptest::prop_assert_eq!(ix.index(), ids.len());
                        ids.push(id.into());
                    }
                    Err(DuplicateId(d)) => {
                        proptest::prop_assert_eq!(&d, &id);
                        proptest::prop_assert!(ids.iter().any(|i| *i == id));
                    }
                }
            }
            for (i, id) in ids.iter().enumerate() {
                proptest::prop_assert_eq!(map.find(id), Some(NodeIndex::new(i)));
            }
            for title in &titles {
                let found = map.find(title);
                proptest::prop_assert_eq!(found.is_some(), ids.contains(title));
            }
            let copy = map.clone();
            for id in &ids {
                proptest::prop_assert_eq!(copy.find(id), map.find(id));
            }
        }
    }

    #[test]
    fn a_title_is_found_within_its_id_only_when_the_id_is_its_own() {
        let id = Str::from("[A b]");
        assert_eq!(Element::Statement.title_within(&id, "A b".into()), "A b");
        assert_eq!(Element::Argument.title_within(&id, "A b".into()), "A b");
        assert_eq!(
            Element::Statement.title_within(&id, "other".into()),
            "other"
        );
        let node = Node::argument("T", "t");
        assert_eq!((node.id.as_str(), node.title.as_str()), ("<T>", "T"));
    }

    #[test]
    fn find_or_add_finds_or_adds_once() {
        let mut map = Map::new();
        let (a, new) = map
            .find_or_add("[A]", || Node::statement("A", "a"))
            .unwrap();
        assert!(new);
        let (again, new) = map
            .find_or_add("[A]", || unreachable!("the node is there"))
            .unwrap();
        assert_eq!((again, new), (a, false));
        assert_eq!(map.node(a).text, "a");
        // A made node with another id is added under its own id, if that is free.
        let (b, new) = map
            .find_or_add("[X]", || Node::statement("B", "b"))
            .unwrap();
        assert!(new);
        assert_eq!(map.find("[B]"), Some(b));
        assert_eq!(map.find("[X]"), None);
        let taken = map.find_or_add("[Y]", || Node::statement("A", "other"));
        assert_eq!(taken.unwrap_err().0, "[A]");
        assert_eq!(map.node_count(), 2);
    }

    /// Every node of a map takes this much room in the graph, whatever it holds: strings are
    /// 16-byte [`Str`]s (an absent one too), tags and citations thin vectors (8 bytes when
    /// empty), an empty `data` is no map, and an origin is three `u32`s: the file's number
    /// ([`FileName`]), the line and the column.
    #[test]
    #[cfg(target_pointer_width = "64")]
    fn a_node_takes_120_bytes_and_an_edge_16() {
        // At most: a dependency's smaller types are welcome.
        assert!(std::mem::size_of::<Node>() <= 120);
        assert!(std::mem::size_of::<Edge>() <= 16);
        assert!(std::mem::size_of::<Option<Origin>>() <= 12);
    }

    #[test]
    fn statements_and_arguments_are_separate_namespaces() {
        let mut map = Map::new();
        let s = map.add_node(Node::statement("X", "")).unwrap();
        let a = map.add_node(Node::argument("X", "")).unwrap();
        assert_ne!(s, a);
        assert_eq!(map.find("[X]"), Some(s));
        assert_eq!(map.find("<X>"), Some(a));
        assert_eq!(map.find_title("X"), Some(s));
        assert_eq!(
            map.add_node(Node::statement("X", "again")),
            Err(DuplicateId("[X]".into()))
        );
    }
}
