//! Writing the handbook's pages, stylesheet, scripts and search index.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use anyhow::{Result, bail};
use rayon::prelude::*;
use serde::Serialize;

use super::output::{Frame, Output};
use super::{BuildSummary, DocPage, DocRef, Site, labels};
use crate::model::clauses;
use crate::model::time_limit::DAY_HOURS;
use crate::msg;
use crate::render::templates::Templates;

/// The cover and table of contents of the printed book.
pub(super) const BOOK_TOC: &str = "book-toc.html";

/// The stylesheets and script under assets/, overridable like templates.
pub(super) const ASSETS: [&str; 3] = ["style.css", "print.css", "search.js"];

/// The search index, a script the pages load.
const SEARCH_INDEX: &str = "assets/search-index.js";

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
            type_label: &d.own.type_label,
            owner: &d.owner,
            owner_name: &d.own.owner_name,
            issue: d.issue,
            effective_date: &d.own.effective_date,
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
    let procedures: std::collections::HashSet<&str> = documents
        .iter()
        .filter(|d| d.type_id == "procedure")
        .map(|d| d.id.as_str())
        .collect();
    let parent_of = |form: &DocPage| form.links.iter().find(|l| procedures.contains(l.as_str())).cloned();
    let mut book: Vec<&DocPage> = documents.iter().filter(|d| d.type_id != "form").collect();
    book.sort_by(|a, b| {
        rank(&a.type_id)
            .cmp(&rank(&b.type_id))
            .then_with(|| crate::text::natural_cmp(&a.id, &b.id))
    });
    let mut forms: Vec<&DocPage> = documents.iter().filter(|d| d.type_id == "form").collect();
    forms.sort_by(|a, b| crate::text::natural_cmp(&a.id, &b.id));
    // Each form after its process and the forms already placed under it;
    // the others after the last document ranked before forms.
    let mut under: HashMap<String, Vec<&DocPage>> = HashMap::new();
    let mut loose = Vec::new();
    for form in forms {
        match parent_of(form) {
            Some(parent) => under.entry(parent).or_default().push(form),
            None => loose.push(form),
        }
    }
    let loose_at = book.iter().rposition(|d| rank(&d.type_id) <= rank("form")).map_or(0, |at| at + 1);
    let mut ordered = Vec::with_capacity(documents.len());
    for (at, doc) in book.iter().enumerate() {
        if at == loose_at {
            ordered.append(&mut loose);
        }
        ordered.push(*doc);
        if let Some(forms) = under.remove(&doc.id) {
            ordered.extend(forms);
        }
    }
    ordered.append(&mut loose);
    ordered
}

/// The token `book-toc.html` holds where a document's first page number
/// goes; `qms build --pdf` fills it in once the pages are counted.
pub(super) fn page_token(id: &str) -> String {
    format!("⟦page:{id}⟧")
}

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

/// A page's file name, refused unless it is one plain file name: a page is
/// never written outside the output folder, whatever id a document claims.
fn plain_name(name: &str) -> Result<&str> {
    let mut parts = Path::new(name).components();
    match (parts.next(), parts.next()) {
        (Some(std::path::Component::Normal(_)), None) if !name.contains(['\\', '\0']) => Ok(name),
        _ => bail!(msg!("error-page-outside", page = name.escape_debug())),
    }
}

/// What a document's page is made from; its key is made of the same and
/// the page's `body_key` (the body itself is not serialised for a key).
#[derive(Serialize)]
struct DocContext<'a, D> {
    site: &'a SiteView<'a>,
    doc: D,
}

/// A document with its rendered body, as templates read it (`doc.body_html`).
#[derive(Serialize)]
struct WithBody<'a> {
    #[serde(flatten)]
    page: &'a DocPage,
    body_html: &'a str,
}

fn with_body(page: &DocPage) -> WithBody<'_> {
    WithBody {
        page,
        body_html: page.body_html(),
    }
}

