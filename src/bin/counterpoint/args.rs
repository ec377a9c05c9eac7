//! The command line: every clap type (the commands, their flags, the values flags take), and
//! how flags map onto the library's plain option types. The library never sees clap.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use clap::builder::PossibleValue;
use clap::{Args, Parser, Subcommand, ValueEnum};
use counterpoint::analysis::filter::Filter;
use counterpoint::analysis::status::Semantics;
use counterpoint::files::{Limits, SourceFolder};
use counterpoint::render;
use counterpoint::Format;

#[derive(Parser)]
#[command(
    name = "counterpoint",
    version,
    propagate_version = true,
    about = "Argument maps for debates: check, draw, analyse and export maps written in a subset of Argdown.",
    long_about = "Argument maps for debates: check, draw, analyse and export maps written in a subset of Argdown.\n\n\
        Every command reads one map from any number of paths (files, folders of .argdown files, \
        `-` for standard input; with none, the current folder's .argdown files). What a command \
        was asked for goes to standard output (or `-o FILE`, written whole or not at all; `-o -` \
        is standard output); diagnostics, warnings, notes and progress go to standard error. \
        `check` is the exception that proves the rule: its diagnostics are its output.",
    after_long_help = examples(&[
        ("counterpoint check arguments/", "diagnostics"),
        ("counterpoint status arguments/", "what stands, falls, stays undecided"),
        ("counterpoint prep arguments/ --camp for", "a brief for one camp"),
        ("counterpoint render arguments/ -o debate.svg", "the diagram"),
        ("counterpoint COMMAND --help", "each command's options and examples"),
    ]),
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
    /// When to colour diagnostics and styled output.
    ///
    /// auto: on a terminal, unless the NO_COLOR variable is set (CLICOLOR_FORCE forces colour).
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
    pub(crate) color: ColorWhen,
}

/// `--color`: when to colour.
#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum ColorWhen {
    /// On a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces colour).
    Auto,
    /// Always, even into a file or a pipe.
    Always,
    /// Never.
    Never,
}

impl ColorWhen {
    /// The choice for anstream's streams.
    pub(crate) fn choice(self) -> anstream::ColorChoice {
        match self {
            ColorWhen::Auto => anstream::ColorChoice::Auto,
            ColorWhen::Always => anstream::ColorChoice::Always,
            ColorWhen::Never => anstream::ColorChoice::Never,
        }
    }
}

