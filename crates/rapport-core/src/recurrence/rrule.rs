//! The RFC 5545 RRULE form of a rule: `FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=10`.

use super::{
    COUNT_RANGE, DAY_RANGE, End, Frequency, INTERVAL_RANGE, MonthlyOn, Nth, Recurrence,
    RecurrenceError, Until, Weekdays,
};
use jiff::Timestamp;
use jiff::civil::{Date, DateTime, Weekday};
use jiff::tz::TimeZone;
use std::fmt::Write;

/// The parts this module reads, each at most once.
#[derive(Default)]
struct Parts {
    freq: Option<String>,
    interval: Option<String>,
    count: Option<String>,
    until: Option<String>,
    byday: Option<String>,
    bymonthday: Option<String>,
    wkst: Option<String>,
}

/// Parts RFC 5545 defines that no form here can express.
const UNSUPPORTED: [&str; 9] = [
    "BYSECOND",
    "BYMINUTE",
    "BYHOUR",
    "BYYEARDAY",
    "BYWEEKNO",
    "BYMONTH",
    "BYSETPOS",
    "RSCALE",
    "SKIP",
];

pub(super) fn parse(text: &str) -> Result<Recurrence, RecurrenceError> {
    let text = text.trim();
    let text = match text.get(..6) {
        Some(prefix) if prefix.eq_ignore_ascii_case("RRULE:") => &text[6..],
        _ => text,
    };
    let parts = split(text)?;
    let freq = parts
        .freq
        .clone()
        .ok_or(RecurrenceError::MissingFrequency)?;
    let interval = match &parts.interval {
        None => 1,
        Some(v) => v
            .parse::<u16>()
            .ok()
            .filter(|i| (1..=super::MAX_INTERVAL).contains(i))
            .ok_or_else(|| RecurrenceError::bad("INTERVAL", v, INTERVAL_RANGE))?,
    };
    let frequency = match freq.as_str() {
        "DAILY" => {
            refuse_byday(&parts, "only weekly and monthly rules take BYDAY")?;
            refuse_bymonthday(&parts)?;
            Frequency::Daily
        }
        "WEEKLY" => {
            refuse_bymonthday(&parts)?;
            Frequency::Weekly(match &parts.byday {
                None => Weekdays::empty(),
                Some(v) => weekly_days(v)?,
            })
        }
        "MONTHLY" => Frequency::Monthly(monthly_on(&parts)?),
        "YEARLY" => {
            refuse_byday(&parts, "a yearly rule falls on the start's date")?;
            refuse_bymonthday(&parts)?;
            Frequency::Yearly
        }
        "SECONDLY" | "MINUTELY" | "HOURLY" => {
            return Err(RecurrenceError::bad(
                "FREQ",
                freq,
                "a rule repeats daily at the most often",
            ));
        }
        _ => {
            return Err(RecurrenceError::bad(
                "FREQ",
                freq,
                "must be DAILY, WEEKLY, MONTHLY or YEARLY",
            ));
        }
    };
    if let Some(v) = &parts.wkst {
        let start = weekday(v)
            .ok_or_else(|| RecurrenceError::bad("WKST", v, "must be a weekday such as MO or SU"))?;
        // Weeks start on Monday here. Another start only changes which days fall in the
        // same week, which matters when a rule skips weeks and names more than one day.
        let matters =
            matches!(frequency, Frequency::Weekly(days) if days.len() > 1) && interval > 1;
        if start != Weekday::Monday && matters {
            return Err(RecurrenceError::bad(
                "WKST",
                v,
                "weeks start on Monday, and with another start this rule falls in other weeks",
            ));
        }
    }
    let end = match (&parts.count, &parts.until) {
        (Some(_), Some(v)) => {
            return Err(RecurrenceError::bad(
                "UNTIL",
                v,
                "a rule ends after COUNT or at UNTIL, not both",
            ));
        }
        (Some(v), None) => End::Count(
            v.parse::<u32>()
                .ok()
                .filter(|c| (1..=super::MAX_COUNT).contains(c))
                .ok_or_else(|| RecurrenceError::bad("COUNT", v, COUNT_RANGE))?,
        ),
        (None, Some(v)) => End::Until(until(v)?),
        (None, None) => End::Never,
    };
    Recurrence::new(frequency, interval, end)
}

