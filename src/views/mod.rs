//! One module per view. Views are thin: they read state, call the domain, and render.

pub mod decide;
pub mod heatmap;
pub mod landscape;
pub mod portfolio;
pub mod roadmap_editor;
pub mod roadmaps;
pub mod settings;
pub mod timeline;
pub mod workshop;
