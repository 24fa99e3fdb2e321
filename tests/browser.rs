//! Browser component tests: wasm-bindgen-test in headless Chromium, against the real
//! localStorage and the real DOM. Run with `cargo test --target wasm32-unknown-unknown --test browser`.
#![cfg(target_arch = "wasm32")]

use cairn::domain::{demo, stored, Roadmap};
use cairn::persistence::{self, SaveError};
use cairn::state::{App, SaveStatus};
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn clear() {
    storage().clear().unwrap();
}

/// The async runtime the app spawns its tasks on (the page's `mount` sets it up; a test of
/// the state alone must, whichever test runs first).
fn init_tasks() {
    let _ = any_spawner::Executor::init_wasm_bindgen();
}

async fn tick() {
    leptos::task::tick().await;
    gloo_timers_sleep(Duration::from_millis(0)).await;
}

async fn gloo_timers_sleep(d: Duration) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, d.as_millis() as i32)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Fills localStorage to its quota; returns how many filler keys were written.
fn fill_quota() -> usize {
    let s = storage();
    let mut chunk = "x".repeat(1 << 20);
    let mut n = 0;
    while chunk.len() > 8 {
        if s.set_item(&format!("filler.{n}"), &chunk).is_ok() {
            n += 1;
        } else {
            chunk.truncate(chunk.len() / 2);
        }
    }
    n
}

#[wasm_bindgen_test]
fn save_and_load_round_trip() {
    clear();
    let r = demo::demo_roadmap();
    let rev = persistence::save("t1", &r, None).unwrap();
    let back = persistence::load("t1").unwrap().unwrap();
    assert_eq!(back.roadmap, r);
    assert_eq!(back.revision, rev);
    assert_eq!(persistence::stored_revision("t1"), Some(rev));
}

#[wasm_bindgen_test]
fn a_full_quota_is_reported_and_the_last_copy_survives() {
    clear();
    let mut r = Roadmap { name: "Before".into(), ..Roadmap::default() };
    let rev = persistence::save("t2", &r, None).unwrap();
    assert!(fill_quota() > 0);
    r.name = "After".into();
    r.description = "y".repeat(200_000);
    assert_eq!(persistence::save("t2", &r, Some(rev)), Err(SaveError::Full));
    assert_eq!(persistence::load("t2").unwrap().unwrap().roadmap.name, "Before");
    clear();
}

#[wasm_bindgen_test]
fn garbage_is_reported_as_damaged_and_kept() {
    clear();
    storage().set_item(&persistence::roadmap_key("t3"), "{not json").unwrap();
    let damaged = persistence::load("t3").unwrap_err();
    assert_eq!(damaged.raw, "{not json");
    assert_eq!(storage().get_item(&persistence::roadmap_key("t3")).unwrap().as_deref(), Some("{not json"));
}

#[wasm_bindgen_test]
fn a_write_from_another_tab_is_never_overwritten() {
    clear();
    let r = Roadmap::default();
    let rev = persistence::save("t4", &r, None).unwrap();
    // Another tab saves a newer revision.
    let theirs = Roadmap { name: "Theirs".into(), ..Roadmap::default() };
    storage().set_item(&persistence::roadmap_key("t4"), &stored::encode(&theirs, rev + 1)).unwrap();
    assert_eq!(persistence::save("t4", &r, Some(rev)), Err(SaveError::Conflict));
    assert_eq!(persistence::load("t4").unwrap().unwrap().roadmap.name, "Theirs");
}

/// Another tab's write between the start and the end of a save (one packed in steps) is
/// never overwritten.
#[wasm_bindgen_test]
fn a_write_from_another_tab_during_a_save_is_never_overwritten() {
    clear();
    let rev = persistence::save("t6", &Roadmap::default(), None).unwrap();
    let next = persistence::save_begin("t6", Some(rev)).unwrap();
    let theirs = Roadmap { name: "Theirs".into(), ..Roadmap::default() };
    storage().set_item(&persistence::roadmap_key("t6"), &stored::encode(&theirs, rev + 1)).unwrap();
    let mine = js_sys::JsString::from(stored::encode(&Roadmap { name: "Mine".into(), ..Roadmap::default() }, next));
    assert_eq!(persistence::save_end("t6", next, &mine), Err(SaveError::Conflict));
    assert_eq!(persistence::load("t6").unwrap().unwrap().roadmap.name, "Theirs");
    // Without the other tab's write, the same save goes through.
    let next = persistence::save_begin("t6", Some(rev + 1)).unwrap();
    let mine = js_sys::JsString::from(stored::encode(&Roadmap { name: "Mine".into(), ..Roadmap::default() }, next));
    assert_eq!(persistence::save_end("t6", next, &mine), Ok(rev + 2));
    assert_eq!(persistence::load("t6").unwrap().unwrap().roadmap.name, "Mine");
}

