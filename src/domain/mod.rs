//! The domain: Cairn's model, rules, analysis and file formats.
//!
//! Plain Rust only — nothing in here imports leptos, web-sys or wasm-bindgen — so all of it
//! is tested on the host with `cargo test`. It holds rules, not pixels: scheduling rules
//! (lanes, dependencies, critical path, rescheduling, quarter sums) are in [`schedule`];
//! where things go on a chart is `crate::layout`'s, and addresses (route slugs) are
//! `crate::route`'s.

pub mod archimate;
pub mod calendar;
pub mod compress;
pub mod demo;
pub mod edit;
pub mod file_format;
pub mod format;
pub mod generate;
pub mod heatmap;
pub mod history;
pub mod landscape;
pub mod model;
pub mod optimiser;
pub mod portfolio;
pub mod scenario;
pub mod schedule;
pub mod scoring;
pub mod share_link;
pub mod spend;
pub mod spreadsheet;
pub mod stored;
pub mod template;
pub mod validate;

pub use calendar::{Month, Quarter};
pub use model::*;
