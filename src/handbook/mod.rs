//! Publishing the handbook (sổ tay điện tử): a static site of the effective
//! issue of every document, read from git objects — never the working tree,
//! so an unapproved edit never reaches it.

mod cache;
mod labels;
mod output;
mod pages;
pub(crate) mod pdf;
mod session;
mod settings;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result, anyhow, bail};
use serde::Serialize;

pub(crate) use labels::labels;

use crate::i18n;
use crate::i18n::format::{date_of, date_time_of};
use crate::model::administrative::{self, Layout};
use crate::model::catalog::Catalog;
use crate::model::clauses;
use crate::model::config::{Config, DocumentType, Language};
use crate::model::document::Document;
use crate::model::record::Record;
use crate::model::signers::SignerPolicy;
use crate::msg;
use crate::render::html::{Linker, RenderedBody, render_body};
use crate::render::templates::{Templates, asset};
use crate::repo::{BlobId, CommitId, DocRepo};
use crate::signing::SignatureCheck;
use crate::workflow::history::{Event, StateKind, Timeline};
use crate::workflow::registration;
use crate::workflow::trailers::{Action, Verdict};
use crate::workspace::{DOCUMENTS_DIR, TEMPLATES_DIR};
use cache::{BodyFacts, Cache, Entry, Facts, Question, Source};
use output::Output;
use rayon::prelude::*;
pub(crate) use session::Own;
pub(crate) use session::Session;
use session::{PageMemo, Past};
use settings::Settings;

pub(crate) struct BuildOptions {
    pub out: PathBuf,
    pub drafts: bool,
    pub lang: Language,
    /// Refuse a document that links to one with no page (the whole site).
    pub links_must_resolve: bool,
    /// With `drafts`, show what is being written (the preview, `qms serve
    /// --drafts`): the latest text of every document, as a draft where it is
    /// not the effective issue — the working tree's file when it differs
    /// from HEAD (or is new), else HEAD's when it is a revision not yet
    /// approved.
    pub latest_text: bool,
}

/// What a build produced.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub(crate) struct BuildSummary {
    pub documents: usize,
    pub obsolete: usize,
    pub pages: usize,
    /// The documents' ids in the printed book's order.
    pub book: Vec<String>,
    /// How many files this build wrote (0: the site was up to date).
    #[serde(skip)]
    pub written: usize,
}

/// A picture a published document shows, as it was in the commit that
/// approved the text (for a draft: as committed), so that a picture
/// changed after approval does not reach the handbook unapproved.
#[derive(Debug, Clone)]
pub(crate) struct Picture {
    /// The source as the Markdown writes it.
    pub src: String,
    /// Its file in the site, named by its content: `hinh/<blob>.png`.
    pub url: String,
    pub bytes: std::sync::Arc<Vec<u8>>,
}

/// A link to another document's page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DocRef {
    pub id: String,
    pub title: String,
    pub url: String,
}

/// One signature as the handbook shows it: who, in which role, when, with
/// which meaning, and whether it is cryptographically verified.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SignatureView {
    /// Người soạn thảo / Người xem xét / Người phê duyệt.
    pub capacity: String,
    pub name: String,
    pub role: String,
    pub signed_at: String,
    pub meaning: String,
    /// verified / unsigned / none (no signature step recorded).
    pub status: String,
    pub key: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct RevisionView {
    pub issue: u32,
    pub date: String,
    pub summary: String,
    pub approver: String,
}

/// A published document page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DocPage {
    pub id: String,
    pub title: String,
    pub type_id: String,
    pub owner: String,
    pub issue: u32,
    pub draft: bool,
    pub url: String,
    pub uses: Vec<DocRef>,
    pub used_by: Vec<DocRef>,
    /// What the page shows of its document alone (labels, dates,
    /// signatures, revisions, clauses, procedures, the Decree 30 layout):
    /// shared with the session's memo, not copied for each build.
    #[serde(flatten)]
    pub own: Arc<Own>,
    #[serde(skip)]
    pub links: Vec<String>,
    #[serde(skip)]
    pub pictures: Vec<Picture>,
    /// What the rendered body is made of: its file and the answers to what
    /// it asked of the site (see `cache`).
    #[serde(skip)]
    pub body_key: u64,
    /// A hash of the Markdown body.
    #[serde(skip)]
    pub body_hash: u64,
    /// The total of a process's step table, in working hours.
    #[serde(skip)]
    pub step_hours: Option<f64>,
    #[serde(skip)]
    source: Source,
    /// The rendered body and the Markdown, once [`fill`] gave them (a build
    /// reads only the bodies of the pages it writes).
    #[serde(skip)]
    body: std::sync::OnceLock<String>,
    #[serde(skip)]
    text: std::sync::OnceLock<String>,
}

impl DocPage {
    /// The body as HTML (after [`fill`]).
    pub(crate) fn body_html(&self) -> &str {
        self.body.get().map_or("", String::as_str)
    }

