//! SLA policies and the clocks they run on a ticket.
//!
//! A policy has targets per priority and, optionally, per customer tier (a company's
//! `tier`); a ticket takes the most specific target that matches it. Each target has two
//! clocks counted in the business time of a [`BusinessCalendar`]: first response, which
//! runs from the ticket's creation until its first public reply, and resolution, which
//! runs while the ticket is new or open, is paused while it waits (see [`PAUSING`]) and
//! stops while it is solved or closed. A clock is breached from the first instant its
//! business time reaches the target: a reply or a solve has to come before `due_at`.
//!
//! Everything here is a function of the policy, the calendar, the ticket's timeline and
//! an instant, so the state shown in a list and the job that warns or escalates agree.

use crate::business_time::BusinessCalendar;
use crate::{Problem, ValidationErrors};
use jiff::Timestamp;
use serde_json::{Map, Value, json};
use std::time::Duration;

/// A ticket's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    New,
    Open,
    Pending,
    OnHold,
    Solved,
    Closed,
}

/// The statuses that pause the resolution clock: the ticket waits on the contact or on
/// someone outside the team. This is the one place that says so.
pub const PAUSING: [Status; 2] = [Status::Pending, Status::OnHold];
/// The statuses that stop both clocks: nothing more is owed.
pub const DONE: [Status; 2] = [Status::Solved, Status::Closed];

impl Status {
    pub const ALL: [Status; 6] = [
        Status::New,
        Status::Open,
        Status::Pending,
        Status::OnHold,
        Status::Solved,
        Status::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Open => "open",
            Status::Pending => "pending",
            Status::OnHold => "on_hold",
            Status::Solved => "solved",
            Status::Closed => "closed",
        }
    }

    pub fn parse(text: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == text)
    }

    pub fn pauses_resolution(self) -> bool {
        PAUSING.contains(&self)
    }

    pub fn is_done(self) -> bool {
        DONE.contains(&self)
    }
}

/// A ticket's priority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Priority {
    Low,
    Normal,
    High,
    Urgent,
}

impl Priority {
    pub const ALL: [Priority; 4] = [
        Priority::Low,
        Priority::Normal,
        Priority::High,
        Priority::Urgent,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Priority::Low => "low",
            Priority::Normal => "normal",
            Priority::High => "high",
            Priority::Urgent => "urgent",
        }
    }

    pub fn parse(text: &str) -> Option<Priority> {
        Priority::ALL.into_iter().find(|p| p.as_str() == text)
    }
}

/// The longest target a policy may set: a year of business time, in minutes.
pub const MAX_TARGET_MINUTES: u64 = 365 * 24 * 60;
/// The most targets one policy may hold.
pub const MAX_TARGETS: usize = 100;
const MAX_TIER_CHARS: usize = 64;

/// The targets for tickets of one priority (or any) and one customer tier (or any).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlaTarget {
    pub priority: Option<Priority>,
    pub tier: Option<String>,
    pub first_response: Duration,
    pub resolution: Duration,
}

impl SlaTarget {
    /// How specific the target is; a ticket takes the most specific one that matches.
    /// A priority counts for more than a tier.
    fn specificity(&self) -> u8 {
        u8::from(self.priority.is_some()) * 2 + u8::from(self.tier.is_some())
    }

    fn matches(&self, priority: Priority, tier: Option<&str>) -> bool {
        self.priority.is_none_or(|p| p == priority)
            && self.tier.as_deref().is_none_or(|t| Some(t) == tier)
    }
}

/// When a running clock turns to warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Warning {
    /// Once this share of the target, 1 to 99 percent, has passed.
    AtPercent(u8),
    /// This long before the target is reached.
    Before(Duration),
}

impl Warning {
    /// The elapsed business time at which a clock of `target` warns.
    fn threshold(self, target: Duration) -> Duration {
        match self {
            Warning::AtPercent(percent) => {
                let nanos = target.as_nanos() * u128::from(percent) / 100;
                Duration::from_nanos(u64::try_from(nanos).unwrap_or(u64::MAX))
            }
            Warning::Before(before) => target.saturating_sub(before),
        }
    }
}

/// A validated SLA policy. Build one with [`SlaPolicy::new`] or [`SlaPolicy::from_json`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlaPolicy {
    targets: Vec<SlaTarget>,
    warning: Warning,
}

