//! Loading maps from files: folders are expanded (name order), all `.argdown` files are read
//! together as one map, other formats are detected by extension or content.

use std::collections::HashMap;
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

/// The `.argdown` files in `folder` and its subfolders, walked with an explicit stack; what is
/// not a regular file is named in a warning.
fn argdown_files_below(
    folder: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Vec<PathBuf>, LoadError> {
    let walk = walk_argdown(folder, WalkLimits::NONE);
    if let Some((path, source)) = walk.unreadable.into_iter().next() {
        return Err(LoadError::Io { path, source });
    }
    for (path, why) in walk.skipped {
        let mut d = Diagnostic::new(Code::SkippedInput, format!("skipped: {why}"))
            .with_help("remove it, or make it a link to an .argdown file");
        d.file = path.display().to_string();
        diagnostics.push(d);
    }
    Ok(walk.files)
}

/// How far [`walk_argdown`] goes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct WalkLimits {
    /// Into subfolders too.
    pub(crate) recursive: bool,
    /// At most this many folder entries looked at, hidden ones included.
    pub(crate) entries: usize,
    /// At most this many files listed.
    pub(crate) files: usize,
    /// Files of at most this many bytes in all listed.
    pub(crate) bytes: u64,
}

impl WalkLimits {
    /// Subfolders included, no limit: the command line's walk.
    pub(crate) const NONE: WalkLimits = WalkLimits {
        recursive: true,
        entries: usize::MAX,
        files: usize::MAX,
        bytes: u64::MAX,
    };
}

/// Where [`walk_argdown`] stopped before the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cut {
    /// More entries than [`WalkLimits::entries`].
    Entries,
    /// More files or bytes than [`WalkLimits::files`] or [`WalkLimits::bytes`].
    Files,
}

/// What [`walk_argdown`] found, each list in the order of the walk.
#[derive(Debug, Default)]
pub(crate) struct Walk {
    /// The `.argdown` files that are regular files (links followed).
    pub(crate) files: Vec<PathBuf>,
    /// `.argdown` names that are not regular files, and why.
    pub(crate) skipped: Vec<(PathBuf, &'static str)>,
    /// Folders that could not be listed (the walk goes on past them).
    pub(crate) unreadable: Vec<(PathBuf, std::io::Error)>,
    /// Where the walk stopped early, if it did.
    pub(crate) cut: Option<Cut>,
}

/// The `.argdown` files below `folder`, walked with an explicit stack; hidden files and folders
/// (names starting with `.`) and links to folders are passed over. The command line and the
/// language server both list folders through this walk.
pub(crate) fn walk_argdown(folder: &Path, limits: WalkLimits) -> Walk {
    let mut walk = Walk::default();
    let (mut entries_seen, mut bytes) = (0usize, 0u64);
    let mut folders = vec![folder.to_path_buf()];
    'walk: while let Some(dir) = folders.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(source) => {
                walk.unreadable.push((dir, source));
                continue;
            }
        };
        for entry in entries.filter_map(Result::ok) {
            entries_seen += 1;
            if entries_seen > limits.entries {
                walk.cut = Some(Cut::Entries);
                break 'walk;
            }
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let path = entry.path();
            let Ok(file_type) = entry.file_type() else {
                continue;
            };
            if file_type.is_dir() {
                if limits.recursive {
                    folders.push(path);
                }
                continue;
            }
            if !has_extension(&path, "argdown") {
                continue;
            }
            // Links followed: only what leads to a regular file is listed; the rest is named.
            let why = match std::fs::metadata(&path) {
                Ok(meta) if meta.is_file() => {
                    if walk.files.len() >= limits.files
                        || bytes.saturating_add(meta.len()) > limits.bytes
                    {
                        walk.cut = Some(Cut::Files);
                        break 'walk;
                    }
                    bytes = bytes.saturating_add(meta.len());
                    walk.files.push(path);
                    continue;
                }
                Ok(meta) if meta.is_dir() => continue,
                Ok(_) => "it is not a regular file (a FIFO, socket or device)",
                Err(e) if e.raw_os_error() == Some(libc::ELOOP) => "it is a link that loops",
                Err(_) => "it is a link that leads nowhere",
            };
            walk.skipped.push((path, why));
        }
    }
    walk
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
    let (read, found) = read_files(paths, format, limits)?;
    let mut loaded = load_bytes(read, format);
    if !found.is_empty() {
        loaded.diagnostics.extend(found);
        diagnostic::sort(&mut loaded.diagnostics, &loaded.files);
    }
    Ok(loaded)
}

/// A file read into memory: its name, as shown to the user, and its bytes.
pub(crate) type ReadFile = (String, Vec<u8>);