#[derive(Subcommand)]
pub(crate) enum Command {
    /// Check maps and print every diagnostic (exit 1 on errors).
    ///
    /// The diagnostics, the result asked for, go to standard output: `file:line:col:
    /// error[E004]: message`, the line with a caret under the place, and help; then a count.
    #[command(after_long_help = examples(&[
        ("counterpoint check arguments/", "a folder of .argdown files, read as one map"),
        ("counterpoint check arguments/ --sources ../shared/sources", "citations too"),
        ("counterpoint check map.argdown --format json", "diagnostics as JSON"),
        ("cat map.argdown | counterpoint check -", "standard input"),
    ]))]
    Check(CheckArgs),
    /// Export the map to another format.
    ///
    /// JSON, AIF, Argdown, Mermaid, GraphML and the ICCMA formats; the filters keep part of
    /// the map.
    #[command(after_long_help = examples(&[
        ("counterpoint export arguments/ --to json -o debate.json", ""),
        ("counterpoint export arguments/ --to mermaid --side utla", "one side's points"),
        ("counterpoint export debate.json --to argdown -o -", "to standard output"),
    ]))]
    Export(ExportArgs),
    /// How much of each source text the map cites.
    ///
    /// For each source, the paragraphs (runs of non-blank lines) that no node cites, and the
    /// share cited. Ranges the frontmatter marks as `skip` do not count.
    #[command(after_long_help = examples(&[
        ("counterpoint coverage arguments/ --sources ../shared/sources", ""),
        ("counterpoint coverage arguments/ --sources texts/ --fail-under 60", "exit 1 below 60%"),
    ]))]
    Coverage(CoverageArgs),
    /// Draw the map: DOT, or SVG, PNG or PDF through Graphviz.
    ///
    /// Graphviz DOT (default, to standard output), or SVG, PNG or PDF through the Graphviz
    /// `dot` program; `-o FILE` names the format by its extension.
    #[command(after_long_help = examples(&[
        ("counterpoint render arguments/ -o debate.svg", "SVG, from the extension"),
        ("counterpoint render arguments/ --focus \"Four days\" --depth 2 -o part.png", ""),
        ("counterpoint render arguments/ | dot -Tsvg > debate.svg", "DOT to Graphviz"),
    ]))]
    Render(RenderArgs),
    /// Write one self-contained HTML page of the map (needs Graphviz `dot`).
    ///
    /// The page works offline and opens on the motion: a map laid out around the point you
    /// click, an outline, the clashes, the full diagram, each side's unanswered points, why each
    /// verdict, search and filters.
    #[command(after_long_help = examples(&[
        ("counterpoint report arguments/ -o debate.html", ""),
        ("counterpoint report arguments/ --sources ../shared/sources -o debate.html", "quotes in context"),
    ]))]
    Report(ReportArgs),
    /// List the points no opponent has answered, most at stake first.
    ///
    /// Grouped by camp, with what each supports or rebuts and its citations. A point is answered
    /// when at least one opponent (a node of another camp) rebuts or undercuts it (a
    /// contradiction answers both ways); an attack between allies is an internal dispute, not
    /// an answer. By default only the contentions are listed (theses and points with reasons of
    /// their own) and the evidence leaves (points nothing supports) are counted; `--all` lists
    /// them too. The motion is never listed.
    #[command(after_long_help = examples(&[
        ("counterpoint unanswered arguments/", ""),
        ("counterpoint unanswered arguments/ --all --format markdown -o open.md", ""),
        ("counterpoint unanswered arguments/ --side utla", "one side's open points"),
    ]))]
    Unanswered(UnansweredArgs),
    /// Which points stand, fall or stay undecided, and why.
    ///
    /// Under Dung's (1995) argumentation semantics, where the attacks are the rebuttals,
    /// undercuts and contradictions (both ways). Grounded (the default): each point stands,
    /// falls or is undecided, with the reason, and for the motion and the theses the links the
    /// verdict hinges on. Preferred / stable: the extensions, found by an exact search limited
    /// to 2,000 points left undecided by grounded semantics, 1,000 extensions and 1,000,000
    /// search steps (an error beyond). Dfquad: each point's strength from 0 to 1. Reads ICCMA
    /// files (.apx, .tgf, .i23/.af) directly.
    #[command(after_long_help = examples(&[
        ("counterpoint status arguments/", "grounded verdicts with reasons"),
        ("counterpoint status arguments/ --semantics dfquad", "strengths"),
        ("counterpoint status arguments/ --why \"Cost\"", "what a verdict hinges on"),
        ("counterpoint status framework.apx --format iccma", "as an ICCMA solver answers"),
    ]))]
    Status(StatusArgs),
    /// List the clashes: each point of one camp attacked by another.
    ///
    /// The motion attacked by anyone, too; with the attacks on each point, the replies to them,
    /// the replies to those (4 levels), its topics, verdict and strength, and the thesis or
    /// motion it leads to. Most important first: the motion, then the points closest to a
    /// thesis or the motion, then the strongest.
    #[command(after_long_help = examples(&[
        ("counterpoint clashes arguments/", ""),
        ("counterpoint clashes arguments/ --camp against --format markdown", ""),
    ]))]
    Clashes(ClashesArgs),
    /// One small diagram per clash, to project on one screen.
    ///
    /// Each shows the clash's point, the attacks on it and the replies, in frames named after
    /// the sides. Needs Graphviz `dot` for SVG.
    #[command(after_long_help = examples(&[
        ("mkdir -p clashes && counterpoint clash-diagrams arguments/ -o clashes/", ""),
        ("counterpoint clash-diagrams arguments/ -o clashes/ --format dot", "DOT, no Graphviz"),
    ]))]
    ClashDiagrams(ClashDiagramsArgs),
    /// The debate on one screen: topics × camps.
    ///
    /// For each topic (tag), how many points each camp makes and how many attacks go between
    /// the camps; and who attacks whom. SVG or Markdown.
    #[command(after_long_help = examples(&[
        ("counterpoint overview arguments/ -o overview.svg", ""),
        ("counterpoint overview arguments/ --format markdown", ""),
    ]))]
    Overview(OverviewArgs),
    /// A debate-prep brief for one camp or one side.
    ///
    /// For `--camp` or `--side`: the motion and what it hinges on; one section per clash, most
    /// important first (their point and its evidence, our answers, their replies, what is left
    /// standing, what the verdict hinges on); our contentions to press (no opponent answered
    /// them) and to shore up (attacked, no reply from us); disputes among allies. The Markdown
    /// brief keeps to about 250 lines by writing the less important clashes briefly (never
    /// leaving one out); `--all` writes everything. On a terminal the brief is shown as text;
    /// into a file or a pipe it is Markdown.
    #[command(after_long_help = examples(&[
        ("counterpoint prep arguments/ --camp for", "read it on the terminal"),
        ("counterpoint prep arguments/ --camp for > brief.md", "Markdown"),
        ("counterpoint prep arguments/ --side utla --format html -o brief.html", "to print"),
    ]))]
    Prep(PrepArgs),
    /// Counts: nodes, relations, depth, answers and verdicts per side.
    ///
    /// Nodes per side and kind, relations per type, the deepest chain of relations (a cycle
    /// counts as one step), each side's share of points answered, and how many points stand,
    /// fall or stay undecided (grounded semantics).
    #[command(after_long_help = examples(&[
        ("counterpoint stats arguments/", ""),
        ("counterpoint stats arguments/ --format json", ""),
    ]))]
    Stats(StatsArgs),
    /// Rewrite .argdown files in place in one canonical layout.
    ///
    /// Each node stays in its file. Comments on lines of their own are kept above what follows
    /// them. Refuses, changing nothing, when the files have errors or a comment shares a line
    /// with text. With `--check`, writes nothing, lists the files that would change and exits 1
    /// if there are any. `-` formats standard input to standard output.
    #[command(after_long_help = examples(&[
        ("counterpoint fmt arguments/", "rewrite in place"),
        ("counterpoint fmt arguments/ --check", "in CI: exit 1 if a file would change"),
        ("counterpoint fmt - < map.argdown", "standard input to standard output"),
    ]))]
    Fmt(FmtArgs),
    /// Serve a live preview of the report on this machine (needs Graphviz `dot`).
    ///
    /// Serves the HTML page of `report` on 127.0.0.1 (unless `--host` says otherwise), prints
    /// its address and opens nothing. On every save of a map file (or a source text) the page
    /// in the browser updates within a second, where the reader was; errors show in a banner
    /// above the last good drawing. Ctrl-C stops it.
    #[command(after_long_help = examples(&[
        ("counterpoint serve arguments/", "then open the address it prints"),
        ("counterpoint serve arguments/ --sources ../shared/sources --port 0", "any free port"),
    ]))]
    Serve(ServeArgs),
    /// Run the language server for editors (LSP over standard input and output).
    ///
    /// Diagnostics as you type, hover, go to definition, references, rename, symbols,
    /// completion, formatting and quick fixes. Each folder is one map. Editors start it
    /// themselves: see the README for Neovim, Helix and VS Code.
    #[command(after_long_help = examples(&[
        ("counterpoint lsp", "what an editor runs"),
        ("counterpoint lsp --sources ../shared/sources", "check citations too"),
    ]))]
    Lsp(LspArgs),
    /// Print a shell's completion script for counterpoint.
    ///
    /// Load it from the shell's start-up file: for bash, `source <(counterpoint completions
    /// bash)` in ~/.bashrc; for zsh, write it as `_counterpoint` into a folder of $fpath; for
    /// fish, into ~/.config/fish/completions/counterpoint.fish.
    #[command(after_long_help = examples(&[
        ("echo 'source <(counterpoint completions bash)' >> ~/.bashrc", ""),
        ("counterpoint completions fish > ~/.config/fish/completions/counterpoint.fish", ""),
    ]))]
    Completions(CompletionsArgs),
    /// Print the manual page (roff) of counterpoint or of one of its commands.
    ///
    /// Read it with `counterpoint man | man -l -`, or install it where man finds it.
    #[command(after_long_help = examples(&[
        ("counterpoint man | man -l -", "read counterpoint(1)"),
        ("counterpoint man check | man -l -", "read counterpoint-check(1)"),
        ("counterpoint man -o ~/.local/share/man/man1/counterpoint.1", "install it"),
    ]))]
    Man(ManArgs),
}

