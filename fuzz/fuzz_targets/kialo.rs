//! The Kialo reader.
#![no_main]

use counterpoint::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    counterpoint_fuzz::read(
        counterpoint_fuzz::split_files(data, 1, "txt"),
        Some(Format::Kialo),
    );
});
