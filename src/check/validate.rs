//! Checks on a whole map, whatever format it was read from: unknown sides (E004) and sources
//! (E005), cited line ranges that are not ranges of lines (E006, the check the Argdown reader
//! makes on `cite`), nodes without a side (W003), relations to self (W004), cycles of supports
//! (W002), and the modelling slips of [`super::slips`] (W007, W008).
//!
//! Everything is linear in the size of the map; the cycle check finds the strongly connected
//! components of the `supports` relations with [`crate::graph::scc`] (Tarjan's algorithm with an
//! explicit stack: no recursion) on compressed rows of those relations.

use std::collections::{HashMap, VecDeque};

use petgraph::stable_graph::NodeIndex;

use crate::diagnostic::{Code, Diagnostic};
use crate::graph::csr::Csr;
use crate::graph::scc;
use crate::model::{Citation, Map, Node, Origin, Relation};

/// A diagnostic placed at `origin` (no place when the map was not read from a file).
pub(crate) fn placed(d: Diagnostic, origin: Option<&Origin>, length: usize) -> Diagnostic {
    match origin {
        Some(o) => {
            let mut d = d.with_length(length);
            d.file = o.file.to_string();
            d.line = o.line as usize;
            d.column = o.column as usize;
            d
        }
        None => d,
    }
}

/// A citation as Argdown writes it: `source:line` or `source:first-last`.
fn cite_text(c: &Citation) -> String {
    match c.lines {
        [first, last] if first == last => format!("{}:{first}", c.source),
        [first, last] => format!("{}:{first}-{last}", c.source),
    }
}

fn id_len(node: &Node) -> usize {
    node.id.chars().count()
}

fn declared_sides(map: &Map) -> String {
    if map.sides.is_empty() {
        "the map declares no sides; declare them in the frontmatter: `sides: {id: {label: ...}}`"
            .to_string()
    } else {
        let ids: Vec<&str> = map.sides.iter().map(|s| s.id.as_str()).collect();
        format!("declared sides are: {}", ids.join(", "))
    }
}

fn declared_sources(map: &Map) -> String {
    if map.sources.is_empty() {
        "the map declares no sources; declare them in the frontmatter: `sources: {id: {title: \
         ..., file: ...}}`"
            .to_string()
    } else {
        let ids: Vec<&str> = map.sources.iter().map(|s| s.id.as_str()).collect();
        format!("declared sources are: {}", ids.join(", "))
    }
}

/// The control-character rule ([`crate::text::control`]) for a map read from a format other than
/// Argdown (whose reader applies it to every line): one E014 for each text that breaks it, at
/// the node's place when known, else in `file`.
pub(crate) fn control_characters(map: &Map, file: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    crate::model::texts::each_text(
        map,
        crate::model::texts::Ids::Included,
        |what, text, origin| {
            if let Some((_, c)) = crate::text::control::find(text) {
                let mut d = placed(Diagnostic::control_character(&what, c), origin, 1);
                if d.file.is_empty() {
                    d.file = file.to_string();
                }
                out.push(d);
            }
        },
    );
    out
}

/// All map-level diagnostics, placed at the node's (or citation's, or relation's) origin where
/// it has one. Source lines are attached later by [`crate::diagnostic::attach_snippets`].
pub(crate) fn validate(map: &Map) -> Vec<Diagnostic> {
    let mut out = motion_and_camps(map);
    let motion = map.motion_node();
    for (ix, node) in map.nodes() {
        if let Some(side) = &node.side {
            if map.side(side).is_none() {
                out.push(placed(
                    Diagnostic::new(
                        Code::UnknownSide,
                        format!("unknown side {side:?} on {}", node.id),
                    )
                    .with_help(declared_sides(map)),
                    node.origin.as_ref(),
                    id_len(node),
                ));
            }
        } else if !map.sides.is_empty() && Some(ix) != motion {
            out.push(placed(
                Diagnostic::new(Code::NoSide, format!("{} has no side", node.id)).with_help(
                    format!(
                        "give it `{{side: id}}`, a tag naming a side, or put it under a heading \
                         with `{{side: id}}`; {}",
                        declared_sides(map)
                    ),
                ),
                node.origin.as_ref(),
                id_len(node),
            ));
        }
        for c in &node.citations {
            let (origin, len) = match &c.origin {
                Some(o) => (Some(o), c.source.chars().count() + 2),
                None => (node.origin.as_ref(), id_len(node)),
            };
            if let Err(why) = crate::model::check_lines(c.lines[0], c.lines[1]) {
                out.push(placed(
                    Diagnostic::new(
                        Code::MalformedCite,
                        format!("malformed cite {:?}: {why}", cite_text(c)),
                    )
                    .with_help(
                        "lines are counted from 1 and a range runs forwards: `memo:3-5` in \
                         Argdown, `\"lines\": [3, 5]` in JSON",
                    ),
                    origin,
                    1,
                ));
            }
            if map.source(&c.source).is_none() {
                out.push(placed(
                    Diagnostic::new(
                        Code::UnknownSource,
                        format!("unknown source {:?} cited by {}", c.source, node.id),
                    )
                    .with_help(declared_sources(map)),
                    origin,
                    len,
                ));
            }
        }
    }
    for (a, b, edge) in map.edges() {
        if a == b {
            let node = map.node(a);
            out.push(placed(
                Diagnostic::new(
                    Code::SelfRelation,
                    format!("{} {} itself", node.id, edge.relation),
                )
                .with_help("relate it to another statement or argument, or remove the relation"),
                edge.origin.as_ref().or(node.origin.as_ref()),
                1,
            ));
        }
    }
    out.extend(support_cycles(map));
    out.extend(super::slips::slips(map));
    out
}

