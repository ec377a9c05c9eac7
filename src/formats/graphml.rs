//! GraphML, written: the map for yEd, Gephi, Cytoscape, networkx and other graph tools.
//!
//! One `<graph edgedefault="directed">`; nodes `n1`, `n2`, ... in map order and edges `e1`, `e2`,
//! ... (GraphML ids are XML tokens, so the map's own ids go into a data key). Keys, each typed
//! (`attr.type`) so that numbers and booleans are read as such:
//!
//! | key | for | type | value |
//! |-----|-----|------|-------|
//! | `map_title` | graph | string | the map's title |
//! | `id` | node | string | the map's node id (`[Title]`, `<Title>`) |
//! | `label` | node | string | the title (the attribute Gephi shows) |
//! | `title` | node | string | the title |
//! | `text` | node | string | the text |
//! | `element` | node | string | `statement` or `argument` |
//! | `kind` | node | string | `claim`, `support` or `rebuttal` |
//! | `side` | node | string | the side's id (left out when the node has none) |
//! | `side_label` | node | string | the side's label |
//! | `color` | node | string | the side's colour as `#rrggbb` (as in the DOT drawing) |
//! | `r`, `g`, `b` | node | int | the same colour as Gephi reads it (0–255 each) |
//! | `tags` | node | string | tags joined with `, ` |
//! | `section` | node | string | the section's title |
//! | `citations` | node | string | `source:first-last` joined with `; ` |
//! | `grounded` | node | string | the grounded verdict: `in` (stands), `out` (falls), `undec` |
//! | `strength` | node | double | the DF-QuAD strength, 0 to 1 |
//! | `answered` | node | boolean | whether an opponent rebuts, undercuts or contradicts it |
//! | `node_graphics` | node | yEd | a `y:ShapeNode`: the shape of the node's kind (rectangle, hexagon, octagon, as in the DOT drawing), its fill (white for a statement, a tint of the side's colour for an argument), its outline in the side's colour, the title as its label |
//! | `relation` | edge | string | `supports`, `rebuts`, `undercuts` or `contradicts` |
//! | `edge_graphics` | edge | yEd | a `y:PolyLineEdge` in the relation's colour and line style |
//!
//! yEd draws the nodes and edges from the `yfiles.type` keys (other tools skip them), Gephi
//! colours nodes by `r`, `g`, `b`.
//!
//! All text is escaped for XML (`& < > " '`); a carriage return is written `&#13;` so that it
//! survives XML's line-end normalisation; characters XML 1.0 cannot hold (C0 control characters
//! other than tab, line feed and carriage return, U+FFFE, U+FFFF) become U+FFFD.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use petgraph::stable_graph::NodeIndex;

use crate::analysis::grounded::grounded;
use crate::analysis::strength::Strengths;
use crate::analysis::unanswered::unanswered;
use crate::model::{Kind, Map};
use crate::style::palette::{edge_style, fill, Palette, Rgb};

/// Escapes text for XML character data and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(c),
            '\u{FFFE}' | '\u{FFFF}' => out.push('\u{FFFD}'),
            c if c.is_control() && (c as u32) < 0x20 => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// The keys, as (id, for, attr.name, attr.type).
const KEYS: [(&str, &str, &str, &str); 20] = [
    ("map_title", "graph", "title", "string"),
    ("id", "node", "id", "string"),
    ("label", "node", "label", "string"),
    ("title", "node", "title", "string"),
    ("text", "node", "text", "string"),
    ("element", "node", "element", "string"),
    ("kind", "node", "kind", "string"),
    ("side", "node", "side", "string"),
    ("side_label", "node", "side_label", "string"),
    ("color", "node", "color", "string"),
    ("r", "node", "r", "int"),
    ("g", "node", "g", "int"),
    ("b", "node", "b", "int"),
    ("tags", "node", "tags", "string"),
    ("section", "node", "section", "string"),
    ("citations", "node", "citations", "string"),
    ("grounded", "node", "grounded", "string"),
    ("strength", "node", "strength", "double"),
    ("answered", "node", "answered", "boolean"),
    ("relation", "edge", "relation", "string"),
];

fn data(out: &mut String, key: &str, value: &str) {
    let _ = writeln!(out, "      <data key=\"{key}\">{}</data>", escape(value));
}

/// yEd's shape for a node kind, as in the DOT drawing.
fn yed_shape(kind: Kind) -> &'static str {
    match kind {
        Kind::Claim => "rectangle",
        Kind::Support => "hexagon",
        Kind::Rebuttal => "octagon",
    }
}

/// yEd's line type for a relation's line style.
fn yed_line(style: &str) -> &'static str {
    match style {
        "dashed" => "dashed",
        "dotted" => "dotted",
        _ => "line",
    }
}

