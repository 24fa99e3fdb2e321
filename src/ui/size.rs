//! The size of an element, followed with a `ResizeObserver` (in the spirit of leptos-use's
//! `use_element_size`): charts redraw when their room changes — a window resize, a side panel
//! opening — and the observer is disconnected when the component goes.

use leptos::html::ElementType;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// The element's client width and height in CSS pixels (padding included, as
/// `clientWidth`/`clientHeight`); (0, 0) until it is in the page.
pub fn use_element_size<E>(node: NodeRef<E>) -> Signal<(f64, f64)>
where
    E: ElementType,
    E::Output: JsCast + Clone + 'static,
{
    let size = RwSignal::new((0.0_f64, 0.0_f64));
    type Observer = (web_sys::ResizeObserver, Closure<dyn FnMut(js_sys::Array)>);
    let observer = StoredValue::new_local(None::<Observer>);
    let disconnect = move || {
        if let Some((o, _)) = observer.try_update_value(Option::take).flatten() {
            o.disconnect();
        }
    };
    Effect::new(move |_| {
        let Some(el) = node.get() else { return };
        let el: web_sys::Element = el.unchecked_into();
        disconnect();
        let measured = el.clone();
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |_entries: js_sys::Array| {
            let now = (measured.client_width() as f64, measured.client_height() as f64);
            if size.try_get_untracked().is_some_and(|s| s != now) {
                size.set(now);
            }
        });
        let Ok(o) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) else { return };
        o.observe(&el);
        observer.set_value(Some((o, callback)));
    });
    on_cleanup(disconnect);
    size.into()
}

/// Keeps `width` at the element's width (at least `min`) once it is measured; a change of a
/// pixel or less is ignored.
pub fn follow_width<E>(node: NodeRef<E>, width: RwSignal<f64>, min: f64)
where
    E: ElementType,
    E::Output: JsCast + Clone + 'static,
{
    let size = use_element_size(node);
    Effect::new(move |_| {
        let w = size.get().0;
        if w > 0.0 && (w.max(min) - width.get_untracked()).abs() > 1.0 {
            width.set(w.max(min));
        }
    });
}
