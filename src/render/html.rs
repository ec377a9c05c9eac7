//! The HTML report: one self-contained page that works offline.
//!
//! The page opens on the **map view**, laid out in the page by its script (no Graphviz, no zoom
//! of the whole): the motion, each camp's thesis and their direct reasons as cards fitted to the
//! window. Clicking a card (or Enter on it) lays out that point's neighbourhood: what it speaks
//! to above, the point with its full text in the middle, what supports it and what attacks it
//! below. A breadcrumb leads back to the motion. The other views are the **outline** (the motion
//! first, then the reasons for and against each point, as an ARIA tree), the **clashes** (one
//! panel per clash, in the order of the briefs) and the **full diagram** (the Graphviz SVG, inline,
//! with pan and zoom). The address names what is shown: `#node=<dom id>`, `#view=outline`,
//! `#view=clashes`, `#view=diagram`, so a teacher can link to it and Back works. Search, side and
//! topic filters lay the map view out anew with only the points they keep.
//!
//! Beside the views: the legend, the detail panel (the verdict's reason as `status` words it,
//! the strength, what the motion's and the theses' verdicts hinge on, each citation with its
//! quote and, with `report --sources DIR`, the cited lines with one line of context), a panel per
//! side listing its unanswered points and a list of all points (the map's text alternative). The
//! print stylesheet prints the outline and the clashes. The styles (`report.css`) and the script
//! (`report.js`) are inline; a Content-Security-Policy allows no network request and no script
//! but that one. The analyses the page shows are computed once, here (`report/data.rs`).
//!
//! Every text from the map is escaped: the HTML is written with maud; the map data for the script
//! is JSON inside `<script type="application/json">` with `<`, `>`, `&`, U+2028 and U+2029
//! written as `\uXXXX`; the script only ever sets `textContent`; the SVG comes from Graphviz,
//! which escapes the labels (and [`page`] refuses an SVG holding a script anyway).

use std::collections::BTreeSet;

use base64::Engine;
use maud::{html, Markup, PreEscaped, DOCTYPE};
use petgraph::stable_graph::NodeIndex;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use super::dot;
use super::graphviz::{self, GraphvizError, OutputFormat};
use super::look::Look;
use super::{Drawing, RenderOptions};
use crate::files::SourceFolder;
use crate::model::Map;
use crate::style::names::NodeIds;
use crate::style::palette::{self as style, Palette};

#[path = "report/data.rs"]
mod data;

use data::{Analysis, SourceLines};

/// The views of the page, in tab order: (id, tab label). The first is shown when the page opens.
const VIEWS: [(&str, &str); 4] = [
    ("map", "Map"),
    ("outline", "Outline"),
    ("clashes", "Clashes"),
    ("diagram", "Full diagram"),
];

/// What a clash is, for the clash view's heading.
fn clash_definition() -> &'static str {
    super::views::clashes::DEFINITION
}

/// The report's stylesheet.
pub(crate) const CSS: &str = include_str!("report.css");
/// The report's script.
pub(crate) const JS: &str = include_str!("report.js");

