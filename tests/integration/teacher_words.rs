//! The words a teacher reads: verdicts as stands, falls and undecided, counts in the singular
//! when there is one, and the prep brief shown as text on a terminal (Markdown only when
//! written to a file or a pipe, or asked for).

use std::process::Command;

use crate::common::{counterpoint, fixture, have_program};

#[test]
fn stats_counts_in_words() {
    counterpoint()
        .args(["stats", "-"])
        .write_stdin("[A]: a\n  - [B]: b\n")
        .assert()
        .success()
        .stdout(
            "(untitled map): 2 nodes, 1 relation.\n\n\
             Nodes by side and kind:\n\
             \x20 side     claims  supports  rebuttals  total\n\
             \x20 No side       1         0          1      2\n\
             \x20 all           1         0          1      2\n\n\
             Relations: 0 supports, 1 rebuttal, 0 undercuts, 0 contradictions.\n\
             Deepest chain: 1 relation, from [B] to [A].\n\
             Nodes on a cycle of relations (counted as one step in chains): 0.\n\n\
             Answered, and how many points stand, fall or stay undecided (grounded), per side:\n\
             \x20 side            answered   stand   fall  undecided\n\
             \x20 No side     1 of 2 (50%)       1      1          0\n",
        );
    counterpoint()
        .args(["stats", "-"])
        .write_stdin("[A]: a\n")
        .assert()
        .success()
        .stdout(predicates::str::starts_with(
            "(untitled map): 1 node, 0 relations.\n",
        ));
}

#[test]
fn status_says_stands_falls_undecided() {
    counterpoint()
        .args(["status", "-"])
        .write_stdin("[A]: a\n  - [B]: b\n  - [C]: c\n    - [C]\n")
        .assert()
        .success()
        .stdout(
            "Grounded semantics (Dung 1995): of 3 points, 1 stands, 1 falls, 1 undecided.\n\n\
             Theses: No side\n\
             \x20 falls     [A] — falls: rebutted by [B] (strength 0.50), which stands\n\
             \x20           hinges on: [B] rebuts [A] (without it: undecided, strength 0.33)\n\n\
             No side\n\
             \x20 stands    [B] — stands: nobody rebuts it\n\
             \x20 undecided [C] — undecided: it rebuts itself\n",
        );
}

/// The brief as text: no Markdown escapes or marks, wrapped to `COLUMNS`; Markdown when asked.
#[test]
fn prep_as_text_has_no_markdown_marks() {
    let map = fixture("render", "four-day-week.argdown");
    let text = counterpoint()
        .env("COLUMNS", "60")
        .arg("prep")
        .arg(&map)
        .args(["--side", "pro", "--format", "text"])
        .output()
        .expect("runs");
    let text = String::from_utf8(text.stdout).expect("UTF-8");
    let head: Vec<&str> = text.lines().take(8).collect();
    assert_eq!(
        head,
        [
            "Debate prep: Supporters (side pro)",
            "",
            "- We: Supporters (pro)",
            "- They: Opponents (con)",
            "",
            "The motion",
            "",
            "The map names no motion (motion: in the frontmatter).",
        ]
    );
    assert!(text.contains(
        "- They (con) rebut it with <Childcare>, which falls: Parents\n  pay for childcare on the \
         fifth day. (memo:3-4 \"childcare\")\n  - We (pro) rebut it with <Clubs>, which stands: \
         Schools\n    open on the fifth day for clubs and care.\n"
    ), "{text}");
    assert!(!text.contains('\\') && !text.contains("**") && !text.contains("\n#"));
    assert!(text.lines().all(|l| l.chars().count() <= 60), "{text}");
    // Into a pipe, and with --format markdown, it is Markdown.
    let markdown = counterpoint()
        .arg("prep")
        .arg(&map)
        .args(["--side", "pro"])
        .output()
        .expect("runs");
    let markdown = String::from_utf8(markdown.stdout).expect("UTF-8");
    assert!(markdown.starts_with("# Debate prep: Supporters (side pro)\n\n- **We:**"));
    assert!(markdown.contains("\\<Childcare\\>"));
    counterpoint()
        .arg("prep")
        .arg(&map)
        .args(["--side", "pro", "--format", "markdown"])
        .assert()
        .success()
        .stdout(markdown);
}

/// On a terminal (a pseudo-terminal made by `script`), `prep` shows the text, styled.
#[test]
fn prep_on_a_terminal_is_text() {
    if !have_program("script") {
        return;
    }
    let bin = assert_cmd::cargo::cargo_bin("counterpoint");
    let map = fixture("render", "four-day-week.argdown");
    let out = Command::new("script")
        .args(["-q", "-e", "-c"])
        .arg(format!(
            "{} prep {} --side pro",
            bin.display(),
            map.display()
        ))
        .arg("/dev/null")
        .env("COLUMNS", "60")
        .env_remove("NO_COLOR")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("script runs");
    let shown = String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n");
    assert!(
        shown.starts_with(
            "\u{1b}[0m\u{1b}[1m\u{1b}[4mDebate prep: Supporters (side pro)\u{1b}[0m\n\n- \
             \u{1b}[0m\u{1b}[1mWe:\u{1b}[0m Supporters (pro)\n"
        ),
        "{shown:?}"
    );
    assert!(!shown.contains("\\<"), "no Markdown escapes");
}
