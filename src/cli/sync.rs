//! `qms sync`

use anyhow::Result;

use super::{Global, Outcome};
use crate::i18n;
use crate::workflow::actions;

/// Bring the branch up to date with the shared repository, keeping every
/// signature.
///
/// Fetches the current branch from the remote and merges it — never
/// rebases: `git pull --rebase` rewrites each replayed action commit and
/// drops its signature, so under `signing: required` the approval becomes
/// invalid and the server hook refuses it. A merge commit is an ordinary
/// content commit; every approval on either side keeps its signature and is
/// judged along its own history. A merge that conflicts is undone, leaving
/// everything as it was. With --push, the result is pushed.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  qms sync                  fetch and merge origin's copy of this branch
  qms sync --push           and push the result
  qms sync --remote so-noi-vu")]
pub(crate) struct Args {
    /// The remote to sync with.
    #[arg(long, default_value = "origin")]
    pub remote: String,

    /// Push the branch after merging.
    #[arg(long)]
    pub push: bool,
}

pub(super) fn run(global: &Global, args: Args) -> Result<Outcome> {
    let workspace = global.workspace()?;
    let outcome = actions::sync(&workspace, &args.remote, args.push)?;
    let lang = global.lang_for(&workspace);
    global.status(outcome.label(lang));
    if args.push {
        global.status(i18n::label(lang, "label-pushed").to_string());
    }
    Ok(Outcome::Success)
}
