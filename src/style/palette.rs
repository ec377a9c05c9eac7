//! How the drawing looks: side colours, a shape per kind, a line per relation, status markers.
//!
//! Sides use the colour their frontmatter gives (any CSS colour: `#1b9e77`, `teal`,
//! `rgb(...)`), normalised to `#rrggbb`; sides without one, or with a colour that does not parse,
//! take the next colour of `PALETTE`: Okabe and Ito's palette, safe for colour-blind readers
//! (every pair of its colours stays apart with protanopia, deuteranopia and tritanopia; the
//! test below checks it with `vision`), used again from the start past its seven
//! colours. Every colour written into DOT or CSS is therefore one this module produced.

use std::collections::HashMap;

use crate::model::{Element, Kind, Map, Relation};

/// Okabe & Ito's colour-blind-safe palette, with black in place of its yellow (a yellow outline
/// hardly shows on white, on a projector least of all).
pub(crate) const PALETTE: [&str; 7] = [
    "#e69f00", "#56b4e9", "#009e73", "#0072b2", "#d55e00", "#cc79a7", "#000000",
];

/// The colour of nodes without a side (and of the legend's samples).
pub(crate) const NO_SIDE: Rgb = Rgb(0x7f, 0x7f, 0x7f);

/// Text colour used on every label.
pub(crate) const INK: &str = "#1f1f1f";

/// [`INK`] as a colour.
pub(crate) fn ink() -> Rgb {
    Rgb::parse(INK).unwrap_or(Rgb(0x1f, 0x1f, 0x1f))
}

/// The font of every label.
pub(crate) const FONT: &str = "Helvetica,Arial,sans-serif";

/// A colour as `#rrggbb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Parses any CSS colour (`#abc`, `#aabbcc`, names, `rgb()`, `hsl()`); alpha is dropped.
    pub(crate) fn parse(text: &str) -> Option<Rgb> {
        let c = csscolorparser::parse(text.trim()).ok()?;
        let [r, g, b, _] = c.to_rgba8();
        Some(Rgb(r, g, b))
    }

    /// `#rrggbb`.
    pub(crate) fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// This colour mixed with white: `amount` 0.0 keeps it, 1.0 gives white.
    pub(crate) fn tint(self, amount: f32) -> Rgb {
        let mix = |c: u8| {
            let c = f32::from(c);
            // The result lies in 0..=255 for amount in 0..=1.
            (c + (255.0 - c) * amount.clamp(0.0, 1.0)).round() as u8
        };
        Rgb(mix(self.0), mix(self.1), mix(self.2))
    }
}

/// How much white goes into an argument's fill: enough colour to tell the sides apart on a
/// projector, enough white for dark text (WCAG AA on every colour of [`PALETTE`], black
/// included).
pub(crate) const ARGUMENT_TINT: f32 = 0.55;
/// How much white goes into a cluster's background.
pub(crate) const CLUSTER_TINT: f32 = 0.93;

/// The colours of a side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SideStyle {
    /// The side's id (as written in the map).
    pub id: String,
    /// The label to show (the side's label, or its id for an undeclared side).
    pub label: String,
    /// Outline colour.
    pub(crate) color: Rgb,
}

/// The colour of every side in the map: declared sides in order, then side ids that nodes use
/// without declaring them (in order of first use).
#[derive(Debug, Clone, Default)]
pub struct Palette {
    sides: Vec<SideStyle>,
    index: HashMap<String, usize>,
}

impl Palette {
    /// The palette of `map`: each side's declared colour, or else the next colour of the
    /// built-in palette.
    pub fn new(map: &Map) -> Palette {
        let mut palette = Palette::default();
        let mut next = 0usize;
        let mut push = |p: &mut Palette, id: &str, label: &str, color: Option<&str>| {
            if p.index.contains_key(id) {
                return;
            }
            let color = color.and_then(Rgb::parse).unwrap_or_else(|| {
                let c = PALETTE
                    .get(next % PALETTE.len())
                    .and_then(|c| Rgb::parse(c))
                    .unwrap_or(NO_SIDE);
                next += 1;
                c
            });
            p.index.insert(id.to_string(), p.sides.len());
            p.sides.push(SideStyle {
                id: id.to_string(),
                label: label.to_string(),
                color,
            });
        };
        for side in &map.sides {
            push(&mut palette, &side.id, &side.label, side.color.as_deref());
        }
        for (_, node) in map.nodes() {
            if let Some(id) = &node.side {
                push(&mut palette, id, id, None);
            }
        }
        palette
    }

    /// Every side, declared first.
    pub(crate) fn sides(&self) -> &[SideStyle] {
        &self.sides
    }

    /// The sides that some node of `map` speaks for, in palette order (legends and filters
    /// show only these; colours stay those of `Palette::sides`).
    pub fn used(&self, map: &Map) -> Vec<&SideStyle> {
        let used: std::collections::HashSet<&str> =
            map.nodes().filter_map(|(_, n)| n.side.as_deref()).collect();
        self.sides
            .iter()
            .filter(|s| used.contains(s.id.as_str()))
            .collect()
    }

    /// The style of a side id.
    pub(crate) fn side(&self, id: &str) -> Option<&SideStyle> {
        self.index.get(id).and_then(|&i| self.sides.get(i))
    }

