//! `counterpoint stats`: counts of nodes, relations, depth and answers.

use counterpoint::analysis::stats;
use counterpoint::render::views;

use super::{emit, load_map, pretty};
use crate::args::{StatsArgs, TextOrJson};
use crate::error::Failure;

/// Prints the statistics.
pub(super) fn run(args: StatsArgs) -> Result<(), Failure> {
    let map = &load_map(&args.inputs)?;
    let s = stats::stats(map);
    let text = match args.format {
        TextOrJson::Text => views::stats::text(map, &s),
        TextOrJson::Json => pretty(&views::stats::json(map, &s))?,
    };
    emit(&text, args.output.as_ref(), &args.inputs)
}