/// Why no report was made.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error(transparent)]
    /// Graphviz gave no drawing.
    Graphviz(#[from] GraphvizError),
    #[error("Graphviz wrote something that is not an SVG drawing")]
    /// Graphviz's output has no `<svg` element.
    NotSvg,
    #[error("the SVG holds active content ({0}); refusing to embed it")]
    /// The SVG holds active content (scripts and the like), named by the string.
    UnsafeSvg(&'static str),
}

/// Draws the drawing with Graphviz and returns the whole report page. The nodes' ids and colours
/// are made once, for the diagram and the page around it.
pub fn build(drawing: Drawing<'_>, opts: &RenderOptions) -> Result<String, ReportError> {
    build_with_sources(drawing, opts, None)
}

/// [`build`], with the detail panel showing each citation's lines (and one line of context
/// around them) read from the source texts in `sources` (`report --sources DIR`), and only
/// from there.
pub fn build_with_sources(
    drawing: Drawing<'_>,
    opts: &RenderOptions,
    sources: Option<&SourceFolder>,
) -> Result<String, ReportError> {
    let look = Look::new(drawing.map);
    let dot = dot::dot_text(drawing, &diagram_options(opts), &look);
    let svg = graphviz::run(&dot, OutputFormat::Svg, opts.layout)?;
    let svg = String::from_utf8(svg).map_err(|_| ReportError::NotSvg)?;
    page_looking(drawing, opts, &look, &svg, sources)
}

/// The options the report draws its diagram with: `opts` without the title (the page's header
/// shows it).
pub(crate) fn diagram_options(opts: &RenderOptions) -> RenderOptions {
    RenderOptions {
        title: false,
        ..opts.clone()
    }
}

/// The report page around `svg`, the drawing Graphviz made of
/// `to_dot(drawing, &diagram_options(opts))`.
pub fn page(drawing: Drawing<'_>, opts: &RenderOptions, svg: &str) -> Result<String, ReportError> {
    page_looking(drawing, opts, &Look::new(drawing.map), svg, None)
}

/// [`page`] with the nodes' ids and colours already made (those the diagram was drawn with).
fn page_looking(
    drawing: Drawing<'_>,
    opts: &RenderOptions,
    look: &Look,
    svg: &str,
    sources: Option<&SourceFolder>,
) -> Result<String, ReportError> {
    let svg = embeddable_svg(svg)?;
    let map = drawing.map;
    let (ids, palette) = (&look.ids, &look.palette);
    let labels = drawing.verdicts;
    // The motion belongs to no side: it is listed first, never as unanswered.
    let motion = map.motion_node();
    let open: Vec<NodeIndex> = labels
        .unanswered_in_order(map)
        .into_iter()
        .filter(|&ix| Some(ix) != motion)
        .collect();
    let in_order: Vec<NodeIndex> = motion
        .into_iter()
        .chain(
            map.nodes()
                .map(|(ix, _)| ix)
                .filter(|&ix| Some(ix) != motion),
        )
        .collect();
    let notes = drawing.notes(opts.note.as_deref());
    let data = data_json(
        Drawing { ..drawing },
        ids,
        palette,
        motion,
        &mut SourceLines::new(sources),
    );
    let title = map
        .title
        .clone()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| "Argument map".to_string());
    let csp = format!(
        "default-src 'none'; script-src '{}'; style-src 'unsafe-inline'; img-src data:; \
         font-src data:; base-uri 'none'; form-action 'none'",
        script_hash(JS)
    );
    let mut tags: BTreeSet<&str> = BTreeSet::new();
    for (_, n) in map.nodes() {
        tags.extend(n.tags.iter().map(String::as_str));
    }
    let no_side = map.nodes().any(|(_, n)| n.side.is_none());
    let side_style = |id: Option<&str>| -> String {
        let c = palette.color(id);
        format!(
            "--side: {}; --side-fill: {}",
            c.hex(),
            c.tint(style::ARGUMENT_TINT).hex()
        )
    };
    let point = |ix: NodeIndex| -> Markup {
        let n = map.node(ix);
        let (_, _, status) = super::verdicts::status_marker(labels.label(ix));
        let side = n
            .side
            .as_deref()
            .map(|s| palette.side(s).map_or(s, |p| p.label.as_str()))
            .unwrap_or("no side");
        if Some(ix) == motion {
            return html! {
                li data-node=(ids.get(ix)) {
                    button.point.motion type="button" data-node=(ids.get(ix))
                        style=(format!("{}; font-weight: 600", side_style(None))) {
                        (n.title)
                        span.meta { "the motion · " (status) }
                    }
                }
            };
        }
        html! {
            li data-node=(ids.get(ix)) {
                button.point type="button" data-node=(ids.get(ix)) style=(side_style(n.side.as_deref())) {
                    (n.title)
                    span.meta { (map.kind(ix).as_str()) " · " (side) " · " (status)
                        @if labels.is_unanswered(ix) { " · unanswered" } }
                }
            }
        }
    };
    let markup = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta http-equiv="Content-Security-Policy" content=(csp);
                meta name="generator" content="counterpoint";
                title { (title) " · counterpoint report" }
                style { (PreEscaped(CSS)) }
            }
            body {
                a.skip href="#views" { "Skip to the debate" }
                header {
                    div.titlebar {
                        h1 { (title) }
                        @if let Some(m) = motion {
                            p.summary.motion {
                                "Motion: " strong { (map.node(m).title) } " · "
                                (super::verdicts::status_marker(labels.label(m)).2)
                            }
                        }
                        p.summary {
                            (map.node_count()) " points, " (map.edge_count()) " relations, "
                            (open.len()) " unanswered."
                        }
                        @for note in &notes {
                            p.note { (note) }
                        }
                    }
                    div.bar {
                        div #tabs role="tablist" aria-label="Views" {
                            @for (i, (id, label)) in VIEWS.iter().enumerate() {
                                button.tab #(format!("tab-{id}")) type="button" role="tab"
                                    aria-controls=(format!("view-{id}"))
                                    aria-selected=(if i == 0 { "true" } else { "false" })
                                    tabindex=(if i == 0 { "0" } else { "-1" })
                                    data-view=(id) { (label) }
                            }
                        }
                        div.controls role="search" {
                            label for="search" { "Search" }
                            input #search type="search" placeholder="Titles, texts, tags (/)"
                                aria-describedby="match-count";
                            label for="tag-filter" { "Topic" }
                            select #tag-filter {
                                option value="" { "all topics" }
                                @for tag in &tags { option value=(tag) { "#" (tag) } }
                            }
                            details #side-menu {
                                summary { "Sides" }
                                fieldset.sides #side-filters {
                                    legend { "Show the points of" }
                                    @for side in palette.used(map) {
                                        label style=(side_style(Some(&side.id))) {
                                            input type="checkbox" value=(side.id) checked;
                                            span.swatch aria-hidden="true" {}
                                            (side.label)
                                        }
                                    }
                                    @if no_side {
                                        label style=(side_style(None)) {
                                            input type="checkbox" value="" checked;
                                            span.swatch aria-hidden="true" {}
                                            "no side"
                                        }
                                    }
                                }
                            }
                            button #clear-filters type="button" hidden { "Show all" }
                            span #match-count role="status" aria-live="polite" {}
                        }
                    }
                }
                main {
                    div #views {
                        section #view-map .view role="tabpanel" aria-labelledby="tab-map" {
                            nav #crumbs aria-label="Where you are" {}
                            div #map-canvas {}
                        }
                        section #view-outline .view role="tabpanel" aria-labelledby="tab-outline" hidden {
                            div.view-head {
                                h2 { "Outline" }
                                p.meta {
                                    "The motion first; under each point, the reasons for it, then \
                                     the points against it. Arrow keys move, Enter opens a point \
                                     in the map."
                                }
                                button #outline-expand type="button" { "Open all" }
                                " "
                                button #outline-collapse type="button" { "Close all" }
                            }
                            ul #outline role="tree" aria-label="The debate as an outline" {}
                        }
                        section #view-clashes .view role="tabpanel" aria-labelledby="tab-clashes" hidden {
                            div.view-head {
                                h2 { "Clashes" }
                                p.meta { (clash_definition()) ", most important first." }
                            }
                            div #clash-list {}
                        }
                        section #view-diagram .view role="tabpanel" aria-labelledby="tab-diagram" hidden {
                            section #diagram aria-label="Full diagram" {
                                div.toolbar role="toolbar" aria-label="Zoom" {
                                    button #zoom-in type="button" aria-label="Zoom in" { "+" }
                                    button #zoom-out type="button" aria-label="Zoom out" { "−" }
                                    button #zoom-fit type="button" aria-label="Fit the whole map" { "Fit" }
                                }
                                p #diagram-help hidden {
                                    "Drag to pan; wheel, + and − to zoom; 0 to fit. Tab to a point and \
                                     press Enter for its details. Every point is also listed under \
                                     All points."
                                }
                                div #viewport tabindex="0" aria-describedby="diagram-help" {
                                    (PreEscaped(svg))
                                }
                            }
                        }
                    }
                    aside aria-label="Details and lists" {
                        section #details hidden aria-labelledby="details-title" {
                            button #details-close type="button" aria-label="Close the details" { "×" }
                            h2 #details-title tabindex="-1" {}
                            p #details-meta .meta {}
                            p #details-status {}
                            p #details-strength .meta {}
                            ul #details-hinges {}
                            p #details-text {}
                            div #details-tags {}
                            button #details-open type="button" { "Show it in the map" }
                            h3 { "Citations" }
                            ul #details-citations {}
                            h3 { "It speaks to" }
                            ul #details-out {}
                            h3 { "What answers it" }
                            ul #details-in {}
                        }
                        section #legend aria-labelledby="legend-title" {
                            h2 #legend-title { "How to read it" }
                            ul #legend-camps {}
                            ul.legend-marks {
                                li { span.verdict.stands { "✓ stands" } " nothing that stands defeats it" }
                                li { span.verdict.falls { "✗ falls" } " a point that stands defeats it" }
                                li { span.verdict.undecided { "? undecided" } " the attacks go round in a circle" }
                                li { span.sample.open {} " double border: a contention no opponent has answered" }
                                li { "strength: from 0 (no weight left) to 1 (unshaken)" }
                            }
                        }
                        section #unanswered aria-labelledby="unanswered-title" {
                            h2 #unanswered-title { "Unanswered points" }
                            p.meta {
                                "A point is answered when an opponent (a node of another camp) \
                                 rebuts or undercuts it (or contradicts it)."
                            }
                            @for group in unanswered_groups(map, palette, &open) {
                                details.side-panel open style=(side_style(group.side.as_deref())) {
                                    summary {
                                        h3 {
                                            span.swatch aria-hidden="true" {}
                                            (group.label) " (" (group.nodes.len()) ")"
                                        }
                                    }
                                    @if group.nodes.is_empty() {
                                        p.empty { "Every point of this side is answered." }
                                    } @else {
                                        ul { @for &ix in &group.nodes { (point(ix)) } }
                                    }
                                }
                            }
                        }
                        section #points aria-labelledby="points-title" {
                            h2 #points-title { "All points" }
                            ul { @for &ix in &in_order { (point(ix)) } }
                        }
                        footer { "Made with counterpoint. This page works offline and loads nothing from the network." }
                    }
                }
                script #map-data type="application/json" { (PreEscaped(data)) }
                script { (PreEscaped(JS)) }
            }
        }
    };
    Ok(markup.into_string())
}

