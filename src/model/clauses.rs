//! The ISO 9001:2015 clause catalogue, embedded in the binary. `check`, the
//! handbook's clause matrix and the audits all read this one table.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::config::Language;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DocumentedInformation {
    /// A document the organisation must maintain.
    Maintain,
    /// A record the organisation must retain.
    Retain,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Clause {
    pub number: String,
    pub vi: String,
    pub en: String,
    #[serde(default)]
    pub documented: Vec<DocumentedInformation>,
}

impl Clause {
    pub fn title(&self, lang: Language) -> &str {
        lang.pick(&self.vi, &self.en)
    }
}

const CATALOGUE: &str = include_str!("iso9001_2015.yaml");

pub fn all() -> &'static [Clause] {
    static CLAUSES: OnceLock<Vec<Clause>> = OnceLock::new();
    CLAUSES.get_or_init(|| {
        super::yaml::parse_typed(CATALOGUE).unwrap_or_else(|problem| {
            // The catalogue is part of the binary; a unit test parses it.
            unreachable!("embedded clause catalogue is invalid: {}", problem.message)
        })
    })
}

pub fn find(number: &str) -> Option<&'static Clause> {
    all().iter().find(|c| c.number == number)
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
    fn numbers_are_unique() {
        let mut numbers: Vec<_> = all().iter().map(|c| c.number.as_str()).collect();
        numbers.sort();
        let n = numbers.len();
        numbers.dedup();
        assert_eq!(n, numbers.len());
    }
}
