//! The pages of quotes, orders and invoices: their lists, a page per document with the
//! steps its status allows, payments of invoices, a print-ready page, and create and edit
//! forms whose lines are edited as rows. Every change goes through the same document and
//! record services as the API, so the rules and numbers are the same.

use super::Routes;
use super::forms::Choice;
use super::i18n::Tr;
use super::numbers;
use super::pages::{Shell, contact_name, error_page, field, form, message_page, render};
use super::picker::{self, Picker};
use super::session::{UiCtx, csrf_refused, same_secret};
use crate::AppState;
use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use bytes::Bytes;
use rapport_app::{AppError, documents as svc, records};
use rapport_core::documents::{self as rules, STEPS};
use rapport_core::entity::{Entity, PAYMENT_METHODS, UNITS};
use rapport_core::money::{self, LineInput, Percent, Quantity};
use rapport_core::record::{Record, etag_for};
use serde_json::{Map, Value, json};
use std::collections::HashMap;
use uuid::Uuid;

/// The document kinds, in navigation order.
pub const KINDS: [Entity; 3] = [Entity::Quote, Entity::Order, Entity::Invoice];

/// The parts of a line the form edits, in column order.
const LINE_PARTS: [&str; 7] = [
    "product_id",
    "description",
    "quantity",
    "unit",
    "unit_price",
    "discount_percent",
    "tax_rate",
];

/// The most rows the lines editor reads back: one more than a document may have, so that
/// too many lines are refused by the services rather than cut off here.
const MAX_ROWS: usize = 501;

/// The currency a document without one and without products is priced in, as the
/// documents service decides; the form reads typed prices in its minor units.
const FALLBACK_CURRENCY: &str = "EUR";

/// The routes of the three document kinds and the payments of invoices.
pub(super) fn routes() -> Routes {
    KINDS
        .into_iter()
        .fold(Routes::new(), |routes, entity| {
            routes.merge(kind_routes(entity))
        })
        .post(
            "/invoices/{id}/pay",
            |State(s): State<AppState>, ui: UiCtx, Path(id): Path<String>, b: Bytes| {
                pay(s, ui, id, b)
            },
        )
}

fn kind_routes(entity: Entity) -> Routes {
    let base = format!("/{}", entity.resource());
    Routes::new()
        .get(
            &base,
            move |State(s): State<AppState>, ui: UiCtx, RawQuery(q): RawQuery| {
                super::pages::list_page(s, ui, entity, q)
            },
        )
        .merge(super::view_routes(entity))
        .get(&format!("{base}/export.csv"), move |s, ui, q| {
            super::export_list(s, ui, entity, q)
        })
        .get(
            &format!("{base}/new"),
            move |State(s): State<AppState>, ui: UiCtx| new_form(s, ui, entity),
        )
        .post(
            &format!("{base}/new"),
            move |State(s): State<AppState>, ui: UiCtx, b: Bytes| create(s, ui, entity, b),
        )
        .get(
            &format!("{base}/{{id}}"),
            move |State(s): State<AppState>, ui: UiCtx, Path(id): Path<String>| {
                document_page(s, ui, entity, id)
            },
        )
        .get(
            &format!("{base}/{{id}}/edit"),
            move |State(s): State<AppState>, ui: UiCtx, Path(id): Path<String>| {
                edit_form(s, ui, entity, id)
            },
        )
        .post(
            &format!("{base}/{{id}}/edit"),
            move |State(s): State<AppState>, ui: UiCtx, Path(id): Path<String>, b: Bytes| {
                update(s, ui, entity, id, b)
            },
        )
        .post(
            &format!("{base}/{{id}}/step"),
            move |State(s): State<AppState>, ui: UiCtx, Path(id): Path<String>, b: Bytes| {
                step(s, ui, entity, id, b)
            },
        )
        .get(
            &format!("{base}/{{id}}/print"),
            move |State(s): State<AppState>, ui: UiCtx, Path(id): Path<String>| {
                print_page(s, ui, entity, id)
            },
        )
        .merge(super::history_route(entity))
}

fn not_found(tr: Tr) -> Response {
    message_page(tr, StatusCode::NOT_FOUND, &tr.t("error-not-found"))
}

fn text(r: &Record, name: &str) -> String {
    r.str(name).unwrap_or("").to_string()
}

/// Money as the user's language writes it.
fn money_text(tr: Tr, minor: i64, currency: &str) -> String {
    numbers::money(tr.lang, minor, currency)
}

/// A stored decimal (`1.5`, `25`) as the user's language writes it.
fn decimal_text(tr: Tr, stored: &str) -> String {
    stored
        .parse::<f64>()
        .map_or_else(|_| stored.to_string(), |n| numbers::number(tr.lang, n))
}

/// A stored percentage as the user's language writes it, with its sign.
fn percent_text(tr: Tr, stored: &str) -> String {
    format!("{}\u{a0}%", decimal_text(tr, stored))
}

/// A stored decimal as a form shows it for editing: the language's decimal separator and
/// no grouping, so that reading it back gives the same number.
fn decimal_input(tr: Tr, stored: &str) -> String {
    match tr.lang {
        "en" => stored.to_string(),
        _ => stored.replace('.', ","),
    }
}

/// A typed decimal as the services read it: either separator is taken as the decimal
/// point, and spaces that group digits are dropped. Anything else is left for the
/// services to refuse with their own message.
fn decimal_from_input(tr: Tr, typed: &str) -> String {
    let typed: String = typed
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    match tr.lang {
        "en" => typed.replace(',', ""),
        // A comma is the decimal point; dots before it only group digits.
        _ if typed.contains(',') => typed.replace('.', "").replace(',', "."),
        _ => typed,
    }
}

/// The label keys of a document's fields on its history page.
pub const HISTORY_LABELS: [(&str, &str); 18] = [
    ("number", "doc-number"),
    ("status", "field-status"),
    ("currency", "field-currency"),
    ("contact_id", "doc-contact"),
    ("company_id", "col-company"),
    ("deal_id", "doc-deal"),
    ("issue_date", "doc-issue-date"),
    ("valid_until", "doc-valid-until"),
    ("due_date", "doc-due-date"),
    ("lines", "doc-lines"),
    ("subtotal", "doc-subtotal"),
    ("tax_total", "doc-tax-total"),
    ("total", "doc-total"),
    ("paid", "doc-paid"),
    ("notes", "doc-notes"),
    ("owner_id", "field-owner"),
    ("quote_id", "doc-kind-quote"),
    ("order_id", "doc-kind-order"),
];

/// A document's title: its kind and number, or that it is a draft without one.
pub fn title(tr: Tr, entity: Entity, r: &Record) -> String {
    match r.str("number") {
        Some(n) => tr.t1(&format!("doc-{}-title", entity.singular()), "number", n),
        None => tr.t(&format!("doc-{}-unnumbered", entity.singular())),
    }
}

