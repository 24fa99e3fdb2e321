//! The app's state: the open roadmap, its undo history, the list of roadmaps, and what the
//! user must be told (notices). Every change goes through [`App::edit`], which validates,
//! records an undo step and schedules the autosave.
//!
//! A roadmap's scenarios (named copies to try changes on) are kept here too; while one is
//! open for editing, `roadmap` holds it and the plan waits aside (`state_scenarios.rs`).

#[path = "state_scenarios.rs"]
mod scenarios;

use crate::domain::history::History;
use crate::domain::scenario::Scenario;
use crate::domain::validate::{self, Problem};
use crate::domain::{demo, file_format, share_link, Roadmap};
use crate::persistence::{self, Damaged, Entry, Index, SaveError};
use leptos::prelude::*;
use std::collections::HashMap;
use std::time::Duration;

/// How long after the last edit the autosave runs (also flushed when the page is hidden).
const SAVE_DELAY: Duration = Duration::from_millis(150);
const UNDO_STEPS: usize = 200;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Level {
    Info,
    Warning,
    Error,
}

#[derive(Clone, PartialEq, Debug)]
pub enum Action {
    DownloadCurrent,
    DownloadDamaged(String),
    DiscardDamaged(String),
    /// Another tab changed this roadmap: load its version.
    LoadStored,
    /// Another tab changed this roadmap: write this tab's version over it.
    KeepMine,
    /// A move broke successors of this initiative: move them after it (one undo step).
    PushSuccessors(String),
    /// The roadmap of a share link becomes one of the user's roadmaps.
    SaveSharedCopy,
    /// A new version of Cairn is installed: save, let it take over, reload (public/boot.js).
    ReloadForUpdate,
    Dismiss,
}

/// A share link (`#share=…`) opened in this tab: its roadmap is shown read-only and nothing
/// is written to storage until the person saves a copy or goes back to their own roadmaps.
#[derive(Clone, PartialEq, Debug)]
pub enum SharedView {
    /// The link's roadmap is open, read-only.
    Open,
    /// The link could not be read (cut off, changed, not a roadmap): why, in the person's words.
    /// No roadmap is open.
    Broken(String),
}

/// What an edit of a shared roadmap is told.
pub const READ_ONLY_TEXT: &str =
    "This roadmap was opened from a share link and is read-only. Save a copy to change it; your own roadmaps are untouched.";

#[derive(Clone, PartialEq, Debug)]
pub struct Notice {
    pub id: u64,
    /// Notices with the same topic replace each other.
    pub topic: &'static str,
    pub level: Level,
    pub text: String,
    pub actions: Vec<(String, Action)>,
}

/// What the header says about saving.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SaveStatus {
    Saved,
    Pending,
    Full,
    Conflict,
    MemoryOnly,
    Failed,
}

impl SaveStatus {
    pub fn label(self) -> &'static str {
        match self {
            SaveStatus::Saved => "All changes saved",
            SaveStatus::Pending => "Saving…",
            SaveStatus::Full => "Not saved: storage full",
            SaveStatus::Conflict => "Not saved: changed in another tab",
            SaveStatus::MemoryOnly => "Not saved: this browser keeps no data",
            SaveStatus::Failed => "Not saved",
        }
    }
}

#[derive(Clone, Copy)]
pub struct App {
    pub roadmap: RwSignal<Roadmap>,
    /// Every problem of the open roadmap (warnings included). Kept in step with `roadmap` by
    /// [`App::set_roadmap`]; an edit validates its result once and reuses it here.
    pub problems: RwSignal<std::sync::Arc<Vec<Problem>>>,
    pub current_id: RwSignal<String>,
    pub roadmaps: RwSignal<Vec<Entry>>,
    histories: RwSignal<HashMap<String, History<Roadmap>>>,
    pub notices: RwSignal<Vec<Notice>>,
    pub damaged: RwSignal<Vec<Damaged>>,
    pub save_status: RwSignal<SaveStatus>,
    /// `Some` while a share link is open: read-only, never saved (see [`SharedView`]).
    pub shared: RwSignal<Option<SharedView>>,
    /// The stored revision this tab last read or wrote, per roadmap id.
    revisions: StoredValue<HashMap<String, u64>>,
    save_timer: StoredValue<Option<TimeoutHandle>>,
    next_notice: StoredValue<u64>,
    /// The scenarios of the open roadmap, in the order saved.
    pub scenarios: RwSignal<Vec<Scenario>>,
    /// The name of the scenario open for editing: `roadmap` then holds that scenario, its
    /// edits are saved to it, and the plan waits unchanged in `plan_aside`.
    pub editing: RwSignal<Option<String>>,
    plan_aside: StoredValue<Option<Roadmap>>,
    /// The field of the last [`App::edit_merging`]: further typing there joins its undo step.
    merge_key: StoredValue<Option<String>>,
}

