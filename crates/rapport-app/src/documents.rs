//! Quotes, orders and invoices: lines priced from the catalogue, totals computed exactly
//! on every write, numbers taken in the write's transaction, and the only moves their
//! statuses may make (decided in `rapport_core::documents`).
//!
//! A quote becomes an order once accepted, an order becomes a draft invoice, and paying an
//! invoice records a payment and the invoice's new balance in one transaction. Sending,
//! accepting, issuing and paying also put a system interaction on the timeline of the
//! document's contact or company.

use crate::records::{self, create_in, load_for_write, write_change, write_new};
use crate::{App, AppError, Ctx};
use futures_util::FutureExt;
use rapport_core::documents::{self as rules, Step};
use rapport_core::entity::{Entity, MAX_MINOR_UNITS, PAYMENT_METHODS};
use rapport_core::history::Action as Change;
use rapport_core::money::{self, Currency, LineInput, MoneyError, Percent, Quantity};
use rapport_core::policy::{Action, Visibility};
use rapport_core::query::ListQuery;
use rapport_core::record::Record;
use rapport_core::{Problem, ValidationErrors, clock};
use rapport_store::records::{self as store, Page};
use rapport_store::{Tx, numbers};
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;
use time::Date;
use uuid::Uuid;

/// The currency of a document that names none and sells no product.
const DEFAULT_CURRENCY: &str = "EUR";
/// The unit of a line that names none: one piece (UN/ECE `C62`).
const DEFAULT_UNIT: &str = "C62";

/// Today's date in UTC, against which validity and due dates are read.
fn today() -> Date {
    clock::now().date()
}

fn text<'a>(data: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    data.get(key).and_then(Value::as_str)
}

fn amount(data: &Map<String, Value>, key: &str) -> i64 {
    data.get(key).and_then(Value::as_i64).unwrap_or(0)
}

/// Shows a document's status as it reads today (`expired`, `overdue`).
pub fn on_read(record: &mut Record) {
    crate::tickets::on_read(record);
    if !record.entity.is_document() {
        return;
    }
    let shown = rules::shown_status(record.entity, &record.data, today()).to_string();
    record.data.insert("status".into(), Value::String(shown));
}

/// The record with its status as it reads today.
pub fn shown(mut record: Record) -> Record {
    on_read(&mut record);
    record
}

/// The newest `per_kind` quotes, orders and invoices of a contact or company among those
/// the caller sees, each with its number, status as it reads today, total and currency:
/// what the customer's page lists. Kinds the caller may not read are left out.
pub async fn of_party(
    app: &App,
    ctx: &Ctx,
    party: rapport_store::deals::Party,
    id: Uuid,
    per_kind: u64,
) -> Result<Vec<Record>, AppError> {
    let kinds: Vec<(Entity, Visibility)> = [Entity::Quote, Entity::Order, Entity::Invoice]
        .into_iter()
        .filter(|kind| ctx.actor.check(*kind, Action::Read).is_ok())
        .map(|kind| (kind, ctx.actor.visibility(kind)))
        .collect();
    let mut found =
        rapport_store::deals::party_documents(&app.db, party, id, &kinds, per_kind).await?;
    found.iter_mut().for_each(on_read);
    Ok(found)
}

/// Checks and completes a document's state on create and update: a new document gets
/// its status and (except a draft invoice) its number; one past its first status no
/// longer changes; lines are priced and the totals recomputed.
pub(crate) async fn prepare(
    tx: &mut Tx,
    entity: Entity,
    before: Option<&Record>,
    fields: &Map<String, Value>,
    data: &mut Map<String, Value>,
) -> Result<(), AppError> {
    match before {
        Some(before) => {
            let status = before.str("status").unwrap_or_default();
            if !rules::editable(entity, status) && !fields.is_empty() {
                return Err(AppError::Conflict(format!(
                    "this {kind} is {}; only a {} {kind} can be changed",
                    status.replace('_', " "),
                    rules::initial_status(entity),
                    kind = entity.singular(),
                )));
            }
        }
        None => {
            data.insert("status".into(), json!(rules::initial_status(entity)));
            if entity != Entity::Invoice {
                data.insert("number".into(), json!(take_number(tx, entity).await?));
            } else {
                data.insert("paid".into(), json!(0));
            }
        }
    }
    price(tx, data).await
}