/// A status as the user's language names it.
pub fn status_text(tr: Tr, status: &str) -> String {
    tr.t(&format!("doc-status-{status}"))
}

/// A document's number for lists and panels, or that it has none yet.
pub fn number_text(tr: Tr, r: &Record) -> String {
    r.str("number")
        .map_or_else(|| tr.t("doc-no-number"), str::to_string)
}

/// The columns of a document list: key, label key and the field it sorts by.
pub fn columns(entity: Entity) -> &'static [(&'static str, &'static str, Option<&'static str>)] {
    match entity {
        Entity::Quote => &[
            ("doc_number", "doc-number", Some("number")),
            ("contact", "doc-contact", None),
            ("company", "col-company", None),
            ("doc_status", "field-status", Some("status")),
            ("issue_date", "doc-issue-date", Some("issue_date")),
            ("valid_until", "doc-valid-until", Some("valid_until")),
            ("doc_total", "doc-total", Some("total")),
            ("owner", "field-owner", None),
            ("created", "col-created", Some("created_at")),
        ],
        Entity::Invoice => &[
            ("doc_number", "doc-number", Some("number")),
            ("contact", "doc-contact", None),
            ("company", "col-company", None),
            ("doc_status", "field-status", Some("status")),
            ("issue_date", "doc-issue-date", Some("issue_date")),
            ("due_date", "doc-due-date", Some("due_date")),
            ("doc_total", "doc-total", Some("total")),
            ("doc_due", "doc-amount-due", None),
            ("owner", "field-owner", None),
            ("created", "col-created", Some("created_at")),
        ],
        _ => &[
            ("doc_number", "doc-number", Some("number")),
            ("contact", "doc-contact", None),
            ("company", "col-company", None),
            ("doc_status", "field-status", Some("status")),
            ("issue_date", "doc-issue-date", Some("issue_date")),
            ("doc_total", "doc-total", Some("total")),
            ("owner", "field-owner", None),
            ("created", "col-created", Some("created_at")),
        ],
    }
}

/// The columns a document list shows unless others are chosen.
pub fn default_columns(entity: Entity) -> &'static [&'static str] {
    match entity {
        Entity::Quote => &[
            "doc_number",
            "contact",
            "company",
            "doc_status",
            "valid_until",
            "doc_total",
        ],
        Entity::Invoice => &[
            "doc_number",
            "contact",
            "company",
            "doc_status",
            "due_date",
            "doc_total",
            "doc_due",
        ],
        _ => &[
            "doc_number",
            "contact",
            "company",
            "doc_status",
            "issue_date",
            "doc_total",
        ],
    }
}

/// The fields a document list filters by, with their label keys.
pub fn filter_fields(entity: Entity) -> &'static [(&'static str, &'static str)] {
    match entity {
        Entity::Quote => &[
            ("status", "field-status"),
            ("number", "doc-number"),
            ("issue_date", "doc-issue-date"),
            ("valid_until", "doc-valid-until"),
            ("total", "doc-total"),
            ("created_at", "col-created"),
        ],
        Entity::Invoice => &[
            ("status", "field-status"),
            ("number", "doc-number"),
            ("issue_date", "doc-issue-date"),
            ("due_date", "doc-due-date"),
            ("total", "doc-total"),
            ("created_at", "col-created"),
        ],
        _ => &[
            ("status", "field-status"),
            ("number", "doc-number"),
            ("issue_date", "doc-issue-date"),
            ("total", "doc-total"),
            ("created_at", "col-created"),
        ],
    }
}

/// A document list's cell for one of the document columns, or `None` for the others.
pub fn cell_text(tr: Tr, r: &Record, key: &str) -> Option<String> {
    let currency = r.str("currency").unwrap_or_default();
    let amount = |name: &str| r.get(name).as_i64().unwrap_or(0);
    Some(match key {
        "doc_number" => number_text(tr, r),
        "doc_status" => status_text(tr, r.str("status").unwrap_or_default()),
        "doc_total" => money_text(tr, amount("total"), currency),
        "doc_due" => money_text(tr, amount("total") - amount("paid"), currency),
        _ => return None,
    })
}

/// Names of the contacts these records link to.
pub async fn contact_names(
    state: &AppState,
    ui: &UiCtx,
    records: &[Record],
) -> HashMap<String, String> {
    super::pages::linked_names(
        state,
        ui,
        Entity::Contact,
        "contact_id",
        records,
        contact_name,
    )
    .await
}

pub struct Fact {
    pub label: String,
    pub value: String,
    pub href: Option<String>,
}

fn fact(tr: Tr, key: &str, value: String) -> Fact {
    Fact {
        label: tr.t(key),
        value,
        href: None,
    }
}

/// One line of a document as its page shows it.
pub struct LineView {
    pub description: String,
    pub quantity: String,
    pub unit: String,
    pub unit_price: String,
    pub discount: String,
    pub tax_rate: String,
    pub net: String,
}

/// The tax at one rate.
pub struct TaxLine {
    pub label: String,
    pub amount: String,
}

/// A document's lines and amounts, ready to show.
pub struct Sums {
    pub lines: Vec<LineView>,
    pub subtotal: String,
    pub taxes: Vec<TaxLine>,
    pub total: String,
    /// For invoices: what was paid and what is still due.
    pub paid: Option<String>,
    pub due: Option<String>,
}

/// The arithmetic's view of a stored line; stored lines are priced, so each part is there.
fn line_input(line: &Value) -> Option<LineInput> {
    Some(LineInput {
        quantity: Quantity::parse(line.get("quantity")?).ok()?,
        unit_price: line.get("unit_price")?.as_i64()?,
        discount_percent: Percent::parse(line.get("discount_percent")?).ok()?,
        tax_rate: Percent::parse(line.get("tax_rate")?).ok()?,
    })
}

