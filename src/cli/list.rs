//! `qms list`

use std::collections::HashMap;
use std::path::PathBuf;

use anyhow::Result;
use serde::Serialize;

use super::output::{print, print_csv, print_json, table};
use super::{Global, Outcome};
use crate::model::config::Language;
use crate::model::document::Document;
use crate::repo::{DocRepo, FileState};
use crate::text;
use crate::workspace::Workspace;

/// Filters shared by `list` and `search`.
#[derive(clap::Args, Debug, Default, Clone)]
pub struct Filter {
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
    pub fn matches(&self, doc: &Document) -> bool {
        let front = &doc.front;
        self.doc_type.as_ref().is_none_or(|t| &front.doc_type == t)
            && self.owner.as_ref().is_none_or(|o| &front.owner == o)
            && self.clause.as_ref().is_none_or(|c| {
                front
                    .clauses
                    .iter()
                    .any(|dc| dc == c || dc.starts_with(&format!("{c}.")))
            })
            && self
                .tthc
                .as_ref()
                .is_none_or(|code| front.tthc.contains(code))
            && self
                .author
                .as_ref()
                .is_none_or(|a| front.author.as_ref() == Some(a))
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
pub struct Args {
    #[command(flatten)]
    pub filter: Filter,

    /// Sort by id (natural order), title or owner (Vietnamese order).
    #[arg(long, value_enum, default_value_t = Sort::Id)]
    pub sort: Sort,

    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Sort {
    Id,
    Title,
    Owner,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
}

/// One row of the register, as `--format json` prints it.
#[derive(Serialize)]
pub struct Row<'a> {
    pub id: &'a str,
    pub title: &'a str,
    #[serde(rename = "type")]
    pub doc_type: &'a str,
    pub owner: &'a str,
    pub author: Option<&'a str>,
    pub clauses: &'a [String],
    pub tthc: &'a [String],
    pub path: &'a PathBuf,
    pub state: Option<FileState>,
}

/// Git's state of every file, or nothing when the folder is not in git.
pub fn file_states(workspace: &Workspace) -> HashMap<PathBuf, FileState> {
    DocRepo::open(&workspace.root)
        .and_then(|repo| repo.file_states())
        .unwrap_or_default()
}

pub fn state_label(state: Option<FileState>, lang: Language) -> &'static str {
    match state {
        Some(FileState::Untracked) => lang.pick("chưa theo dõi", "untracked"),
        Some(FileState::Added) => lang.pick("mới thêm", "added"),
        Some(FileState::Modified) => lang.pick("đã sửa", "modified"),
        Some(FileState::Committed) | None => lang.pick("đã commit", "committed"),
    }
}

pub fn run(global: &Global, args: Args) -> Result<Outcome> {
    let workspace = global.workspace()?;
    let lang = global.lang_for(&workspace);
    let loaded = workspace.load_documents();
    if !loaded.findings.is_empty() && !global.quiet {
        eprintln!(
            "qms: {} problem(s) in documents; run `qms check` for details",
            loaded.findings.len()
        );
    }
    let states = file_states(&workspace);
    let mut documents: Vec<&Document> = loaded
        .documents
        .iter()
        .filter(|d| args.filter.matches(d))
        .collect();
    let unit_name = |id: &str| {
        workspace
            .config
            .unit(id)
            .map(|u| u.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    match args.sort {
        Sort::Id => {} // documents come in natural id order
        Sort::Title => documents.sort_by_cached_key(|d| text::collation_key(d.title())),
        Sort::Owner => documents.sort_by_cached_key(|d| {
            (
                text::collation_key(&unit_name(&d.front.owner)),
                text::collation_key(d.title()),
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
    let state_of =
        |d: &Document| Some(states.get(&d.path).copied().unwrap_or(FileState::Committed));

    match args.format {
        Format::Json => {
            let rows: Vec<Row> = documents
                .iter()
                .map(|d| Row {
                    id: d.id(),
                    title: d.title(),
                    doc_type: &d.front.doc_type,
                    owner: &d.front.owner,
                    author: d.front.author.as_deref(),
                    clauses: &d.front.clauses,
                    tthc: &d.front.tthc,
                    path: &d.path,
                    state: state_of(d),
                })
                .collect();
            print_json(&rows)?;
        }
        Format::Csv | Format::Table => {
            let headers: Vec<String> = [
                lang.pick("Mã số", "Id"),
                lang.pick("Tên tài liệu", "Title"),
                lang.pick("Loại", "Type"),
                lang.pick("Đơn vị", "Owner"),
                lang.pick("Trạng thái", "State"),
            ]
            .map(str::to_string)
            .to_vec();
            let rows: Vec<Vec<String>> = documents
                .iter()
                .map(|d| {
                    vec![
                        d.id().to_string(),
                        d.title().to_string(),
                        type_label(&d.front.doc_type),
                        unit_name(&d.front.owner),
                        state_label(state_of(d), lang).to_string(),
                    ]
                })
                .collect();
            if matches!(args.format, Format::Csv) {
                print_csv(&headers, &rows)?;
            } else {
                print(&table(headers, rows))?;
                global.status(format!(
                    "{} {}",
                    documents.len(),
                    lang.pick("tài liệu", "document(s)")
                ));
            }
        }
    }
    Ok(Outcome::Success)
}
