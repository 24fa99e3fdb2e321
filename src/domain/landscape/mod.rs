//! The landscape: applications and technologies with their lifecycles, mapped to
//! capabilities and initiatives ("Landscape", "Applications", "Technologies" in the app;
//! "Portfolio" is the investment portfolio, which this does not touch).
//!
//! Every rule is written out for people in `docs/landscape.md`. The modules:
//!
//! - [`model`]: the data (part of the roadmap file, version 2);
//! - [`lifecycle`]: the phase at a month, and the lifecycle after initiatives;
//! - [`disposition`]: the TIME suggestion from the fits, and contradictions;
//! - [`risk`]: technology support status, conflicts and redundancy;
//! - [`cost`]: run cost at a month, cost per capability, retirement savings;
//! - [`quality`]: data quality (what is missing where);
//! - [`catalog`]: the end-of-life catalog (parsing, search, binding);
//! - [`generate`] and [`demo`]: test data at scale and the demo's landscape.
//!
//! The roadmap-wide rules start from an [`Analysis`], built once per roadmap: it indexes
//! the ids (so every rule is linear in the size of the landscape) and applies the
//! initiatives' changes to the lifecycles.

pub mod catalog;
pub mod cost;
pub mod demo;
pub mod disposition;
pub mod export;
pub mod generate;
pub mod lifecycle;
pub mod map;
pub mod model;
pub mod quality;
pub mod risk;
#[cfg(test)]
mod tests;

pub use model::*;

use crate::domain::calendar::Month;
use crate::domain::model::Roadmap;
use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

/// A roadmap's landscape, indexed, with the initiatives' changes applied.
pub struct Analysis<'a> {
    pub roadmap: &'a Roadmap,
    /// Index of each application, technology and capability by id (the first of an id).
    apps: std::sync::OnceLock<HashMap<&'a str, usize>>,
    /// (The technologies' and capabilities' indexes and the technologies' dates are worked
    /// out on first use, as the links below: the applications list, redrawn on every edit of
    /// a landscape of thousands, needs only the lifecycles.)
    techs: std::sync::OnceLock<HashMap<&'a str, usize>>,
    caps: std::sync::OnceLock<HashMap<&'a str, usize>>,
    /// Per application: its lifecycle in effect, after the initiatives' changes.
    pub lifecycles: Arc<Vec<Lifecycle>>,
    /// Per application: the change that retires it first (index into `changes`) and when.
    pub retired_by: Arc<Vec<Option<(usize, Month)>>>,
    /// Per application: the change that introduces it first and when.
    pub introduced_by: Arc<Vec<Option<(usize, Month)>>>,
    /// Every application's phase at one month, when the figures of that month are worked out
    /// ([`Analysis::at_month`]): they ask for each phase several times.
    phases: Option<(Month, Vec<Option<Phase>>)>,
    tech_dates: std::sync::OnceLock<Arc<Vec<TechDates>>>,
    /// Per application: the distinct, existing capabilities it supports and technologies it
    /// uses (indexes), resolved once here rather than looked up by id in every figure.
    /// (Worked out on first use: the applications list needs neither.)
    app_capabilities: std::sync::OnceLock<Arc<Vec<Vec<usize>>>>,
    app_technologies: std::sync::OnceLock<Arc<Vec<Vec<usize>>>>,
}

/// Per application: the distinct, existing capabilities it supports and technologies it uses
/// (indexes), as an [`Analysis`] resolves them.
#[derive(Clone, PartialEq, Debug, Default)]
pub struct Links {
    pub capabilities: Arc<Vec<Vec<usize>>>,
    /// `None`: not resolved yet (an analysis from these links resolves them when asked).
    pub technologies: Option<Arc<Vec<Vec<usize>>>>,
    /// And per technology its dates in effect (`None`: not worked out yet), per application
    /// its lifecycle after the initiatives' changes (not links, but worked out once as well).
    pub technology_dates: Option<Arc<Vec<TechDates>>>,
    pub lifecycles: Arc<Vec<Lifecycle>>,
    pub retired_by: Arc<Vec<Option<(usize, Month)>>>,
    pub introduced_by: Arc<Vec<Option<(usize, Month)>>>,
}

