//! Why a point of a map has its verdict, as a debater reads it: the points its reason names in
//! the order that matters (opponents before allies, the strongest first), and, for the points a
//! case rests on, the links the verdict hinges on.
//!
//! - **Order.** A point that falls names every attacker that stands ([`super::reasons`]): first
//!   those of the other camps (opponents, see [`super::camps`]), then those of its own camp
//!   (allies: an internal dispute, which a debater settles at home rather than answers). Within
//!   each group the stronger point (DF-QuAD strength, [`super::strength`]) comes first; equal
//!   strengths keep map order. The same order serves every reason that names attackers; the
//!   members of a cycle keep map order (a cycle has no first point).
//! - **Hinges.** For the motion, each thesis ([`super::stakes::Stakes::is_thesis`]) and any point
//!   asked for, the links whose removal alone would change its grounded label
//!   ([`super::hinges::hinges_on`]). Each point costs at least one pass over the whole map, so
//!   on a map with very many theses the theses beyond a budget are left out, with a note
//!   ([`NotComputed::Budget`]); the motion and the points asked for are always tried.

use std::collections::HashMap;

use petgraph::stable_graph::NodeIndex;

use super::camps::Camps;
use super::hinges::{self, Hinge, TooLarge};
use super::reasons::Reason;
use super::stakes::Stakes;
use super::strength::Strengths;
use crate::model::Map;

/// The points a reason names, in reading order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Named {
    /// Named first: opponents' points, the strongest first (every member, in map order, for a
    /// cycle; the point itself for a self-attack).
    pub first: Vec<NodeIndex>,
    /// Named after: allies' points (internal disputes), the strongest first.
    pub allies: Vec<NodeIndex>,
}

/// The points `because` (what `point`'s reason names) in reading order (see the module
/// documentation).
pub fn order(
    camps: &Camps,
    strengths: &Strengths,
    point: NodeIndex,
    reason: Reason,
    because: impl IntoIterator<Item = NodeIndex>,
) -> Named {
    let because: Vec<NodeIndex> = because.into_iter().collect();
    if matches!(reason, Reason::Cycle | Reason::SelfAttack) {
        return Named {
            first: because,
            allies: Vec::new(),
        };
    }
    let (mut allies, mut first): (Vec<NodeIndex>, Vec<NodeIndex>) = because
        .into_iter()
        .partition(|&b| b != point && camps.allies(b, point));
    // Strengths lie in [0, 1]; a stable sort keeps map order among equals.
    let strongest_first = |v: &mut Vec<NodeIndex>| {
        v.sort_by(|&x, &y| strengths.get(y).total_cmp(&strengths.get(x)));
    };
    strongest_first(&mut first);
    strongest_first(&mut allies);
    Named { first, allies }
}

/// The points whose hinges `status` shows: the motion, then the theses in map order, then the
/// points asked for, each once.
pub fn to_explain(map: &Map, stakes: &Stakes, asked: &[NodeIndex]) -> Vec<NodeIndex> {
    let mut points: Vec<NodeIndex> = map.motion_node().into_iter().collect();
    points.extend(stakes.theses(map));
    for &ix in asked {
        if !points.contains(&ix) {
            points.push(ix);
        }
    }
    points
}

/// Why the links a point hinges on were not computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotComputed {
    /// The part of the map bearing on the point is too large.
    #[error(transparent)]
    TooLarge(#[from] TooLarge),
    /// The point is one of too many theses to test within the budget.
    #[error(
        "what {point} hinges on is not computed: the map has {theses} theses, more than can \
         be tested within the limit; ask for it with --why"
    )]
    Budget {
        /// The point's id.
        point: String,
        /// How many theses the map has.
        theses: usize,
    },
}

/// What each explained point hinges on.
#[derive(Debug, Clone, Default)]
pub struct Hinges {
    of: HashMap<NodeIndex, Result<Vec<Hinge>, NotComputed>>,
}

impl Hinges {
    /// What the verdict on `ix` hinges on: `None` when `ix` is not one of the points explained.
    pub fn get(&self, ix: NodeIndex) -> Option<&Result<Vec<Hinge>, NotComputed>> {
        self.of.get(&ix)
    }

