//! Clashes: where the camps meet.
//!
//! A **clash** is a point of one camp attacked by another camp (an opponent, see
//! [`super::camps`]); a point without a side, such as the motion, attacked by anyone is a clash
//! too. Attacks are rebuttals, undercuts and contradictions (both ways).
//!
//! Each clash carries its **exchange**: the attacks on the point, the replies to those attacks,
//! the replies to the replies, and so on. A reply to a move is an attack on the move's node by
//! a camp other than that node's camp, so the exchange alternates camps. It is followed
//! [`DEPTH`] levels deep (the attacks and up to three rounds of replies); below that, each move
//! only counts the replies not listed ([`Move::unlisted`]). Within one clash each node's
//! replies are listed once, at its shallowest place: where the same node answers twice, the
//! second place is marked [`Move::repeat`] and lists no replies. The point itself is never
//! listed as a reply (a contradiction of an attacker by the point is the clash itself). The
//! exchange is built breadth-first with a queue, never by recursion.
//!
//! A clash lists at most [`MAX_MOVES`] moves: the first attacks on the point, in the order
//! written, then the replies breadth first, while there is room. What is left out is counted:
//! the attacks not listed in [`Clash::unlisted`], a move's replies not listed in
//! [`Move::unlisted`]. Every node's answers are gathered once for the whole map, so the
//! clashes take time and space linear in the map: at most [`MAX_MOVES`] moves for each
//! attacked point, however dense the map (on a map where each of K points of one camp rebuts
//! each of K points of the other, the 2K clashes list 2K × 50 moves, not 2K × 2K²).
//!
//! Clashes are ordered by importance: how close the point is to the motion or a thesis (see
//! [`Stakes::rank`]), then its strength (stronger first), then map order.

use std::collections::{HashSet, VecDeque};

use petgraph::stable_graph::NodeIndex;

use super::camps::{CampId, Camps};
use super::stakes::Stakes;
use super::unanswered::answers_with_relation;
use super::Verdicts;
use crate::graph::Label;
use crate::model::{Map, Relation};

/// How many levels of the exchange are listed: the attacks on the point (level 1) and up to
/// three rounds of replies.
pub const DEPTH: u32 = 4;

/// The most moves one clash lists (see the module documentation).
pub const MAX_MOVES: usize = 50;

/// One move of an exchange: a node attacking the point or a move above it.
#[derive(Debug, Clone, PartialEq)]
pub struct Move {
    /// The attacking node.
    pub node: NodeIndex,
    /// How it attacks the node it answers (`rebuts`, `undercuts` or `contradicts`).
    pub relation: Relation,
    /// 0 for an attack on the point, 1 for a reply to an attack, and so on.
    pub depth: u32,
    /// The moves answering this one (indices into [`Clash::moves`]), in the order written.
    pub replies: Vec<usize>,
    /// Whether this node's replies are listed at another place of the same clash.
    pub repeat: bool,
    /// Replies to this move not listed because the exchange is cut at [`DEPTH`] levels or
    /// the clash already lists [`MAX_MOVES`] moves.
    pub unlisted: usize,
    /// The node's grounded label.
    pub verdict: Label,
    /// The node's strength.
    pub strength: f64,
}

/// One clash: a point attacked by another camp, with its exchange and what is at stake.
#[derive(Debug, Clone, PartialEq)]
pub struct Clash {
    /// The point attacked.
    pub point: NodeIndex,
    /// Its camp (`None` for a point without a side).
    pub camp: Option<CampId>,
    /// Its topics: the point's tags.
    pub topics: Vec<String>,
    /// Every move of the exchange, breadth first: the attacks on the point come first
    /// ([`Clash::attacks`]), and each move lists its replies.
    pub moves: Vec<Move>,
    /// How many moves attack the point itself (the first moves).
    pub attacks: usize,
    /// Attacks on the point not listed because the clash already lists [`MAX_MOVES`] moves.
    pub unlisted: usize,
    /// The point's grounded label.
    pub verdict: Label,
    /// The point's strength (DF-QuAD, from 0 to 1).
    pub strength: f64,
    /// Relations from the point to the nearest thesis or the motion (`None`: it bears on none).
    pub distance: Option<u32>,
    /// The thesis or the motion the point leads to (itself for a thesis or the motion).
    pub leads_to: Option<NodeIndex>,
    /// Whether the point works against what it leads to (see [`Stakes::against`]).
    pub against: bool,
}

