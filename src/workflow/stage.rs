//! Where a record stands in its sign-offs: a name shared by the rules that
//! judge the next step and the problems they report.

use serde::{Deserialize, Serialize};

use crate::i18n::Msg;
use crate::model::config::Language;

/// Where a nonconformity (or an audit report: open or closed) stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Stage {
    Open,
    Planned,
    ActionsDone,
    Verified,
    Closed,
}

impl Stage {
    /// The stage's name, as a message of the catalogue.
    pub(crate) fn message(self) -> Msg {
        Msg::new(match self {
            Stage::Open => "stage-open",
            Stage::Planned => "stage-planned",
            Stage::ActionsDone => "stage-actions-done",
            Stage::Verified => "stage-verified",
            Stage::Closed => "stage-closed",
        })
    }

    pub(crate) fn label(self, lang: Language) -> String {
        self.message().text(lang)
    }
}
