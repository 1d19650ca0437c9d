//! The preview's HTTP side: the site folder's files (and nothing outside
//! it), the live-reload script, and the status page.

use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::Result;
use axum::Router;
use axum::extract::{Query, Request, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::{Deserialize, Serialize};

use super::BuildState;
use crate::finding::{Finding, Findings, Severity};
use crate::i18n;
use crate::model::config::Language;
use crate::msg;
use crate::render::templates::Templates;
use crate::workspace::Workspace;

/// How long a page's wait for the next build is held open before it is
/// answered "nothing new" (and the page asks again).
const LONGEST_WAIT: Duration = Duration::from_secs(20);

/// What every request may read.
pub(super) struct Shared {
    pub root: PathBuf,
    /// The site folder, resolved: a file is served only from below it.
    pub out: PathBuf,
    pub lang: Language,
    /// Bound to loopback: requests must name this machine (see [`only_this_machine`]).
    pub loopback_only: bool,
    pub state: tokio::sync::watch::Receiver<BuildState>,
    /// The preview's own pages (built in, not part of the handbook).
    pub templates: Templates,
}

/// Serves until `stop` completes, then lets the requests under way finish.
pub(super) async fn run(
    listener: tokio::net::TcpListener,
    shared: Arc<Shared>,
    stop: impl Future<Output = ()> + Send + 'static,
) -> Result<()> {
    let app = Router::new()
        .route("/__qms/live.js", get(live_script))
        .route("/__qms/wait.js", get(wait_script))
        .route("/__qms/status", get(status_page))
        .fallback(site_file)
        .layer(middleware::from_fn_with_state(shared.clone(), only_this_machine))
        .with_state(shared);
    axum::serve(listener, app).with_graceful_shutdown(stop).await?;
    Ok(())
}

/// A page of any other site could make the browser ask this server for
/// the handbook under a name of its own that resolves to 127.0.0.1 (DNS
/// rebinding); a server bound to loopback answers only requests that name
/// this machine.
async fn only_this_machine(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    if shared.loopback_only && !names_this_machine(request.headers()) {
        return text(StatusCode::FORBIDDEN, msg!("serve-refused-host").to_string());
    }
    next.run(request).await
}

fn names_this_machine(headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else {
        return false;
    };
    // `localhost:3000`, `127.0.0.1:3000`, `[::1]:3000`.
    let name = match host.strip_prefix('[') {
        Some(bracketed) => bracketed.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    };
    name.eq_ignore_ascii_case("localhost") || name.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Every answer: never cached, so that a reload shows the last build.
fn respond(status: StatusCode, content_type: &'static str, body: impl Into<axum::body::Body>) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, "no-store")],
        body.into(),
    )
        .into_response()
}

fn text(status: StatusCode, body: String) -> Response {
    respond(status, "text/plain; charset=utf-8", body)
}

/// The file of the site a request path names, relative to the site folder;
/// `None` when it would leave the folder or names a hidden file (the
/// manifest). The path is decoded first, so `%2e%2e` is `..` as well.
pub(super) fn site_path(request_path: &str) -> Option<PathBuf> {
    let decoded = crate::text::percent_decode(request_path);
    if decoded.contains(['\\', '\0']) {
        return None;
    }
    let mut path = PathBuf::new();
    for segment in decoded.split('/') {
        match segment {
            "" => {}
            name if name.starts_with('.') => return None,
            name => path.push(name),
        }
    }
    if decoded.ends_with('/') || path.as_os_str().is_empty() {
        path.push("index.html");
    }
    Some(path)
}

fn content_type(path: &Path) -> &'static str {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "bmp" => "image/bmp",
        "svg" => "image/svg+xml",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

async fn site_file(State(shared): State<Arc<Shared>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return text(StatusCode::METHOD_NOT_ALLOWED, msg!("serve-method", method = method).to_string());
    }
    let Some(relative) = site_path(uri.path()) else {
        return text(StatusCode::FORBIDDEN, msg!("serve-refused-path").to_string());
    };
    let not_found = || text(StatusCode::NOT_FOUND, msg!("serve-not-found", path = uri.path()).to_string());
    let Ok(resolved) = tokio::fs::canonicalize(shared.out.join(&relative)).await else {
        return not_found();
    };
    // A link inside the folder that leads out of it is refused too.
    if !resolved.starts_with(&shared.out) {
        return text(StatusCode::FORBIDDEN, msg!("serve-refused-path").to_string());
    }
    let Ok(mut bytes) = tokio::fs::read(&resolved).await else {
        return not_found();
    };
    let kind = content_type(&relative);
    if kind.starts_with("text/html") {
        bytes = with_live_script(bytes, &shared.state.borrow());
    }
    if method == Method::HEAD {
        bytes.clear();
    }
    let mut response = respond(StatusCode::OK, kind, bytes);
    response
        .headers_mut()
        .insert(header::X_CONTENT_TYPE_OPTIONS, axum::http::HeaderValue::from_static("nosniff"));
    response
}

