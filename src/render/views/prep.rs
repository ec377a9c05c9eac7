//! `counterpoint prep` output: the brief as Markdown, JSON, or a self-contained HTML page.

use maud::{html, Markup, PreEscaped, DOCTYPE};
use serde_json::{json, Value};

use super::reasons::{join_and, plain_sentence};
use super::subject::MapSubject;
use super::unanswered::markdown_escape;
use super::{citation, one_line, side_heading, speaks_to};
use crate::analysis::prep::{Brief, Item, Part, PartKey};
use crate::formats::json::node_value;
use crate::model::{Map, Source};

/// What the brief says about attacks, once at the top.
const PREAMBLE: &str = "Attacks are rebuttals, undercuts and contradictions. Within each list, \
                        claims come first, then the points most others depend on.";

/// The title of a part.
pub(crate) fn title(key: PartKey) -> &'static str {
    match key {
        PartKey::Answer => "Answer these",
        PartKey::Press => "Press these",
        PartKey::ShoreUp => "Shore these up",
        PartKey::Claims => "Where your claims stand",
    }
}

/// One sentence saying what a part's list is and what to do with it.
pub(crate) fn advice(key: PartKey) -> &'static str {
    match key {
        PartKey::Answer => {
            "Your opponents' points that your side has not rebutted, undercut or contradicted."
        }
        PartKey::Press => "Your points that nobody has answered.",
        PartKey::ShoreUp => {
            "Your points that are attacked by a point your side has not answered in turn."
        }
        PartKey::Claims => {
            "Your claims under grounded semantics: a claim stands when everything \
             against it falls."
        }
    }
}

/// The brief's heading: `Supporters (pro)`.
fn heading(map: &Map, brief: &Brief) -> String {
    side_heading(map, Some(&brief.side))
}

/// The sentence saying why an item has its grounded label (empty for a node outside the
/// framework).
pub(crate) fn reason(map: &Map, brief: &Brief, item: &Item) -> String {
    let mf = &brief.framework;
    let words = MapSubject {
        map,
        mf,
        selection: None,
    };
    match (item.reason, mf.arg(item.node)) {
        (Some(_), Some(a)) => plain_sentence(&brief.reasons, a, &words),
        _ => String::new(),
    }
}

/// The line under each item saying how it is attacked or what it attacks.
fn related_line(map: &Map, part: &Part, item: &Item) -> Option<String> {
    let names: Vec<String> = item
        .related
        .iter()
        .map(|&r| map.node(r).id.clone())
        .collect();
    match part.key {
        PartKey::ShoreUp if !names.is_empty() => Some(format!(
            "attacked by {}, which your side has not answered",
            join_and(&names)
        )),
        _ => None,
    }
}

/// `rebuttal, con; 4 points depend on it`.
fn facts(map: &Map, item: &Item) -> String {
    let node = map.node(item.node);
    let side = node.side.as_deref().unwrap_or("no side");
    let deps = match item.dependents {
        0 => "nothing depends on it".to_string(),
        1 => "1 point depends on it".to_string(),
        n => format!("{n} points depend on it"),
    };
    format!("{}, {side}; {deps}", item.kind)
}

/// The sources the brief cites, in the map's order.
fn cited_sources<'a>(map: &'a Map, brief: &Brief) -> Vec<&'a Source> {
    let cited: std::collections::HashSet<&str> = brief
        .parts
        .iter()
        .flat_map(|p| &p.items)
        .flat_map(|i| &map.node(i.node).citations)
        .map(|c| c.source.as_str())
        .collect();
    map.sources
        .iter()
        .filter(|s| cited.contains(s.id.as_str()))
        .collect()
}

fn source_line(s: &Source) -> String {
    let mut parts = Vec::new();
    if let Some(a) = &s.author {
        parts.push(a.clone());
    }
    if let Some(t) = &s.title {
        parts.push(t.clone());
    }
    if let Some(y) = s.year {
        parts.push(y.to_string());
    }
    if let Some(u) = &s.url {
        parts.push(u.clone());
    }
    parts.join(", ")
}

