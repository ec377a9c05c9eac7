//! Turns the parsed files into one [`Map`]: merges the frontmatter, creates a node per title
//! (titles are global across files), adds the relations, sections and sides. The items of a
//! file come one at a time, as the parser completes them.

use crate::text::file_name::FileName;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use petgraph::stable_graph::NodeIndex;

use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Edge, Map, Node, Origin, Relation, Section, Side, Str};

use super::frontmatter;
use super::lexer::{self, LexProblem, Lexed, Pos};
use super::parser::{self, ElementItem, Item};
use super::sink::Sink;
use super::text;
use crate::text::line_starts::LineStarts;

/// What the builder knows about some nodes beyond the model (kept only for the nodes that
/// need it: most need none).
#[derive(Default)]
struct RareState {
    /// Where the node is first referenced, for the W001 warning to give if it is never
    /// defined (written only then).
    undefined_at: Option<Reference>,
    /// The first `{side: ...}` written on it.
    explicit_side: Option<String>,
    /// Its tags, once it has tags from two occurrences (see [`text::push_tag`]).
    seen_tags: HashSet<String>,
}

/// Where a node is referenced: the file (its index) and the place of the reference.
struct Reference {
    file: usize,
    pos: Pos,
    len: usize,
}

/// What the builder keeps while it reads the items of one file.
#[derive(Default)]
struct FileState {
    /// The index of the file.
    file: usize,
    /// Open sections of this file: (level, id).
    sections: Vec<(u8, Str)>,
    /// For each item so far: its node, and whether it is a conclusion of a premise-conclusion
    /// structure (items refer to earlier items by their index).
    nodes: Vec<ItemNode>,
    pcs: Option<PcsBuild>,
    /// The builder's own diagnostics about the file, given after the parser's.
    deferred: Vec<Diagnostic>,
}

/// An item's node, if it has one, and whether it is a conclusion of a premise-conclusion
/// structure, in 4 bytes (a file has about one item per line): the node's index in the low 31
/// bits and the conclusion in the top bit; [`ItemNode::NONE`] for no node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct ItemNode(u32);

impl ItemNode {
    const NONE: ItemNode = ItemNode(u32::MAX);
    const CONCLUSION: u32 = 1 << 31;

    fn new(node: Option<NodeIndex>, conclusion: bool) -> ItemNode {
        match node {
            // A map cannot hold 2^31 nodes in memory; the guard keeps NONE apart regardless.
            Some(ix) if ix.index() < (Self::CONCLUSION - 1) as usize => {
                ItemNode(ix.index() as u32 | if conclusion { Self::CONCLUSION } else { 0 })
            }
            _ => ItemNode::NONE,
        }
    }

    fn node(self) -> Option<NodeIndex> {
        (self != ItemNode::NONE).then(|| NodeIndex::new((self.0 & !Self::CONCLUSION) as usize))
    }

    fn conclusion(self) -> bool {
        self != ItemNode::NONE && self.0 & Self::CONCLUSION != 0
    }
}

/// A premise-conclusion structure being built.
struct PcsBuild {
    argument: NodeIndex,
    entries: Vec<PcsEntry>,
}

struct PcsEntry {
    statement: NodeIndex,
    conclusion: bool,
    inference: String,
    origin: Origin,
}

/// Where a frontmatter declaration was made, for E009's help.
struct Declared {
    file: String,
    line: usize,
}

struct Builder {
    map: Map,
    /// Per node, by graph index (nodes are never removed while building).
    rare: HashMap<NodeIndex, RareState, foldhash::fast::RandomState>,
    /// Whether some occurrence gave the node a text, by node index.
    defined: Vec<bool>,
    untitled: usize,
    side_decl: HashMap<String, Declared>,
    source_decl: HashMap<String, Declared>,
    title_decl: Option<Declared>,
}

/// The most nodes (and relations) room is made for before reading a file: a million, beyond
/// which the graph grows as it is filled.
const RESERVED_AT_MOST: usize = 1 << 20;

