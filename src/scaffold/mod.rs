//! Creating things from templates: new documents (`qms new`), process
//! documents for administrative procedures (`qms tthc import --scaffold`) and
//! whole repositories (`qms init`).
//!
//! Everything is first planned in memory as [`PlannedFile`]s; only then does
//! the caller write them, so a template error never leaves half a result.

pub(crate) mod demo;
pub(crate) mod init;
pub(crate) mod new_document;
pub(crate) mod procedures;
pub(crate) mod profile;
pub(crate) mod steps;
pub(crate) mod synthetic;
pub(crate) mod undo;
pub(crate) mod units;
pub(crate) mod word_import;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow, bail};
use serde::Serialize;

use crate::i18n;
use crate::model::catalog::Procedure;
use crate::model::config::{Config, DocumentType, Language};
use crate::model::document::Document;
use crate::model::numbering::{Pattern, next_seq};
use crate::model::signers::SignerPolicy;
use crate::msg;
use crate::render::templates::Templates;
use crate::text;

/// A file to write, relative to the repository root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PlannedFile {
    pub path: PathBuf,
    pub content: String,
}

/// A new document: its id (as numbered) and its file.
#[derive(Debug, Clone)]
pub(crate) struct PlannedDocument {
    pub id: String,
    pub file: PlannedFile,
}

/// What to create.
#[derive(Debug, Clone, Default)]
pub(crate) struct DocumentSpec {
    pub doc_type: String,
    pub title: String,
    pub id: Option<String>,
    pub owner: Option<String>,
    /// The process a form is numbered under (QT-07 → BM-07-NN).
    pub under: Option<String>,
    pub author: Option<String>,
    /// The administrative procedure a process implements.
    pub procedure: Option<Procedure>,
    /// Extra template data (e.g. a form's columns).
    pub data: serde_json::Value,
    /// Template to use instead of `new/<lang>/<type>.md`.
    pub template: Option<String>,
}

#[derive(Serialize)]
struct Named<'a> {
    id: &'a str,
    name: &'a str,
}

/// A procedure as templates see it: every field present, so that a template
/// can test `{% if procedure.fee %}` whatever the catalogue holds.
#[derive(Serialize)]
struct ProcedureView<'a> {
    code: &'a str,
    name: &'a str,
    field: Option<&'a str>,
    time_limit_days: Option<f64>,
    time_limit_text: Option<&'a str>,
    fee: Option<&'a str>,
    legal_basis: &'a [String],
    dossier: &'a [String],
    result: Option<&'a str>,
}

impl<'a> From<&'a Procedure> for ProcedureView<'a> {
    fn from(p: &'a Procedure) -> Self {
        ProcedureView {
            code: &p.code,
            name: &p.name,
            field: p.field.as_deref(),
            time_limit_days: p.time_limit_days,
            time_limit_text: p.time_limit_text.as_deref(),
            fee: p.fee.as_deref(),
            legal_basis: &p.legal_basis,
            dossier: &p.dossier,
            result: p.result.as_deref(),
        }
    }
}

#[derive(Serialize)]
struct DocumentContext<'a> {
    id: &'a str,
    title: &'a str,
    #[serde(rename = "type")]
    doc_type: &'a str,
    type_label: &'a str,
    owner: &'a str,
    owner_name: &'a str,
    author: Option<&'a str>,
    reviewers: Vec<String>,
    approvers: Vec<String>,
    parent: Option<Named<'a>>,
    procedure: Option<ProcedureView<'a>>,
    steps: Vec<steps::Step>,
    lang: &'a str,
    date: String,
    year: i16,
    organisation: &'a str,
    data: &'a serde_json::Value,
}

/// Creates documents consistently with a repository's configuration, signer
/// policy and the ids already in use.
pub(crate) struct DocumentFactory<'a> {
    pub config: &'a Config,
    pub policy: &'a SignerPolicy,
    pub templates: &'a Templates,
    pub lang: Language,
    pub today: jiff::civil::Date,
    types: Vec<DocumentType>,
    document_pattern: Pattern,
    form_pattern: Pattern,
    /// Ids in use, with titles where known (for `--under`).
    ids: HashSet<String>,
    titles: HashMap<String, String>,
    paths: HashSet<PathBuf>,
}

