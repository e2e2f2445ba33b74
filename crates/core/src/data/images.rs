//! An in-memory set of labelled images, pixels kept as bytes (4× smaller than f32).

/// Channels × height × width of one image. Pixels are stored channel-planar (`c, y, x`):
/// each channel a row-major `height × width` plane, the planes back to back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ImageShape {
    pub channels: usize,
    pub height: usize,
    pub width: usize,
}

/// `1×28×28`: channels × height × width.
impl std::fmt::Display for ImageShape {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}×{}×{}", self.channels, self.height, self.width)
    }
}

impl ImageShape {
    pub const MNIST: Self = Self { channels: 1, height: 28, width: 28 };
    pub const CIFAR: Self = Self { channels: 3, height: 32, width: 32 };

    pub fn new(channels: usize, height: usize, width: usize) -> Self {
        Self { channels, height, width }
    }

    /// Values per image (the MLP input width).
    pub fn len(&self) -> usize {
        self.channels * self.plane()
    }

    /// Values per channel plane (`height × width`).
    pub fn plane(&self) -> usize {
        self.height * self.width
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Labelled images, channel-planar (`c, y, x`) per image, as in both IDX and CIFAR files.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageSet {
    pub shape: ImageShape,
    /// `len() * shape.len()` bytes, 0 = black, 255 = full intensity.
    pub pixels: Vec<u8>,
    pub labels: Vec<u8>,
}

impl ImageSet {
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// The bytes of image `index`.
    pub fn image(&self, index: usize) -> &[u8] {
        let n = self.shape.len();
        &self.pixels[index * n..(index + 1) * n]
    }

    /// All pixels scaled to [0, 1].
    pub fn unit_pixels(&self) -> Vec<f32> {
        self.pixels.iter().map(|&p| p as f32 / 255.0).collect()
    }

    /// The images whose (index, label) `keep` accepts, in order.
    pub fn filtered(&self, keep: impl Fn(usize, u8) -> bool) -> ImageSet {
        let mut out = ImageSet { shape: self.shape, pixels: Vec::new(), labels: Vec::new() };
        for (i, &label) in self.labels.iter().enumerate().filter(|&(i, &l)| keep(i, l)) {
            out.pixels.extend_from_slice(self.image(i));
            out.labels.push(label);
        }
        out
    }

    /// The images `range` as a new set (used to split off a test set).
    pub fn slice(&self, range: std::ops::Range<usize>) -> ImageSet {
        let n = self.shape.len();
        ImageSet {
            shape: self.shape,
            pixels: self.pixels[range.start * n..range.end * n].to_vec(),
            labels: self.labels[range].to_vec(),
        }
    }
}

/// Bytes 0–255 from values in [0, 1] (clamped).
pub fn bytes_from_unit(values: &[f32]) -> Vec<u8> {
    values.iter().map(|v| (v.clamp(0.0, 1.0) * 255.0).round() as u8).collect()
}

/// Images for a grid, as bytes (0–255), channel-planar per image.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ImageStrip {
    pub shape: ImageShape,
    pub count: usize,
    #[serde(with = "serde_bytes")]
    pub pixels: Vec<u8>,
}

impl ImageStrip {
    /// Image `index` as RGBA bytes for a canvas (grey images repeat their one channel).
    pub fn rgba(&self, index: usize) -> Vec<u8> {
        let plane = self.shape.height * self.shape.width;
        let image = &self.pixels[index * self.shape.len()..(index + 1) * self.shape.len()];
        let mut out = Vec::with_capacity(plane * 4);
        for p in 0..plane {
            let channel = |c: usize| image[(c % self.shape.channels) * plane + p];
            out.extend_from_slice(&[channel(0), channel(1), channel(2), 255]);
        }
        out
    }
}
