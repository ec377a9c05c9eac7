//! `scripts/debate.sh`, the main job: it writes a file of `docs/` only when it changed, and says
//! what changed.

use std::process::Command;

use crate::common::{have_program, root};

/// Runs `scripts/debate.sh` with this build's binary into `out`: its standard output.
fn debate_into(out: &std::path::Path) -> String {
    let run = Command::new("bash")
        .arg(root().join("scripts/debate.sh"))
        .env("BIN", assert_cmd::cargo::cargo_bin("counterpoint"))
        .env("OUT", out)
        // Without the sources, so that the test needs nothing beside the checkout.
        .env("SOURCES", out.join("no-sources"))
        .output()
        .expect("bash runs");
    let stdout = String::from_utf8_lossy(&run.stdout).into_owned();
    assert!(
        run.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    stdout
}

/// A first run writes every file; a second run on the same map rewrites none of the text files
/// (and says how many it left as they were); a file changed by hand is written back and named.
#[test]
fn debate_sh_writes_only_what_changed() {
    if !have_program("bash") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("docs");
    let first = debate_into(&out);
    let made: Vec<String> = std::fs::read_dir(&out)
        .expect("written")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    for name in [
        "status.txt",
        "overview.md",
        "debate-full.dot",
        "prep-for.md",
    ] {
        assert!(made.iter().any(|m| m == name), "{name} in {made:?}");
    }
    assert!(first.contains("== writing what changed into"), "{first}");
    assert!(first.contains("\n  status.txt\n"), "{first}");
    let status = out.join("status.txt");
    std::fs::write(&status, "changed by hand\n").expect("write");
    let second = debate_into(&out);
    let changed: Vec<&str> = second
        .lines()
        .skip_while(|l| !l.contains(" files unchanged, "))
        .skip(1)
        .filter(|l| l.starts_with("  "))
        .collect();
    // Pictures may differ from run to run (and say why); the text files do not.
    let texts: Vec<&&str> = changed
        .iter()
        .filter(|l| !l.contains(".png") && !l.contains(".svg"))
        .collect();
    assert_eq!(texts, [&"  status.txt"], "{second}");
    assert_ne!(
        std::fs::read_to_string(&status).expect("read"),
        "changed by hand\n"
    );
}
