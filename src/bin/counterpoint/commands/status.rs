//! `counterpoint status`: which points stand under grounded, preferred or stable semantics, or
//! how strong each is (DF-QuAD), with what the verdicts on the motion, the theses and the points
//! asked for with `--why` hinge on. One ICCMA file with no filter and no `--why` is read
//! straight into a compact framework (by the library, [`load::load_framework_or_map`]), so that
//! frameworks of any size can be judged.

use std::io::Write;

use counterpoint::analysis::extensions::Limits;
use counterpoint::analysis::filter::find_node;
use counterpoint::analysis::hinges::DEFAULT_WORK;
use counterpoint::analysis::status::{self, Semantics};
use counterpoint::analysis::strength::Strengths;
use counterpoint::analysis::why::{self, Hinges};
use counterpoint::graph::framework::{Framework, MapFramework};
use counterpoint::graph::Names;
use counterpoint::load::{self, FrameworkOrMap};
use counterpoint::render::views;
use counterpoint::render::views::subject::{FrameworkSubject, MapStatus, MapSubject, Subject};

use super::{emit_with, load_map, reported};
use crate::args::{StatusArgs, StatusFormat};
use crate::error::Failure;

/// Judges the map (or framework) and prints the verdict.
pub(super) fn run(args: StatusArgs) -> Result<(), Failure> {
    let semantics = args.semantics();
    let output = args.output.as_ref();
    let filter = args.filter.filter();
    let inputs = &args.inputs;
    if args.format == StatusFormat::Iccma {
        if semantics == Semantics::Dfquad {
            return Err(Failure::Usage(
                "--format iccma prints an extension, and dfquad gives strengths, not extensions: \
                 use --format text or json with dfquad, or another semantics"
                    .into(),
            ));
        }
        if !filter.is_empty() || !args.why.is_empty() {
            return Err(Failure::Usage(
                "--format iccma answers for the whole map: leave out the filters and --why, or \
                 use --format text or json"
                    .into(),
            ));
        }
    }
    let from_stdin = inputs
        .paths
        .iter()
        .any(|p| counterpoint::inputs::is_stdin(p));
    let map = if filter.is_empty() && args.why.is_empty() && !from_stdin {
        match load::load_framework_or_map(&inputs.paths, inputs.format(), inputs.limits())? {
            FrameworkOrMap::Framework(parsed) => {
                let fw = &parsed.framework;
                let progress = crate::progress::start("judging the framework");
                let verdict = status::verdict(fw, semantics, Limits::default())?;
                drop(progress);
                let subject = FrameworkSubject {
                    names: &parsed.names,
                    len: fw.len(),
                };
                return emit_with(output, inputs, |sink| {
                    write_status(
                        sink,
                        fw,
                        &verdict,
                        &subject,
                        args.format,
                        Some(&parsed.names),
                    )
                });
            }
            FrameworkOrMap::Map(loaded) => reported(*loaded, inputs)?,
        }
    } else {
        load_map(inputs)?
    };
    let map = &map;
    let asked = args
        .why
        .iter()
        .map(|title| find_node(map, title))
        .collect::<Result<Vec<_>, _>>()?;
    let sel = filter.select(map)?;
    let mf = MapFramework::new(map)?;
    if args.format == StatusFormat::Iccma {
        // The extension alone: no strengths, reasons' order or hinges to compute.
        let verdict = status::verdict(&mf.framework, semantics, Limits::default())?;
        return emit_with(output, inputs, |sink| {
            views::status::write_iccma(sink, &verdict, None)
        });
    }
    let progress = crate::progress::start("judging the map");
    let strengths = Strengths::of(map);
    let verdict = status::verdict_of_map(&mf, &strengths, semantics, Limits::default())?;
    let words = MapSubject {
        map,
        mf: &mf,
        selection: Some(&sel),
    };
    let mut subject = MapStatus::new(words, &strengths, Hinges::default());
    // The points explained: the motion, the theses and those asked for, if shown.
    let explained: Vec<_> = why::to_explain(map, &subject.stakes, &asked)
        .into_iter()
        .filter(|&ix| sel.contains(ix) || asked.contains(&ix))
        .collect();
    subject.hinges = Hinges::of(map, &explained, &asked, DEFAULT_WORK);
    drop(progress);
    emit_with(output, inputs, |sink| {
        write_status(sink, &mf.framework, &verdict, &subject, args.format, None)
    })
}

/// Writes the verdict; `names` are a bare framework's (a map's arguments are numbered in map
/// order in the ICCMA answer).
fn write_status(
    sink: &mut dyn Write,
    fw: &Framework,
    verdict: &status::Verdict,
    subject: &dyn Subject,
    format: StatusFormat,
    names: Option<&Names>,
) -> std::io::Result<()> {
    match format {
        StatusFormat::Text => views::status::write_text(sink, fw, verdict, subject),
        StatusFormat::Json => views::status::write_json(sink, fw, verdict, subject),
        StatusFormat::Iccma => views::status::write_iccma(sink, verdict, names),
    }
}
