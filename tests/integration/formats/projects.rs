//! Argdown projects as Argdown users write them: `@include(...)`, Argdown blocks in Markdown
//! files, and files whose extension names no format.

use std::path::Path;

use crate::common::{counterpoint, have_program, root};

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

/// Runs `counterpoint ARGS` in `dir` with `input` on standard input; (exit code, stdout,
/// stderr).
fn run_with_stdin(dir: &Path, args: &[&str], input: &str) -> (i32, String, String) {
    let out = counterpoint()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .write_stdin(input)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `-` among the inputs: the files' includes are followed as without it; standard input's are
/// errors at their place (it has no folder to include from), not dropped in silence.
#[test]
fn with_standard_input_files_include_and_standard_input_cannot() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    write(d, "main.argdown", "[A]: a.\n@include(b.argdown)\n");
    write(d, "b.argdown", "[B]: b.\n  +> [A]\n");
    let (code, out, err) = run_with_stdin(d, &["stats", "main.argdown", "-"], "[C]: c.\n");
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out.lines().next(),
        Some("(untitled map): 3 nodes, 1 relation.")
    );
    let (code, out, err) = run_with_stdin(
        d,
        &["check", "-"],
        "[A]: a.\n@include(nonexistent.argdown)\n",
    );
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        out,
        "<stdin>:2:10: error[E013]: @include: standard input cannot include files; nonexistent.argdown is not read
  |
2 | @include(nonexistent.argdown)
  |          ^
  = help: save the text as a file beside the files it includes and read that file, or name the included files on the command line

1 error, 0 warnings
"
    );
    // Standard input read as another format has no includes to speak of.
    let (code, _, err) = run_with_stdin(d, &["check", "main.argdown", "-"], "[D]: d.\n");
    assert_eq!((code, err.as_str()), (0, ""));
}

/// `-o` never replaces a file that was read, included ones too.
#[test]
fn output_never_replaces_an_included_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    write(d, "main.argdown", "[A]: a.\n@include(b.argdown)\n");
    write(d, "b.argdown", "[B]: b.\n  +> [A]\n");
    let (code, out, err) = run(
        d,
        &[
            "render",
            "main.argdown",
            "--format",
            "dot",
            "-o",
            "b.argdown",
        ],
    );
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (
            2,
            "",
            "error: refusing to write b.argdown: it is one of the inputs\n"
        )
    );
    assert_eq!(
        std::fs::read_to_string(d.join("b.argdown")).expect("read"),
        "[B]: b.\n  +> [A]\n"
    );
}

/// An included file that cannot be read (a folder, a FIFO, over --max-file-size) is an error at
/// its `@include`, and reading goes on: every such error shows at once.
#[test]
fn unreadable_included_files_are_errors_at_the_include() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    std::fs::create_dir(d.join("folder.argdown")).expect("folder");
    let fifo = std::process::Command::new("mkfifo")
        .arg(d.join("pipe.argdown"))
        .status()
        .expect("mkfifo runs");
    assert!(fifo.success());
    write(d, "big.argdown", &format!("[Big]: {}.\n", "x".repeat(2000)));
    write(
        d,
        "main.argdown",
        "[A]: a.\n@include(folder.argdown, pipe.argdown)\n@include(big.argdown)\n@include()\n",
    );
    let (code, out, err) = run(d, &["check", "--max-file-size", "1000", "main.argdown"]);
    assert_eq!(code, 1, "{err}");
    let help = "  = help: an included file must be a regular file that can be read, no larger than --max-file-size\n";
    assert_eq!(
        out,
        format!(
            "main.argdown:2:10: error[E013]: @include: cannot read folder.argdown: it is a folder, not a regular file
  |
2 | @include(folder.argdown, pipe.argdown)
  |          ^
{help}
main.argdown:2:26: error[E013]: @include: cannot read pipe.argdown: it is a FIFO (named pipe), not a regular file
  |
2 | @include(folder.argdown, pipe.argdown)
  |                          ^
{help}
main.argdown:3:10: error[E013]: @include: cannot read big.argdown: it is larger than 1000 bytes (raise the limit with --max-file-size)
  |
3 | @include(big.argdown)
  |          ^
{help}
main.argdown:4:10: error[E013]: @include: no file is named here
  |
4 | @include()
  |          ^
  = help: write the path of the file to read between the parentheses, e.g. @include(other.argdown), or remove the line

4 errors, 0 warnings
"
        )
    );
}

