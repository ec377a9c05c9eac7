//! Drawing a map: Graphviz DOT, SVG/PNG/PDF through `dot`, an HTML report.
