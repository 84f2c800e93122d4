//! Making demo records: each one complete with its bookkeeping fields, its history event
//! and its search text, ready for the store to write.

use super::rng::Rng;
use super::sales::{Owner, Party, Sales};
use super::text::{self, Fill, KINDS};
use super::words::{self, COMPANY_SIZES, FREE_MAIL, LANG_WEIGHTS, Lang, TAGS};
use rapport_core::clock;
use rapport_core::entity::{self, Entity};
use rapport_core::history::{self, Action, Event, Origin};
use serde_json::{Map, Value, json};
use time::{Duration, OffsetDateTime, Weekday};
use uuid::Uuid;

/// How far back the demo history reaches.
pub(super) const HISTORY: Duration = Duration::days(3 * 365);
/// One contact in this many has a deal.
const DEALS_EVERY: u64 = 5;

/// One record as it will be stored, with its create event and search document.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub entity: Entity,
    pub id: Uuid,
    pub data: Map<String, Value>,
    pub search: Option<String>,
    pub event: Event,
    /// For a sales document that has a number: the year whose counter numbers it. The
    /// writer takes the numbers, since only the database knows which are free.
    pub number_year: Option<i32>,
}

/// What a contact needs to know about its company.
pub(super) struct CompanyRef {
    id: Uuid,
    lang: Lang,
    name: String,
    domain: String,
    created: OffsetDateTime,
    /// The company's latest contact, asked to that contact's colleagues' meetings.
    colleague: Option<Colleague>,
}

/// A contact as a participant of another's meeting.
#[derive(Debug, Clone)]
struct Colleague {
    id: Uuid,
    name: String,
    email: Value,
}

const STAGES: &[(&str, u64)] = &[
    ("subscriber", 10),
    ("lead", 25),
    ("marketing_qualified", 12),
    ("sales_qualified", 10),
    ("opportunity", 10),
    ("customer", 25),
    ("evangelist", 3),
    ("other", 5),
];

/// Ids are minted when a record is made (not at its backdated creation time), as an
/// import would mint them: the same seed gives the same data but never the same keys, and
/// ids in insertion order append to every index keyed by them instead of splitting pages
/// all over it (seeding ran 1.6 times as fast as with backdated ids).
pub struct Generator {
    pub(super) rng: Rng,
    pub(super) now: OffsetDateTime,
    companies: Vec<CompanyRef>,
    /// The users who own records, once the demo has them.
    pub(super) staff: Vec<Owner>,
    /// The pipelines and products deals are made of, once the demo has them.
    pub(super) sales: Option<Sales>,
    contacts_made: u64,
}

impl Generator {
    pub fn new(seed: u64, now: OffsetDateTime) -> Generator {
        Generator {
            rng: Rng::new(seed),
            now,
            companies: Vec::new(),
            staff: Vec::new(),
            sales: None,
            contacts_made: 0,
        }
    }

    /// The demo's tags, as records.
    pub fn tags(&mut self) -> Vec<Prepared> {
        let at = self.now - HISTORY - Duration::days(30);
        TAGS.iter()
            .map(|(name, color)| {
                let mut data = Map::new();
                data.insert("name".into(), json!(name));
                data.insert("color".into(), json!(color));
                prepare(Entity::Tag, data, at)
            })
            .collect()
    }

    /// A new company, remembered so that later contacts can work there.
    pub fn company(&mut self) -> Prepared {
        let rng = &mut self.rng;
        let lang = *rng.weighted(&LANG_WEIGHTS);
        let w = lang.words();
        let (name, industry, domain) = lang.company(rng);
        let (city, postcode) = *rng.pick(w.cities);
        let created = between(
            rng,
            self.now - HISTORY - Duration::days(60),
            self.now - Duration::days(400),
            self.now,
        );
        let mut data = Map::new();
        data.insert("name".into(), json!(name));
        data.insert("domain".into(), json!(domain));
        data.insert("industry".into(), json!(industry));
        data.insert("size".into(), json!(rng.weighted(COMPANY_SIZES)));
        if rng.chance(90) {
            data.insert("phone".into(), json!(lang.landline(rng)));
        }
        data.insert("website".into(), json!(format!("https://www.{domain}")));
        data.insert(
            "address".into(),
            json!({
                "street": lang.street(rng),
                "postal_code": words::postal_code(postcode, rng),
                "city": city,
                "country": w.country,
            }),
        );
        if let Some(owner) = owner_for(rng, &self.staff, lang) {
            data.insert("owner_id".into(), json!(owner.to_string()));
        }
        data.insert("tags".into(), tags(rng, 25));
        data.insert("custom".into(), json!({}));
        let record = prepare(Entity::Company, data, created);
        self.companies.push(CompanyRef {
            id: record.id,
            lang,
            name,
            domain,
            created,
            colleague: None,
        });
        record
    }