/// The brief as Markdown.
pub fn markdown(map: &Map, brief: &Brief) -> String {
    let mut out = format!(
        "# Debate prep: {}\n\n{PREAMBLE}\n",
        markdown_escape(&heading(map, brief))
    );
    for (k, part) in brief.parts.iter().enumerate() {
        out.push_str(&format!(
            "\n## {}. {} ({})\n\n{}\n\n",
            k + 1,
            title(part.key),
            part.items.len(),
            advice(part.key)
        ));
        if part.items.is_empty() {
            out.push_str("Nothing here.\n");
        }
        for item in &part.items {
            let node = map.node(item.node);
            out.push_str(&format!(
                "- **{}** ({})\n",
                markdown_escape(&node.id),
                markdown_escape(&facts(map, item))
            ));
            let text = markdown_escape(&node.text);
            if !text.is_empty() {
                out.push_str(&format!("  - {text}\n"));
            }
            for rel in speaks_to(map, item.node) {
                out.push_str(&format!("  - {}\n", markdown_escape(&rel)));
            }
            if let Some(line) = related_line(map, part, item) {
                out.push_str(&format!("  - {}\n", markdown_escape(&line)));
            }
            out.push_str(&format!(
                "  - grounded: {}\n",
                markdown_escape(&reason(map, brief, item))
            ));
            for c in &node.citations {
                out.push_str(&format!("  - cites {}\n", markdown_escape(&citation(c))));
            }
        }
    }
    let sources = cited_sources(map, brief);
    if !sources.is_empty() {
        out.push_str("\n## Sources\n\n");
        for s in sources {
            out.push_str(&format!(
                "- {}: {}\n",
                markdown_escape(&s.id),
                markdown_escape(&source_line(s))
            ));
        }
    }
    out
}

/// The brief as JSON: `{"side", "heading", "parts": [{"key", "title", "advice", "items":
/// [node object as in the export + "dependents", "label", "reason", "related": [ids],
/// "speaks_to": [{"relation", "to"}]]}], "sources": [...]}`.
pub fn json(map: &Map, brief: &Brief) -> Value {
    let parts: Vec<Value> = brief
        .parts
        .iter()
        .map(|part| {
            let items: Vec<Value> = part
                .items
                .iter()
                .map(|item| {
                    let mut v = node_value(map, item.node);
                    let targets: Vec<Value> = map
                        .outgoing(item.node)
                        .map(|(to, r)| json!({"relation": r, "to": map.node(to).id}))
                        .collect();
                    let related: Vec<&str> = item
                        .related
                        .iter()
                        .map(|&r| map.node(r).id.as_str())
                        .collect();
                    if let Value::Object(o) = &mut v {
                        o.insert("dependents".into(), json!(item.dependents));
                        o.insert("label".into(), json!(item.label));
                        o.insert("reason".into(), json!(reason(map, brief, item)));
                        o.insert("related".into(), json!(related));
                        o.insert("speaks_to".into(), Value::Array(targets));
                    }
                    v
                })
                .collect();
            json!({
                "key": part.key.as_str(),
                "title": title(part.key),
                "advice": advice(part.key),
                "items": items,
            })
        })
        .collect();
    json!({
        "side": brief.side,
        "heading": heading(map, brief),
        "parts": parts,
        "sources": cited_sources(map, brief),
    })
}

