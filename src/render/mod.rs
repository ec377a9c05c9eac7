//! Drawing a map: Graphviz DOT, SVG/PNG/PDF through `dot`, an HTML report.
//!
//! [`to_dot`] draws a map as DOT text (deterministic: the same map and options always give the
//! same text); [`graphviz::run`] lays it out with the Graphviz program; [`html::build`] writes one
//! self-contained HTML page around the SVG. Every text from the map reaches DOT through
//! `escape::escape` and HTML through maud.
//!
//! What is drawn is a [`Drawing`]: the map with the analyses' verdicts on its nodes, computed
//! once by the caller; how it is drawn is [`RenderOptions`], plain drawing options.

pub mod dot;
pub mod drawing;
pub mod escape;
pub mod graphviz;
pub mod html;
mod look;
pub mod verdicts;
pub mod views;

pub use dot::to_dot;
pub use drawing::Drawing;
pub use graphviz::{GraphvizError, OutputFormat};
pub use html::ReportError;

/// What clusters group the nodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GroupBy {
    /// One cluster per section (heading), nested as the sections are.
    #[default]
    Section,
    /// One cluster per side.
    Side,
    /// No clusters.
    None,
}

/// Which way relations point in the drawing (Graphviz `rankdir`). Relations point from the node
/// that speaks to the node it speaks about, so the default, [`Direction::BottomTop`], puts the
/// main claims at the top and their reasons and objections below, as Argdown does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Direction {
    /// Edges point down: claims at the bottom.
    TopBottom,
    /// Edges point up: claims at the top.
    #[default]
    BottomTop,
    /// Edges point right: claims on the right.
    LeftRight,
    /// Edges point left: claims on the left.
    RightLeft,
}

impl Direction {
    /// The Graphviz `rankdir` value.
    pub(crate) fn rankdir(self) -> &'static str {
        match self {
            Direction::TopBottom => "TB",
            Direction::BottomTop => "BT",
            Direction::LeftRight => "LR",
            Direction::RightLeft => "RL",
        }
    }
}

/// The Graphviz layout engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// Layered drawing (`dot`): the clearest for small and medium maps.
    #[default]
    Dot,
    /// Force-directed drawing (`sfdp`): much faster on large maps, without clusters' boxes
    /// kept apart.
    Sfdp,
}

impl Layout {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Layout::Dot => "dot",
            Layout::Sfdp => "sfdp",
        }
    }
}

/// How to draw a map. Plain data: the command line maps its flags onto it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderOptions {
    /// Clusters by section, side, or none.
    pub group_by: GroupBy,
    /// Which way relations point.
    pub direction: Direction,
    /// The layout engine (written into the DOT as `layout=`, so `dot -Tsvg` honours it too).
    pub layout: Layout,
    /// Wrap titles and texts at this many columns (at least 8).
    pub wrap: usize,
    /// Show at most this many lines of a node's text (its title is always whole); `0` shows all.
    /// Cut text ends in `…`; the full text is in the node's tooltip (up to 16,000 bytes, see
    /// `escape::MAX_STRING_BYTES`) and in the report.
    pub max_lines: usize,
    /// Spread a node's many leaf answers over up to this many rows instead of one long row
    /// (like Graphviz's `unflatten -l`); `0` or `1` keeps them on one row.
    pub stagger: usize,
    /// Draw a legend.
    pub legend: bool,
    /// Draw the map's title and the notes on top (the report shows them in its header instead).
    pub title: bool,
    /// A remark of the caller's drawn under the title, e.g. "draft"; the drawing adds its own
    /// about nodes the filters hid (see `Drawing::notes`).
    pub note: Option<String>,
}

impl Default for RenderOptions {
    fn default() -> RenderOptions {
        RenderOptions {
            group_by: GroupBy::Section,
            direction: Direction::BottomTop,
            layout: Layout::Dot,
            wrap: DEFAULT_WRAP,
            max_lines: DEFAULT_MAX_LINES,
            stagger: DEFAULT_STAGGER,
            legend: true,
            title: true,
            note: None,
        }
    }
}

/// The default wrapping width, in columns.
pub const DEFAULT_WRAP: usize = 36;
/// The default number of text lines shown per node.
pub const DEFAULT_MAX_LINES: usize = 0;
/// The default number of rows a fan of leaves is spread over.
pub const DEFAULT_STAGGER: usize = 3;
