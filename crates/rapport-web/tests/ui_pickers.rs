//! The pickers for linked records: their suggestions (matches, what the caller may see,
//! escaping), and forms sent without JavaScript naming a record by email address, name or
//! id, with ambiguous and unknown text refused in place; in the task, meeting, document
//! and company forms. On both backends.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use rapport_app::Ctx;
use rapport_core::Entity;
use rapport_core::policy::Role;
use rapport_testkit::{TestApp, TestBackend, on_both_backends};
use reqwest::StatusCode;
use scraper::{Html, Selector};
use serde_json::{Value, json};
use support::{Browser, OTHER_EMAIL, OTHER_PASSWORD, input_value};
use uuid::Uuid;

on_both_backends! {
    the_picker_suggests_what_the_caller_may_see => suggestions;
    a_task_links_records_named_by_email_name_or_id => task_links;
    ambiguous_or_unknown_links_are_refused_in_place_and_nothing_is_written => refused;
    a_meeting_adds_a_typed_contact_and_drops_an_unticked_one => meeting_contacts;
    a_document_names_its_contact_and_company_by_name => document_links;
    a_company_keeps_its_vat_id_and_peppol_address => company_invoicing;
}

fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap()
}

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_string()
}

/// The suggestions of a fragment: (id, name) of each option that names a record.
fn options(html: &str) -> Vec<(String, String)> {
    let doc = Html::parse_fragment(html);
    doc.select(&sel("[role=listbox] [role=option][data-value]"))
        .map(|o| {
            (
                o.value().attr("data-value").unwrap().to_string(),
                o.value().attr("data-label").unwrap().to_string(),
            )
        })
        .collect()
}

/// The message shown under a field marked invalid, if any.
fn invalid(html: &str, field: &str) -> Option<String> {
    let doc = Html::parse_document(html);
    let input = doc
        .select(&sel(&format!("[name=\"{field}\"][aria-invalid=\"true\"]")))
        .next()?;
    let described = input.value().attr("aria-describedby")?;
    let message = doc
        .select(&sel("[id]"))
        .find(|e| e.value().attr("id") == Some(described))?;
    let text = message.text().collect::<String>().trim().to_string();
    (!text.is_empty()).then_some(text)
}

async fn get_json(t: &TestApp, path: &str) -> Value {
    let r = t.get(path).await;
    assert_eq!(r.status(), 200, "GET {path}");
    r.json().await.unwrap()
}

async fn signed_in(t: &TestApp) -> (Browser<'_>, String) {
    let mut b = Browser::new(t);
    b.sign_in_admin().await;
    let csrf = b.csrf().await;
    (b, csrf)
}

async fn pick(b: &mut Browser<'_>, entity: &str, typed: &str) -> String {
    let path = format!(
        "/pick/{entity}?for=t-pick&field=pick&pick={}",
        urlencoding(typed)
    );
    let (status, html, _) = b.get(&path).await;
    assert_eq!(status, StatusCode::OK, "{path}");
    html
}

fn urlencoding(s: &str) -> String {
    serde_urlencoded::to_string([("", s)]).unwrap()[1..].to_string()
}

async fn pipeline(t: &TestApp) -> String {
    id(&get_json(t, "/api/v1/pipelines").await["items"][0])
}

