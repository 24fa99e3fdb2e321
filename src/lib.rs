//! Cairn: IT strategy roadmapping in the browser.
//!
//! `domain` is plain Rust (model, rules, analysis, file formats) tested on the host;
//! `layout` (chart geometry in pixels) and `charts` (drawing it) are plain Rust too; the
//! rest is the Leptos app: thin views that read state, call the domain and render.

pub mod app;
pub mod bench;
pub mod charts;
pub mod codec;
pub mod domain;
pub mod download;
pub mod layout;
pub mod panic_screen;
pub mod persistence;
pub mod route;
pub mod state;
pub mod ui;
pub mod views;

#[cfg(test)]
mod architecture_tests;
#[cfg(test)]
mod fuzz_tests;
#[cfg(test)]
mod hostile_text_tests;
