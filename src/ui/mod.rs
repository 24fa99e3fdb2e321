//! Shared UI: the widgets every view uses (fields, lists, dialogs, tabs, export toolbar,
//! cards, canvas painting, element size). Views import from here, never from each other.

pub mod canvas;
pub mod confirm;
pub mod fields;
pub mod list;
pub mod shared;
