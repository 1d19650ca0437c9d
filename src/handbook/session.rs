//! What a build keeps for the next one in the same process: `qms serve`
//! rebuilds on every change, and a rebuild reads again only what changed
//! since the last — the history when HEAD moved, the settings when one of
//! their files did, the templates when an override did — and finds the
//! site folder's manifest and document cache in memory, not on disk.
//!
//! Each piece is kept with what it was made from and made again when that
//! differs, so a session gives the bytes a fresh build gives.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Result;

use super::Draft;
use super::output::Remembered;
use super::settings::Settings;
use crate::msg;
use crate::render::templates::{Sources, Templates};
use crate::repo::{BlobId, CommitId, DocRepo};
use crate::workflow::history::{History, Timeline};

/// The history as the handbook reads it: every timeline at one commit.
pub(super) struct Past {
    pub head: CommitId,
    /// The trust root named in git's configuration, which the judgement depends on.
    trust_root: Option<String>,
    pub timelines: BTreeMap<String, Timeline>,
}

impl Past {
    /// The history at `head`, judged under the trust root git's configuration names.
    pub(super) fn load(repo: &DocRepo, head: &CommitId, trust_root: Option<String>) -> Result<Past> {
        let mut history = History::load_at(repo, Some(head), None)?;
        Ok(Past {
            head: head.clone(),
            trust_root,
            timelines: std::mem::take(&mut history.engine.timelines),
        })
    }

    pub(super) fn timeline(&self, id: &str) -> Option<&Timeline> {
        self.timelines.get(id)
    }
}

/// What the last build of a session read and made.
#[derive(Default)]
pub(crate) struct Session {
    /// A session of many builds ([`Session::lasting`]): the document cache
    /// is written by [`Session::save`], not by each build, and pages' own
    /// parts are kept for the next.
    lasting: bool,
    past: Option<Arc<Past>>,
    settings: Option<Arc<Settings>>,
    templates: Option<Arc<Templates>>,
    /// The site folder as the last build left it.
    pub(super) site: Option<Remembered>,
    /// The drafts in the working tree as the last build found them (with
    /// HEAD then), and the files changed since; `None`: anything may have.
    working: Option<(CommitId, Vec<Draft>)>,
    changed: Option<BTreeSet<PathBuf>>,
    pages: Option<PageMemo>,
}

/// What a page shows of its document alone — given its file, issue and
/// history, and the settings — kept for the next build of a session.
#[derive(Debug, serde::Serialize)]
pub(crate) struct Own {
    pub type_label: String,
    pub owner_name: String,
    pub effective_date: String,
    pub signatures: Vec<super::SignatureView>,
    pub revisions: Vec<super::RevisionView>,
    pub clauses: Vec<(String, String)>,
    pub tthc: Vec<(String, String)>,
    pub admin: Option<crate::model::administrative::Layout>,
}

/// A page's own part, by path, whether a draft, and issue; with whether
/// the build under way used it.
type Memoised = (PathBuf, bool, u32, Arc<Own>, bool);

/// The [`Own`] part of each page, made from one history, one set of
/// settings, one language and one year (an undated administrative draft
/// is numbered in it).
pub(crate) struct PageMemo {
    made_from: (Arc<Past>, Arc<Settings>, &'static str, i16),
    /// Whether the parts are kept for another build: a one-build session
    /// (a command) would only copy 10,000 of them into a memo it drops.
    keeps: bool,
    /// By blob (a blob is nearly always at one path).
    pages: std::collections::HashMap<BlobId, Vec<Memoised>>,
}

impl PageMemo {
    pub(super) fn new(past: Arc<Past>, settings: Arc<Settings>, lang: crate::model::config::Language, keeps: bool) -> PageMemo {
        PageMemo {
            made_from: (past, settings, lang.code(), jiff::Zoned::now().year()),
            keeps,
            pages: std::collections::HashMap::new(),
        }
    }