    /// The links each of `points` hinges on ([`hinges::hinges_on`] with `limit`). Each point
    /// costs at least one pass over the map: the motion and the points in `asked` are always
    /// tried; the others only while those passes stay within `limit` in all.
    pub fn of(map: &Map, points: &[NodeIndex], asked: &[NodeIndex], limit: usize) -> Hinges {
        let pass = map.node_count().saturating_add(map.edge_count()).max(1);
        let motion = map.motion_node();
        let mut spent = 0usize;
        let optional = points
            .iter()
            .filter(|&&ix| Some(ix) != motion && !asked.contains(&ix))
            .count();
        let mut of = HashMap::new();
        for &ix in points {
            let always = Some(ix) == motion || asked.contains(&ix);
            let result = if always || spent.saturating_add(pass) <= limit {
                if !always {
                    spent = spent.saturating_add(pass);
                }
                hinges::hinges_on(map, ix, limit).map_err(NotComputed::from)
            } else {
                Err(NotComputed::Budget {
                    point: map.node(ix).id.clone(),
                    theses: optional,
                })
            };
            of.insert(ix, result);
        }
        Hinges { of }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Camp, Relation::*};

    #[test]
    fn opponents_first_strongest_first_then_allies() {
        // C (pro) is rebutted by R1 (con, unsupported), R2 (con, supported by S) and A (pro's
        // ally side), all unattacked. R2 is stronger than R1.
        let (mut map, [c, r1, r2, s, a]) = Map::of(
            [
                ("[C]", "pro"),
                ("<R1>", "con"),
                ("<R2>", "con"),
                ("<S>", "con"),
                ("<A>", "friend"),
            ],
            &[
                ("<R1>", Rebuts, "[C]"),
                ("<R2>", Rebuts, "[C]"),
                ("<S>", Supports, "<R2>"),
                ("<A>", Undercuts, "[C]"),
            ],
        );
        map.camps.push(Camp {
            id: "for".into(),
            label: "For".into(),
            sides: vec!["pro".into(), "friend".into()],
            origin: None,
        });
        let camps = Camps::of(&map);
        let strengths = Strengths::of(&map);
        let named = order(&camps, &strengths, c, Reason::Defeated, [r1, r2, a]);
        assert_eq!(named.first, [r2, r1]);
        assert_eq!(named.allies, [a]);
        // A cycle keeps map order and is not split.
        let named = order(&camps, &strengths, c, Reason::Cycle, [a, r1]);
        assert_eq!((named.first, named.allies), (vec![a, r1], vec![]));
        let _ = s;
    }

    #[test]
    fn the_motion_theses_and_asked_points_are_explained_within_a_budget() {
        // M is the motion; T rebuts it; U is a claim of its own; X rebuts T.
        let (mut map, [m, t, u, x]) = Map::of(
            [
                ("[M]", "pro"),
                ("[T]", "con"),
                ("[U]", "con"),
                ("<X>", "pro"),
            ],
            &[("[T]", Rebuts, "[M]"), ("<X>", Rebuts, "[T]")],
        );
        map.motion = Some("M".into());
        let stakes = Stakes::of(&map);
        let points = to_explain(&map, &stakes, &[x, t]);
        assert_eq!(points, [m, t, u, x]);
        let hinges = Hinges::of(&map, &points, &[x], hinges::DEFAULT_WORK);
        // X rebuts T, so T falls and M stands: without X's rebuttal, T stands and M falls.
        let on_m = hinges.get(m).unwrap().as_ref().unwrap();
        assert_eq!(
            on_m.iter().map(|h| (h.from, h.to)).collect::<Vec<_>>(),
            [(x, t)]
        );
        assert_eq!(hinges.get(u).unwrap().as_ref().unwrap(), &[]);
        // A budget of one pass, where the two theses need two: T is tried, U is not.
        let points = to_explain(&map, &stakes, &[]);
        let pass = map.node_count() + map.edge_count();
        let hinges = Hinges::of(&map, &points, &[], pass);
        assert!(hinges.get(t).unwrap().is_ok());
        assert_eq!(
            hinges.get(u).unwrap().as_ref().unwrap_err().to_string(),
            "what [U] hinges on is not computed: the map has 2 theses, more than can be tested \
             within the limit; ask for it with --why"
        );
        // The motion is always tried (and here its part is over the limit).
        assert!(matches!(hinges.get(m), Some(Err(NotComputed::TooLarge(_)))));
    }
}
