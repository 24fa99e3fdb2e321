//! Lifecycles: the phase of an application at a month, and the lifecycle in effect once the
//! initiatives' introductions, retirements and replacements are applied (docs/landscape.md).
//! Also the lifecycle roadmap's rows: each application's phases as spans of months, the
//! initiatives that change it, and the grouping by capability, owner or disposition.

use super::model::{Change, Lifecycle, Phase};
use super::Analysis;
use crate::domain::calendar::Month;
use crate::domain::model::{Roadmap, Status};

/// The phase an application is in at month `m`.
///
/// 1. It is the last phase (in the order plan, phase-in, active, phase-out, end of life)
///    whose start month is at or before `m`.
/// 2. Before its first dated phase, an application whose first dated phase is phase-out or
///    end of life is active (it exists; only its end is planned); one whose first dated
///    phase is plan, phase-in or active does not exist yet: `None`.
/// 3. An application with no dates at all is active: it is in the inventory.
pub fn phase_at(l: &Lifecycle, m: Month) -> Option<Phase> {
    let starts = l.starts();
    let mut current = None;
    for (phase, start) in Phase::ALL.into_iter().zip(starts) {
        if start.is_some_and(|s| s <= m) {
            current = Some(phase);
        }
    }
    if current.is_some() {
        return current;
    }
    let first = Phase::ALL.into_iter().zip(starts).find(|(_, s)| s.is_some()).map(|(p, _)| p);
    match first {
        None | Some(Phase::PhaseOut | Phase::EndOfLife) => Some(Phase::Active),
        Some(_) => None,
    }
}

/// Whether the application runs at `m` (phase-in, active or phase-out): it costs its run
/// cost and its technologies matter.
pub fn runs_at(l: &Lifecycle, m: Month) -> bool {
    phase_at(l, m).is_some_and(Phase::runs)
}

/// Whether the application is past its end of life at `m`: its end of life is set and `m`
/// is that month or later.
pub fn past_end_of_life(l: &Lifecycle, m: Month) -> bool {
    l.end_of_life.is_some_and(|e| e <= m)
}

/// The month a change takes effect: its own month, or its initiative's end. `None` when the
/// initiative does not exist, is cancelled, or is undated and the change has no month.
pub fn change_month(r: &Roadmap, c: &Change) -> Option<Month> {
    let i = r.initiative(&c.initiative)?;
    if i.status == Status::Cancelled {
        return None;
    }
    c.month.or(i.end)
}

/// Retiring at `m`: end of life from `m` (or earlier, if it was already planned earlier).
pub fn retire(l: &mut Lifecycle, m: Month) {
    l.end_of_life = Some(l.end_of_life.map_or(m, |e| e.min(m)));
}

/// Introducing at `m`: active from `m`.
pub fn introduce(l: &mut Lifecycle, m: Month) {
    l.active = Some(m);
}

/// One phase over a span of months: from `from` (`None`: since before any date) until the
/// month before `until` (`None`: with no end).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct PhaseSpan {
    pub phase: Phase,
    pub from: Option<Month>,
    pub until: Option<Month>,
}

impl PhaseSpan {
    pub fn contains(&self, m: Month) -> bool {
        self.from.is_none_or(|f| f <= m) && self.until.is_none_or(|u| m < u)
    }
}

/// The lifecycle as consecutive spans, one per phase, in time order: exactly the months
/// [`phase_at`] gives a phase, each in that phase (so out-of-order dates read the same way
/// as everywhere else). An application with no dates is one open span of active.
pub fn phase_spans(l: &Lifecycle) -> Vec<PhaseSpan> {
    let mut points: Vec<Month> = l.starts().into_iter().flatten().collect();
    points.sort();
    points.dedup();
    let Some(&first) = points.first() else {
        return vec![PhaseSpan { phase: Phase::Active, from: None, until: None }];
    };
    let mut out: Vec<PhaseSpan> = Vec::new();
    let mut push = |phase: Option<Phase>, from: Option<Month>, until: Option<Month>| {
        let Some(phase) = phase else { return };
        match out.last_mut() {
            Some(last) if last.phase == phase && last.until == from => last.until = until,
            _ => out.push(PhaseSpan { phase, from, until }),
        }
    };
    push(phase_at(l, first.plus(-1)), None, Some(first));
    for (k, &p) in points.iter().enumerate() {
        push(phase_at(l, p), Some(p), points.get(k + 1).copied());
    }
    out
}

