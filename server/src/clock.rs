//! The server's notion of "now": wall clock plus an offset that tests shift through
//! `POST /__admin/clock`, and the timestamp formats the vendors use.

use std::sync::atomic::{AtomicI64, Ordering};
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, OffsetDateTime, PrimitiveDateTime, UtcOffset};

/// Wall clock shifted by a settable number of seconds.
#[derive(Debug, Default)]
pub struct Clock {
    offset_secs: AtomicI64,
}

impl Clock {
    /// The shifted current time (UTC).
    pub fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc() + time::Duration::seconds(self.offset_secs())
    }

    /// The current offset in seconds.
    pub fn offset_secs(&self) -> i64 {
        self.offset_secs.load(Ordering::Relaxed)
    }

    /// Replaces the offset.
    pub fn set_offset_secs(&self, secs: i64) {
        self.offset_secs.store(secs, Ordering::Relaxed);
    }
}

/// Parses the timestamps a fixture may hold: RFC 3339 (`2099-12-31T00:00:00.000Z`,
/// `2099-12-31T00:00:00+02:00`), a naive `2099-12-31T00:00:00` (taken as UTC) or a bare date
/// `2099-12-31` (midnight UTC).
pub fn parse_timestamp(text: &str) -> Option<OffsetDateTime> {
    let text = text.trim();
    if let Ok(t) = OffsetDateTime::parse(text, &Rfc3339) {
        return Some(t.to_offset(UtcOffset::UTC));
    }
    let naive = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]");
    if let Ok(t) = PrimitiveDateTime::parse(text, naive) {
        return Some(t.assume_utc());
    }
    let naive_space = format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
    if let Ok(t) = PrimitiveDateTime::parse(text, naive_space) {
        return Some(t.assume_utc());
    }
    let date = format_description!("[year]-[month]-[day]");
    Date::parse(text, date)
        .ok()
        .map(|d| d.midnight().assume_utc())
}

/// LicenseSpring's form: `2099-12-31T00:00:00.000Z` (always UTC, milliseconds).
pub fn format_licensespring(t: OffsetDateTime) -> String {
    let t = t.to_offset(UtcOffset::UTC);
    let f =
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z");
    t.format(f).unwrap_or_default()
}

/// frameCAD's (Rails') form: ISO-8601 with milliseconds and a numeric offset,
/// `2026-11-24T19:31:21.123+00:00`.
pub fn format_framecad(t: OffsetDateTime) -> String {
    // Digits written into a fixed template: every frameCAD answer carries `now`, and format!
    // with width specifiers cost ~3 000 instructions a call (callgrind), this ~150.
    let t = t.to_offset(UtcOffset::UTC);
    let Ok(year) = u32::try_from(t.year()) else {
        return format_framecad_slow(t);
    };
    if year > 9999 {
        return format_framecad_slow(t);
    }
    let mut out = *b"0000-00-00T00:00:00.000+00:00";
    for (range, value) in [
        (0..4, year),
        (5..7, u32::from(u8::from(t.month()))),
        (8..10, u32::from(t.day())),
        (11..13, u32::from(t.hour())),
        (14..16, u32::from(t.minute())),
        (17..19, u32::from(t.second())),
        (20..23, u32::from(t.millisecond())),
    ] {
        let mut value = value;
        for digit in out[range].iter_mut().rev() {
            *digit = b'0' + (value % 10) as u8;
            value /= 10;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The same form for years outside 0..=9999 (signs and wider years), which fixtures may hold.
fn format_framecad_slow(t: OffsetDateTime) -> String {
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}+00:00",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.millisecond()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixture_timestamp_forms_parse_to_the_same_instant() {
        let a = parse_timestamp("2099-12-31T00:00:00.000Z").unwrap();
        assert_eq!(parse_timestamp("2099-12-31").unwrap(), a);
        assert_eq!(parse_timestamp("2099-12-31T02:00:00+02:00").unwrap(), a);
        assert_eq!(parse_timestamp("2099-12-31T00:00:00").unwrap(), a);
        assert_eq!(format_licensespring(a), "2099-12-31T00:00:00.000Z");
        assert_eq!(format_framecad(a), "2099-12-31T00:00:00.000+00:00");
        assert!(parse_timestamp("yesterday").is_none());
    }

    #[test]
    fn framecad_timestamps_written_by_hand_match_the_formatted_form() {
        let base = parse_timestamp("2026-11-24T19:31:21.123Z").unwrap();
        for step in [
            0i64,
            1,
            59,
            3_600,
            86_399,
            40_000_000,
            -2_000_000_000,
            2_500_000_000,
        ] {
            let t = base + time::Duration::seconds(step) + time::Duration::milliseconds(step % 997);
            assert_eq!(format_framecad(t), format_framecad_slow(t));
        }
        let early = parse_timestamp("0001-01-01T00:00:00Z").unwrap();
        assert_eq!(format_framecad(early), "0001-01-01T00:00:00.000+00:00");
        let offset = OffsetDateTime::parse("2026-01-01T01:30:00.5+02:00", &Rfc3339).unwrap();
        assert_eq!(format_framecad(offset), "2025-12-31T23:30:00.500+00:00");
    }
}
