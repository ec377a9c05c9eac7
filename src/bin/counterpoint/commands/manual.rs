//! `counterpoint completions SHELL` and `counterpoint man [COMMAND]`: the shell completion
//! scripts and the manual pages, made from the command line's own definitions (clap_complete,
//! clap_mangen), so that they never fall behind it.

use clap::CommandFactory;

use super::{print_out, to_stdout};
use crate::args::{Cli, CompletionsArgs, ManArgs};
use crate::error::Failure;

/// Prints the completion script for `args.shell`.
pub(super) fn completions(args: &CompletionsArgs) -> Result<(), Failure> {
    let mut command = Cli::command();
    to_stdout(|out| {
        clap_complete::generate(args.shell, &mut command, "counterpoint", out);
        Ok(())
    })
}

/// Prints (or writes to `-o FILE`) the manual page of counterpoint or of one of its commands.
pub(super) fn man(args: &ManArgs) -> Result<(), Failure> {
    let mut root = Cli::command();
    root.build();
    let command = match &args.command {
        None => root,
        Some(name) => {
            let Some(sub) = root.find_subcommand(name) else {
                let names: Vec<&str> = root
                    .get_subcommands()
                    .map(clap::Command::get_name)
                    .collect();
                return Err(Failure::Usage(format!(
                    "there is no command {name:?}; the commands are: {}",
                    names.join(", ")
                )));
            };
            // Built, it goes by the name man(1) finds it under: counterpoint-check.
            sub.clone()
        }
    };
    let mut page = Vec::new();
    clap_mangen::Man::new(command).render(&mut page)?;
    match &args.output {
        Some(path) => {
            counterpoint::output::write_atomic(path, &page, &[])?;
            Ok(())
        }
        None => print_out(&String::from_utf8_lossy(&page)),
    }
}
