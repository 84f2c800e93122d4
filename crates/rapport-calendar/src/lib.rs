//! Rapport's tasks and meetings as iCalendar (RFC 5545): the file a person exports and
//! the feed a calendar subscribes to.
//!
//! [`calendar`] writes a VCALENDAR with a VEVENT for each meeting and a VTODO for each
//! task, a VALARM for each reminder and an RRULE for each recurrence. calcard writes the
//! text (escaping, folding at 75 octets); this crate decides what goes in it.
//!
//! # Times and time zones
//!
//! - **One-off items** are written in UTC (`DTSTART:20260302T080000Z`). An instant needs
//!   no zone, and every calendar shows it in its own.
//! - **Recurring items** are written in the local time of their zone, with a TZID and a
//!   VTIMEZONE that describes it (`DTSTART;TZID=Europe/Oslo:20260302T090000`). A
//!   calendar expands an RRULE on the clock of its DTSTART: written in UTC, a weekly
//!   09:00 meeting in Oslo would move to 10:00 or 08:00 when the clocks change, and a
//!   Monday 02:00 meeting in Kolkata would fall on Sundays (20:30 UTC), so even a zone
//!   without daylight saving time is named. Written in Oslo time, the meeting stays at
//!   09:00 as Rapport's own expansion keeps it. The VTIMEZONE holds the zone's changes
//!   from the item's start on, and its yearly rule as an RRULE so it lasts as long as
//!   the item does. UNTIL is then a UTC time, as RFC 5545 asks. Only a zone that is
//!   UTC is written as UTC; a fixed offset without a name gets a TZID such as
//!   `UTC+05:30`.
//! - **All-day items** are written as dates (`VALUE=DATE`), the local dates of their
//!   times in their zone; an all-day meeting ends on the day after its last day.
//!
//! # What else is decided here
//!
//! - DTSTAMP and LAST-MODIFIED are the item's `updated_at`: a feed has no METHOD, and
//!   then RFC 5545 reads DTSTAMP as the last change. The same items give the same text.
//! - A task's DTSTART is written when it starts before it is due, and for a recurring
//!   task, which repeats from its DTSTART: one without a start repeats from its due time
//!   and gets a DTSTART equal to DUE. Its reminder is set against DUE (`RELATED=END`).
//! - Completed and cancelled tasks and cancelled meetings get no reminder.
//! - The feed asks to be fetched again every hour (REFRESH-INTERVAL, X-PUBLISHED-TTL).
//! - Line breaks in text become LF and other control characters are dropped; a name in
//!   `CN=` cannot hold a double quote or a backslash, which become `'` and `/`.

mod clean;
mod item;
mod timezone;
mod write;

pub use item::{Attendee, CalendarItem, ItemKind, MeetingStatus, Person, Role, TaskStatus};
pub use write::calendar;
