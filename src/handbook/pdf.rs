//! `qms build --pdf`: the printable handbook through headless Chromium.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};

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

/// Prints `print.html` to `pdf` with the browser's own engine.
pub fn print_to_pdf(print_html: &Path, pdf: &Path) -> Result<()> {
    let Some(browser) = find_browser() else {
        bail!(crate::msg!("error-no-chromium", browsers = BROWSERS.join(", ")));
    };
    let profile = tempfile::tempdir()?;
    let url = format!("file://{}", print_html.canonicalize()?.display());
    let output = Command::new(&browser)
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
