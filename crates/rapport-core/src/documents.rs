//! The life of a sales document: which statuses a quote, order or invoice moves through,
//! which moves are allowed, and how a status reads once a date has passed.
//!
//! A quote is `draft → sent → accepted | rejected`, and a sent quote past its
//! `valid_until` reads as `expired`. An order is `open → fulfilled | cancelled`. An
//! invoice is `draft → issued → partly_paid → paid`, and `draft | issued → cancelled`; an
//! issued or partly paid invoice past its `due_date` reads as `overdue`. The expired and
//! overdue statuses are computed when a document is read, so no job has to run on time
//! for them to be true.

use crate::entity::Entity;
use serde_json::{Map, Value};
use time::Date;

/// A move a person asks a document to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Send,
    Accept,
    Reject,
    Fulfil,
    Cancel,
    Issue,
}

/// Every step, with the document it applies to and the action's name in API paths.
pub const STEPS: [(Entity, Step, &str); 7] = [
    (Entity::Quote, Step::Send, "send"),
    (Entity::Quote, Step::Accept, "accept"),
    (Entity::Quote, Step::Reject, "reject"),
    (Entity::Order, Step::Fulfil, "fulfil"),
    (Entity::Order, Step::Cancel, "cancel"),
    (Entity::Invoice, Step::Issue, "issue"),
    (Entity::Invoice, Step::Cancel, "cancel"),
];

impl Step {
    /// What the step did, as a person says it on a timeline ("sent", "accepted").
    pub const fn done(self) -> &'static str {
        match self {
            Step::Send => "sent",
            Step::Accept => "accepted",
            Step::Reject => "rejected",
            Step::Fulfil => "fulfilled",
            Step::Cancel => "cancelled",
            Step::Issue => "issued",
        }
    }
}

/// The status a new document starts in.
pub const fn initial_status(entity: Entity) -> &'static str {
    match entity {
        Entity::Order => "open",
        _ => "draft",
    }
}

/// Whether a document in this status may still have its fields changed.
pub fn editable(entity: Entity, status: &str) -> bool {
    status == initial_status(entity)
}

/// The status a document reads as on `today`: its stored status, or `expired` and
/// `overdue` once the date that decides them has passed.
pub fn shown_status(entity: Entity, data: &Map<String, Value>, today: Date) -> &str {
    let stored = data.get("status").and_then(Value::as_str).unwrap_or("");
    let passed = |field: &str| {
        data.get(field)
            .and_then(Value::as_str)
            .and_then(parse_date)
            .is_some_and(|d| d < today)
    };
    match (entity, stored) {
        (Entity::Quote, "sent") if passed("valid_until") => "expired",
        (Entity::Invoice, "issued" | "partly_paid") if passed("due_date") => "overdue",
        _ => stored,
    }
}

/// The status `step` leads to from the status a document reads as, or why it may not.
pub fn next_status(entity: Entity, shown: &str, step: Step) -> Result<&'static str, String> {
    match (entity, shown, step) {
        (Entity::Quote, "draft", Step::Send) => Ok("sent"),
        (Entity::Quote, "sent", Step::Accept) => Ok("accepted"),
        (Entity::Quote, "sent", Step::Reject) => Ok("rejected"),
        (Entity::Order, "open", Step::Fulfil) => Ok("fulfilled"),
        (Entity::Order, "open", Step::Cancel) => Ok("cancelled"),
        (Entity::Invoice, "draft", Step::Issue) => Ok("issued"),
        // Once money has come in, an invoice is corrected by a credit note instead.
        (Entity::Invoice, "draft" | "issued", Step::Cancel) => Ok("cancelled"),
        _ => Err(refusal(entity, shown, step)),
    }
}

fn refusal(entity: Entity, shown: &str, step: Step) -> String {
    let kind = entity.singular();
    if shown == step.done() {
        return format!("this {kind} is already {shown}");
    }
    let from: &[&str] = match (entity, step) {
        (Entity::Quote, Step::Send) | (Entity::Invoice, Step::Issue) => &["draft"],
        (Entity::Quote, _) => &["sent"],
        (Entity::Order, _) => &["open"],
        (Entity::Invoice, Step::Cancel) => &["draft", "issued"],
        _ => &[],
    };
    format!(
        "this {kind} is {}; only a {kind} that is {} can be {}",
        shown.replace('_', " "),
        from.join(" or "),
        step.done()
    )
}

