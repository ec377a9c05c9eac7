//! `counterpoint prep --side S`: a debate-prep brief for one side.

use counterpoint::analysis::prep;
use counterpoint::render::views;

use super::{emit, load_map, pretty};
use crate::args::{PrepArgs, PrepFormat};
use crate::error::Failure;

/// Writes the brief for `--side`.
pub(super) fn run(args: PrepArgs) -> Result<(), Failure> {
    let map = &load_map(&args.inputs)?;
    let sel = args.scope.filter().select(map)?;
    let brief = prep::brief(map, &args.side, Some(&sel))?;
    let text = match args.format {
        PrepFormat::Markdown => views::prep::markdown(map, &brief),
        PrepFormat::Json => pretty(&views::prep::json(map, &brief))?,
        PrepFormat::Html => views::prep::html(map, &brief),
    };
    emit(&text, args.output.as_ref(), &args.inputs)
}
