//! Settings: users and roles, teams, custom fields, tags and API tokens. The pages are open
//! to everyone signed in; what may be changed is decided by the services, as everywhere.

use super::forms::{home, layout_of, shown_value};
use super::pages::{Bulk, Cell, Header, Row, Shell, error_page, field, form, render};
use super::session::{UiCtx, csrf_refused, same_secret};
use crate::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use bytes::Bytes;
use rapport_app::organisation::Seller;
use rapport_app::{AppError, records};
use rapport_core::entity::Entity;
use uuid::Uuid;

/// The entities managed under settings, with the translation key of their section.
pub const SECTIONS: [(Entity, &str); 7] = [
    (Entity::User, "settings-users"),
    (Entity::Team, "settings-teams"),
    (Entity::CustomField, "settings-custom-fields"),
    (Entity::Tag, "settings-tags"),
    (Entity::Pipeline, "settings-pipelines"),
    (Entity::PriceList, "settings-price-lists"),
    (Entity::Queue, "settings-queues"),
];

pub struct Section {
    pub href: String,
    pub label: String,
}

#[derive(Template)]
#[template(path = "settings.html")]
struct IndexPage {
    shell: Shell,
    sections: Vec<Section>,
}

pub async fn index(ui: UiCtx) -> Response {
    let tr = ui.tr;
    let mut sections: Vec<Section> = SECTIONS
        .iter()
        .map(|(e, key)| Section {
            href: home(*e),
            label: tr.t(key),
        })
        .collect();
    sections.push(Section {
        href: "/settings/targets".into(),
        label: tr.t("settings-targets"),
    });
    sections.push(Section {
        href: "/settings/tokens".into(),
        label: tr.t("settings-tokens"),
    });
    sections.push(Section {
        href: "/settings/organisation".into(),
        label: tr.t("settings-organisation"),
    });
    if ui.ctx.actor.may_manage_settings() {
        sections.push(Section {
            href: "/settings/web-form".into(),
            label: tr.t("settings-web-form"),
        });
    }
    let shell = Shell::new(&ui, tr.t("settings-title"), "/settings");
    render(&IndexPage { shell, sections }, StatusCode::OK)
}

#[derive(Template)]
#[template(path = "list.html")]
struct SectionPage {
    shell: Shell,
    new_href: Option<String>,
    new_label: String,
    q: String,
    empty: String,
    export: Option<String>,
    headers: Vec<Header>,
    rows: Vec<Row>,
    bulk: Option<Bulk>,
    builder: Option<super::pages::Builder>,
    views: Option<super::pages::Views>,
    columns: Option<super::pages::ColumnChooser>,
    quick: Vec<super::pages::Fact>,
    next: Option<String>,
}

pub async fn section(state: AppState, ui: UiCtx, entity: Entity) -> Response {
    let tr = ui.tr;
    let pairs = vec![("limit".to_string(), "500".to_string())];
    let page = match records::list(&state.app, &ui.ctx, entity, &pairs).await {
        Ok(p) => p,
        Err(e) => return error_page(tr, e),
    };
    let columns: Vec<(&str, &str)> = layout_of(entity)
        .iter()
        .filter(|(name, _, _)| !matches!(*name, "password" | "members" | "options" | "time_zone"))
        .map(|(name, label, _)| (*name, *label))
        .collect();
    let headers = columns
        .iter()
        .map(|(_, label)| Header::plain(tr.t(label)))
        .collect();
    let rows = page
        .items
        .iter()
        .map(|r| {
            let href = format!("{}/{}/edit", home(entity), r.id().unwrap_or_default());
            let cells = columns
                .iter()
                .enumerate()
                .map(|(i, (name, _))| {
                    let mut text = shown_value(r, name);
                    text = match *name {
                        "role" => tr.t(&format!("role-{text}")),
                        "locale" if !text.is_empty() => tr.t(&format!("language-{text}")),
                        "entity" => tr.t(&format!("nav-{text}")),
                        "assignment" => tr.t(&format!("queue-assignment-{text}")),
                        "stages" => super::sales::stages_of(r)
                            .into_iter()
                            .map(|s| s.name)
                            .collect::<Vec<_>>()
                            .join(" → "),
                        "active" | "required" => {
                            if text == "true" {
                                "✓".into()
                            } else {
                                "—".into()
                            }
                        }
                        _ => text,
                    };
                    Cell {
                        href: (i == 0).then(|| href.clone()),
                        text,
                    }
                })
                .collect();
            Row {
                id: None,
                cells,
                select_label: String::new(),
            }
        })
        .collect();
    let title = SECTIONS
        .iter()
        .find(|(e, _)| *e == entity)
        .map_or("settings-title", |(_, k)| k);
    let shell = Shell::new(&ui, tr.t(title), "/settings");
    let page = SectionPage {
        shell,
        new_href: Some(format!("{}/new", home(entity))),
        new_label: tr.t("settings-new"),
        q: String::new(),
        export: None,
        empty: tr.t("settings-empty"),
        headers,
        rows,
        bulk: None,
        builder: None,
        views: None,
        columns: None,
        quick: Vec::new(),
        next: None,
    };
    render(&page, StatusCode::OK)
}

