//! Shared code of the fuzz targets.
//!
//! `lab` is the lab's burn-free core crate (`crates/core`): the targets fuzz the very parsers
//! the app runs, without building burn.

pub use replab_core as lab;

use std::io::Write;

use flate2::Compression;
use flate2::write::GzEncoder;
use lab::data::{Dataset, IdxFile, ImageSet, NUM_CLASSES};

/// `bytes` gzip-compressed at `level` (0..=9).
pub fn gzip(bytes: &[u8], level: u32) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::new(level.min(9)));
    enc.write_all(bytes).expect("writing to a Vec");
    enc.finish().expect("writing to a Vec")
}

/// The file names the `user_files` target picks from (index = name byte mod 8): IDX train and
/// test (`t10k`, `test`) images and labels, CIFAR batches, and an unrelated name.
pub const USER_FILE_NAMES: [&str; 8] = [
    "train-images-idx3-ubyte",
    "train-labels-idx1-ubyte",
    "t10k-images-idx3-ubyte",
    "t10k-labels-idx1-ubyte",
    "data_batch_1.bin",
    "test_batch.bin",
    "my-TEST-labels",
    "notes.txt",
];

/// Decode the `user_files` input: records of `[flags u8][name u8][len u16 LE][len bytes]`.
/// `flags & 1`: gzip the bytes (level `flags >> 4`). At most 6 files; a cut-short last record
/// keeps what is there.
pub fn user_files_from(mut data: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    while data.len() >= 4 && files.len() < 6 {
        let (flags, name, len) = (data[0], data[1], u16::from_le_bytes([data[2], data[3]]) as usize);
        data = &data[4..];
        let body = &data[..len.min(data.len())];
        data = &data[body.len()..];
        let bytes = if flags & 1 == 1 { gzip(body, (flags >> 4) as u32) } else { body.to_vec() };
        files.push((USER_FILE_NAMES[name as usize % USER_FILE_NAMES.len()].to_string(), bytes));
    }
    files
}

/// Encode files for [`user_files_from`] (used to write seeds).
pub fn user_files_to(files: &[(u8, u8, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    for &(flags, name, body) in files {
        out.extend_from_slice(&[flags, name]);
        out.extend_from_slice(&(body.len() as u16).to_le_bytes());
        out.extend_from_slice(body);
    }
    out
}

/// Decode the `cifar_archive` input `[mode][payload]` (see `fuzz_targets/cifar_archive.rs`):
/// mode % 4 = 0 the payload, 1 it gzipped (level `mode >> 4`), 2 it with every block sealed by
/// [`seal_tar_blocks`], 3 sealed then gzipped. `None` for an empty input.
pub fn cifar_archive_from(data: &[u8]) -> Option<Vec<u8>> {
    let (&mode, rest) = data.split_first()?;
    let level = (mode >> 4) as u32;
    let sealed = || {
        let mut tar = rest.to_vec();
        seal_tar_blocks(&mut tar);
        tar
    };
    Some(match mode % 4 {
        0 => rest.to_vec(),
        1 => gzip(rest, level),
        2 => sealed(),
        _ => gzip(&sealed(), level),
    })
}

/// Give every whole 512-byte block of `tar` that is not all zeros a correct tar header
/// checksum: the sum of its bytes with the checksum field (bytes 148..156) counted as spaces,
/// written as 6 octal digits, NUL, space. Lets the `cifar_archive` target's mutations reach the
/// parser past the checksum check (data blocks are changed too: harmless).
pub fn seal_tar_blocks(tar: &mut [u8]) {
    for block in tar.chunks_exact_mut(512).filter(|b| b.iter().any(|&x| x != 0)) {
        block[148..156].fill(b' ');
        let sum: u32 = block.iter().map(|&b| u32::from(b)).sum();
        block[148..156].copy_from_slice(format!("{sum:06o}\0 ").as_bytes());
    }
}

/// What every accepted image set must satisfy.
pub fn check_set(set: &ImageSet) {
    assert!(!set.shape.is_empty());
    assert_eq!(set.pixels.len(), set.labels.len() * set.shape.len());
    assert!(set.labels.iter().all(|&l| l < NUM_CLASSES));
}

/// What every accepted IDX file must satisfy.
pub fn check_idx(file: &IdxFile) {
    match file {
        IdxFile::Images { shape, pixels, count } => {
            assert!(*count >= 1 && shape.channels == 1 && !shape.is_empty());
            assert_eq!(pixels.len(), count * shape.len());
        }
        IdxFile::Labels(labels) => {
            assert!(!labels.is_empty());
            assert!(labels.iter().all(|&l| l < NUM_CLASSES));
        }
    }
}

/// What every model card the lab reads must satisfy: its settings are judged (in range or a
/// list of problems) without a panic, and the card written back reads as the same card, with
/// the same verdict. Returns whether the card was read and found in range.
pub fn check_card(text: &str) -> bool {
    let Ok(card) = lab::export::ModelCard::from_json(text) else { return false };
    let problems = card.hp.problems();
    let json = card.to_json();
    let back = lab::export::ModelCard::from_json(&json).unwrap_or_else(|e| panic!("{json} does not read back: {e}"));
    assert_eq!(back.to_json(), json, "round trip");
    assert_eq!(back.hp.problems(), problems);
    problems.is_empty()
}

/// What every accepted dataset must satisfy.
pub fn check_dataset(d: &Dataset) {
    check_set(&d.train);
    check_set(&d.test);
    assert_eq!(d.train.shape, d.test.shape);
    assert!(!d.train.is_empty() && !d.test.is_empty());
}

#[cfg(test)]
mod tests;
