//! Starter profiles for `qms init`: the organisation, units, people and sample
//! administrative procedures typical of each level of government. The data
//! lives in `templates/profiles/*.yaml`, embedded in the binary.

use anyhow::{Result, anyhow};
use serde::{Deserialize, Serialize};

use crate::model::catalog::Procedure;
use crate::model::config::{Language, Level};
use crate::render::templates::embedded_file;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ProfileName {
    Commune,
    /// District People's Committees ended on 1 July 2025 (two-tier local
    /// government): kept only to carry an old QMS over, under its old name
    /// too.
    #[value(name = "legacy-district", alias = "district")]
    LegacyDistrict,
    Department,
    Ministry,
    Blank,
}

impl ProfileName {
    /// Why this profile should not start a new QMS, when it should not.
    pub(crate) fn notice(self) -> Option<crate::i18n::Msg> {
        (self == ProfileName::LegacyDistrict).then(|| crate::i18n::Msg::new("init-legacy-district"))
    }

    pub(crate) fn file_stem(self) -> &'static str {
        match self {
            ProfileName::Commune => "commune",
            ProfileName::LegacyDistrict => "district",
            ProfileName::Department => "department",
            ProfileName::Ministry => "ministry",
            ProfileName::Blank => "blank",
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Bilingual {
    pub vi: String,
    pub en: String,
}

impl Bilingual {
    pub(crate) fn get(&self, lang: Language) -> &str {
        lang.pick(&self.vi, &self.en)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Profile {
    pub level: Level,
    pub organisation: Bilingual,
    pub superior: Bilingual,
    #[serde(default)]
    pub address: Option<String>,
    pub roles: RoleNames,
    pub units: Vec<ProfileUnit>,
    pub people: Vec<ProfilePerson>,
    pub procedures: Vec<ProfileProcedure>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RoleNames {
    pub head: Bilingual,
    pub deputy: Bilingual,
    pub unit_head: Bilingual,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ProfileUnit {
    pub id: String,
    pub vi: String,
    pub en: String,
    /// The unit that runs the QMS (document control, the ISO secretary).
    #[serde(default)]
    pub office: bool,
    /// The one-stop desk where citizens hand in and collect dossiers.
    #[serde(default)]
    pub one_stop: bool,
    /// Who signs the results of this unit's procedures when the unit
    /// issues them itself (qms.yaml `result_signer`).
    #[serde(default)]
    pub result_signer: Option<Bilingual>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ProfilePerson {
    pub id: String,
    pub name: String,
    pub email: String,
    pub unit: String,
    pub roles: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ProfileProcedure {
    pub code: String,
    pub owner: String,
    pub time_limit_days: f64,
    pub vi: ProcedureText,
    pub en: ProcedureText,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ProcedureText {
    pub name: String,
    pub field: String,
    pub time_limit_text: String,
    pub fee: String,
    pub legal_basis: Vec<String>,
    pub dossier: Vec<String>,
    pub result: String,
}

impl Profile {
    pub(crate) fn load(name: ProfileName) -> Result<Profile> {
        let file = format!("profiles/{}.yaml", name.file_stem());
        let text = embedded_file(&file).ok_or_else(|| anyhow!("the built-in profile {file} is missing"))?;
        crate::model::yaml::parse_typed(text)
            .map_err(|p| anyhow!("the built-in profile {file} is invalid at line {}: {}", p.line, p.message))
    }

    pub(crate) fn procedure(&self, p: &ProfileProcedure, lang: Language) -> Procedure {
        let text = match lang {
            Language::Vi => &p.vi,
            Language::En => &p.en,
        };
        Procedure {
            code: p.code.clone(),
            name: text.name.clone(),
            field: Some(text.field.clone()),
            time_limit_days: Some(p.time_limit_days),
            time_limit_text: Some(text.time_limit_text.clone()),
            fee: Some(text.fee.clone()),
            legal_basis: text.legal_basis.clone(),
            dossier: text.dossier.clone(),
            result: Some(text.result.clone()),
        }
    }

    pub(crate) fn person_with_role(&self, role: &str) -> Option<&ProfilePerson> {
        self.people.iter().find(|p| p.roles.iter().any(|r| r == role))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::ValueEnum;

    #[test]
    fn every_profile_loads_and_is_consistent() {
        for name in ProfileName::value_variants() {
            let profile = Profile::load(*name).unwrap();
            assert!(profile.units.iter().filter(|u| u.office).count() == 1, "{name:?}: one office unit");
            assert!(
                profile.units.iter().filter(|u| u.one_stop).count() == 1,
                "{name:?}: one one-stop unit"
            );
            for role in ["thu-truong", "pho-thu-truong", "thu-ky-iso"] {
                assert!(profile.person_with_role(role).is_some(), "{name:?}: nobody is {role}");
            }
            for p in &profile.procedures {
                assert!(profile.units.iter().any(|u| u.id == p.owner), "{name:?}: {} owner", p.code);
            }
        }
    }
}
