//! One document as a .docx in the layout of an agency's controlled
//! documents: A4, Times New Roman 13 pt, margins 20 mm (left 30 mm); the
//! header table on every page (organisation; type and title; Mã số, Lần
//! ban hành, Ngày hiệu lực, Trang with a page field); the signature table;
//! the body; the revision table. An administrative document (a decision, a
//! report) is laid out under Decree 30/2020/NĐ-CP instead: the heading
//! with the national title, number and date, the kind and subject, the
//! body, the recipients and the signature block.

use anyhow::{Result, anyhow};
use docx_rs::{
    AlignmentType, Docx, FieldCharType, Header, InstrPAGE, InstrText, PageMargin, Paragraph, Run, RunFonts, Style, StyleType, Table,
    TableCell, TableRow, WidthType,
};

use crate::handbook::{self, DocPage};
use crate::model::administrative::Layout;
use crate::model::config::Language;
use crate::render::blocks::{self, Block, Inline};

/// Twips (1/20 pt) per millimetre.
const MM: i32 = 57;
/// A4, in twips.
const A4: (u32, u32) = (11906, 16838);
/// Font sizes in half-points: 13 pt body, 14 pt titles.
const BODY: usize = 26;
const TITLE: usize = 28;
const FONT: &str = "Times New Roman";
/// The text block's width (A4 less 30 + 20 mm), in twips, for table widths.
const TEXT_WIDTH: usize = 9070;

/// The document's bytes.
pub(super) fn document(page: &DocPage, organisation: &str, lang: Language) -> Result<Vec<u8>> {
    let labels = handbook::labels(lang);
    let label = |key: &str| labels.get(key).copied().unwrap_or_default();
    let mut docx = Docx::new()
        .page_size(A4.0, A4.1)
        .page_margin(PageMargin {
            top: 20 * MM,
            left: 30 * MM,
            bottom: 20 * MM,
            right: 20 * MM,
            header: 10 * MM,
            footer: 10 * MM,
            gutter: 0,
        })
        .default_fonts(RunFonts::new().ascii(FONT).hi_ansi(FONT).east_asia(FONT).cs(FONT))
        .default_size(BODY);
    // Headings as Word's heading styles: the navigation pane and an import
    // find them, and they keep their level.
    for level in 1..=6usize {
        let size = if level <= 2 { TITLE } else { BODY };
        docx = docx.add_style(
            Style::new(format!("Heading{level}"), StyleType::Paragraph)
                .name(format!("Heading {level}"))
                .bold()
                .size(size),
        );
    }
    match &page.own.admin {
        Some(layout) => {
            if page.draft {
                // A header for the watermark to stand in.
                docx = docx.header(Header::new().add_paragraph(Paragraph::new()));
            }
            docx = administrative_heading(docx, layout);
            docx = body(docx, page);
            docx = docx.add_table(signature_block(layout));
        }
        None => {
            docx = docx.header(header(page, organisation, &label));
            if page.draft {
                docx = docx.add_paragraph(centred(label("draft"), TITLE, true));
            }
            docx = docx.add_table(signatures(page));
            docx = docx.add_paragraph(Paragraph::new());
            docx = body(docx, page);
            docx = revisions(docx, page, &label);
        }
    }
    let mut bytes = std::io::Cursor::new(Vec::new());
    docx.build().pack(&mut bytes).map_err(|e| anyhow!("{e}"))?;
    if page.draft {
        return super::watermark::add(&bytes.into_inner(), label("draft"));
    }
    Ok(bytes.into_inner())
}

fn text(text: &str, size: usize, bold: bool) -> Run {
    let run = Run::new().add_text(text).size(size);
    if bold { run.bold() } else { run }
}

fn centred(line: &str, size: usize, bold: bool) -> Paragraph {
    Paragraph::new().align(AlignmentType::Center).add_run(text(line, size, bold))
}

fn cell(paragraphs: Vec<Paragraph>, width: usize) -> TableCell {
    paragraphs
        .into_iter()
        .fold(TableCell::new().width(width, WidthType::Dxa), TableCell::add_paragraph)
}

/// The ISO header block, repeated on every page.
fn header(page: &DocPage, organisation: &str, label: &dyn Fn(&str) -> &'static str) -> Header {
    let page_number = Paragraph::new()
        .add_run(text(&format!("{}: ", label("page")), BODY - 4, false))
        .add_run(Run::new().size(BODY - 4).add_field_char(FieldCharType::Begin, false))
        .add_run(Run::new().size(BODY - 4).add_instr_text(InstrText::PAGE(InstrPAGE::new())))
        .add_run(Run::new().size(BODY - 4).add_field_char(FieldCharType::Separate, false))
        .add_run(text("1", BODY - 4, false))
        .add_run(Run::new().size(BODY - 4).add_field_char(FieldCharType::End, false));
    let facts = vec![
        Paragraph::new().add_run(text(&format!("{}: {}", label("id"), page.id), BODY - 4, false)),
        Paragraph::new().add_run(text(&format!("{}: {:02}", label("issue"), page.issue), BODY - 4, false)),
        Paragraph::new().add_run(text(
            &format!("{}: {}", label("effective_date"), page.own.effective_date),
            BODY - 4,
            false,
        )),
        page_number,
    ];
    let row = TableRow::new(vec![
        cell(vec![centred(&organisation.to_uppercase(), BODY - 4, true)], 2600),
        cell(
            vec![
                centred(&page.own.type_label.to_uppercase(), BODY - 2, true),
                centred(&page.title, BODY - 2, true),
            ],
            3870,
        ),
        cell(facts, 2600),
    ]);
    let header = Header::new().add_table(Table::new(vec![row]).width(TEXT_WIDTH, WidthType::Dxa));
    if !page.draft {
        return header;
    }
    // A draft says so on every page it is printed on.
    header.add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(text(label("draft"), TITLE, true).color("C00000")),
    )
}

