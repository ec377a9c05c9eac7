//! The map as a Graphviz DOT graph, written straight into the output.
//!
//! The drawing: one colour per side (outline; arguments are filled with a tint of it), one shape
//! per kind (`style::shape`), statements as white boxes and arguments as filled rounded shapes,
//! one colour, dash pattern and arrowhead per relation, a double outline on unanswered contentions
//! (see [`crate::analysis::stakes`]), a
//! grounded-status marker in each node's corner, section or side clusters, a legend, and the
//! map's title (and the notes, `Drawing::notes`) on top. Each node's title is bold over its
//! wrapped text. Output is deterministic: nodes, clusters and edges come in map order.
//!
//! The motion (see [`Map::motion_node`]) is drawn apart: a larger box with a heavy dark outline
//! and a light fill, `MOTION` over its title, and no double outline (it belongs to no side, so
//! it is never "unanswered"). With the `dot` layout it is held at the end the relations point
//! to, past every other claim (the top of the default drawing): an invisible edge runs from
//! each other claim to it (Graphviz's `rank=max` does not reach a node inside a cluster; an
//! edge of weight 0 does not hold the rank).
//!
//! The drawing is made statement by statement (`Statements`). [`write_dot`] and [`to_dot`]
//! print each statement as it comes, into a buffer flushed to the output now and then, in the
//! layout graphviz-rust's printer gives the whole graph; [`graph`] collects the statements as
//! graphviz-rust's `dot_structures` instead (the types the rest of the world builds on). The
//! tests print that graph with graphviz-rust's printer and require the same bytes. Attribute
//! values are escaped once, into a buffer reused from one statement to the next (see
//! [`super::escape`]).

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write;

use graphviz_rust::dot_structures::{
    Attribute, Edge as DotEdge, EdgeTy, Graph, GraphAttributes, Id, Node as DotNode, NodeId, Stmt,
    Subgraph, Vertex,
};
use petgraph::stable_graph::NodeIndex;

use super::escape::{escape_into, quoted, Html, Markup, Target, MAX_STRING_BYTES};
use super::look::Look;
use super::{Drawing, GroupBy, Layout, RenderOptions};
use crate::analysis::Verdicts;
use crate::graph::Label;
use crate::model::{Element, Kind, Map, Node, Relation};
use crate::style::names::NodeIds;
use crate::style::palette::{self as style, Palette, Rgb};

mod wrap;

use wrap::{Wrapper, MIN_WRAP};

/// Sections nested deeper than this are drawn inside their ancestor at this depth (Markdown has
/// six heading levels; the bound also keeps the printer's recursion shallow).
pub(crate) const MAX_CLUSTER_DEPTH: usize = 6;

/// Fans of more than this many leaves are staggered (see [`RenderOptions::stagger`]).
pub(crate) const STAGGER_FROM: usize = 3;

/// The drawing as DOT text, ending in a newline.
pub fn to_dot(drawing: Drawing<'_>, opts: &RenderOptions) -> String {
    dot_text(drawing, opts, &Look::new(drawing.map))
}

/// [`to_dot`] with the node ids and colours already made (the report shares them with its page).
pub(super) fn dot_text(drawing: Drawing<'_>, opts: &RenderOptions, look: &Look) -> String {
    let mut bytes = Vec::new();
    // Writing into a `Vec` cannot fail, and the writer writes only `str`s.
    let _ = write_looking(drawing, opts, look, &mut bytes);
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Writes the drawing as DOT text, ending in a newline, to `out`: the same text as [`to_dot`],
/// written statement by statement, so that the drawing never holds the whole graph or its
/// whole text. The text goes to `out` in blocks of about 64 KiB.
pub fn write_dot(
    drawing: Drawing<'_>,
    opts: &RenderOptions,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    write_looking(drawing, opts, &Look::new(drawing.map), out)
}

fn write_looking(
    drawing: Drawing<'_>,
    opts: &RenderOptions,
    look: &Look,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut writer = Writer::new(out);
    Scene::new(drawing, opts, look).draw(&mut writer)?;
    writer.finish()
}

/// The drawing as a `dot_structures` graph (printed with graphviz-rust's printer and a newline,
/// it is [`to_dot`]'s text).
pub fn graph(drawing: Drawing<'_>, opts: &RenderOptions) -> Graph {
    let mut collector = Collector {
        open: vec![(Id::Plain("counterpoint".into()), Vec::new())],
    };
    let look = Look::new(drawing.map);
    // Collecting into memory cannot fail.
    let _ = Scene::new(drawing, opts, &look).draw(&mut collector);
    let stmts = collector
        .open
        .into_iter()
        .next()
        .map(|(_, stmts)| stmts)
        .unwrap_or_default();
    Graph::DiGraph {
        id: Id::Plain("counterpoint".into()),
        strict: false,
        stmts,
    }
}

/// What an attribute's value is (graphviz-rust's `Id` variant for it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Value {
    /// A DOT quoted string, quotes included.
    Quoted,
    /// An HTML-like label, `<` and `>` included.
    Html,
}

/// The attributes of one statement, in order, each value already in its DOT form (escaped by
/// [`escape_into`]); cleared and refilled for each statement, so that its memory is reused.
#[derive(Debug, Default)]
struct Attrs {
    /// The values, one after the other.
    text: String,
    /// Each attribute's name, the kind of its value, and where its value ends in `text`.
    list: Vec<(&'static str, Value, usize)>,
}

impl Attrs {
    fn clear(&mut self) -> &mut Attrs {
        self.text.clear();
        self.list.clear();
        self
    }

    /// `key="value"`, the value escaped as a DOT quoted string (for values this program
    /// computes and names).
    fn quoted(&mut self, key: &'static str, value: &str) -> &mut Attrs {
        escape_into(&mut self.text, value, Target::Quoted, MAX_STRING_BYTES);
        self.list.push((key, Value::Quoted, self.text.len()));
        self
    }

    /// `key="value"`, the value escaped as a tooltip, shown as written.
    fn tooltip(&mut self, key: &'static str, value: &str) -> &mut Attrs {
        escape_into(&mut self.text, value, Target::Tooltip, MAX_STRING_BYTES);
        self.list.push((key, Value::Quoted, self.text.len()));
        self
    }

    /// `key=<markup>`, an HTML-like label written by `build`.
    fn html(&mut self, key: &'static str, build: impl FnOnce(&mut Html<'_>)) -> &mut Attrs {
        self.text.push('<');
        build(&mut Html::within(&mut self.text));
        self.text.push('>');
        self.list.push((key, Value::Html, self.text.len()));
        self
    }

    /// `key=<markup>` with markup already made.
    fn markup(&mut self, key: &'static str, markup: &Markup) -> &mut Attrs {
        self.html(key, |h| {
            h.append(markup);
        })
    }

    fn len(&self) -> usize {
        self.list.len()
    }

    /// Each attribute: its name, the kind of its value, its value in DOT form.
    fn iter(&self) -> impl Iterator<Item = (&'static str, Value, &str)> + '_ {
        let mut start = 0;
        self.list.iter().map(move |&(key, value, end)| {
            let text = self.text.get(start..end).unwrap_or_default();
            start = end;
            (key, value, text)
        })
    }

    /// The attributes as graphviz-rust's.
    fn to_vec(&self) -> Vec<Attribute> {
        self.iter()
            .map(|(key, value, text)| {
                let value = match value {
                    Value::Quoted => Id::Escaped(text.to_string()),
                    Value::Html => Id::Html(text.to_string()),
                };
                Attribute(Id::Plain(key.into()), value)
            })
            .collect()
    }
}

/// Which defaults a `graph[...]`, `node[...]` or `edge[...]` statement sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Defaults {
    Graph,
    Node,
    Edge,
}

/// Where a drawing goes, statement by statement; subgraphs are opened, filled and closed.
/// Names are given as written and escaped by the receiver.
trait Statements {
    /// A subgraph begins (`None`: an anonymous one): the statements up to the matching
    /// [`Statements::close`] are its own.
    fn open(&mut self, name: Option<&str>) -> std::io::Result<()>;
    fn close(&mut self) -> std::io::Result<()>;
    /// `graph[...]`, `node[...]` or `edge[...]`.
    fn defaults(&mut self, which: Defaults, attrs: &Attrs) -> std::io::Result<()>;
    /// One `key=value` statement per attribute.
    fn settings(&mut self, attrs: &Attrs) -> std::io::Result<()>;
    fn node(&mut self, name: &str, attrs: &Attrs) -> std::io::Result<()>;
    fn edge(&mut self, from: &str, to: &str, attrs: &Attrs) -> std::io::Result<()>;
}

