//! Writing output files: whole or not at all, and never over an input.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Why an output file was not written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The path is (or resolves to) one of the inputs.
    #[error("refusing to write {0}: it is one of the inputs")]
    WouldOverwriteInput(PathBuf),
    /// The path is a folder.
    #[error("cannot write {0}: it is a folder; give the name of a file in it")]
    IsFolder(PathBuf),
    /// The folder the file would go in does not exist.
    #[error("cannot write {path}: there is no folder {folder}")]
    NoFolder {
        /// The path, as given.
        path: PathBuf,
        /// The missing folder (the link's target's folder when the path is a link).
        folder: PathBuf,
    },
    /// The path is a link whose target does not exist.
    #[error("cannot write {0}: it is a link that leads nowhere")]
    DanglingLink(PathBuf),
    /// The path is a read-only file.
    #[error("cannot write {0}: it is read-only")]
    ReadOnly(PathBuf),
    /// Writing failed (or the temporary file could not be made or renamed).
    #[error("cannot write {path}")]
    Io {
        /// The path, as given.
        path: PathBuf,
        /// The underlying I/O error.
        #[source]
        source: std::io::Error,
    },
}

/// The temporary files being written now, removed by [`remove_pending_files`] when the process
/// is interrupted.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn pending() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    PENDING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Removes every temporary file still being written, for a handler of SIGINT and SIGTERM: an
/// interrupted run leaves no partial file behind.
pub fn remove_pending_files() {
    for path in pending().drain(..) {
        let _ = std::fs::remove_file(path);
    }
}

/// A temporary file beside its target, renamed over the target by [`Staged::commit`]. It is
/// removed when dropped uncommitted, and by [`remove_pending_files`].
pub(crate) struct Staged {
    file: tempfile::NamedTempFile,
    target: PathBuf,
    _pending: Pending,
}

/// The registration of a temporary file in [`PENDING`], ended when dropped.
struct Pending(PathBuf);

impl Drop for Pending {
    fn drop(&mut self) {
        pending().retain(|p| *p != self.0);
    }
}

impl Staged {
    /// A new, empty temporary file in `target`'s folder (which must exist).
    pub(crate) fn beside(target: &Path) -> std::io::Result<Staged> {
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        // The file is created and registered under the lock: an interruption between the two
        // would otherwise find nothing to remove (the handler waits for the lock).
        let mut registered = pending();
        let file = tempfile::Builder::new()
            .prefix(".counterpoint-")
            .tempfile_in(dir)
            .map_err(without_temp_path)?;
        registered.push(file.path().to_path_buf());
        drop(registered);
        Ok(Staged {
            _pending: Pending(file.path().to_path_buf()),
            file,
            target: target.to_path_buf(),
        })
    }

    /// The temporary file, to write to and set permissions on.
    pub(crate) fn file(&self) -> &std::fs::File {
        self.file.as_file()
    }

    /// Gives the temporary file (private, 0600) the permissions of `target` when it exists, or
    /// those of a plain new file (0644).
    pub(crate) fn keep_mode_of(&self, target: &Path) -> std::io::Result<()> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(target)
                .map(|m| m.permissions().mode())
                .unwrap_or(0o644);
            self.file()
                .set_permissions(std::fs::Permissions::from_mode(mode))?;
        }
        Ok(())
    }

    /// Renames the temporary file over the target.
    pub(crate) fn commit(self) -> std::io::Result<()> {
        self.file
            .persist(&self.target)
            .map(drop)
            .map_err(|e| e.error)
    }
}

/// Where an output goes.
enum Destination {
    /// Standard output (`-`, `/dev/stdout`).
    Stdout,
    /// Standard error (`/dev/stderr`).
    Stderr,
    /// Written to directly: a device, a FIFO, a pipe or another open file descriptor
    /// (`/dev/fd/N`); `append` for a descriptor that may be a regular file opened by the shell.
    Direct { path: PathBuf, append: bool },
    /// Written into a temporary file beside `target`, then renamed over it.
    Atomic { target: PathBuf },
}

