//! The web application: server-rendered pages (askama) with htmx, in five languages.
//!
//! Every state-changing form carries a CSRF proof: the session's token once signed in, or a
//! pre-session cookie's value on the setup and sign-in forms. A cross-origin layer refuses
//! browser requests sent from other sites before they reach a handler.

pub(crate) mod document_files;
mod documents;
mod export;
mod files;
mod forecast;
mod forms;
pub mod i18n;
mod item_rows;
mod kb;
mod meetings;
mod modules;
mod notifications;
mod numbers;
mod pages;
mod panels;
mod picker;
mod problems;
mod repeat_form;
mod sales;
mod session;
mod settings;
mod task_form;
mod tasks;
mod tickets;
mod web_form;

use crate::AppState;
use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::handler::Handler;
use axum::http::{HeaderValue, Method, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get, post};
use bytes::Bytes;
use rapport_core::entity::Entity;
use session::UiCtx;
use tower_http::set_header::SetResponseHeaderLayer;

/// The Content-Security-Policy of every page: nothing inline, nothing from elsewhere.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

/// The UI's routes as they are added: the router and the (method, path) of each route, so
/// the list tests walk is the router itself and cannot drift from it.
pub struct Routes {
    router: Router<AppState>,
    list: Vec<(Method, String)>,
}

impl Routes {
    fn new() -> Self {
        Routes {
            router: Router::new(),
            list: Vec::new(),
        }
    }

    fn get<H, T>(self, path: &str, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.add(Method::GET, path, get(handler))
    }

    fn post<H, T>(self, path: &str, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.add(Method::POST, path, post(handler))
    }

    /// Adds one method of a path; axum joins the methods of one path into one route.
    fn add(mut self, method: Method, path: &str, route: MethodRouter<AppState>) -> Self {
        self.router = self.router.route(path, route);
        self.list.push((method, path.to_string()));
        self
    }

    fn merge(mut self, other: Routes) -> Self {
        self.router = self.router.merge(other.router);
        self.list.extend(other.list);
        self
    }
}

/// Money as the pages write it in a language, for tests that read pages.
pub fn money_text(lang: &str, amount_minor: i64, currency: &str) -> String {
    numbers::money(lang, amount_minor, currency)
}

/// Every route of the pages and their assets, as (method, path) in the router's syntax.
pub fn route_list() -> Vec<(Method, String)> {
    let (pages, assets) = (pages(), assets());
    pages.list.into_iter().chain(assets.list).collect()
}

pub fn routes() -> Router<AppState> {
    pages()
        .router
        .layer(tower_http::csrf::CsrfLayer::new())
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .merge(assets().router)
        .merge(public())
}

/// The public lead form, which other websites post to: outside the cross-origin and CSRF
/// checks (see `web_form`), with the pages' other headers.
fn public() -> Router<AppState> {
    Router::new()
        .route(
            "/forms/lead/{key}",
            get(web_form::show).post(web_form::submit),
        )
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
}

