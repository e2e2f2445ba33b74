//! The parsers on the real shipped files and on broken ones.

mod common;

use common::{gunzip, gzip, read};
use replab_core::data::{
    DataError, Dataset, DatasetId, IdxFile, ImageShape, MAX_FILE_BYTES, dataset_from_files, parse_cifar, parse_idx,
};

fn load(id: DatasetId) -> Dataset {
    let files: Vec<Vec<u8>> = id.files().iter().map(|f| read(f)).collect();
    Dataset::from_shipped_files(id, &files).expect("shipped data parses")
}

#[test]
fn mnist_subset_parses_with_known_labels() {
    let d = load(DatasetId::Mnist);
    assert_eq!(d.train.len(), 10_000);
    assert_eq!(d.test.len(), 2_000);
    assert_eq!(d.train.shape, ImageShape::MNIST);
    assert_eq!(&d.train.labels[..5], &[5, 0, 4, 1, 9]);
    assert_eq!(&d.test.labels[..5], &[7, 2, 1, 0, 4]);
    // Mean intensity of MNIST is ~0.13 of full scale.
    let mean = d.train.pixels.iter().map(|&p| p as f64).sum::<f64>() / d.train.pixels.len() as f64 / 255.0;
    assert!((mean - 0.1307).abs() < 0.01, "mean {mean}");
}

#[test]
fn fashion_subset_parses_with_known_labels() {
    let d = load(DatasetId::FashionMnist);
    assert_eq!((d.train.len(), d.test.len()), (10_000, 2_000));
    assert_eq!(&d.train.labels[..4], &[9, 0, 0, 3]);
    assert_eq!(&d.test.labels[..5], &[9, 2, 1, 1, 6]);
}

#[test]
fn cifar_subset_parses_with_known_labels_and_counts() {
    let d = load(DatasetId::Cifar10);
    assert_eq!((d.train.len(), d.test.len()), (4_000, 1_000));
    assert_eq!(d.train.shape, ImageShape::CIFAR);
    assert_eq!(&d.train.labels[..10], &[6, 9, 9, 4, 1, 1, 2, 7, 8, 3]);
    assert_eq!(&d.test.labels[..10], &[3, 8, 8, 0, 6, 6, 1, 6, 3, 1]);
    let mut counts = [0usize; 10];
    d.train.labels.iter().for_each(|&l| counts[l as usize] += 1);
    assert_eq!(counts, [396, 366, 420, 384, 422, 393, 414, 385, 407, 413]);
}

#[test]
fn raw_and_gzip_give_the_same_images() {
    let gz = read("data/mnist/t10k-images-idx3-ubyte.gz");
    let raw = gunzip(&gz);
    assert_eq!(parse_idx("a", &gz).unwrap(), parse_idx("b", &raw).unwrap());
}

#[test]
fn truncated_files_are_rejected() {
    let raw = gunzip(&read("data/mnist/t10k-images-idx3-ubyte.gz"));
    let cut = &raw[..raw.len() - 100];
    assert!(matches!(parse_idx("cut", cut), Err(DataError::LengthMismatch { .. })));
    assert!(matches!(parse_idx("cut", &gzip(cut)), Err(DataError::LengthMismatch { .. })));
    assert!(matches!(parse_idx("hdr", &raw[..10]), Err(DataError::ShortHeader { have: 10, need: 16, .. })));
    // A gzip stream cut in the middle is a gzip error or a length error, never a panic.
    let gz = read("data/mnist/t10k-images-idx3-ubyte.gz");
    assert!(parse_idx("gzcut", &gz[..gz.len() / 2]).is_err());
}

#[test]
fn trailing_bytes_are_rejected() {
    let mut raw = gunzip(&read("data/mnist/t10k-labels-idx1-ubyte.gz"));
    raw.extend_from_slice(&[1, 2, 3]);
    assert!(matches!(parse_idx("long", &raw), Err(DataError::LengthMismatch { .. })));
}

#[test]
fn oversized_headers_are_rejected_before_allocating() {
    // 4 billion images of 28×28 in a 16-byte file.
    let mut header = vec![0, 0, 8, 3];
    header.extend_from_slice(&0xFFFF_FFF0u32.to_be_bytes());
    header.extend_from_slice(&28u32.to_be_bytes());
    header.extend_from_slice(&28u32.to_be_bytes());
    let err = parse_idx("huge", &header).unwrap_err();
    assert!(matches!(err, DataError::OutOfRange { what: "image count", .. }), "{err}");
    // A plausible count whose size still exceeds the ceiling.
    let mut header = vec![0, 0, 8, 3];
    header.extend_from_slice(&9_000_000u32.to_be_bytes());
    header.extend_from_slice(&256u32.to_be_bytes());
    header.extend_from_slice(&256u32.to_be_bytes());
    assert!(matches!(parse_idx("big", &gzip(&header)), Err(DataError::OutOfRange { .. })));
    // Within the ceiling but larger than the file: caught by the declared length.
    let mut header = vec![0, 0, 8, 1];
    header.extend_from_slice(&5_000_000u32.to_be_bytes());
    assert!(matches!(parse_idx("lies", &gzip(&header)), Err(DataError::LengthMismatch { .. })));
    let _ = MAX_FILE_BYTES;
}

