//! The rules a roadmap must follow. `validate` runs on every edit (and on import), so it is
//! linear in the number of items and links: every lookup goes through a hash map.
//!
//! Errors make an edit or an import refused; warnings are shown but allowed.

use super::calendar::Month;
use super::format;
use super::format::month_label;
use super::landscape::Phase;
use super::model::{
    display_name as shown, CriterionSource, FundingLock, Id, Initiative, ItemKind, Roadmap, ScoringModel, Status,
    ESTIMATE_MAX, ESTIMATE_SCALE,
};
// Ids are hashed thousands of times per edit: the fast (not DoS-resistant) hasher, as the
// data is the user's own roadmap.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::fmt;
use std::future::Future;

/// What two names are compared by when looking for duplicates: trimmed, ASCII letters in
/// lower case, other letters as typed ("SAP ECC" = "sap ecc"; "Élan" ≠ "élan"). Not Rust's
/// Unicode lower-casing: its tables are 18 KB of wasm in the first screen (issue 14).
fn same_name_key(name: &str) -> String {
    name.trim().to_ascii_lowercase()
}

/// At most this many levels in the capability map (L1, L2, L3).
pub const MAX_CAPABILITY_LEVELS: usize = 3;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Severity {
    Error,
    Warning,
}

/// One broken rule. `message` names the item: `initiative "CRM rollout": depends_on "x" does not exist`.
#[derive(Clone, PartialEq, Debug)]
pub struct Problem {
    pub severity: Severity,
    pub kind: ItemKind,
    /// The item's id; "" for the roadmap itself.
    pub id: Id,
    /// The field at fault: "end", "depends_on", "parent", "weight", "name", ...
    pub field: &'static str,
    pub message: String,
    /// `message` without the item's name in front, so renaming an item does not make its
    /// existing problems look new.
    detail: String,
}

impl Problem {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// An edit refused for a reason outside the roadmap's rules (the roadmap is open
    /// read-only), as an error of the roadmap itself.
    pub fn refusal(message: impl Into<String>) -> Problem {
        let message = message.into();
        Problem {
            severity: Severity::Error,
            kind: ItemKind::Roadmap,
            id: String::new(),
            field: "",
            detail: message.clone(),
            message,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Every problem in the roadmap: roadmap settings first, then goals, capabilities and
/// initiatives in list order.
pub fn validate(r: &Roadmap) -> Vec<Problem> {
    let mut v = Validation::new(r);
    for (part, len) in v.parts() {
        v.run(part, 0..len);
    }
    v.c.out
}

/// Items checked between two offers to pause: a fraction of a millisecond of work.
const PACED_BY: usize = 256;

/// [`validate`], offering to pause between small parts of the work (a few hundred items at a
/// time, a fraction of a millisecond each): `pause()` gives what to await there — ready at
/// once to go on, or a moment for the page to have its turn. The same checks in the same order,
/// so the same problems. Opening a large roadmap validates it so, never holding the page for
/// long (`App::open_in_steps`).
pub async fn validate_paced<F: Future<Output = ()>>(r: &Roadmap, mut pause: impl FnMut() -> F) -> Vec<Problem> {
    let mut v = Validation::new(r);
    for (part, len) in v.parts() {
        let step = if part == Part::Applications { PACED_BY } else { PACED_BY * 4 };
        for from in (0..len).step_by(step) {
            pause().await;
            v.run(part, from..(from + step).min(len));
        }
    }
    v.c.out
}

/// The parts of a validation, in order, each over a list (`Plan`: one item, the plan's
/// goals, capabilities and initiatives checked at once).
#[derive(Clone, Copy, PartialEq)]
enum Part {
    IndexApplications,
    IndexTechnologies,
    Plan,
    Applications,
    Technologies,
    Changes,
}

/// A validation under way: [`validate`] runs each part over its whole list at once,
/// [`validate_paced`] a few hundred items at a time.
struct Validation<'a> {
    r: &'a Roadmap,
    c: Check,
    all: HashMap<&'a str, Item<'a>>,
    ids: Ids<'a>,
    app_names: HashMap<String, usize>,
    tech_names: HashMap<(String, String), usize>,
    retired: HashMap<&'a str, &'a str>,
}

impl<'a> Validation<'a> {
    /// The roadmap's settings and scoring checked, and the plan's ids indexed.
    fn new(r: &'a Roadmap) -> Validation<'a> {
        let mut v = Validation {
            r,
            c: Check { out: Vec::new() },
            all: HashMap::default(),
            ids: Ids {
                goals: HashMap::default(),
                capabilities: HashMap::default(),
                initiatives: HashMap::default(),
                applications: HashMap::default(),
                technologies: HashMap::default(),
            },
            app_names: HashMap::default(),
            tech_names: HashMap::default(),
            retired: HashMap::default(),
        };
        v.c.roadmap(r);
        v.c.criteria(r);
        let (ids, all, c) = (&mut v.ids, &mut v.all, &mut v.c);
        let goals = r.goals.iter().map(|g| (g.id.as_str(), g.name.as_str())).enumerate();
        index(&mut ids.goals, all, c, ItemKind::Goal, goals);
        let capabilities = r.capabilities.iter().map(|c| (c.id.as_str(), c.name.as_str())).enumerate();
        index(&mut ids.capabilities, all, c, ItemKind::Capability, capabilities);
        let initiatives = r.initiatives.iter().map(|i| (i.id.as_str(), i.name.as_str())).enumerate();
        index(&mut ids.initiatives, all, c, ItemKind::Initiative, initiatives);
        v
    }

    /// The parts still to run, with the length of each one's list.
    fn parts(&self) -> [(Part, usize); 6] {
        let l = &self.r.landscape;
        let (apps, techs) = (l.applications.len(), l.technologies.len());
        [
            (Part::IndexApplications, apps),
            (Part::IndexTechnologies, techs),
            (Part::Plan, 1),
            (Part::Applications, apps),
            (Part::Technologies, techs),
            (Part::Changes, l.changes.len()),
        ]
    }

    /// Runs `part` over the items `range` of its list (the ranges of a part in order).
    fn run(&mut self, part: Part, range: std::ops::Range<usize>) {
        let r = self.r;
        let l = &r.landscape;
        let (ids, all, c) = (&mut self.ids, &mut self.all, &mut self.c);
        match part {
            Part::IndexApplications => {
                let items = l.applications[range.clone()].iter().map(|a| (a.id.as_str(), a.name.as_str()));
                index(&mut ids.applications, all, c, ItemKind::Application, range.zip(items));
            }
            Part::IndexTechnologies => {
                let items = l.technologies[range.clone()].iter().map(|t| (t.id.as_str(), t.name.as_str()));
                index(&mut ids.technologies, all, c, ItemKind::Technology, range.zip(items));
            }
            Part::Plan => {
                c.goals(r);
                c.capabilities(r, ids);
                c.initiatives(r, ids);
            }
            Part::Applications => {
                for k in range {
                    let a = &l.applications[k];
                    let first =
                        (!a.name.trim().is_empty()).then(|| *self.app_names.entry(same_name_key(&a.name)).or_insert(k));
                    c.application(r, ids, k, first);
                }
            }
            Part::Technologies => {
                for k in range {
                    c.technology(r, k, &mut self.tech_names);
                }
            }
            Part::Changes => {
                for k in range {
                    c.change(r, ids, k, &mut self.retired);
                }
            }
        }
    }
}

/// Problems of `after` that are errors and not already present in `before` (compared by
/// kind, id, field and message — ignoring the item's own name, so a rename is not "new"):
/// the edit is refused if this is non-empty.
pub fn new_errors(before: &Roadmap, after: &Roadmap) -> Vec<Problem> {
    new_errors_among(&validate(before), &validate(after))
}

/// [`new_errors`] from problems already computed (the app keeps the current roadmap's, so an
/// edit validates only the result).
pub fn new_errors_among(before: &[Problem], after: &[Problem]) -> Vec<Problem> {
    let key = |p: &Problem| (p.kind, p.id.clone(), p.field, p.detail.clone());
    let old: HashSet<_> = before.iter().filter(|p| p.is_error()).map(key).collect();
    after.iter().filter(|p| p.is_error() && !old.contains(&key(p))).cloned().collect()
}

/// The item a problem is about.
#[derive(Clone, Copy)]
struct Item<'a> {
    kind: ItemKind,
    id: &'a str,
    name: &'a str,
}

/// `"A" → "B" → "A"`: a cycle of names, closed on its first element.
fn cycle_text<'a>(names: impl Iterator<Item = &'a str> + Clone) -> String {
    let first = names.clone().next().unwrap_or_default();
    names.chain([first]).map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(" → ")
}

/// Rotates a cycle (of list indices) to start at its smallest index, so the same cycle is
/// always reported the same way.
fn rotate_min(mut cycle: Vec<usize>) -> Vec<usize> {
    if let Some(pos) = cycle.iter().enumerate().min_by_key(|(_, &i)| i).map(|(p, _)| p) {
        cycle.rotate_left(pos);
    }
    cycle
}

/// Where each id lives: the first item of each kind with that id.
struct Ids<'a> {
    goals: HashMap<&'a str, usize>,
    capabilities: HashMap<&'a str, usize>,
    initiatives: HashMap<&'a str, usize>,
    applications: HashMap<&'a str, usize>,
    technologies: HashMap<&'a str, usize>,
}

