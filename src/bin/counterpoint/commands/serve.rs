//! `counterpoint serve`: the report as a live preview in the browser. The library's `serve`
//! listens, watches and answers; this command says how a page is built (as `report` builds it)
//! and tells the terminal what happens.

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use counterpoint::diagnostic;
use counterpoint::render;
use counterpoint::serve::{Problem, Server};

use super::draw::check_size;
use super::{diagram, read};
use crate::args::ServeArgs;
use crate::error::Failure;

/// Serves the preview until Ctrl-C.
pub(super) fn run(args: ServeArgs) -> Result<(), Failure> {
    if args
        .inputs
        .paths
        .iter()
        .any(|p| counterpoint::inputs::is_stdin(p))
    {
        return Err(Failure::Usage(
            "serve cannot read standard input (`-`): it reads the map again each time its files \
             change; save the map as a file and serve that file"
                .to_string(),
        ));
    }
    let watched = watched(&args);
    let server = Server::bind(&args.host, args.port, &watched)?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "counterpoint serve: {}", server.url())?;
    out.flush()?;
    drop(out);
    eprintln!("Watching the map's files for changes; Ctrl-C stops.");
    server.run(|| build(&args))?;
    Ok(())
}

/// What to watch: the paths given, every file a first reading of them reads (files named by
/// `@include` too), and the sources folder.
fn watched(args: &ServeArgs) -> Vec<PathBuf> {
    let mut watched = args.inputs.paths.clone();
    // A map that cannot be read now is still watched through the paths given; the build says
    // what is wrong.
    if let Ok(loaded) = counterpoint::load::load_with(
        &args.inputs.paths,
        args.inputs.format(),
        args.inputs.limits(),
    ) {
        watched.extend(loaded.files.iter().map(PathBuf::from));
    }
    watched.extend(args.sources.iter().cloned());
    watched
}

/// One build, with a line on the terminal saying how it went.
fn build(args: &ServeArgs) -> Result<String, Vec<Problem>> {
    let started = Instant::now();
    let page = page(args);
    let ms = started.elapsed().as_millis();
    match &page {
        Ok(_) => eprintln!("drawn in {ms} ms"),
        Err(problems) => eprintln!(
            "not drawn ({} problem{}); the page keeps the last good drawing",
            problems.len(),
            if problems.len() == 1 { "" } else { "s" }
        ),
    }
    page
}

/// The report page, as `report` writes it, or what kept it from being made.
fn page(args: &ServeArgs) -> Result<String, Vec<Problem>> {
    let one = |failure: Failure| vec![Problem::message(failure)];
    let mut loaded = read(&args.inputs).map_err(one)?;
    loaded.diagnostics.retain(|d| !d.is_info());
    if !loaded.diagnostics.is_empty() {
        eprint!("{}", diagnostic::render_all(&loaded.diagnostics));
    }
    if loaded.has_errors() {
        return Err(loaded.diagnostics.iter().map(Problem::from).collect());
    }
    let (part, opts) = diagram(loaded.map, &args.diagram).map_err(one)?;
    check_size(&part.map, opts.layout, args.diagram.force).map_err(one)?;
    let folder = match &args.sources {
        Some(dir) => Some(args.inputs.source_folder(dir).map_err(|e| one(e.into()))?),
        None => None,
    };
    render::html::build_with_sources(render::Drawing::part(&part), &opts, folder.as_ref())
        .map_err(|e| one(e.into()))
}
