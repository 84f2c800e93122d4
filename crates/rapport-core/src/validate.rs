//! Input validation: a client's JSON object becomes a normalised set of field values, or
//! every problem with it, each naming its field.
//!
//! Unknown fields are refused, not ignored, so a typo never silently drops data.

use crate::clock;
use crate::entity::{Access, Entity, Field, Rule};
use crate::error::ValidationErrors;
use crate::problem::Problem;
use crate::values;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use uuid::Uuid;

mod lines;
pub use lines::{LINE_KEYS, MAX_LINES};

const MAX_TAGS: usize = 50;
const MAX_LIST: usize = 20;
const MAX_PARTICIPANTS: usize = 100;
const MAX_OPTIONS: usize = 200;
const MAX_CUSTOM_TEXT: usize = 2000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Create,
    Update,
}

/// A custom field definition, as validation needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomDef {
    pub key: String,
    pub label: String,
    pub field_type: String,
    pub options: Vec<String>,
    pub required: bool,
}

/// Checks a create or update body for `entity` and returns the normalised values of the
/// fields it sets. Custom values are checked against `defs`.
pub fn input(
    entity: Entity,
    body: &Value,
    mode: Mode,
    defs: &[CustomDef],
) -> Result<Map<String, Value>, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let Some(object) = body.as_object() else {
        return Err(ValidationErrors::one("", Problem::BodyNotObject));
    };
    let mut out = Map::new();
    for (name, value) in object {
        let Some(field) = entity.own_fields().find(|f| f.name == name.as_str()) else {
            let problem = if entity.field(name).is_some() {
                Problem::KeptByRapport
            } else {
                Problem::UnknownField
            };
            errors.add(name.clone(), problem);
            continue;
        };
        match (field.access, mode) {
            (Access::System, _) => {
                errors.add(name.clone(), Problem::KeptByRapport);
                continue;
            }
            (Access::CreateOnly, Mode::Update) => {
                errors.add(name.clone(), Problem::CreateOnly);
                continue;
            }
            _ => {}
        }
        match field_value(field, value, defs, &mut errors) {
            Some(v) => {
                if v.is_null() && field.required {
                    errors.add(name.clone(), Problem::Required);
                } else {
                    out.insert(name.clone(), v);
                }
            }
            None => continue,
        }
    }
    if mode == Mode::Create {
        for field in entity.own_fields().filter(|f| f.required) {
            if !out.contains_key(field.name) && !object.contains_key(field.name) {
                errors.add(field.name, Problem::Required);
            }
        }
    }
    errors.into_result(out)
}

/// Checks the rules that span fields, on a record's state after a change.
pub fn record(entity: Entity, data: &Map<String, Value>, defs: &[CustomDef]) -> ValidationErrors {
    let mut errors = ValidationErrors::new();
    let is_set = |k: &str| data.get(k).is_some_and(|v| !v.is_null());
    match entity {
        Entity::Contact if !is_set("first_name") && !is_set("last_name") => {
            errors.add("first_name", Problem::ContactNeedsName);
        }
        Entity::Interaction if !is_set("contact_id") && !is_set("company_id") => {
            errors.add("contact_id", Problem::InteractionNeedsParent);
        }
        Entity::Lead
            if !["first_name", "last_name", "company_name", "email", "phone"]
                .iter()
                .any(|k| is_set(k)) =>
        {
            errors.add("email", Problem::LeadNeedsIdentity);
        }
        Entity::CustomField => {
            let kind = data.get("field_type").and_then(Value::as_str).unwrap_or("");
            let options = data
                .get("options")
                .and_then(Value::as_array)
                .map_or(0, Vec::len);
            if matches!(kind, "select" | "multiselect") && options == 0 {
                errors.add("options", Problem::SelectNeedsOption);
            }
        }
        _ => {}
    }
    if entity.has_custom_fields() {
        let custom = data.get("custom").and_then(Value::as_object);
        for def in defs.iter().filter(|d| d.required) {
            let set = custom
                .and_then(|c| c.get(&def.key))
                .is_some_and(|v| !v.is_null());
            if !set {
                errors.add(format!("custom.{}", def.key), Problem::Required);
            }
        }
    }
    errors
}