impl Clash {
    /// The moves attacking the point.
    pub fn attacks(&self) -> &[Move] {
        self.moves.get(..self.attacks).unwrap_or(&[])
    }

    /// Every move with its index, depth first in the order written (each attack followed by its
    /// replies), as a reader follows the exchange.
    pub fn in_reading_order(&self) -> Vec<usize> {
        let mut order = Vec::with_capacity(self.moves.len());
        let mut stack: Vec<usize> = (0..self.attacks.min(self.moves.len())).rev().collect();
        while let Some(k) = stack.pop() {
            order.push(k);
            if let Some(m) = self.moves.get(k) {
                stack.extend(m.replies.iter().rev());
            }
        }
        order
    }

    /// Whether `ours` holds the point or one of the attacks on it.
    pub fn involves(&self, ours: impl Fn(NodeIndex) -> bool) -> bool {
        ours(self.point) || self.attacks().iter().any(|m| ours(m.node))
    }

    /// Whether the clash concerns `camp`: the camp holds the point or one of the attacks on
    /// it, or the point is the motion and the camp speaks to it (supports or attacks it: a
    /// camp for the motion has no move in its clash, but a stake).
    pub fn concerns(&self, map: &Map, camps: &Camps, camp: CampId) -> bool {
        let ours = |ix: NodeIndex| camps.camp(ix) == Some(camp);
        let speaks_to_motion = map.motion_node() == Some(self.point)
            && (map.incoming_unordered(self.point).any(|(n, _)| ours(n))
                || map
                    .outgoing_unordered(self.point)
                    .any(|(n, r)| r == Relation::Contradicts && ours(n)));
        speaks_to_motion || self.involves(ours)
    }

    /// The nodes of the clash: the point, then each move's node once, in reading order.
    pub fn nodes(&self) -> Vec<NodeIndex> {
        let mut seen = HashSet::new();
        std::iter::once(self.point)
            .chain(
                self.in_reading_order()
                    .into_iter()
                    .map(|k| self.moves[k].node),
            )
            .filter(|&ix| seen.insert(ix))
            .collect()
    }
}

/// A camp asked for by id that the map does not have.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown camp {given:?}; the camps are: {}", known.join(", "))]
pub struct UnknownCamp {
    /// The id asked for.
    pub given: String,
    /// The ids of the map's camps.
    pub known: Vec<String>,
}

/// The camp with this id, or the camp of the side with this id (see [`Camps::find`]); else an
/// error listing the camps.
pub fn find_camp(camps: &Camps, id: &str) -> Result<CampId, UnknownCamp> {
    camps.find(id).ok_or_else(|| UnknownCamp {
        given: id.to_string(),
        known: camps.list().iter().map(|c| c.id.clone()).collect(),
    })
}

/// Every node's answers with their relations (see [`answers_with_relation`]), computed once
/// for the map, and which node answers which, to count replies without walking them again.
struct Table {
    answers: Vec<Vec<(NodeIndex, Relation)>>,
    pairs: HashSet<(NodeIndex, NodeIndex)>,
}

impl Table {
    fn of(map: &Map, camps: &Camps) -> Table {
        let bound = map.index_bound();
        let mut answers = vec![Vec::new(); bound];
        let mut pairs = HashSet::new();
        for (ix, _) in map.nodes() {
            let list = answers_with_relation(map, camps, ix);
            pairs.extend(list.iter().map(|&(by, _)| (ix, by)));
            answers[ix.index()] = list;
        }
        Table { answers, pairs }
    }

