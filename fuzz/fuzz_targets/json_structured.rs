//! Structure-aware counterpoint JSON: an `arbitrary` map description (dangling and duplicate
//! references allowed), written as JSON, optionally edited, then read.
#![no_main]

use counterpoint::Format;
use counterpoint_fuzz::{apply, Edit, MapDesc};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (MapDesc, Vec<Edit>)| {
    let (desc, edits) = input;
    let mut value = desc.to_json();
    for edit in edits.iter().take(4) {
        apply(&mut value, edit);
    }
    let text = value.to_string();
    counterpoint_fuzz::read(
        vec![("m.json".into(), text.into_bytes())],
        Some(Format::Json),
    );
});
