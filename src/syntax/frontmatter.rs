//! The `===` YAML frontmatter: the map's title, its motion, its sides, camps and sources. The frontmatter of
//! every file merges into one; the same id declared twice with different content is an error.
//! Keys counterpoint does not use (Argdown's `model:`, `map:`, `color:`, ...) are ignored.

use serde_json::Value as Json;

use crate::diagnostic::Code;
use crate::model::{Camp, Side, Skip, Source};

use super::lexer::{FrontmatterBlock, Pos};
use super::metadata::yaml_to_json;
use super::sink::Sink;

/// What one file's frontmatter declares, with the place of each declaration.
#[derive(Debug, Clone, Default)]
pub(crate) struct Frontmatter {
    pub(crate) title: Option<(String, Pos)>,
    pub(crate) motion: Option<(String, Pos)>,
    pub(crate) sides: Vec<(Side, Pos)>,
    pub(crate) camps: Vec<(Camp, Pos)>,
    pub(crate) sources: Vec<(Source, Pos)>,
    /// `model: shortcodes: {":name:": {unicode: "..."}}`: more special characters.
    pub(crate) shortcodes: Vec<(String, String)>,
}

/// Finds the line where `id` is declared under the top-level key `section` (best effort: the
/// first line after `section:` that starts with `id:`), else the line of `section:`.
fn locate(block: &FrontmatterBlock, section: &str, id: Option<&str>) -> Pos {
    let lines: Vec<&str> = block.yaml.split('\n').collect();
    // Whether the line starts with `key:`, `"key":` or `'key':`.
    let head = |l: &str, key: &str| {
        let t = l.trim_start();
        let quoted = |q: char| {
            t.strip_prefix(q)
                .and_then(|r| r.strip_prefix(key))
                .and_then(|r| r.strip_prefix(q))
        };
        t.strip_prefix(key)
            .or_else(|| quoted('"'))
            .or_else(|| quoted('\''))
            .is_some_and(|r| r.starts_with(':'))
    };
    let fallback = Pos {
        line: block.first_line,
        column: 1,
    };
    let Some(sec) = lines
        .iter()
        .position(|l| !l.starts_with([' ', '\t']) && head(l, section))
    else {
        return fallback;
    };
    let sec_pos = Pos {
        line: block.first_line + 1 + sec,
        column: 1,
    };
    let Some(id) = id else {
        return sec_pos;
    };
    for (k, l) in lines.iter().enumerate().skip(sec) {
        if k > sec && !l.trim().is_empty() && !l.starts_with([' ', '\t']) {
            break;
        }
        if k == sec {
            // Flow style on the same line: `sides: {pro: ...}`.
            if let Some(col) = l.find(&format!("{id}:")).filter(|&c| c > section.len()) {
                return Pos {
                    line: sec_pos.line,
                    column: l.get(..col).map_or(1, |p| p.chars().count() + 1),
                };
            }
            continue;
        }
        if head(l, id) {
            let indent = l.chars().take_while(|c| c.is_whitespace()).count();
            return Pos {
                line: block.first_line + 1 + k,
                column: indent + 1,
            };
        }
    }
    sec_pos
}

