//! Performing workflow steps: each one an action commit whose tree is its
//! parent's, written only when the engine finds it valid.

use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow, bail};

use super::history::{Candidate, Event, History, is_controlled_file, short};
use super::problem::ActionProblem;
use super::trailers::{Action, Trailers, Verdict};
use crate::i18n::Msg;
use crate::model::config::Signing;
use crate::model::signers::{Person, SIGNERS_FILE};
use crate::msg;
pub(crate) use crate::repo::SyncOutcome;
use crate::repo::{ActionCommit, CommitId, ContentCommit, DocRepo};
use crate::signing::{self, SignatureCheck, SigningKey};
use crate::workspace::{LoadedDocuments, Workspace};

pub(crate) struct StepRequest {
    pub action: Action,
    pub ids: Vec<String>,
    /// Summary of change, review comment, or withdrawal reason.
    pub text: Option<String>,
    pub verdict: Option<Verdict>,
    /// The role to sign in; by default the first of the person's roles that may.
    pub role: Option<String>,
    pub sign: SignWith,
}

/// Which key signs a step.
#[derive(Debug, Clone, Default)]
pub(crate) enum SignWith {
    /// Git's signing key when the policy in force requires signatures;
    /// otherwise unsigned.
    #[default]
    AsPolicyRequires,
    /// Git's signing key (user.signingkey), always.
    GitKey,
    /// This key.
    Key(SigningKey),
}

/// How the acting person signs the steps a command takes: in which role,
/// with which key.
#[derive(Debug, Clone, Default)]
pub(crate) struct Signer {
    pub role: Option<String>,
    pub sign: SignWith,
}

impl Signer {
    /// The request to take `action` on `ids`, signed this way.
    pub(crate) fn request(&self, action: Action, ids: Vec<String>, text: Option<String>) -> StepRequest {
        StepRequest {
            action,
            ids,
            text,
            verdict: None,
            role: self.role.clone(),
            sign: self.sign.clone(),
        }
    }
}

/// What was written.
pub(crate) struct StepResult {
    /// Each commit written, with its subject line.
    pub commits: Vec<(CommitId, String)>,
}

/// A content change a command makes before its steps (a record's new
/// fields), committed together with them or not at all.
pub(crate) struct ContentChange {
    /// Files to add or replace, by path relative to the QMS root.
    pub files: Vec<(PathBuf, Vec<u8>)>,
    pub message: String,
}

/// Where a document or record lives, by id (the policy files are their own path).
pub(crate) fn document_path(workspace: &Workspace, documents: &LoadedDocuments, id: &str) -> Result<PathBuf> {
    if is_controlled_file(id) {
        return Ok(PathBuf::from(id));
    }
    if let Some(problem) = crate::model::id::problem(id) {
        bail!("{problem}");
    }
    match documents.by_id(id) {
        Ok(doc) => Ok(doc.path.clone()),
        Err(not_a_document) => match workspace.load_records().by_id(id) {
            Ok(record) => Ok(record.path.clone()),
            Err(_) => Err(not_a_document),
        },
    }
}

/// Who is acting: the person `QMS_USER` or git's user.email names.
pub(crate) fn acting_person(workspace: &Workspace) -> Result<Person> {
    workspace
        .acting_person()?
        .cloned()
        .ok_or_else(|| anyhow!(msg!("error-who-are-you", variable = crate::workspace::USER_ENV)))
}

/// Takes the step `request` asks for as the acting person, now, after
/// committing `content` when given: what every step command does.
pub(crate) fn step(workspace: &Workspace, request: &StepRequest, content: Option<ContentChange>) -> Result<StepResult> {
    let repo = DocRepo::open(&workspace.root)?;
    let person = acting_person(workspace)?;
    perform_with(workspace, &repo, &person, request, &workspace.now()?, content)
}

/// Commits `content` by itself as the acting person, now.
pub(crate) fn commit(workspace: &Workspace, content: ContentChange) -> Result<CommitId> {
    let repo = DocRepo::open(&workspace.root)?;
    let person = acting_person(workspace)?;
    commit_content(&repo, &person, content, &workspace.now()?)
}

/// Brings the branch up to date with `remote` by a merge, never a rebase
/// (a replayed action commit would lose its signature), the merge commit
/// made as the acting person; with `push`, pushes the result.
pub(crate) fn sync(workspace: &Workspace, remote: &str, push: bool) -> Result<SyncOutcome> {
    let repo = DocRepo::open(&workspace.root)?;
    let person = workspace.acting_person()?.map(|p| p.identity());
    repo.sync(remote, push, person)
}

impl SyncOutcome {
    /// What the sync did, in words.
    pub(crate) fn label(&self, lang: crate::model::config::Language) -> &'static str {
        match self {
            SyncOutcome::UpToDate => crate::i18n::label(lang, "label-up-to-date"),
            SyncOutcome::FastForward => crate::i18n::label(lang, "label-fast-forwarded-to-the-remote"),
            SyncOutcome::Merged => crate::i18n::label(lang, "label-merged-with-the-remote-every-signature"),
        }
    }
}

