//! Reading and writing Cairn's data — the stored roadmaps, scenario lists and index, roadmap
//! files and share links (`domain::stored`, `domain::scenario`, `domain::file_format`,
//! `domain::share_link`) — through one chunk of the split build (issue 14).
//!
//! serde_json, the models' (de)serialisers and deflate are a fifth of the app's code, and a
//! fresh visit does not need them before its first screen: it shows the demo roadmap, whose
//! first save can wait a moment. So:
//!
//! - [`needed_at_start`]: when this browser holds Cairn roadmaps (or the address is a share
//!   link), `main` loads the codec before the app starts; a fresh visit starts at once and
//!   fetches the codec just after (`prefetch`).
//! - The functions below are plain calls once the codec is loaded. Before, [`ready`] is false:
//!   the app defers what needs it with [`when_ready`] (the first save, another tab's writes, a
//!   download); the startup order above makes every other use come after the load.
//! - The demo's and the IT-management template's landscapes (their text tables and the code
//!   reading them, 7 KB gzip) are here too, not on the first screen: a new roadmap from either
//!   opens at once and gains its applications when the codec is loaded
//!   (`App::open_new_with_landscape`).
//! - Without the split build every function is a plain call and [`ready`] is always true.

use crate::domain::landscape::{self, Landscape};
use crate::domain::scenario::Scenario;
use crate::domain::share_link::ShareLinkError;
use crate::domain::stored::{Packer, Reader, Stored};
use crate::domain::{file_format, scenario, share_link, stored, Roadmap};
use crate::persistence::{Damaged, Index, SaveError};
use crate::state::App;
use crate::ui::lazy::{split_point, LoadFailed};
use std::sync::atomic::{AtomicBool, Ordering};

mod chunk {
    use super::*;

    split_point!(
        value codec,
        fn load_stored(id: &str) -> Result<Option<Stored>, Damaged> {
            super::load_now(id)
        }
    );
    split_point!(
        value codec,
        fn save_stored(id: &str, roadmap: &Roadmap, known_revision: Option<u64>) -> Result<u64, SaveError> {
            super::save_now(id, roadmap, known_revision)
        }
    );
    split_point!(
        value codec,
        fn remove_parts_of(id: &str) -> () {
            crate::persistence::remove_parts(id, &|_, _| true)
        }
    );
    split_point!(
        value codec,
        fn unpack_stored(key: &str, raw: &str) -> Option<String> {
            // The head of a value in parts: the value, put together.
            let id = key.strip_prefix(crate::persistence::ROADMAP_PREFIX).filter(|_| raw.starts_with(stored::IN_PARTS));
            let whole = match id {
                Some(id) => crate::persistence::read_value(id).ok().flatten(),
                None => Some(raw.to_string()),
            };
            whole.and_then(|whole| stored::unpack(&whole).ok().map(|json| json.into_owned()))
        }
    );
    split_point!(
        value codec,
        fn decode_scenarios(raw: &str) -> Result<Vec<Scenario>, String> {
            scenario::decode_list(raw)
        }
    );
    split_point!(
        value codec,
        fn encode_scenarios(list: &[Scenario]) -> String {
            scenario::encode_list(list)
        }
    );
    split_point!(
        value codec,
        fn decode_index(raw: &str) -> Option<Index> {
            serde_json::from_str(raw).ok()
        }
    );
    split_point!(
        value codec,
        fn encode_index(index: &Index) -> String {
            file_format::write_json(index, false)
        }
    );
    split_point!(
        value codec,
        fn import_file(text: &str) -> Result<Roadmap, String> {
            file_format::import_json(text).map_err(|e| e.message)
        }
    );
    split_point!(
        value codec,
        fn export_file(roadmap: &Roadmap) -> String {
            file_format::export_json(roadmap)
        }
    );
    split_point!(
        value codec,
        fn open_share_link(link: &str) -> Result<Roadmap, ShareLinkError> {
            share_link::decode(link)
        }
    );
    split_point!(
        value codec,
        fn new_packer(roadmap: Roadmap, revision: u64) -> Packer {
            Packer::new(roadmap, revision)
        }
    );
    split_point!(
        value codec,
        fn pack_step(packer: &mut Packer) -> Option<String> {
            packer.step()
        }
    );
    split_point!(
        value codec,
        fn new_reader(raw: String) -> Reader {
            Reader::new(raw)
        }
    );
    split_point!(
        value codec,
        fn read_step(reader: &mut Reader) -> Option<Result<Stored, String>> {
            reader.step()
        }
    );
    split_point!(
        value codec,
        fn open_in_steps(app: App, id: String, raw: String) -> () {
            app.open_in_steps(id, raw)
        }
    );
    split_point!(
        value codec,
        fn save_in_steps(app: App) -> () {
            app.save_in_steps()
        }
    );
    split_point!(
        value codec,
        fn save_left_unsaved(app: App) -> () {
            app.save_left_unsaved()
        }
    );
    split_point!(
        value codec,
        fn storage_changed(app: App, key: Option<String>, new_value: Option<String>) -> () {
            app.on_storage_changed_now(key, new_value)
        }
    );
    split_point!(
        value codec,
        fn demo_landscape() -> Landscape {
            landscape::demo::landscape()
        }
    );
    split_point!(
        value codec,
        fn it_management_landscape() -> Landscape {
            landscape::demo::it_management_landscape()
        }
    );
}

