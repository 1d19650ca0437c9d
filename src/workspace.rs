//! A QMS repository on disk: finding its root, reading its configuration and
//! loading its documents from the working tree.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow};
use rayon::prelude::*;

use crate::finding::{Finding, Findings, Rule};
use crate::model::catalog::{CATALOG_FILE, Catalog};
use crate::model::config::{CONFIG_FILE, Config};
use crate::model::document::{Document, MAX_FILE_BYTES};
use crate::model::legal::{LEGAL_FILE, LegalRegister};
use crate::model::record::Record;
use crate::model::signers::{SIGNERS_FILE, SignerPolicy};
use crate::msg;
use crate::repo::{CommitId, SnapshotEntry};
use crate::text;

pub(crate) const DOCUMENTS_DIR: &str = "documents";
pub(crate) const RECORDS_DIR: &str = "records";
pub(crate) const TEMPLATES_DIR: &str = "templates";

/// Names the acting person (a person id of the signer policy).
pub(crate) const USER_ENV: &str = "QMS_USER";

pub(crate) struct Workspace {
    pub root: PathBuf,
    pub config: Config,
    config_text: String,
    signers: Result<SignerPolicy, Finding>,
    signers_text: String,
    /// Parsed on first use: a province's catalogue of 2,000 procedures takes
    /// a noticeable part of commands that never look at it (verify, list).
    catalog: std::sync::OnceLock<Result<Catalog, Finding>>,
    catalog_text: String,
    /// `catalog/legal.yaml`; empty when the repository keeps no register.
    legal_text: String,
    /// When set, files come from the index or a commit, not the working tree.
    snapshot: Option<BTreeMap<PathBuf, SnapshotEntry>>,
}

/// Documents read from the working tree, with every problem met on the way.
#[derive(Default)]
pub(crate) struct LoadedDocuments {
    pub documents: Vec<Document>,
    pub findings: Vec<Finding>,
}

impl LoadedDocuments {
    /// The one document with this id, or an error that suggests the nearest
    /// id or names the files that share it.
    pub(crate) fn by_id(&self, id: &str) -> Result<&Document> {
        one_by_id(&self.documents, id, |d| (d.id(), &d.path), "document")
    }
}

/// The one item with this id among `items`; `describe` gives an item's id and path.
fn one_by_id<'a, T>(items: &'a [T], id: &str, describe: impl Fn(&T) -> (&str, &Path), what: &str) -> Result<&'a T> {
    let matches: Vec<&T> = items.iter().filter(|item| describe(item).0 == id).collect();
    match matches.as_slice() {
        [item] => Ok(item),
        [] => {
            let ids: Vec<&str> = items.iter().map(|item| describe(item).0).collect();
            match crate::model::document::closest(id, &ids) {
                Some(near) => Err(anyhow!(msg!("error-no-such-id-near", what = what, id = id, near = near))),
                None => Err(anyhow!(msg!("error-no-such-id", what = what, id = id))),
            }
        }
        several => {
            let paths: Vec<String> = several.iter().map(|item| describe(item).1.display().to_string()).collect();
            Err(anyhow!(msg!("error-id-several-files", id = id, paths = paths.join(", "))))
        }
    }
}

/// Records read from the working tree; a record that cannot be parsed is a
/// finding, not a record.
#[derive(Default)]
pub(crate) struct LoadedRecords {
    pub records: Vec<Record>,
    pub findings: Vec<Finding>,
}

impl LoadedRecords {
    /// The one record with this id, or an error that suggests the nearest id.
    pub(crate) fn by_id(&self, id: &str) -> Result<&Record> {
        one_by_id(&self.records, id, |r| (r.id(), &r.path), "record")
    }

    /// The record `id`, which must be of `kind`.
    pub(crate) fn by_id_of_kind(&self, id: &str, kind: crate::model::record::RecordKind) -> Result<&Record> {
        let record = self.by_id(id)?;
        if record.kind() != kind {
            anyhow::bail!(msg!("error-record-kind", id = id, kind = record.kind().id(), expected = kind.id()));
        }
        Ok(record)
    }

    pub(crate) fn of_kind(&self, kind: crate::model::record::RecordKind) -> impl Iterator<Item = &Record> {
        self.records.iter().filter(move |r| r.kind() == kind)
    }
}

/// Walks up from `start` to the first folder holding `qms.yaml`.
/// The `language` of the repository at `root`, read on its own so that a
/// qms.yaml with other mistakes still has them reported in its language.
pub(crate) fn configured_language(root: &Path) -> Option<crate::model::config::Language> {
    let text = fs::read_to_string(root.join(CONFIG_FILE)).ok()?;
    let value = crate::model::yaml::parse_value(&text).ok()?;
    match value.get("language") {
        Some(language) => crate::model::yaml::from_value(language.clone()).ok(),
        None => Some(crate::model::config::Language::default()),
    }
}

