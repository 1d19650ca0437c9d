//! `qms serve`

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use anyhow::Result;

use super::{Global, Outcome};
use crate::i18n::Msg;
use crate::preview::{self, Event, PreviewOptions};

/// Preview the handbook while you write: a web server on this machine.
///
/// Builds the handbook as `qms build` does (into a temporary folder, or
/// --out) and serves it at http://127.0.0.1:PORT/. Every change to the
/// repository — a commit, an approval, a template — is rebuilt (only what it
/// touched) and the page open in the browser reloads by itself; a rebuild
/// that fails keeps the last handbook and shows why on the page. With
/// --drafts, the latest text of every document is shown, with the draft
/// banner where it is not the effective issue: documents never approved,
/// revisions committed but not yet approved, and files saved but not
/// committed.
/// /__qms/status lists the repository's `qms check` findings and `qms
/// status`.
///
/// Only this machine can connect unless --bind names another address; only
/// files of the site folder are served. Ctrl+C stops the server.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  qms serve
  qms serve --drafts               show drafts and uncommitted edits as you write
  qms serve --port 0               any free port (printed)
  qms serve --bind 0.0.0.0         open the preview to the local network")]
pub(crate) struct Args {
    /// Show the latest text of every document (never approved, revised but
    /// not approved, or saved but not committed), marked as a draft.
    #[arg(long)]
    pub drafts: bool,

    /// The port to listen on (0: any free port).
    #[arg(long, default_value_t = 3000)]
    pub port: u16,

    /// The address to listen on; anything but a loopback address lets other
    /// machines read the preview.
    #[arg(long, value_name = "ADDR", default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    pub bind: IpAddr,

    /// Build into DIR and keep it (the next `serve` or `build --out DIR`
    /// starts from it); default: a temporary folder removed on stop.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

pub(super) fn run(global: &Global, args: Args) -> Result<Outcome> {
    let workspace = global.workspace()?;
    if !args.bind.is_loopback() {
        global.warning(Msg::new("serve-open-to-network").arg("address", args.bind));
    }
    let options = PreviewOptions {
        root: workspace.root.clone(),
        out: args.out.map(|out| global.dir.join(out)),
        drafts: args.drafts,
        lang: global.lang_for(&workspace),
        address: SocketAddr::new(args.bind, args.port),
    };
    preview::serve(options, &|event| match event {
        // The address is what a script waits for: it goes out even with --quiet.
        Event::Serving { url, summary } => global.notice(
            Msg::new("status-serving")
                .num("documents", summary.documents as f64)
                .arg("url", url),
        ),
        Event::Rebuilt { summary, took } => global.status(
            Msg::new("status-serve-rebuilt")
                .num("files", summary.written as f64)
                .num("milliseconds", took.as_millis() as f64),
        ),
        Event::Failed { error } => global.warning(Msg::new("status-serve-failed").arg("error", format!("{error:#}"))),
    })?;
    global.status(Msg::new("status-serve-stopped"));
    Ok(Outcome::Success)
}
