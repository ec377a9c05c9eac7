//! The command's one error type, [`Failure`], which carries its exit code.
//!
//! Exit codes, the same for the same situation in every command:
//!
//! | code | meaning |
//! |------|---------|
//! | 0    | success; also when the reader of standard output went away (`counterpoint ... \| head`): the command stops quietly, as ripgrep does |
//! | 1    | the map has errors (the diagnostics are printed), or a check did not pass (`fmt --check` found files to change, `coverage --fail-under`), or `fmt` / `export --to argdown` refused the map, saying why |
//! | 2    | usage or I/O: a flag's value the map does not know (`--side`, `--tag`, ...), a file not read or written, an output that is one of the inputs, a limit passed; clap's own usage errors exit 2 too |
//! | 130  | interrupted (Ctrl-C, SIGTERM, SIGHUP): the output being written is removed |

use std::fmt;

/// Exit code of an interrupted run, as of a program killed by SIGINT.
pub(crate) const INTERRUPTED: u8 = 130;

/// Why a command stopped without doing all it was asked. Every command returns it; `main`
/// prints [`Failure::message`] (if any) and exits with [`Failure::code`].
///
/// Not a [`std::error::Error`]: so that any error converts into it with `?`, sorted once here.
#[derive(Debug)]
pub(crate) enum Failure {
    /// The map (or its source texts) has errors; the diagnostics are already printed. Exit 1.
    MapHasErrors,
    /// A check did not pass (`fmt --check`, `coverage --fail-under`); what failed is already
    /// printed. Exit 1.
    CheckFailed,
    /// The command refused the map, saying why, and wrote nothing. Exit 1.
    Refused(String),
    /// The command was asked something it cannot do (an option that does not fit the input or
    /// the terminal). Exit 2.
    Usage(String),
    /// An error from the library or the system: a file not read or written, a name the map
    /// does not have, a limit passed. The message holds its causes. Exit 2.
    Failed(String),
    /// The reader of standard output (or of an output pipe) went away. Exit 0, quietly.
    ClosedPipe,
}

impl Failure {
    /// The exit code: see the table in this module's documentation.
    pub(crate) fn code(&self) -> u8 {
        match self {
            Failure::ClosedPipe => 0,
            Failure::MapHasErrors | Failure::CheckFailed | Failure::Refused(_) => 1,
            Failure::Usage(_) | Failure::Failed(_) => 2,
        }
    }

    /// What to print after `error: `, if anything is left to say.
    pub(crate) fn message(&self) -> Option<&str> {
        match self {
            Failure::Refused(m) | Failure::Usage(m) | Failure::Failed(m) => Some(m),
            Failure::MapHasErrors | Failure::CheckFailed | Failure::ClosedPipe => None,
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.message() {
            Some(message) => f.write_str(message),
            None => write!(f, "exit code {}", self.code()),
        }
    }
}

/// Any error: a closed pipe anywhere in its chain of causes is [`Failure::ClosedPipe`];
/// anything else is [`Failure::Failed`] with the error and its causes, `error: cause: cause`.
impl<E: std::error::Error + Send + Sync + 'static> From<E> for Failure {
    fn from(error: E) -> Failure {
        let closed = |e: &(dyn std::error::Error + 'static)| {
            e.downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
        };
        if closed(&error) {
            return Failure::ClosedPipe;
        }
        let mut message = error.to_string();
        let mut cause = error.source();
        while let Some(e) = cause {
            if closed(e) {
                return Failure::ClosedPipe;
            }
            message.push_str(": ");
            message.push_str(&e.to_string());
            cause = e.source();
        }
        Failure::Failed(message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    #[error("cannot write out.json")]
    struct Outer(#[source] std::io::Error);

    #[test]
    fn an_error_keeps_its_causes() {
        let inner = std::io::Error::new(std::io::ErrorKind::PermissionDenied, "denied");
        let failure = Failure::from(Outer(inner));
        assert_eq!(failure.message(), Some("cannot write out.json: denied"));
        assert_eq!(failure.code(), 2);
    }

    #[test]
    fn a_closed_pipe_anywhere_in_the_chain_is_success() {
        let pipe = std::io::Error::from(std::io::ErrorKind::BrokenPipe);
        let failure = Failure::from(Outer(pipe));
        assert!(matches!(failure, Failure::ClosedPipe));
        assert_eq!((failure.code(), failure.message()), (0, None));
    }

    #[test]
    fn codes() {
        let cases = [
            (Failure::MapHasErrors, 1),
            (Failure::CheckFailed, 1),
            (Failure::Refused("r".into()), 1),
            (Failure::Usage("u".into()), 2),
            (Failure::Failed("f".into()), 2),
            (Failure::ClosedPipe, 0),
        ];
        for (failure, code) in cases {
            assert_eq!(failure.code(), code, "{failure}");
        }
    }
}
