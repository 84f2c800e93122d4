//! Lists edited as rows of a form: a deal's line items and a price list's prices. Rows
//! come back as typed when a form is shown again; blank rows at the end add items and a
//! row's box removes it. Money in a row is written in the user's language, in the
//! currency of the deal or the price list.

use super::forms::Choice;
use super::i18n::Tr;
use super::numbers::{amount_input, parse_amount};
use crate::AppState;
use rapport_app::records;
use rapport_core::entity::Entity;
use serde_json::{Map, Value, json};
use std::collections::HashMap;

/// How many blank rows a list offers for new items.
const BLANK_ROWS: usize = 2;
/// The most rows a form is read back with.
const MAX_ROWS: usize = 500;

/// The catalogue's products as choices, with a first choice of none.
pub async fn products(state: &AppState, ui: &super::session::UiCtx) -> Vec<(String, String)> {
    let pairs = vec![("limit".to_string(), "500".to_string())];
    match records::list(&state.app, &ui.ctx, Entity::Product, &pairs).await {
        Ok(page) => page
            .items
            .iter()
            .filter_map(|p| Some((p.id()?.to_string(), p.str("name").unwrap_or("").to_string())))
            .collect(),
        Err(_) => Vec::new(),
    }
}

fn product_choices(tr: Tr, products: &[(String, String)], chosen: &str) -> Vec<Choice> {
    std::iter::once((String::new(), tr.t("form-none")))
        .chain(products.iter().cloned())
        .map(|(value, label)| Choice {
            selected: value == chosen,
            value,
            label,
        })
        .collect()
}

/// One line item as its row shows it.
pub struct LineRow {
    pub index: usize,
    pub number: String,
    pub products: Vec<Choice>,
    pub description: String,
    pub quantity: String,
    pub unit_price: String,
    pub discount_percent: String,
    pub tax_rate: String,
}

/// One price as its row shows it.
pub struct PriceRow {
    pub index: usize,
    pub number: String,
    pub products: Vec<Choice>,
    pub unit_price: String,
}

fn cell(form: &HashMap<String, String>, name: &str, i: usize) -> String {
    form.get(&format!("{name}_{i}"))
        .map_or("", |s| s.trim())
        .to_string()
}

/// The typed rows of a list, without removed and blank ones; none when the form held
/// no rows of it.
fn typed(
    form: &HashMap<String, String>,
    list: &str,
    parts: &[&str],
) -> Option<Vec<HashMap<String, String>>> {
    let count: usize = form.get(&format!("{list}_rows"))?.parse().ok()?;
    Some(
        (0..count.min(MAX_ROWS))
            .filter(|i| cell(form, &format!("{list}_remove"), *i) != "true")
            .map(|i| {
                parts
                    .iter()
                    .map(|p| (p.to_string(), cell(form, &format!("{list}_{p}"), i)))
                    .collect::<HashMap<_, _>>()
            })
            .filter(|row| row.values().any(|v| !v.is_empty()))
            .collect(),
    )
}

const LINE_PARTS: [&str; 6] = [
    "product",
    "description",
    "quantity",
    "unit_price",
    "discount_percent",
    "tax_rate",
];

/// Decimal text as stored (`12.5`) in the user's language's way (`12,5`).
fn decimal_shown(lang: &str, v: &Value) -> String {
    let text = match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => return String::new(),
    };
    match lang {
        "en" => text,
        _ => text.replace('.', ","),
    }
}

/// Decimal text as typed in the user's language, as the services read it.
fn decimal_typed(text: &str) -> String {
    text.replace(',', ".")
}

/// The rows of a deal's line items: as typed, else as stored (`values["lines"]` holds
/// the stored JSON), then blank rows.
pub fn line_rows(
    tr: Tr,
    values: &HashMap<String, String>,
    products: &[(String, String)],
    currency: &str,
) -> Vec<LineRow> {
    let rows: Vec<HashMap<String, String>> = match typed(values, "line", &LINE_PARTS) {
        Some(rows) => rows,
        None => values
            .get("lines")
            .and_then(|s| serde_json::from_str::<Value>(s).ok())
            .and_then(|v| v.as_array().cloned())
            .unwrap_or_default()
            .iter()
            .map(|l| {
                let text = |k: &str| l.get(k).and_then(Value::as_str).unwrap_or("").to_string();
                HashMap::from([
                    ("product".to_string(), text("product_id")),
                    ("description".to_string(), text("description")),
                    (
                        "quantity".to_string(),
                        decimal_shown(tr.lang, l.get("quantity").unwrap_or(&Value::Null)),
                    ),
                    (
                        "unit_price".to_string(),
                        l.get("unit_price")
                            .and_then(Value::as_i64)
                            .map(|p| amount_input(tr.lang, p, currency))
                            .unwrap_or_default(),
                    ),
                    (
                        "discount_percent".to_string(),
                        decimal_shown(tr.lang, l.get("discount_percent").unwrap_or(&Value::Null)),
                    ),
                    (
                        "tax_rate".to_string(),
                        decimal_shown(tr.lang, l.get("tax_rate").unwrap_or(&Value::Null)),
                    ),
                ])
            })
            .collect(),
    };
    rows.into_iter()
        .chain((0..BLANK_ROWS).map(|_| HashMap::new()))
        .enumerate()
        .map(|(index, row)| {
            let get = |k: &str| row.get(k).cloned().unwrap_or_default();
            LineRow {
                index,
                number: (index + 1).to_string(),
                products: product_choices(tr, products, &get("product")),
                description: get("description"),
                quantity: get("quantity"),
                unit_price: get("unit_price"),
                discount_percent: get("discount_percent"),
                tax_rate: get("tax_rate"),
            }
        })
        .collect()
}

