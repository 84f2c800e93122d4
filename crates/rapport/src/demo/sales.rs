//! The demo's sales: users who own records, products and price lists per market, a
//! second pipeline, and for one contact in five a deal with what follows from it (quotes,
//! orders, invoices and their payments, follow-up tasks).
//!
//! Documents are priced by `rapport_app::documents::price_document`, the code every write
//! of a document prices through, so their totals are the ones the application computes.

use super::catalogue::{self, ITEMS, Item, Kind, PAYMENT_METHODS, PRICE_LISTS, STAFF};
use super::generate::{Generator, HISTORY, Prepared, between, prepare};
use super::rng::Rng;
use super::words::{self, LANG_WEIGHTS, Lang};
use rapport_core::clock;
use rapport_core::documents::after_payment;
use rapport_core::entity::Entity;
use rapport_core::record::Record;
use rapport_core::validate::{self, Mode};
use serde_json::{Map, Value, json};
use std::collections::HashMap;
use time::{Date, Duration, OffsetDateTime};
use uuid::Uuid;

/// A user who owns demo records.
#[derive(Debug, Clone)]
pub struct Owner {
    pub id: Uuid,
    pub lang: Lang,
}

/// A pipeline's id and its stages' keys and probabilities, in board order.
#[derive(Debug, Clone)]
pub struct PipelineRef {
    pub id: Uuid,
    pub stages: Vec<(String, i64)>,
}

/// What deals are made of.
pub struct Sales {
    /// The first pipeline, which most deals are in.
    pub main: PipelineRef,
    pub renewals: PipelineRef,
    /// Every product's fields by id, as pricing reads them.
    products: HashMap<Uuid, Map<String, Value>>,
    /// The products on sale in each language's market, in catalogue order.
    market: HashMap<usize, Vec<(Uuid, &'static Item)>>,
}

/// The contact a deal is with.
pub struct Party {
    pub lang: Lang,
    pub first: String,
    pub name: String,
    pub contact_id: Uuid,
    pub company_id: Option<Uuid>,
    pub company_name: Option<String>,
    pub created: OffsetDateTime,
    pub owner: Option<Uuid>,
    pub stage: &'static str,
}

fn date(at: OffsetDateTime) -> String {
    at.date().to_string()
}

fn days(n: i64) -> Duration {
    Duration::days(n)
}

impl Generator {
    /// The demo's staff, as user records; they own the contacts and deals made after.
    pub fn users(&mut self) -> Vec<Prepared> {
        let at = self.now - HISTORY - days(60);
        self.staff.clear();
        STAFF
            .iter()
            .map(|s| {
                let (first, last) = s.name.split_once(' ').unwrap_or((s.name, ""));
                let email = format!(
                    "{}.{}@{}",
                    words::slug(first),
                    words::slug(last),
                    catalogue::STAFF_DOMAIN
                );
                let mut data = Map::new();
                data.insert("email".into(), json!(email));
                data.insert("name".into(), json!(s.name));
                data.insert("role".into(), json!(s.role));
                data.insert("locale".into(), json!(catalogue::market(s.lang).locale));
                data.insert("time_zone".into(), json!(s.time_zone));
                data.insert("active".into(), json!(true));
                let record = prepare(Entity::User, data, at);
                self.staff.push(Owner {
                    id: record.id,
                    lang: s.lang,
                });
                record
            })
            .collect()
    }

    /// Makes the user at `index` of [`Generator::users`] one who exists already (a second
    /// demo run on the same database finds its staff there).
    pub fn use_existing_user(&mut self, index: usize, id: Uuid) {
        if let Some(owner) = self.staff.get_mut(index) {
            owner.id = id;
        }
    }

