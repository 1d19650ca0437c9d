//! `catalog/tthc.yaml`: the administrative procedures (thủ tục hành chính) the
//! agency handles, each of which needs a process document.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::time_limit::{TimeLimit, Unit};

use super::load_yaml_file;
use crate::finding::Finding;

pub(crate) const CATALOG_FILE: &str = "catalog/tthc.yaml";

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Catalog {
    #[serde(default)]
    pub procedures: Vec<Procedure>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Procedure {
    /// The national code (mã TTHC), e.g. "1.001193"; text, never a number.
    pub code: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The legal time limit in working days (0.5 = half a day); a
    /// `time_limit_text` in calendar days, hours or months says more.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_limit_days: Option<f64>,
    /// The time limit as the legal text states it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_limit_text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fee: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub legal_basis: Vec<String>,
    /// Thành phần hồ sơ: what the citizen hands in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dossier: Vec<String>,
    /// Kết quả: what the citizen receives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<String>,
}

impl Procedure {
    /// The legal limit with its unit. The text decides when it names
    /// calendar days, hours or months ("15 ngày" is not 15 working days);
    /// otherwise `time_limit_days`, else what the text says.
    pub(crate) fn legal_limit(&self) -> Option<TimeLimit> {
        let stated = self.time_limit_text.as_deref().and_then(TimeLimit::parse);
        let days = self
            .time_limit_days
            .filter(|d| d.is_finite() && *d >= 0.0)
            .map(TimeLimit::working_days);
        match stated {
            Some(limit) if limit.unit != Unit::WorkingDays => Some(limit),
            _ => days.or(stated),
        }
    }
}

impl Catalog {
    pub(crate) fn parse(path: &Path, text: &str) -> Result<Catalog, Finding> {
        load_yaml_file(path, text)
    }

    pub(crate) fn get(&self, code: &str) -> Option<&Procedure> {
        self.procedures.iter().find(|p| p.code == code)
    }

    /// The procedures by code, for many lookups at once.
    pub(crate) fn by_code(&self) -> std::collections::HashMap<&str, &Procedure> {
        self.procedures.iter().map(|p| (p.code.as_str(), p)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unquoted_codes_keep_their_digits() {
        let catalog = Catalog::parse(Path::new(CATALOG_FILE), "procedures:\n  - code: 2.000100\n    name: Chứng thực\n").unwrap();
        assert_eq!(catalog.procedures[0].code, "2.000100");
    }

    #[test]
    fn a_missing_name_is_an_error_with_a_line() {
        let err = Catalog::parse(Path::new(CATALOG_FILE), "procedures:\n  - code: \"1.001193\"\n    field: Hộ tịch\n").unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.message.to_string().contains("missing field `name`"), "{}", err.message);
    }

    #[test]
    fn parses_procedures() {
        let catalog = Catalog::parse(
            Path::new(CATALOG_FILE),
            "procedures:\n  - code: \"1.001193\"\n    name: Đăng ký khai sinh\n    field: Hộ tịch\n    time_limit_days: 1\n",
        )
        .unwrap();
        assert_eq!(catalog.get("1.001193").unwrap().time_limit_days, Some(1.0));
    }
}
