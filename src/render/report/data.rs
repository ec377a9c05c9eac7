//! What the report's script shows beyond the map itself, computed once when the page is made:
//! each point's verdict in words (the sentence `status` prints, naming every standing attacker
//! and its camp), its strength, what the verdicts on the motion and the theses hinge on, the
//! camps and their theses, the clashes in the order of the briefs (`analysis::clashes`, the data
//! `clashes --format json` prints), and, with `report --sources DIR`, the cited lines of each
//! citation with one line of context, read only from inside `DIR`.
//!
//! Everything here is data for the page's JSON; the page sets it with `textContent` only.

use std::collections::HashMap;

use petgraph::stable_graph::NodeIndex;
use serde_json::{json, Value};

use crate::analysis::camps::Camps;
use crate::analysis::clashes::{self, Clash};
use crate::analysis::extensions::Limits;
use crate::analysis::hinges::DEFAULT_WORK;
use crate::analysis::stakes::Stakes;
use crate::analysis::status::{verdict_of_map, Semantics};
use crate::analysis::why::{self, Hinges};
use crate::analysis::Verdicts;
use crate::check::citations::normalize;
use crate::files::SourceFolder;
use crate::graph::framework::MapFramework;
use crate::graph::Label;
use crate::model::{Citation, Map};
use crate::render::verdicts::status_marker;
use crate::render::views::reasons::sentence;
use crate::render::views::subject::{MapStatus, MapSubject, Subject};
use crate::style::names::NodeIds;
use crate::style::palette::Palette;
use crate::text::decode::decode;

/// How many lines around the cited ones the detail panel shows.
const CONTEXT: usize = 1;
/// The most lines of a source shown for one citation (a long range is cut, and says so).
const MAX_SHOWN: usize = 40;
/// The characters of a source line the page shows at most.
const MAX_LINE_CHARS: usize = 2_000;

/// What the analyses say about each node, by `NodeIndex::index()`.
pub(crate) struct Analysis {
    /// The sentence `status` prints for the node (`falls: rebutted by ...`), empty when it
    /// could not be computed.
    pub(crate) reasons: Vec<String>,
    /// For the motion and the theses, the lines saying what the verdict hinges on.
    pub(crate) hinges: HashMap<usize, Vec<String>>,
    /// The map's camps.
    pub(crate) camps: Camps,
    /// The map's stakes (theses, contentions).
    pub(crate) stakes: Stakes,
}

impl Analysis {
    /// The analyses of `map`, as `status` makes them.
    pub(crate) fn of(map: &Map) -> Analysis {
        let camps = Camps::of(map);
        let stakes = Stakes::of(map);
        let bound = map.index_bound();
        let mut out = Analysis {
            reasons: vec![String::new(); bound],
            hinges: HashMap::new(),
            camps,
            stakes,
        };
        let Ok(mf) = MapFramework::new(map) else {
            return out;
        };
        let strengths = crate::analysis::strength::Strengths::of(map);
        let Ok(verdict) = verdict_of_map(&mf, &strengths, Semantics::Grounded, Limits::default())
        else {
            return out;
        };
        let words = MapSubject {
            map,
            mf: &mf,
            selection: None,
        };
        let mut subject = MapStatus::new(words, &strengths, Hinges::default());
        let explained = why::to_explain(map, &subject.stakes, &[]);
        subject.hinges = Hinges::of(map, &explained, &[], DEFAULT_WORK);
        for (ix, _) in map.nodes() {
            let Some(a) = mf.arg(ix) else { continue };
            if let Some(reason) = verdict.reasons.get(a) {
                out.reasons[ix.index()] = sentence(
                    reason,
                    &subject.because(&verdict.reasons, a),
                    verdict.reasons.cycle_size(a),
                    a,
                    &subject,
                );
            }
            if let Some(lines) = hinge_lines(&subject, a) {
                out.hinges.insert(ix.index(), lines);
            }
        }
        out
    }
}

/// What the verdict on `a` hinges on, as `status` words it; `None` for a point not explained.
fn hinge_lines(subject: &MapStatus<'_>, a: u32) -> Option<Vec<String>> {
    subject.hinges(a)?;
    Some(crate::render::views::status::hinge_lines(a, subject))
}

/// The camps as the page lists them: id, label, colour (its first side's) and sides.
pub(crate) fn camps_json(camps: &Camps, palette: &Palette) -> Vec<Value> {
    camps
        .list()
        .iter()
        .map(|c| {
            let color = palette.color(c.sides.first().map(String::as_str));
            json!({"id": c.id, "label": c.label, "color": color.hex(), "sides": c.sides})
        })
        .collect()
}

/// The camp id of each node, or `null`.
pub(crate) fn camp_of(camps: &Camps, ix: NodeIndex) -> Value {
    camps
        .camp(ix)
        .and_then(|c| camps.info(c))
        .map_or(Value::Null, |c| Value::String(c.id.clone()))
}

/// The theses in the order `status` lists them: by camp, in the camps' order (points in no
/// camp last), each camp's in map order.
pub(crate) fn theses(map: &Map, analysis: &Analysis, ids: &NodeIds) -> Vec<Value> {
    let mut theses: Vec<(u32, NodeIndex)> = analysis
        .stakes
        .theses(map)
        .map(|ix| (analysis.camps.camp(ix).unwrap_or(u32::MAX), ix))
        .collect();
    theses.sort_by_key(|&(c, _)| c);
    theses
        .into_iter()
        .map(|(_, ix)| Value::String(ids.get(ix).to_string()))
        .collect()
}

