//! Safety regressions: render.