impl<'a> DocumentFactory<'a> {
    pub(crate) fn new(
        config: &'a Config,
        policy: &'a SignerPolicy,
        templates: &'a Templates,
        lang: Language,
        today: jiff::civil::Date,
    ) -> Self {
        DocumentFactory {
            config,
            policy,
            templates,
            lang,
            today,
            types: config.document_types(),
            document_pattern: Pattern::parse(&config.numbering.document),
            form_pattern: Pattern::parse(&config.numbering.form),
            ids: HashSet::new(),
            titles: HashMap::new(),
            paths: HashSet::new(),
        }
    }

    /// Tells the factory about documents that exist already.
    pub(crate) fn know(&mut self, documents: &[Document]) {
        for doc in documents {
            self.remember(doc.id(), doc.title(), doc.path.clone());
        }
    }

    fn remember(&mut self, id: &str, title: &str, path: PathBuf) {
        self.ids.insert(id.to_string());
        if !title.is_empty() {
            self.titles.insert(id.to_string(), title.to_string());
        }
        self.paths.insert(path);
    }

    pub(crate) fn doc_type(&self, id: &str) -> Result<&DocumentType> {
        self.types.iter().find(|t| t.id == id).ok_or_else(|| {
            let known: Vec<&str> = self.types.iter().map(|t| t.id.as_str()).collect();
            anyhow!(msg!("error-unknown-type", doc_type = id, known = known.join(", ")))
        })
    }

    /// The next free id for a type (under a process for forms).
    pub(crate) fn next_id(&self, doc_type: &DocumentType, under: Option<&str>) -> Result<String> {
        if doc_type.id == "form" {
            let parent = under.ok_or_else(|| msg!("error-form-under"))?;
            let parent_seq = self.parent_number(parent)?;
            let seq = next_seq(
                &self.form_pattern,
                &doc_type.prefix,
                Some(parent_seq),
                self.ids.iter().map(String::as_str),
            );
            return Ok(self.form_pattern.format(&doc_type.prefix, parent_seq, seq));
        }
        let seq = next_seq(&self.document_pattern, &doc_type.prefix, None, self.ids.iter().map(String::as_str));
        Ok(self.document_pattern.format(&doc_type.prefix, "", seq))
    }

