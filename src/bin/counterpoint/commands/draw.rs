//! `counterpoint render` and `counterpoint report`: the map drawn, as DOT, through Graphviz as
//! SVG, PNG or PDF, or as one self-contained HTML page.

use std::io::IsTerminal;

use counterpoint::render;

use super::{diagram, emit, emit_with, file_format, keep_until_exit, load_map};
use crate::args::{RenderArgs, RenderFormat, ReportArgs};
use crate::error::Failure;

/// Refuses to lay out a map so large that Graphviz would take long, unless `--force`.
pub(super) fn check_size(
    map: &counterpoint::Map,
    layout: render::Layout,
    force: bool,
) -> Result<(), Failure> {
    let limit = render::graphviz::slow_layout_nodes(layout);
    if force || map.node_count() <= limit {
        return Ok(());
    }
    Err(Failure::Usage(format!(
        "the map has {} nodes; Graphviz lays out more than {limit} nodes slowly \
         ({}). Draw part of the map with the filters, try `--layout sfdp`, \
         write `--format dot`, or pass `--force` to wait.",
        map.node_count(),
        render::graphviz::TIMINGS,
    )))
}

/// `render`: DOT, or a drawing made by Graphviz.
pub(super) fn render(args: RenderArgs) -> Result<(), Failure> {
    let output = args.output.as_ref();
    // Refused before the map is read.
    let format = file_format(args.format, output, RenderFormat::Dot)?;
    let map = load_map(&args.inputs)?;
    let (part, opts) = diagram(map, &args.diagram)?;
    let drawing = render::Drawing::part(&part);
    let format = match format {
        RenderFormat::Dot => {
            let written = emit_with(output, &args.inputs, |out| {
                render::dot::write_dot(drawing, &opts, out)
            });
            keep_until_exit(part);
            return written;
        }
        RenderFormat::Svg => render::OutputFormat::Svg,
        RenderFormat::Png => render::OutputFormat::Png,
        RenderFormat::Pdf => render::OutputFormat::Pdf,
    };
    if output.is_none() && format.is_binary() && std::io::stdout().is_terminal() {
        return Err(Failure::Usage(format!(
            "{} is binary: write it to a file with `-o FILE` (or redirect standard output)",
            format.as_str()
        )));
    }
    check_size(&part.map, opts.layout, args.diagram.force)?;
    let dot = render::to_dot(drawing, &opts);
    let progress = crate::progress::start(format!(
        "laying out {} nodes with Graphviz",
        part.map.node_count()
    ));
    let bytes = render::graphviz::run(&dot, format, opts.layout)?;
    drop(progress);
    emit(&bytes, output, &args.inputs)
}

/// `report`: the HTML page.
pub(super) fn report(args: ReportArgs) -> Result<(), Failure> {
    let map = load_map(&args.inputs)?;
    let (part, opts) = diagram(map, &args.diagram)?;
    check_size(&part.map, opts.layout, args.diagram.force)?;
    let folder = match &args.sources {
        Some(dir) => Some(args.inputs.source_folder(dir)?),
        None => None,
    };
    let progress = crate::progress::start(format!(
        "laying out {} nodes with Graphviz for the report",
        part.map.node_count()
    ));
    let html =
        render::html::build_with_sources(render::Drawing::part(&part), &opts, folder.as_ref())?;
    drop(progress);
    counterpoint::output::write_atomic(&args.output, html.as_bytes(), &args.inputs.paths)?;
    Ok(())
}
