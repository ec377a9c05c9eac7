//! Structure-aware AIF: either plain AIF built from an `arbitrary` description (any node types,
//! edges between anything), or the AIF export of an arbitrary map (with its `counterpoint`
//! object) after a few edits, as another tool might leave it.
#![no_main]

use arbitrary::Arbitrary;
use counterpoint::load::load_texts;
use counterpoint::Format;
use counterpoint_fuzz::{apply, AifDesc, Edit, MapDesc};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
enum Input {
    Plain(AifDesc),
    Exported(MapDesc, Vec<Edit>),
}

fuzz_target!(|input: Input| {
    let value = match input {
        Input::Plain(desc) => desc.to_json(),
        Input::Exported(desc, edits) => {
            let json = desc.to_json().to_string();
            let loaded = load_texts(&[("m.json".into(), json)], Some(Format::Json));
            if loaded.has_errors() {
                return;
            }
            let text = counterpoint::formats::aif::to_string(&loaded.map);
            let Ok(mut value) = serde_json::from_str(&text) else {
                panic!("the AIF export is not JSON:\n{text}");
            };
            for edit in edits.iter().take(4) {
                apply(&mut value, edit);
            }
            value
        }
    };
    let text = value.to_string();
    counterpoint_fuzz::read(
        vec![("m.json".into(), text.into_bytes())],
        Some(Format::Aif),
    );
});
