//! A Word procedure read back as plain blocks, with what its ISO header
//! block says (Mã số, Lần ban hành, Ngày hiệu lực, the title) and who its
//! signature table names. The header, signature and revision tables are
//! not part of the body; what could not be carried over is reported.

use anyhow::{Result, anyhow};
use docx_rs::{DocumentChild, HeaderChild, Paragraph, ParagraphChild, Run, RunChild, Table, TableCellContent, TableChild, TableRowChild};

use crate::i18n::{self, Msg};
use crate::model::config::Language;
use crate::render::blocks::{Block, Inline, ListItem, Run as TextRun};

/// What a Word document holds, as `qms import docx` maps it.
#[derive(Debug, Default)]
pub(crate) struct Read {
    /// `Mã số` of the header block.
    pub id: Option<String>,
    /// The title: the header block's, else the first heading.
    pub title: Option<String>,
    /// `Lần ban hành`.
    pub issue: Option<u32>,
    /// `Ngày hiệu lực`, as written.
    pub effective: Option<String>,
    /// Names in the signature table, by capacity (`Người soạn thảo`, …).
    pub signers: Vec<(String, String)>,
    pub body: Vec<Block>,
    /// The pictures the file holds, by their name in it; the body's
    /// [`Block::Image`]s name them so.
    pub media: Vec<(String, Vec<u8>)>,
    /// What needed a change or could not be carried over, by paragraph
    /// number (1-based, in the document's order).
    pub notes: Vec<(usize, Msg)>,
}

pub(crate) fn read(bytes: &[u8]) -> Result<Read> {
    // Pictures are kept as they are: no preview is decoded.
    let options = docx_rs::ReadDocxOptions::default().with_image_previews(false);
    let docx = docx_rs::read_docx_with_options(bytes, options).map_err(|e| anyhow!("{e}"))?;
    let media_name = |relationship: &str| {
        docx.images
            .iter()
            .find(|(id, ..)| id == relationship)
            .map(|(_, path, ..)| path.clone())
    };
    let mut read = Read {
        media: docx
            .images
            .iter()
            .map(|(_, path, image, _)| (path.clone(), image.0.clone()))
            .collect(),
        ..Read::default()
    };
    if let Some((_, header)) = &docx.document.section_property.header {
        for child in &header.children {
            if let HeaderChild::Table(table) = child {
                header_block(&cells(table), &mut read);
            }
        }
    }
    // The list being read: whether it is numbered, and its items.
    let mut list: (bool, Vec<ListItem>) = (false, Vec::new());
    let mut skip_next_table = false;
    for (number, child) in docx.document.children.iter().enumerate() {
        let number = number + 1;
        match child {
            DocumentChild::Paragraph(paragraph) => {
                let text = runs(paragraph);
                let plain: String = text.iter().map(|r| r.text.as_str()).collect();
                // The mark `qms export docx --drafts` puts on a draft is not text of it.
                if read.body.is_empty() && both("handbook-draft").iter().any(|mark| plain.trim() == *mark) {
                    continue;
                }
                if both("handbook-revisions").iter().any(|title| plain.trim() == *title) {
                    skip_next_table = true;
                    continue;
                }
                let shown = pictures(paragraph);
                let pictures: Vec<Block> = shown
                    .iter()
                    .filter_map(|relationship| media_name(relationship))
                    .map(|src| Block::Image { src, alt: String::new() })
                    .collect();
                if pictures.len() < shown.len() {
                    read.notes.push((number, Msg::new("status-import-image")));
                }
                if !pictures.is_empty() {
                    flush_list(&mut list, &mut read.body);
                    if !plain.trim().is_empty() {
                        read.body.push(Block::Paragraph(text));
                    }
                    read.body.extend(pictures);
                    continue;
                }
                if let Some(level) = numbering_level(paragraph) {
                    push_item(&mut list, &mut read.body, false, ListItem { depth: level, text });
                    continue;
                }
                let heading = heading_level(paragraph, &text, &plain);
                if heading.is_none()
                    && let Some((ordered, item)) = typed_item(paragraph, &text)
                {
                    push_item(&mut list, &mut read.body, ordered, item);
                    continue;
                }
                flush_list(&mut list, &mut read.body);
                if plain.trim().is_empty() {
                    continue;
                }
                match heading {
                    Some(level) => {
                        let text = unstyled(text);
                        if read.title.is_none() && level == 1 {
                            read.title = Some(plain.trim().to_string());
                        }
                        read.body.push(Block::Heading(level, text));
                    }
                    None => read.body.push(Block::Paragraph(text)),
                }
            }
            DocumentChild::Table(table) => {
                flush_list(&mut list, &mut read.body);
                let grid = cells(table);
                let first: String = grid
                    .first()
                    .map(|row| row.iter().map(crate::render::blocks::plain_text).collect())
                    .unwrap_or_default();
                if skip_next_table {
                    skip_next_table = false;
                    continue;
                }
                if both("handbook-id").iter().any(|label| first.contains(&format!("{label}:"))) {
                    header_block(&grid, &mut read);
                    continue;
                }
                if ["label-drafted-by", "label-approved-by"]
                    .iter()
                    .flat_map(|key| both(key))
                    .any(|capacity| first.contains(capacity))
                {
                    signature_table(&grid, &mut read);
                    continue;
                }
                if merged(table) {
                    read.notes.push((number, Msg::new("status-import-merged")));
                }
                if table_pictures(table) {
                    read.notes.push((number, Msg::new("status-import-image")));
                }
                read.body.push(Block::Table(header_row_plain(grid)));
            }
            _ => {}
        }
    }
    flush_list(&mut list, &mut read.body);
    Ok(read)
}

