//! A minimal WebDriver client for headless Chromium (Debian's `chromium`
//! and `chromedriver`), over plain HTTP on loopback: enough to open pages,
//! type into a field, run a script and ask whether an alert is open.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

pub(crate) struct Browser {
    port: u16,
    session: String,
    driver: Child,
    _profile: tempfile::TempDir,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn which(name: &str) -> Option<String> {
    std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
            .map(|p| p.display().to_string())
    })
}

fn http(port: u16, method: &str, path: &str, body: Option<&Value>) -> std::io::Result<Value> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    let payload = body.map(|b| b.to_string()).unwrap_or_default();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{payload}",
        payload.len()
    )?;
    // Read the headers, then exactly Content-Length bytes: chromedriver
    // keeps the connection open.
    let mut reader = std::io::BufReader::new(stream);
    let mut content_length = 0usize;
    loop {
        let mut line = String::new();
        if std::io::BufRead::read_line(&mut reader, &mut line)? == 0 || line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            content_length = value.trim().parse().unwrap_or(0);
        }
    }
    let mut buffer = vec![0u8; content_length];
    reader.read_exact(&mut buffer)?;
    let body = String::from_utf8_lossy(&buffer);
    let start = body.find('{').unwrap_or(0);
    let end = body.rfind('}').map(|e| e + 1).unwrap_or(body.len());
    Ok(serde_json::from_str(&body[start..end]).unwrap_or(Value::Null))
}

impl Browser {
    /// Starts chromedriver and a headless Chromium session. Fails loudly when
    /// they are not installed (`.ci/run` installs them).
    pub(crate) fn start() -> Browser {
        let chromedriver = which("chromedriver").expect("chromedriver is not installed: apt-get install chromium chromium-driver");
        let chromium = which("chromium").expect("chromium is not installed: apt-get install chromium chromium-driver");
        let port = free_port();
        let driver = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let started = Instant::now();
        while http(port, "GET", "/status", None).is_err() {
            assert!(started.elapsed() < Duration::from_secs(20), "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        let profile = tempfile::tempdir().unwrap();
        let capabilities = json!({
            "capabilities": { "alwaysMatch": {
                "browserName": "chrome",
                "goog:chromeOptions": {
                    "binary": chromium,
                    "args": [
                        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage",
                        format!("--user-data-dir={}", profile.path().display())
                    ]
                }
            }}
        });
        let response = http(port, "POST", "/session", Some(&capabilities)).expect("a browser session");
        let session = response["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {response}"))
            .to_string();
        Browser {
            port,
            session,
            driver,
            _profile: profile,
        }
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        http(self.port, method, &format!("/session/{}{path}", self.session), body.as_ref()).expect("chromedriver answers")
    }

    /// Opens `url` and waits until the page and its scripts have loaded
    /// (a loaded machine can answer the navigation first).
    pub(crate) fn open(&self, url: &str) {
        self.call("POST", "/url", Some(json!({ "url": url })));
        for _ in 0..200 {
            if self.script("return document.readyState") == "complete" {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!("{url} did not finish loading");
    }

    pub(crate) fn script(&self, script: &str) -> Value {
        self.call("POST", "/execute/sync", Some(json!({ "script": script, "args": [] })))["value"].clone()
    }

    /// The text of an open alert, dialog or prompt, if one is open.
    pub(crate) fn alert(&self) -> Option<String> {
        let response = self.call("GET", "/alert/text", None);
        match response["value"].get("error") {
            Some(_) => None,
            None => Some(response["value"].as_str().unwrap_or_default().to_string()),
        }
    }

    pub(crate) fn dismiss_alert(&self) {
        self.call("POST", "/alert/dismiss", Some(json!({})));
    }

    pub(crate) fn type_into(&self, selector: &str, text: &str) {
        let found = self.call("POST", "/element", Some(json!({ "using": "css selector", "value": selector })));
        let element = found["value"][ELEMENT]
            .as_str()
            .unwrap_or_else(|| panic!("no element {selector}: {found}"))
            .to_string();
        self.call("POST", &format!("/element/{element}/value"), Some(json!({ "text": text })));
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = http(self.port, "DELETE", &format!("/session/{}", self.session), None);
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// A loopback listener that counts connections and closes each at once:
/// payloads point at it, and nothing may ever connect.
pub(crate) struct Tripwire {
    pub port: u16,
    count: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

impl Tripwire {
    pub(crate) fn new() -> Tripwire {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let count = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let seen = count.clone();
        // The thread ends with the test process; it only accepts and closes.
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                drop(stream);
            }
        });
        Tripwire { port, count }
    }

    pub(crate) fn connections(&self) -> usize {
        self.count.load(std::sync::atomic::Ordering::SeqCst)
    }
}
