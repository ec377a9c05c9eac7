//! Conformance with the real Argdown tools (`@argdown/cli` 1.7.5 in `tools/`): every `.argdown`
//! file under `tests/` that counterpoint reads without errors must give the real Argdown CLI the
//! same statements, arguments, relations, sections, tags and texts (see
//! `counterpoint::formats::argdown_reduced`); every file counterpoint flags with W006 (a blank
//! line Argdown needs) must be rejected by Argdown. The Argdown documentation corpus in
//! `../shared/corpora/argdown` is compared with its expected outputs.

use std::path::{Path, PathBuf};
use std::process::Command;

use counterpoint::formats::argdown_reduced::{from_normalized, reduce};
use counterpoint::load::load;
use counterpoint::Code;
use counterpoint::Format;

use crate::common::{have_program, root, shared, skip};

/// Every `.argdown` file under `dir`, sorted (an explicit stack, no recursion).
fn argdown_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "argdown") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The Argdown CLI, python3 and the normaliser, or `None` after saying what is missing.
fn tools() -> Option<(PathBuf, PathBuf)> {
    let argdown = root().join("tools/node_modules/.bin/argdown");
    if !argdown.exists() {
        skip("the Argdown CLI is not installed (cd tools && npm ci)");
        return None;
    }
    if !have_program(argdown.to_str()?) || !have_program("python3") {
        return None;
    }
    let normalize = shared("tools/normalize_argdown_json.py")?;
    Some((argdown, normalize))
}

/// Runs the normaliser on Argdown's JSON output.
fn normalize(normalizer: &Path, json: &Path) -> serde_json::Value {
    let out = Command::new("python3")
        .arg(normalizer)
        .arg(json)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("the normaliser prints JSON")
}

