//! Handlers for the steps of quotes, orders and invoices: sending, accepting, making an
//! order of a quote and an invoice of an order, issuing and paying.

use super::JsonBody;
use super::records::{if_match, page_json, parse_id, query_pairs, record_response};
use crate::AppState;
use crate::auth::ApiCtx;
use crate::error::ApiError;
use axum::Json;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use rapport_app::documents as svc;
use rapport_core::Entity;
use rapport_core::documents::Step;

type Result<T> = std::result::Result<T, ApiError>;

/// `POST /api/v1/{quotes,orders,invoices}/{id}/{step}`.
pub async fn step(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    entity: Entity,
    step: Step,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response> {
    let id = parse_id(&id)?;
    let record = svc::step(&state.app, &ctx, entity, id, step, if_match(&headers)).await?;
    Ok(record_response(StatusCode::OK, &record))
}

/// `POST /api/v1/quotes/{id}/order`: a new order with the accepted quote's lines.
pub async fn order_from_quote(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response> {
    let id = parse_id(&id)?;
    let order = svc::order_from_quote(&state.app, &ctx, id, if_match(&headers)).await?;
    Ok(record_response(StatusCode::CREATED, &order))
}

/// `POST /api/v1/orders/{id}/invoice`: a new draft invoice with the order's lines.
pub async fn invoice_from_order(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response> {
    let id = parse_id(&id)?;
    let invoice = svc::invoice_from_order(&state.app, &ctx, id, if_match(&headers)).await?;
    Ok(record_response(StatusCode::CREATED, &invoice))
}

/// `POST /api/v1/invoices/{id}/pay`: records a payment; answers with the invoice.
pub async fn pay(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    Path(id): Path<String>,
    headers: HeaderMap,
    JsonBody(body): JsonBody,
) -> Result<Response> {
    let id = parse_id(&id)?;
    let invoice = svc::pay(&state.app, &ctx, id, &body, if_match(&headers)).await?;
    Ok(record_response(StatusCode::OK, &invoice))
}

/// `GET /api/v1/invoices/{id}/payments`.
pub async fn payments(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response> {
    let id = parse_id(&id)?;
    let pairs = query_pairs(raw)?;
    let page = svc::payments(&state.app, &ctx, id, &pairs)
        .await
        .map_err(|e| ApiError::from(e).in_query())?;
    Ok(Json(page_json(&page)).into_response())
}

/// `GET /api/v1/{quotes,orders,invoices}/{id}/pdf`: in the language stored for the
/// token's user, else the organisation's default, else English.
pub async fn pdf(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    entity: Entity,
    Path(id): Path<String>,
) -> Result<Response> {
    use crate::ui::document_files::{file_response, labels, stored_language};
    let id = parse_id(&id)?;
    let file = rapport_app::documents_out::pdf(&state.app, &ctx, entity, id, &|locale, doc| {
        labels(stored_language(locale), doc)
    })
    .await?;
    Ok(file_response(file))
}

/// `GET /api/v1/invoices/{id}/ubl`: Peppol BIS Billing 3.0, for an issued invoice.
pub async fn ubl(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    Path(id): Path<String>,
) -> Result<Response> {
    let id = parse_id(&id)?;
    let file = rapport_app::documents_out::ubl(&state.app, &ctx, id).await?;
    Ok(crate::ui::document_files::file_response(file))
}
