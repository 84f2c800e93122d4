//! Quotes, orders and invoices as files: the PDF in the reader's language and the UBL
//! invoice, for the pages (a signed-in GET) and, through [`labels`] and [`file_response`],
//! for the API too.

use super::i18n::{Tr, negotiate_or};
use super::numbers;
use super::pages::{error_page, message_page};
use super::session::UiCtx;
use crate::AppState;
use crate::api::content_disposition;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use rapport_app::AppError;
use rapport_app::documents_out::{self as svc, DocumentFile};
use rapport_core::entity::Entity;
use rapport_docs::{Document, DocumentKind, Formats, Labels};
use std::collections::BTreeMap;
use uuid::Uuid;

/// The words and number formats of a document's PDF in `tr`'s language.
pub fn labels(tr: Tr, doc: &Document) -> Labels {
    let lang = tr.lang;
    let (title, number, buyer) = match doc.kind {
        DocumentKind::Quote => ("doc-pdf-quote", "doc-pdf-quote-number", "doc-pdf-customer"),
        DocumentKind::Order => ("doc-pdf-order", "doc-pdf-order-number", "doc-pdf-customer"),
        DocumentKind::Invoice => (
            "doc-pdf-invoice",
            "doc-pdf-invoice-number",
            "doc-pdf-bill-to",
        ),
    };
    // A quote's second date is how long it is valid, an invoice's when it is due.
    let due = match doc.kind {
        DocumentKind::Quote => "doc-pdf-valid-until",
        _ => "doc-pdf-due-date",
    };
    let currency = doc.currency.clone();
    let mut units = BTreeMap::new();
    units.insert("HUR".to_string(), tr.t("doc-pdf-unit-hour"));
    units.insert("DAY".to_string(), tr.t("doc-pdf-unit-day"));
    for (code, symbol) in [("KGM", "kg"), ("MTR", "m"), ("LTR", "l"), ("MTK", "m²")] {
        units.insert(code.to_string(), symbol.to_string());
    }
    Labels {
        lang: lang.to_string(),
        title: tr.t(title),
        number: tr.t(number),
        issue_date: tr.t("doc-pdf-date"),
        due_date: tr.t(due),
        buyer_reference: tr.t("doc-pdf-buyer-reference"),
        buyer: tr.t(buyer),
        vat_id: tr.t("doc-pdf-vat-id"),
        company_id: tr.t("doc-pdf-company-id"),
        description: tr.t("doc-pdf-description"),
        quantity: tr.t("doc-pdf-quantity"),
        unit_price: tr.t("doc-pdf-unit-price"),
        discount: tr.t("doc-pdf-discount"),
        tax_rate: tr.t("doc-pdf-tax-rate"),
        net: tr.t("doc-pdf-net"),
        subtotal: tr.t("doc-pdf-subtotal"),
        // The writer fills in `{rate}` and `{taxable}` itself.
        tax: tr.t_with(
            "doc-pdf-tax",
            &[("rate", "{rate}"), ("taxable", "{taxable}")],
        ),
        total: tr.t("doc-pdf-total"),
        paid: tr.t("doc-pdf-paid"),
        amount_due: tr.t("doc-pdf-amount-due"),
        payment_terms: tr.t("doc-pdf-payment-terms"),
        iban: tr.t("doc-pdf-iban"),
        payment_reference: tr.t("doc-pdf-payment-reference"),
        note: tr.t("doc-pdf-note"),
        page: tr.t_with("doc-pdf-page", &[("page", "{page}"), ("pages", "{pages}")]),
        units,
        formats: Formats {
            money: Box::new(move |minor| numbers::money(lang, minor, &currency)),
            date: Box::new(move |d| date(lang, d)),
            quantity: Box::new(move |q| quantity(lang, q)),
            percent: Box::new(move |rate| percent(lang, rate)),
        },
    }
}

/// A date as the language writes it in numbers.
fn date(lang: &str, d: jiff::civil::Date) -> String {
    let (y, m, day) = (d.year(), d.month(), d.day());
    match lang {
        "en" => format!("{y:04}-{m:02}-{day:02}"),
        "es" => format!("{day:02}/{m:02}/{y:04}"),
        _ => format!("{day:02}.{m:02}.{y:04}"),
    }
}

