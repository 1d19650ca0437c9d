//! `qms import`

use std::path::PathBuf;

use anyhow::Result;
use clap::Subcommand;

use super::output::print;
use super::{Global, Outcome};
use crate::msg;
use crate::scaffold::word_import::{self, WordImport};

/// Bring documents in from the formats offices keep them in.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  qms import docx QT-07.docx\n  qms import docx quy-trinh/*.docx --dry-run")]
pub(crate) struct Args {
    #[command(subcommand)]
    pub command: ImportCommand,
}

#[derive(Subcommand, Debug)]
pub(crate) enum ImportCommand {
    /// Turn Word procedures (.docx) into documents of the repository.
    ///
    /// Reads the ISO header block (Mã số, the title, Lần ban hành, Ngày hiệu
    /// lực) in the page header or the first table, and the signature table
    /// (the drafter becomes the author when the signer policy knows the
    /// name). The body keeps its headings (Word's heading styles, or bold
    /// numbered lines such as "5.2. Thành phần hồ sơ"), paragraphs with bold
    /// and italic, lists and tables; the header, signature and revision
    /// tables are left out of it. Each document gets the front-matter of its
    /// type (by the id's prefix, or --type) and a place in the type's
    /// folder; an existing id or file is never overwritten. All files of one
    /// run go into one commit. What needs hand work (merged table cells,
    /// images, unknown names) is reported by file and paragraph.
    #[command(after_help = "Examples:
  qms import docx QT-07.docx
  qms import docx cu/ --dry-run             every .docx of the folder, report only
  qms import docx ho-so.docx --type form --id BM-07-03")]
    Docx {
        /// The Word files; a folder stands for the .docx files in it.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// The document type for all of them (default: by the id's prefix).
        #[arg(long = "type", value_name = "TYPE")]
        doc_type: Option<String>,
        /// The id, for one file whose header block names none.
        #[arg(long, value_name = "ID")]
        id: Option<String>,
        /// The unit that owns them (default: the first unit in qms.yaml).
        #[arg(long, value_name = "UNIT")]
        owner: Option<String>,
        /// Report what would be imported; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

pub(super) fn run(global: &Global, args: Args) -> Result<Outcome> {
    match args.command {
        ImportCommand::Docx {
            files,
            doc_type,
            id,
            owner,
            dry_run,
        } => {
            let workspace = global.workspace()?;
            let request = WordImport {
                files: files.iter().map(|f| global.dir.join(f)).collect(),
                doc_type,
                id,
                owner,
                dry_run,
            };
            let imported = word_import::import(&workspace, global.lang_for(&workspace), &request)?;
            for doc in &imported {
                print(&format!("{} {} ← {}", doc.id, doc.path.display(), doc.source.display()))?;
                if let Some(issue) = doc.issue.filter(|&n| n > 1) {
                    global.notice(msg!("status-import-issue", id = &doc.id, issue = issue));
                }
                for (paragraph, note) in &doc.notes {
                    global.notice(format_args!("  {}:{paragraph}: {note}", doc.source.display()));
                }
            }
            Ok(Outcome::Success)
        }
    }
}