/// A large landscape's autosave is packed in steps with the page going on between them; a
/// change made meanwhile is saved by the next save, and what is stored is what is open.
#[wasm_bindgen_test]
async fn a_large_roadmap_is_autosaved_in_steps_and_changes_made_meanwhile_follow() {
    init_tasks();
    use cairn::domain::landscape::generate;
    clear();
    let owner = Owner::new();
    owner.set();
    let app = App::start();
    app.open_new(generate::generate(1, generate::scaled(2_000)));
    let id = app.current_id.get_untracked();
    app.edit(|r| r.name = "First".into()).unwrap();
    let (mut seen_in_steps, mut changed_meanwhile) = (false, false);
    let deadline = js_sys::Date::now() + 60_000.0;
    while js_sys::Date::now() < deadline {
        gloo_timers_sleep(Duration::from_millis(1)).await;
        if app.saving_in_steps() {
            seen_in_steps = true;
            if !changed_meanwhile {
                // Not yet written: the stored copy is the one before.
                assert_ne!(persistence::load(&id).unwrap().unwrap().roadmap.name, "First");
                app.edit(|r| r.name = "Second".into()).unwrap();
                changed_meanwhile = true;
            }
        }
        if changed_meanwhile && app.save_status.get_untracked() == SaveStatus::Saved {
            break;
        }
    }
    assert!(seen_in_steps, "the page went on while the save was packed");
    assert_eq!(app.save_status.get_untracked(), SaveStatus::Saved);
    let stored = persistence::load(&id).unwrap().unwrap();
    assert_eq!(stored.roadmap.name, "Second");
    assert_eq!(stored.roadmap, app.roadmap.get_untracked());
    // Stored in parts, and only the parts of the value stored now are left.
    let head = stored::PartsHead::parse(&storage().get_item(&persistence::roadmap_key(&id)).unwrap().unwrap());
    let head = head.expect("stored in parts");
    assert!(head.parts > 1, "{head:?}");
    assert_eq!(head.revision, stored.revision);
    assert_eq!(
        parts_once_replaced_are_gone(&id, &head).await,
        (0..head.parts).map(|n| part_key(&id, &head, n)).collect::<Vec<_>>()
    );

    // Deleted while a save of it is under way: the save does not write it back.
    app.edit(|r| r.name = "Third".into()).unwrap();
    let mut deleted = false;
    let deadline = js_sys::Date::now() + 60_000.0;
    while js_sys::Date::now() < deadline {
        gloo_timers_sleep(Duration::from_millis(1)).await;
        if app.saving_in_steps() {
            app.delete_roadmap(&id);
            deleted = true;
            break;
        }
    }
    assert!(deleted, "deleted while the save was under way");
    gloo_timers_sleep(Duration::from_millis(1_500)).await;
    let key = persistence::roadmap_key(&id);
    assert_ne!(app.current_id.get_untracked(), id);
    assert_eq!(storage().get_item(&key).unwrap(), None, "not written back");
    assert_eq!(part_keys(&id), Vec::<String>::new(), "its parts went with it");
    assert_eq!(app.save_status.get_untracked(), SaveStatus::Saved, "nor taken for another tab's change");
    clear();
}

/// The keys of roadmap `id`'s parts in storage, in their order.
fn part_keys(id: &str) -> Vec<String> {
    let s = storage();
    let prefix = format!("{}{id}.", persistence::PARTS_PREFIX);
    let mut keys: Vec<String> =
        (0..s.length().unwrap()).filter_map(|i| s.key(i).unwrap()).filter(|k| k.starts_with(&prefix)).collect();
    keys.sort_by_key(|k| k.rsplit('.').next().unwrap().parse::<usize>().unwrap());
    keys
}

/// Roadmap `id`'s parts once those of the values `head` replaced are removed (one a step,
/// after the save): waits up to 10 s for there to be no more than `head` names.
async fn parts_once_replaced_are_gone(id: &str, head: &stored::PartsHead) -> Vec<String> {
    let deadline = js_sys::Date::now() + 10_000.0;
    while part_keys(id).len() > head.parts && js_sys::Date::now() < deadline {
        gloo_timers_sleep(Duration::from_millis(5)).await;
    }
    part_keys(id)
}

fn part_key(id: &str, head: &stored::PartsHead, n: usize) -> String {
    format!("{}{id}.{}.{}.{n}", persistence::PARTS_PREFIX, head.revision, head.writer)
}

/// Waits until the app's save is done (saved or refused): `false` after 60 s.
async fn save_settled(app: App) -> bool {
    let deadline = js_sys::Date::now() + 60_000.0;
    while js_sys::Date::now() < deadline {
        gloo_timers_sleep(Duration::from_millis(5)).await;
        if !app.saving_in_steps() && app.save_status.get_untracked() != SaveStatus::Pending {
            return true;
        }
    }
    false
}