/// Takes the next number of a document type, such as `Q-2026-0001`.
async fn take_number(tx: &mut Tx, entity: Entity) -> Result<String, AppError> {
    let year = clock::now().year();
    let n = numbers::take(tx, entity.table(), year).await?;
    Ok(number_text(entity, year, n))
}

/// Takes `count` consecutive numbers of a document type in `year` at once, from the same
/// counter single writes take theirs from (bulk writers number backdated documents).
pub async fn take_numbers(
    tx: &mut Tx,
    entity: Entity,
    year: i32,
    count: i64,
) -> Result<Vec<String>, AppError> {
    let first = numbers::take_many(tx, entity.table(), year, count).await?;
    Ok((first..first + count.max(0))
        .map(|n| number_text(entity, year, n))
        .collect())
}

/// A document's number as people read it: its type's prefix, the year and the counter.
fn number_text(entity: Entity, year: i32, n: i64) -> String {
    let prefix = match entity {
        Entity::Quote => "Q",
        Entity::Order => "O",
        _ => "INV",
    };
    format!("{prefix}-{year}-{n:04}")
}

/// Fills each line's missing parts from its product, settles the document's currency
/// and stores the exact totals.
async fn price(tx: &mut Tx, data: &mut Map<String, Value>) -> Result<(), AppError> {
    let totals = price_in(tx, data).await?;
    put_totals(data, &totals);
    Ok(())
}

fn put_totals(data: &mut Map<String, Value>, totals: &money::Totals) {
    data.insert("subtotal".into(), json!(totals.subtotal));
    data.insert("tax_total".into(), json!(totals.tax_total));
    data.insert("total".into(), json!(totals.total));
}

/// Loads the products the lines name and the record's price list, then prices the lines
/// (`price_lines`). Deals price their lines the same way.
pub(crate) async fn price_in(
    tx: &mut Tx,
    data: &mut Map<String, Value>,
) -> Result<money::Totals, AppError> {
    let mut errors = ValidationErrors::new();
    let mut products: BTreeMap<Uuid, Record> = BTreeMap::new();
    for (i, line) in lines_of(data).iter().enumerate() {
        let Some(id) = text(line, "product_id").and_then(|s| Uuid::parse_str(s).ok()) else {
            continue;
        };
        if products.contains_key(&id) {
            continue;
        }
        match store::get_in(tx, Entity::Product, id).await? {
            Some(p) if !p.is_deleted() => {
                products.insert(id, p);
            }
            _ => errors.add(
                format!("lines[{i}].product_id"),
                Problem::NoSuchRecord {
                    entity: Entity::Product,
                },
            ),
        }
    }
    errors.into_result(())?;
    let price_list = match data.get("price_list_id").and_then(Value::as_str) {
        None => None,
        Some(id) => match Uuid::parse_str(id) {
            Ok(id) => match store::get_in(tx, Entity::PriceList, id).await? {
                Some(list) if !list.is_deleted() => Some(list),
                _ => {
                    return Err(AppError::invalid(
                        "price_list_id",
                        Problem::NoSuchRecord {
                            entity: Entity::PriceList,
                        },
                    ));
                }
            },
            Err(_) => return Err(AppError::invalid("price_list_id", Problem::NotAnId)),
        },
    };
    price_lines(
        data,
        |id| products.get(&id).map(|p| &p.data),
        price_list.as_ref().map(|l| &l.data),
    )
}

/// Prices a document with products held in memory, as bulk writers such as the demo do,
/// and stores its totals: the same code a write runs after loading the products.
pub fn price_document<'a>(
    data: &mut Map<String, Value>,
    product: impl Fn(Uuid) -> Option<&'a Map<String, Value>>,
) -> Result<(), AppError> {
    let totals = price_lines(data, product, None)?;
    put_totals(data, &totals);
    Ok(())
}

