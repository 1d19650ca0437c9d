//! Word documents (.docx): the effective issue of a document written in the
//! administrative layout officials expect, and an agency's existing Word
//! procedures read back as blocks (`import`). Only this module touches the
//! docx crate (docx-rs: maintained, pure Rust, reads and writes .docx).

mod export;
mod import;
mod watermark;

pub(crate) use import::{Read, read};

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::handbook::{self, DocPage};
use crate::model::config::Language;
use crate::msg;
use crate::workspace::Workspace;

/// What `qms export docx` is asked for.
pub(crate) struct ExportRequest {
    /// The documents, by id; empty with `all`.
    pub ids: Vec<String>,
    pub all: bool,
    /// Documents with no effective issue too, marked as drafts.
    pub drafts: bool,
    pub out: PathBuf,
}

/// One file written.
pub(crate) struct Exported {
    pub id: String,
    pub path: PathBuf,
    pub draft: bool,
}

/// Writes each document asked for, as the handbook publishes it (the
/// approved text of its effective issue), to `out/ID.docx`.
pub(crate) fn export(workspace: &Workspace, lang: Language, request: &ExportRequest) -> Result<Vec<Exported>> {
    let site = handbook::site(&workspace.root, lang, request.drafts)?;
    let chosen: Vec<&DocPage> = if request.all {
        site.documents.iter().collect()
    } else {
        let mut chosen = Vec::new();
        for id in &request.ids {
            match site.documents.iter().find(|d| &d.id == id) {
                Some(page) => chosen.push(page),
                None => {
                    // An id that names nothing gets the usual "did you mean".
                    workspace.load_documents().by_id(id)?;
                    bail!(msg!("error-export-not-effective", id = id));
                }
            }
        }
        chosen
    };
    std::fs::create_dir_all(&request.out).with_context(|| msg!("error-create", path = request.out.display()))?;
    let organisation = site.config.organisation.name.clone();
    let mut written = Vec::new();
    for page in chosen {
        let path = request.out.join(format!("{}.docx", page.id));
        let bytes = export::document(page, &organisation, lang)?;
        write_new(&path, &bytes)?;
        written.push(Exported {
            id: page.id.clone(),
            path,
            draft: page.draft,
        });
    }
    Ok(written)
}

/// Writes through a temporary file, so that a failed write never leaves
/// half a document where a complete one was.
fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
    let partial = path.with_extension("docx.partial");
    std::fs::write(&partial, bytes).with_context(|| msg!("error-write", path = partial.display()))?;
    std::fs::rename(&partial, path).with_context(|| msg!("error-write", path = path.display()))
}