/// A value stored in parts reads back whole; a missing part makes it damaged (reported,
/// nothing removed); a head written over the old value replaces it and its parts go, but a
/// later revision's parts (another tab's save under way) stay.
#[wasm_bindgen_test]
fn a_value_in_parts_reads_back_whole_and_a_missing_part_is_damage() {
    clear();
    let r = demo::demo_roadmap();
    let rev = persistence::save("p1", &r, None).unwrap();
    let value = stored::encode(&r, rev + 1);
    let next = persistence::save_begin("p1", Some(rev)).unwrap();
    let cut: Vec<char> = value.chars().collect();
    let thirds: Vec<String> = cut.chunks(cut.len() / 3 + 1).map(|c| c.iter().collect()).collect();
    let writer = persistence::new_writer();
    for (n, part) in thirds.iter().enumerate() {
        persistence::write_part("p1", next, &writer, n, &part.as_str().into()).unwrap();
    }
    // Another tab's parts, for the revision after (its save under way).
    persistence::write_part("p1", next + 1, "other", 0, &"x".into()).unwrap();
    let head = stored::PartsHead { revision: next, writer, parts: 3 };
    assert_eq!(persistence::save_end_in_parts("p1", &head), Ok(next));
    assert_eq!(persistence::stored_revision("p1"), Some(next));
    assert_eq!(persistence::read_value("p1").unwrap().unwrap(), value);
    assert_eq!(persistence::load("p1").unwrap().unwrap().roadmap, r);
    let mut expected: Vec<String> = (0..3).map(|n| part_key("p1", &head, n)).collect();
    expected.push(format!("{}p1.{}.other.0", persistence::PARTS_PREFIX, next + 1));
    let mut found = part_keys("p1");
    found.sort();
    expected.sort();
    assert_eq!(found, expected);

    // A part missing: damaged, said which, nothing removed.
    storage().remove_item(&part_key("p1", &head, 1)).unwrap();
    let damaged = persistence::load("p1").unwrap_err();
    assert!(damaged.error.contains("part 2 of 3 is missing"), "{}", damaged.error);
    assert_eq!(damaged.raw, head.text());
    assert_eq!(part_keys("p1").len(), 3);

    // A whole value saved over it (at once): the parts it replaces go, the later one stays.
    persistence::remove_key(&persistence::roadmap_key("p1"));
    persistence::write_part("p1", 1, "other", 0, &"x".into()).unwrap();
    persistence::save("p1", &r, None).unwrap();
    assert_eq!(part_keys("p1"), Vec::<String>::new());
    clear();
}

/// Storage without room for a large roadmap's new parts beside its old value: the old value
/// stays whole (no part of the new one is left), the user is told it is full; with room
/// again, the next change is saved in parts.
#[wasm_bindgen_test]
async fn a_full_storage_during_a_save_in_parts_keeps_the_old_value_whole() {
    init_tasks();
    use cairn::domain::landscape::generate;
    clear();
    let owner = Owner::new();
    owner.set();
    let app = App::start();
    app.open_new(generate::generate(2, generate::scaled(1_500)));
    let id = app.current_id.get_untracked();
    app.edit(|r| r.name = "Saved".into()).unwrap();
    assert!(save_settled(app).await);
    assert_eq!(app.save_status.get_untracked(), SaveStatus::Saved);
    let head = storage().get_item(&persistence::roadmap_key(&id)).unwrap().unwrap();
    assert!(stored::PartsHead::parse(&head).is_some());
    let parts = part_keys(&id);

    assert!(fill_quota() > 0);
    app.edit(|r| r.name = "Not saved".into()).unwrap();
    assert!(save_settled(app).await);
    assert_eq!(app.save_status.get_untracked(), SaveStatus::Full);
    assert_eq!(storage().get_item(&persistence::roadmap_key(&id)).unwrap().unwrap(), head, "the old head");
    assert_eq!(part_keys(&id), parts, "its parts, and none of the new value's");
    assert_eq!(persistence::load(&id).unwrap().unwrap().roadmap.name, "Saved");

    // Room again: the next change is saved, in parts.
    let s = storage();
    let fillers: Vec<String> =
        (0..s.length().unwrap()).filter_map(|i| s.key(i).unwrap()).filter(|k| k.starts_with("filler.")).collect();
    for key in fillers {
        s.remove_item(&key).unwrap();
    }
    app.edit(|r| r.name = "Saved again".into()).unwrap();
    assert!(save_settled(app).await);
    assert_eq!(app.save_status.get_untracked(), SaveStatus::Saved);
    assert_eq!(persistence::load(&id).unwrap().unwrap().roadmap.name, "Saved again");
    let head = storage().get_item(&persistence::roadmap_key(&id)).unwrap().unwrap();
    let head = stored::PartsHead::parse(&head).expect("in parts");
    assert_eq!(
        parts_once_replaced_are_gone(&id, &head).await,
        (0..head.parts).map(|n| part_key(&id, &head, n)).collect::<Vec<_>>()
    );
    clear();
}

/// Waits until another tab's save is read (`App::taking_changes_in_steps`).
async fn taken(app: App) {
    let deadline = js_sys::Date::now() + 60_000.0;
    while app.taking_changes_in_steps() && js_sys::Date::now() < deadline {
        gloo_timers_sleep(Duration::from_millis(1)).await;
    }
    assert!(!app.taking_changes_in_steps(), "read within a minute");
}