    /// The body as Markdown (after [`fill`]).
    pub(crate) fn body_text(&self) -> &str {
        self.text.get().map_or("", String::as_str)
    }
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct ObsoleteView {
    pub id: String,
    pub title: String,
    pub last_issue: u32,
    pub withdrawn_at: String,
    pub reason: String,
    pub by: String,
}

/// Everything the pages are made of.
pub(crate) struct Site {
    pub lang: Language,
    pub config: std::sync::Arc<Config>,
    pub drafts: bool,
    pub documents: Vec<DocPage>,
    pub obsolete: Vec<ObsoleteView>,
    pub catalog: std::sync::Arc<Catalog>,
    links: Links,
    /// What this build knew of each file, for the next one, and how that
    /// differs from what the last build left.
    cache: Cache,
    cache_changes: cache::Changes,
}

/// A document as it is published: the approved text, or (with --drafts) the
/// committed one.
struct Published<'p> {
    doc: Facts,
    path: PathBuf,
    timeline: Option<&'p Timeline>,
    issue: u32,
    draft: bool,
    blob: BlobId,
    /// The commit whose tree holds the pictures shown with this text.
    pictures_from: CommitId,
}

/// Template overrides change what the published handbook says and runs, so
/// they are controlled content: each override that differs from the
/// built-in template must be committed as it is and approved by path (`qms
/// approve templates/handbook/base.html`), like the policy files.
fn refuse_unapproved_templates(repo: &DocRepo, history: &Past, head: &str, dir: &Path) -> Result<()> {
    let mut files = Vec::new();
    list_files(dir, Path::new(""), &mut files)?;
    let mut unapproved = Vec::new();
    for relative in files {
        let name = relative.to_string_lossy().replace('\\', "/");
        let bytes = std::fs::read(dir.join(&relative)).with_context(|| msg!("error-read", path = dir.join(&relative).display()))?;
        if crate::render::templates::embedded_file(&name).is_some_and(|built_in| built_in.as_bytes() == bytes) {
            continue;
        }
        let path = format!("{}/{name}", crate::workflow::timeline::TEMPLATES_FOLDER);
        let committed = repo.blob_at(head, Path::new(&path))?;
        let approved = committed.as_deref().is_some_and(|blob| {
            DocRepo::hash_blob(&bytes).is_ok_and(|own| own == blob)
                && history
                    .timeline(&path)
                    .is_some_and(|t| t.state(Some(blob)).kind == StateKind::Effective)
        });
        if !approved {
            unapproved.push(path);
        }
    }
    if !unapproved.is_empty() {
        bail!(msg!("error-templates-unapproved", paths = unapproved.join("\n  ")));
    }
    Ok(())
}

/// Regular files below `dir` (relative to it); links are left out (the
/// template reader refuses them).
fn list_files(dir: &Path, relative: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let Ok(entries) = std::fs::read_dir(dir.join(relative)) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let kind = entry.file_type()?;
        let path = relative.join(entry.file_name());
        if kind.is_dir() {
            list_files(dir, &path, out)?;
        } else if kind.is_file() {
            out.push(path);
        }
    }
    Ok(())
}

/// The pictures a document shows by a relative source that names a file
/// of the commit its text was approved in; `seen` keeps each picture's
/// bytes once, however many documents show it.
fn pictures_of(
    repo: &DocRepo,
    item: &Published,
    folder: &Path,
    seen: &mut HashMap<BlobId, std::sync::Arc<Vec<u8>>>,
) -> Result<Vec<Picture>> {
    let mut pictures: Vec<Picture> = Vec::new();
    for src in item.doc.pictures.iter().cloned() {
        if src.contains(':') || src.starts_with('/') || pictures.iter().any(|p| p.src == src) {
            continue;
        }
        let Some(path) = crate::text::normalise_relative(&folder.join(crate::text::percent_decode(&src))) else {
            continue;
        };
        let Some(blob) = repo.blob_at(&item.pictures_from, &path)? else {
            continue;
        };
        let bytes = match seen.get(&blob) {
            Some(bytes) => bytes.clone(),
            None => {
                let bytes = std::sync::Arc::new(repo.read_blob(&blob)?);
                seen.insert(blob.clone(), bytes.clone());
                bytes
            }
        };
        let extension: String = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default()
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect();
        pictures.push(Picture {
            url: format!("hinh/{}.{extension}", blob.as_str()),
            src,
            bytes,
        });
    }
    Ok(pictures)
}

/// A document of the working tree that differs from HEAD: its path and bytes.
pub(super) type Draft = (PathBuf, Vec<u8>);

