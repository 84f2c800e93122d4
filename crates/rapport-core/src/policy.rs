//! Authorization: who may do what to which records, and which records a caller sees.
//!
//! Services ask this module before every read and write, and pass the caller's
//! [`Visibility`] into every store query; handlers never look at roles.

use crate::entity::Entity;
use crate::problem::Problem;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Everything, including users, teams, custom fields and purging.
    Admin,
    /// Reads and writes every customer record.
    Manager,
    /// Reads and writes the records that they, their teams or nobody own.
    Agent,
    /// Reads the records that they, their teams or nobody own.
    Viewer,
}

impl Role {
    pub const fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Manager => "manager",
            Role::Agent => "agent",
            Role::Viewer => "viewer",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        [Role::Admin, Role::Manager, Role::Agent, Role::Viewer]
            .into_iter()
            .find(|r| r.as_str() == s)
    }

    /// Whether this role sees every owned record, whoever owns it; other roles see what
    /// they, their teams or nobody own.
    pub const fn sees_all(self) -> bool {
        matches!(self, Role::Admin | Role::Manager)
    }
}

/// What a caller wants to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Read,
    Create,
    Update,
    Delete,
    Restore,
    Purge,
}

impl Action {
    const fn writes(self) -> bool {
        !matches!(self, Action::Read)
    }
}

/// What an API token may be used for, on top of its user's role.
///
/// A scope is `read`, `write`, `<resource>:read` or `<resource>:write`; `write` implies
/// `read`. An empty list means the token may do whatever its user may.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scopes(pub Vec<String>);

impl Scopes {
    /// Checks and normalises scope strings given by a person.
    pub fn parse(items: &[String]) -> Result<Scopes, Problem> {
        let mut out = Vec::new();
        for item in items.iter().flat_map(|s| s.split(',')).map(str::trim) {
            if item.is_empty() {
                continue;
            }
            let (resource, level) = match item.split_once(':') {
                Some((r, l)) => (Some(r), l),
                None => (None, item),
            };
            if level != "read" && level != "write" {
                return Err(Problem::UnknownScope {
                    scope: item.to_string(),
                });
            }
            if let Some(r) = resource
                && Entity::from_resource(r).is_none()
            {
                return Err(Problem::UnknownScopeResource {
                    resource: r.to_string(),
                    scope: item.to_string(),
                });
            }
            out.push(item.to_string());
        }
        out.sort();
        out.dedup();
        Ok(Scopes(out))
    }

    pub fn allows(&self, entity: Entity, action: Action) -> bool {
        if self.0.is_empty() {
            return true;
        }
        let need_write = action.writes();
        self.0.iter().any(|s| {
            let (resource, level) = match s.split_once(':') {
                Some((r, l)) => (Some(r), l),
                None => (None, s.as_str()),
            };
            let level_ok = level == "write" || !need_write;
            let resource_ok = resource.is_none_or(|r| r == entity.resource());
            level_ok && resource_ok
        })
    }
}

/// Who is asking: a signed-in user or the holder of one of their tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: Uuid,
    pub role: Role,
    /// The caller and every user who shares a team with them.
    pub teammates: Vec<Uuid>,
    pub scopes: Scopes,
}

/// Which records of an owned entity a caller sees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Visibility {
    All,
    /// Records owned by one of these users, or by nobody.
    OwnedBy(Vec<Uuid>),
}

/// Why a request was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Denied {
    #[error("your role may not {0} {1}")]
    Role(&'static str, &'static str),
    #[error("this token's scopes do not allow {0} {1}")]
    Scope(&'static str, &'static str),
}

const fn verb(action: Action) -> &'static str {
    match action {
        Action::Read => "read",
        Action::Create => "create",
        Action::Update => "change",
        Action::Delete => "delete",
        Action::Restore => "restore",
        Action::Purge => "purge",
    }
}

impl Actor {
    /// Rapport itself, acting for an administrator at the command line.
    pub fn system() -> Actor {
        Actor {
            user_id: Uuid::nil(),
            role: Role::Admin,
            teammates: Vec::new(),
            scopes: Scopes::default(),
        }
    }

    /// The user to record as the author of a change (none for Rapport itself).
    pub fn author(&self) -> Option<Uuid> {
        (!self.user_id.is_nil()).then_some(self.user_id)
    }

    /// Which records of `entity` this actor sees.
    pub fn visibility(&self, entity: Entity) -> Visibility {
        if !entity.owned() {
            return Visibility::All;
        }
        if self.role.sees_all() {
            Visibility::All
        } else {
            Visibility::OwnedBy(self.teammates.clone())
        }
    }

    /// Whether the role and the token allow `action` on `entity` at all.
    pub fn check(&self, entity: Entity, action: Action) -> Result<(), Denied> {
        if !self.scopes.allows(entity, action) {
            return Err(Denied::Scope(verb(action), entity.table()));
        }
        if role_allows(self.role, entity, action) {
            Ok(())
        } else {
            Err(Denied::Role(verb(action), entity.table()))
        }
    }

