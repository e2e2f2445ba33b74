//! The page's end of the worker: choose and spawn it, queue requests until it listens, decode
//! events and hand each to the listener given at spawn (the page's `hub`). It reads and sets
//! only the shared [`LabState`] (the worker's condition), so it imports no feature.
//!
//! Five builds of the worker exist; the page starts one. Trunk builds two: `worker` (WebGPU
//! and the CPU, one thread) and `worker_cpu` (the same without wgpu, CubeCL and fusion: a
//! fraction of the download), both through `worker_loader.js`. `relaxed/worker_cpu`
//! (scripts/build-relaxed.sh, in every build but `trunk serve`'s) is `worker_cpu` with relaxed
//! SIMD in its matmul kernels; it does not load where the browser lacks relaxed SIMD. The
//! threaded one (`threads/`, scripts/build-threads.sh: the CPU backend with a rayon pool in
//! shared wasm memory) and its relaxed-SIMD build (`threads-relaxed/`) exist only in builds
//! made with them. When training will be on the CPU — `backend=cpu`, or `auto` where the
//! browser offers no WebGPU adapter or only a software one (the worker decides the same way) —
//! the page starts the threaded worker if it can run (the page is cross-origin isolated, so
//! SharedArrayBuffer exists; it is there; more than one core), else `worker_cpu`; of either,
//! its relaxed-SIMD build where it is there and `WebAssembly.validate` accepts a relaxed
//! instruction.
//! Everything else (WebGPU, `backend=measure`) starts `worker`. A relaxed build that fails to
//! start gives way to its plain build, a threaded one to `worker_cpu`.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, Promise, Reflect, WebAssembly};
use leptos::prelude::{GetUntracked, Set};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

use super::state::LabState;
use replab_core::protocol::{Event, Request};
use replab_core::settings::BackendChoice;

/// The build id in the query makes each build fetch fresh worker files (Trunk does not hash
/// them); the loaders pass it on.
fn versioned(file: &str) -> String {
    format!("./{file}?v={}", env!("LAB_BUILD_ID"))
}

/// Which worker runs.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// `worker`: WebGPU and the CPU, one thread (classic worker script).
    Gpu,
    /// `worker_cpu`: the CPU only, one thread (classic worker script).
    Cpu,
    /// `relaxed/worker_cpu`: the same with relaxed SIMD in its matmul kernels.
    CpuRelaxed,
    /// The CPU worker with a thread pool (module worker).
    Threaded,
    /// The same with relaxed SIMD in its matmul kernels (`threads-relaxed/`).
    ThreadedRelaxed,
}

/// The wasm of the worker build started last, as the built site names it (the service worker
/// keeps it for offline use: `hub.rs` asks once the worker is ready).
pub fn started_wasm() -> &'static [&'static str] {
    LINK.with(|l| l.borrow().as_ref().map_or(&[][..], |l| l.kind.wasm()))
}

impl Kind {
    /// The build that takes over when this one fails to start: the relaxed ones give way to
    /// their plain builds, the threaded one to the single-threaded `worker_cpu`.
    fn fallback(self) -> Option<Kind> {
        match self {
            Kind::ThreadedRelaxed => Some(Kind::Threaded),
            Kind::Threaded | Kind::CpuRelaxed => Some(Kind::Cpu),
            Kind::Gpu | Kind::Cpu => None,
        }
    }

    /// Its name in messages.
    fn name(self) -> &'static str {
        match self {
            Kind::Gpu => "WebGPU",
            Kind::Cpu => "plain CPU",
            Kind::CpuRelaxed => "relaxed-SIMD",
            Kind::Threaded => "threaded",
            Kind::ThreadedRelaxed => "threaded relaxed-SIMD",
        }
    }

    /// Its wasm file in the built site.
    fn wasm(self) -> &'static [&'static str] {
        match self {
            Kind::Gpu => &["worker_bg.wasm"],
            Kind::Cpu => &["worker_cpu_bg.wasm"],
            Kind::CpuRelaxed => &["relaxed/worker_cpu_bg.wasm"],
            Kind::Threaded => &["threads/worker_bg.wasm"],
            Kind::ThreadedRelaxed => &["threads-relaxed/worker_bg.wasm"],
        }
    }
}

