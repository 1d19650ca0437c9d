//! `qms list`

use std::path::PathBuf;

use anyhow::Result;
use serde::Serialize;

use super::output::{print, print_csv, print_json, table};
use super::{Global, Outcome};
use crate::i18n;
use crate::i18n::format::date_of;
use crate::model::document::Document;
use crate::text;
use crate::workflow::history::StateKind;
use crate::workflow::register::FileState;
use crate::workflow::register::{self, open_repo};

/// Filters shared by `list` and `search`.
#[derive(clap::Args, Debug, Default, Clone)]
pub(crate) struct Filter {
    /// Only documents of this type (policy, procedure, form, …).
    #[arg(long = "type", value_name = "TYPE")]
    pub doc_type: Option<String>,
    /// Only documents owned by this unit.
    #[arg(long, value_name = "UNIT")]
    pub owner: Option<String>,
    /// Only documents addressing this ISO 9001 clause (or a sub-clause of it).
    #[arg(long, value_name = "CLAUSE")]
    pub clause: Option<String>,
    /// Only processes implementing this administrative procedure code.
    #[arg(long, value_name = "CODE")]
    pub tthc: Option<String>,
    /// Only documents drafted by this person.
    #[arg(long, value_name = "PERSON")]
    pub author: Option<String>,
}

impl Filter {
    pub(crate) fn matches(&self, doc: &Document) -> bool {
        let front = &doc.front;
        self.doc_type.as_ref().is_none_or(|t| &front.doc_type == t)
            && self.owner.as_ref().is_none_or(|o| &front.owner == o)
            && self
                .clause
                .as_ref()
                .is_none_or(|c| front.clauses.iter().any(|dc| dc == c || dc.starts_with(&format!("{c}."))))
            && self.tthc.as_ref().is_none_or(|code| front.tthc.contains(code))
            && self.author.as_ref().is_none_or(|a| front.author.as_ref() == Some(a))
    }
}

/// List the document register (danh mục tài liệu).
///
/// One row per document: id, title, type, owner unit and state. For now the
/// state says what git says of the file: untracked, added, modified or
/// committed. Ids sort naturally (QT-2 before QT-10); `--sort title` sorts in
/// Vietnamese dictionary order.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  qms list
  qms list --type procedure --owner kinh-te
  qms list --clause 9.2 --format json
  qms list --format csv > danh-muc.csv")]
pub(crate) struct Args {
    #[command(flatten)]
    pub filter: Filter,

    /// Sort by id (natural order), title or owner (Vietnamese order).
    #[arg(long, value_enum, default_value_t = Sort::Id)]
    pub sort: Sort,

    /// The output format (one of the values below; json is for scripts).
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum Sort {
    Id,
    Title,
    Owner,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum Format {
    Table,
    Json,
    Csv,
}

/// One row of the register, as `--format json` prints it.
#[derive(Serialize)]
pub(super) struct Row<'a> {
    pub id: &'a str,
    pub title: &'a str,
    #[serde(rename = "type")]
    pub doc_type: &'a str,
    pub owner: &'a str,
    pub author: Option<&'a str>,
    pub clauses: &'a [String],
    pub tthc: &'a [String],
    pub path: &'a PathBuf,
    pub state: StateKind,
    pub issue: u32,
    pub effective_since: Option<&'a str>,
    pub file: FileState,
    pub waiting_for: &'a [String],
}

pub(super) fn run(global: &Global, args: Args) -> Result<Outcome> {
    let workspace = global.workspace()?;
    let lang = global.lang_for(&workspace);
    let repo = open_repo(&workspace)?;
    let (loaded, git) = register::load_both(&workspace, repo.as_ref())?;
    if !loaded.findings.is_empty() {
        global.warning(crate::i18n::Msg::new("status-list-problems").num("count", loaded.findings.len() as f64));
    }
    let selected: Vec<Document> = loaded.documents.into_iter().filter(|d| args.filter.matches(d)).collect();
    let mut entries = register::build(&selected, git.as_ref());
    let unit_name = |id: &str| workspace.config.unit(id).map(|u| u.name.clone()).unwrap_or_else(|| id.to_string());
    match args.sort {
        Sort::Id => {} // documents come in natural id order
        Sort::Title => entries.sort_by_cached_key(|e| text::collation_key(e.doc.title())),
        Sort::Owner => entries.sort_by_cached_key(|e| {
            (
                text::collation_key(&unit_name(&e.doc.front.owner)),
                text::collation_key(e.doc.title()),
            )
        }),
    }
    let types = workspace.config.document_types();
    let type_label = |id: &str| {
        types
            .iter()
            .find(|t| t.id == id)
            .map(|t| t.label(lang).to_string())
            .unwrap_or_else(|| id.to_string())
    };

    match args.format {
        Format::Json => {
            let rows: Vec<Row> = entries
                .iter()
                .map(|e| Row {
                    id: e.doc.id(),
                    title: e.doc.title(),
                    doc_type: &e.doc.front.doc_type,
                    owner: &e.doc.front.owner,
                    author: e.doc.front.author.as_deref(),
                    clauses: &e.doc.front.clauses,
                    tthc: &e.doc.front.tthc,
                    path: &e.doc.path,
                    state: e.state.kind,
                    issue: e.state.issue,
                    effective_since: e.state.effective_since.as_deref(),
                    file: e.file,
                    waiting_for: &e.waiting_for,
                })
                .collect();
            print_json(&rows)?;
        }
        Format::Csv | Format::Table => {
            let zone = workspace.config.time_zone();
            let headers: Vec<String> = [
                i18n::label(lang, "label-id-2"),
                i18n::label(lang, "label-title-3"),
                i18n::label(lang, "label-type"),
                i18n::label(lang, "label-owner"),
                i18n::label(lang, "label-issue-2"),
                i18n::label(lang, "label-effective-2"),
                i18n::label(lang, "label-state"),
            ]
            .map(str::to_string)
            .to_vec();
            let rows: Vec<Vec<String>> = entries
                .iter()
                .map(|e| {
                    vec![
                        e.doc.id().to_string(),
                        e.doc.title().to_string(),
                        type_label(&e.doc.front.doc_type),
                        unit_name(&e.doc.front.owner),
                        if e.state.issue > 0 {
                            e.state.issue.to_string()
                        } else {
                            String::new()
                        },
                        e.state
                            .effective_since
                            .as_deref()
                            .map(|d| date_of(d, zone.as_ref(), lang))
                            .unwrap_or_default(),
                        e.state_label(lang),
                    ]
                })
                .collect();
            if matches!(args.format, Format::Csv) {
                print_csv(&headers, &rows)?;
            } else {
                print(&table(headers, rows))?;
                global.status(format!("{} {}", entries.len(), i18n::label(lang, "label-document-s")));
            }
        }
    }
    drop(entries);
    super::leave_for_exit((selected, git));
    Ok(Outcome::Success)
}
