//! Items turned into calcard's iCalendar components, which calcard writes out.

use crate::clean;
use crate::item::{CalendarItem, ItemKind, MeetingStatus, Role, TaskStatus};
use crate::timezone::{self, Observance, WhichWeekday};
use calcard::common::PartialDateTime;
use calcard::icalendar::{
    ICalendar, ICalendarAction, ICalendarComponent, ICalendarComponentType, ICalendarDay,
    ICalendarDuration, ICalendarEntry, ICalendarFrequency, ICalendarMonth, ICalendarParameter,
    ICalendarParticipationRole, ICalendarProperty, ICalendarRecurrenceRule, ICalendarRelated,
    ICalendarStatus, ICalendarValue, ICalendarValueType, ICalendarWeekday, Uri,
};
use jiff::civil::{Date, DateTime, Weekday};
use jiff::tz::{Offset, TimeZone};
use jiff::{SignedDuration, Timestamp};
use rapport_core::recurrence::{End, Frequency, MonthlyOn, Recurrence};
use std::collections::BTreeMap;

const PRODID: &str = "-//Rapport//Rapport CRM//EN";
/// How often a subscribed calendar should fetch the feed again.
const REFRESH: &str = "PT1H";

/// The whole calendar as iCalendar text.
pub fn calendar(name: &str, items: &[CalendarItem]) -> String {
    let mut tree = Tree::new();
    let root = tree.root();
    let name = clean::text(name);
    tree.push(root, entry(ICalendarProperty::Version, text("2.0")));
    tree.push(root, entry(ICalendarProperty::Prodid, text(PRODID)));
    tree.push(root, entry(ICalendarProperty::Calscale, text("GREGORIAN")));
    tree.push(root, entry(ICalendarProperty::Name, text(&name)));
    tree.push(root, other("X-WR-CALNAME", &name));
    tree.push(
        root,
        entry(ICalendarProperty::RefreshInterval, text(REFRESH))
            .with_param(ICalendarParameter::value(ICalendarValueType::Duration)),
    );
    tree.push(root, other("X-PUBLISHED-TTL", REFRESH));

    let clocks: Vec<Clock> = items.iter().map(Clock::for_item).collect();
    // Each zone a local time names is described once, from its earliest use on.
    let mut zones: BTreeMap<&str, (&TimeZone, Timestamp)> = BTreeMap::new();
    for (item, clock) in items.iter().zip(&clocks) {
        if let Clock::Local(tzid) = clock {
            let anchor = item.kind.anchor();
            zones
                .entry(tzid)
                .and_modify(|(_, from)| *from = (*from).min(anchor))
                .or_insert((&item.time_zone, anchor));
        }
    }
    for (tzid, (tz, from)) in zones {
        vtimezone(&mut tree, root, tzid, tz, from);
    }
    for (item, clock) in items.iter().zip(&clocks) {
        write_item(&mut tree, root, item, clock);
    }
    tree.ical.to_string()
}

/// calcard's components are a flat list in which each names its children by index.
struct Tree {
    ical: ICalendar,
}

impl Tree {
    fn new() -> Tree {
        Tree {
            ical: ICalendar {
                components: vec![ICalendarComponent::new(ICalendarComponentType::VCalendar)],
            },
        }
    }

    fn root(&self) -> usize {
        0
    }

    fn child(&mut self, parent: usize, kind: ICalendarComponentType) -> usize {
        let id = self.ical.components.len();
        self.ical.components.push(ICalendarComponent::new(kind));
        if let Some(parent) = self.ical.components.get_mut(parent) {
            parent.component_ids.push(id as u32);
        }
        id
    }

    fn push(&mut self, component: usize, entry: ICalendarEntry) {
        if let Some(c) = self.ical.components.get_mut(component) {
            c.entries.push(entry);
        }
    }
}

/// How an item's times are written.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Clock {
    /// As UTC instants: exact, and all a one-off item needs.
    Utc,
    /// As local times of a zone, named by this TZID and described by a VTIMEZONE, so
    /// that a rule repeats on that zone's clock.
    Local(String),
    /// As local dates in the item's zone.
    Dates,
}

impl Clock {
    fn for_item(item: &CalendarItem) -> Clock {
        if item.all_day {
            return Clock::Dates;
        }
        let tz = &item.time_zone;
        // A rule counts its days and keeps its time on the clock of its DTSTART, so a
        // recurring item is written on its own zone's clock unless that is UTC's.
        if item.recurrence.is_none() || is_utc(tz) {
            return Clock::Utc;
        }
        if let Some(name) = tz.iana_name() {
            return Clock::Local(name.to_string());
        }
        match tz.to_fixed_offset() {
            Ok(offset) => Clock::Local(format!("UTC{offset}")),
            // A zone with changes but no name cannot be named by a TZID.
            Err(_) => Clock::Utc,
        }
    }
}

