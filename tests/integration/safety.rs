//! Hostile and careless input: each module holds the regression tests of one area of the
//! reliability promises (no panic, every problem located, output whole or not at all, inputs
//! never overwritten, files read only from where the user allowed, hostile text inert).

mod formats;
mod generated;
mod paths;
mod render;
mod syntax;
