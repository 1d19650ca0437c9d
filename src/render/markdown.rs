//! Markdown analysis and rendering (pulldown-cmark lives here and nowhere else).

use pulldown_cmark::{Event, Options, Parser, Tag};

/// A link or image target found in a Markdown body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Link {
    pub destination: String,
    /// 1-based line within the body.
    pub line: usize,
}

/// How deep Markdown may nest block quotes and lists. Deeper text is shown
/// as it is written, never parsed: parsing and sanitising a hundred thousand
/// nested quotes takes minutes.
pub(crate) const MAX_NESTING: usize = 64;

/// Where `body` nests deeper than [`MAX_NESTING`], with the depth and the
/// 1-based line: a line whose `>` markers and indentation (each two columns
/// one level) open that many block quotes and lists, or raw HTML with that
/// many elements open.
pub(crate) fn too_deep(body: &str) -> Option<(usize, usize)> {
    body.lines()
        .enumerate()
        .find_map(|(i, line)| {
            let mut depth = 0usize;
            let mut columns = 0usize;
            for c in line.chars() {
                match c {
                    '>' => depth += 1,
                    ' ' => columns += 1,
                    '\t' => columns += 4,
                    '-' | '*' | '+' | '0'..='9' | '.' | ')' => columns += 1,
                    _ => break,
                }
            }
            let depth = depth + columns / 2;
            (depth > MAX_NESTING).then_some((depth, i + 1))
        })
        .or_else(|| too_deep_html(body))
}

/// Raw HTML nested deeper than [`MAX_NESTING`] (open tags not yet closed;
/// void and self-closing tags do not count), with the line where it gets so.
fn too_deep_html(body: &str) -> Option<(usize, usize)> {
    const VOID: [&str; 14] = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    ];
    let bytes = body.as_bytes();
    let mut depth = 0usize;
    for at in memchr::memchr_iter(b'<', bytes) {
        let rest = &body[at + 1..];
        if rest.starts_with('/') {
            depth = depth.saturating_sub(1);
            continue;
        }
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) || VOID.contains(&name.as_str()) {
            continue;
        }
        let window = &rest.as_bytes()[..rest.len().min(512)];
        let self_closing = memchr::memchr(b'>', window).is_some_and(|end| end > 0 && window[end - 1] == b'/');
        if !self_closing {
            depth += 1;
            if depth > MAX_NESTING {
                return Some((depth, body[..at].matches('\n').count() + 1));
            }
        }
    }
    None
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Every link and image destination in `body`, with its line.
pub(crate) fn links(body: &str) -> Vec<Link> {
    destinations(body, false)
}

/// The sources of the pictures `body` shows, with their line.
pub(crate) fn pictures(body: &str) -> Vec<Link> {
    destinations(body, true)
}

fn destinations(body: &str, pictures_only: bool) -> Vec<Link> {
    if too_deep(body).is_some() {
        return Vec::new();
    }
    let line_starts: Vec<usize> = std::iter::once(0).chain(body.match_indices('\n').map(|(i, _)| i + 1)).collect();
    Parser::new_ext(body, options())
        .into_offset_iter()
        .filter_map(|(event, range)| {
            let destination = match event {
                Event::Start(Tag::Image { dest_url, .. }) => dest_url,
                Event::Start(Tag::Link { dest_url, .. }) if !pictures_only => dest_url,
                _ => return None,
            };
            Some(Link {
                destination: destination.to_string(),
                line: line_starts.partition_point(|&start| start <= range.start),
            })
        })
        .collect()
}

