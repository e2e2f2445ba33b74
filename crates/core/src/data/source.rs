//! Raw or gzip-wrapped bytes, read with a hard ceiling so no header can make us allocate wildly.

use std::io::Read;

use flate2::read::GzDecoder;

use super::DataError;

/// The largest decompressed file the lab accepts (the full CIFAR-10 training set is 153 MB).
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// Why a file of `bytes` bytes named `name` is refused before a byte of it is read: larger
/// than the lab reads (a file that size would be held in several copies on its way to the
/// worker, and could not be parsed anyway).
pub fn refused_by_size(name: &str, bytes: f64) -> Option<String> {
    let limit = MAX_FILE_BYTES as f64;
    (bytes > limit).then(|| {
        format!(
            "{name} is {:.0} MB, more than the {:.0} MB the lab reads from one file (the whole CIFAR-10 archive is 163 MB).",
            bytes / 1e6,
            limit / 1e6
        )
    })
}

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// Whether `bytes` start like a gzip stream.
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&GZIP_MAGIC)
}

/// A reader over the decoded content of `bytes` (gunzipped when it is gzip), capped at
/// [`MAX_FILE_BYTES`] + 1 so that an oversize stream is noticed without reading all of it.
pub fn decoded_reader(bytes: &[u8]) -> Box<dyn Read + '_> {
    if is_gzip(bytes) {
        Box::new(GzDecoder::new(bytes).take(MAX_FILE_BYTES + 1))
    } else {
        Box::new(bytes.take(MAX_FILE_BYTES + 1))
    }
}

/// The decoded length a gzip trailer declares (modulo 2^32), or the raw length.
/// Used only as a cheap plausibility check before large allocations.
pub fn declared_len(bytes: &[u8]) -> u64 {
    if is_gzip(bytes) && bytes.len() >= 18 {
        let t = &bytes[bytes.len() - 4..];
        u32::from_le_bytes([t[0], t[1], t[2], t[3]]) as u64
    } else {
        bytes.len() as u64
    }
}

/// The most `bytes` can decode to: deflate expands at most 1032-fold (a 258-byte match per
/// 2 bits), so a gzip trailer claiming more lies; raw bytes are their own length. Bounds
/// allocations by the input's size, not only by [`MAX_FILE_BYTES`].
pub fn max_decoded_len(bytes: &[u8]) -> u64 {
    if is_gzip(bytes) { bytes.len() as u64 * 1032 } else { bytes.len() as u64 }
}

/// Refuse a decoded size above [`MAX_FILE_BYTES`].
pub fn check_ceiling(file: &str, total: u64) -> Result<(), DataError> {
    if total > MAX_FILE_BYTES {
        return Err(DataError::OutOfRange {
            file: file.into(),
            what: "decoded size in bytes",
            value: total,
            min: 1,
            max: MAX_FILE_BYTES,
        });
    }
    Ok(())
}

/// Read exactly `buf.len()` bytes, turning a short stream into a typed error.
pub fn read_exact_or(
    reader: &mut dyn Read,
    buf: &mut [u8],
    file: &str,
    expected_total: u64,
    already: u64,
) -> Result<(), DataError> {
    let mut filled = 0;
    while filled < buf.len() {
        match reader.read(&mut buf[filled..]) {
            Ok(0) => {
                return Err(DataError::LengthMismatch {
                    file: file.into(),
                    expected: expected_total,
                    actual: already + filled as u64,
                });
            }
            Ok(n) => filled += n,
            Err(e) => return Err(DataError::Gzip { file: file.into(), reason: e.to_string() }),
        }
    }
    Ok(())
}

/// Fail unless the reader is at its end (trailing bytes mean the header lied).
pub fn expect_end(reader: &mut dyn Read, file: &str, expected_total: u64) -> Result<(), DataError> {
    let mut probe = [0u8; 4096];
    let mut extra = 0u64;
    loop {
        match reader.read(&mut probe) {
            Ok(0) => break,
            Ok(n) => extra += n as u64,
            Err(e) => return Err(DataError::Gzip { file: file.into(), reason: e.to_string() }),
        }
        if extra > MAX_FILE_BYTES {
            break;
        }
    }
    if extra == 0 {
        Ok(())
    } else {
        Err(DataError::LengthMismatch {
            file: file.into(),
            expected: expected_total,
            actual: expected_total + extra,
        })
    }
}