    /// The history and settings the pages are made from.
    pub(super) fn made_from(&self) -> (Arc<Past>, Arc<Settings>) {
        (self.made_from.0.clone(), self.made_from.1.clone())
    }

    /// The page's own part, made by `make` unless the memo has it.
    pub(super) fn get_or(&mut self, item: &super::Published<'_>, make: impl FnOnce() -> Own) -> Arc<Own> {
        if !self.keeps {
            return Arc::new(make());
        }
        let memoised = self.pages.get_mut(&item.blob).and_then(|at_blob| {
            at_blob
                .iter_mut()
                .find(|(path, draft, issue, ..)| *path == item.path && *draft == item.draft && *issue == item.issue)
        });
        if let Some((.., own, used)) = memoised {
            *used = true;
            return own.clone();
        }
        let own = Arc::new(make());
        let at_blob = self.pages.entry(item.blob.clone()).or_default();
        at_blob.push((item.path.clone(), item.draft, item.issue, own.clone(), true));
        own
    }

    /// Drops the parts the build did not use.
    pub(super) fn keep_used(&mut self) {
        self.pages.retain(|_, at_blob| {
            at_blob.retain_mut(|(.., used)| std::mem::take(used));
            !at_blob.is_empty()
        });
    }
}

impl Session {
    /// A session for many builds (a server): the document cache, megabytes
    /// at 10,000 documents, is written when it ends ([`Session::save`]).
    pub(crate) fn lasting() -> Session {
        Session {
            lasting: true,
            ..Session::default()
        }
    }

    pub(super) fn defers_cache(&self) -> bool {
        self.lasting
    }

    /// Writes what the next process can reuse (the document cache).
    pub(crate) fn save(&mut self) {
        if let Some(site) = &mut self.site {
            site.save();
        }
    }

    /// Tells the session which files of the working tree (relative to the
    /// QMS root) changed since its last build; `None`: any may have.
    pub(crate) fn note_changes(&mut self, files: Option<BTreeSet<PathBuf>>) {
        match (&mut self.changed, files) {
            (Some(changed), Some(files)) => changed.extend(files),
            (changed, _) => *changed = None,
        }
    }

    /// The drafts of the working tree (see `working_documents`): with HEAD
    /// where it was and the changed files known, only those are looked at.
    pub(super) fn working_documents(&mut self, repo: &DocRepo, root: &Path, head: &CommitId) -> Result<Vec<Draft>> {
        let working = match (self.working.take(), self.changed.take()) {
            (Some((at, mut working)), Some(changed)) if at == *head => {
                working.retain(|(path, _)| !changed.contains(path));
                for path in &changed {
                    working.extend(super::working_document(repo, root, head, path)?);
                }
                working.sort();
                working
            }
            _ => super::working_documents(repo, root, head)?,
        };
        self.changed = Some(BTreeSet::new());
        self.working = Some((head.clone(), working.clone()));
        Ok(working)
    }

    /// The memo of pages' own parts, emptied unless it was made from the
    /// same history, settings and language in the same year.
    pub(super) fn page_memo(&mut self, past: Arc<Past>, settings: Arc<Settings>, lang: crate::model::config::Language) -> &mut PageMemo {
        let fresh = PageMemo::new(past, settings, lang, self.lasting);
        let same = self.pages.as_ref().is_some_and(|memo| {
            let ((p, s, l, y), (fp, fs, fl, fy)) = (&memo.made_from, &fresh.made_from);
            Arc::ptr_eq(p, fp) && Arc::ptr_eq(s, fs) && l == fl && y == fy
        });
        let memo = match self.pages.take() {
            Some(memo) if same => memo,
            _ => fresh,
        };
        self.pages.insert(memo)
    }

    /// The history at HEAD, walked again only when HEAD (or the trust root) moved.
    pub(super) fn past(&mut self, repo: &DocRepo) -> Result<Arc<Past>> {
        let head = repo.head()?.ok_or_else(|| msg!("error-build-nothing-committed"))?;
        past_in(&mut self.past, repo, &head)
    }

