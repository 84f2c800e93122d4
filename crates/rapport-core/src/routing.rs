//! Routing rules for tickets, and picking an agent within a queue.
//!
//! A rule holds conditions on a ticket's fields (all must hold) and actions: set the
//! queue, the assignee or the priority, add tags. Active rules run in order of their
//! position (ties in the order given); each later rule sees the ticket as the earlier
//! ones left it, and a rule with `stop` ends the run when it fires. The outcome is the
//! changes to apply and the rules that fired, which the ticket's history gives as the
//! reason.
//!
//! Within a queue a ticket goes to an available agent: the next in turn (`round_robin`),
//! the one with the fewest open tickets (`fewest_open`), or the one with the fewest open
//! tickets among those holding every skill the ticket needs (`skills`). Ties go to the
//! next in turn, so every pick is the same for the same input, and an agent who is away
//! is never picked.

use crate::ids::UserId;
use crate::sla::{Priority, Status};
use crate::{Problem, ValidationErrors};
use serde_json::{Map, Value, json};
use std::collections::BTreeSet;
use unicode_normalization::UnicodeNormalization;
use uuid::Uuid;

/// A ticket's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TicketType {
    Question,
    Incident,
    Problem,
    Task,
}

impl TicketType {
    pub const ALL: [TicketType; 4] = [
        TicketType::Question,
        TicketType::Incident,
        TicketType::Problem,
        TicketType::Task,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TicketType::Question => "question",
            TicketType::Incident => "incident",
            TicketType::Problem => "problem",
            TicketType::Task => "task",
        }
    }

    pub fn parse(text: &str) -> Option<TicketType> {
        TicketType::ALL.into_iter().find(|t| t.as_str() == text)
    }
}

/// The channels a ticket can arrive through.
pub const CHANNELS: [&str; 6] = ["email", "phone", "sms", "chat", "portal", "api"];

/// The fields of a ticket that rules look at and change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketFields {
    pub status: Status,
    pub priority: Priority,
    pub ticket_type: TicketType,
    pub channel: String,
    pub queue_id: Option<Uuid>,
    pub assignee_id: Option<UserId>,
    pub contact_id: Option<Uuid>,
    pub company_id: Option<Uuid>,
    pub tags: Vec<String>,
    pub subject: String,
    pub description: String,
}

/// Text folded for comparison without regard to case or compatibility forms, so
/// "STRASSE", "Straße" and "ｓｔｒａｓｓｅ" all read "strasse". Accents are kept: in
/// several of our languages they make another word.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfkc() {
        match c {
            'ß' | 'ẞ' => out.push_str("ss"),
            'ς' => out.push('σ'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// A field a condition may look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Subject,
    Description,
    Status,
    Priority,
    Type,
    Channel,
    QueueId,
    AssigneeId,
    Tags,
    CompanyId,
    ContactId,
}

/// How a condition tests its field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Contains,
    Equals,
    In,
    Has,
    IsSet,
}

impl Field {
    const ALL: [Field; 11] = [
        Field::Subject,
        Field::Description,
        Field::Status,
        Field::Priority,
        Field::Type,
        Field::Channel,
        Field::QueueId,
        Field::AssigneeId,
        Field::Tags,
        Field::CompanyId,
        Field::ContactId,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Field::Subject => "subject",
            Field::Description => "description",
            Field::Status => "status",
            Field::Priority => "priority",
            Field::Type => "type",
            Field::Channel => "channel",
            Field::QueueId => "queue_id",
            Field::AssigneeId => "assignee_id",
            Field::Tags => "tags",
            Field::CompanyId => "company_id",
            Field::ContactId => "contact_id",
        }
    }

    /// The allowlist: which operators each field takes.
    pub fn ops(self) -> &'static [Op] {
        match self {
            Field::Subject | Field::Description => &[Op::Contains],
            Field::Status | Field::Priority | Field::Type | Field::Channel => &[Op::Equals, Op::In],
            Field::QueueId => &[Op::Equals, Op::In, Op::IsSet],
            Field::AssigneeId | Field::CompanyId | Field::ContactId => &[Op::IsSet],
            Field::Tags => &[Op::Has],
        }
    }

    /// The values an `equals` or `in` on this field may name, where they are a fixed set.
    fn options(self) -> Option<Vec<&'static str>> {
        match self {
            Field::Status => Some(Status::ALL.map(Status::as_str).to_vec()),
            Field::Priority => Some(Priority::ALL.map(Priority::as_str).to_vec()),
            Field::Type => Some(TicketType::ALL.map(TicketType::as_str).to_vec()),
            Field::Channel => Some(CHANNELS.to_vec()),
            _ => None,
        }
    }
}

impl Op {
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Contains => "contains",
            Op::Equals => "equals",
            Op::In => "in",
            Op::Has => "has",
            Op::IsSet => "is_set",
        }
    }

    fn parse(text: &str) -> Option<Op> {
        [Op::Contains, Op::Equals, Op::In, Op::Has, Op::IsSet]
            .into_iter()
            .find(|o| o.as_str() == text)
    }
}

/// One condition of a rule. Values are kept in the form they are compared in: texts and
/// tags folded, ids as lower-case hyphenated text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    field: Field,
    op: Op,
    value: CondValue,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum CondValue {
    /// The text as given, and folded.
    Text(String, String),
    Values(Vec<String>),
    Flag(bool),
}

