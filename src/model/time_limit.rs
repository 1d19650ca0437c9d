//! Legal time limits of administrative procedures as the law states them —
//! "03 ngày làm việc", "15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ", "Trong
//! ngày", "04 giờ làm việc" — with their unit, and the working time they
//! leave a process.
//!
//! The conversion rule (docs/checks.md, "Time limits"): a limit in days
//! without "làm việc" is in calendar days (Civil Code, Art. 147); N calendar
//! days are counted as the working days any N consecutive days are sure to
//! hold — 5 per full week, and of the remaining days all but two (a weekend
//! may fall in them). Public holidays are not subtracted; a process that
//! fits this count fits the law in every week without a holiday. A working
//! day is 8 working hours; "trong ngày" is one working day; a month is 28
//! calendar days, the shortest.

use crate::i18n::Msg;

/// Working hours in a working day.
pub(crate) const DAY_HOURS: f64 = 8.0;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Unit {
    WorkingDays,
    CalendarDays,
    WorkingHours,
    Months,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct TimeLimit {
    pub amount: f64,
    pub unit: Unit,
}

impl TimeLimit {
    pub(crate) fn working_days(amount: f64) -> TimeLimit {
        TimeLimit {
            amount,
            unit: Unit::WorkingDays,
        }
    }

    /// A limit written the way the national portal and legal texts write
    /// it; `None` when the text gives no amount ("Theo quy định").
    ///
    /// Only the general case counts: the first clause, before a `;` that
    /// opens an exception ("…; trường hợp cần xác minh thì không quá 05 ngày
    /// làm việc"); a same-day phrase before any number ("Ngay trong ngày
    /// tiếp nhận; … sau 15 giờ …") is one working day.
    pub(crate) fn parse(text: &str) -> Option<TimeLimit> {
        let folded = crate::text::fold(text);
        let folded = folded.split(';').next().unwrap_or_default();
        let first_digit = folded.find(|c: char| c.is_ascii_digit()).unwrap_or(folded.len());
        let same_day = [
            "trong ngay",
            "ngay sau khi",
            "ngay khi",
            "same day",
            "same working day",
            "on receipt",
        ]
        .iter()
        .any(|phrase| folded[..first_digit].contains(phrase));
        if same_day {
            return Some(TimeLimit::working_days(1.0));
        }
        let amount = leading_number(&folded[first_digit..]).0.filter(|a| a.is_finite() && *a >= 0.0)?;
        // The unit is the first one named after the number.
        let after = &folded[first_digit..];
        let unit = [
            ("ngay lam viec", Unit::WorkingDays),
            ("working day", Unit::WorkingDays),
            ("gio", Unit::WorkingHours),
            ("hour", Unit::WorkingHours),
            ("thang", Unit::Months),
            ("month", Unit::Months),
            ("ngay", Unit::CalendarDays),
            ("day", Unit::CalendarDays),
        ]
        .iter()
        .filter_map(|(word, unit)| after.find(word).map(|at| (at, *unit)))
        .min_by_key(|(at, _)| *at)
        .map(|(_, unit)| unit)?;
        Some(TimeLimit { amount, unit })
    }

    /// The working hours the limit leaves, by the rule above.
    pub(crate) fn working_hours(self) -> f64 {
        match self.unit {
            Unit::WorkingDays => self.amount * DAY_HOURS,
            Unit::WorkingHours => self.amount,
            Unit::CalendarDays => sure_working_days(self.amount) * DAY_HOURS,
            Unit::Months => sure_working_days(self.amount * 28.0) * DAY_HOURS,
        }
    }
}

/// The number `text` starts with, written with either decimal sign (`2,5`,
/// `2.5`), and the bytes its digits take; `None` when they make no number.
fn leading_number(text: &str) -> (Option<f64>, usize) {
    let len = text
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(text.len());
    let value = text[..len].trim_end_matches([',', '.']).replace(',', ".").parse::<f64>().ok();
    (value, len)
}

/// The working days any `days` consecutive calendar days hold for sure.
fn sure_working_days(days: f64) -> f64 {
    let whole = days.floor();
    let weeks = (whole / 7.0).floor();
    let rest = whole - weeks * 7.0;
    weeks * 5.0 + (rest - 2.0).max(0.0) + (days - whole)
}

impl TimeLimit {
    /// The limit in words, as a message of the catalogue.
    pub(crate) fn message(self) -> Msg {
        let id = match self.unit {
            Unit::WorkingDays => "time-limit-working-days",
            Unit::CalendarDays => "time-limit-calendar-days",
            Unit::WorkingHours => "time-limit-working-hours",
            Unit::Months => "time-limit-months",
        };
        Msg::new(id).num("amount", self.amount)
    }
}

/// Reads a step time back, in working hours: "4 giờ làm việc", "2,5 ngày
/// làm việc", "7 ngày 2 giờ làm việc", "1 working day". `None` when it gives
/// no amount with a unit.
pub(crate) fn parse_step_time(text: &str) -> Option<f64> {
    let folded = crate::text::fold(text);
    let mut total = None;
    let mut rest = folded.as_str();
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        let (value, len) = leading_number(&rest[start..]);
        rest = &rest[start + len..];
        let Some(value) = value else { continue };
        let word = rest.trim_start();
        let word = word.strip_prefix("working ").unwrap_or(word);
        let hours = if word.starts_with("gio") || word.starts_with("hour") {
            value
        } else if word.starts_with("ngay") || word.starts_with("day") {
            value * DAY_HOURS
        } else {
            continue;
        };
        total = Some(total.unwrap_or(0.0) + hours);
    }
    total
}

