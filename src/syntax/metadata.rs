//! Inline `{key: value}` metadata (YAML flow): `side`, `cite` and `quote` are read into the
//! model; every other key is kept as data.

use serde_json::Value as Json;

use crate::diagnostic::Code;
use crate::model::Citation;

use super::lexer::Pos;
use super::sink::Sink;
use super::text::RawMeta;

/// What one element's metadata says.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Meta {
    /// `side: id`, with the place of the value.
    pub(crate) side: Option<(String, Pos)>,
    pub(crate) citations: Vec<Citation>,
    /// Every other key, as JSON.
    pub(crate) data: serde_json::Map<String, Json>,
}

/// Parses YAML (flow or block) into JSON, or says why it cannot.
pub(crate) fn yaml_to_json(source: &str) -> Result<Json, (String, Option<(usize, usize)>)> {
    // Deep nesting is refused before serde_norway loads the text (see `yaml_depth`).
    if let Some(at) = super::yaml_depth::too_deep(source) {
        return Err((
            format!(
                "collections nested more than {} levels deep",
                super::yaml_depth::MAX_DEPTH
            ),
            Some(at),
        ));
    }
    let value: serde_norway::Value = serde_norway::from_str(source).map_err(|e| {
        let at = e.location().map(|l| (l.line(), l.column()));
        let message = e.to_string();
        // The place is given separately: cut libyaml's "at line N column M" out of the text.
        let message = match message.find(" at line ") {
            Some(cut) => message.get(..cut).unwrap_or(&message).to_string(),
            None => message,
        };
        (message, at)
    })?;
    serde_json::to_value(&value).map_err(|e| (e.to_string(), None))
}

/// Parses an element's metadata. `file` names the file for citation origins.
pub(crate) fn parse(raw: &RawMeta, sink: &mut Sink<'_>) -> Meta {
    let mut meta = Meta::default();
    let start = raw.pos_at(0);
    let length = raw.source.chars().count();
    // `{` followed by a line break opens block YAML: the content between the braces is parsed
    // as a YAML document (Argdown's rule). Otherwise the braces are YAML flow.
    let (yaml, offset) = block_content(&raw.source).unwrap_or((&raw.source, 0));
    let object = match yaml_to_json(yaml) {
        Ok(Json::Object(o)) => o,
        Ok(Json::Null) => return meta,
        Ok(_) => {
            sink.report(
                Code::BadMetadata,
                "metadata must be a mapping of keys to values",
                start,
                length,
                Some("write it as `{key: value, other: value}`".into()),
            );
            return meta;
        }
        Err((message, at)) => {
            let (pos, length) = match at {
                Some((line, column)) => {
                    let before: usize = offset
                        + yaml
                            .split('\n')
                            .take(line.saturating_sub(1))
                            .map(|l| l.chars().count() + 1)
                            .sum::<usize>();
                    (raw.pos_at(before + column.saturating_sub(1)), 1)
                }
                None => (start, length),
            };
            sink.report(
                Code::BadMetadata,
                format!("metadata is not valid YAML: {}", first_line(&message)),
                pos,
                length,
                Some(
                    "metadata is a YAML mapping in braces, e.g. `{side: pro, cite: \"memo:3-4\"}`; \
                     quote values that contain `:`, `#`, `,` or brackets"
                        .into(),
                ),
            );
            return meta;
        }
    };
    let mut quote: Option<(String, Pos)> = None;
    for (key, value) in object {
        match key.as_str() {
            "side" => {
                let pos = raw.pos_of_value("side");
                match value {
                    Json::String(s) if !s.trim().is_empty() => {
                        meta.side = Some((s.trim().to_string(), pos))
                    }
                    _ => sink.report(
                        Code::BadMetadata,
                        "`side` must be the id of a side",
                        pos,
                        1,
                        Some(
                            "write e.g. `{side: pro}` with a side declared in the frontmatter"
                                .into(),
                        ),
                    ),
                }
            }
            "cite" => {
                let pos = raw.pos_of_value("cite");
                let items = match value {
                    Json::Array(items) => items,
                    other => vec![other],
                };
                // Exactly as many as given: the node keeps this vector.
                meta.citations.reserve_exact(items.len());
                for item in items {
                    match item {
                        Json::String(s) => match parse_cite(&s) {
                            Ok((source, lines)) => meta.citations.push(Citation {
                                source,
                                lines,
                                quote: None,
                                origin: Some(sink.origin(pos)),
                            }),
                            Err(why) => report_cite(sink, pos, &s, &why),
                        },
                        other => report_cite(sink, pos, &other.to_string(), "it is not a string"),
                    }
                }
            }
            "quote" => {
                let pos = raw.pos_of_value("quote");
                match value {
                    Json::String(s) => quote = Some((s, pos)),
                    other => sink.report(
                        Code::MalformedCite,
                        format!("`quote` must be a text, not {other}"),
                        pos,
                        1,
                        Some("write e.g. `{cite: \"memo:3\", quote: \"the exact words\"}`".into()),
                    ),
                }
            }
            _ => {
                meta.data.insert(key, value);
            }
        }
    }
    if let Some((text, pos)) = quote {
        match meta.citations.first_mut() {
            Some(first) => first.quote = Some(text),
            None => sink.report(
                Code::MalformedCite,
                "a `quote` without a `cite`",
                pos,
                1,
                Some("say where the quote is: add `cite: \"source:line\"`".into()),
            ),
        }
    }
    meta
}

