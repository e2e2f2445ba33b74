//! Helpers shared by the native integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

pub fn data_path(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("public").join(rel)
}

pub fn read(rel: &str) -> Vec<u8> {
    std::fs::read(data_path(rel)).unwrap_or_else(|e| panic!("reading {rel}: {e}"))
}

pub fn gunzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes).read_to_end(&mut out).expect("valid gzip");
    out
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

/// A shipped dataset, parsed.
pub fn shipped(id: replab_core::data::DatasetId) -> replab_core::data::Dataset {
    let files: Vec<Vec<u8>> = id.files().iter().map(|f| read(f)).collect();
    replab_core::data::Dataset::from_shipped_files(id, &files).expect("the shipped files parse")
}

/// Run preset `id` at the quick size (seed 3, CPU) to the end; its final result.
pub fn run_quick(id: &str) -> replab_core::presets::PresetResult {
    use replab_core::presets::{PresetSize, preset};
    use replab_engine::presets::PresetRun;
    use replab_engine::presets::PresetUpdate;
    let p = preset(id).unwrap();
    let data = shipped(p.dataset);
    let mut run = PresetRun::new(p, PresetSize::Quick, replab_core::search::Sampler::Tpe, 3, &data, &burn::prelude::Device::flex());
    let mut last = None;
    while !run.is_finished() {
        for event in futures_lite::future::block_on(run.advance()).unwrap() {
            if let PresetUpdate::Result { result, .. } = event {
                last = Some(result);
            }
        }
    }
    last.unwrap_or_else(|| run.result())
}
