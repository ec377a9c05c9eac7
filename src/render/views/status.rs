//! `counterpoint status` output: text for people, JSON for tools. Both stream, one line per
//! argument, so a framework of a million arguments prints without building it in memory.
//!
//! JSON shape (one node object per line):
//! ```json
//! {"semantics": "grounded", "total": 3, "counts": {"in": 1, "out": 1, "undec": 1},
//!  "nodes": [
//!   {"id": "[A]", "side": "pro", "label": "in", "reason": "stands: ...", "because": ["<B>"]}
//!  ]}
//! ```
//! For `preferred`/`stable`: `"extensions": [[ids...], ...]` (complete, sorted by argument
//! order) and per node `"extensions": k` (how many contain it) and `"accepted"`: `"every"`,
//! `"some"` or `"none"`.

use std::io::{self, Write};

use serde::Serialize;

use super::reasons::{join_and, sentence};
use super::subject::Subject;
use crate::analysis::extensions;
use crate::analysis::status::Verdict;
use crate::graph::framework::Framework;
use crate::graph::Label;

/// How many arguments the text names in one extension line before "and N more".
const NAMED: usize = 50;

/// Writes the verdict for people.
pub fn write_text(
    out: &mut dyn Write,
    fw: &Framework,
    verdict: &Verdict,
    subject: &dyn Subject,
) -> io::Result<()> {
    let groups = subject.groups();
    let shown: usize = groups.iter().map(|(_, a)| a.len()).sum();
    let showing = if shown < subject.total() {
        format!(" Showing {shown} of {}.", subject.total())
    } else {
        String::new()
    };
    // One line per argument, under its group's heading: `label  name — sentence`.
    let rows = |out: &mut dyn Write, line: &dyn Fn(u32) -> (&'static str, String)| {
        for (heading, args) in &groups {
            writeln!(out)?;
            let indent = match heading {
                Some(h) => {
                    writeln!(out, "{h}")?;
                    "  "
                }
                None => "",
            };
            for &a in args {
                let (label, sentence) = line(a);
                writeln!(out, "{indent}{label:<6} {} — {sentence}", subject.name(a))?;
            }
        }
        io::Result::Ok(())
    };
    match verdict {
        Verdict::Grounded { grounded, reasons } => {
            let [i, o, u] = grounded.counts();
            writeln!(
                out,
                "Grounded semantics (Dung 1995): of {} point{}, {i} {}, {o} {}, {u} undecided.{showing}",
                subject.total(),
                if subject.total() == 1 { "" } else { "s" },
                if i == 1 { "stands" } else { "stand" },
                if o == 1 { "falls" } else { "fall" },
            )?;
            rows(out, &|a| {
                let sentence = reasons
                    .get(a as usize)
                    .map(|r| sentence(r, fw, a, subject))
                    .unwrap_or_default();
                (grounded.label(a).as_str(), sentence)
            })
        }
        Verdict::Extensions {
            semantics,
            grounded,
            extensions,
        } => {
            let name = semantics.as_str();
            let title = match semantics {
                extensions::Semantics::Preferred => "Preferred",
                extensions::Semantics::Stable => "Stable",
            };
            let count = extensions.len();
            if count == 0 {
                return writeln!(
                    out,
                    "{title} semantics (Dung 1995): there is no {name} extension: no conflict-free \
                     set of points attacks every point outside it.{showing}"
                );
            }
            let base = grounded.extension();
            let plural = if count == 1 { "" } else { "s" };
            if base.is_empty() {
                writeln!(
                    out,
                    "{title} semantics (Dung 1995): {count} {name} extension{plural}:{showing}"
                )?;
            } else {
                writeln!(
                    out,
                    "{title} semantics (Dung 1995): {count} {name} extension{plural}. Each holds the {} \
                     that stand{} under grounded semantics, and:{showing}",
                    if base.len() == 1 { "1 point".to_string() } else { format!("{} points", base.len()) },
                    if base.len() == 1 { "s" } else { "" },
                )?;
            }
            for (k, ext) in extensions.iter().enumerate() {
                let extra: Vec<u32> = ext
                    .iter()
                    .copied()
                    .filter(|&a| grounded.label(a) != Label::In)
                    .collect();
                let mut names: Vec<String> =
                    extra.iter().take(NAMED).map(|&a| subject.name(a)).collect();
                if extra.len() > NAMED {
                    names.push(format!("{} more", extra.len() - NAMED));
                }
                let listed = match (names.is_empty(), base.is_empty()) {
                    (false, _) => join_and(&names),
                    (true, true) => "no points (the empty set)".to_string(),
                    (true, false) => "nothing more".to_string(),
                };
                writeln!(out, "  {}: {listed}", k + 1)?;
            }
            let counts = membership(fw.len(), extensions);
            rows(out, &|a| {
                let k = counts.get(a as usize).copied().unwrap_or(0);
                (accepted(k, count), accepted_sentence(k, count, name))
            })
        }
    }
}

