//! `parse_idx` on arbitrary bytes (raw, or gzip when they start with the gzip magic).
#![no_main]

use libfuzzer_sys::fuzz_target;
use replab_fuzz::check_idx;
use replab_fuzz::lab::data::parse_idx;

fuzz_target!(|data: &[u8]| {
    if let Ok(file) = parse_idx("fuzz.idx", data) {
        check_idx(&file);
    }
});
