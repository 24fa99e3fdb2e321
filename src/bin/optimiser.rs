//! The optimiser's Web Worker (see `views::decide::worker`): trunk builds this binary as
//! `optimiser.js` + `optimiser_bg.wasm` with the loader `optimiser_loader.js`.
#[cfg(target_arch = "wasm32")]
fn main() {
    cairn::views::decide::worker::run_worker();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
