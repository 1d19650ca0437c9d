//! `qms import docx` as a use-case: each Word procedure becomes a document
//! of its type — the front-matter from the type's template, filled from the
//! header block (Mã số, title, the author named in the signature table),
//! the body from the Word text — written and committed in one commit for
//! the whole batch. An existing id or file is never overwritten; anything
//! that could not be carried over is reported, by file and paragraph.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use super::undo::write_and_commit;
use super::{DocumentFactory, DocumentSpec, PlannedFile};
use crate::i18n::Msg;
use crate::model::config::Language;
use crate::model::front_matter::split_front_matter;
use crate::msg;
use crate::render::blocks::{Block, to_markdown};
use crate::render::templates::Templates;
use crate::repo::DocRepo;
use crate::word;
use crate::workspace::{TEMPLATES_DIR, Workspace};

/// What `qms import docx` is asked to do.
pub(crate) struct WordImport {
    pub files: Vec<PathBuf>,
    /// The document type (default: by the id's prefix in qms.yaml).
    pub doc_type: Option<String>,
    /// The id, for a single file whose header names none.
    pub id: Option<String>,
    /// The owning unit (default: the first of qms.yaml).
    pub owner: Option<String>,
    /// Report only; write nothing.
    pub dry_run: bool,
}

/// One Word file as imported.
pub(crate) struct Imported {
    pub source: PathBuf,
    pub id: String,
    pub path: PathBuf,
    /// The issue number the header block gave: the history starts at issue
    /// 1 in qms, so it is reported, not taken over.
    pub issue: Option<u32>,
    /// What needed hand work: (paragraph, what).
    pub notes: Vec<(usize, Msg)>,
}

