//! The record services: create, read, change, delete, restore and purge any entity, list
//! and search, timelines, history and `as_of` reads.

use crate::{App, AppError, Ctx};
use futures_util::FutureExt;
use rapport_core::Problem;
use rapport_core::ValidationErrors;
use rapport_core::clock;
use rapport_core::entity::{self, Entity, Rule};
use rapport_core::history::{self, Action as Change, Event};
use rapport_core::policy::{Action, Visibility, sees};
use rapport_core::query::ListQuery;
use rapport_core::record::{Record, if_match_accepts};
use rapport_core::validate::{self, CustomDef, Mode};
use rapport_store::records::{self as store, Page};
use rapport_store::{StoreError, Tx, events, search};
use serde_json::{Map, Value};
use uuid::Uuid;

/// Lists records of one entity that the caller may see.
pub async fn list(
    app: &App,
    ctx: &Ctx,
    entity: Entity,
    pairs: &[(String, String)],
) -> Result<Page, AppError> {
    ctx.actor.check(entity, Action::Read)?;
    let pairs = crate::documents::computed_filters(entity, pairs)?;
    let query = ListQuery::parse(entity, &pairs)?;
    let mut page = store::list(&app.db, &query, &ctx.actor.visibility(entity)).await?;
    page.items.iter_mut().for_each(crate::documents::on_read);
    Ok(page)
}

/// Some fields of the records of `entity` with these ids that the caller may see (the
/// others are left out): what a page needs to name what it links to.
pub async fn fields_by_id(
    app: &App,
    ctx: &Ctx,
    entity: Entity,
    ids: &[Uuid],
    fields: &[&str],
) -> Result<Vec<Record>, AppError> {
    ctx.actor.check(entity, Action::Read)?;
    let visibility = ctx.actor.visibility(entity);
    Ok(store::fields_by_id(&app.db, entity, ids, fields, &visibility).await?)
}

/// Searches contacts, companies and interactions at once: up to `limit` matches of each,
/// newest first, among the records the caller may see. An entity the caller may not read
/// is left out rather than refused, so the answer holds what they are allowed to find.
pub async fn search_everywhere(
    app: &App,
    ctx: &Ctx,
    q: &str,
    limit: u32,
) -> Result<Vec<(Entity, Vec<Record>)>, AppError> {
    let pairs = [
        ("q".to_string(), q.to_string()),
        ("limit".to_string(), limit.to_string()),
    ];
    let entities = [Entity::Contact, Entity::Company, Entity::Interaction]
        .into_iter()
        .filter(|e| ctx.actor.check(*e, Action::Read).is_ok());
    let pages = futures_util::future::join_all(entities.map(|entity| {
        let pairs = &pairs;
        async move { (entity, list(app, ctx, entity, pairs).await) }
    }))
    .await;
    pages
        .into_iter()
        .map(|(entity, page)| page.map(|p| (entity, p.items)))
        .collect()
}

/// Reads one record, or (with `as_of`) the record as it stood at that instant.
pub async fn get(
    app: &App,
    ctx: &Ctx,
    entity: Entity,
    id: Uuid,
    as_of: Option<&str>,
) -> Result<Record, AppError> {
    ctx.actor.check(entity, Action::Read)?;
    let mut current = load_visible(app, ctx, entity, id).await?;
    let Some(at) = as_of else {
        crate::documents::on_read(&mut current);
        return Ok(current);
    };
    let at = clock::canonical(at).ok_or_else(|| AppError::invalid("as_of", Problem::NotATime))?;
    let past = events::for_record(&app.db, id, Some(&at)).await?;
    history::replay(entity, &past).ok_or(AppError::NotFound(entity.singular()))
}

/// A record's history, oldest first.
pub async fn history(
    app: &App,
    ctx: &Ctx,
    entity: Entity,
    id: Uuid,
) -> Result<Vec<Event>, AppError> {
    ctx.actor.check(entity, Action::Read)?;
    load_visible(app, ctx, entity, id).await?;
    Ok(events::for_record(&app.db, id, None).await?)
}

