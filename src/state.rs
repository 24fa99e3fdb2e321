//! The app's state: the open roadmap, its undo history, the list of roadmaps, and what the
//! user must be told (notices). Every change goes through [`App::edit`], which validates,
//! records an undo step and schedules the autosave.
//!
//! A roadmap's scenarios (named copies to try changes on) are kept here too; while one is
//! open for editing, `roadmap` holds it and the plan waits aside (`state_scenarios.rs`).

#[path = "state_scenarios.rs"]
mod scenarios;

use crate::domain::history::History;
use crate::domain::landscape::Landscape;
use crate::domain::scenario::Scenario;
use crate::domain::validate::{self, Problem};
use crate::domain::{demo, share_link, Roadmap};
use crate::persistence::{self, Damaged, Entry, Index, SaveError};
use leptos::prelude::*;
use std::collections::HashMap;
use std::time::Duration;

/// How long after the last edit the autosave runs (also flushed when the page is hidden).
const SAVE_DELAY: Duration = Duration::from_millis(150);
/// How long the steps of a save in steps run before the page has its turn (ms).
const STEP_MS: f64 = 6.0;
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
    /// A save could not run (the code that writes roadmaps did not load): try it again.
    SaveNow,
    Dismiss,
}

/// What waits for the code that reads and writes roadmaps (`App::when_codec_ready`).
#[derive(Clone, Copy)]
enum Waiting {
    /// A save: if the code cannot be loaded, "Not saved" and an offer to try again.
    Save,
    /// Anything else, in the user's words ("the roadmap is not downloaded").
    Other(&'static str),
}

/// Above this many items (initiatives, applications, technologies), an autosave packs the
/// roadmap in steps between which the page goes on (`App::save_in_steps`): packing it at once
/// would hold the page for more than a frame.
const SAVED_IN_STEPS_FROM: usize = 1_000;

/// From this size of its stored value (bytes), a roadmap is opened in steps, the page going
/// on between them (`App::open_in_steps`): reading it at once would hold the page for more
/// than a frame.
const READ_IN_STEPS_FROM: usize = 512 * 1024;

/// Whether a stored value (or the head of one in parts) is read in steps.
fn read_in_steps(raw: &str) -> bool {
    raw.len() >= READ_IN_STEPS_FROM || raw.starts_with(crate::domain::stored::IN_PARTS)
}

/// A stored roadmap read and validated, or why it could not be read.
type ReadStored = (Result<crate::domain::stored::Stored, String>, Option<Vec<Problem>>);

/// Reads the stored value `raw` of roadmap `id` (or the value whose head of parts it is) and
/// validates it, in steps of a few milliseconds with the page going on between them
/// (`stored::Reader`, `validate::validate_paced`). `None` once `wanted` says it is no longer
/// wanted (checked between steps).
async fn read_stored_in_steps(id: &str, raw: String, wanted: impl Fn() -> bool) -> Option<ReadStored> {
    // A value stored in parts is put together a part at a time first.
    let text = match crate::domain::stored::PartsHead::parse(&raw) {
        Some(head) => {
            let mut parts = persistence::Gather::new(id, head);
            let text = crate::codec::in_steps(STEP_MS, || parts.step(), &wanted).await?;
            crate::codec::give_way().await;
            text
        }
        None => Ok(raw),
    };
    let result = match text {
        Ok(text) => {
            let mut reader = crate::codec::new_reader(text);
            crate::codec::in_steps(STEP_MS, || crate::codec::read_step(&mut reader), &wanted).await?
        }
        Err(error) => Err(error),
    };
    // Checked in steps too: validating a large roadmap at once would hold the page.
    let problems = match &result {
        Ok(stored) => Some(validate::validate_paced(&stored.roadmap, crate::codec::pauses(STEP_MS)).await),
        Err(_) => None,
    };
    wanted().then_some((result, problems))
}

/// Why nothing can be done to a roadmap being opened in steps (`App::open_in_steps`).
pub const STILL_OPENING: &str =
    "This roadmap is still being opened: try again in a moment, once it is open. Nothing was changed.";

/// A new roadmap (its id) and where its landscape comes from, once the codec is loaded.
type PendingLandscape = (String, fn() -> Landscape);

/// A roadmap another replaced while its save waited for the codec (the first moments of a
/// fresh visit, longer on a slow connection): what it was then, saved under its own key once
/// the codec is here (`App::keep_unsaved`).
struct LeftUnsaved {
    id: String,
    roadmap: Roadmap,
    /// Its landscape, if it was still to come with the codec (`open_new_with_landscape`).
    landscape: Option<fn() -> Landscape>,
}

/// The roadmap being opened in steps, if one is.
#[derive(Default)]
struct Opening {
    /// Counts openings: a step whose opening is not the latest stops.
    latest: u64,
    id: Option<String>,
    /// The reading (its count) of another tab's save of the open roadmap, in steps
    /// (`App::take_in_steps`); under way while it is the latest.
    taking: Option<u64>,
}

/// The state of the autosave that packs in steps.
#[derive(Default)]
struct SteppedSave {
    /// Counts saves: a step whose save is not the latest stops (a save at once came since).
    latest: u64,
    running: bool,
    /// A change came while it ran: save again once it is written.
    again: bool,
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

/// What a notice is about. A notice replaces the earlier one of the same topic (except
/// [`Topic::Damaged`]: every damaged stored value keeps its own notice).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Topic {
    /// Saving to this browser's storage (full, unavailable, failed).
    Storage,
    /// The roadmap of a share link is read-only.
    ReadOnly,
    /// A roadmap saved by an older Cairn was updated.
    Migrated,
    /// A stored value that could not be read, kept aside.
    Damaged,
    /// Another tab changed or deleted the open roadmap.
    Sync,
    /// Saving the scenarios.
    Scenarios,
    /// Applying the optimiser's result.
    Optimiser,
    /// Importing a file (JSON, CSV, ArchiMate).
    Import,
    /// Downloading a file.
    Download,
    /// Exporting a picture.
    Export,
    /// Opening another roadmap.
    Switch,
    /// A large roadmap being opened in steps.
    Opening,
    /// A move broke successors: push them along?
    Push,
    /// A new version of Cairn.
    Update,
    /// An edit refused, and why (see [`Refusal`]).
    Refused,
    /// A part of Cairn loaded on first use could not be loaded (`crate::ui::lazy`).
    Loading,
}

impl Topic {
    /// Whether a new notice of this topic takes the place of the earlier one.
    fn replaces(self) -> bool {
        self != Topic::Damaged
    }
}

#[derive(Clone, PartialEq, Debug)]
pub struct Notice {
    pub id: u64,
    /// Notices with the same topic replace each other.
    pub topic: Topic,
    pub level: Level,
    pub text: String,
    pub actions: Vec<(String, Action)>,
}

/// An edit that was refused (nothing changed), and why — in the user's words.
///
/// A refusal must reach the user. The caller either shows its reason itself (next to the
/// field: [`Refusal::into_reason`]) or hands it to the notices ([`Refusal::tell`],
/// [`Refusal::tell_as`]). One dropped unhandled (`let _ = app.edit(…)`) tells itself, so a
/// refusal can never vanish without a word.
#[must_use = "a refused edit must reach the user: show `into_reason()` beside the field, or `tell()` it"]
pub struct Refusal {
    /// Boxed: the app is large, and a refusal travels in the `Err` of every edit.
    app: Box<App>,
    problems: Vec<Problem>,
    /// Shown already (its reason was taken, or it was told).
    handled: bool,
}

impl Refusal {
    fn new(app: App, problems: Vec<Problem>) -> Refusal {
        Refusal { app: Box::new(app), problems, handled: false }
    }