/// Who drafted, reviewed and approved it: capacity, signature status, name, date.
fn signatures(page: &DocPage) -> Table {
    let width = TEXT_WIDTH / page.own.signatures.len().max(1);
    let heads = page
        .own
        .signatures
        .iter()
        .map(|s| cell(vec![centred(&s.capacity, BODY, true)], width))
        .collect();
    let names = page
        .own
        .signatures
        .iter()
        .map(|s| {
            cell(
                vec![
                    centred(&s.meaning, BODY - 4, false),
                    centred(&s.name, BODY, true),
                    centred(&s.role, BODY - 4, false),
                    centred(&s.signed_at, BODY - 4, false),
                ],
                width,
            )
        })
        .collect();
    Table::new(vec![TableRow::new(heads), TableRow::new(names)]).width(TEXT_WIDTH, WidthType::Dxa)
}

fn revisions(docx: Docx, page: &DocPage, label: &dyn Fn(&str) -> &'static str) -> Docx {
    if page.own.revisions.is_empty() {
        return docx;
    }
    let widths = [900, 1700, 4370, 2100];
    let row = |cells: [String; 4], bold: bool| {
        TableRow::new(
            cells
                .iter()
                .zip(widths)
                .map(|(c, w)| cell(vec![Paragraph::new().add_run(text(c, BODY - 2, bold))], w))
                .collect(),
        )
    };
    let mut rows = vec![row(
        [label("issue"), label("date"), label("summary"), label("approver")].map(str::to_string),
        true,
    )];
    rows.extend(page.own.revisions.iter().map(|r| {
        row(
            [format!("{:02}", r.issue), r.date.clone(), r.summary.clone(), r.approver.clone()],
            false,
        )
    }));
    docx.add_paragraph(Paragraph::new())
        .add_paragraph(Paragraph::new().add_run(text(label("revisions"), BODY, true)))
        .add_table(Table::new(rows).width(TEXT_WIDTH, WidthType::Dxa))
}

/// Decree 30's heading: issuer on the left, the national title on the
/// right, then number and date, then the kind and subject centred.
fn administrative_heading(docx: Docx, layout: &Layout) -> Docx {
    let mut left = Vec::new();
    if !layout.superior.is_empty() {
        left.push(centred(&layout.superior, BODY, false));
    }
    left.push(centred(&layout.issuer, BODY, true));
    left.push(centred(&layout.number_line, BODY, false));
    let right = vec![
        centred("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", BODY - 1, true),
        centred("Độc lập - Tự do - Hạnh phúc", BODY + 1, true),
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(Run::new().add_text(&layout.date_line).size(BODY + 1).italic()),
    ];
    let heading = Table::without_borders(vec![TableRow::new(vec![cell(left, 3800), cell(right, 5270)])]).width(TEXT_WIDTH, WidthType::Dxa);
    let mut docx = docx
        .add_table(heading)
        .add_paragraph(Paragraph::new())
        .add_paragraph(centred(&layout.kind, TITLE, true))
        .add_paragraph(centred(&layout.subject, TITLE, true));
    if !layout.authority.is_empty() {
        docx = docx.add_paragraph(centred(&layout.authority, TITLE, true));
    }
    docx.add_paragraph(Paragraph::new())
}

/// Recipients on the left, the signature lines and signer on the right.
fn signature_block(layout: &Layout) -> Table {
    let mut left = vec![Paragraph::new().add_run(Run::new().add_text("Nơi nhận:").size(BODY - 1).bold().italic())];
    let last = layout.recipients.len().saturating_sub(1);
    left.extend(layout.recipients.iter().enumerate().map(|(i, r)| {
        let end = if i == last { "." } else { ";" };
        Paragraph::new().add_run(text(&format!("- {r}{end}"), BODY - 2, false))
    }));
    let mut right: Vec<Paragraph> = layout.signature_lines.iter().map(|l| centred(l, BODY + 1, true)).collect();
    right.push(Paragraph::new());
    right.push(Paragraph::new());
    right.push(centred(&layout.signer, BODY + 1, true));
    Table::without_borders(vec![TableRow::new(vec![cell(left, 4535), cell(right, 4535)])]).width(TEXT_WIDTH, WidthType::Dxa)
}

