//! Feeds arbitrary JSON bodies to record validation: it must never panic, and what it
//! accepts must validate again unchanged (normalisation is idempotent).
#![no_main]

use libfuzzer_sys::fuzz_target;
use rapport_core::entity::ALL;
use rapport_core::validate::{Mode, input};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, body)) = data.split_first() else { return };
    let entity = ALL[selector as usize % ALL.len()];
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(body) else { return };
    for mode in [Mode::Create, Mode::Update] {
        if let Ok(fields) = input(entity, &value, mode, &[]) {
            let again = input(entity, &serde_json::Value::Object(fields.clone()), mode, &[]);
            assert_eq!(again.ok(), Some(fields));
        }
    }
});
