//! Safe ids for drawn nodes: derived from titles, never the titles themselves.
//!
//! A node's drawing id is `s-` (statement) or `a-` (argument) followed by its title in lower
//! case with every run of characters other than ASCII letters and digits turned into one `-`,
//! cut after a whole word to at most 40 characters; a repeated id gets `-2`, `-3`, ... The ids are the DOT node names and
//! the `id` attributes of the SVG groups, so a script can find nodes, and they only ever hold
//! `[a-z0-9-]`.

use std::collections::{HashMap, HashSet};

use petgraph::stable_graph::NodeIndex;

use crate::model::{Element, Map};

/// The longest slug taken from a title.
const MAX_SLUG: usize = 40;

/// Drawing ids for every node of a map, unique, in map order.
#[derive(Debug, Clone, Default)]
pub struct NodeIds {
    ids: HashMap<NodeIndex, String>,
}

impl NodeIds {
    /// Ids for every node of `map`. Linear in the map's size.
    pub fn new(map: &Map) -> NodeIds {
        let mut unique = Unique::default();
        let mut ids = HashMap::with_capacity(map.node_count());
        for (ix, node) in map.nodes() {
            let prefix = match node.element {
                Element::Statement => "s-",
                Element::Argument => "a-",
            };
            let id = unique.claim(format!("{prefix}{}", slug(&node.title)), "-");
            ids.insert(ix, id);
        }
        NodeIds { ids }
    }

    /// The node's id (`node` for a node that was not in the map).
    pub fn get(&self, ix: NodeIndex) -> &str {
        self.ids.get(&ix).map_or("node", String::as_str)
    }
}

/// Hands out names that no earlier claim got: a name already taken gets `{sep}2`, `{sep}3`, ...
/// (the first free one). Linear however many names are the same.
#[derive(Debug, Clone, Default)]
pub(crate) struct Unique {
    used: HashSet<String>,
    /// The last suffix given to each base.
    next: HashMap<String, usize>,
}

impl Unique {
    /// `base`, or `base` with the first free suffix.
    pub(crate) fn claim(&mut self, base: String, sep: &str) -> String {
        if self.used.insert(base.clone()) {
            return base;
        }
        let n = self.next.entry(base.clone()).or_insert(1);
        loop {
            *n += 1;
            let name = format!("{base}{sep}{n}");
            if self.used.insert(name.clone()) {
                return name;
            }
        }
    }
}

/// `text` reduced to lower-case ASCII letters, digits and single dashes, at most
/// `MAX_SLUG` (40) bytes long and cut after a whole word when possible (`node` when nothing is left).
pub(crate) fn slug(text: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            if out.len() >= MAX_SLUG {
                // Cut at the last whole word when there is one.
                if let Some(cut) = out.rfind('-') {
                    out.truncate(cut);
                }
                break;
            }
            out.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
    }
    if out.is_empty() {
        out.push_str("node");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Node;

    #[test]
    fn slugs_keep_only_safe_characters() {
        assert_eq!(slug("Four-day week!"), "four-day-week");
        assert_eq!(slug("<script>alert(1)</script>"), "script-alert-1-script");
        assert_eq!(slug("“Ünïcode” only ✓"), "n-code-only");
        assert_eq!(slug("✓✓"), "node");
        assert_eq!(slug(&"x".repeat(100)).len(), MAX_SLUG);
        assert_eq!(
            slug("Alliance teachers are better off independent"),
            "alliance-teachers-are-better-off"
        );
        assert_eq!(
            slug("Exactly forty characters long, no more!!"),
            "exactly-forty-characters-long-no-more"
        );
    }

    #[test]
    fn unique_names_skip_suffixes_already_taken() {
        let mut u = Unique::default();
        assert_eq!(u.claim("x".into(), "_"), "x");
        assert_eq!(u.claim("x_2".into(), "_"), "x_2");
        assert_eq!(u.claim("x".into(), "_"), "x_3");
        assert_eq!(u.claim("x".into(), "_"), "x_4");
        assert_eq!(u.claim("y".into(), "-"), "y");
    }

    #[test]
    fn ids_are_unique_and_keep_namespaces_apart() {
        let mut map = Map::new();
        let a = map.add_node(Node::statement("A b", "")).unwrap();
        let b = map.add_node(Node::statement("A-b", "")).unwrap();
        let c = map.add_node(Node::argument("A b", "")).unwrap();
        let d = map.add_node(Node::statement("a b 2", "")).unwrap();
        let ids = NodeIds::new(&map);
        assert_eq!(ids.get(a), "s-a-b");
        assert_eq!(ids.get(b), "s-a-b-2");
        assert_eq!(ids.get(c), "a-a-b");
        assert_eq!(ids.get(d), "s-a-b-2-2");
    }
}
