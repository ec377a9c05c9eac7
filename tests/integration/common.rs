//! Helpers shared by the test modules.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The crate's root folder.
pub(crate) fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `tests/integration/<module>/<name>`.
pub(crate) fn fixture(module: &str, name: &str) -> PathBuf {
    root().join("tests/integration").join(module).join(name)
}

/// Whether this run is CI's (CI sets `CI=true`): there, a missing outside program or a missing
/// `../shared/` fails the test instead of skipping it.
pub(crate) fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && v != "false")
}

/// Says clearly that a test skipped something, or panics in CI.
///
/// The line goes straight to standard error, past the test harness's capture (which takes only
/// what `print!` and `eprint!` write, and shows it only for failing tests): `cargo test` shows
/// `SKIPPED: <test>: <what>` among its results, without `--nocapture`.
pub(crate) fn skip(what: &str) {
    if in_ci() {
        panic!("CI must not skip this test: {what}");
    }
    let test = std::thread::current()
        .name()
        .unwrap_or("a test")
        .to_string();
    let line = format!("SKIPPED: {test}: {what}\n");
    // One write, so that lines of tests running at once do not mix.
    let _ = std::io::Write::write_all(&mut std::io::stderr().lock(), line.as_bytes());
}

/// `../shared/<rel>` beside the checkout, or `None` (after saying so) when it is absent.
pub(crate) fn shared(rel: &str) -> Option<PathBuf> {
    let path = root().join("../shared").join(rel);
    if path.exists() {
        Some(path)
    } else {
        skip(&format!(
            "{} is absent (it lives beside the checkout)",
            path.display()
        ));
        None
    }
}

/// Whether the program `name` runs (`name --version` or `name -V`); says so when it does not.
pub(crate) fn have_program(name: &str) -> bool {
    let found = ["-V", "--version"].iter().any(|flag| {
        Command::new(name)
            .arg(flag)
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false)
    });
    if !found {
        skip(&format!("the program `{name}` is not installed"));
    }
    found
}

/// The `counterpoint` binary, ready to take arguments, run in the crate root.
pub(crate) fn counterpoint() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("counterpoint").expect("binary is built");
    cmd.current_dir(root());
    cmd
}

/// Runs `counterpoint ARGS` in `dir`, checks that it exits with `code` (showing its stderr
/// otherwise) and returns its standard output.
pub(crate) fn run_in(dir: &Path, args: &[&str], code: i32) -> String {
    let out = counterpoint()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(code),
        "exit code of {args:?}; stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// Runs `counterpoint` with `args`, asserts that it succeeds (showing its stderr otherwise) and
/// returns its standard output.
pub(crate) fn stdout_of<I, S>(args: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let out = counterpoint().args(args).output().expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// Reads a file to a string (panics with the path on failure: test code only).
pub(crate) fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The character an XML character reference or predefined entity stands for, as quick-xml
/// reports it (`&#93;`, `&amp;`, ...); any other entity fails the test.
pub(crate) fn xml_char(r: &quick_xml::events::BytesRef<'_>) -> char {
    match r.resolve_char_ref().expect("char ref") {
        Some(c) => c,
        None => match &*r.decode().expect("UTF-8") {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            other => panic!("unknown entity {other}"),
        },
    }
}

/// Runs `counterpoint ARGS` in `dir` with its standard output a pipe whose reader has already
/// gone (`counterpoint ... | head -0`): the exit code and standard error.
pub(crate) fn with_closed_stdout(dir: &std::path::Path, args: &[&str]) -> (Option<i32>, String) {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("counterpoint"))
        .current_dir(dir)
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("waits");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The ids of the clashes' points, in order, from the text of `clashes --format json`.
pub(crate) fn clash_point_ids(json: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(json).expect("JSON");
    v["clashes"]
        .as_array()
        .expect("clashes")
        .iter()
        .map(|c| c["point"]["id"].as_str().expect("id").to_string())
        .collect()
}

/// Runs `counterpoint ARGS INPUT` and checks that it fails with exit code `code`, prints nothing
/// on standard output and exactly `stderr` on standard error.
pub(crate) fn fails_with(args: &[&str], input: &Path, code: i32, stderr: &str) {
    let out = counterpoint().args(args).arg(input).output().expect("runs");
    assert_eq!(out.status.code(), Some(code), "{args:?}");
    assert!(out.stdout.is_empty(), "{args:?}");
    assert_eq!(String::from_utf8_lossy(&out.stderr), stderr);
}

/// How the browser tests start Chromium: headless, at `size`, with its own `profile` folder and
/// none of its background traffic (the machine's network is closed).
pub(crate) fn chromium_options(
    browser: PathBuf,
    profile: &Path,
    size: (u32, u32),
) -> headless_chrome::LaunchOptions<'static> {
    use std::ffi::OsStr;
    headless_chrome::LaunchOptions::default_builder()
        .path(Some(browser))
        .headless(true)
        .sandbox(false)
        .enable_gpu(false)
        .window_size(Some(size))
        .user_data_dir(Some(profile.to_path_buf()))
        .args(vec![
            OsStr::new("--disable-background-networking"),
            OsStr::new("--disable-component-update"),
            OsStr::new("--disable-sync"),
            OsStr::new("--no-first-run"),
            OsStr::new("--hide-scrollbars"),
        ])
        .build()
        .expect("launch options")
}

/// Makes the page's viewport `size` CSS pixels (a phone's when `mobile`).
pub(crate) fn set_viewport(tab: &headless_chrome::Tab, size: (u32, u32), mobile: bool) {
    tab.call_method(
        headless_chrome::protocol::cdp::Emulation::SetDeviceMetricsOverride {
            width: size.0,
            height: size.1,
            device_scale_factor: 1.0,
            mobile,
            scale: None,
            screen_width: None,
            screen_height: None,
            position_x: None,
            position_y: None,
            dont_set_visible_size: None,
            screen_orientation: None,
            viewport: None,
            display_feature: None,
            device_posture: None,
        },
    )
    .expect("viewport size");
}
