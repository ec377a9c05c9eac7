//! Diagnostics are data: code, severity, message, place and help. They render for people
//! (`file:line:col: error[E004]: message`, the source line, a caret, the help) and as JSON for
//! tools.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::text::line_index::LineIndex;

/// How serious a diagnostic is; each [`Code`] has one (`E...` codes are errors, `W...` codes
/// warn, `I...` codes inform).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A question for the map-maker, not a fault: shown only on request (`check --lint all`),
    /// never counted as a warning or an error.
    Info,
    /// Worth a look, but does not fail a command.
    Warning,
    /// A problem in the input: commands exit with code 1.
    Error,
}

impl Severity {
    /// `error`, `warning` or `info`, as diagnostics print it.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// Every diagnostic the library emits has one of these stable codes; the table in README.md
/// explains each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Code {
    /// E001: the text does not follow the grammar.
    Syntax,
    /// E002: indentation that does not line up with any open level, or tabs mixed with spaces.
    Indentation,
    /// E003: a relation line (`+`, `-`, `_`, ...) with nothing above it to relate to.
    OrphanRelation,
    /// E004: `side` names a side the frontmatter does not declare.
    UnknownSide,
    /// E005: a citation names a source the frontmatter does not declare.
    UnknownSource,
    /// E006: a `cite` value that is not `source:line` or `source:first-last`.
    MalformedCite,
    /// E007: a cited line range outside the source file (with `--sources`).
    CiteOutOfRange,
    /// E008: a quote that does not occur in the cited lines (with `--sources`).
    QuoteNotFound,
    /// E009: the same side or source declared twice with different content, or bad frontmatter.
    FrontmatterConflict,
    /// E010: Argdown syntax outside the supported subset.
    Unsupported,
    /// E011: a cited source's text file cannot be read from the `--sources` folder.
    SourceFileMissing,
    /// E012: metadata (`{...}` or frontmatter) that is not valid YAML, or has the wrong shape.
    BadMetadata,
    /// E013: a file in another format (JSON, AIF, ICCMA, Kialo) that cannot be read.
    BadInput,
    /// E014: a control character in a text of the map (see `crate::text::control`).
    ControlCharacter,
    /// E015: the motion or the camps do not fit the map: a motion that names no statement of
    /// the map or that has a side, or a side in two camps.
    Camps,
    /// W001: a reference to a title that is never defined.
    UndefinedReference,
    /// W002: a cycle of `supports` relations.
    SupportCycle,
    /// W003: a node without a side in a map that declares sides.
    NoSide,
    /// W004: a node related to itself.
    SelfRelation,
    /// W005: a part of a file in another format (AIF, Kialo) that does not fit the map and was
    /// skipped, e.g. an AIF edge that breaks the AIF grammar.
    SkippedInput,
    /// W006: layout counterpoint reads but the Argdown tools reject (a missing blank line before
    /// or after a heading, or between top-level elements).
    BlankLineNeeded,
    /// W007: an undercut aimed at a statement. An undercut attacks an argument's inference; a
    /// statement has none, so this is nearly always a rebuttal (`-`) or a slip.
    UndercutOfStatement,
    /// W008: in a map that declares camps, a point whose every attacker is of its own side
    /// (usually a caveat attached to the wrong point).
    OwnSideAttack,
    /// I001: an attack from a source dated before the source of the point it attacks: evidence
    /// against the point, not a reply to it (shown with `check --lint all`).
    EarlierSource,
}

impl Code {
    /// All codes, in documentation order.
    pub const ALL: [Code; 24] = [
        Code::Syntax,
        Code::Indentation,
        Code::OrphanRelation,
        Code::UnknownSide,
        Code::UnknownSource,
        Code::MalformedCite,
        Code::CiteOutOfRange,
        Code::QuoteNotFound,
        Code::FrontmatterConflict,
        Code::Unsupported,
        Code::SourceFileMissing,
        Code::BadMetadata,
        Code::BadInput,
        Code::ControlCharacter,
        Code::Camps,
        Code::UndefinedReference,
        Code::SupportCycle,
        Code::NoSide,
        Code::SelfRelation,
        Code::SkippedInput,
        Code::BlankLineNeeded,
        Code::UndercutOfStatement,
        Code::OwnSideAttack,
        Code::EarlierSource,
    ];

