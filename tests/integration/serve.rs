//! `counterpoint serve`: the live preview. The server is started as a reader starts it
//! (`--port 0`, the address read from its first line of output); its answers are checked over
//! plain TCP, and the page in headless Chromium: it shows the map, follows a save within 2 s
//! while keeping the reader's place, and shows a map's errors in a banner above the last good
//! drawing.

use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpStream, UdpSocket};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use headless_chrome::protocol::cdp::Page;
use headless_chrome::{Browser, Tab};
use serde_json::{json, Value};

use crate::common::{chromium_options, have_program, set_viewport, skip};

/// The map the tests edit: a motion, a reason for it and an objection.
const MAP: &str = "===
title: Live map
motion: \"Open the library on Sundays\"
sides:
  pro: {label: \"For\"}
  con: {label: \"Against\"}
===

[Open the library on Sundays]: The town library opens on Sundays too.

[Families read more]: Parents have time to visit on Sundays. {side: pro}
  +> [Open the library on Sundays]

<Staff cost>: Sunday pay costs more than the town can spend. {side: con}
  -> [Open the library on Sundays]
";

/// A running `counterpoint serve`, stopped when dropped.
struct Served {
    child: Child,
    url: String,
    address: SocketAddr,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `counterpoint serve ARGS --port 0` in the folder of the map `map` (named by its
/// file name, as a reader in that folder names it) and reads the address it prints.
fn serve(map: &Path, args: &[&OsStr]) -> Served {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("counterpoint"))
        .current_dir(map.parent().expect("a folder"))
        .arg("serve")
        .arg(map.file_name().expect("a file name"))
        .args(args)
        .args(["--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("counterpoint serve starts");
    let stdout = child.stdout.take().expect("its output");
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("the first line");
    let url = line
        .trim()
        .strip_prefix("counterpoint serve: ")
        .unwrap_or_else(|| panic!("the address line: {line:?}"))
        .to_string();
    let address: SocketAddr = url
        .strip_prefix("http://")
        .and_then(|a| a.strip_suffix('/'))
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| panic!("an address: {url}"));
    assert_eq!(address.ip(), Ipv4Addr::LOCALHOST, "{url}");
    assert_ne!(address.port(), 0);
    Served {
        child,
        url,
        address,
    }
}

/// One HTTP/1.1 GET of `path` with this `Host` header: the status line and the body.
fn get(address: SocketAddr, host: &str, path: &str) -> (String, String) {
    let mut stream = TcpStream::connect(address).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .expect("request");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("answer");
    let status = answer.lines().next().unwrap_or_default().to_string();
    let body = answer
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

/// Waits until `/state` says the first build is done (`problems` tell whether it failed).
fn first_build(served: &Served) -> Value {
    let host = served.address.to_string();
    let start = Instant::now();
    loop {
        let (_, body) = get(served.address, &host, "/state");
        let state: Value = serde_json::from_str(&body).expect("the state is JSON");
        if state["version"].as_u64() > Some(0) {
            return state;
        }
        assert!(start.elapsed() < Duration::from_secs(30), "never built");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn the_server_answers_only_requests_addressed_to_this_machine() {
    let dir = tempfile::tempdir().expect("temp dir");
    let map = dir.path().join("m.argdown");
    std::fs::write(&map, MAP).expect("write");
    let served = serve(&map, &[]);
    first_build(&served);
    let port = served.address.port();
    for host in [format!("127.0.0.1:{port}"), format!("localhost:{port}")] {
        let (status, body) = get(served.address, &host, "/");
        assert_eq!(status, "HTTP/1.1 200 OK", "{host}");
        assert!(body.contains("<title>counterpoint serve</title>"), "{body}");
    }
    // A page of another site that makes its name point here (DNS rebinding) is refused.
    for host in [
        format!("evil.example:{port}"),
        format!("localhost.evil.example:{port}"),
        format!("127.0.0.1:{}", port.wrapping_add(1)),
    ] {
        for path in ["/", "/report", "/events", "/state"] {
            let (status, body) = get(served.address, &host, path);
            assert_eq!(status, "HTTP/1.1 403 Forbidden", "{host}{path}");
            assert_eq!(
                body,
                "counterpoint serve answers only requests addressed to this machine \
                 (localhost, an IP address or the --host name, with the server's port)\n"
            );
        }
    }
    let (status, _) = get(served.address, &format!("127.0.0.1:{port}"), "/nothing");
    assert_eq!(status, "HTTP/1.1 404 Not Found");
    // Listening on 127.0.0.1 only: another loopback address, and this machine's address on
    // its network, find no server on the port.
    let refused = |ip: std::net::IpAddr| {
        TcpStream::connect_timeout(&SocketAddr::new(ip, port), Duration::from_secs(2)).is_err()
    };
    assert!(refused(Ipv4Addr::new(127, 0, 0, 2).into()));
    // Connecting a UDP socket sends nothing; it only picks the address a packet would leave
    // from.
    let outward = UdpSocket::bind("0.0.0.0:0")
        .and_then(|s| s.connect("192.0.2.1:9").map(|()| s))
        .and_then(|s| s.local_addr())
        .map(|a| a.ip())
        .ok()
        .filter(|ip| !ip.is_loopback() && !ip.is_unspecified());
    match outward {
        Some(ip) => assert!(refused(ip), "the server answers on {ip}"),
        None => eprintln!(
            "SKIPPED (not a failure): this machine has no network address besides loopback, \
             so only 127.0.0.2 was tried"
        ),
    }
}

#[test]
fn the_event_stream_tells_of_each_build_at_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let map = dir.path().join("m.argdown");
    std::fs::write(&map, MAP).expect("write");
    let served = serve(&map, &[]);
    first_build(&served);
    let mut stream = TcpStream::connect(served.address).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .expect("timeout");
    write!(
        stream,
        "GET /events HTTP/1.1\r\nHost: {}\r\n\r\n",
        served.address
    )
    .expect("request");
    let mut lines = BufReader::new(stream).lines();
    let mut next_data = || -> Value {
        for line in lines.by_ref() {
            let line = line.expect("a line within 5 s");
            if let Some(data) = line.strip_prefix("data: ") {
                return serde_json::from_str(data).expect("JSON");
            }
        }
        panic!("the stream ended");
    };
    let first = next_data();
    assert_eq!(first["version"], 1);
    // A map with an error: the next event names it, and the last good page stays.
    let saved = Instant::now();
    save(&map, &MAP.replace("{side: con}", "{side: cons}"));
    let second = next_data();
    assert!(
        saved.elapsed() < Duration::from_secs(2),
        "{:?}",
        saved.elapsed()
    );
    assert_eq!(second["version"], 2);
    assert_eq!(second["page"], first["page"]);
    assert_eq!(
        second["problems"][0]["headline"],
        "m.argdown:14:1: error[E004]: unknown side \"cons\" on <Staff cost>"
    );
}

/// Sends `request` as it is over a new connection and reads the whole answer.
fn exchange(address: SocketAddr, request: &[u8]) -> String {
    let mut stream = TcpStream::connect(address).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    stream.write_all(request).expect("request");
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).expect("answer");
    String::from_utf8_lossy(&answer).into_owned()
}

/// Asserts that `/state` answers 200 at once and the server process still runs.
fn still_serving(served: &mut Served) {
    let asked = Instant::now();
    let (status, body) = get(served.address, &served.address.to_string(), "/state");
    assert_eq!(status, "HTTP/1.1 200 OK");
    let state: Value = serde_json::from_str(&body).expect("the state is JSON");
    assert!(state["version"].as_u64() >= Some(1), "{body}");
    assert!(
        asked.elapsed() < Duration::from_secs(2),
        "{:?}",
        asked.elapsed()
    );
    assert!(
        matches!(served.child.try_wait(), Ok(None)),
        "the server has stopped"
    );
}

#[test]
fn a_request_that_declares_a_body_is_refused_and_the_server_lives_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    let map = dir.path().join("m.argdown");
    std::fs::write(&map, MAP).expect("write");
    let mut served = serve(&map, &[]);
    first_build(&served);
    let host = served.address.to_string();
    // A body the client says is 93 GB long: nothing is set aside for it, nothing of it is read.
    let lying = |method: &str, host: &str| {
        format!(
            "{method} /state HTTP/1.1\r\nHost: {host}\r\nContent-Length: 99999999999\r\n\r\nabc"
        )
    };
    let cases = [
        (
            lying("GET", &host),
            "HTTP/1.1 413 Content Too Large",
            "the preview takes no request bodies\n",
        ),
        (
            lying("GET", "evil.example:80"),
            "HTTP/1.1 403 Forbidden",
            "counterpoint serve answers only requests addressed to this machine \
             (localhost, an IP address or the --host name, with the server's port)\n",
        ),
        (
            lying("POST", &host),
            "HTTP/1.1 405 Method Not Allowed",
            "only GET and HEAD\n",
        ),
        (
            format!(
                "GET /report HTTP/1.1\r\nHost: {host}\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n"
            ),
            "HTTP/1.1 413 Content Too Large",
            "the preview takes no request bodies\n",
        ),
        (
            // 40 KiB of headers: past the 16 KiB a head may take.
            format!(
                "GET /state HTTP/1.1\r\nHost: {host}\r\n{}\r\n",
                format!("X-Filler: {}\r\n", "x".repeat(1000)).repeat(40)
            ),
            "HTTP/1.1 431 Request Header Fields Too Large",
            "the request head is too large\n",
        ),
        (
            "\x16\x03\x01\x02\x00\r\n\r\n".to_string(),
            "HTTP/1.1 400 Bad Request",
            "not an HTTP request\n",
        ),
    ];
    for (request, status, body) in &cases {
        let answer = exchange(served.address, request.as_bytes());
        let (head, got) = answer.split_once("\r\n\r\n").unwrap_or_default();
        assert_eq!(head.lines().next(), Some(*status), "{request:.80}");
        assert!(head.contains("\r\nConnection: close"), "{head}");
        assert_eq!(got, *body, "{request:.80}");
        still_serving(&mut served);
        // The same, from a client that goes away without reading the answer.
        let mut stream = TcpStream::connect(served.address).expect("connects");
        stream.write_all(request.as_bytes()).expect("request");
        drop(stream);
        still_serving(&mut served);
    }
}

#[test]
fn a_stalled_client_does_not_hold_up_the_others() {
    let dir = tempfile::tempdir().expect("temp dir");
    let map = dir.path().join("m.argdown");
    std::fs::write(&map, MAP).expect("write");
    let mut served = serve(&map, &[]);
    first_build(&served);
    let host = served.address.to_string();
    // One client sends half a request and waits; one sends nothing; one asks for the report
    // 200 times on one connection and reads nothing.
    let mut half = TcpStream::connect(served.address).expect("connects");
    half.write_all(format!("GET /state HTTP/1.1\r\nHost: {host}\r\n").as_bytes())
        .expect("half a request");
    let silent = TcpStream::connect(served.address).expect("connects");
    let mut greedy = TcpStream::connect(served.address).expect("connects");
    greedy
        .write_all(
            format!("GET /report HTTP/1.1\r\nHost: {host}\r\n\r\n")
                .repeat(200)
                .as_bytes(),
        )
        .expect("200 requests");
    for _ in 0..3 {
        still_serving(&mut served);
    }
    // The greedy client got one answer, and then the connection closed.
    greedy
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    let mut answer = Vec::new();
    greedy.read_to_end(&mut answer).expect("answer");
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer:.200}");
    assert_eq!(answer.matches("HTTP/1.1 ").count(), 1);
    drop((half, silent));
}

#[test]
fn ctrl_c_stops_the_server() {
    let dir = tempfile::tempdir().expect("temp dir");
    let map = dir.path().join("m.argdown");
    std::fs::write(&map, MAP).expect("write");
    let mut served = serve(&map, &[]);
    first_build(&served);
    // SIGINT, as Ctrl-C in a terminal sends it (with `kill`, from procps: .ci/run installs it).
    let killed = Command::new("kill")
        .args(["-INT", &served.child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    let start = Instant::now();
    let status = loop {
        if let Some(status) = served.child.try_wait().expect("wait") {
            break status;
        }
        assert!(start.elapsed() < Duration::from_secs(5), "still running");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(130));
    assert!(
        TcpStream::connect(served.address).is_err(),
        "still listening"
    );
}

// ---------------------------------------------------------------------------------------------
// In a real browser.

/// One browser test of this module at a time: the times they measure are the server's, not
/// those of several Chromiums sharing the machine.
static BROWSER: Mutex<()> = Mutex::new(());

/// The preview open in headless Chromium (holding the turn of this module's browser tests).
struct Opened {
    _turn: MutexGuard<'static, ()>,
    _browser: Browser,
    _profile: tempfile::TempDir,
    tab: Arc<Tab>,
}

/// Starts the server on `map` (with more arguments `args`) and opens its page at 1280×800;
/// `None` when Chromium or `dot` is missing (skipped locally, a failure in CI).
fn open(map: &Path, args: &[&OsStr]) -> Option<(Served, Opened)> {
    let turn = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    if !have_program("dot") {
        return None;
    }
    let browser_path = match std::env::var_os("CHROMIUM") {
        Some(p) => PathBuf::from(p),
        None if have_program("chromium") => PathBuf::from("chromium"),
        None => return None,
    };
    let served = serve(map, args);
    let profile = tempfile::tempdir().expect("profile folder");
    let options = chromium_options(browser_path, profile.path(), (1280, 800));
    let browser = Browser::new(options).expect("Chromium starts");
    let tab = browser.new_tab().expect("a tab");
    set_viewport(&tab, (1280, 800), false);
    tab.navigate_to(&served.url)
        .and_then(|t| t.wait_until_navigated())
        .expect("the page loads");
    let opened = Opened {
        _turn: turn,
        _browser: browser,
        _profile: profile,
        tab,
    };
    Some((served, opened))
}

/// The shown report's document and window in the expressions below.
const FRAME: &str = "const f = document.querySelector('#frames iframe:not(.loading)'); \
                     const d = f && f.contentDocument; const w = f && f.contentWindow;";

impl Opened {
    /// Evaluates `expression` (which may use `d` and `w`, the shown report's document and
    /// window, or `null`) and returns its value through JSON.
    fn eval(&self, expression: &str) -> Value {
        let wrapped = format!(
            "JSON.stringify((() => {{ {FRAME} try {{ return ({expression}); }} \
             catch (e) {{ return null; }} }})() ?? null)"
        );
        let result = self.tab.evaluate(&wrapped, false).expect("evaluates");
        let text = result
            .value
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_else(|| panic!("no value for {expression}: {:?}", result.description));
        serde_json::from_str(&text).expect("JSON")
    }

    /// Waits (up to `limit`) until `expression` is true; how long it took.
    fn wait(&self, expression: &str, limit: Duration) -> Duration {
        let start = Instant::now();
        loop {
            if self.eval(expression) == json!(true) {
                return start.elapsed();
            }
            assert!(
                start.elapsed() < limit,
                "not within {limit:?}: {expression}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The titles in the shown report's list of all points.
    fn points(&self) -> Value {
        self.eval(
            "Array.from(d.querySelectorAll('#points button.point')).map(b => b.firstChild.textContent)",
        )
    }

    /// Saves a screenshot to the target folder.
    fn screenshot(&self, name: &str) -> PathBuf {
        let png = self
            .tab
            .capture_screenshot(Page::CaptureScreenshotFormatOption::Png, None, None, true)
            .expect("screenshot");
        assert!(png.starts_with(b"\x89PNG"));
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("serve-tests");
        std::fs::create_dir_all(&dir).expect("screenshot folder");
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png).expect("save the screenshot");
        eprintln!("screenshot: {}", path.display());
        path
    }
}

/// The report is on screen: its script ran.
const READY: &str = "d !== null && d.documentElement.getAttribute('data-ready') === 'true'";

/// Writes `text` to `path` as an editor saves: a new file renamed over the old one.
fn save(path: &Path, text: &str) {
    let temp = path.with_extension("argdown.saving");
    std::fs::write(&temp, text).expect("write");
    std::fs::rename(&temp, path).expect("rename");
}

#[test]
fn a_save_shows_in_the_page_within_two_seconds_where_the_reader_was() {
    let dir = tempfile::tempdir().expect("temp dir");
    let map = dir.path().join("m.argdown");
    std::fs::write(&map, MAP).expect("write");
    let Some((_served, page)) = open(&map, &[]) else {
        skip("the serve page in Chromium (needs chromium and dot)");
        return;
    };
    page.wait(READY, Duration::from_secs(30));
    assert_eq!(page.eval("d.querySelector('h1').textContent"), "Live map");
    assert_eq!(
        page.points(),
        json!([
            "Open the library on Sundays",
            "Families read more",
            "Staff cost"
        ])
    );
    // The page itself loaded nothing but this server's addresses.
    let foreign = page.eval(
        "performance.getEntriesByType('resource').map(e => e.name)\
         .concat(w.performance.getEntriesByType('resource').map(e => e.name))\
         .filter(n => !n.startsWith(location.origin + '/'))",
    );
    assert_eq!(foreign, json!([]));
    page.screenshot("serve-map");
    // The reader opens the full diagram, zooms in twice, selects a point and closes an
    // outline item; the top page carries a mark that a reload would lose.
    page.eval("(w.location.hash = '#view=diagram', true)");
    page.wait(
        "d.documentElement.getAttribute('data-view') === 'diagram'",
        Duration::from_secs(5),
    );
    page.eval("(d.getElementById('zoom-in').click(), d.getElementById('zoom-in').click(), true)");
    let selected = page.eval(
        "(() => { const b = Array.from(d.querySelectorAll('#points button.point'))\
         .find(b => b.firstChild.textContent === 'Staff cost'); b.click(); \
         return b.getAttribute('data-node'); })()",
    );
    let motion = page.eval("d.querySelector('#outline [aria-expanded]').getAttribute('data-node')");
    page.eval(
        "(d.querySelector('#outline [aria-expanded]').setAttribute('aria-expanded', 'false'), \
         window.__kept = 'no reload', true)",
    );
    assert_eq!(
        page.eval("d.getElementById('details-title').textContent"),
        "Staff cost"
    );
    let zoomed = page.eval("d.querySelector('#viewport svg').getAttribute('viewBox')");
    let first_page = page.eval("document.documentElement.getAttribute('data-page')");

    let changed = MAP.replace(
        "<Staff cost>: Sunday pay",
        "<Staff cost>: Overtime pay on Sundays",
    )
        + "\n<Volunteers>: Volunteers can staff Sunday hours. {side: pro}\n  -> <Staff cost>\n";
    let saved = Instant::now();
    save(&map, &changed);
    page.wait(
        "Array.from(d.querySelectorAll('#points button.point')).some(b => b.firstChild.textContent === 'Volunteers')",
        Duration::from_secs(2),
    );
    let took = saved.elapsed();
    eprintln!("the page showed the save after {} ms", took.as_millis());
    assert!(took < Duration::from_secs(2), "{took:?}");
    assert_ne!(
        page.eval("document.documentElement.getAttribute('data-page')"),
        first_page
    );
    // Not reloaded, and the reader's place kept.
    assert_eq!(page.eval("window.__kept"), "no reload");
    assert_eq!(page.eval("w.counterpointPlace.get().selected"), selected);
    assert_eq!(
        page.eval("d.getElementById('details-title').textContent"),
        "Staff cost"
    );
    assert_eq!(
        page.eval("d.getElementById('details-text').textContent"),
        "Overtime pay on Sundays costs more than the town can spend."
    );
    assert_eq!(page.eval("d.getElementById('details').hidden"), false);
    assert_eq!(
        page.eval("d.documentElement.getAttribute('data-view')"),
        "diagram"
    );
    assert_eq!(
        page.eval("d.querySelector('#viewport svg').getAttribute('viewBox')"),
        zoomed
    );
    assert_eq!(
        page.eval(&format!(
            "d.querySelector('#outline [data-node=\"{}\"][aria-expanded]').getAttribute('aria-expanded')",
            motion.as_str().expect("an id")
        )),
        "false"
    );
    assert_eq!(
        page.eval("document.querySelectorAll('#frames iframe').length"),
        1
    );
    page.screenshot("serve-after-save");
}

#[test]
fn a_map_with_an_error_shows_a_banner_above_the_last_good_drawing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let map = dir.path().join("m.argdown");
    std::fs::write(&map, MAP).expect("write");
    let Some((_served, page)) = open(&map, &[]) else {
        skip("the serve page in Chromium (needs chromium and dot)");
        return;
    };
    page.wait(READY, Duration::from_secs(30));
    assert_eq!(page.eval("document.getElementById('banner').hidden"), true);
    let good = page.points();
    let first_page = page.eval("document.documentElement.getAttribute('data-page')");

    save(
        &map,
        &(MAP.replace("{side: con}", "{side: cons}") + "\n[New point]: never drawn. {side: pro}\n"),
    );
    page.wait(
        "!document.getElementById('banner').hidden",
        Duration::from_secs(2),
    );
    assert_eq!(
        page.eval("document.getElementById('banner-title').textContent"),
        "The map has a problem"
    );
    assert_eq!(
        page.eval(
            "Array.from(document.querySelectorAll('#problems code')).map(c => c.textContent)"
        ),
        json!(["m.argdown:14:1: error[E004]: unknown side \"cons\" on <Staff cost>"])
    );
    assert_eq!(
        page.eval("document.querySelector('#problems pre').textContent"),
        "   |\n14 | <Staff cost>: Sunday pay costs more than the town can spend. {side: cons}\n   \
         | ^^^^^^^^^^^^\n   = help: declared sides are: pro, con"
    );
    // The last good drawing stays.
    assert_eq!(page.points(), good);
    assert_eq!(
        page.eval("document.documentElement.getAttribute('data-page')"),
        first_page
    );
    page.screenshot("serve-error");

    // Fixed: the banner goes, the new drawing comes.
    save(
        &map,
        &(MAP.to_string() + "\n[New point]: drawn now. {side: pro}\n"),
    );
    page.wait(
        "document.getElementById('banner').hidden && \
         Array.from(d.querySelectorAll('#points button.point')).some(b => b.firstChild.textContent === 'New point')",
        Duration::from_secs(2),
    );
}

#[test]
fn a_map_broken_from_the_start_says_nothing_is_drawn_yet() {
    let dir = tempfile::tempdir().expect("temp dir");
    let map = dir.path().join("m.argdown");
    std::fs::write(&map, MAP.replace("{side: con}", "{side: cons}")).expect("write");
    let Some((served, page)) = open(&map, &[]) else {
        skip("the serve page in Chromium (needs chromium and dot)");
        return;
    };
    let state = first_build(&served);
    assert_eq!(state["page"], Value::Null);
    page.wait(
        "!document.getElementById('banner').hidden",
        Duration::from_secs(5),
    );
    assert_eq!(
        page.eval("document.getElementById('banner-note').textContent"),
        "Nothing can be drawn until it is fixed."
    );
    assert_eq!(
        page.eval("document.getElementById('waiting').textContent"),
        "No drawing yet."
    );
    let (status, _) = get(served.address, &served.address.to_string(), "/report");
    assert_eq!(status, "HTTP/1.1 503 Service Unavailable");
    save(&map, MAP);
    page.wait(READY, Duration::from_secs(2));
    assert_eq!(page.eval("document.getElementById('banner').hidden"), true);
}

#[test]
fn a_save_to_the_debate_shows_in_the_page() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("arguments");
    std::fs::create_dir(&folder).expect("folder");
    for entry in std::fs::read_dir(crate::common::root().join("arguments")).expect("arguments/") {
        let path = entry.expect("an entry").path();
        if path.extension().is_some_and(|e| e == "argdown") {
            std::fs::copy(&path, folder.join(path.file_name().expect("a name"))).expect("copy");
        }
    }
    let Some((_served, page)) = open(&folder, &[]) else {
        skip("the serve page in Chromium (needs chromium and dot)");
        return;
    };
    page.wait(READY, Duration::from_secs(60));
    let file = folder.join("40-cde.argdown");
    let original = std::fs::read_to_string(&file).expect("read");
    let mut times = Vec::new();
    for round in 1..=3 {
        let title = format!("Live preview probe {round}");
        save(
            &file,
            &format!("{original}\n[{title}]: A point added while the page is open.\n"),
        );
        let saved = Instant::now();
        page.wait(
            &format!(
                "Array.from(d.querySelectorAll('#points button.point')).some(b => b.firstChild.textContent === '{title}')"
            ),
            // About a second on an idle machine (README); the bound leaves room for a CI
            // machine busy with the other tests, and still catches a save that is missed.
            Duration::from_secs(10),
        );
        times.push(saved.elapsed().as_millis());
    }
    eprintln!("the debate's page showed each save after {times:?} ms");
    page.screenshot("serve-debate");
    // A slip in a heading: the banner names it, the drawing stays.
    save(&file, &original.replacen("{side: cde}", "{side: cdee}", 1));
    page.wait(
        "!document.getElementById('banner').hidden",
        Duration::from_secs(10),
    );
    let headlines = page
        .eval("Array.from(document.querySelectorAll('#problems code')).map(c => c.textContent)");
    let first = headlines[0].as_str().unwrap_or_default();
    assert!(
        first.starts_with("arguments/40-cde.argdown:1:") && first.contains("error[E004]"),
        "{headlines}"
    );
    assert_eq!(page.eval(READY), true);
    page.screenshot("serve-debate-error");
}

#[test]
fn a_changed_source_text_shows_in_the_details_of_the_point_that_cites_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let sources = dir.path().join("sources");
    std::fs::create_dir(&sources).expect("sources folder");
    std::fs::write(sources.join("memo.txt"), "Buses cost less on four days.\n").expect("write");
    let map = dir.path().join("m.argdown");
    std::fs::write(
        &map,
        "===\nsources:\n  memo: {title: \"Memo\", file: \"memo.txt\"}\n===\n\n\
         [Savings]: Four days save money. {cite: \"memo:1\"}\n",
    )
    .expect("write");
    let Some((_served, page)) = open(&map, &[OsStr::new("--sources"), OsStr::new("sources")])
    else {
        skip("the serve page in Chromium (needs chromium and dot)");
        return;
    };
    page.wait(READY, Duration::from_secs(30));
    page.eval("(d.querySelector('#points button.point').click(), true)");
    let cited = "d.getElementById('details-citations').textContent";
    assert!(
        page.eval(cited)
            .as_str()
            .is_some_and(|t| t.contains("Buses cost less on four days.")),
        "{}",
        page.eval(cited)
    );
    std::fs::write(sources.join("memo.txt"), "Buses and heating cost less.\n").expect("write");
    page.wait(
        &format!("{cited}.includes('Buses and heating cost less.')"),
        Duration::from_secs(2),
    );
    assert_eq!(
        page.eval("d.getElementById('details-title').textContent"),
        "Savings"
    );
}
