//! `qms show`

use anyhow::{Context, Result};
use serde::Serialize;

use super::output::{BOLD, paint, print, print_json};
use super::{Global, Outcome};
use crate::i18n;
use crate::i18n::format::date_of;
use crate::model::document::Document;
use crate::model::signers::SignerPolicy;
use crate::msg;
use crate::workflow::history::Issue;
use crate::workflow::register::{self, Entry, GitView, open_repo};

/// Show one document: its front-matter, state and issues, then its text.
///
/// Without --issue the text is the working tree's; with --issue N it is read
/// from git objects exactly as approved in issue N.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  qms show QT-07\n  qms show QT-07 --issue 1\n  qms show CSCL-01 --format json")]
pub(crate) struct Args {
    /// The document's id, e.g. QT-07.
    pub id: String,

    /// Show the text of this issue, as approved.
    #[arg(long, value_name = "N")]
    pub issue: Option<u32>,

    /// The output format (one of the values below; json is for scripts).
    #[arg(long, value_enum, default_value_t = Format::Md)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum Format {
    Md,
    Json,
}

#[derive(Serialize)]
struct Json<'a> {
    #[serde(flatten)]
    document: &'a Document,
    #[serde(flatten)]
    entry: &'a Entry<'a>,
    issues: &'a [Issue],
}

pub(super) fn run(global: &Global, args: Args) -> Result<Outcome> {
    let workspace = global.workspace()?;
    let lang = global.lang_for(&workspace);
    let loaded = workspace.load_documents();
    let doc = loaded.by_id(&args.id)?.clone();
    let repo = open_repo(&workspace)?;
    let git = repo.as_ref().map(GitView::load).transpose()?;
    let docs = [doc];
    let entries = register::build(&docs, git.as_ref());
    let entry = &entries[0];
    let issues = git
        .as_ref()
        .and_then(|g| g.timeline(&args.id))
        .map(|t| t.issues())
        .unwrap_or_default();

    let mut shown = docs[0].clone();
    if let Some(n) = args.issue {
        let issue = git
            .as_ref()
            .and_then(|g| g.timeline(&args.id))
            .ok_or_else(|| msg!("error-no-issue", id = &args.id))?
            .issue(n)?;
        let repo = repo.as_ref().context(msg!("error-not-git"))?;
        let bytes = repo.read_blob(&issue.blob)?;
        shown = Document::parse_bytes(&shown.path, &bytes)
            .into_result()
            .map_err(|e| msg!("error-issue-unreadable", issue = n, id = &args.id, problem = e))?;
    }

    if let Format::Json = args.format {
        print_json(&Json {
            document: &shown,
            entry,
            issues: &issues,
        })?;
        return Ok(Outcome::Success);
    }
    let front = &shown.front;
    let zone = workspace.config.time_zone();
    let people = |specs: &[String]| -> String {
        let policy = workspace.signers().ok();
        specs
            .iter()
            .map(|spec| SignerPolicy::display_name_in(policy, spec))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let types = workspace.config.document_types();
    let type_label = types
        .iter()
        .find(|t| t.id == front.doc_type)
        .map(|t| t.label(lang).to_string())
        .unwrap_or_else(|| front.doc_type.clone());
    let owner = workspace
        .config
        .unit(&front.owner)
        .map(|u| u.name.clone())
        .unwrap_or_else(|| front.owner.clone());
    let rows = [
        (i18n::label(lang, "label-id-2"), front.id.clone()),
        (i18n::label(lang, "label-type"), type_label),
        (i18n::label(lang, "label-owner"), owner),
        (i18n::label(lang, "label-state"), entry.state_label(lang)),
        (
            i18n::label(lang, "label-effective-since"),
            entry
                .state
                .effective_since
                .as_deref()
                .map(|d| date_of(d, zone.as_ref(), lang))
                .unwrap_or_default(),
        ),
        (i18n::label(lang, "label-waiting-for"), people(&entry.waiting_for)),
        (i18n::label(lang, "label-author"), people(front.author.as_slice())),
        (i18n::label(lang, "label-reviewers"), people(&front.reviewers)),
        (i18n::label(lang, "label-approvers"), people(&front.approvers)),
        (i18n::label(lang, "label-iso-clauses"), front.clauses.join(", ")),
        (i18n::label(lang, "label-tthc-codes"), front.tthc.join(", ")),
        (i18n::label(lang, "label-links"), front.links.join(", ")),
        (i18n::label(lang, "label-file"), shown.path.display().to_string()),
    ];
    let heading = match args.issue {
        Some(n) => format!("{} — {} ({} {n})", front.id, front.title, i18n::label(lang, "label-issue")),
        None => format!("{} — {}", front.id, front.title),
    };
    print(&paint(&heading, BOLD, global.color))?;
    print("")?;
    print(&format!("| {} | |\n|---|---|", i18n::label(lang, "label-field-2")))?;
    for (label, value) in rows.iter().filter(|(_, v)| !v.is_empty()) {
        print(&format!("| {label} | {} |", value.replace('|', "\\|")))?;
    }
    if !issues.is_empty() {
        print("")?;
        print(&format!(
            "| {} | {} | {} | {} |\n|---|---|---|---|",
            i18n::label(lang, "label-issue-3"),
            i18n::label(lang, "label-date-2"),
            i18n::label(lang, "label-summary-of-change"),
            i18n::label(lang, "label-approved-by")
        ))?;
        for issue in &issues {
            print(&format!(
                "| {} | {} | {} | {} |",
                issue.number,
                date_of(&issue.approved_at, zone.as_ref(), lang),
                issue.summary.replace('\n', " ").replace('|', "\\|"),
                people(std::slice::from_ref(&issue.approver))
            ))?;
        }
    }
    print("")?;
    print(shown.body.trim_end())?;
    Ok(Outcome::Success)
}