async fn suggestions(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let agent = rapport_app::auth::add_user(
        &t.app,
        &Ctx::system(),
        OTHER_EMAIL,
        "Ewa Nowak",
        Role::Agent,
        Some(OTHER_PASSWORD),
    )
    .await
    .unwrap();
    let kari = t
        .create(
            "contacts",
            json!({"first_name": "Kari", "last_name": "Nordmann", "email": "kari@example.no", "owner_id": t.admin_id}),
        )
        .await;
    let karin = t
        .create(
            "contacts",
            json!({"first_name": "Karin", "last_name": "Berg", "email": "karin@example.se", "owner_id": agent}),
        )
        .await;
    for i in 0..12 {
        t.create(
            "contacts",
            json!({"first_name": format!("Lund{i}"), "last_name": "Sørensen", "owner_id": t.admin_id}),
        )
        .await;
    }
    t.create(
        "contacts",
        json!({"first_name": "<script>alert(1)</script>", "last_name": "Hostile", "email": "x@evil.example"}),
    )
    .await;
    let company = t
        .create(
            "companies",
            json!({"name": "Bergen Bryggeri", "domain": "bryggeri.example"}),
        )
        .await;
    let pipeline = pipeline(&t).await;
    let deal = t
        .create(
            "deals",
            json!({"title": "Brewing kit", "pipeline_id": pipeline, "amount": 1_250_000, "currency": "NOK"}),
        )
        .await;

    // The walkers of every route (CSRF, accessibility) see the pickers' routes.
    let routes = rapport_web::ui::route_list();
    for path in ["/pick/contacts", "/pick/companies", "/pick/deals"] {
        assert!(
            routes
                .iter()
                .any(|(m, p)| m == reqwest::Method::GET && p == path),
            "{path}"
        );
    }
    let (mut b, _) = signed_in(&t).await;
    // Every match the admin sees, with its detail, as options of a listbox named by the
    // picker's label.
    let html = pick(&mut b, "contacts", "kar").await;
    let found = options(&html);
    assert!(
        found.contains(&(id(&kari), "Kari Nordmann".into())),
        "{html}"
    );
    assert!(found.contains(&(id(&karin), "Karin Berg".into())), "{html}");
    assert!(html.contains("kari@example.no"));
    let doc = Html::parse_fragment(&html);
    let list = doc.select(&sel("ul[role=listbox]")).next().unwrap();
    assert_eq!(list.value().attr("id"), Some("t-pick-list"));
    assert_eq!(list.value().attr("aria-labelledby"), Some("t-pick-label"));
    assert!(
        doc.select(&sel("[role=option]")).all(|o| o
            .value()
            .attr("id")
            .unwrap()
            .starts_with("t-pick-opt-"))
    );
    // An exact email address finds its contact; no more than ten are suggested.
    assert_eq!(
        options(&pick(&mut b, "contacts", "karin@example.se").await),
        [(id(&karin), "Karin Berg".into())]
    );
    assert_eq!(
        options(&pick(&mut b, "contacts", "Sørensen").await).len(),
        10
    );
    // A single letter is too short to search; nothing matching says so.
    assert!(options(&pick(&mut b, "contacts", "k").await).is_empty());
    let none = pick(&mut b, "contacts", "Zzyzx").await;
    assert!(options(&none).is_empty());
    assert!(none.contains("No matches"), "{none}");
    // Names are text, never markup.
    let hostile = pick(&mut b, "contacts", "hostile").await;
    assert_eq!(options(&hostile).len(), 1, "{hostile}");
    assert!(!hostile.contains("<script>"), "{hostile}");
    assert!(hostile.contains("&#60;script&#62;"), "{hostile}");
    // The box's id comes back only as letters, digits and dashes.
    let (_, odd, _) = b
        .get("/pick/contacts?for=%22%3E%3Cscript%3E&field=q&q=kari")
        .await;
    assert!(
        !odd.contains("<script>") && odd.contains("id=\"pick-list\""),
        "{odd}"
    );
    // Companies and deals are picked the same way.
    assert_eq!(
        options(&pick(&mut b, "companies", "bergen").await),
        [(id(&company), "Bergen Bryggeri".into())]
    );
    let deals = pick(&mut b, "deals", "brewing").await;
    assert_eq!(options(&deals), [(id(&deal), "Brewing kit".into())]);
    assert!(deals.contains("12,500.00"), "the deal's amount: {deals}");

    // The agent is offered only the contact they own.
    let mut agent = Browser::new(&t);
    agent.sign_in(OTHER_EMAIL, OTHER_PASSWORD).await;
    let found = options(&pick(&mut agent, "contacts", "kar").await);
    assert_eq!(found, [(id(&karin), "Karin Berg".into())]);
    let by_id = pick(&mut agent, "contacts", &id(&kari)).await;
    assert!(options(&by_id).is_empty(), "not even by its id");
}

/// The task form's fields, with the links given.
fn task_form<'a>(csrf: &'a str, links: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![
        ("_csrf", csrf),
        ("title", "Call about the order"),
        ("priority", "normal"),
        ("status", "open"),
        ("repeat", ""),
        ("repeat_every", "1"),
        ("repeat_monthly_by", "start"),
        ("repeat_end", "never"),
    ];
    form.extend_from_slice(links);
    form
}

