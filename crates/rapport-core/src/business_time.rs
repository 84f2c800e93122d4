//! Business calendars: the open hours of each weekday in an IANA time zone, less holidays,
//! and time counted only while open.
//!
//! Hours are local: a 09:00 opening stays 09:00 across daylight saving changes, so a day
//! when the clocks change is an hour longer or shorter in real time only if its open hours
//! span the change. An interval is open from its start up to, not including, its end.
//!
//! SLA clocks count with [`BusinessCalendar::add`] and [`BusinessCalendar::between`]. For
//! every start `a` and duration `d` that the calendar can reach,
//! `between(a, add(a, d)) == d`.

use crate::{Problem, ValidationErrors};
use jiff::Timestamp;
use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;
use serde_json::{Map, Value, json};
use std::collections::BTreeSet;
use std::time::Duration;

/// The most open intervals one weekday may have.
pub const MAX_INTERVALS_PER_DAY: usize = 12;
/// The most holidays a calendar may list.
pub const MAX_HOLIDAYS: usize = 1000;
/// A calendar closed for this many days in a row counts as never opening again, so a
/// calendar whose holidays cover every open day still answers.
const MAX_CLOSED_DAYS: u32 = 10_000;
const MINUTES_PER_DAY: u16 = 24 * 60;

const KEYS: [&str; 3] = ["time_zone", "hours", "holidays"];
const HOLIDAY_KEYS: [&str; 2] = ["date", "yearly"];
const INTERVAL_KEYS: [&str; 2] = ["from", "to"];
const WEEKDAY_NAMES: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// One open interval of a day, in minutes after local midnight; `to` may be 24:00.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Interval {
    from: u16,
    to: u16,
}

impl Interval {
    /// An interval from `from` to `to`, both `(hour, minute)`; `to` may be `(24, 0)` and
    /// must come after `from`.
    pub fn new(from: (u8, u8), to: (u8, u8)) -> Option<Interval> {
        let from = minutes(from)?;
        let to = minutes(to)?;
        (from < to && from < MINUTES_PER_DAY).then_some(Interval { from, to })
    }

    fn overlaps(self, other: Interval) -> bool {
        self.from < other.to && other.from < self.to
    }
}

fn minutes((hour, minute): (u8, u8)) -> Option<u16> {
    let total = u16::from(hour) * 60 + u16::from(minute);
    (minute < 60 && total <= MINUTES_PER_DAY).then_some(total)
}

fn clock_text(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// A day off: one date, or the same month and day every year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Holiday {
    pub date: Date,
    pub yearly: bool,
}

/// A validated business calendar. Build one with [`BusinessCalendar::new`] or
/// [`BusinessCalendar::from_json`].
#[derive(Debug, Clone)]
pub struct BusinessCalendar {
    zone_name: String,
    zone: TimeZone,
    /// Monday first, each day's intervals in order and apart.
    hours: [Vec<Interval>; 7],
    holidays: Vec<Holiday>,
    dates: BTreeSet<Date>,
    yearly: BTreeSet<(i8, i8)>,
    /// Open every minute of every day: business time is real time.
    always_open: bool,
}

impl PartialEq for BusinessCalendar {
    fn eq(&self, other: &Self) -> bool {
        self.zone_name == other.zone_name
            && self.hours == other.hours
            && self.holidays == other.holidays
    }
}

impl Eq for BusinessCalendar {}

