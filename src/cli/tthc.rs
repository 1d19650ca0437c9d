//! `qms tthc`

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use clap::Subcommand;

use super::output::{print, print_json, table};
use super::{Global, Outcome};
use crate::i18n;
use crate::import;
use crate::model::catalog::{CATALOG_FILE, Catalog};
use crate::msg;
use crate::render::templates::Templates;
use crate::repo::DocRepo;
use crate::scaffold::undo::Undo;
use crate::scaffold::{DocumentFactory, DocumentSpec};
use crate::workspace::{TEMPLATES_DIR, Workspace};

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

fn read_procedures(path: &Path) -> Result<Vec<crate::model::catalog::Procedure>> {
    let is_yaml = matches!(path.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"));
    if is_yaml {
        let text = std::fs::read_to_string(path).with_context(|| msg!("error-read", path = path.display()))?;
        return Catalog::parse(path, &text).map(|c| c.procedures).map_err(|f| anyhow!("{f}"));
    }
    import::procedures_from_rows(&import::read_rows(path)?).with_context(|| msg!("error-import", path = path.display()))
}

fn run_import(global: &Global, args: ImportArgs) -> Result<Outcome> {
    let workspace = global.workspace()?;
    let lang = global.lang_for(&workspace);
    let imported = read_procedures(&global.dir.join(&args.file))?;
    if imported.is_empty() {
        bail!(msg!("error-no-procedures", path = args.file.display()));
    }
    let repo = if args.no_commit {
        None
    } else {
        Some(DocRepo::open(&workspace.root)?)
    };
    if let Some(repo) = &repo
        && repo.is_dirty(Path::new(CATALOG_FILE))?
    {
        bail!(msg!("error-catalogue-dirty", file = CATALOG_FILE));
    }
    let mut catalog = workspace.catalog()?.clone();
    let stats = import::merge(&mut catalog, imported);
    let catalog_text = format!(
        "{}{}",
        header_comment(workspace.catalog_text()),
        crate::model::yaml::to_string(&catalog)?
    );

    let mut planned = Vec::new();
    if args.scaffold {
        let loaded = workspace.load_documents();
        let covered: HashSet<&str> = loaded
            .documents
            .iter()
            .flat_map(|d| d.front.tthc.iter().map(String::as_str))
            .collect();
        let templates = Templates::load(Some(&workspace.root.join(TEMPLATES_DIR)))?;
        let now = workspace.now()?;
        let policy = workspace.signers()?;
        let mut factory = DocumentFactory::new(&workspace.config, policy, &templates, lang, now.date());
        factory.know(&loaded.documents);
        let author = workspace.acting_person()?.map(|p| p.id.clone());
        for procedure in catalog.procedures.iter().filter(|p| !covered.contains(p.code.as_str())) {
            planned.push(
                factory
                    .create(&DocumentSpec {
                        doc_type: "procedure".into(),
                        title: factory.process_title(procedure),
                        owner: args.owner.clone(),
                        author: author.clone(),
                        procedure: Some(procedure.clone()),
                        ..Default::default()
                    })?
                    .file,
            );
        }
    }

    let mut undo = Undo::default();
    let result = write_and_commit(&workspace, repo.as_ref(), &catalog_text, &planned, &mut undo, &stats);
    if let Err(e) = result {
        undo.run();
        return Err(e.context(msg!("error-nothing-changed")));
    }
    global.status(
        crate::i18n::Msg::new("status-tthc-import")
            .arg("file", CATALOG_FILE)
            .num("added", stats.added as f64)
            .num("updated", stats.updated as f64)
            .num("unchanged", stats.unchanged as f64)
            .num("processes", planned.len() as f64),
    );
    Ok(Outcome::Success)
}

fn write_and_commit(
    workspace: &Workspace,
    repo: Option<&DocRepo>,
    catalog_text: &str,
    planned: &[crate::scaffold::PlannedFile],
    undo: &mut Undo,
    stats: &import::MergeStats,
) -> Result<()> {
    undo.write(&workspace.root.join(CATALOG_FILE), catalog_text.as_bytes())?;
    for file in planned {
        undo.write(&workspace.root.join(&file.path), file.content.as_bytes())?;
    }
    if let Some(repo) = repo {
        let mut paths: Vec<PathBuf> = vec![PathBuf::from(CATALOG_FILE)];
        paths.extend(planned.iter().map(|f| f.path.clone()));
        let identity = repo.identity_or_configured(workspace.acting_person().ok().flatten().map(|p| p.identity()));
        let message = format!(
            "qms: import administrative procedures ({} added, {} updated, {} processes)",
            stats.added,
            stats.updated,
            planned.len()
        );
        repo.commit_files(&paths, &message, &identity, &workspace.now()?)?;
    }
    Ok(())
}

/// Keeps the comment lines at the top of the catalogue across rewrites.
fn header_comment(existing: &str) -> String {
    existing
        .lines()
        .take_while(|l| l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect()
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
