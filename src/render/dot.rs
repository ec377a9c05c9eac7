//! The map as a Graphviz DOT graph, built with graphviz-rust's `dot_structures` and printed with
//! its printer.
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

use std::collections::HashMap;
use std::io::Write;

use graphviz_rust::dot_structures::{
    Attribute, Edge as DotEdge, EdgeTy, Graph, GraphAttributes, Id, Node as DotNode, NodeId, Stmt,
    Subgraph, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};
use petgraph::stable_graph::NodeIndex;

use super::escape::{quoted, tooltip, Html};
use super::look::Look;
use super::{Drawing, GroupBy, Layout, RenderOptions};
use crate::analysis::Verdicts;
use crate::graph::Label;
use crate::model::{Element, Kind, Map, Relation};
use crate::style::names::NodeIds;
use crate::style::palette::{self as style, Palette, Rgb};

/// Sections nested deeper than this are drawn inside their ancestor at this depth (Markdown has
/// six heading levels; the bound also keeps the printer's recursion shallow).
pub(crate) const MAX_CLUSTER_DEPTH: usize = 6;

/// Fans of more than this many leaves are staggered (see [`RenderOptions::stagger`]).
pub(crate) const STAGGER_FROM: usize = 3;

/// The smallest wrapping width accepted.
pub(crate) const MIN_WRAP: usize = 8;

/// The drawing as DOT text, ending in a newline.
pub fn to_dot(drawing: Drawing<'_>, opts: &RenderOptions) -> String {
    dot_text(drawing, opts, &Look::new(drawing.map))
}

/// [`to_dot`] with the node ids and colours already made (the report shares them with its page).
pub(super) fn dot_text(drawing: Drawing<'_>, opts: &RenderOptions, look: &Look) -> String {
    let mut bytes = Vec::new();
    // Writing into a `Vec` cannot fail, and the printer writes only `String`s.
    let _ = write_looking(drawing, opts, look, &mut bytes);
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Writes the drawing as DOT text, ending in a newline, to `out`: the same text as [`to_dot`],
/// printed statement by statement (each node and edge is built as a `dot_structures` statement,
/// printed with graphviz-rust's printer and dropped), so that the drawing never holds the whole
/// graph or its whole text. Give a buffered writer.
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
    let mut printer = Printer::new(out)?;
    Scene::new(drawing, opts, look).draw(&mut printer)?;
    printer.finish()
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

/// Where a drawing goes, statement by statement; clusters are opened, filled and closed.
trait Statements {
    fn stmt(&mut self, stmt: Stmt) -> std::io::Result<()>;
    /// A subgraph begins: the statements up to the matching [`Statements::close`] are its own.
    fn open(&mut self, id: Id) -> std::io::Result<()>;
    fn close(&mut self) -> std::io::Result<()>;
}

/// Builds the `dot_structures` graph in memory (see [`graph`]).
struct Collector {
    /// The graph's statements, then those of each open subgraph.
    open: Vec<(Id, Vec<Stmt>)>,
}

impl Statements for Collector {
    fn stmt(&mut self, stmt: Stmt) -> std::io::Result<()> {
        if let Some((_, stmts)) = self.open.last_mut() {
            stmts.push(stmt);
        }
        Ok(())
    }

    fn open(&mut self, id: Id) -> std::io::Result<()> {
        self.open.push((id, Vec::new()));
        Ok(())
    }

    fn close(&mut self) -> std::io::Result<()> {
        if self.open.len() > 1 {
            if let Some((id, stmts)) = self.open.pop() {
                self.stmt(Stmt::Subgraph(Subgraph { id, stmts }))?;
            }
        }
        Ok(())
    }
}

/// Prints each statement as it comes, exactly as graphviz-rust prints the whole graph: the
/// graph's statements indented by two spaces, each subgraph's by two more, one per line (a node
/// with several attributes over several lines), `digraph counterpoint {` ... `}` around them.
struct Printer<'w> {
    out: &'w mut dyn Write,
    /// A printer context per depth (0: the graph's own statements).
    contexts: Vec<PrinterContext>,
    /// Per open level (the graph, then each subgraph): whether nothing was printed in it yet.
    first: Vec<bool>,
}