/// The map as a GraphML document.
pub fn to_string(map: &Map) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xmlns:y=\"http://www.yworks.com/xml/graphml\" \
         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns \
         http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd\">\n",
    );
    for (id, target, name, ty) in KEYS {
        let _ = writeln!(
            out,
            "  <key id=\"{id}\" for=\"{target}\" attr.name=\"{name}\" attr.type=\"{ty}\"/>"
        );
    }
    out.push_str("  <key id=\"node_graphics\" for=\"node\" yfiles.type=\"nodegraphics\"/>\n");
    out.push_str("  <key id=\"edge_graphics\" for=\"edge\" yfiles.type=\"edgegraphics\"/>\n");
    out.push_str("  <graph id=\"map\" edgedefault=\"directed\">\n");
    if let Some(title) = &map.title {
        let _ = writeln!(out, "    <data key=\"map_title\">{}</data>", escape(title));
    }
    let palette = Palette::new(map);
    let labels = grounded(map);
    let strengths = Strengths::of(map);
    let unanswered: HashSet<NodeIndex> = unanswered(map).into_iter().collect();
    let mut ids: HashMap<NodeIndex, String> = HashMap::new();
    for (k, (ix, n)) in map.nodes().enumerate() {
        let id = format!("n{}", k + 1);
        let kind = map.kind(ix);
        let _ = writeln!(out, "    <node id=\"{id}\">");
        data(&mut out, "id", &n.id);
        data(&mut out, "label", &n.title);
        data(&mut out, "title", &n.title);
        data(&mut out, "text", &n.text);
        data(&mut out, "element", n.element.as_str());
        data(&mut out, "kind", kind.as_str());
        if let Some(side) = &n.side {
            data(&mut out, "side", side);
            if let Some(s) = palette.side(side) {
                data(&mut out, "side_label", &s.label);
            }
        }
        let color = palette.color(n.side.as_deref());
        data(&mut out, "color", &color.hex());
        let Rgb(r, g, b) = color;
        data(&mut out, "r", &r.to_string());
        data(&mut out, "g", &g.to_string());
        data(&mut out, "b", &b.to_string());
        if !n.tags.is_empty() {
            data(&mut out, "tags", &n.tags.join(", "));
        }
        if let Some(section) = n.section.as_deref().and_then(|s| map.section(s)) {
            data(&mut out, "section", &section.title);
        }
        if !n.citations.is_empty() {
            let cites: Vec<String> = n
                .citations
                .iter()
                .map(|c| format!("{}:{}-{}", c.source, c.lines[0], c.lines[1]))
                .collect();
            data(&mut out, "citations", &cites.join("; "));
        }
        data(&mut out, "grounded", labels.label(ix).as_str());
        data(&mut out, "strength", &format!("{:.4}", strengths.get(ix)));
        data(
            &mut out,
            "answered",
            if unanswered.contains(&ix) {
                "false"
            } else {
                "true"
            },
        );
        let title = escape(&n.title);
        let width = (n.title.chars().count() * 7 + 24).clamp(60, 320);
        let _ = write!(
            out,
            "      <data key=\"node_graphics\">\n\
             \x20       <y:ShapeNode>\n\
             \x20         <y:Geometry height=\"40.0\" width=\"{width}.0\" x=\"0.0\" y=\"0.0\"/>\n\
             \x20         <y:Fill color=\"{}\" transparent=\"false\"/>\n\
             \x20         <y:BorderStyle color=\"{}\" type=\"line\" width=\"2.0\"/>\n\
             \x20         <y:NodeLabel>{title}</y:NodeLabel>\n\
             \x20         <y:Shape type=\"{}\"/>\n\
             \x20       </y:ShapeNode>\n\
             \x20     </data>\n",
            fill(n.element, color).hex().to_ascii_uppercase(),
            color.hex().to_ascii_uppercase(),
            yed_shape(kind),
        );
        out.push_str("    </node>\n");
        ids.insert(ix, id);
    }
    for (k, (a, b, e)) in map.edges().enumerate() {
        let (Some(from), Some(to)) = (ids.get(&a), ids.get(&b)) else {
            continue;
        };
        let _ = writeln!(
            out,
            "    <edge id=\"e{}\" source=\"{from}\" target=\"{to}\">",
            k + 1
        );
        data(&mut out, "relation", e.relation.as_str());
        let style = edge_style(e.relation);
        let _ = write!(
            out,
            "      <data key=\"edge_graphics\">\n\
             \x20       <y:PolyLineEdge>\n\
             \x20         <y:LineStyle color=\"{}\" type=\"{}\" width=\"{}\"/>\n\
             \x20         <y:Arrows source=\"{}\" target=\"standard\"/>\n\
             \x20       </y:PolyLineEdge>\n\
             \x20     </data>\n",
            style.color.to_ascii_uppercase(),
            yed_line(style.style),
            style.penwidth,
            if style.both { "standard" } else { "none" },
        );
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_xml() {
        assert_eq!(
            escape("<b>\"&'\r\n\u{1}\u{FFFF}é"),
            "&lt;b&gt;&quot;&amp;&apos;&#13;\n\u{FFFD}\u{FFFD}é"
        );
    }
}