/// The files this process has read as inputs beyond the paths given to a write (files named by
/// `@include`, files in a folder given), with links resolved: never written over.
static PROTECTED: Mutex<BTreeSet<PathBuf>> = Mutex::new(BTreeSet::new());

fn protected() -> std::sync::MutexGuard<'static, BTreeSet<PathBuf>> {
    PROTECTED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Remembers `files` as inputs read by this process: [`write_atomic`] and
/// [`write_atomic_with`] refuse to write over any of them, whatever inputs they are given (the
/// loader calls this with every file it reads, included ones too).
pub fn protect(files: &[PathBuf]) {
    let mut kept = protected();
    for file in files {
        if let Ok(real) = file.canonicalize() {
            kept.insert(real);
        }
    }
}

/// The names of this process's own open files: written to as they are, never replaced.
fn descriptor(path: &Path) -> Option<Destination> {
    let text = path.to_str()?;
    let fd = text
        .strip_prefix("/dev/fd/")
        .or_else(|| text.strip_prefix("/proc/self/fd/"));
    match (text, fd) {
        ("/dev/stdout", _) | (_, Some("1")) => Some(Destination::Stdout),
        ("/dev/stderr", _) | (_, Some("2")) => Some(Destination::Stderr),
        (_, Some(_)) => Some(Destination::Direct {
            path: path.to_path_buf(),
            append: true,
        }),
        _ => None,
    }
}

/// Decides where `path` is written (see [`write_atomic`]).
fn destination(path: &Path, inputs: &[PathBuf]) -> Result<Destination, OutputError> {
    if path == Path::new("-") {
        return Ok(Destination::Stdout);
    }
    if let Some(d) = descriptor(path) {
        return Ok(d);
    }
    if is_input(path, inputs) || protected().contains(&canonical(path)) {
        return Err(OutputError::WouldOverwriteInput(path.to_path_buf()));
    }
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => return Err(OutputError::IsFolder(path.to_path_buf())),
        Ok(m) if !m.is_file() => {
            return Ok(Destination::Direct {
                path: path.to_path_buf(),
                append: false,
            })
        }
        Ok(m) if m.permissions().readonly() => {
            return Err(OutputError::ReadOnly(path.to_path_buf()))
        }
        _ => {}
    }
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    let target = if is_link {
        path.canonicalize()
            .map_err(|_| OutputError::DanglingLink(path.to_path_buf()))?
    } else {
        path.to_path_buf()
    };
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(OutputError::NoFolder {
            path: path.to_path_buf(),
            folder: dir.to_path_buf(),
        });
    }
    Ok(Destination::Atomic { target })
}

/// Writes `bytes` to `path`, whole or not at all, and never over an input:
///
/// - `-` and `/dev/stdout` are standard output, `/dev/stderr` standard error, and another
///   `/dev/fd/N` is written to as it is (appending, as a shell's `>>` would);
/// - a device, FIFO or pipe (`/dev/null`, a named pipe) is written to directly: it is not a
///   file to replace;
/// - a link is followed: the file it points to is written (atomically, beside it); the link
///   stays a link;
/// - a read-only file is refused, as the shell's `>` refuses it;
/// - anything else is written into a temporary file in the same folder, then renamed over
///   `path`. An interrupted run removes the temporary file (see [`remove_pending_files`]).
///
/// Refuses when `path` is (or resolves to) one of `inputs`, or a file the loader read (see
/// [`protect`]). Messages name `path`, never the
/// temporary file.
pub fn write_atomic(path: &Path, bytes: &[u8], inputs: &[PathBuf]) -> Result<(), OutputError> {
    write_atomic_with(path, inputs, |out| out.write_all(bytes))
}

