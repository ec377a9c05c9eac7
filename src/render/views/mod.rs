//! The analyses as text, Markdown, JSON and HTML for people and tools.

pub mod clashes;
pub mod pictures;
pub mod prep;
pub mod reasons;
pub mod stats;
pub mod status;
pub mod subject;
pub mod terminal;
pub mod topics;
pub mod unanswered;

use petgraph::stable_graph::NodeIndex;

use crate::model::{Citation, Map};

/// A citation as written in a map: `memo:3-4 "quote"` (`memo:3` for one line).
pub(crate) fn citation(c: &Citation) -> String {
    let [first, last] = c.lines;
    let lines = if first == last {
        first.to_string()
    } else {
        format!("{first}-{last}")
    };
    match &c.quote {
        Some(q) => format!("{}:{lines} {q:?}", c.source),
        None => format!("{}:{lines}", c.source),
    }
}

/// What a node says about others: `supports [X]`, `rebuts <Y>`, in the order written.
pub(crate) fn speaks_to(map: &Map, ix: NodeIndex) -> Vec<String> {
    map.outgoing(ix)
        .map(|(to, r)| format!("{r} {}", map.node(to).id))
        .collect()
}

/// The text of a node on one line (line breaks become spaces).
pub(crate) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How to name a side's group: `Supporters (pro)` for a declared side with a label, the id
/// otherwise, `No side` for the nodes without a side.
pub(crate) fn side_heading(map: &Map, side: Option<&str>) -> String {
    match side {
        None => "No side".into(),
        Some(id) => match map.side(id) {
            Some(s) if !s.label.is_empty() && s.label != s.id => format!("{} ({})", s.label, s.id),
            _ => id.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::sides::{by_side, sample};

    #[test]
    fn declared_order_then_undeclared_then_none() {
        let (map, [a, b, c, d, e]) = sample();
        let groups = by_side(&map, [a, b, c, d, e]);
        let shape: Vec<(String, Vec<NodeIndex>)> = groups
            .iter()
            .map(|g| (side_heading(&map, g.side.as_deref()), g.nodes.clone()))
            .collect();
        assert_eq!(
            shape,
            vec![
                ("Supporters (pro)".to_string(), vec![d]),
                ("con".to_string(), vec![b, e]),
                ("zzz".to_string(), vec![c]),
                ("No side".to_string(), vec![a]),
            ]
        );
    }
}