/// The content of `{\n ... }` (block YAML) and the character offset where it starts.
fn block_content(source: &str) -> Option<(&str, usize)> {
    let inner = source.strip_prefix('{')?.strip_suffix('}')?;
    let first_line_end = inner.find('\n')?;
    if !inner.get(..first_line_end)?.trim().is_empty() {
        return None;
    }
    let content = inner.get(first_line_end + 1..)?;
    let offset = 1 + inner.get(..=first_line_end)?.chars().count();
    Some((content, offset))
}

fn report_cite(sink: &mut Sink<'_>, pos: Pos, value: &str, why: &str) {
    sink.report(
        Code::MalformedCite,
        format!("malformed cite {value:?}: {why}"),
        pos,
        value.chars().count().max(1) + 2,
        Some(
            "write `cite: \"source:line\"`, `cite: \"source:first-last\"` or a list of them, \
             with 1-based line numbers"
                .into(),
        ),
    );
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s)
}

/// Parses `source:line` or `source:first-last` into the source id and the line range.
pub(crate) fn parse_cite(s: &str) -> Result<(String, [u32; 2]), String> {
    let s = s.trim();
    let Some((source, range)) = s.rsplit_once(':') else {
        return Err("there is no `:` between the source and the lines".into());
    };
    let source = source.trim();
    if source.is_empty() {
        return Err("the source id is missing".into());
    }
    let range = range.trim();
    let (first, last) = match range.split_once('-') {
        Some((a, b)) => (a.trim(), b.trim()),
        None => (range, range),
    };
    let number = |t: &str| -> Result<u32, String> {
        if t.is_empty() || !t.chars().all(|c| c.is_ascii_digit()) {
            return Err(format!("{t:?} is not a line number"));
        }
        t.parse::<u32>()
            .map_err(|_| format!("{t} is too large a line number"))
    };
    let first = number(first)?;
    let last = number(last)?;
    // The same check as for citations read from any other format.
    crate::model::check_lines(first, last)?;
    Ok((source.to_string(), [first, last]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cites() {
        assert_eq!(parse_cite("memo:3"), Ok(("memo".into(), [3, 3])));
        assert_eq!(parse_cite(" memo : 3 - 4 "), Ok(("memo".into(), [3, 4])));
        assert_eq!(parse_cite("a:b:12-14"), Ok(("a:b".into(), [12, 14])));
        assert!(parse_cite("memo").is_err());
        assert!(parse_cite(":3").is_err());
        assert!(parse_cite("memo:0").is_err());
        assert!(parse_cite("memo:4-3").is_err());
        assert!(parse_cite("memo:x").is_err());
        assert!(parse_cite("memo:99999999999").is_err());
    }

    #[test]
    fn block_yaml_between_braces() {
        let (inner, offset) = block_content("{\nsources:\n    - a\n}").unwrap();
        assert_eq!(inner, "sources:\n    - a\n");
        assert_eq!(offset, 2);
        assert_eq!(block_content("{a: 1}"), None);
    }

    #[test]
    fn yaml_flow_values() {
        assert_eq!(
            yaml_to_json("{side: pro, cite: [\"m:1\", \"m:2-3\"], n: 2}").unwrap(),
            serde_json::json!({"side": "pro", "cite": ["m:1", "m:2-3"], "n": 2})
        );
        assert!(yaml_to_json("{a: [}").is_err());
    }
}
