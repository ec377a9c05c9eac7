//! GraphML, written: the map for yEd, Gephi, Cytoscape, networkx and other graph tools.
//!
//! One `<graph edgedefault="directed">`; nodes `n1`, `n2`, ... in map order and edges `e1`, `e2`,
//! ... (GraphML ids are XML tokens, so the map's own ids go into a data key). Keys:
//!
//! | key | for | value |
//! |-----|-----|-------|
//! | `map_title` | graph | the map's title |
//! | `id` | node | the map's node id (`[Title]`, `<Title>`) |
//! | `label` | node | the title (the attribute Gephi shows) |
//! | `title` | node | the title |
//! | `text` | node | the text |
//! | `element` | node | `statement` or `argument` |
//! | `kind` | node | `claim`, `support` or `rebuttal` |
//! | `side` | node | the side's id (left out when the node has none) |
//! | `side_label` | node | the side's label |
//! | `color` | node | the side's colour as `#rrggbb` (as in the DOT drawing) |
//! | `tags` | node | tags joined with `, ` |
//! | `section` | node | the section's title |
//! | `citations` | node | `source:first-last` joined with `; ` |
//! | `relation` | edge | `supports`, `rebuts`, `undercuts` or `contradicts` |
//!
//! All text is escaped for XML (`& < > " '`); a carriage return is written `&#13;` so that it
//! survives XML's line-end normalisation; characters XML 1.0 cannot hold (C0 control characters
//! other than tab, line feed and carriage return, U+FFFE, U+FFFF) become U+FFFD.

use std::collections::HashMap;
use std::fmt::Write as _;

use petgraph::stable_graph::NodeIndex;

use crate::model::Map;
use crate::style::palette::Palette;

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

/// The keys, as (id, for, attr.name).
pub(crate) const KEYS: [(&str, &str, &str); 14] = [
    ("map_title", "graph", "title"),
    ("id", "node", "id"),
    ("label", "node", "label"),
    ("title", "node", "title"),
    ("text", "node", "text"),
    ("element", "node", "element"),
    ("kind", "node", "kind"),
    ("side", "node", "side"),
    ("side_label", "node", "side_label"),
    ("color", "node", "color"),
    ("tags", "node", "tags"),
    ("section", "node", "section"),
    ("citations", "node", "citations"),
    ("relation", "edge", "relation"),
];

fn data(out: &mut String, key: &str, value: &str) {
    let _ = writeln!(out, "      <data key=\"{key}\">{}</data>", escape(value));
}

/// The map as a GraphML document.
pub fn to_string(map: &Map) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns \
         http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    );
    for (id, target, name) in KEYS {
        let _ = writeln!(
            out,
            "  <key id=\"{id}\" for=\"{target}\" attr.name=\"{name}\" attr.type=\"string\"/>"
        );
    }
    out.push_str("  <graph id=\"map\" edgedefault=\"directed\">\n");
    if let Some(title) = &map.title {
        let _ = writeln!(out, "    <data key=\"map_title\">{}</data>", escape(title));
    }
    let palette = Palette::new(map);
    let mut ids: HashMap<NodeIndex, String> = HashMap::new();
    for (k, (ix, n)) in map.nodes().enumerate() {
        let id = format!("n{}", k + 1);
        let _ = writeln!(out, "    <node id=\"{id}\">");
        data(&mut out, "id", &n.id);
        data(&mut out, "label", &n.title);
        data(&mut out, "title", &n.title);
        data(&mut out, "text", &n.text);
        data(&mut out, "element", n.element.as_str());
        data(&mut out, "kind", map.kind(ix).as_str());
        if let Some(side) = &n.side {
            data(&mut out, "side", side);
            if let Some(s) = palette.side(side) {
                data(&mut out, "side_label", &s.label);
            }
        }
        data(&mut out, "color", &palette.color(n.side.as_deref()).hex());
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
