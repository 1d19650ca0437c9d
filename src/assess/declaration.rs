//! The declaration of conformity (công bố hệ thống quản lý chất lượng phù
//! hợp TCVN ISO 9001:2015): what must be in place before an agency may
//! declare, and the scope the decision states, both read from the repository.

use serde::Serialize;

use super::Method;
use super::evidence::{DECLARATION_TYPE, Facts, evaluate, in_force};
use crate::i18n;
use crate::model::config::Language;

/// What is missing before the agency may declare conformity: a completed
/// internal audit, an approved management review and the mandatory
/// documents in force. Empty when it may.
pub fn missing_prerequisites(facts: &Facts<'_>, lang: Language) -> Vec<String> {
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
pub struct ScopeItem {
    pub code: String,
    pub name: String,
    pub field: Option<String>,
    /// The processes in force that carry it out.
    pub processes: Vec<String>,
}

/// What the decision is filled with.
#[derive(Debug, Clone, Serialize)]
pub struct DeclarationData {
    pub scope: Vec<ScopeItem>,
    /// Procedures of the catalogue without a process in force (left out of the scope).
    pub outside_scope: Vec<String>,
    /// The policy, manual and objectives in force, by id.
    pub core_documents: Vec<String>,
    pub superior: Option<String>,
    pub links: Vec<String>,
}

pub fn data(facts: &Facts<'_>) -> DeclarationData {
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
pub fn existing<'f>(facts: &'f Facts<'_>) -> Option<&'f crate::model::document::Document> {
    facts.documents.iter().find(|d| d.front.doc_type == DECLARATION_TYPE)
}
