//! CSV export of a list as it is filtered, searched and sorted, streamed page by page.

use super::pages::error_page;
use super::session::UiCtx;
use crate::AppState;
use axum::body::Body;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use rapport_app::records;
use rapport_core::entity::{Entity, FieldType};
use rapport_core::record::Record;

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

/// The exported columns: every field a person reads, in the entity's order.
fn columns(entity: Entity) -> Vec<&'static str> {
    entity
        .fields()
        .filter(|f| !matches!(f.name, "version" | "deleted_at" | "created_by" | "custom"))
        .filter(|f| f.ty != FieldType::Json || f.name == "tags")
        .map(|f| f.name)
        .collect()
}

fn cell(record: &Record, name: &str) -> String {
    rapport_core::record::display_text(record.get(name))
}

fn encode(rows: &[Vec<String>]) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        if writer
            .write_record(row.iter().map(|c| neutralise(c)))
            .is_err()
        {
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
    let names = columns(entity);
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
    let header = encode(&[names.iter().map(|n| n.to_string()).collect()]);
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
            let rows: Vec<Vec<String>> = page
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
