//! Full datasets one click away: the full MNIST and Fashion-MNIST (60,000 training and 10,000
//! test images each) that the host offers beside the shipped subsets (`data/full/manifest.json`,
//! written by `scripts/post-build/full-data.mjs`). Fetched only on request with a progress bar,
//! checked against the manifest's sizes and SHA-256, kept in IndexedDB for later visits and
//! offline use until the visitor forgets them, and used in place of the subset while chosen
//! (the choice is remembered). A broken download, a checksum mismatch or a full disk gets a
//! message and leaves the loaded data as it was.

mod download;
mod store;

use std::collections::{BTreeMap, HashMap};

use leptos::prelude::*;
use serde::Deserialize;

use super::progress::format_eta;
use super::state::LabState;
use super::worker_link::send;
use replab_core::data::DatasetId;
use replab_core::protocol::{Request, UserFile};
use replab_core::thousands::thousands;

const MANIFEST: &str = "data/full/manifest.json";
/// localStorage: the keys of the datasets whose full version is in use, comma-separated.
const IN_USE: &str = "replab.full-data.in-use";

/// One file of an offered dataset, as the manifest lists it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct OfferedFile {
    pub path: String,
    pub bytes: u64,
    pub sha256: String,
}

/// A full dataset the host offers.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Offer {
    pub name: String,
    pub train: usize,
    pub test: usize,
    pub source: String,
    pub licence: String,
    pub files: Vec<OfferedFile>,
}

