//! Inputs that used to take quadratic (or unbounded) time, each at size N and 2N: the time of
//! the second should be about twice the first's. Run with `cargo bench --bench scaling`.
//!
//! - `fan`: one node with N outgoing relations written `+> -> _> ><` under it (the duplicate
//!   relation check walked every edge of the node);
//! - `redefinitions`: N definitions of one title, each with one `->` relation;
//! - `missing_quotes`: N quotes not in their cited line, on a source of N × 2.5 KB (each was
//!   looked for in the whole source normalised again);
//! - `stable_pairs`: `status --semantics stable` on N disjoint mutual attacks (2^N stable
//!   extensions), which gives up at the 1,000-extension limit;
//! - `exchange_brief`: a camp's prep brief on one exchange of N points, each rebutting the one
//!   before, the two camps in turn (every point is a clash, and the part of the map bearing on
//!   the first point is the whole map: what its verdict hinges on is refused at the limit, early).
//! - `dense_clashes`: the clashes of a dense map, K points of one camp each rebutting each of K
//!   points of the other, and back, at K and 2K. The relations quadruple (2K² to 8K²) and the
//!   clashes double, each listing at most 50 moves, so the time should about quadruple at most
//!   (it listed every relation 4 levels deep under each clash: K = 120 took 8 s and 0.9 GB).

// A test or benchmark that unwraps fails loudly, which is what it should do.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fmt::Write as _;
use std::hint::black_box;

use counterpoint::analysis::camps::Camps;
use counterpoint::analysis::clashes::clashes;
use counterpoint::analysis::extensions::{stable, Limits};
use counterpoint::analysis::grounded::label_framework;
use counterpoint::analysis::prep::{brief, Ask};
use counterpoint::analysis::stakes::Stakes;
use counterpoint::analysis::Verdicts;
use counterpoint::check::citations::check_sources;
use counterpoint::graph::framework::Framework;
use counterpoint::load::load_texts;
use counterpoint::Format;

fn main() {
    divan::main();
}

fn argdown(text: String) -> Vec<(String, String)> {
    vec![("scaling.argdown".to_string(), text)]
}

/// `[A]` with `n` relations to new statements, the four outgoing markers in turn.
fn fan_text(n: usize) -> String {
    let mut out = String::from("[A]: a\n");
    for i in 0..n {
        let mark = ["+>", "->", "_>", "><"][i % 4];
        let _ = writeln!(out, "  {mark} [B{i}]: b{i}");
    }
    out
}

#[divan::bench(args = [20_000, 40_000], sample_count = 5)]
fn fan(bencher: divan::Bencher, n: usize) {
    let texts = argdown(fan_text(n));
    bencher.bench(|| {
        let loaded = load_texts(&texts, Some(Format::Argdown));
        assert_eq!(loaded.map.edge_count(), n);
        loaded
    });
}

/// `n` definitions of `[A]`, each rebutting a new statement.
fn redefinitions_text(n: usize) -> String {
    let mut out = String::new();
    for i in 0..n {
        let _ = writeln!(out, "[A]: a\n  -> [B{i}]: b{i}\n");
    }
    out
}

#[divan::bench(args = [50_000, 100_000], sample_count = 5)]
fn redefinitions(bencher: divan::Bencher, n: usize) {
    let texts = argdown(redefinitions_text(n));
    bencher.bench(|| {
        let loaded = load_texts(&texts, Some(Format::Argdown));
        assert_eq!(loaded.map.edge_count(), n);
        loaded
    });
}

/// A folder with `memo.txt` (50 lines of 50 bytes per quote) and a map of `n` statements, each
/// citing line 1 with a quote that is not there: half occur further down, half nowhere.
fn missing_quotes_setup(n: usize) -> (tempfile::TempDir, Vec<(String, String)>) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut source = String::new();
    for line in 0..n * 50 {
        let _ = writeln!(source, "line {line:>8} of the memo says something or other");
    }
    std::fs::write(dir.path().join("memo.txt"), source).expect("write memo.txt");
    let mut map = String::from("===\nsources:\n  memo: {title: Memo, file: memo.txt}\n===\n\n");
    for i in 0..n {
        let quote = if i % 2 == 0 {
            format!("line {:>8} of", i * 50 + 7)
        } else {
            format!("nowhere {i}")
        };
        let _ = writeln!(map, "[S{i}]: s{i} {{cite: \"memo:1\", quote: \"{quote}\"}}");
    }
    let path = dir.path().join("map.argdown");
    (dir, vec![(path.to_string_lossy().into_owned(), map)])
}

