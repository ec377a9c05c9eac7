//! Argdown projects as Argdown users write them: `@include(...)`, Argdown blocks in Markdown
//! files, and files whose extension names no format.

use std::path::Path;

use crate::common::{counterpoint, root};

/// Runs `counterpoint ARGS` in `dir`; (exit code, stdout, stderr).
fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = counterpoint()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("folder");
    }
    std::fs::write(path, text).expect("write");
}

/// The first line of `stats`: the title, node and relation counts.
fn counts(dir: &Path, args: &[&str]) -> String {
    let mut all = vec!["stats"];
    all.extend_from_slice(args);
    let (code, out, err) = run(dir, &all);
    assert_eq!(code, 0, "{err}");
    out.lines().next().unwrap_or("").to_string()
}

/// The debate's files under a main file that includes them: the folder, and the main file
/// alone, read as the debate does (the include lines are not statements).
#[test]
fn a_main_file_including_the_debate_reads_as_the_debate() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = dir.path().join("project");
    let mut names = Vec::new();
    for entry in std::fs::read_dir(root().join("arguments")).expect("arguments/") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        write(
            &project,
            &format!("parts/{name}"),
            &std::fs::read_to_string(&path).expect("read"),
        );
        names.push(format!("parts/{name}"));
    }
    names.sort();
    write(
        &project,
        "main.argdown",
        &format!("@include({})\n", names.join(", ")),
    );
    let debate = counts(&root(), &["arguments"]);
    assert!(debate.contains(" 241 nodes"), "{debate}");
    assert_eq!(counts(&project, &["."]), debate);
    assert_eq!(counts(&project, &["main.argdown"]), debate);
}

#[test]
fn include_cycles_paths_outside_and_missing_files_are_errors_at_the_include() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    write(d, "p/main.argdown", "[A]: a.\n@include(sub/b.argdown)\n");
    write(
        d,
        "p/sub/b.argdown",
        "[B]: b.\n  +> [A]\n@include(../main.argdown)\n",
    );
    write(d, "outside.argdown", "[X]: x.\n");
    write(
        d,
        "p/m2.argdown",
        "[A]: a.\n@include(../outside.argdown, nothere.argdown)\n",
    );
    // `check` reports on standard output.
    let (code, err, _) = run(d, &["check", "p/main.argdown"]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "p/sub/b.argdown:3:10: error[E013]: @include: a cycle of includes: p/main.argdown includes p/sub/b.argdown includes p/main.argdown
  |
3 | @include(../main.argdown)
  |          ^
  = help: a file cannot include itself, directly or through others; remove one @include

1 error, 0 warnings
"
    );
    let (code, err, _) = run(d, &["check", "p/m2.argdown"]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "p/m2.argdown:2:10: error[E013]: @include: ../outside.argdown is outside the folder being read; nothing outside it is read
  |
2 | @include(../outside.argdown, nothere.argdown)
  |          ^
  = help: move the file into the folder, or name it on the command line

p/m2.argdown:2:30: error[E013]: @include: there is no file p/nothere.argdown
  |
2 | @include(../outside.argdown, nothere.argdown)
  |                              ^
  = help: the path is relative to the file that includes it

2 errors, 0 warnings
"
    );
    // A path up and back into the folder is inside it.
    write(d, "p/m3.argdown", "@include(../p/sub/c.argdown)\n[A]: a.\n");
    write(d, "p/sub/c.argdown", "[C]: c.\n  -> [A]\n");
    assert_eq!(
        counts(d, &["p/m3.argdown"]),
        "(untitled map): 2 nodes, 1 relation."
    );
}

#[test]
fn argdown_blocks_are_read_from_markdown_at_their_lines() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    write(
        d,
        "doc.md",
        "# Notes\n\nSome prose with [brackets] and <angles>.\n\n```argdown\n[A]: a.\n  - [B]: b.\n```\n\n```js\n[C]: not argdown\n```\n",
    );
    assert_eq!(
        counts(d, &["doc.md"]),
        "(untitled map): 2 nodes, 1 relation."
    );
    write(d, "bad.md", "text\n\n```argdown\n[A]: a {x: [}\n```\n");
    let (code, err, _) = run(d, &["check", "bad.md"]);
    assert_eq!(code, 1);
    assert!(
        err.starts_with("bad.md:4:13: error[E012]: metadata is not valid YAML"),
        "{err}"
    );
    assert!(err.contains("\n4 | [A]: a {x: [}\n"), "{err}");
}

#[test]
fn unknown_extensions_and_a_txt_that_is_not_kialo_are_errors_naming_the_formats() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    write(d, "notes.txt", "[A]: a.\n");
    write(d, "map.xyz", "[A]: a.\n");
    let help = "  = help: counterpoint reads Argdown (.argdown, .ad, and ```argdown blocks in .md), counterpoint JSON and AIF (.json), Kialo exports (.txt) and ICCMA frameworks (.apx, .tgf, .i23, .af); name the format with `--from FORMAT` (e.g. `--from argdown`) to read it anyway\n";
    let (code, err, _) = run(d, &["check", "notes.txt"]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        format!("notes.txt: error[E013]: this .txt file is not a Kialo export (its first line is not `Discussion Title: ...`), and counterpoint reads .txt files only as Kialo exports\n{help}\n1 error, 0 warnings\n")
    );
    let (code, err, _) = run(d, &["check", "map.xyz"]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        format!("map.xyz: error[E013]: counterpoint does not know the format of a .xyz file\n{help}\n1 error, 0 warnings\n")
    );
    // The way out works.
    assert_eq!(
        counts(d, &["--from", "argdown", "map.xyz"]),
        "(untitled map): 1 node, 0 relations."
    );
}
