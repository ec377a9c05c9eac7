//! The crate's diagnostics as the protocol's: the same code, severity, message and help, the
//! range counted in UTF-16 code units.

use lsp_types::{DiagnosticSeverity, NumberOrString};

use super::position;
use crate::diagnostic::{Diagnostic, Severity};

/// The protocol's form of `d`, placed in `text` (the text of the file it is about).
pub(crate) fn to_lsp(d: &Diagnostic, text: &str) -> lsp_types::Diagnostic {
    let severity = match d.severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    };
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    lsp_types::Diagnostic {
        range: position::range(text, d.line, d.column, d.length),
        severity: Some(severity),
        code: Some(NumberOrString::String(d.code.as_str().to_string())),
        source: Some("counterpoint".to_string()),
        message,
        ..lsp_types::Diagnostic::default()
    }
}
