//! A process against the legal time limits of the procedures it handles:
//! its step table, in working hours, must fit each limit by the rule of
//! `model::time_limit`. The same function gates `qms approve`, so a process
//! over its limit cannot go in force.

use crate::finding::{Finding, Rule};
use crate::i18n::Msg;
use crate::model::catalog::Catalog;
use crate::model::document::Document;
use crate::model::time_limit::{DAY_HOURS, step_table};
use crate::msg;

pub(crate) fn check(doc: &Document, catalog: &Catalog) -> Vec<Finding> {
    let codes = &doc.front.tthc;
    if codes.is_empty() {
        return Vec::new();
    }
    let path = doc.path.as_path();
    let table = step_table(&doc.body);
    let table_line = table.as_ref().map_or(doc.body_line, |t| doc.body_line + t.line - 1);
    let mut findings = Vec::new();
    let steps = match table.as_ref().and_then(|t| t.hours) {
        Some(hours) => hours,
        None => {
            findings.push(
                Finding::new(Rule::TimeLimitUnknown, path, msg!("check-steps-untimed"))
                    .at(table_line)
                    .hint(msg!("hint-steps-untimed")),
            );
            return findings;
        }
    };
    for code in codes {
        let Some(procedure) = catalog.get(code) else { continue };
        let Some(limit) = procedure.legal_limit() else {
            findings.push(
                Finding::new(Rule::TimeLimitUnknown, path, msg!("check-limit-unknown", code = code))
                    .at(doc.line_of("tthc"))
                    .hint(msg!("hint-limit-unknown")),
            );
            continue;
        };
        let allowed = limit.working_hours();
        if steps > allowed + 1e-6 {
            findings.push(
                Finding::new(
                    Rule::TimeLimitExceeded,
                    path,
                    Msg::new("check-over-limit")
                        .arg("code", code)
                        .num("steps", steps / DAY_HOURS)
                        .msg_arg("limit", limit.message())
                        .num("allowed", allowed / DAY_HOURS),
                )
                .at(table_line)
                .hint(Msg::new("hint-over-limit").num("allowed", allowed / DAY_HOURS)),
            );
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    const CATALOG: &str = "procedures:\n  - code: \"1.009994\"\n    name: Cấp giấy phép xây dựng\n    time_limit_days: 15\n    time_limit_text: 15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ\n  - code: \"2.000720\"\n    name: Đăng ký hộ kinh doanh\n    time_limit_days: 3\n  - code: \"9.999999\"\n    name: Chưa rõ thời hạn\n";

    fn process(code: &str, times: &[&str]) -> Document {
        let mut text = format!(
            "---\nid: QT-01\ntitle: Quy trình\ntype: procedure\nowner: vp\ntthc: [\"{code}\"]\n---\n# Các bước\n\n| Bước | Nội dung | Thời gian |\n|---|---|---|\n"
        );
        for (i, time) in times.iter().enumerate() {
            text.push_str(&format!("| B{} | Việc | {time} |\n", i + 1));
        }
        Document::parse(Path::new("documents/QT-01.md"), &text).into_result().unwrap()
    }

    fn rules(doc: &Document) -> Vec<(Rule, usize)> {
        let catalog = Catalog::parse(Path::new("catalog/tthc.yaml"), CATALOG).unwrap();
        check(doc, &catalog).into_iter().map(|f| (f.rule, f.line.unwrap_or(0))).collect()
    }

    #[test]
    fn fifteen_calendar_days_are_not_fifteen_working_days() {
        // 15 calendar days hold 10 working days for sure.
        assert_eq!(
            rules(&process("1.009994", &["4 giờ làm việc", "9 ngày làm việc", "4 giờ làm việc"])),
            []
        );
        let over = rules(&process("1.009994", &["4 giờ làm việc", "14 ngày làm việc", "4 giờ làm việc"]));
        assert_eq!(over, [(Rule::TimeLimitExceeded, 10)]);
    }

    #[test]
    fn working_day_limits_and_unknowns() {
        assert_eq!(rules(&process("2.000720", &["1 ngày làm việc", "2 ngày làm việc"])), []);
        assert_eq!(
            rules(&process("2.000720", &["1 ngày làm việc", "2,5 ngày làm việc"]))[0].0,
            Rule::TimeLimitExceeded
        );
        assert_eq!(rules(&process("9.999999", &["1 ngày làm việc"]))[0].0, Rule::TimeLimitUnknown);
        assert_eq!(rules(&process("2.000720", &["Theo quy định"]))[0].0, Rule::TimeLimitUnknown);
    }
}
