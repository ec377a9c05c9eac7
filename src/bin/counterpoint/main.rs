//! The `counterpoint` command: parses arguments with clap and calls the library.
//!
//! Exit codes: 0 success, 1 the map has errors (diagnostics printed), 2 usage or I/O error.

// No `unwrap()`/`expect()` outside tests: input never makes the program panic.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use counterpoint::diagnostic;
use counterpoint::load::{self, InputFormat, Loaded};
use counterpoint::output;
use counterpoint::render;

mod analysis;

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
    /// Draw the map: Graphviz DOT (default, to standard output), or SVG, PNG or PDF through the
    /// Graphviz `dot` program.
    Render(RenderArgs),
    /// Write one self-contained HTML page (works offline): the diagram with pan and zoom, each
    /// side's unanswered points, details on click, search and filters. Needs Graphviz `dot`.
    Report(ReportArgs),
    /// List the points no other side has answered, grouped by side, with what each supports or
    /// rebuts and its citations. A point is answered when at least one node of a different side
    /// rebuts or undercuts it (a contradiction answers both ways; a node without a side differs
    /// from every side).
    Unanswered(analysis::UnansweredArgs),
    /// Which points stand under Dung's (1995) argumentation semantics, where the attacks are the
    /// rebuttals, undercuts and contradictions (both ways). Grounded (the default): each point
    /// stands, falls or is undecided, with the reason. Preferred / stable: the extensions, found
    /// by an exact search limited to 2,000 points left undecided by grounded semantics, 1,000
    /// extensions and 1,000,000 search steps (an error beyond). Reads ICCMA files (.apx, .tgf,
    /// .i23/.af) directly.
    Status(analysis::StatusArgs),
    /// A debate-prep brief for one side: opponents' points it has not answered, its points
    /// nobody answered, its points attacked by something it has not answered, and where its
    /// claims stand. Claims first, then the points most others depend on.
    Prep(analysis::PrepArgs),
    /// Counts: nodes per side and kind, relations per type, the deepest chain of relations
    /// (a cycle counts as one step), each side's share of points answered, grounded results.
    Stats(analysis::StatsArgs),
    /// Rewrite .argdown files in place in one canonical layout (each node stays in its file).
    /// Comments on lines of their own are kept above what follows them. Refuses, changing
    /// nothing, when the files have errors or a comment shares a line with text. With `--check`,
    /// writes nothing, lists the files that would change and exits 1 if there are any.
    Fmt(FmtArgs),
}

#[derive(Args)]
struct FmtArgs {
    /// `.argdown` files, or folders of them, read together as one map.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Write nothing: list the files that would change, exit 1 if any would.
    #[arg(long)]
    check: bool,
    #[command(flatten)]
    limits: LimitArgs,
}

/// Limits on what is read.
#[derive(Args)]
struct LimitArgs {
    /// Refuse input files (maps and source texts) larger than this: bytes, or a number with
    /// K, M or G.
    #[arg(long, value_name = "SIZE", default_value = "256M", value_parser = counterpoint::files::parse_size)]
    max_file_size: u64,
}

impl LimitArgs {
    fn limits(&self) -> counterpoint::files::Limits {
        counterpoint::files::Limits {
            max_file_bytes: self.max_file_size,
        }
    }
}

/// The inputs every command reads.
#[derive(Args)]
struct Inputs {
    /// Map files, or folders of `.argdown` files (read in name order), read together as one
    /// map: Argdown (`.argdown`), counterpoint JSON or AIF (`.json`), ICCMA (`.apx`, `.tgf`,
    /// `.i23`, `.af`) or a Kialo export (`.txt`); the format is guessed from the extension and
    /// the content unless `--from` names it.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Read the inputs in this format instead of guessing from the extension and content.
    #[arg(long, value_enum, default_value_t = From::Auto)]
    from: From,
    #[command(flatten)]
    limits: LimitArgs,
}

impl Inputs {
    /// Reads the inputs as one map.
    fn load(&self) -> Result<Loaded, load::LoadError> {
        load::load_with(&self.paths, self.from.format(), self.limits.limits())
    }