impl SlaPolicy {
    /// A policy, once each target is within its limits and no two cover the same
    /// priority and tier.
    pub fn new(targets: Vec<SlaTarget>, warning: Warning) -> Result<SlaPolicy, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        if targets.is_empty() {
            errors.add("targets", Problem::Empty);
        }
        if targets.len() > MAX_TARGETS {
            errors.add("targets", Problem::TooMany { max: MAX_TARGETS });
        }
        let range = Problem::IntRange {
            min: 1,
            max: MAX_TARGET_MINUTES as i64,
        };
        let in_range = |d: Duration| {
            d >= Duration::from_secs(60) && d <= Duration::from_secs(MAX_TARGET_MINUTES * 60)
        };
        for (i, target) in targets.iter().enumerate() {
            if !in_range(target.first_response) {
                errors.add(
                    format!("targets[{i}].first_response_minutes"),
                    range.clone(),
                );
            }
            if !in_range(target.resolution) {
                errors.add(format!("targets[{i}].resolution_minutes"), range.clone());
            }
            if let Some(tier) = &target.tier
                && (tier.trim() != tier || tier.is_empty() || tier.chars().count() > MAX_TIER_CHARS)
            {
                let problem = Problem::Length {
                    min: 1,
                    max: MAX_TIER_CHARS,
                };
                errors.add(format!("targets[{i}].tier"), problem);
            }
            let twice = targets[..i]
                .iter()
                .any(|t| t.priority == target.priority && t.tier == target.tier);
            if twice {
                errors.add(format!("targets[{i}]"), Problem::Taken);
            }
        }
        match warning {
            Warning::AtPercent(p) if !(1..=99).contains(&p) => {
                errors.add("warning.at_percent", Problem::IntRange { min: 1, max: 99 });
            }
            Warning::Before(d) if d > Duration::from_secs(MAX_TARGET_MINUTES * 60) => {
                let problem = Problem::IntRange {
                    min: 0,
                    max: MAX_TARGET_MINUTES as i64,
                };
                errors.add("warning.minutes_before", problem);
            }
            _ => {}
        }
        errors.into_result(SlaPolicy { targets, warning })
    }

    pub fn targets(&self) -> &[SlaTarget] {
        &self.targets
    }

    pub fn warning(&self) -> Warning {
        self.warning
    }

    /// The most specific target for a ticket of `priority` whose company has `tier`:
    /// priority and tier, then priority alone, then tier alone, then the catch-all.
    pub fn target_for(&self, priority: Priority, tier: Option<&str>) -> Option<&SlaTarget> {
        self.targets
            .iter()
            .filter(|t| t.matches(priority, tier))
            .max_by_key(|t| t.specificity())
    }

    /// The SLA state of a ticket at `now`, or `None` when no target covers it.
    pub fn evaluate(
        &self,
        calendar: &BusinessCalendar,
        priority: Priority,
        tier: Option<&str>,
        timeline: &Timeline,
        now: Timestamp,
    ) -> Option<SlaState> {
        let target = self.target_for(priority, tier)?;
        Some(evaluate(target, self.warning, calendar, timeline, now))
    }

    /// Reads the JSON the API takes:
    /// `{"targets": [{"priority": "urgent", "tier": "gold", "first_response_minutes": 30,
    /// "resolution_minutes": 240}], "warning": {"at_percent": 80}}`, where `priority` and
    /// `tier` may be left out to match any, and `warning` may instead be
    /// `{"minutes_before": 30}`. Every problem is named by its field.
    pub fn from_json(value: &Value) -> Result<SlaPolicy, ValidationErrors> {
        let Some(object) = value.as_object() else {
            return Err(ValidationErrors::one("", Problem::NotAnObject));
        };
        let mut errors = ValidationErrors::new();
        for key in object.keys() {
            if key != "targets" && key != "warning" {
                errors.add(key.clone(), Problem::UnknownField);
            }
        }
        let targets = match object.get("targets") {
            None | Some(Value::Null) => {
                errors.add("targets", Problem::Required);
                Vec::new()
            }
            Some(Value::Array(items)) => {
                let read: Vec<SlaTarget> = items
                    .iter()
                    .enumerate()
                    .filter_map(|(i, item)| read_target(item, i, &mut errors))
                    .collect();
                if read.len() < items.len() {
                    // The policy's own checks name targets by position, which only holds
                    // when every target could be read.
                    read_warning(object.get("warning"), &mut errors);
                    return Err(errors);
                }
                read
            }
            Some(_) => {
                errors.add("targets", Problem::NotAList);
                Vec::new()
            }
        };
        let warning = read_warning(object.get("warning"), &mut errors);
        let read_cleanly = errors.is_empty();
        match SlaPolicy::new(targets, warning.unwrap_or(Warning::AtPercent(80))) {
            Ok(policy) if read_cleanly => Ok(policy),
            Ok(_) => Err(errors),
            Err(more) => {
                for e in more.0 {
                    if !errors.0.iter().any(|k| k.field == e.field) {
                        errors.0.push(e);
                    }
                }
                Err(errors)
            }
        }
    }

    /// The policy as [`SlaPolicy::from_json`] reads it.
    pub fn to_json(&self) -> Value {
        let targets: Vec<Value> = self
            .targets
            .iter()
            .map(|t| {
                let mut object = Map::new();
                if let Some(p) = t.priority {
                    object.insert("priority".into(), p.as_str().into());
                }
                if let Some(tier) = &t.tier {
                    object.insert("tier".into(), tier.as_str().into());
                }
                object.insert(
                    "first_response_minutes".into(),
                    (t.first_response.as_secs() / 60).into(),
                );
                object.insert(
                    "resolution_minutes".into(),
                    (t.resolution.as_secs() / 60).into(),
                );
                Value::Object(object)
            })
            .collect();
        let warning = match self.warning {
            Warning::AtPercent(p) => json!({"at_percent": p}),
            Warning::Before(d) => json!({"minutes_before": d.as_secs() / 60}),
        };
        json!({"targets": targets, "warning": warning})
    }
}

const TARGET_KEYS: [&str; 4] = [
    "priority",
    "tier",
    "first_response_minutes",
    "resolution_minutes",
];

