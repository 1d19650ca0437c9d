//! Evaluation by the superior agency against a criteria table: each
//! criterion is scored automatically from evidence in the unit's repository,
//! or manually with a score and a note; the total gives a grade.
//!
//! The table is data (YAML): the built-in one is for the annual inspection
//! of a state agency's QMS; a province may publish its own.

pub(crate) mod annual;
pub(crate) mod declaration;
pub(crate) mod diagnostic;
pub(crate) mod evidence;
pub(crate) mod rollup;

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};

use jiff::civil::Date;

use self::evidence::{Evaluation, Facts};
use crate::finding::{Finding, Severity};
use crate::i18n::{self, Msg};
use crate::model::config::Language;
use crate::model::document::Document;
use crate::repo::{DocRepo, FileState};
use crate::workflow::register::{self, Entry, GitView, open_repo};
use crate::workflow::verify;
use crate::workspace::Workspace;

const BUILTIN: &str = include_str!("annual-inspection.yaml");

/// Text in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Text {
    pub vi: String,
    pub en: String,
}

impl Text {
    pub(crate) fn get(&self, lang: Language) -> &str {
        lang.pick(&self.vi, &self.en)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Grade {
    /// The lowest percentage of the maximum that earns this grade.
    pub min: u32,
    pub vi: String,
    pub en: String,
}

/// How a criterion is evaluated: from the repository, or by a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Method {
    Declaration,
    ProceduresCovered,
    MandatoryDocuments,
    PeriodicReview,
    InternalAudit,
    ManagementReview,
    NonconformitiesOnTime,
    ObjectivesMeasured,
    ApprovalsValid,
    LegalTextsCurrent,
    Manual,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Criterion {
    pub id: String,
    pub text: Text,
    /// The most points the criterion can give.
    pub points: u32,
    pub evaluate: Method,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CriteriaTable {
    pub id: String,
    pub title: Text,
    /// From the highest `min` down; the last should have `min: 0`.
    pub grades: Vec<Grade>,
    pub criteria: Vec<Criterion>,
}

impl CriteriaTable {
    pub(crate) fn builtin() -> CriteriaTable {
        Self::parse(Path::new("(built-in criteria)"), BUILTIN).unwrap_or_else(|finding| {
            // The table is part of the binary; a unit test parses it.
            unreachable!("the built-in criteria table is invalid: {finding}")
        })
    }

    /// Parses a criteria file, refusing duplicate ids and a table worth nothing.
    pub(crate) fn parse(path: &Path, text: &str) -> Result<CriteriaTable, Finding> {
        let table: CriteriaTable = crate::model::load_yaml_file(path, text)?;
        let problem =
            |message: crate::i18n::Msg, hint: crate::i18n::Msg| Err(Finding::new(crate::finding::Rule::Config, path, message).hint(hint));
        let mut seen = std::collections::HashSet::new();
        for criterion in &table.criteria {
            if !seen.insert(criterion.id.as_str()) {
                return problem(
                    crate::msg!("check-criterion-twice", id = &criterion.id),
                    crate::msg!("hint-criterion-twice"),
                );
            }
        }
        if table.criteria.iter().map(|c| c.points).sum::<u32>() == 0 {
            return problem(crate::msg!("check-criteria-no-points"), crate::msg!("hint-criteria-no-points"));
        }
        if table.grades.is_empty() {
            return problem(crate::msg!("check-criteria-no-grades"), crate::msg!("hint-criteria-no-grades"));
        }
        Ok(table)
    }

    pub(crate) fn max_points(&self) -> u32 {
        self.criteria.iter().map(|c| c.points).sum()
    }

    /// The grade of a percentage: the first band whose `min` it reaches.
    pub(crate) fn grade(&self, percent: f64) -> Option<&Grade> {
        let mut grades: Vec<&Grade> = self.grades.iter().collect();
        grades.sort_by_key(|g| std::cmp::Reverse(g.min));
        grades.into_iter().find(|g| percent >= f64::from(g.min))
    }
}

/// A manual score for one criterion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ManualScore {
    pub points: f64,
    #[serde(default)]
    pub note: Option<String>,
}

/// `--manual FILE`: criterion id → score.
pub(crate) type ManualScores = BTreeMap<String, ManualScore>;

pub(crate) fn parse_manual(path: &Path, text: &str, table: &CriteriaTable) -> Result<ManualScores> {
    let scores: ManualScores = crate::model::load_yaml_file(path, text).map_err(|f| anyhow::anyhow!("{f}"))?;
    for (id, score) in &scores {
        let Some(criterion) = table.criteria.iter().find(|c| &c.id == id) else {
            bail!(crate::msg!("error-no-criterion", path = path.display(), id = id));
        };
        if !(0.0..=f64::from(criterion.points)).contains(&score.points) {
            bail!(crate::msg!(
                "error-criterion-points",
                path = path.display(),
                id = id,
                max = criterion.points,
                points = score.points
            ));
        }
    }
    Ok(scores)
}

/// One criterion's result.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct CriterionResult {
    pub id: String,
    pub text: String,
    pub method: Method,
    pub max_points: u32,
    pub points: f64,
    /// `false`: nothing to measure ("không áp dụng"); not in the total.
    pub applicable: bool,
    /// A criterion the inspectors score on site (`--manual`) that has no
    /// score yet: shown as pending ("chờ chấm"), not in the total.
    pub pending: bool,
    pub passed: bool,
    /// What was found: documents, records, commits.
    pub evidence: Vec<String>,
    /// What is missing for the full points.
    pub missing: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Assessment {
    pub organisation: String,
    pub criteria_table: String,
    pub title: String,
    pub as_of: jiff::civil::Date,
    /// The commit the repository was read at.
    pub commit: Option<String>,
    pub results: Vec<CriterionResult>,
    pub points: f64,
    pub max_points: u32,
    /// Points of manual criteria not scored yet: the grade is provisional.
    pub pending_points: u32,
    pub percent: f64,
    pub grade: String,
    /// Files that could not be read and so were not counted.
    pub unreadable: Vec<Finding>,
}

/// `DGCT-2027-01`: the first assessment by the superior agency (đánh giá của
/// cấp trên) saved in 2027.
/// `qms assess --save`: the assessment as a record (score, grade, the
/// commit assessed) with `body`, its report, numbered in the year and
/// committed by itself.
pub(crate) fn save(workspace: &Workspace, assessment: &Assessment, body: String) -> Result<crate::workflow::records::Created> {
    use crate::workflow::records::{self, NewRecord};
    let year = assessment.as_of.year();
    records::create(
        workspace,
        |new| {
            let id = next_record_id(new.records, year);
            Ok(NewRecord {
                front: record_front(assessment, &id, new.keeper, &new.person.id),
                path: record_path(&id, year),
                message: format!(
                    "qms: assessment {id} ({} {}/{})",
                    assessment.criteria_table,
                    crate::model::objective::format_number(assessment.points),
                    assessment.max_points
                ),
                body,
            })
        },
        |id| crate::msg!("error-exists", path = id),
    )
}

pub(crate) fn next_record_id(records: &[crate::model::record::Record], year: i16) -> String {
    crate::model::numbering::next_in_year(records.iter().map(|r| r.id()), "DGCT", year, 2)
}

pub(crate) fn record_path(id: &str, year: i16) -> std::path::PathBuf {
    Path::new(crate::workspace::RECORDS_DIR)
        .join("assessments")
        .join(year.to_string())
        .join(format!("{id}.md"))
}

/// The record of an assessment: its summary in the front-matter, the full
/// table (`body`) as its text.
pub(crate) fn record_front(assessment: &Assessment, id: &str, owner: &str, author: &str) -> crate::model::record::RecordFront {
    use crate::model::record::{self, KindFields, RecordFront};
    let saved = record::Assessment {
        criteria: assessment.criteria_table.clone(),
        as_of: assessment.as_of,
        assessed_commit: assessment.commit.clone(),
        score: Some(assessment.points),
        max_score: Some(assessment.max_points),
        grade: Some(assessment.grade.clone()),
    };
    let mut front = RecordFront::new(id, &assessment.title, owner, KindFields::Assessment(saved));
    front.date = Some(assessment.as_of);
    front.author = Some(author.to_string());
    front
}

/// Points are given to one decimal place, so that totals add up as printed.
fn round(points: f64) -> f64 {
    (points * 10.0).round() / 10.0
}

pub(crate) fn assess(table: &CriteriaTable, facts: &Facts<'_>, manual: &ManualScores, lang: Language) -> Assessment {
    let results: Vec<CriterionResult> = table
        .criteria
        .iter()
        .map(|criterion| {
            let evaluation = match criterion.evaluate {
                Method::Manual => match manual.get(&criterion.id) {
                    Some(score) => Evaluation {
                        score: score.points / f64::from(criterion.points.max(1)),
                        evidence: score.note.iter().cloned().collect(),
                        ..Evaluation::default()
                    },
                    None => Evaluation::missing(i18n::label(lang, "label-not-scored-give-the-score-in")),
                },
                method => evidence::evaluate(method, facts, lang),
            };
            let pending = criterion.evaluate == Method::Manual && !manual.contains_key(&criterion.id);
            let points = match evaluation.applicable && !pending {
                true => round(evaluation.score.clamp(0.0, 1.0) * f64::from(criterion.points)),
                false => 0.0,
            };
            CriterionResult {
                id: criterion.id.clone(),
                text: criterion.text.get(lang).to_string(),
                method: criterion.evaluate,
                max_points: criterion.points,
                applicable: evaluation.applicable,
                pending,
                // Nothing to measure is no failure, nor is a score still to
                // be given on site: either leaves the total.
                passed: !evaluation.applicable || pending || points >= f64::from(criterion.points),
                points,
                evidence: evaluation.evidence,
                missing: evaluation.missing,
            }
        })
        .collect();
    let points = round(results.iter().map(|r| r.points).sum());
    // Points of criteria with nothing to measure leave the total, so the
    // percentage is of what could be judged.
    let not_applicable: u32 = results.iter().filter(|r| !r.applicable).map(|r| r.max_points).sum();
    // Points still to be scored on site are shown beside the total, which
    // (and its grade) is provisional until they are.
    let pending_points: u32 = results.iter().filter(|r| r.applicable && r.pending).map(|r| r.max_points).sum();
    let max_points = table.max_points() - not_applicable - pending_points;
    let percent = round(100.0 * points / f64::from(max_points.max(1)));
    Assessment {
        organisation: facts.config.organisation.name.clone(),
        criteria_table: table.id.clone(),
        title: table.title.get(lang).to_string(),
        as_of: facts.as_of,
        commit: facts.commit.map(str::to_string),
        grade: table
            .grade(percent)
            .map(|g| lang.pick(&g.vi, &g.en).to_string())
            .unwrap_or_default(),
        results,
        points,
        max_points,
        pending_points,
        percent,
        unreadable: facts.unreadable.to_vec(),
    }
}

/// Reads one repository — as it stands, or at the end of `as_of` — and scores it.
pub(crate) fn assess_repository(
    workspace: &Workspace,
    table: &CriteriaTable,
    manual: &ManualScores,
    as_of: Option<Date>,
    lang: Language,
) -> Result<Assessment> {
    with_facts(workspace, as_of, |facts| assess(table, facts, manual, lang))
}

/// Reads what the criteria look at from one repository — as it stands, or
/// at the end of `as_of` — and hands it to `use_facts`.
pub(crate) fn with_facts<R>(workspace: &Workspace, as_of: Option<Date>, use_facts: impl FnOnce(&Facts<'_>) -> R) -> Result<R> {
    let now = workspace.now()?;
    let as_of = as_of.unwrap_or(now.date());
    let as_of_time = as_of
        .at(23, 59, 59, 0)
        .to_zoned(now.time_zone().clone())
        .with_context(|| crate::msg!("error-as-of-time", date = as_of))?;
    let repo = open_repo(workspace)?;
    let tip = match &repo {
        Some(repo) => repo.commit_as_of(as_of_time.timestamp().as_second())?,
        None => None,
    };
    // Before the last commit's day, the files are read from git as they were.
    let snapshot = match (&repo, &tip) {
        (Some(repo), Some(tip)) if Some(tip) != repo.head()?.as_ref() => {
            Some(Workspace::open_snapshot(&workspace.root, repo.snapshot_commit(tip)?)?)
        }
        _ => None,
    };
    let workspace = snapshot.as_ref().unwrap_or(workspace);
    let documents = workspace.load_documents();
    let records = workspace.load_records();
    let git = match (&repo, &tip) {
        (Some(repo), Some(tip)) => Some(GitView::load_at(repo, Some(tip))?),
        _ => None,
    };
    let entries = register::build(&documents.documents, git.as_ref());
    let unreadable: Vec<Finding> = documents
        .findings
        .iter()
        .chain(&records.findings)
        .filter(|f| f.severity == Severity::Error)
        .cloned()
        .collect();
    let verify = match (&repo, &git) {
        (Some(repo), Some(git)) => Some(verify_summary(repo, git)?),
        _ => None,
    };
    let legal = workspace.legal_register().and_then(Result::ok);
    let approved = match &repo {
        Some(repo) => approved_texts(repo, &entries),
        None => Default::default(),
    };
    let facts = Facts {
        legal: legal.as_ref(),
        approved: &approved,
        config: &workspace.config,
        catalog: workspace.catalog().ok(),
        documents: &documents.documents,
        records: &records.records,
        register: &entries,
        history: git.as_ref().map(|g| &g.history),
        verify,
        as_of,
        as_of_time,
        commit: tip.as_deref(),
        unreadable: &unreadable,
    };
    Ok(use_facts(&facts))
}

/// The approved text of each document in force whose working text is not
/// the one approved; one that cannot be read is left to the working text.
fn approved_texts(repo: &DocRepo, entries: &[Entry<'_>]) -> std::collections::HashMap<String, Document> {
    evidence::in_force(entries)
        .filter(|e| e.file != FileState::Committed || e.head_blob != e.state.effective_blob)
        .filter_map(|e| {
            let blob = e.state.effective_blob.as_ref()?;
            let bytes = repo.read_blob(blob).ok()?;
            let doc = Document::parse_bytes(&e.doc.path, &bytes).into_result().ok()?;
            Some((e.doc.id().to_string(), doc))
        })
        .collect()
}

fn verify_summary(repo: &DocRepo, git: &GitView<'_>) -> Result<(bool, Msg)> {
    let report = verify::verify(repo, &git.history)?;
    let commits: usize = report.documents.iter().map(|d| d.signatures.len()).sum();
    let invalid = report.documents.iter().filter(|d| d.verdict == verify::Verdict::Invalid).count();
    let summary = Msg::new("assess-verify-summary")
        .num("commits", commits as f64)
        .num("documents", report.documents.len() as f64)
        .num("invalid", invalid as f64);
    let mut parts = vec![summary];
    parts.extend(report.problems.iter().map(|problem| Msg::verbatim(problem.to_string())));
    Ok((report.is_ok(), Msg::joined(parts, "; ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_table_parses_with_110_points_from_the_repository_and_25_on_site() {
        let table = CriteriaTable::builtin();
        assert_eq!(table.max_points(), 135);
        let on_site: u32 = table
            .criteria
            .iter()
            .filter(|c| c.evaluate == Method::Manual)
            .map(|c| c.points)
            .sum();
        assert_eq!(on_site, 25);
        assert_eq!(table.grade(95.0).unwrap().en, "Good");
        assert_eq!(table.grade(70.0).unwrap().en, "Satisfactory");
        assert_eq!(table.grade(12.5).unwrap().en, "Not satisfactory");
    }

    #[test]
    fn a_table_with_a_duplicate_id_is_refused() {
        let text = BUILTIN.replace("id: TC-02", "id: TC-01");
        let finding = CriteriaTable::parse(Path::new("tieu-chi.yaml"), &text).unwrap_err();
        assert!(finding.message.to_string().contains("TC-01"), "{finding}");
    }

    #[test]
    fn manual_scores_must_name_a_criterion_and_fit_its_points() {
        let table = CriteriaTable::builtin();
        let path = Path::new("diem.yaml");
        assert!(parse_manual(path, "TC-01: {points: 5, note: Đã xem}\n", &table).is_ok());
        assert!(parse_manual(path, "TC-99: {points: 5}\n", &table).is_err());
        assert!(parse_manual(path, "TC-01: {points: 11}\n", &table).is_err());
    }
}
