//! Exit codes: the same situation gives the same code in every command (0 ok, 1 map errors or
//! a failed check, 2 usage or I/O), and a closed output pipe is success, as in ripgrep.

use std::fmt::Write as _;
use std::path::Path;

use crate::common::{counterpoint, with_closed_stdout};

/// Pairs of a pro point and a con rebuttal: `pairs * 2` nodes, each side with unanswered
/// points, every node with a side (no warnings), one citation of the source text. Written
/// with extra blank lines, so that `fmt --check` lists it.
fn big_map(pairs: usize) -> String {
    let mut map = String::from(
        "===\nsides:\n  pro: {label: \"Pro\"}\n  con: {label: \"Con\"}\n\
         sources:\n  text: {title: \"Text\", file: \"text.txt\"}\n===\n\n",
    );
    for i in 0..pairs {
        let cite = if i == 0 { ", cite: \"text:1\"" } else { "" };
        let _ = write!(
            map,
            "[Point {i}]: The pro side's point number {i}. {{side: pro{cite}}}\n  \
             - <Reply {i}>: The con side's reply number {i}. {{side: con}}\n\n\n"
        );
    }
    map
}

/// A source text of `n` paragraphs, one line each.
fn big_text(n: usize) -> String {
    (0..n)
        .map(|i| format!("Paragraph {i} of the source.\n\n"))
        .collect()
}

/// An ICCMA apx framework with `n` arguments in a chain of attacks.
fn big_apx(n: usize) -> String {
    let mut apx: String = (0..n).map(|i| format!("arg(a{i}).\n")).collect();
    for i in 1..n {
        let _ = writeln!(apx, "att(a{}, a{i}).", i - 1);
    }
    apx
}

/// A folder holding the big map (3,000 nodes), its source text and a big framework.
fn big_inputs() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("big.argdown"), big_map(1500)).expect("writes");
    std::fs::create_dir(dir.path().join("sources")).expect("mkdir");
    std::fs::write(dir.path().join("sources/text.txt"), big_text(3000)).expect("writes");
    std::fs::write(dir.path().join("big.apx"), big_apx(3000)).expect("writes");
    dir
}

/// Every command that writes to standard output, on the big inputs, with the exit code it
/// gives when its output is read to the end.
const WRITERS: &[(&[&str], i32)] = &[
    // W003 for every node: a map that declares sides and nodes that have none.
    (&["check", "warned.argdown"], 0),
    (&["check", "warned.argdown", "--format", "json"], 0),
    (&["export", "big.argdown", "--to", "json"], 0),
    (&["export", "big.argdown", "--to", "argdown"], 0),
    (&["export", "big.argdown", "--to", "apx"], 0),
    (&["unanswered", "big.argdown", "--all"], 0),
    (&["status", "big.argdown"], 0),
    (&["status", "big.apx"], 0),
    (&["status", "big.apx", "--format", "json"], 0),
    (&["prep", "big.argdown", "--side", "pro"], 0),
    (&["stats", "big.argdown"], 0),
    (&["coverage", "big.argdown", "--sources", "sources"], 0),
    (&["render", "big.argdown", "--format", "dot"], 0),
    (&["fmt", "--check", "big.argdown"], 1),
];

fn write_warned_map(dir: &Path) {
    let mut map = String::from("===\nsides:\n  pro: {label: \"Pro\"}\n===\n\n");
    for i in 0..3000 {
        let _ = write!(map, "[Bare {i}]: A point without a side.\n\n");
    }
    std::fs::write(dir.join("warned.argdown"), map).expect("writes");
}

#[test]
fn a_closed_pipe_is_success_in_every_command() {
    let dir = big_inputs();
    write_warned_map(dir.path());
    for &(args, code) in WRITERS {
        // Read to the end, the output is larger than a pipe holds and nothing goes to stderr:
        // so with the reader gone, the command does write into a closed pipe.
        let out = counterpoint()
            .current_dir(dir.path())
            .args(args)
            .output()
            .expect("runs");
        assert_eq!(
            (
                out.status.code(),
                String::from_utf8_lossy(&out.stderr).as_ref()
            ),
            (Some(code), ""),
            "{args:?} read to the end"
        );
        let size_needed = if args[0] == "fmt" || args[0] == "stats" {
            1 // one file name; a few counts: still a write into the closed pipe
        } else {
            64 * 1024
        };
        assert!(
            out.stdout.len() >= size_needed,
            "{args:?} writes only {} bytes",
            out.stdout.len()
        );
        assert_eq!(
            with_closed_stdout(dir.path(), args),
            (Some(0), String::new()),
            "{args:?} with the reader of its output gone"
        );
    }
    assert_eq!(
        std::fs::read_to_string(dir.path().join("big.argdown")).expect("reads"),
        big_map(1500),
        "fmt --check writes nothing"
    );
}

/// The diagnostic every command prints for the map with an error.
const UNKNOWN_SIDE: &str = "\
bad.argdown:7:1: error[E004]: unknown side \"nope\" on [A]
  |