/// The motion names a statement of the map (E015); every side a camp names is declared (E004);
/// no side is in two camps (E015).
fn motion_and_camps(map: &Map) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let Some(motion) = &map.motion {
        if let Some(side) = map.motion_node().and_then(|ix| map.node(ix).side.as_ref()) {
            let node = map.motion_node().map(|ix| map.node(ix));
            out.push(placed(
                Diagnostic::new(
                    Code::Camps,
                    format!("the motion [{motion}] has side {side:?}, but it belongs to no side"),
                )
                .with_help(
                    "the debate is about the motion, and every camp argues for or against it: \
                     remove its `{side: ...}` or tag, or move it out of a heading with a side",
                ),
                node.and_then(|n| n.origin.as_ref()),
                node.map_or(1, id_len),
            ));
        }
        if map.motion_node().is_none() {
            out.push(placed(
                Diagnostic::new(
                    Code::Camps,
                    format!("the motion {motion:?} is not a statement of the map"),
                )
                .with_help(format!(
                    "define the statement `[{motion}]: ...`, or write the title of one of the \
                     map's statements after `motion:`"
                )),
                map.motion_origin.as_ref(),
                6,
            ));
        }
    }
    let mut camp_of: HashMap<&str, &str> = HashMap::new();
    for camp in &map.camps {
        for side in &camp.sides {
            if map.side(side).is_none() {
                out.push(placed(
                    Diagnostic::new(
                        Code::UnknownSide,
                        format!("unknown side {side:?} in camp {:?}", camp.id),
                    )
                    .with_help(declared_sides(map)),
                    camp.origin.as_ref(),
                    camp.id.chars().count(),
                ));
            }
            match camp_of.get(side.as_str()) {
                Some(&first) if first != camp.id => out.push(placed(
                    Diagnostic::new(
                        Code::Camps,
                        format!("side {side:?} is in two camps: {first:?} and {:?}", camp.id),
                    )
                    .with_help("a side belongs to at most one camp: remove it from one of them"),
                    camp.origin.as_ref(),
                    camp.id.chars().count(),
                )),
                Some(_) => {}
                None => {
                    camp_of.insert(side, &camp.id);
                }
            }
        }
    }
    out
}

/// One W002 per group of nodes that support each other in a cycle (a strongly connected
/// component of the `supports` relations with more than one node), naming one cycle in it.
fn support_cycles(map: &Map) -> Vec<Diagnostic> {
    let Some(Cycles { groups, group_of }) = support_groups(map) else {
        return Vec::new();
    };
    let warnings = groups.iter().enumerate().map(|(g, group)| {
        let member = |ix: NodeIndex| group_of.get(ix.index()) == Some(&(g as u32));
        cycle_warning(map, group, member)
    });
    warnings.collect()
}

/// The groups of nodes that support each other in a cycle.
struct Cycles {
    /// Each group of more than one node, sorted; the groups sorted by their first node.
    groups: Vec<Vec<NodeIndex>>,
    /// The group of each node (by index), or [`scc::NONE`].
    group_of: Vec<u32>,
}

