//! Loading maps from files: folders are expanded (name order), all `.argdown` files are read
//! together as one map, other formats are detected by extension or content.

use std::path::{Path, PathBuf};

use crate::check::validate;
use crate::diagnostic::{self, Code, Diagnostic};
use crate::files::{self, Limits, ReadError};
use crate::formats::{self, iccma, Format};
use crate::model::{Map, Str};
use crate::syntax;
use crate::text::decode::strip_bom;

/// A map with everything found while reading and checking it.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// The map read from all the files together.
    pub map: Map,
    /// Errors and warnings, sorted by file (in input order), line and column.
    pub diagnostics: Vec<Diagnostic>,
    /// The files read, in the order read, as named to the user.
    pub files: Vec<String>,
    /// Each file's text as read, `(file name, text)` in the order of `files` (decoded, the
    /// byte-order mark dropped): for what quotes the files later, e.g.
    /// [`crate::check::citations::check_sources`], without reading them again.
    pub texts: Vec<(String, Str)>,
}

impl Loaded {
    /// Whether any diagnostic is an error (not a warning).
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// An input that could not be read at all (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// A folder could not be listed.
    #[error("cannot read {path}")]
    Io {
        /// The folder.
        path: PathBuf,
        /// The underlying I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A file could not be read (see [`ReadError`]).
    #[error(transparent)]
    Read(#[from] ReadError),
    /// A folder given holds no `.argdown` file, subfolders included.
    #[error("{0}: no .argdown files in this folder or its subfolders")]
    EmptyFolder(PathBuf),
    /// No path was given.
    #[error("no input files given")]
    NoInput,
}

/// The files to read, and what was passed over while finding them.
#[derive(Debug, Clone, Default)]
pub struct Expanded {
    /// Each file once (two spellings of one file, or a file also inside a folder given, count
    /// once), sorted by its full path with links resolved: the order the paths are given in
    /// does not change what is read, nor in what order.
    pub files: Vec<PathBuf>,
    /// A warning (W005) for each `.argdown` link in a folder that leads nowhere or loops.
    pub diagnostics: Vec<Diagnostic>,
}

/// Expands folders into the `.argdown` files below them, subfolders included (hidden files and
/// folders, whose names start with `.`, and links to folders are passed over; what is not a
/// regular file is named in a warning); files named directly are kept whatever they are, for
/// reading to accept or refuse. See [`Expanded`] for the order and the de-duplication.
pub fn expand(paths: &[PathBuf]) -> Result<Expanded, LoadError> {
    if paths.is_empty() {
        return Err(LoadError::NoInput);
    }
    let mut found = Vec::new();
    let mut diagnostics = Vec::new();
    for path in paths {
        if path.is_dir() {
            let files = argdown_files_below(path, &mut diagnostics)?;
            if files.is_empty() {
                return Err(LoadError::EmptyFolder(path.clone()));
            }
            found.extend(files);
        } else {
            found.push(path.clone());
        }
    }
    // The same file named twice (or hard-linked under two names) would be read twice, and
    // `fmt` would write it twice.
    let mut keyed: Vec<(PathBuf, PathBuf)> = found
        .into_iter()
        .map(|p| (p.canonicalize().unwrap_or_else(|_| p.clone()), p))
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    diagnostics.sort_by(|a, b| a.file.cmp(&b.file));
    let mut seen = std::collections::HashSet::new();
    keyed.retain(|(real, _)| seen.insert(file_identity(real)));
    Ok(Expanded {
        files: keyed.into_iter().map(|(_, p)| p).collect(),
        diagnostics,
    })
}

/// What tells two names of one file apart from two files: the device and inode where there
/// are such, else the path with links resolved.
fn file_identity(real: &Path) -> (u64, u64, PathBuf) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(m) = std::fs::metadata(real) {
            return (m.dev(), m.ino(), PathBuf::new());
        }
    }
    (0, 0, real.to_path_buf())
}

