//! Writing output files: whole or not at all, and never over an input.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Why an output file was not written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("refusing to write {0}: it is one of the inputs")]
    WouldOverwriteInput(PathBuf),
    #[error("cannot write {0}: it is a folder; give the name of a file in it")]
    IsFolder(PathBuf),
    #[error("cannot write {path}: there is no folder {folder}")]
    NoFolder { path: PathBuf, folder: PathBuf },
    #[error("cannot write {path}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Writes `bytes` to `path` atomically: into a temporary file in the same folder, then renamed
/// over `path`. Refuses when `path` is (or resolves to) one of `inputs`.
pub fn write_atomic(path: &Path, bytes: &[u8], inputs: &[PathBuf]) -> Result<(), OutputError> {
    if is_input(path, inputs) {
        return Err(OutputError::WouldOverwriteInput(path.to_path_buf()));
    }
    let io = |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    };
    if path.is_dir() {
        return Err(OutputError::IsFolder(path.to_path_buf()));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(OutputError::NoFolder {
            path: path.to_path_buf(),
            folder: dir.to_path_buf(),
        });
    }
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| io(without_temp_path(e)))?;
    // A temporary file is private (0600); the result gets the mode a plain new file would have,
    // or keeps the mode of the file it replaces.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)
            .map(|m| m.permissions().mode())
            .unwrap_or(0o644);
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .map_err(io)?;
    }
    tmp.write_all(bytes).map_err(io)?;
    tmp.flush().map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

/// `tempfile`'s errors name the temporary file, which the user never sees (and cannot give its
/// cause apart: its `source` is empty): keep only what went wrong.
fn without_temp_path(e: std::io::Error) -> std::io::Error {
    if e.get_ref().is_some() {
        std::io::Error::from(e.kind())
    } else {
        e
    }
}

/// Whether `path` names one of the input files (or a file inside an input folder).
pub fn is_input(path: &Path, inputs: &[PathBuf]) -> bool {
    let target = canonical(path);
    inputs.iter().any(|input| {
        let input = canonical(input);
        target == input || target.starts_with(&input) && input.is_dir()
    })
}

fn canonical(path: &Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    // The file may not exist yet: resolve its folder instead.
    match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) => {
            let parent = if parent.as_os_str().is_empty() {
                Path::new(".")
            } else {
                parent
            };
            parent
                .canonicalize()
                .map(|p| p.join(name))
                .unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_to_overwrite_an_input() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("map.argdown");
        std::fs::write(&input, "[A]: a").unwrap();
        let err = write_atomic(&input, b"x", std::slice::from_ref(&input)).unwrap_err();
        assert!(matches!(err, OutputError::WouldOverwriteInput(_)));
        assert_eq!(std::fs::read_to_string(&input).unwrap(), "[A]: a");
    }

    #[test]
    fn names_a_missing_folder_or_a_folder_given_as_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("nowhere").join("out.json");
        let err = write_atomic(&out, b"{}", &[]).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "cannot write {}: there is no folder {}",
                out.display(),
                dir.path().join("nowhere").display()
            )
        );
        let err = write_atomic(dir.path(), b"{}", &[]).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "cannot write {}: it is a folder; give the name of a file in it",
                dir.path().display()
            )
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn temporary_file_errors_do_not_name_the_temporary_file() {
        let e = tempfile::NamedTempFile::new_in("/proc/no/such/folder").unwrap_err();
        assert!(e.to_string().contains(" at path "), "{e}");
        assert_eq!(without_temp_path(e).to_string(), "entity not found");
    }

    #[test]
    fn writes_whole_file() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.json");
        write_atomic(&out, b"{}\n", &[]).unwrap();
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "{}\n");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&out).unwrap().permissions().mode();
            assert_eq!(
                mode & 0o777,
                0o644,
                "readable by others, like a plain new file"
            );
        }
    }
}
