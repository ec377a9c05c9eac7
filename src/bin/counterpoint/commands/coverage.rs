//! `counterpoint coverage`: for each source text, the paragraphs no node cites and the share
//! cited.

use counterpoint::check::coverage;

use super::{eprint_diagnostics, load_map, pretty, print_out};
use crate::args::{CoverageArgs, DiagnosticFormat};
use crate::error::Failure;

/// Prints the report; [`Failure::CheckFailed`] when a source is below `--fail-under`.
pub(super) fn run(args: CoverageArgs) -> Result<(), Failure> {
    let map = load_map(&args.inputs)?;
    let folder = args.inputs.source_folder(&args.sources)?;
    let (report, diagnostics) = coverage::coverage(&map, &folder);
    if !diagnostics.is_empty() {
        eprint_diagnostics(&diagnostics);
        return Err(Failure::MapHasErrors);
    }
    match args.format {
        DiagnosticFormat::Text => print_out(&coverage::render_text(&report))?,
        DiagnosticFormat::Json => print_out(&pretty(&report)?)?,
    }
    let below = args
        .fail_under
        .is_some_and(|min| report.iter().any(|s| s.percent() < min));
    if below {
        return Err(Failure::CheckFailed);
    }
    Ok(())
}
