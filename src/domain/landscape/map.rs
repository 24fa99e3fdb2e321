//! The landscape map at a month: every application with its phase, disposition, support and
//! criticality; every capability with the applications running on it, its share of the run
//! cost, redundancy and applications past end of life; the headline counts, data quality,
//! conflicts and the TIME grid. What the Landscape view, its slide and the presentation show
//! (`docs/landscape.md` has the rules), worked out once per month or edit.

use super::lifecycle::past_end_of_life;
use super::quality::Check;
use super::risk::SupportStatus;
use super::{disposition, Analysis, Criticality, Disposition};
use crate::domain::{Month, Roadmap};
use std::sync::Arc;

/// What colours the applications on the landscape map.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ColourBy {
    Phase,
    Disposition,
    Support,
    Criticality,
    Fit,
    RunCost,
}

impl ColourBy {
    pub const ALL: [ColourBy; 6] = [
        ColourBy::Phase,
        ColourBy::Disposition,
        ColourBy::Fit,
        ColourBy::Support,
        ColourBy::RunCost,
        ColourBy::Criticality,
    ];
    pub fn label(self) -> &'static str {
        match self {
            ColourBy::Phase => "Lifecycle phase",
            ColourBy::Disposition => "Disposition",
            ColourBy::Support => "Technology support",
            ColourBy::Criticality => "Business criticality",
            ColourBy::Fit => "Fit",
            ColourBy::RunCost => "Run cost",
        }
    }
    /// The steps of this colouring, in legend order: (step of the attention scale, 0 calm to
    /// 5 act now, or 6 for no value; what it means).
    pub fn legend(self) -> Vec<(usize, &'static str)> {
        match self {
            ColourBy::Phase => {
                vec![(0, "Active"), (1, "Phase-in"), (2, "Plan"), (3, "Phase-out"), (5, "End of life"), (6, "No dates")]
            }
            ColourBy::Disposition => {
                vec![(0, "Invest"), (2, "Tolerate"), (3, "Migrate"), (5, "Eliminate"), (6, "Not assessed")]
            }
            ColourBy::Support => SupportStatus::ALL.iter().map(|&s| (support_step(s), s.label())).collect(),
            ColourBy::Criticality => Criticality::ALL.iter().map(|&c| (criticality_step(c), c.label())).collect(),
            ColourBy::Fit => FIT_STEPS.to_vec(),
            ColourBy::RunCost => COST_STEPS.to_vec(),
        }
    }
    /// The step and meaning of one application (one of [`ColourBy::legend`]).
    pub fn of(self, a: &ApplicationRow) -> (usize, &'static str) {
        match self {
            ColourBy::Phase => match a.phase {
                "Active" => (0, "Active"),
                "Phase-in" => (1, "Phase-in"),
                "Plan" => (2, "Plan"),
                "Phase-out" => (3, "Phase-out"),
                "End of life" => (5, "End of life"),
                _ => (6, "No dates"),
            },
            ColourBy::Disposition => match a.disposition_key {
                Some(Disposition::Invest) => (0, "Invest"),
                Some(Disposition::Tolerate) => (2, "Tolerate"),
                Some(Disposition::Migrate) => (3, "Migrate"),
                Some(Disposition::Eliminate) => (5, "Eliminate"),
                None => (6, "Not assessed"),
            },
            ColourBy::Support => (support_step(a.support), a.support.label()),
            ColourBy::Criticality => (criticality_step(a.criticality), a.criticality.label()),
            ColourBy::Fit => match a.fit {
                Some(f @ 1..=4) => FIT_STEPS[4 - usize::from(f)],
                _ => FIT_STEPS[4],
            },
            ColourBy::RunCost => match a.run_cost_quarter {
                Some(q @ 0..=3) => COST_STEPS[3 - usize::from(q)],
                _ => COST_STEPS[4],
            },
        }
    }
}