impl Condition {
    fn holds(&self, ticket: &TicketFields) -> bool {
        let id_text = |id: Option<Uuid>| id.map(|u| u.to_string());
        match (&self.value, self.field) {
            (CondValue::Text(_, folded), Field::Subject) => fold(&ticket.subject).contains(folded),
            (CondValue::Text(_, folded), Field::Description) => {
                fold(&ticket.description).contains(folded)
            }
            (CondValue::Text(_, folded), Field::Tags) => {
                ticket.tags.iter().any(|t| fold(t) == *folded)
            }
            (CondValue::Flag(set), field) => {
                let present = match field {
                    Field::QueueId => ticket.queue_id.is_some(),
                    Field::AssigneeId => ticket.assignee_id.is_some(),
                    Field::CompanyId => ticket.company_id.is_some(),
                    Field::ContactId => ticket.contact_id.is_some(),
                    _ => return false,
                };
                present == *set
            }
            (CondValue::Values(values), field) => {
                let actual = match field {
                    Field::Status => Some(ticket.status.as_str().to_string()),
                    Field::Priority => Some(ticket.priority.as_str().to_string()),
                    Field::Type => Some(ticket.ticket_type.as_str().to_string()),
                    Field::Channel => Some(ticket.channel.clone()),
                    Field::QueueId => id_text(ticket.queue_id),
                    _ => None,
                };
                actual.is_some_and(|a| values.contains(&a))
            }
            _ => false,
        }
    }

    fn to_json(&self) -> Value {
        let value = match &self.value {
            CondValue::Text(given, _) => Value::from(given.as_str()),
            CondValue::Values(values) if self.op == Op::Equals => {
                Value::from(values.first().cloned().unwrap_or_default())
            }
            CondValue::Values(values) => Value::from(values.clone()),
            CondValue::Flag(set) => Value::from(*set),
        };
        json!({"field": self.field.as_str(), "op": self.op.as_str(), "value": value})
    }
}

/// One thing a rule does to a ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    SetQueue(Uuid),
    SetAssignee(UserId),
    SetPriority(Priority),
    AddTags(Vec<String>),
}

impl Action {
    fn name(&self) -> &'static str {
        match self {
            Action::SetQueue(_) => "set_queue",
            Action::SetAssignee(_) => "set_assignee",
            Action::SetPriority(_) => "set_priority",
            Action::AddTags(_) => "add_tags",
        }
    }

    fn apply(&self, ticket: &mut TicketFields) {
        match self {
            Action::SetQueue(id) => ticket.queue_id = Some(*id),
            Action::SetAssignee(id) => ticket.assignee_id = Some(*id),
            Action::SetPriority(p) => ticket.priority = *p,
            Action::AddTags(tags) => {
                for tag in tags {
                    let folded = fold(tag);
                    if !ticket.tags.iter().any(|t| fold(t) == folded) {
                        ticket.tags.push(tag.clone());
                    }
                }
            }
        }
    }

    fn to_json(&self) -> Value {
        let value = match self {
            Action::SetQueue(id) => Value::from(id.to_string()),
            Action::SetAssignee(id) => Value::from(id.to_string()),
            Action::SetPriority(p) => Value::from(p.as_str()),
            Action::AddTags(tags) => Value::from(tags.clone()),
        };
        json!({"action": self.name(), "value": value})
    }
}

const ACTIONS: [&str; 4] = ["set_queue", "set_assignee", "set_priority", "add_tags"];
const RULE_KEYS: [&str; 6] = [
    "name",
    "position",
    "active",
    "conditions",
    "actions",
    "stop",
];
/// The most conditions and actions one rule may have.
pub const MAX_CONDITIONS: usize = 20;
pub const MAX_ACTIONS: usize = 10;
/// The most values an `in` may list, and the most tags an action may add.
pub const MAX_VALUES: usize = 50;
const MAX_NAME_CHARS: usize = 200;
const MAX_TEXT_CHARS: usize = 200;
const MAX_TAG_CHARS: usize = 64;
const MAX_POSITION: i64 = 1_000_000;

/// A validated routing rule. Build one with [`Rule::from_json`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub name: String,
    pub position: i64,
    pub active: bool,
    pub conditions: Vec<Condition>,
    pub actions: Vec<Action>,
    pub stop: bool,
}

