//! Rules over the document set as a whole: uniqueness, coverage, structure.

use std::path::Path;

use super::{Context, by_id};
use crate::finding::{Finding, Rule};
use crate::model::catalog::CATALOG_FILE;
use crate::model::config::CONFIG_FILE;
use crate::model::document::Document;
use crate::msg;
use crate::text;

pub(super) fn check(cx: &Context<'_>, documents: &[Document]) -> Vec<Finding> {
    let mut findings = duplicate_ids(documents);
    findings.extend(procedures_without_process(cx, documents));
    findings.extend(forms_without_parent(cx, documents));
    findings.extend(missing_required_documents(cx, documents));
    findings
}

fn duplicate_ids(documents: &[Document]) -> Vec<Finding> {
    let mut groups: Vec<_> = by_id(documents).into_iter().filter(|(_, docs)| docs.len() > 1).collect();
    groups.sort_by(|a, b| text::natural_cmp(a.0, b.0));
    let mut findings = Vec::new();
    for (id, docs) in groups {
        for doc in &docs {
            let others: Vec<String> = docs
                .iter()
                .filter(|other| other.path != doc.path)
                .map(|other| other.path.display().to_string())
                .collect();
            findings.push(
                Finding::new(
                    Rule::DuplicateId,
                    &doc.path,
                    msg!("check-duplicate-id", id = id, others = others.join(", ")),
                )
                .at(doc.line_of("id"))
                .hint(msg!("hint-duplicate-id")),
            );
        }
    }
    findings
}

fn procedures_without_process(cx: &Context<'_>, documents: &[Document]) -> Vec<Finding> {
    let Some(catalog) = cx.catalog else {
        return Vec::new();
    };
    let covered: std::collections::HashSet<&str> = documents
        .iter()
        .filter(|d| d.front.doc_type == "procedure")
        .flat_map(|d| d.front.tthc.iter().map(String::as_str))
        .collect();
    catalog
        .procedures
        .iter()
        .filter(|p| !covered.contains(p.code.as_str()))
        .map(|p| {
            Finding::new(
                Rule::TthcWithoutProcess,
                CATALOG_FILE,
                msg!("check-tthc-no-process", code = &p.code, name = &p.name),
            )
            .at(cx.catalog_lines.line(&p.code, 1))
            .hint(msg!("hint-tthc-no-process", code = &p.code))
        })
        .collect()
}

fn forms_without_parent(cx: &Context<'_>, documents: &[Document]) -> Vec<Finding> {
    let (Some(form_prefix), Some(process_prefix)) = (cx.prefix_of("form"), cx.prefix_of("procedure")) else {
        return Vec::new();
    };
    documents
        .iter()
        .filter(|d| d.front.doc_type == "form")
        .filter_map(|d| {
            let (parent, _) = cx.form_pattern.match_id(form_prefix, d.id())?;
            let parent = parent?;
            let parent_id = parent_id_for(cx, process_prefix, parent);
            (!cx.ids.contains(parent_id.as_str())).then(|| {
                Finding::new(
                    Rule::FormWithoutParent,
                    &d.path,
                    msg!("check-form-no-parent", form = d.id(), parent = &parent_id),
                )
                .at(d.line_of("id"))
                .hint(msg!("hint-form-no-parent", parent = &parent_id))
            })
        })
        .collect()
}

/// The process id a form's `{parent}` number stands for: the document
/// pattern with the number written exactly as in the form id (07 → QT-07).
fn parent_id_for(cx: &Context<'_>, process_prefix: &str, parent: &str) -> String {
    let seq: u32 = parent.parse().unwrap_or(0);
    let formatted = cx.document_pattern.format(process_prefix, "", seq);
    match cx.document_pattern.seq_text(process_prefix, &formatted) {
        Some(seq_text) if seq_text != parent => {
            format!("{}{parent}", &formatted[..formatted.len() - seq_text.len()])
        }
        _ => formatted,
    }
}

fn missing_required_documents(cx: &Context<'_>, documents: &[Document]) -> Vec<Finding> {
    cx.config
        .required_documents
        .iter()
        .filter(|required| !documents.iter().any(|d| d.front.clauses.contains(&required.clause)))
        .map(|required| {
            Finding::new(
                Rule::RequiredDocumentMissing,
                Path::new(CONFIG_FILE),
                msg!(
                    "check-required-missing",
                    clause = &required.clause,
                    name_vi = &required.name_vi,
                    name_en = &required.name_en
                ),
            )
            .at(crate::model::line_of_value(cx.config_text, &required.clause, 1))
            .hint(msg!("hint-required-missing", clause = &required.clause))
        })
        .collect()
}