/// The files `paths` name (folders expanded, see [`expand`]) read into memory as
/// `(file name, bytes)`, with the files their `@include(...)` lines name after them (when the
/// inputs may be Argdown), and what was found while reading (skipped files, bad includes). Every
/// file read is also remembered by [`crate::output::protect`]: no output is written over it.
pub(crate) fn read_files(
    paths: &[PathBuf],
    format: Option<Format>,
    limits: Limits,
) -> Result<(Vec<ReadFile>, Vec<Diagnostic>), LoadError> {
    let expanded = expand(paths)?;
    let mut read = Vec::with_capacity(expanded.files.len());
    for path in &expanded.files {
        let bytes = files::read_regular(path, limits)?;
        read.push((path.display().to_string(), bytes));
    }
    let mut found = expanded.diagnostics;
    let mut read_paths = expanded.files.clone();
    if matches!(format, None | Some(Format::Argdown)) {
        let (with, included) =
            with_includes(paths, &expanded.files, read, format, limits, &mut found);
        read = with;
        read_paths.extend(included);
    }
    crate::output::protect(&read_paths);
    Ok((read, found))
}

/// Whether `path` is read as Argdown when no format is given: `.argdown`, `.ad`, Markdown, or
/// no extension.
fn argdown_named(path: &Path) -> bool {
    path.extension().is_none() || ARGDOWN_EXTENSIONS.iter().any(|e| has_extension(path, e))
}

/// Whether `path` is a Markdown file by its extension.
fn markdown_named(path: &Path) -> bool {
    has_extension(path, "md") || has_extension(path, "markdown")
}

/// The extensions of Argdown files (Markdown files are read for their Argdown blocks).
const ARGDOWN_EXTENSIONS: [&str; 4] = ["argdown", "ad", "md", "markdown"];

/// The errors (E013) for the `@include(...)` lines of standard input, `bytes` named `name`,
/// when it is read as Argdown: standard input has no folder to include files from, so none is
/// read.
pub(crate) fn stdin_includes(name: &str, bytes: &[u8], format: Option<Format>) -> Vec<Diagnostic> {
    let lossy = String::from_utf8_lossy(bytes);
    let text = strip_bom(&lossy);
    if !text.contains("@include") || !matches!(detect(name, text, format), Ok(Format::Argdown)) {
        return Vec::new();
    }
    let lines = syntax::include::lines(text);
    syntax::include::includes(text)
        .iter()
        .map(|found| {
            let shown = if found.path.is_empty() {
                "nothing".to_string()
            } else {
                found.path.clone()
            };
            Diagnostic::new(
                Code::BadInput,
                format!("@include: standard input cannot include files; {shown} is not read"),
            )
            .at_line(
                name,
                lines.get(found.line.wrapping_sub(1)).copied(),
                found.line,
                found.column,
            )
            .with_help(
                "save the text as a file beside the files it includes and read that file, or \
                 name the included files on the command line",
            )
        })
        .collect()
}

