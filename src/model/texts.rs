//! The texts of a map that the control-character rule covers (see [`crate::text::control`]),
//! walked in map order.

use super::{Map, Origin};
use crate::text::control::{find, name};

/// Whether [`each_text`] visits ids too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ids {
    /// Readers hold ids to the rule: an id is printed in human output.
    Included,
    /// The Argdown writer escapes ids in YAML and checks node titles, which carry node ids.
    Excluded,
}

/// Calls `visit(what, text, origin)` for every text of `map` the rule covers, in map order
/// (`what` describes it for a message; `origin` is the node's place, when known).
pub(crate) fn each_text(map: &Map, ids: Ids, mut visit: impl FnMut(String, &str, Option<&Origin>)) {
    let with_ids = ids == Ids::Included;
    if let Some(title) = &map.title {
        visit("the map's title".into(), title, None);
    }
    for side in &map.sides {
        if with_ids {
            visit("the id of a side".into(), &side.id, None);
        }
        visit(
            format!("the label of side {:?}", side.id),
            &side.label,
            None,
        );
    }
    for source in &map.sources {
        if with_ids {
            visit("the id of a source".into(), &source.id, None);
        }
        if let Some(title) = &source.title {
            visit(format!("the title of source {:?}", source.id), title, None);
        }
    }
    for section in &map.sections {
        if with_ids {
            visit("the id of a section".into(), &section.id, None);
        }
        visit(
            format!("the title of section {}", section.id),
            &section.title,
            None,
        );
    }
    for (_, node) in map.nodes() {
        let origin = node.origin.as_ref();
        if with_ids {
            visit("the id of a node".into(), &node.id, origin);
        }
        visit(format!("the title of {}", node.id), &node.title, origin);
        visit(format!("the text of {}", node.id), &node.text, origin);
        for tag in &node.tags {
            visit(format!("a tag of {}", node.id), tag, origin);
        }
    }
}

/// Every text of `map` the rule covers that holds a control character, described for a
/// message (`the text of [a] holds U+0000 (NUL)`), in map order.
pub(crate) fn in_map(map: &Map) -> Vec<String> {
    let mut out = Vec::new();
    each_text(map, Ids::Excluded, |what, text, _| {
        if let Some((_, c)) = find(text) {
            out.push(format!("{what} holds the control character {}", name(c)));
        }
    });
    out
}