/// A header row set in bold is a header row: Markdown's is bold already.
fn header_row_plain(mut grid: Vec<Vec<Inline>>) -> Vec<Vec<Inline>> {
    if let Some(first) = grid.first_mut()
        && first.iter().flatten().all(|r| r.bold || r.text.trim().is_empty())
    {
        for run in first.iter_mut().flatten() {
            run.bold = false;
        }
    }
    grid
}

fn flush_list(list: &mut (bool, Vec<ListItem>), body: &mut Vec<Block>) {
    if !list.1.is_empty() {
        body.push(Block::List {
            ordered: list.0,
            start: 1,
            items: std::mem::take(&mut list.1),
        });
    }
}

/// Adds an item, starting a new list when the kind changes.
fn push_item(list: &mut (bool, Vec<ListItem>), body: &mut Vec<Block>, ordered: bool, item: ListItem) {
    if list.0 != ordered && item.depth == 0 {
        flush_list(list, body);
        list.0 = ordered;
    }
    list.1.push(item);
}

/// A list item typed by hand, as most Word procedures have them: `- text`,
/// `• text` or `1. text` (not in bold: a bold numbered line is a heading).
/// The indent gives its depth.
fn typed_item(paragraph: &Paragraph, text: &Inline) -> Option<(bool, ListItem)> {
    let first = text.first()?;
    let start = first.text.trim_start();
    let (ordered, rest) = if let Some(rest) = ["- ", "• ", "– ", "+ "].iter().find_map(|m| start.strip_prefix(m)) {
        (false, rest)
    } else {
        let digits = start.chars().take_while(char::is_ascii_digit).count();
        let rest = start.get(digits..)?.strip_prefix(". ")?;
        if digits == 0 || text.iter().all(|r| r.bold || r.text.trim().is_empty()) {
            return None;
        }
        (true, rest)
    };
    let indent = paragraph.property.indent.as_ref().and_then(|i| i.start).unwrap_or(0);
    let depth = usize::try_from(indent / 360 - 1).unwrap_or(0);
    let mut runs = text.clone();
    runs[0].text = rest.to_string();
    if runs[0].text.is_empty() {
        runs.remove(0);
    }
    Some((ordered, ListItem { depth, text: runs }))
}

