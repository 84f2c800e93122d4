//! A rule's occurrences, computed on the local calendar of a time zone.
//!
//! The rule is laid out in periods (a day, a week from Monday, a month or a year, every
//! `interval` of them, counted from the start's). Each period names its dates; each date
//! at the start's local time of day becomes an instant by RFC 5545's reading of local
//! times: a time that a clock change skips moves forward by the gap, and a time that
//! happens twice is the first of the two.

use super::{End, Frequency, MonthlyOn, Recurrence};
use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use jiff::{Span, Timestamp};

/// The first occurrence strictly after `after`, if the rule has one.
pub fn next_after(
    rule: &Recurrence,
    start: Timestamp,
    after: Timestamp,
    tz: &TimeZone,
) -> Option<Timestamp> {
    Occurrences::from(rule, start, tz, after).find(|at| *at > after)
}

/// The occurrences at or after `from` and before `to`, at most `max` of them.
pub fn occurrences(
    rule: &Recurrence,
    start: Timestamp,
    from: Timestamp,
    to: Timestamp,
    tz: &TimeZone,
    max: usize,
) -> Vec<Timestamp> {
    Occurrences::from(rule, start, tz, from)
        .skip_while(|at| *at < from)
        .take_while(|at| *at < to)
        .take(max)
        .collect()
}

/// A rule's occurrences in order, each later than the one before.
#[derive(Debug, Clone)]
pub struct Occurrences {
    rule: Recurrence,
    tz: TimeZone,
    start: Timestamp,
    first_day: Date,
    time: Time,
    last_instant: Option<Timestamp>,
    last_day: Option<Date>,
    remaining: Option<u32>,
    /// The next period to lay out, counted from the start's.
    period: i64,
    /// The dates of the current period not yet given, the earliest last.
    pending: Vec<Date>,
    previous: Option<Timestamp>,
    started: bool,
    done: bool,
}

impl Occurrences {
    /// Every occurrence, the start first.
    pub fn new(rule: &Recurrence, start: Timestamp, tz: &TimeZone) -> Occurrences {
        let local = tz.to_datetime(start);
        let last_instant = match rule.end {
            End::Until(until) => until.last_instant(tz),
            _ => None,
        };
        Occurrences {
            rule: rule.clone(),
            tz: tz.clone(),
            start,
            first_day: local.date(),
            time: local.time(),
            last_instant,
            last_day: last_instant.map(|at| tz.to_datetime(at).date()),
            remaining: match rule.end {
                End::Count(count) => Some(count),
                _ => None,
            },
            period: 0,
            pending: Vec::new(),
            previous: None,
            started: false,
            done: false,
        }
    }

    /// The same occurrences, except that some of those before `from` may be left out so
    /// that a far-off `from` is reached without walking the periods before it.
    pub fn from(rule: &Recurrence, start: Timestamp, tz: &TimeZone, from: Timestamp) -> Self {
        let mut all = Occurrences::new(rule, start, tz);
        // A count is only known by counting from the start.
        if all.remaining.is_none() {
            let skip = all.period_before(tz.to_datetime(from).date());
            if skip > 0 {
                all.period = skip;
                all.started = true;
            }
        }
        all
    }

    /// A period that ends at least a day before `day`, or 0.
    fn period_before(&self, day: Date) -> i64 {
        let n = i64::from(self.rule.interval);
        let first = self.first_day;
        let periods = match self.rule.frequency {
            Frequency::Daily => days_between(first, day).div_euclid(n),
            Frequency::Weekly(_) => days_between(monday_of(first), day).div_euclid(7 * n),
            Frequency::Monthly(_) => (month_index(day) - month_index(first)).div_euclid(n),
            Frequency::Yearly => (i64::from(day.year()) - i64::from(first.year())).div_euclid(n),
        };
        (periods - 1).max(0)
    }

