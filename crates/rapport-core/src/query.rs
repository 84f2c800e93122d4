//! List queries: `limit`, `cursor`, `sort`, `filter[field][op]=value` and `q`, parsed
//! against an entity's allowlist into a form the store renders with bound values only.

use crate::clock;
use crate::entity::{Entity, Field, FieldType, Rule};
use crate::error::ValidationErrors;
use crate::problem::Problem;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};
use uuid::Uuid;

pub const DEFAULT_LIMIT: u32 = 50;
pub const MAX_LIMIT: u32 = 500;
const MAX_IN_VALUES: usize = 100;
const MAX_VALUE_LEN: usize = 500;
const MAX_Q_LEN: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Eq,
    Ne,
    Lt,
    Lte,
    Gt,
    Gte,
    Contains,
    In,
    IsNull,
}

impl Op {
    pub fn parse(s: &str) -> Option<Op> {
        Some(match s {
            "eq" => Op::Eq,
            "ne" => Op::Ne,
            "lt" => Op::Lt,
            "lte" => Op::Lte,
            "gt" => Op::Gt,
            "gte" => Op::Gte,
            "contains" => Op::Contains,
            "in" => Op::In,
            "is_null" => Op::IsNull,
            _ => return None,
        })
    }

    pub const fn as_str(self) -> &'static str {
        match self {
            Op::Eq => "eq",
            Op::Ne => "ne",
            Op::Lt => "lt",
            Op::Lte => "lte",
            Op::Gt => "gt",
            Op::Gte => "gte",
            Op::Contains => "contains",
            Op::In => "in",
            Op::IsNull => "is_null",
        }
    }

    fn allowed_for(self, field: &Field) -> bool {
        let tags = field.rule == Rule::Tags;
        match self {
            Op::Eq | Op::Ne | Op::In | Op::IsNull => true,
            Op::Lt | Op::Lte | Op::Gt | Op::Gte => {
                !tags && matches!(field.ty, FieldType::Int | FieldType::Time | FieldType::Text)
            }
            Op::Contains => field.ty == FieldType::Text,
        }
    }
}

/// One typed filter value.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    Uuid(Uuid),
    Text(String),
    Int(i64),
    Bool(bool),
    /// Canonical timestamp text.
    Time(String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Operand {
    One(Scalar),
    Many(Vec<Scalar>),
    Null(bool),
}

/// One condition on an allowlisted field.
#[derive(Debug, Clone, PartialEq)]
pub struct Filter {
    pub field: &'static Field,
    pub op: Op,
    pub operand: Operand,
}

/// Which records a list shows with respect to the trash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Deleted {
    #[default]
    Exclude,
    Only,
}

/// A page position: the sort value and id of the last record shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Cursor {
    pub value: Option<Scalar>,
    pub id: Uuid,
    /// In a search in search order, how closely the last record shown matched (0 is
    /// closest); the store lists each closeness in turn. Zero for other lists.
    pub closeness: u8,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Sort {
    pub field: &'static Field,
    pub descending: bool,
}

impl Sort {
    /// The `sort` parameter that names this sort.
    pub fn param(&self) -> String {
        if self.descending {
            format!("-{}", self.field.name)
        } else {
            self.field.name.to_string()
        }
    }
}

/// A parsed list request.
#[derive(Debug, Clone, PartialEq)]
pub struct ListQuery {
    pub entity: Entity,
    pub limit: u32,
    pub sort: Sort,
    pub cursor: Option<Cursor>,
    pub filters: Vec<Filter>,
    pub q: Option<String>,
    pub deleted: Deleted,
    /// A search without an explicit sort lists matches newest first in the order of the
    /// search index, which lets the index stop after one page instead of sorting every match.
    pub search_order: bool,
}

/// The `s` value of cursors in search order.
pub const SEARCH_ORDER: &str = "~search";

impl ListQuery {
    /// The first page of everything, in the entity's default order.
    pub fn all(entity: Entity) -> ListQuery {
        let (name, descending) = entity.default_sort();
        let field = entity.field(name).unwrap_or(&FALLBACK_ID);
        ListQuery {
            entity,
            limit: DEFAULT_LIMIT,
            sort: Sort { field, descending },
            cursor: None,
            filters: Vec::new(),
            q: None,
            deleted: Deleted::Exclude,
            search_order: false,
        }
    }

