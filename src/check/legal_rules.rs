//! The legal texts a document cites, against the register of legal texts
//! (`catalog/legal.yaml`): a text the register says was replaced is cited
//! with its replacement named; one it does not know is pointed out, so the
//! register stays the list of external documents the QMS relies on.

use crate::finding::{Finding, Rule};
use crate::model::document::Document;
use crate::model::legal::{Citation, LEGAL_FILE, LegalIndex, LegalStatus, citations};
use crate::msg;

pub(crate) fn check(doc: &Document, register: &LegalIndex<'_>) -> Vec<Finding> {
    check_citations(doc, &citations(&doc.body), register)
}

/// [`check`] for citations already read from `doc`'s body.
pub(crate) fn check_citations(doc: &Document, cited: &[Citation], register: &LegalIndex<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for citation in cited {
        if !seen.insert(citation.number.clone()) {
            continue;
        }
        let line = doc.body_line + citation.line;
        match register.get(&citation.number) {
            None => findings.push(
                Finding::new(
                    Rule::LegalUnknown,
                    &doc.path,
                    msg!("check-legal-unknown", number = &citation.number),
                )
                .at(line)
                .hint(msg!("hint-legal-unknown", file = LEGAL_FILE)),
            ),
            Some(text) if text.status == LegalStatus::Replaced => {
                let (message, hint) = match text.replaced_by.as_deref() {
                    Some(by) => (
                        msg!("check-legal-replaced", number = &citation.number, by = by),
                        msg!("hint-legal-replaced", by = by),
                    ),
                    None => (
                        msg!("check-legal-replaced-unnamed", number = &citation.number),
                        msg!("hint-legal-replaced-unnamed"),
                    ),
                };
                findings.push(Finding::new(Rule::LegalReplaced, &doc.path, message).at(line).hint(hint));
            }
            Some(_) => {}
        }
    }
    findings
}