fn lines_of(data: &Map<String, Value>) -> Vec<Map<String, Value>> {
    data.get("lines")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|l| l.as_object().cloned())
        .collect()
}

/// Prices validated lines against products at hand (`product` answers a product's fields
/// by id, or `None` for one that does not exist) and an optional price list: fills what
/// each line leaves out from its product (the list's price before the product's own),
/// settles the currency (the record's, else the list's, else the first product's, else
/// EUR) and computes the exact totals.
fn price_lines<'a>(
    data: &mut Map<String, Value>,
    product: impl Fn(Uuid) -> Option<&'a Map<String, Value>>,
    price_list: Option<&Map<String, Value>>,
) -> Result<money::Totals, AppError> {
    let mut lines = lines_of(data);
    let mut errors = ValidationErrors::new();
    let mut products: BTreeMap<usize, (Uuid, &Map<String, Value>)> = BTreeMap::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(id) = text(line, "product_id").and_then(|s| Uuid::parse_str(s).ok()) else {
            continue;
        };
        match product(id) {
            Some(p) => {
                products.insert(i, (id, p));
            }
            None => errors.add(
                format!("lines[{i}].product_id"),
                Problem::NoSuchRecord {
                    entity: Entity::Product,
                },
            ),
        }
    }
    errors.into_result(())?;
    let list_currency = price_list.and_then(|l| text(l, "currency"));
    // A document that names no currency takes its price list's, else its first product's.
    let currency = text(data, "currency")
        .or(list_currency)
        .or_else(|| {
            products
                .values()
                .next()
                .and_then(|(_, p)| text(p, "currency"))
        })
        .map(str::to_string)
        .unwrap_or_else(|| DEFAULT_CURRENCY.to_string());
    Currency::parse(&currency).map_err(|e| AppError::invalid("currency", e.problem()))?;
    data.insert("currency".into(), json!(currency));
    if let Some(theirs) = list_currency
        && theirs != currency
    {
        return Err(AppError::invalid(
            "price_list_id",
            Problem::PriceListCurrency {
                currency: theirs.to_string(),
            },
        ));
    }
    let listed = |id: Uuid| -> Option<Value> {
        let id = id.to_string();
        price_list?
            .get("prices")?
            .as_array()?
            .iter()
            .find(|p| p.get("product_id").and_then(Value::as_str) == Some(id.as_str()))
            .and_then(|p| p.get("unit_price"))
            .filter(|v| v.is_i64())
            .cloned()
    };

    let mut errors = ValidationErrors::new();
    let mut inputs = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter_mut().enumerate() {
        if let Some((id, product)) = products.get(&i) {
            let part = |key: &str| product.get(key).unwrap_or(&Value::Null);
            fill(line, "description", part("name"));
            fill(line, "tax_rate", part("tax_rate"));
            fill(line, "unit", part("unit"));
            if line.get("unit_price").is_none_or(Value::is_null)
                && let Some(price) = listed(*id)
            {
                // The price list's price is in the document's currency, checked above.
                line.insert("unit_price".into(), price);
            }
            if line.get("unit_price").is_none_or(Value::is_null) {
                let theirs = text(product, "currency").unwrap_or_default();
                if theirs != currency {
                    errors.add(
                        format!("lines[{i}].unit_price"),
                        Problem::CurrencyDiffers {
                            currency: theirs.to_string(),
                        },
                    );
                }
                fill(line, "unit_price", part("unit_price"));
            }
        }
        fill(line, "unit", &json!(DEFAULT_UNIT));
        match line_input(line) {
            Ok(input) => inputs.push(input),
            Err((part, problem)) => errors.add(format!("lines[{i}].{part}"), problem),
        }
    }
    errors.into_result(())?;
    let totals = money::totals(&inputs).map_err(|e| match e {
        MoneyError::LineTooLarge { line } => {
            AppError::invalid(format!("lines[{line}]"), Problem::AmountTooLarge)
        }
        other => AppError::invalid("lines", other.problem()),
    })?;
    data.insert(
        "lines".into(),
        Value::Array(lines.into_iter().map(Value::Object).collect()),
    );
    Ok(totals)
}