    /// The stable code as written in messages: `E001` to `E015`, `W001` to `W008`, `I001`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Syntax => "E001",
            Code::Indentation => "E002",
            Code::OrphanRelation => "E003",
            Code::UnknownSide => "E004",
            Code::UnknownSource => "E005",
            Code::MalformedCite => "E006",
            Code::CiteOutOfRange => "E007",
            Code::QuoteNotFound => "E008",
            Code::FrontmatterConflict => "E009",
            Code::Unsupported => "E010",
            Code::SourceFileMissing => "E011",
            Code::BadMetadata => "E012",
            Code::BadInput => "E013",
            Code::ControlCharacter => "E014",
            Code::Camps => "E015",
            Code::UndefinedReference => "W001",
            Code::SupportCycle => "W002",
            Code::NoSide => "W003",
            Code::SelfRelation => "W004",
            Code::SkippedInput => "W005",
            Code::BlankLineNeeded => "W006",
            Code::UndercutOfStatement => "W007",
            Code::OwnSideAttack => "W008",
            Code::EarlierSource => "I001",
        }
    }

    /// A short name for the code, used in documentation.
    pub fn name(self) -> &'static str {
        match self {
            Code::Syntax => "syntax",
            Code::Indentation => "indentation",
            Code::OrphanRelation => "orphan-relation",
            Code::UnknownSide => "unknown-side",
            Code::UnknownSource => "unknown-source",
            Code::MalformedCite => "malformed-cite",
            Code::CiteOutOfRange => "cite-out-of-range",
            Code::QuoteNotFound => "quote-not-found",
            Code::FrontmatterConflict => "frontmatter-conflict",
            Code::Unsupported => "unsupported",
            Code::SourceFileMissing => "source-file-missing",
            Code::BadMetadata => "bad-metadata",
            Code::BadInput => "bad-input",
            Code::ControlCharacter => "control-character",
            Code::Camps => "motion-and-camps",
            Code::UndefinedReference => "undefined-reference",
            Code::SupportCycle => "support-cycle",
            Code::NoSide => "no-side",
            Code::SelfRelation => "self-relation",
            Code::SkippedInput => "skipped-input",
            Code::BlankLineNeeded => "blank-line-needed",
            Code::UndercutOfStatement => "undercut-of-statement",
            Code::OwnSideAttack => "own-side-attack",
            Code::EarlierSource => "earlier-source",
        }
    }

    /// The severity of every diagnostic with this code: `E` codes are errors, `W` codes warn,
    /// `I` codes inform.
    pub fn severity(self) -> Severity {
        match self.as_str().as_bytes().first() {
            Some(b'W') => Severity::Warning,
            Some(b'I') => Severity::Info,
            _ => Severity::Error,
        }
    }
}

impl Serialize for CodeStr {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0.as_str())
    }
}

struct CodeStr(Code);

/// One finding about the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// What was found.
    pub code: Code,
    /// Error, warning or info: the code's own severity (see [`Code::severity`]).
    pub severity: Severity,
    /// What is wrong, in one line.
    pub message: String,
    /// The file, as the user named it; empty when the finding is about the map as a whole.
    pub file: String,
    /// 1-based line; 0 when not about a place in a file.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// How many characters to underline (at least 1 when there is a line).
    pub length: usize,
    /// The text of the line, for display: the whole line, or for a line longer than is ever
    /// shown, the part shown around the place (so that many findings on one long line do not
    /// each hold a copy of it). A snippet set here by hand is taken for the whole line.
    pub snippet: Option<String>,
    /// How many characters of the line come before `snippet` (0 when it starts the line).
    pub(crate) snippet_from: usize,
    /// The whole line's width in characters, when `snippet` is only part of it (else 0).
    pub(crate) line_width: usize,
    /// What to do about it, when there is advice to give.
    pub help: Option<String>,
}

