//! `qms declare`

use anyhow::{Result, bail};

use super::output::print;
use super::step::{acting_person, record_keeper};
use super::{Global, Outcome};
use crate::assess::{declaration, with_facts};
use crate::i18n;
use crate::msg;
use crate::render::templates::Templates;
use crate::repo::DocRepo;
use crate::scaffold::{DocumentFactory, DocumentSpec};
use crate::workflow::actions::{ContentChange, commit_content};
use crate::workspace::{TEMPLATES_DIR, Workspace};

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
pub struct Args {
    /// The decision's title (default: the usual wording).
    #[arg(long)]
    pub title: Option<String>,
}

pub fn run(global: &Global, args: Args) -> Result<Outcome> {
    let workspace = global.workspace()?;
    let lang = global.lang_for(&workspace);
    let repo = DocRepo::open(&workspace.root)?;
    let person = acting_person(&workspace)?;
    let title = args
        .title
        .unwrap_or_else(|| i18n::label(lang, "label-decision-declaring-the-quality-management-system").to_string());
    // Drafted from the documents the prerequisites were judged on, read once.
    let (missing, in_scope, drafted) = with_facts(&workspace, None, |facts| {
        let data = declaration::data(facts);
        let existing = declaration::existing(facts).map(|d| (d.id().to_string(), d.path.clone()));
        let drafted = draft(&workspace, lang, &person, &title, existing, facts.documents, &data);
        (declaration::missing_prerequisites(facts, lang), data.scope.len(), drafted)
    })?;
    if !missing.is_empty() {
        bail!(msg!("error-cannot-declare", missing = missing.join("\n  - ")));
    }
    if in_scope == 0 {
        bail!(msg!("error-nothing-to-declare"));
    }
    let (id, path, text) = drafted?;
    let commit = commit_content(
        &repo,
        &person,
        ContentChange {
            files: vec![(path.clone(), text.into_bytes())],
            message: format!("qms: declare {id}\n\n{title}"),
        },
        &workspace.now()?,
    )?;
    print(&format!("{} {id} ({})", &commit[..12], path.display()))?;
    global.status(format!("{} `qms submit {id}`", i18n::label(lang, "label-next-submit-it-with")));
    Ok(Outcome::Success)
}

/// The decision's id, path and text, from the `new/<lang>/declaration.md`
/// template; an `existing` declaration (id, path) is rewritten in place.
fn draft(
    workspace: &Workspace,
    lang: crate::model::config::Language,
    person: &crate::model::signers::Person,
    title: &str,
    existing: Option<(String, std::path::PathBuf)>,
    documents: &[crate::model::document::Document],
    data: &declaration::DeclarationData,
) -> Result<(String, std::path::PathBuf, String)> {
    let templates = Templates::load(Some(&workspace.root.join(TEMPLATES_DIR)))?;
    let mut factory = DocumentFactory::new(&workspace.config, workspace.signers()?, &templates, lang, workspace.now()?.date());
    let id = existing.as_ref().map(|(id, _)| id.clone());
    // A rewrite keeps its id: the factory must not count it as taken.
    let others: Vec<_> = documents.iter().filter(|d| Some(d.id()) != id.as_deref()).cloned().collect();
    factory.know(&others);
    let planned = factory.create(&DocumentSpec {
        doc_type: crate::assess::evidence::DECLARATION_TYPE.into(),
        title: title.to_string(),
        id,
        owner: Some(record_keeper(workspace, person)),
        author: Some(person.id.clone()),
        data: serde_json::to_value(data)?,
        ..Default::default()
    })?;
    let path = existing.map(|(_, path)| path).unwrap_or(planned.file.path);
    Ok((planned.id, path, planned.file.content))
}
