//! `qms clauses`

use anyhow::Result;

use super::output::{print, print_json, table};
use super::{Global, Outcome};
use crate::model::clauses;
use crate::model::config::Language;

/// List the clauses of TCVN ISO 9001:2015 that documents may refer to.
///
/// The catalogue is built in; `check`, the handbook and audits use it.
/// "maintain" marks clauses that require a document, "retain" a record.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  qms clauses\n  qms clauses --format json")]
pub struct Args {
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
}

pub fn run(global: &Global, args: Args) -> Result<Outcome> {
    let lang = global
        .lang
        .or_else(|| global.workspace().ok().map(|w| w.config.language))
        .unwrap_or(Language::Vi);
    match args.format {
        Format::Json => print_json(clauses::all())?,
        Format::Table => {
            let headers = vec![
                lang.pick("Điều khoản", "Clause").to_string(),
                lang.pick("Tên", "Title").to_string(),
                lang.pick("Thông tin dạng văn bản", "Documented information").to_string(),
            ];
            let rows = clauses::all()
                .iter()
                .map(|c| {
                    let documented: Vec<String> = c.documented.iter().map(|d| format!("{d:?}").to_lowercase()).collect();
                    vec![c.number.clone(), c.title(lang).to_string(), documented.join(", ")]
                })
                .collect();
            print(&table(headers, rows))?;
        }
    }
    Ok(Outcome::Success)
}
