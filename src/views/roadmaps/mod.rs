//! The roadmap switcher: open, create (blank, IT-management template or demo), rename,
//! duplicate, delete, import from and export to a file; `files` holds the menu's
//! spreadsheet, ArchiMate and share-link dialogs.

pub mod files;

use crate::domain::{demo, file_format, template, Horizon, Month};
use crate::state::{App, Level, Topic};
use crate::ui::confirm::{confirmer, Confirmation, Modal};
use crate::ui::fields::unique_id;
use crate::ui::lazy::{opened_once, split_point, Lazy};
use leptos::prelude::*;

/// This year January to two years on December: the default planning horizon.
fn default_horizon() -> Horizon {
    let year = js_sys::Date::new_0().get_full_year() as i32;
    Horizon { start: Month { year, month: 1 }, end: Month { year: year + 2, month: 12 } }
}

#[derive(Clone, Copy, PartialEq)]
enum Start {
    Blank,
    Template,
    Demo,
}

#[component]
pub fn RoadmapSwitcher() -> impl IntoView {
    let app = crate::ui::context::<App>();
    let new_open = RwSignal::new(false);
    let rename_open = RwSignal::new(false);
    let menu_open = RwSignal::new(false);
    let menu_button = NodeRef::<leptos::html::Button>::new();
    let close_menu = move || menu_open.set(false);
    let files = crate::ui::context::<files::FileDialogState>();
    let select_id = unique_id("roadmap-select");

    view! {
        <div class="roadmap-switcher">
            <label for=select_id.clone() class="visually-hidden">"Open roadmap"</label>
            <select id=select_id on:change=move |ev| app.switch_to(&event_target_value(&ev))>
                <Show when=move || app.read_only()>
                    <option value="" selected disabled>"Shared link (read-only)"</option>
                </Show>
                <For each=move || app.roadmaps.get() key=|e| (e.id.clone(), e.name.clone()) let:entry>
                    {
                        let id = entry.id.clone();
                        view! { <option value=entry.id.clone() selected=move || app.current_id.get() == id>{entry.name.clone()}</option> }
                    }
                </For>
            </select>
            <div class="menu" on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Escape" && menu_open.get_untracked() {
                ev.prevent_default();
                close_menu();
                if let Some(b) = menu_button.get() { let _ = b.focus(); }
            }>
                <button type="button" node_ref=menu_button aria-haspopup="true" aria-expanded=move || menu_open.get().to_string()
                    aria-controls="roadmap-menu" on:click=move |_| menu_open.update(|o| *o = !*o)>"Roadmaps"</button>
                <div class="menu-backdrop" hidden=move || !menu_open.get() on:click=move |_| close_menu()></div>
                <div id="roadmap-menu" class="menu-panel" role="group" aria-label="Roadmap actions" hidden=move || !menu_open.get()>
                    // The entries are a chunk, loaded when the menu first opens.
                    <Show when=opened_once(menu_open)>
                        <Lazy what="the roadmap menu" class="lazy-dialog" load=dialog::menu::load
                            view=Box::new(move || dialog::menu::view(menu_open, new_open, rename_open, files))/>
                    </Show>
                </div>
            </div>
            // The two dialogs are chunks, loaded when first opened (ui::lazy).
            <Show when=opened_once(new_open)>
                <Lazy what="the new-roadmap dialog" class="lazy-dialog" load=dialog::new_roadmap::load view=Box::new(move || dialog::new_roadmap::view(new_open))/>
            </Show>
            <Show when=opened_once(rename_open)>
                <Lazy what="the rename dialog" class="lazy-dialog" load=dialog::rename::load view=Box::new(move || dialog::rename::view(rename_open))/>
            </Show>
            <files::FileDialogs state=files/>
        </div>
    }
}

mod dialog {
    use super::*;

    split_point!(
        roadmap_menu,
        fn menu(
            menu_open: RwSignal<bool>,
            new_open: RwSignal<bool>,
            rename_open: RwSignal<bool>,
            files: files::FileDialogState,
        ) {
            MenuItems(MenuItemsProps { menu_open, new_open, rename_open, files }).into_any()
        }
    );
    split_point!(
        roadmap_new,
        fn new_roadmap(open: RwSignal<bool>) {
            NewRoadmapDialog(NewRoadmapDialogProps { open }).into_any()
        }
    );
    split_point!(
        roadmap_rename,
        fn rename(open: RwSignal<bool>) {
            RenameDialog(RenameDialogProps { open }).into_any()
        }
    );
}

