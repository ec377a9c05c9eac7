//! `counterpoint export --to FORMAT`: the map (or the part the filters keep) in another format.

use counterpoint::formats;
use counterpoint::Format;

use super::{emit, emit_with, filtered, keep_until_exit, load_map};
use crate::args::{ExportArgs, LabelsArg};
use crate::error::Failure;

/// Writes the map in the format `--to` names.
pub(super) fn run(args: ExportArgs) -> Result<(), Failure> {
    let map = load_map(&args.inputs)?;
    let map = filtered(map, &args.filter)?;
    let output = args.output.as_ref();
    if args.labels.is_some() && args.to.0 != Format::Mermaid {
        return Err(Failure::Usage(
            "--labels applies to --to mermaid only".to_string(),
        ));
    }
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
        Format::Mermaid => {
            let labels = match args.labels {
                Some(LabelsArg::Title) => formats::mermaid::Labels::Title,
                Some(LabelsArg::Full) | None => formats::mermaid::Labels::Full,
            };
            let text = formats::mermaid::to_string_with(&map, labels);
            let over = formats::mermaid::over_limits(&text, &map);
            if !over.is_empty() {
                for why in &over {
                    eprintln!("warning: {why}; code hosts show an error instead of this diagram");
                }
                eprintln!(
                    "  = help: make it smaller: `--labels title` (titles only), or a part of the \
                     map with `--side SIDE`, `--section ID`, `--tag TAG` or `--focus NODE --depth N`"
                );
            }
            text
        }
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
