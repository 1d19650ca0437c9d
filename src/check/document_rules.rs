//! Rules that look at one document (and what it refers to).

use std::path::Path;

use super::Context;
use crate::finding::{Finding, Rule};
use crate::model::clauses;
use crate::model::document::{Document, OBJECTIVES_TYPE};
use crate::model::numbering::has_prefix;
use crate::model::signers::Signatory;
use crate::msg;
use crate::render::markdown;

pub(super) fn check(cx: &Context<'_>, doc: &Document) -> Vec<Finding> {
    let mut findings = Vec::new();
    let path = doc.path.as_path();
    let front = &doc.front;

    if let Some(problem) = crate::model::id::problem(&front.id) {
        findings.push(
            Finding::new(Rule::IdFormat, path, msg!("check-id-format", problem = problem))
                .at(doc.line_of("id"))
                .hint(msg!("hint-id-format")),
        );
    }

    match cx.doc_type(&front.doc_type) {
        None if !front.doc_type.is_empty() => {
            let known: Vec<&str> = cx.types.iter().map(|t| t.id.as_str()).collect();
            findings.push(
                Finding::new(Rule::UnknownType, path, msg!("check-unknown-type", doc_type = &front.doc_type))
                    .at(doc.line_of("type"))
                    .hint(msg!("hint-unknown-type", known = known.join(", "))),
            );
        }
        Some(t) if !has_prefix(&front.id, &t.prefix) => findings.push(
            Finding::new(
                Rule::IdPrefix,
                path,
                msg!("check-id-prefix", id = &front.id, prefix = &t.prefix, doc_type = &t.id),
            )
            .at(doc.line_of("id"))
            .hint(msg!("hint-id-prefix", prefix = &t.prefix)),
        ),
        _ => {}
    }

    if !front.owner.is_empty() && cx.config.unit(&front.owner).is_none() {
        let units: Vec<&str> = cx.config.units.iter().map(|u| u.id.as_str()).collect();
        findings.push(
            Finding::new(Rule::UnknownOwner, path, msg!("check-unknown-owner", owner = &front.owner))
                .at(doc.line_of("owner"))
                .hint(msg!("hint-one-of", known = units.join(", "))),
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
                    Finding::new(Rule::UnknownPerson, path, msg!("check-author-is-role", role = spec))
                        .at(doc.line_of(field))
                        .hint(msg!("hint-author-is-role")),
                );
            } else if !signers.resolves(spec) {
                let message = match signatory {
                    Signatory::Role(_) => msg!("check-unknown-role", spec = spec, field = field),
                    Signatory::Person(_) => msg!("check-unknown-person", spec = spec, field = field),
                };
                findings.push(
                    Finding::new(Rule::UnknownPerson, path, message)
                        .at(doc.line_of(field))
                        .hint(msg!("hint-unknown-person")),
                );
            }
        }
    }
    if front.approvers.is_empty() && cx.doc_type(&front.doc_type).is_some_and(|t| t.id != "external") {
        findings.push(
            Finding::new(Rule::NoApprovers, path, msg!("check-no-approvers"))
                .at(doc.line_of("id"))
                .hint(msg!("hint-no-approvers")),
        );
    }

    let objective_clauses = front.objectives.iter().filter_map(|o| o.clause.as_ref().map(|c| ("objectives", c)));
    for (field, clause) in front.clauses.iter().map(|c| ("clauses", c)).chain(objective_clauses) {
        if clauses::find(clause).is_none() {
            findings.push(
                Finding::new(Rule::UnknownClause, path, msg!("check-unknown-clause", clause = clause))
                    .at(doc.line_of(field))
                    .hint(msg!("hint-unknown-clause")),
            );
        }
    }

    if front.doc_type == OBJECTIVES_TYPE && !doc.field_lines.contains_key("objectives") {
        findings.push(
            Finding::new(Rule::ObjectivesNotMeasurable, path, msg!("check-objectives-missing"))
                .at(doc.line_of("type"))
                .hint(msg!("hint-objectives-missing")),
        );
    } else if front.doc_type != OBJECTIVES_TYPE && !front.objectives.is_empty() {
        findings.push(
            Finding::new(
                Rule::FieldType,
                path,
                msg!("check-objectives-misplaced", expected = OBJECTIVES_TYPE, doc_type = &front.doc_type),
            )
            .at(doc.line_of("objectives"))
            .hint(msg!("hint-objectives-misplaced")),
        );
    }

    if cx.catalog.is_some() {
        for code in &front.tthc {
            if !cx.tthc_codes.contains(code.as_str()) {
                findings.push(
                    Finding::new(Rule::UnknownTthc, path, msg!("check-unknown-tthc", code = code))
                        .at(doc.line_of("tthc"))
                        .hint(msg!("hint-unknown-tthc")),
                );
            }
        }
    }

    for link in &front.links {
        if !cx.ids.contains(link.as_str()) {
            findings.push(
                Finding::new(Rule::UnknownLink, path, msg!("check-unknown-link", link = link))
                    .at(doc.line_of("links"))
                    .hint(msg!("hint-unknown-link")),
            );
        }
    }

    if let Some((depth, line)) = markdown::too_deep(&doc.body) {
        findings.push(
            Finding::new(
                Rule::TooDeep,
                path,
                msg!("check-too-deep", depth = depth, max = markdown::MAX_NESTING),
            )
            .at(doc.body_line + line - 1)
            .hint(msg!("hint-too-deep")),
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
                            msg!("check-link-outside", link = &link.destination),
                        )
                        .at(line)
                        .hint(msg!("hint-link-outside")),
                    );
                }
            };
            (!(cx.exists)(&resolved)).then(|| {
                Finding::new(
                    Rule::BrokenRelativeLink,
                    &doc.path,
                    msg!("check-broken-link", link = &link.destination, target = resolved.display()),
                )
                .at(line)
                .hint(msg!("hint-broken-link"))
            })
        })
        .collect()
}
