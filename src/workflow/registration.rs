//! The register of outgoing documents (sổ đăng ký văn bản đi): after an
//! administrative document is approved, the clerk gives its effective issue
//! an official number and date, which the register keeps as a record (one
//! per year, `records/register/SDK-YYYY.md`) and the handbook prints in the
//! document's heading. The number belongs to an issue: a new issue needs
//! its own.

use std::path::PathBuf;

use anyhow::{Result, bail};
use jiff::civil::Date;

use super::actions::{ContentChange, commit_content};
use super::register::GitView;
use crate::model::administrative::Registration;
use crate::model::record::{DocumentRegister, KindFields, Record, RecordFront, RecordKind, RegisterEntry};
use crate::model::signers::Person;
use crate::msg;
use crate::repo::{CommitId, DocRepo};
use crate::workspace::Workspace;

pub(crate) const REGISTER_DIR: &str = "records/register";

pub(crate) fn register_id(year: i16) -> String {
    format!("SDK-{year}")
}

pub(crate) fn register_path(year: i16) -> PathBuf {
    PathBuf::from(format!("{REGISTER_DIR}/{}.md", register_id(year)))
}

/// The number and date the register gives `document`'s issue `issue`.
pub(crate) fn find<'r>(records: impl IntoIterator<Item = &'r Record>, document: &str, issue: u32) -> Option<Registration> {
    records
        .into_iter()
        .filter(|r| r.kind() == RecordKind::DocumentRegister)
        .filter_map(|r| r.front.get::<DocumentRegister>())
        .flat_map(|register| register.entries.iter())
        .filter(|e| e.document == document && e.issue == issue)
        .max_by_key(|e| e.date)
        .map(|e| Registration {
            number: e.number.clone(),
            date: e.date,
        })
}

/// What a registration asks for.
pub(crate) struct Request<'a> {
    pub document: &'a str,
    pub number: &'a str,
    pub date: Date,
    /// Replaces the number an issue already has (a clerk's mistake).
    pub replace: bool,
}

/// The outcome: the commit and the register it went into.
pub(crate) struct Registered {
    pub commit: CommitId,
    pub register: String,
    pub issue: u32,
}

/// Gives the effective issue of `request.document` its official number and
/// date, and commits the register. Refuses a document without an effective
/// issue, a number another document holds in the year's register, and a
/// second number for the same issue unless `replace`.
pub(crate) fn register(workspace: &Workspace, request: &Request<'_>) -> Result<Registered> {
    let repo = DocRepo::open(&workspace.root)?;
    let person = super::actions::acting_person(workspace)?;
    register_as(workspace, &repo, &person, request)
}

/// [`register`] by `person` in `repo`.
fn register_as(workspace: &Workspace, repo: &DocRepo, person: &Person, request: &Request<'_>) -> Result<Registered> {
    let number = request.number.trim();
    if number.is_empty() {
        bail!(msg!("error-register-number"));
    }
    let documents = workspace.load_documents();
    let doc = documents.by_id(request.document)?;
    let git = GitView::load(repo)?;
    let issue = git
        .timeline(doc.id())
        .filter(|t| !t.is_withdrawn())
        .and_then(|t| t.issues().last().map(|i| i.number))
        .ok_or_else(|| msg!("error-register-not-issued", id = doc.id()))?;
    let year = request.date.year();
    let id = register_id(year);
    let records = workspace.load_records();
    let mut front = match records.by_id(&id) {
        Ok(_) => records.by_id_of_kind(&id, RecordKind::DocumentRegister)?.front.clone(),
        Err(_) => {
            let register = DocumentRegister { year, entries: Vec::new() };
            let mut front = RecordFront::new(
                &id,
                &format!("Sổ đăng ký văn bản đi năm {year}"),
                &doc.front.owner,
                KindFields::DocumentRegister(register),
            );
            front.author = Some(person.id.clone());
            front
        }
    };
    let entries = &mut front.fields_of_mut::<DocumentRegister>()?.entries;
    if let Some(other) = entries.iter().find(|e| e.number == number && e.document != doc.id()) {
        bail!(msg!(
            "error-register-number-taken",
            number = number,
            other = &other.document,
            register = &id
        ));
    }
    if let Some(at) = entries.iter().position(|e| e.document == doc.id() && e.issue == issue) {
        if !request.replace {
            bail!(msg!(
                "error-register-exists",
                id = doc.id(),
                issue = issue,
                number = &entries[at].number
            ));
        }
        entries.remove(at);
    }
    entries.push(RegisterEntry {
        document: doc.id().to_string(),
        issue,
        number: number.to_string(),
        date: request.date,
        registered_by: person.id.clone(),
    });
    entries.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.number.cmp(&b.number)));
    let body =
        "\nSổ đăng ký văn bản đi: số, ký hiệu và ngày ban hành của các văn bản hành chính, do văn thư ghi bằng `qms issue-number`.\n";
    let commit = commit_content(
        repo,
        person,
        ContentChange {
            files: vec![(register_path(year), front.to_file(body)?.into_bytes())],
            message: format!("qms: register {} issue {issue} as {number}\n\n{}", doc.id(), doc.title()),
        },
        &workspace.now()?,
    )?;
    Ok(Registered {
        commit,
        register: id,
        issue,
    })
}