/// The documents of the working tree that differ from HEAD (new or
/// edited, not deleted), with their bytes: the drafts being written.
fn working_documents(repo: &DocRepo, root: &Path, head: &CommitId) -> Result<Vec<Draft>> {
    let mut working = Vec::new();
    for (path, state) in repo.file_states_under(Some(Path::new(DOCUMENTS_DIR)))? {
        if state == crate::repo::FileState::Committed {
            continue;
        }
        if let Some(draft) = working_document(repo, root, head, &path)? {
            working.push(draft);
        }
    }
    working.sort();
    Ok(working)
}

/// The document at `path` in the working tree, when it is one and differs
/// from HEAD's.
fn working_document(repo: &DocRepo, root: &Path, head: &CommitId, path: &Path) -> Result<Option<Draft>> {
    let is_document = path.starts_with(DOCUMENTS_DIR) && path.extension().is_some_and(|e| e == "md");
    // A deleted file is left as HEAD has it; a file being saved may vanish for a moment.
    let Some(bytes) = is_document.then(|| std::fs::read(root.join(path)).ok()).flatten() else {
        return Ok(None);
    };
    // Staged, then put back as it was: not a draft.
    let committed = repo.blob_at(head, path)?;
    if committed.is_some() && committed == Some(DocRepo::hash_blob(&bytes)?) {
        return Ok(None);
    }
    Ok(Some((path.to_path_buf(), bytes)))
}

/// Collects what the handbook publishes, from git objects at HEAD, every
/// body rendered. With `templates_dir`, its overrides must be approved
/// (unless drafts are built).
pub(crate) fn collect(repo: &DocRepo, options: &BuildOptions, templates_dir: Option<&Path>) -> Result<Site> {
    let mut session = Session::default();
    let past = session.past(repo)?;
    let settings = session.settings(repo, &past.head)?;
    let mut memo = PageMemo::new(past, settings, options.lang, false);
    let site = collect_with(repo, options, templates_dir, &[], Cache::new(), &mut memo)?;
    let all: Vec<&DocPage> = site.documents.iter().collect();
    fill(&site, repo, &all)?;
    Ok(site)
}

/// The documents' files a build reads: each parsed once, and only when
/// the cache does not know it.
struct Files<'a> {
    repo: &'a DocRepo,
    /// The last build's cache, becoming this one's: what this build uses
    /// is marked, what it learns added, the rest dropped at the end.
    cache: Cache,
    /// Files parsed by this build, kept for rendering their bodies.
    parsed: HashMap<Source, Document>,
    /// How many entries this build added to the cache or updated.
    learned: usize,
}

impl Files<'_> {
    /// Parses, at once and in parallel, the files the cache does not know.
    fn read_all(&mut self, files: &[Source]) -> Result<()> {
        let mut unknown = Vec::new();
        for (path, blob) in files {
            if self.cache.get(path, blob).is_none() && !self.parsed.contains_key(&(path.clone(), blob.clone())) {
                unknown.push(((path.clone(), blob.clone()), self.repo.read_blob(blob)?));
            }
        }
        let parsed: Vec<(Source, Option<Document>)> = unknown
            .into_par_iter()
            .map(|(source, bytes)| {
                let doc = Document::parse_bytes(&source.0, &bytes).document;
                (source, doc)
            })
            .collect();
        for ((path, blob), doc) in parsed {
            self.remember(&path, &blob, doc);
        }
        Ok(())
    }

    fn remember(&mut self, path: &Path, blob: &BlobId, doc: Option<Document>) {
        self.learned += 1;
        let facts = doc.as_ref().map(Facts::of);
        self.cache.insert(
            path,
            blob,
            Entry {
                facts,
                body: None,
                used: true,
            },
        );
        if let Some(doc) = doc {
            self.parsed.insert((path.to_path_buf(), blob.clone()), doc);
        }
    }

    /// What the file says, `None` when it is not a document.
    fn facts(&mut self, path: &Path, blob: &BlobId) -> Result<Option<Facts>> {
        if let Some(entry) = self.cache.entries_mut(path, blob) {
            entry.used = true;
            return Ok(entry.facts.clone());
        }
        self.read_all(&[(path.to_path_buf(), blob.clone())])?;
        Ok(self.cache.get(path, blob).and_then(|e| e.facts.clone()))
    }

    /// The parsed file, read again if this build did not parse it.
    fn document(&mut self, path: &Path, blob: &BlobId) -> Result<Option<&Document>> {
        let source = (path.to_path_buf(), blob.clone());
        if !self.parsed.contains_key(&source) {
            let doc = Document::parse_bytes(path, &self.repo.read_blob(blob)?).document;
            let Some(doc) = doc else { return Ok(None) };
            self.parsed.insert(source.clone(), doc);
        }
        Ok(self.parsed.get(&source))
    }
}

/// What the site holds that a body's links depend on: which tokens are
/// document ids, which documents have a page, which file is which document.
pub(crate) struct Links {
    known_ids: HashSet<String>,
    published_ids: HashSet<String>,
    path_to_id: HashMap<String, String>,
}