/// Indexes items of one kind, each with its position in its list, in `map` (an id's first
/// item), and every id in `all`, reporting empty ids and ids already used.
fn index<'a>(
    map: &mut HashMap<&'a str, usize>,
    all: &mut HashMap<&'a str, Item<'a>>,
    c: &mut Check,
    kind: ItemKind,
    items: impl Iterator<Item = (usize, (&'a str, &'a str))>,
) {
    for (position, (id, name)) in items {
        let item = Item { kind, id, name };
        if id.trim().is_empty() {
            c.error(item, "id", "has no id".into());
        } else if let Some(other) = all.get(id) {
            let other = other.kind.subject(other.name, other.id);
            c.error(item, "id", format!("id \"{id}\" is also used by {other}; ids must be unique"));
        } else {
            all.insert(id, item);
        }
        map.entry(id).or_insert(position);
    }
}

/// Finding the items an application's links name (the first item of an id, as [`Ids`]).
trait Lookup {
    fn application_exists(&self, id: &str) -> bool;
    fn technology(&self, id: &str) -> Option<usize>;
    fn capability(&self, id: &str) -> Option<usize>;
}

impl Lookup for Ids<'_> {
    fn application_exists(&self, id: &str) -> bool {
        self.applications.contains_key(id)
    }
    fn technology(&self, id: &str) -> Option<usize> {
        self.technologies.get(id).copied()
    }
    fn capability(&self, id: &str) -> Option<usize> {
        self.capabilities.get(id).copied()
    }
}

/// Lookups of only the items some applications' links name: for the few applications an
/// edit changed, cheaper than indexing every id of the roadmap (each list is walked once,
/// and only if those applications name something in it).
struct Named<'a> {
    applications: HashMap<&'a str, usize>,
    technologies: HashMap<&'a str, usize>,
    capabilities: HashMap<&'a str, usize>,
}

impl<'a> Named<'a> {
    fn new(r: &'a Roadmap, applications: &[usize]) -> Named<'a> {
        let l = &r.landscape;
        let (mut apps, mut techs, mut caps) = (HashMap::default(), HashMap::default(), HashMap::default());
        for &k in applications {
            let a = &l.applications[k];
            for i in &a.interfaces {
                apps.insert(i.to.as_str(), usize::MAX);
            }
            if let Some(s) = a.successor.as_deref() {
                apps.insert(s, usize::MAX);
            }
            for t in &a.technologies {
                techs.insert(t.as_str(), usize::MAX);
            }
            for s in &a.capabilities {
                caps.insert(s.capability.as_str(), usize::MAX);
            }
        }
        // Each wanted id's first item (as `Ids`); the ones not found are left out.
        fn find<'a>(wanted: &mut HashMap<&'a str, usize>, k: usize, id: &'a str) {
            if let Some(at) = wanted.get_mut(id) {
                *at = (*at).min(k);
            }
        }
        if !apps.is_empty() {
            for (k, a) in l.applications.iter().enumerate() {
                find(&mut apps, k, &a.id);
            }
        }
        if !techs.is_empty() {
            for (k, t) in l.technologies.iter().enumerate() {
                find(&mut techs, k, &t.id);
            }
        }
        if !caps.is_empty() {
            for (k, c) in r.capabilities.iter().enumerate() {
                find(&mut caps, k, &c.id);
            }
        }
        let found = |mut m: HashMap<&'a str, usize>| {
            m.retain(|_, at| *at != usize::MAX);
            m
        };
        Named { applications: found(apps), technologies: found(techs), capabilities: found(caps) }
    }
}

impl Lookup for Named<'_> {
    fn application_exists(&self, id: &str) -> bool {
        self.applications.contains_key(id)
    }
    fn technology(&self, id: &str) -> Option<usize> {
        self.technologies.get(id).copied()
    }
    fn capability(&self, id: &str) -> Option<usize> {
        self.capabilities.get(id).copied()
    }
}

/// Whether a problem comes from the landscape checks, which run last (`Part::Applications`
/// and after): an application's or technology's own problems, and the initiatives' changes.
fn from_landscape(p: &Problem) -> bool {
    match p.kind {
        _ if p.field == "id" => false,
        ItemKind::Application | ItemKind::Technology => true,
        ItemKind::Initiative => p.field == "applications",
        ItemKind::Roadmap => p.field == "landscape",
        _ => false,
    }
}

/// The problems of `after`, an edit of `before` whose problems are `before_problems` (as
/// [`validate`] gave them): always exactly `validate(after)`. When the edit changed only some
/// applications — their fields, or their names, but not their ids nor anything else in the
/// roadmap — only those applications are checked again, with the ones whose "same name"
/// warning a rename may change (the common edit in a landscape of thousands); otherwise the
/// whole roadmap is.
pub fn validate_edit(before: &Roadmap, before_problems: &[Problem], after: &Roadmap) -> Vec<Problem> {
    changed_applications_only(before, before_problems, after).unwrap_or_else(|| validate(after))
}

/// Beyond this many applications to check again, the whole check is as quick.
const CHECKED_IN_PART_AT_MOST: usize = 256;

fn changed_applications_only(before: &Roadmap, before_problems: &[Problem], after: &Roadmap) -> Option<Vec<Problem>> {
    let (old, new) = (&before.landscape.applications, &after.landscape.applications);
    if old.len() != new.len() || before_problems.iter().any(|p| p.field == "id") {
        return None;
    }
    let mut changed = Vec::new();
    let mut renamed = Vec::new();
    for (k, (a, b)) in old.iter().zip(new).enumerate() {
        if !std::sync::Arc::ptr_eq(a, b) {
            if a.id != b.id {
                return None;
            }
            if a.name != b.name {
                renamed.push(k);
            }
            changed.push(k);
            if changed.len() > CHECKED_IN_PART_AT_MOST {
                return None;
            }
        }
    }
    if !before.same_but_applications(after) {
        return None;
    }
    // A name is shown in the initiatives' changes' messages (checked whole then) and meets
    // other applications' "same name" checks: every application sharing the old or the new
    // name is checked again, and each application's first namesake is found from its key.
    let keys: Option<Vec<String>> = (!renamed.is_empty()).then(|| new.iter().map(|a| same_name_key(&a.name)).collect());
    if let Some(keys) = &keys {
        let ids: HashSet<&str> = renamed.iter().map(|&k| new[k].id.as_str()).collect();
        let named = |app: &Option<String>| app.as_deref().is_some_and(|a| ids.contains(a));
        if after.landscape.changes.iter().any(|c| named(&c.retires) || named(&c.introduces)) {
            return None;
        }
        let touched: HashSet<String> = renamed
            .iter()
            .flat_map(|&k| [same_name_key(&old[k].name), keys[k].clone()])
            .filter(|key| !key.is_empty())
            .collect();
        changed.extend((0..new.len()).filter(|&j| touched.contains(&keys[j])));
        changed.sort_unstable();
        changed.dedup();
        if changed.len() > CHECKED_IN_PART_AT_MOST {
            return None;
        }
    }
    // The landscape's problems are the tail: applications' (in their order), then the rest.
    let tail = before_problems.iter().rposition(|p| !from_landscape(p)).map_or(0, |i| i + 1);
    let apps_end = tail + before_problems[tail..].iter().take_while(|p| p.kind == ItemKind::Application).count();
    let look = Named::new(after, &changed);
    // Each application's problems in order, the changed ones checked again. (A plain merge of
    // two lists in application order: this runs on the first screen's edit path, where every
    // kilobyte of code counts.)
    let mut out = before_problems[..tail].to_vec();
    let mut fresh = changed.iter().copied().peekable();
    let check_again = |k: usize, out: &mut Vec<Problem>| {
        let first = match &keys {
            Some(keys) => (!keys[k].is_empty()).then(|| keys.iter().position(|key| *key == keys[k]).unwrap_or(k)),
            None => {
                let key = same_name_key(&new[k].name);
                // `key` is trimmed and lowercase: the same as each name's key, without making it.
                (!key.is_empty())
                    .then(|| new[..k].iter().position(|o| o.name.trim().eq_ignore_ascii_case(&key)).unwrap_or(k))
            }
        };
        let mut c = Check { out: std::mem::take(out) };
        c.application(after, &look, k, first);
        *out = c.out;
    };
    // The applications' problems are in their order (and their ids unique: checked above),
    // so each problem's application is found walking both lists.
    let mut k = 0;
    for p in &before_problems[tail..apps_end] {
        while new.get(k)?.id != p.id {
            k += 1;
        }
        // The changed applications before this one, and this one (in place of its old problems).
        while let Some(f) = fresh.next_if(|&f| f <= k) {
            check_again(f, &mut out);
        }
        if changed.binary_search(&k).is_err() {
            out.push(p.clone());
        }
    }
    for f in fresh {
        check_again(f, &mut out);
    }
    out.extend_from_slice(&before_problems[apps_end..]);
    Some(out)
}

struct Check {
    out: Vec<Problem>,
}

impl Check {
    fn push(&mut self, severity: Severity, item: Item, field: &'static str, detail: String) {
        let message = format!("{}: {}", item.kind.subject(item.name, item.id), detail);
        let id = if item.kind == ItemKind::Roadmap { String::new() } else { item.id.to_string() };
        self.out.push(Problem { severity, kind: item.kind, id, field, message, detail });
    }
    fn error(&mut self, item: Item, field: &'static str, detail: String) {
        self.push(Severity::Error, item, field, detail);
    }
    fn warning(&mut self, item: Item, field: &'static str, detail: String) {
        self.push(Severity::Warning, item, field, detail);
    }

