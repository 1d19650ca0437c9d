//! `qms log`

use anyhow::{Result, bail};

use super::output::HumanOrJson as Format;
use super::output::{BOLD, DIM, RED, paint, print, print_json};
use super::{Global, Outcome};
use crate::i18n;
use crate::i18n::format::date_time_of;
use crate::msg;
use crate::workflow::history::short;
use crate::workflow::timeline::EventJson;
use crate::workflow::trailers::Action;
use crate::workflow::versions;

/// The timeline of a document: every submission, review, approval,
/// withdrawal and acknowledgement, with each signature's manifestation —
/// printed name, role, date and time with time zone, meaning, commit and
/// signature status.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  qms log QT-07\n  qms log .qms/signers.yaml\n  qms log QT-07 --format json")]
pub(crate) struct Args {
    /// The document's id (or qms.yaml / .qms/signers.yaml).
    pub id: String,

    /// The output format (one of the values below; json is for scripts).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

pub(super) fn run(global: &Global, args: Args) -> Result<Outcome> {
    let workspace = global.workspace()?;
    let lang = global.lang_for(&workspace);
    let Some(timeline) = versions::timeline(&workspace, &args.id)? else {
        if let Format::Json = args.format {
            print_json(&Vec::<()>::new())?;
        } else {
            global.status(format!("{}: {}", args.id, i18n::label(lang, "label-no-workflow-steps-yet")));
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
        let mut what = t.action.taken_label(t.verdict, event.is_valid(), lang).to_string();
        if t.action == Action::Approve && event.is_valid() {
            issue += 1;
            what.push_str(&format!(" {issue}"));
        }
        let signature = event.signature.message().text(lang);
        print(&format!(
            "{}  {what}  —  {} ({}), {}: {}  {}  {}",
            date_time_of(&t.signed_at, workspace.config.time_zone().as_ref(), lang),
            person(&t.signer),
            role(&t.role),
            i18n::label(lang, "label-meaning"),
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
