//! Recurring tasks and meetings: the rules a person can set in a form, read from JSON or
//! from an RFC 5545 RRULE, written back as an RRULE, and expanded into occurrences.
//!
//! A rule repeats every N days; every N weeks on chosen weekdays; every N months on a day
//! of the month, the last day, or a weekday such as "the 2nd Tuesday"; or every N years on
//! the start's date. It ends never, after a number of occurrences, or at a date or instant.
//! Exactly this subset is read from an RRULE; any other part is refused by name.
//!
//! Occurrences are computed in an IANA time zone: each keeps the start's local time of
//! day, so a 09:00 task stays at 09:00 across daylight saving changes. As in RFC 5545,
//! the start is always the first occurrence, and a date that does not exist (the 31st of
//! a month of 30 days, the 29th of February in other years) is skipped.

mod expand;
mod json;
mod rrule;

pub use expand::{Occurrences, next_after, occurrences};

use jiff::civil::{Date, Weekday};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

/// The largest interval a rule may have ("every 999 days").
pub const MAX_INTERVAL: u16 = 999;
/// The most occurrences a counted rule may have.
pub const MAX_COUNT: u32 = 9999;

/// A validated recurrence rule. Build one with [`Recurrence::new`], [`Recurrence::from_rrule`]
/// or [`Recurrence::from_json`]; each checks the same limits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recurrence {
    frequency: Frequency,
    interval: u16,
    end: End,
}

/// How often a rule repeats and on which days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frequency {
    Daily,
    /// Weekly on these weekdays, weeks starting on Monday; an empty set means the start's
    /// weekday.
    Weekly(Weekdays),
    Monthly(MonthlyOn),
    /// Yearly on the start's month and day.
    Yearly,
}

/// Which day of the month a monthly rule falls on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MonthlyOn {
    /// The start's day of the month.
    StartDay,
    /// This day of the month, 1 to 31; months without it are skipped.
    Day(u8),
    /// The last day of each month.
    LastDay,
    /// A weekday counted within the month, such as the 2nd Tuesday or the last Friday.
    Weekday { nth: Nth, weekday: Weekday },
}

/// Which of a month's weekdays of one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nth {
    First,
    Second,
    Third,
    Fourth,
    Last,
}

impl Nth {
    /// The position as RFC 5545 writes it: 1 to 4, or -1 for the last.
    pub fn number(self) -> i8 {
        match self {
            Nth::First => 1,
            Nth::Second => 2,
            Nth::Third => 3,
            Nth::Fourth => 4,
            Nth::Last => -1,
        }
    }

    pub fn from_number(n: i64) -> Option<Nth> {
        match n {
            1 => Some(Nth::First),
            2 => Some(Nth::Second),
            3 => Some(Nth::Third),
            4 => Some(Nth::Fourth),
            -1 => Some(Nth::Last),
            _ => None,
        }
    }
}

/// When a rule stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    Never,
    /// After this many occurrences, the start included.
    Count(u32),
    Until(Until),
}

/// The last moment a rule may fall on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Until {
    /// Any time on this local date, in the time zone the rule is expanded in.
    Date(Date),
    /// At or before this instant.
    Instant(Timestamp),
}

impl Until {
    /// The last instant an occurrence may have in `tz`: for a date, the last second of
    /// that local day. `None` when the date is the last jiff knows.
    pub fn last_instant(self, tz: &TimeZone) -> Option<Timestamp> {
        match self {
            Until::Instant(at) => Some(at),
            Until::Date(date) => {
                let next_midnight = date.tomorrow().ok()?.to_datetime(jiff::civil::Time::MIN);
                let next_day = tz.to_ambiguous_timestamp(next_midnight).compatible().ok()?;
                next_day.checked_sub(SignedDuration::from_secs(1)).ok()
            }
        }
    }

    /// The local date of the last occurrence that may fall on it, as an all-day rule's
    /// UNTIL names it.
    pub fn last_date(self, tz: &TimeZone) -> Date {
        match self {
            Until::Date(date) => date,
            Until::Instant(at) => tz.to_datetime(at).date(),
        }
    }
}

/// A set of weekdays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Weekdays(u8);

/// The weekdays from Monday, the order in which rules list them.
pub const WEEKDAYS: [Weekday; 7] = [
    Weekday::Monday,
    Weekday::Tuesday,
    Weekday::Wednesday,
    Weekday::Thursday,
    Weekday::Friday,
    Weekday::Saturday,
    Weekday::Sunday,
];

impl Weekdays {
    pub const fn empty() -> Weekdays {
        Weekdays(0)
    }

