//! The clock. `QMS_TIMESTAMP` (RFC 3339, e.g. `2026-11-22T09:15:00+07:00`)
//! fixes it, so that tests and demos produce the same commits every time.

use anyhow::{Context, Result};
use jiff::Zoned;
use jiff::fmt::temporal::DateTimeParser;

pub(crate) const TIMESTAMP_ENV: &str = "QMS_TIMESTAMP";

/// The current time with its UTC offset.
pub(crate) fn now() -> Result<Zoned> {
    match std::env::var(TIMESTAMP_ENV) {
        Ok(value) if !value.trim().is_empty() => {
            parse_timestamp(value.trim()).with_context(|| crate::msg!("error-timestamp", variable = TIMESTAMP_ENV, value = value))
        }
        _ => Ok(Zoned::now()),
    }
}

/// [`now`] in `zone` (the repository's), or as the machine gives it.
pub(crate) fn now_in(zone: Option<&jiff::tz::TimeZone>) -> Result<Zoned> {
    let now = now()?;
    Ok(match zone {
        Some(zone) => now.with_time_zone(zone.clone()),
        None => now,
    })
}

/// Parses an RFC 3339 timestamp, keeping its offset as the time zone.
pub(crate) fn parse_timestamp(text: &str) -> Result<Zoned> {
    static PARSER: DateTimeParser = DateTimeParser::new();
    let timestamp: jiff::Timestamp = text.parse()?;
    let offset = PARSER
        .parse_pieces(text)?
        .offset()
        .map(|o| o.to_numeric_offset())
        .unwrap_or(jiff::tz::Offset::UTC);
    Ok(timestamp.to_zoned(jiff::tz::TimeZone::fixed(offset)))
}

/// The instant of an RFC 3339 timestamp as a trailer carries it, for
/// ordering (text order is wrong across offsets); `None` when unreadable.
pub(crate) fn instant_of(timestamp: &str) -> Option<jiff::Timestamp> {
    timestamp.parse().ok()
}

/// A signature time exactly as the protocol writes it: RFC 3339 with seconds
/// and an explicit offset (`2026-11-22T09:15:00+07:00`, `…Z`), nothing else —
/// no time-zone annotation, no missing seconds, no space for the `T`.
pub(crate) fn parse_signed_at(text: &str) -> Result<jiff::Timestamp, String> {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| bytes.get(range).is_some_and(|b| b.iter().all(u8::is_ascii_digit));
    let shape = bytes.len() >= 20
        && digits(0..4)
        && bytes[4] == b'-'
        && digits(5..7)
        && bytes[7] == b'-'
        && digits(8..10)
        && bytes[10] == b'T'
        && digits(11..13)
        && bytes[13] == b':'
        && digits(14..16)
        && bytes[16] == b':'
        && digits(17..19);
    let mut rest = text.get(19..).unwrap_or("");
    if let Some(fraction) = rest.strip_prefix('.') {
        let count = fraction.bytes().take_while(u8::is_ascii_digit).count();
        rest = if count == 0 { "!" } else { &fraction[count..] };
    }
    let zone = rest == "Z"
        || (rest.len() == 6
            && matches!(rest.as_bytes()[0], b'+' | b'-')
            && digits_of(&rest[1..3])
            && rest.as_bytes()[3] == b':'
            && digits_of(&rest[4..6]));
    if !shape || !zone {
        return Err(format!(
            "`{text}` is not an RFC 3339 time with seconds and an offset (e.g. 2026-11-22T09:15:00+07:00)"
        ));
    }
    text.parse::<jiff::Timestamp>()
        .map_err(|e| format!("`{text}` is not a valid time: {e}"))
}

fn digits_of(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// Whole months from the RFC 3339 timestamp `from` to `to`; `None` when
/// `from` cannot be read.
pub(crate) fn months_between(from: &str, to: &Zoned) -> Option<i64> {
    let from = parse_timestamp(from).ok()?;
    // Calendar arithmetic needs both ends in one time zone.
    let to = to.with_time_zone(from.time_zone().clone());
    let span = from.until((jiff::Unit::Month, &to)).ok()?;
    Some(span.get_months() as i64)
}

/// The date of an RFC 3339 timestamp as trailers carry it, in its own offset.
pub(crate) fn date_of(timestamp: &str) -> Option<jiff::civil::Date> {
    day_of(timestamp).parse().ok()
}

/// The day (`YYYY-MM-DD`) of an RFC 3339 timestamp as trailers carry it;
/// the whole text when it is shorter or not ASCII there (a hand-written
/// trailer must not make qms panic).
pub(crate) fn day_of(timestamp: &str) -> &str {
    timestamp.get(..10).unwrap_or(timestamp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_times_are_strict_rfc3339() {
        for good in ["2026-11-22T09:15:00+07:00", "2026-11-22T02:15:00Z", "2026-11-22T09:15:00.123-05:30"] {
            assert!(parse_signed_at(good).is_ok(), "{good}");
        }
        for bad in [
            "2026-11-22",
            "2026-11-22 09:15:00+07:00",
            "2026-11-22T09:15+07:00",
            "2026-11-22T09:15:00",
            "2026-11-22T09:15:00+0700",
            "2026-11-22T09:15:00+07:00[Asia/Ho_Chi_Minh]",
            "2026-13-22T09:15:00+07:00",
            "2026-11-22T09:15:00.+07:00",
            "２026-11-22T09:15:00+07:00",
            "",
        ] {
            assert!(parse_signed_at(bad).is_err(), "{bad}");
        }
        // Instants, not text: 09:00 in Hà Nội is before 03:00 UTC.
        assert!(instant_of("2026-11-22T09:00:00+07:00") < instant_of("2026-11-22T03:00:00Z"));
    }

    #[test]
    fn the_day_of_a_timestamp_never_panics() {
        assert_eq!(day_of("2026-11-22T09:00:00+07:00"), "2026-11-22");
        assert_eq!(day_of("2026"), "2026");
        assert_eq!(day_of("2026-11-2ữT09"), "2026-11-2ữT09");
    }

    #[test]
    fn months_between_works_across_time_zones() {
        let utc = parse_timestamp("2026-11-22T12:00:00+00:00").unwrap();
        assert_eq!(months_between("2026-01-15T15:00:00+07:00", &utc), Some(10));
        assert_eq!(months_between("not a time", &utc), None);
    }

    #[test]
    fn keeps_the_offset() {
        let t = parse_timestamp("2026-11-22T09:15:00+07:00").unwrap();
        assert_eq!(t.offset().seconds(), 7 * 3600);
        assert_eq!(t.timestamp().as_second(), 1_795_313_700);
        assert!(parse_timestamp("yesterday").is_err());
    }
}
