//! The Argdown reader (frontmatter included): up to four files read together as one map, split at each 0xFF byte.
#![no_main]

use counterpoint::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    counterpoint_fuzz::read(
        counterpoint_fuzz::split_files(data, 4, "argdown"),
        Some(Format::Argdown),
    );
});
