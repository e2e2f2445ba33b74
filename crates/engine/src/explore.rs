//! A trained model explored: encoding, decoding and the nearest training images
//! ([`Explorer`]), and copying a model between devices. The plain maths it draws on (PCA,
//! paths, the drawing pad's ink) is [`replab_core::explore`].

mod inference;
mod on_device;

pub use inference::{Explorer, Look, decode_with, trace_with};
pub use on_device::copied_to;
