//! Which of gemm's two sets of relaxed SIMD128 kernels the relaxed CPU workers run
//! (patches/gemm-f32): gemm's own, twelve rows by four columns unrolled by two, or the lab's
//! narrow one, twelve rows by three columns not unrolled. Both give the same bits. In V8 on
//! x86-64 (sixteen 128-bit registers) the narrow set ran the MLPs' products 1.3–1.5× faster
//! (BENCHMARKS.md, session 63); on arm64 (32 registers) gemm's own may be the faster one, and no
//! such machine was there to measure. So the worker times both here, once, before its first
//! product, and keeps the faster.

use std::sync::OnceLock;
use std::time::Duration;

use gemm_f32::gemm::f32::{WasmTile, product_with, use_wasm_tile};
use web_time::Instant;

/// The product timed: 128 × 256 by 256 × 256, a product of the small MLP's size (8.4 M
/// multiply-adds, 0.3–0.5 ms at this machine's rates).
const M: usize = 128;
const K: usize = 256;
const N: usize = 256;
/// Alternated rounds, each timing both sets once; each set's best round counts. The timing goes
/// on until each set's two best rounds agree within [`AGREE`], and for at least [`ROUNDS`]
/// rounds and [`SETTLE`]. It runs as the page loads, and on a 2-core machine the page's work
/// often takes the core from under a timing: 120 rounds in the threaded worker read each set at
/// anything from 1 to 53 GFLOP/s, and in 2 runs of 18 the eight rounds it used to stop at held no
/// clean timing of one set, whose rate then read as a third of its own, and the slower set was
/// kept for the session (BENCHMARKS.md, session 65). Two rounds that agree are two timings
/// nothing interrupted. The first rounds also run the engine's baseline code until its
/// optimising tier has compiled the kernels in the background (with three rounds, V8 once timed
/// gemm's own set at 3 GFLOP/s), hence [`SETTLE`].
const ROUNDS: usize = 8;
/// At most this many rounds (where the machine never lets two timings of a set agree).
const ROUNDS_MAX: usize = 48;
/// Fewer, where the clock is coarse and each timing long (below).
const ROUNDS_COARSE: usize = 4;
const ROUNDS_COARSE_MAX: usize = 8;
/// How closely a set's two best rounds must agree: the choice's own margin.
const AGREE: f64 = 1.05;
/// Time from the first timed product before the timing may end.
const SETTLE: Duration = Duration::from_millis(30);
/// A timing runs at least two products, and at least this many ticks of the clock, so that its
/// one tick of error (it starts on a tick and ends up to a tick late) stays within 3.3%, under
/// the 5% margin of the choice. Where the page is cross-origin isolated the clock ticks every
/// 5 µs (Chromium) or 20 µs (Firefox) and two products are the longer; where it is not, every
/// 0.1 ms (Chromium) or 1 ms (Firefox). Timed by the 1 ms tick, two products read as taking no
/// time at all: Firefox's plain relaxed worker kept gemm's own set "at 33554432 GFLOP/s".
const TICKS: u32 = 30;
const PRODUCTS_MIN: u32 = 2;

/// The set chosen, with both sets' rates.
pub struct TileChoice {
    tile: WasmTile,
    wide_gflops: f64,
    narrow_gflops: f64,
    /// Whether the two sets' products had the same bits, as they do wherever this was checked;
    /// where they do not, gemm's own set is kept.
    agree: bool,
}

impl TileChoice {
    /// For the backend badge: which kernels, and both rates.
    pub fn describe(&self) -> String {
        if !self.agree {
            return "12 × 4 kernels (the 12 × 3 set's products differed from them: not used)".into();
        }
        let (name, chosen, other) = match self.tile {
            WasmTile::Narrow => ("12 × 3", self.narrow_gflops, self.wide_gflops),
            WasmTile::Wide => ("12 × 4", self.wide_gflops, self.narrow_gflops),
        };
        format!("{name} kernels, timed at {chosen:.0} against {other:.0} GFLOP/s")
    }
}

/// Time both sets (at start-up: 30 ms or more where the clock is fine, 0.25–0.5 s where it
/// ticks only every millisecond) and switch every later product to the faster (the 128 × 256
/// product covers both sets' edge kernels: 128 rows are ten tiles of 12 and 8 more, 256 columns
/// 85 tiles of 3 and one more). [`recheck_if_due`] times them once more in training.
pub fn choose() -> &'static TileChoice {
    &first().0
}

/// The start-up choice, and when it was made.
fn first() -> &'static (TileChoice, Instant) {
    static CHOICE: OnceLock<(TileChoice, Instant)> = OnceLock::new();
    CHOICE.get_or_init(|| {
        let mut choice = measure();
        // `kernels=12x4` in the worker's query: start on gemm's own set whatever the timing said,
        // as a misread start-up timing would (tests of `recheck_if_due`).
        if super::query_param("kernels").as_deref() == Some("12x4") {
            choice.tile = WasmTile::Wide;
        }
        use_wasm_tile(choice.tile);
        (choice, Instant::now())
    })
}

