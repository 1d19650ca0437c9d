//! `qms completions` and `qms man`

use anyhow::Result;
use clap::CommandFactory;

use super::{Cli, Global, Outcome};

/// Print a shell completion script.
///
/// bash: `qms completions bash > ~/.local/share/bash-completion/completions/qms`;
/// zsh: `qms completions zsh > ~/.zfunc/_qms` (with `fpath+=~/.zfunc` before
/// `compinit`); fish: `qms completions fish > ~/.config/fish/completions/qms.fish`;
/// PowerShell: `qms completions powershell >> $PROFILE`.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  qms completions bash > ~/.local/share/bash-completion/completions/qms\n  qms completions zsh > ~/.zfunc/_qms"
)]
pub(crate) struct Args {
    /// The shell to write completions for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

pub(super) fn run(_global: &Global, args: Args) -> Result<Outcome> {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut command, "qms", &mut out);
    super::output::print(String::from_utf8_lossy(&out).trim_end())?;
    Ok(Outcome::Success)
}

/// Print the manual page (roff), e.g. `qms man > qms.1 && man ./qms.1`.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  qms man > /usr/local/share/man/man1/qms.1")]
pub(crate) struct ManArgs {}

pub(super) fn run_man(_global: &Global, _args: ManArgs) -> Result<Outcome> {
    let command = Cli::command();
    let mut out = Vec::new();
    clap_mangen::Man::new(command).render(&mut out)?;
    super::output::print(String::from_utf8_lossy(&out).trim_end())?;
    Ok(Outcome::Success)
}