/// The runs of a paragraph with their bold and italic.
fn runs(paragraph: &Paragraph) -> Inline {
    let mut out: Inline = Vec::new();
    for child in &paragraph.children {
        let run = match child {
            ParagraphChild::Run(run) => run,
            ParagraphChild::Hyperlink(link) => {
                for child in &link.children {
                    if let ParagraphChild::Run(run) = child {
                        push(&mut out, run);
                    }
                }
                continue;
            }
            _ => continue,
        };
        push(&mut out, run);
    }
    out
}

fn push(out: &mut Inline, run: &Run) {
    let mut text = String::new();
    for child in &run.children {
        match child {
            RunChild::Text(t) => text.push_str(&t.text),
            RunChild::Tab(_) => text.push(' '),
            RunChild::Break(_) | RunChild::CarriageReturn(_) => text.push('\n'),
            _ => {}
        }
    }
    if text.is_empty() {
        return;
    }
    let bold = run.run_property.bold.as_ref().is_some_and(|b| *b == docx_rs::Bold::new());
    let italic = run.run_property.italic.as_ref().is_some_and(|i| *i == docx_rs::Italic::new());
    match out.last_mut() {
        Some(last) if last.bold == bold && last.italic == italic && !last.code => last.text.push_str(&text),
        _ => out.push(TextRun {
            text,
            bold,
            italic,
            code: false,
        }),
    }
}

/// A heading: a `Heading N` style (Word's and LibreOffice's names), or a
/// bold line numbered like `5.2.` as ISO procedures number their sections.
fn heading_level(paragraph: &Paragraph, text: &Inline, plain: &str) -> Option<u8> {
    if let Some(style) = &paragraph.property.style {
        let name = style.val.to_lowercase().replace([' ', '_'], "");
        if let Some(level) = name.strip_prefix("heading").and_then(|n| n.parse::<u8>().ok()) {
            return Some(level.clamp(1, 6));
        }
        if name == "title" {
            return Some(1);
        }
    }
    let all_bold = !text.is_empty() && text.iter().all(|r| r.bold || r.text.trim().is_empty());
    let numbered: Vec<&str> = plain.split_whitespace().next()?.split('.').filter(|p| !p.is_empty()).collect();
    let is_number = !numbered.is_empty() && numbered.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()));
    (all_bold && is_number && plain.chars().count() < 120).then(|| (numbered.len() as u8).clamp(1, 5))
}

fn unstyled(text: Inline) -> Inline {
    vec![TextRun {
        text: text.iter().map(|r| r.text.as_str()).collect::<String>().trim().to_string(),
        ..TextRun::default()
    }]
}

fn numbering_level(paragraph: &Paragraph) -> Option<usize> {
    let numbering = paragraph.property.numbering_property.as_ref()?;
    numbering.id.as_ref()?;
    Some(numbering.level.as_ref().map_or(0, |l| l.val))
}

/// The relationship ids of the pictures a paragraph shows, in order.
fn pictures(paragraph: &Paragraph) -> Vec<String> {
    let mut ids = Vec::new();
    for child in &paragraph.children {
        let ParagraphChild::Run(run) = child else { continue };
        for child in &run.children {
            if let RunChild::Drawing(drawing) = child
                && let Some(docx_rs::DrawingData::Pic(pic)) = &drawing.data
            {
                ids.push(pic.id.clone());
            }
        }
    }
    ids
}

fn table_pictures(table: &Table) -> bool {
    table.rows.iter().any(|TableChild::TableRow(row)| {
        row.cells.iter().any(|TableRowChild::TableCell(cell)| {
            cell.children
                .iter()
                .any(|content| matches!(content, TableCellContent::Paragraph(p) if !pictures(p).is_empty()))
        })
    })
}

