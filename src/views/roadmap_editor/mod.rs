//! The roadmap editor: initiatives, goals and the capability map, and the links between them.

mod capabilities;
mod goals;
mod initiatives;

use crate::route::EditorTab;
use crate::state::App;
use crate::ui::lazy::{split_point, Lazy};
use crate::ui::tabs::{Tab, TabBar};
use leptos::prelude::*;

#[component]
pub fn RoadmapEditor(tab: EditorTab) -> impl IntoView {
    let app = crate::ui::context::<App>();
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
                // The initiatives list is the first screen; the other lists and every item's
                // panel are chunks, loaded on first use (ui::lazy).
                EditorTab::Initiatives => view! { <initiatives::Initiatives/> }.into_any(),
                EditorTab::Goals => view! { <Lazy what="the goals list" load=chunk::goals_list::load view=Box::new(chunk::goals_list::view)/> }.into_any(),
                EditorTab::Capabilities => view! { <Lazy what="the capability map" load=chunk::capability_map::load view=Box::new(chunk::capability_map::view)/> }.into_any(),
            }}
        </section>
    }
}

mod chunk {
    use super::*;

    split_point!(
        editor_goals,
        fn goals_list() {
            goals::Goals().into_any()
        }
    );
    split_point!(
        editor_capabilities,
        fn capability_map() {
            capabilities::Capabilities().into_any()
        }
    );
}
