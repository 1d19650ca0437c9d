//! How results reach the terminal: colour, tables, JSON and CSV.

use std::io::{IsTerminal, Write};

use anyhow::Result;
use comfy_table::{ContentArrangement, Table, presets};
use serde::Serialize;

use super::ColorChoice;

/// `--format` of commands whose output is for people or for scripts.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum HumanOrJson {
    Human,
    Json,
}

/// Colour on a terminal unless NO_COLOR says otherwise (comfy-table and our
/// own output both follow this one decision).
pub fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// Wraps text in an ANSI colour when colour is on.
pub fn paint(text: &str, code: &str, color: bool) -> String {
    if color {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

pub const RED: &str = "1;31";
pub const YELLOW: &str = "1;33";
pub const BOLD: &str = "1";
pub const DIM: &str = "2";
pub const CYAN: &str = "36";

/// A table for people: box lines on a terminal, Markdown when piped (so it
/// pastes into a report).
pub fn table(headers: Vec<String>, rows: Vec<Vec<String>>) -> String {
    let mut table = Table::new();
    if std::io::stdout().is_terminal() {
        table
            .load_preset(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic);
    } else {
        table.load_preset(presets::ASCII_MARKDOWN);
    }
    table.set_header(headers);
    for row in rows {
        table.add_row(row);
    }
    table.to_string()
}

pub fn print_json<T: Serialize + ?Sized>(value: &T) -> Result<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    Ok(())
}

/// Writes CSV to stdout, UTF-8 with a byte-order mark so that spreadsheet
/// programs read Vietnamese correctly.
pub fn print_csv(headers: &[String], rows: &[Vec<String>]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all("\u{FEFF}".as_bytes())?;
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(headers)?;
    for row in rows {
        writer.write_record(row)?;
    }
    writer.flush()?;
    Ok(())
}

/// Prints text to stdout, ignoring a closed pipe (`qms list | head`).
pub fn print(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{text}") {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}
