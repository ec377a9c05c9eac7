//! The commands, one module per command or close family, and what they share: loading the
//! inputs with their diagnostics reported, writing output to a file or standard output, and
//! the filters that shrink a map.

use std::io::Write;
use std::path::PathBuf;

use counterpoint::analysis::filter::Filtered;
use counterpoint::diagnostic;
use counterpoint::load::Loaded;
use counterpoint::render;

use crate::args::{Command, DiagramArgs, FileFormat, FilterArgs, Inputs};
use crate::error::Failure;

mod check;
mod clashes;
mod coverage;
mod draw;
mod export;
mod fmt;
mod inputs;
mod lsp;
mod manual;
mod pictures;
mod prep;
mod serve;
mod stats;
mod status;
mod unanswered;

/// Runs the command `cli` names.
pub(crate) fn run(mut cli: crate::args::Cli) -> Result<(), Failure> {
    if let Some(paths) = cli.command.paths_mut() {
        inputs::default_paths(paths)?;
    }
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Export(args) => export::run(args),
        Command::Fmt(args) => fmt::run(args),
        Command::Coverage(args) => coverage::run(args),
        Command::Render(args) => draw::render(args),
        Command::Report(args) => draw::report(args),
        Command::Unanswered(args) => unanswered::run(args),
        Command::Status(args) => status::run(args),
        Command::Clashes(args) => clashes::run(args),
        Command::ClashDiagrams(args) => pictures::clash_diagrams(args),
        Command::Overview(args) => pictures::overview(args),
        Command::Prep(args) => prep::run(args),
        Command::Stats(args) => stats::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Lsp(args) => lsp::run(args),
        Command::Completions(args) => manual::completions(&args),
        Command::Man(args) => manual::man(&args),
    }
}

/// Reads the inputs as one map, diagnostics and all (`-` is standard input).
fn read(inputs: &Inputs) -> Result<Loaded, Failure> {
    let what = match inputs.paths.as_slice() {
        [one] => one.display().to_string(),
        all => format!("{} paths", all.len()),
    };
    let _progress = crate::progress::start(format!("reading {what}"));
    Ok(counterpoint::inputs::load(
        &inputs.paths,
        inputs.format(),
        inputs.limits(),
    )?)
}

/// Loads the inputs and prints their diagnostics to stderr; errors in the map stop the command
/// ([`Failure::MapHasErrors`]), warnings do not.
fn load_map(inputs: &Inputs) -> Result<counterpoint::Map, Failure> {
    reported(read(inputs)?, inputs)
}

/// Prints a loaded map's diagnostics to stderr, infos left out (only `check --lint all` shows
/// them), and the hint to pass the folder when one file of a map split over files was read
/// alone; [`Failure::MapHasErrors`] when any is an error. Only the map is kept: the texts read
/// and the diagnostics are dropped here.
fn reported(mut loaded: Loaded, inputs: &Inputs) -> Result<counterpoint::Map, Failure> {
    loaded.diagnostics.retain(|d| !d.is_info());
    eprint_diagnostics(&loaded.diagnostics);
    if let Some(hint) = counterpoint::inputs::folder_hint(&inputs.paths, &loaded.diagnostics) {
        eprintln!("{hint}");
    }
    if loaded.has_errors() {
        return Err(Failure::MapHasErrors);
    }
    Ok(loaded.map)
}

/// Leaves `value` to be reclaimed with the process instead of freeing it piece by piece. A map
/// of a million nodes is millions of allocations, and freeing them one by one took about a tenth
/// of `check`'s time; the process ends right after. For what a command holds once its output
/// is written and flushed (never an output file or its guard).
fn keep_until_exit<T>(value: T) {
    std::mem::forget(value);
}

/// Runs `write` into buffered standard output; unlike `print!`, a closed pipe is an error
/// ([`Failure::ClosedPipe`]), not a panic.
fn to_stdout(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<(), Failure> {
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout().lock());
    write(&mut out)?;
    out.flush()?;
    Ok(())
}

