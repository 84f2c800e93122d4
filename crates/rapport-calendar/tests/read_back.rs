//! Calendars written by `rapport_calendar::calendar`, read back with the `ical` crate.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use jiff::SignedDuration;
use jiff::tz::TimeZone;
use proptest::prelude::*;
use rapport_calendar::{Attendee, ItemKind, MeetingStatus, Person, Role, TaskStatus, calendar};
use rapport_core::recurrence::{Occurrences, Recurrence};
use support::*;

#[test]
fn a_meeting_keeps_its_fields() {
    let mut item = meeting("2026-03-02T08:00:00Z");
    item.description = Some("Agenda:\n1. numbers".into());
    item.location = Some("Room 3".into());
    item.organizer = Some(Person {
        name: Some("Kari Nordmann".into()),
        email: "kari@example.no".into(),
    });
    item.attendees = vec![
        Attendee {
            person: Person {
                name: Some("Ola, Nordmann".into()),
                email: "ola@example.no".into(),
            },
            role: Role::Required,
        },
        Attendee {
            person: Person {
                name: None,
                email: "guest@example.com".into(),
            },
            role: Role::Optional,
        },
    ];
    item.url = Some("https://crm.example.no/meetings/1".into());
    item.sequence = 3;
    let text = calendar("Sales", &[item.clone()]);
    let cal = parse(&text);

    assert_eq!(value(&cal.properties, "VERSION"), "2.0");
    assert_eq!(value(&cal.properties, "NAME"), "Sales");
    assert_eq!(value(&cal.properties, "X-WR-CALNAME"), "Sales");
    assert!(
        cal.timezones.is_empty(),
        "a one-off meeting is written in UTC"
    );
    assert_eq!(cal.events.len(), 1);
    assert!(cal.todos.is_empty());
    let event = &cal.events[0].properties;
    assert_eq!(value(event, "UID"), item.uid.to_string());
    assert_eq!(value(event, "SUMMARY"), "Meeting");
    assert_eq!(unescape(value(event, "DESCRIPTION")), "Agenda:\n1. numbers");
    assert_eq!(value(event, "LOCATION"), "Room 3");
    assert_eq!(utc(value(event, "DTSTART")), at("2026-03-02T08:00:00Z"));
    assert_eq!(utc(value(event, "DTEND")), at("2026-03-02T09:00:00Z"));
    assert_eq!(utc(value(event, "DTSTAMP")), item.updated_at);
    assert_eq!(utc(value(event, "LAST-MODIFIED")), item.updated_at);
    assert_eq!(value(event, "SEQUENCE"), "3");
    assert_eq!(value(event, "STATUS"), "CONFIRMED");
    assert_eq!(value(event, "URL"), "https://crm.example.no/meetings/1");
    let organizer = get(event, "ORGANIZER");
    assert_eq!(organizer.value.as_deref(), Some("mailto:kari@example.no"));
    assert_eq!(param(organizer, "CN"), Some("Kari Nordmann"));
    let attendees = all(event, "ATTENDEE");
    assert_eq!(attendees.len(), 2);
    assert_eq!(attendees[0].value.as_deref(), Some("mailto:ola@example.no"));
    assert_eq!(param(attendees[0], "CN"), Some("Ola, Nordmann"));
    assert_eq!(param(attendees[0], "ROLE"), Some("REQ-PARTICIPANT"));
    assert_eq!(param(attendees[1], "CN"), None);
    assert_eq!(param(attendees[1], "ROLE"), Some("OPT-PARTICIPANT"));
    assert!(!has(event, "RRULE"));
    assert!(cal.events[0].alarms.is_empty());
}