    /// `value` must lie in `lo..=hi`.
    fn range(&mut self, item: Item, field: &'static str, what: &str, value: u8, lo: u8, hi: u8) {
        if !(lo..=hi).contains(&value) {
            self.error(item, field, format!("{what} is {value}; it must be {lo} to {hi}"));
        }
    }

    /// `value` must be a finite number (and not negative unless `may_be_negative`).
    fn number(&mut self, item: Item, field: &'static str, what: &str, value: f64, may_be_negative: bool) {
        if !value.is_finite() {
            self.error(item, field, format!("{what} is not a finite number"));
        } else if value < 0.0 && !may_be_negative {
            self.error(item, field, format!("{what} is negative ({})", format::shortest(value)));
        }
    }

    /// A month built in code (not parsed) may be out of range — e.g. a bar moved before 1900
    /// on the timeline; a file could not hold it.
    fn month(&mut self, item: Item, field: &'static str, month: Option<Month>) -> bool {
        match month {
            Some(m) if Month::new(m.year, m.month).is_none() => {
                let what = match field {
                    "start" => "the start",
                    "end" => "the end",
                    "milestones" => "a milestone",
                    other => other,
                };
                let detail = format!(
                    "{what} would be {}-{:02}, outside the months Cairn can plan (1900-01 to 9999-12)",
                    m.year, m.month
                );
                self.error(item, field, detail);
                false
            }
            _ => true,
        }
    }

    fn name(&mut self, item: Item) {
        if item.name.trim().is_empty() {
            self.error(item, "name", "has no name".into());
        }
    }

    fn roadmap(&mut self, r: &Roadmap) {
        let item = Item { kind: ItemKind::Roadmap, id: "", name: &r.name };
        let h = r.horizon;
        if self.month(item, "horizon", Some(h.start)) && self.month(item, "horizon", Some(h.end)) && h.end < h.start {
            self.error(item, "horizon", format!("the horizon ends ({}) before it starts ({})", h.end, h.start));
        }
        self.range(item, "fiscal_year_start_month", "the fiscal year start month", r.fiscal_year_start_month, 1, 12);
        if r.currency.len() != 3 || !r.currency.bytes().all(|b| b.is_ascii_uppercase()) {
            self.error(
                item,
                "currency",
                format!("currency \"{}\" is not a 3-letter code such as EUR or USD", r.currency),
            );
        }
        // Portfolio settings.
        let t = r.lock_in_threshold;
        if !(t.is_finite() && t > 0.0 && t <= 100.0) {
            self.error(
                item,
                "lock_in_threshold",
                format!(
                    "the vendor lock-in threshold is {}%; it must be above 0% and at most 100%",
                    format::shortest(t)
                ),
            );
        }
        let mut years = HashSet::default();
        for b in &r.budgets {
            let fy = format::fiscal_year_label(b.fiscal_year);
            self.number(item, "budgets", &format!("the {fy} capex budget"), b.capex, false);
            self.number(item, "budgets", &format!("the {fy} opex budget"), b.opex, false);
            if !years.insert(b.fiscal_year) {
                self.warning(item, "budgets", format!("there are two budgets for {fy}; they are added up"));
            }
        }
        let mut quarters = HashSet::default();
        for c in &r.capacity {
            self.number(item, "capacity", &format!("the capacity for {}", c.quarter), c.fte, false);
            if !quarters.insert(c.quarter) {
                self.warning(
                    item,
                    "capacity",
                    format!("there are two capacity entries for {}; they are added up", c.quarter),
                );
            }
        }
    }

    /// The weighted-scoring criteria: ids present and unique, names, weights ≥ 0, ranges of
    /// entered criteria.
    fn criteria(&mut self, r: &Roadmap) {
        let item = Item { kind: ItemKind::Roadmap, id: "", name: &r.name };
        let mut ids = HashSet::default();
        for c in &r.scoring.criteria {
            let what = format!("criterion \"{}\"", shown(&c.name, &c.id));
            if c.id.trim().is_empty() {
                self.error(item, "scoring", format!("{what} has no id"));
            } else if !ids.insert(c.id.as_str()) {
                self.error(
                    item,
                    "scoring",
                    format!("criterion id \"{}\" is used twice; criterion ids must be unique", c.id),
                );
            }
            if c.name.trim().is_empty() {
                self.error(item, "scoring", format!("criterion \"{}\" has no name", c.id));
            }
            self.number(item, "scoring", &format!("the weight of {what}"), c.weight, false);
            if c.source == CriterionSource::Entered {
                if !c.min.is_finite() || !c.max.is_finite() {
                    self.error(item, "scoring", format!("the range of {what} is not made of finite numbers"));
                } else if c.max <= c.min {
                    self.error(
                        item,
                        "scoring",
                        format!(
                            "the range of {what} is {} to {}; the highest value must be above the lowest",
                            format::shortest(c.min),
                            format::shortest(c.max)
                        ),
                    );
                }
            }
        }
        let weighted = r.scoring.model == ScoringModel::Weighted;
        if weighted && !r.scoring.criteria.is_empty() && r.scoring.criteria.iter().all(|c| c.weight == 0.0) {
            self.warning(item, "scoring", "every scoring criterion has weight 0, so every initiative scores 0".into());
        }
        if weighted && r.scoring.criteria.is_empty() {
            self.warning(item, "scoring", "weighted scoring has no criteria, so every initiative scores 0".into());
        }
    }

    /// An initiative's estimates, entered criterion values and funding lock.
    fn scoring_inputs(&mut self, r: &Roadmap, item: Item, i: &Initiative) {
        let s = &i.scoring;
        for (what, value) in [
            ("business value", s.business_value),
            ("time criticality", s.time_criticality),
            ("risk reduction", s.risk_reduction),
            ("job size", s.job_size),
        ] {
            if value > ESTIMATE_MAX {
                self.error(
                    item,
                    "scoring",
                    format!("{what} is {value}; it must be 0 (not estimated) to {ESTIMATE_MAX}"),
                );
            } else if value != 0 && !ESTIMATE_SCALE.contains(&value) {
                let scale = ESTIMATE_SCALE.map(|v| v.to_string()).join(", ");
                self.warning(item, "scoring", format!("{what} is {value}; the estimate scale is {scale}"));
            }
        }
        for (id, &value) in &s.custom {
            let Some(c) = r.scoring.criteria.iter().find(|c| &c.id == id) else {
                self.error(item, "scoring", format!("has a value for criterion \"{id}\", which does not exist"));
                continue;
            };
            let name = shown(&c.name, &c.id);
            if !value.is_finite() {
                self.error(item, "scoring", format!("the value for criterion \"{name}\" is not a finite number"));
            } else if c.source != CriterionSource::Entered {
                let detail = format!("has a value for criterion \"{name}\", which is derived; the value is ignored");
                self.warning(item, "scoring", detail);
            } else if c.min.is_finite() && c.max.is_finite() && c.min < c.max && !(c.min..=c.max).contains(&value) {
                let detail = format!(
                    "the value for criterion \"{name}\" is {}; it must be {} to {}",
                    format::shortest(value),
                    format::shortest(c.min),
                    format::shortest(c.max)
                );
                self.error(item, "scoring", detail);
            }
        }
        match (i.funding_lock, i.status) {
            (FundingLock::MustFund, Status::Cancelled) => self.warning(
                item,
                "funding_lock",
                "is locked as must fund but is cancelled; the optimiser leaves it out".into(),
            ),
            (FundingLock::MustNotFund, status @ (Status::InProgress | Status::Done)) => self.warning(
                item,
                "funding_lock",
                format!(
                    "is locked as must not fund but is {}; the optimiser keeps it funded",
                    status.label().to_ascii_lowercase()
                ),
            ),
            (FundingLock::MustFund, _) if !i.is_dated() => self.warning(
                item,
                "funding_lock",
                "is locked as must fund but has no dates; the optimiser can only fund dated initiatives".into(),
            ),
            _ => {}
        }
    }

    fn goals(&mut self, r: &Roadmap) {
        for g in &r.goals {
            let item = Item { kind: ItemKind::Goal, id: &g.id, name: &g.name };
            self.name(item);
            self.range(item, "weight", "weight", g.weight, 1, 5);
            self.number(item, "kpi", "the KPI baseline", g.kpi.baseline, true);
            self.number(item, "kpi", "the KPI target", g.kpi.target, true);
            self.month(item, "kpi", g.kpi.due);
        }
    }

