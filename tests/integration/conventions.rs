//! The command-line conventions of well-kept tools: `-` for standard input and output, the
//! format of `render -o FILE` taken from its extension, the current folder read when no path is
//! given.

use crate::common::{counterpoint, fixture, have_program};

/// `render -o map.svg` without `--format` writes SVG (not DOT into a `.svg` file); `.dot` and
/// `.gv` name DOT; an extension that names no format leaves DOT, the default.
#[test]
fn render_takes_the_format_from_the_extension() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = fixture("render", "four-day-week.argdown");
    for (name, start) in [
        ("map.dot", &b"digraph"[..]),
        ("map.gv", b"digraph"),
        ("map.txt", b"digraph"),
        ("map.DOT", b"digraph"),
    ] {
        renders_as(&input, &dir.path().join(name), start);
    }
    if !have_program("dot") {
        return;
    }
    for (name, start) in [
        ("map.svg", &b"<?xml"[..]),
        ("map.png", b"\x89PNG"),
        ("map.pdf", b"%PDF-"),
    ] {
        renders_as(&input, &dir.path().join(name), start);
    }
}

/// `render INPUT -o OUT` succeeds silently and writes a file that starts with `start`.
fn renders_as(input: &std::path::Path, out: &std::path::Path, start: &[u8]) {
    counterpoint()
        .arg("render")
        .arg(input)
        .arg("-o")
        .arg(out)
        .assert()
        .success()
        .stdout("")
        .stderr("");
    let bytes = std::fs::read(out).expect("written");
    assert!(
        bytes.starts_with(start),
        "{}: {:?}",
        out.display(),
        &bytes[..8]
    );
}

/// A `--format` that contradicts the extension is refused, and nothing is written.
#[test]
fn render_refuses_a_format_that_contradicts_the_extension() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("map.svg");
    counterpoint()
        .arg("render")
        .arg(fixture("render", "four-day-week.argdown"))
        .args(["--format", "dot", "-o"])
        .arg(&out)
        .assert()
        .code(2)
        .stdout("")
        .stderr(format!(
            "error: --format dot does not match the name {}, whose extension says svg: leave \
             out --format to write svg, or name the file .dot\n",
            out.display()
        ));
    assert!(!out.exists());
}

/// A map with one error and two warnings.
const BAD: &str = "===\nsides:\n  pro: {label: \"Pro\"}\n===\n\n[A]: Text. {side: cons}\n  + [B]\n";

/// `-` is standard input, named `<stdin>` in diagnostics, read with the other paths as one map.
#[test]
fn a_dash_reads_standard_input() {
    counterpoint()
        .args(["check", "-"])
        .write_stdin(BAD)
        .assert()
        .code(1)
        .stdout(
            "<stdin>:6:1: error[E004]: unknown side \"cons\" on [A]\n  |\n6 | [A]: Text. {side: cons}\n  | ^^^\n  = help: declared sides are: pro\n\n\
             <stdin>:7:5: warning[W001]: [B] is referenced but never defined\n  |\n7 |   + [B]\n  |     ^^^\n  = help: define it once with `[B]: text`\n\n\
             <stdin>:7:5: warning[W003]: [B] has no side\n  |\n7 |   + [B]\n  |     ^^^\n  = help: give it `{side: id}`, a tag naming a side, or put it under a heading with `{side: id}`; declared sides are: pro\n\n\
             1 error, 2 warnings\n",
        );
    // The same map from a file and from standard input exports alike; `-o -` is standard
    // output.
    let file = fixture("render", "four-day-week.argdown");
    let text = std::fs::read_to_string(&file).expect("read");
    let from_file = counterpoint()
        .args(["export", "--to", "json"])
        .arg(&file)
        .output()
        .expect("runs");
    counterpoint()
        .args(["export", "-", "--to", "json", "-o", "-"])
        .write_stdin(text.clone())
        .assert()
        .success()
        .stdout(String::from_utf8(from_file.stdout).expect("UTF-8"));
    // With a file: one map (the side `pro` declared in the file, used on standard input).
    counterpoint()
        .arg("stats")
        .arg(&file)
        .arg("-")
        .write_stdin("[Extra]: One more point. {side: pro}\n  +> [Four days]\n")
        .assert()
        .success()
        .stderr("");
    // Its format is found from its content: ICCMA here.
    counterpoint()
        .args(["status", "-", "--format", "iccma"])
        .write_stdin("p af 2\n1 2\n")
        .assert()
        .success()
        .stdout("w 1\n");
    counterpoint()
        .args(["stats", "-", "-"])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr("error: `-` (standard input) is named twice; it can be read once\n");
    counterpoint()
        .args(["stats", "--max-file-size", "10", "-"])
        .write_stdin(BAD)
        .assert()
        .code(2)
        .stderr(
            "error: standard input is larger than --max-file-size (10 bytes); raise the limit \
             to read it\n",
        );
}

