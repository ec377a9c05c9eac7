//! `counterpoint serve`: a live preview of the HTML report in the browser.
//!
//! [`Server::bind`] listens on one address (127.0.0.1 unless the caller names another) and
//! watches the map's files; [`Server::run`] builds the page once, then again each time a
//! watched file changes, and
//! answers the browser: the live page (`page`, with its script `live.js`) shows the report in
//! a frame, learns of each new build through server-sent events (`events`), loads the new
//! report beside the old one and swaps them once it stands where the reader was (the point
//! selected, the view, zoom and pan, the open outline items). A map with errors keeps the last
//! good drawing on screen under a banner listing each [`Problem`] with its file, line and
//! column.
//!
//! The parts: `live` (the state shared by the builder and the answering threads), `pool` (the
//! worker threads that answer connections, one request each), `request` (reading a request
//! head, bounded in size and time; request bodies are refused, never read), `response`
//! (writing an answer and closing), `routes` (what each address answers), `host` (the guard
//! against DNS rebinding: a foreign `Host` header gets 403), `events` (the event stream),
//! `watch` (the file watcher), `page` (the live page), `problem` (what the banner shows). Nothing is loaded from the network: the page's
//! policy allows its own inline script and requests to this server only.

mod events;
mod host;
mod live;
mod page;
mod pool;
mod problem;
mod request;
mod response;
mod routes;
mod watch;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::atomic::AtomicUsize;
use std::sync::Arc;
use std::time::Duration;

pub use problem::Problem;

/// How many connections are answered at once (event streams have threads of their own).
const WORKERS: usize = 8;

/// How long writing to a client may stall before its connection is given up.
const WRITE_TIME: Duration = Duration::from_secs(30);

/// Why the preview could not be served.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The address could not be listened on (in use, not this machine's, not allowed).
    #[error("cannot listen on {address}: {reason}")]
    Bind {
        /// The address, as `host:port`.
        address: String,
        /// What the system said.
        reason: String,
    },
    /// A file or folder could not be watched.
    #[error("cannot watch {}", path.display())]
    Watch {
        /// The path (empty when the watcher itself could not start).
        path: PathBuf,
        /// What the watcher said.
        #[source]
        source: notify::Error,
    },
    /// The file watcher stopped.
    #[error("the file watcher stopped")]
    WatchStopped,
}

/// A server listening on its address and watching its files, not yet answering.
pub struct Server {
    listener: TcpListener,
    address: SocketAddr,
    hosts: host::Hosts,
    watch: watch::Watch,
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server")
            .field("address", &self.address)
            .finish_non_exhaustive()
    }
}

impl Server {
    /// Listens on `host` (a name or an address) and `port` (0: a free port the system picks),
    /// and watches the files and folders in `watched` (folders with everything below them).
    pub fn bind(host: &str, port: u16, watched: &[PathBuf]) -> Result<Server, ServeError> {
        let watch = watch::Watch::new(watched)?;
        let named = host
            .strip_prefix('[')
            .and_then(|h| h.strip_suffix(']'))
            .unwrap_or(host);
        let failed = |reason: String| ServeError::Bind {
            address: format!("{host}:{port}"),
            reason,
        };
        let listener = TcpListener::bind((named, port)).map_err(|e| failed(e.to_string()))?;
        let address = listener.local_addr().map_err(|e| failed(e.to_string()))?;
        Ok(Server {
            listener,
            address,
            hosts: host::Hosts::new(named, address.port()),
            watch,
        })
    }

    /// The address listened on.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The address to open in a browser: `http://127.0.0.1:PORT/` (the loopback address when
    /// listening on all addresses).
    pub fn url(&self) -> String {
        let ip = match self.address.ip() {
            IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
            ip => ip,
        };
        format!("http://{}/", SocketAddr::new(ip, self.address.port()))
    }

    /// Builds the page with `build`, then again after every change to the watched files, and
    /// answers the browser meanwhile. Returns only when the watcher fails (the process ends on
    /// Ctrl-C). `build` gives the whole report page, or the problems that kept it from being
    /// made (then the last good page stays on screen).
    pub fn run<B>(self, mut build: B) -> Result<(), ServeError>
    where
        B: FnMut() -> Result<String, Vec<Problem>>,
    {
        let site = routes::Site {
            live: Arc::new(live::Live::default()),
            hosts: self.hosts.clone(),
            streams: Arc::new(AtomicUsize::new(0)),
        };
        let live = Arc::clone(&site.live);
        let failed = |e: std::io::Error| ServeError::Bind {
            address: self.address.to_string(),
            reason: e.to_string(),
        };
        let workers =
            pool::start(WORKERS, move |stream| routes::handle(stream, &site)).map_err(failed)?;
        let listener = self.listener.try_clone().map_err(failed)?;
        std::thread::Builder::new()
            .name("serve-accept".into())
            .spawn(move || {
                for stream in listener.incoming() {
                    let Ok(stream) = stream else {
                        // Out of file handles, say: let some connections close first.
                        std::thread::sleep(Duration::from_millis(50));
                        continue;
                    };
                    if stream.set_write_timeout(Some(WRITE_TIME)).is_err() {
                        continue;
                    }
                    if workers.send(stream).is_err() {
                        return;
                    }
                }
            })
            .map_err(failed)?;
        // The page is answered from now on; it says "Drawing the map…" until the first build.
        live.publish(build());
        loop {
            self.watch.next_change()?;
            live.publish(build());
        }
    }
}
