//! Citation coverage: for each source, which paragraphs (runs of non-blank lines) no node cites.
//!
//! A paragraph is *cited* when some citation of that source overlaps its lines, and *skipped* when
//! every one of its lines lies in a `skip` range the frontmatter gives for the source (with a
//! reason). Skipped paragraphs do not count against coverage.

use std::fmt::Write as _;

use serde::Serialize;

use crate::diagnostic::{Code, Diagnostic};
use crate::files::SourceFolder;
use crate::model::{Map, Source};

/// One paragraph of a source text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Paragraph {
    /// First and last line, 1-based, inclusive.
    pub(crate) lines: [u32; 2],
    /// The start of the paragraph's first line, for display.
    pub(crate) excerpt: String,
    pub(crate) cited: bool,
    /// The skip reason, when every line of the paragraph is skipped.
    pub(crate) skipped: Option<String>,
}

/// Coverage of one source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceCoverage {
    pub(crate) source: String,
    pub(crate) file: String,
    pub(crate) paragraphs: Vec<Paragraph>,
    /// Paragraphs that count (not skipped).
    pub(crate) counted: usize,
    /// Counted paragraphs that some node cites.
    pub(crate) cited: usize,
}

impl SourceCoverage {
    /// Share of counted paragraphs cited, in percent (100 when nothing counts).
    pub fn percent(&self) -> f64 {
        if self.counted == 0 {
            100.0
        } else {
            self.cited as f64 * 100.0 / self.counted as f64
        }
    }

    /// The counted paragraphs no node cites.
    pub(crate) fn uncited(&self) -> impl Iterator<Item = &Paragraph> {
        self.paragraphs
            .iter()
            .filter(|p| !p.cited && p.skipped.is_none())
    }
}

/// Splits `text` into paragraphs: maximal runs of lines that are not blank. Lines are counted
/// as citations count them ([`crate::text::lines::lines`]: a lone `\r` ends a line too).
pub(crate) fn paragraphs(text: &str) -> Vec<([u32; 2], String)> {
    let mut out = Vec::new();
    let mut start: Option<(u32, String)> = None;
    let mut last = 0u32;
    for (i, line) in crate::text::lines::lines(text).enumerate() {
        let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
        if line.trim().is_empty() {
            if let Some((first, excerpt)) = start.take() {
                out.push(([first, last], excerpt));
            }
        } else {
            if start.is_none() {
                start = Some((n, excerpt_of(line)));
            }
            last = n;
        }
    }
    if let Some((first, excerpt)) = start {
        out.push(([first, last], excerpt));
    }
    out
}

fn excerpt_of(line: &str) -> String {
    let trimmed = line.trim();
    let mut out: String = trimmed.chars().take(60).collect();
    if trimmed.chars().count() > 60 {
        out.push('…');
    }
    out
}

/// Coverage of `source`'s text `text` by the citations in `map`.
pub(crate) fn source_coverage(map: &Map, source: &Source, text: &str) -> SourceCoverage {
    let mut cited_ranges: Vec<[u32; 2]> = map
        .nodes()
        .flat_map(|(_, n)| n.citations.iter())
        .filter(|c| c.source == source.id)
        .map(|c| c.lines)
        .collect();
    cited_ranges.sort_unstable();
    // The last line any of the first k+1 ranges reaches.
    let reach: Vec<u32> = cited_ranges
        .iter()
        .scan(0, |max, r| {
            *max = r[1].max(*max);
            Some(*max)
        })
        .collect();
    let paragraphs: Vec<Paragraph> = paragraphs(text)
        .into_iter()
        .map(|(lines, excerpt)| {
            let skipped = source
                .skip
                .iter()
                .find(|s| s.lines[0] <= lines[0] && lines[1] <= s.lines[1])
                .map(|s| s.reason.clone());
            // Ranges are sorted by start: those starting at or before the paragraph's end overlap
            // it when one of them reaches its first line.
            let end = cited_ranges.partition_point(|r| r[0] <= lines[1]);
            let cited = end
                .checked_sub(1)
                .and_then(|k| reach.get(k))
                .is_some_and(|&last| last >= lines[0]);
            Paragraph {
                lines,
                excerpt,
                cited,
                skipped,
            }
        })
        .collect();
    let counted = paragraphs.iter().filter(|p| p.skipped.is_none()).count();
    let cited = paragraphs
        .iter()
        .filter(|p| p.skipped.is_none() && p.cited)
        .count();
    SourceCoverage {
        source: source.id.clone(),
        file: source.file.clone().unwrap_or_default(),
        paragraphs,
        counted,
        cited,
    }
}

