//! The debate-prep brief for one camp (or one side of a camp): what a coach hands out.
//!
//! "Ours" is the camp asked for, or with a side asked for, that side alone; **opponents** are
//! the other camps (see [`super::camps`]); allies (the other sides of our camp, when one side is
//! briefed) are neither. The brief holds, in order:
//!
//! 1. **The motion**: its grounded label, strength, and the links its verdict hinges on (see
//!    [`super::hinges`]).
//! 2. **Clashes** involving us (see [`super::clashes`]): the motion's when we stand for or
//!    against it ([`Stance`]), our point attacked by an opponent, or an opponent's point we
//!    attack; most important first, each with what its verdict hinges on.
//! 3. **Press**: our contentions (see [`Stakes::is_contention`]) no opponent answered.
//!    **Shore up**: our contentions an opponent attacks where we have not replied to that
//!    attacker, with those attackers.
//! 4. **Disputes among allies**: attacks between our nodes and our allies' (or among our own),
//!    never counted as answers.
//!
//! With `all`, press and shore up list evidence leaves too, and the brief adds every
//! unanswered point of the opponents.
//!
//! What each verdict hinges on is computed link by link (see [`hinges_on`]). The work on all
//! the clashes together is bounded by [`DEFAULT_WORK`]: each clash gets an equal share, and a
//! clash over its share says so ([`TooLarge`]).

use std::collections::HashMap;

use petgraph::stable_graph::NodeIndex;

use super::camps::{internal_disputes, CampId, Camps, Dispute};
use super::clashes::{self, find_camp, Clash, UnknownCamp};
use super::filter::{self, FilterError, Selection};
use super::grounded::label_framework;
use super::hinges::{hinges_on, Hinge, TooLarge, DEFAULT_WORK};
use super::reasons::{self, Reason};
use super::stakes::Stakes;
use super::unanswered::{answers, is_answered};
use super::Verdicts;
use crate::graph::framework::MapFramework;
use crate::model::{Map, Relation};

/// Whom to brief.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    /// A camp, by its id or the id of one of its sides.
    Camp(String),
    /// One side: "ours" is that side only.
    Side(String),
}

/// Who a node belongs to, seen from the camp briefed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Ours: the camp (or the side) briefed.
    Ours,
    /// An ally: another side of our camp (only when one side is briefed).
    Ally,
    /// An opponent: another camp.
    Theirs,
    /// A node without a side (the motion): nobody's.
    Nobody,
}

/// The motion and where it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Motion {
    /// The motion's node.
    pub node: NodeIndex,
    /// The links its grounded label hinges on, or why they were not computed.
    pub hinges: Result<Vec<Hinge>, TooLarge>,
    /// Which way we stand on the motion, as our relations to it show.
    pub stance: Stance,
}

/// Which way a camp (or side) stands on the motion. Camps do not declare it: the relations
/// written straight to the motion show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stance {
    /// Some of our points support the motion and none attacks it.
    For,
    /// Some of our points attack the motion and none supports it.
    Against,
    /// None of our points speaks to the motion, or some support it and others attack it: we
    /// are no party to its clash, and the brief leaves that clash out.
    Neither,
}

impl Stance {
    /// How the points for which `ours` holds speak to `motion`.
    fn of(map: &Map, motion: NodeIndex, ours: impl Fn(NodeIndex) -> bool) -> Stance {
        let mut relations = map
            .incoming_unordered(motion)
            .chain(
                map.outgoing_unordered(motion)
                    .filter(|&(_, r)| r == Relation::Contradicts),
            )
            .filter(|&(n, _)| ours(n));
        let (mut supports, mut attacks) = (false, false);
        for (_, r) in relations.by_ref() {
            supports |= r == Relation::Supports;
            attacks |= r.is_attack();
        }
        match (supports, attacks) {
            (true, false) => Stance::For,
            (false, true) => Stance::Against,
            _ => Stance::Neither,
        }
    }
}

/// One clash of the brief.
#[derive(Debug, Clone, PartialEq)]
pub struct BriefClash {
    /// The clash.
    pub clash: Clash,
    /// The links the point's grounded label hinges on, or why they were not computed.
    pub hinges: Result<Vec<Hinge>, TooLarge>,
}

/// One of our contentions to shore up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShoreUp {
    /// Our contention.
    pub node: NodeIndex,
    /// The opponents' attacks on it that we have not replied to, in the order written.
    pub unreplied: Vec<NodeIndex>,
}

