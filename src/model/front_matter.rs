//! Splitting a Markdown file into its YAML front-matter and body.
//!
//! Done by hand rather than by the Markdown parser, whose metadata option also
//! swallows `---` blocks in the middle of a document.

use std::path::Path;

use super::yaml::{YamlProblem, YamlProblemKind};
use crate::finding::{Finding, Rule};
use crate::msg;

/// A front-matter block may be at most this large.
pub(crate) const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;

#[derive(Debug, Clone, Copy)]
pub(crate) struct FrontMatterBlock<'a> {
    /// The whole file text (after BOM removal).
    pub text: &'a str,
    pub yaml: &'a str,
    /// 1-based file line of the first YAML line.
    pub yaml_line: usize,
    pub body: &'a str,
    /// 1-based file line where the body starts.
    pub body_line: usize,
}

impl FrontMatterBlock<'_> {
    /// Byte offset in the file of `needle`, a slice-equal substring of the YAML.
    pub(crate) fn byte_offset_of(&self, needle: &str) -> Option<usize> {
        // Only meaningful when `yaml` is a slice of `text` (not a normalised copy).
        let start = (self.yaml.as_ptr() as usize).checked_sub(self.text.as_ptr() as usize)?;
        if start + self.yaml.len() > self.text.len() {
            return None;
        }
        self.yaml.find(needle).map(|i| start + i)
    }
}

fn is_delimiter(line: &str) -> bool {
    line.trim_end() == "---"
}

/// Splits `text` into front-matter and body. The file must start with a `---`
/// line; the block ends at the next `---` line. (A `...` line inside is a
/// YAML document end, and anything after it is refused as another document.)
pub(crate) fn split_front_matter<'a>(path: &Path, text: &'a str) -> Result<FrontMatterBlock<'a>, Finding> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let first_line_end = text.find('\n').map(|i| i + 1).unwrap_or(text.len());
    if !is_delimiter(text[..first_line_end].trim_end_matches(['\n', '\r'])) {
        return Err(Finding::new(Rule::FrontMatterMissing, path, msg!("check-front-matter-missing"))
            .at(1)
            .hint(msg!("hint-front-matter-missing")));
    }
    let yaml_start = first_line_end;
    let mut offset = yaml_start;
    for (line_no, line) in (2..).zip(text[yaml_start..].split_inclusive('\n')) {
        let bare = line.trim_end_matches(['\n', '\r']);
        if is_delimiter(bare) {
            let yaml = &text[yaml_start..offset];
            check_size(path, yaml)?;
            let body_start = offset + line.len();
            return Ok(FrontMatterBlock {
                text,
                yaml,
                yaml_line: 2,
                body: &text[body_start..],
                body_line: line_no + 1,
            });
        }
        offset += line.len();
        if offset - yaml_start > MAX_FRONT_MATTER_BYTES {
            break;
        }
    }
    check_size(path, &text[yaml_start..offset])?;
    Err(Finding::new(Rule::FrontMatterUnclosed, path, msg!("check-front-matter-unclosed"))
        .at(1)
        .hint(msg!("hint-front-matter-unclosed")))
}

fn check_size(path: &Path, yaml: &str) -> Result<(), Finding> {
    if yaml.len() > MAX_FRONT_MATTER_BYTES {
        return Err(Finding::new(
            Rule::FrontMatterTooLarge,
            path,
            crate::i18n::Msg::new("check-front-matter-too-large").num("max", MAX_FRONT_MATTER_BYTES as f64),
        )
        .at(2)
        .hint(msg!("hint-front-matter-too-large")));
    }
    Ok(())
}

/// Turns a YAML problem into a finding at the right line of the file.
pub(crate) fn yaml_finding(path: &Path, yaml_line: usize, problem: &YamlProblem) -> Finding {
    let rule = match problem.kind {
        YamlProblemKind::Syntax => Rule::YamlSyntax,
        YamlProblemKind::Anchor | YamlProblemKind::Alias => Rule::YamlAlias,
        YamlProblemKind::Tag => Rule::YamlTag,
        YamlProblemKind::Directive | YamlProblemKind::SeveralDocuments => Rule::YamlSeveralDocuments,
    };
    Finding::new(rule, path, problem.text())
        .at(problem.line + yaml_line - 1)
        .col(problem.column)
        .hint(problem.hint())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Result<FrontMatterBlock<'_>, Finding> {
        split_front_matter(Path::new("a.md"), text)
    }

    #[test]
    fn splits_yaml_and_body_with_lines() {
        let block = split("---\nid: A\ntitle: B\n---\n# Heading\n\n---\nnot front matter\n").unwrap();
        assert_eq!(block.yaml, "id: A\ntitle: B\n");
        assert_eq!(block.body, "# Heading\n\n---\nnot front matter\n");
        assert_eq!(block.body_line, 5);
    }

    #[test]
    fn crlf_and_bom_are_accepted() {
        let block = split("\u{FEFF}---\r\nid: A\r\n---\r\nbody").unwrap();
        assert_eq!(block.yaml, "id: A\r\n");
        assert_eq!(block.body, "body");
    }

    #[test]
    fn missing_and_unclosed_blocks_are_findings() {
        assert_eq!(split("# Title\n").unwrap_err().rule, Rule::FrontMatterMissing);
        assert_eq!(split("").unwrap_err().rule, Rule::FrontMatterMissing);
        assert_eq!(split("---\nid: A\n").unwrap_err().rule, Rule::FrontMatterUnclosed);
    }

    #[test]
    fn oversized_blocks_are_refused() {
        let big = format!("---\n{}---\n", "a: 1\n".repeat(MAX_FRONT_MATTER_BYTES / 4));
        assert_eq!(split(&big).unwrap_err().rule, Rule::FrontMatterTooLarge);
        let unclosed = format!("---\n{}", "a: 1\n".repeat(MAX_FRONT_MATTER_BYTES / 4));
        assert_eq!(split(&unclosed).unwrap_err().rule, Rule::FrontMatterTooLarge);
    }
}
