//! `Settings::from_query` on arbitrary text, and the round trip
//! `Settings::from_query(&s.to_query()).0 == s` (with no warnings) for whatever it parsed.
#![no_main]

use libfuzzer_sys::fuzz_target;
use replab_fuzz::lab::settings::Settings;

fuzz_target!(|data: &[u8]| {
    let query = String::from_utf8_lossy(data);
    let (s, _warnings) = Settings::from_query(&query);
    assert!(s.hp.problems().is_empty(), "from_query kept out-of-range values: {:?}", s.hp.problems());
    let text = s.to_query();
    let (back, warnings) = Settings::from_query(&text);
    assert_eq!(back, s, "round trip through {text:?}");
    assert!(warnings.is_empty(), "{text:?} warns: {warnings:?}");
    // Also with a leading '?', as read from `location.search`.
    assert_eq!(Settings::from_query(&format!("?{text}")).0, s);
});