struct Link {
    worker: Option<Worker>,
    kind: Kind,
    ready: bool,
    queue: Vec<Request>,
    /// A request beyond start-up was sent (a run, files): the page has work worth keeping.
    busy: bool,
    /// The threaded worker would have been used if the page were cross-origin isolated.
    threads_need_isolation: bool,
    /// When the worker last sent anything (`Date.now()`, ms).
    last_heard: f64,
    /// Counts the workers started; a heartbeat ends when its worker is replaced.
    generation: u32,
    /// Where every event goes.
    listener: Listener,
}

/// What the page does with each event the worker sends.
type Listener = Rc<dyn Fn(Event)>;

thread_local! {
    static LINK: RefCell<Option<Link>> = const { RefCell::new(None) };
    /// Called before every request that [replaces the worker's model](Request::replaces_model).
    static BEFORE_REPLACING: RefCell<Option<ReplacingHook>> = const { RefCell::new(None) };
}

/// What [`before_replacing`] keeps.
type ReplacingHook = Rc<dyn Fn(&Request)>;

/// Have `hook` run just before any request that replaces the worker's model is sent (so that
/// what it sends first, the worker answers first). The page keeps a finished, unsaved run this
/// way, whichever control replaces it.
pub fn before_replacing(hook: impl Fn(&Request) + 'static) {
    BEFORE_REPLACING.with(|h| *h.borrow_mut() = Some(Rc::new(hook)));
}

fn get(target: &JsValue, key: &str) -> Option<JsValue> {
    Reflect::get(target, &JsValue::from_str(key)).ok().filter(|v| !v.is_undefined() && !v.is_null())
}

/// `self.crossOriginIsolated`: SharedArrayBuffer, hence a wasm thread pool, is available.
pub fn cross_origin_isolated() -> bool {
    get(&js_sys::global(), "crossOriginIsolated").and_then(|v| v.as_bool()).unwrap_or(false)
}

fn cores() -> u32 {
    web_sys::window().map(|w| w.navigator().hardware_concurrency()).filter(|n| n.is_finite()).unwrap_or(1.0) as u32
}