    /// Products for every market, the price lists and, unless `pipelines` has it already,
    /// the renewals pipeline. Deals go into the first of `pipelines` (the default one a
    /// new database gets) and the renewals pipeline.
    pub fn catalogue(&mut self, pipelines: &[Record]) -> Vec<Prepared> {
        let at = self.now - HISTORY - days(45);
        let mut out = Vec::new();
        let existing = pipelines
            .iter()
            .find(|p| p.str("name") == Some(catalogue::RENEWALS));
        let renewals = match existing.and_then(pipeline_ref) {
            Some(r) => r,
            None => {
                let position = pipelines
                    .iter()
                    .filter_map(|p| p.get("position").as_i64())
                    .max()
                    .map_or(0, |p| p + 1);
                let stages: Vec<Value> = catalogue::RENEWAL_STAGES
                    .iter()
                    .map(|(key, name, probability)| {
                        json!({"key": key, "name": name, "probability": probability})
                    })
                    .collect();
                let mut data = Map::new();
                data.insert("name".into(), json!(catalogue::RENEWALS));
                data.insert("stages".into(), Value::Array(stages));
                data.insert("position".into(), json!(position));
                let record = prepare(Entity::Pipeline, data, at);
                let r = PipelineRef {
                    id: record.id,
                    stages: catalogue::RENEWAL_STAGES
                        .iter()
                        .map(|(k, _, p)| ((*k).to_string(), *p))
                        .collect(),
                };
                out.push(record);
                r
            }
        };
        let main = pipelines
            .iter()
            .find_map(pipeline_ref)
            .unwrap_or_else(|| renewals.clone());

        let mut products = HashMap::new();
        let mut market: HashMap<usize, Vec<(Uuid, &'static Item)>> = HashMap::new();
        for (lang, _) in LANG_WEIGHTS {
            let m = catalogue::market(lang);
            let country = lang.words().country;
            for item in ITEMS {
                let mut data = Map::new();
                data.insert("name".into(), json!(item.names[catalogue::index(lang)]));
                data.insert("code".into(), json!(format!("{}-{country}", item.code)));
                data.insert(
                    "description".into(),
                    json!(catalogue::description(lang, item.kind)),
                );
                data.insert(
                    "unit_price".into(),
                    json!(list_price(item.euro_cents, m.per_euro)),
                );
                data.insert("currency".into(), json!(m.currency));
                let rate = if item.kind == Kind::Books {
                    m.book_rate
                } else {
                    m.standard_rate
                };
                data.insert("tax_rate".into(), json!(rate));
                data.insert("unit".into(), json!(item.unit));
                data.insert("active".into(), json!(item.active));
                let record = prepare(Entity::Product, data, at);
                if item.active {
                    market
                        .entry(catalogue::index(lang))
                        .or_default()
                        .push((record.id, item));
                }
                products.insert(record.id, record.data.clone());
                out.push(record);
            }
        }
        for (name, lang, percent) in PRICE_LISTS {
            let m = catalogue::market(*lang);
            let prices: Vec<Value> = market
                .get(&catalogue::index(*lang))
                .into_iter()
                .flatten()
                .filter_map(|(id, _)| {
                    let price = products.get(id)?.get("unit_price")?.as_i64()?;
                    Some(json!({"product_id": id.to_string(), "unit_price": price * percent / 100}))
                })
                .collect();
            let mut data = Map::new();
            data.insert("name".into(), json!(name));
            data.insert("currency".into(), json!(m.currency));
            data.insert("prices".into(), Value::Array(prices));
            data.insert("active".into(), json!(true));
            out.push(prepare(Entity::PriceList, data, at));
        }
        self.sales = Some(Sales {
            main,
            renewals,
            products,
            market,
        });
        out
    }

    /// A deal with the contact and what follows from it; nothing before [`catalogue`].
    pub(super) fn deal(&mut self, party: &Party) -> Vec<Prepared> {
        let Some(sales) = self.sales.take() else {
            return Vec::new();
        };
        let out = make_deal(&mut self.rng, self.now, &sales, party);
        self.sales = Some(sales);
        out
    }
}

/// A pipeline's stages as a deal picks them, if it has any.
fn pipeline_ref(pipeline: &Record) -> Option<PipelineRef> {
    let stages: Vec<(String, i64)> = pipeline
        .get("stages")
        .as_array()?
        .iter()
        .filter_map(|s| {
            let key = s.get("key")?.as_str()?.to_string();
            Some((
                key,
                s.get("probability").and_then(Value::as_i64).unwrap_or(0),
            ))
        })
        .collect();
    Some(PipelineRef {
        id: pipeline.id()?,
        stages,
    })
    .filter(|p| !p.stages.is_empty())
}

/// A list price in a market's currency: the euro price converted and rounded to a whole
/// unit, or to ten units above a hundred, as price lists are.
fn list_price(euro_cents: i64, per_euro: i64) -> i64 {
    let exact = euro_cents * per_euro / 100;
    let step = if exact >= 10_000 { 1_000 } else { 100 };
    ((exact + step / 2) / step * step).max(step)
}

/// How many of a product a deal is about.
fn quantity(rng: &mut Rng, kind: Kind, seats: i64) -> i64 {
    match kind {
        Kind::Seats => seats * 12,
        Kind::Yearly => *rng.weighted(&[(1, 85), (2, 10), (3, 5)]),
        Kind::Days => rng.range(1, 5),
        Kind::Hours => rng.range(1, 20) * 4,
        Kind::Once => 1,
        Kind::Books => (seats / 2).max(5),
    }
}

/// A document's fields from what a client would send, validated as the API validates
/// them and priced by the application; `None` if either refused it.
fn document(sales: &Sales, entity: Entity, body: Value) -> Option<Map<String, Value>> {
    let mut fields = validate::input(entity, &body, Mode::Create, &[]).ok()?;
    rapport_app::documents::price_document(&mut fields, |id| sales.products.get(&id)).ok()?;
    Some(fields)
}

fn make_deal(rng: &mut Rng, now: OffsetDateTime, sales: &Sales, party: &Party) -> Vec<Prepared> {
    let mut out = Vec::new();
    let Some(offer) = sales.market.get(&catalogue::index(party.lang)) else {
        return out;
    };
    let renewal = rng.chance(15);
    let pipeline = if renewal {
        &sales.renewals
    } else {
        &sales.main
    };
    // Most deals start within a quarter of meeting the contact.
    let created = between(rng, party.created, (party.created + days(90)).min(now), now)
        .max(party.created)
        .min(now);
    let age = (now - created).whole_days();
    let open_percent = match age {
        0..=44 => 85,
        45..=119 => 30,
        120..=364 => 5,
        _ => 1,
    };
    let won_percent = match party.stage {
        "customer" | "evangelist" => 75,
        _ => 35,
    };
    let status = if rng.chance(open_percent) {
        "open"
    } else if rng.chance(won_percent) {
        "won"
    } else {
        "lost"
    };
    let closed = (status != "open").then(|| {
        between(rng, created, (created + days(120)).min(now), now)
            .max(created)
            .min(now)
    });
    let last = pipeline.stages.len().saturating_sub(1);
    let stage_index = match status {
        "won" => last,
        "lost" => rng.below(pipeline.stages.len() as u64) as usize,
        // Early stages hold more open deals than late ones.
        _ => {
            let weights: Vec<(usize, u64)> = (0..=last)
                .map(|i| (i, (pipeline.stages.len() - i) as u64 * 10))
                .collect();
            *rng.weighted(&weights)
        }
    };
    let Some((stage, stage_probability)) = pipeline.stages.get(stage_index) else {
        return out;
    };
    let until = closed.unwrap_or(now);
    let stage_entered = between(rng, created, until, now).max(created).min(until);

    // What is sold: one main product and a few extras, in the contact's market.
    let seats = *rng.weighted(&[(5, 25), (10, 25), (25, 20), (50, 15), (100, 10), (250, 5)]);
    let main_index = if renewal {
        *rng.weighted(&[(0, 40), (1, 40), (2, 20)])
    } else {
        *rng.weighted(&[(0, 40), (1, 35), (2, 25)])
    };
    let Some((main_id, main_item)) = offer.get(main_index) else {
        return out;
    };
    let discount = *rng.weighted(&[
        ("0", 60),
        ("5", 12),
        ("10", 12),
        ("12.5", 6),
        ("15", 6),
        ("20", 4),
    ]);
    let mut lines = vec![json!({
        "product_id": main_id.to_string(),
        "quantity": quantity(rng, main_item.kind, seats),
        "discount_percent": discount,
    })];
    let extras: &[usize] = if renewal { &[3] } else { &[3, 4, 5, 6, 7, 8] };
    let mut chosen: Vec<usize> = Vec::new();
    for _ in 0..if renewal { 1 } else { rng.range(0, 3) } {
        let i = *rng.pick(extras);
        if !chosen.contains(&i)
            && let Some((id, item)) = offer.get(i)
        {
            chosen.push(i);
            lines.push(json!({
                "product_id": id.to_string(),
                "quantity": quantity(rng, item.kind, seats),
            }));
        }
    }
    let currency = catalogue::market(party.lang).currency;
    let company = party.company_name.as_deref().unwrap_or(&party.name);
    let product = main_item.names[catalogue::index(party.lang)];
    let title = if renewal {
        catalogue::renewal_title(party.lang)
    } else {
        rng.pick(catalogue::deal_titles(party.lang))
    }
    .replace("{product}", product)
    .replace("{company}", company);
    let Some(priced) = document(
        sales,
        Entity::Quote,
        json!({"currency": currency, "lines": lines}),
    ) else {
        return out;
    };
    let amount = priced.get("subtotal").and_then(Value::as_i64).unwrap_or(0);

    let mut deal = Map::new();
    deal.insert("title".into(), json!(title));
    deal.insert("pipeline_id".into(), json!(pipeline.id.to_string()));
    deal.insert("stage".into(), json!(stage));
    deal.insert("status".into(), json!(status));
    deal.insert("amount".into(), json!(amount));
    deal.insert("currency".into(), json!(currency));
    let expected = match closed {
        Some(c) => c + days(rng.range(-20, 10)),
        None => now + days(rng.range(-14, 150)),
    };
    deal.insert("expected_close".into(), json!(date(expected)));
    let probability = match status {
        "won" => 100,
        "lost" => 0,
        _ => *stage_probability,
    };
    deal.insert("probability".into(), json!(probability));
    if status == "lost" {
        deal.insert(
            "lost_reason".into(),
            json!(rng.pick(catalogue::lost_reasons(party.lang))),
        );
    }
    if let Some(c) = closed {
        deal.insert("closed_at".into(), json!(clock::format(c)));
    }
    deal.insert(
        "stage_entered_at".into(),
        json!(clock::format(stage_entered)),
    );
    deal.insert("contact_id".into(), json!(party.contact_id.to_string()));
    if let Some(c) = party.company_id {
        deal.insert("company_id".into(), json!(c.to_string()));
    }
    deal.insert("contact_ids".into(), json!([]));
    if let Some(o) = party.owner {
        deal.insert("owner_id".into(), json!(o.to_string()));
    }
    deal.insert("tags".into(), json!([]));
    deal.insert("custom".into(), json!({}));
    let deal = prepare(Entity::Deal, deal, created);
    let deal_id = deal.id;
    out.push(deal);

    let party_fields = |body: &mut Map<String, Value>| {
        body.insert("currency".into(), json!(currency));
        body.insert("contact_id".into(), json!(party.contact_id.to_string()));
        if let Some(c) = party.company_id {
            body.insert("company_id".into(), json!(c.to_string()));
        }
        body.insert("deal_id".into(), json!(deal_id.to_string()));
        if let Some(o) = party.owner {
            body.insert("owner_id".into(), json!(o.to_string()));
        }
        body.insert("lines".into(), Value::Array(lines.clone()));
    };
    let quote = |rng: &mut Rng, at: OffsetDateTime, status: &str| {
        let mut body = Map::new();
        party_fields(&mut body);
        body.insert("issue_date".into(), json!(date(at)));
        body.insert(
            "valid_until".into(),
            json!(date(at + days(*rng.pick(&[14, 30, 30, 60])))),
        );
        let mut data = document(sales, Entity::Quote, Value::Object(body))?;
        data.insert("status".into(), json!(status));
        let mut record = prepare(Entity::Quote, data, at);
        record.number_year = Some(at.year());
        Some(record)
    };

    match (status, closed) {
        ("won", Some(closed)) if rng.chance(70) => {
            let quoted = (closed - days(rng.range(3, 20))).max(created);
            let Some(q) = quote(rng, quoted, "accepted") else {
                return out;
            };
            let quote_id = q.id;
            out.push(q);
            if rng.chance(90) {
                out.extend(order_and_invoice(
                    rng,
                    now,
                    sales,
                    closed,
                    quote_id,
                    &party_fields,
                ));
            }
        }
        ("lost", Some(closed)) if rng.chance(30) => {
            let quoted = (closed - days(rng.range(3, 30))).max(created);
            out.extend(quote(rng, quoted, "rejected"));
        }
        ("open", _) if stage_index >= 2 && rng.chance(60) => {
            let status = if rng.chance(80) { "sent" } else { "draft" };
            out.extend(quote(rng, stage_entered, status));
        }
        _ => {}
    }

    // Open deals mostly have a next step planned; some closed ones kept theirs, done.
    let first_name = party.first.as_str();
    let task_title = |rng: &mut Rng| {
        rng.pick(catalogue::task_titles(party.lang))
            .replace("{first}", first_name)
            .replace("{company}", company)
    };
    let task = match (status, closed) {
        ("open", _) if rng.chance(70) => {
            let day = (now + days(rng.range(-3, 21))).date();
            let due = office_time(rng, day);
            Some((task_title(rng), due, None))
        }
        (_, Some(closed)) if rng.chance(25) => {
            let day = (closed - days(rng.range(1, 10))).date();
            let due = office_time(rng, day).max(created);
            let done = (due + Duration::minutes(rng.range(10, 600))).min(closed);
            Some((task_title(rng), due, Some(done)))
        }
        _ => None,
    };
    if let Some((title, due, done)) = task {
        let mut data = Map::new();
        data.insert("title".into(), json!(title));
        data.insert("due_at".into(), json!(clock::format(due)));
        data.insert("all_day".into(), json!(false));
        data.insert(
            "time_zone".into(),
            json!(catalogue::market(party.lang).time_zone),
        );
        data.insert(
            "status".into(),
            json!(if done.is_some() { "done" } else { "open" }),
        );
        if let Some(d) = done {
            data.insert("completed_at".into(), json!(clock::format(d)));
        }
        data.insert(
            "priority".into(),
            json!(rng.weighted(&[("normal", 70), ("high", 20), ("low", 10)])),
        );
        if let Some(o) = party.owner {
            data.insert("owner_id".into(), json!(o.to_string()));
        }
        data.insert("contact_id".into(), json!(party.contact_id.to_string()));
        if let Some(c) = party.company_id {
            data.insert("company_id".into(), json!(c.to_string()));
        }
        data.insert("deal_id".into(), json!(deal_id.to_string()));
        data.insert("tags".into(), json!([]));
        let at = (due - days(rng.range(1, 14))).max(created).min(now);
        out.push(prepare(Entity::Task, data, at));
    }
    out
}

/// A time in office hours (UTC) on `day`.
fn office_time(rng: &mut Rng, day: Date) -> OffsetDateTime {
    day.midnight().assume_utc() + Duration::minutes(rng.range(8 * 60, 17 * 60))
}

/// The order of an accepted quote and, mostly, its invoice with what was paid on it.
fn order_and_invoice(
    rng: &mut Rng,
    now: OffsetDateTime,
    sales: &Sales,
    closed: OffsetDateTime,
    quote_id: Uuid,
    party_fields: &dyn Fn(&mut Map<String, Value>),
) -> Vec<Prepared> {
    let mut out = Vec::new();
    let mut body = Map::new();
    party_fields(&mut body);
    body.insert("issue_date".into(), json!(date(closed)));
    let Some(mut order) = document(sales, Entity::Order, Value::Object(body)) else {
        return out;
    };
    let delivered = now - closed > days(30);
    order.insert(
        "status".into(),
        json!(if delivered { "fulfilled" } else { "open" }),
    );
    order.insert("quote_id".into(), json!(quote_id.to_string()));
    let mut order = prepare(Entity::Order, order, closed);
    order.number_year = Some(closed.year());
    let order_id = order.id;
    out.push(order);
    if !rng.chance(90) {
        return out;
    }

    let issued = (closed + days(rng.range(0, 10))).min(now);
    let draft = now - issued < days(3) && rng.chance(50);
    let mut body = Map::new();
    party_fields(&mut body);
    let due = issued + days(*rng.pick(&[14, 30, 30, 30]));
    if !draft {
        body.insert("issue_date".into(), json!(date(issued)));
        body.insert("due_date".into(), json!(date(due)));
    }
    let Some(mut invoice) = document(sales, Entity::Invoice, Value::Object(body)) else {
        return out;
    };
    invoice.insert("order_id".into(), json!(order_id.to_string()));
    let total = invoice.get("total").and_then(Value::as_i64).unwrap_or(0);
    let currency = invoice.get("currency").cloned().unwrap_or(Value::Null);
    if draft {
        invoice.insert("status".into(), json!("draft"));
        invoice.insert("paid".into(), json!(0));
        out.push(prepare(Entity::Invoice, invoice, issued));
        return out;
    }
    // Long past its due date, an invoice is nearly always paid; a young one often not yet.
    let roll = rng.below(100);
    let parts: Vec<i64> = if due < now {
        match roll {
            0..=87 => vec![total],
            88..=92 => {
                let first = total * rng.range(40, 70) / 100;
                vec![first, total - first]
            }
            93..=95 => vec![total * rng.range(30, 60) / 100],
            _ => Vec::new(),
        }
    } else {
        match roll {
            0..=44 => vec![total],
            45..=54 => vec![total * rng.range(30, 60) / 100],
            _ => Vec::new(),
        }
    };
    let parts: Vec<i64> = parts.into_iter().filter(|p| *p > 0).collect();
    let paid: i64 = parts.iter().sum();
    invoice.insert("paid".into(), json!(paid));
    let status = if paid > 0 {
        after_payment(total, paid)
    } else {
        "issued"
    };
    invoice.insert("status".into(), json!(status));
    let mut invoice = prepare(Entity::Invoice, invoice, issued);
    invoice.number_year = Some(issued.year());
    let invoice_id = invoice.id;
    out.push(invoice);
    let mut after = issued;
    for part in parts {
        let paid_at = between(rng, after, (due + days(15)).min(now), now)
            .max(after)
            .min(now);
        after = paid_at;
        let mut payment = Map::new();
        payment.insert("invoice_id".into(), json!(invoice_id.to_string()));
        payment.insert("amount".into(), json!(part));
        payment.insert("currency".into(), currency.clone());
        payment.insert("paid_at".into(), json!(clock::format(paid_at)));
        payment.insert("method".into(), json!(rng.weighted(PAYMENT_METHODS)));
        payment.insert("reference".into(), json!(format!("TX{}", rng.digits(10))));
        out.push(prepare(Entity::Payment, payment, paid_at));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rapport_core::entity::Access;
    use rapport_core::history;
    use rapport_core::money::{self, LineInput, Percent, Quantity};

    /// A generator with staff, the catalogue and a default pipeline like a new database's.
    fn generator(seed: u64, now: OffsetDateTime) -> (Generator, Vec<Prepared>) {
        let mut g = Generator::new(seed, now);
        let mut setup = g.users();
        let stages = json!([
            {"key": "qualified", "name": "Qualified", "probability": 10},
            {"key": "meeting", "name": "Meeting booked", "probability": 25},
            {"key": "proposal", "name": "Proposal sent", "probability": 50},
            {"key": "negotiation", "name": "Negotiation", "probability": 75},
            {"key": "commitment", "name": "Verbal commitment", "probability": 90},
        ]);
        let mut data = Map::new();
        data.insert("name".into(), json!("Sales"));
        data.insert("stages".into(), stages);
        data.insert("position".into(), json!(0));
        let default = prepare(Entity::Pipeline, data, now);
        let record = Record {
            entity: Entity::Pipeline,
            data: default.data.clone(),
        };
        setup.push(default);
        setup.extend(g.catalogue(&[record]));
        (g, setup)
    }

    fn records(contacts: usize, seed: u64) -> Vec<Prepared> {
        // Companies first, as the demo makes them, so contacts work somewhere.
        let (mut g, mut all) = generator(seed, clock::now());
        for _ in 0..contacts.div_ceil(8) {
            all.push(g.company());
        }
        for _ in 0..contacts {
            all.extend(g.contact());
        }
        all
    }

    /// What a client would send to create the record: its own fields that are set and
    /// that a client may set.
    fn body(p: &Prepared) -> Value {
        let own: Map<String, Value> = p
            .entity
            .own_fields()
            .filter(|f| f.access != Access::System)
            .filter_map(|f| {
                p.data
                    .get(f.name)
                    .filter(|v| !v.is_null())
                    .map(|v| (f.name.to_string(), v.clone()))
            })
            .collect();
        Value::Object(own)
    }

    fn count(all: &[Prepared], entity: Entity) -> usize {
        all.iter().filter(|p| p.entity == entity).count()
    }

    #[test]
    fn sales_records_pass_validation_unchanged_and_replay() {
        let all = records(1_500, 11);
        for entity in [
            Entity::User,
            Entity::Pipeline,
            Entity::Product,
            Entity::PriceList,
            Entity::Deal,
            Entity::Quote,
            Entity::Order,
            Entity::Invoice,
            Entity::Payment,
            Entity::Task,
        ] {
            assert!(count(&all, entity) > 0, "no {entity:?}");
        }
        assert_eq!(count(&all, Entity::User), STAFF.len());
        assert_eq!(count(&all, Entity::Product), 50);
        for p in all.iter().filter(|p| p.entity != Entity::Payment) {
            let body = body(p);
            let normal = validate::input(p.entity, &body, Mode::Create, &[])
                .unwrap_or_else(|e| panic!("{:?} {body}: {e}", p.entity));
            assert_eq!(
                Value::Object(normal),
                body,
                "{:?} was not in normal form",
                p.entity
            );
            let errors = validate::record(p.entity, &p.data, &[]);
            assert!(errors.is_empty(), "{:?}: {errors}", p.entity);
            let replayed = history::replay(p.entity, [&p.event]).unwrap();
            let mut expected = p.data.clone();
            for f in p.entity.fields() {
                expected.entry(f.name.to_string()).or_insert(Value::Null);
            }
            assert_eq!(replayed.data, expected, "{:?}", p.entity);
        }
    }

    #[test]
    fn deals_keep_the_rules_of_their_pipelines() {
        let all = records(1_500, 5);
        let stage_keys: Vec<String> = all
            .iter()
            .filter(|p| p.entity == Entity::Pipeline)
            .flat_map(|p| p.data["stages"].as_array().unwrap().clone())
            .map(|s| s["key"].as_str().unwrap().to_string())
            .collect();
        let deals: Vec<&Prepared> = all.iter().filter(|p| p.entity == Entity::Deal).collect();
        assert_eq!(deals.len(), 300, "one contact in five has a deal");
        let text = |p: &Prepared, k: &str| p.data.get(k).and_then(Value::as_str).map(String::from);
        for d in deals {
            let status = text(d, "status").unwrap();
            let stage = text(d, "stage").unwrap();
            assert!(stage_keys.contains(&stage), "{stage}");
            assert_eq!(status == "open", text(d, "closed_at").is_none(), "{status}");
            assert_eq!(
                status == "lost",
                text(d, "lost_reason").is_some(),
                "{status}"
            );
            assert!(text(d, "owner_id").is_some());
            let created = clock::parse(&text(d, "created_at").unwrap()).unwrap();
            if let Some(closed) = text(d, "closed_at") {
                assert!(clock::parse(&closed).unwrap() >= created);
            }
        }
    }

    #[test]
    fn document_totals_are_exact_and_invoices_balance() {
        let all = records(3_000, 9);
        let mut payments: HashMap<String, i64> = HashMap::new();
        for p in all.iter().filter(|p| p.entity == Entity::Payment) {
            let invoice = p.data["invoice_id"].as_str().unwrap().to_string();
            *payments.entry(invoice).or_default() += p.data["amount"].as_i64().unwrap();
        }
        let mut numbered = 0;
        for doc in all.iter().filter(|p| p.entity.is_document()) {
            let inputs: Vec<LineInput> = doc.data["lines"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| LineInput {
                    quantity: Quantity::parse(&l["quantity"]).unwrap(),
                    unit_price: l["unit_price"].as_i64().unwrap(),
                    discount_percent: Percent::parse(&l["discount_percent"]).unwrap(),
                    tax_rate: Percent::parse(&l["tax_rate"]).unwrap(),
                })
                .collect();
            let totals = money::totals(&inputs).unwrap();
            assert_eq!(doc.data["subtotal"], json!(totals.subtotal));
            assert_eq!(doc.data["tax_total"], json!(totals.tax_total));
            assert_eq!(doc.data["total"], json!(totals.total));
            assert!(totals.total > 0);
            if doc.entity == Entity::Invoice {
                let paid = payments.get(&doc.id.to_string()).copied().unwrap_or(0);
                assert_eq!(doc.data["paid"], json!(paid));
                assert!(paid <= totals.total);
                let status = doc.data["status"].as_str().unwrap();
                let expected = match (status, paid) {
                    ("draft", 0) => "draft",
                    (_, 0) => "issued",
                    _ => after_payment(totals.total, paid),
                };
                assert_eq!(status, expected);
                assert_eq!(doc.number_year.is_none(), status == "draft");
            }
            numbered += usize::from(doc.number_year.is_some());
        }
        assert!(numbered > 50, "{numbered}");
    }

    #[test]
    fn the_main_pipeline_has_enough_open_deals() {
        let contacts = 5_000;
        let (mut g, _) = generator(1, clock::now());
        let main = json!(g.sales.as_ref().unwrap().main.id.to_string());
        g.company();
        let mut open_main = 0;
        for _ in 0..contacts {
            open_main += g
                .contact()
                .iter()
                .filter(|p| p.entity == Entity::Deal && p.data["status"] == json!("open"))
                .filter(|p| p.data["pipeline_id"] == main)
                .count();
        }
        // A million contacts give at least 12,000 open deals on the first pipeline's board.
        assert!(
            open_main * 1_000_000 >= 12_000 * contacts,
            "{open_main} open deals at {contacts} contacts"
        );
    }

    #[test]
    fn the_same_seed_gives_the_same_deals() {
        let now = clock::now();
        let make = || {
            let (mut g, _) = generator(4, now);
            g.company();
            (0..20)
                .flat_map(|_| g.contact())
                .filter(|p| p.entity == Entity::Deal)
                .map(|p| (p.data["title"].clone(), p.data["amount"].clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(make(), make());
        assert_eq!(make().len(), 4);
    }
}