7 | [A]: A point. {side: nope}
  | ^^^
  = help: declared sides are: pro, con

1 error, 0 warnings
";

#[test]
fn a_map_with_errors_exits_1_in_every_command_that_reads_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("bad.argdown"),
        "===\nsides:\n  pro: {label: \"Pro\"}\n  con: {label: \"Con\"}\n===\n\n\
         [A]: A point. {side: nope}\n",
    )
    .expect("writes");
    std::fs::create_dir(dir.path().join("sources")).expect("mkdir");
    let commands: &[&[&str]] = &[
        &["export", "bad.argdown", "--to", "json"],
        &["coverage", "bad.argdown", "--sources", "sources"],
        &["render", "bad.argdown"],
        &["report", "bad.argdown", "-o", "out.html"],
        &["unanswered", "bad.argdown"],
        &["status", "bad.argdown"],
        &["prep", "bad.argdown", "--side", "pro"],
        &["stats", "bad.argdown"],
    ];
    for args in commands {
        let out = counterpoint()
            .current_dir(dir.path())
            .args(*args)
            .output()
            .expect("runs");
        assert_eq!(
            (
                out.status.code(),
                String::from_utf8_lossy(&out.stderr).as_ref(),
                out.stdout.as_slice()
            ),
            (Some(1), UNKNOWN_SIDE, &b""[..]),
            "{args:?}"
        );
    }
    assert!(!dir.path().join("out.html").exists());
    // `check` prints the diagnostics to standard output, `fmt` refuses.
    counterpoint()
        .current_dir(dir.path())
        .args(["check", "bad.argdown"])
        .assert()
        .code(1)
        .stdout(UNKNOWN_SIDE)
        .stderr("");
    counterpoint()
        .current_dir(dir.path())
        .args(["fmt", "bad.argdown"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(format!(
            "{UNKNOWN_SIDE}error: fmt: the files have errors; nothing was rewritten\n"
        ));
}

/// Runs each of `commands` in `dir`: each exits with `code`, writes nothing to standard output
/// and exactly `stderr` to standard error.
fn each_exits(dir: &Path, commands: &[&[&str]], code: i32, stderr: &str) {
    for args in commands {
        counterpoint()
            .current_dir(dir)
            .args(*args)
            .assert()
            .code(code)
            .stdout("")
            .stderr(stderr.to_string());
    }
}

#[test]
fn an_unknown_side_exits_2_with_the_same_message_in_every_command() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("map.argdown"), big_map(2)).expect("writes");
    let commands: &[&[&str]] = &[
        &["export", "map.argdown", "--to", "json", "--side", "neutral"],
        &["render", "map.argdown", "--side", "neutral"],
        &[
            "report",
            "map.argdown",
            "-o",
            "out.html",
            "--side",
            "neutral",
        ],
        &["unanswered", "map.argdown", "--side", "neutral"],
        &["status", "map.argdown", "--side", "neutral"],
        &["prep", "map.argdown", "--side", "neutral"],
    ];
    each_exits(
        dir.path(),
        commands,
        2,
        "error: unknown side \"neutral\"; the map's sides are: pro, con\n",
    );
    assert!(!dir.path().join("out.html").exists());
}

#[test]
fn an_output_that_is_an_input_exits_2_in_every_command() {
    let dir = big_inputs();
    let commands: &[&[&str]] = &[
        &["export", "big.argdown", "--to", "json", "-o", "big.argdown"],
        &["render", "big.argdown", "-o", "big.argdown"],
        &["report", "big.argdown", "-o", "big.argdown", "--force"],
        &["unanswered", "big.argdown", "-o", "big.argdown"],
        &["status", "big.argdown", "-o", "big.argdown"],
        &["prep", "big.argdown", "--side", "con", "-o", "big.argdown"],
        &["stats", "big.argdown", "-o", "big.argdown"],
    ];
    each_exits(
        dir.path(),
        commands,
        2,
        "error: refusing to write big.argdown: it is one of the inputs\n",
    );
    // The framework read without a map (one ICCMA file) is refused the same way.
    each_exits(
        dir.path(),
        &[&["status", "big.apx", "-o", "big.apx"]],
        2,
        "error: refusing to write big.apx: it is one of the inputs\n",
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("big.argdown")).expect("reads"),
        big_map(1500)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("big.apx")).expect("reads"),
        big_apx(3000)
    );
}

#[test]
fn from_and_to_offer_the_formats_counterpoint_reads_and_writes() {
    counterpoint()
        .args(["export", "arguments", "--to", "tgf"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "error: invalid value 'tgf' for '--to <TO>'\n  \
             [possible values: argdown, json, apx, i23, aif, mermaid, graphml]\n\n\
             For more information, try '--help'.\n",
        );
    counterpoint()
        .args(["check", "arguments", "--from", "mermaid"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "error: invalid value 'mermaid' for '--from <FROM>'\n  \
             [possible values: auto, argdown, json, apx, tgf, i23, aif, kialo]\n\n\
             For more information, try '--help'.\n",
        );
}