/// The interactions of a contact or company, newest first unless the query sorts otherwise.
pub async fn timeline(
    app: &App,
    ctx: &Ctx,
    parent: Entity,
    id: Uuid,
    pairs: &[(String, String)],
) -> Result<Page, AppError> {
    ctx.actor.check(parent, Action::Read)?;
    ctx.actor.check(Entity::Interaction, Action::Read)?;
    let link = match parent {
        Entity::Contact => "contact_id",
        Entity::Company => "company_id",
        _ => return Err(AppError::NotFound(parent.singular())),
    };
    load_visible(app, ctx, parent, id).await?;
    let query = ListQuery::parse(Entity::Interaction, pairs)?;
    // Whoever sees a contact or company sees all of its own interactions. A contact's
    // timeline also holds the meetings of others it takes part in, each only for those
    // who see that meeting. A company's timeline is its own interactions alone, as it
    // holds none of its contacts' either.
    if parent == Entity::Contact {
        let visibility = ctx.actor.visibility(Entity::Interaction);
        let reader = rapport_store::timeline::Reader {
            visibility: &visibility,
            user: ctx.actor.author(),
        };
        return Ok(rapport_store::timeline::of_contact(&app.db, &query, id, &reader).await?);
    }
    Ok(store::list_where(&app.db, &query, &Visibility::All, Some((link, id))).await?)
}

/// Creates a record from a client's JSON body.
pub async fn create(
    app: &App,
    ctx: &Ctx,
    entity: Entity,
    body: &Value,
) -> Result<Record, AppError> {
    ctx.actor.check(entity, Action::Create)?;
    if entity == Entity::Attachment {
        return Err(AppError::invalid("", Problem::AttachmentsUploaded));
    }
    if entity == Entity::Payment {
        return Err(AppError::Conflict(
            "a payment is recorded by paying its invoice".into(),
        ));
    }
    let defs = custom_defs(app, entity).await?;
    let mut fields = validate::input(entity, body, Mode::Create, &defs)?;
    crate::sales::defaults(app, ctx, entity, &mut fields).await?;
    crate::tickets::defaults(app, entity, &mut fields).await?;
    // The record-wide rules are checked before queueing the write, so bad input never
    // waits for the writer.
    let mut data = fields.clone();
    apply_defaults(ctx, entity, &mut data);
    validate::record(entity, &full_state(entity, None, &data), &defs).into_result(())?;
    let ctx = ctx.clone();
    app.db
        .write(move |tx| async move { create_in(tx, &ctx, entity, fields, &defs).await }.boxed())
        .await
        .map(crate::documents::shown)
}

/// Creates a record from validated fields in a transaction the caller holds, with every
/// check `create` makes; a lead's conversion writes several records this way at once.
pub(crate) async fn create_in(
    tx: &mut Tx,
    ctx: &Ctx,
    entity: Entity,
    mut fields: Map<String, Value>,
    defs: &[CustomDef],
) -> Result<Record, AppError> {
    apply_defaults(ctx, entity, &mut fields);
    let mut data = full_state(entity, None, &fields);
    validate::record(entity, &data, defs).into_result(())?;
    crate::sales::prepare(tx, entity, None, &fields, &mut data).await?;
    crate::kb::prepare(tx, entity, None, &mut data).await?;
    if entity == Entity::Task {
        crate::tasks::prepare(tx, ctx, None, &mut data).await?;
    }
    if entity == Entity::Ticket {
        crate::tickets::prepare(tx, ctx, None, &mut data).await?;
    }
    check_links(tx, ctx, entity, None, &data).await?;
    ensure_tags(tx, ctx, None, &data).await?;
    write(tx, ctx, entity, None, data, Change::Create).await
}

