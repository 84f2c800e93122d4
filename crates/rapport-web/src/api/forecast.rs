//! The forecast and the sales targets.

use super::JsonBody;
use super::records::query_pairs;
use crate::AppState;
use crate::auth::ApiCtx;
use crate::error::ApiError;
use axum::Json;
use axum::extract::{RawQuery, State};
use rapport_app::forecast::{self, Forecast, ForecastQuery, Targets};
use rapport_core::clock;

type Result<T> = std::result::Result<T, ApiError>;

/// `GET /api/v1/forecast`: open, weighted and won amounts and targets per period.
pub async fn get(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    RawQuery(raw): RawQuery,
) -> Result<Json<Forecast>> {
    let pairs = query_pairs(raw)?;
    let query = ForecastQuery::parse(&pairs, clock::now().date())
        .map_err(|e| ApiError::from(e).in_query())?;
    Ok(Json(forecast::forecast(&state.app, &ctx, &query).await?))
}

/// `GET /api/v1/sales-targets`: the targets of a range of months in one currency.
pub async fn targets(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    RawQuery(raw): RawQuery,
) -> Result<Json<Targets>> {
    let pairs = query_pairs(raw)?;
    let (from, to, currency) =
        forecast::targets_query(&pairs).map_err(|e| ApiError::from(e).in_query())?;
    Ok(Json(
        forecast::targets(&state.app, &ctx, from, to, &currency).await?,
    ))
}

/// `PUT /api/v1/sales-targets`: replaces the targets of a range of months in one currency.
pub async fn replace_targets(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    JsonBody(body): JsonBody,
) -> Result<Json<Targets>> {
    let (from, to, currency, inputs) = forecast::read_targets(&body)?;
    Ok(Json(
        forecast::replace_targets(&state.app, &ctx, from, to, &currency, inputs).await?,
    ))
}
