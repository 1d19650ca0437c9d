//! `qms tthc`

use std::path::PathBuf;

use anyhow::Result;
use clap::Subcommand;

use super::output::{print, print_json, table};
use super::{Global, Outcome};
use crate::i18n;
use crate::model::catalog::CATALOG_FILE;
use crate::scaffold::procedures::{self, ProcedureImport};

/// The catalogue of administrative procedures (thủ tục hành chính).
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  qms tthc import danh-muc-tthc.xlsx --scaffold\n  qms tthc list --format json")]
pub(crate) struct Args {
    #[command(subcommand)]
    pub command: TthcCommand,
}

#[derive(Subcommand, Debug)]
pub(crate) enum TthcCommand {
    Import(ImportArgs),
    List(ListArgs),
}

/// Import the agency's procedures into catalog/tthc.yaml.
///
/// FILE is a .csv (UTF-8, comma or semicolon), .xlsx or .yaml file, e.g. the
/// list exported from the public-service portal. Columns are recognised by
/// their headers, with or without diacritics: Mã TTHC / Mã thủ tục (code),
/// Tên thủ tục (name), Lĩnh vực (field), Thời hạn giải quyết (time limit, read
/// as working days), Phí, lệ phí (fee); other columns are ignored. Procedures
/// are merged by code: rerunning an import never duplicates anything.
///
/// With --scaffold, every procedure without a process gets one, from the
/// process template, filled with its name, code and time limit.
///
/// The changed files are committed on their own unless --no-commit is given.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  qms tthc import danh-muc-tthc.xlsx
  qms tthc import danh-muc.csv --scaffold --owner van-phong")]
pub(crate) struct ImportArgs {
    /// The procedure list exported from the public-service portal: .xlsx or .csv.
    pub file: PathBuf,

    /// Create a process document for every procedure that has none.
    #[arg(long)]
    pub scaffold: bool,

    /// The unit that owns the scaffolded processes (default: the first unit).
    #[arg(long, value_name = "UNIT")]
    pub owner: Option<String>,

    /// Write the files but do not commit them.
    #[arg(long)]
    pub no_commit: bool,
}

/// List the procedures of the catalogue with the process that implements each.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  qms tthc list\n  qms tthc list --format json")]
pub(crate) struct ListArgs {
    /// The output format (one of the values below; json is for scripts).
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum ListFormat {
    Table,
    Json,
}

pub(super) fn run(global: &Global, args: Args) -> Result<Outcome> {
    match args.command {
        TthcCommand::Import(args) => run_import(global, args),
        TthcCommand::List(args) => run_list(global, args),
    }
}

fn run_import(global: &Global, args: ImportArgs) -> Result<Outcome> {
    let workspace = global.workspace()?;
    let file = global.dir.join(&args.file);
    let request = ProcedureImport {
        file: &file,
        scaffold: args.scaffold,
        owner: args.owner,
        commit: !args.no_commit,
    };
    let imported = procedures::import(&workspace, global.lang_for(&workspace), &request)?;
    global.status(
        crate::i18n::Msg::new("status-tthc-import")
            .arg("file", CATALOG_FILE)
            .num("added", imported.stats.added as f64)
            .num("updated", imported.stats.updated as f64)
            .num("unchanged", imported.stats.unchanged as f64)
            .num("processes", imported.processes as f64),
    );
    Ok(Outcome::Success)
}

fn run_list(global: &Global, args: ListArgs) -> Result<Outcome> {
    let workspace = global.workspace()?;
    let lang = global.lang_for(&workspace);
    let catalog = workspace.catalog()?;
    let loaded = workspace.load_documents();
    let process_of = |code: &str| -> Vec<&str> {
        loaded
            .documents
            .iter()
            .filter(|d| d.front.doc_type == "procedure" && d.front.tthc.iter().any(|c| c == code))
            .map(|d| d.id())
            .collect()
    };
    match args.format {
        ListFormat::Json => {
            let rows: Vec<serde_json::Value> = catalog
                .procedures
                .iter()
                .map(|p| serde_json::json!({ "procedure": p, "processes": process_of(&p.code) }))
                .collect();
            print_json(&rows)?;
        }
        ListFormat::Table => {
            let headers = [
                i18n::label(lang, "label-code"),
                i18n::label(lang, "label-procedure"),
                i18n::label(lang, "label-field-3"),
                i18n::label(lang, "label-limit-days"),
                i18n::label(lang, "label-process-2"),
            ]
            .map(str::to_string)
            .to_vec();
            let rows = catalog
                .procedures
                .iter()
                .map(|p| {
                    vec![
                        p.code.clone(),
                        p.name.clone(),
                        p.field.clone().unwrap_or_default(),
                        p.time_limit_days.map(|d| d.to_string()).unwrap_or_default(),
                        process_of(&p.code).join(", "),
                    ]
                })
                .collect();
            print(&table(headers, rows))?;
        }
    }
    Ok(Outcome::Success)
}
