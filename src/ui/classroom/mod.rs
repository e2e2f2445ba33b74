//! The classroom without a server. A student's "Share result" on a saved run gives a link with
//! the run's settings and figures, never its weights (`share.rs`); a teacher pastes a class's
//! links into one table, with the class's sweep where the students varied one number
//! (`table.rs`). The table is kept in this browser, so a reload loses nothing; a page opened
//! from a result link offers to add it. The link format and the table's logic are
//! `replab_core::classroom`.

mod share;
mod sweep_chart;
mod table;

pub use share::ShareResult;
pub use table::{ClassPanel, OpenedResult};

use leptos::prelude::*;

use replab_core::classroom::{ClassTable, SharedResult};

/// localStorage keys: the table, and the student's name for their links.
const TABLE_KEY: &str = "replab-class-table";
const NAME_KEY: &str = "replab-student-name";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

#[derive(Clone, Copy)]
pub struct ClassState {
    /// The teacher's table.
    pub table: RwSignal<ClassTable>,
    /// The result link this page was opened with, until it is added or dismissed.
    pub opened: RwSignal<Option<SharedResult>>,
    /// The student's name for their result links.
    pub name: RwSignal<String>,
    /// Why the stored table could not be kept (storage full or refused), if it could not.
    pub unsaved: RwSignal<Option<String>>,
}

impl ClassState {
    /// The stored table and name, and the result the page's link carries (if it is one).
    pub fn new() -> Self {
        let stored = |key| storage().and_then(|s| s.get_item(key).ok().flatten());
        let table = stored(TABLE_KEY).and_then(|json| serde_json::from_str(&json).ok()).unwrap_or_default();
        let query = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
        let opened = query.contains("r_loss=").then(|| SharedResult::from_link(&query).ok()).flatten();
        Self {
            table: RwSignal::new(table),
            opened: RwSignal::new(opened),
            name: RwSignal::new(stored(NAME_KEY).unwrap_or_default()),
            unsaved: RwSignal::new(None),
        }
    }

    /// Change the table and keep it.
    pub fn update(&self, change: impl FnOnce(&mut ClassTable)) {
        self.table.update(change);
        let json = self.table.with_untracked(|t| serde_json::to_string(t).expect("plain data always serialises"));
        let kept = storage().ok_or("this browser keeps no local data".to_string()).and_then(|s| {
            s.set_item(TABLE_KEY, &json).map_err(|e| format!("{e:?}"))
        });
        self.unsaved.set(kept.err().map(|e| {
            format!("The table could not be kept in this browser ({e}): download it as CSV before leaving the page.")
        }));
    }

    /// Remember the student's name for their next links.
    pub fn set_name(&self, name: String) {
        if let Some(s) = storage() {
            let _ = s.set_item(NAME_KEY, &name);
        }
        self.name.set(name);
    }
}
