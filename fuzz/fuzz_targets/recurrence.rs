//! Feeds arbitrary text to the recurrence readers, as an RRULE and as JSON: they must
//! never panic, what they accept must read back as itself from both forms, and its
//! occurrences must rise and agree with `next_after`.
#![no_main]

use jiff::Timestamp;
use jiff::tz::TimeZone;
use libfuzzer_sys::fuzz_target;
use rapport_core::recurrence::{Recurrence, next_after, occurrences};

const ZONES: [&str; 4] = ["Europe/Oslo", "America/New_York", "Pacific/Apia", "UTC"];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let json = serde_json::from_str(text).ok();
    let rule = match (Recurrence::from_rrule(text), json) {
        (Ok(rule), _) => rule,
        (Err(_), Some(value)) => match Recurrence::from_json(&value) {
            Ok(rule) => rule,
            Err(_) => return,
        },
        (Err(_), None) => return,
    };
    assert_eq!(Recurrence::from_rrule(&rule.to_rrule()).as_ref(), Ok(&rule));
    assert_eq!(Recurrence::from_json(&rule.to_json()).as_ref(), Ok(&rule));

    // The start and the zone come from the input too, so that each run tries others.
    let seed = data
        .iter()
        .fold(0i64, |h, b| h.wrapping_mul(31).wrapping_add(i64::from(*b)));
    let tz = TimeZone::get(ZONES[seed.rem_euclid(4) as usize]).unwrap_or(TimeZone::UTC);
    let start =
        Timestamp::from_second(seed.rem_euclid(4_000_000_000)).unwrap_or(Timestamp::UNIX_EPOCH);
    let found = occurrences(&rule, start, start, Timestamp::MAX, &tz, 50);
    assert_eq!(found.first(), Some(&start));
    assert!(found.windows(2).all(|w| w[0] < w[1]));
    for pair in found.windows(2) {
        assert_eq!(next_after(&rule, start, pair[0], &tz), Some(pair[1]));
    }
});
