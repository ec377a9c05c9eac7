//! The toolchain the crate declares: `rust-version` is the real minimum (what the locked
//! dependencies declare), the release build carries no debug info and a profiling build does,
//! and the README installs with the locked versions.

use crate::common::{read, root};

/// `major.minor[.patch]` as numbers, for comparing.
fn version(text: &str) -> Vec<u32> {
    text.split('.')
        .map(|n| n.parse().expect("a number"))
        .collect()
}

/// The Cargo.toml section `[name]`: its lines up to the next section.
fn section(toml: &str, name: &str) -> Vec<String> {
    let head = format!("[{name}]");
    toml.lines()
        .skip_while(|l| l.trim() != head)
        .skip(1)
        .take_while(|l| !l.starts_with('['))
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// `rust-version` is the highest `rust-version` among the locked dependencies (every platform's):
/// no lower, or a toolchain it allows would fail to build them; no higher than it need be.
#[test]
fn rust_version_is_what_the_locked_dependencies_need() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let out = std::process::Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(root())
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let packages = metadata["packages"].as_array().expect("packages");
    let declared = packages
        .iter()
        .find(|p| p["name"] == "counterpoint")
        .and_then(|p| p["rust_version"].as_str())
        .expect("counterpoint declares a rust-version");
    let (needed, by) = packages
        .iter()
        .filter(|p| p["name"] != "counterpoint")
        .filter_map(|p| Some((version(p["rust_version"].as_str()?), p["name"].to_string())))
        .max()
        .expect("dependencies declare rust-versions");
    let declared = version(declared);
    assert_eq!(
        declared[..2],
        needed[..2],
        "rust-version {declared:?}, but {by} needs {needed:?}"
    );
}

#[test]
fn release_has_no_debug_info_and_profiling_has_line_tables() {
    let toml = read(&root().join("Cargo.toml"));
    assert_eq!(
        section(&toml, "profile.release"),
        ["debug = false", "lto = \"fat\"", "codegen-units = 1"]
    );
    assert_eq!(
        section(&toml, "profile.profiling"),
        ["inherits = \"release\"", "debug = 1"]
    );
    let readme = read(&root().join("README.md"));
    assert!(readme.contains("`cargo install --path . --locked`"));
    assert!(readme.contains("cargo build --profile profiling"));
}
