//! The second pass over a file: reads its lines (comments already blanked out) into headings and
//! elements, each element with its parent relation. Indentation is tracked with an explicit
//! stack; after an error the parser goes on with the next line.

use crate::diagnostic::Code;
use crate::model::{Element, Relation};

use super::lexer::{Lexed, Pos};
use super::metadata::{self, Meta};
use super::sink::Sink;
use super::text::{self, Scanned, Segment};

/// How a relation line relates its element to the parent above it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub relation: Relation,
    /// `true` when the child speaks about the parent (`+ - _ <+ <- <_`), `false` when the
    /// parent speaks about the child (`+> -> _> ><`).
    pub child_to_parent: bool,
    pub pos: Pos,
}

/// A statement or argument as written at one place.
#[derive(Debug, Clone, PartialEq)]
pub struct ElementItem {
    pub element: Element,
    /// `None` for an untitled statement (plain text).
    pub title: Option<String>,
    /// Whether this occurrence gives a text (`[T]: text` or plain text) rather than referring.
    pub defines: bool,
    pub scanned: Scanned,
    pub meta: Meta,
    /// Where the element starts (`[`, `<` or the text).
    pub pos: Pos,
    /// How many characters the title takes (`[T]` or `<T>`), for carets.
    pub len: usize,
    /// The parent element (its index in the file's items) and the relation to it.
    pub parent: Option<(usize, Mark)>,
}

/// A heading or an element.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Heading {
        level: u8,
        title: String,
        side: Option<(String, Pos)>,
        pos: Pos,
    },
    Element(ElementItem),
}

/// What a line starts with.
enum Line<'a> {
    Heading(usize),
    Unsupported(&'static str, &'static str),
    Relation(Mark, usize),
    Element(&'a str),
    Text,
}

/// An element whose text may go on over the following lines.
struct Pending {
    element: Element,
    title: Option<String>,
    defines: bool,
    is_reference: bool,
    pos: Pos,
    len: usize,
    segments: Vec<Segment>,
    parent: Option<(usize, Mark)>,
    /// How many `{` of metadata are open at the end of the last segment (lines inside open
    /// metadata belong to it, whatever they look like).
    braces: Braces,
}

/// Tracks `{`/`}` nesting (outside YAML quotes, after `\` escapes) over an element's lines.
#[derive(Default, Clone, Copy)]
struct Braces {
    depth: usize,
    quote: Option<char>,
}

