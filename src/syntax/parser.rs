//! The second pass over a file: reads its lines (comments already blanked out) into headings and
//! elements, each element with its parent relation. Indentation is tracked with an explicit
//! stack; after an error the parser goes on with the next line.
//!
//! Each item is handed on as soon as it is complete (nothing holds all the items of a file),
//! and borrows from the lines what it can: the title, and the text when it needs no rewriting.

use std::borrow::Cow;

use crate::diagnostic::Code;
use crate::model::{Element, Relation};

use super::lexer::{Lexed, Pos};
use super::metadata::{self, Meta};
use super::sink::Sink;
use super::text::{self, Scanned, Segment};

/// How a relation line relates its element to the parent above it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mark {
    pub(crate) relation: Relation,
    /// `true` when the child speaks about the parent (`+ - _ <+ <- <_`), `false` when the
    /// parent speaks about the child (`+> -> _> ><`).
    pub(crate) child_to_parent: bool,
    pub(crate) pos: Pos,
}

/// A statement or argument as written at one place.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ElementItem<'a> {
    pub(crate) element: Element,
    /// `None` for an untitled statement (plain text); whitespace collapsed.
    pub(crate) title: Option<Cow<'a, str>>,
    /// Whether this occurrence gives a text (`[T]: text` or plain text) rather than referring.
    pub(crate) defines: bool,
    /// The text and tags; its raw metadata has been read into `meta` (`scanned.meta` is `None`).
    pub(crate) scanned: Scanned<'a>,
    /// What its metadata says; `None` when it has none (boxed: most elements have none).
    pub(crate) meta: Option<Box<Meta>>,
    /// Where the element starts (`[`, `<` or the text).
    pub(crate) pos: Pos,
    /// How many characters the title takes (`[T]` or `<T>`), for carets.
    pub(crate) len: usize,
    /// The parent element (the index of its item: items are numbered from 0 in each file, in
    /// the order they are handed on) and the relation to it.
    pub(crate) parent: Option<(usize, Mark)>,
    /// Set when the element is a statement of a premise-conclusion structure.
    pub(crate) pcs: Option<PcsRole>,
}

/// The place of a statement in a premise-conclusion structure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PcsRole {
    /// Whether it follows an inference rule (a conclusion) or not (a premise).
    pub(crate) conclusion: bool,
    /// For a conclusion: the text of the inference rule above it (`-- Modus ponens --`).
    pub(crate) inference: String,
}

/// A heading: its level, title, `{side: ..}` and place.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Heading {
    pub(crate) level: u8,
    pub(crate) title: String,
    pub(crate) side: Option<(String, Pos)>,
    pub(crate) pos: Pos,
}

/// A heading or an element.
#[derive(Debug, Clone, PartialEq)]
// Items are handed on one at a time, never stored: not boxing the large variant saves an
// allocation per element.
#[allow(clippy::large_enum_variant)]
pub(crate) enum Item<'a> {
    Heading(Heading),
    Element(ElementItem<'a>),
    /// A premise-conclusion structure begins; it belongs to the argument at this item index,
    /// or, when `None`, to a new untitled argument.
    PcsStart {
        owner: Option<usize>,
        pos: Pos,
    },
    /// The premise-conclusion structure begun last is complete.
    PcsEnd,
}

/// What a line starts with.
enum Line<'a> {
    Heading(usize),
    /// `(n)`: a statement of a premise-conclusion structure; the number's length in bytes.
    PcsStatement(usize),
    /// `--`: an inference rule of a premise-conclusion structure.
    Inference,
    /// `* ` or `1. `: an item of a list; the marker's length in bytes.
    ListItem(usize),
    Relation(Mark, usize),
    Element(&'a str),
    Text,
}

/// An element whose text may go on over the following lines (its lines are the parser's
/// `segments`).
struct Pending<'a> {
    element: Element,
    title: Option<Cow<'a, str>>,
    defines: bool,
    is_reference: bool,
    pos: Pos,
    len: usize,
    parent: Option<(usize, Mark)>,
    /// How many `{` of metadata are open at the end of the last segment (lines inside open
    /// metadata belong to it, whatever they look like).
    braces: Braces,
    pcs: Option<PcsRole>,
}

