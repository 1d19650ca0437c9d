//! `qms clauses`

use anyhow::Result;

use super::output::{print, print_json, table};
use super::{Global, Outcome};
use crate::i18n;
use crate::model::clauses::{self, Clause};
use crate::model::config::Language;

/// List the clauses of TCVN ISO 9001:2015, with the audit questions qms asks.
///
/// The catalogue is built in; `check`, the handbook's clause matrix and the
/// audit checklists all use it. "maintain" marks clauses that require a
/// document, "retain" a record.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  qms clauses\n  qms clauses 8.5 --questions\n  qms clauses --format json")]
pub(crate) struct Args {
    /// Only this clause and its sub-clauses (e.g. 8.5).
    pub clause: Option<String>,
    /// One row per audit question instead of one per clause.
    #[arg(long)]
    pub questions: bool,
    /// The output format (one of the values below; json is for scripts).
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum Format {
    Table,
    Json,
}

pub(super) fn run(global: &Global, args: Args) -> Result<Outcome> {
    let lang = global
        .lang
        .or_else(|| global.workspace().ok().map(|w| w.config.language))
        .unwrap_or(Language::Vi);
    let selected: Vec<&Clause> = match &args.clause {
        Some(number) => {
            clauses::require(number)?;
            clauses::within(number).collect()
        }
        None => clauses::all().iter().collect(),
    };
    match args.format {
        Format::Json => print_json(&selected)?,
        Format::Table if args.questions => {
            let headers = vec![
                i18n::label(lang, "label-clause").to_string(),
                i18n::label(lang, "label-audit-question").to_string(),
            ];
            let rows = selected
                .iter()
                .flat_map(|c| c.questions.iter().map(|q| vec![c.number.clone(), q.text(lang).to_string()]))
                .collect();
            print(&table(headers, rows))?;
        }
        Format::Table => {
            let headers = vec![
                i18n::label(lang, "label-clause").to_string(),
                i18n::label(lang, "label-title-2").to_string(),
                i18n::label(lang, "label-documented-information").to_string(),
                i18n::label(lang, "label-questions").to_string(),
            ];
            let rows = selected
                .iter()
                .map(|c| {
                    let documented: Vec<String> = c.documented.iter().map(|d| format!("{d:?}").to_lowercase()).collect();
                    vec![
                        c.number.clone(),
                        c.title(lang).to_string(),
                        documented.join(", "),
                        c.questions.len().to_string(),
                    ]
                })
                .collect();
            print(&table(headers, rows))?;
        }
    }
    Ok(Outcome::Success)
}
