//! Finding one's way by titles: go to a title's definition, find every place a title is
//! written, rename a title everywhere, and list the sections and nodes of a file (document
//! symbols) or of every folder read (workspace symbols).

use std::collections::HashMap;

use lsp_types::{
    DocumentSymbol, Location, Range, SymbolInformation, SymbolKind, TextEdit, Url, WorkspaceEdit,
};

use super::position;
use super::workspace::{Folder, Workspace};
use crate::model::Element;
use crate::syntax::mentions::{Mention, MentionKind};

/// Where the title at `line`:`column` of file `file` is defined (where its node was first
/// written when nothing defines it).
pub(crate) fn definition(
    folder: &mut Folder,
    file: usize,
    line: usize,
    column: usize,
) -> Option<Location> {
    let mention = folder.mention_at(file, line, column)?;
    let MentionKind::Element { element, .. } = mention.kind else {
        return None;
    };
    let found = folder.occurrences(element, &mention.title);
    let at = found
        .iter()
        .find(|f| matches!(f.mention.kind, MentionKind::Element { defines: true, .. }))
        .or_else(|| found.first())
        .map(|f| (f.file, f.mention.clone()))?;
    location(folder, at.0, &at.1)
}

/// Every place the title at `line`:`column` of file `file` is written (its definitions too
/// when `with_definition`).
pub(crate) fn references(
    folder: &mut Folder,
    file: usize,
    line: usize,
    column: usize,
    with_definition: bool,
) -> Vec<Location> {
    let Some(mention) = folder.mention_at(file, line, column) else {
        return Vec::new();
    };
    let MentionKind::Element { element, .. } = mention.kind else {
        return Vec::new();
    };
    let found: Vec<(usize, Mention)> = folder
        .occurrences(element, &mention.title)
        .into_iter()
        .filter(|f| {
            with_definition || !matches!(f.mention.kind, MentionKind::Element { defines: true, .. })
        })
        .map(|f| (f.file, f.mention.clone()))
        .collect();
    found
        .iter()
        .filter_map(|(file, m)| location(folder, *file, m))
        .collect()
}

/// Why a rename is refused.
pub(crate) fn refuse_title(new_title: &str, element: Element) -> Option<String> {
    let closer = match element {
        Element::Statement => ']',
        Element::Argument => '>',
    };
    if new_title.trim().is_empty() {
        return Some("a title cannot be empty".to_string());
    }
    if new_title.contains(['\n', '\r', closer]) || new_title.trim() != new_title {
        return Some(format!(
            "a title is one line, without `{closer}` or spaces at its ends"
        ));
    }
    None
}

/// The edits that rename the title at `line`:`column` of file `file` to `new_title` in every
/// file of the folder, or why not.
pub(crate) fn rename(
    folder: &mut Folder,
    file: usize,
    line: usize,
    column: usize,
    new_title: &str,
) -> Result<WorkspaceEdit, String> {
    let mention = folder
        .mention_at(file, line, column)
        .ok_or_else(|| "there is no title here to rename".to_string())?;
    let MentionKind::Element { element, .. } = mention.kind else {
        return Err("there is no title here to rename".to_string());
    };
    if let Some(why) = refuse_title(new_title, element) {
        return Err(why);
    }
    if folder.map().find(&element.id_for(new_title)).is_some() {
        return Err(format!(
            "{} already exists; renaming would merge two nodes",
            element.id_for(new_title)
        ));
    }
    let found: Vec<(usize, Mention)> = folder
        .occurrences(element, &mention.title)
        .into_iter()
        .map(|f| (f.file, f.mention.clone()))
        .collect();
    let mut changes: HashMap<Url, Vec<TextEdit>> = HashMap::new();
    for (file, m) in found {
        let Some(uri) = folder.uri(file) else {
            continue;
        };
        // Inside the brackets: the title as written.
        let range = position::range(
            folder.text(file),
            m.line,
            m.column + 1,
            m.len.saturating_sub(2),
        );
        changes.entry(uri).or_default().push(TextEdit {
            range,
            new_text: new_title.to_string(),
        });
    }
    if let Some((uri, edit)) = motion_edit(folder, element, &mention.title, new_title) {
        changes.entry(uri).or_default().push(edit);
    }
    Ok(WorkspaceEdit {
        changes: Some(changes),
        ..WorkspaceEdit::default()
    })
}