/// Prints diagnostics (if any) to standard error, coloured on a terminal unless colour is off
/// (`--color`, `NO_COLOR`).
fn eprint_diagnostics(diagnostics: &[diagnostic::Diagnostic]) {
    if diagnostics.is_empty() {
        return;
    }
    let text = diagnostic::render_all_styled(diagnostics);
    let _ = anstream::stderr().write_all(text.as_bytes());
}

/// Writes `text`, which holds ANSI styles, to `output` without them, or to standard output with
/// them when colour is on there (a terminal, `--color always`), else without.
fn print_styled(text: &str, output: Option<&PathBuf>, inputs: &Inputs) -> Result<(), Failure> {
    match output {
        Some(path) if path.as_os_str() != "-" => emit(
            anstream::adapter::strip_str(text).to_string(),
            output,
            inputs,
        ),
        _ => match anstream::AutoStream::choice(&std::io::stdout()) {
            anstream::ColorChoice::Never => {
                print_out(&anstream::adapter::strip_str(text).to_string())
            }
            _ => print_out(text),
        },
    }
}

/// The width of the terminal standard output is: `COLUMNS` when set, else the terminal's own,
/// else 80.
fn terminal_width() -> usize {
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c > 0);
    columns
        .or_else(|| {
            terminal_size::terminal_size_of(std::io::stdout())
                .map(|(terminal_size::Width(w), _)| usize::from(w))
        })
        .filter(|&c| c > 0)
        .unwrap_or(80)
}

/// Writes `text` to standard output (see [`to_stdout`]).
fn print_out(text: &str) -> Result<(), Failure> {
    to_stdout(|out| out.write_all(text.as_bytes()))
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
        None => to_stdout(write)?,
    }
    Ok(())
}

/// The format to write: `--format` when given, else the one the extension of `-o FILE` names,
/// else `default`. A `--format` that contradicts the extension is refused, before anything is
/// read (a `.svg` file holding DOT, or Markdown named `.html`, opens nowhere).
fn file_format<F: FileFormat>(
    asked: Option<F>,
    output: Option<&PathBuf>,
    default: F,
) -> Result<F, Failure> {
    let named = output.and_then(|p| F::of_extension(p));
    match (asked, named, output) {
        (Some(a), Some(n), Some(path)) if a != n => Err(Failure::Usage(format!(
            "--format {} does not match the name {}, whose extension says {}: leave out \
             --format to write {}, or name the file .{}",
            a.name(),
            path.display(),
            n.name(),
            n.name(),
            a.extension(),
        ))),
        (Some(a), _, _) => Ok(a),
        (None, Some(n), _) => Ok(n),
        (None, None, _) => Ok(default),
    }
}

/// `value` as pretty JSON text with a final line break.
fn pretty(value: &impl serde::Serialize) -> Result<String, Failure> {
    let mut s = serde_json::to_string_pretty(value)?;
    s.push('\n');
    Ok(s)
}

/// The part of `map` a filter keeps (the whole map when there is no filter).
fn filtered(map: counterpoint::Map, filter: &FilterArgs) -> Result<counterpoint::Map, Failure> {
    let filter = filter.filter();
    if filter.is_empty() {
        return Ok(map);
    }
    Ok(filter.apply(&map)?.map)
}

/// The part of `map` to draw, with the whole map's verdicts on it and how many nodes the filters
/// hid, and the options to draw it with. The verdicts are computed here, once.
fn diagram(
    map: counterpoint::Map,
    args: &DiagramArgs,
) -> Result<(Filtered, render::RenderOptions), Failure> {
    let filter = args.filter.filter();
    let part = if filter.is_empty() {
        Filtered::whole(map)
    } else {
        filter.apply(&map)?
    };
    Ok((part, args.options()))
}
