//! The shape of one image: channels × height × width, stored channel-planar.

/// Channels × height × width of one image. Pixels are stored channel-planar (`c, y, x`): each
/// channel is a row-major `height × width` plane, the planes back to back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Geometry {
    pub channels: usize,
    pub height: usize,
    pub width: usize,
}

impl Geometry {
    /// 28×28 grey images (MNIST, Fashion-MNIST).
    pub const MNIST: Self = Self { channels: 1, height: 28, width: 28 };
    /// 32×32 RGB images (CIFAR-10).
    pub const CIFAR: Self = Self { channels: 3, height: 32, width: 32 };

    pub fn new(channels: usize, height: usize, width: usize) -> Self {
        Self { channels, height, width }
    }

    /// Values per image.
    pub fn len(&self) -> usize {
        self.channels * self.plane()
    }

    /// Values per channel plane (`height × width`).
    pub fn plane(&self) -> usize {
        self.height * self.width
    }

    /// True when an image has no values.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