/// Reads all files as one map; every problem goes to `diagnostics`.
pub(crate) fn build<N: AsRef<str>, T: super::FileText>(
    files: &[(N, T)],
    diagnostics: &mut Vec<Diagnostic>,
) -> Map {
    let lexed: Vec<Lexed> = files
        .iter()
        .map(|(_, text)| lexer::lex(text.as_ref()))
        .collect();
    let mut b = Builder {
        map: Map::new(),
        rare: HashMap::default(),
        defined: Vec::new(),
        untitled: 0,
        side_decl: HashMap::new(),
        source_decl: HashMap::new(),
        title_decl: None,
    };
    // First the frontmatter of every file, so that sides declared in a later file are known.
    let mut shortcodes: Vec<(String, String)> = Vec::new();
    for ((name, text), lexed) in files.iter().zip(&lexed) {
        let mut sink = Sink {
            file: FileName::new(name.as_ref()),
            lines: &lexed.lines.raw,
            diagnostics,
            shortcodes: &[],
            text: Str::new(),
        };
        report_lex_problems(&lexed.problems, &mut sink);
        report_control_characters(text.as_ref(), &lexed.lines.raw, &mut sink);
        if let Some(block) = &lexed.frontmatter {
            let mut fm = frontmatter::read(block, &mut sink);
            shortcodes.append(&mut fm.shortcodes);
            b.merge_frontmatter(fm, &mut sink);
        }
    }
    for (file, ((name, text), lexed)) in files.iter().zip(&lexed).enumerate() {
        let mut sink = Sink {
            file: FileName::new(name.as_ref()),
            lines: &lexed.lines.raw,
            diagnostics,
            shortcodes: &shortcodes,
            text: text.shared(),
        };
        if let Some(block) = &lexed.frontmatter {
            frontmatter_layout(block, &lexed.lines, &mut sink);
        }
        // About one node and one relation per line at most (an element starts a line):
        // room for them at once, rather than growing the graph step by step (each step leaves
        // the old buffer behind). Room never used is never touched, but it must be granted: a
        // file of blank lines asked for 224 bytes per line and aborted, so the room asked for
        // at once is capped, and a larger map grows.
        let lines = lexed.lines.len().min(RESERVED_AT_MOST);
        b.map.reserve(lines, lines);
        b.defined.reserve(lines);
        let mut state = FileState {
            file,
            nodes: Vec::with_capacity(lines),
            ..FileState::default()
        };
        parser::parse(lexed, &mut sink, |item, sink| {
            b.add_item(item, &mut state, sink);
        });
        sink.diagnostics.append(&mut state.deferred);
    }
    let names: Vec<(&str, &LineStarts<'_>)> = files
        .iter()
        .zip(&lexed)
        .map(|((name, _), lexed)| (name.as_ref(), &lexed.lines.raw))
        .collect();
    b.finish(&names, diagnostics)
}

/// Argdown needs a blank line after the frontmatter, and something after it.
fn frontmatter_layout(
    block: &lexer::FrontmatterBlock,
    lines: &lexer::Lines<'_>,
    sink: &mut Sink<'_>,
) {
    let after = (block.last_line..lines.len()).filter_map(|i| lines.get(i));
    match after.into_iter().position(|l| !l.trim().is_empty()) {
        Some(0) => sink.report(
            Code::BlankLineNeeded,
            "Argdown needs a blank line after the frontmatter",
            Pos {
                line: block.last_line + 1,
                column: 1,
            },
            1,
            Some(
                "counterpoint reads this, but the Argdown tools reject it: add an empty line above"
                    .into(),
            ),
        ),
        Some(_) => {}
        None => sink.report(
            Code::BlankLineNeeded,
            "Argdown rejects a file with nothing after the frontmatter",
            Pos {
                line: block.last_line,
                column: 1,
            },
            3,
            Some(
                "counterpoint reads this, but the Argdown tools reject it: add a blank line and \
                 a statement after the frontmatter"
                    .into(),
            ),
        ),
    }
}

/// Whether `line` may hold a control character: a byte below a space other than a tab, DEL, or
/// the first byte of U+0080 to U+00BF (C1 characters among them). Read 64 bytes at a time,
/// without branches, as most lines hold none.
fn may_hold_control(line: &str) -> bool {
    may_hold_control_bytes(line.as_bytes(), false)
}

/// [`may_hold_control`] on bytes, passing over `\n` and `\r` too when `line_ends` (for a whole
/// text, whose line ends are no control characters of a line).
fn may_hold_control_bytes(bytes: &[u8], line_ends: bool) -> bool {
    bytes.chunks(64).any(|chunk| {
        chunk.iter().fold(false, |any, &b| {
            let end = line_ends & ((b == b'\n') | (b == b'\r'));
            any | ((b < b' ') & (b != b'\t') & !end) | (b == 0x7f) | (b == 0xc2)
        })
    })
}

/// The first control character of each line of `text` (see [`crate::text::control`]): one error
/// per line, so that a line full of them costs one diagnostic.
fn report_control_characters(text: &str, lines: &LineStarts<'_>, sink: &mut Sink<'_>) {
    // The whole text (`lines` are its lines) at once first: line ends (`\n`, `\r`) aside, the
    // bytes `may_hold_control` looks for are in no line when they are nowhere, as in nearly
    // every file.
    if !may_hold_control_bytes(text.as_bytes(), true) {
        return;
    }
    for (n, line) in lines.iter().enumerate() {
        if !may_hold_control(line) {
            continue;
        }
        if let Some((column, c)) = crate::text::control::find(line) {
            let pos = Pos {
                line: n + 1,
                column: column + 1,
            };
            sink.place(Diagnostic::control_character("the text", c), pos, 1);
        }
    }
}

fn report_lex_problems(problems: &[LexProblem], sink: &mut Sink<'_>) {
    for p in problems {
        match p {
            LexProblem::UnclosedFrontmatter(pos) => sink.report(
                Code::Syntax,
                "the frontmatter is never closed",
                *pos,
                3,
                Some("end the frontmatter with a line `===`".into()),
            ),
            LexProblem::UnclosedComment(pos, what) => sink.report(
                Code::Syntax,
                format!("the comment `{what}` is never closed"),
                *pos,
                what.len(),
                Some(format!(
                    "close it with `{}`; the text after it was read as text",
                    if *what == "/*" { "*/" } else { "-->" }
                )),
            ),
        }
    }
}

/// `text` as a [`Str`]: sharing the file's bytes when it is borrowed from them.
fn shared(sink: &Sink<'_>, text: Cow<'_, str>) -> Str {
    match text {
        Cow::Borrowed(t) => sink.share(t),
        Cow::Owned(t) => Str::from(t),
    }
}

/// Whether some occurrence gave node `ix` a text.
fn is_defined(defined: &[bool], ix: NodeIndex) -> bool {
    defined.get(ix.index()).copied().unwrap_or(false)
}

/// Records that an occurrence gave node `ix` a text.
fn set_defined(defined: &mut Vec<bool>, ix: NodeIndex) {
    let i = ix.index();
    if defined.len() <= i {
        defined.resize(i + 1, false);
    }
    defined[i] = true;
}

fn describe_side(s: &Side) -> String {
    match &s.color {
        Some(c) => format!("label {:?}, color {:?}", s.label, c),
        None => format!("label {:?}", s.label),
    }
}

/// E009 for a camp or source declared again with other content at `pos` (first at `first`).
fn declared_twice(sink: &mut Sink<'_>, what: &str, id: &str, first: &str, pos: Pos) {
    sink.report(
        Code::FrontmatterConflict,
        format!("{what} {id:?} is declared twice with different content"),
        pos,
        id.chars().count(),
        Some(format!(
            "first declared at {first}; declare each {what} once, or the same way everywhere"
        )),
    );
}

impl Builder {
    fn merge_frontmatter(&mut self, fm: frontmatter::Frontmatter, sink: &mut Sink<'_>) {
        if let Some((title, pos)) = fm.title {
            match (&self.map.title, &self.title_decl) {
                (Some(old), Some(decl)) if *old != title => sink.report(
                    Code::FrontmatterConflict,
                    format!("the map's title is declared twice: {old:?} and {title:?}"),
                    pos,
                    5,
                    Some(format!(
                        "first declared at {}:{}; keep one title",
                        decl.file, decl.line
                    )),
                ),
                (Some(_), _) => {}
                _ => {
                    self.map.title = Some(title);
                    self.title_decl = Some(Declared {
                        file: sink.file.to_string(),
                        line: pos.line,
                    });
                }
            }
        }
        for (side, pos) in fm.sides {
            match self.map.sides.iter().find(|s| s.id == side.id) {
                Some(old) if *old != side => {
                    let first = self
                        .side_decl
                        .get(&side.id)
                        .map(|d| format!("{}:{}", d.file, d.line))
                        .unwrap_or_default();
                    sink.report(
                        Code::FrontmatterConflict,
                        format!(
                            "side {:?} is declared twice with different content",
                            side.id
                        ),
                        pos,
                        side.id.chars().count(),
                        Some(format!(
                            "first declared at {first} with {}; here with {}",
                            describe_side(old),
                            describe_side(&side)
                        )),
                    );
                }
                Some(_) => {}
                None => {
                    self.side_decl.insert(
                        side.id.clone(),
                        Declared {
                            file: sink.file.to_string(),
                            line: pos.line,
                        },
                    );
                    self.map.sides.push(side);
                }
            }
        }
        let file = sink.file;
        let origin = |pos: Pos| Origin {
            file,
            line: u32::try_from(pos.line).unwrap_or(u32::MAX),
            column: u32::try_from(pos.column).unwrap_or(u32::MAX),
        };
        if let Some((motion, pos)) = fm.motion {
            match (&self.map.motion, &self.map.motion_origin) {
                (Some(old), first) if *old != motion => {
                    let first = first
                        .as_ref()
                        .map(|o| format!("{}:{}", o.file, o.line))
                        .unwrap_or_default();
                    sink.report(
                        Code::FrontmatterConflict,
                        format!("the motion is declared twice: {old:?} and {motion:?}"),
                        pos,
                        6,
                        Some(format!(
                            "first declared at {first}; a debate has one motion"
                        )),
                    );
                }
                (Some(_), _) => {}
                (None, _) => {
                    self.map.motion = Some(motion);
                    self.map.motion_origin = Some(origin(pos));
                }
            }
        }
        for (mut camp, pos) in fm.camps {
            match self.map.camps.iter().find(|c| c.id == camp.id) {
                Some(old) if *old != camp => {
                    let first = old
                        .origin
                        .as_ref()
                        .map(|o| format!("{}:{}", o.file, o.line))
                        .unwrap_or_default();
                    declared_twice(sink, "camp", &camp.id, &first, pos);
                }
                Some(_) => {}
                None => {
                    camp.origin = Some(origin(pos));
                    self.map.camps.push(camp);
                }
            }
        }
        for (source, pos) in fm.sources {
            match self.map.sources.iter().find(|s| s.id == source.id) {
                Some(old) if *old != source => {
                    let first = self
                        .source_decl
                        .get(&source.id)
                        .map(|d| format!("{}:{}", d.file, d.line))
                        .unwrap_or_default();
                    declared_twice(sink, "source", &source.id, &first, pos);
                }
                Some(_) => {}
                None => {
                    self.source_decl.insert(
                        source.id.clone(),
                        Declared {
                            file: sink.file.to_string(),
                            line: pos.line,
                        },
                    );
                    self.map.sources.push(source);
                }
            }
        }
    }

    fn declared_sides(&self) -> String {
        if self.map.sides.is_empty() {
            "the frontmatter declares no sides; add `sides: {id: {label: ...}}`".to_string()
        } else {
            let ids: Vec<&str> = self.map.sides.iter().map(|s| s.id.as_str()).collect();
            format!("declared sides are: {}", ids.join(", "))
        }
    }

    /// Adds one item of the file `f` is about.
    fn add_item(&mut self, item: Item<'_>, f: &mut FileState, sink: &mut Sink<'_>) {
        match item {
            Item::PcsStart { owner, pos } => {
                let owner = owner.and_then(|i| f.nodes.get(i).and_then(|n| n.node()));
                let argument = match owner {
                    Some(ix) => Some(ix),
                    None => {
                        let section = f.sections.last().map(|(_, id)| id.clone());
                        self.untitled_argument(section, sink.origin(pos))
                    }
                };
                f.pcs = argument.map(|argument| PcsBuild {
                    argument,
                    entries: Vec::new(),
                });
                f.nodes.push(ItemNode::new(argument, false));
            }
            Item::PcsEnd => {
                if let Some(b) = f.pcs.take() {
                    self.finish_pcs(b);
                }
                f.nodes.push(ItemNode::NONE);
            }
            Item::Heading(heading) => {
                let parser::Heading {
                    level,
                    title,
                    side,
                    pos: _,
                } = heading;
                while f.sections.last().is_some_and(|(l, _)| *l >= level) {
                    f.sections.pop();
                }
                let id = format!("s{}", self.map.sections.len() + 1);
                let side = match side {
                    Some((s, _)) if self.map.side(&s).is_some() => Some(s),
                    Some((s, pos)) => {
                        let help = self.declared_sides();
                        f.deferred.push(sink.diagnostic(
                            Code::UnknownSide,
                            format!("unknown side {s:?}"),
                            pos,
                            s.chars().count(),
                            Some(help),
                        ));
                        None
                    }
                    None => None,
                };
                self.map.sections.push(Section {
                    id: id.clone(),
                    title,
                    level,
                    parent: f.sections.last().map(|(_, id)| id.to_string()),
                    side,
                });
                f.sections.push((level, Str::from(id)));
                f.nodes.push(ItemNode::NONE);
            }
            Item::Element(mut e) => {
                let section = f.sections.last().map(|(_, id)| id);
                let (role, parent, pos) = (e.pcs.take(), e.parent, e.pos);
                let ix = self.element(e, section, f.file, sink);
                let conclusion = role.as_ref().is_some_and(|r| r.conclusion);
                if let (Some(role), Some(ix), Some(b)) = (role, ix, f.pcs.as_mut()) {
                    b.entries.push(PcsEntry {
                        statement: ix,
                        conclusion: role.conclusion,
                        inference: role.inference,
                        origin: sink.origin(pos),
                    });
                }
                if let (Some((parent, mark)), Some(ix)) = (parent, ix) {
                    let item = f.nodes.get(parent).copied().unwrap_or(ItemNode::NONE);
                    if let Some(p) = item.node() {
                        let under_conclusion = item.conclusion();
                        let (from, mut to) = if mark.child_to_parent {
                            (ix, p)
                        } else {
                            (p, ix)
                        };
                        // An undercut written under a conclusion of a premise-conclusion
                        // structure undercuts the argument's inference (Argdown's rule).
                        if mark.relation == Relation::Undercuts
                            && mark.child_to_parent
                            && under_conclusion
                        {
                            if let Some(b) = &f.pcs {
                                to = b.argument;
                            }
                        }
                        self.map.relate(
                            from,
                            to,
                            Edge {
                                relation: mark.relation,
                                origin: Some(sink.origin(mark.pos)),
                            },
                        );
                    }
                }
                f.nodes.push(ItemNode::new(ix, conclusion));
            }
        }
    }

    /// A new argument `Untitled N` for a premise-conclusion structure that follows no argument.
    fn untitled_argument(&mut self, section: Option<Str>, at: Origin) -> Option<NodeIndex> {
        self.untitled += 1;
        let node = Node {
            section,
            origin: Some(at),
            ..Node::argument(format!("Untitled {}", self.untitled), "")
        };
        let ix = self.map.add_node(node).ok()?;
        set_defined(&mut self.defined, ix);
        Some(ix)
    }

    /// Records a premise-conclusion structure on its argument (`data.pcs`) and relates the
    /// argument to its main conclusion: the argument supports it.
    fn finish_pcs(&mut self, b: PcsBuild) {
        let last = b.entries.len().saturating_sub(1);
        let mut list = Vec::with_capacity(b.entries.len());
        for (k, entry) in b.entries.iter().enumerate() {
            let role = match (entry.conclusion, k == last) {
                (true, true) => "main-conclusion",
                (true, false) => "intermediary-conclusion",
                (false, _) => "premise",
            };
            let mut o = serde_json::Map::new();
            o.insert("role".into(), role.into());
            o.insert(
                "statement".into(),
                self.map.node(entry.statement).id.clone().into(),
            );
            if entry.conclusion && !entry.inference.is_empty() {
                o.insert("inference".into(), entry.inference.clone().into());
            }
            list.push(serde_json::Value::Object(o));
        }
        let argument = self.map.node_mut(b.argument);
        if argument.data.contains_key("pcs") {
            return;
        }
        argument
            .data
            .insert("pcs".into(), serde_json::Value::Array(list));
        if let Some(conclusion) = b.entries.last().filter(|e| e.conclusion) {
            self.map.relate(
                b.argument,
                conclusion.statement,
                Edge {
                    relation: Relation::Supports,
                    origin: Some(conclusion.origin),
                },
            );
        }
    }

    /// Adds one occurrence of an element, written in file `file` in section `section`;
    /// returns its node.
    fn element(
        &mut self,
        e: ElementItem<'_>,
        section: Option<&Str>,
        file: usize,
        sink: &Sink<'_>,
    ) -> Option<NodeIndex> {
        let title = match e.title {
            Some(t) => shared(sink, t),
            None => {
                self.untitled += 1;
                Str::from(format!("Untitled {}", self.untitled))
            }
        };
        // The id as written around the title (`[Title]`), else made.
        let (open, close) = e.element.brackets();
        let id = title
            .widened(open, close)
            .unwrap_or_else(|| Str::from(e.element.id_for(&title)));
        let mut here = Some(sink.origin(e.pos));
        // The text goes into the node as it is made when this occurrence defines it.
        let mut text = Some(e.scanned.text);
        let (ix, new) = self
            .map
            .find_or_add(&id, || Node {
                id: id.clone(),
                element: e.element,
                title,
                text: match text.take_if(|_| e.defines) {
                    Some(t) => shared(sink, t),
                    None => Str::new(),
                },
                side: None,
                tags: Default::default(),
                citations: Default::default(),
                section: section.cloned(),
                data: Default::default(),
                origin: here.take(),
            })
            .ok()?;
        let node = self.map.node_mut(ix);
        if e.defines {
            if !is_defined(&self.defined, ix) {
                if let Some(t) = text {
                    node.text = shared(sink, t);
                }
                // A node made by this occurrence has its place and section already.
                if !new {
                    node.origin = here;
                    node.section = section.cloned();
                }
                set_defined(&mut self.defined, ix);
                if let Some(rare) = self.rare.get_mut(&ix) {
                    rare.undefined_at = None;
                }
            } else if let Some(t) = text.filter(|t| node.text.is_empty() && !t.is_empty()) {
                node.text = shared(sink, t);
            }
        } else if !is_defined(&self.defined, ix)
            && self.rare.get(&ix).is_none_or(|r| r.undefined_at.is_none())
        {
            self.rare.entry(ix).or_default().undefined_at = Some(Reference {
                file,
                pos: e.pos,
                len: e.len,
            });
        }
        if node.tags.is_empty() {
            node.tags = e.scanned.tags;
        } else {
            for tag in e.scanned.tags {
                let seen = &mut self.rare.entry(ix).or_default().seen_tags;
                text::push_tag(&mut node.tags, seen, tag);
            }
        }
        let Some(meta) = e.meta else {
            return Some(ix);
        };
        let meta = *meta;
        if let Some((side, _)) = meta.side {
            let rare = self.rare.entry(ix).or_default();
            if rare.explicit_side.is_none() {
                rare.explicit_side = Some(side);
            }
        }
        if node.citations.is_empty() {
            node.citations = meta.citations.into();
        } else {
            node.citations.extend(meta.citations);
        }
        for (k, v) in meta.data {
            if !node.data.contains_key(&k) {
                node.data.insert(k, v);
            }
        }
        Some(ix)
    }

    /// Resolves sides, gives the W001 warnings, returns the map. `files` are the files' names
    /// and lines as written.
    fn finish(
        mut self,
        files: &[(&str, &LineStarts<'_>)],
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Map {
        let indices: Vec<NodeIndex> = self.map.nodes().map(|(ix, _)| ix).collect();
        // One shared string per side id, so that nodes on a side do not each copy its id.
        let mut sides: HashMap<String, Str> = HashMap::new();
        let mut intern = |id: String| {
            sides
                .entry(id)
                .or_insert_with_key(|k| Str::from(k.as_str()))
                .clone()
        };
        let section_side: HashMap<String, Option<String>> = {
            // Each section's own side, else its nearest ancestor's (sections come parents first).
            let mut resolved: HashMap<String, Option<String>> = HashMap::new();
            for s in &self.map.sections {
                let inherited = s
                    .parent
                    .as_ref()
                    .and_then(|p| resolved.get(p).cloned().flatten());
                resolved.insert(s.id.clone(), s.side.clone().or(inherited));
            }
            resolved
        };
        // The side of the last section looked up (nodes of a section mostly come together).
        let mut last_section: Option<(Str, Option<String>)> = None;
        for ix in indices {
            let rare = self.rare.remove(&ix).unwrap_or_default();
            if let Some(at) = rare.undefined_at {
                let id = &self.map.node(ix).id;
                let (file, line) = files.get(at.file).map_or(("", None), |&(file, lines)| {
                    (file, lines.get(at.pos.line.saturating_sub(1)))
                });
                diagnostics.push(
                    Diagnostic::new(
                        Code::UndefinedReference,
                        format!("{id} is referenced but never defined"),
                    )
                    .at_line(file, line, at.pos.line, at.pos.column)
                    .with_length(at.len)
                    .with_help(format!("define it once with `{id}: text`")),
                );
            }
            let node = self.map.node(ix);
            let side = rare
                .explicit_side
                .or_else(|| {
                    node.tags
                        .iter()
                        .find(|t| self.map.side(t).is_some())
                        .cloned()
                })
                .or_else(|| {
                    let section = node.section.as_ref()?;
                    match &last_section {
                        Some((id, side)) if id == section => side.clone(),
                        _ => {
                            let side = section_side.get(section.as_str()).cloned().flatten();
                            last_section = Some((section.clone(), side.clone()));
                            side
                        }
                    }
                });
            self.map.node_mut(ix).side = side.map(&mut intern);
        }
        self.map
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_room_made_before_reading_is_capped() {
        // A file of blank lines: room for a node per line asked for 224 bytes per line (a
        // 120 MB file asked for 27 GB and aborted).
        let text = "\n".repeat(RESERVED_AT_MOST + 1000);
        let mut diagnostics = Vec::new();
        let map = build(&[("blank.argdown", text.as_str())], &mut diagnostics);
        assert_eq!(map.node_count(), 0);
        let (nodes, edges) = map.capacity();
        assert!(
            nodes <= RESERVED_AT_MOST && edges <= RESERVED_AT_MOST,
            "{nodes} {edges}"
        );
    }

    #[test]
    fn an_item_node_keeps_its_node_and_conclusion_apart() {
        assert_eq!(std::mem::size_of::<ItemNode>(), 4);
        for (ix, conclusion) in [(0, false), (0, true), (7, true), ((1 << 31) - 2, true)] {
            let item = ItemNode::new(Some(NodeIndex::new(ix)), conclusion);
            assert_eq!(item.node(), Some(NodeIndex::new(ix)));
            assert_eq!(item.conclusion(), conclusion);
        }
        let none = ItemNode::new(None, true);
        assert_eq!((none.node(), none.conclusion()), (None, false));
        // An index that would collide with NONE is no node rather than a wrong one.
        let far = ItemNode::new(Some(NodeIndex::new((1 << 31) - 1)), true);
        assert_eq!(far, ItemNode::NONE);
    }
}