fn is_utc(tz: &TimeZone) -> bool {
    tz.to_offset(Timestamp::UNIX_EPOCH) == Offset::UTC
        && tz.preceding(Timestamp::MAX).next().is_none()
}

fn write_item(tree: &mut Tree, root: usize, item: &CalendarItem, clock: &Clock) {
    let (kind, status) = match item.kind {
        ItemKind::Meeting { status, .. } => (
            ICalendarComponentType::VEvent,
            match status {
                MeetingStatus::Tentative => ICalendarStatus::Tentative,
                MeetingStatus::Confirmed => ICalendarStatus::Confirmed,
                MeetingStatus::Cancelled => ICalendarStatus::Cancelled,
            },
        ),
        ItemKind::Task { status, .. } => (
            ICalendarComponentType::VTodo,
            match status {
                TaskStatus::NeedsAction => ICalendarStatus::NeedsAction,
                TaskStatus::Completed => ICalendarStatus::Completed,
                TaskStatus::Cancelled => ICalendarStatus::Cancelled,
            },
        ),
    };
    let id = tree.child(root, kind);
    let tz = &item.time_zone;
    let mut put = |e: ICalendarEntry| tree.push(id, e);
    put(entry(ICalendarProperty::Uid, text(&item.uid.to_string())));
    // Without a METHOD, DTSTAMP is the item's last change, like LAST-MODIFIED.
    put(entry(ICalendarProperty::Dtstamp, utc(item.updated_at)));
    put(entry(ICalendarProperty::LastModified, utc(item.updated_at)));
    put(entry(
        ICalendarProperty::Sequence,
        ICalendarValue::Integer(i64::from(item.sequence)),
    ));
    if let Some(summary) = clean::optional_text(Some(&item.summary)) {
        put(entry(
            ICalendarProperty::Summary,
            ICalendarValue::Text(summary),
        ));
    }
    if let Some(description) = clean::optional_text(item.description.as_deref()) {
        put(entry(
            ICalendarProperty::Description,
            ICalendarValue::Text(description),
        ));
    }
    if let Some(location) = clean::optional_text(item.location.as_deref()) {
        put(entry(
            ICalendarProperty::Location,
            ICalendarValue::Text(location),
        ));
    }
    let recurs = item.recurrence.is_some();
    match item.kind {
        ItemKind::Meeting { start, end, .. } => {
            put(time(ICalendarProperty::Dtstart, start, clock, tz));
            if item.all_day {
                // An all-day end is the day after the last day, and at least a day on.
                let last = end
                    .checked_sub(SignedDuration::from_nanos(1))
                    .unwrap_or(end);
                let first = local_date(start, tz);
                let after = local_date(last, tz).tomorrow().ok();
                let after = after
                    .filter(|d| *d > first)
                    .or_else(|| first.tomorrow().ok());
                if let Some(after) = after {
                    put(date_entry(ICalendarProperty::Dtend, after));
                }
            } else if end > start {
                put(time(ICalendarProperty::Dtend, end, clock, tz));
            }
        }
        ItemKind::Task { start, due, .. } => {
            // DUE must come after DTSTART; a recurring task needs a DTSTART to repeat
            // from, and one that has only a due time repeats from it.
            let start = start.filter(|s| {
                if item.all_day {
                    local_date(*s, tz) < local_date(due, tz)
                } else {
                    *s < due
                }
            });
            if let Some(start) = start.or(recurs.then_some(due)) {
                put(time(ICalendarProperty::Dtstart, start, clock, tz));
            }
            put(time(ICalendarProperty::Due, due, clock, tz));
        }
    }
    put(entry(
        ICalendarProperty::Status,
        ICalendarValue::Status(status),
    ));
    if let Some(organizer) = &item.organizer
        && !organizer.email.trim().is_empty()
    {
        let mut e = entry(
            ICalendarProperty::Organizer,
            uri(&clean::mailto(&organizer.email)),
        );
        if let Some(name) = organizer.name.as_deref().map(clean::parameter)
            && !name.is_empty()
        {
            e = e.with_param(ICalendarParameter::cn(name));
        }
        put(e);
    }
    for attendee in &item.attendees {
        if attendee.person.email.trim().is_empty() {
            continue;
        }
        let mut e = entry(
            ICalendarProperty::Attendee,
            uri(&clean::mailto(&attendee.person.email)),
        );
        if let Some(name) = attendee.person.name.as_deref().map(clean::parameter)
            && !name.is_empty()
        {
            e = e.with_param(ICalendarParameter::cn(name));
        }
        let role = match attendee.role {
            Role::Chair => ICalendarParticipationRole::Chair,
            Role::Required => ICalendarParticipationRole::ReqParticipant,
            Role::Optional => ICalendarParticipationRole::OptParticipant,
            Role::NonParticipant => ICalendarParticipationRole::NonParticipant,
        };
        put(e.with_param(ICalendarParameter::role(role)));
    }
    if let Some(url) = item.url.as_deref().map(clean::uri)
        && !url.is_empty()
    {
        put(entry(ICalendarProperty::Url, uri(&url)));
    }
    if let Some(rule) = &item.recurrence {
        put(entry(
            ICalendarProperty::Rrule,
            ICalendarValue::RecurrenceRule(Box::new(rrule(rule, clock, tz))),
        ));
    }
    if let Some(minutes) = item.reminder_minutes
        && !item.kind.is_closed()
    {
        let alarm = tree.child(id, ICalendarComponentType::VAlarm);
        tree.push(
            alarm,
            entry(
                ICalendarProperty::Action,
                ICalendarValue::Action(ICalendarAction::Display),
            ),
        );
        let reminder = clean::optional_text(Some(&item.summary)).unwrap_or("Reminder".into());
        tree.push(
            alarm,
            entry(
                ICalendarProperty::Description,
                ICalendarValue::Text(reminder),
            ),
        );
        let before = ICalendarDuration::from_seconds(-i64::from(minutes) * 60);
        let mut trigger = entry(ICalendarProperty::Trigger, ICalendarValue::Duration(before));
        // A task's reminder is for its due time, which RFC 5545 calls its end.
        if matches!(item.kind, ItemKind::Task { .. }) {
            trigger = trigger.with_param(ICalendarParameter::related(ICalendarRelated::End));
        }
        tree.push(alarm, trigger);
    }
}