/// The pages: behind the cross-origin check and the page headers.
fn pages() -> Routes {
    Routes::new()
        .get("/", pages::home)
        .get("/setup", pages::setup_form)
        .post("/setup", pages::setup_submit)
        .get("/login", pages::login_form)
        .post("/login", pages::login_submit)
        .post("/logout", pages::logout)
        .get("/login/code", pages::code_form)
        .post("/login/code", pages::code_submit)
        .get("/account/two-factor", pages::two_factor_form)
        .post("/account/two-factor", pages::two_factor_enable)
        .post("/account/two-factor/disable", pages::two_factor_disable)
        .get("/contacts", pages::contacts)
        .get("/companies", pages::companies)
        .get("/interactions", pages::interactions)
        .merge(view_routes(Entity::Contact))
        .merge(view_routes(Entity::Company))
        .merge(view_routes(Entity::Interaction))
        .get("/contacts/export.csv", |s, ui, q| {
            export_list(s, ui, Entity::Contact, q)
        })
        .get("/companies/export.csv", |s, ui, q| {
            export_list(s, ui, Entity::Company, q)
        })
        .get("/interactions/export.csv", |s, ui, q| {
            export_list(s, ui, Entity::Interaction, q)
        })
        .merge(record_routes(Entity::Contact))
        .merge(record_routes(Entity::Company))
        .get("/settings", settings::index)
        .get("/settings/tokens", settings::tokens)
        .post("/settings/tokens", settings::create_token)
        .post("/settings/tokens/{id}/revoke", settings::revoke_token)
        .get("/settings/web-form", web_form::settings)
        .post("/settings/web-form", web_form::save)
        .get("/settings/organisation", settings::organisation)
        .post("/settings/organisation", settings::save_organisation)
        .post(
            "/settings/organisation/logo",
            // Past the logo's limit the upload is cut off and refused with a message.
            settings::upload_logo.layer(axum::extract::DefaultBodyLimit::max(
                rapport_app::organisation::MAX_LOGO_BYTES + 64 * 1024,
            )),
        )
        .post("/settings/organisation/logo/delete", settings::remove_logo)
        .post("/settings/organisation/seller", settings::save_seller)
        .get("/notifications", notifications::list)
        .get("/notifications/bell", notifications::bell)
        .post("/notifications/read-all", notifications::read_all)
        .post("/notifications/{id}/open", notifications::open)
        .post("/notifications/{id}/read", notifications::read)
        .merge(settings_routes(Entity::User))
        .merge(settings_routes(Entity::Team))
        .merge(settings_routes(Entity::CustomField))
        .merge(settings_routes(Entity::Tag))
        .get("/search", pages::search)
        .get("/search/suggest", pages::suggest)
        .merge(picker_routes())
        .post("/account/preferences", pages::save_preferences)
        .get("/attachments/{id}/download", files::download)
        .get("/account", pages::account)
        .post("/account/password", pages::change_password)
        .post("/account/sessions/{id}/revoke", pages::revoke_session)
        .get("/tasks", tasks::list)
        .post("/tasks", tasks::create)
        .post("/tasks/{id}/done", tasks::done)
        .merge(task_and_meeting_pages())
        .get("/calendar", tasks::page)
        .get("/account/calendar-feed", tasks::feed_page)
        .post("/account/calendar-feed", tasks::rotate_feed)
        .merge(sales_pages())
        .merge(ticket_pages())
        .merge(documents::routes())
        .merge(document_file_routes())
        .merge(kb_pages())
}

/// The knowledge base: its index, an article's page, form and feedback, and the
/// categories' forms.
fn kb_pages() -> Routes {
    let article = Entity::KbArticle;
    let index = |State(s): State<AppState>, ui: UiCtx, RawQuery(q): RawQuery| kb::index(s, ui, q);
    Routes::new()
        .get("/kb", index)
        .get("/kb/articles", index)
        .get("/kb/categories", index)
        .get(
            "/kb/articles/new",
            |State(s): State<AppState>, ui: UiCtx, RawQuery(q): RawQuery| kb::new_article(s, ui, q),
        )
        .post(
            "/kb/articles/new",
            move |State(s): State<AppState>, ui: UiCtx, b: Bytes| forms::create(s, ui, article, b),
        )
        .get(
            "/kb/articles/{id}",
            |State(s): State<AppState>,
             ui: UiCtx,
             Path(id): Path<String>,
             RawQuery(q): RawQuery| { kb::article(s, ui, id, q) },
        )
        .get(
            "/kb/articles/{id}/edit",
            move |State(s): State<AppState>, ui: UiCtx, Path(id): Path<String>| {
                forms::edit_form(s, ui, article, id)
            },
        )
        .post(
            "/kb/articles/{id}/edit",
            move |State(s): State<AppState>, ui: UiCtx, Path(id): Path<String>, b: Bytes| {
                forms::update(s, ui, article, id, b)
            },
        )
        .post(
            "/kb/articles/{id}/feedback",
            |State(s): State<AppState>, ui: UiCtx, Path(id): Path<String>, b: Bytes| {
                kb::feedback(s, ui, id, b)
            },
        )
        .merge(history_route(article))
        .merge(edit_routes(Entity::KbCategory))
}

/// The suggestions of the pickers for linked records, one address per entity.
fn picker_routes() -> Routes {
    let mut routes = Routes::new();
    for entity in picker::PICKED {
        routes = routes.get(
            &picker::source(entity),
            move |State(s): State<AppState>, ui: UiCtx, RawQuery(q): RawQuery| {
                picker::suggest(s, ui, entity, q)
            },
        );
    }
    routes
}

