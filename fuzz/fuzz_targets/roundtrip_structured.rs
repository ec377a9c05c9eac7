//! Structure-aware round trip: an `arbitrary` map written as counterpoint JSON (or as plain
//! AIF); when it reads without errors, its JSON, AIF and Argdown exports must read back the same
//! (see `check_round_trip`).
#![no_main]

use arbitrary::Arbitrary;
use counterpoint::load::load_texts;
use counterpoint::Format;
use counterpoint_fuzz::{AifDesc, MapDesc};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
enum Input {
    Json(MapDesc),
    Aif(AifDesc),
}

fuzz_target!(|input: Input| {
    let (text, format) = match input {
        Input::Json(desc) => (desc.to_json().to_string(), Some(Format::Json)),
        Input::Aif(desc) => (desc.to_json().to_string(), Some(Format::Aif)),
    };
    let loaded = load_texts(&[("m.json".into(), text)], format);
    counterpoint_fuzz::exercise(&loaded);
    counterpoint_fuzz::check_round_trip(&loaded);
});