/// The distinct indexes `ids` resolve to in `map`, in first-seen order.
fn resolve<'i>(map: &HashMap<&str, usize>, ids: impl Iterator<Item = &'i str>) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for id in ids {
        if let Some(&k) = map.get(id) {
            if !out.contains(&k) {
                out.push(k);
            }
        }
    }
    out
}

fn index<'a, T>(items: &'a [T], id: impl Fn(&'a T) -> &'a str) -> HashMap<&'a str, usize> {
    let mut map = HashMap::with_capacity_and_hasher(items.len(), Default::default());
    for (k, item) in items.iter().enumerate() {
        map.entry(id(item)).or_insert(k);
    }
    map
}

impl<'a> Analysis<'a> {
    pub fn new(r: &'a Roadmap) -> Analysis<'a> {
        let l = &r.landscape;
        let apps = index(&l.applications, |a| a.id.as_str());
        let mut lifecycles: Vec<Lifecycle> = l.applications.iter().map(|a| a.lifecycle).collect();
        let mut retired_by: Vec<Option<(usize, Month)>> = vec![None; lifecycles.len()];
        let mut introduced_by: Vec<Option<(usize, Month)>> = vec![None; lifecycles.len()];
        for (k, c) in l.changes.iter().enumerate() {
            let Some(month) = lifecycle::change_month(r, c) else { continue };
            let note = |id: &Option<String>, slots: &mut Vec<Option<(usize, Month)>>| {
                let at = id.as_deref().and_then(|id| apps.get(id).copied())?;
                if slots[at].is_none_or(|(_, m)| month < m) {
                    slots[at] = Some((k, month));
                }
                Some(at)
            };
            note(&c.retires, &mut retired_by);
            note(&c.introduces, &mut introduced_by);
        }
        for (at, life) in lifecycles.iter_mut().enumerate() {
            if let Some((_, m)) = introduced_by[at] {
                lifecycle::introduce(life, m);
            }
            if let Some((_, m)) = retired_by[at] {
                lifecycle::retire(life, m);
            }
        }
        Analysis {
            roadmap: r,
            apps: std::sync::OnceLock::from(apps),
            techs: std::sync::OnceLock::new(),
            caps: std::sync::OnceLock::new(),
            app_capabilities: std::sync::OnceLock::new(),
            app_technologies: std::sync::OnceLock::new(),
            lifecycles: Arc::new(lifecycles),
            retired_by: Arc::new(retired_by),
            introduced_by: Arc::new(introduced_by),
            tech_dates: std::sync::OnceLock::new(),
            phases: None,
        }
    }

    /// The analysis of `r` from what an earlier analysis of the same roadmap worked out
    /// ([`Analysis::links`]): nothing is indexed nor resolved again until asked.
    pub fn from_links(r: &'a Roadmap, links: Links) -> Analysis<'a> {
        Analysis {
            roadmap: r,
            apps: std::sync::OnceLock::new(),
            techs: std::sync::OnceLock::new(),
            caps: std::sync::OnceLock::new(),
            app_capabilities: std::sync::OnceLock::from(links.capabilities),
            app_technologies: links.technologies.map_or_else(std::sync::OnceLock::new, std::sync::OnceLock::from),
            lifecycles: links.lifecycles,
            retired_by: links.retired_by,
            introduced_by: links.introduced_by,
            tech_dates: links.technology_dates.map_or_else(std::sync::OnceLock::new, std::sync::OnceLock::from),
            phases: None,
        }
    }

    /// This analysis with every application's phase at `m` worked out once, for the figures
    /// of that month ([`Analysis::phase_at`] then looks them up).
    pub fn at_month(mut self, m: Month) -> Self {
        let phases = self.lifecycles.iter().map(|l| lifecycle::phase_at(l, m)).collect();
        self.phases = Some((m, phases));
        self
    }

    /// Index of each application by id (the first of an id).
    pub fn apps(&self) -> &HashMap<&'a str, usize> {
        self.apps.get_or_init(|| index(&self.roadmap.landscape.applications, |a| a.id.as_str()))
    }

    /// Index of each technology by id (the first of an id).
    pub fn techs(&self) -> &HashMap<&'a str, usize> {
        self.techs.get_or_init(|| index(&self.roadmap.landscape.technologies, |t| t.id.as_str()))
    }