fn read_target(value: &Value, i: usize, errors: &mut ValidationErrors) -> Option<SlaTarget> {
    let field = format!("targets[{i}]");
    let Some(object) = value.as_object() else {
        errors.add(field, Problem::NotAnObject);
        return None;
    };
    let before = errors.0.len();
    for key in object.keys() {
        if !TARGET_KEYS.contains(&key.as_str()) {
            errors.add(format!("{field}.{key}"), Problem::UnknownField);
        }
    }
    let priority = match object.get("priority") {
        None | Some(Value::Null) => None,
        Some(v) => {
            let parsed = v.as_str().and_then(Priority::parse);
            if parsed.is_none() {
                let options = Priority::ALL.map(Priority::as_str).join(", ");
                errors.add(format!("{field}.priority"), Problem::OneOf { options });
            }
            parsed
        }
    };
    let tier = match object.get("tier") {
        None | Some(Value::Null) => None,
        Some(Value::String(text)) => {
            let tier = text.trim();
            if tier.is_empty() || tier.chars().count() > MAX_TIER_CHARS {
                let problem = Problem::Length {
                    min: 1,
                    max: MAX_TIER_CHARS,
                };
                errors.add(format!("{field}.tier"), problem);
            }
            Some(tier.to_string())
        }
        Some(_) => {
            errors.add(format!("{field}.tier"), Problem::NotAString);
            None
        }
    };
    let mut minutes = |key: &str| match object.get(key) {
        None | Some(Value::Null) => {
            errors.add(format!("{field}.{key}"), Problem::Required);
            None
        }
        Some(v) => {
            let parsed = v.as_u64().filter(|m| (1..=MAX_TARGET_MINUTES).contains(m));
            if parsed.is_none() {
                let problem = Problem::IntRange {
                    min: 1,
                    max: MAX_TARGET_MINUTES as i64,
                };
                errors.add(format!("{field}.{key}"), problem);
            }
            parsed.map(|m| Duration::from_secs(m * 60))
        }
    };
    let first_response = minutes("first_response_minutes");
    let resolution = minutes("resolution_minutes");
    if errors.0.len() > before {
        return None;
    }
    Some(SlaTarget {
        priority,
        tier,
        first_response: first_response?,
        resolution: resolution?,
    })
}

fn read_warning(value: Option<&Value>, errors: &mut ValidationErrors) -> Option<Warning> {
    let object = match value {
        None | Some(Value::Null) => {
            errors.add("warning", Problem::Required);
            return None;
        }
        Some(Value::Object(object)) => object,
        Some(_) => {
            errors.add("warning", Problem::NotAnObject);
            return None;
        }
    };
    let allowed = "at_percent or minutes_before";
    let mut keys = object.keys();
    let (Some(key), None) = (keys.next(), keys.next()) else {
        let problem = Problem::KeyNotAllowed {
            key: object.keys().cloned().collect::<Vec<_>>().join(", "),
            allowed: allowed.into(),
        };
        errors.add("warning", problem);
        return None;
    };
    let number = object.get(key).and_then(Value::as_u64);
    match key.as_str() {
        "at_percent" => match number.filter(|p| (1..=99).contains(p)) {
            Some(p) => Some(Warning::AtPercent(p as u8)),
            None => {
                errors.add("warning.at_percent", Problem::IntRange { min: 1, max: 99 });
                None
            }
        },
        "minutes_before" => match number.filter(|m| *m <= MAX_TARGET_MINUTES) {
            Some(m) => Some(Warning::Before(Duration::from_secs(m * 60))),
            None => {
                let problem = Problem::IntRange {
                    min: 0,
                    max: MAX_TARGET_MINUTES as i64,
                };
                errors.add("warning.minutes_before", problem);
                None
            }
        },
        _ => {
            let problem = Problem::KeyNotAllowed {
                key: key.clone(),
                allowed: allowed.into(),
            };
            errors.add(format!("warning.{key}"), problem);
            None
        }
    }
}

impl serde::Serialize for SlaPolicy {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to_json().serialize(s)
    }
}

impl<'de> serde::Deserialize<'de> for SlaPolicy {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(d)?;
        SlaPolicy::from_json(&value).map_err(|e| serde::de::Error::custom(e.summary()))
    }
}

/// What the SLA clocks need to know of a ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    pub created_at: Timestamp,
    /// The first reply the contact could see.
    pub first_public_reply_at: Option<Timestamp>,
    /// Each change of status, in any order; before the first one the ticket is new.
    pub changes: Vec<(Timestamp, Status)>,
}

impl Timeline {
    /// The ticket's statuses up to `now` as `(from, status)` runs, the first from the
    /// creation. Changes before the creation count from it, changes after `now` are
    /// ignored, and changes at the same instant take effect in the order given.
    fn runs(&self, now: Timestamp) -> Vec<(Timestamp, Status)> {
        let mut changes: Vec<(Timestamp, Status)> = self
            .changes
            .iter()
            .filter(|(at, _)| *at <= now)
            .map(|(at, s)| ((*at).max(self.created_at), *s))
            .collect();
        changes.sort_by_key(|(at, _)| *at);
        let mut runs = vec![(self.created_at, Status::New)];
        for (at, status) in changes {
            match runs.last_mut() {
                Some(last) if last.0 == at => last.1 = status,
                _ => runs.push((at, status)),
            }
        }
        runs
    }
}

