//! `qms serve`: a preview on loopback only, serving nothing outside its
//! folder, rebuilt on every change with the open page reloading in a real
//! browser, and stopped cleanly by Ctrl+C.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use crate::browser::Browser;
use crate::handbook::{approve, approved_repo};
use crate::support::{TIMESTAMP, TestRepo};

/// A running `qms serve --port 0`, stopped (killed) when dropped.
struct Server {
    child: Child,
    port: u16,
    log: Arc<Mutex<String>>,
}

impl Server {
    fn start(repo: &TestRepo, args: &[&str], temp: &Path) -> Server {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("qms"))
            .env("QMS_TIMESTAMP", TIMESTAMP)
            .env("NO_COLOR", "1")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("TMPDIR", temp)
            .env_remove("LANG")
            .env_remove("LC_ALL")
            .arg("-C")
            .arg(repo.path())
            .args(["serve", "--port", "0"])
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("qms serve starts");
        let stderr = child.stderr.take().expect("stderr is piped");
        let log = Arc::new(Mutex::new(String::new()));
        let (address, told) = mpsc::channel();
        let lines = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(at) = line.find("http://127.0.0.1:") {
                    let rest = &line[at + "http://127.0.0.1:".len()..];
                    let port: String = rest.chars().take_while(char::is_ascii_digit).collect();
                    let _ = address.send(port.parse::<u16>().expect("a port"));
                }
                lines.lock().unwrap().push_str(&format!("{line}\n"));
            }
        });
        let port = told
            .recv_timeout(Duration::from_secs(120))
            .unwrap_or_else(|_| panic!("qms serve printed no address: {}", log.lock().unwrap()));
        Server { child, port, log }
    }

    fn get(&self, path: &str) -> (u16, String) {
        request(&format!("127.0.0.1:{}", self.port), &format!("127.0.0.1:{}", self.port), path)
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Waits for `what` to hold, or fails with the server's log.
    fn wait_for(&self, what: &str, mut holds: impl FnMut() -> bool) {
        let started = Instant::now();
        while !holds() {
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "{what} did not happen:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Ctrl+C, then the process's exit.
    fn interrupt(mut self) -> std::process::ExitStatus {
        let status = std::process::Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "qms serve did not stop:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One HTTP/1.1 request as written, path and `Host` untouched (a client
/// library would tidy `..` away): the status and the body.
fn request(address: &str, host: &str, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(address).expect("the server accepts");
    stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).unwrap();
    let answer = String::from_utf8_lossy(&answer).into_owned();
    let status = answer.split(' ').nth(1).and_then(|code| code.parse().ok()).unwrap_or(0);
    let body = answer.split_once("\r\n\r\n").map(|(_, body)| body.to_string()).unwrap_or_default();
    (status, body)
}

#[test]
fn serves_the_handbook_on_loopback_and_nothing_outside_its_folder() {
    let repo = approved_repo();
    let temp = tempfile::tempdir().unwrap();
    // A secret beside the site folder, and a link inside it that leads out.
    let outside = temp.path().join("preview");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("secret.txt"), "BÍ-MẬT-NGOÀI-THƯ-MỤC").unwrap();
    let site = outside.join("site");
    let server = Server::start(&repo, &["--out", site.to_str().unwrap()], temp.path());

    let (status, page) = server.get("/");
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("Quy trình kiểm soát tài liệu và hồ sơ") || page.contains("<nav class=\"site-nav\">"),
        "{page}"
    );
    assert!(
        page.contains("/__qms/live.js"),
        "every page served carries the reload script: {page}"
    );
    assert!(
        !std::fs::read_to_string(site.join("index.html")).unwrap().contains("__qms"),
        "the built site itself stays clean"
    );
    let (status, page) = server.get("/QT-01.html");
    assert_eq!(status, 200);
    assert!(page.contains("QT-01"));

    std::os::unix::fs::symlink(outside.join("secret.txt"), site.join("link.txt")).unwrap();
    for hostile in [
        "/../secret.txt",
        "/..%2fsecret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/assets/../../secret.txt",
        "/assets/%2e%2e/%2e%2e/secret.txt",
        "/..%5csecret.txt",
        "/link.txt",
        "/.qms-handbook",
        "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    ] {
        let (status, body) = server.get(hostile);
        assert!(status == 403 || status == 404, "{hostile} answered {status}");
        assert!(!body.contains("BÍ-MẬT") && !body.contains("root:"), "{hostile} leaked: {body}");
    }
    let (status, _) = server.get("/khong-co.html");
    assert_eq!(status, 404);

    // A page of another site resolving its own name to 127.0.0.1 is refused.
    let (status, body) = request(&format!("127.0.0.1:{}", server.port), "attacker.example", "/QT-01.html");
    assert_eq!(status, 403, "{body}");
    let (status, _) = request(&format!("127.0.0.1:{}", server.port), &format!("localhost:{}", server.port), "/");
    assert_eq!(status, 200);

    // Not bound to the machine's other addresses.
    let addresses = std::process::Command::new("hostname").arg("-I").output();
    let addresses = addresses
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    for address in addresses.split_whitespace() {
        let Ok(ip) = address.parse::<std::net::IpAddr>() else { continue };
        if ip.is_loopback() {
            continue;
        }
        let reached = TcpStream::connect_timeout(&std::net::SocketAddr::new(ip, server.port), Duration::from_secs(2));
        assert!(reached.is_err(), "the preview answers on {ip}");
    }

    // The status page lists what `qms check` finds.
    let (status, page) = server.get("/__qms/status");
    assert_eq!(status, 200);
    assert!(page.contains("qms check") && page.contains("sample-name"), "{page}");
}

#[test]
fn the_open_page_reloads_after_a_change_and_stopping_leaves_nothing_behind() {
    let repo = approved_repo();
    let temp = tempfile::tempdir().unwrap();
    let server = Server::start(&repo, &["--drafts"], temp.path());
    let browser = Browser::start();
    let url = format!("http://127.0.0.1:{}/QT-01.html", server.port);
    browser.open(&url);
    browser.script("window.qmsTestMark = 'before'; return 1");
    let text = || {
        browser
            .script("return document.body.innerText")
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    assert!(!text().contains("ĐANG-SOẠN"));

    // Saved, not committed: with --drafts the page shows it as a draft.
    let path = repo.find("documents/quy-trinh", "QT-01");
    let approved = repo.read(&path);
    repo.write(&path, approved.replace("## 1. Mục đích", "## 1. Mục đích\n\nĐANG-SOẠN-LẦN-MỘT"));
    server.wait_for("the page reloading with the edit", || text().contains("ĐANG-SOẠN-LẦN-MỘT"));
    assert!(
        browser.script("return window.qmsTestMark || null").is_null(),
        "the page was reloaded, not patched"
    );
    let page = server.get("/QT-01.html").1;
    assert!(page.contains("BẢN NHÁP"), "an edit is shown with the draft banner");

    // Committed and approved: the effective issue 2, no draft banner.
    repo.git(&["commit", "-qam", "Sửa mục đích"]);
    approve(&repo, &["QT-01".to_string()], "Sửa đổi mục đích");
    server.wait_for("issue 2 in the page", || {
        server.get("/QT-01.html").1.contains("<td class=\"hb-issue\">2</td>")
    });
    server.wait_for("the browser showing it", || {
        text().contains("ĐANG-SOẠN-LẦN-MỘT") && !text().contains("BẢN NHÁP")
    });

    // A change that fails to build keeps the last site and says why on the page.
    repo.write("templates/handbook/base.html", "{% block main %}{% endblock");
    server.wait_for("the failure shown", || {
        browser
            .script("var e = document.querySelector('.qms-preview-error'); return e ? e.textContent : ''")
            .as_str()
            .is_some_and(|t| t.contains("base.html"))
    });
    assert_eq!(server.get("/QT-01.html").0, 200);
    std::fs::remove_file(repo.path().join("templates/handbook/base.html")).unwrap();
    server.wait_for("the failure cleared", || {
        browser.script("return document.querySelector('.qms-preview-error') === null") == serde_json::Value::Bool(true)
    });

    // A page waiting for the next build is answered at once on Ctrl+C.
    let port = server.port;
    let waiting = std::thread::spawn(move || {
        let started = Instant::now();
        let (status, body) = request(
            &format!("127.0.0.1:{port}"),
            &format!("127.0.0.1:{port}"),
            "/__qms/wait.js?after=1000",
        );
        (status, body, started.elapsed())
    });
    std::thread::sleep(Duration::from_millis(300));
    let log = server.log();
    let status = server.interrupt();
    assert!(status.success(), "qms serve ended with {status}:\n{log}");
    let (code, body, took) = waiting.join().unwrap();
    assert_eq!(code, 200);
    assert!(body.contains("\"closing\":true"), "{body}");
    assert!(took < Duration::from_secs(10), "the waiting page held the stop up for {took:?}");
    let left: Vec<_> = std::fs::read_dir(temp.path()).unwrap().flatten().map(|e| e.path()).collect();
    assert!(left.is_empty(), "the temporary site was left behind: {left:?}");
    assert!(TcpStream::connect(("127.0.0.1", port)).is_err(), "the port is still open");
}

/// The preview follows the working tree file by file (a rebuild looks
/// only at the files the watcher named): a draft appears when saved, goes
/// when its file is put back as committed or deleted, and a new file's
/// document gets a page that goes with the file.
#[test]
fn drafts_come_and_go_with_the_files_of_the_working_tree() {
    let repo = approved_repo();
    let temp = tempfile::tempdir().unwrap();
    let server = Server::start(&repo, &["--drafts"], temp.path());
    let page = |url: &str| server.get(url);
    let path = repo.find("documents/quy-trinh", "QT-01");
    let approved = repo.read(&path);
    assert!(!page("/QT-01.html").1.contains("BẢN NHÁP"));

    repo.write(&path, approved.replace("## 1. Mục đích", "## 1. Mục đích\n\nĐANG-SOẠN"));
    server.wait_for("the edit as a draft", || {
        let body = page("/QT-01.html").1;
        body.contains("ĐANG-SOẠN") && body.contains("BẢN NHÁP")
    });
    repo.write(&path, approved.clone());
    server.wait_for("the effective issue again", || {
        let body = page("/QT-01.html").1;
        !body.contains("ĐANG-SOẠN") && !body.contains("BẢN NHÁP")
    });

    let new = "documents/quy-trinh/QT-77-thu-nghiem.md";
    repo.write(
        new,
        approved
            .replace("id: QT-01", "id: QT-77")
            .replace("## 1. Mục đích", "## 1. Mục đích\n\nTÀI-LIỆU-MỚI"),
    );
    server.wait_for("a page for the new file", || page("/QT-77.html").1.contains("TÀI-LIỆU-MỚI"));
    assert!(page("/QT-77.html").1.contains("BẢN NHÁP"));
    std::fs::remove_file(repo.path().join(new)).unwrap();
    server.wait_for("the page gone with the file", || page("/QT-77.html").0 == 404);

    // A draft whose file is deleted gives way to the committed text.
    repo.write(&path, approved.replace("## 1. Mục đích", "## 1. Mục đích\n\nSẮP-XOÁ"));
    server.wait_for("the edit as a draft", || page("/QT-01.html").1.contains("SẮP-XOÁ"));
    std::fs::remove_file(repo.path().join(&path)).unwrap();
    server.wait_for("the committed text, not a draft", || {
        let (status, body) = page("/QT-01.html");
        status == 200 && !body.contains("SẮP-XOÁ") && !body.contains("BẢN NHÁP")
    });

    // The settings the server kept are read again once qms.yaml changes.
    repo.write(&path, approved);
    let config = repo.read("qms.yaml");
    let name_line = config
        .lines()
        .find(|l| l.starts_with("  name: "))
        .expect("the organisation's name")
        .to_string();
    repo.write("qms.yaml", config.replacen(&name_line, "  name: Ủy ban Thử nghiệm Xem trước", 1));
    repo.git(&["commit", "-qam", "Đổi tên cơ quan"]);
    server.wait_for("the new name on the pages", || {
        page("/index.html").1.contains("Ủy ban Thử nghiệm Xem trước")
    });
}

#[test]
fn bad_arguments_and_an_empty_repository_are_refused() {
    let repo = TestRepo::init("blank", "vi");
    let output = repo.qms().args(["serve", "--bind", "không-phải-địa-chỉ"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let output = repo.qms().args(["serve", "--port", "99999"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    // Nothing committed yet: a clear error, not a server.
    let empty = TestRepo::empty();
    crate::support::git(empty.path(), &["init", "-q"]);
    let output = crate::support::qms()
        .arg("-C")
        .arg(empty.path())
        .args(["serve", "--port", "0"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", String::from_utf8_lossy(&output.stderr));
}
