//! What a build keeps of each document for the next one, so that a build
//! after a change reads, parses and renders only the documents it touched.
//!
//! A document's file is known by its path and blob: what the handbook needs
//! of it besides the body ([`Facts`]) is a function of those alone. Its
//! rendered body depends on the rest of the site too — which tokens are
//! document ids, which documents have a page, which file a relative link
//! names — so rendering notes every question the body asked and a hash of
//! the answers ([`BodyFacts`]). The next build asks the same questions of
//! its own site: the same answers mean the same HTML, and the body is not
//! rendered again (nor read, unless a page showing it must be written).
//!
//! The cache is a file in the repository's `.git/qms/`, one per site folder,
//! written at the end of a build (into a temporary file, then renamed); one
//! that cannot be read is an empty cache.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::document::Document;
use crate::repo::BlobId;

/// The cache's format; another one is read as an empty cache.
const FORMAT: u32 = 3;

/// What the handbook reads of a document's file, its body aside.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Facts {
    pub id: String,
    pub title: String,
    pub doc_type: String,
    pub owner: String,
    pub author: Option<String>,
    pub links: Vec<String>,
    pub clauses: Vec<String>,
    pub tthc: Vec<String>,
    /// 1-based line of the file where the body starts.
    pub body_line: usize,
    /// 1-based line of the `links` field.
    pub links_line: usize,
    /// A hash of the body text: the search index changes with it.
    pub body_hash: u64,
    /// The total of a process's step table, in working hours.
    pub step_hours: Option<f64>,
    /// The sources of the pictures the body shows.
    pub pictures: Vec<String>,
}

impl Facts {
    pub(super) fn of(doc: &Document) -> Facts {
        Facts {
            id: doc.id().to_string(),
            title: doc.title().to_string(),
            doc_type: doc.front.doc_type.clone(),
            owner: doc.front.owner.clone(),
            author: doc.front.author.clone(),
            links: doc.front.links.clone(),
            clauses: doc.front.clauses.clone(),
            tthc: doc.front.tthc.clone(),
            body_line: doc.body_line,
            links_line: doc.line_of("links"),
            body_hash: crate::text::hash_bytes(doc.body.as_bytes()),
            step_hours: crate::model::time_limit::step_table(&doc.body).and_then(|table| table.hours),
            pictures: crate::render::markdown::pictures(&doc.body)
                .into_iter()
                .map(|link| link.destination)
                .collect(),
        }
    }
}

/// A question rendering a body asks of the site; kept as one string (`k:`,
/// `p:`, `l:` or `i:` and the token, id, link or source), since a body asks
/// dozens.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub(super) enum Question {
    /// Is this token a document id?
    Known(String),
    /// Which page shows this document?
    PageOf(String),
    /// Which document is the file this relative link names?
    IdAtPath(String),
    /// Where does the site keep this picture?
    PictureAt(String),
}

impl From<Question> for String {
    fn from(question: Question) -> String {
        match question {
            Question::Known(token) => format!("k:{token}"),
            Question::PageOf(id) => format!("p:{id}"),
            Question::IdAtPath(target) => format!("l:{target}"),
            Question::PictureAt(src) => format!("i:{src}"),
        }
    }
}

impl TryFrom<String> for Question {
    type Error = String;

    fn try_from(mut text: String) -> Result<Question, String> {
        let make = match text.get(..2) {
            Some("k:") => Question::Known,
            Some("p:") => Question::PageOf,
            Some("l:") => Question::IdAtPath,
            Some("i:") => Question::PictureAt,
            _ => return Err(text),
        };
        text.replace_range(..2, "");
        Ok(make(text))
    }
}

/// What rendering a body asked, what the answers hashed to, and what it
/// found: the ids the text refers to, with their line in the body.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct BodyFacts {
    /// The questions as the cache's JSON holds them, read only when they
    /// must be asked again (the site's links changed, or the body shows
    /// pictures): a build after a commit asks none, and reading 350,000
    /// of them at 10,000 documents was a tenth of it.
    asked: Box<serde_json::value::RawValue>,
    pub answers: u64,
    pub references: Vec<(String, usize)>,
}

impl BodyFacts {
    pub(super) fn new(asked: &[Question], answers: u64, references: Vec<(String, usize)>) -> BodyFacts {
        BodyFacts {
            // Questions are strings, whose JSON is always made; were it not,
            // `null` reads as no questions and the body is rendered again.
            asked: serde_json::value::to_raw_value(asked).unwrap_or_else(|_| serde_json::value::RawValue::NULL.to_owned()),
            answers,
            references,
        }
    }