/// The path of the record `id` when `content` adds it.
fn added_record_path(content: &ContentChange, id: &str) -> Option<PathBuf> {
    content.files.iter().find_map(|(path, bytes)| {
        let record = crate::model::record::Record::parse_bytes(path, bytes).ok()?;
        (record.id() == id).then(|| path.clone())
    })
}

/// Commits a content change by itself (a new record, a finding added),
/// leaving everything else in the index and work tree as it was.
pub(crate) fn commit_content(repo: &DocRepo, person: &Person, content: ContentChange, now: &jiff::Zoned) -> Result<CommitId> {
    repo.ensure_writable()?;
    let head = repo.head()?.ok_or_else(|| msg!("error-no-commits"))?;
    let base = create_content_commit(repo, &head, person, &content, now)?;
    let paths: Vec<PathBuf> = content.files.iter().map(|(p, _)| p.clone()).collect();
    repo.land(&head, &base, &[], &|_| Ok(()), &paths)?;
    Ok(base)
}

/// The commit object for `content` on top of `head`, after making sure no
/// file it replaces holds edits the user has not committed.
fn create_content_commit(repo: &DocRepo, head: &str, person: &Person, content: &ContentChange, now: &jiff::Zoned) -> Result<CommitId> {
    for (path, _) in &content.files {
        if repo.is_dirty(path)? {
            bail!(msg!("error-uncommitted-changes", path = path.display()));
        }
    }
    repo.create_commit(
        head,
        &ContentCommit {
            changes: content.files.clone(),
            message: content.message.clone(),
            author: person.identity(),
            when: now.clone(),
        },
    )
}

fn subject_line(action: Action, id: &str, issue: u32, verdict: Option<Verdict>) -> String {
    match (action, verdict) {
        (Action::Approve, _) => format!("qms: approve {id} (issue {issue})"),
        (Action::Review, Some(Verdict::Accept)) => format!("qms: review {id} (accept)"),
        (Action::Review, _) => format!("qms: review {id} (reject)"),
        (Action::Acknowledge, _) => format!("qms: acknowledge {id} (issue {issue})"),
        (action, _) => format!("qms: {action} {id}"),
    }
}

/// Runs one workflow step for every id, all or nothing.
pub(crate) fn perform(
    workspace: &Workspace,
    repo: &DocRepo,
    person: &Person,
    request: &StepRequest,
    now: &jiff::Zoned,
) -> Result<StepResult> {
    perform_with(workspace, repo, person, request, now, None)
}

