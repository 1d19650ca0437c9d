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

    /// Where the action stands on `today`, in words: done (when), overdue, open.
    pub(crate) fn standing(&self, today: Date, lang: super::config::Language) -> String {
        match self.done {
            Some(done) => format!("{} {}", i18n::label(lang, "label-done"), i18n::format::date(done, lang)),
            None if self.is_overdue(today) => i18n::label(lang, "label-overdue-2").to_string(),
            None => i18n::label(lang, "label-open").to_string(),
        }
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

impl RiskKind {
    pub(crate) fn label(self, lang: super::config::Language) -> &'static str {
        match self {
            RiskKind::Risk => i18n::label(lang, "label-risk"),
            RiskKind::Opportunity => i18n::label(lang, "label-opportunity"),
        }
    }
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

/// The front-matter of a record: the fields every record has, and its
/// kind with the kind's own fields. In the file the kind's fields follow
/// the common ones, as one mapping (`kind:` among the common ones).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RecordFront {
    pub id: String,
    pub title: String,
    pub date: Option<Date>,
    /// The unit responsible for the record.
    pub owner: String,
    pub retention_years: Option<u32>,
    pub author: Option<String>,
    pub reviewers: Vec<String>,
    pub approvers: Vec<String>,
    pub fields: KindFields,
}

/// A record's kind with the fields of that kind: what each kind may hold,
/// and must, is its struct.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum KindFields {
    AuditProgramme(AuditProgramme),
    AuditPlan(AuditPlan),
    AuditReport(AuditReport),
    Nonconformity(Nonconformity),
    ObjectiveMeasurements(ObjectiveMeasurements),
    RiskRegister(RiskRegister),
    ManagementReview(ManagementReview),
    Diagnostic(Diagnostic),
    Assessment(Assessment),
    DocumentRegister(DocumentRegister),
}

/// The annual internal audit programme (`records/audits/YEAR/programme.md`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct AuditProgramme {
    pub year: i16,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub audits: Vec<ProgrammeEntry>,
}

/// The plan of one internal audit (form BM-02-02).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct AuditPlan {
    /// The unit audited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "clause_list")]
    pub clauses: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub processes: Vec<String>,
    /// The lead auditor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub team: Vec<String>,
    /// The audit criteria (chuẩn mực đánh giá).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criteria: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
}

/// The report of one internal audit (form BM-02-04).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct AuditReport {
    /// The audit plan it reports on.
    pub audit: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<AuditFinding>,
    /// The lead auditor's conclusion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conclusion: Option<String>,
    /// Who signs for the unit audited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auditee: Option<String>,
}

/// A nonconformity and its corrective actions (ISO 9001:2015 10.2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Nonconformity {
    /// The internal audit it came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit: Option<String>,
    /// Where it occurred.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    pub source: NcSource,
    /// The requirement not met.
    #[serde(deserialize_with = "clause_text")]
    pub clause: String,
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
}

/// The year's measurements of the objectives of one MTCL document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct ObjectiveMeasurements {
    pub year: i16,
    /// The objectives document measured (an MTCL id).
    pub objectives_of: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measurements: Vec<Measurement>,
}

/// The register of risks and opportunities (ISO 9001:2015 6.1).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct RiskRegister {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub risks: Vec<Risk>,
}

/// The minutes of a management review (form BM-04-02).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct ManagementReview {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<ActionItem>,
    /// The reporting period reviewed (`2027`, `2027-H1`).
    pub period: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attendees: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<String>,
    /// Where the meeting was held.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chair: Option<String>,
    /// Who kept the minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secretary: Option<String>,
}

/// The year's ISO 18091 diagnostic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Diagnostic {
    pub year: i16,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<IndicatorRating>,
}

/// An assessment against a criteria table, as saved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Assessment {
    /// The criteria table used.
    pub criteria: String,
    pub as_of: Date,
    /// The commit of the unit's repository that was assessed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessed_commit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_score: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<String>,
}

/// The register of outgoing documents of a year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct DocumentRegister {
    pub year: i16,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entries: Vec<RegisterEntry>,
}

