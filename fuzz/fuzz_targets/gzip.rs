//! The gzip wrapper (`crates/core/src/data/source.rs`: `decoded_reader`, `declared_len`, the ceiling),
//! which is private, reached through `parse_idx` and `parse_cifar`.
//!
//! The first byte picks the mode (`mode % 4`); the rest is the payload:
//! 0. gzip the payload honestly (level = `mode >> 4`): both parsers must accept it exactly when
//!    they accept the raw payload, with the same result (differential check raw vs gzip).
//! 1. gzip the payload, then overwrite the trailer's size (ISIZE) with the payload's first
//!    4 bytes: a lying trailer must never make a parser accept a wrong length or allocate wildly.
//! 2. the gzip magic followed by the raw payload: malformed gzip headers and deflate streams.
//! 3. gzip the payload, then XOR one byte of the stream (position and mask from the payload's
//!    first 3 bytes): corrupted headers, blocks, CRC and trailer.
#![no_main]

use libfuzzer_sys::fuzz_target;
use replab_fuzz::lab::data::{parse_cifar, parse_idx};
use replab_fuzz::{check_idx, check_set, gzip};

const MAGIC: [u8; 2] = [0x1f, 0x8b];

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    let level = (mode >> 4) as u32;
    let bytes = match mode % 4 {
        0 => gzip(rest, level),
        1 => {
            let mut gz = gzip(rest, level);
            let n = gz.len();
            let mut size = [0u8; 4];
            for (d, s) in size.iter_mut().zip(rest) {
                *d = *s;
            }
            gz[n - 4..].copy_from_slice(&size);
            gz
        }
        2 => [&MAGIC[..], rest].concat(),
        _ => {
            let mut gz = gzip(rest, level);
            if let [a, b, mask, ..] = rest {
                let at = u16::from_le_bytes([*a, *b]) as usize % gz.len();
                gz[at] ^= *mask;
            }
            gz
        }
    };
    let idx = parse_idx("fuzz.idx.gz", &bytes);
    let cifar = parse_cifar("fuzz.bin.gz", &bytes);
    if let Ok(f) = &idx {
        check_idx(f);
    }
    if let Ok(s) = &cifar {
        check_set(s);
    }
    // Honest gzip of a payload that is not itself gzip: must decode to the same as the raw bytes.
    if mode % 4 == 0 && !rest.is_empty() && !rest.starts_with(&MAGIC) {
        assert_eq!(idx, parse_idx("fuzz.idx.gz", rest), "idx: gzip and raw disagree");
        assert_eq!(
            cifar.as_ref().ok(),
            parse_cifar("fuzz.bin.gz", rest).as_ref().ok(),
            "cifar: gzip and raw disagree"
        );
    }
});
