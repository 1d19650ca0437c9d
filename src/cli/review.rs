//! `qms review`

use anyhow::{Result, bail};

use super::step::{StepOptions, run_step};
use super::{Global, Outcome};
use crate::msg;
use crate::workflow::trailers::{Action, Verdict};

/// Review submitted documents: accept them for approval, or reject them.
///
/// You must be one of the document's reviewers (a person, or a role you hold)
/// and your role must allow reviewing that type of document. The review binds
/// the exact content that was submitted.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  qms review QT-07 --accept -m \"Đồng ý\"\n  qms review QT-07 --reject -m \"Bổ sung căn cứ pháp lý tại mục 5.1\""
)]
pub(crate) struct Args {
    /// The documents or records, by id (e.g. QT-07); each gets its own step.
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<String>,

    /// Accept the content.
    #[arg(long, conflicts_with = "reject")]
    pub accept: bool,

    /// Reject the content (say why with -m).
    #[arg(long)]
    pub reject: bool,

    /// Your comment.
    #[arg(short, long)]
    pub message: Option<String>,

    #[command(flatten)]
    pub options: StepOptions,
}

pub(super) fn run(global: &Global, args: Args) -> Result<Outcome> {
    let verdict = match (args.accept, args.reject) {
        (true, false) => Verdict::Accept,
        (false, true) => Verdict::Reject,
        _ => bail!(msg!("error-review-verdict")),
    };
    if verdict == Verdict::Reject && args.message.as_deref().is_none_or(|m| m.trim().is_empty()) {
        bail!(msg!("error-reject-reason"));
    }
    run_step(global, Action::Review, args.ids, args.message, Some(verdict), args.options)
}