async fn task_links(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let kari = t
        .create(
            "contacts",
            json!({"first_name": "Kari", "last_name": "Nordmann", "email": "kari@example.no"}),
        )
        .await;
    let ola = t
        .create(
            "contacts",
            json!({"first_name": "Ola", "last_name": "Hansen", "email": "ola@example.no"}),
        )
        .await;
    let company = t
        .create("companies", json!({"name": "Bergen Bryggeri"}))
        .await;
    let pipeline = pipeline(&t).await;
    let deal = t
        .create(
            "deals",
            json!({"title": "Brewing kit", "pipeline_id": pipeline}),
        )
        .await;
    let (mut b, csrf) = signed_in(&t).await;

    // The new form's pickers: a labelled combobox and a hidden id for each link.
    let (_, html, _) = b.get("/tasks/new").await;
    let doc = Html::parse_document(&html);
    for name in ["contact", "company", "deal"] {
        let input = doc
            .select(&sel(&format!("input[name={name}][role=combobox]")))
            .next()
            .unwrap_or_else(|| panic!("a {name} picker"));
        assert_eq!(input.value().attr("aria-expanded"), Some("false"));
        let box_id = input.value().attr("id").unwrap();
        assert_eq!(
            input.value().attr("aria-controls"),
            Some(format!("{box_id}-list").as_str())
        );
        assert!(
            doc.select(&sel(&format!("label[for={box_id}]")))
                .next()
                .is_some()
        );
        assert_eq!(
            doc.select(&sel(&format!("input[type=hidden][name={name}_id]")))
                .count(),
            1
        );
    }
    assert_eq!(doc.select(&sel("select[name=contact_id]")).count(), 0);

    // Typed by hand: the contact's email address, the company's id and the deal's title.
    let company_id = id(&company);
    let form = task_form(
        &csrf,
        &[
            ("contact", "KARI@example.no"),
            ("contact_id", ""),
            ("company", &company_id),
            ("deal", "brewing KIT"),
        ],
    );
    let (status, body, location) = b.post("/tasks/new", &form).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let path = location.unwrap();
    let task_id = path.trim_start_matches("/tasks/").to_string();
    let saved = get_json(&t, &format!("/api/v1/tasks/{task_id}")).await;
    assert_eq!(saved["contact_id"], kari["id"]);
    assert_eq!(saved["company_id"], company["id"]);
    assert_eq!(saved["deal_id"], deal["id"]);

    // The edit form shows the linked records' names, with their ids beside them.
    let (_, html, _) = b.get(&format!("{path}/edit")).await;
    assert_eq!(input_value(&html, "contact"), "Kari Nordmann");
    assert_eq!(input_value(&html, "contact_id"), id(&kari));
    assert_eq!(input_value(&html, "company"), "Bergen Bryggeri");
    assert_eq!(input_value(&html, "deal"), "Brewing kit");
    let version = input_value(&html, "_version");

    // Saving it unchanged keeps the links; a name typed over a chosen one wins, since a
    // browser without JavaScript still sends the old id; an emptied box unlinks.
    let kari_id = id(&kari);
    let deal_id = id(&deal);
    let form = task_form(
        &csrf,
        &[
            ("_version", &version),
            ("contact", "Ola Hansen"),
            ("contact_id", &kari_id),
            ("company", ""),
            ("company_id", &company_id),
            ("deal", "Brewing kit"),
            ("deal_id", &deal_id),
        ],
    );
    let (status, body, _) = b.post(&format!("{path}/edit"), &form).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let saved = get_json(&t, &format!("/api/v1/tasks/{task_id}")).await;
    assert_eq!(saved["contact_id"], ola["id"]);
    assert_eq!(saved["company_id"], Value::Null);
    assert_eq!(saved["deal_id"], deal["id"]);
}