/// The page with the script that reloads it, before its last `</body>`.
/// The script comes from this server, which the pages' Content Security
/// Policy (`script-src 'self'`) allows, and waits by loading a script too,
/// since the policy forbids fetching.
fn with_live_script(mut page: Vec<u8>, state: &BuildState) -> Vec<u8> {
    let tag = format!(
        r#"<script src="/__qms/live.js" data-site="{}" data-version="{}"></script>"#,
        state.site, state.version
    );
    // The end of the page is looked at only: print.html holds every document.
    let from = page.len().saturating_sub(64 * 1024);
    let tail = page[from..].to_ascii_lowercase();
    let at = memchr::memmem::rfind(&tail, b"</body").map_or(page.len(), |at| from + at);
    page.splice(at..at, tag.into_bytes());
    page
}

fn script(body: String) -> Response {
    respond(StatusCode::OK, "text/javascript; charset=utf-8", body)
}

fn labels(lang: Language) -> std::collections::BTreeMap<&'static str, &'static str> {
    i18n::labels_under(lang, "preview-").into_iter().collect()
}

/// The script, with its words in the preview's language.
async fn live_script(State(shared): State<Arc<Shared>>) -> Response {
    let words = serde_json::to_string(&labels(shared.lang))
        .unwrap_or_default()
        .replace("</", "<\\/");
    let code = crate::render::templates::embedded_file("preview/live.js").unwrap_or_default();
    script(format!("window.qmsPreviewLabels = {words};\n{code}"))
}

#[derive(Deserialize)]
struct WaitQuery {
    after: Option<u64>,
}

/// Answers once a build after `after` is done (or the server stops, or
/// [`LONGEST_WAIT`] passed; without `after`, at once) with a call to the
/// live script's handler.
async fn wait_script(State(shared): State<Arc<Shared>>, Query(query): Query<WaitQuery>) -> Response {
    let mut state = shared.state.clone();
    let deadline = tokio::time::Instant::now() + LONGEST_WAIT;
    while let Some(after) = query.after {
        {
            let now = state.borrow_and_update();
            if now.version > after || now.closing {
                break;
            }
        }
        match tokio::time::timeout_at(deadline, state.changed()).await {
            Ok(Ok(())) => {}
            Ok(Err(_)) | Err(_) => break,
        }
    }
    let now = state.borrow().clone();
    let json = serde_json::to_string(&now).unwrap_or_default().replace("</", "<\\/");
    script(format!("window.qmsPreview && window.qmsPreview({json});\n"))
}

#[derive(Serialize)]
struct FindingView {
    severity: &'static str,
    text: String,
}

#[derive(Serialize)]
struct PendingView {
    heading: &'static str,
    id: String,
    title: String,
    waiting_for: String,
    detail: String,
}

#[derive(Serialize)]
struct StatusView {
    lang: &'static str,
    labels: std::collections::BTreeMap<&'static str, &'static str>,
    build_error: Option<String>,
    /// Why the check or the status could not be made.
    failure: Option<String>,
    errors: usize,
    warnings: usize,
    findings: Vec<FindingView>,
    pending: Vec<PendingView>,
}

async fn status_page(State(shared): State<Arc<Shared>>) -> Response {
    let build_error = shared.state.borrow().error.clone();
    let reader = shared.clone();
    let made = tokio::task::spawn_blocking(move || status_view(&reader, build_error)).await;
    let rendered = made
        .map_err(anyhow::Error::from)
        .and_then(|view| shared.templates.render("preview/status.html", &view));
    match rendered {
        Ok(page) => respond(StatusCode::OK, "text/html; charset=utf-8", page),
        Err(error) => text(StatusCode::INTERNAL_SERVER_ERROR, format!("{error:#}")),
    }
}