impl Rule {
    /// Reads the JSON the API takes:
    /// `{"name": "Refunds", "position": 10, "active": true, "stop": false,
    /// "conditions": [{"field": "subject", "op": "contains", "value": "refund"}],
    /// "actions": [{"action": "set_queue", "value": "<queue id>"}]}`.
    /// Every problem is named by its field, such as `conditions[2].op`.
    pub fn from_json(value: &Value) -> Result<Rule, ValidationErrors> {
        let Some(object) = value.as_object() else {
            return Err(ValidationErrors::one("", Problem::NotAnObject));
        };
        let mut errors = ValidationErrors::new();
        for key in object.keys() {
            if !RULE_KEYS.contains(&key.as_str()) {
                errors.add(key.clone(), Problem::UnknownField);
            }
        }
        let name = match object.get("name") {
            None | Some(Value::Null) => {
                errors.add("name", Problem::Required);
                String::new()
            }
            Some(Value::String(text)) => {
                let name = text.trim();
                if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
                    let problem = Problem::Length {
                        min: 1,
                        max: MAX_NAME_CHARS,
                    };
                    errors.add("name", problem);
                }
                name.to_string()
            }
            Some(_) => {
                errors.add("name", Problem::NotAString);
                String::new()
            }
        };
        let position = match object.get("position") {
            None | Some(Value::Null) => 0,
            Some(v) => match v.as_i64().filter(|p| (0..=MAX_POSITION).contains(p)) {
                Some(p) => p,
                None => {
                    let problem = Problem::IntRange {
                        min: 0,
                        max: MAX_POSITION,
                    };
                    errors.add("position", problem);
                    0
                }
            },
        };
        let mut flag = |key: &str, default: bool| match object.get(key) {
            None | Some(Value::Null) => default,
            Some(Value::Bool(b)) => *b,
            Some(_) => {
                errors.add(key, Problem::NotABool);
                default
            }
        };
        let active = flag("active", true);
        let stop = flag("stop", false);
        let conditions = list(
            object.get("conditions"),
            "conditions",
            MAX_CONDITIONS,
            false,
            &mut errors,
        )
        .iter()
        .enumerate()
        .filter_map(|(i, v)| read_condition(v, &format!("conditions[{i}]"), &mut errors))
        .collect();
        let actions = list(
            object.get("actions"),
            "actions",
            MAX_ACTIONS,
            true,
            &mut errors,
        )
        .iter()
        .enumerate()
        .filter_map(|(i, v)| read_action(v, &format!("actions[{i}]"), &mut errors))
        .collect();
        errors.into_result(Rule {
            name,
            position,
            active,
            conditions,
            actions,
            stop,
        })
    }

    /// The rule as [`Rule::from_json`] reads it.
    pub fn to_json(&self) -> Value {
        json!({
            "name": self.name,
            "position": self.position,
            "active": self.active,
            "conditions": self.conditions.iter().map(Condition::to_json).collect::<Vec<_>>(),
            "actions": self.actions.iter().map(Action::to_json).collect::<Vec<_>>(),
            "stop": self.stop,
        })
    }

    /// Whether every condition holds for `ticket`; a rule without conditions always does.
    pub fn matches(&self, ticket: &TicketFields) -> bool {
        self.conditions.iter().all(|c| c.holds(ticket))
    }
}

impl serde::Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to_json().serialize(s)
    }
}

impl<'de> serde::Deserialize<'de> for Rule {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(d)?;
        Rule::from_json(&value).map_err(|e| serde::de::Error::custom(e.summary()))
    }
}

/// The items of a list field, or none after naming its problem.
fn list<'v>(
    value: Option<&'v Value>,
    field: &str,
    max: usize,
    required: bool,
    errors: &mut ValidationErrors,
) -> &'v [Value] {
    match value {
        None | Some(Value::Null) if required => {
            errors.add(field, Problem::Required);
            &[]
        }
        None | Some(Value::Null) => &[],
        Some(Value::Array(items)) if items.len() > max => {
            errors.add(field, Problem::TooMany { max });
            &[]
        }
        Some(Value::Array(items)) if items.is_empty() && required => {
            errors.add(field, Problem::Empty);
            &[]
        }
        Some(Value::Array(items)) => items,
        Some(_) => {
            errors.add(field, Problem::NotAList);
            &[]
        }
    }
}

fn only_keys(
    object: &Map<String, Value>,
    keys: &[&str],
    field: &str,
    errors: &mut ValidationErrors,
) {
    for key in object.keys() {
        if !keys.contains(&key.as_str()) {
            errors.add(format!("{field}.{key}"), Problem::UnknownField);
        }
    }
}