const STYLE: &str = "
body { font-family: system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.45; color: #222; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
.advice { color: #555; } ol { padding-left: 1.4rem; } li { margin: 0.8rem 0; }
.id { font-weight: 600; } .facts { color: #666; font-size: 0.9rem; }
.text { margin: 0.2rem 0; } .meta { font-size: 0.9rem; color: #444; margin: 0.1rem 0; }
.label { display: inline-block; padding: 0 0.4rem; border-radius: 0.3rem; font-size: 0.8rem;
         font-weight: 600; }
.in { background: #d9f2e3; color: #135d33; } .out { background: #f8dada; color: #8a1c1c; }
.undec { background: #f3ecd0; color: #6b5500; }
.empty { color: #777; font-style: italic; }
";

/// The brief as one self-contained HTML page (no scripts, no outside files). Every text from
/// the map is escaped.
pub fn html(map: &Map, brief: &Brief) -> String {
    let sources = cited_sources(map, brief);
    let heading = heading(map, brief);
    let page: Markup = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "Debate prep: " (heading) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                h1 { "Debate prep: " (heading) }
                p.advice { (PREAMBLE) }
                @for (k, part) in brief.parts.iter().enumerate() {
                    section id=(part.key.as_str()) {
                        h2 { (k + 1) ". " (title(part.key)) " (" (part.items.len()) ")" }
                        p.advice { (advice(part.key)) }
                        @if part.items.is_empty() {
                            p.empty { "Nothing here." }
                        } @else {
                            ol {
                                @for item in &part.items {
                                    (html_item(map, brief, part, item))
                                }
                            }
                        }
                    }
                }
                @if !sources.is_empty() {
                    section id="sources" {
                        h2 { "Sources" }
                        ul {
                            @for s in &sources {
                                li { span.id { (s.id) } ": " (source_line(s)) }
                            }
                        }
                    }
                }
            }
        }
    };
    page.into_string()
}

fn html_item(map: &Map, brief: &Brief, part: &Part, item: &Item) -> Markup {
    let node = map.node(item.node);
    let text = one_line(&node.text);
    html! {
        li {
            span.id { (node.id) } " "
            span.facts { "(" (facts(map, item)) ")" }
            @if !text.is_empty() { p.text { (text) } }
            @for rel in speaks_to(map, item.node) { p.meta { (rel) } }
            @if let Some(line) = related_line(map, part, item) { p.meta { (line) } }
            p.meta {
                span class={ "label " (item.label.as_str()) } { (item.label.as_str()) }
                " " (reason(map, brief, item))
            }
            @for c in &node.citations { p.meta { "cites " (citation(c)) } }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::prep::brief;
    use crate::model::{Edge, Node, Relation, Side};

    #[test]
    fn parts_and_reasons_in_words() {
        // pro: claim C, and U undercuts R; con: R rebuts C.
        let mut map = Map::new();
        map.sides.push(Side {
            id: "pro".into(),
            label: "Supporters".into(),
            color: None,
        });
        let c = map
            .add_node(Node::statement("C", "").with_side("pro"))
            .unwrap();
        let r = map
            .add_node(Node::argument("R", "").with_side("con"))
            .unwrap();
        let u = map
            .add_node(Node::argument("U", "").with_side("pro"))
            .unwrap();
        map.add_edge(r, c, Edge::new(Relation::Rebuts));
        map.add_edge(u, r, Edge::new(Relation::Undercuts));
        let b = brief(&map, "pro", None).unwrap();
        assert_eq!(heading(&map, &b), "Supporters (pro)");
        let words: Vec<(&str, &str, &str)> = b
            .parts
            .iter()
            .map(|p| (p.key.as_str(), title(p.key), advice(p.key)))
            .collect();
        assert_eq!(
            words,
            [
                (
                    "answer",
                    "Answer these",
                    "Your opponents' points that your side has not rebutted, undercut or \
                     contradicted."
                ),
                (
                    "press",
                    "Press these",
                    "Your points that nobody has answered."
                ),
                (
                    "shore_up",
                    "Shore these up",
                    "Your points that are attacked by a point your side has not answered in \
                     turn."
                ),
                (
                    "claims",
                    "Where your claims stand",
                    "Your claims under grounded semantics: a claim stands when everything \
                     against it falls."
                ),
            ]
        );
        let reasons: Vec<(&str, String)> = b
            .parts
            .iter()
            .flat_map(|p| &p.items)
            .map(|i| (map.node(i.node).title.as_str(), reason(&map, &b, i)))
            .collect();
        assert_eq!(
            reasons,
            [
                ("U", "stands: nobody rebuts it".to_string()),
                ("C", "stands: its only rebuttal <R> falls".to_string()),
            ]
        );
    }
}