fn vtimezone(tree: &mut Tree, root: usize, tzid: &str, tz: &TimeZone, from: Timestamp) {
    let id = tree.child(root, ICalendarComponentType::VTimezone);
    tree.push(id, entry(ICalendarProperty::Tzid, text(tzid)));
    for part in timezone::observances(tz, from) {
        let kind = if part.daylight {
            ICalendarComponentType::Daylight
        } else {
            ICalendarComponentType::Standard
        };
        let child = tree.child(id, kind);
        for e in observance_entries(&part) {
            tree.push(child, e);
        }
    }
}

fn observance_entries(part: &Observance) -> Vec<ICalendarEntry> {
    let mut out = vec![
        entry(ICalendarProperty::Dtstart, floating(part.onset)),
        entry(ICalendarProperty::Tzoffsetfrom, offset(part.offset_from)),
        entry(ICalendarProperty::Tzoffsetto, offset(part.offset_to)),
        entry(ICalendarProperty::Tzname, text(&part.name)),
    ];
    if let Some(rule) = part.yearly {
        let place = rule.on.place();
        // A week of days that holds exactly one of the weekday, where no place names it.
        let bymonthday = match (place, rule.on) {
            (None, WhichWeekday::OnOrAfter(from)) => (from..from + 7).collect(),
            _ => Vec::new(),
        };
        let rule = ICalendarRecurrenceRule {
            freq: ICalendarFrequency::Yearly,
            bymonth: vec![ICalendarMonth::new(rule.month as u8, false)],
            byday: vec![ICalendarDay {
                ordwk: place.map(i16::from),
                weekday: weekday(rule.weekday),
            }],
            bymonthday,
            ..Default::default()
        };
        out.push(entry(
            ICalendarProperty::Rrule,
            ICalendarValue::RecurrenceRule(Box::new(rule)),
        ));
    }
    out
}

