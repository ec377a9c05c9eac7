//! counterpoint's integration tests: one test binary, one module per capability, fixtures in
//! `tests/integration/<module>/`, snapshots in `tests/integration/snapshots/`.

mod common;
mod export;
mod debate;
