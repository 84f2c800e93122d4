//! The OpenAPI 3.1 document, built from the same entity descriptions that validate input
//! and allowlist filters, so the document cannot drift from what the server accepts; and
//! the reference page that renders it with vendored assets.

use crate::AppState;
use crate::api::RECORD_RESOURCES;
use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use rapport_core::documents::Step;
use rapport_core::entity::{
    Access, Entity, Field, FieldType, MAX_MINOR_UNITS, PAYMENT_METHODS, Rule, UNITS,
};
use serde_json::{Map, Value, json};
use std::sync::OnceLock;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/openapi.json", get(document))
        .route("/api/docs", get(page))
        .route(
            "/api/docs/api-docs.js",
            get(|| asset(INIT_JS, "text/javascript")),
        )
        .route(
            "/api/docs/swagger-ui.css",
            get(|| asset(SWAGGER_CSS, "text/css")),
        )
        .route(
            "/api/docs/swagger-ui-bundle.js",
            get(|| asset(SWAGGER_JS, "text/javascript")),
        )
}

const INIT_JS: &[u8] = include_bytes!("../static/api-docs.js");
const SWAGGER_CSS: &[u8] = include_bytes!("../static/vendor/swagger-ui/swagger-ui.css");
const SWAGGER_JS: &[u8] = include_bytes!("../static/vendor/swagger-ui/swagger-ui-bundle.js");

const PAGE: &str = r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rapport API reference</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
<div id="api-reference"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/api-docs.js"></script>
</body>
</html>
"#;

async fn page() -> Response {
    let mut response = ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], PAGE).into_response();
    // Swagger UI sets styles from script, hence 'unsafe-inline' for styles on this page only.
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'",
        ),
    );
    response
}

async fn asset(bytes: &'static [u8], content_type: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        bytes,
    )
        .into_response()
}

async fn document() -> Response {
    static DOC: OnceLock<String> = OnceLock::new();
    let body = DOC.get_or_init(|| build().to_string());
    ([(header::CONTENT_TYPE, "application/json")], body.as_str()).into_response()
}

fn schema_name(entity: Entity) -> String {
    entity
        .singular()
        .split(' ')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

fn reference(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

/// The JSON schema of one field's value.
fn field_schema(field: &Field) -> Value {
    let labelled = |key: &str, format: Value| {
        json!({
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": false,
                "required": [key],
                "properties": { "label": {"type": "string", "maxLength": 254}, key: format }
            }
        })
    };
    let phone = json!({"type": "string", "description": "E.164, for example +4722334455; input may contain spaces and a 00 prefix", "pattern": "^\\+[1-9][0-9]{1,14}$"});
    let mut schema = match field.rule {
        Rule::Text { max } => json!({"type": "string", "maxLength": max}),
        Rule::Email | Rule::LoginEmail => {
            json!({"type": "string", "format": "email", "maxLength": 254})
        }
        Rule::Phone => phone.clone(),
        Rule::Url => json!({"type": "string", "format": "uri", "maxLength": 2048}),
        Rule::Domain => json!({"type": "string", "format": "hostname"}),
        Rule::Color => json!({"type": "string", "pattern": "^#[0-9a-f]{6}$"}),
        Rule::Key => json!({"type": "string", "pattern": "^[a-z][a-z0-9_]{0,63}$"}),
        Rule::Enum(values) => json!({"type": "string", "enum": values}),
        Rule::Ref(target) => {
            json!({"type": "string", "format": "uuid", "description": format!("the id of a {}", target.singular())})
        }
        Rule::Int { min, max } => json!({"type": "integer", "minimum": min, "maximum": max}),
        Rule::Time => json!({"type": "string", "format": "date-time"}),
        Rule::Bool => json!({"type": "boolean"}),
        Rule::Tags => {
            json!({"type": "array", "maxItems": 50, "items": {"type": "string", "minLength": 1, "maxLength": 64}})
        }
        Rule::Emails => labelled("email", json!({"type": "string", "format": "email"})),
        Rule::Phones => labelled("phone", phone),
        Rule::Address => json!({
            "type": "object",
            "additionalProperties": false,
            "properties": {
                "street": {"type": "string"}, "street2": {"type": "string"},
                "postal_code": {"type": "string"}, "city": {"type": "string"},
                "region": {"type": "string"}, "country": {"type": "string"}
            }
        }),
        Rule::Participants => json!({
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": false,
                "properties": {
                    "name": {"type": "string"}, "email": {"type": "string", "format": "email"},
                    "phone": {"type": "string"}, "user_id": {"type": "string", "format": "uuid"},
                    "contact_id": {"type": "string", "format": "uuid"},
                    "role": {"type": "string"}
                }
            }
        }),
        Rule::Custom => json!({
            "type": "object",
            "description": "custom field values by key, checked against the custom field definitions; on update, keys set to null are removed",
            "additionalProperties": true
        }),
        Rule::Options => json!({"type": "array", "items": {"type": "string", "maxLength": 100}}),
        Rule::Members => json!({"type": "array", "items": {"type": "string", "format": "uuid"}}),
        Rule::TimeZone => {
            json!({"type": "string", "description": "an IANA time zone, such as Europe/Oslo"})
        }
        Rule::Date => json!({"type": "string", "format": "date"}),
        Rule::Html { max } => json!({
            "type": "string",
            "maxLength": max,
            "description": "HTML; kept sanitised: headings, paragraphs, lists, tables, code, links (http, https, mailto) and images remain, scripts, styles and event handlers are removed"
        }),
        Rule::Currency => {
            json!({"type": "string", "pattern": "^[A-Z]{3}$", "description": "an ISO 4217 currency code"})
        }
        Rule::Percent => json!({
            "type": ["string", "number"],
            "description": "a percentage from 0 to 100 with at most two decimals; kept as its exact decimal text, such as \"12.5\""
        }),
        Rule::Stages => json!({
            "type": "array",
            "minItems": 1,
            "maxItems": 30,
            "description": "the stages in board order; a deal names its stage by key",
            "items": {
                "type": "object",
                "additionalProperties": false,
                "required": ["key", "name"],
                "properties": {
                    "key": {"type": "string", "pattern": "^[a-z][a-z0-9_]{0,63}$"},
                    "name": {"type": "string", "maxLength": 100},
                    "probability": {"type": "integer", "minimum": 0, "maximum": 100, "description": "the chance, in percent, that a deal at this stage is won"}
                }
            }
        }),
        Rule::Refs(target) => json!({
            "type": "array",
            "items": {"type": "string", "format": "uuid"},
            "description": format!("ids of {}", target.table())
        }),
        Rule::Prices => json!({
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": false,
                "required": ["product_id", "unit_price"],
                "properties": {
                    "product_id": {"type": "string", "format": "uuid"},
                    "unit_price": {"type": "integer", "minimum": 0, "description": "in minor units of the price list's currency"}
                }
            }
        }),
        Rule::Recurrence => json!({
            "type": "object",
            "description": "how the task repeats: {\"frequency\": \"daily\"|\"weekly\"|\"monthly\"|\"yearly\", \"interval\", \"weekdays\", \"day_of_month\", \"weekday_of_month\", \"count\" or \"until\"}; occurrences keep their local time in the task's time_zone"
        }),
        Rule::Lines => json!({
            "type": "array",
            "maxItems": 500,
            "description": "the document's lines; a line naming a product takes the product's description, unit price, tax rate and unit where it leaves them out. Quantities and percentages are kept as exact decimal text",
            "items": {
                "type": "object",
                "additionalProperties": false,
                "properties": {
                    "product_id": {"type": ["string", "null"], "format": "uuid"},
                    "description": {"type": ["string", "null"], "maxLength": 1000, "description": "required without a product"},
                    "quantity": {"type": ["string", "number"], "description": "more than 0, at most four decimals; 1 when left out"},
                    "unit_price": {"type": ["integer", "null"], "description": "in minor units of the document's currency; negative for a credit line; required without a product"},
                    "discount_percent": {"type": ["string", "number"], "description": "0 to 100, at most two decimals"},
                    "tax_rate": {"type": ["string", "number", "null"], "description": "0 to 100, at most two decimals; required without a product"},
                    "unit": {"type": ["string", "null"], "enum": UNITS, "description": "a UN/ECE Recommendation 20 code"}
                }
            }
        }),
        Rule::None => match field.ty {
            FieldType::Uuid => json!({"type": "string", "format": "uuid"}),
            FieldType::Time => json!({"type": "string", "format": "date-time"}),
            FieldType::Int => json!({"type": "integer"}),
            FieldType::Bool => json!({"type": "boolean"}),
            FieldType::Text => json!({"type": "string"}),
            FieldType::Json => json!({}),
        },
    };
    if !field.not_null
        && let Some(Value::String(t)) = schema.get("type").cloned()
    {
        schema["type"] = json!([t, "null"]);
    }
    schema
}

