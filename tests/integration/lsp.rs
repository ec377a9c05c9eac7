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
    // Its container is the heading it is under, by its text.
    assert_eq!(symbols[0]["containerName"], "Costs");
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
    let mut client = Client::start(&root.join("arguments"), options);
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

/// The codes of the diagnostics in a list.
fn codes(list: &[Value]) -> Vec<String> {
    places(list).into_iter().map(|p| p.3).collect()
}

/// A file in a subfolder of the workspace belongs to the one map of the workspace folder (as
/// `counterpoint check FOLDER` reads it), with the files above it; editing any of them reads
/// that map again.
#[test]
fn a_file_in_a_subfolder_shares_the_map_of_the_workspace_folder() {
    let dir = tempfile::tempdir().unwrap();
    let alliance = dir.path().join("10-alliance.argdown");
    let sub = dir.path().join("sub/a.argdown");
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    let defined = "[Alliance]: Allies help.\n";
    std::fs::write(&alliance, defined).unwrap();
    let text = "[Claim]: We win.\n  + [Alliance]\n";
    std::fs::write(&sub, text).unwrap();
    let (alliance, sub) = (uri(&alliance), uri(&sub));
    let mut client = Client::start(dir.path(), json!({}));
    open(&mut client, &sub, text);
    let found = client.diagnostics_for(&sub);
    assert!(!codes(&found).contains(&"W001".to_string()), "{found:?}");
    assert_eq!(
        client.request("textDocument/definition", at(&sub, 1, 6)),
        json!({"uri": alliance, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 10}}})
    );
    // Editing the file above takes the definition away from the file below (after the
    // diagnostics that opening it may publish for the file below, unchanged).
    open(&mut client, &alliance, defined);
    change(&mut client, &alliance, 2, "[Other]: Something else.\n");
    let found = client.diagnostics_until(&sub, |d| codes(d).iter().any(|c| c == "W001"));
    assert_eq!(codes(&found), ["W001"], "{found:?}");
    client.shut_down();
}

/// A file outside every workspace folder is read with the files of its own folder only, not
/// with those of its subfolders (nor anything above it).
#[test]
fn a_file_outside_the_workspace_is_read_with_its_own_folder_only() {
    let dir = tempfile::tempdir().unwrap();
    let workspace = dir.path().join("ws");
    let outside = dir.path().join("out");
    std::fs::create_dir_all(&workspace).unwrap();
    std::fs::create_dir_all(outside.join("deep")).unwrap();
    std::fs::write(outside.join("near.argdown"), "[Near]: Close by.\n").unwrap();
    std::fs::write(outside.join("deep/d.argdown"), "[Deep]: Far down.\n").unwrap();
    let text = "[X]: x.\n  + [Near]\n  + [Deep]\n";
    std::fs::write(outside.join("x.argdown"), text).unwrap();
    let x = uri(&outside.join("x.argdown"));
    let mut client = Client::start(&workspace, json!({}));
    open(&mut client, &x, text);
    let found = client.diagnostics_for(&x);
    let undefined: Vec<&str> = found
        .iter()
        .filter(|d| d["code"] == "W001")
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        undefined,
        ["[Deep] is referenced but never defined\nhelp: define it once with `[Deep]: text`"]
    );
    client.shut_down();
}

/// A map is read from at most 2,000 files, and the editor is told when one is cut short.
#[test]
fn a_map_of_too_many_files_is_cut_short_and_the_editor_told() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..2_001 {
        std::fs::write(dir.path().join(format!("f{i:04}.argdown")), "").unwrap();
    }
    let first = uri(&dir.path().join("f0000.argdown"));
    let mut client = Client::start(dir.path(), json!({}));
    open(&mut client, &first, "[A]: a.\n");
    let shown = client.next_with_method("window/showMessage");
    assert_eq!(
        shown["params"],
        json!({"type": 2, "message": format!(
            "counterpoint: {} holds more than 2000 .argdown files or 64 MiB; \
             the map is read from the first 2000 files only",
            dir.path().display()
        )})
    );
    client.shut_down();
}

/// A file changed on disk behind the editor's back is read again, whether the editor watches
/// files for the server (it is asked to when it can) or not (the file's time and size tell).
#[test]
fn files_changed_on_disk_are_read_again() {
    let dir = tempfile::tempdir().unwrap();
    let a_path = dir.path().join("a.argdown");
    let b_path = dir.path().join("b.argdown");
    let text = "[A]: a.\n  - [B]\n";
    std::fs::write(&a_path, text).unwrap();
    std::fs::write(&b_path, "[B]: b.\n").unwrap();
    let a = uri(&a_path);

    // An editor that does not watch files.
    let mut client = Client::start(dir.path(), json!({}));
    open(&mut client, &a, text);
    assert!(!codes(&client.diagnostics_for(&a)).contains(&"W001".to_string()));
    std::fs::write(&b_path, "[C]: no longer b.\n").unwrap();
    change(&mut client, &a, 2, text);
    assert!(codes(&client.diagnostics_for(&a)).contains(&"W001".to_string()));
    client.shut_down();

    // An editor that can watch files is asked to, and tells of a file created.
    let mut client = Client::start_with(json!({
        "processId": null,
        "rootUri": uri(dir.path()),
        "capabilities": {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}},
    }));
    let asked = client.next_with_method("client/registerCapability");
    assert_eq!(
        asked,
        json!({"jsonrpc": "2.0", "id": "counterpoint/watch", "method": "client/registerCapability",
        "params": {"registrations": [{
            "id": "counterpoint/argdown-files",
            "method": "workspace/didChangeWatchedFiles",
            "registerOptions": {"watchers": [{"globPattern": "**/*.argdown"}]},
        }]}})
    );
    client.respond(&asked["id"], Value::Null);
    open(&mut client, &a, text);
    assert!(codes(&client.diagnostics_for(&a)).contains(&"W001".to_string()));
    let c_path = dir.path().join("c.argdown");
    std::fs::write(&c_path, "[B]: b again.\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&c_path), "type": 1}]}),
    );
    let found = client.diagnostics_for(&a);
    assert!(!codes(&found).contains(&"W001".to_string()), "{found:?}");
    client.shut_down();
}

/// Odd initialization parameters are still answered; a body that is not JSON, or not a
/// message, gets the protocol's error with id null, and the server goes on.
#[test]
fn odd_handshakes_and_malformed_messages_are_answered_and_the_server_goes_on() {
    let mut client = Client::spawn();
    let answer = client.request_raw(
        "initialize",
        json!({"processId": null, "rootUri": "",
               "capabilities": {"textDocument": {"hover": {"contentFormat": ["markdown", "html"]}}}}),
    );
    assert_eq!(answer["result"]["serverInfo"]["name"], "counterpoint");
    client.notify("initialized", json!({}));
    client.send_body("{{{{{");
    assert_eq!(
        client.receive(),
        json!({"jsonrpc": "2.0", "id": null, "error": {"code": -32700,
               "message": "the message is not JSON: key must be a string at line 1 column 2"}})
    );
    client.send_body("[1,2,3]");
    assert_eq!(
        client.receive(),
        json!({"jsonrpc": "2.0", "id": null, "error": {"code": -32600,
               "message": "the message is not a JSON-RPC request, response or notification"}})
    );
    let dir = tempfile::tempdir().unwrap();
    let m = uri(&dir.path().join("m.argdown"));
    open(&mut client, &m, "[A]: a.\n");
    assert_eq!(client.diagnostics_for(&m), Vec::<Value>::new());
    client.shut_down();
}