pub struct TokenLine {
    pub id: String,
    pub name: String,
    pub scopes: String,
    pub created: String,
    pub last_used: String,
    pub revoked: String,
}

#[derive(Template)]
#[template(path = "tokens.html")]
struct TokensPage {
    shell: Shell,
    tokens: Vec<TokenLine>,
    created: Option<String>,
    error: Option<String>,
}

async fn tokens_page(
    state: &AppState,
    ui: &UiCtx,
    created: Option<String>,
    error: Option<String>,
    status: StatusCode,
) -> Response {
    let tr = ui.tr;
    let rows = match rapport_app::auth::list_tokens(&state.app, &ui.ctx, Some(ui.ctx.actor.user_id))
        .await
    {
        Ok(rows) => rows,
        Err(e) => return error_page(tr, e),
    };
    let tokens = rows
        .into_iter()
        .map(|t| TokenLine {
            id: t.id.to_string(),
            name: t.name,
            scopes: if t.scopes.is_empty() {
                "*".into()
            } else {
                t.scopes.join(", ")
            },
            created: ui.when(&t.created_at),
            last_used: t
                .last_used_at
                .as_deref()
                .map(|w| ui.when(w))
                .unwrap_or_default(),
            revoked: t
                .revoked_at
                .as_deref()
                .map(|w| ui.when(w))
                .unwrap_or_default(),
        })
        .collect();
    let shell = Shell::new(ui, tr.t("settings-tokens"), "/settings");
    render(
        &TokensPage {
            shell,
            tokens,
            created,
            error,
        },
        status,
    )
}

pub async fn tokens(State(state): State<AppState>, ui: UiCtx) -> Response {
    tokens_page(&state, &ui, None, None, StatusCode::OK).await
}