/// Applies a custom-values patch: keys with `null` are removed, others are set. A number
/// equal to the one stored keeps its stored form, so writing `38` over `38.0` is no change.
pub fn merge_custom(current: &Value, patch: &Value) -> Value {
    let mut merged = current.as_object().cloned().unwrap_or_default();
    if let Some(patch) = patch.as_object() {
        for (k, v) in patch {
            if v.is_null() {
                merged.remove(k);
            } else if !merged.get(k).is_some_and(|old| same_number(old, v)) {
                merged.insert(k.clone(), v.clone());
            }
        }
    }
    Value::Object(merged)
}

/// Whether two JSON values are the same number written in two forms (`38` and `38.0`).
/// Two whole numbers are compared exactly, since a float cannot hold every one of them.
fn same_number(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) if x.is_f64() || y.is_f64() => {
            x.as_f64() == y.as_f64()
        }
        _ => false,
    }
}

fn field_value(
    field: &Field,
    value: &Value,
    defs: &[CustomDef],
    errors: &mut ValidationErrors,
) -> Option<Value> {
    let name = field.name;
    let result = match field.rule {
        Rule::Custom => return custom_values(value, defs, errors),
        Rule::Lines => return lines::lines(name, value, errors),
        _ if value.is_null() => Ok(Value::Null),
        Rule::None => Err(Problem::KeptByRapport),
        Rule::Text { max } => text(value, max),
        Rule::Email => normalised(value, values::email),
        Rule::LoginEmail => normalised(value, values::login_email),
        Rule::Phone => normalised(value, values::phone),
        Rule::Url => normalised(value, values::url),
        Rule::Domain => normalised(value, values::domain),
        Rule::Color => normalised(value, values::color),
        Rule::Key => normalised(value, values::key),
        Rule::Enum(allowed) => one_of(value, allowed),
        Rule::Ref(_) => id(value),
        Rule::Int { min, max } => int(value, min, max),
        Rule::Time => time(value),
        Rule::Bool => value.as_bool().map(Value::Bool).ok_or(Problem::NotABool),
        Rule::Tags => tags(value),
        Rule::Emails => labelled(value, "email", values::email),
        Rule::Phones => labelled(value, "phone", values::phone),
        Rule::Address => address(value),
        Rule::Participants => participants(value),
        Rule::Options => options(value),
        Rule::Members => members(value),
        Rule::TimeZone => normalised(value, values::time_zone),
        Rule::Date => date(value),
        Rule::Currency => normalised(value, values::currency),
        Rule::Percent => percent(value),
        Rule::Stages => stages(value),
        Rule::Refs(_) => members(value),
        Rule::Prices => prices(value),
        Rule::Recurrence => crate::recurrence::Recurrence::from_json(value).map(|r| r.to_json()),
        Rule::Html { max } => html(value, max),
    };
    match result {
        Ok(v) => Some(v),
        Err(problem) => {
            errors.add(name, problem);
            None
        }
    }
}

fn text(value: &Value, max: usize) -> Result<Value, Problem> {
    let s = value.as_str().ok_or(Problem::NotAString)?;
    if s.contains('\0') {
        return Err(Problem::HasNul);
    }
    let trimmed = s.trim();
    if trimmed.chars().count() > max {
        return Err(Problem::TooLong { max });
    }
    Ok(if trimmed.is_empty() {
        Value::Null
    } else {
        Value::String(trimmed.to_string())
    })
}

/// HTML as text of at most `max` characters, sanitised; markup alone with no content
/// left after sanitising is no value.
fn html(value: &Value, max: usize) -> Result<Value, Problem> {
    let Value::String(raw) = text(value, max)? else {
        return Ok(Value::Null);
    };
    let clean = crate::kb::sanitise(&raw);
    Ok(if clean.trim().is_empty() {
        Value::Null
    } else {
        Value::String(clean)
    })
}

fn normalised(value: &Value, check: fn(&str) -> Result<String, Problem>) -> Result<Value, Problem> {
    let s = value.as_str().ok_or(Problem::NotAString)?;
    if s.trim().is_empty() {
        return Ok(Value::Null);
    }
    check(s).map(Value::String)
}

fn one_of(value: &Value, allowed: &[&str]) -> Result<Value, Problem> {
    match value.as_str() {
        Some(s) if allowed.contains(&s) => Ok(Value::String(s.to_string())),
        _ => Err(Problem::OneOf {
            options: allowed.join(", "),
        }),
    }
}