/// The brief (see the module documentation).
#[derive(Debug, Clone)]
pub struct Brief {
    /// Our camp.
    pub camp: CampId,
    /// The side briefed, when one side is.
    pub side: Option<String>,
    /// Whether everything is listed (evidence leaves, opponents' unanswered points).
    pub all: bool,
    /// The map's camps.
    pub camps: Camps,
    /// Every node's grounded label and strength.
    pub verdicts: Verdicts,
    /// Every node's stakes.
    pub stakes: Stakes,
    /// The motion, when the map names one.
    pub motion: Option<Motion>,
    /// The clashes involving us, most important first.
    pub clashes: Vec<BriefClash>,
    /// Our points no opponent answered: contentions (everything with `all`), most important
    /// first.
    pub press: Vec<NodeIndex>,
    /// Our points with an opponent's attack we have not replied to, most important first.
    pub shore_up: Vec<ShoreUp>,
    /// Attacks between us and our allies, or among ourselves, in the order written.
    pub disputes: Vec<Dispute>,
    /// With `all`: the opponents' points nobody answered, most important first.
    pub unanswered: Vec<NodeIndex>,
    /// The map's framework, whose arguments the reasons refer to.
    pub(crate) framework: MapFramework,
    /// Each argument's grounded reason.
    pub(crate) reasons: reasons::Reasons,
}

impl Brief {
    /// Whether the node is ours.
    pub fn is_ours(&self, map: &Map, ix: NodeIndex) -> bool {
        match &self.side {
            Some(side) => map.node(ix).side.as_deref() == Some(side.as_str()),
            None => self.camps.camp(ix) == Some(self.camp),
        }
    }

    /// Who the node belongs to, seen from us.
    pub fn role(&self, map: &Map, ix: NodeIndex) -> Role {
        match self.camps.camp(ix) {
            None => Role::Nobody,
            Some(_) if self.is_ours(map, ix) => Role::Ours,
            Some(c) if c == self.camp => Role::Ally,
            Some(_) => Role::Theirs,
        }
    }

    /// The node's grounded reason and its argument number (`None` outside the framework).
    pub(crate) fn reason(&self, ix: NodeIndex) -> Option<(Reason, u32)> {
        let a = self.framework.arg(ix)?;
        Some((self.reasons.get(a)?, a))
    }
}

