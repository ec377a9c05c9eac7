//! `counterpoint overview` and `counterpoint clash-diagrams`: pictures that fit a screen, the
//! topics × camps overview and one diagram per clash.

use counterpoint::analysis::camps::Camps;
use counterpoint::analysis::clashes;
use counterpoint::analysis::stakes::Stakes;
use counterpoint::analysis::Verdicts;
use counterpoint::render::{self, views};

use super::{emit, file_format, load_map, print_out};
use crate::args::{ClashDiagramFormat, ClashDiagramsArgs, OverviewArgs, OverviewFormat};
use crate::error::Failure;

/// `overview`: topics × camps as SVG or Markdown.
pub(super) fn overview(args: OverviewArgs) -> Result<(), Failure> {
    let format = file_format(args.format, args.output.as_ref(), OverviewFormat::Svg)?;
    let map = load_map(&args.inputs)?;
    let overview = views::topics::Overview::of(&map, &Camps::of(&map));
    let text = match format {
        OverviewFormat::Svg => overview.svg(),
        OverviewFormat::Markdown => overview.markdown(),
    };
    emit(&text, args.output.as_ref(), &args.inputs)
}

/// `clash-diagrams`: one file per clash in the output folder; prints each file's path.
pub(super) fn clash_diagrams(args: ClashDiagramsArgs) -> Result<(), Failure> {
    let map = load_map(&args.inputs)?;
    let camps = Camps::of(&map);
    let verdicts = Verdicts::whole(&map);
    let list = clashes::clashes(&map, &camps, &verdicts, &Stakes::of(&map));
    let diagrams = views::pictures::clash_diagrams(&map, &camps, &verdicts, &list);
    if !args.output.is_dir() {
        return Err(Failure::Usage(format!(
            "{} is not a folder: make it first (mkdir -p), or name another with -o",
            args.output.display()
        )));
    }
    let mut written = String::new();
    let _progress = crate::progress::start(format!("drawing {} clash diagrams", diagrams.len()));
    for d in diagrams {
        let (extension, bytes) = match args.format {
            ClashDiagramFormat::Dot => ("dot", d.dot.into_bytes()),
            ClashDiagramFormat::Svg => (
                "svg",
                render::graphviz::run(&d.dot, render::OutputFormat::Svg, render::Layout::Dot)?,
            ),
        };
        let path = args.output.join(format!("{}.{extension}", d.stem));
        counterpoint::output::write_atomic(&path, &bytes, &args.inputs.paths)?;
        written.push_str(&format!("{}\n", path.display()));
    }
    print_out(&written)
}