/// An absolute path, and a link inside the folder that points outside it, lead outside the
/// folder being read: refused.
#[test]
fn an_absolute_path_or_a_link_leading_outside_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    write(d, "outside.argdown", "[X]: x.\n");
    let outside = d.join("outside.argdown");
    std::fs::create_dir(d.join("p")).expect("folder");
    std::os::unix::fs::symlink(&outside, d.join("p/link.argdown")).expect("link");
    let absolute = outside.display().to_string();
    write(
        d,
        "p/main.argdown",
        &format!("[A]: a.\n@include({absolute})\n@include(link.argdown)\n"),
    );
    let (code, out, err) = run(d, &["check", "p/main.argdown"]);
    assert_eq!(code, 1, "{err}");
    let help = "  = help: move the file into the folder, or name it on the command line\n";
    let caret = " ".repeat(9);
    assert_eq!(
        out,
        format!(
            "p/main.argdown:2:10: error[E013]: @include: {absolute} is outside the folder being read; nothing outside it is read
  |
2 | @include({absolute})
  | {caret}^
{help}
p/main.argdown:3:10: error[E013]: @include: link.argdown is outside the folder being read; nothing outside it is read
  |
3 | @include(link.argdown)
  |          ^
{help}
2 errors, 0 warnings
"
        )
    );
}

/// In Markdown only the `argdown` blocks are read, includes too: an `@include` in the prose or
/// in another block is text.
#[test]
fn markdown_includes_are_read_only_in_argdown_blocks() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    write(d, "b.argdown", "[B]: b.\n  +> [A]\n");
    write(
        d,
        "doc.md",
        "# Notes\n\n@include(prose.argdown)\n\n```\n@include(plain.argdown)\n```\n\n```sh\n@include(sh.argdown)\n```\n\n```argdown\n[A]: a.\n@include(b.argdown)\n```\n",
    );
    let (code, out, err) = run(d, &["check", "doc.md"]);
    assert_eq!((code, out.as_str(), err.as_str()), (0, "", ""));
    assert_eq!(
        counts(d, &["doc.md"]),
        "(untitled map): 2 nodes, 1 relation."
    );
}

/// Many includes of one file are read once and checked for cycles in linear time: 20,000 lines
/// including the same file, which includes the first back, make one cycle error.
#[test]
fn twenty_thousand_duplicate_includes_make_one_cycle_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    write(d, "main.argdown", &"@include(b.argdown)\n".repeat(20_000));
    write(d, "b.argdown", "[B]: b.\n@include(main.argdown)\n");
    let (code, out, err) = run(d, &["check", "main.argdown"]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        out,
        "b.argdown:2:10: error[E013]: @include: a cycle of includes: main.argdown includes b.argdown includes main.argdown
  |
2 | @include(main.argdown)
  |          ^
  = help: a file cannot include itself, directly or through others; remove one @include

1 error, 0 warnings
"
    );
}

/// `serve` reads files again as they change, included ones too; it cannot read standard input.
#[test]
fn serve_watches_included_files_and_refuses_standard_input() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let (code, out, err) = run_with_stdin(d, &["serve", "-", "--port", "0"], "[A]: a.\n");
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (
            2,
            "",
            "error: serve cannot read standard input (`-`): it reads the map again each time its \
             files change; save the map as a file and serve that file\n"
        )
    );
    if !have_program("dot") {
        return;
    }
    write(d, "main.argdown", "[A]: a.\n@include(b.argdown)\n");
    write(d, "b.argdown", "[B]: b.\n  +> [A]\n");
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("counterpoint"))
        .current_dir(d)
        .args(["serve", "main.argdown", "--port", "0"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("serve starts");
    let stderr = child.stderr.take().expect("its stderr");
    let (send, lines) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufRead::lines(std::io::BufReader::new(stderr)) {
            let Ok(line) = line else { break };
            if send.send(line).is_err() {
                break;
            }
        }
    });
    // The next line saying how a build went, if one comes within 20 s.
    let next_build = || {
        let end = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while let Some(left) = end.checked_duration_since(std::time::Instant::now()) {
            match lines.recv_timeout(left) {
                Ok(line) if line.starts_with("drawn in ") || line.starts_with("not drawn") => {
                    return Some(line);
                }
                Ok(_) => continue,
                Err(_) => return None,
            }
        }
        None
    };
    let first = next_build();
    // A change to the included file only: the page is built again.
    write(d, "b.argdown", "[B]: b.\n  -> [A]\n");
    let second = next_build();
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        first.is_some_and(|l| l.starts_with("drawn in ")),
        "the first build"
    );
    assert!(
        second.is_some_and(|l| l.starts_with("drawn in ")),
        "a change to the included file is seen"
    );
}