    /// The settings at `head`, read again only when one of their files changed.
    pub(super) fn settings(&mut self, repo: &DocRepo, head: &str) -> Result<Arc<Settings>> {
        settings_in(&mut self.settings, repo, head)
    }

    /// The history and the settings at `head`, and what `beside` gives:
    /// the history on this thread, the settings then `beside` on another
    /// (after a commit, each is a good part of a build, and there are two
    /// cores).
    pub(super) fn read_side_by_side<T: Send>(
        &mut self,
        repo: &DocRepo,
        head: &CommitId,
        beside: impl FnOnce() -> Result<T> + Send,
    ) -> Result<(Arc<Past>, Arc<Settings>, T)> {
        // libgit2 handles are not shared between threads: the other has its own.
        let own = repo.reopen()?;
        let settings = &mut self.settings;
        std::thread::scope(|scope| {
            let reader = scope.spawn(move || -> Result<(Arc<Settings>, T)> { Ok((settings_in(settings, &own, head)?, beside()?)) });
            let past = past_in(&mut self.past, repo, head);
            let (settings, beside) = reader.join().map_err(|_| msg!("error-reading-documents"))??;
            Ok((past?, settings, beside))
        })
    }

    /// The templates from `sources` (see [`Templates::sources`]), whose
    /// fingerprint is `fingerprint`, made on a thread of `scope` and
    /// compiled again only when a file changed; [`Session::keep_templates`]
    /// gives them back to the session.
    pub(super) fn templates_beside<'scope>(
        &mut self,
        scope: &'scope std::thread::Scope<'scope, '_>,
        sources: Sources,
        fingerprint: u64,
    ) -> TemplatesBeside<'scope> {
        let mut slot = self.templates.take();
        scope.spawn(move || {
            let templates = kept(
                &mut slot,
                |templates| templates.fingerprint() == fingerprint,
                || Templates::compile(sources),
            );
            (slot, templates)
        })
    }

    /// Takes back what [`Session::templates_beside`] made.
    pub(super) fn keep_templates(&mut self, made: TemplatesBeside<'_>) -> Result<Arc<Templates>> {
        let (slot, templates) = made.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        self.templates = slot;
        templates
    }
}

/// The thread compiling templates beside the collection: it hands back the
/// session's slot (kept for the next build) and what it made.
pub(super) type TemplatesBeside<'scope> = std::thread::ScopedJoinHandle<'scope, (Option<Arc<Templates>>, Result<Arc<Templates>>)>;

/// The history at `head`, walked again only when `head` (or the trust root) moved.
fn past_in(slot: &mut Option<Arc<Past>>, repo: &DocRepo, head: &CommitId) -> Result<Arc<Past>> {
    let trust_root = crate::workflow::trust::named_root(repo, None);
    kept(
        slot,
        |past| past.head == *head && past.trust_root == trust_root,
        || Past::load(repo, head, trust_root.clone()),
    )
}

fn settings_in(slot: &mut Option<Arc<Settings>>, repo: &DocRepo, head: &str) -> Result<Arc<Settings>> {
    let sources = Settings::sources(repo, head)?;
    kept(
        slot,
        |settings| settings.made_from == sources,
        || Settings::read(repo, sources.clone()),
    )
}

/// What `slot` holds when `same` says it was made from what is asked for
/// now; else what `make` makes, kept in `slot` for the next build.
fn kept<T>(slot: &mut Option<Arc<T>>, same: impl Fn(&T) -> bool, make: impl FnOnce() -> Result<T>) -> Result<Arc<T>> {
    if let Some(value) = slot.as_ref().filter(|value| same(value)) {
        return Ok(value.clone());
    }
    let value = Arc::new(make()?);
    *slot = Some(value.clone());
    Ok(value)
}
