//! Converting a lead: in one transaction it becomes a contact, its company and a deal, and
//! is marked converted with links to all three. Before creating a contact or a company it
//! looks for one that already exists (same email, same phone, same company domain, or the
//! same name once folded); when it finds one, the conversion stops and offers it to link
//! instead, unless the caller asks to create new records anyway.

use crate::records::{self, create_in, custom_defs, load_for_write, load_visible, write_change};
use crate::{App, AppError, Ctx};
use futures_util::FutureExt;
use rapport_core::Problem;
use rapport_core::ValidationErrors;
use rapport_core::clock;
use rapport_core::duplicates::{self, Reason};
use rapport_core::entity::Entity;
use rapport_core::history::Action as Change;
use rapport_core::policy::Action;
use rapport_core::record::Record;
use rapport_core::validate::{self, Mode};
use serde::Serialize;
use serde_json::{Map, Value, json};
use uuid::Uuid;

/// A record that looks like the one a conversion would create.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    pub id: Uuid,
    pub name: String,
    pub reasons: Vec<Reason>,
}

/// The contacts and companies a lead may already be.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Duplicates {
    pub contacts: Vec<Candidate>,
    pub companies: Vec<Candidate>,
}

impl Duplicates {
    pub fn is_empty(&self) -> bool {
        self.contacts.is_empty() && self.companies.is_empty()
    }
}

/// What a conversion made or linked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Converted {
    pub contact_id: Uuid,
    pub company_id: Option<Uuid>,
    pub deal_id: Option<Uuid>,
}

/// How many candidates of each kind a search keeps.
const MAX_CANDIDATES: usize = 10;

/// The contacts and companies the caller can see that look like this lead.
pub async fn duplicates(app: &App, ctx: &Ctx, lead_id: Uuid) -> Result<Duplicates, AppError> {
    ctx.actor.check(Entity::Lead, Action::Read)?;
    let lead = load_visible(app, ctx, Entity::Lead, lead_id).await?;
    find(app, ctx, &lead).await
}

async fn find(app: &App, ctx: &Ctx, lead: &Record) -> Result<Duplicates, AppError> {
    let mut out = Duplicates::default();
    if ctx.actor.check(Entity::Contact, Action::Read).is_ok() {
        out.contacts = similar_contacts(app, ctx, lead).await?;
    }
    if ctx.actor.check(Entity::Company, Action::Read).is_ok() {
        out.companies = similar_companies(app, ctx, lead).await?;
    }
    Ok(out)
}

/// Adds a reason to the candidate with this id, or the candidate itself.
fn note(list: &mut Vec<Candidate>, record: &Record, name: String, reason: Reason) {
    let Some(id) = record.id() else { return };
    if let Some(c) = list.iter_mut().find(|c| c.id == id) {
        if !c.reasons.contains(&reason) {
            c.reasons.push(reason);
        }
    } else if list.len() < MAX_CANDIDATES {
        list.push(Candidate {
            id,
            name,
            reasons: vec![reason],
        });
    }
}

/// Lists records of an entity by one exact field value, or by search words.
async fn by(
    app: &App,
    ctx: &Ctx,
    entity: Entity,
    pair: (&str, String),
) -> Result<Vec<Record>, AppError> {
    let pairs = [
        (pair.0.to_string(), pair.1),
        ("limit".to_string(), "50".to_string()),
    ];
    Ok(records::list(app, ctx, entity, &pairs).await?.items)
}

fn contact_name(c: &Record) -> String {
    [c.str("first_name"), c.str("last_name")]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ")
}