impl<'w> Printer<'w> {
    fn new(out: &'w mut dyn Write) -> std::io::Result<Printer<'w>> {
        out.write_all(b"digraph counterpoint {\n")?;
        Ok(Printer {
            out,
            contexts: Vec::new(),
            first: vec![true],
        })
    }

    /// The depth of the statements printed now (0 inside the graph).
    fn depth(&self) -> usize {
        self.first.len().saturating_sub(1)
    }

    /// The indentation of statements at `depth`.
    fn indent(depth: usize) -> String {
        " ".repeat(2 * (depth + 1))
    }

    /// Statements are separated by line breaks.
    fn separate(&mut self) -> std::io::Result<()> {
        if let Some(first) = self.first.last_mut() {
            if !std::mem::replace(first, false) {
                self.out.write_all(b"\n")?;
            }
        }
        Ok(())
    }

    /// A context that prints statements at `depth` as the whole graph's printer would: in a
    /// directed graph (`->`), multi-attribute statements over several lines, indented
    /// `2 * (depth + 1)`. graphviz-rust sets the indentation only while printing a graph or a
    /// subgraph: printing an empty directed graph with a step of that size leaves the context
    /// inside it, as the whole graph's printer is when it reaches its statements.
    fn context(&mut self, depth: usize) -> &mut PrinterContext {
        while self.contexts.len() <= depth {
            let mut ctx = PrinterContext::default();
            ctx.with_node_mult_attr_s_l();
            ctx.with_indent_step(2 * (self.contexts.len() + 1));
            let empty = Graph::DiGraph {
                id: Id::Anonymous(String::new()),
                strict: false,
                stmts: Vec::new(),
            };
            empty.print(&mut ctx);
            ctx.with_indent_step(2);
            self.contexts.push(ctx);
        }
        &mut self.contexts[depth]
    }

    /// Ends the graph.
    fn finish(self) -> std::io::Result<()> {
        self.out.write_all(b"\n}\n")?;
        self.out.flush()
    }
}

impl Statements for Printer<'_> {
    fn stmt(&mut self, stmt: Stmt) -> std::io::Result<()> {
        self.separate()?;
        let depth = self.depth();
        let text = stmt.print(self.context(depth));
        self.out.write_all(text.as_bytes())
    }

    fn open(&mut self, id: Id) -> std::io::Result<()> {
        self.separate()?;
        let depth = self.depth();
        let id = id.print(self.context(depth));
        writeln!(self.out, "{}subgraph {id} {{", Printer::indent(depth))?;
        self.first.push(true);
        Ok(())
    }

    fn close(&mut self) -> std::io::Result<()> {
        if self.first.len() > 1 {
            self.first.pop();
            let depth = self.depth();
            write!(self.out, "\n{}}}", Printer::indent(depth))?;
        }
        Ok(())
    }
}

/// An attribute `key=value` with an escaped value.
fn attr(key: &str, value: &str) -> Attribute {
    Attribute(Id::Plain(key.into()), quoted(value))
}

/// A `tooltip` attribute: `text` as Graphviz will show it (cut with `…` when very long).
fn tooltip_attr(text: &str) -> Attribute {
    Attribute(Id::Plain("tooltip".into()), tooltip(text))
}

/// An attribute whose value is an HTML-like label.
fn html_attr(key: &str, value: Html) -> Attribute {
    Attribute(Id::Plain(key.into()), value.into_id())
}

fn node_stmt(name: &str, attributes: Vec<Attribute>) -> Stmt {
    Stmt::Node(DotNode::new(NodeId(quoted(name), None), attributes))
}

fn edge_stmt(from: &str, to: &str, attributes: Vec<Attribute>) -> Stmt {
    Stmt::Edge(DotEdge {
        ty: EdgeTy::Pair(
            Vertex::N(NodeId(quoted(from), None)),
            Vertex::N(NodeId(quoted(to), None)),
        ),
        attributes,
    })
}

