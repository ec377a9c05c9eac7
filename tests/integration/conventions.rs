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
        let out = dir.path().join(name);
        counterpoint()
            .arg("render")
            .arg(&input)
            .arg("-o")
            .arg(&out)
            .assert()
            .success()
            .stdout("")
            .stderr("");
        let bytes = std::fs::read(&out).expect("written");
        assert!(bytes.starts_with(start), "{name}: {:?}", &bytes[..8]);
    }
    if !have_program("dot") {
        return;
    }
    for (name, start) in [
        ("map.svg", &b"<?xml"[..]),
        ("map.png", b"\x89PNG"),
        ("map.pdf", b"%PDF-"),
    ] {
        let out = dir.path().join(name);
        counterpoint()
            .arg("render")
            .arg(&input)
            .arg("-o")
            .arg(&out)
            .assert()
            .success()
            .stdout("")
            .stderr("");
        let bytes = std::fs::read(&out).expect("written");
        assert!(bytes.starts_with(start), "{name}: {:?}", &bytes[..8]);
    }
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
