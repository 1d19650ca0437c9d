//! `qms declare`

use anyhow::Result;

use super::output::print_created;
use super::{Global, Outcome};
use crate::assess::declaration;
use crate::i18n;

/// Draft the decision declaring the QMS conforms to TCVN ISO 9001:2015.
///
/// Refuses, listing what is missing, until the agency may declare: internal
/// audits covering every unit and clause completed in the last 12 months, a
/// management review with approved minutes, and the mandatory documents in
/// force. Then writes the decision (a document of type `declaration`, QD-01)
/// with the scope filled from the repository — every administrative
/// procedure of the catalogue that has a process in force — and commits it
/// as a draft, to be submitted, reviewed and approved like any document.
/// Run again after the scope changes: it rewrites the decision, and its
/// approval makes a new issue.
#[derive(clap::Args, Debug)]
#[command(after_help = "\
Examples:
  qms declare
  qms submit QD-01 && QMS_USER=tran-thi-binh qms review QD-01 --accept
  QMS_USER=nguyen-van-an qms approve QD-01 -m \"Công bố HTQLCL phù hợp TCVN ISO 9001:2015\"")]
pub(crate) struct Args {
    /// The decision's title (default: the usual wording).
    #[arg(long)]
    pub title: Option<String>,
}

pub(super) fn run(global: &Global, args: Args) -> Result<Outcome> {
    let workspace = global.workspace()?;
    let lang = global.lang_for(&workspace);
    let created = declaration::declare(&workspace, args.title, lang)?;
    print_created(&created)?;
    global.status(format!(
        "{} `qms submit {}`",
        i18n::label(lang, "label-next-submit-it-with"),
        created.id
    ));
    Ok(Outcome::Success)
}
