//! `qms new`

use anyhow::Result;

use super::{Global, Outcome};
use crate::msg;
use crate::scaffold::new_document::{self, NewDocument};

/// Create a new document from its type's template, with the next free id.
///
/// The id follows the numbering pattern of qms.yaml (QT-08 after QT-07; a
/// form is numbered under its process: `--under QT-07` gives BM-07-03 after
/// BM-07-02). The file name is the id and the title without diacritics
/// (QT-08-dang-ky-khai-sinh.md), in the type's folder. Reviewers and approvers
/// are the roles the signer policy allows for the type; the author is the
/// acting person (QMS_USER, or the person with your git email).
///
/// The new file is committed on its own (nothing else you have staged or
/// changed goes into that commit) unless `--no-commit` is given.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  qms new procedure --title \"Quy trình đăng ký khai sinh\" --owner van-hoa-xa-hoi
  qms new form --title \"Tờ khai đăng ký khai sinh\" --under QT-07
  qms new procedure --title \"Quy trình cấp phép\" --tthc 1.009994
  qms new instruction --title \"Hướng dẫn sử dụng phần mềm một cửa\" --id HD-10 --no-commit")]
pub(crate) struct Args {
    /// Document type: policy, objectives, manual, procedure, instruction, form, plan, external (or one from qms.yaml).
    pub doc_type: String,

    /// The document's title.
    #[arg(long)]
    pub title: String,

    /// Use this id instead of the next free one.
    #[arg(long)]
    pub id: Option<String>,

    /// The unit that owns the document (default: the first unit in qms.yaml).
    #[arg(long, value_name = "UNIT")]
    pub owner: Option<String>,

    /// For a form: the process it belongs to.
    #[arg(long, value_name = "PROCESS")]
    pub under: Option<String>,

    /// For a process: the administrative procedure (catalogue code) it implements.
    #[arg(long, value_name = "CODE")]
    pub tthc: Option<String>,

    /// Write the file but do not commit it.
    #[arg(long)]
    pub no_commit: bool,
}

pub(super) fn run(global: &Global, args: Args) -> Result<Outcome> {
    let workspace = global.workspace()?;
    let request = NewDocument {
        doc_type: args.doc_type,
        title: args.title,
        id: args.id,
        owner: args.owner,
        under: args.under,
        tthc: args.tthc,
        commit: !args.no_commit,
    };
    let drafted = new_document::create(&workspace, global.lang_for(&workspace), &request)?;
    super::output::print(&drafted.path.display().to_string())?;
    if !drafted.has_author {
        global.status(msg!("status-no-author", variable = crate::workspace::USER_ENV));
    }
    Ok(Outcome::Success)
}
