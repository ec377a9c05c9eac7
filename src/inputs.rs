//! What a command reads beyond the paths as given: `-` for standard input (read once, within the
//! size limit, named `<stdin>` in diagnostics), the current folder's `.argdown` files when no
//! path is given (as Argdown reads them), and the hint to pass the folder when one file of a map
//! split over several is read alone.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::diagnostic::{self, Code, Diagnostic};
use crate::files::Limits;
use crate::load::{self, LoadError, Loaded};
use crate::Format;

/// The path that stands for standard input.
pub const STDIN: &str = "-";
/// The name diagnostics give standard input.
pub const STDIN_NAME: &str = "<stdin>";

/// Why the inputs were not read.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// A file or folder was not read.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// `-` was given more than once.
    #[error("`-` (standard input) is named twice; it can be read once")]
    StdinTwice,
    /// Standard input holds more than the limit.
    #[error(
        "standard input is larger than --max-file-size ({0} bytes); raise the limit to read it"
    )]
    StdinTooLarge(u64),
    /// Standard input could not be read.
    #[error("cannot read standard input")]
    Stdin(#[source] std::io::Error),
    /// The current folder could not be listed.
    #[error("cannot read the current folder")]
    CurrentFolder(#[source] std::io::Error),
}

/// Whether `path` is `-`, standard input.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == STDIN
}

/// Whether `path`'s name ends in `.argdown` (in any case) and is not hidden.
fn is_visible_argdown(path: &Path) -> bool {
    let hidden = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'));
    let argdown = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("argdown"));
    argdown && !hidden
}

/// The `.argdown` files of the current folder, by name, as Argdown reads a folder by default
/// (its subfolders and hidden files left out); relative names (`a.argdown`).
pub fn current_folder_maps() -> Result<Vec<PathBuf>, InputError> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(".")
        .map_err(InputError::CurrentFolder)?
        .filter_map(|entry| entry.ok())
        .map(|entry| PathBuf::from(entry.file_name()))
        .filter(|name| is_visible_argdown(name) && name.is_file())
        .collect();
    found.sort();
    Ok(found)
}

/// All of standard input, at most `max` bytes.
pub fn read_stdin(max: u64) -> Result<Vec<u8>, InputError> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(InputError::Stdin)?;
    if bytes.len() as u64 > max {
        return Err(InputError::StdinTooLarge(max));
    }
    Ok(bytes)
}

/// Reads `paths` as one map, as [`load::load_with`] does, where `-` is standard input (read
/// once, after the files, its format guessed from its content unless `format` names it). The
/// files' `@include(...)` lines are followed as [`load::load_with`] follows them; those of
/// standard input are errors (it has no folder to include files from).
pub fn load(
    paths: &[PathBuf],
    format: Option<Format>,
    limits: Limits,
) -> Result<Loaded, InputError> {
    let from_stdin = paths.iter().filter(|p| is_stdin(p)).count();
    match from_stdin {
        0 => return Ok(load::load_with(paths, format, limits)?),
        1 => {}
        _ => return Err(InputError::StdinTwice),
    }
    let files: Vec<PathBuf> = paths.iter().filter(|p| !is_stdin(p)).cloned().collect();
    let (mut read, mut problems) = if files.is_empty() {
        (Vec::new(), Vec::new())
    } else {
        load::read_files(&files, format, limits)?
    };
    let stdin = read_stdin(limits.max_file_bytes)?;
    problems.extend(load::stdin_includes(STDIN_NAME, &stdin, format));
    read.push((STDIN_NAME.to_string(), stdin));
    let mut loaded = load::load_bytes(read, format);
    if !problems.is_empty() {
        loaded.diagnostics.extend(problems);
        diagnostic::sort(&mut loaded.diagnostics, &loaded.files);
    }
    Ok(loaded)
}

/// When files were named one by one (no folder, no `-`), some diagnostics name what another
/// file may declare (a side, E004; a source, E005; a title, W001), and the folder of the first
/// file named holds other `.argdown` files: the line that says to pass the folder, as a map
/// split over files is read whole.
pub fn folder_hint(paths: &[PathBuf], diagnostics: &[Diagnostic]) -> Option<String> {
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
    let folder = match paths.first()?.parent()? {
        f if f.as_os_str().is_empty() => Path::new("."),
        f => f,
    };
    let others = std::fs::read_dir(folder)
        .ok()?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            is_visible_argdown(p)
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
    let mut shown = folder.display().to_string();
    if !shown.ends_with('/') {
        shown.push('/');
    }
    Some(format!(
        "hint: {these} that the files given do not declare, and {shown} holds {others} other \
         .argdown {files}: a map split over files is read whole by passing its folder \
         (`counterpoint check {shown}`)"
    ))
}