/// Builds the `dot_structures` graph in memory (see [`graph`]).
struct Collector {
    /// The graph's statements, then those of each open subgraph.
    open: Vec<(Id, Vec<Stmt>)>,
}

impl Collector {
    fn push(&mut self, stmt: Stmt) {
        if let Some((_, stmts)) = self.open.last_mut() {
            stmts.push(stmt);
        }
    }
}

impl Statements for Collector {
    fn open(&mut self, name: Option<&str>) -> std::io::Result<()> {
        let id = name.map_or_else(|| Id::Anonymous(String::new()), quoted);
        self.open.push((id, Vec::new()));
        Ok(())
    }

    fn close(&mut self) -> std::io::Result<()> {
        if self.open.len() > 1 {
            if let Some((id, stmts)) = self.open.pop() {
                self.push(Stmt::Subgraph(Subgraph { id, stmts }));
            }
        }
        Ok(())
    }

    fn defaults(&mut self, which: Defaults, attrs: &Attrs) -> std::io::Result<()> {
        let attrs = attrs.to_vec();
        self.push(Stmt::GAttribute(match which {
            Defaults::Graph => GraphAttributes::Graph(attrs),
            Defaults::Node => GraphAttributes::Node(attrs),
            Defaults::Edge => GraphAttributes::Edge(attrs),
        }));
        Ok(())
    }

    fn settings(&mut self, attrs: &Attrs) -> std::io::Result<()> {
        for attr in attrs.to_vec() {
            self.push(Stmt::Attribute(attr));
        }
        Ok(())
    }

    fn node(&mut self, name: &str, attrs: &Attrs) -> std::io::Result<()> {
        self.push(Stmt::Node(DotNode::new(
            NodeId(quoted(name), None),
            attrs.to_vec(),
        )));
        Ok(())
    }

    fn edge(&mut self, from: &str, to: &str, attrs: &Attrs) -> std::io::Result<()> {
        self.push(Stmt::Edge(DotEdge {
            ty: EdgeTy::Pair(
                Vertex::N(NodeId(quoted(from), None)),
                Vertex::N(NodeId(quoted(to), None)),
            ),
            attributes: attrs.to_vec(),
        }));
        Ok(())
    }
}

/// The writer sends its text to the output whenever it holds this many bytes.
const FLUSH_AT: usize = 1 << 16;

/// graphviz-rust prints an edge on one line when the edge, printed over several lines, takes
/// at most this many bytes (its `inline_size`).
const INLINE_EDGE: usize = 90;

/// Writes each statement as it comes, exactly as graphviz-rust's printer (with
/// `with_node_mult_attr_s_l`) prints the whole graph: `digraph counterpoint {` ... `}` around
/// the statements, one per line, indented by two spaces per level (the graph's own statements
/// by two); a statement with several attributes over several lines, one attribute per line,
/// except an edge that fits in [`INLINE_EDGE`] bytes that way, which is printed on one line.
struct Writer<'w> {
    out: &'w mut dyn Write,
    /// Text not yet sent to `out`.
    buf: String,
    /// Per open level (the graph, then each subgraph): whether nothing was written in it yet.
    first: Vec<bool>,
}

impl<'w> Writer<'w> {
    fn new(out: &'w mut dyn Write) -> Writer<'w> {
        let mut buf = String::with_capacity(FLUSH_AT + FLUSH_AT / 4);
        buf.push_str("digraph counterpoint {\n");
        Writer {
            out,
            buf,
            first: vec![true],
        }
    }

    /// The depth of the statements written now (0 inside the graph).
    fn depth(&self) -> usize {
        self.first.len().saturating_sub(1)
    }

    /// The indentation of statements at `depth`.
    fn indent(&mut self, depth: usize) {
        const SPACES: &str = "                                ";
        let mut left = 2 * (depth + 1);
        while left > 0 {
            let n = left.min(SPACES.len());
            self.buf.push_str(&SPACES[..n]);
            left -= n;
        }
    }

    /// Starts a statement: the line break after the one before it on its level, then the
    /// indentation. Returns the statement's depth.
    fn begin(&mut self) -> usize {
        if let Some(first) = self.first.last_mut() {
            if !std::mem::replace(first, false) {
                self.buf.push('\n');
            }
        }
        let depth = self.depth();
        self.indent(depth);
        depth
    }

    /// Ends a statement: sends the text on when there is enough of it.
    fn end(&mut self) -> std::io::Result<()> {
        if self.buf.len() >= FLUSH_AT {
            self.out.write_all(self.buf.as_bytes())?;
            self.buf.clear();
        }
        Ok(())
    }

    /// A node name or subgraph id, as a DOT quoted string.
    fn name(&mut self, name: &str) {
        escape_into(&mut self.buf, name, Target::Quoted, MAX_STRING_BYTES);
    }

    fn attribute(&mut self, key: &str, value: &str) {
        self.buf.push_str(key);
        self.buf.push('=');
        self.buf.push_str(value);
    }

    /// The attribute list of a statement at `depth`: `[key=value]` for one attribute; for
    /// several, one per line, indented one level deeper than the statement, the closing `]`
    /// on a line of its own.
    fn list(&mut self, attrs: &Attrs, depth: usize) {
        match attrs.len() {
            0 => {}
            1 => {
                self.buf.push('[');
                for (key, _, value) in attrs.iter() {
                    self.attribute(key, value);
                }
                self.buf.push(']');
            }
            _ => {
                self.buf.push('[');
                for (i, (key, _, value)) in attrs.iter().enumerate() {
                    if i > 0 {
                        self.buf.push(',');
                    }
                    self.buf.push('\n');
                    self.indent(depth + 1);
                    self.attribute(key, value);
                }
                self.buf.push('\n');
                self.indent(depth);
                self.buf.push(']');
            }
        }
    }

    /// The attribute list on one line: `[key=value,key=value]`.
    fn inline_list(&mut self, attrs: &Attrs) {
        self.buf.push('[');
        for (i, (key, _, value)) in attrs.iter().enumerate() {
            if i > 0 {
                self.buf.push(',');
            }
            self.attribute(key, value);
        }
        self.buf.push(']');
    }

    /// Ends the graph and sends the rest of the text.
    fn finish(mut self) -> std::io::Result<()> {
        self.buf.push_str("\n}\n");
        self.out.write_all(self.buf.as_bytes())?;
        self.out.flush()
    }
}

impl Statements for Writer<'_> {
    fn open(&mut self, name: Option<&str>) -> std::io::Result<()> {
        self.begin();
        self.buf.push_str("subgraph ");
        if let Some(name) = name {
            self.name(name);
        }
        self.buf.push_str(" {\n");
        self.first.push(true);
        self.end()
    }

    fn close(&mut self) -> std::io::Result<()> {
        if self.first.len() > 1 {
            self.first.pop();
            let depth = self.depth();
            self.buf.push('\n');
            self.indent(depth);
            self.buf.push('}');
        }
        self.end()
    }

    fn defaults(&mut self, which: Defaults, attrs: &Attrs) -> std::io::Result<()> {
        let depth = self.begin();
        self.buf.push_str(match which {
            Defaults::Graph => "graph",
            Defaults::Node => "node",
            Defaults::Edge => "edge",
        });
        self.list(attrs, depth);
        self.end()
    }

    fn settings(&mut self, attrs: &Attrs) -> std::io::Result<()> {
        for (key, _, value) in attrs.iter() {
            self.begin();
            self.attribute(key, value);
        }
        self.end()
    }

    fn node(&mut self, name: &str, attrs: &Attrs) -> std::io::Result<()> {
        let depth = self.begin();
        self.name(name);
        self.list(attrs, depth);
        self.end()
    }

    fn edge(&mut self, from: &str, to: &str, attrs: &Attrs) -> std::io::Result<()> {
        let depth = self.begin();
        let start = self.buf.len();
        self.name(from);
        self.buf.push_str(" -> ");
        self.name(to);
        if attrs.len() > 0 {
            self.buf.push(' ');
            let list = self.buf.len();
            self.list(attrs, depth);
            // graphviz-rust prints the edge over several lines, then again on one line when
            // that text was short.
            if self.buf.len() - start <= INLINE_EDGE {
                self.buf.truncate(list);
                self.inline_list(attrs);
            }
        }
        self.end()
    }
}

/// A colour as `#rrggbb`, without allocating.
struct Hex([u8; 7]);