impl Diagnostic {
    /// The diagnostic (E014, not yet placed) for the control character `c` found in `what`
    /// (e.g. "the text", "the label of side \"pro\"").
    pub(crate) fn control_character(what: &str, c: char) -> Diagnostic {
        Diagnostic::new(
            Code::ControlCharacter,
            format!(
                "control character {} in {what}",
                crate::text::control::name(c)
            ),
        )
        .with_help(
            "control characters (U+0000-U+001F but tab and line breaks, U+007F-U+009F) are not \
             allowed in a map's texts; delete it or write a space",
        )
    }

    /// A diagnostic with the code's own severity and no place yet.
    pub(crate) fn new(code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            severity: code.severity(),
            message: message.into(),
            file: String::new(),
            line: 0,
            column: 0,
            length: 1,
            snippet: None,
            snippet_from: 0,
            line_width: 0,
            help: None,
        }
    }

    /// Places the diagnostic at `line:column` of `file`, whose full text is `text`. This reads
    /// `text` up to the line: to place many diagnostics in one text, place them without a
    /// snippet and fill them in with [`attach_snippets`].
    pub(crate) fn at(self, file: &str, text: &str, line: usize, column: usize) -> Diagnostic {
        // Lines end at `\n`, `\r\n` or a lone `\r`, as the reader counts them.
        let snippet = crate::text::lines::nth_line(text, line.max(1));
        self.at_line(file, snippet, line, column)
    }

    /// Places the diagnostic at `line:column` of `file`, whose line `line` is `snippet`.
    pub(crate) fn at_line(
        mut self,
        file: &str,
        snippet: Option<&str>,
        line: usize,
        column: usize,
    ) -> Diagnostic {
        self.file = file.to_string();
        self.line = line;
        self.column = column;
        if let Some(line) = snippet {
            self.keep_snippet(line);
        }
        self
    }

    /// Keeps line `line` as the snippet: whole, or when it is longer than is ever shown, the
    /// part [`Diagnostic::render`] shows around the column (the caret's place decides it).
    fn keep_snippet(&mut self, line: &str) {
        if line.len() <= SNIPPET_MAX {
            (self.snippet, self.snippet_from, self.line_width) = (Some(line.to_string()), 0, 0);
            return;
        }
        let width = line.chars().count();
        if width <= SNIPPET_MAX {
            (self.snippet, self.snippet_from, self.line_width) = (Some(line.to_string()), 0, 0);
            return;
        }
        let (from, to) = shown_range(self.column.saturating_sub(1).min(width), width);
        let part: String = line.chars().skip(from).take(to - from).collect();
        (self.snippet, self.snippet_from, self.line_width) = (Some(part), from, width);
    }

    pub(crate) fn with_length(mut self, length: usize) -> Diagnostic {
        self.length = length.max(1);
        self
    }

    pub(crate) fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Whether the diagnostic is an error (not a warning or an info).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Whether the diagnostic is an info: a question for the map-maker, shown only on request.
    pub fn is_info(&self) -> bool {
        self.severity == Severity::Info
    }

    /// `file:line:col: severity[CODE]: message`, the first line of `Diagnostic::render`.
    pub fn headline(&self) -> String {
        self.headline_in(Styles::PLAIN)
    }

    /// The headline with `styles` (none for [`Styles::PLAIN`]).
    fn headline_in(&self, styles: Styles) -> String {
        let place = match (self.file.is_empty(), self.line) {
            (true, _) => String::new(),
            (false, 0) => format!("{}: ", self.file),
            (false, _) => format!("{}:{}:{}: ", self.file, self.line, self.column),
        };
        let severity = styles.severity(self.severity);
        format!(
            "{}{severity}{}[{}]:{severity:#} {}{}{:#}",
            terminal_safe(&place),
            self.severity.as_str(),
            self.code.as_str(),
            styles.message,
            terminal_safe(&self.message),
            styles.message,
        )
    }

    /// The human form: headline, then the source line with a caret under the column, then help.
    /// Control characters from the map are shown escaped (see `terminal_safe`), the caret under
    /// their escaped form.
    ///
    /// ```text
    /// map.argdown:3:14: error[E004]: unknown side "cons"
    ///   |
    /// 3 | <Childcare>: {side: cons}
    ///   |              ^^^^^^^^^^^^
    ///   = help: declared sides are: con, pro
    /// ```
    pub fn render(&self) -> String {
        self.render_in(Styles::PLAIN)
    }

    /// [`Diagnostic::render`] with colours and bold for a terminal (ANSI escape sequences): the
    /// severity and the caret in its colour (errors red, warnings yellow, infos cyan), the
    /// message bold, the gutter blue. The text is otherwise the same character for character.
    pub fn render_styled(&self) -> String {
        self.render_in(Styles::TERMINAL)
    }

    fn render_in(&self, styles: Styles) -> String {
        let mut out = self.headline_in(styles);
        out.push('\n');
        let gutter = self.line.to_string().len();
        if let (Some(snippet), true) = (&self.snippet, self.line > 0) {
            let pad = " ".repeat(gutter);
            let width = self
                .line_width
                .max(self.snippet_from + snippet.chars().count());
            let start = self.column.saturating_sub(1).min(width);
            let len = self.length.min(width.saturating_sub(start)).max(1);
            let (raw, start, len) = window(snippet, self.snippet_from, width, start, len);
            // The caret goes under the characters as shown: a control character takes the
            // width of its escape.
            let mut shown = String::with_capacity(raw.len());
            let (mut caret_start, mut caret_len) = (0, 0);
            for (i, c) in raw.chars().enumerate() {
                let before = shown.chars().count();
                push_terminal_safe(&mut shown, c);
                let w = shown.chars().count() - before;
                if i < start {
                    caret_start += w;
                } else if i < start + len {
                    caret_len += w;
                }
            }
            let (start, len) = (caret_start, caret_len.max(1));
            let (g, caret) = (styles.gutter, styles.severity(self.severity));
            let _ = writeln!(out, "{pad} {g}|{g:#}");
            let _ = writeln!(out, "{g}{} |{g:#} {}", self.line, shown);
            let _ = writeln!(
                out,
                "{pad} {g}|{g:#} {}{caret}{}{caret:#}",
                " ".repeat(start),
                "^".repeat(len)
            );
        }
        if let Some(help) = &self.help {
            let help = terminal_safe(help);
            let h = styles.help;
            let _ = writeln!(
                out,
                "{} {g}={g:#} {h}help:{h:#} {help}",
                " ".repeat(gutter),
                g = styles.gutter
            );
        }
        out
    }

    /// The JSON form: `{code, name, severity, message, file, line, column, help}`.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "code": CodeStr(self.code),
            "name": self.code.name(),
            "severity": self.severity,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "help": self.help,
        })
    }
}