fn line_text(line: &Value, key: &str) -> String {
    match line.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// The lines, the tax per rate and the totals of a document, money per the language.
fn sums(tr: Tr, entity: Entity, r: &Record) -> Sums {
    let currency = r.str("currency").unwrap_or_default();
    let stored: Vec<Value> = r.get("lines").as_array().cloned().unwrap_or_default();
    let inputs: Vec<Option<LineInput>> = stored.iter().map(line_input).collect();
    let lines = stored
        .iter()
        .zip(&inputs)
        .map(|(line, input)| LineView {
            description: line_text(line, "description"),
            quantity: decimal_text(tr, &line_text(line, "quantity")),
            unit: line
                .get("unit")
                .and_then(Value::as_str)
                .map(|u| tr.t(&format!("unit-{u}")))
                .unwrap_or_default(),
            unit_price: line
                .get("unit_price")
                .and_then(Value::as_i64)
                .map(|p| money_text(tr, p, currency))
                .unwrap_or_default(),
            discount: percent_text(tr, &line_text(line, "discount_percent")),
            tax_rate: percent_text(tr, &line_text(line, "tax_rate")),
            net: input
                .as_ref()
                .and_then(money::line_amounts)
                .map(|a| money_text(tr, a.net, currency))
                .unwrap_or_default(),
        })
        .collect();
    let all: Option<Vec<LineInput>> = inputs.into_iter().collect();
    let taxes = all
        .and_then(|inputs| money::totals(&inputs).ok())
        .map(|t| t.taxes)
        .unwrap_or_default()
        .into_iter()
        .map(|g| TaxLine {
            label: tr.t_with(
                "doc-tax-at",
                &[
                    ("rate", &percent_text(tr, &g.rate.to_string())),
                    ("base", &money_text(tr, g.taxable, currency)),
                ],
            ),
            amount: money_text(tr, g.tax, currency),
        })
        .collect();
    let amount = |name: &str| r.get(name).as_i64().unwrap_or(0);
    let invoice = entity == Entity::Invoice;
    Sums {
        lines,
        subtotal: money_text(tr, amount("subtotal"), currency),
        taxes,
        total: money_text(tr, amount("total"), currency),
        paid: invoice.then(|| money_text(tr, amount("paid"), currency)),
        due: invoice.then(|| money_text(tr, amount("total") - amount("paid"), currency)),
    }
}

/// The contact and company a document is for, each with a link to their page.
async fn customer_facts(state: &AppState, ui: &UiCtx, r: &Record) -> Vec<Fact> {
    let tr = ui.tr;
    let mut out = Vec::new();
    if let Some(id) = r.uuid("contact_id") {
        let name = match records::get(&state.app, &ui.ctx, Entity::Contact, id, None).await {
            Ok(c) => contact_name(&c),
            Err(_) => "—".to_string(),
        };
        out.push(Fact {
            label: tr.t("doc-contact"),
            value: name,
            href: Some(format!("/contacts/{id}")),
        });
    }
    if let Some(id) = r.uuid("company_id") {
        let name = match records::get(&state.app, &ui.ctx, Entity::Company, id, None).await {
            Ok(c) => text(&c, "name"),
            Err(_) => "—".to_string(),
        };
        out.push(Fact {
            label: tr.t("col-company"),
            value: name,
            href: Some(format!("/companies/{id}")),
        });
    }
    out
}

/// The dates a document kind has, with their label keys.
fn date_fields(entity: Entity) -> &'static [(&'static str, &'static str)] {
    match entity {
        Entity::Quote => &[
            ("issue_date", "doc-issue-date"),
            ("valid_until", "doc-valid-until"),
        ],
        Entity::Invoice => &[
            ("issue_date", "doc-issue-date"),
            ("due_date", "doc-due-date"),
        ],
        _ => &[("issue_date", "doc-issue-date")],
    }
}

/// A button for one step the document may take now.
pub struct StepButton {
    pub step: &'static str,
    pub label: String,
}

/// One payment of an invoice.
pub struct PaymentLine {
    pub date: String,
    pub amount: String,
    pub method: String,
    pub reference: String,
}

/// The record-a-payment form: as typed when it comes back, with its problems.
#[derive(Default)]
pub struct PayForm {
    pub values: HashMap<String, String>,
    pub errors: HashMap<String, String>,
    pub methods: Vec<Choice>,
}

impl PayForm {
    pub fn value(&self, name: &str) -> &str {
        self.values.get(name).map_or("", String::as_str)
    }

    pub fn error(&self, name: &str) -> Option<&str> {
        self.errors.get(name).map(String::as_str)
    }
}

/// A link to a download or another page.
pub struct Link {
    pub href: String,
    pub label: String,
}

#[derive(Template)]
#[template(path = "document.html")]
struct DocumentPage {
    shell: Shell,
    base: String,
    facts: Vec<Fact>,
    sums: Sums,
    notes: String,
    editable: bool,
    version: i64,
    steps: Vec<StepButton>,
    downloads: Vec<Link>,
    related: Vec<Link>,
    /// Whether this is an invoice, which lists its payments.
    invoice: bool,
    payments: Vec<PaymentLine>,
    pay: Option<PayForm>,
    error: Option<String>,
}

/// What a document page shows besides the document: a refusal, or the payment form as
/// it was typed.
#[derive(Default)]
struct Shown {
    error: Option<String>,
    pay: Option<PayForm>,
}

/// `/{quotes,orders,invoices}/{id}`: the document, its lines and amounts, and the steps
/// its status allows.
async fn document_page(state: AppState, ui: UiCtx, entity: Entity, id: String) -> Response {
    let Ok(id) = Uuid::parse_str(&id) else {
        return not_found(ui.tr);
    };
    document_view(state, ui, entity, id, Shown::default(), StatusCode::OK).await
}

/// Documents made from this one (a quote's order, an order's invoices) or that this one
/// was made from.
async fn related(state: &AppState, ui: &UiCtx, entity: Entity, r: &Record) -> Vec<Link> {
    let tr = ui.tr;
    let Some(id) = r.id() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (from, key) in [(Entity::Quote, "quote_id"), (Entity::Order, "order_id")] {
        if let Some(source) = r.uuid(key)
            && let Ok(s) = records::get(&state.app, &ui.ctx, from, source, None).await
        {
            out.push(Link {
                href: format!("/{}/{source}", from.resource()),
                label: tr.t1("doc-made-from", "document", &title(tr, from, &s)),
            });
        }
    }
    let made = match entity {
        Entity::Quote => Some((Entity::Order, "quote_id")),
        Entity::Order => Some((Entity::Invoice, "order_id")),
        _ => None,
    };
    if let Some((kind, key)) = made {
        let pairs = vec![
            (format!("filter[{key}]"), id.to_string()),
            ("limit".to_string(), "20".to_string()),
        ];
        if let Ok(page) = records::list(&state.app, &ui.ctx, kind, &pairs).await {
            out.extend(page.items.iter().map(|d| Link {
                href: format!("/{}/{}", kind.resource(), d.id().unwrap_or_default()),
                label: tr.t1("doc-made-into", "document", &title(tr, kind, d)),
            }));
        }
    }
    out
}

/// The steps a document may take from the status it reads as today, as core's rules say,
/// and the documents it may be made into.
fn steps(tr: Tr, entity: Entity, r: &Record, has_order: bool) -> Vec<StepButton> {
    let shown = r.str("status").unwrap_or_default();
    let mut out: Vec<StepButton> = STEPS
        .iter()
        .filter(|(e, step, _)| *e == entity && rules::next_status(entity, shown, *step).is_ok())
        .map(|(_, _, name)| StepButton {
            step: name,
            label: tr.t(&format!("doc-step-{name}")),
        })
        .collect();
    if entity == Entity::Quote && shown == "accepted" && !has_order {
        out.push(StepButton {
            step: "order",
            label: tr.t("doc-step-order"),
        });
    }
    if entity == Entity::Order && shown != "cancelled" {
        out.push(StepButton {
            step: "invoice",
            label: tr.t("doc-step-invoice"),
        });
    }
    out
}

