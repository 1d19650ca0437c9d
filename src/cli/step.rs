//! What the workflow commands (submit, review, approve, withdraw, ack) share:
//! options for signing and the role, and running the step.

use anyhow::{Result, anyhow, bail};

use super::{Global, Outcome};
use crate::model::record::ActionItem;
use crate::msg;
use crate::repo::DocRepo;
use crate::signing::{SigningFormat, SigningKey, key_from_git_config};
use crate::workflow::actions::{StepRequest, StepResult, perform};
pub(super) use crate::workflow::records::{acting_person, record_keeper};
use crate::workflow::trailers::{Action, Verdict};
use crate::workspace::Workspace;

#[derive(clap::Args, Debug, Default)]
pub(crate) struct StepOptions {
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

impl StepOptions {
    /// The key to sign with when signing was asked for; perform() adds git's
    /// key by itself when the policy in force requires signatures.
    pub(crate) fn signing_key(&self, workspace: &Workspace) -> Result<Option<SigningKey>> {
        if !self.sign && self.key.is_none() {
            return Ok(None);
        }
        let key = match &self.key {
            Some(key) => SigningKey {
                format: SigningFormat::of_key(key),
                key: key.clone(),
            },
            None => key_from_git_config(&workspace.root).ok_or_else(|| anyhow!(msg!("error-signing-key")))?,
        };
        Ok(Some(key))
    }

    pub(crate) fn request(&self, workspace: &Workspace, action: Action, ids: Vec<String>, text: Option<String>) -> Result<StepRequest> {
        Ok(StepRequest {
            action,
            ids,
            text,
            verdict: None,
            role: self.role.clone(),
            sign: self.signing_key(workspace)?,
        })
    }
}

/// Prints what a step wrote, one commit per line.
pub(super) fn print_commits(result: &StepResult) -> Result<()> {
    for (commit, subject) in &result.commits {
        super::output::print(&format!("{} {subject}", &commit[..12]))?;
    }
    Ok(())
}

pub(super) fn run_step(
    global: &Global,
    action: Action,
    ids: Vec<String>,
    text: Option<String>,
    verdict: Option<Verdict>,
    options: StepOptions,
) -> Result<Outcome> {
    let workspace = global.workspace()?;
    let repo = DocRepo::open(&workspace.root)?;
    let person = acting_person(&workspace)?;
    let mut request = options.request(&workspace, action, ids, text)?;
    request.verdict = verdict;
    let result = perform(&workspace, &repo, &person, &request, &workspace.now()?)?;
    print_commits(&result)?;
    Ok(Outcome::Success)
}

/// An action item given as "TEXT|OWNER|DUE" after `flag` (`--action`, `--treatment`).
pub(super) fn parse_action_spec(flag: &str, spec: &str, workspace: &Workspace) -> Result<ActionItem> {
    let parts: Vec<&str> = spec.split('|').map(str::trim).collect();
    let [text, owner, due] = parts.as_slice() else {
        bail!(msg!("error-action-shape", flag = flag, spec = spec));
    };
    let due: jiff::civil::Date = due
        .parse()
        .map_err(|_| msg!("error-action-due", flag = flag, spec = spec, due = due))?;
    let policy = workspace.signers()?;
    if policy.person(owner).is_none() {
        bail!(msg!("error-action-owner", flag = flag, spec = spec, owner = owner));
    }
    if text.is_empty() {
        bail!(msg!("error-action-text", flag = flag, spec = spec));
    }
    Ok(ActionItem {
        text: text.to_string(),
        owner: owner.to_string(),
        due,
        done: None,
    })
}
