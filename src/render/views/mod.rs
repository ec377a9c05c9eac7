//! The analyses as text, Markdown, JSON and HTML for people and tools.

pub mod prep;
pub mod stats;
pub mod status;
pub mod unanswered;

use petgraph::stable_graph::NodeIndex;

use crate::model::{Citation, Map};

/// A citation as written in a map: `memo:3-4 "quote"` (`memo:3` for one line).
pub fn citation(c: &Citation) -> String {
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
pub fn speaks_to(map: &Map, ix: NodeIndex) -> Vec<String> {
    map.outgoing(ix)
        .map(|(to, r)| format!("{r} {}", map.node(to).id))
        .collect()
}

/// The text of a node on one line (line breaks become spaces).
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