/// A table as rows of cells; a cell spanning columns is followed by empty
/// cells so that every row keeps the grid's width.
fn cells(table: &Table) -> Vec<Vec<Inline>> {
    let mut rows = Vec::new();
    for TableChild::TableRow(row) in &table.rows {
        let mut cells = Vec::new();
        for TableRowChild::TableCell(cell) in &row.cells {
            let mut text: Inline = Vec::new();
            for content in &cell.children {
                if let TableCellContent::Paragraph(paragraph) = content {
                    let line = runs(paragraph);
                    if !text.is_empty() && !line.is_empty() {
                        text.push(TextRun {
                            text: "\n".into(),
                            ..TextRun::default()
                        });
                    }
                    text.extend(line);
                }
            }
            cells.push(text);
            for _ in 1..span(cell) {
                cells.push(Vec::new());
            }
        }
        rows.push(cells);
    }
    rows
}

/// The columns a cell spans (docx-rs keeps the property private; its
/// serde form says it).
fn span(cell: &docx_rs::TableCell) -> usize {
    serde_json::to_value(&cell.property)
        .ok()
        .and_then(|p| p.get("gridSpan").and_then(serde_json::Value::as_u64))
        .map_or(1, |n| n.max(1) as usize)
}

fn merged(table: &Table) -> bool {
    table.rows.iter().any(|TableChild::TableRow(row)| {
        row.cells.iter().any(|TableRowChild::TableCell(cell)| {
            span(cell) > 1
                || serde_json::to_value(&cell.property)
                    .ok()
                    .is_some_and(|p| p.get("verticalMerge").is_some_and(|v| !v.is_null()))
        })
    })
}

/// `Mã số: QT-07`, `Lần ban hành: 02`, `Ngày hiệu lực: 15/04/2026`, and the
/// title: the longest line of the header that is none of those.
fn header_block(grid: &[Vec<Inline>], read: &mut Read) {
    let lines: Vec<String> = grid
        .iter()
        .flatten()
        .flat_map(|cell| {
            crate::render::blocks::plain_text(cell)
                .lines()
                .map(|l| l.trim().to_string())
                .collect::<Vec<_>>()
        })
        .filter(|l| !l.is_empty())
        .collect();
    let value = |key: &'static str| {
        both(key).into_iter().find_map(|label| {
            lines
                .iter()
                .find_map(|l| l.strip_prefix(&format!("{label}:")).map(|rest| rest.trim().to_string()))
                .filter(|v| !v.is_empty())
        })
    };
    read.id = value("handbook-id").or(read.id.take());
    read.issue = value("handbook-issue").and_then(|v| v.parse().ok()).or(read.issue);
    read.effective = value("handbook-effective_date").or(read.effective.take());
    let fields: Vec<String> = ["handbook-id", "handbook-issue", "handbook-effective_date", "handbook-page"]
        .iter()
        .flat_map(|key| both(key))
        .map(|label| format!("{label}:"))
        .collect();
    let title = lines
        .iter()
        .filter(|l| !fields.iter().any(|k| l.starts_with(k.as_str())))
        .filter(|l| l.chars().any(char::is_lowercase))
        .max_by_key(|l| l.chars().count());
    if let Some(title) = title {
        read.title = Some(title.clone());
    }
}

/// A label in both languages: a Word file may come from either.
fn both(key: &'static str) -> [&'static str; 2] {
    [i18n::label(Language::Vi, key), i18n::label(Language::En, key)]
}

/// The row of capacities and, below it, the names.
fn signature_table(grid: &[Vec<Inline>], read: &mut Read) {
    let Some((capacities, rest)) = grid.split_first() else { return };
    for (column, capacity) in capacities.iter().enumerate() {
        let capacity = crate::render::blocks::plain_text(capacity).trim().to_string();
        // The name is the line of the cell below that reads like a name:
        // words that each start with a capital letter.
        let name = rest.iter().filter_map(|row| row.get(column)).find_map(|cell| {
            crate::render::blocks::plain_text(cell)
                .lines()
                .map(str::trim)
                .find(|l| {
                    l.split_whitespace().count() >= 2 && l.split_whitespace().all(|w| w.chars().next().is_some_and(char::is_uppercase))
                })
                .map(str::to_string)
        });
        if let Some(name) = name {
            read.signers.push((capacity, name));
        }
    }
}
