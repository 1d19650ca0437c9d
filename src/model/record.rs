//! A record (hồ sơ): retained documented information under `records/` —
//! audit programmes, plans and reports, nonconformities, objective
//! measurements, the risk register, management-review minutes.
//!
//! Same file format as a document (Markdown with YAML front-matter), with
//! record fields: the common ones (`id`, `title`, `kind`, `date`, `owner`,
//! `retention_years`, and who drafts, reviews and approves) and the fields of
//! its kind. Parsing is pure, like [`super::document::Document::parse`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde::{Deserialize, Deserializer, Serialize};

use super::front_matter::{self, split_front_matter};
use super::yaml;
use crate::finding::{Finding, Rule};
use crate::i18n::{self, Msg};
use crate::msg;
use crate::text;

/// What a record is. The kind decides which fields it may hold and which
/// workflow steps apply to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum RecordKind {
    AuditProgramme,
    AuditPlan,
    AuditReport,
    Nonconformity,
    ObjectiveMeasurements,
    RiskRegister,
    ManagementReview,
    Diagnostic,
    Assessment,
    /// The register of outgoing documents (sổ đăng ký văn bản đi): the
    /// official number and date each administrative document was issued under.
    DocumentRegister,
}

impl RecordKind {
    pub(crate) const ALL: [RecordKind; 10] = [
        RecordKind::AuditProgramme,
        RecordKind::AuditPlan,
        RecordKind::AuditReport,
        RecordKind::Nonconformity,
        RecordKind::ObjectiveMeasurements,
        RecordKind::RiskRegister,
        RecordKind::ManagementReview,
        RecordKind::Diagnostic,
        RecordKind::Assessment,
        RecordKind::DocumentRegister,
    ];

    /// The kind's name in files and in the signer policy's grants.
    pub(crate) fn id(self) -> &'static str {
        match self {
            RecordKind::AuditProgramme => "audit-programme",
            RecordKind::AuditPlan => "audit-plan",
            RecordKind::AuditReport => "audit-report",
            RecordKind::Nonconformity => "nonconformity",
            RecordKind::ObjectiveMeasurements => "objective-measurements",
            RecordKind::RiskRegister => "risk-register",
            RecordKind::ManagementReview => "management-review",
            RecordKind::Diagnostic => "diagnostic",
            RecordKind::Assessment => "assessment",
            RecordKind::DocumentRegister => "document-register",
        }
    }

    /// The fields a record of this kind may hold besides the common ones.
    pub(crate) fn fields(self) -> &'static [&'static str] {
        match self {
            RecordKind::AuditProgramme => &["year", "audits"],
            RecordKind::AuditPlan => &["unit", "clauses", "processes", "lead", "team", "purpose", "criteria"],
            RecordKind::AuditReport => &["audit", "unit", "lead", "findings", "conclusion", "auditee"],
            RecordKind::Nonconformity => &[
                "source",
                "audit",
                "unit",
                "clause",
                "severity",
                "description",
                "correction",
                "root_cause",
                "actions",
                "verified_by",
                "verification",
                "effective",
            ],
            RecordKind::ObjectiveMeasurements => &["objectives_of", "year", "measurements"],
            RecordKind::RiskRegister => &["risks"],
            RecordKind::ManagementReview => &["period", "attendees", "decisions", "actions", "place", "chair", "secretary"],
            RecordKind::Diagnostic => &["year", "indicators"],
            RecordKind::Assessment => &["criteria", "as_of", "assessed_commit", "score", "max_score", "grade"],
            RecordKind::DocumentRegister => &["year", "entries"],
        }
    }

    /// Years to keep the record when it does not say.
    pub(crate) fn default_retention_years(self) -> u32 {
        match self {
            RecordKind::AuditProgramme | RecordKind::AuditPlan | RecordKind::AuditReport => 5,
            RecordKind::Nonconformity | RecordKind::ManagementReview | RecordKind::Diagnostic | RecordKind::Assessment => 5,
            RecordKind::ObjectiveMeasurements | RecordKind::RiskRegister => 3,
            RecordKind::DocumentRegister => 20,
        }
    }
}

pub(crate) const COMMON_FIELDS: &[&str] = &[
    "id",
    "title",
    "kind",
    "date",
    "owner",
    "retention_years",
    "author",
    "reviewers",
    "approvers",
];

/// Where an action item stands; `done` is the date it was finished.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ActionItem {
    pub text: String,
    /// A person id of the signer policy.
    pub owner: String,
    pub due: Date,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done: Option<Date>,
}

impl ActionItem {
    pub(crate) fn is_overdue(&self, today: Date) -> bool {
        self.done.is_none() && self.due < today
    }
}