/// Set once the codec is loaded (from the start without the split build). A flag, not a poll
/// of the chunk's loader: polling it would start the load.
static LOADED: AtomicBool = AtomicBool::new(!cfg!(feature = "split"));

/// The codec is loaded (always, without the split build).
pub fn ready() -> bool {
    LOADED.load(Ordering::Relaxed)
}

/// Loads the codec (at once when it is loaded already).
pub async fn load() -> Result<(), LoadFailed> {
    // Every split function has its own loader (it resolves once the chunk is there, one await
    // later): all of them are loaded here, so that each call below is a plain call.
    for load in [
        chunk::load_stored::load,
        chunk::save_stored::load,
        chunk::remove_parts_of::load,
        chunk::unpack_stored::load,
        chunk::decode_scenarios::load,
        chunk::encode_scenarios::load,
        chunk::decode_index::load,
        chunk::encode_index::load,
        chunk::import_file::load,
        chunk::export_file::load,
        chunk::open_share_link::load,
        chunk::demo_landscape::load,
        chunk::it_management_landscape::load,
        chunk::new_packer::load,
        chunk::pack_step::load,
        chunk::new_reader::load,
        chunk::read_step::load,
        chunk::open_in_steps::load,
        chunk::save_in_steps::load,
        chunk::save_left_unsaved::load,
        chunk::storage_changed::load,
    ] {
        load().await?;
    }
    LOADED.store(true, Ordering::Relaxed);
    Ok(())
}

/// Fetches the codec in the background, once the first screen is painted (a fresh visit).
pub fn prefetch() {
    leptos::task::spawn_local(async {
        after_first_screen().await;
        let _ = load().await;
    });
}

/// Resolves once the first screen is painted and no view is fetching its chunk (a deep link's
/// view comes first), or after 5 s whatever happens: what the codec is fetched after, so that
/// it never competes with the first screen.
async fn after_first_screen() {
    let give_up = js_sys::Date::now() + 5_000.0;
    loop {
        after_next_frame().await;
        if !crate::ui::lazy::views_loading() || js_sys::Date::now() > give_up {
            return;
        }
    }
}

