//! Fast capture for workshops, one line per list (initiatives, applications, technologies):
//! type a name and optionally more, Enter adds it and starts the next, Esc clears.

use leptos::html;
use leptos::prelude::*;

/// A field of the capture line after the name.
#[derive(Clone, Copy)]
pub struct QuickField {
    /// The accessible name ("New initiative owner").
    pub label: &'static str,
    /// The short caption above the box ("Owner").
    pub caption: &'static str,
    /// The input type: "text", "month" or "number".
    pub kind: &'static str,
    pub placeholder: &'static str,
}

/// The capture line for `noun` ("initiative"; `plural` names the form). `add(name, texts)`
/// gets the trimmed name and the other fields' texts in order, adds the item and returns its
/// id, or the reason it was not added (shown under the line, the text kept). A new item is
/// selected (its panel opens) and the name box takes the focus for the next.
#[component]
pub fn QuickAdd(
    noun: &'static str,
    plural: &'static str,
    fields: Vec<QuickField>,
    add: impl Fn(String, Vec<String>) -> Result<String, String> + Send + Sync + 'static,
    selected: RwSignal<Option<String>>,
) -> impl IntoView {
    let name_ref = NodeRef::<html::Input>::new();
    let name = RwSignal::new(String::new());
    let values: Vec<RwSignal<String>> = fields.iter().map(|_| RwSignal::new(String::new())).collect();
    let error = RwSignal::new(None::<String>);
    let all = StoredValue::new(values.clone());
    let clear = move || {
        name.set(String::new());
        all.with_value(|v| v.iter().for_each(|s| s.set(String::new())));
        error.set(None);
    };
    let save = move || {
        let n = name.get_untracked().trim().to_string();
        if n.is_empty() {
            return error.set(Some(format!("Give the {noun} a name.")));
        }
        let texts = all.with_value(|v| v.iter().map(|s| s.get_untracked()).collect());
        match add(n, texts) {
            Ok(id) => {
                clear();
                selected.set(Some(id));
                if let Some(input) = name_ref.get() {
                    let _ = input.focus();
                }
            }
            Err(reason) => error.set(Some(reason)),
        }
    };
    view! {
        <form class="quick-add" aria-label=format!("Add {plural} quickly")
            on:submit=move |ev| { ev.prevent_default(); save(); }
            on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Escape" { ev.prevent_default(); clear(); }>
            <label class="qa-field qa-name"><span>{format!("New {noun} — Enter adds it and starts the next, Esc clears")}</span>
                <input type="text" node_ref=name_ref aria-label=format!("New {noun} name") placeholder="Name"
                    prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
            </label>
            {fields.into_iter().zip(values).map(|(f, sig)| view! {
                <label class="qa-field"><span>{f.caption}</span>
                    <input type=f.kind aria-label=f.label placeholder=f.placeholder prop:value=move || sig.get()
                        on:input=move |ev| sig.set(event_target_value(&ev))/>
                </label>
            }).collect_view()}
            <button type="submit" class="primary">{format!("Add {noun}")}</button>
            {move || error.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
        </form>
    }
}
