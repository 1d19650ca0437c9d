//! `qms legal`

use anyhow::{Result, anyhow};
use clap::Subcommand;

use super::output::{print, print_json, table};
use super::{Global, Outcome};
use crate::finding::Findings;
use crate::i18n;
use crate::model::config::Language;
use crate::model::legal::{ExternalDocument, LEGAL_FILE, external_documents};
use crate::msg;

/// The register of legal texts (catalog/legal.yaml): the laws, decrees and
/// circulars the QMS relies on, whether each is in force, and who cites it.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  qms legal list\n  qms legal list --format md > BM-01-02.md")]
pub(crate) struct Args {
    #[command(subcommand)]
    pub command: LegalCommand,
}

#[derive(Subcommand, Debug)]
pub(crate) enum LegalCommand {
    List(ListArgs),
}

/// List the register as the list of external documents (form BM-01-02).
///
/// Each text with its number, issuer, date, status (in force, amended,
/// replaced and by what) and the documents that cite it. `--format md`
/// writes the filled form BM-01-02, to print or keep as a record; `json`
/// is for scripts. The register is edited as a file and approved like a
/// document; `qms check` warns on citations of replaced or unknown texts.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  qms legal list
  qms legal list --format md > danh-muc-tai-lieu-ben-ngoai.md
  qms legal list --format json")]
pub(crate) struct ListArgs {
    /// The output format (one of the values below; md is the form, json is for scripts).
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum ListFormat {
    Table,
    /// Form BM-01-02 in Markdown.
    Md,
    Json,
}

pub(super) fn run(global: &Global, args: Args) -> Result<Outcome> {
    match args.command {
        LegalCommand::List(args) => list(global, args),
    }
}

fn list(global: &Global, args: ListArgs) -> Result<Outcome> {
    let workspace = global.workspace()?;
    let lang = global.lang_for(&workspace);
    let register = workspace
        .legal_register()
        .ok_or_else(|| anyhow!(msg!("error-no-legal-register", file = LEGAL_FILE)))?
        .map_err(|finding| anyhow!(Findings(vec![finding])))?;
    let loaded = workspace.load_documents();
    let entries = external_documents(&register, loaded.documents.iter().map(|d| (d.id(), d.body.as_str())));
    match args.format {
        ListFormat::Json => print_json(&entries)?,
        ListFormat::Table => {
            let headers = [
                "label-no",
                "label-legal-number",
                "label-legal-title",
                "label-legal-status",
                "label-legal-cited-by",
            ]
            .map(|id| i18n::label(lang, id).to_string())
            .to_vec();
            let rows = entries
                .iter()
                .enumerate()
                .map(|(i, e)| {
                    vec![
                        (i + 1).to_string(),
                        e.text.number.clone(),
                        format!("{} {}", e.text.kind, e.text.title),
                        e.text.status_text(lang),
                        e.cited_by.join(", "),
                    ]
                })
                .collect();
            print(&table(headers, rows))?;
        }
        ListFormat::Md => print(&form(&workspace.config.organisation.name, &entries, lang))?,
    }
    Ok(Outcome::Success)
}

/// Form BM-01-02 (Danh mục tài liệu có nguồn gốc bên ngoài), its columns in
/// the form's order.
fn form(organisation: &str, entries: &[ExternalDocument<'_>], lang: Language) -> String {
    let rows: Vec<Vec<String>> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            vec![
                (i + 1).to_string(),
                format!("{} {}", e.text.kind, e.text.title),
                e.text.number.clone(),
                e.text
                    .date
                    .as_deref()
                    .map(|d| i18n::format::date_of(d, None, lang))
                    .unwrap_or_default(),
                e.text.issuer.clone(),
                e.text.kept_at.clone().unwrap_or_default(),
                e.text.status_text(lang),
            ]
        })
        .collect();
    let headers = [
        "label-no",
        "label-legal-title",
        "label-legal-number",
        "label-legal-date",
        "label-legal-issuer",
        "label-legal-kept-at",
        "label-legal-status",
    ]
    .map(|id| i18n::label(lang, id));
    format!(
        "# {} (BM-01-02)\n\n**{}** {organisation}\n\n{}",
        i18n::label(lang, "label-external-documents"),
        i18n::label(lang, "label-legal-organisation"),
        crate::text::markdown_table(&headers, &rows)
    )
    .trim_end()
    .to_string()
}
