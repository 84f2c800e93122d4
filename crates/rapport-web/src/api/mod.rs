//! The JSON API under `/api/v1`: the same handlers serve every record resource, each
//! bound to its entity when the routes are built.

mod attachments;
mod body;
mod calendar;
mod documents;
mod forecast;
mod kb;
mod notifications;
mod records;
mod sales;
mod tickets;

use crate::AppState;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{delete, get, post};
use rapport_core::Entity;

pub use attachments::content_disposition;
pub use body::JsonBody;

/// The resources served by the generic record handlers.
pub const RECORD_RESOURCES: [Entity; 20] = [
    Entity::Company,
    Entity::Contact,
    Entity::Interaction,
    Entity::Lead,
    Entity::Pipeline,
    Entity::Deal,
    Entity::Product,
    Entity::PriceList,
    Entity::Tag,
    Entity::CustomField,
    Entity::User,
    Entity::Team,
    Entity::Task,
    Entity::Quote,
    Entity::Order,
    Entity::Invoice,
    Entity::KbCategory,
    Entity::KbArticle,
    Entity::Queue,
    Entity::Ticket,
];

pub fn routes() -> Router<AppState> {
    let mut router = Router::new();
    for entity in RECORD_RESOURCES {
        let base = format!("/api/v1/{}", entity.resource());
        router = router
            .route(
                &base,
                get(move |s, c, q| records::list(s, c, entity, q))
                    .post(move |s, c, b| records::create(s, c, entity, b)),
            )
            .route(
                &format!("{base}/{{id}}"),
                get(move |s, c, p, q| records::get(s, c, entity, p, q))
                    .patch(move |s, c, p, h, b| records::update(s, c, entity, p, h, b))
                    .delete(move |s, c, p, h| records::delete(s, c, entity, p, h)),
            )
            .route(
                &format!("{base}/{{id}}/restore"),
                post(move |s, c, p, h| records::restore(s, c, entity, p, h)),
            )
            .route(
                &format!("{base}/{{id}}/purge"),
                post(move |s, c, p| records::purge(s, c, entity, p)),
            )
            .route(
                &format!("{base}/{{id}}/history"),
                get(move |s, c, p| records::history(s, c, entity, p)),
            );
    }
    for parent in [Entity::Contact, Entity::Company] {
        router = router
            .route(
                &format!("/api/v1/{}/{{id}}/timeline", parent.resource()),
                get(move |s, c, p, q| records::timeline(s, c, parent, p, q)),
            )
            .route(
                &format!("/api/v1/{}/{{id}}/merge", parent.resource()),
                post(move |s, c, p, h, b| records::merge(s, c, parent, p, h, b)),
            );
    }
    for parent in rapport_app::attachments::PARENTS {
        // The upload service enforces the configured size while it streams.
        router = router.route(
            &format!("/api/v1/{}/{{id}}/attachments", parent.resource()),
            get(move |s, c, p| attachments::list(s, c, parent, p))
                .post(move |s, c, p, m| attachments::upload(s, c, parent, p, m))
                .layer(DefaultBodyLimit::disable()),
        );
    }
    for (entity, step, name) in rapport_core::documents::STEPS {
        router = router.route(
            &format!("/api/v1/{}/{{id}}/{name}", entity.resource()),
            post(move |s, c, p, h| documents::step(s, c, entity, step, p, h)),
        );
    }
    for entity in [Entity::Quote, Entity::Order, Entity::Invoice] {
        router = router.route(
            &format!("/api/v1/{}/{{id}}/pdf", entity.resource()),
            get(move |s, c, p| documents::pdf(s, c, entity, p)),
        );
    }
    router = router
        .route(
            "/api/v1/quotes/{id}/order",
            post(documents::order_from_quote),
        )
        .route(
            "/api/v1/orders/{id}/invoice",
            post(documents::invoice_from_order),
        )
        .route("/api/v1/invoices/{id}/pay", post(documents::pay))
        .route("/api/v1/invoices/{id}/ubl", get(documents::ubl))
        .route("/api/v1/invoices/{id}/payments", get(documents::payments));
    let attachment = Entity::Attachment;
    router
        .route("/api/v1/leads/{id}/convert", post(sales::convert_lead))
        .route(
            "/api/v1/tickets/{id}/messages",
            get(tickets::messages).post(tickets::post_message),
        )
        .route("/api/v1/tickets/{id}/merge", post(tickets::merge))
        .route("/api/v1/leads/{id}/duplicates", get(sales::lead_duplicates))
        .route(
            "/api/v1/attachments/{id}",
            get(move |s, c, p, q| records::get(s, c, attachment, p, q))
                .patch(move |s, c, p, h, b| records::update(s, c, attachment, p, h, b))
                .merge(delete(move |s, c, p, h| {
                    records::delete(s, c, attachment, p, h)
                })),
        )
        .route(
            "/api/v1/attachments/{id}/content",
            get(attachments::content),
        )
        .route(
            "/api/v1/attachments/{id}/restore",
            post(move |s, c, p, h| records::restore(s, c, attachment, p, h)),
        )
        .route(
            "/api/v1/attachments/{id}/purge",
            post(move |s, c, p| records::purge(s, c, attachment, p)),
        )
        .route(
            "/api/v1/attachments/{id}/history",
            get(move |s, c, p| records::history(s, c, attachment, p)),
        )
        .route("/api/v1/notifications", get(notifications::list))
        .route(
            "/api/v1/notifications/read-all",
            post(notifications::read_all),
        )
        .route("/api/v1/notifications/{id}/read", post(notifications::read))
        .route("/api/v1/users/{id}/password", post(records::set_password))
        .route("/api/v1/auth/token", post(records::token_for_password))
        .route("/api/v1/calendar.ics", get(calendar::export))
        .route("/api/v1/forecast", get(forecast::get))
        .route(
            "/api/v1/sales-targets",
            get(forecast::targets).put(forecast::replace_targets),
        )
        .route("/api/v1/kb/articles/{id}/versions", get(kb::versions))
        .route(
            "/api/v1/kb/articles/{id}/versions/{number}",
            get(kb::version),
        )
        .route("/api/v1/kb/articles/{id}/feedback", post(kb::feedback))
        .route("/calendar/{file}", get(calendar::feed))
}