fn id(value: &Value) -> Result<Value, Problem> {
    value
        .as_str()
        .and_then(|s| Uuid::parse_str(s).ok())
        .map(|u| Value::String(u.to_string()))
        .ok_or(Problem::NotAnId)
}

fn int(value: &Value, min: i64, max: i64) -> Result<Value, Problem> {
    match value.as_i64() {
        Some(n) if (min..=max).contains(&n) => Ok(Value::from(n)),
        _ => Err(Problem::IntRange { min, max }),
    }
}

fn time(value: &Value) -> Result<Value, Problem> {
    value
        .as_str()
        .and_then(clock::canonical)
        .map(Value::String)
        .ok_or(Problem::NotATime)
}

fn string_list(value: &Value, max_items: usize) -> Result<&Vec<Value>, Problem> {
    let items = value.as_array().ok_or(Problem::NotAList)?;
    if items.len() > max_items {
        return Err(Problem::TooMany { max: max_items });
    }
    Ok(items)
}

fn tags(value: &Value) -> Result<Value, Problem> {
    let mut out: Vec<String> = Vec::new();
    for item in string_list(value, MAX_TAGS)? {
        let name = item.as_str().ok_or(Problem::NotTagNames)?.trim();
        if name.is_empty() || name.chars().count() > 64 || name.contains('\0') {
            return Err(Problem::TagLength);
        }
        if !out.iter().any(|t| t == name) {
            out.push(name.to_string());
        }
    }
    Ok(Value::from(out))
}

/// Only these keys, each a short string.
fn small_object(
    value: &Value,
    allowed: &[&str],
    max_len: usize,
) -> Result<Map<String, Value>, Problem> {
    let object = value.as_object().ok_or(Problem::NotAnObject)?;
    let mut out = Map::new();
    for (k, v) in object {
        if !allowed.contains(&k.as_str()) {
            return Err(Problem::KeyNotAllowed {
                key: k.clone(),
                allowed: allowed.join(", "),
            });
        }
        match v {
            Value::Null => {}
            Value::String(s) if s.chars().count() <= max_len && !s.contains('\0') => {
                let s = s.trim();
                if !s.is_empty() {
                    out.insert(k.clone(), Value::String(s.to_string()));
                }
            }
            _ => {
                return Err(Problem::KeyTooLong {
                    key: k.clone(),
                    max: max_len,
                });
            }
        }
    }
    Ok(out)
}

fn labelled(
    value: &Value,
    key: &str,
    check: fn(&str) -> Result<String, Problem>,
) -> Result<Value, Problem> {
    let mut out = Vec::new();
    for (i, item) in string_list(value, MAX_LIST)?.iter().enumerate() {
        let mut object =
            small_object(item, &["label", key], 254).map_err(|e| Problem::item(i, e))?;
        let raw = object
            .get(key)
            .and_then(Value::as_str)
            .ok_or_else(|| Problem::item(i, Problem::part(key, Problem::Required)))?;
        let normal = check(raw).map_err(|e| Problem::item(i, Problem::part(key, e)))?;
        object.insert(key.to_string(), Value::String(normal));
        out.push(Value::Object(object));
    }
    Ok(Value::Array(out))
}

fn address(value: &Value) -> Result<Value, Problem> {
    let object = small_object(
        value,
        &[
            "street",
            "street2",
            "postal_code",
            "city",
            "region",
            "country",
        ],
        200,
    )?;
    Ok(if object.is_empty() {
        Value::Null
    } else {
        Value::Object(object)
    })
}

fn participants(value: &Value) -> Result<Value, Problem> {
    let mut out = Vec::new();
    for (i, item) in string_list(value, MAX_PARTICIPANTS)?.iter().enumerate() {
        let mut object = small_object(
            item,
            &["name", "email", "phone", "user_id", "contact_id", "role"],
            254,
        )
        .map_err(|e| Problem::item(i, e))?;
        let part = |key: &str, p: Problem| Problem::item(i, Problem::part(key, p));
        if let Some(e) = object.get("email").and_then(Value::as_str) {
            let e = values::email(e).map_err(|m| part("email", m))?;
            object.insert("email".into(), Value::String(e));
        }
        if let Some(p) = object.get("phone").and_then(Value::as_str) {
            let p = values::phone(p).map_err(|m| part("phone", m))?;
            object.insert("phone".into(), Value::String(p));
        }
        for key in ["user_id", "contact_id"] {
            if let Some(u) = object.get(key) {
                id(u).map_err(|m| part(key, m))?;
            }
        }
        if object.is_empty() {
            return Err(Problem::item(i, Problem::ParticipantEmpty));
        }
        out.push(Value::Object(object));
    }
    Ok(Value::Array(out))
}

