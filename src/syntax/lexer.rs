//! The first pass over a file: finds the `===` frontmatter, blanks out comments (keeping every
//! line and column where it was) and classifies each remaining line.
//!
//! Everything here works line by line or character by character with explicit state; nothing
//! recurses, and every function is linear in the length of the text.

/// 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

/// The YAML between the two `===` lines at the top of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontmatterBlock {
    /// The YAML text (the lines between the fences, joined with `\n`).
    pub yaml: String,
    /// The line of the opening `===`.
    pub first_line: usize,
    /// The line of the closing `===`.
    pub last_line: usize,
}

/// A problem found while lexing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LexProblem {
    /// `===` opens a frontmatter block that is never closed.
    UnclosedFrontmatter(Pos),
    /// `/*` or `<!--` without its end.
    UnclosedComment(Pos, &'static str),
}

/// A file after the first pass.
#[derive(Debug, Clone)]
pub struct Lexed {
    pub frontmatter: Option<FrontmatterBlock>,
    /// Every line of the file with comments (and the frontmatter) replaced by spaces; the
    /// index is the line number minus one.
    pub lines: Vec<String>,
    /// Lines that were not blank but hold only comments or frontmatter: the parser passes
    /// over them as if they were not there (they do not end a paragraph, as in Argdown).
    pub hidden: Vec<bool>,
    pub problems: Vec<LexProblem>,
}

/// Splits a text into lines (`\n`, `\r\n` or a lone `\r` end a line).
pub fn split_lines(text: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes.get(i) {
            Some(b'\n') => {
                lines.push(text.get(start..i).unwrap_or(""));
                start = i + 1;
            }
            Some(b'\r') => {
                lines.push(text.get(start..i).unwrap_or(""));
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if start < text.len() || lines.is_empty() {
        lines.push(text.get(start..).unwrap_or(""));
    }
    lines
}

/// Lexes one file: frontmatter, comments, lines.
pub fn lex(text: &str) -> Lexed {
    let raw = split_lines(text);
    let mut problems = Vec::new();
    let mut frontmatter = None;
    let mut body_start = 0;
    // The frontmatter opens at the first non-blank line when that line starts with `===`.
    if let Some(first) = raw.iter().position(|l| !l.trim().is_empty()) {
        if raw.get(first).is_some_and(|l| l.trim().starts_with("===")) {
            let close = raw
                .iter()
                .enumerate()
                .skip(first + 1)
                .find(|(_, l)| l.trim().starts_with("==="))
                .map(|(i, _)| i);
            match close {
                Some(close) => {
                    let yaml = raw.get(first + 1..close).unwrap_or(&[]).join("\n");
                    frontmatter = Some(FrontmatterBlock {
                        yaml,
                        first_line: first + 1,
                        last_line: close + 1,
                    });
                    body_start = close + 1;
                }
                None => problems.push(LexProblem::UnclosedFrontmatter(Pos {
                    line: first + 1,
                    column: 1,
                })),
            }
        }
    }
    let mut lines: Vec<String> = raw
        .iter()
        .take(body_start)
        .map(|l| " ".repeat(l.chars().count()))
        .collect();
    let rest: Vec<&str> = raw.iter().skip(body_start).copied().collect();
    let (blanked, comment_problems) = blank_comments(&rest, body_start);
    lines.extend(blanked);
    problems.extend(comment_problems);
    let hidden = raw
        .iter()
        .zip(&lines)
        .map(|(r, l)| !r.trim().is_empty() && l.trim().is_empty())
        .collect();
    Lexed {
        frontmatter,
        lines,
        hidden,
        problems,
    }
}

/// Replaces `//` line comments, `/* */` and `<!-- -->` block comments by spaces. Inside `{...}`
/// metadata (which may span lines, until a blank line) nothing is a comment, so URLs survive.
/// A block comment that is never closed is reported and its opener read as text.
/// `line_offset` is the number of lines before `lines` in the file.
fn blank_comments(lines: &[&str], line_offset: usize) -> (Vec<String>, Vec<LexProblem>) {
    let mut problems = Vec::new();
    if lines.is_empty() {
        return (Vec::new(), problems);
    }
    // The whole text as characters, lines joined by '\n'.
    let mut chars: Vec<char> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            chars.push('\n');
        }
        chars.extend(line.chars());
    }
    let last_of = |pat: &[char]| -> Option<usize> {
        (0..chars.len())
            .rev()
            .find(|&i| chars.get(i..i + pat.len()) == Some(pat))
    };
    let last_block_end = last_of(&['*', '/']);
    let last_html_end = last_of(&['-', '-', '>']);
    let mut out = chars.clone();
    let (mut line, mut column) = (line_offset + 1, 1);
    let mut depth: usize = 0;
    let mut quote: Option<char> = None;
    let mut line_is_blank = true;
    let mut i = 0;
    let blank = |out: &mut Vec<char>, from: usize, to: usize| {
        for c in out.iter_mut().take(to).skip(from) {
            if *c != '\n' {
                *c = ' ';
            }
        }
    };
    while let Some(&c) = chars.get(i) {
        let next = chars.get(i + 1).copied();
        if c == '\n' {
            if line_is_blank {
                depth = 0;
                quote = None;
            }
            line_is_blank = true;
            line += 1;
            column = 1;
            i += 1;
            continue;
        }
        if !c.is_whitespace() {
            line_is_blank = false;
        }
        if let Some(q) = quote {
            if c == '\\' && q == '"' && next.is_some_and(|n| n != '\n') {
                i += 2;
                column += 2;
                continue;
            }
            if c == q {
                quote = None;
            }
            i += 1;
            column += 1;
            continue;
        }
        if c == '\\' && next.is_some_and(|n| n != '\n') {
            i += 2;
            column += 2;
            continue;
        }
        if depth > 0 {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                '"' | '\'' => quote = Some(c),
                _ => {}
            }
            i += 1;
            column += 1;
            continue;
        }
        let opener = if c == '/' && next == Some('/') {
            let end = chars
                .iter()
                .skip(i)
                .position(|&c| c == '\n')
                .map_or(chars.len(), |n| i + n);
            blank(&mut out, i, end);
            column += end - i;
            i = end;
            continue;
        } else if c == '/' && next == Some('*') {
            Some(("/*", ['*', '/'].as_slice(), last_block_end, 2))
        } else if c == '<'
            && chars
                .get(i + 1..i + 4)
                .is_some_and(|w| w == ['!', '-', '-'])
        {
            Some(("<!--", ['-', '-', '>'].as_slice(), last_html_end, 4))
        } else {
            None
        };
        // `[...]`, `[text](url)` and `<...>` are read whole by Argdown: no comment inside.
        if opener.is_none() && (c == '[' || c == '<') {
            if let Some(end) = bracket_end(&chars, i) {
                column += end - i;
                i = end;
                continue;
            }
        }
        match opener {
            Some((name, close, last_close, open_len)) => {
                if last_close.is_some_and(|l| l >= i + open_len) {
                    let mut k = i + open_len;
                    while chars.get(k..k + close.len()).is_some_and(|w| w != close) {
                        k += 1;
                    }
                    let end = (k + close.len()).min(chars.len());
                    for ch in chars.get(i..end).unwrap_or(&[]) {
                        if *ch == '\n' {
                            line += 1;
                            column = 1;
                        } else {
                            column += 1;
                        }
                    }
                    blank(&mut out, i, end);
                    i = end;
                } else {
                    problems.push(LexProblem::UnclosedComment(Pos { line, column }, name));
                    i += 1;
                    column += 1;
                }
            }
            None => {
                if c == '{' {
                    depth += 1;
                }
                i += 1;
                column += 1;
            }
        }
    }
    let text: String = out.into_iter().collect();
    (text.split('\n').map(str::to_string).collect(), problems)
}

