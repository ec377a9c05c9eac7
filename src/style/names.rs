//! Safe ids for drawn nodes: derived from titles, never the titles themselves.
//!
//! A node's drawing id is `s-` (statement) or `a-` (argument) followed by its title in lower
//! case with every run of characters other than ASCII letters and digits turned into one `-`,
//! cut after a whole word to at most 40 characters; a repeated id gets `-2`, `-3`, ... The ids are the DOT node names and
//! the `id` attributes of the SVG groups, so a script can find nodes, and they only ever hold
//! `[a-z0-9-]`.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, RandomState};

use petgraph::stable_graph::NodeIndex;

use crate::model::{Element, Map};

/// The longest slug taken from a title.
const MAX_SLUG: usize = 40;

/// Drawing ids for every node of a map, unique, in map order.
#[derive(Debug, Clone, Default)]
pub struct NodeIds {
    /// The ids, one after the other.
    text: String,
    /// Where each node's id lies in `text`, by node index (empty for an index with no node).
    spans: Vec<(usize, usize)>,
}

impl NodeIds {
    /// Ids for every node of `map`. Linear in the map's size.
    pub fn new(map: &Map) -> NodeIds {
        // Each node's base id (prefix and slug), one after the other, in map order.
        let mut bases = String::new();
        let mut ends = Vec::with_capacity(map.node_count());
        for (ix, node) in map.nodes() {
            bases.push_str(match node.element {
                Element::Statement => "s-",
                Element::Argument => "a-",
            });
            push_slug(&mut bases, &node.title);
            ends.push((ix, bases.len()));
        }
        let bound = ends.iter().map(|(ix, _)| ix.index() + 1).max().unwrap_or(0);
        let mut spans = vec![(0, 0); bound];
        if all_differ(&bases, &ends) {
            // Every node keeps its base (the common case): no claims to make.
            let mut start = 0;
            for &(ix, end) in &ends {
                if let Some(span) = spans.get_mut(ix.index()) {
                    *span = (start, end);
                }
                start = end;
            }
            return NodeIds { text: bases, spans };
        }
        // Claimed in map order, as `Unique::claim(base, "-")` would: a base already taken gets
        // the first free suffix. The bases taken as they are stay in `bases`; only suffixed
        // names are made anew.
        let mut taken: HashSet<&str> = HashSet::with_capacity(ends.len());
        let mut suffixed: HashSet<String> = HashSet::new();
        let mut next: HashMap<&str, usize> = HashMap::new();
        let mut ids = NodeIds {
            text: String::with_capacity(bases.len()),
            spans,
        };
        let mut start = 0;
        for (ix, end) in ends {
            let base = bases.get(start..end).unwrap_or_default();
            start = end;
            let from = ids.text.len();
            if (suffixed.is_empty() || !suffixed.contains(base)) && taken.insert(base) {
                ids.text.push_str(base);
            } else {
                let n = next.entry(base).or_insert(1);
                loop {
                    *n += 1;
                    let name = format!("{base}-{n}");
                    if !taken.contains(name.as_str()) && !suffixed.contains(&name) {
                        ids.text.push_str(&name);
                        suffixed.insert(name);
                        break;
                    }
                }
            }
            if let Some(span) = ids.spans.get_mut(ix.index()) {
                *span = (from, ids.text.len());
            }
        }
        ids
    }

    /// The node's id (`node` for a node that was not in the map).
    pub fn get(&self, ix: NodeIndex) -> &str {
        self.spans
            .get(ix.index())
            .filter(|(start, end)| start < end)
            .and_then(|&(start, end)| self.text.get(start..end))
            .unwrap_or("node")
    }
}

/// Whether the names `text[0..ends[0]]`, `text[ends[0]..ends[1]]`, ... all differ. Sorting
/// their hashes (keyed, so that no input can make them collide on purpose) and comparing only
/// names whose hashes are equal reads the names in order once, where a hash set would reach
/// into memory at random for each name.
fn all_differ(text: &str, ends: &[(NodeIndex, usize)]) -> bool {
    let state = RandomState::new();
    let mut start = 0;
    let mut names: Vec<(u64, &str)> = ends
        .iter()
        .map(|&(_, end)| {
            let name = text.get(start..end).unwrap_or_default();
            start = end;
            (state.hash_one(name), name)
        })
        .collect();
    // Equal names have equal hashes: sorted by hash, then name, they end up side by side.
    names.sort_unstable();
    names.windows(2).all(|pair| pair[0] != pair[1])
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
    push_slug(&mut out, text);
    out
}

/// [`slug`], appended to `out`.
fn push_slug(out: &mut String, text: &str) {
    let start = out.len();
    let mut dash = false;
    // Bytes of other characters (all of a multi-byte character's) only make a dash.
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() {
            if dash && out.len() > start {
                out.push('-');
            }
            dash = false;
            if out.len() - start >= MAX_SLUG {
                // Cut at the last whole word when there is one.
                if let Some(cut) = out.get(start..).and_then(|s| s.rfind('-')) {
                    out.truncate(start + cut);
                }
                break;
            }
            out.push(char::from(b.to_ascii_lowercase()));
        } else {
            dash = true;
        }
    }
    if out.len() == start {
        out.push_str("node");
    }
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

    /// The ids as they were first made: each base claimed through [`Unique`].
    fn ids_oracle(map: &Map) -> Vec<String> {
        let mut unique = Unique::default();
        map.nodes()
            .map(|(_, node)| {
                let prefix = match node.element {
                    Element::Statement => "s-",
                    Element::Argument => "a-",
                };
                unique.claim(format!("{prefix}{}", slug(&node.title)), "-")
            })
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn ids_are_those_unique_claims_give(
            titles in proptest::collection::vec(
                ("[ab]( [ab2-]{0,3}){0,3}|[a-z -]{0,50}|.{0,8}", proptest::bool::ANY),
                0..40,
            )
        ) {
            let mut map = Map::new();
            for (i, (title, argument)) in titles.iter().enumerate() {
                // Titles must be unique in a map: a counter keeps them apart without
                // changing the slug much.
                let title = format!("{title}{}", "\u{2713}".repeat(i));
                let node = if *argument {
                    Node::argument(title, "")
                } else {
                    Node::statement(title, "")
                };
                map.add_node(node).unwrap();
            }
            let ids = NodeIds::new(&map);
            let got: Vec<String> = map.nodes().map(|(ix, _)| ids.get(ix).to_string()).collect();
            proptest::prop_assert_eq!(got, ids_oracle(&map));
        }
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