/// The `.argdown` files in `folder` and its subfolders, walked with an explicit stack.
fn argdown_files_below(
    folder: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Vec<PathBuf>, LoadError> {
    let mut files = Vec::new();
    let mut folders = vec![folder.to_path_buf()];
    while let Some(dir) = folders.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|source| LoadError::Io {
            path: dir.clone(),
            source,
        })?;
        for entry in entries.filter_map(Result::ok) {
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let path = entry.path();
            let Ok(file_type) = entry.file_type() else {
                continue;
            };
            if file_type.is_dir() {
                folders.push(path);
                continue;
            }
            if !has_extension(&path, "argdown") {
                continue;
            }
            // Links followed: only what leads to a regular file is read; the rest is named.
            let why = match std::fs::metadata(&path) {
                Ok(meta) if meta.is_file() => {
                    files.push(path);
                    continue;
                }
                Ok(meta) if meta.is_dir() => continue,
                Ok(_) => "it is not a regular file (a FIFO, socket or device)",
                Err(e) if e.raw_os_error() == Some(libc::ELOOP) => "it is a link that loops",
                Err(_) => "it is a link that leads nowhere",
            };
            let mut d = Diagnostic::new(Code::SkippedInput, format!("skipped: {why}"))
                .with_help("remove it, or make it a link to an .argdown file");
            d.file = path.display().to_string();
            diagnostics.push(d);
        }
    }
    Ok(files)
}

fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

/// Reads `paths` as one map and checks it (without the source texts; see
/// [`crate::check::citations::check_sources`]), with the default [`Limits`]. `format` is the
/// format of every input, or `None` to guess each file's from its extension and content.
pub fn load(paths: &[PathBuf], format: Option<Format>) -> Result<Loaded, LoadError> {
    load_with(paths, format, Limits::default())
}

/// [`load`] with other limits on what is read.
pub fn load_with(
    paths: &[PathBuf],
    format: Option<Format>,
    limits: Limits,
) -> Result<Loaded, LoadError> {
    let expanded = expand(paths)?;
    let mut read = Vec::with_capacity(expanded.files.len());
    for path in &expanded.files {
        let bytes = files::read_regular(path, limits)?;
        read.push((path.display().to_string(), bytes));
    }
    let mut loaded = load_bytes(read, format);
    if !expanded.diagnostics.is_empty() {
        loaded.diagnostics.extend(expanded.diagnostics);
        diagnostic::sort(&mut loaded.diagnostics, &loaded.files);
    }
    Ok(loaded)
}

/// Reads files already read into memory, `(file name, bytes)`, as one map and checks it: each is
/// decoded with `decode` (its bytes become its text), then read by [`load_texts`].
pub fn load_bytes(files: Vec<(String, Vec<u8>)>, format: Option<Format>) -> Loaded {
    let mut texts = Vec::with_capacity(files.len());
    let mut encoding = Vec::new();
    for (name, bytes) in files {
        let (text, problem) = decode(&name, bytes);
        encoding.extend(problem);
        texts.push((name, text));
    }
    let mut loaded = load_decoded(texts, format);
    if !encoding.is_empty() {
        loaded.diagnostics.extend(encoding);
        diagnostic::sort(&mut loaded.diagnostics, &loaded.files);
    }
    loaded
}

/// Reads one file as text with `decode`: the text, and the error when it is not UTF-8.
pub fn read_text(path: &Path, limits: Limits) -> Result<(String, Option<Diagnostic>), LoadError> {
    let bytes = files::read_regular(path, limits)?;
    Ok(decode(&path.display().to_string(), bytes))
}

/// Decodes the bytes of the file `name` as text by [`crate::text::decode::decode`]'s rule
/// (UTF-8, a leading byte-order mark dropped, bytes that are not UTF-8 read as `\u{FFFD}` so
/// that reading goes on), with one error (E013) at the first bad byte that counts the others.
/// UTF-8 bytes become the text without a copy.
pub(crate) fn decode(name: &str, bytes: Vec<u8>) -> (String, Option<Diagnostic>) {
    let decoded = crate::text::decode::decode_owned(bytes);
    let text = decoded.text;
    let problem = decoded.not_utf8.map(|bad| {
        let others = match bad.places {
            0 | 1 => String::new(),
            2 => " (and 1 more place in the file)".to_string(),
            n => format!(" (and {} more places in the file)", n - 1),
        };
        Diagnostic::new(
            Code::BadInput,
            format!(
                "the file is not UTF-8 text: byte 0x{:02X} here is not UTF-8{others}",
                bad.byte
            ),
        )
        .at(name, &text, bad.line, bad.column)
        .with_help(
            "save the file with the UTF-8 encoding (most editors offer it under \"Save as\"); \
             counterpoint reads only UTF-8",
        )
    });
    (text, problem)
}

/// Reads already-loaded texts `(file name, text)` as one map and checks it.
pub fn load_texts(texts: &[(String, String)], format: Option<Format>) -> Loaded {
    // A byte-order mark (as some Windows editors write) is not part of the text.
    let texts = texts
        .iter()
        .map(|(n, t)| (n.clone(), strip_bom(t).to_string()))
        .collect();
    load_decoded(texts, format)
}