impl Hex {
    fn of(color: Rgb) -> Hex {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        let mut hex = [b'#'; 7];
        for (i, byte) in [color.0, color.1, color.2].into_iter().enumerate() {
            hex[1 + 2 * i] = DIGITS[usize::from(byte >> 4)];
            hex[2 + 2 * i] = DIGITS[usize::from(byte & 0xf)];
        }
        Hex(hex)
    }

    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

/// The attributes that draw a relation's line: colour, dash pattern, pen width and arrowhead.
fn relation_line(attrs: &mut Attrs, relation: Relation) {
    let s = style::edge_style(relation);
    attrs
        .quoted("color", s.color)
        .quoted("style", s.style)
        .quoted("penwidth", s.penwidth)
        .quoted("arrowhead", s.arrowhead);
}

/// The attributes that put a head at the tail too, for relations read both ways.
fn relation_tail(attrs: &mut Attrs, relation: Relation) {
    let s = style::edge_style(relation);
    if s.both {
        attrs.quoted("dir", "both").quoted("arrowtail", s.arrowhead);
    }
}

/// The legend node `legend-key` (where the legend's rows end), labelled with `label`.
fn key_node(out: &mut dyn Statements, attrs: &mut Attrs, label: &Markup) -> std::io::Result<()> {
    attrs
        .clear()
        .quoted("id", "legend-key")
        .quoted("class", "legend")
        .quoted("shape", "plaintext")
        .quoted("fontsize", "10")
        .quoted("margin", "0")
        .markup("label", label);
    out.node("legend-key", attrs)
}

/// `text` wrapped at `width` columns (long words are broken), keeping its own line breaks.
pub(crate) fn wrap(text: &str, width: usize) -> Vec<String> {
    wrap::wrap(text, width)
        .into_iter()
        .map(Cow::into_owned)
        .collect()
}

/// Lines joined by left-aligned breaks.
fn write_lines(h: &mut Html<'_>, lines: &[Cow<'_, str>]) {
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            h.line_break();
        }
        h.text(line);
    }
}

/// `text` wrapped at `width`, as lines joined by left-aligned breaks.
fn wrapped_lines(h: &mut Html<'_>, text: &str, width: usize) {
    write_lines(h, &wrap::wrap(text, width));
}

/// Everything a drawing needs to know about the map, computed once.
struct Scene<'a> {
    map: &'a Map,
    verdicts: &'a Verdicts,
    /// The remarks under the title ([`Drawing::notes`]).
    notes: Vec<String>,
    opts: &'a RenderOptions,
    ids: &'a NodeIds,
    palette: &'a Palette,
    /// The motion's node, when the map names one and it is drawn.
    motion: Option<NodeIndex>,
}

/// What drawing a statement needs besides the scene, kept from one statement to the next so
/// that its memory is reused.
#[derive(Default)]
struct Work<'a> {
    attrs: Attrs,
    /// A value being put together: a class list, a tooltip, an id.
    scratch: String,
    /// A text's wrapped lines.
    lines: Vec<Cow<'a, str>>,
    wrapper: Wrapper,
    /// The colour of the last side looked up.
    side_color: Last<'a, Rgb>,
}

/// The last lookup by a name and its answer: nodes in map order mostly share their section
/// and side with the node before, and comparing two names costs less than hashing one.
#[derive(Debug)]
struct Last<'k, V> {
    last: Option<(&'k str, V)>,
}

impl<V> Default for Last<'_, V> {
    fn default() -> Self {
        Last { last: None }
    }
}

impl<'k, V: Copy> Last<'k, V> {
    /// The answer for `key`: the last one when `key` is the last key, else `look(key)`.
    fn get(&mut self, key: &'k str, look: impl FnOnce(&str) -> V) -> V {
        match self.last {
            Some((last, value)) if last == key => value,
            _ => {
                let value = look(key);
                self.last = Some((key, value));
                value
            }
        }
    }
}

/// The outline of the motion.
const MOTION_INK: &str = "#1f1f1f";
/// The fill of the motion.
const MOTION_FILL: &str = "#fff6d5";

