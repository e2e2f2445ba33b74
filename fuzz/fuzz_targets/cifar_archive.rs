//! `parse_cifar_archive` (the CIFAR-10 binary archive: tar, raw or gzip) on arbitrary bytes.
//!
//! The first byte picks the mode (`mode % 4`, decoded by `replab_fuzz::cifar_archive_from`);
//! the rest is the payload:
//! 0. the payload as it is (raw tar, or gzip when it starts with the gzip magic);
//! 1. the payload gzipped (level = `mode >> 4`): accepted exactly when the raw payload is, with
//!    the same sets (differential check raw vs gzip);
//! 2. the payload with every 512-byte block that is not all zeros given a correct tar header
//!    checksum (`replab_fuzz::seal_tar_blocks`), so that mutations reach past the checksum;
//! 3. as 2, then gzipped.
#![no_main]

use libfuzzer_sys::fuzz_target;
use replab_fuzz::lab::data::{ImageShape, parse_cifar_archive};
use replab_fuzz::{check_set, cifar_archive_from};

const MAGIC: [u8; 2] = [0x1f, 0x8b];

fuzz_target!(|data: &[u8]| {
    let Some(bytes) = cifar_archive_from(data) else { return };
    let parsed = parse_cifar_archive("fuzz.tar.gz", &bytes);
    if let Ok((train, test)) = &parsed {
        for set in [train, test] {
            assert_eq!(set.shape, ImageShape::CIFAR);
            assert!(!set.is_empty());
            check_set(set);
        }
    }
    // Honest gzip of a payload that is not itself gzip: the same result as the raw payload.
    let (mode, rest) = (data[0], &data[1..]);
    if mode % 4 == 1 && !rest.starts_with(&MAGIC) {
        assert_eq!(
            parsed.as_ref().ok(),
            parse_cifar_archive("fuzz.tar.gz", rest).as_ref().ok(),
            "gzip and raw disagree"
        );
    }
});
