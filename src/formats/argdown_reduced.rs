//! A map reduced to what the real Argdown tools would read from the same file, for conformance
//! tests: statement and argument titles with their text and tags, the relations in Argdown's
//! terms, the sections and the tags.
//!
//! [`reduce`] works on a [`Map`]; [`from_normalized`] takes the output of
//! `../shared/tools/normalize_argdown_json.py` (Argdown's `json` export, reduced) to the same
//! shape, so that the two compare with `==`:
//!
//! ```json
//! {
//!   "statements": {"Title": {"text": "...", "tags": ["a"]}},
//!   "arguments": {"Title": {"text": "...", "tags": [], "pcs": [["premise", "P"]]}},
//!   "relations": [["from", "argument", "support", "to", "equivalence-class"]],
//!   "sections": [["s1", 1, "Heading", null]],
//!   "tags": ["a"]
//! }
//! ```
//!
//! An argument's premise-conclusion structure is compared as `[role, statement title]` pairs;
//! the relation from an argument to its main conclusion, which counterpoint adds, is left out
//! (Argdown does not list it). As in Argdown's model, the relations of a reconstructed argument
//! (one with such a structure) are reported from its main conclusion, and an undercut of it
//! targets its `inference`.
//!
//! Argdown's strict-mode names for relations between statements, `entails` and `contrary`,
//! read as `support` and `attack`.
//!
//! Texts are compared after `comparable_text`: Argdown keeps `#tags` in the text and drops
//! Markdown emphasis and link targets, counterpoint does the opposite, so both sides lose
//! tags, emphasis markers and link targets, and whitespace is collapsed.

use std::collections::BTreeSet;

use serde_json::{json, Map as JsonMap, Value};

use crate::model::{Element, Map, Relation};

/// Argdown's name for a relation.
pub(crate) fn relation_type(r: Relation) -> &'static str {
    match r {
        Relation::Supports => "support",
        Relation::Rebuts => "attack",
        Relation::Undercuts => "undercut",
        Relation::Contradicts => "contradictory",
    }
}

/// Argdown's name for the kind of a relation's end.
pub(crate) fn element_type(e: Element) -> &'static str {
    match e {
        Element::Statement => "equivalence-class",
        Element::Argument => "argument",
    }
}

/// Text as both tools can agree on it: Markdown links become their text, `#tags`, `*` and `_`
/// go, whitespace collapses.
pub(crate) fn comparable_text(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        match c {
            '[' => {
                // [text](url) -> text
                let close = (i + 1..chars.len()).find(|&k| chars.get(k) == Some(&']'));
                if let Some(close) = close {
                    if chars.get(close + 1) == Some(&'(') {
                        if let Some(paren) =
                            (close + 2..chars.len()).find(|&k| chars.get(k) == Some(&')'))
                        {
                            out.extend(chars.get(i + 1..close).unwrap_or(&[]));
                            i = paren + 1;
                            continue;
                        }
                    }
                }
                out.push(c);
                i += 1;
            }
            '#' => {
                if chars.get(i + 1) == Some(&'(') {
                    if let Some(close) = (i + 2..chars.len()).find(|&k| chars.get(k) == Some(&')'))
                    {
                        i = close + 1;
                        continue;
                    }
                }
                let mut k = i + 1;
                while chars
                    .get(k)
                    .is_some_and(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
                {
                    k += 1;
                }
                if k > i + 1 {
                    i = k;
                    continue;
                }
                out.push(c);
                i += 1;
            }
            '*' | '_' => i += 1,
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An argument's premise-conclusion structure as `[role, statement title]` pairs, from the
/// `pcs` the reader keeps in its data.
fn pcs_of(map: &Map, node: &crate::model::Node) -> Vec<Value> {
    let Some(Value::Array(entries)) = node.data.get("pcs") else {
        return Vec::new();
    };
    entries
        .iter()
        .map(|e| {
            let role = e.get("role").cloned().unwrap_or(Value::Null);
            let title = e
                .get("statement")
                .and_then(Value::as_str)
                .and_then(|id| map.find(id))
                .map(|ix| json!(map.node(ix).title))
                .unwrap_or(Value::Null);
            json!([role, title])
        })
        .collect()
}

/// The main conclusion of a reconstructed argument (one with a premise-conclusion
/// structure).
fn main_conclusion<'a>(map: &'a Map, node: &crate::model::Node) -> Option<&'a crate::model::Node> {
    let Some(Value::Array(entries)) = node.data.get("pcs") else {
        return None;
    };
    let last = entries.last()?;
    if last.get("role").and_then(Value::as_str) != Some("main-conclusion") {
        return None;
    }
    let ix = map.find(last.get("statement").and_then(Value::as_str)?)?;
    Some(map.node(ix))
}

/// The relation from an argument to the main conclusion of its premise-conclusion structure,
/// which the reader adds and Argdown leaves implicit.
fn is_implicit_conclusion(
    map: &Map,
    from: petgraph::stable_graph::NodeIndex,
    to: petgraph::stable_graph::NodeIndex,
    relation: Relation,
) -> bool {
    if relation != Relation::Supports {
        return false;
    }
    let conclusion = &map.node(to).id;
    match map.node(from).data.get("pcs") {
        Some(Value::Array(entries)) => entries.last().is_some_and(|e| {
            e.get("role").and_then(Value::as_str) == Some("main-conclusion")
                && e.get("statement").and_then(Value::as_str) == Some(conclusion.as_str())
        }),
        _ => false,
    }
}

/// The tags written in a heading's title (`#tag`, `#(two words)`).
pub(crate) fn tags_in(title: &str) -> Vec<String> {
    let chars: Vec<char> = title.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        i += 1;
        if c != '#' {
            continue;
        }
        if chars.get(i) == Some(&'(') {
            if let Some(close) = (i + 1..chars.len()).find(|&k| chars.get(k) == Some(&')')) {
                out.push(chars.get(i + 1..close).unwrap_or(&[]).iter().collect());
                i = close + 1;
            }
            continue;
        }
        let start = i;
        while chars
            .get(i)
            .is_some_and(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
        {
            i += 1;
        }
        if i > start {
            out.push(chars.get(start..i).unwrap_or(&[]).iter().collect());
        }
    }
    out
}

fn sorted_tags<'a>(tags: impl IntoIterator<Item = &'a String>) -> Value {
    let set: BTreeSet<&str> = tags.into_iter().map(String::as_str).collect();
    Value::Array(set.into_iter().map(|t| json!(t)).collect())
}

