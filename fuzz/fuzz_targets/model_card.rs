//! `ModelCard::from_json` (the config in an imported `.safetensors` file's metadata, which the
//! worker turns into a model after `Hyperparams::problems` finds it in range) on arbitrary text:
//! never a panic; whatever it reads is judged by `problems` without a panic, and writes back to
//! JSON that reads as the same card with the same verdict (see `replab_fuzz::check_card`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    replab_fuzz::check_card(&String::from_utf8_lossy(data));
});
