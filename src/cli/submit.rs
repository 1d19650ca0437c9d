//! `qms submit`

use anyhow::Result;

use super::step::{StepOptions, run_step};
use super::{Global, Outcome};
use crate::workflow::trailers::Action;

/// Submit documents for review: their committed content is what will be reviewed.
///
/// Writes one action commit per document (its tree unchanged) binding you,
/// the meaning "submission" and the exact content. Refused while the document
/// has uncommitted edits, when that content is already submitted or already
/// effective, or when the document was withdrawn. Several ids: all or nothing.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  qms submit QT-07\n  QMS_USER=pham-thi-dung qms submit QT-07 BM-07-01 -m \"Cập nhật theo Nghị định mới\""
)]
pub(crate) struct Args {
    /// The documents or records, by id (e.g. QT-07); each gets its own step.
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<String>,

    /// A note for the reviewers.
    #[arg(short, long)]
    pub message: Option<String>,

    #[command(flatten)]
    pub options: StepOptions,
}

pub(super) fn run(global: &Global, args: Args) -> Result<Outcome> {
    run_step(global, Action::Submit, args.ids, args.message, None, args.options)
}