/// `fmt -` formats standard input to standard output; `--check` says `<stdin>` and exits 1
/// when it would change.
#[test]
fn fmt_formats_standard_input_to_standard_output() {
    counterpoint()
        .args(["fmt", "-"])
        .write_stdin("[A]:   text\n  +   [B]: x\n")
        .assert()
        .success()
        .stdout("[A]: text\n\n[B]: x\n  +> [A]\n");
    counterpoint()
        .args(["fmt", "--check", "-"])
        .write_stdin("[A]:   text\n")
        .assert()
        .code(1)
        .stdout("<stdin>\n");
    counterpoint()
        .args(["fmt", "--check", "-"])
        .write_stdin("[A]: text\n")
        .assert()
        .success()
        .stdout("");
    counterpoint()
        .args(["fmt", "-", "map.argdown"])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr("error: fmt formats `-` (standard input) alone: give it without other paths\n");
}

/// With no path, the current folder's `.argdown` files (not its subfolders'), as Argdown reads
/// them, and a note on standard error that says so.
#[test]
fn no_path_reads_the_current_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = std::fs::read_to_string(fixture("render", "four-day-week.argdown")).expect("read");
    std::fs::write(dir.path().join("a.argdown"), &text).expect("write");
    std::fs::write(
        dir.path().join("b.argdown"),
        "[Extra]: One more point. {side: pro}\n  +> [Four days]\n",
    )
    .expect("write");
    std::fs::write(dir.path().join(".hidden.argdown"), "[Hidden]: no\n").expect("write");
    std::fs::create_dir(dir.path().join("sub")).expect("mkdir");
    std::fs::write(dir.path().join("sub/c.argdown"), "[Below]: no\n").expect("write");
    let named = counterpoint()
        .current_dir(dir.path())
        .args(["stats", "a.argdown", "b.argdown"])
        .output()
        .expect("runs");
    counterpoint()
        .current_dir(dir.path())
        .arg("stats")
        .assert()
        .success()
        .stdout(String::from_utf8(named.stdout).expect("UTF-8"))
        .stderr("note: no path given: reading the 2 .argdown files of the current folder\n");
    let empty = tempfile::tempdir().expect("temp dir");
    counterpoint()
        .current_dir(empty.path())
        .arg("check")
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "error: no path given, and the current folder holds no .argdown file: name the \
             map's files or folders (e.g. `counterpoint check arguments/`), or `-` for standard \
             input\n",
        );
}

/// One file of a map split over files, read alone: the sides, sources and titles it uses are
/// declared elsewhere, and a hint says to pass the folder.
#[test]
fn one_file_of_a_folder_map_hints_at_the_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("00-main.argdown"),
        "===\nsides:\n  pro: {label: \"Pro\"}\n===\n\n[Motion]: The motion.\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("10-pro.argdown"),
        "<Reason>: A reason. {side: pro}\n  +> [Motion]\n",
    )
    .expect("write");
    let hint = "hint: 2 diagnostics name sides, sources or titles that the files given do not \
                declare, and maps/ holds 1 other .argdown file: a map split over files is read \
                whole by passing its folder (`counterpoint check maps/`)\n";
    let maps = dir.path().join("maps");
    std::fs::create_dir(&maps).expect("mkdir");
    for name in ["00-main.argdown", "10-pro.argdown"] {
        std::fs::rename(dir.path().join(name), maps.join(name)).expect("move");
    }
    let out = counterpoint()
        .current_dir(dir.path())
        .args(["check", "maps/10-pro.argdown"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stderr), hint);
    let out = counterpoint()
        .current_dir(dir.path())
        .args(["stats", "maps/10-pro.argdown"])
        .output()
        .expect("runs");
    assert!(
        String::from_utf8_lossy(&out.stderr).ends_with(hint),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The folder (or both files) reads clean, with no hint.
    counterpoint()
        .current_dir(dir.path())
        .args(["check", "maps/"])
        .assert()
        .success()
        .stderr("");
}