/// The Roadmaps menu's entries.
#[component]
fn MenuItems(
    menu_open: RwSignal<bool>,
    new_open: RwSignal<bool>,
    rename_open: RwSignal<bool>,
    files: files::FileDialogState,
) -> impl IntoView {
    let app = crate::ui::context::<App>();
    let confirm = confirmer();
    let close_menu = move || menu_open.set(false);
    let file_id = unique_id("import-file");
    let delete_current = move |_| {
        close_menu();
        let id = app.current_id.get_untracked();
        let name = app.roadmap.with_untracked(|r| r.name.clone());
        confirm.set(Some(Confirmation {
            title: format!("Delete the roadmap \"{name}\"?"),
            lines: vec![
                "It is removed from this browser and cannot be brought back with Undo.".into(),
                "Export it to a file first if you may need it again.".into(),
            ],
            confirm_label: "Delete roadmap".into(),
            on_confirm: Callback::new(move |_| app.delete_roadmap(&id)),
        }));
    };

    let on_import = move |ev: leptos::ev::Event| {
        close_menu();
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        read_and_import(app, file);
    };

    view! {
        <button type="button" on:click=move |_| { close_menu(); new_open.set(true); }>"New roadmap…"</button>
        <button type="button" disabled=move || app.read_only() on:click=move |_| { close_menu(); rename_open.set(true); }>"Rename…"</button>
        <button type="button" on:click=move |_| { close_menu(); app.duplicate_current(); }>"Duplicate"</button>
        <button type="button" on:click=move |_| { close_menu(); app.download_current(); }>"Export to file"</button>
        <label class="button" for=file_id.clone()>"Import from file…"</label>
        <input id=file_id type="file" class="visually-hidden" accept=".json,application/json" on:change=on_import/>
        <files::FileMenuItems state=files close_menu=move || close_menu()/>
        <button type="button" class="danger" disabled=move || app.read_only() on:click=delete_current>"Delete…"</button>
    }
}

/// Reads a chosen file and imports it as a new roadmap; a bad file changes nothing.
pub fn read_and_import(app: App, file: web_sys::File) {
    let size = file.size();
    if size > file_format::MAX_FILE_BYTES as f64 {
        app.notify(
            Topic::Import,
            Level::Error,
            &format!(
                "\"{}\" is {}; Cairn opens roadmap files up to {} MB. Nothing was changed.",
                file.name(),
                crate::domain::format::file_size(size as usize),
                file_format::MAX_FILE_BYTES / 1_048_576
            ),
            vec![],
        );
        return;
    }
    let name = file.name();
    leptos::task::spawn_local(async move {
        let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
        let Some(text) = text.ok().and_then(|t| t.as_string()) else {
            app.notify(
                Topic::Import,
                Level::Error,
                &format!("\"{name}\" could not be read as text. Nothing was changed."),
                vec![],
            );
            return;
        };
        match app.import_file(&text).await {
            Ok(roadmap) => app.notify(
                Topic::Import,
                Level::Info,
                &format!("Imported \"{roadmap}\" from {name} as a new roadmap."),
                vec![],
            ),
            Err(message) => app.notify(
                Topic::Import,
                Level::Error,
                &format!("\"{name}\" was not imported: {message} Nothing was changed."),
                vec![],
            ),
        }
    });
}

#[component]
fn NewRoadmapDialog(open: RwSignal<bool>) -> impl IntoView {
    let app = crate::ui::context::<App>();
    let name = RwSignal::new(String::new());
    let start = RwSignal::new(Start::Template);
    let name_id = unique_id("new-name");
    let create = move || {
        let n = name.get_untracked().trim().to_string();
        let n = if n.is_empty() { "New roadmap".to_string() } else { n };
        match start.get_untracked() {
            Start::Blank => app.open_new(template::blank(&n, default_horizon())),
            Start::Template => app.open_new_with_landscape(
                template::it_management_capabilities(&n, default_horizon()),
                crate::codec::it_management_landscape,
            ),
            Start::Demo => app.open_new_with_landscape(demo::demo_plan(), crate::codec::demo_landscape),
        }
        name.set(String::new());
        open.set(false);
    };
    let radio = move |value: Start, label: &'static str, hint: &'static str| {
        view! {
            <label class="radio">
                <input type="radio" name="new-roadmap-start" prop:checked=move || start.get() == value
                    on:change=move |_| start.set(value)/>
                <span>{label}<span class="field-hint">{hint}</span></span>
            </label>
        }
    };
    view! {
        <Modal open title="New roadmap".to_string()>
            <form on:submit=move |ev| { ev.prevent_default(); create(); }>
                <div class="field">
                    <label for=name_id.clone()>"Name"</label>
                    <input id=name_id type="text" placeholder="IT strategy 2026–2028" prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev))/>
                </div>
                <fieldset>
                    <legend>"Start from"</legend>
                    {radio(Start::Template, "IT-management template", " — the capability map of the eight IT-management areas")}
                    {radio(Start::Blank, "Blank", " — no goals, capabilities or initiatives")}
                    {radio(Start::Demo, "Demo roadmap", " — a worked example to explore")}
                </fieldset>
                <div class="dialog-actions">
                    <button type="button" on:click=move |_| open.set(false)>"Cancel"</button>
                    <button type="submit" class="primary">"Create roadmap"</button>
                </div>
            </form>
        </Modal>
    }
}

#[component]
fn RenameDialog(open: RwSignal<bool>) -> impl IntoView {
    let app = crate::ui::context::<App>();
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if open.get() {
            name.set(app.roadmap.with_untracked(|r| r.name.clone()));
            error.set(None);
        }
    });
    let name_id = unique_id("rename");
    let save = move || {
        let n = name.get_untracked().trim().to_string();
        match app.edit(|r| r.name = n) {
            Ok(()) => open.set(false),
            Err(refusal) => error.set(Some(refusal.into_reason())),
        }
    };
    view! {
        <Modal open title="Rename roadmap".to_string()>
            <form on:submit=move |ev| { ev.prevent_default(); save(); }>
                <div class="field">
                    <label for=name_id.clone()>"Roadmap name"</label>
                    <input id=name_id type="text" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                    {move || error.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                </div>
                <div class="dialog-actions">
                    <button type="button" on:click=move |_| open.set(false)>"Cancel"</button>
                    <button type="submit" class="primary">"Rename"</button>
                </div>
            </form>
        </Modal>
    }
}