/// Time since the start-up choice before the sets are timed again in training.
const RECHECK_AFTER: Duration = Duration::from_secs(5);

/// Once per worker, between two chunks of training at least [`RECHECK_AFTER`] after the
/// start-up choice: time both sets again and keep the faster. A set can read slow through the
/// whole start-up timing: after a page that had trained, the threaded worker once read the
/// 12 × 3 set at 13 GFLOP/s in every round (51–53 where it ran clean) and kept gemm's own for
/// the session (BENCHMARKS.md, session 65). By now both sets have had their optimising compile
/// and the page has loaded. Returns the start-up choice and the new one where they differ.
pub fn recheck_if_due() -> Option<(&'static TileChoice, &'static TileChoice)> {
    static AGAIN: OnceLock<TileChoice> = OnceLock::new();
    let (choice, at) = first();
    if AGAIN.get().is_some() || at.elapsed() < RECHECK_AFTER {
        return None;
    }
    let again = AGAIN.get_or_init(|| {
        let again = measure();
        use_wasm_tile(again.tile);
        again
    });
    (again.tile != choice.tile).then_some((choice, again))
}

fn measure() -> TileChoice {
    let lhs: Vec<f32> = (0..M * K).map(|i| ((i % 97) as f32 - 48.0) / 97.0).collect();
    let rhs: Vec<f32> = (0..K * N).map(|i| ((i % 89) as f32 - 44.0) / 89.0).collect();
    let mut dst = [vec![0.0; M * N], vec![0.0; M * N]];
    let span = clock_tick() * TICKS;
    let (rounds_min, rounds_max) =
        if span > Duration::from_millis(2) { (ROUNDS_COARSE, ROUNDS_COARSE_MAX) } else { (ROUNDS, ROUNDS_MAX) };
    let started = Instant::now();
    let mut best = [TwoBest::default(); 2];
    for round in 1..=rounds_max {
        for (slot, tile) in [WasmTile::Wide, WasmTile::Narrow].into_iter().enumerate() {
            best[slot].add(seconds_per_product(span, || product_with(tile, M, K, N, &lhs, &rhs, &mut dst[slot])));
        }
        if round >= rounds_min && started.elapsed() >= SETTLE && best.iter().all(TwoBest::agree) {
            break;
        }
    }
    let gflops = |seconds: f64| (2 * M * K * N) as f64 / seconds / 1e9;
    let (wide_gflops, narrow_gflops) = (gflops(best[0].first), gflops(best[1].first));
    let agree = dst[0].iter().zip(&dst[1]).all(|(a, b)| a.to_bits() == b.to_bits());
    // A tie (within the timing's error) keeps the narrow set, the faster where it was measured.
    let tile = if agree && narrow_gflops * 1.05 >= wide_gflops { WasmTile::Narrow } else { WasmTile::Wide };
    TileChoice { tile, wide_gflops, narrow_gflops, agree }
}

/// A set's two shortest timings so far.
#[derive(Clone, Copy)]
struct TwoBest {
    first: f64,
    second: f64,
}

impl Default for TwoBest {
    fn default() -> Self {
        TwoBest { first: f64::INFINITY, second: f64::INFINITY }
    }
}

impl TwoBest {
    fn add(&mut self, seconds: f64) {
        if seconds < self.first {
            self.second = self.first;
            self.first = seconds;
        } else if seconds < self.second {
            self.second = seconds;
        }
    }

    /// Whether the two agree within [`AGREE`].
    fn agree(&self) -> bool {
        self.second <= self.first * AGREE
    }
}

/// `product` run from a tick of the clock until it has run [`PRODUCTS_MIN`] times and `span`
/// has passed: its seconds a run.
fn seconds_per_product(span: Duration, mut product: impl FnMut()) -> f64 {
    let start = next_tick(Instant::now());
    let mut runs = 0u32;
    loop {
        product();
        runs += 1;
        let elapsed = start.elapsed();
        if runs >= PRODUCTS_MIN && elapsed >= span {
            return elapsed.as_secs_f64() / f64::from(runs);
        }
    }
}

/// The clock's tick: the mean of four intervals between the moments it moves on (a pause of
/// this thread lengthens one, which only makes the timings longer).
fn clock_tick() -> Duration {
    let first = next_tick(Instant::now());
    let mut last = first;
    for _ in 0..4 {
        last = next_tick(last);
    }
    (last - first) / 4
}

/// The first reading of the clock past `after`.
fn next_tick(after: Instant) -> Instant {
    loop {
        let now = Instant::now();
        if now > after {
            return now;
        }
    }
}
