//! `docs/cross-side-links.md`, the table that justifies every link between two sides of the
//! debate in `arguments/`: it lists exactly the map's cross-side links, and every quote it gives
//! occurs in the source lines it names.

use std::collections::{BTreeMap, BTreeSet};

use counterpoint::load::load;
use counterpoint::Map;

use crate::common::{read, root, shared};

/// The table's file, from the repository's root.
const TABLE: &str = "docs/cross-side-links.md";

/// The map's links, each end named as the table names it (its id: `<Title>` or `[Title]`),
/// whose two ends have different sides (the motion has none, so links to it
/// count), as (from, marker, to).
fn cross_side_links(map: &Map) -> BTreeSet<(String, String, String)> {
    map.edges()
        .filter(|(a, b, _)| map.node(*a).side != map.node(*b).side)
        .map(|(a, b, e)| {
            (
                map.node(a).id.to_string(),
                e.relation.marker().to_string(),
                map.node(b).id.to_string(),
            )
        })
        .collect()
}

/// One row of the table.
#[derive(Debug)]
struct Row {
    /// The 1-based line of the table file.
    line: usize,
    link: (String, String, String),
    /// (source id, first line, last line).
    lines: Vec<(String, usize, usize)>,
    quotes: Vec<String>,
    why: String,
}

/// The rows of the table: every line starting with `| <` or `| [` (the header and the rule
/// start otherwise). Problems go to `errors`.
fn rows(text: &str, errors: &mut Vec<String>) -> Vec<Row> {
    let mut rows = Vec::new();
    for (k, line) in text.lines().enumerate() {
        let line_no = k + 1;
        if !(line.starts_with("| <") || line.starts_with("| [")) {
            continue;
        }
        let cells: Vec<&str> = line
            .trim()
            .trim_start_matches('|')
            .trim_end_matches('|')
            .split(" | ")
            .map(str::trim)
            .collect();
        let [from, rel, to, lines, quotes, why] = cells.as_slice() else {
            errors.push(format!(
                "{TABLE}:{line_no}: {} cells, not 6 (a `|` inside a cell?)",
                cells.len()
            ));
            continue;
        };
        let mut cited = Vec::new();
        for part in lines.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            let parsed = part.split_once(':').and_then(|(id, range)| {
                let (a, b) = range.split_once('-').unwrap_or((range, range));
                Some((id.to_string(), a.parse().ok()?, b.parse().ok()?))
            });
            match parsed {
                Some(c) => cited.push(c),
                None => errors.push(format!(
                    "{TABLE}:{line_no}: `{part}` is not `source:line` or `source:first-last`"
                )),
            }
        }
        let quoted: Vec<String> = quotes
            .split('"')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect();
        rows.push(Row {
            line: line_no,
            link: (from.to_string(), rel.to_string(), to.to_string()),
            lines: cited,
            quotes: quoted,
            why: why.to_string(),
        });
    }
    rows
}

/// Text as compared: curly quotes straightened, runs of white space made one space.
fn normalized(text: &str) -> String {
    text.replace(['\u{2018}', '\u{2019}'], "'")
        .replace(['\u{201c}', '\u{201d}'], "\"")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_cross_side_table_lists_every_cross_side_link_with_quotes_from_its_lines() {
    let map = load(&[root().join("arguments")], None)
        .expect("arguments/ reads")
        .map;
    // Without the sources (they live beside the checkout) the links are still compared; the
    // quotes are not.
    let sources = shared("sources");
    let texts: BTreeMap<String, Vec<String>> = map
        .sources
        .iter()
        .filter_map(|s| {
            let file = s.file.as_ref()?;
            let text = read(&sources.as_ref()?.join(file));
            Some((s.id.to_string(), text.lines().map(str::to_string).collect()))
        })
        .collect();
    let mut errors = Vec::new();
    let rows = rows(&read(&root().join(TABLE)), &mut errors);
    let links = cross_side_links(&map);
    let mut listed = BTreeSet::new();
    for row in &rows {
        let (from, rel, to) = &row.link;
        let at = format!("{TABLE}:{}: {from} {rel} {to}", row.line);
        if !listed.insert(row.link.clone()) {
            errors.push(format!("{at}: listed twice"));
        }
        if !links.contains(&row.link) {
            errors.push(format!("{at}: no such cross-side link in arguments/"));
        }
        if row.lines.is_empty() || row.quotes.is_empty() || row.why.is_empty() {
            errors.push(format!("{at}: lines, a quote and a reason are all needed"));
        }
        if sources.is_none() {
            continue;
        }
        let mut cited = String::new();
        for (id, first, last) in &row.lines {
            let Some(lines) = texts.get(id) else {
                errors.push(format!("{at}: no source `{id}`"));
                continue;
            };
            match lines.get(first.saturating_sub(1)..*last) {
                Some(range) if *first >= 1 => {
                    cited.push_str(&range.join(" "));
                    cited.push(' ');
                }
                _ => errors.push(format!("{at}: {id}:{first}-{last} is not in the source")),
            }
        }
        let cited = normalized(&cited);
        for quote in &row.quotes {
            if !cited.contains(&normalized(quote)) {
                errors.push(format!("{at}: \"{quote}\" is not in the lines it names"));
            }
        }
    }
    for (from, rel, to) in links.difference(&listed) {
        errors.push(format!("{TABLE}: {from} {rel} {to} is missing"));
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    assert_eq!(rows.len(), links.len());
}

#[test]
fn rows_are_read_cell_by_cell_and_quotes_compared_with_straightened_quotes() {
    let mut errors = Vec::new();
    let table = "| From | Rel | To | Lines | Quote | Why it holds |\n\
                 |---|---|---|---|---|---|\n\
                 | <A> | -> | [B] | src:2; src:4-5 | \"one\"; \"two \u{2019}x\u{2019}\" | because |\n\
                 | <A> | +> | [B] | src | \"q\" | why | extra |\n";
    let rows = rows(table, &mut errors);
    assert_eq!(
        errors,
        [format!("{TABLE}:4: 7 cells, not 6 (a `|` inside a cell?)")]
    );
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(row.line, 3);
    assert_eq!(row.link, ("<A>".into(), "->".into(), "[B]".into()));
    assert_eq!(row.lines, [("src".into(), 2, 2), ("src".into(), 4, 5)]);
    assert_eq!(row.quotes, ["one", "two \u{2019}x\u{2019}"]);
    assert_eq!(normalized("two  \u{2019}x\u{2019}\n"), "two 'x'");
    assert!(!normalized("a b c").contains(&normalized("a  c")));
}
