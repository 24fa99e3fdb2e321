//! Entry point: the panic hook first (a panic shows an error screen, never a blank page),
//! then the app — after the codec when this browser holds roadmaps (`cairn::codec`).
fn main() {
    cairn::panic_screen::install();
    if !cairn::codec::needed_at_start() {
        // A fresh visit: the first screen at once, the codec fetched just after.
        cairn::app::mount();
        cairn::codec::prefetch();
        return;
    }
    // Before `mount` the Leptos executor is not set up yet: the browser's own.
    wasm_bindgen_futures::spawn_local(async {
        match cairn::codec::load().await {
            Ok(()) => cairn::app::mount(),
            Err(_) => cairn::app::show_boot_failure(
                "Cairn could not load the code that reads your roadmaps: the connection may be down. \
                 Your roadmaps are safe in this browser. Reload the page when you are back online.",
            ),
        }
    });
}