/// The PDF of each quote, order and invoice, and the UBL of an invoice, as downloads.
fn document_file_routes() -> Routes {
    let mut routes = Routes::new();
    for entity in [Entity::Quote, Entity::Order, Entity::Invoice] {
        routes = routes.get(
            &format!("/{}/{{id}}/pdf", entity.resource()),
            move |State(s): State<AppState>, ui: UiCtx, Path(id): Path<String>| {
                document_files::pdf(s, ui, entity, id)
            },
        );
    }
    routes.get("/invoices/{id}/ubl", document_files::ubl)
}

/// The leads, deals and products, and the pipelines and price lists under settings.
fn sales_pages() -> Routes {
    Routes::new()
        .get(
            "/leads",
            |State(s): State<AppState>, ui: UiCtx, RawQuery(q): RawQuery| {
                pages::list_page(s, ui, Entity::Lead, q)
            },
        )
        .get(
            "/deals",
            |State(s): State<AppState>, ui: UiCtx, RawQuery(q): RawQuery| sales::deals(s, ui, q),
        )
        .get(
            "/products",
            |State(s): State<AppState>, ui: UiCtx, RawQuery(q): RawQuery| {
                pages::list_page(s, ui, Entity::Product, q)
            },
        )
        .merge(view_routes(Entity::Lead))
        .merge(view_routes(Entity::Deal))
        .merge(view_routes(Entity::Product))
        .get("/leads/export.csv", |s, ui, q| {
            export_list(s, ui, Entity::Lead, q)
        })
        .get("/deals/export.csv", |s, ui, q| {
            export_list(s, ui, Entity::Deal, q)
        })
        .get("/products/export.csv", |s, ui, q| {
            export_list(s, ui, Entity::Product, q)
        })
        .merge(edit_routes(Entity::Lead))
        .merge(edit_routes(Entity::Deal))
        .merge(edit_routes(Entity::Product))
        .get(
            "/leads/{id}",
            |State(s): State<AppState>, ui: UiCtx, Path(id): Path<String>| {
                sales::lead_page(s, ui, id)
            },
        )
        .get(
            "/leads/{id}/convert",
            |State(s): State<AppState>, ui: UiCtx, Path(id): Path<String>| {
                sales::convert_form(s, ui, id)
            },
        )
        .post(
            "/leads/{id}/convert",
            |State(s): State<AppState>, ui: UiCtx, Path(id): Path<String>, b: Bytes| {
                sales::convert_submit(s, ui, id, b)
            },
        )
        .get(
            "/deals/{id}",
            |State(s): State<AppState>, ui: UiCtx, Path(id): Path<String>| {
                sales::deal_page(s, ui, id)
            },
        )
        .post(
            "/deals/{id}/move",
            |State(s): State<AppState>, ui: UiCtx, Path(id): Path<String>, b: Bytes| {
                sales::move_deal(s, ui, id, b)
            },
        )
        .post(
            "/deals/{id}/close",
            |State(s): State<AppState>, ui: UiCtx, Path(id): Path<String>, b: Bytes| {
                sales::close_deal(s, ui, id, b)
            },
        )
        .merge(history_route(Entity::Lead))
        .merge(history_route(Entity::Deal))
        .merge(settings_routes(Entity::Pipeline))
        .merge(settings_routes(Entity::PriceList))
        .get("/forecast", forecast::page)
        .get("/settings/targets", forecast::targets_page)
        .post("/settings/targets", forecast::save_targets)
}

/// The tickets' list, pages, forms and conversation, and the queues under settings.
fn ticket_pages() -> Routes {
    Routes::new()
        .get(
            "/tickets",
            |State(s): State<AppState>, ui: UiCtx, RawQuery(q): RawQuery| {
                pages::list_page(s, ui, Entity::Ticket, q)
            },
        )
        .merge(view_routes(Entity::Ticket))
        .get("/tickets/export.csv", |s, ui, q| {
            export_list(s, ui, Entity::Ticket, q)
        })
        .merge(edit_routes(Entity::Ticket))
        .get(
            "/tickets/{id}",
            |State(s): State<AppState>, ui: UiCtx, Path(id): Path<String>| tickets::page(s, ui, id),
        )
        .post(
            "/tickets/{id}/messages",
            |State(s): State<AppState>, ui: UiCtx, Path(id): Path<String>, b: Bytes| {
                tickets::reply(s, ui, id, b)
            },
        )
        .merge(history_route(Entity::Ticket))
        .merge(settings_routes(Entity::Queue))
}

