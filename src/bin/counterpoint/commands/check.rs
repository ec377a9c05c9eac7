//! `counterpoint check`: every diagnostic of the maps (and, with `--sources`, of their
//! citations; with `--lint all`, the infos too), printed to standard output.

use counterpoint::diagnostic;

use super::{keep_until_exit, pretty, print_out, print_styled, read};
use crate::args::{CheckArgs, DiagnosticFormat, Lint};
use crate::error::Failure;

/// Prints the diagnostics; [`Failure::MapHasErrors`] when any is an error (infos never are).
pub(super) fn run(args: CheckArgs) -> Result<(), Failure> {
    let mut loaded = read(&args.inputs)?;
    if let Some(dir) = &args.sources {
        let folder = args.inputs.source_folder(dir)?;
        loaded
            .diagnostics
            .extend(counterpoint::check::citations::check_sources(
                &loaded.map,
                &folder,
                &loaded.texts,
            ));
    }
    match args.lint {
        Lint::All => loaded
            .diagnostics
            .extend(counterpoint::check::chronology::earlier_attacks(
                &loaded.map,
                &loaded.texts,
            )),
        Lint::Default => loaded.diagnostics.retain(|d| !d.is_info()),
    }
    diagnostic::sort(&mut loaded.diagnostics, &loaded.files);
    match args.format {
        DiagnosticFormat::Text => {
            // The diagnostics are what `check` was asked for: standard output, coloured there
            // on a terminal.
            let text = diagnostic::render_all_styled(&loaded.diagnostics);
            print_styled(&text, None, &args.inputs)?;
        }
        DiagnosticFormat::Json => {
            print_out(&pretty(&diagnostic::to_json_array(&loaded.diagnostics))?)?;
        }
    }
    if let Some(hint) = counterpoint::inputs::folder_hint(&args.inputs.paths, &loaded.diagnostics) {
        eprintln!("{hint}");
    }
    let failed = loaded.has_errors();
    keep_until_exit(loaded);
    if failed {
        return Err(Failure::MapHasErrors);
    }
    Ok(())
}
