//! Modelling slips: relations a map may hold that are nearly always a mistake in modelling the
//! debate, though the map reads and analyses fine. Both are warnings.
//!
//! - **W007, an undercut aimed at a statement.** In Argdown an undercut (`_`) attacks an
//!   argument's inference: the step from its premises to its conclusion. A statement `[..]` has
//!   no inference, so an undercut of it is a rebuttal (`-`) written with the wrong sign, or an
//!   undercut aimed at the wrong node (the argument whose inference it denies).
//! - **W008, a point only its own side attacks** (only in a map that declares camps, where who
//!   answers whom matters). A point with a side is flagged when it has at least one attacker and
//!   every attacker is of the very same side (not merely an ally of another side in its camp:
//!   an ally's attack is an internal dispute, which the analyses list apart on purpose). A
//!   `contradicts` relation attacks both ways; a relation of a node to itself is W004's, not
//!   this check's; a node without a side and the motion are never flagged. Such an attack is
//!   usually a caveat attached to the wrong point: it was meant for an opponent's point, or it
//!   qualifies the point rather than denies it.
//!
//! Both checks are one pass over the relations: linear in the size of the map.

use petgraph::stable_graph::NodeIndex;

use super::validate::placed;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Element, Map, Origin, Relation};

/// At most this many attackers are named in one W008 message.
const NAMED: usize = 3;

/// Every W007 and W008 of `map`: the W007s in the order the relations were written, then the
/// W008s in map order.
pub(crate) fn slips(map: &Map) -> Vec<Diagnostic> {
    let mut out = undercuts_of_statements(map);
    if !map.camps.is_empty() {
        out.extend(own_side_attacks(map));
    }
    out
}

/// W007: one for each undercut whose target is a statement, at the relation.
fn undercuts_of_statements(map: &Map) -> Vec<Diagnostic> {
    map.edges()
        .filter(|(a, b, e)| {
            e.relation == Relation::Undercuts
                && a != b
                && map.node(*b).element == Element::Statement
        })
        .map(|(a, b, e)| {
            let (from, to) = (map.node(a), map.node(b));
            placed(
                Diagnostic::new(
                    Code::UndercutOfStatement,
                    format!("{} undercuts the statement {}", from.id, to.id),
                )
                .with_help(format!(
                    "an undercut attacks an argument's inference, and a statement has none: write \
                     `-` to rebut {}, or aim the undercut at the argument whose inference it \
                     denies",
                    to.id
                )),
                e.origin.as_ref().or(from.origin.as_ref()),
                1,
            )
        })
        .collect()
}

/// The attacks on one node, as far as W008 needs them.
#[derive(Default)]
struct Attacked<'a> {
    /// Attacks from its own side: attacker, relation, where the relation was written.
    own: Vec<(NodeIndex, Relation, Option<&'a Origin>)>,
    /// Whether anything not of its own side attacks it.
    other: bool,
}

