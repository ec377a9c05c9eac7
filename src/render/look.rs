//! How a map's nodes are named and coloured in one drawing, made once and shared by the DOT
//! text and the report page around it.

use crate::model::Map;
use crate::style::names::NodeIds;
use crate::style::palette::Palette;

/// How a map's nodes are named and coloured in a drawing: made once per drawing, shared by the
/// DOT text and the report page around it.
pub(crate) struct Look {
    /// The nodes' DOT and SVG ids.
    pub(crate) ids: NodeIds,
    /// The sides' colours.
    pub(crate) palette: Palette,
}

impl Look {
    /// The ids and colours of `map`'s drawing.
    pub(crate) fn new(map: &Map) -> Look {
        Look {
            ids: NodeIds::new(map),
            palette: Palette::new(map),
        }
    }
}
