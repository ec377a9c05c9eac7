//! counterpoint in the shell: help with examples, completion scripts, manual pages, colour.

use std::process::Command;

use crate::common::{counterpoint, have_program};

/// A map with one error and two warnings.
const BAD: &str = "===\nsides:\n  pro: {label: \"Pro\"}\n===\n\n[A]: Text. {side: cons}\n  + [B]\n";

/// `BAD` in a folder of its own, as `bad.argdown`.
fn bad_map() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("bad.argdown"), BAD).expect("write");
    dir
}

/// Every command of `counterpoint --help`, from the list clap prints.
fn commands() -> Vec<String> {
    let out = counterpoint().arg("--help").output().expect("runs");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let list = text
        .split("Commands:\n")
        .nth(1)
        .and_then(|rest| rest.split("\n\n").next())
        .expect("a list of commands");
    list.lines()
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_string)
        .collect()
}

#[test]
fn short_help_is_one_line_per_command() {
    let out = counterpoint()
        .env("COLUMNS", "100")
        .arg("-h")
        .output()
        .expect("runs");
    assert!(out.status.success());
    insta::assert_snapshot!(String::from_utf8(out.stdout).expect("UTF-8"));
}

/// Each command's `-h` starts with its one-line summary; its `--help` adds the long text and
/// ends with examples, each a command line that starts `counterpoint` (or feeds it).
#[test]
fn every_command_has_a_summary_and_examples() {
    let commands = commands();
    assert!(commands.len() >= 15, "{commands:?}");
    assert_eq!(commands[..3], ["check", "export", "coverage"]);
    for command in &commands {
        let short = counterpoint()
            .env("COLUMNS", "100")
            .args([command, "-h"])
            .output()
            .expect("runs");
        let short = String::from_utf8(short.stdout).expect("UTF-8");
        let summary = short.lines().next().expect("a first line");
        assert!(
            short.starts_with(&format!("{summary}\n\nUsage: counterpoint {command}")),
            "{command}: {short}"
        );
        assert!(
            summary.len() <= 80,
            "{command}: a summary of one line: {summary}"
        );
        assert!(!short.contains("Examples:"), "{command}: -h is the summary");
        let long = counterpoint()
            .env("COLUMNS", "100")
            .args([command, "--help"])
            .output()
            .expect("runs");
        let long = String::from_utf8(long.stdout).expect("UTF-8");
        let examples = long
            .split("\nExamples:\n")
            .nth(1)
            .unwrap_or_else(|| panic!("{command} --help has examples: {long}"));
        let lines: Vec<&str> = examples.lines().filter(|l| !l.trim().is_empty()).collect();
        assert!(!lines.is_empty(), "{command}");
        for line in lines {
            assert!(
                line.starts_with("  # ") || line.contains(&format!("counterpoint {command}")),
                "{command}: {line:?}"
            );
        }
    }
}

#[test]
fn help_wraps_to_the_width_it_is_given() {
    for columns in [60usize, 100] {
        let out = counterpoint()
            .env("COLUMNS", columns.to_string())
            .args(["render", "--help"])
            .output()
            .expect("runs");
        let text = String::from_utf8(out.stdout).expect("UTF-8");
        let widest = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
        assert!(widest <= columns, "{columns}: a line of {widest}");
        assert!(
            widest > columns - 10,
            "{columns}: the width is used ({widest})"
        );
    }
}

/// The completion script of each shell begins as that shell's scripts begin, and the bash one
/// is valid bash.
#[test]
fn completion_scripts_for_each_shell() {
    let first = |shell: &str| {
        let out = counterpoint()
            .args(["completions", shell])
            .output()
            .expect("runs");
        assert!(out.status.success(), "{shell}");
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    let bash = first("bash");
    assert!(bash.starts_with("_counterpoint() {\n"), "{bash}");
    assert!(
        bash.contains("complete -F _counterpoint -o nosort -o bashdefault -o default counterpoint")
    );
    assert!(
        bash.contains("counterpoint__subcmd__prep"),
        "every command completes"
    );
    assert!(first("zsh").starts_with("#compdef counterpoint\n"));
    assert!(first("fish").contains(
        "complete -c counterpoint -n \"__fish_counterpoint_needs_command\" -f -a \"prep\""
    ));
    assert!(first("powershell")
        .contains("Register-ArgumentCompleter -Native -CommandName 'counterpoint'"));
    if !have_program("bash") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let script = dir.path().join("counterpoint.bash");
    std::fs::write(&script, &bash).expect("write");
    let out = Command::new("bash")
        .arg("-n")
        .arg(&script)
        .output()
        .expect("bash runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Loaded, it completes the commands.
    let out = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "source {}; COMP_WORDS=(counterpoint pr); COMP_CWORD=1; _counterpoint counterpoint pr counterpoint; echo \"${{COMPREPLY[@]}}\"",
            script.display()
        ))
        .output()
        .expect("bash runs");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "prep\n");
}