pub(crate) fn find_root(start: &Path) -> Result<PathBuf> {
    let start = start
        .canonicalize()
        .with_context(|| msg!("error-open-folder", path = start.display()))?;
    start
        .ancestors()
        .find(|dir| dir.join(CONFIG_FILE).is_file())
        .map(Path::to_path_buf)
        .ok_or_else(|| anyhow!(msg!("error-no-repository", file = CONFIG_FILE, path = start.display())))
}

fn read_optional(snapshot: Option<&BTreeMap<PathBuf, SnapshotEntry>>, root: &Path, relative: &str) -> Result<Option<String>> {
    let path = root.join(relative);
    let bytes = match snapshot {
        Some(files) => match files.get(Path::new(relative)) {
            Some(SnapshotEntry::File(bytes)) => Ok(bytes.clone()),
            _ => Err(std::io::Error::from(std::io::ErrorKind::NotFound)),
        },
        None => fs::read(&path),
    };
    match bytes {
        Ok(bytes) => String::from_utf8(bytes)
            .map(Some)
            .map_err(|e| anyhow!(msg!("error-not-utf8", path = path.display(), offset = e.utf8_error().valid_up_to()))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(anyhow!(e).context(msg!("error-read", path = path.display()))),
    }
}

impl Workspace {
    /// Opens the QMS repository containing `start`.
    pub(crate) fn discover(start: &Path) -> Result<Workspace> {
        Self::open(&find_root(start)?)
    }

    /// Opens the QMS repository at `root`. Only an unreadable or invalid
    /// `qms.yaml` is fatal; problems in the signer policy or the catalogue are
    /// kept for `check` and surface when a command needs those files.
    pub(crate) fn open(root: &Path) -> Result<Workspace> {
        Self::open_with(root, None)
    }

    /// Opens the repository at `root` as a snapshot holds it (the index, or a
    /// commit): what hooks and CI check.
    pub(crate) fn open_snapshot(root: &Path, snapshot: BTreeMap<PathBuf, SnapshotEntry>) -> Result<Workspace> {
        Self::open_with(root, Some(snapshot))
    }

    /// Opens the repository at `root` as its index holds it (`rev`: none) or
    /// as the commit `rev` names holds it, with that commit: what the
    /// pre-commit hook and CI check.
    pub(crate) fn open_committed(root: &Path, rev: Option<&str>) -> Result<(Workspace, Option<CommitId>)> {
        let repo = crate::repo::DocRepo::open(root)?;
        match rev {
            Some(rev) => {
                let commit = repo.resolve(rev)?;
                Ok((Self::open_snapshot(root, repo.snapshot_commit(&commit)?)?, Some(commit)))
            }
            None => Ok((Self::open_snapshot(root, repo.snapshot_index()?)?, None)),
        }
    }

    fn open_with(root: &Path, snapshot: Option<BTreeMap<PathBuf, SnapshotEntry>>) -> Result<Workspace> {
        let config_path = Path::new(CONFIG_FILE);
        let config_text = read_optional(snapshot.as_ref(), root, CONFIG_FILE)?
            .ok_or_else(|| msg!("error-no-config", path = root.display(), file = CONFIG_FILE))?;
        let config = Config::parse(config_path, &config_text).map_err(|f| Findings(vec![f]))?;

        let signers_text = read_optional(snapshot.as_ref(), root, SIGNERS_FILE)?.unwrap_or_default();
        let signers = if signers_text.is_empty() {
            Err(Finding::new(Rule::Config, SIGNERS_FILE, msg!("check-signers-missing")).hint(msg!("hint-signers-missing")))
        } else {
            SignerPolicy::parse(Path::new(SIGNERS_FILE), &signers_text)
        };

        let catalog_text = read_optional(snapshot.as_ref(), root, CATALOG_FILE)?.unwrap_or_default();
        let catalog = std::sync::OnceLock::new();
        let legal_text = read_optional(snapshot.as_ref(), root, LEGAL_FILE)?.unwrap_or_default();

        Ok(Workspace {
            root: root.to_path_buf(),
            config,
            config_text,
            signers,
            signers_text,
            catalog,
            catalog_text,
            legal_text,
            snapshot,
        })
    }

    /// Whether a repository-relative path is a file or folder (in the
    /// snapshot when there is one).
    pub(crate) fn exists(&self, relative: &Path) -> bool {
        match &self.snapshot {
            Some(files) => files
                .range(relative.to_path_buf()..)
                .next()
                .is_some_and(|(p, _)| p.starts_with(relative)),
            None => self.root.join(relative).exists(),
        }
    }

    pub(crate) fn config_text(&self) -> &str {
        &self.config_text
    }

    pub(crate) fn signers_text(&self) -> &str {
        &self.signers_text
    }

    pub(crate) fn catalog_text(&self) -> &str {
        &self.catalog_text
    }

    /// The current time in the repository's time zone (`timezone` in
    /// qms.yaml): what "today", due dates and new signatures use.
    pub(crate) fn now(&self) -> Result<jiff::Zoned> {
        crate::clock::now_in(self.config.time_zone().as_ref())
    }

    /// The register of legal texts, when the repository keeps one.
    pub(crate) fn legal_register(&self) -> Option<Result<LegalRegister, Finding>> {
        (!self.legal_text.trim().is_empty()).then(|| LegalRegister::parse(Path::new(LEGAL_FILE), &self.legal_text))
    }

    /// The signer policy, or an error naming what is wrong with it.
    pub(crate) fn signers(&self) -> Result<&SignerPolicy> {
        self.signers.as_ref().map_err(|f| anyhow!(Findings(vec![f.clone()])))
    }

    pub(crate) fn signers_result(&self) -> Result<&SignerPolicy, &Finding> {
        self.signers.as_ref()
    }

    /// The TTHC catalogue (empty when the file does not exist).
    pub(crate) fn catalog(&self) -> Result<&Catalog> {
        self.catalog_result().map_err(|f| anyhow!(Findings(vec![f.clone()])))
    }

    pub(crate) fn catalog_result(&self) -> Result<&Catalog, &Finding> {
        self.catalog
            .get_or_init(|| {
                if self.catalog_text.is_empty() {
                    Ok(Catalog::default())
                } else {
                    Catalog::parse(Path::new(CATALOG_FILE), &self.catalog_text)
                }
            })
            .as_ref()
    }

    /// Reads and parses every Markdown file under `documents/`, in parallel.
    /// A broken file never stops the others: its problems become findings.
    pub(crate) fn load_documents(&self) -> LoadedDocuments {
        let (paths, mut findings) = self.markdown_files(DOCUMENTS_DIR);
        let parsed: Vec<_> = paths.par_iter().map(|path| self.read_document(path)).collect();
        let mut documents = Vec::with_capacity(parsed.len());
        for (document, mut doc_findings) in parsed {
            documents.extend(document);
            findings.append(&mut doc_findings);
        }
        documents.sort_by(|a, b| text::natural_cmp(a.id(), b.id()).then_with(|| a.path.cmp(&b.path)));
        LoadedDocuments { documents, findings }
    }

    /// Reads and parses every Markdown file under `records/`, in parallel.
    pub(crate) fn load_records(&self) -> LoadedRecords {
        let (paths, mut findings) = self.markdown_files(RECORDS_DIR);
        let parsed: Vec<_> = paths
            .par_iter()
            .map(|path| self.read_bytes(path).and_then(|bytes| Record::parse_bytes(path, &bytes)))
            .collect();
        let mut records = Vec::with_capacity(parsed.len());
        for result in parsed {
            match result {
                Ok(record) => records.push(record),
                Err(finding) => findings.push(finding),
            }
        }
        records.sort_by(|a, b| text::natural_cmp(a.id(), b.id()).then_with(|| a.path.cmp(&b.path)));
        LoadedRecords { records, findings }
    }

    /// The `*.md` files below a top-level folder, with problems met on the way.
    fn markdown_files(&self, dir: &str) -> (Vec<PathBuf>, Vec<Finding>) {
        let mut paths = Vec::new();
        let mut findings = Vec::new();
        match &self.snapshot {
            Some(files) => snapshot_markdown(files, dir, &mut paths, &mut findings),
            None => collect_markdown(&self.root, Path::new(dir), &mut paths, &mut findings),
        }
        (paths, findings)
    }

    fn read_document(&self, relative: &Path) -> (Option<Document>, Vec<Finding>) {
        match self.read_bytes(relative) {
            Ok(bytes) => {
                let parsed = Document::parse_bytes(relative, &bytes);
                (parsed.document, parsed.findings)
            }
            Err(finding) => (None, vec![finding]),
        }
    }

    /// A file's bytes from the snapshot or the working tree; a file too large
    /// to be a document is refused unread.
    fn read_bytes(&self, relative: &Path) -> Result<Vec<u8>, Finding> {
        if let Some(SnapshotEntry::File(bytes)) = self.snapshot.as_ref().and_then(|files| files.get(relative)) {
            return Ok(bytes.clone());
        }
        let absolute = self.root.join(relative);
        let unreadable =
            |e: std::io::Error| Finding::new(Rule::Unreadable, relative, msg!("check-unreadable", error = e)).hint(msg!("hint-unreadable"));
        let meta = fs::symlink_metadata(&absolute).map_err(unreadable)?;
        if !meta.is_file() {
            return Err(Finding::new(Rule::SpecialFile, relative, msg!("check-special-file")).hint(msg!("hint-special-file")));
        }
        if meta.len() > MAX_FILE_BYTES {
            return Err(Finding::new(
                Rule::FileTooLarge,
                relative,
                crate::i18n::Msg::new("check-file-too-large")
                    .num("size", meta.len() as f64)
                    .num("max", MAX_FILE_BYTES as f64),
            )
            .hint(msg!("hint-file-too-large")));
        }
        fs::read(&absolute).map_err(unreadable)
    }

    /// The acting person: `QMS_USER`, else the person whose email is git's
    /// `user.email`. `Ok(None)` when neither names anybody.
    pub(crate) fn acting_person(&self) -> Result<Option<&crate::model::signers::Person>> {
        let policy = self.signers()?;
        if let Ok(id) = std::env::var(USER_ENV)
            && !id.trim().is_empty()
        {
            return policy
                .person(id.trim())
                .map(Some)
                .ok_or_else(|| anyhow!(msg!("error-user-unknown", variable = USER_ENV, id = id, file = SIGNERS_FILE)));
        }
        let email = crate::repo::DocRepo::open(&self.root).ok().and_then(|r| r.configured_email());
        Ok(email.and_then(|e| policy.person_by_email(&e)))
    }

    /// Relative path of a file inside the repository, `/`-separated.
    pub(crate) fn relative(&self, path: &Path) -> PathBuf {
        path.strip_prefix(&self.root).unwrap_or(path).to_path_buf()
    }
}

/// The `*.md` files under `dir` of a snapshot; symbolic links are reported
/// as in the working tree.
fn snapshot_markdown(files: &BTreeMap<PathBuf, SnapshotEntry>, dir: &str, out: &mut Vec<PathBuf>, findings: &mut Vec<Finding>) {
    for (path, entry) in files.range(PathBuf::from(dir)..) {
        if !path.starts_with(dir) {
            break;
        }
        let hidden = path.components().any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
        if hidden || path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        match entry {
            SnapshotEntry::Symlink(target) => {
                findings.push(Finding::new(Rule::Symlink, path, msg!("check-symlink", target = target)).hint(msg!("hint-symlink")))
            }
            SnapshotEntry::File(_) => {
                if !text::is_nfc(&path.to_string_lossy()) {
                    findings.push(Finding::new(Rule::FileNameNotNfc, path, msg!("check-name-not-nfc")).hint(msg!("hint-name-not-nfc")));
                }
                out.push(path.clone());
            }
        }
    }
}

/// Finds `*.md` files below `dir` (relative to `root`), skipping hidden
/// entries. Symbolic links are reported, never followed: their target is not
/// what git versions, and may lie outside the repository.
fn collect_markdown(root: &Path, dir: &Path, out: &mut Vec<PathBuf>, findings: &mut Vec<Finding>) {
    let Ok(entries) = fs::read_dir(root.join(dir)) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name();
        let Some(name_str) = name.to_str() else {
            findings.push(Finding::new(Rule::NotUtf8, dir.join(&name), msg!("check-name-not-utf8")).hint(msg!("hint-name-not-utf8")));
            continue;
        };
        if name_str.starts_with('.') {
            continue;
        }
        let relative = dir.join(name_str);
        let Ok(file_type) = entry.file_type() else {
            continue;
        };
        if file_type.is_symlink() {
            if name_str.ends_with(".md") {
                let target = fs::read_link(entry.path()).map(|t| t.display().to_string()).unwrap_or_default();
                findings.push(Finding::new(Rule::Symlink, &relative, msg!("check-symlink", target = target)).hint(msg!("hint-symlink")));
            }
            continue;
        }
        if file_type.is_dir() {
            collect_markdown(root, &relative, out, findings);
        } else if name_str.ends_with(".md") && !file_type.is_file() {
            // Reading a FIFO would wait for ever; a device, for what it holds.
            findings.push(Finding::new(Rule::SpecialFile, &relative, msg!("check-special-file")).hint(msg!("hint-special-file")));
        } else if name_str.ends_with(".md") {
            if !text::is_nfc(name_str) {
                findings.push(Finding::new(Rule::FileNameNotNfc, &relative, msg!("check-name-not-nfc")).hint(msg!("hint-name-not-nfc")));
            }
            out.push(relative);
        }
    }
}
