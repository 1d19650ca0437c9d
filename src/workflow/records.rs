//! Creating a record, the use-case the commands that write one share: who
//! acts, which unit keeps the record, refusing an id that exists, and one
//! commit holding only the new file (everything else in the index and work
//! tree left as it was).

use std::path::PathBuf;

use anyhow::{Result, bail};

use super::actions::{ContentChange, acting_person, commit_content};
use crate::model::record::{Record, RecordFront};
use crate::model::signers::Person;
use crate::repo::{CommitId, DocRepo};
use crate::workspace::Workspace;

/// What a command asks to create, built once the actor is known.
pub(crate) struct NewRecord {
    pub front: RecordFront,
    pub body: String,
    pub path: PathBuf,
    /// The commit message: `qms: diagnostic CD-2027`, then the title.
    pub message: String,
}

/// What a new record is built from: who acts, the unit that keeps what
/// they create, and the records there are (to number the next one).
pub(crate) struct Creating<'a> {
    pub person: &'a Person,
    pub keeper: &'a str,
    pub records: &'a [Record],
}

/// A record (or a drafted document) created and committed.
#[derive(Debug)]
pub(crate) struct Created {
    pub commit: CommitId,
    pub id: String,
    pub path: PathBuf,
}

/// The unit that keeps a record `person` creates: their own, or for a person
/// without a unit, the first unit of qms.yaml.
pub(crate) fn record_keeper(workspace: &Workspace, person: &Person) -> String {
    person
        .unit
        .clone()
        .or_else(|| workspace.config.units.first().map(|u| u.id.clone()))
        .unwrap_or_default()
}

/// Creates the record `build` describes and commits it by itself;
/// `exists` is the error when a record with its id is already there.
pub(crate) fn create(
    workspace: &Workspace,
    build: impl FnOnce(&Creating<'_>) -> Result<NewRecord>,
    exists: impl FnOnce(&str) -> crate::i18n::Msg,
) -> Result<Created> {
    let repo = DocRepo::open(&workspace.root)?;
    let person = acting_person(workspace)?;
    let records = workspace.load_records();
    let record = build(&Creating {
        person: &person,
        keeper: &record_keeper(workspace, &person),
        records: &records.records,
    })?;
    let id = record.front.id.clone();
    if records.by_id(&id).is_ok() {
        bail!(exists(&id));
    }
    let content = ContentChange {
        files: vec![(record.path.clone(), record.front.to_file(&record.body)?.into_bytes())],
        message: record.message,
    };
    let commit = commit_content(&repo, &person, content, &workspace.now()?)?;
    Ok(Created {
        commit,
        id,
        path: record.path,
    })
}
