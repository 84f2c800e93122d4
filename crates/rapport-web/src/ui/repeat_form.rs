//! The "repeats" part of the task form: the fields a person fills in, read into the JSON
//! rule that `rapport_core::recurrence` takes, and a stored rule shown in those fields
//! again. The form offers exactly what a rule can say: daily, weekly on chosen weekdays,
//! monthly on a day, the last day or a counted weekday, or yearly; every N; ending
//! never, after a count or on a date.

use jiff::tz::TimeZone;
use rapport_core::recurrence::{End, Frequency, MonthlyOn, Recurrence, Until, WEEKDAYS};
use serde_json::{Map, Value, json};

/// The weekday names the rule's JSON uses, Monday first.
pub const WEEKDAY_NAMES: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// What the repeat fields hold, as text, so a refused form shows them as they were typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepeatForm {
    /// Empty for a task that does not repeat, else daily, weekly, monthly or yearly.
    pub frequency: String,
    pub every: String,
    /// The chosen weekdays of a weekly rule.
    pub weekdays: Vec<String>,
    /// How a monthly rule picks its day: start, day, last or weekday.
    pub monthly_by: String,
    pub month_day: String,
    pub month_nth: String,
    pub month_weekday: String,
    /// never, count or until.
    pub end: String,
    pub count: String,
    pub until: String,
}

impl Default for RepeatForm {
    fn default() -> Self {
        RepeatForm {
            frequency: String::new(),
            every: "1".into(),
            weekdays: Vec::new(),
            monthly_by: "start".into(),
            month_day: String::new(),
            month_nth: "1".into(),
            month_weekday: "monday".into(),
            end: "never".into(),
            count: String::new(),
            until: String::new(),
        }
    }
}

/// A problem with one repeat field: the field's name and the message's Fluent key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RepeatError {
    pub field: &'static str,
    pub key: &'static str,
}

fn weekday_name(day: jiff::civil::Weekday) -> &'static str {
    WEEKDAY_NAMES[day.to_monday_zero_offset() as usize]
}

fn whole(raw: &str, min: i64, max: i64) -> Option<i64> {
    raw.trim()
        .parse::<i64>()
        .ok()
        .filter(|n| (min..=max).contains(n))
}

