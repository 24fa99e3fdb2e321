//! A Rust panic never leaves a blank page: the hook replaces the page with an error screen
//! that says what happened and offers everything Cairn stored as a download.
//!
//! After a panic the WebAssembly instance must not be trusted, so the screen is plain DOM
//! with links only (no Rust callbacks): the download is a `blob:` link prepared here, and
//! "Reload" is a link to the page itself.

use std::panic::PanicHookInfo;
use wasm_bindgen::JsCast;

pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        let message = panic_message(info);
        web_sys::console::error_1(&format!("Cairn stopped: {message}").into());
        let _ = show_error_screen(&message);
    }));
}

fn panic_message(info: &PanicHookInfo<'_>) -> String {
    let text = info
        .payload()
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| info.payload().downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "an internal error".into());
    match info.location() {
        Some(l) => format!("{text} (at {}:{})", l.file(), l.line()),
        None => text,
    }
}

/// Every `cairn.` key of localStorage as one JSON object (`{"key": "text"}`); a packed
/// roadmap is unpacked to its JSON so the file is readable, one stored in parts put together
/// (and kept raw if it cannot be, or if the codec was not loaded yet: `crate::codec`; its
/// parts are there too, raw). The browser writes the JSON.
pub fn stored_data_as_json() -> String {
    let out = js_sys::Object::new();
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let len = storage.length().unwrap_or(0);
        for i in 0..len {
            if let Ok(Some(key)) = storage.key(i) {
                if key.starts_with("cairn.") {
                    if let Ok(Some(value)) = storage.get_item(&key) {
                        let value = crate::codec::unpack_stored_if_loaded(&key, &value).unwrap_or(value);
                        let _ = js_sys::Reflect::set(&out, &key.into(), &value.into());
                    }
                }
            }
        }
    }
    js_sys::JSON::stringify(&out).ok().and_then(|s| s.as_string()).unwrap_or_else(|| "{}".into())
}

fn show_error_screen(message: &str) -> Option<()> {
    let window = web_sys::window()?;
    let document = window.document()?;
    let body = document.body()?;
    let el = |tag: &str, text: &str| -> Option<web_sys::Element> {
        let e = document.create_element(tag).ok()?;
        e.set_text_content(Some(text));
        Some(e)
    };
    let el_node = |e: web_sys::Element| -> web_sys::Node { e.into() };
    // Hide whatever the app had drawn; the error screen takes its place.
    let children = body.children();
    for i in 0..children.length() {
        if let Some(child) = children.item(i) {
            let _ = child.set_attribute("hidden", "");
        }
    }
    let screen = document.create_element("main").ok()?;
    screen.set_class_name("crash");
    screen.set_attribute("role", "alert").ok()?;
    screen.append_child(&el_node(el("h1", "Cairn ran into a problem and stopped")?)).ok()?;
    screen.append_child(&el_node(el("p", &format!("What happened: {message}"))?)).ok()?;
    screen
        .append_child(&el_node(el(
            "p",
            "Your roadmaps are still saved in this browser. Download a copy of everything Cairn \
             has stored, then reload the page. If the problem comes back, send the download and \
             this message to whoever supports Cairn for you.",
        )?))
        .ok()?;

    let actions = document.create_element("p").ok()?;
    let download: web_sys::HtmlAnchorElement = el("a", "Download my stored data")?.unchecked_into();
    download.set_class_name("button primary");
    let parts = js_sys::Array::of1(&stored_data_as_json().into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    if let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) {
        if let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) {
            download.set_href(&url);
            download.set_download("cairn-stored-data.json");
        }
    }
    actions.append_child(&download).ok()?;
    let reload: web_sys::HtmlAnchorElement = el("a", "Reload Cairn")?.unchecked_into();
    reload.set_class_name("button");
    let href = window.location().href().unwrap_or_default();
    reload.set_href(href.split('#').next().unwrap_or(""));
    actions.append_child(&reload).ok()?;
    screen.append_child(&actions).ok()?;
    body.append_child(&screen).ok()?;
    let _ = download.focus();
    Some(())
}