    /// The problems that refused the edit (new errors the edit would have created).
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// The problems, to be shown by the caller.
    pub fn into_problems(mut self) -> Vec<Problem> {
        self.handled = true;
        std::mem::take(&mut self.problems)
    }

    /// The reason, to be shown next to the field that made the edit.
    pub fn into_reason(mut self) -> String {
        self.handled = true;
        reason(&self.problems)
    }

    /// Tells the user in a notice: "That change was not made: <reason>".
    pub fn tell(mut self) {
        self.notify_once(Topic::Refused, REFUSED_LEAD);
    }

    /// Tells the user in a notice of `topic`: "<lead>: <reason>".
    pub fn tell_as(mut self, topic: Topic, lead: &str) {
        self.notify_once(topic, lead);
    }

    fn notify_once(&mut self, topic: Topic, lead: &str) {
        if !std::mem::replace(&mut self.handled, true) {
            let text = format!("{lead}: {}", reason(&self.problems));
            self.app.notify(topic, Level::Error, &text, vec![]);
        }
    }
}

/// How a refused edit's notice begins.
const REFUSED_LEAD: &str = "That change was not made";

impl Drop for Refusal {
    /// The funnel's safety net: a refusal nobody showed is told.
    fn drop(&mut self) {
        self.notify_once(Topic::Refused, REFUSED_LEAD);
    }
}

impl std::fmt::Debug for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Refusal").field("problems", &self.problems).field("handled", &self.handled).finish()
    }
}

