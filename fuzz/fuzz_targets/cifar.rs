//! `parse_cifar` on arbitrary bytes (raw, or gzip when they start with the gzip magic).
#![no_main]

use libfuzzer_sys::fuzz_target;
use replab_fuzz::check_set;
use replab_fuzz::lab::data::{ImageShape, parse_cifar};

fuzz_target!(|data: &[u8]| {
    if let Ok(set) = parse_cifar("fuzz.bin", data) {
        assert_eq!(set.shape, ImageShape::CIFAR);
        check_set(&set);
    }
});
