//! The HTTP routes: `/` the live page, `/report` the last good report, `/events` the stream of
//! states (server-sent events), `/state` the state now as JSON. Every request first passes the
//! `Host` guard (403 otherwise); only GET and HEAD are answered (405 otherwise), and only
//! without a body (413 otherwise).

use std::net::TcpStream;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use super::events;
use super::host::Hosts;
use super::live::Live;
use super::page;
use super::request::{self, Refusal, Request};
use super::response::Response;

/// How many event streams may be open at once (each holds a thread).
const MAX_STREAMS: usize = 32;

/// What the routes need: the live state, the hosts allowed, the streams open.
#[derive(Debug)]
pub(crate) struct Site {
    pub(crate) live: Arc<Live>,
    pub(crate) hosts: Hosts,
    pub(crate) streams: Arc<AtomicUsize>,
}

/// A whole answer with the headers of every answer: its type, no caching, no sniffing, no
/// referrer, and no framing by another site's page.
fn answer(status: u16, content_type: &str, policy: Option<&str>, body: &str) -> Response {
    Response::new(status, body)
        .with_header("Content-Type", content_type)
        .with_header("Cache-Control", "no-store")
        .with_header("X-Content-Type-Options", "nosniff")
        .with_header("Referrer-Policy", "no-referrer")
        .with_header(
            "Content-Security-Policy",
            policy.unwrap_or("frame-ancestors 'self'"),
        )
}

/// A short plain-text answer.
fn text(status: u16, body: &str) -> Response {
    answer(status, "text/plain; charset=utf-8", None, body)
}

/// Reads one request from `stream` and answers it. An event stream is handed to a thread of
/// its own.
pub(crate) fn handle(mut stream: TcpStream, site: &Site) {
    let request = match request::read(&mut stream) {
        Ok(request) => request,
        Err(refusal) => {
            let response = match refusal {
                Refusal::Malformed => text(400, "not an HTTP request\n"),
                Refusal::TooLarge => text(431, "the request head is too large\n"),
                Refusal::Slow => text(408, "the request took too long to arrive\n"),
                Refusal::Gone => return,
            };
            response.send(stream, false);
            return;
        }
    };
    let head_only = request.method == "HEAD";
    match route(&request, site) {
        Some(response) => response.send(stream, head_only),
        None => stream_events(stream, site),
    }
}

/// The answer to `request`, or `None` for an event stream.
fn route(request: &Request, site: &Site) -> Option<Response> {
    if !site.hosts.allow(request.host.as_deref()) {
        return Some(text(
            403,
            "counterpoint serve answers only requests addressed to this machine \
             (localhost, an IP address or the --host name, with the server's port)\n",
        ));
    }
    if !matches!(request.method.as_str(), "GET" | "HEAD") {
        return Some(text(405, "only GET and HEAD\n").with_header("Allow", "GET, HEAD"));
    }
    if request.body {
        return Some(text(413, "the preview takes no request bodies\n"));
    }
    Some(match request.path.as_str() {
        "/" => answer(
            200,
            "text/html; charset=utf-8",
            Some(&page::policy()),
            &page::shell(),
        ),
        "/report" => match site.live.now().page {
            Some(page) => answer(200, "text/html; charset=utf-8", None, &page),
            None => text(503, "the map has not been drawn yet\n"),
        },
        "/state" => answer(
            200,
            "application/json",
            None,
            &site.live.now().to_json().to_string(),
        ),
        "/events" if request.method == "HEAD" => {
            answer(200, "text/event-stream; charset=utf-8", None, "")
        }
        "/events" => return None,
        _ => text(404, "not found\n"),
    })
}

/// Starts the event stream on `stream` on a thread of its own, or answers 503 when too many
/// are open.
fn stream_events(stream: TcpStream, site: &Site) {
    if site.streams.fetch_add(1, Ordering::SeqCst) >= MAX_STREAMS {
        site.streams.fetch_sub(1, Ordering::SeqCst);
        text(503, "too many open pages\n").send(stream, false);
        return;
    }
    let live = Arc::clone(&site.live);
    let streams = Arc::clone(&site.streams);
    let spawned = std::thread::Builder::new()
        .name("serve-events".into())
        .spawn(move || {
            events::stream(stream, &live);
            streams.fetch_sub(1, Ordering::SeqCst);
        });
    if spawned.is_err() {
        site.streams.fetch_sub(1, Ordering::SeqCst);
    }
}