impl Command {
    /// The paths the command reads, to fill in when none is given; `None` for the commands
    /// that read no map.
    pub(crate) fn paths_mut(&mut self) -> Option<&mut Vec<PathBuf>> {
        let inputs = match self {
            Command::Check(a) => &mut a.inputs,
            Command::Export(a) => &mut a.inputs,
            Command::Coverage(a) => &mut a.inputs,
            Command::Render(a) => &mut a.inputs,
            Command::Report(a) => &mut a.inputs,
            Command::Unanswered(a) => &mut a.inputs,
            Command::Status(a) => &mut a.inputs,
            Command::Clashes(a) => &mut a.inputs,
            Command::ClashDiagrams(a) => &mut a.inputs,
            Command::Overview(a) => &mut a.inputs,
            Command::Prep(a) => &mut a.inputs,
            Command::Stats(a) => &mut a.inputs,
            Command::Fmt(a) => return Some(&mut a.paths),
            Command::Serve(a) => &mut a.inputs,
            Command::Completions(_) | Command::Man(_) | Command::Lsp(_) => return None,
        };
        Some(&mut inputs.paths)
    }
}

#[derive(Args)]
pub(crate) struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub(crate) shell: clap_complete::Shell,
}

#[derive(Args)]
pub(crate) struct ManArgs {
    /// The command whose page to print (`counterpoint-check(1)`); by default, counterpoint's
    /// own page, which lists the commands.
    #[arg(value_name = "COMMAND")]
    pub(crate) command: Option<String>,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
}