impl BusinessCalendar {
    /// A calendar in the IANA zone `time_zone` with each weekday's intervals (Monday
    /// first) and its holidays; refused with each problem under the field the JSON form
    /// names (`hours.monday[1]`).
    pub fn new(
        time_zone: &str,
        hours: [Vec<Interval>; 7],
        holidays: Vec<Holiday>,
    ) -> Result<BusinessCalendar, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let zone = match TimeZone::get(time_zone) {
            Ok(zone) => Some(zone),
            Err(_) => {
                errors.add("time_zone", Problem::BadTimeZone);
                None
            }
        };
        let mut sorted: [Vec<Interval>; 7] = Default::default();
        for (day, intervals) in hours.iter().enumerate() {
            let name = WEEKDAY_NAMES[day];
            if intervals.len() > MAX_INTERVALS_PER_DAY {
                errors.add(
                    format!("hours.{name}"),
                    Problem::TooMany {
                        max: MAX_INTERVALS_PER_DAY,
                    },
                );
                continue;
            }
            for (i, interval) in intervals.iter().enumerate() {
                if let Some(earlier) = intervals[..i].iter().find(|e| e.overlaps(*interval)) {
                    errors.add(format!("hours.{name}[{i}]"), overlap(*interval, *earlier));
                }
            }
            let mut day_hours = intervals.clone();
            day_hours.sort();
            sorted[day] = day_hours;
        }
        if hours.iter().all(Vec::is_empty) {
            errors.add("hours", Problem::Empty);
        }
        if holidays.len() > MAX_HOLIDAYS {
            errors.add("holidays", Problem::TooMany { max: MAX_HOLIDAYS });
        }
        let (Some(zone), true) = (zone, errors.is_empty()) else {
            return Err(errors);
        };
        let mut holidays = holidays;
        holidays.sort();
        holidays.dedup();
        let dates = holidays
            .iter()
            .filter(|h| !h.yearly)
            .map(|h| h.date)
            .collect();
        let yearly = holidays
            .iter()
            .filter(|h| h.yearly)
            .map(|h| (h.date.month(), h.date.day()))
            .collect();
        let whole_day = [Interval {
            from: 0,
            to: MINUTES_PER_DAY,
        }];
        let always_open = holidays.is_empty() && sorted.iter().all(|d| d[..] == whole_day);
        Ok(BusinessCalendar {
            // The zone's own name, so "europe/oslo" is kept as "Europe/Oslo".
            zone_name: zone.iana_name().unwrap_or(time_zone).to_string(),
            zone,
            hours: sorted,
            holidays,
            dates,
            yearly,
            always_open,
        })
    }

    /// A calendar open around the clock every day, in UTC.
    pub fn always_open() -> BusinessCalendar {
        let day = vec![Interval {
            from: 0,
            to: MINUTES_PER_DAY,
        }];
        BusinessCalendar {
            zone_name: "UTC".into(),
            zone: TimeZone::UTC,
            hours: std::array::from_fn(|_| day.clone()),
            holidays: Vec::new(),
            dates: BTreeSet::new(),
            yearly: BTreeSet::new(),
            always_open: true,
        }
    }

    pub fn time_zone(&self) -> &str {
        &self.zone_name
    }

    /// Whether the calendar is open around the clock with no holidays.
    pub fn is_always_open(&self) -> bool {
        self.always_open
    }

    /// Whether `date` is a holiday, listed for that date or yearly on its month and day.
    pub fn is_holiday(&self, date: Date) -> bool {
        self.dates.contains(&date) || self.yearly.contains(&(date.month(), date.day()))
    }

    /// Whether the calendar is open at `at`.
    pub fn is_open(&self, at: Timestamp) -> bool {
        self.always_open
            || self
                .open_from(at)
                .next()
                .is_some_and(|(start, _)| start == at)
    }

    /// The instant when `business` worth of open time has passed after `start`. A start
    /// outside open hours counts from the next opening, so adding nothing to it gives that
    /// opening, and adding nothing inside open hours gives `start` itself. A duration that
    /// ends exactly when an interval closes gives that closing time. `None` when the
    /// calendar never has that much open time again (past the last instant jiff knows, or
    /// after decades of holidays).
    pub fn add(&self, start: Timestamp, business: Duration) -> Option<Timestamp> {
        if self.always_open {
            return start.checked_add(business).ok();
        }
        let mut left = business;
        for (from, to) in self.open_from(start) {
            let length = to.duration_since(from).unsigned_abs();
            if left <= length {
                return from.checked_add(left).ok();
            }
            left -= length;
        }
        None
    }

    /// The open time between `a` and `b`; nothing when `b` is not after `a`.
    pub fn between(&self, a: Timestamp, b: Timestamp) -> Duration {
        if b <= a {
            return Duration::ZERO;
        }
        if self.always_open {
            return b.duration_since(a).unsigned_abs();
        }
        let mut total = Duration::ZERO;
        for (from, to) in self.open_from(a) {
            if from >= b {
                break;
            }
            total += to.min(b).duration_since(from).unsigned_abs();
        }
        total
    }

    /// The open intervals from `start` on, in order, apart and non-empty, the first one
    /// cut to begin no earlier than `start`.
    fn open_from(&self, start: Timestamp) -> impl Iterator<Item = (Timestamp, Timestamp)> + '_ {
        // The day before is looked at too, since clock changes can move a local day's
        // hours across midnight.
        let mut date = self.zone.to_datetime(start).date().yesterday().ok();
        let mut floor = start;
        let mut today: Vec<(Timestamp, Timestamp)> = Vec::new();
        let mut next = 0;
        let mut closed_days = 0u32;
        std::iter::from_fn(move || {
            loop {
                if let Some(&interval) = today.get(next) {
                    next += 1;
                    return Some(interval);
                }
                let day = date?;
                date = day.tomorrow().ok();
                today.clear();
                next = 0;
                if !self.is_holiday(day) {
                    let weekday = day.weekday().to_monday_zero_offset() as usize;
                    for interval in &self.hours[weekday] {
                        let (Some(from), Some(to)) = (
                            self.instant(day, interval.from),
                            self.instant(day, interval.to),
                        ) else {
                            continue;
                        };
                        // A clock change may map a later local time to an earlier instant;
                        // intervals are kept in order and apart by never going back.
                        let from = from.max(floor);
                        if to > from {
                            today.push((from, to));
                            floor = to;
                        }
                    }
                }
                if today.is_empty() {
                    closed_days += 1;
                    if closed_days > MAX_CLOSED_DAYS {
                        return None;
                    }
                } else {
                    closed_days = 0;
                }
            }
        })
    }

    /// The instant of `minutes` after local midnight of `day`; a local time skipped by a
    /// clock change is read as the same time after it, as RFC 5545 does.
    fn instant(&self, day: Date, minutes: u16) -> Option<Timestamp> {
        let datetime = if minutes >= MINUTES_PER_DAY {
            day.tomorrow().ok()?.to_datetime(Time::MIN)
        } else {
            let hour = i8::try_from(minutes / 60).ok()?;
            let minute = i8::try_from(minutes % 60).ok()?;
            DateTime::from_parts(day, Time::new(hour, minute, 0, 0).ok()?)
        };
        self.zone.to_ambiguous_timestamp(datetime).compatible().ok()
    }

    /// Reads the JSON the API takes:
    /// `{"time_zone": "Europe/Oslo", "hours": {"monday": [{"from": "09:00", "to": "17:00"}]},
    /// "holidays": [{"date": "2026-12-25", "yearly": true}]}`. Weekdays left out are
    /// closed; every problem is named by its field, such as `hours.monday[0].to`.
    pub fn from_json(value: &Value) -> Result<BusinessCalendar, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let Some(object) = value.as_object() else {
            return Err(ValidationErrors::one("", Problem::NotAnObject));
        };
        for key in object.keys() {
            if !KEYS.contains(&key.as_str()) {
                errors.add(key.clone(), Problem::UnknownField);
            }
        }
        let time_zone = match object.get("time_zone") {
            None | Some(Value::Null) => {
                errors.add("time_zone", Problem::Required);
                None
            }
            Some(Value::String(name)) => Some(name.as_str()),
            Some(_) => {
                errors.add("time_zone", Problem::NotAString);
                None
            }
        };
        let hours = read_hours(object.get("hours"), &mut errors);
        let holidays = read_holidays(object.get("holidays"), &mut errors);
        // Without a usable zone the rest is still checked, so every problem is named at once.
        let time_zone = time_zone.unwrap_or("UTC");
        match BusinessCalendar::new(time_zone, hours, holidays) {
            Ok(calendar) if errors.is_empty() => Ok(calendar),
            Ok(_) => Err(errors),
            Err(more) => {
                // A field refused while reading is not refused again, and hours are not
                // called empty when some were refused.
                let hours_refused = errors.0.iter().any(|e| e.field.starts_with("hours"));
                for e in more.0 {
                    let known = errors.0.iter().any(|k| k.field == e.field);
                    let empty_after_refusal = hours_refused && e.field == "hours";
                    if !known && !empty_after_refusal {
                        errors.0.push(e);
                    }
                }
                Err(errors)
            }
        }
    }

    /// The calendar as [`BusinessCalendar::from_json`] reads it, every weekday listed.
    pub fn to_json(&self) -> Value {
        let mut hours = Map::new();
        for (day, intervals) in self.hours.iter().enumerate() {
            let list: Vec<Value> = intervals
                .iter()
                .map(|i| json!({"from": clock_text(i.from), "to": clock_text(i.to)}))
                .collect();
            hours.insert(WEEKDAY_NAMES[day].to_string(), Value::from(list));
        }
        let holidays: Vec<Value> = self
            .holidays
            .iter()
            .map(|h| json!({"date": h.date.to_string(), "yearly": h.yearly}))
            .collect();
        json!({"time_zone": self.zone_name, "hours": hours, "holidays": holidays})
    }
}