    /// Whether this actor may change organisation-wide settings.
    pub fn may_manage_settings(&self) -> bool {
        self.role == Role::Admin && self.scopes.allows(Entity::User, Action::Update)
    }

    /// Whether this actor may set sales targets: managers and administrators whose token
    /// (if any) may change deals. Everyone who reads deals reads the targets.
    pub fn may_set_targets(&self) -> Result<(), Denied> {
        if !self.scopes.allows(Entity::Deal, Action::Update) {
            return Err(Denied::Scope("change", "sales targets"));
        }
        match self.role {
            Role::Admin | Role::Manager => Ok(()),
            _ => Err(Denied::Role("change", "sales targets")),
        }
    }

    /// Whether this actor may mark notifications read. Everyone reads only their own, so
    /// any role may; a token needs a scope that writes.
    pub fn may_mark_notifications(&self) -> bool {
        self.scopes.0.is_empty()
            || self
                .scopes
                .0
                .iter()
                .any(|s| s == "write" || s.ends_with(":write"))
    }

    /// Whether this actor may say whether an article helped: everyone who reads articles,
    /// since a vote changes only its counts; a token needs a scope that writes articles.
    pub fn may_give_feedback(&self) -> Result<(), Denied> {
        if !self.scopes.allows(Entity::KbArticle, Action::Update) {
            return Err(Denied::Scope("rate", "kb_articles"));
        }
        self.check(Entity::KbArticle, Action::Read)
    }

    /// Whether this actor may close a ticket that was not solved first.
    pub fn may_close_directly(&self) -> bool {
        self.role.sees_all()
    }

    /// Whether this actor may hand a record to `owner` (agents keep records in their teams).
    pub fn may_assign(&self, owner: Option<Uuid>) -> bool {
        match owner {
            _ if self.role.sees_all() => true,
            None => true,
            Some(o) => self.teammates.contains(&o),
        }
    }
}

fn role_allows(role: Role, entity: Entity, action: Action) -> bool {
    use Entity as E;
    match role {
        Role::Admin => true,
        Role::Viewer => action == Action::Read,
        Role::Manager | Role::Agent => match entity {
            E::Company
            | E::Contact
            | E::Interaction
            | E::Attachment
            | E::Lead
            | E::Deal
            | E::Task
            | E::Ticket => action != Action::Purge,
            // A ticket's messages are written once and kept as they were said.
            E::TicketMessage => matches!(action, Action::Read | Action::Create),
            // The catalogue, the pipelines and the queues are kept by managers; agents
            // use them.
            E::Pipeline | E::Product | E::PriceList | E::Queue => match action {
                Action::Read => true,
                Action::Purge => false,
                _ => role == Role::Manager,
            },
            // Agents may create tags by using them; renaming and removing is for managers.
            E::Tag => match action {
                Action::Read | Action::Create => true,
                Action::Purge => false,
                _ => role == Role::Manager,
            },
            E::CustomField | E::User | E::Team => action == Action::Read,
            // Sales documents are worked on like deals.
            E::Quote | E::Order | E::Invoice => action != Action::Purge,
            // Payments are recorded by paying an invoice, never written directly.
            E::Payment => action == Action::Read,
            // The knowledge base is written by everyone who answers customers.
            E::KbCategory | E::KbArticle => action != Action::Purge,
        },
    }
}

/// The fields of their own user record that everyone may change.
pub const OWN_PROFILE_FIELDS: [&str; 3] = ["name", "locale", "time_zone"];

/// Whether a meeting's participants name this user. Everyone sees the meetings they take
/// part in, whatever their role lets them see and whoever owns the meeting: being asked
/// to a meeting is being shown it.
pub fn takes_part(participants: &serde_json::Value, user: Uuid) -> bool {
    let user = user.to_string();
    participants.as_array().is_some_and(|list| {
        list.iter()
            .any(|p| p.get("user_id").and_then(serde_json::Value::as_str) == Some(&user))
    })
}