fn options(value: &Value) -> Result<Value, Problem> {
    let mut out: Vec<String> = Vec::new();
    for item in string_list(value, MAX_OPTIONS)? {
        let s = item.as_str().ok_or(Problem::NotStrings)?.trim();
        if s.is_empty() || s.chars().count() > 100 {
            return Err(Problem::OptionLength);
        }
        if out.iter().any(|o| o == s) {
            return Err(Problem::OptionTwice {
                option: s.to_string(),
            });
        }
        out.push(s.to_string());
    }
    Ok(Value::from(out))
}

fn date(value: &Value) -> Result<Value, Problem> {
    let s = value.as_str().ok_or(Problem::NotADate)?.trim();
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(s, &format)
        .map(|_| Value::String(s.to_string()))
        .map_err(|_| Problem::NotADate)
}

/// A percentage as its shortest decimal text (`"7.5"`, never `"7.50"`), from a JSON number
/// or a string, so that it is kept exactly rather than as a float.
fn percent(value: &Value) -> Result<Value, Problem> {
    let text = match value {
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.trim().to_string(),
        _ => return Err(Problem::BadPercent),
    };
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let digits = |d: &str| d.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() || whole.len() > 3 || !digits(whole) || !digits(fraction) {
        return Err(Problem::BadPercent);
    }
    let fraction = fraction.trim_end_matches('0');
    if fraction.len() > 2 {
        return Err(Problem::BadPercent);
    }
    let whole: u32 = whole.parse().map_err(|_| Problem::BadPercent)?;
    if whole > 100 || (whole == 100 && !fraction.is_empty()) {
        return Err(Problem::BadPercent);
    }
    Ok(Value::String(if fraction.is_empty() {
        whole.to_string()
    } else {
        format!("{whole}.{fraction}")
    }))
}

const MAX_STAGES: usize = 30;

fn stages(value: &Value) -> Result<Value, Problem> {
    let items = string_list(value, MAX_STAGES)?;
    if items.is_empty() {
        return Err(Problem::Empty);
    }
    let mut out: Vec<Value> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let at = |p: Problem| Problem::item(i, p);
        let object = item.as_object().ok_or(at(Problem::NotAnObject))?;
        if let Some(k) = object
            .keys()
            .find(|k| !["key", "name", "probability"].contains(&k.as_str()))
        {
            return Err(at(Problem::KeyNotAllowed {
                key: k.clone(),
                allowed: "key, name, probability".into(),
            }));
        }
        let key = object
            .get("key")
            .and_then(Value::as_str)
            .ok_or(at(Problem::part("key", Problem::Required)))
            .and_then(|k| values::key(k).map_err(|p| at(Problem::part("key", p))))?;
        let name = match object.get("name").map(|n| text(n, 100)) {
            Some(Ok(Value::String(n))) => n,
            Some(Err(p)) => return Err(at(Problem::part("name", p))),
            _ => return Err(at(Problem::part("name", Problem::Required))),
        };
        let probability = match object.get("probability") {
            None | Some(Value::Null) => 0,
            Some(p) => p
                .as_i64()
                .filter(|p| (0..=100).contains(p))
                .ok_or(at(Problem::part(
                    "probability",
                    Problem::IntRange { min: 0, max: 100 },
                )))?,
        };
        if keys.contains(&key) {
            return Err(Problem::StageKeyTwice { key });
        }
        keys.push(key.clone());
        out.push(serde_json::json!({"key": key, "name": name, "probability": probability}));
    }
    Ok(Value::Array(out))
}

const MAX_PRICES: usize = 10_000;

