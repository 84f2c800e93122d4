//! The rules of a ticket's status and of what a message does to its ticket.
//!
//! A ticket is `new` until someone works on it and never returns there; `solved` keeps
//! when it was solved, and reopening forgets it; `closed` follows `solved` (managers and
//! administrators may close at once) and is final: a customer who writes again gets a
//! follow-up ticket instead.

use serde_json::{Map, Value};

/// Why a status change is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// A closed ticket keeps its status.
    ClosedIsFinal,
    /// Only a solved ticket may be closed, unless the caller may close directly.
    CloseNeedsSolved,
    /// A ticket that left `new` does not return to it.
    NewOnlyAtFirst,
}

fn status(data: &Map<String, Value>) -> &str {
    data.get("status").and_then(Value::as_str).unwrap_or("new")
}

/// Checks the status a change leaves and keeps the times that follow from it:
/// `solved_at` and `closed_at`. `before` is the stored ticket (none on create), `data`
/// its new state, `now` the current instant in stored form.
pub fn apply_status(
    before: Option<&Map<String, Value>>,
    data: &mut Map<String, Value>,
    now: &str,
    may_close_directly: bool,
) -> Result<(), Refusal> {
    let was = before.map(status);
    let to = status(data).to_string();
    if was == Some("closed") && to != "closed" {
        return Err(Refusal::ClosedIsFinal);
    }
    if was.is_some_and(|w| w != "new") && to == "new" {
        return Err(Refusal::NewOnlyAtFirst);
    }
    if to == "closed" && was != Some("closed") && was != Some("solved") && !may_close_directly {
        return Err(Refusal::CloseNeedsSolved);
    }
    let now = Value::String(now.to_string());
    match to.as_str() {
        "solved" if was != Some("solved") => {
            data.insert("solved_at".into(), now);
            data.insert("closed_at".into(), Value::Null);
        }
        "closed" if was != Some("closed") => {
            if data.get("solved_at").is_none_or(Value::is_null) {
                data.insert("solved_at".into(), now.clone());
            }
            data.insert("closed_at".into(), now);
        }
        "solved" | "closed" => {}
        _ => {
            data.insert("solved_at".into(), Value::Null);
            data.insert("closed_at".into(), Value::Null);
        }
    }
    Ok(())
}

/// Who wrote a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Author {
    User,
    Contact,
}

/// What a new message does to its ticket.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Effect {
    /// The message opens a follow-up ticket instead of joining this closed one.
    pub follow_up: bool,
    /// The message is the ticket's first response.
    pub first_response: bool,
    /// The status the ticket moves to, if it moves.
    pub status: Option<&'static str>,
}

/// What a message of `visibility` by `author` does to a ticket in `status` that was
/// first responded to already or not.
pub fn message_effect(status: &str, responded: bool, public: bool, author: Author) -> Effect {
    if public && status == "closed" {
        return Effect {
            follow_up: true,
            ..Effect::default()
        };
    }
    if !public {
        return Effect::default();
    }
    match author {
        Author::User => Effect {
            follow_up: false,
            first_response: !responded,
            status: (status == "new").then_some("open"),
        },
        // A customer's answer puts the ticket back in front of the agents.
        Author::Contact => Effect {
            follow_up: false,
            first_response: false,
            status: matches!(status, "pending" | "on_hold" | "solved").then_some("open"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ticket(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap_or_default()
    }

    const NOW: &str = "2026-05-01T10:00:00.000000Z";

    #[test]
    fn solving_keeps_when_and_reopening_forgets_it() {
        let before = ticket(json!({"status": "open", "solved_at": null}));
        let mut data = ticket(json!({"status": "solved", "solved_at": null}));
        assert_eq!(apply_status(Some(&before), &mut data, NOW, false), Ok(()));
        assert_eq!(data["solved_at"], NOW);

        let mut again = data.clone();
        assert_eq!(
            apply_status(
                Some(&data),
                &mut again,
                "2026-06-01T00:00:00.000000Z",
                false
            ),
            Ok(())
        );
        assert_eq!(
            again["solved_at"], NOW,
            "solving twice keeps the first time"
        );

        let mut reopened = data.clone();
        reopened.insert("status".into(), json!("open"));
        assert_eq!(apply_status(Some(&data), &mut reopened, NOW, false), Ok(()));
        assert!(reopened["solved_at"].is_null());
    }

    #[test]
    fn closing_follows_solving_unless_the_caller_may_close_directly() {
        let open = ticket(json!({"status": "open"}));
        let mut closed = ticket(json!({"status": "closed"}));
        assert_eq!(
            apply_status(Some(&open), &mut closed, NOW, false),
            Err(Refusal::CloseNeedsSolved)
        );
        assert_eq!(apply_status(Some(&open), &mut closed, NOW, true), Ok(()));
        assert_eq!(closed["closed_at"], NOW);
        assert_eq!(closed["solved_at"], NOW, "a closed ticket was solved too");

        let solved =
            ticket(json!({"status": "solved", "solved_at": "2026-04-01T00:00:00.000000Z"}));
        let mut closed = solved.clone();
        closed.insert("status".into(), json!("closed"));
        assert_eq!(apply_status(Some(&solved), &mut closed, NOW, false), Ok(()));
        assert_eq!(closed["solved_at"], "2026-04-01T00:00:00.000000Z");
        assert_eq!(closed["closed_at"], NOW);
    }

    #[test]
    fn closed_is_final_and_new_is_only_the_start() {
        let closed = ticket(json!({"status": "closed"}));
        for to in ["new", "open", "pending", "on_hold", "solved"] {
            let mut data = ticket(json!({"status": to}));
            assert_eq!(
                apply_status(Some(&closed), &mut data, NOW, true),
                Err(Refusal::ClosedIsFinal),
                "{to}"
            );
        }
        let mut same = closed.clone();
        assert_eq!(apply_status(Some(&closed), &mut same, NOW, false), Ok(()));

        let pending = ticket(json!({"status": "pending"}));
        let mut data = ticket(json!({"status": "new"}));
        assert_eq!(
            apply_status(Some(&pending), &mut data, NOW, true),
            Err(Refusal::NewOnlyAtFirst)
        );
        let mut fresh = ticket(json!({"status": "new"}));
        assert_eq!(apply_status(None, &mut fresh, NOW, false), Ok(()));
        let mut born_closed = ticket(json!({"status": "closed"}));
        assert_eq!(
            apply_status(None, &mut born_closed, NOW, false),
            Err(Refusal::CloseNeedsSolved)
        );
    }

    #[test]
    fn messages_move_tickets() {
        let reply = message_effect("new", false, true, Author::User);
        assert_eq!(
            reply,
            Effect {
                follow_up: false,
                first_response: true,
                status: Some("open"),
            }
        );
        let later = message_effect("pending", true, true, Author::User);
        assert_eq!(later, Effect::default());
        let note = message_effect("new", false, false, Author::User);
        assert_eq!(note, Effect::default(), "an internal note is no response");
        assert!(message_effect("closed", true, true, Author::User).follow_up);
        assert!(message_effect("closed", true, true, Author::Contact).follow_up);
        assert!(!message_effect("closed", true, false, Author::User).follow_up);
        assert_eq!(
            message_effect("solved", true, true, Author::Contact).status,
            Some("open")
        );
        assert!(!message_effect("new", false, true, Author::Contact).first_response);
    }
}
