//! The lab's burn-free core: data, settings and links, maths, analysis, search, the experiments
//! and the messages between the page and the worker. No tensors and no web imports: the page,
//! the worker (through `replab-engine`) and the fuzz targets build it alone.

pub mod analysis;
pub mod augment;
pub mod backend;
pub mod checkpoint;
pub mod classroom;
pub mod data;
pub mod export;
pub mod explore;
pub mod keyed;
pub mod le_bytes;
pub mod link;
pub mod nan_as_null;
pub mod presets;
pub mod protocol;
pub mod search;
pub mod settings;
pub mod thousands;
pub mod ticks;