/// The `Examples:` section of a command's `--help`: each command, under a comment saying what
/// it does when that is not plain from the command.
fn examples(lines: &[(&str, &str)]) -> String {
    let mut text = String::from("Examples:");
    for (command, what) in lines {
        if !what.is_empty() {
            text.push_str(&format!("\n  # {what}"));
        }
        text.push_str(&format!("\n  {command}"));
    }
    text
}

// ---------------------------------------------------------------------------------------------
// What every command reads.

/// Limits on what is read.
#[derive(Args)]
pub(crate) struct LimitArgs {
    /// Refuse input files (maps and source texts) larger than this: bytes, or a number with
    /// K, M or G.
    #[arg(long, value_name = "SIZE", default_value = "256M", value_parser = counterpoint::files::parse_size)]
    max_file_size: u64,
}

impl LimitArgs {
    /// The library's limits these flags describe.
    pub(crate) fn limits(&self) -> Limits {
        Limits {
            max_file_bytes: self.max_file_size,
        }
    }
}

/// The inputs every command reads.
#[derive(Args)]
pub(crate) struct Inputs {
    /// Map files, or folders of `.argdown` files (read in name order), read together as one
    /// map: Argdown (`.argdown`), counterpoint JSON or AIF (`.json`), ICCMA (`.apx`, `.tgf`,
    /// `.i23`, `.af`) or a Kialo export (`.txt`); the format is guessed from the extension and
    /// the content unless `--from` names it.
    ///
    /// `-` is standard input. With no path, the `.argdown` files of the current folder.
    #[arg(value_name = "PATH")]
    pub(crate) paths: Vec<PathBuf>,
    /// Read the inputs in this format instead of guessing from the extension and content.
    #[arg(long, value_enum, default_value_t = ReadAs::AUTO)]
    from: ReadAs,
    #[command(flatten)]
    limits: LimitArgs,
}

impl Inputs {
    /// The format `--from` names, `None` for `auto`.
    pub(crate) fn format(&self) -> Option<Format> {
        self.from.0
    }

    /// The limits on what is read.
    pub(crate) fn limits(&self) -> Limits {
        self.limits.limits()
    }

    /// The `--sources` folder, read within the same limits.
    pub(crate) fn source_folder(
        &self,
        dir: &Path,
    ) -> Result<SourceFolder, counterpoint::files::ReadError> {
        SourceFolder::new(dir, self.limits())
    }
}

/// `--from`: `auto` (`None`) or one of the formats counterpoint reads, listed from [`Format`].
#[derive(Clone, Copy)]
pub(crate) struct ReadAs(Option<Format>);

impl ReadAs {
    const AUTO: ReadAs = ReadAs(None);
}