/// One side's unanswered points.
struct Group {
    side: Option<String>,
    label: String,
    nodes: Vec<NodeIndex>,
}

/// A group per side that has points (in palette order, even when all its points are answered),
/// then the points without a side if any is unanswered.
fn unanswered_groups(map: &Map, palette: &Palette, open: &[NodeIndex]) -> Vec<Group> {
    let mut groups: Vec<Group> = palette
        .used(map)
        .into_iter()
        .map(|s| Group {
            side: Some(s.id.clone()),
            label: s.label.clone(),
            nodes: Vec::new(),
        })
        .collect();
    let mut none = Group {
        side: None,
        label: "No side".into(),
        nodes: Vec::new(),
    };
    for &ix in open {
        let side = map.node(ix).side.as_deref();
        match side.and_then(|s| groups.iter_mut().find(|g| g.side.as_deref() == Some(s))) {
            Some(g) => g.nodes.push(ix),
            None => none.nodes.push(ix),
        }
    }
    if !none.nodes.is_empty() {
        groups.push(none);
    }
    groups
}

/// The map data the script reads, as JSON safe inside a `<script>` element. The nodes come in
/// map order; `motion` names the motion's node (which is never unanswered). The analyses
/// (reasons, hinges, camps, theses, clashes) are computed here once, on the map drawn; when the
/// filters left part of a larger map out, `partial` says so, and the page gives no reasons or
/// hinges (worked out on part of the map, they could contradict the verdicts, which come from
/// the whole map) but says where to find them.
fn data_json(
    drawing: Drawing<'_>,
    ids: &NodeIds,
    palette: &Palette,
    motion: Option<NodeIndex>,
    sources: &mut SourceLines<'_>,
) -> String {
    let map = drawing.map;
    let labels = drawing.verdicts;
    let analysis = Analysis::of(map);
    let nodes: Vec<Value> = map
        .nodes()
        .map(|(ix, n)| {
            let citations: Vec<Value> = n
                .citations
                .iter()
                .map(|c| {
                    let source = map.source(&c.source);
                    json!({
                        "source": c.source,
                        "sourceTitle": source.and_then(|s| s.title.clone()),
                        "sourceAuthor": source.and_then(|s| s.author.clone()),
                        "sourceYear": source.and_then(|s| s.year),
                        "lines": c.lines,
                        "quote": c.quote,
                        "text": sources.of(map, c),
                    })
                })
                .collect();
            let out: Vec<Value> = map
                .outgoing(ix)
                .map(|(to, r)| json!({"node": ids.get(to), "relation": r.as_str()}))
                .collect();
            let incoming: Vec<Value> = map
                .incoming(ix)
                .map(|(from, r)| json!({"node": ids.get(from), "relation": r.as_str()}))
                .collect();
            let reason = analysis
                .reasons
                .get(ix.index())
                .filter(|r| !r.is_empty())
                .cloned();
            json!({
                "dom": ids.get(ix),
                "id": n.id,
                "element": n.element.as_str(),
                "kind": map.kind(ix).as_str(),
                "title": n.title,
                "text": n.text,
                "side": n.side,
                "camp": data::camp_of(&analysis.camps, ix),
                "tags": n.tags,
                "citations": citations,
                "status": super::verdicts::status_marker(labels.label(ix)).2,
                // The verdicts come from the whole map; reasons and hinges worked out on part
                // of it could contradict them, so a filtered report gives none.
                "reason": reason.filter(|_| drawing.hidden == 0),
                "hinges": analysis.hinges.get(&ix.index()).filter(|_| drawing.hidden == 0),
                "strength": data::rounded(labels.strength(ix)),
                "unanswered": labels.is_unanswered(ix) && Some(ix) != motion,
                "contention": analysis.stakes.is_contention(ix),
                "thesis": analysis.stakes.is_thesis(ix),
                "motion": Some(ix) == motion,
                "out": out,
                "in": incoming,
            })
        })
        .collect();
    // Edges are numbered as the DOT numbers them (`e0`, `e1`, ... in map order).
    let edges: Vec<Value> = map
        .edges()
        .enumerate()
        .map(|(i, (a, b, e))| {
            json!({"dom": format!("e{i}"), "from": ids.get(a), "to": ids.get(b),
                   "relation": e.relation.as_str()})
        })
        .collect();
    let sides: Vec<Value> = palette
        .sides()
        .iter()
        .map(|s| json!({"id": s.id, "label": s.label, "color": s.color.hex()}))
        .collect();
    let status_help = json!({
        "stands": "Stands: every attack on it is defeated (grounded semantics).",
        "falls": "Falls: an attacker that stands defeats it.",
        "undecided": "Undecided: the attacks on it go round in a circle nobody settles.",
    });
    let value = json!({
        "title": map.title,
        "motion": motion.map(|m| ids.get(m)),
        "sides": sides,
        "camps": data::camps_json(&analysis.camps, palette),
        "theses": data::theses(map, &analysis, ids),
        "clashes": data::clashes_json(map, &analysis, labels, ids),
        "partial": drawing.hidden > 0,
        "sources": sources.given(),
        "nodes": nodes,
        "edges": edges,
        "statusHelp": status_help,
    });
    script_safe_json(&value)
}