/// Changes the fields a client's JSON body names.
pub async fn update(
    app: &App,
    ctx: &Ctx,
    entity: Entity,
    id: Uuid,
    body: &Value,
    if_match: Option<&str>,
) -> Result<Record, AppError> {
    ctx.actor.check(entity, Action::Update)?;
    let defs = custom_defs(app, entity).await?;
    let mut fields = validate::input(entity, body, Mode::Update, &defs)?;
    let (ctx, if_match) = (ctx.clone(), if_match.map(str::to_string));
    app.db
        .write(move |tx| {
            async move {
                let before = load_for_write(tx, &ctx, entity, id, if_match.as_deref()).await?;
                if before.is_deleted() {
                    return Err(AppError::Conflict(format!(
                        "this {} is deleted; restore it first",
                        entity.singular()
                    )));
                }
                if let Some(patch) = fields.get("custom") {
                    let merged = validate::merge_custom(before.get("custom"), patch);
                    fields.insert("custom".into(), merged);
                }
                let mut data = full_state(entity, Some(&before), &fields);
                validate::record(entity, &data, &defs).into_result(())?;
                crate::sales::prepare(tx, entity, Some(&before), &fields, &mut data).await?;
                crate::kb::prepare(tx, entity, Some(&before), &mut data).await?;
                if entity == Entity::Task {
                    crate::tasks::prepare(tx, &ctx, Some(&before), &mut data).await?;
                }
                if entity == Entity::Ticket {
                    crate::tickets::prepare(tx, &ctx, Some(&before), &mut data).await?;
                }
                check_links(tx, &ctx, entity, Some(&before), &data).await?;
                ensure_tags(tx, &ctx, Some(&before), &data).await?;
                write(tx, &ctx, entity, Some(&before), data, Change::Update).await
            }
            .boxed()
        })
        .await
        .map(crate::documents::shown)
}

/// Changes the caller's own name, language or time zone, which every role may do.
pub async fn update_own_profile(app: &App, ctx: &Ctx, body: &Value) -> Result<Record, AppError> {
    use rapport_core::policy::OWN_PROFILE_FIELDS;
    let Some(object) = body.as_object() else {
        return Err(AppError::invalid("", Problem::BodyNotObject));
    };
    let mut errors = ValidationErrors::new();
    for key in object
        .keys()
        .filter(|k| !OWN_PROFILE_FIELDS.contains(&k.as_str()))
    {
        errors.add(key.clone(), Problem::NotChangeableHere);
    }
    errors.into_result(())?;
    let fields = validate::input(Entity::User, body, Mode::Update, &[])?;
    let id = ctx.actor.author().ok_or(AppError::NotFound("user"))?;
    let mut tx = app.db.begin().await?;
    let before = load_for_write(&mut tx, ctx, Entity::User, id, None).await?;
    let data = full_state(Entity::User, Some(&before), &fields);
    let record = write(
        &mut tx,
        ctx,
        Entity::User,
        Some(&before),
        data,
        Change::Update,
    )
    .await?;
    tx.commit().await?;
    Ok(record)
}

/// Moves a record to the trash.
pub async fn delete(
    app: &App,
    ctx: &Ctx,
    entity: Entity,
    id: Uuid,
    if_match: Option<&str>,
) -> Result<Record, AppError> {
    ctx.actor.check(entity, Action::Delete)?;
    change_state(app, ctx, entity, id, if_match, Change::Delete).await
}

/// Takes a record out of the trash.
pub async fn restore(
    app: &App,
    ctx: &Ctx,
    entity: Entity,
    id: Uuid,
    if_match: Option<&str>,
) -> Result<Record, AppError> {
    ctx.actor.check(entity, Action::Restore)?;
    change_state(app, ctx, entity, id, if_match, Change::Restore).await
}

/// Deletes or restores a record, refusing when it already is in that state.
async fn change_state(
    app: &App,
    ctx: &Ctx,
    entity: Entity,
    id: Uuid,
    if_match: Option<&str>,
    action: Change,
) -> Result<Record, AppError> {
    let (ctx, if_match) = (ctx.clone(), if_match.map(str::to_string));
    app.db
        .write(move |tx| {
            async move {
                let before = load_for_write(tx, &ctx, entity, id, if_match.as_deref()).await?;
                let already = match action {
                    Change::Delete => before.is_deleted().then_some("already deleted"),
                    _ => (!before.is_deleted()).then_some("not deleted"),
                };
                if let Some(state) = already {
                    return Err(AppError::Conflict(format!(
                        "this {} is {state}",
                        entity.singular()
                    )));
                }
                if action == Change::Delete {
                    crate::documents::refuse_delete(&before)?;
                } else {
                    crate::documents::refuse_restore(tx, &before).await?;
                }
                let data = before.data.clone();
                write(tx, &ctx, entity, Some(&before), data, action).await
            }
            .boxed()
        })
        .await
}

