//! The domain: Cairn's model, rules, analysis and file formats.
//!
//! Plain Rust only — nothing in here imports leptos, web-sys or wasm-bindgen — so all of it
//! is tested on the host with `cargo test`.

pub mod archimate;
pub mod calendar;
pub mod compress;
pub mod demo;
pub mod edit;
pub mod file_format;
pub mod format;
pub mod generate;
pub mod heatmap;
pub mod heatmap_layout;
pub mod history;
pub mod model;
pub mod optimiser;
pub mod portfolio;
pub mod scenario;
pub mod scoring;
pub mod share_link;
pub mod spend;
pub mod spreadsheet;
pub mod stored;
pub mod template;
pub mod timeline;
pub mod validate;

pub use calendar::{Month, Quarter};
pub use model::*;
