//! Rules that look at one document (and what it refers to).

use std::path::Path;

use super::Context;
use crate::finding::{Finding, Rule};
use crate::model::clauses;
use crate::model::document::{Document, OBJECTIVES_TYPE};
use crate::model::numbering::has_prefix;
use crate::model::signers::Signatory;
use crate::render::markdown;

pub fn check(cx: &Context<'_>, doc: &Document) -> Vec<Finding> {
    let mut findings = Vec::new();
    let path = doc.path.as_path();
    let front = &doc.front;

    if let Some(problem) = crate::model::id::problem(&front.id) {
        findings.push(
            Finding::new(Rule::IdFormat, path, format!("not a valid document id: {problem}"))
                .at(doc.line_of("id"))
                .hint("use capital letters, digits, '.', '_' and '-', starting with a letter or digit (e.g. QT-07)"),
        );
    }

    match cx.doc_type(&front.doc_type) {
        None if !front.doc_type.is_empty() => {
            let known: Vec<&str> = cx.types.iter().map(|t| t.id.as_str()).collect();
            findings.push(
                Finding::new(Rule::UnknownType, path, format!("unknown document type `{}`", front.doc_type))
                    .at(doc.line_of("type"))
                    .hint(format!(
                        "use one of: {} (or add the type to qms.yaml document_types)",
                        known.join(", ")
                    )),
            );
        }
        Some(t) if !has_prefix(&front.id, &t.prefix) => findings.push(
            Finding::new(
                Rule::IdPrefix,
                path,
                format!(
                    "the id `{}` does not start with `{}`, the prefix of type `{}`",
                    front.id, t.prefix, t.id
                ),
            )
            .at(doc.line_of("id"))
            .hint(format!("rename it to {}-… or correct the type", t.prefix)),
        ),
        _ => {}
    }

    if !front.owner.is_empty() && cx.config.unit(&front.owner).is_none() {
        let units: Vec<&str> = cx.config.units.iter().map(|u| u.id.as_str()).collect();
        findings.push(
            Finding::new(
                Rule::UnknownOwner,
                path,
                format!("the owner `{}` is not a unit of qms.yaml", front.owner),
            )
            .at(doc.line_of("owner"))
            .hint(format!("use one of: {}", units.join(", "))),
        );
    }

    if let Some(signers) = cx.signers {
        let people = front
            .author
            .iter()
            .map(|a| ("author", a))
            .chain(front.reviewers.iter().map(|r| ("reviewers", r)))
            .chain(front.approvers.iter().map(|a| ("approvers", a)));
        for (field, spec) in people {
            let signatory = Signatory::parse(spec);
            if field == "author" && matches!(signatory, Signatory::Role(_)) {
                findings.push(
                    Finding::new(
                        Rule::UnknownPerson,
                        path,
                        format!("the author must be a person, not the role `{spec}`"),
                    )
                    .at(doc.line_of(field))
                    .hint("name the person who drafted the document"),
                );
            } else if !signers.resolves(spec) {
                let what = match signatory {
                    Signatory::Role(_) => "role",
                    Signatory::Person(_) => "person",
                };
                findings.push(
                    Finding::new(
                        Rule::UnknownPerson,
                        path,
                        format!("`{spec}` in `{field}` is not a {what} of the signer policy"),
                    )
                    .at(doc.line_of(field))
                    .hint("add them to .qms/signers.yaml or correct the id; roles are written `role:<id>`"),
                );
            }
        }
    }
    if front.approvers.is_empty() && cx.doc_type(&front.doc_type).is_some_and(|t| t.id != "external") {
        findings.push(
            Finding::new(Rule::NoApprovers, path, "nobody is named to approve this document")
                .at(doc.line_of("id"))
                .hint("add `approvers: [role:…]`"),
        );
    }

    let objective_clauses = front.objectives.iter().filter_map(|o| o.clause.as_ref().map(|c| ("objectives", c)));
    for (field, clause) in front.clauses.iter().map(|c| ("clauses", c)).chain(objective_clauses) {
        if clauses::find(clause).is_none() {
            findings.push(
                Finding::new(Rule::UnknownClause, path, format!("`{clause}` is not an ISO 9001:2015 clause"))
                    .at(doc.line_of(field))
                    .hint("use clause numbers from 4 to 10.3, e.g. \"8.5.1\"; `qms clauses` lists them"),
            );
        }
    }

    if front.doc_type == OBJECTIVES_TYPE && !doc.field_lines.contains_key("objectives") {
        findings.push(
            Finding::new(
                Rule::ObjectivesNotMeasurable,
                path,
                "the quality objectives have no measurable `objectives` in the front-matter",
            )
            .at(doc.line_of("type"))
            .hint("list them: `objectives: [{objective: …, indicator: …, target: 98, unit: \"%\", frequency: quarterly}]`; see docs/improvement.md"),
        );
    } else if front.doc_type != OBJECTIVES_TYPE && !front.objectives.is_empty() {
        findings.push(
            Finding::new(
                Rule::FieldType,
                path,
                format!(
                    "`objectives` belongs in a document of type {OBJECTIVES_TYPE}, not {}",
                    front.doc_type
                ),
            )
            .at(doc.line_of("objectives"))
            .hint("move the objectives to the MTCL document"),
        );
    }

    if cx.catalog.is_some() {
        for code in &front.tthc {
            if !cx.tthc_codes.contains(code.as_str()) {
                findings.push(
                    Finding::new(Rule::UnknownTthc, path, format!("the TTHC code {code} is not in catalog/tthc.yaml"))
                        .at(doc.line_of("tthc"))
                        .hint("import the agency's procedures with `qms tthc import FILE`, or correct the code"),
                );
            }
        }
    }

    for link in &front.links {
        if !cx.ids.contains(link.as_str()) {
            findings.push(
                Finding::new(
                    Rule::UnknownLink,
                    path,
                    format!("`links` names {link}, which no document has as its id"),
                )
                .at(doc.line_of("links"))
                .hint("correct the id, or create the document with `qms new`"),
            );
        }
    }

    if let Some((depth, line)) = markdown::too_deep(&doc.body) {
        findings.push(
            Finding::new(
                Rule::TooDeep,
                path,
                format!(
                    "the text nests {depth} levels deep (block quotes, lists, HTML elements); at most {} are shown as Markdown",
                    markdown::MAX_NESTING
                ),
            )
            .at(doc.body_line + line - 1)
            .hint("flatten the quotes or lists; until then the handbook shows the text as written"),
        );
    }
    findings.extend(relative_link_findings(cx, doc));
    findings
}

