//! The ISO 18091 diagnostic of a local government: the 39 indicators of
//! the standard's annex in its four quadrants, each rated on its own
//! traffic-light scale (what red, yellow and green mean for it), kept as
//! a record per year (`records/diagnostics/CD-YYYY.md`), and the report that
//! counts the colours per quadrant, lists the red and yellow indicators as
//! improvement priorities and compares with the previous year.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::Text;
use crate::i18n;
use crate::model::config::Language;
use crate::model::record::{Diagnostic, IndicatorRating, KindFields, Rating, Record, RecordFront, RecordKind};
use crate::workflow::records;
use crate::workspace::RECORDS_DIR;

const CATALOGUE: &str = include_str!("iso18091.yaml");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Indicator {
    pub id: String,
    pub vi: String,
    pub en: String,
    pub scale: Scale,
}

impl Indicator {
    pub(crate) fn name(&self, lang: Language) -> &str {
        lang.pick(&self.vi, &self.en)
    }
}

/// What each colour means for one indicator, so that two assessors rate
/// alike: red below the minimum acceptable, yellow under way, green the
/// minimum reached and kept.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Scale {
    pub red: Text,
    pub yellow: Text,
    pub green: Text,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Quadrant {
    pub id: String,
    pub vi: String,
    pub en: String,
    pub indicators: Vec<Indicator>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Catalogue {
    quadrants: Vec<Quadrant>,
}

pub(crate) fn quadrants() -> &'static [Quadrant] {
    static QUADRANTS: std::sync::OnceLock<Vec<Quadrant>> = std::sync::OnceLock::new();
    QUADRANTS.get_or_init(|| {
        crate::model::yaml::parse_typed::<Catalogue>(CATALOGUE)
            .map(|c| c.quadrants)
            // The catalogue is part of the binary; a unit test parses it.
            .unwrap_or_else(|problem| unreachable!("the ISO 18091 catalogue is invalid: {}", problem.message))
    })
}

pub(crate) fn indicator(id: &str) -> Option<&'static Indicator> {
    quadrants().iter().flat_map(|q| &q.indicators).find(|i| i.id == id)
}

pub(crate) fn id_of(year: i16) -> String {
    format!("CD-{year}")
}

pub(crate) fn path_of(year: i16) -> PathBuf {
    PathBuf::from(RECORDS_DIR).join("diagnostics").join(format!("{}.md", id_of(year)))
}

/// A new diagnostic for `year` with every indicator still to rate.
pub(crate) fn new_record(year: i16, owner: &str, author: &str, lang: Language) -> RecordFront {
    let title = format!("{} {year}", i18n::label(lang, "label-iso-18091-self-assessment"));
    let indicators = quadrants()
        .iter()
        .flat_map(|q| &q.indicators)
        .map(|i| IndicatorRating {
            indicator: i.id.clone(),
            rating: Rating::Unrated,
            evidence: None,
            note: None,
        })
        .collect();
    let mut front = RecordFront::new(&id_of(year), &title, owner, KindFields::Diagnostic(Diagnostic { year, indicators }));
    front.author = Some(author.to_string());
    front
}

/// `qms diagnose new`: the year's record, every indicator unrated, kept by
/// the acting person's unit and committed by itself; refused when the year
/// has one.
pub(crate) fn create(workspace: &crate::workspace::Workspace, year: i16, lang: Language) -> anyhow::Result<records::Created> {
    records::create(
        workspace,
        |new| {
            let front = new_record(year, new.keeper, &new.person.id, lang);
            Ok(records::NewRecord {
                message: format!("qms: diagnostic {}\n\n{}", front.id, front.title),
                body: body(lang),
                path: path_of(year),
                front,
            })
        },
        |id| crate::msg!("error-diagnostic-exists", id = id),
    )
}

/// The record's body: how to rate, then every indicator's scale by quadrant.
pub(crate) fn body(lang: Language) -> String {
    let mut body = i18n::text(lang, "record-diagnostic-body") + "\n";
    for quadrant in quadrants() {
        let rows: Vec<Vec<String>> = quadrant
            .indicators
            .iter()
            .map(|i| {
                vec![
                    i.id.clone(),
                    i.name(lang).to_string(),
                    i.scale.red.get(lang).to_string(),
                    i.scale.yellow.get(lang).to_string(),
                    i.scale.green.get(lang).to_string(),
                ]
            })
            .collect();
        body.push_str(&format!(
            "\n## {}. {}\n\n{}",
            quadrant.id,
            lang.pick(&quadrant.vi, &quadrant.en),
            crate::text::markdown_table(
                &[
                    i18n::label(lang, "label-indicator"),
                    i18n::label(lang, "label-description"),
                    i18n::label(lang, "label-scale-red"),
                    i18n::label(lang, "label-scale-yellow"),
                    i18n::label(lang, "label-scale-green"),
                ],
                &rows,
            )
        ));
    }
    body
}