/// The entries of the section whose heading contains one of `headings`
/// (compared without diacritics or case): the cells of a table's record
/// column (headed by one of `columns`, else the second column), or the items
/// of a list, until the next heading of the same or a higher level. Used to
/// read the records a process says to keep ("Hồ sơ cần lưu").
pub(crate) fn section_entries(body: &str, headings: &[&str], columns: &[&str]) -> Vec<String> {
    let matches = |text: &str, needles: &[&str]| {
        let folded = crate::text::fold(text);
        needles.iter().any(|n| folded.contains(&crate::text::fold(n)))
    };
    let mut entries = Vec::new();
    let mut in_section: Option<pulldown_cmark::HeadingLevel> = None;
    let mut heading: Option<(pulldown_cmark::HeadingLevel, String)> = None;
    let mut cell: Option<String> = None;
    let mut item: Option<String> = None;
    let (mut row, mut header, mut column) = (Vec::new(), true, None::<usize>);
    for event in Parser::new_ext(body, options()) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => heading = Some((level, String::new())),
            Event::End(pulldown_cmark::TagEnd::Heading(_)) => {
                if let Some((level, text)) = heading.take() {
                    if in_section.is_some_and(|l| level <= l) {
                        in_section = None;
                    }
                    if in_section.is_none() && matches(&text, headings) {
                        in_section = Some(level);
                    }
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = heading.as_mut() {
                    text.push_str(&t);
                } else if let Some(c) = cell.as_mut() {
                    c.push_str(&t);
                } else if let Some(i) = item.as_mut() {
                    i.push_str(&t);
                }
            }
            _ if in_section.is_none() => {}
            Event::Start(Tag::Table(_)) => (header, column) = (true, None),
            Event::Start(Tag::TableHead) => header = true,
            Event::End(pulldown_cmark::TagEnd::TableHead) => {
                column = row
                    .iter()
                    .position(|h: &String| matches(h, columns))
                    .or((row.len() > 1).then_some(1));
                row.clear();
                header = false;
            }
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(pulldown_cmark::TagEnd::TableCell) => row.extend(cell.take().map(|c| c.trim().to_string())),
            Event::End(pulldown_cmark::TagEnd::TableRow) if !header => {
                entries.extend(column.and_then(|c| row.get(c)).filter(|c| !c.is_empty()).cloned());
                row.clear();
            }
            Event::Start(Tag::Item) => item = Some(String::new()),
            Event::End(pulldown_cmark::TagEnd::Item) => entries.extend(item.take().map(|i| i.trim().to_string()).filter(|i| !i.is_empty())),
            _ => {}
        }
    }
    entries
}

/// Whether a link destination points into the repository (no scheme, not an
/// in-page anchor, not an absolute path).
pub(crate) fn is_relative_file_link(destination: &str) -> bool {
    let has_scheme = destination
        .split_once(':')
        .is_some_and(|(scheme, _)| !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)));
    !(destination.is_empty() || has_scheme || destination.starts_with('#') || destination.starts_with('/') || destination.starts_with("//"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_links_with_lines() {
        let body = "Xem [biểu mẫu](../bieu-mau/BM-07-01.md).\n\n| a | b |\n|---|---|\n| [x](x.md#p) | ![ảnh](img/a.png) |\n\n[ref]: https://example.gov.vn\n[y][ref]\n";
        let found = links(body);
        let dests: Vec<_> = found.iter().map(|l| (l.destination.as_str(), l.line)).collect();
        assert_eq!(
            dests,
            [
                ("../bieu-mau/BM-07-01.md", 1),
                ("x.md#p", 5),
                ("img/a.png", 5),
                ("https://example.gov.vn", 8)
            ]
        );
    }

    #[test]
    fn reads_the_records_a_process_keeps() {
        let body = "## 6. Lưu đồ\n\n| TT | Hồ sơ |\n|---|---|\n| 1 | Không lấy |\n\n## 7. Hồ sơ cần lưu\n\n| TT | Hồ sơ | Nơi lưu |\n|----|-------|---------|\n| 1 | Phiếu kiểm soát | Một cửa |\n| 2 |  | x |\n| 3 | Sổ theo dõi | y |\n\n### 7.1 Ghi chú\n\n- Bản lưu điện tử\n\n## 8. Biểu mẫu\n\n- Không lấy\n";
        assert_eq!(
            section_entries(body, &["Hồ sơ cần lưu", "Records"], &["Hồ sơ", "Record"]),
            ["Phiếu kiểm soát", "Sổ theo dõi", "Bản lưu điện tử"]
        );
        assert!(section_entries("# Other\n\n- a\n", &["ho so can luu"], &[]).is_empty());
        assert_eq!(
            section_entries("## HO SO CAN LUU\n\n- Biên bản\n", &["hồ sơ cần lưu"], &[]),
            ["Biên bản"]
        );
    }

    #[test]
    fn classifies_relative_links() {
        assert!(is_relative_file_link("../a.md"));
        assert!(is_relative_file_link("a b.md"));
        assert!(!is_relative_file_link("https://x"));
        assert!(!is_relative_file_link("mailto:a@b"));
        assert!(!is_relative_file_link("#section"));
        assert!(!is_relative_file_link("/abs"));
    }
}