#[divan::bench(args = [1_000, 2_000], sample_count = 5)]
fn missing_quotes(bencher: divan::Bencher, n: usize) {
    let (dir, texts) = missing_quotes_setup(n);
    let map = load_texts(&texts, Some(Format::Argdown)).map;
    let folder = counterpoint::files::SourceFolder::new(dir.path(), Default::default())
        .expect("the folder exists");
    bencher.bench(|| {
        let found = check_sources(&map, &folder, &texts);
        assert_eq!(found.len(), n);
        found
    });
}

/// `n` disjoint mutual attacks: 2^n stable extensions.
fn pairs(n: u32) -> Framework {
    let (from, to): (Vec<u32>, Vec<u32>) = (0..n)
        .flat_map(|i| [(2 * i, 2 * i + 1), (2 * i + 1, 2 * i)])
        .unzip();
    Framework::from_attacks(2 * n as usize, &from, &to).expect("a small framework")
}

#[divan::bench(args = [200, 400], sample_count = 5)]
fn stable_pairs(bencher: divan::Bencher, n: u32) {
    let fw = pairs(n);
    let grounded = label_framework(&fw);
    bencher.bench(|| black_box(stable(&fw, &grounded, Limits::default())).is_err());
}

/// One exchange of `n` points between camps `pro` and `con`: point `i` rebuts point `i - 1`.
fn exchange_text(n: usize) -> String {
    let mut out = String::from(
        "===\nmotion: \"P0\"\nsides: {a: A, b: B, c: C}\ncamps: {pro: {label: Pro, sides: [a, b]}, con: {label: Con, sides: [c]}}\n===\n\n[P0]: the motion\n",
    );
    for i in 1..n {
        let side = ["a", "c", "b", "c"][i % 4];
        let _ = writeln!(
            out,
            "\n<P{i}>: point {i} {{side: {side}}}\n  -> <P{}>",
            i - 1
        );
    }
    out.replace("-> <P0>", "-> [P0]")
}

#[divan::bench(args = [5_000, 10_000], sample_count = 3)]
fn exchange_brief(bencher: divan::Bencher, n: usize) {
    let loaded = load_texts(&argdown(exchange_text(n)), Some(Format::Argdown));
    assert_eq!(loaded.map.node_count(), n);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    bencher.bench(|| brief(&loaded.map, &Ask::Camp("pro".into()), None, false).unwrap());
}

/// `k` points of side a each rebutting each of `k` points of side b, and back.
fn dense_text(k: usize) -> String {
    let mut out = String::from("===\nsides: {a: A, b: B}\n===\n");
    for (me, side, them) in [("A", "a", "B"), ("B", "b", "A")] {
        for i in 0..k {
            let _ = writeln!(out, "\n<{me}{i}>: {side} {i}. {{side: {side}}}");
            for j in 0..k {
                let _ = writeln!(out, "  -> <{them}{j}>");
            }
        }
    }
    out
}

#[divan::bench(args = [60, 120], sample_count = 5)]
fn dense_clashes(bencher: divan::Bencher, k: usize) {
    let loaded = load_texts(&argdown(dense_text(k)), Some(Format::Argdown));
    assert_eq!(loaded.map.edge_count(), 2 * k * k);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let map = &loaded.map;
    let (camps, verdicts, stakes) = (Camps::of(map), Verdicts::whole(map), Stakes::of(map));
    bencher.bench(|| {
        let list = clashes(map, &camps, &verdicts, &stakes);
        assert_eq!(list.len(), 2 * k);
        list
    });
}