fn example(entity: Entity) -> Value {
    match entity {
        Entity::Company => {
            json!({"name": "Fjord Fisk AS", "domain": "fjordfisk.no", "industry": "Seafood", "phone": "+47 22 33 44 55", "tags": ["key-account"]})
        }
        Entity::Contact => {
            json!({"first_name": "Kari", "last_name": "Nordmann", "email": "kari@fjordfisk.no", "phone": "+47 912 34 567", "title": "Purchasing manager", "lifecycle_stage": "customer", "tags": ["vip"]})
        }
        Entity::Interaction => {
            json!({"kind": "call", "direction": "inbound", "occurred_at": "2026-03-02T09:30:00Z", "subject": "Delivery dates", "body": "Asked to move the April delivery by a week.", "contact_id": "01928c6e-5f2a-7cc1-9a3b-2f1e0c9d8b7a", "duration_seconds": 240})
        }
        Entity::Tag => json!({"name": "vip", "color": "#d97706"}),
        Entity::CustomField => {
            json!({"entity": "contacts", "key": "budget", "label": "Budget", "field_type": "money"})
        }
        Entity::User => {
            json!({"email": "ola@example.com", "name": "Ola Normann", "role": "agent", "locale": "nb"})
        }
        Entity::Team => json!({"name": "Support Oslo", "members": []}),
        Entity::Attachment => json!({"file_name": "contract.pdf"}),
        Entity::Lead => {
            json!({"first_name": "Ingrid", "last_name": "Berg", "email": "ingrid@havbris.no", "company_name": "Havbris AS", "source": "web_form", "score": 40})
        }
        Entity::Pipeline => json!({
            "name": "New business",
            "stages": [
                {"key": "qualified", "name": "Qualified", "probability": 10},
                {"key": "proposal", "name": "Proposal", "probability": 50},
                {"key": "negotiation", "name": "Negotiation", "probability": 80}
            ]
        }),
        Entity::Deal => {
            json!({"title": "Havbris: 40 licences", "pipeline_id": "01928c6e-5f2a-7cc1-9a3b-2f1e0c9d8b7a", "stage": "proposal", "amount": 4_800_000, "currency": "NOK", "expected_close": "2026-06-30"})
        }
        Entity::Product => {
            json!({"name": "Support plan, yearly", "code": "SUP-12", "unit_price": 1_200_000, "currency": "NOK", "tax_rate": "25", "unit": "year"})
        }
        Entity::PriceList => {
            json!({"name": "Euro list 2026", "currency": "EUR", "prices": [{"product_id": "01928c6e-5f2a-7cc1-9a3b-2f1e0c9d8b7a", "unit_price": 99_000}]})
        }
        Entity::Task => {
            json!({"title": "Call Kari about the renewal", "due_at": "2026-03-02T08:00:00Z", "time_zone": "Europe/Oslo", "reminder_minutes": 15, "priority": "high", "recurrence": {"frequency": "weekly", "interval": 1, "weekdays": ["monday"]}})
        }
        Entity::KbCategory => {
            json!({"name": "Billing", "description": "Invoices, payments and refunds", "position": 1})
        }
        Entity::KbArticle => json!({
            "title": "How to download an invoice",
            "category_id": "01928c6e-5f2a-7cc1-9a3b-2f1e0c9d8b7a",
            "language": "en",
            "body": "<h2>From the portal</h2><p>Open <strong>Invoices</strong> and choose <em>Download PDF</em>.</p>",
            "status": "published",
            "audience": "public",
            "tags": ["billing"]
        }),
        Entity::Quote | Entity::Order | Entity::Invoice | Entity::Payment => json!({
            "currency": "NOK",
            "contact_id": "01928c6e-5f2a-7cc1-9a3b-2f1e0c9d8b7a",
            "lines": [
                {"product_id": "01928c6e-6a1b-7d20-8c4e-3a2b1c0d9e8f", "quantity": 40},
                {"description": "Onboarding workshop", "quantity": "1.5", "unit": "DAY", "unit_price": 1_200_000, "discount_percent": 10, "tax_rate": "25"}
            ]
        }),
        Entity::Queue => {
            json!({"name": "Billing", "description": "Invoices, refunds and payment questions", "assignment": "round_robin"})
        }
        Entity::Ticket => {
            json!({"subject": "The April invoice is charged twice", "description": "Kari called: the card was charged twice for invoice INV-2026-0042.", "priority": "high", "type": "incident", "channel": "phone", "contact_id": "01928c6e-5f2a-7cc1-9a3b-2f1e0c9d8b7a", "tags": ["billing"]})
        }
        Entity::TicketMessage => {
            json!({"body": "<p>Hello Kari, we have refunded the second charge.</p>", "visibility": "public"})
        }
    }
}

/// The SLA fields of a ticket, which the API shows together and nobody writes.
const SLA_FIELDS: [&str; 3] = ["first_response_due_at", "resolution_due_at", "sla_state"];

fn sla_schema() -> Value {
    json!({
        "type": "object",
        "readOnly": true,
        "description": "the due times of the ticket's SLA policy and where it stands; kept by Rapport",
        "required": ["first_response_due_at", "resolution_due_at", "state"],
        "properties": {
            "first_response_due_at": {"type": ["string", "null"], "format": "date-time"},
            "resolution_due_at": {"type": ["string", "null"], "format": "date-time"},
            "state": {"type": ["string", "null"]}
        }
    })
}

