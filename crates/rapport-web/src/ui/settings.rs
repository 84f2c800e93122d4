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
use rapport_app::{AppError, records};
use rapport_core::entity::Entity;
use uuid::Uuid;

/// The entities managed under settings, with the translation key of their section.
pub const SECTIONS: [(Entity, &str); 4] = [
    (Entity::User, "settings-users"),
    (Entity::Team, "settings-teams"),
    (Entity::CustomField, "settings-custom-fields"),
    (Entity::Tag, "settings-tags"),
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
        href: "/settings/tokens".into(),
        label: tr.t("settings-tokens"),
    });
    sections.push(Section {
        href: "/settings/organisation".into(),
        label: tr.t("settings-organisation"),
    });
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
            Row { id: None, cells }
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
            let message = e.summary();
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
}

fn organisation_page(
    ui: &UiCtx,
    org: &rapport_app::organisation::Organisation,
    notice: Option<String>,
    errors: Vec<String>,
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
        notice,
        errors,
    };
    render(&page, status)
}

pub async fn organisation(ui: UiCtx) -> Response {
    let org = ui.org.clone();
    organisation_page(&ui, &org, None, Vec::new(), StatusCode::OK)
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
            let errors = e.lines();
            let org = ui.org.clone();
            organisation_page(&ui, &org, None, errors, StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(e) => error_page(ui.tr, e),
    }
}
