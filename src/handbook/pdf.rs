//! `qms build --pdf`: the printed handbook through headless Chromium.
//!
//! Each document is printed from its own page, so that its header and
//! footer number its own pages (`Trang 2/5`, restarting with every
//! document); the cover and a table of contents with each document's first
//! page come first, and the parts are joined into one PDF with lopdf (the
//! only module that touches it).

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};
use lopdf::{Document, Object, ObjectId, dictionary};
use rayon::prelude::*;

use super::pages::{BOOK_TOC, page_token};

const BROWSERS: &[&str] = &["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

fn find_browser() -> Option<String> {
    if let Ok(path) = std::env::var("QMS_CHROMIUM") {
        return Some(path);
    }
    let path = std::env::var_os("PATH")?;
    BROWSERS
        .iter()
        .find_map(|name| std::env::split_paths(&path).map(|dir| dir.join(name)).find(|p| p.is_file()))
        .map(|p| p.display().to_string())
}

/// Writes `pdf`: the cover and paginated contents of `out` (a built
/// handbook), then every document of `book`, in that order, each numbering
/// its own pages.
///
/// Printing one page costs a browser start (about half a second), so a book
/// of more than [`PER_DOCUMENT_LIMIT`] documents is printed from print.html
/// in one pass instead, numbered straight through; the outcome says which.
pub(crate) fn print_book(out: &Path, book: &[String], pdf: &Path) -> Result<Pagination> {
    let Some(browser) = find_browser() else {
        bail!(crate::msg!("error-no-chromium", browsers = BROWSERS.join(", ")));
    };
    if book.len() > PER_DOCUMENT_LIMIT {
        print_page(&browser, &out.join("print.html"), pdf)?;
        return Ok(Pagination::Continuous);
    }
    let parts = tempfile::tempdir()?;
    let documents: Vec<PathBuf> = book
        .par_iter()
        .enumerate()
        .map(|(i, id)| {
            let part = parts.path().join(format!("{i:05}.pdf"));
            print_page(&browser, &out.join(format!("{id}.html")), &part)?;
            Ok(part)
        })
        .collect::<Result<_>>()?;
    let counts = documents.iter().map(|p| page_count(p)).collect::<Result<Vec<usize>>>()?;
    // The contents' own length moves every number after it: count it, and
    // print it again if the guess was wrong.
    let template = std::fs::read_to_string(out.join(BOOK_TOC)).with_context(|| crate::msg!("error-read", path = BOOK_TOC))?;
    let toc_html = out.join(".book-toc-numbered.html");
    let toc_pdf = parts.path().join("toc.pdf");
    let mut toc_pages = 1;
    for _ in 0..3 {
        let mut page = toc_pages + 1;
        let mut text = template.clone();
        for (id, count) in book.iter().zip(&counts) {
            text = text.replace(&page_token(id), &page.to_string());
            page += count;
        }
        std::fs::write(&toc_html, text)?;
        print_page(&browser, &toc_html, &toc_pdf)?;
        let printed = page_count(&toc_pdf)?;
        if printed == toc_pages {
            break;
        }
        toc_pages = printed;
    }
    let _ = std::fs::remove_file(&toc_html);
    let mut all = vec![toc_pdf];
    all.extend(documents);
    concatenate(&all, pdf)?;
    Ok(Pagination::PerDocument)
}

/// How a printed book numbers its pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pagination {
    /// Each document from its page 1, after a paginated table of contents.
    PerDocument,
    /// Straight through the whole book (a very large one).
    Continuous,
}

pub(crate) const PER_DOCUMENT_LIMIT: usize = 400;

fn page_count(pdf: &Path) -> Result<usize> {
    let document = Document::load(pdf).with_context(|| crate::msg!("error-read", path = pdf.display()))?;
    Ok(document.get_pages().len())
}

/// Joins PDFs one after the other. Each keeps its pages as printed; a page
/// that took its size or resources from its old page tree gets them itself.
fn concatenate(parts: &[PathBuf], out: &Path) -> Result<()> {
    let mut merged = Document::with_version("1.5");
    let pages_id = merged.new_object_id();
    let mut next_id = pages_id.0 + 1;
    let mut kids: Vec<Object> = Vec::new();
    for part in parts {
        let mut document = Document::load(part).with_context(|| crate::msg!("error-read", path = part.display()))?;
        document.renumber_objects_with(next_id);
        next_id = document.max_id + 1;
        let pages: Vec<ObjectId> = document.get_pages().into_values().collect();
        for page in &pages {
            for key in [b"MediaBox".as_slice(), b"Resources", b"CropBox", b"Rotate"] {
                if let Some(value) = inherited(&document, *page, key)
                    && let Ok(dictionary) = document.get_object_mut(*page).and_then(Object::as_dict_mut)
                    && !dictionary.has(key)
                {
                    dictionary.set(key, value);
                }
            }
        }
        for (id, object) in document.objects {
            let skipped = matches!(object.type_name(), Ok(b"Catalog" | b"Pages" | b"Outlines" | b"Outline"));
            if !skipped {
                merged.objects.insert(id, object);
            }
        }
        for page in pages {
            if let Ok(dictionary) = merged.get_object_mut(page).and_then(Object::as_dict_mut) {
                dictionary.set("Parent", pages_id);
            }
            kids.push(page.into());
        }
    }
    let count = kids.len() as i64;
    merged.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    merged.max_id = next_id;
    let catalog = merged.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    merged.trailer.set("Root", catalog);
    merged.compress();
    merged.save(out).with_context(|| crate::msg!("error-write", path = out.display()))?;
    Ok(())
}

/// A page's attribute, from the page or the nearest of its page-tree parents.
fn inherited(document: &Document, page: ObjectId, key: &[u8]) -> Option<Object> {
    let mut node = document.get_dictionary(page).ok()?;
    for _ in 0..32 {
        if let Ok(value) = node.get(key) {
            return Some(value.clone());
        }
        let parent = node.get(b"Parent").and_then(Object::as_reference).ok()?;
        node = document.get_dictionary(parent).ok()?;
    }
    None
}

/// Prints one page of the built handbook to `pdf` with the browser's own engine.
fn print_page(browser: &str, page: &Path, pdf: &Path) -> Result<()> {
    let profile = tempfile::tempdir()?;
    let url = format!("file://{}", page.canonicalize()?.display());
    let output = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(url)
        .output()
        .with_context(|| crate::msg!("error-run-browser", browser = browser))?;
    if !pdf.is_file() {
        bail!(crate::msg!(
            "error-browser-no-pdf",
            browser = browser,
            path = pdf.display(),
            output = String::from_utf8_lossy(&output.stderr).lines().last().unwrap_or_default()
        ));
    }
    Ok(())
}
