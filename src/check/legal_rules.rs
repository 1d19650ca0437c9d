//! The legal texts a document cites, against the register of legal texts
//! (`catalog/legal.yaml`): a text the register says was replaced is cited
//! with its replacement named; one it does not know is pointed out, so the
//! register stays the list of external documents the QMS relies on.

use crate::finding::{Finding, Rule};
use crate::model::document::Document;
use crate::model::legal::{LEGAL_FILE, LegalIndex, LegalStatus, citations};

pub fn check(doc: &Document, register: &LegalIndex<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for citation in citations(&doc.body) {
        if !seen.insert(citation.number.clone()) {
            continue;
        }
        let line = doc.body_line + citation.line;
        match register.get(&citation.number) {
            None => findings.push(
                Finding::new(
                    Rule::LegalUnknown,
                    &doc.path,
                    format!("{} is not in the register of legal texts", citation.number),
                )
                .at(line)
                .hint(format!(
                    "add it to {LEGAL_FILE} (number, type, title, issuer, date, status), or correct the number"
                )),
            ),
            Some(text) if text.status == LegalStatus::Replaced => {
                let by = text.replaced_by.as_deref().unwrap_or("another text");
                findings.push(
                    Finding::new(
                        Rule::LegalReplaced,
                        &doc.path,
                        format!("{} is no longer in force: it was replaced by {by}", citation.number),
                    )
                    .at(line)
                    .hint(format!("cite {by} instead, and review what the change means for this document")),
                );
            }
            Some(_) => {}
        }
    }
    findings
}