/// A process's step table: the Markdown table whose header has "Bước" /
/// "Step" first and a "Thời gian" / "Time" column.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct StepTable {
    /// The header's line, 1-based within the text read.
    pub line: usize,
    pub steps: usize,
    /// The steps' working hours added up; `None` when a step gives no time.
    pub hours: Option<f64>,
}

/// Whether `line` is a table row whose first cell is "Bước" / "Step"; only
/// that cell is folded, so the other tables of a document cost little.
pub(crate) fn is_step_header(line: &str) -> bool {
    let line = line.trim_start();
    let Some(rest) = line.strip_prefix('|') else { return false };
    let first = rest.split('|').next().unwrap_or_default().trim();
    first.len() <= "bước".len() && matches!(crate::text::fold(first).as_str(), "buoc" | "step")
}

/// The trimmed cells of a Markdown table row.
pub(crate) fn table_cells(line: &str) -> Vec<String> {
    line.trim().trim_matches('|').split('|').map(|c| c.trim().to_string()).collect()
}

/// The body rows of the table whose header is `lines[header]` (the row
/// after it is the separator), with their 0-based line.
pub(crate) fn table_rows<'l, 'a>(lines: &'l [&'a str], header: usize) -> impl Iterator<Item = (usize, &'a str)> + 'l {
    lines
        .iter()
        .enumerate()
        .skip(header + 2)
        .take_while(|(_, l)| l.trim_start().starts_with('|'))
        .map(|(i, l)| (i, *l))
}

pub(crate) fn step_table(markdown: &str) -> Option<StepTable> {
    let lines: Vec<&str> = markdown.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if !is_step_header(line) {
            continue;
        }
        let header: Vec<String> = table_cells(line).iter().map(|c| crate::text::fold(c)).collect();
        let Some(time_column) = header.iter().position(|h| h == "thoi gian" || h == "time") else {
            continue;
        };
        let rows: Vec<Option<f64>> = table_rows(&lines, i)
            .map(|(_, row)| table_cells(row).get(time_column).and_then(|cell| parse_step_time(cell)))
            .collect();
        return Some(StepTable {
            line: i + 1,
            steps: rows.len(),
            hours: rows.iter().copied().sum::<Option<f64>>().filter(|_| !rows.is_empty()),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Option<(f64, Unit)> {
        TimeLimit::parse(text).map(|l| (l.amount, l.unit))
    }

    #[test]
    fn limits_are_read_with_their_unit() {
        assert_eq!(parsed("03 ngày làm việc"), Some((3.0, Unit::WorkingDays)));
        assert_eq!(parsed("15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ"), Some((15.0, Unit::CalendarDays)));
        assert_eq!(parsed("05 ngày làm việc kể từ ngày nhận đủ hồ sơ"), Some((5.0, Unit::WorkingDays)));
        assert_eq!(parsed("04 giờ làm việc"), Some((4.0, Unit::WorkingHours)));
        assert_eq!(parsed("Trong ngày"), Some((1.0, Unit::WorkingDays)));
        assert_eq!(parsed("Ngay trong ngày tiếp nhận hồ sơ"), Some((1.0, Unit::WorkingDays)));
        assert_eq!(
            parsed("Ngay trong ngày tiếp nhận hồ sơ; trường hợp nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo"),
            Some((1.0, Unit::WorkingDays))
        );
        assert_eq!(
            parsed("10 ngày làm việc; trường hợp phải xác minh thì không quá 15 ngày làm việc"),
            Some((10.0, Unit::WorkingDays))
        );
        assert_eq!(parsed("02 tháng"), Some((2.0, Unit::Months)));
        assert_eq!(parsed("1,5 ngày làm việc"), Some((1.5, Unit::WorkingDays)));
        assert_eq!(parsed("Theo quy định"), None);
        assert_eq!(parsed(""), None);
        assert_eq!(parsed("12 người"), None);
    }

    #[test]
    fn calendar_days_count_the_working_days_they_are_sure_to_hold() {
        let days = |text| TimeLimit::parse(text).unwrap().working_hours() / DAY_HOURS;
        assert_eq!(days("15 ngày"), 10.0);
        assert_eq!(days("7 ngày"), 5.0);
        assert_eq!(days("10 ngày"), 6.0);
        assert_eq!(days("2 ngày"), 0.0);
        assert_eq!(days("30 ngày"), 20.0);
        assert_eq!(days("1 tháng"), 20.0);
        assert_eq!(days("15 ngày làm việc"), 15.0);
        assert_eq!(TimeLimit::parse("04 giờ làm việc").unwrap().working_hours(), 4.0);
    }

    #[test]
    fn a_step_table_is_read_in_working_hours() {
        let text = "Giới thiệu\n\n| Bước | Nội dung | Thời gian |\n|---|---|---|\n| B1 | Tiếp nhận | 4 giờ làm việc |\n| B2 | Thẩm định | 2,5 ngày làm việc |\n";
        assert_eq!(
            step_table(text),
            Some(StepTable {
                line: 3,
                steps: 2,
                hours: Some(24.0)
            })
        );
        let unknown = step_table("| Bước | Thời gian |\n|---|---|\n| B1 | Khi phát sinh |\n").unwrap();
        assert_eq!(unknown.hours, None);
        assert_eq!(step_table("| TT | Thời gian |\n|---|---|\n| 1 | 2 ngày |\n"), None);
        assert_eq!(step_table("| Bước | Thời gian |\n|---|---|\n").unwrap().hours, None);
        assert_eq!(parse_step_time("4 working hours"), Some(4.0));
        assert_eq!(parse_step_time("7 ngày 2 giờ làm việc"), Some(58.0));
        assert_eq!(parse_step_time("1 working day"), Some(8.0));
        assert_eq!(parse_step_time("Khi phát sinh"), None);
    }
}