fn method_choices(tr: Tr, chosen: &str) -> Vec<Choice> {
    PAYMENT_METHODS
        .iter()
        .map(|m| Choice {
            value: m.to_string(),
            label: tr.t(&format!("doc-method-{m}")),
            selected: *m == chosen,
        })
        .collect()
}

/// Whether an invoice that reads as `shown` takes payments.
fn payable(shown: &str) -> bool {
    matches!(shown, "issued" | "partly_paid" | "overdue")
}

async fn document_view(
    state: AppState,
    ui: UiCtx,
    entity: Entity,
    id: Uuid,
    shown: Shown,
    status: StatusCode,
) -> Response {
    let tr = ui.tr;
    let r = match records::get(&state.app, &ui.ctx, entity, id, None).await {
        Ok(r) => r,
        Err(e) => return error_page(tr, e),
    };
    let base = format!("/{}/{id}", entity.resource());
    let doc_status = r.str("status").unwrap_or_default().to_string();
    let mut facts = vec![
        fact(tr, "doc-number", number_text(tr, &r)),
        fact(tr, "field-status", status_text(tr, &doc_status)),
    ];
    facts.extend(customer_facts(&state, &ui, &r).await);
    for (name, key) in date_fields(entity) {
        facts.push(fact(tr, key, text(&r, name)));
    }
    facts.push(fact(tr, "field-currency", text(&r, "currency")));
    if let Some(owner) = r.str("owner_id") {
        let owners = super::forms::user_choices(&state, &ui).await;
        let name = owners
            .into_iter()
            .find(|c| c.value == owner)
            .map(|c| c.label)
            .unwrap_or_default();
        facts.push(fact(tr, "field-owner", name));
    }
    facts.retain(|f| !f.value.is_empty());
    let related = related(&state, &ui, entity, &r).await;
    let has_order = entity == Entity::Quote
        && related.iter().any(|l| {
            l.href
                .starts_with(&format!("/{}/", Entity::Order.resource()))
        });
    let mut downloads = vec![Link {
        href: format!("{base}/pdf"),
        label: tr.t("doc-download-pdf"),
    }];
    if entity == Entity::Invoice {
        downloads.push(Link {
            href: format!("{base}/ubl"),
            label: tr.t("doc-download-ubl"),
        });
    }
    downloads.push(Link {
        href: format!("{base}/print"),
        label: tr.t("doc-print"),
    });
    let invoice = entity == Entity::Invoice;
    let payments = if invoice {
        let pairs = vec![("limit".to_string(), "100".to_string())];
        match svc::payments(&state.app, &ui.ctx, id, &pairs).await {
            Ok(page) => page
                .items
                .iter()
                .map(|p| PaymentLine {
                    date: p.str("paid_at").map(|t| ui.when(t)).unwrap_or_default(),
                    amount: money_text(
                        tr,
                        p.get("amount").as_i64().unwrap_or(0),
                        p.str("currency").unwrap_or_default(),
                    ),
                    method: p
                        .str("method")
                        .map(|m| tr.t(&format!("doc-method-{m}")))
                        .unwrap_or_default(),
                    reference: text(p, "reference"),
                })
                .collect(),
            Err(e) => return error_page(tr, e),
        }
    } else {
        Vec::new()
    };
    let pay = (invoice && payable(&doc_status)).then(|| {
        let mut form = shown.pay.unwrap_or_default();
        if form.values.is_empty() {
            let due = r.get("total").as_i64().unwrap_or(0) - r.get("paid").as_i64().unwrap_or(0);
            let currency = r.str("currency").unwrap_or_default();
            form.values
                .insert("amount".into(), amount_input(tr, due, currency));
            form.values
                .insert("paid_on".into(), today(&ui.tz).to_string());
        }
        form.methods = method_choices(tr, form.value("method"));
        form
    });
    let page = DocumentPage {
        shell: Shell::new(
            &ui,
            title(tr, entity, &r),
            &format!("/{}", entity.resource()),
        ),
        facts,
        sums: sums(tr, entity, &r),
        notes: text(&r, "notes"),
        editable: rules::editable(entity, &doc_status),
        version: r.version(),
        steps: steps(tr, entity, &r, has_order),
        downloads,
        related,
        invoice,
        payments,
        pay,
        error: shown.error,
        base,
    };
    render(&page, status)
}

/// An amount as the payment form shows it: the language's digits, without the currency,
/// which is the invoice's.
fn amount_input(tr: Tr, minor: i64, currency: &str) -> String {
    numbers::money_input(tr.lang, minor, currency)
        .trim_end_matches(currency)
        .trim()
        .to_string()
}

/// Reads an amount typed in the form in a currency's minor units.
fn amount_from_input(tr: Tr, typed: &str, currency: &str) -> Option<i64> {
    let typed = typed.trim();
    if typed.is_empty() {
        return None;
    }
    numbers::parse_money(tr.lang, &format!("{typed} {currency}")).map(|(minor, _)| minor)
}

/// An example of how to write an amount in the user's language.
fn amount_example(tr: Tr, currency: &str) -> String {
    amount_input(tr, 123_450, currency)
}

/// Moves a document one step, or makes an order of a quote or an invoice of an order,
/// with the version its page was drawn from: a document that changed since is left as
/// it is, and a step its status does not allow is refused with the reason.
async fn step(state: AppState, ui: UiCtx, entity: Entity, id: String, body: Bytes) -> Response {
    let tr = ui.tr;
    let form = form(&body);
    if !same_secret(&ui.session.csrf_token, field(&form, "_csrf")) {
        return csrf_refused(tr);
    }
    let Ok(id) = Uuid::parse_str(&id) else {
        return not_found(tr);
    };
    let if_match = field(&form, "_version").parse::<i64>().ok().map(etag_for);
    let if_match = if_match.as_deref();
    let asked = field(&form, "step");
    let done = match (entity, asked) {
        (Entity::Quote, "order") => svc::order_from_quote(&state.app, &ui.ctx, id, if_match).await,
        (Entity::Order, "invoice") => {
            svc::invoice_from_order(&state.app, &ui.ctx, id, if_match).await
        }
        _ => match STEPS
            .iter()
            .find(|(e, _, name)| *e == entity && *name == asked)
        {
            Some((_, step, _)) => svc::step(&state.app, &ui.ctx, entity, id, *step, if_match).await,
            None => Err(AppError::Conflict(String::new())),
        },
    };
    let refused = |key: &str, status: StatusCode| {
        let shown = Shown {
            error: Some(tr.t(key)),
            pay: None,
        };
        document_view(state.clone(), ui.clone(), entity, id, shown, status)
    };
    match done {
        Ok(made) => {
            let target = made.id().unwrap_or(id);
            Redirect::to(&format!("/{}/{target}", made.entity.resource())).into_response()
        }
        Err(AppError::Stale { .. }) => refused("doc-stale", StatusCode::CONFLICT).await,
        Err(AppError::Conflict(_)) => refused("doc-step-refused", StatusCode::CONFLICT).await,
        Err(e) => error_page(tr, e),
    }
}

