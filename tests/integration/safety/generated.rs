//! Safety regressions: generated hostile inputs. Every input here is built by the test (no
//! committed large files): deep nesting, huge lines, invalid UTF-8, NUL, byte-order marks and
//! CRLF, every fixture cut at many byte positions, YAML alias bombs, and hostile text written
//! to every output format.
//!
//! The promise checked throughout: no panic (the CLI exits 0, 1 or 2, never 101), and a map
//! that cannot be read gives diagnostics that name file, line and column.
//!

use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Output;

use counterpoint::fmt::difference;
use counterpoint::formats::iccma::Dialect;
use counterpoint::load::{load_bytes, load_texts, Loaded};
use counterpoint::model::{Edge, Map, Node, Relation, Section, Side, Source};
use counterpoint::Format;
use counterpoint::{diagnostic, formats};

use crate::common::{counterpoint, have_program, root};

// ---------------------------------------------------------------------------------------------
// Helpers.

/// Runs the CLI and asserts it ended the way the CLI promises: exit 0, 1 or 2 and no panic.
fn cli<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let args: Vec<_> = args.into_iter().map(|a| a.as_ref().to_owned()).collect();
    let out = counterpoint().args(&args).output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        matches!(out.status.code(), Some(0..=2)),
        "{args:?} ended with {:?}: {stderr}",
        out.status
    );
    assert!(!stderr.contains("panicked"), "{args:?} panicked: {stderr}");
    out
}

/// `counterpoint check FILE`: asserts no panic, and that exit 1 comes with errors on standard
/// output and exit 0 without. Returns the exit code and standard output.
fn check(path: &Path, extra: &[&str]) -> (i32, String) {
    let mut args = vec![OsStr::new("check")];
    args.extend(extra.iter().map(OsStr::new));
    args.push(path.as_os_str());
    let out = cli(&args);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let code = out.status.code().unwrap_or(-1);
    match code {
        0 => assert!(!stdout.contains("error["), "exit 0 with errors: {stdout}"),
        1 => assert!(
            stdout.contains("error["),
            "exit 1 without an error: {stdout}"
        ),
        _ => {}
    }
    (code, stdout)
}

/// How much of a place errors must name.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    File,
    Line,
    Column,
}

/// Every error names its file, line and column (`require`: which of line and column must be
/// there).
fn assert_located(loaded: &Loaded, what: &str, require: Place) {
    for d in loaded.diagnostics.iter().filter(|d| d.is_error()) {
        let line = d.line >= 1 || require == Place::File;
        let column = d.column >= 1 || require != Place::Column;
        assert!(
            !d.file.is_empty() && line && column,
            "{what}: an error without a place: {}",
            d.headline()
        );
    }
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write the input");
    path
}

/// The format a fixture is read in (by its extension and, for JSON, its content); `None` for
/// files that are not maps (source texts).
fn format_of(path: &Path) -> Option<Format> {
    let name = path.to_string_lossy();
    if let Some(dialect) = Dialect::from_extension(&name) {
        return Some(Format::from(dialect));
    }
    match path.extension()?.to_str()? {
        "argdown" => Some(Format::Argdown),
        "json" => {
            let text = std::fs::read_to_string(path).ok()?;
            Some(
                if text.contains("\"counterpoint\"") && !text.contains("\"nodeID\"") {
                    Format::Json
                } else {
                    Format::Aif
                },
            )
        }
        "txt" if text_starts(path, "Discussion Title:") => Some(Format::Kialo),
        _ => None,
    }
}

fn text_starts(path: &Path, prefix: &str) -> bool {
    std::fs::read_to_string(path).is_ok_and(|t| t.starts_with(prefix))
}

fn from_flag(format: Format) -> &'static str {
    format.name()
}

/// Every map fixture under `tests/integration/*/` (subfolders included), with its format.
fn fixtures() -> Vec<(PathBuf, Format)> {
    let mut out = Vec::new();
    let mut folders = vec![root().join("tests/integration")];
    while let Some(dir) = folders.pop() {
        for entry in std::fs::read_dir(&dir).expect("fixture folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                if path.file_name() != Some(OsStr::new("snapshots")) {
                    folders.push(path);
                }
            } else if dir != root().join("tests/integration") {
                if let Some(format) = format_of(&path) {
                    out.push((path, format));
                }
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Byte positions to cut a file of `len` bytes at: all of them for small files, else the first
/// 256 (the frontmatter) and about 600 more spread over the rest.
fn cuts(len: usize) -> Vec<usize> {
    if len <= 1200 {
        return (0..len).collect();
    }
    let step = len / 600;
    (0..256).chain((256..len).step_by(step.max(1))).collect()
}

fn load_one(name: &str, bytes: &[u8], format: Format) -> Loaded {
    load_bytes(vec![(name.to_string(), bytes.to_vec())], Some(format))
}

// ---------------------------------------------------------------------------------------------
// Truncated files, in every format.

/// Each fixture cut at many byte positions (in the middle of characters too) reads without a
/// panic and gives either a map or errors that name file, line and column; the CLI says the
/// same for a sample of the cuts.
fn truncations(formats: &[Format], require: Place) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut count = 0;
    for (path, format) in fixtures().into_iter().filter(|(_, f)| formats.contains(f)) {
        let bytes = std::fs::read(&path).expect("fixture");
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let positions = cuts(bytes.len());
        for (i, &cut) in positions.iter().enumerate() {
            let part = &bytes[..cut];
            let loaded = load_one(&name, part, format);
            let what = format!("{} cut at byte {cut}", path.display());
            assert_located(&loaded, &what, require);
            count += 1;
            if i % 60 == 7 {
                let file = write(dir.path(), &name, part);
                let (code, out) = check(&file, &["--from", from_flag(format)]);
                assert_eq!(
                    code,
                    i32::from(loaded.has_errors()),
                    "{what}: the CLI disagrees with the library: {out}"
                );
            }
        }
    }
    assert!(count > 100, "only {count} cuts: fixtures missing?");
}

#[test]
fn truncated_argdown_files_give_a_map_or_located_errors() {
    truncations(&[Format::Argdown], Place::Column);
}

#[test]
fn truncated_json_and_aif_files_give_a_map_or_errors_with_a_line() {
    truncations(&[Format::Json, Format::Aif], Place::Line);
}

// Defect 15: serde_json counts columns from 0 at the start of a line; a JSON file cut just
// after a line break (or empty) is reported at column 0.
#[test]
fn truncated_json_and_aif_files_give_located_errors_with_a_column() {
    truncations(&[Format::Json, Format::Aif], Place::Column);
}

#[test]
fn truncated_iccma_files_give_a_map_or_located_errors() {
    truncations(&[Format::Apx, Format::Tgf, Format::I23], Place::Column);
}

#[test]
fn truncated_kialo_files_give_a_map_or_errors_naming_the_file() {
    truncations(&[Format::Kialo], Place::File);
}

// New finding (like defect 8): a Kialo file without a thesis (empty, or cut before `1.`) gives
// `error[E013]: no thesis` with the file but no line or column.
#[test]
fn truncated_kialo_files_give_located_errors() {
    truncations(&[Format::Kialo], Place::Column);
}

#[test]
fn truncated_multi_file_maps_give_a_map_or_located_errors() {
    let folder = root().join("tests/integration/formats/multi");
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&folder)
        .expect("multi")
        .map(|e| {
            let p = e.expect("entry").path();
            (p.display().to_string(), std::fs::read(&p).expect("file"))
        })
        .collect();
    files.sort();
    for which in 0..files.len() {
        for cut in 0..files[which].1.len() {
            let mut cut_files = files.clone();
            cut_files[which].1.truncate(cut);
            let loaded = load_bytes(cut_files, Some(Format::Argdown));
            assert_located(
                &loaded,
                &format!("{} cut at {cut}", files[which].0),
                Place::Column,
            );
        }
    }
}