    fn get(&self, ix: NodeIndex) -> &[(NodeIndex, Relation)] {
        self.answers.get(ix.index()).map_or(&[], Vec::as_slice)
    }

    /// How many nodes answer `ix`, leaving out `point`.
    fn count_without(&self, ix: NodeIndex, point: NodeIndex) -> usize {
        self.get(ix).len() - usize::from(self.pairs.contains(&(ix, point)))
    }
}

/// The exchange around `point` (see the module documentation): its moves, how many moves
/// attack it, and how many attacks are not listed ([`MAX_MOVES`]).
fn exchange(table: &Table, verdicts: &Verdicts, point: NodeIndex) -> (Vec<Move>, usize, usize) {
    let mut moves: Vec<Move> = Vec::new();
    let mut expanded: HashSet<NodeIndex> = HashSet::from([point]);
    let mut queue = VecDeque::new();
    let mut add = |node: NodeIndex, relation: Relation, depth: u32, moves: &mut Vec<Move>| {
        let repeat = !expanded.insert(node);
        moves.push(Move {
            node,
            relation,
            depth,
            replies: Vec::new(),
            repeat,
            unlisted: 0,
            verdict: verdicts.label(node),
            strength: verdicts.strength(node),
        });
        moves.len() - 1
    };
    let attackers = table.get(point);
    for &(attacker, relation) in attackers.iter().take(MAX_MOVES) {
        let k = add(attacker, relation, 0, &mut moves);
        queue.push_back(k);
    }
    let attacks = moves.len();
    let unlisted = attackers.len() - attacks;
    while let Some(k) = queue.pop_front() {
        let (node, depth, repeat) = (moves[k].node, moves[k].depth, moves[k].repeat);
        if repeat {
            continue;
        }
        let total = table.count_without(node, point);
        let room = if depth + 1 >= DEPTH {
            0
        } else {
            MAX_MOVES.saturating_sub(moves.len())
        };
        let replies = table.get(node).iter().filter(|&&(r, _)| r != point);
        for &(reply, relation) in replies.take(room) {
            let r = add(reply, relation, depth + 1, &mut moves);
            moves[k].replies.push(r);
            queue.push_back(r);
        }
        moves[k].unlisted = total - moves[k].replies.len();
    }
    (moves, attacks, unlisted)
}

/// Every clash of `map`, most important first (see the module documentation).
pub fn clashes(map: &Map, camps: &Camps, verdicts: &Verdicts, stakes: &Stakes) -> Vec<Clash> {
    let table = Table::of(map, camps);
    let mut list: Vec<Clash> = map
        .nodes()
        .filter(|&(ix, _)| !table.get(ix).is_empty())
        .map(|(ix, node)| {
            let (moves, attacks, unlisted) = exchange(&table, verdicts, ix);
            Clash {
                point: ix,
                camp: camps.camp(ix),
                topics: node.tags.to_vec(),
                moves,
                attacks,
                unlisted,
                verdict: verdicts.label(ix),
                strength: verdicts.strength(ix),
                distance: stakes.distance(ix),
                leads_to: stakes.leads_to(ix),
                against: stakes.against(ix),
            }
        })
        .collect();
    list.sort_by_key(|c| stakes.rank(c.point, c.strength));
    list
}

#[cfg(test)]
mod tests {
    use super::*;
    use Relation::*;

