//! Figure cards, their "how this is computed" rule, and the attention marker.

use leptos::prelude::*;

/// "How this is computed", visible beside a figure.
#[component]
pub fn Rule(#[prop(into)] text: Signal<String>) -> impl IntoView {
    view! { <p class="pf-rule"><span class="pf-rule-lead">"How this is computed: "</span>{move || text.get()}</p> }
}

/// The marker of a figure that needs attention: a symbol and words, never colour alone.
#[component]
pub fn Attention(#[prop(into)] text: String, #[prop(optional)] small: bool) -> impl IntoView {
    view! { <span class="pf-attention" class:small=small><span aria-hidden="true">"⚠ "</span>{text}</span> }
}

/// A figure card: a title with a marker when it needs attention, the value, details, and
/// how it is computed (a disclosure, so a row of cards stays short).
#[component]
pub fn Card(
    #[prop(into)] title: String,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] attention: Signal<bool>,
    #[prop(into)] rule: Signal<String>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <article class="pf-card" class:pf-needs-attention=move || attention.get()>
            <div class="pf-card-top">
                <h3 class="pf-card-title">{title}</h3>
                <Show when=move || attention.get()>
                    <Attention text="Needs attention"/>
                </Show>
            </div>
            <p class="pf-card-value">{move || value.get()}</p>
            {children.map(|c| c())}
            <details class="pf-how">
                <summary>"How this is computed"</summary>
                <p>{move || rule.get()}</p>
            </details>
        </article>
    }
}
