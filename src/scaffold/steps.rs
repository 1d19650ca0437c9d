//! The step table of an administrative-procedure process: the legal time
//! limit divided among receiving, appraising, signing and returning, so that
//! the steps add up to exactly the limit.

use serde::Serialize;

use crate::model::config::Language;

/// A working day, in working hours.
const DAY_HOURS: f64 = 8.0;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Step {
    pub number: usize,
    pub action: String,
    pub responsible: String,
    /// Working hours; `None` when the legal limit is unknown.
    pub hours: Option<f64>,
    pub time: String,
    pub output: String,
}

/// Labels for who does what; the caller supplies unit names.
pub struct StepRoles<'a> {
    pub one_stop: &'a str,
    pub specialist: &'a str,
    pub leader: &'a str,
}

/// Shares of the limit for each step (they sum to 1).
const SHARES: [f64; 5] = [0.1, 0.05, 0.6, 0.15, 0.1];

pub fn steps(time_limit_days: Option<f64>, roles: &StepRoles<'_>, lang: Language) -> Vec<Step> {
    let hours = time_limit_days.filter(|d| *d > 0.0).map(|d| d * DAY_HOURS);
    let allotted = hours.map(split);
    let texts: [(&str, &str, &str, &str, &str); 5] = [
        (
            "Tiếp nhận, kiểm tra hồ sơ; lập Giấy tiếp nhận hồ sơ và hẹn trả kết quả; cập nhật vào hệ thống thông tin giải quyết TTHC",
            "Receive and check the dossier; issue the receipt and appointment slip; record it in the procedure information system",
            roles.one_stop,
            "Giấy tiếp nhận hồ sơ và hẹn trả kết quả; Phiếu kiểm soát quá trình giải quyết hồ sơ",
            "Receipt and appointment slip; dossier processing control sheet",
        ),
        (
            "Chuyển hồ sơ đến bộ phận chuyên môn",
            "Pass the dossier to the responsible officer",
            roles.one_stop,
            "Phiếu kiểm soát quá trình giải quyết hồ sơ",
            "Dossier processing control sheet",
        ),
        (
            "Thẩm định hồ sơ, xác minh (nếu cần); dự thảo kết quả giải quyết hoặc văn bản trả lời nêu rõ lý do",
            "Appraise the dossier, verify where needed; draft the result, or a reply giving the reasons for refusal",
            roles.specialist,
            "Dự thảo kết quả; tờ trình",
            "Draft result; submission note",
        ),
        (
            "Xem xét, ký duyệt kết quả giải quyết",
            "Review and sign the result",
            roles.leader,
            "Kết quả giải quyết đã ký",
            "Signed result",
        ),
        (
            "Trả kết quả cho tổ chức, cá nhân; thu phí, lệ phí (nếu có); cập nhật trạng thái hồ sơ",
            "Return the result to the applicant; collect fees where due; close the dossier in the system",
            roles.one_stop,
            "Sổ theo dõi hồ sơ",
            "Dossier register",
        ),
    ];
    texts
        .iter()
        .enumerate()
        .map(|(i, (action_vi, action_en, responsible, output_vi, output_en))| {
            let hours = allotted.as_ref().map(|a| a[i]);
            Step {
                number: i + 1,
                action: lang.pick(action_vi, action_en).to_string(),
                responsible: responsible.to_string(),
                hours,
                time: hours
                    .map(|h| format_hours(h, lang))
                    .unwrap_or_else(|| lang.pick("Theo quy định", "As the law sets").to_string()),
                output: lang.pick(output_vi, output_en).to_string(),
            }
        })
        .collect()
}

/// Splits `total` hours by [`SHARES`] in half-hour units; the appraisal step
/// takes the rounding remainder so the sum is exact.
fn split(total: f64) -> [f64; 5] {
    let units = (total * 2.0).round() as i64;
    let mut out = [0i64; 5];
    for (i, share) in SHARES.iter().enumerate() {
        out[i] = ((units as f64) * share).floor().max(if units >= 5 { 1.0 } else { 0.0 }) as i64;
    }
    let assigned: i64 = out.iter().sum();
    out[2] += units - assigned;
    out.map(|u| u as f64 / 2.0)
}

