//! `counterpoint unanswered`: the points no opponent has answered, ranked by what is at stake
//! in them: the contentions (with `--all`, the evidence leaves too).

use counterpoint::analysis::unanswered;
use counterpoint::render::views;

use super::{emit, load_map, pretty};
use crate::args::{ListFormat, UnansweredArgs};
use crate::error::Failure;

/// Lists the unanswered points the filters keep.
pub(super) fn run(args: UnansweredArgs) -> Result<(), Failure> {
    let map = &load_map(&args.inputs)?;
    let sel = args.filter.filter().select(map)?;
    let ranked = unanswered::ranked(map, |ix| sel.contains(ix));
    let text = match args.format {
        ListFormat::Text => views::unanswered::text(map, &ranked, args.all),
        ListFormat::Markdown => views::unanswered::markdown(map, &ranked, args.all),
        ListFormat::Json => pretty(&views::unanswered::json(map, &ranked, args.all))?,
    };
    emit(&text, args.output.as_ref(), &args.inputs)
}
