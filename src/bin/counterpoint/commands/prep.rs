//! `counterpoint prep --camp C` (or `--side S`): the brief a coach hands out.

use std::io::IsTerminal;

use counterpoint::analysis::prep::{self, Ask};
use counterpoint::render::views;

use super::{emit, file_format, load_map, pretty, print_styled, terminal_width};
use crate::args::{PrepArgs, PrepFormat};
use crate::error::Failure;

/// Writes the brief for `--camp` or `--side`.
pub(super) fn run(args: PrepArgs) -> Result<(), Failure> {
    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    let default = if to_terminal {
        PrepFormat::Text
    } else {
        PrepFormat::Markdown
    };
    let format = file_format(args.format, args.output.as_ref(), default)?;
    let map = &load_map(&args.inputs)?;
    let sel = args.scope.filter().select(map)?;
    let ask = match (args.camp, args.side) {
        (_, Some(side)) => Ask::Side(side),
        (Some(camp), None) => Ask::Camp(camp),
        (None, None) => return Err(Failure::Usage("give --camp or --side".into())),
    };
    let brief = prep::brief(map, &ask, Some(&sel), args.all)?;
    let text = match format {
        PrepFormat::Text => {
            let markdown = views::prep::markdown(map, &brief);
            let text = views::terminal::markdown(&markdown, terminal_width());
            // Styled on a terminal, unless colour is off (`--color`, `NO_COLOR`).
            return print_styled(&text, args.output.as_ref(), &args.inputs);
        }
        PrepFormat::Markdown => views::prep::markdown(map, &brief),
        PrepFormat::Json => pretty(&views::prep::json(map, &brief))?,
        PrepFormat::Html => views::prep::html(map, &brief),
    };
    emit(&text, args.output.as_ref(), &args.inputs)
}
