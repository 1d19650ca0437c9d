//! `qms serve`: the handbook as it will be published, on this machine,
//! rebuilt and reloaded in the browser as the repository changes.
//!
//! The site is built into a folder exactly as `qms build` builds it (the
//! same incremental output, so a change rewrites only what it touches) and
//! served from that folder only. A watcher on the repository (its files and
//! its `.git` refs) starts a rebuild; each page served carries a small
//! script that waits for the next build and reloads the page when the site
//! changed, or shows why the build failed. A page of the repository's
//! `check` findings and `status` is at `/__qms/status`.
//!
//! Only this module touches the HTTP server (axum on tokio, the server
//! mdBook's `serve` uses too) and the file watcher (notify, the one cargo,
//! mdBook and zola watch with): both well kept, both replaceable here alone.

mod http;
mod watch;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

use crate::handbook::{self, BuildOptions, BuildSummary};
use crate::model::config::Language;
use crate::msg;

/// What to preview, and where.
pub(crate) struct PreviewOptions {
    /// The QMS root.
    pub root: PathBuf,
    /// The site folder, kept between runs; `None`: a temporary folder,
    /// removed when the server stops.
    pub out: Option<PathBuf>,
    pub drafts: bool,
    pub lang: Language,
    pub address: SocketAddr,
}

/// What the server tells the one who started it.
pub(crate) enum Event<'a> {
    /// The first build is done and the server answers at `url`.
    Serving { url: &'a str, summary: &'a BuildSummary },
    /// A change was built: `written` files in `took`.
    Rebuilt { summary: &'a BuildSummary, took: Duration },
    /// A change could not be built; the last site stays served.
    Failed { error: &'a anyhow::Error },
}

/// The last build as the pages waiting for it see it.
#[derive(Debug, Clone, Default, serde::Serialize)]
struct BuildState {
    /// Counts every build, successful or not.
    version: u64,
    /// Counts the builds that changed the site: a page reloads when it does.
    site: u64,
    /// Why the last build failed.
    error: Option<String>,
    /// The server is stopping.
    closing: bool,
}

/// Builds the handbook, serves it at `options.address` until the process
/// is interrupted (Ctrl+C, SIGTERM), and rebuilds on every change; `report`
/// hears of each build.
pub(crate) fn serve(options: PreviewOptions, report: &(dyn Fn(Event<'_>) + Sync)) -> Result<()> {
    let (out, temporary) = match &options.out {
        Some(out) => (out.clone(), None),
        None => {
            let dir = tempfile::Builder::new().prefix("qms-serve-").tempdir()?;
            (dir.path().join("site"), Some(dir))
        }
    };
    let build_options = BuildOptions {
        out: out.clone(),
        drafts: options.drafts,
        lang: options.lang,
        // A broken link is shown (on the status page), not a reason to stop previewing.
        links_must_resolve: false,
        latest_text: options.drafts,
    };
    // What one build read and made, the next takes as it is where nothing changed.
    let mut session = handbook::Session::lasting();
    let first = handbook::build_in(&mut session, &options.root, &build_options, &|_, _| {})?;
    let out = out.canonicalize().with_context(|| msg!("error-read", path = out.display()))?;

    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(options.address))
        .with_context(|| msg!("error-serve-bind", address = options.address))?;
    let address = listener.local_addr()?;
    let state = Arc::new(tokio::sync::watch::channel(BuildState::default()).0);
    let shared = Arc::new(http::Shared {
        root: options.root.clone(),
        out: out.clone(),
        lang: options.lang,
        loopback_only: address.ip().is_loopback(),
        state: state.subscribe(),
        templates: crate::render::templates::Templates::load(None)?,
    });
    let git_dir = crate::repo::DocRepo::open(&options.root)?.git_dir().to_path_buf();
    let (changes, stopper) = watch::Changes::start(&options.root, &git_dir, &out)?;
    // What changed before the watcher started is not known: the next build looks at everything.
    session.note_changes(None);
    let url = format!("http://{address}/");
    report(Event::Serving {
        url: &url,
        summary: &first,
    });

    std::thread::scope(|scope| -> Result<()> {
        let stopping = state.clone();
        let state = &state;
        let rebuilding = scope.spawn(move || {
            // Ends when the server has stopped.
            while let Some(change) = changes.next_batch() {
                session.note_changes(match change {
                    watch::Change::Files(files) => Some(files),
                    watch::Change::Nothing | watch::Change::Anything => None,
                });
                let started = Instant::now();
                let outcome = handbook::build_in(&mut session, &options.root, &build_options, &|_, _| {});
                state.send_modify(|s| {
                    s.version += 1;
                    match &outcome {
                        Ok(summary) => {
                            s.error = None;
                            s.site += u64::from(summary.written > 0);
                        }
                        Err(error) => s.error = Some(format!("{error:#}")),
                    }
                });
                match &outcome {
                    Ok(summary) if summary.written > 0 => report(Event::Rebuilt {
                        summary,
                        took: started.elapsed(),
                    }),
                    Ok(_) => {}
                    Err(error) => report(Event::Failed { error }),
                }
            }
            session.save();
        });
        let served = runtime.block_on(http::run(listener, shared, async move {
            stop_signal().await;
            // Pages waiting for a build are answered now, so that none holds the stop up.
            stopping.send_modify(|s| s.closing = true);
        }));
        // A build under way is finished, so that the site is never left half moved in.
        stopper.stop();
        let _ = rebuilding.join();
        served
    })?;
    drop(temporary);
    Ok(())
}

/// Ctrl+C, or SIGTERM (a service manager, `kill`).
async fn stop_signal() {
    #[cfg(unix)]
    {
        let mut terminate = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(terminate) => terminate,
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
                return;
            }
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = terminate.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