/// The clashes in the order of the briefs, each as `{point, camp, topics, verdict, strength,
/// leadsTo, against, unlisted, attacks, moves}`: `moves` breadth first as
/// [`Clash::moves`] holds them (`{node, relation, verdict, strength, repeat, unlisted,
/// replies}`, replies as indices into `moves`), the first `attacks` of them attacking the point.
pub(crate) fn clashes_json(
    map: &Map,
    analysis: &Analysis,
    verdicts: &Verdicts,
    ids: &NodeIds,
) -> Vec<Value> {
    let list = clashes::clashes(map, &analysis.camps, verdicts, &analysis.stakes);
    list.iter()
        .map(|c: &Clash| {
            let moves: Vec<Value> = c
                .moves
                .iter()
                .map(|m| {
                    json!({
                        "node": ids.get(m.node),
                        "relation": m.relation.as_str(),
                        "verdict": label_word(m.verdict),
                        "strength": rounded(m.strength),
                        "repeat": m.repeat,
                        "unlisted": m.unlisted,
                        "replies": m.replies,
                    })
                })
                .collect();
            json!({
                "point": ids.get(c.point),
                "camp": c.camp.and_then(|k| analysis.camps.info(k)).map(|k| k.id.clone()),
                "topics": c.topics,
                "verdict": label_word(c.verdict),
                "strength": rounded(c.strength),
                "leadsTo": c.leads_to.map(|t| ids.get(t).to_string()),
                "against": c.against,
                "unlisted": c.unlisted,
                "attacks": c.attacks,
                "moves": moves,
            })
        })
        .collect()
}

/// `stands`, `falls` or `undecided`.
pub(crate) fn label_word(label: Label) -> &'static str {
    status_marker(label).2
}

/// A strength rounded to two decimals, as the outputs print it.
pub(crate) fn rounded(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The source texts read for the page: each file read once, or why it could not be read.
pub(crate) struct SourceLines<'a> {
    folder: Option<&'a SourceFolder>,
    read: HashMap<String, Result<Vec<String>, String>>,
}

impl<'a> SourceLines<'a> {
    /// Source texts read from `folder` (none when `None`).
    pub(crate) fn new(folder: Option<&'a SourceFolder>) -> SourceLines<'a> {
        SourceLines {
            folder,
            read: HashMap::new(),
        }
    }

    /// Whether a sources folder was given.
    pub(crate) fn given(&self) -> bool {
        self.folder.is_some()
    }

    /// What the page shows of `citation`'s source: `{"lines": [{"n", "text", "cited"}],
    /// "found": bool}` (the cited lines with one line of context; whether the quote occurs in
    /// the cited lines), `{"missing": why}` when the text could not be read, nothing without a
    /// sources folder.
    pub(crate) fn of(&mut self, map: &Map, citation: &Citation) -> Option<Value> {
        let folder = self.folder?;
        let Some(source) = map.source(&citation.source) else {
            return Some(
                json!({"missing": format!("the source {:?} is not declared", citation.source)}),
            );
        };
        let Some(file) = source.file.clone() else {
            return Some(json!({"missing": format!("the source {:?} names no file", source.id)}));
        };
        let lines = self.read.entry(file.clone()).or_insert_with(|| {
            folder
                .read(&file)
                .map(|bytes| {
                    crate::text::lines::lines(&decode(&bytes).text)
                        .map(str::to_string)
                        .collect()
                })
                .map_err(|e| e.to_string())
        });
        let lines = match lines {
            Ok(lines) => lines,
            Err(why) => return Some(json!({"missing": why})),
        };
        let [first, last] = citation.lines.map(|l| l as usize);
        if first == 0 || first > last || first > lines.len() {
            let named = if first == last {
                format!("line {first}")
            } else {
                format!("lines {first}–{last}")
            };
            return Some(json!({"missing": format!(
                "{file} has {} lines; the citation names {named}", lines.len())}));
        }
        let last = last.min(lines.len());
        let cited = lines.get(first - 1..last).unwrap_or(&[]).join(" ");
        let found = citation
            .quote
            .as_deref()
            .map(|q| normalize(&cited).contains(&normalize(q)));
        let from = first.saturating_sub(CONTEXT).max(1);
        let to = (last + CONTEXT).min(lines.len());
        let mut shown: Vec<Value> = Vec::new();
        let mut cut = 0usize;
        for n in from..=to {
            if shown.len() >= MAX_SHOWN {
                cut += 1;
                continue;
            }
            let text = lines.get(n - 1).map_or("", String::as_str);
            // A line is shown up to MAX_LINE_CHARS characters: a source of one huge line is not
            // copied into the page once per citation.
            let text = match text.char_indices().nth(MAX_LINE_CHARS) {
                Some((k, _)) => format!("{}…", text.get(..k).unwrap_or(text)),
                None => text.to_string(),
            };
            shown.push(json!({"n": n, "text": text, "cited": n >= first && n <= last}));
        }
        Some(json!({"file": file, "lines": shown, "found": found, "cut": cut}))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::Limits;
    use crate::model::{Node, Source};

    #[test]
    fn a_huge_source_line_is_shown_cut() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("s.txt"),
            format!("{}\nend\n", "é".repeat(5_000)),
        )
        .unwrap();
        let folder = SourceFolder::new(dir.path(), Limits::default()).unwrap();
        let mut map = Map::new();
        map.sources.push(Source {
            id: "s".into(),
            file: Some("s.txt".into()),
            ..Source::default()
        });
        let node = Node::statement("A", "a").with_citation("s", 1, 1);
        let citation = node.citations[0].clone();
        map.add_node(node).unwrap();
        let shown = SourceLines::new(Some(&folder)).of(&map, &citation).unwrap();
        let first = shown["lines"][0]["text"].as_str().unwrap();
        assert_eq!(first.chars().count(), MAX_LINE_CHARS + 1);
        assert!(first.ends_with("é…"));
        assert_eq!(shown["lines"][1]["text"], "end");
    }
}