/// Records a payment of an invoice from its page. Problems with what was typed, and a
/// payment larger than what is due, are shown under their fields.
async fn pay(state: AppState, ui: UiCtx, id: String, body: Bytes) -> Response {
    let tr = ui.tr;
    let form = form(&body);
    if !same_secret(&ui.session.csrf_token, field(&form, "_csrf")) {
        return csrf_refused(tr);
    }
    let Ok(id) = Uuid::parse_str(&id) else {
        return not_found(tr);
    };
    let invoice = match records::get(&state.app, &ui.ctx, Entity::Invoice, id, None).await {
        Ok(r) => r,
        Err(e) => return error_page(tr, e),
    };
    let currency = invoice.str("currency").unwrap_or_default().to_string();
    let mut typed = PayForm {
        values: ["amount", "paid_on", "method", "reference"]
            .into_iter()
            .map(|k| (k.to_string(), field(&form, k).trim().to_string()))
            .collect(),
        ..PayForm::default()
    };
    let again = |typed: PayForm, error: Option<String>, status: StatusCode| {
        let shown = Shown {
            error,
            pay: Some(typed),
        };
        document_view(
            state.clone(),
            ui.clone(),
            Entity::Invoice,
            id,
            shown,
            status,
        )
    };
    let mut request = Map::new();
    match amount_from_input(tr, typed.value("amount"), &currency) {
        Some(minor) => {
            request.insert("amount".into(), json!(minor));
        }
        None => {
            typed.errors.insert(
                "amount".into(),
                tr.t1(
                    "doc-amount-invalid",
                    "example",
                    &amount_example(tr, &currency),
                ),
            );
        }
    }
    let paid_on = typed.value("paid_on").to_string();
    if !paid_on.is_empty() {
        match paid_at(&paid_on, &ui.tz) {
            Some(at) => {
                request.insert("paid_at".into(), json!(at));
            }
            None => {
                typed.errors.insert(
                    "paid_on".into(),
                    super::problems::message(tr, &rapport_core::Problem::NotADate),
                );
            }
        }
    }
    for key in ["method", "reference"] {
        let v = typed.value(key);
        if !v.is_empty() {
            request.insert(key.into(), json!(v));
        }
    }
    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
    if !typed.errors.is_empty() {
        return again(typed, Some(tr.t("form-errors")), unprocessable).await;
    }
    let if_match = field(&form, "_version").parse::<i64>().ok().map(etag_for);
    let request = Value::Object(request);
    match svc::pay(&state.app, &ui.ctx, id, &request, if_match.as_deref()).await {
        Ok(_) => Redirect::to(&format!("/invoices/{id}")).into_response(),
        Err(AppError::Invalid(e)) => {
            for problem in &e.0 {
                let name = match problem.field.as_str() {
                    "paid_at" => "paid_on",
                    other => other,
                };
                typed
                    .errors
                    .entry(name.to_string())
                    .or_insert_with(|| super::problems::message(tr, &problem.problem));
            }
            again(typed, Some(tr.t("form-errors")), unprocessable).await
        }
        Err(AppError::Stale { .. }) => {
            again(typed, Some(tr.t("doc-stale")), StatusCode::CONFLICT).await
        }
        Err(AppError::Conflict(_)) => {
            // The invoice as it is now says why: more than is due, or not payable at all.
            let now = records::get(&state.app, &ui.ctx, Entity::Invoice, id, None)
                .await
                .unwrap_or(invoice);
            let due =
                now.get("total").as_i64().unwrap_or(0) - now.get("paid").as_i64().unwrap_or(0);
            let asked = request.get("amount").and_then(Value::as_i64).unwrap_or(0);
            if payable(now.str("status").unwrap_or_default()) && asked > due {
                typed.errors.insert(
                    "amount".into(),
                    tr.t1("doc-pay-too-much", "due", &money_text(tr, due, &currency)),
                );
                again(typed, Some(tr.t("form-errors")), StatusCode::CONFLICT).await
            } else {
                let error = Some(tr.t("doc-not-payable"));
                again(typed, error, StatusCode::CONFLICT).await
            }
        }
        Err(e) => error_page(tr, e),
    }
}

/// Today in the user's time zone, by Rapport's clock.
fn today(tz: &jiff::tz::TimeZone) -> jiff::civil::Date {
    let now = rapport_core::clock::now().unix_timestamp();
    jiff::Timestamp::from_second(now)
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        .to_zoned_datetime(tz.clone())
        .date()
}

/// A payment date typed in the form, as the start of that day in the user's time zone.
fn paid_at(typed: &str, tz: &jiff::tz::TimeZone) -> Option<String> {
    let date: jiff::civil::Date = typed.trim().parse().ok()?;
    let zoned = date.to_zoned_datetime(tz.clone()).ok()?;
    Some(zoned.timestamp().to_string())
}

#[derive(Template)]
#[template(path = "document_print.html")]
struct PrintPage {
    tr: Tr,
    brand: String,
    title: String,
    back: String,
    facts: Vec<Fact>,
    sums: Sums,
    notes: String,
}

/// `/{quotes,orders,invoices}/{id}/print`: the document alone, laid out for paper.
async fn print_page(state: AppState, ui: UiCtx, entity: Entity, id: String) -> Response {
    let tr = ui.tr;
    let Ok(id) = Uuid::parse_str(&id) else {
        return not_found(tr);
    };
    let r = match records::get(&state.app, &ui.ctx, entity, id, None).await {
        Ok(r) => r,
        Err(e) => return error_page(tr, e),
    };
    let mut facts = vec![
        fact(tr, "doc-number", number_text(tr, &r)),
        fact(
            tr,
            "field-status",
            status_text(tr, r.str("status").unwrap_or_default()),
        ),
    ];
    facts.extend(customer_facts(&state, &ui, &r).await);
    for (name, key) in date_fields(entity) {
        facts.push(fact(tr, key, text(&r, name)));
    }
    facts.retain(|f| !f.value.is_empty());
    render(
        &PrintPage {
            tr,
            brand: ui.org.name.clone().unwrap_or_else(|| "Rapport".to_string()),
            title: title(tr, entity, &r),
            back: format!("/{}/{id}", entity.resource()),
            facts,
            sums: sums(tr, entity, &r),
            notes: text(&r, "notes"),
        },
        StatusCode::OK,
    )
}

