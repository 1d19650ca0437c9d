//! `qms log`

use anyhow::{Result, bail};

use super::output::HumanOrJson as Format;
use super::output::{BOLD, DIM, RED, paint, print, print_json};
use super::{Global, Outcome};
use crate::i18n::format::date_time_of;
use crate::msg;
use crate::repo::DocRepo;
use crate::signing::SignatureCheck;
use crate::workflow::history::{History, short};
use crate::workflow::timeline::EventJson;
use crate::workflow::trailers::{Action, Verdict};

/// The timeline of a document: every submission, review, approval,
/// withdrawal and acknowledgement, with each signature's manifestation —
/// printed name, role, date and time with time zone, meaning, commit and
/// signature status.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  qms log QT-07\n  qms log .qms/signers.yaml\n  qms log QT-07 --format json")]
pub struct Args {
    /// The document's id (or qms.yaml / .qms/signers.yaml).
    pub id: String,

    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

pub fn run(global: &Global, args: Args) -> Result<Outcome> {
    let workspace = global.workspace()?;
    let lang = global.lang_for(&workspace);
    let repo = DocRepo::open(&workspace.root)?;
    let history = History::load(&repo, None)?;
    let Some(timeline) = history.timeline(&args.id) else {
        // Make sure the id exists at all before saying it has no history.
        crate::workflow::actions::document_path(&workspace, &workspace.load_documents(), &args.id)?;
        if let Format::Json = args.format {
            print_json(&Vec::<()>::new())?;
        } else {
            global.status(format!(
                "{}: {}",
                args.id,
                lang.pick("chưa có bước xem xét, phê duyệt nào", "no workflow steps yet")
            ));
        }
        return Ok(Outcome::Success);
    };
    if let Format::Json = args.format {
        print_json(&timeline.events.iter().map(EventJson::from).collect::<Vec<_>>())?;
        return Ok(Outcome::Success);
    }
    let policy = workspace.signers().ok();
    let person = |id: &str| {
        policy
            .and_then(|p| p.person(id))
            .map(|p| p.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let role = |id: &str| {
        policy
            .and_then(|p| p.role(id))
            .map(|r| r.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let mut issue = 0;
    if timeline.events.is_empty() {
        bail!(msg!("error-no-steps", id = &args.id));
    }
    print(&paint(&args.id, BOLD, global.color))?;
    for event in &timeline.events {
        let t = &event.trailers;
        let what = match (t.action, t.verdict) {
            (Action::Submit, _) => lang.pick("trình xem xét", "submitted").to_string(),
            (Action::Review, Some(Verdict::Accept)) => lang.pick("xem xét: đồng ý", "reviewed: accepted").to_string(),
            (Action::Review, _) => lang.pick("xem xét: yêu cầu sửa", "reviewed: rejected").to_string(),
            (Action::Approve, _) if event.is_valid() => {
                issue += 1;
                format!("{} {issue}", lang.pick("phê duyệt, ban hành lần", "approved, issue"))
            }
            (Action::Approve, _) => lang.pick("phê duyệt (không hợp lệ)", "approval (invalid)").to_string(),
            (Action::Withdraw, _) => lang.pick("thu hồi, hết hiệu lực", "withdrawn").to_string(),
            (Action::Acknowledge, _) => lang.pick("đã đọc và hiểu", "acknowledged").to_string(),
            (Action::Plan, _) => lang.pick("duyệt kế hoạch khắc phục", "corrective-action plan approved").to_string(),
            (Action::Complete, _) => lang.pick("báo cáo hoàn thành hành động", "actions reported done").to_string(),
            (Action::Verify, _) => lang.pick("xác nhận hiệu lực", "effectiveness verified").to_string(),
            (Action::Close, _) => lang.pick("đóng", "closed").to_string(),
        };
        let signature = match &event.signature {
            SignatureCheck::Unsigned => lang.pick("không ký số", "unsigned").to_string(),
            SignatureCheck::Verified { format, key } => format!("{} ({format} {key})", lang.pick("chữ ký số hợp lệ", "signature verified")),
            SignatureCheck::Invalid { .. } => lang.pick("chữ ký số không hợp lệ", "bad signature").to_string(),
            SignatureCheck::Unverifiable { reason } => format!(
                "{}: {reason}",
                lang.pick("không kiểm tra được chữ ký số", "signature not checkable")
            ),
        };
        print(&format!(
            "{}  {what}  —  {} ({}), {}: {}  {}  {}",
            date_time_of(&t.signed_at, workspace.config.time_zone().as_ref(), lang),
            person(&t.signer),
            role(&t.role),
            lang.pick("ý nghĩa", "meaning"),
            t.action.meaning_message().text(lang),
            paint(short(&event.commit), DIM, global.color),
            signature
        ))?;
        if !event.text.is_empty() {
            print(&format!("    {}", event.text.replace('\n', "\n    ")))?;
        }
        for problem in &event.problems {
            print(&paint(
                &format!(
                    "    {}: {}",
                    crate::workflow::verify::Verdict::Invalid.label().text(lang),
                    problem.text(lang)
                ),
                RED,
                global.color,
            ))?;
        }
    }
    Ok(Outcome::Success)
}