impl Offer {
    fn bytes(&self) -> u64 {
        self.files.iter().map(|f| f.bytes).sum()
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Manifest {
    datasets: BTreeMap<String, Offer>,
}

/// Where one full dataset stands in this browser.
#[derive(Debug, Clone, PartialEq)]
pub enum Standing {
    /// Offered by the host, not stored here.
    Offered,
    Downloading { received: u64, total: u64, started_ms: f64 },
    /// Downloaded; being checked and stored.
    Checking,
    /// Kept in this browser (`bytes` in all).
    Stored { bytes: u64 },
}

/// The full datasets' state: what the host offers, what is stored, which are in use.
#[derive(Clone, Copy)]
pub struct FullData {
    /// `None` while the manifest loads; `Err` when the host offers none.
    offers: RwSignal<Option<Result<BTreeMap<String, Offer>, String>>>,
    standing: RwSignal<HashMap<DatasetId, Standing>>,
    in_use: RwSignal<Vec<DatasetId>>,
    /// The last failure, said under the list.
    error: RwSignal<Option<String>>,
    /// The manifest was asked for.
    asked: StoredValue<bool>,
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn read_in_use() -> Vec<DatasetId> {
    let saved = local_storage().and_then(|s| s.get_item(IN_USE).ok().flatten()).unwrap_or_default();
    saved.split(',').filter_map(DatasetId::from_key).collect()
}

fn write_in_use(ids: &[DatasetId]) {
    let value = ids.iter().map(|id| id.key()).collect::<Vec<_>>().join(",");
    if let Some(s) = local_storage() {
        let _ = s.set_item(IN_USE, &value);
    }
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

impl FullData {
    /// The state: which full sets are in use (remembered); the host's offers are read when the
    /// visitor first opens the list ([`FullData::discover`]), so that a page that never asks
    /// makes no request for them (offline, or on a host without them).
    pub fn new() -> FullData {
        FullData { offers: RwSignal::new(None), standing: RwSignal::new(HashMap::new()), in_use: RwSignal::new(read_in_use()), error: RwSignal::new(None), asked: StoredValue::new(false) }
    }

    /// Read the host's manifest and what this browser keeps (once).
    fn discover(self) {
        if self.asked.get_value() {
            return;
        }
        self.asked.set_value(true);
        let full = self;
        wasm_bindgen_futures::spawn_local(async move {
            let manifest = match download::fetch_with_progress(MANIFEST, |_| {}).await {
                Ok(bytes) => serde_json::from_slice::<Manifest>(&bytes).map(|m| m.datasets).map_err(|e| format!("its manifest is unreadable: {e}")),
                Err(e) => Err(e),
            };
            if let Ok(offers) = &manifest {
                for key in offers.keys() {
                    let Some(id) = DatasetId::from_key(key) else { continue };
                    let standing = match store::stored_bytes(id).await {
                        Ok(Some(bytes)) => Standing::Stored { bytes },
                        _ => Standing::Offered,
                    };
                    full.standing.update(|s| {
                        s.insert(id, standing);
                    });
                }
            }
            full.offers.set(Some(manifest));
        });
    }

    fn offer(&self, id: DatasetId) -> Option<Offer> {
        self.offers.with_untracked(|o| o.as_ref().and_then(|o| o.as_ref().ok()).and_then(|o| o.get(id.key()).cloned()))
    }

    fn set_standing(&self, id: DatasetId, standing: Standing) {
        self.standing.update(|s| {
            s.insert(id, standing);
        });
    }

    fn set_in_use(&self, id: DatasetId, on: bool) {
        self.in_use.update(|ids| {
            ids.retain(|&i| i != id);
            if on {
                ids.push(id);
            }
            write_in_use(ids);
        });
    }

    /// Download, check, keep and use the full `id`.
    fn fetch(self, state: LabState, id: DatasetId) {
        let Some(offer) = self.offer(id) else { return };
        if state.busy_now() {
            self.error.set(Some("Stop the current run before loading other data.".into()));
            return;
        }
        self.error.set(None);
        let total = offer.bytes();
        self.set_standing(id, Standing::Downloading { received: 0, total, started_ms: js_sys::Date::now() });
        wasm_bindgen_futures::spawn_local(async move {
            match self.download(&offer, id, total).await {
                Ok(files) => {
                    if let Err(e) = store::put(id, &files).await {
                        self.error.set(Some(format!("The full {} is loaded for this visit but could not be kept: {e}.", offer.name)));
                        self.set_standing(id, Standing::Offered);
                    } else {
                        self.set_standing(id, Standing::Stored { bytes: total });
                    }
                    self.set_in_use(id, true);
                    use_files(state, id, files);
                }
                Err(e) => {
                    self.error.set(Some(format!("The full {} was not loaded: {e}. The data loaded before stays.", offer.name)));
                    self.set_standing(id, Standing::Offered);
                }
            }
        });
    }

    /// Every file of `offer`, checked.
    async fn download(&self, offer: &Offer, id: DatasetId, total: u64) -> Result<Vec<Vec<u8>>, String> {
        let started_ms = js_sys::Date::now();
        let mut done = 0;
        let mut files = Vec::with_capacity(offer.files.len());
        for file in &offer.files {
            let bytes = download::fetch_with_progress(&file.path, |received| {
                self.set_standing(id, Standing::Downloading { received: done + received, total, started_ms });
            })
            .await?;
            done += bytes.len() as u64;
            files.push(bytes);
        }
        self.set_standing(id, Standing::Checking);
        for (file, bytes) in offer.files.iter().zip(&files) {
            download::check(file, bytes).await?;
        }
        Ok(files)
    }

    /// Use the stored full `id` (`true`) or go back to the shipped subset (`false`).
    fn choose(self, state: LabState, id: DatasetId, full: bool) {
        if state.busy_now() {
            self.error.set(Some("Stop the current run before loading other data.".into()));
            return;
        }
        self.set_in_use(id, full);
        if state.settings.with_untracked(|s| s.dataset) == id || full {
            state.settings.update(|s| s.dataset = id);
            self.load(state, id);
        }
    }

    fn forget(self, state: LabState, id: DatasetId) {
        let files = self.offer(id).map_or(4, |o| o.files.len());
        let was_in_use = self.in_use.with_untracked(|ids| ids.contains(&id));
        wasm_bindgen_futures::spawn_local(async move {
            match store::forget(id, files).await {
                Ok(()) => {
                    self.set_standing(id, Standing::Offered);
                    if was_in_use {
                        self.choose(state, id, false);
                    }
                }
                Err(e) => self.error.set(Some(format!("Could not forget the full {}: {e}.", id.title()))),
            }
        });
    }

    /// Load dataset `id`: its stored full version when that is in use, else the shipped subset.
    pub fn load(self, state: LabState, id: DatasetId) {
        state.loading.set(true);
        if !self.in_use.with_untracked(|ids| ids.contains(&id)) {
            send(Request::LoadDataset { id });
            return;
        }
        wasm_bindgen_futures::spawn_local(async move {
            match store::files(id).await {
                Ok(files) => use_files(state, id, files),
                Err(e) => {
                    self.error.set(Some(format!("{e}; the subset is loaded instead.")));
                    self.set_in_use(id, false);
                    send(Request::LoadDataset { id });
                }
            }
        });
    }
}

fn use_files(state: LabState, id: DatasetId, files: Vec<Vec<u8>>) {
    state.loading.set(true);
    let files = files.into_iter().zip(id.files()).map(|(bytes, name)| UserFile { name: (*name).into(), bytes }).collect();
    send(Request::LoadFull { id, files });
}

/// One offered dataset's row: its size, provenance and the action that fits where it stands.
#[component]
fn OfferRow(id: DatasetId, offer: Offer) -> impl IntoView {
    let state = expect_context::<LabState>();
    let full = expect_context::<FullData>();
    let standing = move || full.standing.with(|s| s.get(&id).cloned()).unwrap_or(Standing::Offered);
    let in_use = move || full.in_use.with(|ids| ids.contains(&id));
    let size = megabytes(offer.bytes());
    let name = offer.name.clone();
    let title = format!("Full {} · {} training + {} test images · {size}", offer.name, thousands(offer.train), thousands(offer.test));
    let about = format!("From {}; licence {}.", offer.source, offer.licence);
    let key = id.key();
    let actions = move || match standing() {
        Standing::Offered => view! {
            <button data-testid="full-dataset-fetch" data-dataset=key prop:disabled=move || state.busy() on:click=move |_| full.fetch(state, id)>
                {format!("Download full {name} ({size})")}
            </button>
        }
        .into_any(),
        Standing::Downloading { received, total, started_ms } => {
            let seconds = (js_sys::Date::now() - started_ms) / 1000.0;
            let eta = if received > 0 && seconds > 0.2 {
                format!(" · {} left", format_eta((total - received) as f64 / (received as f64 / seconds)))
            } else {
                String::new()
            };
            view! {
                <progress data-testid="full-dataset-progress" max=total as f64 value=received as f64></progress>
                <span class="hint">{format!("{} of {}{eta}", megabytes(received), megabytes(total))}</span>
            }
            .into_any()
        }
        Standing::Checking => view! { <span class="hint">"Checking and keeping it…"</span> }.into_any(),
        Standing::Stored { bytes } => view! {
            <span class="hint">{format!("Kept in this browser ({})", megabytes(bytes))}</span>
            {move || if in_use() {
                view! { <button data-testid="full-dataset-subset" prop:disabled=move || state.busy() on:click=move |_| full.choose(state, id, false)>"Use the subset"</button> }.into_any()
            } else {
                view! { <button data-testid="full-dataset-use" prop:disabled=move || state.busy() on:click=move |_| full.choose(state, id, true)>"Use it"</button> }.into_any()
            }}
            <button data-testid="full-dataset-forget" class="secondary" prop:disabled=move || state.busy() on:click=move |_| full.forget(state, id)>"Forget"</button>
        }
        .into_any(),
    };
    let data_state = move || match standing() {
        Standing::Offered => "offered",
        Standing::Downloading { .. } => "downloading",
        Standing::Checking => "checking",
        Standing::Stored { .. } if in_use() => "in-use",
        Standing::Stored { .. } => "stored",
    };
    view! {
        <li data-testid="full-dataset" data-dataset=key data-state=data_state>
            <strong>{title}</strong>
            <div class="full-data-actions">{actions}</div>
            <p class="hint">{about}</p>
        </li>
    }
}

/// `full-datasets`: the full datasets the host offers, under the dataset picker.
#[component]
pub fn FullDatasets() -> impl IntoView {
    let full = expect_context::<FullData>();
    let list = move || match full.offers.get() {
        None => view! { <p class="hint">"Looking for full datasets…"</p> }.into_any(),
        Some(Err(e)) => view! {
            <p class="hint">{format!("No full datasets could be listed ({e}). A copy of the lab may be built without them (docs/hosting.md), or the site cannot be reached.")}</p>
        }
        .into_any(),
        Some(Ok(offers)) => view! {
            <ul class="full-data-list">
                {DatasetId::SHIPPED
                    .iter()
                    .filter_map(|&id| offers.iter().find(|(key, _)| DatasetId::from_key(key) == Some(id)).map(|(_, offer)| (id, offer.clone())))
                    .map(|(id, offer)| view! { <OfferRow id offer/> })
                    .collect_view()}
            </ul>
        }
        .into_any(),
    };
    view! {
        <details class="full-data" data-testid="full-datasets" on:toggle=move |_| full.discover()>
            <summary>"Full datasets (60,000 training images)"</summary>
            <p class="hint">"The lab ships subsets (10,000 training images) so that it opens fast. The full sets download only when you ask, are checked, and stay in this browser for later visits and offline use until you forget them."</p>
            {list}
            {move || full.error.get().map(|e| view! { <p class="error" data-testid="full-dataset-error" role="alert">{e}</p> })}
        </details>
    }
}