/// A change an initiative makes to one application, at the month it takes effect.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct AppChange {
    /// Index into the landscape's changes.
    pub change: usize,
    pub month: Month,
    /// Retires it (else introduces it).
    pub retires: bool,
    pub initiative: String,
}

/// One application as the lifecycle roadmap shows it: its phases after the initiatives'
/// changes, the changes (every initiative that retires or introduces it, in time order) and
/// its successor's name.
#[derive(Clone, PartialEq, Debug)]
pub struct AppLine {
    /// Index into the landscape's applications.
    pub app: usize,
    pub id: String,
    pub name: String,
    pub spans: Vec<PhaseSpan>,
    /// No phase has a date (shown as active, marked "no dates").
    pub no_dates: bool,
    pub changes: Vec<AppChange>,
    pub successor: Option<String>,
}

impl AppLine {
    /// Every month the line names: phase starts and ends, and its changes.
    pub fn months(&self) -> impl Iterator<Item = Month> + '_ {
        let spans = self.spans.iter().flat_map(|s| s.from.into_iter().chain(s.until));
        spans.chain(self.changes.iter().map(|c| c.month))
    }

    /// The bar's accessible description: every phase with its months, the changes and the
    /// successor, in words ("Active until Mar 2027; End of life from Dec 2027. Retired by
    /// ERP upgrade in Dec 2027. Successor: SAP S/4HANA Cloud.").
    pub fn describe(&self) -> String {
        use crate::domain::format::month_label;
        let mut out = if self.no_dates {
            "No lifecycle dates (shown as active).".to_string()
        } else {
            let spans: Vec<String> = self
                .spans
                .iter()
                .map(|s| match (s.from, s.until) {
                    (None, None) => s.phase.label().to_string(),
                    (Some(f), None) => format!("{} from {}", s.phase.label(), month_label(f)),
                    (None, Some(u)) => format!("{} until {}", s.phase.label(), month_label(u.plus(-1))),
                    (Some(f), Some(u)) => {
                        format!("{} {} to {}", s.phase.label(), month_label(f), month_label(u.plus(-1)))
                    }
                })
                .collect();
            format!("{}.", spans.join("; "))
        };
        for c in &self.changes {
            let verb = if c.retires { "Retired" } else { "Introduced" };
            out.push_str(&format!(" {verb} by {} in {}.", c.initiative, month_label(c.month)));
        }
        if let Some(s) = &self.successor {
            out.push_str(&format!(" Successor: {s}."));
        }
        out
    }
}

/// How the lifecycle roadmap groups its rows.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum GroupBy {
    Capability,
    Owner,
    Disposition,
}

impl GroupBy {
    pub const ALL: [GroupBy; 3] = [GroupBy::Capability, GroupBy::Owner, GroupBy::Disposition];
    pub fn label(self) -> &'static str {
        match self {
            GroupBy::Capability => "Capability",
            GroupBy::Owner => "Business owner",
            GroupBy::Disposition => "Disposition",
        }
    }
    /// The name of the group of applications without a value.
    pub fn none_label(self) -> &'static str {
        match self {
            GroupBy::Capability => "No capability",
            GroupBy::Owner => "No owner",
            GroupBy::Disposition => "Not assessed",
        }
    }
}

/// A group of the lifecycle roadmap: its name and applications (indexes), sorted by name.
#[derive(Clone, PartialEq, Debug)]
pub struct AppGroup {
    pub name: String,
    pub apps: Vec<usize>,
}

