//! Import and export for other tools, and share links: the entries of the Roadmaps menu and
//! the dialogs they open. The domain does the work (`domain::spreadsheet`,
//! `domain::archimate`, `domain::share_link`); these views read files, show what the domain
//! says and download what it writes.
//!
//! - Spreadsheets: export one table or all of them as a zip ([`csv`]); import one CSV file with
//!   a preview that changes nothing until the person confirms a clean one.
//! - ArchiMate: import an exchange file or Archi's three CSV files as a new roadmap and show
//!   the report; export the exchange file ([`archimate`]).
//! - Share links: the link of the open roadmap, with a copy button and length advice; the
//!   banner and the error card shown while a link is open read-only ([`share`]).

pub mod archimate;
pub mod csv;
pub mod share;

use crate::state::App;
use crate::ui::lazy::{opened_once, run_loaded, split_point, Lazy};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Which of the file dialogs is open, and what it shows. Made once by the Roadmaps menu,
/// which renders both [`FileMenuItems`] (inside the menu) and [`FileDialogs`] (outside it).
#[derive(Clone, Copy)]
pub struct FileDialogState {
    pub csv_export: RwSignal<bool>,
    pub csv_import: RwSignal<bool>,
    pub csv_file: RwSignal<Option<csv::ChosenFile>>,
    pub archimate_report: RwSignal<bool>,
    pub archimate_result: RwSignal<Option<archimate::Outcome>>,
    pub share: RwSignal<bool>,
}

impl FileDialogState {
    pub fn new() -> Self {
        FileDialogState {
            csv_export: RwSignal::new(false),
            csv_import: RwSignal::new(false),
            csv_file: RwSignal::new(None),
            archimate_report: RwSignal::new(false),
            archimate_result: RwSignal::new(None),
            share: RwSignal::new(false),
        }
    }
}

impl Default for FileDialogState {
    fn default() -> Self {
        Self::new()
    }
}

/// The menu entries: spreadsheets, ArchiMate, share link. `close_menu` runs first.
#[component]
pub fn FileMenuItems(state: FileDialogState, #[prop(into)] close_menu: Callback<()>) -> impl IntoView {
    let app = crate::ui::context::<App>();
    let csv_input = NodeRef::<leptos::html::Input>::new();
    let archimate_input = NodeRef::<leptos::html::Input>::new();
    let pick = move |input: NodeRef<leptos::html::Input>| {
        close_menu.run(());
        if let Some(el) = input.get_untracked() {
            el.click();
        }
    };
    let on_csv = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        import_spreadsheet(app, state, file);
    };
    let on_archimate = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(list) = input.files() else { return };
        let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
        input.set_value("");
        if !files.is_empty() {
            run_loaded(app, "the ArchiMate import", archimate_import::run(app, state, files));
        }
    };
    view! {
        <p class="menu-heading" aria-hidden="true">"Exchange and share"</p>
        <button type="button" on:click=move |_| { close_menu.run(()); state.csv_export.set(true); }>"Export spreadsheets (CSV)…"</button>
        <button type="button" disabled=move || app.read_only() on:click=move |_| pick(csv_input)>"Import a spreadsheet (CSV)…"</button>
        <input type="file" hidden
            accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values" node_ref=csv_input on:change=on_csv/>
        <button type="button" on:click=move |_| { close_menu.run(()); run_loaded(app, "the ArchiMate export", archimate_export::run(app)); }>"Export to ArchiMate (XML)"</button>
        <button type="button" on:click=move |_| pick(archimate_input)
            title="One ArchiMate exchange file (.xml), or Archi's elements, relations and properties CSV files selected together">"Import from ArchiMate…"</button>
        <input type="file" hidden multiple
            accept=".xml,.csv,text/xml,application/xml,text/csv" node_ref=archimate_input on:change=on_archimate/>
        <button type="button" on:click=move |_| { close_menu.run(()); state.share.set(true); }>"Share as link…"</button>
        <hr class="menu-separator"/>
    }
}