    /// A new contact followed by its interactions.
    pub fn contact(&mut self) -> Vec<Prepared> {
        let rng = &mut self.rng;
        let index = if !self.companies.is_empty() && rng.chance(90) {
            // Squaring skews the pick so a few companies have many contacts, as in life.
            let u = rng.below(1 << 20) as f64 / f64::from(1u32 << 20);
            let index = ((u * u) * self.companies.len() as f64) as usize;
            Some(index.min(self.companies.len() - 1))
        } else {
            None
        };
        let company = index.and_then(|i| self.companies.get(i));
        let lang = company.map_or_else(|| *rng.weighted(&LANG_WEIGHTS), |c| c.lang);
        let w = lang.words();
        let female = rng.chance(50);
        let first = *rng.pick(if female { w.female } else { w.male });
        let last = rng.pick(w.last);
        let last = if female {
            words::feminine_surname(lang, last)
        } else {
            last.to_string()
        };
        let person = format!("{}.{}", words::slug(first), words::slug(&last));
        let private = match rng.below(3) {
            0 => format!("{person}@{}", rng.pick(FREE_MAIL)),
            1 => format!("{person}{}@{}", rng.range(1, 99), rng.pick(FREE_MAIL)),
            _ => format!(
                "{}{}@{}",
                words::slug(first),
                rng.range(1950, 2005),
                rng.pick(FREE_MAIL)
            ),
        };
        let mut emails = Vec::new();
        if let Some(c) = company {
            emails.push(json!({ "label": "work", "email": format!("{person}@{}", c.domain) }));
        }
        if company.is_none() || rng.chance(30) {
            emails.push(json!({ "label": "personal", "email": private }));
        }
        let email = emails[0]["email"].clone();
        let mobile = lang.mobile(rng);
        let mut phones = vec![json!({ "label": "mobile", "phone": mobile })];
        if company.is_some() && rng.chance(50) {
            phones.push(json!({ "label": "work", "phone": lang.landline(rng) }));
        }
        let stage = *rng.weighted(STAGES);
        let earliest = company.map_or(self.now - HISTORY, |c| c.created.max(self.now - HISTORY));
        let created = between(rng, earliest, self.now - Duration::days(7), self.now);

        let mut data = Map::new();
        data.insert("first_name".into(), json!(first));
        data.insert("last_name".into(), json!(last));
        data.insert("email".into(), email.clone());
        data.insert("phone".into(), json!(mobile));
        data.insert("emails".into(), Value::Array(emails));
        data.insert("phones".into(), Value::Array(phones));
        if company.is_some() && rng.chance(80) {
            let (male_title, female_title) = rng.pick(w.titles);
            data.insert(
                "title".into(),
                json!(if female { female_title } else { male_title }),
            );
        }
        if let Some(c) = company {
            data.insert("company_id".into(), json!(c.id.to_string()));
        }
        let owner = owner_for(rng, &self.staff, lang);
        if let Some(owner) = owner {
            data.insert("owner_id".into(), json!(owner.to_string()));
        }
        data.insert("lifecycle_stage".into(), json!(stage));
        data.insert("tags".into(), tags(rng, 35));
        data.insert("custom".into(), json!({}));

        let count = match stage {
            "subscriber" => rng.range(0, 6),
            "customer" | "evangelist" => rng.range(5, 21),
            _ => rng.range(2, 18),
        };
        let name = format!("{first} {last}");
        let fill = Fill {
            first,
            company: company.map(|c| c.name.as_str()),
            female,
        };
        let company_id = company.map(|c| c.id);
        let mut interactions = Vec::with_capacity(count as usize);
        for _ in 0..count {
            let at = between(rng, created, self.now, self.now);
            let kind = *rng.weighted(KINDS);
            let written = text::interaction(lang, kind, &fill, rng);
            let inbound = written.inbound.unwrap_or_else(|| rng.chance(50));
            let way = if inbound { "inbound" } else { "outbound" };
            let (direction, source) = match kind {
                "email" => (way, "email"),
                "call" => (way, "phone"),
                "sms" => (way, "sms"),
                "chat" => (way, "chat"),
                "meeting" => ("outbound", "ui"),
                _ => ("internal", "ui"),
            };
            let participant = match kind {
                "email" => json!([{
                    "name": name,
                    "email": email,
                    "role": if direction == "inbound" { "from" } else { "to" },
                }]),
                "call" | "sms" => json!([{ "name": name, "phone": mobile }]),
                // A colleague met before is asked along, so meetings are on the
                // timelines of contacts besides their own.
                "meeting" => match company.and_then(|c| c.colleague.as_ref()) {
                    Some(c) => json!([
                        { "name": name, "email": email },
                        { "contact_id": c.id.to_string(), "name": c.name, "email": c.email },
                    ]),
                    None => json!([{ "name": name, "email": email }]),
                },
                "chat" => json!([{ "name": name }]),
                _ => json!([]),
            };
            let mut i = Map::new();
            i.insert("kind".into(), json!(kind));
            i.insert("direction".into(), json!(direction));
            i.insert("occurred_at".into(), json!(clock::format(at)));
            if let Some(s) = written.subject {
                i.insert("subject".into(), json!(s));
            }
            i.insert("body".into(), json!(written.body));
            i.insert("contact_id".into(), Value::Null);
            if let Some(c) = company_id {
                i.insert("company_id".into(), json!(c.to_string()));
            }
            match kind {
                "call" => {
                    i.insert("duration_seconds".into(), json!(rng.range(45, 1800)));
                }
                "meeting" => {
                    i.insert("duration_seconds".into(), json!(rng.range(2, 6) * 900));
                }
                _ => {}
            }
            i.insert("participants".into(), participant);
            i.insert("source".into(), json!(source));
            i.insert("custom".into(), json!({}));
            interactions.push((i, at));
        }

        let company_name = company.map(|c| c.name.clone());
        let party = Party {
            lang,
            first: first.to_string(),
            name: name.clone(),
            company_id,
            company_name: company_name.clone(),
            created,
            owner,
            stage,
            contact_id: Uuid::nil(),
        };
        let mut contact = prepare(Entity::Contact, data, created);
        // A contact is found by its company's name too, as the services index it.
        if let (Some(text), Some(name)) = (contact.search.as_mut(), company_name) {
            text.push(' ');
            text.push_str(&name);
        }
        let contact_id = json!(contact.id.to_string());
        if let Some(c) = index.and_then(|i| self.companies.get_mut(i)) {
            c.colleague = Some(Colleague {
                id: contact.id,
                name: name.clone(),
                email: email.clone(),
            });
        }
        let mut out = Vec::with_capacity(interactions.len() + 1);
        out.push(contact);
        for (mut i, at) in interactions {
            i.insert("contact_id".into(), contact_id.clone());
            out.push(prepare(Entity::Interaction, i, at));
        }
        // One contact in five has a deal: 200,000 deals for a million contacts.
        self.contacts_made += 1;
        if self.contacts_made % DEALS_EVERY == 1 {
            let party = Party {
                contact_id: out[0].id,
                ..party
            };
            out.extend(self.deal(&party));
        }
        out
    }
}