/// Another tab wrote the open roadmap in parts: its head's `storage` event brings the value
/// put together from the parts, read in steps with the page going on; the head of parts
/// already replaced is passed over; a head stored now whose parts are missing is not saved
/// over; a change made here while theirs is read is not replaced by it (the user is asked).
#[wasm_bindgen_test]
async fn another_tabs_value_in_parts_is_read_from_its_parts() {
    init_tasks();
    clear();
    let owner = Owner::new();
    owner.set();
    let app = App::start();
    app.open_new(Roadmap { name: "Mine".into(), ..Roadmap::default() });
    let id = app.current_id.get_untracked();
    let rev = persistence::stored_revision(&id).unwrap();
    let theirs = Roadmap { name: "Theirs".into(), ..demo::demo_roadmap() };
    let value = stored::encode(&theirs, rev + 1);
    let (first, rest) = value.split_at(value.char_indices().nth(value.chars().count() / 2).unwrap().0);
    persistence::write_part(&id, rev + 1, "tab2", 0, &first.into()).unwrap();
    persistence::write_part(&id, rev + 1, "tab2", 1, &rest.into()).unwrap();
    let head = stored::PartsHead { revision: rev + 1, writer: "tab2".into(), parts: 2 };
    persistence::save_end_in_parts(&id, &head).unwrap();
    let key = persistence::roadmap_key(&id);
    app.on_storage_changed(Some(key.clone()), Some(head.text()));
    assert!(app.taking_changes_in_steps(), "read in steps, not at once");
    assert_eq!(app.roadmap.get_untracked().name, "Mine");
    taken(app).await;
    assert_eq!(app.roadmap.get_untracked(), theirs);
    assert_eq!(app.save_status.get_untracked(), SaveStatus::Saved);
    assert!(app.can_undo(), "theirs replaced mine as one undo step");

    // A head whose parts are gone because a later write replaced it: passed over (the later
    // write's own event follows).
    storage().remove_item(&part_key(&id, &head, 1)).unwrap();
    let later = stored::PartsHead { revision: rev + 2, writer: "tab3".into(), parts: 2 };
    storage().set_item(&key, &later.text()).unwrap();
    app.on_storage_changed(Some(key.clone()), Some(head.text()));
    taken(app).await;
    assert_eq!(app.roadmap.get_untracked(), theirs);
    assert_eq!(app.save_status.get_untracked(), SaveStatus::Saved);
    // The head stored now, its parts missing: it cannot be read, and this tab's copy is not
    // saved over it (the user is asked, as for any change from another tab it cannot read).
    app.on_storage_changed(Some(key.clone()), Some(later.text()));
    taken(app).await;
    assert_eq!(app.roadmap.get_untracked(), theirs);
    assert_eq!(app.save_status.get_untracked(), SaveStatus::Conflict);
    clear();

    // Read in steps, and changed here meanwhile: their save does not replace the change.
    let app = App::start();
    app.open_new(Roadmap { name: "Mine".into(), ..Roadmap::default() });
    let id = app.current_id.get_untracked();
    let rev = persistence::stored_revision(&id).unwrap();
    let value = stored::encode(&theirs, rev + 1);
    persistence::write_part(&id, rev + 1, "tab2", 0, &value.as_str().into()).unwrap();
    let head = stored::PartsHead { revision: rev + 1, writer: "tab2".into(), parts: 1 };
    persistence::save_end_in_parts(&id, &head).unwrap();
    app.on_storage_changed(Some(persistence::roadmap_key(&id)), Some(head.text()));
    assert!(app.taking_changes_in_steps());
    app.edit(|r| r.name = "Mine, changed meanwhile".into()).unwrap();
    taken(app).await;
    assert_eq!(app.roadmap.get_untracked().name, "Mine, changed meanwhile");
    assert_eq!(app.save_status.get_untracked(), SaveStatus::Conflict);
    assert_eq!(persistence::load(&id).unwrap().unwrap().roadmap, theirs, "theirs kept as stored");
    clear();
}