    /// The questions the body asked, in the order it asked them; none when
    /// the cache's text of them is damaged (the answers then differ, and
    /// the body is rendered again).
    pub(super) fn asked(&self) -> Vec<Question> {
        serde_json::from_str(self.asked.get()).unwrap_or_default()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Entry {
    /// `None`: the file does not parse as a document.
    pub facts: Option<Facts>,
    pub body: Option<BodyFacts>,
    /// The build under way uses it (see [`Cache::keep_used`]).
    #[serde(skip)]
    pub used: bool,
}

#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Cache {
    format: u32,
    qms: String,
    /// By blob, then path (a blob is nearly always at one path): looked
    /// up without building a key.
    entries: HashMap<BlobId, Vec<(PathBuf, Entry)>>,
    /// What the site's links were in the build that wrote it ([`super::Links::key`]).
    #[serde(default)]
    pub links: u64,
}

impl Cache {
    pub(super) fn new() -> Cache {
        Cache {
            format: FORMAT,
            qms: env!("CARGO_PKG_VERSION").to_string(),
            entries: HashMap::new(),
            links: 0,
        }
    }

    /// The cache in `file`; empty when there is none, or it was written by
    /// another qms.
    pub(super) fn read(file: &Path) -> Cache {
        let read = fs::read(file).ok().and_then(|bytes| serde_json::from_slice::<Cache>(&bytes).ok());
        match read {
            Some(cache) if cache.format == FORMAT && cache.qms == env!("CARGO_PKG_VERSION") => cache,
            _ => Cache::new(),
        }
    }

    pub(super) fn get(&self, path: &Path, blob: &BlobId) -> Option<&Entry> {
        self.entries.get(blob)?.iter().find(|(p, _)| p == path).map(|(_, entry)| entry)
    }

    pub(super) fn entries_mut(&mut self, path: &Path, blob: &BlobId) -> Option<&mut Entry> {
        self.entries
            .get_mut(blob)?
            .iter_mut()
            .find(|(p, _)| p == path)
            .map(|(_, entry)| entry)
    }

    /// Drops the entries the build did not use, and unmarks the others;
    /// how many were dropped.
    pub(super) fn keep_used(&mut self) -> usize {
        let before = self.len();
        self.entries.retain(|_, at_paths| {
            at_paths.retain_mut(|(_, entry)| std::mem::take(&mut entry.used));
            !at_paths.is_empty()
        });
        before - self.len()
    }

    pub(super) fn len(&self) -> usize {
        self.entries.values().map(Vec::len).sum()
    }

    pub(super) fn insert(&mut self, path: &Path, blob: &BlobId, entry: Entry) {
        let at_paths = self.entries.entry(blob.clone()).or_default();
        match at_paths.iter_mut().find(|(p, _)| p == path) {
            Some((_, old)) => *old = entry,
            None => at_paths.push((path.to_path_buf(), entry)),
        }
    }

    /// Writes the cache to `file`, whole or not at all.
    pub(super) fn write(&self, file: &Path) -> anyhow::Result<()> {
        let folder = file.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(folder)?;
        let mut temporary = tempfile::NamedTempFile::new_in(folder)?;
        let mut writer = std::io::BufWriter::new(temporary.as_file_mut());
        serde_json::to_writer(&mut writer, self)?;
        std::io::Write::flush(&mut writer)?;
        drop(writer);
        temporary.persist(file)?;
        Ok(())
    }
}

/// How a build changed the cache it read.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Changes {
    /// Entries learned, updated or dropped.
    pub entries: usize,
    /// The site's links are not those the cache was written with: every
    /// body's answers would be asked again.
    pub links: bool,
}

impl Changes {
    /// Whether the cache differs from its file.
    pub(super) fn any(self) -> bool {
        self.entries > 0 || self.links
    }

    /// Whether writing the cache now is worth its cost: new links always
    /// are; a few new entries at a large site are learned again by the
    /// next build for less than rewriting megabytes costs.
    pub(super) fn worth_writing(self, cache: &Cache) -> bool {
        self.links || (self.any() && crate::workflow::cache::worth_rewriting(self.entries, cache.len()))
    }
}

/// A path and blob, as the cache knows a file.
pub(super) type Source = (PathBuf, BlobId);
