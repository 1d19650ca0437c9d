//! The step table of an administrative-procedure process: the legal time
//! limit divided among receiving, appraising, signing and returning, so that
//! the steps add up to exactly the limit.

use serde::Serialize;

use crate::i18n::{self, Msg};
use crate::model::config::Language;

use crate::model::time_limit::DAY_HOURS;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct Step {
    pub number: usize,
    pub action: String,
    pub responsible: String,
    /// Working hours; `None` when the legal limit is unknown.
    pub hours: Option<f64>,
    pub time: String,
    pub output: String,
}

/// Labels for who does what; the caller supplies unit names.
pub(crate) struct StepRoles<'a> {
    pub one_stop: &'a str,
    pub specialist: &'a str,
    pub leader: &'a str,
}

/// How one-stop practice divides a limit: receiving, passing on and
/// returning take hours whatever the limit (a share, capped), signing a
/// fixed share (capped at two days), and the specialist unit the rest.
/// (share of the limit, cap in working hours) for each step but the
/// specialist's.
const RECEIVE: (f64, f64) = (0.1, 4.0);
const PASS_ON: (f64, f64) = (0.05, 2.0);
const SIGN: (f64, f64) = (0.15, 16.0);
const RETURN: (f64, f64) = (0.1, 4.0);

pub(crate) fn steps(time_limit_days: Option<f64>, roles: &StepRoles<'_>, lang: Language) -> Vec<Step> {
    let hours = time_limit_days.filter(|d| *d > 0.0).map(|d| d * DAY_HOURS);
    let allotted = hours.map(split);
    let texts: [(&'static str, &str, &'static str); 5] = [
        (
            "step-receive-and-check-the-dossier-issue",
            roles.one_stop,
            "step-receipt-and-appointment-slip-dossier-processing",
        ),
        (
            "step-pass-the-dossier-to-the-responsible",
            roles.one_stop,
            "step-dossier-processing-control-sheet",
        ),
        (
            "step-appraise-the-dossier-verify-where-needed",
            roles.specialist,
            "step-draft-result-submission-note",
        ),
        ("step-review-and-sign-the-result", roles.leader, "step-signed-result"),
        ("step-return-the-result-to-the-applicant", roles.one_stop, "step-dossier-register"),
    ];
    texts
        .iter()
        .enumerate()
        .map(|(i, (action, responsible, output))| {
            let hours = allotted.as_ref().map(|a| a[i]);
            Step {
                number: i + 1,
                action: i18n::label(lang, action).to_string(),
                responsible: responsible.to_string(),
                hours,
                time: hours
                    .map(|h| format_hours(h, lang))
                    .unwrap_or_else(|| Msg::new("step-time-unknown").text(lang)),
                output: i18n::label(lang, output).to_string(),
            }
        })
        .collect()
}

/// Splits `total` hours among the five steps in half-hour units, each
/// short step at least half an hour when the limit allows; the appraisal
/// step takes the rest, so the sum is exact.
fn split(total: f64) -> [f64; 5] {
    let units = (total * 2.0).round() as i64;
    let short = |(share, cap): (f64, f64)| -> i64 {
        let wanted = ((units as f64) * share).min(cap * 2.0).floor() as i64;
        if units >= 5 { wanted.max(1) } else { wanted.max(0) }
    };
    let mut out = [short(RECEIVE), short(PASS_ON), 0, short(SIGN), short(RETURN)];
    out[2] = units - out.iter().sum::<i64>();
    out.map(|u| u as f64 / 2.0)
}

/// `4 giờ làm việc`, `2,5 ngày làm việc`, `7 ngày 2 giờ làm việc`: days
/// where a step is a day or longer, the hours left over after them.
pub(crate) fn format_hours(hours: f64, lang: Language) -> String {
    let number = |value: f64| crate::i18n::format::number(value, lang);
    let days = (hours / DAY_HOURS).floor();
    let left = hours - days * DAY_HOURS;
    let message = if hours < DAY_HOURS {
        Msg::new("step-time-hours").arg("hours", number(hours))
    } else if left == 0.0 || left == DAY_HOURS / 2.0 {
        Msg::new("step-time-days").arg("days", number(hours / DAY_HOURS))
    } else {
        Msg::new("step-time-days-hours")
            .arg("days", number(days))
            .arg("hours", number(left))
    };
    message.text(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROLES: StepRoles<'static> = StepRoles {
        one_stop: "Bộ phận Một cửa",
        specialist: "Công chức Tư pháp - Hộ tịch",
        leader: "Chủ tịch UBND",
    };

    #[test]
    fn steps_add_up_to_the_legal_limit() {
        for days in [0.5, 1.0, 3.0, 5.0, 12.0, 15.0, 30.0, 45.0] {
            let total: f64 = steps(Some(days), &ROLES, Language::Vi).iter().map(|s| s.hours.unwrap()).sum();
            assert_eq!(total, days * DAY_HOURS, "{days} days");
        }
    }

    #[test]
    fn receiving_and_returning_take_hours_and_the_specialist_most_of_the_time() {
        let hours = |days: f64| split(days * DAY_HOURS);
        assert_eq!(hours(10.0), [4.0, 2.0, 58.0, 12.0, 4.0]);
        assert_eq!(hours(1.0), [0.5, 0.5, 5.5, 1.0, 0.5]);
        assert_eq!(hours(30.0), [4.0, 2.0, 214.0, 16.0, 4.0]);
        assert_eq!(hours(0.25), [0.0, 0.0, 2.0, 0.0, 0.0]);
    }

    #[test]
    fn unknown_limits_give_no_numbers() {
        let s = steps(None, &ROLES, Language::Vi);
        assert_eq!(s.len(), 5);
        assert!(s.iter().all(|s| s.hours.is_none() && s.time.starts_with("[[")));
    }

    #[test]
    fn hours_read_naturally() {
        assert_eq!(format_hours(4.0, Language::Vi), "4 giờ làm việc");
        assert_eq!(format_hours(20.0, Language::Vi), "2,5 ngày làm việc");
        assert_eq!(format_hours(2.5, Language::En), "2.5 working hours");
        assert_eq!(format_hours(16.0, Language::En), "2 working days");
        assert_eq!(format_hours(58.0, Language::Vi), "7 ngày 2 giờ làm việc");
        assert_eq!(
            crate::model::time_limit::parse_step_time(&format_hours(58.0, Language::Vi)),
            Some(58.0)
        );
    }
}

#[cfg(test)]
mod table_tests {
    use super::*;

    #[test]
    fn a_generated_step_table_adds_up_to_its_limit() {
        let steps = steps(
            Some(15.0),
            &StepRoles {
                one_stop: "A",
                specialist: "B",
                leader: "C",
            },
            Language::Vi,
        );
        let mut table =
            String::from("| Bước | Nội dung công việc | Trách nhiệm | Thời gian | Biểu mẫu / Kết quả |\n|---|---|---|---|---|\n");
        for s in &steps {
            table.push_str(&format!(
                "| B{} | {} | {} | {} | {} |\n",
                s.number, s.action, s.responsible, s.time, s.output
            ));
        }
        let read = crate::model::time_limit::step_table(&table).unwrap();
        assert_eq!(read.hours, Some(15.0 * DAY_HOURS));
    }
}