/// A large stored roadmap opens in steps with the page going on between them: meanwhile
/// edits are refused and nothing is written; then it is open as stored. A damaged one is
/// reported and kept aside, and the next readable roadmap opens.
#[wasm_bindgen_test]
async fn a_large_stored_roadmap_opens_in_steps_and_a_damaged_one_is_kept_aside() {
    init_tasks();
    use cairn::domain::landscape::generate;
    use cairn::persistence::{Entry, Index};
    clear();
    let large = generate::generate(3, generate::scaled(2_000));
    let value = stored::encode(&large, 5);
    assert!(value.len() > 512 * 1024, "large enough to be read in steps: {} bytes", value.len());
    storage().set_item(&persistence::roadmap_key("big"), &value).unwrap();
    persistence::save("small", &Roadmap { name: "Small".into(), ..Roadmap::default() }, None).unwrap();
    let entry = |id: &str, name: &str| Entry { id: id.into(), name: name.into() };
    let index =
        Index { current: Some("big".into()), roadmaps: vec![entry("big", &large.name), entry("small", "Small")] };
    persistence::save_index(&index).unwrap();
    let owner = Owner::new();
    owner.set();
    let app = App::start();
    assert!(app.is_opening(), "read in steps, not at once");
    assert_eq!(app.roadmap.get_untracked().name, large.name);
    assert!(app.edit(|r| r.name = "Too soon".into()).is_err(), "edits wait until it is open");
    // Its scenarios are not read yet: none is saved over them meanwhile.
    assert!(app.save_scenario("Too soon", Roadmap::default()).is_err());
    assert_eq!(storage().get_item(&persistence::scenarios_key("big")).unwrap(), None);
    let mut ticks = 0;
    let deadline = js_sys::Date::now() + 60_000.0;
    while app.is_opening() && js_sys::Date::now() < deadline {
        gloo_timers_sleep(Duration::from_millis(1)).await;
        ticks += 1;
    }
    assert!(ticks > 1, "the page went on while it was read");
    assert!(!app.is_opening());
    assert_eq!(app.roadmap.get_untracked(), large);
    assert_eq!(storage().get_item(&persistence::roadmap_key("big")).unwrap().unwrap(), value, "nothing written");
    app.edit(|r| r.name = "Now".into()).unwrap();
    app.flush_save();
    assert_eq!(persistence::load("big").unwrap().unwrap().roadmap.name, "Now");

    // Damaged at its end (the checksum no longer matches): found once read, kept aside.
    let mut chars: Vec<char> = value.chars().collect();
    let last = chars.len() - 1000;
    chars[last] = if chars[last] == '\u{4e01}' { '\u{4e02}' } else { '\u{4e01}' };
    let damaged: String = chars.into_iter().collect();
    storage().set_item(&persistence::roadmap_key("big"), &damaged).unwrap();
    persistence::save_index(&index).unwrap();
    let app = App::start();
    assert!(app.is_opening());
    let deadline = js_sys::Date::now() + 60_000.0;
    while app.is_opening() && js_sys::Date::now() < deadline {
        gloo_timers_sleep(Duration::from_millis(1)).await;
    }
    assert_eq!(app.roadmap.get_untracked().name, "Small", "the next readable roadmap");
    assert_eq!(app.damaged.get_untracked().len(), 1);
    assert_eq!(storage().get_item(&persistence::roadmap_key("big")).unwrap().unwrap(), damaged, "kept as it was");
    clear();
}

#[wasm_bindgen_test]
fn a_broken_index_is_rebuilt_from_stored_roadmaps() {
    clear();
    persistence::save("t5", &Roadmap::default(), None).unwrap();
    storage().set_item(persistence::INDEX_KEY, "<<garbage>>").unwrap();
    let (index, repaired) = persistence::load_index();
    assert!(repaired);
    assert_eq!(index.roadmaps.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), vec!["t5"]);
}

#[wasm_bindgen_test]
async fn the_app_opens_the_demo_on_a_first_visit_and_autosaves_edits() {
    clear();
    let owner = Owner::new();
    owner.set();
    let app = App::start();
    assert_eq!(app.roadmap.get_untracked(), demo::demo_roadmap());
    app.edit(|r| r.name = "Edited".into()).unwrap();
    assert_eq!(app.save_status.get_untracked(), SaveStatus::Pending);
    gloo_timers_sleep(Duration::from_millis(400)).await;
    tick().await;
    assert_eq!(app.save_status.get_untracked(), SaveStatus::Saved);
    let id = app.current_id.get_untracked();
    assert_eq!(persistence::load(&id).unwrap().unwrap().roadmap.name, "Edited");
    // Undo is saved too.
    app.undo();
    app.flush_save();
    assert_eq!(persistence::load(&id).unwrap().unwrap().roadmap.name, demo::demo_roadmap().name);
}

#[wasm_bindgen_test]
fn a_refused_edit_made_in_passing_is_told_in_a_notice() {
    clear();
    let owner = Owner::new();
    owner.set();
    let app = App::start();
    let first = app.roadmap.with_untracked(|r| r.initiatives[0].id.clone());
    assert!(!app.edit_or_tell(|r| r.initiative_mut(&first).unwrap().depends_on.push("missing".into())));
    let told = app.notices.get_untracked();
    assert!(told.iter().any(|n| n.topic == cairn::state::Topic::Refused
        && n.text.starts_with("That change was not made: ")
        && n.text.contains("does not exist")));
}

#[wasm_bindgen_test]
fn an_invalid_edit_is_refused_and_nothing_changes() {
    clear();
    let owner = Owner::new();
    owner.set();
    let app = App::start();
    let before = app.roadmap.get_untracked();
    let first = before.initiatives[0].id.clone();
    let refused = app.edit(|r| r.initiative_mut(&first).unwrap().depends_on.push("missing".into()));
    assert!(refused.unwrap_err().into_problems().iter().any(|p| p.message.contains("does not exist")));
    assert_eq!(app.roadmap.get_untracked(), before);
    assert!(!app.can_undo());
}

#[wasm_bindgen_test]
async fn the_shell_renders_navigation_for_every_view() {
    clear();
    let doc = web_sys::window().unwrap().document().unwrap();
    let host = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&host).unwrap();
    let _handle = leptos::mount::mount_to(host.clone().unchecked_into(), cairn::app::Shell);
    tick().await;
    let nav = host.query_selector("nav[aria-label='Views']").unwrap().expect("navigation");
    let links: Vec<String> =
        (0..7).map(|i| nav.query_selector_all("a").unwrap().item(i).unwrap().text_content().unwrap()).collect();
    assert_eq!(links, ["Roadmap", "Heatmap", "Timeline", "Landscape", "Portfolio", "Decide", "Settings"]);
    assert!(host.text_content().unwrap().contains(&demo::demo_roadmap().name));
}