/// `--from`'s values: `auto`, then every format [`Format::can_read`].
static READ_AS: LazyLock<Vec<ReadAs>> = LazyLock::new(|| {
    std::iter::once(ReadAs::AUTO)
        .chain(
            Format::ALL
                .into_iter()
                .filter(|f| f.can_read())
                .map(|f| ReadAs(Some(f))),
        )
        .collect()
});

impl ValueEnum for ReadAs {
    fn value_variants<'a>() -> &'a [Self] {
        &READ_AS
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(match self.0 {
            None => PossibleValue::new("auto").help("By extension, then by content"),
            Some(format) => format_value(format),
        })
    }
}

/// `--to`: one of the formats counterpoint writes, listed from [`Format`].
#[derive(Clone, Copy)]
pub(crate) struct WriteAs(pub(crate) Format);

/// `--to`'s values: every format [`Format::can_write`].
static WRITE_AS: LazyLock<Vec<WriteAs>> = LazyLock::new(|| {
    Format::ALL
        .into_iter()
        .filter(|f| f.can_write())
        .map(WriteAs)
        .collect()
});

impl ValueEnum for WriteAs {
    fn value_variants<'a>() -> &'a [Self] {
        &WRITE_AS
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(format_value(self.0))
    }
}

/// A format as a value of `--from` or `--to`: its name, and its line of help.
fn format_value(format: Format) -> PossibleValue {
    PossibleValue::new(format.name()).help(format.about())
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

// ---------------------------------------------------------------------------------------------
// Which nodes to show.

/// Which nodes to show, except by side (`prep` has its own `--side`).
#[derive(Args, Default)]
pub(crate) struct ScopeArgs {
    /// Only nodes with this tag (repeat for several: any of them).
    #[arg(long, value_name = "TAG")]
    tag: Vec<String>,
    /// Only nodes in this section, by title or id, subsections included (repeatable).
    #[arg(long, value_name = "SECTION")]
    section: Vec<String>,
    /// Only the neighbourhood of the node with this title (or id `[T]`, `<T>`)...
    #[arg(long, value_name = "TITLE")]
    focus: Option<String>,
    /// ...up to N relations away from it, following relations in either direction.
    #[arg(long, value_name = "N", default_value_t = 1, requires = "focus")]
    depth: usize,
    /// Only points no node of another side has answered.
    #[arg(long)]
    only_unanswered: bool,
}

/// Which nodes to show. Criteria combine (a node must pass all); a repeated flag offers
/// alternatives. Whether a point was answered, and every analysis, is judged on the whole map.
#[derive(Args, Default)]
pub(crate) struct FilterArgs {
    /// Only nodes of this side (repeat for several).
    #[arg(long, value_name = "SIDE")]
    side: Vec<String>,
    #[command(flatten)]
    scope: ScopeArgs,
}

impl ScopeArgs {
    /// The library filter these flags describe (any side).
    pub(crate) fn filter(&self) -> Filter {
        Filter {
            sides: Vec::new(),
            tags: self.tag.clone(),
            sections: self.section.clone(),
            focus: self.focus.clone(),
            depth: self.depth,
            only_unanswered: self.only_unanswered,
        }
    }
}

impl FilterArgs {
    /// The library filter these flags describe.
    pub(crate) fn filter(&self) -> Filter {
        Filter {
            sides: self.side.clone(),
            ..self.scope.filter()
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The commands' flags.

/// How diagnostics (and the coverage report) are printed.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub(crate) enum DiagnosticFormat {
    Text,
    Json,
}

#[derive(Args)]
pub(crate) struct CheckArgs {
    #[command(flatten)]
    pub(crate) inputs: Inputs,
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value_t = DiagnosticFormat::Text)]
    pub(crate) format: DiagnosticFormat,
    /// Also check citations against the source texts in this folder.
    #[arg(long, value_name = "DIR", value_parser = existing_folder)]
    pub(crate) sources: Option<PathBuf>,
    /// Which diagnostics to print: `default`, errors and warnings; `all`, also infos (I001:
    /// attacks from sources older than the points they attack), which never change the exit
    /// code.
    #[arg(long, value_enum, default_value_t = Lint::Default)]
    pub(crate) lint: Lint,
}

/// How much `check` prints (`--lint`).
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub(crate) enum Lint {
    /// Errors and warnings.
    Default,
    /// Errors, warnings and infos.
    All,
}

#[derive(Args)]
pub(crate) struct ExportArgs {
    #[command(flatten)]
    pub(crate) inputs: Inputs,
    /// The format to write.
    #[arg(long = "to", value_enum)]
    pub(crate) to: WriteAs,
    #[command(flatten)]
    pub(crate) filter: FilterArgs,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// What a node's label shows in a Mermaid diagram (`--to mermaid`): its title and text, or
    /// its title only (a much smaller diagram, for Mermaid's size limit).
    #[arg(long, value_enum, value_name = "LABELS")]
    pub(crate) labels: Option<LabelsArg>,
}

/// What a node's label shows (`export --to mermaid --labels`).
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub(crate) enum LabelsArg {
    /// Title and text.
    Full,
    /// The title only.
    Title,
}

#[derive(Args)]
pub(crate) struct CoverageArgs {
    #[command(flatten)]
    pub(crate) inputs: Inputs,
    /// The folder that holds the source texts.
    #[arg(long, value_name = "DIR", value_parser = existing_folder)]
    pub(crate) sources: PathBuf,
    /// How to print the report.
    #[arg(long, value_enum, default_value_t = DiagnosticFormat::Text)]
    pub(crate) format: DiagnosticFormat,
    /// Exit 1 when any source's cited share is below this percentage.
    #[arg(long, value_name = "PERCENT")]
    pub(crate) fail_under: Option<f64>,
}

#[derive(Args)]
pub(crate) struct LspArgs {
    /// Check citations against the source texts in this folder (the initialization option
    /// `sources` overrides it).
    #[arg(long, value_name = "DIR")]
    pub(crate) sources: Option<PathBuf>,
    /// Talk over standard input and output (the only way; accepted because editors pass it).
    #[arg(long)]
    pub(crate) stdio: bool,
}

#[derive(Args)]
pub(crate) struct FmtArgs {
    /// `.argdown` files, or folders of them, read together as one map.
    ///
    /// `-` formats standard input to standard output. With no path, the `.argdown` files of
    /// the current folder.
    #[arg(value_name = "PATH")]
    pub(crate) paths: Vec<PathBuf>,
    /// Write nothing: list the files that would change, exit 1 if any would.
    #[arg(long)]
    pub(crate) check: bool,
    #[command(flatten)]
    pub(crate) limits: LimitArgs,
}

/// How the diagram is drawn (shared by `render` and `report`).
#[derive(Args)]
pub(crate) struct DiagramArgs {
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
    pub(crate) force: bool,
    #[command(flatten)]
    pub(crate) filter: FilterArgs,
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
    /// The drawing options these flags describe (what the filters hid is counted by the
    /// filters and shown by the drawing itself).
    pub(crate) fn options(&self) -> render::RenderOptions {
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

/// What `render` writes.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub(crate) enum RenderFormat {
    Dot,
    Svg,
    Png,
    Pdf,
}

impl FileFormat for RenderFormat {
    const EXTENSIONS: &'static [(&'static str, Self)] = &[
        ("dot", RenderFormat::Dot),
        ("gv", RenderFormat::Dot),
        ("svg", RenderFormat::Svg),
        ("png", RenderFormat::Png),
        ("pdf", RenderFormat::Pdf),
    ];
}

