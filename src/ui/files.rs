//! Bytes from outside the wasm: a file the user chose, and a static file shipped beside the
//! app (the end-of-life catalog), fetched from the same origin on first use.

use wasm_bindgen::JsCast;

/// A file's bytes, after its size is checked against the largest file Cairn reads (the
/// domain's message when it is larger).
pub async fn read_bytes(file: &web_sys::File) -> Result<Vec<u8>, String> {
    crate::domain::file_format::check_size(file.size() as usize).map_err(|e| e.message)?;
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| format!("\"{}\" could not be read (the browser refused it)", file.name()))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The bytes of `path`, a file of the app's own build (relative, so sub-path hosting works).
/// Offline it comes from the service worker's cache; the message says what went wrong.
pub async fn fetch_static(path: &str) -> Result<Vec<u8>, String> {
    let window = web_sys::window().ok_or("No browser window")?;
    let answer = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(path))
        .await
        .map_err(|_| format!("{path} could not be loaded: the network is down and it is not cached yet"))?;
    let response: web_sys::Response = answer.dyn_into().map_err(|_| format!("{path}: not a response"))?;
    if !response.ok() {
        return Err(format!("{path} could not be loaded: the server answered {}", response.status()));
    }
    let promise = response.array_buffer().map_err(|_| format!("{path} could not be read"))?;
    let buffer =
        wasm_bindgen_futures::JsFuture::from(promise).await.map_err(|_| format!("{path} could not be read"))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Opens the spreadsheet import's preview for a chosen file. The shell provides it: the
/// import dialog belongs to the Roadmaps menu, and views reach it only through this.
#[derive(Clone, Copy)]
pub struct SpreadsheetImport(pub leptos::prelude::Callback<web_sys::File>);

/// A button that chooses a CSV file and opens the spreadsheet import's preview (the same
/// dialog as Roadmaps › Import a spreadsheet), for the lists that hold what it imports.
#[leptos::component]
pub fn ImportSpreadsheetButton(#[prop(into)] label: String, #[prop(into)] title: String) -> impl leptos::IntoView {
    use leptos::prelude::*;
    let app = crate::ui::context::<crate::state::App>();
    let import = crate::ui::context::<SpreadsheetImport>();
    let input = NodeRef::<leptos::html::Input>::new();
    let on_change = move |ev: leptos::ev::Event| {
        let element: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = element.files().and_then(|f| f.get(0)) else { return };
        element.set_value("");
        import.0.run(file);
    };
    view! {
        <button type="button" title=title disabled=move || app.read_only()
            on:click=move |_| if let Some(el) = input.get_untracked() { el.click(); }>{label}</button>
        <input type="file" hidden accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values" node_ref=input on:change=on_change/>
    }
}