use wasm_bindgen::JsCast;

/// Every key and value in localStorage, sorted.
fn snapshot() -> Vec<(String, String)> {
    let s = storage();
    let mut all: Vec<(String, String)> = (0..s.length().unwrap())
        .filter_map(|i| s.key(i).unwrap())
        .map(|k| {
            let v = s.get_item(&k).unwrap().unwrap_or_default();
            (k, v)
        })
        .collect();
    all.sort();
    all
}

fn set_hash(hash: &str) {
    let history = web_sys::window().unwrap().history().unwrap();
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(if hash.is_empty() { "#/" } else { hash }))
        .unwrap();
}

#[wasm_bindgen_test]
async fn a_share_link_opens_read_only_and_writes_nothing_until_a_copy_is_saved() {
    clear();
    let owner = Owner::new();
    owner.set();
    // The user's own roadmap, saved.
    let mine = App::start();
    mine.edit(|r| r.name = "Mine".into()).unwrap();
    mine.flush_save();
    let before = snapshot();

    let shared = Roadmap { name: "Theirs".into(), ..demo::demo_roadmap() };
    set_hash(&cairn::domain::share_link::encode(&shared));
    let app = App::start();
    assert!(app.read_only());
    assert_eq!(app.roadmap.get_untracked(), shared);
    // The switcher lists the user's roadmaps, read from storage.
    assert_eq!(app.roadmaps.get_untracked().iter().map(|e| e.name.as_str()).collect::<Vec<_>>(), ["Mine"]);
    // Edits are refused with the reason; nothing is saved, whatever happens.
    let refused = app.edit(|r| r.name = "Changed".into()).unwrap_err();
    assert_eq!(refused.problems()[0].message, cairn::state::READ_ONLY_TEXT);
    assert_eq!(app.roadmap.get_untracked().name, "Theirs");
    app.undo();
    app.save_now();
    app.flush_save();
    gloo_timers_sleep(Duration::from_millis(300)).await;
    tick().await;
    assert_eq!(snapshot(), before);

    // Save a copy: one more stored roadmap, with a fresh id; the user's own is untouched.
    app.save_shared_copy();
    assert!(!app.read_only());
    let after = snapshot();
    let roadmap_keys =
        |s: &[(String, String)]| s.iter().filter(|(k, _)| k.starts_with(persistence::ROADMAP_PREFIX)).count();
    assert_eq!(roadmap_keys(&after), roadmap_keys(&before) + 1);
    for (k, v) in before.iter().filter(|(k, _)| k.starts_with(persistence::ROADMAP_PREFIX)) {
        assert!(after.contains(&(k.clone(), v.clone())), "{k} changed");
    }
    let id = app.current_id.get_untracked();
    assert!(!id.is_empty());
    assert_eq!(persistence::load(&id).unwrap().unwrap().roadmap.name, "Theirs");
    // The link left the address: a reload opens the user's roadmaps.
    assert_eq!(web_sys::window().unwrap().location().hash().unwrap(), "#/");
    app.edit(|r| r.name = "Theirs, mine now".into()).unwrap();
    set_hash("");
}

#[wasm_bindgen_test]
fn a_damaged_share_link_opens_nothing_and_writes_nothing() {
    clear();
    let owner = Owner::new();
    owner.set();
    let mine = App::start();
    mine.flush_save();
    let before = snapshot();
    let mut link = cairn::domain::share_link::encode(&demo::demo_roadmap());
    link.truncate(link.len() - 40);
    link.push_str("AAAA");
    set_hash(&link);
    let app = App::start();
    match app.shared.get_untracked() {
        Some(cairn::state::SharedView::Broken(message)) => assert!(message.contains("share link"), "{message}"),
        other => panic!("expected a broken link, got {other:?}"),
    }
    assert!(app.edit(|r| r.name = "x".into()).is_err());
    app.save_now();
    assert_eq!(snapshot(), before);
    // Back to my roadmaps: the one open before.
    app.leave_shared();
    assert!(!app.read_only());
    assert_eq!(app.roadmap.get_untracked(), mine.roadmap.get_untracked());
    set_hash("");
}

#[wasm_bindgen_test]
fn roadmaps_are_stored_packed_and_plain_values_of_older_versions_still_load() {
    clear();
    let big = cairn::domain::generate::generate(4, 2_000);
    let rev = persistence::save("t6", &big, None).unwrap();
    let raw = storage().get_item(&persistence::roadmap_key("t6")).unwrap().unwrap();
    assert!(raw.starts_with("cairn:z1:"), "stored packed");
    assert!(raw.encode_utf16().count() < stored::encode_json(&big, rev).len() / 6, "packed is far smaller");
    assert_eq!(persistence::load("t6").unwrap().unwrap().roadmap, big);
    // A value written by an earlier Cairn (plain JSON) loads and is saved packed from then on.
    let small = demo::demo_roadmap();
    storage().set_item(&persistence::roadmap_key("t7"), &stored::encode_json(&small, 5)).unwrap();
    assert_eq!(persistence::load("t7").unwrap().unwrap().roadmap, small);
    assert_eq!(persistence::save("t7", &small, Some(5)), Ok(6));
    assert!(storage().get_item(&persistence::roadmap_key("t7")).unwrap().unwrap().starts_with("cairn:z1:6:"));
    clear();
}

