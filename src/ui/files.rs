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
