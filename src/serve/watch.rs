//! Watching the map's files and the sources folder: a change is any write, creation, removal
//! or rename of a watched file or of a file inside a watched folder. A file is watched through
//! its folder, so that an editor that saves by writing a new file and renaming it over the old
//! one is seen too. Changes that come close together make one.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use super::ServeError;

/// How long the files must stay quiet before a change is taken as done.
const QUIET: Duration = Duration::from_millis(60);
/// The longest a change waits for quiet.
const LONGEST: Duration = Duration::from_millis(400);

/// The watcher and what it watches.
pub(crate) struct Watch {
    _watcher: RecommendedWatcher,
    events: Receiver<notify::Result<Event>>,
    /// Files watched one by one (through their folders), with links resolved.
    files: BTreeSet<PathBuf>,
    /// Folders watched with everything below them, with links resolved.
    folders: Vec<PathBuf>,
}

impl Watch {
    /// Watches `paths`: files, and folders with everything below them.
    pub(crate) fn new(paths: &[PathBuf]) -> Result<Watch, ServeError> {
        let (send, events) = channel();
        let mut watcher = notify::recommended_watcher(move |event| {
            let _ = send.send(event);
        })
        .map_err(|source| ServeError::Watch {
            path: PathBuf::new(),
            source,
        })?;
        let mut files = BTreeSet::new();
        let mut folders = Vec::new();
        let mut parents = BTreeSet::new();
        for path in paths {
            let real = path.canonicalize().map_err(|e| ServeError::Watch {
                path: path.clone(),
                source: notify::Error::io(e),
            })?;
            let failed = |source| ServeError::Watch {
                path: path.clone(),
                source,
            };
            if real.is_dir() {
                watcher
                    .watch(&real, RecursiveMode::Recursive)
                    .map_err(failed)?;
                folders.push(real);
            } else {
                let parent = real.parent().map(Path::to_path_buf).unwrap_or_default();
                if parents.insert(parent.clone()) {
                    watcher
                        .watch(&parent, RecursiveMode::NonRecursive)
                        .map_err(failed)?;
                }
                files.insert(real);
            }
        }
        Ok(Watch {
            _watcher: watcher,
            events,
            files,
            folders,
        })
    }

    /// Whether `event` changes a watched file.
    fn concerns(&self, event: &Event) -> bool {
        let changes = match event.kind {
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
            EventKind::Access(_) => false,
            _ => true,
        };
        changes
            && event.paths.iter().any(|p| {
                self.files.contains(p)
                    || (self.folders.iter().any(|f| p.starts_with(f)) && !scratch(p))
            })
    }

    /// Waits for the next change, and for the files to go quiet after it. `Err` when the
    /// watcher stopped.
    pub(crate) fn next_change(&self) -> Result<(), ServeError> {
        loop {
            match self.events.recv() {
                Ok(Ok(event)) if self.concerns(&event) => break,
                Ok(_) => continue,
                Err(_) => return Err(ServeError::WatchStopped),
            }
        }
        let start = Instant::now();
        while start.elapsed() < LONGEST {
            match self.events.recv_timeout(QUIET) {
                Ok(_) => continue,
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return Err(ServeError::WatchStopped),
            }
        }
        Ok(())
    }
}

/// An editor's scratch file in a watched folder: hidden (`.name`, `.name.swp`) or a backup
/// (`name~`).
fn scratch(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.') || n.ends_with('~'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_save_by_rename_is_one_change_and_scratch_files_none() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("m.argdown");
        std::fs::write(&file, "[A]: a\n").expect("write");
        let watch = Watch::new(std::slice::from_ref(&file)).expect("watch");
        // Another file in the same folder is not the map.
        std::fs::write(dir.path().join("other.txt"), "x").expect("write");
        std::thread::sleep(Duration::from_millis(100));
        let mut seen = Vec::new();
        while let Ok(Ok(event)) = watch.events.try_recv() {
            seen.push(watch.concerns(&event));
        }
        assert!(!seen.is_empty() && seen.iter().all(|c| !c), "{seen:?}");
        // Saved as an editor does: a new file renamed over the old one.
        let temp = dir.path().join(".m.argdown.new");
        std::fs::write(&temp, "[A]: b\n").expect("write");
        std::fs::rename(&temp, &file).expect("rename");
        let started = Instant::now();
        watch.next_change().expect("a change");
        assert!(started.elapsed() < Duration::from_secs(2));
        assert!(scratch(Path::new("/x/.m.argdown.swp")));
        assert!(scratch(Path::new("/x/m.argdown~")));
        assert!(!scratch(Path::new("/x/m.argdown")));
    }
}
