//! `qms tthc import` as a use-case: merge the agency's list of administrative
//! procedures into the catalogue, optionally plan a process document for each
//! procedure no process covers yet, write it all and commit it in one commit
//! — or, when anything fails, leave the work tree as it was.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};

use super::undo::write_and_commit;
use super::{DocumentFactory, DocumentSpec, PlannedFile};
use crate::import::{self, MergeStats};
use crate::model::catalog::{CATALOG_FILE, Catalog, Procedure};
use crate::model::config::Language;
use crate::msg;
use crate::render::templates::Templates;
use crate::repo::DocRepo;
use crate::workspace::{TEMPLATES_DIR, Workspace};

/// What `qms tthc import` is asked to do.
pub(crate) struct ProcedureImport<'a> {
    /// The list: an .xlsx/.xls/.ods/.csv export of the portal, or a catalogue YAML.
    pub file: &'a Path,
    /// Also plan a process document for every procedure without one.
    pub scaffold: bool,
    /// The unit owning those processes (default: the first of qms.yaml).
    pub owner: Option<String>,
    /// Commit the result (the catalogue must then have no uncommitted edits).
    pub commit: bool,
}

/// What the import changed.
pub(crate) struct Imported {
    pub stats: MergeStats,
    /// The process documents written.
    pub processes: usize,
}

pub(crate) fn import(workspace: &Workspace, lang: Language, request: &ProcedureImport<'_>) -> Result<Imported> {
    let imported = read_procedures(request.file)?;
    if imported.is_empty() {
        bail!(msg!("error-no-procedures", path = request.file.display()));
    }
    let repo = if request.commit {
        Some(DocRepo::open(&workspace.root)?)
    } else {
        None
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
    let planned = if request.scaffold {
        plan_processes(workspace, lang, &catalog, request.owner.as_deref())?
    } else {
        Vec::new()
    };
    let mut files: Vec<(PathBuf, &[u8])> = vec![(PathBuf::from(CATALOG_FILE), catalog_text.as_bytes())];
    files.extend(planned.iter().map(|f| (f.path.clone(), f.content.as_bytes())));
    let message = format!(
        "qms: import administrative procedures ({} added, {} updated, {} processes)",
        stats.added,
        stats.updated,
        planned.len()
    );
    write_and_commit(workspace, repo.as_ref(), &files, &message)?;
    Ok(Imported {
        stats,
        processes: planned.len(),
    })
}

fn read_procedures(path: &Path) -> Result<Vec<Procedure>> {
    let is_yaml = matches!(path.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"));
    if is_yaml {
        let text = std::fs::read_to_string(path).with_context(|| msg!("error-read", path = path.display()))?;
        return Catalog::parse(path, &text).map(|c| c.procedures).map_err(|f| anyhow!("{f}"));
    }
    import::procedures_from_rows(&import::read_rows(path)?).with_context(|| msg!("error-import", path = path.display()))
}

/// A process document for every procedure of `catalog` that no document covers.
fn plan_processes(workspace: &Workspace, lang: Language, catalog: &Catalog, owner: Option<&str>) -> Result<Vec<PlannedFile>> {
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
    let mut planned = Vec::new();
    for procedure in catalog.procedures.iter().filter(|p| !covered.contains(p.code.as_str())) {
        let spec = DocumentSpec {
            doc_type: "procedure".into(),
            title: factory.process_title(procedure),
            owner: owner.map(str::to_string),
            author: author.clone(),
            procedure: Some(procedure.clone()),
            ..Default::default()
        };
        planned.push(factory.create(&spec)?.file);
    }
    Ok(planned)
}

/// Keeps the comment lines at the top of the catalogue across rewrites.
fn header_comment(existing: &str) -> String {
    existing
        .lines()
        .take_while(|l| l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect()
}