/// One line of the audit programme: a unit audited on some clauses in a month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ProgrammeEntry {
    pub unit: String,
    #[serde(deserialize_with = "clause_list")]
    pub clauses: Vec<String>,
    pub month: u8,
    pub auditors: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum FindingKind {
    Nonconformity,
    Observation,
    Opportunity,
}

/// A finding of an internal audit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AuditFinding {
    pub number: u32,
    #[serde(deserialize_with = "clause_text")]
    pub clause: String,
    pub kind: FindingKind,
    pub text: String,
    /// The nonconformity record it opened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nc: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum NcSource {
    InternalAudit,
    CitizenComplaint,
    ProcessMonitoring,
    ManagementReview,
    ExternalInspection,
}

impl NcSource {
    pub(crate) fn label(self, lang: super::config::Language) -> &'static str {
        match self {
            NcSource::InternalAudit => i18n::label(lang, "label-internal-audit"),
            NcSource::CitizenComplaint => i18n::label(lang, "label-citizen-complaint"),
            NcSource::ProcessMonitoring => i18n::label(lang, "label-process-monitoring"),
            NcSource::ManagementReview => i18n::label(lang, "label-management-review"),
            NcSource::ExternalInspection => i18n::label(lang, "label-external-inspection"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum NcSeverity {
    Major,
    Minor,
}

/// One measurement of a quality objective.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Measurement {
    /// 1-based position of the objective in the MTCL document.
    pub objective: u32,
    /// `2027`, `2027-H1`, `2027-Q1` or `2027-03`.
    pub period: String,
    pub value: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recorded_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A risk or opportunity (ISO 9001:2015 6.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Risk {
    pub id: String,
    pub title: String,
    #[serde(default = "risk_kind_default")]
    pub kind: RiskKind,
    /// The process (document id) or unit it concerns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub process: Option<String>,
    /// 1 (rare) … 5 (almost certain).
    pub likelihood: u8,
    /// 1 (negligible) … 5 (severe).
    pub impact: u8,
    #[serde(default)]
    pub treatment: Vec<ActionItem>,
    /// When the risk is next to be looked at again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<Date>,
}

impl Risk {
    pub(crate) fn score(&self) -> u32 {
        u32::from(self.likelihood) * u32::from(self.impact)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum RiskKind {
    Risk,
    Opportunity,
}

fn risk_kind_default() -> RiskKind {
    RiskKind::Risk
}

/// The traffic-light scale of the ISO 18091 diagnostic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Rating {
    /// Below the minimum acceptable, or nothing in place.
    Red,
    /// Some action, not yet enough.
    Yellow,
    /// At least the minimum acceptable.
    Green,
    /// Not rated yet.
    Unrated,
}

/// One indicator of a diagnostic, as rated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct IndicatorRating {
    /// The indicator's id in the catalogue (`1.5`).
    #[serde(deserialize_with = "clause_text")]
    pub indicator: String,
    pub rating: Rating,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The front-matter of a record: the common fields and every kind's fields;
/// [`RecordKind::fields`] says which of them a kind may use.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RecordFront {
    pub id: String,
    pub title: String,
    pub kind: RecordKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// The unit responsible for the record.
    pub owner: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention_years: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reviewers: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub approvers: Vec<String>,

    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i16>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub audits: Vec<ProgrammeEntry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "clause_list")]
    pub clauses: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub processes: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub team: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<AuditFinding>,

    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<NcSource>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "optional_clause")]
    pub clause: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<NcSeverity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correction: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub root_cause: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<ActionItem>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective: Option<bool>,

    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objectives_of: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measurements: Vec<Measurement>,

    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub risks: Vec<Risk>,

    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attendees: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<String>,

    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<IndicatorRating>,

    /// The criteria table an assessment used; an audit plan's audit
    /// criteria (chuẩn mực đánh giá).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criteria: Option<String>,
    /// audit-plan: the purpose of the audit (BM-02-02).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
    /// audit-report: the lead auditor's conclusion (BM-02-04).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conclusion: Option<String>,
    /// audit-report: who signs for the unit audited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auditee: Option<String>,
    /// management-review: where the meeting was held (BM-04-02).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// management-review: who chaired it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chair: Option<String>,
    /// management-review: who kept the minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secretary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,
    /// The commit of the unit's repository that was assessed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessed_commit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_score: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<String>,
    /// document-register
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entries: Vec<RegisterEntry>,
}

