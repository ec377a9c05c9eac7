//! `counterpoint unanswered` output: the unanswered points grouped by side, as text, Markdown
//! or JSON.

use petgraph::stable_graph::NodeIndex;
use serde_json::{json, Value};

use super::{citation, one_line, side_heading, speaks_to};
use crate::analysis::sides;
use crate::formats::json::node_value;
use crate::model::Map;

/// The definition, as the outputs and `--help` state it.
pub(crate) const DEFINITION: &str =
    "A point is answered when at least one node of a different side rebuts or undercuts it \
     (a contradiction answers both ways; a node without a side differs from every side).";

/// Text for people: a summary line, then each side's unanswered points.
pub fn text(map: &Map, nodes: &[NodeIndex]) -> String {
    let mut out = format!(
        "Unanswered points: {} of {}. {DEFINITION}\n",
        nodes.len(),
        map.node_count()
    );
    for group in sides::by_side(map, nodes.iter().copied()) {
        let heading = side_heading(map, group.side.as_deref());
        out.push_str(&format!("\n{heading}: {}\n", group.nodes.len()));
        for ix in group.nodes {
            let node = map.node(ix);
            out.push_str(&format!("  {} {}\n", map.kind(ix), node.id));
            let text = one_line(&node.text);
            if !text.is_empty() {
                out.push_str(&format!("    {text}\n"));
            }
            for rel in speaks_to(map, ix) {
                out.push_str(&format!("    {rel}\n"));
            }
            for c in &node.citations {
                out.push_str(&format!("    cites {}\n", citation(c)));
            }
        }
    }
    out
}

/// Escapes text for inline Markdown: every character Markdown could read as markup gets a
/// backslash, so titles like `<Childcare>` or `*` show as written.
pub(crate) fn markdown_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in one_line(text).chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '#' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Markdown: a heading per side and a list item per point.
pub fn markdown(map: &Map, nodes: &[NodeIndex]) -> String {
    let mut out = format!(
        "# Unanswered points\n\n{} of {} points are unanswered. {}\n",
        nodes.len(),
        map.node_count(),
        markdown_escape(DEFINITION)
    );
    for group in sides::by_side(map, nodes.iter().copied()) {
        out.push_str(&format!(
            "\n## {} ({})\n\n",
            markdown_escape(&side_heading(map, group.side.as_deref())),
            group.nodes.len()
        ));
        for ix in group.nodes {
            let node = map.node(ix);
            let text = markdown_escape(&node.text);
            let sep = if text.is_empty() { "" } else { ": " };
            out.push_str(&format!(
                "- **{}** ({}){sep}{text}\n",
                markdown_escape(&node.id),
                map.kind(ix)
            ));
            for rel in speaks_to(map, ix) {
                out.push_str(&format!("  - {}\n", markdown_escape(&rel)));
            }
            for c in &node.citations {
                out.push_str(&format!("  - cites {}\n", markdown_escape(&citation(c))));
            }
        }
    }
    out
}

/// JSON: `{"definition", "total", "unanswered": [node objects as in the export, plus
/// "speaks_to": [{"relation", "to"}]], "by_side": [{"side", "heading", "nodes": [ids]}]}`.
pub fn json(map: &Map, nodes: &[NodeIndex]) -> Value {
    let objects: Vec<Value> = nodes
        .iter()
        .map(|&ix| {
            let mut v = node_value(map, ix);
            let targets: Vec<Value> = map
                .outgoing(ix)
                .map(|(to, r)| json!({"relation": r, "to": map.node(to).id}))
                .collect();
            if let Value::Object(o) = &mut v {
                o.insert("speaks_to".into(), Value::Array(targets));
            }
            v
        })
        .collect();
    let by_side: Vec<Value> = sides::by_side(map, nodes.iter().copied())
        .into_iter()
        .map(|g| {
            let ids: Vec<&str> = g.nodes.iter().map(|&ix| map.node(ix).id.as_str()).collect();
            let heading = side_heading(map, g.side.as_deref());
            json!({"side": g.side, "heading": heading, "nodes": ids})
        })
        .collect();
    json!({
        "definition": DEFINITION,
        "total": map.node_count(),
        "unanswered": objects,
        "by_side": by_side,
    })
}
