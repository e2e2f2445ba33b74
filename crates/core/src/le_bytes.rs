//! Lists of 4-byte numbers (`f32`, `i32`) as little-endian bytes, for `#[serde(with =
//! "le_bytes")]`: through `serde_wasm_bindgen` a byte string becomes one `Uint8Array` copy,
//! where a list of numbers costs a JS call per element (measured: 0.5 ms per value in the
//! worker, 570 ms for nine codes of 128).

use serde::{Deserialize, Deserializer, Serializer};

/// A number of 4 little-endian bytes.
pub trait LeBytes: Copy {
    const NAME: &'static str;
    fn to_le(self) -> [u8; 4];
    fn from_le(bytes: [u8; 4]) -> Self;
}

impl LeBytes for f32 {
    const NAME: &'static str = "f32";
    fn to_le(self) -> [u8; 4] {
        self.to_le_bytes()
    }
    fn from_le(bytes: [u8; 4]) -> Self {
        f32::from_le_bytes(bytes)
    }
}

impl LeBytes for i32 {
    const NAME: &'static str = "i32";
    fn to_le(self) -> [u8; 4] {
        self.to_le_bytes()
    }
    fn from_le(bytes: [u8; 4]) -> Self {
        i32::from_le_bytes(bytes)
    }
}

pub fn serialize<T: LeBytes, S: Serializer>(values: &[T], serializer: S) -> Result<S::Ok, S::Error> {
    let bytes: Vec<u8> = values.iter().flat_map(|v| v.to_le()).collect();
    serializer.serialize_bytes(&bytes)
}

pub fn deserialize<'de, T: LeBytes, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<T>, D::Error> {
    let bytes = serde_bytes::ByteBuf::deserialize(deserializer)?;
    if bytes.len() % 4 != 0 {
        return Err(serde::de::Error::custom(format!("{} bytes are not whole {} values", bytes.len(), T::NAME)));
    }
    Ok(bytes.chunks_exact(4).map(|b| T::from_le([b[0], b[1], b[2], b[3]])).collect())
}