    /// Lays out the dates of period `k`; `false` once no later period can hold one.
    fn lay_out(&mut self, k: i64) -> bool {
        let mut days = Vec::with_capacity(7);
        let Some(base) = self.period_dates(k, &mut days) else {
            return false;
        };
        if self
            .last_day
            .is_some_and(|last| days_between(last, base) > 1)
        {
            return false;
        }
        let first = self.first_day;
        self.pending = days.into_iter().filter(|d| *d > first).rev().collect();
        true
    }

    /// Puts period `k`'s dates in `out`, in order, and answers the day the period begins;
    /// `None` when the period lies past the dates jiff knows.
    fn period_dates(&self, k: i64, out: &mut Vec<Date>) -> Option<Date> {
        let n = i64::from(self.rule.interval);
        let first = self.first_day;
        match self.rule.frequency {
            Frequency::Daily => {
                let day = add_days(first, k.checked_mul(n)?)?;
                out.push(day);
                Some(day)
            }
            Frequency::Weekly(weekdays) => {
                let monday = add_days(monday_of(first), k.checked_mul(n)?.checked_mul(7)?)?;
                if weekdays.is_empty() {
                    out.push(add_days(monday, weekday_offset(first))?);
                } else {
                    for day in weekdays.iter() {
                        out.push(add_days(monday, i64::from(day.to_monday_zero_offset()))?);
                    }
                }
                Some(monday)
            }
            Frequency::Monthly(on) => {
                let index = month_index(first).checked_add(k.checked_mul(n)?)?;
                let year = i16::try_from(index.div_euclid(12)).ok()?;
                let month = (index.rem_euclid(12) + 1) as i8;
                let first_of_month = Date::new(year, month, 1).ok()?;
                let day = match on {
                    MonthlyOn::StartDay => Date::new(year, month, first.day()).ok(),
                    MonthlyOn::Day(day) => Date::new(year, month, day as i8).ok(),
                    MonthlyOn::LastDay => Some(first_of_month.last_of_month()),
                    MonthlyOn::Weekday { nth, weekday } => first_of_month
                        .nth_weekday_of_month(nth.number(), weekday)
                        .ok(),
                };
                out.extend(day);
                Some(first_of_month)
            }
            Frequency::Yearly => {
                let year = i64::from(first.year()).checked_add(k.checked_mul(n)?)?;
                let year = i16::try_from(year).ok()?;
                let first_of_year = Date::new(year, 1, 1).ok()?;
                out.extend(Date::new(year, first.month(), first.day()).ok());
                Some(first_of_year)
            }
        }
    }

    fn give(&mut self, at: Timestamp) -> Option<Timestamp> {
        if let Some(remaining) = &mut self.remaining {
            if *remaining == 0 {
                self.done = true;
                return None;
            }
            *remaining -= 1;
        }
        self.previous = Some(at);
        Some(at)
    }
}

impl Iterator for Occurrences {
    type Item = Timestamp;

    fn next(&mut self) -> Option<Timestamp> {
        while !self.done {
            if !self.started {
                self.started = true;
                return self.give(self.start);
            }
            let Some(day) = self.pending.pop() else {
                let k = self.period;
                if !self.lay_out(k) {
                    self.done = true;
                } else {
                    self.period = k + 1;
                }
                continue;
            };
            let Ok(at) = self
                .tz
                .to_ambiguous_timestamp(day.to_datetime(self.time))
                .compatible()
            else {
                self.done = true;
                continue;
            };
            // Where a zone skipped a whole day, two dates can meet at one instant.
            if self.previous.is_some_and(|previous| at <= previous) {
                continue;
            }
            if self.last_instant.is_some_and(|last| at > last) {
                self.done = true;
                continue;
            }
            return self.give(at);
        }
        None
    }
}

fn days_between(from: Date, to: Date) -> i64 {
    to.duration_since(from).as_secs().div_euclid(86_400)
}

fn add_days(day: Date, days: i64) -> Option<Date> {
    day.checked_add(Span::new().try_days(days).ok()?).ok()
}

fn weekday_offset(day: Date) -> i64 {
    i64::from(day.weekday().to_monday_zero_offset())
}

