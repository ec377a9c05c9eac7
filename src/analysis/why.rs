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
//!   ([`super::hinges::hinges_on`]). The motion and the points asked for are each tried within
//!   the limit; the theses share one more limit between them, each charged the work its own
//!   part took, so on a map with very many theses those beyond it are left out, with a note
//!   ([`NotComputed::Budget`]).

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

    /// The links each of `points` hinges on: the motion and the points in `asked` each within
    /// `limit` ([`hinges::hinges_on`]); the other points (the theses) within one more `limit`
    /// shared between them, each charged the work its part took.
    pub fn of(map: &Map, points: &[NodeIndex], asked: &[NodeIndex], limit: usize) -> Hinges {
        let motion = map.motion_node();
        let always = |ix: NodeIndex| Some(ix) == motion || asked.contains(&ix);
        let theses = points.iter().filter(|&&ix| !always(ix)).count();
        let mut left = limit;
        let mut of = HashMap::new();
        for &ix in points {
            let result = if always(ix) {
                hinges::hinges_on(map, ix, limit).map_err(NotComputed::from)
            } else {
                let budget = || NotComputed::Budget {
                    point: map.node(ix).id.to_string(),
                    theses,
                };
                match hinges::hinges_within(map, ix, left) {
                    Ok((hinges, spent)) => {
                        left = left.saturating_sub(spent);
                        Ok(hinges)
                    }
                    // Over what is left of the shared limit but within a limit of its own:
                    // the others took the budget.
                    Err(e) if left < limit => {
                        left = left.saturating_sub(e.work);
                        Err(budget())
                    }
                    Err(e) => Err(NotComputed::TooLarge(e)),
                }
            };
            of.insert(ix, result);
        }
        Hinges { of }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Relation::*;

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
        map.add_camp("for", "For", &["pro", "friend"]);
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
        // M is the motion; T rebuts it; U is a claim of its own; X rebuts T; Y rebuts U.
        let (mut map, [m, t, u, x, y]) = Map::of(
            [
                ("[M]", "pro"),
                ("[T]", "con"),
                ("[U]", "con"),
                ("<X>", "pro"),
                ("<Y>", "pro"),
            ],
            &[
                ("[T]", Rebuts, "[M]"),
                ("<X>", Rebuts, "[T]"),
                ("<Y>", Rebuts, "[U]"),
            ],
        );
        map.motion = Some("M".into());
        let stakes = Stakes::of(&map);
        let points = to_explain(&map, &stakes, &[x, t]);
        assert_eq!(points, [m, t, u, x]);
        let hinges = Hinges::of(&map, &points, &[x], hinges::DEFAULT_WORK);
        // X rebuts T, so T falls and M stands: without X's rebuttal, T stands and M falls.
        let pairs = |ix| -> Vec<(NodeIndex, NodeIndex)> {
            let found = hinges.get(ix).unwrap().as_ref().unwrap();
            found.iter().map(|h| (h.from, h.to)).collect()
        };
        assert_eq!(pairs(m), [(x, t)]);
        assert_eq!(pairs(u), [(y, u)]);
        // T's part (T and X, one link) and U's (U and Y) each take 1 × (2 + 1) = 3 steps.
        // With a limit of 3, T takes it all and U is left out for the budget; with 2, T alone
        // is too large; with 6, both fit.
        let points = to_explain(&map, &stakes, &[]);
        assert_eq!(points, [m, t, u]);
        let hinges = Hinges::of(&map, &points, &[], 3);
        assert!(hinges.get(t).unwrap().is_ok());
        assert_eq!(
            hinges.get(u).unwrap().as_ref().unwrap_err().to_string(),
            "what [U] hinges on is not computed: the map has 2 theses, more than can be tested \
             within the limit; ask for it with --why"
        );
        // The motion is always tried within a limit of its own (and here its part is over it).
        assert!(matches!(hinges.get(m), Some(Err(NotComputed::TooLarge(_)))));
        let hinges = Hinges::of(&map, &points, &[], 2);
        assert!(matches!(hinges.get(t), Some(Err(NotComputed::TooLarge(_)))));
        let hinges = Hinges::of(&map, &points, &[], 6);
        assert!(hinges.get(t).unwrap().is_ok() && hinges.get(u).unwrap().is_ok());
        // Asked for with --why, U is tried within a limit of its own.
        let points = to_explain(&map, &stakes, &[u]);
        let hinges = Hinges::of(&map, &points, &[u], 3);
        assert!(hinges.get(t).unwrap().is_ok() && hinges.get(u).unwrap().is_ok());
    }
}