    /// Parses query-string pairs. Unknown parameters, fields and operators are errors.
    pub fn parse(
        entity: Entity,
        pairs: &[(String, String)],
    ) -> Result<ListQuery, ValidationErrors> {
        let mut query = ListQuery::all(entity);
        let mut errors = ValidationErrors::new();
        let mut cursor_text = None;
        let mut explicit_sort = false;
        for (key, value) in pairs {
            match key.as_str() {
                "limit" => match value.parse::<u32>() {
                    Ok(n) if (1..=MAX_LIMIT).contains(&n) => query.limit = n,
                    _ => errors.add(
                        "limit",
                        Problem::IntRange {
                            min: 1,
                            max: i64::from(MAX_LIMIT),
                        },
                    ),
                },
                "cursor" => cursor_text = Some(value.clone()),
                "sort" => match parse_sort(entity, value) {
                    Ok(sort) => {
                        query.sort = sort;
                        explicit_sort = true;
                    }
                    Err(problem) => errors.add("sort", problem),
                },
                "q" => {
                    let q = value.trim();
                    if q.chars().count() > MAX_Q_LEN {
                        errors.add("q", Problem::TooLong { max: MAX_Q_LEN });
                    } else if !q.is_empty() {
                        query.q = Some(q.to_string());
                    }
                }
                "deleted" => match value.as_str() {
                    "exclude" => query.deleted = Deleted::Exclude,
                    "only" => query.deleted = Deleted::Only,
                    _ => errors.add("deleted", Problem::DeletedParam),
                },
                _ if key.starts_with("filter[") => match parse_filter(entity, key, value) {
                    Ok(filter) => query.filters.push(filter),
                    Err(problem) => errors.add(key.clone(), problem),
                },
                _ => errors.add(key.clone(), Problem::UnknownParameter),
            }
        }
        query.search_order = query.q.is_some() && !explicit_sort;
        if let Some(text) = cursor_text {
            let decoded = if query.search_order {
                decode_search_cursor(&text)
            } else {
                decode_cursor(&text, &query.sort)
            };
            match decoded {
                Ok(c) => query.cursor = Some(c),
                Err(problem) => errors.add("cursor", problem),
            }
        }
        errors.into_result(query)
    }
}

static FALLBACK_ID: Field = Field {
    name: "id",
    ty: FieldType::Uuid,
    rule: Rule::None,
    access: crate::entity::Access::System,
    required: false,
    not_null: true,
    filter: true,
    sort: true,
    search: false,
};