/// A premise-conclusion structure being read.
struct Pcs {
    start: Pos,
    /// The index of its `PcsStart` item (relations under an inference rule relate to the
    /// argument it starts).
    item: usize,
    /// The text of an inference rule read since the last statement (the next statement is a
    /// conclusion).
    inference: Option<String>,
    /// Whether the last statement read was a conclusion.
    last_is_conclusion: bool,
}

/// An inference rule spanning lines (`--` ... `--`), being read.
struct OpenInference {
    pos: Pos,
    text: String,
}

/// Tracks `{`/`}` nesting (outside YAML quotes, after `\` escapes) over an element's lines.
#[derive(Default, Clone, Copy)]
struct Braces {
    depth: usize,
    quote: Option<u8>,
}

impl Braces {
    /// Reads `text` on from the state reached so far. Only ASCII bytes matter (after a `\\`,
    /// the rest of a multibyte character is no brace, quote or backslash); outside metadata
    /// only `\\`, `{` and `}` do, and the reading jumps from one to the next.
    fn feed(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let mut k = 0;
        while k < bytes.len() {
            if self.depth == 0 && self.quote.is_none() {
                match bytes
                    .get(k..)
                    .and_then(|rest| memchr::memchr3(b'\\', b'{', b'}', rest))
                {
                    Some(n) => k += n,
                    None => return,
                }
            }
            let Some(&c) = bytes.get(k) else {
                return;
            };
            match self.quote {
                Some(q) => {
                    if c == b'\\' && q == b'"' {
                        k += 1;
                    } else if c == q {
                        self.quote = None;
                    }
                }
                None => match c {
                    b'\\' if self.depth == 0 => k += 1,
                    b'{' => self.depth += 1,
                    b'}' => self.depth = self.depth.saturating_sub(1),
                    b'"' | b'\'' if self.depth > 0 => self.quote = Some(c),
                    _ => {}
                },
            }
            k += 1;
        }
    }
}

/// The open relation tree: the indentation and item index of each open element.
struct Tree {
    /// (indentation, item index); the first entry is the top-level element (indentation 0).
    stack: Vec<(usize, usize)>,
    /// The character the tree's indentation is made of.
    indent_char: Option<char>,
}

struct Parser<'a, 'b, 's, F> {
    sink: &'b mut Sink<'s>,
    /// Where each complete item goes.
    emit: F,
    /// The number of items handed on so far (the index of the next one).
    count: usize,
    pending: Option<Pending<'a>>,
    /// The lines of the pending element's text (kept from one element to the next, so that
    /// reading them allocates nothing).
    segments: Vec<Segment<'a>>,
    tree: Option<Tree>,
    /// A non-blank line has been read since the last blank line.
    block_has_content: bool,
    /// The last non-blank line was a heading.
    after_heading: bool,
    /// Inside a paragraph of unsupported syntax: lines are skipped until a blank line.
    skipping: bool,
    pcs: Option<Pcs>,
    inference: Option<OpenInference>,
    /// The item index of the top-level argument that starts the current paragraph.
    paragraph_argument: Option<usize>,
    /// The same for the paragraph before the last blank line.
    previous_argument: Option<usize>,
    /// The current paragraph is a list.
    in_list: bool,
    /// A `}` comes on the current line or later in the paragraph.
    metadata_may_continue: bool,
}

/// Parses the lines of one lexed file (comments blanked, frontmatter lines blank), handing
/// each item to `emit` as soon as it is complete, in the order of the file.
pub(crate) fn parse<'a, 's>(
    lexed: &'a Lexed<'_>,
    sink: &mut Sink<'s>,
    emit: impl FnMut(Item<'a>, &mut Sink<'s>),
) {
    let mut p = Parser {
        sink,
        emit,
        count: 0,
        pending: None,
        segments: Vec::new(),
        tree: None,
        block_has_content: false,
        after_heading: false,
        skipping: false,
        pcs: None,
        inference: None,
        paragraph_argument: None,
        previous_argument: None,
        in_list: false,
        metadata_may_continue: false,
    };
    // For each line: whether a `}` comes on this line or a later one of the same paragraph
    // (open metadata takes in the lines up to its `}` only when there is one, as in Argdown).
    // First what each line is, then the answers, from the last line up.
    const BRACE: u8 = 1;
    const BREAK: u8 = 2;
    const HIDDEN: u8 = 4;
    let mut flags: Vec<u8> = lexed
        .lines
        .iter()
        .map(|(line, hidden)| {
            let mut f = 0;
            if hidden {
                f |= HIDDEN;
            } else if is_blank(line) {
                f |= BREAK;
            }
            if memchr::memchr(b'}', line.as_bytes()).is_some() {
                f |= BRACE;
            }
            f
        })
        .collect();
    let mut seen = false;
    for f in flags.iter_mut().rev() {
        if *f & BREAK != 0 {
            seen = false;
        }
        seen |= *f & BRACE != 0;
        *f = if seen { *f | BRACE } else { *f & !BRACE };
    }
    for ((n, (line, _)), f) in lexed.lines.iter().enumerate().zip(flags) {
        if f & HIDDEN != 0 {
            continue;
        }
        p.metadata_may_continue = f & BRACE != 0;
        p.line(n + 1, line, f & BREAK != 0);
    }
    p.end_paragraph();
}

