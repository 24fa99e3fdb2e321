//! Timeline view.

use crate::state::App;
use leptos::prelude::*;

#[component]
pub fn Timeline() -> impl IntoView {
    let app = expect_context::<App>();
    let counts = move || app.roadmap.with(|r| format!("{} goals · {} capabilities · {} initiatives", r.goals.len(), r.capabilities.len(), r.initiatives.len()));
    view! {
        <section class="view placeholder-view" aria-labelledby="view-title">
            <h2 id="view-title">"Timeline"</h2>
            <p class="lead">"Initiatives over time with dependencies, budget and capacity."</p>
            <p class="muted">"This view is being built. The roadmap it will show: " {counts}</p>
        </section>
    }
}
