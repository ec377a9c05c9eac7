//! `counterpoint lsp` driven over standard input and output as an editor drives it.

#[path = "lsp/client.rs"]
mod client;

use serde_json::{json, Value};

use client::{uri, Client};

const A: &str = "\
===
sides:
  pro: {label: For}
  con: {label: Against}
sources:
  memo: {title: The memo}
===

[Schools]: Taxes pay for schools. {side: pro}
  - <Waste>: Money is wasted. {side: cons}
  + [Teachers]

[Roads]: Roads need repair. {side: con, cite: \"memo:x\"}

[Parks]: Parks matter. {side: pro, cite: \"report:4\"}
";

const B: &str = "\
[Teachers]: Teachers are paid from taxes. {side: pro}
  - [Roads]
";

/// The diagnostics as `(line, start, end, code)` with 0-based lines and UTF-16 columns.
fn places(list: &[Value]) -> Vec<(u64, u64, u64, String)> {
    list.iter()
        .map(|d| {
            (
                d["range"]["start"]["line"].as_u64().unwrap(),
                d["range"]["start"]["character"].as_u64().unwrap(),
                d["range"]["end"]["character"].as_u64().unwrap(),
                d["code"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn at(uri: &str, line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
}

/// The labels of a completion answer.
fn labels(answer: &Value) -> Vec<String> {
    answer
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap().to_string())
        .collect()
}

fn open(client: &mut Client, uri: &str, text: &str) {
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "argdown", "version": 1, "text": text}}),
    );
}

fn change(client: &mut Client, uri: &str, version: i64, text: &str) {
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
    );
}

#[test]
fn an_editor_session_checks_hovers_goes_renames_and_completes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.argdown"), A).unwrap();
    std::fs::write(dir.path().join("b.argdown"), B).unwrap();
    let a = uri(&dir.path().join("a.argdown"));
    let b = uri(&dir.path().join("b.argdown"));
    let mut client = Client::start(dir.path(), json!({}));

    // Open a file with three errors: three diagnostics, each where `check` places it.
    open(&mut client, &a, A);
    let found = client.diagnostics_for(&a);
    assert_eq!(
        places(&found),
        [
            (9, 4, 11, "E004".to_string()),
            (12, 46, 54, "E006".to_string()),
            (14, 41, 49, "E005".to_string()),
        ]
    );
    assert_eq!(found[0]["severity"], 1);
    assert_eq!(found[0]["source"], "counterpoint");
    assert_eq!(
        found[0]["message"],
        "unknown side \"cons\" on <Waste>\nhelp: declared sides are: pro, con"
    );
    // The other file of the folder is part of the map, and is clean.
    assert_eq!(client.diagnostics_for(&b), Vec::<Value>::new());

    // Fix one: two remain.
    let fixed = A.replace("{side: cons}", "{side: con}");
    change(&mut client, &a, 2, &fixed);
    assert_eq!(
        places(&client.diagnostics_for(&a)),
        [
            (12, 46, 54, "E006".to_string()),
            (14, 41, 49, "E005".to_string()),
        ]
    );

    // Hover a reference: the definition's text (from the other file) and its verdict.
    let hover = client.request("textDocument/hover", at(&a, 10, 6));
    assert_eq!(
        hover["contents"]["value"],
        "**statement** `[Teachers]` · support · side `pro` (For)\n\n\
         Teachers are paid from taxes.\n\n\
         **falls, strength 0.25** — falls: rebutted by [Roads], which stands"
    );
    assert_eq!(
        hover["range"],
        json!({"start": {"line": 10, "character": 4}, "end": {"line": 10, "character": 14}})
    );

    // Go to the definition in the other file.
    assert_eq!(
        client.request("textDocument/definition", at(&a, 10, 6)),
        json!({"uri": b, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 10}}})
    );

    // Every place [Roads] is written, in both files.
    assert_eq!(
        client.request(
            "textDocument/references",
            json!({"textDocument": {"uri": b}, "position": {"line": 1, "character": 6},
                   "context": {"includeDeclaration": true}}),
        ),
        json!([
            {"uri": a, "range": {"start": {"line": 12, "character": 0}, "end": {"line": 12, "character": 7}}},
            {"uri": b, "range": {"start": {"line": 1, "character": 4}, "end": {"line": 1, "character": 11}}},
        ])
    );

    // Rename across the two files: the title inside the brackets, in each.
    let rename = client.request(
        "textDocument/rename",
        json!({"textDocument": {"uri": b}, "position": {"line": 1, "character": 6},
               "newName": "Highways"}),
    );
    assert_eq!(
        rename,
        json!({"changes": {
            a.clone(): [{"range": {"start": {"line": 12, "character": 1}, "end": {"line": 12, "character": 6}}, "newText": "Highways"}],
            b.clone(): [{"range": {"start": {"line": 1, "character": 5}, "end": {"line": 1, "character": 10}}, "newText": "Highways"}],
        }})
    );
    // A rename that would merge two nodes is refused.
    let refused = client.request_raw(
        "textDocument/rename",
        json!({"textDocument": {"uri": b}, "position": {"line": 1, "character": 6},
               "newName": "Parks"}),
    );
    assert_eq!(
        refused["error"]["message"],
        "[Parks] already exists; renaming would merge two nodes"
    );

    // Complete a title being typed.
    let typing = format!("{fixed}\n[Parks]: x\n  - [Te\n");
    change(&mut client, &a, 3, &typing);
    let answer = client.request("textDocument/completion", at(&a, 17, 7));
    assert_eq!(labels(&answer), ["Parks", "Roads", "Schools", "Teachers"]);
    assert_eq!(
        answer[3]["textEdit"],
        json!({"range": {"start": {"line": 17, "character": 5}, "end": {"line": 17, "character": 7}},
               "newText": "Teachers]"})
    );
    client.shut_down();
}
