//! Timestamps: UTC, microsecond precision, and one canonical text form.
//!
//! The canonical form (`2026-01-02T03:04:05.123456Z`) has a fixed width, so comparing two
//! of them as text gives the same answer as comparing the instants. SQLite stores this
//! form; PostgreSQL stores `timestamptz` and is converted to it when read.

use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, UtcOffset};

/// The current instant, truncated to microseconds (what both databases keep).
pub fn now() -> OffsetDateTime {
    truncate(OffsetDateTime::now_utc())
}

/// Truncates to whole microseconds and moves to UTC.
pub fn truncate(t: OffsetDateTime) -> OffsetDateTime {
    let t = t.to_offset(UtcOffset::UTC);
    let micros = t.nanosecond() / 1_000 * 1_000;
    t.replace_nanosecond(micros).unwrap_or(t)
}

/// Formats an instant in the canonical text form.
pub fn format(t: OffsetDateTime) -> String {
    let t = truncate(t);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.microsecond()
    )
}

/// Parses any RFC 3339 timestamp and returns it in UTC, truncated to microseconds.
pub fn parse(s: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(s.trim(), &Rfc3339).ok().map(truncate)
}

/// Re-formats an RFC 3339 timestamp in the canonical form.
pub fn canonical(s: &str) -> Option<String> {
    parse(s).map(format)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn canonical_form_is_fixed_width_utc() {
        assert_eq!(
            canonical("2026-03-04T05:06:07+02:00").as_deref(),
            Some("2026-03-04T03:06:07.000000Z")
        );
        assert_eq!(
            canonical("2026-03-04T05:06:07.123456789Z").as_deref(),
            Some("2026-03-04T05:06:07.123456Z")
        );
        assert_eq!(canonical("yesterday"), None);
    }

    proptest! {
        #[test]
        fn text_order_is_time_order(a in 0i64..4_102_444_800_000_000, b in 0i64..4_102_444_800_000_000) {
            let ta = OffsetDateTime::from_unix_timestamp_nanos(i128::from(a) * 1000).unwrap();
            let tb = OffsetDateTime::from_unix_timestamp_nanos(i128::from(b) * 1000).unwrap();
            prop_assert_eq!(format(ta).cmp(&format(tb)), ta.cmp(&tb));
            prop_assert_eq!(parse(&format(ta)), Some(ta));
        }
    }
}
