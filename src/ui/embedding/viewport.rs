//! Where a scatter's points land on its canvas: fit the data into the canvas, then the user's
//! zoom and pan on top.

/// Zoom and pan (CSS pixels), applied after fitting.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ZoomPan {
    pub zoom: f64,
    pub x: f64,
    pub y: f64,
}

impl ZoomPan {
    pub const IDENTITY: ZoomPan = ZoomPan { zoom: 1.0, x: 0.0, y: 0.0 };
    const MIN_ZOOM: f64 = 0.25;
    const MAX_ZOOM: f64 = 200.0;

    /// Zoom by `factor` keeping the screen point `(px, py)` fixed.
    pub fn zoomed_at(self, factor: f64, px: f64, py: f64) -> ZoomPan {
        let zoom = (self.zoom * factor).clamp(Self::MIN_ZOOM, Self::MAX_ZOOM);
        let f = zoom / self.zoom;
        ZoomPan { zoom, x: px - (px - self.x) * f, y: py - (py - self.y) * f }
    }

    pub fn panned(self, dx: f64, dy: f64) -> ZoomPan {
        ZoomPan { x: self.x + dx, y: self.y + dy, ..self }
    }

    /// The view after two fingers moved from `from` to `to`, `self` being the view when they
    /// landed: scaled by how much farther apart they are, about where they landed, and moved
    /// with them, so the data under the fingers stays under them.
    pub fn pinched(self, from: Pinch, to: Pinch) -> ZoomPan {
        let factor = if from.spread > 0.0 && to.spread > 0.0 { to.spread / from.spread } else { 1.0 };
        self.zoomed_at(factor, from.x, from.y).panned(to.x - from.x, to.y - from.y)
    }
}

/// Two fingers on the canvas: the point midway between them and their distance, CSS pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pinch {
    pub x: f64,
    pub y: f64,
    pub spread: f64,
}

impl Pinch {
    pub fn between(a: (f64, f64), b: (f64, f64)) -> Pinch {
        Pinch { x: (a.0 + b.0) / 2.0, y: (a.1 + b.1) / 2.0, spread: (a.0 - b.0).hypot(a.1 - b.1) }
    }
}

/// The map from data coordinates to canvas CSS pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    scale: f64,
    offset_x: f64,
    offset_y: f64,
}

/// Empty space around the points, CSS pixels.
const PADDING: f64 = 12.0;

impl Viewport {
    /// Fit `points` (`n × 2`) into `width × height` (same scale on both axes, y up), then
    /// apply `view`.
    pub fn fit(points: &[f32], width: f64, height: f64, view: ZoomPan) -> Viewport {
        let (mut lo, mut hi) = ([f64::INFINITY; 2], [f64::NEG_INFINITY; 2]);
        for p in points.chunks_exact(2).filter(|p| p[0].is_finite() && p[1].is_finite()) {
            for axis in 0..2 {
                lo[axis] = lo[axis].min(f64::from(p[axis]));
                hi[axis] = hi[axis].max(f64::from(p[axis]));
            }
        }
        if lo[0] > hi[0] {
            (lo, hi) = ([-1.0; 2], [1.0; 2]);
        }
        let span = [(hi[0] - lo[0]).max(1e-9), (hi[1] - lo[1]).max(1e-9)];
        let scale = ((width - 2.0 * PADDING) / span[0]).min((height - 2.0 * PADDING) / span[1]).max(1e-9);
        // Centre the data, then zoom and pan.
        let (cx, cy) = ((lo[0] + hi[0]) / 2.0, (lo[1] + hi[1]) / 2.0);
        Viewport {
            scale: scale * view.zoom,
            offset_x: (width / 2.0 - cx * scale) * view.zoom + view.x,
            offset_y: (height / 2.0 + cy * scale) * view.zoom + view.y,
        }
    }

    /// Canvas position of a data point.
    pub fn screen(&self, x: f32, y: f32) -> (f64, f64) {
        (f64::from(x) * self.scale + self.offset_x, self.offset_y - f64::from(y) * self.scale)
    }
}

/// The point nearest to `(px, py)` on screen within `radius` CSS pixels, among those `visible`
/// accepts.
pub fn nearest_on_screen(
    points: &[f32],
    viewport: &Viewport,
    (px, py): (f64, f64),
    radius: f64,
    visible: impl Fn(usize) -> bool,
) -> Option<usize> {
    let mut best: Option<(f64, usize)> = None;
    for (i, p) in points.chunks_exact(2).enumerate() {
        let (x, y) = viewport.screen(p[0], p[1]);
        let d = (x - px).powi(2) + (y - py).powi(2);
        if d <= radius * radius && best.is_none_or(|(b, _)| d < b) && visible(i) {
            best = Some((d, i));
        }
    }
    best.map(|(_, i)| i)
}