pub async fn create_token(State(state): State<AppState>, ui: UiCtx, body: Bytes) -> Response {
    let form = form(&body);
    if !same_secret(&ui.session.csrf_token, field(&form, "_csrf")) {
        return csrf_refused(ui.tr);
    }
    let name = form.get("name").map_or("", String::as_str);
    let scopes: Vec<String> = form
        .get("scopes")
        .map(|s| vec![s.clone()])
        .unwrap_or_default();
    match rapport_app::auth::create_token(&state.app, &ui.ctx, ui.ctx.actor.user_id, name, &scopes)
        .await
    {
        Ok((_, secret)) => tokens_page(&state, &ui, Some(secret), None, StatusCode::OK).await,
        Err(AppError::Invalid(e)) => {
            let message = super::problems::summary(
                ui.tr,
                &e,
                &[("name", "token-name"), ("scope", "token-scopes")],
            );
            tokens_page(
                &state,
                &ui,
                None,
                Some(message),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => error_page(ui.tr, e),
    }
}

pub async fn revoke_token(
    State(state): State<AppState>,
    ui: UiCtx,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let form = form(&body);
    if !same_secret(&ui.session.csrf_token, field(&form, "_csrf")) {
        return csrf_refused(ui.tr);
    }
    let Ok(id) = Uuid::parse_str(&id) else {
        return error_page(ui.tr, AppError::NotFound("token"));
    };
    match rapport_app::auth::revoke_token(&state.app, &ui.ctx, id).await {
        Ok(()) => Redirect::to("/settings/tokens").into_response(),
        Err(e) => error_page(ui.tr, e),
    }
}

#[derive(Template)]
#[template(path = "organisation.html")]
struct OrganisationPage {
    shell: Shell,
    name: String,
    languages: Vec<super::forms::Choice>,
    zones: Vec<super::forms::Choice>,
    notice: Option<String>,
    errors: Vec<String>,
    logo_error: Option<String>,
    logo_hint: String,
    seller: Vec<SellerField>,
    seller_notice: Option<String>,
    seller_invalid: bool,
}

/// One input of the seller details, with its message when it was refused.
pub struct SellerField {
    pub name: &'static str,
    pub label: String,
    pub value: String,
    pub kind: &'static str,
    pub multiline: bool,
    pub max: usize,
    pub error: Option<String>,
}

/// The seller details' inputs: form name, label key, input type and longest value.
const SELLER_FIELDS: [(&str, &str, &str, usize); 12] = [
    ("legal_name", "org-seller-legal-name", "text", 200),
    ("street", "org-seller-street", "textarea", 500),
    ("postcode", "org-seller-postcode", "text", 20),
    ("city", "org-seller-city", "text", 100),
    ("country", "org-seller-country", "text", 2),
    ("vat_number", "org-seller-vat-number", "text", 40),
    ("company_id", "org-seller-company-id", "text", 50),
    ("iban", "org-seller-iban", "text", 42),
    ("bic", "org-seller-bic", "text", 14),
    ("email", "org-seller-email", "email", 254),
    ("endpoint_scheme", "org-seller-endpoint-scheme", "text", 4),
    ("endpoint_id", "org-seller-endpoint-id", "text", 100),
];

/// What the seller form shows: the stored details, or what was typed when they were
/// refused, with each refused field's message.
struct SellerForm {
    values: Seller,
    errors: Vec<(String, String)>,
    notice: Option<String>,
}

fn seller_value<'a>(s: &'a Seller, name: &str) -> &'a str {
    match name {
        "legal_name" => &s.legal_name,
        "street" => &s.street,
        "city" => &s.city,
        "postcode" => &s.postcode,
        "country" => &s.country,
        "vat_number" => &s.vat_number,
        "company_id" => &s.company_id,
        "iban" => &s.iban,
        "bic" => &s.bic,
        "email" => &s.email,
        "endpoint_scheme" => &s.endpoint_scheme,
        _ => &s.endpoint_id,
    }
}

fn seller_from_form(form: &std::collections::HashMap<String, String>) -> Seller {
    let get = |k: &str| field(form, k).to_string();
    Seller {
        legal_name: get("legal_name"),
        street: get("street"),
        city: get("city"),
        postcode: get("postcode"),
        country: get("country"),
        vat_number: get("vat_number"),
        company_id: get("company_id"),
        iban: get("iban"),
        bic: get("bic"),
        email: get("email"),
        endpoint_scheme: get("endpoint_scheme"),
        endpoint_id: get("endpoint_id"),
    }
}

fn seller_fields(tr: super::i18n::Tr, form: &SellerForm) -> Vec<SellerField> {
    SELLER_FIELDS
        .iter()
        .map(|(name, label, kind, max)| SellerField {
            name,
            label: tr.t(label),
            value: seller_value(&form.values, name).to_string(),
            kind,
            multiline: *kind == "textarea",
            max: *max,
            error: form
                .errors
                .iter()
                .find(|(f, _)| f == name)
                .map(|(_, m)| m.clone()),
        })
        .collect()
}

async fn stored_seller(state: &AppState) -> Result<SellerForm, AppError> {
    Ok(SellerForm {
        values: rapport_app::organisation::seller(&state.app).await?,
        errors: Vec::new(),
        notice: None,
    })
}

fn organisation_page(
    ui: &UiCtx,
    org: &rapport_app::organisation::Organisation,
    seller: &SellerForm,
    errors: Vec<String>,
    status: StatusCode,
) -> Response {
    organisation_page_with(ui, org, seller, errors, None, status)
}

