//! The VTIMEZONE a recurring item's TZID names, made from the time zone database jiff
//! carries.
//!
//! A calendar expands a rule on the local clock of its DTSTART's zone, so it has to know
//! that zone's changes for as long as the rule runs: forever, for most rules. The zone's
//! changes are read from the one in force at the earliest start up to a horizon decades
//! ahead. Where they settle into a yearly rule ("the last Sunday of March at 02:00"), as
//! every zone with daylight saving time does today, that rule is written as an RRULE
//! that runs on past the horizon, just as the database's own rule does. The changes
//! before it, and every change of a zone that keeps no yearly rule up to the horizon,
//! are written one by one.

use jiff::civil::{DateTime, Weekday};
use jiff::tz::{Offset, TimeZone};
use jiff::{SignedDuration, Timestamp};

/// How many years past the later of the earliest start and 2037 the changes are read:
/// 2037 is where a zone's listed changes may give way to its rule.
const HORIZON_YEARS: i16 = 60;
/// The fewest yearly changes in a row that are taken for a rule.
const MIN_RULE_CHANGES: usize = 8;

/// One STANDARD or DAYLIGHT part of a VTIMEZONE.
#[derive(Debug, Clone, PartialEq)]
pub struct Observance {
    pub daylight: bool,
    /// When it begins, in local time before the change.
    pub onset: DateTime,
    pub offset_from: Offset,
    pub offset_to: Offset,
    pub name: String,
    /// Repeats every year from `onset` on, or happens once.
    pub yearly: Option<YearlyRule>,
}

/// A change that happens every year on a weekday of one month at one local time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearlyRule {
    pub month: i8,
    pub weekday: Weekday,
    pub on: WhichWeekday,
}

/// Which of a month's weekdays of one kind a yearly change falls on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WhichWeekday {
    /// The last in the month.
    Last,
    /// The first on or after this day of the month, which is at most a week before the
    /// month's end. From the 1st, 8th, 15th or 22nd this is the 1st to 4th such weekday.
    OnOrAfter(i8),
}

impl WhichWeekday {
    /// The weekday's place in the month when RFC 5545 can name it by one: 1 to 4, or -1.
    pub fn place(self) -> Option<i8> {
        match self {
            WhichWeekday::Last => Some(-1),
            WhichWeekday::OnOrAfter(day) if day % 7 == 1 => Some(day / 7 + 1),
            WhichWeekday::OnOrAfter(_) => None,
        }
    }
}

/// One change of a zone's offset or name.
#[derive(Debug, Clone)]
struct Change {
    at: Timestamp,
    before: Offset,
    after: Offset,
    daylight: bool,
    name: String,
}

impl Change {
    fn onset(&self) -> DateTime {
        self.before.to_datetime(self.at)
    }

    /// Whether this change looks like `other` in all but its date.
    fn like(&self, other: &Change) -> bool {
        self.before == other.before
            && self.after == other.after
            && self.daylight == other.daylight
            && self.name == other.name
            && self.onset().time() == other.onset().time()
    }
}

/// The observances that describe `tz` from `from` on.
pub fn observances(tz: &TimeZone, from: Timestamp) -> Vec<Observance> {
    let horizon = year(from).max(2037).saturating_add(HORIZON_YEARS);
    let changes = changes(tz, from, horizon);
    if changes.is_empty() {
        // A zone that never changes is one observance with the same offset on both sides.
        let offset = tz.to_offset(from);
        let name = tz.to_offset_info(from).abbreviation().to_string();
        return vec![Observance {
            daylight: false,
            onset: DateTime::constant(1970, 1, 1, 0, 0, 0, 0),
            offset_from: offset,
            offset_to: offset,
            name,
            yearly: None,
        }];
    }
    let (start, rules) = match yearly_from(&changes, horizon) {
        Some((start, rules)) => (start, Some(rules)),
        None => (changes.len(), None),
    };
    let mut out: Vec<Observance> = changes[..start]
        .iter()
        .map(|c| observance(c, None))
        .collect();
    if let Some(rules) = rules {
        for (i, rule) in rules.into_iter().enumerate() {
            if let Some(change) = changes.get(start + i) {
                out.push(observance(change, Some(rule)));
            }
        }
    }
    out
}