impl Braces {
    fn feed(&mut self, text: &str) {
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            match self.quote {
                Some(q) => {
                    if c == '\\' && q == '"' {
                        chars.next();
                    } else if c == q {
                        self.quote = None;
                    }
                }
                None => match c {
                    '\\' if self.depth == 0 => {
                        chars.next();
                    }
                    '{' => self.depth += 1,
                    '}' => self.depth = self.depth.saturating_sub(1),
                    '"' | '\'' if self.depth > 0 => self.quote = Some(c),
                    _ => {}
                },
            }
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

struct Parser<'a, 'b> {
    sink: &'b mut Sink<'a>,
    items: Vec<Item>,
    pending: Option<Pending>,
    tree: Option<Tree>,
    /// A non-blank line has been read since the last blank line.
    block_has_content: bool,
    /// The last non-blank line was a heading.
    after_heading: bool,
    /// Inside a paragraph of unsupported syntax: lines are skipped until a blank line.
    skipping: bool,
}

/// Parses the lines of one lexed file (comments blanked, frontmatter lines blank).
pub fn parse(lexed: &Lexed, sink: &mut Sink<'_>) -> Vec<Item> {
    let mut p = Parser {
        sink,
        items: Vec::new(),
        pending: None,
        tree: None,
        block_has_content: false,
        after_heading: false,
        skipping: false,
    };
    for (n, line) in lexed.lines.iter().enumerate() {
        if lexed.hidden.get(n).copied().unwrap_or(false) {
            continue;
        }
        p.line(n + 1, line);
    }
    p.finish_pending();
    p.items
}

fn chars_len(s: &str) -> usize {
    s.chars().count()
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
        return Line::Unsupported(
            "inference rules (`--`, `----`) are not supported yet",
            "counterpoint reads statements, arguments and their relations; write the argument \
             as `<Title>: text` with `+`/`-` relations",
        );
    }
    let digits = body.chars().take_while(char::is_ascii_digit).count();
    if body.starts_with('(')
        && digits == 0
        && body
            .chars()
            .skip(1)
            .take_while(char::is_ascii_digit)
            .count()
            > 0
    {
        let d = body
            .chars()
            .skip(1)
            .take_while(char::is_ascii_digit)
            .count();
        if body.chars().nth(d + 1) == Some(')') {
            return Line::Unsupported(
                "premise-conclusion structures (`(1) ...`) are not supported yet",
                "write the argument as `<Title>: text` and relate its premises with `+`",
            );
        }
    }
    let next_is_space = |n: usize| body.chars().nth(n).is_none_or(char::is_whitespace);
    if (digits > 0 && body.chars().nth(digits) == Some('.') && next_is_space(digits + 1))
        || (body.starts_with('*') && next_is_space(1))
    {
        return Line::Unsupported(
            "lists (`* item`, `1. item`) are not supported yet",
            "write each point as a statement `[Title]: text`, or escape the first character \
             (`\\*`)",
        );
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
/// Returns (element, title, defines, length of the opener in characters).
fn element_start(body: &str) -> Option<(Element, String, bool, usize)> {
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
    Some((element, title.to_string(), defines, len))
}

impl Parser<'_, '_> {
    fn line(&mut self, n: usize, line: &str) {
        if line.trim().is_empty() {
            self.finish_pending();
            self.tree = None;
            self.block_has_content = false;
            self.after_heading = false;
            self.skipping = false;
            return;
        }
        if self.skipping {
            return;
        }
        if let Some(pending) = &mut self.pending {
            if pending.braces.depth > 0 {
                pending.braces.feed(line);
                pending.segments.push(Segment {
                    pos: Pos {
                        line: n,
                        column: 1,
                    },
                    text: line.trim_end().to_string(),
                });
                return;
            }
        }
        let indent_str: String = line
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .collect();
        let indent = chars_len(&indent_str);
        let body = line.get(indent_str.len()..).unwrap_or("").trim_end();
        let pos = Pos {
            line: n,
            column: indent + 1,
        };
        match classify(body, indent, n) {
            Line::Heading(level) => {
                self.finish_pending();
                self.tree = None;
                self.blank_line_check(pos, "a heading");
                self.heading(level, body, pos);
                self.block_has_content = true;
                self.after_heading = true;
            }
            Line::Unsupported(message, help) => {
                self.finish_pending();
                self.tree = None;
                self.sink.report(
                    Code::Unsupported,
                    message,
                    pos,
                    chars_len(body),
                    Some(help.to_string()),
                );
                self.skipping = true;
            }
            Line::Relation(mark, len) => {
                self.finish_pending();
                if self.after_heading {
                    self.blank_line_check(pos, "a relation");
                }
                self.relation(&indent_str, indent, mark, len, body, pos);
                self.block_has_content = true;
                self.after_heading = false;
            }
            Line::Element(body) => {
                self.finish_pending();
                if indent > 0 && self.tree.is_some() {
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
                    self.blank_line_check(pos, "a new top-level element");
                }
                self.top_level(body, pos);
            }
            Line::Text => {
                if let Some(pending) = &mut self.pending {
                    pending.braces.feed(line);
                    pending.segments.push(Segment {
                        pos: Pos { line: n, column: 1 },
                        text: line.trim_end().to_string(),
                    });
                    self.block_has_content = true;
                    return;
                }
                self.blank_line_check(pos, "a new top-level element");
                self.top_level(body, pos);
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

    fn heading(&mut self, level: usize, body: &str, pos: Pos) {
        let rest = body.get(level + 1..).unwrap_or("");
        let segment = Segment {
            pos: Pos {
                line: pos.line,
                column: pos.column + level + 1,
            },
            text: rest.to_string(),
        };
        let scanned = text::scan_heading(&segment, self.sink);
        let side = scanned
            .meta
            .as_ref()
            .and_then(|raw| metadata::parse(raw, self.sink).side);
        self.items.push(Item::Heading {
            level: u8::try_from(level).unwrap_or(u8::MAX),
            title: scanned.text,
            side,
            pos,
        });
    }

    /// A top-level element (or untitled statement) starting a new relation tree.
    fn top_level(&mut self, body: &str, pos: Pos) {
        let index = self.items.len();
        self.pending = Some(self.start(body, pos, None));
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
        body: &str,
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
                Some("contradict a statement (`>< [Title]`), or attack the argument with `->`".into()),
            );
        }
        let parent = self.parent_for(indent_str, indent, pos);
        let index = self.items.len();
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
            Some(_) if popped && mixed => {
                // Already reported as mixed indentation: read it as a sibling.
                if tree.stack.len() > 1 {
                    tree.stack.pop();
                }
            }
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
    fn start(&mut self, body: &str, pos: Pos, parent: Option<(usize, Mark)>) -> Pending {
        match element_start(body) {
            Some((element, title, defines, len)) => {
                let title_trimmed = text::collapse_whitespace(&title);
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
                Pending {
                    braces,
                    element,
                    title: Some(if title_trimmed.is_empty() {
                        "?".to_string()
                    } else {
                        title_trimmed
                    }),
                    defines,
                    is_reference: !defines,
                    pos,
                    len,
                    segments: vec![Segment {
                        pos: Pos {
                            line: pos.line,
                            column: pos.column + len,
                        },
                        text: rest.to_string(),
                    }],
                    parent,
                }
            }
            None => Pending {
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
                segments: vec![Segment {
                    pos,
                    text: body.to_string(),
                }],
                parent,
            },
        }
    }

    fn finish_pending(&mut self) {
        let Some(p) = self.pending.take() else {
            return;
        };
        let scanned = text::scan(&p.segments, self.sink);
        if p.is_reference && !scanned.text.is_empty() {
            let at = first_text_pos(&p.segments).unwrap_or(p.pos);
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
        let meta = scanned
            .meta
            .as_ref()
            .map(|raw| metadata::parse(raw, self.sink))
            .unwrap_or_default();
        self.items.push(Item::Element(ElementItem {
            element: p.element,
            title: p.title,
            defines: p.defines,
            scanned,
            meta,
            pos: p.pos,
            len: p.len,
            parent: p.parent,
        }));
    }
}

/// The position of the first non-blank character of the segments.
fn first_text_pos(segments: &[Segment]) -> Option<Pos> {
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