impl Links {
    /// A hash of all the links, whatever order the sets are in.
    fn key(&self) -> u64 {
        let tagged = |tag: &str, text: &str| crate::text::hash_of(&(tag, text));
        let ids = self.known_ids.iter().map(|id| tagged("k", id));
        let pages = self.published_ids.iter().map(|id| tagged("p", id));
        let paths = self.path_to_id.iter().map(|(path, id)| crate::text::hash_of(&("l", path, id)));
        ids.chain(pages).chain(paths).fold(0u64, u64::wrapping_add)
    }

    fn answer(&self, question: &Question, folder: &Path, pictures: &[Picture]) -> Option<String> {
        match question {
            Question::Known(token) => self.known_ids.contains(token).then(String::new),
            Question::PageOf(id) => self.published_ids.contains(id).then(|| format!("{id}.html")),
            Question::IdAtPath(target) => {
                let joined = crate::text::normalise_relative(&folder.join(crate::text::percent_decode(target)))?;
                self.path_to_id.get(&joined.to_string_lossy().replace('\\', "/")).cloned()
            }
            Question::PictureAt(src) => pictures.iter().find(|p| p.src == *src).map(|p| p.url.clone()),
        }
    }

    fn answers(&self, asked: &[Question], folder: &Path, pictures: &[Picture]) -> u64 {
        crate::text::hash_of(&asked.iter().map(|q| self.answer(q, folder, pictures)).collect::<Vec<_>>())
    }

    /// Renders `body`, noting what it asked.
    fn render(&self, body: &str, folder: &Path, pictures: &[Picture]) -> (String, BodyFacts) {
        let asked: std::cell::RefCell<(Vec<Question>, HashSet<Question>)> = Default::default();
        let ask = |question: Question| {
            let answer = self.answer(&question, folder, pictures);
            let mut asked = asked.borrow_mut();
            if asked.1.insert(question.clone()) {
                asked.0.push(question);
            }
            answer
        };
        let is_known = |token: &str| ask(Question::Known(token.to_string())).is_some();
        let page_of = |id: &str| ask(Question::PageOf(id.to_string()));
        let id_at_path = |target: &str| ask(Question::IdAtPath(target.to_string()));
        let picture_at = |src: &str| ask(Question::PictureAt(src.to_string()));
        let RenderedBody { html, references } = render_body(
            body,
            &Linker {
                is_known: &is_known,
                page_of: &page_of,
                id_at_path: &id_at_path,
                picture_at: &picture_at,
            },
        );
        let asked = asked.into_inner().0;
        let answers = self.answers(&asked, folder, pictures);
        (html, BodyFacts::new(&asked, answers, references))
    }
}

fn folder_of(path: &Path) -> PathBuf {
    path.parent().unwrap_or(Path::new("")).to_path_buf()
}

/// Gives `pages` their rendered body and text where they lack them,
/// reading their files again (in parallel) when this build did not.
pub(crate) fn fill(site: &Site, repo: &DocRepo, pages: &[&DocPage]) -> Result<()> {
    let mut unread = Vec::new();
    for page in pages.iter().filter(|p| p.body.get().is_none() || p.text.get().is_none()) {
        unread.push((*page, repo.read_blob(&page.source.1)?));
    }
    unread.into_par_iter().try_for_each(|(page, bytes)| -> Result<()> {
        let doc = Document::parse_bytes(&page.source.0, &bytes)
            .document
            .ok_or_else(|| anyhow!(msg!("error-approved-unreadable", id = page.id)))?;
        if page.body.get().is_none() {
            let (html, _) = site.links.render(&doc.body, &folder_of(&page.source.0), &page.pictures);
            let _ = page.body.set(html);
        }
        let _ = page.text.set(doc.body);
        Ok(())
    })
}