/// The rule, with UNTIL in the form RFC 5545 asks for beside the item's DTSTART: a date
/// beside a date, and otherwise a UTC time.
fn rrule(rule: &Recurrence, clock: &Clock, tz: &TimeZone) -> ICalendarRecurrenceRule {
    let mut out = ICalendarRecurrenceRule {
        interval: (rule.interval() != 1).then_some(rule.interval()),
        ..Default::default()
    };
    match rule.frequency() {
        Frequency::Daily => out.freq = ICalendarFrequency::Daily,
        Frequency::Weekly(days) => {
            out.freq = ICalendarFrequency::Weekly;
            out.byday = days
                .iter()
                .map(|d| ICalendarDay {
                    ordwk: None,
                    weekday: weekday(d),
                })
                .collect();
        }
        Frequency::Monthly(on) => {
            out.freq = ICalendarFrequency::Monthly;
            match on {
                MonthlyOn::StartDay => {}
                MonthlyOn::Day(day) => out.bymonthday = vec![day as i8],
                MonthlyOn::LastDay => out.bymonthday = vec![-1],
                MonthlyOn::Weekday { nth, weekday: day } => {
                    out.byday = vec![ICalendarDay {
                        ordwk: Some(i16::from(nth.number())),
                        weekday: weekday(day),
                    }];
                }
            }
        }
        Frequency::Yearly => out.freq = ICalendarFrequency::Yearly,
    }
    match rule.end() {
        End::Never => {}
        End::Count(count) => out.count = Some(count),
        End::Until(until) => {
            out.until = match clock {
                Clock::Dates => Some(date_value(until.last_date(tz))),
                Clock::Utc | Clock::Local(_) => until.last_instant(tz).map(utc_value),
            };
        }
    }
    out
}

fn weekday(day: Weekday) -> ICalendarWeekday {
    match day {
        Weekday::Monday => ICalendarWeekday::Monday,
        Weekday::Tuesday => ICalendarWeekday::Tuesday,
        Weekday::Wednesday => ICalendarWeekday::Wednesday,
        Weekday::Thursday => ICalendarWeekday::Thursday,
        Weekday::Friday => ICalendarWeekday::Friday,
        Weekday::Saturday => ICalendarWeekday::Saturday,
        Weekday::Sunday => ICalendarWeekday::Sunday,
    }
}

fn time(name: ICalendarProperty, at: Timestamp, clock: &Clock, tz: &TimeZone) -> ICalendarEntry {
    match clock {
        Clock::Utc => entry(name, utc(at)),
        Clock::Local(tzid) => entry(name, floating(tz.to_datetime(at)))
            .with_param(ICalendarParameter::tzid(tzid.clone())),
        Clock::Dates => date_entry(name, local_date(at, tz)),
    }
}

fn date_entry(name: ICalendarProperty, day: Date) -> ICalendarEntry {
    entry(
        name,
        ICalendarValue::PartialDateTime(Box::new(date_value(day))),
    )
    .with_param(ICalendarParameter::value(ICalendarValueType::Date))
}

fn local_date(at: Timestamp, tz: &TimeZone) -> Date {
    tz.to_datetime(at).date()
}

fn entry(name: ICalendarProperty, value: ICalendarValue) -> ICalendarEntry {
    ICalendarEntry::new(name).with_value(value)
}

fn other(name: &str, value: &str) -> ICalendarEntry {
    entry(ICalendarProperty::Other(name.to_string()), text(value))
}

fn text(value: &str) -> ICalendarValue {
    ICalendarValue::Text(value.to_string())
}

fn uri(value: &str) -> ICalendarValue {
    ICalendarValue::Uri(Uri::Location(value.to_string()))
}

fn utc(at: Timestamp) -> ICalendarValue {
    ICalendarValue::PartialDateTime(Box::new(utc_value(at)))
}

fn utc_value(at: Timestamp) -> PartialDateTime {
    let mut value = datetime_value(TimeZone::UTC.to_datetime(at));
    value.tz_hour = Some(0);
    value.tz_minute = Some(0);
    value
}

fn floating(at: DateTime) -> ICalendarValue {
    ICalendarValue::PartialDateTime(Box::new(datetime_value(at)))
}

fn datetime_value(at: DateTime) -> PartialDateTime {
    PartialDateTime {
        hour: Some(at.hour() as u8),
        minute: Some(at.minute() as u8),
        second: Some(at.second() as u8),
        ..date_value(at.date())
    }
}

fn date_value(day: Date) -> PartialDateTime {
    PartialDateTime {
        year: Some(day.year().max(0) as u16),
        month: Some(day.month() as u8),
        day: Some(day.day() as u8),
        ..Default::default()
    }
}

/// A UTC offset. calcard's own form holds hours and minutes; the few historical offsets
/// with seconds are written as text in the same `+HHMMSS` form.
fn offset(offset: Offset) -> ICalendarValue {
    let seconds = offset.seconds();
    let sign = if seconds < 0 { '-' } else { '+' };
    let abs = seconds.unsigned_abs();
    let (hours, minutes, rest) = (abs / 3600, abs / 60 % 60, abs % 60);
    if rest == 0 {
        ICalendarValue::PartialDateTime(Box::new(PartialDateTime {
            tz_hour: Some(hours as u8),
            tz_minute: Some(minutes as u8),
            tz_minus: seconds < 0,
            ..Default::default()
        }))
    } else {
        ICalendarValue::Text(format!("{sign}{hours:02}{minutes:02}{rest:02}"))
    }
}