/// The map in the comparable shape (see the module documentation).
pub fn reduce(map: &Map) -> Value {
    let mut statements = JsonMap::new();
    let mut arguments = JsonMap::new();
    let mut all_tags: BTreeSet<&str> = BTreeSet::new();
    for (_, node) in map.nodes() {
        let mut entry = json!({
            "text": comparable_text(&node.text),
            "tags": sorted_tags(&node.tags),
        });
        if node.element == Element::Argument {
            entry["pcs"] = Value::Array(pcs_of(map, node));
        }
        all_tags.extend(node.tags.iter().map(String::as_str));
        match node.element {
            Element::Statement => statements.insert(node.title.to_string(), entry),
            Element::Argument => arguments.insert(node.title.to_string(), entry),
        };
    }
    let mut relations: Vec<Value> = map
        .edges()
        .filter(|(a, b, e)| !is_implicit_conclusion(map, *a, *b, e.relation))
        .map(|(a, b, e)| {
            let (from, to) = (map.node(a), map.node(b));
            // Argdown: what a reconstructed argument says, its main conclusion says; an
            // undercut of a reconstructed argument targets its inference.
            let (from_title, from_type) = match main_conclusion(map, from) {
                Some(c) => (c.title.as_str(), "equivalence-class"),
                None => (from.title.as_str(), element_type(from.element)),
            };
            let to_type = if e.relation == Relation::Undercuts && main_conclusion(map, to).is_some()
            {
                "inference"
            } else {
                element_type(to.element)
            };
            json!([
                from_title,
                from_type,
                relation_type(e.relation),
                to.title,
                to_type
            ])
        })
        .collect();
    sort_relations(&mut relations);
    relations.dedup();
    let sections: Vec<Value> = map
        .sections
        .iter()
        .map(|s| json!([s.id, s.level, s.title, s.parent]))
        .collect();
    let heading_tags: Vec<String> = map
        .sections
        .iter()
        .flat_map(|s| tags_in(&s.title))
        .collect();
    all_tags.extend(heading_tags.iter().map(String::as_str));
    json!({
        "statements": statements,
        "arguments": arguments,
        "relations": relations,
        "sections": sections,
        "tags": all_tags.into_iter().collect::<Vec<_>>(),
    })
}

fn sort_relations(relations: &mut [Value]) {
    relations.sort_by_key(|r| r.to_string());
}

/// The first text among `texts` that is not empty once made comparable, else "".
fn first_text<'a>(texts: impl IntoIterator<Item = Option<&'a str>>) -> String {
    texts
        .into_iter()
        .flatten()
        .map(comparable_text)
        .find(|t| !t.is_empty())
        .unwrap_or_default()
}