/// Fit: the lower of the functional and the technical fit (an application is as fit as its
/// weaker side), best first.
const FIT_STEPS: [(usize, &str); 5] = [
    (0, "Fit 4 (excellent)"),
    (2, "Fit 3 (adequate)"),
    (3, "Fit 2 (insufficient)"),
    (5, "Fit 1 (unreasonable)"),
    (6, "Fit not assessed"),
];

/// Run cost: the quarter of the applications with a run cost that this one's cost falls in,
/// the dearest first (relative, so the colours mean the same in any currency).
const COST_STEPS: [(usize, &str); 5] =
    [(5, "Dearest quarter"), (3, "Second quarter"), (2, "Third quarter"), (0, "Cheapest quarter"), (6, "No run cost")];

/// The quarter (0 cheapest … 3 dearest) of each cost among the positive ones; `None` for none.
fn cost_quarters(costs: &[f64]) -> Vec<Option<u8>> {
    let mut sorted: Vec<f64> = costs.iter().copied().filter(|c| *c > 0.0).collect();
    sorted.sort_by(f64::total_cmp);
    costs
        .iter()
        .map(|&c| {
            (c > 0.0).then(|| {
                // Rank of the first equal cost, so equal costs share a quarter.
                let below = sorted.partition_point(|&x| x < c);
                (below * 4 / sorted.len()).min(3) as u8
            })
        })
        .collect()
}

fn support_step(s: SupportStatus) -> usize {
    match s {
        SupportStatus::Supported => 0,
        SupportStatus::Unknown => 6,
        SupportStatus::EndingIn18Months => 2,
        SupportStatus::EndingIn12Months => 3,
        SupportStatus::EndingIn6Months => 4,
        SupportStatus::OutOfSupport => 5,
    }
}

fn criticality_step(c: Criticality) -> usize {
    match c {
        Criticality::Low => 1,
        Criticality::Medium => 2,
        Criticality::High => 4,
        Criticality::MissionCritical => 5,
    }
}

/// One application as the list shows it at the chosen month.
#[derive(Clone, PartialEq, Debug)]
pub struct ApplicationRow {
    pub name: Arc<str>,
    pub phase: &'static str,
    /// The disposition in effect (chosen, else suggested).
    pub disposition_key: Option<Disposition>,
    pub criticality: Criticality,
    pub disposition: Arc<str>,
    /// Why the chosen disposition contradicts the fits.
    pub contradiction: Option<Arc<str>>,
    pub support: SupportStatus,
    pub run_cost_per_year: f64,
    /// The quarter of the positive run costs this one falls in (0 cheapest … 3 dearest).
    pub run_cost_quarter: Option<u8>,
    /// The lower of the functional and technical fits (1–4), when both are set.
    pub fit: Option<u8>,
    pub owner: Arc<str>,
    pub capabilities: usize,
}

/// Per data-quality check: the share of applications passing it and the names of the ones
/// missing it (shared: it does not depend on the month).
pub type Quality = Arc<Vec<(Check, Option<f64>, Vec<String>)>>;

/// One capability of the map: the applications running on it at the month.
#[derive(Clone, PartialEq, Debug)]
pub struct CapabilityRow {
    pub name: String,
    /// The applications running on it (indexes into `LandscapeAt::applications`).
    pub running: Vec<usize>,
    /// Its share of the yearly run cost (each application split equally over its capabilities).
    pub run_cost_per_year: f64,
    /// More than one active application.
    pub redundant: bool,
    /// Applications on it already past their end of life.
    pub past_end_of_life: usize,
}

