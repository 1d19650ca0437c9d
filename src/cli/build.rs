//! `qms build`

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Result;

use super::{Global, Outcome};
use crate::handbook::{self, BuildOptions};
use crate::i18n::Msg;

/// Publish the handbook: a static HTML site of the effective documents.
///
/// Reads the effective issue of every document from git objects — never the
/// working tree, so an unapproved edit never appears. Writes a home page, the
/// register of documents (filterable by type and unit), a page per document
/// with its header block, signatures and revision table, the ISO 9001 clause
/// matrix, the index of administrative procedures (legal time limit next to
/// the process's total step time), the obsolete documents, a printable
/// print.html, and an offline search. The site works from file:// and from any
/// web server, with no network access.
///
/// A reference to a document with no effective issue stops the build with the
/// list of every such reference. Templates under the repository's
/// templates/handbook/ replace the built-in ones (`qms templates eject`).
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  qms build
  qms build --out /var/www/so-tay --pdf
  qms build --drafts              include unapproved drafts, marked BẢN NHÁP / DRAFT")]
pub(crate) struct Args {
    /// Where to write the site (default: public/ in the repository).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// Include documents with no effective issue, marked as drafts.
    #[arg(long)]
    pub drafts: bool,

    /// Also write handbook.pdf through headless Chromium.
    #[arg(long)]
    pub pdf: bool,
}

pub(super) fn run(global: &Global, args: Args) -> Result<Outcome> {
    let workspace = global.workspace()?;
    let out = match args.out {
        Some(out) => global.dir.join(out),
        None => workspace.root.join("public"),
    };
    let options = BuildOptions {
        out: out.clone(),
        drafts: args.drafts,
        lang: global.lang_for(&workspace),
        links_must_resolve: true,
        latest_text: false,
    };
    let started = Instant::now();
    let bar = global.progress(0, "pages");
    // A small handbook is written before a bar would be seen.
    let progress = |done: usize, total: usize| {
        if total >= 200 {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        }
    };
    let summary = handbook::build(&workspace.root, &options, &progress)?;
    bar.finish_and_clear();
    global.status(
        Msg::new("status-built")
            .num("documents", summary.documents as f64)
            .num("obsolete", summary.obsolete as f64)
            .num("pages", summary.pages as f64)
            .num("seconds", started.elapsed().as_secs_f64())
            .arg("path", out.join("index.html").display()),
    );
    if args.pdf {
        let pdf = out.join("handbook.pdf");
        if handbook::pdf::print_book(&out, &summary.book, &pdf)? == handbook::pdf::Pagination::Continuous {
            global.status(Msg::new("status-pdf-continuous").num("limit", handbook::pdf::PER_DOCUMENT_LIMIT as f64));
        }
        global.status(Msg::new("status-wrote").arg("path", pdf.display()));
    }
    Ok(Outcome::Success)
}