fn new_roadmap_id() -> String {
    let now = js_sys::Date::now() as u64;
    let salt = (js_sys::Math::random() * 1e6) as u64;
    format!("r{now:x}{salt:x}")
}

impl App {
    /// Opens the share link in the address, else the roadmap that was open last time (or the
    /// demo on a first visit).
    pub fn start() -> App {
        let app = App {
            roadmap: RwSignal::new(Roadmap::default()),
            problems: RwSignal::new(std::sync::Arc::new(Vec::new())),
            current_id: RwSignal::new(String::new()),
            roadmaps: RwSignal::new(Vec::new()),
            histories: RwSignal::new(HashMap::new()),
            notices: RwSignal::new(Vec::new()),
            damaged: RwSignal::new(Vec::new()),
            save_status: RwSignal::new(SaveStatus::Saved),
            shared: RwSignal::new(None),
            revisions: StoredValue::new(HashMap::new()),
            save_timer: StoredValue::new(None),
            next_notice: StoredValue::new(1),
            scenarios: RwSignal::new(Vec::new()),
            editing: RwSignal::new(None),
            plan_aside: StoredValue::new(None),
            merge_key: StoredValue::new(None),
        };
        if !persistence::is_available() {
            app.save_status.set(SaveStatus::MemoryOnly);
            app.notify(
                "storage",
                Level::Warning,
                "This browser is not letting Cairn keep data (private browsing, or storage \
                 blocked by a setting or policy). You can work normally, but nothing will be \
                 kept when you close this tab: export your roadmap to a file before you leave.",
                vec![("Export roadmap".into(), Action::DownloadCurrent)],
            );
        }
        let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
        if share_link::is_share_link(&hash) {
            app.open_shared(&hash);
        } else {
            app.open_last();
        }
        app
    }

    /// Opens the roadmap that was open last time (or the demo on a first visit).
    fn open_last(&self) {
        if !persistence::is_available() {
            self.open_new(demo::demo_roadmap());
            return;
        }
        let (index, _repaired) = persistence::load_index();
        self.roadmaps.set(index.roadmaps.clone());
        let mut candidates: Vec<String> = index.current.clone().into_iter().collect();
        candidates.extend(index.roadmaps.iter().map(|e| e.id.clone()));
        for id in candidates {
            if self.try_open(&id) {
                return;
            }
        }
        // First visit, or nothing readable: start with the demo roadmap.
        self.open_new(demo::demo_roadmap());
    }

    // ---- share links -------------------------------------------------------------------

    /// True while a share link is open: edits are refused and nothing is saved.
    pub fn read_only(&self) -> bool {
        self.shared.with(Option::is_some)
    }

    fn read_only_untracked(&self) -> bool {
        self.shared.with_untracked(Option::is_some)
    }

    /// Shows the roadmap of a share link (`#share=…`) read-only, or why it cannot be shown.
    /// Reads the list of the user's roadmaps (for the switcher) and writes nothing.
    pub fn open_shared(&self, link: &str) {
        self.flush_save();
        self.cancel_timer();
        if persistence::is_available() {
            self.roadmaps.set(persistence::load_index().0.roadmaps);
        }
        let (roadmap, view) = match share_link::decode(link) {
            Ok(r) => (r, SharedView::Open),
            Err(e) => (
                Roadmap { name: "Share link not opened".into(), ..Roadmap::default() },
                SharedView::Broken(e.to_string()),
            ),
        };
        // Messages about what was done before belong to the roadmap left behind.
        for topic in ["read-only", "import", "download", "export", "switch"] {
            self.clear_topic(topic);
        }
        self.shared.set(Some(view));
        self.current_id.set(String::new());
        self.set_roadmap(roadmap, None);
    }

