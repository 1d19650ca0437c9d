//! Importing the agency's list of administrative procedures, as exported from
//! the public-service portal, into the catalogue. Only this module touches
//! csv and calamine.
//!
//! Accepted columns (header names are matched without case or diacritics):
//! - code: `Mã TTHC`, `Mã thủ tục`, `Mã số`, `Mã`, `code`
//! - name: `Tên thủ tục`, `Tên TTHC`, `Tên thủ tục hành chính`, `Tên`, `name`
//! - field: `Lĩnh vực`, `field`
//! - time limit: `Thời hạn giải quyết`, `Thời gian giải quyết`, `Thời hạn`, `time limit`
//! - fee: `Phí, lệ phí`, `Lệ phí`, `Phí`, `fee`
//!
//! Other columns are ignored. The header row may be preceded by title rows.

use std::path::Path;

use anyhow::{Context, Result, anyhow, bail};
use calamine::Reader;

use crate::model::catalog::{Catalog, Procedure};
use crate::model::time_limit::{DAY_HOURS, TimeLimit, Unit};
use crate::msg;
use crate::text;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Code,
    Name,
    Field,
    TimeLimit,
    Fee,
}

const ALIASES: &[(Column, &[&str])] = &[
    (
        Column::Code,
        &[
            "ma tthc",
            "ma thu tuc",
            "ma thu tuc hanh chinh",
            "ma so",
            "ma",
            "code",
            "procedure code",
        ],
    ),
    (
        Column::Name,
        &[
            "ten thu tuc",
            "ten tthc",
            "ten thu tuc hanh chinh",
            "ten",
            "name",
            "procedure name",
            "procedure",
        ],
    ),
    (Column::Field, &["linh vuc", "field", "sector"]),
    (
        Column::TimeLimit,
        &[
            "thoi han giai quyet",
            "thoi gian giai quyet",
            "thoi han",
            "thoi gian",
            "time limit",
            "time_limit",
            "processing time",
        ],
    ),
    (Column::Fee, &["phi, le phi", "phi le phi", "le phi", "phi", "fee", "fees"]),
];

fn classify(header: &str) -> Option<Column> {
    let folded = text::fold(header.trim());
    let folded = folded.trim_matches(|c: char| !c.is_alphanumeric());
    ALIASES.iter().find(|(_, names)| names.contains(&folded)).map(|(column, _)| *column)
}

/// The rows of a table file, as text cells.
pub(crate) fn read_rows(path: &Path) -> Result<Vec<Vec<String>>> {
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
    match extension.as_str() {
        "csv" | "txt" => {
            let bytes = std::fs::read(path).with_context(|| msg!("error-read", path = path.display()))?;
            let text = String::from_utf8(bytes).map_err(|e| {
                anyhow!(msg!(
                    "error-csv-not-utf8",
                    path = path.display(),
                    offset = e.utf8_error().valid_up_to()
                ))
            })?;
            parse_csv(&text).with_context(|| msg!("error-read", path = path.display()))
        }
        "xlsx" | "xlsm" | "xls" | "ods" => read_spreadsheet(path),
        _ => bail!(msg!("error-import-format", path = path.display())),
    }
}

/// Parses CSV text (comma or semicolon separated, optional BOM).
pub(crate) fn parse_csv(text: &str) -> Result<Vec<Vec<String>>> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    // Title rows often precede the header, so look at the first lines together.
    let head: String = text.lines().take(20).collect();
    let delimiter = if head.matches(';').count() > head.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let record = record.with_context(|| msg!("error-csv-line", line = index + 1))?;
        rows.push(record.iter().map(|c| text::to_nfc(c.trim()).into_owned()).collect());
    }
    Ok(rows)
}

/// The most a spreadsheet may hold once unpacked: a portal export of every
/// procedure of a province is a few megabytes; a "zip bomb" is gigabytes.
const MAX_UNPACKED_BYTES: u64 = 256 << 20;

/// Refuses a zipped spreadsheet (.xlsx, .xlsm, .ods) that would unpack to
/// more than [`MAX_UNPACKED_BYTES`], before anything is unpacked.
fn refuse_zip_bomb(path: &Path) -> Result<()> {
    refuse_unpacking_over(path, MAX_UNPACKED_BYTES)
}