    fn capabilities(&mut self, r: &Roadmap, ids: &Ids) {
        let caps = &r.capabilities;
        let item = |i: usize| Item { kind: ItemKind::Capability, id: &caps[i].id, name: &caps[i].name };
        // The parent's index; a missing parent is reported and treated as no parent.
        let mut parent = Vec::with_capacity(caps.len());
        for (i, c) in caps.iter().enumerate() {
            self.name(item(i));
            self.range(item(i), "current_maturity", "current maturity", c.current_maturity, 0, 5);
            self.range(item(i), "target_maturity", "target maturity", c.target_maturity, 0, 5);
            self.range(item(i), "importance", "importance", c.importance, 1, 5);
            parent.push(c.parent.as_deref().and_then(|p| {
                let found = ids.capabilities.get(p).copied();
                if found.is_none() {
                    self.error(item(i), "parent", format!("parent \"{p}\" does not exist"));
                }
                found
            }));
        }
        // Levels by walking up the parent chains, each capability visited once.
        const UNKNOWN: usize = 0;
        const IN_CYCLE: usize = usize::MAX;
        let mut level = vec![UNKNOWN; caps.len()];
        let mut walk_of = vec![usize::MAX; caps.len()];
        let mut path = Vec::new();
        for start in 0..caps.len() {
            path.clear();
            let mut cur = start;
            let top = loop {
                if level[cur] != UNKNOWN {
                    break level[cur];
                }
                if walk_of[cur] == start {
                    let at = path.iter().position(|&p| p == cur).unwrap_or(0);
                    let cycle = rotate_min(path[at..].to_vec());
                    let detail = if cycle.len() == 1 {
                        "is its own parent".to_string()
                    } else {
                        let names = cycle_text(cycle.iter().map(|&i| shown(&caps[i].name, &caps[i].id)));
                        format!("the capability map loops: {names} (each is under the next)")
                    };
                    self.error(item(cycle[0]), "parent", detail);
                    break IN_CYCLE;
                }
                walk_of[cur] = start;
                path.push(cur);
                match parent[cur] {
                    Some(p) => cur = p,
                    None => break 0,
                }
            };
            // `top` is the level above the last capability on the path.
            for (n, &i) in path.iter().rev().enumerate() {
                level[i] = if top == IN_CYCLE { IN_CYCLE } else { top + n + 1 };
                if level[i] != IN_CYCLE && level[i] > MAX_CAPABILITY_LEVELS {
                    self.error(item(i), "parent", too_deep(level[i], "is at"));
                }
            }
        }
    }

    fn initiatives(&mut self, r: &Roadmap, ids: &Ids) {
        let inits = &r.initiatives;
        for i in inits {
            let item = Item { kind: ItemKind::Initiative, id: &i.id, name: &i.name };
            self.name(item);
            let months_ok = self.month(item, "start", i.start) & self.month(item, "end", i.end);
            match (i.start, i.end) {
                (Some(_), None) => self.error(item, "end", "has a start but no end; set both or neither".into()),
                (None, Some(_)) => self.error(item, "start", "has an end but no start; set both or neither".into()),
                _ => {}
            }
            let h = r.horizon;
            for (field, month) in [("start", i.start), ("end", i.end)] {
                if let Some(m) = month.filter(|m| months_ok && !h.contains(*m)) {
                    let detail = format!("{field} {m} is outside the planning horizon ({} to {})", h.start, h.end);
                    self.warning(item, field, detail);
                }
            }
            if let Some((start, end)) = i.dates().filter(|_| months_ok) {
                if end < start {
                    self.error(item, "end", format!("ends ({end}) before it starts ({start})"));
                }
            }
            for m in &i.milestones {
                if !self.month(item, "milestones", m.month) {
                    continue;
                }
                if let (Some(month), Some((start, end))) = (m.month, i.dates()) {
                    if month < start || month > end {
                        let detail = format!(
                            "milestone \"{}\" ({month}) is outside the initiative's dates ({start} to {end})",
                            m.name
                        );
                        self.warning(item, "milestones", detail);
                    }
                }
            }
            self.number(item, "capex", "capex", i.capex, false);
            self.number(item, "opex", "opex", i.opex, false);
            self.number(item, "run_cost_per_year", "the yearly run cost", i.run_cost_per_year, false);
            self.number(item, "fte", "FTE", i.fte, false);
            self.range(item, "risk", "risk likelihood", i.risk.likelihood, 1, 5);
            self.range(item, "risk", "risk impact", i.risk.impact, 1, 5);
            self.scoring_inputs(r, item, i);

            let mut seen = HashSet::default();
            for d in &i.depends_on {
                if d == &i.id {
                    self.error(item, "depends_on", "depends on itself".into());
                } else if !ids.initiatives.contains_key(d.as_str()) {
                    self.error(item, "depends_on", format!("depends_on \"{d}\" does not exist"));
                } else if !seen.insert(d.as_str()) {
                    let other = &inits[ids.initiatives[d.as_str()]];
                    self.error(item, "depends_on", format!("depends on \"{}\" twice", shown(&other.name, d)));
                } else {
                    // Finish-to-start: a successor starts after its predecessor's last month.
                    let other = &inits[ids.initiatives[d.as_str()]];
                    let live = |x: &Initiative| x.status != Status::Cancelled;
                    if let (Some((start, _)), Some((_, before_end))) = (i.dates(), other.dates()) {
                        if live(i) && live(other) && months_ok && start <= before_end {
                            let detail = format!(
                                "starts ({start}) before its predecessor \"{}\" ends ({before_end})",
                                shown(&other.name, d)
                            );
                            self.warning(item, "depends_on", detail);
                        }
                    }
                }
            }
            seen.clear();
            for link in &i.goals {
                let Some(&g) = ids.goals.get(link.goal.as_str()) else {
                    self.error(item, "goals", format!("goal \"{}\" does not exist", link.goal));
                    continue;
                };
                let goal = shown(&r.goals[g].name, &link.goal);
                if !seen.insert(link.goal.as_str()) {
                    self.error(item, "goals", format!("links goal \"{goal}\" twice"));
                }
                let what = format!("the contribution to goal \"{goal}\"");
                self.range(item, "goals", &what, link.contribution, 1, 3);
            }
            seen.clear();
            for link in &i.capabilities {
                let Some(&c) = ids.capabilities.get(link.capability.as_str()) else {
                    self.error(item, "capabilities", format!("capability \"{}\" does not exist", link.capability));
                    continue;
                };
                let cap = shown(&r.capabilities[c].name, &link.capability);
                if !seen.insert(link.capability.as_str()) {
                    self.error(item, "capabilities", format!("links capability \"{cap}\" twice"));
                }
                let what = format!("the maturity after for capability \"{cap}\"");
                self.range(item, "capabilities", &what, link.maturity_after, 0, 5);
            }
        }
        self.dependency_cycles(r, ids);
    }

    /// Months that must come in order (set ones only): `dates` as (what, month).
    fn in_order(&mut self, item: Item, field: &'static str, what: &str, dates: &[(&str, Option<Month>)]) {
        let mut last: Option<(&str, Month)> = None;
        for &(name, month) in dates {
            let Some(m) = month else { continue };
            if !self.month(item, field, month) {
                continue;
            }
            if let Some((before, at)) = last.filter(|(_, at)| m < *at) {
                let detail = format!(
                    "the {what} dates are out of order: {name} ({}) comes before {before} ({})",
                    month_label(m),
                    month_label(at)
                );
                self.error(item, field, detail);
            }
            last = Some((name, m));
        }
    }

    /// Application `k`'s own problems: everything checked of one application. `look` finds
    /// the items its links name; `first_same_name` is the first application with the same
    /// name (ignoring case and spaces), when its name is not empty.
    fn application(&mut self, r: &Roadmap, look: &dyn Lookup, k: usize, first_same_name: Option<usize>) {
        let l = &r.landscape;
        let a = &l.applications[k];
        let item = Item { kind: ItemKind::Application, id: &a.id, name: &a.name };
        self.name(item);
        if let Some(first) = first_same_name.filter(|&f| f != k) {
            let other = &l.applications[first];
            let detail = format!("has the same name as {}", ItemKind::Application.subject(&other.name, &other.id));
            self.warning(item, "name", detail);
        }
        let dates: Vec<(&str, Option<Month>)> =
            Phase::ALL.iter().map(|p| p.label()).zip(a.lifecycle.starts()).collect();
        self.in_order(item, "lifecycle", "lifecycle", &dates);
        for (field, what, fit) in [
            ("functional_fit", "the functional fit", a.functional_fit),
            ("technical_fit", "the technical fit", a.technical_fit),
        ] {
            if let Some(fit) = fit {
                self.range(item, field, what, fit, 1, 4);
            }
        }
        self.number(item, "run_cost_per_year", "the yearly run cost", a.run_cost_per_year, false);
        self.number(item, "capex", "the one-off cost", a.capex, false);
        self.month(item, "contract_end", a.contract_end);
        match a.successor.as_deref() {
            Some(s) if s == a.id => self.error(item, "successor", "is its own successor".into()),
            Some(s) if !look.application_exists(s) => {
                self.error(item, "successor", format!("successor \"{s}\" does not exist"))
            }
            _ => {}
        }
        let mut seen = HashSet::default();
        for t in &a.technologies {
            match look.technology(t) {
                None => self.error(item, "technologies", format!("technology \"{t}\" does not exist")),
                Some(at) if !seen.insert(t.as_str()) => {
                    let name = shown(&l.technologies[at].name, t);
                    self.error(item, "technologies", format!("uses technology \"{name}\" twice"));
                }
                _ => {}
            }
        }
        seen.clear();
        for s in &a.capabilities {
            let Some(c) = look.capability(&s.capability) else {
                self.error(item, "capabilities", format!("capability \"{}\" does not exist", s.capability));
                continue;
            };
            let cap = shown(&r.capabilities[c].name, &s.capability);
            if !seen.insert(s.capability.as_str()) {
                self.error(item, "capabilities", format!("supports capability \"{cap}\" twice"));
            }
            if let Some(fit) = s.fit {
                self.range(item, "capabilities", &format!("the fit for capability \"{cap}\""), fit, 1, 4);
            }
        }
        for i in &a.interfaces {
            if i.to == a.id {
                self.error(item, "interfaces", "has an interface with itself".into());
            } else if !look.application_exists(&i.to) {
                self.error(item, "interfaces", format!("interface to application \"{}\", which does not exist", i.to));
            }
        }
    }

