//! Technology risk: support status at a month (per technology, application and capability),
//! the conflicts between lifecycles, plans and interfaces, redundant applications, and the
//! count of applications past their end of life per capability (docs/landscape.md).

use super::lifecycle::past_end_of_life;
use super::model::{Ends, Phase, TechDates};
use super::Analysis;
use crate::domain::calendar::Month;
use crate::domain::format::month_label;
use crate::domain::model::ItemKind;
use crate::domain::Roadmap;

/// A technology's support at a month, from best to worst: the worst of several is the
/// largest.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum SupportStatus {
    /// Supported for more than 18 months, or not planned to end.
    Supported,
    /// No support dates known.
    Unknown,
    /// Support ends in 13 to 18 months.
    EndingIn18Months,
    /// Support ends in 7 to 12 months.
    EndingIn12Months,
    /// Support ends in 1 to 6 months.
    EndingIn6Months,
    /// Support has ended: the month it ends, or later.
    OutOfSupport,
}

impl SupportStatus {
    pub const ALL: [SupportStatus; 6] = [
        SupportStatus::Supported,
        SupportStatus::Unknown,
        SupportStatus::EndingIn18Months,
        SupportStatus::EndingIn12Months,
        SupportStatus::EndingIn6Months,
        SupportStatus::OutOfSupport,
    ];
    pub fn label(self) -> &'static str {
        match self {
            SupportStatus::Supported => "Supported",
            SupportStatus::Unknown => "Unknown",
            SupportStatus::EndingIn18Months => "Support ends within 18 months",
            SupportStatus::EndingIn12Months => "Support ends within 12 months",
            SupportStatus::EndingIn6Months => "Support ends within 6 months",
            SupportStatus::OutOfSupport => "Out of support",
        }
    }
}

/// When support ends: the end of life, or the end of standard support when the end of
/// life is not known. Paid extended support does not count.
pub fn support_end(d: &TechDates) -> Ends {
    match d.end_of_life {
        Ends::Unknown => d.standard_support,
        e => e,
    }
}

/// The support status at month `m` of a technology with these dates: out of support from
/// the month support ends; ending within 6, 12 or 18 months before that.
pub fn support_status(d: &TechDates, m: Month) -> SupportStatus {
    match support_end(d) {
        Ends::Unknown => SupportStatus::Unknown,
        Ends::Never => SupportStatus::Supported,
        Ends::Ended => SupportStatus::OutOfSupport,
        Ends::On(end) => match end.index() - m.index() {
            left if left <= 0 => SupportStatus::OutOfSupport,
            1..=6 => SupportStatus::EndingIn6Months,
            7..=12 => SupportStatus::EndingIn12Months,
            13..=18 => SupportStatus::EndingIn18Months,
            _ => SupportStatus::Supported,
        },
    }
}

