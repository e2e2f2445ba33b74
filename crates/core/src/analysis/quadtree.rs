//! A 2-D Barnes–Hut quadtree over the t-SNE embedding, for its repulsive forces.

/// Depth at which a cell stops splitting (its points are then summed exactly).
const MAX_DEPTH: usize = 40;

/// One square cell: its points are `order[start..end]`. Cells are kept in pre-order (a cell,
/// then its first child's whole subtree, then its second child's, …), so that its subtree is
/// `cells[its index + 1..next]` and a query walks the array forwards, jumping to `next` over
/// every subtree it summarises.
#[derive(Clone, Copy)]
struct Cell {
    centre_of_mass: [f64; 2],
    count: f64,
    side: f64,
    start: u32,
    end: u32,
    /// The first cell after this one's subtree.
    next: u32,
    leaf: bool,
}

/// A quadtree over `n` points in the plane, rebuilt in place each iteration.
#[derive(Default)]
pub(super) struct QuadTree {
    cells: Vec<Cell>,
    /// The points, grouped so that each cell's points are contiguous.
    order: Vec<u32>,
    /// `position[i]`: where point `i` sits in `order`.
    position: Vec<u32>,
    scratch: Vec<u32>,
}

impl QuadTree {
    /// Rebuilds the tree over `y` (`n × 2`, row-major).
    pub fn build(&mut self, y: &[f64]) {
        let n = y.len() / 2;
        self.cells.clear();
        self.order.clear();
        self.order.extend(0..n as u32);
        let (mut lo, mut hi) = ([f64::INFINITY; 2], [f64::NEG_INFINITY; 2]);
        for p in y.chunks_exact(2) {
            for d in 0..2 {
                lo[d] = lo[d].min(p[d]);
                hi[d] = hi[d].max(p[d]);
            }
        }
        let side = (hi[0] - lo[0]).max(hi[1] - lo[1]).max(f64::MIN_POSITIVE) * (1.0 + 1e-9);
        let centre = [0.5 * (lo[0] + hi[0]), 0.5 * (lo[1] + hi[1])];
        self.cells.push(self.summary(y, 0, n, side));
        self.split(y, 0, centre, 0);
        self.cells[0].next = self.cells.len() as u32;
        self.position.resize(n, 0);
        for (at, &i) in self.order.iter().enumerate() {
            self.position[i as usize] = at as u32;
        }
    }

    /// The repulsion on point `i` of `y` (`n × 2`): returns `(Σ_j q_ij² (y_i − y_j), Σ_j q_ij)`
    /// with `q_ij = 1 / (1 + ‖y_i − y_j‖²)` over `j ≠ i`, a cell being summarised by its
    /// centre of mass when `side / 2 < θ · distance` (the half width, as in van der Maaten's
    /// `sptree` and `bhtsne`) and `i` is not in it.
    pub fn repulsion(&self, y: &[f64], i: usize, theta: f64) -> ([f64; 2], f64) {
        let (yi, at) = ([y[2 * i], y[2 * i + 1]], self.position[i]);
        let (mut force, mut z) = ([0.0f64; 2], 0.0f64);
        let mut add = |dx: f64, dy: f64, weight: f64| {
            let q = 1.0 / (1.0 + dx * dx + dy * dy);
            z += weight * q;
            force[0] += weight * q * q * dx;
            force[1] += weight * q * q * dy;
        };
        let mut c = 0;
        while c < self.cells.len() {
            let cell = &self.cells[c];
            let (dx, dy) = (yi[0] - cell.centre_of_mass[0], yi[1] - cell.centre_of_mass[1]);
            let inside = cell.start <= at && at < cell.end;
            if cell.leaf {
                for &j in &self.order[cell.start as usize..cell.end as usize] {
                    if j as usize != i {
                        add(yi[0] - y[2 * j as usize], yi[1] - y[2 * j as usize + 1], 1.0);
                    }
                }
                c = cell.next as usize;
            } else if !inside && 0.25 * cell.side * cell.side < theta * theta * (dx * dx + dy * dy) {
                add(dx, dy, cell.count);
                c = cell.next as usize;
            } else {
                c += 1;
            }
        }
        (force, z)
    }

    /// A leaf cell of side `side` over `order[start..end]`.
    fn summary(&self, y: &[f64], start: usize, end: usize, side: f64) -> Cell {
        let mut sum = [0.0f64; 2];
        for &i in &self.order[start..end] {
            sum[0] += y[2 * i as usize];
            sum[1] += y[2 * i as usize + 1];
        }
        let count = (end - start) as f64;
        let centre_of_mass = if end > start { [sum[0] / count, sum[1] / count] } else { [0.0; 2] };
        Cell { centre_of_mass, count, side, start: start as u32, end: end as u32, next: 0, leaf: true }
    }

    /// Splits cell `c` (centred at `centre`) into quadrants, recursively, unless it holds at
    /// most one point, only coincident points, or is `MAX_DEPTH` deep.
    fn split(&mut self, y: &[f64], c: usize, centre: [f64; 2], depth: usize) {
        let Cell { start, end, side, .. } = self.cells[c];
        let (start, end) = (start as usize, end as usize);
        if end - start <= 1 || depth >= MAX_DEPTH {
            return;
        }
        let point = |i: u32| [y[2 * i as usize], y[2 * i as usize + 1]];
        let first = point(self.order[start]);
        if self.order[start..end].iter().all(|&i| point(i) == first) {
            return;
        }
        // Stable counting sort of the cell's points by quadrant (bit 0: right, bit 1: top).
        let quadrant = |i: u32| (point(i)[0] >= centre[0]) as usize | ((point(i)[1] >= centre[1]) as usize) << 1;
        let mut bounds = [0usize; 5];
        for &i in &self.order[start..end] {
            bounds[quadrant(i) + 1] += 1;
        }
        for q in 0..4 {
            bounds[q + 1] += bounds[q];
        }
        self.scratch.resize(end - start, 0);
        let mut fill = bounds;
        for &i in &self.order[start..end] {
            let q = quadrant(i);
            self.scratch[fill[q]] = i;
            fill[q] += 1;
        }
        self.order[start..end].copy_from_slice(&self.scratch[..end - start]);

        self.cells[c].leaf = false;
        // Each non-empty quadrant, then its whole subtree (pre-order).
        for q in (0..4).filter(|&q| bounds[q + 1] > bounds[q]) {
            let child = self.cells.len();
            let cell = self.summary(y, start + bounds[q], start + bounds[q + 1], 0.5 * side);
            self.cells.push(cell);
            let offset = [(q & 1) as f64 - 0.5, (q >> 1) as f64 - 0.5];
            let child_centre = [centre[0] + 0.5 * side * offset[0], centre[1] + 0.5 * side * offset[1]];
            self.split(y, child, child_centre, depth + 1);
            self.cells[child].next = self.cells.len() as u32;
        }
    }
}
