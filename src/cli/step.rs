//! What the workflow commands (submit, review, approve, withdraw, ack) share:
//! options for signing and the role, and running the step.

use anyhow::Result;

use super::{Global, Outcome};
use crate::model::record::ActionItem;
use crate::signing::{SigningFormat, SigningKey};
use crate::workflow::actions::{SignWith, Signer, StepRequest, StepResult, step};
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
    /// How to sign, as the flags ask.
    pub(crate) fn signer(&self) -> Signer {
        let sign = match (&self.key, self.sign) {
            (Some(key), _) => SignWith::Key(SigningKey {
                format: SigningFormat::of_key(key),
                key: key.clone(),
            }),
            (None, true) => SignWith::GitKey,
            (None, false) => SignWith::AsPolicyRequires,
        };
        Signer {
            role: self.role.clone(),
            sign,
        }
    }

    pub(crate) fn request(&self, action: Action, ids: Vec<String>, text: Option<String>) -> StepRequest {
        self.signer().request(action, ids, text)
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
    let mut request = options.request(action, ids, text);
    request.verdict = verdict;
    print_commits(&step(&workspace, &request, None)?)?;
    Ok(Outcome::Success)
}

/// An action item given as "TEXT|OWNER|DUE" after `flag` (`--action`, `--treatment`).
pub(super) fn parse_action_spec(flag: &str, spec: &str, workspace: &Workspace) -> Result<ActionItem> {
    crate::improvement::parse_action_spec(flag, spec, workspace.signers()?)
}
