//! What the commands read, beyond the paths as given: `-` for standard input, the current
//! folder's `.argdown` files when no path is given (as Argdown does), and the hint to pass the
//! folder when one file of a map split over files is read alone.

use std::io::Read;
use std::path::{Path, PathBuf};

use counterpoint::diagnostic::{Code, Diagnostic};
use counterpoint::load::{self, Loaded};

use crate::args::Inputs;
use crate::error::Failure;

/// The name standard input goes by, as a path argument.
pub(crate) const STDIN: &str = "-";
/// The name diagnostics give standard input.
pub(crate) const STDIN_NAME: &str = "<stdin>";

/// Whether `path` is `-`, standard input.
pub(crate) fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == STDIN
}

/// With no path given: the current folder's `.argdown` files (not its subfolders, hidden files
/// left out), in name order, after saying so on standard error.
pub(crate) fn default_paths(paths: &mut Vec<PathBuf>) -> Result<(), Failure> {
    if !paths.is_empty() {
        return Ok(());
    }
    let mut found: Vec<PathBuf> = std::fs::read_dir(".")
        .map_err(|e| Failure::Failed(format!("cannot read the current folder: {e}")))?
        .filter_map(|entry| entry.ok())
        .map(|entry| PathBuf::from(entry.file_name()))
        .filter(|name| {
            let hidden = name.to_str().is_some_and(|n| n.starts_with('.'));
            let argdown = name
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| e.eq_ignore_ascii_case("argdown"));
            !hidden && argdown && name.is_file()
        })
        .collect();
    found.sort();
    match found.len() {
        0 => Err(Failure::Usage(
            "no path given, and the current folder holds no .argdown file: name the map's \
             files or folders (e.g. `counterpoint check arguments/`), or `-` for standard input"
                .to_string(),
        )),
        n => {
            let files = if n == 1 { "file" } else { "files" };
            eprintln!(
                "note: no path given: reading the {n} .argdown {files} of the current folder"
            );
            *paths = found;
            Ok(())
        }
    }
}

/// Reads the inputs as one map, diagnostics and all; `-` is standard input (read once, named
/// `<stdin>`, its format guessed from its content unless `--from` names it).
pub(crate) fn read(inputs: &Inputs) -> Result<Loaded, Failure> {
    let stdin_count = inputs.paths.iter().filter(|p| is_stdin(p)).count();
    if stdin_count == 0 {
        return Ok(load::load_with(
            &inputs.paths,
            inputs.format(),
            inputs.limits(),
        )?);
    }
    if stdin_count > 1 {
        return Err(Failure::Usage(
            "`-` (standard input) is named twice; it can be read once".to_string(),
        ));
    }
    let files: Vec<PathBuf> = inputs
        .paths
        .iter()
        .filter(|p| !is_stdin(p))
        .cloned()
        .collect();
    let mut read = Vec::new();
    let mut problems: Vec<Diagnostic> = Vec::new();
    if !files.is_empty() {
        let expanded = load::expand(&files)?;
        problems.extend(expanded.diagnostics);
        for path in &expanded.files {
            let (text, problem) = load::read_text(path, inputs.limits())?;
            problems.extend(problem);
            read.push((path.display().to_string(), text.into_bytes()));
        }
    }
    read.push((
        STDIN_NAME.to_string(),
        stdin_bytes(inputs.limits().max_file_bytes)?,
    ));
    let mut loaded = load::load_bytes(read, inputs.format());
    if !problems.is_empty() {
        loaded.diagnostics.extend(problems);
        counterpoint::diagnostic::sort(&mut loaded.diagnostics, &loaded.files);
    }
    Ok(loaded)
}

/// All of standard input, at most `max` bytes (`--max-file-size`).
pub(crate) fn stdin_bytes(max: u64) -> Result<Vec<u8>, Failure> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Failure::Failed(format!("cannot read standard input: {e}")))?;
    if bytes.len() as u64 > max {
        return Err(Failure::Failed(format!(
            "standard input is larger than --max-file-size ({max} bytes); raise the limit to \
             read it"
        )));
    }
    Ok(bytes)
}

/// When files were named one by one (no folder, no `-`), some diagnostics name what another
/// file may declare (a side, E004; a source, E005; a title, W001), and the folder of the first
/// file named holds other `.argdown` files: the line that says to pass the folder, as a map
/// split over files is read whole.
pub(crate) fn folder_hint(paths: &[PathBuf], diagnostics: &[Diagnostic]) -> Option<String> {
    let undefined = diagnostics
        .iter()
        .filter(|d| {
            matches!(
                d.code,
                Code::UnknownSide | Code::UnknownSource | Code::UndefinedReference
            )
        })
        .count();
    if undefined == 0 || paths.iter().any(|p| p.is_dir() || is_stdin(p)) {
        return None;
    }
    let given: Vec<PathBuf> = paths.iter().filter_map(|p| p.canonicalize().ok()).collect();
    let folder = paths.first()?.parent()?;
    let shown = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    let others = std::fs::read_dir(shown)
        .ok()?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| e.eq_ignore_ascii_case("argdown"))
                && !p
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with('.'))
                && !given.contains(&p.canonicalize().unwrap_or_else(|_| p.clone()))
        })
        .count();
    if others == 0 {
        return None;
    }
    let these = if undefined == 1 {
        "1 diagnostic names a side, source or title".to_string()
    } else {
        format!("{undefined} diagnostics name sides, sources or titles")
    };
    let files = if others == 1 { "file" } else { "files" };
    let mut folder = shown.display().to_string();
    if !folder.ends_with('/') {
        folder.push('/');
    }
    Some(format!(
        "hint: {these} that the files given do not declare, and {folder} holds {others} other \
         .argdown {files}: a map split over files is read whole by passing its folder \
         (`counterpoint check {folder}`)"
    ))
}
