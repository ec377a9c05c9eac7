//! counterpoint's integration tests: one test binary, one module per capability, fixtures in
//! `tests/integration/<module>/`, snapshots in `tests/integration/snapshots/`.

mod analysis;
mod architecture;
mod check;
mod common;
mod conformance;
mod debate;
mod exit_codes;
mod export;
mod formats;
mod readme;
mod relation_order;
mod render;
mod report;
mod safety;
mod unanswered;