/// W008: one for each point with a side whose attackers are all of that side, at the first
/// such attack (where the slip is to be fixed).
fn own_side_attacks(map: &Map) -> Vec<Diagnostic> {
    let bound = map.index_bound();
    let mut attacked: Vec<Attacked<'_>> = Vec::new();
    attacked.resize_with(bound, Attacked::default);
    let motion = map.motion_node();
    for (a, b, e) in map.edges() {
        if !e.relation.is_attack() || a == b {
            continue;
        }
        let mut pairs = vec![(b, a)];
        if e.relation == Relation::Contradicts {
            pairs.push((a, b));
        }
        for (target, attacker) in pairs {
            let Some(side) = map.node(target).side.as_deref() else {
                continue;
            };
            let Some(slot) = attacked.get_mut(target.index()) else {
                continue;
            };
            if map.node(attacker).side.as_deref() == Some(side) {
                slot.own.push((attacker, e.relation, e.origin.as_ref()));
            } else {
                slot.other = true;
            }
        }
    }
    let mut out = Vec::new();
    for (ix, node) in map.nodes() {
        let Some(found) = attacked.get(ix.index()) else {
            continue;
        };
        let Some(&(_, _, first_at)) = found.own.first() else {
            continue;
        };
        if found.other || Some(ix) == motion {
            continue;
        }
        let side = node.side.as_deref().unwrap_or_default();
        let mut named: Vec<String> = found
            .own
            .iter()
            .take(NAMED)
            .map(|&(by, r, _)| format!("{} {r} it", map.node(by).id))
            .collect();
        if found.own.len() > NAMED {
            named.push(format!("and {} more", found.own.len() - NAMED));
        }
        out.push(placed(
            Diagnostic::new(
                Code::OwnSideAttack,
                format!(
                    "only its own side {side:?} attacks {}: {}",
                    node.id,
                    named.join(", ")
                ),
            )
            .with_help(
                "an attack from a point's own side is usually a caveat in the wrong place: aim it \
                 at the opponent's point it answers, or fold the caveat into the point's text; \
                 keep it if the side really argues against its own point here",
            ),
            first_at.or(node.origin.as_ref()),
            1,
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Edge;

    fn camp(map: &mut Map) {
        map.add_camp("for", "For", &["pro", "ally"]);
    }

    fn messages(ds: &[Diagnostic]) -> Vec<(&'static str, &str)> {
        ds.iter()
            .map(|d| (d.code.as_str(), d.message.as_str()))
            .collect()
    }

    #[test]
    fn an_undercut_of_a_statement_warns_of_an_argument_not() {
        let (map, _) = Map::of(
            [
                ("[S]", "pro"),
                ("<A>", "pro"),
                ("<U>", "con"),
                ("<V>", "con"),
            ],
            &[
                ("<U>", Relation::Undercuts, "[S]"),
                ("<V>", Relation::Undercuts, "<A>"),
                ("<V>", Relation::Rebuts, "[S]"),
            ],
        );
        assert_eq!(
            messages(&slips(&map)),
            [("W007", "<U> undercuts the statement [S]")]
        );
    }

    #[test]
    fn only_an_attack_all_from_its_own_side_warns_and_only_with_camps() {
        let (mut map, [_, _, _, _, _, _, f, g]) = Map::of(
            [
                ("[A]", "pro"),  // attacked by its own side only: W008
                ("<B>", "pro"),  // attacks [A]
                ("<C>", "pro"),  // attacked by its own side and by con: fine
                ("<D>", "con"),  // attacks [C]
                ("[E]", "pro"),  // attacked by an ally of another side: an internal dispute
                ("<F>", "ally"), // attacks [E]
                ("[G]", "pro"),  // contradicts [H], both pro: both flagged
                ("[H]", "pro"),
            ],
            &[
                ("<B>", Relation::Rebuts, "[A]"),
                ("<B>", Relation::Undercuts, "<C>"),
                ("<D>", Relation::Rebuts, "<C>"),
                ("<F>", Relation::Rebuts, "[E]"),
                ("[G]", Relation::Contradicts, "[H]"),
            ],
        );
        assert!(slips(&map).is_empty(), "no camps, no W008");
        camp(&mut map);
        assert_eq!(
            messages(&slips(&map)),
            [
                (
                    "W008",
                    "only its own side \"pro\" attacks [A]: <B> rebuts it"
                ),
                (
                    "W008",
                    "only its own side \"pro\" attacks [G]: [H] contradicts it"
                ),
                (
                    "W008",
                    "only its own side \"pro\" attacks [H]: [G] contradicts it"
                ),
            ]
        );
        // A relation to itself is W004's, and a node without a side is never flagged.
        map.node_mut(g).side = None;
        map.add_edge(f, f, Edge::new(Relation::Rebuts));
        let found = slips(&map);
        assert_eq!(
            messages(&found),
            [(
                "W008",
                "only its own side \"pro\" attacks [A]: <B> rebuts it"
            )]
        );
    }

    #[test]
    fn many_attackers_are_counted_not_all_named() {
        let (mut map, _) = Map::of(
            [
                ("<A>", "pro"),
                ("<B>", "pro"),
                ("<C>", "pro"),
                ("<D>", "pro"),
                ("<E>", "pro"),
                ("<F>", "pro"),
            ],
            &[
                ("<B>", Relation::Rebuts, "<A>"),
                ("<C>", Relation::Rebuts, "<A>"),
                ("<D>", Relation::Undercuts, "<A>"),
                ("<E>", Relation::Rebuts, "<A>"),
                ("<F>", Relation::Rebuts, "<A>"),
            ],
        );
        camp(&mut map);
        let found = slips(&map);
        assert_eq!(
            messages(&found),
            [(
                "W008",
                "only its own side \"pro\" attacks <A>: <B> rebuts it, <C> rebuts it, <D> \
                 undercuts it, and 2 more"
            )]
        );
        assert_eq!(found[0].code.severity(), crate::Severity::Warning);
    }

    #[test]
    fn the_motion_is_never_flagged() {
        let (mut map, _) = Map::of(
            [("[M]", "pro"), ("<B>", "pro")],
            &[("<B>", Relation::Rebuts, "[M]")],
        );
        camp(&mut map);
        map.motion = Some("M".into());
        assert!(slips(&map).is_empty());
    }
}