/// The manual pages: roff that begins as a page of section 1 does, one per command, and that
/// groff renders without a warning.
#[test]
fn manual_pages_render() {
    let page = |args: &[&str]| {
        let out = counterpoint().arg("man").args(args).output().expect("runs");
        assert!(out.status.success(), "{args:?}");
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    let main = page(&[]);
    let head: Vec<&str> = main.lines().take(6).collect();
    assert_eq!(
        head,
        [
            ".ie \\n(.g .ds Aq \\(aq",
            ".el .ds Aq '",
            &format!(
                ".TH counterpoint 1  \"counterpoint {}\" ",
                env!("CARGO_PKG_VERSION")
            ),
            ".SH NAME",
            "counterpoint \\- Argument maps for debates: check, draw, analyse and export maps \
             written in a subset of Argdown.",
            ".SH SYNOPSIS",
        ]
    );
    assert!(
        main.contains(".SH EXTRA\nExamples:"),
        "the examples are in the page"
    );
    let check = page(&["check"]);
    assert_eq!(
        check.lines().nth(2),
        Some(
            format!(
                ".TH counterpoint-check 1  \"check {}\" ",
                env!("CARGO_PKG_VERSION")
            )
            .as_str()
        )
    );
    let mut names = commands();
    names.push("help".to_string());
    counterpoint()
        .args(["man", "nope"])
        .assert()
        .code(2)
        .stderr(format!(
            "error: there is no command \"nope\"; the commands are: {}\n",
            names.join(", ")
        ));
    if !have_program("groff") {
        return;
    }
    let mut commands = commands();
    commands.push(String::new());
    for command in commands {
        let roff = if command.is_empty() {
            main.clone()
        } else {
            page(&[&command])
        };
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("page.1");
        std::fs::write(&file, roff).expect("write");
        let out = Command::new("groff")
            .args(["-k", "-man", "-Tutf8", "-ww"])
            .arg(&file)
            .output()
            .expect("groff runs");
        assert!(out.status.success(), "{command}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{command}");
        let text = String::from_utf8_lossy(&out.stdout);
        let name = if command.is_empty() {
            "counterpoint".to_string()
        } else {
            format!("counterpoint-{command}")
        };
        assert!(text.contains(&format!("{name}(1)")), "{command}: {text}");
    }
}

/// `check --color always`: the severity and the caret in its colour, the message bold, the
/// gutter blue; the same text as without colour once the styles are taken out.
#[test]
fn diagnostics_are_coloured_when_asked() {
    let dir = bad_map();
    let run = |args: &[&str], env: &[(&str, &str)]| {
        let mut cmd = counterpoint();
        cmd.current_dir(dir.path())
            .args(args)
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd.output().expect("runs");
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        (
            String::from_utf8(out.stdout).expect("UTF-8"),
            String::from_utf8(out.stderr).expect("UTF-8"),
        )
    };
    let plain = run(&["check", "bad.argdown"], &[]).0;
    let (coloured, _) = run(&["check", "--color", "always", "bad.argdown"], &[]);
    let first: Vec<&str> = coloured.lines().take(5).collect();
    assert_eq!(
        first,
        [
            "bad.argdown:6:1: \u{1b}[1m\u{1b}[31merror[E004]:\u{1b}[0m \u{1b}[1munknown side \"cons\" on [A]\u{1b}[0m",
            "  \u{1b}[1m\u{1b}[34m|\u{1b}[0m",
            "\u{1b}[1m\u{1b}[34m6 |\u{1b}[0m [A]: Text. {side: cons}",
            "  \u{1b}[1m\u{1b}[34m|\u{1b}[0m \u{1b}[1m\u{1b}[31m^^^\u{1b}[0m",
            "  \u{1b}[1m\u{1b}[34m=\u{1b}[0m \u{1b}[1mhelp:\u{1b}[0m declared sides are: pro",
        ]
    );
    assert!(coloured.contains("bad.argdown:7:5: \u{1b}[1m\u{1b}[33mwarning[W001]:\u{1b}[0m"));
    let stripped = coloured.replace('\u{1b}', "");
    // Each style is `ESC [ digits m`: with them gone the text is the plain one.
    let mut without = String::new();
    let mut rest = stripped.as_str();
    while let Some(i) = rest.find('[') {
        let after = &rest[i + 1..];
        let digits = after.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && after[digits..].starts_with('m') {
            without.push_str(&rest[..i]);
            rest = &after[digits + 1..];
        } else {
            without.push_str(&rest[..=i]);
            rest = after;
        }
    }
    without.push_str(rest);
    assert_eq!(without, plain);
    // Into a pipe, `auto` writes no colour; CLICOLOR_FORCE forces it, NO_COLOR wins over that,
    // `--color never` over everything.
    assert_eq!(
        run(&["check", "bad.argdown"], &[("CLICOLOR_FORCE", "1")]).0,
        coloured
    );
    assert_eq!(
        run(
            &["check", "bad.argdown"],
            &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]
        )
        .0,
        plain
    );
    assert_eq!(
        run(
            &["check", "--color", "never", "bad.argdown"],
            &[("CLICOLOR_FORCE", "1")]
        )
        .0,
        plain
    );
    // Other commands print diagnostics on standard error, coloured the same way.
    let (out, err) = run(&["stats", "--color", "always", "bad.argdown"], &[]);
    assert_eq!(out, "");
    assert_eq!(err, coloured);
    let (_, err) = run(&["stats", "bad.argdown"], &[]);
    assert_eq!(err, plain);
    // A command's own error starts with `error:` in red.
    counterpoint()
        .current_dir(dir.path())
        .args([
            "render",
            "bad.argdown",
            "--color",
            "always",
            "--format",
            "png",
            "-o",
            "x.svg",
        ])
        .assert()
        .code(2)
        .stderr(
            "\u{1b}[1m\u{1b}[31merror:\u{1b}[0m --format png does not match the name x.svg, whose \
             extension says svg: leave out --format to write svg, or name the file .png\n",
        );
}
