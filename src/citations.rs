//! Checking citations against the source texts (`--sources DIR`): the cited lines must exist
//! (E007) and a quote must occur in them (E008); a cited source whose file cannot be read is
//! E011. Each source file is read once.

use std::collections::HashMap;

use crate::diagnostic::{Code, Diagnostic};
use crate::files::SourceFolder;
use crate::model::{Citation, Map, Node, Origin};

/// Text made comparable: typographic quotes, apostrophes and dashes become their ASCII forms,
/// and every run of whitespace one space.
pub fn normalize(text: &str) -> String {
    let mapped: String =
        text.chars()
            .map(|c| match c {
                '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`'
                | '\u{00B4}' => '\'',
                '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
                | '\u{00BB}' => '"',
                '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
                | '\u{2212}' => '-',
                '\u{00A0}' | '\u{2007}' | '\u{202F}' => ' ',
                c => c,
            })
            .collect();
    let mut out = String::with_capacity(mapped.len());
    for word in mapped.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// A source file as read: its lines, or why it could not be read.
enum SourceText {
    Lines(Vec<String>),
    Missing(String),
}

/// Reads map files again for the source line shown under a diagnostic (each file once).
#[derive(Default)]
struct Snippets {
    /// Each map file's lines, or `None` when it cannot be read.
    texts: HashMap<String, Option<Vec<String>>>,
}

impl Snippets {
    fn place(&mut self, d: Diagnostic, origin: Option<&Origin>, length: usize) -> Diagnostic {
        let Some(o) = origin else {
            return d;
        };
        let lines = self.texts.entry(o.file.to_string()).or_insert_with(|| {
            std::fs::read(&*o.file).ok().map(|b| {
                crate::syntax::lexer::split_lines(&String::from_utf8_lossy(&b))
                    .into_iter()
                    .map(str::to_string)
                    .collect()
            })
        });
        let snippet = lines
            .as_ref()
            .and_then(|lines| lines.get(o.line.max(1) - 1))
            .map(String::as_str);
        d.at_line(&o.file, snippet, o.line, o.column)
            .with_length(length)
    }
}

/// Diagnostics for citations whose line range lies outside the source file (E007), whose
/// quote does not occur in the cited lines (E008), or whose source file cannot be read (E011).
/// Citations of undeclared sources are left to [`crate::validate`] (E005).
pub fn check_sources(map: &Map, folder: &SourceFolder) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut texts: HashMap<String, SourceText> = HashMap::new();
    let mut snippets = Snippets::default();
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
                    return SourceText::Missing(format!(
                        "source {:?} names no `file`; add `file: NAME` to it in the frontmatter",
                        source.id
                    ));
                };
                match folder.read(file) {
                    Ok(bytes) => SourceText::Lines(
                        crate::syntax::lexer::split_lines(&String::from_utf8_lossy(&bytes))
                            .into_iter()
                            .map(str::to_string)
                            .collect(),
                    ),
                    Err(e) => SourceText::Missing(e.to_string()),
                }
            });
            let lines = match text {
                SourceText::Lines(lines) => lines,
                SourceText::Missing(why) => {
                    if first_use {
                        out.push(
                            snippets.place(
                                Diagnostic::new(
                                    Code::SourceFileMissing,
                                    format!("the text of source {:?} is missing", source.id),
                                )
                                .with_help(why.clone()),
                                origin,
                                cite_len,
                            ),
                        );
                    }
                    continue;
                }
            };
            if let Some(d) = check_one(node, citation, lines, source.file.as_deref()) {
                out.push(snippets.place(d, origin, cite_len));
            }
        }
    }
    out
}

/// E007 or E008 for one citation, without a place yet.
fn check_one(
    node: &Node,
    citation: &Citation,
    lines: &[String],
    file: Option<&str>,
) -> Option<Diagnostic> {
    let [first, last] = citation.lines;
    let count = lines.len();
    let file = file.unwrap_or(&citation.source);
    if first == 0 || usize::try_from(last).map_or(true, |l| l > count) || first > last {
        return Some(
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
    let quote = citation.quote.as_deref()?;
    let from = usize::try_from(first).ok()?.saturating_sub(1);
    let to = usize::try_from(last).ok()?;
    let cited = lines.get(from..to)?.join("\n");
    let wanted = normalize(quote);
    if normalize(&cited).contains(&wanted) {
        return None;
    }
    // When the range is the whole file, the quote is nowhere in it.
    let elsewhere = (from > 0 || to < count) && normalize(&lines.join("\n")).contains(&wanted);
    let help = if elsewhere {
        let at = lines
            .iter()
            .position(|l| normalize(l).contains(&wanted))
            .map(|i| format!(" (around line {})", i + 1))
            .unwrap_or_default();
        format!("the quote occurs elsewhere in {file}{at}: correct the line range")
    } else {
        format!("the quote does not occur anywhere in {file}: copy it exactly from the source")
    };
    Some(
        Diagnostic::new(
            Code::QuoteNotFound,
            format!(
                "the quote {quote:?} is not in {}:{}",
                citation.source,
                range(first, last)
            ),
        )
        .with_help(help),
    )
}

fn range(first: u32, last: u32) -> String {
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

    #[test]
    fn checks_range_and_quote() {
        let lines: Vec<String> = ["one two", "three \u{201C}four\u{201D}", "five"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let node = Node::statement("A", "a");
        let c = |a, b, q: Option<&str>| Citation {
            source: "m".into(),
            lines: [a, b],
            quote: q.map(str::to_string),
            origin: None,
        };
        assert!(check_one(&node, &c(1, 3, None), &lines, Some("m.txt")).is_none());
        let d = check_one(&node, &c(2, 4, None), &lines, Some("m.txt")).unwrap();
        assert_eq!(d.code, Code::CiteOutOfRange);
        assert_eq!(d.message, "[A] cites m:2-4 but m.txt has 3 lines");
        assert!(check_one(&node, &c(1, 2, Some("two three \"four\"")), &lines, None).is_none());
        let d = check_one(&node, &c(1, 1, Some("five")), &lines, Some("m.txt")).unwrap();
        assert_eq!(d.code, Code::QuoteNotFound);
        assert_eq!(
            d.help.as_deref(),
            Some("the quote occurs elsewhere in m.txt (around line 3): correct the line range")
        );
    }
}
