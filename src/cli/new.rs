//! `qms new`

use anyhow::{Result, anyhow, bail};

use super::{Global, Outcome};
use crate::msg;
use crate::render::templates::Templates;
use crate::repo::DocRepo;
use crate::scaffold::undo::Undo;
use crate::scaffold::{DocumentFactory, DocumentSpec, PlannedDocument};
use crate::workspace::TEMPLATES_DIR;

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
    let lang = global.lang_for(&workspace);
    let policy = workspace.signers()?;
    let templates = Templates::load(Some(&workspace.root.join(TEMPLATES_DIR)))?;
    let loaded = workspace.load_documents();
    let person = workspace.acting_person()?;
    let procedure = match &args.tthc {
        Some(code) => Some(
            workspace
                .catalog()?
                .get(code)
                .cloned()
                .ok_or_else(|| anyhow!(msg!("error-tthc-unknown", code = code)))?,
        ),
        None => None,
    };
    if procedure.is_some() && args.doc_type != "procedure" {
        bail!(msg!("error-tthc-not-procedure"));
    }
    let now = workspace.now()?;
    let mut factory = DocumentFactory::new(&workspace.config, policy, &templates, lang, now.date());
    factory.know(&loaded.documents);
    let PlannedDocument { id, file: planned } = factory.create(&DocumentSpec {
        doc_type: args.doc_type.clone(),
        title: args.title.clone(),
        id: args.id.clone(),
        owner: args
            .owner
            .clone()
            .or_else(|| person.and_then(|p| p.unit.clone()).filter(|u| workspace.config.unit(u).is_some())),
        under: args.under.clone(),
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

    if !args.no_commit {
        let committed = DocRepo::open(&workspace.root).and_then(|repo| {
            let identity = repo.identity_or_configured(person.map(|p| p.identity()));
            let message = format!("qms: new {id} {}", args.title);
            repo.commit_new_document(&planned.path, &id, &message, &identity, &now)
        });
        if let Err(e) = committed {
            // Leave the work tree as it was: a half-done `new` writes nothing.
            undo.run();
            return Err(e.context(msg!("error-new-not-committed", path = planned.path.display())));
        }
    }
    super::output::print(&planned.path.display().to_string())?;
    if person.is_none() {
        global.status(msg!("status-no-author", variable = crate::workspace::USER_ENV));
    }
    Ok(Outcome::Success)
}