/// The state of one clock, or of a ticket's SLA as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ClockState {
    /// Done in time.
    Met,
    /// Waiting, not counting.
    Paused,
    Ok,
    /// Running, with less time left than the policy's warning.
    Warning,
    /// The target was reached before the clock stopped.
    Breached,
}

impl ClockState {
    pub fn as_str(self) -> &'static str {
        match self {
            ClockState::Met => "met",
            ClockState::Paused => "paused",
            ClockState::Ok => "ok",
            ClockState::Warning => "warning",
            ClockState::Breached => "breached",
        }
    }
}

/// One clock at one instant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clock {
    pub state: ClockState,
    pub target: Duration,
    /// Business time counted so far.
    pub elapsed: Duration,
    /// The first instant counted as breached: when it was reached, or when it will be
    /// if the clock runs from now on (from when it stopped, for a met clock). `None` when
    /// the calendar never has that much open time again.
    pub due_at: Option<Timestamp>,
    /// When the state will change if nothing else happens to the ticket: the warning,
    /// then the breach. `None` for clocks that are paused, met or breached.
    pub next_change_at: Option<Timestamp>,
}

/// A ticket's SLA at one instant: both clocks, and one state for lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlaState {
    pub first_response: Clock,
    pub resolution: Clock,
    /// The worse of the two: breached, then warning, ok, paused and met.
    pub state: ClockState,
    /// The earlier due time of the clocks not yet met.
    pub due_at: Option<Timestamp>,
    /// The earlier of the clocks' next changes, for the job that warns or escalates.
    pub next_change_at: Option<Timestamp>,
}

impl Clock {
    /// The clock as the API shows it: times in RFC 3339, durations in whole seconds.
    pub fn to_json(&self) -> Value {
        json!({
            "state": self.state.as_str(),
            "target_seconds": self.target.as_secs(),
            "elapsed_seconds": self.elapsed.as_secs(),
            "due_at": self.due_at.map(|t| t.to_string()),
            "next_change_at": self.next_change_at.map(|t| t.to_string()),
        })
    }
}

impl SlaState {
    /// The state as the API and lists show it.
    pub fn to_json(&self) -> Value {
        json!({
            "state": self.state.as_str(),
            "due_at": self.due_at.map(|t| t.to_string()),
            "next_change_at": self.next_change_at.map(|t| t.to_string()),
            "first_response": self.first_response.to_json(),
            "resolution": self.resolution.to_json(),
        })
    }

    pub fn first_response_due_at(&self) -> Option<Timestamp> {
        self.first_response.due_at
    }

    pub fn resolution_due_at(&self) -> Option<Timestamp> {
        self.resolution.due_at
    }
}

