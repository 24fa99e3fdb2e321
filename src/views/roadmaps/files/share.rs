//! Share links: the dialog that makes the link of the open roadmap (copy button, length
//! advice), the banner shown while a link's roadmap is open read-only, and the card shown
//! when a link cannot be opened.

use crate::domain::format::count;
use crate::domain::share_link::{self, LinkLength};
use crate::state::{App, SharedView};
use crate::ui::confirm::Modal;
use crate::ui::fields::unique_id;
use leptos::html;
use leptos::prelude::*;

/// The address of this page without its fragment, followed by `fragment`.
fn link_with(fragment: &str) -> String {
    let href = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    let base = href.split('#').next().unwrap_or_default();
    format!("{base}{fragment}")
}

fn length_name(l: LinkLength) -> &'static str {
    match l {
        LinkLength::Short => "short: fine in any chat or e-mail",
        LinkLength::Medium => "long",
        LinkLength::Long => "very long",
        LinkLength::TooLong => "too long to share",
    }
}

#[component]
pub fn ShareDialog(open: RwSignal<bool>) -> impl IntoView {
    let app = crate::ui::context::<App>();
    // Made when the dialog opens, from the roadmap as it is then.
    let link = Memo::new(move |_| {
        open.get().then(|| app.roadmap.with_untracked(|r| (r.name.clone(), link_with(&share_link::encode(r)))))
    });
    let copied = RwSignal::new(None::<&'static str>);
    Effect::new(move |_| {
        open.track();
        copied.set(None);
    });
    let area = NodeRef::<html::Textarea>::new();
    let field_id = unique_id("share-link");
    let copy = move |_| {
        let Some((_, text)) = link.get_untracked() else { return };
        leptos::task::spawn_local(async move {
            if super::copy_to_clipboard(&text).await {
                copied.set(Some("Copied. Paste the link into a chat or a message."));
            } else if let Some(el) = area.get_untracked() {
                let _ = el.focus();
                el.select();
                copied.set(Some("The link is selected: press Ctrl+C (⌘C on a Mac) to copy it."));
            }
        });
    };
    let select_all = move |_| {
        if let Some(el) = area.get_untracked() {
            el.select();
        }
    };
    view! {
        <Modal open title="Share as link".to_string()>
            {move || link.get().map(|(name, url)| {
                let chars = url.chars().count();
                let class = share_link::link_length(chars);
                let advice = class.advice();
                let too_long = class == LinkLength::TooLong;
                view! {
                    <p>"The whole roadmap travels inside the link. It is never sent to a server: whoever opens the link sees this roadmap read-only in their browser and can save a copy of it."</p>
                    <div class="field">
                        <label for=field_id.clone()>{format!("Link to “{name}”")}</label>
                        <textarea id=field_id.clone() class="share-link" readonly rows="4" node_ref=area on:focus=select_all prop:value=url></textarea>
                        <span class="field-hint">{format!("{} characters — {}", count(chars), length_name(class))}</span>
                    </div>
                    {advice.map(|a| view! { <p class="share-advice" class:share-too-long=too_long>{a}</p> })}
                    <p class="muted small">"The link shows the roadmap as it is now; later changes need a new link."</p>
                }
            })}
            <div class="dialog-actions">
                <p class="share-copied" role="status">{move || copied.get()}</p>
                <button type="button" on:click=move |_| open.set(false)>"Close"</button>
                <button type="button" class="primary" on:click=copy>"Copy link"</button>
            </div>
        </Modal>
    }
}

/// The banner above a shared roadmap: read-only, nothing saved, "Save a copy".
#[component]
pub fn SharedBanner() -> impl IntoView {
    let app = crate::ui::context::<App>();
    let open = move || app.shared.with(|s| s == &Some(SharedView::Open));
    view! {
        <Show when=open>
            <section class="shared-banner" aria-label="Shared roadmap">
                <p><strong>"Shared roadmap, read-only."</strong> " "
                    {move || format!("You are looking at “{}” from a share link. Nothing is saved in this browser unless you save a copy; your own roadmaps are untouched.", app.roadmap.with(|r| r.name.clone()))}</p>
                <div class="shared-actions">
                    <button type="button" on:click=move |_| app.leave_shared()>"Back to my roadmaps"</button>
                    <button type="button" class="primary" on:click=move |_| app.save_shared_copy()>"Save a copy"</button>
                </div>
            </section>
        </Show>
    }
}

/// Shown instead of a view when the share link in the address cannot be opened.
#[component]
pub fn BrokenShareLink(message: String) -> impl IntoView {
    let app = crate::ui::context::<App>();
    crate::ui::fields::focus_later("#broken-link-title");
    view! {
        <section class="view broken-link" aria-labelledby="broken-link-title">
            <h2 id="broken-link-title" tabindex="-1">"This share link cannot be opened"</h2>
            <p role="alert">{message}</p>
            <p class="muted">"Nothing was changed: your own roadmaps are as you left them."</p>
            <button type="button" class="primary" on:click=move |_| app.leave_shared()>"Go to my roadmaps"</button>
        </section>
    }
}
