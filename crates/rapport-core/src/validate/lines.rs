//! The lines of a quote, order or invoice, as a client sends them.
//!
//! Each problem names its line and part (`lines[2].quantity`), so a client with a long
//! document learns every mistake at once. A line that names a product may leave out what
//! the product knows (description, price, tax rate, unit); the services fill those in.

use crate::entity::{MAX_MINOR_UNITS, UNITS};
use crate::error::ValidationErrors;
use crate::money::{Percent, Quantity};
use crate::problem::Problem;
use serde_json::{Map, Value, json};
use uuid::Uuid;

/// The most lines one document may have.
pub const MAX_LINES: usize = 500;
const MAX_DESCRIPTION: usize = 1_000;

/// The parts a line may have.
pub const LINE_KEYS: [&str; 7] = [
    "product_id",
    "description",
    "quantity",
    "unit_price",
    "discount_percent",
    "tax_rate",
    "unit",
];

/// Checks every line, adding each problem under its path; `None` when any was found.
pub fn lines(field: &str, value: &Value, errors: &mut ValidationErrors) -> Option<Value> {
    if value.is_null() {
        return Some(Value::Array(Vec::new()));
    }
    let Some(items) = value.as_array() else {
        errors.add(field, Problem::NotAList);
        return None;
    };
    if items.len() > MAX_LINES {
        errors.add(field, Problem::TooMany { max: MAX_LINES });
        return None;
    }
    let before = errors.0.len();
    let out: Vec<Value> = items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| line(&format!("{field}[{i}]"), item, errors))
        .collect();
    (errors.0.len() == before).then_some(Value::Array(out))
}

fn line(path: &str, item: &Value, errors: &mut ValidationErrors) -> Option<Value> {
    let Some(object) = item.as_object() else {
        errors.add(path, Problem::NotAnObject);
        return None;
    };
    let before = errors.0.len();
    let mut add = |key: &str, problem: Problem| errors.add(format!("{path}.{key}"), problem);
    for key in object.keys().filter(|k| !LINE_KEYS.contains(&k.as_str())) {
        add(key, Problem::UnknownField);
    }
    let given = |key: &str| object.get(key).filter(|v| !v.is_null());
    let product_id = given("product_id").and_then(|v| {
        let id = v.as_str().and_then(|s| Uuid::parse_str(s).ok());
        if id.is_none() {
            add("product_id", Problem::NotAnId);
        }
        id
    });
    let description = given("description").and_then(|v| match v.as_str().map(str::trim) {
        Some(s) if s.contains('\0') => {
            add("description", Problem::HasNul);
            None
        }
        Some(s) if s.chars().count() > MAX_DESCRIPTION => {
            add(
                "description",
                Problem::TooLong {
                    max: MAX_DESCRIPTION,
                },
            );
            None
        }
        Some("") => None,
        Some(s) => Some(s.to_string()),
        None => {
            add("description", Problem::NotAString);
            None
        }
    });
    let quantity = match given("quantity") {
        None => Some(Quantity::ONE),
        Some(v) => Quantity::parse(v)
            .map_err(|e| add("quantity", e.problem()))
            .ok(),
    };
    let unit_price = given("unit_price").and_then(|v| match v.as_i64() {
        Some(n) if (-MAX_MINOR_UNITS..=MAX_MINOR_UNITS).contains(&n) => Some(n),
        _ => {
            add(
                "unit_price",
                Problem::IntRange {
                    min: -MAX_MINOR_UNITS,
                    max: MAX_MINOR_UNITS,
                },
            );
            None
        }
    });
    let discount = match given("discount_percent") {
        None => Some(Percent::ZERO),
        Some(v) => Percent::parse(v)
            .map_err(|e| add("discount_percent", e.problem()))
            .ok(),
    };
    let tax_rate = given("tax_rate").and_then(|v| {
        Percent::parse(v)
            .map_err(|e| add("tax_rate", e.problem()))
            .ok()
    });
    let unit = given("unit").and_then(|v| match v.as_str() {
        Some(u) if UNITS.contains(&u) => Some(u.to_string()),
        _ => {
            add(
                "unit",
                Problem::OneOf {
                    options: UNITS.join(", "),
                },
            );
            None
        }
    });
    // Without a product, the line itself must say what it sells and at what price.
    if given("product_id").is_none() {
        for (key, missing) in [
            ("description", given("description").is_none()),
            ("unit_price", given("unit_price").is_none()),
            ("tax_rate", given("tax_rate").is_none()),
        ] {
            if missing {
                add(key, Problem::Required);
            }
        }
    }
    if errors.0.len() != before {
        return None;
    }
    let mut out = Map::new();
    out.insert(
        "product_id".into(),
        json!(product_id.map(|u| u.to_string())),
    );
    out.insert("description".into(), json!(description));
    out.insert("quantity".into(), json!(quantity.map(|q| q.to_string())));
    out.insert("unit_price".into(), json!(unit_price));
    out.insert(
        "discount_percent".into(),
        json!(discount.map(|d| d.to_string())),
    );
    out.insert("tax_rate".into(), json!(tax_rate.map(|t| t.to_string())));
    out.insert("unit".into(), json!(unit));
    Some(Value::Object(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(value: Value) -> Vec<String> {
        let mut errors = ValidationErrors::new();
        let out = lines("lines", &value, &mut errors);
        assert_eq!(out.is_none(), !errors.is_empty());
        errors.0.into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn problems_name_their_line_and_part() {
        let bad = json!([
            {"description": "Ok", "unit_price": 100, "tax_rate": "25"},
            {"description": "Bad", "unit_price": 100, "tax_rate": "25", "quantity": 0},
            {"product_id": "x", "discount_percent": "101", "colour": "red"},
            "not a line",
            {"quantity": "1.5"}
        ]);
        assert_eq!(
            fields(bad),
            [
                "lines[1].quantity",
                "lines[2].colour",
                "lines[2].product_id",
                "lines[2].discount_percent",
                "lines[3]",
                "lines[4].description",
                "lines[4].unit_price",
                "lines[4].tax_rate",
            ]
        );
    }

    #[test]
    fn lines_are_kept_in_canonical_form() {
        let mut errors = ValidationErrors::new();
        let input = json!([{"description": " Hours ", "quantity": 1.50, "unit_price": -250,
                            "tax_rate": 7.7, "discount_percent": "10.00", "unit": "HUR"}]);
        let out = lines("lines", &input, &mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            out,
            Some(
                json!([{"product_id": null, "description": "Hours", "quantity": "1.5",
                         "unit_price": -250, "discount_percent": "10", "tax_rate": "7.7",
                         "unit": "HUR"}])
            )
        );
    }

    #[test]
    fn a_product_line_may_leave_out_what_the_product_knows() {
        let id = Uuid::now_v7().to_string();
        assert!(fields(json!([{"product_id": id}])).is_empty());
        assert_eq!(fields(json!({"a": 1})), ["lines"]);
    }
}