/// The body's blocks as Word paragraphs and tables.
fn body(mut docx: Docx, page: &DocPage) -> Docx {
    for block in blocks::blocks(page.body_text()) {
        docx = match block {
            Block::Heading(level, inline) => {
                let size = if level <= 2 { TITLE } else { BODY };
                let style = format!("Heading{}", level.clamp(1, 6));
                docx.add_paragraph(runs(Paragraph::new().style(&style).keep_next(true), &inline, size, true))
            }
            Block::Paragraph(inline) => docx.add_paragraph(runs(Paragraph::new().align(AlignmentType::Both), &inline, BODY, false)),
            Block::List { ordered, start, items } => {
                let mut number = start;
                for item in items {
                    let mark = if ordered && item.depth == 0 {
                        number += 1;
                        format!("{}. ", number - 1)
                    } else {
                        "- ".to_string()
                    };
                    let indent = 360 * (item.depth as i32 + 1);
                    let paragraph = Paragraph::new()
                        .indent(Some(indent), None, None, None)
                        .add_run(text(&mark, BODY, false));
                    docx = docx.add_paragraph(runs(paragraph, &item.text, BODY, false));
                }
                docx
            }
            Block::Table(rows) => docx.add_table(table(&rows)).add_paragraph(Paragraph::new()),
            Block::Quote(lines) => {
                for line in lines {
                    let paragraph = Paragraph::new().indent(Some(720), None, None, None);
                    docx = docx.add_paragraph(runs(paragraph, &line, BODY, false));
                }
                docx
            }
            Block::Code(code) => {
                for line in code.lines() {
                    docx = docx.add_paragraph(
                        Paragraph::new().add_run(Run::new().add_text(line).size(BODY - 4).fonts(RunFonts::new().ascii("Courier New"))),
                    );
                }
                docx
            }
            Block::Rule => docx.add_paragraph(Paragraph::new()),
            Block::Image { src, alt } => docx.add_paragraph(picture(page, &src, &alt)),
        };
    }
    docx
}

/// A picture the handbook shows, centred and no wider than the text; one
/// Word cannot show (a vector drawing, a file not committed) is named in
/// its place.
fn picture(page: &DocPage, src: &str, alt: &str) -> Paragraph {
    let paragraph = Paragraph::new().align(AlignmentType::Center);
    let shown = page.pictures.iter().find(|p| p.src == src).and_then(|p| as_png(&p.bytes));
    let Some((png, width, height)) = shown else {
        let name = if alt.trim().is_empty() { src } else { alt };
        return paragraph.add_run(text(&format!("[{name}]"), BODY, false).italic());
    };
    // 9,525 EMU to a pixel at 96 dpi, 635 to a twip.
    let (mut w, mut h) = (u64::from(width) * 9525, u64::from(height) * 9525);
    let widest = TEXT_WIDTH as u64 * 635;
    if w > widest {
        h = h * widest / w;
        w = widest;
    }
    let pic = docx_rs::Pic::new_with_dimensions(png, width, height).size(w as u32, h as u32);
    paragraph.add_run(Run::new().add_image(pic))
}

/// The picture as PNG with its size in pixels: docx-rs names every
/// picture it writes `.png`, so another format is converted first.
fn as_png(bytes: &[u8]) -> Option<(Vec<u8>, u32, u32)> {
    let format = image::guess_format(bytes).ok()?;
    if format == image::ImageFormat::Png {
        let reader = image::ImageReader::with_format(std::io::Cursor::new(bytes), format);
        let (width, height) = reader.into_dimensions().ok()?;
        return Some((bytes.to_vec(), width, height));
    }
    let decoded = image::load_from_memory_with_format(bytes, format).ok()?;
    let mut png = std::io::Cursor::new(Vec::new());
    decoded.write_to(&mut png, image::ImageFormat::Png).ok()?;
    Some((png.into_inner(), decoded.width(), decoded.height()))
}

/// A Markdown table: the header row bold, columns of equal width.
fn table(rows: &[Vec<Inline>]) -> Table {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let width = TEXT_WIDTH / columns;
    let rows = rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            TableRow::new(
                row.iter()
                    .map(|inline| cell(vec![runs(Paragraph::new(), inline, BODY - 2, i == 0)], width))
                    .collect(),
            )
        })
        .collect();
    Table::new(rows).width(TEXT_WIDTH, WidthType::Dxa)
}

fn runs(mut paragraph: Paragraph, inline: &Inline, size: usize, bold: bool) -> Paragraph {
    for run in inline {
        let mut out = Run::new().size(size);
        // A hard line break inside a paragraph stays one.
        for (i, piece) in run.text.split('\n').enumerate() {
            if i > 0 {
                out = out.add_break(docx_rs::BreakType::TextWrapping);
            }
            out = out.add_text(piece);
        }
        if bold || run.bold {
            out = out.bold();
        }
        if run.italic {
            out = out.italic();
        }
        if run.code {
            out = out.fonts(RunFonts::new().ascii("Courier New"));
        }
        paragraph = paragraph.add_run(out);
    }
    paragraph
}
