//! Assemble a dataset from files the user picked or dropped (e.g. the full 60k MNIST).

use super::catalog::idx_pair;
use super::idx::peek_magic;
use super::{DataError, Dataset, DatasetId, IMAGES_MAGIC, ImageSet, LABELS_MAGIC};
use super::{is_tar_archive, parse_cifar, parse_cifar_archive};

/// Which part of a dataset a file is, judged from its name and first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Images,
    Labels,
    Cifar,
}

fn is_test_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.contains("t10k") || lower.contains("test")
}

/// A file without an IDX magic number is tried as CIFAR, whose parser then explains what is
/// wrong with it.
fn role_of(bytes: &[u8]) -> Role {
    match peek_magic(bytes) {
        Some(IMAGES_MAGIC) => Role::Images,
        Some(LABELS_MAGIC) => Role::Labels,
        _ => Role::Cifar,
    }
}

/// Build a dataset from `(file name, bytes)` pairs: IDX image + label files, CIFAR-10 binary
/// batches, or the CIFAR-10 binary archive (`cifar-10-binary.tar.gz`, any file that
/// [`is_tar_archive`]) on its own, which holds both splits. Otherwise files whose names contain
/// `t10k` or `test` form the test split; when there are none, the last sixth of the training
/// files is held out.
pub fn dataset_from_files(files: &[(String, Vec<u8>)]) -> Result<Dataset, DataError> {
    if files.is_empty() {
        return Err(DataError::Incomplete("no files were given".into()));
    }
    if let Some(archive) = files.iter().find(|(name, bytes)| is_tar_archive(name, bytes)) {
        return archive_dataset(files, archive);
    }
    let mut splits: [Vec<(&str, &[u8], Role)>; 2] = [Vec::new(), Vec::new()];
    for (name, bytes) in files {
        if bytes.is_empty() {
            return Err(DataError::Empty { file: name.clone() });
        }
        splits[is_test_name(name) as usize].push((name, bytes, role_of(bytes)));
    }
    let train = split_set(&splits[0], "training")?
        .ok_or_else(|| DataError::Incomplete("no training files: name test files with 't10k' or 'test', and give training files too".into()))?;
    match split_set(&splits[1], "test")? {
        Some(test) => Dataset::new(DatasetId::User, train, test),
        None => {
            if train.len() < 2 {
                return Err(DataError::Incomplete("need at least 2 images to hold some out for testing".into()));
            }
            let cut = train.len() - (train.len() / 6).max(1);
            let test = train.slice(cut..train.len());
            Dataset::new(DatasetId::User, train.slice(0..cut), test)
        }
    }
}

/// The dataset of a CIFAR-10 archive, which must come alone (it already holds both splits).
fn archive_dataset(files: &[(String, Vec<u8>)], (name, bytes): &(String, Vec<u8>)) -> Result<Dataset, DataError> {
    if files.len() > 1 {
        return Err(DataError::ArchiveNotAlone { archive: name.clone(), others: files.len() - 1 });
    }
    let (train, test) = parse_cifar_archive(name, bytes)?;
    Dataset::new(DatasetId::User, train, test)
}

/// One split's files as one set: either one IDX images + labels pair, or CIFAR batches.
fn split_set(files: &[(&str, &[u8], Role)], split: &str) -> Result<Option<ImageSet>, DataError> {
    if files.is_empty() {
        return Ok(None);
    }
    let of = |role| files.iter().filter(move |f| f.2 == role).collect::<Vec<_>>();
    let (images, labels, cifar) = (of(Role::Images), of(Role::Labels), of(Role::Cifar));
    if !cifar.is_empty() {
        if !images.is_empty() || !labels.is_empty() {
            return Err(DataError::Incomplete(format!("the {split} files mix IDX and CIFAR formats")));
        }
        let mut set: Option<ImageSet> = None;
        for (name, bytes, _) in cifar {
            let batch = parse_cifar(name, bytes)?;
            match set.as_mut() {
                None => set = Some(batch),
                Some(s) => {
                    s.pixels.extend_from_slice(&batch.pixels);
                    s.labels.extend_from_slice(&batch.labels);
                }
            }
        }
        return Ok(set);
    }
    match (images.as_slice(), labels.as_slice()) {
        ([(img_name, img, _)], [(lbl_name, lbl, _)]) => idx_pair(img_name, img, lbl_name, lbl).map(Some),
        _ => Err(DataError::Incomplete(format!(
            "the {split} split needs exactly one IDX image file and one IDX label file (got {} and {})",
            images.len(),
            labels.len()
        ))),
    }
}
