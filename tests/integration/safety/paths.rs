//! Safety regressions: files and paths. `fmt` never loses or takes over a file; `--sources`
//! reads nothing outside its folder; only regular files are read, within a size cap; `-o`
//! leaves devices, FIFOs and links what they are; an interrupted run leaves no temporary file;
//! links in a folder that lead nowhere are named; the order of the paths changes nothing.

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use crate::common::{counterpoint, root};

/// Runs `counterpoint ARGS` in `dir` (a time limit turns a hang into a failure).
fn run_in(dir: &Path, args: &[&str]) -> Output {
    counterpoint()
        .current_dir(dir)
        .args(args)
        .timeout(Duration::from_secs(60))
        .output()
        .expect("runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A copy of the debate in `arguments/` at `dir/d`.
fn copy_debate(dir: &Path) -> PathBuf {
    let to = dir.join("d");
    std::fs::create_dir(&to).unwrap();
    for entry in std::fs::read_dir(root().join("arguments")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
    to
}

/// Every file of a folder with its bytes, by name.
fn contents(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap_or_default(),
            )
        })
        .collect();
    files.sort();
    files
}

/// Defect 1: the same folder or file named twice (other spellings, or a folder and a file in
/// it) is read once; `fmt` changes nothing in a formatted map and loses nothing.
#[test]
fn fmt_with_one_folder_named_twice_loses_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let d = copy_debate(tmp.path());
    let before = contents(&d);
    for args in [
        &["fmt", "d", "./d"][..],
        &["fmt", "d", "d/10-alliance.argdown"],
        &["fmt", "./d/", "d/../d", "d/20-utla.argdown"],
    ] {
        let out = run_in(tmp.path(), args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert_eq!(text(&out.stdout), "", "{args:?} changes nothing");
        assert!(contents(&d) == before, "{args:?} changed the files");
    }
    let stats = run_in(tmp.path(), &["stats", "--format", "json", "d", "d"]);
    let direct = run_in(&root(), &["stats", "--format", "json", "arguments"]);
    assert_eq!(text(&stats.stdout), text(&direct.stdout));
}

/// A map citing one source whose `file` is `file`.
fn map_citing(file: &str) -> String {
    format!(
        "===\nsources:\n  s: {{title: \"S\", file: {file:?}}}\n===\n\n[A]: a. {{cite: \"s:1\", quote: \"guess\"}}\n"
    )
}

/// Defect 2: a source file outside the `--sources` folder (by `..`, an absolute path or a
/// link) is refused by name and nothing of it is read: `check` says neither its length nor
/// whether a quote occurs in it, and `coverage` prints none of its lines.
#[cfg(unix)]
#[test]
fn sources_are_read_only_from_inside_their_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let secret = tmp.path().join("secret.txt");
    std::fs::write(&secret, "guess the password\nline two\n").unwrap();
    let sources = tmp.path().join("sources");
    std::fs::create_dir(&sources).unwrap();
    std::os::unix::fs::symlink(&secret, sources.join("link.txt")).unwrap();
    let absolute = secret.display().to_string();
    for (file, why) in [
        ("../secret.txt", "steps out of its folder with `..`"),
        (absolute.as_str(), "is an absolute path"),
        ("link.txt", "is a link that does not stay inside the folder"),
        (
            "missing/../../secret.txt",
            "steps out of its folder with `..`",
        ),
    ] {
        std::fs::write(tmp.path().join("map.argdown"), map_citing(file)).unwrap();
        let out = run_in(
            tmp.path(),
            &["check", "map.argdown", "--sources", "sources"],
        );
        assert_eq!(out.status.code(), Some(1), "{file}");
        assert_eq!(
            text(&out.stdout),
            format!(
                "map.argdown:6:16: error[E011]: the text of source \"s\" is missing\n  |\n6 | [A]: a. \
                 {{cite: \"s:1\", quote: \"guess\"}}\n  |                ^^^\n  = help: {file:?} \
                 {why}; source texts are read only from inside the sources folder sources\n\n1 \
                 error, 0 warnings\n"
            )
        );
        let out = run_in(
            tmp.path(),
            &["coverage", "map.argdown", "--sources", "sources"],
        );
        assert_eq!(out.status.code(), Some(1), "{file}");
        assert_eq!(text(&out.stdout), "");
        assert_eq!(
            text(&out.stderr),
            format!(
                "error[E011]: cannot read the text of source \"s\": {file:?} {why}; source texts \
                 are read only from inside the sources folder sources\n  = help: --sources names \
                 the folder that holds the source texts\n\n1 error, 0 warnings\n"
            )
        );
    }
}

