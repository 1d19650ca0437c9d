//! A controlled document: a Markdown file with YAML front-matter.
//!
//! Parsing is pure ([`Document::parse`] takes a path and the text) so that it
//! is tested on string literals and can run on blobs read from git as well as
//! on files from the working tree.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::front_matter::{self, FrontMatterBlock, split_front_matter};
use super::objective::Objective;
use super::yaml::{self, Value};
use crate::finding::{Finding, Findings, Rule};
use crate::i18n::Msg;
use crate::msg;
use crate::text;

/// A file larger than this is refused unread.
pub(crate) const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// The fields a document's front-matter may hold.
pub(crate) const DOCUMENT_FIELDS: &[&str] = &[
    "id",
    "title",
    "type",
    "owner",
    "author",
    "reviewers",
    "approvers",
    "clauses",
    "tthc",
    "links",
    "review_interval_months",
    "objectives",
];

/// The document type whose front-matter lists measurable objectives.
pub(crate) const OBJECTIVES_TYPE: &str = "objectives";

const REQUIRED_FIELDS: &[&str] = &["id", "title", "type", "owner"];

/// Fields people carry over from other tools; `qms` derives them from history.
const DERIVED_FIELDS: &[&str] = &[
    "status",
    "state",
    "version",
    "issue",
    "revision",
    "effective",
    "effective_date",
    "approved",
    "approved_by",
    "approval_date",
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct FrontMatter {
    pub id: String,
    pub title: String,
    #[serde(rename = "type")]
    pub doc_type: String,
    pub owner: String,
    pub author: Option<String>,
    pub reviewers: Vec<String>,
    pub approvers: Vec<String>,
    pub clauses: Vec<String>,
    pub tthc: Vec<String>,
    pub links: Vec<String>,
    pub review_interval_months: Option<u32>,
    /// The measurable objectives of an objectives (MTCL) document.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub objectives: Vec<Objective>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Document {
    /// Path relative to the repository root.
    pub path: PathBuf,
    #[serde(flatten)]
    pub front: FrontMatter,
    /// The Markdown after the front-matter, NFC-normalised.
    pub body: String,
    /// 1-based line of the file where `body` starts.
    #[serde(skip)]
    pub body_line: usize,
    /// 1-based line of each front-matter field in the file.
    #[serde(skip)]
    pub field_lines: BTreeMap<String, usize>,
}

/// What parsing yields: the document when its identity could be read, and
/// every finding along the way (a document with an unknown field is still a
/// document, so that other documents' links to it resolve).
#[derive(Debug, Default)]
pub(crate) struct Parsed {
    pub document: Option<Document>,
    pub findings: Vec<Finding>,
}

impl Parsed {
    fn failed(finding: Finding) -> Self {
        Parsed {
            document: None,
            findings: vec![finding],
        }
    }

    /// The document, or all findings as one error when any is an error.
    pub(crate) fn into_result(self) -> Result<Document, Findings> {
        match self.document {
            Some(doc) if !self.findings.iter().any(Finding::is_error) => Ok(doc),
            _ => Err(Findings(self.findings)),
        }
    }
}

impl Document {
    /// Parses raw bytes: checks the encoding and size, then [`Document::parse`].
    pub(crate) fn parse_bytes(path: &Path, bytes: &[u8]) -> Parsed {
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Parsed::failed(
                Finding::new(
                    Rule::FileTooLarge,
                    path,
                    Msg::new("check-file-too-large")
                        .num("size", bytes.len() as f64)
                        .num("max", MAX_FILE_BYTES as f64),
                )
                .hint(msg!("hint-file-too-large")),
            );
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => Self::parse(path, text),
            Err(e) => {
                let offset = e.valid_up_to();
                let line = bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
                Parsed::failed(
                    Finding::new(Rule::NotUtf8, path, msg!("check-not-utf8", offset = offset))
                        .at(line)
                        .hint(msg!("hint-not-utf8")),
                )
            }
        }
    }

    /// Parses a document from its text. Pure: no file system access.
    pub(crate) fn parse(path: &Path, text: &str) -> Parsed {
        let mut findings = Vec::new();
        let normalised = text::to_nfc(text);
        if matches!(normalised, std::borrow::Cow::Owned(_)) {
            findings.push(Finding::new(Rule::NotNfc, path, msg!("check-not-nfc")).hint(msg!("hint-not-nfc")));
        }
        let text = normalised.as_ref();

        let block = match split_front_matter(path, text) {
            Ok(block) => block,
            Err(finding) => {
                findings.push(finding);
                return Parsed { document: None, findings };
            }
        };
        let document = parse_front_matter(path, &block, &mut findings).map(|front| Document {
            path: path.to_path_buf(),
            front: front.0,
            body: block.body.to_string(),
            body_line: block.body_line,
            field_lines: front.1,
        });
        if let Some(doc) = &document
            && let Some((offset, c)) = text::find_invisible_control(doc.body.as_str()).filter(|(_, c)| is_bidi(*c))
        {
            let line = doc.body_line + doc.body[..offset].matches('\n').count();
            findings.push(
                Finding::new(
                    Rule::BidiInText,
                    path,
                    msg!("check-bidi", character = format!("U+{:04X}", c as u32)),
                )
                .at(line)
                .hint(msg!("hint-bidi")),
            );
        }
        Parsed { document, findings }
    }

    /// Only the front-matter of a file, as quickly as possible (for the
    /// history walk, which needs each version's id, type and signers, not its
    /// text). `None` when the file cannot be read as a document.
    pub(crate) fn front_matter_of(path: &Path, bytes: &[u8]) -> Option<FrontMatter> {
        let text = std::str::from_utf8(bytes).ok()?;
        let block = split_front_matter(path, text).ok()?;
        let yaml = text::to_nfc(block.yaml);
        let block = FrontMatterBlock { yaml: &yaml, ..block };
        let mut findings = Vec::new();
        parse_front_matter(path, &block, &mut findings).map(|(front, _)| front)
    }

    pub(crate) fn id(&self) -> &str {
        &self.front.id
    }

    pub(crate) fn title(&self) -> &str {
        &self.front.title
    }

    /// File line of a front-matter field, or of the block's first line.
    pub(crate) fn line_of(&self, field: &str) -> usize {
        self.field_lines.get(field).copied().unwrap_or(1)
    }
}