/// A kind's fields struct, found in (or taken out of) [`KindFields`]: what
/// lets code that works on one kind say `front.get::<Nonconformity>()`.
pub(crate) trait KindOf: Sized {
    const KIND: RecordKind;
    fn of(fields: &KindFields) -> Option<&Self>;
    fn of_mut(fields: &mut KindFields) -> Option<&mut Self>;
}

macro_rules! kind_of {
    ($($kind:ident),* $(,)?) => {$(
        impl KindOf for $kind {
            const KIND: RecordKind = RecordKind::$kind;
            fn of(fields: &KindFields) -> Option<&Self> {
                match fields {
                    KindFields::$kind(f) => Some(f),
                    _ => None,
                }
            }
            fn of_mut(fields: &mut KindFields) -> Option<&mut Self> {
                match fields {
                    KindFields::$kind(f) => Some(f),
                    _ => None,
                }
            }
        }
    )*};
}

kind_of!(
    AuditProgramme,
    AuditPlan,
    AuditReport,
    Nonconformity,
    ObjectiveMeasurements,
    RiskRegister,
    ManagementReview,
    Diagnostic,
    Assessment,
    DocumentRegister,
);

impl KindFields {
    pub(crate) fn kind(&self) -> RecordKind {
        match self {
            KindFields::AuditProgramme(_) => RecordKind::AuditProgramme,
            KindFields::AuditPlan(_) => RecordKind::AuditPlan,
            KindFields::AuditReport(_) => RecordKind::AuditReport,
            KindFields::Nonconformity(_) => RecordKind::Nonconformity,
            KindFields::ObjectiveMeasurements(_) => RecordKind::ObjectiveMeasurements,
            KindFields::RiskRegister(_) => RecordKind::RiskRegister,
            KindFields::ManagementReview(_) => RecordKind::ManagementReview,
            KindFields::Diagnostic(_) => RecordKind::Diagnostic,
            KindFields::Assessment(_) => RecordKind::Assessment,
            KindFields::DocumentRegister(_) => RecordKind::DocumentRegister,
        }
    }

    /// The kind's fields read from a record's front-matter (the common
    /// fields in it are ignored), with the names the kind may use.
    fn parse(kind: RecordKind, yaml: &str) -> Result<(KindFields, &'static [&'static str]), yaml::YamlProblem> {
        fn read<T: serde::de::DeserializeOwned>(
            yaml: &str,
            wrap: fn(T) -> KindFields,
        ) -> Result<(KindFields, &'static [&'static str]), yaml::YamlProblem> {
            Ok((wrap(yaml::parse_typed::<T>(yaml)?), yaml::field_names::<T>()))
        }
        match kind {
            RecordKind::AuditProgramme => read(yaml, KindFields::AuditProgramme),
            RecordKind::AuditPlan => read(yaml, KindFields::AuditPlan),
            RecordKind::AuditReport => read(yaml, KindFields::AuditReport),
            RecordKind::Nonconformity => read(yaml, KindFields::Nonconformity),
            RecordKind::ObjectiveMeasurements => read(yaml, KindFields::ObjectiveMeasurements),
            RecordKind::RiskRegister => read(yaml, KindFields::RiskRegister),
            RecordKind::ManagementReview => read(yaml, KindFields::ManagementReview),
            RecordKind::Diagnostic => read(yaml, KindFields::Diagnostic),
            RecordKind::Assessment => read(yaml, KindFields::Assessment),
            RecordKind::DocumentRegister => read(yaml, KindFields::DocumentRegister),
        }
    }
}

/// The common fields of a record as the file holds them (`kind` among
/// them), read by themselves: the kind's own fields are read by its struct.
#[derive(Deserialize)]
struct Common {
    id: String,
    title: String,
    kind: RecordKind,
    #[serde(default)]
    date: Option<Date>,
    owner: String,
    #[serde(default)]
    retention_years: Option<u32>,
    #[serde(default)]
    author: Option<String>,
    #[serde(default)]
    reviewers: Vec<String>,
    #[serde(default)]
    approvers: Vec<String>,
}

