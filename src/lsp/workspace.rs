//! What the server knows: the open documents (their texts as the editor has them), and the
//! maps read. Each file belongs to exactly one map: a file inside a workspace folder to the
//! topmost workspace folder holding it, read with its subfolders as `counterpoint check FOLDER`
//! reads it; any other file to its own folder, without subfolders. Nothing above the workspace
//! folders is read, and a map is read from at most 2,000 files and 64 MiB (the editor is told
//! when a map is cut short, or a folder cannot be listed). A folder's files are listed when its
//! map is first read and again only when the editor opens or saves a file not listed, or tells
//! of files created or deleted; saved texts are kept and read again when the editor tells of a
//! change or their modification time or size changed. A map is read again only when one of its
//! files changes, and then once for any number of changes that came in together; where titles
//! are written and what the analyses say are worked out when first asked for, once per reading.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use lsp_types::Url;
use petgraph::stable_graph::NodeIndex;

use crate::analysis::camps::Camps;
use crate::analysis::extensions::Limits as SearchLimits;
use crate::analysis::status::{verdict_of_map, Semantics, Verdict};
use crate::analysis::strength::Strengths;
use crate::check::citations::check_sources;
use crate::diagnostic::Diagnostic;
use crate::files::{Limits, SourceFolder};
use crate::formats::Format;
use crate::graph::framework::MapFramework;
use crate::load::{self, walk_argdown, Cut, Loaded, WalkLimits};
use crate::model::{Element, Map};
use crate::syntax::mentions::{mentions, Mention, MentionKind};

/// The most `.argdown` files one map is read from.
const MAX_FILES: usize = 2_000;
/// The most bytes of `.argdown` files one map is read from.
const MAX_BYTES: u64 = 64 * 1024 * 1024;
/// The most folder entries looked at while listing one map's files.
const MAX_ENTRIES: usize = 200_000;

/// The open documents and the folders read.
#[derive(Default)]
pub(crate) struct Workspace {
    /// The workspace folders the editor opened: nothing above them is read.
    roots: Vec<PathBuf>,
    /// Open documents by URI: their text as the editor has it.
    open: HashMap<Url, String>,
    /// Saved texts of files that are not open, read once and kept until they change (told by
    /// the editor, or seen by their modification time and size).
    saved: HashMap<PathBuf, Saved>,
    /// Each map read, by its owning folder.
    folders: HashMap<PathBuf, Folder>,
    /// Maps to read again before anything is answered.
    stale: HashSet<PathBuf>,
    /// Maps whose files are to be listed again when next read.
    relist: HashSet<PathBuf>,
    /// What the editor should show the user (a map cut short, a folder that cannot be listed).
    notes: Vec<String>,
    /// The folder the cited source texts are read from, when one is configured.
    pub(crate) sources: Option<PathBuf>,
}

/// A saved text, and the file's modification time and size when it was read.
struct Saved {
    text: String,
    stamp: Option<(std::time::SystemTime, u64)>,
}

/// The modification time and size of a file.
fn stamp(path: &Path) -> Option<(std::time::SystemTime, u64)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

/// The folder whose map a file belongs to, and whether that folder is read with its subfolders.
/// A file inside a workspace folder belongs to the topmost workspace folder holding it, read
/// with its subfolders, as `counterpoint check FOLDER` reads it; any other file to its own
/// folder, read without subfolders.
fn owner_of(roots: &[PathBuf], path: &Path) -> Option<(PathBuf, bool)> {
    let topmost = roots
        .iter()
        .filter(|root| path.starts_with(root) && path != root.as_path())
        .min_by_key(|root| root.components().count());
    match topmost {
        Some(root) => Some((root.clone(), true)),
        None => path.parent().map(|p| (p.to_path_buf(), false)),
    }
}

/// The `.argdown` files a folder holds (with its subfolders when `recursive`; hidden files and
/// folders passed over, as the command line passes them over), sorted, at most [`MAX_FILES`]
/// files and [`MAX_BYTES`] bytes; and why the list is cut short or incomplete, if it is.
fn list(folder: &Path, recursive: bool) -> (Vec<PathBuf>, Vec<String>) {
    let limits = WalkLimits {
        recursive,
        entries: MAX_ENTRIES,
        files: MAX_FILES,
        bytes: MAX_BYTES,
    };
    let mut walk = walk_argdown(folder, limits);
    let mut notes: Vec<String> = walk
        .unreadable
        .iter()
        .map(|(dir, e)| {
            format!(
                "counterpoint: cannot list {}: {e}; its files are not part of the map",
                dir.display()
            )
        })
        .collect();
    match walk.cut {
        Some(Cut::Entries) => notes.push(format!(
            "counterpoint: {} holds more than {MAX_ENTRIES} entries; only the .argdown files \
             among the first {MAX_ENTRIES} are part of the map",
            folder.display()
        )),
        Some(Cut::Files) => notes.push(format!(
            "counterpoint: {} holds more than {MAX_FILES} .argdown files or {} MiB; the map is \
             read from the first {} files only",
            folder.display(),
            MAX_BYTES / (1024 * 1024),
            walk.files.len()
        )),
        None => {}
    }
    walk.files.sort();
    (walk.files, notes)
}