fn organisation_page_with(
    ui: &UiCtx,
    org: &rapport_app::organisation::Organisation,
    seller: &SellerForm,
    errors: Vec<String>,
    logo_error: Option<String>,
    status: StatusCode,
) -> Response {
    let tr = ui.tr;
    let choice = |value: &str, label: String, current: Option<&str>| super::forms::Choice {
        selected: current == Some(value),
        value: value.to_string(),
        label,
    };
    let languages = std::iter::once(choice(
        "",
        tr.t("form-none"),
        org.default_locale.as_deref().or(Some("")),
    ))
    .chain(super::i18n::LOCALES.iter().map(|l| {
        choice(
            l,
            tr.t(&format!("language-{l}")),
            org.default_locale.as_deref(),
        )
    }))
    .collect();
    let mut names: Vec<String> = jiff::tz::db().available().map(|n| n.to_string()).collect();
    names.sort();
    let zones = std::iter::once(choice(
        "",
        tr.t("form-none"),
        org.default_time_zone.as_deref().or(Some("")),
    ))
    .chain(
        names
            .iter()
            .map(|z| choice(z, z.clone(), org.default_time_zone.as_deref())),
    )
    .collect();
    let shell = Shell::new(ui, tr.t("settings-organisation"), "/settings");
    let page = OrganisationPage {
        shell,
        name: org.name.clone().unwrap_or_default(),
        languages,
        zones,
        notice: None,
        errors,
        logo_error,
        logo_hint: logo_hint(tr),
        seller: seller_fields(tr, seller),
        seller_notice: seller.notice.clone(),
        seller_invalid: !seller.errors.is_empty(),
    };
    render(&page, status)
}

fn logo_hint(tr: super::i18n::Tr) -> String {
    let kib = (rapport_app::organisation::MAX_LOGO_BYTES / 1024).to_string();
    tr.t1("org-logo-hint", "size", &kib)
}

pub async fn organisation(
    State(state): State<AppState>,
    ui: UiCtx,
    axum::extract::RawQuery(query): axum::extract::RawQuery,
) -> Response {
    let mut seller = match stored_seller(&state).await {
        Ok(s) => s,
        Err(e) => return error_page(ui.tr, e),
    };
    if query.as_deref() == Some("seller=saved") {
        seller.notice = Some(ui.tr.t("org-seller-saved"));
    }
    let org = ui.org.clone();
    organisation_page(&ui, &org, &seller, Vec::new(), StatusCode::OK)
}