/// The attributes that draw a relation's line: colour, dash pattern, pen width and arrowhead.
fn relation_line(relation: Relation) -> [Attribute; 4] {
    let s = style::edge_style(relation);
    [
        attr("color", s.color),
        attr("style", s.style),
        attr("penwidth", s.penwidth),
        attr("arrowhead", s.arrowhead),
    ]
}

/// The attributes that put a head at the tail too, for relations read both ways.
fn relation_tail(relation: Relation) -> Vec<Attribute> {
    let s = style::edge_style(relation);
    if s.both {
        vec![attr("dir", "both"), attr("arrowtail", s.arrowhead)]
    } else {
        Vec::new()
    }
}

fn cluster(name: &str, mut stmts: Vec<Stmt>, attributes: Vec<Attribute>) -> Subgraph {
    let mut all: Vec<Stmt> = vec![Stmt::GAttribute(GraphAttributes::Graph(attributes))];
    all.append(&mut stmts);
    Subgraph {
        id: quoted(name),
        stmts: all,
    }
}

/// The legend node `legend-key` (where the legend's rows end), labelled with `label`.
fn key_node(label: Html) -> Stmt {
    node_stmt(
        "legend-key",
        vec![
            attr("id", "legend-key"),
            attr("class", "legend"),
            attr("shape", "plaintext"),
            attr("fontsize", "10"),
            attr("margin", "0"),
            html_attr("label", label),
        ],
    )
}

/// `text` wrapped at `width` columns (long words are broken), keeping its own line breaks.
pub(crate) fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(MIN_WRAP);
    let normalized = text.replace("\r\n", "\n");
    let mut lines = Vec::new();
    for paragraph in normalized.split(['\n', '\r', '\u{2028}', '\u{2029}']) {
        let paragraph = paragraph.trim();
        if paragraph.is_empty() {
            continue;
        }
        lines.extend(
            textwrap::wrap(
                paragraph,
                textwrap::Options::new(width).word_splitter(textwrap::WordSplitter::NoHyphenation),
            )
            .into_iter()
            .map(|l| l.into_owned()),
        );
    }
    lines
}