#[test]
fn bad_magic_bad_labels_and_empty_files_are_typed_errors() {
    assert!(matches!(parse_idx("png", b"\x89PNG\r\n\x1a\n...."), Err(DataError::BadMagic { .. })));
    assert!(matches!(parse_idx("empty", b""), Err(DataError::Empty { .. })));
    let labels = [0, 0, 8, 1, 0, 0, 0, 3, 1, 2, 42];
    let err = parse_idx("labels", &labels).unwrap_err();
    assert_eq!(err, DataError::BadLabel { file: "labels".into(), index: 2, label: 42, max: 9 });
    assert!(err.to_string().contains("label 42"));
}

#[test]
fn cifar_length_must_be_whole_records() {
    let raw = gunzip(&read("data/cifar10/test-1k.bin.gz"));
    assert!(matches!(parse_cifar("c", &raw[..3073 * 2 + 5]), Err(DataError::CifarLength { .. })));
    let ok = parse_cifar("c", &raw[..3073 * 2]).unwrap();
    assert_eq!(ok.len(), 2);
    let mut bad = raw[..3073].to_vec();
    bad[0] = 10;
    assert!(matches!(parse_cifar("c", &bad), Err(DataError::BadLabel { label: 10, .. })));
}

#[test]
fn user_files_assemble_train_and_test_or_hold_out() {
    let f = |n: &str, p: &str| (n.to_string(), read(p));
    let d = dataset_from_files(&[
        f("train-images-idx3-ubyte.gz", "data/mnist/train-images-idx3-ubyte.gz"),
        f("train-labels-idx1-ubyte.gz", "data/mnist/train-labels-idx1-ubyte.gz"),
        f("t10k-images-idx3-ubyte.gz", "data/mnist/t10k-images-idx3-ubyte.gz"),
        f("t10k-labels-idx1-ubyte.gz", "data/mnist/t10k-labels-idx1-ubyte.gz"),
    ])
    .unwrap();
    assert_eq!((d.train.len(), d.test.len()), (10_000, 2_000));
    let held = dataset_from_files(&[
        f("images", "data/mnist/t10k-images-idx3-ubyte.gz"),
        f("labels", "data/mnist/t10k-labels-idx1-ubyte.gz"),
    ])
    .unwrap();
    assert_eq!(held.train.len() + held.test.len(), 2_000);
    assert!(held.test.len() >= 300);
    let mismatch = dataset_from_files(&[
        f("images", "data/mnist/t10k-images-idx3-ubyte.gz"),
        f("labels", "data/mnist/train-labels-idx1-ubyte.gz"),
    ]);
    assert!(matches!(mismatch, Err(DataError::CountMismatch { images: 2000, labels: 10000 })));
    let garbage = dataset_from_files(&[("notes.txt".into(), b"hello world".to_vec())]);
    assert!(matches!(garbage, Err(DataError::CifarLength { .. })));
    let cifar = dataset_from_files(&[f("data_batch_1.bin.gz", "data/cifar10/train-4k.bin.gz"), f("test_batch.bin.gz", "data/cifar10/test-1k.bin.gz")]).unwrap();
    assert_eq!((cifar.train.len(), cifar.test.len()), (4000, 1000));
}

#[test]
fn idx_images_report_their_shape() {
    match parse_idx("x", &read("data/fashion-mnist/t10k-images-idx3-ubyte.gz")).unwrap() {
        IdxFile::Images { shape, count, pixels } => {
            assert_eq!((shape, count, pixels.len()), (ImageShape::MNIST, 2000, 2000 * 784));
        }
        other => panic!("expected images, got {other:?}"),
    }
}

#[test]
fn a_tiny_gzip_whose_trailer_claims_half_a_gigabyte_is_refused_before_allocating() {
    // Found by fuzzing: 680,000 images of 28×28 declared in the header, a gzip trailer (ISIZE)
    // that agrees (533,120,016 bytes), and almost no compressed data. Deflate expands at most
    // 1032-fold, so the trailer cannot be true: refused from the sizes alone.
    let mut header = Vec::new();
    for v in [0x0803u32, 680_000, 28, 28] {
        header.extend(v.to_be_bytes());
    }
    let mut bytes = gzip(&header);
    let total: u32 = 16 + 680_000 * 784;
    let n = bytes.len();
    bytes[n - 4..].copy_from_slice(&total.to_le_bytes());
    assert!(bytes.len() < 100);
    let started = std::time::Instant::now();
    let result = parse_idx("lying.gz", &bytes);
    assert!(matches!(result, Err(DataError::LengthMismatch { .. })), "{:?}", result.map(|_| ()));
    assert!(started.elapsed().as_millis() < 100);
}
