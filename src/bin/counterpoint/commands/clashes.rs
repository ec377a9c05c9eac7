//! `counterpoint clashes`: every point of one camp attacked by another, with its exchange.

use counterpoint::analysis::camps::Camps;
use counterpoint::analysis::clashes::{self, find_camp};
use counterpoint::analysis::stakes::Stakes;
use counterpoint::analysis::Verdicts;
use counterpoint::render::views;

use super::{emit, load_map, pretty};
use crate::args::{ClashesArgs, ListFormat};
use crate::error::Failure;

/// Lists the clashes; with `--camp`, those that concern the camp (and the motion's).
pub(super) fn run(args: ClashesArgs) -> Result<(), Failure> {
    let map = &load_map(&args.inputs)?;
    let camps = Camps::of(map);
    let camp = args
        .camp
        .as_deref()
        .map(|id| find_camp(&camps, id))
        .transpose()?;
    let mut list = clashes::clashes(map, &camps, &Verdicts::whole(map), &Stakes::of(map));
    if let Some(c) = camp {
        list.retain(|k| k.concerns(map, &camps, c));
    }
    let text = match args.format {
        ListFormat::Text => views::clashes::text(map, &camps, &list),
        ListFormat::Markdown => views::clashes::markdown(map, &camps, &list),
        ListFormat::Json => pretty(&views::clashes::json(map, &camps, &list))?,
    };
    emit(&text, args.output.as_ref(), &args.inputs)
}