/// Problems as one sentence for the user.
fn reason(problems: &[Problem]) -> String {
    problems.iter().map(|p| p.message.as_str()).collect::<Vec<_>>().join("; ")
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

/// The app's state. Views read its signals (`.with`, `.get`); they change only through
/// [`App::edit`] and the named methods below — the writing halves are private to this module
/// (and its child `state_scenarios.rs`).
#[derive(Clone, Copy)]
pub struct App {
    pub roadmap: ReadSignal<Roadmap>,
    /// Every problem of the open roadmap (warnings included). Kept in step with `roadmap` by
    /// [`App::set_roadmap`]; an edit validates its result once and reuses it here.
    pub problems: ReadSignal<std::sync::Arc<Vec<Problem>>>,
    pub current_id: ReadSignal<String>,
    pub roadmaps: ReadSignal<Vec<Entry>>,
    histories: RwSignal<HashMap<String, History<Roadmap>>>,
    pub notices: ReadSignal<Vec<Notice>>,
    pub damaged: ReadSignal<Vec<Damaged>>,
    pub save_status: ReadSignal<SaveStatus>,
    /// `Some` while a share link is open: read-only, never saved (see [`SharedView`]).
    pub shared: ReadSignal<Option<SharedView>>,
    /// The stored revision this tab last read or wrote, per roadmap id.
    revisions: StoredValue<HashMap<String, u64>>,
    save_timer: StoredValue<Option<TimeoutHandle>>,
    /// The autosave of a large roadmap, packed in steps (`App::save_in_steps`).
    stepped: StoredValue<SteppedSave>,
    /// A large roadmap read in steps (`App::open_in_steps`).
    opening: StoredValue<Opening>,
    /// A new roadmap's landscape waiting for the codec (`App::open_new_with_landscape`).
    pending_landscape: StoredValue<Option<PendingLandscape>>,
    /// True while a save waits for the codec (`App::save_once_codec_ready`).
    save_waits_for_codec: StoredValue<bool>,
    /// Roadmaps replaced while their save waited for the codec, as they were then
    /// (`App::keep_unsaved`): written under their own keys once it is here.
    left_unsaved: StoredValue<Vec<LeftUnsaved>>,
    next_notice: StoredValue<u64>,
    /// The scenarios of the open roadmap, in the order saved.
    pub scenarios: ReadSignal<Vec<Scenario>>,
    /// The name of the scenario open for editing: `roadmap` then holds that scenario, its
    /// edits are saved to it, and the plan waits unchanged in `plan_aside`.
    pub editing: ReadSignal<Option<String>>,
    plan_aside: StoredValue<Option<Roadmap>>,
    /// The field of the last [`App::edit_merging`]: further typing there joins its undo step.
    merge_key: StoredValue<Option<String>>,
    /// The writing halves of the public signals above.
    w: Writers,
}

#[derive(Clone, Copy)]
struct Writers {
    roadmap: WriteSignal<Roadmap>,
    problems: WriteSignal<std::sync::Arc<Vec<Problem>>>,
    current_id: WriteSignal<String>,
    roadmaps: WriteSignal<Vec<Entry>>,
    notices: WriteSignal<Vec<Notice>>,
    damaged: WriteSignal<Vec<Damaged>>,
    save_status: WriteSignal<SaveStatus>,
    shared: WriteSignal<Option<SharedView>>,
    scenarios: WriteSignal<Vec<Scenario>>,
    editing: WriteSignal<Option<String>>,
}

fn new_roadmap_id() -> String {
    let now = js_sys::Date::now() as u64;
    let salt = (js_sys::Math::random() * 1e6) as u64;
    format!("r{now:x}{salt:x}")
}

impl App {
    /// An app with nothing open yet, nothing read from storage.
    fn empty() -> App {
        let (roadmap, w_roadmap) = signal(Roadmap::default());
        let (problems, w_problems) = signal(std::sync::Arc::new(Vec::new()));
        let (current_id, w_current_id) = signal(String::new());
        let (roadmaps, w_roadmaps) = signal(Vec::new());
        let (notices, w_notices) = signal(Vec::new());
        let (damaged, w_damaged) = signal(Vec::new());
        let (save_status, w_save_status) = signal(SaveStatus::Saved);
        let (shared, w_shared) = signal(None);
        let (scenarios, w_scenarios) = signal(Vec::new());
        let (editing, w_editing) = signal(None);
        App {
            roadmap,
            problems,
            current_id,
            roadmaps,
            histories: RwSignal::new(HashMap::new()),
            notices,
            damaged,
            save_status,
            shared,
            revisions: StoredValue::new(HashMap::new()),
            save_timer: StoredValue::new(None),
            stepped: StoredValue::new(SteppedSave::default()),
            opening: StoredValue::new(Opening::default()),
            pending_landscape: StoredValue::new(None),
            save_waits_for_codec: StoredValue::new(false),
            left_unsaved: StoredValue::new(Vec::new()),
            next_notice: StoredValue::new(1),
            scenarios,
            editing,
            plan_aside: StoredValue::new(None),
            merge_key: StoredValue::new(None),
            w: Writers {
                roadmap: w_roadmap,
                problems: w_problems,
                current_id: w_current_id,
                roadmaps: w_roadmaps,
                notices: w_notices,
                damaged: w_damaged,
                save_status: w_save_status,
                shared: w_shared,
                scenarios: w_scenarios,
                editing: w_editing,
            },
        }
    }

    /// Opens the share link in the address, else the roadmap that was open last time (or the
    /// demo on a first visit).
    pub fn start() -> App {
        let app = App::empty();
        if !persistence::is_available() {
            app.w.save_status.set(SaveStatus::MemoryOnly);
            app.notify(
                Topic::Storage,
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
            self.open_new_with_landscape(demo::demo_plan(), crate::codec::demo_landscape);
            return;
        }
        let (index, _repaired) = persistence::load_index();
        self.w.roadmaps.set(index.roadmaps.clone());
        let mut candidates: Vec<String> = index.current.clone().into_iter().collect();
        candidates.extend(index.roadmaps.iter().map(|e| e.id.clone()));
        self.open_first_readable(candidates);
    }

    /// Opens the first of these stored roadmaps that can be read, else the demo roadmap.
    fn open_first_readable(&self, candidates: Vec<String>) {
        for id in candidates {
            if self.try_open(&id) {
                return;
            }
        }
        // First visit, or nothing readable: start with the demo roadmap.
        self.open_new_with_landscape(demo::demo_plan(), crate::codec::demo_landscape);
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
        if !crate::codec::ready() {
            let (app, link) = (*self, link.to_string());
            self.when_codec_ready(Waiting::Other("the share link is not opened"), move || app.open_shared(&link));
            return;
        }
        self.flush_save();
        self.cancel_timer();
        self.stop_opening();
        if persistence::is_available() {
            self.w.roadmaps.set(persistence::load_index().0.roadmaps);
        }
        let (roadmap, view) = match crate::codec::open_share_link(link) {
            Ok(r) => (r, SharedView::Open),
            Err(e) => (
                Roadmap { name: "Share link not opened".into(), ..Roadmap::default() },
                SharedView::Broken(e.to_string()),
            ),
        };
        // Messages about what was done before belong to the roadmap left behind.
        for topic in [Topic::ReadOnly, Topic::Import, Topic::Download, Topic::Export, Topic::Switch] {
            self.clear_topic(topic);
        }
        self.w.shared.set(Some(view));
        self.w.current_id.set(String::new());
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
                Topic::ReadOnly,
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
        self.w.shared.set(None);
        self.clear_topic(Topic::ReadOnly);
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
            self.w.save_status.set(SaveStatus::Saved);
            self.clear_topic(Topic::Sync);
        }
    }

    /// Opens a stored roadmap; reports and keeps aside one that cannot be read.
    fn try_open(&self, id: &str) -> bool {
        self.stop_opening();
        if crate::codec::ready() {
            let raw = persistence::get_raw(&persistence::roadmap_key(id));
            if let Some(raw) = raw.filter(|raw| read_in_steps(raw)) {
                crate::codec::open_in_steps(*self, id.to_string(), raw);
                return true;
            }
        }
        match persistence::load(id) {
            Ok(Some(stored)) => {
                self.opened(id, stored, None);
                true
            }
            Ok(None) => false,
            Err(damaged) => {
                self.report_damaged(damaged);
                false
            }
        }
    }

    /// Shows a stored roadmap just read (its problems: `None` to find them here).
    fn opened(&self, id: &str, stored: crate::domain::stored::Stored, problems: Option<Vec<Problem>>) {
        self.end_shared();
        self.reset_save_status();
        self.revisions.update_value(|r| {
            r.insert(id.to_string(), stored.revision);
        });
        self.set_roadmap(stored.roadmap, problems);
        self.w.current_id.set(id.to_string());
        self.open_scenarios();
        self.save_index();
        if let Some(from) = stored.migrated_from {
            self.notify(
                Topic::Migrated,
                Level::Info,
                &format!("This roadmap was saved by an older Cairn (storage version {from}) and has been updated."),
                vec![],
            );
        }
    }

    /// Opens a large stored roadmap read and validated in steps of a few milliseconds
    /// (`stored::Reader`, `validate::validate_paced`), the page going on between them.
    /// Meanwhile its name shows with nothing in it, a notice says it is being opened, edits
    /// are refused and nothing is saved. If it cannot be read, it is reported and kept aside
    /// as when read at once, and the next readable roadmap opens. (Its code is in the codec's
    /// chunk: `codec::open_in_steps`.)
    pub(crate) fn open_in_steps(&self, id: String, raw: String) {
        self.cancel_timer();
        self.end_shared();
        let name = self.roadmaps.with_untracked(|l| l.iter().find(|e| e.id == id).map(|e| e.name.clone()));
        let name = name.unwrap_or_default();
        let mut latest = 0;
        self.opening.update_value(|o| {
            o.latest += 1;
            o.id = Some(id.clone());
            latest = o.latest;
        });
        self.set_roadmap(Roadmap { name: name.clone(), ..Roadmap::default() }, Some(Vec::new()));
        // Not the scenarios of the roadmap shown before (nor the one of them being edited):
        // this one's come once it is open (`opened`).
        self.w.editing.set(None);
        self.plan_aside.set_value(None);
        self.w.scenarios.set(Vec::new());
        self.w.current_id.set(id.clone());
        self.notify(
            Topic::Opening,
            Level::Info,
            &format!("Opening \u{201c}{name}\u{201d}: a large roadmap takes a moment to read. It can be changed once it is open."),
            vec![],
        );
        let app = *self;
        leptos::task::spawn_local(async move {
            let wanted = || app.opening.with_value(|o| o.latest == latest);
            let Some((result, problems)) = read_stored_in_steps(&id, raw, wanted).await else { return };
            app.stop_opening();
            match result {
                Ok(stored) => app.opened(&id, stored, problems),
                Err(error) => {
                    let key = persistence::roadmap_key(&id);
                    // What is stored, put together if it can be (else its head, as it is).
                    let raw = match persistence::read_value(&id) {
                        Ok(value) => value.unwrap_or_default(),
                        Err(damaged) => damaged.raw,
                    };
                    app.report_damaged(Damaged { key, raw, error });
                    // Kept aside (out of the list): the next readable one opens.
                    let next: Vec<String> = app.roadmaps.with_untracked(|l| l.iter().map(|e| e.id.clone()).collect());
                    app.open_first_readable(next);
                }
            }
        });
    }

    /// Whether a change of this tab is not saved yet (waiting, being saved, or refused).
    fn save_waiting(&self) -> bool {
        self.save_timer.with_value(|t| t.is_some()) || self.save_status.get_untracked() != SaveStatus::Saved
    }

    /// Another tab saved the open roadmap `id`, large (`raw`, its stored value or the head of
    /// its parts): read and validated in steps as when opened (`read_stored_in_steps`), the
    /// page going on and edits allowed meanwhile. Once read it replaces the roadmap shown (an
    /// undo step), unless this tab changed it meanwhile: then nothing is replaced and the user
    /// is asked, as for any change from another tab while one of theirs waits. A later write,
    /// an opening or another roadmap opened meanwhile ends the read (its own event follows).
    fn take_in_steps(&self, id: String, raw: String) {
        let mut latest = 0;
        self.opening.update_value(|o| {
            o.latest += 1;
            o.taking = Some(o.latest);
            latest = o.latest;
        });
        let app = *self;
        leptos::task::spawn_local(async move {
            let wanted = || {
                app.opening.try_with_value(|o| o.latest == latest).unwrap_or(false)
                    && app.current_id.try_get_untracked().is_some_and(|current| current == id)
            };
            let read = read_stored_in_steps(&id, raw.clone(), wanted).await;
            let _ = app.opening.try_update_value(|o| {
                if o.taking == Some(latest) {
                    o.taking = None;
                }
            });
            let Some((result, problems)) = read else { return };
            let key = persistence::roadmap_key(&id);
            let stored = match result {
                Ok(stored) => stored,
                // Replaced since by a later write (its own event follows): nothing to do.
                Err(_) if persistence::get_raw(&key).as_ref() != Some(&raw) => return,
                // What is stored now cannot be read: not saved over (the user is asked).
                Err(_) => {
                    if app.editing.get_untracked().is_none() {
                        app.report_save_error(SaveError::Conflict);
                    }
                    return;
                }
            };
            if app.editing.get_untracked().is_some() {
                // A scenario is being edited: the plan waiting aside is the one replaced.
                app.revisions.update_value(|r| {
                    r.insert(id, stored.revision);
                });
                app.plan_aside.set_value(Some(stored.roadmap));
                return;
            }
            if app.save_waiting() {
                app.cancel_timer();
                app.report_save_error(SaveError::Conflict);
                return;
            }
            app.took_from_another_tab(id, stored, problems);
        });
    }

    /// Shows another tab's save of the open roadmap `id` (read, its problems if found), the
    /// roadmap it replaces kept as an undo step.
    fn took_from_another_tab(&self, id: String, stored: crate::domain::stored::Stored, problems: Option<Vec<Problem>>) {
        self.record_for_undo();
        self.revisions.update_value(|r| {
            r.insert(id, stored.revision);
        });
        self.set_roadmap(stored.roadmap, problems);
        self.notify(
            Topic::Sync,
            Level::Info,
            "Updated with changes made in another tab.",
            vec![("OK".into(), Action::Dismiss)],
        );
    }

    /// True while another tab's save of the open roadmap is read in steps (`take_in_steps`).
    pub fn taking_changes_in_steps(&self) -> bool {
        self.opening.with_value(|o| o.taking == Some(o.latest))
    }

    /// Opens roadmap `id` again, as stored now; the next readable one if it cannot be.
    fn open_again(&self, id: &str) {
        if !self.try_open(id) {
            let next: Vec<String> = self.roadmaps.with_untracked(|l| l.iter().map(|e| e.id.clone()).collect());
            self.open_first_readable(next);
        }
    }

    /// Ends the opening in steps under way, if any (another roadmap is opened).
    fn stop_opening(&self) {
        if self.opening.with_value(|o| o.id.is_some()) {
            self.opening.update_value(|o| {
                o.latest += 1;
                o.id = None;
            });
            self.clear_topic(Topic::Opening);
        }
    }

    /// True while a large roadmap is being opened in steps: edits wait.
    pub fn is_opening(&self) -> bool {
        self.opening.with_value(|o| o.id.is_some())
    }

    fn report_damaged(&self, damaged: Damaged) {
        if self.damaged.with_untracked(|d| d.iter().any(|x| x.key == damaged.key)) {
            return;
        }
        let key = damaged.key.clone();
        self.notify(
            Topic::Damaged,
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
        self.w.roadmaps.update(|list| {
            let id = damaged.key.trim_start_matches(persistence::ROADMAP_PREFIX);
            list.retain(|e| e.id != id);
        });
        self.w.damaged.update(|d| d.push(damaged));
    }

    /// Makes `roadmap` a new stored roadmap and opens it.
    pub fn open_new(&self, roadmap: Roadmap) {
        self.stop_opening();
        self.end_shared();
        self.flush_save();
        self.reset_save_status();
        let id = new_roadmap_id();
        self.w.roadmaps.update(|list| list.push(Entry { id: id.clone(), name: roadmap.name.clone() }));
        self.set_roadmap(roadmap, None);
        self.w.current_id.set(id);
        self.open_scenarios();
        self.save_now();
    }

    /// Opens a new roadmap and gives it a landscape from the codec's chunk (the demo's or the
    /// IT-management template's, whose tables stay off the first screen: see `crate::codec`):
    /// at once when the codec is loaded, else as soon as it is — a fresh visit shows the demo's
    /// plan first and its applications a moment later.
    pub fn open_new_with_landscape(&self, mut roadmap: Roadmap, landscape: fn() -> Landscape) {
        if crate::codec::ready() {
            roadmap.landscape = landscape();
            self.open_new(roadmap);
            return;
        }
        self.open_new(roadmap);
        self.pending_landscape.set_value(Some((self.current_id.get_untracked(), landscape)));
        // If the codec cannot be loaded now, the waiting save says so and offers to try
        // again; the landscape follows with that save (`save_now`).
        let app = *self;
        crate::codec::when_ready(move || app.attach_pending_landscape(), || {});
    }

    /// Gives the roadmap opened without its landscape (`open_new_with_landscape`) that
    /// landscape, once the codec is loaded.
    fn attach_pending_landscape(&self) {
        if let Some((id, landscape)) = self.pending_landscape.try_update_value(Option::take).flatten() {
            self.attach_landscape(&id, landscape());
        }
    }

    /// Gives roadmap `id` the landscape it was opened without (see `open_new_with_landscape`),
    /// unless it is no longer open or has a landscape of its own by now. Its undo steps get it
    /// too, so undoing an edit made meanwhile does not take the landscape away.
    fn attach_landscape(&self, id: &str, landscape: Landscape) {
        let open = self.current_id.get_untracked() == id && self.editing.get_untracked().is_none();
        if !open || !self.roadmap.with_untracked(|r| r.landscape.is_empty()) {
            return;
        }
        self.histories.update(|h| {
            if let Some(history) = h.get_mut(id) {
                history.update_all(|r| {
                    if r.landscape.is_empty() {
                        r.landscape = landscape.clone();
                    }
                });
            }
        });
        let mut roadmap = self.roadmap.get_untracked();
        roadmap.landscape = landscape;
        self.set_roadmap(roadmap, None);
        self.schedule_save();
    }

    pub fn switch_to(&self, id: &str) {
        if id == self.current_id.get_untracked() {
            return;
        }
        if !crate::codec::ready() {
            // (A fresh visit's first moments: what it reads the roadmap with is on its way.)
            let (app, id) = (*self, id.to_string());
            self.when_codec_ready(Waiting::Other("the roadmap you chose is not opened"), move || app.switch_to(&id));
            return;
        }
        self.flush_save();
        if !self.try_open(id) {
            self.notify(Topic::Switch, Level::Warning, "That roadmap is no longer stored in this browser.", vec![]);
        }
    }

    /// Replaces the open roadmap and its problems (`None`: validate it here).
    fn set_roadmap(&self, roadmap: Roadmap, problems: Option<Vec<Problem>>) {
        let problems = problems.unwrap_or_else(|| validate::validate(&roadmap));
        self.w.problems.set(std::sync::Arc::new(problems));
        self.w.roadmap.set(roadmap);
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
            Some(name) => format!("{id}\u{1f}{}", crate::ui::list::lowercase(name.trim())),
            None => id,
        }
    }

    /// Applies an edit. It is refused — nothing changes — when it would create a new error;
    /// the [`Refusal`] says why and must reach the user (see there).
    pub fn edit(&self, change: impl FnOnce(&mut Roadmap)) -> Result<(), Refusal> {
        self.edit_keyed(None, |r| {
            change(r);
            Ok(())
        })
    }

    /// An edit made while typing in one field (`key` names the field and the typing
    /// session): the edits that follow with the same key, with no other edit in between,
    /// join its undo step, so a value typed digit by digit is undone at once.
    pub fn edit_merging(&self, key: &str, change: impl FnOnce(&mut Roadmap)) -> Result<(), Refusal> {
        self.edit_keyed(Some(key), |r| {
            change(r);
            Ok(())
        })
    }

    /// An edit by a rule that may refuse it itself (`Err`: why, in the user's words): then
    /// nothing changes, as when validation refuses it.
    pub fn edit_checked(&self, change: impl FnOnce(&mut Roadmap) -> Result<(), String>) -> Result<(), Refusal> {
        self.edit_keyed(None, change)
    }

    /// Applies an edit, or tells the user why it was refused. `true`: applied.
    pub fn edit_or_tell(&self, change: impl FnOnce(&mut Roadmap)) -> bool {
        self.edit(change).map_err(Refusal::tell).is_ok()
    }

    fn edit_keyed(
        &self,
        key: Option<&str>,
        change: impl FnOnce(&mut Roadmap) -> Result<(), String>,
    ) -> Result<(), Refusal> {
        if self.read_only_untracked() {
            self.notify(
                Topic::ReadOnly,
                Level::Info,
                READ_ONLY_TEXT,
                vec![("Save a copy".into(), Action::SaveSharedCopy)],
            );
            // Told already, with the way to a copy.
            let mut refusal = Refusal::new(*self, vec![Problem::refusal(READ_ONLY_TEXT)]);
            refusal.handled = true;
            return Err(refusal);
        }
        if self.is_opening() {
            let text = STILL_OPENING;
            // Under the opening's topic: the message goes once the roadmap is open.
            self.notify(Topic::Opening, Level::Info, text, vec![]);
            let mut refusal = Refusal::new(*self, vec![Problem::refusal(text)]);
            refusal.handled = true;
            return Err(refusal);
        }
        // One copy, edited; the roadmap shown stays as it is until the edit is taken.
        let mut after = self.roadmap.get_untracked();
        if let Err(why) = change(&mut after) {
            return Err(Refusal::new(*self, vec![Problem::refusal(why)]));
        }
        // Only what the edit changed is checked again where that is enough (the same result
        // as validating the whole roadmap; see `validate_edit`).
        let problems = self.roadmap.with_untracked(|before| {
            (!after.same_as(before))
                .then(|| self.problems.with_untracked(|old| validate::validate_edit(before, old, &after)))
        });
        let Some(problems) = problems else { return Ok(()) };
        let errors = self.problems.with_untracked(|old| validate::new_errors_among(old, &problems));
        if !errors.is_empty() {
            return Err(Refusal::new(*self, errors));
        }
        let merge = key.is_some() && self.merge_key.with_value(|k| k.as_deref() == key);
        // The roadmap shown becomes the edited one; the one it replaces is the undo step
        // (moved there, not copied: a copy of a large landscape takes milliseconds).
        self.w.problems.set(std::sync::Arc::new(problems));
        let mut before = None;
        self.w.roadmap.update(|shown| before = Some(std::mem::replace(shown, after)));
        if let Some(before) = before.filter(|_| !merge) {
            let id = self.history_key(false);
            self.histories.update(|h| h.entry(id).or_insert_with(|| History::new(UNDO_STEPS)).record(before));
        }
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
        if self.read_only_untracked() || self.is_opening() {
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
        if !crate::codec::ready() {
            // (A fresh visit's first moments: the roadmap opened next is read with the codec.)
            let (app, id) = (*self, id.to_string());
            self.when_codec_ready(Waiting::Other("the roadmap is not deleted"), move || app.delete_roadmap(&id));
            return;
        }
        persistence::remove_key(&persistence::roadmap_key(id));
        persistence::remove_key(&persistence::scenarios_key(id));
        let scenario_prefix = format!("{id}\u{1f}");
        self.histories.update(|h| {
            h.retain(|k, _| k != id && !k.starts_with(&scenario_prefix));
        });
        self.w.roadmaps.update(|l| l.retain(|e| e.id != id));
        if self.current_id.get_untracked() == id {
            self.cancel_timer();
            // A save under way of the roadmap deleted must not write it back.
            self.stop_saving_in_steps();
            let next = self.roadmaps.with_untracked(|l| l.first().map(|e| e.id.clone()));
            let opened = next.is_some_and(|n| self.try_open(&n));
            if !opened {
                self.open_new(Roadmap { name: "Untitled roadmap".into(), ..Roadmap::default() });
            }
        }
        self.save_index();
    }

    /// Imports a roadmap file as a new roadmap (never over an existing one). It is read with
    /// the codec: waits for it on a fresh visit whose codec is still on its way.
    pub async fn import_file(&self, text: &str) -> Result<String, String> {
        if crate::codec::load().await.is_err() {
            return Err("Cairn could not load the code that reads roadmap files (the connection may be down): \
                        try again once you are back online."
                .into());
        }
        let roadmap = crate::codec::import_file(text)?;
        let name = roadmap.name.clone();
        self.open_new(roadmap);
        Ok(name)
    }

    pub fn download_current(&self) {
        if !crate::codec::ready() {
            let app = *self;
            self.when_codec_ready(Waiting::Other("the roadmap is not downloaded"), move || app.download_current());
            return;
        }
        if self.is_opening() {
            self.notify(Topic::Opening, Level::Info, STILL_OPENING, vec![]);
            return;
        }
        let r = self.roadmap.get_untracked();
        let name = format!("{}.cairn.json", crate::download::file_stem(&r.name));
        if let Err(e) = crate::download::download_text(&name, "application/json", &crate::codec::export_file(&r)) {
            self.notify(Topic::Download, Level::Error, &e, vec![]);
        }
    }

    /// Downloads a 1920 × 1080 slide as `<stem>.svg`, or rendered to `<stem>.png`; a refusal
    /// by the browser is reported.
    pub fn export_slide(&self, stem: String, svg: String, png: bool) {
        let app = *self;
        if png {
            leptos::task::spawn_local(async move {
                if let Err(e) = crate::download::download_svg_as_png(&format!("{stem}.png"), &svg, 1920, 1080).await {
                    app.notify(Topic::Export, Level::Error, &e, vec![]);
                }
            });
        } else if let Err(e) = crate::download::download_text(&format!("{stem}.svg"), "image/svg+xml", &svg) {
            self.notify(Topic::Export, Level::Error, &e, vec![]);
        }
    }

    // ---- notices -----------------------------------------------------------------------

    /// Shows a notice; it replaces the earlier notice of the same topic.
    pub fn notify(&self, topic: Topic, level: Level, text: &str, actions: Vec<(String, Action)>) {
        let id = self.next_notice.get_value();
        self.next_notice.set_value(id + 1);
        let notice = Notice { id, topic, level, text: text.to_string(), actions };
        self.w.notices.update(|n| {
            n.retain(|x| x.topic != topic || !topic.replaces());
            n.push(notice);
        });
    }

    pub fn clear_topic(&self, topic: Topic) {
        self.w.notices.update(|n| n.retain(|x| x.topic != topic));
    }

    pub fn run(&self, notice_id: u64, action: &Action) {
        let dismiss = || self.w.notices.update(|n| n.retain(|x| x.id != notice_id));
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
            Action::SaveNow => {
                dismiss();
                self.save_now();
            }
            Action::DownloadDamaged(key) => {
                let raw = self.damaged.with_untracked(|d| d.iter().find(|x| &x.key == key).map(|x| x.raw.clone()));
                if let Some(raw) = raw {
                    let _ = crate::download::download_text("cairn-damaged-data.txt", "text/plain", &raw);
                }
            }
            Action::DiscardDamaged(key) => {
                persistence::remove_key(key);
                self.w.damaged.update(|d| d.retain(|x| &x.key != key));
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
                        self.w.save_status.set(SaveStatus::Saved);
                        dismiss();
                    }
                    Ok(None) => {
                        self.notify(Topic::Sync, Level::Warning, "The other tab deleted this roadmap.", vec![]);
                    }
                    Err(d) => self.report_damaged(d),
                }
            }
            Action::SaveSharedCopy => {
                dismiss();
                self.save_shared_copy();
            }
            Action::PushSuccessors(id) => {
                self.edit_or_tell(|r| {
                    crate::domain::schedule::push_successors(r, id);
                });
                dismiss();
            }
            Action::KeepMine => {
                self.back_to_plan();
                let id = self.current_id.get_untracked();
                match persistence::save(&id, &self.roadmap.get_untracked(), persistence::stored_revision(&id)) {
                    Ok(rev) => {
                        self.revisions.update_value(|r| {
                            r.insert(id, rev);
                        });
                        self.w.save_status.set(SaveStatus::Saved);
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
        if self.read_only_untracked() || self.is_opening() {
            return;
        }
        if matches!(self.save_status.get_untracked(), SaveStatus::MemoryOnly | SaveStatus::Conflict) {
            return;
        }
        self.cancel_timer();
        self.w.save_status.set(SaveStatus::Pending);
        let app = *self;
        if let Ok(handle) = set_timeout_with_handle(move || app.autosave(), SAVE_DELAY) {
            self.save_timer.set_value(Some(handle));
        }
    }

    /// Saves now if a save is waiting or under way (page hidden, roadmap switch). Before the
    /// codec is here, what is open is kept as it is, to be saved under its own key once it is
    /// (`keep_unsaved`): so another roadmap can replace it at once, nothing lost.
    pub fn flush_save(&self) {
        let unsaved = self.save_timer.with_value(|t| t.is_some()) || self.stepped.with_value(|s| s.running);
        if !crate::codec::ready() {
            if unsaved || self.save_waits_for_codec.get_value() {
                self.keep_unsaved();
            }
            return;
        }
        crate::codec::save_left_unsaved(*self);
        if unsaved || self.save_waits_for_codec.get_value() {
            self.save_now();
        }
    }

    /// Keeps the open roadmap, whose save waits for the codec, as it is now (with the
    /// landscape still to come with the codec, if any): saved under its own key once the codec
    /// is here (`save_left_unsaved`), whatever is open by then.
    fn keep_unsaved(&self) {
        // (Scenarios wait for the codec before they open: `scenarios_can_change`.)
        if self.read_only_untracked() || self.editing.get_untracked().is_some() {
            return;
        }
        let id = self.current_id.get_untracked();
        let landscape = self.pending_landscape.with_value(|p| p.as_ref().filter(|(of, _)| *of == id).map(|(_, l)| *l));
        let roadmap = self.roadmap.get_untracked();
        self.left_unsaved.update_value(|left| {
            left.retain(|l| l.id != id);
            left.push(LeftUnsaved { id, roadmap, landscape });
        });
        self.save_once_codec_ready();
    }

    /// Saves the roadmaps kept by `keep_unsaved`, but the one open (its save comes next, and
    /// has its latest changes) and any deleted since. One that cannot be saved is kept for the
    /// next save, and the reason shown. (Its code is in the codec's chunk:
    /// `codec::save_left_unsaved`.)
    pub(crate) fn save_left_unsaved(&self) {
        let left = self.left_unsaved.try_update_value(std::mem::take).unwrap_or_default();
        if left.is_empty() {
            return;
        }
        let open = self.current_id.get_untracked();
        let mut kept = Vec::new();
        let mut refused = None;
        for mut unsaved in left {
            let listed = self.roadmaps.with_untracked(|l| l.iter().any(|e| e.id == unsaved.id));
            if unsaved.id == open || !listed {
                continue;
            }
            if let Some(landscape) = unsaved.landscape.take().filter(|_| unsaved.roadmap.landscape.is_empty()) {
                unsaved.roadmap.landscape = landscape();
            }
            let known = self.revisions.with_value(|r| r.get(&unsaved.id).copied());
            match persistence::save(&unsaved.id, &unsaved.roadmap, known) {
                Ok(revision) => self.revisions.update_value(|r| {
                    r.insert(unsaved.id.clone(), revision);
                }),
                Err(e) => {
                    refused = Some(e);
                    kept.push(unsaved);
                }
            }
        }
        self.left_unsaved.update_value(|left| left.extend(kept));
        if let Some(e) = refused {
            self.report_save_error(e);
        }
    }

    /// The save after a change: in steps for a large roadmap, else at once.
    fn autosave(&self) {
        // (Nothing when the app is gone before its timer fired: a test's app, dropped.)
        let Some(size) = self.roadmap.try_with_untracked(|r| {
            r.initiatives.len() + r.landscape.applications.len() + r.landscape.technologies.len()
        }) else {
            return;
        };
        if size >= SAVED_IN_STEPS_FROM && crate::codec::ready() && self.editing.get_untracked().is_none() {
            crate::codec::save_in_steps(*self);
        } else {
            self.save_now();
        }
    }

    /// Stops the save packing in steps under way, if any: nothing of it is written.
    fn stop_saving_in_steps(&self) {
        self.stepped.update_value(|s| {
            s.latest += 1;
            s.running = false;
            s.again = false;
        });
    }

    /// True while an autosave packs the roadmap in steps (`save_in_steps`).
    pub fn saving_in_steps(&self) -> bool {
        self.stepped.with_value(|s| s.running)
    }

    /// Saves the open roadmap packed in steps of a few milliseconds (`stored::Packer`), the
    /// page going on between them, then written if no other tab wrote it meanwhile (as
    /// `save_now`): in parts of [`persistence::PART_CHARS`], one part a step, its head last
    /// (`persistence::save_end_in_parts`); at once when it is smaller than one part, or when
    /// storage has no room for the new parts beside the old value. Changes made meanwhile are saved by the next one, started when this
    /// one is written; a save at once (`save_now`: leaving the page, switching roadmaps)
    /// supersedes it.
    /// (Its code is in the codec's chunk: `codec::save_in_steps`.)
    pub(crate) fn save_in_steps(&self) {
        self.cancel_timer();
        if self.read_only_untracked()
            || self.is_opening()
            || matches!(self.save_status.get_untracked(), SaveStatus::MemoryOnly | SaveStatus::Conflict)
        {
            return;
        }
        if self.stepped.with_value(|s| s.running) {
            self.stepped.update_value(|s| s.again = true);
            return;
        }
        let id = self.current_id.get_untracked();
        let known = self.revisions.with_value(|r| r.get(&id).copied());
        let revision = match persistence::save_begin(&id, known) {
            Ok(revision) => revision,
            Err(e) => return self.report_save_error(e),
        };
        let mut latest = 0;
        self.stepped.update_value(|s| {
            s.latest += 1;
            s.running = true;
            latest = s.latest;
        });
        let mut packer = crate::codec::new_packer(self.roadmap.get_untracked(), revision);
        let app = *self;
        leptos::task::spawn_local(async move {
            let wanted = || app.stepped.with_value(|s| s.latest == latest);
            // The value becomes the page's text a piece at a time (at once, its few megabytes
            // would hold the page), gathered into the parts it is stored in.
            let mut parts = vec![js_sys::JsString::from("")];
            let step = || {
                let last = crate::codec::pack_step(&mut packer);
                let done = last.is_some();
                let piece = last.unwrap_or_else(|| packer.take_text());
                if !piece.is_empty() {
                    let part = parts.last_mut().expect("there is always a part");
                    if part.length() >= persistence::PART_CHARS {
                        parts.push(piece.into());
                    } else {
                        *part = part.concat(&piece.into());
                    }
                }
                done.then_some(())
            };
            if crate::codec::in_steps(STEP_MS, step, wanted).await.is_none() {
                return;
            }
            // The parts of the value this one replaces, once it is written.
            let mut replaced = Vec::new();
            let result = if parts.len() == 1 {
                persistence::save_end(&id, revision, &parts[0])
            } else {
                crate::codec::give_way().await;
                if !wanted() {
                    return;
                }
                let writer = persistence::new_writer();
                let mut next = 0;
                let write = || {
                    let Some(part) = parts.get(next) else { return Some(Ok(())) };
                    let written = persistence::write_part(&id, revision, &writer, next, part);
                    next += 1;
                    written.err().map(Err)
                };
                let written = crate::codec::in_steps(STEP_MS, write, wanted).await;
                let head = crate::domain::stored::PartsHead { revision, writer, parts: parts.len() };
                let result = match written {
                    Some(Ok(())) => persistence::save_end_in_parts(&id, &head),
                    Some(Err(e)) => Err(e),
                    // Superseded (`save_now`).
                    None => Err(SaveError::Other(String::new())),
                };
                if result.is_err() {
                    // Nothing of this save stays.
                    persistence::remove_parts(&id, &|_, writer| writer == head.writer);
                }
                if result.is_ok() {
                    replaced = persistence::replaced_parts(&id, &head);
                }
                match result {
                    _ if !wanted() => return,
                    // No room for the new parts beside the old value: written at once, in its
                    // place (as a value smaller than a part is).
                    Err(SaveError::Full) => {
                        let whole = parts.iter().fold(js_sys::JsString::from(""), |whole, part| whole.concat(part));
                        persistence::save_end(&id, revision, &whole)
                    }
                    result => result,
                }
            };
            let again = app
                .stepped
                .try_update_value(|s| {
                    s.running = false;
                    std::mem::take(&mut s.again)
                })
                .unwrap_or(false);
            let written = result.is_ok();
            app.saved(id, result);
            if written && (again || app.save_timer.with_value(|t| t.is_some())) {
                // Changes made meanwhile are not written yet.
                app.w.save_status.set(SaveStatus::Pending);
            }
            if again {
                crate::codec::save_in_steps(app);
            }
            // Removed in steps after the save, so that many of them never add to its holds.
            let mut replaced = replaced.into_iter();
            let remove = || match replaced.next() {
                Some(key) => {
                    persistence::remove_key(&key);
                    None
                }
                None => Some(()),
            };
            crate::codec::in_steps(STEP_MS, remove, || true).await;
        });
    }

    pub fn save_now(&self) {
        self.cancel_timer();
        if self.read_only_untracked() || self.is_opening() {
            return;
        }
        if self.editing.get_untracked().is_some() {
            self.save_scenario_now();
            return;
        }
        if matches!(self.save_status.get_untracked(), SaveStatus::MemoryOnly | SaveStatus::Conflict) {
            return;
        }
        if !crate::codec::ready() {
            self.save_once_codec_ready();
            return;
        }
        crate::codec::save_left_unsaved(*self);
        // A landscape waiting for the codec comes with this save (not with one more after).
        self.attach_pending_landscape();
        self.cancel_timer();
        // A save packing in steps stops: this one has its changes and any made since.
        self.stop_saving_in_steps();
        let id = self.current_id.get_untracked();
        let known = self.revisions.with_value(|r| r.get(&id).copied());
        let saved = self.roadmap.with_untracked(|r| persistence::save(&id, r, known));
        self.saved(id, saved);
    }

    /// A save before the codec is here (a fresh visit's first save, just after its first
    /// screen, and the changes made until the codec comes): "Saving…" until it is, then saved
    /// (`save_now`) with the roadmaps replaced meanwhile (`keep_unsaved`). One waits at a time.
    fn save_once_codec_ready(&self) {
        self.w.save_status.set(SaveStatus::Pending);
        if self.save_waits_for_codec.get_value() {
            return;
        }
        self.save_waits_for_codec.set_value(true);
        let app = *self;
        self.when_codec_ready(Waiting::Save, move || {
            app.save_waits_for_codec.set_value(false);
            crate::codec::save_left_unsaved(app);
            app.save_now();
        });
    }

    /// What a save of roadmap `id` did: recorded and shown.
    fn saved(&self, id: String, saved: Result<u64, SaveError>) {
        match saved {
            Ok(rev) => {
                self.revisions.update_value(|r| {
                    r.insert(id, rev);
                });
                if self.save_status.get_untracked() != SaveStatus::Saved {
                    self.w.save_status.set(SaveStatus::Saved);
                }
                self.clear_topic(Topic::Storage);
                // A save that waited for its code (`when_codec_ready`) is done: its message goes.
                self.clear_topic(Topic::Loading);
                self.save_index();
            }
            Err(e) => self.report_save_error(e),
        }
    }

    /// Runs `then` once the code that reads and writes roadmaps is loaded (`crate::codec`: at
    /// once, except just after a fresh visit's first screen). If it cannot be loaded, the user
    /// is told what waits; a waiting save shows "Not saved" and offers to try again (the
    /// changes stay in this tab; the next change tries again too).
    fn when_codec_ready(&self, waiting: Waiting, then: impl FnOnce() + 'static) {
        self.when_codec_ready_boxed(waiting, Box::new(then));
    }

    /// (One body for every caller, not one per closure type: the first screen's size.)
    fn when_codec_ready_boxed(&self, waiting: Waiting, then: Box<dyn FnOnce()>) {
        let app = *self;
        crate::codec::when_ready(then, move || {
            let lead = "Cairn could not load the code that reads and writes roadmaps (the connection may be down)";
            let (text, actions) = match waiting {
                Waiting::Save => {
                    app.save_waits_for_codec.set_value(false);
                    app.w.save_status.set(SaveStatus::Failed);
                    (
                        format!(
                            "{lead}, so your latest changes are not saved yet. They stay in this tab: keep it \
                             open and try again once you are back online."
                        ),
                        vec![("Try saving again".into(), Action::SaveNow)],
                    )
                }
                Waiting::Other(what) => (format!("{lead}, so {what}. Try again once you are back online."), vec![]),
            };
            app.notify(Topic::Loading, Level::Error, &text, actions);
        });
    }

    fn report_save_error(&self, e: SaveError) {
        match e {
            SaveError::Unavailable => {
                self.w.save_status.set(SaveStatus::MemoryOnly);
            }
            SaveError::Full => {
                self.w.save_status.set(SaveStatus::Full);
                self.notify(
                    Topic::Storage,
                    Level::Error,
                    "This browser's storage for Cairn is full, so your latest changes are not \
                     saved. The last saved copy is intact. Download the roadmap as a file now, \
                     then free space by deleting roadmaps you no longer need.",
                    vec![("Download the roadmap".into(), Action::DownloadCurrent)],
                );
            }
            SaveError::Conflict => {
                self.w.save_status.set(SaveStatus::Conflict);
                self.notify(
                    Topic::Sync,
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
                self.w.save_status.set(SaveStatus::Failed);
                self.notify(
                    Topic::Storage,
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
        if !crate::codec::ready() {
            let app = *self;
            self.when_codec_ready(Waiting::Save, move || app.save_index());
            return;
        }
        let id = self.current_id.get_untracked();
        let name = self.roadmap.with_untracked(|r| r.name.clone());
        self.w.roadmaps.update(|l| {
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
        if !crate::codec::ready() {
            let app = *self;
            self.when_codec_ready(Waiting::Other("changes made in another tab are not shown here yet"), move || {
                app.on_storage_changed(key, new_value)
            });
            return;
        }
        crate::codec::storage_changed(*self, key, new_value);
    }

    /// `on_storage_changed` once the codec is loaded (its code is in the codec's chunk).
    pub(crate) fn on_storage_changed_now(&self, key: Option<String>, new_value: Option<String>) {
        let id = self.current_id.get_untracked();
        // Another tab saved the open roadmap, large: read in steps (`take_in_steps`).
        if key.as_deref() == Some(persistence::roadmap_key(&id).as_str()) && !self.is_opening() {
            if let Some(raw) = new_value.as_deref().filter(|raw| read_in_steps(raw)) {
                if self.editing.get_untracked().is_none() && self.save_waiting() {
                    self.cancel_timer();
                    self.report_save_error(SaveError::Conflict);
                    return;
                }
                self.take_in_steps(id, raw.to_string());
                return;
            }
        }
        // The head of a value in parts (its parts written before it): the value is read. If
        // its parts are gone already, a later write replaced it and its own event follows.
        let new_value = match new_value {
            Some(head) if crate::domain::stored::PartsHead::parse(&head).is_some() => {
                let Some(stored_id) = key.as_deref().and_then(|k| k.strip_prefix(persistence::ROADMAP_PREFIX)) else {
                    return;
                };
                match persistence::read_value(stored_id) {
                    Ok(value) => value,
                    Err(_) if persistence::get_raw(key.as_deref().unwrap_or_default()).as_ref() != Some(&head) => {
                        return
                    }
                    Err(damaged) => Some(damaged.raw),
                }
            }
            other => other,
        };
        match key.as_deref() {
            // Another tab wrote the roadmap being opened: what it wrote is opened instead.
            Some(k) if k == persistence::roadmap_key(&id) && self.is_opening() => self.open_again(&id),
            Some(k) if k == persistence::roadmap_key(&id) && self.editing.get_untracked().is_some() => {
                self.plan_changed_elsewhere(new_value);
            }
            Some(k) if k == persistence::scenarios_key(&id) => self.scenarios_changed_elsewhere(),
            Some(k) if k == persistence::roadmap_key(&id) => {
                let Some(raw) = new_value else {
                    self.notify(
                        Topic::Sync,
                        Level::Warning,
                        "This roadmap was deleted in another tab. It stays open here; any change you make saves it again.",
                        vec![],
                    );
                    self.revisions.update_value(|r| {
                        r.remove(&id);
                    });
                    return;
                };
                if self.save_waiting() {
                    self.cancel_timer();
                    self.report_save_error(SaveError::Conflict);
                    return;
                }
                match crate::codec::decode_stored(&raw) {
                    Ok(stored) => self.took_from_another_tab(id, stored, None),
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
                self.w.roadmaps.set(list);
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::schedule;

    /// An app with the demo open, kept in memory only (nothing touches the browser).
    fn app() -> App {
        let owner = Owner::new();
        owner.set();
        std::mem::forget(owner);
        let app = App::empty();
        app.w.save_status.set(SaveStatus::MemoryOnly);
        app.set_roadmap(demo::demo_roadmap(), None);
        app
    }

    fn notices(app: &App) -> Vec<(Topic, String)> {
        app.notices.with_untracked(|n| n.iter().map(|n| (n.topic, n.text.clone())).collect())
    }

    /// An edit that gives an initiative a dependency that does not exist.
    fn breaking(app: &App) -> impl FnOnce(&mut Roadmap) {
        let id = app.roadmap.with_untracked(|r| r.initiatives[0].id.clone());
        move |r: &mut Roadmap| r.initiative_mut(&id).unwrap().depends_on.push("missing".into())
    }

    #[test]
    fn a_notice_replaces_the_earlier_one_of_its_topic_and_damaged_ones_add_up() {
        let app = app();
        app.notify(Topic::Import, Level::Error, "first", vec![]);
        app.notify(Topic::Download, Level::Error, "other", vec![]);
        app.notify(Topic::Import, Level::Info, "second", vec![]);
        assert_eq!(notices(&app), [(Topic::Download, "other".into()), (Topic::Import, "second".into())]);
        app.notify(Topic::Damaged, Level::Error, "one", vec![]);
        app.notify(Topic::Damaged, Level::Error, "two", vec![]);
        assert_eq!(notices(&app).iter().filter(|(t, _)| *t == Topic::Damaged).count(), 2);
        app.clear_topic(Topic::Import);
        assert!(notices(&app).iter().all(|(t, _)| *t != Topic::Import));
    }

    #[test]
    fn an_edit_that_creates_an_error_is_refused_and_nothing_changes() {
        let app = app();
        let before = app.roadmap.get_untracked();
        let refusal = app.edit(breaking(&app)).unwrap_err();
        assert!(refusal.problems().iter().any(|p| p.message.contains("\"missing\" does not exist")));
        let reason = refusal.into_reason();
        assert!(reason.contains("does not exist"), "{reason}");
        assert_eq!(app.roadmap.get_untracked(), before);
        assert!(!app.can_undo());
        // Its reason was shown by the caller: no notice besides.
        assert!(notices(&app).is_empty());
    }

    #[test]
    fn a_refusal_nobody_shows_reaches_the_notices() {
        let app = app();
        drop(app.edit(breaking(&app)));
        let told = notices(&app);
        assert_eq!(told.len(), 1);
        assert_eq!(told[0].0, Topic::Refused);
        assert!(told[0].1.starts_with("That change was not made: initiative \""), "{}", told[0].1);
        assert!(told[0].1.contains("\"missing\" does not exist"), "{}", told[0].1);
        // The funnel for edits made in passing: false, and told once (the same topic replaces).
        assert!(!app.edit_or_tell(breaking(&app)));
        assert_eq!(notices(&app).len(), 1);
        assert!(app.edit_or_tell(|r| r.name = "Renamed".into()));
        assert_eq!(app.roadmap.with_untracked(|r| r.name.clone()), "Renamed");
    }

    #[test]
    fn a_rule_that_refuses_changes_nothing_and_says_why() {
        let app = app();
        let before = app.roadmap.get_untracked();
        let refusal = app
            .edit_checked(|r| {
                r.name = "Half done".into();
                Err("There is nothing above it to go under.".into())
            })
            .unwrap_err();
        assert_eq!(app.roadmap.get_untracked(), before);
        refusal.tell_as(Topic::Refused, "The capability was not moved");
        assert_eq!(
            notices(&app),
            [(Topic::Refused, "The capability was not moved: There is nothing above it to go under.".into())]
        );
    }

    #[test]
    fn a_bar_moved_before_1900_is_refused_with_the_reason() {
        let app = app();
        let id = app.roadmap.with_untracked(|r| r.initiatives.iter().find(|i| i.is_dated()).unwrap().id.clone());
        let first = crate::domain::Month::new(1900, 1).unwrap();
        app.edit(|r| {
            schedule::schedule(r, &id, first);
        })
        .unwrap();
        assert!(!app.edit_or_tell(|r| {
            schedule::shift(r, &id, -1);
        }));
        let told = notices(&app);
        assert_eq!(told.len(), 1, "{told:?}");
        assert!(told[0].1.contains("the start would be 1899-12"), "{}", told[0].1);
        assert_eq!(app.roadmap.with_untracked(|r| r.initiative(&id).unwrap().start), Some(first));
    }

    #[test]
    fn an_edit_of_a_shared_roadmap_is_refused_and_told_once_with_the_way_to_a_copy() {
        let app = app();
        app.w.shared.set(Some(SharedView::Open));
        let refusal = app.edit(|r| r.name = "Changed".into()).unwrap_err();
        assert_eq!(refusal.problems()[0].message, READ_ONLY_TEXT);
        drop(refusal);
        let told = app.notices.get_untracked();
        assert_eq!(told.len(), 1);
        assert_eq!(told[0].topic, Topic::ReadOnly);
        assert_eq!(told[0].actions, [("Save a copy".to_string(), Action::SaveSharedCopy)]);
        // A field showing the reason beside it still gets it.
        assert_eq!(app.edit(|r| r.name = "Changed".into()).unwrap_err().into_reason(), READ_ONLY_TEXT);
    }
}
