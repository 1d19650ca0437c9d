//! The ISO 9001:2015 clause catalogue, embedded in the binary. `check`, the
//! handbook's clause matrix and the audits all read this one table.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::config::Language;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum DocumentedInformation {
    /// A document the organisation must maintain.
    Maintain,
    /// A record the organisation must retain.
    Retain,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Clause {
    pub number: String,
    pub vi: String,
    pub en: String,
    #[serde(default)]
    pub documented: Vec<DocumentedInformation>,
    /// What an internal auditor asks about this clause.
    #[serde(default)]
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Question {
    pub vi: String,
    pub en: String,
}

impl Question {
    pub(crate) fn text(&self, lang: Language) -> &str {
        lang.pick(&self.vi, &self.en)
    }
}

impl Clause {
    pub(crate) fn title(&self, lang: Language) -> &str {
        lang.pick(&self.vi, &self.en)
    }

    /// A chapter heading (4 … 10): its sub-clauses carry the requirements.
    pub(crate) fn is_chapter(&self) -> bool {
        !self.number.contains('.')
    }

    /// Whether this clause is `number` or one of its sub-clauses.
    pub(crate) fn is_within(&self, number: &str) -> bool {
        number_is_within(&self.number, number)
    }
}

const CATALOGUE: &str = include_str!("iso9001_2015.yaml");

pub(crate) fn all() -> &'static [Clause] {
    static CLAUSES: OnceLock<Vec<Clause>> = OnceLock::new();
    CLAUSES.get_or_init(|| {
        super::yaml::parse_typed(CATALOGUE).unwrap_or_else(|problem| {
            // The catalogue is part of the binary; a unit test parses it.
            unreachable!("embedded clause catalogue is invalid: {}", problem.message)
        })
    })
}

pub(crate) fn find(number: &str) -> Option<&'static Clause> {
    all().iter().find(|c| c.number == number)
}

/// The clause `number`, or an error saying where the numbers are listed.
pub(crate) fn require(number: &str) -> anyhow::Result<&'static Clause> {
    find(number).ok_or_else(|| anyhow::anyhow!("{number} is not a clause of ISO 9001:2015; `qms clauses` lists them (4.1 … 10.3)"))
}

/// Whether the clause number `number` is `parent` or one of its sub-clauses
/// (8.5.1 is within 8.5 and 8, not within 8.4).
pub(crate) fn number_is_within(number: &str, parent: &str) -> bool {
    number == parent || number.strip_prefix(parent).is_some_and(|rest| rest.starts_with('.'))
}

/// A clause and all its sub-clauses, in catalogue order.
pub(crate) fn within(number: &str) -> impl Iterator<Item = &'static Clause> + '_ {
    all().iter().filter(move |c| c.is_within(number))
}

/// The clauses an audit covers: every clause but the chapter headings.
pub(crate) fn auditable() -> impl Iterator<Item = &'static Clause> {
    all().iter().filter(|c| !c.is_chapter())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_covers_clauses_4_to_10() {
        let clauses = all();
        assert!(clauses.len() > 80);
        assert_eq!(clauses.first().unwrap().number, "4");
        assert_eq!(clauses.last().unwrap().number, "10.3");
        assert_eq!(find("8.5.1").unwrap().title(Language::Vi), "Kiểm soát sản xuất và cung cấp dịch vụ");
        assert!(find("4.3").unwrap().documented.contains(&DocumentedInformation::Maintain));
        assert!(find("8.9").is_none());
        assert!(find("11").is_none());
    }

    #[test]
    fn every_clause_below_a_chapter_has_two_questions_in_both_languages() {
        for clause in auditable() {
            assert!(
                clause.questions.len() >= 2,
                "{} has {} questions",
                clause.number,
                clause.questions.len()
            );
            for q in &clause.questions {
                assert!(q.vi.ends_with('?') && q.en.ends_with('?'), "{}: {q:?}", clause.number);
                assert_ne!(q.vi, q.en);
            }
        }
        assert!(find("8").unwrap().questions.is_empty());
    }

    #[test]
    fn within_takes_sub_clauses_but_not_lookalikes() {
        let numbers: Vec<_> = within("7.1").map(|c| c.number.as_str()).collect();
        assert_eq!(numbers.first(), Some(&"7.1"));
        assert!(numbers.contains(&"7.1.5.2"));
        assert!(!numbers.contains(&"7.2"));
        assert_eq!(within("10.1").count(), 1);
        assert!(within("1").next().is_none());
    }

    #[test]
    fn numbers_are_unique() {
        let mut numbers: Vec<_> = all().iter().map(|c| c.number.as_str()).collect();
        numbers.sort();
        let n = numbers.len();
        numbers.dedup();
        assert_eq!(n, numbers.len());
    }
}