fn prices(value: &Value) -> Result<Value, Problem> {
    let mut out: Vec<Value> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for (i, item) in string_list(value, MAX_PRICES)?.iter().enumerate() {
        let at = |p: Problem| Problem::item(i, p);
        let object = item.as_object().ok_or(at(Problem::NotAnObject))?;
        if let Some(k) = object
            .keys()
            .find(|k| !["product_id", "unit_price"].contains(&k.as_str()))
        {
            return Err(at(Problem::KeyNotAllowed {
                key: k.clone(),
                allowed: "product_id, unit_price".into(),
            }));
        }
        let product = object
            .get("product_id")
            .ok_or(at(Problem::part("product_id", Problem::Required)))
            .and_then(|v| id(v).map_err(|p| at(Problem::part("product_id", p))))?;
        let price = object
            .get("unit_price")
            .ok_or(at(Problem::part("unit_price", Problem::Required)))
            .and_then(|v| {
                int(v, 0, crate::entity::MAX_MINOR_UNITS)
                    .map_err(|p| at(Problem::part("unit_price", p)))
            })?;
        let product = product.as_str().unwrap_or_default().to_string();
        if seen.contains(&product) {
            return Err(Problem::PriceTwice { product });
        }
        seen.push(product.clone());
        out.push(serde_json::json!({"product_id": product, "unit_price": price}));
    }
    Ok(Value::Array(out))
}

fn members(value: &Value) -> Result<Value, Problem> {
    let mut out: Vec<String> = Vec::new();
    for item in string_list(value, 1000)? {
        let u = id(item)?;
        if let Value::String(s) = u
            && !out.contains(&s)
        {
            out.push(s);
        }
    }
    Ok(Value::from(out))
}

fn custom_values(
    value: &Value,
    defs: &[CustomDef],
    errors: &mut ValidationErrors,
) -> Option<Value> {
    if value.is_null() {
        return Some(Value::Object(Map::new()));
    }
    let Some(object) = value.as_object() else {
        errors.add("custom", Problem::CustomNotObject);
        return None;
    };
    let mut out = Map::new();
    let before = errors.0.len();
    for (k, v) in object {
        let field = format!("custom.{k}");
        let Some(def) = defs.iter().find(|d| &d.key == k) else {
            errors.add(field, Problem::UnknownCustom);
            continue;
        };
        if v.is_null() {
            out.insert(k.clone(), Value::Null);
            continue;
        }
        match custom_value(def, v) {
            Ok(v) => {
                out.insert(k.clone(), v);
            }
            Err(problem) => errors.add(field, problem),
        }
    }
    (errors.0.len() == before).then_some(Value::Object(out))
}

/// Checks one custom value against its definition's type.
pub fn custom_value(def: &CustomDef, v: &Value) -> Result<Value, Problem> {
    let string = || v.as_str().ok_or(Problem::NotAString);
    match def.field_type.as_str() {
        "text" => text(v, MAX_CUSTOM_TEXT),
        "number" => v
            .as_f64()
            .filter(|n| n.is_finite())
            .map(|_| v.clone())
            .ok_or(Problem::NotANumber),
        "date" => {
            let s = string()?;
            let format = time::macros::format_description!("[year]-[month]-[day]");
            time::Date::parse(s, &format)
                .map(|_| Value::String(s.to_string()))
                .map_err(|_| Problem::NotADate)
        }
        "bool" => v.as_bool().map(Value::Bool).ok_or(Problem::NotABool),
        "select" => {
            let s = string()?;
            if def.options.iter().any(|o| o == s) {
                Ok(Value::String(s.to_string()))
            } else {
                Err(Problem::OneOf {
                    options: def.options.join(", "),
                })
            }
        }
        "multiselect" => {
            let items = v.as_array().ok_or(Problem::NotAList)?;
            let mut out: Vec<String> = Vec::new();
            for item in items {
                match item.as_str() {
                    Some(s) if def.options.iter().any(|o| o == s) => {
                        if !out.iter().any(|o| o == s) {
                            out.push(s.to_string());
                        }
                    }
                    _ => {
                        return Err(Problem::EachOneOf {
                            options: def.options.join(", "),
                        });
                    }
                }
            }
            Ok(Value::from(out))
        }
        "url" => values::url(string()?).map(Value::String),
        "email" => values::email(string()?).map(Value::String),
        "phone" => values::phone(string()?).map(Value::String),
        "money" => {
            let o = small_money(v)?;
            Ok(o)
        }
        other => Err(Problem::UnknownType {
            name: other.to_string(),
        }),
    }
}