/// Completes a record's own fields with the bookkeeping a replay of its single create
/// event rebuilds (see `rapport_app::records::write`).
pub(super) fn prepare(entity: Entity, own: Map<String, Value>, at: OffsetDateTime) -> Prepared {
    let at_text = clock::format(at);
    let id = Uuid::now_v7();
    let changes = history::diff(&Map::new(), &own, entity.own_fields().map(|f| f.name));
    let mut data = own;
    data.insert("id".into(), json!(id.to_string()));
    data.insert("version".into(), json!(1));
    data.insert("created_at".into(), json!(at_text));
    data.insert("updated_at".into(), json!(at_text));
    data.insert("deleted_at".into(), Value::Null);
    data.insert("created_by".into(), Value::Null);
    let search = entity
        .searchable()
        .then(|| entity::search_text(entity, &data));
    let event = Event {
        id: Uuid::now_v7(),
        entity,
        record_id: id,
        action: Action::Create,
        actor_id: None,
        origin: Origin::Import,
        occurred_at: at_text,
        changes,
    };
    Prepared {
        entity,
        id,
        data,
        search,
        event,
        number_year: None,
    }
}

/// A user of the contact's language to own a record, or any user when none speaks it.
fn owner_for(rng: &mut Rng, staff: &[Owner], lang: Lang) -> Option<Uuid> {
    if staff.is_empty() {
        return None;
    }
    let theirs: Vec<&Owner> = staff.iter().filter(|o| o.lang == lang).collect();
    if theirs.is_empty() {
        return Some(rng.pick(staff).id);
    }
    Some(rng.pick(&theirs).id)
}