// Defect 19: a file that ends inside a title (`[Four da`) loads as an untitled statement.
#[test]
fn a_file_cut_inside_a_title_is_reported() {
    let loaded = load_one(
        "cut.argdown",
        b"[Four days]: text\n\n[Four da",
        Format::Argdown,
    );
    let located: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.line == 3)
        .map(|d| d.headline())
        .collect();
    assert!(!located.is_empty(), "{:?}", loaded.diagnostics);
}

// ---------------------------------------------------------------------------------------------
// Deep nesting (through the CLI: its main thread has the stack users get).

#[test]
fn deep_brackets_and_markers_in_argdown_do_not_overflow() {
    let dir = tempfile::tempdir().expect("temp dir");
    let n = 100_000;
    let inputs = [
        ("open.argdown", "[".repeat(n)),
        ("angle.argdown", "<".repeat(n)),
        (
            "pairs.argdown",
            format!("[A]: {}{}", "[".repeat(n), "]".repeat(n)),
        ),
        ("braces.argdown", format!("[A]: a {{x: {}\n", "{".repeat(n))),
        ("flow.argdown", format!("[A]: a {{x: {}}}\n", "[".repeat(n))),
        (
            "headings.argdown",
            format!("{} H\n\n[A]: a\n", "#".repeat(n)),
        ),
        ("mentions.argdown", format!("[A]: {}\n", "@[".repeat(n))),
        ("comment.argdown", format!("[A]: a\n{}\n", "/*".repeat(n))),
        ("markers.argdown", format!("[A]: a\n  {}\n", "+ ".repeat(n))),
    ];
    for (name, text) in inputs {
        let path = write(dir.path(), name, &text);
        check(&path, &[]);
        for args in [&["export", "--to", "argdown"][..], &["stats"], &["render"]] {
            let mut a: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
            a.push(path.as_os_str());
            cli(&a);
        }
    }
}

#[test]
fn deep_metadata_is_refused_by_the_recursion_limit_with_its_place() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write(
        dir.path(),
        "meta.argdown",
        format!("[A]: a {{x: {}}}\n", "[".repeat(2000)),
    );
    let (code, out) = check(&path, &[]);
    assert_eq!(code, 1);
    assert!(
        out.starts_with(&format!(
            "{}:1:111: error[E012]: metadata is not valid YAML: collections nested more than \
             100 levels deep\n",
            path.display()
        )),
        "{out}"
    );
}

#[test]
fn deep_yaml_flow_collections_in_frontmatter_are_refused_with_their_place() {
    let dir = tempfile::tempdir().expect("temp dir");
    for open in ["[", "{"] {
        let path = write(
            dir.path(),
            "front.argdown",
            format!("===\ntitle: {}\n===\n\n[A]: a\n", open.repeat(5000)),
        );
        let (code, out) = check(&path, &[]);
        assert_eq!(code, 1);
        assert!(
            out.starts_with(&format!(
                "{}:2:107: error[E012]: the frontmatter is not valid YAML: collections nested \
                 more than 100 levels deep\n",
                path.display()
            )),
            "{out}"
        );
    }
}

// Defect 7b: nested flow collections are refused only after a quadratic scan. (No timing
// here: the benchmark suite checks the time; this only has to finish.)
#[test]
fn yaml_flow_collections_100k_deep_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write(
        dir.path(),
        "front.argdown",
        format!("===\ntitle: {}\n===\n\n[A]: a\n", "[".repeat(100_000)),
    );
    let (code, out) = check(&path, &[]);
    assert_eq!(code, 1);
    assert!(out.contains("nested more than 100 levels deep"), "{out}");
}

