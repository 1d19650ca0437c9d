//! Dates, times, numbers and reporting periods the way a person of the
//! chosen language writes them. Vietnamese: `22/11/2026`, `09:15
//! 22/11/2026`, `96,2 %`, `1.234`, `Quý III/2026`. English keeps ISO dates
//! and a decimal point. Machine formats (JSON, SARIF, JUnit, trailers) never
//! come through here.

use jiff::Zoned;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use super::Msg;
use crate::model::config::Language;
use crate::model::period::{Part, ReportingPeriod};

/// `22/11/2026`; `2026-11-22` in English.
pub(crate) fn date(date: Date, lang: Language) -> String {
    match lang {
        Language::Vi => format!("{:02}/{:02}/{:04}", date.day(), date.month(), date.year()),
        Language::En => date.to_string(),
    }
}

/// A date as a person types it: `01/12/2026` (day first, as Vietnamese
/// writes it) or ISO `2026-12-01`.
pub(crate) fn parse_date(text: &str) -> Option<Date> {
    let text = text.trim();
    if let Ok(date) = text.parse::<Date>() {
        return Some(date);
    }
    let mut parts = text.split(['/', '.', '-']).map(|p| p.trim().parse::<i16>().ok());
    let (Some(Some(day)), Some(Some(month)), Some(Some(year)), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return None;
    };
    Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

/// `09:15 22/11/2026`; `2026-11-22 09:15` in English.
pub(crate) fn date_time(time: &Zoned, lang: Language) -> String {
    let (day, clock) = (time.date(), time.time());
    match lang {
        Language::Vi => format!("{:02}:{:02} {}", clock.hour(), clock.minute(), date(day, lang)),
        Language::En => format!("{} {:02}:{:02}", date(day, lang), clock.hour(), clock.minute()),
    }
}

/// An RFC 3339 timestamp in `zone` (the repository's), or at the offset it
/// was written with when there is none.
fn zoned(timestamp: &str, zone: Option<&TimeZone>) -> Option<Zoned> {
    let written = crate::clock::parse_timestamp(timestamp).ok()?;
    Some(match zone {
        Some(zone) => written.with_time_zone(zone.clone()),
        None => written,
    })
}

/// The day of an RFC 3339 timestamp (or of a plain date) as people write
/// it; the text itself when it is neither (a hand-written date stays as
/// written).
pub(crate) fn date_of(timestamp: &str, zone: Option<&TimeZone>, lang: Language) -> String {
    match zoned(timestamp, zone) {
        Some(time) => date(time.date(), lang),
        None => match timestamp.get(..10).and_then(|d| d.parse::<Date>().ok()) {
            Some(day) => date(day, lang),
            None => timestamp.to_string(),
        },
    }
}

/// [`date_time`] of an RFC 3339 timestamp; the text itself when it is not one.
pub(crate) fn date_time_of(timestamp: &str, zone: Option<&TimeZone>, lang: Language) -> String {
    match zoned(timestamp, zone) {
        Some(time) => date_time(&time, lang),
        None => timestamp.to_string(),
    }
}

/// A measured value or a score: at most two decimals, trailing zeros
/// dropped, digits grouped by thousands. `1.234,5` in Vietnamese,
/// `1,234.5` in English.
pub(crate) fn number(value: f64, lang: Language) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    let rounded = format!("{:.2}", value.abs());
    let (whole, fraction) = rounded.split_once('.').unwrap_or((&rounded, ""));
    let fraction = fraction.trim_end_matches('0');
    let (group, decimal) = match lang {
        Language::Vi => ('.', ','),
        Language::En => (',', '.'),
    };
    let mut grouped = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(digit);
    }
    let sign = if value < 0.0 && (whole != "0" || !fraction.is_empty()) {
        "-"
    } else {
        ""
    };
    match fraction {
        "" => format!("{sign}{grouped}"),
        fraction => format!("{sign}{grouped}{decimal}{fraction}"),
    }
}

/// `Quý III/2026`, `6 tháng đầu năm 2026`, `Tháng 11/2026`, `Năm 2026`;
/// English keeps the period's own notation (`2026-Q3`). The words are the
/// catalogue's.
pub(crate) fn period(period: ReportingPeriod, lang: Language) -> String {
    let message = match period.part {
        Part::Year => Msg::new("period-year"),
        Part::Half(1) => Msg::new("period-first-half"),
        Part::Half(_) => Msg::new("period-second-half"),
        Part::Quarter(q) => Msg::new("period-quarter")
            .arg("quarter", q)
            .arg("roman", ["I", "II", "III", "IV"][usize::from(q.clamp(1, 4)) - 1]),
        Part::Month(m) => Msg::new("period-month").arg("month", m).arg("month2", format!("{m:02}")),
    };
    message.arg("year", period.year).text(lang)
}

/// [`period`] of a period as written in a record (`2026-Q3`); the text
/// itself when it is not one.
pub(crate) fn period_of(text: &str, lang: Language) -> String {
    ReportingPeriod::parse(text).map_or_else(|| text.to_string(), |p| period(p, lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    use Language::{En, Vi};

    #[test]
    fn dates_and_times_read_the_vietnamese_way() {
        let day = jiff::civil::date(2026, 11, 2);
        assert_eq!(date(day, Vi), "02/11/2026");
        assert_eq!(date(day, En), "2026-11-02");
        let hanoi = TimeZone::fixed(jiff::tz::offset(7));
        let signed = "2026-11-22T02:15:00Z";
        assert_eq!(date_time_of(signed, Some(&hanoi), Vi), "09:15 22/11/2026");
        assert_eq!(date_time_of(signed, Some(&hanoi), En), "2026-11-22 09:15");
        // Without a zone, the time as it was written.
        assert_eq!(date_time_of("2026-11-22T09:15:00+07:00", None, Vi), "09:15 22/11/2026");
        // Late on the 22nd in UTC is the 23rd in Hanoi.
        assert_eq!(date_of("2026-11-22T20:00:00+00:00", Some(&hanoi), Vi), "23/11/2026");
        assert_eq!(date_of("2026-11-22", Some(&hanoi), Vi), "22/11/2026");
        assert_eq!(date_of("không rõ", Some(&hanoi), Vi), "không rõ");
    }

    #[test]
    fn numbers_use_a_decimal_comma_and_a_thousands_dot() {
        assert_eq!(number(96.2, Vi), "96,2");
        assert_eq!(number(1234.0, Vi), "1.234");
        assert_eq!(number(1234567.891, Vi), "1.234.567,89");
        assert_eq!(number(1234567.891, En), "1,234,567.89");
        assert_eq!(number(65.0, Vi), "65");
        assert_eq!(number(-0.5, Vi), "-0,5");
        assert_eq!(number(-0.001, Vi), "0");
        assert_eq!(number(f64::NAN, Vi), "NaN");
    }

    #[test]
    fn periods_are_named_as_reports_name_them() {
        let p = |text| period_of(text, Vi);
        assert_eq!(p("2026-Q3"), "Quý III/2026");
        assert_eq!(p("2026-H1"), "6 tháng đầu năm 2026");
        assert_eq!(p("2026-H2"), "6 tháng cuối năm 2026");
        assert_eq!(p("2026-11"), "Tháng 11/2026");
        assert_eq!(p("2026"), "Năm 2026");
        assert_eq!(period_of("2026-Q3", En), "2026-Q3");
        assert_eq!(p("sai"), "sai");
    }
}
