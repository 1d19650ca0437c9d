//! `qms export`

use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::Subcommand;

use super::output::print;
use super::{Global, Outcome};
use crate::msg;
use crate::word::{self, ExportRequest};

/// Hand documents over in the formats offices use.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  qms export docx QT-07\n  qms export docx --all --out word/")]
pub(crate) struct Args {
    #[command(subcommand)]
    pub command: ExportCommand,
}

#[derive(Subcommand, Debug)]
pub(crate) enum ExportCommand {
    /// Write documents as Word files (.docx) in the administrative layout.
    ///
    /// Each document is written as the handbook publishes it: the approved
    /// text of its effective issue, never the working tree. The page is A4
    /// in Times New Roman 13 pt with margins of 20 mm (30 mm on the left);
    /// every page carries the header table (organisation; type and title;
    /// Mã số, Lần ban hành, Ngày hiệu lực and the page number); the
    /// signature table names who drafted, reviewed and approved it and when;
    /// the body keeps its headings, lists and tables; the revision table
    /// closes it. A decision or report is laid out under Decree 30/2020
    /// instead (national title, number and date, recipients, signature
    /// block). One file per document, ID.docx, in --out.
    #[command(after_help = "Examples:
  qms export docx QT-07                  public/word/QT-07.docx
  qms export docx --all --out ban-in/
  qms export docx QT-12 --drafts         a draft, marked BẢN NHÁP / DRAFT")]
    Docx {
        /// The documents, by id (e.g. QT-07).
        #[arg(value_name = "ID")]
        ids: Vec<String>,
        /// Every effective document.
        #[arg(long, conflicts_with = "ids")]
        all: bool,
        /// Where to write the files (default: public/word/ in the repository).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Also documents with no effective issue, marked as drafts.
        #[arg(long)]
        drafts: bool,
    },
}

pub(super) fn run(global: &Global, args: Args) -> Result<Outcome> {
    match args.command {
        ExportCommand::Docx { ids, all, out, drafts } => {
            if ids.is_empty() && !all {
                bail!(msg!("error-export-which"));
            }
            let workspace = global.workspace()?;
            let out = match out {
                Some(out) => global.dir.join(out),
                None => workspace.root.join("public").join("word"),
            };
            let request = ExportRequest { ids, all, drafts, out };
            for exported in word::export(&workspace, global.lang_for(&workspace), &request)? {
                print(&exported.path.display().to_string())?;
                if exported.draft {
                    global.warning(msg!("status-exported-draft", id = &exported.id));
                }
            }
            Ok(Outcome::Success)
        }
    }
}