/// Everything the view shows at month `at`.
#[derive(Clone, PartialEq, Debug)]
pub struct LandscapeAt {
    pub at: Month,
    pub applications: Vec<ApplicationRow>,
    pub capabilities: Vec<CapabilityRow>,
    pub unallocated: f64,
    pub run_cost_per_year: f64,
    pub running: usize,
    pub past_end_of_life: usize,
    pub past_end_of_life_in_12_months: usize,
    pub redundant_capabilities: usize,
    /// Applications per support status, in `SupportStatus::ALL` order.
    pub support: Vec<(SupportStatus, usize)>,
    /// Per check: the share passing and the applications missing it.
    pub quality: Quality,
    /// Worded when shown: [`super::risk::Conflict::message`] with the same roadmap.
    pub conflicts: Vec<super::risk::Conflict>,
    /// The TIME chart of the applications running at the month (indexes into `applications`).
    pub time: disposition::TimeGrid,
}

/// What the landscape map shows that does not depend on the month, worked out once per
/// roadmap: a date change then redoes only the rest ([`landscape_at_with`]).
#[derive(Clone, PartialEq, Debug)]
pub struct LandscapeBase {
    /// The applications' rows, their phase and support not yet set.
    applications: Vec<ApplicationRow>,
    quality: Quality,
    /// Without the technologies ([`super::Analysis::links_but_technologies`]).
    links: super::Links,
    /// The links with the technologies, and the conflicts at any month (a month's are some
    /// of them): worked out when first asked ([`LandscapeBase::technology`]), not to open the
    /// map's first screen.
    technology: std::sync::OnceLock<(super::Links, Vec<super::risk::Conflict>)>,
}

impl LandscapeBase {
    pub fn new(r: &Roadmap) -> LandscapeBase {
        let a = Analysis::new(r);
        let apps = a.applications();
        let quarters = cost_quarters(&apps.iter().map(|app| app.run_cost_per_year).collect::<Vec<_>>());
        let applications = apps
            .iter()
            .enumerate()
            .map(|(k, app)| {
                let d = disposition::assess(app);
                ApplicationRow {
                    disposition_key: d.effective,
                    criticality: app.criticality,
                    name: app.name.as_str().into(),
                    phase: "No dates",
                    disposition: d.effective.map_or_else(
                        || "Not assessed".into(),
                        |e| {
                            if d.chosen.is_some() {
                                e.label().into()
                            } else {
                                format!("{} (suggested)", e.label()).into()
                            }
                        },
                    ),
                    contradiction: d.contradiction.map(Arc::from),
                    support: SupportStatus::Unknown,
                    run_cost_per_year: app.run_cost_per_year,
                    run_cost_quarter: quarters[k],
                    fit: app.functional_fit.zip(app.technical_fit).map(|(f, t)| f.min(t)),
                    owner: if app.business_owner.is_empty() {
                        app.it_owner.as_str().into()
                    } else {
                        app.business_owner.as_str().into()
                    },
                    capabilities: a.capabilities_of(k).len(),
                }
            })
            .collect();
        let q = a.quality();
        let quality = Arc::new(
            Check::ALL
                .into_iter()
                .map(|c| (c, q.share(c), q.missing(c).iter().map(|&k| apps[k].name.clone()).collect()))
                .collect(),
        );
        LandscapeBase { applications, quality, links: a.links_but_technologies(), technology: Default::default() }
    }

    /// The links with the technologies resolved, and the conflicts at any month (once).
    fn technology(&self, r: &Roadmap) -> &(super::Links, Vec<super::risk::Conflict>) {
        self.technology.get_or_init(|| {
            let a = Analysis::from_links(r, self.links.clone());
            (a.links(), a.all_conflicts())
        })
    }
}

/// The landscape of `r` at month `at`.
pub fn landscape_at(r: &Roadmap, at: Month) -> LandscapeAt {
    landscape_at_with(r, &LandscapeBase::new(r), at)
}

/// The landscape of `r` at month `at`, from what does not depend on the month (`base`, of the
/// same roadmap).
pub fn landscape_at_with(r: &Roadmap, base: &LandscapeBase, at: Month) -> LandscapeAt {
    landscape_at_in_part(r, base, at, true)
}