/// JSON text that can sit inside a `<script>` element: `<`, `>`, `&`, U+2028 and U+2029 are
/// written as `\uXXXX` escapes (they only occur inside strings, where the escapes mean the same).
pub(crate) fn script_safe_json(value: &Value) -> String {
    let text = serde_json::to_string(value).unwrap_or_else(|_| "null".into());
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// The CSP source for an inline script: `sha256-<base64>`.
pub(crate) fn script_hash(script: &str) -> String {
    let digest = Sha256::digest(script.as_bytes());
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The `<svg>` element of Graphviz's output (without the XML prolog and doctype), checked to hold
/// no active content (see [`active_content`]).
fn embeddable_svg(svg: &str) -> Result<&str, ReportError> {
    let start = svg.find("<svg").ok_or(ReportError::NotSvg)?;
    let body = svg.get(start..).ok_or(ReportError::NotSvg)?;
    match active_content(body) {
        Some(what) => Err(ReportError::UnsafeSvg(what)),
        None => Ok(body),
    }
}

/// The first thing in `svg` that could run script or load a document, if any: an element that
/// does (`script`, `foreignObject`, `iframe`, ...), an event-handler attribute (`on...`), or a
/// link attribute (`href`, `xlink:href`, `src`, ...) that is not to a web page, a mail address
/// or a place in the page. Only markup counts: text and other attribute values (titles,
/// tooltips) are text however they read, so a map may well talk about `javascript:` or
/// `<script>` (Graphviz writes them as `&lt;script&gt;`).
///
/// Tags are read as a browser's HTML parser reads them (names end at a space, `/` or `>`,
/// attributes are separated by spaces or `/`, values quoted or not). Every `<` is taken for the
/// start of a tag, inside comments too, which can only refuse more, never less.
fn active_content(svg: &str) -> Option<&'static str> {
    let is_space = |c: char| c.is_ascii_whitespace();
    let mut rest = svg;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let name_len = rest
            .find(|c: char| is_space(c) || c == '/' || c == '>')
            .unwrap_or(rest.len());
        if name_len == 0 || rest.starts_with(['!', '?']) {
            // An end tag, a comment, a doctype or a lone `<`: nothing runs from it.
            continue;
        }
        if let Some(what) = active_element(&rest[..name_len]) {
            return Some(what);
        }
        rest = &rest[name_len..];
        loop {
            rest = rest.trim_start_matches(|c: char| is_space(c) || c == '/');
            if rest.is_empty() || rest.starts_with('>') {
                break;
            }
            let name_len = rest
                .char_indices()
                .skip(1)
                .find(|&(_, c)| is_space(c) || matches!(c, '/' | '>' | '='))
                .map_or(rest.len(), |(i, _)| i);
            let name = &rest[..name_len];
            rest = rest[name_len..].trim_start_matches(is_space);
            let mut value = "";
            if let Some(after) = rest.strip_prefix('=') {
                let after = after.trim_start_matches(is_space);
                match after.chars().next() {
                    Some(quote @ ('"' | '\'')) => {
                        let inner = &after[1..];
                        let end = inner.find(quote).unwrap_or(inner.len());
                        value = &inner[..end];
                        rest = inner.get(end + 1..).unwrap_or("");
                    }
                    _ => {
                        let end = after
                            .find(|c: char| is_space(c) || c == '>')
                            .unwrap_or(after.len());
                        value = &after[..end];
                        rest = &after[end..];
                    }
                }
            }
            if let Some(what) = active_attribute(name, value) {
                return Some(what);
            }
        }
    }
    None
}

