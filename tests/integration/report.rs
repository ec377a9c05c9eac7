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
use headless_chrome::{Browser, Tab};
use serde_json::Value;

use crate::common::{
    chromium_options, counterpoint, fixture, have_program, read, root, set_viewport,
};

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

// Found by review: a filtered report labels verdicts from the whole map, so reasons worked out
// on the points kept could contradict them ("stands: nobody rebuts it" on a point that falls).
#[test]
fn a_filtered_report_gives_no_reason_that_contradicts_its_verdicts() {
    if !have_program("dot") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("m.argdown");
    std::fs::write(
        &input,
        "===\nsides:\n  pro: {label: Pro}\n  con: {label: Con}\n===\n\n\
         [Claim]: c #x {side: pro}\n\n<Attack>: a {side: con}\n  -> [Claim]\n",
    )
    .expect("write");
    let claim = |extra: &[&str]| {
        let out = dir.path().join("r.html");
        counterpoint()
            .arg("report")
            .arg(&input)
            .args(extra)
            .arg("-o")
            .arg(&out)
            .assert()
            .success();
        let data = embedded_data(&read(&out));
        let node = data["nodes"]
            .as_array()
            .expect("nodes")
            .iter()
            .find(|n| n["title"] == "Claim")
            .cloned()
            .expect("the claim is drawn");
        (node, data["partial"].clone())
    };
    let (whole, partial) = claim(&[]);
    assert_eq!(partial, false);
    assert_eq!(whole["status"], "falls");
    assert!(
        whole["reason"]
            .as_str()
            .is_some_and(|r| r.starts_with("falls")),
        "{whole}"
    );
    let (filtered, partial) = claim(&["--tag", "x"]);
    assert_eq!(partial, true);
    assert_eq!(filtered["status"], "falls");
    assert_eq!(filtered["reason"], Value::Null, "{filtered}");
    assert_eq!(filtered["hinges"], Value::Null, "{filtered}");
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
        .map(|ix| map.node(ix).title.to_string())
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
    open_report_with(inputs, &[], name, (1400, 900), "")
}

/// Emulates the CSS media type `media` (`"print"`; `""` for the screen again).
fn set_media(tab: &Tab, media: &str) {
    tab.call_method(Emulation::SetEmulatedMedia {
        media: Some(media.to_string()),
        features: None,
    })
    .expect("media type");
}

/// The report of the debate in `arguments/`, opened at `size` on `fragment`.
fn open_debate(name: &str, size: (u32, u32), fragment: &str) -> Option<(Opened, PathBuf)> {
    let input = root().join("arguments");
    open_report_with(std::slice::from_ref(&input), &[], name, size, fragment)
}