/// One folder's map.
pub(crate) struct Folder {
    /// The `.argdown` files the folder held when last listed.
    listed: Vec<PathBuf>,
    /// The files read, in the order read (the folder's `.argdown` files, subfolders included,
    /// as the command line reads a folder).
    pub(crate) files: Vec<PathBuf>,
    /// The map, its diagnostics and the texts as read.
    pub(crate) loaded: Loaded,
    /// Per file (as `files`): where it writes titles and headings, once asked for.
    mentions: Vec<Option<Vec<Mention>>>,
    /// What the analyses say, once asked for.
    analysis: Option<Analysis>,
    /// The files diagnostics were last published for (to clear those that have none now).
    pub(crate) published: HashSet<Url>,
}

/// What the analyses say about a folder's map.
pub(crate) struct Analysis {
    /// The map's framework, relating its points to its nodes.
    pub(crate) framework: MapFramework,
    /// The grounded verdict with reasons and strengths.
    pub(crate) verdict: Verdict,
    /// The map's camps.
    pub(crate) camps: Camps,
}

/// A title as written at one place: the file (its index in [`Folder::files`]) and the mention.
pub(crate) struct Found<'a> {
    /// The index of the file in [`Folder::files`].
    pub(crate) file: usize,
    /// Where and what.
    pub(crate) mention: &'a Mention,
}

impl Workspace {
    /// A workspace with these workspace folders.
    pub(crate) fn new(roots: Vec<PathBuf>) -> Workspace {
        Workspace {
            roots,
            ..Workspace::default()
        }
    }

    /// The owning folder of `uri` (see [`owner_of`]).
    fn owner(&self, uri: &Url) -> Option<(PathBuf, bool)> {
        owner_of(&self.roots, &uri.to_file_path().ok()?)
    }

    /// Notes that `uri` is open with `text` (`opened`, or changed); its map is read again
    /// before the next answer, and its files listed again when it has just opened and was not
    /// among them.
    pub(crate) fn set_open(&mut self, uri: Url, text: String, opened: bool) {
        if let Some((folder, _)) = self.owner(&uri) {
            if opened && !self.is_listed(&folder, &uri) {
                self.relist.insert(folder.clone());
            }
            self.stale.insert(folder);
        }
        self.open.insert(uri, text);
    }

    /// Whether `uri` was among its folder's files when last listed.
    fn is_listed(&self, folder: &Path, uri: &Url) -> bool {
        let Ok(path) = uri.to_file_path() else {
            return false;
        };
        self.folders
            .get(folder)
            .is_some_and(|f| f.listed.contains(&path))
    }

    /// Notes that `uri` was closed: from now on its saved text counts.
    pub(crate) fn close(&mut self, uri: &Url) {
        self.open.remove(uri);
        self.changed_on_disk(uri, false);
    }

    /// Notes that the saved file `uri` changed (or, when `listed`, appeared or went away).
    pub(crate) fn changed_on_disk(&mut self, uri: &Url, listed: bool) {
        let Ok(path) = uri.to_file_path() else {
            return;
        };
        self.saved.remove(&path);
        if let Some((folder, _)) = owner_of(&self.roots, &path) {
            if self.folders.contains_key(&folder) {
                if listed || !self.is_listed(&folder, uri) {
                    self.relist.insert(folder.clone());
                }
                self.stale.insert(folder);
            }
        }
    }

    /// What the editor should show the user since last asked.
    pub(crate) fn take_notes(&mut self) -> Vec<String> {
        std::mem::take(&mut self.notes)
    }

    /// Reads again every map a change has made stale; returns their folders.
    pub(crate) fn refresh(&mut self) -> Vec<PathBuf> {
        let stale: Vec<PathBuf> = self.stale.drain().collect();
        for folder in &stale {
            let old = self.folders.remove(folder);
            let relist = self.relist.remove(folder);
            let (published, listed) = match old {
                Some(f) if !relist => (f.published, Some(f.listed)),
                Some(f) => (f.published, None),
                None => (HashSet::new(), None),
            };
            let mut read = self.read_folder(folder, listed);
            read.published = published;
            self.folders.insert(folder.clone(), read);
        }
        stale
    }