async fn similar_contacts(app: &App, ctx: &Ctx, lead: &Record) -> Result<Vec<Candidate>, AppError> {
    let mut out = Vec::new();
    if let Some(email) = lead.str("email") {
        for c in by(app, ctx, Entity::Contact, ("filter[email]", email.into())).await? {
            note(&mut out, &c, contact_name(&c), Reason::Email);
        }
    }
    if let Some(phone) = lead.str("phone") {
        for c in by(app, ctx, Entity::Contact, ("filter[phone]", phone.into())).await? {
            note(&mut out, &c, contact_name(&c), Reason::Phone);
        }
    }
    if let Some(key) = duplicates::person_key(lead.str("first_name"), lead.str("last_name")) {
        for c in by(app, ctx, Entity::Contact, ("q", key.clone())).await? {
            if duplicates::person_key(c.str("first_name"), c.str("last_name")).as_ref()
                == Some(&key)
            {
                note(&mut out, &c, contact_name(&c), Reason::Name);
            }
        }
    }
    Ok(out)
}

/// The domain a lead's company most likely has: its website's, else its work email's.
fn lead_domain(lead: &Record) -> Option<String> {
    lead.str("website")
        .and_then(duplicates::website_domain)
        .or_else(|| lead.str("email").and_then(duplicates::company_domain))
}

async fn similar_companies(
    app: &App,
    ctx: &Ctx,
    lead: &Record,
) -> Result<Vec<Candidate>, AppError> {
    let mut out = Vec::new();
    let name_of = |c: &Record| c.str("name").unwrap_or_default().to_string();
    if let Some(domain) = lead_domain(lead) {
        for c in by(app, ctx, Entity::Company, ("filter[domain]", domain)).await? {
            note(&mut out, &c, name_of(&c), Reason::Domain);
        }
    }
    if let Some(name) = lead.str("company_name") {
        let key = duplicates::company_key(name);
        if !key.is_empty() {
            for c in by(app, ctx, Entity::Company, ("q", key.clone())).await? {
                if duplicates::company_key(c.str("name").unwrap_or_default()) == key {
                    note(&mut out, &c, name_of(&c), Reason::Name);
                }
            }
        }
    }
    Ok(out)
}

/// What the caller asked of a conversion.
struct Request {
    contact_id: Option<Uuid>,
    company_id: Option<Uuid>,
    create_anyway: bool,
    /// `None`: no deal; otherwise the deal's fields, validated.
    deal: Option<Map<String, Value>>,
}

fn request(body: &Value, defs: &[validate::CustomDef]) -> Result<Request, AppError> {
    let empty = Map::new();
    let object = match body {
        Value::Null => &empty,
        Value::Object(o) => o,
        _ => return Err(AppError::invalid("", Problem::BodyNotObject)),
    };
    let mut errors = ValidationErrors::new();
    let mut out = Request {
        contact_id: None,
        company_id: None,
        create_anyway: false,
        deal: Some(Map::new()),
    };
    for (key, value) in object {
        match key.as_str() {
            "contact_id" | "company_id" if !value.is_null() => {
                match value.as_str().and_then(|s| Uuid::parse_str(s).ok()) {
                    Some(id) if key == "contact_id" => out.contact_id = Some(id),
                    Some(id) => out.company_id = Some(id),
                    None => errors.add(key.clone(), Problem::NotAnId),
                }
            }
            "contact_id" | "company_id" => {}
            "create_anyway" => match value.as_bool() {
                Some(b) => out.create_anyway = b,
                None => errors.add(key.clone(), Problem::NotABool),
            },
            "deal" => match value {
                Value::Null | Value::Bool(false) => out.deal = None,
                Value::Bool(true) => {}
                Value::Object(given) => {
                    // The title may be left out: the lead's company or name stands in.
                    let mut given = given.clone();
                    let untitled = !given.contains_key("title");
                    if untitled {
                        given.insert("title".into(), json!("-"));
                    }
                    match validate::input(Entity::Deal, &Value::Object(given), Mode::Create, defs) {
                        Ok(mut fields) => {
                            if untitled {
                                fields.remove("title");
                            }
                            out.deal = Some(fields);
                        }
                        Err(deal_errors) => {
                            for e in deal_errors.0 {
                                errors.add(format!("deal.{}", e.field), e.problem);
                            }
                        }
                    }
                }
                _ => errors.add(key.clone(), Problem::NotAnObject),
            },
            _ => errors.add(key.clone(), Problem::UnknownField),
        }
    }
    errors.into_result(out).map_err(AppError::from)
}

