//! `counterpoint export --to json`: the exchange format, its schema, and writing files safely.

use crate::common::{counterpoint, fixture, read, root, stdout_of};

fn schema() -> serde_json::Value {
    let text = read(&root().join("src/formats/counterpoint.schema.json"));
    serde_json::from_str(&text).expect("the schema is JSON")
}

fn export_json(input: &std::path::Path) -> String {
    stdout_of([
        std::ffi::OsStr::new("export"),
        "--to".as_ref(),
        "json".as_ref(),
        input.as_os_str(),
    ])
}

#[test]
fn export_validates_against_the_schema() {
    let validator = jsonschema::validator_for(&schema()).expect("valid schema");
    let exported: serde_json::Value =
        serde_json::from_str(&export_json(&fixture("export", "small.json"))).expect("JSON");
    let errors: Vec<String> = validator
        .iter_errors(&exported)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn the_schema_rejects_a_wrong_document() {
    let validator = jsonschema::validator_for(&schema()).expect("valid schema");
    let bad = serde_json::json!({"format": "counterpoint", "version": 2, "nodes": [], "edges": []});
    assert!(!validator.is_valid(&bad));
    let bad_relation = serde_json::json!({
        "format": "counterpoint", "version": 1, "nodes": [],
        "edges": [{"from": "a", "to": "b", "relation": "likes"}]
    });
    assert!(!validator.is_valid(&bad_relation));
}

#[test]
fn json_export_snapshot() {
    insta::assert_snapshot!(export_json(&fixture("export", "small.json")));
}

#[test]
fn json_round_trip_is_stable() {
    let once = export_json(&fixture("export", "small.json"));
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("once.json");
    std::fs::write(&path, &once).expect("write");
    assert_eq!(export_json(&path), once);
}

#[test]
fn output_file_is_written_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out.json");
    counterpoint()
        .args(["export", "--to", "json"])
        .arg(fixture("export", "small.json"))
        .arg("-o")
        .arg(&out)
        .assert()
        .success()
        .stdout("");
    assert_eq!(read(&out), export_json(&fixture("export", "small.json")));
}

#[test]
fn a_failing_export_writes_no_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        "{\"format\": \"counterpoint\", \"version\": 1, \"nodes\": [,]}",
    )
    .expect("write");
    let out = dir.path().join("out.json");
    counterpoint()
        .args(["export", "--to", "json"])
        .arg(&bad)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1);
    assert!(!out.exists(), "no output file after a failure");
}

#[test]
fn export_never_overwrites_its_input() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("map.json");
    let original = read(&fixture("export", "small.json"));
    std::fs::write(&input, &original).expect("write");
    counterpoint()
        .args(["export", "--to", "json"])
        .arg(&input)
        .arg("-o")
        .arg(&input)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("it is one of the inputs"));
    assert_eq!(read(&input), original);
}

#[test]
fn output_into_a_missing_folder_or_at_a_folder_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("map.json"),
        read(&fixture("export", "small.json")),
    )
    .expect("write");
    let export_to = |output: &str| {
        counterpoint()
            .current_dir(dir.path())
            .args(["export", "--to", "json", "map.json", "-o", output])
            .assert()
            .code(2)
            .stdout("")
    };
    // The message names the folder the user gave, not the temporary file inside it.
    export_to("nowhere/out.json")
        .stderr("error: cannot write nowhere/out.json: there is no folder nowhere\n");
    export_to(".").stderr("error: cannot write .: it is a folder; give the name of a file in it\n");
    export_to("./map.json")
        .stderr("error: refusing to write ./map.json: it is one of the inputs\n");
    let mut left: Vec<_> = std::fs::read_dir(dir.path())
        .expect("lists")
        .map(|e| e.expect("entry").file_name())
        .collect();
    left.sort();
    assert_eq!(left, ["map.json"], "nothing else written");
}

#[test]
fn a_missing_sources_folder_is_one_usage_error() {
    for command in ["check", "coverage"] {
        counterpoint()
            .args([command, "--sources", "no/such/folder"])
            .arg(fixture("export", "small.json"))
            .assert()
            .code(2)
            .stdout("")
            .stderr(
                "error: invalid value 'no/such/folder' for '--sources <DIR>': there is no such \
                 folder\n\nFor more information, try '--help'.\n",
            );
    }
}