/// Whether a record with this owner is visible under `visibility`.
pub fn sees(visibility: &Visibility, owner: Option<Uuid>) -> bool {
    match (visibility, owner) {
        (Visibility::All, _) | (_, None) => true,
        (Visibility::OwnedBy(users), Some(o)) => users.contains(&o),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_user_takes_part_when_a_participant_names_them() {
        let me = Uuid::now_v7();
        let list = serde_json::json!([{"contact_id": me.to_string()}, {"name": "Kari"}]);
        assert!(
            !takes_part(&list, me),
            "a contact with the same id is not the user"
        );
        let list = serde_json::json!([{"name": "Kari"}, {"user_id": me.to_string()}]);
        assert!(takes_part(&list, me));
        assert!(!takes_part(&list, Uuid::now_v7()));
        assert!(!takes_part(&serde_json::Value::Null, me));
    }

    fn actor(role: Role, scopes: &[&str]) -> Actor {
        Actor {
            user_id: Uuid::nil(),
            role,
            teammates: vec![Uuid::nil()],
            scopes: Scopes::parse(&scopes.iter().map(|s| s.to_string()).collect::<Vec<_>>())
                .unwrap(),
        }
    }

    #[test]
    fn only_managers_and_admins_set_targets() {
        assert!(actor(Role::Admin, &[]).may_set_targets().is_ok());
        assert!(actor(Role::Manager, &[]).may_set_targets().is_ok());
        assert!(actor(Role::Agent, &[]).may_set_targets().is_err());
        assert!(actor(Role::Viewer, &[]).may_set_targets().is_err());
        assert!(actor(Role::Manager, &["read"]).may_set_targets().is_err());
    }

    #[test]
    fn roles_grant_what_they_say() {
        let viewer = actor(Role::Viewer, &[]);
        assert!(viewer.check(Entity::Contact, Action::Read).is_ok());
        assert!(viewer.check(Entity::Contact, Action::Create).is_err());
        let agent = actor(Role::Agent, &[]);
        assert!(agent.check(Entity::Contact, Action::Delete).is_ok());
        assert!(agent.check(Entity::Contact, Action::Purge).is_err());
        assert!(agent.check(Entity::User, Action::Create).is_err());
        assert!(agent.check(Entity::Tag, Action::Create).is_ok());
        assert!(agent.check(Entity::Tag, Action::Delete).is_err());
        let manager = actor(Role::Manager, &[]);
        assert!(manager.check(Entity::Tag, Action::Delete).is_ok());
        assert!(manager.check(Entity::CustomField, Action::Create).is_err());
        assert!(manager.check(Entity::Queue, Action::Create).is_ok());
        assert!(agent.check(Entity::Queue, Action::Create).is_err());
        assert!(agent.check(Entity::Ticket, Action::Delete).is_ok());
        assert!(agent.check(Entity::TicketMessage, Action::Create).is_ok());
        assert!(
            manager
                .check(Entity::TicketMessage, Action::Update)
                .is_err()
        );
        assert!(manager.may_close_directly() && !agent.may_close_directly());
        assert!(
            actor(Role::Admin, &[])
                .check(Entity::Contact, Action::Purge)
                .is_ok()
        );
    }

    #[test]
    fn staff_who_answer_customers_write_the_knowledge_base_and_viewers_read_it() {
        for role in [Role::Admin, Role::Manager, Role::Agent] {
            let a = actor(role, &[]);
            for e in [Entity::KbCategory, Entity::KbArticle] {
                assert!(a.check(e, Action::Create).is_ok(), "{role:?} {e:?}");
                assert!(a.check(e, Action::Update).is_ok(), "{role:?} {e:?}");
                assert!(a.check(e, Action::Delete).is_ok(), "{role:?} {e:?}");
            }
            assert!(a.may_give_feedback().is_ok());
        }
        let viewer = actor(Role::Viewer, &[]);
        assert!(viewer.check(Entity::KbArticle, Action::Read).is_ok());
        assert!(viewer.check(Entity::KbArticle, Action::Update).is_err());
        assert!(viewer.check(Entity::KbCategory, Action::Create).is_err());
        assert!(viewer.may_give_feedback().is_ok());
        assert!(
            actor(Role::Agent, &[])
                .check(Entity::KbArticle, Action::Purge)
                .is_err()
        );
        assert!(actor(Role::Agent, &["read"]).may_give_feedback().is_err());
        assert!(
            actor(Role::Agent, &["kb/articles:write"])
                .may_give_feedback()
                .is_ok()
        );
        assert!(Scopes::parse(&["kb/categories:read".into()]).is_ok());
    }

    #[test]
    fn scopes_narrow_a_token() {
        let t = actor(Role::Admin, &["contacts:write", "read"]);
        assert!(t.check(Entity::Contact, Action::Update).is_ok());
        assert!(t.check(Entity::Company, Action::Read).is_ok());
        assert!(t.check(Entity::Company, Action::Update).is_err());
        assert!(Scopes::parse(&["contacts:admin".into()]).is_err());
        assert!(Scopes::parse(&["ships:read".into()]).is_err());
        assert!(t.may_mark_notifications());
        assert!(!actor(Role::Admin, &["read"]).may_mark_notifications());
        assert!(actor(Role::Viewer, &[]).may_mark_notifications());
    }

    #[test]
    fn agents_see_their_teams_and_unowned_records() {
        let mate = Uuid::from_u128(1);
        let stranger = Uuid::from_u128(2);
        let mut a = actor(Role::Agent, &[]);
        a.teammates.push(mate);
        let v = a.visibility(Entity::Contact);
        assert!(sees(&v, Some(mate)));
        assert!(sees(&v, None));
        assert!(!sees(&v, Some(stranger)));
        assert_eq!(a.visibility(Entity::Tag), Visibility::All);
        assert!(!a.may_assign(Some(stranger)));
    }
}