/// Why a brief cannot be written: the camp or side asked for is not in the map.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PrepError {
    /// No camp (or side) has the id asked for.
    #[error(transparent)]
    Camp(#[from] UnknownCamp),
    /// No side has the id asked for.
    #[error(transparent)]
    Side(#[from] FilterError),
}

/// The brief for `ask`, listing only nodes in `selection` (all when `None`); `all` lists
/// everything (see the module documentation).
pub fn brief(
    map: &Map,
    ask: &Ask,
    selection: Option<&Selection>,
    all: bool,
) -> Result<Brief, PrepError> {
    let camps = Camps::of(map);
    let (camp, side) = match ask {
        Ask::Camp(id) => (find_camp(&camps, id)?, None),
        Ask::Side(id) => {
            filter::known_side(map, id)?;
            // The camp holding the side, never a camp that merely has the side's id as its own.
            let camp = match camps.of_side(id) {
                Some(c) => c,
                None => find_camp(&camps, id)?,
            };
            (camp, Some(id.clone()))
        }
    };
    let verdicts = Verdicts::whole(map);
    let stakes = Stakes::of(map);
    // Only a map of more than 4 billion nodes fails here, which cannot have been loaded.
    let framework = MapFramework::new(map).unwrap_or_default();
    let grounded = label_framework(&framework.framework);
    let reasons = reasons::explain(&framework.framework, &grounded);
    let mut brief = Brief {
        camp,
        side,
        all,
        camps,
        verdicts,
        stakes,
        motion: None,
        clashes: Vec::new(),
        press: Vec::new(),
        shore_up: Vec::new(),
        disputes: Vec::new(),
        unanswered: Vec::new(),
        framework,
        reasons,
    };
    let shown = |ix: NodeIndex| selection.is_none_or(|s| s.contains(ix));
    brief.motion = map.motion_node().map(|node| Motion {
        node,
        hinges: hinges_on(map, node, DEFAULT_WORK),
        stance: Stance::of(map, node, |n| brief.is_ours(map, n)),
    });
    // The motion's clash is ours when we stand for or against the motion; the others when we
    // take part in them.
    let party = brief
        .motion
        .as_ref()
        .is_some_and(|m| m.stance != Stance::Neither);
    let involved: Vec<Clash> = clashes::clashes(map, &brief.camps, &brief.verdicts, &brief.stakes)
        .into_iter()
        .filter(|c| {
            let motion = brief.stakes.is_motion(c.point);
            shown(c.point)
                && if motion {
                    party
                } else {
                    c.involves(|ix| brief.is_ours(map, ix))
                }
        })
        .collect();
    // The motion's hinges are already known; the other clashes share one budget.
    let share = DEFAULT_WORK / involved.len().max(1);
    brief.clashes = involved
        .into_iter()
        .map(|clash| BriefClash {
            hinges: match &brief.motion {
                Some(m) if m.node == clash.point => m.hinges.clone(),
                _ => hinges_on(map, clash.point, share),
            },
            clash,
        })
        .collect();
    let b = &brief;
    let listed = |ix: NodeIndex| shown(ix) && (all || b.stakes.is_contention(ix));
    let ours: Vec<NodeIndex> = map
        .nodes()
        .map(|(ix, _)| ix)
        .filter(|&ix| b.is_ours(map, ix))
        .collect();
    let mut press: Vec<NodeIndex> = ours
        .iter()
        .copied()
        .filter(|&ix| listed(ix) && !is_answered(map, &b.camps, ix))
        .collect();
    // Whether we replied to an attacker, found once for each attacker (a node attacking many
    // of our points is not walked again for each).
    let mut replied: HashMap<NodeIndex, bool> = HashMap::new();
    let mut shore_up: Vec<ShoreUp> = ours
        .iter()
        .copied()
        .filter(|&ix| listed(ix))
        .filter_map(|ix| {
            let unreplied: Vec<NodeIndex> = answers(map, &b.camps, ix)
                .into_iter()
                .filter(|&a| {
                    !*replied.entry(a).or_insert_with(|| {
                        answers(map, &b.camps, a)
                            .into_iter()
                            .any(|r| b.is_ours(map, r))
                    })
                })
                .collect();
            (!unreplied.is_empty()).then_some(ShoreUp {
                node: ix,
                unreplied,
            })
        })
        .collect();
    let disputes: Vec<Dispute> = internal_disputes(map, &b.camps)
        .into_iter()
        .filter(|d| {
            (b.is_ours(map, d.from) || b.is_ours(map, d.to)) && (shown(d.from) || shown(d.to))
        })
        .collect();
    let mut unanswered: Vec<NodeIndex> = if all {
        map.nodes()
            .map(|(ix, _)| ix)
            .filter(|&ix| {
                shown(ix) && b.role(map, ix) == Role::Theirs && !is_answered(map, &b.camps, ix)
            })
            .collect()
    } else {
        Vec::new()
    };
    let rank = |ix: NodeIndex| b.stakes.rank(ix, b.verdicts.strength(ix));
    press.sort_by_key(|&ix| rank(ix));
    shore_up.sort_by_key(|s| rank(s.node));
    unanswered.sort_by_key(|&ix| rank(ix));
    brief.press = press;
    brief.shore_up = shore_up;
    brief.disputes = disputes;
    brief.unanswered = unanswered;
    Ok(brief)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Relation::*;

    /// The motion M; `con`'s thesis T rebuts it; `pro`'s R rebuts T; `con`'s Q rebuts R;
    /// `pro`'s S supports R (a contention: R is supported); `pro`'s E supports S; `con`'s
    /// F rebuts S; `ally`'s A rebuts E (an internal dispute); `pro`'s P supports the motion
    /// (its only relation goes to the motion: a thesis, unanswered).
    fn debate() -> (Map, [NodeIndex; 9]) {
        let (mut map, ix) = Map::of(
            [
                ("[M]", ""),
                ("[T]", "con"),
                ("<R>", "pro"),
                ("<Q>", "con"),
                ("<S>", "pro"),
                ("<E>", "pro"),
                ("<F>", "con"),
                ("<A>", "ally"),
                ("<P>", "pro"),
            ],
            &[
                ("[T]", Rebuts, "[M]"),
                ("<R>", Rebuts, "[T]"),
                ("<Q>", Rebuts, "<R>"),
                ("<S>", Supports, "<R>"),
                ("<E>", Supports, "<S>"),
                ("<F>", Rebuts, "<S>"),
                ("<A>", Rebuts, "<E>"),
                ("<P>", Supports, "[M]"),
            ],
        );
        map.motion = Some("M".into());
        map.add_camp("yes", "Yes", &["pro", "ally"]);
        (map, ix)
    }

    #[test]
    fn the_parts_of_a_camps_brief() {
        let (map, [m, t, r, q, s, e, f, a, p]) = debate();
        let b = brief(&map, &Ask::Camp("yes".into()), None, false).unwrap();
        assert_eq!(b.motion.as_ref().map(|x| x.node), Some(m));
        let points: Vec<NodeIndex> = b.clashes.iter().map(|c| c.clash.point).collect();
        // The motion's (every camp's), T (their thesis, we rebut it), R (ours, attacked by Q),
        // S (ours, attacked by F).
        assert_eq!(points, [m, t, r, s]);
        let motion = b.motion.as_ref().unwrap();
        assert_eq!(
            motion.stance,
            Stance::For,
            "P of camp yes supports the motion"
        );
        // `con` (a camp of its own) rebuts the motion with T: it argues against it.
        let theirs = brief(&map, &Ask::Camp("con".into()), None, false).unwrap();
        assert_eq!(theirs.motion.as_ref().unwrap().stance, Stance::Against);
        assert_eq!(
            b.press,
            [p],
            "P is a thesis nobody answered; E is an evidence leaf"
        );
        let shore: Vec<(NodeIndex, Vec<NodeIndex>)> = b
            .shore_up
            .iter()
            .map(|x| (x.node, x.unreplied.clone()))
            .collect();
        assert_eq!(shore, [(r, vec![q]), (s, vec![f])]);
        assert_eq!(b.disputes.len(), 1);
        assert_eq!((b.disputes[0].from, b.disputes[0].to), (a, e));
        assert!(b.unanswered.is_empty());
        assert_eq!(
            [
                b.role(&map, m),
                b.role(&map, t),
                b.role(&map, a),
                b.role(&map, e)
            ],
            [Role::Nobody, Role::Theirs, Role::Ours, Role::Ours]
        );
        let all = brief(&map, &Ask::Camp("pro".into()), None, true).unwrap();
        assert_eq!(
            all.press,
            [p, e, a],
            "with all, the evidence leaves E and A too"
        );
        assert_eq!(all.unanswered, [q, f], "their points nobody answered");
    }

    #[test]
    fn a_stance_is_what_our_relations_to_the_motion_say() {
        let (map, [m, ..]) = Map::of(
            [
                ("[M]", ""),
                ("<S>", "a"),
                ("<R>", "b"),
                ("<X>", "c"),
                ("<Y>", "c"),
            ],
            &[
                ("<S>", Supports, "[M]"),
                ("[M]", Contradicts, "<R>"),
                ("<X>", Supports, "[M]"),
                ("<Y>", Undercuts, "[M]"),
            ],
        );
        let stance = |id: &str| {
            Stance::of(&map, m, |n: NodeIndex| {
                map.node(n).side.as_deref() == Some(id)
            })
        };
        assert_eq!(stance("a"), Stance::For);
        assert_eq!(stance("b"), Stance::Against, "contradicts counts");
        assert_eq!(stance("c"), Stance::Neither, "both ways");
        assert_eq!(stance("d"), Stance::Neither, "silent");
    }

    #[test]
    fn one_side_and_its_allies() {
        let (map, [_, t, _, _, _, e, _, a, _]) = debate();
        let b = brief(&map, &Ask::Side("ally".into()), None, false).unwrap();
        assert_eq!(b.role(&map, e), Role::Ally);
        assert_eq!(b.role(&map, a), Role::Ours);
        assert_eq!(b.motion.as_ref().unwrap().stance, Stance::Neither);
        assert!(
            b.clashes.is_empty(),
            "the ally's side takes part in no clash, and does not speak to the motion"
        );
        assert_eq!(
            b.disputes.len(),
            1,
            "its rebuttal of an ally is listed apart"
        );
        let con = brief(&map, &Ask::Side("con".into()), None, false).unwrap();
        assert_eq!(con.clashes[0].clash.point, map.motion_node().unwrap());
        assert_eq!(con.clashes[1].clash.point, t);
        assert_eq!(
            brief(&map, &Ask::Side("neutral".into()), None, false)
                .unwrap_err()
                .to_string(),
            "unknown side \"neutral\"; the map's sides are: con, pro, ally"
        );
        assert_eq!(
            brief(&map, &Ask::Camp("neutral".into()), None, false)
                .unwrap_err()
                .to_string(),
            "unknown camp \"neutral\"; the camps are: yes, con"
        );
    }

    #[test]
    fn a_side_is_briefed_with_the_camp_that_holds_it() {
        // Camp `b` holds side `a`; side `b` is in camp `rest`.
        let (mut map, [_, q]) = Map::of([("[P]", "a"), ("[Q]", "b")], &[("[Q]", Rebuts, "[P]")]);
        for (id, side) in [("b", "a"), ("rest", "b")] {
            map.add_camp(id, id, &[side]);
        }
        let b = brief(&map, &Ask::Side("b".into()), None, false).unwrap();
        assert_eq!(b.camp, 1, "camp rest");
        assert_eq!(b.role(&map, q), Role::Ours);
        let camp = brief(&map, &Ask::Camp("b".into()), None, false).unwrap();
        assert_eq!(camp.camp, 0, "--camp b is the camp with that id");
    }
}