/// `every`, `some` or `none`.
fn accepted(k: usize, count: usize) -> &'static str {
    if k == count {
        "every"
    } else if k == 0 {
        "none"
    } else {
        "some"
    }
}

fn accepted_sentence(k: usize, count: usize, name: &str) -> String {
    if k == count && count == 1 {
        format!("stands in the {name} extension")
    } else if k == count {
        format!("stands in every {name} extension")
    } else if k == 0 {
        format!("stands in no {name} extension")
    } else {
        format!("stands in {k} of {count} {name} extensions")
    }
}

/// How many extensions contain each argument.
fn membership(n: usize, extensions: &[Vec<u32>]) -> Vec<usize> {
    let mut counts = vec![0; n];
    for ext in extensions {
        for &a in ext {
            if let Some(c) = counts.get_mut(a as usize) {
                *c += 1;
            }
        }
    }
    counts
}

#[derive(Serialize)]
struct GroundedRow<'a> {
    id: String,
    side: Option<std::borrow::Cow<'a, str>>,
    label: Label,
    reason: String,
    because: Vec<String>,
}

#[derive(Serialize)]
struct ExtensionRow<'a> {
    id: String,
    side: Option<std::borrow::Cow<'a, str>>,
    grounded: Label,
    extensions: usize,
    accepted: &'static str,
}

/// Writes the verdict as JSON (see the module documentation).
pub fn write_json(
    out: &mut dyn Write,
    fw: &Framework,
    verdict: &Verdict,
    subject: &dyn Subject,
) -> io::Result<()> {
    let groups = subject.groups();
    let args = groups.iter().flat_map(|(_, a)| a.iter().copied());
    match verdict {
        Verdict::Grounded { grounded, reasons } => {
            let [i, o, u] = grounded.counts();
            writeln!(
                out,
                "{{\"semantics\": \"grounded\", \"total\": {}, \"counts\": {{\"in\": {i}, \"out\": {o}, \"undec\": {u}}},",
                subject.total()
            )?;
            write!(out, " \"nodes\": [")?;
            let mut first = true;
            for a in args {
                let row = GroundedRow {
                    id: subject.name(a),
                    side: subject.side(a),
                    label: grounded.label(a),
                    reason: reasons
                        .get(a as usize)
                        .map(|r| sentence(r, fw, a, subject))
                        .unwrap_or_default(),
                    because: reasons
                        .get(a as usize)
                        .map(|r| r.because(fw, a).iter().map(|&b| subject.name(b)).collect())
                        .unwrap_or_default(),
                };
                write!(out, "{}\n  ", if first { "" } else { "," })?;
                json(out, &row)?;
                first = false;
            }
            writeln!(out, "{}]}}", if first { "" } else { "\n " })?;
        }
        Verdict::Extensions {
            semantics,
            grounded,
            extensions,
        } => {
            writeln!(
                out,
                "{{\"semantics\": \"{}\", \"total\": {},",
                semantics.as_str(),
                subject.total()
            )?;
            write!(out, " \"extensions\": [")?;
            for (k, ext) in extensions.iter().enumerate() {
                let names: Vec<String> = ext.iter().map(|&a| subject.name(a)).collect();
                write!(out, "{}\n  ", if k == 0 { "" } else { "," })?;
                json(out, &names)?;
            }
            writeln!(out, "{}],", if extensions.is_empty() { "" } else { "\n " })?;
            write!(out, " \"nodes\": [")?;
            let counts = membership(fw.len(), extensions);
            let mut first = true;
            for a in args {
                let k = counts.get(a as usize).copied().unwrap_or(0);
                let row = ExtensionRow {
                    id: subject.name(a),
                    side: subject.side(a),
                    grounded: grounded.label(a),
                    extensions: k,
                    accepted: accepted(k, extensions.len()),
                };
                write!(out, "{}\n  ", if first { "" } else { "," })?;
                json(out, &row)?;
                first = false;
            }
            writeln!(out, "{}]}}", if first { "" } else { "\n " })?;
        }
    }
    Ok(())
}

/// One value as compact JSON.
fn json<T: Serialize>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    serde_json::to_writer(out, value).map_err(io::Error::other)
}