/// Removes a record for good. Its history keeps the purge.
pub async fn purge(app: &App, ctx: &Ctx, entity: Entity, id: Uuid) -> Result<(), AppError> {
    ctx.actor.check(entity, Action::Purge)?;
    let mut tx = app.db.begin().await?;
    let record = load_for_write(&mut tx, ctx, entity, id, None).await?;
    crate::documents::refuse_delete(&record)?;
    let event = Event {
        id: Uuid::now_v7(),
        entity,
        record_id: id,
        action: Change::Purge,
        actor_id: ctx.actor.author(),
        origin: ctx.origin,
        occurred_at: clock::format(clock::now()),
        changes: Default::default(),
    };
    // A ticket's messages are part of it and go with it, each with its purge event.
    if entity == Entity::Ticket {
        for message in store::ids_where(&mut tx, Entity::TicketMessage, "ticket_id", id).await? {
            store::purge(&mut tx, Entity::TicketMessage, message).await?;
            let gone = Event {
                id: Uuid::now_v7(),
                entity: Entity::TicketMessage,
                record_id: message,
                ..event.clone()
            };
            events::insert(&mut tx, &gone).await?;
        }
    }
    match store::purge(&mut tx, entity, id).await {
        Ok(_) => {}
        Err(StoreError::ForeignKey) => {
            return Err(AppError::Conflict(format!(
                "other records still refer to this {}; delete or relink them first",
                entity.singular()
            )));
        }
        Err(e) => return Err(e.into()),
    }
    events::insert(&mut tx, &event).await?;
    tx.commit().await.map_err(purge_conflict(entity))?;
    Ok(())
}

fn purge_conflict(entity: Entity) -> impl Fn(StoreError) -> AppError {
    move |e| match e {
        StoreError::ForeignKey => AppError::Conflict(format!(
            "other records still refer to this {}; delete or relink them first",
            entity.singular()
        )),
        other => other.into(),
    }
}

/// The custom field definitions for an entity.
pub async fn custom_defs(app: &App, entity: Entity) -> Result<Vec<CustomDef>, AppError> {
    if !entity.has_custom_fields() {
        return Ok(Vec::new());
    }
    let pairs = [
        ("filter[entity]".to_string(), entity.table().to_string()),
        ("limit".to_string(), "500".to_string()),
    ];
    let query = ListQuery::parse(Entity::CustomField, &pairs)?;
    let page = store::list(&app.db, &query, &Visibility::All).await?;
    Ok(page
        .items
        .iter()
        .filter_map(|r| serde_json::from_value(Value::Object(r.data.clone())).ok())
        .collect())
}

/// Loads a record the caller may see, deleted or not.
pub(crate) async fn load_visible(
    app: &App,
    ctx: &Ctx,
    entity: Entity,
    id: Uuid,
) -> Result<Record, AppError> {
    let record = store::get(&app.db, entity, id)
        .await?
        .ok_or(AppError::NotFound(entity.singular()))?;
    if visible(app, ctx, &record).await? {
        Ok(record)
    } else {
        Err(AppError::NotFound(entity.singular()))
    }
}

pub(crate) async fn load_for_write(
    tx: &mut Tx,
    ctx: &Ctx,
    entity: Entity,
    id: Uuid,
    if_match: Option<&str>,
) -> Result<Record, AppError> {
    let record = store::get_for_update(tx, entity, id)
        .await?
        .ok_or(AppError::NotFound(entity.singular()))?;
    if !visible_in(tx, ctx, &record).await? {
        return Err(AppError::NotFound(entity.singular()));
    }
    if let Some(header) = if_match
        && !if_match_accepts(header, record.version())
    {
        return Err(AppError::Stale {
            current_etag: record.etag(),
        });
    }
    Ok(record)
}