/// `read` (the files `files`, in order) with the files their `@include(...)` lines name added,
/// each once, after them; and the paths of the files added. An included path is relative to
/// the including file and must stay inside the folder of an input (the folder given, or the
/// folder of a file given): nothing outside it is read. In a Markdown file (when `format` is
/// not given) only the `argdown` blocks are searched. An empty path, a missing or unreadable
/// file, a path leading outside and a cycle of includes are errors (E013) at the `@include`
/// line; reading goes on, so that all of them are shown at once.
fn with_includes(
    inputs: &[PathBuf],
    files: &[PathBuf],
    mut read: Vec<(String, Vec<u8>)>,
    format: Option<Format>,
    limits: Limits,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<(String, Vec<u8>)>, Vec<PathBuf>) {
    let roots: Vec<PathBuf> = inputs
        .iter()
        .filter_map(|p| {
            let folder = if p.is_dir() {
                Some(p.as_path())
            } else {
                p.parent()
            };
            let folder = folder
                .filter(|f| !f.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            folder.canonicalize().ok()
        })
        .collect();
    let mut paths: Vec<PathBuf> = files.to_vec();
    // Each file read, by its path with links resolved: its place in `read`.
    let mut index: HashMap<PathBuf, usize> = HashMap::with_capacity(paths.len());
    for (i, p) in paths.iter().enumerate() {
        index
            .entry(p.canonicalize().unwrap_or_else(|_| p.clone()))
            .or_insert(i);
    }
    // (including file, included file, the include) for the cycle check.
    let mut links: Vec<(usize, usize, syntax::include::Include)> = Vec::new();
    let mut next = 0;
    while next < read.len() {
        let at = next;
        next += 1;
        let Some(path) = paths.get(at).cloned() else {
            break;
        };
        if format.is_none() && !argdown_named(&path) {
            continue;
        }
        let Some((name, bytes)) = read.get(at) else {
            break;
        };
        // Most files include nothing: look for the word in the bytes before decoding them.
        if memchr::memmem::find(bytes, b"@include").is_none() {
            continue;
        }
        let name = name.clone();
        let whole = String::from_utf8_lossy(bytes).into_owned();
        let whole = strip_bom(&whole);
        // In Markdown, only what is read as Argdown: its `argdown` blocks, at their lines.
        let text: std::borrow::Cow<'_, str> = if format.is_none() && markdown_named(&path) {
            syntax::markdown::argdown_blocks(whole).into()
        } else {
            whole.into()
        };
        let lines = syntax::include::lines(&text);
        let error = |include: &syntax::include::Include, message: String| {
            Diagnostic::new(Code::BadInput, message).at_line(
                &name,
                lines.get(include.line.wrapping_sub(1)).copied(),
                include.line,
                include.column,
            )
        };
        let base = path.parent().unwrap_or(Path::new(""));
        for include in syntax::include::includes(&text) {
            if include.path.is_empty() {
                diagnostics.push(
                    error(&include, "@include: no file is named here".to_string()).with_help(
                        "write the path of the file to read between the parentheses, e.g. \
                         @include(other.argdown), or remove the line",
                    ),
                );
                continue;
            }
            let wanted = base.join(&include.path);
            let real = match wanted.canonicalize() {
                Ok(real) => real,
                Err(_) => {
                    diagnostics.push(
                        error(
                            &include,
                            format!("@include: there is no file {}", wanted.display()),
                        )
                        .with_help("the path is relative to the file that includes it"),
                    );
                    continue;
                }
            };
            if !roots.iter().any(|root| real.starts_with(root)) {
                diagnostics.push(
                    error(
                        &include,
                        format!(
                            "@include: {} is outside the folder being read; nothing outside it is read",
                            include.path
                        ),
                    )
                    .with_help("move the file into the folder, or name it on the command line"),
                );
                continue;
            }
            let target = match index.get(&real) {
                Some(&i) => i,
                None => match files::read_regular(&wanted, limits) {
                    Ok(bytes) => {
                        read.push((wanted.display().to_string(), bytes));
                        paths.push(wanted);
                        index.insert(real, read.len() - 1);
                        read.len() - 1
                    }
                    Err(e) => {
                        diagnostics.push(
                            error(&include, format!("@include: {}", read_error_text(&e)))
                                .with_help(
                                    "an included file must be a regular file that can be read, \
                                     no larger than --max-file-size",
                                ),
                        );
                        continue;
                    }
                },
            };
            links.push((at, target, include));
        }
    }
    report_cycles(&read, &links, diagnostics);
    let included = paths.split_off(files.len().min(paths.len()));
    (read, included)
}

/// What a [`ReadError`] says, with the cause of an I/O error (`permission denied`).
fn read_error_text(e: &ReadError) -> String {
    match e {
        ReadError::Io { source, .. } => format!("{e}: {}", source.kind()),
        _ => e.to_string(),
    }
}

