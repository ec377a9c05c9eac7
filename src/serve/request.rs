//! Reading one request from a connection: only its head (the request line and the headers,
//! parsed by `httparse`), at most [`MAX_HEAD`] bytes within [`HEAD_TIME`]. The preview takes
//! no request bodies, so none is ever read: a request that declares one is refused (413)
//! whatever length it claims, and nothing is set aside for it.

use std::io::{ErrorKind, Read};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// The most bytes a request head may take; a longer one is refused (431).
pub(crate) const MAX_HEAD: usize = 16 * 1024;

/// The most headers a request may have; more are refused (431).
const MAX_HEADERS: usize = 64;

/// How long a client has to send its whole head; a slower one is refused (408).
pub(crate) const HEAD_TIME: Duration = Duration::from_secs(10);

/// The parts of a request head the routes look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Request {
    /// `GET`, `HEAD`, … as sent.
    pub(crate) method: String,
    /// The request target without its query and fragment, e.g. `/state`.
    pub(crate) path: String,
    /// The `Host` header, if there is one.
    pub(crate) host: Option<String>,
    /// Whether the request declares a body (a `Transfer-Encoding`, or a `Content-Length` other
    /// than 0).
    pub(crate) body: bool,
}

/// Why no request could be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// Not an HTTP/1.x request head (400).
    Malformed,
    /// A head longer than [`MAX_HEAD`] or with more than [`MAX_HEADERS`] headers (431).
    TooLarge,
    /// The head did not arrive within [`HEAD_TIME`] (408).
    Slow,
    /// The connection closed or failed before a whole head: nothing to answer.
    Gone,
}

/// Reads the head of one request from `stream` (see the module documentation).
pub(crate) fn read(stream: &mut TcpStream) -> Result<Request, Refusal> {
    let deadline = Instant::now() + HEAD_TIME;
    let mut head: Vec<u8> = Vec::with_capacity(1024);
    let mut chunk = [0u8; 2048];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return Err(Refusal::Slow);
        }
        let n = match stream.read(&mut chunk) {
            Ok(0) => return Err(Refusal::Gone),
            Ok(n) => n,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return Err(Refusal::Slow)
            }
            Err(_) => return Err(Refusal::Gone),
        };
        // What follows the head (a body, another request) is never looked at.
        let room = MAX_HEAD.saturating_sub(head.len()).min(n);
        head.extend_from_slice(&chunk[..room]);
        if let Some(request) = parse(&head)? {
            return Ok(request);
        }
        if head.len() >= MAX_HEAD {
            return Err(Refusal::TooLarge);
        }
    }
}

/// The request in `head`, or `None` while it is incomplete.
fn parse(head: &[u8]) -> Result<Option<Request>, Refusal> {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut parsed = httparse::Request::new(&mut headers);
    match parsed.parse(head) {
        Ok(httparse::Status::Partial) => return Ok(None),
        Ok(httparse::Status::Complete(_)) => {}
        Err(httparse::Error::TooManyHeaders) => return Err(Refusal::TooLarge),
        Err(_) => return Err(Refusal::Malformed),
    }
    let (Some(method), Some(target)) = (parsed.method, parsed.path) else {
        return Err(Refusal::Malformed);
    };
    let mut host = None;
    let mut body = false;
    for header in parsed.headers.iter() {
        let value = std::str::from_utf8(header.value).map(str::trim);
        if header.name.eq_ignore_ascii_case("host") {
            host = Some(value.map_err(|_| Refusal::Malformed)?.to_string());
        } else if header.name.eq_ignore_ascii_case("transfer-encoding") {
            body = true;
        } else if header.name.eq_ignore_ascii_case("content-length") {
            body |= value.map_or(true, |v| v.parse::<u64>() != Ok(0));
        }
    }
    Ok(Some(Request {
        method: method.to_string(),
        path: target
            .split(['?', '#'])
            .next()
            .unwrap_or_default()
            .to_string(),
        host,
        body,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(method: &str, path: &str, host: Option<&str>, body: bool) -> Request {
        Request {
            method: method.into(),
            path: path.into(),
            host: host.map(Into::into),
            body,
        }
    }

    #[test]
    fn a_head_gives_method_path_host_and_whether_a_body_is_declared() {
        let cases = [
            (
                "GET /state?x=1 HTTP/1.1\r\nHost: localhost:80\r\n\r\n",
                request("GET", "/state", Some("localhost:80"), false),
            ),
            (
                "HEAD / HTTP/1.0\r\nhost:  [::1]:9 \r\nContent-Length: 0\r\n\r\n",
                request("HEAD", "/", Some("[::1]:9"), false),
            ),
            (
                "GET /state HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\nabc",
                request("GET", "/state", None, true),
            ),
            (
                "POST / HTTP/1.1\r\nContent-Length: 999999999999999999999999\r\n\r\n",
                request("POST", "/", None, true),
            ),
            (
                "GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n",
                request("GET", "/", None, true),
            ),
        ];
        for (head, expected) in cases {
            assert_eq!(parse(head.as_bytes()), Ok(Some(expected)), "{head}");
        }
    }

    #[test]
    fn incomplete_malformed_and_crowded_heads() {
        assert_eq!(parse(b"GET / HTTP/1.1\r\nHost: x"), Ok(None));
        assert_eq!(parse(b"GET / HTTP/1.1\r\n"), Ok(None));
        assert_eq!(
            parse(b"\x16\x03\x01 hello\r\n\r\n"),
            Err(Refusal::Malformed)
        );
        assert_eq!(
            parse(b"GET / HTTP/1.1\r\nHost: \xff\r\n\r\n"),
            Err(Refusal::Malformed)
        );
        let crowded = format!(
            "GET / HTTP/1.1\r\n{}\r\n",
            "A: b\r\n".repeat(MAX_HEADERS + 1)
        );
        assert_eq!(parse(crowded.as_bytes()), Err(Refusal::TooLarge));
    }
}