/// Whether the caller may see this record (owner, team, or through its contact/company).
pub async fn visible(app: &App, ctx: &Ctx, record: &Record) -> Result<bool, AppError> {
    if record.entity == Entity::Attachment {
        return attachment_parent_visible(app, ctx, record).await;
    }
    let vis = ctx.actor.visibility(record.entity);
    if sees(&vis, record.uuid(record.entity.owner_field())) {
        return Ok(true);
    }
    if record.entity != Entity::Interaction {
        return Ok(false);
    }
    for (parent, link) in [
        (Entity::Contact, "contact_id"),
        (Entity::Company, "company_id"),
    ] {
        if let Some(pid) = record.uuid(link)
            && store::visible_exists((&app.db).into(), parent, pid, &ctx.actor.visibility(parent))
                .await?
        {
            return Ok(true);
        }
    }
    Ok(false)
}

async fn visible_in(tx: &mut Tx, ctx: &Ctx, record: &Record) -> Result<bool, AppError> {
    if record.entity == Entity::Attachment {
        let parent = record.str("record_type").and_then(Entity::from_table);
        let (Some(parent), Some(pid)) = (parent, record.uuid("record_id")) else {
            return Ok(false);
        };
        let Some(parent_record) = store::get_for_update(tx, parent, pid).await? else {
            return Ok(false);
        };
        return Box::pin(visible_in(tx, ctx, &parent_record)).await;
    }
    let vis = ctx.actor.visibility(record.entity);
    if sees(&vis, record.uuid(record.entity.owner_field())) {
        return Ok(true);
    }
    if record.entity != Entity::Interaction {
        return Ok(false);
    }
    for (parent, link) in [
        (Entity::Contact, "contact_id"),
        (Entity::Company, "company_id"),
    ] {
        if let Some(pid) = record.uuid(link)
            && store::visible_exists(tx.into(), parent, pid, &ctx.actor.visibility(parent)).await?
        {
            return Ok(true);
        }
    }
    Ok(false)
}

/// An attachment is visible to whoever sees the record it belongs to.
async fn attachment_parent_visible(
    app: &App,
    ctx: &Ctx,
    record: &Record,
) -> Result<bool, AppError> {
    let parent = record.str("record_type").and_then(Entity::from_table);
    let (Some(parent), Some(pid)) = (parent, record.uuid("record_id")) else {
        return Ok(false);
    };
    match store::get(&app.db, parent, pid).await? {
        Some(parent_record) => Box::pin(visible(app, ctx, &parent_record)).await,
        None => Ok(false),
    }
}

/// Stores a new record whose fields were set by Rapport itself, with its create event.
pub(crate) async fn write_new(
    tx: &mut Tx,
    ctx: &Ctx,
    entity: Entity,
    fields: Map<String, Value>,
) -> Result<Record, AppError> {
    let data = full_state(entity, None, &fields);
    write(tx, ctx, entity, None, data, Change::Create).await
}

/// Writes a new state of an existing record (used by merges, which change several).
pub(crate) async fn write_change(
    tx: &mut Tx,
    ctx: &Ctx,
    entity: Entity,
    before: &Record,
    data: Map<String, Value>,
    action: Change,
) -> Result<Record, AppError> {
    write(tx, ctx, entity, Some(before), data, action).await
}

/// The currency of a product that names none.
const DEFAULT_CURRENCY: &str = "EUR";

