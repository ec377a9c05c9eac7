//! The HTTP routes: `/` the live page, `/report` the last good report, `/events` the stream of
//! states (server-sent events), `/state` the state now as JSON. Every request first passes the
//! `Host` guard (403 otherwise); only GET and HEAD are answered.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use tiny_http::{Header, Method, Request, Response, StatusCode};

use super::events;
use super::host::Hosts;
use super::live::Live;
use super::page;

/// How many event streams may be open at once (each holds a thread).
const MAX_STREAMS: usize = 32;

/// What the routes need: the live state, the hosts allowed, the streams open.
#[derive(Debug)]
pub(crate) struct Site {
    pub(crate) live: Arc<Live>,
    pub(crate) hosts: Hosts,
    pub(crate) streams: Arc<AtomicUsize>,
}

/// A header from a name and value known to be plain ASCII (`None` otherwise, and left out).
fn header(name: &str, value: &str) -> Option<Header> {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

/// The headers of every answer: its type, no caching, no sniffing, no referrer, and no framing
/// by another site's page.
fn headers(content_type: &str, policy: Option<&str>) -> Vec<Header> {
    [
        header("Content-Type", content_type),
        header("Cache-Control", "no-store"),
        header("X-Content-Type-Options", "nosniff"),
        header("Referrer-Policy", "no-referrer"),
        header(
            "Content-Security-Policy",
            policy.unwrap_or("frame-ancestors 'self'"),
        ),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// A whole answer.
fn answer(
    status: u16,
    content_type: &str,
    policy: Option<&str>,
    body: &str,
) -> Response<std::io::Cursor<Vec<u8>>> {
    let mut response =
        Response::from_data(body.as_bytes().to_vec()).with_status_code(StatusCode(status));
    for h in headers(content_type, policy) {
        response.add_header(h);
    }
    response
}

/// A short plain-text answer.
fn text(status: u16, body: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    answer(status, "text/plain; charset=utf-8", None, body)
}

/// Answers one request. An event stream is handed to a thread of its own.
pub(crate) fn handle(request: Request, site: &Site) {
    let host = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Host"))
        .map(|h| h.value.as_str().to_string());
    if !site.hosts.allow(host.as_deref()) {
        let _ = request.respond(text(
            403,
            "counterpoint serve answers only requests addressed to this machine \
             (localhost, an IP address or the --host name, with the server's port)\n",
        ));
        return;
    }
    if !matches!(request.method(), Method::Get | Method::Head) {
        let mut response = text(405, "only GET and HEAD\n");
        if let Some(allow) = header("Allow", "GET, HEAD") {
            response.add_header(allow);
        }
        let _ = request.respond(response);
        return;
    }
    let path = request
        .url()
        .split(['?', '#'])
        .next()
        .unwrap_or_default()
        .to_string();
    let response = match path.as_str() {
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
        "/events" if *request.method() == Method::Head => {
            answer(200, "text/event-stream; charset=utf-8", None, "")
        }
        "/events" => {
            stream(request, site);
            return;
        }
        _ => text(404, "not found\n"),
    };
    let _ = request.respond(response);
}

/// Starts the event stream of `request` on a thread of its own, or answers 503 when too many
/// are open.
fn stream(request: Request, site: &Site) {
    if site.streams.fetch_add(1, Ordering::SeqCst) >= MAX_STREAMS {
        site.streams.fetch_sub(1, Ordering::SeqCst);
        let _ = request.respond(text(503, "too many open pages\n"));
        return;
    }
    let live = Arc::clone(&site.live);
    let streams = Arc::clone(&site.streams);
    let spawned = std::thread::Builder::new()
        .name("serve-events".into())
        .spawn(move || {
            events::stream(request, &live);
            streams.fetch_sub(1, Ordering::SeqCst);
        });
    if spawned.is_err() {
        site.streams.fetch_sub(1, Ordering::SeqCst);
    }
}
