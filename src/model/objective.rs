//! A measurable quality objective (ISO 9001:2015 6.2), as the `objectives`
//! field of an objectives (MTCL) document states it, and what a measurement
//! of it means against its target.

use serde::{Deserialize, Serialize};

use jiff::civil::Date;

use super::config::Language;
use super::period::{Part, ReportingPeriod};

/// One objective. Measurements refer to it by its 1-based position in the
/// document's list, so new objectives go at the end.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Objective {
    /// What the agency wants to achieve, in a few words.
    pub objective: String,
    /// What is measured.
    pub indicator: String,
    pub target: f64,
    /// Whether a value meets the target from above or from below.
    #[serde(default)]
    pub direction: Direction,
    /// Unit of the value: `%`, `hồ sơ`, `ngày`.
    pub unit: String,
    pub frequency: Frequency,
    /// The clause whose performance the indicator shows (9.1.2 for citizen
    /// satisfaction, 8.5.1 for on-time handling): how the management-review
    /// pack files the results.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<String>,
}

// Parsing refuses a target that is not a finite number, so equality is total.
impl Eq for Objective {}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Direction {
    /// The value must be at least the target (on-time rate ≥ 98 %).
    #[default]
    AtLeast,
    /// The value must be at most the target (errors ≤ 0).
    AtMost,
}

impl Direction {
    fn sign(self) -> char {
        match self {
            Direction::AtLeast => '≥',
            Direction::AtMost => '≤',
        }
    }
}

/// How often the objective is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Frequency {
    Monthly,
    Quarterly,
    HalfYearly,
    Yearly,
}

impl Frequency {
    /// The measuring periods of `year` at this frequency.
    pub(crate) fn periods_of(self, year: i16) -> Vec<ReportingPeriod> {
        let parts: Vec<Part> = match self {
            Frequency::Monthly => (1..=12).map(Part::Month).collect(),
            Frequency::Quarterly => (1..=4).map(Part::Quarter).collect(),
            Frequency::HalfYearly => (1..=2).map(Part::Half).collect(),
            Frequency::Yearly => vec![Part::Year],
        };
        parts.into_iter().map(|part| ReportingPeriod { year, part }).collect()
    }

    /// How many measurements `period` should hold by `as_of`: one for each
    /// measuring period that ends within it, on or before that day.
    pub(crate) fn expected_in(self, period: ReportingPeriod, as_of: Date) -> u32 {
        (period.first_day().year()..=period.last_day().year())
            .flat_map(|year| self.periods_of(year))
            .filter(|p| period.contains(p.last_day()) && p.last_day() <= as_of)
            .count() as u32
    }
}

impl Objective {
    pub(crate) fn is_met_by(&self, value: f64) -> bool {
        match self.direction {
            Direction::AtLeast => value >= self.target,
            Direction::AtMost => value <= self.target,
        }
    }

    /// The target as data: `≥ 97.5 %` (a decimal point, for JSON).
    pub(crate) fn target_text(&self) -> String {
        format!("{} {} {}", self.direction.sign(), format_number(self.target), self.unit)
    }

    /// The target as people of `lang` write it: `≥ 97,5 %`, `≤ 0 hồ sơ`.
    pub(crate) fn target_in(&self, lang: Language) -> String {
        format!(
            "{} {} {}",
            self.direction.sign(),
            crate::i18n::format::number(self.target, lang),
            self.unit
        )
    }

    /// Why this objective cannot be measured against, if it cannot.
    pub(crate) fn problem(&self) -> Option<crate::i18n::Msg> {
        if !self.target.is_finite() {
            return Some(crate::msg!("check-objective-target", objective = &self.objective));
        }
        if self.objective.trim().is_empty() || self.indicator.trim().is_empty() {
            return Some(crate::msg!("check-objective-text"));
        }
        None
    }
}

/// A number without a trailing `.0`: 98, 97.5.
pub(crate) fn format_number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn objective(target: f64, direction: Direction) -> Objective {
        Objective {
            objective: "Đúng hạn".into(),
            indicator: "Tỷ lệ hồ sơ đúng hạn".into(),
            target,
            direction,
            unit: "%".into(),
            frequency: Frequency::Quarterly,
            clause: None,
        }
    }

    #[test]
    fn a_value_meets_the_target_from_its_side() {
        let at_least = objective(98.0, Direction::AtLeast);
        assert!(at_least.is_met_by(98.0) && at_least.is_met_by(99.5) && !at_least.is_met_by(97.9));
        let at_most = objective(0.0, Direction::AtMost);
        assert!(at_most.is_met_by(0.0) && !at_most.is_met_by(1.0));
        assert_eq!(at_least.target_text(), "≥ 98 %");
        assert_eq!(objective(97.5, Direction::AtMost).target_text(), "≤ 97.5 %");
        assert_eq!(objective(97.5, Direction::AtMost).target_in(Language::Vi), "≤ 97,5 %");
    }

    #[test]
    fn measurements_are_expected_for_the_periods_ended() {
        let year = ReportingPeriod::year(2026);
        let day = |text: &str| -> Date { text.parse().unwrap() };
        assert_eq!(Frequency::Quarterly.expected_in(year, day("2026-11-22")), 3);
        assert_eq!(Frequency::Monthly.expected_in(year, day("2026-11-22")), 10);
        assert_eq!(Frequency::HalfYearly.expected_in(year, day("2026-11-22")), 1);
        assert_eq!(Frequency::Yearly.expected_in(year, day("2026-11-22")), 0);
        assert_eq!(Frequency::Yearly.expected_in(year, day("2027-01-10")), 1);
        let march = ReportingPeriod::parse("2026-03").unwrap();
        assert_eq!(Frequency::Quarterly.expected_in(march, day("2027-01-01")), 1);
        assert_eq!(Frequency::Monthly.expected_in(march, day("2027-01-01")), 1);
    }

    #[test]
    fn a_target_that_is_not_a_number_is_a_problem() {
        assert!(objective(f64::NAN, Direction::AtLeast).problem().is_some());
        assert!(objective(1.0, Direction::AtLeast).problem().is_none());
    }
}