fn split(text: &str) -> Result<Parts, RecurrenceError> {
    let mut parts = Parts::default();
    for part in text.split(';') {
        if part.trim().is_empty() {
            continue;
        }
        let (name, value) = part
            .split_once('=')
            .ok_or_else(|| RecurrenceError::Malformed {
                part: part.chars().take(40).collect(),
            })?;
        let name = name.trim().to_ascii_uppercase();
        let value = value.trim().to_ascii_uppercase();
        let slot = match name.as_str() {
            "FREQ" => &mut parts.freq,
            "INTERVAL" => &mut parts.interval,
            "COUNT" => &mut parts.count,
            "UNTIL" => &mut parts.until,
            "BYDAY" => &mut parts.byday,
            "BYMONTHDAY" => &mut parts.bymonthday,
            "WKST" => &mut parts.wkst,
            n if UNSUPPORTED.contains(&n) => {
                return Err(RecurrenceError::UnsupportedPart { name });
            }
            _ => {
                return Err(RecurrenceError::UnknownPart {
                    name: name.chars().take(40).collect(),
                });
            }
        };
        if slot.replace(value).is_some() {
            return Err(RecurrenceError::Repeated { name });
        }
    }
    Ok(parts)
}

fn refuse_byday(parts: &Parts, reason: &'static str) -> Result<(), RecurrenceError> {
    match &parts.byday {
        Some(v) => Err(RecurrenceError::bad("BYDAY", v, reason)),
        None => Ok(()),
    }
}

fn refuse_bymonthday(parts: &Parts) -> Result<(), RecurrenceError> {
    match &parts.bymonthday {
        Some(v) => Err(RecurrenceError::bad(
            "BYMONTHDAY",
            v,
            "only monthly rules take BYMONTHDAY",
        )),
        None => Ok(()),
    }
}

fn weekly_days(value: &str) -> Result<Weekdays, RecurrenceError> {
    value
        .split(',')
        .map(|code| {
            weekday(code.trim()).ok_or_else(|| {
                RecurrenceError::bad(
                    "BYDAY",
                    value,
                    "a weekly rule takes plain weekdays, such as MO,TH",
                )
            })
        })
        .collect()
}

fn monthly_on(parts: &Parts) -> Result<MonthlyOn, RecurrenceError> {
    match (&parts.byday, &parts.bymonthday) {
        (Some(_), Some(v)) => Err(RecurrenceError::bad(
            "BYMONTHDAY",
            v,
            "a monthly rule falls on a day of the month or on a weekday, not both",
        )),
        (Some(v), None) => {
            let wrong = || {
                RecurrenceError::bad(
                    "BYDAY",
                    v,
                    "a monthly rule takes one weekday with its place in the month: \
                     1 to 4, or -1 for the last, such as 2TU or -1FR",
                )
            };
            let split = v.len().checked_sub(2).ok_or_else(wrong)?;
            let number = v.get(..split).ok_or_else(wrong)?;
            let code = v.get(split..).ok_or_else(wrong)?;
            let weekday = weekday(code).ok_or_else(wrong)?;
            let nth = number
                .parse::<i64>()
                .ok()
                .and_then(Nth::from_number)
                .ok_or_else(wrong)?;
            Ok(MonthlyOn::Weekday { nth, weekday })
        }
        (None, Some(v)) => match v.parse::<i64>() {
            Ok(-1) => Ok(MonthlyOn::LastDay),
            Ok(day @ 1..=31) => Ok(MonthlyOn::Day(day as u8)),
            _ => Err(RecurrenceError::bad("BYMONTHDAY", v, DAY_RANGE)),
        },
        (None, None) => Ok(MonthlyOn::StartDay),
    }
}

fn until(value: &str) -> Result<Until, RecurrenceError> {
    let wrong = || {
        RecurrenceError::bad(
            "UNTIL",
            value,
            "must be a date such as 20261231 or a UTC time such as 20261231T230000Z",
        )
    };
    let digits = |range: std::ops::Range<usize>| -> Result<i64, RecurrenceError> {
        let part = value.get(range).ok_or_else(wrong)?;
        if !part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(wrong());
        }
        part.parse().map_err(|_| wrong())
    };
    let day = Date::new(
        digits(0..4)? as i16,
        digits(4..6)? as i8,
        digits(6..8)? as i8,
    )
    .map_err(|_| wrong())?;
    match value.len() {
        8 => Ok(Until::Date(day)),
        16 if value.as_bytes()[8] == b'T' && value.ends_with('Z') => {
            let time = jiff::civil::Time::new(
                digits(9..11)? as i8,
                digits(11..13)? as i8,
                digits(13..15)? as i8,
                0,
            )
            .map_err(|_| wrong())?;
            let at = TimeZone::UTC
                .to_timestamp(DateTime::from_parts(day, time))
                .map_err(|_| wrong())?;
            Ok(Until::Instant(at))
        }
        15 if value.as_bytes()[8] == b'T' => Err(RecurrenceError::bad(
            "UNTIL",
            value,
            "a time must be in UTC and end in Z",
        )),
        _ => Err(wrong()),
    }
}