/// The lines a deal's form sends, as the JSON the services take. A row's blank parts
/// are left to its product (or to the services' defaults: quantity 1, no discount).
/// Unit prices are read in `currency`.
pub fn lines_from_form(
    tr: Tr,
    form: &HashMap<String, String>,
    currency: &str,
) -> Result<Value, String> {
    let mut out = Vec::new();
    for (i, row) in typed(form, "line", &LINE_PARTS)
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        let get = |k: &str| row.get(k).cloned().unwrap_or_default();
        let mut line = Map::new();
        let mut put = |k: &str, v: Value| {
            line.insert(k.to_string(), v);
        };
        if !get("product").is_empty() {
            put("product_id", json!(get("product")));
        }
        if !get("description").is_empty() {
            put("description", json!(get("description")));
        }
        put(
            "quantity",
            json!(if get("quantity").is_empty() {
                "1".to_string()
            } else {
                decimal_typed(&get("quantity"))
            }),
        );
        if !get("unit_price").is_empty() {
            match parse_amount(tr.lang, &get("unit_price"), currency) {
                Some(minor) => put("unit_price", json!(minor)),
                None => {
                    let example = amount_input(tr.lang, 123_456, currency);
                    return Err(tr.t_with(
                        "line-price-invalid",
                        &[("row", &(i + 1).to_string()), ("example", &example)],
                    ));
                }
            }
        }
        put(
            "discount_percent",
            json!(if get("discount_percent").is_empty() {
                "0".to_string()
            } else {
                decimal_typed(&get("discount_percent"))
            }),
        );
        if !get("tax_rate").is_empty() {
            put("tax_rate", json!(decimal_typed(&get("tax_rate"))));
        }
        out.push(Value::Object(line));
    }
    Ok(Value::Array(out))
}

/// The rows of a price list's prices: as typed, else as stored, then blank rows.
pub fn price_rows(
    tr: Tr,
    values: &HashMap<String, String>,
    products: &[(String, String)],
    currency: &str,
) -> Vec<PriceRow> {
    let rows: Vec<(String, String)> = match typed(values, "price", &["product", "unit_price"]) {
        Some(rows) => rows
            .into_iter()
            .map(|r| {
                (
                    r.get("product").cloned().unwrap_or_default(),
                    r.get("unit_price").cloned().unwrap_or_default(),
                )
            })
            .collect(),
        None => values
            .get("prices")
            .and_then(|s| serde_json::from_str::<Value>(s).ok())
            .and_then(|v| v.as_array().cloned())
            .unwrap_or_default()
            .iter()
            .map(|p| {
                (
                    p.get("product_id")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_string(),
                    p.get("unit_price")
                        .and_then(Value::as_i64)
                        .map(|m| amount_input(tr.lang, m, currency))
                        .unwrap_or_default(),
                )
            })
            .collect(),
    };
    rows.into_iter()
        .chain((0..BLANK_ROWS).map(|_| Default::default()))
        .enumerate()
        .map(|(index, (product, unit_price))| PriceRow {
            index,
            number: (index + 1).to_string(),
            products: product_choices(tr, products, &product),
            unit_price,
        })
        .collect()
}

/// The prices a price list's form sends, in the list's currency. A product priced twice
/// is refused here by its name, as the services would by its id.
pub fn prices_from_form(
    tr: Tr,
    form: &HashMap<String, String>,
    products: &[(String, String)],
    currency: &str,
) -> Result<Value, String> {
    let mut out = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for (i, row) in typed(form, "price", &["product", "unit_price"])
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        let number = (i + 1).to_string();
        let product = row.get("product").cloned().unwrap_or_default();
        let typed_price = row.get("unit_price").cloned().unwrap_or_default();
        if product.is_empty() {
            return Err(tr.t1("price-product-missing", "row", &number));
        }
        if seen.contains(&product) {
            let name = products
                .iter()
                .find(|(id, _)| *id == product)
                .map_or(product.clone(), |(_, name)| name.clone());
            return Err(tr.t1("invalid-price-twice", "product", &name));
        }
        seen.push(product.clone());
        match parse_amount(tr.lang, &typed_price, currency).filter(|m| *m >= 0) {
            Some(minor) => out.push(json!({"product_id": product, "unit_price": minor})),
            None => {
                let example = amount_input(tr.lang, 123_456, currency);
                return Err(tr.t_with(
                    "line-price-invalid",
                    &[("row", &number), ("example", &example)],
                ));
            }
        }
    }
    Ok(Value::Array(out))
}
