//! The forecast's calendar and arithmetic: months grouped into quarters or years, the
//! range a forecast covers, and how a weighted amount is rounded. No I/O.
//!
//! The store sums deals per calendar month (`YYYY-MM`); a quarter or a year is the sum of
//! its months, so every period is built from the same exact month sums.

use crate::problem::Problem;
use time::{Date, Month as CalendarMonth};

/// How many months a forecast or a set of targets may span: ten years.
pub const MAX_MONTHS: usize = 120;

/// The periods a forecast reports by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Month,
    Quarter,
    Year,
}

/// The words a client names each period by.
pub const PERIODS: &[&str] = &["month", "quarter", "year"];

impl Period {
    pub fn parse(s: &str) -> Option<Period> {
        match s {
            "month" => Some(Period::Month),
            "quarter" => Some(Period::Quarter),
            "year" => Some(Period::Year),
            _ => None,
        }
    }

    pub const fn as_str(self) -> &'static str {
        match self {
            Period::Month => "month",
            Period::Quarter => "quarter",
            Period::Year => "year",
        }
    }

    /// The period a month falls in, written `2026-03`, `2026-Q1` or `2026`.
    pub fn key(self, month: Month) -> String {
        match self {
            Period::Month => month.to_string(),
            Period::Quarter => format!("{}-Q{}", month.year, (month.month - 1) / 3 + 1),
            Period::Year => month.year.to_string(),
        }
    }
}

/// A calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i32,
    /// 1 to 12.
    pub month: u8,
}

impl Month {
    pub fn of(date: Date) -> Month {
        Month {
            year: date.year(),
            month: u8::from(date.month()),
        }
    }

    /// Reads `YYYY-MM`, as the store's month sums and the targets name months.
    pub fn parse(s: &str) -> Option<Month> {
        let (y, m) = s.split_once('-')?;
        if y.len() != 4 || m.len() != 2 {
            return None;
        }
        let year: i32 = y.parse().ok()?;
        let month: u8 = m.parse().ok()?;
        (1..=12).contains(&month).then_some(Month { year, month })
    }

    pub fn next(self) -> Month {
        if self.month == 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    /// The month's first day.
    pub fn first_day(self) -> Option<Date> {
        let month = CalendarMonth::try_from(self.month).ok()?;
        Date::from_calendar_date(self.year, month, 1).ok()
    }

    /// The month's last day.
    pub fn last_day(self) -> Option<Date> {
        self.next().first_day()?.previous_day()
    }

    /// How many months from `self` to `last`, both counted; zero when `last` is earlier.
    pub fn span(self, last: Month) -> usize {
        let index = |m: Month| i64::from(m.year) * 12 + i64::from(m.month);
        usize::try_from(index(last) - index(self) + 1).unwrap_or(0)
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// Reads a calendar date `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Option<Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(s, &format).ok()
}

/// The first and last day of the range a forecast covers when the client names none:
/// the current calendar year.
pub fn default_range(today: Date) -> (Date, Date) {
    let first = Date::from_calendar_date(today.year(), CalendarMonth::January, 1);
    let last = Date::from_calendar_date(today.year(), CalendarMonth::December, 31);
    match (first, last) {
        (Ok(first), Ok(last)) => (first, last),
        _ => (today, today),
    }
}

/// Checks that a range runs forward and spans at most [`MAX_MONTHS`]; the problem is
/// about its end.
pub fn check_range(first: Month, last: Month) -> Result<(), Problem> {
    if last < first {
        return Err(Problem::EndsBeforeStart);
    }
    if first.span(last) > MAX_MONTHS {
        return Err(Problem::TooManyMonths { max: MAX_MONTHS });
    }
    Ok(())
}

/// The periods a range covers, in order, each with its months.
pub fn periods(period: Period, from: Date, to: Date) -> Vec<(String, Vec<Month>)> {
    let (first, last) = (Month::of(from), Month::of(to));
    let mut out: Vec<(String, Vec<Month>)> = Vec::new();
    let mut month = first;
    for _ in 0..first.span(last).min(MAX_MONTHS) {
        let key = period.key(month);
        match out.last_mut() {
            Some((k, months)) if *k == key => months.push(month),
            _ => out.push((key, vec![month])),
        }
        month = month.next();
    }
    out
}

/// Amounts in minor units times a percentage, summed exactly, before rounding.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Weighted(pub i128);

impl Weighted {
    /// Adds `amount` (minor units) at `percent` (0 to 100).
    pub fn add(&mut self, amount: i64, percent: i64) {
        self.0 += i128::from(amount) * i128::from(percent);
    }

    /// The weighted amount in minor units: the exact sum divided by 100, rounded half
    /// away from zero. Each total is rounded once from its own exact sum, so a total may
    /// differ by a minor unit from the sum of its rounded parts.
    pub fn rounded(self) -> i64 {
        let sum = self.0;
        let half = if sum < 0 { -50 } else { 50 };
        i64::try_from((sum + half) / 100).unwrap_or(if sum < 0 { i64::MIN } else { i64::MAX })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn months_group_into_quarters_and_years() {
        let m = Month::parse("2026-05").unwrap();
        assert_eq!(Period::Month.key(m), "2026-05");
        assert_eq!(Period::Quarter.key(m), "2026-Q2");
        assert_eq!(Period::Year.key(m), "2026");
        assert_eq!(Month::parse("2026-13"), None);
        assert_eq!(Month::parse("26-01"), None);
        assert_eq!(m.last_day(), Some(date!(2026 - 05 - 31)));
        assert_eq!(
            Month::parse("2024-02").unwrap().last_day(),
            Some(date!(2024 - 02 - 29))
        );
    }

    #[test]
    fn periods_cover_the_range() {
        let q = periods(
            Period::Quarter,
            date!(2026 - 02 - 10),
            date!(2026 - 07 - 01),
        );
        let keys: Vec<&str> = q.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["2026-Q1", "2026-Q2", "2026-Q3"]);
        assert_eq!(q[0].1.len(), 2);
        assert_eq!(q[2].1.len(), 1);
        let m = periods(Period::Month, date!(2025 - 12 - 01), date!(2026 - 01 - 31));
        assert_eq!(m.len(), 2);
        assert_eq!(m[1].0, "2026-01");
    }

    #[test]
    fn ranges_run_forward_and_stay_bounded() {
        let a = Month::parse("2026-01").unwrap();
        assert_eq!(check_range(a, a), Ok(()));
        assert_eq!(
            check_range(a, Month::parse("2025-12").unwrap()),
            Err(Problem::EndsBeforeStart)
        );
        assert_eq!(check_range(a, Month::parse("2035-12").unwrap()), Ok(()));
        assert!(check_range(a, Month::parse("2036-01").unwrap()).is_err());
    }

    #[test]
    fn weighted_amounts_round_half_away_from_zero() {
        let mut w = Weighted::default();
        w.add(333, 50);
        assert_eq!(w.rounded(), 167);
        w.add(1, 25);
        assert_eq!(w.0, 16_675);
        assert_eq!(w.rounded(), 167);
        let mut big = Weighted::default();
        big.add(crate::entity::MAX_MINOR_UNITS, 100);
        big.add(crate::entity::MAX_MINOR_UNITS, 100);
        assert_eq!(big.rounded(), 2 * crate::entity::MAX_MINOR_UNITS);
    }
}