    /// Index of each capability by id (the first of an id).
    pub fn caps(&self) -> &HashMap<&'a str, usize> {
        self.caps.get_or_init(|| index(&self.roadmap.capabilities, |c| c.id.as_str()))
    }

    /// Per technology: its dates in effect (typed dates over the catalog's).
    pub fn tech_dates(&self) -> &[TechDates] {
        self.tech_dates.get_or_init(|| self.technology_dates())
    }

    pub fn applications(&self) -> &'a [std::sync::Arc<Application>] {
        &self.roadmap.landscape.applications
    }

    pub fn technologies(&self) -> &'a [std::sync::Arc<Technology>] {
        &self.roadmap.landscape.technologies
    }

    /// The phase of application `app` (an index) at `m`, after the initiatives' changes.
    pub fn phase_at(&self, app: usize, m: Month) -> Option<Phase> {
        match &self.phases {
            Some((at, phases)) if *at == m => phases[app],
            _ => lifecycle::phase_at(&self.lifecycles[app], m),
        }
    }

    /// Whether application `app` runs at `m` (phase-in, active or phase-out).
    pub fn runs_at(&self, app: usize, m: Month) -> bool {
        lifecycle::runs_at(&self.lifecycles[app], m)
    }

    /// The applications' links, resolved, and their lifecycles (for [`Analysis::from_links`]).
    pub fn links(&self) -> Links {
        Links {
            technologies: Some(self.all_technologies().clone()),
            technology_dates: Some(self.tech_dates.get_or_init(|| self.technology_dates()).clone()),
            ..self.links_but_technologies()
        }
    }

    /// [`Analysis::links`] without the technologies (resolving 100,000 links by id is most
    /// of the work): what the capabilities and lifecycles need.
    pub fn links_but_technologies(&self) -> Links {
        // Shared, not copied.
        Links {
            capabilities: self.all_capabilities().clone(),
            technologies: None,
            technology_dates: None,
            lifecycles: self.lifecycles.clone(),
            retired_by: self.retired_by.clone(),
            introduced_by: self.introduced_by.clone(),
        }
    }

    fn technology_dates(&self) -> Arc<Vec<TechDates>> {
        Arc::new(self.roadmap.landscape.technologies.iter().map(|t| t.dates()).collect())
    }

    fn all_capabilities(&self) -> &Arc<Vec<Vec<usize>>> {
        self.app_capabilities.get_or_init(|| {
            let caps = self.caps();
            Arc::new(
                self.applications()
                    .iter()
                    .map(|a| resolve(caps, a.capabilities.iter().map(|s| s.capability.as_str())))
                    .collect(),
            )
        })
    }

    fn all_technologies(&self) -> &Arc<Vec<Vec<usize>>> {
        self.app_technologies.get_or_init(|| {
            let techs = self.techs();
            Arc::new(
                self.applications().iter().map(|a| resolve(techs, a.technologies.iter().map(String::as_str))).collect(),
            )
        })
    }

    /// The indexes of the distinct, existing capabilities application `app` supports.
    pub fn capabilities_of(&self, app: usize) -> &[usize] {
        &self.all_capabilities()[app]
    }

    /// The indexes of the distinct, existing technologies application `app` uses.
    pub fn technologies_of(&self, app: usize) -> &[usize] {
        &self.all_technologies()[app]
    }
}