/// Whether `s` is empty or all whitespace (read by bytes up to the first that is not ASCII
/// whitespace).
fn is_blank(s: &str) -> bool {
    match s.bytes().position(|b| !matches!(b, b'\t'..=b'\r' | b' ')) {
        None => true,
        Some(k) => {
            let rest = s.get(k..).unwrap_or("");
            !rest.starts_with(|c: char| c.is_ascii()) && rest.chars().all(char::is_whitespace)
        }
    }
}

/// The length of `s` in characters (its length in bytes when it is ASCII, as most are).
fn chars_len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

/// The relation marker at the start of `body`, and its length in characters.
fn relation_marker(body: &str) -> Option<(Relation, bool, usize)> {
    let after = |n: usize| body.get(n..).unwrap_or("");
    let table: [(&str, Relation, bool); 9] = [
        ("+>", Relation::Supports, false),
        ("->", Relation::Rebuts, false),
        ("<+", Relation::Supports, true),
        ("+", Relation::Supports, true),
        ("<-", Relation::Rebuts, true),
        ("-", Relation::Rebuts, true),
        ("><", Relation::Contradicts, false),
        ("_>", Relation::Undercuts, false),
        ("<_", Relation::Undercuts, true),
    ];
    for (marker, relation, child_to_parent) in table {
        if body.starts_with(marker) {
            return Some((relation, child_to_parent, marker.len()));
        }
    }
    if body.starts_with('_') && after(1).chars().next().is_none_or(char::is_whitespace) {
        return Some((Relation::Undercuts, true, 1));
    }
    None
}

/// Classifies a line by its start. `body` is the line without its indentation.
fn classify(body: &str, indent: usize, line: usize) -> Line<'_> {
    let hashes = body.chars().take_while(|&c| c == '#').count();
    if hashes > 0 && body.chars().nth(hashes) == Some(' ') {
        return Line::Heading(hashes);
    }
    if body.starts_with("--") {
        return Line::Inference;
    }
    let digits = body.chars().take_while(char::is_ascii_digit).count();
    if body.starts_with('(') {
        let d = body
            .chars()
            .skip(1)
            .take_while(char::is_ascii_digit)
            .count();
        if d > 0 && body.chars().nth(d + 1) == Some(')') {
            return Line::PcsStatement(d + 2);
        }
    }
    let next_is_space = |n: usize| body.chars().nth(n).is_none_or(char::is_whitespace);
    if digits > 0 && body.chars().nth(digits) == Some('.') && next_is_space(digits + 1) {
        return Line::ListItem(digits + 1);
    }
    if body.starts_with('*') && next_is_space(1) {
        return Line::ListItem(1);
    }
    if let Some((relation, child_to_parent, len)) = relation_marker(body) {
        return Line::Relation(
            Mark {
                relation,
                child_to_parent,
                pos: Pos {
                    line,
                    column: indent + 1,
                },
            },
            len,
        );
    }
    if element_start(body).is_some() {
        return Line::Element(body);
    }
    Line::Text
}

