//! `counterpoint status` output: text for people, JSON for tools. Both stream, one line per
//! argument, so a framework of a million arguments prints without building it in memory.
//!
//! The order is the subject's ([`Subject::groups`]): for a map, the motion first, then each
//! camp's theses, then the other nodes by side. Under the motion, each thesis and each point
//! asked for with `--why`, the text says what the verdict hinges on.
//!
//! JSON shape (one node object per line):
//! ```json
//! {"semantics": "grounded", "total": 3, "counts": {"in": 1, "out": 1, "undec": 1},
//!  "nodes": [
//!   {"id": "[A]", "title": "A", "side": "pro", "label": "out",
//!    "reason": "falls: ...", "because": ["<B>", "<C>"], "internal_disputes": ["<C>"],
//!    "strength": 0.25,
//!    "hinges_on": [{"from": "<B>", "to": "[A]", "relation": "rebuts",
//!                   "label_without": "in", "strength_without": 0.5}]}
//!  ]}
//! ```
//! Every node carries `id`, `title`, `side`, `label` (grounded), `reason`, `because` (the points
//! the reason names, in the order it names them: opponents first, the strongest first) and
//! `strength` (DF-QuAD), whatever the semantics (for a bare ICCMA framework, under `dfquad`
//! only: see [`crate::analysis::status`]); `internal_disputes` lists the allies among
//! `because`, when there are any. The motion, the theses and the points asked for carry
//! `hinges_on`, or `"hinges_on": null` and a `hinges_note` saying why it was not computed.
//!
//! For `preferred`/`stable`: `"extensions": [[ids...], ...]` (complete, sorted by argument
//! order) and per node `"extensions": k` (how many contain it) and `"accepted"`: `"every"`,
//! `"some"` or `"none"`. For `dfquad`: `"unsettled": [ids...]` (points on cycles whose
//! strengths did not settle) and per node its `"base"` score.

use std::borrow::Cow;
use std::io::{self, Write};

use serde::Serialize;

use super::reasons::{join_and, sentence};
use super::subject::Subject;
use crate::analysis::extensions;
use crate::analysis::status::{Semantics, Verdict};
use crate::analysis::strength::{aggregate, DEFAULT_BASE, ROUNDS};
use crate::graph::framework::Framework;
use crate::graph::names::Names;
use crate::graph::Label;

/// How many arguments the text names in one extension line before "and N more".
const NAMED: usize = 50;

/// The grounded sentence for argument `a`.
fn reason_of(verdict: &Verdict, a: u32, subject: &dyn Subject) -> String {
    match verdict.reasons.get(a) {
        Some(reason) => sentence(
            reason,
            &subject.because(&verdict.reasons, a),
            verdict.reasons.cycle_size(a),
            a,
            subject,
        ),
        None => String::new(),
    }
}

/// `stands`, `falls`, `undecided`.
fn verdict_word(label: Label) -> &'static str {
    match label {
        Label::In => "stands",
        Label::Out => "falls",
        Label::Undec => "undecided",
    }
}

/// The lines saying what `a`'s verdict hinges on (none for a point not explained).
pub(crate) fn hinge_lines(a: u32, subject: &dyn Subject) -> Vec<String> {
    match subject.hinges(a) {
        None => Vec::new(),
        Some(Err(e)) => vec![e.to_string()],
        Some(Ok(hinges)) if hinges.is_empty() => vec!["hinges on no single link".to_string()],
        Some(Ok(hinges)) => hinges
            .iter()
            .map(|h| {
                format!(
                    "hinges on: {} {} {} (without it: {}, strength {:.2})",
                    subject.node_name(h.from),
                    h.relation,
                    subject.node_name(h.to),
                    verdict_word(h.label_without),
                    h.strength_without
                )
            })
            .collect(),
    }
}

/// Argument `a`'s strength under `dfquad`, which always computes them.
fn dfquad(verdict: &Verdict, a: u32) -> f64 {
    verdict.strength(a).unwrap_or(DEFAULT_BASE)
}

/// How a point's strength comes about: `base 0.50; supported by 2 points (combined 0.75);
/// attacked by 1 point (0.50)`.
fn strength_sentence(fw: &Framework, verdict: &Verdict, a: u32, subject: &dyn Subject) -> String {
    let base = subject.base(a);
    let supporters = subject.supporters(a);
    let attackers = fw.attackers(a);
    let part = |verb: &str, args: &[u32]| {
        let combined = aggregate(args.iter().map(|&b| dfquad(verdict, b)));
        match args.len() {
            0 => None,
            1 => Some(format!("{verb} by 1 point ({combined:.2})")),
            k => Some(format!("{verb} by {k} points (combined {combined:.2})")),
        }
    };
    let parts: Vec<String> = [part("supported", &supporters), part("attacked", attackers)]
        .into_iter()
        .flatten()
        .collect();
    let mut text = if parts.is_empty() {
        format!("base {base:.2}; nothing supports or attacks it")
    } else {
        format!("base {base:.2}; {}", parts.join("; "))
    };
    if verdict.unsettled.binary_search(&a).is_ok() {
        text.push_str(" (on a cycle that did not settle)");
    }
    text
}

