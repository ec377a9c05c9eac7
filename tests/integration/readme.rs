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

/// The five-point example of the Definitions says what the analyses say: the camps, what is
/// answered, the internal dispute, the theses, the strengths and what the motion hinges on.
#[test]
fn the_definitions_example_computes_the_values_it_states() {
    use counterpoint::analysis::camps::{internal_disputes, Camps};
    use counterpoint::analysis::hinges::{hinges_on, DEFAULT_WORK};
    use counterpoint::analysis::stakes::Stakes;
    use counterpoint::analysis::strength::Strengths;
    use counterpoint::analysis::unanswered::unanswered;
    use counterpoint::analysis::Verdicts;
    use counterpoint::graph::Label;

    let argdown = block("## Definitions", "argdown");
    let loaded = load_texts(&[("README.md".to_string(), argdown)], Some(Format::Argdown));
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let map = &loaded.map;
    let id = |ix| map.node(ix).title.as_str();
    let find = |t: &str| map.find_title(t).expect(t);
    let camps = Camps::of(map);
    let cost = find("Cost");
    assert!(camps.allies(cost, find("One supplier")));
    assert!(camps.opponents(cost, find("Cheaper clothes")));
    let open: Vec<&str> = unanswered(map).into_iter().map(id).collect();
    assert_eq!(open, ["Expression", "Cheaper clothes", "One supplier"]);
    let disputes: Vec<(&str, &str)> = internal_disputes(map, &camps)
        .iter()
        .map(|d| (id(d.from), id(d.to)))
        .collect();
    assert_eq!(disputes, [("One supplier", "Cost")]);
    let stakes = Stakes::of(map);
    let theses: Vec<&str> = stakes.theses(map).map(id).collect();
    assert_eq!(theses, ["Cost", "Expression"]);
    assert!(stakes.is_contention(cost) && !stakes.is_contention(find("Cheaper clothes")));
    let strengths = Strengths::of(map);
    let motion = map.motion_node().expect("the motion");
    assert_eq!(
        (strengths.get(cost), strengths.get(motion)),
        (0.125, 0.3125)
    );
    let verdicts = Verdicts::whole(map);
    assert_eq!(
        (verdicts.label(motion), verdicts.label(cost)),
        (Label::Out, Label::Out)
    );
    let hinges = hinges_on(map, motion, DEFAULT_WORK).expect("small");
    let shown: Vec<(&str, &str, Label, f64)> = hinges
        .iter()
        .map(|h| (id(h.from), id(h.to), h.label_without, h.strength_without))
        .collect();
    assert_eq!(shown, [("Expression", "Uniforms", Label::In, 0.5625)]);
    assert!(hinges_on(map, cost, DEFAULT_WORK)
        .expect("small")
        .is_empty());
}
