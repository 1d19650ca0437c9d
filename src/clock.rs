//! The clock. `QMS_TIMESTAMP` (RFC 3339, e.g. `2026-11-22T09:15:00+07:00`)
//! fixes it, so that tests and demos produce the same commits every time.

use anyhow::{Context, Result};
use jiff::Zoned;
use jiff::fmt::temporal::DateTimeParser;

pub const TIMESTAMP_ENV: &str = "QMS_TIMESTAMP";

/// The current time with its UTC offset.
pub fn now() -> Result<Zoned> {
    match std::env::var(TIMESTAMP_ENV) {
        Ok(value) if !value.trim().is_empty() => parse_timestamp(value.trim())
            .with_context(|| format!("{TIMESTAMP_ENV}={value} is not a valid time; use RFC 3339, e.g. 2026-11-22T09:15:00+07:00")),
        _ => Ok(Zoned::now()),
    }
}

/// Parses an RFC 3339 timestamp, keeping its offset as the time zone.
pub fn parse_timestamp(text: &str) -> Result<Zoned> {
    static PARSER: DateTimeParser = DateTimeParser::new();
    let timestamp: jiff::Timestamp = text.parse()?;
    let offset = PARSER
        .parse_pieces(text)?
        .offset()
        .map(|o| o.to_numeric_offset())
        .unwrap_or(jiff::tz::Offset::UTC);
    Ok(timestamp.to_zoned(jiff::tz::TimeZone::fixed(offset)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_offset() {
        let t = parse_timestamp("2026-11-22T09:15:00+07:00").unwrap();
        assert_eq!(t.offset().seconds(), 7 * 3600);
        assert_eq!(t.timestamp().as_second(), 1_795_313_700);
        assert!(parse_timestamp("yesterday").is_err());
    }
}