/// When the statement renamed is the motion, the edit that renames it in the frontmatter's
/// `motion:` too (the value written again in double quotes), if that line reads as expected.
fn motion_edit(
    folder: &Folder,
    element: Element,
    old: &str,
    new_title: &str,
) -> Option<(Url, TextEdit)> {
    let map = folder.map();
    if element != Element::Statement || map.motion.as_deref() != Some(old) {
        return None;
    }
    let origin = map.motion_origin.as_ref()?;
    let text = folder.text_named(&origin.file);
    let line = position::line_of(text, origin.line as usize);
    let key = line.find("motion:")?;
    let after = line.get(key + "motion:".len()..)?;
    let value = after.trim();
    let unquoted = value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
        .unwrap_or(value);
    if unquoted.split_whitespace().ne(old.split_whitespace()) {
        return None;
    }
    let start = line.len() - after.trim_start().len();
    let from = line.get(..start)?.chars().count() + 1;
    let range = position::range(text, origin.line as usize, from, value.chars().count());
    let new_text = serde_json::to_string(new_title).ok()?;
    Some((
        folder.uri_named(&origin.file)?,
        TextEdit { range, new_text },
    ))
}

/// The protocol's location of mention `m` in file `file`.
fn location(folder: &Folder, file: usize, m: &Mention) -> Option<Location> {
    Some(Location {
        uri: folder.uri(file)?,
        range: position::range(folder.text(file), m.line, m.column, m.len),
    })
}

/// The sections (headings) of file `file` and the nodes it defines, nodes under the heading
/// above them, headings under the heading of a lower level above them.
pub(crate) fn document_symbols(folder: &mut Folder, file: usize) -> Vec<DocumentSymbol> {
    let text = folder.text(file).to_string();
    let mentions = folder.mentions(file).to_vec();
    // Open headings, outermost first: (level, symbol).
    let mut open: Vec<(u8, DocumentSymbol)> = Vec::new();
    let mut top: Vec<DocumentSymbol> = Vec::new();
    let close = |open: &mut Vec<(u8, DocumentSymbol)>, top: &mut Vec<DocumentSymbol>, level| {
        while open.last().is_some_and(|(l, _)| *l >= level) {
            if let Some((_, done)) = open.pop() {
                match open.last_mut() {
                    Some((_, parent)) => parent.children.get_or_insert_with(Vec::new).push(done),
                    None => top.push(done),
                }
            }
        }
    };
    for m in &mentions {
        match m.kind {
            MentionKind::Heading(level) => {
                close(&mut open, &mut top, level);
                let line = position::line_of(&text, m.line);
                let range = position::range(&text, m.line, 1, line.chars().count());
                open.push((level, symbol(&m.title, SymbolKind::NAMESPACE, range, None)));
            }
            MentionKind::Element {
                element,
                defines: true,
            } => {
                let range = position::range(&text, m.line, m.column, m.len);
                let (kind, detail) = match element {
                    Element::Statement => (SymbolKind::STRING, "statement"),
                    Element::Argument => (SymbolKind::FUNCTION, "argument"),
                };
                let s = symbol(&element.id_for(&m.title), kind, range, Some(detail));
                match open.last_mut() {
                    Some((_, parent)) => parent.children.get_or_insert_with(Vec::new).push(s),
                    None => top.push(s),
                }
            }
            MentionKind::Element { .. } => {}
        }
    }
    close(&mut open, &mut top, 0);
    top
}

/// A document symbol without children.
#[allow(deprecated)] // `deprecated` is a field the protocol keeps for old clients.
fn symbol(name: &str, kind: SymbolKind, range: Range, detail: Option<&str>) -> DocumentSymbol {
    DocumentSymbol {
        name: name.to_string(),
        detail: detail.map(str::to_string),
        kind,
        tags: None,
        deprecated: None,
        range,
        selection_range: range,
        children: None,
    }
}

/// The nodes of every folder read whose id holds `query` (any case), each where it is defined.
#[allow(deprecated)] // `deprecated` is a field the protocol keeps for old clients.
pub(crate) fn workspace_symbols(workspace: &mut Workspace, query: &str) -> Vec<SymbolInformation> {
    let query = query.to_lowercase();
    let mut out = Vec::new();
    for folder in workspace.folders_mut() {
        let map = folder.map();
        for (_, node) in map.nodes() {
            if !node.id.to_lowercase().contains(&query) {
                continue;
            }
            let Some(origin) = &node.origin else {
                continue;
            };
            let Some(uri) = folder.uri_named(&origin.file) else {
                continue;
            };
            let text = folder.text_named(&origin.file);
            let range = position::range(
                text,
                origin.line as usize,
                origin.column as usize,
                node.id.chars().count(),
            );
            out.push(SymbolInformation {
                name: node.id.to_string(),
                kind: match node.element {
                    Element::Statement => SymbolKind::STRING,
                    Element::Argument => SymbolKind::FUNCTION,
                },
                tags: None,
                deprecated: None,
                location: Location { uri, range },
                // The heading's text, as the editor shows it, not the section's id.
                container_name: node
                    .section
                    .as_deref()
                    .and_then(|id| map.section(id))
                    .map(|section| section.title.to_string()),
            });
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}
