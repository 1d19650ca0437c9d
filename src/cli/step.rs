//! What the workflow commands (submit, review, approve, withdraw, ack) share:
//! options for signing and the role, and running the step.

use anyhow::{Result, anyhow};

use super::{Global, Outcome};
use crate::repo::DocRepo;
use crate::signing::{SigningFormat, SigningKey, key_from_git_config};
use crate::workflow::actions::{StepRequest, perform};
use crate::workflow::trailers::{Action, Verdict};

#[derive(clap::Args, Debug, Default)]
pub struct StepOptions {
    /// Sign the action commit (SSH or GPG key from git's user.signingkey, or --key).
    /// Signing is automatic when qms.yaml sets `signing: required`.
    #[arg(long)]
    pub sign: bool,

    /// The signing key: a private key file or `key::ssh-ed25519 …` for SSH, a key id for GPG.
    #[arg(long, value_name = "KEY")]
    pub key: Option<String>,

    /// Sign in this role (default: the first of your roles that may).
    #[arg(long, value_name = "ROLE")]
    pub role: Option<String>,
}

pub fn run_step(
    global: &Global,
    action: Action,
    ids: Vec<String>,
    text: Option<String>,
    verdict: Option<Verdict>,
    options: StepOptions,
) -> Result<Outcome> {
    let workspace = global.workspace()?;
    let repo = DocRepo::open(&workspace.root)?;
    let person = workspace.acting_person()?.ok_or_else(|| {
        anyhow!(
            "qms does not know who you are: set {} to your person id in .qms/signers.yaml, or set `git config user.email` to the email listed there",
            crate::workspace::USER_ENV
        )
    })?;
    // An explicit request to sign; perform() adds git's key by itself when
    // the policy in force requires signatures.
    let sign = if options.sign || options.key.is_some() {
        let key = match options.key {
            Some(key) => SigningKey {
                format: SigningFormat::of_key(&key),
                key,
            },
            None => key_from_git_config(&workspace.root).ok_or_else(|| {
                anyhow!("no signing key: pass --key, or set `git config user.signingkey` (and `gpg.format ssh` for SSH keys)")
            })?,
        };
        Some(key)
    } else {
        None
    };
    let now = crate::clock::now()?;
    let result = perform(
        &workspace,
        &repo,
        person,
        &StepRequest {
            action,
            ids,
            text,
            verdict,
            role: options.role,
            sign,
        },
        &now,
    )?;
    for (commit, subject) in &result.commits {
        super::output::print(&format!("{} {subject}", &commit[..12]))?;
    }
    Ok(Outcome::Success)
}