/// The end (exclusive) of a `[title]`, `[text](url)` or `<title>` starting at `start` on one
/// line, as Argdown's lexer would take it.
fn bracket_end(chars: &[char], start: usize) -> Option<usize> {
    let open = *chars.get(start)?;
    let close = if open == '[' { ']' } else { '>' };
    let on_line = |from: usize, c: char| {
        chars
            .iter()
            .enumerate()
            .skip(from)
            .take_while(|(_, ch)| **ch != '\n')
            .find(|(_, ch)| **ch == c)
            .map(|(k, _)| k)
    };
    let end = on_line(start + 1, close).filter(|&k| k > start + 1)?;
    if open == '[' && chars.get(end + 1) == Some(&'(') {
        if let Some(paren) = on_line(end + 2, ')') {
            return Some(paren + 1);
        }
    }
    Some(end + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_all_line_endings() {
        assert_eq!(split_lines("a\nb\r\nc\rd"), vec!["a", "b", "c", "d"]);
        assert_eq!(split_lines("a\n"), vec!["a"]);
        assert_eq!(split_lines(""), vec![""]);
    }

    #[test]
    fn blanks_comments_keeping_columns() {
        let l = lex("[A]: a // note\n/* x\ny */ [B]\n<!-- c --> t");
        assert_eq!(l.lines[0], "[A]: a        ");
        assert_eq!(l.lines[1], "    ");
        assert_eq!(l.lines[2], "     [B]");
        assert_eq!(l.lines[3], "           t");
        assert!(l.problems.is_empty());
    }

    #[test]
    fn metadata_protects_urls() {
        let l = lex("[A]: a {url: \"http://x.org\"} // c");
        assert_eq!(l.lines[0], "[A]: a {url: \"http://x.org\"}     ");
    }

    #[test]
    fn links_and_titles_protect_slashes() {
        let l = lex("[A]: see [memo](http://x.org/a) and <a//b> // c");
        assert_eq!(
            l.lines[0],
            "[A]: see [memo](http://x.org/a) and <a//b>     "
        );
    }

    #[test]
    fn finds_frontmatter() {
        let l = lex("\n===\ntitle: T\n===\n[A]: a");
        let fm = l.frontmatter.unwrap();
        assert_eq!(fm.yaml, "title: T");
        assert_eq!((fm.first_line, fm.last_line), (2, 4));
        assert_eq!(l.lines[4], "[A]: a");
        assert_eq!(l.lines[2].trim(), "");
    }

    #[test]
    fn unclosed_comment_is_reported_and_text_kept() {
        let l = lex("[A]: a /* open\n[B]: b");
        assert_eq!(
            l.problems,
            vec![LexProblem::UnclosedComment(
                Pos { line: 1, column: 8 },
                "/*"
            )]
        );
        assert_eq!(l.lines[0], "[A]: a /* open");
        assert_eq!(l.lines[1], "[B]: b");
    }

    #[test]
    fn unclosed_frontmatter_is_reported() {
        let l = lex("===\ntitle: T\n");
        assert!(l.frontmatter.is_none());
        assert_eq!(
            l.problems,
            vec![LexProblem::UnclosedFrontmatter(Pos { line: 1, column: 1 })]
        );
    }
}
