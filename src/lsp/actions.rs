//! The fixes the help texts describe, as code actions (define a title referenced but never
//! defined; give a node without a side one of the declared sides), and formatting through
//! [`crate::fmt`].

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Position, Range, TextEdit, Url, WorkspaceEdit,
};

use super::diagnostics;
use super::position;
use super::workspace::Folder;
use crate::diagnostic::Code;
use crate::fmt;

/// The code actions for the diagnostics of file `file` on the lines `first..=last` (1-based).
pub(crate) fn code_actions(
    folder: &mut Folder,
    file: usize,
    first: usize,
    last: usize,
) -> Vec<CodeActionOrCommand> {
    let Some(uri) = folder.uri(file) else {
        return Vec::new();
    };
    let name = folder.loaded.files.get(file).cloned().unwrap_or_default();
    let text = folder.text(file).to_string();
    let found: Vec<crate::diagnostic::Diagnostic> = folder
        .loaded
        .diagnostics
        .iter()
        .filter(|d| d.file == name && (first..=last).contains(&d.line))
        .filter(|d| matches!(d.code, Code::UndefinedReference | Code::NoSide))
        .cloned()
        .collect();
    let mut out = Vec::new();
    for d in found {
        let Some(mention) = folder.mention_at(file, d.line, d.column) else {
            continue;
        };
        let Some(ix) = folder.node_of(&mention) else {
            continue;
        };
        let id = folder.map().node(ix).id.to_string();
        let lsp_diagnostic = diagnostics::to_lsp(&d, &text);
        match d.code {
            Code::UndefinedReference => {
                let blank = if text.is_empty() || text.ends_with("\n\n") {
                    ""
                } else if text.ends_with('\n') {
                    "\n"
                } else {
                    "\n\n"
                };
                let edit = TextEdit {
                    range: Range::new(position::end_of(&text), position::end_of(&text)),
                    new_text: format!("{blank}{id}: {}.\n", mention.title),
                };
                out.push(action(
                    format!("Define {id} at the end of the file"),
                    &uri,
                    edit,
                    lsp_diagnostic,
                ));
            }
            Code::NoSide => {
                let line = position::line_of(&text, d.line);
                let trimmed = line.trim_end();
                let width = trimmed.chars().count();
                for side in &folder.map().sides {
                    let (column, new_text) = if trimmed.ends_with('}') {
                        (width - 1, format!(", side: {}", side.id))
                    } else {
                        (width, format!(" {{side: {}}}", side.id))
                    };
                    let at = Position::new(
                        u32::try_from(d.line - 1).unwrap_or(u32::MAX),
                        position::utf16_of_chars(line, column),
                    );
                    let edit = TextEdit {
                        range: Range::new(at, at),
                        new_text,
                    };
                    out.push(action(
                        format!("Give {id} the side `{}`", side.id),
                        &uri,
                        edit,
                        lsp_diagnostic.clone(),
                    ));
                }
            }
            _ => {}
        }
    }
    out
}

/// A quick fix making `edit` in `uri`, for `diagnostic`.
fn action(
    title: String,
    uri: &Url,
    edit: TextEdit,
    diagnostic: lsp_types::Diagnostic,
) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic]),
        edit: Some(WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
            ..WorkspaceEdit::default()
        }),
        ..CodeAction::default()
    })
}

/// The edits that format file `file` as `counterpoint fmt` would (the folder's files read
/// together), or why it cannot be formatted.
pub(crate) fn format(folder: &Folder, file: usize) -> Result<Vec<TextEdit>, String> {
    let texts: Vec<(String, String)> = folder
        .loaded
        .texts
        .iter()
        .map(|(name, text)| (name.clone(), text.to_string()))
        .collect();
    let formatted = fmt::format(&texts).map_err(|e| match e {
        fmt::FmtError::Invalid(ref found) => match found.iter().find(|d| d.is_error()) {
            Some(d) => format!("the files have errors; fix them first ({})", d.headline()),
            None => e.to_string(),
        },
        e => e.to_string(),
    })?;
    let old = folder.text(file);
    let Some((_, new)) = formatted.files.get(file) else {
        return Ok(Vec::new());
    };
    if new == old {
        return Ok(Vec::new());
    }
    Ok(vec![TextEdit {
        range: Range::new(Position::new(0, 0), position::end_of(old)),
        new_text: new.clone(),
    }])
}