/// A task's page, full form and history, and a meeting's page and form.
fn task_and_meeting_pages() -> Routes {
    Routes::new()
        .get("/tasks/new", |State(s): State<AppState>, ui: UiCtx| {
            task_form::new_form(s, ui)
        })
        .post(
            "/tasks/new",
            |State(s): State<AppState>, ui: UiCtx, b: Bytes| task_form::create(s, ui, b),
        )
        .get(
            "/tasks/{id}",
            |State(s): State<AppState>, ui: UiCtx, Path(id): Path<String>| {
                task_form::page(s, ui, id)
            },
        )
        .get(
            "/tasks/{id}/edit",
            |State(s): State<AppState>, ui: UiCtx, Path(id): Path<String>| {
                task_form::edit_form(s, ui, id)
            },
        )
        .post(
            "/tasks/{id}/edit",
            |State(s): State<AppState>, ui: UiCtx, Path(id): Path<String>, b: Bytes| {
                task_form::update(s, ui, id, b)
            },
        )
        .merge(history_route(Entity::Task))
        .get("/meetings/new", |State(s): State<AppState>, ui: UiCtx| {
            meetings::new_form(s, ui)
        })
        .post(
            "/meetings/new",
            |State(s): State<AppState>, ui: UiCtx, b: Bytes| meetings::create(s, ui, b),
        )
        .get(
            "/meetings/{id}",
            |State(s): State<AppState>, ui: UiCtx, Path(id): Path<String>| {
                meetings::page(s, ui, id)
            },
        )
        .get(
            "/meetings/{id}/edit",
            |State(s): State<AppState>, ui: UiCtx, Path(id): Path<String>| {
                meetings::edit_form(s, ui, id)
            },
        )
        .post(
            "/meetings/{id}/edit",
            |State(s): State<AppState>, ui: UiCtx, Path(id): Path<String>, b: Bytes| {
                meetings::update(s, ui, id, b)
            },
        )
}

/// The new and edit routes of an entity with pages of its own.
fn edit_routes(entity: Entity) -> Routes {
    let base = format!("/{}", entity.resource());
    Routes::new()
        .get(
            &format!("{base}/new"),
            move |State(s): State<AppState>, ui: UiCtx| forms::new_form(s, ui, entity),
        )
        .post(
            &format!("{base}/new"),
            move |State(s): State<AppState>, ui: UiCtx, b: Bytes| forms::create(s, ui, entity, b),
        )
        .get(
            &format!("{base}/{{id}}/edit"),
            move |State(s): State<AppState>, ui: UiCtx, Path(id): Path<String>| {
                forms::edit_form(s, ui, entity, id)
            },
        )
        .post(
            &format!("{base}/{{id}}/edit"),
            move |State(s): State<AppState>, ui: UiCtx, Path(id): Path<String>, b: Bytes| {
                forms::update(s, ui, entity, id, b)
            },
        )
}

/// A record's history page.
fn history_route(entity: Entity) -> Routes {
    Routes::new().get(
        &format!("/{}/{{id}}/history", entity.resource()),
        move |State(s): State<AppState>, ui: UiCtx, Path(id): Path<String>| {
            forms::history(s, ui, entity, id)
        },
    )
}

/// The embedded stylesheet and scripts, and the organisation's logo: cached, and outside
/// the page headers.
fn assets() -> Routes {
    Routes::new()
        .get("/organisation/logo", settings::logo)
        .get("/static/app.css", || {
            asset(include_bytes!("../../static/app.css"), "text/css")
        })
        .get("/static/app.js", || {
            asset(include_bytes!("../../static/app.js"), "text/javascript")
        })
        .get("/static/picker.js", || {
            asset(include_bytes!("../../static/picker.js"), "text/javascript")
        })
        .get("/static/htmx.min.js", || {
            asset(
                include_bytes!("../../static/vendor/htmx/htmx.min.js"),
                "text/javascript",
            )
        })
}

async fn export_list(
    State(state): State<AppState>,
    ui: UiCtx,
    entity: Entity,
    RawQuery(raw): RawQuery,
) -> Response {
    let params = raw
        .and_then(|q| serde_urlencoded::from_str(&q).ok())
        .unwrap_or_default();
    export::export(state, ui, entity, params).await
}

