//! What a calendar shows: tasks and meetings, as plain values the services fill in.

use jiff::Timestamp;
use jiff::tz::TimeZone;
use rapport_core::recurrence::Recurrence;
use uuid::Uuid;

/// One task or meeting.
#[derive(Debug, Clone, PartialEq)]
pub struct CalendarItem {
    /// Stays the same for the item's whole life, so a calendar updates it in place.
    pub uid: Uuid,
    pub kind: ItemKind,
    pub summary: String,
    pub description: Option<String>,
    /// Whole days: the item's dates are its times' local dates in `time_zone`.
    pub all_day: bool,
    /// The zone the item was planned in; a recurring item keeps its local time there.
    pub time_zone: TimeZone,
    pub location: Option<String>,
    pub organizer: Option<Person>,
    pub attendees: Vec<Attendee>,
    /// Repeats from the item's start (a task without a start repeats from its due time).
    pub recurrence: Option<Recurrence>,
    /// Minutes before a meeting's start or a task's due time.
    pub reminder_minutes: Option<u32>,
    /// The item's page in Rapport.
    pub url: Option<String>,
    pub updated_at: Timestamp,
    /// Counts the changes that matter to attendees (RFC 5545 SEQUENCE).
    pub sequence: u32,
}

/// A task is due; a meeting has a start and an end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    Task {
        /// When work may begin, if the task says.
        start: Option<Timestamp>,
        due: Timestamp,
        status: TaskStatus,
    },
    Meeting {
        start: Timestamp,
        end: Timestamp,
        status: MeetingStatus,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskStatus {
    NeedsAction,
    Completed,
    Cancelled,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeetingStatus {
    Tentative,
    Confirmed,
    Cancelled,
}

/// Someone a calendar can address: an email address, and a name to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub name: Option<String>,
    pub email: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attendee {
    pub person: Person,
    pub role: Role,
}

/// An attendee's part in a meeting (RFC 5545 ROLE).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Chair,
    Required,
    Optional,
    NonParticipant,
}

impl ItemKind {
    /// The moment a recurrence counts from and a reminder of a meeting is set against.
    pub fn anchor(&self) -> Timestamp {
        match *self {
            ItemKind::Task { start, due, .. } => start.filter(|s| *s < due).unwrap_or(due),
            ItemKind::Meeting { start, .. } => start,
        }
    }

    /// Whether the item is over, so that no reminder should sound.
    pub fn is_closed(&self) -> bool {
        matches!(
            self,
            ItemKind::Task {
                status: TaskStatus::Completed | TaskStatus::Cancelled,
                ..
            } | ItemKind::Meeting {
                status: MeetingStatus::Cancelled,
                ..
            }
        )
    }
}
