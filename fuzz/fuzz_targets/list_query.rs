//! Feeds arbitrary query strings to the list-query parser: it must never panic, and what it
//! accepts must name only allowlisted fields and produce cursors it accepts again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rapport_core::entity::ALL;
use rapport_core::query::{ListQuery, encode_cursor};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (selector, query) = text.split_at(text.len().min(1));
    let entity = ALL[selector.bytes().next().unwrap_or(0) as usize % ALL.len()];
    let pairs: Vec<(String, String)> = query
        .split('&')
        .map(|kv| match kv.split_once('=') {
            Some((k, v)) => (k.to_string(), v.to_string()),
            None => (kv.to_string(), String::new()),
        })
        .collect();
    if let Ok(parsed) = ListQuery::parse(entity, &pairs) {
        for filter in &parsed.filters {
            assert!(entity.fields().any(|f| std::ptr::eq(f, filter.field) && f.filter));
        }
        assert!(parsed.sort.field.sort);
        assert!((1..=500).contains(&parsed.limit));
        let cursor = encode_cursor(&parsed.sort, &serde_json::Value::Null, uuid_nil());
        let again = vec![("sort".to_string(), parsed.sort.param()), ("cursor".to_string(), cursor)];
        assert!(ListQuery::parse(entity, &again).is_ok());
    }
});

fn uuid_nil() -> uuid::Uuid {
    uuid::Uuid::nil()
}
