//! Quality objectives (ISO 9001:2015 6.2, 9.1.3): the measurable objectives an
//! MTCL document states, the measurements recorded against them
//! (`records/objectives/YYYY/MTCL-ID.md`, one record per document and year),
//! and where each objective stands against its target.

use std::path::PathBuf;

use anyhow::{Result, bail};
use jiff::civil::Date;
use serde::Serialize;

use crate::i18n;
use crate::i18n::format;
use crate::model::config::Language;
use crate::model::document::{Document, OBJECTIVES_TYPE};
use crate::model::objective::Objective;
use crate::model::objective::format_number;
use crate::model::period::ReportingPeriod;
use crate::model::record::{KindFields, Measurement, ObjectiveMeasurements, Record, RecordFront, RecordKind};
use crate::msg;
use crate::repo::{CommitId, DocRepo};
use crate::workflow::actions::{ContentChange, acting_person, commit_content};
use crate::workspace::{RECORDS_DIR, Workspace};

pub(crate) const FOLDER: &str = "objectives";

/// `KQ-MTCL-01-2027`: the results (kết quả) of one objectives document in one year.
pub(crate) fn measurements_id(document: &str, year: i16) -> String {
    format!("KQ-{document}-{year}")
}

pub(crate) fn path_of(document: &str, year: i16) -> PathBuf {
    PathBuf::from(RECORDS_DIR)
        .join(FOLDER)
        .join(year.to_string())
        .join(format!("{document}.md"))
}

/// A new measurements record for `document` in `year`.
pub(crate) fn new_record(document: &Document, year: i16, author: &str, lang: Language) -> RecordFront {
    let title = format!("{} {year}: {}", i18n::label(lang, "label-measured-objectives"), document.title());
    let fields = ObjectiveMeasurements {
        year,
        objectives_of: document.id().to_string(),
        measurements: Vec::new(),
    };
    let mut front = RecordFront::new(
        &measurements_id(document.id(), year),
        &title,
        &document.front.owner,
        KindFields::ObjectiveMeasurements(fields),
    );
    front.author = Some(author.to_string());
    front
}

pub(crate) fn body(lang: Language) -> String {
    i18n::text(lang, "record-objectives-body") + "\n"
}