/// Reads texts `(file name, text)` without byte-order marks as one map and checks it; the
/// texts are kept in [`Loaded::texts`].
fn load_decoded(texts: Vec<(String, String)>, format: Option<Format>) -> Loaded {
    // Each text moves into a shared string (no copy): the ids, titles and texts of the map
    // read from it share its bytes.
    let texts: Vec<(String, Str)> = texts.into_iter().map(|(n, t)| (n, Str::from(t))).collect();
    let mut diagnostics = Vec::new();
    let mut argdown = Vec::new();
    let mut maps = Vec::new();
    for (name, text) in &texts {
        match detect(name, text, format) {
            Format::Argdown => argdown.push((name.as_str(), text)),
            Format::Json => {
                if let Some(map) = formats::json::read(name, text, &mut diagnostics) {
                    maps.push((name, map));
                }
            }
            Format::Aif => {
                if let Some(map) = formats::aif::read(name, text, &mut diagnostics) {
                    maps.push((name, map));
                }
            }
            Format::Kialo => {
                if let Some(map) = formats::kialo::read(name, text, &mut diagnostics) {
                    maps.push((name, map));
                }
            }
            format @ (Format::Apx | Format::Tgf | Format::I23) => {
                if let Some(dialect) = format.dialect() {
                    let parsed = iccma::read(name, text.as_bytes(), dialect, &mut diagnostics);
                    if let Some(map) = parsed.and_then(|p| p.to_map_checked(name, &mut diagnostics))
                    {
                        maps.push((name, map));
                    }
                }
            }
            format @ (Format::Mermaid | Format::Graphml) => {
                let mut d = Diagnostic::new(
                    Code::BadInput,
                    format!("counterpoint writes {format} but does not read it"),
                );
                d.file = name.clone();
                diagnostics.push(d);
            }
        }
    }
    let mut map = if argdown.is_empty() {
        Map::new()
    } else {
        syntax::parse_files(&argdown, &mut diagnostics)
    };
    for (name, other) in maps {
        diagnostics.extend(validate::control_characters(&other, name));
        if map.node_count() == 0 && map.sides.is_empty() {
            map = other;
        } else {
            let mut d = Diagnostic::new(
                Code::BadInput,
                "only one non-Argdown map can be read at a time",
            )
            .with_help(
                "read this file on its own, or turn it into Argdown first with \
                 `counterpoint export --to argdown`",
            );
            d.file = name.clone();
            diagnostics.push(d);
        }
    }
    diagnostics.extend(validate::validate(&map));
    diagnostic::attach_snippets(&mut diagnostics, &texts);
    let files: Vec<String> = texts.iter().map(|(n, _)| n.clone()).collect();
    diagnostic::sort(&mut diagnostics, &files);
    Loaded {
        map,
        diagnostics,
        files,
        texts,
    }
}

/// The format of the file `name` holding `text`: `format` if given, else guessed from the
/// extension and the content.
fn detect(name: &str, text: &str, format: Option<Format>) -> Format {
    if let Some(format) = format {
        return format;
    }
    let path = Path::new(name);
    if let Some(dialect) =
        iccma::Dialect::from_extension(name).or_else(|| iccma::Dialect::sniff(text.as_bytes()))
    {
        return Format::from(dialect);
    }
    // The text has no byte-order mark: `load_decoded` is given texts without one.
    let start = text.trim_start();
    if has_extension(path, "json") || start.starts_with('{') {
        // Counterpoint JSON unless the content is AIF; unreadable JSON goes to the JSON reader,
        // which reports where it breaks.
        match serde_json::from_str::<serde_json::Value>(text) {
            Ok(value) if !formats::json::detect(&value) && formats::aif::detect(&value) => {
                Format::Aif
            }
            _ => Format::Json,
        }
    } else if formats::kialo::detect(text) {
        Format::Kialo
    } else {
        Format::Argdown
    }
}

/// What [`load_framework_or_map`] read.
#[derive(Debug)]
pub enum FrameworkOrMap {
    /// One ICCMA file, read straight into a compact framework without building a map (the way
    /// to read frameworks of any size).
    Framework(iccma::Parsed),
    /// A map, with its diagnostics (errors included, as [`load_with`] gives them).
    Map(Box<Loaded>),
}