fn read_condition(value: &Value, field: &str, errors: &mut ValidationErrors) -> Option<Condition> {
    let Some(object) = value.as_object() else {
        errors.add(field, Problem::NotAnObject);
        return None;
    };
    only_keys(object, &["field", "op", "value"], field, errors);
    let names = || Field::ALL.map(Field::as_str).join(", ");
    let on = match object.get("field") {
        None | Some(Value::Null) => {
            errors.add(format!("{field}.field"), Problem::Required);
            return None;
        }
        Some(v) => match v
            .as_str()
            .and_then(|n| Field::ALL.into_iter().find(|f| f.as_str() == n))
        {
            Some(f) => f,
            None => {
                errors.add(
                    format!("{field}.field"),
                    Problem::OneOf { options: names() },
                );
                return None;
            }
        },
    };
    let ops = || {
        on.ops()
            .iter()
            .map(|o| o.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let op = match object.get("op") {
        None | Some(Value::Null) => {
            errors.add(format!("{field}.op"), Problem::Required);
            return None;
        }
        Some(v) => match v
            .as_str()
            .and_then(Op::parse)
            .filter(|o| on.ops().contains(o))
        {
            Some(op) => op,
            None => {
                errors.add(format!("{field}.op"), Problem::OneOf { options: ops() });
                return None;
            }
        },
    };
    let value_field = format!("{field}.value");
    let given = match object.get("value") {
        None | Some(Value::Null) => {
            errors.add(value_field, Problem::Required);
            return None;
        }
        Some(v) => v,
    };
    let value = match op {
        Op::Contains => {
            let text = text_value(given, MAX_TEXT_CHARS)
                .map_err(|p| errors.add(&value_field, p))
                .ok()?;
            let folded = fold(&text);
            CondValue::Text(text, folded)
        }
        Op::Has => {
            let tag = text_value(given, MAX_TAG_CHARS)
                .map_err(|p| errors.add(&value_field, p))
                .ok()?;
            let folded = fold(&tag);
            CondValue::Text(tag, folded)
        }
        Op::IsSet => match given {
            Value::Bool(b) => CondValue::Flag(*b),
            _ => {
                errors.add(value_field, Problem::NotABool);
                return None;
            }
        },
        Op::Equals => CondValue::Values(vec![
            one_value(on, given)
                .map_err(|p| errors.add(&value_field, p))
                .ok()?,
        ]),
        Op::In => {
            let Some(items) = given.as_array() else {
                errors.add(value_field, Problem::NotAList);
                return None;
            };
            if items.is_empty() {
                errors.add(value_field, Problem::Empty);
                return None;
            }
            if items.len() > MAX_VALUES {
                errors.add(value_field, Problem::TooMany { max: MAX_VALUES });
                return None;
            }
            let mut values = Vec::new();
            let mut refused = false;
            for (i, item) in items.iter().enumerate() {
                match one_value(on, item) {
                    Ok(v) if !values.contains(&v) => values.push(v),
                    Ok(_) => {}
                    Err(p) => {
                        errors.add(format!("{value_field}[{i}]"), p);
                        refused = true;
                    }
                }
            }
            if refused {
                return None;
            }
            CondValue::Values(values)
        }
    };
    Some(Condition {
        field: on,
        op,
        value,
    })
}

/// A trimmed, non-empty text of at most `max` characters.
fn text_value(value: &Value, max: usize) -> Result<String, Problem> {
    let text = value.as_str().ok_or(Problem::NotAString)?.trim();
    if text.is_empty() || text.chars().count() > max || text.contains('\0') {
        return Err(Problem::Length { min: 1, max });
    }
    Ok(text.to_string())
}

/// One value an `equals` or `in` compares with, in the form the ticket's field has.
fn one_value(field: Field, value: &Value) -> Result<String, Problem> {
    let text = value.as_str().ok_or(Problem::NotAString)?;
    if let Some(options) = field.options() {
        return match options.iter().find(|o| **o == text) {
            Some(o) => Ok((*o).to_string()),
            None => Err(Problem::OneOf {
                options: options.join(", "),
            }),
        };
    }
    Uuid::parse_str(text)
        .map(|u| u.to_string())
        .map_err(|_| Problem::NotAnId)
}

fn read_action(value: &Value, field: &str, errors: &mut ValidationErrors) -> Option<Action> {
    let Some(object) = value.as_object() else {
        errors.add(field, Problem::NotAnObject);
        return None;
    };
    only_keys(object, &["action", "value"], field, errors);
    let name = match object.get("action") {
        None | Some(Value::Null) => {
            errors.add(format!("{field}.action"), Problem::Required);
            return None;
        }
        Some(v) => match v.as_str().filter(|n| ACTIONS.contains(n)) {
            Some(n) => n,
            None => {
                let options = ACTIONS.join(", ");
                errors.add(format!("{field}.action"), Problem::OneOf { options });
                return None;
            }
        },
    };
    let value_field = format!("{field}.value");
    let Some(given) = object.get("value").filter(|v| !v.is_null()) else {
        errors.add(value_field, Problem::Required);
        return None;
    };
    let id = |v: &Value| {
        v.as_str()
            .and_then(|t| Uuid::parse_str(t).ok())
            .ok_or(Problem::NotAnId)
    };
    let action = match name {
        "set_queue" => id(given).map(Action::SetQueue),
        "set_assignee" => id(given).map(|u| Action::SetAssignee(UserId(u))),
        "set_priority" => given
            .as_str()
            .and_then(Priority::parse)
            .map(Action::SetPriority)
            .ok_or_else(|| Problem::OneOf {
                options: Priority::ALL.map(Priority::as_str).join(", "),
            }),
        _ => add_tags(given).map(Action::AddTags),
    };
    action.map_err(|p| errors.add(value_field, p)).ok()
}

/// Tags to add, trimmed, each 1 to 64 characters, each once.
fn add_tags(value: &Value) -> Result<Vec<String>, Problem> {
    let items = value.as_array().ok_or(Problem::NotTagNames)?;
    if items.is_empty() {
        return Err(Problem::Empty);
    }
    if items.len() > MAX_VALUES {
        return Err(Problem::TooMany { max: MAX_VALUES });
    }
    let mut tags: Vec<String> = Vec::new();
    for item in items {
        let tag = item.as_str().ok_or(Problem::NotTagNames)?.trim();
        if tag.is_empty() || tag.chars().count() > MAX_TAG_CHARS || tag.contains('\0') {
            return Err(Problem::TagLength);
        }
        if !tags.iter().any(|t| fold(t) == fold(tag)) {
            tags.push(tag.to_string());
        }
    }
    Ok(tags)
}

/// What the rules decided for a ticket: each field only when it changes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    pub queue_id: Option<Uuid>,
    pub assignee_id: Option<UserId>,
    pub priority: Option<Priority>,
    /// Tags the ticket did not have, in the order the rules added them.
    pub add_tags: Vec<String>,
    /// The rules that fired, as indexes into the list given, in the order they ran.
    pub fired: Vec<usize>,
}

impl Outcome {
    /// Whether the rules change nothing.
    pub fn is_empty(&self) -> bool {
        self.queue_id.is_none()
            && self.assignee_id.is_none()
            && self.priority.is_none()
            && self.add_tags.is_empty()
    }
}

/// Runs the active `rules` on `ticket` in order of position (ties in the order given).
pub fn evaluate(rules: &[Rule], ticket: &TicketFields) -> Outcome {
    let mut order: Vec<usize> = (0..rules.len()).filter(|i| rules[*i].active).collect();
    order.sort_by_key(|i| (rules[*i].position, *i));
    let mut current = ticket.clone();
    let mut fired = Vec::new();
    for i in order {
        let rule = &rules[i];
        if !rule.matches(&current) {
            continue;
        }
        for action in &rule.actions {
            action.apply(&mut current);
        }
        fired.push(i);
        if rule.stop {
            break;
        }
    }
    Outcome {
        queue_id: current
            .queue_id
            .filter(|_| current.queue_id != ticket.queue_id),
        assignee_id: current
            .assignee_id
            .filter(|_| current.assignee_id != ticket.assignee_id),
        priority: Some(current.priority).filter(|p| *p != ticket.priority),
        add_tags: current.tags[ticket.tags.len()..].to_vec(),
        fired,
    }
}

/// Whether an agent takes tickets now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Availability {
    Available,
    Away,
}

