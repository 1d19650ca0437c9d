//! Where a record stands in its sign-offs: a name shared by the rules that
//! judge the next step and the problems they report.

use serde::{Deserialize, Serialize};

use crate::model::config::Language;

/// Where a nonconformity (or an audit report: open or closed) stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    Open,
    Planned,
    ActionsDone,
    Verified,
    Closed,
}

impl Stage {
    pub fn label(self, lang: Language) -> &'static str {
        match self {
            Stage::Open => lang.pick("mới mở", "open"),
            Stage::Planned => lang.pick("đã duyệt kế hoạch", "planned"),
            Stage::ActionsDone => lang.pick("đã thực hiện xong", "actions done"),
            Stage::Verified => lang.pick("đã kiểm tra hiệu lực", "verified"),
            Stage::Closed => lang.pick("đã đóng", "closed"),
        }
    }
}
