//! Exchanging maps with other tools: AIF (read and written), Argdown (written, and `fmt`), Kialo
//! (read), Mermaid and GraphML (written). Fixtures in `tests/integration/formats/`.

mod aif;
mod aif_plain;
mod argdown;
mod fmt;
mod graphml;
mod kialo;
mod mermaid;
mod projects;

use std::path::Path;

use counterpoint::load::{self, Loaded};
use counterpoint::Format;
use counterpoint::Map;

use crate::common::{fixture, root, stdout_of};

/// Insta settings that keep this module's snapshots with the others, in
/// `tests/integration/snapshots/`.
pub(crate) fn snapshots() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(root().join("tests/integration/snapshots"));
    settings
}

/// `tests/integration/formats/<name>`.
pub(crate) fn path(name: &str) -> std::path::PathBuf {
    fixture("formats", name)
}

/// Loads files as the CLI does (format detected), asserting there are no errors.
pub(crate) fn load_ok(paths: &[&Path]) -> Loaded {
    let paths: Vec<std::path::PathBuf> = paths.iter().map(|p| p.to_path_buf()).collect();
    let loaded = load::load(&paths, None).expect("readable");
    assert!(
        !loaded.has_errors(),
        "{}",
        counterpoint::diagnostic::render_all(&loaded.diagnostics)
    );
    loaded
}

/// Loads one text as `name` in `format`.
pub(crate) fn load_text(name: &str, text: &str, format: Option<Format>) -> Loaded {
    load::load_texts(&[(name.to_string(), text.to_string())], format)
}

/// The hostile fixture map: quotes, `<b>`, braces, newlines, backslashes and non-ASCII in every
/// text field.
pub(crate) fn hostile() -> Map {
    load_ok(&[&path("hostile.json")]).map
}

/// `counterpoint export PATH --to FORMAT`, which must succeed; its standard output.
pub(crate) fn export(input: &Path, to: &str) -> String {
    stdout_of([
        std::ffi::OsStr::new("export"),
        "--to".as_ref(),
        to.as_ref(),
        input.as_os_str(),
    ])
}

/// The relations of a map as sorted (from id, relation, to id).
pub(crate) fn triples(map: &Map) -> Vec<(String, String, String)> {
    let mut v: Vec<(String, String, String)> = map
        .edges()
        .map(|(a, b, e)| {
            (
                map.node(a).id.to_string(),
                e.relation.to_string(),
                map.node(b).id.to_string(),
            )
        })
        .collect();
    v.sort();
    v
}