/// Commits `content` (when given) and then runs the step on top of it, all
/// or nothing: the step is judged against the new content.
pub(crate) fn perform_with(
    workspace: &Workspace,
    repo: &DocRepo,
    person: &Person,
    request: &StepRequest,
    now: &jiff::Zoned,
    content: Option<ContentChange>,
) -> Result<StepResult> {
    repo.ensure_writable()?;
    let mut ids = request.ids.clone();
    ids.dedup();
    let mut history = History::load(repo, None)?;
    let head = history.head.clone().ok_or_else(|| msg!("error-no-commits"))?;
    // The signing rule in force is the approved qms.yaml's, not the working
    // tree's; when it requires signatures, git's signing key is the default.
    let required = history
        .engine
        .config_in_force()
        .is_some_and(|config| config.policies.signing == Signing::Required);
    let git_key = |missing: &'static str| signing::key_from_git_config(&workspace.root).ok_or_else(|| anyhow!(Msg::new(missing)));
    let sign = match &request.sign {
        SignWith::Key(key) => Some(key.clone()),
        SignWith::GitKey => Some(git_key("error-signing-key")?),
        SignWith::AsPolicyRequires if required => Some(git_key("error-signing-key-required")?),
        SignWith::AsPolicyRequires => None,
    };
    let base = match &content {
        Some(content) => create_content_commit(repo, &head, person, content, now)?,
        None => head.clone(),
    };
    let changed: Vec<PathBuf> = content.iter().flat_map(|c| c.files.iter().map(|(p, _)| p.clone())).collect();
    let policy_blob = repo
        .blob_at(&base, Path::new(SIGNERS_FILE))?
        .ok_or_else(|| msg!("error-no-signer-policy", file = SIGNERS_FILE))?;
    let signed_at = now.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string();

    let mut planned = Vec::new();
    let mut refusals = Vec::new();
    let documents = workspace.load_documents();
    for id in &ids {
        // A content change rewrites a file the working tree holds, or adds a
        // record (an audit report closed without findings); the blob is
        // taken from the new commit.
        let path = match content.as_ref().and_then(|c| added_record_path(c, id)) {
            Some(path) => path,
            None => document_path(workspace, &documents, id)?,
        };
        let Some(blob) = repo.blob_at(&base, &path)? else {
            bail!(msg!("error-not-committed", id = id, path = path.display()));
        };
        if !changed.contains(&path) && repo.is_dirty(&path)? {
            bail!(msg!("error-uncommitted-edits", id = id, path = path.display()));
        }
        if request.action == Action::Approve
            && let Some(doc) = documents.documents.iter().find(|d| d.path == path)
        {
            let blocking = crate::check::approval_gate(workspace, doc);
            if !blocking.is_empty() {
                // Each reason is a whole finding, with its place and hint,
                // on lines of its own under the document's id.
                let reasons: String = blocking
                    .iter()
                    .flat_map(|finding| finding.to_string().lines().map(|line| format!("\n    {line}")).collect::<Vec<_>>())
                    .collect();
                refusals.push(format!("{id}:{reasons}"));
                continue;
            }
        }
        let roles: Vec<String> = match &request.role {
            Some(role) => vec![role.clone()],
            None if person.roles.is_empty() => vec![String::new()],
            None => person.roles.clone(),
        };
        // The first role under which the step is valid; otherwise the
        // reasons under the role that came closest.
        let mut best: Option<(Trailers, Vec<ActionProblem>)> = None;
        for role in roles {
            let trailers = Trailers {
                action: request.action,
                document: id.clone(),
                path: path.to_string_lossy().replace('\\', "/"),
                blob: blob.clone(),
                signer: person.id.clone(),
                role,
                meaning: request.action.meaning().into(),
                signed_at: signed_at.clone(),
                policy: policy_blob.clone(),
                verdict: request.verdict,
            };
            let (problems, _) = history.engine.evaluate(&Candidate {
                trailers: &trailers,
                parent: Some(&base),
                tree_unchanged: true,
                parent_count: 1,
                signature: None,
                will_be_signed: sign.is_some(),
                committed_at: now.timestamp().as_second(),
            })?;
            let better = best.as_ref().is_none_or(|(_, p)| problems.len() < p.len());
            if better {
                best = Some((trailers, problems));
            }
            if best.as_ref().is_some_and(|(_, p)| p.is_empty()) {
                break;
            }
        }
        let (trailers, problems) = best.expect("at least one role was tried");
        if !problems.is_empty() {
            refusals.push(format!(
                "{id}: {}",
                problems.iter().map(|p| p.message().to_string()).collect::<Vec<_>>().join("; ")
            ));
            continue;
        }
        let issue = history.timeline(id).map(|t| t.issues().len() as u32).unwrap_or(0) + u32::from(request.action == Action::Approve);
        let subject = subject_line(request.action, id, issue, request.verdict);
        // Later ids in the same call see this step (e.g. the same id twice).
        history.engine.apply(Event {
            commit: CommitId::null(),
            trailers: trailers.clone(),
            subject: subject.clone(),
            text: request.text.clone().unwrap_or_default(),
            author: String::new(),
            signature: SignatureCheck::Unsigned,
            problems: Vec::new(),
            trusted: false,
            foreign_root: None,
        });
        planned.push((subject, trailers));
    }
    if !refusals.is_empty() {
        bail!(
            Msg::new("error-step-refused")
                .msg_arg("action", request.action.meaning_message())
                .arg("person", &person.id)
                .arg("reasons", refusals.join("\n  "))
        );
    }

    let author = person.identity();
    let sign_with = sign.clone();
    let sign_fn = move |payload: &[u8]| -> Result<String> {
        let key = sign_with.as_ref().ok_or_else(|| msg!("error-no-signing-key"))?;
        signing::sign(payload, key)
    };
    let commits: Vec<ActionCommit<'_>> = planned
        .iter()
        .map(|(subject, trailers)| ActionCommit {
            message: trailers.message(subject, request.text.as_deref()),
            author: author.clone(),
            when: now.clone(),
            sign: sign.as_ref().map(|_| &sign_fn as &dyn Fn(&[u8]) -> Result<String>),
        })
        .collect();
    let keys = (person.keys.ssh.clone(), person.keys.gpg.clone());
    let check_signatures = |ids: &[CommitId]| -> Result<()> {
        if sign.is_none() {
            return Ok(());
        }
        for id in ids {
            let (armored, payload) = repo
                .signature(id)?
                .ok_or_else(|| msg!("error-commit-unsigned", commit = short(id)))?;
            if let SignatureCheck::Invalid { reason } | SignatureCheck::Unverifiable { reason } =
                signing::verify(&armored, &payload, &person.id, &keys.0, &keys.1)
            {
                bail!(msg!("error-signature-would-fail", reason = reason, file = SIGNERS_FILE));
            }
        }
        Ok(())
    };
    let written = repo.land(&head, &base, &commits, &check_signatures, &changed)?;
    Ok(StepResult {
        commits: written.into_iter().zip(planned.into_iter().map(|(s, _)| s)).collect(),
    })
}
