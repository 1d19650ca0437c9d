//! `qms new` as a use-case: plan the document from its type's template with
//! the next free id, write it, and commit it on its own — or, when the
//! commit fails, leave the work tree as it was.

use std::path::PathBuf;

use anyhow::{Result, anyhow, bail};

use super::undo::Undo;
use super::{DocumentFactory, DocumentSpec, PlannedDocument};
use crate::model::config::Language;
use crate::msg;
use crate::render::templates::Templates;
use crate::repo::DocRepo;
use crate::workspace::{TEMPLATES_DIR, Workspace};

/// What `qms new` is asked to create.
pub(crate) struct NewDocument {
    pub doc_type: String,
    pub title: String,
    /// Instead of the next free id.
    pub id: Option<String>,
    /// The owning unit (default: the acting person's, when qms.yaml has it).
    pub owner: Option<String>,
    /// For a form: its process.
    pub under: Option<String>,
    /// For a process: the administrative procedure (catalogue code) it implements.
    pub tthc: Option<String>,
    /// Commit the new file (by itself).
    pub commit: bool,
}

/// The document written.
pub(crate) struct Drafted {
    /// Relative to the repository root.
    pub path: PathBuf,
    /// Whether the acting person is known (and so named as the author).
    pub has_author: bool,
}

pub(crate) fn create(workspace: &Workspace, lang: Language, request: &NewDocument) -> Result<Drafted> {
    let policy = workspace.signers()?;
    let templates = Templates::load(Some(&workspace.root.join(TEMPLATES_DIR)))?;
    let loaded = workspace.load_documents();
    let person = workspace.acting_person()?;
    let procedure = match &request.tthc {
        Some(code) => Some(
            workspace
                .catalog()?
                .get(code)
                .cloned()
                .ok_or_else(|| anyhow!(msg!("error-tthc-unknown", code = code)))?,
        ),
        None => None,
    };
    if procedure.is_some() && request.doc_type != "procedure" {
        bail!(msg!("error-tthc-not-procedure"));
    }
    let now = workspace.now()?;
    let mut factory = DocumentFactory::new(&workspace.config, policy, &templates, lang, now.date());
    factory.know(&loaded.documents);
    let PlannedDocument { id, file: planned } = factory.create(&DocumentSpec {
        doc_type: request.doc_type.clone(),
        title: request.title.clone(),
        id: request.id.clone(),
        owner: request
            .owner
            .clone()
            .or_else(|| person.and_then(|p| p.unit.clone()).filter(|u| workspace.config.unit(u).is_some())),
        under: request.under.clone(),
        author: person.map(|p| p.id.clone()),
        procedure,
        ..Default::default()
    })?;
    let absolute = workspace.root.join(&planned.path);
    if absolute.exists() {
        bail!(msg!("error-exists", path = planned.path.display()));
    }
    let mut undo = Undo::default();
    undo.write(&absolute, planned.content.as_bytes())?;

    if request.commit {
        let committed = DocRepo::open(&workspace.root).and_then(|repo| {
            let identity = repo.identity_or_configured(person.map(|p| p.identity()));
            let message = format!("qms: new {id} {}", request.title);
            repo.commit_new_document(&planned.path, &id, &message, &identity, &now)
        });
        if let Err(e) = committed {
            // Leave the work tree as it was: a half-done `new` writes nothing.
            undo.run();
            return Err(e.context(msg!("error-new-not-committed", path = planned.path.display())));
        }
    }
    Ok(Drafted {
        path: planned.path,
        has_author: person.is_some(),
    })
}