    #[must_use]
    pub fn with(self, day: Weekday) -> Weekdays {
        Weekdays(self.0 | bit(day))
    }

    pub fn contains(self, day: Weekday) -> bool {
        self.0 & bit(day) != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// The days in the set, Monday first.
    pub fn iter(self) -> impl Iterator<Item = Weekday> {
        WEEKDAYS.into_iter().filter(move |d| self.contains(*d))
    }
}

fn bit(day: Weekday) -> u8 {
    1 << day.to_monday_zero_offset()
}

impl FromIterator<Weekday> for Weekdays {
    fn from_iter<I: IntoIterator<Item = Weekday>>(days: I) -> Weekdays {
        days.into_iter().fold(Weekdays::empty(), Weekdays::with)
    }
}

/// What is wrong with a rule, naming the RRULE part it concerns.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecurrenceError {
    #[error("the rule has no FREQ part, such as FREQ=WEEKLY")]
    MissingFrequency,
    #[error("{part:?} is not a NAME=VALUE part")]
    Malformed { part: String },
    #[error("{name} appears more than once")]
    Repeated { name: String },
    #[error("{name} is not an RRULE part")]
    UnknownPart { name: String },
    #[error(
        "{name} is not supported: a rule repeats daily, weekly on chosen weekdays, monthly \
         on one day or weekday, or yearly on the start's date"
    )]
    UnsupportedPart { name: String },
    #[error("{name}={value} is not supported: {reason}")]
    BadValue {
        name: &'static str,
        value: String,
        reason: &'static str,
    },
}

impl RecurrenceError {
    fn bad(name: &'static str, value: impl Into<String>, reason: &'static str) -> Self {
        let mut value = value.into();
        // A value is echoed to help; a long one is cut so the message stays readable.
        if let Some((cut, _)) = value.char_indices().nth(40) {
            value.truncate(cut);
            value.push('…');
        }
        RecurrenceError::BadValue {
            name,
            value,
            reason,
        }
    }
}

pub(crate) const INTERVAL_RANGE: &str = "must be a whole number from 1 to 999";
pub(crate) const COUNT_RANGE: &str = "must be a whole number from 1 to 9999";
pub(crate) const DAY_RANGE: &str = "must be a day from 1 to 31, or -1 for the last day";

impl Recurrence {
    /// A rule, once its interval, count and day of the month are within their limits.
    pub fn new(frequency: Frequency, interval: u16, end: End) -> Result<Self, RecurrenceError> {
        if !(1..=MAX_INTERVAL).contains(&interval) {
            return Err(RecurrenceError::bad(
                "INTERVAL",
                interval.to_string(),
                INTERVAL_RANGE,
            ));
        }
        if let End::Count(count) = end
            && !(1..=MAX_COUNT).contains(&count)
        {
            return Err(RecurrenceError::bad(
                "COUNT",
                count.to_string(),
                COUNT_RANGE,
            ));
        }
        if let Frequency::Monthly(MonthlyOn::Day(day)) = frequency
            && !(1..=31).contains(&day)
        {
            return Err(RecurrenceError::bad(
                "BYMONTHDAY",
                day.to_string(),
                DAY_RANGE,
            ));
        }
        Ok(Recurrence {
            frequency,
            interval,
            end,
        })
    }

    /// Reads an RRULE value such as `FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=10`; a leading
    /// `RRULE:` is allowed.
    pub fn from_rrule(text: &str) -> Result<Self, RecurrenceError> {
        rrule::parse(text)
    }

    /// The rule as an RRULE value. UNTIL is written as it was given: a date, or a UTC time.
    pub fn to_rrule(&self) -> String {
        rrule::write(self)
    }

    /// Reads the JSON a form sends, in the shape [`Recurrence::to_json`] writes.
    pub fn from_json(value: &serde_json::Value) -> Result<Self, crate::Problem> {
        json::parse(value)
    }

    /// The rule as JSON:
    /// `{"frequency": "weekly", "interval": 2, "weekdays": ["monday", "thursday"], "count": 10}`.
    /// A monthly rule may have `"day_of_month": 1..31 or -1` (the last day) or
    /// `"weekday_of_month": {"nth": 1..4 or -1, "weekday": "tuesday"}`; any rule may end
    /// with `"count"` or `"until"` (a date, or an RFC 3339 time).
    pub fn to_json(&self) -> serde_json::Value {
        json::write(self)
    }

    pub fn frequency(&self) -> Frequency {
        self.frequency
    }

    pub fn interval(&self) -> u16 {
        self.interval
    }

    pub fn end(&self) -> End {
        self.end
    }
}

