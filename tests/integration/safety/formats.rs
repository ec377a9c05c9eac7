//! Safety regressions: formats.
