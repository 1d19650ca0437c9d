//! Markdown analysis and rendering (pulldown-cmark lives here and nowhere else).

use pulldown_cmark::{Event, Options, Parser, Tag};

/// A link or image target found in a Markdown body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub destination: String,
    /// 1-based line within the body.
    pub line: usize,
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Every link and image destination in `body`, with its line.
pub fn links(body: &str) -> Vec<Link> {
    let line_starts: Vec<usize> = std::iter::once(0).chain(body.match_indices('\n').map(|(i, _)| i + 1)).collect();
    Parser::new_ext(body, options())
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => Some(Link {
                destination: dest_url.to_string(),
                line: line_starts.partition_point(|&start| start <= range.start),
            }),
            _ => None,
        })
        .collect()
}

/// Whether a link destination points into the repository (no scheme, not an
/// in-page anchor, not an absolute path).
pub fn is_relative_file_link(destination: &str) -> bool {
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
    fn classifies_relative_links() {
        assert!(is_relative_file_link("../a.md"));
        assert!(is_relative_file_link("a b.md"));
        assert!(!is_relative_file_link("https://x"));
        assert!(!is_relative_file_link("mailto:a@b"));
        assert!(!is_relative_file_link("#section"));
        assert!(!is_relative_file_link("/abs"));
    }
}