/// Resolves after the next frame has been painted (a frame, then a task), or after 200 ms in a
/// tab that paints no frames (hidden).
async fn after_next_frame() {
    use wasm_bindgen::{closure::Closure, JsCast};
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let Some(window) = web_sys::window() else {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
            return;
        };
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(resolve.unchecked_ref(), 200);
        let then = window.clone();
        let after_frame = Closure::once_into_js(move || {
            let _ = then.set_timeout_with_callback(resolve.unchecked_ref());
        });
        let _ = window.request_animation_frame(after_frame.unchecked_ref());
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// True when the app needs the codec to open: this browser holds Cairn roadmaps, scenarios or
/// an index, or the address is a share link.
pub fn needed_at_start() -> bool {
    let Some(window) = web_sys::window() else { return false };
    if share_link::is_share_link(&window.location().hash().unwrap_or_default()) {
        return true;
    }
    let Some(storage) = window.local_storage().ok().flatten() else { return false };
    (0..storage.length().unwrap_or(0)).filter_map(|i| storage.key(i).ok().flatten()).any(|key| {
        key == crate::persistence::INDEX_KEY
            || key.starts_with(crate::persistence::ROADMAP_PREFIX)
            || key.starts_with(crate::persistence::SCENARIOS_PREFIX)
    })
}

/// Runs `then` once the codec is loaded: now when it is, else after loading it (the first
/// screen first: see `after_first_screen`). If it cannot be loaded, `failed` runs instead
/// (nothing was done, so trying again is safe): see `App::when_codec_ready`.
pub fn when_ready(then: impl FnOnce() + 'static, failed: impl FnOnce() + 'static) {
    if ready() {
        then();
        return;
    }
    // One waiting task for every caller (not one per closure type: the first screen's size).
    when_loaded(Box::new(then), Box::new(failed));
}

fn when_loaded(then: Box<dyn FnOnce()>, failed: Box<dyn FnOnce()>) {
    leptos::task::spawn_local(async move {
        after_first_screen().await;
        match load().await {
            Ok(()) => then(),
            Err(LoadFailed) => failed(),
        }
    });
}

/// The codec was used before it was loaded: a mistake in the startup order (see the module
/// notes), never a user's doing.
fn not_loaded() -> ! {
    panic!("the codec was used before it was loaded")
}

/// [`load_stored`] (in the chunk).
fn load_now(id: &str) -> Result<Option<Stored>, Damaged> {
    let Some(raw) = crate::persistence::read_value(id)? else { return Ok(None) };
    let key = crate::persistence::roadmap_key(id);
    stored::decode(&raw).map(Some).map_err(|error| Damaged { key, raw, error })
}

/// [`save_stored`] (in the chunk).
fn save_now(id: &str, roadmap: &Roadmap, known_revision: Option<u64>) -> Result<u64, SaveError> {
    let revision = crate::persistence::save_begin(id, known_revision)?;
    crate::persistence::save_end(id, revision, &stored::encode(roadmap, revision).into())
}

/// A stored value decoded: for the code of this chunk only (another tab's write,
/// `App::on_storage_changed_now`); elsewhere, `persistence::load`.
pub fn decode_stored(raw: &str) -> Result<Stored, String> {
    stored::decode(raw)
}

/// A stored roadmap read: `persistence::load`.
pub fn load_stored(id: &str) -> Result<Option<Stored>, Damaged> {
    chunk::load_stored::now(id).unwrap_or_else(|| not_loaded())
}

/// A roadmap saved at once: `persistence::save`.
pub fn save_stored(id: &str, roadmap: &Roadmap, known_revision: Option<u64>) -> Result<u64, SaveError> {
    chunk::save_stored::now(id, roadmap, known_revision).unwrap_or_else(|| not_loaded())
}

/// Removes every part of roadmap `id`'s value (`persistence::remove_key`).
pub fn remove_parts_of(id: &str) {
    chunk::remove_parts_of::now(id).unwrap_or_else(|| not_loaded())
}

/// The JSON of a packed stored value (stored under `key`; one in parts put together), when the
/// codec is loaded and the value unpacks (for the panic screen's download, which must work
/// whatever happened before).
pub fn unpack_stored_if_loaded(key: &str, raw: &str) -> Option<String> {
    // Not loaded: no load is started from a stopped app.
    ready().then(|| chunk::unpack_stored::now(key, raw).flatten()).flatten()
}

pub fn decode_scenarios(raw: &str) -> Result<Vec<Scenario>, String> {
    chunk::decode_scenarios::now(raw).unwrap_or_else(|| not_loaded())
}

pub fn encode_scenarios(list: &[Scenario]) -> String {
    chunk::encode_scenarios::now(list).unwrap_or_else(|| not_loaded())
}

/// The index, `None` when it cannot be read.
pub fn decode_index(raw: &str) -> Option<Index> {
    chunk::decode_index::now(raw).unwrap_or_else(|| not_loaded())
}

pub fn encode_index(index: &Index) -> String {
    chunk::encode_index::now(index).unwrap_or_else(|| not_loaded())
}

/// A roadmap file read, or the message saying why it cannot be.
pub fn import_file(text: &str) -> Result<Roadmap, String> {
    chunk::import_file::now(text).unwrap_or_else(|| not_loaded())
}

pub fn export_file(roadmap: &Roadmap) -> String {
    chunk::export_file::now(roadmap).unwrap_or_else(|| not_loaded())
}

pub fn open_share_link(link: &str) -> Result<Roadmap, ShareLinkError> {
    chunk::open_share_link::now(link).unwrap_or_else(|| not_loaded())
}

/// The demo roadmap's applications and technologies (`landscape::demo::landscape`).
pub fn demo_landscape() -> Landscape {
    chunk::demo_landscape::now().unwrap_or_else(|| not_loaded())
}

/// The IT-management template's tools (`landscape::demo::it_management_landscape`).
pub fn it_management_landscape() -> Landscape {
    chunk::it_management_landscape::now().unwrap_or_else(|| not_loaded())
}

/// Packs a roadmap for storage in steps (`stored::Packer`): see `App::save_in_steps`.
pub fn new_packer(roadmap: Roadmap, revision: u64) -> Packer {
    chunk::new_packer::now(roadmap, revision).unwrap_or_else(|| not_loaded())
}

/// One step of a [`new_packer`]; `Some(value)` when it was the last.
pub fn pack_step(packer: &mut Packer) -> Option<String> {
    chunk::pack_step::now(packer).unwrap_or_else(|| not_loaded())
}

/// Reads a stored value in steps (`stored::Reader`): see `App::open_in_steps`.
pub fn new_reader(raw: String) -> Reader {
    chunk::new_reader::now(raw).unwrap_or_else(|| not_loaded())
}

/// One step of a [`new_reader`]; `Some(result)` when it was the last.
pub fn read_step(reader: &mut Reader) -> Option<Result<Stored, String>> {
    chunk::read_step::now(reader).unwrap_or_else(|| not_loaded())
}

/// Opens a large stored roadmap in steps: `App::open_in_steps`, whose code (the steps' loop)
/// is in this chunk, where it is needed only.
pub fn open_in_steps(app: App, id: String, raw: String) {
    chunk::open_in_steps::now(app, id, raw).unwrap_or_else(|| not_loaded())
}

/// `App::save_in_steps` (its code in this chunk).
pub fn save_in_steps(app: App) {
    chunk::save_in_steps::now(app).unwrap_or_else(|| not_loaded())
}

/// `App::save_left_unsaved` (its code in this chunk: it runs once the codec is here).
pub fn save_left_unsaved(app: App) {
    chunk::save_left_unsaved::now(app).unwrap_or_else(|| not_loaded())
}

/// `App::on_storage_changed` once the codec is loaded (its code in this chunk).
pub fn storage_changed(app: App, key: Option<String>, new_value: Option<String>) {
    chunk::storage_changed::now(app, key, new_value).unwrap_or_else(|| not_loaded())
}

/// Runs `step` until it gives a result, a few milliseconds (`budget_ms`) at a time with the
/// page going on in between ([`give_way`]); `None` once `wanted` says the result is no longer
/// wanted (checked after each pause). The one loop of the work done in steps: saving and
/// opening large roadmaps (`App::save_in_steps`, `App::open_in_steps`).
pub async fn in_steps<T>(budget_ms: f64, mut step: impl FnMut() -> Option<T>, wanted: impl Fn() -> bool) -> Option<T> {
    loop {
        let started = js_sys::Date::now();
        while js_sys::Date::now() - started < budget_ms {
            if let Some(done) = step() {
                return Some(done);
            }
        }
        give_way().await;
        if !wanted() {
            return None;
        }
    }
}

/// The pauses of work that offers to pause often (`validate::validate_paced`): it goes on at
/// once until it has run `budget_ms` since the last pause, then the browser has its turn
/// ([`give_way`]).
pub fn pauses(budget_ms: f64) -> impl FnMut() -> std::pin::Pin<Box<dyn std::future::Future<Output = ()>>> {
    let since = std::rc::Rc::new(std::cell::Cell::new(js_sys::Date::now()));
    move || {
        let since = since.clone();
        Box::pin(async move {
            if js_sys::Date::now() - since.get() >= budget_ms {
                give_way().await;
                since.set(js_sys::Date::now());
            }
        })
    }
}

/// Resolves in a moment, once the browser has had its turn (events, a frame): between the
/// steps of a long piece of work, so that it never holds the page for long.
pub async fn give_way() {
    let promise = js_sys::Promise::new(&mut |resolve, _| match web_sys::window() {
        Some(window) => {
            let _ = window.set_timeout_with_callback(&resolve);
        }
        None => {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

#[cfg(test)]
mod tests {
    /// `load` loads every function of the chunk: one it leaves out is not loaded when `ready()`
    /// says the codec is, and its first call stops the app (as `save_left_unsaved` once did,
    /// caught by the end-to-end tests of the split build only).
    #[test]
    fn load_loads_every_function_of_the_chunk() {
        let source = include_str!("codec.rs");
        let chunk = &source[source.find("mod chunk {").unwrap()..source.find("static LOADED").unwrap()];
        let functions: Vec<&str> = chunk
            .split("value codec,")
            .skip(1)
            .map(|point| point.trim_start().strip_prefix("fn ").unwrap().split('(').next().unwrap())
            .collect();
        assert!(functions.len() > 20, "{functions:?}");
        let load = &source[source.find("pub async fn load()").unwrap()..];
        let list = &load[..load.find("] {").unwrap()];
        for f in functions {
            assert!(list.contains(&format!("chunk::{f}::load,")), "codec::load does not load chunk::{f}");
        }
    }
}
