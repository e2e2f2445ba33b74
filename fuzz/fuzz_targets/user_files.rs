//! `dataset_from_files` on up to 6 user-picked files. Input: records of
//! `[flags u8][name u8][len u16 LE][len bytes]` (see `replab_fuzz::user_files_from`): the name
//! byte picks one of 8 file names (train/test, images/labels, CIFAR batches, other), flag bit 0
//! gzips the bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use replab_fuzz::lab::data::{DatasetId, dataset_from_files};
use replab_fuzz::{check_dataset, user_files_from};

fuzz_target!(|data: &[u8]| {
    let files = user_files_from(data);
    if let Ok(d) = dataset_from_files(&files) {
        assert_eq!(d.id, DatasetId::User);
        check_dataset(&d);
        let _ = d.class_count();
    }
});
