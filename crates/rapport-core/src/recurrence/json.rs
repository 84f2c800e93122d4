//! The JSON form of a rule, as the forms and the API send it.

use super::{End, Frequency, MAX_COUNT, MAX_INTERVAL, MonthlyOn, Nth, Recurrence, Until, WEEKDAYS};
use crate::Problem;
use jiff::Timestamp;
use jiff::civil::{Date, Weekday};
use serde_json::{Map, Value, json};

const KEYS: [&str; 7] = [
    "frequency",
    "interval",
    "weekdays",
    "day_of_month",
    "weekday_of_month",
    "count",
    "until",
];
const FREQUENCIES: &str = "daily, weekly, monthly, yearly";
const WEEKDAY_NAMES: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

pub(super) fn parse(value: &Value) -> Result<Recurrence, Problem> {
    let object = value.as_object().ok_or(Problem::NotAnObject)?;
    // A null stands for a field the form left empty.
    let given = |key: &str| object.get(key).filter(|v| !v.is_null());
    for key in object.keys() {
        if !KEYS.contains(&key.as_str()) {
            return Err(Problem::KeyNotAllowed {
                key: key.clone(),
                allowed: KEYS.join(", "),
            });
        }
    }
    let frequency = match given("frequency") {
        None => return Err(Problem::part("frequency", Problem::Required)),
        Some(v) => v.as_str().unwrap_or_default(),
    };
    let allowed: &[&str] = match frequency {
        "daily" | "yearly" => &["frequency", "interval", "count", "until"],
        "weekly" => &["frequency", "interval", "weekdays", "count", "until"],
        "monthly" => &[
            "frequency",
            "interval",
            "day_of_month",
            "weekday_of_month",
            "count",
            "until",
        ],
        _ => {
            let options = FREQUENCIES.to_string();
            return Err(Problem::part("frequency", Problem::OneOf { options }));
        }
    };
    for key in object.keys().filter(|k| given(k).is_some()) {
        if !allowed.contains(&key.as_str()) {
            return Err(Problem::KeyNotAllowed {
                key: key.clone(),
                allowed: allowed.join(", "),
            });
        }
    }
    let interval = match given("interval") {
        None => 1,
        Some(v) => v
            .as_u64()
            .and_then(|i| u16::try_from(i).ok())
            .filter(|i| (1..=MAX_INTERVAL).contains(i))
            .ok_or_else(|| {
                Problem::part(
                    "interval",
                    Problem::IntRange {
                        min: 1,
                        max: i64::from(MAX_INTERVAL),
                    },
                )
            })?,
    };
    let frequency = match frequency {
        "daily" => Frequency::Daily,
        "weekly" => Frequency::Weekly(match given("weekdays") {
            None => super::Weekdays::empty(),
            Some(v) => weekdays(v).map_err(|p| Problem::part("weekdays", p))?,
        }),
        "monthly" => Frequency::Monthly(monthly_on(
            given("day_of_month"),
            given("weekday_of_month"),
        )?),
        _ => Frequency::Yearly,
    };
    let end = match (given("count"), given("until")) {
        (Some(_), Some(_)) => {
            return Err(Problem::KeyNotAllowed {
                key: "until".into(),
                allowed: "count or until, not both".into(),
            });
        }
        (Some(v), None) => End::Count(
            v.as_u64()
                .and_then(|c| u32::try_from(c).ok())
                .filter(|c| (1..=MAX_COUNT).contains(c))
                .ok_or_else(|| {
                    Problem::part(
                        "count",
                        Problem::IntRange {
                            min: 1,
                            max: i64::from(MAX_COUNT),
                        },
                    )
                })?,
        ),
        (None, Some(v)) => End::Until(until(v).map_err(|p| Problem::part("until", p))?),
        (None, None) => End::Never,
    };
    // Each limit `Recurrence::new` checks was checked above, where its field is known.
    Ok(Recurrence {
        frequency,
        interval,
        end,
    })
}

fn weekdays(value: &Value) -> Result<super::Weekdays, Problem> {
    let items = value.as_array().ok_or(Problem::NotAList)?;
    items
        .iter()
        .map(|item| {
            item.as_str()
                .and_then(weekday)
                .ok_or_else(|| Problem::EachOneOf {
                    options: WEEKDAY_NAMES.join(", "),
                })
        })
        .collect()
}

