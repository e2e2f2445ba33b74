//! `Weights::from_safetensors` (the import of a model file, and of a saved run's weights) on
//! arbitrary bytes: never a panic, and whatever it accepts survives the lab's own encoding
//! unchanged (`from_safetensors(to_safetensors(w)) == w`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use replab_fuzz::lab::export::Weights;

fuzz_target!(|data: &[u8]| {
    if let Ok(weights) = Weights::from_safetensors(data) {
        let bytes = weights.to_safetensors();
        assert_eq!(Weights::from_safetensors(&bytes).as_ref(), Ok(&weights), "round trip");
        // Nothing larger than the input was made: every value came from 4 of its bytes.
        let values: usize = weights.tensors.values().map(|t| t.values.len()).sum();
        assert!(values * 4 <= data.len());
    }
});
