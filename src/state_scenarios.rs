//! The scenarios of the open roadmap: named copies to try changes on without touching the
//! plan (`domain::scenario`).
//!
//! - They are stored next to their roadmap under their own key (`cairn.scenarios.<id>`,
//!   see `persistence`), written when one is saved, edited, deleted or promoted. Like a
//!   roadmap, a stored list that cannot be read is kept aside unchanged and never written
//!   over; a full storage is reported, never a panic.
//! - **Editing a scenario**: [`App::open_scenario`] sets the plan aside and puts the scenario
//!   in `roadmap`, so every view shows and edits it (with its own undo history) while a banner
//!   says the plan is unchanged; its edits are autosaved into the scenario.
//!   [`App::back_to_plan`] brings the plan back. Opening another roadmap leaves the scenario.
//! - Two tabs: a change of the plan made elsewhere while this tab edits a scenario updates
//!   the plan set aside; a change of the scenario list made elsewhere is loaded unless this
//!   tab is editing a scenario (then this tab's list is the one written next).

use super::{App, Level, SaveStatus, Topic};
use crate::domain::scenario;
use crate::domain::Roadmap;
use crate::persistence::{self, Damaged, SaveError};
use leptos::prelude::*;

/// Why a scenario cannot be saved or opened yet in the first moments of a fresh visit.
const CODEC_STILL_LOADING: &str = "Scenarios are saved by code Cairn is still loading: try again in a moment \
     (if the page says it could not load it, once you are back online). Nothing was changed.";

impl App {
    /// Loads the scenarios of the roadmap just opened; none is being edited.
    pub(super) fn open_scenarios(&self) {
        self.w.editing.set(None);
        self.plan_aside.set_value(None);
        self.clear_topic(Topic::Scenarios);
        let id = self.current_id.get_untracked();
        match persistence::load_scenarios(&id) {
            Ok(list) => self.w.scenarios.set(list),
            Err(damaged) => {
                self.w.scenarios.set(Vec::new());
                self.report_damaged_scenarios(damaged);
            }
        }
    }

    fn report_damaged_scenarios(&self, damaged: Damaged) {
        if self.damaged.with_untracked(|d| d.iter().any(|x| x.key == damaged.key)) {
            return;
        }
        let key = damaged.key.clone();
        self.notify(
            Topic::Damaged,
            Level::Error,
            &format!(
                "The scenarios saved for this roadmap could not be read ({}). They have been kept aside \
                 unchanged — nothing is written over them, so new scenarios are not saved until you \
                 download or delete them here. The roadmap itself is fine.",
                damaged.error
            ),
            vec![
                ("Download the damaged scenarios".into(), super::Action::DownloadDamaged(key.clone())),
                ("Delete the damaged scenarios".into(), super::Action::DiscardDamaged(key)),
            ],
        );
        self.w.damaged.update(|d| d.push(damaged));
    }

    /// `Err` (why, in the user's words) while the roadmap is being opened in steps (its
    /// scenarios are not read yet, and writing the list would write over them), and before the
    /// codec that writes them is loaded.
    fn scenarios_can_change(&self) -> Result<(), String> {
        if self.is_opening() {
            return Err(super::STILL_OPENING.into());
        }
        if !crate::codec::ready() {
            // A fresh visit's first moments (longer on a slow connection): scenarios are
            // written with the codec, loading now (`crate::codec::prefetch`; once more if
            // that failed).
            crate::codec::when_ready(|| {}, || {});
            return Err(CODEC_STILL_LOADING.into());
        }
        Ok(())
    }

    /// Writes the scenario list; failures are reported (the list stays in memory).
    fn persist_scenarios(&self) -> Result<(), SaveError> {
        if self.save_status.get_untracked() == SaveStatus::MemoryOnly {
            return Ok(());
        }
        let id = self.current_id.get_untracked();
        let key = persistence::scenarios_key(&id);
        if self.damaged.with_untracked(|d| d.iter().any(|x| x.key == key)) {
            self.notify(
                Topic::Scenarios,
                Level::Error,
                "Scenarios are not saved: the scenarios stored for this roadmap could not be read, and \
                 Cairn does not write over them. Download or delete them (see the message above) first.",
                vec![],
            );
            return Err(SaveError::Other("damaged scenarios are kept".into()));
        }
        let saved = self.scenarios.with_untracked(|list| persistence::save_scenarios(&id, list));
        match &saved {
            Ok(()) | Err(SaveError::Unavailable) => self.clear_topic(Topic::Scenarios),
            Err(SaveError::Full) => self.notify(
                Topic::Scenarios,
                Level::Error,
                "This browser's storage for Cairn is full, so the scenarios are not saved (the copy \
                 saved before is intact). Delete scenarios or roadmaps you no longer need, then try again.",
                vec![],
            ),
            Err(e) => {
                let why = match e {
                    SaveError::Other(msg) => msg.clone(),
                    _ => "the browser refused".into(),
                };
                self.notify(
                    Topic::Scenarios,
                    Level::Error,
                    &format!("The scenarios could not be saved: {why}."),
                    vec![],
                );
            }
        }
        saved
    }

    /// Writes the roadmap being edited back into its scenario (in memory).
    fn sync_scenario(&self) {
        let Some(name) = self.editing.get_untracked() else {
            return;
        };
        let r = self.roadmap.get_untracked();
        let at = self.scenarios.with_untracked(|l| scenario::find(l, &name).filter(|&k| !l[k].roadmap.same_as(&r)));
        if let Some(k) = at {
            self.w.scenarios.update(|l| l[k].roadmap = r);
        }
    }