#[test]
fn json_arrays_100k_deep_are_refused_with_their_place() {
    let dir = tempfile::tempdir().expect("temp dir");
    let n = 100_000;
    let deep = format!("{}{}", "[".repeat(n), "]".repeat(n));
    let counterpoint_json = format!(
        r#"{{"format":"counterpoint","version":1,"nodes":[{{"id":"[a]","title":"a","data":{{"x":{deep}}}}}],"edges":[]}}"#
    );
    let path = write(dir.path(), "deep.json", &counterpoint_json);
    let (code, out) = check(&path, &[]);
    assert_eq!(code, 1);
    // serde_json stops at 128 levels: the object, `nodes`, the node and `data` are 4 of them.
    let column = counterpoint_json.find("[[").expect("the deep array") + 124;
    assert!(
        out.starts_with(&format!(
            "{}:1:{column}: error[E013]: not a counterpoint JSON map: recursion limit exceeded\n",
            path.display(),
        )),
        "{out}"
    );
    let aif = format!(r#"{{"nodes":[{{"nodeID":"1","type":"I","text":{deep}}}],"edges":[]}}"#);
    let path = write(dir.path(), "deep-aif.json", &aif);
    let (code, _) = check(&path, &["--from", "aif"]);
    assert_eq!(code, 1);
    let path = write(dir.path(), "bare.json", &deep);
    let (code, _) = check(&path, &[]);
    assert_eq!(code, 1);
}

#[test]
fn long_chains_and_deep_trees_do_not_overflow() {
    let dir = tempfile::tempdir().expect("temp dir");
    let n = 20_000;
    let mut tgf: String = (0..n).map(|i| format!("{i}\n")).collect();
    tgf.push_str("#\n");
    tgf.extend((0..n - 1).map(|i| format!("{i} {}\n", i + 1)));
    let chain: String = (0..n)
        .map(|i| format!("[N{i}]: t\n  + [N{}]\n\n", i + 1))
        .collect();
    let kialo = format!(
        "Discussion Title: deep\n\n{}",
        (1..=300)
            .map(|d| format!("{} Pro: point {d}\n", "1.".repeat(d)))
            .collect::<String>()
    );
    let indented = format!(
        "[A]: a\n{}",
        (1..=500)
            .map(|d| format!("{}+ [B{d}]: b\n", "  ".repeat(d)))
            .collect::<String>()
    );
    for (name, text) in [
        ("chain.tgf", tgf),
        ("chain.argdown", chain),
        ("deep.txt", kialo),
        ("indented.argdown", indented),
    ] {
        let path = write(dir.path(), name, &text);
        let (code, out) = check(&path, &[]);
        assert_eq!(code, 0, "{name}: {out}");
        for args in [
            &["export", "--to", "argdown"][..],
            &["export", "--to", "json"],
            &["stats"],
            &["status"],
            &["unanswered"],
        ] {
            let mut a: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
            a.push(path.as_os_str());
            let out = cli(&a);
            assert_eq!(out.status.code(), Some(0), "{name} {args:?}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Huge lines, invalid UTF-8, NUL, BOM and CRLF.

#[test]
fn a_line_of_several_megabytes_is_read_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    let long = "word ".repeat(1_000_000); // 5 MB
    let long = long.trim_end();
    let inputs = [
        ("long.argdown", format!("[A]: {long}\n")),
        ("long.txt", format!("Discussion Title: t\n\n1. {long}\n")),
        (
            "long.json",
            format!(
                r#"{{"format":"counterpoint","version":1,"nodes":[{{"id":"[A]","title":"A","text":"{long}"}}],"edges":[]}}"#
            ),
        ),
    ];
    for (name, text) in inputs {
        let path = write(dir.path(), name, &text);
        let (code, out) = check(&path, &[]);
        assert!(code <= 1, "{name}: {out}");
        let out = cli([
            OsStr::new("export"),
            OsStr::new("--to"),
            OsStr::new("json"),
            path.as_os_str(),
        ]);
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        let texts: Vec<&str> = json["nodes"]
            .as_array()
            .expect("nodes")
            .iter()
            .filter_map(|n| n["text"].as_str())
            .collect();
        assert!(
            texts.contains(&long),
            "{name}: the long text is not kept whole"
        );
    }
    // One id of 5 MB in every ICCMA format, and a line without a line break.
    let id = "a".repeat(5_000_000);
    for (name, text) in [
        ("long.tgf", format!("{id}\n#\n{id} {id}")),
        ("long.apx", format!("arg({id}).att({id},{id}).")),
        ("long.i23", format!("p af 1\n# id 1 {id}\n1 1")),
    ] {
        let path = write(dir.path(), name, &text);
        let (code, out) = check(&path, &[]);
        assert_eq!(code, 0, "{name}: {}", &out[..out.len().min(300)]);
    }
}

/// The E013 message for the byte 0xFF.
fn not_utf8(file: &Path, line: usize, column: usize) -> String {
    format!(
        "{}:{line}:{column}: error[E013]: the file is not UTF-8 text: byte 0xFF here is not UTF-8",
        file.display()
    )
}

#[test]
fn invalid_utf8_is_an_error_at_its_place_in_every_format() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cases: [(&str, &[u8], (usize, usize)); 7] = [
        ("bad.argdown", b"[A]: a \xff b\n", (1, 8)),
        (
            "bad.json",
            b"{\"format\":\"counterpoint\",\"version\":1,\"title\":\"a\xffb\",\"nodes\":[],\"edges\":[]}",
            (1, 48),
        ),
        ("bad-aif.json", b"{\"nodes\":[{\"nodeID\":\"1\",\"type\":\"I\",\"text\":\"\xff\"}],\"edges\":[]}", (1, 44)),
        ("bad.txt", b"Discussion Title: x\xff\n\n1. a\n", (1, 20)),
        ("bad.tgf", b"a\n\xff\n#\n", (2, 1)),
        ("bad.apx", b"arg(a).\narg(\xff).\n", (2, 5)),
        ("bad.i23", b"p af 2\n# id 1 \xff\n1 2\n", (2, 8)),
    ];
    for (name, bytes, (line, column)) in cases {
        let path = write(dir.path(), name, bytes);
        let (code, out) = check(&path, &[]);
        assert_eq!(code, 1, "{name}: {out}");
        assert!(
            out.contains(&format!("{}\n", not_utf8(&path, line, column))),
            "{name}: {out}"
        );
    }
    // Every byte that cannot start or continue UTF-8, alone in an Argdown file.
    for byte in (0x80u8..=0xFF).filter(|b| std::str::from_utf8(&[*b]).is_err()) {
        let loaded = load_one(
            "b.argdown",
            &[b'[', b'A', b']', b':', b' ', byte],
            Format::Argdown,
        );
        let first = &loaded.diagnostics[0];
        assert_eq!(
            first.headline(),
            format!("b.argdown:1:6: error[E013]: the file is not UTF-8 text: byte 0x{byte:02X} here is not UTF-8")
        );
    }
}

#[test]
fn nul_bytes_do_not_break_reading() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, bytes) in [
        ("nul.argdown", &b"[A]: a \0 b\n\0\n[B\0]: c\n  + [A]\n"[..]),
        (
            "nul.txt",
            b"Discussion Title: t\0\n\n1. a\0\n1.1. Pro: b\0\n",
        ),
        ("nul.tgf", b"a\0\n#\n"),
        ("nul.apx", b"arg(a).\0\n"),
        ("nul.i23", b"p af 1\0\n"),
        ("nul.json", b"{\"format\":\"counterpoint\",\0\"version\":1}"),
        ("only.argdown", b"\0\0\0\0"),
    ] {
        let path = write(dir.path(), name, bytes);
        check(&path, &[]);
        cli([
            OsStr::new("export"),
            OsStr::new("--to"),
            OsStr::new("argdown"),
            path.as_os_str(),
        ]);
    }
}

// Defect 17: a NUL in a text is kept in JSON, turned into a space by `export --to argdown`
// (which `fmt` then refuses). One rule for control characters must apply on reading, with a
// diagnostic: whatever the rule, the map read must survive its own Argdown export.
#[test]
fn a_nul_read_from_json_survives_the_argdown_export() {
    let json = r#"{"format":"counterpoint","version":1,"nodes":[{"id":"[A]","title":"A","text":"a\u0000b"}],"edges":[]}"#;
    let loaded = load_texts(&[("n.json".into(), json.into())], Some(Format::Json));
    if loaded.has_errors() {
        assert_located(&loaded, "NUL in JSON", Place::Column);
        return;
    }
    let text = formats::argdown::to_string(&loaded.map).expect("writable");
    let back = load_texts(&[("n.argdown".into(), text.clone())], Some(Format::Argdown));
    assert!(!back.has_errors(), "{text:?}");
    assert_eq!(difference(&loaded.map, &back.map), None, "{text:?}");
}

/// The map and the diagnostics' (code, line, column) of `text` read as one file.
fn read_plain(name: &str, text: &[u8], format: Format) -> (Map, Vec<(String, usize, usize)>) {
    let loaded = load_one(name, text, format);
    let places = loaded
        .diagnostics
        .iter()
        .map(|d| (d.code.as_str().to_string(), d.line, d.column))
        .collect();
    (loaded.map, places)
}

#[test]
fn bom_and_crlf_read_like_plain_lf_in_every_format() {
    for (path, format) in fixtures() {
        let text = std::fs::read_to_string(&path).expect("fixture");
        if text.contains('\r') {
            continue;
        }
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let (map, places) = read_plain(&name, text.as_bytes(), format);
        let crlf = text.replace('\n', "\r\n");
        let cr = text.replace('\n', "\r");
        let variants: [(&str, Vec<u8>); 4] = [
            ("BOM", [&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat()),
            ("CRLF", crlf.clone().into_bytes()),
            (
                "BOM and CRLF",
                [&b"\xEF\xBB\xBF"[..], crlf.as_bytes()].concat(),
            ),
            ("CR", cr.into_bytes()),
        ];
        for (what, bytes) in variants {
            // The JSON, AIF, Kialo and ICCMA readers end lines at LF only (a lone CR is not a line end
            // there, so places differ; Kialo reads it into the title); Argdown takes it as one.
            if what == "CR" && format != Format::Argdown {
                continue;
            }
            // JSON strings cannot hold a raw CR in place of a line break inside a string, but
            // the fixtures have none; every format must read the same map at the same places.
            let (other, other_places) = read_plain(&name, &bytes, format);
            assert_eq!(
                difference(&map, &other),
                None,
                "{} with {what}",
                path.display()
            );
            assert_eq!(places, other_places, "{} with {what}", path.display());
        }
    }
}

// ---------------------------------------------------------------------------------------------
// YAML alias bombs.

fn billion_laughs(levels: usize) -> String {
    let mut yaml = String::from(
        "a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for i in 1..levels {
        let prev = format!("*a{}", i - 1);
        yaml.push_str(&format!("a{i}: &a{i} [{}]\n", vec![prev; 9].join(",")));
    }
    yaml
}

#[test]
fn yaml_alias_bombs_in_frontmatter_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write(
        dir.path(),
        "bomb.argdown",
        format!("===\n{}===\n\n[A]: a\n", billion_laughs(10)),
    );
    let (code, out) = check(&path, &[]);
    assert_eq!(code, 1);
    assert!(
        out.starts_with(&format!(
            "{}:1:1: error[E012]: the frontmatter is not valid YAML: repetition limit exceeded\n",
            path.display()
        )),
        "{out}"
    );
    // The same bomb under a key the reader uses.
    let yaml = billion_laughs(10).replace("a9: &a9", "title: &t");
    let path = write(
        dir.path(),
        "title.argdown",
        format!("===\n{yaml}===\n\n[A]: a\n"),
    );
    let (code, out) = check(&path, &[]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("error[E012]"), "{out}");
}

#[test]
fn yaml_alias_bombs_in_metadata_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut flow = String::from("{a0: &a0 [lol,lol,lol,lol,lol,lol,lol,lol,lol]");
    for i in 1..10 {
        flow.push_str(&format!(
            ", a{i}: &a{i} [{}]",
            vec![format!("*a{}", i - 1); 9].join(",")
        ));
    }
    flow.push('}');
    let path = write(dir.path(), "meta.argdown", format!("[A]: a {flow}\n"));
    let (code, out) = check(&path, &[]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("error[E012]"), "{out}");
}