/// An agent of a queue as assignment sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agent {
    pub id: UserId,
    pub availability: Availability,
    pub open_tickets: u32,
    /// Skill names, folded.
    pub skills: BTreeSet<String>,
}

impl Agent {
    fn available(&self) -> bool {
        self.availability == Availability::Available
    }
}

/// How a queue picks the agent of a new ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Assignment {
    RoundRobin,
    FewestOpen,
    Skills,
}

impl Assignment {
    pub const ALL: [Assignment; 3] = [
        Assignment::RoundRobin,
        Assignment::FewestOpen,
        Assignment::Skills,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Assignment::RoundRobin => "round_robin",
            Assignment::FewestOpen => "fewest_open",
            Assignment::Skills => "skills",
        }
    }

    pub fn parse(text: &str) -> Option<Assignment> {
        Assignment::ALL.into_iter().find(|a| a.as_str() == text)
    }

    /// The agent for a ticket needing `skills`, from the queue's `agents` in their stable
    /// order, after `last` was the last one assigned. `None` leaves the ticket in the
    /// queue without an assignee.
    pub fn pick(
        self,
        agents: &[Agent],
        last: Option<UserId>,
        skills: &BTreeSet<String>,
    ) -> Option<UserId> {
        match self {
            Assignment::RoundRobin => round_robin(agents, last),
            Assignment::FewestOpen => fewest_open(agents, last),
            Assignment::Skills => by_skills(agents, last, skills),
        }
    }
}

/// The agents' indexes in turn: those after `last` first, then from the start up to
/// and including `last`.
fn in_turn(agents: &[Agent], last: Option<UserId>) -> impl Iterator<Item = usize> {
    let start = last
        .and_then(|id| agents.iter().position(|a| a.id == id))
        .map_or(0, |i| i + 1);
    let n = agents.len();
    (0..n).map(move |k| (start + k) % n)
}

/// The next available agent after `last`.
pub fn round_robin(agents: &[Agent], last: Option<UserId>) -> Option<UserId> {
    in_turn(agents, last)
        .map(|i| &agents[i])
        .find(|a| a.available())
        .map(|a| a.id)
}

/// The available agent with the fewest open tickets, the next in turn among equals.
pub fn fewest_open(agents: &[Agent], last: Option<UserId>) -> Option<UserId> {
    fewest_among(agents, last, |_| true)
}

/// Among available agents holding every one of `skills`, the one with the fewest open
/// tickets (the next in turn among equals); `None` when no one holds them all.
pub fn by_skills(
    agents: &[Agent],
    last: Option<UserId>,
    skills: &BTreeSet<String>,
) -> Option<UserId> {
    fewest_among(agents, last, |a| skills.is_subset(&a.skills))
}

fn fewest_among(
    agents: &[Agent],
    last: Option<UserId>,
    fits: impl Fn(&Agent) -> bool,
) -> Option<UserId> {
    in_turn(agents, last)
        .enumerate()
        .map(|(turn, i)| (turn, &agents[i]))
        .filter(|(_, a)| a.available() && fits(a))
        .min_by_key(|(turn, a)| (a.open_tickets, *turn))
        .map(|(_, a)| a.id)
}

