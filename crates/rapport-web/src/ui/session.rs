//! Who is using the browser: the session cookie, the CSRF proof for forms, and the
//! language pages speak.

use super::i18n::{Tr, negotiate, negotiate_or};
use crate::AppState;
use axum::extract::{FromRequestParts, OriginalUri};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use rapport_app::sessions::{self, IDLE_LIFETIME, Session};
use rapport_app::{AppError, Ctx, Origin};
use rapport_core::entity::Entity;
use rapport_core::record::Record;

pub const SESSION_COOKIE: &str = "rapport_session";
/// Carries the CSRF proof for forms shown before sign-in (setup and sign-in itself).
pub const PRE_SESSION_COOKIE: &str = "rapport_csrf";
/// The longest page address a form carries to return to; longer ones return to the section.
pub const MAX_RETURN_ADDRESS: usize = 2048;

/// Reads one cookie from the request.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// Whether the browser reached us over HTTPS (directly or through a proxy that says so).
fn secure(headers: &HeaderMap) -> bool {
    headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Lax, Secure behind TLS.
pub fn set_cookie(
    headers: &HeaderMap,
    name: &str,
    value: &str,
    max_age_seconds: i64,
) -> HeaderValue {
    let secure = if secure(headers) { "; Secure" } else { "" };
    let text = format!(
        "{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_seconds}{secure}"
    );
    HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static("rapport_invalid=1"))
}

pub fn session_cookie(headers: &HeaderMap, secret: &str) -> HeaderValue {
    set_cookie(
        headers,
        SESSION_COOKIE,
        secret,
        IDLE_LIFETIME.whole_seconds(),
    )
}

pub fn clear_session_cookie(headers: &HeaderMap) -> HeaderValue {
    set_cookie(headers, SESSION_COOKIE, "", 0)
}

/// Compares two secrets in time that does not depend on where they differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// The language for a visitor who is not signed in.
pub fn visitor_tr(headers: &HeaderMap) -> Tr {
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    Tr::new(negotiate(None, accept))
}

/// A signed-in user's request.
#[derive(Clone)]
pub struct UiCtx {
    pub ctx: Ctx,
    pub session: Session,
    pub user: Record,
    pub tr: Tr,
    pub tz: jiff::tz::TimeZone,
    pub org: rapport_app::organisation::Organisation,
    /// How many notifications the user has not read, for the layout's bell.
    pub unread: i64,
    /// The address of the page asked for (path and query), when it was asked for with GET
    /// and so can be returned to; a form's answer shown in place has none.
    pub here: Option<String>,
}

impl UiCtx {
    /// A stored time in the user's time zone, written the way their language writes dates.
    pub fn when(&self, stored: &str) -> String {
        let Ok(ts) = stored.parse::<jiff::Timestamp>() else {
            return stored.to_string();
        };
        let local = ts.to_zoned_datetime(self.tz.clone());
        let pattern = match self.tr.lang {
            "de" | "pl" | "nb" => "%d.%m.%Y %H:%M",
            "es" => "%d/%m/%Y %H:%M",
            _ => "%Y-%m-%d %H:%M",
        };
        local.strftime(pattern).to_string()
    }

    pub fn user_name(&self) -> String {
        self.user.str("name").unwrap_or_default().to_string()
    }
}

impl FromRequestParts<AppState> for UiCtx {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let to_login = || {
            let path = parts
                .extensions
                .get::<OriginalUri>()
                .map_or_else(|| parts.uri.path().to_string(), |u| u.0.path().to_string());
            let next = if path.starts_with('/') && !path.starts_with("//") {
                path
            } else {
                "/".into()
            };
            Redirect::to(&format!("/login?next={}", encode(&next))).into_response()
        };
        let Some(secret) = cookie(&parts.headers, SESSION_COOKIE) else {
            return Err(to_login());
        };
        let session = match sessions::resume(&state.app, secret).await {
            Ok(s) => s,
            Err(AppError::Unauthenticated) => return Err(to_login()),
            Err(e) => return Err(super::pages::error_page(visitor_tr(&parts.headers), e)),
        };
        let user = rapport_store::records::get(&state.app.db, Entity::User, session.actor.user_id)
            .await
            .ok()
            .flatten()
            .ok_or_else(to_login)?;
        let accept = parts
            .headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok());
        let org = rapport_app::organisation::get(&state.app)
            .await
            .unwrap_or_default();
        let tr = Tr::new(negotiate_or(
            user.str("locale"),
            accept,
            org.default_locale.as_deref(),
        ));
        let ctx = Ctx::new(session.actor.clone(), Origin::Ui);
        let tz = user
            .str("time_zone")
            .or(org.default_time_zone.as_deref())
            .and_then(|name| jiff::tz::TimeZone::get(name).ok())
            .unwrap_or(jiff::tz::TimeZone::UTC);
        let unread = rapport_app::notifications::unread_count(&state.app, &ctx)
            .await
            .unwrap_or_default();
        let here = (parts.method == Method::GET)
            .then(|| {
                let uri = parts
                    .extensions
                    .get::<OriginalUri>()
                    .map_or(&parts.uri, |u| &u.0);
                uri.path_and_query().map(|p| p.as_str().to_string())
            })
            .flatten()
            .filter(|p| p.len() <= MAX_RETURN_ADDRESS);
        Ok(UiCtx {
            ctx,
            session,
            user,
            tr,
            tz,
            org,
            unread,
            here,
        })
    }
}

/// Percent-encodes a path for use in a query string.
pub fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The response to a form whose CSRF proof is missing or wrong.
pub fn csrf_refused(tr: Tr) -> Response {
    super::pages::message_page(tr, StatusCode::FORBIDDEN, &tr.t("error-csrf"))
}