/// Writes the verdict for people.
pub fn write_text(
    out: &mut dyn Write,
    fw: &Framework,
    verdict: &Verdict,
    subject: &dyn Subject,
) -> io::Result<()> {
    let mut groups = subject.groups();
    let shown: usize = groups.iter().map(|(_, a)| a.len()).sum();
    let showing = if shown < subject.total() {
        format!(" Showing {shown} of {}.", subject.total())
    } else {
        String::new()
    };
    // One line per argument, under its group's heading: `label  name — sentence`, then any
    // further lines indented under the sentence.
    type Line<'a> = dyn Fn(u32) -> (Cow<'static, str>, String, Vec<String>) + 'a;
    // `width`: the widest label (`undecided` under grounded semantics).
    let rows =
        |out: &mut dyn Write, groups: &[(Option<String>, Vec<u32>)], width: usize, line: &Line| {
            for (heading, args) in groups {
                writeln!(out)?;
                let indent = match heading {
                    Some(h) => {
                        writeln!(out, "{h}")?;
                        "  "
                    }
                    None => "",
                };
                for &a in args {
                    let (label, sentence, more) = line(a);
                    writeln!(
                        out,
                        "{indent}{label:<width$} {} — {sentence}",
                        subject.name(a)
                    )?;
                    for m in more {
                        writeln!(out, "{indent}{:width$} {m}", "")?;
                    }
                }
            }
            io::Result::Ok(())
        };
    let grounded = &verdict.grounded;
    let total = subject.total();
    let points = format!("{total} point{}", if total == 1 { "" } else { "s" });
    match (&verdict.extensions, verdict.semantics) {
        (_, Semantics::Dfquad) => {
            writeln!(
                out,
                "DF-QuAD strength (Rago et al. 2016) of {points}, from 0 to 1: each point starts \
                 from its base score (0.50 unless it has a weight); supports raise it, attacks \
                 lower it.{showing}"
            )?;
            for (_, args) in groups.iter_mut() {
                args.sort_by(|&x, &y| dfquad(verdict, y).total_cmp(&dfquad(verdict, x)));
            }
            rows(out, &groups, 6, &|a| {
                (
                    Cow::Owned(format!("{:.2}", dfquad(verdict, a))),
                    strength_sentence(fw, verdict, a, subject),
                    Vec::new(),
                )
            })?;
            if !verdict.unsettled.is_empty() {
                let names: Vec<String> = verdict
                    .unsettled
                    .iter()
                    .take(NAMED)
                    .map(|&a| subject.name(a))
                    .collect();
                let more = verdict.unsettled.len().saturating_sub(NAMED);
                let listed = if more > 0 {
                    format!("{} and {more} more", names.join(", "))
                } else {
                    join_and(&names)
                };
                writeln!(
                    out,
                    "\nOn cycles whose strengths did not settle within {} rounds (the values \
                     shown are the last reached): {listed}.",
                    2 * ROUNDS
                )?;
            }
            Ok(())
        }
        (None, _) => {
            let [i, o, u] = grounded.counts();
            writeln!(
                out,
                "Grounded semantics (Dung 1995): of {points}, {i} {}, {o} {}, {u} undecided.{showing}",
                if i == 1 { "stands" } else { "stand" },
                if o == 1 { "falls" } else { "fall" },
            )?;
            rows(out, &groups, 9, &|a| {
                (
                    Cow::Borrowed(verdict_word(grounded.label(a))),
                    reason_of(verdict, a, subject),
                    hinge_lines(a, subject),
                )
            })
        }
        (Some(extensions), _) => {
            let semantics = match verdict.semantics {
                Semantics::Stable => extensions::Semantics::Stable,
                _ => extensions::Semantics::Preferred,
            };
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
            rows(out, &groups, 6, &|a| {
                let k = counts.get(a as usize).copied().unwrap_or(0);
                (
                    Cow::Borrowed(accepted(k, count)),
                    accepted_sentence(k, count, name),
                    Vec::new(),
                )
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

/// One link a verdict hinges on, as JSON.
#[derive(Serialize)]
struct HingeRow {
    from: String,
    to: String,
    relation: crate::model::Relation,
    label_without: Label,
    strength_without: f64,
}

/// One node, as JSON (see the module documentation).
#[derive(Serialize)]
struct Row<'a> {
    id: String,
    title: String,
    side: Option<Cow<'a, str>>,
    label: Label,
    reason: String,
    because: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    internal_disputes: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    strength: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    extensions: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    accepted: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    base: Option<f64>,
    /// `Some(None)` is written `null`: the hinges were asked for and not computed.
    #[serde(skip_serializing_if = "Option::is_none")]
    hinges_on: Option<Option<Vec<HingeRow>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hinges_note: Option<String>,
}

/// A strength for JSON: to 6 decimals (cycles settle to within 1e-9; further digits are noise).
fn rounded(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// The JSON record of argument `a`.
fn row<'a>(verdict: &Verdict, a: u32, subject: &'a dyn Subject, counts: &[usize]) -> Row<'a> {
    let because = subject.because(&verdict.reasons, a);
    let (hinges_on, hinges_note) = match subject.hinges(a) {
        None => (None, None),
        Some(Err(e)) => (Some(None), Some(e.to_string())),
        Some(Ok(hinges)) => {
            let rows = hinges
                .iter()
                .map(|h| HingeRow {
                    from: subject.node_name(h.from),
                    to: subject.node_name(h.to),
                    relation: h.relation,
                    label_without: h.label_without,
                    strength_without: rounded(h.strength_without),
                })
                .collect();
            (Some(Some(rows)), None)
        }
    };
    let extensions = verdict.extensions.as_ref();
    let k = counts.get(a as usize).copied().unwrap_or(0);
    Row {
        id: subject.name(a),
        title: subject.title(a),
        side: subject.side(a),
        label: verdict.grounded.label(a),
        reason: reason_of(verdict, a, subject),
        because: because.all().map(|b| subject.name(b)).collect(),
        internal_disputes: because.allies.iter().map(|&b| subject.name(b)).collect(),
        strength: verdict.strength(a).map(rounded),
        extensions: extensions.map(|_| k),
        accepted: extensions.map(|e| accepted(k, e.len())),
        base: (verdict.semantics == Semantics::Dfquad).then(|| rounded(subject.base(a))),
        hinges_on,
        hinges_note,
    }
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
    let semantics = verdict.semantics.as_str();
    let total = subject.total();
    let mut counts = Vec::new();
    match &verdict.extensions {
        Some(extensions) => {
            writeln!(out, "{{\"semantics\": \"{semantics}\", \"total\": {total},")?;
            write!(out, " \"extensions\": [")?;
            for (k, ext) in extensions.iter().enumerate() {
                let names: Vec<String> = ext.iter().map(|&a| subject.name(a)).collect();
                write!(out, "{}\n  ", if k == 0 { "" } else { "," })?;
                json(out, &names)?;
            }
            writeln!(out, "{}],", if extensions.is_empty() { "" } else { "\n " })?;
            counts = membership(fw.len(), extensions);
        }
        None if verdict.semantics == Semantics::Dfquad => {
            writeln!(out, "{{\"semantics\": \"{semantics}\", \"total\": {total},")?;
            write!(out, " \"unsettled\": ")?;
            let names: Vec<String> = verdict.unsettled.iter().map(|&a| subject.name(a)).collect();
            json(out, &names)?;
            writeln!(out, ",")?;
        }
        None => {
            let [i, o, u] = verdict.grounded.counts();
            writeln!(
                out,
                "{{\"semantics\": \"{semantics}\", \"total\": {total}, \"counts\": {{\"in\": {i}, \"out\": {o}, \"undec\": {u}}},",
            )?;
        }
    }
    write!(out, " \"nodes\": [")?;
    let mut first = true;
    for a in args {
        write!(out, "{}\n  ", if first { "" } else { "," })?;
        json(out, &row(verdict, a, subject, &counts))?;
        first = false;
    }
    writeln!(out, "{}]}}", if first { "" } else { "\n " })?;
    Ok(())
}

/// Writes the verdict as an ICCMA 2023 solver answers the task "some extension" (`SE-GR`,
/// `SE-PR`, `SE-ST`): `w` and the arguments of an extension, separated by spaces, in argument
/// order, then a line break; `NO` when the semantics has none. Grounded semantics gives the
/// grounded extension, preferred and stable the first extension found. Arguments are named as
/// the competition's files name them: by the name an apx or tgf file gives (`names`), otherwise
/// by number from 1 (an i23 file's numbers, or a map's nodes in map order, as
/// `export --to i23` numbers them). DF-QuAD has no extension: it is answered `NO`, and the
/// command line refuses it first.
pub fn write_iccma(
    out: &mut dyn Write,
    verdict: &Verdict,
    names: Option<&Names>,
) -> io::Result<()> {
    let grounded;
    let extension: &[u32] = match (verdict.semantics, &verdict.extensions) {
        (Semantics::Grounded, _) => {
            grounded = verdict.grounded.extension();
            &grounded
        }
        (Semantics::Preferred | Semantics::Stable, Some(found)) => match found.first() {
            Some(first) => first,
            None => return out.write_all(b"NO\n"),
        },
        _ => return out.write_all(b"NO\n"),
    };
    let mut line = Vec::with_capacity(2 + extension.len() * 8);
    line.push(b'w');
    for &a in extension {
        line.push(b' ');
        match names {
            Some(Names::Given(given)) if (a as usize) < given.len() => {
                line.extend_from_slice(given[a as usize].as_bytes());
            }
            _ => {
                // `write!` into a `Vec` cannot fail.
                let _ = write!(line, "{}", u64::from(a) + 1);
            }
        }
    }
    line.push(b'\n');
    out.write_all(&line)
}

/// One value as compact JSON.
fn json<T: Serialize>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    serde_json::to_writer(out, value).map_err(io::Error::from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::extensions::Limits;
    use crate::analysis::stakes::Stakes;
    use crate::analysis::status::{verdict, verdict_of_map};
    use crate::analysis::strength::Strengths;
    use crate::analysis::why::{to_explain, Hinges};
    use crate::graph::framework::MapFramework;
    use crate::graph::names::Names;
    use crate::model::{Map, Relation};
    use crate::render::views::subject::{FrameworkSubject, MapStatus, MapSubject};

    fn text(fw: &Framework, v: &Verdict, subject: &dyn Subject) -> String {
        let mut out = Vec::new();
        write_text(&mut out, fw, v, subject).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn strengths_that_did_not_settle_are_reported() {
        // a -> b; pretend b's cycle did not settle.
        let fw = Framework::from_attacks(2, &[0], &[1]).unwrap();
        let mut v = verdict(&fw, Semantics::Dfquad, Limits::default()).unwrap();
        v.unsettled = vec![1];
        let names = Names::Numbered;
        let subject = FrameworkSubject {
            names: &names,
            len: 2,
        };
        let t = text(&fw, &v, &subject);
        let lines: Vec<&str> = t.lines().skip(2).collect();
        assert_eq!(
            lines,
            [
                "0.50   1 — base 0.50; nothing supports or attacks it",
                "0.25   2 — base 0.50; attacked by 1 point (0.50) (on a cycle that did not settle)",
                "",
                "On cycles whose strengths did not settle within 2000 rounds (the values shown \
                 are the last reached): 2.",
            ]
        );
    }

    #[test]
    fn hinges_not_computed_are_null_with_a_note() {
        // T rebuts the motion M; X rebuts T.
        let (mut map, _) = Map::of(
            [("[M]", ""), ("[T]", "con"), ("<X>", "pro")],
            &[
                ("[T]", Relation::Rebuts, "[M]"),
                ("<X>", Relation::Rebuts, "[T]"),
            ],
        );
        map.motion = Some("M".into());
        let mf = MapFramework::new(&map).unwrap();
        let strengths = Strengths::of(&map);
        let v = verdict_of_map(&mf, &strengths, Semantics::Grounded, Limits::default()).unwrap();
        let points = to_explain(&map, &Stakes::of(&map), &[]);
        // A limit of 5 steps: T's part (1 link, 2 points: 3 steps) is tested, M's (10) is not.
        let hinges = Hinges::of(&map, &points, &[], 5);
        let words = MapSubject {
            map: &map,
            mf: &mf,
            selection: None,
        };
        let subject = MapStatus::new(words, &strengths, hinges);
        let mut out = Vec::new();
        write_json(&mut out, &mf.framework, &v, &subject).unwrap();
        let json = String::from_utf8(out).unwrap();
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        let m = &value["nodes"][0];
        assert_eq!(m["id"], "[M]");
        assert!(m["hinges_on"].is_null() && m.get("hinges_on").is_some());
        assert_eq!(
            m["hinges_note"],
            "what [M] hinges on is not computed: at least 2 links among 3 points bear on it, and \
             testing each one would take at least 10 steps (the limit is 5)"
        );
        let t = &value["nodes"][1];
        assert_eq!(t["id"], "[T]");
        assert_eq!(t["hinges_on"][0]["from"], "<X>");
        assert!(t.get("hinges_note").is_none());
        let text = text(&mf.framework, &v, &subject);
        assert!(
            text.contains(
                "Motion\n  stands    [M] — stands: its only rebuttal [T] falls\n            what [M] \
                 hinges on is not computed: at least 2 links among 3 points bear on it, and \
                 testing each one would take at least 10 steps (the limit is 5)\n"
            ),
            "{text}"
        );
    }
}