impl RepeatForm {
    /// Reads the repeat fields of a posted form; `weekday` may be sent several times.
    pub fn from_pairs(pairs: &[(String, String)]) -> RepeatForm {
        let get = |k: &str| {
            pairs
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.trim().to_string())
        };
        let default = RepeatForm::default();
        RepeatForm {
            frequency: get("repeat").unwrap_or_default(),
            every: get("repeat_every").unwrap_or_default(),
            weekdays: pairs
                .iter()
                .filter(|(k, _)| k == "repeat_weekday")
                .map(|(_, v)| v.trim().to_string())
                .collect(),
            monthly_by: get("repeat_monthly_by").unwrap_or(default.monthly_by),
            month_day: get("repeat_month_day").unwrap_or_default(),
            month_nth: get("repeat_month_nth").unwrap_or(default.month_nth),
            month_weekday: get("repeat_month_weekday").unwrap_or(default.month_weekday),
            end: get("repeat_end").unwrap_or(default.end),
            count: get("repeat_count").unwrap_or_default(),
            until: get("repeat_until").unwrap_or_default(),
        }
    }

    /// A stored rule in the form's fields; an end at an instant is shown as its local date
    /// in `tz`. Anything unreadable shows as not repeating.
    pub fn from_rule(stored: &Value, tz: &TimeZone) -> RepeatForm {
        let mut form = RepeatForm::default();
        let Ok(rule) = Recurrence::from_json(stored) else {
            return form;
        };
        form.every = rule.interval().to_string();
        form.frequency = match rule.frequency() {
            Frequency::Daily => "daily",
            Frequency::Weekly(days) => {
                form.weekdays = days.iter().map(|d| weekday_name(d).to_string()).collect();
                "weekly"
            }
            Frequency::Monthly(on) => {
                match on {
                    MonthlyOn::StartDay => form.monthly_by = "start".into(),
                    MonthlyOn::Day(d) => {
                        form.monthly_by = "day".into();
                        form.month_day = d.to_string();
                    }
                    MonthlyOn::LastDay => form.monthly_by = "last".into(),
                    MonthlyOn::Weekday { nth, weekday } => {
                        form.monthly_by = "weekday".into();
                        form.month_nth = nth.number().to_string();
                        form.month_weekday = weekday_name(weekday).into();
                    }
                }
                "monthly"
            }
            Frequency::Yearly => "yearly",
        }
        .to_string();
        match rule.end() {
            End::Never => {}
            End::Count(n) => {
                form.end = "count".into();
                form.count = n.to_string();
            }
            End::Until(until) => {
                form.end = "until".into();
                form.until = match until {
                    Until::Date(d) => d.to_string(),
                    Until::Instant(_) => until.last_date(tz).to_string(),
                };
            }
        }
        form
    }

    /// The rule as the services take it: `None` when the task does not repeat. Each
    /// number and date is checked here, where its field is known; the services check
    /// the rule as a whole again.
    pub fn to_json(&self) -> Result<Option<Value>, RepeatError> {
        let frequency = self.frequency.as_str();
        if frequency.is_empty() {
            return Ok(None);
        }
        if !matches!(frequency, "daily" | "weekly" | "monthly" | "yearly") {
            return Err(RepeatError {
                field: "repeat",
                key: "repeat-error-frequency",
            });
        }
        let mut rule = Map::new();
        rule.insert("frequency".into(), json!(frequency));
        let every = if self.every.trim().is_empty() {
            1
        } else {
            whole(&self.every, 1, 999).ok_or(RepeatError {
                field: "repeat_every",
                key: "repeat-error-every",
            })?
        };
        rule.insert("interval".into(), json!(every));
        match frequency {
            "weekly" => {
                let mut days = Vec::new();
                for day in &self.weekdays {
                    let known = WEEKDAY_NAMES.contains(&day.as_str());
                    if !known {
                        return Err(RepeatError {
                            field: "repeat_weekday",
                            key: "repeat-error-weekday",
                        });
                    }
                    if !days.contains(day) {
                        days.push(day.clone());
                    }
                }
                if !days.is_empty() {
                    rule.insert("weekdays".into(), json!(days));
                }
            }
            "monthly" => match self.monthly_by.as_str() {
                "start" | "" => {}
                "day" => {
                    let day = whole(&self.month_day, 1, 31).ok_or(RepeatError {
                        field: "repeat_month_day",
                        key: "repeat-error-month-day",
                    })?;
                    rule.insert("day_of_month".into(), json!(day));
                }
                "last" => {
                    rule.insert("day_of_month".into(), json!(-1));
                }
                "weekday" => {
                    let nth = self
                        .month_nth
                        .trim()
                        .parse::<i64>()
                        .ok()
                        .filter(|n| matches!(n, 1..=4 | -1))
                        .ok_or(RepeatError {
                            field: "repeat_month_nth",
                            key: "repeat-error-month-nth",
                        })?;
                    if !WEEKDAY_NAMES.contains(&self.month_weekday.as_str()) {
                        return Err(RepeatError {
                            field: "repeat_month_weekday",
                            key: "repeat-error-weekday",
                        });
                    }
                    rule.insert(
                        "weekday_of_month".into(),
                        json!({"nth": nth, "weekday": self.month_weekday}),
                    );
                }
                _ => {
                    return Err(RepeatError {
                        field: "repeat_monthly_by",
                        key: "repeat-error-monthly-by",
                    });
                }
            },
            _ => {}
        }
        match self.end.as_str() {
            "never" | "" => {}
            "count" => {
                let count = whole(&self.count, 1, 9999).ok_or(RepeatError {
                    field: "repeat_count",
                    key: "repeat-error-count",
                })?;
                rule.insert("count".into(), json!(count));
            }
            "until" => {
                let date: jiff::civil::Date =
                    self.until.trim().parse().map_err(|_| RepeatError {
                        field: "repeat_until",
                        key: "repeat-error-until",
                    })?;
                rule.insert("until".into(), json!(date.to_string()));
            }
            _ => {
                return Err(RepeatError {
                    field: "repeat_end",
                    key: "repeat-error-end",
                });
            }
        }
        Ok(Some(Value::Object(rule)))
    }
}

