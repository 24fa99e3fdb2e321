//! localStorage: where Cairn keeps roadmaps between visits.
//!
//! Keys: `cairn.index` (which roadmaps exist and which is open) and one
//! `cairn.roadmap.<id>` per roadmap holding the stored envelope (`domain::stored`), whose
//! `revision` lets two tabs notice each other's writes. A value that cannot be read is never
//! written over: it is reported as damaged and kept until the user downloads or deletes it.
//!
//! A large roadmap saved in steps is stored in parts (`domain::stored`, "Parts"): its key
//! holds a short head naming the parts, each under `cairn.parts.<id>.<revision>.<writer>.<n>`.
//! The parts are written first and the head last, so a reader always finds a whole value;
//! the parts of the value it replaces are removed after ([`remove_parts`]). Only the head's key
//! is a roadmap's key: the index and the `storage` event see the parts as nothing of theirs.
//!
//! A roadmap's scenarios live under their own key, `cairn.scenarios.<id>` (see
//! [`save_scenarios`]), so that an autosave of the plan never rewrites them.

use crate::codec;
use crate::domain::stored::{self, PartsHead, Stored};
use crate::domain::Roadmap;
use serde::{Deserialize, Serialize};

pub const INDEX_KEY: &str = "cairn.index";
pub const ROADMAP_PREFIX: &str = "cairn.roadmap.";

pub fn roadmap_key(id: &str) -> String {
    format!("{ROADMAP_PREFIX}{id}")
}

#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Entry {
    pub id: String,
    pub name: String,
}

#[derive(Clone, PartialEq, Debug, Default, Serialize, Deserialize)]
pub struct Index {
    pub current: Option<String>,
    pub roadmaps: Vec<Entry>,
}

/// A stored value that could not be read. Kept as it is.
#[derive(Clone, PartialEq, Debug)]
pub struct Damaged {
    pub key: String,
    pub raw: String,
    pub error: String,
}

#[derive(Clone, PartialEq, Debug)]
pub enum SaveError {
    /// No localStorage (private mode, disabled by policy): work is kept in memory only.
    Unavailable,
    /// QuotaExceededError: the last saved copy is intact, this change is not saved.
    Full,
    /// Another tab saved this roadmap since this tab last read or wrote it.
    Conflict,
    Other(String),
}