/// [`collect`], with `working` documents (path, bytes) shown as drafts in
/// place of what HEAD holds at their path, and what `previous` knows of
/// each file taken as it is: a body is rendered only when its answers
/// changed ([`fill`] renders the others when a page showing them is made).
fn collect_with(
    repo: &DocRepo,
    options: &BuildOptions,
    templates_dir: Option<&Path>,
    working: &[Draft],
    previous: Cache,
    memo: &mut PageMemo,
) -> Result<Site> {
    let (past, settings) = memo.made_from();
    let (history, settings): (&Past, &Settings) = (&past, &settings);
    let head = history.head.clone();
    if let Some(dir) = templates_dir.filter(|_| !options.drafts) {
        refuse_unapproved_templates(repo, history, &head, dir)?;
    }
    let (config, policy, catalog) = (&settings.config, settings.policy.as_ref(), &settings.catalog);
    let lang = options.lang;
    let zone = config.time_zone();
    let types = config.document_types();

    let mut files = Files {
        repo,
        cache: previous,
        parsed: HashMap::new(),
        learned: 0,
    };
    let in_head: Vec<Source> = repo
        .files_at(&head, Path::new(DOCUMENTS_DIR))?
        .into_iter()
        .filter(|(path, _)| path.extension().is_some_and(|e| e == "md"))
        .collect();
    files.read_all(&in_head)?;

    let mut published: Vec<Published> = Vec::with_capacity(in_head.len() + working.len());
    let mut obsolete = Vec::new();
    // Every id in HEAD can be referred to; only published ones have a page.
    let mut known_ids: HashSet<String> = history.timelines.keys().cloned().collect();
    for (path, head_blob) in &in_head {
        let Some(head_doc) = files.facts(path, head_blob)? else {
            continue;
        };
        known_ids.insert(head_doc.id.clone());
        let timeline = history.timeline(&head_doc.id);
        let state = timeline.as_ref().map(|t| t.state(Some(head_blob)));
        match state.as_ref().map(|s| s.kind) {
            Some(StateKind::Obsolete) => {
                let t = timeline.expect("obsolete implies a timeline");
                let withdrawal = t
                    .events
                    .iter()
                    .rev()
                    .find(|e| e.is_valid() && e.trailers.action == Action::Withdraw);
                obsolete.push(ObsoleteView {
                    id: head_doc.id.clone(),
                    title: head_doc.title.clone(),
                    last_issue: t.issues().len() as u32,
                    withdrawn_at: withdrawal
                        .map(|e| date_of(&e.trailers.signed_at, zone.as_ref(), lang))
                        .unwrap_or_default(),
                    reason: withdrawal.map(|e| e.text.clone()).unwrap_or_default(),
                    by: withdrawal.map(|e| person_name(policy, &e.trailers.signer)).unwrap_or_default(),
                });
            }
            _ => match state
                .as_ref()
                .and_then(|s| s.effective_blob.clone())
                .filter(|effective| !options.latest_text || effective == head_blob)
            {
                Some(blob) => {
                    let doc = files
                        .facts(path, &blob)?
                        .ok_or_else(|| anyhow!(msg!("error-approved-unreadable", id = head_doc.id)))?;
                    let approved_in = timeline.and_then(|t| t.view().last_approval().map(|e| e.commit.clone()));
                    published.push(Published {
                        doc,
                        path: path.clone(),
                        issue: state.as_ref().map(|s| s.issue).unwrap_or(0),
                        timeline,
                        draft: false,
                        blob,
                        pictures_from: approved_in.unwrap_or_else(|| head.clone()),
                    });
                }
                None if options.drafts => published.push(Published {
                    doc: head_doc,
                    path: path.clone(),
                    issue: 0,
                    timeline,
                    draft: true,
                    blob: head_blob.clone(),
                    pictures_from: head.clone(),
                }),
                None => {}
            },
        }
    }
    for (path, bytes) in working {
        let blob = DocRepo::hash_blob(bytes)?;
        // One that does not parse is left as HEAD has it; `qms check` names it.
        files.remember(path, &blob, Document::parse_bytes(path, bytes).document);
        let Some(doc) = files.facts(path, &blob)? else {
            continue;
        };
        if obsolete.iter().any(|o| o.id == doc.id) {
            continue;
        }
        published.retain(|p| p.path != *path && p.doc.id != doc.id);
        known_ids.insert(doc.id.clone());
        published.push(Published {
            timeline: history.timeline(&doc.id),
            doc,
            path: path.clone(),
            issue: 0,
            draft: true,
            blob,
            pictures_from: head.clone(),
        });
    }
    published.sort_by(|a, b| crate::text::natural_cmp(&a.doc.id, &b.doc.id));

    let links = Links {
        published_ids: published.iter().map(|p| p.doc.id.clone()).collect(),
        path_to_id: published
            .iter()
            .map(|p| (p.path.to_string_lossy().replace('\\', "/"), p.doc.id.clone()))
            .collect(),
        known_ids,
    };
    // With the same links as the last build, a body that shows no picture
    // gets the same answers: they are not asked again.
    let links_key = links.key();
    let same_links = files.cache.links == links_key;
    let titles: HashMap<String, String> = published.iter().map(|p| (p.doc.id.clone(), p.doc.title.clone())).collect();

    // Bodies whose questions get other answers now are rendered again, in parallel.
    let mut picture_bytes = HashMap::new();
    let mut pictures = Vec::with_capacity(published.len());
    for item in &published {
        pictures.push(pictures_of(repo, item, &folder_of(&item.path), &mut picture_bytes)?);
    }
    // The cache holds what the last build found of each body it knew.
    let mut stale = Vec::new();
    for (index, item) in published.iter().enumerate() {
        let same_answers = files
            .cache
            .get(&item.path, &item.blob)
            .and_then(|entry| entry.body.as_ref())
            .is_some_and(|body| {
                (same_links && item.doc.pictures.is_empty())
                    || links.answers(&body.asked(), &folder_of(&item.path), &pictures[index]) == body.answers
            });
        if !same_answers {
            let doc = files
                .document(&item.path, &item.blob)?
                .ok_or_else(|| anyhow!(msg!("error-approved-unreadable", id = item.doc.id)))?;
            stale.push((index, doc.body.clone()));
        }
    }
    let rendered: Vec<(usize, String, String, BodyFacts)> = stale
        .into_par_iter()
        .map(|(index, body)| {
            let (html, facts) = links.render(&body, &folder_of(&published[index].path), &pictures[index]);
            (index, body, html, facts)
        })
        .collect();
    let mut fresh: HashMap<usize, (String, String)> = HashMap::new();
    for (index, body, html, facts) in rendered {
        files.learned += 1;
        let item = &published[index];
        if let Some(entry) = files.cache.entries_mut(&item.path, &item.blob) {
            entry.body = Some(facts);
        }
        fresh.insert(index, (body, html));
    }

    let mut broken = Vec::new();
    let mut pages = Vec::with_capacity(published.len());
    let procedures = catalog.by_code();
    for (index, (item, pictures)) in published.iter().zip(pictures).enumerate() {
        let doc = &item.doc;
        let body_facts = files
            .cache
            .get(&item.path, &item.blob)
            .and_then(|entry| entry.body.as_ref())
            .ok_or_else(|| anyhow!(msg!("error-approved-unreadable", id = doc.id)))?;
        for (target, line) in &body_facts.references {
            if !links.published_ids.contains(target) {
                broken.push(format!(
                    "{}:{}: {}",
                    item.path.display(),
                    doc.body_line + line - 1,
                    msg!("error-refers-unissued", id = doc.id, target = target)
                ));
            }
        }
        for target in &doc.links {
            if !links.published_ids.contains(target) {
                broken.push(format!(
                    "{}:{}: {}",
                    item.path.display(),
                    doc.links_line,
                    msg!("error-links-unissued", id = doc.id, target = target)
                ));
            }
        }
        let mut uses: Vec<String> = doc.links.clone();
        for (target, _) in &body_facts.references {
            if !uses.contains(target) && *target != doc.id {
                uses.push(target.clone());
            }
        }
        let doc_type = types.iter().find(|t| t.id == doc.doc_type);
        let (body, text) = (std::sync::OnceLock::new(), std::sync::OnceLock::new());
        let own = memo.get_or(item, || {
            let revisions: Vec<RevisionView> = item
                .timeline
                .map(|t| {
                    t.issues()
                        .into_iter()
                        .map(|i| RevisionView {
                            issue: i.number,
                            date: date_of(&i.approved_at, zone.as_ref(), lang),
                            summary: i.summary,
                            approver: person_name(policy, &i.approver),
                        })
                        .collect()
                })
                .unwrap_or_default();
            Own {
                type_label: doc_type.map(|t| t.label(lang).to_string()).unwrap_or_else(|| doc.doc_type.clone()),
                owner_name: config.unit(&doc.owner).map(|u| u.name.clone()).unwrap_or_else(|| doc.owner.clone()),
                // The last issue's approval, as its revision row dates it.
                effective_date: revisions.last().map(|r| r.date.clone()).filter(|_| !item.draft).unwrap_or_default(),
                signatures: signatures(item, policy, zone.as_ref(), lang),
                revisions,
                clauses: doc
                    .clauses
                    .iter()
                    .map(|c| (c.clone(), clauses::find(c).map(|cl| cl.title(lang).to_string()).unwrap_or_default()))
                    .collect(),
                tthc: doc
                    .tthc
                    .iter()
                    .map(|code| {
                        (
                            code.clone(),
                            procedures.get(code.as_str()).map(|p| p.name.clone()).unwrap_or_default(),
                        )
                    })
                    .collect(),
                admin: doc_type
                    .filter(|t| t.administrative && administrative::applies_in(lang))
                    .map(|t| administrative_layout(config, t, item, policy, &settings.registers)),
            }
        });
        if let Some((markdown, html)) = fresh.remove(&index) {
            let _ = body.set(html);
            let _ = text.set(markdown);
        }
        pages.push(DocPage {
            id: doc.id.clone(),
            title: doc.title.clone(),
            type_id: doc.doc_type.clone(),
            owner: doc.owner.clone(),
            issue: item.issue,
            draft: item.draft,
            url: format!("{}.html", doc.id),
            uses: uses
                .iter()
                .filter(|id| links.published_ids.contains(*id))
                .map(|id| DocRef {
                    id: id.clone(),
                    title: titles.get(id).cloned().unwrap_or_default(),
                    url: format!("{id}.html"),
                })
                .collect(),
            used_by: Vec::new(),
            own,
            links: uses,
            pictures,
            body_key: crate::text::hash_of(&(item.blob.as_str(), &item.path, body_facts.answers)),
            body_hash: doc.body_hash,
            step_hours: doc.step_hours,
            source: (item.path.clone(), item.blob.clone()),
            body,
            text,
        });
    }
    // A site with a link to a page it lacks is refused; a document taken
    // out of it by itself (a Word export) links nowhere.
    if !broken.is_empty() && options.links_must_resolve {
        broken.sort();
        broken.dedup();
        bail!(
            crate::i18n::Msg::new("error-build-broken-links")
                .num("count", broken.len() as f64)
                .arg("links", broken.join("\n  "))
        );
    }
    // Who uses whom, the other way round.
    let mut used_by: BTreeMap<String, Vec<DocRef>> = BTreeMap::new();
    for page in &pages {
        for target in &page.links {
            used_by.entry(target.clone()).or_default().push(DocRef {
                id: page.id.clone(),
                title: page.title.clone(),
                url: page.url.clone(),
            });
        }
    }
    for page in &mut pages {
        page.used_by = used_by.remove(&page.id).unwrap_or_default();
    }
    files.cache.links = links_key;
    // What the last build knew of files this one no longer has goes.
    let dropped = files.cache.keep_used();
    memo.keep_used();
    Ok(Site {
        lang,
        config: config.clone(),
        drafts: options.drafts,
        documents: pages,
        obsolete,
        catalog: catalog.clone(),
        links,
        cache_changes: cache::Changes {
            entries: files.learned + dropped,
            links: !same_links,
        },
        cache: files.cache,
    })
}

