//! Grounded labelling of a generated framework of 1,000,000 arguments and 5,000,000 attacks,
//! reading the file included: the instance of `../shared/corpora/af/README.md`'s reference
//! timing (crustabri 1.1.1, SE-GR: 2.90 s for the whole process).
//!
//! The file is generated once into `target/bench-data/` with
//! `python3 ../shared/tools/gen_af.py er 1000000 10 --seed 5`; without Python or `../shared/`, an
//! instance of the same shape (Erdős–Rényi, 5,000,000 distinct undirected pairs, each given a
//! random direction) is generated instead (`common/mod.rs`).
//!
//! Run: `cargo bench --bench grounded`.

// A test or benchmark that unwraps fails loudly, which is what it should do.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use counterpoint::analysis::grounded::label_framework;
use counterpoint::analysis::reasons::explain;
use counterpoint::formats::iccma::{self, Dialect};
use counterpoint::graph::framework::Framework;

const ARGS: usize = 1_000_000;

fn main() {
    divan::main();
}

/// The instance, generated on first use (see `common/mod.rs`).
fn instance() -> &'static Path {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| common::af_instance(ARGS))
}

fn read(path: &Path) -> Framework {
    let bytes = std::fs::read(path).expect("read instance");
    let mut diagnostics = Vec::new();
    let parsed = iccma::read("er.af", &bytes, Dialect::I23, &mut diagnostics).expect("valid");
    parsed.framework
}

/// Reading the file, building the framework and labelling it: the reference's measure.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn read_and_label() -> usize {
    let fw = read(instance());
    let g = label_framework(&fw);
    black_box(g.counts()[0])
}

/// The same, plus a reason for every argument (what `counterpoint status` computes).
#[divan::bench(sample_count = 10, sample_size = 1)]
fn read_label_and_explain() -> usize {
    let fw = read(instance());
    let g = label_framework(&fw);
    black_box(explain(&fw, &g).len())
}

/// Reading the file and building the framework alone.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn read_only() -> usize {
    black_box(read(instance()).attack_count())
}

/// Labelling alone, the framework already in memory.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn label_only(bencher: divan::Bencher) {
    let fw = read(instance());
    bencher.bench(|| black_box(label_framework(&fw).counts()[0]));
}
