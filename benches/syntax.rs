//! The reader at two sizes each (the second twice the first), so that the times can be
//! compared: each should about double. Run with `cargo bench --bench syntax`.
//!
//! - `deeply_nested_yaml`: YAML nested deeply in the frontmatter and in metadata; the reader
//!   refuses the nesting at the first level too deep (before, 200 KB took minutes);
//! - `plain_tree`: a relation tree with one-line texts, the common case;
//! - `busy_texts`: texts over several lines with escapes, tags, special characters, comments
//!   of every kind and metadata;
//! - `unclosed_openers`: one text of many lines full of openers without their closers;
//! - `errors_on_one_long_line`: many errors on one line (each diagnostic keeps only the part of
//!   the line it shows; it kept the whole line);
//! - `one_line_of_openers`: one line of `[`, and one text of `@[`.

// A test or benchmark that unwraps fails loudly, which is what it should do.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use counterpoint::load::load_texts;
use counterpoint::Format;

fn main() {
    divan::main();
}

/// An Argdown file of about `bytes` bytes: a frontmatter key and an element's metadata, each
/// holding flow collections nested as deep as half the size allows, never closed in the
/// frontmatter and closed in the metadata.
fn deeply_nested(bytes: usize) -> String {
    let n = bytes / 4;
    format!(
        "===\ntitle: T\nx: {{a: {}\n===\n\n[A]: a {{side: {}{}}}\n",
        "[".repeat(n),
        "{".repeat(n),
        "}".repeat(n),
    )
}

#[divan::bench(args = [100_000, 200_000], sample_count = 5)]
fn deeply_nested_yaml(bencher: divan::Bencher, bytes: usize) {
    let texts = vec![("deep.argdown".to_string(), deeply_nested(bytes))];
    bencher.bench(|| {
        let loaded = load_texts(&texts, Some(Format::Argdown));
        assert_eq!(loaded.diagnostics.len(), 2);
        loaded
    });
}

/// A relation tree of `n` elements, each with a one-line text, as the generated test maps are:
/// the common case, whose texts are borrowed from the input, not copied.
fn tree(n: usize) -> String {
    let mut out = String::from("# A tree\n\n[S0]: The root of the tree.\n");
    for i in 1..n {
        let depth = 1 + (i % 7);
        let mark = if i % 2 == 0 { "+" } else { "-" };
        let (open, close) = if i % 2 == 0 { ('[', ']') } else { ('<', '>') };
        out.push_str(&"  ".repeat(depth));
        out.push_str(&format!(
            "{mark} {open}N{i}{close}: Some words about point {i}, e.g. this one.\n"
        ));
    }
    out
}

#[divan::bench(args = [50_000, 100_000], sample_count = 5)]
fn plain_tree(bencher: divan::Bencher, n: usize) {
    let texts = vec![("tree.argdown".to_string(), tree(n))];
    bencher.bench(|| {
        let loaded = load_texts(&texts, Some(Format::Argdown));
        assert_eq!(loaded.map.node_count(), n);
        loaded
    });
}

/// `n` elements whose texts run over several lines, with tags, escapes, special characters,
/// comments of every kind and metadata: every path of the lexer and the text scanner.
fn busy(n: usize) -> String {
    let mut out = String::new();
    for i in 0..n {
        out.push_str(&format!(
            "[T{i}]: A text \\[with\\] an escape, #tag{i} and .^. // a comment\n  going on \
             /* a block\n comment */ over lines <!-- html --> #(two words)\n  {{side: x{i}}}\n\n"
        ));
    }
    out
}

#[divan::bench(args = [20_000, 40_000], sample_count = 5)]
fn busy_texts(bencher: divan::Bencher, n: usize) {
    let texts = vec![("busy.argdown".to_string(), busy(n))];
    bencher.bench(|| {
        let loaded = load_texts(&texts, Some(Format::Argdown));
        assert_eq!(loaded.map.node_count(), n);
        loaded
    });
}

/// One text of `n` lines, each full of openers without their closers (`[`, `<`, `#(`, `@[`)
/// and of comment openers never closed: every search for a closer must stop at the line end
/// or remember that there is none.
fn openers(n: usize) -> String {
    let mut out = String::from("[A]: start\n");
    for _ in 0..n {
        out.push_str("  more [ < #( @[ [x]( /* <!-- [ < #( @[ .a :b\n");
    }
    out
}

#[divan::bench(args = [20_000, 40_000], sample_count = 5)]
fn unclosed_openers(bencher: divan::Bencher, n: usize) {
    let texts = vec![("openers.argdown".to_string(), openers(n))];
    bencher.bench(|| {
        let loaded = load_texts(&texts, Some(Format::Argdown));
        assert_eq!(loaded.map.node_count(), 1);
        loaded
    });
}

/// One line holding `n` statement references inside a text, each an error (E001): every
/// diagnostic held a copy of the whole line (50,000 on a 200 KB line took 10 GB); each now keeps
/// only the part of the line it shows, and the time should about double with `n` for the
/// part kept, plus one count of the line's characters per diagnostic.
#[divan::bench(args = [5_000, 10_000], sample_count = 5)]
fn errors_on_one_long_line(bencher: divan::Bencher, n: usize) {
    let text = format!("[a]: {}\n", vec!["[b]"; n].join(" "));
    let texts = vec![("long.argdown".to_string(), text)];
    bencher.bench(|| {
        let loaded = load_texts(&texts, Some(Format::Argdown));
        assert_eq!(loaded.diagnostics.len(), n);
        loaded
    });
}

/// One line of `n` opening brackets, and one text of `n` `@[`: the lexer looked for the next
/// byte that matters in two searches, the first running to the line's end each time
/// (quadratic: a million `[` took 7 s).
#[divan::bench(args = [100_000, 200_000], sample_count = 5)]
fn one_line_of_openers(bencher: divan::Bencher, n: usize) {
    let texts = vec![
        ("open.argdown".to_string(), "[".repeat(n)),
        (
            "mentions.argdown".to_string(),
            format!("[A]: {}\n", "@[".repeat(n)),
        ),
    ];
    bencher.bench(|| load_texts(&texts, Some(Format::Argdown)));
}