/// Defect 3: devices and FIFOs are refused at once, as maps and as sources; files over the cap
/// are refused, and `--max-file-size` raises the cap.
#[cfg(unix)]
#[test]
fn only_regular_files_within_the_cap_are_read() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run_in(tmp.path(), &["check", "/dev/zero"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "error: cannot read /dev/zero: it is a device, not a regular file\n"
    );
    let fifo = tmp.path().join("pipe.argdown");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let out = run_in(tmp.path(), &["check", "pipe.argdown"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "error: cannot read pipe.argdown: it is a FIFO (named pipe), not a regular file\n"
    );
    let sources = tmp.path().join("sources");
    std::fs::create_dir(&sources).unwrap();
    std::fs::rename(&fifo, sources.join("pipe.txt")).unwrap();
    std::fs::write(tmp.path().join("map.argdown"), map_citing("pipe.txt")).unwrap();
    let out = run_in(
        tmp.path(),
        &["check", "map.argdown", "--sources", "sources"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).ends_with(
            "= help: cannot read sources/pipe.txt: it is a FIFO (named pipe), not a regular \
             file\n\n1 error, 0 warnings\n"
        ),
        "{}",
        text(&out.stdout)
    );
    let big = format!("[A]: {}\n", "a".repeat(3000));
    std::fs::write(tmp.path().join("big.argdown"), big).unwrap();
    let out = run_in(
        tmp.path(),
        &["check", "--max-file-size", "2K", "big.argdown"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "error: cannot read big.argdown: it is larger than 2 KiB (raise the limit with \
         --max-file-size)\n"
    );
    let out = run_in(
        tmp.path(),
        &["check", "--max-file-size", "4K", "big.argdown"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

/// Defect 4: `-o` onto a device or FIFO writes to it and leaves it what it is; `-o -` is
/// standard output; a link is written through and stays a link.
#[cfg(unix)]
#[test]
fn output_onto_devices_fifos_and_links() {
    use std::os::unix::fs::FileTypeExt;
    let tmp = tempfile::tempdir().unwrap();
    let map = root().join("tests/integration/check/ok.argdown");
    let map = map.to_str().unwrap();
    let expected = run_in(tmp.path(), &["export", "--to", "json", map]).stdout;
    assert!(!expected.is_empty());

    let dash = run_in(tmp.path(), &["export", "--to", "json", map, "-o", "-"]);
    assert_eq!(dash.status.code(), Some(0));
    assert_eq!(dash.stdout, expected);
    assert!(!tmp.path().join("-").exists());

    // A character device of our own (the null device's numbers), when allowed to make one.
    let null = tmp.path().join("null");
    let made = std::process::Command::new("mknod")
        .args([null.to_str().unwrap(), "c", "1", "3"])
        .status()
        .is_ok_and(|s| s.success());
    if made {
        let out = run_in(tmp.path(), &["export", "--to", "json", map, "-o", "null"]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let t = std::fs::symlink_metadata(&null).unwrap().file_type();
        assert!(t.is_char_device(), "the device is still a device");
    } else {
        eprintln!("SKIPPED: a device as -o target (mknod needs root)");
    }

    let fifo = tmp.path().join("fifo");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(fifo).unwrap())
    };
    let out = run_in(tmp.path(), &["export", "--to", "json", map, "-o", "fifo"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(reader.join().unwrap(), expected);
    assert!(std::fs::symlink_metadata(&fifo)
        .unwrap()
        .file_type()
        .is_fifo());

    std::fs::create_dir(tmp.path().join("real")).unwrap();
    std::fs::write(tmp.path().join("real/out.json"), "old").unwrap();
    std::os::unix::fs::symlink("real/out.json", tmp.path().join("link.json")).unwrap();
    let out = run_in(
        tmp.path(),
        &["export", "--to", "json", map, "-o", "link.json"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(std::fs::symlink_metadata(tmp.path().join("link.json"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(
        std::fs::read(tmp.path().join("real/out.json")).unwrap(),
        expected
    );
    assert_eq!(
        contents(&tmp.path().join("real")).len(),
        1,
        "no file left beside it"
    );

    std::os::unix::fs::symlink("nowhere/out.json", tmp.path().join("dangling.json")).unwrap();
    let out = run_in(
        tmp.path(),
        &["export", "--to", "json", map, "-o", "dangling.json"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "error: cannot write dangling.json: it is a link that leads nowhere\n"
    );
}

/// A map that `fmt` changes: two nodes without the blank line between them.
const UNFORMATTED: &str = "[A]: a.\n  + [B]: b.\n";
/// What `fmt` makes of it.
const FORMATTED: &str = "[A]: a.\n\n[B]: b.\n  +> [A]\n";

/// Defect 10: `fmt` refuses read-only files, writes through links, keeps the owner.
#[cfg(unix)]
#[test]
fn fmt_respects_read_only_files_links_and_owners() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(dir.join("a.argdown"), UNFORMATTED).unwrap();
    std::fs::write(dir.join("b.argdown"), "[C]: c.\n  - [D]: d.\n").unwrap();
    std::fs::set_permissions(
        dir.join("b.argdown"),
        std::fs::Permissions::from_mode(0o444),
    )
    .unwrap();
    let out = run_in(dir, &["fmt", "a.argdown", "b.argdown"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "error: fmt: b.argdown is read-only; nothing was rewritten\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("a.argdown")).unwrap(),
        UNFORMATTED
    );

    std::fs::create_dir(dir.join("real")).unwrap();
    std::fs::write(dir.join("real/c.argdown"), UNFORMATTED).unwrap();
    std::os::unix::fs::symlink("real/c.argdown", dir.join("c.argdown")).unwrap();
    let out = run_in(dir, &["fmt", "c.argdown"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "formatted c.argdown\n");
    assert!(std::fs::symlink_metadata(dir.join("c.argdown"))
        .unwrap()
        .file_type()
        .is_symlink());
    let formatted = std::fs::read_to_string(dir.join("real/c.argdown")).unwrap();
    assert_eq!(formatted, FORMATTED);

    // Run as root, a file of another user stays that user's.
    if is_root() {
        let f = dir.join("e.argdown");
        std::fs::write(&f, UNFORMATTED).unwrap();
        std::os::unix::fs::chown(&f, Some(4242), Some(4243)).unwrap();
        let out = run_in(dir, &["fmt", "e.argdown"]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let meta = std::fs::metadata(&f).unwrap();
        assert_eq!((meta.uid(), meta.gid()), (4242, 4243));
    } else {
        eprintln!("SKIPPED: keeping another user's ownership (needs root)");
    }
}

/// Whether this process runs as root (the owner of a file it creates is uid 0).
fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    let f = tempfile::NamedTempFile::new().unwrap();
    f.as_file().metadata().unwrap().uid() == 0
}

/// Defect 14: an interrupted write leaves no temporary file; the target is whole or absent.
#[cfg(unix)]
#[test]
fn an_interrupted_write_leaves_no_temporary_file() {
    let tmp = tempfile::tempdir().unwrap();
    // A map whose JSON export is large enough to take a while to write.
    let mut map = String::new();
    for i in 0..5_000 {
        map.push_str(&format!(
            "[Claim {i}]: {}\n\n",
            "A long text that makes the export big. ".repeat(40)
        ));
    }
    std::fs::write(tmp.path().join("big.argdown"), &map).unwrap();
    let whole = run_in(tmp.path(), &["export", "--to", "json", "big.argdown"]).stdout;
    let out_dir = tmp.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let mut caught = false;
    for _ in 0..5 {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("counterpoint"))
            .current_dir(tmp.path())
            .args([
                "export",
                "--to",
                "json",
                "big.argdown",
                "-o",
                "out/big.json",
            ])
            .spawn()
            .unwrap();
        // Wait for the temporary file to appear, then interrupt.
        let mut seen = false;
        while child.try_wait().unwrap().is_none() {
            let names: Vec<String> = std::fs::read_dir(&out_dir)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            if names.iter().any(|n| n.starts_with('.')) {
                send_sigterm(child.id());
                seen = true;
                break;
            }
        }
        let status = child.wait().unwrap();
        let left: Vec<String> = std::fs::read_dir(&out_dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .collect();
        assert_eq!(
            left,
            Vec::<String>::new(),
            "a temporary file was left behind"
        );
        if let Ok(written) = std::fs::read(out_dir.join("big.json")) {
            assert!(written == whole, "the output is whole or absent");
        }
        if seen && !status.success() {
            caught = true;
            break;
        }
        let _ = std::fs::remove_file(out_dir.join("big.json"));
    }
    if !caught {
        eprintln!("SKIPPED: the write was never caught in progress (the machine was too fast)");
    }
}

/// Sends SIGTERM to `pid` with the `kill` program.
fn send_sigterm(pid: u32) {
    let _ = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status();
}

/// Defect 19 (and 3): in a folder, links that lead nowhere or loop, FIFOs, and links to devices
/// are named and passed over, not skipped silently nor waited on.
#[cfg(unix)]
#[test]
fn what_a_folder_holds_besides_files_is_named() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("d");
    std::fs::create_dir(&d).unwrap();
    std::fs::write(d.join("a.argdown"), "[A]: a.\n").unwrap();
    std::os::unix::fs::symlink("missing.argdown", d.join("b.argdown")).unwrap();
    std::os::unix::fs::symlink("c.argdown", d.join("c.argdown")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", d.join("e.argdown")).unwrap();
    assert!(std::process::Command::new("mkfifo")
        .arg(d.join("f.argdown"))
        .status()
        .unwrap()
        .success());
    let out = run_in(tmp.path(), &["check", "d"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let help = "  = help: remove it, or make it a link to an .argdown file\n\n";
    assert_eq!(
        text(&out.stdout),
        format!(
            "d/b.argdown: warning[W005]: skipped: it is a link that leads nowhere\n{help}\
             d/c.argdown: warning[W005]: skipped: it is a link that loops\n{help}\
             d/e.argdown: warning[W005]: skipped: it is not a regular file (a FIFO, socket or \
             device)\n{help}\
             d/f.argdown: warning[W005]: skipped: it is not a regular file (a FIFO, socket or \
             device)\n{help}0 errors, 4 warnings\n"
        )
    );
}

/// Defect 4, continued: `-o /dev/stdout` writes to standard output as it is (appending after
/// `>>`, into a pipe), never replacing the file the shell opened; a read-only file is refused.
#[cfg(unix)]
#[test]
fn output_onto_standard_output_by_name_and_read_only_files() {
    let tmp = tempfile::tempdir().unwrap();
    let map = root().join("tests/integration/check/ok.argdown");
    let map = map.to_str().unwrap();
    let expected = text(&run_in(tmp.path(), &["export", "--to", "json", map]).stdout);
    let bin = assert_cmd::cargo::cargo_bin("counterpoint");
    let bin = bin.to_str().unwrap();
    std::fs::write(tmp.path().join("log.txt"), "old\n").unwrap();
    let shell = |script: String| {
        let out = std::process::Command::new("sh")
            .current_dir(tmp.path())
            .args(["-c", &script])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", text(&out.stderr));
        text(&out.stdout)
    };
    shell(format!(
        "'{bin}' export --to json '{map}' -o /dev/stdout >> log.txt"
    ));
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("log.txt")).unwrap(),
        format!("old\n{expected}")
    );
    let piped = shell(format!(
        "'{bin}' export --to json '{map}' -o /dev/stdout | cat"
    ));
    assert_eq!(piped, expected);

    use std::os::unix::fs::PermissionsExt;
    let locked = tmp.path().join("locked.json");
    std::fs::write(&locked, "keep").unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o444)).unwrap();
    let out = run_in(
        tmp.path(),
        &["export", "--to", "json", map, "-o", "locked.json"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "error: cannot write locked.json: it is read-only\n"
    );
    assert_eq!(std::fs::read_to_string(&locked).unwrap(), "keep");
}

/// Defect 1, continued: a file hard-linked under two names is one file; two files whose names
/// show the same (bytes that are not UTF-8) are refused rather than poured into each other.
#[cfg(unix)]
#[test]
fn fmt_tells_one_file_from_two() {
    use std::os::unix::ffi::OsStrExt;
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("d");
    std::fs::create_dir(&d).unwrap();
    std::fs::write(d.join("a.argdown"), FORMATTED).unwrap();
    std::fs::hard_link(d.join("a.argdown"), d.join("b.argdown")).unwrap();
    let out = run_in(tmp.path(), &["fmt", "d"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "");
    assert_eq!(
        std::fs::read_to_string(d.join("b.argdown")).unwrap(),
        FORMATTED
    );

    let e = tmp.path().join("e");
    std::fs::create_dir(&e).unwrap();
    let name = |byte: u8| {
        e.join(std::ffi::OsStr::from_bytes(&[
            b'x', byte, b'.', b'a', b'r', b'g', b'd', b'o', b'w', b'n',
        ]))
    };
    std::fs::write(name(0xff), "[A]: a.\n  + [B]: b.\n").unwrap();
    std::fs::write(name(0xfe), "[C]: c.\n  - [D]: d.\n").unwrap();
    let out = run_in(tmp.path(), &["fmt", "e"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "error: fmt: formatting would change the map (two files show as e/x\u{fffd}.argdown; \
         rename one); the files are left as they are\n"
    );
    assert_eq!(
        std::fs::read(name(0xff)).unwrap(),
        b"[A]: a.\n  + [B]: b.\n"
    );
}

/// Defect 20: the order in which files are given changes neither the JSON nor the DOT.
#[test]
fn the_order_of_the_paths_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("a.argdown"),
        "# Section A\n\n[A]: a.\n  + <B>: b.\n",
    )
    .unwrap();
    std::fs::write(
        tmp.path().join("b.argdown"),
        "# Section B\n\n[C]: c.\n  - [A]\n",
    )
    .unwrap();
    for what in [
        &["export", "--to", "json"][..],
        &["render", "--format", "dot"],
    ] {
        let forward = run_in(tmp.path(), &[what, &["a.argdown", "b.argdown"]].concat());
        let backward = run_in(tmp.path(), &[what, &["b.argdown", "a.argdown"]].concat());
        assert_eq!(forward.status.code(), Some(0), "{}", text(&forward.stderr));
        assert_eq!(text(&forward.stdout), text(&backward.stdout), "{what:?}");
    }
}