fn small_money(v: &Value) -> Result<Value, Problem> {
    let object = v.as_object().ok_or(Problem::MoneyShape)?;
    if object
        .keys()
        .any(|k| k != "amount_minor" && k != "currency")
    {
        return Err(Problem::MoneyShape);
    }
    let amount = object
        .get("amount_minor")
        .and_then(Value::as_i64)
        .ok_or(Problem::MoneyShape)?;
    let currency = object
        .get("currency")
        .and_then(Value::as_str)
        .ok_or(Problem::MoneyShape)?;
    let currency = values::currency(currency)?;
    Ok(serde_json::json!({ "amount_minor": amount, "currency": currency }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn participants_name_users_and_contacts_by_id() {
        let user = "0190f3a0-0000-7000-8000-000000000001";
        let list = json!([{"user_id": user, "name": " Ewa "}, {"contact_id": user}]);
        assert_eq!(
            participants(&list).unwrap(),
            json!([{"user_id": user, "name": "Ewa"}, {"contact_id": user}])
        );
        let bad = participants(&json!([{"contact_id": "kari"}])).unwrap_err();
        assert!(bad.to_string().contains("contact_id"), "{bad}");
        assert!(participants(&json!([{"contact": user}])).is_err());
    }

    fn defs() -> Vec<CustomDef> {
        vec![
            CustomDef {
                key: "budget".into(),
                label: "Budget".into(),
                field_type: "money".into(),
                options: vec![],
                required: false,
            },
            CustomDef {
                key: "tier".into(),
                label: "Tier".into(),
                field_type: "select".into(),
                options: vec!["gold".into(), "silver".into()],
                required: true,
            },
        ]
    }

    #[test]
    fn contact_input_is_normalised() {
        let out = input(
            Entity::Contact,
            &json!({
                "first_name": "  Kari ",
                "email": "Kari@Example.NO",
                "phone": "+47 22 33 44 55",
                "tags": ["vip", "vip", "nordic"],
                "custom": {"tier": "gold"}
            }),
            Mode::Create,
            &defs(),
        )
        .unwrap();
        assert_eq!(out["first_name"], "Kari");
        assert_eq!(out["email"], "Kari@example.no");
        assert_eq!(out["phone"], "+4722334455");
        assert_eq!(out["tags"], json!(["vip", "nordic"]));
    }

    #[test]
    fn every_problem_is_named() {
        let err = input(
            Entity::Contact,
            &json!({
                "first_name": 7,
                "email": "nope",
                "phone": "12",
                "nickname": "x",
                "version": 3,
                "lifecycle_stage": "king",
                "company_id": "abc",
                "custom": {"tier": "bronze", "unknown": 1, "budget": {"amount_minor": 5, "currency": "eur"}}
            }),
            Mode::Create,
            &defs(),
        )
        .unwrap_err();
        let fields: Vec<_> = err.0.iter().map(|e| e.field.as_str()).collect();
        for f in [
            "first_name",
            "email",
            "phone",
            "nickname",
            "version",
            "lifecycle_stage",
            "company_id",
            "custom.tier",
            "custom.unknown",
            "custom.budget",
        ] {
            assert!(fields.contains(&f), "{f} missing from {fields:?}");
        }
    }

    #[test]
    fn required_and_cross_field_rules() {
        let err = input(Entity::Company, &json!({}), Mode::Create, &[]).unwrap_err();
        assert_eq!(err.0[0].field, "name");
        let err = input(Entity::Company, &json!({"name": null}), Mode::Update, &[]).unwrap_err();
        assert_eq!(err.0[0].field, "name");
        let err = input(Entity::CustomField, &json!({"key": "x"}), Mode::Update, &[]).unwrap_err();
        assert_eq!(err.0[0].message, "cannot be changed after creation");
        assert_eq!(err.0[0].problem, Problem::CreateOnly);
        let data = json!({"first_name": null, "last_name": null, "custom": {}});
        let errs = record(Entity::Contact, data.as_object().unwrap(), &defs());
        let fields: Vec<_> = errs.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, vec!["first_name", "custom.tier"]);
        assert!(input(Entity::Contact, &json!([1]), Mode::Create, &[]).is_err());
    }

    #[test]
    fn custom_patch_merges() {
        let merged = merge_custom(&json!({"a": 1, "b": 2}), &json!({"b": null, "c": 3}));
        assert_eq!(merged, json!({"a": 1, "c": 3}));
        // The same number in another form is no change; another number is.
        let merged = merge_custom(&json!({"a": 38.0, "b": 38}), &json!({"a": 38, "b": 38.0}));
        assert_eq!(merged.to_string(), r#"{"a":38.0,"b":38}"#);
        let merged = merge_custom(&json!({"a": 38.0}), &json!({"a": 38.5}));
        assert_eq!(merged, json!({"a": 38.5}));
        let merged = merge_custom(
            &json!({"a": 9_007_199_254_740_993_i64}),
            &json!({"a": 9_007_199_254_740_992_i64}),
        );
        assert_eq!(merged, json!({"a": 9_007_199_254_740_992_i64}));
    }

    #[test]
    fn percentages_keep_their_exact_decimal_text() {
        for (given, kept) in [
            (json!(25), "25"),
            (json!(7.5), "7.5"),
            (json!("8.25"), "8.25"),
            (json!("12.50"), "12.5"),
            (json!("100"), "100"),
            (json!(0), "0"),
        ] {
            assert_eq!(percent(&given), Ok(json!(kept)), "{given}");
        }
        for bad in [
            json!(-1),
            json!("100.5"),
            json!("1.234"),
            json!("1e2"),
            json!(" . "),
            json!(true),
            json!("25%"),
            json!(101),
        ] {
            assert_eq!(percent(&bad), Err(Problem::BadPercent), "{bad}");
        }
    }

    #[test]
    fn stages_need_keys_names_and_probabilities_in_range() {
        let ok = stages(&json!([
            {"key": "new", "name": " New ", "probability": 10},
            {"key": "proposal", "name": "Proposal"}
        ]))
        .unwrap();
        assert_eq!(
            ok,
            json!([
                {"key": "new", "name": "New", "probability": 10},
                {"key": "proposal", "name": "Proposal", "probability": 0}
            ])
        );
        assert_eq!(stages(&json!([])), Err(Problem::Empty));
        assert_eq!(
            stages(&json!([{"key": "a", "name": "A"}, {"key": "a", "name": "B"}])),
            Err(Problem::StageKeyTwice { key: "a".into() })
        );
        assert!(matches!(
            stages(&json!([{"key": "a", "name": "A", "probability": 101}])),
            Err(Problem::Item { index: 0, .. })
        ));
        assert!(matches!(
            stages(&json!([{"key": "A b", "name": "A"}])),
            Err(Problem::Item { index: 0, .. })
        ));
        assert!(stages(&json!([{"key": "a", "name": "A", "colour": "red"}])).is_err());
    }

    #[test]
    fn prices_name_each_product_once() {
        let id = Uuid::now_v7().to_string();
        assert_eq!(
            prices(&json!([{"product_id": id, "unit_price": 1250}])),
            Ok(json!([{"product_id": id, "unit_price": 1250}]))
        );
        assert_eq!(
            prices(&json!([
                {"product_id": id, "unit_price": 1},
                {"product_id": id, "unit_price": 2}
            ])),
            Err(Problem::PriceTwice {
                product: id.clone()
            })
        );
        assert!(prices(&json!([{"product_id": id, "unit_price": -1}])).is_err());
        assert!(prices(&json!([{"product_id": "x", "unit_price": 1}])).is_err());
    }

    #[test]
    fn a_lead_needs_something_to_reach_it_by() {
        let empty = input(Entity::Lead, &json!({"title": "CTO"}), Mode::Create, &[]).unwrap();
        let errs = record(Entity::Lead, &empty, &[]);
        assert_eq!(errs.0.len(), 1);
        let named = input(
            Entity::Lead,
            &json!({"company_name": "Fjord AS"}),
            Mode::Create,
            &[],
        )
        .unwrap();
        assert!(record(Entity::Lead, &named, &[]).0.is_empty());
        let converted = input(
            Entity::Lead,
            &json!({"contact_id": Uuid::now_v7().to_string()}),
            Mode::Create,
            &[],
        );
        assert!(converted.is_err(), "conversion links are Rapport's to set");
    }
}