/// One row of the lines editor, as typed or as stored. Rows are numbered from one.
pub struct LineRow {
    pub index: usize,
    pub number: String,
    pub values: HashMap<&'static str, String>,
    pub products: Vec<Choice>,
    pub units: Vec<Choice>,
    pub errors: HashMap<String, String>,
}

impl LineRow {
    pub fn value(&self, part: &str) -> &str {
        self.values.get(part).map_or("", String::as_str)
    }

    /// The problem with one part of the row (`quantity`), or with the row as a whole (`""`).
    pub fn error(&self, part: &str) -> Option<&str> {
        self.errors.get(part).map(String::as_str)
    }
}

#[derive(Template)]
#[template(path = "document_form.html")]
struct FormPage {
    shell: Shell,
    action: String,
    cancel: String,
    version: Option<i64>,
    /// A document past its first status is shown, not edited.
    read_only: bool,
    /// The date fields of this kind: form name and label.
    dates: Vec<(&'static str, String)>,
    values: HashMap<String, String>,
    errors: HashMap<String, String>,
    other_errors: Vec<String>,
    owners: Vec<Choice>,
    rows: Vec<LineRow>,
    notice: Option<String>,
    /// The contact and company the document is for.
    pickers: Vec<Picker>,
}

impl FormPage {
    pub fn value(&self, name: &str) -> &str {
        self.values.get(name).map_or("", String::as_str)
    }