fn schemas() -> Map<String, Value> {
    let mut out = Map::new();
    for entity in RECORD_RESOURCES
        .into_iter()
        .chain([Entity::Attachment, Entity::TicketMessage])
    {
        let name = schema_name(entity);
        let mut record = Map::new();
        let shown = || {
            entity
                .fields()
                .filter(move |f| entity != Entity::Ticket || !SLA_FIELDS.contains(&f.name))
        };
        for f in shown() {
            record.insert(f.name.to_string(), field_schema(f));
        }
        let mut required: Vec<&str> = shown().map(|f| f.name).collect();
        if entity == Entity::Ticket {
            record.insert("sla".into(), sla_schema());
            required.push("sla");
        }
        out.insert(
            name.clone(),
            json!({"type": "object", "properties": record, "required": required}),
        );
        let mut input = Map::new();
        for f in entity.own_fields().filter(|f| f.access != Access::System) {
            let mut s = field_schema(f);
            if f.access == Access::CreateOnly {
                s["description"] = json!("set on create; cannot be changed");
            }
            input.insert(f.name.to_string(), s);
        }
        let required: Vec<&str> = entity
            .own_fields()
            .filter(|f| f.required)
            .map(|f| f.name)
            .collect();
        out.insert(
            format!("{name}Input"),
            json!({
                "type": "object",
                "additionalProperties": false,
                "properties": input,
                "required": required,
                "examples": [example(entity)],
            }),
        );
        out.insert(
            format!("{name}Page"),
            json!({
                "type": "object",
                "required": ["items", "next_cursor"],
                "properties": {
                    "items": {"type": "array", "items": reference(&name)},
                    "next_cursor": {"type": ["string", "null"], "description": "pass as cursor to get the next page; null on the last page"}
                }
            }),
        );
    }
    out.insert(
        "Payment".into(),
        json!({"type": "object", "properties": Entity::Payment.fields().map(|f| (f.name.to_string(), field_schema(f))).collect::<Map<String, Value>>(),
               "required": Entity::Payment.fields().map(|f| f.name).collect::<Vec<_>>()}),
    );
    out.insert(
        "PaymentPage".into(),
        json!({
            "type": "object",
            "required": ["items", "next_cursor"],
            "properties": {
                "items": {"type": "array", "items": reference("Payment")},
                "next_cursor": {"type": ["string", "null"], "description": "pass as cursor to get the next page; null on the last page"}
            }
        }),
    );
    out.insert(
        "KbArticleVersion".into(),
        json!({
            "type": "object",
            "description": "an article's title and body as one change left them, read from its history",
            "required": ["number", "title", "body", "actor_id", "created_at"],
            "properties": {
                "number": {"type": "integer", "minimum": 1, "description": "1 for the article as created, then one more for each change of its title or body"},
                "title": {"type": ["string", "null"]},
                "body": {"type": ["string", "null"], "description": "sanitised HTML"},
                "actor_id": {"type": ["string", "null"], "format": "uuid", "description": "who made this version (null for Rapport itself)"},
                "created_at": {"type": "string", "format": "date-time"}
            }
        }),
    );
    out.insert(
        "Problem".into(),
        json!({
            "type": "object",
            "description": "RFC 9457 problem details",
            "required": ["type", "title", "status", "detail", "errors"],
            "properties": {
                "type": {"type": "string"},
                "title": {"type": "string"},
                "status": {"type": "integer"},
                "detail": {"type": "string"},
                "errors": {"type": "array", "items": {
                    "type": "object",
                    "required": ["field", "message", "code"],
                    "properties": {"field": {"type": "string"}, "message": {"type": "string"}, "code": {"type": "string", "description": "A stable code for the problem, such as `required` or `not-an-email`."}}
                }}
            },
            "examples": [{"type": "about:blank", "title": "Unprocessable Entity", "status": 422, "detail": "the request has invalid fields; see errors", "errors": [{"field": "email", "message": "is not a valid email address", "code": "bad-email"}]}]
        }),
    );
    out.insert(
        "Notification".into(),
        json!({
            "type": "object",
            "description": "something another user did that concerns the caller; names are as they were then",
            "required": ["id", "kind", "actor_id", "actor_name", "record_type", "record_id", "record_name", "interaction_kind", "created_at", "read_at"],
            "properties": {
                "id": {"type": "string", "format": "uuid"},
                "kind": {"type": "string", "enum": ["owner", "interaction"], "description": "owner: the caller was made the record's owner; interaction: someone logged an interaction on a record the caller owns"},
                "actor_id": {"type": ["string", "null"], "format": "uuid", "description": "who did it (null for Rapport itself)"},
                "actor_name": {"type": "string"},
                "record_type": {"type": "string", "enum": ["contacts", "companies"]},
                "record_id": {"type": "string", "format": "uuid"},
                "record_name": {"type": "string"},
                "interaction_kind": {"type": ["string", "null"], "description": "for an interaction, its kind"},
                "created_at": {"type": "string", "format": "date-time"},
                "read_at": {"type": ["string", "null"], "format": "date-time"}
            }
        }),
    );
    out.insert(
        "NotificationPage".into(),
        json!({
            "type": "object",
            "required": ["items", "next_cursor"],
            "properties": {
                "items": {"type": "array", "items": reference("Notification")},
                "next_cursor": {"type": ["string", "null"], "description": "pass as cursor to get the next page; null on the last page"}
            }
        }),
    );
    out.insert(
        "Event".into(),
        json!({
            "type": "object",
            "properties": {
                "id": {"type": "string", "format": "uuid"},
                "action": {"type": "string", "enum": ["create", "update", "delete", "restore", "merge", "purge", "message"], "description": "message: a message joined a ticket's conversation"},
                "actor_id": {"type": ["string", "null"], "format": "uuid"},
                "origin": {"type": "string", "enum": ["ui", "api", "cli", "import", "channel", "automation"]},
                "occurred_at": {"type": "string", "format": "date-time"},
                "changes": {"type": "array", "items": {"type": "object", "properties": {"field": {"type": "string"}, "old": {}, "new": {}}}}
            }
        }),
    );
    out
}

fn problem(description: &str) -> Value {
    json!({"description": description, "content": {"application/problem+json": {"schema": reference("Problem")}}})
}

fn errors(codes: &[&str]) -> Map<String, Value> {
    let mut out = Map::new();
    for code in codes {
        let text = match *code {
            "400" => "malformed request: bad JSON, unknown query parameter, filter, sort or cursor",
            "401" => "missing, unknown or revoked API token",
            "403" => "the role or the token's scopes do not allow this",
            "404" => "no such record, or the caller may not see it",
            "409" => "the record's state does not allow this (for example it is deleted)",
            "412" => "If-Match names a version that is no longer current; nothing was changed",
            "413" => "the body or file is too large",
            "415" => "the body is not application/json",
            "422" => "invalid fields; errors names each",
            "429" => "too many failed attempts from this address",
            _ => "error",
        };
        out.insert((*code).to_string(), problem(text));
    }
    out
}

fn with(mut responses: Map<String, Value>, code: &str, value: Value) -> Value {
    responses.insert(code.to_string(), value);
    Value::Object(responses)
}

