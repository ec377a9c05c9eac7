//! What the server knows: the open documents (their texts as the editor has them), and for each
//! folder that holds one, the folder's map read from all its `.argdown` files together (open
//! ones as the editor has them, the others as saved), with its diagnostics. A folder is read
//! again only when one of its files changes, and then once for any number of changes that came
//! in together; where titles are written and what the analyses say are worked out when first
//! asked for, once per reading.

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
use crate::load::{self, Loaded};
use crate::model::{Element, Map};
use crate::syntax::mentions::{mentions, Mention, MentionKind};

/// The open documents and the folders read.
#[derive(Default)]
pub(crate) struct Workspace {
    /// Open documents by URI: their text as the editor has it.
    open: HashMap<Url, String>,
    /// Saved texts of files that are not open, read once and kept until they change.
    saved: HashMap<PathBuf, String>,
    /// Each folder read, by its path.
    folders: HashMap<PathBuf, Folder>,
    /// Folders to read again before anything is answered.
    stale: HashSet<PathBuf>,
    /// The folder the cited source texts are read from, when one is configured.
    pub(crate) sources: Option<PathBuf>,
}

/// One folder's map.
pub(crate) struct Folder {
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
    /// Notes that `uri` is open with `text` (opened or changed); its folder is read again
    /// before the next answer.
    pub(crate) fn set_open(&mut self, uri: Url, text: String) {
        if let Some(folder) = folder_of(&uri) {
            self.stale.insert(folder);
        }
        self.open.insert(uri, text);
    }

    /// Notes that `uri` was closed: from now on its saved text counts.
    pub(crate) fn close(&mut self, uri: &Url) {
        self.open.remove(uri);
        self.changed_on_disk(uri);
    }

    /// Notes that the saved file `uri` changed, appeared or went away.
    pub(crate) fn changed_on_disk(&mut self, uri: &Url) {
        if let Ok(path) = uri.to_file_path() {
            self.saved.remove(&path);
            if let Some(folder) = path.parent() {
                if self.folders.contains_key(folder) {
                    self.stale.insert(folder.to_path_buf());
                }
            }
        }
    }

    /// Reads again every folder a change has made stale; returns the folders read.
    pub(crate) fn refresh(&mut self) -> Vec<PathBuf> {
        let stale: Vec<PathBuf> = self.stale.drain().collect();
        for folder in &stale {
            let published = self
                .folders
                .remove(folder)
                .map(|f| f.published)
                .unwrap_or_default();
            let mut read = self.read_folder(folder);
            read.published = published;
            self.folders.insert(folder.clone(), read);
        }
        stale
    }

    /// Reads `folder`'s `.argdown` files (and the open documents in it) as one map.
    fn read_folder(&mut self, folder: &Path) -> Folder {
        let mut files = load::expand(&[folder.to_path_buf()])
            .map(|e| e.files)
            .unwrap_or_default();
        let mut listed: HashSet<PathBuf> = files.iter().cloned().collect();
        for uri in self.open.keys() {
            if let Ok(path) = uri.to_file_path() {
                if path.parent() == Some(folder) && !listed.contains(&path) {
                    listed.insert(path.clone());
                    files.push(path);
                }
            }
        }
        let mut texts = Vec::with_capacity(files.len());
        let mut unreadable = Vec::new();
        for path in &files {
            let name = path.display().to_string();
            let open = Url::from_file_path(path)
                .ok()
                .and_then(|uri| self.open.get(&uri).cloned());
            let text = match open {
                Some(text) => text,
                None => match self.saved.get(path) {
                    Some(text) => text.clone(),
                    None => match load::read_text(path, Limits::default()) {
                        Ok((text, problem)) => {
                            unreadable.extend(problem);
                            self.saved.insert(path.clone(), text.clone());
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
            mentions: vec![None; files.len()],
            files,
            loaded,
            analysis: None,
            published: HashSet::new(),
        }
    }

    /// The folder holding `uri`, read (an open document's folder is read when it opens).
    pub(crate) fn folder(&self, uri: &Url) -> Option<&Folder> {
        self.folders.get(&folder_of(uri)?)
    }

    /// The folder holding `uri`, to work out what it has not yet worked out.
    pub(crate) fn folder_mut(&mut self, uri: &Url) -> Option<&mut Folder> {
        self.folders.get_mut(&folder_of(uri)?)
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

/// The folder of a `file:` URI.
pub(crate) fn folder_of(uri: &Url) -> Option<PathBuf> {
    let path = uri.to_file_path().ok()?;
    path.parent().map(Path::to_path_buf)
}