fn monthly_on(day: Option<&Value>, weekday_of: Option<&Value>) -> Result<MonthlyOn, Problem> {
    match (day, weekday_of) {
        (Some(_), Some(_)) => Err(Problem::KeyNotAllowed {
            key: "weekday_of_month".into(),
            allowed: "day_of_month or weekday_of_month, not both".into(),
        }),
        (Some(v), None) => match v.as_i64() {
            Some(-1) => Ok(MonthlyOn::LastDay),
            Some(d @ 1..=31) => Ok(MonthlyOn::Day(d as u8)),
            _ => Err(Problem::part(
                "day_of_month",
                Problem::OneOf {
                    options: "1 to 31, or -1 for the last day".into(),
                },
            )),
        },
        (None, Some(v)) => weekday_of_month(v).map_err(|p| Problem::part("weekday_of_month", p)),
        (None, None) => Ok(MonthlyOn::StartDay),
    }
}

fn weekday_of_month(value: &Value) -> Result<MonthlyOn, Problem> {
    let object = value.as_object().ok_or(Problem::NotAnObject)?;
    for key in object.keys() {
        if key != "nth" && key != "weekday" {
            return Err(Problem::KeyNotAllowed {
                key: key.clone(),
                allowed: "nth, weekday".into(),
            });
        }
    }
    let nth = match object.get("nth") {
        None | Some(Value::Null) => return Err(Problem::part("nth", Problem::Required)),
        Some(v) => v.as_i64().and_then(Nth::from_number).ok_or_else(|| {
            Problem::part(
                "nth",
                Problem::OneOf {
                    options: "1, 2, 3, 4, -1 (the last)".into(),
                },
            )
        })?,
    };
    let weekday = match object.get("weekday") {
        None | Some(Value::Null) => return Err(Problem::part("weekday", Problem::Required)),
        Some(v) => v.as_str().and_then(weekday).ok_or_else(|| {
            Problem::part(
                "weekday",
                Problem::OneOf {
                    options: WEEKDAY_NAMES.join(", "),
                },
            )
        })?,
    };
    Ok(MonthlyOn::Weekday { nth, weekday })
}

fn until(value: &Value) -> Result<Until, Problem> {
    let text = value.as_str().ok_or(Problem::NotAString)?;
    let wrong = || Problem::ValueNotATime {
        value: text.chars().take(40).collect(),
    };
    // A bare date is a local day; anything longer must be an instant with its offset.
    if text.len() == 10 {
        text.parse::<Date>().map(Until::Date).map_err(|_| wrong())
    } else {
        text.parse::<Timestamp>()
            .map(Until::Instant)
            .map_err(|_| wrong())
    }
}

fn weekday(name: &str) -> Option<Weekday> {
    let i = WEEKDAY_NAMES.iter().position(|n| *n == name)?;
    Some(WEEKDAYS[i])
}

fn weekday_name(day: Weekday) -> &'static str {
    WEEKDAY_NAMES[day.to_monday_zero_offset() as usize]
}