    /// The `--sources` folder, read within the same limits.
    fn source_folder(
        &self,
        dir: &std::path::Path,
    ) -> Result<counterpoint::files::SourceFolder, counterpoint::files::ReadError> {
        counterpoint::files::SourceFolder::new(dir, self.limits.limits())
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum From {
    Auto,
    Argdown,
    Json,
    /// ICCMA apx (`arg(a).`, `att(a,b).`).
    Apx,
    /// Trivial Graph Format (ids, `#`, attacks).
    Tgf,
    /// ICCMA 2023 (`p af N`, then `i j`); also for `.af` files.
    I23,
    /// Argument Interchange Format JSON (AIFdb export, OVA3/xAIF).
    Aif,
    /// Kialo's plain-text discussion export (`Discussion Title: ...`).
    Kialo,
}

impl From {
    fn format(self) -> InputFormat {
        match self {
            From::Auto => InputFormat::Auto,
            From::Argdown => InputFormat::Argdown,
            From::Json => InputFormat::Json,
            From::Apx => InputFormat::Iccma(counterpoint::formats::iccma::Dialect::Apx),
            From::Tgf => InputFormat::Iccma(counterpoint::formats::iccma::Dialect::Tgf),
            From::I23 => InputFormat::Iccma(counterpoint::formats::iccma::Dialect::I23),
            From::Aif => InputFormat::Aif,
            From::Kialo => InputFormat::Kialo,
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
    #[arg(long, value_name = "DIR", value_parser = existing_folder)]
    sources: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    Json,
    /// ICCMA apx facts `arg(a).` / `att(a,b).` (the attack graph; ids made into atoms).
    Apx,
    /// ICCMA 2023 `p af N` with `i j` attacks and `# id i ID` comments.
    I23,
    /// Argument Interchange Format JSON, AIFdb style (I-nodes, RA/CA scheme nodes, locutions
    /// for sides), with counterpoint's extra data so that it reads back exactly.
    Aif,
    /// Argdown in counterpoint's canonical layout (the same as `fmt`).
    Argdown,
    /// A Mermaid flowchart, for Markdown.
    Mermaid,
    /// GraphML, for yEd, Gephi and other graph tools.
    Graphml,
}

#[derive(Args)]
struct ExportArgs {
    #[command(flatten)]
    inputs: Inputs,
    /// The format to write.
    #[arg(long = "to", value_enum)]
    to: ExportFormat,
    #[command(flatten)]
    filter: analysis::FilterArgs,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Args)]
struct CoverageArgs {
    #[command(flatten)]
    inputs: Inputs,
    /// The folder that holds the source texts.
    #[arg(long, value_name = "DIR", value_parser = existing_folder)]
    sources: PathBuf,
    /// How to print the report.
    #[arg(long, value_enum, default_value_t = DiagnosticFormat::Text)]
    format: DiagnosticFormat,
    /// Exit 1 when any source's cited share is below this percentage.
    #[arg(long, value_name = "PERCENT")]
    fail_under: Option<f64>,
}

/// How the diagram is drawn (shared by `render` and `report`).
#[derive(Args)]
struct DiagramArgs {
    /// Graphviz layout engine: `dot` (layered, clearest) or `sfdp` (force-directed, for large
    /// maps).
    #[arg(long, value_enum, default_value_t = LayoutArg::Dot)]
    layout: LayoutArg,
    /// Which way relations point: BT (default) puts the main claims on top with their reasons
    /// and objections below.
    #[arg(long, value_enum, ignore_case = true, default_value_t = DirectionArg::BT)]
    direction: DirectionArg,
    /// Draw a box around each section (nested as the headings are), each side, or none.
    #[arg(long, value_enum, default_value_t = GroupByArg::Section)]
    group_by: GroupByArg,
    /// Wrap titles and texts at this many characters.
    #[arg(long, value_name = "COLUMNS", default_value_t = render::DEFAULT_WRAP as u16,
          value_parser = clap::value_parser!(u16).range(8..=400))]
    wrap: u16,
    /// Show at most this many lines of each node's text (0: all); the full text stays in the
    /// tooltip and the report.
    #[arg(long, value_name = "N", default_value_t = render::DEFAULT_MAX_LINES as u16)]
    max_lines: u16,
    /// Spread a node's many leaf replies (nodes with no other relation) over up to N rows
    /// instead of one long row (0: one row).
    #[arg(long, value_name = "N", default_value_t = render::DEFAULT_STAGGER as u8,
          value_parser = clap::value_parser!(u8).range(0..=20))]
    stagger: u8,
    /// Leave out the legend.
    #[arg(long)]
    no_legend: bool,
    /// Lay out maps even when they are so large that Graphviz will take long.
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    filter: analysis::FilterArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum LayoutArg {
    Dot,
    Sfdp,
}