/// An error (E013) for each cycle of includes among the files `read`, at the `@include` that
/// closes it. `links` are (including file, included file, the include); a file including
/// another many times counts once (its first include). The walk is depth first, with an
/// explicit stack, over adjacency lists built once: linear in files and links.
fn report_cycles(
    read: &[(String, Vec<u8>)],
    links: &[(usize, usize, syntax::include::Include)],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let n = read.len();
    let mut outgoing: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut seen = std::collections::HashSet::with_capacity(links.len());
    for (i, (from, to, _)) in links.iter().enumerate() {
        if seen.insert((*from, *to)) {
            if let Some(out) = outgoing.get_mut(*from) {
                out.push(i);
            }
        }
    }
    const NEW: usize = usize::MAX;
    const DONE: usize = usize::MAX - 1;
    // For each file: NEW, DONE, or its place on the stack while it is being walked.
    let mut state = vec![NEW; n];
    let name = |i: usize| read.get(i).map_or("", |r| r.0.as_str());
    for start in 0..n {
        if state.get(start) != Some(&NEW) {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        if let Some(s) = state.get_mut(start) {
            *s = 0;
        }
        while let Some(&mut (file, ref mut k)) = stack.last_mut() {
            let Some(&link) = outgoing.get(file).and_then(|o| o.get(*k)) else {
                if let Some(s) = state.get_mut(file) {
                    *s = DONE;
                }
                stack.pop();
                continue;
            };
            *k += 1;
            let Some((from, to, include)) = links.get(link) else {
                continue;
            };
            match state.get(*to).copied() {
                Some(NEW) => {
                    if let Some(s) = state.get_mut(*to) {
                        *s = stack.len();
                    }
                    stack.push((*to, 0));
                }
                Some(DONE) | None => {}
                Some(place) => {
                    let mut chain: Vec<&str> =
                        stack.iter().skip(place).map(|(f, _)| name(*f)).collect();
                    chain.push(name(*to));
                    let text = read
                        .get(*from)
                        .map(|r| String::from_utf8_lossy(&r.1))
                        .unwrap_or_default();
                    diagnostics.push(
                        Diagnostic::new(
                            Code::BadInput,
                            format!("@include: a cycle of includes: {}", chain.join(" includes ")),
                        )
                        .at(name(*from), strip_bom(&text), include.line, include.column)
                        .with_help("a file cannot include itself, directly or through others; remove one @include"),
                    );
                }
            }
        }
    }
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

/// Reads already-loaded texts `(file name, text)` as one map and checks it. The file names are
/// kept for the rest of the process ([`crate::text::file_name::FileName`]): a program that
/// reads texts under ever new names should reuse a few.
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
    let mut argdown: Vec<(&str, Str)> = Vec::new();
    let mut maps = Vec::new();
    for (name, text) in &texts {
        let detected = match detect(name, text, format) {
            Ok(format) => format,
            Err(d) => {
                diagnostics.push(*d);
                continue;
            }
        };
        match detected {
            Format::Argdown => {
                argdown.push((name.as_str(), argdown_text(name, text, format.is_none())))
            }
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

/// The Argdown to read from the file `name`: the `argdown` blocks of a Markdown file (when the
/// format was found by the extension, not named with `--from argdown`), and `@include(...)`
/// lines emptied (`load` reads the files they name), lines kept in place.
fn argdown_text(name: &str, whole: &Str, by_extension: bool) -> Str {
    let path = Path::new(name);
    let text: std::borrow::Cow<'_, str> = if by_extension && markdown_named(path) {
        syntax::markdown::argdown_blocks(whole).into()
    } else {
        whole.as_str().into()
    };
    match syntax::include::blank_includes(&text) {
        Some(blanked) => Str::from(blanked),
        // The file's own text, shared (its strings share its bytes), or the blocks read.
        None => match text {
            std::borrow::Cow::Borrowed(t) => whole.part_of(t),
            std::borrow::Cow::Owned(t) => Str::from(t),
        },
    }
}

/// What counterpoint reads, by extension, for messages about a file it cannot place.
const READS: &str = "counterpoint reads Argdown (.argdown, .ad, and ```argdown blocks in .md), \
    counterpoint JSON and AIF (.json), Kialo exports (.txt) and ICCMA frameworks (.apx, .tgf, \
    .i23, .af)";

/// The format of the file `name` holding `text`: `format` if given, else guessed from the
/// extension and the content. A file whose extension names no format and whose content is
/// none that counterpoint recognises, or a `.txt` file that is not a Kialo export, is an error
/// naming the formats.
fn detect(name: &str, text: &str, format: Option<Format>) -> Result<Format, Box<Diagnostic>> {
    if let Some(format) = format {
        return Ok(format);
    }
    let path = Path::new(name);
    if let Some(dialect) =
        iccma::Dialect::from_extension(name).or_else(|| iccma::Dialect::sniff(text.as_bytes()))
    {
        return Ok(Format::from(dialect));
    }
    // The text has no byte-order mark: `load_decoded` is given texts without one.
    let start = text.trim_start();
    if has_extension(path, "json") || start.starts_with('{') {
        // Counterpoint JSON unless the content is AIF; unreadable JSON goes to the JSON reader,
        // which reports where it breaks.
        Ok(match serde_json::from_str::<serde_json::Value>(text) {
            Ok(value) if !formats::json::detect(&value) && formats::aif::detect(&value) => {
                Format::Aif
            }
            _ => Format::Json,
        })
    } else if formats::kialo::detect(text) {
        Ok(Format::Kialo)
    } else if argdown_named(path) {
        Ok(Format::Argdown)
    } else {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().into_owned())
            .unwrap_or_default();
        let message = if ext.eq_ignore_ascii_case("txt") {
            "this .txt file is not a Kialo export (its first line is not `Discussion Title: ...`), \
             and counterpoint reads .txt files only as Kialo exports"
                .to_string()
        } else {
            format!("counterpoint does not know the format of a .{ext} file")
        };
        let mut d = Diagnostic::new(Code::BadInput, message).with_help(format!(
            "{READS}; name the format with `--from FORMAT` (e.g. `--from argdown`) to read it anyway"
        ));
        d.file = name.to_string();
        Err(Box::new(d))
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