/// The output of `normalize_argdown_json.py` in the comparable shape. A statement's text is
/// its first non-empty defining member's; an argument's its first non-empty description.
pub fn from_normalized(normalized: &Value) -> Value {
    let empty = JsonMap::new();
    let obj = |key: &str| {
        normalized
            .get(key)
            .and_then(Value::as_object)
            .unwrap_or(&empty)
    };
    let tags_of = |v: &Value| {
        let tags: Vec<String> = v
            .get("tags")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|t| t.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        sorted_tags(&tags)
    };
    let mut statements = JsonMap::new();
    for (title, ec) in obj("statements") {
        let members = ec.get("members").and_then(Value::as_array);
        let text = first_text(members.into_iter().flatten().filter_map(|m| {
            let is_ref = m.get("ref").and_then(Value::as_bool).unwrap_or(false);
            (!is_ref).then(|| m.get("text").and_then(Value::as_str))
        }));
        statements.insert(title.clone(), json!({"text": text, "tags": tags_of(ec)}));
    }
    let mut arguments = JsonMap::new();
    for (title, a) in obj("arguments") {
        let descriptions = a.get("descriptions").and_then(Value::as_array);
        let text = first_text(descriptions.into_iter().flatten().map(Value::as_str));
        let pcs: Vec<Value> = a
            .get("pcs")
            .and_then(Value::as_array)
            .map(|steps| {
                steps
                    .iter()
                    .map(|s| json!([s.get(0).cloned(), s.get(1).cloned()]))
                    .collect()
            })
            .unwrap_or_default();
        arguments.insert(
            title.clone(),
            json!({"text": text, "tags": tags_of(a), "pcs": pcs}),
        );
    }
    // In strict mode Argdown names statement-to-statement relations "entails" and "contrary";
    // counterpoint's model does not tell them from "support" and "attack".
    let mut relations: Vec<Value> = normalized
        .get("relations")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .map(|mut r| {
            if let Some(t) = r.get_mut(2) {
                match t.as_str() {
                    Some("entails") => *t = json!("support"),
                    Some("contrary") => *t = json!("attack"),
                    _ => {}
                }
            }
            r
        })
        .collect();
    sort_relations(&mut relations);
    relations.dedup();
    json!({
        "statements": statements,
        "arguments": arguments,
        "relations": relations,
        "sections": normalized.get("sections").cloned().unwrap_or(json!([])),
        "tags": normalized.get("tags").cloned().unwrap_or(json!([])),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edge, Node};

    #[test]
    fn comparable_text_drops_markup() {
        assert_eq!(
            comparable_text("A *bold* [link](http://x.org) #tag #(two words) _it_  end "),
            "A bold link it end"
        );
        assert_eq!(comparable_text("C# and # alone"), "C# and # alone");
    }

    #[test]
    fn reduces_a_map() {
        let mut map = Map::new();
        let a = map
            .add_node(Node::statement("A", "a text").with_tag("pro"))
            .unwrap();
        let b = map.add_node(Node::argument("B", "b")).unwrap();
        map.add_edge(b, a, Edge::new(Relation::Undercuts));
        assert_eq!(
            reduce(&map),
            json!({
                "statements": {"A": {"text": "a text", "tags": ["pro"]}},
                "arguments": {"B": {"text": "b", "tags": [], "pcs": []}},
                "relations": [["B", "argument", "undercut", "A", "equivalence-class"]],
                "sections": [],
                "tags": ["pro"],
            })
        );
    }

    #[test]
    fn projects_argdown_output() {
        let normalized = json!({
            "statements": {"A": {"members": [
                {"role": "top-level-statement", "text": null, "ref": true},
                {"role": "top-level-statement", "text": "a  text #pro ", "ref": false}
            ], "tags": ["pro"]}},
            "arguments": {"B": {"descriptions": ["", "b"], "pcs": [["premise", "A", null]], "tags": []}},
            "relations": [["B", "argument", "undercut", "A", "equivalence-class"]],
            "sections": [],
            "tags": ["pro"]
        });
        assert_eq!(
            from_normalized(&normalized),
            json!({
                "statements": {"A": {"text": "a text", "tags": ["pro"]}},
                "arguments": {"B": {"text": "b", "tags": [], "pcs": [["premise", "A"]]}},
                "relations": [["B", "argument", "undercut", "A", "equivalence-class"]],
                "sections": [],
                "tags": ["pro"],
            })
        );
    }
}