/// Saves the seller details; a refused field is shown with its message beside it and
/// everything typed is kept.
pub async fn save_seller(State(state): State<AppState>, ui: UiCtx, body: Bytes) -> Response {
    let form = form(&body);
    if !same_secret(&ui.session.csrf_token, field(&form, "_csrf")) {
        return csrf_refused(ui.tr);
    }
    let typed = seller_from_form(&form);
    match rapport_app::organisation::save_seller(&state.app, &ui.ctx, &typed).await {
        Ok(_) => Redirect::to("/settings/organisation?seller=saved").into_response(),
        Err(AppError::Invalid(e)) => {
            let errors =
                e.0.iter()
                    .map(|fe| {
                        (
                            fe.field.clone(),
                            super::problems::message(ui.tr, &fe.problem),
                        )
                    })
                    .collect();
            let seller = SellerForm {
                values: typed,
                errors,
                notice: None,
            };
            let org = ui.org.clone();
            organisation_page(
                &ui,
                &org,
                &seller,
                Vec::new(),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(e) => error_page(ui.tr, e),
    }
}

pub async fn save_organisation(State(state): State<AppState>, ui: UiCtx, body: Bytes) -> Response {
    let form = form(&body);
    if !same_secret(&ui.session.csrf_token, field(&form, "_csrf")) {
        return csrf_refused(ui.tr);
    }
    let saved = rapport_app::organisation::save(
        &state.app,
        &ui.ctx,
        field(&form, "name"),
        field(&form, "default_locale"),
        field(&form, "default_time_zone"),
    )
    .await;
    match saved {
        Ok(_) => Redirect::to("/settings/organisation").into_response(),
        Err(AppError::Invalid(e)) => {
            let errors = super::problems::lines(
                ui.tr,
                &e,
                &[
                    ("name", "org-name"),
                    ("default_locale", "org-default-language"),
                    ("default_time_zone", "org-default-time-zone"),
                ],
            );
            let seller = match stored_seller(&state).await {
                Ok(s) => s,
                Err(e) => return error_page(ui.tr, e),
            };
            let org = ui.org.clone();
            organisation_page(&ui, &org, &seller, errors, StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(e) => error_page(ui.tr, e),
    }
}

/// Where pages find the logo: the address names the image's hash, so a new logo is a new
/// address and the old one may be cached for good.
pub fn logo_src(sha256: &str) -> String {
    format!("/organisation/logo?v={}", logo_version(sha256))
}

fn logo_version(sha256: &str) -> &str {
    sha256.get(..16).unwrap_or(sha256)
}

/// Takes a multipart form whose first field is `_csrf` and whose file field is `logo`.
pub async fn upload_logo(
    State(state): State<AppState>,
    ui: UiCtx,
    mut multipart: axum::extract::Multipart,
) -> Response {
    let tr = ui.tr;
    // The proof must come before the file, so nothing is read for a forged request.
    let proof = match multipart.next_field().await {
        Ok(Some(field)) if field.name() == Some("_csrf") => field.text().await.unwrap_or_default(),
        _ => String::new(),
    };
    if !same_secret(&ui.session.csrf_token, &proof) {
        return csrf_refused(tr);
    }
    let limit = rapport_app::organisation::MAX_LOGO_BYTES;
    let mut content = Vec::new();
    let mut cut_off = false;
    loop {
        let mut field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(_) => {
                cut_off = true;
                break;
            }
        };
        if field.name() != Some("logo") {
            continue;
        }
        // Keeps no more than one byte past the limit, which is enough to refuse it, but
        // reads the rest (the route's body limit bounds it) so the answer reaches the browser.
        loop {
            match field.chunk().await {
                Ok(Some(chunk)) => {
                    if content.len() <= limit {
                        content.extend_from_slice(&chunk);
                    }
                }
                Ok(None) => break,
                Err(_) => {
                    cut_off = true;
                    break;
                }
            }
        }
        break;
    }
    let result = if cut_off {
        Err(AppError::TooLarge {
            limit: limit as u64,
        })
    } else {
        rapport_app::organisation::set_logo(&state.app, &ui.ctx, &content).await
    };
    let message = match result {
        Ok(_) => return Redirect::to("/settings/organisation").into_response(),
        Err(AppError::TooLarge { limit }) => (
            StatusCode::PAYLOAD_TOO_LARGE,
            tr.t1("org-logo-too-large", "size", &(limit / 1024).to_string()),
        ),
        Err(AppError::Invalid(_)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            tr.t("org-logo-wrong-type"),
        ),
        Err(e) => return error_page(tr, e),
    };
    let seller = match stored_seller(&state).await {
        Ok(s) => s,
        Err(e) => return error_page(tr, e),
    };
    let org = ui.org.clone();
    organisation_page_with(&ui, &org, &seller, Vec::new(), Some(message.1), message.0)
}

pub async fn remove_logo(State(state): State<AppState>, ui: UiCtx, body: Bytes) -> Response {
    let form = form(&body);
    if !same_secret(&ui.session.csrf_token, field(&form, "_csrf")) {
        return csrf_refused(ui.tr);
    }
    match rapport_app::organisation::remove_logo(&state.app, &ui.ctx).await {
        Ok(()) => Redirect::to("/settings/organisation").into_response(),
        Err(e) => error_page(ui.tr, e),
    }
}

/// Serves the logo with its own type, never sniffed, and an ETag from its hash. An
/// address naming the current hash may be cached for good; any other is revalidated.
pub async fn logo(
    State(state): State<AppState>,
    ui: UiCtx,
    headers: axum::http::HeaderMap,
    axum::extract::RawQuery(query): axum::extract::RawQuery,
) -> Response {
    use axum::http::{HeaderValue, header};
    let logo = match rapport_app::organisation::logo(&state.app, &ui.ctx).await {
        Ok(Some(logo)) => logo,
        // An image address answers an image or nothing, never a page.
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(e) => return error_page(ui.tr, e),
    };
    let etag = format!("\"{}\"", logo.sha256);
    let current = query.is_some_and(|q| q == format!("v={}", logo_version(&logo.sha256)));
    let cache = if current {
        "private, max-age=31536000, immutable"
    } else {
        "private, no-cache"
    };
    let matches = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    let mut response = if matches {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut r = logo.content.into_response();
        if let Ok(v) = HeaderValue::from_str(&logo.content_type) {
            r.headers_mut().insert(header::CONTENT_TYPE, v);
        }
        r
    };
    let h = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; sandbox"),
    );
    response
}