    /// Leaves a share link for the user's own roadmaps (the one open last time).
    pub fn leave_shared(&self) {
        if self.read_only_untracked() {
            self.end_shared();
            self.open_last();
        }
    }

    /// Adds the shared roadmap to the user's roadmaps (a fresh id) and opens it.
    pub fn save_shared_copy(&self) {
        if self.shared.with_untracked(|s| s == &Some(SharedView::Open)) {
            let r = self.roadmap.get_untracked();
            let name = r.name.clone();
            self.open_new(r);
            self.notify(
                "read-only",
                Level::Info,
                &format!("\"{name}\" is saved in this browser as one of your roadmaps; you can change it now."),
                vec![],
            );
        }
    }

    /// Back to normal: the share link leaves the address (a reload opens the user's roadmaps).
    fn end_shared(&self) {
        if !self.read_only_untracked() {
            return;
        }
        self.shared.set(None);
        self.clear_topic("read-only");
        if let Some(w) = web_sys::window() {
            if share_link::is_share_link(&w.location().hash().unwrap_or_default()) {
                if let Ok(history) = w.history() {
                    let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("#/"));
                }
            }
        }
    }

    /// A problem saving one roadmap says nothing about the next one opened.
    fn reset_save_status(&self) {
        if self.save_status.get_untracked() != SaveStatus::MemoryOnly {
            self.save_status.set(SaveStatus::Saved);
            self.clear_topic("sync");
        }
    }

    /// Opens a stored roadmap; reports and keeps aside one that cannot be read.
    fn try_open(&self, id: &str) -> bool {
        match persistence::load(id) {
            Ok(Some(stored)) => {
                self.end_shared();
                self.reset_save_status();
                self.revisions.update_value(|r| {
                    r.insert(id.to_string(), stored.revision);
                });
                self.set_roadmap(stored.roadmap, None);
                self.current_id.set(id.to_string());
                self.open_scenarios();
                self.save_index();
                if let Some(from) = stored.migrated_from {
                    self.notify(
                        "migrated",
                        Level::Info,
                        &format!(
                            "This roadmap was saved by an older Cairn (storage version {from}) and has been updated."
                        ),
                        vec![],
                    );
                }
                true
            }
            Ok(None) => false,
            Err(damaged) => {
                self.report_damaged(damaged);
                false
            }
        }
    }

    fn report_damaged(&self, damaged: Damaged) {
        if self.damaged.with_untracked(|d| d.iter().any(|x| x.key == damaged.key)) {
            return;
        }
        let key = damaged.key.clone();
        self.notify(
            "damaged",
            Level::Error,
            &format!(
                "A saved roadmap could not be read ({}). It has been kept aside unchanged — nothing \
                 was written over it. Download it to keep it or to send it to your support, then \
                 delete it here.",
                damaged.error
            ),
            vec![
                ("Download the damaged data".into(), Action::DownloadDamaged(key.clone())),
                ("Delete the damaged data".into(), Action::DiscardDamaged(key)),
            ],
        );
        self.roadmaps.update(|list| {
            let id = damaged.key.trim_start_matches(persistence::ROADMAP_PREFIX);
            list.retain(|e| e.id != id);
        });
        self.damaged.update(|d| d.push(damaged));
    }

    /// Makes `roadmap` a new stored roadmap and opens it.
    pub fn open_new(&self, roadmap: Roadmap) {
        self.end_shared();
        self.flush_save();
        self.reset_save_status();
        let id = new_roadmap_id();
        self.roadmaps.update(|list| list.push(Entry { id: id.clone(), name: roadmap.name.clone() }));
        self.set_roadmap(roadmap, None);
        self.current_id.set(id);
        self.open_scenarios();
        self.save_now();
    }

    pub fn switch_to(&self, id: &str) {
        if id == self.current_id.get_untracked() {
            return;
        }
        self.flush_save();
        if !self.try_open(id) {
            self.notify("switch", Level::Warning, "That roadmap is no longer stored in this browser.", vec![]);
        }
    }

    /// Replaces the open roadmap and its problems (`None`: validate it here).
    fn set_roadmap(&self, roadmap: Roadmap, problems: Option<Vec<Problem>>) {
        let problems = problems.unwrap_or_else(|| validate::validate(&roadmap));
        self.problems.set(std::sync::Arc::new(problems));
        self.roadmap.set(roadmap);
        self.merge_key.set_value(None);
    }

    /// Where the undo steps of what is open are kept: per roadmap, and per scenario of it.
    fn history_key(&self, tracked: bool) -> String {
        let (id, editing) = if tracked {
            (self.current_id.get(), self.editing.get())
        } else {
            (self.current_id.get_untracked(), self.editing.get_untracked())
        };
        match editing {
            Some(name) => format!("{id}\u{1f}{}", name.trim().to_lowercase()),
            None => id,
        }
    }

    /// Applies an edit. It is refused — nothing changes — when it would create a new error.
    pub fn edit(&self, change: impl FnOnce(&mut Roadmap)) -> Result<(), Vec<Problem>> {
        self.edit_keyed(None, change)
    }

    /// An edit made while typing in one field (`key` names the field and the typing
    /// session): the edits that follow with the same key, with no other edit in between,
    /// join its undo step, so a value typed digit by digit is undone at once.
    pub fn edit_merging(&self, key: &str, change: impl FnOnce(&mut Roadmap)) -> Result<(), Vec<Problem>> {
        self.edit_keyed(Some(key), change)
    }

    fn edit_keyed(&self, key: Option<&str>, change: impl FnOnce(&mut Roadmap)) -> Result<(), Vec<Problem>> {
        if self.read_only_untracked() {
            self.notify("read-only", Level::Info, READ_ONLY_TEXT, vec![("Save a copy".into(), Action::SaveSharedCopy)]);
            return Err(vec![Problem::refusal(READ_ONLY_TEXT)]);
        }
        let before = self.roadmap.get_untracked();
        let mut after = before.clone();
        change(&mut after);
        if after.same_as(&before) {
            return Ok(());
        }
        let problems = validate::validate(&after);
        let errors = self.problems.with_untracked(|old| validate::new_errors_among(old, &problems));
        if !errors.is_empty() {
            return Err(errors);
        }
        let merge = key.is_some() && self.merge_key.with_value(|k| k.as_deref() == key);
        if !merge {
            let id = self.history_key(false);
            self.histories.update(|h| h.entry(id).or_insert_with(|| History::new(UNDO_STEPS)).record(before));
        }
        self.set_roadmap(after, Some(problems));
        self.merge_key.set_value(key.map(str::to_string));
        self.schedule_save();
        Ok(())
    }

    /// The problems of one item, for its panel.
    pub fn problems_of(&self, id: &str) -> Vec<Problem> {
        self.problems.with(|p| p.iter().filter(|p| p.id == id).cloned().collect())
    }

    pub fn can_undo(&self) -> bool {
        let id = self.history_key(true);
        self.histories.with(|h| h.get(&id).is_some_and(|h| h.can_undo()))
    }

    pub fn can_redo(&self) -> bool {
        let id = self.history_key(true);
        self.histories.with(|h| h.get(&id).is_some_and(|h| h.can_redo()))
    }

    pub fn undo(&self) {
        self.step_history(true)
    }

    pub fn redo(&self) {
        self.step_history(false)
    }

    fn step_history(&self, back: bool) {
        if self.read_only_untracked() {
            return;
        }
        let id = self.history_key(false);
        let current = self.roadmap.get_untracked();
        let mut next = None;
        self.histories.update(|h| {
            if let Some(h) = h.get_mut(&id) {
                next = if back { h.undo(current) } else { h.redo(current) };
            }
        });
        if let Some(r) = next {
            self.set_roadmap(r, None);
            self.schedule_save();
        }
    }

    // ---- roadmaps ----------------------------------------------------------------------

    pub fn duplicate_current(&self) {
        let mut copy = self.roadmap.get_untracked();
        copy.name = format!("{} (copy)", copy.name);
        self.open_new(copy);
    }

    pub fn delete_roadmap(&self, id: &str) {
        persistence::remove_key(&persistence::roadmap_key(id));
        persistence::remove_key(&persistence::scenarios_key(id));
        let scenario_prefix = format!("{id}\u{1f}");
        self.histories.update(|h| {
            h.retain(|k, _| k != id && !k.starts_with(&scenario_prefix));
        });
        self.roadmaps.update(|l| l.retain(|e| e.id != id));
        if self.current_id.get_untracked() == id {
            self.cancel_timer();
            let next = self.roadmaps.with_untracked(|l| l.first().map(|e| e.id.clone()));
            let opened = next.is_some_and(|n| self.try_open(&n));
            if !opened {
                self.open_new(Roadmap { name: "Untitled roadmap".into(), ..Roadmap::default() });
            }
        }
        self.save_index();
    }

    /// Imports a roadmap file as a new roadmap (never over an existing one).
    pub fn import_file(&self, text: &str) -> Result<String, String> {
        let roadmap = file_format::import_json(text).map_err(|e| e.message)?;
        let name = roadmap.name.clone();
        self.open_new(roadmap);
        Ok(name)
    }

    pub fn download_current(&self) {
        let r = self.roadmap.get_untracked();
        let name = format!("{}.cairn.json", crate::download::file_stem(&r.name));
        if let Err(e) = crate::download::download_text(&name, "application/json", &file_format::export_json(&r)) {
            self.notify("download", Level::Error, &e, vec![]);
        }
    }

    /// Downloads a 1920 × 1080 slide as `<stem>.svg`, or rendered to `<stem>.png`; a refusal
    /// by the browser is reported.
    pub fn export_slide(&self, stem: String, svg: String, png: bool) {
        let app = *self;
        if png {
            leptos::task::spawn_local(async move {
                if let Err(e) = crate::download::download_svg_as_png(&format!("{stem}.png"), &svg, 1920, 1080).await {
                    app.notify("export", Level::Error, &e, vec![]);
                }
            });
        } else if let Err(e) = crate::download::download_text(&format!("{stem}.svg"), "image/svg+xml", &svg) {
            self.notify("export", Level::Error, &e, vec![]);
        }
    }

    // ---- notices -----------------------------------------------------------------------

    pub fn notify(&self, topic: &'static str, level: Level, text: &str, actions: Vec<(String, Action)>) {
        let id = self.next_notice.get_value();
        self.next_notice.set_value(id + 1);
        let notice = Notice { id, topic, level, text: text.to_string(), actions };
        self.notices.update(|n| {
            n.retain(|x| x.topic != topic || topic == "damaged");
            n.push(notice);
        });
    }

    pub fn clear_topic(&self, topic: &str) {
        self.notices.update(|n| n.retain(|x| x.topic != topic));
    }

    pub fn run(&self, notice_id: u64, action: &Action) {
        let dismiss = || self.notices.update(|n| n.retain(|x| x.id != notice_id));
        match action {
            Action::Dismiss => dismiss(),
            Action::ReloadForUpdate => {
                self.flush_save();
                if let Some(w) = web_sys::window() {
                    if let Ok(e) = web_sys::Event::new("cairn-apply-update") {
                        let _ = w.dispatch_event(&e);
                    }
                }
            }
            Action::DownloadCurrent => self.download_current(),
            Action::DownloadDamaged(key) => {
                let raw = self.damaged.with_untracked(|d| d.iter().find(|x| &x.key == key).map(|x| x.raw.clone()));
                if let Some(raw) = raw {
                    let _ = crate::download::download_text("cairn-damaged-data.txt", "text/plain", &raw);
                }
            }
            Action::DiscardDamaged(key) => {
                persistence::remove_key(key);
                self.damaged.update(|d| d.retain(|x| &x.key != key));
                dismiss();
            }
            Action::LoadStored => {
                self.back_to_plan();
                let id = self.current_id.get_untracked();
                self.cancel_timer();
                match persistence::load(&id) {
                    Ok(Some(stored)) => {
                        self.record_for_undo();
                        self.revisions.update_value(|r| {
                            r.insert(id.clone(), stored.revision);
                        });
                        self.set_roadmap(stored.roadmap, None);
                        self.save_status.set(SaveStatus::Saved);
                        dismiss();
                    }
                    Ok(None) => {
                        self.notify("sync", Level::Warning, "The other tab deleted this roadmap.", vec![]);
                    }
                    Err(d) => self.report_damaged(d),
                }
            }
            Action::SaveSharedCopy => {
                dismiss();
                self.save_shared_copy();
            }
            Action::PushSuccessors(id) => {
                let _ = self.edit(|r| {
                    crate::domain::schedule::push_successors(r, id);
                });
                dismiss();
            }
            Action::KeepMine => {
                self.back_to_plan();
                let id = self.current_id.get_untracked();
                match persistence::overwrite(&id, &self.roadmap.get_untracked()) {
                    Ok(rev) => {
                        self.revisions.update_value(|r| {
                            r.insert(id, rev);
                        });
                        self.save_status.set(SaveStatus::Saved);
                        self.save_index();
                        dismiss();
                    }
                    Err(e) => self.report_save_error(e),
                }
            }
        }
    }

    /// The current state becomes an undo step (before replacing it from elsewhere).
    fn record_for_undo(&self) {
        let id = self.history_key(false);
        let current = self.roadmap.get_untracked();
        self.histories.update(|h| h.entry(id).or_insert_with(|| History::new(UNDO_STEPS)).record(current));
    }

    // ---- saving ------------------------------------------------------------------------

    fn cancel_timer(&self) {
        if let Some(handle) = self.save_timer.try_update_value(|t| t.take()).flatten() {
            handle.clear();
        }
    }

    fn schedule_save(&self) {
        if self.read_only_untracked() {
            return;
        }
        if matches!(self.save_status.get_untracked(), SaveStatus::MemoryOnly | SaveStatus::Conflict) {
            return;
        }
        self.cancel_timer();
        self.save_status.set(SaveStatus::Pending);
        let app = *self;
        if let Ok(handle) = set_timeout_with_handle(move || app.save_now(), SAVE_DELAY) {
            self.save_timer.set_value(Some(handle));
        }
    }

    /// Saves now if a save is waiting (page hidden, roadmap switch).
    pub fn flush_save(&self) {
        if self.save_timer.with_value(|t| t.is_some()) {
            self.save_now();
        }
    }

    pub fn save_now(&self) {
        self.cancel_timer();
        if self.read_only_untracked() {
            return;
        }
        if self.editing.get_untracked().is_some() {
            self.save_scenario_now();
            return;
        }
        if matches!(self.save_status.get_untracked(), SaveStatus::MemoryOnly | SaveStatus::Conflict) {
            return;
        }
        let id = self.current_id.get_untracked();
        let known = self.revisions.with_value(|r| r.get(&id).copied());
        let saved = self.roadmap.with_untracked(|r| persistence::save(&id, r, known));
        match saved {
            Ok(rev) => {
                self.revisions.update_value(|r| {
                    r.insert(id, rev);
                });
                if self.save_status.get_untracked() != SaveStatus::Saved {
                    self.save_status.set(SaveStatus::Saved);
                }
                self.clear_topic("storage");
                self.save_index();
            }
            Err(e) => self.report_save_error(e),
        }
    }

    fn report_save_error(&self, e: SaveError) {
        match e {
            SaveError::Unavailable => {
                self.save_status.set(SaveStatus::MemoryOnly);
            }
            SaveError::Full => {
                self.save_status.set(SaveStatus::Full);
                self.notify(
                    "storage",
                    Level::Error,
                    "This browser's storage for Cairn is full, so your latest changes are not \
                     saved. The last saved copy is intact. Download the roadmap as a file now, \
                     then free space by deleting roadmaps you no longer need.",
                    vec![("Download the roadmap".into(), Action::DownloadCurrent)],
                );
            }
            SaveError::Conflict => {
                self.save_status.set(SaveStatus::Conflict);
                self.notify(
                    "sync",
                    Level::Warning,
                    "This roadmap was changed in another tab or window. Your changes here are \
                     not saved yet, so neither version is lost. Choose which one to keep.",
                    vec![
                        ("Load the other tab's version".into(), Action::LoadStored),
                        ("Keep my version".into(), Action::KeepMine),
                        ("Download my version".into(), Action::DownloadCurrent),
                    ],
                );
            }
            SaveError::Other(msg) => {
                self.save_status.set(SaveStatus::Failed);
                self.notify(
                    "storage",
                    Level::Error,
                    &format!(
                        "Your latest changes could not be saved: {msg}. Download the roadmap as a file to keep them."
                    ),
                    vec![("Download the roadmap".into(), Action::DownloadCurrent)],
                );
            }
        }
    }

    fn save_index(&self) {
        if self.save_status.get_untracked() == SaveStatus::MemoryOnly || self.read_only_untracked() {
            return;
        }
        let id = self.current_id.get_untracked();
        let name = self.roadmap.with_untracked(|r| r.name.clone());
        self.roadmaps.update(|l| {
            if let Some(e) = l.iter_mut().find(|e| e.id == id) {
                if e.name != name {
                    e.name = name;
                }
            }
        });
        let index = Index { current: Some(id), roadmaps: self.roadmaps.get_untracked() };
        if let Err(e) = persistence::save_index(&index) {
            if e == SaveError::Full {
                self.report_save_error(e);
            }
        }
    }

    /// Another tab wrote to storage (`storage` event).
    pub fn on_storage_changed(&self, key: Option<String>, new_value: Option<String>) {
        let id = self.current_id.get_untracked();
        match key.as_deref() {
            Some(k) if k == persistence::roadmap_key(&id) && self.editing.get_untracked().is_some() => {
                self.plan_changed_elsewhere(new_value);
            }
            Some(k) if k == persistence::scenarios_key(&id) => self.scenarios_changed_elsewhere(),
            Some(k) if k == persistence::roadmap_key(&id) => {
                let Some(raw) = new_value else {
                    self.notify(
                        "sync",
                        Level::Warning,
                        "This roadmap was deleted in another tab. It stays open here; any change you make saves it again.",
                        vec![],
                    );
                    self.revisions.update_value(|r| {
                        r.remove(&id);
                    });
                    return;
                };
                let pending = self.save_timer.with_value(|t| t.is_some())
                    || self.save_status.get_untracked() != SaveStatus::Saved;
                if pending {
                    self.cancel_timer();
                    self.report_save_error(SaveError::Conflict);
                    return;
                }
                match crate::domain::stored::decode(&raw) {
                    Ok(stored) => {
                        self.record_for_undo();
                        self.revisions.update_value(|r| {
                            r.insert(id, stored.revision);
                        });
                        self.set_roadmap(stored.roadmap, None);
                        self.notify(
                            "sync",
                            Level::Info,
                            "Updated with changes made in another tab.",
                            vec![("OK".into(), Action::Dismiss)],
                        );
                    }
                    Err(_) => {
                        self.report_save_error(SaveError::Conflict);
                    }
                }
            }
            Some(persistence::INDEX_KEY) | None => {
                let (index, _) = persistence::load_index();
                let current = self.current_id.get_untracked();
                let mut list = index.roadmaps;
                if !self.read_only_untracked() && !list.iter().any(|e| e.id == current) {
                    let name = self.roadmap.with_untracked(|r| r.name.clone());
                    list.push(Entry { id: current, name });
                }
                self.roadmaps.set(list);
            }
            _ => {}
        }
    }
}
