//! `qms hook`

use std::io::Read;
use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::Subcommand;

use super::{Global, Outcome};
use crate::msg;
use crate::workflow::hooks;

/// Install git hooks that keep a QMS repository sound.
///
/// `install --pre-commit` adds a client hook that runs `qms check --staged`
/// before every commit. `install --server BARE_REPO` adds a `pre-receive` hook
/// to a shared bare repository that refuses, with a message to the person
/// pushing, any push whose new commits hold an invalid action commit (a forged
/// or unauthorised approval, an approval that changes content, a blob
/// mismatch, a missing required signature), that brings in a second root
/// commit, or that rewrites history on a protected branch. The shared
/// repository's root commit is pinned as its trust root (`qms.trustRoot`).
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  qms hook install --pre-commit
  qms hook install --server /srv/git/ubnd-hoa-binh.git --protect refs/heads/main")]
pub(crate) struct Args {
    #[command(subcommand)]
    pub command: HookCommand,
}

#[derive(Subcommand, Debug)]
pub(crate) enum HookCommand {
    /// Write the hooks.
    #[command(
        after_help = "Examples:\n  qms hook install --pre-commit\n  qms hook install --server /srv/git/ubnd-hoa-binh.git --protect refs/heads/main"
    )]
    Install {
        /// The client hook: `qms check --staged` before each commit.
        #[arg(long)]
        pre_commit: bool,
        /// The server hook, in this bare repository.
        #[arg(long, value_name = "BARE_REPO")]
        server: Option<PathBuf>,
        /// Branches whose history may not be rewritten (default: main and master).
        #[arg(long, value_name = "REF")]
        protect: Vec<String>,
        /// Replace a hook that qms did not write.
        #[arg(long)]
        force: bool,
    },
    /// What the server hook runs: reads `<old> <new> <ref>` lines on stdin.
    #[command(hide = true)]
    #[command(after_help = "Examples:\n  qms hook pre-receive --protect refs/heads/main < updates   (as the installed hook runs it)")]
    PreReceive {
        #[arg(long, value_name = "REF")]
        protect: Vec<String>,
    },
}

pub(super) fn run(global: &Global, args: Args) -> Result<Outcome> {
    match args.command {
        HookCommand::Install {
            pre_commit,
            server,
            protect,
            force,
        } => {
            if !pre_commit && server.is_none() {
                bail!(msg!("error-which-hook"));
            }
            if pre_commit {
                let hook = hooks::install_pre_commit(&global.workspace()?.root, force)?;
                global.status(msg!("status-installed", path = hook.display()));
            }
            if let Some(bare) = server {
                let installed = hooks::install_server(&global.dir.join(bare), &protect, force)?;
                global.status(msg!("status-installed", path = installed.path.display()));
                if let Some(root) = installed.pinned_root {
                    global.status(msg!("status-pinned-root", root = root));
                }
            }
            Ok(Outcome::Success)
        }
        HookCommand::PreReceive { protect } => {
            let mut input = String::new();
            std::io::stdin().read_to_string(&mut input)?;
            let refusals = hooks::pre_receive(&input, &protect)?;
            if refusals.is_empty() {
                return Ok(Outcome::Success);
            }
            global.notice(format_args!("qms: {}", msg!("status-push-refused")));
            for refusal in &refusals {
                global.notice(format_args!("  {refusal}"));
            }
            global.notice(msg!("status-push-redo"));
            Ok(Outcome::Findings)
        }
    }
}
