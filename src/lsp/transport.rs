//! The framing of messages over standard input and output: `Content-Length` headers, each
//! body one JSON-RPC message. Ours rather than `lsp_server`'s reader so that a body that is
//! not JSON, or not a message, is answered with the protocol's error (id `null`) and the
//! server goes on, instead of the server stopping. Headers are bounded, and so is a body.

use std::io::{self, BufRead, Read, Write};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use lsp_server::{Connection, Message};
use serde_json::{json, Value};

/// The most header bytes one message may have.
const MAX_HEADER_BYTES: usize = 8 * 1024;
/// The largest body read; a larger one is passed over and answered with an error.
const MAX_BODY_BYTES: usize = 64 * 1024 * 1024;

/// JSON-RPC's code for a body that is not JSON.
const PARSE_ERROR: i64 = -32700;
/// JSON-RPC's code for JSON that is not a message.
const INVALID_REQUEST: i64 = -32600;

/// The server's side of a connection over standard input and output, and the thread that
/// writes its messages (joined once the server's side is dropped). The reading thread stops
/// at the end of the input or after the `exit` notification.
pub(crate) fn stdio() -> (Connection, JoinHandle<io::Result<()>>) {
    let (server, client) = Connection::memory();
    let out = Arc::new(Mutex::new(io::stdout()));
    let reader_out = Arc::clone(&out);
    let to_server = client.sender;
    std::thread::spawn(move || {
        let stdin = io::stdin();
        let mut input = stdin.lock();
        // A framing error ends the reading: nothing after it can be trusted to start a message.
        while let Ok(Some(body)) = read_body(&mut input) {
            let message = match body {
                Body::TooLarge(n) => Err(error(
                    INVALID_REQUEST,
                    format!("the message is too large ({n} bytes; at most {MAX_BODY_BYTES})"),
                )),
                Body::Bytes(bytes) => to_message(&bytes),
            };
            match message {
                Ok(message) => {
                    let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
                    if to_server.send(message).is_err() || exit {
                        return;
                    }
                }
                Err(answer) => {
                    if write_value(&reader_out, &answer).is_err() {
                        return;
                    }
                }
            }
        }
    });
    let from_server = client.receiver;
    let writer = std::thread::spawn(move || {
        for message in from_server {
            let Ok(mut out) = out.lock() else {
                break;
            };
            message.write(&mut *out)?;
        }
        Ok(())
    });
    (server, writer)
}

/// A body as framed.
#[derive(Debug, PartialEq)]
enum Body {
    /// Its bytes.
    Bytes(Vec<u8>),
    /// It was larger than [`MAX_BODY_BYTES`], and was passed over.
    TooLarge(usize),
}

/// Reads the next framed body; `None` at the end of the input, an error when the framing is
/// broken (no `Content-Length`, headers too long, the input ends inside a message).
fn read_body(input: &mut impl BufRead) -> io::Result<Option<Body>> {
    let mut length = None;
    let mut header_bytes = 0;
    let mut first = true;
    loop {
        let mut line = Vec::new();
        let limit = (MAX_HEADER_BYTES - header_bytes + 1) as u64;
        let n = input.by_ref().take(limit).read_until(b'\n', &mut line)?;
        if n == 0 {
            if first {
                return Ok(None);
            }
            return Err(broken("the input ended inside a message's headers"));
        }
        first = false;
        header_bytes += n;
        if header_bytes > MAX_HEADER_BYTES || !line.ends_with(b"\n") {
            return Err(broken("a message's headers are too long"));
        }
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = value.trim().parse::<usize>().ok();
            }
        }
    }
    let Some(length) = length else {
        return Err(broken("a message has no Content-Length header"));
    };
    if length > MAX_BODY_BYTES {
        let skipped = io::copy(&mut input.by_ref().take(length as u64), &mut io::sink())?;
        if skipped < length as u64 {
            return Err(broken("the input ended inside a message"));
        }
        return Ok(Some(Body::TooLarge(length)));
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body)?;
    Ok(Some(Body::Bytes(body)))
}

fn broken(why: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, why.to_string())
}

/// The message a body holds, or the error answer to send back.
fn to_message(bytes: &[u8]) -> Result<Message, Value> {
    let value: Value = serde_json::from_slice(bytes)
        .map_err(|e| error(PARSE_ERROR, format!("the message is not JSON: {e}")))?;
    serde_json::from_value(value).map_err(|_| {
        error(
            INVALID_REQUEST,
            "the message is not a JSON-RPC request, response or notification".to_string(),
        )
    })
}

/// An error answer to a message whose id cannot be known.
fn error(code: i64, message: String) -> Value {
    json!({"jsonrpc": "2.0", "id": null, "error": {"code": code, "message": message}})
}

fn write_value(out: &Mutex<io::Stdout>, value: &Value) -> io::Result<()> {
    let body = value.to_string();
    let mut out = out
        .lock()
        .map_err(|_| broken("standard output is poisoned"))?;
    write!(out, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_are_framed_and_bad_framing_is_an_error() {
        let mut input =
            io::Cursor::new(b"Content-Length: 5\r\n\r\n{{{{{content-length:2\n\n[]".to_vec());
        assert_eq!(
            read_body(&mut input).unwrap(),
            Some(Body::Bytes(b"{{{{{".to_vec()))
        );
        assert_eq!(
            read_body(&mut input).unwrap(),
            Some(Body::Bytes(b"[]".to_vec()))
        );
        assert_eq!(read_body(&mut input).unwrap(), None);
        let mut no_length = io::Cursor::new(b"X: 1\r\n\r\n{}".to_vec());
        assert!(read_body(&mut no_length).is_err());
        let long = format!("X: {}\r\n", "a".repeat(MAX_HEADER_BYTES));
        assert!(read_body(&mut io::Cursor::new(long.into_bytes())).is_err());
        let huge = format!("Content-Length: {}\r\n\r\n", MAX_BODY_BYTES + 1);
        let mut bytes = huge.into_bytes();
        bytes.extend(std::iter::repeat_n(b' ', MAX_BODY_BYTES + 1));
        assert_eq!(
            read_body(&mut io::Cursor::new(bytes)).unwrap(),
            Some(Body::TooLarge(MAX_BODY_BYTES + 1))
        );
    }

    #[test]
    fn bodies_that_are_not_messages_get_errors() {
        assert_eq!(
            to_message(b"{{{{{").unwrap_err()["error"]["code"],
            PARSE_ERROR
        );
        assert_eq!(
            to_message(b"[1,2,3]").unwrap_err()["error"]["code"],
            INVALID_REQUEST
        );
        assert!(to_message(br#"{"jsonrpc":"2.0","method":"exit"}"#).is_ok());
    }
}
