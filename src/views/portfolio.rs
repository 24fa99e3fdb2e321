//! Portfolio view.

use crate::state::App;
use leptos::prelude::*;

#[component]
pub fn Portfolio() -> impl IntoView {
    let app = expect_context::<App>();
    let counts = move || app.roadmap.with(|r| format!("{} goals · {} capabilities · {} initiatives", r.goals.len(), r.capabilities.len(), r.initiatives.len()));
    view! {
        <section class="view placeholder-view" aria-labelledby="view-title">
            <h2 id="view-title">"Portfolio"</h2>
            <p class="lead">"Alignment, finance and TCO, vendors, risk and compliance, workforce and the executive summary."</p>
            <p class="muted">"This view is being built. The roadmap it will show: " {counts}</p>
        </section>
    }
}