/// Fills what a client may leave out on create.
fn apply_defaults(ctx: &Ctx, entity: Entity, fields: &mut Map<String, Value>) {
    let mut default = |k: &str, v: Value| {
        fields.entry(k.to_string()).or_insert(v);
    };
    if (matches!(
        entity,
        Entity::Company
            | Entity::Contact
            | Entity::Interaction
            | Entity::Lead
            | Entity::Deal
            | Entity::Task
    ) || entity.is_document())
        && let Some(me) = ctx.actor.author()
    {
        default("owner_id", Value::String(me.to_string()));
    }
    match entity {
        Entity::Company | Entity::Contact => {
            default("tags", Value::Array(vec![]));
            default("custom", Value::Object(Map::new()));
            if entity == Entity::Contact {
                default("emails", Value::Array(vec![]));
                default("phones", Value::Array(vec![]));
            }
        }
        Entity::Interaction => {
            default("occurred_at", Value::String(clock::format(clock::now())));
            default("direction", Value::String("internal".into()));
            let source = match ctx.origin {
                rapport_core::history::Origin::Ui => "ui",
                rapport_core::history::Origin::Import => "import",
                rapport_core::history::Origin::Automation => "automation",
                _ => "api",
            };
            default("source", Value::String(source.into()));
            default("participants", Value::Array(vec![]));
            default("custom", Value::Object(Map::new()));
        }
        Entity::CustomField => {
            default("options", Value::Array(vec![]));
            default("required", Value::Bool(false));
        }
        Entity::User => default("active", Value::Bool(true)),
        Entity::Lead => {
            default("status", Value::String("new".into()));
            default("tags", Value::Array(vec![]));
            default("custom", Value::Object(Map::new()));
        }
        Entity::Deal => {
            default("status", Value::String("open".into()));
            default("contact_ids", Value::Array(vec![]));
            default("tags", Value::Array(vec![]));
            default("custom", Value::Object(Map::new()));
        }
        Entity::Pipeline => default("position", Value::from(0)),
        Entity::Product => {
            default("unit_price", Value::from(0));
            default("currency", Value::String(DEFAULT_CURRENCY.into()));
            default("tax_rate", Value::String("0".into()));
            default("unit", Value::String("C62".into()));
            default("active", Value::Bool(true));
        }
        Entity::PriceList => {
            default("prices", Value::Array(vec![]));
            default("active", Value::Bool(true));
        }
        Entity::Team => default("members", Value::Array(vec![])),
        Entity::Task => {
            default("status", Value::String("open".into()));
            default("priority", Value::String("normal".into()));
            default("all_day", Value::Bool(false));
            default("tags", Value::Array(vec![]));
        }
        Entity::Quote | Entity::Order | Entity::Invoice => {
            default("lines", Value::Array(vec![]));
        }
        Entity::KbCategory => default("position", Value::from(0)),
        Entity::KbArticle => {
            default("language", Value::String("en".into()));
            default("status", Value::String("draft".into()));
            default("audience", Value::String("internal".into()));
            default("helpful_yes", Value::from(0));
            default("helpful_no", Value::from(0));
            default("tags", Value::Array(vec![]));
        }
        Entity::Queue => {
            default("assignment", Value::String("manual".into()));
            default("active", Value::Bool(true));
        }
        Entity::Ticket => {
            default("status", Value::String("new".into()));
            default("priority", Value::String("normal".into()));
            let channel = match ctx.origin {
                rapport_core::history::Origin::Api => "api",
                _ => "web",
            };
            default("channel", Value::String(channel.into()));
            default("merged_from", Value::Array(vec![]));
            default("tags", Value::Array(vec![]));
            default("custom", Value::Object(Map::new()));
        }
        _ => {}
    }
}

/// The record's own fields after applying `fields` to `before` (or to nothing).
fn full_state(
    entity: Entity,
    before: Option<&Record>,
    fields: &Map<String, Value>,
) -> Map<String, Value> {
    let mut data = match before {
        Some(r) => r.data.clone(),
        None => entity
            .fields()
            .map(|f| (f.name.to_string(), Value::Null))
            .collect(),
    };
    for (k, v) in fields {
        data.insert(k.clone(), v.clone());
    }
    data
}

