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

const CITED: &str = "\
===
sides:
  pro: {label: For}
  con: {label: Against}
sources:
  memo: {title: The memo, file: memo.txt}
===

# Costs

[Rates]: Rates went up. {side: pro, cite: \"memo:2\", quote: \"rates rose\"}

[Late]: It came late. {side: pro, cite: \"memo:9\"}

[Lone]: Nobody says whose this is.
  - [Missing]
";

const MEMO: &str = "The memo\nIn May the rates rose by a tenth.\nThat is all.\n";

#[test]
fn citations_are_checked_and_shown_with_a_sources_folder_and_fixes_are_offered() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("map")).unwrap();
    std::fs::create_dir(dir.path().join("sources")).unwrap();
    let file = dir.path().join("map/cited.argdown");
    std::fs::write(&file, CITED).unwrap();
    std::fs::write(dir.path().join("sources/memo.txt"), MEMO).unwrap();
    let cited = uri(&file);
    // `sources` relative to the workspace's root.
    let mut client = Client::start(dir.path(), json!({"sources": "sources"}));
    open(&mut client, &cited, CITED);
    let found = client.diagnostics_for(&cited);
    assert_eq!(
        places(&found),
        [
            (12, 40, 46, "E007".to_string()),
            (14, 0, 6, "W003".to_string()),
            (15, 4, 13, "W001".to_string()),
            (15, 4, 13, "W003".to_string()),
        ]
    );
    assert_eq!(
        found[0]["message"],
        "[Late] cites memo:9 but memo.txt has 3 lines\nhelp: cite lines between 1 and 3"
    );

    // Hover: the cited line, the quote in bold.
    let hover = client.request("textDocument/hover", at(&cited, 10, 2));
    assert_eq!(
        hover["contents"]["value"],
        "**statement** `[Rates]` · claim · side `pro` (For)\n\n\
         Rates went up.\n\n\
         **stands, strength 0.50** — stands: nobody rebuts it\n\n\
         cites `memo:2 \"rates rose\"`\n\n\
         > 2: In May the **rates rose** by a tenth."
    );

    // Quick fixes: a side for [Lone], a definition for [Missing].
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": cited},
               "range": {"start": {"line": 14, "character": 0}, "end": {"line": 15, "character": 0}},
               "context": {"diagnostics": []}}),
    );
    let titles: Vec<&str> = actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Give [Lone] the side `pro`",
            "Give [Lone] the side `con`",
            "Define [Missing] at the end of the file",
            "Give [Missing] the side `pro`",
            "Give [Missing] the side `con`",
        ]
    );
    assert_eq!(
        actions[0]["edit"]["changes"][&cited],
        json!([{"range": {"start": {"line": 14, "character": 34}, "end": {"line": 14, "character": 34}},
                "newText": " {side: pro}"}])
    );
    assert_eq!(
        actions[2]["edit"]["changes"][&cited],
        json!([{"range": {"start": {"line": 16, "character": 0}, "end": {"line": 16, "character": 0}},
                "newText": "\n[Missing]: Missing.\n"}])
    );

    // Document symbols: the heading, and the nodes under it.
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": cited}}),
    );
    let names: Vec<&str> = symbols[0]["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(symbols[0]["name"], "Costs");
    assert_eq!(names, ["[Rates]", "[Late]", "[Lone]"]);
    // Workspace symbols: every folder read.
    let symbols = client.request("workspace/symbol", json!({"query": "la"}));
    assert_eq!(symbols[0]["name"], "[Late]");
    assert_eq!(
        symbols[0]["location"]["range"],
        json!({"start": {"line": 12, "character": 0}, "end": {"line": 12, "character": 6}})
    );
    client.shut_down();
}

