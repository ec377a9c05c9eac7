//! counterpoint's integration tests: one test binary, one module per capability, fixtures in
//! `tests/integration/<module>/`, snapshots in `tests/integration/snapshots/`.

mod check;
mod common;
mod conformance;
mod export;
mod debate;
mod render;
mod report;
mod formats;
mod analysis;
mod unanswered;