#[test]
fn statuses_are_written_for_each_kind() {
    let due = at("2026-03-05T15:00:00Z");
    let task = |status| {
        let mut item = meeting("2026-03-02T08:00:00Z");
        item.kind = ItemKind::Task {
            start: None,
            due,
            status,
        };
        item
    };
    let with_status = |status| {
        let mut item = meeting("2026-03-02T08:00:00Z");
        if let ItemKind::Meeting { start, end, .. } = item.kind {
            item.kind = ItemKind::Meeting { start, end, status };
        }
        item
    };
    let items = [
        task(TaskStatus::NeedsAction),
        task(TaskStatus::Completed),
        task(TaskStatus::Cancelled),
        with_status(MeetingStatus::Tentative),
        with_status(MeetingStatus::Cancelled),
    ];
    let cal = parse(&calendar("Tasks", &items));
    let todos: Vec<&str> = cal
        .todos
        .iter()
        .map(|t| value(&t.properties, "STATUS"))
        .collect();
    assert_eq!(todos, ["NEEDS-ACTION", "COMPLETED", "CANCELLED"]);
    let events: Vec<&str> = cal
        .events
        .iter()
        .map(|e| value(&e.properties, "STATUS"))
        .collect();
    assert_eq!(events, ["TENTATIVE", "CANCELLED"]);
    for todo in &cal.todos {
        assert_eq!(utc(value(&todo.properties, "DUE")), due);
        assert!(
            !has(&todo.properties, "DTSTART"),
            "a task without a start has none"
        );
    }
}

#[test]
fn text_is_escaped_and_unicode_survives() {
    let mut item = meeting("2026-03-02T08:00:00Z");
    item.summary = "Tilbud, fase 2; «revisjon» \\ ærlig talt\nneste linje 🗓".into();
    item.description = Some("a\r\nb\rc".into());
    item.location = Some("Gate 1,\tSandnes".into());
    item.organizer = Some(Person {
        name: Some("Zoë \"Z\" Ødegård".into()),
        email: "zoe@example.no".into(),
    });
    let cal = parse(&calendar("Ærlig; kalender, ja", &[item.clone()]));
    let event = &cal.events[0].properties;
    let raw = value(event, "SUMMARY");
    assert!(
        raw.contains(r"Tilbud\, fase 2\; «revisjon» \\ ærlig talt\nneste"),
        "{raw}"
    );
    assert_eq!(unescape(raw), item.summary);
    assert_eq!(unescape(value(event, "DESCRIPTION")), "a\nb\nc");
    assert_eq!(unescape(value(event, "LOCATION")), "Gate 1,\tSandnes");
    assert_eq!(
        param(get(event, "ORGANIZER"), "CN"),
        Some("Zoë 'Z' Ødegård")
    );
    assert_eq!(
        unescape(value(&cal.properties, "NAME")),
        "Ærlig; kalender, ja"
    );
}