/// Progress shows on standard error when it is a terminal (here a pseudo-terminal made by
/// `script`, with no delay), is cleared when the work is done, and never shows in a pipe.
#[test]
fn progress_shows_on_a_terminal_only() {
    let map = fixture("render", "four-day-week.argdown");
    counterpoint()
        .env("COUNTERPOINT_PROGRESS_DELAY_MS", "0")
        .arg("stats")
        .arg(&map)
        .assert()
        .success()
        .stderr("");
    if !have_program("script") {
        return;
    }
    let bin = assert_cmd::cargo::cargo_bin("counterpoint");
    let out = std::process::Command::new("script")
        .args(["-q", "-e", "-c"])
        .arg(format!(
            "{} stats {} >/dev/null",
            bin.display(),
            map.display()
        ))
        .arg("/dev/null")
        .env("COUNTERPOINT_PROGRESS_DELAY_MS", "0")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("script runs");
    let shown = String::from_utf8_lossy(&out.stdout);
    let line = format!("reading {} (0s)", map.display());
    assert!(shown.contains(&line), "{shown:?}");
    assert!(
        shown.ends_with("\r\u{1b}[2K"),
        "cleared at the end: {shown:?}"
    );
    // Work shorter than a second shows nothing.
    let out = std::process::Command::new("script")
        .args(["-q", "-e", "-c"])
        .arg(format!(
            "{} stats {} >/dev/null",
            bin.display(),
            map.display()
        ))
        .arg("/dev/null")
        .env_remove("COUNTERPOINT_PROGRESS_DELAY_MS")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("script runs");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
}

/// `prep -o FILE` and `overview -o FILE` take their format from the extension too, and refuse
/// a `--format` that contradicts it.
#[test]
fn prep_and_overview_take_the_format_from_the_extension() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = fixture("render", "four-day-week.argdown");
    for (name, start) in [
        ("brief.md", "# Debate prep: Supporters (side pro)\n"),
        ("brief.json", "{\n"),
        ("brief.html", "<!DOCTYPE html>"),
        (
            "brief.txt",
            "Debate prep: Supporters (side pro)\n\n- We: Supporters (pro)\n",
        ),
        ("brief.out", "# Debate prep"),
    ] {
        let out = dir.path().join(name);
        counterpoint()
            .arg("prep")
            .arg(&input)
            .args(["--side", "pro", "-o"])
            .arg(&out)
            .assert()
            .success()
            .stdout("")
            .stderr("");
        let text = std::fs::read_to_string(&out).expect("written");
        assert!(text.starts_with(start), "{name}: {text:.80}");
    }
    for (name, start) in [("overview.svg", "<svg"), ("overview.md", "# ")] {
        let out = dir.path().join(name);
        counterpoint()
            .arg("overview")
            .arg(&input)
            .arg("-o")
            .arg(&out)
            .assert()
            .success();
        let text = std::fs::read_to_string(&out).expect("written");
        assert!(text.starts_with(start), "{name}: {text:.80}");
    }
    let out = dir.path().join("brief.html");
    counterpoint()
        .arg("prep")
        .arg(&input)
        .args(["--side", "pro", "--format", "markdown", "-o"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(format!(
            "error: --format markdown does not match the name {}, whose extension says html: \
             leave out --format to write html, or name the file .md\n",
            out.display()
        ));
}