fn overlap(interval: Interval, earlier: Interval) -> Problem {
    Problem::KeyNotAllowed {
        key: format!("{}–{}", clock_text(interval.from), clock_text(interval.to)),
        allowed: format!(
            "hours that do not overlap {}–{}",
            clock_text(earlier.from),
            clock_text(earlier.to)
        ),
    }
}

fn read_hours(value: Option<&Value>, errors: &mut ValidationErrors) -> [Vec<Interval>; 7] {
    let mut hours: [Vec<Interval>; 7] = Default::default();
    let object = match value {
        None | Some(Value::Null) => {
            errors.add("hours", Problem::Required);
            return hours;
        }
        Some(Value::Object(object)) => object,
        Some(_) => {
            errors.add("hours", Problem::NotAnObject);
            return hours;
        }
    };
    for (key, list) in object {
        let Some(day) = WEEKDAY_NAMES.iter().position(|n| n == key) else {
            errors.add(
                format!("hours.{key}"),
                Problem::KeyNotAllowed {
                    key: key.clone(),
                    allowed: WEEKDAY_NAMES.join(", "),
                },
            );
            continue;
        };
        let field = format!("hours.{key}");
        let items = match list {
            Value::Null => continue,
            Value::Array(items) => items,
            _ => {
                errors.add(field, Problem::NotAList);
                continue;
            }
        };
        if items.len() > MAX_INTERVALS_PER_DAY {
            errors.add(
                field,
                Problem::TooMany {
                    max: MAX_INTERVALS_PER_DAY,
                },
            );
            continue;
        }
        let mut intervals = Vec::new();
        let mut whole = true;
        for (i, item) in items.iter().enumerate() {
            match read_interval(item, &format!("{field}[{i}]"), errors) {
                Some(interval) => intervals.push(interval),
                None => whole = false,
            }
        }
        // Overlaps are only judged among intervals that could all be read.
        if whole {
            hours[day] = intervals;
        }
    }
    hours
}