    /// What would make the sides hard to tell apart or their text hard to read, one sentence
    /// per problem (none for a safe palette): every pair of sides, which can meet in one
    /// drawing, must differ by at least `vision::MIN_OUTLINE_DIFFERENCE` (CIEDE2000) in their
    /// outlines and `vision::MIN_FILL_DIFFERENCE` in their fills, with normal vision,
    /// protanopia, deuteranopia and tritanopia alike; the text on each fill must meet WCAG AA.
    pub fn colour_problems(&self) -> Vec<String> {
        let sides: Vec<(String, Rgb)> =
            self.sides.iter().map(|s| (s.id.clone(), s.color)).collect();
        super::vision::check_sides(&sides, |c| fill(Element::Argument, c), ink())
    }

    /// The outline colour of a node with this side.
    pub(crate) fn color(&self, side: Option<&str>) -> Rgb {
        side.and_then(|s| self.side(s)).map_or(NO_SIDE, |s| s.color)
    }
}

/// The Graphviz shape of a kind: claims are rectangles, supports hexagons, rebuttals octagons
/// (a stop sign).
pub(crate) fn shape(kind: Kind) -> &'static str {
    match kind {
        Kind::Claim => "box",
        Kind::Support => "hexagon",
        Kind::Rebuttal => "octagon",
    }
}

/// The space between a node's outline and its label: hexagons and octagons already add room
/// at their corners.
pub(crate) fn margin(kind: Kind) -> &'static str {
    match kind {
        Kind::Claim => "0.14,0.08",
        Kind::Support | Kind::Rebuttal => "0.02,0.05",
    }
}

/// Node style: statements are white with a coloured outline, arguments are filled and rounded
/// (as Argdown draws them).
pub(crate) fn node_style(element: Element) -> &'static str {
    match element {
        Element::Statement => "filled",
        Element::Argument => "filled,rounded",
    }
}

/// The fill of a node with outline `color`.
pub(crate) fn fill(element: Element, color: Rgb) -> Rgb {
    match element {
        Element::Statement => Rgb(0xff, 0xff, 0xff),
        Element::Argument => color.tint(ARGUMENT_TINT),
    }
}

/// How an edge of a relation is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct EdgeStyle {
    pub(crate) color: &'static str,
    pub(crate) style: &'static str,
    pub(crate) arrowhead: &'static str,
    pub(crate) penwidth: &'static str,
    /// Whether the edge has a head at both ends.
    pub(crate) both: bool,
}

/// Each relation has its own colour, dash pattern and arrowhead, so it reads in grey too.
pub(crate) fn edge_style(relation: Relation) -> EdgeStyle {
    match relation {
        Relation::Supports => EdgeStyle {
            color: "#2e7d32",
            style: "solid",
            arrowhead: "normal",
            penwidth: "1.6",
            both: false,
        },
        Relation::Rebuts => EdgeStyle {
            color: "#c62828",
            style: "solid",
            arrowhead: "tee",
            penwidth: "1.6",
            both: false,
        },
        Relation::Undercuts => EdgeStyle {
            color: "#6a1b9a",
            style: "dashed",
            arrowhead: "teeodot",
            penwidth: "1.6",
            both: false,
        },
        Relation::Contradicts => EdgeStyle {
            color: "#e65100",
            style: "dotted",
            arrowhead: "tee",
            penwidth: "2",
            both: true,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Node, Side};

    #[test]
    fn colours_normalise_and_fall_back_to_the_palette() {
        assert_eq!(
            Rgb::parse("#1B9E77").map(Rgb::hex).as_deref(),
            Some("#1b9e77")
        );
        assert_eq!(Rgb::parse("teal").map(Rgb::hex).as_deref(), Some("#008080"));
        assert_eq!(Rgb::parse("\"; evil").map(Rgb::hex), None);
        let mut map = Map::new();
        map.sides = vec![
            Side {
                id: "pro".into(),
                label: "Pro".into(),
                color: Some("#abc".into()),
            },
            Side {
                id: "con".into(),
                label: "Con".into(),
                color: Some("not a colour".into()),
            },
            Side {
                id: "mid".into(),
                label: "Mid".into(),
                color: None,
            },
        ];
        map.add_node(Node::statement("X", "").with_side("other"))
            .unwrap();
        let p = Palette::new(&map);
        let hex: Vec<String> = p.sides().iter().map(|s| s.color.hex()).collect();
        assert_eq!(hex, ["#aabbcc", PALETTE[0], PALETTE[1], PALETTE[2]]);
        assert_eq!(p.side("other").map(|s| s.label.as_str()), Some("other"));
        assert_eq!(p.color(None).hex(), "#7f7f7f");
        let used: Vec<&str> = p.used(&map).iter().map(|s| s.id.as_str()).collect();
        assert_eq!(used, ["other"]);
    }

    #[test]
    fn the_default_palette_is_safe_for_colour_blind_readers() {
        let sides: Vec<(String, Rgb)> = PALETTE
            .iter()
            .filter_map(|c| Some(((*c).to_string(), Rgb::parse(c)?)))
            .collect();
        assert_eq!(sides.len(), PALETTE.len());
        let problems =
            crate::style::vision::check_sides(&sides, |c| fill(Element::Argument, c), ink());
        assert!(problems.is_empty(), "{problems:#?}");
    }

    #[test]
    fn tint_mixes_with_white() {
        assert_eq!(Rgb(0, 100, 255).tint(0.5), Rgb(128, 178, 255));
        assert_eq!(Rgb(0, 0, 0).tint(1.0), Rgb(255, 255, 255));
    }
}
