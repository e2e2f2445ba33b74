//! Unit tests of the harness helpers, the allocation-bound seed, and regressions found by
//! fuzzing (here rather than in `tests/data_parsers.rs`, which needs the `tensor` build).

use std::time::{Duration, Instant};

use super::lab::data::{DataError, IMAGES_MAGIC, parse_cifar, parse_cifar_archive, parse_idx};
use super::*;

fn idx_images_header(count: u32, rows: u32, cols: u32) -> Vec<u8> {
    [IMAGES_MAGIC, count, rows, cols].iter().flat_map(|v| v.to_be_bytes()).collect()
}

/// An IDX header claiming 4,000,000,000 28×28 images (3 TB) is refused from its header alone,
/// quickly and without allocating: raw, gzip, and gzip with a trailer that claims a matching size.
/// `fuzz/corpus/idx/alloc-4e9-images.idx` is this input as a seed.
#[test]
fn idx_header_claiming_4e9_images_is_rejected_quickly() {
    let raw = idx_images_header(4_000_000_000, 28, 28);
    assert_eq!(raw, std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/idx/alloc-4e9-images.idx")).unwrap());
    let mut lying = gzip(&raw, 6);
    let n = lying.len();
    let claimed = (16u64 + 4_000_000_000u64 * 784) as u32; // the trailer's size mod 2^32
    lying[n - 4..].copy_from_slice(&claimed.to_le_bytes());
    for bytes in [raw.clone(), gzip(&raw, 6), lying] {
        let start = Instant::now();
        let err = parse_idx("huge", &bytes).unwrap_err();
        assert!(start.elapsed() < Duration::from_millis(50), "took {:?}", start.elapsed());
        assert!(
            matches!(err, DataError::OutOfRange { what: "image count", value: 4_000_000_000, .. }),
            "{err:?}"
        );
    }
}

#[test]
fn user_files_encoding_round_trips() {
    let enc = user_files_to(&[(0, 0, b"abc"), (1, 9, b"")]);
    let files = user_files_from(&enc);
    assert_eq!(files.len(), 2);
    assert_eq!(files[0], ("train-images-idx3-ubyte".to_string(), b"abc".to_vec()));
    assert_eq!(files[1].0, USER_FILE_NAMES[1]);
    assert!(files[1].1.starts_with(&[0x1f, 0x8b]));
}

#[test]
fn tiny_cifar_record_parses() {
    let mut rec = vec![3u8; 3073];
    rec[0] = 7;
    let set = parse_cifar("one", &gzip(&rec, 1)).unwrap();
    check_set(&set);
    assert_eq!(set.labels, vec![7]);
}

/// The largest single allocation made while running `f` on this thread.
fn peak_alloc<T>(f: impl FnOnce() -> T) -> (T, usize) {
    PEAK.with(|p| p.set(0));
    TRACK.with(|t| t.set(true));
    let out = f();
    TRACK.with(|t| t.set(false));
    (out, PEAK.with(|p| p.get()))
}

thread_local! {
    static TRACK: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    static PEAK: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

struct Counting;

unsafe impl std::alloc::GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        let _ = TRACK.try_with(|t| {
            if t.get() {
                PEAK.with(|p| p.set(p.get().max(layout.size())));
            }
        });
        unsafe { std::alloc::System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        unsafe { std::alloc::System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

fn seed(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/corpus/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// Regression: a 40-byte gzip IDX file whose trailer claims 533 MB (matching its header)
/// made `parse_idx` allocate 533 MB before decoding a byte.
#[test]
fn idx_gzip_lying_trailer_allocates_little() {
    let bytes = seed("idx/lying-trailer-533MB.idx.gz");
    assert!(bytes.len() < 64);
    let (res, peak) = peak_alloc(|| parse_idx("lying", &bytes));
    assert!(matches!(res, Err(DataError::LengthMismatch { .. })), "{res:?}");
    assert!(peak < 1 << 20, "allocated {peak} bytes for a {}-byte file", bytes.len());
}

/// Regression: a 38-byte gzip CIFAR file whose trailer claims 534 MB (whole records) made
/// `parse_cifar` reserve 534 MB before decoding.
#[test]
fn cifar_gzip_lying_trailer_allocates_little() {
    let bytes = seed("cifar/lying-trailer-534MB.bin.gz");
    assert!(bytes.len() < 64);
    let (res, peak) = peak_alloc(|| parse_cifar("lying", &bytes));
    assert!(matches!(res, Err(DataError::Gzip { .. })), "{res:?}");
    assert!(peak < 1 << 20, "allocated {peak} bytes for a {}-byte file", bytes.len());
}

/// The 1032x bound does not refuse real, maximally compressible files (all zeros compress
/// about 1030-fold at level 9).
#[test]
fn highly_compressible_files_still_parse() {
    let count = 20_000u32;
    let mut images = idx_images_header(count, 28, 28);
    images.resize(16 + count as usize * 784, 0);
    let gz = gzip(&images, 9);
    assert!(gz.len() as u64 * 1032 >= images.len() as u64);
    assert!(images.len() / gz.len() > 500, "ratio {}", images.len() / gz.len());
    check_idx(&parse_idx("zeros", &gz).unwrap());
    let cifar = gzip(&vec![0u8; 3073 * 2000], 9);
    assert_eq!(parse_cifar("zeros", &cifar).unwrap().len(), 2000);
}

/// Every committed seed that is a valid file parses (so the corpora start from valid inputs).
#[test]
fn valid_seeds_parse() {
    for name in ["mnist-3-images.idx", "mnist-3-images.idx.gz", "mnist-8-labels.idx", "mnist-8-labels.idx.gz",
        "fashion-2-images.idx", "fashion-5-labels.idx.gz", "tiny-1x2x3-images.idx"] {
        check_idx(&parse_idx(name, &seed(&format!("idx/{name}"))).unwrap_or_else(|e| panic!("{e}")));
    }
    for name in ["cifar-1-record.bin", "cifar-2-records.bin.gz", "cifar-1-record-flat.bin.gz"] {
        check_set(&parse_cifar(name, &seed(&format!("cifar/{name}"))).unwrap_or_else(|e| panic!("{e}")));
    }
    for name in ["mnist-train-test", "mnist-train-test-gz", "mnist-train-only", "fashion-tiny-holdout",
        "cifar-train-test", "cifar-two-batches"] {
        let files = user_files_from(&seed(&format!("user_files/{name}")));
        let d = super::lab::data::dataset_from_files(&files).unwrap_or_else(|e| panic!("{name}: {e}"));
        check_dataset(&d);
    }
    for (name, train) in [("m0-official.tar.gz", 1), ("m0-official-ustar.tar", 1), ("m1-two-batches.tar", 2),
        ("m2-gnu-long-name.tar", 1), ("m3-pax-path.tar", 1)] {
        let bytes = cifar_archive_from(&seed(&format!("cifar_archive/{name}"))).unwrap();
        let (t, v) = parse_cifar_archive(name, &bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!((t.len(), v.len()), (train, 1), "{name}");
    }
}

/// A tar header for a file of `size` bytes, its checksum sealed.
fn tar_header(name: &str, size: usize) -> Vec<u8> {
    let mut h = vec![0u8; 512];
    h[..name.len()].copy_from_slice(name.as_bytes());
    h[124..136].copy_from_slice(format!("{size:011o}\0").as_bytes());
    h[156] = b'0';
    h[257..263].copy_from_slice(b"ustar\0");
    seal_tar_blocks(&mut h);
    h
}

/// A tar of CIFAR batches: `(name, records)`, each record labelled `index % 10`, pixels 7.
fn cifar_tar(batches: &[(&str, usize)]) -> Vec<u8> {
    let mut tar = Vec::new();
    for &(name, records) in batches {
        tar.extend(tar_header(name, records * 3073));
        tar.extend((0..records).flat_map(|i| std::iter::once((i % 10) as u8).chain([7u8; 3072])));
        tar.resize(tar.len().next_multiple_of(512), 0);
    }
    tar.resize(tar.len() + 1024, 0);
    tar
}

/// The memory rule of `parse_cifar_archive`: the largest allocation is the training pixels,
/// reserved exactly (5 batches of 100 records: 500 × 3072 bytes); nothing holds the decoded
/// archive (3.7 MB) or a member.
#[test]
fn cifar_archive_allocates_only_its_sets() {
    let names = ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin"];
    let mut batches: Vec<(&str, usize)> = names.iter().map(|&n| (n, 100)).collect();
    batches.push(("test_batch.bin", 200));
    let bytes = gzip(&cifar_tar(&batches), 6);
    let (res, peak) = peak_alloc(|| parse_cifar_archive("archive", &bytes));
    let (train, test) = res.unwrap();
    check_set(&train);
    assert_eq!((train.len(), test.len()), (500, 200));
    assert_eq!(peak, 500 * 3072);
}

/// A tiny gzip whose tar header claims a 300 MB batch is refused before the set is reserved.
#[test]
fn cifar_archive_lying_header_allocates_little() {
    let mut tar = tar_header("data_batch_1.bin", 100_000 * 3073);
    tar.resize(4096, 0);
    let bytes = gzip(&tar, 9);
    assert!(bytes.len() < 100);
    let (res, peak) = peak_alloc(|| parse_cifar_archive("lying", &bytes));
    assert!(matches!(res, Err(DataError::ArchiveTruncated { .. })), "{res:?}");
    assert!(peak < 1 << 20, "allocated {peak} bytes for a {}-byte file", bytes.len());
}

/// The model-card seeds: the lab's own card reads and is in range; the hostile one (dropout
/// 1.5, a hidden width of 10⁶) reads and is refused; a truncated one and one whose learning
/// rate overflows f64 are not read. None panics.
#[test]
fn model_card_seeds() {
    let seed = |name: &str| std::fs::read_to_string(format!("{}/corpus/model_card/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    assert!(check_card(&seed("mlp-ae.json")));
    assert!(check_card(&seed("vae.json")));
    assert!(!check_card(&seed("hostile.json")));
    let hostile = lab::export::ModelCard::from_json(&seed("hostile.json")).unwrap();
    assert_eq!(hostile.hp.problems().len(), 2, "{:?}", hostile.hp.problems());
    assert!(!check_card(&seed("truncated.json")));
    assert!(!check_card(&seed("overflowing-lr.json")));
}