fn observance(change: &Change, yearly: Option<YearlyRule>) -> Observance {
    Observance {
        daylight: change.daylight,
        onset: change.onset(),
        offset_from: change.before,
        offset_to: change.after,
        name: change.name.clone(),
        yearly,
    }
}

fn year(at: Timestamp) -> i16 {
    TimeZone::UTC.to_datetime(at).year()
}

/// The change in force at `from` and every change after it up to the horizon.
fn changes(tz: &TimeZone, from: Timestamp, horizon: i16) -> Vec<Change> {
    let just_after = from
        .checked_add(SignedDuration::from_nanos(1))
        .unwrap_or(from);
    let in_force = tz.preceding(just_after).next();
    let later = tz
        .following(from)
        .take_while(|t| year(t.timestamp()) <= horizon);
    in_force
        .into_iter()
        .chain(later)
        .map(|t| {
            let before = t
                .timestamp()
                .checked_sub(SignedDuration::from_nanos(1))
                .map(|just_before| tz.to_offset(just_before))
                .unwrap_or(t.offset());
            Change {
                at: t.timestamp(),
                before,
                after: t.offset(),
                daylight: t.dst().is_dst(),
                name: t.abbreviation().to_string(),
            }
        })
        .collect()
}

/// Where the changes settle into two yearly rules that last to the horizon: the index of
/// the first change they cover, and the rule for it and for the change after it.
fn yearly_from(changes: &[Change], horizon: i16) -> Option<(usize, [YearlyRule; 2])> {
    let n = changes.len();
    if n < MIN_RULE_CHANGES {
        return None;
    }
    // A zone whose changes stop before the horizon has given up its rule.
    if year(changes.last()?.at) < horizon - 1 {
        return None;
    }
    let (start_a, rule_a) = earliest_fit(changes, n - 2)?;
    let (start_b, rule_b) = earliest_fit(changes, n - 1)?;
    // The two rules take turns, so each covers the change just before the other's first.
    let start = start_a.max(start_b) - 1;
    if n - start < MIN_RULE_CHANGES {
        return None;
    }
    // The rules in the order of the first two changes they cover.
    let rules = if (start % 2) == ((n - 2) % 2) {
        [rule_a, rule_b]
    } else {
        [rule_b, rule_a]
    };
    Some((start, rules))
}

/// The earliest change from which every other change up to `last` follows one yearly
/// rule that `changes[last]` follows too, and that rule. Of rules that reach as far, the
/// one a calendar reads most simply is taken.
fn earliest_fit(changes: &[Change], last: usize) -> Option<(usize, YearlyRule)> {
    let reference = changes.get(last)?;
    candidates(reference.onset())
        .into_iter()
        .map(|rule| {
            let mut first = last;
            while first >= 2 {
                let earlier = &changes[first - 2];
                let next_year = changes[first].onset().year();
                if !(earlier.like(reference)
                    && fits(rule, earlier.onset())
                    && earlier.onset().year() + 1 == next_year)
                {
                    break;
                }
                first -= 2;
            }
            (first, rule)
        })
        .min_by_key(|(first, rule)| {
            let plainness = match rule.on {
                WhichWeekday::Last => 0,
                on if on.place().is_some() => 1,
                _ => 2,
            };
            (*first, plainness)
        })
}