    pub fn error(&self, name: &str) -> Option<&str> {
        self.errors.get(name).map(String::as_str)
    }
}

/// The form's lines: what was typed (or stored), each with its problems, then one blank
/// row to add a line with.
type Lines = Vec<HashMap<&'static str, String>>;

/// A product as the form picks it.
struct Product {
    id: String,
    name: String,
    currency: String,
}

/// The products a line may pick: the active ones, and any a line already names.
async fn products(state: &AppState, ui: &UiCtx, lines: &Lines) -> Vec<Product> {
    let pairs = vec![
        ("limit".to_string(), "500".to_string()),
        ("sort".to_string(), "name".to_string()),
    ];
    let named: Vec<&str> = lines
        .iter()
        .filter_map(|l| l.get("product_id").map(String::as_str))
        .collect();
    match records::list(&state.app, &ui.ctx, Entity::Product, &pairs).await {
        Ok(page) => page
            .items
            .iter()
            .filter_map(|p| {
                let id = p.id()?.to_string();
                let active = p.get("active").as_bool() == Some(true);
                (active || named.contains(&id.as_str())).then(|| Product {
                    name: match p.str("code") {
                        Some(code) => format!("{} ({code})", text(p, "name")),
                        None => text(p, "name"),
                    },
                    currency: text(p, "currency"),
                    id,
                })
            })
            .collect(),
        Err(_) => Vec::new(),
    }
}

#[allow(clippy::too_many_arguments)]
async fn form_page(
    state: &AppState,
    ui: &UiCtx,
    entity: Entity,
    title: String,
    action: String,
    cancel: String,
    version: Option<i64>,
    read_only: bool,
    values: HashMap<String, String>,
    lines: Lines,
    errors: HashMap<String, String>,
    notice: Option<String>,
    status: StatusCode,
) -> Response {
    let tr = ui.tr;
    let products = products(state, ui, &lines).await;
    let mut rows = lines;
    if !read_only {
        rows.push(HashMap::new());
    }
    let rows: Vec<LineRow> = rows
        .into_iter()
        .enumerate()
        .map(|(index, values)| {
            let chosen = values.get("product_id").cloned().unwrap_or_default();
            let unit = values.get("unit").cloned().unwrap_or_default();
            let prefix = format!("lines[{index}]");
            let errors = errors
                .iter()
                .filter_map(|(k, v)| {
                    let rest = k.strip_prefix(&prefix)?;
                    let part = match rest.strip_prefix('.') {
                        Some(part) => part,
                        None if rest.is_empty() => "",
                        None => return None,
                    };
                    Some((part.to_string(), v.clone()))
                })
                .collect();
            LineRow {
                index,
                number: (index + 1).to_string(),
                products: std::iter::once((String::new(), tr.t("doc-no-product")))
                    .chain(products.iter().map(|p| (p.id.clone(), p.name.clone())))
                    .map(|(value, label)| Choice {
                        selected: value == chosen,
                        value,
                        label,
                    })
                    .collect(),
                units: std::iter::once((String::new(), tr.t("doc-unit-default")))
                    .chain(
                        UNITS
                            .iter()
                            .map(|u| (u.to_string(), tr.t(&format!("unit-{u}")))),
                    )
                    .map(|(value, label)| Choice {
                        selected: value == unit,
                        value,
                        label,
                    })
                    .collect(),
                values,
                errors,
            }
        })
        .collect();
    let known = |k: &str| {
        k.starts_with("lines")
            || matches!(
                k,
                "contact" | "company" | "currency" | "owner_id" | "notes" | "issue_date"
            )
            || date_fields(entity).iter().any(|(name, _)| *name == k)
    };
    let other_errors = errors
        .iter()
        .filter(|(k, _)| !known(k.as_str()))
        .map(|(k, v)| format!("{k}: {v}"))
        .collect();
    let owner = values.get("owner_id").cloned().unwrap_or_default();
    let owners = super::forms::user_choices(state, ui)
        .await
        .into_iter()
        .map(|c| Choice {
            selected: c.value == owner,
            ..c
        })
        .collect();
    let pickers = [
        ("contact", "f-contact", "doc-contact", Entity::Contact),
        ("company", "f-company", "col-company", Entity::Company),
    ]
    .into_iter()
    .map(|(name, element, label, picked)| {
        let text = values.get(name).map_or("", String::as_str);
        let chosen = values.get(&format!("{name}_id")).map_or("", String::as_str);
        Picker::new(tr, picked, element, name, label).with(text, chosen, errors.get(name))
    })
    .collect();
    let page = FormPage {
        shell: Shell::new(ui, title, &format!("/{}", entity.resource())),
        action,
        cancel,
        version,
        read_only,
        dates: date_fields(entity)
            .iter()
            .map(|(name, key)| (*name, tr.t(key)))
            .collect(),
        values,
        errors,
        other_errors,
        owners,
        rows,
        notice,
        pickers,
    };
    render(&page, status)
}

/// `/{kind}/new`: an empty document.
async fn new_form(state: AppState, ui: UiCtx, entity: Entity) -> Response {
    let base = format!("/{}", entity.resource());
    form_page(
        &state,
        &ui,
        entity,
        ui.tr.t(&format!("doc-new-{}", entity.singular())),
        format!("{base}/new"),
        base,
        None,
        false,
        HashMap::new(),
        Vec::new(),
        HashMap::new(),
        None,
        StatusCode::OK,
    )
    .await
}

/// A document's values as its form shows them.
async fn stored_values(
    state: &AppState,
    ui: &UiCtx,
    entity: Entity,
    r: &Record,
) -> (HashMap<String, String>, Lines) {
    let tr = ui.tr;
    let mut values: HashMap<String, String> = ["currency", "owner_id", "notes"]
        .into_iter()
        .chain(date_fields(entity).iter().map(|(name, _)| *name))
        .map(|k| (k.to_string(), text(r, k)))
        .collect();
    for (name, link, entity) in [
        ("contact", "contact_id", Entity::Contact),
        ("company", "company_id", Entity::Company),
    ] {
        let id = text(r, link);
        if !id.is_empty() {
            values.insert(name.into(), picker::shown(state, ui, entity, &id).await);
            values.insert(link.into(), id);
        }
    }
    let currency = r.str("currency").unwrap_or_default();
    let lines = r
        .get("lines")
        .as_array()
        .into_iter()
        .flatten()
        .map(|line| {
            let mut row = HashMap::new();
            for part in LINE_PARTS {
                let raw = line_text(line, part);
                let shown = match part {
                    "quantity" | "discount_percent" | "tax_rate" => decimal_input(tr, &raw),
                    "unit_price" => line
                        .get(part)
                        .and_then(Value::as_i64)
                        .map(|p| amount_input(tr, p, currency))
                        .unwrap_or_default(),
                    _ => raw,
                };
                row.insert(part, shown);
            }
            row
        })
        .collect();
    (values, lines)
}

/// `/{kind}/{id}/edit`: the form of a document in its first status; any other is shown
/// read-only, since only the first status may change.
async fn edit_form(state: AppState, ui: UiCtx, entity: Entity, id: String) -> Response {
    let tr = ui.tr;
    let Ok(id) = Uuid::parse_str(&id) else {
        return not_found(tr);
    };
    let r = match records::get(&state.app, &ui.ctx, entity, id, None).await {
        Ok(r) => r,
        Err(e) => return error_page(tr, e),
    };
    let base = format!("/{}/{id}", entity.resource());
    let read_only = !rules::editable(entity, r.str("status").unwrap_or_default());
    let (values, lines) = stored_values(&state, &ui, entity, &r).await;
    let notice = read_only.then(|| tr.t("doc-read-only"));
    form_page(
        &state,
        &ui,
        entity,
        format!("{} · {}", tr.t("form-edit"), title(tr, entity, &r)),
        format!("{base}/edit"),
        base,
        Some(r.version()),
        read_only,
        values,
        lines,
        HashMap::new(),
        notice,
        StatusCode::OK,
    )
    .await
}

/// The form's values and its lines as typed: rows left blank or marked for removal are
/// dropped, so a line's number in the services' problems is its row in the form shown
/// again.
fn typed(form: &HashMap<String, String>) -> (HashMap<String, String>, Lines) {
    let values = form
        .iter()
        .filter(|(k, _)| !k.starts_with("lines[") && !k.starts_with('_'))
        .map(|(k, v)| (k.clone(), v.trim().to_string()))
        .collect();
    let count: usize = field(form, "line_rows").parse().unwrap_or(0);
    let lines = (0..count.min(MAX_ROWS))
        .filter(|i| field(form, &format!("lines[{i}].remove")) != "true")
        .map(|i| {
            LINE_PARTS
                .into_iter()
                .map(|part| {
                    let v = field(form, &format!("lines[{i}].{part}"))
                        .trim()
                        .to_string();
                    (part, v)
                })
                .filter(|(_, v)| !v.is_empty())
                .collect::<HashMap<&'static str, String>>()
        })
        // A row with only a unit chosen says nothing yet.
        .filter(|row| row.keys().any(|k| *k != "unit"))
        .collect();
    (values, lines)
}

/// Turns the form into the JSON the services take. What cannot be read here (a price
/// that is not one, a contact that does not exist) is reported under its field.
async fn to_body(
    state: &AppState,
    ui: &UiCtx,
    entity: Entity,
    values: &HashMap<String, String>,
    lines: &Lines,
) -> Result<Value, HashMap<String, String>> {
    let tr = ui.tr;
    let get = |k: &str| values.get(k).map_or("", String::as_str);
    let or_null = |v: &str| if v.is_empty() { Value::Null } else { json!(v) };
    let mut errors = HashMap::new();
    let mut body = Map::new();
    for (name, link, entity) in [
        ("contact", "contact_id", Entity::Contact),
        ("company", "company_id", Entity::Company),
    ] {
        match picker::resolve(state, ui, entity, get(name), get(link)).await {
            Ok(id) => {
                body.insert(link.into(), json!(id));
            }
            Err(why) => {
                body.insert(link.into(), Value::Null);
                errors.insert(name.into(), why.message(tr));
            }
        }
    }
    let currency = get("currency").to_ascii_uppercase();
    body.insert("currency".into(), or_null(&currency));
    for (name, _) in date_fields(entity) {
        body.insert(name.to_string(), or_null(get(name)));
    }
    body.insert("owner_id".into(), or_null(get("owner_id")));
    body.insert("notes".into(), or_null(get("notes")));
    // Typed prices are read in the document's currency, or in the one it will take.
    let products = products(state, ui, lines).await;
    let priced_in = if currency.is_empty() {
        lines
            .iter()
            .filter_map(|l| l.get("product_id"))
            .find_map(|id| products.iter().find(|p| &p.id == id))
            .map_or_else(|| FALLBACK_CURRENCY.to_string(), |p| p.currency.clone())
    } else {
        currency.clone()
    };
    let mut out = Vec::new();
    for (i, row) in lines.iter().enumerate() {
        let mut line = Map::new();
        for (part, raw) in row {
            let value = match *part {
                "quantity" | "discount_percent" | "tax_rate" => json!(decimal_from_input(tr, raw)),
                "unit_price" => match amount_from_input(tr, raw, &priced_in) {
                    Some(minor) => json!(minor),
                    None => {
                        errors.insert(
                            format!("lines[{i}].unit_price"),
                            tr.t1(
                                "doc-amount-invalid",
                                "example",
                                &amount_example(tr, &priced_in),
                            ),
                        );
                        continue;
                    }
                },
                _ => json!(raw),
            };
            line.insert(part.to_string(), value);
        }
        out.push(Value::Object(line));
    }
    body.insert("lines".into(), Value::Array(out));
    if errors.is_empty() {
        Ok(Value::Object(body))
    } else {
        Err(errors)
    }
}

/// The services' problems in the user's language, each under the form field it is about.
fn field_errors(tr: Tr, e: &rapport_core::ValidationErrors) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for f in &e.0 {
        let name = match f.field.as_str() {
            "contact_id" => "contact".to_string(),
            "company_id" => "company".to_string(),
            other => other.to_string(),
        };
        out.entry(name)
            .or_insert_with(|| super::problems::message(tr, &f.problem));
    }
    out
}

