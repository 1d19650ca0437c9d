//! `qms hook`

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use clap::Subcommand;

use super::{Global, Outcome};
use crate::msg;
use crate::repo::DocRepo;
use crate::workflow::guard::{check_push, parse_updates};

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

const MARKER: &str = "# Installed by qms";

fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

fn write_hook(path: &Path, body: &str, force: bool) -> Result<()> {
    if let Ok(existing) = std::fs::read_to_string(path)
        && !existing.contains(MARKER)
        && !force
    {
        bail!(msg!("error-hook-exists", path = path.display()));
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).with_context(|| msg!("error-create", path = parent.display()))?;
    }
    std::fs::write(
        path,
        format!("#!/bin/sh\n{MARKER}; reinstall with `qms hook install` if qms moves.\n{body}\n"),
    )
    .with_context(|| msg!("error-write", path = path.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))?;
    }
    Ok(())
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
            let exe = std::env::current_exe().context(msg!("error-current-exe"))?;
            let exe = shell_quote(&exe.to_string_lossy());
            if pre_commit {
                let workspace = global.workspace()?;
                let git_dir = git_dir(&workspace.root)?;
                let hook = git_dir.join("hooks/pre-commit");
                write_hook(
                    &hook,
                    &format!("exec {exe} -C {} check --staged", shell_quote(&workspace.root.to_string_lossy())),
                    force,
                )?;
                global.status(msg!("status-installed", path = hook.display()));
            }
            if let Some(bare) = server {
                let bare = global.dir.join(bare);
                if !bare.join("HEAD").is_file() || !bare.join("objects").is_dir() {
                    bail!(msg!("error-not-bare", path = bare.display()));
                }
                let protect = if protect.is_empty() {
                    vec!["refs/heads/main".into(), "refs/heads/master".into()]
                } else {
                    protect
                };
                let flags: String = protect.iter().map(|p| format!(" --protect {}", shell_quote(p))).collect();
                let hook = bare.join("hooks/pre-receive");
                write_hook(&hook, &format!("exec {exe} hook pre-receive{flags}"), force)?;
                global.status(msg!("status-installed", path = hook.display()));
                if let Some(root) = crate::workflow::guard::pin_trust_root(&bare)? {
                    global.status(msg!("status-pinned-root", root = root));
                }
            }
            Ok(Outcome::Success)
        }
        HookCommand::PreReceive { protect } => {
            let mut input = String::new();
            std::io::stdin().read_to_string(&mut input)?;
            let repo = DocRepo::open_from_env()?;
            let refusals = check_push(&repo, &parse_updates(&input)?, &protect)?;
            if refusals.is_empty() {
                return Ok(Outcome::Success);
            }
            eprintln!("qms: {}", msg!("status-push-refused"));
            for refusal in &refusals {
                eprintln!("  {refusal}");
            }
            eprintln!("{}", msg!("status-push-redo"));
            Ok(Outcome::Findings)
        }
    }
}

fn git_dir(root: &Path) -> Result<PathBuf> {
    let output = std::process::Command::new("git")
        .current_dir(root)
        .args(["rev-parse", "--absolute-git-dir"])
        .output()
        .context(msg!("error-run-git"))?;
    if !output.status.success() {
        return Err(anyhow!(msg!("error-not-in-git", path = root.display())));
    }
    Ok(PathBuf::from(String::from_utf8_lossy(&output.stdout).trim()))
}