fn parse_sort(entity: Entity, value: &str) -> Result<Sort, Problem> {
    let (name, descending) = match value.strip_prefix('-') {
        Some(rest) => (rest, true),
        None => (value, false),
    };
    match entity.field(name) {
        Some(field) if field.sort => Ok(Sort { field, descending }),
        _ => Err(Problem::CannotSort {
            name: name.to_string(),
            fields: entity
                .fields()
                .filter(|f| f.sort)
                .map(|f| f.name)
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}

/// Splits `filter[name]` or `filter[name][op]`.
fn split_filter_key(key: &str) -> Option<(&str, Option<&str>)> {
    let rest = key.strip_prefix("filter[")?;
    let (name, rest) = rest.split_once(']')?;
    if rest.is_empty() {
        return Some((name, None));
    }
    let op = rest.strip_prefix('[')?.strip_suffix(']')?;
    if op.contains(['[', ']']) {
        return None;
    }
    Some((name, Some(op)))
}

fn parse_filter(entity: Entity, key: &str, value: &str) -> Result<Filter, Problem> {
    let (name, op) = split_filter_key(key).ok_or(Problem::FilterShape)?;
    let field = entity
        .field(name)
        .filter(|f| f.filter)
        .ok_or_else(|| Problem::CannotFilter {
            name: name.to_string(),
            fields: entity
                .fields()
                .filter(|f| f.filter)
                .map(|f| f.name)
                .collect::<Vec<_>>()
                .join(", "),
        })?;
    let op = match op {
        None => Op::Eq,
        Some(text) => Op::parse(text).ok_or_else(|| Problem::UnknownOperator {
            op: text.to_string(),
        })?,
    };
    if !op.allowed_for(field) {
        return Err(Problem::OperatorNotFor {
            op: op.as_str().to_string(),
            field: field.name.to_string(),
        });
    }
    let operand = match op {
        Op::IsNull => match value {
            "true" => Operand::Null(true),
            "false" => Operand::Null(false),
            _ => return Err(Problem::IsNullBool),
        },
        Op::In => {
            let items: Vec<&str> = value.split(',').collect();
            if items.len() > MAX_IN_VALUES {
                return Err(Problem::InTooMany { max: MAX_IN_VALUES });
            }
            Operand::Many(
                items
                    .into_iter()
                    .map(|v| scalar(field, v))
                    .collect::<Result<_, _>>()?,
            )
        }
        _ => Operand::One(scalar(field, value)?),
    };
    Ok(Filter { field, op, operand })
}

/// Reads one filter or cursor value as the field's type.
fn scalar(field: &Field, value: &str) -> Result<Scalar, Problem> {
    if value.chars().count() > MAX_VALUE_LEN {
        return Err(Problem::ValuesTooLong { max: MAX_VALUE_LEN });
    }
    let named = || value.to_string();
    match field.ty {
        FieldType::Uuid => Uuid::parse_str(value.trim())
            .map(Scalar::Uuid)
            .map_err(|_| Problem::ValueNotAnId { value: named() }),
        FieldType::Int => value
            .trim()
            .parse()
            .map(Scalar::Int)
            .map_err(|_| Problem::ValueNotWhole { value: named() }),
        FieldType::Bool => match value {
            "true" => Ok(Scalar::Bool(true)),
            "false" => Ok(Scalar::Bool(false)),
            _ => Err(Problem::NotABool),
        },
        FieldType::Time => time_value(value)
            .map(Scalar::Time)
            .ok_or_else(|| Problem::ValueNotATime { value: named() }),
        FieldType::Text | FieldType::Json => Ok(Scalar::Text(value.to_string())),
    }
}

/// Accepts a full RFC 3339 time or a bare date (taken as midnight UTC).
fn time_value(value: &str) -> Option<String> {
    clock::canonical(value).or_else(|| clock::canonical(&format!("{}T00:00:00Z", value.trim())))
}

impl Scalar {
    fn to_json(&self) -> Value {
        match self {
            Scalar::Uuid(u) => json!(u.to_string()),
            Scalar::Text(s) | Scalar::Time(s) => json!(s),
            Scalar::Int(i) => json!(i),
            Scalar::Bool(b) => json!(b),
        }
    }
}

/// Makes the cursor that continues after a record with this sort value and id.
pub fn encode_cursor(sort: &Sort, value: &Value, id: Uuid) -> String {
    let body = json!({ "s": sort.param(), "v": value, "id": id.to_string() });
    URL_SAFE_NO_PAD.encode(body.to_string())
}

/// Makes the cursor that continues a search after the match at this index position among
/// the matches of this closeness.
pub fn encode_search_cursor(closeness: u8, rank: i64, id: Uuid) -> String {
    let body = json!({ "s": SEARCH_ORDER, "c": closeness, "v": rank, "id": id.to_string() });
    URL_SAFE_NO_PAD.encode(body.to_string())
}

fn decode_search_cursor(text: &str) -> Result<Cursor, Problem> {
    const BAD: Problem = Problem::BadSearchCursor;
    let bytes = URL_SAFE_NO_PAD.decode(text.trim()).map_err(|_| BAD)?;
    let body: Value = serde_json::from_slice(&bytes).map_err(|_| BAD)?;
    if body.get("s").and_then(Value::as_str) != Some(SEARCH_ORDER) {
        return Err(Problem::CursorOtherSort);
    }
    let id = body
        .get("id")
        .and_then(Value::as_str)
        .and_then(|s| Uuid::parse_str(s).ok())
        .ok_or(BAD)?;
    let rank = body.get("v").and_then(Value::as_i64).ok_or(BAD)?;
    let closeness = match body.get("c") {
        None => 0,
        Some(c) => c.as_u64().and_then(|c| u8::try_from(c).ok()).ok_or(BAD)?,
    };
    Ok(Cursor {
        value: Some(Scalar::Int(rank)),
        id,
        closeness,
    })
}

fn decode_cursor(text: &str, sort: &Sort) -> Result<Cursor, Problem> {
    const BAD: Problem = Problem::BadCursor;
    let bytes = URL_SAFE_NO_PAD.decode(text.trim()).map_err(|_| BAD)?;
    let body: Value = serde_json::from_slice(&bytes).map_err(|_| BAD)?;
    if body.get("s").and_then(Value::as_str) != Some(sort.param().as_str()) {
        return Err(Problem::CursorOtherSort);
    }
    let id = body
        .get("id")
        .and_then(Value::as_str)
        .and_then(|s| Uuid::parse_str(s).ok())
        .ok_or(BAD)?;
    let value = match body.get("v") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(scalar(sort.field, s).map_err(|_| BAD)?),
        Some(Value::Number(n)) if sort.field.ty == FieldType::Int => {
            Some(Scalar::Int(n.as_i64().ok_or(BAD)?))
        }
        Some(Value::Bool(b)) if sort.field.ty == FieldType::Bool => Some(Scalar::Bool(*b)),
        Some(_) => return Err(BAD),
    };
    Ok(Cursor {
        value,
        id,
        closeness: 0,
    })
}

impl Cursor {
    pub fn value_json(&self) -> Value {
        self.value.as_ref().map_or(Value::Null, Scalar::to_json)
    }
}

/// Splits a search text into the words the full-text index matches by prefix.
///
/// Only letters and digits survive, so the words can go into FTS5 and tsquery syntax
/// without any of their operators.
pub fn search_terms(q: &str) -> Vec<String> {
    q.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(12)
        .map(str::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn parses_filters_sort_and_limit() {
        let q = ListQuery::parse(
            Entity::Contact,
            &pairs(&[
                ("filter[last_name]", "Berg"),
                ("filter[created_at][gte]", "2026-01-01"),
                ("filter[lifecycle_stage][in]", "lead,customer"),
                ("filter[company_id][is_null]", "true"),
                ("sort", "-last_name"),
                ("limit", "20"),
                ("q", " anna "),
            ]),
        )
        .unwrap();
        assert_eq!(q.limit, 20);
        assert_eq!(q.sort.field.name, "last_name");
        assert!(q.sort.descending);
        assert_eq!(q.q.as_deref(), Some("anna"));
        assert_eq!(q.filters.len(), 4);
        assert_eq!(q.filters[0].op, Op::Eq);
        assert_eq!(
            q.filters[1].operand,
            Operand::One(Scalar::Time("2026-01-01T00:00:00.000000Z".into()))
        );
        assert_eq!(
            q.filters[2].operand.clone(),
            Operand::Many(vec![
                Scalar::Text("lead".into()),
                Scalar::Text("customer".into())
            ])
        );
    }

    #[test]
    fn rejects_what_is_not_allowlisted() {
        for (k, v) in [
            ("filter[password_hash]", "x"),
            ("filter[custom]", "x"),
            ("filter[name];drop", "x"),
            ("filter[email][like]", "x"),
            ("filter[company_id]", "not-an-id"),
            ("filter[created_at][gt]", "soon"),
            ("filter[tags][lt]", "a"),
            ("sort", "custom"),
            ("sort", "email; drop table contacts"),
            ("limit", "0"),
            ("limit", "501"),
            ("cursor", "%%%"),
            ("colour", "red"),
        ] {
            let err = ListQuery::parse(Entity::Contact, &pairs(&[(k, v)])).unwrap_err();
            assert_eq!(err.0.len(), 1, "{k}={v}");
        }
    }

    #[test]
    fn cursors_round_trip_and_bind_to_their_sort() {
        let q = ListQuery::parse(Entity::Contact, &pairs(&[("sort", "last_name")])).unwrap();
        let id = Uuid::now_v7();
        let text = encode_cursor(&q.sort, &json!("Berg"), id);
        let again = ListQuery::parse(
            Entity::Contact,
            &pairs(&[("sort", "last_name"), ("cursor", &text)]),
        )
        .unwrap();
        assert_eq!(
            again.cursor,
            Some(Cursor {
                value: Some(Scalar::Text("Berg".into())),
                id,
                closeness: 0,
            })
        );
        assert!(ListQuery::parse(Entity::Contact, &pairs(&[("cursor", &text)])).is_err());
    }

    #[test]
    fn search_terms_hold_only_words() {
        assert_eq!(search_terms("Ånna \"OR\" * -x"), vec!["ånna", "or", "x"]);
        assert!(search_terms("*:&|!()").is_empty());
    }

    proptest! {
        #[test]
        fn parser_never_panics(key in "(filter\\[[a-z_\\[\\]]{0,20}|sort|limit|cursor|q|[a-z]{1,6})", value in ".{0,40}") {
            let _ = ListQuery::parse(Entity::Contact, &[(key, value)]);
        }

        #[test]
        fn accepted_filters_name_only_allowlisted_fields(
            name in "[a-z_]{1,16}", op in "(eq|ne|lt|lte|gt|gte|contains|in|is_null|x)", value in "[a-z0-9,:-]{0,20}"
        ) {
            let key = format!("filter[{name}][{op}]");
            if let Ok(q) = ListQuery::parse(Entity::Company, &[(key, value)]) {
                for f in &q.filters {
                    prop_assert!(Entity::Company.fields().any(|a| std::ptr::eq(a, f.field) && a.filter));
                }
            }
        }

        #[test]
        fn search_terms_are_alphanumeric(q in ".{0,60}") {
            for t in search_terms(&q) {
                prop_assert!(t.chars().all(char::is_alphanumeric));
            }
        }
    }
}
