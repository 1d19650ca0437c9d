//! How results reach the terminal: colour, tables, JSON and CSV.

use std::io::{IsTerminal, Write};

use anyhow::Result;
use comfy_table::{ContentArrangement, Table, presets};
use serde::Serialize;

use super::ColorChoice;

/// The line a command that created a record prints: its commit, id and file.
pub(crate) fn print_created(created: &crate::workflow::records::Created) -> Result<()> {
    print(&format!("{} {} ({})", &created.commit[..12], created.id, created.path.display()))
}

/// `--format` of commands whose output is for people or for scripts.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum HumanOrJson {
    Human,
    Json,
}

/// `--format` of the reports qms writes (management-review pack, annual report).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ReportFormat {
    Md,
    /// A printable page (A4).
    Html,
    Json,
}

/// `--format` of `check` and `verify`: for people, for scripts, or for CI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum FindingsFormat {
    Human,
    Json,
    /// SARIF 2.1.0 (GitHub code scanning).
    Sarif,
    /// JUnit XML (GitLab, Jenkins).
    Junit,
    /// GitHub Actions workflow commands (the default when GITHUB_ACTIONS=true).
    Github,
    /// GitLab Code Quality JSON.
    Gitlab,
}

impl FindingsFormat {
    /// The format asked for, else `github` inside GitHub Actions, else `human`.
    pub(crate) fn resolve(explicit: Option<FindingsFormat>) -> FindingsFormat {
        explicit.unwrap_or_else(|| {
            if std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true") {
                FindingsFormat::Github
            } else {
                FindingsFormat::Human
            }
        })
    }
}

/// Prints findings in one of the CI formats, and appends a summary to
/// `$GITHUB_STEP_SUMMARY` when GitHub provides one.
pub(crate) fn print_ci_findings(
    format: FindingsFormat,
    findings: &[crate::finding::Finding],
    units: &[String],
    documents: usize,
    suite: &str,
    root: &std::path::Path,
) -> Result<()> {
    let lines = |path: &std::path::Path, line: usize| -> Option<String> {
        std::fs::read_to_string(root.join(path))
            .ok()?
            .lines()
            .nth(line.checked_sub(1)?)
            .map(str::to_string)
    };
    match format {
        FindingsFormat::Sarif => print_json(&crate::formats::sarif(findings, env!("CARGO_PKG_VERSION"), &lines))?,
        FindingsFormat::Junit => print(crate::formats::junit(findings, units, suite).trim_end())?,
        FindingsFormat::Github => {
            let text = crate::formats::github(findings, &lines);
            if !text.is_empty() {
                print(text.trim_end())?;
            }
        }
        FindingsFormat::Gitlab => print_json(&crate::formats::gitlab(findings))?,
        FindingsFormat::Human | FindingsFormat::Json => {}
    }
    crate::formats::append_github_summary(findings, documents)
}

/// Colour on a terminal unless NO_COLOR says otherwise (comfy-table and our
/// own output both follow this one decision).
pub(crate) fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

/// Wraps text in an ANSI colour when colour is on.
pub(crate) fn paint(text: &str, code: &str, color: bool) -> String {
    if color {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

pub(crate) const RED: &str = "1;31";
pub(crate) const YELLOW: &str = "1;33";
pub(crate) const BOLD: &str = "1";
pub(crate) const DIM: &str = "2";
pub(crate) const CYAN: &str = "36";

/// A table for people: box lines on a terminal, Markdown when piped (so it
/// pastes into a report).
/// A table for people: on a terminal, or when `COLUMNS` gives a width, it
/// wraps its cells to fit; otherwise (a pipe, a file) it is a Markdown
/// table that keeps each row on one line.
pub(crate) fn table(headers: Vec<String>, rows: Vec<Vec<String>>) -> String {
    let mut table = Table::new();
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<u16>().ok())
        .filter(|c| *c >= 20);
    if std::io::stdout().is_terminal() || columns.is_some() {
        table
            .load_preset(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic);
        if let Some(width) = columns {
            table.set_width(width);
        }
    } else {
        table.load_preset(presets::ASCII_MARKDOWN);
    }
    table.set_header(headers);
    for row in rows {
        table.add_row(row);
    }
    table.to_string()
}

pub(crate) fn print_json<T: Serialize + ?Sized>(value: &T) -> Result<()> {
    let text = serde_json::to_string_pretty(value)?;
    print(&text)
}

/// Writes CSV to stdout, UTF-8 with a byte-order mark so that spreadsheet
/// programs read Vietnamese correctly, every cell made inert.
pub(crate) fn print_csv(headers: &[String], rows: &[Vec<String>]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all("\u{FEFF}".as_bytes())?;
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(headers.iter().map(|cell| inert_cell(cell)))?;
    for row in rows {
        writer.write_record(row.iter().map(|cell| inert_cell(cell)))?;
    }
    writer.flush()?;
    Ok(())
}

/// A cell a spreadsheet will not run as a formula (OWASP "CSV injection"):
/// one that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets
/// a leading apostrophe, which spreadsheets show as text.
pub(crate) fn inert_cell(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// Prints text to stdout, ignoring a closed pipe (`qms list | head`).
pub(crate) fn print(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{text}") {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

#[cfg(test)]
mod tests {
    use super::inert_cell;

    #[test]
    fn csv_cells_are_never_formulas() {
        for formula in ["=HYPERLINK(\"http://x\")", "+1", "-1+2", "@SUM(A1)", "\tx", "\rx"] {
            assert!(inert_cell(formula).starts_with('\''), "{formula:?}");
        }
        assert_eq!(inert_cell("QT-07"), "QT-07");
        assert_eq!(inert_cell("Quy trình = tốt"), "Quy trình = tốt");
    }
}
