//! `qms check`: rules over a whole repository. Each rule returns findings;
//! nothing here prints or decides exit codes.

mod content_rules;
mod document_rules;
mod history_rules;
pub(crate) mod legal_rules;
mod record_rules;
mod set_rules;
mod setup_rules;
pub(crate) mod time_rules;

use std::collections::{HashMap, HashSet};

use jiff::civil::Date;

use crate::finding::{Finding, Severity};
use crate::model::catalog::Catalog;
use crate::model::config::{Config, DocumentType};
use crate::model::document::Document;
use crate::model::numbering::Pattern;
use crate::model::signers::SignerPolicy;
use crate::msg;
use crate::repo::CommitId;
use crate::workflow::register::GitView;
use crate::workspace::Workspace;

/// The result of checking a repository.
#[derive(Debug, Default, serde::Serialize)]
pub(crate) struct Report {
    pub documents: usize,
    pub records: usize,
    pub findings: Vec<Finding>,
    /// Every file checked, repository-relative (one JUnit test case each).
    #[serde(skip)]
    pub files: Vec<String>,
}

impl Report {
    pub(crate) fn count(&self, severity: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == severity).count()
    }

    pub(crate) fn has_errors(&self) -> bool {
        self.count(Severity::Error) > 0
    }
}

/// What the rules look things up in, built once per check.
pub(crate) struct Context<'a> {
    pub config: &'a Config,
    pub types: Vec<DocumentType>,
    pub signers: Option<&'a SignerPolicy>,
    pub catalog: Option<&'a Catalog>,
    /// The catalogue's codes, to look codes up without a scan each.
    pub tthc_codes: HashSet<&'a str>,
    /// Where each token of the catalogue's text stands.
    pub catalog_lines: crate::model::ValueLines<'a>,
    pub document_pattern: Pattern,
    pub form_pattern: Pattern,
    /// Every document id, to resolve links.
    pub ids: HashSet<&'a str>,
    pub config_text: &'a str,
    /// Whether a repository path exists (in the working tree or the snapshot checked).
    pub exists: &'a dyn Fn(&std::path::Path) -> bool,
}

impl<'a> Context<'a> {
    pub(crate) fn doc_type(&self, id: &str) -> Option<&DocumentType> {
        self.types.iter().find(|t| t.id == id)
    }

    pub(crate) fn prefix_of(&self, type_id: &str) -> Option<&str> {
        self.doc_type(type_id).map(|t| t.prefix.as_str())
    }
}

/// The errors that keep a document from going in force: what `qms approve`
/// refuses, and `qms check` reports, about its content (a template's
/// instruction left in, blank steps or sections, a process over its
/// procedures' legal time limits).
pub(crate) fn approval_gate(workspace: &Workspace, doc: &Document) -> Vec<Finding> {
    let mut findings = content_checks(doc, workspace.catalog_result().ok());
    findings.retain(|f| f.severity == Severity::Error);
    findings
}

/// The rules on what a document says, shared by `check` and the gate.
fn content_checks(doc: &Document, catalog: Option<&Catalog>) -> Vec<Finding> {
    let mut findings = content_rules::check(doc);
    if let Some(catalog) = catalog {
        findings.extend(time_rules::check(doc, catalog));
    }
    findings
}