impl<'a> Scene<'a> {
    fn new(drawing: Drawing<'a>, opts: &'a RenderOptions, look: &'a Look) -> Scene<'a> {
        Scene {
            map: drawing.map,
            verdicts: drawing.verdicts,
            notes: drawing.notes(opts.note.as_deref()),
            opts,
            ids: &look.ids,
            palette: &look.palette,
            motion: drawing.map.motion_node(),
        }
    }

    /// Every statement of the drawing, in order: defaults and title, clusters, the nodes no
    /// cluster holds, the relations, the legend.
    fn draw(&self, out: &mut dyn Statements) -> std::io::Result<()> {
        let mut work = Work::default();
        self.preamble(out, &mut work.attrs)?;
        match self.opts.group_by {
            GroupBy::Section => self.section_clusters(out, &mut work)?,
            GroupBy::Side => self.side_clusters(out, &mut work)?,
            GroupBy::None => {}
        }
        self.unclustered_nodes(out, &mut work)?;
        self.edges(out, &mut work)?;
        if self.opts.legend {
            match self.opts.layout {
                Layout::Dot => self.legend(out, &mut work.attrs)?,
                Layout::Sfdp => self.legend_table(out, &mut work.attrs)?,
            }
        }
        Ok(())
    }

    /// The wrapping width of node texts (cluster labels and the title take multiples of it).
    fn width(&self) -> usize {
        self.opts.wrap.max(MIN_WRAP)
    }

    /// Graph, node and edge defaults, and the title.
    fn preamble(&self, out: &mut dyn Statements, attrs: &mut Attrs) -> std::io::Result<()> {
        attrs
            .clear()
            .quoted("rankdir", self.opts.direction.rankdir())
            .quoted("fontname", style::FONT)
            .quoted("fontcolor", style::INK)
            .quoted("bgcolor", "white")
            .quoted("pad", "0.3")
            .quoted("nodesep", "0.35")
            .quoted("ranksep", "0.55")
            .quoted("outputorder", "edgesfirst");
        if self.opts.layout == Layout::Sfdp {
            attrs.quoted("layout", "sfdp").quoted("overlap", "prism");
        }
        let mut label = Markup::new();
        let mut h = label.html();
        if let Some(title) = self.map.title.as_deref().filter(|t| !t.trim().is_empty()) {
            h.tag(r#"<font point-size="18"><b>"#);
            wrapped_lines(&mut h, title, self.width() * 3);
            h.tag("</b></font>");
        }
        for note in &self.notes {
            if !h.is_empty() {
                h.line_break();
            }
            h.tag(r##"<font point-size="12" color="#555555"><i>"##);
            wrapped_lines(&mut h, note, self.width() * 3);
            h.tag("</i></font>");
        }
        if !label.is_empty() && self.opts.title {
            attrs
                .markup("label", &label)
                .quoted("labelloc", "t")
                .quoted("labeljust", "l");
        }
        out.defaults(Defaults::Graph, attrs)?;
        attrs
            .clear()
            .quoted("fontname", style::FONT)
            .quoted("fontsize", "12")
            .quoted("fontcolor", style::INK)
            .quoted("margin", "0.14,0.08")
            .quoted("penwidth", "2");
        out.defaults(Defaults::Node, attrs)?;
        attrs
            .clear()
            .quoted("fontname", style::FONT)
            .quoted("fontsize", "10")
            .quoted("arrowsize", "0.9");
        out.defaults(Defaults::Edge, attrs)
    }

    /// A map node as a DOT node statement.
    fn node(
        &self,
        ix: NodeIndex,
        out: &mut dyn Statements,
        work: &mut Work<'a>,
    ) -> std::io::Result<()> {
        if self.motion == Some(ix) {
            self.motion_node(ix, work);
        } else {
            self.plain_node(ix, work);
        }
        out.node(self.ids.get(ix), &work.attrs)
    }

    /// The attributes of a node other than the motion.
    fn plain_node(&self, ix: NodeIndex, work: &mut Work<'a>) {
        let node: &'a Node = self.map.node(ix);
        let kind = self.map.kind(ix);
        let color = match node.side.as_deref() {
            Some(side) => work
                .side_color
                .get(side, |side| self.palette.color(Some(side))),
            None => self.palette.color(None),
        };
        let status = self.verdicts.label(ix);
        let Work {
            attrs,
            scratch,
            lines,
            wrapper,
            ..
        } = work;
        scratch.clear();
        let _ = write!(
            scratch,
            "{} {} {}",
            kind.as_str(),
            node.element.as_str(),
            super::verdicts::status_marker(status).2
        );
        if self.verdicts.is_unanswered(ix) {
            scratch.push_str(" unanswered");
        }
        attrs
            .clear()
            .quoted("id", self.ids.get(ix))
            .quoted("class", scratch)
            .quoted("shape", style::shape(kind))
            .quoted("style", style::node_style(node.element))
            .quoted("color", Hex::of(color).as_str())
            .quoted(
                "fillcolor",
                Hex::of(style::fill(node.element, color)).as_str(),
            )
            .quoted("margin", style::margin(kind));
        // The double outline marks the contentions nobody answered, not every evidence leaf.
        if self.verdicts.is_open_contention(ix) {
            attrs.quoted("peripheries", "2");
        }
        attrs.html("label", |h| self.label(h, node, status, lines, wrapper));
        tip(scratch, "", node);
        attrs.tooltip("tooltip", scratch);
    }

    /// The attributes of the motion: see the module documentation.
    fn motion_node(&self, ix: NodeIndex, work: &mut Work<'a>) {
        let node: &'a Node = self.map.node(ix);
        let status = self.verdicts.label(ix);
        let Work {
            attrs,
            scratch,
            lines,
            wrapper,
            ..
        } = work;
        scratch.clear();
        let _ = write!(
            scratch,
            "motion {} {}",
            node.element.as_str(),
            super::verdicts::status_marker(status).2
        );
        attrs
            .clear()
            .quoted("id", self.ids.get(ix))
            .quoted("class", scratch)
            .quoted("shape", "box")
            .quoted("style", "filled,bold")
            .quoted("penwidth", "4")
            .quoted("color", MOTION_INK)
            .quoted("fillcolor", MOTION_FILL)
            .quoted("margin", "0.22,0.14")
            .html("label", |h| {
                self.motion_label(h, node, status, lines, wrapper);
            });
        tip(scratch, "Motion: ", node);
        attrs.tooltip("tooltip", scratch);
    }

    /// `MOTION` over the title (larger than other nodes' titles) over the wrapped text, the
    /// status marker in the top right corner.
    fn motion_label(
        &self,
        h: &mut Html<'_>,
        node: &'a Node,
        status: Label,
        lines: &mut Vec<Cow<'a, str>>,
        wrapper: &mut Wrapper,
    ) {
        let width = self.width();
        let (marker, marker_color, _) = super::verdicts::status_marker(status);
        h.tag(r#"<table border="0" cellborder="0" cellspacing="0" cellpadding="2">"#);
        h.tag(r##"<tr><td align="left"><font point-size="11" color="#555555"><b>"##);
        h.text("MOTION");
        h.tag("</b></font></td>");
        h.tag(r#"<td align="right" valign="top"><table border="0" cellborder="0" cellspacing="0" cellpadding="1" bgcolor="white"><tr><td width="15" height="16" fixedsize="true"><font point-size="13" color=""#);
        h.tag(marker_color);
        h.tag(r#""><b>"#);
        h.text(marker);
        h.tag("</b></font></td></tr></table></td></tr>");
        h.tag(r#"<tr><td colspan="2" align="left" balign="left"><font point-size="17"><b>"#);
        lines.clear();
        wrapper.wrap(&node.title, width * 3 / 2, lines);
        write_lines(h, lines);
        h.tag("</b></font></td></tr>");
        self.text_rows(h, &node.text, width * 3 / 2, lines, wrapper);
    }

    /// Title in bold over the wrapped text, the status marker in the top right corner, on
    /// white whatever the fill (so that its colour keeps WCAG AA contrast).
    fn label(
        &self,
        h: &mut Html<'_>,
        node: &'a Node,
        status: Label,
        lines: &mut Vec<Cow<'a, str>>,
        wrapper: &mut Wrapper,
    ) {
        let width = self.width();
        let (marker, marker_color, _) = super::verdicts::status_marker(status);
        h.tag(r#"<table border="0" cellborder="0" cellspacing="0" cellpadding="1">"#);
        h.tag(r#"<tr><td align="left" balign="left"><font point-size="13"><b>"#);
        lines.clear();
        wrapper.wrap(&node.title, width, lines);
        write_lines(h, lines);
        h.tag("</b></font></td>");
        h.tag(r#"<td align="right" valign="top"><table border="0" cellborder="0" cellspacing="0" cellpadding="1" bgcolor="white"><tr><td width="15" height="16" fixedsize="true"><font point-size="12" color=""#);
        h.tag(marker_color);
        h.tag(r#""><b>"#);
        h.text(marker);
        h.tag("</b></font></td></tr></table></td></tr>");
        self.text_rows(h, &node.text, width, lines, wrapper);
    }

    /// The node's text wrapped at `width`, cut at `--max-lines` with `…`, as the table's last
    /// row; then the end of the table.
    fn text_rows(
        &self,
        h: &mut Html<'_>,
        text: &'a str,
        width: usize,
        lines: &mut Vec<Cow<'a, str>>,
        wrapper: &mut Wrapper,
    ) {
        lines.clear();
        wrapper.wrap(text, width, lines);
        if self.opts.max_lines > 0 && lines.len() > self.opts.max_lines {
            lines.truncate(self.opts.max_lines);
            if let Some(last) = lines.last_mut() {
                last.to_mut().push('…');
            }
        }
        if !lines.is_empty() {
            h.tag(r#"<tr><td colspan="2" align="left" balign="left">"#);
            write_lines(h, lines);
            h.tag("</td></tr>");
        }
        h.tag("</table>");
    }

    /// Nodes that no cluster holds.
    fn unclustered_nodes(
        &self,
        out: &mut dyn Statements,
        work: &mut Work<'a>,
    ) -> std::io::Result<()> {
        let sections = self.section_positions();
        let mut section_of = Last::default();
        for (ix, node) in self.map.nodes() {
            let clustered = match self.opts.group_by {
                GroupBy::Section => node
                    .section
                    .as_deref()
                    .is_some_and(|s| section_of.get(s, |s| sections.get(s).copied()).is_some()),
                GroupBy::Side => node.side.is_some(),
                GroupBy::None => false,
            };
            if !clustered {
                self.node(ix, out, work)?;
            }
        }
        Ok(())
    }

    fn section_positions(&self) -> HashMap<&'a str, usize> {
        self.map
            .sections
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect()
    }

    /// One cluster per section, nested by `Section::parent` (at most [`MAX_CLUSTER_DEPTH`]
    /// deep; a parent cycle is cut where it is found). Which clusters hold anything is found
    /// bottom-up without recursion; they are then written top-down (at most
    /// [`MAX_CLUSTER_DEPTH`] levels), each holding its nodes in map order, then its
    /// subsections in order.
    fn section_clusters(
        &self,
        out: &mut dyn Statements,
        work: &mut Work<'a>,
    ) -> std::io::Result<()> {
        let sections = &self.map.sections;
        let n = sections.len();
        let position = self.section_positions();
        let parent: Vec<Option<usize>> = sections
            .iter()
            .enumerate()
            .map(|(i, s)| {
                s.parent
                    .as_deref()
                    .and_then(|p| position.get(p).copied())
                    .filter(|&p| p != i)
            })
            .collect();
        // Depth of each section, following parents with an explicit stack; a cycle makes the
        // section where it closes a root.
        let mut depth: Vec<Option<usize>> = vec![None; n];
        let mut on_path = vec![false; n];
        for start in 0..n {
            let mut path = Vec::new();
            let mut at = Some(start);
            let mut base = 0usize;
            while let Some(i) = at {
                if let Some(d) = depth.get(i).copied().flatten() {
                    base = d + 1;
                    break;
                }
                if on_path.get(i).copied().unwrap_or(true) {
                    break;
                }
                on_path[i] = true;
                path.push(i);
                at = parent.get(i).copied().flatten();
            }
            for (k, &i) in path.iter().rev().enumerate() {
                depth[i] = Some(base + k);
                on_path[i] = false;
            }
        }
        let depth: Vec<usize> = depth.into_iter().map(|d| d.unwrap_or(0)).collect();
        // Only the parents that the depths follow (a cycle's closing link is dropped).
        let parent: Vec<Option<usize>> = parent
            .iter()
            .enumerate()
            .map(|(i, p)| p.filter(|&p| depth.get(p).map(|d| d + 1) == depth.get(i).copied()))
            .collect();
        // The cluster that draws each section: itself, or its ancestor at the deepest level.
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by_key(|&i| depth[i]);
        let mut drawn_in: Vec<usize> = (0..n).collect();
        for &i in &order {
            if depth[i] >= MAX_CLUSTER_DEPTH {
                if let Some(p) = parent[i] {
                    drawn_in[i] = drawn_in[p];
                }
            }
        }
        // Nodes per drawing cluster, in map order.
        let mut nodes: Vec<Vec<NodeIndex>> = vec![Vec::new(); n];
        let mut section_of = Last::default();
        for (ix, node) in self.map.nodes() {
            let section = node
                .section
                .as_deref()
                .and_then(|s| section_of.get(s, |s| position.get(s).copied()));
            if let Some(s) = section {
                nodes[drawn_in[s]].push(ix);
            }
        }
        // Bottom-up: deepest clusters first; each cluster that holds anything goes to its
        // parent's subclusters (in order), or to the top.
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut top = Vec::new();
        let max_depth = depth.iter().copied().max().unwrap_or(0);
        let mut by_depth: Vec<Vec<usize>> = vec![Vec::new(); max_depth.min(n) + 1];
        for i in (0..n).filter(|&i| drawn_in[i] == i) {
            if let Some(level) = by_depth.get_mut(depth[i]) {
                level.push(i);
            }
        }
        for level in by_depth.iter().rev() {
            for &i in level {
                if nodes[i].is_empty() && children[i].is_empty() {
                    continue;
                }
                match parent[i] {
                    Some(p) => children[p].push(i),
                    None => top.push(i),
                }
            }
        }
        // Top-down, with an explicit stack: `Some(i)` opens cluster `i`, `None` closes one.
        let mut stack: Vec<Option<usize>> = top.into_iter().rev().map(Some).collect();
        while let Some(next) = stack.pop() {
            let Some(i) = next else {
                out.close()?;
                continue;
            };
            let section = &sections[i];
            let color = section
                .side
                .as_deref()
                .and_then(|s| self.palette.side(s))
                .map(|s| s.color);
            out.open(Some(&format!("cluster_section_{i}")))?;
            self.cluster_attrs(
                &mut work.attrs,
                "section",
                &format!("section-{i}"),
                &section.title,
                color,
            );
            out.defaults(Defaults::Graph, &work.attrs)?;
            for &ix in &nodes[i] {
                self.node(ix, out, work)?;
            }
            stack.push(None);
            stack.extend(children[i].iter().rev().map(|&c| Some(c)));
        }
        Ok(())
    }

    /// One cluster per side, in palette order.
    fn side_clusters(&self, out: &mut dyn Statements, work: &mut Work<'a>) -> std::io::Result<()> {
        let mut nodes: Vec<Vec<NodeIndex>> = vec![Vec::new(); self.palette.sides().len()];
        let position: HashMap<&str, usize> = self
            .palette
            .sides()
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        for (ix, node) in self.map.nodes() {
            if let Some(&i) = node.side.as_deref().and_then(|s| position.get(s)) {
                nodes[i].push(ix);
            }
        }
        for (i, (side, nodes)) in self.palette.sides().iter().zip(nodes).enumerate() {
            if nodes.is_empty() {
                continue;
            }
            out.open(Some(&format!("cluster_side_{i}")))?;
            self.cluster_attrs(
                &mut work.attrs,
                "side",
                &format!("side-{i}"),
                &side.label,
                Some(side.color),
            );
            out.defaults(Defaults::Graph, &work.attrs)?;
            for ix in nodes {
                self.node(ix, out, work)?;
            }
            out.close()?;
        }
        Ok(())
    }

    /// Attributes of a cluster: `kind` is `section` or `side` (its SVG class).
    fn cluster_attrs(
        &self,
        attrs: &mut Attrs,
        kind: &str,
        id: &str,
        title: &str,
        color: Option<Rgb>,
    ) {
        let (pen, bg) = match color {
            Some(c) => (Hex::of(c), Hex::of(c.tint(style::CLUSTER_TINT))),
            None => (
                Hex::of(Rgb(0xb0, 0xb0, 0xb0)),
                Hex::of(Rgb(0xf7, 0xf7, 0xf7)),
            ),
        };
        attrs
            .clear()
            .quoted("id", &format!("cluster-{id}"))
            .quoted("class", kind)
            .html("label", |h| {
                h.tag(r#"<font point-size="14"><b>"#);
                wrapped_lines(h, title, self.width() * 2);
                h.tag("</b></font>");
            })
            .quoted("labeljust", "l")
            .quoted("labelloc", self.cluster_labelloc())
            .quoted("style", "rounded,filled")
            .quoted("color", pen.as_str())
            .quoted("fillcolor", bg.as_str())
            .quoted("penwidth", "1.2")
            .quoted("margin", "14");
    }

    /// Every relation, in map order.
    fn edges(&self, out: &mut dyn Statements, work: &mut Work<'a>) -> std::io::Result<()> {
        let minlen = self.staggered_lengths();
        let Work { attrs, scratch, .. } = work;
        for (i, (from, to, edge)) in self.map.edges().enumerate() {
            scratch.clear();
            let _ = write!(scratch, "e{i}");
            attrs
                .clear()
                .quoted("id", scratch)
                .quoted("class", edge.relation.as_str());
            relation_line(attrs, edge.relation);
            relation_tail(attrs, edge.relation);
            if let Some(&len) = minlen.get(i).filter(|&&l| l > 1) {
                scratch.clear();
                let _ = write!(scratch, "{len}");
                attrs.quoted("minlen", scratch);
            }
            scratch.clear();
            scratch.push_str(&self.map.node(from).title);
            scratch.push(' ');
            scratch.push_str(edge.relation.as_str());
            scratch.push(' ');
            scratch.push_str(&self.map.node(to).title);
            attrs.tooltip("tooltip", scratch);
            out.edge(self.ids.get(from), self.ids.get(to), attrs)?;
        }
        self.motion_rank(out, work)
    }

    /// With the `dot` layout, an invisible edge from each other claim to the motion, which holds
    /// the motion past them at the end the relations point to.
    fn motion_rank(&self, out: &mut dyn Statements, work: &mut Work<'a>) -> std::io::Result<()> {
        let Some(motion) = self.motion.filter(|_| self.opts.layout == Layout::Dot) else {
            return Ok(());
        };
        let claims = self
            .map
            .nodes()
            .map(|(ix, _)| ix)
            .filter(|&ix| ix != motion && self.map.kind(ix) == Kind::Claim);
        let Work { attrs, scratch, .. } = work;
        for (k, ix) in claims.enumerate() {
            scratch.clear();
            let _ = write!(scratch, "motion-rank-{k}");
            attrs
                .clear()
                .quoted("id", scratch)
                .quoted("class", "motion-rank")
                .quoted("style", "invis")
                .quoted("arrowhead", "none");
            out.edge(self.ids.get(ix), self.ids.get(motion), attrs)?;
        }
        Ok(())
    }

    /// Edge lengths (in ranks) that spread wide fans over several rows, as Graphviz's
    /// `unflatten -l` does: when more than [`STAGGER_FROM`] leaves (nodes with no other relation)
    /// speak to the same node, their edges get lengths 1, 2, ..., `stagger`, 1, 2, ... in map
    /// order. Linear in the number of edges.
    fn staggered_lengths(&self) -> Vec<usize> {
        let edges: Vec<(usize, usize)> = self
            .map
            .edges()
            .map(|(a, b, _)| (a.index(), b.index()))
            .collect();
        let mut lengths = vec![1; edges.len()];
        if self.opts.stagger < 2 {
            return lengths;
        }
        // Counts by node index (every edge's ends are nodes of the map).
        let bound = self.map.index_bound();
        let mut degree = vec![0usize; bound];
        for &(a, b) in &edges {
            for end in [a, b] {
                if let Some(d) = degree.get_mut(end) {
                    *d += 1;
                }
            }
        }
        let is_leaf_edge = |&(a, b): &(usize, usize)| a != b && degree.get(a) == Some(&1);
        let mut fan = vec![0usize; bound];
        for e in edges.iter().filter(|e| is_leaf_edge(e)) {
            if let Some(f) = fan.get_mut(e.1) {
                *f += 1;
            }
        }
        let mut seen = vec![0usize; bound];
        for (i, e) in edges.iter().enumerate() {
            if !is_leaf_edge(e) || fan.get(e.1).copied().unwrap_or(0) <= STAGGER_FROM {
                continue;
            }
            let Some(k) = seen.get_mut(e.1) else {
                continue;
            };
            if let Some(l) = lengths.get_mut(i) {
                *l = 1 + *k % self.opts.stagger;
            }
            *k += 1;
        }
        lengths
    }

    /// The legend, top to bottom: sample shapes of the kinds; statement, argument and the
    /// outline of an unanswered contention; a sample edge per relation; the sides' colours and
    /// status markers. Each row is an anonymous subgraph of nodes on one rank, kept in order
    /// left to right by invisible flat edges.
    fn legend(&self, out: &mut dyn Statements, attrs: &mut Attrs) -> std::io::Result<()> {
        out.open(Some("cluster_legend"))?;
        attrs
            .clear()
            .quoted("id", "cluster-legend")
            .quoted("class", "legend")
            .html("label", |h| {
                h.tag(r#"<font point-size="13"><b>Legend</b></font>"#);
            })
            .quoted("labeljust", "l")
            .quoted("labelloc", self.cluster_labelloc())
            .quoted("style", "rounded")
            .quoted("color", "#c8c8c8")
            .quoted("margin", "10");
        out.defaults(Defaults::Graph, attrs)?;
        let kinds = [Kind::Claim, Kind::Support, Kind::Rebuttal].map(|k| {
            (
                k.as_str(),
                k.as_str(),
                style::shape(k),
                Element::Statement,
                false,
            )
        });
        let looks = [
            ("statement", "a statement", "box", Element::Statement, false),
            ("argument", "an argument", "box", Element::Argument, false),
            (
                "unanswered",
                "unanswered contention",
                "box",
                Element::Statement,
                true,
            ),
        ];
        for samples in [kinds, looks] {
            self.legend_row_start(out, attrs)?;
            let mut names = Vec::new();
            for (name, text, shape, element, periph) in samples {
                let name = format!("legend-{name}");
                Self::sample(out, attrs, &name, text, shape, element, periph)?;
                names.push(name);
            }
            Self::invisible_chain(out, attrs, &names, false)?;
            out.close()?;
        }
        for pair in [
            [Relation::Supports, Relation::Rebuts],
            [Relation::Undercuts, Relation::Contradicts],
        ] {
            self.legend_row_start(out, attrs)?;
            let mut names = Vec::new();
            for r in pair {
                let from = format!("legend-{}-from", r.as_str());
                let to = format!("legend-{}", r.as_str());
                Self::relation_ends(out, attrs, r, &from, &to)?;
                names.push(from);
                names.push(to);
            }
            for (r, ends) in pair.into_iter().zip(names.chunks(2)) {
                if let [from, to] = ends {
                    attrs
                        .clear()
                        .quoted("id", &format!("legend-{}-edge", r.as_str()))
                        .quoted("class", "legend");
                    relation_line(attrs, r);
                    attrs.quoted("minlen", "2");
                    relation_tail(attrs, r);
                    out.edge(from, to, attrs)?;
                }
            }
            Self::invisible_chain(out, attrs, &names, true)?;
            out.close()?;
        }
        key_node(out, attrs, &self.key_table())?;
        // Stack the rows top to bottom with invisible edges, drawn in the map's direction.
        let upward = self.opts.direction == super::Direction::BottomTop;
        let order: [(&str, &str); 4] = [
            ("legend-claim", "legend-statement"),
            ("legend-statement", "legend-supports-from"),
            ("legend-supports-from", "legend-undercuts-from"),
            ("legend-undercuts-from", "legend-key"),
        ];
        for (above, below) in order {
            let (a, b) = if upward {
                (below, above)
            } else {
                (above, below)
            };
            attrs.clear().quoted("style", "invis");
            out.edge(a, b, attrs)?;
        }
        out.close()
    }

    /// Opens a row of the legend: an anonymous subgraph whose nodes share a rank.
    fn legend_row_start(&self, out: &mut dyn Statements, attrs: &mut Attrs) -> std::io::Result<()> {
        out.open(None)?;
        attrs.clear().quoted("rank", "same");
        out.settings(attrs)
    }

    /// A sample node of the legend, named `name`, labelled `text`.
    fn sample(
        out: &mut dyn Statements,
        attrs: &mut Attrs,
        name: &str,
        text: &str,
        shape: &str,
        element: Element,
        periph: bool,
    ) -> std::io::Result<()> {
        let grey = style::NO_SIDE;
        attrs
            .clear()
            .quoted("id", name)
            .quoted("class", "legend")
            .quoted("shape", shape)
            .quoted("style", style::node_style(element))
            .quoted("color", Hex::of(grey).as_str())
            .quoted("fillcolor", Hex::of(style::fill(element, grey)).as_str())
            .quoted("fontsize", "10")
            .quoted("height", "0.3")
            .quoted("margin", "0.08,0.03");
        if periph {
            attrs.quoted("peripheries", "2");
        }
        attrs.html("label", |h| {
            h.text(text);
        });
        out.node(name, attrs)
    }

    /// The two ends of a relation's sample edge in the legend: a point and the relation's name.
    fn relation_ends(
        out: &mut dyn Statements,
        attrs: &mut Attrs,
        relation: Relation,
        from: &str,
        to: &str,
    ) -> std::io::Result<()> {
        let s = style::edge_style(relation);
        attrs
            .clear()
            .quoted("id", from)
            .quoted("class", "legend")
            .quoted("shape", "point")
            .quoted("width", "0.06")
            .quoted("color", s.color);
        out.node(from, attrs)?;
        attrs
            .clear()
            .quoted("id", to)
            .quoted("class", "legend")
            .quoted("shape", "plaintext")
            .quoted("fontsize", "10")
            .quoted("height", "0.2")
            .quoted("margin", "0.02,0.02")
            .html("label", |h| {
                h.tag(r#"<font color=""#);
                h.tag(s.color);
                h.tag(r#"">"#);
                h.text(relation.as_str());
                h.tag("</font>");
            });
        out.node(to, attrs)
    }

    /// Invisible edges between the nodes of a row, in order; in rows of relation samples
    /// (`pairs`), items 0-1, 2-3, ... are already joined by a visible edge, so only 1-2, 3-4,
    /// ... get one.
    fn invisible_chain(
        out: &mut dyn Statements,
        attrs: &mut Attrs,
        names: &[String],
        pairs: bool,
    ) -> std::io::Result<()> {
        for (i, pair) in names.windows(2).enumerate() {
            if let [a, b] = pair {
                if !pairs || i % 2 == 1 {
                    attrs.clear().quoted("style", "invis");
                    out.edge(a, b, attrs)?;
                }
            }
        }
        Ok(())
    }

    /// The legend as one table node, for layouts without ranks (`sfdp`), where sample nodes
    /// would drift apart: shapes are named, relations shown by colour and a glyph.
    fn legend_table(&self, out: &mut dyn Statements, attrs: &mut Attrs) -> std::io::Result<()> {
        let mut table = Markup::new();
        let mut t = table.html();
        t.tag(r##"<table border="1" color="#c8c8c8" style="rounded" cellborder="0" cellspacing="1" cellpadding="2">"##);
        t.tag(r#"<tr><td colspan="2" align="left"><font point-size="13"><b>Legend</b></font></td></tr>"#);
        for (shape, kind) in [
            ("rectangle", Kind::Claim),
            ("hexagon", Kind::Support),
            ("octagon", Kind::Rebuttal),
        ] {
            t.tag(&format!(
                r#"<tr><td align="left">{shape}</td><td align="left">{}</td></tr>"#,
                kind.as_str()
            ));
        }
        for (look, what) in [
            ("white", "a statement"),
            ("filled, rounded", "an argument"),
            ("double outline", "a contention no opponent answered"),
        ] {
            t.tag(r#"<tr><td align="left">"#);
            t.text(look);
            t.tag(r#"</td><td align="left">"#);
            t.text(what);
            t.tag("</td></tr>");
        }
        for (r, glyph) in [
            (Relation::Supports, "──▶"),
            (Relation::Rebuts, "──┤"),
            (Relation::Undercuts, "- -⊸"),
            (Relation::Contradicts, "┠···┤"),
        ] {
            let color = style::edge_style(r).color;
            t.tag(&format!(
                r#"<tr><td align="left"><font color="{color}"><b>{glyph}</b></font></td><td align="left"><font color="{color}">{}</font></td></tr>"#,
                r.as_str()
            ));
        }
        t.tag(r#"<tr><td colspan="2">"#);
        t.append(&self.key_table());
        t.tag("</td></tr></table>");
        key_node(out, attrs, &table)
    }

    /// A table of the sides' colours and the status markers.
    fn key_table(&self) -> Markup {
        let mut table = Markup::new();
        let mut t = table.html();
        t.tag(r#"<table border="0" cellborder="0" cellspacing="1" cellpadding="1">"#);
        let swatch = |t: &mut Html<'_>, color: Rgb, text: &str| {
            t.tag(&format!(
                r#"<tr><td width="20" height="12" bgcolor="{}" color="{}" border="2"></td><td align="left">"#,
                color.tint(style::ARGUMENT_TINT).hex(),
                color.hex()
            ));
            t.text(text);
            t.tag("</td></tr>");
        };
        for side in self.palette.used(self.map) {
            swatch(&mut t, side.color, &side.label);
        }
        if self.map.nodes().any(|(_, n)| n.side.is_none()) {
            swatch(&mut t, style::NO_SIDE, "no side");
        }
        for label in [Label::In, Label::Out, Label::Undec] {
            let (marker, color, word) = super::verdicts::status_marker(label);
            t.tag(&format!(
                r#"<tr><td><font color="{color}"><b>{marker}</b></font></td><td align="left">{word}</td></tr>"#
            ));
        }
        t.tag("</table>");
        table
    }

    /// Where cluster labels go so that they sit on top (`rankdir=BT` flips them).
    fn cluster_labelloc(&self) -> &'static str {
        match self.opts.direction {
            super::Direction::BottomTop => "b",
            _ => "t",
        }
    }
}

/// A node's tooltip text into `out`: `prefix`, the title, then `: ` and the text when it has
/// one.
fn tip(out: &mut String, prefix: &str, node: &Node) {
    out.clear();
    out.push_str(prefix);
    out.push_str(&node.title);
    if !node.text.is_empty() {
        out.push_str(": ");
        out.push_str(&node.text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edge, Section};
    use graphviz_rust::printer::{DotPrinter, PrinterContext};

    fn section(id: &str, parent: Option<&str>) -> Section {
        Section {
            id: id.into(),
            title: id.to_uppercase(),
            level: 1,
            parent: parent.map(String::from),
            side: None,
        }
    }

    fn opts() -> RenderOptions {
        RenderOptions {
            legend: false,
            ..RenderOptions::default()
        }
    }

    /// The whole map as DOT text, with its own verdicts.
    fn whole_dot(map: &Map, opts: &RenderOptions) -> String {
        to_dot(Drawing::new(map, &Verdicts::whole(map)), opts)
    }

    /// The text graphviz-rust prints for the whole graph.
    fn printed_whole(map: &Map, opts: &RenderOptions) -> String {
        let mut ctx = PrinterContext::default();
        ctx.with_node_mult_attr_s_l();
        let verdicts = Verdicts::whole(map);
        format!(
            "{}\n",
            graph(Drawing::new(map, &verdicts), opts).print(&mut ctx)
        )
    }

    #[test]
    fn the_streamed_text_is_what_the_printer_makes_of_the_whole_graph() {
        // Nested sections (deeper than the cluster limit, and a parent cycle), sides, sections
        // with no nodes, nodes in no section, a title, a note, long and hostile texts, and
        // relations of every kind: drawn by section, by side and flat, with either legend.
        let mut map = Map::new();
        map.title = Some("A \"title\" {with} <b>markup</b>".into());
        map.sides.push(crate::model::Side {
            id: "pro".into(),
            label: "Pro side".into(),
            color: None,
        });
        map.sides.push(crate::model::Side {
            id: "con".into(),
            label: "Con".into(),
            color: Some("#aa0000".into()),
        });
        let names = nested_sections(&mut map);
        map.sections.push(section("empty", Some("a")));
        map.sections.push(section("z", None));
        let mut previous = None;
        for (i, name) in names.iter().chain(&["x", "y", "z", "nowhere"]).enumerate() {
            for k in 0..3 {
                let title = format!("in {name} {k}");
                let text = "a long text with \"quotes\", \\N and ] brackets ".repeat(k + 1);
                let mut node = if (i + k) % 2 == 0 {
                    Node::statement(title, text)
                } else {
                    Node::argument(title, text)
                };
                node.section = (*name != "nowhere").then(|| (*name).into());
                node.side = match (i + k) % 3 {
                    0 => Some("pro".into()),
                    1 => Some("con".into()),
                    _ => None,
                };
                let ix = map.add_node(node).unwrap();
                if let Some(p) = previous {
                    let relation = [
                        Relation::Supports,
                        Relation::Rebuts,
                        Relation::Undercuts,
                        Relation::Contradicts,
                    ][(i + k) % 4];
                    map.add_edge(ix, p, Edge::new(relation));
                }
                previous = Some(if k == 0 { ix } else { previous.unwrap_or(ix) });
            }
        }
        for group_by in [GroupBy::Section, GroupBy::Side, GroupBy::None] {
            for layout in [Layout::Dot, Layout::Sfdp] {
                for legend in [true, false] {
                    let opts = RenderOptions {
                        group_by,
                        layout,
                        legend,
                        note: Some("a note".into()),
                        ..RenderOptions::default()
                    };
                    let streamed = whole_dot(&map, &opts);
                    assert_eq!(
                        streamed,
                        printed_whole(&map, &opts),
                        "{group_by:?} {layout:?} {legend}"
                    );
                    assert_eq!(
                        streamed.contains("subgraph \"cluster_s"),
                        group_by != GroupBy::None,
                        "{group_by:?} {layout:?}"
                    );
                }
            }
        }
        let empty = Map::new();
        assert_eq!(whole_dot(&empty, &opts()), printed_whole(&empty, &opts()));
    }

    /// Drives the writer and the collector with the same statements and compares the
    /// writer's text with graphviz-rust's printing of what the collector gathered.
    fn both_ways(statements: impl Fn(&mut dyn Statements) -> std::io::Result<()>) {
        let mut bytes = Vec::new();
        let mut writer = Writer::new(&mut bytes);
        statements(&mut writer).unwrap();
        writer.finish().unwrap();
        let mut collector = Collector {
            open: vec![(Id::Plain("counterpoint".into()), Vec::new())],
        };
        statements(&mut collector).unwrap();
        let stmts = collector.open.pop().unwrap().1;
        let graph = Graph::DiGraph {
            id: Id::Plain("counterpoint".into()),
            strict: false,
            stmts,
        };
        let mut ctx = PrinterContext::default();
        ctx.with_node_mult_attr_s_l();
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            format!("{}\n", graph.print(&mut ctx))
        );
    }

    #[test]
    fn the_writer_prints_each_statement_as_graphviz_rust_does() {
        // Edges whose text over several lines takes about 90 bytes, on either side of the
        // bound where graphviz-rust prints them on one line, at several depths; nodes and
        // defaults with none, one and several attributes; settings; anonymous and named
        // subgraphs, empty ones included; names and values that need escaping.
        for depth in 0..4 {
            for pad in 0..24 {
                both_ways(|out| {
                    let mut attrs = Attrs::default();
                    for level in 0..depth {
                        out.open((level % 2 == 0).then_some("c\"x"))?;
                    }
                    let name = "n".repeat(pad);
                    for count in 0..4 {
                        attrs.clear();
                        for k in 0..count {
                            attrs.quoted(["a", "bb", "ccc"][k], &"v".repeat(pad / 2 + k));
                        }
                        out.edge(&name, "m\"", &attrs)?;
                        out.node(&name, &attrs)?;
                        out.defaults(
                            [Defaults::Graph, Defaults::Node, Defaults::Edge][count % 3],
                            &attrs,
                        )?;
                        out.settings(&attrs)?;
                    }
                    attrs.clear().html("label", |h| {
                        h.tag("<b>").text("<&>").tag("</b>");
                    });
                    out.node("h", &attrs)?;
                    out.open(None)?;
                    out.close()?;
                    for _ in 0..depth {
                        out.close()?;
                    }
                    Ok(())
                });
            }
        }
        both_ways(|_| Ok(()));
    }

    /// A node of a random map: title, text, whether it is an argument, side, section.
    type RandomNode = (String, String, bool, Option<usize>, Option<usize>);

    fn random_node() -> impl proptest::strategy::Strategy<Value = RandomNode> {
        use proptest::prelude::*;
        let text = "(?s).{0,40}|[a-z ,.!?'\"()\\[\\]<>&\\\\\n-]{0,160}|([a-z]{1,9} ){0,30}";
        (
            "[A-Za-z ]{1,12}|.{1,20}",
            text,
            any::<bool>(),
            proptest::option::of(0usize..4),
            proptest::option::of(0usize..7),
        )
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

        #[test]
        fn the_written_text_is_what_the_printer_makes_of_random_maps(
            nodes in proptest::collection::vec(random_node(), 0..25),
            parents in proptest::collection::vec(proptest::option::of(0usize..8), 0..7),
            edges in proptest::collection::vec((0usize..25, 0usize..25, 0usize..4), 0..40),
            title in proptest::option::of("(?s).{0,30}"),
            motion in proptest::option::of(0usize..25),
            note in proptest::option::of("[a-z ]{0,20}"),
            group_by in 0usize..3,
            sfdp in proptest::prelude::any::<bool>(),
            legend in proptest::prelude::any::<bool>(),
            direction in 0usize..4,
            wrap in 0usize..50,
            max_lines in 0usize..3,
            stagger in 0usize..4,
            show_title in proptest::prelude::any::<bool>(),
        ) {
            let mut map = Map::new();
            map.title = title;
            for (i, side) in ["pro", "con"].into_iter().enumerate() {
                map.sides.push(crate::model::Side {
                    id: side.into(),
                    label: format!("{side} side"),
                    color: (i == 1).then(|| "#aa0000".into()),
                });
            }
            for (i, parent) in parents.iter().enumerate() {
                let mut s = section(&format!("s{i}"), parent.map(|p| format!("s{p}")).as_deref());
                s.side = (i % 3 == 0).then(|| "pro".into());
                map.sections.push(s);
            }
            let mut added = Vec::new();
            for (i, (title, text, argument, side, section)) in nodes.into_iter().enumerate() {
                let mut node = if argument {
                    Node::argument(format!("{title}{i}"), text)
                } else {
                    Node::statement(format!("{title}{i}"), text)
                };
                node.side = side.map(|s| ["pro", "con", "other", "x"][s].to_string()).map(Into::into);
                node.section = section.map(|s| format!("s{s}")).map(Into::into);
                added.push(map.add_node(node).unwrap());
            }
            if let Some(&ix) = motion.and_then(|m| added.get(m)) {
                map.motion = Some(map.node(ix).title.to_string());
            }
            let relations = [
                Relation::Supports,
                Relation::Rebuts,
                Relation::Undercuts,
                Relation::Contradicts,
            ];
            for (from, to, r) in edges {
                if let (Some(&a), Some(&b)) = (added.get(from), added.get(to)) {
                    map.add_edge(a, b, Edge::new(relations[r]));
                }
            }
            let opts = RenderOptions {
                group_by: [GroupBy::Section, GroupBy::Side, GroupBy::None][group_by],
                direction: [
                    crate::render::Direction::TopBottom,
                    crate::render::Direction::BottomTop,
                    crate::render::Direction::LeftRight,
                    crate::render::Direction::RightLeft,
                ][direction],
                layout: if sfdp { Layout::Sfdp } else { Layout::Dot },
                wrap,
                max_lines,
                stagger,
                legend,
                title: show_title,
                note,
            };
            proptest::prop_assert_eq!(whole_dot(&map, &opts), printed_whole(&map, &opts));
        }
    }

    /// Sections `a` > `b` > ... > `h` (eight levels, past the depth limit) and a cycle
    /// `x` <-> `y`; returns the chain's names.
    fn nested_sections(map: &mut Map) -> [&'static str; 8] {
        let names = ["a", "b", "c", "d", "e", "f", "g", "h"];
        for (i, name) in names.iter().enumerate() {
            let parent = i.checked_sub(1).and_then(|p| names.get(p)).copied();
            map.sections.push(section(name, parent));
        }
        map.sections.push(section("x", Some("y")));
        map.sections.push(section("y", Some("x")));
        names
    }

    #[test]
    fn sections_nest_as_clusters_up_to_the_depth_limit() {
        let mut map = Map::new();
        // a > b > c > d > e > f > g > h: eight levels, a cycle x <-> y, and an unknown parent.
        let names = nested_sections(&mut map);
        map.sections.push(section("z", Some("nowhere")));
        for name in names.iter().chain(&["x", "y", "z"]) {
            let mut node = Node::statement(format!("in {name}"), "");
            node.section = Some((*name).into());
            map.add_node(node).unwrap();
        }
        let dot = whole_dot(&map, &opts());
        // Clusters of the first six levels; g and h are drawn inside f.
        for i in 0..6 {
            assert!(
                dot.contains(&format!("subgraph \"cluster_section_{i}\"")),
                "{i}"
            );
        }
        assert!(!dot.contains("cluster_section_6\""));
        assert!(!dot.contains("cluster_section_7\""));
        let f = dot.find("\"cluster_section_5\"").unwrap();
        let g_node = dot.find("\"s-in-g\"[").unwrap();
        let h_node = dot.find("\"s-in-h\"[").unwrap();
        assert!(f < g_node && f < h_node);
        // Deepest indentation: six nested clusters.
        let depth = |name: &str| {
            let line = dot.lines().find(|l| l.contains(name)).unwrap();
            line.len() - line.trim_start().len()
        };
        assert_eq!(depth("\"s-in-g\"["), 14);
        assert_eq!(depth("\"s-in-h\"["), 14);
        // The cycle and the unknown parent still get drawn, once each.
        for name in ["x", "y", "z"] {
            assert_eq!(
                dot.matches(&format!("\"s-in-{name}\"[")).count(),
                1,
                "{name}"
            );
        }
        for i in 8..11 {
            assert!(
                dot.contains(&format!("subgraph \"cluster_section_{i}\"")),
                "{i}"
            );
        }
    }

    #[test]
    fn deep_section_chains_do_not_recurse() {
        let mut map = Map::new();
        let n = 20_000;
        for i in 0..n {
            let parent = (i > 0).then(|| format!("s{}", i - 1));
            map.sections
                .push(section(&format!("s{i}"), parent.as_deref()));
        }
        let mut node = Node::statement("deep", "");
        node.section = Some(format!("s{}", n - 1).into());
        map.add_node(node).unwrap();
        let dot = whole_dot(&map, &opts());
        assert_eq!(dot.matches("subgraph").count(), MAX_CLUSTER_DEPTH);
    }

    #[test]
    fn wide_fans_of_leaves_are_staggered() {
        let mut map = Map::new();
        let claim = map.add_node(Node::statement("C", "")).unwrap();
        let busy = map.add_node(Node::argument("Busy", "")).unwrap();
        map.add_edge(busy, claim, Edge::new(Relation::Supports));
        let answer = map.add_node(Node::argument("Answer", "")).unwrap();
        map.add_edge(answer, busy, Edge::new(Relation::Rebuts));
        for i in 0..5 {
            let leaf = map.add_node(Node::argument(format!("L{i}"), "")).unwrap();
            map.add_edge(leaf, claim, Edge::new(Relation::Supports));
        }
        let defaults = RenderOptions::default();
        let verdicts = Verdicts::whole(&map);
        let look = Look::new(&map);
        let scene = |opts| Scene::new(Drawing::new(&map, &verdicts), opts, &look);
        // Busy is not a leaf; the five leaves go 1, 2, 3, 1, 2.
        assert_eq!(scene(&defaults).staggered_lengths(), [1, 1, 1, 2, 3, 1, 2]);
        let flat = RenderOptions {
            stagger: 0,
            ..RenderOptions::default()
        };
        assert_eq!(scene(&flat).staggered_lengths(), [1; 7]);
    }

    #[test]
    fn unanswered_contentions_get_a_double_outline_and_statuses_a_marker() {
        // B is unanswered and has a reason of its own (C): a contention, outlined twice. C is
        // unanswered too but an evidence leaf: marked by its class only.
        let (map, _) = Map::of(
            [("[A]", "pro"), ("<B>", "con"), ("<C>", "con")],
            &[
                ("<B>", Relation::Rebuts, "[A]"),
                ("<C>", Relation::Supports, "<B>"),
            ],
        );
        let dot = whole_dot(&map, &opts());
        let block = |id: &str| {
            let start = dot.find(&format!("\"{id}\"[")).unwrap();
            let end = start + dot[start..].find("\n  ]").unwrap();
            dot[start..end].to_string()
        };
        let a_block = block("s-a");
        let b_block = block("a-b");
        let c_block = block("a-c");
        assert!(!a_block.contains("peripheries"));
        assert!(b_block.contains(r#"peripheries="2""#));
        assert!(!c_block.contains("peripheries"), "{c_block}");
        assert!(c_block.contains(r#"class="support argument stands unanswered""#));
        assert!(
            a_block.contains(r#"class="claim statement falls""#),
            "{a_block}"
        );
        assert!(b_block.contains(r#"class="rebuttal argument stands unanswered""#));
        assert!(a_block.contains(r##"<font point-size="12" color="#b2182b"><b>✗</b></font>"##));
        assert!(b_block.contains(r#"shape="octagon""#));
        assert!(b_block.contains(r#"style="filled,rounded""#));
    }

    #[test]
    fn verdict_markers_keep_aa_contrast_on_their_white_cell() {
        let white = Rgb(0xff, 0xff, 0xff);
        for label in [Label::In, Label::Out, Label::Undec] {
            let (_, color, word) = crate::render::verdicts::status_marker(label);
            let c = Rgb::parse(color).unwrap();
            let ratio = crate::style::vision::contrast(c, white);
            assert!(ratio >= 4.5, "{word}: {color} on white {ratio:.2}");
        }
        let mut map = Map::new();
        map.add_node(Node::argument("A", "").with_side("x"))
            .unwrap();
        let dot = to_dot(
            Drawing::new(&map, &Verdicts::whole(&map)),
            &RenderOptions::default(),
        );
        assert!(
            dot.contains(r##"bgcolor="white"><tr><td width="15" height="16" fixedsize="true"><font point-size="12" color="#1b7837"><b>✓</b>"##),
            "{dot}"
        );
    }
}