#[test]
fn long_lines_are_folded_at_75_octets_on_character_boundaries() {
    let mut item = meeting("2026-03-02T08:00:00Z");
    item.summary = "Ærlig-møte-om-å-følge-opp-kunden-på-Sørlandet—".repeat(8);
    item.description = Some(format!("{} end", "word ".repeat(60)));
    let text = calendar("Folding", &[item.clone()]);
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(lines.last(), Some(&""), "every line ends with CRLF");
    for line in &lines {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
    let summary_lines = lines
        .iter()
        .skip_while(|l| !l.starts_with("SUMMARY:"))
        .take_while(|l| l.starts_with("SUMMARY:") || l.starts_with(' '))
        .count();
    assert!(
        summary_lines > 5,
        "the summary is folded over several lines"
    );
    // The `ical` crate unfolds the summary, which has no spaces, itself.
    let cal = parse(&text);
    assert_eq!(value(&cal.events[0].properties, "SUMMARY"), item.summary);
    let cal = parse(&unfold(&text));
    assert_eq!(
        value(&cal.events[0].properties, "DESCRIPTION"),
        item.description.unwrap()
    );
}

#[test]
fn reminders_become_display_alarms() {
    let mut item = meeting("2026-03-02T08:00:00Z");
    item.reminder_minutes = Some(90);
    let mut task = meeting("2026-03-02T08:00:00Z");
    task.kind = ItemKind::Task {
        start: None,
        due: at("2026-03-04T12:00:00Z"),
        status: TaskStatus::NeedsAction,
    };
    task.summary = "Send the offer".into();
    task.reminder_minutes = Some(24 * 60);
    let mut done = task.clone();
    done.kind = ItemKind::Task {
        start: None,
        due: at("2026-03-04T12:00:00Z"),
        status: TaskStatus::Completed,
    };
    let mut now = meeting("2026-03-02T08:00:00Z");
    now.reminder_minutes = Some(0);
    let cal = parse(&calendar("Alarms", &[item, task, done, now]));
    let alarm = &cal.events[0].alarms[0].properties;
    assert_eq!(value(alarm, "ACTION"), "DISPLAY");
    assert_eq!(value(alarm, "DESCRIPTION"), "Meeting");
    assert_eq!(value(alarm, "TRIGGER"), "-PT1H30M");
    assert_eq!(param(get(alarm, "TRIGGER"), "RELATED"), None);
    let alarm = &cal.todos[0].alarms[0].properties;
    assert_eq!(value(alarm, "DESCRIPTION"), "Send the offer");
    assert_eq!(value(alarm, "TRIGGER"), "-P1D");
    assert_eq!(param(get(alarm, "TRIGGER"), "RELATED"), Some("END"));
    assert!(
        cal.todos[1].alarms.is_empty(),
        "a completed task reminds no one"
    );
    assert_eq!(
        value(&cal.events[1].alarms[0].properties, "TRIGGER"),
        "PT0S"
    );
}

#[test]
fn all_day_items_are_local_dates() {
    let mut item = meeting("2026-03-01T23:30:00Z");
    item.all_day = true;
    // 00:30 on 2 March in Oslo, to the end of 3 March there: two whole days.
    item.kind = ItemKind::Meeting {
        start: at("2026-03-01T23:30:00Z"),
        end: at("2026-03-03T23:00:00Z"),
        status: MeetingStatus::Confirmed,
    };
    item.recurrence = Some(Recurrence::from_rrule("FREQ=YEARLY;UNTIL=20300302").unwrap());
    let mut task = meeting("2026-03-01T23:30:00Z");
    task.all_day = true;
    task.kind = ItemKind::Task {
        start: None,
        due: at("2026-03-10T09:00:00Z"),
        status: TaskStatus::NeedsAction,
    };
    let cal = parse(&calendar("Days", &[item, task]));
    assert!(cal.timezones.is_empty(), "dates need no zone");
    let event = &cal.events[0].properties;
    assert_eq!(value(event, "DTSTART"), "20260302");
    assert_eq!(param(get(event, "DTSTART"), "VALUE"), Some("DATE"));
    assert_eq!(value(event, "DTEND"), "20260304");
    assert_eq!(value(event, "RRULE"), "FREQ=YEARLY;UNTIL=20300302");
    let todo = &cal.todos[0].properties;
    assert_eq!(value(todo, "DUE"), "20260310");
    assert_eq!(param(get(todo, "DUE"), "VALUE"), Some("DATE"));
}

#[test]
fn a_recurring_meeting_is_written_in_its_zone_and_keeps_its_local_time() {
    let oslo = zone("Europe/Oslo");
    let mut item = meeting("2026-03-02T08:00:00Z");
    let rule = Recurrence::from_rrule("FREQ=WEEKLY;BYDAY=MO;UNTIL=20261231").unwrap();
    item.recurrence = Some(rule.clone());
    let cal = parse(&calendar("Weekly", &[item.clone()]));
    let event = &cal.events[0].properties;
    let dtstart = get(event, "DTSTART");
    assert_eq!(param(dtstart, "TZID"), Some("Europe/Oslo"));
    assert_eq!(dtstart.value.as_deref(), Some("20260302T090000"));
    assert_eq!(value(event, "DTEND"), "20260302T100000");
    // UNTIL beside a local DTSTART is the UTC time of the end of that local day.
    assert_eq!(
        value(event, "RRULE"),
        "FREQ=WEEKLY;UNTIL=20261231T225959Z;BYDAY=MO"
    );
    timezone(&cal, "Europe/Oslo");

    let written = Recurrence::from_rrule(value(event, "RRULE")).unwrap();
    let start = oslo
        .to_ambiguous_timestamp(local(value(event, "DTSTART")))
        .compatible()
        .unwrap();
    assert_eq!(start, item.kind.anchor());
    let ours: Vec<_> = Occurrences::new(&rule, start, &oslo).collect();
    let theirs: Vec<_> = Occurrences::new(&written, start, &oslo).collect();
    assert_eq!(ours.len(), 44);
    assert_eq!(ours, theirs);
    // Every Monday stays at 09:00 in Oslo, on both sides of the clock change.
    assert!(ours.iter().all(|t| oslo.to_datetime(*t).hour() == 9));
    assert_eq!(ours[4].to_string(), "2026-03-30T07:00:00Z");
}

#[test]
fn a_recurring_task_repeats_from_its_due_time() {
    let new_york = zone("America/New_York");
    let mut task = meeting("2026-03-02T08:00:00Z");
    task.time_zone = new_york;
    task.kind = ItemKind::Task {
        start: None,
        due: at("2026-01-13T15:00:00Z"),
        status: TaskStatus::NeedsAction,
    };
    task.recurrence = Some(Recurrence::from_rrule("FREQ=MONTHLY;BYDAY=2TU;COUNT=6").unwrap());
    let cal = parse(&calendar("Tasks", &[task]));
    let todo = &cal.todos[0].properties;
    assert_eq!(
        param(get(todo, "DTSTART"), "TZID"),
        Some("America/New_York")
    );
    assert_eq!(value(todo, "DTSTART"), "20260113T100000");
    assert_eq!(value(todo, "DUE"), "20260113T100000");
    assert_eq!(param(get(todo, "DUE"), "TZID"), Some("America/New_York"));
    assert_eq!(value(todo, "RRULE"), "FREQ=MONTHLY;COUNT=6;BYDAY=2TU");
    timezone(&cal, "America/New_York");
}

#[test]
fn a_zone_without_daylight_saving_is_still_named() {
    // 02:00 on Monday in Kolkata is 20:30 on Sunday in UTC: written in UTC, BYDAY=MO
    // would fall a day late.
    let mut item = meeting("2026-03-01T20:30:00Z");
    item.time_zone = zone("Asia/Kolkata");
    item.recurrence = Some(Recurrence::from_rrule("FREQ=WEEKLY;BYDAY=MO,TH;COUNT=4").unwrap());
    let mut utc_item = meeting("2026-03-01T20:30:00Z");
    utc_item.time_zone = zone("UTC");
    utc_item.recurrence = Some(Recurrence::from_rrule("FREQ=DAILY;COUNT=3").unwrap());
    let cal = parse(&calendar("Kolkata", &[item, utc_item]));
    let event = &cal.events[0].properties;
    assert_eq!(param(get(event, "DTSTART"), "TZID"), Some("Asia/Kolkata"));
    assert_eq!(value(event, "DTSTART"), "20260302T020000");
    let kolkata = timezone(&cal, "Asia/Kolkata");
    assert_eq!(kolkata.transitions.len(), 1);
    let only = &kolkata.transitions[0].properties;
    assert_eq!(value(only, "TZOFFSETTO"), "+0530");
    assert!(!has(only, "RRULE"));
    assert_eq!(cal.timezones.len(), 1, "UTC needs no VTIMEZONE");
    assert_eq!(
        value(&cal.events[1].properties, "DTSTART"),
        "20260301T203000Z"
    );
}

#[test]
fn the_same_items_give_the_same_text() {
    let mut item = meeting("2026-03-02T08:00:00Z");
    item.reminder_minutes = Some(10);
    item.recurrence = Some(Recurrence::from_rrule("FREQ=DAILY").unwrap());
    let items = [item.clone(), item];
    assert_eq!(calendar("Same", &items), calendar("Same", &items));
    let cal = parse(&calendar("Same", &items));
    assert_eq!(cal.timezones.len(), 1, "a zone is described once");
}

/// The offset a VTIMEZONE gives at `at`: that of the latest onset at or before it.
fn offset_at(
    zone: &ical::parser::ical::component::IcalTimeZone,
    at: jiff::Timestamp,
) -> Option<i32> {
    let mut latest: Option<(jiff::Timestamp, i32)> = None;
    for part in &zone.transitions {
        let props = &part.properties;
        let seconds = |raw: &str| {
            let sign = if raw.starts_with('-') { -1 } else { 1 };
            let digits = &raw[1..];
            let n =
                |r: std::ops::Range<usize>| digits.get(r).map_or(0, |d| d.parse::<i32>().unwrap());
            sign * (n(0..2) * 3600 + n(2..4) * 60 + n(4..6))
        };
        let from = seconds(value(props, "TZOFFSETFROM"));
        let to = seconds(value(props, "TZOFFSETTO"));
        let onset = local(value(props, "DTSTART"));
        let mut onsets = vec![onset];
        if has(props, "RRULE") {
            let rule = value(props, "RRULE");
            let part_of = |name: &str| {
                rule.split(';')
                    .find_map(|p| p.strip_prefix(&format!("{name}=")))
                    .unwrap()
                    .to_string()
            };
            assert_eq!(part_of("FREQ"), "YEARLY");
            let month: i8 = part_of("BYMONTH").parse().unwrap();
            let byday = part_of("BYDAY");
            let (place, day) = byday.split_at(byday.len() - 2);
            let weekday = match day {
                "MO" => jiff::civil::Weekday::Monday,
                "TU" => jiff::civil::Weekday::Tuesday,
                "WE" => jiff::civil::Weekday::Wednesday,
                "TH" => jiff::civil::Weekday::Thursday,
                "FR" => jiff::civil::Weekday::Friday,
                "SA" => jiff::civil::Weekday::Saturday,
                _ => jiff::civil::Weekday::Sunday,
            };
            let days: Vec<i8> = if place.is_empty() {
                part_of("BYMONTHDAY")
                    .split(',')
                    .map(|d| d.parse().unwrap())
                    .collect()
            } else {
                Vec::new()
            };
            for year in onset.year() + 1..=2100 {
                let first = jiff::civil::Date::new(year, month, 1).unwrap();
                let day = if place.is_empty() {
                    let found: Vec<_> = days
                        .iter()
                        .map(|d| first.with().day(*d).build().unwrap())
                        .filter(|d| d.weekday() == weekday)
                        .collect();
                    assert_eq!(found.len(), 1, "one {day} in {rule}");
                    found[0]
                } else {
                    first
                        .nth_weekday_of_month(place.parse().unwrap(), weekday)
                        .unwrap()
                };
                onsets.push(day.to_datetime(onset.time()));
            }
        }
        for onset in onsets {
            let instant = jiff::tz::Offset::from_seconds(from)
                .unwrap()
                .to_timestamp(onset)
                .unwrap();
            if instant <= at && latest.is_none_or(|(l, _)| instant > l) {
                latest = Some((instant, to));
            }
        }
    }
    latest.map(|(_, to)| to)
}

#[test]
fn each_vtimezone_gives_the_offsets_of_its_zone_for_decades() {
    for name in [
        "Europe/Oslo",
        "America/New_York",
        "Australia/Sydney",
        "Australia/Lord_Howe",
        "Europe/Dublin",
        "America/Sao_Paulo",
        "Africa/Casablanca",
        "America/Santiago",
        "Pacific/Chatham",
        "Asia/Jerusalem",
    ] {
        let tz = zone(name);
        let start = "2015-06-15T10:00:00Z";
        let mut item = meeting(start);
        item.time_zone = tz.clone();
        item.recurrence = Some(Recurrence::from_rrule("FREQ=WEEKLY").unwrap());
        let text = calendar("Zones", &[item]);
        let cal = parse(&text);
        let vtimezone = timezone(&cal, name);
        assert!(
            vtimezone.transitions.len() < 200,
            "{name} is described briefly"
        );
        // Every few days, and just either side of each change, up to 2090.
        let mut samples = Vec::new();
        let mut t = at(start);
        while t < at("2090-01-01T00:00:00Z") {
            samples.push(t);
            t = t
                .checked_add(SignedDuration::from_hours(24 * 5 + 7))
                .unwrap();
        }
        for change in tz
            .following(at(start))
            .take_while(|c| c.timestamp() < at("2090-01-01T00:00:00Z"))
        {
            let c = change.timestamp();
            samples.push(c);
            samples.push(c.checked_sub(SignedDuration::from_secs(1)).unwrap());
        }
        for t in samples {
            assert_eq!(
                offset_at(vtimezone, t),
                Some(tz.to_offset(t).seconds()),
                "{name} at {t}"
            );
        }
    }
}

#[test]
fn zones_with_a_yearly_rule_are_described_by_it() {
    let mut item = meeting("2026-03-02T08:00:00Z");
    item.recurrence = Some(Recurrence::from_rrule("FREQ=DAILY").unwrap());
    let cal = parse(&calendar("Oslo", &[item]));
    let oslo = timezone(&cal, "Europe/Oslo");
    assert_eq!(oslo.transitions.len(), 2);
    let rules: Vec<&str> = oslo
        .transitions
        .iter()
        .map(|t| value(&t.properties, "RRULE"))
        .collect();
    assert_eq!(
        rules,
        [
            "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
            "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3"
        ]
    );
    let names: Vec<&str> = oslo
        .transitions
        .iter()
        .map(|t| value(&t.properties, "TZNAME"))
        .collect();
    assert_eq!(names, ["CET", "CEST"]);
}

fn rules() -> impl Strategy<Value = Recurrence> {
    let frequency = prop_oneof![
        Just("FREQ=DAILY".to_string()),
        proptest::sample::subsequence(vec!["MO", "TU", "WE", "TH", "FR", "SA", "SU"], 0..4)
            .prop_map(|d| if d.is_empty() {
                "FREQ=WEEKLY".to_string()
            } else {
                format!("FREQ=WEEKLY;BYDAY={}", d.join(","))
            }),
        (1..=31i32).prop_map(|d| format!("FREQ=MONTHLY;BYMONTHDAY={d}")),
        Just("FREQ=MONTHLY;BYMONTHDAY=-1".to_string()),
        (
            prop_oneof![Just(-1), 1..=4i32],
            proptest::sample::select(vec!["MO", "TU", "FR", "SU"])
        )
            .prop_map(|(n, d)| format!("FREQ=MONTHLY;BYDAY={n}{d}")),
        Just("FREQ=MONTHLY".to_string()),
        Just("FREQ=YEARLY".to_string()),
    ];
    let end = prop_oneof![
        Just(String::new()),
        (1..40u32).prop_map(|c| format!(";COUNT={c}")),
        (2026..2029i32, 1..=12i32, 1..=28i32)
            .prop_map(|(y, m, d)| format!(";UNTIL={y}{m:02}{d:02}")),
        Just(";UNTIL=20270101T120000Z".to_string()),
    ];
    (frequency, 1..4u16, end)
        .prop_map(|(f, i, e)| Recurrence::from_rrule(&format!("{f};INTERVAL={i}{e}")).unwrap())
}

fn zones() -> impl Strategy<Value = TimeZone> {
    proptest::sample::select(vec![
        "Europe/Oslo",
        "America/New_York",
        "Australia/Sydney",
        "Asia/Kolkata",
        "UTC",
    ])
    .prop_map(zone)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn recurrences_expand_the_same_once_written(
        rule in rules(),
        tz in zones(),
        all_day in any::<bool>(),
        minutes in 0i64..(365 * 24 * 60),
    ) {
        let start = at("2026-01-01T00:00:00Z")
            .checked_add(SignedDuration::from_mins(minutes))
            .unwrap();
        let mut item = meeting("2026-01-01T00:00:00Z");
        item.kind = ItemKind::Meeting {
            start,
            end: start.checked_add(SignedDuration::from_mins(45)).unwrap(),
            status: MeetingStatus::Confirmed,
        };
        item.time_zone = tz.clone();
        item.all_day = all_day;
        item.recurrence = Some(rule.clone());
        let cal = parse(&calendar("Rules", &[item]));
        let event = &cal.events[0].properties;
        let written = Recurrence::from_rrule(value(event, "RRULE")).unwrap();
        prop_assert_eq!(written.frequency(), rule.frequency());
        prop_assert_eq!(written.interval(), rule.interval());
        let dtstart = get(event, "DTSTART");
        // Expand both on the calendar the item is written in: its dates for an all-day
        // item, its zone's clock (named by TZID, or UTC) otherwise.
        let (written_tz, written_start) = if all_day {
            let day = jiff::fmt::strtime::parse("%Y%m%d", dtstart.value.as_deref().unwrap())
                .unwrap()
                .to_date()
                .unwrap();
            (TimeZone::UTC, TimeZone::UTC.to_timestamp(day.to_datetime(jiff::civil::Time::MIN)).unwrap())
        } else if let Some(tzid) = param(dtstart, "TZID") {
            let tz = zone(tzid);
            let local = local(dtstart.value.as_deref().unwrap());
            (tz.clone(), tz.to_ambiguous_timestamp(local).compatible().unwrap())
        } else {
            (TimeZone::UTC, utc(dtstart.value.as_deref().unwrap()))
        };
        let days = |tz: &TimeZone, list: Vec<jiff::Timestamp>| -> Vec<String> {
            list.into_iter().map(|t| if all_day {
                tz.to_datetime(t).date().to_string()
            } else {
                t.to_string()
            }).collect()
        };
        let local_start = if all_day {
            TimeZone::UTC.to_timestamp(tz.to_datetime(start).date().to_datetime(jiff::civil::Time::MIN)).unwrap()
        } else {
            start
        };
        let ours_tz = if all_day { TimeZone::UTC } else { tz.clone() };
        let ours: Vec<_> = Occurrences::new(&rule, local_start, &ours_tz).take(120).collect();
        let theirs: Vec<_> = Occurrences::new(&written, written_start, &written_tz).take(120).collect();
        if !all_day {
            prop_assert_eq!(written_start, start);
        }
        prop_assert_eq!(days(&ours_tz, ours), days(&written_tz, theirs));
    }

    #[test]
    fn any_text_reads_back(summary in "[\\PC\n,;\\\\]{0,300}", location in "\\PC{0,80}") {
        // The `ical` crate drops every colon that begins a value.
        prop_assume!(!summary.trim().starts_with(':') && !location.trim().starts_with(':'));
        let mut item = meeting("2026-03-02T08:00:00Z");
        item.summary = summary.clone();
        item.location = Some(location.clone());
        let text = calendar("Text", &[item]);
        for line in text.split("\r\n") {
            prop_assert!(line.len() <= 75);
        }
        let cal = parse(&unfold(&text));
        let event = &cal.events[0].properties;
        match summary.trim() {
            "" => prop_assert!(!has(event, "SUMMARY")),
            trimmed => prop_assert_eq!(unescape(value(event, "SUMMARY")), trimmed),
        }
        match location.trim() {
            "" => prop_assert!(!has(event, "LOCATION")),
            trimmed => prop_assert_eq!(unescape(value(event, "LOCATION")), trimmed),
        }
    }
}