/// Whether the `supports` relations form no cycle: Kahn's peeling, in time linear in nodes +
/// relations and with one counter per node, before the components are looked for. In a
/// debate, and in most large maps, nobody supports themselves in a circle, and this answer
/// takes a fifth of the memory the components take.
fn supports_are_acyclic(map: &Map) -> bool {
    // How many `supports` relations arrive at each node and are not peeled yet.
    let mut waiting = vec![0u32; map.index_bound()];
    for (_, b, edge) in map.edges() {
        if edge.relation == Relation::Supports {
            if let Some(n) = waiting.get_mut(b.index()) {
                *n += 1;
            }
        }
    }
    let mut ready: Vec<NodeIndex> = map
        .nodes()
        .map(|(ix, _)| ix)
        .filter(|ix| waiting.get(ix.index()) == Some(&0))
        .collect();
    let mut peeled = 0usize;
    while let Some(ix) = ready.pop() {
        peeled += 1;
        for (target, relation) in map.outgoing_unordered(ix) {
            if relation != Relation::Supports {
                continue;
            }
            if let Some(n) = waiting.get_mut(target.index()) {
                *n -= 1;
                if *n == 0 {
                    ready.push(target);
                }
            }
        }
    }
    peeled == map.node_count()
}

/// The strongly connected components of the `supports` relations with more than one node;
/// `None` for a map too large for 32-bit indices (which nothing reads).
fn support_groups(map: &Map) -> Option<Cycles> {
    if supports_are_acyclic(map) {
        return Some(Cycles {
            groups: Vec::new(),
            group_of: Vec::new(),
        });
    }
    let (mut from, mut to) = (Vec::new(), Vec::new());
    for (a, b, edge) in map.edges() {
        if edge.relation == Relation::Supports {
            from.push(u32::try_from(a.index()).ok()?);
            to.push(u32::try_from(b.index()).ok()?);
        }
    }
    if from.is_empty() {
        return Some(Cycles {
            groups: Vec::new(),
            group_of: Vec::new(),
        });
    }
    let rows = Csr::from_pairs(map.index_bound(), &from, &to).ok()?;
    drop((from, to));
    let found = scc::components(&rows, |_| true);
    drop(rows);
    // Numbered in the order of each group's first node, so that the groups come out sorted.
    let mut number = vec![scc::NONE; found.count()];
    let mut groups: Vec<Vec<NodeIndex>> = Vec::new();
    let mut group_of = found.of;
    for (i, c) in group_of.iter_mut().enumerate() {
        let component = *c as usize;
        *c = scc::NONE;
        if found.size.get(component).is_none_or(|&n| n < 2) {
            continue;
        }
        let Some(slot) = number.get_mut(component) else {
            continue;
        };
        if *slot == scc::NONE {
            *slot = groups.len() as u32;
            groups.push(Vec::new());
        }
        if let Some(group) = groups.get_mut(*slot as usize) {
            group.push(NodeIndex::new(i));
            *c = *slot;
        }
    }
    Some(Cycles { groups, group_of })
}

/// The W002 for one group of nodes that support each other in a cycle (`component`, sorted,
/// with `member` telling its nodes), naming one cycle in it.
fn cycle_warning(
    map: &Map,
    component: &[NodeIndex],
    member: impl Fn(NodeIndex) -> bool,
) -> Diagnostic {
    let start = component.first().copied().unwrap_or_default();
    let cycle = cycle_through(map, start, member);
    let mut names: Vec<&str> = cycle.iter().map(|&ix| map.node(ix).id.as_str()).collect();
    if names.len() > 12 {
        let first = names.first().copied().unwrap_or_default();
        names.truncate(10);
        names.push("...");
        names.push(first);
    }
    let mut message = format!("supports form a cycle: {}", names.join(" -> "));
    if component.len() + 1 > cycle.len() {
        message.push_str(&format!(
            " ({} nodes support each other in a cycle)",
            component.len()
        ));
    }
    let node = map.node(start);
    placed(
        Diagnostic::new(Code::SupportCycle, message).with_help(
            "a point cannot be a reason for itself: remove or reverse one of these supports",
        ),
        node.origin.as_ref(),
        id_len(node),
    )
}

