//! The CIFAR-10 binary format: records of 1 label byte + 1024 R + 1024 G + 1024 B bytes.

use std::io::Read;

use super::idx::check_labels;
use super::source::{MAX_FILE_BYTES, check_ceiling, decoded_reader};
use super::{DataError, ImageSet, ImageShape};

pub const RECORD_BYTES: usize = 1 + 3 * 32 * 32;

/// Parse a CIFAR-10 binary batch, raw or gzip.
pub fn parse_cifar(file: &str, bytes: &[u8]) -> Result<ImageSet, DataError> {
    if bytes.is_empty() {
        return Err(DataError::Empty { file: file.into() });
    }
    let declared = super::source::declared_len(bytes);
    // The raw length (or the gzip trailer's, exact below 4 GiB) must already be whole records
    // within the ceiling: checked before decompressing anything. A trailer that lies fails
    // gzip's own check, and the reader stops at the ceiling regardless.
    if declared == 0 || !declared.is_multiple_of(RECORD_BYTES as u64) || declared > MAX_FILE_BYTES {
        return Err(DataError::CifarLength { file: file.into(), len: declared });
    }
    let mut decoded = Vec::with_capacity(declared.min(super::source::max_decoded_len(bytes)) as usize);
    decoded_reader(bytes)
        .read_to_end(&mut decoded)
        .map_err(|e| DataError::Gzip { file: file.into(), reason: e.to_string() })?;
    let len = decoded.len() as u64;
    check_ceiling(file, len)?;
    if len == 0 || !len.is_multiple_of(RECORD_BYTES as u64) {
        return Err(DataError::CifarLength { file: file.into(), len });
    }
    let count = decoded.len() / RECORD_BYTES;
    let mut labels = Vec::with_capacity(count);
    let mut pixels = Vec::with_capacity(count * (RECORD_BYTES - 1));
    for record in decoded.chunks_exact(RECORD_BYTES) {
        labels.push(record[0]);
        pixels.extend_from_slice(&record[1..]);
    }
    check_labels(file, &labels)?;
    Ok(ImageSet { shape: ImageShape::CIFAR, pixels, labels })
}