#[derive(Clone, Copy, ValueEnum)]
#[allow(clippy::upper_case_acronyms)]
enum DirectionArg {
    #[value(name = "TB")]
    TB,
    #[value(name = "BT")]
    BT,
    #[value(name = "LR")]
    LR,
    #[value(name = "RL")]
    RL,
}

#[derive(Clone, Copy, ValueEnum)]
enum GroupByArg {
    Section,
    Side,
    None,
}

impl DiagramArgs {
    fn options(&self) -> render::RenderOptions {
        render::RenderOptions {
            group_by: match self.group_by {
                GroupByArg::Section => render::GroupBy::Section,
                GroupByArg::Side => render::GroupBy::Side,
                GroupByArg::None => render::GroupBy::None,
            },
            direction: match self.direction {
                DirectionArg::TB => render::Direction::TopBottom,
                DirectionArg::BT => render::Direction::BottomTop,
                DirectionArg::LR => render::Direction::LeftRight,
                DirectionArg::RL => render::Direction::RightLeft,
            },
            layout: match self.layout {
                LayoutArg::Dot => render::Layout::Dot,
                LayoutArg::Sfdp => render::Layout::Sfdp,
            },
            wrap: usize::from(self.wrap),
            max_lines: usize::from(self.max_lines),
            stagger: usize::from(self.stagger),
            legend: !self.no_legend,
            title: true,
            note: None,
        }
    }
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum RenderFormat {
    Dot,
    Svg,
    Png,
    Pdf,
}

#[derive(Args)]
struct RenderArgs {
    #[command(flatten)]
    inputs: Inputs,
    /// What to write. svg, png and pdf run the Graphviz `dot` program.
    #[arg(long, value_enum, default_value_t = RenderFormat::Dot)]
    format: RenderFormat,
    /// Write to this file (atomically) instead of standard output. PNG and PDF go to standard
    /// output only when it is not a terminal.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    #[command(flatten)]
    diagram: DiagramArgs,
}

#[derive(Args)]
struct ReportArgs {
    #[command(flatten)]
    inputs: Inputs,
    /// The HTML file to write.
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
    #[command(flatten)]
    diagram: DiagramArgs,
}

/// `--sources`: a folder that exists (otherwise one usage error, not one per source).
fn existing_folder(value: &str) -> Result<PathBuf, String> {
    let path = PathBuf::from(value);
    if path.is_dir() {
        Ok(path)
    } else if path.exists() {
        Err("it is a file; give the folder that holds the source texts".to_string())
    } else {
        Err("there is no such folder".to_string())
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Interrupted (Ctrl-C, SIGTERM, SIGHUP): remove the temporary file being written, so that
    // no partial output stays behind, and stop as a program killed by SIGINT does.
    let _ = ctrlc::set_handler(|| {
        output::remove_pending_files();
        std::process::exit(130);
    });
    match run(cli) {
        Ok(code) => code,
        // The reader of standard output went away (`counterpoint check ... | head`): stop
        // quietly, as a program stopped by SIGPIPE does, with the I/O error code.
        Err(err)
            if err.chain().any(|e| {
                e.downcast_ref::<std::io::Error>()
                    .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            ExitCode::from(2)
        }
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
        Command::Fmt(args) => fmt_cmd(args),
        Command::Coverage(args) => coverage(args),
        Command::Render(args) => render_cmd(args),
        Command::Report(args) => report_cmd(args),
        Command::Unanswered(args) => analysis::unanswered_cmd(args),
        Command::Status(args) => analysis::status_cmd(args),
        Command::Prep(args) => analysis::prep_cmd(args),
        Command::Stats(args) => analysis::stats_cmd(args),
    }
}

/// Loads the inputs; on errors prints the diagnostics to stderr and returns exit code 1.
/// Warnings are printed to stderr and loading goes on.
fn load_map(inputs: &Inputs) -> anyhow::Result<Result<Loaded, ExitCode>> {
    Ok(reported(inputs.load()?))
}

/// Prints a loaded map's diagnostics to stderr; exit code 1 when any is an error.
fn reported(loaded: Loaded) -> Result<Loaded, ExitCode> {
    if !loaded.diagnostics.is_empty() {
        eprint!("{}", diagnostic::render_all(&loaded.diagnostics));
    }
    if loaded.has_errors() {
        return Err(ExitCode::from(1));
    }
    Ok(loaded)
}

/// Writes `text` to standard output; unlike `print!`, a closed pipe is an error, not a panic.
fn print_out(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// Writes `text` (or bytes) to `output` (atomically, never over an input) or to stdout.
fn emit(text: impl AsRef<[u8]>, output: Option<&PathBuf>, inputs: &Inputs) -> anyhow::Result<()> {
    let bytes = text.as_ref();
    emit_with(output, inputs, |out| out.write_all(bytes))
}

/// Like [`emit`], for output that `write` writes piece by piece (to a buffered writer), so that
/// it is never held whole in memory.
fn emit_with(
    output: Option<&PathBuf>,
    inputs: &Inputs,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    match output {
        Some(path) => output::write_atomic_with(path, &inputs.paths, write)?,
        None => {
            let mut out = std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout().lock());
            write(&mut out)?;
            out.flush()?;
        }
    }
    Ok(())
}

fn check(args: CheckArgs) -> anyhow::Result<ExitCode> {
    let mut loaded = args.inputs.load()?;
    if let Some(dir) = &args.sources {
        let folder = args.inputs.source_folder(dir)?;
        loaded
            .diagnostics
            .extend(counterpoint::check::citations::check_sources(
                &loaded.map,
                &folder,
                &loaded.texts,
            ));
        diagnostic::sort(&mut loaded.diagnostics, &loaded.files);
    }
    match args.format {
        DiagnosticFormat::Text => {
            let text = diagnostic::render_all(&loaded.diagnostics);
            print_out(&text)?;
        }
        DiagnosticFormat::Json => {
            let json = diagnostic::to_json_array(&loaded.diagnostics);
            print_out(&format!("{}\n", serde_json::to_string_pretty(&json)?))?;
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
    let map = analysis::filtered(loaded.map, &args.filter)?.map;
    let text = match args.to {
        ExportFormat::Json => {
            emit_with(args.output.as_ref(), &args.inputs, |out| {
                counterpoint::formats::json::write(&map, out)
            })?;
            return Ok(ExitCode::SUCCESS);
        }
        ExportFormat::Apx => counterpoint::formats::iccma::to_apx(&map),
        ExportFormat::I23 => counterpoint::formats::iccma::to_i23(&map),
        ExportFormat::Aif => counterpoint::formats::aif::to_string(&map),
        ExportFormat::Argdown => {
            match counterpoint::formats::argdown::to_string_with_warnings(&map) {
                Ok((text, warnings)) => {
                    for w in warnings {
                        eprintln!("warning: {w}");
                    }
                    text
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    return Ok(ExitCode::from(1));
                }
            }
        }
        ExportFormat::Mermaid => counterpoint::formats::mermaid::to_string(&map),
        ExportFormat::Graphml => counterpoint::formats::graphml::to_string(&map),
    };
    emit(&text, args.output.as_ref(), &args.inputs)?;
    Ok(ExitCode::SUCCESS)
}

fn fmt_cmd(args: FmtArgs) -> anyhow::Result<ExitCode> {
    use counterpoint::fmt::{self, FmtError};
    // Each file once, whatever the spelling: a file read twice would be written twice.
    let expanded = load::expand(&args.paths)?;
    if !expanded.diagnostics.is_empty() {
        eprint!("{}", diagnostic::render_all(&expanded.diagnostics));
    }
    let paths = expanded.files;
    let mut files = Vec::with_capacity(paths.len());
    let mut not_utf8 = Vec::new();
    for path in &paths {
        if path.extension().and_then(|e| e.to_str()) != Some("argdown") {
            anyhow::bail!("{}: fmt rewrites .argdown files only", path.display());
        }
        let (text, problem) = load::read_text(path, args.limits.limits())?;
        not_utf8.extend(problem);
        files.push((path.display().to_string(), text));
    }
    if !not_utf8.is_empty() {
        eprint!("{}", diagnostic::render_all(&not_utf8));
        eprintln!("error: fmt: the files have errors; nothing was rewritten");
        return Ok(ExitCode::from(1));
    }
    let formatted = match fmt::format(&files) {
        Ok(f) => f,
        Err(FmtError::Invalid(diagnostics)) => {
            eprint!("{}", diagnostic::render_all(&diagnostics));
            eprintln!("error: fmt: the files have errors; nothing was rewritten");
            return Ok(ExitCode::from(1));
        }
        Err(e) => {
            eprintln!("error: fmt: {e}");
            return Ok(ExitCode::from(1));
        }
    };
    if !formatted.warnings.is_empty() {
        eprint!("{}", diagnostic::render_all(&formatted.warnings));
    }
    let changed = formatted.changed(&files);
    let names = || {
        changed
            .iter()
            .filter_map(|&i| formatted.files.get(i))
            .map(|(name, _)| name.as_str())
    };
    if args.check {
        for name in names() {
            print_out(&format!("{name}\n"))?;
        }
        return Ok(if changed.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        });
    }
    let writes: Vec<(PathBuf, String)> = changed
        .iter()
        .filter_map(|&i| Some((paths.get(i)?.clone(), formatted.files.get(i)?.1.clone())))
        .collect();
    let rewritten = match fmt::rewrite(&writes) {
        Ok(rewritten) => rewritten,
        Err(e) => {
            eprintln!("error: fmt: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    for path in rewritten {
        print_out(&format!("formatted {}\n", path.display()))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn coverage(args: CoverageArgs) -> anyhow::Result<ExitCode> {
    let loaded = match load_map(&args.inputs)? {
        Ok(l) => l,
        Err(code) => return Ok(code),
    };
    let folder = args.inputs.source_folder(&args.sources)?;
    let (report, diagnostics) = counterpoint::check::coverage::coverage(&loaded.map, &folder);
    if !diagnostics.is_empty() {
        eprint!("{}", diagnostic::render_all(&diagnostics));
        return Ok(ExitCode::from(1));
    }
    match args.format {
        DiagnosticFormat::Text => print_out(&counterpoint::check::coverage::render_text(&report))?,
        DiagnosticFormat::Json => {
            print_out(&format!("{}\n", serde_json::to_string_pretty(&report)?))?;
        }
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

/// The map to draw and the options to draw it with. (Filters that hide part of the map belong
/// here: they shrink the map and say what they hid in `note`.)
fn diagram(
    map: counterpoint::Map,
    args: &DiagramArgs,
) -> anyhow::Result<(
    counterpoint::analysis::filter::Filtered,
    render::RenderOptions,
)> {
    let part = analysis::filtered(map, &args.filter)?.judged();
    Ok((part, args.options()))
}

/// Refuses (exit 2) to lay out a map so large that Graphviz would take long, unless `--force`.
fn check_size(map: &counterpoint::Map, layout: render::Layout, force: bool) -> Option<ExitCode> {
    let limit = render::graphviz::slow_layout_nodes(layout);
    if force || map.node_count() <= limit {
        return None;
    }
    eprintln!(
        "error: the map has {} nodes; Graphviz lays out more than {limit} nodes slowly \
         ({}). Draw part of the map with the filters, try `--layout sfdp`, \
         write `--format dot`, or pass `--force` to wait.",
        map.node_count(),
        render::graphviz::TIMINGS,
    );
    Some(ExitCode::from(2))
}

fn render_cmd(args: RenderArgs) -> anyhow::Result<ExitCode> {
    let loaded = match load_map(&args.inputs)? {
        Ok(l) => l,
        Err(code) => return Ok(code),
    };
    let (part, opts) = diagram(loaded.map, &args.diagram)?;
    let (map, drawing) = (&part.map, render::Drawing::part(&part));
    let format = match args.format {
        RenderFormat::Dot => {
            emit_with(args.output.as_ref(), &args.inputs, |out| {
                render::dot::write_dot(drawing, &opts, out)
            })?;
            return Ok(ExitCode::SUCCESS);
        }
        RenderFormat::Svg => render::OutputFormat::Svg,
        RenderFormat::Png => render::OutputFormat::Png,
        RenderFormat::Pdf => render::OutputFormat::Pdf,
    };
    if args.output.is_none() && format.is_binary() && std::io::stdout().is_terminal() {
        eprintln!(
            "error: {} is binary: write it to a file with `-o FILE` (or redirect standard output)",
            format.as_str()
        );
        return Ok(ExitCode::from(2));
    }
    if let Some(code) = check_size(map, opts.layout, args.diagram.force) {
        return Ok(code);
    }
    let dot = render::to_dot(drawing, &opts);
    let bytes = render::graphviz::run(&dot, format, opts.layout)?;
    emit(&bytes, args.output.as_ref(), &args.inputs)?;
    Ok(ExitCode::SUCCESS)
}

fn report_cmd(args: ReportArgs) -> anyhow::Result<ExitCode> {
    let loaded = match load_map(&args.inputs)? {
        Ok(l) => l,
        Err(code) => return Ok(code),
    };
    let (part, opts) = diagram(loaded.map, &args.diagram)?;
    if let Some(code) = check_size(&part.map, opts.layout, args.diagram.force) {
        return Ok(code);
    }
    let html = render::html::build(render::Drawing::part(&part), &opts)?;
    output::write_atomic(&args.output, html.as_bytes(), &args.inputs.paths)?;
    Ok(ExitCode::SUCCESS)
}