fn rating_label(rating: Rating, lang: Language) -> &'static str {
    match rating {
        Rating::Green => i18n::label(lang, "label-green"),
        Rating::Yellow => i18n::label(lang, "label-yellow"),
        Rating::Red => i18n::label(lang, "label-red"),
        Rating::Unrated => i18n::label(lang, "label-unrated"),
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct Counts {
    pub green: usize,
    pub yellow: usize,
    pub red: usize,
    pub unrated: usize,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct QuadrantSummary {
    pub id: String,
    pub name: String,
    pub counts: Counts,
}

/// A red or yellow indicator: where to improve first, and what green asks.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Priority {
    pub indicator: String,
    pub name: String,
    pub rating: Rating,
    pub rating_label: String,
    pub target: String,
    pub evidence: Option<String>,
    pub note: Option<String>,
}

/// An indicator whose colour changed since the previous diagnostic.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Change {
    pub indicator: String,
    pub name: String,
    pub before: String,
    pub now: String,
    pub improved: bool,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct DiagnosticReport {
    pub organisation: String,
    pub year: i16,
    pub record: String,
    pub quadrants: Vec<QuadrantSummary>,
    pub totals: Counts,
    pub priorities: Vec<Priority>,
    pub previous: Option<String>,
    pub improved: usize,
    pub worsened: usize,
    pub changes: Vec<Change>,
}

/// Green above yellow above red; unrated is not compared.
fn rank(rating: Rating) -> Option<u8> {
    match rating {
        Rating::Red => Some(0),
        Rating::Yellow => Some(1),
        Rating::Green => Some(2),
        Rating::Unrated => None,
    }
}

fn ratings(record: &Record) -> BTreeMap<&str, &IndicatorRating> {
    record
        .front
        .get::<Diagnostic>()
        .iter()
        .flat_map(|d| &d.indicators)
        .map(|r| (r.indicator.as_str(), r))
        .collect()
}

pub(crate) fn report(organisation: &str, current: &Record, previous: Option<&Record>, lang: Language) -> DiagnosticReport {
    let now = ratings(current);
    let before = previous.map(ratings).unwrap_or_default();
    let rating_of = |map: &BTreeMap<&str, &IndicatorRating>, id: &str| map.get(id).map(|r| r.rating).unwrap_or(Rating::Unrated);
    let name = |i: &Indicator| i.name(lang).to_string();
    let mut totals = Counts::default();
    let mut summaries = Vec::new();
    let mut priorities = Vec::new();
    let mut changes = Vec::new();
    for quadrant in quadrants() {
        let mut counts = Counts::default();
        for indicator in &quadrant.indicators {
            let rating = rating_of(&now, &indicator.id);
            for c in [&mut counts, &mut totals] {
                match rating {
                    Rating::Green => c.green += 1,
                    Rating::Yellow => c.yellow += 1,
                    Rating::Red => c.red += 1,
                    Rating::Unrated => c.unrated += 1,
                }
            }
            if matches!(rating, Rating::Red | Rating::Yellow) {
                let entry = now.get(indicator.id.as_str());
                priorities.push(Priority {
                    indicator: indicator.id.clone(),
                    name: name(indicator),
                    rating,
                    rating_label: rating_label(rating, lang).to_string(),
                    target: indicator.scale.green.get(lang).to_string(),
                    evidence: entry.and_then(|e| e.evidence.clone()),
                    note: entry.and_then(|e| e.note.clone()),
                });
            }
            let old = rating_of(&before, &indicator.id);
            if previous.is_some()
                && let (Some(a), Some(b)) = (rank(old), rank(rating))
                && a != b
            {
                changes.push(Change {
                    indicator: indicator.id.clone(),
                    name: name(indicator),
                    before: rating_label(old, lang).to_string(),
                    now: rating_label(rating, lang).to_string(),
                    improved: b > a,
                });
            }
        }
        summaries.push(QuadrantSummary {
            id: quadrant.id.clone(),
            name: lang.pick(&quadrant.vi, &quadrant.en).to_string(),
            counts,
        });
    }
    // Red before yellow; within a colour, in catalogue order.
    priorities.sort_by_key(|p| rank(p.rating));
    DiagnosticReport {
        organisation: organisation.to_string(),
        year: year_of(current).unwrap_or_default(),
        record: current.id().to_string(),
        quadrants: summaries,
        totals,
        priorities,
        previous: previous.map(|p| p.id().to_string()),
        improved: changes.iter().filter(|c| c.improved).count(),
        worsened: changes.iter().filter(|c| !c.improved).count(),
        changes,
    }
}

/// The diagnostic of `year` and the latest one before it.
pub(crate) fn current_and_previous(records: &[Record], year: i16) -> (Option<&Record>, Option<&Record>) {
    let diagnostics = || records.iter().filter(|r| r.kind() == RecordKind::Diagnostic);
    let current = diagnostics().find(|r| year_of(r) == Some(year));
    let previous = diagnostics()
        .filter(|r| year_of(r).is_some_and(|y| y < year))
        .max_by_key(|r| year_of(r));
    (current, previous)
}

fn year_of(record: &Record) -> Option<i16> {
    record.front.get::<Diagnostic>().map(|d| d.year)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    /// The annex's structure: 39 indicators, 12, 8, 11 and 8 in the four
    /// quadrants, numbered quadrant.n in order, each with a scale.
    #[test]
    fn the_catalogue_has_the_annex_s_39_indicators_in_four_quadrants() {
        let sizes: Vec<usize> = quadrants().iter().map(|q| q.indicators.len()).collect();
        assert_eq!(sizes, [12, 8, 11, 8]);
        for (q, quadrant) in quadrants().iter().enumerate() {
            assert_eq!(quadrant.id, (q + 1).to_string());
            for (n, indicator) in quadrant.indicators.iter().enumerate() {
                assert_eq!(indicator.id, format!("{}.{}", q + 1, n + 1));
                for lang in [Language::Vi, Language::En] {
                    let scale = &indicator.scale;
                    let texts = [
                        indicator.name(lang),
                        scale.red.get(lang),
                        scale.yellow.get(lang),
                        scale.green.get(lang),
                    ];
                    assert!(texts.iter().all(|t| !t.trim().is_empty()), "{}", indicator.id);
                }
            }
        }
    }

    #[test]
    fn a_new_record_lists_every_indicator_and_its_body_every_scale() {
        let front = new_record(2026, "van-phong", "pham-thi-dung", Language::Vi);
        assert_eq!(front.get::<Diagnostic>().unwrap().indicators.len(), 39);
        let body = body(Language::Vi);
        assert!(body.contains("| 1.10 |") && body.contains("| 4.8 |"), "{body}");
        let record = Record::parse(&path_of(2026), &front.to_file(&body).unwrap()).unwrap();
        assert_eq!(
            record.front.get::<Diagnostic>().unwrap().indicators[9].indicator,
            "1.10",
            "quoted, not the number 1.1"
        );
    }

    fn record(year: i16, ratings: &[(&str, Rating)]) -> Record {
        let mut front = new_record(year, "van-phong", "pham-thi-dung", Language::En);
        for (id, rating) in ratings {
            front
                .get_mut::<Diagnostic>()
                .unwrap()
                .indicators
                .iter_mut()
                .find(|i| i.indicator == *id)
                .unwrap()
                .rating = *rating;
        }
        Record::parse(&path_of(year), &front.to_file(&body(Language::En)).unwrap()).unwrap()
    }

    #[test]
    fn counts_priorities_and_changes() {
        let before = record(2025, &[("1.5", Rating::Red), ("2.1", Rating::Green), ("4.1", Rating::Yellow)]);
        let now = record(
            2026,
            &[
                ("1.5", Rating::Yellow),
                ("2.1", Rating::Red),
                ("4.1", Rating::Yellow),
                ("3.1", Rating::Green),
            ],
        );
        let report = report("Xã", &now, Some(&before), Language::En);
        assert_eq!((report.totals.red, report.totals.yellow, report.totals.green), (1, 2, 1));
        assert_eq!(report.quadrants[0].counts.yellow, 1);
        let order: Vec<&str> = report.priorities.iter().map(|p| p.indicator.as_str()).collect();
        assert_eq!(order, ["2.1", "1.5", "4.1"], "red first");
        assert_eq!(report.priorities[0].target, indicator("2.1").unwrap().scale.green.en);
        assert_eq!((report.improved, report.worsened), (1, 1));
        assert_eq!(Path::new("records/diagnostics/CD-2026.md"), path_of(2026));
    }
}
