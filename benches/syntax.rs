//! Hostile Argdown: YAML nested deeply in the frontmatter and in metadata, at two sizes (the
//! second twice the first), so that the times can be compared: the reader refuses the nesting
//! at the first level too deep, in time linear in the input (before, 200 KB took minutes). Run
//! with `cargo bench --bench syntax`.

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