/// How a clock's time was spent: the runs in which it counted, and how it stands now.
struct Counted {
    elapsed: Duration,
    /// When the target was reached, if it was.
    reached_at: Option<Timestamp>,
    /// How the clock stands at the end: running, paused or stopped (and since when).
    standing: Standing,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Standing {
    Running,
    Paused,
    Stopped(Timestamp),
}

/// Counts `runs` (each `(from, counts)` up to the next, the last up to `now`) against
/// `target`.
fn count(
    calendar: &BusinessCalendar,
    runs: &[(Timestamp, Standing)],
    now: Timestamp,
    target: Duration,
) -> Counted {
    let mut elapsed = Duration::ZERO;
    let mut reached_at = None;
    for (i, (from, standing)) in runs.iter().enumerate() {
        if *standing != Standing::Running {
            continue;
        }
        let to = runs.get(i + 1).map_or(now, |next| next.0);
        let part = calendar.between(*from, to);
        if reached_at.is_none() && elapsed + part >= target {
            reached_at = calendar.add(*from, target - elapsed);
        }
        elapsed += part;
    }
    let standing = runs.last().map_or(Standing::Running, |(_, s)| *s);
    Counted {
        elapsed,
        reached_at,
        standing,
    }
}

fn clock(
    calendar: &BusinessCalendar,
    counted: Counted,
    target: Duration,
    warning: Warning,
    now: Timestamp,
) -> Clock {
    let Counted {
        elapsed,
        reached_at,
        standing,
    } = counted;
    let left = target.saturating_sub(elapsed);
    let due_at = match (reached_at, standing) {
        (Some(at), _) => Some(at),
        (None, Standing::Stopped(since)) => calendar.add(since, left),
        (None, _) => calendar.add(now, left),
    };
    let warn_at = warning.threshold(target);
    let (state, next_change_at) = if elapsed >= target {
        (ClockState::Breached, None)
    } else {
        match standing {
            Standing::Stopped(_) => (ClockState::Met, None),
            Standing::Paused => (ClockState::Paused, None),
            Standing::Running if elapsed >= warn_at => (ClockState::Warning, due_at),
            Standing::Running => (ClockState::Ok, calendar.add(now, warn_at - elapsed)),
        }
    };
    Clock {
        state,
        target,
        elapsed,
        due_at,
        next_change_at,
    }
}

/// Both clocks of a ticket under `target` at `now`.
pub fn evaluate(
    target: &SlaTarget,
    warning: Warning,
    calendar: &BusinessCalendar,
    timeline: &Timeline,
    now: Timestamp,
) -> SlaState {
    let now = now.max(timeline.created_at);
    let runs = timeline.runs(now);

    // First response counts from creation until the first public reply, or until the
    // ticket is solved or closed without one: a done ticket owes no reply.
    let replied = timeline
        .first_public_reply_at
        .filter(|at| *at <= now)
        .map(|at| at.max(timeline.created_at));
    let done = runs.iter().find(|(_, s)| s.is_done()).map(|(at, _)| *at);
    let stop = match (replied, done) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    let mut response_runs = vec![(timeline.created_at, Standing::Running)];
    if let Some(stop) = stop {
        response_runs.push((stop, Standing::Stopped(stop)));
    }
    let counted = count(calendar, &response_runs, now, target.first_response);
    let first_response = clock(calendar, counted, target.first_response, warning, now);

    let resolution_runs: Vec<(Timestamp, Standing)> = runs
        .iter()
        .map(|(at, status)| {
            let standing = if status.is_done() {
                Standing::Stopped(*at)
            } else if status.pauses_resolution() {
                Standing::Paused
            } else {
                Standing::Running
            };
            (*at, standing)
        })
        .collect();
    let counted = count(calendar, &resolution_runs, now, target.resolution);
    let resolution = clock(calendar, counted, target.resolution, warning, now);

    let state = first_response.state.max(resolution.state);
    let due_at = [&first_response, &resolution]
        .into_iter()
        .filter(|c| c.state != ClockState::Met)
        .filter_map(|c| c.due_at)
        .min();
    let next_change_at = [first_response.next_change_at, resolution.next_change_at]
        .into_iter()
        .flatten()
        .min();
    SlaState {
        first_response,
        resolution,
        state,
        due_at,
        next_change_at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::business_time::Interval;
    use jiff::SignedDuration;
    use proptest::prelude::*;

    fn ts(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn hours(n: u64) -> Duration {
        Duration::from_secs(n * 3600)
    }

    fn minutes(n: u64) -> Duration {
        Duration::from_secs(n * 60)
    }

    /// Weekdays 09:00–17:00 in UTC, to keep the arithmetic readable.
    fn office() -> BusinessCalendar {
        let day = vec![Interval::new((9, 0), (17, 0)).unwrap()];
        let mut week: [Vec<Interval>; 7] = Default::default();
        for d in week.iter_mut().take(5) {
            *d = day.clone();
        }
        BusinessCalendar::new("UTC", week, Vec::new()).unwrap()
    }

    fn target(first_response: Duration, resolution: Duration) -> SlaTarget {
        SlaTarget {
            priority: None,
            tier: None,
            first_response,
            resolution,
        }
    }

    // Tuesday 1 December 2026.
    const CREATED: &str = "2026-12-01T09:00:00Z";

    fn timeline(changes: &[(&str, Status)]) -> Timeline {
        Timeline {
            created_at: ts(CREATED),
            first_public_reply_at: None,
            changes: changes.iter().map(|(at, s)| (ts(at), *s)).collect(),
        }
    }

    fn at(now: &str, line: &Timeline) -> SlaState {
        evaluate(
            &target(hours(2), hours(8)),
            Warning::AtPercent(75),
            &office(),
            line,
            ts(now),
        )
    }

    #[test]
    fn a_new_ticket_is_ok_then_warns_then_breaches() {
        let line = timeline(&[]);
        let s = at("2026-12-01T10:00:00Z", &line);
        assert_eq!(s.first_response.state, ClockState::Ok);
        assert_eq!(s.first_response_due_at(), Some(ts("2026-12-01T11:00:00Z")));
        // 75% of two hours is 90 minutes.
        assert_eq!(s.next_change_at, Some(ts("2026-12-01T10:30:00Z")));
        assert_eq!(s.resolution_due_at(), Some(ts("2026-12-01T17:00:00Z")));
        assert_eq!(s.state, ClockState::Ok);
        let s = at("2026-12-01T10:30:00Z", &line);
        assert_eq!(s.first_response.state, ClockState::Warning);
        assert_eq!(s.state, ClockState::Warning);
        assert_eq!(s.next_change_at, Some(ts("2026-12-01T11:00:00Z")));
        let s = at("2026-12-01T11:00:00Z", &line);
        assert_eq!(s.first_response.state, ClockState::Breached);
        assert_eq!(s.state, ClockState::Breached);
        // The resolution clock warns at six hours, 15:00.
        assert_eq!(s.next_change_at, Some(ts("2026-12-01T15:00:00Z")));
        assert_eq!(
            s.to_json(),
            json!({
                "state": "breached",
                "due_at": "2026-12-01T11:00:00Z",
                "next_change_at": "2026-12-01T15:00:00Z",
                "first_response": {"state": "breached", "target_seconds": 7200,
                    "elapsed_seconds": 7200, "due_at": "2026-12-01T11:00:00Z",
                    "next_change_at": null},
                "resolution": {"state": "ok", "target_seconds": 28800,
                    "elapsed_seconds": 7200, "due_at": "2026-12-01T17:00:00Z",
                    "next_change_at": "2026-12-01T15:00:00Z"},
            })
        );
    }

    #[test]
    fn a_reply_in_time_meets_the_first_response() {
        let mut line = timeline(&[("2026-12-01T09:30:00Z", Status::Open)]);
        line.first_public_reply_at = Some(ts("2026-12-01T10:59:59Z"));
        let s = at("2026-12-01T12:00:00Z", &line);
        assert_eq!(s.first_response.state, ClockState::Met);
        assert_eq!(s.first_response.elapsed, Duration::from_secs(7199));
        assert_eq!(s.resolution.state, ClockState::Ok);
        assert_eq!(s.state, ClockState::Ok);
        assert_eq!(s.due_at, Some(ts("2026-12-01T17:00:00Z")));
        // A reply at the due instant itself is late.
        line.first_public_reply_at = Some(ts("2026-12-01T11:00:00Z"));
        let s = at("2026-12-01T12:00:00Z", &line);
        assert_eq!(s.first_response.state, ClockState::Breached);
        assert_eq!(s.first_response_due_at(), Some(ts("2026-12-01T11:00:00Z")));
    }

    #[test]
    fn a_reply_not_yet_made_at_the_instant_does_not_count() {
        let mut line = timeline(&[]);
        line.first_public_reply_at = Some(ts("2026-12-01T10:00:00Z"));
        let s = at("2026-12-01T09:30:00Z", &line);
        assert_eq!(s.first_response.state, ClockState::Ok);
    }

    #[test]
    fn pending_and_on_hold_pause_resolution_and_shift_its_due_time() {
        let mut line = timeline(&[
            ("2026-12-01T10:00:00Z", Status::Pending),
            ("2026-12-01T12:00:00Z", Status::Open),
            ("2026-12-01T13:00:00Z", Status::OnHold),
        ]);
        line.first_public_reply_at = Some(ts("2026-12-01T10:00:00Z"));
        let s = at("2026-12-01T14:00:00Z", &line);
        assert_eq!(s.resolution.state, ClockState::Paused);
        assert_eq!(s.resolution.elapsed, hours(2));
        assert_eq!(s.resolution.next_change_at, None);
        // Six hours left, counted from now: 14:00 to 17:00 and 09:00 to 12:00.
        assert_eq!(s.resolution_due_at(), Some(ts("2026-12-02T12:00:00Z")));
        assert_eq!(s.state, ClockState::Paused);
        assert_eq!(s.next_change_at, None);
        // Open again at 15:00: four business hours were paused, so due moves from 17:00
        // to 13:00 the next day.
        line.changes
            .push((ts("2026-12-01T15:00:00Z"), Status::Open));
        let s = at("2026-12-01T15:00:00Z", &line);
        assert_eq!(s.resolution.state, ClockState::Ok);
        assert_eq!(s.resolution_due_at(), Some(ts("2026-12-02T13:00:00Z")));
        // It warns at six hours: two counted before, four more from 15:00.
        assert_eq!(s.next_change_at, Some(ts("2026-12-02T11:00:00Z")));
    }

    #[test]
    fn the_first_response_clock_does_not_pause() {
        let line = timeline(&[("2026-12-01T09:10:00Z", Status::Pending)]);
        let s = at("2026-12-01T12:00:00Z", &line);
        assert_eq!(s.first_response.state, ClockState::Breached);
        assert_eq!(s.resolution.state, ClockState::Paused);
        assert_eq!(s.state, ClockState::Breached);
    }

    #[test]
    fn solving_in_time_meets_both_and_reopening_resumes() {
        let mut line = timeline(&[
            ("2026-12-01T10:00:00Z", Status::Open),
            ("2026-12-01T10:30:00Z", Status::Solved),
        ]);
        let s = at("2026-12-03T12:00:00Z", &line);
        // Solved without a reply: no reply is owed.
        assert_eq!(s.first_response.state, ClockState::Met);
        assert_eq!(s.resolution.state, ClockState::Met);
        assert_eq!(s.resolution.elapsed, minutes(90));
        assert_eq!(s.state, ClockState::Met);
        assert_eq!(s.due_at, None);
        assert_eq!(s.next_change_at, None);
        line.changes
            .push((ts("2026-12-03T12:00:00Z"), Status::Open));
        let s = at("2026-12-03T12:00:00Z", &line);
        assert_eq!(s.resolution.state, ClockState::Ok);
        // Six and a half hours left: five on the 3rd, then until 10:30 on the 4th.
        assert_eq!(s.resolution_due_at(), Some(ts("2026-12-04T10:30:00Z")));
        assert_eq!(s.first_response.state, ClockState::Met);
    }

    #[test]
    fn a_breach_stays_after_pausing_or_solving() {
        let line = timeline(&[
            ("2026-12-02T10:00:00Z", Status::Pending),
            ("2026-12-02T11:00:00Z", Status::Solved),
        ]);
        let s = at("2026-12-04T10:00:00Z", &line);
        assert_eq!(s.resolution.state, ClockState::Breached);
        assert_eq!(s.resolution_due_at(), Some(ts("2026-12-01T17:00:00Z")));
        assert_eq!(s.resolution.elapsed, hours(9));
    }

    #[test]
    fn a_fixed_warning_counts_back_from_the_target() {
        let s = evaluate(
            &target(hours(2), hours(8)),
            Warning::Before(minutes(30)),
            &office(),
            &timeline(&[]),
            ts(CREATED),
        );
        assert_eq!(s.next_change_at, Some(ts("2026-12-01T10:30:00Z")));
        // A warning longer than the target warns at once.
        let s = evaluate(
            &target(hours(2), hours(8)),
            Warning::Before(hours(9)),
            &office(),
            &timeline(&[]),
            ts(CREATED),
        );
        assert_eq!(s.resolution.state, ClockState::Warning);
    }

    #[test]
    fn changes_at_one_instant_apply_in_order_and_early_ones_count_from_creation() {
        let line = timeline(&[
            ("2026-12-01T08:00:00Z", Status::Open),
            ("2026-12-01T10:00:00Z", Status::Pending),
            ("2026-12-01T10:00:00Z", Status::Open),
        ]);
        assert_eq!(
            line.runs(ts("2026-12-01T11:00:00Z")),
            [
                (ts(CREATED), Status::Open),
                (ts("2026-12-01T10:00:00Z"), Status::Open),
            ]
        );
        let s = at("2026-12-01T11:00:00Z", &line);
        assert_eq!(s.resolution.elapsed, hours(2));
    }

    #[test]
    fn the_most_specific_target_is_taken() {
        let t = |priority: Option<Priority>, tier: Option<&str>, m: u64| SlaTarget {
            priority,
            tier: tier.map(str::to_string),
            first_response: minutes(m),
            resolution: minutes(m * 10),
        };
        let policy = SlaPolicy::new(
            vec![
                t(None, None, 480),
                t(Some(Priority::Urgent), None, 60),
                t(None, Some("gold"), 120),
                t(Some(Priority::Urgent), Some("gold"), 15),
            ],
            Warning::AtPercent(80),
        )
        .unwrap();
        let pick = |p, tier| policy.target_for(p, tier).unwrap().first_response;
        assert_eq!(pick(Priority::Urgent, Some("gold")), minutes(15));
        assert_eq!(pick(Priority::Urgent, Some("silver")), minutes(60));
        assert_eq!(pick(Priority::Urgent, None), minutes(60));
        assert_eq!(pick(Priority::Low, Some("gold")), minutes(120));
        assert_eq!(pick(Priority::Low, None), minutes(480));
        let narrow = SlaPolicy::new(
            vec![t(Some(Priority::High), None, 60)],
            Warning::AtPercent(80),
        )
        .unwrap();
        assert!(narrow.target_for(Priority::Low, None).is_none());
        let line = timeline(&[]);
        assert!(
            narrow
                .evaluate(&office(), Priority::Low, None, &line, ts(CREATED))
                .is_none()
        );
        assert!(
            narrow
                .evaluate(&office(), Priority::High, None, &line, ts(CREATED))
                .is_some()
        );
    }

    #[test]
    fn the_json_form_round_trips() {
        let json = json!({
            "targets": [
                {"priority": "urgent", "tier": "gold", "first_response_minutes": 30,
                 "resolution_minutes": 240},
                {"first_response_minutes": 480, "resolution_minutes": 2400}
            ],
            "warning": {"at_percent": 80}
        });
        let policy: SlaPolicy = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(policy.targets()[0].first_response, minutes(30));
        assert_eq!(serde_json::to_value(&policy).unwrap(), json);
        let before = json!({"targets": [{"first_response_minutes": 1, "resolution_minutes": 2}],
            "warning": {"minutes_before": 30}});
        let policy = SlaPolicy::from_json(&before).unwrap();
        assert_eq!(policy.warning(), Warning::Before(minutes(30)));
        assert_eq!(policy.to_json(), before);
    }

    #[test]
    fn bad_json_is_refused_by_field() {
        let bad = json!({
            "targets": [
                {"priority": "asap", "first_response_minutes": 0, "resolution_minutes": "1"},
                {"tier": " ", "first_response_minutes": 10, "resolution_minutes": 20, "x": 1},
                {"first_response_minutes": 10},
                {"first_response_minutes": 10, "resolution_minutes": 20},
                {"first_response_minutes": 10, "resolution_minutes": 20},
                3
            ],
            "warning": {"at_percent": 100},
            "name": "x"
        });
        let errors = SlaPolicy::from_json(&bad).unwrap_err();
        let mut fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
        fields.sort();
        assert_eq!(
            fields,
            [
                "name",
                "targets[0].first_response_minutes",
                "targets[0].priority",
                "targets[0].resolution_minutes",
                "targets[1].tier",
                "targets[1].x",
                "targets[2].resolution_minutes",
                "targets[5]",
                "warning.at_percent",
            ]
        );
        // The twice-covered target is found once the others read cleanly.
        let twice = json!({"targets": [
            {"first_response_minutes": 10, "resolution_minutes": 20},
            {"first_response_minutes": 10, "resolution_minutes": 20}],
            "warning": {"minutes_before": 5}});
        let errors = SlaPolicy::from_json(&twice).unwrap_err();
        assert_eq!(errors.0[0].field, "targets[1]");
        assert_eq!(errors.0[0].problem, Problem::Taken);
        let empty = json!({"targets": [], "warning": {"at_percent": 80, "minutes_before": 5}});
        let errors = SlaPolicy::from_json(&empty).unwrap_err();
        let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["warning", "targets"]);
        assert!(SlaPolicy::from_json(&json!("x")).is_err());
    }

    #[test]
    fn statuses_and_priorities_have_their_api_names() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(s));
        }
        for p in Priority::ALL {
            assert_eq!(Priority::parse(p.as_str()), Some(p));
        }
        assert_eq!(Status::parse("on_hold"), Some(Status::OnHold));
        assert!(Status::OnHold.pauses_resolution() && !Status::Open.pauses_resolution());
        assert!(Status::Closed.is_done() && !Status::Pending.is_done());
        assert_eq!(ClockState::Breached.as_str(), "breached");
    }

    fn status() -> impl Strategy<Value = Status> {
        (0usize..6).prop_map(|i| Status::ALL[i])
    }

    /// A ticket created on 1 December 2026 with up to six status changes and maybe a
    /// reply within its first two weeks, and an instant in those weeks.
    fn case() -> impl Strategy<Value = (Timeline, Timestamp)> {
        let span = 14 * 24 * 3600i64;
        let offset = move || 0..span;
        (
            proptest::collection::vec((offset(), status()), 0..6),
            proptest::option::of(offset()),
            offset(),
        )
            .prop_map(|(changes, reply, now)| {
                let created = ts(CREATED);
                let at = |s: i64| created + SignedDuration::from_secs(s);
                let line = Timeline {
                    created_at: created,
                    first_public_reply_at: reply.map(at),
                    changes: changes.into_iter().map(|(s, st)| (at(s), st)).collect(),
                };
                (line, at(now))
            })
    }

    fn warning() -> impl Strategy<Value = Warning> {
        prop_oneof![
            (1u8..=99).prop_map(Warning::AtPercent),
            (0u64..600).prop_map(|m| Warning::Before(minutes(m))),
        ]
    }

    fn a_target() -> impl Strategy<Value = SlaTarget> {
        (1u64..1000, 1u64..6000).prop_map(|(f, r)| target(minutes(f), minutes(r)))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn nothing_changes_before_the_next_change_and_something_does_at_it(
            (line, now) in case(), t in a_target(), w in warning(), frac in 0.0f64..0.99,
        ) {
            let cal = office();
            // Only what has happened by `now` matters, so drop the rest and look ahead.
            let past = Timeline {
                changes: line.changes.iter().copied().filter(|(at, _)| *at <= now).collect(),
                first_public_reply_at: line.first_public_reply_at.filter(|at| *at <= now),
                ..line.clone()
            };
            let here = evaluate(&t, w, &cal, &past, now);
            prop_assert_eq!(&here, &evaluate(&t, w, &cal, &line, now), "later events are ignored");
            for c in [&here.first_response, &here.resolution] {
                if let Some(next) = c.next_change_at {
                    prop_assert!(next > now);
                    let gap = next.duration_since(now).as_secs_f64();
                    let between = now + SignedDuration::from_secs_f64(gap * frac);
                    let mid = evaluate(&t, w, &cal, &past, between);
                    let end = evaluate(&t, w, &cal, &past, next);
                    let pick = |s: &SlaState| if std::ptr::eq(c, &here.first_response) {
                        s.first_response.state
                    } else {
                        s.resolution.state
                    };
                    prop_assert_eq!(pick(&mid), c.state);
                    prop_assert_ne!(pick(&end), c.state);
                } else {
                    prop_assert!(matches!(c.state, ClockState::Met | ClockState::Paused | ClockState::Breached));
                }
            }
        }

        #[test]
        fn clocks_count_no_more_than_open_time_and_pauses_only_delay(
            (line, now) in case(), t in a_target(), w in warning(),
        ) {
            let cal = office();
            let s = evaluate(&t, w, &cal, &line, now);
            let open = cal.between(line.created_at, now);
            prop_assert!(s.first_response.elapsed <= open);
            prop_assert!(s.resolution.elapsed <= open);
            let unpaused = cal.add(line.created_at, t.resolution).unwrap();
            if s.resolution.state != ClockState::Met {
                prop_assert!(s.resolution_due_at().unwrap() >= unpaused);
            }
            let response_due = cal.add(line.created_at, t.first_response).unwrap();
            if s.first_response.state != ClockState::Met {
                prop_assert_eq!(s.first_response_due_at(), Some(response_due));
            }
            prop_assert_eq!(s.state, s.first_response.state.max(s.resolution.state));
            prop_assert_eq!(
                s.state == ClockState::Breached,
                s.first_response.elapsed >= t.first_response || s.resolution.elapsed >= t.resolution
            );
        }

        #[test]
        fn any_json_is_read_or_refused_by_field(value in crate::business_time::strategy::json()) {
            match SlaPolicy::from_json(&value) {
                Ok(policy) => prop_assert_eq!(SlaPolicy::from_json(&policy.to_json()).unwrap(), policy),
                Err(errors) => prop_assert!(!errors.is_empty()),
            }
        }

        #[test]
        fn a_ticket_left_alone_only_gets_worse(t in a_target(), w in warning(), a in 0i64..1_000_000, b in 0i64..1_000_000) {
            let cal = office();
            let line = timeline(&[]);
            let (early, late) = (a.min(b), a.max(b));
            let at = |s: i64| ts(CREATED) + SignedDuration::from_secs(s);
            let first = evaluate(&t, w, &cal, &line, at(early));
            let second = evaluate(&t, w, &cal, &line, at(late));
            prop_assert!(first.state <= second.state);
            prop_assert_eq!(first.resolution_due_at(), second.resolution_due_at());
            prop_assert_eq!(first.resolution_due_at(), cal.add(ts(CREATED), t.resolution));
        }
    }
}
