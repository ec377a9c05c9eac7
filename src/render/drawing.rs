//! What a drawing shows: a map, what the analyses say about its nodes, and how many nodes of a
//! larger map the filters left out. The caller computes the analyses once (see
//! [`Verdicts::whole`] and [`Filter::apply`](crate::analysis::filter::Filter::apply)); the DOT
//! text, the SVG and the report page only show them.

use crate::analysis::filter::Filtered;
use crate::analysis::Verdicts;
use crate::model::Map;

/// The input of a drawing (see [`super::to_dot`] and [`super::html::build`]); how to draw it is
/// in [`super::RenderOptions`].
#[derive(Debug, Clone, Copy)]
pub struct Drawing<'a> {
    /// The map drawn.
    pub(crate) map: &'a Map,
    /// Each drawn node's verdicts, by its index in `map`.
    pub(crate) verdicts: &'a Verdicts,
    /// How many nodes of a larger map are not drawn (told in a note under the title).
    pub(crate) hidden: usize,
}

impl<'a> Drawing<'a> {
    /// The whole of `map`, with `verdicts` made for it (usually [`Verdicts::whole`]).
    pub fn new(map: &'a Map, verdicts: &'a Verdicts) -> Drawing<'a> {
        Drawing {
            map,
            verdicts,
            hidden: 0,
        }
    }

    /// The part of a map the filters kept, with the whole map's verdicts on it.
    pub fn part(part: &'a Filtered) -> Drawing<'a> {
        Drawing {
            map: &part.map,
            verdicts: &part.verdicts,
            hidden: part.hidden,
        }
    }

    /// The remarks drawn under the title, one per line: the caller's `note`, then how many nodes
    /// the filters hid (none when nothing was hidden). Blank notes are left out.
    pub(crate) fn notes(&self, note: Option<&str>) -> Vec<String> {
        let hidden = match self.hidden {
            0 => None,
            1 => Some("1 node hidden by the filters".to_string()),
            n => Some(format!("{n} nodes hidden by the filters")),
        };
        note.map(str::to_string)
            .into_iter()
            .chain(hidden)
            .filter(|n| !n.trim().is_empty())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_notes_say_how_many_nodes_are_hidden() {
        let map = Map::new();
        let verdicts = Verdicts::default();
        let mut drawing = Drawing::new(&map, &verdicts);
        assert!(drawing.notes(None).is_empty());
        assert!(drawing.notes(Some("  ")).is_empty());
        assert_eq!(drawing.notes(Some("draft")), ["draft"]);
        drawing.hidden = 1;
        assert_eq!(drawing.notes(None), ["1 node hidden by the filters"]);
        drawing.hidden = 12;
        assert_eq!(
            drawing.notes(Some("draft")),
            ["draft", "12 nodes hidden by the filters"]
        );
    }
}