/// Converts a lead. `body` may name a `contact_id` and a `company_id` to link instead of
/// creating, set `create_anyway` to create despite look-alikes, and give a `deal` object
/// (its fields), or `false` for no deal.
pub async fn convert(
    app: &App,
    ctx: &Ctx,
    lead_id: Uuid,
    body: &Value,
) -> Result<Converted, AppError> {
    ctx.actor.check(Entity::Lead, Action::Update)?;
    let deal_defs = custom_defs(app, Entity::Deal).await?;
    let mut asked = request(body, &deal_defs)?;
    let lead = load_visible(app, ctx, Entity::Lead, lead_id).await?;
    if lead.str("status") == Some("converted") {
        return Err(AppError::Conflict("this lead is converted already".into()));
    }
    if asked.contact_id.is_none() {
        ctx.actor.check(Entity::Contact, Action::Create)?;
    }
    let wants_company = asked.company_id.is_none() && lead.str("company_name").is_some();
    if wants_company {
        ctx.actor.check(Entity::Company, Action::Create)?;
    }
    if asked.deal.is_some() {
        ctx.actor.check(Entity::Deal, Action::Create)?;
    }
    if !asked.create_anyway {
        let mut found = find(app, ctx, &lead).await?;
        if asked.contact_id.is_some() {
            found.contacts.clear();
        }
        if !wants_company {
            found.companies.clear();
        }
        if !found.is_empty() {
            return Err(AppError::Duplicates(Box::new(found)));
        }
    }
    if let Some(deal) = asked.deal.as_mut() {
        crate::sales::defaults(app, ctx, Entity::Deal, deal).await?;
    }
    let contact_defs = custom_defs(app, Entity::Contact).await?;
    let company_defs = custom_defs(app, Entity::Company).await?;
    let ctx = ctx.clone();
    app.db
        .write(move |tx| {
            async move {
                let lead = load_for_write(tx, &ctx, Entity::Lead, lead_id, None).await?;
                if lead.str("status") == Some("converted") || lead.is_deleted() {
                    return Err(AppError::Conflict(
                        "this lead is converted already or in the trash".into(),
                    ));
                }
                let owner = lead.get("owner_id").clone();
                let company_id = match asked.company_id {
                    Some(id) => Some(linked(tx, &ctx, Entity::Company, id, "company_id").await?),
                    None => match lead.str("company_name") {
                        Some(name) => {
                            let mut fields = Map::new();
                            fields.insert("name".into(), json!(name));
                            if let Some(domain) = lead_domain(&lead) {
                                fields.insert("domain".into(), json!(domain));
                            }
                            if let Some(site) = lead.str("website") {
                                fields.insert("website".into(), json!(site));
                            }
                            fields.insert("owner_id".into(), owner.clone());
                            fields.insert("tags".into(), lead.get("tags").clone());
                            let company =
                                create_in(tx, &ctx, Entity::Company, fields, &company_defs)
                                    .await
                                    .map_err(|e| prefixed(e, "company"))?;
                            company.id()
                        }
                        None => None,
                    },
                };
                let contact_id = match asked.contact_id {
                    Some(id) => linked(tx, &ctx, Entity::Contact, id, "contact_id").await?,
                    None => {
                        let mut fields = Map::new();
                        for key in ["first_name", "last_name", "email", "phone", "title", "tags"] {
                            fields.insert(key.into(), lead.get(key).clone());
                        }
                        // A contact needs a name; a lead may have only a company or an address.
                        if lead.get("first_name").is_null() && lead.get("last_name").is_null() {
                            let stand_in = lead
                                .str("email")
                                .or(lead.str("phone"))
                                .or(lead.str("company_name"))
                                .unwrap_or_default();
                            fields.insert("last_name".into(), json!(stand_in));
                        }
                        if let Some(id) = company_id {
                            fields.insert("company_id".into(), json!(id.to_string()));
                        }
                        fields.insert("owner_id".into(), owner.clone());
                        let stage = if asked.deal.is_some() {
                            "opportunity"
                        } else {
                            "sales_qualified"
                        };
                        fields.insert("lifecycle_stage".into(), json!(stage));
                        let contact = create_in(tx, &ctx, Entity::Contact, fields, &contact_defs)
                            .await
                            .map_err(|e| prefixed(e, "contact"))?;
                        contact.id().unwrap_or_default()
                    }
                };
                let deal_id = match asked.deal.take() {
                    Some(mut fields) => {
                        let person = [lead.str("first_name"), lead.str("last_name")]
                            .into_iter()
                            .flatten()
                            .collect::<Vec<_>>()
                            .join(" ");
                        let title = lead
                            .str("company_name")
                            .map(str::to_string)
                            .unwrap_or(person);
                        fields.entry("title").or_insert(json!(if title.is_empty() {
                            lead.str("email").unwrap_or("Deal").to_string()
                        } else {
                            title
                        }));
                        fields
                            .entry("contact_id")
                            .or_insert(json!(contact_id.to_string()));
                        fields
                            .entry("contact_ids")
                            .or_insert(json!([contact_id.to_string()]));
                        if let Some(id) = company_id {
                            fields.entry("company_id").or_insert(json!(id.to_string()));
                        }
                        fields.entry("owner_id").or_insert(owner.clone());
                        fields.insert("lead_id".into(), json!(lead_id.to_string()));
                        let deal = create_in(tx, &ctx, Entity::Deal, fields, &deal_defs)
                            .await
                            .map_err(|e| prefixed(e, "deal"))?;
                        deal.id()
                    }
                    None => None,
                };
                let mut note = Map::new();
                note.insert("kind".into(), json!("system"));
                note.insert("subject".into(), json!("Converted from a lead"));
                note.insert("body".into(), lead.get("message").clone());
                note.insert("contact_id".into(), json!(contact_id.to_string()));
                if let Some(id) = company_id {
                    note.insert("company_id".into(), json!(id.to_string()));
                }
                note.insert("owner_id".into(), owner);
                create_in(tx, &ctx, Entity::Interaction, note, &[]).await?;

                let mut data = lead.data.clone();
                data.insert("status".into(), json!("converted"));
                data.insert("converted_at".into(), json!(clock::format(clock::now())));
                data.insert("contact_id".into(), json!(contact_id.to_string()));
                data.insert(
                    "company_id".into(),
                    company_id.map_or(Value::Null, |id| json!(id.to_string())),
                );
                data.insert(
                    "deal_id".into(),
                    deal_id.map_or(Value::Null, |id| json!(id.to_string())),
                );
                write_change(tx, &ctx, Entity::Lead, &lead, data, Change::Update).await?;
                Ok(Converted {
                    contact_id,
                    company_id,
                    deal_id,
                })
            }
            .boxed()
        })
        .await
}

/// Checks that a record the caller asked to link exists and is theirs to see.
async fn linked(
    tx: &mut rapport_store::Tx,
    ctx: &Ctx,
    entity: Entity,
    id: Uuid,
    field: &str,
) -> Result<Uuid, AppError> {
    let visible = rapport_store::records::visible_exists(
        tx.into(),
        entity,
        id,
        &ctx.actor.visibility(entity),
    )
    .await?;
    if visible {
        Ok(id)
    } else {
        Err(AppError::invalid(field, Problem::NoSuchRecord { entity }))
    }
}

/// Names the record a field error belongs to: `contact.email` rather than `email`.
fn prefixed(error: AppError, record: &str) -> AppError {
    match error {
        AppError::Invalid(errors) => {
            let mut out = ValidationErrors::new();
            for e in errors.0 {
                out.add(format!("{record}.{}", e.field), e.problem);
            }
            AppError::Invalid(out)
        }
        other => other,
    }
}