/// The weekday rules a date may follow: the last such weekday when it is in the month's
/// last seven days, and the first on or after each of the seven days up to it.
fn candidates(onset: DateTime) -> Vec<YearlyRule> {
    let day = onset.day();
    let days_in_month = onset.date().days_in_month();
    let rule = |on| YearlyRule {
        month: onset.month(),
        weekday: onset.weekday(),
        on,
    };
    let mut out = Vec::with_capacity(8);
    if day + 7 > days_in_month {
        out.push(rule(WhichWeekday::Last));
    }
    // The week from `from` must lie in the month every year, in a short February too.
    let shortest = if onset.month() == 2 {
        28
    } else {
        days_in_month
    };
    for from in (day - 6).max(1)..=day {
        if from + 6 <= shortest {
            out.push(rule(WhichWeekday::OnOrAfter(from)));
        }
    }
    out
}

fn fits(rule: YearlyRule, onset: DateTime) -> bool {
    let day = onset.day();
    onset.month() == rule.month
        && onset.weekday() == rule.weekday
        && match rule.on {
            WhichWeekday::Last => day + 7 > onset.date().days_in_month(),
            WhichWeekday::OnOrAfter(from) => (from..from + 7).contains(&day),
        }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone(name: &str) -> TimeZone {
        TimeZone::get(name).unwrap()
    }

    #[test]
    fn oslo_is_two_yearly_rules() {
        let from: Timestamp = "2025-01-15T00:00:00Z".parse().unwrap();
        let parts = observances(&zone("Europe/Oslo"), from);
        assert_eq!(parts.len(), 2, "{parts:?}");
        let standard = &parts[0];
        assert!(!standard.daylight);
        assert_eq!(standard.onset.to_string(), "2024-10-27T03:00:00");
        assert_eq!(standard.name, "CET");
        assert_eq!(
            standard.yearly,
            Some(YearlyRule {
                month: 10,
                weekday: Weekday::Sunday,
                on: WhichWeekday::Last
            })
        );
        let daylight = &parts[1];
        assert!(daylight.daylight);
        assert_eq!(daylight.onset.to_string(), "2025-03-30T02:00:00");
        assert_eq!(daylight.offset_from.seconds(), 3600);
        assert_eq!(daylight.offset_to.seconds(), 7200);
    }

    #[test]
    fn new_york_counts_sundays_from_the_start_of_the_month() {
        let from: Timestamp = "2025-01-10T00:00:00Z".parse().unwrap();
        let parts = observances(&zone("America/New_York"), from);
        let rules: Vec<_> = parts.iter().filter_map(|p| p.yearly).collect();
        assert_eq!(
            rules,
            [
                YearlyRule {
                    month: 11,
                    weekday: Weekday::Sunday,
                    on: WhichWeekday::OnOrAfter(1)
                },
                YearlyRule {
                    month: 3,
                    weekday: Weekday::Sunday,
                    on: WhichWeekday::OnOrAfter(8)
                }
            ]
        );
    }

    #[test]
    fn a_weekday_on_or_after_a_day_is_a_rule_too() {
        // Israel moves its clocks on the Friday on or after 23 March.
        let from: Timestamp = "2025-01-10T00:00:00Z".parse().unwrap();
        let parts = observances(&zone("Asia/Jerusalem"), from);
        let rules: Vec<_> = parts.iter().filter_map(|p| p.yearly).collect();
        assert!(
            rules.contains(&YearlyRule {
                month: 3,
                weekday: Weekday::Friday,
                on: WhichWeekday::OnOrAfter(23)
            }),
            "{parts:?}"
        );
        assert_eq!(WhichWeekday::OnOrAfter(23).place(), None);
        assert_eq!(WhichWeekday::OnOrAfter(22).place(), Some(4));
    }

    #[test]
    fn a_zone_without_changes_ahead_is_written_out() {
        let from: Timestamp = "2025-01-10T00:00:00Z".parse().unwrap();
        let tokyo = observances(&zone("Asia/Tokyo"), from);
        assert_eq!(tokyo.len(), 1);
        assert_eq!(tokyo[0].offset_to.seconds(), 9 * 3600);
        assert!(tokyo[0].yearly.is_none());
        let utc = observances(&TimeZone::UTC, from);
        assert_eq!(utc.len(), 1);
        assert_eq!(utc[0].offset_from, utc[0].offset_to);
    }
}