    /// Technology `k`: its name (and version) and its dates. `names`: each name and version's
    /// first technology so far.
    fn technology(&mut self, r: &Roadmap, k: usize, names: &mut HashMap<(String, String), usize>) {
        let l = &r.landscape;
        let t = &l.technologies[k];
        let item = Item { kind: ItemKind::Technology, id: &t.id, name: &t.name };
        self.name(item);
        if !t.name.trim().is_empty() {
            let key = (same_name_key(&t.name), same_name_key(&t.version));
            let first = *names.entry(key).or_insert(k);
            if first != k {
                let other = &l.technologies[first];
                let detail = format!(
                    "has the same name and version as {}",
                    ItemKind::Technology.subject(&other.name, &other.id)
                );
                self.warning(item, "name", detail);
            }
        }
        let dates = [
            ("the release", t.release),
            ("the end of standard support", t.end_of_standard_support),
            ("the end of life", t.end_of_life),
            ("the end of extended support", t.end_of_extended_support),
        ];
        self.in_order(item, "dates", "support", &dates);
    }

    /// Change `k` to the landscape: reported on its initiative (or on the roadmap when that
    /// does not exist). `retired`: the initiative retiring each application first so far.
    fn change<'a>(&mut self, r: &'a Roadmap, ids: &Ids, k: usize, retired: &mut HashMap<&'a str, &'a str>) {
        let l = &r.landscape;
        let c = &l.changes[k];
        let app_name = |id: &str| -> String {
            ids.applications.get(id).map_or(id, |&k| shown(&l.applications[k].name, id)).to_string()
        };
        let item = match ids.initiatives.get(c.initiative.as_str()) {
            Some(&i) => Item { kind: ItemKind::Initiative, id: &c.initiative, name: &r.initiatives[i].name },
            None => {
                let item = Item { kind: ItemKind::Roadmap, id: "", name: &r.name };
                let detail =
                    format!("a change to the landscape names initiative \"{}\", which does not exist", c.initiative);
                self.error(item, "landscape", detail);
                return;
            }
        };
        self.month(item, "applications", c.month);
        match (c.retires.as_deref(), c.introduces.as_deref()) {
            (None, None) => self.error(
                item,
                "applications",
                "has a change that neither retires nor introduces an application".into(),
            ),
            (Some(a), Some(b)) if a == b => {
                self.error(item, "applications", format!("replaces application \"{}\" with itself", app_name(a)))
            }
            _ => {}
        }
        for (verb, app) in [("retires", &c.retires), ("introduces", &c.introduces)] {
            let Some(app) = app.as_deref() else { continue };
            if !ids.applications.contains_key(app) {
                self.error(item, "applications", format!("{verb} application \"{app}\", which does not exist"));
            }
        }
        if let Some(app) = c.retires.as_deref().filter(|a| ids.applications.contains_key(a)) {
            if let Some(first) = retired.insert(app, &c.initiative) {
                let detail = format!(
                    "retires application \"{}\", which {} retires too; the earlier month counts",
                    app_name(app),
                    r.describe(ItemKind::Initiative, first)
                );
                self.warning(item, "applications", detail);
            }
        }
    }

    /// Depth-first search over `depends_on`; every back edge closes a cycle, reported once on
    /// the cycle's first initiative in list order.
    fn dependency_cycles(&mut self, r: &Roadmap, ids: &Ids) {
        let inits = &r.initiatives;
        let deps = |i: usize| {
            let me = &inits[i].id;
            inits[i]
                .depends_on
                .iter()
                .filter(move |d| *d != me)
                .filter_map(|d| ids.initiatives.get(d.as_str()).copied())
        };
        const NEW: usize = usize::MAX;
        const DONE: usize = usize::MAX - 1;
        // NEW, DONE, or the position on the DFS stack.
        let mut state = vec![NEW; inits.len()];
        let mut reported = HashSet::default();
        for root in 0..inits.len() {
            if state[root] != NEW {
                continue;
            }
            state[root] = 0;
            let mut stack = vec![(root, deps(root))];
            while let Some((node, next)) = stack.last_mut() {
                let node = *node;
                match next.next() {
                    Some(d) if state[d] == NEW => {
                        state[d] = stack.len();
                        stack.push((d, deps(d)));
                    }
                    Some(d) if state[d] != DONE => {
                        let cycle = rotate_min(stack[state[d]..].iter().map(|(i, _)| *i).collect());
                        if reported.insert(cycle.clone()) {
                            let names = cycle_text(cycle.iter().map(|&i| shown(&inits[i].name, &inits[i].id)));
                            let first = &inits[cycle[0]];
                            let item = Item { kind: ItemKind::Initiative, id: &first.id, name: &first.name };
                            self.error(item, "depends_on", format!("dependency cycle: {names}"));
                        }
                    }
                    Some(_) => {}
                    None => {
                        state[node] = DONE;
                        stack.pop();
                    }
                }
            }
        }
    }
}