/// Adds `measurement` to `front`; a second value for the same objective and
/// period replaces the first only when `replace` says so.
pub(crate) fn add_measurement(front: &mut RecordFront, measurement: Measurement, replace: bool) -> Result<()> {
    let same = |m: &Measurement| m.objective == measurement.objective && m.period == measurement.period;
    let id = front.id.clone();
    let measurements = &mut front.fields_of_mut::<ObjectiveMeasurements>()?.measurements;
    match measurements.iter().position(same) {
        Some(i) if replace => measurements[i] = measurement,
        Some(i) => bail!(
            crate::i18n::Msg::new("error-measurement-exists")
                .arg("id", &id)
                .num("value", measurements[i].value)
                .arg("objective", measurement.objective)
                .arg("period", &measurement.period)
        ),
        None => measurements.push(measurement),
    }
    measurements.sort_by(|a, b| {
        a.objective
            .cmp(&b.objective)
            .then_with(|| ReportingPeriod::parse(&a.period).cmp(&ReportingPeriod::parse(&b.period)))
    });
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Standing {
    Met,
    NotMet,
    NoData,
}

impl Standing {
    pub(crate) fn label(self, lang: Language) -> &'static str {
        match self {
            Standing::Met => i18n::label(lang, "label-met"),
            Standing::NotMet => i18n::label(lang, "label-not-met"),
            Standing::NoData => i18n::label(lang, "label-no-data"),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct MeasuredValue {
    pub period: String,
    pub value: f64,
    pub met: bool,
    pub record: String,
}

/// Where one objective stands in one period: judged on its latest measurement.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ObjectiveStatus {
    pub document: String,
    pub number: u32,
    #[serde(flatten)]
    pub objective: Objective,
    pub target_text: String,
    /// How many measurements the frequency asks for in the period, counting
    /// only the measuring periods that have ended.
    pub expected: u32,
    pub measurements: Vec<MeasuredValue>,
    pub status: Standing,
}

impl ObjectiveStatus {
    pub(crate) fn latest(&self) -> Option<&MeasuredValue> {
        self.measurements.last()
    }

    /// The latest value as people of `lang` read it: `96,2 % (Quý III/2026)`.
    pub(crate) fn latest_in(&self, lang: Language) -> Option<String> {
        self.latest().map(|m| {
            format!(
                "{} {} ({})",
                format::number(m.value, lang),
                self.objective.unit,
                format::period_of(&m.period, lang)
            )
        })
    }
}

/// Every objective of the objectives documents, with the measurements of
/// `period` and how many of them should exist by `as_of`.
pub(crate) fn status(documents: &[Document], records: &[Record], period: ReportingPeriod, as_of: Date) -> Vec<ObjectiveStatus> {
    let mut out = Vec::new();
    for document in documents.iter().filter(|d| d.front.doc_type == OBJECTIVES_TYPE) {
        for (i, objective) in document.front.objectives.iter().enumerate() {
            let number = i as u32 + 1;
            let mut measured: Vec<(ReportingPeriod, MeasuredValue)> = records
                .iter()
                .filter_map(|r| r.front.get::<ObjectiveMeasurements>().map(|fields| (r, fields)))
                .filter(|(_, fields)| fields.objectives_of == document.id())
                .flat_map(|(r, fields)| fields.measurements.iter().map(move |m| (r, m)))
                .filter(|(_, m)| m.objective == number)
                .filter_map(|(r, m)| {
                    let when = ReportingPeriod::parse(&m.period).filter(|p| period.covers(*p))?;
                    Some((
                        when,
                        MeasuredValue {
                            period: m.period.clone(),
                            value: m.value,
                            met: objective.is_met_by(m.value),
                            record: r.id().to_string(),
                        },
                    ))
                })
                .collect();
            measured.sort_by_key(|(when, _)| (when.last_day(), when.first_day()));
            let measurements: Vec<MeasuredValue> = measured.into_iter().map(|(_, m)| m).collect();
            let status = match measurements.last() {
                None => Standing::NoData,
                Some(m) if m.met => Standing::Met,
                Some(_) => Standing::NotMet,
            };
            let expected = objective.frequency.expected_in(period, as_of);
            out.push(ObjectiveStatus {
                document: document.id().to_string(),
                number,
                objective: objective.clone(),
                target_text: objective.target_text(),
                expected,
                measurements,
                status,
            });
        }
    }
    out
}

/// What `qms objectives record` measures: one objective of an MTCL
/// document (1-based), in a period.
pub(crate) struct NewMeasurement {
    pub document: String,
    pub objective: u32,
    pub period: ReportingPeriod,
    pub value: f64,
    pub note: Option<String>,
    /// Replace a value already recorded for the period.
    pub replace: bool,
}

/// A measurement committed into the year's record, and where it stands.
#[derive(Debug)]
pub(crate) struct Recorded {
    pub commit: CommitId,
    pub id: String,
    pub path: PathBuf,
    pub objective: Objective,
    pub standing: Standing,
}

/// Adds a measurement to the year's record of the document's objectives
/// (created on first use), checks the objective exists, and commits the
/// record by itself.
pub(crate) fn record_measurement(workspace: &Workspace, new: NewMeasurement, lang: Language) -> Result<Recorded> {
    let repo = DocRepo::open(&workspace.root)?;
    let person = acting_person(workspace)?;
    let period = new.period;
    if !new.value.is_finite() {
        bail!(msg!("error-value-number"));
    }
    let documents = workspace.load_documents();
    let document = documents.by_id(&new.document)?;
    if document.front.doc_type != OBJECTIVES_TYPE {
        bail!(msg!(
            "error-not-objectives",
            id = document.id(),
            doc_type = &document.front.doc_type
        ));
    }
    let count = document.front.objectives.len();
    if count == 0 {
        bail!(msg!("error-no-objectives", id = document.id()));
    }
    if new.objective == 0 || new.objective as usize > count {
        bail!(msg!(
            "error-objective-number",
            id = document.id(),
            count = count,
            objective = new.objective
        ));
    }

    let records = workspace.load_records();
    let id = measurements_id(document.id(), period.year);
    let (path, mut front, body) = match records.by_id_of_kind(&id, RecordKind::ObjectiveMeasurements) {
        Ok(existing) => (existing.path.clone(), existing.front.clone(), existing.body.clone()),
        Err(_) if records.by_id(&id).is_ok() => bail!(msg!("error-not-measurements", id = id)),
        Err(_) => (
            path_of(document.id(), period.year),
            new_record(document, period.year, &person.id, lang),
            body(lang),
        ),
    };
    let measurement = Measurement {
        objective: new.objective,
        period: period.to_string(),
        value: new.value,
        recorded_by: Some(person.id.clone()),
        note: new.note.map(|n| n.trim().to_string()).filter(|n| !n.is_empty()),
    };
    add_measurement(&mut front, measurement, new.replace)?;
    let objective = &document.front.objectives[new.objective as usize - 1];
    let text = front.to_file(&body)?;
    let commit = commit_content(
        &repo,
        &person,
        ContentChange {
            files: vec![(path.clone(), text.into_bytes())],
            message: format!(
                "qms: measure {} objective {} ({period}): {} {}",
                document.id(),
                new.objective,
                format_number(new.value),
                objective.unit
            ),
        },
        &workspace.now()?,
    )?;
    let standing = if objective.is_met_by(new.value) {
        Standing::Met
    } else {
        Standing::NotMet
    };
    Ok(Recorded {
        commit,
        id,
        path,
        objective: objective.clone(),
        standing,
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    const MTCL: &str = "---\nid: MTCL-01\ntitle: Mục tiêu\ntype: objectives\nowner: van-phong\nobjectives:\n  - {objective: Đúng hạn, indicator: Tỷ lệ đúng hạn, target: 98, unit: \"%\", frequency: quarterly}\n  - {objective: Không sai sót, indicator: Số hồ sơ sai, target: 0, direction: at-most, unit: hồ sơ, frequency: monthly}\n  - {objective: Hài lòng, indicator: Tỷ lệ hài lòng, target: 95, unit: \"%\", frequency: yearly}\n---\nbody\n";

    fn measurement(objective: u32, period: &str, value: f64) -> Measurement {
        Measurement {
            objective,
            period: period.into(),
            value,
            recorded_by: None,
            note: None,
        }
    }

    fn fixture() -> (Vec<Document>, Vec<Record>) {
        let doc = Document::parse(Path::new("documents/MTCL-01.md"), MTCL).into_result().unwrap();
        let mut front = new_record(&doc, 2027, "pham-thi-dung", Language::Vi);
        for m in [
            measurement(1, "2027-Q2", 97.0),
            measurement(1, "2027-Q1", 99.0),
            measurement(2, "2027-01", 0.0),
            measurement(2, "2026-12", 3.0),
        ] {
            add_measurement(&mut front, m, false).unwrap();
        }
        let text = front.to_file(&body(Language::Vi)).unwrap();
        let record = Record::parse(&path_of("MTCL-01", 2027), &text).unwrap();
        (vec![doc], vec![record])
    }

    #[test]
    fn the_latest_measurement_of_the_period_decides() {
        let (docs, records) = fixture();
        let after: Date = "2028-01-15".parse().unwrap();
        let year = status(&docs, &records, ReportingPeriod::year(2027), after);
        let standing: Vec<_> = year
            .iter()
            .map(|s| (s.number, s.status, s.measurements.len(), s.expected))
            .collect();
        assert_eq!(
            standing,
            [(1, Standing::NotMet, 2, 4), (2, Standing::Met, 1, 12), (3, Standing::NoData, 0, 1)]
        );
        assert_eq!(year[0].latest().unwrap().period, "2027-Q2");

        let q1 = status(&docs, &records, ReportingPeriod::parse("2027-Q1").unwrap(), after);
        assert_eq!(q1[0].status, Standing::Met);
        assert_eq!((q1[0].expected, q1[1].expected, q1[2].expected), (1, 3, 0));
        let in_may = status(&docs, &records, ReportingPeriod::year(2027), "2027-05-10".parse().unwrap());
        assert_eq!((in_may[0].expected, in_may[1].expected), (1, 4));
    }

    #[test]
    fn a_second_value_for_a_period_needs_replace() {
        let (_, records) = fixture();
        let mut front = records[0].front.clone();
        let err = add_measurement(&mut front, measurement(1, "2027-Q1", 98.5), false).unwrap_err();
        assert!(err.to_string().contains("--replace"), "{err}");
        add_measurement(&mut front, measurement(1, "2027-Q1", 98.5), true).unwrap();
        let measurements = &front.get::<ObjectiveMeasurements>().unwrap().measurements;
        assert_eq!(measurements.iter().filter(|m| m.objective == 1).count(), 2);
        assert_eq!(measurements[0].value, 98.5);
    }
}
