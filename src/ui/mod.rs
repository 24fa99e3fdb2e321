//! Shared UI: the widgets every view uses (fields, lists, dialogs, tabs, the export
//! toolbar, cards, canvas painting, element size). Views import from here, never from each
//! other.

pub mod canvas;
pub mod card;
pub mod choices;
pub mod confirm;
pub mod export;
pub mod fields;
pub mod files;
pub mod lazy;
pub mod list;
pub mod panel;
pub mod pick;
pub mod quick_add;
pub mod shared;
pub mod size;
pub mod tabs;

/// This month, by the browser's clock.
pub fn today() -> crate::domain::Month {
    let d = js_sys::Date::new_0();
    crate::domain::Month { year: d.get_full_year() as i32, month: d.get_month() as u8 + 1 }
}

/// The shared value of type `T` that an enclosing component provided (the app state, a view's
/// state). Leptos's `expect_context` writes its panic with Debug formatting in every one of
/// its ~100 uses, which kept `str`'s Debug escaping in the first screen (issue 14).
pub fn context<T: Clone + 'static>() -> T {
    leptos::prelude::use_context().unwrap_or_else(|| missing_context(std::any::type_name::<T>()))
}

#[cold]
fn missing_context(type_name: &str) -> ! {
    panic!("no {type_name} was provided by an enclosing component")
}

/// What a long view shows under its first screen, drawn in the task after the first screen
/// is painted: the first screen does not wait for it (the landscape map's risk, rationalisation
/// and applications under its capabilities, at ten thousand applications).
#[leptos::component]
pub fn BelowFirstScreen(children: leptos::prelude::ChildrenFn) -> impl leptos::prelude::IntoView {
    use leptos::prelude::*;
    let drawn = RwSignal::new(false);
    after_paint(move || {
        drawn.try_set(true);
    });
    move || drawn.get().then(|| children())
}

/// Runs `f` in the task after the next frame is painted (what the first screen does not
/// wait for).
pub fn after_paint(f: impl FnOnce() + 'static) {
    use leptos::prelude::*;
    // The frame's callbacks run before its paint; the timer's task after it.
    request_animation_frame(move || set_timeout(f, std::time::Duration::ZERO));
}