/// A `--format` whose values the extension of `-o FILE` can name.
pub(crate) trait FileFormat: ValueEnum + Copy + PartialEq + 'static {
    /// The extensions that name each format, the usual one first.
    const EXTENSIONS: &'static [(&'static str, Self)];

    /// The format a file name's extension names (in any case), if any.
    fn of_extension(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Self::EXTENSIONS
            .iter()
            .find(|(e, _)| *e == ext)
            .map(|&(_, f)| f)
    }

    /// The usual extension of the format (its name when it has none).
    fn extension(self) -> String {
        Self::EXTENSIONS
            .iter()
            .find(|(_, f)| *f == self)
            .map_or_else(|| self.name(), |(e, _)| (*e).to_string())
    }

    /// The name `--format` gives it.
    fn name(self) -> String {
        self.to_possible_value()
            .map(|v| v.get_name().to_string())
            .unwrap_or_default()
    }
}

#[derive(Args)]
pub(crate) struct RenderArgs {
    #[command(flatten)]
    pub(crate) inputs: Inputs,
    /// What to write. svg, png and pdf run the Graphviz `dot` program.
    ///
    /// By default the extension of `-o FILE` names it (`.dot`/`.gv`, `.svg`, `.png`, `.pdf`),
    /// else dot; a format that contradicts the extension is refused.
    #[arg(long, value_enum)]
    pub(crate) format: Option<RenderFormat>,
    /// Write to this file (atomically) instead of standard output. PNG and PDF go to standard
    /// output only when it is not a terminal.
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) diagram: DiagramArgs,
}

