//! What a document must no longer hold once it is to go in force: the
//! templates' instructions (written between `[[` and `]]`), a process's
//! step table with steps left blank, a section with nothing in it. These
//! are errors for `qms check` and refusals for `qms approve`.

use crate::finding::{Finding, Rule};
use crate::model::document::Document;
use crate::model::time_limit::{is_step_header, table_cells, table_rows};
use crate::msg;

/// How the templates mark text the author must replace: `[[Ghi …]]`.
pub(super) const PLACEHOLDER_OPEN: &str = "[[";
pub(super) const PLACEHOLDER_CLOSE: &str = "]]";

const PROCEDURE_TYPE: &str = "procedure";

pub(super) fn check(doc: &Document) -> Vec<Finding> {
    let mut findings = placeholders(doc);
    if doc.front.doc_type == PROCEDURE_TYPE {
        findings.extend(blank_steps(doc));
    }
    findings.extend(empty_sections(doc));
    findings
}

/// The line in the file of line `index` (0-based) of the body.
fn file_line(doc: &Document, index: usize) -> usize {
    doc.body_line + index
}

fn placeholders(doc: &Document) -> Vec<Finding> {
    let mut findings = Vec::new();
    if !doc.body.contains(PLACEHOLDER_OPEN) {
        return findings;
    }
    let mut in_code = false;
    for (i, line) in doc.body.lines().enumerate() {
        if line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~") {
            in_code = !in_code;
        }
        if in_code {
            continue;
        }
        let mut rest = line;
        while let Some(start) = rest.find(PLACEHOLDER_OPEN) {
            let after = &rest[start + PLACEHOLDER_OPEN.len()..];
            let Some(end) = after.find(PLACEHOLDER_CLOSE) else { break };
            let instruction = after[..end].trim();
            findings.push(
                Finding::new(Rule::Placeholder, &doc.path, msg!("check-placeholder", instruction = instruction))
                    .at(file_line(doc, i))
                    .hint(msg!("hint-placeholder")),
            );
            rest = &after[end + PLACEHOLDER_CLOSE.len()..];
        }
    }
    findings
}

/// A process's step table with no step, or a step without its work or
/// the one responsible.
fn blank_steps(doc: &Document) -> Vec<Finding> {
    let lines: Vec<&str> = doc.body.lines().collect();
    let Some(header) = lines.iter().position(|l| is_step_header(l)) else {
        return Vec::new();
    };
    let rows: Vec<(usize, Vec<String>)> = table_rows(&lines, header).map(|(i, l)| (i, table_cells(l))).collect();
    if rows.is_empty() {
        return vec![
            Finding::new(Rule::BlankSteps, &doc.path, msg!("check-no-steps"))
                .at(file_line(doc, header))
                .hint(msg!("hint-no-steps")),
        ];
    }
    rows.iter()
        .filter(|(_, row)| row.iter().skip(1).take(2).any(String::is_empty))
        .map(|(i, row)| {
            Finding::new(Rule::BlankSteps, &doc.path, msg!("check-blank-step", step = &row[0]))
                .at(file_line(doc, *i))
                .hint(msg!("hint-blank-step"))
        })
        .collect()
}

/// A heading followed by nothing before the next heading of the same or a
/// higher level (or the end).
fn empty_sections(doc: &Document) -> Vec<Finding> {
    let level = |line: &str| -> Option<usize> {
        let hashes = line.chars().take_while(|c| *c == '#').count();
        (1..=6)
            .contains(&hashes)
            .then_some(hashes)
            .filter(|_| line[hashes..].starts_with(' '))
    };
    let lines: Vec<&str> = doc.body.lines().collect();
    let mut findings = Vec::new();
    let mut in_code = false;
    let headings: Vec<(usize, usize)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, line)| {
            if line.trim_start().starts_with("```") {
                in_code = !in_code;
            }
            (!in_code).then(|| level(line).map(|l| (i, l))).flatten()
        })
        .collect();
    for (n, &(at, depth)) in headings.iter().enumerate() {
        let next_same_or_higher = headings[n + 1..].iter().find(|(_, d)| *d <= depth).map_or(lines.len(), |(i, _)| *i);
        let next_any = headings.get(n + 1).map_or(lines.len(), |(i, _)| *i);
        let has_text = lines[at + 1..next_any].iter().any(|l| !l.trim().is_empty());
        let has_subsection = next_any < next_same_or_higher;
        if !has_text && !has_subsection {
            findings.push(
                Finding::new(
                    Rule::EmptySection,
                    &doc.path,
                    msg!("check-empty-section", section = lines[at].trim_start_matches('#').trim()),
                )
                .at(file_line(doc, at))
                .hint(msg!("hint-empty-section")),
            );
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn doc(doc_type: &str, body: &str) -> Document {
        let text = format!("---\nid: QT-01\ntitle: Quy trình\ntype: {doc_type}\nowner: vp\n---\n{body}");
        Document::parse(Path::new("documents/QT-01.md"), &text).into_result().unwrap()
    }

    fn rules(doc: &Document) -> Vec<(Rule, usize)> {
        check(doc).into_iter().map(|f| (f.rule, f.line.unwrap_or(0))).collect()
    }

    #[test]
    fn instructions_left_in_are_found_at_their_line() {
        let d = doc(
            "guide",
            "# Hướng dẫn\n\n## 1. Mục đích\n\n[[Nêu rõ mục đích]] và [[phạm vi]].\n\n```\n[[trong mã]]\n```\n",
        );
        assert_eq!(rules(&d), [(Rule::Placeholder, 11), (Rule::Placeholder, 11)]);
        assert!(rules(&doc("guide", "# A\n\nMảng a[1] và [[chưa đóng\n")).is_empty());
    }

    #[test]
    fn a_process_needs_its_steps_written() {
        let table = "# Quy trình\n\n| Bước | Nội dung | Trách nhiệm | Thời gian |\n|---|---|---|---|\n";
        let blank = doc(
            "procedure",
            &format!("{table}| B1 | | | |\n| B2 | Thẩm định | Phòng KT | 2 ngày |\n"),
        );
        assert_eq!(rules(&blank), [(Rule::BlankSteps, 11)]);
        assert_eq!(rules(&doc("procedure", table)), [(Rule::BlankSteps, 9)]);
        // A form's blank rows are the form.
        assert!(rules(&doc("form", &format!("{table}| B1 | | | |\n"))).is_empty());
    }

    #[test]
    fn a_heading_with_nothing_under_it_is_an_empty_section() {
        let d = doc(
            "guide",
            "# Hướng dẫn\n\n## 1. Mục đích\n\n## 2. Nội dung\n\n### 2.1. Bước một\n\nLàm.\n\n## 3. Hồ sơ\n",
        );
        assert_eq!(rules(&d), [(Rule::EmptySection, 9), (Rule::EmptySection, 17)]);
    }
}
