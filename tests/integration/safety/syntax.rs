//! Safety regressions: syntax.