fn fill(line: &mut Map<String, Value>, key: &str, value: &Value) {
    if line.get(key).is_none_or(Value::is_null) {
        line.insert(key.to_string(), value.clone());
    }
}

/// The arithmetic's view of a priced line, or the part that is still missing.
pub(crate) fn line_input(line: &Map<String, Value>) -> Result<LineInput, (&'static str, Problem)> {
    let get = |key: &'static str| match line.get(key) {
        Some(v) if !v.is_null() => Ok(v),
        _ => Err((key, Problem::Required)),
    };
    if get("description").is_err() {
        return Err(("description", Problem::Required));
    }
    let quantity = Quantity::parse(get("quantity")?).map_err(|e| ("quantity", e.problem()))?;
    let unit_price = get("unit_price")?
        .as_i64()
        .ok_or(("unit_price", Problem::NotANumber))?;
    let discount_percent =
        Percent::parse(get("discount_percent")?).map_err(|e| ("discount_percent", e.problem()))?;
    let tax_rate = Percent::parse(get("tax_rate")?).map_err(|e| ("tax_rate", e.problem()))?;
    Ok(LineInput {
        quantity,
        unit_price,
        discount_percent,
        tax_rate,
    })
}

/// Refuses to trash or purge a document that must stay on record (`rules::deletable`).
pub(crate) fn refuse_delete(record: &Record) -> Result<(), AppError> {
    rules::deletable(record.entity, &record.data).map_err(AppError::Conflict)
}

/// Refuses to restore a deleted invoice of an order that has been invoiced again since,
/// which would leave the order invoiced twice.
pub(crate) async fn refuse_restore(tx: &mut Tx, record: &Record) -> Result<(), AppError> {
    let Some(order_id) = record.uuid("order_id") else {
        return Ok(());
    };
    if record.entity != Entity::Invoice || record.str("status") == Some("cancelled") {
        return Ok(());
    }
    for id in store::ids_where(tx, Entity::Invoice, "order_id", order_id).await? {
        if Some(id) == record.id() {
            continue;
        }
        if let Some(other) = store::get_in(tx, Entity::Invoice, id).await?
            && !other.is_deleted()
            && other.str("status") != Some("cancelled")
        {
            return Err(AppError::Conflict(
                "this invoice's order has been invoiced again since it was deleted".into(),
            ));
        }
    }
    Ok(())
}

/// The list filters that are read from dates rather than stored: `filter[overdue]=true`
/// on invoices and `filter[expired]=true` on quotes, rewritten as the stored status and
/// the date that has passed, so they go through the allowlist like any other filter.
pub fn computed_filters(
    entity: Entity,
    pairs: &[(String, String)],
) -> Result<Vec<(String, String)>, AppError> {
    let (key, statuses, date) = match entity {
        Entity::Invoice => ("filter[overdue]", "issued,partly_paid", "due_date"),
        Entity::Quote => ("filter[expired]", "sent", "valid_until"),
        _ => return Ok(pairs.to_vec()),
    };
    let mut out = Vec::with_capacity(pairs.len() + 1);
    for (k, v) in pairs {
        if k != key {
            out.push((k.clone(), v.clone()));
            continue;
        }
        match v.as_str() {
            "true" => {
                out.push(("filter[status][in]".into(), statuses.into()));
                out.push((format!("filter[{date}][lt]"), today().to_string()));
            }
            _ => {
                return Err(AppError::invalid(
                    k.clone(),
                    Problem::OneOf {
                        options: "true".into(),
                    },
                ));
            }
        }
    }
    Ok(out)
}