fn id_param() -> Value {
    json!({"name": "id", "in": "path", "required": true, "schema": {"type": "string", "format": "uuid"}})
}

fn if_match() -> Value {
    json!({"name": "If-Match", "in": "header", "required": false, "schema": {"type": "string"}, "description": "the ETag of the version this change is based on; a stale one gets 412"})
}

fn record_ok(name: &str, description: &str) -> Value {
    json!({
        "description": description,
        "headers": {"ETag": {"schema": {"type": "string"}, "description": "the record's version"}},
        "content": {"application/json": {"schema": reference(name)}}
    })
}

fn list_params(entity: Entity) -> Vec<Value> {
    let sorts: Vec<String> = entity
        .fields()
        .filter(|f| f.sort)
        .flat_map(|f| [f.name.to_string(), format!("-{}", f.name)])
        .collect();
    let filters: Vec<&str> = entity
        .fields()
        .filter(|f| f.filter)
        .map(|f| f.name)
        .collect();
    // Read from the dates, not stored: rewritten as the status and the date that passed.
    let computed = match entity {
        Entity::Invoice => " Also filter[overdue]=true: issued or partly paid, due before today.",
        Entity::Quote => " Also filter[expired]=true: sent, valid until before today.",
        _ => "",
    };
    vec![
        json!({"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": 50}}),
        json!({"name": "cursor", "in": "query", "schema": {"type": "string"}, "description": "next_cursor from the previous page"}),
        json!({"name": "sort", "in": "query", "schema": {"type": "string", "enum": sorts}, "description": "a leading - sorts descending"}),
        json!({"name": "q", "in": "query", "schema": {"type": "string", "maxLength": 200}, "description": "full-text search; words match by prefix"}),
        json!({"name": "deleted", "in": "query", "schema": {"type": "string", "enum": ["exclude", "only"], "default": "exclude"}}),
        json!({
            "name": "filter",
            "in": "query",
            "style": "deepObject",
            "explode": true,
            "schema": {"type": "object", "additionalProperties": true},
            "description": format!(
                "filter[field]=value or filter[field][op]=value with op one of eq, ne, lt, lte, gt, gte, contains, in (comma-separated), is_null (true|false). Filterable fields: {}.{computed}",
                filters.join(", ")
            ),
        }),
    ]
}