/// The start of an element: `[T]:`, `[T]`, `<T>:` or `<T>` (not a Markdown link).
/// Returns (element, title as written, defines, length of the opener in characters).
fn element_start(body: &str) -> Option<(Element, &str, bool, usize)> {
    let (element, close) = match body.chars().next()? {
        '[' => (Element::Statement, ']'),
        '<' => (Element::Argument, '>'),
        _ => return None,
    };
    let inner = body.get(1..)?;
    if inner.starts_with('-') {
        return None;
    }
    let end = inner.find(close)?;
    let title = inner.get(..end)?;
    let after = inner.get(end + 1..).unwrap_or("");
    if element == Element::Statement && after.starts_with('(') && after.contains(')') {
        return None; // a Markdown link
    }
    let defines = after.starts_with(':');
    let len = chars_len(title) + 2 + usize::from(defines);
    Some((element, title, defines, len))
}

impl<'a, 's, F: FnMut(Item<'a>, &mut Sink<'s>)> Parser<'a, '_, 's, F> {
    /// Hands `item` on.
    fn emit(&mut self, item: Item<'a>) {
        (self.emit)(item, self.sink);
        self.count += 1;
    }

    /// Reads line `n`, `line`, which is `blank` or not.
    fn line(&mut self, n: usize, line: &'a str, blank: bool) {
        if blank {
            self.end_paragraph();
            if self.block_has_content {
                self.previous_argument = self.paragraph_argument.take();
            }
            self.block_has_content = false;
            self.after_heading = false;
            self.skipping = false;
            self.in_list = false;
            return;
        }
        if self.skipping {
            return;
        }
        if let Some(pending) = &mut self.pending {
            if pending.braces.depth > 0 && self.metadata_may_continue {
                pending.braces.feed(line);
                self.segments.push(Segment {
                    pos: Pos { line: n, column: 1 },
                    text: line.trim_end(),
                });
                return;
            }
        }
        if self.inference.is_some() {
            self.inference_line(line);
            return;
        }
        let body = line.trim_start_matches([' ', '\t']);
        let indent_str = line.get(..line.len() - body.len()).unwrap_or("");
        let indent = chars_len(indent_str);
        let body = body.trim_end();
        let pos = Pos {
            line: n,
            column: indent + 1,
        };
        match classify(body, indent, n) {
            Line::Heading(level) => {
                self.end_paragraph();
                self.blank_line_check(pos, "a heading");
                self.heading(level, body, pos);
                self.block_has_content = true;
                self.after_heading = true;
                self.in_list = false;
                self.paragraph_argument = None;
                self.previous_argument = None;
            }
            Line::PcsStatement(number_len) => self.pcs_statement(body, number_len, pos),
            Line::Inference => self.inference_start(body, pos),
            Line::ListItem(marker_len) => {
                self.end_paragraph();
                if !self.in_list {
                    self.blank_line_check(pos, "a list");
                }
                let rest = body.get(marker_len..).unwrap_or("");
                let ws = rest.chars().take_while(|c| c.is_whitespace()).count();
                let target_pos = Pos {
                    line: pos.line,
                    column: pos.column + marker_len + ws,
                };
                let target = rest.trim_start();
                if target.is_empty() {
                    self.sink.report(
                        Code::Syntax,
                        "an empty list item",
                        pos,
                        marker_len,
                        Some("write a statement or argument after the marker".into()),
                    );
                    return;
                }
                self.top_level(target, target_pos, None);
                self.in_list = true;
                self.paragraph_argument = None;
            }
            Line::Relation(mark, len) => {
                self.finish_pending();
                if self.after_heading {
                    self.blank_line_check(pos, "a relation");
                }
                self.relation(indent_str, indent, mark, len, body, pos);
                self.block_has_content = true;
                self.after_heading = false;
            }
            Line::Element(body) => {
                if indent > 0 && self.tree.is_some() {
                    self.finish_pending();
                    self.sink.report(
                        Code::Syntax,
                        "an element inside a relation tree needs a relation marker",
                        pos,
                        1,
                        Some(
                            "start the line with `+`, `-`, `_`, `<+`, `+>`, ... to relate it to \
                             the element above, or leave a blank line before it"
                                .into(),
                        ),
                    );
                } else {
                    self.end_paragraph();
                    self.blank_line_check(pos, "a new top-level element");
                }
                self.new_paragraph_element(body, pos);
            }
            Line::Text => {
                if let Some(pending) = &mut self.pending {
                    pending.braces.feed(line);
                    self.segments.push(Segment {
                        pos: Pos { line: n, column: 1 },
                        text: line.trim_end(),
                    });
                    self.block_has_content = true;
                    return;
                }
                self.end_paragraph();
                self.blank_line_check(pos, "a new top-level element");
                self.new_paragraph_element(body, pos);
            }
        }
    }

    /// A top-level element; remembers whether the paragraph starts with an argument (a
    /// premise-conclusion structure in the next paragraph belongs to it).
    fn new_paragraph_element(&mut self, body: &'a str, pos: Pos) {
        self.in_list = false;
        let starts_paragraph = !self.block_has_content || self.paragraph_argument.is_none();
        let index = self.count;
        self.top_level(body, pos, None);
        if starts_paragraph {
            let is_argument = self
                .pending
                .as_ref()
                .is_some_and(|p| p.element == Element::Argument && p.title.is_some());
            self.paragraph_argument = is_argument.then_some(index);
        }
    }

    /// Ends what is open: the element being read, its relation tree, a premise-conclusion
    /// structure.
    fn end_paragraph(&mut self) {
        self.finish_pending();
        self.tree = None;
        if let Some(inference) = self.inference.take() {
            self.sink.report(
                Code::Syntax,
                "an inference rule that is never closed",
                inference.pos,
                2,
                Some(
                    "end the inference rule with `--` (e.g. `-- Modus ponens --`, or `----`)"
                        .into(),
                ),
            );
        }
        if let Some(pcs) = self.pcs.take() {
            if !pcs.last_is_conclusion {
                self.sink.report(
                    Code::Syntax,
                    "a premise-conclusion structure must end with a conclusion",
                    pcs.start,
                    1,
                    Some(
                        "put an inference rule (`----`) before the last statement, and no blank \
                         line inside the structure"
                            .into(),
                    ),
                );
            }
            self.emit(Item::PcsEnd);
        }
    }

    /// `(n) statement`: starts or continues a premise-conclusion structure.
    fn pcs_statement(&mut self, body: &'a str, number_len: usize, pos: Pos) {
        self.finish_pending();
        self.tree = None;
        if self.pcs.is_none() {
            let owner = if self.block_has_content {
                self.blank_line_check(pos, "a premise-conclusion structure");
                let owner = self.paragraph_argument;
                self.end_paragraph();
                owner
            } else {
                self.previous_argument
            };
            self.pcs = Some(Pcs {
                start: pos,
                item: self.count,
                inference: None,
                last_is_conclusion: false,
            });
            self.emit(Item::PcsStart { owner, pos });
            self.paragraph_argument = None;
            self.previous_argument = None;
        }
        let role = match &mut self.pcs {
            Some(pcs) => {
                let inference = pcs.inference.take();
                pcs.last_is_conclusion = inference.is_some();
                PcsRole {
                    conclusion: inference.is_some(),
                    inference: inference.unwrap_or_default(),
                }
            }
            None => PcsRole {
                conclusion: false,
                inference: String::new(),
            },
        };
        let rest = body.get(number_len..).unwrap_or("");
        let ws = rest.chars().take_while(|c| c.is_whitespace()).count();
        let target = rest.trim_start();
        let target_pos = Pos {
            line: pos.line,
            column: pos.column + chars_len(body.get(..number_len).unwrap_or("")) + ws,
        };
        if target.is_empty() {
            self.sink.report(
                Code::Syntax,
                "a numbered line without a statement",
                pos,
                number_len,
                Some(
                    "write the premise or conclusion after the number: `(1) [Title]: text`".into(),
                ),
            );
            return;
        }
        if target.starts_with('<') && element_start(target).is_some() {
            self.sink.report(
                Code::Syntax,
                "an argument in a premise-conclusion structure",
                target_pos,
                1,
                Some("premises and conclusions are statements: `[Title]` or plain text".into()),
            );
        }
        self.top_level(target, target_pos, Some(role));
        self.block_has_content = true;
        self.after_heading = false;
    }

    /// `--`: an inference rule, on one line (`----`, `-- Modus ponens --`) or several.
    fn inference_start(&mut self, body: &str, pos: Pos) {
        self.finish_pending();
        self.tree = None;
        if self.pcs.as_ref().is_none_or(|p| p.inference.is_some()) {
            let message = if self.pcs.is_some() {
                "two inference rules in a row"
            } else {
                "an inference rule (`--`) outside a premise-conclusion structure"
            };
            self.sink.report(
                Code::Syntax,
                message,
                pos,
                chars_len(body),
                Some(
                    "an inference rule goes between the premises `(1) ...` and the conclusion \
                     `(2) ...` of an argument"
                        .into(),
                ),
            );
            self.end_paragraph();
            self.skipping = true;
            return;
        }
        self.block_has_content = true;
        let rest = body.get(2..).unwrap_or("");
        self.inference = Some(OpenInference {
            pos,
            text: String::new(),
        });
        self.inference_text(rest);
    }

    /// A line inside a multi-line inference rule.
    fn inference_line(&mut self, line: &str) {
        self.inference_text(line);
    }

    /// Adds `text` to the open inference rule; a `--` closes it.
    fn inference_text(&mut self, text: &str) {
        let Some(open) = &mut self.inference else {
            return;
        };
        match text.find("--") {
            Some(end) => {
                open.text.push(' ');
                open.text.push_str(text.get(..end).unwrap_or(""));
                let rule = rule_text(&open.text);
                self.inference = None;
                if let Some(pcs) = &mut self.pcs {
                    pcs.inference = Some(rule);
                    // Relations under the rule relate to the argument's inference.
                    self.tree = Some(Tree {
                        stack: vec![(0, pcs.item)],
                        indent_char: None,
                    });
                }
            }
            None => {
                open.text.push(' ');
                open.text.push_str(text);
            }
        }
    }

    /// Argdown needs a blank line before headings and top-level elements, and after headings.
    fn blank_line_check(&mut self, pos: Pos, what: &str) {
        if !self.block_has_content {
            return;
        }
        let message = if self.after_heading {
            "Argdown needs a blank line after a heading".to_string()
        } else {
            format!("Argdown needs a blank line before {what}")
        };
        self.sink.report(
            Code::BlankLineNeeded,
            message,
            pos,
            1,
            Some(
                "counterpoint reads this, but the Argdown tools reject it: add an empty line \
                 above"
                    .into(),
            ),
        );
    }

    fn heading(&mut self, level: usize, body: &'a str, pos: Pos) {
        let rest = body.get(level + 1..).unwrap_or("");
        let segment = Segment {
            pos: Pos {
                line: pos.line,
                column: pos.column + level + 1,
            },
            text: rest,
        };
        let scanned = text::scan_heading(&segment, self.sink);
        let side = scanned
            .meta
            .as_ref()
            .and_then(|raw| metadata::parse(raw, self.sink).side);
        self.emit(Item::Heading(Heading {
            level: u8::try_from(level).unwrap_or(u8::MAX),
            title: scanned.text.into_owned(),
            side,
            pos,
        }));
    }

    /// A top-level element (or untitled statement, or statement of a premise-conclusion
    /// structure) starting a new relation tree.
    fn top_level(&mut self, body: &'a str, pos: Pos, pcs: Option<PcsRole>) {
        let index = self.count;
        let mut pending = self.start(body, pos, None);
        pending.pcs = pcs;
        self.pending = Some(pending);
        self.tree = Some(Tree {
            stack: vec![(0, index)],
            indent_char: None,
        });
        self.block_has_content = true;
        self.after_heading = false;
    }

    fn relation(
        &mut self,
        indent_str: &str,
        indent: usize,
        mark: Mark,
        marker_len: usize,
        body: &'a str,
        pos: Pos,
    ) {
        let rest = body.get(marker_len..).unwrap_or("");
        let ws = rest.chars().take_while(|c| c.is_whitespace()).count();
        let target = rest.trim_start();
        let target_pos = Pos {
            line: pos.line,
            column: pos.column + marker_len + ws,
        };
        if target.is_empty() {
            self.sink.report(
                Code::Syntax,
                "a relation without a statement or argument",
                pos,
                marker_len,
                Some("write what it relates to after the marker, e.g. `+ [Title]` or `- <Title>: text`".into()),
            );
            return;
        }
        if mark.relation == Relation::Contradicts && target.starts_with('<') {
            self.sink.report(
                Code::Syntax,
                "an argument after `><`: Argdown allows contradictions only with statements",
                target_pos,
                1,
                Some(
                    "contradict a statement (`>< [Title]`), or attack the argument with `->`"
                        .into(),
                ),
            );
        }
        let parent = self.parent_for(indent_str, indent, pos);
        let index = self.count;
        self.pending = Some(self.start(target, target_pos, parent.map(|p| (p, mark))));
        if let Some(tree) = &mut self.tree {
            tree.stack.push((indent, index));
        }
    }

    /// Finds the parent of a relation line at `indent` and pops the closed levels.
    fn parent_for(&mut self, indent_str: &str, indent: usize, pos: Pos) -> Option<usize> {
        let Some(tree) = &mut self.tree else {
            self.sink.report(
                Code::OrphanRelation,
                "relation with no parent: there is no statement or argument above it",
                pos,
                1,
                Some(
                    "put the relation directly under (no blank line) the statement or argument it \
                     relates to, indented"
                        .into(),
                ),
            );
            return None;
        };
        if indent == 0 {
            self.sink.report(
                Code::OrphanRelation,
                "relation with no parent: it is not indented",
                pos,
                1,
                Some("indent the relation under the statement or argument it relates to".into()),
            );
            self.tree = None;
            return None;
        }
        let mut mixed = indent_str.contains(' ') && indent_str.contains('\t');
        let this_char = indent_str.chars().next();
        match tree.indent_char {
            None => tree.indent_char = this_char,
            Some(c) => mixed |= this_char != Some(c),
        }
        if mixed {
            self.sink.report(
                Code::Indentation,
                "tabs and spaces mixed in the indentation",
                Pos {
                    line: pos.line,
                    column: 1,
                },
                indent,
                Some("indent with spaces only".into()),
            );
        }
        // Columns of the levels closed by this line (amortised: each level is popped once).
        let mut closed: Vec<usize> = Vec::new();
        while tree.stack.len() > 1 && tree.stack.last().is_some_and(|&(i, _)| i > indent) {
            if let Some((i, _)) = tree.stack.pop() {
                closed.push(i + 1);
            }
        }
        let popped = !closed.is_empty();
        let top = tree.stack.last().copied();
        match top {
            Some((i, _)) if i == indent && tree.stack.len() > 1 => {
                tree.stack.pop();
            }
            Some(_) if popped && mixed && tree.stack.len() > 1 => {
                // Already reported as mixed indentation: read it as a sibling.
                tree.stack.pop();
            }
            Some(_) if popped && mixed => {}
            Some((i, _)) if popped && i < indent && !mixed => {
                if tree.stack.len() > 1 {
                    if let Some((i, _)) = tree.stack.last() {
                        closed.push(i + 1);
                    }
                }
                closed.sort_unstable();
                closed.dedup();
                let columns: Vec<String> = closed.iter().map(usize::to_string).collect();
                let help = format!(
                    "line it up with a relation above it: they start at column {}",
                    columns.join(" or ")
                );
                self.sink.report(
                    Code::Indentation,
                    "inconsistent indentation: this line does not line up with any relation above it",
                    pos,
                    1,
                    Some(help),
                );
                // Read it as a sibling of the last open relation, as Argdown does.
                if tree.stack.len() > 1 {
                    tree.stack.pop();
                }
            }
            _ => {}
        }
        tree.stack.last().map(|&(_, ix)| ix)
    }

    /// Begins an element from `body` at `pos` (a title, a reference or plain text).
    fn start(&mut self, body: &'a str, pos: Pos, parent: Option<(usize, Mark)>) -> Pending<'a> {
        self.segments.clear();
        match element_start(body) {
            Some((element, title, defines, len)) => {
                let title_trimmed = text::collapse_whitespace(title);
                if title_trimmed.is_empty() {
                    self.sink.report(
                        Code::Syntax,
                        "an empty title",
                        pos,
                        len,
                        Some("write a title between the brackets, e.g. `[Four days]`".into()),
                    );
                }
                let rest_start = title.len() + 2 + usize::from(defines);
                let rest = body.get(rest_start..).unwrap_or("");
                let mut braces = Braces::default();
                braces.feed(rest);
                self.segments.push(Segment {
                    pos: Pos {
                        line: pos.line,
                        column: pos.column + len,
                    },
                    text: rest,
                });
                Pending {
                    braces,
                    pcs: None,
                    element,
                    title: Some(if title_trimmed.is_empty() {
                        Cow::Borrowed("?")
                    } else {
                        title_trimmed
                    }),
                    defines,
                    is_reference: !defines,
                    pos,
                    len,
                    parent,
                }
            }
            None => {
                self.unclosed_title(body, pos);
                self.segments.push(Segment { pos, text: body });
                Pending {
                    pcs: None,
                    braces: {
                        let mut b = Braces::default();
                        b.feed(body);
                        b
                    },
                    element: Element::Statement,
                    title: None,
                    defines: true,
                    is_reference: false,
                    pos,
                    len: chars_len(body),
                    parent,
                }
            }
        }
    }

    /// An element that starts with `[` or `<` without its closing bracket on the line (a file
    /// cut off inside a title, a title broken over two lines) would be read as plain text, an
    /// untitled statement: it is an error.
    fn unclosed_title(&mut self, body: &str, pos: Pos) {
        let close = match body.chars().next() {
            Some('[') => ']',
            Some('<') => '>',
            _ => return,
        };
        if body.get(1..).is_some_and(|rest| rest.contains(close)) {
            return;
        }
        let open = if close == ']' { '[' } else { '<' };
        self.sink.report(
            Code::Syntax,
            format!("`{open}` opens a title that is never closed"),
            pos,
            chars_len(body),
            Some(format!(
                "close the title on the same line (`{open}Four days{close}: text`), or write                  `\\{open}` if the bracket is text"
            )),
        );
    }

    fn finish_pending(&mut self) {
        let Some(p) = self.pending.take() else {
            return;
        };
        let mut scanned = text::scan(&self.segments, self.sink);
        if p.is_reference && !scanned.text.is_empty() {
            let at = first_text_pos(&self.segments).unwrap_or(p.pos);
            self.sink.report(
                Code::Syntax,
                "text after a reference",
                at,
                1,
                Some(format!(
                    "to give the element a text, write a colon after the title: `{}{}{}: text`",
                    if p.element == Element::Statement {
                        '['
                    } else {
                        '<'
                    },
                    p.title.as_deref().unwrap_or(""),
                    if p.element == Element::Statement {
                        ']'
                    } else {
                        '>'
                    },
                )),
            );
        }
        // The item keeps what the metadata says, not its text (nor a place per character).
        let meta = scanned
            .meta
            .take()
            .map(|raw| Box::new(metadata::parse(&raw, self.sink)));
        self.emit(Item::Element(ElementItem {
            element: p.element,
            title: p.title,
            defines: p.defines,
            scanned,
            meta,
            pos: p.pos,
            len: p.len,
            parent: p.parent,
            pcs: p.pcs,
        }));
    }
}

