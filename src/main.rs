//! The `counterpoint` command: parses arguments with clap and calls the library.
//!
//! Exit codes: 0 success, 1 the map has errors (diagnostics printed), 2 usage or I/O error.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use counterpoint::diagnostic;
use counterpoint::load::{self, InputFormat, Loaded};
use counterpoint::output;

#[derive(Parser)]
#[command(
    name = "counterpoint",
    version,
    about = "Argument maps for debates: check, draw, analyse and export maps written in a subset of Argdown."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check maps and print every diagnostic (exit 1 on errors).
    Check(CheckArgs),
    /// Export the map to another format.
    Export(ExportArgs),
    /// For each source, the paragraphs (runs of non-blank lines) that no node cites, and the share
    /// cited. Ranges the frontmatter marks as `skip` do not count.
    Coverage(CoverageArgs),
}

/// The inputs every command reads.
#[derive(Args)]
struct Inputs {
    /// `.argdown` or `.json` files, or folders of `.argdown` files (read in name order), read
    /// together as one map.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Read the inputs in this format instead of guessing from the extension and content.
    #[arg(long, value_enum, default_value_t = From::Auto)]
    from: From,
}

#[derive(Clone, Copy, ValueEnum)]
enum From {
    Auto,
    Argdown,
    Json,
}

impl From {
    fn format(self) -> InputFormat {
        match self {
            From::Auto => InputFormat::Auto,
            From::Argdown => InputFormat::Argdown,
            From::Json => InputFormat::Json,
        }
    }
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum DiagnosticFormat {
    Text,
    Json,
}

#[derive(Args)]
struct CheckArgs {
    #[command(flatten)]
    inputs: Inputs,
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value_t = DiagnosticFormat::Text)]
    format: DiagnosticFormat,
    /// Also check citations against the source texts in this folder.
    #[arg(long, value_name = "DIR")]
    sources: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    Json,
}

#[derive(Args)]
struct ExportArgs {
    #[command(flatten)]
    inputs: Inputs,
    /// The format to write.
    #[arg(long = "to", value_enum)]
    to: ExportFormat,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Args)]
struct CoverageArgs {
    #[command(flatten)]
    inputs: Inputs,
    /// The folder that holds the source texts.
    #[arg(long, value_name = "DIR")]
    sources: PathBuf,
    /// How to print the report.
    #[arg(long, value_enum, default_value_t = DiagnosticFormat::Text)]
    format: DiagnosticFormat,
    /// Exit 1 when any source's cited share is below this percentage.
    #[arg(long, value_name = "PERCENT")]
    fail_under: Option<f64>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Check(args) => check(args),
        Command::Export(args) => export(args),
        Command::Coverage(args) => coverage(args),
    }
}

/// Loads the inputs; on errors prints the diagnostics to stderr and returns exit code 1.
/// Warnings are printed to stderr and loading goes on.
fn load_map(inputs: &Inputs) -> anyhow::Result<Result<Loaded, ExitCode>> {
    let loaded = load::load(&inputs.paths, inputs.from.format())?;
    if !loaded.diagnostics.is_empty() {
        eprint!("{}", diagnostic::render_all(&loaded.diagnostics));
    }
    if loaded.has_errors() {
        return Ok(Err(ExitCode::from(1)));
    }
    Ok(Ok(loaded))
}

/// Writes `text` to `output` (atomically, never over an input) or to stdout.
fn emit(text: &str, output: Option<&PathBuf>, inputs: &Inputs) -> anyhow::Result<()> {
    match output {
        Some(path) => output::write_atomic(path, text.as_bytes(), &inputs.paths)?,
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
    }
    Ok(())
}

fn check(args: CheckArgs) -> anyhow::Result<ExitCode> {
    let mut loaded = load::load(&args.inputs.paths, args.inputs.from.format())?;
    if let Some(dir) = &args.sources {
        loaded
            .diagnostics
            .extend(counterpoint::citations::check_sources(&loaded.map, dir));
        diagnostic::sort(&mut loaded.diagnostics, &loaded.files);
    }
    match args.format {
        DiagnosticFormat::Text => {
            let text = diagnostic::render_all(&loaded.diagnostics);
            print!("{text}");
        }
        DiagnosticFormat::Json => {
            let json = diagnostic::to_json_array(&loaded.diagnostics);
            println!("{}", serde_json::to_string_pretty(&json)?);
        }
    }
    Ok(if loaded.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn export(args: ExportArgs) -> anyhow::Result<ExitCode> {
    let loaded = match load_map(&args.inputs)? {
        Ok(l) => l,
        Err(code) => return Ok(code),
    };
    let text = match args.to {
        ExportFormat::Json => counterpoint::formats::json::to_string(&loaded.map),
    };
    emit(&text, args.output.as_ref(), &args.inputs)?;
    Ok(ExitCode::SUCCESS)
}

fn coverage(args: CoverageArgs) -> anyhow::Result<ExitCode> {
    let loaded = match load_map(&args.inputs)? {
        Ok(l) => l,
        Err(code) => return Ok(code),
    };
    let (report, diagnostics) = counterpoint::coverage::coverage(&loaded.map, &args.sources);
    if !diagnostics.is_empty() {
        eprint!("{}", diagnostic::render_all(&diagnostics));
        return Ok(ExitCode::from(1));
    }
    match args.format {
        DiagnosticFormat::Text => print!("{}", counterpoint::coverage::render_text(&report)),
        DiagnosticFormat::Json => println!("{}", serde_json::to_string_pretty(&report)?),
    }
    let below = args
        .fail_under
        .is_some_and(|min| report.iter().any(|s| s.percent() < min));
    Ok(if below {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