/// `qms check` and `qms status` of the working tree, as the page shows them.
fn status_view(shared: &Shared, build_error: Option<String>) -> StatusView {
    let lang = shared.lang;
    let mut view = StatusView {
        lang: lang.code(),
        labels: labels(lang),
        build_error,
        failure: None,
        errors: 0,
        warnings: 0,
        findings: Vec::new(),
        pending: Vec::new(),
    };
    let workspace = match Workspace::discover(&shared.root) {
        Ok(workspace) => workspace,
        Err(error) => {
            // An unreadable qms.yaml is findings like any other.
            match error.downcast::<Findings>() {
                Ok(findings) => view.findings = findings.0.iter().map(finding_view).collect(),
                Err(error) => view.failure = Some(format!("{error:#}")),
            }
            return count(view);
        }
    };
    match crate::check::check_workspace_at(&workspace, None) {
        Ok(report) => view.findings = report.findings.iter().map(finding_view).collect(),
        Err(error) => view.failure = Some(format!("{error:#}")),
    }
    match crate::status::pending_in(&workspace, false, lang) {
        Ok(items) => {
            let people = workspace.signers().ok();
            view.pending = items
                .into_iter()
                .map(|item| PendingView {
                    heading: item.kind.heading(lang),
                    waiting_for: item
                        .waiting_for
                        .iter()
                        .map(|spec| crate::model::signers::SignerPolicy::display_name_in(people, spec))
                        .collect::<Vec<_>>()
                        .join(", "),
                    id: item.id,
                    title: item.title,
                    detail: item.detail,
                })
                .collect();
        }
        Err(error) => {
            view.failure.get_or_insert_with(|| format!("{error:#}"));
        }
    }
    count(view)
}

fn count(mut view: StatusView) -> StatusView {
    view.errors = view.findings.iter().filter(|f| f.severity == "error").count();
    view.warnings = view.findings.iter().filter(|f| f.severity == "warning").count();
    view
}

fn finding_view(finding: &Finding) -> FindingView {
    FindingView {
        severity: match finding.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        },
        text: finding.render(&|_, text| text.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_path_never_leaves_the_site_folder() {
        assert_eq!(site_path("/"), Some(PathBuf::from("index.html")));
        assert_eq!(site_path("/QT-01.html"), Some(PathBuf::from("QT-01.html")));
        assert_eq!(site_path("/assets/style.css"), Some(PathBuf::from("assets/style.css")));
        assert_eq!(site_path("/hinh/"), Some(PathBuf::from("hinh/index.html")));
        assert_eq!(site_path("/Quy%20tr%C3%ACnh.html"), Some(PathBuf::from("Quy trình.html")));
        for hostile in [
            "/../qms.yaml",
            "/assets/../../qms.yaml",
            "/%2e%2e/qms.yaml",
            "/%2E%2E%2Fqms.yaml",
            "/assets/..%2f..%2fqms.yaml",
            "/..%5cqms.yaml",
            "/a%00.html",
            "/.qms-handbook",
            "/./index.html",
        ] {
            assert_eq!(site_path(hostile), None, "{hostile}");
        }
    }

    #[test]
    fn only_names_of_this_machine_pass() {
        let with_host = |host: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::HOST, host.parse().expect("a header value"));
            names_this_machine(&headers)
        };
        assert!(with_host("127.0.0.1:3000"));
        assert!(with_host("localhost:3000"));
        assert!(with_host("[::1]:3000"));
        assert!(with_host("127.0.0.1"));
        assert!(!with_host("evil.example:3000"));
        assert!(!with_host("192.168.1.10:3000"));
        assert!(!names_this_machine(&HeaderMap::new()));
    }

    #[test]
    fn the_live_script_goes_before_the_last_body_end() {
        let state = BuildState {
            version: 3,
            site: 2,
            ..BuildState::default()
        };
        let page = with_live_script(b"<html><body>x</BODY></html>".to_vec(), &state);
        let page = String::from_utf8(page).expect("utf-8");
        assert_eq!(
            page,
            r#"<html><body>x<script src="/__qms/live.js" data-site="2" data-version="3"></script></BODY></html>"#
        );
        let bare = String::from_utf8(with_live_script(b"x".to_vec(), &state)).expect("utf-8");
        assert!(bare.starts_with("x<script"));
    }
}
