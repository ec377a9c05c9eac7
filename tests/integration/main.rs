//! counterpoint's integration tests: one test binary, one module per capability, fixtures in
//! `tests/integration/<module>/`, snapshots in `tests/integration/snapshots/`.

// A test or benchmark that unwraps fails loudly, which is what it should do.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod analysis;
mod architecture;
mod check;
mod clashes;
mod common;
mod conformance;
mod conventions;
mod cross_side;
mod debate;
mod exit_codes;
mod export;
mod formats;
mod lsp;
mod pictures;
mod prep;
mod readme;
mod relation_order;
mod render;
mod report;
mod safety;
mod scripts;
mod serve;
mod shell;
mod skips;
mod status;
mod teacher_words;
mod toolchain;
mod unanswered;
