//! `rapport demo`: fills the database with realistic made-up data, fast.
//!
//! Records are made on a separate thread and written in transactions of a few thousand
//! rows straight through the store, each with its create event and search document, so
//! that history and search work on demo data exactly as on data entered by hand. Going
//! through `rapport_app::records::create` per record would check links and tags one query
//! at a time and take hours for a million contacts.

mod generate;
mod rng;
mod text;
mod words;

use crate::commands::open;
use crate::config::Config;
use crate::error::Usage;
use anyhow::{Context, Result, bail};
use generate::{Generator, Prepared};
use indicatif::{ProgressBar, ProgressStyle};
use rapport_core::clock;
use rapport_core::entity::Entity;
use rapport_store::{Db, StoreError, Tx, events, records, search};
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

#[derive(Debug, Default)]
struct Totals {
    tags: u64,
    companies: u64,
    contacts: u64,
    interactions: u64,
}

pub async fn run(config: &Config, contacts: u64, seed: u64) -> Result<()> {
    if contacts == 0 {
        bail!(Usage("--contacts must be at least 1".into()));
    }
    let db = open(config).await?;
    let result = fill(&db, contacts, seed).await;
    db.close().await;
    let (totals, seconds) = result?;
    let rate = totals.contacts as f64 / seconds.max(0.001) * 60.0;
    println!(
        "Added {} contacts, {} companies, {} interactions and {} tags in {seconds:.1} s ({rate:.0} contacts a minute).",
        totals.contacts, totals.companies, totals.interactions, totals.tags
    );
    Ok(())
}

async fn fill(db: &Db, contacts: u64, seed: u64) -> Result<(Totals, f64)> {
    let started = Instant::now();
    let now = clock::now();
    let mut generator = Generator::new(seed, now);
    let mut totals = Totals::default();

    let mut tx = db.begin().await?;
    for tag in generator.tags() {
        let name = tag
            .data
            .get("name")
            .and_then(|v| v.as_str())
            .unwrap_or_default();
        if !records::tag_exists(&mut tx, name).await? {
            write(&mut tx, &tag).await?;
            totals.tags += 1;
        }
    }
    tx.commit().await?;

    let bar = progress_bar(contacts)?;
    let (sender, mut receiver) = mpsc::channel::<Batch>(4);
    let companies = contacts.div_ceil(8);
    let producer =
        tokio::task::spawn_blocking(move || produce(generator, companies, contacts, &sender));
    while let Some(batch) = receiver.recv().await {
        let mut tx = db.begin().await?;
        tx.prepare_bulk(BULK_CACHE_MIB).await?;
        write_batch(&mut tx, &batch.records)
            .await
            .context("cannot write demo data")?;
        tx.commit().await?;
        for record in &batch.records {
            match record.entity {
                Entity::Company => totals.companies += 1,
                Entity::Contact => totals.contacts += 1,
                Entity::Interaction => totals.interactions += 1,
                _ => {}
            }
        }
        bar.inc(batch.contacts);
        bar.set_message(format!("{} interactions", totals.interactions));
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

/// Writes a batch the way `write` writes one record, with multi-row statements: rows in
/// an order that satisfies their links (companies, contacts, interactions), then events and
/// search documents.
async fn write_batch(tx: &mut Tx, batch: &[Prepared]) -> Result<(), StoreError> {
    for entity in [
        Entity::Tag,
        Entity::Company,
        Entity::Contact,
        Entity::Interaction,
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
    search::add_many(tx, &docs).await
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