pub(crate) fn import(workspace: &Workspace, lang: Language, request: &WordImport) -> Result<Vec<Imported>> {
    let files = word_files(&request.files)?;
    if request.id.is_some() && files.len() > 1 {
        bail!(msg!("error-import-id-one-file"));
    }
    let policy = workspace.signers()?;
    let templates = Templates::load(Some(&workspace.root.join(TEMPLATES_DIR)))?;
    let loaded = workspace.load_documents();
    let mut factory = DocumentFactory::new(&workspace.config, policy, &templates, lang, workspace.now()?.date());
    factory.know(&loaded.documents);
    let types = workspace.config.document_types();
    let process_prefix = types.iter().find(|t| t.id == "procedure").map(|t| t.prefix.clone());
    // Every file read first: the processes are planned before the forms
    // numbered under them, whatever order the files come in.
    let mut reads = Vec::new();
    let mut taken: HashSet<String> = HashSet::new();
    for source in &files {
        let bytes = std::fs::read(source).with_context(|| msg!("error-read", path = source.display()))?;
        let read: word::Read = word::read(&bytes).with_context(|| msg!("error-import-docx", path = source.display()))?;
        let Some(id) = request.id.clone().or(read.id.clone()) else {
            bail!(msg!("error-import-no-id", path = source.display()));
        };
        if !taken.insert(id.clone()) {
            bail!(msg!("error-id-used", id = &id));
        }
        let doc_type = match &request.doc_type {
            Some(doc_type) => doc_type.clone(),
            None => types
                .iter()
                .find(|t| id.starts_with(&format!("{}-", t.prefix)))
                .map(|t| t.id.clone())
                .ok_or_else(|| msg!("error-import-type", id = &id, path = source.display()))?,
        };
        reads.push((source, id, doc_type, read));
    }
    reads.sort_by_key(|(_, _, doc_type, _)| doc_type == "form");
    let known: HashSet<&str> = loaded
        .documents
        .iter()
        .map(|d| d.id())
        .chain(taken.iter().map(String::as_str))
        .collect();
    let mut planned: Vec<PlannedFile> = Vec::new();
    let mut media: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    let mut imported = Vec::new();
    for (source, id, doc_type, read) in &reads {
        let mut notes = read.notes.clone();
        // Each name of the signature table must be a person of the policy;
        // the drafter's becomes the author.
        let mut author = None;
        for (i, (_, name)) in read.signers.iter().enumerate() {
            match policy.people.iter().find(|p| p.name == *name) {
                Some(person) if i == 0 => author = Some(person.id.clone()),
                Some(_) => {}
                None => notes.push((0, Msg::new("status-import-signer").arg("name", name))),
            }
        }
        // A form is numbered under its process: BM-07-03 belongs to QT-07.
        let under = match (doc_type.as_str(), &process_prefix) {
            ("form", Some(prefix)) => id.split('-').nth(1).map(|number| format!("{prefix}-{number}")),
            _ => None,
        };
        let under = match under {
            Some(process) if known.contains(process.as_str()) => Some(process),
            Some(process) => {
                notes.push((0, Msg::new("status-import-no-process").arg("process", &process)));
                None
            }
            None => None,
        };
        let title = read
            .title
            .clone()
            .unwrap_or_else(|| source.file_stem().unwrap_or_default().to_string_lossy().into_owned());
        let document = factory.create(&DocumentSpec {
            doc_type: doc_type.clone(),
            title,
            id: Some(id.clone()),
            owner: request.owner.clone(),
            author,
            under,
            ..Default::default()
        })?;
        let template = split_front_matter(&document.file.path, &document.file.content).map_err(|f| anyhow::anyhow!("{f}"))?;
        // A picture of the body is shown from the folder it is saved in.
        let pictures_folder = format!("{id}-hinh");
        let body: Vec<Block> = read
            .body
            .iter()
            .map(|block| match block {
                Block::Image { src, alt } => Block::Image {
                    src: format!("{pictures_folder}/{}", file_name(src).display()),
                    alt: alt.clone(),
                },
                other => other.clone(),
            })
            .collect();
        let content = format!("---\n{}---\n\n{}", template.yaml, to_markdown(&body));
        if workspace.root.join(&document.file.path).exists() {
            bail!(msg!("error-exists", path = document.file.path.display()));
        }
        // Pictures go next to the document, in a folder named after its id.
        if !read.media.is_empty() {
            let folder = document.file.path.with_file_name(&pictures_folder);
            for (name, bytes) in &read.media {
                media.push((folder.join(file_name(name)), bytes.clone()));
            }
            let saved = Msg::new("status-import-pictures")
                .num("count", read.media.len() as f64)
                .arg("folder", folder.display());
            notes.push((0, saved));
        }
        imported.push(Imported {
            source: (*source).clone(),
            id: id.clone(),
            path: document.file.path.clone(),
            issue: read.issue,
            notes,
        });
        planned.push(PlannedFile {
            path: document.file.path,
            content,
        });
    }
    if request.dry_run {
        return Ok(imported);
    }
    let documents: Vec<PathBuf> = planned.iter().map(|f| f.path.clone()).collect();
    let message = format!("qms: import {} Word document(s)\n\n{}", planned.len(), list(&documents));
    let mut files: Vec<(PathBuf, &[u8])> = planned.iter().map(|f| (f.path.clone(), f.content.as_bytes())).collect();
    files.extend(media.iter().map(|(path, bytes)| (path.clone(), bytes.as_slice())));
    write_and_commit(workspace, Some(&DocRepo::open(&workspace.root)?), &files, &message)?;
    Ok(imported)
}

/// The files given, a folder standing for the .docx files in it (sorted).
fn word_files(given: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in given {
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let mut inside: Vec<PathBuf> = std::fs::read_dir(path)
            .with_context(|| msg!("error-read", path = path.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("docx")))
            .collect();
        inside.sort();
        files.extend(inside);
    }
    Ok(files)
}

/// A picture's file name within the Word file (`word/media/image1.png`).
fn file_name(name: &str) -> PathBuf {
    Path::new(name).file_name().map_or_else(|| PathBuf::from(name), PathBuf::from)
}

fn list(paths: &[PathBuf]) -> String {
    paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join("\n")
}