/// The skills a ticket needs: those of its tags, and its type, that name a skill some
/// agent of the queue has. A tag no one has as a skill is only a tag.
pub fn required_skills(
    tags: &[String],
    ticket_type: TicketType,
    agents: &[Agent],
) -> BTreeSet<String> {
    let known: BTreeSet<&String> = agents.iter().flat_map(|a| a.skills.iter()).collect();
    tags.iter()
        .map(|t| fold(t))
        .chain(std::iter::once(ticket_type.as_str().to_string()))
        .filter(|s| known.contains(s))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ticket() -> TicketFields {
        TicketFields {
            status: Status::New,
            priority: Priority::Normal,
            ticket_type: TicketType::Question,
            channel: "email".into(),
            queue_id: None,
            assignee_id: None,
            contact_id: Some(Uuid::from_u128(7)),
            company_id: None,
            tags: vec!["Kunde".into()],
            subject: "Rückerstattung für Bestellung 42".into(),
            description: "Bitte um GROSSE Hilfe".into(),
        }
    }

    fn rule(value: Value) -> Rule {
        Rule::from_json(&value).unwrap()
    }

    const QUEUE: &str = "01900000-0000-7000-8000-000000000001";
    const OTHER_QUEUE: &str = "01900000-0000-7000-8000-000000000002";
    const AGENT: &str = "01900000-0000-7000-8000-0000000000aa";

    fn queue() -> Uuid {
        QUEUE.parse().unwrap()
    }

    #[test]
    fn text_is_matched_without_regard_to_case_or_width() {
        assert_eq!(fold("STRASSE"), fold("Straße"));
        assert_eq!(fold("ｓｔｒａｓｓｅ"), "strasse");
        assert_eq!(fold("ΟΔΟΣ"), fold("οδος"));
        assert_ne!(fold("łaska"), fold("laska"));
        let r = rule(json!({"name": "Refunds", "conditions": [
            {"field": "subject", "op": "contains", "value": "RÜCKERSTATTUNG"},
            {"field": "description", "op": "contains", "value": "große"}],
            "actions": [{"action": "set_queue", "value": QUEUE}]}));
        assert!(r.matches(&ticket()));
        let mut other = ticket();
        other.subject = "Rechnung".into();
        assert!(!r.matches(&other), "every condition must hold");
    }

    #[test]
    fn each_operator_tests_its_field() {
        let t = ticket();
        let holds = |c: Value| {
            rule(json!({"name": "r", "conditions": [c],
                "actions": [{"action": "set_priority", "value": "high"}]}))
            .matches(&t)
        };
        assert!(holds(
            json!({"field": "status", "op": "equals", "value": "new"})
        ));
        assert!(!holds(
            json!({"field": "status", "op": "equals", "value": "open"})
        ));
        assert!(holds(
            json!({"field": "priority", "op": "in", "value": ["low", "normal"]})
        ));
        assert!(!holds(
            json!({"field": "priority", "op": "in", "value": ["urgent"]})
        ));
        assert!(holds(
            json!({"field": "type", "op": "equals", "value": "question"})
        ));
        assert!(holds(
            json!({"field": "channel", "op": "in", "value": ["chat", "email"]})
        ));
        assert!(holds(
            json!({"field": "tags", "op": "has", "value": "KUNDE"})
        ));
        assert!(!holds(
            json!({"field": "tags", "op": "has", "value": "vip"})
        ));
        assert!(holds(
            json!({"field": "contact_id", "op": "is_set", "value": true})
        ));
        assert!(holds(
            json!({"field": "company_id", "op": "is_set", "value": false})
        ));
        assert!(holds(
            json!({"field": "queue_id", "op": "is_set", "value": false})
        ));
        assert!(holds(
            json!({"field": "assignee_id", "op": "is_set", "value": false})
        ));
        assert!(!holds(
            json!({"field": "queue_id", "op": "equals", "value": QUEUE})
        ));
        let mut queued = t.clone();
        queued.queue_id = Some(queue());
        let r = rule(json!({"name": "r", "conditions": [
            {"field": "queue_id", "op": "in", "value": [OTHER_QUEUE, QUEUE.to_uppercase()]}],
            "actions": [{"action": "set_priority", "value": "high"}]}));
        assert!(r.matches(&queued), "ids compare in any case");
    }

    #[test]
    fn rules_run_in_order_and_see_earlier_changes() {
        let rules = vec![
            rule(
                json!({"name": "urgent to the queue", "position": 20, "conditions": [
                {"field": "priority", "op": "equals", "value": "urgent"}],
                "actions": [{"action": "set_queue", "value": QUEUE},
                            {"action": "add_tags", "value": ["escalated", "kunde"]}]}),
            ),
            rule(
                json!({"name": "refunds are urgent", "position": 10, "conditions": [
                {"field": "subject", "op": "contains", "value": "rückerstattung"}],
                "actions": [{"action": "set_priority", "value": "urgent"}]}),
            ),
            rule(json!({"name": "inactive", "position": 0, "active": false,
                "actions": [{"action": "set_assignee", "value": AGENT}]})),
        ];
        let out = evaluate(&rules, &ticket());
        assert_eq!(out.fired, [1, 0]);
        assert_eq!(out.priority, Some(Priority::Urgent));
        assert_eq!(out.queue_id, Some(queue()));
        assert_eq!(out.assignee_id, None);
        // "kunde" is already there as "Kunde".
        assert_eq!(out.add_tags, ["escalated"]);
        assert!(!out.is_empty());
    }

    #[test]
    fn stop_ends_the_run_and_ties_keep_the_given_order() {
        let set = |name: &str, queue: &str, stop: bool| {
            rule(json!({"name": name, "position": 5, "stop": stop,
                "actions": [{"action": "set_queue", "value": queue}]}))
        };
        let rules = vec![
            set("a", OTHER_QUEUE, false),
            set("b", QUEUE, true),
            set("c", OTHER_QUEUE, false),
        ];
        let out = evaluate(&rules, &ticket());
        assert_eq!(out.fired, [0, 1]);
        assert_eq!(out.queue_id, Some(queue()), "the last rule to set it wins");
    }

    #[test]
    fn setting_what_is_already_there_changes_nothing() {
        let mut t = ticket();
        t.queue_id = Some(queue());
        let rules = vec![rule(json!({"name": "same", "actions": [
            {"action": "set_queue", "value": QUEUE},
            {"action": "set_priority", "value": "normal"},
            {"action": "add_tags", "value": ["KUNDE"]}]}))];
        let out = evaluate(&rules, &t);
        assert_eq!(out.fired, [0]);
        assert!(out.is_empty());
        assert_eq!(evaluate(&[], &t), Outcome::default());
    }

    #[test]
    fn the_json_form_round_trips() {
        let json = json!({
            "name": "Refunds",
            "position": 10,
            "active": true,
            "conditions": [
                {"field": "subject", "op": "contains", "value": "Refund"},
                {"field": "status", "op": "equals", "value": "new"},
                {"field": "priority", "op": "in", "value": ["low", "normal"]},
                {"field": "tags", "op": "has", "value": "VIP"},
                {"field": "company_id", "op": "is_set", "value": true}
            ],
            "actions": [
                {"action": "set_queue", "value": QUEUE},
                {"action": "set_assignee", "value": AGENT},
                {"action": "set_priority", "value": "high"},
                {"action": "add_tags", "value": ["refund"]}
            ],
            "stop": true
        });
        let r: Rule = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(serde_json::to_value(&r).unwrap(), json);
    }

    #[test]
    fn bad_json_is_refused_by_field() {
        let bad = json!({
            "name": " ",
            "position": -1,
            "active": "yes",
            "conditions": [
                {"field": "subject", "op": "contains", "value": ""},
                {"field": "status", "op": "contains", "value": "new"},
                {"field": "colour", "op": "equals", "value": "red"},
                {"field": "priority", "op": "in", "value": ["high", "asap"]},
                {"field": "queue_id", "op": "equals", "value": "q1"},
                {"field": "tags", "op": "has"},
                {"field": "company_id", "op": "is_set", "value": "yes", "x": 1},
                "status"
            ],
            "actions": [
                {"action": "delete", "value": 1},
                {"action": "set_queue", "value": "nope"},
                {"action": "add_tags", "value": [""]},
                {"action": "set_priority"}
            ],
            "owner": "me"
        });
        let errors = Rule::from_json(&bad).unwrap_err();
        let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "owner",
                "name",
                "position",
                "active",
                "conditions[0].value",
                "conditions[1].op",
                "conditions[2].field",
                "conditions[3].value[1]",
                "conditions[4].value",
                "conditions[5].value",
                "conditions[6].x",
                "conditions[6].value",
                "conditions[7]",
                "actions[0].action",
                "actions[1].value",
                "actions[2].value",
                "actions[3].value",
            ]
        );
        assert_eq!(
            errors.0[5].message, "must be one of: equals, in",
            "names the operators the field takes"
        );
        let errors = Rule::from_json(&json!({"name": "r"})).unwrap_err();
        assert_eq!(errors.0[0].field, "actions");
        assert_eq!(errors.0[0].problem, Problem::Required);
        let errors = Rule::from_json(&json!({"name": "r", "actions": []})).unwrap_err();
        assert_eq!(errors.0[0].problem, Problem::Empty);
        let many: Vec<Value> = (0..=MAX_CONDITIONS)
            .map(|_| json!({"field": "status", "op": "equals", "value": "new"}))
            .collect();
        let errors = Rule::from_json(&json!({"name": "r", "conditions": many,
            "actions": [{"action": "set_priority", "value": "low"}]}))
        .unwrap_err();
        assert_eq!(errors.0[0].field, "conditions");
        assert!(Rule::from_json(&json!([])).is_err());
        assert!(serde_json::from_value::<Rule>(json!({"name": 1})).is_err());
    }

    fn agent(n: u128, away: bool, open: u32, skills: &[&str]) -> Agent {
        Agent {
            id: UserId(Uuid::from_u128(n)),
            availability: if away {
                Availability::Away
            } else {
                Availability::Available
            },
            open_tickets: open,
            skills: skills.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn id(n: u128) -> UserId {
        UserId(Uuid::from_u128(n))
    }

    #[test]
    fn round_robin_takes_the_next_available_agent() {
        let agents = [
            agent(1, false, 0, &[]),
            agent(2, true, 0, &[]),
            agent(3, false, 0, &[]),
        ];
        assert_eq!(round_robin(&agents, None), Some(id(1)));
        assert_eq!(round_robin(&agents, Some(id(1))), Some(id(3)), "2 is away");
        assert_eq!(round_robin(&agents, Some(id(3))), Some(id(1)));
        assert_eq!(
            round_robin(&agents, Some(id(9))),
            Some(id(1)),
            "an unknown last starts over"
        );
        let alone = [agent(1, false, 0, &[])];
        assert_eq!(round_robin(&alone, Some(id(1))), Some(id(1)));
        assert_eq!(round_robin(&[agent(1, true, 0, &[])], None), None);
        assert_eq!(round_robin(&[], None), None);
    }

    #[test]
    fn fewest_open_breaks_ties_by_turn() {
        let agents = [
            agent(1, false, 2, &[]),
            agent(2, false, 1, &[]),
            agent(3, false, 1, &[]),
            agent(4, true, 0, &[]),
        ];
        assert_eq!(fewest_open(&agents, None), Some(id(2)));
        assert_eq!(fewest_open(&agents, Some(id(2))), Some(id(3)));
        assert_eq!(fewest_open(&agents, Some(id(3))), Some(id(2)));
    }

    #[test]
    fn skills_pick_among_those_holding_them_all_or_no_one() {
        let agents = [
            agent(1, false, 0, &["billing"]),
            agent(2, false, 3, &["billing", "deutsch"]),
            agent(3, false, 1, &["billing", "deutsch", "incident"]),
            agent(4, true, 0, &["billing", "deutsch", "incident"]),
        ];
        let tags = vec!["Deutsch".to_string(), "vip".to_string()];
        let needs = required_skills(&tags, TicketType::Question, &agents);
        assert_eq!(
            needs,
            BTreeSet::from(["deutsch".to_string()]),
            "vip is only a tag"
        );
        assert_eq!(by_skills(&agents, None, &needs), Some(id(3)));
        let needs = required_skills(&tags, TicketType::Incident, &agents);
        assert_eq!(needs.len(), 2);
        assert_eq!(Assignment::Skills.pick(&agents, None, &needs), Some(id(3)));
        let mut busy = agents.clone();
        busy[2].availability = Availability::Away;
        assert_eq!(
            by_skills(&busy, None, &needs),
            None,
            "the ticket stays in the queue"
        );
        assert_eq!(by_skills(&agents, None, &BTreeSet::new()), Some(id(1)));
        assert_eq!(
            Assignment::parse("fewest_open"),
            Some(Assignment::FewestOpen)
        );
        assert_eq!(
            Assignment::RoundRobin.pick(&agents, Some(id(3)), &needs),
            Some(id(1))
        );
    }

    fn agents() -> impl Strategy<Value = Vec<Agent>> {
        let skill = prop_oneof![Just("billing"), Just("deutsch"), Just("incident")];
        proptest::collection::vec(
            (
                any::<bool>(),
                0u32..5,
                proptest::collection::btree_set(skill, 0..3),
            ),
            0..8,
        )
        .prop_map(|specs| {
            specs
                .into_iter()
                .enumerate()
                .map(|(i, (away, open, skills))| {
                    let skills: Vec<&str> = skills.into_iter().collect();
                    agent(i as u128 + 1, away, open, &skills)
                })
                .collect()
        })
    }

    fn method() -> impl Strategy<Value = Assignment> {
        (0usize..3).prop_map(|i| Assignment::ALL[i])
    }

    proptest! {
        #[test]
        fn the_pick_is_an_available_agent_and_always_the_same(
            agents in agents(), method in method(), last in proptest::option::of(0u128..10),
            needs in proptest::collection::btree_set(prop_oneof![Just("billing".to_string()), Just("incident".to_string())], 0..3),
        ) {
            let last = last.map(id);
            let pick = method.pick(&agents, last, &needs);
            prop_assert_eq!(pick, method.pick(&agents, last, &needs));
            match pick {
                Some(picked) => {
                    let a = agents.iter().find(|a| a.id == picked).unwrap();
                    prop_assert_eq!(a.availability, Availability::Available);
                    if method == Assignment::Skills {
                        prop_assert!(needs.is_subset(&a.skills));
                    }
                    if method != Assignment::RoundRobin {
                        let fewest = agents.iter()
                            .filter(|b| b.availability == Availability::Available)
                            .filter(|b| method != Assignment::Skills || needs.is_subset(&b.skills))
                            .map(|b| b.open_tickets).min();
                        prop_assert_eq!(Some(a.open_tickets), fewest);
                    }
                }
                None => {
                    let any_fits = agents.iter().any(|a| a.availability == Availability::Available
                        && (method != Assignment::Skills || needs.is_subset(&a.skills)));
                    prop_assert!(!any_fits);
                }
            }
        }

        #[test]
        fn any_json_is_read_or_refused_by_field(value in crate::business_time::strategy::json()) {
            match Rule::from_json(&value) {
                Ok(rule) => prop_assert_eq!(Rule::from_json(&rule.to_json()).unwrap(), rule),
                Err(errors) => prop_assert!(!errors.is_empty()),
            }
        }

        #[test]
        fn round_robin_visits_every_available_agent_in_turn(agents in agents()) {
            let available: Vec<UserId> = agents.iter()
                .filter(|a| a.availability == Availability::Available).map(|a| a.id).collect();
            let mut last = None;
            let mut seen = Vec::new();
            for _ in 0..available.len() {
                last = round_robin(&agents, last);
                seen.push(last.unwrap());
            }
            prop_assert_eq!(seen, available);
        }

        #[test]
        fn rules_are_deterministic_and_fire_only_when_they_match(
            priority in 0usize..4, subject in "[a-zA-Z ]{0,20}", stop in any::<bool>(),
        ) {
            let mut t = ticket();
            t.priority = Priority::ALL[priority];
            t.subject = subject;
            let rules = vec![
                rule(json!({"name": "a", "position": 1, "stop": stop, "conditions": [
                    {"field": "subject", "op": "contains", "value": "a"}],
                    "actions": [{"action": "set_priority", "value": "urgent"}]})),
                rule(json!({"name": "b", "position": 2, "conditions": [
                    {"field": "priority", "op": "equals", "value": "urgent"}],
                    "actions": [{"action": "set_queue", "value": QUEUE}]})),
            ];
            let out = evaluate(&rules, &t);
            prop_assert_eq!(&out, &evaluate(&rules, &t));
            let a = fold(&t.subject).contains('a');
            prop_assert_eq!(out.fired.contains(&0), a);
            let urgent = a || t.priority == Priority::Urgent;
            prop_assert_eq!(out.fired.contains(&1), urgent && !(a && stop));
            prop_assert_eq!(out.queue_id.is_some(), out.fired.contains(&1));
        }
    }
}
