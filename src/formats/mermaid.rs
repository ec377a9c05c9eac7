//! Mermaid `flowchart`, written: the map as a diagram that renders inside Markdown on code hosts.
//!
//! ```text
//! ---
//! title: "Four-day week"
//! ---
//! flowchart BT
//!   n1["<b>Four days</b><br/>Schools should move to a four-day week."]
//!   subgraph s1["Objections"]
//!     n2("<b>Childcare</b><br/>Parents pay for childcare on the fifth day.")
//!   end
//!   n2 --x|rebuts| n1
//!   classDef side-1 fill:#ffffff,stroke:#e69f00,stroke-width:2px,color:#1f1f1f
//!   class n1 side-1
//! ```
//!
//! - Node ids are `n1`, `n2`, ... in map order, whatever the titles hold; sections become
//!   (nested) subgraphs `s1`, `s2`, ...
//! - Shapes follow the node's kind as in the DOT drawing: claims are rectangles `["..."]`,
//!   supports hexagons `{{"..."}}`, rebuttals flags `>"..."]`.
//! - Each relation has its own line and label: supports `-->`, rebuts `--x`, undercuts `-.-x`
//!   (dotted), contradicts `x--x`, coloured with `linkStyle` as in the DOT drawing.
//! - One `classDef` per side (outline in the side's colour; arguments filled with a tint of it, as
//!   Argdown draws them) and one for nodes without a side.
//! - Labels are quoted; the title is bold and the text follows on a new line. Every user text
//!   goes through `escape`: `"`, `#`, `&`, `<`, `>` and `` ` `` become Mermaid entity codes
//!   (`#quot;`, `#35;`, `#amp;`, `#lt;`, `#gt;`, `#96;`), line breaks become `<br/>`, other
//!   control characters spaces. Non-ASCII text is kept as it is. With [`Labels::Title`] a node
//!   shows its title only (a diagram a fraction of the size).
//!
//! # Mermaid's limits
//!
//! Mermaid refuses a diagram longer than [`MAX_TEXT_SIZE`] characters (its `maxTextSize`
//! setting, which code hosts keep at the default) and draws at most [`MAX_EDGES`] links (its
//! `maxEdges`). [`over_limits`] says which of them a written diagram passes, so that the
//! command line can say so and name the way out: titles only, or a part of the map (the
//! filters `--side`, `--section`, `--tag`, `--focus` with `--depth`).

use std::collections::HashMap;
use std::fmt::Write as _;

use petgraph::stable_graph::NodeIndex;

use crate::model::{Element, Kind, Map, Relation};
use crate::style::palette::{self as style, Palette};

/// Escapes text for a quoted Mermaid label.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '&' => out.push_str("#amp;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '`' => out.push_str("#96;"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' | '\u{2028}' | '\u{2029}' => out.push_str("<br/>"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A `%%` comment line's text: no line breaks.
fn comment(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// The label of a node: bold title, then the text.
fn label(title: &str, text: &str) -> String {
    let mut out = format!("<b>{}</b>", escape(title));
    if !text.is_empty() {
        out.push_str("<br/>");
        out.push_str(&escape(text));
    }
    out
}

fn shape(kind: Kind, label: &str) -> String {
    match kind {
        Kind::Claim => format!("[\"{label}\"]"),
        Kind::Support => format!("{{{{\"{label}\"}}}}"),
        Kind::Rebuttal => format!(">\"{label}\"]"),
    }
}

/// The arrow of a relation.
pub(crate) fn arrow(relation: Relation) -> &'static str {
    match relation {
        Relation::Supports => "-->",
        Relation::Rebuts => "--x",
        Relation::Undercuts => "-.-x",
        Relation::Contradicts => "x--x",
    }
}

/// Mermaid's default `maxTextSize`: the longest diagram text it draws, in characters (UTF-16
/// code units, as JavaScript counts them).
pub const MAX_TEXT_SIZE: usize = 50_000;

/// Mermaid's default `maxEdges`: the most links a flowchart may have.
pub const MAX_EDGES: usize = 500;

/// What a node's label shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Labels {
    /// The title in bold, then the text.
    #[default]
    Full,
    /// The title only.
    Title,
}

/// Which of Mermaid's limits the diagram `text` (written for `map`) passes: one sentence for
/// each, naming the size and the limit. Empty when Mermaid draws it.
pub fn over_limits(text: &str, map: &Map) -> Vec<String> {
    let mut over = Vec::new();
    let size = text.encode_utf16().count();
    if size > MAX_TEXT_SIZE {
        over.push(format!(
            "the diagram is {size} characters long, and Mermaid refuses diagrams over \
             {MAX_TEXT_SIZE} characters (its maxTextSize)"
        ));
    }
    let edges = map.edge_count();
    if edges > MAX_EDGES {
        over.push(format!(
            "the diagram has {edges} links, and Mermaid draws at most {MAX_EDGES} (its maxEdges)"
        ));
    }
    over
}

/// The map as a Mermaid flowchart (bottom to top: reasons below what they bear on), each node
/// with its title and text.
pub fn to_string(map: &Map) -> String {
    to_string_with(map, Labels::Full)
}