    /// `pro` claims C; `con`'s R rebuts it; `pro`'s U undercuts R; `con`'s V rebuts U and W
    /// rebuts U; `pro`'s X rebuts V; `con`'s Y rebuts X. `pro`'s ally `ally` has A, which
    /// rebuts C too (an internal dispute, no clash).
    fn chain() -> (Map, [NodeIndex; 8]) {
        let (mut map, ix) = Map::of(
            [
                ("[C]", "pro"),
                ("<R>", "con"),
                ("<U>", "pro"),
                ("<V>", "con"),
                ("<W>", "con"),
                ("<X>", "pro"),
                ("<Y>", "con"),
                ("<A>", "ally"),
            ],
            &[
                ("<R>", Rebuts, "[C]"),
                ("<U>", Undercuts, "<R>"),
                ("<V>", Rebuts, "<U>"),
                ("<W>", Rebuts, "<U>"),
                ("<X>", Rebuts, "<V>"),
                ("<Y>", Rebuts, "<X>"),
                ("<A>", Rebuts, "[C]"),
            ],
        );
        map.add_camp("yes", "Yes", &["pro", "ally"]);
        (map, ix)
    }

    fn all(map: &Map) -> Vec<Clash> {
        clashes(
            map,
            &Camps::of(map),
            &Verdicts::whole(map),
            &Stakes::of(map),
        )
    }

    #[test]
    fn the_exchange_alternates_and_stops_at_the_depth_limit() {
        let (map, [c, r, u, v, w, x, y, _]) = chain();
        let list = all(&map);
        let first = &list[0];
        assert_eq!(first.point, c, "the claim is the most important clash");
        let shape: Vec<(NodeIndex, u32, usize)> = first
            .in_reading_order()
            .into_iter()
            .map(|k| {
                let m = &first.moves[k];
                (m.node, m.depth, m.unlisted)
            })
            .collect();
        // R (0), U (1), V (2), X (3, Y not listed), W (2).
        assert_eq!(
            shape,
            [(r, 0, 0), (u, 1, 0), (v, 2, 0), (x, 3, 1), (w, 2, 0)]
        );
        assert_eq!(
            first.attacks().len(),
            1,
            "the ally's attack is no clash move"
        );
        assert_eq!(first.moves[1].relation, Undercuts);
        assert_eq!(first.nodes(), [c, r, u, v, x, w]);
        // Every point attacked by an opponent is a clash: C, R, U, V, X (not Y, W, A).
        let mut points: Vec<NodeIndex> = list.iter().map(|c| c.point).collect();
        points.sort();
        assert_eq!(points, [c, r, u, v, x]);
        let _ = y;
    }

    #[test]
    fn ordered_by_reach_then_strength() {
        let (map, [c, r, u, v, _, x, _, _]) = chain();
        let list = all(&map);
        let order: Vec<(NodeIndex, Option<u32>)> =
            list.iter().map(|c| (c.point, c.distance)).collect();
        assert_eq!(
            order,
            [
                (c, Some(0)),
                (r, Some(1)),
                (u, Some(2)),
                (v, Some(3)),
                (x, Some(4))
            ]
        );
        assert!(list.iter().all(|k| k.leads_to == Some(c)));
    }

    #[test]
    fn a_node_answering_twice_lists_its_replies_once() {
        // P (pro) is rebutted by Q and S (con); T (pro) rebuts both; Z (con) rebuts T.
        let (map, [p, q, s, t, z]) = Map::of(
            [
                ("[P]", "pro"),
                ("<Q>", "con"),
                ("<S>", "con"),
                ("<T>", "pro"),
                ("<Z>", "con"),
            ],
            &[
                ("<Q>", Rebuts, "[P]"),
                ("<S>", Rebuts, "[P]"),
                ("<T>", Rebuts, "<Q>"),
                ("<T>", Rebuts, "<S>"),
                ("<Z>", Rebuts, "<T>"),
            ],
        );
        let list = all(&map);
        let clash = list.iter().find(|k| k.point == p).unwrap();
        let shape: Vec<(NodeIndex, bool, usize)> = clash
            .in_reading_order()
            .into_iter()
            .map(|k| {
                (
                    clash.moves[k].node,
                    clash.moves[k].repeat,
                    clash.moves[k].replies.len(),
                )
            })
            .collect();
        assert_eq!(
            shape,
            [
                (q, false, 1),
                (t, false, 1),
                (z, false, 0),
                (s, false, 1),
                (t, true, 0)
            ]
        );
    }