/// Checks that every linked record exists and is visible, and that owners may be assigned.
async fn check_links(
    tx: &mut Tx,
    ctx: &Ctx,
    entity: Entity,
    before: Option<&Record>,
    data: &Map<String, Value>,
) -> Result<(), AppError> {
    let mut errors = ValidationErrors::new();
    for field in entity.own_fields() {
        let new = data.get(field.name).unwrap_or(&Value::Null);
        let old = before.map_or(&Value::Null, |r| r.get(field.name));
        if new == old || new.is_null() {
            continue;
        }
        match field.rule {
            Rule::Ref(target) => {
                let Some(id) = new.as_str().and_then(|s| Uuid::parse_str(s).ok()) else {
                    continue;
                };
                // The caller exists and is active (they were just authenticated).
                if field.name == entity.owner_field() && Some(id) == ctx.actor.author() {
                    continue;
                }
                let vis = ctx.actor.visibility(target);
                if !store::visible_exists(tx.into(), target, id, &vis).await? {
                    errors.add(field.name, Problem::NoSuchRecord { entity: target });
                } else if field.name == entity.owner_field() && !ctx.actor.may_assign(Some(id)) {
                    errors.add(field.name, Problem::AssignOwnTeams);
                }
            }
            Rule::Refs(target) => {
                let vis = ctx.actor.visibility(target);
                for id in new
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .filter_map(|s| Uuid::parse_str(s).ok())
                {
                    if !store::visible_exists(tx.into(), target, id, &vis).await? {
                        errors.add(field.name, Problem::NoSuchRecord { entity: target });
                    }
                }
            }
            // A contact taking part puts the interaction on its timeline, so it must be
            // one the caller sees, like the interaction's own contact.
            Rule::Participants => {
                let vis = ctx.actor.visibility(Entity::Contact);
                let before = participant_contacts(old);
                for id in participant_contacts(new) {
                    if !before.contains(&id)
                        && !store::visible_exists(tx.into(), Entity::Contact, id, &vis).await?
                    {
                        errors.add(
                            field.name,
                            Problem::NoSuchRecord {
                                entity: Entity::Contact,
                            },
                        );
                        break;
                    }
                }
            }
            Rule::Members => {
                for id in new
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .filter_map(|s| Uuid::parse_str(s).ok())
                {
                    if !store::visible_exists(tx.into(), Entity::User, id, &Visibility::All).await?
                    {
                        errors.add(field.name, Problem::NoSuchUser { id: id.to_string() });
                    }
                }
            }
            _ => {}
        }
    }
    errors.into_result(()).map_err(AppError::from)
}

/// Creates the tags a record uses that do not exist yet.
async fn ensure_tags(
    tx: &mut Tx,
    ctx: &Ctx,
    before: Option<&Record>,
    data: &Map<String, Value>,
) -> Result<(), AppError> {
    let Some(tags) = data.get("tags").and_then(Value::as_array) else {
        return Ok(());
    };
    let old = before.map_or(&Value::Null, |r| r.get("tags"));
    let old: Vec<&str> = old
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    for name in tags
        .iter()
        .filter_map(Value::as_str)
        .filter(|t| !old.contains(t))
    {
        if rapport_store::records::tag_exists(tx, name).await? {
            continue;
        }
        ctx.actor.check(Entity::Tag, Action::Create)?;
        let mut fields = Map::new();
        fields.insert("name".into(), Value::String(name.to_string()));
        let data = full_state(Entity::Tag, None, &fields);
        write(tx, ctx, Entity::Tag, None, data, Change::Create).await?;
    }
    Ok(())
}