/// A decision of the head: `QUYẾT ĐỊNH`, signed by the approver of the
/// effective issue (`KT.` when a deputy approved it), to the recipients of
/// qms.yaml after those its articles name.
fn administrative_layout(
    config: &Config,
    doc_type: &DocumentType,
    item: &Published,
    policy: Option<&SignerPolicy>,
    registers: &[Record],
) -> Layout {
    let approval = item
        .timeline
        .as_ref()
        .and_then(|t| t.issues().last().cloned())
        .filter(|_| !item.draft);
    let registration = approval
        .as_ref()
        .and_then(|issue| registration::find(registers, &item.doc.id, issue.number));
    let signer = approval.as_ref().map(|issue| person_name(policy, &issue.approver));
    let deputy = approval
        .as_ref()
        .is_some_and(|issue| administrative::is_deputy_role(&role_name(policy, &issue.role)));
    let year = registration
        .as_ref()
        .map(|r| r.date.year())
        .or_else(|| approval.as_ref().and_then(|i| i.approved_at.get(..4)?.parse().ok()))
        .unwrap_or_else(|| jiff::Zoned::now().year());
    administrative::layout(
        config,
        &administrative::Request {
            kind_label: &doc_type.label_vi,
            title: &item.doc.title,
            issuer: administrative::Issuer::Head,
            registration: registration.as_ref(),
            year,
            signer: signer.as_deref(),
            deputy,
            extra_recipients: &["Như Điều 3".to_string()],
        },
    )
}

