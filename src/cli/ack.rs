//! `qms ack`

use anyhow::Result;

use super::step::{StepOptions, run_step};
use super::{Global, Outcome};
use crate::workflow::trailers::Action;

/// Acknowledge documents: you have read and understood their effective issue.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  qms ack QT-06\n  qms ack CSCL-01 MTCL-01")]
pub(crate) struct Args {
    /// The documents or records, by id (e.g. QT-07); each gets its own step.
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<String>,

    #[command(flatten)]
    pub options: StepOptions,
}

pub(super) fn run(global: &Global, args: Args) -> Result<Outcome> {
    run_step(global, Action::Acknowledge, args.ids, None, None, args.options)
}