pub(super) fn write(rule: &Recurrence) -> Value {
    let mut out = Map::new();
    let frequency = match rule.frequency {
        Frequency::Daily => "daily",
        Frequency::Weekly(_) => "weekly",
        Frequency::Monthly(_) => "monthly",
        Frequency::Yearly => "yearly",
    };
    out.insert("frequency".into(), json!(frequency));
    out.insert("interval".into(), json!(rule.interval));
    match rule.frequency {
        Frequency::Weekly(days) if !days.is_empty() => {
            let names: Vec<&str> = days.iter().map(weekday_name).collect();
            out.insert("weekdays".into(), json!(names));
        }
        Frequency::Monthly(MonthlyOn::Day(day)) => {
            out.insert("day_of_month".into(), json!(day));
        }
        Frequency::Monthly(MonthlyOn::LastDay) => {
            out.insert("day_of_month".into(), json!(-1));
        }
        Frequency::Monthly(MonthlyOn::Weekday { nth, weekday }) => {
            out.insert(
                "weekday_of_month".into(),
                json!({"nth": nth.number(), "weekday": weekday_name(weekday)}),
            );
        }
        _ => {}
    }
    match rule.end {
        End::Never => {}
        End::Count(count) => {
            out.insert("count".into(), json!(count));
        }
        End::Until(Until::Date(day)) => {
            out.insert("until".into(), json!(day.to_string()));
        }
        End::Until(Until::Instant(at)) => {
            out.insert("until".into(), json!(at.to_string()));
        }
    }
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recurrence::strategy;
    use jiff::civil::date;
    use proptest::prelude::*;

    fn parse(value: Value) -> Result<Recurrence, Problem> {
        Recurrence::from_json(&value)
    }

    #[test]
    fn reads_what_a_form_sends() {
        let rule = parse(json!({
            "frequency": "weekly", "interval": 2, "weekdays": ["monday", "thursday"],
            "count": 10, "until": null
        }))
        .unwrap();
        assert_eq!(
            rule.to_rrule(),
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=10"
        );

        let rule = parse(json!({
            "frequency": "monthly",
            "weekday_of_month": {"nth": 2, "weekday": "tuesday"},
            "until": "2026-12-31"
        }))
        .unwrap();
        assert_eq!(rule.to_rrule(), "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20261231");
        assert_eq!(rule.end(), End::Until(Until::Date(date(2026, 12, 31))));

        let rule = parse(json!({"frequency": "monthly", "day_of_month": -1})).unwrap();
        assert_eq!(rule.frequency(), Frequency::Monthly(MonthlyOn::LastDay));

        let rule =
            parse(json!({"frequency": "daily", "until": "2026-12-31T23:00:00+01:00"})).unwrap();
        assert_eq!(rule.to_rrule(), "FREQ=DAILY;UNTIL=20261231T220000Z");
    }

    #[test]
    fn names_what_is_wrong() {
        let says = |value: Value| parse(value).unwrap_err().to_string();
        assert_eq!(says(json!([])), "must be an object");
        assert_eq!(says(json!({})), "frequency is required");
        assert_eq!(
            says(json!({"frequency": "hourly"})),
            "frequency must be one of: daily, weekly, monthly, yearly"
        );
        assert_eq!(
            says(json!({"frequency": "daily", "interval": 0})),
            "interval must be a whole number from 1 to 999"
        );
        assert_eq!(
            says(json!({"frequency": "daily", "weekdays": ["monday"]})),
            "\"weekdays\" is not allowed here; use frequency, interval, count, until"
        );
        assert_eq!(
            says(json!({"frequency": "weekly", "weekdays": ["mon"]})),
            "weekdays each item must be one of: monday, tuesday, wednesday, thursday, \
             friday, saturday, sunday"
        );
        assert_eq!(
            says(json!({"frequency": "monthly", "day_of_month": 0})),
            "day_of_month must be one of: 1 to 31, or -1 for the last day"
        );
        assert_eq!(
            says(
                json!({"frequency": "monthly", "weekday_of_month": {"nth": 5, "weekday": "monday"}})
            ),
            "weekday_of_month nth must be one of: 1, 2, 3, 4, -1 (the last)"
        );
        assert_eq!(
            says(json!({"frequency": "monthly", "day_of_month": 3,
                        "weekday_of_month": {"nth": 1, "weekday": "monday"}})),
            "\"weekday_of_month\" is not allowed here; use day_of_month or weekday_of_month, \
             not both"
        );
        assert_eq!(
            says(json!({"frequency": "daily", "count": 3, "until": "2026-01-01"})),
            "\"until\" is not allowed here; use count or until, not both"
        );
        assert_eq!(
            says(json!({"frequency": "daily", "count": 10000})),
            "count must be a whole number from 1 to 9999"
        );
        assert_eq!(
            says(json!({"frequency": "daily", "until": "tomorrow"})),
            "until \"tomorrow\" is not a date (2026-01-31) or an RFC 3339 time"
        );
        assert!(says(json!({"frequency": "daily", "colour": "red"})).contains("\"colour\""));
    }

    fn any_json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            (-3i64..40).prop_map(Value::from),
            prop::sample::select(vec![
                "daily",
                "weekly",
                "monthly",
                "yearly",
                "monday",
                "2026-01-31",
                "2026-01-31T10:00:00Z",
                "",
            ])
            .prop_map(Value::from),
        ];
        leaf.prop_recursive(3, 24, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
                proptest::collection::btree_map(
                    prop::sample::select(vec![
                        "frequency",
                        "interval",
                        "weekdays",
                        "day_of_month",
                        "weekday_of_month",
                        "count",
                        "until",
                        "nth",
                        "weekday",
                    ])
                    .prop_map(String::from),
                    inner,
                    0..5,
                )
                .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn every_rule_reads_back_as_itself(rule in strategy::rule()) {
            prop_assert_eq!(parse(rule.to_json()), Ok(rule));
        }

        #[test]
        fn any_json_is_read_or_refused(value in any_json()) {
            if let Ok(rule) = parse(value) {
                prop_assert_eq!(parse(rule.to_json()), Ok(rule));
            }
        }
    }
}