    /// Reads `folder`'s map: its `.argdown` files as last `listed` (listed now if `None`), and
    /// the open documents it owns.
    fn read_folder(&mut self, folder: &Path, listed: Option<Vec<PathBuf>>) -> Folder {
        let recursive = self.roots.iter().any(|r| r == folder);
        let listed = listed.unwrap_or_else(|| {
            let (files, notes) = list(folder, recursive);
            self.notes.extend(notes);
            files
        });
        let mut files = listed.clone();
        let mut seen: HashSet<PathBuf> = files.iter().cloned().collect();
        for uri in self.open.keys() {
            if let Ok(path) = uri.to_file_path() {
                let owned = owner_of(&self.roots, &path).is_some_and(|(f, _)| f == folder);
                if owned && !seen.contains(&path) {
                    seen.insert(path.clone());
                    files.push(path);
                }
            }
        }
        // A listed file gone since (and not open) is left out.
        files.retain(|path| {
            listed_open(&self.open, path) || path.exists() || !listed.contains(path)
        });
        let mut texts = Vec::with_capacity(files.len());
        let mut unreadable = Vec::new();
        for path in &files {
            let name = path.display().to_string();
            let open = Url::from_file_path(path)
                .ok()
                .and_then(|uri| self.open.get(&uri).cloned());
            let text = match open {
                Some(text) => text,
                None => match self.saved.get(path).filter(|s| s.stamp == stamp(path)) {
                    Some(saved) => saved.text.clone(),
                    None => match load::read_text(path, Limits::default()) {
                        Ok((text, problem)) => {
                            unreadable.extend(problem);
                            let saved = Saved {
                                text: text.clone(),
                                stamp: stamp(path),
                            };
                            self.saved.insert(path.clone(), saved);
                            text
                        }
                        Err(e) => {
                            let mut d = Diagnostic::new(
                                crate::diagnostic::Code::BadInput,
                                format!("cannot read this file: {e}"),
                            );
                            d.file.clone_from(&name);
                            unreadable.push(d);
                            String::new()
                        }
                    },
                },
            };
            texts.push((name, text));
        }
        let mut loaded = load::load_texts(&texts, Some(Format::Argdown));
        loaded.diagnostics.extend(unreadable);
        if let Some(dir) = &self.sources {
            match SourceFolder::new(dir, Limits::default()) {
                Ok(sources) => {
                    let found = check_sources(&loaded.map, &sources, &loaded.texts);
                    loaded.diagnostics.extend(found);
                }
                Err(e) => {
                    let mut d = Diagnostic::new(
                        crate::diagnostic::Code::SourceFileMissing,
                        format!("the sources folder cannot be read: {e}"),
                    );
                    d.file = loaded.files.first().cloned().unwrap_or_default();
                    loaded.diagnostics.push(d);
                }
            }
        }
        // Infos are questions shown only on request, as `check` shows them.
        loaded.diagnostics.retain(|d| !d.is_info());
        crate::diagnostic::sort(&mut loaded.diagnostics, &loaded.files);
        Folder {
            listed,
            mentions: vec![None; files.len()],
            files,
            loaded,
            analysis: None,
            published: HashSet::new(),
        }
    }

    /// The folder holding `uri`, read (an open document's folder is read when it opens).
    pub(crate) fn folder(&self, uri: &Url) -> Option<&Folder> {
        self.folders.get(&self.owner(uri)?.0)
    }

    /// The folder holding `uri`, to work out what it has not yet worked out.
    pub(crate) fn folder_mut(&mut self, uri: &Url) -> Option<&mut Folder> {
        let folder = self.owner(uri)?.0;
        self.folders.get_mut(&folder)
    }

    /// A folder read, by its path.
    pub(crate) fn folder_at(&mut self, path: &Path) -> Option<&mut Folder> {
        self.folders.get_mut(path)
    }

    /// Every folder read.
    pub(crate) fn folders_mut(&mut self) -> impl Iterator<Item = &mut Folder> {
        self.folders.values_mut()
    }
}

impl Folder {
    /// The index in [`Folder::files`] of the file `uri`.
    pub(crate) fn index_of(&self, uri: &Url) -> Option<usize> {
        let path = uri.to_file_path().ok()?;
        self.files.iter().position(|f| *f == path)
    }

    /// The URI of file `i`.
    pub(crate) fn uri(&self, i: usize) -> Option<Url> {
        Url::from_file_path(self.files.get(i)?).ok()
    }

    /// The URI of the file named `name` (as the map's origins and diagnostics name it).
    pub(crate) fn uri_named(&self, name: &str) -> Option<Url> {
        let i = self.loaded.files.iter().position(|f| f == name)?;
        self.uri(i)
    }

