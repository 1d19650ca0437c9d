//! `qms show`

use anyhow::{Result, bail};
use serde::Serialize;

use super::list::{file_states, state_label};
use super::output::{BOLD, paint, print, print_json};
use super::{Global, Outcome};
use crate::model::document::Document;
use crate::repo::FileState;

/// Show one document: a summary of its front-matter, then its text.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  qms show QT-07\n  qms show CSCL-01 --format json")]
pub struct Args {
    /// The document's id, e.g. QT-07.
    pub id: String,

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
    state: FileState,
}

pub fn run(global: &Global, args: Args) -> Result<Outcome> {
    let workspace = global.workspace()?;
    let lang = global.lang_for(&workspace);
    let loaded = workspace.load_documents();
    let matches: Vec<&Document> = loaded
        .documents
        .iter()
        .filter(|d| d.id() == args.id)
        .collect();
    let doc = match matches.as_slice() {
        [doc] => *doc,
        [] => {
            let ids: Vec<&str> = loaded.documents.iter().map(Document::id).collect();
            match crate::model::document::closest(&args.id, &ids) {
                Some(near) => bail!("no document has the id {}; did you mean {near}?", args.id),
                None => bail!(
                    "no document has the id {}; `qms list` shows the ids",
                    args.id
                ),
            }
        }
        several => {
            let paths: Vec<String> = several
                .iter()
                .map(|d| d.path.display().to_string())
                .collect();
            bail!(
                "the id {} is used by several files: {}; run `qms check`",
                args.id,
                paths.join(", ")
            );
        }
    };
    let state = file_states(&workspace)
        .get(&doc.path)
        .copied()
        .unwrap_or(FileState::Committed);
    if let Format::Json = args.format {
        print_json(&Json {
            document: doc,
            state,
        })?;
        return Ok(Outcome::Success);
    }
    let front = &doc.front;
    let people = |specs: &[String]| -> String {
        let policy = workspace.signers().ok();
        specs
            .iter()
            .map(|spec| match (policy, spec.strip_prefix("role:")) {
                (Some(p), Some(role)) => p
                    .role(role)
                    .map(|r| r.name.clone())
                    .unwrap_or_else(|| spec.clone()),
                (Some(p), None) => p
                    .person(spec)
                    .map(|x| x.name.clone())
                    .unwrap_or_else(|| spec.clone()),
                _ => spec.clone(),
            })
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
        (
            lang.pick("Người soạn thảo", "Author"),
            people(front.author.as_slice()),
        ),
        (
            lang.pick("Người xem xét", "Reviewers"),
            people(&front.reviewers),
        ),
        (
            lang.pick("Người phê duyệt", "Approvers"),
            people(&front.approvers),
        ),
        (
            lang.pick("Điều khoản ISO", "ISO clauses"),
            front.clauses.join(", "),
        ),
        (lang.pick("Mã TTHC", "TTHC codes"), front.tthc.join(", ")),
        (lang.pick("Liên kết", "Links"), front.links.join(", ")),
        (
            lang.pick("Tệp", "File"),
            format!(
                "{} ({})",
                doc.path.display(),
                state_label(Some(state), lang)
            ),
        ),
    ];
    print(&paint(
        &format!("{} — {}", front.id, front.title),
        BOLD,
        global.color,
    ))?;
    print("")?;
    print(&format!(
        "| {} | |\n|---|---|",
        lang.pick("Thông tin", "Field")
    ))?;
    for (label, value) in rows.iter().filter(|(_, v)| !v.is_empty()) {
        print(&format!("| {label} | {} |", value.replace('|', "\\|")))?;
    }
    print("")?;
    print(doc.body.trim_end())?;
    Ok(Outcome::Success)
}
