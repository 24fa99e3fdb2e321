//! Modal dialogs: a native `<dialog>` (focus stays inside, Esc closes) and the confirmation
//! asked before anything is deleted.

use leptos::html;
use leptos::prelude::*;

/// A modal dialog shown while `open` is true.
#[component]
pub fn Modal(
    open: RwSignal<bool>,
    #[prop(into)] title: Signal<String>,
    children: Children,
    /// Room for a table (the spreadsheet import's preview).
    #[prop(optional)]
    wide: bool,
) -> impl IntoView {
    let node = NodeRef::<html::Dialog>::new();
    Effect::new(move |_| {
        let Some(dialog) = node.get() else { return };
        if open.get() {
            if !dialog.open() {
                let _ = dialog.show_modal();
            }
        } else if dialog.open() {
            dialog.close();
        }
    });
    let title_id = crate::ui::fields::unique_id("dialog");
    let labelled_by = title_id.clone();
    view! {
        <dialog node_ref=node class="modal" class:modal-wide=wide aria-labelledby=labelled_by on:close=move |_| open.set(false)>
            <h2 id=title_id>{title}</h2>
            {children()}
        </dialog>
    }
}

/// A question asked before a destructive action.
#[derive(Clone)]
pub struct Confirmation {
    pub title: String,
    pub lines: Vec<String>,
    pub confirm_label: String,
    pub on_confirm: Callback<()>,
}

/// The pending confirmation; take it while a component is created, `.set(Some(..))` to ask.
/// The app shell provides it and renders [`ConfirmDialog`] once.
pub fn confirmer() -> RwSignal<Option<Confirmation>> {
    crate::ui::context::<RwSignal<Option<Confirmation>>>()
}

#[component]
pub fn ConfirmDialog() -> impl IntoView {
    let request = confirmer();
    let open = RwSignal::new(false);
    // A request opens the dialog; closing it (any way) drops the request. Each effect sets
    // only on a real change, so the two cannot wake each other forever.
    Effect::new(move |_| {
        if request.with(Option::is_some) && !open.get_untracked() {
            open.set(true);
        }
    });
    Effect::new(move |_| {
        if !open.get() && request.with_untracked(Option::is_some) {
            request.set(None);
        }
    });
    let title = Signal::derive(move || request.with(|r| r.as_ref().map(|r| r.title.clone()).unwrap_or_default()));
    view! {
        <Modal open title>
            {move || request.get().map(|r| {
                let on_confirm = r.on_confirm;
                view! {
                    {(!r.lines.is_empty()).then(|| view! {
                        <ul class="impact">{r.lines.iter().map(|l| view! { <li>{l.clone()}</li> }).collect_view()}</ul>
                    })}
                    <div class="dialog-actions">
                        <button type="button" on:click=move |_| open.set(false)>"Cancel"</button>
                        <button type="button" class="danger" on:click=move |_| {
                            open.set(false);
                            on_confirm.run(());
                        }>{r.confirm_label.clone()}</button>
                    </div>
                }
            })}
        </Modal>
    }
}