/// [`RecordFront`] as written: the common fields in their order, then the
/// kind's.
#[derive(Serialize)]
struct Written<'a, F> {
    id: &'a str,
    title: &'a str,
    kind: RecordKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<Date>,
    owner: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    retention_years: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    reviewers: &'a [String],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    approvers: &'a [String],
    #[serde(flatten)]
    fields: &'a F,
}

impl Serialize for RecordFront {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        fn common<'a, F>(front: &'a RecordFront, fields: &'a F) -> Written<'a, F> {
            Written {
                id: &front.id,
                title: &front.title,
                kind: front.kind(),
                date: front.date,
                owner: &front.owner,
                retention_years: front.retention_years,
                author: front.author.as_deref(),
                reviewers: &front.reviewers,
                approvers: &front.approvers,
                fields,
            }
        }
        match &self.fields {
            KindFields::AuditProgramme(f) => common(self, f).serialize(serializer),
            KindFields::AuditPlan(f) => common(self, f).serialize(serializer),
            KindFields::AuditReport(f) => common(self, f).serialize(serializer),
            KindFields::Nonconformity(f) => common(self, f).serialize(serializer),
            KindFields::ObjectiveMeasurements(f) => common(self, f).serialize(serializer),
            KindFields::RiskRegister(f) => common(self, f).serialize(serializer),
            KindFields::ManagementReview(f) => common(self, f).serialize(serializer),
            KindFields::Diagnostic(f) => common(self, f).serialize(serializer),
            KindFields::Assessment(f) => common(self, f).serialize(serializer),
            KindFields::DocumentRegister(f) => common(self, f).serialize(serializer),
        }
    }
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
    /// A new record of the kind `fields` is, kept by `owner` for its kind's
    /// retention period: commands fill in the rest.
    pub(crate) fn new(id: &str, title: &str, owner: &str, fields: KindFields) -> RecordFront {
        RecordFront {
            id: id.into(),
            title: title.into(),
            date: None,
            owner: owner.into(),
            retention_years: Some(fields.kind().default_retention_years()),
            author: None,
            reviewers: Vec::new(),
            approvers: Vec::new(),
            fields,
        }
    }

    pub(crate) fn kind(&self) -> RecordKind {
        self.fields.kind()
    }

    /// The fields of kind `K`, when the record is of that kind.
    pub(crate) fn get<K: KindOf>(&self) -> Option<&K> {
        K::of(&self.fields)
    }

    pub(crate) fn get_mut<K: KindOf>(&mut self) -> Option<&mut K> {
        K::of_mut(&mut self.fields)
    }

    /// The fields of kind `K`, or the error that the record is of another kind.
    pub(crate) fn fields_of<K: KindOf>(&self) -> anyhow::Result<&K> {
        self.get::<K>().ok_or_else(|| self.not_of::<K>())
    }

    pub(crate) fn fields_of_mut<K: KindOf>(&mut self) -> anyhow::Result<&mut K> {
        let not_of = self.not_of::<K>();
        self.get_mut::<K>().ok_or(not_of)
    }

    fn not_of<K: KindOf>(&self) -> anyhow::Error {
        anyhow::anyhow!(msg!(
            "error-record-kind",
            id = &self.id,
            kind = self.kind().id(),
            expected = K::KIND.id()
        ))
    }

    /// The unit an audit plan, audit report or nonconformity concerns.
    pub(crate) fn unit(&self) -> Option<&str> {
        match &self.fields {
            KindFields::AuditPlan(plan) => plan.unit.as_deref(),
            KindFields::AuditReport(report) => report.unit.as_deref(),
            KindFields::Nonconformity(nc) => nc.unit.as_deref(),
            _ => None,
        }
    }

    /// The year of a programme, measurements, diagnostic or register.
    pub(crate) fn year(&self) -> Option<i16> {
        match &self.fields {
            KindFields::AuditProgramme(programme) => Some(programme.year),
            KindFields::ObjectiveMeasurements(measured) => Some(measured.year),
            KindFields::Diagnostic(diagnostic) => Some(diagnostic.year),
            KindFields::DocumentRegister(register) => Some(register.year),
            _ => None,
        }
    }

    /// The findings of an audit report (none for other kinds).
    pub(crate) fn findings(&self) -> &[AuditFinding] {
        self.get::<AuditReport>().map_or(&[], |report| &report.findings)
    }

    /// The action items of a nonconformity or a management review (none
    /// for other kinds).
    pub(crate) fn actions(&self) -> &[ActionItem] {
        match &self.fields {
            KindFields::Nonconformity(nc) => &nc.actions,
            KindFields::ManagementReview(review) => &review.actions,
            _ => &[],
        }
    }

    /// The people who own an action of this record.
    pub(crate) fn action_owners(&self) -> Vec<&str> {
        let mut owners: Vec<&str> = self.actions().iter().map(|a| a.owner.as_str()).collect();
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
        self.front.kind()
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
        let finding_of = |problem: yaml::YamlProblem| {
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
        };
        // The common fields first (they say the kind), then the kind's own.
        let common: Common = yaml::parse_typed(block.yaml).map_err(finding_of)?;
        let (fields, kind_fields) = KindFields::parse(common.kind, block.yaml).map_err(finding_of)?;
        let front = RecordFront {
            id: common.id,
            title: common.title,
            date: common.date,
            owner: common.owner,
            retention_years: common.retention_years,
            author: common.author,
            reviewers: common.reviewers,
            approvers: common.approvers,
            fields,
        };
        let field_lines: BTreeMap<String, usize> = yaml::top_level_key_lines(block.yaml)
            .into_iter()
            .map(|(key, line)| (key, line + block.yaml_line - 1))
            .collect();
        let common_fields = yaml::field_names::<Common>();
        for key in field_lines.keys() {
            if !common_fields.contains(&key.as_str()) && !kind_fields.contains(&key.as_str()) {
                return Err(Finding::new(
                    Rule::UnknownField,
                    path,
                    msg!("check-record-field", field = key, kind = front.kind().id()),
                )
                .at(field_lines[key])
                .hint(msg!(
                    "hint-record-fields",
                    kind = front.kind().id(),
                    fields = format!("{}, {}", common_fields.join(", "), kind_fields.join(", "))
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
        let nc = record.front.get::<Nonconformity>().unwrap();
        assert_eq!(nc.clause, "8.5.1");
        assert_eq!(nc.source, NcSource::InternalAudit);
        assert_eq!(nc.actions[0].due, Date::constant(2027, 4, 1));
        assert!(nc.actions[0].is_overdue(Date::constant(2027, 4, 2)));
        assert!(!nc.actions[0].is_overdue(Date::constant(2027, 4, 1)));
        assert_eq!(record.line_of("source"), 7);
    }

    #[test]
    fn a_bare_clause_number_reads_as_written() {
        let record = parse(&NC.replace("clause: 8.5.1", "clause: 8.5")).unwrap();
        assert_eq!(record.front.get::<Nonconformity>().unwrap().clause, "8.5");
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
    fn a_kind_requires_its_own_fields_and_knows_them_by_its_type() {
        let err = parse(&NC.replace("clause: 8.5.1\n", "")).unwrap_err();
        assert_eq!(err.rule, Rule::MissingField);
        assert!(err.message.to_string().contains("clause"), "{}", err.message);
        assert_eq!(yaml::field_names::<RiskRegister>(), ["risks"]);
        let err = parse(&NC.replace("clause: 8.5.1\n", "clause: 8.5.1\nyear: 2027\n")).unwrap_err();
        let hint = err.hint.map(|h| h.to_string()).unwrap_or_default();
        assert!(hint.contains("root_cause") && !hint.contains("objectives_of"), "{hint}");
    }

    #[test]
    fn common_fields_are_written_first_with_the_kind_among_them() {
        let record = parse(NC).unwrap();
        let text = record.front.to_file(&record.body).unwrap();
        assert!(
            text.starts_with("---\nid: NC-2027-001\ntitle: Hồ sơ trễ hạn\nkind: nonconformity\ndate: 2027-03-02\nowner: bo-phan-mot-cua\n"),
            "{text}"
        );
        assert!(text.contains("retention_years") || !text.contains("retention"), "{text}");
    }

    #[test]
    fn writes_what_it_reads() {
        let record = parse(NC).unwrap();
        let text = record.front.to_file(&record.body).unwrap();
        assert_eq!(parse(&text).unwrap().front, record.front);
    }
}