// ---------------------------------------------------------------------------------------------
// Hostile text in every output format.

/// Pieces of text that mean something to one of the output formats.
const HOSTILE: &[&str] = &[
    "\"",
    "\\",
    "\\\"",
    "\\N",
    "\\G",
    "\\L",
    "\\E",
    "\\l",
    "<",
    ">",
    "&",
    "&lt;b&gt;",
    "&amp;",
    "&#60;",
    "[",
    "]",
    "{",
    "}",
    "|",
    ";",
    "#",
    "%%",
    "`",
    "'",
    "\n",
    "\r\n",
    "\t",
    "  ",
    "-->",
    "<!--",
    "]]>",
    "<![CDATA[",
    "<b>",
    "<br/>",
    "<script>window.__pwned=1</script>",
    "</script><img src=x onerror=\"window.__pwned=1\">",
    "\" onmouseover=\"window.__pwned=1",
    "' onfocus='window.__pwned=1",
    "<svg onload=window.__pwned=1>",
    "%%{init: {'securityLevel': 'loose'}}%%",
    "\nclick n1 call alert()\n",
    "\nend\n",
    "subgraph",
    "digraph { a -> b }",
    "\"]; x [label=\"",
    "<<",
    ">>",
    "\u{2028}",
    "\u{202e}",
    "\u{200b}",
    "日本語",
    "🙂",
    "e\u{301}",
];