/// The name without its namespace prefix (`xlink:href` is `href`), in lower case.
fn local_name(name: &str) -> String {
    name.rsplit(':').next().unwrap_or(name).to_ascii_lowercase()
}

/// Why an element with this tag name is active content, if it is.
fn active_element(name: &str) -> Option<&'static str> {
    Some(match local_name(name).as_str() {
        "script" => "a script element",
        "foreignobject" => "a foreignObject element",
        "iframe" => "an iframe",
        "object" | "embed" => "an embedded object",
        "handler" | "listener" => "an event handler element",
        "set" | "animate" | "animatemotion" | "animatetransform" => {
            "an animation (it can change links)"
        }
        _ => return None,
    })
}

/// Why an attribute with this name and raw value is active content, if it is.
fn active_attribute(name: &str, value: &str) -> Option<&'static str> {
    let name = local_name(name);
    if name.starts_with("on") {
        return Some("an event handler attribute");
    }
    if !matches!(
        name.as_str(),
        "href" | "src" | "action" | "formaction" | "data" | "codebase"
    ) {
        return None;
    }
    let url: String = value
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    let harmless = url.is_empty()
        || (url.starts_with('#') && !url.contains('&'))
        || ["http://", "https://", "mailto:"]
            .iter()
            .any(|scheme| url.starts_with(scheme));
    if harmless {
        None
    } else if url.starts_with("javascript:") {
        Some("a javascript: link")
    } else {
        Some("a link that is not to a web page or within the page")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_in_script_escapes_markup_and_line_separators() {
        let v = json!({"t": "</script><b>&\u{2028}\u{2029}"});
        let s = script_safe_json(&v);
        assert_eq!(
            s,
            r#"{"t":"\u003c/script\u003e\u003cb\u003e\u0026\u2028\u2029"}"#
        );
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn svg_with_a_script_is_refused() {
        assert!(matches!(
            embeddable_svg("<?xml?><svg><SCRIPT>x</SCRIPT></svg>"),
            Err(ReportError::UnsafeSvg(_))
        ));
        assert_eq!(embeddable_svg("<?xml?>\n<svg/>").unwrap(), "<svg/>");
        assert!(matches!(
            embeddable_svg("nothing"),
            Err(ReportError::NotSvg)
        ));
    }

    #[test]
    fn only_markup_that_runs_or_loads_something_is_refused() {
        let refused = [
            ("<svg><script>x</script></svg>", "a script element"),
            ("<svg><svg:SCRIPT>x</svg:SCRIPT></svg>", "a script element"),
            ("<svg><foreignObject/></svg>", "a foreignObject element"),
            ("<svg><g><iframe src=x></g></svg>", "an iframe"),
            (
                r#"<svg><g onclick="x()"/></svg>"#,
                "an event handler attribute",
            ),
            ("<svg><a/onmouseover=x>", "an event handler attribute"),
            (
                r#"<svg><a xlink:href="javascript:alert(1)">"#,
                "a javascript: link",
            ),
            (
                "<svg><a href=' JaVa\tScRiPt:alert(1)'>",
                "a javascript: link",
            ),
            (
                r#"<svg><a xlink:href="javascript&#58;alert(1)">"#,
                "a link that is not to a web page or within the page",
            ),
            (
                r#"<svg><image href="data:text/html,x"/>"#,
                "a link that is not to a web page or within the page",
            ),
            (
                r#"<svg><set attributeName="href" to="javascript:x"/>"#,
                "an animation (it can change links)",
            ),
            ("<svg><!-- <script> -->", "a script element"),
        ];
        for (svg, what) in refused {
            assert_eq!(active_content(svg), Some(what), "{svg}");
        }
        let accepted = [
            "<svg><text>never click javascript: links</text></svg>",
            r#"<svg><a xlink:title="javascript:alert(1) &lt;script&gt;"><text>&lt;script&gt;</text></a></svg>"#,
            r#"<svg><g id="a_s-x" class="node onclick"><title>on</title></g></svg>"#,
            r#"<svg><a xlink:href="https://example.org/javascript:x" target="_blank"/></svg>"#,
            r##"<svg><a href="#s-one"/><!-- s&#45;one --></svg>"##,
            "<svg><text x=\"1\" y='2'>a &lt; b &gt; c</text></svg>",
        ];
        for svg in accepted {
            assert_eq!(active_content(svg), None, "{svg}");
        }
    }

    #[test]
    fn csp_hash_is_sha256_base64() {
        assert_eq!(
            script_hash(""),
            "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
        );
    }
}
