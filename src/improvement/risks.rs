//! Risks and opportunities (ISO 9001:2015 6.1): a register record
//! (`records/risks/register.md` unless the agency keeps several) whose risks
//! are scored likelihood × impact, with treatment actions and review dates.

use std::path::PathBuf;

use jiff::civil::Date;
use serde::Serialize;

use anyhow::{Result, bail};

use crate::i18n;
use crate::model::config::Language;
use crate::model::record::{ActionItem, KindFields, Record, RecordFront, RecordKind, Risk, RiskKind, RiskRegister};
use crate::msg;
use crate::repo::{CommitId, DocRepo};
use crate::workflow::actions::{ContentChange, acting_person, commit_content};
use crate::workflow::records::record_keeper;
use crate::workspace::{RECORDS_DIR, Workspace};

/// The register `qms risks add` writes to when none is named.
pub(crate) const REGISTER_ID: &str = "DMRR";

pub(crate) fn register_path() -> PathBuf {
    PathBuf::from(RECORDS_DIR).join("risks").join("register.md")
}

pub(crate) fn new_register(owner: &str, author: &str, lang: Language) -> RecordFront {
    let mut front = RecordFront::new(
        REGISTER_ID,
        i18n::label(lang, "label-register-of-risks-and-opportunities"),
        owner,
        KindFields::RiskRegister(RiskRegister::default()),
    );
    front.author = Some(author.to_string());
    front
}

pub(crate) fn register_body(lang: Language) -> String {
    i18n::text(lang, "record-risks-body") + "\n"
}

/// The next free risk number across all registers, …
pub(crate) fn next_risk_id<'a>(registers: impl IntoIterator<Item = &'a Record>) -> String {
    let last = registers
        .into_iter()
        .filter_map(|r| r.front.get::<RiskRegister>())
        .flat_map(|register| register.risks.iter())
        .filter_map(|risk| risk.id.strip_prefix("R-")?.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    format!("R-{:02}", last + 1)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Level {
    Low,
    Medium,
    High,
}

impl Level {
    /// The bands of a 5 × 5 matrix: up to 4 low, up to 12 medium, above high.
    pub(crate) fn of(score: u32) -> Level {
        match score {
            0..=4 => Level::Low,
            5..=12 => Level::Medium,
            _ => Level::High,
        }
    }

    pub(crate) fn label(self, lang: Language) -> &'static str {
        match self {
            Level::Low => i18n::label(lang, "label-low"),
            Level::Medium => i18n::label(lang, "label-medium"),
            Level::High => i18n::label(lang, "label-high"),
        }
    }
}

/// One risk as the listing shows it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct RiskView {
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
    pub(crate) fn needs_attention(&self) -> bool {
        self.treatments_overdue > 0 || self.review_due
    }
}

/// Every risk and opportunity of the registers, highest score first.
pub(crate) fn list<'a>(registers: impl IntoIterator<Item = &'a Record>, today: Date) -> Vec<RiskView> {
    let mut views: Vec<RiskView> = registers
        .into_iter()
        .filter_map(|r| r.front.get::<RiskRegister>().map(|fields| (r, fields)))
        .flat_map(|(r, fields)| fields.risks.iter().map(move |risk| (r, risk)))
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

/// What `qms risks add` records: a risk or opportunity for `register`.
pub(crate) struct NewRisk {
    pub register: String,
    pub title: String,
    pub kind: RiskKind,
    /// The process (document id) or unit it concerns.
    pub process: Option<String>,
    pub likelihood: u8,
    pub impact: u8,
    pub treatment: Vec<ActionItem>,
    pub review: Option<Date>,
}

/// A register changed and committed: the risk, its register and file.
#[derive(Debug)]
pub(crate) struct Written {
    pub commit: CommitId,
    pub risk: String,
    pub register: String,
    pub path: PathBuf,
}

/// Adds a risk to its register (the default register is created on first
/// use, kept by the acting person's unit), numbered after every register's
/// risks, and commits the register by itself.
pub(crate) fn add(workspace: &Workspace, new: NewRisk) -> Result<Written> {
    let repo = DocRepo::open(&workspace.root)?;
    let person = acting_person(workspace)?;
    let lang = workspace.config.language;
    if new.title.trim().is_empty() {
        bail!(msg!("error-risk-title"));
    }
    if let Some(process) = &new.process
        && workspace.load_documents().by_id(process).is_err()
        && workspace.config.unit(process).is_none()
    {
        bail!(msg!("error-risk-process", process = process));
    }
    let records = workspace.load_records();
    let registers: Vec<_> = records.of_kind(RecordKind::RiskRegister).collect();
    let (path, mut front, body) = match records.by_id_of_kind(&new.register, RecordKind::RiskRegister) {
        Ok(existing) => (existing.path.clone(), existing.front.clone(), existing.body.clone()),
        Err(_) if records.by_id(&new.register).is_ok() => bail!(msg!("error-not-register", id = &new.register)),
        Err(_) if new.register != REGISTER_ID => bail!(msg!("error-no-register", id = &new.register)),
        Err(_) => (
            register_path(),
            new_register(&record_keeper(workspace, &person), &person.id, lang),
            register_body(lang),
        ),
    };
    let risk = Risk {
        id: next_risk_id(registers),
        title: new.title.trim().to_string(),
        kind: new.kind,
        process: new.process,
        likelihood: new.likelihood,
        impact: new.impact,
        treatment: new.treatment,
        review: new.review,
    };
    let message = format!("qms: risk {} in {}\n\n{}", risk.id, front.id, risk.title);
    let id = risk.id.clone();
    front.fields_of_mut::<RiskRegister>()?.risks.push(risk);
    let content = ContentChange {
        files: vec![(path.clone(), front.to_file(&body)?.into_bytes())],
        message,
    };
    let commit = commit_content(&repo, &person, content, &workspace.now()?)?;
    Ok(Written {
        commit,
        risk: id,
        register: front.id,
        path,
    })
}

/// Marks the acting person's treatments of `risk` done today (`numbers`,
/// 1-based; none: all of theirs) and commits the register.
pub(crate) fn mark_treatments_done(workspace: &Workspace, risk_id: &str, numbers: &[usize]) -> Result<Written> {
    let repo = DocRepo::open(&workspace.root)?;
    let person = acting_person(workspace)?;
    let records = workspace.load_records();
    let Some(register) = records.of_kind(RecordKind::RiskRegister).find(|r| {
        r.front
            .get::<RiskRegister>()
            .is_some_and(|f| f.risks.iter().any(|risk| risk.id == risk_id))
    }) else {
        bail!(msg!("error-no-risk", risk = risk_id));
    };
    let mut front = register.front.clone();
    let Some(risk) = front
        .fields_of_mut::<RiskRegister>()?
        .risks
        .iter_mut()
        .find(|risk| risk.id == risk_id)
    else {
        bail!(msg!("error-no-risk", risk = risk_id));
    };
    super::mark_done(&mut risk.treatment, numbers, &person.id, workspace.now()?.date(), risk_id)?;
    let message = format!("qms: risk {risk_id} treatment done\n\n{}", risk.title);
    let content = ContentChange {
        files: vec![(register.path.clone(), front.to_file(&register.body)?.into_bytes())],
        message,
    };
    let commit = commit_content(&repo, &person, content, &workspace.now()?)?;
    Ok(Written {
        commit,
        risk: risk_id.to_string(),
        register: front.id.clone(),
        path: register.path.clone(),
    })
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
        front.get_mut::<RiskRegister>().unwrap().risks = vec![
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
