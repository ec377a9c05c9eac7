//! Builds a small map through the library API, lists its unanswered points and exports JSON.
//!
//! Run with `cargo run --example build_map`.

use counterpoint::analysis::unanswered::unanswered;
use counterpoint::formats::json;
use counterpoint::model::{Edge, Map, Node, Relation, Side};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut map = Map::new();
    map.title = Some("Four-day school week".into());
    for (id, label) in [("pro", "Supporters"), ("con", "Opponents")] {
        map.sides.push(Side {
            id: id.into(),
            label: label.into(),
            color: None,
        });
    }

    let thesis = map.add_node(
        Node::statement("Four days", "The district should move to a four-day week.")
            .with_side("pro")
            .with_tag("schedule"),
    )?;
    let savings = map.add_node(
        Node::argument("Savings", "Closing on Fridays saves on buses and heating.")
            .with_side("pro")
            .with_tag("funding"),
    )?;
    let childcare = map.add_node(
        Node::argument(
            "Childcare",
            "Parents must pay for childcare on the fifth day.",
        )
        .with_side("con")
        .with_tag("families"),
    )?;
    let small = map.add_node(
        Node::argument(
            "Small savings",
            "The savings are under one percent of the budget.",
        )
        .with_side("con")
        .with_tag("funding"),
    )?;
    map.add_edge(savings, thesis, Edge::new(Relation::Supports));
    map.add_edge(childcare, thesis, Edge::new(Relation::Rebuts));
    map.add_edge(small, savings, Edge::new(Relation::Undercuts));

    println!("Unanswered points:");
    for ix in unanswered(&map) {
        let node = map.node(ix);
        println!(
            "- [{}] {} ({}): {}",
            node.side.as_deref().unwrap_or("no side"),
            node.title,
            map.kind(ix),
            node.text
        );
    }
    println!();
    print!("{}", json::to_string(&map));
    Ok(())
}
