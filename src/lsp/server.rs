//! The message loop: the handshake, then each notification and request handed to the part
//! that answers it. Changes are taken in as they come; a folder is read again once, when no
//! message is waiting or before a request is answered, and its diagnostics published then.

use std::path::PathBuf;

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Exit, Notification as _, PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{
    CodeActionRequest, Completion, DocumentSymbolRequest, Formatting, GotoDefinition, HoverRequest,
    References, RegisterCapability, Rename, Request as _, WorkspaceSymbolRequest,
};
use lsp_types::{
    CodeActionProviderCapability, CompletionOptions, DocumentSymbolResponse,
    GotoDefinitionResponse, HoverProviderCapability, MessageType, OneOf, PublishDiagnosticsParams,
    ServerCapabilities, ServerInfo, ShowMessageParams, TextDocumentPositionParams,
    TextDocumentSyncCapability, TextDocumentSyncKind, Url,
};
use serde_json::Value;

use super::workspace::Workspace;
use super::{actions, completion, diagnostics, hover, navigation, position, LspError};

/// What the server can do, as the handshake tells the editor.
fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(["[", "<", "#", ":", "\"", " "].map(str::to_string).to_vec()),
            ..CompletionOptions::default()
        }),
        document_formatting_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    }
}

/// Serves one editor over `connection` until it shuts the server down or goes away.
pub(crate) fn serve(connection: &Connection, sources: Option<PathBuf>) -> Result<(), LspError> {
    let (id, params) = connection.initialize_start()?;
    let result = lsp_types::InitializeResult {
        capabilities: capabilities(),
        server_info: Some(ServerInfo {
            name: "counterpoint".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        }),
    };
    connection.initialize_finish(id, serde_json::to_value(result)?)?;
    let roots = workspace_roots(&params);
    let mut server = Server {
        workspace: Workspace::new(roots.clone()),
    };
    server.workspace.sources = sources_option(&params, &roots).or(sources);
    if can_watch(&params) {
        send(connection, Message::Request(watch_request()))?;
    }
    loop {
        let message = match connection.receiver.try_recv() {
            Ok(message) => message,
            Err(e) if e.is_empty() => {
                server.publish(connection)?;
                match connection.receiver.recv() {
                    Ok(message) => message,
                    Err(_) => return Ok(()),
                }
            }
            Err(_) => return Ok(()),
        };
        match message {
            Message::Request(request) => {
                if request.method == lsp_types::request::Shutdown::METHOD {
                    return shut_down(connection, request);
                }
                server.publish(connection)?;
                let response = server.answer(request);
                connection
                    .sender
                    .send(Message::Response(response))
                    .map_err(|_| LspError::Disconnected)?;
            }
            Message::Notification(notification) => server.take(notification),
            Message::Response(_) => {}
        }
    }
}

/// Answers the editor's `shutdown` and waits for its `exit`. An editor that goes away instead
/// (some quit right after `shutdown`) is not an error.
fn shut_down(connection: &Connection, request: Request) -> Result<(), LspError> {
    let answer = Response::new_ok(request.id, ());
    let _ = connection.sender.send(Message::Response(answer));
    loop {
        match connection.receiver.recv() {
            Ok(Message::Notification(n)) if n.method == Exit::METHOD => return Ok(()),
            // Nothing is answered after `shutdown` but with an error.
            Ok(Message::Request(r)) => {
                let refused = Response::new_err(
                    r.id,
                    ErrorCode::InvalidRequest as i32,
                    "the server is shutting down".to_string(),
                );
                let _ = connection.sender.send(Message::Response(refused));
            }
            Ok(_) => {}
            Err(_) => return Ok(()),
        }
    }
}

/// The sources folder the editor configured: the initialization option `sources`, relative to
/// the (first) workspace folder when it is not absolute.
fn sources_option(params: &Value, roots: &[PathBuf]) -> Option<PathBuf> {
    let sources = params
        .get("initializationOptions")?
        .get("sources")?
        .as_str()?;
    let path = PathBuf::from(sources);
    if path.is_absolute() {
        return Some(path);
    }
    Some(match roots.first() {
        Some(root) => root.join(path),
        None => path,
    })
}

/// The workspace folders the editor opened, read from the raw initialization parameters (only
/// what is needed, so that a client sending more, or odd values, is still served):
/// `workspaceFolders`, else `rootUri`, else `rootPath`. Nothing is read above them.
fn workspace_roots(params: &Value) -> Vec<PathBuf> {
    let from_uri = |v: &Value| {
        let uri = Url::parse(v.as_str()?).ok()?;
        uri.to_file_path().ok()
    };
    let folders: Vec<PathBuf> = params
        .get("workspaceFolders")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(|f| from_uri(f.get("uri")?))
                .collect()
        })
        .unwrap_or_default();
    if !folders.is_empty() {
        return folders;
    }
    if let Some(root) = params.get("rootUri").and_then(from_uri) {
        return vec![root];
    }
    params
        .get("rootPath")
        .and_then(Value::as_str)
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .into_iter()
        .collect()
}