fn person_name(policy: Option<&SignerPolicy>, id: &str) -> String {
    policy
        .and_then(|p| p.person(id))
        .map(|p| p.name.clone())
        .unwrap_or_else(|| id.to_string())
}

fn role_name(policy: Option<&SignerPolicy>, id: &str) -> String {
    policy
        .and_then(|p| p.role(id))
        .map(|r| r.name.clone())
        .unwrap_or_else(|| id.to_string())
}

/// The drafter, reviewer and approver of the published issue.
fn signatures(item: &Published, policy: Option<&SignerPolicy>, zone: Option<&jiff::tz::TimeZone>, lang: Language) -> Vec<SignatureView> {
    let events: Vec<&Event> = item
        .timeline
        .as_ref()
        .map(|t| t.events.iter().filter(|e| e.is_valid() && e.trailers.blob == item.blob).collect())
        .unwrap_or_default();
    let view = |capacity: &str, event: Option<&&Event>, fallback: Option<&str>| -> SignatureView {
        match event {
            Some(e) => {
                let (status, key) = match &e.signature {
                    SignatureCheck::Verified { format, key } => ("verified".to_string(), format!("{format} {key}")),
                    SignatureCheck::Unsigned => ("unsigned".to_string(), String::new()),
                    SignatureCheck::Invalid { .. } => ("invalid".to_string(), String::new()),
                    SignatureCheck::Unverifiable { .. } => ("unverifiable".to_string(), String::new()),
                };
                SignatureView {
                    capacity: capacity.to_string(),
                    name: person_name(policy, &e.trailers.signer),
                    role: role_name(policy, &e.trailers.role),
                    signed_at: date_time_of(&e.trailers.signed_at, zone, lang),
                    meaning: e.trailers.action.meaning_message().text(lang),
                    status,
                    key,
                }
            }
            None => SignatureView {
                capacity: capacity.to_string(),
                name: fallback.map(|id| person_name(policy, id)).unwrap_or_default(),
                role: String::new(),
                signed_at: String::new(),
                meaning: String::new(),
                status: "none".into(),
                key: String::new(),
            },
        }
    };
    let submit = events.iter().rev().find(|e| e.trailers.action == Action::Submit);
    let review = events
        .iter()
        .rev()
        .find(|e| e.trailers.action == Action::Review && e.trailers.verdict == Some(Verdict::Accept));
    let approve = events.iter().rev().find(|e| e.trailers.action == Action::Approve);
    vec![
        view(i18n::label(lang, "label-drafted-by"), submit, item.doc.author.as_deref()),
        view(i18n::label(lang, "label-reviewed-by"), review, None),
        view(i18n::label(lang, "label-approved-by"), approve, None),
    ]
}