fn refuse_unpacking_over(path: &Path, limit: u64) -> Result<()> {
    let file = std::fs::File::open(path).with_context(|| msg!("error-read", path = path.display()))?;
    let Ok(mut archive) = zip::ZipArchive::new(file) else {
        // Not a zip (an old .xls): calamine reads it, or says why not.
        return Ok(());
    };
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        // The central directory's size, which the reader then holds it to.
        let size = archive.by_index_raw(index).map(|entry| entry.size()).unwrap_or(u64::MAX);
        total = total.saturating_add(size);
    }
    if total > limit {
        bail!(msg!(
            "error-spreadsheet-too-large",
            path = path.display(),
            size = total >> 20,
            limit = limit >> 20
        ));
    }
    Ok(())
}

fn read_spreadsheet(path: &Path) -> Result<Vec<Vec<String>>> {
    refuse_zip_bomb(path)?;
    let mut workbook = calamine::open_workbook_auto(path).with_context(|| msg!("error-read", path = path.display()))?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or_else(|| msg!("error-no-worksheet", path = path.display()))?
        .with_context(|| msg!("error-read", path = path.display()))?;
    Ok(range.rows().map(|row| row.iter().map(cell_text).collect()).collect())
}

fn cell_text(cell: &calamine::Data) -> String {
    match cell {
        // A code typed as a number (1.001193) lost its trailing zeros in the
        // spreadsheet; codes have six digits after the dot.
        calamine::Data::Float(f) if f.fract() != 0.0 => format!("{f:.6}"),
        calamine::Data::Float(f) => format!("{f}"),
        other => text::to_nfc(other.to_string().trim()).into_owned(),
    }
}

/// Turns table rows into procedures: finds the header row, maps the columns,
/// and reads one procedure per row that has a code and a name.
pub(crate) fn procedures_from_rows(rows: &[Vec<String>]) -> Result<Vec<Procedure>> {
    let (header_index, columns) = rows
        .iter()
        .take(20)
        .enumerate()
        .map(|(i, row)| (i, row.iter().map(|h| classify(h)).collect::<Vec<_>>()))
        .find(|(_, cols)| cols.contains(&Some(Column::Code)) && cols.contains(&Some(Column::Name)))
        .ok_or_else(|| anyhow!(msg!("error-no-header-row")))?;
    let position = |column| columns.iter().position(|c| *c == Some(column));
    let cell = |row: &[String], column| {
        position(column)
            .and_then(|i| row.get(i))
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let mut procedures = Vec::new();
    for row in &rows[header_index + 1..] {
        let (Some(code), Some(name)) = (cell(row, Column::Code), cell(row, Column::Name)) else {
            continue;
        };
        let time_text = cell(row, Column::TimeLimit);
        procedures.push(Procedure {
            code,
            name,
            field: cell(row, Column::Field),
            time_limit_days: time_text.as_deref().and_then(parse_time_limit),
            time_limit_text: time_text,
            fee: cell(row, Column::Fee),
            legal_basis: Vec::new(),
            dossier: Vec::new(),
            result: None,
        });
    }
    Ok(procedures)
}

/// The number of days a time limit gives, as the portal writes it: "05 ngày
/// làm việc", "15 ngày kể từ…", "Trong ngày", "04 giờ làm việc" (half a
/// day); `None` for months or no amount. Read by [`TimeLimit::parse`], so
/// the number and the text's unit (kept in `time_limit_text`) never
/// disagree.
pub(crate) fn parse_time_limit(text: &str) -> Option<f64> {
    let limit = TimeLimit::parse(text)?;
    match limit.unit {
        Unit::WorkingDays | Unit::CalendarDays => Some(limit.amount),
        Unit::WorkingHours => Some(limit.amount / DAY_HOURS),
        Unit::Months => None,
    }
}

/// What an import changed.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct MergeStats {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
}