/// Lines joined by left-aligned breaks.
fn lines_html(lines: &[String]) -> Html {
    let mut h = Html::new();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            h.line_break();
        }
        h.text(line);
    }
    h
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
        for stmt in self.preamble() {
            out.stmt(stmt)?;
        }
        match self.opts.group_by {
            GroupBy::Section => self.section_clusters(out)?,
            GroupBy::Side => self.side_clusters(out)?,
            GroupBy::None => {}
        }
        self.unclustered_nodes(out)?;
        self.edges(out)?;
        if self.opts.legend {
            out.stmt(match self.opts.layout {
                Layout::Dot => Stmt::Subgraph(self.legend()),
                Layout::Sfdp => self.legend_table(),
            })?;
        }
        Ok(())
    }

    /// The wrapping width of node texts (cluster labels and the title take multiples of it).
    fn width(&self) -> usize {
        self.opts.wrap.max(MIN_WRAP)
    }

    /// Graph, node and edge defaults, and the title.
    fn preamble(&self) -> Vec<Stmt> {
        let mut graph = vec![
            attr("rankdir", self.opts.direction.rankdir()),
            attr("fontname", style::FONT),
            attr("fontcolor", style::INK),
            attr("bgcolor", "white"),
            attr("pad", "0.3"),
            attr("nodesep", "0.35"),
            attr("ranksep", "0.55"),
            attr("outputorder", "edgesfirst"),
        ];
        if self.opts.layout == Layout::Sfdp {
            graph.push(attr("layout", "sfdp"));
            graph.push(attr("overlap", "prism"));
        }
        let mut label = Html::new();
        if let Some(title) = self.map.title.as_deref().filter(|t| !t.trim().is_empty()) {
            label.tag(r#"<font point-size="18"><b>"#);
            label.append(&lines_html(&wrap(title, self.width() * 3)));
            label.tag("</b></font>");
        }
        for note in &self.notes {
            if !label.is_empty() {
                label.line_break();
            }
            label.tag(r##"<font point-size="12" color="#555555"><i>"##);
            label.append(&lines_html(&wrap(note, self.width() * 3)));
            label.tag("</i></font>");
        }
        if !label.is_empty() && self.opts.title {
            graph.push(html_attr("label", label));
            graph.push(attr("labelloc", "t"));
            graph.push(attr("labeljust", "l"));
        }
        vec![
            Stmt::GAttribute(GraphAttributes::Graph(graph)),
            Stmt::GAttribute(GraphAttributes::Node(vec![
                attr("fontname", style::FONT),
                attr("fontsize", "12"),
                attr("fontcolor", style::INK),
                attr("margin", "0.14,0.08"),
                attr("penwidth", "2"),
            ])),
            Stmt::GAttribute(GraphAttributes::Edge(vec![
                attr("fontname", style::FONT),
                attr("fontsize", "10"),
                attr("arrowsize", "0.9"),
            ])),
        ]
    }

    /// A map node as a DOT node statement.
    fn node(&self, ix: NodeIndex) -> Stmt {
        if self.motion == Some(ix) {
            return self.motion_node(ix);
        }
        let node = self.map.node(ix);
        let kind = self.map.kind(ix);
        let color = self.palette.color(node.side.as_deref());
        let status = self.verdicts.label(ix);
        let unanswered = self.verdicts.is_unanswered(ix);
        let mut class = format!(
            "{} {} {}",
            kind.as_str(),
            node.element.as_str(),
            super::verdicts::status_marker(status).2
        );
        if unanswered {
            class.push_str(" unanswered");
        }
        let mut attributes = vec![
            attr("id", self.ids.get(ix)),
            attr("class", &class),
            attr("shape", style::shape(kind)),
            attr("style", style::node_style(node.element)),
            attr("color", &color.hex()),
            attr("fillcolor", &style::fill(node.element, color).hex()),
            attr("margin", style::margin(kind)),
        ];
        // The double outline marks the contentions nobody answered, not every evidence leaf.
        if self.verdicts.is_open_contention(ix) {
            attributes.push(attr("peripheries", "2"));
        }
        attributes.push(html_attr("label", self.label(ix, status)));
        let mut tip = node.title.clone();
        if !node.text.is_empty() {
            tip.push_str(": ");
            tip.push_str(&node.text);
        }
        attributes.push(tooltip_attr(&tip));
        node_stmt(self.ids.get(ix), attributes)
    }

    /// The motion as a DOT node statement: see the module documentation.
    fn motion_node(&self, ix: NodeIndex) -> Stmt {
        let node = self.map.node(ix);
        let status = self.verdicts.label(ix);
        let class = format!(
            "motion {} {}",
            node.element.as_str(),
            super::verdicts::status_marker(status).2
        );
        let mut tip = format!("Motion: {}", node.title);
        if !node.text.is_empty() {
            tip.push_str(": ");
            tip.push_str(&node.text);
        }
        node_stmt(
            self.ids.get(ix),
            vec![
                attr("id", self.ids.get(ix)),
                attr("class", &class),
                attr("shape", "box"),
                attr("style", "filled,bold"),
                attr("penwidth", "4"),
                attr("color", MOTION_INK),
                attr("fillcolor", MOTION_FILL),
                attr("margin", "0.22,0.14"),
                html_attr("label", self.motion_label(ix, status)),
                tooltip_attr(&tip),
            ],
        )
    }

    /// `MOTION` over the title (larger than other nodes' titles) over the wrapped text, the
    /// status marker in the top right corner.
    fn motion_label(&self, ix: NodeIndex, status: Label) -> Html {
        let node = self.map.node(ix);
        let width = self.width();
        let (marker, marker_color, _) = super::verdicts::status_marker(status);
        let mut h = Html::new();
        h.tag(r#"<table border="0" cellborder="0" cellspacing="0" cellpadding="2">"#);
        h.tag(r##"<tr><td align="left"><font point-size="11" color="#555555"><b>"##);
        h.text("MOTION");
        h.tag("</b></font></td>");
        h.tag(&format!(
            r#"<td align="right" valign="top"><table border="0" cellborder="0" cellspacing="0" cellpadding="1" bgcolor="white"><tr><td width="15" height="16" fixedsize="true"><font point-size="13" color="{marker_color}"><b>"#
        ));
        h.text(marker);
        h.tag("</b></font></td></tr></table></td></tr>");
        h.tag(r#"<tr><td colspan="2" align="left" balign="left"><font point-size="17"><b>"#);
        h.append(&lines_html(&wrap(&node.title, width * 3 / 2)));
        h.tag("</b></font></td></tr>");
        self.text_rows(&mut h, &node.text, width * 3 / 2);
        h
    }

    /// Title in bold over the wrapped text, the status marker in the top right corner, on
    /// white whatever the fill (so that its colour keeps WCAG AA contrast).
    fn label(&self, ix: NodeIndex, status: Label) -> Html {
        let node = self.map.node(ix);
        let width = self.width();
        let (marker, marker_color, _) = super::verdicts::status_marker(status);
        let mut h = Html::new();
        h.tag(r#"<table border="0" cellborder="0" cellspacing="0" cellpadding="1">"#);
        h.tag(r#"<tr><td align="left" balign="left"><font point-size="13"><b>"#);
        h.append(&lines_html(&wrap(&node.title, width)));
        h.tag("</b></font></td>");
        h.tag(&format!(
            r#"<td align="right" valign="top"><table border="0" cellborder="0" cellspacing="0" cellpadding="1" bgcolor="white"><tr><td width="15" height="16" fixedsize="true"><font point-size="12" color="{marker_color}"><b>"#
        ));
        h.text(marker);
        h.tag("</b></font></td></tr></table></td></tr>");
        self.text_rows(&mut h, &node.text, width);
        h
    }

    /// The node's text wrapped at `width`, cut at `--max-lines` with `…`, as the table's last
    /// row; then the end of the table.
    fn text_rows(&self, h: &mut Html, text: &str, width: usize) {
        let mut lines = wrap(text, width);
        if self.opts.max_lines > 0 && lines.len() > self.opts.max_lines {
            lines.truncate(self.opts.max_lines);
            if let Some(last) = lines.last_mut() {
                last.push('…');
            }
        }
        if !lines.is_empty() {
            h.tag(r#"<tr><td colspan="2" align="left" balign="left">"#);
            h.append(&lines_html(&lines));
            h.tag("</td></tr>");
        }
        h.tag("</table>");
    }

    /// Nodes that no cluster holds.
    fn unclustered_nodes(&self, out: &mut dyn Statements) -> std::io::Result<()> {
        let sections = self.section_positions();
        let clustered = |ix: NodeIndex| -> bool {
            let node = self.map.node(ix);
            match self.opts.group_by {
                GroupBy::Section => node
                    .section
                    .as_deref()
                    .is_some_and(|s| sections.contains_key(s)),
                GroupBy::Side => node.side.is_some(),
                GroupBy::None => false,
            }
        };
        for (ix, _) in self.map.nodes().filter(|&(ix, _)| !clustered(ix)) {
            out.stmt(self.node(ix))?;
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
    fn section_clusters(&self, out: &mut dyn Statements) -> std::io::Result<()> {
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
        for (ix, node) in self.map.nodes() {
            if let Some(&s) = node.section.as_deref().and_then(|s| position.get(s)) {
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
            out.open(quoted(&format!("cluster_section_{i}")))?;
            out.stmt(Stmt::GAttribute(GraphAttributes::Graph(
                self.cluster_attrs("section", &format!("section-{i}"), &section.title, color),
            )))?;
            for &ix in &nodes[i] {
                out.stmt(self.node(ix))?;
            }
            stack.push(None);
            stack.extend(children[i].iter().rev().map(|&c| Some(c)));
        }
        Ok(())
    }

    /// One cluster per side, in palette order.
    fn side_clusters(&self, out: &mut dyn Statements) -> std::io::Result<()> {
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
            out.open(quoted(&format!("cluster_side_{i}")))?;
            out.stmt(Stmt::GAttribute(GraphAttributes::Graph(
                self.cluster_attrs("side", &format!("side-{i}"), &side.label, Some(side.color)),
            )))?;
            for ix in nodes {
                out.stmt(self.node(ix))?;
            }
            out.close()?;
        }
        Ok(())
    }

    /// Attributes of a cluster: `kind` is `section` or `side` (its SVG class).
    fn cluster_attrs(
        &self,
        kind: &str,
        id: &str,
        title: &str,
        color: Option<Rgb>,
    ) -> Vec<Attribute> {
        let (pen, bg) = match color {
            Some(c) => (c.hex(), c.tint(style::CLUSTER_TINT).hex()),
            None => ("#b0b0b0".to_string(), "#f7f7f7".to_string()),
        };
        let mut label = Html::new();
        label.tag(r#"<font point-size="14"><b>"#);
        label.append(&lines_html(&wrap(title, self.width() * 2)));
        label.tag("</b></font>");
        vec![
            attr("id", &format!("cluster-{id}")),
            attr("class", kind),
            html_attr("label", label),
            attr("labeljust", "l"),
            attr("labelloc", self.cluster_labelloc()),
            attr("style", "rounded,filled"),
            attr("color", &pen),
            attr("fillcolor", &bg),
            attr("penwidth", "1.2"),
            attr("margin", "14"),
        ]
    }

    /// Every relation, in map order.
    fn edges(&self, out: &mut dyn Statements) -> std::io::Result<()> {
        let minlen = self.staggered_lengths();
        for (i, (from, to, edge)) in self.map.edges().enumerate() {
            let mut attributes = vec![
                attr("id", &format!("e{i}")),
                attr("class", edge.relation.as_str()),
            ];
            attributes.extend(relation_line(edge.relation));
            attributes.extend(relation_tail(edge.relation));
            if let Some(&len) = minlen.get(i).filter(|&&l| l > 1) {
                attributes.push(attr("minlen", &len.to_string()));
            }
            attributes.push(tooltip_attr(&format!(
                "{} {} {}",
                self.map.node(from).title,
                edge.relation.as_str(),
                self.map.node(to).title
            )));
            out.stmt(edge_stmt(self.ids.get(from), self.ids.get(to), attributes))?;
        }
        self.motion_rank(out)
    }

    /// With the `dot` layout, an invisible edge from each other claim to the motion, which holds
    /// the motion past them at the end the relations point to.
    fn motion_rank(&self, out: &mut dyn Statements) -> std::io::Result<()> {
        let Some(motion) = self.motion.filter(|_| self.opts.layout == Layout::Dot) else {
            return Ok(());
        };
        let claims = self
            .map
            .nodes()
            .map(|(ix, _)| ix)
            .filter(|&ix| ix != motion && self.map.kind(ix) == Kind::Claim);
        for (k, ix) in claims.enumerate() {
            out.stmt(edge_stmt(
                self.ids.get(ix),
                self.ids.get(motion),
                vec![
                    attr("id", &format!("motion-rank-{k}")),
                    attr("class", "motion-rank"),
                    attr("style", "invis"),
                    attr("arrowhead", "none"),
                ],
            ))?;
        }
        Ok(())
    }

    /// Edge lengths (in ranks) that spread wide fans over several rows, as Graphviz's
    /// `unflatten -l` does: when more than [`STAGGER_FROM`] leaves (nodes with no other relation)
    /// speak to the same node, their edges get lengths 1, 2, ..., `stagger`, 1, 2, ... in map
    /// order. Linear in the number of edges.
    fn staggered_lengths(&self) -> Vec<usize> {
        let edges: Vec<(NodeIndex, NodeIndex)> = self.map.edges().map(|(a, b, _)| (a, b)).collect();
        let mut lengths = vec![1; edges.len()];
        if self.opts.stagger < 2 {
            return lengths;
        }
        let mut degree: HashMap<NodeIndex, usize> = HashMap::new();
        for &(a, b) in &edges {
            *degree.entry(a).or_default() += 1;
            *degree.entry(b).or_default() += 1;
        }
        let is_leaf_edge = |&(a, b): &(NodeIndex, NodeIndex)| a != b && degree.get(&a) == Some(&1);
        let mut fan: HashMap<NodeIndex, usize> = HashMap::new();
        for e in edges.iter().filter(|e| is_leaf_edge(e)) {
            *fan.entry(e.1).or_default() += 1;
        }
        let mut seen: HashMap<NodeIndex, usize> = HashMap::new();
        for (i, e) in edges.iter().enumerate() {
            if !is_leaf_edge(e) || fan.get(&e.1).copied().unwrap_or(0) <= STAGGER_FROM {
                continue;
            }
            let k = seen.entry(e.1).or_default();
            if let Some(l) = lengths.get_mut(i) {
                *l = 1 + *k % self.opts.stagger;
            }
            *k += 1;
        }
        lengths
    }

    /// The legend, top to bottom: sample shapes of the kinds; statement, argument and the
    /// outline of an unanswered contention; a sample edge per relation; the sides' colours and
    /// status markers.
    fn legend(&self) -> Subgraph {
        let grey = style::NO_SIDE;
        // A sample node, with its name.
        let sample = |name: &str, text: &str, shape: &str, element: Element, periph: bool| {
            let name = format!("legend-{name}");
            let mut label = Html::new();
            label.text(text);
            let mut a = vec![
                attr("id", &name),
                attr("class", "legend"),
                attr("shape", shape),
                attr("style", style::node_style(element)),
                attr("color", &grey.hex()),
                attr("fillcolor", &style::fill(element, grey).hex()),
                attr("fontsize", "10"),
                attr("height", "0.3"),
                attr("margin", "0.08,0.03"),
            ];
            if periph {
                a.push(attr("peripheries", "2"));
            }
            a.push(html_attr("label", label));
            let stmt = node_stmt(&name, a);
            (name, stmt)
        };
        // A row: nodes on one rank, kept in order left to right by invisible flat edges.
        // In rows of relation samples (`pairs`), items 0-1, 2-3, ... are already joined by a
        // visible edge, so only 1-2, 3-4, ... need an invisible one.
        let row = |items: Vec<(String, Stmt)>, visible: Vec<Stmt>, pairs: bool| {
            let names: Vec<String> = items.iter().map(|(n, _)| n.clone()).collect();
            let mut stmts = vec![Stmt::Attribute(attr("rank", "same"))];
            stmts.extend(items.into_iter().map(|(_, s)| s));
            stmts.extend(visible);
            for (i, pair) in names.windows(2).enumerate() {
                if let [a, b] = pair {
                    if !pairs || i % 2 == 1 {
                        stmts.push(edge_stmt(a, b, vec![attr("style", "invis")]));
                    }
                }
            }
            Stmt::Subgraph(Subgraph {
                id: Id::Anonymous(String::new()),
                stmts,
            })
        };
        let kinds = [Kind::Claim, Kind::Support, Kind::Rebuttal]
            .into_iter()
            .map(|k| {
                let name = k.as_str();
                sample(name, name, style::shape(k), Element::Statement, false)
            })
            .collect();
        let mut stmts = vec![
            row(kinds, Vec::new(), false),
            row(
                vec![
                    sample("statement", "a statement", "box", Element::Statement, false),
                    sample("argument", "an argument", "box", Element::Argument, false),
                    sample(
                        "unanswered",
                        "unanswered contention",
                        "box",
                        Element::Statement,
                        true,
                    ),
                ],
                Vec::new(),
                false,
            ),
        ];
        let relation_sample = |r: Relation| {
            let s = style::edge_style(r);
            let from = format!("legend-{}-from", r.as_str());
            let to = format!("legend-{}", r.as_str());
            let mut label = Html::new();
            label.tag(&format!(r#"<font color="{}">"#, s.color));
            label.text(r.as_str());
            label.tag("</font>");
            let tail = node_stmt(
                &from,
                vec![
                    attr("id", &from),
                    attr("class", "legend"),
                    attr("shape", "point"),
                    attr("width", "0.06"),
                    attr("color", s.color),
                ],
            );
            let head = node_stmt(
                &to,
                vec![
                    attr("id", &to),
                    attr("class", "legend"),
                    attr("shape", "plaintext"),
                    attr("fontsize", "10"),
                    attr("height", "0.2"),
                    attr("margin", "0.02,0.02"),
                    html_attr("label", label),
                ],
            );
            let mut a = vec![
                attr("id", &format!("legend-{}-edge", r.as_str())),
                attr("class", "legend"),
            ];
            a.extend(relation_line(r));
            a.push(attr("minlen", "2"));
            a.extend(relation_tail(r));
            let edge = edge_stmt(&from, &to, a);
            (vec![(from, tail), (to, head)], edge)
        };
        for pair in [
            [Relation::Supports, Relation::Rebuts],
            [Relation::Undercuts, Relation::Contradicts],
        ] {
            let mut items = Vec::new();
            let mut visible = Vec::new();
            for r in pair {
                let (nodes, edge) = relation_sample(r);
                items.extend(nodes);
                visible.push(edge);
            }
            stmts.push(row(items, visible, true));
        }
        stmts.push(key_node(self.key_table()));
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
            stmts.push(edge_stmt(a, b, vec![attr("style", "invis")]));
        }
        let mut title = Html::new();
        title.tag(r#"<font point-size="13"><b>Legend</b></font>"#);
        cluster(
            "cluster_legend",
            stmts,
            vec![
                attr("id", "cluster-legend"),
                attr("class", "legend"),
                html_attr("label", title),
                attr("labeljust", "l"),
                attr("labelloc", self.cluster_labelloc()),
                attr("style", "rounded"),
                attr("color", "#c8c8c8"),
                attr("margin", "10"),
            ],
        )
    }

    /// The legend as one table node, for layouts without ranks (`sfdp`), where sample nodes
    /// would drift apart: shapes are named, relations shown by colour and a glyph.
    fn legend_table(&self) -> Stmt {
        let mut t = Html::new();
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
        key_node(t)
    }

    /// A table of the sides' colours and the status markers.
    fn key_table(&self) -> Html {
        let mut table = Html::new();
        table.tag(r#"<table border="0" cellborder="0" cellspacing="1" cellpadding="1">"#);
        let swatch = |t: &mut Html, color: Rgb, text: &str| {
            t.tag(&format!(
                r#"<tr><td width="20" height="12" bgcolor="{}" color="{}" border="2"></td><td align="left">"#,
                color.tint(style::ARGUMENT_TINT).hex(),
                color.hex()
            ));
            t.text(text);
            t.tag("</td></tr>");
        };
        for side in self.palette.used(self.map) {
            swatch(&mut table, side.color, &side.label);
        }
        if self.map.nodes().any(|(_, n)| n.side.is_none()) {
            swatch(&mut table, style::NO_SIDE, "no side");
        }
        for label in [Label::In, Label::Out, Label::Undec] {
            let (marker, color, word) = super::verdicts::status_marker(label);
            table.tag(&format!(
                r#"<tr><td><font color="{color}"><b>{marker}</b></font></td><td align="left">{word}</td></tr>"#
            ));
        }
        table.tag("</table>");
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edge, Node, Section};

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

    #[test]
    fn wrap_keeps_line_breaks_and_breaks_long_words() {
        assert_eq!(
            wrap("one two three four\n\nfive", 9),
            ["one two", "three", "four", "five"]
        );
        assert_eq!(wrap("abcdefghijkl", 8), ["abcdefgh", "ijkl"]);
        assert_eq!(
            wrap("a b", 1),
            ["a b"],
            "widths below the minimum are raised"
        );
        assert!(wrap("  \n ", 10).is_empty());
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
        node.section = Some(format!("s{}", n - 1));
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
