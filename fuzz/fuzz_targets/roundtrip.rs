//! Round trip: the first byte picks the input format, the rest is read as a file of it (up to
//! four files, split at 0xFF, for Argdown). A map read without errors must read back the same
//! from its JSON, AIF and Argdown exports (see `check_round_trip`).
#![no_main]

use counterpoint::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let (format, ext, max) = match first % 7 {
        0 => (Some(Format::Argdown), "argdown", 4),
        1 => (Some(Format::Json), "json", 1),
        2 => (Some(Format::Aif), "json", 1),
        3 => (Some(Format::Kialo), "txt", 1),
        4 => (Some(Format::Apx), "apx", 1),
        5 => (Some(Format::Tgf), "tgf", 1),
        _ => (Some(Format::I23), "i23", 1),
    };
    let loaded = counterpoint_fuzz::read(counterpoint_fuzz::split_files(rest, max, ext), format);
    counterpoint_fuzz::check_round_trip(&loaded);
});