/// A map whose every text holds the hostile pieces: one node per piece (title `t<piece>t`,
/// text `x<piece>y<piece>`), pairs of pieces in arguments, and hostile side labels, source
/// titles, section titles and map title. Relations of every kind link them.
fn hostile_map() -> Map {
    hostile_map_with(|piece| piece.to_string())
}

/// [`hostile_map`] with titles Argdown can hold (the writer refuses, with a reason, titles with
/// `]`, `>`, comment markers, line breaks or runs of white space, and tags with `)`): those
/// become `_`.
fn hostile_argdown_map() -> Map {
    hostile_map_with(|piece| {
        piece
            .split_whitespace()
            .collect::<Vec<_>>()
            .join("_")
            .replace([']', '>', ')'], "_")
            .replace("<!--", "<!_")
            .replace("//", "/_")
            .replace("/*", "/_")
    })
}

fn hostile_map_with(safe: impl Fn(&str) -> String) -> Map {
    let mut map = Map::new();
    map.title = Some(format!(
        "Map {}",
        HOSTILE.concat().replace(['\n', '\r'], " ")
    ));
    for (i, piece) in HOSTILE.iter().enumerate().take(3) {
        map.sides.push(Side {
            id: format!("side{i}"),
            label: format!("Side {piece}"),
            color: None,
        });
    }
    map.sources.push(Source {
        id: "src".into(),
        title: Some("Source <script>\" & ]]>".into()),
        ..Source::default()
    });
    map.sections.push(Section {
        id: "s1".into(),
        title: "Section <b>\"{}\" & \\N".into(),
        level: 1,
        parent: None,
        side: Some("side0".into()),
    });
    let mut ixs = Vec::new();
    for (i, piece) in HOSTILE.iter().enumerate() {
        let title = format!("t{}t{i}", safe(piece));
        let mut node = Node::statement(title, format!("x{piece}y{piece}"))
            .with_side(format!("side{}", i % 3))
            .with_tag(format!("tag{}", safe(piece)))
            .with_citation("src", 1, 2);
        if i % 2 == 0 {
            node.section = Some("s1".into());
        }
        ixs.push(map.add_node(node).expect("unique"));
    }
    for (i, pair) in HOSTILE.windows(2).enumerate() {
        let title = format!("a{}b{}c{i}", safe(pair[0]), safe(pair[1]));
        let node = Node::argument(title, pair.concat()).with_side(format!("side{}", i % 3));
        ixs.push(map.add_node(node).expect("unique"));
    }
    let relations = [
        Relation::Supports,
        Relation::Rebuts,
        Relation::Undercuts,
        Relation::Contradicts,
    ];
    for i in 1..ixs.len() {
        let relation = relations[i % 4];
        let (from, to) = (ixs[i], ixs[i / 2]);
        if relation == Relation::Contradicts
            && map.node(to).element == counterpoint::Element::Argument
        {
            map.relate(from, to, Edge::new(Relation::Rebuts));
        } else {
            map.relate(from, to, Edge::new(relation));
        }
    }
    map
}

/// The hostile map written as counterpoint JSON into `dir`.
fn hostile_file(dir: &Path) -> PathBuf {
    write(
        dir,
        "hostile.json",
        formats::json::to_string(&hostile_map()),
    )
}

#[test]
fn hostile_text_reads_back_from_json_and_aif() {
    let map = hostile_map();
    let json = formats::json::to_string(&map);
    let back = load_texts(&[("h.json".into(), json)], Some(Format::Json));
    assert!(
        !back.has_errors(),
        "{}",
        diagnostic::render_all(&back.diagnostics)
    );
    assert_eq!(difference(&map, &back.map), None);
    let aif = formats::aif::to_string(&map);
    let back = load_texts(&[("h.json".into(), aif)], Some(Format::Aif));
    assert!(
        !back.has_errors(),
        "{}",
        diagnostic::render_all(&back.diagnostics)
    );
    assert_eq!(difference(&map, &back.map), None);
}

