//! Offers text to the user as a file download (Blob + object URL + a temporary link).

use wasm_bindgen::JsCast;

fn fail(what: &str) -> String {
    format!("The browser could not prepare the download ({what}).")
}

fn text_blob(mime: &str, text: &str) -> Result<web_sys::Blob, String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|_| fail("blob"))
}

/// Starts the download of `text` as `file_name`. Returns a message when the browser refuses.
pub fn download_text(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    download_blob(file_name, &text_blob(mime, text)?)
}

/// Starts the download of `bytes` (a zip, a CSV file with its byte-order mark) as `file_name`.
pub fn download_bytes(file_name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(|_| fail("blob"))?;
    download_blob(file_name, &blob)
}

/// Renders an SVG picture to a PNG of `width` × `height` pixels (through an image and a
/// canvas) and downloads it.
pub async fn download_svg_as_png(file_name: &str, svg: &str, width: u32, height: u32) -> Result<(), String> {
    use wasm_bindgen_futures::JsFuture;
    let document = web_sys::window().and_then(|w| w.document()).ok_or_else(|| fail("no document"))?;
    let url = web_sys::Url::create_object_url_with_blob(&text_blob("image/svg+xml;charset=utf-8", svg)?)
        .map_err(|_| fail("url"))?;
    let image = web_sys::HtmlImageElement::new().map_err(|_| fail("image"))?;
    let loaded = js_sys::Promise::new(&mut |resolve, reject| {
        image.set_onload(Some(&resolve));
        image.set_onerror(Some(&reject));
    });
    image.set_src(&url);
    let drawn = JsFuture::from(loaded).await;
    let _ = web_sys::Url::revoke_object_url(&url);
    drawn.map_err(|_| fail("the picture could not be drawn"))?;
    let canvas: web_sys::HtmlCanvasElement =
        document.create_element("canvas").map_err(|_| fail("canvas"))?.unchecked_into();
    canvas.set_width(width);
    canvas.set_height(height);
    let context: web_sys::CanvasRenderingContext2d =
        canvas.get_context("2d").ok().flatten().ok_or_else(|| fail("canvas"))?.unchecked_into();
    context
        .draw_image_with_html_image_element_and_dw_and_dh(&image, 0.0, 0.0, width as f64, height as f64)
        .map_err(|_| fail("canvas"))?;
    let made = js_sys::Promise::new(&mut |resolve, _| {
        let done = wasm_bindgen::closure::Closure::once_into_js(move |blob: wasm_bindgen::JsValue| {
            let _ = resolve.call1(&wasm_bindgen::JsValue::NULL, &blob);
        });
        let _ = canvas.to_blob(done.unchecked_ref());
    });
    let blob = JsFuture::from(made).await.map_err(|_| fail("png"))?;
    let blob: web_sys::Blob = blob.dyn_into().map_err(|_| fail("png"))?;
    download_blob(file_name, &blob)
}

/// Starts the download of a blob as `file_name`.
pub fn download_blob(file_name: &str, blob: &web_sys::Blob) -> Result<(), String> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or_else(|| fail("no document"))?;
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(|_| fail("url"))?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a").map_err(|_| fail("link"))?.unchecked_into();
    link.set_href(&url);
    link.set_download(file_name);
    link.set_hidden(true);
    if let Some(body) = document.body() {
        let _ = body.append_child(&link);
        link.click();
        let _ = body.remove_child(&link);
    }
    // Revoke later: some browsers read the URL after click() returns.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
    }
    Ok(())
}

/// A file name from a roadmap name: letters, digits and dashes only.
pub fn file_stem(name: &str) -> String {
    let stem: String = name
        .chars()
        .map(|c| if c.is_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if stem.is_empty() {
        "roadmap".into()
    } else {
        stem.chars().take(60).collect()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn file_stems_are_safe() {
        assert_eq!(super::file_stem("Harbour Line — IT 2026/28"), "harbour-line-it-2026-28");
        assert_eq!(super::file_stem("<script>"), "script");
        assert_eq!(super::file_stem("  "), "roadmap");
    }
}