/// Whether this build shipped the worker build `name` (`threads`, `threads-relaxed`,
/// `relaxed`): scripts/post-build.mjs marks the page (`<meta name="replab-threads"
/// content="on">`) for each it built.
fn build_present(name: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(&format!(r#"meta[name="replab-{name}"][content="on"]"#)).ok().flatten())
        .is_some()
}

/// A module of one function, `v128.const 0` three times then `f32x4.relaxed_madd`: it
/// validates only where the browser runs relaxed SIMD.
#[rustfmt::skip]
const RELAXED_MADD_MODULE: [u8; 82] = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // "\0asm", version 1
    0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, // types: one, () -> v128
    0x03, 0x02, 0x01, 0x00, // functions: one, of type 0
    0x0a, 0x3d, 0x01, 0x3b, 0x00, // code: one body of 59 bytes, no locals
    0xfd, 0x0c, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // v128.const 0
    0xfd, 0x0c, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0xfd, 0x0c, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0xfd, 0x85, 0x02, // f32x4.relaxed_madd (0xfd, LEB128 0x105)
    0x0b, // end
];

/// Whether this browser runs relaxed SIMD.
fn relaxed_simd() -> bool {
    WebAssembly::validate(&js_sys::Uint8Array::from(&RELAXED_MADD_MODULE[..])).unwrap_or(false)
}

/// Whether the worker will train on the CPU for `backend`: `cpu`, or `auto` without a hardware
/// WebGPU adapter (the worker decides the same way: `lab::backend::choose_backend`).
async fn trains_on_cpu(backend: BackendChoice) -> bool {
    match backend {
        BackendChoice::Cpu => true,
        BackendChoice::Auto => !hardware_adapter().await,
        BackendChoice::WebGpu | BackendChoice::Measure => false,
    }
}

/// `navigator.gpu.requestAdapter()` gives an adapter that is not a software fallback.
async fn hardware_adapter() -> bool {
    let Some(navigator) = web_sys::window().map(|w| JsValue::from(w.navigator())) else { return false };
    let Some(gpu) = get(&navigator, "gpu") else { return false };
    let Some(request) = get(&gpu, "requestAdapter").and_then(|f| f.dyn_into::<Function>().ok()) else { return false };
    let Some(promise) = request.call0(&gpu).ok().and_then(|p| p.dyn_into::<Promise>().ok()) else { return false };
    let Some(adapter) = JsFuture::from(promise).await.ok().filter(|a| !a.is_null() && !a.is_undefined()) else {
        return false;
    };
    let flag = |v: Option<JsValue>| v.and_then(|v| v.as_bool()).unwrap_or(false);
    let fallback = flag(get(&adapter, "isFallbackAdapter")) || flag(get(&adapter, "info").and_then(|i| get(&i, "isFallbackAdapter")));
    !fallback
}

/// Which worker to start, and whether the threaded one was held back only by the missing
/// cross-origin isolation.
async fn choose(backend: BackendChoice) -> (Kind, bool) {
    if !trains_on_cpu(backend).await {
        return (Kind::Gpu, false);
    }
    let relaxed = relaxed_simd();
    let single = if relaxed && build_present("relaxed") { Kind::CpuRelaxed } else { Kind::Cpu };
    if cores() < 2 || !build_present("threads") {
        return (single, false);
    }
    if !cross_origin_isolated() {
        return (single, true);
    }
    (if relaxed && build_present("threads-relaxed") { Kind::ThreadedRelaxed } else { Kind::Threaded }, false)
}

fn post_now(worker: &Worker, request: &Request) -> Result<(), String> {
    let value = serde_wasm_bindgen::to_value(request).map_err(|e| e.to_string())?;
    worker.post_message(&value).map_err(|e| format!("{e:?}"))
}

/// Start the worker for `backend`; every event it sends goes to `listener`. Requests sent
/// meanwhile wait in the queue.
pub fn spawn(state: LabState, listener: impl Fn(Event) + 'static, backend: BackendChoice) {
    let listener: Listener = Rc::new(listener);
    LINK.with(|l| {
        *l.borrow_mut() =
            Some(Link {
                worker: None,
                kind: Kind::Gpu,
                ready: false,
                queue: Vec::new(),
                busy: false,
                threads_need_isolation: false,
                last_heard: js_sys::Date::now(),
                generation: 0,
                listener,
            })
    });
    wasm_bindgen_futures::spawn_local(async move {
        let (kind, need_isolation) = choose(backend).await;
        LINK.with(|l| {
            if let Some(link) = l.borrow_mut().as_mut() {
                link.threads_need_isolation = need_isolation;
            }
        });
        start(state, kind);
    });
}

fn start(state: LabState, kind: Kind) {
    let worker = match kind {
        Kind::Gpu => Worker::new(&versioned("worker_loader.js")),
        Kind::Cpu => Worker::new(&format!("{}&bin=worker_cpu", versioned("worker_loader.js"))),
        Kind::CpuRelaxed => Worker::new(&format!("{}&bin=relaxed/worker_cpu", versioned("worker_loader.js"))),
        Kind::Threaded | Kind::ThreadedRelaxed => {
            let options = WorkerOptions::new();
            options.set_type(WorkerType::Module);
            let build = if kind == Kind::ThreadedRelaxed { "&build=threads-relaxed" } else { "" };
            Worker::new_with_options(&format!("{}{build}", versioned("worker_threads_loader.js")), &options)
        }
    };
    let worker = match worker {
        Ok(worker) => worker,
        Err(e) if kind.fallback().is_some() => return fall_back(state, kind, &format!("{e:?}")),
        Err(e) => return state.error.set(Some(format!("the training worker could not start: {e:?}"))),
    };
    let Some(listener) = LINK.with(|l| l.borrow().as_ref().map(|l| l.listener.clone())) else { return };
    let apply = listener.clone();
    let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        heard(state);
        match serde_wasm_bindgen::from_value::<Event>(e.data()) {
            Ok(Event::Pong { .. }) => {}
            Ok(Event::WorkerReady) => {
                flush();
                apply(Event::WorkerReady);
            }
            Ok(event @ (Event::Crashed { .. } | Event::GpuLost { .. })) => {
                stop();
                apply(event);
            }
            Ok(event) => apply(event),
            Err(err) => state.error.set(Some(format!("unreadable message from the worker: {err}"))),
        }
    });
    worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    let onerror = Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |e: web_sys::ErrorEvent| {
        // A threaded or relaxed worker that fails before it listens (no shared memory after
        // all, a module worker or an instruction the browser refuses): the plain one takes
        // over, with the queue.
        let early = LINK.with(|l| l.borrow().as_ref().filter(|l| l.kind.fallback().is_some() && !l.ready).map(|l| l.kind));
        if let Some(kind) = early {
            e.prevent_default();
            fall_back(state, kind, &e.message());
        } else {
            // A trap or out-of-memory skips the worker's panic hook: end the run here, so the
            // page does not say "Training" forever. What such a worker does next cannot be
            // trusted: it is stopped (`worker-restart` starts another).
            stop();
            listener(Event::Crashed { message: format!("{} (out of memory, or a failure in the worker)", e.message()) });
        }
    });
    worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
    onerror.forget();
    let generation = LINK.with(|l| {
        let mut l = l.borrow_mut();
        let link = l.as_mut()?;
        link.worker = Some(worker);
        link.kind = kind;
        link.last_heard = js_sys::Date::now();
        link.generation += 1;
        Some(link.generation)
    });
    state.unresponsive.set(None);
    if let Some(generation) = generation {
        watch(state, generation);
    }
    // A worker whose wasm never arrives (a failed download, a refused module) says nothing:
    // after a while, say so instead of "Starting…" forever.
    wasm_bindgen_futures::spawn_local(async move {
        gloo_timers::future::TimeoutFuture::new(START_TIMEOUT_MS).await;
        let ready = LINK.with(|l| l.borrow().as_ref().is_some_and(|l| l.ready));
        if !ready {
            state.loading.set(false);
            state.error.set(Some(format!(
                "The training worker has not started after {} s: its code may have failed to download. Check the \
                 connection and reload the page (your settings are kept in the address bar).",
                START_TIMEOUT_MS / 1000
            )));
        }
    });
}

