//! Server-sent events: one `data:` line of JSON (see `Snapshot::to_json`) when a page is
//! opened and after every build, and a comment now and then so that a closed page is noticed
//! (the write fails) and its thread ends.

use std::io::Write;
use std::net::TcpStream;
use std::time::Duration;

use super::live::{Live, Snapshot};

/// How long a stream stays silent before a keep-alive comment.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// The response head: the body has no length, and ends when the connection closes.
const HEAD: &str = "HTTP/1.1 200 OK\r\n\
    Content-Type: text/event-stream; charset=utf-8\r\n\
    Cache-Control: no-store\r\n\
    X-Content-Type-Options: nosniff\r\n\
    Connection: close\r\n\r\n";

/// One event: the state as one line of JSON (JSON text has no raw line breaks).
fn event(snapshot: &Snapshot) -> String {
    format!("data: {}\n\n", snapshot.to_json())
}

/// Streams the states to the page on `out` until it goes away.
pub(crate) fn stream(mut out: TcpStream, live: &Live) {
    let now = live.now();
    let mut seen = now.version;
    // A page that lost the server tries again after a second.
    let first = format!("{HEAD}retry: 1000\n{}", event(&now));
    if out
        .write_all(first.as_bytes())
        .and_then(|()| out.flush())
        .is_err()
    {
        return;
    }
    loop {
        let text = match live.newer_than(seen, KEEP_ALIVE) {
            Some(snapshot) => {
                seen = snapshot.version;
                event(&snapshot)
            }
            None => ": still here\n\n".to_string(),
        };
        if out
            .write_all(text.as_bytes())
            .and_then(|()| out.flush())
            .is_err()
        {
            return;
        }
    }
}