/// Merges imported procedures into the catalogue by code: new codes are
/// appended, known ones get the imported values, and what the import does not
/// carry (legal basis, dossier, result) is kept.
pub(crate) fn merge(catalog: &mut Catalog, imported: Vec<Procedure>) -> MergeStats {
    let mut stats = MergeStats::default();
    let mut index: std::collections::HashMap<String, usize> =
        catalog.procedures.iter().enumerate().map(|(i, p)| (p.code.clone(), i)).collect();
    for new in imported {
        match index.get(&new.code) {
            Some(&i) => {
                let existing = &mut catalog.procedures[i];
                let before = existing.clone();
                existing.name = new.name;
                existing.field = new.field.or(existing.field.take());
                existing.time_limit_days = new.time_limit_days.or(existing.time_limit_days);
                existing.time_limit_text = new.time_limit_text.or(existing.time_limit_text.take());
                existing.fee = new.fee.or(existing.fee.take());
                if *existing == before {
                    stats.unchanged += 1;
                } else {
                    stats.updated += 1;
                }
            }
            None => {
                index.insert(new.code.clone(), catalog.procedures.len());
                catalog.procedures.push(new);
                stats.added += 1;
            }
        }
    }
    stats
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_spreadsheet_that_unpacks_to_too_much_is_refused_unread() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bomb.xlsx");
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
        zip.write_all(&vec![b'0'; 3 << 20]).unwrap();
        zip.finish().unwrap();
        assert!(std::fs::metadata(&path).unwrap().len() < 64 << 10, "it compresses");
        let refused = refuse_unpacking_over(&path, 2 << 20).unwrap_err().to_string();
        assert!(refused.contains("would unpack to 3 MB"), "{refused}");
        assert!(refuse_unpacking_over(&path, 4 << 20).is_ok());
        // A file that is not a zip is left to the spreadsheet reader.
        std::fs::write(dir.path().join("old.xls"), b"not a zip").unwrap();
        assert!(refuse_unpacking_over(&dir.path().join("old.xls"), 1).is_ok());
    }
    use super::*;

    const PORTAL_CSV: &str = "\u{FEFF}DANH MỤC THỦ TỤC HÀNH CHÍNH\n\nSTT;Mã thủ tục;Tên thủ tục;Lĩnh vực;Thời hạn giải quyết;Phí, lệ phí\n1;1.001193;Đăng ký khai sinh;Hộ tịch;Trong ngày;Miễn\n2;2.000100;Chứng thực chữ ký;Chứng thực;02 ngày làm việc;10.000 đồng\n3;;(dòng trống);;;\n";

    #[test]
    fn reads_a_portal_export_with_title_rows() {
        let rows = parse_csv(PORTAL_CSV).unwrap();
        let procedures = procedures_from_rows(&rows).unwrap();
        assert_eq!(procedures.len(), 2);
        assert_eq!(procedures[0].code, "1.001193");
        assert_eq!(procedures[0].time_limit_days, Some(1.0));
        assert_eq!(procedures[1].code, "2.000100");
        assert_eq!(procedures[1].time_limit_days, Some(2.0));
        assert_eq!(procedures[1].fee.as_deref(), Some("10.000 đồng"));
    }

    #[test]
    fn english_headers_and_commas_work() {
        let rows = parse_csv("code,name,field,time limit\nX.1,Name,F,15 days\n").unwrap();
        let procedures = procedures_from_rows(&rows).unwrap();
        assert_eq!(procedures[0].time_limit_days, Some(15.0));
    }

    #[test]
    fn a_file_without_headers_is_refused() {
        let rows = parse_csv("a,b\n1,2\n").unwrap();
        assert!(procedures_from_rows(&rows).unwrap_err().to_string().contains("header row"));
    }

    #[test]
    fn time_limits_in_portal_wording() {
        assert_eq!(parse_time_limit("05 ngày làm việc kể từ ngày nhận đủ hồ sơ"), Some(5.0));
        assert_eq!(parse_time_limit("04 giờ làm việc"), Some(0.5));
        assert_eq!(parse_time_limit("Ngay trong ngày"), Some(1.0));
        assert_eq!(parse_time_limit("2,5 ngày"), Some(2.5));
        assert_eq!(parse_time_limit("Không quy định"), None);
        assert_eq!(parse_time_limit("03 tháng"), None);
    }

    #[test]
    fn merging_twice_changes_nothing_the_second_time() {
        let rows = parse_csv(PORTAL_CSV).unwrap();
        let mut catalog = Catalog::default();
        assert_eq!(
            merge(&mut catalog, procedures_from_rows(&rows).unwrap()),
            MergeStats {
                added: 2,
                updated: 0,
                unchanged: 0
            }
        );
        catalog.procedures[0].legal_basis.push("Luật Hộ tịch".into());
        assert_eq!(
            merge(&mut catalog, procedures_from_rows(&rows).unwrap()),
            MergeStats {
                added: 0,
                updated: 0,
                unchanged: 2
            }
        );
        assert_eq!(catalog.procedures.len(), 2);
        assert_eq!(
            catalog.procedures[0].legal_basis,
            ["Luật Hộ tịch"],
            "kept what the import does not carry"
        );
    }
}