/// [`write_atomic`] for output written piece by piece: `write` writes it to the writer it is
/// given (buffered, flushed afterwards), so that the whole output never has to be held in
/// memory. Every guarantee of [`write_atomic`] holds: when `write` fails, a file target is left
/// as it was (the temporary file is removed) and the error names `path`; standard output, a
/// device or a FIFO keeps what was written before the failure.
pub fn write_atomic_with(
    path: &Path,
    inputs: &[PathBuf],
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), OutputError> {
    let io = |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    };
    match destination(path, inputs)? {
        Destination::Stdout => write_buffered(std::io::stdout().lock(), write).map_err(io),
        Destination::Stderr => write_buffered(std::io::stderr().lock(), write).map_err(io),
        Destination::Direct { path: p, append } => {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .append(append)
                .open(p)
                .map_err(io)?;
            write_buffered(file, write).map_err(io)
        }
        Destination::Atomic { target } => {
            let staged = Staged::beside(&target).map_err(io)?;
            staged.keep_mode_of(&target).map_err(io)?;
            write_buffered(staged.file(), write).map_err(io)?;
            staged.commit().map_err(io)
        }
    }
}

/// Runs `write` on `out` through a buffer, then flushes it.
fn write_buffered(
    out: impl Write,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut buffered = std::io::BufWriter::with_capacity(64 * 1024, out);
    if let Err(e) = write(&mut buffered) {
        // Dropped, a `BufWriter` would still write what it holds: a failed output stops here.
        drop(buffered.into_parts());
        return Err(e);
    }
    buffered.flush()
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
pub(crate) fn is_input(path: &Path, inputs: &[PathBuf]) -> bool {
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
    fn refuses_to_overwrite_a_file_read_beyond_the_inputs_given() {
        let dir = tempfile::tempdir().unwrap();
        let included = dir.path().join("included.argdown");
        std::fs::write(&included, "[B]: b").unwrap();
        write_atomic(&included, b"x", &[]).unwrap();
        protect(std::slice::from_ref(&included));
        let err = write_atomic(&included, b"y", &[]).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "refusing to write {}: it is one of the inputs",
                included.display()
            )
        );
        assert_eq!(std::fs::read_to_string(&included).unwrap(), "x");
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
    fn an_interruption_removes_the_temporary_files_being_written() {
        let dir = tempfile::tempdir().unwrap();
        let staged = Staged::beside(&dir.path().join("out.json")).unwrap();
        let temp = staged.file.path().to_path_buf();
        assert!(temp.exists());
        remove_pending_files();
        assert!(!temp.exists(), "removed on interruption");
        std::mem::forget(staged);
        let staged = Staged::beside(&dir.path().join("out.json")).unwrap();
        staged.commit().unwrap();
        assert!(
            pending().is_empty(),
            "a committed file is no longer pending"
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
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
    #[test]
    fn streamed_output_is_written_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.dot");
        write_atomic_with(&out, &[], |w| {
            for i in 0..100_000 {
                writeln!(w, "line {i}")?;
            }
            Ok(())
        })
        .unwrap();
        let text = std::fs::read_to_string(&out).unwrap();
        assert_eq!(text.lines().count(), 100_000);
        assert_eq!(text.lines().last(), Some("line 99999"));
        // A failure halfway leaves the old file as it was, and no temporary file.
        let err = write_atomic_with(&out, &[], |w| {
            w.write_all(&[b'x'; 200_000])?;
            Err(std::io::Error::other("the drawing failed"))
        })
        .unwrap_err();
        assert_eq!(err.to_string(), format!("cannot write {}", out.display()));
        assert_eq!(
            std::error::Error::source(&err).map(ToString::to_string),
            Some("the drawing failed".to_string())
        );
        assert_eq!(std::fs::read_to_string(&out).unwrap(), text);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        // And it never writes over an input.
        let err = write_atomic_with(&out, std::slice::from_ref(&out), |w| w.write_all(b"x"));
        assert!(matches!(err, Err(OutputError::WouldOverwriteInput(_))));
        assert_eq!(std::fs::read_to_string(&out).unwrap(), text);
    }
}
