//! The commands, one module per command or close family, and what they share: loading the
//! inputs with their diagnostics reported, writing output to a file or standard output, and
//! the filters that shrink a map.

use std::io::Write;
use std::path::PathBuf;

use counterpoint::diagnostic;
use counterpoint::load::{self, LoadError, Loaded};
use counterpoint::render;

use crate::args::{Command, DiagramArgs, FilterArgs, Inputs};
use crate::error::Failure;

mod check;
mod coverage;
mod draw;
mod export;
mod fmt;
mod prep;
mod stats;
mod status;
mod unanswered;

/// Runs the command `cli` names.
pub(crate) fn run(cli: crate::args::Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Export(args) => export::run(args),
        Command::Fmt(args) => fmt::run(args),
        Command::Coverage(args) => coverage::run(args),
        Command::Render(args) => draw::render(args),
        Command::Report(args) => draw::report(args),
        Command::Unanswered(args) => unanswered::run(args),
        Command::Status(args) => status::run(args),
        Command::Prep(args) => prep::run(args),
        Command::Stats(args) => stats::run(args),
    }
}

/// Reads the inputs as one map, diagnostics and all.
fn read(inputs: &Inputs) -> Result<Loaded, LoadError> {
    load::load_with(&inputs.paths, inputs.format(), inputs.limits())
}

/// Loads the inputs and prints their diagnostics to stderr; errors in the map stop the command
/// ([`Failure::MapHasErrors`]), warnings do not.
fn load_map(inputs: &Inputs) -> Result<Loaded, Failure> {
    reported(read(inputs)?)
}

/// Prints a loaded map's diagnostics to stderr; [`Failure::MapHasErrors`] when any is an error.
fn reported(loaded: Loaded) -> Result<Loaded, Failure> {
    if !loaded.diagnostics.is_empty() {
        eprint!("{}", diagnostic::render_all(&loaded.diagnostics));
    }
    if loaded.has_errors() {
        return Err(Failure::MapHasErrors);
    }
    Ok(loaded)
}

/// Writes `text` to standard output; unlike `print!`, a closed pipe is an error, not a panic.
fn print_out(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Writes `text` (or bytes) to `output` (atomically, never over an input) or to stdout.
fn emit(text: impl AsRef<[u8]>, output: Option<&PathBuf>, inputs: &Inputs) -> Result<(), Failure> {
    let bytes = text.as_ref();
    emit_with(output, inputs, |out| out.write_all(bytes))
}

/// Like [`emit`], for output that `write` writes piece by piece (to a buffered writer), so that
/// it is never held whole in memory.
fn emit_with(
    output: Option<&PathBuf>,
    inputs: &Inputs,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Failure> {
    match output {
        Some(path) => counterpoint::output::write_atomic_with(path, &inputs.paths, write)?,
        None => {
            let mut out = std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout().lock());
            write(&mut out)?;
            out.flush()?;
        }
    }
    Ok(())
}

/// A JSON value as pretty text with a final line break.
fn pretty(value: &serde_json::Value) -> Result<String, Failure> {
    let mut s = serde_json::to_string_pretty(value)?;
    s.push('\n');
    Ok(s)
}

/// The part of `map` a filter keeps, and the note a diagram shows about what it left out.
fn filtered(map: counterpoint::Map, filter: &FilterArgs) -> Result<Part, Failure> {
    let filter = filter.filter();
    if filter.is_empty() {
        return Ok(Part {
            map,
            note: None,
            verdicts: None,
        });
    }
    let part = filter.apply(&map)?;
    let note = match part.hidden {
        0 => None,
        1 => Some("1 node hidden by the filters".to_string()),
        n => Some(format!("{n} nodes hidden by the filters")),
    };
    Ok(Part {
        map: part.map,
        note,
        verdicts: Some(part.verdicts),
    })
}

/// What the filters kept of a map: the part, a note saying what was hidden, and the whole map's
/// verdicts on the kept nodes (for drawings; `None` when nothing was filtered).
struct Part {
    map: counterpoint::Map,
    note: Option<String>,
    verdicts: Option<counterpoint::analysis::filter::Verdicts>,
}

/// The map to draw and the options to draw it with. (Filters that hide part of the map belong
/// here: they shrink the map and say what they hid in `note`.)
fn diagram(
    map: counterpoint::Map,
    args: &DiagramArgs,
) -> Result<(counterpoint::Map, render::RenderOptions), Failure> {
    let part = filtered(map, &args.filter)?;
    let mut opts = args.options();
    opts.note = part.note;
    opts.verdicts = part.verdicts;
    Ok((part.map, opts))
}