/// A shortest cycle of supports from `start` back to `start` within the nodes for which
/// `member` holds (breadth-first; linear in the size of the component). Ends with `start` again.
fn cycle_through(
    map: &Map,
    start: NodeIndex,
    member: impl Fn(NodeIndex) -> bool,
) -> Vec<NodeIndex> {
    let mut previous: HashMap<NodeIndex, NodeIndex> = HashMap::new();
    let mut queue = VecDeque::from([start]);
    let mut last = None;
    'search: while let Some(v) = queue.pop_front() {
        let mut targets: Vec<NodeIndex> = map
            .outgoing_unordered(v)
            .filter(|&(t, r)| r == Relation::Supports && member(t))
            .map(|(t, _)| t)
            .collect();
        targets.sort();
        for t in targets {
            if t == start {
                last = Some(v);
                break 'search;
            }
            if let std::collections::hash_map::Entry::Vacant(e) = previous.entry(t) {
                e.insert(v);
                queue.push_back(t);
            }
        }
    }
    let mut path = vec![start];
    let mut v = last.unwrap_or(start);
    while v != start {
        path.push(v);
        match previous.get(&v) {
            Some(&p) => v = p,
            None => break,
        }
    }
    path.push(start);
    // `path` is start, last, ..., first step, start: reverse the middle to follow the edges.
    let len = path.len();
    if let Some(middle) = path.get_mut(1..len - 1) {
        middle.reverse();
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edge, Node, Side};

    fn codes(ds: &[Diagnostic]) -> Vec<&'static str> {
        ds.iter().map(|d| d.code.as_str()).collect()
    }

    /// Kahn's peeling says "no cycle" exactly when the supports hold none: attacks and
    /// undercuts in a circle do not count, a support loop of two or of three does, wherever it
    /// hangs.
    #[test]
    fn supports_are_acyclic_only_without_a_support_loop() {
        use Relation::{Rebuts, Supports};
        let nodes = [("[A]", ""), ("[B]", ""), ("[C]", ""), ("[D]", "")];
        let acyclic = |edges: &[(&str, Relation, &str)]| {
            let (map, _) = Map::of(nodes, edges);
            supports_are_acyclic(&map)
        };
        assert!(acyclic(&[]));
        assert!(acyclic(&[
            ("[A]", Supports, "[B]"),
            ("[B]", Supports, "[C]")
        ]));
        assert!(acyclic(&[
            ("[A]", Supports, "[B]"),
            ("[B]", Rebuts, "[A]"),
            ("[C]", Rebuts, "[D]"),
            ("[D]", Rebuts, "[C]"),
        ]));
        assert!(!acyclic(&[
            ("[A]", Supports, "[B]"),
            ("[B]", Supports, "[A]")
        ]));
        assert!(!acyclic(&[
            ("[D]", Supports, "[A]"),
            ("[A]", Supports, "[B]"),
            ("[B]", Supports, "[C]"),
            ("[C]", Supports, "[A]"),
        ]));
    }

    #[test]
    fn the_motion_is_a_statement_of_nobody() {
        let side = |id: &str| Side {
            id: id.into(),
            label: id.into(),
            color: None,
        };
        let messages = |map: &Map| -> Vec<String> {
            validate(map)
                .iter()
                .map(|d| format!("{}: {}", d.code.as_str(), d.message))
                .collect()
        };
        // Named by an argument's title: not a statement.
        let (mut map, _) = Map::of([("<X>", "a")], &[]);
        map.sides.push(side("a"));
        map.motion = Some("X".into());
        assert_eq!(map.motion_node(), None);
        assert_eq!(
            messages(&map),
            ["E015: the motion \"X\" is not a statement of the map"]
        );
        // A statement with a side: E015.
        let (mut map, [x]) = Map::of([("[X]", "a")], &[]);
        map.sides.push(side("a"));
        map.motion = Some("X".into());
        assert_eq!(
            messages(&map),
            ["E015: the motion [X] has side \"a\", but it belongs to no side"]
        );
        // Without a side, and no W003 for it either.
        map.node_mut(x).side = None;
        assert!(messages(&map).is_empty());
    }

    #[test]
    fn unknown_side_and_missing_side() {
        let mut map = Map::new();
        map.sides.push(Side {
            id: "pro".into(),
            label: "Pro".into(),
            color: None,
        });
        map.add_node(Node::statement("A", "a").with_side("pro"))
            .unwrap();
        map.add_node(Node::statement("B", "b").with_side("cons"))
            .unwrap();
        map.add_node(Node::statement("C", "c")).unwrap();
        let ds = validate(&map);
        assert_eq!(codes(&ds), vec!["E004", "W003"]);
        assert_eq!(ds[0].message, "unknown side \"cons\" on [B]");
        assert_eq!(ds[0].help.as_deref(), Some("declared sides are: pro"));
    }

    #[test]
    fn unknown_source_and_self_relation() {
        let mut map = Map::new();
        let a = map
            .add_node(Node::statement("A", "a").with_citation("memo", 1, 2))
            .unwrap();
        map.add_edge(a, a, Edge::new(Relation::Rebuts));
        let ds = validate(&map);
        assert_eq!(codes(&ds), vec!["E005", "W004"]);
        assert_eq!(ds[1].message, "[A] rebuts itself");
    }

    #[test]
    fn one_warning_per_support_cycle() {
        let mut map = Map::new();
        let ix: Vec<NodeIndex> = ["A", "B", "C", "D", "E"]
            .iter()
            .map(|t| map.add_node(Node::statement(*t, "")).unwrap())
            .collect();
        let e = |r| Edge::new(r);
        // A -> B -> C -> A, plus C -> B; D <-> E; an attack cycle is not reported.
        map.add_edge(ix[0], ix[1], e(Relation::Supports));
        map.add_edge(ix[1], ix[2], e(Relation::Supports));
        map.add_edge(ix[2], ix[0], e(Relation::Supports));
        map.add_edge(ix[2], ix[1], e(Relation::Supports));
        map.add_edge(ix[3], ix[4], e(Relation::Supports));
        map.add_edge(ix[4], ix[3], e(Relation::Supports));
        map.add_edge(ix[0], ix[3], e(Relation::Rebuts));
        map.add_edge(ix[3], ix[0], e(Relation::Rebuts));
        let ds = validate(&map);
        assert_eq!(codes(&ds), vec!["W002", "W002"]);
        assert_eq!(
            ds[0].message,
            "supports form a cycle: [A] -> [B] -> [C] -> [A]"
        );
        assert_eq!(ds[1].message, "supports form a cycle: [D] -> [E] -> [D]");
    }

    #[test]
    fn long_support_chain_does_not_overflow() {
        let mut map = Map::new();
        let n = 200_000;
        let ix: Vec<NodeIndex> = (0..n)
            .map(|i| map.add_node(Node::statement(i.to_string(), "")).unwrap())
            .collect();
        for w in ix.windows(2) {
            map.add_edge(w[0], w[1], Edge::new(Relation::Supports));
        }
        map.add_edge(ix[n - 1], ix[0], Edge::new(Relation::Supports));
        let ds = validate(&map);
        assert_eq!(codes(&ds), vec!["W002"]);
    }

    /// The support cycles as found before: petgraph's Kosaraju SCC over the graph with only its
    /// `supports` edges, each component sorted, the components sorted.
    fn support_cycles_by_kosaraju(map: &Map) -> (Vec<Vec<NodeIndex>>, Vec<Diagnostic>) {
        let supports = petgraph::visit::EdgeFiltered::from_fn(map.graph(), |e| {
            e.weight().relation == Relation::Supports
        });
        let mut components: Vec<Vec<NodeIndex>> = petgraph::algo::kosaraju_scc(&supports)
            .into_iter()
            .filter(|c| c.len() > 1)
            .collect();
        for c in &mut components {
            c.sort();
        }
        components.sort();
        let warnings = components
            .iter()
            .map(|component| {
                let members: std::collections::HashSet<NodeIndex> =
                    component.iter().copied().collect();
                cycle_warning(map, component, |ix| members.contains(&ix))
            })
            .collect();
        (components, warnings)
    }

    /// A map of `n` statements with these relations (`(from, to, relation)`, indices taken
    /// modulo `n`).
    fn random_map(n: usize, relations: &[(usize, usize, u8)]) -> Map {
        let mut map = Map::new();
        let ix: Vec<NodeIndex> = (0..n)
            .map(|i| map.add_node(Node::statement(format!("N{i}"), "")).unwrap())
            .collect();
        let kinds = [
            Relation::Supports,
            Relation::Supports,
            Relation::Rebuts,
            Relation::Undercuts,
        ];
        for &(a, b, r) in relations {
            let relation = kinds[r as usize % kinds.len()];
            map.add_edge(ix[a % n], ix[b % n], Edge::new(relation));
        }
        map
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

        /// The support cycles found on compressed rows are the ones Kosaraju's algorithm finds on
        /// the petgraph graph, with the same warnings.
        #[test]
        fn support_cycles_are_kosarajus(
            n in 1usize..40,
            relations in proptest::collection::vec((0usize..40, 0usize..40, 0u8..4), 0..120),
        ) {
            let map = random_map(n, &relations);
            let (components, warnings) = support_cycles_by_kosaraju(&map);
            let groups = support_groups(&map).unwrap().groups;
            proptest::prop_assert_eq!(&groups, &components);
            proptest::prop_assert_eq!(support_cycles(&map), warnings);
        }

        /// Whatever the Argdown reader makes of token soup, validating it does not panic.
        #[test]
        fn no_panic_on_token_soup(
            a in crate::syntax::tests::token_soup(),
            b in crate::syntax::tests::token_soup(),
        ) {
            let (map, _) = crate::syntax::tests::parse_many(&[&a, &b]);
            let _ = validate(&map);
        }
    }
}
