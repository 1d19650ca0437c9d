//! The declaration of conformity (công bố hệ thống quản lý chất lượng phù
//! hợp TCVN ISO 9001:2015): what must be in place before an agency may
//! declare, and the scope the decision states, both read from the repository.

use serde::Serialize;

use anyhow::{Result, bail};

use super::Method;
use super::evidence::{DECLARATION_TYPE, Facts, evaluate, in_force};
use crate::i18n;
use crate::model::config::Language;
use crate::msg;
use crate::render::templates::Templates;
use crate::repo::DocRepo;
use crate::scaffold::{DocumentFactory, DocumentSpec};
use crate::workflow::actions::{ContentChange, acting_person, commit_content};
use crate::workflow::records::{Created, record_keeper};
use crate::workspace::{TEMPLATES_DIR, Workspace};

/// What is missing before the agency may declare conformity: a completed
/// internal audit, an approved management review and the mandatory
/// documents in force. Empty when it may.
pub(crate) fn missing_prerequisites(facts: &Facts<'_>, lang: Language) -> Vec<String> {
    let mut missing = Vec::new();
    for (method, what) in [
        (
            Method::InternalAudit,
            i18n::label(lang, "label-internal-audits-covering-every-unit-and"),
        ),
        (Method::ManagementReview, i18n::label(lang, "label-a-management-review-in-the-last")),
        (
            Method::MandatoryDocuments,
            i18n::label(lang, "label-the-mandatory-documents-in-force"),
        ),
    ] {
        let evaluation = evaluate(method, facts, lang);
        if evaluation.score < 1.0 {
            missing.push(format!("{what}: {}", evaluation.missing.join("; ")));
        }
    }
    for finding in facts.unreadable {
        missing.push(format!("{}: {finding}", i18n::label(lang, "label-a-file-that-cannot-be-read")));
    }
    missing
}

/// One administrative procedure in the declared scope.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ScopeItem {
    pub code: String,
    pub name: String,
    pub field: Option<String>,
    /// The processes in force that carry it out.
    pub processes: Vec<String>,
}

/// What the decision is filled with.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DeclarationData {
    pub scope: Vec<ScopeItem>,
    /// Procedures of the catalogue without a process in force (left out of the scope).
    pub outside_scope: Vec<String>,
    /// The policy, manual and objectives in force, by id.
    pub core_documents: Vec<String>,
    pub superior: Option<String>,
    pub links: Vec<String>,
}

pub(crate) fn data(facts: &Facts<'_>) -> DeclarationData {
    let in_force: Vec<_> = in_force(facts.register).collect();
    let mut scope = Vec::new();
    let mut outside_scope = Vec::new();
    for procedure in facts.catalog.map(|c| c.procedures.as_slice()).unwrap_or_default() {
        let processes: Vec<String> = in_force
            .iter()
            .filter(|e| e.doc.front.tthc.contains(&procedure.code))
            .map(|e| e.doc.id().to_string())
            .collect();
        if processes.is_empty() {
            outside_scope.push(format!("{} {}", procedure.code, procedure.name));
        } else {
            scope.push(ScopeItem {
                code: procedure.code.clone(),
                name: procedure.name.clone(),
                field: procedure.field.clone(),
                processes,
            });
        }
    }
    let core_documents: Vec<String> = in_force
        .iter()
        .filter(|e| matches!(e.doc.front.doc_type.as_str(), "policy" | "manual" | "objectives"))
        .map(|e| e.doc.id().to_string())
        .collect();
    DeclarationData {
        scope,
        outside_scope,
        links: core_documents.clone(),
        core_documents,
        superior: facts.config.organisation.superior.clone(),
    }
}

/// The declaration already in the repository, if any: a new declaration
/// rewrites it, so that approving it makes a new issue.
pub(crate) fn existing<'f>(facts: &'f Facts<'_>) -> Option<&'f crate::model::document::Document> {
    facts.documents.iter().find(|d| d.front.doc_type == DECLARATION_TYPE)
}

/// `qms declare`: refuses, listing what is missing, until the agency may
/// declare; then drafts the decision (`title`, else the usual wording) with
/// its scope filled from the repository — rewriting an existing one in
/// place — and commits it by itself, as a draft.
pub(crate) fn declare(workspace: &Workspace, title: Option<String>, lang: Language) -> Result<Created> {
    let repo = DocRepo::open(&workspace.root)?;
    let person = acting_person(workspace)?;
    let title = title.unwrap_or_else(|| i18n::label(lang, "label-decision-declaring-the-quality-management-system").to_string());
    // Drafted from the documents the prerequisites were judged on, read once.
    let (missing, in_scope, drafted) = super::with_facts(workspace, None, |facts| {
        let data = data(facts);
        let existing = existing(facts).map(|d| (d.id().to_string(), d.path.clone()));
        let drafted = draft(workspace, lang, &person, &title, existing, facts.documents, &data);
        (missing_prerequisites(facts, lang), data.scope.len(), drafted)
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
    Ok(Created { commit, id, path })
}

/// The decision's id, path and text, from the `new/<lang>/declaration.md`
/// template; an `existing` declaration (id, path) is rewritten in place.
fn draft(
    workspace: &Workspace,
    lang: Language,
    person: &crate::model::signers::Person,
    title: &str,
    existing: Option<(String, std::path::PathBuf)>,
    documents: &[crate::model::document::Document],
    data: &DeclarationData,
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