    /// The text of file `i` as read.
    pub(crate) fn text(&self, i: usize) -> &str {
        self.loaded.texts.get(i).map_or("", |(_, t)| t.as_str())
    }

    /// The text of the file named `name`, as read.
    pub(crate) fn text_named(&self, name: &str) -> &str {
        self.loaded
            .texts
            .iter()
            .find(|(n, _)| n == name)
            .map_or("", |(_, t)| t.as_str())
    }

    /// The map read from the folder.
    pub(crate) fn map(&self) -> &Map {
        &self.loaded.map
    }

    /// Where file `i` writes titles and headings.
    pub(crate) fn mentions(&mut self, i: usize) -> &[Mention] {
        if self.mentions.get(i).is_some_and(Option::is_none) {
            let found = mentions(self.text(i));
            if let Some(slot) = self.mentions.get_mut(i) {
                *slot = Some(found);
            }
        }
        self.mentions
            .get(i)
            .and_then(Option::as_deref)
            .unwrap_or_default()
    }

    /// Works out where every file writes titles, once.
    fn all_mentions(&mut self) {
        for i in 0..self.files.len() {
            self.mentions(i);
        }
    }

    /// The element mention in file `i` at the 1-based `line` and character `column`.
    pub(crate) fn mention_at(&mut self, i: usize, line: usize, column: usize) -> Option<Mention> {
        self.mentions(i)
            .iter()
            .find(|m| {
                matches!(m.kind, MentionKind::Element { .. })
                    && m.line == line
                    && m.column <= column
                    && column < m.column + m.len.max(1)
            })
            .cloned()
    }

    /// Every place any file writes the element `element` titled `title`, in file order.
    pub(crate) fn occurrences(&mut self, element: Element, title: &str) -> Vec<Found<'_>> {
        self.all_mentions();
        let mut out = Vec::new();
        for (file, found) in self.mentions.iter().enumerate() {
            for mention in found.iter().flatten() {
                if matches!(mention.kind, MentionKind::Element { element: e, .. } if e == element)
                    && mention.title == title
                {
                    out.push(Found { file, mention });
                }
            }
        }
        out
    }

    /// Every title some file writes (untitled statements get a title from the reader, which no
    /// file writes), with its kind.
    pub(crate) fn written_titles(&mut self) -> HashSet<(Element, String)> {
        self.all_mentions();
        self.mentions
            .iter()
            .flatten()
            .flatten()
            .filter_map(|m| match m.kind {
                MentionKind::Element { element, .. } => Some((element, m.title.clone())),
                MentionKind::Heading(_) => None,
            })
            .collect()
    }

    /// The node an element mention names.
    pub(crate) fn node_of(&self, mention: &Mention) -> Option<NodeIndex> {
        let MentionKind::Element { element, .. } = mention.kind else {
            return None;
        };
        self.loaded.map.find(&element.id_for(&mention.title))
    }

    /// Works out what the analyses say, once per reading (see [`Folder::analysis`]).
    pub(crate) fn analyse(&mut self) {
        if self.analysis.is_none() {
            let map = &self.loaded.map;
            let Ok(framework) = MapFramework::new(map) else {
                return;
            };
            let strengths = Strengths::of(map);
            let verdict = verdict_of_map(
                &framework,
                &strengths,
                Semantics::Grounded,
                SearchLimits::default(),
            );
            let Ok(verdict) = verdict else {
                return;
            };
            self.analysis = Some(Analysis {
                framework,
                verdict,
                camps: Camps::of(map),
            });
        }
    }

    /// What the analyses say, once [`Folder::analyse`] has worked it out.
    pub(crate) fn analysis(&self) -> Option<&Analysis> {
        self.analysis.as_ref()
    }

    /// The diagnostics of the folder, by the file they are about (a finding about the map as a
    /// whole goes to the first file).
    pub(crate) fn diagnostics_by_file(&self) -> Vec<(usize, Vec<&Diagnostic>)> {
        let mut out: Vec<(usize, Vec<&Diagnostic>)> =
            (0..self.files.len()).map(|i| (i, Vec::new())).collect();
        for d in &self.loaded.diagnostics {
            let i = self
                .loaded
                .files
                .iter()
                .position(|f| *f == d.file)
                .unwrap_or(0);
            if let Some((_, list)) = out.get_mut(i) {
                list.push(d);
            }
        }
        out
    }
}

/// Whether `path` is open in the editor.
fn listed_open(open: &HashMap<Url, String>, path: &Path) -> bool {
    Url::from_file_path(path).is_ok_and(|uri| open.contains_key(&uri))
}
