//! Writing the handbook's pages, stylesheet, scripts and search index.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use serde::Serialize;

use super::{BuildSummary, DocPage, DocRef, Site, labels};
use crate::model::clauses;
use crate::model::time_limit::{DAY_HOURS, step_table};
use crate::msg;
use crate::render::templates::{Templates, asset};

/// The cover and table of contents of the printed book.
pub(super) const BOOK_TOC: &str = "book-toc.html";

/// Where print.html's documents go.
const PRINT_MARKER: &str = "<!--qms:documents-->";

/// What lists (register, print table of contents) show of a document.
#[derive(Serialize)]
struct DocSummary<'a> {
    id: &'a str,
    title: &'a str,
    type_id: &'a str,
    type_label: &'a str,
    owner: &'a str,
    owner_name: &'a str,
    issue: u32,
    effective_date: &'a str,
    draft: bool,
    url: &'a str,
}

impl<'a> From<&'a DocPage> for DocSummary<'a> {
    fn from(d: &'a DocPage) -> Self {
        DocSummary {
            id: &d.id,
            title: &d.title,
            type_id: &d.type_id,
            type_label: &d.type_label,
            owner: &d.owner,
            owner_name: &d.owner_name,
            issue: d.issue,
            effective_date: &d.effective_date,
            draft: d.draft,
            url: &d.url,
        }
    }
}

/// The order a printed handbook follows: the manual, the policy, the
/// objectives, each process followed by its forms, then instructions,
/// plans, external documents, decisions and the rest, by id within each.
pub(super) fn book_order(documents: &[DocPage]) -> Vec<&DocPage> {
    let rank = |t: &str| match t {
        "manual" => 0,
        "policy" => 1,
        "objectives" => 2,
        "procedure" => 3,
        "instruction" => 5,
        "plan" => 6,
        "external" => 7,
        "declaration" => 8,
        "form" => 4,
        _ => 9,
    };
    let parent_of = |form: &DocPage| {
        form.links
            .iter()
            .find(|l| documents.iter().any(|d| &d.id == *l && d.type_id == "procedure"))
            .cloned()
    };
    let mut book: Vec<&DocPage> = documents.iter().filter(|d| d.type_id != "form").collect();
    book.sort_by(|a, b| {
        rank(&a.type_id)
            .cmp(&rank(&b.type_id))
            .then_with(|| crate::text::natural_cmp(&a.id, &b.id))
    });
    let mut forms: Vec<&DocPage> = documents.iter().filter(|d| d.type_id == "form").collect();
    forms.sort_by(|a, b| crate::text::natural_cmp(&a.id, &b.id));
    for form in forms {
        let parent = parent_of(form);
        let under_parent = parent.as_ref().and_then(|parent| {
            book.iter()
                .rposition(|d| &d.id == parent || (d.type_id == "form" && parent_of(d).as_ref() == Some(parent)))
        });
        let at = under_parent
            .or_else(|| book.iter().rposition(|d| rank(&d.type_id) <= rank("form")))
            .map_or(0, |at| at + 1);
        book.insert(at, form);
    }
    book
}

/// The token `book-toc.html` holds where a document's first page number
/// goes; `qms build --pdf` fills it in once the pages are counted.
pub(super) fn page_token(id: &str) -> String {
    format!("⟦page:{id}⟧")
}

/// Marks a folder as written by `qms build`, so that a rebuild may replace it.
const MARKER: &str = ".qms-handbook";

#[derive(Serialize)]
struct SiteView<'a> {
    lang: &'static str,
    labels: std::collections::BTreeMap<&'static str, &'static str>,
    organisation: &'a str,
    address: Option<&'a str>,
    superior: Option<&'a str>,
    drafts: bool,
    count: usize,
}

#[derive(Serialize)]
struct ClauseRow {
    number: String,
    title: String,
    depth: usize,
    documents: Vec<DocRef>,
    /// Neither the clause nor any of its sub-clauses has a document.
    gap: bool,
    /// No document names the clause itself, but some name its sub-clauses.
    through_subclauses: bool,
}

#[derive(Serialize)]
struct TthcRow {
    code: String,
    name: String,
    field: String,
    legal_days: Option<String>,
    process: Option<DocRef>,
    step_days: Option<String>,
    mismatch: bool,
}

#[derive(Serialize)]
struct SearchEntry<'a> {
    id: &'a str,
    title: &'a str,
    url: &'a str,
    /// Folded (no case, no diacritics) title and text.
    text: String,
}

fn doc_ref(page: &DocPage) -> DocRef {
    DocRef {
        id: page.id.clone(),
        title: page.title.clone(),
        url: page.url.clone(),
    }
}

