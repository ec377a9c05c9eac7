//! Chronology of attacks (I001, an info shown with `check --lint all`): an attack whose source
//! is dated before the source of the point it attacks.
//!
//! A text cannot reply to one written after it. When a rebuttal or undercut cites a source
//! older than the point it attacks, it is evidence against the point, not a reply to it; it
//! still counts as an answer in the analyses, so the map-maker decides whether that is meant.
//! An attack from a later source (or the same year) is a reply and is not flagged.
//!
//! A node's date is the `year` of the source of its first citation; a node without a citation,
//! or whose source has no year, has no date and is never flagged. Rebuttals and undercuts are
//! read from the attacker to the point it attacks, whoever's side each is on (an ally's earlier
//! text is no more a reply than an opponent's); `contradicts` has no direction and is left out.
//! One pass over the relations: linear in the size of the map.

use super::validate::placed;
use crate::diagnostic::{attach_snippets, Code, Diagnostic};
use crate::model::{Map, Node, Relation};

/// The year of the source of the node's first citation.
fn dated(map: &Map, node: &Node) -> Option<(i64, String)> {
    let cited = node.citations.first()?;
    let year = map.source(&cited.source)?.year?;
    Some((year, cited.source.clone()))
}

/// One I001 for each rebuttal or undercut whose source is dated before the source of the point
/// it attacks, at the relation, in the order the relations were written. Each diagnostic about
/// one of `texts` (`(file name, text)`, as [`crate::load::Loaded`] keeps them) gets its source
/// line.
pub fn earlier_attacks<N: AsRef<str>, T: AsRef<str>>(
    map: &Map,
    texts: &[(N, T)],
) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = map
        .edges()
        .filter(|(a, b, e)| matches!(e.relation, Relation::Rebuts | Relation::Undercuts) && a != b)
        .filter_map(|(a, b, e)| {
            let (from, to) = (map.node(a), map.node(b));
            let (then, source) = dated(map, from)?;
            let (later, answered) = dated(map, to)?;
            if then >= later {
                return None;
            }
            Some(placed(
                Diagnostic::new(
                    Code::EarlierSource,
                    format!(
                        "{} {} {}, but cites a source from {then} ({source}), before the point's \
                         source from {later} ({answered})",
                        from.id, e.relation, to.id
                    ),
                )
                .with_help(format!(
                    "a text cannot reply to one written after it: this is evidence against {}, \
                     not an answer to it; keep it if that is what you mean, or answer the point \
                     with a source from {later} or later",
                    to.id
                )),
                e.origin.as_ref().or(from.origin.as_ref()),
                1,
            ))
        })
        .collect();
    attach_snippets(&mut out, texts);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Citation, Source};

    fn source(id: &str, year: Option<i64>) -> Source {
        Source {
            id: id.into(),
            year,
            ..Source::default()
        }
    }

    fn cite(map: &mut Map, id: &str, source: &str) {
        if let Some(ix) = map.find(id) {
            map.node_mut(ix).citations.push(Citation {
                source: source.into(),
                lines: [1, 1],
                quote: None,
                origin: None,
            });
        }
    }

    #[test]
    fn only_attacks_from_earlier_sources_are_flagged() {
        let (mut map, _) = Map::of(
            [
                ("[Point]", "pro"),
                ("<Older>", "con"),
                ("<Newer>", "con"),
                ("<Same year>", "con"),
                ("<Undated>", "con"),
                ("<Uncited>", "con"),
                ("<Support>", "con"),
                ("[Contra]", "con"),
            ],
            &[
                ("<Older>", Relation::Rebuts, "[Point]"),
                ("<Older>", Relation::Undercuts, "<Newer>"),
                ("<Newer>", Relation::Rebuts, "[Point]"),
                ("<Same year>", Relation::Rebuts, "[Point]"),
                ("<Undated>", Relation::Rebuts, "[Point]"),
                ("<Uncited>", Relation::Rebuts, "[Point]"),
                ("<Support>", Relation::Supports, "[Point]"),
                ("[Contra]", Relation::Contradicts, "[Point]"),
            ],
        );
        map.sources = vec![
            source("report", Some(2020)),
            source("memo", Some(2015)),
            source("reply", Some(2023)),
            source("notes", None),
        ];
        cite(&mut map, "[Point]", "report");
        cite(&mut map, "[Point]", "memo");
        for (id, source) in [
            ("<Older>", "memo"),
            ("<Newer>", "reply"),
            ("<Same year>", "report"),
            ("<Undated>", "notes"),
            ("<Support>", "memo"),
            ("[Contra]", "memo"),
        ] {
            cite(&mut map, id, source);
        }
        let found = earlier_attacks(&map, &[] as &[(String, String)]);
        let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "<Older> rebuts [Point], but cites a source from 2015 (memo), before the point's \
                 source from 2020 (report)",
                "<Older> undercuts <Newer>, but cites a source from 2015 (memo), before the \
                 point's source from 2023 (reply)",
            ]
        );
        assert!(found.iter().all(Diagnostic::is_info));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        /// Whatever the Argdown reader makes of token soup, the chronology check does not panic.
        #[test]
        fn no_panic_on_token_soup(a in crate::syntax::tests::token_soup()) {
            let (map, _) = crate::syntax::tests::parse_many(&[&a]);
            let _ = earlier_attacks(&map, &[("m.argdown", a.as_str())]);
        }
    }
}