/// Saves a new document, or shows the form again: with one more row when "add a line"
/// was pressed, or with each problem under its field.
async fn create(state: AppState, ui: UiCtx, entity: Entity, body: Bytes) -> Response {
    let tr = ui.tr;
    let form = form(&body);
    if !same_secret(&ui.session.csrf_token, field(&form, "_csrf")) {
        return csrf_refused(tr);
    }
    let base = format!("/{}", entity.resource());
    let (values, lines) = typed(&form);
    let again = |values, lines, errors: HashMap<String, String>, status| {
        let (state, ui, base) = (&state, &ui, base.clone());
        async move {
            form_page(
                state,
                ui,
                entity,
                ui.tr.t(&format!("doc-new-{}", entity.singular())),
                format!("{base}/new"),
                base,
                None,
                false,
                values,
                lines,
                errors,
                None,
                status,
            )
            .await
        }
    };
    if field(&form, "_add") == "line" {
        return again(values, lines, HashMap::new(), StatusCode::OK).await;
    }
    let json = match to_body(&state, &ui, entity, &values, &lines).await {
        Ok(j) => j,
        Err(errors) => {
            return again(values, lines, errors, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    match records::create(&state.app, &ui.ctx, entity, &json).await {
        Ok(r) => Redirect::to(&format!("{base}/{}", r.id().unwrap_or_default())).into_response(),
        Err(AppError::Invalid(e)) => {
            let errors = field_errors(tr, &e);
            again(values, lines, errors, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => error_page(tr, e),
    }
}

/// Saves a draft's changes with the version its form was drawn from. A document that
/// changed since shows the form again as typed, with the saved version, so that saving
/// again is a choice; one past its first status is shown read-only.
async fn update(state: AppState, ui: UiCtx, entity: Entity, id: String, body: Bytes) -> Response {
    let tr = ui.tr;
    let form = form(&body);
    if !same_secret(&ui.session.csrf_token, field(&form, "_csrf")) {
        return csrf_refused(tr);
    }
    let Ok(id) = Uuid::parse_str(&id) else {
        return not_found(tr);
    };
    let base = format!("/{}/{id}", entity.resource());
    let version: Option<i64> = field(&form, "_version").parse().ok();
    let (values, lines) = typed(&form);
    let again = |values, lines, version, errors: HashMap<String, String>, notice, status| {
        let (state, ui, base) = (&state, &ui, base.clone());
        async move {
            form_page(
                state,
                ui,
                entity,
                ui.tr.t("form-edit"),
                format!("{base}/edit"),
                base,
                version,
                false,
                values,
                lines,
                errors,
                notice,
                status,
            )
            .await
        }
    };
    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
    if field(&form, "_add") == "line" {
        return again(values, lines, version, HashMap::new(), None, StatusCode::OK).await;
    }
    let json = match to_body(&state, &ui, entity, &values, &lines).await {
        Ok(j) => j,
        Err(errors) => return again(values, lines, version, errors, None, unprocessable).await,
    };
    let if_match = version.map(etag_for);
    match records::update(&state.app, &ui.ctx, entity, id, &json, if_match.as_deref()).await {
        Ok(_) => Redirect::to(&base).into_response(),
        Err(AppError::Invalid(e)) => {
            let errors = field_errors(tr, &e);
            again(values, lines, version, errors, None, unprocessable).await
        }
        Err(AppError::Stale { .. }) => {
            let current = match records::get(&state.app, &ui.ctx, entity, id, None).await {
                Ok(r) => r,
                Err(e) => return error_page(tr, e),
            };
            let notice = Some(tr.t("form-conflict"));
            let (current_version, status) = (Some(current.version()), StatusCode::CONFLICT);
            again(
                values,
                lines,
                current_version,
                HashMap::new(),
                notice,
                status,
            )
            .await
        }
        Err(AppError::Conflict(_)) => {
            let current = match records::get(&state.app, &ui.ctx, entity, id, None).await {
                Ok(r) => r,
                Err(e) => return error_page(tr, e),
            };
            let (values, lines) = stored_values(&state, &ui, entity, &current).await;
            form_page(
                &state,
                &ui,
                entity,
                format!("{} · {}", tr.t("form-edit"), title(tr, entity, &current)),
                format!("{base}/edit"),
                base.clone(),
                Some(current.version()),
                true,
                values,
                lines,
                HashMap::new(),
                Some(tr.t("doc-read-only")),
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(e) => error_page(tr, e),
    }
}

/// The documents of one kind among a contact's or company's (newest first): number,
/// status and total, each a link to its page.
pub fn panel_items(
    ui: &UiCtx,
    kind: Entity,
    documents: &[Record],
) -> Vec<super::panels::PanelItem> {
    let tr = ui.tr;
    documents
        .iter()
        .filter(|d| d.entity == kind)
        .map(|d| super::panels::PanelItem {
            href: format!("/{}/{}", kind.resource(), d.id().unwrap_or_default()),
            text: number_text(tr, d),
            detail: [
                status_text(tr, d.str("status").unwrap_or_default()),
                money_text(
                    tr,
                    d.get("total").as_i64().unwrap_or(0),
                    d.str("currency").unwrap_or_default(),
                ),
            ]
            .join(" · "),
        })
        .collect()
}

/// The label key of a kind's panel title and its empty text.
pub fn panel_keys(kind: Entity) -> (&'static str, &'static str) {
    match kind {
        Entity::Quote => ("panel-quotes", "panel-no-quotes"),
        Entity::Order => ("panel-orders", "panel-no-orders"),
        _ => ("panel-invoices", "panel-no-invoices"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_decimals_read_back_in_every_language() {
        for (lang, typed, read) in [
            ("en", "1.5", "1.5"),
            ("en", "1,000.25", "1000.25"),
            ("de", "1,5", "1.5"),
            ("de", "1.000,25", "1000.25"),
            ("de", "2.5", "2.5"),
            ("nb", "1 000,5", "1000.5"),
            ("pl", "12,5", "12.5"),
        ] {
            assert_eq!(decimal_from_input(Tr::new(lang), typed), read, "{lang}");
        }
        for lang in super::super::i18n::LOCALES {
            let tr = Tr::new(lang);
            assert_eq!(
                decimal_from_input(tr, &decimal_input(tr, "1234.5")),
                "1234.5"
            );
        }
    }
}
