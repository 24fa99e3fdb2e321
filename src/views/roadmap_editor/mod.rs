//! The roadmap editor: initiatives, goals and the capability map, and the links between them.

mod capabilities;
mod goals;
mod initiatives;
mod list;

use crate::domain::{ItemKind, Roadmap};
use crate::route::EditorTab;
use crate::state::App;
use crate::views::confirm::Confirmation;
use crate::views::fields::Commit;
use crate::views::settings::commit_with;
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
            <nav class="tabs" aria-label="Roadmap lists">
                {EditorTab::ALL.into_iter().map(|t| view! {
                    <a href=t.href() aria-current=(t == tab).then_some("page")>
                        {t.title()} " " <span class="count">{move || count(t)}</span>
                    </a>
                }).collect_view()}
            </nav>
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
    let lines = if lines.is_empty() { vec!["Nothing else links to it. Undo brings it back.".to_string()] } else { lines };
    confirm.set(Some(Confirmation {
        title,
        lines,
        confirm_label: format!("Delete {}", kind.noun()),
        on_confirm: Callback::new(move |_| {
            let _ = app.edit(|r| crate::domain::edit::delete(r, kind, &id));
            after();
        }),
    }));
}
