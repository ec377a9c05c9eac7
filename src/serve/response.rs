//! Writing one whole answer and closing the connection: every connection carries one request
//! (`Connection: close`), so a client that sends more requests on it, or a body, cannot make
//! the server keep working for it. Before the connection closes, what the client sent beyond
//! the head is read and thrown away, a little at most ([`LINGER_BYTES`] within
//! [`LINGER_TIME`]), so that the answer is not lost to a reset.

use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::{Duration, Instant};

/// How much of what a client sent beyond its request head is read before closing.
const LINGER_BYTES: usize = 64 * 1024;

/// How long that reading may take.
const LINGER_TIME: Duration = Duration::from_secs(1);

/// A whole answer.
#[derive(Debug, Clone)]
pub(crate) struct Response {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

impl Response {
    /// An answer with this status and body and no headers yet.
    pub(crate) fn new(status: u16, body: impl Into<Vec<u8>>) -> Response {
        Response {
            status,
            headers: Vec::new(),
            body: body.into(),
        }
    }

    /// The answer with one more header (the name and value are the server's own, plain ASCII
    /// without line breaks).
    pub(crate) fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Response {
        self.headers.push((name, value.into()));
        self
    }

    /// The status line, the headers and the blank line.
    fn head(&self) -> String {
        let mut head = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!(
            "Content-Length: {}\r\nConnection: close\r\n\r\n",
            self.body.len()
        ));
        head
    }

    /// Writes the answer to `stream` (without the body when `head_only`, the answer to a
    /// HEAD request) and closes the connection. A client that went away is no error.
    pub(crate) fn send(self, mut stream: TcpStream, head_only: bool) {
        let mut bytes = self.head().into_bytes();
        if !head_only {
            bytes.extend_from_slice(&self.body);
        }
        if stream
            .write_all(&bytes)
            .and_then(|()| stream.flush())
            .is_ok()
        {
            close(stream);
        }
    }
}

/// Closes `stream` after an answer: says no more is coming, then reads and throws away what
/// the client still sends (bounded), so that closing does not reset the connection while
/// the answer is on its way.
pub(crate) fn close(mut stream: TcpStream) {
    if stream.shutdown(Shutdown::Write).is_err() {
        return;
    }
    let deadline = Instant::now() + LINGER_TIME;
    let mut chunk = [0u8; 4096];
    let mut read = 0;
    while read < LINGER_BYTES {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return;
        }
        match stream.read(&mut chunk) {
            Ok(0) => return,
            Ok(n) => read += n,
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(_) => return,
        }
    }
}

/// The reason phrase of the statuses the server gives.
fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        413 => "Content Too Large",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_head_has_the_status_the_headers_the_length_and_says_close() {
        let response = Response::new(405, "only GET and HEAD\n").with_header("Allow", "GET, HEAD");
        assert_eq!(
            response.head(),
            "HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, HEAD\r\n\
             Content-Length: 18\r\nConnection: close\r\n\r\n"
        );
    }
}