/// `text` safe to print on a terminal: a tab as a space, other control characters and the
/// bidirectional controls as `\u{1b}` and the like (see `push_terminal_safe`).
pub(crate) fn terminal_safe(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_terminal_safe(&mut out, c);
    }
    out
}

/// Appends `c` as human output shows it: a tab as a space (so that columns line up), other
/// control characters (C0 such as ESC, BEL or a line break, DEL, C1) and the bidirectional
/// controls that reorder a line (U+202A to U+202E, U+2066 to U+2069) as Rust writes them,
/// `\u{1b}`; everything else as itself. A map's text then never moves the cursor, sets the
/// window title, hides text or writes to the clipboard through a diagnostic.
fn push_terminal_safe(out: &mut String, c: char) {
    match c {
        '\t' => out.push(' '),
        c if c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') => {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        }
        c => out.push(c),
    }
}

/// Lines up to this many characters are shown whole under a diagnostic.
const SNIPPET_MAX: usize = 500;
/// How much of a longer line is shown before the caret (and at most `SNIPPET_MAX` in all).
const SNIPPET_BEFORE: usize = 200;

/// The part of a line of `width` characters to show, with the caret's start and length in it:
/// the whole line when it is short, else a window around the caret with `…` where it is cut (a
/// map or a JSON file may hold one enormous line).
fn window(
    kept: &str,
    kept_from: usize,
    width: usize,
    start: usize,
    len: usize,
) -> (String, usize, usize) {
    if width <= SNIPPET_MAX {
        return (kept.to_string(), start, len);
    }
    let (from, to) = shown_range(start, width);
    let mut shown = String::new();
    if from > 0 {
        shown.push('…');
    }
    shown.extend(
        kept.chars()
            .skip(from.saturating_sub(kept_from))
            .take(to - from),
    );
    if to < width {
        shown.push('…');
    }
    let caret = start - from + usize::from(from > 0);
    (shown, caret, len.min(to - start).max(1))
}

