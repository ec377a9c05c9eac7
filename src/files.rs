//! Reading files safely, for maps the user names and for the source texts a map names.
//!
//! - Only regular files are read: a device (`/dev/zero`), a FIFO or a socket is refused before
//!   any byte is read, and opening never blocks (a FIFO is opened non-blocking, then refused).
//! - A file larger than a cap ([`Limits::max_file_bytes`], 256 MiB unless `--max-file-size`
//!   raises it) is refused; the cap is also enforced while reading, in case the file grows.
//! - A source text is read only from inside the folder the user allowed (`--sources DIR`),
//!   after every link on the way is resolved: an absolute path, a `..` step or a link that
//!   leads out of the folder is refused, naming the source, and nothing of the file is read
//!   (see [`SourceFolder`]).

use std::io::Read as _;
use std::path::{Component, Path, PathBuf};

/// The default cap on the size of one input file: 256 MiB.
pub(crate) const DEFAULT_MAX_FILE_BYTES: u64 = 256 << 20;

/// Limits on what is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest file read, in bytes.
    pub max_file_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
        }
    }
}

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// A device, FIFO, socket or folder.
    #[error("cannot read {path}: it is {what}, not a regular file")]
    NotRegular {
        /// The file, as named.
        path: PathBuf,
        /// What it is instead, for the message (`a FIFO (named pipe)`, `a folder`).
        what: &'static str,
    },
    /// Larger than the cap.
    #[error(
        "cannot read {path}: it is larger than {} (raise the limit with --max-file-size)",
        size_text(*.max)
    )]
    TooLarge {
        /// The file, as named.
        path: PathBuf,
        /// The cap, in bytes.
        max: u64,
    },
    /// The file could not be opened or read.
    #[error("cannot read {path}")]
    Io {
        /// The file, as named.
        path: PathBuf,
        /// The underlying I/O error.
        #[source]
        source: std::io::Error,
    },
}

impl ReadError {
    /// The same error about `path`.
    fn with_path(self, path: PathBuf) -> ReadError {
        match self {
            ReadError::NotRegular { what, .. } => ReadError::NotRegular { path, what },
            ReadError::TooLarge { max, .. } => ReadError::TooLarge { path, max },
            ReadError::Io { source, .. } => ReadError::Io { path, source },
        }
    }

    /// Whether the file does not exist.
    pub(crate) fn is_not_found(&self) -> bool {
        matches!(self, ReadError::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound)
    }
}

/// `1.5 MiB`, `256 MiB`, `12 bytes`.
pub(crate) fn size_text(bytes: u64) -> String {
    const UNITS: [(&str, u64); 3] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)];
    for (unit, size) in UNITS {
        if bytes >= size {
            return if bytes.is_multiple_of(size) {
                format!("{} {unit}", bytes / size)
            } else {
                format!("{:.1} {unit}", bytes as f64 / size as f64)
            };
        }
    }
    format!("{bytes} bytes")
}

/// Parses a size as the `--max-file-size` flag takes it: bytes, or a number with `K`, `M` or
/// `G` (powers of 1024; `KiB`, `MB` and the like are read the same).
pub fn parse_size(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (number, unit) = t.split_at(digits);
    let number: u64 = number
        .parse()
        .map_err(|_| format!("{text:?} is not a size: write bytes, or a number with K, M or G"))?;
    let shift = match unit.trim().to_ascii_uppercase().as_str() {
        "" | "B" => 0,
        "K" | "KB" | "KIB" => 10,
        "M" | "MB" | "MIB" => 20,
        "G" | "GB" | "GIB" => 30,
        _ => {
            return Err(format!(
                "{text:?} is not a size: the unit must be K, M or G"
            ))
        }
    };
    number
        .checked_mul(1 << shift)
        .filter(|&n| n > 0)
        .ok_or_else(|| format!("{text:?} is not a usable size"))
}

/// What a non-regular file is, for messages.
fn kind_of(t: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
    }
    if t.is_dir() {
        return "a folder";
    }
    "not a regular file"
}

