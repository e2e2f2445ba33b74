//! The IDX format of MNIST and Fashion-MNIST: a big-endian header, then raw bytes.
//!
//! Images: magic `0x00000803`, count, rows, cols, then `count * rows * cols` bytes.
//! Labels: magic `0x00000801`, count, then `count` bytes.
//! Every header field is validated (and the length checked against the file) before the
//! payload is allocated.

use std::io::Read;

use super::source::{check_ceiling, declared_len, decoded_reader, expect_end, max_decoded_len, read_exact_or};
use super::{DataError, ImageShape};

pub const IMAGES_MAGIC: u32 = 0x0000_0803;
pub const LABELS_MAGIC: u32 = 0x0000_0801;
/// The number of classes the lab works with (digits, Fashion-MNIST, CIFAR-10).
pub const NUM_CLASSES: u8 = 10;
const MAX_COUNT: u64 = 10_000_000;
const MAX_SIDE: u64 = 256;

/// What an IDX file holds.
#[derive(Debug, Clone, PartialEq)]
pub enum IdxFile {
    Images { shape: ImageShape, pixels: Vec<u8>, count: usize },
    Labels(Vec<u8>),
}

/// The magic number of a raw or gzip IDX file, if at least its first 4 bytes decode.
pub fn peek_magic(bytes: &[u8]) -> Option<u32> {
    let mut head = [0u8; 4];
    decoded_reader(bytes).read_exact(&mut head).ok()?;
    Some(u32::from_be_bytes(head))
}

/// Parse an IDX image or label file, raw or gzip.
pub fn parse_idx(file: &str, bytes: &[u8]) -> Result<IdxFile, DataError> {
    if bytes.is_empty() {
        return Err(DataError::Empty { file: file.into() });
    }
    let mut reader = decoded_reader(bytes);
    let magic = read_u32s::<1>(&mut *reader, file, 4)?[0] as u32;
    match magic {
        IMAGES_MAGIC => {
            let [count, rows, cols] = read_u32s::<3>(&mut *reader, file, 16)?;
            check_range(file, "image count", count, 1, MAX_COUNT)?;
            check_range(file, "rows", rows, 1, MAX_SIDE)?;
            check_range(file, "columns", cols, 1, MAX_SIDE)?;
            let payload = count * rows * cols;
            let total = 16 + payload;
            check_declared(file, bytes, total)?;
            let mut pixels = vec![0u8; payload as usize];
            read_exact_or(&mut *reader, &mut pixels, file, total, 16)?;
            expect_end(&mut *reader, file, total)?;
            let shape = ImageShape { channels: 1, height: rows as usize, width: cols as usize };
            Ok(IdxFile::Images { shape, pixels, count: count as usize })
        }
        LABELS_MAGIC => {
            let [count] = read_u32s::<1>(&mut *reader, file, 8)?;
            check_range(file, "label count", count, 1, MAX_COUNT)?;
            let total = 8 + count;
            check_declared(file, bytes, total)?;
            let mut labels = vec![0u8; count as usize];
            read_exact_or(&mut *reader, &mut labels, file, total, 8)?;
            expect_end(&mut *reader, file, total)?;
            check_labels(file, &labels)?;
            Ok(IdxFile::Labels(labels))
        }
        other => Err(DataError::BadMagic { file: file.into(), magic: other }),
    }
}

/// Fail on the first label that is not one of the lab's [`NUM_CLASSES`] classes.
pub fn check_labels(file: &str, labels: &[u8]) -> Result<(), DataError> {
    match labels.iter().position(|&l| l >= NUM_CLASSES) {
        Some(index) => Err(DataError::BadLabel {
            file: file.into(),
            index,
            label: labels[index],
            max: NUM_CLASSES - 1,
        }),
        None => Ok(()),
    }
}

fn read_u32s<const N: usize>(
    reader: &mut dyn Read,
    file: &str,
    header_len: usize,
) -> Result<[u64; N], DataError> {
    let mut raw = [0u8; 16];
    let buf = &mut raw[..4 * N];
    let mut filled = 0;
    while filled < buf.len() {
        match reader.read(&mut buf[filled..]) {
            Ok(0) => {
                let have = header_len - 4 * N + filled;
                return Err(DataError::ShortHeader { file: file.into(), have, need: header_len });
            }
            Ok(n) => filled += n,
            Err(e) => return Err(DataError::Gzip { file: file.into(), reason: e.to_string() }),
        }
    }
    let mut out = [0u64; N];
    for (i, chunk) in buf.chunks_exact(4).enumerate() {
        out[i] = u32::from_be_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]) as u64;
    }
    Ok(out)
}

fn check_range(file: &str, what: &'static str, value: u64, min: u64, max: u64) -> Result<(), DataError> {
    if (min..=max).contains(&value) {
        Ok(())
    } else {
        Err(DataError::OutOfRange { file: file.into(), what, value, min, max })
    }
}

/// Compare the header's promised length with the file's own (the gzip trailer's size, which
/// is modulo 2^32) and with the ceiling, before anything is allocated.
pub(super) fn check_declared(file: &str, bytes: &[u8], total: u64) -> Result<(), DataError> {
    check_ceiling(file, total)?;
    let declared = declared_len(bytes);
    if declared != total % (1 << 32) || total > max_decoded_len(bytes) {
        return Err(DataError::LengthMismatch { file: file.into(), expected: total, actual: declared });
    }
    Ok(())
}