/// Coverage of every source of `map` that names a file, read from `folder`. Sources whose file
/// cannot be read from it give an E011 diagnostic instead.
pub fn coverage(map: &Map, folder: &SourceFolder) -> (Vec<SourceCoverage>, Vec<Diagnostic>) {
    let mut out = Vec::new();
    let mut diagnostics = Vec::new();
    for source in &map.sources {
        let Some(file) = &source.file else { continue };
        match folder.read(file) {
            Ok(bytes) => {
                let text = crate::text::decode::decode(&bytes).text;
                out.push(source_coverage(map, source, &text));
            }
            Err(e) => diagnostics.push(
                Diagnostic::new(
                    Code::SourceFileMissing,
                    format!("cannot read the text of source {:?}: {e}", source.id),
                )
                .with_help("--sources names the folder that holds the source texts"),
            ),
        }
    }
    (out, diagnostics)
}

/// The report for people: one line per source, then its uncited paragraphs.
pub fn render_text(report: &[SourceCoverage]) -> String {
    if report.is_empty() {
        return "no source of the map names a `file`: there is nothing to cover\n".to_string();
    }
    let mut out = String::new();
    for s in report {
        let skipped = s.paragraphs.len() - s.counted;
        let _ = writeln!(
            out,
            "{} ({}): {}/{} paragraphs cited ({:.1}%), {} skipped",
            s.source,
            s.file,
            s.cited,
            s.counted,
            s.percent(),
            skipped
        );
        for p in s.uncited() {
            let _ = writeln!(
                out,
                "  uncited: lines {}-{}: {}",
                p.lines[0], p.lines[1], p.excerpt
            );
        }
    }
    let counted: usize = report.iter().map(|s| s.counted).sum();
    let cited: usize = report.iter().map(|s| s.cited).sum();
    let total = if counted == 0 {
        100.0
    } else {
        cited as f64 * 100.0 / counted as f64
    };
    let _ = writeln!(
        out,
        "total: {cited}/{counted} paragraphs cited ({total:.1}%)"
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Node, Skip};

    #[test]
    fn a_map_without_source_files_says_so() {
        assert_eq!(
            render_text(&[]),
            "no source of the map names a `file`: there is nothing to cover\n"
        );
    }

    #[test]
    fn paragraphs_are_runs_of_non_blank_lines() {
        let text = "\na\nb\n\n  \nc\n";
        let p: Vec<[u32; 2]> = paragraphs(text).into_iter().map(|(l, _)| l).collect();
        assert_eq!(p, vec![[2, 3], [6, 6]]);
    }

    #[test]
    fn paragraphs_count_lines_as_citations_do() {
        let text = "a\rb\r\rc\r\nd";
        let p: Vec<[u32; 2]> = paragraphs(text).into_iter().map(|(l, _)| l).collect();
        assert_eq!(p, vec![[1, 2], [4, 5]]);
    }

    #[test]
    fn a_paragraph_is_cited_by_any_range_that_overlaps_it() {
        let source = Source {
            id: "s".into(),
            ..Source::default()
        };
        let text = "1\n\n3\n\n5\n6\n\n8\n\n10\n\n12";
        let mut map = Map::new();
        map.sources.push(source.clone());
        // A long range from line 2 to 5 (paragraphs 3 and 5-6), a short one inside 10, and
        // one in the blank line 11 that touches nothing.
        for (k, (first, last)) in [(2, 5), (10, 10), (11, 11)].into_iter().enumerate() {
            map.add_node(Node::statement(k.to_string(), "").with_citation("s", first, last))
                .unwrap();
        }
        let cov = source_coverage(&map, &source, text);
        let cited: Vec<([u32; 2], bool)> =
            cov.paragraphs.iter().map(|p| (p.lines, p.cited)).collect();
        assert_eq!(
            cited,
            vec![
                ([1, 1], false),
                ([3, 3], true),
                ([5, 6], true),
                ([8, 8], false),
                ([10, 10], true),
                ([12, 12], false)
            ]
        );
    }

    #[test]
    fn skipped_paragraphs_do_not_count() {
        let mut map = Map::new();
        let source = Source {
            id: "s".into(),
            file: Some("s.txt".into()),
            skip: vec![Skip {
                lines: [5, 5],
                reason: "footnote".into(),
            }],
            ..Source::default()
        };
        map.sources.push(source.clone());
        map.add_node(Node::statement("A", "a").with_citation("s", 2, 2))
            .unwrap();
        let cov = source_coverage(&map, &source, "x\ny\n\nz\nfoot\n");
        // Paragraph 1-2 is cited through line 2; 4-5 is neither cited nor wholly skipped.
        assert_eq!(cov.counted, 2);
        assert_eq!(cov.cited, 1);
        assert_eq!(cov.uncited().next().map(|p| p.lines), Some([4, 5]));
    }
}