// ---- scenarios (src/state_scenarios.rs) -------------------------------------------------------

#[wasm_bindgen_test]
fn a_scenario_is_kept_next_to_its_roadmap_and_edited_apart_from_the_plan() {
    clear();
    let owner = Owner::new();
    owner.set();
    let app = App::start();
    let id = app.current_id.get_untracked();
    let plan = app.roadmap.get_untracked();
    app.save_scenario("Lean", plan.clone()).unwrap();
    assert!(app.save_scenario(" lean ", plan.clone()).unwrap_err().contains("already a scenario"));
    // Stored under its own key, never read as a roadmap.
    assert_eq!(persistence::load_scenarios(&id).unwrap().len(), 1);
    assert_eq!(persistence::load_index().0.roadmaps.len(), 1);

    // Editing the scenario changes the scenario, with its own undo, and never the plan.
    app.open_scenario("Lean").unwrap();
    assert_eq!(app.editing.get_untracked().as_deref(), Some("Lean"));
    assert!(!app.can_undo(), "the scenario has its own history");
    // (The landscape's changes name initiatives: they go with the ones removed.)
    app.edit(|r| {
        r.initiatives.truncate(3);
        r.landscape.changes.clear();
    })
    .unwrap();
    app.flush_save();
    assert_eq!(persistence::load_scenarios(&id).unwrap()[0].roadmap.initiatives.len(), 3);
    assert_eq!(persistence::load(&id).unwrap().unwrap().roadmap, plan, "the stored plan is unchanged");
    assert_eq!(app.plan(), plan);
    app.back_to_plan();
    assert_eq!(app.editing.get_untracked(), None);
    assert_eq!(app.roadmap.get_untracked(), plan);
    assert_eq!(app.scenario_roadmap("Lean").unwrap().initiatives.len(), 3);

    // Promote: one undo step; the old plan stays as a scenario.
    app.promote_scenario("Lean").unwrap();
    assert_eq!(app.roadmap.get_untracked().initiatives.len(), 3);
    let names: Vec<String> = persistence::load_scenarios(&id).unwrap().into_iter().map(|s| s.name).collect();
    assert_eq!(names, ["Plan before Lean"]);
    app.undo();
    assert_eq!(app.roadmap.get_untracked(), plan);

    // Deleting the roadmap deletes its scenarios.
    app.delete_scenario("Plan before Lean").unwrap();
    assert!(storage().get_item(&persistence::scenarios_key(&id)).unwrap().is_none(), "no scenarios: no key");
    app.save_scenario("Again", plan).unwrap();
    app.delete_roadmap(&id);
    assert!(storage().get_item(&persistence::scenarios_key(&id)).unwrap().is_none());
}

#[wasm_bindgen_test]
fn damaged_scenarios_are_kept_and_a_full_storage_is_reported() {
    clear();
    let owner = Owner::new();
    owner.set();
    let app = App::start();
    let id = app.current_id.get_untracked();
    // A list that cannot be read is reported, kept, and not written over.
    storage().set_item(&persistence::scenarios_key(&id), "{broken").unwrap();
    let other = Roadmap { name: "Other".into(), ..Roadmap::default() };
    app.open_new(other);
    app.switch_to(&id);
    assert!(app.damaged.get_untracked().iter().any(|d| d.key == persistence::scenarios_key(&id)));
    assert!(app.scenarios.get_untracked().is_empty());
    app.save_scenario("New", app.roadmap.get_untracked()).unwrap();
    assert_eq!(storage().get_item(&persistence::scenarios_key(&id)).unwrap().as_deref(), Some("{broken"));
    assert!(app.notices.get_untracked().iter().any(|n| n.topic == cairn::state::Topic::Scenarios));
    // Over the quota: reported, no panic, the scenario stays in memory.
    storage().remove_item(&persistence::scenarios_key(&id)).unwrap();
    app.run(0, &cairn::state::Action::DiscardDamaged(persistence::scenarios_key(&id)));
    assert!(fill_quota() > 0);
    let mut big = app.roadmap.get_untracked();
    big.description = "z".repeat(300_000);
    app.save_scenario("Big", big).unwrap();
    assert!(app.scenarios.get_untracked().iter().any(|s| s.name == "Big"));
    assert!(app
        .notices
        .get_untracked()
        .iter()
        .any(|n| n.topic == cairn::state::Topic::Scenarios && n.text.contains("full")));
    clear();
}

