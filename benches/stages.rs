//! Each stage of the commands at 10,000, 100,000 and 1,000,000 nodes: `check` (read and check
//! the Argdown text), `export --to json`, `render --format dot` (the verdicts included) and
//! `status` (grounded), on the ternary support/attack tree of `../shared/tools/gen_argdown_tree.py`
//! (generated here, see `common/mod.rs`), and `status` on an ICCMA file of as many arguments
//! (Erdős–Rényi, about 5 attacks per argument; the 1,000,000-argument one is
//! `../shared/corpora/af/README.md`'s reference instance).
//!
//! Run: `cargo bench --bench stages` (a few minutes; `cargo bench --bench stages -- json` runs
//! one stage). Writers write into `std::io::sink()`: the time is the writer's, not the disk's.
//! Whether 10x the nodes costs at most 11x the time is checked by `cargo bench --bench linear`.

// A test or benchmark that unwraps fails loudly, which is what it should do.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

/// The allocator the `counterpoint` binary runs on, so that the times are the binary's.
#[global_allocator]
static ALLOCATOR: counterpoint::memory::Allocator = counterpoint::memory::Allocator;

use common::SIZES;
use divan::counter::ItemsCount;

fn main() {
    divan::main();
}

#[divan::bench(args = SIZES, sample_count = 3, sample_size = 1)]
fn check(bencher: divan::Bencher, n: usize) {
    let texts = common::tree_texts(n);
    bencher
        .counter(ItemsCount::new(n))
        .bench(|| common::check(&texts));
}

#[divan::bench(args = SIZES, sample_count = 3, sample_size = 1)]
fn json(bencher: divan::Bencher, n: usize) {
    let loaded = common::tree_map(n);
    bencher
        .counter(ItemsCount::new(n))
        .bench(|| common::json(&loaded, &mut std::io::sink()));
}

#[divan::bench(args = SIZES, sample_count = 3, sample_size = 1)]
fn dot(bencher: divan::Bencher, n: usize) {
    let loaded = common::tree_map(n);
    bencher
        .counter(ItemsCount::new(n))
        .bench(|| common::dot(&loaded, &mut std::io::sink()));
}

#[divan::bench(args = SIZES, sample_count = 3, sample_size = 1)]
fn status(bencher: divan::Bencher, n: usize) {
    let loaded = common::tree_map(n);
    bencher
        .counter(ItemsCount::new(n))
        .bench(|| common::grounded(&loaded));
}

/// `status` on an ICCMA file of `n` arguments, reading the file included.
#[divan::bench(args = SIZES, sample_count = 3, sample_size = 1)]
fn status_af(bencher: divan::Bencher, n: usize) {
    let path = common::af_instance(n);
    bencher
        .counter(ItemsCount::new(n))
        .bench(|| common::grounded_af(&path));
}
