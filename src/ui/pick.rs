//! Picking one of many by typing: a search box and the first matches as buttons. For lists
//! too long for a select (20,000 technologies): nothing is drawn until something is typed,
//! and the search runs only then, so edits elsewhere cost nothing here.

use leptos::prelude::*;

/// Matches shown at a time.
pub const PICK_LIMIT: usize = 8;

/// A labelled search box; `find(query)` returns up to [`PICK_LIMIT`] (value, text) matches
/// (it reads the app state, and runs only while the query is not blank); choosing one calls
/// `pick(value)` and empties the box.
#[component]
pub fn SearchPick(
    label: &'static str,
    #[prop(optional)] placeholder: &'static str,
    find: impl Fn(&str) -> Vec<(String, String)> + Send + Sync + 'static,
    #[prop(into)] pick: Callback<String>,
) -> impl IntoView {
    let query = RwSignal::new(String::new());
    let hits = Memo::new(move |_| {
        let q = query.get();
        if q.trim().is_empty() {
            Vec::new()
        } else {
            let mut found = find(&q);
            found.truncate(PICK_LIMIT);
            found
        }
    });
    let list_label = format!("Matches: {label}");
    view! {
        <div class="search-pick">
            <label class="inline-field">{label}" "
                <input type="search" placeholder=placeholder prop:value=move || query.get()
                    on:input:target=move |ev| query.set(ev.target().value())/>
            </label>
            <Show when=move || !query.with(|q| q.trim().is_empty())>
                {
                    let list_label = list_label.clone();
                    move || {
                        let found = hits.get();
                        if found.is_empty() {
                            view! { <p class="muted">"Nothing matches."</p> }.into_any()
                        } else {
                            view! {
                                <ul class="catalog-hits" aria-label=list_label.clone()>
                                    {found.into_iter().map(|(value, text)| view! { <li>
                                        <button type="button" on:click=move |_| { pick.run(value.clone()); query.set(String::new()); }>{text}</button>
                                    </li> }).collect_view()}
                                </ul>
                            }.into_any()
                        }
                    }
                }
            </Show>
        </div>
    }
}