/// Moves a document one step (`send`, `accept`, `issue`, …), refusing with 409 and the
/// reason when its status does not allow it.
pub async fn step(
    app: &App,
    ctx: &Ctx,
    entity: Entity,
    id: Uuid,
    step: Step,
    if_match: Option<&str>,
) -> Result<Record, AppError> {
    ctx.actor.check(entity, Action::Update)?;
    let (ctx, if_match) = (ctx.clone(), if_match.map(str::to_string));
    let mut record = app
        .db
        .write(move |tx| {
            async move {
                let before = load_for_write(tx, &ctx, entity, id, if_match.as_deref()).await?;
                refuse_deleted(&before)?;
                let shown = rules::shown_status(entity, &before.data, today());
                let next = rules::next_status(entity, shown, step).map_err(AppError::Conflict)?;
                let mut data = before.data.clone();
                data.insert("status".into(), json!(next));
                if matches!(step, Step::Send | Step::Issue) && text(&data, "issue_date").is_none() {
                    data.insert("issue_date".into(), json!(today().to_string()));
                }
                if step == Step::Issue {
                    data.insert("number".into(), json!(take_number(tx, entity).await?));
                }
                let record = write_change(tx, &ctx, entity, &before, data, Change::Update).await?;
                if matches!(step, Step::Send | Step::Accept | Step::Issue) {
                    on_timeline(tx, &ctx, &record, step.done()).await?;
                }
                Ok::<_, AppError>(record)
            }
            .boxed()
        })
        .await?;
    on_read(&mut record);
    Ok(record)
}

fn refuse_deleted(record: &Record) -> Result<(), AppError> {
    if record.is_deleted() {
        return Err(AppError::Conflict(format!(
            "this {} is deleted; restore it first",
            record.entity.singular()
        )));
    }
    Ok(())
}

/// The fields a document copies from the one it is made from.
fn copied(from: &Record) -> Map<String, Value> {
    let mut fields = Map::new();
    for key in [
        "currency",
        "contact_id",
        "company_id",
        "deal_id",
        "lines",
        "notes",
        "owner_id",
        "price_list_id",
    ] {
        fields.insert(key.into(), from.get(key).clone());
    }
    fields
}

/// Makes an order of an accepted quote, with the quote's lines. A quote has one order.
/// With `if_match`, a quote that changed since it was read is left alone (412).
pub async fn order_from_quote(
    app: &App,
    ctx: &Ctx,
    quote_id: Uuid,
    if_match: Option<&str>,
) -> Result<Record, AppError> {
    ctx.actor.check(Entity::Quote, Action::Read)?;
    ctx.actor.check(Entity::Order, Action::Create)?;
    let (ctx, if_match) = (ctx.clone(), if_match.map(str::to_string));
    app.db
        .write(move |tx| {
            async move {
                // Locking the quote makes a second request wait and then see the order.
                let quote =
                    load_for_write(tx, &ctx, Entity::Quote, quote_id, if_match.as_deref()).await?;
                refuse_deleted(&quote)?;
                let shown = rules::shown_status(Entity::Quote, &quote.data, today());
                if shown != "accepted" {
                    return Err(AppError::Conflict(format!(
                        "this quote is {shown}; only an accepted quote becomes an order"
                    )));
                }
                if !store::ids_where(tx, Entity::Order, "quote_id", quote_id)
                    .await?
                    .is_empty()
                {
                    return Err(AppError::Conflict("this quote already has an order".into()));
                }
                let mut fields = copied(&quote);
                fields.insert("quote_id".into(), json!(quote_id.to_string()));
                fields.insert("issue_date".into(), json!(today().to_string()));
                create_in(tx, &ctx, Entity::Order, fields, &[]).await
            }
            .boxed()
        })
        .await
}