/// How long a worker may take to say it is ready.
const START_TIMEOUT_MS: u32 = 60_000;
/// How often the page asks a listening worker whether it is there.
const HEARTBEAT_MS: u32 = 5_000;
/// Silence after which the page says the worker is not answering. Generous: on the CPU a
/// worker answers only between training chunks (a few seconds at most on a slow machine).
const UNRESPONSIVE_MS: f64 = 30_000.0;

/// The worker said something: it is alive.
fn heard(state: LabState) {
    LINK.with(|l| {
        if let Some(link) = l.borrow_mut().as_mut() {
            link.last_heard = js_sys::Date::now();
        }
    });
    if state.unresponsive.get_untracked().is_some() {
        state.unresponsive.set(None);
    }
}

/// The heartbeat of worker `generation`: every [`HEARTBEAT_MS`] a [`Request::Ping`] once it
/// listens, and `state.unresponsive` set once nothing has come back for [`UNRESPONSIVE_MS`]
/// (cleared by the next message). Ends when that worker is stopped or replaced.
fn watch(state: LabState, generation: u32) {
    wasm_bindgen_futures::spawn_local(async move {
        let mut n = 0u32;
        loop {
            gloo_timers::future::TimeoutFuture::new(HEARTBEAT_MS).await;
            let now = js_sys::Date::now();
            let Some(silent) = LINK.with(|l| {
                let l = l.borrow();
                let link = l.as_ref().filter(|l| l.generation == generation)?;
                let worker = link.worker.as_ref()?;
                if !link.ready {
                    // Start-up has its own timeout.
                    return Some(0.0);
                }
                n = n.wrapping_add(1);
                if let Err(e) = post_now(worker, &Request::Ping { n }) {
                    web_sys::console::error_1(&e.into());
                }
                Some(now - link.last_heard)
            }) else {
                return;
            };
            if silent >= UNRESPONSIVE_MS {
                state.unresponsive.set(Some((silent / 1000.0) as u32));
            }
        }
    });
}

