//! `counterpoint unanswered`: the points no other side has answered.

use counterpoint::analysis::unanswered;
use counterpoint::render::views;

use super::{emit, load_map, pretty};
use crate::args::{ListFormat, UnansweredArgs};
use crate::error::Failure;

/// Lists the unanswered points the filters keep.
pub(super) fn run(args: UnansweredArgs) -> Result<(), Failure> {
    let map = &load_map(&args.inputs)?;
    let sel = args.filter.filter().select(map)?;
    let nodes: Vec<_> = unanswered::unanswered(map)
        .into_iter()
        .filter(|&ix| sel.contains(ix))
        .collect();
    let text = match args.format {
        ListFormat::Text => views::unanswered::text(map, &nodes),
        ListFormat::Markdown => views::unanswered::markdown(map, &nodes),
        ListFormat::Json => pretty(&views::unanswered::json(map, &nodes))?,
    };
    emit(&text, args.output.as_ref(), &args.inputs)
}
