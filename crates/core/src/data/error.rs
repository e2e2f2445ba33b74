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
    #[error("{file}: the archive is cut short inside {within}: the file is probably an incomplete download; download it again")]
    ArchiveTruncated { file: String, within: String },
    #[error("{file}: the tar header at byte {offset} does not match its checksum: the file is not a tar archive, or it is damaged; download it again")]
    TarChecksum { file: String, offset: u64 },
    #[error("{file}: the size in the tar header at byte {offset} is not an octal number: the archive is damaged; download it again")]
    TarSize { file: String, offset: u64 },
    #[error("{file}: the archive holds no {member}: it is not the CIFAR-10 binary archive (use cifar-10-binary.tar.gz; the Python and MATLAB versions are not read)")]
    ArchiveMissing { file: String, member: &'static str },
    #[error("{archive} is a whole CIFAR-10 archive (training and test images): load it on its own, without {}", the_other_files(*others))]
    ArchiveNotAlone { archive: String, others: usize },
    #[error("{0}")]
    Incomplete(String),
}

/// "the other file" / "the other 3 files", for [`DataError::ArchiveNotAlone`].
fn the_other_files(others: usize) -> String {
    match others {
        1 => "the other file".into(),
        n => format!("the other {n} files"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn archive_not_alone_counts_the_other_files_in_words() {
        let one = DataError::ArchiveNotAlone { archive: "cifar-10-binary.tar.gz".into(), others: 1 };
        assert!(one.to_string().ends_with("load it on its own, without the other file"), "{one}");
        let three = DataError::ArchiveNotAlone { archive: "cifar-10-binary.tar.gz".into(), others: 3 };
        assert!(three.to_string().ends_with("without the other 3 files"), "{three}");
    }
}
