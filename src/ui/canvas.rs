//! Painting a plotters drawing on a `<canvas>`, sharp at the device's pixel ratio.

use plotters::coord::Shift;
use plotters::prelude::DrawingArea;
use plotters_canvas::CanvasBackend;

/// Sizes `canvas` to `width` × `height` CSS pixels (its backing store to the device's pixel
/// ratio, at most 3), clears it, and calls `draw` with the drawing area and that ratio.
pub fn paint(
    canvas: &web_sys::HtmlCanvasElement,
    width: f64,
    height: f64,
    draw: impl FnOnce(&DrawingArea<CanvasBackend, Shift>, f64),
) {
    let ratio = web_sys::window().map(|w| w.device_pixel_ratio()).unwrap_or(1.0).clamp(1.0, 3.0);
    let (pw, ph) = ((width * ratio).ceil().max(1.0) as u32, (height * ratio).ceil().max(1.0) as u32);
    if canvas.width() != pw || canvas.height() != ph {
        canvas.set_width(pw);
        canvas.set_height(ph);
    }
    let _ = canvas.set_attribute("style", &format!("width:{}px;height:{}px", width.ceil(), height.ceil()));
    if let Some(ctx) = canvas.get_context("2d").ok().flatten() {
        let ctx: web_sys::CanvasRenderingContext2d = wasm_bindgen::JsCast::unchecked_into(ctx);
        ctx.clear_rect(0.0, 0.0, pw as f64, ph as f64);
    }
    if let Some(backend) = CanvasBackend::with_canvas_object(canvas.clone()) {
        let root = plotters::prelude::IntoDrawingArea::into_drawing_area(backend);
        draw(&root, ratio);
        let _ = root.present();
    }
}

/// A clip callback for a chart drawn in regions: `Some([x, y, w, h])` (device pixels) clips
/// what follows to that rectangle, `None` lifts the clip.
pub fn clipper(canvas: &web_sys::HtmlCanvasElement) -> impl FnMut(Option<[f64; 4]>) {
    let ctx: Option<web_sys::CanvasRenderingContext2d> =
        canvas.get_context("2d").ok().flatten().map(wasm_bindgen::JsCast::unchecked_into);
    let mut clipped = false;
    move |region| {
        let Some(ctx) = &ctx else { return };
        if clipped {
            ctx.restore();
            clipped = false;
        }
        if let Some([x, y, w, h]) = region {
            ctx.save();
            ctx.begin_path();
            ctx.rect(x, y, w, h);
            ctx.clip();
            clipped = true;
        }
    }
}