/// The map as a Mermaid flowchart, the nodes labelled as `labels` says.
pub fn to_string_with(map: &Map, labels: Labels) -> String {
    let mut out = String::new();
    if let Some(title) = &map.title {
        // A JSON string is a YAML double-quoted scalar.
        let title = serde_json::to_string(title).unwrap_or_default();
        let _ = write!(out, "---\ntitle: {title}\n---\n");
    }
    out.push_str("flowchart BT\n");
    let ids: HashMap<NodeIndex, String> = map
        .nodes()
        .enumerate()
        .map(|(i, (ix, _))| (ix, format!("n{}", i + 1)))
        .collect();
    let id = |ix: NodeIndex| ids.get(&ix).cloned().unwrap_or_default();
    let node_line = |ix: NodeIndex| {
        let n = map.node(ix);
        let text = match labels {
            Labels::Full => &*n.text,
            Labels::Title => "",
        };
        format!("{}{}", id(ix), shape(map.kind(ix), &label(&n.title, text)))
    };

    // Nodes by section; nodes of unknown sections go to the top level.
    let section_pos: HashMap<&str, usize> = map
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let mut top: Vec<NodeIndex> = Vec::new();
    let mut in_section: Vec<Vec<NodeIndex>> = vec![Vec::new(); map.sections.len()];
    for (ix, n) in map.nodes() {
        match n.section.as_deref().and_then(|s| section_pos.get(s)) {
            Some(&i) => {
                if let Some(list) = in_section.get_mut(i) {
                    list.push(ix);
                }
            }
            None => top.push(ix),
        }
    }
    for &ix in &top {
        let _ = writeln!(out, "  {}", node_line(ix));
    }
    // Children of each section (a parent that is not a known earlier section counts as none).
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); map.sections.len()];
    let mut roots: Vec<usize> = Vec::new();
    for (i, s) in map.sections.iter().enumerate() {
        match s
            .parent
            .as_deref()
            .and_then(|p| section_pos.get(p))
            .filter(|&&p| p < i)
        {
            Some(&p) => {
                if let Some(c) = children.get_mut(p) {
                    c.push(i);
                }
            }
            None => roots.push(i),
        }
    }
    // Depth-first with an explicit stack: (section, whether its subgraph is open).
    let mut stack: Vec<(usize, bool)> = roots.iter().rev().map(|&r| (r, false)).collect();
    let mut depth = 1usize;
    while let Some((i, opened)) = stack.pop() {
        let Some(s) = map.sections.get(i) else {
            continue;
        };
        if opened {
            depth -= 1;
            let _ = writeln!(out, "{}end", "  ".repeat(depth));
            continue;
        }
        let pad = "  ".repeat(depth);
        let _ = writeln!(out, "{pad}subgraph s{}[\"{}\"]", i + 1, escape(&s.title));
        depth += 1;
        for &ix in in_section.get(i).into_iter().flatten() {
            let _ = writeln!(out, "{}{}", "  ".repeat(depth), node_line(ix));
        }
        stack.push((i, true));
        for &c in children.get(i).into_iter().flatten().rev() {
            stack.push((c, false));
        }
    }

    // Relations, then their colours by index.
    let mut by_relation: Vec<(Relation, Vec<usize>)> = Vec::new();
    for (k, (a, b, e)) in map.edges().enumerate() {
        let _ = writeln!(
            out,
            "  {} {}|{}| {}",
            id(a),
            arrow(e.relation),
            e.relation,
            id(b)
        );
        match by_relation.iter_mut().find(|(r, _)| *r == e.relation) {
            Some((_, list)) => list.push(k),
            None => by_relation.push((e.relation, vec![k])),
        }
    }
    for (relation, list) in &by_relation {
        let s = style::edge_style(*relation);
        let indices: Vec<String> = list.iter().map(usize::to_string).collect();
        let _ = writeln!(
            out,
            "  linkStyle {} stroke:{},stroke-width:{}px",
            indices.join(","),
            s.color,
            s.penwidth
        );
    }

    // Side colours: a class per side and element, in order of first use.
    let palette = Palette::new(map);
    let side_position: HashMap<&str, usize> = palette
        .sides()
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    // ((side position, element), node ids)
    let mut classes: Vec<(_, Vec<String>)> = Vec::new();
    for (ix, n) in map.nodes() {
        let key = (
            n.side
                .as_deref()
                .and_then(|s| side_position.get(s).copied()),
            n.element,
        );
        match classes.iter_mut().find(|(k, _)| *k == key) {
            Some((_, members)) => members.push(id(ix)),
            None => classes.push((key, vec![id(ix)])),
        }
    }
    for ((position, element), members) in &classes {
        let side = position.and_then(|k| palette.sides().get(k).map(|side| (k, side)));
        let base = match side {
            Some((k, _)) => format!("side-{}", k + 1),
            None => "no-side".to_string(),
        };
        let class = match element {
            Element::Statement => base,
            Element::Argument => format!("{base}-arg"),
        };
        let outline = match side {
            Some((_, side)) => {
                let _ = writeln!(
                    out,
                    "  %% {class}: side {} ({})",
                    comment(&side.id),
                    comment(&side.label)
                );
                side.color
            }
            None => style::NO_SIDE,
        };
        let _ = writeln!(
            out,
            "  classDef {class} fill:{},stroke:{},stroke-width:2px,color:{}",
            style::fill(*element, outline).hex(),
            outline.hex(),
            style::INK
        );
        let _ = writeln!(out, "  class {} {class}", members.join(","));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_labels() {
        assert_eq!(
            escape("\"a\" #1 <b>&`x`\r\nnext\tend"),
            "#quot;a#quot; #35;1 #lt;b#gt;#amp;#96;x#96;<br/>next end"
        );
    }
}
