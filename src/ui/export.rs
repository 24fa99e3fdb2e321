//! The "Export SVG" / "Export PNG" buttons of a chart.

use crate::state::App;
use leptos::prelude::*;

/// The two export buttons (placed in a toolbar). `slide` returns the file's stem and the
/// slide's SVG text; PNG is drawn from that SVG.
#[component]
pub fn ExportButtons(slide: impl Fn() -> (String, String) + Send + Sync + 'static) -> impl IntoView {
    let app = crate::ui::context::<App>();
    let slide = Callback::new(move |()| slide());
    let export = move |png: bool| {
        let (stem, text) = slide.run(());
        app.export_slide(stem, text, png);
    };
    view! {
        <button type="button" on:click=move |_| export(false)>"Export SVG"</button>
        <button type="button" on:click=move |_| export(true)>"Export PNG"</button>
    }
}
