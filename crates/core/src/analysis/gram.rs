//! The Gram matrix `X Xᵀ` of the rows of a row-major f64 matrix, tiled for the cache.

/// Entries of each row handled per pass, so that one pass's slices of all rows stay in cache.
const CHUNK: usize = 256;
/// Rows per side of a register tile: a tile is a 4 × 4 block of the Gram matrix.
const TILE: usize = 4;

/// The `m × m` symmetric matrix (row-major) of dot products of the `m` rows of `x`
/// (`m × len`, row-major). Cost O(m² · len / 2).
///
/// Panics if `x.len() != m * len`.
pub(super) fn gram(x: &[f64], m: usize, len: usize) -> Vec<f64> {
    assert_eq!(x.len(), m * len, "gram: x is not m × len");
    let tiles = m.div_ceil(TILE);
    let padded = tiles * TILE;
    let zeros = [0.0f64; CHUNK];
    let mut upper = vec![0.0f64; padded * padded];
    for start in (0..len).step_by(CHUNK) {
        let end = (start + CHUNK).min(len);
        // Row r's entries start..end, or zeros for a padding row r ≥ m.
        let slice = |r: usize| if r < m { &x[r * len + start..r * len + end] } else { &zeros[..end - start] };
        for ti in 0..tiles {
            let a: [&[f64]; TILE] = std::array::from_fn(|p| slice(ti * TILE + p));
            for tj in ti..tiles {
                let b: [&[f64]; TILE] = std::array::from_fn(|q| slice(tj * TILE + q));
                let tile = tile_dots(a, b);
                for (p, row) in tile.iter().enumerate() {
                    let at = (ti * TILE + p) * padded + tj * TILE;
                    upper[at..at + TILE].iter_mut().zip(row).for_each(|(g, t)| *g += t);
                }
            }
        }
    }
    let mut g = vec![0.0f64; m * m];
    for i in 0..m {
        for j in 0..m {
            g[i * m + j] = upper[i.min(j) * padded + i.max(j)];
        }
    }
    g
}

/// The 4 × 4 dot products `a[p] · b[q]` of eight equal-length slices.
fn tile_dots(a: [&[f64]; TILE], b: [&[f64]; TILE]) -> [[f64; TILE]; TILE] {
    let n = a[0].len();
    let (a0, a1, a2, a3) = (&a[0][..n], &a[1][..n], &a[2][..n], &a[3][..n]);
    let (b0, b1, b2, b3) = (&b[0][..n], &b[1][..n], &b[2][..n], &b[3][..n]);
    let mut acc = [[0.0f64; TILE]; TILE];
    for k in 0..n {
        let av = [a0[k], a1[k], a2[k], a3[k]];
        let bv = [b0[k], b1[k], b2[k], b3[k]];
        for p in 0..TILE {
            for q in 0..TILE {
                acc[p][q] += av[p] * bv[q];
            }
        }
    }
    acc
}
