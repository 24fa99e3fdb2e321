//! The roadmap editor: initiatives, goals and the capability map, and the links between them.

mod capabilities;
mod goals;
mod initiatives;

use crate::domain::{ItemKind, Roadmap};
use crate::route::EditorTab;
use crate::state::App;
use crate::ui::confirm::{confirmer, Confirmation};
use crate::ui::fields::commit_with;
use crate::ui::fields::{Commit, ItemProblems};
use crate::ui::tabs::{Tab, TabBar};
use leptos::prelude::*;

#[component]
pub fn RoadmapEditor(tab: EditorTab) -> impl IntoView {
    let app = expect_context::<App>();
    let count = move |t: EditorTab| {
        app.roadmap.with(|r| match t {
            EditorTab::Initiatives => r.initiatives.len(),
            EditorTab::Goals => r.goals.len(),
            EditorTab::Capabilities => r.capabilities.len(),
        })
    };
    view! {
        <section class="view editor" aria-labelledby="view-title">
            <h2 id="view-title" class="visually-hidden">"Roadmap editor"</h2>
            <TabBar label="Roadmap lists" tabs=EditorTab::ALL.into_iter().map(|t| {
                Tab::new(t.title(), t.href(), t == tab).with_count(move || count(t))
            }).collect()/>
            {match tab {
                EditorTab::Initiatives => view! { <initiatives::Initiatives/> }.into_any(),
                EditorTab::Goals => view! { <goals::Goals/> }.into_any(),
                EditorTab::Capabilities => view! { <capabilities::Capabilities/> }.into_any(),
            }}
        </section>
    }
}

/// Rows of a list are keyed by the identity of the item's `Arc`: an edit makes a new one
/// (the undo history holds the old), so exactly the edited rows are drawn again.
///
/// A commit that edits one item found by id; the item may have been deleted meanwhile.
fn item_commit<T: 'static>(
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
fn ItemPanel(
    kind: ItemKind,
    id: String,
    selected: RwSignal<Option<String>>,
    #[prop(into)] title: Signal<String>,
    #[prop(into)] exists: Signal<bool>,
    children: Children,
) -> impl IntoView {
    let app = expect_context::<App>();
    let confirm = confirmer();
    Effect::new(move |_| {
        if !exists.get() {
            selected.set(None);
        }
    });
    let heading = panel_heading(kind);
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
fn panel_heading(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Goal => "goal-panel-title",
        ItemKind::Capability => "capability-panel-title",
        _ => "initiative-panel-title",
    }
}

/// Opens an item's panel from its row and moves focus to it.
fn open_panel(selected: RwSignal<Option<String>>, kind: ItemKind, id: String) {
    selected.set(Some(id));
    crate::ui::fields::focus_later(panel_heading(kind));
}
