//! Document numbering: ids from the patterns in `qms.yaml`, the next free
//! number, and the process a form belongs to.
//!
//! A pattern is literal text with the placeholders `{prefix}`, `{parent}` and
//! `{seq}` / `{seq:NN}` (the sequence number zero-padded to NN digits).

/// The widest `{seq:NN}` there is: an id is a file name, and a billion
/// documents is more than any agency keeps.
pub(crate) const MAX_SEQ_WIDTH: usize = 9;

/// The `{seq:NN}` widths a pattern asks for, as written.
pub(crate) fn seq_widths(pattern: &str) -> Vec<&str> {
    pattern
        .match_indices("{seq:")
        .filter_map(|(at, _)| pattern[at + 5..].split_once('}').map(|(width, _)| width))
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Literal(String),
    Prefix,
    Parent,
    Seq { width: usize },
}

#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    segments: Vec<Segment>,
}

impl Pattern {
    pub(crate) fn parse(pattern: &str) -> Pattern {
        let mut segments = Vec::new();
        let mut rest = pattern;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}').map(|c| c + open) else {
                break;
            };
            if open > 0 {
                segments.push(Segment::Literal(rest[..open].to_string()));
            }
            let name = &rest[open + 1..close];
            segments.push(match name.split_once(':') {
                _ if name == "prefix" => Segment::Prefix,
                _ if name == "parent" => Segment::Parent,
                // qms.yaml's check reports a wider one; it never makes a huge id.
                Some(("seq", width)) => Segment::Seq {
                    width: width.parse::<usize>().unwrap_or(0).min(MAX_SEQ_WIDTH),
                },
                _ if name == "seq" => Segment::Seq { width: 0 },
                _ => Segment::Literal(rest[open..=close].to_string()),
            });
            rest = &rest[close + 1..];
        }
        if !rest.is_empty() {
            segments.push(Segment::Literal(rest.to_string()));
        }
        Pattern { segments }
    }

    pub(crate) fn format(&self, prefix: &str, parent: &str, seq: u32) -> String {
        let mut out = String::new();
        for segment in &self.segments {
            match segment {
                Segment::Literal(text) => out.push_str(text),
                Segment::Prefix => out.push_str(prefix),
                Segment::Parent => out.push_str(parent),
                Segment::Seq { width } => out.push_str(&format!("{seq:0width$}")),
            }
        }
        out
    }

    /// Reads an id back: its `{parent}` text and `{seq}` number, when the id
    /// follows the pattern for this prefix.
    pub(crate) fn match_id<'a>(&self, prefix: &str, id: &'a str) -> Option<(Option<&'a str>, u32)> {
        let mut rest = id;
        let mut parent = None;
        let mut seq = None;
        for (i, segment) in self.segments.iter().enumerate() {
            match segment {
                Segment::Literal(text) => rest = rest.strip_prefix(text.as_str())?,
                Segment::Prefix => rest = rest.strip_prefix(prefix)?,
                Segment::Parent | Segment::Seq { .. } => {
                    // A number runs up to the next literal (or the end).
                    let end = match self.segments.get(i + 1) {
                        Some(Segment::Literal(next)) => rest.find(next.as_str())?,
                        _ => rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len()),
                    };
                    let (number, after) = rest.split_at(end);
                    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
                        return None;
                    }
                    if matches!(segment, Segment::Parent) {
                        parent = Some(number);
                    } else {
                        seq = Some(number.parse().ok()?);
                    }
                    rest = after;
                }
            }
        }
        (rest.is_empty()).then_some((parent, seq?))
    }

    /// The `{seq}` text of `id` as written (07 in QT-07), for numbering forms under it.
    pub(crate) fn seq_text<'a>(&self, prefix: &str, id: &'a str) -> Option<&'a str> {
        self.match_id(prefix, id)?;
        let start = id.rfind(|c: char| !c.is_ascii_digit()).map(|i| i + 1).unwrap_or(0);
        Some(&id[start..])
    }
}

/// Whether `id` carries the type's prefix: the prefix itself, or the prefix
/// followed by a separator or digit (QT-07, QT07; not QTX-01).
/// The next record id numbered within a year: `NC-2027-001` after
/// `NC-2027-000`…, `XXLD-2027-02` after `XXLD-2027-01`; `digits` wide.
pub(crate) fn next_in_year<'a>(ids: impl IntoIterator<Item = &'a str>, prefix: &str, year: i16, digits: usize) -> String {
    let stem = format!("{prefix}-{year}-");
    let last = ids
        .into_iter()
        .filter_map(|id| id.strip_prefix(&stem)?.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    format!("{stem}{:0digits$}", last + 1)
}

pub(crate) fn has_prefix(id: &str, prefix: &str) -> bool {
    match id.strip_prefix(prefix) {
        Some("") => true,
        Some(rest) => rest.starts_with(['-', '.', '_']) || rest.starts_with(|c: char| c.is_ascii_digit()),
        None => false,
    }
}

/// The next number after the highest one in use; gaps (withdrawn documents)
/// are never refilled, so an id always means one document.
pub(crate) fn next_seq<'a>(pattern: &Pattern, prefix: &str, parent: Option<&str>, ids: impl IntoIterator<Item = &'a str>) -> u32 {
    ids.into_iter()
        .filter_map(|id| pattern.match_id(prefix, id))
        .filter(|(p, _)| parent.is_none() || *p == parent)
        .map(|(_, seq)| seq)
        .max()
        .unwrap_or(0)
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_matches_documents() {
        let p = Pattern::parse("{prefix}-{seq:02}");
        assert_eq!(p.format("QT", "", 7), "QT-07");
        assert_eq!(p.format("QT", "", 123), "QT-123");
        assert_eq!(p.match_id("QT", "QT-07"), Some((None, 7)));
        assert_eq!(p.match_id("QT", "QT-07a"), None);
        assert_eq!(p.match_id("QT", "BM-07"), None);
        assert_eq!(p.seq_text("QT", "QT-07"), Some("07"));
    }

    #[test]
    fn forms_are_numbered_under_their_process() {
        let p = Pattern::parse("{prefix}-{parent}-{seq:02}");
        assert_eq!(p.format("BM", "07", 3), "BM-07-03");
        assert_eq!(p.match_id("BM", "BM-07-03"), Some((Some("07"), 3)));
        let ids = ["BM-07-01", "BM-07-02", "BM-08-05"];
        assert_eq!(next_seq(&p, "BM", Some("07"), ids), 3);
        assert_eq!(next_seq(&p, "BM", Some("09"), ids), 1);
    }

    #[test]
    fn next_seq_skips_gaps_and_foreign_ids() {
        let p = Pattern::parse("{prefix}-{seq:02}");
        assert_eq!(next_seq(&p, "QT", None, ["QT-01", "QT-05", "QTX-09", "HD-20"]), 6);
        assert_eq!(next_seq(&p, "QT", None, []), 1);
    }

    #[test]
    fn prefixes_stop_at_a_separator() {
        assert!(has_prefix("QT-07", "QT"));
        assert!(has_prefix("CSCL", "CSCL"));
        assert!(has_prefix("QT07", "QT"));
        assert!(!has_prefix("QTX-07", "QT"));
        assert!(!has_prefix("BM-07", "QT"));
    }
}