fn relative_link_findings(cx: &Context<'_>, doc: &Document) -> Vec<Finding> {
    let folder = doc.path.parent().unwrap_or(Path::new(""));
    markdown::links(&doc.body)
        .into_iter()
        .filter(|link| markdown::is_relative_file_link(&link.destination))
        .filter_map(|link| {
            let target = link.destination.split(['#', '?']).next().unwrap_or_default();
            let target = crate::text::percent_decode(target);
            if target.is_empty() {
                return None;
            }
            let line = doc.body_line + link.line - 1;
            let resolved = match crate::text::normalise_relative(&folder.join(&target)) {
                Some(resolved) => resolved,
                None => {
                    return Some(
                        Finding::new(
                            Rule::BrokenRelativeLink,
                            &doc.path,
                            format!("the link `{}` points outside the repository", link.destination),
                        )
                        .at(line)
                        .hint("link only to files inside the repository"),
                    );
                }
            };
            (!(cx.exists)(&resolved)).then(|| {
                Finding::new(
                    Rule::BrokenRelativeLink,
                    &doc.path,
                    format!(
                        "the link `{}` points to {}, which does not exist",
                        link.destination,
                        resolved.display()
                    ),
                )
                .at(line)
                .hint("correct the path (it is relative to this file's folder), or refer to the document by its id")
            })
        })
        .collect()
}
