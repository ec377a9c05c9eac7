//! Safety regressions: generated.