/// The characters `from..to` of a line `width` characters wide (longer than [`SNIPPET_MAX`])
/// shown for a place at character `start`.
fn shown_range(start: usize, width: usize) -> (usize, usize) {
    let from = start.saturating_sub(SNIPPET_BEFORE);
    (from, (from + SNIPPET_MAX).min(width))
}

/// The styles of the parts of a diagnostic: none, or a terminal's.
#[derive(Clone, Copy)]
struct Styles {
    error: anstyle::Style,
    warning: anstyle::Style,
    info: anstyle::Style,
    message: anstyle::Style,
    gutter: anstyle::Style,
    help: anstyle::Style,
}

impl Styles {
    /// No style: plain text.
    const PLAIN: Styles = Styles {
        error: anstyle::Style::new(),
        warning: anstyle::Style::new(),
        info: anstyle::Style::new(),
        message: anstyle::Style::new(),
        gutter: anstyle::Style::new(),
        help: anstyle::Style::new(),
    };

    /// As compilers colour their diagnostics.
    const TERMINAL: Styles = {
        use anstyle::{AnsiColor, Style};
        let bold = Style::new().bold();
        Styles {
            error: bold.fg_color(Some(anstyle::Color::Ansi(AnsiColor::Red))),
            warning: bold.fg_color(Some(anstyle::Color::Ansi(AnsiColor::Yellow))),
            info: bold.fg_color(Some(anstyle::Color::Ansi(AnsiColor::Cyan))),
            message: bold,
            gutter: bold.fg_color(Some(anstyle::Color::Ansi(AnsiColor::Blue))),
            help: bold,
        }
    };

    fn severity(&self, severity: Severity) -> anstyle::Style {
        match severity {
            Severity::Error => self.error,
            Severity::Warning => self.warning,
            Severity::Info => self.info,
        }
    }
}

/// Renders all diagnostics for people, followed by a one-line summary when there are any:
/// `2 errors, 1 warning`, with `, 3 infos` when there are infos (which are counted apart and
/// are never warnings or errors).
pub fn render_all(diagnostics: &[Diagnostic]) -> String {
    render_all_in(diagnostics, Styles::PLAIN)
}

/// [`render_all`] with each diagnostic as [`Diagnostic::render_styled`] writes it, for a
/// terminal.
pub fn render_all_styled(diagnostics: &[Diagnostic]) -> String {
    render_all_in(diagnostics, Styles::TERMINAL)
}

fn render_all_in(diagnostics: &[Diagnostic], styles: Styles) -> String {
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&d.render_in(styles));
        out.push('\n');
    }
    let count = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let (errors, warnings, infos) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    if !diagnostics.is_empty() {
        let _ = write!(
            out,
            "{errors} error{}, {warnings} warning{}",
            plural(errors),
            plural(warnings)
        );
        if infos > 0 {
            let _ = write!(out, ", {infos} info{}", plural(infos));
        }
        out.push('\n');
    }
    out
}

/// The JSON array of all diagnostics.
pub fn to_json_array(diagnostics: &[Diagnostic]) -> serde_json::Value {
    serde_json::Value::Array(diagnostics.iter().map(Diagnostic::to_json).collect())
}

/// Fills in the source line of every diagnostic that has a place but no snippet yet, from the
/// texts `(file name, text)` already in memory: this is how every diagnostic gets its snippet
/// (the line as [`crate::text::lines`] counts lines). Each text is indexed once, when a
/// diagnostic first needs it; a diagnostic about a file not among `texts` keeps no snippet.
pub(crate) fn attach_snippets<N: AsRef<str>, T: AsRef<str>>(
    diagnostics: &mut [Diagnostic],
    texts: &[(N, T)],
) {
    let mut indexes: Vec<Option<LineIndex<'_>>> = vec![None; texts.len()];
    for d in diagnostics.iter_mut() {
        if d.snippet.is_some() || d.line == 0 || d.file.is_empty() {
            continue;
        }
        let Some(k) = texts.iter().position(|(name, _)| name.as_ref() == d.file) else {
            continue;
        };
        let (Some(slot), Some((_, text))) = (indexes.get_mut(k), texts.get(k)) else {
            continue;
        };
        let index = slot.get_or_insert_with(|| LineIndex::new(text.as_ref()));
        if let Some(line) = index.line(d.line) {
            d.keep_snippet(line);
        }
    }
}