/// One document as the register of outgoing documents holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RegisterEntry {
    pub document: String,
    /// The issue (lần ban hành) the number was given to.
    pub issue: u32,
    /// As the clerk wrote it: `123/QĐ-UBND`.
    pub number: String,
    pub date: Date,
    pub registered_by: String,
}

impl RecordFront {
    /// An empty record of `kind`: commands fill in the fields they own.
    pub(crate) fn new(id: &str, title: &str, kind: RecordKind, owner: &str) -> RecordFront {
        RecordFront {
            id: id.into(),
            title: title.into(),
            kind,
            date: None,
            owner: owner.into(),
            retention_years: Some(kind.default_retention_years()),
            author: None,
            reviewers: Vec::new(),
            approvers: Vec::new(),
            year: None,
            audits: Vec::new(),
            audit: None,
            unit: None,
            clauses: Vec::new(),
            processes: Vec::new(),
            lead: None,
            team: Vec::new(),
            findings: Vec::new(),
            source: None,
            clause: None,
            severity: None,
            description: None,
            correction: None,
            root_cause: None,
            actions: Vec::new(),
            verified_by: None,
            verification: None,
            effective: None,
            objectives_of: None,
            measurements: Vec::new(),
            risks: Vec::new(),
            period: None,
            attendees: Vec::new(),
            decisions: Vec::new(),
            indicators: Vec::new(),
            criteria: None,
            purpose: None,
            conclusion: None,
            auditee: None,
            place: None,
            chair: None,
            secretary: None,
            as_of: None,
            assessed_commit: None,
            score: None,
            max_score: None,
            grade: None,
            entries: Vec::new(),
        }
    }

    /// The people who own an action of this record.
    pub(crate) fn action_owners(&self) -> Vec<&str> {
        let mut owners: Vec<&str> = self.actions.iter().map(|a| a.owner.as_str()).collect();
        owners.sort_unstable();
        owners.dedup();
        owners
    }

    /// The record's file: YAML front-matter and the Markdown body.
    pub(crate) fn to_file(&self, body: &str) -> anyhow::Result<String> {
        let yaml = yaml::to_string(self)?;
        Ok(format!("---\n{yaml}---\n{body}"))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Record {
    /// Path relative to the repository root.
    pub path: PathBuf,
    #[serde(flatten)]
    pub front: RecordFront,
    pub body: String,
    #[serde(skip)]
    pub field_lines: BTreeMap<String, usize>,
}

impl Record {
    pub(crate) fn id(&self) -> &str {
        &self.front.id
    }

    pub(crate) fn kind(&self) -> RecordKind {
        self.front.kind
    }

    pub(crate) fn line_of(&self, field: &str) -> usize {
        self.field_lines.get(field).copied().unwrap_or(1)
    }

    /// Parses a record from raw bytes.
    pub(crate) fn parse_bytes(path: &Path, bytes: &[u8]) -> Result<Record, Finding> {
        let text = std::str::from_utf8(bytes)
            .map_err(|e| Finding::new(Rule::NotUtf8, path, msg!("check-not-utf8", offset = e.valid_up_to())).hint(msg!("hint-not-utf8")))?;
        Self::parse(path, text)
    }

    /// Parses a record from its text. Pure: no file system access. The first
    /// problem is the error; records are written by `qms` and rarely by hand,
    /// so one precise message is more use than a cascade.
    pub(crate) fn parse(path: &Path, text: &str) -> Result<Record, Finding> {
        let normalised = text::to_nfc(text);
        let block = split_front_matter(path, &normalised)?;
        let front: RecordFront = yaml::parse_typed(block.yaml).map_err(|problem| {
            let rule = if problem.message.contains("unknown field") {
                Rule::UnknownField
            } else if problem.message.contains("missing field") {
                Rule::MissingField
            } else if problem.kind == yaml::YamlProblemKind::Syntax && !problem.message.contains(": ") {
                Rule::YamlSyntax
            } else {
                Rule::FieldType
            };
            let mut finding = front_matter::yaml_finding(path, block.yaml_line, &problem);
            finding.rule = rule;
            finding.severity = rule.default_severity();
            finding.hint = Some(Box::new(record_hint(&problem.message)));
            finding
        })?;
        let field_lines: BTreeMap<String, usize> = yaml::top_level_key_lines(block.yaml)
            .into_iter()
            .map(|(key, line)| (key, line + block.yaml_line - 1))
            .collect();
        for key in field_lines.keys() {
            if !COMMON_FIELDS.contains(&key.as_str()) && !front.kind.fields().contains(&key.as_str()) {
                return Err(Finding::new(
                    Rule::UnknownField,
                    path,
                    msg!("check-record-field", field = key, kind = front.kind.id()),
                )
                .at(field_lines[key])
                .hint(msg!(
                    "hint-record-fields",
                    kind = front.kind.id(),
                    fields = format!("{}, {}", COMMON_FIELDS.join(", "), front.kind.fields().join(", "))
                )));
            }
        }
        if let Some((_, c)) = text::find_invisible_control(&front.id) {
            return Err(Finding::new(
                Rule::InvisibleCharacter,
                path,
                msg!(
                    "check-invisible",
                    field = "id",
                    character = format!("U+{:04X}", c as u32),
                    offset = 0
                ),
            )
            .at(field_lines.get("id").copied().unwrap_or(1))
            .hint(msg!("hint-invisible")));
        }
        Ok(Record {
            path: path.to_path_buf(),
            front,
            body: block.body.to_string(),
            field_lines,
        })
    }
}

fn record_hint(message: &str) -> Msg {
    Msg::new(if message.contains("unknown variant") {
        "hint-record-variant"
    } else if message.contains("unknown field") {
        "hint-record-unknown-field"
    } else if message.contains("missing field") {
        "hint-record-missing-field"
    } else if message.contains("Date") || message.contains("date") {
        "hint-record-date"
    } else {
        "hint-record-value"
    })
}

/// Clause numbers are text; a bare `8.5` in YAML is a number, read as written.
fn clause_text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum TextOrNumber {
        Text(String),
        Integer(u64),
        Float(f64),
    }
    Ok(match TextOrNumber::deserialize(d)? {
        TextOrNumber::Text(s) => s.trim().to_string(),
        TextOrNumber::Integer(n) => n.to_string(),
        TextOrNumber::Float(f) => f.to_string(),
    })
}

fn optional_clause<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    clause_text(d).map(Some)
}