impl Analysis<'_> {
    /// The support status of technology `tech` (an index) at `m`.
    pub fn technology_support(&self, tech: usize, m: Month) -> SupportStatus {
        support_status(&self.tech_dates()[tech], m)
    }

    /// An application's support status at `m`: the worst of its technologies'; unknown when
    /// it lists none.
    pub fn application_support(&self, app: usize, m: Month) -> SupportStatus {
        self.technologies_of(app).iter().map(|&t| self.technology_support(t, m)).max().unwrap_or(SupportStatus::Unknown)
    }

    /// Per capability (in the roadmap's order): the worst support status of the applications
    /// running on it at `m`; `None` when none runs on it.
    pub fn capability_support(&self, m: Month) -> Vec<Option<SupportStatus>> {
        let mut out = vec![None; self.roadmap.capabilities.len()];
        for app in 0..self.applications().len() {
            if !self.runs_at(app, m) {
                continue;
            }
            let status = self.application_support(app, m);
            for &c in self.capabilities_of(app) {
                out[c] = out[c].max(Some(status));
            }
        }
        out
    }

    /// Per capability (in the roadmap's order): how many applications supporting it are
    /// past their end of life at `m` (a heatmap metric).
    pub fn past_end_of_life_by_capability(&self, m: Month) -> Vec<usize> {
        let mut out = vec![0; self.roadmap.capabilities.len()];
        for (app, life) in self.lifecycles.iter().enumerate() {
            if past_end_of_life(life, m) {
                for &c in self.capabilities_of(app) {
                    out[c] += 1;
                }
            }
        }
        out
    }

    /// Capabilities with more than one active application at `m`: (capability, the active
    /// applications), in the roadmap's order. Phase-in and phase-out overlaps do not count:
    /// they are a migration, not redundancy.
    pub fn redundancies(&self, m: Month) -> Vec<(usize, Vec<usize>)> {
        let mut on: Vec<Vec<usize>> = vec![Vec::new(); self.roadmap.capabilities.len()];
        for app in 0..self.applications().len() {
            if self.phase_at(app, m) == Some(Phase::Active) {
                for &c in self.capabilities_of(app) {
                    on[c].push(app);
                }
            }
        }
        on.into_iter().enumerate().filter(|(_, apps)| apps.len() > 1).collect()
    }

    /// Every conflict in the landscape, as seen at month `at` (see [`ConflictKind`]):
    /// technologies losing support first, ends of life with no plan, and retirements that
    /// break interfaces. In application order, then technology or interface order.
    pub fn conflicts(&self, at: Month) -> Vec<Conflict> {
        self.conflicts_among(&self.all_conflicts(), at)
    }

    /// Of `all` (this landscape's [`Analysis::all_conflicts`]), the ones seen at month `at`:
    /// a technology losing support first no longer matters once the application is past its
    /// end of life; the other kinds do not depend on the month. (A date change on the map
    /// redoes only this.)
    pub fn conflicts_among(&self, all: &[Conflict], at: Month) -> Vec<Conflict> {
        let seen =
            |c: &&Conflict| c.kind != ConflictKind::SupportEndsFirst || !past_end_of_life(&self.lifecycles[c.app], at);
        all.iter().filter(seen).copied().collect()
    }

    /// Every conflict in the landscape at any month: [`Analysis::conflicts`] with the
    /// technologies losing support first of applications already past their end of life.
    pub fn all_conflicts(&self) -> Vec<Conflict> {
        let apps = self.applications();
        // Most of them are technologies losing support first: room for one per link, so the
        // list (tens of thousands) is not moved as it grows.
        let links: usize = (0..apps.len()).map(|k| self.technologies_of(k).len()).sum();
        let mut out = Vec::with_capacity(links + apps.len());
        // Who is linked to whom by an interface, either side declaring it: (the other
        // application, the interface as (declaring application, its index)).
        let mut linked: Vec<Vec<(usize, (usize, usize))>> = vec![Vec::new(); apps.len()];
        for (k, a) in apps.iter().enumerate() {
            for (n, i) in a.interfaces.iter().enumerate() {
                if let Some(&other) = self.apps().get(i.to.as_str()).filter(|&&o| o != k) {
                    linked[k].push((other, (k, n)));
                    linked[other].push((k, (k, n)));
                }
            }
        }
        for (k, a) in apps.iter().enumerate() {
            let life = &self.lifecycles[k];
            // 1. A technology losing support before the application's end of life.
            for &t in self.technologies_of(k) {
                let end = support_end(&self.tech_dates()[t]);
                let first = match (end, life.end_of_life) {
                    (Ends::Ended, _) => true,
                    (Ends::On(_), None) => true,
                    (Ends::On(s), Some(e)) => s < e,
                    _ => false,
                };
                if first {
                    let support_ends = match end {
                        Ends::On(s) => Some(s),
                        _ => None,
                    };
                    out.push(Conflict {
                        kind: ConflictKind::SupportEndsFirst,
                        app: k,
                        other: Some(t),
                        facts: Facts::SupportEndsFirst { support_ends, end_of_life: life.end_of_life },
                    });
                }
            }
            // 2. An end of life with no successor and no initiative retiring or replacing it.
            let successor = a.successor.as_deref().is_some_and(|s| self.apps().contains_key(s));
            if let (Some(e), false, None) = (a.lifecycle.end_of_life, successor, self.retired_by[k]) {
                out.push(Conflict {
                    kind: ConflictKind::NoSuccessor,
                    app: k,
                    other: None,
                    facts: Facts::NoSuccessor { end_of_life: e },
                });
            }
            // 3. A retirement while other running applications still depend on it.
            if let Some((change, month)) = self.retired_by[k] {
                let c = &self.roadmap.landscape.changes[change];
                let newcomer = c.introduces.as_deref().and_then(|id| self.apps().get(id).copied());
                let mut seen = Vec::new();
                for &(other, interface) in &linked[k] {
                    if Some(other) == newcomer || seen.contains(&other) || !self.runs_at(other, month) {
                        continue;
                    }
                    seen.push(other);
                    out.push(Conflict {
                        kind: ConflictKind::RetiresDependency,
                        app: k,
                        other: Some(other),
                        facts: Facts::RetiresDependency { change, month, interface },
                    });
                }
            }
        }
        out
    }
}

/// The kinds of conflict.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum ConflictKind {
    /// A technology's support ends before the application's end of life (or has ended, or
    /// the application has no end of life). `other` is the technology.
    SupportEndsFirst,
    /// The application has an end of life, no (existing) successor and no initiative
    /// retiring or replacing it.
    NoSuccessor,
    /// An initiative retires the application while another application still running that
    /// month shares an interface with it. `other` is that application.
    RetiresDependency,
}

/// One conflict, about application `app` (an index); [`Conflict::message`] says it in the
/// user's words. (Worded only when shown: an enterprise landscape has tens of thousands, and
/// the view shows a page of them.)
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Conflict {
    pub kind: ConflictKind,
    pub app: usize,
    /// The technology or application involved (an index), by kind.
    pub other: Option<usize>,
    facts: Facts,
}

