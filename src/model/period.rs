//! Reporting periods — a year, a half-year, a quarter or a month — as
//! measurements and management reviews name them: `2027`, `2027-H1`,
//! `2027-Q3`, `2027-11`.

use std::fmt;

use jiff::civil::Date;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct ReportingPeriod {
    pub year: i16,
    pub part: Part,
}

/// The part of the year; the order makes a year sort before its parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Part {
    Year,
    Half(u8),
    Quarter(u8),
    Month(u8),
}

/// How to write a period, for hints.
/// How to write a period, for a finding's or an error's hint.
pub(crate) fn period_hint() -> crate::i18n::Msg {
    crate::i18n::Msg::new("hint-period")
}

impl ReportingPeriod {
    pub(crate) fn parse(text: &str) -> Option<ReportingPeriod> {
        let text = text.trim();
        let (year, rest) = match text.split_once('-') {
            Some((y, rest)) => (y, Some(rest)),
            None => (text, None),
        };
        if year.len() != 4 {
            return None;
        }
        let year: i16 = year.parse().ok().filter(|y| (1900..=2999).contains(y))?;
        let number = |digits: &str, max: u8| digits.parse::<u8>().ok().filter(|n| (1..=max).contains(n));
        let part = match rest {
            None => Part::Year,
            Some(h) if h.starts_with('H') => Part::Half(number(&h[1..], 2)?),
            Some(q) if q.starts_with('Q') => Part::Quarter(number(&q[1..], 4)?),
            Some(m) if m.len() == 2 => Part::Month(number(m, 12)?),
            Some(_) => return None,
        };
        Some(ReportingPeriod { year, part })
    }

    pub(crate) fn year(year: i16) -> ReportingPeriod {
        ReportingPeriod { year, part: Part::Year }
    }

    /// First and last month (1-based) the period covers.
    fn months(self) -> (i8, i8) {
        match self.part {
            Part::Year => (1, 12),
            Part::Half(h) => (6 * h as i8 - 5, 6 * h as i8),
            Part::Quarter(q) => (3 * q as i8 - 2, 3 * q as i8),
            Part::Month(m) => (m as i8, m as i8),
        }
    }

    pub(crate) fn first_day(self) -> Date {
        Date::new(self.year, self.months().0, 1).expect("months are 1 to 12")
    }

    pub(crate) fn last_day(self) -> Date {
        let first = Date::new(self.year, self.months().1, 1).expect("months are 1 to 12");
        first.last_of_month()
    }

    pub(crate) fn contains(self, date: Date) -> bool {
        (self.first_day()..=self.last_day()).contains(&date)
    }

    /// Whether `other` lies entirely within this period.
    pub(crate) fn covers(self, other: ReportingPeriod) -> bool {
        self.first_day() <= other.first_day() && other.last_day() <= self.last_day()
    }
}

impl fmt::Display for ReportingPeriod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.part {
            Part::Year => write!(f, "{}", self.year),
            Part::Half(h) => write!(f, "{}-H{h}", self.year),
            Part::Quarter(q) => write!(f, "{}-Q{q}", self.year),
            Part::Month(m) => write!(f, "{}-{m:02}", self.year),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn period(text: &str) -> Option<ReportingPeriod> {
        ReportingPeriod::parse(text)
    }

    #[test]
    fn parses_and_writes_back() {
        for text in ["2027", "2027-H2", "2027-Q3", "2027-11", "2027-01"] {
            assert_eq!(period(text).unwrap().to_string(), text);
        }
        for bad in ["2027-Q5", "2027-13", "2027-H3", "27", "2027-1", "2027-Q", "20270", "x"] {
            assert_eq!(period(bad), None, "{bad}");
        }
    }

    #[test]
    fn bounds_and_containment() {
        let q2 = period("2027-Q2").unwrap();
        assert_eq!(q2.first_day(), Date::new(2027, 4, 1).unwrap());
        assert_eq!(q2.last_day(), Date::new(2027, 6, 30).unwrap());
        assert_eq!(period("2028-02").unwrap().last_day(), Date::new(2028, 2, 29).unwrap());
        let year = ReportingPeriod::year(2027);
        assert!(year.covers(q2) && !q2.covers(year));
        assert!(period("2027-H1").unwrap().covers(q2));
        assert!(!period("2027-H2").unwrap().covers(q2));
        assert!(q2.contains(Date::new(2027, 6, 30).unwrap()));
        assert!(!q2.contains(Date::new(2027, 7, 1).unwrap()));
    }
}
