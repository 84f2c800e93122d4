//! CSV export of a list as it is filtered, searched and sorted, streamed page by page.

use super::numbers::money_plain;
use super::pages::error_page;
use super::session::UiCtx;
use crate::AppState;
use axum::body::Body;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use rapport_app::records;
use rapport_core::entity::{Entity, FieldType};
use rapport_core::record::{Record, display_text};
use rapport_core::validate::CustomDef;
use serde_json::Value;

/// Rows fetched per query while exporting.
const PAGE: &str = "500";

/// Makes a cell safe to open in a spreadsheet: text that a spreadsheet would run as a
/// formula gets a leading apostrophe.
pub fn neutralise(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

/// One exported column: a field of the entity, or a custom field. Money takes two
/// columns, the amount and its currency, so that both stay plain values.
#[derive(Clone)]
enum Column {
    Field(&'static str),
    Custom(String),
    Amount(String),
    Currency(String),
}

impl Column {
    fn header(&self) -> String {
        match self {
            Column::Field(name) => name.to_string(),
            Column::Custom(key) | Column::Amount(key) => format!("custom.{key}"),
            Column::Currency(key) => format!("custom.{key}.currency"),
        }
    }
}

/// The exported columns: every field a person reads, in the entity's order, then the
/// custom fields.
fn columns(entity: Entity, defs: &[CustomDef]) -> Vec<Column> {
    let fields = entity
        .fields()
        .filter(|f| !matches!(f.name, "version" | "deleted_at" | "created_by" | "custom"))
        .filter(|f| f.ty != FieldType::Json || f.name == "tags")
        .map(|f| Column::Field(f.name));
    let custom = defs.iter().flat_map(|d| {
        if d.field_type == "money" {
            vec![
                Column::Amount(d.key.clone()),
                Column::Currency(d.key.clone()),
            ]
        } else {
            vec![Column::Custom(d.key.clone())]
        }
    });
    fields.chain(custom).collect()
}

/// A cell's text, and whether it is a number (which is written as it is: a number is
/// never a formula, and neutralising `-5` would stop it being one).
fn cell(record: &Record, column: &Column) -> (String, bool) {
    let custom = |key: &str| record.get("custom").get(key).unwrap_or(&Value::Null);
    let money = |key: &str| {
        let m = custom(key);
        (
            m.get("amount_minor").and_then(Value::as_i64),
            m.get("currency").and_then(Value::as_str).unwrap_or(""),
        )
    };
    match column {
        Column::Field(name) => (display_text(record.get(name)), false),
        Column::Custom(key) => match custom(key) {
            Value::Number(n) => (n.to_string(), true),
            other => (display_text(other), false),
        },
        Column::Amount(key) => match money(key) {
            (Some(minor), currency) => (money_plain(minor, currency), true),
            (None, _) => (String::new(), false),
        },
        Column::Currency(key) => (money(key).1.to_string(), false),
    }
}

fn encode(rows: &[Vec<(String, bool)>]) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        let cells = row.iter().map(|(text, number)| {
            if *number {
                text.clone()
            } else {
                neutralise(text)
            }
        });
        if writer.write_record(cells).is_err() {
            break;
        }
    }
    writer.into_inner().unwrap_or_default()
}

/// Streams every record the list's parameters select as CSV.
pub async fn export(
    state: AppState,
    ui: UiCtx,
    entity: Entity,
    params: Vec<(String, String)>,
) -> Response {
    let defs = records::custom_defs(&state.app, entity)
        .await
        .unwrap_or_default();
    let names = columns(entity, &defs);
    let mut base: Vec<(String, String)> = params
        .into_iter()
        .filter(|(k, _)| k == "q" || k == "sort" || k.starts_with("filter["))
        .collect();
    base.push(("limit".into(), PAGE.into()));
    // Check the parameters once, so a bad filter is an error page rather than a broken file.
    if let Err(e) = records::list(
        &state.app,
        &ui.ctx,
        entity,
        &[base.clone(), vec![("limit".into(), "1".into())]].concat(),
    )
    .await
    {
        return error_page(ui.tr, e);
    }
    let header = encode(&[names.iter().map(|c| (c.header(), false)).collect()]);
    let stream = futures_util::stream::unfold(Some(None::<String>), move |cursor| {
        let (state, ui, base, names) = (state.clone(), ui.clone(), base.clone(), names.clone());
        async move {
            let cursor = cursor?;
            let mut pairs = base;
            if let Some(c) = cursor {
                pairs.push(("cursor".into(), c));
            }
            let page = records::list(&state.app, &ui.ctx, entity, &pairs)
                .await
                .ok()?;
            let rows: Vec<Vec<(String, bool)>> = page
                .items
                .iter()
                .map(|r| names.iter().map(|n| cell(r, n)).collect())
                .collect();
            let next = page.next_cursor.map(Some);
            Some((Ok::<_, std::io::Error>(encode(&rows)), next))
        }
    });
    let body = Body::from_stream(futures_util::StreamExt::chain(
        futures_util::stream::once(async move { Ok::<_, std::io::Error>(header) }),
        stream,
    ));
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    let disposition = format!("attachment; filename=\"{}.csv\"", entity.resource());
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise("+47 22"), "'+47 22");
        assert_eq!(neutralise("-1"), "'-1");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("Anna"), "Anna");
        assert_eq!(neutralise(""), "");
    }
}