fn paths() -> Map<String, Value> {
    let mut paths = Map::new();
    for entity in RECORD_RESOURCES {
        let name = schema_name(entity);
        let tag = entity.resource();
        let base = format!("/api/v1/{}", entity.resource());
        paths.insert(
            base.clone(),
            json!({
                "get": {
                    "tags": [tag], "summary": format!("List {}", entity.table().replace('_', " ")),
                    "operationId": format!("list_{}", entity.table()),
                    "parameters": list_params(entity),
                    "responses": with(errors(&["400", "401", "403"]), "200", json!({"description": "one page", "content": {"application/json": {"schema": reference(&format!("{name}Page"))}}}))
                },
                "post": {
                    "tags": [tag], "summary": format!("Create a {}", entity.singular()),
                    "operationId": format!("create_{}", entity.table()),
                    "requestBody": {"required": true, "content": {"application/json": {"schema": reference(&format!("{name}Input"))}}},
                    "responses": with(errors(&["400", "401", "403", "413", "415", "422"]), "201", json!({
                        "description": "created",
                        "headers": {"Location": {"schema": {"type": "string"}}, "ETag": {"schema": {"type": "string"}}},
                        "content": {"application/json": {"schema": reference(&name)}}
                    }))
                }
            }),
        );
        paths.insert(
            format!("{base}/{{id}}"),
            json!({
                "parameters": [id_param()],
                "get": {
                    "tags": [tag], "summary": format!("Get a {}, now or as it was at a past instant", entity.singular()),
                    "operationId": format!("get_{}", entity.table()),
                    "parameters": [{"name": "as_of", "in": "query", "schema": {"type": "string", "format": "date-time"}, "description": "show the record as it was then; 404 if it did not exist yet"}],
                    "responses": with(errors(&["400", "401", "403", "404"]), "200", record_ok(&name, "the record"))
                },
                "patch": {
                    "tags": [tag], "summary": format!("Change a {}", entity.singular()),
                    "operationId": format!("update_{}", entity.table()),
                    "parameters": [if_match()],
                    "requestBody": {"required": true, "content": {"application/json": {"schema": reference(&format!("{name}Input"))}}},
                    "responses": with(errors(&["400", "401", "403", "404", "409", "412", "413", "415", "422"]), "200", record_ok(&name, "the changed record"))
                },
                "delete": {
                    "tags": [tag], "summary": format!("Move a {} to the trash", entity.singular()),
                    "operationId": format!("delete_{}", entity.table()),
                    "parameters": [if_match()],
                    "responses": with(errors(&["400", "401", "403", "404", "409", "412"]), "204", json!({"description": "deleted"}))
                }
            }),
        );
        paths.insert(
            format!("{base}/{{id}}/restore"),
            json!({"post": {
                "tags": [tag], "summary": format!("Restore a deleted {}", entity.singular()),
                "operationId": format!("restore_{}", entity.table()),
                "parameters": [id_param(), if_match()],
                "responses": with(errors(&["400", "401", "403", "404", "409", "412"]), "200", record_ok(&name, "the restored record"))
            }}),
        );
        paths.insert(
            format!("{base}/{{id}}/purge"),
            json!({"post": {
                "tags": [tag], "summary": format!("Remove a {} for good (admins)", entity.singular()),
                "operationId": format!("purge_{}", entity.table()),
                "parameters": [id_param()],
                "responses": with(errors(&["400", "401", "403", "404", "409"]), "204", json!({"description": "purged"}))
            }}),
        );
        paths.insert(
            format!("{base}/{{id}}/history"),
            json!({"get": {
                "tags": [tag], "summary": format!("Every change to a {}", entity.singular()),
                "operationId": format!("history_{}", entity.table()),
                "parameters": [id_param()],
                "responses": with(errors(&["400", "401", "403", "404"]), "200", json!({"description": "events, oldest first", "content": {"application/json": {"schema": {"type": "object", "properties": {"items": {"type": "array", "items": reference("Event")}}}}}}))
            }}),
        );
    }
    for parent in [Entity::Contact, Entity::Company] {
        let base = format!("/api/v1/{}/{{id}}", parent.resource());
        let name = schema_name(parent);
        let timeline_params: Vec<Value> = std::iter::once(id_param())
            .chain(list_params(Entity::Interaction))
            .collect();
        let summary = match parent {
            Entity::Contact => {
                "The contact's interactions and the meetings it takes part in, newest first"
                    .to_string()
            }
            _ => format!("The {}'s interactions, newest first", parent.singular()),
        };
        paths.insert(
            format!("{base}/timeline"),
            json!({"get": {
                "tags": [parent.resource()], "summary": summary,
                "operationId": format!("timeline_{}", parent.table()),
                "parameters": timeline_params,
                "responses": with(errors(&["400", "401", "403", "404"]), "200", json!({"description": "one page", "content": {"application/json": {"schema": reference("InteractionPage")}}}))
            }}),
        );
        paths.insert(
            format!("{base}/merge"),
            json!({"post": {
                "tags": [parent.resource()], "summary": format!("Merge a duplicate {} into this one", parent.singular()),
                "operationId": format!("merge_{}", parent.table()),
                "parameters": [id_param(), if_match()],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": false, "required": ["from"], "properties": {"from": {"type": "string", "format": "uuid"}}}}}},
                "responses": with(errors(&["400", "401", "403", "404", "409", "412", "422"]), "200", record_ok(&name, "the surviving record"))
            }}),
        );
    }
    ticket_paths(&mut paths);
    for parent in rapport_app::attachments::PARENTS {
        paths.insert(
            format!("/api/v1/{}/{{id}}/attachments", parent.resource()),
            json!({
                "parameters": [id_param()],
                "get": {
                    "tags": ["attachments"], "summary": format!("A {}'s attachments", parent.singular()),
                    "operationId": format!("attachments_of_{}", parent.table()),
                    "responses": with(errors(&["400", "401", "403", "404"]), "200", json!({"description": "the attachments", "content": {"application/json": {"schema": reference("AttachmentPage")}}}))
                },
                "post": {
                    "tags": ["attachments"], "summary": format!("Attach a file to a {}", parent.singular()),
                    "operationId": format!("attach_to_{}", parent.table()),
                    "requestBody": {"required": true, "content": {"multipart/form-data": {"schema": {"type": "object", "required": ["file"], "properties": {"file": {"type": "string", "format": "binary"}}}}}},
                    "responses": with(errors(&["400", "401", "403", "404", "409", "413", "422"]), "201", record_ok("Attachment", "the stored attachment; its content type is read from the bytes"))
                }
            }),
        );
    }
    paths.insert(
        "/api/v1/attachments/{id}".into(),
        json!({
            "parameters": [id_param()],
            "get": {"tags": ["attachments"], "summary": "An attachment's details", "operationId": "get_attachment",
                    "responses": with(errors(&["400", "401", "403", "404"]), "200", record_ok("Attachment", "the attachment"))},
            "patch": {"tags": ["attachments"], "summary": "Rename an attachment", "operationId": "update_attachment",
                      "parameters": [if_match()],
                      "requestBody": {"required": true, "content": {"application/json": {"schema": reference("AttachmentInput")}}},
                      "responses": with(errors(&["400", "401", "403", "404", "412", "422"]), "200", record_ok("Attachment", "the attachment"))},
            "delete": {"tags": ["attachments"], "summary": "Move an attachment to the trash", "operationId": "delete_attachment",
                       "parameters": [if_match()],
                       "responses": with(errors(&["400", "401", "403", "404", "409", "412"]), "204", json!({"description": "deleted"}))}
        }),
    );
    paths.insert(
        "/api/v1/attachments/{id}/content".into(),
        json!({"get": {"tags": ["attachments"], "summary": "Download an attachment", "operationId": "download_attachment",
                       "parameters": [id_param()],
                       "responses": with(errors(&["400", "401", "403", "404"]), "200", json!({"description": "the file, as an attachment", "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}))}}),
    );
    for (suffix, summary, op) in [
        (
            "restore",
            "Restore a deleted attachment",
            "restore_attachment",
        ),
        (
            "purge",
            "Remove an attachment for good (admins)",
            "purge_attachment",
        ),
    ] {
        paths.insert(
            format!("/api/v1/attachments/{{id}}/{suffix}"),
            json!({"post": {"tags": ["attachments"], "summary": summary, "operationId": op, "parameters": [id_param()],
                            "responses": with(errors(&["400", "401", "403", "404", "409"]), "200", json!({"description": "done"}))}}),
        );
    }
    paths.insert(
        "/api/v1/attachments/{id}/history".into(),
        json!({"get": {"tags": ["attachments"], "summary": "Every change to an attachment", "operationId": "history_attachment", "parameters": [id_param()],
                       "responses": with(errors(&["400", "401", "403", "404"]), "200", json!({"description": "events, oldest first"}))}}),
    );
    let candidates = json!({"type": "array", "items": {
        "type": "object",
        "required": ["id", "name", "reasons"],
        "properties": {
            "id": {"type": "string", "format": "uuid"},
            "name": {"type": "string"},
            "reasons": {"type": "array", "items": {"type": "string", "enum": ["email", "phone", "domain", "name"]}}
        }
    }});
    let duplicates = json!({"type": "object", "required": ["contacts", "companies"],
        "properties": {"contacts": candidates, "companies": candidates}});
    paths.insert(
        "/api/v1/leads/{id}/duplicates".into(),
        json!({"get": {"tags": ["leads"], "summary": "Contacts and companies that look like the lead: the same email, phone or company domain, or the same name",
                       "operationId": "lead_duplicates", "parameters": [id_param()],
                       "responses": with(errors(&["400", "401", "403", "404"]), "200", json!({"description": "the look-alikes the caller may see", "content": {"application/json": {"schema": duplicates}}}))}}),
    );
    paths.insert(
        "/api/v1/leads/{id}/convert".into(),
        json!({"post": {"tags": ["leads"],
                        "summary": "Convert a lead into a contact, its company and a deal, in one transaction",
                        "description": "Stops with 409 and the look-alikes under `duplicates` when contacts or companies like the ones it would create exist; name them to link them, or set `create_anyway`.",
                        "operationId": "convert_lead", "parameters": [id_param()],
                        "requestBody": {"required": false, "content": {"application/json": {"schema": {
                            "type": "object", "additionalProperties": false,
                            "properties": {
                                "contact_id": {"type": "string", "format": "uuid", "description": "link this contact instead of creating one"},
                                "company_id": {"type": "string", "format": "uuid", "description": "link this company instead of creating one"},
                                "create_anyway": {"type": "boolean", "default": false, "description": "create new records even when look-alikes exist"},
                                "deal": {"description": "the deal's fields, or false for no deal", "oneOf": [reference("DealInput"), {"type": "boolean"}]}
                            }
                        }}}},
                        "responses": with(errors(&["400", "401", "403", "404", "409", "422"]), "200", json!({"description": "what the lead became", "content": {"application/json": {"schema": {
                            "type": "object", "required": ["contact_id", "company_id", "deal_id"],
                            "properties": {
                                "contact_id": {"type": "string", "format": "uuid"},
                                "company_id": {"type": ["string", "null"], "format": "uuid"},
                                "deal_id": {"type": ["string", "null"], "format": "uuid"}
                            }
                        }}}}))}}),
    );
    kb_paths(&mut paths);
    paths.insert(
        "/api/v1/notifications".into(),
        json!({"get": {"tags": ["notifications"], "summary": "The caller's notifications, newest first", "operationId": "list_notifications",
                       "parameters": [
                           {"name": "unread", "in": "query", "schema": {"type": "boolean", "default": false}, "description": "only the unread ones"},
                           {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": 50}},
                           {"name": "cursor", "in": "query", "schema": {"type": "string"}, "description": "next_cursor from the previous page"}
                       ],
                       "responses": with(errors(&["400", "401"]), "200", json!({"description": "one page", "content": {"application/json": {"schema": reference("NotificationPage")}}}))}}),
    );
    paths.insert(
        "/api/v1/notifications/{id}/read".into(),
        json!({"post": {"tags": ["notifications"], "summary": "Mark one of the caller's notifications read", "operationId": "read_notification",
                        "parameters": [id_param()],
                        "responses": with(errors(&["400", "401", "403", "404"]), "200", json!({"description": "the notification", "content": {"application/json": {"schema": reference("Notification")}}}))}}),
    );
    paths.insert(
        "/api/v1/notifications/read-all".into(),
        json!({"post": {"tags": ["notifications"], "summary": "Mark all of the caller's notifications read", "operationId": "read_all_notifications",
                        "responses": with(errors(&["401", "403"]), "200", json!({"description": "how many were unread", "content": {"application/json": {"schema": {"type": "object", "required": ["marked"], "properties": {"marked": {"type": "integer"}}}}}}))}}),
    );
    paths.insert(
        "/api/v1/users/{id}/password".into(),
        json!({"post": {"tags": ["users"], "summary": "Set a user's password (admins, or the user)", "operationId": "set_password", "parameters": [id_param()],
                        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": false, "required": ["password"], "properties": {"password": {"type": "string", "minLength": 10}}}}}},
                        "responses": with(errors(&["400", "401", "403", "404", "422"]), "204", json!({"description": "set"}))}}),
    );
    paths.insert(
        "/api/v1/auth/token".into(),
        json!({"post": {"tags": ["auth"], "summary": "Sign in with a password and receive a new API token", "operationId": "token_for_password", "security": [],
                        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": false, "required": ["email", "password"], "properties": {"email": {"type": "string", "format": "email"}, "password": {"type": "string"}, "name": {"type": "string", "description": "a name for the token"}}}}}},
                        "responses": with(errors(&["400", "401", "415", "422", "429"]), "201", json!({"description": "the token; it is shown only this once", "content": {"application/json": {"schema": {"type": "object", "properties": {"token": {"type": "string"}, "id": {"type": "string", "format": "uuid"}}}}}}))}}),
    );
    paths.insert(
        "/api/v1/calendar.ics".into(),
        json!({"get": {"tags": ["calendar"], "summary": "The caller's tasks (VTODO) and meetings (VEVENT) as iCalendar", "operationId": "calendar_export",
                       "responses": with(errors(&["401", "403"]), "200", json!({"description": "one VCALENDAR", "content": {"text/calendar": {"schema": {"type": "string"}}}}))}}),
    );
    paths.insert(
        "/calendar/{feed_token}.ics".into(),
        json!({"get": {"tags": ["calendar"], "summary": "A user's calendar feed, for calendar apps to subscribe to; the token is made on the account page", "operationId": "calendar_feed", "security": [],
                       "parameters": [{"name": "feed_token", "in": "path", "required": true, "schema": {"type": "string"}}],
                       "responses": with(errors(&["404"]), "200", json!({"description": "one VCALENDAR", "content": {"text/calendar": {"schema": {"type": "string"}}}}))}}),
    );
    document_paths(&mut paths);
    forecast_paths(&mut paths);
    for (path, summary, op) in [
        ("/healthz", "The process is alive", "healthz"),
        (
            "/readyz",
            "The database answers and is migrated (503 otherwise)",
            "readyz",
        ),
        ("/metrics", "Prometheus metrics", "metrics"),
    ] {
        paths.insert(
            path.into(),
            json!({"get": {"tags": ["operations"], "summary": summary, "operationId": op, "security": [], "responses": {"200": {"description": "ok"}}}}),
        );
    }
    paths
}

/// The steps of quotes, orders and invoices and what they make.
fn document_paths(paths: &mut Map<String, Value>) {
    let refused = "409: the document's status does not allow this; the detail says why and nothing was changed";
    for (entity, step, name) in rapport_core::documents::STEPS {
        let schema = schema_name(entity);
        let summary = match (entity, step) {
            (Entity::Invoice, Step::Issue) => {
                "Issue a draft invoice: it gets its number and its issue date (today unless set)"
                    .to_string()
            }
            (Entity::Quote, Step::Send) => {
                "Mark a draft quote sent (its issue date is today unless set)".to_string()
            }
            _ => format!("Mark the {} {}", entity.singular(), step.done()),
        };
        paths.insert(
            format!("/api/v1/{}/{{id}}/{name}", entity.resource()),
            json!({"post": {
                "tags": [entity.resource()], "summary": summary, "description": refused,
                "operationId": format!("{name}_{}", entity.singular()),
                "parameters": [id_param(), if_match()],
                "responses": with(errors(&["400", "401", "403", "404", "409", "412"]), "200", record_ok(&schema, "the document in its new status"))
            }}),
        );
    }
    paths.insert(
        "/api/v1/quotes/{id}/order".into(),
        json!({"post": {"tags": ["quotes"], "summary": "Make an order of an accepted quote, with its lines; a quote has one order",
                        "description": refused, "operationId": "order_from_quote", "parameters": [id_param(), if_match()],
                        "responses": with(errors(&["400", "401", "403", "404", "409", "412"]), "201", record_ok("Order", "the new open order"))}}),
    );
    paths.insert(
        "/api/v1/orders/{id}/invoice".into(),
        json!({"post": {"tags": ["orders"], "summary": "Make a draft invoice of an order, with its lines",
                        "description": "409 when the order is cancelled or its quote was rejected", "operationId": "invoice_from_order", "parameters": [id_param(), if_match()],
                        "responses": with(errors(&["400", "401", "403", "404", "409", "412"]), "201", record_ok("Invoice", "the new draft invoice"))}}),
    );
    paths.insert(
        "/api/v1/invoices/{id}/pay".into(),
        json!({"post": {"tags": ["invoices"], "summary": "Record a payment of an issued invoice; its paid amount and status follow in the same transaction",
                        "description": "409 when the invoice is not issued (or partly paid) or the amount is more than is due", "operationId": "pay_invoice",
                        "parameters": [id_param(), if_match()],
                        "requestBody": {"required": true, "content": {"application/json": {"schema": {
                            "type": "object", "additionalProperties": false, "required": ["amount"],
                            "properties": {
                                "amount": {"type": "integer", "minimum": 1, "description": "in minor units of the invoice's currency"},
                                "paid_at": {"type": "string", "format": "date-time", "description": "now when left out"},
                                "method": {"type": "string", "enum": PAYMENT_METHODS},
                                "reference": {"type": "string", "maxLength": 200}
                            }
                        }}}},
                        "responses": with(errors(&["400", "401", "403", "404", "409", "412", "415", "422"]), "200", record_ok("Invoice", "the invoice with its new balance"))}}),
    );
    for entity in [Entity::Quote, Entity::Order, Entity::Invoice] {
        let kind = entity.singular();
        paths.insert(
            format!("/api/v1/{}/{{id}}/pdf", entity.resource()),
            json!({"get": {"tags": [entity.resource()],
                           "summary": format!("The {kind} as an A4 PDF, in the language stored for the token's user (else the organisation's default, else English)"),
                           "description": "The file name is the document's number. 422 names what the seller settings or the buyer lack (such as seller.legal_name); 409 for a deleted document.",
                           "operationId": format!("{kind}_pdf"), "parameters": [id_param()],
                           "responses": with(errors(&["400", "401", "403", "404", "409", "422"]), "200",
                               json!({"description": "the PDF, as an attachment", "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}}))}}),
        );
    }
    paths.insert(
        "/api/v1/invoices/{id}/ubl".into(),
        json!({"get": {"tags": ["invoices"], "summary": "The invoice as UBL 2.1 XML following Peppol BIS Billing 3.0",
                       "description": "409 unless the invoice is issued, partly paid, paid or overdue. 422 names each field the invoice needs and the seller settings or the buyer's company lack (such as seller.vat_number, buyer.peppol_id, buyer_reference).",
                       "operationId": "invoice_ubl", "parameters": [id_param()],
                       "responses": with(errors(&["400", "401", "403", "404", "409", "422"]), "200",
                           json!({"description": "the invoice, as an attachment", "content": {"application/xml": {"schema": {"type": "string"}}}}))}}),
    );
    paths.insert(
        "/api/v1/invoices/{id}/payments".into(),
        json!({"get": {"tags": ["invoices"], "summary": "The payments of an invoice, newest first", "operationId": "invoice_payments",
                       "parameters": [id_param(), {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": 50}},
                                      {"name": "cursor", "in": "query", "schema": {"type": "string"}}],
                       "responses": with(errors(&["400", "401", "403", "404"]), "200", json!({"description": "one page", "content": {"application/json": {"schema": reference("PaymentPage")}}}))}}),
    );
}

/// A ticket's conversation and merging.
fn ticket_paths(paths: &mut Map<String, Value>) {
    let page_params: Vec<Value> = std::iter::once(id_param())
        .chain(list_params(Entity::TicketMessage))
        .collect();
    let posted = json!({
        "allOf": [reference("Message"), {"type": "object", "required": ["ticket", "follow_up"], "properties": {
            "ticket": reference("Ticket"),
            "follow_up": {"type": "boolean", "description": "true when the ticket written to was closed and the message opened the follow-up ticket named in ticket"}
        }}]
    });
    paths.insert(
        "/api/v1/tickets/{id}/messages".into(),
        json!({
            "get": {"tags": ["tickets"], "summary": "A ticket's public replies and internal notes, oldest first",
                    "operationId": "ticket_messages", "parameters": page_params,
                    "responses": with(errors(&["400", "401", "403", "404"]), "200", json!({"description": "one page", "content": {"application/json": {"schema": reference("MessagePage")}}}))},
            "post": {"tags": ["tickets"], "summary": "Add a public reply or an internal note to a ticket",
                     "description": "The body is HTML; it is sanitised (scripts, styles, event handlers and unsafe links removed) and kept with a plain-text copy. The first public reply by a user sets first_responded_at and moves a new ticket to open. A public reply to a closed ticket opens a follow-up ticket (follow_up_of names the closed one) and joins that instead. The ticket's history gets a message event.",
                     "operationId": "post_ticket_message", "parameters": [id_param()],
                     "requestBody": {"required": true, "content": {"application/json": {"schema": {
                         "type": "object", "additionalProperties": false, "required": ["body"],
                         "properties": {
                             "body": {"type": "string", "maxLength": 100_000, "description": "HTML or plain text"},
                             "visibility": {"type": "string", "enum": rapport_core::entity::MESSAGE_VISIBILITIES, "default": "public", "description": "public: a reply the contact reads; internal: a note for staff"}
                         },
                         "examples": [example(Entity::TicketMessage)]
                     }}}},
                     "responses": with(errors(&["400", "401", "403", "404", "409", "413", "415", "422"]), "201", json!({"description": "the message and the ticket it joined", "content": {"application/json": {"schema": posted}}}))}
        }),
    );
    paths.insert(
        "/api/v1/tickets/{id}/merge".into(),
        json!({"post": {"tags": ["tickets"], "summary": "Merge this ticket into another",
                        "description": "The messages and attachments move to the other ticket, which lists this one in merged_from and takes its tags; this ticket is closed with merged_into naming the other. Both histories get a merge event, in one transaction. 409 when either is closed or deleted.",
                        "operationId": "merge_ticket", "parameters": [id_param(), if_match()],
                        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": false, "required": ["into"], "properties": {"into": {"type": "string", "format": "uuid", "description": "the ticket that stays"}}}}}},
                        "responses": with(errors(&["400", "401", "403", "404", "409", "412", "415", "422"]), "200", record_ok("Ticket", "the ticket that stays"))}}),
    );
}

/// The forecast and the sales targets.
fn forecast_paths(paths: &mut Map<String, Value>) {
    let figures = json!({
        "open_count": {"type": "integer", "description": "open deals expected to close in the period"},
        "open_amount": {"type": "integer", "description": "their amounts, in minor units"},
        "weighted_amount": {"type": "integer", "description": "the sum of amount × probability / 100 (the deal's own probability, else its stage's), computed exactly and rounded once, half away from zero"},
        "won_count": {"type": "integer", "description": "deals won in the period (by closed_at, UTC)"},
        "won_amount": {"type": "integer", "description": "their amounts, in minor units"},
        "target": {"type": ["integer", "null"], "description": "the target: the team's for each month where set, else the sum of the owners' targets; null when none is set"}
    });
    let with_figures = |extra: Value| {
        let mut properties = figures.as_object().cloned().unwrap_or_default();
        if let Some(extra) = extra.as_object() {
            properties.extend(extra.clone());
        }
        json!({"type": "object", "properties": properties})
    };
    let owner = with_figures(
        json!({"owner_id": {"type": ["string", "null"], "format": "uuid", "description": "null for deals nobody owns"}}),
    );
    let pipeline = with_figures(
        json!({"pipeline_id": {"type": ["string", "null"], "format": "uuid"}, "name": {"type": "string"}}),
    );
    let period = with_figures(json!({
        "period": {"type": "string", "description": "2026-03, 2026-Q1 or 2026"},
        "from": {"type": "string", "format": "date"},
        "to": {"type": "string", "format": "date"},
        "by_owner": {"type": "array", "items": owner.clone()},
        "by_pipeline": {"type": "array", "items": pipeline.clone()}
    }));
    let forecast = json!({
        "type": "object",
        "properties": {
            "period": {"type": "string", "enum": rapport_core::forecast::PERIODS},
            "from": {"type": "string", "format": "date"},
            "to": {"type": "string", "format": "date"},
            "currency": {"type": "string", "description": "every amount is in this currency's minor units"},
            "currency_source": {"type": "string", "enum": ["given", "most_used", "default"], "description": "given: the currency parameter; most_used: the currency most deals in the range are in; default: EUR, when the range holds no deals"},
            "pipeline_id": {"type": ["string", "null"], "format": "uuid"},
            "owner_id": {"type": ["string", "null"], "format": "uuid"},
            "periods": {"type": "array", "items": period},
            "total": with_figures(json!({})),
            "by_owner": {"type": "array", "items": owner},
            "by_pipeline": {"type": "array", "items": pipeline},
            "other_currencies": {"type": "array", "description": "deals in the range in other currencies, which the figures leave out", "items": {"type": "object", "properties": {
                "currency": {"type": "string"}, "open_count": {"type": "integer"}, "won_count": {"type": "integer"}}}}
        }
    });
    let month = json!({"type": "string", "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$"});
    let targets = json!({
        "type": "object",
        "properties": {
            "currency": {"type": "string"},
            "from": month.clone(),
            "to": month.clone(),
            "targets": {"type": "array", "items": {"type": "object", "properties": {
                "month": month.clone(),
                "owner_id": {"type": ["string", "null"], "format": "uuid", "description": "null for the whole team's target"},
                "amount": {"type": "integer", "minimum": 0, "description": "in minor units"},
                "updated_at": {"type": "string", "format": "date-time"},
                "updated_by": {"type": ["string", "null"], "format": "uuid"}
            }}}
        }
    });
    let query = |name: &str, schema: Value, description: &str| json!({"name": name, "in": "query", "required": false, "schema": schema, "description": description});
    paths.insert(
        "/api/v1/forecast".into(),
        json!({"get": {"tags": ["forecast"], "summary": "Open, weighted and won deal amounts and targets per period, by owner and by pipeline, among the deals the caller sees",
                       "description": "Open deals count in the period of their expected close date, won deals in the period they closed (UTC). Amounts add up only within one currency; see currency_source. Problems with a parameter are 400 and name it.",
                       "operationId": "forecast",
                       "parameters": [
                           query("period", json!({"type": "string", "enum": rapport_core::forecast::PERIODS, "default": "month"}), "how the range is split"),
                           query("from", json!({"type": "string", "format": "date"}), "the first day; 1 January of this year when left out"),
                           query("to", json!({"type": "string", "format": "date"}), "the last day; 31 December of this year when left out; at most 120 months after from"),
                           query("pipeline_id", json!({"type": "string", "format": "uuid"}), "only this pipeline's deals"),
                           query("owner_id", json!({"type": "string", "format": "uuid"}), "only this owner's deals and targets"),
                           query("currency", json!({"type": "string", "pattern": "^[A-Z]{3}$"}), "the currency to report; the most used one in the range when left out")
                       ],
                       "responses": with(errors(&["400", "401", "403"]), "200", json!({"description": "the forecast", "content": {"application/json": {"schema": forecast}}}))}}),
    );
    paths.insert(
        "/api/v1/sales-targets".into(),
        json!({
            "get": {"tags": ["forecast"], "summary": "The sales targets of a range of months in one currency: the team's (owner_id null) and each owner's",
                    "operationId": "list_sales_targets",
                    "parameters": [
                        query("from", month.clone(), "the first month; January of this year when left out"),
                        query("to", month.clone(), "the last month; December of this year when left out"),
                        query("currency", json!({"type": "string", "pattern": "^[A-Z]{3}$", "default": "EUR"}), "")
                    ],
                    "responses": with(errors(&["400", "401", "403"]), "200", json!({"description": "the targets", "content": {"application/json": {"schema": targets.clone()}}}))},
            "put": {"tags": ["forecast"], "summary": "Replace the sales targets of a range of months in one currency (managers and administrators)",
                    "description": "Targets of the currency in the range that the list leaves out are removed. A month and owner may appear once.",
                    "operationId": "replace_sales_targets",
                    "requestBody": {"required": true, "content": {"application/json": {"schema": {
                        "type": "object", "additionalProperties": false, "required": ["currency", "from", "to", "targets"],
                        "properties": {
                            "currency": {"type": "string", "pattern": "^[A-Z]{3}$"},
                            "from": month.clone(),
                            "to": month.clone(),
                            "targets": {"type": "array", "items": {"type": "object", "additionalProperties": false, "required": ["month", "amount"], "properties": {
                                "month": month.clone(),
                                "owner_id": {"type": ["string", "null"], "format": "uuid", "description": "null or left out for the whole team"},
                                "amount": {"type": "integer", "minimum": 0, "maximum": MAX_MINOR_UNITS, "description": "in minor units"}
                            }}}
                        },
                        "examples": [{"currency": "EUR", "from": "2026-01", "to": "2026-03", "targets": [{"month": "2026-01", "amount": 5_000_000}, {"month": "2026-01", "owner_id": "01900000-0000-7000-8000-000000000000", "amount": 2_000_000}]}]
                    }}}},
                    "responses": with(errors(&["400", "401", "403", "415", "422"]), "200", json!({"description": "the targets now set in the range", "content": {"application/json": {"schema": targets}}}))}
        }),
    );
}

fn kb_paths(paths: &mut Map<String, Value>) {
    let tag = Entity::KbArticle.resource();
    paths.insert(
        "/api/v1/kb/articles/{id}/versions".into(),
        json!({"get": {"tags": [tag], "summary": "An article's versions, oldest first: one for its creation and one for each change of its title or body",
                       "operationId": "kb_article_versions", "parameters": [id_param()],
                       "responses": with(errors(&["400", "401", "403", "404"]), "200", json!({"description": "the versions", "content": {"application/json": {"schema": {
                           "type": "object", "required": ["items"],
                           "properties": {"items": {"type": "array", "items": reference("KbArticleVersion")}}
                       }}}}))}}),
    );
    paths.insert(
        "/api/v1/kb/articles/{id}/versions/{number}".into(),
        json!({"get": {"tags": [tag], "summary": "One version of an article",
                       "operationId": "kb_article_version",
                       "parameters": [id_param(), {"name": "number", "in": "path", "required": true, "schema": {"type": "integer", "minimum": 1}}],
                       "responses": with(errors(&["400", "401", "403", "404"]), "200", json!({"description": "the version", "content": {"application/json": {"schema": reference("KbArticleVersion")}}}))}}),
    );
    paths.insert(
        "/api/v1/kb/articles/{id}/feedback".into(),
        json!({"post": {"tags": [tag], "summary": "Answer \"was this helpful?\" for a published article",
                        "description": "Adds one to helpful_yes or helpful_no; concurrent answers are all counted. Each answer is a change in the article's history and gives it a new version (ETag).",
                        "operationId": "kb_article_feedback", "parameters": [id_param()],
                        "requestBody": {"required": true, "content": {"application/json": {"schema": {
                            "type": "object", "additionalProperties": false, "required": ["helpful"],
                            "properties": {"helpful": {"type": "boolean"}}
                        }}}},
                        "responses": with(errors(&["400", "401", "403", "404", "409", "415", "422"]), "200", record_ok("KnowledgeBaseArticle", "the article with its new counts"))}}),
    );
}

/// The whole document.
pub fn build() -> Value {
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Rapport API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Contacts, companies, interactions and their history. Lists are keyset-paginated; reads carry an ETag and writes take If-Match; errors are RFC 9457 problem details naming each invalid field.",
            "license": {"name": "AGPL-3.0-or-later", "identifier": "AGPL-3.0-or-later"}
        },
        "servers": [{"url": "/"}],
        "security": [{"bearer": []}],
        "paths": paths(),
        "components": {
            "schemas": schemas(),
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer", "description": "an API token from `rapport token create`; it starts with rpt_"}
            }
        }
    })
}
