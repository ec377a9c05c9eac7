//! `counterpoint fmt`: rewrites `.argdown` files in place in the canonical layout, or with
//! `--check` lists the files that would change; `fmt -` formats standard input to standard
//! output.

use std::path::PathBuf;

use counterpoint::fmt::{self as layout, FmtError};
use counterpoint::{inputs, load};

use super::{eprint_diagnostics, print_out};
use crate::args::FmtArgs;
use crate::error::Failure;

/// What `fmt` says when the files have errors.
const HAS_ERRORS: &str = "fmt: the files have errors; nothing was rewritten";

/// Formats the files: rewrites those that change, or with `--check` lists them
/// ([`Failure::CheckFailed`] when there are any).
pub(super) fn run(args: FmtArgs) -> Result<(), Failure> {
    if args.paths.iter().any(|p| inputs::is_stdin(p)) {
        return standard_input(&args);
    }
    // Each file once, whatever the spelling: a file read twice would be written twice.
    let expanded = load::expand(&args.paths)?;
    if !expanded.diagnostics.is_empty() {
        eprint_diagnostics(&expanded.diagnostics);
    }
    let paths = expanded.files;
    let mut files = Vec::with_capacity(paths.len());
    let mut not_utf8 = Vec::new();
    for path in &paths {
        if path.extension().and_then(|e| e.to_str()) != Some("argdown") {
            return Err(Failure::Usage(format!(
                "{}: fmt rewrites .argdown files only",
                path.display()
            )));
        }
        let (text, problem) = load::read_text(path, args.limits.limits())?;
        not_utf8.extend(problem);
        files.push((path.display().to_string(), text));
    }
    if !not_utf8.is_empty() {
        eprint_diagnostics(&not_utf8);
        return Err(Failure::Refused(HAS_ERRORS.to_string()));
    }
    let formatted = format_or_refuse(&files)?;
    if !formatted.warnings.is_empty() {
        eprint_diagnostics(&formatted.warnings);
    }
    let changed = formatted.changed(&files);
    if args.check {
        for name in changed
            .iter()
            .filter_map(|&i| formatted.files.get(i))
            .map(|(name, _)| name.as_str())
        {
            print_out(&format!("{name}\n"))?;
        }
        return if changed.is_empty() {
            Ok(())
        } else {
            Err(Failure::CheckFailed)
        };
    }
    let writes: Vec<(PathBuf, String)> = changed
        .iter()
        .filter_map(|&i| Some((paths.get(i)?.clone(), formatted.files.get(i)?.1.clone())))
        .collect();
    let rewritten = layout::rewrite(&writes).map_err(|e| Failure::Failed(format!("fmt: {e}")))?;
    for path in rewritten {
        print_out(&format!("formatted {}\n", path.display()))?;
    }
    Ok(())
}

/// `fmt -`: standard input formatted to standard output; with `--check`, nothing written but
/// `<stdin>` when it would change (exit 1).
fn standard_input(args: &FmtArgs) -> Result<(), Failure> {
    if args.paths.len() > 1 {
        return Err(Failure::Usage(
            "fmt formats `-` (standard input) alone: give it without other paths".to_string(),
        ));
    }
    let bytes = inputs::read_stdin(args.limits.limits().max_file_bytes)?;
    let text = match String::from_utf8(bytes) {
        // A byte-order mark is not part of the text.
        Ok(text) => match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => text,
        },
        Err(e) => {
            return Err(Failure::Refused(format!(
                "fmt: standard input is not UTF-8 text (byte {} is not); nothing was written",
                e.utf8_error().valid_up_to() + 1
            )))
        }
    };
    let files = [(inputs::STDIN_NAME.to_string(), text)];
    let formatted = format_or_refuse(&files)?;
    eprint_diagnostics(&formatted.warnings);
    if args.check {
        if formatted.changed(&files).is_empty() {
            return Ok(());
        }
        print_out(&format!("{}\n", inputs::STDIN_NAME))?;
        return Err(Failure::CheckFailed);
    }
    match formatted.files.first() {
        Some((_, text)) => print_out(text),
        None => Ok(()),
    }
}

/// The files formatted, or the refusal: the map's errors printed, or why it cannot be done.
fn format_or_refuse(files: &[(String, String)]) -> Result<layout::Formatted, Failure> {
    match layout::format(files) {
        Ok(f) => Ok(f),
        Err(FmtError::Invalid(diagnostics)) => {
            eprint_diagnostics(&diagnostics);
            Err(Failure::Refused(HAS_ERRORS.to_string()))
        }
        Err(e) => Err(Failure::Refused(format!("fmt: {e}"))),
    }
}
