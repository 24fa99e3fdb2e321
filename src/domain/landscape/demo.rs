//! The demo's landscape (filled in below).