/// As [`check_workspace`], judging the history reachable from `tip` (a
/// commit id) instead of HEAD.
///
/// Fails closed: a history that cannot be read (a shallow clone, a damaged
/// object) or documents that cannot be loaded are an error, never a pass.
pub(crate) fn check_workspace_at(workspace: &Workspace, tip: Option<&CommitId>) -> anyhow::Result<Report> {
    let repo = crate::workflow::register::open_repo(workspace)?;
    // The documents and the history take about as long to read; do both at once.
    let (documents, view) = std::thread::scope(|scope| {
        let documents = scope.spawn(|| {
            let loaded = workspace.load_documents();
            let records = workspace.load_records();
            let mut findings = check_documents(workspace, &loaded.documents, &records.records);
            findings.extend(records.findings);
            let record_files: Vec<String> = records
                .records
                .iter()
                .map(|r| r.path.to_string_lossy().replace('\\', "/"))
                .collect();
            (loaded, findings, record_files)
        });
        let view = repo.as_ref().map(|repo| match tip {
            Some(tip) => GitView::load_at(repo, Some(tip)),
            None => GitView::load(repo),
        });
        let documents = documents.join().map_err(|_| anyhow::anyhow!(msg!("error-reading-failed")));
        (documents, view)
    });
    let (loaded, document_findings, record_files) = documents?;
    let mut findings = setup_rules::check(workspace);
    findings.extend(loaded.findings);
    findings.extend(document_findings);
    if let Some(view) = view {
        let git = view.map_err(|e| e.context(msg!("error-read-history")))?;
        findings.extend(history_rules::check(&git, &loaded.documents));
    }
    sort(&mut findings);
    let mut files: Vec<String> = [
        crate::model::config::CONFIG_FILE,
        crate::model::signers::SIGNERS_FILE,
        crate::model::catalog::CATALOG_FILE,
    ]
    .iter()
    .map(|f| f.to_string())
    .collect();
    files.extend(loaded.documents.iter().map(|d| d.path.to_string_lossy().replace('\\', "/")));
    let records = record_files.len();
    files.extend(record_files);
    Ok(Report {
        documents: loaded.documents.len(),
        records,
        findings,
        files,
    })
}

/// Runs the document, set and record rules over what was parsed; actions
/// are overdue by today's date (or `QMS_TIMESTAMP`'s).
pub(crate) fn check_documents(workspace: &Workspace, documents: &[Document], records: &[crate::model::record::Record]) -> Vec<Finding> {
    let context = Context {
        config: &workspace.config,
        types: workspace.config.document_types(),
        signers: workspace.signers_result().ok(),
        catalog: workspace.catalog_result().ok(),
        tthc_codes: workspace
            .catalog_result()
            .ok()
            .map(|c| c.procedures.iter().map(|p| p.code.as_str()).collect())
            .unwrap_or_default(),
        catalog_lines: crate::model::ValueLines::new(workspace.catalog_text()),
        document_pattern: Pattern::parse(&workspace.config.numbering.document),
        form_pattern: Pattern::parse(&workspace.config.numbering.form),
        ids: documents.iter().map(Document::id).collect(),
        config_text: workspace.config_text(),
        exists: &|path| workspace.exists(path),
    };
    let mut findings: Vec<Finding> = documents.iter().flat_map(|doc| document_rules::check(&context, doc)).collect();
    findings.extend(documents.iter().flat_map(|doc| content_checks(doc, context.catalog)));
    match workspace.legal_register() {
        Some(Ok(register)) => {
            let index = register.index();
            findings.extend(documents.iter().flat_map(|doc| legal_rules::check(doc, &index)));
        }
        Some(Err(finding)) => findings.push(finding),
        None => {}
    }
    findings.extend(set_rules::check(&context, documents));
    let today = workspace.now().map(|now| now.date()).unwrap_or(Date::MAX);
    findings.extend(record_rules::check(&context, records, documents, today));
    findings
}

/// Orders findings by file, then line, so they read like a compiler's output.
pub(crate) fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        a.path
            .cmp(&b.path)
            .then(a.line.unwrap_or(0).cmp(&b.line.unwrap_or(0)))
            .then(a.column.unwrap_or(0).cmp(&b.column.unwrap_or(0)))
            .then(a.rule.cmp(&b.rule))
    });
}

/// Groups documents by id, for duplicate detection.
fn by_id(documents: &[Document]) -> HashMap<&str, Vec<&Document>> {
    let mut map: HashMap<&str, Vec<&Document>> = HashMap::new();
    for doc in documents {
        map.entry(doc.id()).or_default().push(doc);
    }
    map
}
