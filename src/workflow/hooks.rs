//! Installing the git hooks that keep a repository sound: the client's
//! pre-commit check, and the shared repository's pre-receive guard (see
//! [`super::guard`] for what it refuses).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};

use super::guard::{check_push, parse_updates, pin_trust_root};
use crate::msg;
use crate::repo::{CommitId, DocRepo};

/// The first line after the shebang of every hook qms writes: a hook without
/// it is someone else's, replaced only when asked.
const MARKER: &str = "# Installed by qms";

/// Branches whose history may not be rewritten when none are named.
const DEFAULT_PROTECTED: [&str; 2] = ["refs/heads/main", "refs/heads/master"];

/// A server hook installed.
pub(crate) struct ServerHook {
    pub path: PathBuf,
    /// The trust root pinned now (none: already pinned, or no history yet).
    pub pinned_root: Option<CommitId>,
}

/// Installs, in the repository at `root`, a pre-commit hook running
/// `qms check --staged` with this executable; returns the hook's path.
pub(crate) fn install_pre_commit(root: &Path, force: bool) -> Result<PathBuf> {
    let exe = shell_quote(&current_exe()?.to_string_lossy());
    let hook = git_dir(root)?.join("hooks/pre-commit");
    let body = format!("exec {exe} -C {} check --staged", shell_quote(&root.to_string_lossy()));
    write_hook(&hook, &body, force)?;
    Ok(hook)
}

/// Installs, in the bare repository `bare`, the pre-receive guard for the
/// `protect`ed branches (default: main and master), and pins its trust root.
pub(crate) fn install_server(bare: &Path, protect: &[String], force: bool) -> Result<ServerHook> {
    if !bare.join("HEAD").is_file() || !bare.join("objects").is_dir() {
        bail!(msg!("error-not-bare", path = bare.display()));
    }
    let exe = shell_quote(&current_exe()?.to_string_lossy());
    let protect: Vec<String> = if protect.is_empty() {
        DEFAULT_PROTECTED.map(String::from).to_vec()
    } else {
        protect.to_vec()
    };
    let flags: String = protect.iter().map(|p| format!(" --protect {}", shell_quote(p))).collect();
    let path = bare.join("hooks/pre-receive");
    write_hook(&path, &format!("exec {exe} hook pre-receive{flags}"), force)?;
    Ok(ServerHook {
        path,
        pinned_root: pin_trust_root(bare)?,
    })
}

/// What the installed pre-receive hook runs: every reason to refuse the
/// updates git gives on stdin (`<old> <new> <ref>` lines), in the
/// repository git runs the hook in.
pub(crate) fn pre_receive(input: &str, protect: &[String]) -> Result<Vec<String>> {
    let repo = DocRepo::open_from_env()?;
    check_push(&repo, &parse_updates(input)?, protect)
}

fn current_exe() -> Result<PathBuf> {
    std::env::current_exe().context(msg!("error-current-exe"))
}

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

/// The repository's git directory, as git itself finds it (a worktree's or
/// a submodule's is not `.git/` under the root).
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