/// Start `kind`'s fallback in place of `kind`, which failed to start.
fn fall_back(state: LabState, kind: Kind, why: &str) {
    let Some(next) = kind.fallback() else { return };
    web_sys::console::warn_1(&format!("the {} training worker did not start ({why}); using the {} one", kind.name(), next.name()).into());
    stop();
    start(state, next);
}

/// Stop the worker (one that crashed, or a threaded one that failed to start): no message of it
/// reaches the page any more, requests wait for the next one.
fn stop() {
    LINK.with(|l| {
        if let Some(link) = l.borrow_mut().as_mut() {
            if let Some(worker) = link.worker.take() {
                worker.set_onmessage(None);
                worker.set_onerror(None);
                worker.terminate();
            }
            link.ready = false;
        }
    });
}

/// Replace the worker (one that crashed, or one on a lost GPU) by a fresh one for `backend`
/// (chosen again: going on on the CPU starts a CPU worker); requests sent from now on wait for
/// it. What it had loaded must be asked for again.
pub fn restart(state: LabState, backend: BackendChoice) {
    stop();
    LINK.with(|l| {
        if let Some(link) = l.borrow_mut().as_mut() {
            link.queue.clear();
            link.busy = false;
        }
    });
    wasm_bindgen_futures::spawn_local(async move {
        let (kind, _) = choose(backend).await;
        start(state, kind);
    });
}

fn flush() {
    LINK.with(|l| {
        if let Some(link) = l.borrow_mut().as_mut() {
            link.ready = true;
            let Some(worker) = &link.worker else { return };
            for request in link.queue.drain(..) {
                if let Err(e) = post_now(worker, &request) {
                    web_sys::console::error_1(&e.into());
                }
            }
        }
    });
}

/// Send a request (queued until the worker listens).
pub fn send(request: Request) {
    if request.replaces_model()
        && let Some(hook) = BEFORE_REPLACING.with(|h| h.borrow().clone())
    {
        hook(&request);
    }
    LINK.with(|l| match l.borrow_mut().as_mut() {
        Some(link) => {
            link.busy |= !matches!(
                request,
                Request::Init { .. } | Request::LoadDataset { .. } | Request::TestImages { .. } | Request::Thumbnail { .. }
            );
            match &link.worker {
                Some(worker) if link.ready => {
                    if let Err(e) = post_now(worker, &request) {
                        web_sys::console::error_1(&e.into());
                    }
                }
                _ => link.queue.push(request),
            }
        }
        None => web_sys::console::error_1(&"no worker to send to".into()),
    });
}

/// Whether a reload would switch this page to the threaded worker and lose nothing: it runs
/// the single-threaded worker only because the page is not cross-origin isolated, and nothing
/// but start-up was asked of it yet. (The service worker adds the isolation headers to what it
/// serves; see `service_worker`.)
pub fn reload_would_add_threads() -> bool {
    LINK.with(|l| l.borrow().as_ref().is_some_and(|l| l.threads_need_isolation && !l.busy && !cross_origin_isolated()))
}