/// Reads the regular file `path` (links followed), refusing other kinds of file and files
/// larger than `limits.max_file_bytes`.
pub(crate) fn read_regular(path: &Path, limits: Limits) -> Result<Vec<u8>, ReadError> {
    let io = |source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    };
    // Refused before opening: opening some devices acts by itself (a tape rewinds).
    let before = std::fs::metadata(path).map_err(io)?;
    if !before.is_file() {
        return Err(ReadError::NotRegular {
            path: path.to_path_buf(),
            what: kind_of(before.file_type()),
        });
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    // Opening a FIFO for reading waits for a writer; non-blocking, it returns at once and the
    // type check below refuses it.
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if !meta.file_type().is_file() {
        return Err(ReadError::NotRegular {
            path: path.to_path_buf(),
            what: kind_of(meta.file_type()),
        });
    }
    let max = limits.max_file_bytes;
    if meta.len() > max {
        return Err(ReadError::TooLarge {
            path: path.to_path_buf(),
            max,
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // One byte over the cap tells a file that grew while being read.
    file.take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > max {
        return Err(ReadError::TooLarge {
            path: path.to_path_buf(),
            max,
        });
    }
    Ok(bytes)
}

/// Why a source text was not read from the sources folder.
#[derive(Debug, thiserror::Error)]
pub(crate) enum SourceReadError {
    /// The name leads outside the folder; nothing of the file was read.
    #[error("{file:?} {why}; source texts are read only from inside the sources folder {folder}")]
    Outside {
        file: String,
        why: &'static str,
        folder: PathBuf,
    },
    #[error("there is no file {0}")]
    Missing(PathBuf),
    #[error(transparent)]
    Read(#[from] ReadError),
}

/// The folder of source texts that the user allowed (`--sources DIR`); see the module docs.
#[derive(Debug, Clone)]
pub struct SourceFolder {
    /// As the user named it, for messages.
    shown: PathBuf,
    /// With every link resolved.
    real: PathBuf,
    limits: Limits,
}

impl SourceFolder {
    /// The folder `dir`, which must exist.
    pub fn new(dir: &Path, limits: Limits) -> Result<SourceFolder, ReadError> {
        let real = dir.canonicalize().map_err(|source| ReadError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        Ok(SourceFolder {
            shown: dir.to_path_buf(),
            real,
            limits,
        })
    }

    /// Reads the source text `file` (as a map's `file:` names it) from inside the folder.
    pub(crate) fn read(&self, file: &str) -> Result<Vec<u8>, SourceReadError> {
        let path = self.resolve(file)?;
        // Messages name the file as the map does, inside the folder as the user named it.
        read_regular(&path, self.limits).map_err(|e| match e {
            e if e.is_not_found() => SourceReadError::Missing(self.shown.join(file)),
            e => SourceReadError::Read(e.with_path(self.shown.join(file))),
        })
    }

    /// The real path of `file` inside the folder. The name is checked first, without touching
    /// the file system (no absolute path, no `..`); then each step is looked at in turn, and a
    /// link is followed only to see whether it stays inside the folder.
    fn resolve(&self, file: &str) -> Result<PathBuf, SourceReadError> {
        let outside = |why| SourceReadError::Outside {
            file: file.to_string(),
            why,
            folder: self.shown.clone(),
        };
        let mut steps = Vec::new();
        for component in Path::new(file).components() {
            match component {
                Component::Normal(name) => steps.push(name),
                Component::CurDir => {}
                Component::ParentDir => return Err(outside("steps out of its folder with `..`")),
                Component::RootDir | Component::Prefix(_) => {
                    return Err(outside("is an absolute path"))
                }
            }
        }
        if steps.is_empty() {
            return Err(outside("names no file"));
        }
        let mut at = self.real.clone();
        for name in steps {
            at.push(name);
            let meta = match std::fs::symlink_metadata(&at) {
                Ok(m) => m,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    return Err(SourceReadError::Missing(self.shown.join(file)))
                }
                Err(source) => {
                    return Err(SourceReadError::Read(ReadError::Io {
                        path: self.shown.join(file),
                        source,
                    }))
                }
            };
            if meta.file_type().is_symlink() {
                // One message whether the link's target exists or not: nothing is said of what
                // lies outside.
                match at.canonicalize() {
                    Ok(real) if real.starts_with(&self.real) => at = real,
                    _ => return Err(outside("is a link that does not stay inside the folder")),
                }
            }
        }
        Ok(at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_and_print() {
        assert_eq!(parse_size("256M"), Ok(256 << 20));
        assert_eq!(parse_size("1 GiB"), Ok(1 << 30));
        assert_eq!(parse_size("4096"), Ok(4096));
        assert_eq!(
            parse_size("12X"),
            Err("\"12X\" is not a size: the unit must be K, M or G".to_string())
        );
        assert_eq!(
            parse_size("0"),
            Err("\"0\" is not a usable size".to_string())
        );
        assert_eq!(size_text(256 << 20), "256 MiB");
        assert_eq!(size_text(1536), "1.5 KiB");
        assert_eq!(size_text(12), "12 bytes");
    }

    #[test]
    fn refuses_devices_and_large_files() {
        let err = read_regular(Path::new("/dev/zero"), Limits::default()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "cannot read /dev/zero: it is a device, not a regular file"
        );
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.argdown");
        std::fs::write(&big, vec![b'a'; 2048]).unwrap();
        let err = read_regular(
            &big,
            Limits {
                max_file_bytes: 1024,
            },
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "cannot read {}: it is larger than 1 KiB (raise the limit with --max-file-size)",
                big.display()
            )
        );
        assert_eq!(
            read_regular(
                &big,
                Limits {
                    max_file_bytes: 2048
                }
            )
            .unwrap()
            .len(),
            2048
        );
    }

    #[cfg(unix)]
    #[test]
    fn sources_stay_inside_their_folder() {
        let top = tempfile::tempdir().unwrap();
        std::fs::write(top.path().join("secret.txt"), "secret\n").unwrap();
        let dir = top.path().join("sources");
        std::fs::create_dir(&dir).unwrap();
        std::fs::write(dir.join("ok.txt"), "fine\n").unwrap();
        std::os::unix::fs::symlink(top.path().join("secret.txt"), dir.join("out.txt")).unwrap();
        std::os::unix::fs::symlink(dir.join("ok.txt"), dir.join("in.txt")).unwrap();
        let folder = SourceFolder::new(&dir, Limits::default()).unwrap();
        assert_eq!(folder.read("ok.txt").unwrap(), b"fine\n");
        assert_eq!(folder.read("./in.txt").unwrap(), b"fine\n");
        let shown = dir.display();
        for (file, why) in [
            ("../secret.txt", "steps out of its folder with `..`"),
            ("out.txt", "is a link that does not stay inside the folder"),
            ("", "names no file"),
        ] {
            assert_eq!(
                folder.read(file).unwrap_err().to_string(),
                format!(
                    "{file:?} {why}; source texts are read only from inside the sources folder \
                     {shown}"
                )
            );
        }
        let absolute = top.path().join("secret.txt").display().to_string();
        assert_eq!(
            folder.read(&absolute).unwrap_err().to_string(),
            format!(
                "{absolute:?} is an absolute path; source texts are read only from inside the \
                 sources folder {shown}"
            )
        );
    }
}