/// Makes a draft invoice of an order, with the order's lines. With `if_match`, an order
/// that changed since it was read is left alone (412).
pub async fn invoice_from_order(
    app: &App,
    ctx: &Ctx,
    order_id: Uuid,
    if_match: Option<&str>,
) -> Result<Record, AppError> {
    ctx.actor.check(Entity::Order, Action::Read)?;
    ctx.actor.check(Entity::Invoice, Action::Create)?;
    let (ctx, if_match) = (ctx.clone(), if_match.map(str::to_string));
    app.db
        .write(move |tx| {
            async move {
                let order =
                    load_for_write(tx, &ctx, Entity::Order, order_id, if_match.as_deref()).await?;
                refuse_deleted(&order)?;
                if order.str("status") == Some("cancelled") {
                    return Err(AppError::Conflict(
                        "this order is cancelled; a cancelled order is not invoiced".into(),
                    ));
                }
                if let Some(quote_id) = order.uuid("quote_id")
                    && let Some(quote) = store::get_in(tx, Entity::Quote, quote_id).await?
                    && quote.str("status") == Some("rejected")
                {
                    return Err(AppError::Conflict(
                        "this order's quote was rejected; it is not invoiced".into(),
                    ));
                }
                // An order is invoiced once; only a cancelled invoice leaves it to invoice
                // again. Locking the order makes a second request wait and then see it.
                for id in store::ids_where(tx, Entity::Invoice, "order_id", order_id).await? {
                    if let Some(invoice) = store::get_in(tx, Entity::Invoice, id).await?
                        && !invoice.is_deleted()
                        && invoice.str("status") != Some("cancelled")
                    {
                        let number = invoice.str("number").unwrap_or("(draft)");
                        return Err(AppError::Conflict(format!(
                            "this order is already invoiced by invoice {number}; cancel that invoice to invoice the order again"
                        )));
                    }
                }
                let mut fields = copied(&order);
                fields.insert("order_id".into(), json!(order_id.to_string()));
                create_in(tx, &ctx, Entity::Invoice, fields, &[]).await
            }
            .boxed()
        })
        .await
}

/// A payment as a client describes it.
struct PaymentInput {
    amount: i64,
    paid_at: String,
    method: Option<String>,
    reference: Option<String>,
}

fn payment_input(body: &Value) -> Result<PaymentInput, AppError> {
    let Some(object) = body.as_object() else {
        return Err(AppError::invalid("", Problem::BodyNotObject));
    };
    let mut errors = ValidationErrors::new();
    for key in object
        .keys()
        .filter(|k| !["amount", "paid_at", "method", "reference"].contains(&k.as_str()))
    {
        errors.add(key.clone(), Problem::UnknownField);
    }
    let given = |k: &str| object.get(k).filter(|v| !v.is_null());
    let range = Problem::IntRange {
        min: 1,
        max: MAX_MINOR_UNITS,
    };
    let amount = match given("amount").map(Value::as_i64) {
        Some(Some(n)) if (1..=MAX_MINOR_UNITS).contains(&n) => n,
        Some(_) => {
            errors.add("amount", range);
            0
        }
        None => {
            errors.add("amount", Problem::Required);
            0
        }
    };
    let paid_at = match given("paid_at") {
        None => clock::format(clock::now()),
        Some(v) => match v.as_str().and_then(clock::canonical) {
            Some(t) => t,
            None => {
                errors.add("paid_at", Problem::NotATime);
                String::new()
            }
        },
    };
    let method = match given("method") {
        None => None,
        Some(v) => match v.as_str() {
            Some(m) if PAYMENT_METHODS.contains(&m) => Some(m.to_string()),
            _ => {
                errors.add(
                    "method",
                    Problem::OneOf {
                        options: PAYMENT_METHODS.join(", "),
                    },
                );
                None
            }
        },
    };
    let reference = match given("reference") {
        None => None,
        Some(v) => match v.as_str().map(str::trim) {
            Some(r) if r.chars().count() <= 200 && !r.contains('\0') => {
                (!r.is_empty()).then(|| r.to_string())
            }
            Some(_) => {
                errors.add("reference", Problem::TooLong { max: 200 });
                None
            }
            None => {
                errors.add("reference", Problem::NotAString);
                None
            }
        },
    };
    let input = PaymentInput {
        amount,
        paid_at,
        method,
        reference,
    };
    errors.into_result(input).map_err(AppError::from)
}

