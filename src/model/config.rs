//! `qms.yaml`: the organisation, its units, document types, numbering and policies.

use std::collections::HashSet;
use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::load_yaml_file;
use crate::finding::{Finding, Rule};
use crate::msg;

pub(crate) const CONFIG_FILE: &str = "qms.yaml";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Language {
    #[default]
    Vi,
    En,
}

impl Language {
    pub(crate) fn code(self) -> &'static str {
        match self {
            Language::Vi => "vi",
            Language::En => "en",
        }
    }

    /// The language a POSIX locale names (`vi_VN.UTF-8`, `en_GB`); `None`
    /// for any other (`C`, `POSIX`, `fr_FR`).
    pub(crate) fn from_locale(locale: Option<&str>) -> Option<Language> {
        let language = locale?.split(['_', '.', '@', '-']).next()?;
        match language {
            "vi" => Some(Language::Vi),
            "en" => Some(Language::En),
            _ => None,
        }
    }

    /// Picks the Vietnamese or the English of a pair of texts.
    pub(crate) fn pick<'a>(self, vi: &'a str, en: &'a str) -> &'a str {
        match self {
            Language::Vi => vi,
            Language::En => en,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Level {
    Ministry,
    Department,
    District,
    Commune,
    Other,
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Level::Ministry => "ministry",
            Level::Department => "department",
            Level::District => "district",
            Level::Commune => "commune",
            Level::Other => "other",
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Config {
    pub organisation: Organisation,
    #[serde(default)]
    pub language: Language,
    /// The IANA time zone every displayed time, "today", period and due
    /// date is taken in (default for Vietnamese repositories:
    /// Asia/Ho_Chi_Minh; otherwise the machine's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    pub units: Vec<Unit>,
    /// Types added to, or overriding, the built-in ones (matched by id).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub document_types: Vec<DocumentType>,
    #[serde(default)]
    pub numbering: Numbering,
    #[serde(default = "default_review_interval")]
    pub review_interval_months: u32,
    #[serde(default)]
    pub policies: Policies,
    /// Documented information the standard requires to be maintained; each is
    /// satisfied by any document that lists the clause.
    #[serde(default = "default_required_documents")]
    pub required_documents: Vec<RequiredDocument>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Organisation {
    pub name: String,
    pub level: Level,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// The superior agency that inspects this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub superior: Option<String>,
    /// Where administrative documents are dated (`Hòa Bình, ngày …`);
    /// by default the commune's, province's or city's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// The issuer's abbreviation after the number (`12/QĐ-UBND`); by
    /// default `UBND` or the initials of the name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub symbol: Option<String>,
    /// The head's title in a signature block (default by level: Chủ tịch,
    /// Giám đốc, Bộ trưởng).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head_title: Option<String>,
    /// A deputy's title (default: Phó + the head's, Thứ trưởng in a ministry).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deputy_title: Option<String>,
    /// `Nơi nhận` of administrative documents besides the archive (default:
    /// the provincial Department of Science and Technology for local
    /// agencies, the Ministry of Science and Technology for central ones).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipients: Option<Vec<String>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Unit {
    pub id: String,
    pub name: String,
    /// Who signs the results of the procedures this unit owns, when the
    /// unit issues them in its own name, by its competence or by
    /// delegation (a Cục of a ministry licenses at Cục level): `Cục trưởng
    /// Cục An toàn bức xạ và hạt nhân`. Without it the head of the agency
    /// signs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result_signer: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DocumentType {
    pub id: String,
    pub prefix: String,
    pub label_vi: String,
    pub label_en: String,
    /// Folder for new documents of this type, relative to the repository root.
    pub folder: String,
    /// Laid out as an administrative document under Decree 30/2020 (the
    /// declaration of conformity, decisions).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub administrative: bool,
}

impl DocumentType {
    pub(crate) fn label(&self, lang: Language) -> &str {
        lang.pick(&self.label_vi, &self.label_en)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Numbering {
    /// Pattern for ids: `{prefix}` and `{seq:NN}` (zero-padded to NN digits).
    #[serde(default = "default_document_pattern")]
    pub document: String,
    /// Pattern for forms numbered under a process: `{parent}` is the process's
    /// number (07 in QT-07).
    #[serde(default = "default_form_pattern")]
    pub form: String,
}

impl Default for Numbering {
    fn default() -> Self {
        Numbering {
            document: default_document_pattern(),
            form: default_form_pattern(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Signing {
    #[default]
    None,
    Optional,
    Required,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Policies {
    /// An approval needs an accepting review of the same content first.
    #[serde(default = "yes")]
    pub review_before_approval: bool,
    #[serde(default)]
    pub signing: Signing,
    /// Root commits other than the trust root whose history may be merged
    /// in (another unit's QMS repository joining this one), by commit id or
    /// a prefix of at least 7 characters. Counts only once this qms.yaml is
    /// approved.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub admitted_roots: Vec<String>,
}

impl Default for Policies {
    fn default() -> Self {
        Policies {
            review_before_approval: true,
            signing: Signing::None,
            admitted_roots: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RequiredDocument {
    pub clause: String,
    pub name_vi: String,
    pub name_en: String,
}

fn yes() -> bool {
    true
}

fn default_review_interval() -> u32 {
    12
}

fn default_document_pattern() -> String {
    "{prefix}-{seq:02}".into()
}

fn default_form_pattern() -> String {
    "{prefix}-{parent}-{seq:02}".into()
}

fn default_required_documents() -> Vec<RequiredDocument> {
    [
        (
            "4.3",
            "Phạm vi của hệ thống quản lý chất lượng",
            "Scope of the quality management system",
        ),
        ("5.2", "Chính sách chất lượng", "Quality policy"),
        ("6.2", "Mục tiêu chất lượng", "Quality objectives"),
    ]
    .into_iter()
    .map(|(clause, vi, en)| RequiredDocument {
        clause: clause.into(),
        name_vi: vi.into(),
        name_en: en.into(),
    })
    .collect()
}

/// The document types every repository has unless `qms.yaml` overrides them.
pub(crate) fn builtin_document_types() -> Vec<DocumentType> {
    [
        ("policy", "CSCL", "Chính sách chất lượng", "Quality policy", "chinh-sach"),
        ("objectives", "MTCL", "Mục tiêu chất lượng", "Quality objectives", "muc-tieu"),
        ("manual", "STCL", "Sổ tay chất lượng", "Quality manual", "so-tay"),
        ("procedure", "QT", "Quy trình", "Procedure", "quy-trinh"),
        ("instruction", "HD", "Hướng dẫn", "Instruction", "huong-dan"),
        ("form", "BM", "Biểu mẫu", "Form", "bieu-mau"),
        ("plan", "KH", "Kế hoạch", "Plan", "ke-hoach"),
        ("external", "TLBN", "Tài liệu bên ngoài", "External document", "ben-ngoai"),
        ("declaration", "QD", "Quyết định công bố", "Declaration of conformity", "cong-bo"),
    ]
    .into_iter()
    .map(|(id, prefix, vi, en, folder)| DocumentType {
        id: id.into(),
        prefix: prefix.into(),
        label_vi: vi.into(),
        label_en: en.into(),
        folder: format!("documents/{folder}"),
        administrative: id == "declaration",
    })
    .collect()
}

/// Vietnam's zone; it has kept UTC+07:00 without daylight saving since
/// 1975, so a machine without the time-zone database still gets it right.
pub(crate) const VIETNAM_TIME_ZONE: &str = "Asia/Ho_Chi_Minh";

fn named_zone(name: &str) -> Option<jiff::tz::TimeZone> {
    jiff::tz::TimeZone::get(name)
        .ok()
        .or_else(|| (name == VIETNAM_TIME_ZONE).then(|| jiff::tz::TimeZone::fixed(jiff::tz::offset(7))))
}

impl Config {
    /// The zone times are shown and taken in: `timezone`, else Vietnam's for
    /// a Vietnamese repository; `None` leaves the machine's (or
    /// `QMS_TIMESTAMP`'s) offset as it is.
    pub(crate) fn time_zone(&self) -> Option<jiff::tz::TimeZone> {
        match &self.timezone {
            Some(name) => named_zone(name),
            None if self.language == Language::Vi => named_zone(VIETNAM_TIME_ZONE),
            None => None,
        }
    }

    pub(crate) fn parse(path: &Path, text: &str) -> Result<Config, Finding> {
        load_yaml_file(path, text)
    }

    /// Built-in types with the configured ones merged in (same id replaces).
    pub(crate) fn document_types(&self) -> Vec<DocumentType> {
        let mut types = builtin_document_types();
        for custom in &self.document_types {
            match types.iter_mut().find(|t| t.id == custom.id) {
                Some(existing) => *existing = custom.clone(),
                None => types.push(custom.clone()),
            }
        }
        types
    }

    pub(crate) fn unit(&self, id: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.id == id)
    }

    /// The unit `id`, or an error that lists the units there are.
    pub(crate) fn require_unit(&self, id: &str) -> anyhow::Result<&Unit> {
        self.unit(id).ok_or_else(|| {
            let ids: Vec<&str> = self.units.iter().map(|u| u.id.as_str()).collect();
            anyhow::anyhow!("{id} is not a unit of {CONFIG_FILE}; the units are: {}", ids.join(", "))
        })
    }

    /// Problems a YAML schema cannot express: duplicate ids, clashing prefixes.
    pub(crate) fn validate(&self, path: &Path, text: &str) -> Vec<Finding> {
        let mut findings = Vec::new();
        let mut seen = HashSet::new();
        for unit in &self.units {
            if !seen.insert(unit.id.as_str()) {
                findings.push(
                    Finding::new(Rule::Config, path, msg!("check-unit-twice", unit = &unit.id))
                        .at(super::line_of_value(text, &unit.id, 2))
                        .hint(msg!("hint-unit-twice")),
                );
            }
        }
        let types = self.document_types();
        let mut prefixes = HashSet::new();
        for t in &types {
            if !prefixes.insert(t.prefix.as_str()) {
                findings.push(
                    Finding::new(Rule::Config, path, msg!("check-prefix-twice", prefix = &t.prefix))
                        .at(super::line_of_value(text, &t.prefix, 1))
                        .hint(msg!("hint-prefix-twice")),
                );
            }
        }
        for (field, name) in [
            ("name", Some(&self.organisation.name)),
            ("superior", self.organisation.superior.as_ref()),
        ] {
            if let Some(name) = name.filter(|n| is_sample_name(n)) {
                findings.push(
                    Finding::new(Rule::SampleName, path, msg!("check-sample-name", field = field, name = name))
                        .at(super::line_of_value(text, name, 1))
                        .hint(msg!("hint-sample-name", field = field)),
                );
            }
        }
        if let Some(name) = &self.timezone
            && named_zone(name).is_none()
        {
            findings.push(
                Finding::new(Rule::Config, path, msg!("check-timezone", name = name))
                    .at(super::line_of_value(text, name, 1))
                    .hint(msg!("hint-timezone")),
            );
        }
        if !(1..=120).contains(&self.review_interval_months) {
            findings.push(
                Finding::new(
                    Rule::Config,
                    path,
                    msg!("check-review-interval", months = self.review_interval_months),
                )
                .at(super::line_of_value(text, "review_interval_months", 1))
                .hint(msg!("hint-field-months")),
            );
        }
        for pattern in [&self.numbering.document, &self.numbering.form] {
            for width in super::numbering::seq_widths(pattern) {
                if !width
                    .parse::<usize>()
                    .is_ok_and(|w| (1..=super::numbering::MAX_SEQ_WIDTH).contains(&w))
                {
                    findings.push(
                        Finding::new(
                            Rule::Config,
                            path,
                            msg!(
                                "check-numbering-width",
                                pattern = pattern,
                                width = width,
                                max = super::numbering::MAX_SEQ_WIDTH
                            ),
                        )
                        .at(super::line_of_value(text, pattern, 1))
                        .hint(msg!("hint-numbering")),
                    );
                }
            }
            if !pattern.contains("{seq") {
                findings.push(
                    Finding::new(Rule::Config, path, msg!("check-numbering-seq", pattern = pattern))
                        .at(super::line_of_value(text, pattern, 1))
                        .hint(msg!("hint-numbering")),
                );
            }
        }
        findings
    }
}

/// A name no agency has: a level without its place, or a placeholder.
/// The profiles' own sample names are places that do not exist (xã Hòa
/// Bình of tỉnh An Phước), so they are recognised by what they say.
fn is_sample_name(name: &str) -> bool {
    let folded = crate::text::fold(name.trim());
    const BARE: &[&str] = &[
        "uy ban nhan dan tinh",
        "uy ban nhan dan thanh pho",
        "uy ban nhan dan xa",
        "uy ban nhan dan phuong",
        "ubnd tinh",
        "ubnd xa",
        "co quan cap tren",
        "co quan hanh chinh nha nuoc",
        "superior agency",
        "state administrative agency",
        "provincial people's committee",
    ];
    BARE.contains(&folded.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_locale_names_a_language_or_none() {
        assert_eq!(Language::from_locale(Some("vi_VN.UTF-8")), Some(Language::Vi));
        assert_eq!(Language::from_locale(Some("en_GB")), Some(Language::En));
        assert_eq!(Language::from_locale(Some("C.UTF-8")), None);
        assert_eq!(Language::from_locale(None), None);
    }

    const MINIMAL: &str = "organisation:\n  name: UBND xã A\n  level: commune\nunits:\n  - id: vp\n    name: Văn phòng\n";

    #[test]
    fn minimal_config_gets_defaults() {
        let config = Config::parse(Path::new("qms.yaml"), MINIMAL).unwrap();
        assert_eq!(config.language, Language::Vi);
        assert_eq!(config.review_interval_months, 12);
        assert!(config.policies.review_before_approval);
        assert_eq!(config.required_documents.len(), 3);
        assert_eq!(config.document_types().len(), 9);
    }

    #[test]
    fn unknown_fields_name_the_path_and_line() {
        let text = MINIMAL.replace("    name: Văn phòng", "    nam: Văn phòng");
        let err = Config::parse(Path::new("qms.yaml"), &text).unwrap_err();
        assert_eq!(err.line, Some(6));
        assert!(err.message.to_string().contains("units[0]"), "{}", err.message);
        assert!(err.message.to_string().contains("unknown field `nam`"), "{}", err.message);
    }

    #[test]
    fn custom_types_merge_by_id() {
        let text = format!(
            "{MINIMAL}document_types:\n  - {{id: procedure, prefix: QTr, label_vi: Quy trình, label_en: Process, folder: qt}}\n  - {{id: report, prefix: BC, label_vi: Báo cáo, label_en: Report, folder: bc}}\n"
        );
        let config = Config::parse(Path::new("qms.yaml"), &text).unwrap();
        let types = config.document_types();
        assert_eq!(types.len(), 10);
        assert_eq!(types.iter().find(|t| t.id == "procedure").unwrap().prefix, "QTr");
    }

    #[test]
    fn duplicate_units_are_found() {
        let text = format!("{MINIMAL}  - id: vp\n    name: Khác\n");
        let config = Config::parse(Path::new("qms.yaml"), &text).unwrap();
        let findings = config.validate(Path::new("qms.yaml"), &text);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].line, Some(7));
    }
}