/// Every weekday from Monday, numbered 1 to 7 as the `weekday-N` keys are.
pub fn all_weekdays() -> impl Iterator<Item = (i8, &'static str)> {
    WEEKDAYS
        .into_iter()
        .map(|d| (d.to_monday_one_offset(), weekday_name(d)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn a_weekly_form_is_the_rule_it_shows() {
        let form = RepeatForm::from_pairs(&pairs(&[
            ("repeat", "weekly"),
            ("repeat_every", "2"),
            ("repeat_weekday", "monday"),
            ("repeat_weekday", "thursday"),
            ("repeat_end", "count"),
            ("repeat_count", "10"),
        ]));
        let rule = form.to_json().unwrap().unwrap();
        assert_eq!(
            rule,
            json!({"frequency": "weekly", "interval": 2,
                   "weekdays": ["monday", "thursday"], "count": 10})
        );
        let parsed = Recurrence::from_json(&rule).unwrap();
        assert_eq!(
            parsed.to_rrule(),
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=10"
        );
        let back = RepeatForm::from_rule(&rule, &TimeZone::UTC);
        assert_eq!(back.frequency, "weekly");
        assert_eq!(back.weekdays, ["monday", "thursday"]);
        assert_eq!(back.count, "10");
        assert_eq!(back.to_json().unwrap(), Some(rule));
    }

    #[test]
    fn monthly_and_yearly_forms() {
        let monthly = |by: &str, extra: &[(&str, &str)]| {
            let mut items = vec![("repeat", "monthly"), ("repeat_monthly_by", by)];
            items.extend_from_slice(extra);
            RepeatForm::from_pairs(&pairs(&items)).to_json()
        };
        assert_eq!(
            monthly("day", &[("repeat_month_day", "15")]).unwrap(),
            Some(json!({"frequency": "monthly", "interval": 1, "day_of_month": 15}))
        );
        assert_eq!(
            monthly("last", &[]).unwrap(),
            Some(json!({"frequency": "monthly", "interval": 1, "day_of_month": -1}))
        );
        assert_eq!(
            monthly(
                "weekday",
                &[
                    ("repeat_month_nth", "-1"),
                    ("repeat_month_weekday", "friday")
                ]
            )
            .unwrap(),
            Some(json!({"frequency": "monthly", "interval": 1,
                        "weekday_of_month": {"nth": -1, "weekday": "friday"}}))
        );
        let yearly = RepeatForm::from_pairs(&pairs(&[
            ("repeat", "yearly"),
            ("repeat_end", "until"),
            ("repeat_until", "2030-12-31"),
        ]));
        let rule = yearly.to_json().unwrap().unwrap();
        assert_eq!(
            rule,
            json!({"frequency": "yearly", "interval": 1, "until": "2030-12-31"})
        );
        assert_eq!(RepeatForm::from_rule(&rule, &TimeZone::UTC), {
            let mut f = RepeatForm {
                frequency: "yearly".into(),
                ..RepeatForm::default()
            };
            f.end = "until".into();
            f.until = "2030-12-31".into();
            f
        });
    }

    #[test]
    fn no_repeat_is_no_rule() {
        let form = RepeatForm::from_pairs(&pairs(&[("repeat", ""), ("repeat_every", "x")]));
        assert_eq!(form.to_json(), Ok(None));
        assert_eq!(
            RepeatForm::from_rule(&Value::Null, &TimeZone::UTC),
            RepeatForm::default()
        );
    }

    #[test]
    fn each_bad_field_is_named() {
        let says = |items: &[(&str, &str)]| {
            RepeatForm::from_pairs(&pairs(items))
                .to_json()
                .unwrap_err()
                .field
        };
        assert_eq!(says(&[("repeat", "hourly")]), "repeat");
        assert_eq!(
            says(&[("repeat", "daily"), ("repeat_every", "0")]),
            "repeat_every"
        );
        assert_eq!(
            says(&[("repeat", "daily"), ("repeat_every", "1000")]),
            "repeat_every"
        );
        assert_eq!(
            says(&[("repeat", "weekly"), ("repeat_weekday", "funday")]),
            "repeat_weekday"
        );
        assert_eq!(
            says(&[
                ("repeat", "monthly"),
                ("repeat_monthly_by", "day"),
                ("repeat_month_day", "32")
            ]),
            "repeat_month_day"
        );
        assert_eq!(
            says(&[
                ("repeat", "monthly"),
                ("repeat_monthly_by", "weekday"),
                ("repeat_month_nth", "5")
            ]),
            "repeat_month_nth"
        );
        assert_eq!(
            says(&[("repeat", "daily"), ("repeat_end", "count")]),
            "repeat_count"
        );
        assert_eq!(
            says(&[
                ("repeat", "daily"),
                ("repeat_end", "until"),
                ("repeat_until", "soon")
            ]),
            "repeat_until"
        );
    }
}