/// [`landscape_at_with`] without the technologies when `technology` is false: every
/// application's support is unknown, the counts per support status and the conflicts are
/// empty, the rest is the same (what the map's first screen shows; resolving the
/// technologies waits until something shows them).
pub fn landscape_at_in_part(r: &Roadmap, base: &LandscapeBase, at: Month, technology: bool) -> LandscapeAt {
    let tech = technology.then(|| base.technology(r));
    let links = tech.map_or_else(|| base.links.clone(), |(links, _)| links.clone());
    let a = Analysis::from_links(r, links).at_month(at);
    let apps = a.applications();
    let mut applications = base.applications.clone();
    for (k, row) in applications.iter_mut().enumerate() {
        row.phase = a.phase_at(k, at).map_or("No dates", |p| p.label());
        if technology {
            row.support = a.application_support(k, at);
        }
    }
    let redundant = a.redundancies(at);
    let mut is_redundant = vec![false; r.capabilities.len()];
    for (c, _) in &redundant {
        is_redundant[*c] = true;
    }
    let cost = a.cost_by_capability(at);
    let mut running: Vec<Vec<usize>> = vec![Vec::new(); r.capabilities.len()];
    let mut past: Vec<usize> = vec![0; r.capabilities.len()];
    let in_12 = at.plus(12);
    let (mut runs, mut gone, mut gone_in_12) = (0, 0, 0);
    for k in 0..apps.len() {
        let life = &a.lifecycles[k];
        let (on, past_end) = (a.runs_at(k, at), past_end_of_life(life, at));
        runs += usize::from(on);
        gone += usize::from(past_end);
        gone_in_12 += usize::from(past_end_of_life(life, in_12));
        if on || past_end {
            for &c in a.capabilities_of(k) {
                if on {
                    running[c].push(k);
                }
                past[c] += usize::from(past_end);
            }
        }
    }
    let capabilities = r
        .capabilities
        .iter()
        .enumerate()
        .map(|(c, cap)| CapabilityRow {
            name: cap.name.clone(),
            running: std::mem::take(&mut running[c]),
            run_cost_per_year: cost.by_capability.get(c).copied().unwrap_or(0.0),
            redundant: is_redundant[c],
            past_end_of_life: past[c],
        })
        .collect();
    let support = match technology {
        true => SupportStatus::ALL
            .into_iter()
            .map(|s| (s, applications.iter().filter(|row| row.support == s).count()))
            .collect(),
        false => Vec::new(),
    };
    LandscapeAt {
        at,
        running: runs,
        past_end_of_life: gone,
        past_end_of_life_in_12_months: gone_in_12,
        redundant_capabilities: redundant.len(),
        unallocated: cost.unallocated,
        run_cost_per_year: cost.total(),
        applications,
        capabilities,
        support,
        quality: base.quality.clone(),
        conflicts: tech.map(|(_, all)| a.conflicts_among(all, at)).unwrap_or_default(),
        time: a.time_grid(at),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_roadmap;

    fn m(text: &str) -> Month {
        Month::parse(text).unwrap()
    }

    /// What does not depend on the month, worked out once, gives the same figures at every
    /// month as working out everything (the demo and a generated landscape).
    #[test]
    fn the_base_once_gives_the_same_at_every_month() {
        let generated =
            crate::domain::landscape::generate::generate(5, crate::domain::landscape::generate::scaled(300));
        for r in [demo_roadmap(), generated] {
            let base = LandscapeBase::new(&r);
            for k in 0..40 {
                let at = m("2025-01").plus(k * 3);
                assert_eq!(landscape_at_with(&r, &base, at), landscape_at(&r, at));
                // Without the technologies: the same but support and conflicts.
                let full = landscape_at(&r, at);
                let first = landscape_at_in_part(&r, &LandscapeBase::new(&r), at, false);
                assert!(first.applications.iter().all(|a| a.support == SupportStatus::Unknown));
                assert!(first.support.is_empty() && first.conflicts.is_empty());
                let unsupported = |mut l: LandscapeAt| {
                    l.applications.iter_mut().for_each(|a| a.support = SupportStatus::Unknown);
                    l.support.clear();
                    l.conflicts.clear();
                    l
                };
                assert_eq!(first, unsupported(full));
            }
        }
    }

    #[test]
    fn the_demo_shows_its_problems() {
        let r = demo_roadmap();
        let l = landscape_at(&r, m("2027-01"));
        assert!(l.applications.len() >= 50, "{}", l.applications.len());
        assert!(l.redundant_capabilities >= 1, "the two CRMs");
        assert!(l.support.iter().any(|(s, n)| *s == SupportStatus::OutOfSupport && *n > 0));
        assert!(!l.conflicts.is_empty());
        assert!(l.applications.iter().any(|a| a.contradiction.is_some()));
        // Counted once: the capabilities' shares and the unallocated amount make the total.
        let split: f64 = l.capabilities.iter().map(|c| c.run_cost_per_year).sum::<f64>() + l.unallocated;
        assert!((split - l.run_cost_per_year).abs() < 1e-6);
    }

    #[test]
    fn run_cost_quarters_rank_the_positive_costs() {
        let q = cost_quarters(&[0.0, 100.0, 200.0, 300.0, 400.0, 400.0, 50.0, 1000.0, 10.0]);
        assert_eq!(q[0], None, "no cost is no quarter");
        assert_eq!(q[8], Some(0), "cheapest");
        assert_eq!(q[7], Some(3), "dearest");
        assert_eq!(q[4], q[5], "equal costs share a quarter");
        // Monotone: a dearer application is never in a cheaper quarter.
        let costs = [0.0, 100.0, 200.0, 300.0, 400.0, 400.0, 50.0, 1000.0, 10.0];
        for i in 0..costs.len() {
            for j in 0..costs.len() {
                if costs[i] > 0.0 && costs[j] > costs[i] {
                    assert!(q[j] >= q[i]);
                }
            }
        }
        assert_eq!(cost_quarters(&[5.0]), vec![Some(0)]);
        assert!(cost_quarters(&[]).is_empty());
    }

    #[test]
    fn fit_is_the_weaker_side() {
        let r = demo_roadmap();
        let l = landscape_at(&r, m("2027-01"));
        for (row, app) in l.applications.iter().zip(r.landscape.applications.iter()) {
            match (app.functional_fit, app.technical_fit) {
                (Some(f), Some(t)) => assert_eq!(row.fit, Some(f.min(t))),
                _ => assert_eq!(ColourBy::Fit.of(row), (6, "Fit not assessed")),
            }
        }
    }

    #[test]
    fn every_application_has_a_colour_named_in_the_legend() {
        let l = landscape_at(&demo_roadmap(), m("2027-01"));
        for by in ColourBy::ALL {
            let legend = by.legend();
            for a in &l.applications {
                let (step, value) = by.of(a);
                assert!(legend.contains(&(step, value)), "{by:?}: {} is {value}, not in the legend", a.name);
            }
        }
        let ecc = l.applications.iter().find(|a| &*a.name == "SAP ECC 6.0").unwrap();
        assert_eq!(ColourBy::Support.of(ecc), (5, "Out of support"));
        // Every colouring tells the applications apart (more than one step in use).
        for by in ColourBy::ALL {
            let steps: std::collections::BTreeSet<usize> = l.applications.iter().map(|a| by.of(a).0).collect();
            assert!(steps.len() > 1, "{by:?} colours every application alike");
        }
        // Each capability lists applications that run.
        assert!(l.capabilities.iter().flat_map(|c| &c.running).all(|&k| l.applications[k].phase != "No dates"));
    }

    #[test]
    fn an_empty_landscape_has_no_rows() {
        let l = landscape_at(&Roadmap::default(), m("2027-01"));
        assert!(l.applications.is_empty());
        assert_eq!(l.run_cost_per_year, 0.0);
    }
}