/// Runs `read`, a reader of the one text `text` of `file` that reports to `diagnostics`, and
/// attaches their snippets ([`attach_snippets`]) to the diagnostics it added.
pub(crate) fn with_snippets<R>(
    file: &str,
    text: &str,
    diagnostics: &mut Vec<Diagnostic>,
    read: impl FnOnce(&mut Vec<Diagnostic>) -> R,
) -> R {
    let before = diagnostics.len();
    let result = read(diagnostics);
    if let Some(added) = diagnostics.get_mut(before..) {
        attach_snippets(added, &[(file, text)]);
    }
    result
}

/// Sorts diagnostics by file, line, column, then code, keeping the input order of files.
pub fn sort(diagnostics: &mut [Diagnostic], file_order: &[String]) {
    let rank = |f: &str| file_order.iter().position(|x| x == f).unwrap_or(usize::MAX);
    diagnostics.sort_by(|a, b| {
        (rank(&a.file), a.line, a.column, a.code).cmp(&(rank(&b.file), b.line, b.column, b.code))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_a_window_of_an_enormous_line() {
        let line = format!("{}{{side: x}}{}", "a".repeat(10_000), "b".repeat(10_000));
        let d = Diagnostic::new(Code::UnknownSide, "unknown side \"x\"")
            .at("m.argdown", &line, 1, 10_001)
            .with_length(9);
        let shown = format!("…{}{{side: x}}{}…", "a".repeat(200), "b".repeat(291));
        assert_eq!(
            d.render(),
            format!(
                "m.argdown:1:10001: error[E004]: unknown side \"x\"\n  |\n1 | {shown}\n  | {}^^^^^^^^^\n",
                " ".repeat(201)
            )
        );
        // At the start of the line: no `…` before, the caret in place.
        let d = Diagnostic::new(Code::Syntax, "m").at("m.argdown", &line, 1, 1);
        assert_eq!(
            d.render(),
            format!(
                "m.argdown:1:1: error[E001]: m\n  |\n1 | {}…\n  | ^\n",
                "a".repeat(500)
            )
        );
    }

    #[test]
    fn a_diagnostic_on_an_enormous_line_keeps_only_what_it_shows() {
        // 50,000 findings on one 200 KB line each held a copy of it: 10 GB.
        let line = format!("{}é{}", "a".repeat(100_000), "b".repeat(100_000));
        let texts = [("m.argdown", line.as_str())];
        let mut ds = vec![
            Diagnostic::new(Code::Syntax, "m").at_line("m.argdown", None, 1, 100_001),
            Diagnostic::new(Code::Syntax, "m").at_line("m.argdown", Some(&line), 1, 100_001),
        ];
        attach_snippets(&mut ds, &texts);
        let shown = format!("…{}é{}…", "a".repeat(200), "b".repeat(299));
        for d in &ds {
            assert_eq!(d.snippet.as_deref().map(|s| s.chars().count()), Some(500));
            assert_eq!((d.snippet_from, d.line_width), (99_800, 200_001));
            assert_eq!(
                d.render(),
                format!(
                    "m.argdown:1:100001: error[E001]: m\n  |\n1 | {shown}\n  | {}^\n",
                    " ".repeat(201)
                )
            );
        }
        // A short line is kept whole.
        let d = Diagnostic::new(Code::Syntax, "m").at("m.argdown", "[a]: é", 1, 6);
        assert_eq!(
            (d.snippet.as_deref(), d.snippet_from, d.line_width),
            (Some("[a]: é"), 0, 0)
        );
    }

    #[test]
    fn renders_caret_under_column() {
        let text = "a\n<X>: text {side: cons}\n";
        let d = Diagnostic::new(Code::UnknownSide, "unknown side \"cons\"")
            .at("m.argdown", text, 2, 11)
            .with_length(12)
            .with_help("declared sides are: con, pro");
        assert_eq!(
            d.render(),
            "m.argdown:2:11: error[E004]: unknown side \"cons\"\n  |\n2 | <X>: text {side: cons}\n  |           ^^^^^^^^^^^^\n  = help: declared sides are: con, pro\n"
        );
    }

    #[test]
    fn control_characters_are_shown_escaped_with_the_caret_under_them() {
        let text = "a\u{1b}[2J\tb {side: \u{9b}x\u{7}}\n";
        let d = Diagnostic::new(
            Code::UnknownSide,
            "unknown side \"\u{9b}x\u{7}\"\nfake: line",
        )
        .at("m\u{1b}]0;t\u{7}.argdown", text, 1, 16)
        .with_length(3)
        .with_help("sides: \u{202e}orp");
        assert_eq!(
            d.render(),
            format!(
                "m\\u{{1b}}]0;t\\u{{7}}.argdown:1:16: error[E004]: unknown side \
                 \"\\u{{9b}}x\\u{{7}}\"\\u{{a}}fake: line\n  |\n\
                 1 | a\\u{{1b}}[2J b {{side: \\u{{9b}}x\\u{{7}}}}\n  | {}{}\n\
                 \x20 = help: sides: \\u{{202e}}orp\n",
                " ".repeat(20),
                "^".repeat(12)
            )
        );
        let json = d.to_json();
        assert_eq!(json["message"], "unknown side \"\u{9b}x\u{7}\"\nfake: line");
    }

    #[test]
    fn snippet_lines_end_at_a_lone_carriage_return_too() {
        let d = Diagnostic::new(Code::Syntax, "x").at("m", "one\rtwo\r\nthree", 3, 1);
        assert_eq!(d.snippet.as_deref(), Some("three"));
    }

    #[test]
    fn snippets_come_from_the_named_file_and_line() {
        let texts = vec![
            ("a.argdown".to_string(), "one\r\ntwo\rthree".to_string()),
            ("b.argdown".to_string(), "uno\ndos".to_string()),
        ];
        let place = |file: &str, line: usize| {
            let mut d = Diagnostic::new(Code::NoSide, "x");
            d.file = file.to_string();
            d.line = line;
            d.column = 1;
            d
        };
        let mut ds = vec![
            place("a.argdown", 3),
            place("b.argdown", 2),
            place("a.argdown", 1),
            place("a.argdown", 4),
            place("c.argdown", 1),
        ];
        attach_snippets(&mut ds, &texts);
        let snippets: Vec<Option<&str>> = ds.iter().map(|d| d.snippet.as_deref()).collect();
        assert_eq!(
            snippets,
            vec![Some("three"), Some("dos"), Some("one"), None, None]
        );
    }

    #[test]
    fn infos_are_counted_apart_from_warnings_and_errors() {
        let d = |code| Diagnostic::new(code, "m");
        let all = [
            d(Code::EarlierSource),
            d(Code::NoSide),
            d(Code::EarlierSource),
        ];
        assert_eq!(
            render_all(&all),
            "info[I001]: m\n\nwarning[W003]: m\n\ninfo[I001]: m\n\n0 errors, 1 warning, 2 infos\n"
        );
        assert_eq!(
            render_all(&all[1..]),
            "warning[W003]: m\n\ninfo[I001]: m\n\n0 errors, 1 warning, 1 info\n"
        );
        assert!(all.iter().all(|d| !d.is_error()));
        assert!(all[0].is_info() && !all[1].is_info());
        assert_eq!(d(Code::EarlierSource).to_json()["severity"], "info");
    }

    #[test]
    fn each_code_has_the_severity_its_letter_says() {
        for code in Code::ALL {
            let expected = match &code.as_str()[..1] {
                "E" => Severity::Error,
                "W" => Severity::Warning,
                _ => Severity::Info,
            };
            assert_eq!(code.severity(), expected, "{}", code.as_str());
        }
        assert_eq!(Code::EarlierSource.severity(), Severity::Info);
        assert_eq!(Code::OwnSideAttack.severity(), Severity::Warning);
    }

    #[test]
    fn codes_are_unique() {
        let mut seen: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), Code::ALL.len());
    }
}
