//! The full MNIST and Fashion-MNIST that `scripts/full-data.sh` keeps (and the page offers as
//! downloads under data/full/) parse like the shipped subsets, with the published counts, and
//! the shipped subsets are their first images (public/data/README.md's provenance).

use replab_core::data::{Dataset, DatasetId};

fn read(dir: &str, id: DatasetId, root: &str) -> Option<Dataset> {
    let files: Option<Vec<Vec<u8>>> = id
        .files()
        .iter()
        .map(|f| std::fs::read(format!("{dir}/{}", if root.is_empty() { f.strip_prefix("data/").unwrap_or(f) } else { f })).ok())
        .collect();
    Some(Dataset::from_shipped_files(id, &files?).expect("the files parse"))
}

#[test]
fn the_full_datasets_have_the_published_counts_and_hold_the_shipped_subsets() {
    let dir = std::env::var("FULL_DATA").unwrap_or_else(|_| format!("{}/.cache/replab/full-data", std::env::var("HOME").unwrap_or_default()));
    let public = format!("{}/public", env!("CARGO_MANIFEST_DIR"));
    for (id, train_labels, test_labels) in [
        (DatasetId::Mnist, &[5u8, 0, 4, 1, 9][..], &[7u8, 2, 1, 0, 4][..]),
        (DatasetId::FashionMnist, &[9, 0, 0, 3][..], &[9, 2, 1, 1, 6][..]),
    ] {
        let Some(full) = read(&dir, id, "") else {
            // `make test` runs scripts/full-data.sh first (via setup), so CI always has them.
            assert!(std::env::var_os("CI").is_none(), "{dir} has no full {}: run scripts/full-data.sh", id.title());
            eprintln!("skipped {}: no full copy in {dir} (scripts/full-data.sh fetches it)", id.title());
            continue;
        };
        assert_eq!((full.train.len(), full.test.len()), (60_000, 10_000), "{}", id.title());
        assert_eq!(&full.train.labels[..train_labels.len()], train_labels);
        assert_eq!(&full.test.labels[..test_labels.len()], test_labels);
        let subset = read(&public, id, "public").expect("the shipped subset");
        let (n, m) = (subset.train.len(), subset.test.len());
        assert_eq!(full.train.slice(0..n), subset.train, "{}: the shipped training images are the first {n}", id.title());
        assert_eq!(full.test.slice(0..m), subset.test, "{}: the shipped test images are the first {m}", id.title());
    }
}
