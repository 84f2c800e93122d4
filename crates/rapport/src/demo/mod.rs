//! `rapport demo`: fills the database with realistic made-up data, fast.
//!
//! Records are made on a separate thread and written in transactions of a few thousand
//! rows straight through the store, each with its create event and search document, so
//! that history and search work on demo data exactly as on data entered by hand. Going
//! through `rapport_app::records::create` per record would check links and tags one query
//! at a time and take hours for a million contacts.
//!
//! Before the contacts come the staff who own them, the products and the pipelines; one
//! contact in five has a deal, and won deals have quotes, orders, invoices and payments.

mod catalogue;
mod generate;
mod kb;
mod rng;
mod sales;
mod text;
mod words;

use crate::commands::app;
use crate::config::Config;
use crate::error::Usage;
use anyhow::{Context, Result, bail};
use generate::{Generator, Prepared};
use indicatif::{ProgressBar, ProgressStyle};
use rapport_core::clock;
use rapport_core::entity::Entity;
use rapport_core::history::Change;
use rapport_core::policy::Visibility;
use rapport_core::query::ListQuery;
use rapport_store::{Db, StoreError, Tx, events, records, search, users};
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};
use std::time::Instant;
use tokio::sync::mpsc;

/// Contacts per transaction: with their interactions about 5,500 records. Larger
/// transactions write each hot index page to the WAL fewer times (500 seeded 15 % faster
/// than 200).
const CONTACTS_PER_BATCH: u64 = 500;
/// The page cache the writer keeps while seeding: at a million contacts the interactions'
/// indexes alone hold about a gigabyte, and inserts land all over them.
const BULK_CACHE_MIB: u32 = 1024;
/// Companies per transaction.
const COMPANIES_PER_BATCH: u64 = 2_000;

/// One transaction's worth of records.
struct Batch {
    records: Vec<Prepared>,
    contacts: u64,
}

/// How many records of each entity the demo wrote.
#[derive(Debug, Default)]
struct Totals(HashMap<Entity, u64>);

impl Totals {
    fn add(&mut self, entity: Entity) {
        *self.0.entry(entity).or_default() += 1;
    }

    fn of(&self, entity: Entity) -> u64 {
        self.0.get(&entity).copied().unwrap_or(0)
    }

    /// "50 contacts, 7 companies, …" in the order people care about them.
    fn summary(&self) -> String {
        let parts: Vec<String> = [
            (Entity::Contact, "contact", "contacts"),
            (Entity::Company, "company", "companies"),
            (Entity::Interaction, "interaction", "interactions"),
            (Entity::Deal, "deal", "deals"),
            (Entity::Quote, "quote", "quotes"),
            (Entity::Order, "order", "orders"),
            (Entity::Invoice, "invoice", "invoices"),
            (Entity::Payment, "payment", "payments"),
            (Entity::Task, "task", "tasks"),
            (Entity::Product, "product", "products"),
            (Entity::PriceList, "price list", "price lists"),
            (Entity::Pipeline, "pipeline", "pipelines"),
            (Entity::User, "user", "users"),
            (Entity::Tag, "tag", "tags"),
            (Entity::KbArticle, "article", "articles"),
        ]
        .iter()
        .map(|(entity, one, many)| {
            let n = self.of(*entity);
            format!("{n} {}", if n == 1 { one } else { many })
        })
        .collect();
        match parts.split_last() {
            Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
            None => String::new(),
        }
    }
}

pub async fn run(config: &Config, contacts: u64, seed: u64) -> Result<()> {
    if contacts == 0 {
        bail!(Usage("--contacts must be at least 1".into()));
    }
    // The services make a new database's default pipeline, which deals go into.
    let db = app(config).await?.db;
    let result = fill(&db, contacts, seed).await;
    db.close().await;
    let (totals, seconds) = result?;
    let rate = totals.of(Entity::Contact) as f64 / seconds.max(0.001) * 60.0;
    println!(
        "Added {} in {seconds:.1} s ({rate:.0} contacts a minute).",
        totals.summary()
    );
    Ok(())
}

async fn fill(db: &Db, contacts: u64, seed: u64) -> Result<(Totals, f64)> {
    let started = Instant::now();
    let now = clock::now();
    let mut generator = Generator::new(seed, now);
    let mut totals = Totals::default();

    // Staff found by their address from an earlier run are used again.
    let mut staff = Vec::new();
    for (i, user) in generator.users().into_iter().enumerate() {
        let email = user.data.get("email").and_then(Value::as_str);
        match users::id_by_email(db, email.unwrap_or_default()).await? {
            Some(id) => generator.use_existing_user(i, id),
            None => staff.push(user),
        }
    }
    let pairs = [("limit".to_string(), "100".to_string())];
    let query = ListQuery::parse(Entity::Pipeline, &pairs)?;
    let pipelines = records::list(db, &query, &Visibility::All).await?.items;
    let mut setup = generator.catalogue(&pipelines);

    let mut tx = db.begin().await?;
    for tag in generator.tags() {
        let name = tag
            .data
            .get("name")
            .and_then(|v| v.as_str())
            .unwrap_or_default();
        if !records::tag_exists(&mut tx, name).await? {
            write(&mut tx, &tag).await?;
            totals.add(Entity::Tag);
        }
    }
    write_batch(&mut tx, &mut staff).await?;
    for user in &staff {
        // Nobody signs in as a demo user until an administrator sets a password.
        let hash = rapport_app::auth::hash_password(&unguessable()?)?;
        users::set_password_hash(&mut tx, user.id, &hash).await?;
        totals.add(Entity::User);
    }
    write_batch(&mut tx, &mut setup).await?;
    setup.iter().for_each(|r| totals.add(r.entity));
    // The knowledge base is written once; a second run leaves it as it is.
    if records::count_all(db, Entity::KbArticle).await? == 0 {
        let mut articles = generator.knowledge_base();
        write_batch(&mut tx, &mut articles).await?;
        articles.iter().for_each(|r| totals.add(r.entity));
    }
    tx.commit().await?;

    let bar = progress_bar(contacts)?;
    let (sender, mut receiver) = mpsc::channel::<Batch>(4);
    let companies = contacts.div_ceil(8);
    let producer =
        tokio::task::spawn_blocking(move || produce(generator, companies, contacts, &sender));
    while let Some(mut batch) = receiver.recv().await {
        let mut tx = db.begin().await?;
        tx.prepare_bulk(BULK_CACHE_MIB).await?;
        write_batch(&mut tx, &mut batch.records)
            .await
            .context("cannot write demo data")?;
        tx.commit().await?;
        for record in &batch.records {
            totals.add(record.entity);
        }
        bar.inc(batch.contacts);
        bar.set_message(format!(
            "{} interactions, {} deals",
            totals.of(Entity::Interaction),
            totals.of(Entity::Deal)
        ));
    }
    producer.await.context("the demo data generator failed")?;
    bar.finish_and_clear();
    Ok((totals, started.elapsed().as_secs_f64()))
}