/// Writes the site's pages, stylesheet, scripts and search index into
/// `output`, making again only what changed; `fill` gives documents their
/// body before a file showing it is made.
pub(super) fn write(
    site: &Site,
    templates: &Templates,
    assets: &[String],
    output: &Output,
    fill: &dyn Fn(&[&DocPage]) -> Result<()>,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<BuildSummary> {
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
    let made_with = templates.fingerprint();
    let mut pages = site.documents.len();
    // A page's key is a hash of what its context is made of (`made_of`):
    // the context itself, large for a list of 10,000, is made only when
    // the page is written.
    let mut write_page = |name: &str, template: &str, made_of: u64, context: &dyn Fn() -> serde_json::Value| -> Result<()> {
        pages += 1;
        let key = crate::text::hash_of(&(made_with, template, made_of));
        output.make(name, key, |w| Ok(w.write_all(templates.render(template, &context())?.as_bytes())?))
    };

    // Only the pages whose key changed need their body; they are
    // independent, and rendered and written in parallel.
    // The site's part of every page hashed once, not with each page.
    let view_key = crate::text::hash_of(&view);
    let page_keys: Vec<u64> = site
        .documents
        .par_iter()
        .map(|page| crate::text::hash_of(&(made_with, view_key, page, page.body_key)))
        .collect();
    let mut stale = Vec::new();
    for (page, key) in site.documents.iter().zip(&page_keys) {
        if !output.keep(plain_name(&page.url)?, *key) {
            stale.push((page, *key));
        }
    }
    fill(&stale.iter().map(|(page, _)| *page).collect::<Vec<_>>())?;
    let total = stale.len();
    let done = std::sync::atomic::AtomicUsize::new(0);
    stale.par_iter().try_for_each(|(page, key)| -> Result<()> {
        let context = DocContext {
            site: &view,
            doc: with_body(page),
        };
        output.make(plain_name(&page.url)?, *key, |w| {
            Ok(w.write_all(templates.render("handbook/document.html", &context)?.as_bytes())?)
        })?;
        let count = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        progress(count, total);
        Ok(())
    })?;
    let key_of: std::collections::HashMap<&str, u64> = site.documents.iter().map(|d| d.id.as_str()).zip(page_keys).collect();

    let policy = site.documents.iter().find(|d| d.type_id == "policy");
    let manual = site.documents.iter().find(|d| d.own.clauses.iter().any(|(c, _)| c == "4.3"));
    let mut types: Vec<(String, String)> = site
        .documents
        .iter()
        .map(|d| (d.type_id.clone(), d.own.type_label.clone()))
        .collect();
    types.sort();
    types.dedup();
    // A few units own thousands of documents: each is collated once.
    let mut units: Vec<(String, String)> = site
        .documents
        .iter()
        .map(|d| (d.owner.as_str(), d.own.owner_name.as_str()))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .map(|(id, name)| (id.to_string(), name.to_string()))
        .collect();
    units.sort_by_cached_key(|(_, name)| crate::text::collation_key(name));
    units.dedup();
    fill(&policy.into_iter().collect::<Vec<_>>())?;
    let index = || serde_json::json!({ "site": &view, "policy": policy.map(with_body), "manual": manual.map(doc_ref) });
    write_page("index.html", "handbook/index.html", crate::text::hash_of(&index()), &index)?;
    // Lists get a summary of each document, not its rendered body: copying
    // every body into a template context cost hundreds of megabytes.
    let summaries: Vec<DocSummary> = site.documents.iter().map(DocSummary::from).collect();
    write_page(
        "register.html",
        "handbook/register.html",
        crate::text::hash_of(&(&view, &summaries, &types, &units)),
        &|| serde_json::json!({ "site": &view, "documents": summaries, "types": types, "units": units }),
    )?;

    // The documents naming each clause, in the site's order, found in one
    // pass (not one pass per clause: a hundred clauses times 10,000 documents).
    let mut by_clause: HashMap<&str, Vec<&DocPage>> = HashMap::new();
    for doc in &site.documents {
        for (number, _) in &doc.own.clauses {
            let naming = by_clause.entry(number.as_str()).or_default();
            // A document naming a clause twice is listed once.
            if !naming.last().is_some_and(|last| std::ptr::eq(*last, doc)) {
                naming.push(doc);
            }
        }
    }
    let rows: Vec<ClauseRow> = clauses::all()
        .iter()
        .map(|clause| {
            let documents: Vec<DocRef> = by_clause
                .get(clause.number.as_str())
                .map(|naming| naming.iter().map(|d| doc_ref(d)).collect())
                .unwrap_or_default();
            // 8.5 is met when 8.5.1 … 8.5.6 are, not only when named itself.
            let prefix = format!("{}.", clause.number);
            let through_subclauses = documents.is_empty() && by_clause.keys().any(|named| named.starts_with(&prefix));
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
        crate::text::hash_of(&(&view, &rows)),
        &|| serde_json::json!({ "site": &view, "rows": rows }),
    )?;

    // Which process implements each code, found once (not per procedure).
    let mut process_by_code: std::collections::HashMap<&str, &DocPage> = std::collections::HashMap::new();
    for doc in site.documents.iter().filter(|d| d.type_id == "procedure") {
        for (code, _) in &doc.own.tthc {
            process_by_code.entry(code.as_str()).or_insert(doc);
        }
    }
    let tthc: Vec<TthcRow> = site
        .catalog
        .procedures
        .iter()
        .map(|p| {
            let process = process_by_code.get(p.code.as_str()).copied();
            let step_days = process.and_then(|d| d.step_hours).map(|h| h / DAY_HOURS);
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
        crate::text::hash_of(&(&view, &tthc)),
        &|| serde_json::json!({ "site": &view, "rows": tthc }),
    )?;
    write_page(
        "obsolete.html",
        "handbook/obsolete.html",
        crate::text::hash_of(&(&view, &site.obsolete)),
        &|| serde_json::json!({ "site": &view, "documents": &site.obsolete }),
    )?;
    // print.html holds every document: the frame is rendered once and the
    // documents are streamed into it one by one.
    let book = book_order(&site.documents);
    let book_summaries: Vec<DocSummary> = book.iter().map(|d| DocSummary::from(*d)).collect();
    let frame_context = || serde_json::json!({ "site": &view, "documents": book_summaries });
    let frame_key = crate::text::hash_of(&(made_with, &view, &book_summaries));
    // Its key: the frame's and each document's, in the book's order.
    let print_key = crate::text::hash_of(&(frame_key, book.iter().map(|d| key_of[d.id.as_str()]).collect::<Vec<_>>()));
    // Each document's article is copied from the last print.html when its
    // page and place in the book are the same.
    let article_keys: Vec<u64> = book
        .iter()
        .enumerate()
        .map(|(index, d)| crate::text::hash_of(&(key_of[d.id.as_str()], index)))
        .collect();
    let make_frame = || -> Result<(Vec<u8>, Vec<u8>)> {
        let frame = templates.render("handbook/print.html", &frame_context())?;
        let Some((head, tail)) = frame.split_once(PRINT_MARKER) else {
            bail!(msg!("error-print-marker", marker = PRINT_MARKER));
        };
        Ok((head.as_bytes().to_vec(), tail.as_bytes().to_vec()))
    };
    let frame = Frame {
        key: frame_key,
        separator: b"",
        make: &make_frame,
    };
    output.make_parts(
        "print.html",
        print_key,
        &frame,
        &article_keys,
        &|unprinted| fill(&unprinted.iter().map(|&i| book[i]).collect::<Vec<_>>()),
        &|index| {
            let context = serde_json::json!({ "site": &view, "doc": with_body(book[index]), "index": index + 1 });
            Ok(templates.render("handbook/print_document.html", &context)?.into_bytes())
        },
    )?;
    pages += 1;
    // The cover and contents of the printed book, page numbers to be filled in.
    let tokens: Vec<String> = book.iter().map(|d| page_token(&d.id)).collect();
    output.make(BOOK_TOC, crate::text::hash_of(&(made_with, frame_key, &tokens)), |w| {
        let toc_context = serde_json::json!({ "site": &view, "documents": book_summaries, "pages": tokens });
        Ok(w.write_all(templates.render("handbook/book_toc.html", &toc_context)?.as_bytes())?)
    })?;

    // Pictures are named by their content: one file however many pages
    // show it, and a name that stays means bytes that stayed.
    let pictures: BTreeMap<&str, &[u8]> = site
        .documents
        .iter()
        .flat_map(|d| &d.pictures)
        .map(|p| (p.url.as_str(), p.bytes.as_slice()))
        .collect();
    for (url, bytes) in pictures {
        let name = format!("hinh/{}", plain_name(url.strip_prefix("hinh/").unwrap_or(url))?);
        output.make(&name, crate::text::hash_bytes(url.as_bytes()), |w| Ok(w.write_all(bytes)?))?;
    }
    for (name, text) in ASSETS.iter().zip(assets) {
        output.write(&format!("assets/{name}"), text.as_bytes())?;
    }
    // The search index changes with a document's id, title or text; an
    // entry is copied from the last index when those of its document are
    // the same. A script, not JSON fetched at run time: pages work from
    // file:// too.
    let entry_keys: Vec<u64> = site
        .documents
        .iter()
        .map(|d| crate::text::hash_of(&(&d.id, &d.title, &d.url, d.body_hash)))
        .collect();
    let search_key = crate::text::hash_of(&entry_keys);
    let frame = Frame {
        key: 0,
        separator: b",",
        make: &|| Ok((b"window.QMS_SEARCH = [".to_vec(), b"];\n".to_vec())),
    };
    output.make_parts(
        SEARCH_INDEX,
        search_key,
        &frame,
        &entry_keys,
        &|unindexed| fill(&unindexed.iter().map(|&i| &site.documents[i]).collect::<Vec<_>>()),
        &|index| {
            let d = &site.documents[index];
            let mut text = crate::text::fold(&format!("{} {} {}", d.id, d.title, d.body_text()));
            text.truncate(text.floor_char_boundary(20_000));
            let entry = SearchEntry {
                id: &d.id,
                title: &d.title,
                url: &d.url,
                text,
            };
            Ok(serde_json::to_string(&entry)?.replace("</", "<\\/").into_bytes())
        },
    )?;
    Ok(BuildSummary {
        documents: site.documents.len(),
        obsolete: site.obsolete.len(),
        pages,
        book: book.iter().map(|d| d.id.clone()).collect(),
        written: 0,
    })
}
