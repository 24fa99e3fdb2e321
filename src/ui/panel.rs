//! The side panel that edits one item (an initiative, goal, capability, application or
//! technology): its heading, checks, fields, Duplicate and Delete, and the helpers that
//! open it and commit its fields. One home for every list-and-panel editor.

use crate::domain::{ItemKind, Roadmap};
use crate::state::App;
use crate::ui::confirm::{confirmer, Confirmation};
use crate::ui::fields::{commit_with, Commit, ItemProblems};
use leptos::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};

/// Rows of a list are keyed by the identity of the item's `Arc`: an edit makes a new one
/// (the undo history holds the old), so exactly the edited rows are drawn again.
///
/// A commit that edits one item found by id; the item may have been deleted meanwhile.
pub fn item_commit<T: 'static>(
    app: App,
    kind: ItemKind,
    id: String,
    find: for<'a> fn(&'a mut Roadmap, &str) -> Option<&'a mut T>,
    change: fn(&mut T, String) -> Result<(), String>,
) -> Commit {
    commit_with(app, move |r, text| {
        let item = find(r, &id).ok_or_else(|| format!("This {} no longer exists.", kind.noun()))?;
        change(item, text)
    })
}

/// Asks before deleting; lists what will be unlinked.
fn ask_delete(
    app: App,
    confirm: RwSignal<Option<Confirmation>>,
    kind: ItemKind,
    id: String,
    after: impl Fn() + Send + Sync + 'static,
) {
    let (title, lines) = app.roadmap.with_untracked(|r| {
        (format!("Delete {}?", r.describe(kind, &id)), crate::domain::edit::delete_impact(r, kind, &id))
    });
    let lines =
        if lines.is_empty() { vec!["Nothing else links to it. Undo brings it back.".to_string()] } else { lines };
    confirm.set(Some(Confirmation {
        title,
        lines,
        confirm_label: format!("Delete {}", kind.noun()),
        on_confirm: Callback::new(move |_| {
            if app.edit_or_tell(|r| crate::domain::edit::delete(r, kind, &id)) {
                after();
            }
        }),
    }));
}

/// The side panel that edits one item: its name as heading (focused when a row opens it),
/// its checks, the fields, and Duplicate / Delete. Closes when the item goes away.
#[component]
pub fn ItemPanel(
    kind: ItemKind,
    id: String,
    selected: RwSignal<Option<String>>,
    #[prop(into)] title: Signal<String>,
    #[prop(into)] exists: Signal<bool>,
    children: Children,
) -> impl IntoView {
    let app = crate::ui::context::<App>();
    let confirm = confirmer();
    Effect::new(move |_| {
        if !exists.get() {
            selected.set(None);
        }
    });
    let heading = panel_heading(kind);
    // Opened from a row while its chunk was still loading: the focus moves here on arrival.
    if FOCUS_ON_ARRIVAL.swap(false, Ordering::Relaxed) {
        crate::ui::fields::focus_later(panel_heading_selector(kind));
    }
    let noun = kind.noun();
    let (id_dup, id_del) = (id.clone(), id.clone());
    view! {
        <aside class="editor-panel" aria-labelledby=heading>
            <div class="panel-head">
                <h3 id=heading tabindex="-1">{title}</h3>
                <button type="button" class="quiet" aria-label=format!("Close {noun} details") on:click=move |_| selected.set(None)>"✕"</button>
            </div>
            <ItemProblems id/>
            {children()}
            <div class="panel-actions">
                <button type="button" on:click=move |_| {
                    let mut new_id = None;
                    if app.edit_or_tell(|r| new_id = crate::domain::edit::duplicate(r, kind, &id_dup)) && new_id.is_some() {
                        selected.set(new_id);
                    }
                }>{format!("Duplicate {noun}")}</button>
                <button type="button" class="danger" on:click=move |_| ask_delete(app, confirm, kind, id_del.clone(), move || selected.set(None))>
                    {format!("Delete {noun}…")}
                </button>
            </div>
        </aside>
    }
}

/// The id of an item panel's heading (rows move focus there).
pub fn panel_heading(kind: ItemKind) -> &'static str {
    // Its id: the selector without its "#".
    &panel_heading_selector(kind)[1..]
}

/// [`panel_heading`] as a selector ("#goal-panel-title"), for `focus_later`.
fn panel_heading_selector(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Goal => "#goal-panel-title",
        ItemKind::Capability => "#capability-panel-title",
        ItemKind::Application => "#application-panel-title",
        ItemKind::Technology => "#technology-panel-title",
        _ => "#initiative-panel-title",
    }
}

/// Set when a row opens a panel: the panel takes the focus when it is drawn (at once, or when
/// its chunk has loaded).
static FOCUS_ON_ARRIVAL: AtomicBool = AtomicBool::new(false);

/// Opens an item's panel from its row and moves focus to it.
pub fn open_panel(selected: RwSignal<Option<String>>, kind: ItemKind, id: String) {
    FOCUS_ON_ARRIVAL.store(true, Ordering::Relaxed);
    selected.set(Some(id));
    crate::ui::fields::focus_later(panel_heading_selector(kind));
}

/// Makes a link edit (add, change or remove a link of the open item); a refusal is shown
/// in `error`, a success clears it.
pub fn link_edit(app: App, error: RwSignal<Option<String>>, change: impl FnOnce(&mut Roadmap)) {
    match app.edit(change) {
        Ok(()) => error.set(None),
        Err(refusal) => error.set(Some(refusal.into_reason())),
    }
}
