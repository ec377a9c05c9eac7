//! `counterpoint lsp`: the language server, over standard input and output.

use crate::args::LspArgs;
use crate::error::Failure;

/// Serves one editor until it shuts the server down.
pub(super) fn run(args: LspArgs) -> Result<(), Failure> {
    let _ = args.stdio;
    counterpoint::lsp::run_stdio(args.sources).map_err(|e| Failure::Failed(e.to_string()))
}
