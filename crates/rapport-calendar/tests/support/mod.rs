//! Reading the calendars back with the `ical` crate, a parser that shares no code with
//! the writer.

#![allow(dead_code)]

use ical::parser::ical::component::{IcalCalendar, IcalTimeZone};
use ical::property::Property;
use jiff::Timestamp;
use jiff::civil::DateTime;
use jiff::tz::TimeZone;
use rapport_calendar::{CalendarItem, ItemKind, MeetingStatus};
use std::io::BufReader;

pub fn parse(text: &str) -> IcalCalendar {
    let mut calendars = ical::IcalParser::new(BufReader::new(text.as_bytes()));
    let calendar = calendars.next().expect("one calendar").expect("it parses");
    assert!(calendars.next().is_none(), "only one calendar");
    calendar
}

/// Unfolds lines as RFC 5545 says: a line break followed by one space or tab is removed.
/// The `ical` crate also trims each physical line, which loses a space that a fold
/// happens to follow; text with spaces is unfolded here first.
pub fn unfold(text: &str) -> String {
    text.replace("\r\n ", "").replace("\r\n\t", "")
}

pub fn get<'a>(properties: &'a [Property], name: &str) -> &'a Property {
    properties
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no {name}"))
}

pub fn all<'a>(properties: &'a [Property], name: &str) -> Vec<&'a Property> {
    properties.iter().filter(|p| p.name == name).collect()
}

pub fn has(properties: &[Property], name: &str) -> bool {
    properties.iter().any(|p| p.name == name)
}

pub fn value<'a>(properties: &'a [Property], name: &str) -> &'a str {
    get(properties, name).value.as_deref().unwrap_or_default()
}

pub fn param<'a>(property: &'a Property, name: &str) -> Option<&'a str> {
    property
        .params
        .as_ref()?
        .iter()
        .find(|(key, _)| key == name)
        .and_then(|(_, values)| values.first())
        .map(String::as_str)
}

/// A TEXT value as RFC 5545 escapes it, read back.
pub fn unescape(raw: &str) -> String {
    let mut out = String::new();
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(c @ ('\\' | ',' | ';')) => out.push(c),
            other => panic!("\\{other:?} is not an RFC 5545 escape in {raw:?}"),
        }
    }
    out
}

pub fn utc(raw: &str) -> Timestamp {
    let dt: DateTime = jiff::fmt::strtime::parse("%Y%m%dT%H%M%SZ", raw)
        .and_then(|t| t.to_datetime())
        .unwrap_or_else(|e| panic!("{raw:?} is no UTC time: {e}"));
    TimeZone::UTC.to_timestamp(dt).unwrap()
}

pub fn local(raw: &str) -> DateTime {
    jiff::fmt::strtime::parse("%Y%m%dT%H%M%S", raw)
        .and_then(|t| t.to_datetime())
        .unwrap_or_else(|e| panic!("{raw:?} is no local time: {e}"))
}

pub fn zone(name: &str) -> TimeZone {
    TimeZone::get(name).unwrap()
}

pub fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

pub fn timezone<'a>(calendar: &'a IcalCalendar, tzid: &str) -> &'a IcalTimeZone {
    calendar
        .timezones
        .iter()
        .find(|z| value(&z.properties, "TZID") == tzid)
        .unwrap_or_else(|| panic!("no VTIMEZONE {tzid}"))
}

/// A one-hour meeting with nothing optional filled in.
pub fn meeting(start: &str) -> CalendarItem {
    let start = at(start);
    CalendarItem {
        uid: uuid::Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0001),
        kind: ItemKind::Meeting {
            start,
            end: start
                .checked_add(jiff::SignedDuration::from_hours(1))
                .unwrap(),
            status: MeetingStatus::Confirmed,
        },
        summary: "Meeting".into(),
        description: None,
        all_day: false,
        time_zone: zone("Europe/Oslo"),
        location: None,
        organizer: None,
        attendees: Vec::new(),
        recurrence: None,
        reminder_minutes: None,
        url: None,
        updated_at: at("2026-01-05T12:00:00Z"),
        sequence: 0,
    }
}
