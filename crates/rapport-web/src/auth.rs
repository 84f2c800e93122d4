//! Bearer-token authentication for the API, with a limit on failed attempts per address.

use crate::AppState;
use crate::error::ApiError;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use rapport_app::{AppError, Ctx, Origin};
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failed attempts allowed per address in one window.
const MAX_FAILURES: u32 = 20;
const WINDOW: Duration = Duration::from_secs(60);

/// Counts failed sign-ins and token uses per client address, in this instance's memory.
/// Several instances each keep their own count, so the limit is per instance.
#[derive(Default)]
pub struct FailureLimiter {
    failures: Mutex<HashMap<IpAddr, (u32, Instant)>>,
}

impl FailureLimiter {
    pub fn blocked(&self, ip: IpAddr) -> bool {
        let Ok(map) = self.failures.lock() else {
            return false;
        };
        map.get(&ip)
            .is_some_and(|(n, since)| *n >= MAX_FAILURES && since.elapsed() < WINDOW)
    }

    pub fn fail(&self, ip: IpAddr) {
        let Ok(mut map) = self.failures.lock() else {
            return;
        };
        if map.len() > 100_000 {
            map.retain(|_, (_, since)| since.elapsed() < WINDOW);
        }
        let entry = map.entry(ip).or_insert((0, Instant::now()));
        if entry.1.elapsed() >= WINDOW {
            *entry = (0, Instant::now());
        }
        entry.0 += 1;
    }
}

fn client_ip(parts: &Parts) -> IpAddr {
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::from([127, 0, 0, 1]), |c| c.0.ip())
}

/// The caller of an API request, from its `Authorization: Bearer` token.
pub struct ApiCtx(pub Ctx);

impl FromRequestParts<AppState> for ApiCtx {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let ip = client_ip(parts);
        if state.limiter.blocked(ip) {
            return Err(AppError::TooManyAttempts.into());
        }
        let header = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let Some(token) = header
            .strip_prefix("Bearer ")
            .or_else(|| header.strip_prefix("bearer "))
        else {
            return Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "send an API token as Authorization: Bearer <token>",
            ));
        };
        match rapport_app::auth::actor_for_token(&state.app, token.trim()).await {
            Ok(actor) => Ok(ApiCtx(Ctx::new(actor, Origin::Api))),
            Err(AppError::Unauthenticated) => {
                state.limiter.fail(ip);
                Err(ApiError::new(
                    StatusCode::UNAUTHORIZED,
                    "the API token is unknown, revoked, or its user is inactive",
                ))
            }
            Err(e) => Err(e.into()),
        }
    }
}