/// `dir/name` for a page's file name, refused unless the name is one plain
/// file name: a page is never written outside the output folder, whatever
/// id a document claims.
fn inside(dir: &Path, name: &str) -> Result<std::path::PathBuf> {
    let mut parts = Path::new(name).components();
    match (parts.next(), parts.next()) {
        (Some(std::path::Component::Normal(_)), None) if !name.contains(['\\', '\0']) => Ok(dir.join(name)),
        _ => bail!(msg!("error-page-outside", page = name.escape_debug())),
    }
}

/// Writes the site into a fresh folder next to `out`, then swaps it in, so a
/// failed build leaves the previous handbook untouched.
pub(super) fn write(
    site: &Site,
    templates_dir: Option<&Path>,
    out: &Path,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<BuildSummary> {
    if out.exists() && !out.join(MARKER).exists() && fs::read_dir(out)?.next().is_some() {
        bail!(msg!("error-out-exists", path = out.display()));
    }
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(parent).with_context(|| msg!("error-create", path = parent.display()))?;
    let staging = tempfile::Builder::new().prefix(".qms-build-").tempdir_in(parent)?;
    let dir = staging.path();
    let templates = Templates::load(templates_dir)?;
    let lang = site.lang;
    let view = SiteView {
        lang: lang.code(),
        labels: labels(lang),
        organisation: &site.config.organisation.name,
        address: site.config.organisation.address.as_deref(),
        superior: site.config.organisation.superior.as_deref(),
        drafts: site.drafts,
        count: site.documents.len(),
    };
    let mut pages = site.documents.len();
    let mut write_page = |name: &str, template: &str, context: serde_json::Value| -> Result<()> {
        let html = templates.render(template, &context)?;
        fs::write(dir.join(name), html).with_context(|| msg!("error-write", path = name))?;
        pages += 1;
        Ok(())
    };

    // Document pages are independent: render and write them in parallel.
    let total = site.documents.len();
    let done = std::sync::atomic::AtomicUsize::new(0);
    site.documents.par_iter().try_for_each(|page| -> Result<()> {
        let html = templates.render("handbook/document.html", &serde_json::json!({ "site": &view, "doc": page }))?;
        fs::write(inside(dir, &page.url)?, html).with_context(|| msg!("error-write", path = &page.url))?;
        let count = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        progress(count, total);
        Ok(())
    })?;

    let policy = site.documents.iter().find(|d| d.type_id == "policy");
    let manual = site.documents.iter().find(|d| d.clauses.iter().any(|(c, _)| c == "4.3"));
    let mut types: Vec<(String, String)> = site.documents.iter().map(|d| (d.type_id.clone(), d.type_label.clone())).collect();
    types.sort();
    types.dedup();
    let mut units: Vec<(String, String)> = site.documents.iter().map(|d| (d.owner.clone(), d.owner_name.clone())).collect();
    units.sort_by_cached_key(|(_, name)| crate::text::collation_key(name));
    units.dedup();
    write_page(
        "index.html",
        "handbook/index.html",
        serde_json::json!({ "site": &view, "policy": policy, "manual": manual.map(doc_ref) }),
    )?;
    // Lists get a summary of each document, not its rendered body: copying
    // every body into a template context cost hundreds of megabytes.
    let summaries: Vec<DocSummary> = site.documents.iter().map(DocSummary::from).collect();
    write_page(
        "register.html",
        "handbook/register.html",
        serde_json::json!({ "site": &view, "documents": summaries, "types": types, "units": units }),
    )?;

    let rows: Vec<ClauseRow> = clauses::all()
        .iter()
        .map(|clause| {
            let documents: Vec<DocRef> = site
                .documents
                .iter()
                .filter(|d| d.clauses.iter().any(|(c, _)| c == &clause.number))
                .map(doc_ref)
                .collect();
            // 8.5 is met when 8.5.1 … 8.5.6 are, not only when named itself.
            let prefix = format!("{}.", clause.number);
            let through_subclauses =
                documents.is_empty() && site.documents.iter().any(|d| d.clauses.iter().any(|(c, _)| c.starts_with(&prefix)));
            ClauseRow {
                number: clause.number.clone(),
                title: clause.title(lang).to_string(),
                depth: clause.number.matches('.').count(),
                gap: documents.is_empty() && !through_subclauses,
                through_subclauses,
                documents,
            }
        })
        .collect();
    write_page(
        "clauses.html",
        "handbook/clauses.html",
        serde_json::json!({ "site": &view, "rows": rows }),
    )?;

    // Which process implements each code, found once (not per procedure).
    let mut process_by_code: std::collections::HashMap<&str, &DocPage> = std::collections::HashMap::new();
    for doc in site.documents.iter().filter(|d| d.type_id == "procedure") {
        for (code, _) in &doc.tthc {
            process_by_code.entry(code.as_str()).or_insert(doc);
        }
    }
    let tthc: Vec<TthcRow> = site
        .catalog
        .procedures
        .iter()
        .map(|p| {
            let process = process_by_code.get(p.code.as_str()).copied();
            let step_days = process.and_then(|d| step_table(&d.body_text)?.hours).map(|h| h / DAY_HOURS);
            let legal_days = p.legal_limit().map(|l| l.working_hours() / DAY_HOURS);
            // Over the limit is what matters; a process may be faster than the law.
            let mismatch = matches!((legal_days, step_days), (Some(limit), Some(steps)) if steps > limit + 1e-6);
            TthcRow {
                code: p.code.clone(),
                name: p.name.clone(),
                field: p.field.clone().unwrap_or_default(),
                legal_days: legal_days.map(|d| crate::i18n::format::number(d, lang)),
                process: process.map(doc_ref),
                step_days: step_days.map(|d| crate::i18n::format::number(d, lang)),
                mismatch,
            }
        })
        .collect();
    write_page(
        "procedures.html",
        "handbook/procedures.html",
        serde_json::json!({ "site": &view, "rows": tthc }),
    )?;
    write_page(
        "obsolete.html",
        "handbook/obsolete.html",
        serde_json::json!({ "site": &view, "documents": &site.obsolete }),
    )?;
    // print.html holds every document: the frame is rendered once and the
    // documents are streamed into it one by one.
    let book = book_order(&site.documents);
    let book_summaries: Vec<DocSummary> = book.iter().map(|d| DocSummary::from(*d)).collect();
    let frame = templates.render(
        "handbook/print.html",
        &serde_json::json!({ "site": &view, "documents": book_summaries }),
    )?;
    let Some((head, tail)) = frame.split_once(PRINT_MARKER) else {
        bail!(msg!("error-print-marker", marker = PRINT_MARKER));
    };
    let mut print = std::io::BufWriter::new(fs::File::create(dir.join("print.html")).context(msg!("error-write", path = "print.html"))?);
    print.write_all(head.as_bytes())?;
    for (index, doc) in book.iter().enumerate() {
        let article = templates.render(
            "handbook/print_document.html",
            &serde_json::json!({ "site": &view, "doc": doc, "index": index + 1 }),
        )?;
        print.write_all(article.as_bytes())?;
    }
    print.write_all(tail.as_bytes())?;
    print.flush()?;
    pages += 1;
    // The cover and contents of the printed book, page numbers to be filled in.
    let tokens: Vec<String> = book.iter().map(|d| page_token(&d.id)).collect();
    let toc = templates.render(
        "handbook/book_toc.html",
        &serde_json::json!({ "site": &view, "documents": book_summaries, "pages": tokens }),
    )?;
    fs::write(dir.join(BOOK_TOC), toc).with_context(|| msg!("error-write", path = BOOK_TOC))?;

    // Pictures are named by their content: one file however many pages show it.
    let pictures: BTreeMap<&str, &[u8]> = site
        .documents
        .iter()
        .flat_map(|d| &d.pictures)
        .map(|p| (p.url.as_str(), p.bytes.as_slice()))
        .collect();
    if !pictures.is_empty() {
        fs::create_dir_all(dir.join("hinh"))?;
    }
    for (url, bytes) in pictures {
        let file = url.strip_prefix("hinh/").unwrap_or(url);
        fs::write(inside(&dir.join("hinh"), file)?, bytes).with_context(|| msg!("error-write", path = url))?;
    }
    let assets = dir.join("assets");
    fs::create_dir_all(&assets)?;
    for name in ["style.css", "print.css", "search.js"] {
        fs::write(assets.join(name), asset(templates_dir, &format!("handbook/assets/{name}"))?)?;
    }
    let index: Vec<SearchEntry> = site
        .documents
        .iter()
        .map(|d| {
            let mut text = crate::text::fold(&format!("{} {} {}", d.id, d.title, d.body_text));
            text.truncate(text.floor_char_boundary(20_000));
            SearchEntry {
                id: &d.id,
                title: &d.title,
                url: &d.url,
                text,
            }
        })
        .collect();
    // A script, not JSON fetched at run time: pages work from file:// too.
    let json = serde_json::to_string(&index)?.replace("</", "<\\/");
    fs::write(assets.join("search-index.js"), format!("window.QMS_SEARCH = {json};\n"))?;
    fs::write(dir.join(MARKER), "Written by qms build; rebuilt as a whole.\n")?;

    // Swap the new site in.
    if out.exists() {
        fs::remove_dir_all(out).with_context(|| msg!("error-write", path = out.display()))?;
    }
    let staged = staging.keep();
    fs::rename(&staged, out).with_context(|| msg!("error-write", path = out.display()))?;
    Ok(BuildSummary {
        documents: site.documents.len(),
        obsolete: site.obsolete.len(),
        pages,
        book: book.iter().map(|d| d.id.clone()).collect(),
    })
}