fn weekday(code: &str) -> Option<Weekday> {
    Some(match code {
        "MO" => Weekday::Monday,
        "TU" => Weekday::Tuesday,
        "WE" => Weekday::Wednesday,
        "TH" => Weekday::Thursday,
        "FR" => Weekday::Friday,
        "SA" => Weekday::Saturday,
        "SU" => Weekday::Sunday,
        _ => return None,
    })
}

/// The two letters RFC 5545 names a weekday with.
pub fn weekday_code(day: Weekday) -> &'static str {
    match day {
        Weekday::Monday => "MO",
        Weekday::Tuesday => "TU",
        Weekday::Wednesday => "WE",
        Weekday::Thursday => "TH",
        Weekday::Friday => "FR",
        Weekday::Saturday => "SA",
        Weekday::Sunday => "SU",
    }
}

pub(super) fn write(rule: &Recurrence) -> String {
    let mut out = String::from("FREQ=");
    out.push_str(match rule.frequency {
        Frequency::Daily => "DAILY",
        Frequency::Weekly(_) => "WEEKLY",
        Frequency::Monthly(_) => "MONTHLY",
        Frequency::Yearly => "YEARLY",
    });
    if rule.interval != 1 {
        let _ = write!(out, ";INTERVAL={}", rule.interval);
    }
    match rule.frequency {
        Frequency::Weekly(days) if !days.is_empty() => {
            let codes: Vec<&str> = days.iter().map(weekday_code).collect();
            let _ = write!(out, ";BYDAY={}", codes.join(","));
        }
        Frequency::Monthly(MonthlyOn::Day(day)) => {
            let _ = write!(out, ";BYMONTHDAY={day}");
        }
        Frequency::Monthly(MonthlyOn::LastDay) => out.push_str(";BYMONTHDAY=-1"),
        Frequency::Monthly(MonthlyOn::Weekday { nth, weekday }) => {
            let _ = write!(out, ";BYDAY={}{}", nth.number(), weekday_code(weekday));
        }
        _ => {}
    }
    match rule.end {
        End::Never => {}
        End::Count(count) => {
            let _ = write!(out, ";COUNT={count}");
        }
        End::Until(Until::Date(day)) => {
            let _ = write!(out, ";UNTIL={}", day.strftime("%Y%m%d"));
        }
        End::Until(Until::Instant(at)) => {
            let _ = write!(out, ";UNTIL={}", utc(at));
        }
    }
    out
}

