//! Risks and opportunities (ISO 9001:2015 6.1): a register record
//! (`records/risks/register.md` unless the agency keeps several) whose risks
//! are scored likelihood × impact, with treatment actions and review dates.

use std::path::PathBuf;

use jiff::civil::Date;
use serde::Serialize;

use crate::i18n;
use crate::model::config::Language;
use crate::model::record::{Record, RecordFront, RecordKind, Risk, RiskKind};
use crate::workspace::RECORDS_DIR;

/// The register `qms risks add` writes to when none is named.
pub const REGISTER_ID: &str = "DMRR";

pub fn register_path() -> PathBuf {
    PathBuf::from(RECORDS_DIR).join("risks").join("register.md")
}

pub fn new_register(owner: &str, author: &str, lang: Language) -> RecordFront {
    let mut front = RecordFront::new(
        REGISTER_ID,
        i18n::label(lang, "label-register-of-risks-and-opportunities"),
        RecordKind::RiskRegister,
        owner,
    );
    front.author = Some(author.to_string());
    front
}

pub fn register_body(lang: Language) -> String {
    i18n::text(lang, "record-risks-body") + "\n"
}

/// The next free risk number across all registers, …
pub fn next_risk_id<'a>(registers: impl IntoIterator<Item = &'a Record>) -> String {
    let last = registers
        .into_iter()
        .flat_map(|r| r.front.risks.iter())
        .filter_map(|risk| risk.id.strip_prefix("R-")?.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    format!("R-{:02}", last + 1)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Low,
    Medium,
    High,
}

impl Level {
    /// The bands of a 5 × 5 matrix: up to 4 low, up to 12 medium, above high.
    pub fn of(score: u32) -> Level {
        match score {
            0..=4 => Level::Low,
            5..=12 => Level::Medium,
            _ => Level::High,
        }
    }

    pub fn label(self, lang: Language) -> &'static str {
        match self {
            Level::Low => i18n::label(lang, "label-low"),
            Level::Medium => i18n::label(lang, "label-medium"),
            Level::High => i18n::label(lang, "label-high"),
        }
    }
}

/// One risk as the listing shows it.
#[derive(Debug, Clone, Serialize)]
pub struct RiskView {
    pub register: String,
    #[serde(flatten)]
    pub risk: Risk,
    pub score: u32,
    pub level: Level,
    pub treatments_open: usize,
    pub treatments_overdue: usize,
    /// The review date has passed.
    pub review_due: bool,
}

impl RiskView {
    pub fn needs_attention(&self) -> bool {
        self.treatments_overdue > 0 || self.review_due
    }
}

/// Every risk and opportunity of the registers, highest score first.
pub fn list<'a>(registers: impl IntoIterator<Item = &'a Record>, today: Date) -> Vec<RiskView> {
    let mut views: Vec<RiskView> = registers
        .into_iter()
        .filter(|r| r.kind() == RecordKind::RiskRegister)
        .flat_map(|r| r.front.risks.iter().map(move |risk| (r, risk)))
        .map(|(register, risk)| RiskView {
            register: register.id().to_string(),
            score: risk.score(),
            level: Level::of(risk.score()),
            treatments_open: risk.treatment.iter().filter(|t| t.done.is_none()).count(),
            treatments_overdue: risk.treatment.iter().filter(|t| t.is_overdue(today)).count(),
            review_due: risk.review.is_some_and(|d| d < today),
            risk: risk.clone(),
        })
        .collect();
    views.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then_with(|| (a.risk.kind == RiskKind::Opportunity).cmp(&(b.risk.kind == RiskKind::Opportunity)))
            .then_with(|| a.risk.id.cmp(&b.risk.id))
    });
    views
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::model::record::ActionItem;

    fn date(text: &str) -> Date {
        text.parse().unwrap()
    }

    fn risk(id: &str, likelihood: u8, impact: u8, due: &str, done: Option<&str>) -> Risk {
        Risk {
            id: id.into(),
            title: format!("Rủi ro {id}"),
            kind: RiskKind::Risk,
            process: None,
            likelihood,
            impact,
            treatment: vec![ActionItem {
                text: "Xử lý".into(),
                owner: "le-van-cuong".into(),
                due: date(due),
                done: done.map(date),
            }],
            review: Some(date("2027-06-30")),
        }
    }

    #[test]
    fn sorted_by_score_with_overdue_treatments_flagged() {
        let mut front = new_register("van-phong", "pham-thi-dung", Language::Vi);
        front.risks = vec![
            risk("R-01", 2, 2, "2027-03-01", None),
            risk("R-02", 4, 4, "2027-03-01", Some("2027-02-20")),
            risk("R-03", 3, 3, "2027-05-01", None),
        ];
        let text = front.to_file(&register_body(Language::Vi)).unwrap();
        let register = Record::parse(&register_path(), &text).unwrap();
        let views = list([&register], date("2027-04-01"));
        let summary: Vec<_> = views
            .iter()
            .map(|v| (v.risk.id.as_str(), v.score, v.level, v.treatments_overdue))
            .collect();
        assert_eq!(
            summary,
            [
                ("R-02", 16, Level::High, 0),
                ("R-03", 9, Level::Medium, 0),
                ("R-01", 4, Level::Low, 1)
            ]
        );
        assert!(views[2].needs_attention() && !views[0].needs_attention());
        assert!(list([&register], date("2027-07-01")).iter().all(|v| v.review_due));
        assert_eq!(next_risk_id([&register]), "R-04");
        assert_eq!(register.path, Path::new("records/risks/register.md"));
    }
}