fn storage() -> Option<web_sys::Storage> {
    // `window.localStorage` throws (SecurityError) when storage is blocked: asked directly
    // (not through gloo-storage, whose `raw()` panics then and whose JSON helpers would pull
    // serde_json into the first screen; the values are (de)coded by `crate::codec`).
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn is_available() -> bool {
    storage().is_some()
}

fn error_name(err: &wasm_bindgen::JsValue) -> String {
    js_sys::Reflect::get(err, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_default()
}

fn set_raw(key: &str, value: &str) -> Result<(), SaveError> {
    let s = storage().ok_or(SaveError::Unavailable)?;
    s.set_item(key, value).map_err(refused)
}

/// [`set_raw`] of a value that is already the page's text (a large roadmap's, made a piece
/// at a time while it was packed: not copied out of Rust at once).
fn set_text(key: &str, value: &js_sys::JsString) -> Result<(), SaveError> {
    use wasm_bindgen::JsCast;
    let s = storage().ok_or(SaveError::Unavailable)?;
    let set_item = js_sys::Reflect::get(&s, &"setItem".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .ok_or(SaveError::Unavailable)?;
    set_item.call2(&s, &key.into(), value).map(drop).map_err(refused)
}

/// Why the browser refused to store a value.
fn refused(e: wasm_bindgen::JsValue) -> SaveError {
    match error_name(&e).as_str() {
        "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED" => SaveError::Full,
        other => SaveError::Other(format!("the browser refused to save ({other})")),
    }
}

/// Keeps a view preference (`cairn.prefs.<name>`); best effort: without room or storage the
/// preference is simply not kept.
pub fn save_preference(name: &str, value: &str) {
    let key = format!("cairn.prefs.{name}");
    if get_raw(&key).as_deref() != Some(value) {
        let _ = set_raw(&key, value);
    }
}

/// A preference kept by [`save_preference`].
pub fn preference(name: &str) -> Option<String> {
    get_raw(&format!("cairn.prefs.{name}"))
}

pub fn get_raw(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// The first `chars` characters of a stored value: the rest (megabytes for a large landscape)
/// is not copied out of the browser.
fn get_head(key: &str, chars: u32) -> Option<String> {
    use wasm_bindgen::JsCast;
    let s = storage()?;
    let get_item = js_sys::Reflect::get(&s, &"getItem".into()).ok()?.dyn_into::<js_sys::Function>().ok()?;
    let value = get_item.call1(&s, &key.into()).ok()?.dyn_into::<js_sys::JsString>().ok()?;
    Some(value.slice(0, chars).into())
}

/// Removes a stored value; a roadmap's with its parts (there are none before the codec is
/// loaded: it is loaded at start when storage holds a roadmap).
pub fn remove_key(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
    if let Some(id) = key.strip_prefix(ROADMAP_PREFIX).filter(|_| codec::ready()) {
        codec::remove_parts_of(id);
    }
}

// ---- values in parts -----------------------------------------------------------------------

/// Starts the key of every part of a value stored in parts.
pub const PARTS_PREFIX: &str = "cairn.parts.";

/// A value saved in steps is cut into parts of about this many characters: writing one takes
/// a few milliseconds at most (a whole value of 1.7 million characters took 13 to 82 ms,
/// depending on the machine).
pub const PART_CHARS: u32 = 128 * 1024;

fn part_key(id: &str, revision: u64, writer: &str, n: usize) -> String {
    format!("{PARTS_PREFIX}{id}.{revision}.{writer}.{n}")
}

/// A tag for the parts of one save, so that two tabs saving the same revision never write
/// each other's parts.
pub fn new_writer() -> String {
    format!("{:x}", (js_sys::Math::random() * 1e15) as u64)
}

/// Writes part `n` of the value saved as `revision` by `writer` (its head comes last:
/// [`save_end_in_parts`]).
pub fn write_part(id: &str, revision: u64, writer: &str, n: usize, text: &js_sys::JsString) -> Result<(), SaveError> {
    set_text(&part_key(id, revision, writer, n), text)
}

/// Writes the head of a value whose parts are all written ([`write_part`]), unless another tab
/// has written the roadmap since. Returns the revision. The parts of the values it replaces
/// are left to the caller to remove ([`replaced_parts`]), a step at a time after the save:
/// each is quick (0.1 ms measured), but a large value's many need not add to any step.
pub fn save_end_in_parts(id: &str, head: &PartsHead) -> Result<u64, SaveError> {
    unchanged_before(id, head.revision)?;
    set_raw(&roadmap_key(id), &head.text())?;
    Ok(head.revision)
}

/// The keys of the parts a head just written (`head`) replaces: those of every earlier or equal
/// revision but its own. (Parts of a later revision may be another tab's save under way:
/// they are left to the save after them.)
pub fn replaced_parts(id: &str, head: &PartsHead) -> Vec<String> {
    parts_where(id, &|revision, writer| revision <= head.revision && writer != head.writer)
}

/// Removes the parts of roadmap `id` that `which(revision, writer)` picks.
pub fn remove_parts(id: &str, which: &dyn Fn(u64, &str) -> bool) {
    for key in parts_where(id, which) {
        remove_key(&key);
    }
}

/// The keys of the parts of roadmap `id` that `which(revision, writer)` picks.
fn parts_where(id: &str, which: &dyn Fn(u64, &str) -> bool) -> Vec<String> {
    let Some(s) = storage() else { return Vec::new() };
    let prefix = format!("{PARTS_PREFIX}{id}.");
    let keys = (0..s.length().unwrap_or(0)).filter_map(|i| s.key(i).ok().flatten());
    keys.filter(|key| {
        let Some(rest) = key.strip_prefix(&prefix) else { return false };
        let mut fields = rest.split('.');
        matches!(
            (fields.next().map(str::parse::<u64>), fields.next(), fields.next(), fields.next()),
            (Some(Ok(revision)), Some(writer), Some(_), None) if which(revision, writer)
        )
    })
    .collect()
}

/// Puts a value stored in parts together, one part a step (`App::open_in_steps`): each
/// [`step`](Gather::step) reads one part; the last gives the value, or why it cannot be had.
pub struct Gather {
    id: String,
    head: PartsHead,
    next: usize,
    text: String,
}

impl Gather {
    pub fn new(id: &str, head: PartsHead) -> Gather {
        Gather { id: id.to_string(), head, next: 0, text: String::new() }
    }

    pub fn step(&mut self) -> Option<Result<String, String>> {
        let PartsHead { revision, ref writer, parts } = self.head;
        let Some(part) = get_raw(&part_key(&self.id, revision, writer, self.next)) else {
            return Some(Err(stored::damaged(&format!("part {} of {parts} is missing", self.next + 1))));
        };
        if self.next == 0 {
            // Room for every part at once: the text is never moved while it grows.
            self.text.reserve(part.len() * parts);
        }
        self.text.push_str(&part);
        self.next += 1;
        (self.next == parts).then(|| Ok(std::mem::take(&mut self.text)))
    }
}

/// The value stored for roadmap `id` (put together when it is in parts): `Ok(None)` when
/// there is none, `Err` when a part is missing.
pub fn read_value(id: &str) -> Result<Option<String>, Damaged> {
    let key = roadmap_key(id);
    let Some(raw) = get_raw(&key) else { return Ok(None) };
    let Some(head) = PartsHead::parse(&raw) else { return Ok(Some(raw)) };
    let mut gather = Gather::new(id, head);
    loop {
        if let Some(done) = gather.step() {
            return done.map(Some).map_err(|error| Damaged { key, raw, error });
        }
    }
}

/// Every roadmap key present in storage.
fn roadmap_ids_in_storage() -> Vec<String> {
    let Some(s) = storage() else { return Vec::new() };
    (0..s.length().unwrap_or(0))
        .filter_map(|i| s.key(i).ok().flatten())
        .filter_map(|k| k.strip_prefix(ROADMAP_PREFIX).map(str::to_string))
        .collect()
}

/// The index, repaired against what is really stored: entries without a stored roadmap are
/// dropped, stored roadmaps missing from the index are added. The flag says it was repaired.
pub fn load_index() -> (Index, bool) {
    // No index (a fresh visit) needs no codec: it may not be loaded yet (`crate::codec`).
    let raw = get_raw(INDEX_KEY);
    let read: Option<Index> = raw.as_deref().and_then(codec::decode_index);
    let had_index = read.is_some() || raw.is_none();
    let mut index = read.unwrap_or_default();
    let stored = roadmap_ids_in_storage();
    let before = index.roadmaps.len();
    index.roadmaps.retain(|e| stored.contains(&e.id));
    let mut repaired = index.roadmaps.len() != before || !had_index;
    for id in stored {
        if !index.roadmaps.iter().any(|e| e.id == id) {
            index.roadmaps.push(Entry { name: id.clone(), id });
            repaired = true;
        }
    }
    (index, repaired)
}

pub fn save_index(index: &Index) -> Result<(), SaveError> {
    if storage().is_none() {
        return Err(SaveError::Unavailable);
    }
    set_raw(INDEX_KEY, &codec::encode_index(index))
}

/// Reads a stored roadmap ([`read_value`], decoded): `Ok(None)` when there is none, `Err`
/// when it cannot be read. (In the codec's chunk: `codec::load_stored`.)
pub fn load(id: &str) -> Result<Option<Stored>, Damaged> {
    codec::load_stored(id)
}

/// The revision of a stored value (packed or plain), from its first characters.
pub fn peek_revision(raw: &str) -> Option<u64> {
    stored::peek_revision(raw)
}

/// The stored revision of a roadmap right now (`None` when absent or unreadable).
pub fn stored_revision(id: &str) -> Option<u64> {
    // `peek_revision` reads no further than the first 200 characters.
    get_head(&roadmap_key(id), 256).as_deref().and_then(peek_revision)
}

/// Saves a roadmap if the stored copy is still the one this tab knows (`known_revision`);
/// returns the new revision.
/// ([`save_begin`], then [`save_end`] of the roadmap encoded at once, in the codec's chunk:
/// `codec::save_stored`.) Writing whatever is stored (the user chose "keep mine") is saving
/// over the revision stored now.
pub fn save(id: &str, roadmap: &Roadmap, known_revision: Option<u64>) -> Result<u64, SaveError> {
    codec::save_stored(id, roadmap, known_revision)
}

/// The revision a save of roadmap `id` writes next, if the stored copy is still the one this
/// tab knows (`known_revision`); else why not. Then the value is encoded for that revision
/// (at once, or in steps: `stored::Packer`) and written by [`save_end`].
pub fn save_begin(id: &str, known_revision: Option<u64>) -> Result<u64, SaveError> {
    if storage().is_none() {
        return Err(SaveError::Unavailable);
    }
    let current = stored_revision(id);
    if current.is_some() && current != known_revision {
        return Err(SaveError::Conflict);
    }
    Ok(current.unwrap_or(0) + 1)
}

/// Writes `value`, encoded for `revision` (from [`save_begin`]), unless another tab has
/// written the roadmap since; returns the revision.
pub fn save_end(id: &str, revision: u64, value: &js_sys::JsString) -> Result<u64, SaveError> {
    unchanged_before(id, revision)?;
    set_text(&roadmap_key(id), value)?;
    remove_parts(id, &|stored, _| stored <= revision);
    Ok(revision)
}

/// `Err(Conflict)` unless the stored value is still the one `revision` follows.
fn unchanged_before(id: &str, revision: u64) -> Result<(), SaveError> {
    if stored_revision(id) != revision.checked_sub(1).filter(|&before| before > 0) {
        return Err(SaveError::Conflict);
    }
    Ok(())
}

// ---- scenarios ---------------------------------------------------------------------------

/// Scenarios are kept next to their roadmap, under their own key, rather than inside the
/// roadmap's envelope: every autosave of the plan would otherwise rewrite every scenario
/// (each a whole roadmap), and a damaged list must not make the plan unreadable. The prefix
/// differs from [`ROADMAP_PREFIX`], so the index never mistakes it for a roadmap.
pub const SCENARIOS_PREFIX: &str = "cairn.scenarios.";

pub fn scenarios_key(id: &str) -> String {
    format!("{SCENARIOS_PREFIX}{id}")
}

/// A roadmap's scenarios: empty when it has none, `Err` when the stored list cannot be read
/// (it is then kept as it is).
pub fn load_scenarios(id: &str) -> Result<Vec<crate::domain::scenario::Scenario>, Damaged> {
    let key = scenarios_key(id);
    let Some(raw) = get_raw(&key) else { return Ok(Vec::new()) };
    codec::decode_scenarios(&raw).map_err(|error| Damaged { key, raw, error })
}

/// Writes a roadmap's scenarios (an empty list removes the key). Over the quota the stored
/// list is left as it was.
pub fn save_scenarios(id: &str, scenarios: &[crate::domain::scenario::Scenario]) -> Result<(), SaveError> {
    if storage().is_none() {
        return Err(SaveError::Unavailable);
    }
    if scenarios.is_empty() {
        remove_key(&scenarios_key(id));
        return Ok(());
    }
    set_raw(&scenarios_key(id), &codec::encode_scenarios(scenarios))
}

#[cfg(test)]
mod tests {
    #[test]
    fn peeks_revisions() {
        assert_eq!(super::peek_revision(r#"{"schema":1,"revision":42,"roadmap":{}}"#), Some(42));
        assert_eq!(super::peek_revision(r#"{"schema":1, "revision": 7}"#), Some(7));
        assert_eq!(super::peek_revision("garbage"), None);
        assert_eq!(super::peek_revision(&"é".repeat(300)), None);
        assert_eq!(super::peek_revision("cairn:z1:9:0a1b2c3d:丁"), Some(9));
    }
}
