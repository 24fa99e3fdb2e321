//! Chart geometry: where things go, in pixels, computed in plain Rust from the domain's
//! rules and figures. No web code (no leptos, web-sys or wasm-bindgen), so it is tested on
//! the host; `charts` draws it with plotters and the views hit-test with the same
//! rectangles.
//!
//! - [`timeline`]: zoom, the time axis, header rows, rows, bars, milestones, hit-testing,
//!   dependency arrows and the strips' positions (the rules are `domain::schedule`'s).
//! - [`heatmap`]: the capability map's nested boxes and text fitting.
//! - [`portfolio`]: the finance chart and the risk matrix.
//! - [`landscape`]: the TIME chart (technical × functional fit, bubbles by run cost).
//! - [`lifecycle`]: the landscape's lifecycle roadmap (applications' phases over time,
//!   the initiatives' markers, successors).
//! - [`palette`]: the colour-blind-safe attention and magnitude palettes, and the colours of
//!   the heatmap's scale steps.

pub mod heatmap;
pub mod landscape;
pub mod lifecycle;
pub mod palette;
pub mod portfolio;
pub mod timeline;

/// Tolerance for comparing layout coordinates.
pub(crate) const EPS: f64 = 1e-6;

/// An axis-aligned rectangle in layout pixels (y grows downwards).
#[derive(Clone, Copy, PartialEq, Debug, Default)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn right(&self) -> f64 {
        self.x + self.w
    }
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }
    pub fn centre(&self) -> (f64, f64) {
        (self.x + self.w / 2.0, self.y + self.h / 2.0)
    }
    /// The point is in the rectangle (left and top edges in, right and bottom edges out).
    pub fn contains(&self, x: f64, y: f64) -> bool {
        self.x <= x && x < self.right() && self.y <= y && y < self.bottom()
    }
    /// This rectangle lies within `outer` (edges may touch).
    pub fn inside(&self, outer: &Rect) -> bool {
        self.x >= outer.x - EPS
            && self.y >= outer.y - EPS
            && self.right() <= outer.right() + EPS
            && self.bottom() <= outer.bottom() + EPS
    }
    /// The two rectangles share an area (touching edges do not count).
    pub fn overlaps(&self, other: &Rect) -> bool {
        overlap(self.x, self.right(), other.x, other.right()) && overlap(self.y, self.bottom(), other.y, other.bottom())
    }
}

/// The intervals [a0, a1) and [b0, b1) share more than a point.
pub(crate) fn overlap(a0: f64, a1: f64, b0: f64, b1: f64) -> bool {
    a1.min(b1) - a0.max(b0) > EPS
}