/// Up to three tags, none with probability `100 - percent`.
fn tags(rng: &mut Rng, percent: u64) -> Value {
    let mut names: Vec<&str> = Vec::new();
    if rng.chance(percent) {
        for _ in 0..rng.range(1, 3) {
            let (name, _) = rng.pick(TAGS);
            if !names.contains(name) {
                names.push(name);
            }
        }
    }
    json!(names)
}

/// An instant on a working day between `from` and `to`, in office hours (UTC), and never
/// after `now`.
pub(super) fn between(
    rng: &mut Rng,
    from: OffsetDateTime,
    to: OffsetDateTime,
    now: OffsetDateTime,
) -> OffsetDateTime {
    let days = (to - from).whole_days().max(0);
    let mut day = (from + Duration::days(rng.range(0, days))).date();
    day = match day.weekday() {
        Weekday::Saturday => day.previous_day().unwrap_or(day),
        Weekday::Sunday => day.next_day().unwrap_or(day),
        _ => day,
    };
    let seconds = rng.range(7 * 3600, 18 * 3600 + 3599);
    let micros = rng.range(0, 999_999);
    let at =
        day.midnight().assume_utc() + Duration::seconds(seconds) + Duration::microseconds(micros);
    // Moving off a weekend or picking an early hour can land before `from`.
    let at = if at < from {
        from + Duration::minutes(rng.range(1, 240))
    } else {
        at
    };
    if at > now {
        now - Duration::minutes(rng.range(1, 600))
    } else {
        at
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rapport_core::validate::{self, Mode};

    fn generator() -> Generator {
        Generator::new(7, clock::now())
    }

    /// What a client would send to create the record: its own fields that are set.
    fn body(p: &Prepared) -> Value {
        let own: Map<String, Value> = p
            .entity
            .own_fields()
            .filter_map(|f| {
                p.data
                    .get(f.name)
                    .filter(|v| !v.is_null())
                    .map(|v| (f.name.to_string(), v.clone()))
            })
            .collect();
        Value::Object(own)
    }

    #[test]
    fn every_record_passes_validation_unchanged() {
        let mut g = generator();
        let mut records = g.tags();
        for _ in 0..40 {
            records.push(g.company());
        }
        for _ in 0..300 {
            records.extend(g.contact());
        }
        for p in &records {
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
        }
    }

    #[test]
    fn replaying_the_create_event_rebuilds_the_row() {
        let mut g = generator();
        g.company();
        for p in g.contact() {
            let replayed = history::replay(p.entity, [&p.event]).unwrap();
            let mut expected = p.data.clone();
            for f in p.entity.fields() {
                expected.entry(f.name.to_string()).or_insert(Value::Null);
            }
            assert_eq!(replayed.data, expected, "{:?}", p.entity);
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_data() {
        let now = clock::now();
        let mut a = Generator::new(3, now);
        let mut b = Generator::new(3, now);
        a.company();
        b.company();
        let (ca, cb) = (a.contact(), b.contact());
        assert_eq!(ca.len(), cb.len());
        assert_eq!(ca[0].data["email"], cb[0].data["email"]);
        assert_eq!(ca[0].data["first_name"], cb[0].data["first_name"]);
        assert_ne!(ca[0].id, cb[0].id);
    }

    #[test]
    fn times_fall_within_the_history_and_never_in_the_future() {
        let mut g = generator();
        g.company();
        let mut total = 0;
        for _ in 0..200 {
            for p in g.contact() {
                let at = clock::parse(p.data["created_at"].as_str().unwrap()).unwrap();
                assert!(at <= g.now && at >= g.now - HISTORY - Duration::days(2));
                total += usize::from(p.entity == Entity::Interaction);
            }
        }
        let average = total as f64 / 200.0;
        assert!((7.0..13.0).contains(&average), "{average}");
    }
}