fn monday_of(day: Date) -> Date {
    add_days(day, -weekday_offset(day)).unwrap_or(day)
}

fn month_index(day: Date) -> i64 {
    i64::from(day.year()) * 12 + i64::from(day.month()) - 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recurrence::{Nth, Until, Weekdays, strategy};
    use jiff::civil::{DateTime, date};
    use proptest::prelude::*;

    fn zone(name: &str) -> TimeZone {
        TimeZone::get(name).unwrap()
    }

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    /// A local time in `tz` as an instant.
    fn local(tz: &TimeZone, text: &str) -> Timestamp {
        let dt: DateTime = text.parse().unwrap();
        tz.to_ambiguous_timestamp(dt).compatible().unwrap()
    }

    fn rule(text: &str) -> Recurrence {
        Recurrence::from_rrule(text).unwrap()
    }

    fn first(rule: &Recurrence, start: Timestamp, tz: &TimeZone, n: usize) -> Vec<String> {
        Occurrences::new(rule, start, tz)
            .take(n)
            .map(|t| t.to_string())
            .collect()
    }

    fn local_days(rule: &Recurrence, start: Timestamp, tz: &TimeZone, n: usize) -> Vec<String> {
        Occurrences::new(rule, start, tz)
            .take(n)
            .map(|t| tz.to_datetime(t).to_string())
            .collect()
    }

    #[test]
    fn a_morning_task_stays_at_nine_across_oslo_clock_changes() {
        let oslo = zone("Europe/Oslo");
        let weekly = rule("FREQ=WEEKLY");
        let spring = local(&oslo, "2025-03-24T09:00");
        assert_eq!(
            first(&weekly, spring, &oslo, 3),
            [
                "2025-03-24T08:00:00Z",
                "2025-03-31T07:00:00Z",
                "2025-04-07T07:00:00Z"
            ]
        );
        let daily = rule("FREQ=DAILY");
        let autumn = local(&oslo, "2025-10-25T09:00");
        assert_eq!(
            first(&daily, autumn, &oslo, 3),
            [
                "2025-10-25T07:00:00Z",
                "2025-10-26T08:00:00Z",
                "2025-10-27T08:00:00Z"
            ]
        );
    }

    #[test]
    fn a_time_the_clocks_skip_moves_forward_and_a_repeated_time_is_the_first() {
        let oslo = zone("Europe/Oslo");
        let daily = rule("FREQ=DAILY");
        // 02:30 does not exist on 30 March 2025 in Oslo: it is read as 03:30 CEST.
        let start = local(&oslo, "2025-03-29T02:30");
        assert_eq!(
            first(&daily, start, &oslo, 3),
            [
                "2025-03-29T01:30:00Z",
                "2025-03-30T01:30:00Z",
                "2025-03-31T00:30:00Z"
            ]
        );
        // 02:30 happens twice on 26 October 2025: the first, still CEST, is taken.
        let start = local(&oslo, "2025-10-25T02:30");
        assert_eq!(
            first(&daily, start, &oslo, 3),
            [
                "2025-10-25T00:30:00Z",
                "2025-10-26T00:30:00Z",
                "2025-10-27T01:30:00Z"
            ]
        );
    }

    #[test]
    fn the_second_tuesday_in_new_york_keeps_its_local_time() {
        let new_york = zone("America/New_York");
        let monthly = rule("FREQ=MONTHLY;BYDAY=2TU;COUNT=4");
        let start = local(&new_york, "2025-01-14T10:00");
        assert_eq!(
            first(&monthly, start, &new_york, 10),
            [
                "2025-01-14T15:00:00Z",
                "2025-02-11T15:00:00Z",
                "2025-03-11T14:00:00Z",
                "2025-04-08T14:00:00Z"
            ]
        );
        let last_friday = rule("FREQ=MONTHLY;BYDAY=-1FR");
        let start = local(&new_york, "2025-10-31T16:30");
        assert_eq!(
            local_days(&last_friday, start, &new_york, 3),
            [
                "2025-10-31T16:30:00",
                "2025-11-28T16:30:00",
                "2025-12-26T16:30:00"
            ]
        );
    }

    #[test]
    fn the_31st_is_skipped_in_shorter_months_and_the_last_day_is_not() {
        let utc = TimeZone::UTC;
        let on_31st = rule("FREQ=MONTHLY");
        let start = at("2025-01-31T12:00:00Z");
        assert_eq!(
            first(&on_31st, start, &utc, 5),
            [
                "2025-01-31T12:00:00Z",
                "2025-03-31T12:00:00Z",
                "2025-05-31T12:00:00Z",
                "2025-07-31T12:00:00Z",
                "2025-08-31T12:00:00Z"
            ]
        );
        let last_day = rule("FREQ=MONTHLY;BYMONTHDAY=-1");
        let start = at("2024-01-31T12:00:00Z");
        assert_eq!(
            first(&last_day, start, &utc, 4),
            [
                "2024-01-31T12:00:00Z",
                "2024-02-29T12:00:00Z",
                "2024-03-31T12:00:00Z",
                "2024-04-30T12:00:00Z"
            ]
        );
        let on_30th = rule("FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=30");
        let start = at("2025-12-30T08:00:00Z");
        assert_eq!(
            first(&on_30th, start, &utc, 3),
            [
                "2025-12-30T08:00:00Z",
                "2026-04-30T08:00:00Z",
                "2026-06-30T08:00:00Z"
            ]
        );
    }

    #[test]
    fn the_29th_of_february_comes_in_leap_years_only() {
        let utc = TimeZone::UTC;
        let yearly = rule("FREQ=YEARLY");
        let start = at("2024-02-29T09:00:00Z");
        assert_eq!(
            first(&yearly, start, &utc, 3),
            [
                "2024-02-29T09:00:00Z",
                "2028-02-29T09:00:00Z",
                "2032-02-29T09:00:00Z"
            ]
        );
        // 2100 is not a leap year.
        let start = at("2096-02-29T09:00:00Z");
        assert_eq!(
            first(&yearly, start, &utc, 2),
            ["2096-02-29T09:00:00Z", "2104-02-29T09:00:00Z"]
        );
    }

    #[test]
    fn count_and_until_end_the_rule() {
        let oslo = zone("Europe/Oslo");
        let counted = rule("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=10");
        let start = local(&oslo, "2025-01-06T09:00");
        let all: Vec<String> = Occurrences::new(&counted, start, &oslo)
            .map(|t| oslo.to_datetime(t).date().to_string())
            .collect();
        assert_eq!(
            all,
            [
                "2025-01-06",
                "2025-01-09",
                "2025-01-20",
                "2025-01-23",
                "2025-02-03",
                "2025-02-06",
                "2025-02-17",
                "2025-02-20",
                "2025-03-03",
                "2025-03-06"
            ]
        );
        let last = local(&oslo, "2025-03-06T09:00");
        assert_eq!(next_after(&counted, start, last, &oslo), None);

        // UNTIL a date takes in that whole local day.
        let until_day = rule("FREQ=DAILY;UNTIL=20250303");
        let start = local(&oslo, "2025-03-01T23:30");
        assert_eq!(
            local_days(&until_day, start, &oslo, 10),
            [
                "2025-03-01T23:30:00",
                "2025-03-02T23:30:00",
                "2025-03-03T23:30:00"
            ]
        );
        // UNTIL an instant takes in an occurrence exactly at it.
        let until_instant = rule("FREQ=DAILY;UNTIL=20250303T080000Z");
        let start = local(&oslo, "2025-03-01T09:00");
        assert_eq!(
            first(&until_instant, start, &oslo, 10),
            [
                "2025-03-01T08:00:00Z",
                "2025-03-02T08:00:00Z",
                "2025-03-03T08:00:00Z"
            ]
        );
    }

    #[test]
    fn the_start_is_the_first_occurrence_even_off_the_rule() {
        let utc = TimeZone::UTC;
        let mondays = rule("FREQ=WEEKLY;BYDAY=MO");
        // 2025-01-08 is a Wednesday.
        let start = at("2025-01-08T10:00:00Z");
        assert_eq!(
            first(&mondays, start, &utc, 3),
            [
                "2025-01-08T10:00:00Z",
                "2025-01-13T10:00:00Z",
                "2025-01-20T10:00:00Z"
            ]
        );
    }

    #[test]
    fn a_window_far_from_the_start_is_reached_directly() {
        let oslo = zone("Europe/Oslo");
        let daily = rule("FREQ=DAILY;INTERVAL=3");
        let start = local(&oslo, "1990-01-01T09:00");
        let from = at("2090-06-01T00:00:00Z");
        let to = at("2090-06-10T00:00:00Z");
        let found = occurrences(&daily, start, from, to, &oslo, 10);
        assert_eq!(found.len(), 3);
        let walked: Vec<Timestamp> = Occurrences::new(&daily, start, &oslo)
            .skip_while(|t| *t < from)
            .take_while(|t| *t < to)
            .collect();
        assert_eq!(found, walked);
    }

    #[test]
    fn a_rule_that_never_falls_ends_instead_of_spinning() {
        let utc = TimeZone::UTC;
        // April has no 31st, and every 12 months is always April.
        let never = rule("FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=31");
        let start = at("2025-04-10T10:00:00Z");
        assert_eq!(first(&never, start, &utc, 3), ["2025-04-10T10:00:00Z"]);
        let bounded = rule("FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=31;UNTIL=20300101");
        assert_eq!(next_after(&bounded, start, start, &utc), None);
    }

    /// Whether `day` is one of the rule's dates, judged day by day rather than by periods.
    fn falls_on(rule: &Recurrence, first: Date, day: Date) -> bool {
        let n = i64::from(rule.interval());
        let days = |a: Date, b: Date| b.duration_since(a).as_hours() / 24;
        match rule.frequency() {
            Frequency::Daily => days(first, day) % n == 0,
            Frequency::Weekly(set) => {
                let set = if set.is_empty() {
                    Weekdays::empty().with(first.weekday())
                } else {
                    set
                };
                let monday = |d: Date| {
                    d.checked_sub(Span::new().days(d.weekday().to_monday_zero_offset()))
                        .unwrap()
                };
                set.contains(day.weekday()) && (days(monday(first), monday(day)) / 7) % n == 0
            }
            Frequency::Monthly(on) => {
                let months = (i64::from(day.year()) - i64::from(first.year())) * 12
                    + i64::from(day.month())
                    - i64::from(first.month());
                let fits = match on {
                    MonthlyOn::StartDay => day.day() == first.day(),
                    MonthlyOn::Day(d) => day.day() == d as i8,
                    MonthlyOn::LastDay => day == day.last_of_month(),
                    MonthlyOn::Weekday { nth, weekday } => {
                        let week = (day.day() - 1) / 7 + 1;
                        day.weekday() == weekday
                            && match nth {
                                Nth::Last => day.day() + 7 > day.days_in_month(),
                                _ => week == nth.number(),
                            }
                    }
                };
                months % n == 0 && fits
            }
            Frequency::Yearly => {
                (i64::from(day.year()) - i64::from(first.year())) % n == 0
                    && day.month() == first.month()
                    && day.day() == first.day()
            }
        }
    }

    /// The occurrences found by walking every day from the start up to `until_day`.
    fn walked(
        rule: &Recurrence,
        start: Timestamp,
        tz: &TimeZone,
        until_day: Date,
    ) -> Vec<Timestamp> {
        let local = tz.to_datetime(start);
        let last = match rule.end() {
            End::Until(until) => until.last_instant(tz),
            _ => None,
        };
        let count = match rule.end() {
            End::Count(c) => c as usize,
            _ => usize::MAX,
        };
        let mut out = vec![start];
        let mut day = local.date();
        while day < until_day && out.len() < count {
            day = day.tomorrow().unwrap();
            if !falls_on(rule, local.date(), day) {
                continue;
            }
            let at = tz
                .to_ambiguous_timestamp(day.to_datetime(local.time()))
                .compatible()
                .unwrap();
            if last.is_some_and(|l| at > l) {
                break;
            }
            if out.last().is_some_and(|p| at <= *p) {
                continue;
            }
            out.push(at);
        }
        out
    }

    fn zones() -> impl Strategy<Value = TimeZone> {
        prop::sample::select(vec![
            "Europe/Oslo",
            "America/New_York",
            "Australia/Sydney",
            "Asia/Kolkata",
            "America/Sao_Paulo",
            "Pacific/Apia",
            "UTC",
        ])
        .prop_map(zone)
    }

    fn starts() -> impl Strategy<Value = Timestamp> {
        (631_152_000i64..2_524_608_000).prop_map(|s| Timestamp::constant(s - s % 60, 0))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn occurrences_rise_and_are_exactly_the_rules_days(
            rule in strategy::rule(), start in starts(), tz in zones()
        ) {
            let local = tz.to_datetime(start).date();
            let horizon = local.checked_add(Span::new().days(800)).unwrap();
            let expected = walked(&rule, start, &tz, horizon);
            let end = tz
                .to_ambiguous_timestamp(horizon.to_datetime(Time::MIN))
                .compatible()
                .unwrap();
            let found: Vec<Timestamp> = Occurrences::new(&rule, start, &tz)
                .take_while(|t| *t < end)
                .take(expected.len() + 1)
                .collect();
            let expected: Vec<Timestamp> = expected.into_iter().filter(|t| *t < end).collect();
            prop_assert!(found.windows(2).all(|w| w[0] < w[1]));
            prop_assert_eq!(found, expected);
        }

        #[test]
        fn next_after_agrees_with_occurrences(
            rule in strategy::rule(), start in starts(), tz in zones(),
            offset in 0i64..(3 * 366 * 86_400)
        ) {
            let to = start.checked_add(Span::new().hours(5 * 366 * 24)).unwrap();
            let listed = occurrences(&rule, start, start, to, &tz, 400);
            prop_assert_eq!(listed.first().copied(), Some(start));
            let before = start.checked_sub(Span::new().seconds(1)).unwrap();
            prop_assert_eq!(next_after(&rule, start, before, &tz), Some(start));
            for pair in listed.windows(2) {
                prop_assert_eq!(next_after(&rule, start, pair[0], &tz), Some(pair[1]));
            }
            let after = start.checked_add(Span::new().seconds(offset)).unwrap();
            if let Some(next) = listed.iter().find(|t| **t > after) {
                prop_assert_eq!(next_after(&rule, start, after, &tz), Some(*next));
            }
            let window = occurrences(&rule, start, after, to, &tz, 400);
            let expected: Vec<Timestamp> =
                listed.iter().copied().filter(|t| *t >= after).collect();
            if listed.len() < 400 {
                prop_assert_eq!(window, expected);
            }
        }

        #[test]
        fn far_bounds_never_panic(
            rule in strategy::rule(), tz in zones(),
            start in prop_oneof![Just(Timestamp::MIN), Just(Timestamp::MAX), starts()],
            after in prop_oneof![Just(Timestamp::MIN), Just(Timestamp::MAX), starts()],
        ) {
            let _ = next_after(&rule, start, after, &tz);
            let _ = occurrences(&rule, start, after, Timestamp::MAX, &tz, 5);
        }
    }

    #[test]
    fn until_a_date_in_a_far_zone_is_that_zone_s_day() {
        let sydney = zone("Australia/Sydney");
        let daily = Recurrence::new(
            Frequency::Daily,
            1,
            End::Until(Until::Date(date(2025, 4, 7))),
        )
        .unwrap();
        let start = local(&sydney, "2025-04-05T08:00");
        let days: Vec<String> = Occurrences::new(&daily, start, &sydney)
            .map(|t| sydney.to_datetime(t).date().to_string())
            .collect();
        assert_eq!(days, ["2025-04-05", "2025-04-06", "2025-04-07"]);
    }
}