/// Whether the editor can be asked to watch files (dynamic registration of
/// `workspace/didChangeWatchedFiles`).
fn can_watch(params: &Value) -> bool {
    params
        .pointer("/capabilities/workspace/didChangeWatchedFiles/dynamicRegistration")
        .and_then(Value::as_bool)
        .unwrap_or(false)
}

/// Asks the editor to tell of every `.argdown` file created, changed or deleted.
fn watch_request() -> Request {
    Request::new(
        RequestId::from("counterpoint/watch".to_string()),
        RegisterCapability::METHOD.to_string(),
        serde_json::json!({"registrations": [{
            "id": "counterpoint/argdown-files",
            "method": DidChangeWatchedFiles::METHOD,
            "registerOptions": {"watchers": [{"globPattern": "**/*.argdown"}]},
        }]}),
    )
}

/// Sends a message to the editor.
fn send(connection: &Connection, message: Message) -> Result<(), LspError> {
    connection
        .sender
        .send(message)
        .map_err(|_| LspError::Disconnected)
}

struct Server {
    workspace: Workspace,
}

impl Server {
    /// Takes in a notification: a document opened, changed, saved or closed, files changed.
    fn take(&mut self, notification: Notification) {
        match notification.method.as_str() {
            DidOpenTextDocument::METHOD => {
                if let Ok(p) = parse::<lsp_types::DidOpenTextDocumentParams>(notification.params) {
                    self.workspace
                        .set_open(p.text_document.uri, p.text_document.text, true);
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Ok(p) = parse::<lsp_types::DidChangeTextDocumentParams>(notification.params)
                {
                    // Whole texts (the sync kind asked for): the last one counts.
                    if let Some(change) = p.content_changes.into_iter().last() {
                        self.workspace
                            .set_open(p.text_document.uri, change.text, false);
                    }
                }
            }
            DidSaveTextDocument::METHOD => {
                if let Ok(p) = parse::<lsp_types::DidSaveTextDocumentParams>(notification.params) {
                    self.workspace.changed_on_disk(&p.text_document.uri, false);
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Ok(p) = parse::<lsp_types::DidCloseTextDocumentParams>(notification.params) {
                    self.workspace.close(&p.text_document.uri);
                }
            }
            DidChangeWatchedFiles::METHOD => {
                if let Ok(p) = parse::<lsp_types::DidChangeWatchedFilesParams>(notification.params)
                {
                    for change in p.changes {
                        // A file created or deleted changes what a folder holds.
                        let listed = change.typ != lsp_types::FileChangeType::CHANGED;
                        self.workspace.changed_on_disk(&change.uri, listed);
                    }
                }
            }
            _ => {}
        }
    }

    /// Reads again the folders changes have made stale, and publishes their diagnostics.
    fn publish(&mut self, connection: &Connection) -> Result<(), LspError> {
        let refreshed = self.workspace.refresh();
        for note in self.workspace.take_notes() {
            let params = ShowMessageParams {
                typ: MessageType::WARNING,
                message: note,
            };
            let note = Notification::new(ShowMessage::METHOD.to_string(), params);
            send(connection, Message::Notification(note))?;
        }
        for path in refreshed {
            let Some(folder) = self.workspace.folder_at(&path) else {
                continue;
            };
            let mut now = std::collections::HashSet::new();
            let mut out = Vec::new();
            for (file, found) in folder.diagnostics_by_file() {
                let Some(uri) = folder.uri(file) else {
                    continue;
                };
                let text = folder.text(file);
                let list = found.iter().map(|d| diagnostics::to_lsp(d, text)).collect();
                now.insert(uri.clone());
                out.push((uri, list));
            }
            for gone in folder.published.difference(&now) {
                out.push((gone.clone(), Vec::new()));
            }
            folder.published = now;
            for (uri, diagnostics) in out {
                let params = PublishDiagnosticsParams {
                    uri,
                    diagnostics,
                    version: None,
                };
                let note = Notification::new(PublishDiagnostics::METHOD.to_string(), params);
                connection
                    .sender
                    .send(Message::Notification(note))
                    .map_err(|_| LspError::Disconnected)?;
            }
        }
        Ok(())
    }

    /// Answers a request.
    fn answer(&mut self, request: Request) -> Response {
        let id = request.id.clone();
        match self.result(request) {
            Ok(value) => Response::new_ok(id, value),
            Err((code, message)) => Response::new_err(id, code as i32, message),
        }
    }

    fn result(&mut self, request: Request) -> Result<Value, (ErrorCode, String)> {
        let sources = self.workspace.sources.clone();
        match request.method.as_str() {
            HoverRequest::METHOD => {
                let p: lsp_types::HoverParams = parse(request.params)?;
                let answer = self.at(&p.text_document_position_params).and_then(
                    |(folder, file, line, column)| {
                        let folder = self.workspace.folder_mut(&folder)?;
                        hover::hover(folder, file, line, column, sources.as_deref())
                    },
                );
                to_value(answer)
            }
            GotoDefinition::METHOD => {
                let p: lsp_types::GotoDefinitionParams = parse(request.params)?;
                let answer = self
                    .at(&p.text_document_position_params)
                    .and_then(|(folder, file, line, column)| {
                        let folder = self.workspace.folder_mut(&folder)?;
                        navigation::definition(folder, file, line, column)
                    })
                    .map(GotoDefinitionResponse::Scalar);
                to_value(answer)
            }
            References::METHOD => {
                let p: lsp_types::ReferenceParams = parse(request.params)?;
                let with_definition = p.context.include_declaration;
                let answer =
                    self.at(&p.text_document_position)
                        .and_then(|(folder, file, line, column)| {
                            let folder = self.workspace.folder_mut(&folder)?;
                            Some(navigation::references(
                                folder,
                                file,
                                line,
                                column,
                                with_definition,
                            ))
                        });
                to_value(answer)
            }
            Rename::METHOD => {
                let p: lsp_types::RenameParams = parse(request.params)?;
                let Some((uri, file, line, column)) = self.at(&p.text_document_position) else {
                    return Err((ErrorCode::InvalidParams, "no such document".to_string()));
                };
                let Some(folder) = self.workspace.folder_mut(&uri) else {
                    return Err((ErrorCode::InvalidParams, "no such document".to_string()));
                };
                navigation::rename(folder, file, line, column, &p.new_name)
                    .map_err(|why| (ErrorCode::InvalidParams, why))
                    .and_then(|edit| to_value(Some(edit)))
            }
            DocumentSymbolRequest::METHOD => {
                let p: lsp_types::DocumentSymbolParams = parse(request.params)?;
                let uri = p.text_document.uri;
                let answer = self.file_of(&uri).and_then(|file| {
                    let folder = self.workspace.folder_mut(&uri)?;
                    Some(DocumentSymbolResponse::Nested(
                        navigation::document_symbols(folder, file),
                    ))
                });
                to_value(answer)
            }
            WorkspaceSymbolRequest::METHOD => {
                let p: lsp_types::WorkspaceSymbolParams = parse(request.params)?;
                to_value(Some(navigation::workspace_symbols(
                    &mut self.workspace,
                    &p.query,
                )))
            }
            Completion::METHOD => {
                let p: lsp_types::CompletionParams = parse(request.params)?;
                let answer = self
                    .at(&p.text_document_position)
                    .and_then(|(uri, file, line, column)| {
                        let folder = self.workspace.folder_mut(&uri)?;
                        let written = folder.written_titles();
                        Some(completion::complete(
                            folder.map(),
                            &written,
                            folder.text(file),
                            line,
                            column,
                        ))
                    })
                    .unwrap_or_default();
                to_value(answer)
            }
            Formatting::METHOD => {
                let p: lsp_types::DocumentFormattingParams = parse(request.params)?;
                let uri = p.text_document.uri;
                let Some(file) = self.file_of(&uri) else {
                    return to_value(None::<()>);
                };
                let Some(folder) = self.workspace.folder(&uri) else {
                    return to_value(None::<()>);
                };
                actions::format(folder, file)
                    .map_err(|why| (ErrorCode::RequestFailed, why))
                    .and_then(|edits| to_value(Some(edits)))
            }
            CodeActionRequest::METHOD => {
                let p: lsp_types::CodeActionParams = parse(request.params)?;
                let uri = p.text_document.uri;
                let answer = self.file_of(&uri).and_then(|file| {
                    let folder = self.workspace.folder_mut(&uri)?;
                    let first = p.range.start.line as usize + 1;
                    let last = p.range.end.line as usize + 1;
                    Some(actions::code_actions(folder, file, first, last))
                });
                to_value(answer)
            }
            method => Err((
                ErrorCode::MethodNotFound,
                format!("counterpoint does not answer {method}"),
            )),
        }
    }

    /// The index of the file `uri` in its folder.
    fn file_of(&self, uri: &Url) -> Option<usize> {
        self.workspace.folder(uri)?.index_of(uri)
    }

    /// The document, file index and 1-based line and character column of a position.
    fn at(&self, at: &TextDocumentPositionParams) -> Option<(Url, usize, usize, usize)> {
        let uri = &at.text_document.uri;
        let folder = self.workspace.folder(uri)?;
        let file = folder.index_of(uri)?;
        let (line, column) = position::from_lsp(folder.text(file), at.position);
        Some((uri.clone(), file, line, column))
    }
}

/// A request's or notification's parameters, or the protocol's error for them.
fn parse<T: serde::de::DeserializeOwned>(params: Value) -> Result<T, (ErrorCode, String)> {
    serde_json::from_value(params).map_err(|e| (ErrorCode::InvalidParams, e.to_string()))
}

fn to_value<T: serde::Serialize>(value: T) -> Result<Value, (ErrorCode, String)> {
    serde_json::to_value(value).map_err(|e| (ErrorCode::InternalError, e.to_string()))
}
