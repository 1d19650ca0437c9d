//! The annual internal audit programme: every unit audited, every clause
//! covered, no auditor auditing their own unit.

use crate::model::clauses;
use crate::model::record::ProgrammeEntry;

/// A person who may audit, and the unit they belong to.
#[derive(Debug, Clone)]
pub(crate) struct Auditor {
    pub id: String,
    pub unit: Option<String>,
}

/// The clauses audited in every unit: those about how work is done there.
/// The unit that runs the QMS (the ISO secretary's) is audited on all of them.
pub(crate) const OPERATIONAL_CLAUSES: &[&str] = &["7.1", "7.2", "7.3", "7.5", "8.1", "8.2", "8.5", "8.7", "9.1"];

/// Plans the year: each unit gets a month (spread from March to November),
/// up to two auditors from other units (the least loaded first), and its
/// clauses. Returns every reason it cannot, rather than a programme that
/// breaks the rules.
pub(crate) fn plan(units: &[String], system_unit: &str, auditors: &[Auditor]) -> Result<Vec<ProgrammeEntry>, Vec<String>> {
    let mut problems = Vec::new();
    if units.is_empty() {
        problems.push("qms.yaml lists no units".to_string());
    }
    if auditors.is_empty() {
        problems.push(
            "nobody is an internal auditor: in .qms/signers.yaml, mark the auditors' role with `auditor: true` and give it to trained people"
                .to_string(),
        );
    }
    if !units.iter().any(|u| u == system_unit) {
        problems.push(crate::msg!("error-programme-system-unit", unit = system_unit).to_string());
    }
    let system_clauses: Vec<String> = clauses::auditable()
        .filter(|c| c.number.matches('.').count() == 1)
        .map(|c| c.number.clone())
        .collect();
    let mut load: Vec<(usize, &Auditor)> = auditors.iter().map(|a| (0, a)).collect();
    let mut entries = Vec::new();
    for (index, unit) in units.iter().enumerate() {
        load.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)));
        let eligible: Vec<usize> = (0..load.len())
            .filter(|&i| load[i].1.unit.as_deref() != Some(unit))
            .take(2)
            .collect();
        if eligible.is_empty() && !auditors.is_empty() {
            let own: Vec<&str> = auditors.iter().map(|a| a.id.as_str()).collect();
            problems.push(crate::msg!("error-no-eligible-auditor", unit = unit, auditors = own.join(", ")).to_string());
            continue;
        }
        for &i in &eligible {
            load[i].0 += 1;
        }
        let clauses = if unit == system_unit {
            system_clauses.clone()
        } else {
            OPERATIONAL_CLAUSES.iter().map(|c| c.to_string()).collect()
        };
        entries.push(ProgrammeEntry {
            unit: unit.clone(),
            clauses,
            month: (3 + index * 9 / units.len().max(1)) as u8,
            auditors: eligible.iter().map(|&i| load[i].1.id.clone()).collect(),
        });
    }
    if problems.is_empty() { Ok(entries) } else { Err(problems) }
}

/// Clauses the programme leaves out (none for a valid programme).
pub(crate) fn uncovered(entries: &[ProgrammeEntry]) -> Vec<&'static str> {
    clauses::auditable()
        .filter(|c| !entries.iter().any(|e| e.clauses.iter().any(|p| c.is_within(p))))
        .map(|c| c.number.as_str())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn auditor(id: &str, unit: &str) -> Auditor {
        Auditor {
            id: id.into(),
            unit: Some(unit.into()),
        }
    }

    /// Organisations of 1 to 12 units with auditors spread over them in
    /// several ways: every valid one gets a programme that covers every unit
    /// and clause, with nobody auditing their own unit.
    #[test]
    fn generated_organisations_get_programmes_that_keep_the_rules() {
        for units_count in 1..=12usize {
            for auditors_count in 1..=5usize {
                for spread in 1..=3usize {
                    let units: Vec<String> = (0..units_count).map(|i| format!("u{i}")).collect();
                    let mut auditors: Vec<Auditor> = (0..auditors_count)
                        .map(|i| auditor(&format!("a{i}"), &units[(i * spread) % units_count]))
                        .collect();
                    // Someone from outside every unit (a consultant) in some cases.
                    if spread != 3 {
                        auditors.push(Auditor {
                            id: "outsider".into(),
                            unit: None,
                        });
                    }
                    let Ok(entries) = plan(&units, &units[0], &auditors) else {
                        // Only impossible when a unit holds every auditor.
                        assert!(units.iter().any(|u| auditors.iter().all(|a| a.unit.as_deref() == Some(u))));
                        continue;
                    };
                    assert_eq!(entries.len(), units_count);
                    assert!(uncovered(&entries).is_empty());
                    for entry in &entries {
                        assert!(!entry.auditors.is_empty());
                        assert!((1..=12).contains(&entry.month));
                        for id in &entry.auditors {
                            let a = auditors.iter().find(|a| &a.id == id).unwrap();
                            assert_ne!(a.unit.as_deref(), Some(entry.unit.as_str()), "{id} audits their own unit");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn refuses_with_the_reason_when_a_unit_has_no_eligible_auditor() {
        let units = vec!["van-phong".to_string(), "kinh-te".to_string()];
        let problems = plan(&units, "van-phong", &[auditor("a", "van-phong"), auditor("b", "van-phong")]).unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("unit van-phong has no eligible auditor"), "{problems:?}");
        let problems = plan(&units, "van-phong", &[]).unwrap_err();
        assert!(problems[0].contains("auditor: true"), "{problems:?}");
    }
}
