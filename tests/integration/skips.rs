//! A test that skips (a missing outside program, a missing `../shared/`) is seen in the output
//! of `cargo test`, not only with `--nocapture`.

use crate::common::skip;

/// Skips, always: run only by [`a_skip_is_shown_without_nocapture`], in a run of its own.
#[test]
#[ignore = "run by skips::a_skip_is_shown_without_nocapture"]
fn skips_on_purpose() {
    skip("nothing: this test shows how a skip looks");
}

/// Runs this test binary on [`skips_on_purpose`] as `cargo test` runs it (output captured, not
/// in CI): the harness passes the test, and its `SKIPPED:` line is in the output.
#[test]
fn a_skip_is_shown_without_nocapture() {
    let me = std::env::current_exe().expect("the test binary");
    let out = std::process::Command::new(me)
        .args([
            "--ignored",
            "--exact",
            "skips::skips_on_purpose",
            "--test-threads",
            "1",
        ])
        .env_remove("CI")
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("test skips::skips_on_purpose ... ok"),
        "{stdout}"
    );
    assert_eq!(
        stderr,
        "SKIPPED: skips::skips_on_purpose: nothing: this test shows how a skip looks\n"
    );
}