/// `4 giờ`, `2,5 ngày` — whole days where a step is long.
pub fn format_hours(hours: f64, lang: Language) -> String {
    let (value, unit_vi, unit_en) = if hours >= DAY_HOURS && (hours / DAY_HOURS * 2.0).fract() == 0.0 {
        (hours / DAY_HOURS, "ngày làm việc", "working days")
    } else {
        (hours, "giờ làm việc", "working hours")
    };
    let mut number = if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    };
    if lang == Language::Vi {
        number = number.replace('.', ",");
    }
    format!("{number} {}", lang.pick(unit_vi, unit_en))
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
    fn unknown_limits_give_no_numbers() {
        let s = steps(None, &ROLES, Language::Vi);
        assert_eq!(s.len(), 5);
        assert!(s.iter().all(|s| s.hours.is_none() && s.time == "Theo quy định"));
    }

    #[test]
    fn hours_read_naturally() {
        assert_eq!(format_hours(4.0, Language::Vi), "4 giờ làm việc");
        assert_eq!(format_hours(20.0, Language::Vi), "2,5 ngày làm việc");
        assert_eq!(format_hours(2.5, Language::En), "2.5 working hours");
        assert_eq!(format_hours(16.0, Language::En), "2 working days");
    }
}

/// Reads a step time back: "4 giờ làm việc", "2,5 ngày làm việc",
/// "1 working day". `None` when it gives no number.
pub fn parse_step_time(text: &str) -> Option<f64> {
    let folded = crate::text::fold(text);
    let number: String = folded
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
        .collect();
    let value: f64 = number.trim_end_matches([',', '.']).replace(',', ".").parse().ok()?;
    if folded.contains("gio") || folded.contains("hour") {
        Some(value)
    } else if folded.contains("ngay") || folded.contains("day") {
        Some(value * DAY_HOURS)
    } else {
        None
    }
}

/// The total working days of a process's step table (the Markdown table whose
/// header has "Bước"/"Step" and "Thời gian"/"Time"); `None` when there is no
/// such table or a step gives no time.
pub fn total_step_days(markdown: &str) -> Option<f64> {
    let cells = |line: &str| -> Vec<String> { line.trim().trim_matches('|').split('|').map(|c| c.trim().to_string()).collect() };
    let lines: Vec<&str> = markdown.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if !line.trim_start().starts_with('|') {
            continue;
        }
        let header: Vec<String> = cells(line).iter().map(|c| crate::text::fold(c)).collect();
        let is_steps = header.first().is_some_and(|h| h == "buoc" || h == "step");
        let Some(time_column) = header.iter().position(|h| h == "thoi gian" || h == "time") else {
            continue;
        };
        if !is_steps {
            continue;
        }
        let mut total = 0.0;
        let mut rows = 0;
        for row in lines[i + 2..].iter().take_while(|l| l.trim_start().starts_with('|')) {
            let hours = parse_step_time(cells(row).get(time_column)?)?;
            total += hours;
            rows += 1;
        }
        return (rows > 0).then_some(total / DAY_HOURS);
    }
    None
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
        assert_eq!(total_step_days(&table), Some(15.0));
    }

    #[test]
    fn tables_without_times_give_none() {
        assert_eq!(total_step_days("| Bước | Thời gian |\n|---|---|\n| B1 | Khi phát sinh |\n"), None);
        assert_eq!(total_step_days("| TT | Thời gian |\n|---|---|\n| 1 | 2 ngày |\n"), None);
        assert_eq!(parse_step_time("2,5 ngày làm việc"), Some(20.0));
        assert_eq!(parse_step_time("4 working hours"), Some(4.0));
    }
}
