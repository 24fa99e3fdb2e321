//! Shared UI: the widgets every view uses (fields, lists, dialogs, tabs, the export
//! toolbar, cards, canvas painting, element size). Views import from here, never from each
//! other.

pub mod canvas;
pub mod card;
pub mod choices;
pub mod confirm;
pub mod export;
pub mod fields;
pub mod lazy;
pub mod list;
pub mod shared;
pub mod size;
pub mod tabs;

/// This month, by the browser's clock.
pub fn today() -> crate::domain::Month {
    let d = js_sys::Date::new_0();
    crate::domain::Month { year: d.get_full_year() as i32, month: d.get_month() as u8 + 1 }
}