/// An instant as RFC 5545 writes a UTC time, to the second.
pub fn utc(at: Timestamp) -> String {
    at.strftime("%Y%m%dT%H%M%SZ").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recurrence::strategy;
    use jiff::civil::date;
    use proptest::prelude::*;

    fn parse(text: &str) -> Result<Recurrence, RecurrenceError> {
        Recurrence::from_rrule(text)
    }

    #[test]
    fn reads_the_rules_a_form_can_set() {
        let rule = parse("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=10").unwrap();
        let days = [Weekday::Monday, Weekday::Thursday].into_iter().collect();
        assert_eq!(rule.frequency(), Frequency::Weekly(days));
        assert_eq!(rule.interval(), 2);
        assert_eq!(rule.end(), End::Count(10));

        let rule = parse("RRULE:freq=monthly;byday=2tu").unwrap();
        assert_eq!(
            rule.frequency(),
            Frequency::Monthly(MonthlyOn::Weekday {
                nth: Nth::Second,
                weekday: Weekday::Tuesday
            })
        );
        assert_eq!(rule.interval(), 1);
        assert_eq!(rule.end(), End::Never);

        let rule = parse("FREQ=MONTHLY;BYMONTHDAY=-1;UNTIL=20261231").unwrap();
        assert_eq!(rule.frequency(), Frequency::Monthly(MonthlyOn::LastDay));
        assert_eq!(rule.end(), End::Until(Until::Date(date(2026, 12, 31))));

        let rule = parse("FREQ=DAILY;UNTIL=20261231T230000Z;").unwrap();
        assert_eq!(
            rule.end(),
            End::Until(Until::Instant("2026-12-31T23:00:00Z".parse().unwrap()))
        );
        assert_eq!(
            parse("FREQ=MONTHLY;BYMONTHDAY=31").unwrap().frequency(),
            Frequency::Monthly(MonthlyOn::Day(31))
        );
        assert_eq!(parse("FREQ=YEARLY").unwrap().frequency(), Frequency::Yearly);
    }

    #[test]
    fn writes_the_rule_back() {
        for text in [
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=10",
            "FREQ=DAILY",
            "FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20261231",
            "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15",
            "FREQ=MONTHLY;BYMONTHDAY=-1",
            "FREQ=YEARLY;UNTIL=20301231T230000Z",
        ] {
            assert_eq!(parse(text).unwrap().to_rrule(), text);
        }
        // Weekdays are written from Monday, whatever order they came in.
        assert_eq!(
            parse("FREQ=WEEKLY;BYDAY=SU,MO,SU").unwrap().to_rrule(),
            "FREQ=WEEKLY;BYDAY=MO,SU"
        );
    }

    #[test]
    fn a_week_start_is_accepted_where_it_changes_nothing() {
        assert!(parse("FREQ=WEEKLY;BYDAY=MO,TH;WKST=SU").is_ok());
        assert!(parse("FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;WKST=SU").is_ok());
        assert!(parse("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;WKST=MO").is_ok());
        let err = parse("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;WKST=SU").unwrap_err();
        assert!(matches!(
            err,
            RecurrenceError::BadValue { name: "WKST", .. }
        ));
    }

    #[test]
    fn refuses_the_rest_by_name() {
        let cases: [(&str, &str); 22] = [
            ("", "no FREQ"),
            ("INTERVAL=2", "no FREQ"),
            ("FREQ=HOURLY", "FREQ=HOURLY"),
            ("FREQ=FORTNIGHTLY", "FREQ=FORTNIGHTLY"),
            ("FREQ=DAILY;FREQ=WEEKLY", "FREQ appears more"),
            ("FREQ=DAILY;INTERVAL=0", "INTERVAL=0"),
            ("FREQ=DAILY;INTERVAL=1000", "INTERVAL=1000"),
            ("FREQ=DAILY;COUNT=0", "COUNT=0"),
            ("FREQ=DAILY;COUNT=3;UNTIL=20260101", "UNTIL=20260101"),
            ("FREQ=DAILY;UNTIL=20260101T090000", "in UTC"),
            ("FREQ=DAILY;UNTIL=20261301", "UNTIL=20261301"),
            ("FREQ=DAILY;BYDAY=MO", "BYDAY=MO"),
            ("FREQ=WEEKLY;BYDAY=1MO", "plain weekdays"),
            ("FREQ=WEEKLY;BYMONTHDAY=3", "only monthly"),
            ("FREQ=MONTHLY;BYDAY=MO,TU", "one weekday"),
            ("FREQ=MONTHLY;BYDAY=5MO", "BYDAY=5MO"),
            ("FREQ=MONTHLY;BYMONTHDAY=-2", "BYMONTHDAY=-2"),
            ("FREQ=MONTHLY;BYMONTHDAY=1,15", "BYMONTHDAY=1,15"),
            ("FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13", "not both"),
            (
                "FREQ=MONTHLY;BYDAY=-1MO;BYSETPOS=-1",
                "BYSETPOS is not supported",
            ),
            ("FREQ=YEARLY;BYMONTH=3", "BYMONTH is not supported"),
            ("FREQ=DAILY;X-COLOUR=RED", "X-COLOUR is not an RRULE part"),
        ];
        for (text, says) in cases {
            let err = parse(text).unwrap_err().to_string();
            assert!(err.contains(says), "{text}: {err}");
        }
        assert!(matches!(
            parse("FREQ=DAILY;COUNT"),
            Err(RecurrenceError::Malformed { .. })
        ));
    }

    proptest! {
        #[test]
        fn every_rule_reads_back_as_itself(rule in strategy::rule()) {
            prop_assert_eq!(parse(&rule.to_rrule()), Ok(rule));
        }

        #[test]
        fn any_text_is_read_or_refused(text in ".{0,80}") {
            let _ = parse(&text);
        }

        #[test]
        fn rule_like_text_is_read_or_refused(
            parts in proptest::collection::vec(
                (
                    prop::sample::select(vec![
                        "FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "WKST",
                        "BYMONTH", "BYSETPOS", "freq",
                    ]),
                    "[-+0-9A-Za-z,]{0,18}",
                ),
                0..6,
            )
        ) {
            let text: Vec<String> = parts.iter().map(|(n, v)| format!("{n}={v}")).collect();
            if let Ok(rule) = parse(&text.join(";")) {
                prop_assert_eq!(parse(&rule.to_rrule()), Ok(rule));
            }
        }
    }
}
