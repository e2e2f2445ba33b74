//! The one error type of every parser of user-supplied data.

use thiserror::Error;

/// Why a data file was refused. Every variant names what was wrong in words a user can act on.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum DataError {
    #[error("{file}: the file is empty")]
    Empty { file: String },
    #[error("{file}: not a valid gzip stream ({reason})")]
    Gzip { file: String, reason: String },
    #[error("{file}: unknown magic number 0x{magic:08x} (expected an IDX image file 0x00000803 or label file 0x00000801)")]
    BadMagic { file: String, magic: u32 },
    #[error("{file}: header is cut short ({have} of {need} bytes)")]
    ShortHeader { file: String, have: usize, need: usize },
    #[error("{file}: {what} {value} is outside the accepted range {min}..={max}")]
    OutOfRange { file: String, what: &'static str, value: u64, min: u64, max: u64 },
    #[error("{file}: the header promises {expected} bytes of data but the file holds {actual}")]
    LengthMismatch { file: String, expected: u64, actual: u64 },
    #[error("{file}: label {label} at index {index} is not a class (0..={max})")]
    BadLabel { file: String, index: usize, label: u8, max: u8 },
    #[error("{file}: a CIFAR-10 file is a whole number of 3073-byte records, but it holds {len} bytes")]
    CifarLength { file: String, len: u64 },
    #[error("{images} images but {labels} labels: the two files do not belong together")]
    CountMismatch { images: usize, labels: usize },
    #[error("{0}")]
    Incomplete(String),
}
