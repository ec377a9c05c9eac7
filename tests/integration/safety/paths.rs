//! Safety regressions: paths.