impl std::fmt::Display for Recurrence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_rrule())
    }
}

impl std::str::FromStr for Recurrence {
    type Err = RecurrenceError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Recurrence::from_rrule(text)
    }
}

#[cfg(test)]
pub(crate) mod strategy {
    //! Arbitrary valid rules for the property tests of every part of this module.

    use super::*;
    use proptest::prelude::*;

    pub fn weekday() -> impl Strategy<Value = Weekday> {
        (0usize..7).prop_map(|i| WEEKDAYS[i])
    }

    fn nth() -> impl Strategy<Value = Nth> {
        prop_oneof![
            Just(Nth::First),
            Just(Nth::Second),
            Just(Nth::Third),
            Just(Nth::Fourth),
            Just(Nth::Last),
        ]
    }

    fn frequency() -> impl Strategy<Value = Frequency> {
        prop_oneof![
            Just(Frequency::Daily),
            proptest::collection::vec(weekday(), 0..4)
                .prop_map(|days| Frequency::Weekly(days.into_iter().collect())),
            Just(Frequency::Monthly(MonthlyOn::StartDay)),
            (1u8..=31).prop_map(|d| Frequency::Monthly(MonthlyOn::Day(d))),
            Just(Frequency::Monthly(MonthlyOn::LastDay)),
            (nth(), weekday())
                .prop_map(|(nth, weekday)| Frequency::Monthly(MonthlyOn::Weekday { nth, weekday })),
            Just(Frequency::Yearly),
        ]
    }

    pub fn date() -> impl Strategy<Value = Date> {
        (1990i16..2060, 1i8..=12, 1i8..=28)
            .prop_map(|(y, m, d)| Date::new(y, m, d).unwrap_or(Date::constant(2000, 1, 1)))
    }

    fn end() -> impl Strategy<Value = End> {
        prop_oneof![
            Just(End::Never),
            (1u32..60).prop_map(End::Count),
            date().prop_map(|d| End::Until(Until::Date(d))),
            (631_152_000i64..2_840_000_000)
                .prop_map(|s| End::Until(Until::Instant(Timestamp::constant(s, 0)))),
        ]
    }

    pub fn rule() -> impl Strategy<Value = Recurrence> {
        let interval = prop_oneof![3 => Just(1u16), 2 => 2u16..5, 1 => 1u16..=MAX_INTERVAL];
        (frequency(), interval, end()).prop_map(|(f, i, e)| Recurrence {
            frequency: f,
            interval: i,
            end: e,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn new_checks_the_limits() {
        assert!(Recurrence::new(Frequency::Daily, 0, End::Never).is_err());
        assert!(Recurrence::new(Frequency::Daily, MAX_INTERVAL + 1, End::Never).is_err());
        assert!(Recurrence::new(Frequency::Daily, MAX_INTERVAL, End::Never).is_ok());
        assert!(Recurrence::new(Frequency::Daily, 1, End::Count(0)).is_err());
        assert!(Recurrence::new(Frequency::Daily, 1, End::Count(MAX_COUNT + 1)).is_err());
        let day = |d| Frequency::Monthly(MonthlyOn::Day(d));
        assert!(Recurrence::new(day(0), 1, End::Never).is_err());
        assert!(Recurrence::new(day(32), 1, End::Never).is_err());
        assert!(Recurrence::new(day(31), 1, End::Never).is_ok());
    }

    #[test]
    fn weekdays_are_a_set_listed_from_monday() {
        let days: Weekdays = [Weekday::Sunday, Weekday::Monday, Weekday::Sunday]
            .into_iter()
            .collect();
        assert_eq!(days.len(), 2);
        assert_eq!(
            days.iter().collect::<Vec<_>>(),
            [Weekday::Monday, Weekday::Sunday]
        );
        assert!(!days.contains(Weekday::Tuesday));
        assert!(Weekdays::empty().is_empty());
    }

    #[test]
    fn until_a_date_ends_with_that_local_day() {
        let oslo = TimeZone::get("Europe/Oslo").unwrap_or(TimeZone::UTC);
        let until = Until::Date(date(2025, 3, 30));
        // The last second of 30 March in Oslo, after the clocks went forward (UTC+2).
        assert_eq!(
            until.last_instant(&oslo),
            Some("2025-03-30T21:59:59Z".parse().unwrap())
        );
        assert_eq!(until.last_date(&oslo), date(2025, 3, 30));
        let instant = Until::Instant("2025-03-30T22:30:00Z".parse().unwrap());
        assert_eq!(instant.last_date(&oslo), date(2025, 3, 31));
    }
}