#[test]
fn formatting_is_fmt_and_refuses_files_with_errors() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("m.argdown");
    let text = "[A]:   First.\n    + [B]: Second.\n";
    std::fs::write(&file, text).unwrap();
    let m = uri(&file);
    let mut client = Client::start(dir.path(), json!({}));
    open(&mut client, &m, text);
    let _ = client.diagnostics_for(&m);
    let expected = counterpoint::fmt::format(&[(file.display().to_string(), text.to_string())])
        .unwrap()
        .files
        .remove(0)
        .1;
    assert_ne!(expected, text);
    let edits = client.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": m}, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    assert_eq!(
        edits,
        json!([{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 2, "character": 0}},
                "newText": expected}])
    );
    change(&mut client, &m, 2, "[A]: x {side: nowhere}\n");
    let refused = client.request_raw(
        "textDocument/formatting",
        json!({"textDocument": {"uri": m}, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    assert_eq!(
        refused["error"]["message"],
        format!(
            "the files have errors; fix them first ({}:1:1: error[E004]: unknown side \"nowhere\" on [A])",
            file.display()
        )
    );
    client.shut_down();
}

/// How long from a change to its diagnostics, typing into the debate in `arguments/` (all five
/// files one map, citations checked when `../shared/sources` is there): printed, and held to a
/// bound that a debug build on a busy machine keeps.
#[test]
fn diagnostics_keep_up_with_typing_on_the_debate() {
    let root = crate::common::root();
    let file = root.join("arguments/00-debate.argdown");
    let text = std::fs::read_to_string(&file).unwrap();
    let options = match crate::common::shared("sources") {
        Some(sources) => json!({"sources": sources.display().to_string()}),
        None => json!({}),
    };
    let debate = uri(&file);
    let mut client = Client::start(&root, options);
    let started = std::time::Instant::now();
    open(&mut client, &debate, &text);
    assert_eq!(client.diagnostics_for(&debate), Vec::<Value>::new());
    let opened = started.elapsed();
    let mut times = Vec::new();
    for version in 2..22 {
        // Typing a reply to the first statement, one character at a time, then deleting it.
        let typed = if version < 21 {
            format!(
                "{text}\n[Typed]: {} {{side: nobody}}\n",
                "x".repeat(version as usize)
            )
        } else {
            text.clone()
        };
        let sent = std::time::Instant::now();
        change(&mut client, &debate, version, &typed);
        let found = client.diagnostics_for(&debate);
        times.push(sent.elapsed());
        if version == 21 {
            assert_eq!(found, Vec::<Value>::new());
        } else {
            // The new statement names a side nobody declared.
            let codes: Vec<String> = places(&found).into_iter().map(|p| p.3).collect();
            assert_eq!(codes, ["E004"], "{found:?}");
        }
    }
    times.sort();
    let median = times[times.len() / 2];
    let slowest = times[times.len() - 1];
    eprintln!(
        "lsp on arguments/: open to diagnostics {opened:?}; change to diagnostics median {median:?}, slowest {slowest:?} ({} changes)",
        times.len()
    );
    assert!(slowest < std::time::Duration::from_secs(2), "{slowest:?}");
    client.shut_down();
}

/// Neovim's own LSP client, headless, opens a map with `counterpoint lsp` configured and
/// reports the diagnostics it received (columns in bytes, as Neovim holds them: the `é𝄞` before
/// the citation take 6 bytes and 3 UTF-16 units, so the server's columns were converted right).
#[test]
fn neovim_receives_the_diagnostics() {
    if std::process::Command::new("nvim")
        .arg("--version")
        .output()
        .is_err()
    {
        crate::common::skip("nvim is not installed (Debian's `neovim` package)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("m.argdown");
    std::fs::write(
        &map,
        "===\nsides:\n  pro: {label: For}\n===\n\n[A]: First. {side: pros}\n  - [B]\n\n\
         [C]: é𝄞 third. {side: pro, cite: \"nowhere:1\"}\n",
    )
    .unwrap();
    let out = dir.path().join("out.txt");
    let root = crate::common::root();
    let status = std::process::Command::new("timeout")
        .args(["60", "nvim", "--headless", "--clean", "-c"])
        .arg(format!(
            "luafile {}",
            root.join("editors/neovim/check.lua").display()
        ))
        .env("COUNTERPOINT", assert_cmd::cargo::cargo_bin("counterpoint"))
        .env("MAP", &map)
        .env("OUT", &out)
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "{status}");
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "5:0-5:3 error E004 unknown side \"pros\" on [A]\n\
         6:4-6:7 warning W001 [B] is referenced but never defined\n\
         6:4-6:7 warning W003 [B] has no side\n\
         8:37-8:46 error E005 unknown source \"nowhere\" cited by [C]\n\
         published, 4 diagnostics\n"
    );
}

#[test]
fn renaming_the_motion_renames_it_in_the_frontmatter_too() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("m.argdown");
    let text = "===\nmotion: 'Roads'\n===\n\n[Roads]: Fix them.\n  - [Cost]: Too dear.\n";
    std::fs::write(&file, text).unwrap();
    let m = uri(&file);
    let mut client = Client::start(dir.path(), json!({}));
    open(&mut client, &m, text);
    assert_eq!(client.diagnostics_for(&m), Vec::<Value>::new());
    let rename = client.request(
        "textDocument/rename",
        json!({"textDocument": {"uri": m}, "position": {"line": 4, "character": 2},
               "newName": "Roads \"first\""}),
    );
    assert_eq!(
        rename,
        json!({"changes": {m.clone(): [
            {"range": {"start": {"line": 4, "character": 1}, "end": {"line": 4, "character": 6}},
             "newText": "Roads \"first\""},
            {"range": {"start": {"line": 1, "character": 8}, "end": {"line": 1, "character": 15}},
             "newText": "\"Roads \\\"first\\\"\""},
        ]}})
    );
    client.shut_down();
}

/// The grammar of `editors/vscode/` through VS Code's own TextMate engine (from `tools/`):
/// frontmatter, heading, titles, tags, metadata, relation markers and comments get their scopes.
#[test]
fn the_vscode_grammar_colours_the_subset() {
    let root = crate::common::root();
    if !root.join("tools/node_modules/vscode-textmate").exists() {
        crate::common::skip("vscode-textmate is not installed in tools/ (npm ci in tools/)");
        return;
    }
    let output = std::process::Command::new("node")
        .arg(root.join("tests/integration/lsp/grammar.js"))
        .arg(root.join("editors/vscode/syntaxes/argdown.tmLanguage.json"))
        .arg(root.join("tests/integration/lsp/colours.argdown"))
        .output();
    let output = match output {
        Ok(output) => output,
        Err(_) => {
            crate::common::skip("node is not installed");
            return;
        }
    };
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    insta::assert_snapshot!(
        "vscode_grammar_scopes",
        String::from_utf8(output.stdout).unwrap()
    );
}

#[test]
fn bad_requests_get_errors_and_the_server_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("m.argdown");
    std::fs::write(&file, "[A]: a.\n").unwrap();
    let m = uri(&file);
    let mut client = Client::start(dir.path(), json!({}));
    let bad = client.request_raw("textDocument/hover", json!({"nonsense": true}));
    assert_eq!(bad["error"]["code"], -32602);
    let unknown = client.request_raw("textDocument/semanticTokens/full", json!({}));
    assert_eq!(unknown["error"]["code"], -32601);
    assert_eq!(
        unknown["error"]["message"],
        "counterpoint does not answer textDocument/semanticTokens/full"
    );
    // A document never opened, and a place past the end of one: no answer, no failure.
    assert_eq!(
        client.request("textDocument/hover", at(&m, 0, 1)),
        Value::Null
    );
    open(&mut client, &m, "[A]: a.\n");
    assert_eq!(client.diagnostics_for(&m), Vec::<Value>::new());
    assert_eq!(
        client.request("textDocument/hover", at(&m, 99, 99)),
        Value::Null
    );
    assert_eq!(
        client.request("textDocument/completion", at(&m, 99, 99)),
        json!([])
    );
    client.shut_down();
}