fn is_bidi(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

type FieldLines = BTreeMap<String, usize>;

fn parse_front_matter(path: &Path, block: &FrontMatterBlock<'_>, findings: &mut Vec<Finding>) -> Option<(FrontMatter, FieldLines)> {
    let value = match yaml::parse_value(block.yaml) {
        Ok(value) => value,
        Err(problem) => {
            findings.push(front_matter::yaml_finding(path, block.yaml_line, &problem));
            return None;
        }
    };
    let Value::Mapping(map) = value else {
        let message = if value.is_null() {
            msg!("check-front-matter-empty")
        } else {
            msg!("check-not-a-mapping")
        };
        findings.push(Finding::new(Rule::NotAMapping, path, message).at(block.yaml_line));
        return None;
    };

    let key_lines: FieldLines = yaml::top_level_key_lines(block.yaml)
        .into_iter()
        .map(|(key, line)| (key, line + block.yaml_line - 1))
        .collect();
    let line_of = |key: &str| key_lines.get(key).copied().unwrap_or(block.yaml_line);

    let mut fields = FieldReader {
        path,
        findings,
        line_of: &line_of,
    };
    let mut front = FrontMatter {
        id: String::new(),
        title: String::new(),
        doc_type: String::new(),
        owner: String::new(),
        author: None,
        reviewers: Vec::new(),
        approvers: Vec::new(),
        clauses: Vec::new(),
        tthc: Vec::new(),
        links: Vec::new(),
        review_interval_months: None,
        objectives: Vec::new(),
    };
    let mut id_ok = false;
    for (key, value) in map {
        let Some(key) = key.as_str().map(str::to_string) else {
            fields.findings.push(
                Finding::new(Rule::FieldType, path, msg!("check-field-name-not-text"))
                    .at(block.yaml_line)
                    .hint(msg!("hint-field-name-not-text")),
            );
            continue;
        };
        match key.as_str() {
            "id" => {
                if let Some(id) = fields.text(&key, value) {
                    id_ok = fields.check_identifier("id", &id, block);
                    front.id = id;
                }
            }
            "title" => {
                if let Some(title) = fields.text(&key, value) {
                    fields.check_identifier("title", &title, block);
                    front.title = title;
                }
            }
            "type" => front.doc_type = fields.text(&key, value).unwrap_or_default(),
            "owner" => front.owner = fields.text(&key, value).unwrap_or_default(),
            "author" => front.author = fields.text(&key, value),
            "reviewers" => front.reviewers = fields.list(&key, value, false),
            "approvers" => front.approvers = fields.list(&key, value, false),
            "clauses" => front.clauses = fields.list(&key, value, true),
            "tthc" => front.tthc = fields.list(&key, value, false),
            "links" => front.links = fields.list(&key, value, false),
            "review_interval_months" => front.review_interval_months = fields.months(&key, value),
            "objectives" => front.objectives = fields.objectives(&key, value),
            _ => fields.unknown(&key),
        }
    }
    for required in REQUIRED_FIELDS {
        if !key_lines.contains_key(*required) {
            fields.findings.push(
                Finding::new(Rule::MissingField, path, msg!("check-required-field", field = required))
                    .at(block.yaml_line)
                    .hint(msg!("hint-required-field", field = required)),
            );
        }
    }
    id_ok.then_some((front, key_lines))
}

struct FieldReader<'a, 'f> {
    path: &'a Path,
    findings: &'f mut Vec<Finding>,
    line_of: &'a dyn Fn(&str) -> usize,
}

impl FieldReader<'_, '_> {
    fn type_error(&mut self, key: &str, message: Msg, hint: Msg) {
        let line = (self.line_of)(key);
        self.findings
            .push(Finding::new(Rule::FieldType, self.path, message).at(line).hint(hint));
    }

    fn text(&mut self, key: &str, value: Value) -> Option<String> {
        match value {
            Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            Value::String(_) | Value::Null => {
                let line = (self.line_of)(key);
                self.findings.push(
                    Finding::new(Rule::MissingField, self.path, msg!("check-field-empty", field = key))
                        .at(line)
                        .hint(msg!("hint-field-empty", field = key)),
                );
                None
            }
            other => {
                self.type_error(
                    key,
                    Msg::new("check-field-not-text")
                        .arg("field", key)
                        .msg_arg("found", describe(&other)),
                    msg!("hint-field-not-text"),
                );
                None
            }
        }
    }

    /// A list of text items. A single text value is accepted as a one-item list.
    /// Numbers are accepted only where they cannot lose digits (`numbers_ok`
    /// for clause numbers; TTHC codes such as 2.000100 would lose zeros).
    fn list(&mut self, key: &str, value: Value, numbers_ok: bool) -> Vec<String> {
        let items = match value {
            Value::Null => return Vec::new(),
            Value::Sequence(items) => items,
            single @ (Value::String(_) | Value::Number(_)) => vec![single],
            other => {
                self.type_error(
                    key,
                    Msg::new("check-field-not-list")
                        .arg("field", key)
                        .msg_arg("found", describe(&other)),
                    msg!("hint-field-list", field = key),
                );
                return Vec::new();
            }
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            match item {
                Value::String(s) => out.push(s.trim().to_string()),
                Value::Number(n) if numbers_ok => out.push(n.to_string()),
                Value::Number(n) => self.type_error(
                    key,
                    msg!("check-field-number-code", field = key, number = n),
                    msg!("hint-field-number-code", field = key, number = n),
                ),
                other => self.type_error(
                    key,
                    Msg::new("check-field-item-not-text")
                        .arg("field", key)
                        .msg_arg("found", describe(&other)),
                    msg!("hint-field-list", field = key),
                ),
            }
        }
        out
    }

    fn months(&mut self, key: &str, value: Value) -> Option<u32> {
        match value.as_u64() {
            Some(n @ 1..=120) => Some(n as u32),
            _ => {
                self.type_error(
                    key,
                    Msg::new("check-field-months").arg("field", key).msg_arg("found", describe(&value)),
                    msg!("hint-field-months"),
                );
                None
            }
        }
    }

    fn objectives(&mut self, key: &str, value: Value) -> Vec<Objective> {
        let hint = || msg!("hint-objectives-fields");
        let Value::Sequence(items) = value else {
            self.type_error(
                key,
                Msg::new("check-field-not-list")
                    .arg("field", key)
                    .msg_arg("found", describe(&value)),
                hint(),
            );
            return Vec::new();
        };
        let mut objectives = Vec::with_capacity(items.len());
        for (i, item) in items.into_iter().enumerate() {
            match yaml::from_value::<Objective>(item) {
                Ok(objective) => objectives.push(objective),
                Err(message) => {
                    let message = yaml::serde_message(&message);
                    let message = Msg::new("check-objective-invalid")
                        .arg("field", key)
                        .arg("objective", i + 1)
                        .msg_arg("problem", message);
                    self.type_error(key, message, hint());
                    return Vec::new();
                }
            }
        }
        if let Some(problem) = objectives.iter().find_map(Objective::problem) {
            self.type_error(
                key,
                Msg::new("check-objectives-problem").arg("field", key).msg_arg("problem", problem),
                hint(),
            );
            return Vec::new();
        }
        objectives
    }

    fn unknown(&mut self, key: &str) {
        let line = (self.line_of)(key);
        let hint = if DERIVED_FIELDS.contains(&key) {
            msg!("hint-derived-field", field = key)
        } else if let Some(near) = closest(key, DOCUMENT_FIELDS) {
            msg!("hint-did-you-mean", near = near)
        } else {
            msg!("hint-fields-are", fields = DOCUMENT_FIELDS.join(", "))
        };
        self.findings.push(
            Finding::new(Rule::UnknownField, self.path, msg!("check-unknown-field", field = key))
                .at(line)
                .hint(hint),
        );
    }

    /// Ids and titles must not hide invisible characters. Returns whether the
    /// value is usable as an identifier.
    fn check_identifier(&mut self, key: &str, value: &str, block: &FrontMatterBlock<'_>) -> bool {
        let Some((_, c)) = text::find_invisible_control(value) else {
            return true;
        };
        let line = (self.line_of)(key);
        let byte_offset = block.byte_offset_of(value).unwrap_or(0) + value.find(c).unwrap_or(0);
        self.findings.push(
            Finding::new(
                Rule::InvisibleCharacter,
                self.path,
                msg!(
                    "check-invisible",
                    field = key,
                    character = format!("U+{:04X}", c as u32),
                    offset = byte_offset
                ),
            )
            .at(line)
            .hint(msg!("hint-invisible")),
        );
        false
    }
}

fn describe(value: &Value) -> Msg {
    match value {
        Value::Null => msg!("value-nothing"),
        Value::Bool(b) => Msg::verbatim(format!("`{b}`")),
        Value::Number(n) => msg!("value-number", number = n),
        Value::String(s) => msg!("value-text", text = s),
        Value::Sequence(_) => msg!("value-list"),
        Value::Mapping(_) => msg!("value-mapping"),
        Value::Tagged(_) => msg!("value-tagged"),
    }
}

/// The known name at edit distance at most 2, for "did you mean" hints.
pub(crate) fn closest<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (edit_distance(word, k), *k))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "---\nid: QT-07\ntitle: Quy trình cấp giấy phép xây dựng\ntype: procedure\nowner: phong-ktht\nauthor: nguyen-van-a\nreviewers: [tran-thi-b]\napprovers: [role:chu-tich]\nclauses: [\"8.1\", 8.5]\ntthc: [\"1.001234\"]\nlinks: [BM-07-01]\nreview_interval_months: 12\n---\n# 1. Mục đích\n\nNội dung.\n";

    fn parse(text: &str) -> Parsed {
        Document::parse(Path::new("documents/QT-07.md"), text)
    }

    fn rules(parsed: &Parsed) -> Vec<(&'static str, Option<usize>)> {
        parsed.findings.iter().map(|f| (f.rule.id(), f.line)).collect()
    }

    #[test]
    fn parses_a_complete_document() {
        let doc = parse(GOOD).into_result().unwrap();
        assert_eq!(doc.id(), "QT-07");
        assert_eq!(doc.front.doc_type, "procedure");
        assert_eq!(doc.front.clauses, ["8.1", "8.5"]);
        assert_eq!(doc.front.tthc, ["1.001234"]);
        assert_eq!(doc.front.review_interval_months, Some(12));
        assert_eq!(doc.body_line, 14);
        assert!(doc.body.starts_with("# 1. Mục đích"));
        assert_eq!(doc.line_of("tthc"), 10);
    }

    #[test]
    fn unknown_fields_are_reported_with_line_and_hint() {
        let text = GOOD.replace("owner: phong-ktht\n", "owner: phong-ktht\nstatus: approved\nreviewer: x\n");
        let parsed = parse(&text);
        assert_eq!(rules(&parsed), [("field/unknown", Some(6)), ("field/unknown", Some(7))]);
        assert!(
            parsed.findings[0]
                .hint
                .as_ref()
                .unwrap()
                .to_string()
                .contains("derived from the approval history")
        );
        assert!(
            parsed.findings[1]
                .hint
                .as_ref()
                .map(ToString::to_string)
                .as_deref()
                .unwrap()
                .contains("`reviewers`")
        );
        assert!(parsed.document.is_some(), "identity still known");
    }

    #[test]
    fn missing_required_fields_are_reported() {
        let parsed = parse("---\nid: QT-07\n---\nbody\n");
        let missing: Vec<_> = parsed.findings.iter().map(|f| f.message.clone()).collect();
        assert_eq!(missing.len(), 3, "{missing:?}");
        assert!(missing[0].to_string().contains("`title`"));
    }

    #[test]
    fn numeric_tthc_codes_are_refused() {
        let parsed = parse(&GOOD.replace("tthc: [\"1.001234\"]", "tthc: [2.000100]"));
        assert_eq!(rules(&parsed), [("field/type", Some(10))]);
    }

    #[test]
    fn yaml_error_lines_are_file_lines() {
        let parsed = parse("---\nid: QT-07\ntitle: [unclosed\ntype: procedure\n---\n");
        assert_eq!(parsed.findings[0].rule, Rule::YamlSyntax);
        assert!(parsed.findings[0].line.unwrap() >= 3);
    }

    #[test]
    fn aliases_are_reported_at_their_file_line() {
        let parsed = parse("---\nid: QT-07\ntitle: &t Tên\n---\n");
        assert_eq!(rules(&parsed), [("yaml/alias", Some(3))]);
    }

    #[test]
    fn invisible_characters_in_ids_name_the_byte_offset() {
        let parsed = parse("---\nid: QT\u{202E}-07\ntitle: T\ntype: procedure\nowner: u\n---\n");
        assert_eq!(parsed.findings[0].rule, Rule::InvisibleCharacter);
        assert!(
            parsed.findings[0].message.to_string().contains("byte offset 10"),
            "{}",
            parsed.findings[0].message
        );
        assert!(parsed.document.is_none());
    }

    #[test]
    fn nfd_text_is_normalised_with_a_warning() {
        use unicode_normalization::UnicodeNormalization;
        let nfd: String = GOOD.nfd().collect();
        let parsed = parse(&nfd);
        assert_eq!(rules(&parsed), [("input/not-nfc", None)]);
        assert_eq!(parsed.document.unwrap().title(), "Quy trình cấp giấy phép xây dựng");
    }

    #[test]
    fn non_utf8_names_the_offset() {
        let parsed = Document::parse_bytes(Path::new("x.md"), b"---\nid: A\xff\n");
        assert_eq!(rules(&parsed), [("input/not-utf8", Some(2))]);
        assert!(parsed.findings[0].message.to_string().contains("offset 9"));
    }

    #[test]
    fn front_matter_must_be_a_mapping() {
        assert_eq!(rules(&parse("---\n- a\n- b\n---\n")), [("front-matter/not-a-mapping", Some(2))]);
        assert_eq!(rules(&parse("---\n---\nbody")), [("front-matter/not-a-mapping", Some(2))]);
    }

    #[test]
    fn bidi_controls_in_the_body_are_warned_about() {
        let parsed = parse(&format!("{GOOD}x \u{202E}y\n"));
        assert_eq!(rules(&parsed), [("input/bidi-control", Some(17))]);
    }

    proptest::proptest! {
        #[test]
        fn parsing_never_panics(text in "(---\n)?([ -~\n\t]|[àáạảãâầấậẩẫăằắặẳẵđĐ&*!\\[\\]{}:#|>'\"-]){0,400}(\n---\n)?[ -~\n]{0,50}") {
            let parsed = parse(&text);
            // Either a document, or at least one finding saying why not.
            proptest::prop_assert!(parsed.document.is_some() || !parsed.findings.is_empty());
        }

        #[test]
        fn parsing_bytes_never_panics(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..300)) {
            let mut input = b"---\nid: QT-01\n".to_vec();
            input.extend(bytes);
            let _ = Document::parse_bytes(Path::new("x.md"), &input);
        }
    }

    #[test]
    fn closest_suggests_near_names() {
        assert_eq!(closest("titel", DOCUMENT_FIELDS), Some("title"));
        assert_eq!(closest("zzzzzz", DOCUMENT_FIELDS), None);
    }
}
