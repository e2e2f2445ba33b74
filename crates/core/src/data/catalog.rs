//! The datasets the lab ships, where their files live, and how a pair of splits is assembled.

use serde::{Deserialize, Serialize};

use super::{DataError, IdxFile, ImageSet, parse_cifar, parse_idx};

crate::keyed::keyed_enum! {
    /// A dataset the lab serves from `public/data/`, or one the user loaded. Its key is the
    /// name used in URLs (`?dataset=`) and in the select box.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum DatasetId {
        Mnist = "mnist",
        FashionMnist = "fashion" | "fashion-mnist" | "fashion_mnist" | "fmnist",
        Cifar10 = "cifar10" | "cifar" | "cifar-10",
        /// Files the user picked or dropped (a link cannot carry them).
        User = "user" (not read),
    }
}

impl DatasetId {
    pub const SHIPPED: [DatasetId; 3] = [DatasetId::Mnist, DatasetId::FashionMnist, DatasetId::Cifar10];

    pub fn title(self) -> &'static str {
        match self {
            DatasetId::Mnist => "MNIST digits",
            DatasetId::FashionMnist => "Fashion-MNIST",
            DatasetId::Cifar10 => "CIFAR-10",
            DatasetId::User => "Your files",
        }
    }

    /// Relative paths (under the site root) of the train and test files, in the order
    /// [`Dataset::from_shipped_files`] takes them.
    pub fn files(self) -> &'static [&'static str] {
        match self {
            DatasetId::Mnist => &[
                "data/mnist/train-images-idx3-ubyte.gz",
                "data/mnist/train-labels-idx1-ubyte.gz",
                "data/mnist/t10k-images-idx3-ubyte.gz",
                "data/mnist/t10k-labels-idx1-ubyte.gz",
            ],
            DatasetId::FashionMnist => &[
                "data/fashion-mnist/train-images-idx3-ubyte.gz",
                "data/fashion-mnist/train-labels-idx1-ubyte.gz",
                "data/fashion-mnist/t10k-images-idx3-ubyte.gz",
                "data/fashion-mnist/t10k-labels-idx1-ubyte.gz",
            ],
            DatasetId::Cifar10 => &["data/cifar10/train-4k.bin.gz", "data/cifar10/test-1k.bin.gz"],
            DatasetId::User => &[],
        }
    }

    /// Image shape of a shipped dataset (`None` for the user's files).
    pub fn shape(self) -> Option<super::ImageShape> {
        match self {
            DatasetId::Mnist | DatasetId::FashionMnist => Some(super::ImageShape::MNIST),
            DatasetId::Cifar10 => Some(super::ImageShape::CIFAR),
            DatasetId::User => None,
        }
    }

    pub fn class_names(self) -> [&'static str; 10] {
        match self {
            DatasetId::FashionMnist => [
                "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker",
                "Bag", "Ankle boot",
            ],
            DatasetId::Cifar10 => [
                "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck",
            ],
            _ => ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"],
        }
    }

    /// [`DatasetId::class_names`] in at most 8 letters, for a label under a thumbnail
    /// ("plane", "car", "boot"): the full name where it has 7 or fewer.
    pub fn short_class_names(self) -> [&'static str; 10] {
        match self {
            DatasetId::FashionMnist => ["T-shirt", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Boot"],
            DatasetId::Cifar10 => ["plane", "car", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"],
            other => other.class_names(),
        }
    }
}

/// A training split and a held-out test split of the same shape.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    pub id: DatasetId,
    pub train: ImageSet,
    pub test: ImageSet,
}

impl Dataset {
    /// Number of classes: one more than the largest label (at least 2).
    pub fn class_count(&self) -> usize {
        let max = self.train.labels.iter().chain(&self.test.labels).copied().max().unwrap_or(0);
        (max as usize + 1).max(2)
    }

    /// Parse the bytes of `id.files()`, in that order.
    pub fn from_shipped_files(id: DatasetId, files: &[Vec<u8>]) -> Result<Dataset, DataError> {
        let names = id.files();
        if files.len() != names.len() {
            return Err(DataError::Incomplete(format!(
                "{} needs {} files, got {}",
                id.title(),
                names.len(),
                files.len()
            )));
        }
        let (train, test) = match id {
            DatasetId::Cifar10 => (parse_cifar(names[0], &files[0])?, parse_cifar(names[1], &files[1])?),
            _ => (
                idx_pair(names[0], &files[0], names[1], &files[1])?,
                idx_pair(names[2], &files[2], names[3], &files[3])?,
            ),
        };
        Dataset::new(id, train, test)
    }

    /// Checks that both splits have the same image shape.
    pub fn new(id: DatasetId, train: ImageSet, test: ImageSet) -> Result<Dataset, DataError> {
        if train.shape != test.shape {
            return Err(DataError::Incomplete(format!(
                "training images are {}×{}×{} but test images are {}×{}×{}",
                train.shape.channels,
                train.shape.height,
                train.shape.width,
                test.shape.channels,
                test.shape.height,
                test.shape.width
            )));
        }
        Ok(Dataset { id, train, test })
    }
}

/// Parse an IDX image file and its label file into one set.
pub fn idx_pair(
    images_name: &str,
    images: &[u8],
    labels_name: &str,
    labels: &[u8],
) -> Result<ImageSet, DataError> {
    let IdxFile::Images { shape, pixels, count } = parse_idx(images_name, images)? else {
        return Err(DataError::Incomplete(format!("{images_name} is a label file, not images")));
    };
    let IdxFile::Labels(labels) = parse_idx(labels_name, labels)? else {
        return Err(DataError::Incomplete(format!("{labels_name} holds images, not labels")));
    };
    if labels.len() != count {
        return Err(DataError::CountMismatch { images: count, labels: labels.len() });
    }
    Ok(ImageSet { shape, pixels, labels })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_class_names_fit_a_thumbnail() {
        for id in [DatasetId::Mnist, DatasetId::FashionMnist, DatasetId::Cifar10] {
            for (short, full) in id.short_class_names().iter().zip(id.class_names()) {
                assert!(short.chars().count() <= 8, "{short} ({full})");
                if full.chars().count() <= 7 {
                    assert_eq!(*short, full, "a name that fits is kept whole");
                }
            }
        }
    }
}
