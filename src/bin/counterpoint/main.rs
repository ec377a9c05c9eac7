//! The `counterpoint` command: parses the arguments ([`args`]), runs the command
//! ([`commands::run`]) and turns what went wrong into an exit code ([`error`] lists them).

use std::process::ExitCode;

use clap::Parser;

mod args;
mod commands;
mod error;
mod progress;

/// Large blocks on huge pages: a large map is read with far fewer page faults.
#[global_allocator]
static ALLOCATOR: counterpoint::memory::Allocator = counterpoint::memory::Allocator;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    anstream::ColorChoice::write_global(cli.color.choice());
    // Interrupted (Ctrl-C, SIGTERM, SIGHUP): remove the temporary file being written, so that
    // no partial output stays behind, and stop as a program killed by SIGINT does.
    let _ = ctrlc::set_handler(|| {
        counterpoint::output::remove_pending_files();
        std::process::exit(i32::from(error::INTERRUPTED));
    });
    // The one place where the outcome becomes an exit code.
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            if let Some(message) = failure.message() {
                let red = anstyle::Style::new()
                    .bold()
                    .fg_color(Some(anstyle::AnsiColor::Red.into()));
                anstream::eprintln!("{red}error:{red:#} {message}");
            }
            ExitCode::from(failure.code())
        }
    }
}