/// What the handbook of the repository at `root` publishes (the effective
/// issue of every document, or with `drafts` the committed text of the
/// others too), without writing it.
pub(crate) fn site(root: &Path, lang: Language, drafts: bool) -> Result<Site> {
    let repo = DocRepo::open(root)?;
    let templates_dir = root.join(TEMPLATES_DIR);
    let options = BuildOptions {
        out: PathBuf::new(),
        drafts,
        lang,
        links_must_resolve: false,
        latest_text: false,
    };
    collect(&repo, &options, Some(&templates_dir))
}

/// Builds the handbook of the repository at `root` into `options.out`, with
/// the templates under its templates/ folder replacing the built-in ones.
/// Only what changed since the last build into the same folder is made
/// again; with nothing changed, nothing is (see `output`). For a command
/// that ends with this build: what it read is not freed (see below); a
/// process that builds again and again (`qms serve`) keeps a lasting
/// [`Session`] and calls [`build_in`].
pub(crate) fn build(root: &Path, options: &BuildOptions, progress: &(dyn Fn(usize, usize) + Sync)) -> Result<BuildSummary> {
    let mut session = Session::default();
    let built = build_in(&mut session, root, options, progress);
    // The command ends with this build: the kernel takes the session's
    // memory back at once, while freeing its quarter of a million values
    // one by one cost a twentieth of a build after a commit.
    std::mem::forget(session);
    built
}

/// [`build`], with what `session`'s last build read and made taken as it
/// is where it was made from the same files.
pub(crate) fn build_in(
    session: &mut Session,
    root: &Path,
    options: &BuildOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<BuildSummary> {
    let repo = DocRepo::open(root)?;
    let templates_dir = root.join(TEMPLATES_DIR);
    let template_sources = Templates::sources(Some(&templates_dir))?;
    let made_with = Templates::fingerprint_of(&template_sources);
    let head = repo.head()?.ok_or_else(|| msg!("error-build-nothing-committed"))?;
    let assets: Vec<String> = pages::ASSETS
        .iter()
        .map(|name| asset(Some(&templates_dir), &format!("handbook/assets/{name}")))
        .collect::<Result<_>>()?;
    // Everything a build reads: the commit (all content and history), the
    // options, the templates and assets, and the year an undated
    // administrative draft is numbered in.
    let working = if options.drafts && options.latest_text {
        session.working_documents(&repo, root, &head)?
    } else {
        Vec::new()
    };
    let inputs = crate::text::hash_of(&(
        working
            .iter()
            .map(|(path, bytes)| (path, crate::text::hash_bytes(bytes)))
            .collect::<Vec<_>>(),
        head.as_str(),
        options.drafts,
        options.lang.code(),
        options.links_must_resolve,
        made_with,
        &assets,
        jiff::Zoned::now().year(),
    ));
    if let Some(summary) = output::up_to_date(&options.out, inputs, session.site.as_ref()) {
        return Ok(summary);
    }
    // One cache per site folder: a build with drafts and one without keep their own.
    let cache_file = repo.cache_dir().map(|dir| {
        let out = std::path::absolute(&options.out).unwrap_or_else(|_| options.out.clone());
        dir.join(format!("handbook-{:016x}.json", crate::text::hash_of(&out)))
    });
    let remembered = session.site.take();
    let (past, settings, mut output) = session.read_side_by_side(&repo, &head, || Output::open(&options.out, cache_file, remembered))?;
    let (site, templates) = std::thread::scope(|scope| {
        // Compiled on the core that collecting the site leaves idle.
        let compiling = session.templates_beside(scope, template_sources, made_with);
        let memo = session.page_memo(past, settings, options.lang);
        let site = collect_with(&repo, options, Some(&templates_dir), &working, output.take_cache(), memo);
        let templates = session.keep_templates(compiling);
        anyhow::Ok((site?, templates?))
    })?;
    let mut summary = pages::write(&site, &templates, &assets, &output, &|pages| fill(&site, &repo, pages), progress)?;
    let (written, remembered) = output.finish(inputs, &summary, site.cache, site.cache_changes, session.defers_cache())?;
    summary.written = written;
    session.site = Some(remembered);
    Ok(summary)
}
