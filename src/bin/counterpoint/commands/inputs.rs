//! The paths a command reads when none is given: the current folder's `.argdown` files, after
//! saying so on standard error (the library's [`counterpoint::inputs`] finds them).

use std::path::PathBuf;

use crate::error::Failure;

/// With no path given: the current folder's `.argdown` files, after a note that says so.
pub(crate) fn default_paths(paths: &mut Vec<PathBuf>) -> Result<(), Failure> {
    if !paths.is_empty() {
        return Ok(());
    }
    let found = counterpoint::inputs::current_folder_maps()?;
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
