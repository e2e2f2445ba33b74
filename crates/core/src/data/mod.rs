//! Datasets: parsers for the published binary formats, and the lab's named datasets.

mod catalog;
mod cifar;
mod cifar_archive;
mod derived;
mod error;
mod idx;
mod images;
mod source;
mod user_files;

pub use catalog::{Dataset, DatasetId};
pub use cifar::{RECORD_BYTES, parse_cifar};
pub use cifar_archive::{is_tar_archive, parse_cifar_archive};
pub use derived::{class_pair, quarter_turn, rotation_pretext};
pub use error::DataError;
pub use idx::{IMAGES_MAGIC, IdxFile, LABELS_MAGIC, NUM_CLASSES, parse_idx};
pub use images::{ImageSet, ImageShape, ImageStrip, bytes_from_unit};
pub use source::{MAX_FILE_BYTES, refused_by_size};
pub use user_files::dataset_from_files;