#[test]
fn hostile_text_reads_back_from_argdown() {
    let map = hostile_argdown_map();
    let text = formats::argdown::to_string(&map).expect("writable");
    let back = load_texts(&[("h.argdown".into(), text.clone())], Some(Format::Argdown));
    assert!(
        !back.has_errors(),
        "{}\n{text}",
        diagnostic::render_all(&back.diagnostics)
    );
    // Argdown keeps one space for each run of white space in texts and section titles.
    let mut expected = map.clone();
    let ixs: Vec<_> = expected.nodes().map(|(ix, _)| ix).collect();
    for ix in ixs {
        let n = expected.node_mut(ix);
        n.text = counterpoint::Str::from(n.text.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    for s in &mut expected.sections {
        s.title = s.title.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    assert_eq!(difference(&expected, &back.map), None, "{text}");
}

/// Control characters the fuzzer found to break the Argdown round trip when they sit in the
/// frontmatter (map title, side label, source title), and ids starting with `+` or `_`.
fn control_character_map(c: char) -> Map {
    let mut map = Map::new();
    map.title = Some(format!("title{c}"));
    map.sides.push(Side {
        id: "pro".into(),
        label: format!("Pro{c}"),
        color: None,
    });
    map.sources.push(Source {
        id: "src".into(),
        title: Some(format!("Source{c}")),
        ..Source::default()
    });
    map.add_node(Node::statement("A", "a").with_side("pro"))
        .expect("unique");
    map
}

// Found by fuzzing (issue 10, "Fuzzing"): U+007F and C1 controls in the frontmatter are written
// raw into the YAML, which then does not read; the rule for control characters is defect 17.
#[test]
fn control_characters_in_frontmatter_survive_the_argdown_round_trip() {
    for c in ['\u{7f}', '\u{80}', '\u{85}', '\u{9b}', '\u{9f}'] {
        let map = control_character_map(c);
        let text = match formats::argdown::to_string(&map) {
            Ok(t) => t,
            // Refusing with a reason is allowed; writing what does not read back is not.
            Err(_) => continue,
        };
        let back = load_texts(&[("c.argdown".into(), text.clone())], Some(Format::Argdown));
        assert!(
            !back.has_errors(),
            "U+{:04X}: {}\n{text:?}",
            c as u32,
            diagnostic::render_all(&back.diagnostics)
        );
        assert_eq!(difference(&map, &back.map), None, "U+{:04X}", c as u32);
    }
}

// Found by fuzzing (issue 10, "Fuzzing"): an argument id starting with `+` or `_` is written
// `<+x>`, which the reader takes for a relation.
#[test]
fn ids_starting_with_relation_markers_survive_the_argdown_round_trip() {
    for tgf in [
        "+x\nb\n#\nb +x\n",
        "_x\nb\n#\nb _x\n",
        "b\n-x\n#\n-x b\n",
        ">x\n#\n",
    ] {
        let loaded = load_texts(&[("m.tgf".into(), tgf.into())], Some(Format::Tgf));
        assert!(!loaded.has_errors(), "{tgf:?}");
        let text = match formats::argdown::to_string(&loaded.map) {
            Ok(t) => t,
            Err(_) => continue,
        };
        let back = load_texts(&[("m.argdown".into(), text.clone())], Some(Format::Argdown));
        assert!(
            !back.has_errors(),
            "{tgf:?}: {}\n{text}",
            diagnostic::render_all(&back.diagnostics)
        );
        // Argdown cannot hold such a title: it is written quoted (`<'+x'>`, with a warning),
        // and everything else comes back.
        assert_eq!(
            back.map.node_count(),
            loaded.map.node_count(),
            "{tgf:?}\n{text}"
        );
        assert_eq!(
            back.map.edge_count(),
            loaded.map.edge_count(),
            "{tgf:?}\n{text}"
        );
        assert!(text.contains("'"), "{tgf:?}: the title is quoted\n{text}");
    }
}

// Found by fuzzing (issue 12's CI): a tag holding `*/*/` is written `#(*/*/[)`; the reader
// took the `/*` inside it for a comment that never closes. Argdown reads `#(...)` whole.
#[test]
fn comment_markers_inside_a_tag_survive_the_argdown_round_trip() {
    for tag in ["*/*/[", "a // b", "<!-- c", "/* d */"] {
        let mut map = Map::new();
        let mut node = Node::argument("A", "");
        node.tags.push(tag.into());
        map.add_node(node).expect("unique");
        let text = formats::argdown::to_string(&map).expect("a tag without `)` is written");
        let back = load_texts(&[("t.argdown".into(), text.clone())], Some(Format::Argdown));
        assert!(
            !back.has_errors(),
            "{tag:?}: {}\n{text}",
            diagnostic::render_all(&back.diagnostics)
        );
        assert_eq!(difference(&map, &back.map), None, "{tag:?}\n{text}");
    }
}

#[test]
fn hostile_dot_is_accepted_by_graphviz() {
    if !have_program("dot") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let input = hostile_file(dir.path());
    let dot = cli([OsStr::new("render"), input.as_os_str()]);
    assert_eq!(dot.status.code(), Some(0));
    let dot_path = write(dir.path(), "h.dot", &dot.stdout);
    let svg = std::process::Command::new("dot")
        .arg("-Tsvg")
        .arg(&dot_path)
        .output()
        .expect("dot runs");
    assert!(
        svg.status.success() && svg.stderr.is_empty(),
        "dot: {}",
        String::from_utf8_lossy(&svg.stderr)
    );
    // The SVG is well-formed XML and holds each node's title as written (the label may wrap
    // it, so look in the tooltips: `xlink:title`).
    let svg = String::from_utf8(svg.stdout).expect("UTF-8");
    assert_well_formed_xml(&svg);
    let out = cli([
        OsStr::new("render"),
        OsStr::new("--format"),
        OsStr::new("svg"),
        input.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(0));
}

// Defect 13: tooltips go through Graphviz's escString expansion (`\N`, `\G`, `\L`, `\E`) and
// entity decoding, so they do not show what was written.
#[test]
fn hostile_tooltips_show_the_text_as_written() {
    if !have_program("dot") {
        return;
    }
    let mut map = Map::new();
    map.add_node(Node::statement(
        "Paths",
        r"C:\Notes\Games\Lists\Eggs &lt;b&gt;",
    ))
    .expect("unique");
    let verdicts = counterpoint::analysis::Verdicts::whole(&map);
    let dot = counterpoint::render::to_dot(
        counterpoint::render::Drawing::new(&map, &verdicts),
        &counterpoint::render::RenderOptions::default(),
    );
    let svg = counterpoint::render::graphviz::run(
        &dot,
        counterpoint::render::OutputFormat::Svg,
        counterpoint::render::RenderOptions::default().layout,
    )
    .expect("dot runs");
    let svg = String::from_utf8(svg).expect("UTF-8");
    // The node's tooltip (`xlink:title`) is its title and text, as written (XML-escaped).
    let tooltips: Vec<&str> = svg
        .split("xlink:title=\"")
        .skip(1)
        .filter_map(|t| t.split('"').next())
        .collect();
    assert!(
        tooltips.contains(&r"Paths: C:\Notes\Games\Lists\Eggs &amp;lt;b&amp;gt;"),
        "{tooltips:?}"
    );
}

// Defect 5: a quoted string longer than Graphviz's 16,384 characters is rejected by `dot`.
#[test]
fn a_long_text_makes_dot_that_graphviz_accepts() {
    if !have_program("dot") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write(
        dir.path(),
        "long.argdown",
        format!("[A]: {}\n", "word ".repeat(4000)),
    );
    let out = cli([
        OsStr::new("render"),
        OsStr::new("--format"),
        OsStr::new("svg"),
        path.as_os_str(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Parses `text` as XML with quick-xml, failing on anything not well-formed.
fn assert_well_formed_xml(text: &str) {
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!(
                "not well-formed XML at byte {}: {e}",
                reader.buffer_position()
            ),
        }
    }
}

/// The text of each `<data key="KEY">` of the GraphML document, in order, entities resolved.
fn graphml_data(text: &str, key: &str) -> Vec<String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Eof => break,
            Event::Start(e) if e.name().as_ref() == b"data" => {
                let k = e
                    .try_get_attribute("key")
                    .expect("attribute")
                    .expect("key")
                    .normalized_value(quick_xml::XmlVersion::Explicit1_0)
                    .expect("value")
                    .into_owned();
                current = (k == key).then(String::new);
            }
            Event::Text(t) => {
                if let Some(c) = current.as_mut() {
                    c.push_str(&t.decode().expect("UTF-8"));
                }
            }
            Event::GeneralRef(r) => {
                if let Some(c) = current.as_mut() {
                    c.push(crate::common::xml_char(&r));
                }
            }
            Event::End(e) if e.name().as_ref() == b"data" => {
                if let Some(c) = current.take() {
                    out.push(c);
                }
            }
            _ => {}
        }
    }
    out
}

#[test]
fn hostile_graphml_parses_as_xml_and_keeps_every_text() {
    let map = hostile_map();
    let text = formats::graphml::to_string(&map);
    assert_well_formed_xml(&text);
    // XML turns a CR LF (and a lone CR) into LF unless the CR is a character reference.
    let titles = graphml_data(&text, "title");
    let expected: Vec<String> = map.nodes().map(|(_, n)| n.title.to_string()).collect();
    assert_eq!(titles, expected);
    let texts = graphml_data(&text, "text");
    let expected: Vec<String> = map.nodes().map(|(_, n)| n.text.to_string()).collect();
    assert_eq!(texts, expected);
    assert_eq!(
        graphml_data(&text, "map_title"),
        vec![map.title.clone().expect("title")]
    );
}

/// The labels of a Mermaid flowchart: the text between the quotes of each `id<open>"..."`.
fn mermaid_labels(text: &str) -> Vec<String> {
    let mut labels = Vec::new();
    for line in text
        .lines()
        .skip_while(|l| !l.starts_with("flowchart "))
        .filter(|l| !l.trim_start().starts_with("%%"))
    {
        let mut rest = line;
        while let Some(start) = rest.find('"') {
            let after = &rest[start + 1..];
            let end = after.find('"').expect("every quote is closed on its line");
            labels.push(after[..end].to_string());
            rest = &after[end + 1..];
        }
    }
    labels
}

#[test]
fn hostile_mermaid_keeps_every_label_inside_its_quotes() {
    let map = hostile_map();
    let text = formats::mermaid::to_string(&map);
    // The frontmatter is YAML holding the title alone, on one line.
    let front = text
        .strip_prefix("---\n")
        .and_then(|t| t.split_once("\n---\n"))
        .expect("frontmatter")
        .0;
    assert_eq!(front.lines().count(), 1, "{front}");
    let yaml: serde_json::Value = serde_norway::from_str(front).expect("YAML");
    assert!(yaml["title"].is_string() && yaml.as_object().map(|o| o.len()) == Some(1));
    // One statement per line: node, subgraph, end, relation, style or class lines only.
    let body: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("flowchart "))
        .skip(1)
        .collect();
    for line in &body {
        let t = line.trim_start();
        let first = t.split([' ', '[', '(', '{', '>']).next().unwrap_or("");
        let known = first.starts_with('n') && first[1..].chars().all(|c| c.is_ascii_digit())
            || first.starts_with('s') && first[1..].chars().all(|c| c.is_ascii_digit())
            || [
                "subgraph",
                "end",
                "linkStyle",
                "classDef",
                "class",
                "%%",
                "style",
            ]
            .contains(&first)
            || t.starts_with("%%");
        assert!(known, "a line that is not the writer's: {line:?}");
        assert!(!t.starts_with("click"), "{line:?}");
    }
    for label in mermaid_labels(&text) {
        let bare = label
            .replace("<b>", "")
            .replace("</b>", "")
            .replace("<br/>", "");
        assert!(
            !bare.contains(['<', '>', '`', '"', '\n', '\r']),
            "an unescaped character in the label {label:?}"
        );
    }
    let nodes = body
        .iter()
        .filter(|l| {
            let t = l.trim_start();
            t.starts_with('n')
                && t[1..].starts_with(|c: char| c.is_ascii_digit())
                && t.contains('"')
        })
        .count();
    assert_eq!(nodes, map.node_count());
}

#[test]
fn hostile_iccma_exports_hold_only_their_grammar() {
    let map = hostile_map();
    let apx = formats::iccma::to_apx(&map);
    let atom = |s: &str| {
        s.starts_with(|c: char| c.is_ascii_lowercase())
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    };
    let mut args = BTreeSet::new();
    for line in apx.lines() {
        if let Some(a) = line.strip_prefix("arg(").and_then(|l| l.strip_suffix(").")) {
            assert!(atom(a), "{line:?}");
            args.insert(a.to_string());
        } else if let Some(pair) = line.strip_prefix("att(").and_then(|l| l.strip_suffix(").")) {
            let (a, b) = pair.split_once(',').expect("two atoms");
            assert!(args.contains(a) && args.contains(b), "{line:?}");
        } else {
            panic!("a line that is not a fact: {line:?}");
        }
    }
    assert_eq!(args.len(), map.node_count());
}

// Defect 6: an id holding a line break writes an attack line into the i23 comments.
#[test]
fn hostile_ids_do_not_change_the_i23_framework() {
    let mut map = Map::new();
    let a = map
        .add_node(Node {
            id: "x\n1 1\n2 2".into(),
            ..Node::argument("x", "")
        })
        .expect("unique");
    let b = map.add_node(Node::argument("b\r2 1", "")).expect("unique");
    map.add_edge(a, b, Edge::new(Relation::Rebuts));
    let text = formats::iccma::to_i23(&map);
    let back = load_texts(&[("h.i23".into(), text.clone())], Some(Format::I23));
    assert!(!back.has_errors(), "{text}");
    let attacks: Vec<(String, String)> = back
        .map
        .edges()
        .map(|(x, y, _)| {
            (
                back.map.node(x).id.to_string(),
                back.map.node(y).id.to_string(),
            )
        })
        .collect();
    assert_eq!(attacks.len(), 1, "{text}");
    assert_eq!(back.map.node_count(), 2, "{text}");
}

/// The report page of the hostile map, written by the CLI (needs `dot`).
fn hostile_report(dir: &Path, map: &Map) -> Option<String> {
    if !have_program("dot") {
        return None;
    }
    let input = write(dir, "h.json", formats::json::to_string(map));
    let page = dir.join("h.html");
    let out = cli([
        OsStr::new("report"),
        input.as_os_str(),
        OsStr::new("-o"),
        page.as_os_str(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(std::fs::read_to_string(&page).expect("the page"))
}

/// The start tags of an HTML page outside `<script>` and `<style>` elements: (name,
/// attribute names), lower case.
fn start_tags(page: &str) -> Vec<(String, Vec<String>)> {
    let lower = page.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while let Some(off) = lower[i..].find('<') {
        i += off + 1;
        let name_len = lower[i..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or(lower.len() - i);
        if name_len == 0 || !bytes[i].is_ascii_alphabetic() {
            continue;
        }
        let name = lower[i..i + name_len].to_string();
        i += name_len;
        // Attributes up to the closing `>`, values quoted or not.
        let mut attrs = Vec::new();
        loop {
            while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
                i += 1;
            }
            if i >= bytes.len() || bytes[i] == b'>' {
                break;
            }
            let start = i;
            while i < bytes.len() && !b" \t\n\r/>=".contains(&bytes[i]) {
                i += 1;
            }
            attrs.push(lower[start..i].to_string());
            if i < bytes.len() && bytes[i] == b'=' {
                i += 1;
                match bytes.get(i) {
                    Some(&q) if q == b'"' || q == b'\'' => {
                        i += 1;
                        while i < bytes.len() && bytes[i] != q {
                            i += 1;
                        }
                        i += 1;
                    }
                    _ => {
                        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>'
                        {
                            i += 1;
                        }
                    }
                }
            }
        }
        if name == "script" || name == "style" {
            // Raw text up to the matching end tag.
            let end = format!("</{name}");
            i = lower[i..].find(&end).map_or(lower.len(), |e| i + e);
        }
        tags.push((name, attrs));
    }
    tags
}

#[test]
fn hostile_report_has_only_its_own_scripts_and_no_event_handlers() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut plain = Map::new();
    plain.add_node(Node::statement("A", "a")).expect("unique");
    let (Some(plain_page), Some(page)) = (
        hostile_report(dir.path(), &plain),
        hostile_report(dir.path(), &hostile_map()),
    ) else {
        return;
    };
    let scripts = |page: &str| {
        start_tags(page)
            .into_iter()
            .filter(|(n, _)| n == "script")
            .count()
    };
    assert_eq!(
        scripts(&page),
        scripts(&plain_page),
        "a script from the map's text"
    );
    let tags = start_tags(&page);
    let handlers: Vec<_> = tags
        .iter()
        .filter(|(_, attrs)| attrs.iter().any(|a| a.starts_with("on")))
        .collect();
    assert!(
        handlers.is_empty(),
        "event handler attributes: {handlers:?}"
    );
    let foreign: Vec<_> = tags
        .iter()
        .filter(|(n, _)| {
            [
                "img", "iframe", "object", "embed", "a", "form", "base", "meta",
            ]
            .contains(&n.as_str())
        })
        .filter(|(n, attrs)| {
            // The page's own `<meta charset>`, `<meta name content>` and its CSP.
            !(n == "meta"
                && attrs
                    .iter()
                    .all(|a| ["charset", "name", "content", "http-equiv"].contains(&a.as_str())))
        })
        .filter(|(n, _)| n != "a")
        .collect();
    assert!(
        foreign.is_empty(),
        "elements from the map's text: {foreign:?}"
    );
    // The hostile payloads appear only escaped.
    for payload in ["<script>window.__pwned", "<img src=x", "<svg onload"] {
        assert!(
            !page.contains(payload),
            "{payload} is in the page unescaped"
        );
    }
}

// Defect 9: `report` refuses any map whose text contains the word `javascript:`.
#[test]
fn a_map_about_javascript_urls_can_be_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut map = Map::new();
    map.add_node(Node::statement(
        "Links",
        "A link to javascript:alert(1) runs script when clicked.",
    ))
    .expect("unique");
    if let Some(page) = hostile_report(dir.path(), &map) {
        assert!(page.contains("javascript:alert(1) runs script"));
    }
}

// Defect 12: control characters (ESC, OSC) reach the terminal raw through diagnostics.
#[test]
fn diagnostics_show_control_characters_escaped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write(
        dir.path(),
        "esc.argdown",
        "[A]: a {side: \"\u{1b}]0;pwned\u{7}\u{1b}[8m\"}\n",
    );
    let (code, out) = check(&path, &[]);
    assert_eq!(code, 1, "{out}");
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
}

/// Every output format of the CLI on the hostile map, each written whole with exit 0.
#[test]
fn hostile_map_exports_to_every_format() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Titles Argdown cannot hold are refused with the reasons, nothing written.
    let input = hostile_file(dir.path());
    let out = cli([
        OsStr::new("export"),
        OsStr::new("--to"),
        OsStr::new("argdown"),
        input.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    // After the map's warnings (its undercuts of statements are W007s).
    assert!(String::from_utf8_lossy(&out.stderr).contains(
        "\nerror: the map cannot be written as Argdown:\n  the title of [t]t15] cannot be written: it holds `]`\n"
    ));
    let input = write(
        dir.path(),
        "hostile-argdown.json",
        formats::json::to_string(&hostile_argdown_map()),
    );
    for to in ["json", "aif", "argdown", "apx", "i23", "mermaid", "graphml"] {
        let out = cli([
            OsStr::new("export"),
            OsStr::new("--to"),
            OsStr::new(to),
            input.as_os_str(),
        ]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{to}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!out.stdout.is_empty(), "{to}");
    }
    for cmd in [
        &["check"][..],
        &["stats"],
        &["status"],
        &["unanswered"],
        &["prep", "--side", "side0"],
    ] {
        let mut args: Vec<&OsStr> = cmd.iter().map(OsStr::new).collect();
        args.push(input.as_os_str());
        cli(&args);
    }
}