/// A quantity (`1.5`) with the language's decimal separator and grouping.
fn quantity(lang: &str, text: &str) -> String {
    text.parse::<f64>()
        .map_or_else(|_| text.to_string(), |n| numbers::number(lang, n))
}

/// A percentage: `25%` in English, `25 %` (with a no-break space) in the others.
fn percent(lang: &str, rate: &str) -> String {
    let number = quantity(lang, rate);
    if lang == "en" {
        format!("{number}%")
    } else {
        format!("{number}\u{a0}%")
    }
}

/// A written-out document as a download, never sniffed and never run as a page.
pub fn file_response(file: DocumentFile) -> Response {
    let disposition = content_disposition(&file.file_name);
    let mut response = file.bytes.into_response();
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CONTENT_TYPE, file.content_type.to_string()),
        (header::CONTENT_DISPOSITION, disposition),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; sandbox".to_string(),
        ),
        (header::CACHE_CONTROL, "private, no-store".to_string()),
    ] {
        if let Ok(v) = HeaderValue::from_str(&value) {
            headers.insert(name, v);
        }
    }
    response
}

/// The language a caller without a page reads in: the one stored for them, else English.
pub fn stored_language(stored: Option<&str>) -> Tr {
    Tr::new(negotiate_or(stored, None, None))
}

/// The fields a document's files may lack, with the label a person knows them by.
const MISSING_LABELS: [(&str, &str); 12] = [
    ("seller.legal_name", "org-seller-legal-name"),
    ("seller.country", "org-seller-country"),
    ("seller.vat_number", "org-seller-vat-number"),
    ("seller.endpoint_id", "org-seller-endpoint-id"),
    ("buyer", "doc-file-buyer"),
    ("company_id", "doc-file-buyer-company"),
    ("buyer.peppol_id", "doc-file-buyer-peppol"),
    ("buyer.address.country", "doc-file-buyer-country"),
    ("buyer_reference", "doc-pdf-buyer-reference"),
    ("due_date", "doc-pdf-due-date"),
    ("issue_date", "doc-pdf-date"),
    ("lines", "doc-file-lines"),
];

/// Why a file was not made, as a page in the reader's language: what is missing (422),
/// or that the document's state does not allow it (409).
fn refused(tr: Tr, e: AppError) -> Response {
    match e {
        AppError::Invalid(errors) => {
            let what = super::problems::summary(tr, &errors, &MISSING_LABELS);
            let message = tr.t1("doc-file-missing", "problems", &what);
            message_page(tr, StatusCode::UNPROCESSABLE_ENTITY, &message)
        }
        AppError::Conflict(_) => message_page(tr, StatusCode::CONFLICT, &tr.t("doc-file-not-now")),
        other => error_page(tr, other),
    }
}

/// `GET /quotes/{id}/pdf`, `/orders/{id}/pdf`, `/invoices/{id}/pdf`: in the page's
/// language.
pub async fn pdf(state: AppState, ui: UiCtx, entity: Entity, id: String) -> Response {
    let Ok(id) = Uuid::parse_str(&id) else {
        return error_page(ui.tr, AppError::NotFound(entity.singular()));
    };
    let tr = ui.tr;
    match svc::pdf(&state.app, &ui.ctx, entity, id, &|_, doc| labels(tr, doc)).await {
        Ok(file) => file_response(file),
        Err(e) => refused(tr, e),
    }
}

/// `GET /invoices/{id}/ubl`.
pub async fn ubl(State(state): State<AppState>, ui: UiCtx, Path(id): Path<String>) -> Response {
    let Ok(id) = Uuid::parse_str(&id) else {
        return error_page(ui.tr, AppError::NotFound("invoice"));
    };
    match svc::ubl(&state.app, &ui.ctx, id).await {
        Ok(file) => file_response(file),
        Err(e) => refused(ui.tr, e),
    }
}
