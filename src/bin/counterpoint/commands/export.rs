//! `counterpoint export --to FORMAT`: the map (or the part the filters keep) in another format.

use counterpoint::formats;
use counterpoint::Format;

use super::{emit, emit_with, filtered, keep_until_exit, load_map};
use crate::args::ExportArgs;
use crate::error::Failure;

/// Writes the map in the format `--to` names.
pub(super) fn run(args: ExportArgs) -> Result<(), Failure> {
    let map = load_map(&args.inputs)?;
    let map = filtered(map, &args.filter)?;
    let output = args.output.as_ref();
    let text = match args.to.0 {
        Format::Json => {
            let written = emit_with(output, &args.inputs, |out| formats::json::write(&map, out));
            keep_until_exit(map);
            return written;
        }
        Format::Apx => formats::iccma::to_apx(&map),
        Format::I23 => formats::iccma::to_i23(&map),
        Format::Aif => formats::aif::to_string(&map),
        Format::Argdown => match formats::argdown::to_string_with_warnings(&map) {
            Ok((text, warnings)) => {
                for w in warnings {
                    eprintln!("warning: {w}");
                }
                text
            }
            Err(e) => return Err(Failure::Refused(e.to_string())),
        },
        Format::Mermaid => formats::mermaid::to_string(&map),
        Format::Graphml => formats::graphml::to_string(&map),
        // `--to` offers only the formats counterpoint writes.
        format @ (Format::Tgf | Format::Kialo) => {
            return Err(Failure::Usage(format!(
                "counterpoint does not write {format}"
            )));
        }
    };
    emit(&text, output, &args.inputs)
}