    #[test]
    fn the_motion_attacked_by_anyone_is_a_clash_and_the_camp_filter() {
        let (mut map, [m, t, r]) = Map::of(
            [("[M]", ""), ("[T]", "con"), ("<R>", "pro")],
            &[("[T]", Rebuts, "[M]"), ("<R>", Contradicts, "[T]")],
        );
        map.motion = Some("M".into());
        let camps = Camps::of(&map);
        let list = all(&map);
        let points: Vec<(NodeIndex, Option<CampId>)> =
            list.iter().map(|c| (c.point, c.camp)).collect();
        // The motion first; T (a thesis, contradicted by R); R (contradicted back by T).
        assert_eq!(points, [(m, None), (t, Some(0)), (r, Some(1))]);
        // The point never replies to its own attacker: R's contradiction of T is not listed
        // under T's clash again.
        assert_eq!(list[1].moves.len(), 1);
        assert_eq!(list[1].moves[0].relation, Contradicts);
        assert_eq!(find_camp(&camps, "pro"), Ok(1));
        assert_eq!(
            find_camp(&camps, "nobody").unwrap_err().to_string(),
            "unknown camp \"nobody\"; the camps are: con, pro"
        );
        let pro = |ix: NodeIndex| camps.camp(ix) == Some(1);
        let involved: Vec<NodeIndex> = list
            .iter()
            .filter(|c| c.involves(pro))
            .map(|c| c.point)
            .collect();
        assert_eq!(involved, [t, r]);
    }

    #[test]
    fn a_clash_lists_at_most_max_moves_and_counts_the_rest() {
        use crate::model::{Edge, Node};
        // P (pro) is rebutted by 60 points of con; Q (pro) undercuts each of them and S
        // (pro) rebuts each: 60 attacks on P, each with 2 replies.
        let mut map = Map::new();
        let p = map
            .add_node(Node::statement("P", "").with_side("pro"))
            .unwrap();
        let q = map
            .add_node(Node::argument("Q", "").with_side("pro"))
            .unwrap();
        let s = map
            .add_node(Node::argument("S", "").with_side("pro"))
            .unwrap();
        let mut attackers = Vec::new();
        for i in 0..60 {
            let a = map
                .add_node(Node::argument(format!("A{i}"), "").with_side("con"))
                .unwrap();
            map.add_edge(a, p, Edge::new(Rebuts));
            map.add_edge(q, a, Edge::new(Undercuts));
            map.add_edge(s, a, Edge::new(Rebuts));
            attackers.push(a);
        }
        let list = all(&map);
        let clash = list.iter().find(|k| k.point == p).unwrap();
        // The first 50 attacks are listed, the 10 others counted; no room is left for the
        // replies, which each move counts.
        assert_eq!(clash.moves.len(), MAX_MOVES);
        assert_eq!((clash.attacks, clash.unlisted), (MAX_MOVES, 10));
        assert_eq!(clash.moves[0].node, attackers[0]);
        assert!(clash
            .moves
            .iter()
            .all(|m| m.depth == 0 && m.unlisted == 2 && m.replies.is_empty()));
        // Each attacker's own clash: Q undercuts it, S rebuts it (the relation of each edge),
        // and their replies (the attacker itself, which is the point) are not counted.
        let a0 = list.iter().find(|k| k.point == attackers[0]).unwrap();
        let shape: Vec<(NodeIndex, Relation, u32, usize)> = a0
            .in_reading_order()
            .into_iter()
            .map(|k| {
                let m = &a0.moves[k];
                (m.node, m.relation, m.depth, m.unlisted)
            })
            .collect();
        assert_eq!(shape, [(q, Undercuts, 0, 0), (s, Rebuts, 0, 0)]);
        assert_eq!(a0.unlisted, 0);
    }
}
