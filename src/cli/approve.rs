//! `qms approve`

use anyhow::Result;

use super::step::{StepOptions, run_step};
use super::{Global, Outcome};
use crate::workflow::trailers::Action;

/// Approve documents: their committed content becomes the next issue.
///
/// You must be one of the document's approvers and your role must allow
/// approving that type. When qms.yaml sets `review_before_approval`, the same
/// content needs an accepting review first. The message becomes the revision
/// table's "summary of change". Policy files are approved by path:
/// `qms approve qms.yaml`, `qms approve .qms/signers.yaml`.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  qms approve QT-07 -m \"Rút ngắn thời gian thẩm định từ 15 xuống 12 ngày\"\n  qms approve QT-07 BM-07-01 --sign\n  qms approve .qms/signers.yaml -m \"Bổ sung công chức mới\""
)]
pub(crate) struct Args {
    /// The documents or records, by id (e.g. QT-07); each gets its own step.
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<String>,

    /// Summary of change, shown in the revision table.
    #[arg(short, long)]
    pub message: Option<String>,

    #[command(flatten)]
    pub options: StepOptions,
}

pub(super) fn run(global: &Global, args: Args) -> Result<Outcome> {
    run_step(global, Action::Approve, args.ids, args.message, None, args.options)
}