/// Writes a record's new state and its history event, keeping the bookkeeping fields
/// exactly as a replay of the events would rebuild them.
async fn write(
    tx: &mut Tx,
    ctx: &Ctx,
    entity: Entity,
    before: Option<&Record>,
    mut data: Map<String, Value>,
    action: Change,
) -> Result<Record, AppError> {
    let now = clock::format(clock::now());
    let own = || entity.own_fields().map(|f| f.name);
    let empty = Map::new();
    let changes = history::diff(before.map_or(&empty, |r| &r.data), &data, own());
    if matches!(action, Change::Update | Change::Merge)
        && changes.is_empty()
        && let Some(unchanged) = before
    {
        return Ok(unchanged.clone());
    }
    let id = match before {
        Some(r) => r.id().unwrap_or_default(),
        None => Uuid::now_v7(),
    };
    let version = before.map_or(0, Record::version) + 1;
    data.insert("id".into(), Value::String(id.to_string()));
    data.insert("version".into(), Value::from(version));
    data.insert("updated_at".into(), Value::String(now.clone()));
    match action {
        Change::Create => {
            data.insert("created_at".into(), Value::String(now.clone()));
            data.insert(
                "created_by".into(),
                ctx.actor
                    .author()
                    .map_or(Value::Null, |a| Value::String(a.to_string())),
            );
            data.insert("deleted_at".into(), Value::Null);
        }
        Change::Delete => {
            data.insert("deleted_at".into(), Value::String(now.clone()));
        }
        Change::Restore => {
            data.insert("deleted_at".into(), Value::Null);
        }
        _ => {}
    }
    let stored = match before {
        None => store::insert(tx, entity, &data).await.map(|()| true),
        Some(r) => store::update(tx, entity, id, r.version(), &data).await,
    };
    match stored {
        Ok(true) => {}
        Ok(false) => {
            return Err(AppError::Stale {
                current_etag: before.map(Record::etag).unwrap_or_default(),
            });
        }
        Err(StoreError::Unique(_)) => {
            let field = unique_field(entity);
            return Err(AppError::invalid(field, Problem::Taken));
        }
        Err(StoreError::ForeignKey) => {
            return Err(AppError::invalid("", Problem::LinkMissing));
        }
        Err(e) => return Err(e.into()),
    }
    if entity.searchable() && action != Change::Delete {
        let text = document(tx, entity, &data).await?;
        search::set(tx, entity, id, &text, action == Change::Create).await?;
    }
    if entity == Entity::Company && changes.contains_key("name") && action != Change::Create {
        // Contacts are found by their company's name, so their documents follow a rename.
        for contact_id in store::ids_where(tx, Entity::Contact, "company_id", id).await? {
            if let Some(contact) = store::get_in(tx, Entity::Contact, contact_id).await? {
                let text = document(tx, Entity::Contact, &contact.data).await?;
                search::set(tx, Entity::Contact, contact_id, &text, false).await?;
            }
        }
    }
    let event = Event {
        id: Uuid::now_v7(),
        entity,
        record_id: id,
        action,
        actor_id: ctx.actor.author(),
        origin: ctx.origin,
        occurred_at: now,
        changes,
    };
    events::insert(tx, &event).await?;
    crate::notifications::after_write(tx, ctx, entity, before, &data, action).await?;
    if entity == Entity::Task {
        crate::tasks::after_write(tx, before, &data, action).await?;
    }
    Ok(Record { entity, data })
}

/// A record's search document: its searched fields, and for a contact its company's name.
async fn document(
    tx: &mut Tx,
    entity: Entity,
    data: &Map<String, Value>,
) -> Result<String, AppError> {
    let mut text = entity::search_text(entity, data);
    if entity == Entity::Contact
        && let Some(cid) = data
            .get("company_id")
            .and_then(Value::as_str)
            .and_then(|s| Uuid::parse_str(s).ok())
        && let Some(company) = store::get_in(tx, Entity::Company, cid).await?
    {
        text.push(' ');
        text.push_str(company.str("name").unwrap_or(""));
    }
    Ok(text)
}

/// The field a unique index guards, per entity.
fn unique_field(entity: Entity) -> &'static str {
    match entity {
        Entity::User => "email",
        Entity::CustomField => "key",
        Entity::Quote | Entity::Order | Entity::Invoice | Entity::Ticket => "number",
        Entity::KbArticle => "language",
        _ => "name",
    }
}

/// The contacts a list of participants names.
fn participant_contacts(participants: &Value) -> Vec<Uuid> {
    participants
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p.get("contact_id").and_then(Value::as_str))
        .filter_map(|s| Uuid::parse_str(s).ok())
        .collect()
}
