//! What hovering over a title shows: the node's kind, side and camp, its text, its grounded
//! verdict with the reason, its DF-QuAD strength, and the lines it cites (with the quote in
//! bold, when the sources folder is configured and the quote is found in them). Texts from the
//! map and the sources are escaped: only the hover's own Markdown is markup.

use std::fmt::Write as _;
use std::path::Path;

use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind};
use petgraph::stable_graph::NodeIndex;

use super::position;
use super::workspace::Folder;
use crate::files::{Limits, SourceFolder};
use crate::render::views::citation;
use crate::render::views::clashes::verdict;
use crate::render::views::reasons::{sentence, Because};
use crate::render::views::subject::MapSubject;
use crate::render::views::unanswered::markdown_escape;

/// The hover for the title at the 1-based `line` and `column` of file `file`.
pub(crate) fn hover(
    folder: &mut Folder,
    file: usize,
    line: usize,
    column: usize,
    sources: Option<&Path>,
) -> Option<Hover> {
    let mention = folder.mention_at(file, line, column)?;
    let ix = folder.node_of(&mention)?;
    let text = describe(folder, ix, sources);
    let range = position::range(folder.text(file), mention.line, mention.column, mention.len);
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: text,
        }),
        range: Some(range),
    })
}

/// The Markdown shown for node `ix`.
pub(crate) fn describe(folder: &mut Folder, ix: NodeIndex, sources: Option<&Path>) -> String {
    folder.analyse();
    let folder = &*folder;
    let mut out = String::new();
    let verdict_line = folder.analysis().and_then(|a| {
        let arg = a.framework.arg(ix)?;
        let label = a.verdict.grounded.label(arg);
        let strength = a.verdict.strength(arg).unwrap_or_default();
        let reason = a.verdict.reasons.get(arg)?;
        let words = MapSubject {
            map: folder.map(),
            mf: &a.framework,
            selection: None,
        };
        let why = sentence(
            reason,
            &Because::plain(&a.verdict.reasons, arg),
            a.verdict.reasons.cycle_size(arg),
            arg,
            &words,
        );
        let camp = a
            .camps
            .camp(ix)
            .and_then(|c| a.camps.info(c))
            .filter(|c| c.declared)
            .map(|c| format!("{} ({})", c.id, c.label));
        Some((verdict(label, strength), why, camp))
    });
    let map = folder.map();
    let node = map.node(ix);
    let _ = write!(
        out,
        "**{}** `{}` · {}",
        node.element.as_str(),
        node.id,
        map.kind(ix)
    );
    if let Some(side) = node.side.as_deref() {
        match map.side(side) {
            Some(s) if s.label != *side => {
                let _ = write!(out, " · side `{side}` ({})", s.label);
            }
            _ => {
                let _ = write!(out, " · side `{side}`");
            }
        }
    }
    if let Some((_, _, Some(camp))) = &verdict_line {
        let _ = write!(out, " · camp {camp}");
    }
    out.push_str("\n\n");
    let said = markdown_escape(&node.text);
    if !said.is_empty() {
        let _ = write!(out, "{said}\n\n");
    }
    if let Some((verdict, why, _)) = &verdict_line {
        let _ = write!(out, "**{verdict}** — {why}\n\n");
    }
    let folder_of_sources = sources.and_then(|d| SourceFolder::new(d, Limits::default()).ok());
    for c in &node.citations {
        let _ = writeln!(out, "cites `{}`", citation(c));
        let Some(sources) = &folder_of_sources else {
            continue;
        };
        let Some(file) = map.source(&c.source).and_then(|s| s.file.as_deref()) else {
            continue;
        };
        let Ok(bytes) = sources.read(file) else {
            continue;
        };
        let text = crate::text::decode::decode(&bytes).text;
        let [first, last] = c.lines;
        out.push('\n');
        for n in first..=last.min(first.saturating_add(50)) {
            let line = position::line_of(&text, n as usize);
            // The source's own text, escaped: only the bold of the quote is markup.
            let shown = match c.quote.as_deref().filter(|q| !q.is_empty()) {
                Some(q) => match line.split_once(q) {
                    Some((before, after)) => format!(
                        "{}**{}**{}",
                        escape_part(before),
                        markdown_escape(q),
                        escape_part(after)
                    ),
                    None => markdown_escape(line),
                },
                None => markdown_escape(line),
            };
            let _ = writeln!(out, "> {n}: {shown}  ");
        }
        out.push('\n');
    }
    out.trim_end().to_string()
}

/// `part` of a line escaped for Markdown, a space at either end kept (where it meets the bold
/// quote).
fn escape_part(part: &str) -> String {
    let lead = if part.starts_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    let trail = if part.ends_with(char::is_whitespace) && !part.trim().is_empty() {
        " "
    } else {
        ""
    };
    format!("{lead}{}{trail}", markdown_escape(part))
}