/// The rule names of an inference (`Modus ponens`), without metadata, whitespace collapsed.
fn rule_text(text: &str) -> String {
    let without_meta = match text.find('{') {
        Some(i) => text.get(..i).unwrap_or(text),
        None => text,
    };
    text::collapse_whitespace(without_meta).into_owned()
}

/// The position of the first non-blank character of the segments.
fn first_text_pos(segments: &[Segment<'_>]) -> Option<Pos> {
    segments.iter().find_map(|s| {
        s.text
            .chars()
            .position(|c| !c.is_whitespace())
            .map(|n| Pos {
                line: s.pos.line,
                column: s.pos.column + n,
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `Braces::feed` as it was, by characters: the oracle for the one that reads bytes.
    fn feed_by_chars(b: &mut Braces, text: &str) {
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            match b.quote {
                Some(q) => {
                    if c == '\\' && q == b'"' {
                        chars.next();
                    } else if u32::from(c) == u32::from(q) {
                        b.quote = None;
                    }
                }
                None => match c {
                    '\\' if b.depth == 0 => {
                        chars.next();
                    }
                    '{' => b.depth += 1,
                    '}' => b.depth = b.depth.saturating_sub(1),
                    '"' | '\'' if b.depth > 0 => b.quote = Some(c as u8),
                    _ => {}
                },
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]

        #[test]
        fn braces_are_counted_as_by_characters(
            lines in prop::collection::vec("[{}\"'\\\\a é😀]{0,12}", 0..6)
        ) {
            let (mut new, mut old) = (Braces::default(), Braces::default());
            for line in &lines {
                new.feed(line);
                feed_by_chars(&mut old, line);
                prop_assert_eq!((new.depth, new.quote), (old.depth, old.quote));
            }
        }

        #[test]
        fn blank_is_all_whitespace(s in "[ \\t\\x0b\\x0c\\u{a0}\\u{2003}a.é]{0,6}") {
            prop_assert_eq!(is_blank(&s), s.trim().is_empty());
        }
    }
}