#[derive(Args)]
pub(crate) struct ReportArgs {
    #[command(flatten)]
    pub(crate) inputs: Inputs,
    /// The HTML file to write.
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: PathBuf,
    /// Show each citation's lines, with one line of context, in the detail panel: read from the
    /// source texts in this folder (only from inside it, as `check --sources` reads them).
    #[arg(long, value_name = "DIR", value_parser = existing_folder)]
    pub(crate) sources: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) diagram: DiagramArgs,
}

#[derive(Args)]
pub(crate) struct ServeArgs {
    #[command(flatten)]
    pub(crate) inputs: Inputs,
    /// The port to listen on; 0 picks a free one (the address printed tells which).
    #[arg(long, value_name = "N", default_value_t = 7373)]
    pub(crate) port: u16,
    /// The address or name to listen on. Only 127.0.0.1 by default: the preview is for this
    /// machine. Another address makes the map readable by whoever can reach it.
    #[arg(long, value_name = "H", default_value = "127.0.0.1")]
    pub(crate) host: String,
    /// Show each citation's lines in the detail panel, read from the source texts in this
    /// folder (as `report --sources`), and watch the folder too.
    #[arg(long, value_name = "DIR", value_parser = existing_folder)]
    pub(crate) sources: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) diagram: DiagramArgs,
}

/// How `unanswered` prints its list.
#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum ListFormat {
    Text,
    Json,
    Markdown,
}

#[derive(Args)]
pub(crate) struct UnansweredArgs {
    #[command(flatten)]
    pub(crate) inputs: Inputs,
    #[command(flatten)]
    pub(crate) filter: FilterArgs,
    /// How to print the list.
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub(crate) format: ListFormat,
    /// List the evidence leaves too, after the contentions (by default they are only counted).
    #[arg(long)]
    pub(crate) all: bool,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum SemanticsArg {
    Grounded,
    Preferred,
    Stable,
    Dfquad,
}

/// Text for people or JSON for programs (`status`, `stats`).
#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum TextOrJson {
    Text,
    Json,
}

/// What `status` prints: text for people, JSON for programs, or the answer an ICCMA solver
/// gives.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum StatusFormat {
    Text,
    Json,
    /// The extension as ICCMA 2023 solvers print it: `w` and its arguments (`NO` if none).
    Iccma,
}

#[derive(Args)]
pub(crate) struct StatusArgs {
    #[command(flatten)]
    pub(crate) inputs: Inputs,
    #[command(flatten)]
    pub(crate) filter: FilterArgs,
    /// grounded: each point stands (in), falls (out) or is undecided, with the reason.
    /// preferred: the largest sets of points that can be defended together. stable: the
    /// conflict-free sets that attack every point outside them (there may be none). dfquad:
    /// each point's strength from 0 to 1 (DF-QuAD), raised by supports, lowered by attacks.
    #[arg(long, value_enum, default_value_t = SemanticsArg::Grounded)]
    semantics: SemanticsArg,
    /// Also say what this point's verdict hinges on: the links whose removal alone would
    /// change its grounded label (the motion and each camp's theses always get this).
    /// Repeatable.
    #[arg(long, value_name = "TITLE")]
    pub(crate) why: Vec<String>,
    /// How to print the result: `iccma` answers as a competition solver does (the grounded
    /// extension, or the first preferred or stable one), for grounded, preferred and stable
    /// semantics on the whole map.
    #[arg(long, value_enum, default_value_t = StatusFormat::Text)]
    pub(crate) format: StatusFormat,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
}

impl StatusArgs {
    /// The semantics `--semantics` names.
    pub(crate) fn semantics(&self) -> Semantics {
        match self.semantics {
            SemanticsArg::Grounded => Semantics::Grounded,
            SemanticsArg::Preferred => Semantics::Preferred,
            SemanticsArg::Stable => Semantics::Stable,
            SemanticsArg::Dfquad => Semantics::Dfquad,
        }
    }
}