/// What a conflict's message says beyond the items.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Facts {
    /// `support_ends`: `None` when it has ended with no date known.
    SupportEndsFirst {
        support_ends: Option<Month>,
        end_of_life: Option<Month>,
    },
    NoSuccessor {
        end_of_life: Month,
    },
    /// `change` indexes the landscape's changes; `interface` is (declaring application, index).
    RetiresDependency {
        change: usize,
        month: Month,
        interface: (usize, usize),
    },
}

impl Conflict {
    /// The conflict in the user's words, from the roadmap it was found in.
    /// (Indexes past the roadmap's lists, a roadmap it was not found in, give empty names
    /// rather than a panic.)
    pub fn message(&self, r: &Roadmap) -> String {
        let l = &r.landscape;
        let app = |k: usize| {
            l.applications.get(k).map_or_else(String::new, |a| ItemKind::Application.subject(&a.name, &a.id))
        };
        match self.facts {
            Facts::SupportEndsFirst { support_ends, end_of_life } => {
                let tech = self
                    .other
                    .and_then(|t| l.technologies.get(t))
                    .map_or_else(String::new, |t| ItemKind::Technology.subject(&t.name, &t.id));
                let when = match support_ends {
                    Some(s) => format!("ends in {}", month_label(s)),
                    None => "has ended".to_string(),
                };
                let before = match end_of_life {
                    Some(e) => format!("before the application's end of life ({})", month_label(e)),
                    None => "and the application has no planned end of life".to_string(),
                };
                format!("{} uses {tech}, whose support {when}, {before}", app(self.app))
            }
            Facts::NoSuccessor { end_of_life } => format!(
                "{} reaches its end of life in {} with no successor and no initiative retiring or replacing it",
                app(self.app),
                month_label(end_of_life)
            ),
            Facts::RetiresDependency { change, month, interface: (owner, n) } => {
                let initiative = l.changes.get(change).map_or("", |c| c.initiative.as_str());
                let initiative = r.describe(ItemKind::Initiative, initiative);
                let name = l.applications.get(owner).and_then(|a| a.interfaces.get(n)).map_or("", |i| i.name.as_str());
                let via =
                    if name.trim().is_empty() { "an interface".to_string() } else { format!("interface \"{name}\"") };
                format!(
                    "{initiative} retires {} in {}, but {} still depends on it ({via})",
                    app(self.app),
                    month_label(month),
                    app(self.other.unwrap_or(usize::MAX))
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn m(s: &str) -> Month {
        Month::parse(s).unwrap()
    }

    fn ending(e: Ends) -> TechDates {
        TechDates { end_of_life: e, ..TechDates::default() }
    }

    #[test]
    fn support_buckets() {
        let d = ending(Ends::On(m("2027-12")));
        let at = |s| support_status(&d, m(s));
        assert_eq!(at("2028-01"), SupportStatus::OutOfSupport);
        assert_eq!(at("2027-12"), SupportStatus::OutOfSupport, "the month it ends has no support");
        assert_eq!(at("2027-11"), SupportStatus::EndingIn6Months);
        assert_eq!(at("2027-06"), SupportStatus::EndingIn6Months);
        assert_eq!(at("2027-05"), SupportStatus::EndingIn12Months);
        assert_eq!(at("2026-12"), SupportStatus::EndingIn12Months);
        assert_eq!(at("2026-11"), SupportStatus::EndingIn18Months);
        assert_eq!(at("2026-06"), SupportStatus::EndingIn18Months);
        assert_eq!(at("2026-05"), SupportStatus::Supported);
        assert_eq!(support_status(&ending(Ends::Never), m("2099-01")), SupportStatus::Supported);
        assert_eq!(support_status(&ending(Ends::Ended), m("1999-01")), SupportStatus::OutOfSupport);
        assert_eq!(support_status(&TechDates::default(), m("2026-01")), SupportStatus::Unknown);
        // Without an end of life, the end of standard support counts; extended support never.
        let std_only = TechDates { standard_support: Ends::On(m("2026-03")), ..TechDates::default() };
        assert_eq!(support_status(&std_only, m("2026-03")), SupportStatus::OutOfSupport);
        let extended = TechDates { extended_support: Ends::On(m("2030-01")), ..ending(Ends::On(m("2024-01"))) };
        assert_eq!(support_status(&extended, m("2026-01")), SupportStatus::OutOfSupport);
        assert!(SupportStatus::OutOfSupport > SupportStatus::EndingIn6Months);
        assert!(SupportStatus::Unknown > SupportStatus::Supported);
    }

    proptest! {
        /// Support only gets worse as time goes on (for a known end).
        #[test]
        fn support_never_improves(end in 0..400i32, a in 0..400i32, b in 0..400i32) {
            let base = m("2000-01");
            let d = ending(Ends::On(base.plus(end)));
            let (early, late) = (base.plus(a.min(b)), base.plus(a.max(b)));
            prop_assert!(support_status(&d, early) <= support_status(&d, late));
        }
    }
}