/// [`open_report`] with more arguments for `report`, a window of `size` (CSS pixels, the page's
/// viewport) and `fragment` (`#...`) after the page's address.
fn open_report_with(
    inputs: &[PathBuf],
    args: &[&str],
    name: &str,
    size: (u32, u32),
    fragment: &str,
) -> Option<(Opened, PathBuf)> {
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
        .args(args)
        .arg("-o")
        .arg(&html_path)
        .assert()
        .success();
    let profile = tempfile::tempdir().expect("profile folder");
    let options = chromium_options(browser_path, profile.path(), size);
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
    set_viewport(&tab, size, false);
    let url = format!("file://{}{fragment}", html_path.display());
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
            .push(node.title.to_string());
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
            text.as_str().is_some_and(|t| t.contains(&*node.title)),
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
    // The full diagram is a view of its own; clicking a node there opens its details.
    page.click("#tab-diagram");
    assert_eq!(page.eval("location.hash"), "#view=diagram");
    assert_eq!(
        page.eval("document.getElementById('view-diagram').hidden"),
        false
    );
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
            "meta": "rebuttal · argument · Opponents✗ falls",
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
    // The reason in words, as `status` gives it, and the strength.
    let status = status_of(&input);
    assert_eq!(
        page.eval("document.getElementById('details-status').textContent"),
        format!(
            "Why: {}",
            status["<Childcare>"]["reason"].as_str().expect("reason")
        )
    );
    assert_eq!(
        page.eval("document.getElementById('details-status').textContent"),
        "Why: falls: rebutted by <Clubs> (pro, strength 0.50), which stands"
    );
    assert_eq!(
        page.eval("document.getElementById('details-strength').textContent"),
        "Strength 0.25 (from 0, no weight left, to 1, unshaken)"
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
    // A thesis: what its verdict hinges on, as `status` words it.
    assert_eq!(
        page.eval(
            "Array.from(document.querySelectorAll('#details-hinges li')).map(li => li.textContent)"
        ),
        serde_json::json!([
            "hinges on: <Clubs> rebuts <Childcare> (without it: falls, strength 0.53)",
            "hinges on: <Learning time> rebuts [Five days] (without it: undecided, strength 0.62)"
        ])
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
    page.click("#side-menu summary");
    page.click("#side-filters input[value='con']");
    assert_eq!(
        page.eval("document.getElementById('match-count').textContent"),
        "5 of 8 points shown"
    );
    page.click("#side-filters input[value='con']");
    page.click("#side-menu summary");
    assert_eq!(
        page.eval("document.getElementById('side-menu').open"),
        false
    );
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
    set_media(&page.tab, "print");
    assert_eq!(
        page.eval("getComputedStyle(document.querySelector('.controls')).display"),
        "none"
    );
    set_media(&page.tab, "");
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
    // A fragment that is not valid percent-encoding opens the map on its first view (found by
    // review: it used to leave the page blank).
    for hash in ["#%", "#node=%E0%A4%A"] {
        go(&page, "#view=outline");
        go(&page, hash);
        assert_eq!(
            page.eval("document.documentElement.getAttribute('data-view')"),
            Value::String("map".into()),
            "{hash}"
        );
        assert!(
            page.eval("document.querySelectorAll('#map-canvas .card').length")
                .as_u64()
                .is_some_and(|n| n > 0),
            "{hash}"
        );
    }
    // Open every node's details (the panel is filled by the script) and search for markup.
    for (ix, node) in map.nodes() {
        page.eval(&format!(
            "document.getElementById('{}').dispatchEvent(new MouseEvent('click', {{bubbles: true}}))",
            ids.get(ix)
        ));
        assert_eq!(
            page.eval("document.getElementById('details-title').textContent"),
            Value::String(node.title.to_string())
        );
    }
    // Every view shows the texts as text: the map centred on each node, the outline, the
    // clashes.
    for (ix, node) in map.nodes() {
        go(&page, &format!("#node={}", ids.get(ix)));
        assert_eq!(
            page.eval(
                "document.querySelector('#map-canvas .card.current .card-title').textContent"
            ),
            Value::String(node.title.to_string())
        );
    }
    let outline = page.eval("Array.from(document.querySelectorAll('#outline [role=treeitem]:not(.again) > .line .t')).map(t => t.textContent).sort()");
    let mut titles: Vec<String> = map.nodes().map(|(_, n)| n.title.to_string()).collect();
    titles.sort();
    assert_eq!(outline, serde_json::json!(titles));
    go(&page, "#view=clashes");
    go(&page, "#view=outline");
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

/// `status --format json` of `input`, by node id.
fn status_of(input: &Path) -> BTreeMap<String, Value> {
    let text = crate::common::stdout_of([
        OsStr::new("status"),
        input.as_os_str(),
        OsStr::new("--format"),
        OsStr::new("json"),
    ]);
    let v: Value = serde_json::from_str(&text).expect("JSON");
    v["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(|n| (n["id"].as_str().expect("id").to_string(), n.clone()))
        .collect()
}

/// The cards of the map view: `{node, font, height, top, bottom, left, right}` of each card's
/// title (font size and box in CSS pixels), and the window and the canvas.
const CARDS_JS: &str = "(() => { \
    const canvas = document.getElementById('map-canvas'); \
    const cards = Array.from(canvas.querySelectorAll('.card')).map(c => { \
      const t = c.querySelector('.card-title'); const r = t.getBoundingClientRect(); \
      const b = c.getBoundingClientRect(); \
      return {node: c.dataset.node, font: parseFloat(getComputedStyle(t).fontSize), \
              line: r.height, top: b.top, bottom: b.bottom, left: b.left, right: b.right}; }); \
    return {cards, width: innerWidth, height: innerHeight, \
            scroll: [document.scrollingElement.scrollWidth, document.scrollingElement.scrollHeight], \
            canvas: [canvas.scrollHeight, canvas.clientHeight, canvas.scrollWidth, canvas.clientWidth]}; })()";

/// Checks that every card of the map view is legible (title text at least 12 px, a line at
/// least 12 px high) and inside the window without scrolling; returns the cards' nodes.
fn assert_cards_fit(page: &Opened, what: &str) -> Vec<String> {
    let v = page.eval(CARDS_JS);
    let (w, h) = (
        v["width"].as_f64().expect("w"),
        v["height"].as_f64().expect("h"),
    );
    let cards = v["cards"].as_array().expect("cards");
    assert!(!cards.is_empty(), "{what}: no cards");
    let smallest = cards
        .iter()
        .filter_map(|c| c["font"].as_f64())
        .fold(f64::INFINITY, f64::min);
    eprintln!("{what}: {} cards, text {smallest} px or more", cards.len());
    for c in cards {
        let f = |k: &str| c[k].as_f64().expect("number");
        assert!(f("font") >= 12.0, "{what}: text under 12 px: {c}");
        assert!(f("line") >= 12.0, "{what}: a title under 12 px high: {c}");
        assert!(
            f("top") >= 0.0 && f("left") >= 0.0 && f("bottom") <= h && f("right") <= w,
            "{what}: a card outside the {w}x{h} window: {c}"
        );
    }
    let canvas = &v["canvas"];
    assert!(
        canvas[0].as_f64() <= canvas[1].as_f64().map(|x| x + 1.0)
            && canvas[2].as_f64() <= canvas[3].as_f64().map(|x| x + 1.0),
        "{what}: the view needs scrolling: {canvas}"
    );
    assert!(
        v["scroll"][0].as_f64() <= Some(w) && v["scroll"][1].as_f64() <= Some(h),
        "{what}: the page scrolls: {}",
        v["scroll"]
    );
    cards
        .iter()
        .map(|c| c["node"].as_str().expect("node").to_string())
        .collect()
}

/// The page's embedded data, read in the browser.
const DATA_JS: &str = "JSON.parse(document.getElementById('map-data').textContent)";

/// Text whose contrast with its background is below WCAG AA (4.5:1, or 3:1 for large text),
/// among the elements shown: `[text, colour, background, ratio]`.
const CONTRAST_JS: &str = "(() => { \
    const parse = s => { const m = s.match(/[\\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; }; \
    const lum = c => { const v = c.slice(0, 3).map(x => { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); }); \
      return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; }; \
    const over = (c, b) => [0, 1, 2].map(i => c[i] * c[3] + b[i] * (1 - c[3])).concat([1]); \
    const background = e => { const layers = []; \
      for (let x = e; x; x = x.parentElement) { const c = parse(getComputedStyle(x).backgroundColor); \
        if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; } } \
      return layers.reverse().reduce((b, c) => over(c, b), [255, 255, 255, 1]); }; \
    const bad = []; let checked = 0; \
    for (const e of document.querySelectorAll('body *')) { \
      if (e.closest('svg, script, style, [hidden]')) continue; \
      const own = Array.from(e.childNodes).some(n => n.nodeType === 3 && n.textContent.trim()); \
      if (!own || e.getClientRects().length === 0) continue; \
      const s = getComputedStyle(e); if (s.visibility !== 'visible') continue; \
      checked++; const bg = background(e); const fg = over(parse(s.color), bg); \
      const a = lum(fg), b = lum(bg); const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); \
      const size = parseFloat(s.fontSize); const large = size >= 24 || (size >= 18.66 && Number(s.fontWeight) >= 700); \
      if (ratio < (large ? 3 : 4.5)) bad.push([e.textContent.trim().slice(0, 40), s.color, String(bg), ratio]); } \
    return {checked, bad}; })()";

fn assert_contrast(page: &Opened, what: &str) {
    let v = page.eval(CONTRAST_JS);
    assert!(v["checked"].as_u64().expect("checked") > 10, "{what}: {v}");
    assert_eq!(v["bad"], serde_json::json!([]), "{what}: low contrast");
}

fn go(page: &Opened, hash: &str) {
    page.eval(&format!(
        "(() => {{ location.hash = '{hash}'; return 1; }})()"
    ));
    // The page answers `hashchange` before the next evaluation returns.
    page.eval("1");
}

#[test]
fn the_debate_report_opens_on_the_motion_at_a_legible_size() {
    let input = root().join("arguments");
    for size in [(1280, 800), (1920, 1080)] {
        let name = format!("debate-{}x{}", size.0, size.1);
        let Some((page, html_path)) =
            open_report_with(std::slice::from_ref(&input), &[], &name, size, "")
        else {
            return;
        };
        let data = page.eval(DATA_JS);
        let motion = data["motion"].as_str().expect("a motion").to_string();
        assert_eq!(
            page.eval("document.getElementById('tab-map').getAttribute('aria-selected')"),
            "true"
        );
        let shown = assert_cards_fit(&page, &name);
        // The motion, each thesis and each thesis's direct reasons.
        let mut wanted = vec![motion.clone()];
        for t in data["theses"].as_array().expect("theses") {
            let t = t.as_str().expect("dom");
            wanted.push(t.to_string());
            let node = data["nodes"]
                .as_array()
                .expect("nodes")
                .iter()
                .find(|n| n["dom"] == t)
                .expect("thesis");
            for r in node["in"].as_array().expect("in") {
                if r["relation"] == "supports" {
                    wanted.push(r["node"].as_str().expect("dom").to_string());
                }
            }
        }
        assert!(wanted.len() > 20, "{wanted:?}");
        let mut got = shown.clone();
        got.sort();
        let mut want = wanted.clone();
        want.sort();
        assert_eq!(got, want, "{name}: the cards of the first view");
        assert_eq!(shown[0], motion, "the motion comes first");
        assert_contrast(&page, &name);
        page.screenshot(&format!("{name}-initial"));
        page.assert_offline(&html_path);
    }
}

#[test]
fn a_node_clicked_in_the_map_is_laid_out_in_its_neighbourhood() {
    let Some((page, _)) = open_debate("debate-focus", (1280, 800), "") else {
        return;
    };
    let data = page.eval(DATA_JS);
    let thesis = data["theses"][1]
        .as_str()
        .expect("a second thesis")
        .to_string();
    page.click(&format!("#map-canvas .card[data-node='{thesis}']"));
    assert_eq!(page.eval("location.hash"), format!("#node={thesis}"));
    let shown = assert_cards_fit(&page, "a thesis");
    assert_eq!(
        page.eval("document.querySelector('#map-canvas .card.current').dataset.node"),
        thesis.as_str()
    );
    // Centred: the current card's middle is the canvas's middle.
    let centre = page.eval(
        "(() => { const c = document.querySelector('#map-canvas .card.current').getBoundingClientRect(); \
          const v = document.getElementById('map-canvas').getBoundingClientRect(); \
          return Math.abs((c.left + c.right) / 2 - (v.left + v.right) / 2); })()",
    );
    assert!(
        centre.as_f64().expect("px") < 20.0,
        "off centre by {centre}"
    );
    // Its neighbours: what it speaks to, what supports it, what attacks it.
    let node = data["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .find(|n| n["dom"] == thesis.as_str())
        .expect("node")
        .clone();
    let mut want: Vec<String> = node["out"]
        .as_array()
        .expect("out")
        .iter()
        .chain(node["in"].as_array().expect("in"))
        .map(|r| r["node"].as_str().expect("dom").to_string())
        .collect();
    want.push(thesis.clone());
    want.sort();
    want.dedup();
    let mut got = shown;
    got.sort();
    got.dedup();
    assert_eq!(got, want);
    // The detail panel: the reason as `status` gives it, the strength, what it hinges on.
    let status = status_of(&root().join("arguments"));
    let id = node["id"].as_str().expect("id");
    assert_eq!(
        page.eval("document.getElementById('details-status').textContent"),
        format!("Why: {}", status[id]["reason"].as_str().expect("reason"))
    );
    assert_eq!(
        page.eval("document.querySelectorAll('#details-hinges li').length"),
        status[id]["hinges_on"]
            .as_array()
            .map_or(0, |h| h.len().max(1))
    );
    // The breadcrumb goes back to the motion; so does Back.
    assert_eq!(
        page.eval("document.querySelector('#crumbs a').textContent"),
        "Motion"
    );
    page.eval("history.back()");
    page.eval("1");
    page.tab
        .wait_for_element("#map-canvas.overview")
        .expect("the first view again");
    assert_eq!(page.eval("location.hash"), "");
    // Keyboard: Tab reaches a card, Enter opens it.
    page.eval(&format!(
        "document.querySelector(\"#map-canvas .card[data-node='{thesis}']\").focus()"
    ));
    page.tab.press_key("Enter").expect("Enter");
    page.tab
        .wait_for_element("#map-canvas.focus")
        .expect("the node's view");
    assert_eq!(page.eval("location.hash"), format!("#node={thesis}"));
    assert_contrast(&page, "a thesis");
    page.screenshot("debate-selected");
}

#[test]
fn the_outline_lists_the_motion_first_and_is_keyboard_navigable() {
    let Some((page, _)) = open_debate("debate-outline", (1280, 800), "#view=outline") else {
        return;
    };
    let data = page.eval(DATA_JS);
    assert_eq!(
        page.eval("document.getElementById('tab-outline').getAttribute('aria-selected')"),
        "true"
    );
    assert_eq!(
        page.eval("document.getElementById('outline').getAttribute('role')"),
        "tree"
    );
    // The views are a tablist: arrows move between the tabs and show their views.
    page.eval("document.getElementById('tab-outline').focus()");
    page.tab.press_key("ArrowRight").expect("key");
    assert_eq!(page.eval("document.activeElement.id"), "tab-clashes");
    assert_eq!(page.eval("location.hash"), "#view=clashes");
    assert_eq!(
        page.eval("document.getElementById('view-outline').hidden"),
        true
    );
    page.tab.press_key("ArrowLeft").expect("key");
    assert_eq!(page.eval("location.hash"), "#view=outline");
    let first = page.eval("document.querySelector('#outline [role=treeitem]').dataset.node");
    assert_eq!(first, data["motion"]);
    // Every point is shown in full exactly once; the other places are links to it.
    let full = page.eval(
        "(() => { const c = {}; document.querySelectorAll('#outline [role=treeitem]:not(.again)')\
         .forEach(li => { c[li.dataset.node] = (c[li.dataset.node] || 0) + 1; }); return c; })()",
    );
    for n in data["nodes"].as_array().expect("nodes") {
        assert_eq!(full[n["dom"].as_str().expect("dom")], 1, "{}", n["title"]);
    }
    // A line: relation, title, verdict (word and mark), strength, citation.
    let line = page
        .eval("document.querySelector('#outline [role=group] [role=treeitem] .line').textContent");
    let line = line.as_str().expect("text");
    assert!(
        line.starts_with("supports") || line.starts_with("rebuts"),
        "{line}"
    );
    assert!(
        line.contains("? undecided") || line.contains("✓ stands") || line.contains("✗ falls"),
        "{line}"
    );
    assert!(line.contains("strength 0."), "{line}");
    // Keyboard: arrows, Home, End, Enter.
    page.eval("document.querySelector('#outline [role=treeitem]').focus()");
    let focused = "document.activeElement.dataset.node";
    let visible = "Array.from(document.querySelectorAll('#outline [role=treeitem]')).filter(li => li.offsetParent !== null).map(li => li.dataset.node)";
    let items = page.eval(visible);
    page.tab.press_key("ArrowDown").expect("key");
    assert_eq!(page.eval(focused), items[1]);
    page.tab.press_key("ArrowUp").expect("key");
    assert_eq!(page.eval(focused), items[0]);
    page.tab.press_key("ArrowLeft").expect("key");
    assert_eq!(
        page.eval("document.activeElement.getAttribute('aria-expanded')"),
        "false"
    );
    assert_eq!(page.eval(visible).as_array().map(Vec::len), Some(1));
    page.tab.press_key("ArrowRight").expect("key");
    assert_eq!(
        page.eval("document.activeElement.getAttribute('aria-expanded')"),
        "true"
    );
    page.tab.press_key("ArrowRight").expect("key");
    assert_eq!(page.eval(focused), items[1], "Right enters the first child");
    page.tab.press_key("ArrowLeft").expect("key");
    page.tab.press_key("ArrowLeft").expect("key");
    assert_eq!(page.eval(focused), items[0], "Left goes up to the parent");
    page.tab.press_key("ArrowRight").expect("key");
    page.tab.press_key("End").expect("key");
    let items = page.eval(visible);
    let last = items
        .as_array()
        .and_then(|a| a.last())
        .cloned()
        .expect("items");
    assert_eq!(page.eval(focused), last);
    page.tab.press_key("Home").expect("key");
    assert_eq!(page.eval(focused), items[0]);
    page.tab.press_key("ArrowDown").expect("key");
    page.tab.press_key("Enter").expect("key");
    page.tab
        .wait_for_element("#map-canvas.focus")
        .expect("the map");
    assert_eq!(
        page.eval("location.hash"),
        format!("#node={}", items[1].as_str().expect("dom"))
    );
    go(&page, "#view=outline");
    // A point reached twice: Enter on its short entry moves to its full entry (its "go there"
    // button is no Tab stop of its own).
    page.click("#outline-expand");
    page.eval(
        "(() => { const li = document.querySelector('#outline [role=treeitem].again'); \
         li.focus(); return li.getAttribute('data-node'); })()",
    );
    let again = page.eval("document.activeElement.getAttribute('data-node')");
    assert_eq!(
        page.eval("document.querySelector('#outline .again button').tabIndex"),
        Value::from(-1)
    );
    page.tab.press_key("Enter").expect("key");
    assert_eq!(page.eval("location.hash"), "#view=outline");
    assert_eq!(
        page.eval("document.activeElement.getAttribute('data-node')"),
        again
    );
    assert_eq!(
        page.eval("document.activeElement.classList.contains('again')"),
        false
    );
    assert_contrast(&page, "the outline");
    page.screenshot("debate-outline");
    // On a phone, nothing overflows sideways, open all the way.
    page.click("#outline-expand");
    set_viewport(&page.tab, (375, 800), true);
    let overflow = page.eval(
        "(() => ({width: innerWidth, page: document.documentElement.scrollWidth, \
          wide: Array.from(document.querySelectorAll('#outline .line')).filter(l => l.getBoundingClientRect().right > innerWidth + 0.5).length}))()",
    );
    assert_eq!(
        overflow,
        serde_json::json!({"width": 375, "page": 375, "wide": 0})
    );
    page.screenshot("debate-outline-phone");
}

#[test]
fn the_clash_view_follows_the_briefs_and_a_filter_lays_out_anew() {
    let Some((page, _)) = open_debate("debate-clashes", (1280, 800), "#view=clashes") else {
        return;
    };
    // One panel per clash, in the order `clashes` gives them.
    let input = root().join("arguments");
    let json = crate::common::stdout_of([
        OsStr::new("clashes"),
        input.as_os_str(),
        OsStr::new("--format"),
        OsStr::new("json"),
    ]);
    let ids = crate::common::clash_point_ids(&json);
    let shown = page.eval(
        "(() => { const d = JSON.parse(document.getElementById('map-data').textContent); \
          const id = new Map(d.nodes.map(n => [n.dom, n.id])); \
          return Array.from(document.querySelectorAll('#clash-list article.clash')).map(a => id.get(a.dataset.node)); })()",
    );
    assert_eq!(shown, serde_json::json!(ids));
    assert!(ids.len() > 10);
    assert_contrast(&page, "the clashes");
    page.screenshot("debate-clashes");
    // The print stylesheet prints the outline and the clashes, not the map or the diagram.
    set_media(&page.tab, "print");
    let printed = page.eval(
        "['view-map', 'view-outline', 'view-clashes', 'view-diagram'].map(id => getComputedStyle(document.getElementById(id)).display)",
    );
    assert_eq!(
        printed,
        serde_json::json!(["none", "block", "block", "none"])
    );
    assert_eq!(
        page.eval("getComputedStyle(document.querySelector('aside')).display"),
        "none"
    );
    set_media(&page.tab, "");
    // A topic filter shows only the points with that tag, laid out at a legible size.
    go(&page, "#view=map");
    page.eval("(() => { const t = document.getElementById('tag-filter'); t.value = 'class-size'; t.dispatchEvent(new Event('change')); })()");
    let mut shown = assert_cards_fit(&page, "#class-size");
    shown.sort();
    let tagged = page.eval(&format!(
        "{DATA_JS}.nodes.filter(n => n.tags.includes('class-size')).map(n => n.dom).sort()"
    ));
    assert_eq!(serde_json::json!(shown), tagged);
    assert!(shown.len() >= 5);
    page.screenshot("debate-class-size");
    // A point clicked among them is laid out in its neighbourhood; Back returns to them.
    page.click("#map-canvas .card");
    page.tab
        .wait_for_element("#map-canvas.focus")
        .expect("the node's view");
    page.eval("history.back()");
    page.tab
        .wait_for_element("#map-canvas.groups")
        .expect("the filtered view again");
    // Filtering from the outline shows what the filter keeps in the map view.
    go(&page, "#view=outline");
    page.eval("(() => { const t = document.getElementById('tag-filter'); t.value = 'survey'; t.dispatchEvent(new Event('change')); })()");
    page.tab
        .wait_for_element("#map-canvas.groups")
        .expect("the filtered view");
    assert_eq!(page.eval("location.hash"), "#view=map");
    // So does a side filter.
    page.eval("(() => { const t = document.getElementById('tag-filter'); t.value = ''; t.dispatchEvent(new Event('change')); })()");
    page.click("#side-menu summary");
    page.eval(
        "document.querySelectorAll('#side-filters input').forEach(c => { \
         c.checked = ['readers-critical', 'lausd'].includes(c.value); \
         c.dispatchEvent(new Event('change')); })",
    );
    let mut shown = assert_cards_fit(&page, "two sides");
    shown.sort();
    let kept = page.eval(&format!(
        "{DATA_JS}.nodes.filter(n => ['readers-critical', 'lausd'].includes(n.side))\
         .map(n => n.dom).sort()"
    ));
    assert_eq!(serde_json::json!(shown), kept);
}

#[test]
fn the_detail_panel_shows_the_cited_lines_from_the_sources_folder_only() {
    let dir = fixture("report", "cited");
    let input = dir.join("map.argdown");
    let page_path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("report-tests-cited.html");
    counterpoint()
        .arg("report")
        .arg(&input)
        .arg("--sources")
        .arg(dir.join("sources"))
        .arg("-o")
        .arg(&page_path)
        .assert()
        .success();
    let page = read(&page_path);
    let data = embedded_data(&page);
    let citations = |title: &str| -> Value {
        data["nodes"]
            .as_array()
            .expect("nodes")
            .iter()
            .find(|n| n["title"] == title)
            .expect(title)["citations"]
            .clone()
    };
    assert_eq!(
        citations("Shorter week")[0]["text"],
        serde_json::json!({"file": "memo.txt", "found": true, "cut": 0, "lines": [
            {"n": 2, "text": "The board met on Monday.", "cited": false},
            {"n": 3, "text": "A four-day week saves", "cited": true},
            {"n": 4, "text": "two percent of the budget.", "cited": true},
            {"n": 5, "text": "The vote was close.", "cited": false}]})
    );
    assert_eq!(
        citations("Shorter week")[1]["text"]["found"],
        Value::Null,
        "no quote"
    );
    assert_eq!(citations("Wrong lines")[0]["text"]["found"], false);
    assert_eq!(citations("First line")[0]["text"]["lines"][0]["n"], 1);
    assert_eq!(
        citations("Past the end")[0]["text"],
        serde_json::json!({"missing": "memo.txt has 5 lines; the citation names line 9"})
    );
    let outside = &citations("Outside")[0]["text"]["missing"];
    assert!(
        outside
            .as_str()
            .is_some_and(|m| m.contains("steps out of its folder")),
        "{outside}"
    );
    assert!(
        !page.contains("do not read"),
        "nothing from outside the folder"
    );
    // Without --sources, no source text at all.
    counterpoint()
        .arg("report")
        .arg(&input)
        .arg("-o")
        .arg(&page_path)
        .assert()
        .success();
    let data = embedded_data(&read(&page_path));
    assert!(data["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .all(|n| n["citations"]
            .as_array()
            .expect("c")
            .iter()
            .all(|c| c["text"].is_null())));
}
