//! Running the Graphviz program (`dot`) to turn DOT into SVG, PNG or PDF.

use std::io::{ErrorKind, Write as _};
use std::process::{Command, Stdio};

use super::Layout;

/// A format the Graphviz program writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// SVG, a text format.
    Svg,
    /// PNG, a bitmap image.
    Png,
    /// PDF, a document.
    Pdf,
}

impl OutputFormat {
    /// `svg`, `png` or `pdf`, the name `dot -T` takes.
    pub fn as_str(self) -> &'static str {
        match self {
            OutputFormat::Svg => "svg",
            OutputFormat::Png => "png",
            OutputFormat::Pdf => "pdf",
        }
    }

    /// Whether the output is binary (not text).
    pub fn is_binary(self) -> bool {
        !matches!(self, OutputFormat::Svg)
    }
}

/// How to install Graphviz, for error messages.
pub(crate) const INSTALL_HINT: &str =
    "install Graphviz: `apt-get install graphviz` (Debian, Ubuntu), \
`dnf install graphviz` (Fedora), `brew install graphviz` (macOS), or see \
https://graphviz.org/download/";

/// Above this many nodes the `dot` layout takes more than a few seconds, so commands ask for
/// `--force` or filters first. Measured with Graphviz 2.43 on generated maps (tree-shaped,
/// 16-word texts, a section per 100 nodes), `dot -Tsvg`: 1,000 nodes 0.5 s, 2,000 0.9 s,
/// 3,000 1.9 s, 5,000 6.5 s, 10,000 49 s.
pub const SLOW_DOT_NODES: usize = 3000;
/// The same for `sfdp`: 1,000 nodes 1.2 s, 5,000 6.1 s, 10,000 12.6 s.
pub(crate) const SLOW_SFDP_NODES: usize = 10000;
/// The measured layout times, for the message.
pub const TIMINGS: &str = "dot needs about 2 s for 3,000 nodes, 6 s for 5,000 and 50 s for \
10,000; sfdp about 6 s for 5,000 and 13 s for 10,000";

/// The node count above which `layout` is slow.
pub fn slow_layout_nodes(layout: Layout) -> usize {
    match layout {
        Layout::Dot => SLOW_DOT_NODES,
        Layout::Sfdp => SLOW_SFDP_NODES,
    }
}

/// Why Graphviz gave no drawing.
#[derive(Debug, thiserror::Error)]
pub enum GraphvizError {
    #[error(
        "the Graphviz program `dot` was not found; it draws SVG, PNG, PDF and the report \
         (`--format dot` needs no Graphviz). To {INSTALL_HINT}"
    )]
    /// The `dot` program is not on the `PATH`.
    NotInstalled,
    #[error("Graphviz `dot` failed: {0}")]
    /// `dot` could not be started, or it failed; the message says why.
    Failed(String),
}

/// Lays out `dot` (DOT text) with `layout` and returns the drawing in `format`. The DOT goes to
/// `dot` on its standard input, so Graphviz's messages name `<stdin>`, never a temporary file.
pub fn run(dot: &str, format: OutputFormat, layout: Layout) -> Result<Vec<u8>, GraphvizError> {
    let mut child = Command::new("dot")
        .arg(format!("-T{}", format.as_str()))
        .arg(format!("-K{}", layout.as_str()))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            ErrorKind::NotFound => GraphvizError::NotInstalled,
            _ => GraphvizError::Failed(format!("cannot start it: {e}")),
        })?;
    let stdin = child.stdin.take();
    // Written from another thread while this one reads the drawing, so that neither side waits
    // for the other with a full pipe. `dot` may stop reading early (a syntax error): its exit
    // status and message say why, so a failed write is not an error of its own.
    let output = std::thread::scope(|scope| {
        if let Some(mut stdin) = stdin {
            scope.spawn(move || {
                let _ = stdin.write_all(dot.as_bytes());
            });
        }
        child.wait_with_output()
    })
    .map_err(|e| GraphvizError::Failed(e.to_string()))?;
    if output.status.success() {
        return Ok(output.stdout);
    }
    let message = String::from_utf8_lossy(&output.stderr).trim().to_string();
    Err(GraphvizError::Failed(if message.is_empty() {
        format!("it ended with {}", output.status)
    } else {
        message
    }))
}
