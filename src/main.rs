//! Entry point: the panic hook first (a panic shows an error screen, never a blank page),
//! then the app.
fn main() {
    cairn::panic_screen::install();
    cairn::app::mount();
}
