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
    let bad = serde_json::json!({"format": "counterpoint", "version": 3, "nodes": [], "edges": []});
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

/// A map with a motion and camps, as Argdown.
const CAMPS: &str = "===\nmotion: \"Four days\"\nsides:\n  pro: {label: \"Supporters\"}\n  con: {label: \"Opponents\"}\n  board: {label: \"The board\"}\ncamps:\n  for: {label: \"For the change\", sides: [pro, board]}\n  against: {label: \"Against\", sides: [con]}\n===\n\n[Four days]: The district should move to a four-day week.\n\n<Savings>: It saves money. {side: board}\n  + [Four days]\n\n<Childcare>: Parents pay for childcare. {side: con}\n  - [Four days]\n";

#[test]
fn motion_and_camps_survive_json_and_argdown() {
    use counterpoint::load::load_texts;
    use counterpoint::Format;
    let loaded = load_texts(&[("m.argdown".into(), CAMPS.into())], Some(Format::Argdown));
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let map = loaded.map;
    assert_eq!(map.motion.as_deref(), Some("Four days"));
    let camps: Vec<(&str, &str, Vec<&str>)> = map
        .camps
        .iter()
        .map(|c| {
            let sides = c.sides.iter().map(String::as_str).collect();
            (c.id.as_str(), c.label.as_str(), sides)
        })
        .collect();
    assert_eq!(
        camps,
        [
            ("for", "For the change", vec!["pro", "board"]),
            ("against", "Against", vec!["con"])
        ]
    );
    let json = counterpoint::formats::json::to_value(&map);
    assert_eq!(json["motion"], "Four days");
    assert_eq!(
        json["camps"][0],
        serde_json::json!({"id": "for", "label": "For the change", "sides": ["pro", "board"]})
    );
    let validator = jsonschema::validator_for(&schema()).expect("valid schema");
    assert!(validator.is_valid(&json));
    let mut d = Vec::new();
    let back =
        counterpoint::formats::json::read("m.json", &json.to_string(), &mut d).expect("reads back");
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(back, map);
    let argdown = counterpoint::formats::argdown::to_string(&map).expect("writes");
    let again = load_texts(&[("a.argdown".into(), argdown)], Some(Format::Argdown));
    assert!(again.diagnostics.is_empty(), "{:?}", again.diagnostics);
    assert_eq!(again.map, map);
}

#[test]
fn a_version_1_document_is_still_read() {
    let v1 = r#"{"format": "counterpoint", "version": 1, "title": "T",
        "sides": [{"id": "pro", "label": "Pro"}],
        "nodes": [{"id": "[A]", "title": "A", "side": "pro"}], "edges": []}"#;
    let mut d = Vec::new();
    let map = counterpoint::formats::json::read("v1.json", v1, &mut d).expect("reads");
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(
        (&map.motion, map.camps.len(), map.node_count()),
        (&None, 0, 1)
    );
    let v9 = v1.replace("\"version\": 1", "\"version\": 9");
    counterpoint::formats::json::read("v9.json", &v9, &mut d);
    assert_eq!(
        counterpoint::diagnostic::render_all(&d),
        "v9.json:1:1: error[E013]: unsupported version 9\n  |\n1 | {\"format\": \"counterpoint\", \"version\": 9, \"title\": \"T\",\n  | ^\n  = help: this build reads versions 1 to 2\n\n1 error, 0 warnings\n"
    );
}

#[test]
fn a_camp_declared_twice_in_json_is_e009() {
    let text = r#"{"format": "counterpoint", "version": 2,
        "sides": [{"id": "a", "label": "A"}],
        "camps": [{"id": "yes", "label": "Yes", "sides": ["a"]},
                  {"id": "yes", "label": "Again", "sides": []}],
        "nodes": [], "edges": []}"#;
    let mut d = Vec::new();
    let map = counterpoint::formats::json::read("c.json", text, &mut d).expect("reads");
    assert_eq!(map.camps.len(), 1);
    assert_eq!(map.camps[0].label, "Yes");
    let shown: Vec<String> = d
        .iter()
        .map(|d| {
            format!(
                "{}:{}:{} {} / {}",
                d.file,
                d.line,
                d.column,
                d.message,
                d.help.clone().unwrap_or_default()
            )
        })
        .collect();
    assert_eq!(
        shown,
        ["c.json:4:19 camp \"yes\" is declared twice / first declared at c.json:3:19; declare each camp once"]
    );
}

/// Every property the schema names says what it is, and the schema has a stable `$id` within the
/// repository (the path of the schema file in it).
#[test]
fn the_schema_describes_every_property_and_has_a_stable_id() {
    let schema = schema();
    assert_eq!(
        schema["$id"],
        "https://github.com/counterpoint/counterpoint/raw/main/src/formats/counterpoint.schema.json"
    );
    let id = schema["$id"].as_str().expect("$id");
    let path = id
        .split("/raw/main/")
        .nth(1)
        .expect("a path in the repository");
    assert!(root().join(path).is_file(), "{path}");
    let mut undescribed = Vec::new();
    let mut stack = vec![("".to_string(), &schema)];
    let mut seen = 0;
    while let Some((at, value)) = stack.pop() {
        if let Some(props) = value.get("properties").and_then(|p| p.as_object()) {
            for (name, prop) in props {
                seen += 1;
                let here = format!("{at}/{name}");
                if prop
                    .get("description")
                    .and_then(|d| d.as_str())
                    .is_none_or(str::is_empty)
                {
                    undescribed.push(here.clone());
                }
                stack.push((here, prop));
            }
        }
        if let Some(items) = value.get("items") {
            stack.push((format!("{at}[]"), items));
        }
    }
    assert!(seen > 40, "{seen} properties");
    assert!(undescribed.is_empty(), "{undescribed:#?}");
}

/// A document that names its schema (`"$schema"`, as editors write it) is valid and reads.
#[test]
fn a_document_naming_its_schema_validates_and_reads() {
    let validator = jsonschema::validator_for(&schema()).expect("valid schema");
    let exported: serde_json::Value =
        serde_json::from_str(&export_json(&fixture("export", "small.json"))).expect("JSON");
    let mut named = serde_json::json!({"$schema": schema()["$id"].clone()});
    for (k, v) in exported.as_object().expect("object") {
        named[k] = v.clone();
    }
    assert!(validator.is_valid(&named));
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("named.json");
    std::fs::write(&path, serde_json::to_string_pretty(&named).expect("JSON")).expect("write");
    assert_eq!(
        export_json(&path),
        export_json(&fixture("export", "small.json"))
    );
}
