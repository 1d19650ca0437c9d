//! `qms build` and `qms demo`: only approved content is published, pages are
//! stable (snapshots), references are checked, and in a real browser no
//! hostile payload runs, nothing is fetched, and search works offline.

use serde_json::Value;

use crate::browser::{Browser, Tripwire};
use crate::support::{TestRepo, all_text, stdout};

pub(crate) const AUTHOR: &str = "thu-ky";
pub(crate) const DEPUTY: &str = "cap-pho-phu-trach-iso";
pub(crate) const HEAD: &str = "nguoi-dung-dau";

pub(crate) fn run(repo: &TestRepo, user: &str, args: &[&str]) {
    let output = repo.qms().env("QMS_USER", user).args(args).output().unwrap();
    assert!(output.status.success(), "qms {args:?}: {}", String::from_utf8_lossy(&output.stderr));
}

pub(crate) fn ids(repo: &TestRepo) -> Vec<String> {
    let output = repo.qms().args(["list", "--format", "json"]).output().unwrap();
    let rows: Value = serde_json::from_slice(&output.stdout).unwrap();
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

/// Submits, reviews and approves the given documents.
pub(crate) fn approve(repo: &TestRepo, ids: &[String], summary: &str) {
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    run(repo, AUTHOR, &[&["submit"], ids.as_slice()].concat());
    run(repo, DEPUTY, &[&["review", "--accept"], ids.as_slice()].concat());
    run(repo, HEAD, &[&["approve", "-m", summary], ids.as_slice()].concat());
}

/// A blank-profile repository with every document approved.
pub(crate) fn approved_repo() -> TestRepo {
    let repo = TestRepo::init("blank", "vi");
    approve(&repo, &ids(&repo), "Ban hành lần đầu");
    repo
}

pub(crate) fn build(repo: &TestRepo, extra: &[&str]) -> std::process::Output {
    repo.qms().arg("build").args(extra).output().unwrap()
}

#[test]
fn pages_are_stable() {
    let repo = approved_repo();
    let output = build(&repo, &[]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let public = repo.path().join("public");
    for page in ["QT-01.html", "register.html", "clauses.html", "procedures.html"] {
        let html = std::fs::read_to_string(public.join(page)).unwrap();
        insta::assert_snapshot!(page, html);
    }
}

#[test]
fn only_approved_content_is_published() {
    let repo = approved_repo();
    let path = repo.find("documents/quy-trinh", "QT-01");
    let approved = repo.read(&path);
    repo.write(
        &path,
        approved.replace("## 1. Mục đích", "## 1. Mục đích\n\nSỬA-ĐÃ-COMMIT-CHƯA-DUYỆT"),
    );
    repo.git(&["commit", "-qam", "Sửa chưa duyệt"]);
    repo.write(&path, approved.replace("## 1. Mục đích", "## 1. Mục đích\n\nSỬA-CHƯA-COMMIT"));
    let output = build(&repo, &[]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let site = all_text(&repo.path().join("public"));
    assert!(!site.contains("SỬA-ĐÃ-COMMIT-CHƯA-DUYỆT") && !site.contains("SỬA-CHƯA-COMMIT"));
    let page = std::fs::read_to_string(repo.path().join("public/QT-01.html")).unwrap();
    assert!(page.contains("Quy trình kiểm soát tài liệu và hồ sơ"));
    assert!(page.contains("<td class=\"hb-issue\">1</td>"), "{page}");
}

#[test]
fn drafts_are_left_out_or_marked() {
    let repo = approved_repo();
    repo.new_document(AUTHOR, &["instruction", "--title", "Hướng dẫn nháp"]);
    let output = build(&repo, &[]);
    assert!(output.status.success());
    assert!(!repo.path().join("public/HD-01.html").exists());
    let output = build(&repo, &["--drafts"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let page = std::fs::read_to_string(repo.path().join("public/HD-01.html")).unwrap();
    assert!(page.contains("BẢN NHÁP &#x2F; DRAFT"), "{page}");
    let register = std::fs::read_to_string(repo.path().join("public/register.html")).unwrap();
    assert!(
        register.contains("<tr data-type=\"instruction\" data-unit=\"van-phong\" class=\"draft\">"),
        "{register}"
    );
}

#[test]
fn a_withdrawn_document_leaves_the_register() {
    let repo = approved_repo();
    repo.new_document(AUTHOR, &["instruction", "--title", "Hướng dẫn cũ"]);
    approve(&repo, &["HD-01".to_string()], "Ban hành");
    run(&repo, HEAD, &["withdraw", "HD-01", "-m", "Không còn áp dụng"]);
    let output = build(&repo, &[]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let register = std::fs::read_to_string(repo.path().join("public/register.html")).unwrap();
    assert!(!register.contains("HD-01"));
    assert!(!repo.path().join("public/HD-01.html").exists());
    let obsolete = std::fs::read_to_string(repo.path().join("public/obsolete.html")).unwrap();
    assert!(obsolete.contains("HD-01") && obsolete.contains("Không còn áp dụng"), "{obsolete}");
}

#[test]
fn references_to_unissued_documents_fail_the_build_with_the_whole_list() {
    let repo = approved_repo();
    repo.new_document(AUTHOR, &["instruction", "--title", "Hướng dẫn A"]);
    repo.new_document(AUTHOR, &["instruction", "--title", "Hướng dẫn B"]);
    repo.new_document(AUTHOR, &["instruction", "--title", "Hướng dẫn C"]);
    let path = repo.find("documents/huong-dan", "HD-01");
    let text = repo
        .read(&path)
        .replace("links: []", "links: [HD-03]")
        .replace("## 4. Nội dung", "## 4. Nội dung\n\nThực hiện theo HD-02.");
    repo.write(&path, text);
    repo.git(&["commit", "-qam", "HD-01 dẫn chiếu HD-02, HD-03"]);
    approve(&repo, &["HD-01".to_string()], "Ban hành");
    let output = build(&repo, &[]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("2 dẫn chiếu"), "{stderr}");
    assert!(
        stderr.contains("HD-01 dẫn chiếu HD-02, tài liệu chưa có lần ban hành hiệu lực"),
        "{stderr}"
    );
    assert!(
        stderr.contains("HD-01 liên kết tới HD-03, tài liệu chưa có lần ban hành hiệu lực"),
        "{stderr}"
    );
    assert!(stderr.contains(&format!("{path}:")), "{stderr}");
}

#[test]
fn the_demo_builds_a_verified_history_and_its_handbook() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("demo");
    let output = crate::support::qms().arg("demo").arg(&target).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout(&output).trim().ends_with("public/index.html"));
    crate::support::qms().arg("-C").arg(&target).arg("verify").assert().success();
    crate::support::qms().arg("-C").arg(&target).arg("check").assert().success();
    let list = crate::support::qms()
        .arg("-C")
        .arg(&target)
        .args(["list", "--format", "json"])
        .output()
        .unwrap();
    let rows: Value = serde_json::from_slice(&list.stdout).unwrap();
    let state = |id: &str| {
        let row = rows.as_array().unwrap().iter().find(|r| r["id"] == id).unwrap();
        (row["state"].as_str().unwrap().to_string(), row["issue"].as_u64().unwrap())
    };
    assert_eq!(state("QT-07"), ("effective".into(), 2));
    assert_eq!(state("QT-11"), ("effective".into(), 1));
    assert_eq!(state("HD-01"), ("obsolete".into(), 1));
    assert_eq!(state("KH-01"), ("in-review".into(), 0));
    let log = crate::support::qms()
        .arg("-C")
        .arg(&target)
        .args(["--lang", "en", "log", "QT-11"])
        .output()
        .unwrap();
    assert!(stdout(&log).contains("reviewed: rejected"), "{}", stdout(&log));
    // Tera writes '/' as an entity; compare the text a reader sees.
    let page = std::fs::read_to_string(target.join("public/QT-07.html"))
        .unwrap()
        .replace("&#x2F;", "/");
    for expected in [
        "Người soạn thảo",
        "Người xem xét",
        "Người phê duyệt",
        "Nguyễn Văn An",
        "Chủ tịch UBND xã",
        "15:35 15/04/2026",
        "Theo dõi sửa đổi",
        "Không yêu cầu nộp lại giấy tờ",
    ] {
        assert!(page.contains(expected), "QT-07.html lacks {expected}");
    }
    let procedures = std::fs::read_to_string(target.join("public/procedures.html")).unwrap();
    assert!(
        !procedures.contains("class=\"mismatch\""),
        "generated step tables add up to the legal limits"
    );
}

#[test]
fn pdf_needs_chromium_and_says_how_to_get_it() {
    let repo = approved_repo();
    let output = repo
        .qms()
        .env("PATH", "/nonexistent")
        .env_remove("QMS_CHROMIUM")
        .args(["build", "--pdf"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("apt-get install chromium"));
    assert!(
        repo.path().join("public/index.html").exists(),
        "the HTML handbook was still written"
    );
}

#[test]
fn pdf_is_printed_by_chromium() {
    let repo = approved_repo();
    let output = build(&repo, &["--pdf"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let path = repo.path().join("public/handbook.pdf");
    let pdf = std::fs::read(&path).unwrap();
    assert!(pdf.starts_with(b"%PDF-") && pdf.len() > 10_000);

    // Read back as a person reads it: every document numbers its own pages,
    // and the contents give each document's first page.
    let text = |pages: Option<usize>| {
        let mut command = std::process::Command::new("pdftotext");
        command.arg("-layout");
        if let Some(page) = pages {
            command.args(["-f", &page.to_string(), "-l", &page.to_string()]);
        }
        let output = command
            .arg(&path)
            .arg("-")
            .output()
            .expect("pdftotext (poppler-utils) is installed");
        String::from_utf8(output.stdout).unwrap()
    };
    let all = text(None);
    let documents = ids(&repo).len();
    let first_pages = all.matches("Trang 1/").count();
    assert_eq!(first_pages, documents, "each document starts at its own page 1:\n{all}");
    let contents = text(Some(2));
    let row = contents
        .lines()
        .find(|l| l.trim_start().starts_with("QT-01 "))
        .unwrap_or_else(|| panic!("QT-01 in the contents:\n{contents}"));
    let page: usize = row.split_whitespace().last().unwrap().parse().unwrap();
    let first = text(Some(page));
    assert!(
        first.contains("QT-01 · Lần ban hành 1") && first.contains("Trang 1/"),
        "page {page}:\n{first}"
    );
    let stcl = contents.find("STCL-01").unwrap();
    let cscl = contents.find("CSCL-01").unwrap();
    let qt = contents.find("QT-01").unwrap();
    assert!(stcl < cscl && cscl < qt, "the manual, the policy, then the processes:\n{contents}");
}

/// Hostile payloads: each would mark the page, open a dialog, or reach the
/// tripwire on loopback if it ran.
fn payloads(port: u16) -> Vec<String> {
    let mark = "document.body.setAttribute('data-pwned','1')";
    let url = format!("http://127.0.0.1:{port}");
    vec![
        format!("<script>{mark}</script>"),
        format!("<SCRIPT>{mark}</SCRIPT>"),
        format!("<img src=x onerror=\"{mark}\">"),
        format!("<img src=\"{url}/pixel.png\">"),
        format!("![pixel]({url}/md.png)"),
        format!("<svg onload=\"{mark}\"><circle r=1></svg>"),
        format!("<svg><script>{mark}</script></svg>"),
        format!("<body onload=\"{mark}\">"),
        format!("<iframe src=\"javascript:{mark}\"></iframe>"),
        format!("<iframe src=\"{url}/frame\"></iframe>"),
        format!("<object data=\"{url}/object\"></object>"),
        format!("<embed src=\"{url}/embed\">"),
        format!("<a href=\"javascript:{mark}\">link</a>"),
        "[md link](javascript:alert(1))".to_string(),
        "[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)".to_string(),
        "[vb](vbscript:msgbox(1))".to_string(),
        "<a href=\"&#106;avascript:alert(1)\">entity</a>".to_string(),
        format!("<div onclick=\"{mark}\" onmouseover=\"{mark}\">hover</div>"),
        format!("<input autofocus onfocus=\"{mark}\">"),
        format!("<details open ontoggle=\"{mark}\"><summary>x</summary></details>"),
        format!("<video><source onerror=\"{mark}\"></video>"),
        format!("<audio src=x onerror=\"{mark}\"></audio>"),
        format!("<meta http-equiv=\"refresh\" content=\"0;url={url}/refresh\">"),
        format!("<link rel=\"stylesheet\" href=\"{url}/style.css\">"),
        format!("<style>@import '{url}/import.css'; body {{ background: url({url}/bg.png) }}</style>"),
        format!("<div style=\"background:url({url}/inline.png)\">styled</div>"),
        format!("<form action=\"{url}/form\"><button>send</button></form>"),
        format!("<base href=\"{url}/\">"),
        format!("<scr<script>ipt>{mark}</scr</script>ipt>"),
        format!("<<script>{mark};//<</script>"),
        format!("<math><mtext><table><mglyph><style><img src=x onerror=\"{mark}\">"),
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>".to_string(),
        format!("`<script>{mark}</script>` in code"),
        format!("```html\n<script>{mark}</script>\n```"),
        format!("<template><script>{mark}</script></template>"),
    ]
}

#[test]
fn no_payload_runs_and_nothing_is_fetched_in_a_real_browser() {
    let tripwire = Tripwire::new();
    let repo = TestRepo::init("blank", "vi");
    let evil = "<script>document.body.setAttribute('data-pwned','1')</script><img src=x onerror=alert(1)>";
    // Payloads in metadata: organisation, unit and person names, a title, a summary of change.
    let config = repo
        .read("qms.yaml")
        .replacen("name: Cơ quan hành chính nhà nước", &format!("name: \"Cơ quan {evil}\""), 1);
    let config = config.replacen("    name: Văn phòng", &format!("    name: \"Văn phòng {evil}\""), 1);
    repo.write("qms.yaml", config);
    let signers = repo
        .read(".qms/signers.yaml")
        .replacen("name: Người đứng đầu cơ quan", &format!("name: \"Người đứng đầu {evil}\""), 1);
    repo.write(".qms/signers.yaml", signers);
    repo.git(&["commit", "-qam", "Cấu hình"]);
    for file in ["qms.yaml", ".qms/signers.yaml"] {
        run(&repo, AUTHOR, &["submit", file]);
        run(&repo, DEPUTY, &["review", file, "--accept"]);
        run(&repo, HEAD, &["approve", file]);
    }
    let list = payloads(tripwire.port);
    assert!(list.len() >= 30);
    let body = list
        .iter()
        .enumerate()
        .map(|(i, p)| format!("### Mẫu {i}\n\n{p}\n"))
        .collect::<String>();
    repo.new_document(AUTHOR, &["instruction", "--title", &format!("Hướng dẫn {evil}")]);
    let path = repo.find("documents/huong-dan", "HD-01");
    let text = repo.read(&path).replace("## 4. Nội dung", &format!("## 4. Nội dung\n\n{body}"));
    repo.write(&path, text);
    repo.git(&["commit", "-qam", "Nội dung thử"]);
    let mut all = ids(&repo);
    all.retain(|id| !id.starts_with("qms"));
    approve(&repo, &all, &format!("Tóm tắt {evil}"));
    let output = build(&repo, &[]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));

    let public = repo.path().join("public");
    let pages: Vec<_> = std::fs::read_dir(&public)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    assert!(pages.len() >= 30, "{}", pages.len());
    let browser = Browser::start();
    // The detectors work: an unprotected page of our own trips both.
    let control = repo.path().join("control.html");
    std::fs::write(
        &control,
        format!(
            "<body><img src=x onerror=\"document.body.setAttribute('data-pwned','1')\"><img src=\"http://127.0.0.1:{}/c.png\"></body>",
            tripwire.port
        ),
    )
    .unwrap();
    browser.open(&format!("file://{}", control.display()));
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_eq!(browser.script("return document.body.getAttribute('data-pwned')"), "1");
    assert!(tripwire.connections() > 0, "the tripwire sees a fetch");
    let before = tripwire.connections();
    for page in &pages {
        browser.open(&format!("file://{}", page.display()));
        std::thread::sleep(std::time::Duration::from_millis(50));
        if let Some(text) = browser.alert() {
            browser.dismiss_alert();
            panic!("a dialog opened on {}: {text}", page.display());
        }
        let pwned = browser.script("return document.body ? document.body.getAttribute('data-pwned') : null");
        assert_eq!(pwned, Value::Null, "a payload ran on {}", page.display());
        // The page itself works: its own script loaded the search index
        // (the two pages made for printing have none).
        let index = browser.script("return (window.QMS_SEARCH || []).length");
        if !["print.html", "book-toc.html"].contains(&page.file_name().unwrap().to_str().unwrap()) {
            assert!(
                index.as_u64().unwrap_or(0) >= 25,
                "search index missing on {}: {index}",
                page.display()
            );
        }
    }
    let hostile = std::fs::read_to_string(public.join("HD-01.html")).unwrap();
    assert!(hostile.contains("&lt;script&gt;"), "metadata payloads are shown as text");
    assert_eq!(tripwire.connections(), before, "nothing may be fetched from the network");
}

#[test]
fn searching_without_diacritics_finds_the_document_in_a_browser() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("demo");
    crate::support::qms().arg("demo").arg(&target).assert().success();
    let browser = Browser::start();
    browser.open(&format!("file://{}", target.join("public/register.html").display()));
    browser.type_into("#search-input", "giay phep xay dung");
    let results = browser
        .script("return Array.from(document.querySelectorAll('#search-results a')).map(a => a.textContent + ' ' + a.getAttribute('href'))");
    let first = results[0].as_str().unwrap_or_default();
    assert!(first.starts_with("QT-11") && first.ends_with("QT-11.html"), "{results}");
    browser.type_into("#search-input", " khong co tu nay");
    let none = browser.script("return document.querySelector('#search-results li').textContent");
    assert_eq!(none, "Không tìm thấy tài liệu phù hợp.");

    // The register's filters.
    browser.open(&format!("file://{}", target.join("public/register.html").display()));
    let visible = browser.script(
        "const s = document.getElementById('filter-type'); s.value = 'form'; s.dispatchEvent(new Event('change')); return Array.from(document.querySelectorAll('#register tbody tr')).filter(r => !r.hidden).map(r => r.dataset.type)",
    );
    let types: Vec<&str> = visible.as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert!(!types.is_empty() && types.iter().all(|t| *t == "form"), "{types:?}");
}

#[test]
fn handbook_templates_can_be_overridden() {
    let repo = approved_repo();
    repo.qms().args(["templates", "eject"]).assert().success();
    let css = repo.path().join("templates/handbook/assets/style.css");
    std::fs::write(&css, std::fs::read_to_string(&css).unwrap() + "\n/* mau-rieng-cua-so */\n").unwrap();
    let base = repo.path().join("templates/handbook/base.html");
    let text = std::fs::read_to_string(&base)
        .unwrap()
        .replace("<footer class=\"site-footer\">", "<footer class=\"site-footer\">Bản quyền riêng · ");
    std::fs::write(&base, text).unwrap();
    // Overrides change what the handbook says: unapproved, they are refused
    // (naming the changed ones only; unchanged ejected files need nothing)…
    let output = build(&repo, &[]);
    assert_eq!(output.status.code(), Some(2));
    let refusal = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        refusal.contains("templates/handbook/base.html") && refusal.contains("templates/handbook/assets/style.css"),
        "{refusal}"
    );
    assert!(!refusal.contains("templates/handbook/document.html"), "{refusal}");
    // …a draft may use them…
    let drafts = repo.path().join("draft");
    let output = build(&repo, &["--drafts", "--out", drafts.to_str().unwrap()]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    // …and, committed and approved by path, they are published.
    repo.git(&["add", "templates"]);
    repo.git(&["commit", "-qm", "Mẫu trình bày riêng của cơ quan"]);
    let changed = [
        "templates/handbook/base.html".to_string(),
        "templates/handbook/assets/style.css".to_string(),
    ];
    approve(&repo, &changed, "Mẫu trình bày riêng");
    let output = build(&repo, &[]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(
        std::fs::read_to_string(repo.path().join("public/assets/style.css"))
            .unwrap()
            .contains("mau-rieng-cua-so")
    );
    assert!(
        std::fs::read_to_string(repo.path().join("public/QT-01.html"))
            .unwrap()
            .contains("Bản quyền riêng")
    );
    // A print frame without the place for the documents is refused, not silently empty.
    let print = repo.path().join("templates/handbook/print.html");
    std::fs::write(&print, std::fs::read_to_string(&print).unwrap().replace("<!--qms:documents-->", "")).unwrap();
    let output = build(&repo, &["--drafts"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("<!--qms:documents-->"));
    // A broken override names its file and leaves the previous handbook in place.
    std::fs::write(&base, "{% block main %}").unwrap();
    let output = build(&repo, &["--drafts"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("templates/handbook/base.html"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(repo.path().join("public/QT-01.html").exists());
}