/// Reads `paths` as [`load_with`] does, except one ICCMA file alone (so named by `format`, by
/// its extension, or when no `format` is given by its content): that is read straight into a
/// framework. When such a file has errors, they come back as a [`Loaded`] without nodes whose
/// diagnostics are the file's.
pub fn load_framework_or_map(
    paths: &[PathBuf],
    format: Option<Format>,
    limits: Limits,
) -> Result<FrameworkOrMap, LoadError> {
    let [path] = paths else {
        return load_with(paths, format, limits).map(|l| FrameworkOrMap::Map(Box::new(l)));
    };
    let dialect = match format {
        _ if path.is_dir() => {
            return load_with(paths, format, limits).map(|l| FrameworkOrMap::Map(Box::new(l)))
        }
        None => iccma::Dialect::from_extension(&path.to_string_lossy()),
        Some(format) => match format.dialect() {
            Some(dialect) => Some(dialect),
            None => {
                return load_with(paths, Some(format), limits)
                    .map(|l| FrameworkOrMap::Map(Box::new(l)))
            }
        },
    };
    let bytes = files::read_regular(path, limits)?;
    let name = path.display().to_string();
    // By extension or format, or else by content, as the map loader decides.
    let Some(dialect) = dialect.or_else(|| iccma::Dialect::sniff(&bytes)) else {
        // Not a framework after all: read the bytes already in hand as a map.
        return Ok(FrameworkOrMap::Map(Box::new(load_bytes(
            vec![(name, bytes)],
            format,
        ))));
    };
    let mut diagnostics = Vec::new();
    Ok(
        match iccma::read(&name, &bytes, dialect, &mut diagnostics) {
            Some(parsed) => FrameworkOrMap::Framework(parsed),
            None => FrameworkOrMap::Map(Box::new(Loaded {
                map: Map::new(),
                diagnostics,
                files: vec![name],
                texts: Vec::new(),
            })),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn framework_or_map(files: &[(&str, &str)], format: Option<Format>) -> FrameworkOrMap {
        let dir = tempfile::tempdir().expect("temp dir");
        let paths: Vec<PathBuf> = files
            .iter()
            .map(|(name, text)| {
                let path = dir.path().join(name);
                std::fs::write(&path, text).expect("writes");
                path
            })
            .collect();
        load_framework_or_map(&paths, format, Limits::default()).expect("reads")
    }

    const APX: &str = "arg(a).\narg(b).\natt(a,b).\n";

    #[test]
    fn one_iccma_file_is_read_as_a_framework() {
        for (name, format) in [
            ("f.apx", None),
            // By content, or as `--from` says.
            ("f.txt", None),
            ("f.txt", Some(Format::Apx)),
        ] {
            match framework_or_map(&[(name, APX)], format) {
                FrameworkOrMap::Framework(parsed) => {
                    assert_eq!(parsed.framework.len(), 2, "{name}");
                    assert_eq!(parsed.names.get(1), "b");
                }
                FrameworkOrMap::Map(_) => panic!("{name} {format:?} read as a map"),
            }
        }
    }

    #[test]
    fn anything_else_is_read_as_a_map() {
        let nodes = |files: &[(&str, &str)], format| match framework_or_map(files, format) {
            FrameworkOrMap::Map(loaded) => loaded.map.node_count(),
            FrameworkOrMap::Framework(_) => panic!("{files:?} read as a framework"),
        };
        assert_eq!(nodes(&[("m.argdown", "[A]: a.\n")], None), 1);
        // Two files: read as a map (which refuses a non-Argdown map beside Argdown).
        assert_eq!(
            nodes(&[("a.apx", APX), ("b.argdown", "[A]: a.\n")], None),
            1
        );
        // `--from argdown` reads even a `.apx` file as Argdown.
        assert_eq!(nodes(&[("f.apx", "[A]: a.\n")], Some(Format::Argdown)), 1);
    }

    #[test]
    fn a_framework_with_errors_comes_back_as_its_diagnostics() {
        let FrameworkOrMap::Map(loaded) = framework_or_map(&[("f.apx", "arg(a).\natt(a,\n")], None)
        else {
            panic!("read as a framework");
        };
        assert_eq!(loaded.map.node_count(), 0);
        assert!(loaded.has_errors());
        assert!(loaded.diagnostics.iter().all(|d| d.file.ends_with("f.apx")));
    }

    #[test]
    fn a_format_counterpoint_only_writes_is_not_read() {
        let loaded = load_texts(
            &[("m.mmd".into(), "flowchart BT\n".into())],
            Some(Format::Mermaid),
        );
        let headlines: Vec<String> = loaded.diagnostics.iter().map(|d| d.headline()).collect();
        assert_eq!(
            headlines,
            ["m.mmd: error[E013]: counterpoint writes mermaid but does not read it"]
        );
    }
}
