//! What each version of a document says of itself (its id and authority
//! fields), read from git blobs: for HEAD's files all at once, and for the
//! versions the walk meets.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use anyhow::Result;
use rayon::prelude::*;

use super::record_steps::RecordFacts;
use super::rules::Subject;
use super::timeline::{TEMPLATES_FOLDER, is_record_path};
use crate::model::config::CONFIG_FILE;
use crate::model::document::Document;
use crate::model::record::Record;
use crate::model::signers::SIGNERS_FILE;
use crate::repo::{BlobId, DocRepo};
use crate::workspace::{DOCUMENTS_DIR, RECORDS_DIR};

/// Versions' front-matter by blob id; `None` when unreadable.
pub(crate) type SubjectMap = HashMap<BlobId, Option<(String, Subject)>>;

/// Each document's and record's id with its blob in commit `head`, and the
/// policy files': what the verdicts compare the history with.
pub(crate) type CurrentContent = BTreeMap<String, Option<BlobId>>;

/// The identity and signers of one version of a document or record.
pub(crate) fn parse_subject(path: &str, bytes: &[u8]) -> Option<(String, Subject)> {
    if is_record_path(path) {
        let record = Record::parse_bytes(Path::new(path), bytes).ok()?;
        let facts = RecordFacts::of(&record.front);
        let doc_type = record.kind().id().to_string();
        return Some((
            record.front.id,
            Subject {
                doc_type,
                reviewers: record.front.reviewers,
                approvers: record.front.approvers,
                record: Some(facts),
            },
        ));
    }
    let front = Document::front_matter_of(Path::new(path), bytes)?;
    Some((
        front.id,
        Subject {
            doc_type: front.doc_type,
            reviewers: front.reviewers,
            approvers: front.approvers,
            record: None,
        },
    ))
}

/// HEAD's documents and records: each file's blob, and what each says of
/// itself.
pub(crate) struct HeadFiles {
    pub files: Vec<(PathBuf, BlobId)>,
    pub subjects: SubjectMap,
}

impl HeadFiles {
    pub(crate) fn read(repo: &DocRepo, head: &str) -> Result<HeadFiles> {
        Self::read_with(repo, head, true)
    }

    pub(crate) fn read_with(repo: &DocRepo, head: &str, all_cores: bool) -> Result<HeadFiles> {
        let mut files = repo.files_at(head, Path::new(DOCUMENTS_DIR))?;
        files.extend(repo.files_at(head, Path::new(RECORDS_DIR))?);
        let mut seen = HashSet::new();
        let wanted: Vec<(BlobId, String)> = files
            .iter()
            .filter(|(_, blob)| seen.insert(blob.as_str()))
            .map(|(path, blob)| (blob.clone(), path.to_string_lossy().replace('\\', "/")))
            .collect();
        let mut subjects = SubjectMap::new();
        parse_subjects(repo, &wanted, &mut subjects, all_cores);
        Ok(HeadFiles { files, subjects })
    }

    /// Which document each file holds, and the policy files' blobs.
    pub(crate) fn content(&self, repo: &DocRepo, head: &str) -> Result<CurrentContent> {
        content_of(repo, head, &self.files, &self.subjects)
    }
}

pub(crate) fn content_of(repo: &DocRepo, head: &str, files: &[(PathBuf, BlobId)], subjects: &SubjectMap) -> Result<CurrentContent> {
    let mut current = CurrentContent::new();
    for (_, blob) in files {
        if let Some(Some((id, _))) = subjects.get(blob) {
            current.insert(id.clone(), Some(blob.clone()));
        }
    }
    for file in [CONFIG_FILE, SIGNERS_FILE] {
        current.insert(file.to_string(), repo.blob_at(head, Path::new(file))?);
    }
    for (path, blob) in repo.files_at(head, Path::new(TEMPLATES_FOLDER))? {
        current.insert(path.to_string_lossy().replace('\\', "/"), Some(blob));
    }
    Ok(current)
}

/// Reads the blobs of `wanted` (blob, path) and parses their front-matter, on
/// all cores or on this thread only, in chunks so that the blobs held at once
/// stay few.
pub(crate) fn parse_subjects(repo: &DocRepo, wanted: &[(BlobId, String)], into: &mut SubjectMap, all_cores: bool) {
    const CHUNK: usize = 2048;
    for chunk in wanted.chunks(CHUNK) {
        let read: Vec<(&BlobId, &String, Vec<u8>)> = chunk
            .iter()
            .filter_map(|(blob, path)| Some((blob, path, repo.read_blob(blob).ok()?)))
            .collect();
        let parse = |(blob, path, bytes): &(&BlobId, &String, Vec<u8>)| ((*blob).clone(), parse_subject(path, bytes));
        if all_cores {
            into.extend(read.par_iter().map(parse).collect::<Vec<_>>());
        } else {
            into.extend(read.iter().map(parse));
        }
    }
}
