//! Checking citations against the source texts (`--sources DIR`): the cited lines must exist
//! (E007) and a quote must occur in them (E008); a cited source whose file cannot be read is
//! E011. Each source file is read once (decoded as every file is, `crate::text::decode`); the
//! map's own files are not read again: their texts are handed in.

use std::collections::HashMap;

use crate::diagnostic::{attach_snippets, Code, Diagnostic};
use crate::files::SourceFolder;
use crate::model::{Citation, Map, Node, Origin};
use crate::text::decode::decode;

/// One character made comparable: typographic quotes, apostrophes and dashes become their ASCII
/// forms, non-breaking spaces a space.
fn fold(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => '-',
        '\u{00A0}' | '\u{2007}' | '\u{202F}' => ' ',
        c => c,
    }
}

/// Text made comparable: typographic quotes, apostrophes and dashes become their ASCII forms,
/// and every run of whitespace one space.
pub(crate) fn normalize(text: &str) -> String {
    let mapped: String = text.chars().map(fold).collect();
    let mut out = String::with_capacity(mapped.len());
    for word in mapped.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// A source file, read and normalised once per run: the whole text as [`normalize`] gives it,
/// and where each line's words lie in it, so that any range of lines is a slice of it.
struct SourceText {
    norm: String,
    /// Per line: the start of its first word and the end of its last word in `norm` (for a
    /// line without words, both the length of `norm` before it).
    spans: Vec<(usize, usize)>,
}

impl SourceText {
    fn new(text: &str) -> SourceText {
        let mut norm = String::with_capacity(text.len());
        let mut spans = Vec::new();
        let mut mapped = String::new();
        for line in crate::text::lines::lines(text) {
            mapped.clear();
            mapped.extend(line.chars().map(fold));
            let mut start = None;
            // Lines end at `\n` or `\r`, both whitespace: no word crosses a line end, so the
            // words of any range of lines are a run of the words of the whole text.
            for word in mapped.split_whitespace() {
                if !norm.is_empty() {
                    norm.push(' ');
                }
                start.get_or_insert(norm.len());
                norm.push_str(word);
            }
            spans.push((start.unwrap_or(norm.len()), norm.len()));
        }
        norm.shrink_to_fit();
        SourceText { norm, spans }
    }

    fn line_count(&self) -> usize {
        self.spans.len()
    }

    /// Lines `from..to` (0-based) normalised: `normalize` of those lines joined.
    fn lines(&self, from: usize, to: usize) -> &str {
        let first = self.spans.get(from);
        let last = to.checked_sub(1).and_then(|l| self.spans.get(l));
        let (Some(&(start, _)), Some(&(_, end))) = (first, last) else {
            return "";
        };
        // A range starting with lines without words starts at the space before its first word.
        self.norm
            .get(start..end)
            .unwrap_or("")
            .trim_start_matches(' ')
    }

    /// The 1-based line on which byte `at` of the normalised text lies.
    fn line_of(&self, at: usize) -> usize {
        self.spans.partition_point(|&(_, end)| end <= at) + 1
    }

    /// The 1-based first and last line of the `len` bytes (`len` > 0) at `at` of the
    /// normalised text.
    fn lines_of(&self, at: usize, len: usize) -> (usize, usize) {
        (self.line_of(at), self.line_of(at + len.max(1) - 1))
    }
}

/// Where each of `patterns` (distinct, not empty) first occurs in `text`, in one pass over the
/// text for all of them (so that many quotes missing from a long source cost linear time).
fn first_occurrences(text: &str, patterns: &[&str]) -> Vec<Option<usize>> {
    use aho_corasick::automaton::Automaton as _;
    use aho_corasick::Anchored;
    let mut first = vec![None; patterns.len()];
    let built = aho_corasick::nfa::contiguous::NFA::new(patterns)
        .ok()
        .and_then(|nfa| Some((nfa.start_state(Anchored::No).ok()?, nfa)));
    let Some((mut state, nfa)) = built else {
        // Too many patterns for one automaton: one search each.
        for (slot, p) in first.iter_mut().zip(patterns) {
            *slot = memchr::memmem::find(text.as_bytes(), p.as_bytes());
        }
        return first;
    };
    // Each state's list holds every pattern ending there, and the first visit to a state is the
    // first time its patterns end there: later visits add nothing, so each list is read once and
    // the walk is linear in the text (plus the lists' total length), however the quotes overlap.
    let mut visited = std::collections::HashSet::new();
    let mut left = patterns.len();
    for (end, &byte) in text.as_bytes().iter().enumerate() {
        state = nfa.next_state(Anchored::No, state, byte);
        if !nfa.is_match(state) || !visited.insert(state) {
            continue;
        }
        for i in 0..nfa.match_len(state) {
            let pattern = nfa.match_pattern(state, i);
            if let Some(slot) = first.get_mut(pattern.as_usize()) {
                if slot.is_none() {
                    *slot = Some(end + 1 - nfa.pattern_len(pattern));
                    left -= 1;
                }
            }
        }
        if left == 0 {
            break;
        }
    }
    first
}

/// A source file as read, or why it could not be read.
enum Loaded {
    Text(SourceText),
    Missing(String),
}

/// `d` placed at `origin` (the citation in the map file), underlining `length` characters; its
/// snippet is attached at the end from the map texts in memory.
fn placed(d: Diagnostic, origin: Option<&Origin>, length: usize) -> Diagnostic {
    match origin {
        Some(o) => d
            .at_line(&o.file, None, o.line as usize, o.column as usize)
            .with_length(length),
        None => d,
    }
}

/// The result of checking one citation against its source text.
enum Checked {
    Fine,
    /// A diagnostic, complete but for its place.
    Problem(Diagnostic),
    /// E008 whose help depends on whether the quote (normalised, `wanted`) occurs elsewhere in
    /// the source: decided for all such citations of a source at once.
    Elsewhere {
        diagnostic: Diagnostic,
        wanted: String,
        file: String,
    },
}

/// The help of an E008 whose quote was searched for in the whole source: `at` is the 1-based
/// first and last line of its first occurrence, if it occurs.
fn elsewhere_help(file: &str, at: Option<(usize, usize)>) -> String {
    match at {
        Some((first, last)) => format!(
            "the quote occurs elsewhere in {file} (around line{} {}): correct the line range",
            if first == last { "" } else { "s" },
            range(first, last)
        ),
        None => {
            format!("the quote does not occur anywhere in {file}: copy it exactly from the source")
        }
    }
}

/// An E008 waiting for its help: the source's id, the quote normalised, the source's file.
type Pending = (String, String, String);

/// The first and last line (1-based) of a place in a source.
type Lines = (usize, usize);

/// Diagnostics for citations whose line range lies outside the source file (E007), whose
/// quote does not occur in the cited lines (E008), or whose source file cannot be read (E011).
/// Citations of undeclared sources are left to `check::validate` (E005). Each source is read
/// and normalised once, and the quotes missing from their cited lines are looked for in the
/// whole source in one pass per source.
///
/// `map_texts` are the map's own files as read, `(file name, text)` (see
/// [`crate::load::Loaded::texts`]): the lines shown under the diagnostics come from them; the map
/// files are not read again.
pub fn check_sources<N: AsRef<str>, T: AsRef<str>>(
    map: &Map,
    folder: &SourceFolder,
    map_texts: &[(N, T)],
) -> Vec<Diagnostic> {
    // Diagnostics in order; an E008 still waiting for its help names its source and quote.
    let mut out: Vec<(Diagnostic, Option<Pending>)> = Vec::new();
    let mut texts: HashMap<String, Loaded> = HashMap::new();
    for (_, node) in map.nodes() {
        for citation in &node.citations {
            let Some(source) = map.source(&citation.source) else {
                continue;
            };
            let origin = citation.origin.as_ref().or(node.origin.as_ref());
            let cite_len = citation.source.chars().count() + 2;
            let first_use = !texts.contains_key(&source.id);
            let text = texts.entry(source.id.clone()).or_insert_with(|| {
                let Some(file) = &source.file else {
                    return Loaded::Missing(format!(
                        "source {:?} names no `file`; add `file: NAME` to it in the frontmatter",
                        source.id
                    ));
                };
                match folder.read(file) {
                    Ok(bytes) => Loaded::Text(SourceText::new(&decode(&bytes).text)),
                    Err(e) => Loaded::Missing(e.to_string()),
                }
            });
            let text = match text {
                Loaded::Text(text) => text,
                Loaded::Missing(why) => {
                    if first_use {
                        out.push((
                            placed(
                                Diagnostic::new(
                                    Code::SourceFileMissing,
                                    format!("the text of source {:?} is missing", source.id),
                                )
                                .with_help(why.clone()),
                                origin,
                                cite_len,
                            ),
                            None,
                        ));
                    }
                    continue;
                }
            };
            match check_one(node, citation, text, source.file.as_deref()) {
                Checked::Fine => {}
                Checked::Problem(d) => out.push((placed(d, origin, cite_len), None)),
                Checked::Elsewhere {
                    diagnostic,
                    wanted,
                    file,
                } => out.push((
                    placed(diagnostic, origin, cite_len),
                    Some((source.id.clone(), wanted, file)),
                )),
            }
        }
    }
    // Per source, the distinct quotes to look for, each found in one pass.
    let mut wanted: HashMap<&str, HashMap<&str, Option<Lines>>> = HashMap::new();
    for (_, pending) in &out {
        if let Some((source, quote, _)) = pending {
            wanted
                .entry(source.as_str())
                .or_default()
                .insert(quote.as_str(), None);
        }
    }
    for (source, quotes) in &mut wanted {
        let Some(Loaded::Text(text)) = texts.get(*source) else {
            continue;
        };
        let patterns: Vec<&str> = quotes.keys().copied().collect();
        for (p, at) in patterns
            .iter()
            .zip(first_occurrences(&text.norm, &patterns))
        {
            quotes.insert(p, at.map(|at| text.lines_of(at, p.len())));
        }
    }
    let helps: Vec<Option<String>> = out
        .iter()
        .map(|(_, pending)| {
            let (source, quote, file) = pending.as_ref()?;
            let at = wanted
                .get(source.as_str())
                .and_then(|q| q.get(quote.as_str()))
                .copied()
                .flatten();
            Some(elsewhere_help(file, at))
        })
        .collect();
    let mut diagnostics: Vec<Diagnostic> = out
        .into_iter()
        .zip(helps)
        .map(|((d, _), help)| match help {
            Some(help) => d.with_help(help),
            None => d,
        })
        .collect();
    attach_snippets(&mut diagnostics, map_texts);
    diagnostics
}

/// E007 or E008 for one citation, without a place yet.
fn check_one(node: &Node, citation: &Citation, text: &SourceText, file: Option<&str>) -> Checked {
    let [first, last] = citation.lines;
    let count = text.line_count();
    let file = file.unwrap_or(&citation.source);
    if first == 0 || usize::try_from(last).map_or(true, |l| l > count) || first > last {
        return Checked::Problem(
            Diagnostic::new(
                Code::CiteOutOfRange,
                format!(
                    "{} cites {}:{} but {file} has {count} line{}",
                    node.id,
                    citation.source,
                    range(first, last),
                    if count == 1 { "" } else { "s" }
                ),
            )
            .with_help(format!("cite lines between 1 and {count}")),
        );
    }
    let Some(quote) = citation.quote.as_deref() else {
        return Checked::Fine;
    };
    let (Ok(first), Ok(to)) = (usize::try_from(first), usize::try_from(last)) else {
        return Checked::Fine;
    };
    let from = first.saturating_sub(1);
    let wanted = normalize(quote);
    if memchr::memmem::find(text.lines(from, to).as_bytes(), wanted.as_bytes()).is_some() {
        return Checked::Fine;
    }
    let diagnostic = Diagnostic::new(
        Code::QuoteNotFound,
        format!(
            "the quote {quote:?} is not in {}:{}",
            citation.source,
            range(citation.lines[0], citation.lines[1])
        ),
    );
    if from == 0 && to >= count {
        // The range is the whole file: the quote is nowhere in it.
        return Checked::Problem(diagnostic.with_help(elsewhere_help(file, None)));
    }
    Checked::Elsewhere {
        diagnostic,
        wanted,
        file: file.to_string(),
    }
}

fn range<N: PartialEq + std::fmt::Display>(first: N, last: N) -> String {
    if first == last {
        first.to_string()
    } else {
        format!("{first}-{last}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_typography_and_whitespace() {
        assert_eq!(
            normalize("  \u{201C}It\u{2019}s\u{201D}\n  a \u{2014} test "),
            "\"It's\" a - test"
        );
    }

    /// `check_one`, with the search elsewhere done as `check_sources` does it.
    fn check(citation: &Citation, text: &SourceText, file: Option<&str>) -> Option<Diagnostic> {
        match check_one(&Node::statement("A", "a"), citation, text, file) {
            Checked::Fine => None,
            Checked::Problem(d) => Some(d),
            Checked::Elsewhere {
                diagnostic,
                wanted,
                file,
            } => {
                let at = first_occurrences(&text.norm, &[&wanted])[0];
                let lines = at.map(|at| text.lines_of(at, wanted.len()));
                Some(diagnostic.with_help(elsewhere_help(&file, lines)))
            }
        }
    }

    #[test]
    fn checks_range_and_quote() {
        let lines = SourceText::new("one two\nthree \u{201C}four\u{201D}\nfive");
        let c = |a, b, q: Option<&str>| Citation {
            source: "m".into(),
            lines: [a, b],
            quote: q.map(str::to_string),
            origin: None,
        };
        assert!(check(&c(1, 3, None), &lines, Some("m.txt")).is_none());
        let d = check(&c(2, 4, None), &lines, Some("m.txt")).unwrap();
        assert_eq!(d.code, Code::CiteOutOfRange);
        assert_eq!(d.message, "[A] cites m:2-4 but m.txt has 3 lines");
        assert!(check(&c(1, 2, Some("two three \"four\"")), &lines, None).is_none());
        let d = check(&c(1, 1, Some("five")), &lines, Some("m.txt")).unwrap();
        assert_eq!(d.code, Code::QuoteNotFound);
        assert_eq!(
            d.help.as_deref(),
            Some("the quote occurs elsewhere in m.txt (around line 3): correct the line range")
        );
        // The first occurrence, even when it runs over a line end.
        let d = check(
            &c(3, 3, Some("\u{201C}four\u{201D} five")),
            &lines,
            Some("m.txt"),
        )
        .unwrap();
        assert_eq!(
            d.help.as_deref(),
            Some("the quote occurs elsewhere in m.txt (around lines 2-3): correct the line range")
        );
        let d = check(&c(2, 3, Some("one six")), &lines, Some("m.txt")).unwrap();
        assert_eq!(
            d.help.as_deref(),
            Some("the quote does not occur anywhere in m.txt: copy it exactly from the source")
        );
    }

    #[test]
    fn line_ranges_are_slices_of_the_text_normalised_once() {
        let text = "\n  a\u{00A0}b \r\n\n\u{2018}c\u{2019}  d\r\r  \n e\u{2014}f\n\n";
        let source = SourceText::new(text);
        let lines = crate::text::lines::split_lines(text);
        assert_eq!(source.line_count(), lines.len());
        assert_eq!(source.norm, "a b 'c' d e-f");
        for from in 0..lines.len() {
            for to in from + 1..=lines.len() {
                assert_eq!(
                    source.lines(from, to),
                    normalize(&lines[from..to].join("\n")),
                    "lines {from}..{to}"
                );
            }
        }
        assert_eq!(source.line_of(0), 2);
        assert_eq!(source.line_of(4), 4);
        assert_eq!(source.line_of(10), 7);
    }

    #[test]
    fn finds_the_first_occurrence_of_each_quote_in_one_pass() {
        assert_eq!(
            first_occurrences("a b a c b d", &["b", "c b", "x", "a"]),
            vec![Some(2), Some(6), None, Some(0)]
        );
    }
}