/// The browser's number reading and lower-casing (ui/fields.rs, ui/list.rs) agree with Rust's,
/// which the host tests use: exact decimals, non-ASCII text, refusals.
#[wasm_bindgen_test]
fn numbers_and_case_are_read_the_browser_way_as_rust_would() {
    use cairn::ui::fields::parse_number;
    use cairn::ui::list::{lowercase, matches};
    for text in ["0.1", "1 200.5", "-3e-7", "123456789.123456789", "9007199254740993", ".5", "5."] {
        let plain = text.replace(' ', "");
        assert_eq!(parse_number("Capex", text), Ok(plain.parse::<f64>().unwrap()), "{text}");
    }
    for bad in ["1e400", "NaN", "Infinity", "0x10", "12a", "1e"] {
        assert!(parse_number("Capex", bad).is_err(), "{bad}");
    }
    for text in ["ÉLAN", "İstanbul", "ΟΔΥΣΣΕΥΣ", "Straße", "DŽungla"] {
        assert_eq!(lowercase(text), text.to_lowercase(), "{text}");
    }
    assert!(matches("élan", &["Projet ÉLAN"]));
}

// ---- landscape editing (src/views/landscape/) ---------------------------------------------------

fn input_event(el: &web_sys::Element, value: &str, event: &str) {
    let input: web_sys::HtmlInputElement = el.clone().unchecked_into();
    input.set_value(value);
    input.dispatch_event(&web_sys::Event::new(event).unwrap()).unwrap();
}

#[wasm_bindgen_test]
async fn an_application_added_on_the_applications_tab_opens_its_panel_and_is_saved() {
    clear();
    set_hash("#/landscape/applications");
    let doc = web_sys::window().unwrap().document().unwrap();
    let host = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&host).unwrap();
    let _handle = leptos::mount::mount_to(host.clone().unchecked_into(), cairn::app::Shell);
    for _ in 0..5 {
        tick().await;
    }
    let name = host.query_selector("input[aria-label='New application name']").unwrap().expect("quick add");
    input_event(&name, "Fleet <script>alert(1)</script> app", "input");
    let cost = host.query_selector("input[aria-label='New application run cost per year']").unwrap().unwrap();
    input_event(&cost, "12000", "input");
    let form = host.query_selector("form[aria-label='Add applications quickly']").unwrap().unwrap();
    form.dispatch_event(&web_sys::Event::new("submit").unwrap()).unwrap();
    tick().await;
    let heading = host.query_selector("#application-panel-title").unwrap().expect("the panel opened");
    assert_eq!(heading.text_content().unwrap(), "Fleet <script>alert(1)</script> app");
    assert!(host.query_selector("aside script").unwrap().is_none(), "text, never markup");
    // A bad number is refused with the reason next to the field; the stored value is kept.
    let users = host.query_selector("aside input[type=number]").unwrap().expect("a number field");
    input_event(&users, "-3", "change");
    tick().await;
    assert!(host.query_selector("aside .field-error").unwrap().is_some(), "the refusal is shown");
    // Autosaved with its run cost.
    gloo_timers_sleep(Duration::from_millis(400)).await;
    let index = persistence::load_index().0;
    let stored = persistence::load(&index.roadmaps[0].id).unwrap().unwrap().roadmap;
    let added = stored.landscape.applications.iter().find(|a| a.name.starts_with("Fleet <script>")).expect("saved");
    assert_eq!(added.run_cost_per_year, 12_000.0);
    assert_eq!(added.users, 0);
    host.remove();
    set_hash("");
    clear();
}

/// A tab clicked with a modifier (Ctrl, ⌘, Shift: opened in another browser tab) is not
/// "followed" here: the tab bar drawn next does not take the keyboard's focus; a plain click
/// does (so the check can fail).
#[wasm_bindgen_test]
async fn a_tab_opened_elsewhere_with_a_modifier_does_not_take_the_focus_here() {
    use cairn::ui::tabs::{Tab, TabBar};
    let doc = web_sys::window().unwrap().document().unwrap();
    let bar = || {
        let host = doc.create_element("div").unwrap();
        doc.body().unwrap().append_child(&host).unwrap();
        let handle = leptos::mount::mount_to(host.clone().unchecked_into(), || {
            let tabs = vec![
                Tab::new("One", "#/tabs-test/one".into(), Signal::derive(|| true)),
                Tab::new("Two", "#/tabs-test/two".into(), Signal::derive(|| false)),
            ];
            view! { <TabBar label="Test parts" tabs/> }
        });
        (host, handle)
    };
    let click = js_sys::Function::new_with_args(
        "el, ctrl",
        "el.addEventListener('click', (e) => e.preventDefault(), { once: true }); \
         el.dispatchEvent(new MouseEvent('click', { ctrlKey: ctrl, bubbles: true, cancelable: true }));",
    );
    let focused_current = || {
        doc.active_element().and_then(|e| e.get_attribute("aria-current")).as_deref() == Some("page")
            && doc.active_element().unwrap().text_content().unwrap() == "One"
    };
    for (ctrl, takes_focus) in [(true, false), (false, true)] {
        doc.body().unwrap().focus().ok();
        let (host, handle) = bar();
        let two = host.query_selector("a[href='#/tabs-test/two']").unwrap().unwrap();
        click.call2(&wasm_bindgen::JsValue::NULL, &two, &ctrl.into()).unwrap();
        drop(handle);
        host.remove();
        // Drawn again, as following a tab draws the view again.
        let (host, handle) = bar();
        gloo_timers_sleep(Duration::from_millis(50)).await;
        assert_eq!(focused_current(), takes_focus, "ctrl: {ctrl}");
        drop(handle);
        host.remove();
    }
}
