//! The burn-free part of `replab::lab`, compiled from the crate's own source files.

#[allow(dead_code, unused_imports)]
#[path = "../../../src/lab/data/mod.rs"]
pub mod data;
#[allow(dead_code)]
#[path = "../../../src/lab/keyed.rs"]
pub mod keyed;
#[allow(dead_code)]
#[path = "../../../src/lab/settings.rs"]
pub mod settings;
#[allow(dead_code, unused_imports)]
#[path = "../../../src/lab/export/mod.rs"]
pub mod export;
