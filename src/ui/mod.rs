//! Shared UI: the widgets every view uses (fields, lists, dialogs, tabs, the export
//! toolbar, cards, canvas painting, element size). Views import from here, never from each
//! other.

pub mod canvas;
pub mod card;
pub mod confirm;
pub mod export;
pub mod fields;
pub mod list;
pub mod shared;
pub mod size;
pub mod tabs;