fn clause_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    struct Clause(#[serde(deserialize_with = "clause_text")] String);
    Ok(Vec::<Clause>::deserialize(d)?.into_iter().map(|c| c.0).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Record, Finding> {
        Record::parse(Path::new("records/nonconformities/NC-2027-001.md"), text)
    }

    const NC: &str = "---\nid: NC-2027-001\ntitle: Hồ sơ trễ hạn\nkind: nonconformity\ndate: 2027-03-02\nowner: bo-phan-mot-cua\nsource: internal-audit\nclause: 8.5.1\nactions:\n  - text: Sửa phần mềm\n    owner: le-van-cuong\n    due: 2027-04-01\n---\n# Mô tả\n";

    #[test]
    fn parses_a_nonconformity_with_actions() {
        let record = parse(NC).unwrap();
        assert_eq!(record.kind(), RecordKind::Nonconformity);
        assert_eq!(record.front.clause.as_deref(), Some("8.5.1"));
        assert_eq!(record.front.actions[0].due, Date::constant(2027, 4, 1));
        assert!(record.front.actions[0].is_overdue(Date::constant(2027, 4, 2)));
        assert!(!record.front.actions[0].is_overdue(Date::constant(2027, 4, 1)));
        assert_eq!(record.line_of("source"), 7);
    }

    #[test]
    fn a_bare_clause_number_reads_as_written() {
        let record = parse(&NC.replace("clause: 8.5.1", "clause: 8.5")).unwrap();
        assert_eq!(record.front.clause.as_deref(), Some("8.5"));
    }

    #[test]
    fn a_field_of_another_kind_is_refused_at_its_line() {
        let err = parse(&NC.replace("clause: 8.5.1\n", "clause: 8.5.1\nrisks: []\n")).unwrap_err();
        assert_eq!(err.rule, Rule::UnknownField);
        assert_eq!(err.line, Some(9));
        assert!(err.message.to_string().contains("nonconformity"), "{}", err.message);
    }

    #[test]
    fn bad_values_name_the_field_and_line() {
        let err = parse(&NC.replace("due: 2027-04-01", "due: 1/4/2027")).unwrap_err();
        assert_eq!(err.rule, Rule::FieldType);
        assert_eq!(err.line, Some(12));
        assert!(err.message.to_string().contains("actions[0].due"), "{}", err.message);
        let err = parse(&NC.replace("internal-audit", "audit")).unwrap_err();
        assert!(err.message.to_string().contains("unknown variant"), "{}", err.message);
        let err = parse(&NC.replace("kind: nonconformity", "kind: nc")).unwrap_err();
        assert!(err.message.to_string().contains("nonconformity"), "{}", err.message);
    }

    #[test]
    fn writes_what_it_reads() {
        let record = parse(NC).unwrap();
        let text = record.front.to_file(&record.body).unwrap();
        assert_eq!(parse(&text).unwrap().front, record.front);
    }
}