fn read_interval(value: &Value, field: &str, errors: &mut ValidationErrors) -> Option<Interval> {
    let Some(object) = value.as_object() else {
        errors.add(field, Problem::NotAnObject);
        return None;
    };
    let before = errors.0.len();
    for key in object.keys() {
        if !INTERVAL_KEYS.contains(&key.as_str()) {
            errors.add(format!("{field}.{key}"), Problem::UnknownField);
        }
    }
    let from = read_clock(object.get("from"), &format!("{field}.from"), false, errors);
    let to = read_clock(object.get("to"), &format!("{field}.to"), true, errors);
    if errors.0.len() > before {
        return None;
    }
    let (from, to) = (from?, to?);
    if to <= from {
        errors.add(
            format!("{field}.to"),
            Problem::DecimalRange {
                min: clock_text(from + 1),
                max: clock_text(MINUTES_PER_DAY),
            },
        );
        return None;
    }
    Some(Interval { from, to })
}

/// Reads `HH:MM`; only an interval's end may be 24:00.
fn read_clock(
    value: Option<&Value>,
    field: &str,
    end: bool,
    errors: &mut ValidationErrors,
) -> Option<u16> {
    let text = match value {
        None | Some(Value::Null) => {
            errors.add(field, Problem::Required);
            return None;
        }
        Some(Value::String(text)) => text,
        Some(_) => {
            errors.add(field, Problem::NotAString);
            return None;
        }
    };
    let last = if end {
        MINUTES_PER_DAY
    } else {
        MINUTES_PER_DAY - 1
    };
    let parsed = parse_clock(text).filter(|m| *m <= last);
    if parsed.is_none() {
        errors.add(
            field,
            Problem::DecimalRange {
                min: clock_text(0),
                max: clock_text(last),
            },
        );
    }
    parsed
}

fn parse_clock(text: &str) -> Option<u16> {
    let (hour, minute) = text.split_once(':')?;
    let digits = |s: &str| s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(hour) || !digits(minute) {
        return None;
    }
    minutes((hour.parse().ok()?, minute.parse().ok()?))
}

fn read_holidays(value: Option<&Value>, errors: &mut ValidationErrors) -> Vec<Holiday> {
    let items = match value {
        None | Some(Value::Null) => return Vec::new(),
        Some(Value::Array(items)) => items,
        Some(_) => {
            errors.add("holidays", Problem::NotAList);
            return Vec::new();
        }
    };
    if items.len() > MAX_HOLIDAYS {
        errors.add("holidays", Problem::TooMany { max: MAX_HOLIDAYS });
        return Vec::new();
    }
    let mut holidays = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let field = format!("holidays[{i}]");
        let Some(object) = item.as_object() else {
            errors.add(field, Problem::NotAnObject);
            continue;
        };
        for key in object.keys() {
            if !HOLIDAY_KEYS.contains(&key.as_str()) {
                errors.add(format!("{field}.{key}"), Problem::UnknownField);
            }
        }
        let date = match object.get("date") {
            None | Some(Value::Null) => {
                errors.add(format!("{field}.date"), Problem::Required);
                None
            }
            Some(Value::String(text)) => {
                let date = parse_date(text);
                if date.is_none() {
                    errors.add(format!("{field}.date"), Problem::NotADate);
                }
                date
            }
            Some(_) => {
                errors.add(format!("{field}.date"), Problem::NotADate);
                None
            }
        };
        let yearly = match object.get("yearly") {
            None | Some(Value::Null) => Some(false),
            Some(Value::Bool(yearly)) => Some(*yearly),
            Some(_) => {
                errors.add(format!("{field}.yearly"), Problem::NotABool);
                None
            }
        };
        if let (Some(date), Some(yearly)) = (date, yearly) {
            holidays.push(Holiday { date, yearly });
        }
    }
    holidays
}

/// Only the plain `YYYY-MM-DD` form: a date with a time or an offset is refused.
fn parse_date(text: &str) -> Option<Date> {
    if text.len() != 10 {
        return None;
    }
    text.parse().ok()
}

impl serde::Serialize for BusinessCalendar {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to_json().serialize(s)
    }
}

impl<'de> serde::Deserialize<'de> for BusinessCalendar {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(d)?;
        BusinessCalendar::from_json(&value).map_err(|e| serde::de::Error::custom(e.summary()))
    }
}

#[cfg(test)]
pub(crate) mod strategy {
    //! Arbitrary JSON built from the words the parsers of calendars, SLA policies and
    //! routing rules look for, so their property tests reach deep into each shape.

    use proptest::prelude::*;
    use serde_json::{Map, Value};

    const WORDS: [&str; 40] = [
        "time_zone",
        "hours",
        "holidays",
        "monday",
        "sunday",
        "from",
        "to",
        "date",
        "yearly",
        "09:00",
        "17:00",
        "24:00",
        "Europe/Oslo",
        "UTC",
        "2026-12-25",
        "targets",
        "warning",
        "priority",
        "tier",
        "first_response_minutes",
        "resolution_minutes",
        "at_percent",
        "minutes_before",
        "urgent",
        "name",
        "position",
        "conditions",
        "actions",
        "field",
        "op",
        "value",
        "subject",
        "contains",
        "in",
        "is_set",
        "action",
        "set_queue",
        "add_tags",
        "01900000-0000-7000-8000-000000000001",
        "",
    ];

