//! `qms show`

use anyhow::{Context, Result};
use serde::Serialize;

use super::list::state_label;
use super::output::{BOLD, paint, print, print_json};
use super::{Global, Outcome};
use crate::i18n::format::date_of;
use crate::model::document::Document;
use crate::msg;
use crate::workflow::history::Issue;
use crate::workflow::register::{self, Entry, GitView, open_repo};

/// Show one document: its front-matter, state and issues, then its text.
///
/// Without --issue the text is the working tree's; with --issue N it is read
/// from git objects exactly as approved in issue N.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  qms show QT-07\n  qms show QT-07 --issue 1\n  qms show CSCL-01 --format json")]
pub struct Args {
    /// The document's id, e.g. QT-07.
    pub id: String,

    /// Show the text of this issue, as approved.
    #[arg(long, value_name = "N")]
    pub issue: Option<u32>,

    #[arg(long, value_enum, default_value_t = Format::Md)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
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

pub fn run(global: &Global, args: Args) -> Result<Outcome> {
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
            .map(|spec| policy.map_or(spec.as_str(), |p| p.display_name(spec)))
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
        (lang.pick("Mã số", "Id"), front.id.clone()),
        (lang.pick("Loại", "Type"), type_label),
        (lang.pick("Đơn vị", "Owner"), owner),
        (lang.pick("Trạng thái", "State"), state_label(entry, lang)),
        (
            lang.pick("Ngày hiệu lực", "Effective since"),
            entry
                .state
                .effective_since
                .as_deref()
                .map(|d| date_of(d, zone.as_ref(), lang))
                .unwrap_or_default(),
        ),
        (lang.pick("Đang chờ", "Waiting for"), people(&entry.waiting_for)),
        (lang.pick("Người soạn thảo", "Author"), people(front.author.as_slice())),
        (lang.pick("Người xem xét", "Reviewers"), people(&front.reviewers)),
        (lang.pick("Người phê duyệt", "Approvers"), people(&front.approvers)),
        (lang.pick("Điều khoản ISO", "ISO clauses"), front.clauses.join(", ")),
        (lang.pick("Mã TTHC", "TTHC codes"), front.tthc.join(", ")),
        (lang.pick("Liên kết", "Links"), front.links.join(", ")),
        (lang.pick("Tệp", "File"), shown.path.display().to_string()),
    ];
    let heading = match args.issue {
        Some(n) => format!("{} — {} ({} {n})", front.id, front.title, lang.pick("lần ban hành", "issue")),
        None => format!("{} — {}", front.id, front.title),
    };
    print(&paint(&heading, BOLD, global.color))?;
    print("")?;
    print(&format!("| {} | |\n|---|---|", lang.pick("Thông tin", "Field")))?;
    for (label, value) in rows.iter().filter(|(_, v)| !v.is_empty()) {
        print(&format!("| {label} | {} |", value.replace('|', "\\|")))?;
    }
    if !issues.is_empty() {
        print("")?;
        print(&format!(
            "| {} | {} | {} | {} |\n|---|---|---|---|",
            lang.pick("Lần", "Issue"),
            lang.pick("Ngày", "Date"),
            lang.pick("Tóm tắt sửa đổi", "Summary of change"),
            lang.pick("Người phê duyệt", "Approved by")
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
