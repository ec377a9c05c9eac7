//! The binary's analysis commands (`unanswered`, `status`, `prep`, `stats`) and the filter
//! flags shared with `render`, `report` and `export`: clap arguments mapped to the library's
//! plain option types in `counterpoint::analysis`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use counterpoint::analysis::extensions::Limits;
use counterpoint::analysis::filter::{Filter, Selection};
use counterpoint::analysis::status::{self, Semantics};
use counterpoint::analysis::{prep, stats, unanswered};
use counterpoint::diagnostic;
use counterpoint::formats::iccma::{self, Dialect};
use counterpoint::graph::framework::MapFramework;
use counterpoint::load::{self, InputFormat};
use counterpoint::render::views as report;
use counterpoint::render::views::subject::{FrameworkSubject, MapSubject, Subject};

use crate::{emit, load_map, reported, Inputs};

/// Which nodes to show, except by side (`prep` has its own `--side`).
#[derive(Args, Default)]
pub struct ScopeArgs {
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
pub struct FilterArgs {
    /// Only nodes of this side (repeat for several).
    #[arg(long, value_name = "SIDE")]
    side: Vec<String>,
    #[command(flatten)]
    scope: ScopeArgs,
}

impl ScopeArgs {
    fn filter(&self) -> Filter {
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
    pub fn filter(&self) -> Filter {
        Filter {
            sides: self.side.clone(),
            ..self.scope.filter()
        }
    }
}

/// The selection a filter makes on a map; unknown names are a usage error (exit 2).
fn select(filter: &Filter, map: &counterpoint::Map) -> anyhow::Result<Selection> {
    Ok(filter.select(map)?)
}

#[derive(Clone, Copy, ValueEnum)]
enum ListFormat {
    Text,
    Json,
    Markdown,
}

#[derive(Args)]
pub struct UnansweredArgs {
    #[command(flatten)]
    inputs: Inputs,
    #[command(flatten)]
    filter: FilterArgs,
    /// How to print the list.
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    format: ListFormat,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub fn unanswered_cmd(args: UnansweredArgs) -> anyhow::Result<ExitCode> {
    let loaded = match load_map(&args.inputs)? {
        Ok(l) => l,
        Err(code) => return Ok(code),
    };
    let map = &loaded.map;
    let sel = select(&args.filter.filter(), map)?;
    let nodes: Vec<_> = unanswered::unanswered(map)
        .into_iter()
        .filter(|&ix| sel.contains(ix))
        .collect();
    let text = match args.format {
        ListFormat::Text => report::unanswered::text(map, &nodes),
        ListFormat::Markdown => report::unanswered::markdown(map, &nodes),
        ListFormat::Json => pretty(&report::unanswered::json(map, &nodes))?,
    };
    emit(&text, args.output.as_ref(), &args.inputs)?;
    Ok(ExitCode::SUCCESS)
}

fn pretty(value: &serde_json::Value) -> anyhow::Result<String> {
    let mut s = serde_json::to_string_pretty(value)?;
    s.push('\n');
    Ok(s)
}

#[derive(Clone, Copy, ValueEnum)]
enum SemanticsArg {
    Grounded,
    Preferred,
    Stable,
}

#[derive(Clone, Copy, ValueEnum)]
enum TextOrJson {
    Text,
    Json,
}

#[derive(Args)]
pub struct StatusArgs {
    #[command(flatten)]
    inputs: Inputs,
    #[command(flatten)]
    filter: FilterArgs,
    /// grounded: each point stands (in), falls (out) or is undecided, with the reason.
    /// preferred: the largest sets of points that can be defended together. stable: the
    /// conflict-free sets that attack every point outside them (there may be none).
    #[arg(long, value_enum, default_value_t = SemanticsArg::Grounded)]
    semantics: SemanticsArg,
    /// How to print the result.
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    format: TextOrJson,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// The single ICCMA file among the inputs, if that is all there is (read without building a
/// map: the fast path for large frameworks).
fn lone_framework(inputs: &Inputs) -> Option<(PathBuf, Option<Dialect>)> {
    let [path] = inputs.paths.as_slice() else {
        return None;
    };
    if path.is_dir() {
        return None;
    }
    match inputs.from.format() {
        InputFormat::Iccma(d) => Some((path.clone(), Some(d))),
        // By extension, or else (once read) by content, as the map loader decides.
        InputFormat::Auto => Some((
            path.clone(),
            Dialect::from_extension(&path.to_string_lossy()),
        )),
        _ => None,
    }
}

pub fn status_cmd(args: StatusArgs) -> anyhow::Result<ExitCode> {
    let semantics = match args.semantics {
        SemanticsArg::Grounded => Semantics::Grounded,
        SemanticsArg::Preferred => Semantics::Preferred,
        SemanticsArg::Stable => Semantics::Stable,
    };
    let output = args.output.as_ref();
    let filter = args.filter.filter();
    let loaded = match lone_framework(&args.inputs).filter(|_| filter.is_empty()) {
        // One ICCMA file and no filter: read it straight into the compact framework.
        Some((path, dialect)) => {
            let bytes = counterpoint::files::read_regular(&path, args.inputs.limits.limits())?;
            let name = path.display().to_string();
            if let Some(dialect) = dialect.or_else(|| Dialect::sniff(&bytes)) {
                let mut diags = Vec::new();
                let Some(parsed) = iccma::read(&name, &bytes, dialect, &mut diags) else {
                    eprint!("{}", diagnostic::render_all(&diags));
                    return Ok(ExitCode::from(1));
                };
                drop(bytes);
                let fw = &parsed.framework;
                let verdict = status::verdict(fw, semantics, Limits::default())?;
                let subject = FrameworkSubject {
                    names: &parsed.names,
                    len: fw.len(),
                };
                return deliver(output, &args.inputs, |sink| {
                    write_status(sink, fw, &verdict, &subject, args.format)
                });
            }
            // Not a framework after all: read the bytes already in hand as a map.
            reported(load::load_bytes(
                vec![(name, bytes)],
                args.inputs.from.format(),
            ))
        }
        None => load_map(&args.inputs)?,
    };
    let loaded = match loaded {
        Ok(l) => l,
        Err(code) => return Ok(code),
    };
    let map = &loaded.map;
    let sel = select(&filter, map)?;
    let mf = MapFramework::new(map)?;
    let verdict = status::verdict(&mf.framework, semantics, Limits::default())?;
    let subject = MapSubject {
        map,
        mf: &mf,
        selection: Some(&sel),
    };
    deliver(output, &args.inputs, |sink| {
        write_status(sink, &mf.framework, &verdict, &subject, args.format)
    })
}

fn write_status(
    sink: &mut dyn Write,
    fw: &counterpoint::graph::framework::Framework,
    verdict: &status::Verdict,
    subject: &dyn Subject,
    format: TextOrJson,
) -> std::io::Result<()> {
    match format {
        TextOrJson::Text => report::status::write_text(sink, fw, verdict, subject),
        TextOrJson::Json => report::status::write_json(sink, fw, verdict, subject),
    }
}

/// Runs `write` into `output` (atomically, never over an input) or buffered standard output.
fn deliver(
    output: Option<&PathBuf>,
    inputs: &Inputs,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> anyhow::Result<ExitCode> {
    match output {
        Some(path) => {
            let mut buffer = Vec::new();
            write(&mut buffer)?;
            counterpoint::output::write_atomic(path, &buffer, &inputs.paths)?;
        }
        None => {
            let stdout = std::io::stdout();
            let mut sink = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
            match write(&mut sink).and_then(|()| sink.flush()) {
                // The reader went away (`| head`): nothing more to say.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
                other => other?,
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Clone, Copy, ValueEnum)]
enum PrepFormat {
    Markdown,
    Json,
    Html,
}

#[derive(Args)]
pub struct PrepArgs {
    #[command(flatten)]
    inputs: Inputs,
    /// The side to brief (a side id from the frontmatter).
    #[arg(long, value_name = "SIDE")]
    side: String,
    #[command(flatten)]
    scope: ScopeArgs,
    /// How to write the brief.
    #[arg(long, value_enum, default_value_t = PrepFormat::Markdown)]
    format: PrepFormat,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub fn prep_cmd(args: PrepArgs) -> anyhow::Result<ExitCode> {
    let loaded = match load_map(&args.inputs)? {
        Ok(l) => l,
        Err(code) => return Ok(code),
    };
    let map = &loaded.map;
    let sel = select(&args.scope.filter(), map)?;
    let brief = prep::brief(map, &args.side, Some(&sel))?;
    let text = match args.format {
        PrepFormat::Markdown => report::prep::markdown(map, &brief),
        PrepFormat::Json => pretty(&report::prep::json(map, &brief))?,
        PrepFormat::Html => report::prep::html(map, &brief),
    };
    emit(&text, args.output.as_ref(), &args.inputs)?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Args)]
pub struct StatsArgs {
    #[command(flatten)]
    inputs: Inputs,
    /// How to print the statistics.
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    format: TextOrJson,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub fn stats_cmd(args: StatsArgs) -> anyhow::Result<ExitCode> {
    let loaded = match load_map(&args.inputs)? {
        Ok(l) => l,
        Err(code) => return Ok(code),
    };
    let map = &loaded.map;
    let s = stats::stats(map);
    let text = match args.format {
        TextOrJson::Text => report::stats::text(map, &s),
        TextOrJson::Json => pretty(&report::stats::json(map, &s))?,
    };
    emit(&text, args.output.as_ref(), &args.inputs)?;
    Ok(ExitCode::SUCCESS)
}

/// The part of `map` a filter keeps, with how many nodes it left out.
pub fn filtered(map: counterpoint::Map, filter: &FilterArgs) -> anyhow::Result<Part> {
    let filter = filter.filter();
    if filter.is_empty() {
        return Ok(Part {
            map,
            hidden: 0,
            verdicts: None,
        });
    }
    let part = filter.apply(&map)?;
    Ok(Part {
        map: part.map,
        hidden: part.hidden,
        verdicts: Some(part.verdicts),
    })
}

/// What the filters kept of a map: the part, how many nodes were hidden, and the whole map's
/// verdicts on the kept nodes (`None` when nothing was filtered: the map judges itself).
pub struct Part {
    pub map: counterpoint::Map,
    pub hidden: usize,
    pub verdicts: Option<counterpoint::analysis::Verdicts>,
}

impl Part {
    /// The part with its verdicts, computed on the map itself when nothing was filtered.
    pub fn judged(self) -> counterpoint::analysis::filter::Filtered {
        let Part {
            map,
            hidden,
            verdicts,
        } = self;
        let verdicts = verdicts.unwrap_or_else(|| counterpoint::analysis::Verdicts::whole(&map));
        counterpoint::analysis::filter::Filtered {
            map,
            hidden,
            verdicts,
        }
    }
}