impl Analysis<'_> {
    /// The lifecycle roadmap's line of every application, in landscape order.
    pub fn app_lines(&self) -> Vec<AppLine> {
        let r = self.roadmap;
        let apps = self.applications();
        let mut changes: Vec<Vec<AppChange>> = vec![Vec::new(); apps.len()];
        for (k, c) in r.landscape.changes.iter().enumerate() {
            let Some(month) = change_month(r, c) else { continue };
            let initiative = r.initiative(&c.initiative).map(|i| i.name.clone()).unwrap_or_default();
            for (id, retires) in [(&c.retires, true), (&c.introduces, false)] {
                if let Some(&at) = id.as_deref().and_then(|id| self.apps().get(id)) {
                    changes[at].push(AppChange { change: k, month, retires, initiative: initiative.clone() });
                }
            }
        }
        apps.iter()
            .zip(changes)
            .enumerate()
            .map(|(k, (a, mut changes))| {
                changes.sort_by_key(|c| (c.month, c.change));
                let successor = a.successor.as_deref().and_then(|s| self.apps().get(s)).map(|&s| apps[s].name.clone());
                AppLine {
                    app: k,
                    id: a.id.clone(),
                    name: a.name.clone(),
                    spans: phase_spans(&self.lifecycles[k]),
                    no_dates: self.lifecycles[k].is_empty(),
                    changes,
                    successor,
                }
            })
            .collect()
    }

    /// The applications `apps` (indexes) in groups. By capability, an application appears
    /// under each capability it supports (in the capability map's order); by business owner
    /// (trimmed, in alphabetical order) or by disposition (chosen, else suggested; in TIME
    /// order). Applications with no value come last, under [`GroupBy::none_label`]. Empty
    /// groups are left out; within a group, applications are sorted by name.
    pub fn group_applications(&self, apps: &[usize], by: GroupBy) -> Vec<AppGroup> {
        use super::disposition::assess;
        use super::Disposition;
        let all = self.applications();
        let mut groups: Vec<AppGroup> = Vec::new();
        let mut none: Vec<usize> = Vec::new();
        match by {
            GroupBy::Capability => {
                let mut per: Vec<Vec<usize>> = vec![Vec::new(); self.roadmap.capabilities.len()];
                for &k in apps {
                    let caps = self.capabilities_of(k);
                    if caps.is_empty() {
                        none.push(k);
                    }
                    for &c in caps {
                        per[c].push(k);
                    }
                }
                for (c, list) in per.into_iter().enumerate() {
                    if !list.is_empty() {
                        groups.push(AppGroup { name: self.roadmap.capabilities[c].name.clone(), apps: list });
                    }
                }
            }
            GroupBy::Owner => {
                let mut per: std::collections::BTreeMap<(String, String), Vec<usize>> = Default::default();
                for &k in apps {
                    match all[k].business_owner.trim() {
                        "" => none.push(k),
                        o => per.entry((o.to_lowercase(), o.to_string())).or_default().push(k),
                    }
                }
                groups.extend(per.into_iter().map(|((_, name), apps)| AppGroup { name, apps }));
            }
            GroupBy::Disposition => {
                let order = [Disposition::Invest, Disposition::Tolerate, Disposition::Migrate, Disposition::Eliminate];
                let mut per: Vec<Vec<usize>> = vec![Vec::new(); order.len()];
                for &k in apps {
                    match assess(&all[k]).effective.and_then(|d| order.iter().position(|&o| o == d)) {
                        Some(at) => per[at].push(k),
                        None => none.push(k),
                    }
                }
                for (d, list) in order.iter().zip(per) {
                    if !list.is_empty() {
                        groups.push(AppGroup { name: d.label().to_string(), apps: list });
                    }
                }
            }
        }
        if !none.is_empty() {
            groups.push(AppGroup { name: by.none_label().to_string(), apps: none });
        }
        for g in &mut groups {
            g.apps.sort_by_cached_key(|&k| (all[k].name.to_lowercase(), k));
        }
        groups
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn m(s: &str) -> Month {
        Month::parse(s).unwrap()
    }

    fn life(dates: [Option<&str>; 5]) -> Lifecycle {
        let d = dates.map(|d| d.map(m));
        Lifecycle { plan: d[0], phase_in: d[1], active: d[2], phase_out: d[3], end_of_life: d[4] }
    }

    #[test]
    fn the_phase_is_the_last_one_started() {
        let l = life([Some("2025-01"), Some("2025-06"), Some("2026-01"), Some("2028-01"), Some("2029-01")]);
        let at = |s| phase_at(&l, m(s));
        assert_eq!(at("2024-12"), None, "not planned yet");
        assert_eq!(at("2025-01"), Some(Phase::Plan));
        assert_eq!(at("2025-06"), Some(Phase::PhaseIn));
        assert_eq!(at("2027-12"), Some(Phase::Active));
        assert_eq!(at("2028-01"), Some(Phase::PhaseOut));
        assert_eq!(at("2029-01"), Some(Phase::EndOfLife));
        assert_eq!(at("2040-01"), Some(Phase::EndOfLife));
        assert!(runs_at(&l, m("2025-06")) && !runs_at(&l, m("2025-05")) && !runs_at(&l, m("2029-01")));
        assert!(past_end_of_life(&l, m("2029-01")) && !past_end_of_life(&l, m("2028-12")));
    }

    #[test]
    fn missing_phases_are_skipped_and_undated_starts_are_guessed() {
        assert_eq!(phase_at(&Lifecycle::default(), m("2026-01")), Some(Phase::Active), "no dates: in use");
        let ending = life([None, None, None, None, Some("2027-06")]);
        assert_eq!(phase_at(&ending, m("2020-01")), Some(Phase::Active), "only its end is planned");
        assert_eq!(phase_at(&ending, m("2027-06")), Some(Phase::EndOfLife));
        let fading = life([None, None, None, Some("2027-01"), None]);
        assert_eq!(phase_at(&fading, m("2026-12")), Some(Phase::Active));
        assert_eq!(phase_at(&fading, m("2099-12")), Some(Phase::PhaseOut));
        let future = life([None, None, Some("2027-01"), None, None]);
        assert_eq!(phase_at(&future, m("2026-12")), None, "goes live later");
        assert_eq!(phase_at(&future, m("2027-01")), Some(Phase::Active));
        let no_active = life([None, Some("2026-01"), None, Some("2027-01"), None]);
        assert_eq!(phase_at(&no_active, m("2026-06")), Some(Phase::PhaseIn));
    }

    #[test]
    fn retiring_and_introducing() {
        let mut l = life([None, None, Some("2020-01"), None, Some("2030-01")]);
        retire(&mut l, m("2027-04"));
        assert_eq!(l.end_of_life, Some(m("2027-04")));
        retire(&mut l, m("2028-01"));
        assert_eq!(l.end_of_life, Some(m("2027-04")), "an earlier end stays");
        let mut new = life([Some("2026-01"), Some("2026-06"), Some("2026-09"), None, None]);
        introduce(&mut new, m("2027-01"));
        assert_eq!(phase_at(&new, m("2026-12")), Some(Phase::PhaseIn));
        assert_eq!(phase_at(&new, m("2027-01")), Some(Phase::Active));
    }

    proptest! {
        /// Phases never go backwards as time goes on (for lifecycles in order), and once
        /// past its end of life an application stays there.
        #[test]
        fn phases_only_move_forward(
            starts in proptest::collection::vec(proptest::option::of(0..120i32), 5),
            a in 0..140i32,
            b in 0..140i32,
        ) {
            let base = m("2020-01");
            // Put the typed starts in order, as validation demands.
            let mut last = i32::MIN;
            let d: Vec<Option<Month>> = starts.iter().map(|s| s.map(|s| { last = last.max(s); base.plus(last) })).collect();
            let l = Lifecycle { plan: d[0], phase_in: d[1], active: d[2], phase_out: d[3], end_of_life: d[4] };
            let (early, late) = (base.plus(a.min(b)), base.plus(a.max(b)));
            let rank = |p: Option<Phase>| p.map_or(-1, |p| p as i32);
            prop_assert!(rank(phase_at(&l, early)) <= rank(phase_at(&l, late)));
            if past_end_of_life(&l, early) {
                prop_assert_eq!(phase_at(&l, late), Some(Phase::EndOfLife));
            }
            // Retiring never makes the end later, and the application does not run after it.
            let mut r = l;
            retire(&mut r, early);
            prop_assert!(!runs_at(&r, late));
        }
    }

    proptest! {
        /// The spans cover exactly the months with a phase, each in the phase `phase_at`
        /// gives, in time order without overlap, whatever order the dates are in.
        #[test]
        fn spans_agree_with_phase_at(
            starts in proptest::collection::vec(proptest::option::of(0..60i32), 5),
            probe in -10..80i32,
        ) {
            let base = m("2020-01");
            let d: Vec<Option<Month>> = starts.iter().map(|s| s.map(|s| base.plus(s))).collect();
            let l = Lifecycle { plan: d[0], phase_in: d[1], active: d[2], phase_out: d[3], end_of_life: d[4] };
            let spans = phase_spans(&l);
            let at = base.plus(probe);
            let holding: Vec<&PhaseSpan> = spans.iter().filter(|s| s.contains(at)).collect();
            match phase_at(&l, at) {
                Some(p) => { prop_assert_eq!(holding.len(), 1); prop_assert_eq!(holding[0].phase, p); }
                None => prop_assert!(holding.is_empty()),
            }
            for w in spans.windows(2) {
                prop_assert!(w[0].until.is_some() && w[1].from.is_some() && w[0].until <= w[1].from);
                prop_assert!(w[0].phase != w[1].phase || w[0].until != w[1].from, "merged");
            }
            for s in &spans {
                prop_assert!(s.from.is_none() || s.until.is_none() || s.from < s.until, "no empty span");
            }
        }
    }

    mod grouping {
        use super::super::*;
        use crate::domain::landscape::{Application, Disposition, Support};
        use crate::domain::model::{Capability, Roadmap};
        use std::sync::Arc;

        fn roadmap() -> Roadmap {
            let mut r = Roadmap::default();
            for (id, name) in [("c1", "Billing"), ("c2", "CRM")] {
                r.capabilities.push(Arc::new(Capability { id: id.into(), name: name.into(), ..Default::default() }));
            }
            let app = |id: &str, name: &str, owner: &str, caps: &[&str], d: Option<Disposition>| {
                Arc::new(Application {
                    id: id.into(),
                    name: name.into(),
                    business_owner: owner.into(),
                    capabilities: caps.iter().map(|c| Support { capability: (*c).into(), fit: None }).collect(),
                    disposition: d,
                    ..Default::default()
                })
            };
            r.landscape.applications = vec![
                app("a", "Zeta", "Ann", &["c1", "c2"], Some(Disposition::Invest)),
                app("b", "alpha", " Bob ", &["c2", "c2", "gone"], None),
                app("c", "Beta", "", &[], Some(Disposition::Eliminate)),
                app("d", "Delta", "bob", &["gone"], Some(Disposition::Invest)),
            ];
            r
        }

        fn names(a: &Analysis, groups: &[AppGroup]) -> Vec<(String, Vec<String>)> {
            groups
                .iter()
                .map(|g| (g.name.clone(), g.apps.iter().map(|&k| a.applications()[k].name.clone()).collect()))
                .collect()
        }

        fn group(by: GroupBy) -> Vec<(String, Vec<String>)> {
            let r = roadmap();
            let a = Analysis::new(&r);
            names(&a, &a.group_applications(&[0, 1, 2, 3], by))
        }

        fn g(name: &str, apps: &[&str]) -> (String, Vec<String>) {
            (name.to_string(), apps.iter().map(|s| s.to_string()).collect())
        }

        #[test]
        fn by_capability_an_application_is_under_each_it_supports() {
            assert_eq!(
                group(GroupBy::Capability),
                vec![g("Billing", &["Zeta"]), g("CRM", &["alpha", "Zeta"]), g("No capability", &["Beta", "Delta"])],
                "a duplicate link counts once; a missing capability is no capability"
            );
        }

        #[test]
        fn by_owner_trimmed_and_alphabetical_with_no_owner_last() {
            assert_eq!(
                group(GroupBy::Owner),
                vec![g("Ann", &["Zeta"]), g("Bob", &["alpha"]), g("bob", &["Delta"]), g("No owner", &["Beta"])]
            );
        }

        #[test]
        fn by_disposition_in_time_order_with_not_assessed_last() {
            assert_eq!(
                group(GroupBy::Disposition),
                vec![g("Invest", &["Delta", "Zeta"]), g("Eliminate", &["Beta"]), g("Not assessed", &["alpha"])]
            );
        }

        #[test]
        fn only_the_chosen_applications_and_no_empty_groups() {
            let r = roadmap();
            let a = Analysis::new(&r);
            assert_eq!(
                names(&a, &a.group_applications(&[2], GroupBy::Capability)),
                vec![g("No capability", &["Beta"])]
            );
            assert!(a.group_applications(&[], GroupBy::Owner).is_empty());
        }

        #[test]
        fn the_demo_erp_is_retired_and_replaced() {
            let r = crate::domain::demo::demo_roadmap();
            let a = Analysis::new(&r);
            let lines = a.app_lines();
            let ecc = lines.iter().find(|l| l.id == "app-ecc").unwrap();
            assert_eq!(ecc.successor.as_deref(), Some("SAP S/4HANA Cloud"));
            let retire = ecc.changes.iter().find(|c| c.retires).expect("retired by the ERP initiative");
            assert_eq!(Some(retire.month), a.lifecycles[ecc.app].end_of_life);
            assert_eq!(ecc.spans.last().unwrap().phase, Phase::EndOfLife);
            let s4 = lines.iter().find(|l| l.id == "app-s4").unwrap();
            assert!(s4.changes.iter().any(|c| !c.retires && c.initiative == retire.initiative));
            let text = ecc.describe();
            assert!(
                text.contains(&format!("Retired by {}", retire.initiative))
                    && text.contains("Successor: SAP S/4HANA Cloud"),
                "{text}"
            );
            // Every application once in its line, in landscape order.
            assert_eq!(lines.len(), r.landscape.applications.len());
            assert!(lines.iter().enumerate().all(|(k, l)| l.app == k));
        }
    }
}