/// The message for a capability nested too deep: "would be level 4; the capability map has
/// at most 3 levels". `verb` is "is at" or "would be at".
pub(crate) fn too_deep(level: usize, verb: &str) -> String {
    format!("{verb} level {level}; the capability map has at most {MAX_CAPABILITY_LEVELS} levels")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::*;
    use std::sync::Arc;

    fn m(s: &str) -> Month {
        Month::parse(s).unwrap()
    }

    /// One random edit of an application's fields (or, now and then, of what makes the
    /// whole roadmap be checked again: its name, its id, a technology, a new application).
    fn edit_application(r: &mut Roadmap, pick: usize, what: u8, n: i64) {
        use crate::domain::landscape::{Interface, Support};
        let apps = r.landscape.applications.len();
        let k = pick % apps;
        let other = r.landscape.applications[(pick / 7) % apps].id.clone();
        let other_name = r.landscape.applications[(pick / 7) % apps].name.clone();
        let tech = r.landscape.technologies[pick % r.landscape.technologies.len()].id.clone();
        let cap = r.capabilities[pick % r.capabilities.len()].id.clone();
        let month = Month::parse("2026-01").unwrap().plus(n as i32 % 60);
        match what % 16 {
            13 => r.landscape.applications[(pick + 1) % apps] = Arc::new(Default::default()),
            14 => Arc::make_mut(&mut r.landscape.technologies[0]).name = format!("Renamed {n}"),
            15 => r.landscape.applications.push(Arc::new(Default::default())),
            _ => {}
        }
        let a = Arc::make_mut(&mut r.landscape.applications[k]);
        match what % 18 {
            0 => a.successor = Some(other),
            1 => a.successor = Some(format!("missing-{n}")),
            2 => a.successor = Some(a.id.clone()),
            3 => a.technologies.push(tech),
            4 => a.technologies.push(format!("no-tech-{n}")),
            5 => a.capabilities.push(Support { capability: cap, fit: Some((n % 7) as u8) }),
            6 => a.capabilities.push(Support { capability: format!("no-cap-{n}"), fit: None }),
            7 => a.functional_fit = Some((n % 7) as u8),
            8 => a.lifecycle.end_of_life = Some(month),
            9 => a.run_cost_per_year = n as f64 - 20.0,
            10 => a.interfaces.push(Interface {
                to: if n % 2 == 0 { other } else { format!("gone-{n}") },
                name: String::new(),
                direction: Default::default(),
                data: String::new(),
            }),
            11 => a.name = if n % 3 == 0 { String::new() } else { format!("CRM {}", n % 4) },
            16 => a.name = format!(" crm {} ", n % 4),
            17 => a.name = other_name,
            12 => a.id = format!("new-id-{n}"),
            _ => a.capex = -(n as f64),
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// Checking only the edited applications gives exactly what checking everything gives.
        #[test]
        fn an_edit_checked_again_in_part_finds_what_a_whole_check_finds(
            edits in proptest::collection::vec((0usize..10_000, 0u8..36, 0i64..100), 1..25)
        ) {
            let mut r = crate::domain::demo::demo_roadmap();
            let mut problems = validate(&r);
            for (pick, what, n) in edits {
                let before = r.clone();
                edit_application(&mut r, pick, what, n);
                let fast = validate_edit(&before, &problems, &r);
                let whole = validate(&r);
                proptest::prop_assert_eq!(&fast, &whole);
                problems = whole;
            }
        }
    }

    #[test]
    fn an_application_field_edit_is_checked_in_part() {
        let r = crate::domain::demo::demo_roadmap();
        let problems = validate(&r);
        let mut after = r.clone();
        Arc::make_mut(&mut after.landscape.applications[3]).technologies.push("no-such-tech".into());
        let part = changed_applications_only(&r, &problems, &after).expect("checked in part");
        assert_eq!(part, validate(&after));
        assert!(part.iter().any(|p| p.detail == "technology \"no-such-tech\" does not exist"));
        // A rename is checked in part too, with the applications whose "same name" warning
        // it changes: here the first of two namesakes takes the other's name.
        let mut renamed = r.clone();
        let namesake = r.landscape.applications[5].name.clone();
        Arc::make_mut(&mut renamed.landscape.applications[3]).name = namesake.to_uppercase();
        let part = changed_applications_only(&r, &problems, &renamed).expect("checked in part");
        assert_eq!(part, validate(&renamed));
        let same = part.iter().filter(|p| p.detail.starts_with("has the same name as")).count();
        assert_eq!(same, problems.iter().filter(|p| p.detail.starts_with("has the same name as")).count() + 1);
        // Renaming an application an initiative changes rewrites that change's messages:
        // checked whole.
        let retired = r.landscape.changes.iter().find_map(|c| c.retires.clone()).expect("the demo retires some");
        let mut renamed = r.clone();
        renamed.application_mut(&retired).unwrap().name = "Renamed".into();
        assert!(changed_applications_only(&r, &problems, &renamed).is_none());
        // So is an edit elsewhere.
        let mut other = r.clone();
        other.name = "Other".into();
        assert!(changed_applications_only(&r, &problems, &other).is_none());
    }

    fn goal(id: &str, name: &str) -> Arc<Goal> {
        Arc::new(Goal { id: id.into(), name: name.into(), ..Goal::default() })
    }
    fn cap(id: &str, name: &str, parent: Option<&str>) -> Arc<Capability> {
        Arc::new(Capability {
            id: id.into(),
            name: name.into(),
            parent: parent.map(Into::into),
            ..Capability::default()
        })
    }
    /// An initiative dated 2026-03..2026-11, or undated when it has predecessors (so the
    /// fixture has no schedule warnings unless a test makes one).
    fn init(id: &str, name: &str, deps: &[&str]) -> Arc<Initiative> {
        let dated = deps.is_empty();
        Arc::new(Initiative {
            id: id.into(),
            name: name.into(),
            start: dated.then(|| m("2026-03")),
            end: dated.then(|| m("2026-11")),
            depends_on: deps.iter().map(|d| d.to_string()).collect(),
            ..Initiative::default()
        })
    }

    /// A small valid roadmap: two goals, a 3-level capability branch, three initiatives.
    fn sample() -> Roadmap {
        let mut i3 = init("i3", "Data platform", &["i1", "i2"]);
        Arc::make_mut(&mut i3).goals = vec![GoalLink { goal: "g1".into(), contribution: 2 }];
        Arc::make_mut(&mut i3).capabilities = vec![CapabilityLink { capability: "c3".into(), maturity_after: 4 }];
        Roadmap {
            name: "Test".into(),
            budgets: vec![Budget { fiscal_year: 2026, capex: 1e6, opex: 5e5 }],
            capacity: vec![Capacity { quarter: m("2026-01").quarter(), fte: 12.5 }],
            goals: vec![goal("g1", "Grow revenue"), goal("g2", "Cut risk")],
            capabilities: vec![
                cap("c1", "Service", None),
                cap("c2", "Incidents", Some("c1")),
                cap("c3", "Triage", Some("c2")),
            ],
            initiatives: vec![init("i1", "CRM rollout", &[]), init("i2", "ERP", &["i1"]), i3],
            ..Roadmap::default()
        }
    }

    /// The problems of `r` as (severity, id, field, message).
    fn problems(r: &Roadmap) -> Vec<(Severity, String, &'static str, String)> {
        validate(r).into_iter().map(|p| (p.severity, p.id, p.field, p.message)).collect()
    }

    /// Asserts exactly one problem, of this severity and field, whose message contains `text`.
    fn one(r: &Roadmap, severity: Severity, field: &str, text: &str) {
        let ps = problems(r);
        assert_eq!(ps.len(), 1, "expected one problem, got {ps:#?}");
        assert_eq!((ps[0].0, ps[0].2), (severity, field), "{ps:?}");
        assert!(ps[0].3.contains(text), "{:?} does not contain {text:?}", ps[0].3);
    }

    fn edit_init(r: &mut Roadmap, id: &str, f: impl FnOnce(&mut Initiative)) {
        f(r.initiative_mut(id).unwrap());
    }

    #[test]
    fn sample_is_valid() {
        assert!(problems(&sample()).is_empty(), "{:#?}", problems(&sample()));
        assert!(problems(&Roadmap::default()).is_empty());
    }

    #[test]
    fn ids_must_be_present_and_unique_across_lists() {
        let mut r = sample();
        r.goal_mut("g2").unwrap().id = "".into();
        one(&r, Severity::Error, "id", "goal \"Cut risk\": has no id");

        let mut r = sample();
        r.capability_mut("c1").unwrap().id = "g1".into();
        r.capability_mut("c2").unwrap().parent = Some("g1".into());
        let ps = problems(&r);
        assert_eq!(ps.len(), 1, "{ps:?}");
        assert_eq!(
            ps[0].3,
            "capability \"Service\": id \"g1\" is also used by goal \"Grow revenue\"; ids must be unique"
        );

        let mut r = sample();
        r.initiatives.push(init("i1", "Twin", &[]));
        one(&r, Severity::Error, "id", "initiative \"Twin\": id \"i1\" is also used by initiative \"CRM rollout\"");
    }

    #[test]
    fn names_are_required() {
        let mut r = sample();
        r.goal_mut("g1").unwrap().name = "  ".into();
        one(&r, Severity::Error, "name", "goal \"g1\": has no name");
        let mut r = sample();
        r.capability_mut("c1").unwrap().name.clear();
        one(&r, Severity::Error, "name", "capability \"c1\": has no name");
        let mut r = sample();
        edit_init(&mut r, "i1", |i| i.name.clear());
        one(&r, Severity::Error, "name", "initiative \"i1\": has no name");
    }

    #[test]
    fn dates() {
        let mut r = sample();
        edit_init(&mut r, "i1", |i| i.end = Some(m("2026-02")));
        one(&r, Severity::Error, "end", "initiative \"CRM rollout\": ends (2026-02) before it starts (2026-03)");

        let mut r = sample();
        edit_init(&mut r, "i1", |i| i.end = None);
        one(&r, Severity::Error, "end", "has a start but no end");
        let mut r = sample();
        edit_init(&mut r, "i1", |i| i.start = None);
        one(&r, Severity::Error, "start", "has an end but no start");

        let mut r = sample();
        edit_init(&mut r, "i1", |i| (i.start, i.end) = (None, None));
        assert!(problems(&r).is_empty());

        let mut r = sample();
        edit_init(&mut r, "i1", |i| i.start = Some(m("2025-11")));
        one(&r, Severity::Warning, "start", "start 2025-11 is outside the planning horizon (2026-01 to 2028-12)");
        let mut r = sample();
        edit_init(&mut r, "i1", |i| i.end = Some(m("2029-01")));
        one(&r, Severity::Warning, "end", "end 2029-01 is outside the planning horizon");

        let mut r = sample();
        edit_init(&mut r, "i1", |i| i.end = Some(Month { year: 2026, month: 13 }));
        one(
            &r,
            Severity::Error,
            "end",
            "the end would be 2026-13, outside the months Cairn can plan (1900-01 to 9999-12)",
        );
        let mut r = sample();
        edit_init(&mut r, "i1", |i| i.start = Some(m("1900-01").plus(-1)));
        one(&r, Severity::Error, "start", "the start would be 1899-12, outside the months Cairn can plan");
    }

    #[test]
    fn milestones_outside_the_initiative_warn() {
        let mut r = sample();
        edit_init(&mut r, "i1", |i| {
            i.milestones = vec![
                Milestone { name: "Pilot".into(), month: Some(m("2026-06")) },
                Milestone { name: "Go-live".into(), month: Some(m("2027-01")) },
                Milestone { name: "Someday".into(), month: None },
            ]
        });
        one(
            &r,
            Severity::Warning,
            "milestones",
            "milestone \"Go-live\" (2027-01) is outside the initiative's dates (2026-03 to 2026-11)",
        );
    }

    #[test]
    fn roadmap_settings() {
        let mut r = sample();
        r.horizon.end = m("2025-12");
        r.initiatives.clear();
        one(&r, Severity::Error, "horizon", "roadmap \"Test\": the horizon ends (2025-12) before it starts (2026-01)");
        for bad in [0, 13] {
            let mut r = sample();
            r.fiscal_year_start_month = bad;
            one(
                &r,
                Severity::Error,
                "fiscal_year_start_month",
                &format!("the fiscal year start month is {bad}; it must be 1 to 12"),
            );
        }
        for bad in ["eur", "EURO", "", "E1R"] {
            let mut r = sample();
            r.currency = bad.into();
            one(&r, Severity::Error, "currency", "is not a 3-letter code");
        }
        let p = &validate(&{
            let mut r = sample();
            r.currency = "x".into();
            r
        })[0];
        assert_eq!((p.kind, p.id.as_str()), (ItemKind::Roadmap, ""));
    }

    #[test]
    fn lock_in_threshold_is_a_percentage_above_0_up_to_100() {
        for ok in [100.0, 40.0, 0.5] {
            let mut r = sample();
            r.lock_in_threshold = ok;
            assert!(problems(&r).is_empty(), "{ok}");
        }
        for bad in [0.0, -5.0, 100.5, f64::NAN, f64::INFINITY] {
            let mut r = sample();
            r.lock_in_threshold = bad;
            one(&r, Severity::Error, "lock_in_threshold", "it must be above 0% and at most 100%");
        }
    }

    #[test]
    fn budgets_and_capacity() {
        let mut r = sample();
        r.budgets[0].opex = -1.0;
        one(&r, Severity::Error, "budgets", "the FY26 opex budget is negative (−1)");
        let mut r = sample();
        r.budgets[0].capex = f64::INFINITY;
        one(&r, Severity::Error, "budgets", "the FY26 capex budget is not a finite number");
        let mut r = sample();
        r.budgets.push(r.budgets[0].clone());
        one(&r, Severity::Warning, "budgets", "two budgets for FY26");
        let mut r = sample();
        r.capacity[0].fte = -3.0;
        one(&r, Severity::Error, "capacity", "the capacity for 2026-Q1 is negative");
        let mut r = sample();
        r.capacity.push(r.capacity[0].clone());
        one(&r, Severity::Warning, "capacity", "two capacity entries for 2026-Q1");
    }

    #[test]
    fn scores_are_in_range() {
        for w in [0, 6] {
            let mut r = sample();
            r.goal_mut("g1").unwrap().weight = w;
            one(&r, Severity::Error, "weight", &format!("goal \"Grow revenue\": weight is {w}; it must be 1 to 5"));
        }
        let mut r = sample();
        r.goal_mut("g1").unwrap().kpi.target = f64::NAN;
        one(&r, Severity::Error, "kpi", "the KPI target is not a finite number");
        let mut r = sample();
        r.goal_mut("g1").unwrap().kpi.baseline = -5.0; // a KPI may be negative
        assert!(problems(&r).is_empty());

        let mut r = sample();
        r.capability_mut("c1").unwrap().current_maturity = 6;
        one(&r, Severity::Error, "current_maturity", "current maturity is 6; it must be 0 to 5");
        let mut r = sample();
        r.capability_mut("c1").unwrap().target_maturity = 9;
        one(&r, Severity::Error, "target_maturity", "target maturity is 9");
        for bad in [0, 6] {
            let mut r = sample();
            r.capability_mut("c1").unwrap().importance = bad;
            one(&r, Severity::Error, "importance", "importance is");
        }
        let mut r = sample();
        edit_init(&mut r, "i1", |i| i.risk.likelihood = 0);
        one(&r, Severity::Error, "risk", "risk likelihood is 0; it must be 1 to 5");
        let mut r = sample();
        edit_init(&mut r, "i1", |i| i.risk.impact = 6);
        one(&r, Severity::Error, "risk", "risk impact is 6");
    }

    #[test]
    fn scoring_criteria() {
        use crate::domain::model::{Criterion, CriterionSource, ScoringModel};
        let entered = |id: &str, min: f64, max: f64| Criterion {
            id: id.into(),
            name: "Effort".into(),
            min,
            max,
            ..Criterion::default()
        };
        let mut r = sample();
        r.scoring.criteria[0].weight = -1.0;
        one(
            &r,
            Severity::Error,
            "scoring",
            "roadmap \"Test\": the weight of criterion \"Strategic alignment\" is negative (−1)",
        );
        let mut r = sample();
        r.scoring.criteria[1].weight = f64::NAN;
        one(&r, Severity::Error, "scoring", "the weight of criterion \"Business value\" is not a finite number");
        let mut r = sample();
        r.scoring.criteria[1].id = "alignment".into();
        one(&r, Severity::Error, "scoring", "criterion id \"alignment\" is used twice");
        let mut r = sample();
        r.scoring.criteria[2].id = " ".into();
        one(&r, Severity::Error, "scoring", "criterion \"Risk reduction\" has no id");
        let mut r = sample();
        r.scoring.criteria[2].name.clear();
        one(&r, Severity::Error, "scoring", "criterion \"risk-reduction\" has no name");
        let mut r = sample();
        r.scoring.criteria.push(entered("e", 5.0, 5.0));
        one(
            &r,
            Severity::Error,
            "scoring",
            "the range of criterion \"Effort\" is 5 to 5; the highest value must be above the lowest",
        );
        let mut r = sample();
        r.scoring.criteria.push(entered("e", 0.0, f64::INFINITY));
        one(&r, Severity::Error, "scoring", "is not made of finite numbers");
        // A derived criterion has no range to check.
        let mut r = sample();
        r.scoring.criteria.push(Criterion { source: CriterionSource::Cost, ..entered("e", 5.0, 1.0) });
        assert!(problems(&r).is_empty());

        let mut r = sample();
        r.scoring.criteria.iter_mut().for_each(|c| c.weight = 0.0);
        one(&r, Severity::Warning, "scoring", "every scoring criterion has weight 0, so every initiative scores 0");
        r.scoring.model = ScoringModel::Wsjf;
        assert!(problems(&r).is_empty(), "weights do not matter to WSJF");
        let mut r = sample();
        r.scoring.criteria.clear();
        one(&r, Severity::Warning, "scoring", "weighted scoring has no criteria");
    }

    #[test]
    fn estimates_criterion_values_and_locks() {
        use crate::domain::model::{Criterion, CriterionSource, FundingLock};
        let mut r = sample();
        edit_init(&mut r, "i1", |i| i.scoring.job_size = 21);
        one(
            &r,
            Severity::Error,
            "scoring",
            "initiative \"CRM rollout\": job size is 21; it must be 0 (not estimated) to 20",
        );
        let mut r = sample();
        edit_init(&mut r, "i1", |i| i.scoring.business_value = 4);
        one(&r, Severity::Warning, "scoring", "business value is 4; the estimate scale is 1, 2, 3, 5, 8, 13, 20");
        let mut r = sample();
        edit_init(&mut r, "i1", |i| {
            i.scoring.business_value = 20;
            i.scoring.time_criticality = 13;
            i.scoring.risk_reduction = 1;
        });
        assert!(problems(&r).is_empty());

        let mut r = sample();
        edit_init(&mut r, "i1", |i| _ = i.scoring.custom.insert("gone".into(), 1.0));
        one(&r, Severity::Error, "scoring", "has a value for criterion \"gone\", which does not exist");
        let mut r = sample();
        edit_init(&mut r, "i1", |i| _ = i.scoring.custom.insert("cost".into(), 1.0));
        one(
            &r,
            Severity::Warning,
            "scoring",
            "has a value for criterion \"Cost\", which is derived; the value is ignored",
        );
        let mut r = sample();
        r.scoring.criteria.push(Criterion {
            id: "fit".into(),
            name: "Fit".into(),
            min: 1.0,
            max: 5.0,
            ..Criterion::default()
        });
        edit_init(&mut r, "i1", |i| _ = i.scoring.custom.insert("fit".into(), 5.5));
        one(&r, Severity::Error, "scoring", "the value for criterion \"Fit\" is 5.5; it must be 1 to 5");
        edit_init(&mut r, "i1", |i| _ = i.scoring.custom.insert("fit".into(), f64::NAN));
        one(&r, Severity::Error, "scoring", "the value for criterion \"Fit\" is not a finite number");
        edit_init(&mut r, "i1", |i| _ = i.scoring.custom.insert("fit".into(), 1.0));
        assert!(problems(&r).is_empty());
        assert_eq!(r.scoring.criteria.last().unwrap().source, CriterionSource::Entered);

        let mut r = sample();
        edit_init(&mut r, "i1", |i| (i.funding_lock, i.status) = (FundingLock::MustFund, Status::Cancelled));
        one(
            &r,
            Severity::Warning,
            "funding_lock",
            "is locked as must fund but is cancelled; the optimiser leaves it out",
        );
        let mut r = sample();
        edit_init(&mut r, "i1", |i| (i.funding_lock, i.status) = (FundingLock::MustNotFund, Status::InProgress));
        one(
            &r,
            Severity::Warning,
            "funding_lock",
            "is locked as must not fund but is in progress; the optimiser keeps it funded",
        );
        let mut r = sample();
        edit_init(&mut r, "i2", |i| i.funding_lock = FundingLock::MustFund); // undated
        one(&r, Severity::Warning, "funding_lock", "is locked as must fund but has no dates");
        edit_init(&mut r, "i2", |i| i.funding_lock = FundingLock::MustNotFund);
        assert!(problems(&r).is_empty());
    }

    #[test]
    fn money_and_fte_are_finite_and_not_negative() {
        type Edit = fn(&mut Initiative);
        let cases: [(&str, &str, Edit); 5] = [
            ("capex", "capex is negative (−1.5)", |i| i.capex = -1.5),
            ("opex", "opex is negative (−0.01)", |i| i.opex = -0.01),
            ("run_cost_per_year", "the yearly run cost is negative", |i| i.run_cost_per_year = -100.0),
            ("fte", "FTE is negative (−2)", |i| i.fte = -2.0),
            ("capex", "capex is not a finite number", |i| i.capex = f64::NAN),
        ];
        for (field, text, f) in cases {
            let mut r = sample();
            edit_init(&mut r, "i1", f);
            one(&r, Severity::Error, field, text);
        }
    }

    #[test]
    fn links_must_point_at_existing_items() {
        let mut r = sample();
        edit_init(&mut r, "i1", |i| i.depends_on = vec!["x".into()]);
        one(&r, Severity::Error, "depends_on", "initiative \"CRM rollout\": depends_on \"x\" does not exist");
        let mut r = sample();
        edit_init(&mut r, "i1", |i| i.depends_on = vec!["g1".into()]); // a goal is not an initiative
        one(&r, Severity::Error, "depends_on", "depends_on \"g1\" does not exist");
        let mut r = sample();
        edit_init(&mut r, "i1", |i| i.goals = vec![GoalLink { goal: "g9".into(), contribution: 2 }]);
        one(&r, Severity::Error, "goals", "goal \"g9\" does not exist");
        let mut r = sample();
        edit_init(&mut r, "i1", |i| {
            i.capabilities = vec![CapabilityLink { capability: "c9".into(), maturity_after: 2 }]
        });
        one(&r, Severity::Error, "capabilities", "capability \"c9\" does not exist");
        let mut r = sample();
        r.capability_mut("c1").unwrap().parent = Some("zz".into());
        one(&r, Severity::Error, "parent", "capability \"Service\": parent \"zz\" does not exist");
    }

    #[test]
    fn link_values_and_duplicates() {
        let mut r = sample();
        edit_init(&mut r, "i3", |i| i.goals[0].contribution = 4);
        one(&r, Severity::Error, "goals", "the contribution to goal \"Grow revenue\" is 4; it must be 1 to 3");
        let mut r = sample();
        edit_init(&mut r, "i3", |i| i.capabilities[0].maturity_after = 6);
        one(
            &r,
            Severity::Error,
            "capabilities",
            "the maturity after for capability \"Triage\" is 6; it must be 0 to 5",
        );
        let mut r = sample();
        edit_init(&mut r, "i3", |i| i.goals.push(GoalLink { goal: "g1".into(), contribution: 1 }));
        one(&r, Severity::Error, "goals", "links goal \"Grow revenue\" twice");
        let mut r = sample();
        edit_init(&mut r, "i3", |i| i.capabilities.push(i.capabilities[0].clone()));
        one(&r, Severity::Error, "capabilities", "links capability \"Triage\" twice");
        let mut r = sample();
        edit_init(&mut r, "i3", |i| i.depends_on.push("i1".into()));
        one(&r, Severity::Error, "depends_on", "depends on \"CRM rollout\" twice");
    }

    #[test]
    fn self_dependency_and_cycles_are_named() {
        let mut r = sample();
        edit_init(&mut r, "i1", |i| i.depends_on = vec!["i1".into()]);
        one(&r, Severity::Error, "depends_on", "initiative \"CRM rollout\": depends on itself");

        let mut r = sample();
        edit_init(&mut r, "i1", |i| i.depends_on = vec!["i3".into()]);
        // i3 depends on i1 directly and through i2: two cycles, each reported once.
        let ps: Vec<String> = problems(&r).into_iter().map(|p| p.3).collect();
        assert_eq!(
            ps,
            [
                "initiative \"CRM rollout\": dependency cycle: \"CRM rollout\" → \"Data platform\" → \"CRM rollout\"",
                "initiative \"CRM rollout\": dependency cycle: \"CRM rollout\" → \"Data platform\" → \"ERP\" → \"CRM rollout\"",
            ]
        );

        let mut r = sample();
        edit_init(&mut r, "i2", |i| i.depends_on = vec!["i3".into()]);
        edit_init(&mut r, "i3", |i| i.depends_on = vec!["i2".into()]);
        edit_init(&mut r, "i1", |i| i.depends_on = vec!["i2".into()]);
        let ps = problems(&r);
        assert_eq!(ps.len(), 1, "{ps:?}");
        assert_eq!(ps[0].1, "i2");
        assert!(ps[0].3.ends_with("dependency cycle: \"ERP\" → \"Data platform\" → \"ERP\""), "{}", ps[0].3);

        // A longer cycle, found from any start, is named in dependency order.
        let mut r = sample();
        r.initiatives =
            vec![init("a", "A", &["b"]), init("b", "B", &["c"]), init("c", "C", &["a"]), init("d", "D", &["c"])];
        one(&r, Severity::Error, "depends_on", "initiative \"A\": dependency cycle: \"A\" → \"B\" → \"C\" → \"A\"");
        r.initiatives.rotate_left(3);
        let ps = problems(&r);
        assert_eq!(ps.len(), 1);
        assert!(ps[0].3.ends_with("\"A\" → \"B\" → \"C\" → \"A\""), "{}", ps[0].3);
    }

    #[test]
    fn capability_tree_cycles_and_depth() {
        let mut r = sample();
        r.capability_mut("c1").unwrap().parent = Some("c1".into());
        one(&r, Severity::Error, "parent", "capability \"Service\": is its own parent");

        let mut r = sample();
        r.capability_mut("c1").unwrap().parent = Some("c3".into());
        one(
            &r,
            Severity::Error,
            "parent",
            "capability \"Service\": the capability map loops: \"Service\" → \"Triage\" → \"Incidents\" → \"Service\"",
        );

        let mut r = sample();
        r.capabilities.push(cap("c4", "Too deep", Some("c3")));
        r.capabilities.insert(0, cap("c5", "Deeper", Some("c4")));
        let ps = problems(&r);
        assert_eq!(ps.len(), 2, "{ps:?}");
        assert!(ps
            .iter()
            .any(|p| p.3 == "capability \"Too deep\": is at level 4; the capability map has at most 3 levels"));
        assert!(ps
            .iter()
            .any(|p| p.3 == "capability \"Deeper\": is at level 5; the capability map has at most 3 levels"));
    }

    #[test]
    fn a_successor_starting_before_its_predecessor_ends_warns() {
        let mut r = sample();
        let set = |r: &mut Roadmap, id: &str, s: &str, e: &str| {
            edit_init(r, id, |i| (i.start, i.end) = (Some(m(s)), Some(m(e))))
        };
        set(&mut r, "i3", "2026-12", "2027-06"); // after i1 and i2 (both end 2026-11 or undated)
        assert!(problems(&r).is_empty(), "{:?}", problems(&r));
        set(&mut r, "i3", "2026-11", "2027-06"); // same month as i1's end: finish-to-start broken
        one(&r, Severity::Warning, "depends_on", "starts (2026-11) before its predecessor \"");
        edit_init(&mut r, "i1", |i| i.status = Status::Cancelled);
        assert!(problems(&r).iter().all(|p| p.2 != "depends_on"), "a cancelled predecessor does not hold anything up");
    }

    #[test]
    fn new_errors_ignores_old_errors_and_warnings() {
        let mut before = sample();
        edit_init(&mut before, "i1", |i| i.depends_on = vec!["x".into()]);
        let mut after = before.clone();
        edit_init(&mut after, "i1", |i| i.name = "Renamed".into()); // old error, renamed item
        edit_init(&mut after, "i2", |i| (i.start, i.end) = (Some(m("2020-01")), Some(m("2020-03")))); // warnings only
        assert!(new_errors(&before, &after).is_empty());
        edit_init(&mut after, "i2", |i| i.fte = -1.0);
        let new = new_errors(&before, &after);
        assert_eq!(new.len(), 1);
        assert_eq!((new[0].id.as_str(), new[0].field), ("i2", "fte"));
        assert!(new_errors(&after, &before).is_empty());
    }

    #[test]
    /// Validating with pauses (as a large roadmap is opened) pauses often — never more than
    /// a few hundred items between two — and finds exactly what validating at once finds,
    /// problems of every part of the landscape included.
    fn validating_with_pauses_pauses_often_and_finds_the_same() {
        use std::task::{Context, Poll, Waker};
        let mut r = crate::domain::landscape::generate::generate(5, crate::domain::landscape::generate::scaled(3000));
        // Problems in each part: a duplicate id, namesakes, a change naming no application.
        let l = &mut r.landscape;
        Arc::make_mut(&mut l.applications[2900]).id = l.applications[10].id.clone();
        Arc::make_mut(&mut l.applications[2950]).name = l.applications[20].name.clone();
        Arc::make_mut(&mut l.technologies[9000]).end_of_life = Some(m("2020-01"));
        Arc::make_mut(&mut l.technologies[9000]).release = Some(m("2024-01"));
        let whole = validate(&r);
        for field in ["id", "name", "dates"] {
            assert!(whole.iter().any(|p| p.field == field), "no problem in {field}: {whole:?}");
        }
        // Each pause asked for is taken: the work gives way, and is polled again.
        let asked = std::cell::Cell::new(0);
        let mut work = std::pin::pin!(validate_paced(&r, || {
            asked.set(asked.get() + 1);
            let mut taken = false;
            std::future::poll_fn(move |cx| {
                if std::mem::replace(&mut taken, true) {
                    Poll::Ready(())
                } else {
                    cx.waker().wake_by_ref();
                    Poll::Pending
                }
            })
        }));
        let mut polls = 0;
        let paced = loop {
            polls += 1;
            if let Poll::Ready(problems) = work.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
                break problems;
            }
        };
        assert_eq!(paced, whole);
        assert_eq!(polls, asked.get() + 1);
        let items = r.landscape.applications.len() * 2 + r.landscape.technologies.len() * 2;
        assert!(asked.get() >= items / (PACED_BY * 4), "{} pauses for {items} items", asked.get());
    }

    #[test]
    fn validates_a_large_roadmap_quickly() {
        let mut r = sample();
        r.initiatives = (0..2000)
            .map(|n| {
                let deps: Vec<String> = (1..=3).filter(|k| n >= *k).map(|k| format!("i{}", n - k)).collect();
                let deps: Vec<&str> = deps.iter().map(String::as_str).collect();
                init(&format!("i{n}"), &format!("Initiative {n}"), &deps)
            })
            .collect();
        // Timings belong in the benchmark; this checks the result at scale.
        assert!(validate(&r).is_empty());
    }
}