    fn parent_number<'p>(&self, parent: &'p str) -> Result<&'p str> {
        if !self.ids.contains(parent) {
            bail!(msg!("error-form-parent-missing", parent = parent));
        }
        let process_prefix = self.doc_type("procedure")?.prefix.clone();
        self.document_pattern
            .seq_text(&process_prefix, parent)
            .ok_or_else(|| anyhow!(msg!("error-form-parent-shape", parent = parent, prefix = process_prefix)))
    }

    /// Plans one new document: id, file name and content.
    pub(crate) fn create(&mut self, spec: &DocumentSpec) -> Result<PlannedDocument> {
        let doc_type = self.doc_type(&spec.doc_type)?.clone();
        if let Some(under) = &spec.under
            && let Some(problem) = crate::model::id::problem(under)
        {
            bail!(msg!("error-under", problem = problem));
        }
        let id = match &spec.id {
            Some(id) => {
                if let Some(problem) = crate::model::id::problem(id) {
                    bail!(msg!("error-id-option", problem = problem));
                }
                if self.ids.contains(id) {
                    bail!(msg!("error-id-used", id = id));
                }
                id.clone()
            }
            None => self.next_id(&doc_type, spec.under.as_deref())?,
        };
        let owner = match &spec.owner {
            Some(owner) => self.config.unit(owner).ok_or_else(|| msg!("error-no-unit", unit = owner))?,
            None => self.config.units.first().ok_or_else(|| msg!("error-no-units"))?,
        };
        let parent = spec.under.as_deref().map(|p| Named {
            id: p,
            name: self.titles.get(p).map(String::as_str).unwrap_or(""),
        });
        let roles_that = |grant: fn(&crate::model::signers::Role) -> &crate::model::signers::TypeSet| -> Vec<String> {
            self.policy
                .roles
                .iter()
                .filter(|r| grant(r).contains(&doc_type.id))
                .map(|r| format!("role:{}", r.id))
                .collect()
        };
        let steps = match &spec.procedure {
            Some(procedure) => {
                let one_stop = i18n::label(self.lang, "label-one-stop-desk");
                // The owner signs when it issues the results itself (a Cục,
                // by delegation); else whoever may approve processes.
                let leader = owner.result_signer.as_deref().unwrap_or_else(|| {
                    self.policy
                        .roles
                        .iter()
                        .find(|r| r.may.approve.contains(&doc_type.id))
                        .map(|r| r.name.as_str())
                        .unwrap_or(i18n::label(self.lang, "label-head-of-agency"))
                });
                steps::steps(
                    procedure
                        .legal_limit()
                        .map(|limit| limit.working_hours() / crate::model::time_limit::DAY_HOURS),
                    &steps::StepRoles {
                        one_stop,
                        specialist: &owner.name,
                        leader,
                    },
                    self.lang,
                )
            }
            None => Vec::new(),
        };
        let context = DocumentContext {
            id: &id,
            title: &spec.title,
            doc_type: &doc_type.id,
            type_label: doc_type.label(self.lang),
            owner: &owner.id,
            owner_name: &owner.name,
            author: spec.author.as_deref(),
            reviewers: roles_that(|r| &r.may.review),
            approvers: roles_that(|r| &r.may.approve),
            parent,
            procedure: spec.procedure.as_ref().map(ProcedureView::from),
            steps,
            lang: self.lang.code(),
            date: self.today.to_string(),
            year: self.today.year(),
            organisation: &self.config.organisation.name,
            data: &spec.data,
        };
        let template = match &spec.template {
            Some(t) => t.clone(),
            None => {
                let specific = format!("new/{}/{}.md", self.lang.code(), doc_type.id);
                if self.templates.has(&specific) {
                    specific
                } else {
                    format!("new/{}/default.md", self.lang.code())
                }
            }
        };
        let content = self.templates.render(&template, &context)?;
        let path = self.path_for(&doc_type, &id, &spec.title);
        if self.paths.contains(&path) {
            bail!("{} is planned twice", path.display());
        }
        self.remember(&id, &spec.title, path.clone());
        Ok(PlannedDocument {
            id,
            file: PlannedFile { path, content },
        })
    }

    /// The usual title of the process for an administrative procedure:
    /// "Quy trình đăng ký khai sinh".
    pub(crate) fn process_title(&self, procedure: &Procedure) -> String {
        let mut name = procedure.name.trim().chars();
        let first: String = name.next().map(|c| c.to_lowercase().collect()).unwrap_or_default();
        match self.lang {
            Language::Vi => format!("Quy trình {first}{}", name.as_str()),
            Language::En => format!("Procedure for {first}{}", name.as_str()),
        }
    }

    /// `documents/quy-trinh/QT-08-dang-ky-khai-sinh.md`
    pub(crate) fn path_for(&self, doc_type: &DocumentType, id: &str, title: &str) -> PathBuf {
        let slug = text::slug(title, 60);
        let name = if slug.is_empty() {
            format!("{id}.md")
        } else {
            format!("{id}-{slug}.md")
        };
        PathBuf::from(&doc_type.folder).join(name)
    }
}

/// A generated repository goes into a new or empty folder only: nothing
/// the user has there is mixed with it or lost.
pub(crate) fn refuse_non_empty(dir: &Path) -> Result<()> {
    if dir.exists() && std::fs::read_dir(dir)?.next().is_some() {
        bail!(crate::msg!("error-folder-not-empty", path = dir.display()));
    }
    Ok(())
}
