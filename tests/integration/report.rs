//! `counterpoint report`: the self-contained HTML page, its escaping, and its behaviour in a real
//! browser (headless Chromium driven through the DevTools protocol).

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use counterpoint::analysis::unanswered::unanswered;
use counterpoint::analysis::Verdicts;
use counterpoint::load::{load, load_texts};
use counterpoint::render::{html, Drawing, RenderOptions};
use headless_chrome::protocol::cdp::types::Event;
use headless_chrome::protocol::cdp::{Emulation, Network, Page};
use headless_chrome::{Browser, LaunchOptions, Tab};
use serde_json::Value;

use crate::common::{counterpoint, fixture, have_program, read, root};

fn load_fixture(name: &str) -> counterpoint::Map {
    let path = fixture("render", name);
    let loaded = load_texts(&[(name.to_string(), read(&path))], None);
    assert!(!loaded.has_errors(), "{name}: {:?}", loaded.diagnostics);
    loaded.map
}

/// The map data the page embeds for its script.
fn embedded_data(page: &str) -> Value {
    let start = page
        .find(r#"<script id="map-data" type="application/json">"#)
        .expect("data script")
        + r#"<script id="map-data" type="application/json">"#.len();
    let end = start + page[start..].find("</script>").expect("end of data");
    serde_json::from_str(&page[start..end]).expect("the data is JSON")
}

#[test]
fn the_page_escapes_every_text_and_embeds_safe_data() {
    let map = load_fixture("hostile.json");
    let svg = r#"<?xml version="1.0"?><!DOCTYPE svg><svg viewBox="0 0 10 10"></svg>"#;
    let page = html::page(
        Drawing::new(&map, &Verdicts::whole(&map)),
        &RenderOptions::default(),
        svg,
    )
    .expect("page");
    // Only the page's own two script elements, no markup from the map.
    assert_eq!(page.matches("<script").count(), 2, "{page}");
    assert!(!page.contains("<img"));
    assert!(!page.contains("<b>"));
    assert!(!page.contains("<em>"));
    assert!(page.contains("&lt;script&gt;window.__pwned = 1&lt;/script&gt;"));
    assert!(page.contains(r#"<h1>Hostile &quot;map&quot; &lt;script&gt;window.__pwned = 8&lt;/script&gt; &amp; &lt;/title&gt;</h1>"#));
    // The data holds the texts exactly, with `<`, `>` and `&` written as escapes.
    let data = embedded_data(&page);
    let titles: Vec<&str> = data["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter_map(|n| n["title"].as_str())
        .collect();
    let expected: Vec<&str> = map.nodes().map(|(_, n)| n.title.as_str()).collect();
    assert_eq!(titles, expected);
    assert_eq!(
        data["nodes"][1]["citations"][0]["quote"],
        "</script><script>window.__pwned = 7</script>"
    );
    let raw_data = &page[page.find(r#"id="map-data""#).expect("data")..];
    let raw_data = &raw_data[..raw_data.find("</script>").expect("end")];
    assert!(raw_data.contains(r"\u003c/script\u003e\u003cscript\u003ewindow.__pwned = 7"));
    // A policy that allows no network request and no other script.
    assert!(page.contains(
        r#"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-"#
    ));
}

#[test]
fn the_page_lists_each_sides_unanswered_points() {
    let map = load_fixture("four-day-week.json");
    let svg = r#"<svg viewBox="0 0 10 10"></svg>"#;
    let page = html::page(
        Drawing::new(&map, &Verdicts::whole(&map)),
        &RenderOptions::default(),
        svg,
    )
    .expect("page");
    let data = embedded_data(&page);
    let open: Vec<String> = unanswered(&map)
        .into_iter()
        .map(|ix| map.node(ix).title.clone())
        .collect();
    let flagged: Vec<String> = data["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter(|n| n["unanswered"] == true)
        .filter_map(|n| n["title"].as_str().map(String::from))
        .collect();
    assert_eq!(flagged, open);
    assert_eq!(
        open,
        ["Retention", "Small savings", "Clubs", "Learning time"]
    );
    assert!(
        page.contains("<h3><span class=\"swatch\" aria-hidden=\"true\"></span>Supporters (2)</h3>")
    );
    assert!(
        page.contains("<h3><span class=\"swatch\" aria-hidden=\"true\"></span>Opponents (1)</h3>")
    );
    assert!(
        page.contains("<h3><span class=\"swatch\" aria-hidden=\"true\"></span>No side (1)</h3>")
    );
}

// ---------------------------------------------------------------------------------------------
// In a real browser.

/// A report open in headless Chromium, with the requests and dialogs it caused.
struct Opened {
    _browser: Browser,
    _profile: tempfile::TempDir,
    tab: Arc<Tab>,
    requests: Arc<Mutex<Vec<String>>>,
    dialogs: Arc<Mutex<Vec<String>>>,
}

/// The Chromium program: `CHROMIUM` if set, else `chromium` on PATH (or `None`, after saying so
/// or failing in CI).
fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    if !have_program("chromium") {
        return None;
    }
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join("chromium"))
        .find(|p| p.is_file())
}

/// Writes the report of `inputs` with the CLI and opens it; `None` when Chromium or `dot` is
/// missing (skipped locally, a failure in CI).
fn open_report(inputs: &[PathBuf], name: &str) -> Option<(Opened, PathBuf)> {
    if !have_program("dot") {
        return None;
    }
    let browser_path = chromium()?;
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("report-tests");
    std::fs::create_dir_all(&dir).expect("report folder");
    let html_path = dir.join(format!("{name}.html"));
    counterpoint()
        .arg("report")
        .args(inputs)
        .arg("-o")
        .arg(&html_path)
        .assert()
        .success();
    let profile = tempfile::tempdir().expect("profile folder");
    let options = LaunchOptions::default_builder()
        .path(Some(browser_path))
        .headless(true)
        .sandbox(false)
        .enable_gpu(false)
        .window_size(Some((1400, 900)))
        .user_data_dir(Some(profile.path().to_path_buf()))
        .args(vec![
            OsStr::new("--disable-background-networking"),
            OsStr::new("--disable-component-update"),
            OsStr::new("--disable-sync"),
            OsStr::new("--no-first-run"),
            OsStr::new("--hide-scrollbars"),
        ])
        .build()
        .expect("launch options");
    let browser = Browser::new(options).expect("Chromium starts");
    let tab = browser.new_tab().expect("a tab");
    let requests = Arc::new(Mutex::new(Vec::new()));
    let dialogs = Arc::new(Mutex::new(Vec::new()));
    tab.call_method(Network::Enable {
        max_total_buffer_size: None,
        max_resource_buffer_size: None,
        max_post_data_size: None,
        report_direct_socket_traffic: None,
        enable_durable_messages: None,
    })
    .expect("network events");
    tab.call_method(Page::Enable {
        enable_file_chooser_opened_event: None,
    })
    .expect("page events");
    // Payloads in the hostile map set window.__pwned; a dialog would show up as an event.
    tab.call_method(Page::AddScriptToEvaluateOnNewDocument {
        source: "window.__pwned = 0;".into(),
        world_name: None,
        include_command_line_api: None,
        run_immediately: None,
    })
    .expect("init script");
    {
        let requests = Arc::clone(&requests);
        let dialogs = Arc::clone(&dialogs);
        let tab_for_dialogs = Arc::clone(&tab);
        tab.add_event_listener(Arc::new(move |event: &Event| match event {
            Event::NetworkRequestWillBeSent(e) => {
                if let Ok(mut r) = requests.lock() {
                    r.push(e.params.request.url.clone());
                }
            }
            Event::PageJavascriptDialogOpening(e) => {
                if let Ok(mut d) = dialogs.lock() {
                    d.push(e.params.message.clone());
                }
                let _ = tab_for_dialogs.get_dialog().dismiss();
            }
            _ => {}
        }))
        .expect("listener");
    }
    let url = format!("file://{}", html_path.display());
    tab.navigate_to(&url)
        .and_then(|t| t.wait_until_navigated())
        .expect("the report loads");
    tab.wait_for_element("html[data-ready=true]")
        .expect("the script ran");
    Some((
        Opened {
            _browser: browser,
            _profile: profile,
            tab,
            requests,
            dialogs,
        },
        html_path,
    ))
}

impl Opened {
    /// Evaluates a JavaScript expression and returns its value (through JSON).
    fn eval(&self, expression: &str) -> Value {
        let wrapped = format!("JSON.stringify((() => {{ return ({expression}); }})() ?? null)");
        let result = self.tab.evaluate(&wrapped, false).expect("evaluates");
        let text = result
            .value
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_else(|| panic!("no value for {expression}: {:?}", result.description));
        serde_json::from_str(&text).expect("JSON")
    }

    fn click(&self, selector: &str) {
        self.tab
            .find_element(selector)
            .and_then(|e| e.click().map(|_| ()))
            .unwrap_or_else(|e| panic!("click {selector}: {e}"));
    }

    /// Saves a screenshot to the target folder.
    fn screenshot(&self, name: &str) -> PathBuf {
        let png = self
            .tab
            .capture_screenshot(Page::CaptureScreenshotFormatOption::Png, None, None, true)
            .expect("screenshot");
        assert!(png.starts_with(b"\x89PNG"));
        let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
            .join("report-tests")
            .join(format!("{name}.png"));
        std::fs::write(&path, png).expect("save the screenshot");
        eprintln!("screenshot: {}", path.display());
        path
    }

    /// Every request the page made was for the page itself (`file:`) or inline data (`data:`).
    fn assert_offline(&self, page: &Path) {
        let requests = self.requests.lock().expect("requests").clone();
        let page_url = format!("file://{}", page.display());
        assert!(
            requests.contains(&page_url),
            "the page itself was requested: {requests:?}"
        );
        let foreign: Vec<&String> = requests
            .iter()
            .filter(|u| !u.starts_with("file:") && !u.starts_with("data:"))
            .collect();
        assert!(foreign.is_empty(), "network requests: {foreign:?}");
        let resources = self.eval(
            "performance.getEntriesByType('resource').map(e => e.name)\
             .filter(n => !n.startsWith('data:') && !n.startsWith('file:'))",
        );
        assert_eq!(resources, Value::Array(vec![]));
    }
}

/// Titles of the unanswered points per side, as the page lists them.
const PANELS_JS: &str =
    "Array.from(document.querySelectorAll('#unanswered .side-panel')).map(p => \
    [p.querySelector('h3').textContent.trim(), \
     Array.from(p.querySelectorAll('button.point')).map(b => b.firstChild.textContent)])";

/// The expected unanswered lists: `[panel heading, titles]` per side with points, in palette
/// order, then the points without a side.
fn expected_panels(map: &counterpoint::Map) -> Value {
    let palette = counterpoint::style::palette::Palette::new(map);
    let sides = palette.used(map);
    let mut groups: BTreeMap<usize, (String, Vec<String>)> = BTreeMap::new();
    for (i, side) in sides.iter().enumerate() {
        groups.insert(i, (side.label.clone(), Vec::new()));
    }
    let none = sides.len();
    for ix in unanswered(map) {
        let node = map.node(ix);
        let i = node
            .side
            .as_deref()
            .and_then(|s| sides.iter().position(|p| p.id == s))
            .unwrap_or(none);
        groups
            .entry(i)
            .or_insert_with(|| ("No side".into(), Vec::new()))
            .1
            .push(node.title.clone());
    }
    Value::Array(
        groups
            .into_values()
            .map(|(label, titles)| {
                serde_json::json!([format!("{label} ({})", titles.len()), titles])
            })
            .collect(),
    )
}

#[test]
fn the_report_works_in_a_browser() {
    let input = fixture("render", "four-day-week.json");
    let Some((page, html_path)) = open_report(std::slice::from_ref(&input), "four-day-week") else {
        return;
    };
    let map = load_fixture("four-day-week.json");
    // Every node of the map is drawn, with its title, and listed.
    let drawn = page.eval(
        "Array.from(document.querySelectorAll('#viewport g.node:not(.legend)')).map(g => g.id).sort()",
    );
    let ids = counterpoint::style::names::NodeIds::new(&map);
    let expected: Vec<Value> = map.nodes().map(|(ix, _)| ids.get(ix).into()).collect();
    let mut sorted: Vec<String> = map.nodes().map(|(ix, _)| ids.get(ix).to_string()).collect();
    sorted.sort();
    assert_eq!(drawn, serde_json::json!(sorted));
    for (ix, node) in map.nodes() {
        let text = page.eval(&format!(
            "document.getElementById('{}').textContent",
            ids.get(ix)
        ));
        assert!(
            text.as_str().is_some_and(|t| t.contains(&node.title)),
            "{} shows its title: {text}",
            node.title
        );
    }
    let listed =
        page.eval("Array.from(document.querySelectorAll('#points li')).map(li => li.dataset.node)");
    assert_eq!(listed, Value::Array(expected));
    // The unanswered lists.
    assert_eq!(page.eval(PANELS_JS), expected_panels(&map));
    assert_eq!(
        page.eval(PANELS_JS),
        serde_json::json!([
            ["Supporters (2)", ["Retention", "Clubs"]],
            ["Opponents (1)", ["Small savings"]],
            ["No side (1)", ["Learning time"]]
        ])
    );
    // Clicking a node in the diagram opens its details.
    page.click("#a-childcare");
    let details = page.eval(
        "({hidden: document.getElementById('details').hidden, \
          title: document.getElementById('details-title').textContent, \
          meta: document.getElementById('details-meta').textContent, \
          text: document.getElementById('details-text').textContent, \
          tags: document.getElementById('details-tags').textContent, \
          citations: document.getElementById('details-citations').textContent, \
          out: document.getElementById('details-out').textContent, \
          inn: document.getElementById('details-in').textContent, \
          selected: Array.from(document.querySelectorAll('#viewport .selected')).map(e => e.id), \
          related: Array.from(document.querySelectorAll('#viewport .related')).map(e => e.id).sort(), \
          current: Array.from(document.querySelectorAll('li[aria-current=true]')).length})",
    );
    assert_eq!(
        details,
        serde_json::json!({
            "hidden": false,
            "title": "Childcare",
            "meta": "rebuttal · argument · Opponentsfalls",
            "text": "Parents pay for childcare on the fifth day.",
            "tags": "#families",
            "citations": "District memo, lines 3–4 (2024)“childcare”",
            "out": "rebuts Four days",
            "inn": "rebutted by Clubs",
            "selected": ["a-childcare"],
            "related": ["a-clubs", "e2", "e4", "s-four-days"],
            "current": 1
        })
    );
    page.screenshot("four-day-week-details");
    // A link in the panel moves the selection; so does an entry of a list.
    page.click("#details-in button");
    assert_eq!(
        page.eval("document.getElementById('details-title').textContent"),
        "Clubs"
    );
    page.click("#unanswered button[data-node='a-small-savings']");
    assert_eq!(
        page.eval("document.getElementById('details-title').textContent"),
        "Small savings"
    );
    // Keyboard: nodes are focusable buttons; Enter opens, Escape closes.
    assert_eq!(
        page.eval("document.getElementById('s-four-days').getAttribute('role') + ' ' + document.getElementById('s-four-days').tabIndex"),
        "button 0"
    );
    page.eval("document.getElementById('s-four-days').focus()");
    page.tab.press_key("Enter").expect("Enter");
    assert_eq!(
        page.eval("document.getElementById('details-title').textContent"),
        "Four days"
    );
    page.tab.press_key("Escape").expect("Escape");
    assert_eq!(page.eval("document.getElementById('details').hidden"), true);
    assert_eq!(page.eval("document.activeElement.id"), "s-four-days");
    // Search and filters dim what does not match and hide it from the lists.
    page.click("#search");
    page.tab.type_str("childcare").expect("type");
    assert_eq!(
        page.eval("document.getElementById('match-count').textContent"),
        "1 of 8 points shown"
    );
    assert_eq!(
        page.eval("Array.from(document.querySelectorAll('#points li:not([hidden])')).map(li => li.dataset.node)"),
        serde_json::json!(["a-childcare"])
    );
    assert_eq!(
        page.eval("document.getElementById('s-four-days').classList.contains('dim')"),
        true
    );
    page.eval("(() => { const s = document.getElementById('search'); s.value = ''; s.dispatchEvent(new Event('input')); })()");
    page.click("#side-filters input[value='con']");
    assert_eq!(
        page.eval("document.getElementById('match-count').textContent"),
        "5 of 8 points shown"
    );
    page.click("#side-filters input[value='con']");
    page.eval("(() => { const t = document.getElementById('tag-filter'); t.value = 'families'; t.dispatchEvent(new Event('change')); })()");
    assert_eq!(
        page.eval("Array.from(document.querySelectorAll('#points li:not([hidden])')).map(li => li.dataset.node)"),
        serde_json::json!(["a-childcare", "a-learning-time"])
    );
    // Zoom changes the view; Fit shows the whole map again.
    page.click("#zoom-fit");
    let before = page.eval("document.querySelector('#viewport svg').getAttribute('viewBox')");
    page.click("#zoom-in");
    assert_ne!(
        page.eval("document.querySelector('#viewport svg').getAttribute('viewBox')"),
        before
    );
    page.click("#zoom-fit");
    assert_eq!(
        page.eval("document.querySelector('#viewport svg').getAttribute('viewBox')"),
        before
    );
    // Text alternatives.
    assert_eq!(
        page.eval("document.getElementById('a-childcare').getAttribute('aria-label')"),
        "Childcare, rebuttal (argument), Opponents, falls"
    );
    // The print stylesheet hides the controls.
    page.tab
        .call_method(Emulation::SetEmulatedMedia {
            media: Some("print".into()),
            features: None,
        })
        .expect("print media");
    assert_eq!(
        page.eval("getComputedStyle(document.querySelector('.controls')).display"),
        "none"
    );
    page.tab
        .call_method(Emulation::SetEmulatedMedia {
            media: Some(String::new()),
            features: None,
        })
        .expect("screen media");
    page.assert_offline(&html_path);
    assert_eq!(page.eval("window.__pwned"), 0);
    assert!(page.dialogs.lock().expect("dialogs").is_empty());
}

#[test]
fn the_hostile_map_runs_no_script_in_a_browser() {
    let input = fixture("render", "hostile.json");
    let Some((page, html_path)) = open_report(std::slice::from_ref(&input), "hostile") else {
        return;
    };
    let map = load_fixture("hostile.json");
    let ids = counterpoint::style::names::NodeIds::new(&map);
    // Open every node's details (the panel is filled by the script) and search for markup.
    for (ix, node) in map.nodes() {
        page.eval(&format!(
            "document.getElementById('{}').dispatchEvent(new MouseEvent('click', {{bubbles: true}}))",
            ids.get(ix)
        ));
        assert_eq!(
            page.eval("document.getElementById('details-title').textContent"),
            Value::String(node.title.clone())
        );
    }
    page.click("#search");
    page.tab.type_str("<script>").expect("type");
    assert_eq!(page.eval("window.__pwned"), 0, "a payload ran");
    assert!(
        page.dialogs.lock().expect("dialogs").is_empty(),
        "a dialog opened"
    );
    assert_eq!(page.eval("document.querySelectorAll('script').length"), 2);
    assert_eq!(
        page.eval("document.querySelectorAll('img, iframe, object, embed').length"),
        0
    );
    assert_eq!(
        page.eval("document.querySelector('h1').textContent"),
        "Hostile \"map\" <script>window.__pwned = 8</script> & </title>"
    );
    assert_eq!(
        page.eval("document.title"),
        "Hostile \"map\" <script>window.__pwned = 8</script> & </title> · counterpoint report"
    );
    page.screenshot("hostile");
    page.assert_offline(&html_path);
}

#[test]
fn the_debate_report_shows_every_point() {
    let input = root().join("arguments");
    let loaded = load(std::slice::from_ref(&input), None).expect("the debate loads");
    if loaded.has_errors() {
        panic!("the debate has errors: {:?}", loaded.diagnostics);
    }
    let Some((page, html_path)) = open_report(std::slice::from_ref(&input), "debate") else {
        return;
    };
    let map = loaded.map;
    let drawn = page.eval("document.querySelectorAll('#viewport g.node:not(.legend)').length");
    assert_eq!(drawn, map.node_count());
    let missing = page.eval(
        "JSON.parse(document.getElementById('map-data').textContent).nodes\
         .filter(n => !document.getElementById(n.dom)).map(n => n.title)",
    );
    assert_eq!(missing, Value::Array(vec![]));
    assert_eq!(page.eval(PANELS_JS), expected_panels(&map));
    page.screenshot("debate");
    page.assert_offline(&html_path);
}