    fn word() -> impl Strategy<Value = String> {
        prop_oneof![
            4 => (0usize..WORDS.len()).prop_map(|i| WORDS[i].to_string()),
            1 => "\\PC{0,12}",
        ]
    }

    pub fn json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            (-5i64..2000).prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            word().prop_map(Value::from),
        ];
        leaf.prop_recursive(5, 64, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::from),
                proptest::collection::vec((word(), inner), 0..6)
                    .prop_map(|pairs| Value::Object(pairs.into_iter().collect::<Map<_, _>>())),
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::SignedDuration;
    use jiff::civil::date;
    use proptest::prelude::*;

    fn ts(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn signed(d: Duration) -> SignedDuration {
        SignedDuration::try_from(d).unwrap()
    }

    fn hours(n: u64) -> Duration {
        Duration::from_secs(n * 3600)
    }

    fn office(zone: &str, holidays: Vec<Holiday>) -> BusinessCalendar {
        let day = vec![Interval::new((9, 0), (17, 0)).unwrap()];
        let mut week: [Vec<Interval>; 7] = Default::default();
        for d in week.iter_mut().take(5) {
            *d = day.clone();
        }
        BusinessCalendar::new(zone, week, holidays).unwrap()
    }

    fn oslo() -> BusinessCalendar {
        office("Europe/Oslo", Vec::new())
    }

    fn fields(errors: &ValidationErrors) -> Vec<&str> {
        errors.0.iter().map(|e| e.field.as_str()).collect()
    }

    #[test]
    fn adding_within_a_day_stays_in_it() {
        // Tuesday 1 December 2026, 10:00 in Oslo (UTC+1).
        let cal = oslo();
        assert_eq!(
            cal.add(ts("2026-12-01T09:00:00Z"), hours(2)),
            Some(ts("2026-12-01T11:00:00Z"))
        );
        assert_eq!(
            cal.between(ts("2026-12-01T09:00:00Z"), ts("2026-12-01T11:00:00Z")),
            hours(2)
        );
    }

    #[test]
    fn a_start_outside_hours_counts_from_the_next_opening() {
        let cal = oslo();
        // 20:00 local on a Tuesday: counting starts on Wednesday at 09:00 (08:00Z).
        let evening = ts("2026-12-01T19:00:00Z");
        assert_eq!(
            cal.add(evening, Duration::ZERO),
            Some(ts("2026-12-02T08:00:00Z"))
        );
        assert_eq!(cal.add(evening, hours(1)), Some(ts("2026-12-02T09:00:00Z")));
        // Exactly at closing time is closed.
        assert_eq!(
            cal.add(ts("2026-12-01T16:00:00Z"), Duration::ZERO),
            Some(ts("2026-12-02T08:00:00Z"))
        );
    }

    #[test]
    fn a_duration_that_ends_at_closing_time_lands_on_it() {
        let cal = oslo();
        assert_eq!(
            cal.add(ts("2026-12-01T08:00:00Z"), hours(8)),
            Some(ts("2026-12-01T16:00:00Z"))
        );
    }

    #[test]
    fn weekends_are_skipped() {
        let cal = oslo();
        // Friday 4 December at 16:00 local plus two hours: Monday at 10:00.
        assert_eq!(
            cal.add(ts("2026-12-04T15:00:00Z"), hours(2)),
            Some(ts("2026-12-07T09:00:00Z"))
        );
        assert_eq!(
            cal.between(ts("2026-12-04T15:00:00Z"), ts("2026-12-07T09:00:00Z")),
            hours(2)
        );
        assert_eq!(
            cal.between(ts("2026-12-05T00:00:00Z"), ts("2026-12-06T23:00:00Z")),
            Duration::ZERO
        );
    }

    #[test]
    fn holidays_are_skipped_and_yearly_ones_every_year() {
        let christmas = Holiday {
            date: date(2020, 12, 25),
            yearly: true,
        };
        let once = Holiday {
            date: date(2026, 12, 24),
            yearly: false,
        };
        let cal = office("Europe/Oslo", vec![christmas, once]);
        assert!(cal.is_holiday(date(2026, 12, 25)));
        assert!(cal.is_holiday(date(2031, 12, 25)));
        assert!(cal.is_holiday(date(2026, 12, 24)));
        assert!(!cal.is_holiday(date(2027, 12, 24)));
        // Wednesday 23 December 2026, 16:00 local, plus two hours: Thursday 24th and
        // Friday 25th are off, the weekend too, so Monday 28th at 10:00.
        assert_eq!(
            cal.add(ts("2026-12-23T15:00:00Z"), hours(2)),
            Some(ts("2026-12-28T09:00:00Z"))
        );
        // In 2027 the 24th is a Friday and open.
        assert_eq!(
            cal.add(ts("2027-12-23T15:00:00Z"), hours(2)),
            Some(ts("2027-12-24T09:00:00Z"))
        );
    }

    #[test]
    fn an_opening_stays_at_its_local_time_across_clock_changes() {
        let cal = oslo();
        // Friday 27 March 2026, 16:00 local (UTC+1), plus two hours. The clocks go forward
        // on Sunday 29 March, so Monday's 09:00 is 07:00Z.
        assert_eq!(
            cal.add(ts("2026-03-27T15:00:00Z"), hours(2)),
            Some(ts("2026-03-30T08:00:00Z"))
        );
        // And back on Sunday 25 October: Monday's 09:00 is 08:00Z again.
        assert_eq!(
            cal.add(ts("2026-10-23T14:00:00Z"), hours(2)),
            Some(ts("2026-10-26T09:00:00Z"))
        );
    }

    #[test]
    fn hours_across_a_clock_change_count_real_time() {
        // Open all Sunday: the day the clocks go forward has 23 hours, the day they go
        // back 25.
        let mut week: [Vec<Interval>; 7] = Default::default();
        week[6] = vec![Interval::new((0, 0), (24, 0)).unwrap()];
        let cal = BusinessCalendar::new("Europe/Oslo", week, Vec::new()).unwrap();
        let spring = cal.between(ts("2026-03-28T00:00:00Z"), ts("2026-03-30T00:00:00Z"));
        assert_eq!(spring, hours(23));
        let autumn = cal.between(ts("2026-10-24T00:00:00Z"), ts("2026-10-26T00:00:00Z"));
        assert_eq!(autumn, hours(25));
    }

    #[test]
    fn hours_inside_a_skipped_hour_keep_order() {
        // 02:00–03:00 does not exist on 29 March 2026 in Oslo.
        let mut week: [Vec<Interval>; 7] = Default::default();
        week[6] = vec![
            Interval::new((1, 0), (2, 30)).unwrap(),
            Interval::new((2, 30), (3, 0)).unwrap(),
            Interval::new((3, 0), (4, 0)).unwrap(),
        ];
        let cal = BusinessCalendar::new("Europe/Oslo", week, Vec::new()).unwrap();
        // From 01:00 (00:00Z) to 04:00 (02:00Z) is two real hours, counted once.
        let open = cal.between(ts("2026-03-28T12:00:00Z"), ts("2026-03-30T00:00:00Z"));
        assert_eq!(open, hours(2));
    }

    #[test]
    fn an_always_open_calendar_counts_real_time() {
        let cal = BusinessCalendar::always_open();
        assert!(cal.is_always_open());
        let a = ts("2026-03-28T10:00:00Z");
        assert_eq!(cal.add(a, hours(50)), Some(ts("2026-03-30T12:00:00Z")));
        assert_eq!(cal.between(a, ts("2026-03-30T12:00:00Z")), hours(50));
        // Around the clock in a zone with clock changes is still real time.
        let json = json!({"time_zone": "Europe/Oslo", "hours": {
            "monday": [{"from": "00:00", "to": "24:00"}],
            "tuesday": [{"from": "00:00", "to": "24:00"}],
            "wednesday": [{"from": "00:00", "to": "24:00"}],
            "thursday": [{"from": "00:00", "to": "24:00"}],
            "friday": [{"from": "00:00", "to": "24:00"}],
            "saturday": [{"from": "00:00", "to": "24:00"}],
            "sunday": [{"from": "00:00", "to": "24:00"}]}});
        let oslo = BusinessCalendar::from_json(&json).unwrap();
        assert!(oslo.is_always_open());
        assert_eq!(oslo.add(a, hours(50)), Some(ts("2026-03-30T12:00:00Z")));
    }

    #[test]
    fn a_calendar_closed_for_ever_answers_none() {
        // Open only on Mondays, and every date of the year is a yearly holiday.
        let mut week: [Vec<Interval>; 7] = Default::default();
        week[0] = vec![Interval::new((9, 0), (17, 0)).unwrap()];
        let all: Vec<Holiday> = (0..366)
            .map(|i| Holiday {
                date: date(2024, 1, 1)
                    .checked_add(jiff::Span::new().days(i))
                    .unwrap(),
                yearly: true,
            })
            .collect();
        let cal = BusinessCalendar::new("UTC", week, all).unwrap();
        assert_eq!(cal.add(ts("2026-01-01T00:00:00Z"), hours(1)), None);
        assert_eq!(
            cal.between(ts("2026-01-01T00:00:00Z"), ts("2027-01-01T00:00:00Z")),
            Duration::ZERO
        );
    }

    #[test]
    fn the_json_form_round_trips() {
        let text = r#"{"time_zone":"Europe/Oslo",
            "hours":{"monday":[{"from":"13:00","to":"17:00"},{"from":"08:00","to":"12:00"}],
                     "saturday":[],"friday":null},
            "holidays":[{"date":"2026-12-25","yearly":true},{"date":"2026-12-24"}]}"#;
        let cal: BusinessCalendar = serde_json::from_str(text).unwrap();
        let json = serde_json::to_value(&cal).unwrap();
        assert_eq!(
            json["hours"]["monday"],
            json!([{"from": "08:00", "to": "12:00"}, {"from": "13:00", "to": "17:00"}])
        );
        assert_eq!(json["hours"]["tuesday"], json!([]));
        assert_eq!(
            json["holidays"],
            json!([{"date": "2026-12-24", "yearly": false}, {"date": "2026-12-25", "yearly": true}])
        );
        let again: BusinessCalendar = serde_json::from_value(json).unwrap();
        assert_eq!(again, cal);
        let lower = json!({"time_zone": "europe/oslo", "hours": {
            "monday": [{"from": "09:00", "to": "17:00"}]}});
        let cal = BusinessCalendar::from_json(&lower).unwrap();
        assert_eq!(cal.time_zone(), "Europe/Oslo");
    }

    #[test]
    fn bad_json_is_refused_by_field() {
        let bad = json!({
            "time_zone": "Mars/Olympus",
            "hours": {
                "monday": [{"from": "09:00", "to": "12:00"}, {"from": "11:00", "to": "13:00"}],
                "tuesday": [{"from": "9:00", "to": "17:00"}],
                "wednesday": [{"from": "17:00", "to": "09:00"}],
                "thursday": [{"from": "24:00", "to": "24:00"}, "x"],
                "friday": {"from": "09:00"},
                "funday": [],
                "sunday": [{"from": "09:00", "to": "24:01", "note": 1}]
            },
            "holidays": [{"date": "2026-02-30"}, {"date": "2026-12-25", "yearly": "yes"}, 7],
            "colour": "red"
        });
        let errors = BusinessCalendar::from_json(&bad).unwrap_err();
        let mut got = fields(&errors);
        got.sort();
        assert_eq!(
            got,
            [
                "colour",
                "holidays[0].date",
                "holidays[1].yearly",
                "holidays[2]",
                "hours.friday",
                "hours.funday",
                "hours.monday[1]",
                "hours.sunday[0].note",
                "hours.sunday[0].to",
                "hours.thursday[0].from",
                "hours.thursday[1]",
                "hours.tuesday[0].from",
                "hours.wednesday[0].to",
                "time_zone",
            ]
        );
        // The overlap is found once the zone is known.
        let overlapping = json!({"time_zone": "UTC", "hours": {
            "monday": [{"from": "09:00", "to": "12:00"}, {"from": "11:00", "to": "13:00"}]}});
        let errors = BusinessCalendar::from_json(&overlapping).unwrap_err();
        assert_eq!(fields(&errors), ["hours.monday[1]"]);
        assert!(errors.0[0].message.contains("09:00–12:00"));
        let to = errors.0[0].message.clone();
        assert!(to.contains("11:00–13:00"), "{to}");
        let wednesday = json!({"time_zone": "UTC", "hours": {
            "wednesday": [{"from": "17:00", "to": "09:00"}]}});
        let errors = BusinessCalendar::from_json(&wednesday).unwrap_err();
        assert_eq!(
            errors.0[0].message, "must be a number from 17:01 to 24:00",
            "names the range a closing time may take"
        );
    }

    #[test]
    fn a_calendar_needs_open_hours_and_a_zone() {
        let errors = BusinessCalendar::from_json(&json!({"hours": {}})).unwrap_err();
        assert_eq!(fields(&errors), ["time_zone", "hours"]);
        let errors = BusinessCalendar::from_json(&json!({"time_zone": 1, "hours": {
            "monday": [{"from": "09:00", "to": "12:00"}, {"from": "11:00", "to": "13:00"}]}}))
        .unwrap_err();
        assert_eq!(fields(&errors), ["time_zone", "hours.monday[1]"]);
        let errors =
            BusinessCalendar::from_json(&json!({"time_zone": "UTC", "hours": {"monday": []}}))
                .unwrap_err();
        assert_eq!(fields(&errors), ["hours"]);
        assert_eq!(errors.0[0].problem, Problem::Empty);
        let errors = BusinessCalendar::from_json(&json!({"time_zone": "UTC"})).unwrap_err();
        assert_eq!(errors.0[0].problem, Problem::Required);
        let errors = BusinessCalendar::from_json(&json!([])).unwrap_err();
        assert_eq!(errors.0[0].problem, Problem::NotAnObject);
        let many: Vec<Value> = (0..=MAX_HOLIDAYS)
            .map(|_| json!({"date": "2026-01-01"}))
            .collect();
        let errors = BusinessCalendar::from_json(&json!({"time_zone": "UTC",
            "hours": {"monday": [{"from": "09:00", "to": "17:00"}]}, "holidays": many}))
        .unwrap_err();
        assert_eq!(fields(&errors), ["holidays"]);
    }

    #[test]
    fn deserialising_bad_json_says_what_is_wrong() {
        let err = serde_json::from_str::<BusinessCalendar>(r#"{"time_zone":"Nowhere","hours":{}}"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("time_zone: is not a known time zone"), "{err}");
    }

    /// Calendars with one to three intervals on some weekdays, in a few zones with and
    /// without clock changes, with some holidays.
    fn calendar() -> impl Strategy<Value = BusinessCalendar> {
        let zone = prop_oneof![
            Just("UTC"),
            Just("Europe/Oslo"),
            Just("America/New_York"),
            Just("Australia/Lord_Howe"),
            Just("Asia/Kolkata"),
        ];
        let day = proptest::collection::btree_set(0u16..=96, 0..=6).prop_map(|cuts| {
            // Sorted quarter-hour cuts paired up give intervals in order and apart.
            let cuts: Vec<u16> = cuts.into_iter().map(|c| c * 15).collect();
            cuts.chunks_exact(2)
                .map(|p| Interval {
                    from: p[0],
                    to: p[1],
                })
                .collect::<Vec<_>>()
        });
        let week = proptest::array::uniform7(day);
        let holidays = proptest::collection::vec(
            (0i64..900, any::<bool>()).prop_map(|(offset, yearly)| Holiday {
                date: date(2025, 1, 1)
                    .checked_add(jiff::Span::new().days(offset))
                    .unwrap(),
                yearly,
            }),
            0..8,
        );
        (zone, week, holidays).prop_filter_map("some open hours", |(zone, week, holidays)| {
            BusinessCalendar::new(zone, week, holidays).ok()
        })
    }

    fn instant() -> impl Strategy<Value = Timestamp> {
        // 2025 to 2027, to the second, with some instants on whole quarter hours.
        prop_oneof![
            (1_735_689_600i64..1_830_297_600).prop_map(|s| Timestamp::from_second(s).unwrap()),
            (1_927_000i64..2_033_000).prop_map(|q| Timestamp::from_second(q * 900).unwrap()),
        ]
    }

    fn duration() -> impl Strategy<Value = Duration> {
        prop_oneof![
            Just(Duration::ZERO),
            (0u64..200 * 3600).prop_map(Duration::from_secs),
            (0u64..40).prop_map(|q| Duration::from_secs(q * 900)),
            (0u64..1_000_000_000_000).prop_map(Duration::from_nanos),
        ]
    }

    /// Whether `at` is open, or the closing edge of an interval.
    fn open_or_closing(cal: &BusinessCalendar, at: Timestamp) -> bool {
        cal.is_open(at) || {
            let just_before = at - SignedDuration::from_nanos(1);
            cal.is_open(just_before)
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn between_undoes_add(cal in calendar(), a in instant(), d in duration()) {
            let end = cal.add(a, d).unwrap();
            prop_assert!(end >= a);
            prop_assert_eq!(cal.between(a, end), d);
        }

        #[test]
        fn add_is_monotonic(cal in calendar(), a in instant(), d1 in duration(), d2 in duration()) {
            let (short, long) = if d1 <= d2 { (d1, d2) } else { (d2, d1) };
            prop_assert!(cal.add(a, short).unwrap() <= cal.add(a, long).unwrap());
            let later = a + SignedDuration::from_secs(1800);
            prop_assert!(cal.add(a, long).unwrap() <= cal.add(later, long).unwrap());
        }

        #[test]
        fn between_is_monotonic_and_adds_up(cal in calendar(), a in instant(), x in 0i64..900_000, y in 0i64..900_000) {
            let b = a + SignedDuration::from_secs(x);
            let c = b + SignedDuration::from_secs(y);
            let ab = cal.between(a, b);
            let bc = cal.between(b, c);
            prop_assert_eq!(cal.between(a, c), ab + bc);
            prop_assert!(ab <= b.duration_since(a).unsigned_abs());
            prop_assert_eq!(cal.between(c, a), Duration::ZERO);
        }

        #[test]
        fn adding_nothing_inside_hours_is_identity(cal in calendar(), a in instant()) {
            let zero = cal.add(a, Duration::ZERO).unwrap();
            if cal.is_open(a) {
                prop_assert_eq!(zero, a);
            } else {
                prop_assert!(zero > a);
                prop_assert!(cal.is_open(zero), "lands on an opening");
                prop_assert_eq!(cal.between(a, zero), Duration::ZERO);
            }
        }

        #[test]
        fn add_never_lands_in_closed_time(cal in calendar(), a in instant(), d in duration()) {
            let end = cal.add(a, d).unwrap();
            if d.is_zero() {
                prop_assert!(cal.is_open(end));
            } else {
                prop_assert!(open_or_closing(&cal, end));
            }
        }

        #[test]
        fn always_open_agrees_with_counting_every_interval(a in instant(), d in duration()) {
            let fast = BusinessCalendar::always_open();
            // The same hours written as two intervals a day are counted the slow way.
            let halves = vec![
                Interval { from: 0, to: 720 },
                Interval { from: 720, to: MINUTES_PER_DAY },
            ];
            let slow = BusinessCalendar::new("UTC", std::array::from_fn(|_| halves.clone()), Vec::new()).unwrap();
            prop_assert!(!slow.is_always_open());
            prop_assert_eq!(fast.add(a, d), slow.add(a, d));
            let b = a + signed(d);
            prop_assert_eq!(fast.between(a, b), slow.between(a, b));
        }

        #[test]
        fn any_json_is_read_or_refused_by_field(value in strategy::json()) {
            match BusinessCalendar::from_json(&value) {
                Ok(cal) => prop_assert_eq!(BusinessCalendar::from_json(&cal.to_json()).unwrap(), cal),
                Err(errors) => prop_assert!(!errors.is_empty()),
            }
        }

        #[test]
        fn the_json_form_round_trips_for_any_calendar(cal in calendar()) {
            let again = BusinessCalendar::from_json(&cal.to_json()).unwrap();
            prop_assert_eq!(again, cal);
        }
    }
}
