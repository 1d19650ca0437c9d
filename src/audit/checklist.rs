//! The audit checklist: one row per audit question of the clauses in scope,
//! with the effective documents that address the clause and the records they
//! say to keep (the evidence to look for), and empty result columns.

use serde::Serialize;

use crate::i18n;
use crate::model::clauses::{self, Clause};
use crate::model::config::Language;

/// What the checklist is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Scope {
    /// A unit's effective documents.
    Unit(String),
    /// A clause (and its sub-clauses), across all units.
    Clause(String),
    /// A process document, and the documents it links to.
    Process(String),
}

/// An effective document, as its effective issue reads.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct EffectiveDocument {
    pub id: String,
    pub title: String,
    #[serde(skip)]
    pub owner: String,
    #[serde(skip)]
    pub clauses: Vec<String>,
    #[serde(skip)]
    pub links: Vec<String>,
    pub issue: u32,
    /// YYYY-MM-DD of the approval in force.
    pub effective_date: String,
    /// The records its "Hồ sơ cần lưu" section names.
    #[serde(skip)]
    pub evidence: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Row {
    pub number: usize,
    pub clause: String,
    pub clause_title: String,
    pub question: String,
    pub documents: Vec<EffectiveDocument>,
    pub evidence: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Checklist {
    pub scope: String,
    pub rows: Vec<Row>,
}

/// Whether a document listing clause `listed` addresses clause `asked`.
fn addresses(listed: &str, asked: &Clause) -> bool {
    asked.is_within(listed) || clauses::find(listed).is_some_and(|l| l.is_within(&asked.number))
}

/// Builds the checklist. `only` limits the clauses (e.g. an audit plan's
/// scope); without it, a unit is asked about every clause, a process about
/// the clauses it lists.
/// `unit_name` names a unit for the scope line ("Đơn vị Văn phòng (van-phong)").
pub(crate) fn build(
    scope: &Scope,
    only: &[String],
    documents: &[EffectiveDocument],
    lang: Language,
    unit_name: &dyn Fn(&str) -> Option<String>,
) -> Checklist {
    let in_scope: Vec<&EffectiveDocument> = match scope {
        Scope::Unit(unit) => documents.iter().filter(|d| &d.owner == unit).collect(),
        Scope::Clause(_) => documents.iter().collect(),
        Scope::Process(id) => {
            let process = documents.iter().find(|d| &d.id == id);
            documents
                .iter()
                .filter(|d| &d.id == id || process.is_some_and(|p| p.links.contains(&d.id)))
                .collect()
        }
    };
    let limits: Vec<String> = match scope {
        _ if !only.is_empty() => only.to_vec(),
        Scope::Clause(clause) => vec![clause.clone()],
        Scope::Process(id) => documents
            .iter()
            .find(|d| &d.id == id)
            .map(|d| d.clauses.clone())
            .unwrap_or_default(),
        Scope::Unit(_) => Vec::new(),
    };
    let mut rows = Vec::new();
    for clause in clauses::auditable().filter(|c| limits.is_empty() || limits.iter().any(|l| c.is_within(l))) {
        let addressing: Vec<EffectiveDocument> = in_scope
            .iter()
            .filter(|d| d.clauses.iter().any(|listed| addresses(listed, clause)))
            .map(|d| (*d).clone())
            .collect();
        let mut evidence: Vec<String> = addressing.iter().flat_map(|d| d.evidence.iter().cloned()).collect();
        evidence.sort();
        evidence.dedup();
        for question in &clause.questions {
            rows.push(Row {
                number: rows.len() + 1,
                clause: clause.number.clone(),
                clause_title: clause.title(lang).to_string(),
                question: question.text(lang).to_string(),
                documents: addressing.clone(),
                evidence: evidence.clone(),
            });
        }
    }
    let scope = match scope {
        Scope::Unit(unit) => match unit_name(unit) {
            Some(name) => format!("{} {name} ({unit})", i18n::label(lang, "label-unit")),
            None => format!("{} {unit}", i18n::label(lang, "label-unit")),
        },
        Scope::Clause(clause) => format!("{} {clause}", i18n::label(lang, "label-clause")),
        Scope::Process(id) => format!("{} {id}", i18n::label(lang, "label-process")),
    };
    Checklist { scope, rows }
}

/// The column headings, shared by every output format.
pub(crate) fn headers(lang: Language) -> Vec<String> {
    [
        "label-no",
        "label-clause",
        "label-audit-question",
        "label-documents",
        "label-evidence-to-look-for",
        "label-conforms",
        "label-nonconforms",
        "label-observation",
        "label-notes",
    ]
    .iter()
    .map(|id| i18n::label(lang, id).to_string())
    .collect()
}

/// One row as plain cells (for CSV).
pub(crate) fn cells(row: &Row, lang: Language) -> Vec<String> {
    let documents: Vec<String> = row
        .documents
        .iter()
        .map(|d| {
            format!(
                "{} {} ({} {}, {})",
                d.id,
                d.title,
                i18n::label(lang, "label-issue"),
                d.issue,
                d.effective_date
            )
        })
        .collect();
    vec![
        row.number.to_string(),
        format!("{} {}", row.clause, row.clause_title),
        row.question.clone(),
        documents.join("; "),
        row.evidence.join("; "),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, owner: &str, clauses: &[&str]) -> EffectiveDocument {
        EffectiveDocument {
            id: id.into(),
            title: format!("Title {id}"),
            owner: owner.into(),
            clauses: clauses.iter().map(|c| c.to_string()).collect(),
            links: vec!["BM-07-01".into()],
            issue: 1,
            effective_date: "2027-01-05".into(),
            evidence: vec![format!("Sổ {id}")],
        }
    }

    #[test]
    fn a_unit_checklist_lists_that_units_documents_per_clause() {
        let docs = [
            doc("QT-07", "tu-phap", &["8.5.1"]),
            doc("QT-08", "kinh-te", &["8.5"]),
            doc("QT-01", "tu-phap", &["7.5"]),
        ];
        let list = build(&Scope::Unit("tu-phap".into()), &[], &docs, Language::Vi, &|_| {
            Some("Tư pháp".into())
        });
        assert_eq!(list.rows.len(), clauses::auditable().map(|c| c.questions.len()).sum::<usize>());
        assert_eq!(list.scope, "Đơn vị Tư pháp (tu-phap)");
        let ids = |clause: &str| -> Vec<String> {
            let row = list.rows.iter().find(|r| r.clause == clause).unwrap();
            row.documents.iter().map(|d| d.id.clone()).collect()
        };
        assert_eq!(ids("8.5.1"), ["QT-07"]);
        assert_eq!(ids("8.5"), ["QT-07"], "a sub-clause addresses its parent");
        assert_eq!(ids("7.5.3.1"), ["QT-01"], "a parent addresses its sub-clauses");
        assert!(ids("9.2").is_empty());
        let row = list.rows.iter().find(|r| r.clause == "8.5.1").unwrap();
        assert_eq!(row.evidence, ["Sổ QT-07"]);
    }

    #[test]
    fn clause_and_process_scopes() {
        let mut process = doc("QT-07", "tu-phap", &["8.5.1", "8.2.1"]);
        process.links = vec!["BM-07-01".into()];
        let docs = [process, doc("BM-07-01", "tu-phap", &["8.5.1"]), doc("QT-08", "kinh-te", &["8.5.1"])];
        let by_clause = build(&Scope::Clause("8.5".into()), &[], &docs, Language::En, &|_| None);
        assert!(by_clause.rows.iter().all(|r| r.clause.starts_with("8.5")));
        assert_eq!(by_clause.rows.iter().find(|r| r.clause == "8.5.1").unwrap().documents.len(), 3);
        let by_process = build(&Scope::Process("QT-07".into()), &[], &docs, Language::En, &|_| None);
        let clauses: Vec<&str> = by_process.rows.iter().map(|r| r.clause.as_str()).collect();
        assert_eq!(clauses, ["8.2.1", "8.2.1", "8.5.1", "8.5.1"]);
        let ids: Vec<&str> = by_process.rows[2].documents.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["QT-07", "BM-07-01"]);
    }
}