/// How `prep` writes its brief.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub(crate) enum PrepFormat {
    /// For reading on a terminal: styled, wrapped, no Markdown escapes (the default when
    /// standard output is a terminal).
    Text,
    /// Markdown (the default when standard output is a file or a pipe).
    Markdown,
    Json,
    Html,
}

#[derive(Args)]
#[command(group = clap::ArgGroup::new("who").required(true).args(["camp", "side"]))]
pub(crate) struct PrepArgs {
    #[command(flatten)]
    pub(crate) inputs: Inputs,
    /// The camp to brief: a camp id from the frontmatter, or a side id (its camp); a side in no
    /// camp is a camp of its own.
    #[arg(long, value_name = "CAMP")]
    pub(crate) camp: Option<String>,
    /// Brief one side only: "ours" is this side, opponents are still the other camps.
    #[arg(long, value_name = "SIDE")]
    pub(crate) side: Option<String>,
    /// Write everything: every clash in full, evidence leaves as well as contentions, and every
    /// unanswered point of the opponents.
    #[arg(long)]
    pub(crate) all: bool,
    #[command(flatten)]
    pub(crate) scope: ScopeArgs,
    /// How to write the brief (html: one printed page per clash).
    ///
    /// By default the extension of `-o FILE` names it (`.md`, `.json`, `.html`, `.txt`), else
    /// text on a terminal and Markdown into a file or a pipe; a format that contradicts the
    /// extension is refused.
    #[arg(long, value_enum)]
    pub(crate) format: Option<PrepFormat>,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
}

#[derive(Args)]
pub(crate) struct ClashesArgs {
    #[command(flatten)]
    pub(crate) inputs: Inputs,
    /// Only the clashes this camp takes part in (its point attacked, or its attack on another
    /// camp's point): a camp id, or a side id (its camp).
    #[arg(long, value_name = "CAMP")]
    pub(crate) camp: Option<String>,
    /// How to print the clashes.
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub(crate) format: ListFormat,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
}

#[derive(Args)]
pub(crate) struct StatsArgs {
    #[command(flatten)]
    pub(crate) inputs: Inputs,
    /// How to print the statistics.
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    pub(crate) format: TextOrJson,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
}

// ---------------------------------------------------------------------------------------------
// Pictures for a screen (`overview`, `clash-diagrams`).

/// What `overview` writes.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub(crate) enum OverviewFormat {
    Svg,
    Markdown,
}

impl FileFormat for OverviewFormat {
    const EXTENSIONS: &'static [(&'static str, Self)] = &[
        ("svg", OverviewFormat::Svg),
        ("md", OverviewFormat::Markdown),
        ("markdown", OverviewFormat::Markdown),
    ];
}

impl FileFormat for PrepFormat {
    const EXTENSIONS: &'static [(&'static str, Self)] = &[
        ("txt", PrepFormat::Text),
        ("md", PrepFormat::Markdown),
        ("markdown", PrepFormat::Markdown),
        ("json", PrepFormat::Json),
        ("html", PrepFormat::Html),
        ("htm", PrepFormat::Html),
    ];
}

#[derive(Args)]
pub(crate) struct OverviewArgs {
    #[command(flatten)]
    pub(crate) inputs: Inputs,
    /// What to write: an SVG that fits a 1920×1080 screen, or a Markdown table.
    ///
    /// By default the extension of `-o FILE` names it (`.svg`, `.md`), else svg; a format that
    /// contradicts the extension is refused.
    #[arg(long, value_enum)]
    pub(crate) format: Option<OverviewFormat>,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
}

/// What `clash-diagrams` writes for each clash.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub(crate) enum ClashDiagramFormat {
    Svg,
    Dot,
}

#[derive(Args)]
pub(crate) struct ClashDiagramsArgs {
    #[command(flatten)]
    pub(crate) inputs: Inputs,
    /// The folder to write the diagrams into (it must exist): one file per clash, named by its
    /// rank and its point (`05-utla-is-fighting-for-teachers-and.svg`).
    #[arg(short, long, value_name = "DIR")]
    pub(crate) output: PathBuf,
    /// svg runs the Graphviz `dot` program; dot writes the DOT text.
    #[arg(long, value_enum, default_value_t = ClashDiagramFormat::Svg)]
    pub(crate) format: ClashDiagramFormat,
}
