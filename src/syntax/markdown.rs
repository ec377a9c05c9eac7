//! Argdown inside Markdown: the ```` ```argdown ```` fenced blocks of a `.md` file, as Argdown's
//! Markdown plugin reads them.
//!
//! [`argdown_blocks`] keeps the lines inside `argdown` (or `argdown-map`) fences as they are and
//! empties every other line, so the text has as many lines as the Markdown file: line and
//! column of everything read are those of the `.md` file.

/// The opening fence of a line: its character (`` ` `` or `~`), its length, and whether its info
/// string names Argdown.
fn fence(line: &str) -> Option<(char, usize, bool)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = line.get(indent..)?;
    let c = rest.chars().next().filter(|&c| c == '`' || c == '~')?;
    let len = rest.chars().take_while(|&x| x == c).count();
    if len < 3 {
        return None;
    }
    let info = rest.get(len..)?.trim();
    if c == '`' && info.contains('`') {
        return None;
    }
    let word = info.split_whitespace().next().unwrap_or("");
    Some((c, len, matches!(word, "argdown" | "argdown-map")))
}

/// Whether `line` closes a fence of `c` at least `len` long.
fn closes(line: &str, c: char, len: usize) -> bool {
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 {
        return false;
    }
    let run = trimmed.chars().take_while(|&x| x == c).count();
    run >= len && trimmed.get(run..).is_some_and(|r| r.trim().is_empty())
}

/// The text of the `argdown` fenced blocks of a Markdown text, every other line emptied (line
/// ends kept, so lines keep their numbers).
pub(crate) fn argdown_blocks(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    // The open fence: its character, length, and whether its block is Argdown.
    let mut open: Option<(char, usize, bool)> = None;
    for piece in markdown.split_inclusive('\n') {
        let line = piece.trim_end_matches(['\n', '\r']);
        let end = piece.get(line.len()..).unwrap_or("");
        let keep = match open {
            Some((c, len, argdown)) => {
                if closes(line, c, len) {
                    open = None;
                    false
                } else {
                    argdown
                }
            }
            None => {
                open = fence(line);
                false
            }
        };
        if keep {
            out.push_str(line);
        }
        out.push_str(end);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_argdown_blocks_on_their_lines() {
        let md = "# Title\n\nSome *prose*.\n\n```argdown\n[A]: a.\n  - [B]: b.\n```\n\n```js\nx\n```\n~~~~ argdown-map\n[C]: c.\n~~~\n~~~~\n";
        assert_eq!(
            argdown_blocks(md),
            "\n\n\n\n\n[A]: a.\n  - [B]: b.\n\n\n\n\n\n\n[C]: c.\n~~~\n\n"
        );
    }

    #[test]
    fn an_unclosed_block_runs_to_the_end_and_crlf_is_kept() {
        assert_eq!(
            argdown_blocks("x\r\n```argdown\r\n[A]\r\n"),
            "\r\n\r\n[A]\r\n"
        );
        assert_eq!(argdown_blocks("    ```argdown\n[A]\n"), "\n\n");
    }
}