/// Records a payment of an issued invoice and its new balance and status, in one
/// transaction. A payment larger than what is still due is refused.
pub async fn pay(
    app: &App,
    ctx: &Ctx,
    id: Uuid,
    body: &Value,
    if_match: Option<&str>,
) -> Result<Record, AppError> {
    ctx.actor.check(Entity::Invoice, Action::Update)?;
    let input = payment_input(body)?;
    let (ctx, if_match) = (ctx.clone(), if_match.map(str::to_string));
    let mut record = app
        .db
        .write(move |tx| {
            async move {
                let entity = Entity::Invoice;
                let before = load_for_write(tx, &ctx, entity, id, if_match.as_deref()).await?;
                refuse_deleted(&before)?;
                let stored = before.str("status").unwrap_or_default();
                if !matches!(stored, "issued" | "partly_paid") {
                    return Err(AppError::Conflict(format!(
                        "this invoice is {}; only an issued invoice is paid",
                        stored.replace('_', " ")
                    )));
                }
                let (total, paid) = (amount(&before.data, "total"), amount(&before.data, "paid"));
                let due = total.saturating_sub(paid);
                if input.amount > due {
                    return Err(AppError::Conflict(format!(
                        "{due} is due on this invoice; a payment of {} is more than that",
                        input.amount
                    )));
                }
                let mut payment = Map::new();
                payment.insert("invoice_id".into(), json!(id.to_string()));
                payment.insert("amount".into(), json!(input.amount));
                payment.insert("currency".into(), before.get("currency").clone());
                payment.insert("paid_at".into(), json!(input.paid_at));
                payment.insert("method".into(), json!(input.method));
                payment.insert("reference".into(), json!(input.reference));
                write_new(tx, &ctx, Entity::Payment, payment).await?;
                let paid = paid + input.amount;
                let mut data = before.data.clone();
                data.insert("paid".into(), json!(paid));
                data.insert("status".into(), json!(rules::after_payment(total, paid)));
                let record = write_change(tx, &ctx, entity, &before, data, Change::Update).await?;
                let done = if paid >= total { "paid" } else { "partly paid" };
                on_timeline(tx, &ctx, &record, done).await?;
                Ok::<_, AppError>(record)
            }
            .boxed()
        })
        .await?;
    on_read(&mut record);
    Ok(record)
}

/// The payments of an invoice the caller may see, newest first.
pub async fn payments(
    app: &App,
    ctx: &Ctx,
    id: Uuid,
    pairs: &[(String, String)],
) -> Result<Page, AppError> {
    ctx.actor.check(Entity::Invoice, Action::Read)?;
    ctx.actor.check(Entity::Payment, Action::Read)?;
    records::load_visible(app, ctx, Entity::Invoice, id).await?;
    let query = ListQuery::parse(Entity::Payment, pairs)?;
    // Whoever sees an invoice sees its payments.
    Ok(store::list_where(&app.db, &query, &Visibility::All, Some(("invoice_id", id))).await?)
}

/// An amount of minor units as decimal text with the currency's digits (`1234.50`).
fn decimal(minor: i64, digits: u8) -> String {
    let scale = 10i128.pow(u32::from(digits));
    let sign = if minor < 0 { "-" } else { "" };
    let magnitude = i128::from(minor).abs();
    if digits == 0 {
        return format!("{sign}{magnitude}");
    }
    let width = usize::from(digits);
    format!("{sign}{}.{:0width$}", magnitude / scale, magnitude % scale)
}

/// Puts a system interaction on the timeline of the document's contact or company.
async fn on_timeline(
    tx: &mut Tx,
    ctx: &Ctx,
    document: &Record,
    done: &str,
) -> Result<(), AppError> {
    let (contact, company) = (document.get("contact_id"), document.get("company_id"));
    if contact.is_null() && company.is_null() {
        return Ok(());
    }
    let kind = document.entity.singular();
    let number = document.str("number").unwrap_or("(draft)");
    let currency = document.str("currency").unwrap_or_default();
    let mut fields = Map::new();
    fields.insert("kind".into(), json!("system"));
    fields.insert("subject".into(), json!(format!("{kind} {number} {done}")));
    let digits = Currency::parse(currency).map_or(2, |c| c.minor_digits());
    let total = decimal(amount(&document.data, "total"), digits);
    fields.insert("body".into(), json!(format!("Total {total} {currency}")));
    fields.insert("contact_id".into(), contact.clone());
    fields.insert("company_id".into(), company.clone());
    create_in(tx, ctx, Entity::Interaction, fields, &[]).await?;
    Ok(())
}