/// Saving and deleting a list's saved views.
fn view_routes(entity: Entity) -> Routes {
    let base = format!("/{}/views", entity.resource());
    Routes::new()
        .post(
            &base,
            move |State(s): State<AppState>, ui: UiCtx, b: Bytes| {
                pages::save_view(s, ui, entity, b)
            },
        )
        .post(
            &format!("{base}/{{id}}/delete"),
            move |State(s): State<AppState>, ui: UiCtx, Path(id): Path<String>, b: Bytes| {
                pages::delete_view(s, ui, entity, id, b)
            },
        )
}

/// The list, new and edit routes of an entity managed under settings.
fn settings_routes(entity: Entity) -> Routes {
    let base = forms::home(entity);
    Routes::new()
        .get(&base, move |State(s): State<AppState>, ui: UiCtx| {
            settings::section(s, ui, entity)
        })
        .get(
            &format!("{base}/new"),
            move |State(s): State<AppState>, ui: UiCtx| forms::new_form(s, ui, entity),
        )
        .post(
            &format!("{base}/new"),
            move |State(s): State<AppState>, ui: UiCtx, b: Bytes| forms::create(s, ui, entity, b),
        )
        .get(
            &format!("{base}/{{id}}/edit"),
            move |State(s): State<AppState>, ui: UiCtx, Path(id): Path<String>| {
                forms::edit_form(s, ui, entity, id)
            },
        )
        .post(
            &format!("{base}/{{id}}/edit"),
            move |State(s): State<AppState>, ui: UiCtx, Path(id): Path<String>, b: Bytes| {
                forms::update(s, ui, entity, id, b)
            },
        )
}

/// The new, edit, log, history and customer-page routes of contacts or companies.
fn record_routes(entity: Entity) -> Routes {
    let base = format!("/{}", entity.resource());
    Routes::new()
        .get(
            &format!("{base}/new"),
            move |State(s): State<AppState>, ui: UiCtx| forms::new_form(s, ui, entity),
        )
        .post(
            &format!("{base}/new"),
            move |State(s): State<AppState>, ui: UiCtx, b: Bytes| forms::create(s, ui, entity, b),
        )
        .post(
            &format!("{base}/bulk"),
            move |State(s): State<AppState>, ui: UiCtx, b: Bytes| pages::bulk(s, ui, entity, b),
        )
        .get(
            &format!("{base}/{{id}}"),
            move |State(s): State<AppState>,
                  ui: UiCtx,
                  Path(id): Path<String>,
                  RawQuery(q): RawQuery| {
                pages::record_page(s, ui, entity, id, q, None)
            },
        )
        .get(
            &format!("{base}/{{id}}/edit"),
            move |State(s): State<AppState>, ui: UiCtx, Path(id): Path<String>| {
                forms::edit_form(s, ui, entity, id)
            },
        )
        .post(
            &format!("{base}/{{id}}/edit"),
            move |State(s): State<AppState>, ui: UiCtx, Path(id): Path<String>, b: Bytes| {
                forms::update(s, ui, entity, id, b)
            },
        )
        .get(
            &format!("{base}/{{id}}/history"),
            move |State(s): State<AppState>, ui: UiCtx, Path(id): Path<String>| {
                forms::history(s, ui, entity, id)
            },
        )
        .post(
            &format!("{base}/{{id}}/attachments"),
            (move |State(s): State<AppState>,
                   ui: UiCtx,
                   Path(id): Path<String>,
                   m: axum::extract::Multipart| { files::upload(s, ui, entity, id, m) })
            .layer(axum::extract::DefaultBodyLimit::disable()),
        )
        .post(
            &format!("{base}/{{id}}/log"),
            move |State(s): State<AppState>, ui: UiCtx, Path(id): Path<String>, b: Bytes| async move {
                let shown = ui.clone();
                match forms::log(s.clone(), ui, entity, id.clone(), b).await {
                    Ok(response) => response,
                    Err(kept) => {
                        let kept = Some(pages::Returned::Log(kept));
                        pages::record_page(s, shown, entity, id, None, kept).await
                    }
                }
            },
        )
}

async fn asset(bytes: &'static [u8], content_type: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=3600"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        bytes,
    )
        .into_response()
}
