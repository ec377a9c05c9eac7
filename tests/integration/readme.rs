//! The examples in README.md say what the tool does: the Argdown example reads without a
//! diagnostic and exports to exactly the JSON shown.

use counterpoint::load::load_texts;
use counterpoint::Format;

use crate::common::{read, root};

/// The body of the first fenced block of `lang` after `after` in README.md.
fn block(after: &str, lang: &str) -> String {
    let readme = read(&root().join("README.md"));
    let start = readme.find(after).expect("the heading is in README.md");
    let fence = format!("```{lang}\n");
    let open = readme[start..].find(&fence).expect("the block is there") + start + fence.len();
    let close = readme[open..].find("```\n").expect("the block is closed") + open;
    readme[open..close].to_string()
}

#[test]
fn the_readme_example_reads_clean_and_exports_the_json_shown() {
    let argdown = block("A map in the subset:", "argdown");
    let loaded = load_texts(&[("README.md".to_string(), argdown)], Some(Format::Argdown));
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let exported = counterpoint::formats::json::to_value(&loaded.map);
    let shown: serde_json::Value =
        serde_json::from_str(&block("## The JSON format", "json")).expect("the JSON shown parses");
    assert_eq!(exported, shown);
}
