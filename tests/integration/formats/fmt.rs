//! `counterpoint fmt`: canonical layout, idempotent, `--check`, folders keep each node in its
//! file, and refusals (errors, comments) that leave the files untouched.

use std::path::{Path, PathBuf};

use counterpoint::fmt::{difference, format, FmtError};

use super::{load_ok, path};
use crate::common::{counterpoint, read};

/// Copies fixture files into a fresh folder.
fn copy(names: &[&str]) -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut out = Vec::new();
    for name in names {
        let from = path(name);
        let to = dir.path().join(from.file_name().expect("file name"));
        std::fs::copy(&from, &to).expect("copy");
        out.push(to);
    }
    (dir, out)
}

fn texts(paths: &[PathBuf]) -> Vec<(String, String)> {
    paths
        .iter()
        .map(|p| (p.display().to_string(), read(p)))
        .collect()
}

fn fmt_once(files: &[(String, String)]) -> Vec<(String, String)> {
    format(files).expect("formats").files
}

#[test]
fn messy_file_gets_the_canonical_layout() {
    let files = texts(&[path("argdown/messy.argdown")]);
    let once = fmt_once(&files);
    super::snapshots().bind(|| insta::assert_snapshot!(once[0].1));
    assert_ne!(once, files);
    // Idempotent.
    assert_eq!(fmt_once(&once), once);
    // The same map.
    let before = load_ok(&[&path("argdown/messy.argdown")]).map;
    let after = counterpoint::load::load_texts(&once, Some(counterpoint::Format::Argdown)).map;
    assert_eq!(difference(&before, &after), None);
}

#[test]
fn fmt_is_idempotent_on_every_fixture() {
    for name in ["argdown/debate.argdown", "argdown/messy.argdown"] {
        let once = fmt_once(&texts(&[path(name)]));
        assert_eq!(fmt_once(&once), once, "{name}");
    }
}

#[test]
fn the_debate_map_formats_to_a_fixed_point_with_its_comments() {
    let dir = crate::common::root().join("arguments");
    let paths = counterpoint::load::expand(&[dir])
        .expect("the debate map")
        .files;
    let files = texts(&paths);
    let once = fmt_once(&files);
    assert_eq!(fmt_once(&once), once);
    let refs: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    let before = load_ok(&refs).map;
    let after = counterpoint::load::load_texts(&once, Some(counterpoint::Format::Argdown)).map;
    assert_eq!(difference(&before, &after), None);
}

#[test]
fn check_lists_files_that_would_change_and_writes_nothing() {
    let (dir, paths) = copy(&["argdown/messy.argdown"]);
    let before = read(&paths[0]);
    let out = counterpoint()
        .args(["fmt", "--check"])
        .arg(&paths[0])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("{}\n", paths[0].display())
    );
    assert_eq!(read(&paths[0]), before, "--check writes nothing");
    // Formatting rewrites it; then --check passes.
    counterpoint()
        .arg("fmt")
        .arg(dir.path())
        .assert()
        .success()
        .stdout(format!("formatted {}\n", paths[0].display()));
    assert_ne!(read(&paths[0]), before);
    counterpoint()
        .args(["fmt", "--check"])
        .arg(dir.path())
        .assert()
        .success()
        .stdout("");
}

#[test]
fn a_folder_keeps_each_node_and_relation_in_its_file() {
    let names = [
        "multi/00-setup.argdown",
        "multi/10-for.argdown",
        "multi/20-against.argdown",
    ];
    let (dir, paths) = copy(&names);
    let refs: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    let before = load_ok(&refs).map;
    counterpoint().arg("fmt").arg(dir.path()).assert().success();
    let after = load_ok(&refs).map;
    assert_eq!(difference(&before, &after), None);
    let file_of = |map: &counterpoint::Map, id: &str| -> String {
        let n = map.node(map.find(id).expect("node"));
        n.origin.as_ref().expect("origin").file.to_string()
    };
    for (_, n) in before.nodes() {
        assert_eq!(file_of(&after, &n.id), file_of(&before, &n.id), "{}", n.id);
    }
    let edge_files = |map: &counterpoint::Map| -> Vec<(String, String, String)> {
        let mut v: Vec<(String, String, String)> = map
            .edges()
            .map(|(a, b, e)| {
                let file = e.origin.as_ref().expect("origin").file.to_string();
                (map.node(a).id.to_string(), map.node(b).id.to_string(), file)
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(edge_files(&after), edge_files(&before));
    let all: Vec<String> = paths
        .iter()
        .map(|p| {
            format!(
                "--- {}\n{}",
                p.file_name().expect("name").to_string_lossy(),
                read(p)
            )
        })
        .collect();
    super::snapshots().bind(|| insta::assert_snapshot!(all.join("\n")));
    counterpoint()
        .args(["fmt", "--check"])
        .arg(dir.path())
        .assert()
        .success();
}

#[test]
fn files_with_errors_are_refused_and_left_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("bad.argdown");
    let text = "[A]: fine\n\n<B>: bad side {side: nobody}\n  -> [A]\n";
    std::fs::write(&file, text).expect("write");
    let out = counterpoint().arg("fmt").arg(&file).output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("error[E004]: unknown side \"nobody\""),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("error: fmt: the files have errors; nothing was rewritten\n"),
        "{stderr}"
    );
    assert_eq!(read(&file), text);
    assert!(matches!(
        format(&[("bad.argdown".into(), text.into())]),
        Err(FmtError::Invalid(_))
    ));
}

#[test]
fn comments_on_their_own_lines_are_kept_above_what_follows_them() {
    let text = "\
===
title: Notes
===
// Header: who wrote this map.
// Second line.

# Part one

/* Why this claim
   comes first. */
[A]:   fine,
  spread over lines.
    <+ <B>: reason
      // a note on the relation below
      - <C>: objection

<!-- about D -->
[D]: last
// trailing note
";
    let once = fmt_once(&[("notes.argdown".into(), text.into())]);
    super::snapshots().bind(|| insta::assert_snapshot!(once[0].1));
    assert_eq!(fmt_once(&once), once, "idempotent");
    let before = counterpoint::load::load_texts(
        &[("notes.argdown".to_string(), text.to_string())],
        Some(counterpoint::Format::Argdown),
    )
    .map;
    let after = counterpoint::load::load_texts(&once, Some(counterpoint::Format::Argdown)).map;
    assert_eq!(difference(&before, &after), None);
}

#[test]
fn a_comment_sharing_its_line_with_text_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("notes.argdown");
    let text = "[A]: fine\n\n<B>: reason // why\n  +> [A]\n";
    std::fs::write(&file, text).expect("write");
    let out = counterpoint().arg("fmt").arg(&file).output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "error: fmt: fmt keeps comments on lines of their own, but not a comment after text \
             on the same line or inside the frontmatter (first at {}:3:13); move it to a line \
             of its own\n",
            file.display()
        )
    );
    assert_eq!(read(&file), text);
}

#[test]
fn crlf_files_stay_crlf() {
    let text = "[A]:   fine\r\n\r\n<B>: reason\r\n    + [C]: more\r\n    +> [A]\r\n";
    let out = fmt_once(&[("crlf.argdown".into(), text.into())]);
    assert_eq!(
        out[0].1,
        "[A]: fine\r\n\r\n<B>: reason\r\n  +> [A]\r\n\r\n[C]: more\r\n  +> <B>\r\n"
    );
}

#[test]
fn fmt_refuses_other_formats() {
    counterpoint()
        .arg("fmt")
        .arg(path("hostile.json"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "fmt rewrites .argdown files only",
        ));
}