/// Makes every record and sends them in batches; stops early if the writer has gone.
fn produce(mut generator: Generator, companies: u64, contacts: u64, sender: &mpsc::Sender<Batch>) {
    let mut made = 0;
    while made < companies {
        let n = COMPANIES_PER_BATCH.min(companies - made);
        let records = (0..n).map(|_| generator.company()).collect();
        if sender
            .blocking_send(Batch {
                records,
                contacts: 0,
            })
            .is_err()
        {
            return;
        }
        made += n;
    }
    made = 0;
    while made < contacts {
        let n = CONTACTS_PER_BATCH.min(contacts - made);
        let mut records = Vec::with_capacity(n as usize * 12);
        for _ in 0..n {
            records.extend(generator.contact());
        }
        if sender
            .blocking_send(Batch {
                records,
                contacts: n,
            })
            .is_err()
        {
            return;
        }
        made += n;
    }
}

/// Writes a batch the way `write` writes one record, with multi-row statements: numbers
/// for its documents, rows in an order that satisfies their links, then events and search
/// documents.
async fn write_batch(tx: &mut Tx, batch: &mut [Prepared]) -> Result<()> {
    number(tx, batch).await?;
    for entity in [
        Entity::Tag,
        Entity::User,
        Entity::Pipeline,
        Entity::Product,
        Entity::PriceList,
        Entity::Company,
        Entity::Contact,
        Entity::Interaction,
        Entity::Deal,
        Entity::Quote,
        Entity::Order,
        Entity::Invoice,
        Entity::Payment,
        Entity::Task,
        Entity::KbCategory,
        Entity::KbArticle,
    ] {
        let rows: Vec<_> = batch
            .iter()
            .filter(|r| r.entity == entity)
            .map(|r| &r.data)
            .collect();
        if !rows.is_empty() {
            records::insert_many(tx, entity, &rows).await?;
        }
    }
    let events: Vec<_> = batch.iter().map(|r| &r.event).collect();
    events::insert_many(tx, &events).await?;
    let docs: Vec<_> = batch
        .iter()
        .filter_map(|r| r.search.as_deref().map(|text| (r.entity, r.id, text)))
        .collect();
    search::add_many(tx, &docs).await?;
    Ok(())
}

/// Numbers a batch's documents from the counters the application takes its numbers from,
/// per type and year and in the order of their dates, and records each number in the
/// document's create event.
async fn number(tx: &mut Tx, batch: &mut [Prepared]) -> Result<()> {
    let mut wanted: BTreeMap<(&'static str, i32), Vec<usize>> = BTreeMap::new();
    for (i, record) in batch.iter().enumerate() {
        if let Some(year) = record.number_year {
            wanted
                .entry((record.entity.table(), year))
                .or_default()
                .push(i);
        }
    }
    for ((_, year), mut indexes) in wanted {
        let issued = |i: &usize| {
            batch[*i]
                .data
                .get("issue_date")
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        indexes.sort_by_key(issued);
        let entity = batch[indexes[0]].entity;
        let count = i64::try_from(indexes.len())?;
        let numbers = rapport_app::documents::take_numbers(tx, entity, year, count).await?;
        for (i, number) in indexes.into_iter().zip(numbers) {
            let record = &mut batch[i];
            record.data.insert("number".into(), json!(number));
            record.event.changes.insert(
                "number".into(),
                Change {
                    old: Value::Null,
                    new: json!(number),
                },
            );
        }
    }
    Ok(())
}

/// A password nobody knows: 256 random bits, never shown or kept.
fn unguessable() -> Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Writes one record the way `rapport_app::records::write` does on create: the row, its
/// search document and its history event.
async fn write(tx: &mut Tx, record: &Prepared) -> Result<(), StoreError> {
    records::insert(tx, record.entity, &record.data).await?;
    if let Some(text) = &record.search {
        search::set(tx, record.entity, record.id, text, true).await?;
    }
    events::insert(tx, &record.event).await
}

/// A progress bar on stderr; it stays hidden when stderr is not a terminal.
fn progress_bar(contacts: u64) -> Result<ProgressBar> {
    let style = ProgressStyle::with_template(
        "{elapsed_precise} [{wide_bar}] {pos}/{len} contacts, {msg} ({per_sec}, {eta} left)",
    )
    .context("bad progress bar template")?
    .progress_chars("=> ");
    Ok(ProgressBar::new(contacts).with_style(style))
}