    /// The autosave while a scenario is edited: into the scenario list, not the plan.
    pub(super) fn save_scenario_now(&self) {
        self.sync_scenario();
        if self.save_status.get_untracked() == SaveStatus::MemoryOnly {
            return;
        }
        let status = match self.persist_scenarios() {
            Ok(()) => SaveStatus::Saved,
            Err(SaveError::Full) => SaveStatus::Full,
            Err(_) => SaveStatus::Failed,
        };
        if self.save_status.get_untracked() != status {
            self.w.save_status.set(status);
        }
    }

    /// Saves `roadmap` as a new scenario called `name`. `Err`: why not (blank or taken name).
    pub fn save_scenario(&self, name: &str, roadmap: Roadmap) -> Result<(), String> {
        self.scenarios_can_change()?;
        self.sync_scenario();
        let s = self.scenarios.with_untracked(|l| scenario::save_as(&roadmap, name, l))?;
        self.w.scenarios.update(|l| l.push(s));
        let _ = self.persist_scenarios();
        Ok(())
    }

    /// The roadmap of a scenario as it is now (the one being edited is the open roadmap).
    pub fn scenario_roadmap(&self, name: &str) -> Option<Roadmap> {
        if self.editing.with(|e| e.as_deref().is_some_and(|e| e.eq_ignore_ascii_case(name.trim()))) {
            return Some(self.roadmap.get());
        }
        self.scenarios.with(|l| scenario::find(l, name).map(|k| l[k].roadmap.clone()))
    }

    /// The plan, also while a scenario is open for editing (tracks the roadmap and the mode).
    pub fn plan(&self) -> Roadmap {
        if self.editing.with(Option::is_some) {
            if let Some(plan) = self.plan_aside.get_value() {
                return plan;
            }
        }
        self.roadmap.get()
    }

    /// Opens scenario `name` for editing; the plan is set aside unchanged.
    pub fn open_scenario(&self, name: &str) -> Result<(), String> {
        self.scenarios_can_change()?;
        if self.editing.with_untracked(|e| e.as_deref().is_some_and(|e| e.eq_ignore_ascii_case(name.trim()))) {
            return Ok(());
        }
        self.back_to_plan();
        self.flush_save();
        if self.save_status.get_untracked() == SaveStatus::Conflict {
            return Err("The plan was changed in another tab; choose which version to keep (see the message above) before opening a scenario.".into());
        }
        let Some((stored_name, r)) = self
            .scenarios
            .with_untracked(|l| scenario::find(l, name).map(|k| (l[k].name.clone(), l[k].roadmap.clone())))
        else {
            return Err(format!("There is no scenario called \"{}\".", name.trim()));
        };
        self.plan_aside.set_value(Some(self.roadmap.get_untracked()));
        self.w.editing.set(Some(stored_name));
        self.set_roadmap(r, None);
        Ok(())
    }

    /// Leaves the scenario being edited (saved) and shows the plan again.
    pub fn back_to_plan(&self) {
        if self.editing.get_untracked().is_none() {
            return;
        }
        self.flush_save();
        self.sync_scenario();
        let plan = self.plan_aside.try_update_value(Option::take).flatten();
        self.w.editing.set(None);
        if let Some(plan) = plan {
            self.set_roadmap(plan, None);
        }
    }

    /// Deletes a scenario (not the one being edited).
    pub fn delete_scenario(&self, name: &str) -> Result<(), String> {
        self.scenarios_can_change()?;
        if self.editing.with_untracked(|e| e.as_deref().is_some_and(|e| e.eq_ignore_ascii_case(name.trim()))) {
            return Err("Go back to the plan before deleting the scenario you are editing.".into());
        }
        let Some(k) = self.scenarios.with_untracked(|l| scenario::find(l, name)) else {
            return Err(format!("There is no scenario called \"{}\".", name.trim()));
        };
        self.sync_scenario();
        self.w.scenarios.update(|l| {
            l.remove(k);
        });
        let _ = self.persist_scenarios();
        Ok(())
    }

    /// Makes scenario `name` the plan (one undo step); the old plan stays as a scenario called
    /// "Plan before <name>". `Err` when the scenario has errors the plan has not.
    pub fn promote_scenario(&self, name: &str) -> Result<(), String> {
        self.scenarios_can_change()?;
        self.back_to_plan();
        let Some(k) = self.scenarios.with_untracked(|l| scenario::find(l, name)) else {
            return Err(format!("There is no scenario called \"{}\".", name.trim()));
        };
        let mut list = self.scenarios.get_untracked();
        let mut plan = self.roadmap.get_untracked();
        scenario::promote(&mut plan, &mut list, k)?;
        self.edit(move |r| *r = plan).map_err(|refusal| {
            let first: Vec<String> = refusal.into_problems().into_iter().take(3).map(|p| p.message).collect();
            format!("This scenario cannot become the plan until its errors are fixed: {}", first.join("; "))
        })?;
        self.w.scenarios.set(list);
        let _ = self.persist_scenarios();
        Ok(())
    }

    /// Another tab wrote this roadmap while this tab edits a scenario: the plan set aside
    /// follows (this tab has no unsaved change of the plan: it was saved before the
    /// scenario was opened).
    pub(super) fn plan_changed_elsewhere(&self, new_value: Option<String>) {
        let Some(stored) = new_value.and_then(|raw| crate::codec::decode_stored(&raw).ok()) else {
            return;
        };
        let id = self.current_id.get_untracked();
        self.revisions.update_value(|r| {
            r.insert(id, stored.revision);
        });
        self.plan_aside.set_value(Some(stored.roadmap));
    }

    /// Another tab wrote this roadmap's scenarios.
    pub(super) fn scenarios_changed_elsewhere(&self) {
        if self.editing.get_untracked().is_some() {
            return;
        }
        if let Ok(list) = persistence::load_scenarios(&self.current_id.get_untracked()) {
            self.w.scenarios.set(list);
        }
    }
}
