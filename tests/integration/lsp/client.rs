//! A minimal editor side of the protocol, for the tests: starts `counterpoint lsp`, frames
//! JSON-RPC messages with `Content-Length` headers, and keeps the diagnostics the server
//! publishes.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// The server, talked to as an editor does.
pub(crate) struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: i64,
    /// The diagnostics last published, by URI, in the order they came.
    pub(crate) published: HashMap<String, Vec<Value>>,
    /// Every `publishDiagnostics` seen, in order, with the time it came.
    pub(crate) log: Vec<(Instant, String, Vec<Value>)>,
}

const WAIT: Duration = Duration::from_secs(20);

impl Client {
    /// Starts the server and does the handshake with these initialization options.
    pub(crate) fn start(root: &std::path::Path, options: Value) -> Client {
        let root_uri = uri(root);
        Client::start_with(json!({
            "processId": null,
            "rootUri": root_uri,
            "capabilities": {},
            "initializationOptions": options,
        }))
    }

    /// Starts the server and does the handshake with these initialization parameters.
    pub(crate) fn start_with(params: Value) -> Client {
        let mut client = Client::spawn();
        let answer = client.request("initialize", params);
        assert_eq!(answer["serverInfo"]["name"], "counterpoint");
        client.notify("initialized", json!({}));
        client
    }

    /// Starts the server, without the handshake.
    pub(crate) fn spawn() -> Client {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("counterpoint"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the server starts");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (send, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut header = String::new();
                    if reader.read_line(&mut header).unwrap_or(0) == 0 {
                        return;
                    }
                    let header = header.trim_end();
                    if header.is_empty() {
                        break;
                    }
                    if let Some(n) = header.strip_prefix("Content-Length: ") {
                        length = n.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("a Content-Length header")];
                reader.read_exact(&mut body).expect("the body");
                let value: Value = serde_json::from_slice(&body).expect("JSON");
                if send.send(value).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            messages,
            next_id: 0,
            published: HashMap::new(),
            log: Vec::new(),
        }
    }

    fn send(&mut self, message: &Value) {
        let body = serde_json::to_string(message).expect("JSON");
        self.send_body(&body);
    }

    /// Sends `body` as it is, framed.
    pub(crate) fn send_body(&mut self, body: &str) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("writes");
        self.stdin.flush().expect("flushes");
    }

    /// Answers a request of the server's.
    pub(crate) fn respond(&mut self, id: &Value, result: Value) {
        self.send(&json!({"jsonrpc": "2.0", "id": id, "result": result}));
    }

    /// Sends a notification.
    pub(crate) fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and waits for its answer (its `result`; an error answer panics).
    pub(crate) fn request(&mut self, method: &str, params: Value) -> Value {
        let answer = self.request_raw(method, params);
        assert!(answer.get("error").is_none(), "{method}: {answer}");
        answer["result"].clone()
    }

    /// Sends a request and waits for the whole answer.
    pub(crate) fn request_raw(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let message = self.receive();
            if message["id"] == id && message.get("method").is_none() {
                return message;
            }
        }
    }

    /// The next message, the diagnostics it publishes kept.
    pub(crate) fn receive(&mut self) -> Value {
        let message = self
            .messages
            .recv_timeout(WAIT)
            .expect("the server answers in time");
        if message["method"] == "textDocument/publishDiagnostics" {
            let uri = message["params"]["uri"].as_str().unwrap_or("").to_string();
            let list = message["params"]["diagnostics"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            self.log.push((Instant::now(), uri.clone(), list.clone()));
            self.published.insert(uri, list);
        }
        message
    }

    /// Waits for the next message with this method (a request or notification of the server's).
    pub(crate) fn next_with_method(&mut self, method: &str) -> Value {
        loop {
            let message = self.receive();
            if message["method"] == method {
                return message;
            }
        }
    }

    /// Waits for the next diagnostics published for `uri`.
    pub(crate) fn diagnostics_for(&mut self, uri: &str) -> Vec<Value> {
        loop {
            let message = self.receive();
            if message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["uri"] == uri
            {
                return message["params"]["diagnostics"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
            }
        }
    }

    /// Reads the diagnostics published for `uri` until a list of them satisfies `wanted`, and
    /// returns it: for an edit whose effect follows other publishes still on their way (the
    /// server may or may not have published for an earlier change in between). Fails when the
    /// server stops publishing before.
    pub(crate) fn diagnostics_until(
        &mut self,
        uri: &str,
        wanted: impl Fn(&[Value]) -> bool,
    ) -> Vec<Value> {
        loop {
            let found = self.diagnostics_for(uri);
            if wanted(&found) {
                return found;
            }
        }
    }

    /// Shuts the server down as an editor does, and checks that it exits cleanly.
    pub(crate) fn shut_down(mut self) {
        let answer = self.request_raw("shutdown", Value::Null);
        assert_eq!(answer["result"], Value::Null);
        self.notify("exit", Value::Null);
        let status = self.child.wait().expect("the server exits");
        assert!(status.success(), "{status}");
    }
}

/// The `file:` URI of `path`.
pub(crate) fn uri(path: &std::path::Path) -> String {
    format!("file://{}", path.display())
}