/// Reads a chosen CSV file and opens the spreadsheet import's preview: the Roadmaps menu's
/// entry, and (through `ui::files::SpreadsheetImport`, wired by the shell) the landscape's
/// lists.
pub fn import_spreadsheet(app: App, state: FileDialogState, file: web_sys::File) {
    run_loaded(app, "the spreadsheet import", csv_read::run(app, state, file));
}

/// The dialogs the menu entries open. Each is its own chunk (`ui::lazy`), loaded when the
/// dialog first opens and kept from then on (closing and opening it again keeps its choices).
#[component]
pub fn FileDialogs(state: FileDialogState) -> impl IntoView {
    view! {
        <Show when=opened_once(state.csv_export)>
            <Lazy what="the spreadsheet export" class="lazy-dialog" load=csv_export::load view=Box::new(move || csv_export::view(state))/>
        </Show>
        <Show when=opened_once(state.csv_import)>
            <Lazy what="the spreadsheet import" class="lazy-dialog" load=csv_import::load view=Box::new(move || csv_import::view(state))/>
        </Show>
        <Show when=opened_once(state.archimate_report)>
            <Lazy what="the ArchiMate import" class="lazy-dialog" load=archimate_report::load view=Box::new(move || archimate_report::view(state))/>
        </Show>
        <Show when=opened_once(state.share)>
            <Lazy what="the share link" class="lazy-dialog" load=share_dialog::load view=Box::new(move || share_dialog::view(state))/>
        </Show>
    }
}

split_point!(
    files_csv_export,
    fn csv_export(state: FileDialogState) {
        view! { <csv::CsvExportDialog open=state.csv_export/> }.into_any()
    }
);
split_point!(
    files_csv_import,
    fn csv_import(state: FileDialogState) {
        view! { <csv::CsvImportDialog open=state.csv_import file=state.csv_file/> }.into_any()
    }
);
split_point!(action files_csv_import, fn csv_read(app: App, state: FileDialogState, file: web_sys::File) {
    csv::read_chosen_file(app, state, file)
});
split_point!(
    files_archimate_import,
    fn archimate_report(state: FileDialogState) {
        view! { <archimate::ReportDialog open=state.archimate_report outcome=state.archimate_result/> }.into_any()
    }
);
split_point!(action files_archimate_import, fn archimate_import(app: App, state: FileDialogState, files: Vec<web_sys::File>) {
    archimate::import_chosen_files(app, state, files)
});
split_point!(action files_archimate_export, fn archimate_export(app: App) {
    archimate::download_exchange(app)
});
split_point!(
    files_share,
    fn share_dialog(state: FileDialogState) {
        view! { <share::ShareDialog open=state.share/> }.into_any()
    }
);

pub use crate::ui::files::read_bytes;

/// `window.navigator`, read as a plain object (no web-sys feature needed for two fields).
fn navigator() -> Option<wasm_bindgen::JsValue> {
    let window = web_sys::window()?;
    js_sys::Reflect::get(window.as_ref(), &"navigator".into()).ok().filter(|n| !n.is_undefined())
}

/// The browser's language ("en-GB", "de-CH"), for files with names in several languages.
pub fn user_language() -> String {
    navigator()
        .and_then(|n| js_sys::Reflect::get(&n, &"language".into()).ok())
        .and_then(|l| l.as_string())
        .unwrap_or_default()
}

/// Copies `text` to the clipboard: `Ok(true)` when the browser did, `Ok(false)` when it
/// offers no clipboard here (then the caller selects the text for Ctrl+C).
pub async fn copy_to_clipboard(text: &str) -> bool {
    let Some(navigator) = navigator() else { return false };
    let Ok(clipboard) = js_sys::Reflect::get(&navigator, &"clipboard".into()) else { return false };
    if clipboard.is_undefined() || clipboard.is_null() {
        return false;
    }
    let Ok(write) = js_sys::Reflect::get(&clipboard, &"writeText".into()) else { return false };
    let Some(write) = write.dyn_ref::<js_sys::Function>() else { return false };
    let Ok(promise) = write.call1(&clipboard, &text.into()) else { return false };
    let Ok(promise) = promise.dyn_into::<js_sys::Promise>() else { return false };
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}
