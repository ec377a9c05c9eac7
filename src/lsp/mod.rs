//! `counterpoint lsp`: a Language Server Protocol server, so that any editor checks a map as
//! it is written. A thin layer over the library: the map is read by
//! [`crate::load::load_texts`], checked as `check` checks it, judged by the analyses,
//! formatted by [`crate::fmt`].
//!
//! - `server`: the handshake and the message loop;
//! - `workspace`: the open documents and each folder's map (a folder is one map, as on the
//!   command line), read again when a file in it changes;
//! - `position`: the protocol's places (UTF-16 columns from 0) and the crate's (characters
//!   from 1);
//! - `diagnostics`: the crate's diagnostics as the protocol's;
//! - `hover`: a node's kind, side, camp, verdict, strength and cited lines;
//! - `navigation`: definitions, references, renames, document and workspace symbols;
//! - `completion`: titles, sides, sources, tags;
//! - `actions`: quick fixes and formatting;
//! - `transport`: the framing of messages over standard input and output.

mod actions;
mod completion;
mod diagnostics;
mod hover;
mod navigation;
mod position;
mod server;
mod transport;
mod workspace;

use std::path::PathBuf;

use lsp_server::ProtocolError;

/// Why the server stopped before the editor shut it down.
#[derive(Debug, thiserror::Error)]
pub enum LspError {
    /// The editor broke the protocol (or went away during the handshake).
    #[error("language server protocol: {0}")]
    Protocol(#[from] ProtocolError),
    /// A message could not be read or written as JSON.
    #[error("language server message: {0}")]
    Json(#[from] serde_json::Error),
    /// Standard input or output failed.
    #[error("language server input or output: {0}")]
    Io(#[from] std::io::Error),
    /// The editor went away.
    #[error("the editor closed the connection")]
    Disconnected,
}

/// Serves one editor over standard input and output until it shuts the server down. Citations
/// are checked against the source texts in `sources` (unless the editor's initialization option
/// `sources` names another folder).
pub fn run_stdio(sources: Option<PathBuf>) -> Result<(), LspError> {
    let (connection, writer) = transport::stdio();
    let served = server::serve(&connection, sources);
    drop(connection);
    served?;
    writer.join().map_err(|_| LspError::Disconnected)??;
    Ok(())
}