/// Whether a document may be moved to the trash (or purged), or why not.
///
/// An invoice that was ever issued has a number, and invoice numbers must run without
/// gaps, so it stays: issued, partly paid, paid, overdue, and cancelled after issue alike.
/// A draft invoice, or one cancelled while still a draft, has no number and may go.
pub fn deletable(entity: Entity, data: &Map<String, Value>) -> Result<(), String> {
    let numbered = data
        .get("number")
        .and_then(Value::as_str)
        .is_some_and(|n| !n.is_empty());
    if entity != Entity::Invoice || !numbered {
        return Ok(());
    }
    let status = data.get("status").and_then(Value::as_str).unwrap_or("");
    Err(format!(
        "this invoice is {}; an invoice that was issued keeps its number and is never deleted (cancel it instead)",
        status.replace('_', " ")
    ))
}

/// The statuses a UBL invoice may be written in: issued, and what follows from it.
pub fn ubl_ready(shown: &str) -> Result<(), String> {
    match shown {
        "issued" | "partly_paid" | "paid" | "overdue" => Ok(()),
        other => Err(format!(
            "this invoice is {}; only an issued, partly paid, paid or overdue invoice is written as UBL",
            other.replace('_', " ")
        )),
    }
}

/// The status an issued invoice has once `paid` of its `total` has been paid.
pub fn after_payment(total: i64, paid: i64) -> &'static str {
    if paid >= total { "paid" } else { "partly_paid" }
}

/// Reads a `YYYY-MM-DD` date.
pub fn parse_date(s: &str) -> Option<Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(s, &format).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use time::macros::date;

    fn data(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn quotes_move_forward_only() {
        let q = Entity::Quote;
        assert_eq!(next_status(q, "draft", Step::Send), Ok("sent"));
        assert_eq!(next_status(q, "sent", Step::Accept), Ok("accepted"));
        assert_eq!(next_status(q, "sent", Step::Reject), Ok("rejected"));
        assert_eq!(
            next_status(q, "accepted", Step::Accept),
            Err("this quote is already accepted".into())
        );
        assert!(next_status(q, "draft", Step::Accept).is_err());
        assert!(next_status(q, "rejected", Step::Accept).is_err());
        assert!(next_status(q, "expired", Step::Accept).is_err());
    }

    #[test]
    fn invoices_are_cancelled_only_before_payment() {
        let i = Entity::Invoice;
        assert_eq!(next_status(i, "draft", Step::Issue), Ok("issued"));
        assert_eq!(next_status(i, "issued", Step::Cancel), Ok("cancelled"));
        assert!(next_status(i, "partly_paid", Step::Cancel).is_err());
        assert!(next_status(i, "paid", Step::Cancel).is_err());
        assert!(next_status(i, "issued", Step::Issue).is_err());
        assert!(next_status(i, "overdue", Step::Cancel).is_err());
    }

    #[test]
    fn numbered_invoices_stay() {
        let draft = data(json!({"status": "draft", "number": null}));
        assert_eq!(deletable(Entity::Invoice, &draft), Ok(()));
        let cancelled_draft = data(json!({"status": "cancelled"}));
        assert_eq!(deletable(Entity::Invoice, &cancelled_draft), Ok(()));
        for status in ["issued", "partly_paid", "paid", "cancelled"] {
            let issued = data(json!({"status": status, "number": "INV-2026-0001"}));
            assert!(deletable(Entity::Invoice, &issued).is_err(), "{status}");
        }
        let quote = data(json!({"status": "sent", "number": "Q-2026-0001"}));
        assert_eq!(deletable(Entity::Quote, &quote), Ok(()));
        assert!(ubl_ready("draft").is_err());
        assert!(ubl_ready("cancelled").is_err());
        assert_eq!(ubl_ready("overdue"), Ok(()));
    }

    #[test]
    fn dates_decide_expired_and_overdue() {
        let today = date!(2026 - 03 - 10);
        let quote = data(json!({"status": "sent", "valid_until": "2026-03-09"}));
        assert_eq!(shown_status(Entity::Quote, &quote, today), "expired");
        let quote = data(json!({"status": "sent", "valid_until": "2026-03-10"}));
        assert_eq!(shown_status(Entity::Quote, &quote, today), "sent");
        let invoice = data(json!({"status": "partly_paid", "due_date": "2026-01-01"}));
        assert_eq!(shown_status(Entity::Invoice, &invoice, today), "overdue");
        let paid = data(json!({"status": "paid", "due_date": "2026-01-01"}));
        assert_eq!(shown_status(Entity::Invoice, &paid, today), "paid");
        assert_eq!(after_payment(100, 40), "partly_paid");
        assert_eq!(after_payment(100, 100), "paid");
    }
}
