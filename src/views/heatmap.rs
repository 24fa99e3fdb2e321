//! Capability heatmap view.

use crate::state::App;
use leptos::prelude::*;

#[component]
pub fn Heatmap() -> impl IntoView {
    let app = expect_context::<App>();
    let counts = move || app.roadmap.with(|r| format!("{} goals · {} capabilities · {} initiatives", r.goals.len(), r.capabilities.len(), r.initiatives.len()));
    view! {
        <section class="view placeholder-view" aria-labelledby="view-title">
            <h2 id="view-title">"Capability heatmap"</h2>
            <p class="lead">"The capability map coloured by maturity, gap, importance, investment or risk, at any date."</p>
            <p class="muted">"This view is being built. The roadmap it will show: " {counts}</p>
        </section>
    }
}