/// Reads one file's frontmatter. Problems (invalid YAML, wrong shapes) go to `sink`.
pub(crate) fn read(block: &FrontmatterBlock, sink: &mut Sink<'_>) -> Frontmatter {
    let mut fm = Frontmatter::default();
    let top = Pos {
        line: block.first_line,
        column: 1,
    };
    let value = match yaml_to_json(&block.yaml) {
        Ok(v) => v,
        Err((message, at)) => {
            let pos = at.map_or(top, |(line, column)| Pos {
                line: block.first_line + line,
                column,
            });
            sink.report(
                Code::BadMetadata,
                format!(
                    "the frontmatter is not valid YAML: {}",
                    message.lines().next().unwrap_or("")
                ),
                pos,
                1,
                Some("the frontmatter between the `===` lines is a YAML mapping".into()),
            );
            return fm;
        }
    };
    let object = match value {
        Json::Object(o) => o,
        Json::Null => return fm,
        _ => {
            sink.report(
                Code::BadMetadata,
                "the frontmatter must be a YAML mapping",
                top,
                3,
                Some("write `key: value` lines, e.g. `title: My debate`".into()),
            );
            return fm;
        }
    };
    for (key, value) in object {
        match key.as_str() {
            "title" => {
                let pos = locate(block, "title", None);
                match text_value(&value) {
                    Ok(t) => {
                        sink.control_in(&t, "the map's title", pos);
                        fm.title = Some((t.trim().to_string(), pos));
                    }
                    Err(what) => shape(sink, pos, &format!("`title` must be a text, not {what}")),
                }
            }
            "motion" => {
                let pos = locate(block, "motion", None);
                match text_value(&value) {
                    Ok(t) if !t.trim().is_empty() => {
                        sink.control_in(&t, "the motion", pos);
                        fm.motion = Some((t.trim().to_string(), pos));
                    }
                    Ok(_) => shape(sink, pos, "`motion` must name a statement, not be empty"),
                    Err(what) => shape(
                        sink,
                        pos,
                        &format!("`motion` must be the title of a statement, not {what}"),
                    ),
                }
            }
            "sides" => read_sides(block, value, sink, &mut fm),
            "camps" => read_camps(block, value, sink, &mut fm),
            "sources" => read_sources(block, value, sink, &mut fm),
            "model" => {
                if value.get("explodeArguments") == Some(&Json::Bool(true)) {
                    sink.report(
                        Code::Unsupported,
                        "`model: explodeArguments` is not supported yet",
                        locate(block, "model", Some("explodeArguments")),
                        16,
                        Some(
                            "counterpoint keeps each premise-conclusion structure as one \
                             argument; remove the setting"
                                .into(),
                        ),
                    );
                }
                if let Some(Json::Object(codes)) = value.get("shortcodes") {
                    for (code, v) in codes {
                        if let Some(unicode) = v.get("unicode").and_then(Json::as_str) {
                            fm.shortcodes.push((code.clone(), unicode.to_string()));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    fm
}

fn shape(sink: &mut Sink<'_>, pos: Pos, message: &str) {
    sink.report(
        Code::BadMetadata,
        message,
        pos,
        1,
        Some(
            "see GRAMMAR.md: `motion: title`, `sides: {id: {label, color}}`, `camps: {id: \
             {label, sides: [side, ...]}}`, `sources: {id: {title, author, year, url, file, \
             skip}}`"
                .into(),
        ),
    );
}

/// A string, or what the value is instead (`the number 5`): a number or a boolean is not read
/// as a text, since YAML has already changed it (`1.10` is 1.1, `0x10` is 16).
/// The text at `key` of `o` (`None` when absent or null). Anything but a text is reported as
/// "`owner`: `key` must be a text, not ..." and clears `ok`.
fn text_field(
    o: &serde_json::Map<String, Json>,
    key: &str,
    owner: &str,
    sink: &mut Sink<'_>,
    pos: Pos,
    ok: &mut bool,
) -> Option<String> {
    let value = match o.get(key) {
        None | Some(Json::Null) => return None,
        Some(v) => v,
    };
    match text_value(value) {
        Ok(t) => Some(t),
        Err(what) => {
            shape(
                sink,
                pos,
                &format!("{owner}: `{key}` must be a text, not {what}"),
            );
            *ok = false;
            None
        }
    }
}

fn text_value(v: &Json) -> Result<String, String> {
    match v {
        Json::String(s) => Ok(s.clone()),
        Json::Number(n) => Err(format!("the number {n}")),
        Json::Bool(b) => Err(b.to_string()),
        Json::Null => Err("empty".into()),
        Json::Array(_) => Err("a list".into()),
        Json::Object(_) => Err("a mapping".into()),
    }
}

fn read_sides(block: &FrontmatterBlock, value: Json, sink: &mut Sink<'_>, fm: &mut Frontmatter) {
    let Json::Object(sides) = value else {
        if !value.is_null() {
            shape(
                sink,
                locate(block, "sides", None),
                "`sides` must map side ids to {label, color}",
            );
        }
        return;
    };
    for (id, v) in sides {
        let pos = locate(block, "sides", Some(&id));
        let side = match v {
            Json::Null => Some(Side {
                id: id.clone(),
                label: id.clone(),
                color: None,
            }),
            Json::String(label) => Some(Side {
                id: id.clone(),
                label,
                color: None,
            }),
            Json::Object(o) => {
                let mut ok = true;
                let owner = format!("side {id:?}");
                let label = text_field(&o, "label", &owner, sink, pos, &mut ok);
                let color = text_field(&o, "color", &owner, sink, pos, &mut ok);
                if !ok {
                    None
                } else {
                    Some(Side {
                        id: id.clone(),
                        label: label.unwrap_or_else(|| id.clone()),
                        color,
                    })
                }
            }
            _ => {
                shape(sink, pos, &format!("side {id:?} must be {{label, color}}"));
                None
            }
        };
        if let Some(side) = side {
            sink.control_in(&side.label, &format!("the label of side {id:?}"), pos);
            fm.sides.push((side, pos));
        }
    }
}

fn read_camps(block: &FrontmatterBlock, value: Json, sink: &mut Sink<'_>, fm: &mut Frontmatter) {
    let Json::Object(camps) = value else {
        if !value.is_null() {
            shape(
                sink,
                locate(block, "camps", None),
                "`camps` must map camp ids to {label, sides: [side, ...]}",
            );
        }
        return;
    };
    for (id, v) in camps {
        let pos = locate(block, "camps", Some(&id));
        let Json::Object(o) = v else {
            shape(
                sink,
                pos,
                &format!("camp {id:?} must be {{label, sides: [side, ...]}}"),
            );
            continue;
        };
        let mut ok = true;
        let owner = format!("camp {id:?}");
        let label = text_field(&o, "label", &owner, sink, pos, &mut ok);
        let mut sides = Vec::new();
        match o.get("sides") {
            None | Some(Json::Null) => {}
            Some(Json::Array(items)) => {
                for item in items {
                    match text_value(item) {
                        Ok(side) => sides.push(side),
                        Err(what) => {
                            shape(
                                sink,
                                pos,
                                &format!("camp {id:?}: each side is a side id, not {what}"),
                            );
                            ok = false;
                        }
                    }
                }
            }
            Some(other) => {
                let what = text_value(other).map_or_else(|w| w, |t| format!("the text {t:?}"));
                shape(
                    sink,
                    pos,
                    &format!("camp {id:?}: `sides` must be a list of side ids, not {what}"),
                );
                ok = false;
            }
        }
        if ok {
            let label = label.unwrap_or_else(|| id.clone());
            sink.control_in(&label, &format!("the label of camp {id:?}"), pos);
            fm.camps.push((
                Camp {
                    id: id.clone(),
                    label,
                    sides,
                    origin: None,
                },
                pos,
            ));
        }
    }
}

fn read_sources(block: &FrontmatterBlock, value: Json, sink: &mut Sink<'_>, fm: &mut Frontmatter) {
    let Json::Object(sources) = value else {
        if !value.is_null() {
            shape(
                sink,
                locate(block, "sources", None),
                "`sources` must map source ids to {title, author, year, url, file, skip}",
            );
        }
        return;
    };
    for (id, v) in sources {
        let pos = locate(block, "sources", Some(&id));
        let o = match v {
            Json::Object(o) => o,
            Json::Null => serde_json::Map::new(),
            _ => {
                shape(
                    sink,
                    pos,
                    &format!("source {id:?} must be {{title, author, year, url, file, skip}}"),
                );
                continue;
            }
        };
        let mut source = Source {
            id: id.clone(),
            ..Source::default()
        };
        let mut ok = true;
        let owner = format!("source {id:?}");
        let mut text = |key: &str, ok: &mut bool| text_field(&o, key, &owner, sink, pos, ok);
        source.title = text("title", &mut ok);
        source.author = text("author", &mut ok);
        source.url = text("url", &mut ok);
        source.file = text("file", &mut ok);
        source.year = match o.get("year") {
            None | Some(Json::Null) => None,
            Some(v) => match v
                .as_i64()
                .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
            {
                Some(y) => Some(y),
                None => {
                    shape(
                        sink,
                        pos,
                        &format!("source {id:?}: `year` must be a whole number"),
                    );
                    ok = false;
                    None
                }
            },
        };
        match o.get("skip") {
            None | Some(Json::Null) => {}
            Some(Json::Array(items)) => {
                for item in items {
                    match read_skip(item) {
                        Ok(skip) => source.skip.push(skip),
                        Err(why) => {
                            shape(
                                sink,
                                pos,
                                &format!("source {id:?}: bad `skip` entry: {why}"),
                            );
                            ok = false;
                        }
                    }
                }
            }
            Some(_) => {
                shape(
                    sink,
                    pos,
                    &format!("source {id:?}: `skip` must be a list of {{lines, reason}}"),
                );
                ok = false;
            }
        }
        if let Some(title) = &source.title {
            sink.control_in(title, &format!("the title of source {id:?}"), pos);
        }
        if ok {
            fm.sources.push((source, pos));
        }
    }
}

/// `{lines: "12-14" | "12" | [12, 14] | 12, reason: "..."}`.
fn read_skip(item: &Json) -> Result<Skip, String> {
    let Json::Object(o) = item else {
        return Err("it must be {lines, reason}".into());
    };
    let lines = match o.get("lines") {
        Some(Json::String(s)) => {
            let (a, b) = s.split_once('-').unwrap_or((s, s));
            let n = |t: &str| {
                t.trim()
                    .parse::<u32>()
                    .map_err(|_| format!("{s:?} is not a line range"))
            };
            [n(a)?, n(b)?]
        }
        Some(Json::Number(n)) => {
            let n = n
                .as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| format!("{n} is not a line number"))?;
            [n, n]
        }
        Some(Json::Array(pair)) => {
            let n = |v: Option<&Json>| {
                v.and_then(Json::as_u64)
                    .and_then(|n| u32::try_from(n).ok())
                    .ok_or_else(|| "`lines` must be [first, last]".to_string())
            };
            if pair.len() != 2 {
                return Err("`lines` must be [first, last]".into());
            }
            [n(pair.first())?, n(pair.get(1))?]
        }
        _ => return Err("`lines` is missing".into()),
    };
    let [first, last] = lines;
    if first == 0 || first > last {
        return Err(format!("{first}-{last} is not a range of 1-based lines"));
    }
    let reason = match o.get("reason") {
        Some(v) => text_value(v).map_err(|what| format!("`reason` must be a text, not {what}"))?,
        None => String::new(),
    };
    Ok(Skip { lines, reason })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;

    fn run(yaml: &str) -> (Frontmatter, Vec<Diagnostic>) {
        let block = FrontmatterBlock {
            yaml: yaml.to_string(),
            first_line: 1,
            last_line: yaml.lines().count() + 2,
        };
        let text = format!("===\n{yaml}\n===\n");
        let lines = crate::text::lines::split_lines(&text);
        let mut diagnostics = Vec::new();
        let mut sink = Sink {
            text: crate::model::Str::new(),
            file: "f.argdown".into(),
            lines: &lines,
            diagnostics: &mut diagnostics,
            shortcodes: &[],
        };
        let fm = read(&block, &mut sink);
        (fm, diagnostics)
    }

    #[test]
    fn reads_title_sides_sources() {
        let (fm, d) = run(
            "title: Four-day week\nsides:\n  pro: {label: \"Supporters\", color: \"#1b9e77\"}\n  con: {label: Opponents}\nsources:\n  memo:\n    title: District memo\n    year: 2024\n    file: memo.txt\n    skip:\n      - {lines: \"12-14\", reason: boilerplate}\n      - {lines: [20, 21], reason: x}\nmodel:\n  removeTagsFromText: true",
        );
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(fm.title.unwrap().0, "Four-day week");
        let ids: Vec<_> = fm
            .sides
            .iter()
            .map(|(s, p)| (s.id.as_str(), p.line))
            .collect();
        assert_eq!(ids, vec![("pro", 4), ("con", 5)]);
        assert_eq!(fm.sides[1].0.label, "Opponents");
        assert_eq!(fm.sides[0].0.color.as_deref(), Some("#1b9e77"));
        let memo = &fm.sources[0].0;
        assert_eq!(memo.year, Some(2024));
        assert_eq!(memo.file.as_deref(), Some("memo.txt"));
        assert_eq!(memo.skip.len(), 2);
        assert_eq!(memo.skip[1].lines, [20, 21]);
        assert_eq!(fm.sources[0].1.line, 7);
    }

    #[test]
    fn reports_bad_yaml_and_shapes() {
        let (_, d) = run("title: [unclosed");
        assert_eq!(d[0].code, Code::BadMetadata);
        let (_, d) = run("sides: [a, b]");
        assert_eq!(d[0].code, Code::BadMetadata);
        let (fm, d) = run("sources:\n  m: {year: soon}");
        assert_eq!(d[0].code, Code::BadMetadata);
        assert_eq!(d[0].line, 3);
        assert!(fm.sources.is_empty());
    }
}