async fn refused(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    for email in ["ola@example.no", "ola.hansen@example.com"] {
        t.create(
            "contacts",
            json!({"first_name": "Ola", "last_name": "Hansen", "email": email}),
        )
        .await;
    }
    let (mut b, csrf) = signed_in(&t).await;
    let tasks = || rapport_store::records::count(&t.app.db, Entity::Task);
    let before = tasks().await.unwrap();

    // Two contacts share the name: the form comes back with the text kept and the
    // problem under the contact's field.
    let form = task_form(&csrf, &[("contact", "Ola Hansen"), ("contact_id", "")]);
    let (status, html, _) = b.post("/tasks/new", &form).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{html}");
    let message = invalid(&html, "contact").expect("the contact is named");
    assert!(message.contains("Several"), "{message}");
    assert_eq!(input_value(&html, "contact"), "Ola Hansen");
    assert_eq!(input_value(&html, "title"), "Call about the order");

    // Nothing has this name, email address or id.
    let unknown = Uuid::now_v7().to_string();
    for typed in ["Nobody Here", "nobody@example.com", unknown.as_str()] {
        let form = task_form(&csrf, &[("company", typed)]);
        let (status, html, _) = b.post("/tasks/new", &form).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{typed}");
        assert!(invalid(&html, "company").is_some(), "{typed}: {html}");
    }
    // In another language the message is that language's.
    b.lang = "de";
    let form = task_form(&csrf, &[("deal", "Nothing at all")]);
    let (status, html, _) = b.post("/tasks/new", &form).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let message = invalid(&html, "deal").unwrap();
    assert!(message.contains("Nichts"), "{message}");
    assert_eq!(tasks().await.unwrap(), before, "nothing was written");

    // The document forms refuse the same way.
    b.lang = "en";
    let (status, html, _) = b
        .post(
            "/quotes/new",
            &[
                ("_csrf", csrf.as_str()),
                ("contact", "ola hansen"),
                ("currency", "EUR"),
                ("line_rows", "1"),
                ("lines[0].description", "Set-up"),
                ("lines[0].unit_price", "100"),
                ("lines[0].tax_rate", "25"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(invalid(&html, "contact").unwrap().contains("Several"));
    assert_eq!(
        rapport_store::records::count(&t.app.db, Entity::Quote)
            .await
            .unwrap(),
        0
    );
    // An exact email address tells the namesakes apart.
    let (status, body, _) = b
        .post(
            "/quotes/new",
            &[
                ("_csrf", csrf.as_str()),
                ("contact", "ola.hansen@example.com"),
                ("currency", "EUR"),
                ("line_rows", "1"),
                ("lines[0].description", "Set-up"),
                ("lines[0].unit_price", "100"),
                ("lines[0].tax_rate", "25"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
}

async fn meeting_contacts(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let kari = t
        .create(
            "contacts",
            json!({"first_name": "Kari", "last_name": "Nordmann", "email": "kari@example.no"}),
        )
        .await;
    let ola = t
        .create(
            "contacts",
            json!({"first_name": "Ola", "last_name": "Hansen", "email": "ola@example.no"}),
        )
        .await;
    let (mut b, csrf) = signed_in(&t).await;
    let admin = t.admin_id.to_string();
    let kari_id = id(&kari);
    let base = [
        ("_csrf", csrf.as_str()),
        ("subject", "Tasting"),
        ("start", "2026-06-09T10:00"),
        ("end", "2026-06-09T11:00"),
        ("owner_id", admin.as_str()),
        ("user", admin.as_str()),
    ];

    // An unknown contact typed in the picker is refused and nothing is made.
    let mut form = base.to_vec();
    form.extend([
        ("contact", kari_id.as_str()),
        ("contact_add", "Nobody Here"),
    ]);
    let (status, html, _) = b.post("/meetings/new", &form).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(invalid(&html, "contact_add").is_some(), "{html}");
    assert_eq!(
        rapport_store::records::count(&t.app.db, Entity::Interaction)
            .await
            .unwrap(),
        0
    );

    // One contact ticked, another typed by email address: both take part.
    let mut form = base.to_vec();
    form.extend([
        ("contact", kari_id.as_str()),
        ("contact_add", "ola@example.no"),
        ("contact_add_id", ""),
    ]);
    let (status, body, location) = b.post("/meetings/new", &form).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let path = location.unwrap();
    let meeting_id = path.trim_start_matches("/meetings/").to_string();
    let stored = get_json(&t, &format!("/api/v1/interactions/{meeting_id}")).await;
    let contacts: Vec<&str> = stored["participants"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["contact_id"].as_str())
        .collect();
    assert_eq!(contacts, [kari_id.as_str(), ola["id"].as_str().unwrap()]);

    // The edit form lists them as ticked boxes with their names, beside an empty picker.
    let (_, html, _) = b.get(&format!("{path}/edit")).await;
    let doc = Html::parse_document(&html);
    let ticked: Vec<String> = doc
        .select(&sel("#m-contact-chosen li"))
        .map(|li| li.text().collect::<String>().trim().to_string())
        .collect();
    assert_eq!(ticked, ["Kari Nordmann", "Ola Hansen"]);
    assert_eq!(doc.select(&sel("input[name=contact][checked]")).count(), 2);
    assert_eq!(input_value(&html, "contact_add"), "");
    let version = input_value(&html, "_version");

    // Kari's box left unticked takes her off the meeting.
    let ola_id = id(&ola);
    let mut form = base.to_vec();
    form.extend([
        ("_version", version.as_str()),
        ("contact", ola_id.as_str()),
        ("contact_add", ""),
    ]);
    let (status, body, _) = b.post(&format!("{path}/edit"), &form).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let stored = get_json(&t, &format!("/api/v1/interactions/{meeting_id}")).await;
    assert_eq!(stored["contact_id"], ola["id"]);
    assert_eq!(
        stored["participants"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["contact_id"].is_string())
            .count(),
        1
    );
}

async fn document_links(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let kari = t
        .create(
            "contacts",
            json!({"first_name": "Kari", "last_name": "Nordmann", "email": "kari@example.no"}),
        )
        .await;
    let company = t
        .create("companies", json!({"name": "Bergen Bryggeri"}))
        .await;
    let (mut b, csrf) = signed_in(&t).await;
    let (_, html, _) = b.get("/invoices/new").await;
    let doc = Html::parse_document(&html);
    for name in ["contact", "company"] {
        assert_eq!(
            doc.select(&sel(&format!("input[name={name}][role=combobox]")))
                .count(),
            1,
            "a {name} picker"
        );
    }
    let (status, body, location) = b
        .post(
            "/invoices/new",
            &[
                ("_csrf", csrf.as_str()),
                ("contact", "kari nordmann"),
                ("company", "Bergen Bryggeri"),
                ("currency", "NOK"),
                ("line_rows", "1"),
                ("lines[0].description", "Tasting"),
                ("lines[0].unit_price", "100"),
                ("lines[0].tax_rate", "25"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let page = location.unwrap();
    let saved = get_json(&t, &format!("/api/v1{page}")).await;
    assert_eq!(saved["contact_id"], kari["id"]);
    assert_eq!(saved["company_id"], company["id"]);
    let (_, html, _) = b.get(&format!("{page}/edit")).await;
    assert_eq!(input_value(&html, "contact"), "Kari Nordmann");
    assert_eq!(input_value(&html, "contact_id"), id(&kari));
    assert_eq!(input_value(&html, "company"), "Bergen Bryggeri");
    assert_eq!(input_value(&html, "company_id"), id(&company));
}

async fn company_invoicing(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let (mut b, csrf) = signed_in(&t).await;
    let (_, html, _) = b.get("/companies/new").await;
    let doc = Html::parse_document(&html);
    for name in ["vat_id", "peppol_id"] {
        let input = doc
            .select(&sel(&format!("input[name={name}]")))
            .next()
            .unwrap_or_else(|| panic!("a {name} field"));
        let box_id = input.value().attr("id").unwrap();
        assert!(
            doc.select(&sel(&format!("label[for={box_id}]")))
                .next()
                .is_some()
        );
    }
    let form = |vat: &'static str| {
        vec![
            ("_csrf", csrf.clone()),
            ("name", "Łódź Piekarnia".to_string()),
            ("vat_id", vat.to_string()),
            ("peppol_id", "9945:PL7251801126".to_string()),
        ]
    };
    let pairs = form("12345");
    let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, html, _) = b.post("/companies/new", &pairs).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(invalid(&html, "vat_id").is_some(), "{html}");
    assert_eq!(
        rapport_store::records::count(&t.app.db, Entity::Company)
            .await
            .unwrap(),
        0
    );
    let pairs = form("pl 7251801126");
    let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, body, location) = b.post("/companies/new", &pairs).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let page = location.unwrap();
    let saved = get_json(&t, &format!("/api/v1{page}")).await;
    assert_eq!(saved["vat_id"], "PL7251801126");
    assert_eq!(saved["peppol_id"], "9945:PL7251801126");
    let (_, html, _) = b.get(&format!("{page}/edit")).await;
    assert_eq!(input_value(&html, "vat_id"), "PL7251801126");
    assert_eq!(input_value(&html, "peppol_id"), "9945:PL7251801126");
}