fn pretty(v: &serde_json::Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

/// What the comparison of some files with the real Argdown CLI found.
struct Compared {
    same: usize,
    rejected: usize,
    skipped: usize,
    failures: Vec<String>,
}

/// Runs the Argdown CLI once on `files` (each read alone) and compares. A file with errors
/// (other than the codes in `tolerated`) or E010 is skipped; a file with W006 must be rejected
/// by Argdown; every other file must read the same.
fn compare_with_argdown(files: &[PathBuf], tolerated: &[Code]) -> Option<Compared> {
    let (argdown, normalizer) = tools()?;
    let work = tempfile::tempdir().expect("temporary folder");
    let mut same = Vec::new();
    let mut rejected = Vec::new();
    let mut skipped = 0;
    for (n, path) in files.iter().enumerate() {
        let loaded = load(std::slice::from_ref(path), Some(Format::Argdown)).expect("reads");
        let name = format!("f{n:03}");
        let has = |code: Code| loaded.diagnostics.iter().any(|d| d.code == code);
        let blocking = loaded
            .diagnostics
            .iter()
            .any(|d| d.is_error() && !tolerated.contains(&d.code));
        if has(Code::Unsupported) || blocking {
            skipped += 1;
            continue;
        }
        std::fs::copy(path, work.path().join(format!("{name}.argdown"))).expect("copies");
        if has(Code::BlankLineNeeded) {
            rejected.push((path.clone(), name));
        } else {
            same.push((path.clone(), name, loaded.map));
        }
    }
    let out = Command::new(&argdown)
        .args(["json", "./*.argdown", "./out"])
        .current_dir(work.path())
        .output()
        .expect("the Argdown CLI runs");
    // Argdown exits non-zero when it rejects any file; the files it reads are in `out/`.
    let argdown_says = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let mut failures = Vec::new();
    for (path, name, map) in &same {
        let json = work.path().join("out").join(format!("{name}.json"));
        if !json.exists() {
            let said: Vec<&str> = argdown_says
                .lines()
                .skip_while(|l| !l.contains(&format!("{name}.argdown")))
                .take(4)
                .collect();
            failures.push(format!(
                "{}: Argdown rejects it:\n{}",
                path.display(),
                said.join("\n")
            ));
            continue;
        }
        let theirs = from_normalized(&normalize(&normalizer, &json));
        let ours = reduce(map);
        if theirs != ours {
            failures.push(format!(
                "{} reads differently.\nArgdown:\n{}\ncounterpoint:\n{}",
                path.display(),
                pretty(&theirs),
                pretty(&ours)
            ));
        }
    }
    for (path, name) in &rejected {
        if work
            .path()
            .join("out")
            .join(format!("{name}.json"))
            .exists()
        {
            failures.push(format!(
                "{}: counterpoint says Argdown needs a blank line (W006), but Argdown reads it",
                path.display()
            ));
        }
    }
    Some(Compared {
        same: same.len(),
        rejected: rejected.len(),
        skipped,
        failures,
    })
}

#[test]
fn fixtures_read_the_same_in_argdown() {
    let Some(c) = compare_with_argdown(&argdown_files(&root().join("tests")), &[]) else {
        return;
    };
    eprintln!(
        "argdown conformance: {} fixtures read the same, {} rejected as W006 predicts, {} skipped \
         (errors or outside the subset)",
        c.same, c.rejected, c.skipped
    );
    assert!(c.failures.is_empty(), "{}", c.failures.join("\n\n"));
    assert!(
        c.same >= 30,
        "only {} fixtures compared: the fixtures are missing",
        c.same
    );
    assert!(c.rejected > 0, "no W006 fixture was compared");
}

/// Each file of the debate in `arguments/`, read alone, reads the same in Argdown (sides and
/// sources are declared in another file, so unknown sides and sources are tolerated here).
#[test]
fn debate_reads_the_same_in_argdown() {
    let files = argdown_files(&root().join("arguments"));
    let tolerated = [Code::UnknownSide, Code::UnknownSource];
    let Some(c) = compare_with_argdown(&files, &tolerated) else {
        return;
    };
    eprintln!("argdown conformance: {} debate files read the same", c.same);
    assert!(c.failures.is_empty(), "{}", c.failures.join("\n\n"));
    assert_eq!(
        c.same,
        files.len(),
        "every debate file must be compared ({} skipped)",
        c.skipped
    );
}

/// The share of the Argdown documentation corpus that must read the same (statements,
/// arguments, relations, tags, texts); set to the measured value, raise it as the subset
/// grows.
const CORPUS_FLOOR_PERCENT: f64 = 97.9;

/// `value` without its sections (compared separately, for information: Argdown also makes
/// sections from `group: regroup:` in the frontmatter, counterpoint only from headings).
fn without_sections(value: &serde_json::Value) -> serde_json::Value {
    let mut v = value.clone();
    if let Some(o) = v.as_object_mut() {
        o.remove("sections");
    }
    v
}

/// Argdown's documentation corpus: every map either reads the same as the real Argdown CLI
/// read it (statements with their texts, arguments with their texts and premise-conclusion
/// structures, relations, tags) or gets an E010 diagnostic;
/// a map Argdown rejects must get an error or W006 from counterpoint.
#[test]
fn corpus_conformance() {
    let Some(corpus) = shared("corpora/argdown") else {
        return;
    };
    let maps = argdown_files(&corpus.join("maps"));
    let total = maps.len();
    let mut same = 0usize;
    let mut unsupported = Vec::new();
    let mut differ = Vec::new();
    let mut sections = Vec::new();
    for path in &maps {
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        let loaded = load(std::slice::from_ref(path), Some(Format::Argdown)).expect("reads");
        let has = |code: Code| loaded.diagnostics.iter().any(|d| d.code == code);
        if has(Code::Unsupported) {
            let first = loaded
                .diagnostics
                .iter()
                .find(|d| d.code == Code::Unsupported)
                .map(|d| d.message.clone())
                .unwrap_or_default();
            unsupported.push(format!("{name}: {first}"));
            continue;
        }
        let expected = corpus.join("expected").join(format!("{name}.json"));
        let Ok(text) = std::fs::read_to_string(&expected) else {
            // Argdown rejects this map.
            if loaded.has_errors() || has(Code::BlankLineNeeded) {
                same += 1;
            } else {
                differ.push(format!("{name}: Argdown rejects it, counterpoint reads it"));
            }
            continue;
        };
        if loaded.has_errors() {
            let errors: Vec<String> = loaded
                .diagnostics
                .iter()
                .filter(|d| d.is_error())
                .map(|d| d.headline())
                .collect();
            differ.push(format!("{name}: {}", errors.join("; ")));
            continue;
        }
        let theirs = from_normalized(&serde_json::from_str(&text).expect("expected JSON"));
        let ours = reduce(&loaded.map);
        if without_sections(&theirs) == without_sections(&ours) {
            same += 1;
            if ours.get("sections") != theirs.get("sections") {
                sections.push(format!(
                    "{name}: {} vs Argdown {}",
                    ours.get("sections").cloned().unwrap_or_default(),
                    theirs.get("sections").cloned().unwrap_or_default()
                ));
            }
        } else {
            differ.push(format!(
                "{name} reads differently.\nArgdown:\n{}\ncounterpoint:\n{}",
                pretty(&without_sections(&theirs)),
                pretty(&without_sections(&ours))
            ));
        }
    }
    let percent = if total == 0 {
        0.0
    } else {
        100.0 * same as f64 / total as f64
    };
    eprintln!("argdown corpus: {same}/{total} read the same ({percent:.1}%)");
    eprintln!("  {} outside the subset (E010):", unsupported.len());
    for u in &unsupported {
        eprintln!("    {u}");
    }
    eprintln!(
        "  {} with sections that differ (not counted):",
        sections.len()
    );
    for t in &sections {
        eprintln!("    {t}");
    }
    assert!(differ.is_empty(), "{}", differ.join("\n\n"));
    assert!(total > 0, "the corpus is empty");
    assert!(
        percent >= CORPUS_FLOOR_PERCENT,
        "argdown corpus: {percent:.1}% read the same, below the floor of {CORPUS_FLOOR_PERCENT}%"
    );
}
