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
    // Written by hand: every frameCAD answer carries `now`, and this is several times faster
    // than interpreting a format description.
    let t = t.to_offset(UtcOffset::UTC);
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
}
