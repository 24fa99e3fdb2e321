//! What applications cost: the run cost at a month, its split over capabilities, and what
//! retiring applications saves per fiscal year and per initiative (docs/landscape.md).
//!
//! The rules:
//!
//! 1. **Run cost follows the lifecycle.** An application costs `run_cost_per_year / 12` in
//!    every month it runs (phase-in, active, phase-out, after the initiatives' changes);
//!    nothing while planned or once at its end of life.
//! 2. **Split equally, counted once.** An application supporting N capabilities gives each
//!    1/N of its run cost (duplicate links and links to missing capabilities do not count).
//!    An application supporting none is *unallocated*. The capabilities' shares plus the
//!    unallocated amount add up to the total: nothing is counted twice.
//! 3. **Retirement savings** are the run cost an application would have cost in the months
//!    between the month an initiative retires it and its own planned end of life (or the end
//!    of the period, if it had none). Gross: the new application's cost in a replacement is
//!    the initiative's own run cost, not subtracted here. Counted per fiscal year for every
//!    fiscal year touching the horizon, and per initiative (the retiring change's).

/// Rule 3, for the page.
pub const SAVINGS_RULE: &str = "The run cost an application would have cost in the months between the month an \
     initiative retires it and its own planned end of life (or the end of the horizon's last fiscal year, if it has \
     none). Gross: what a replacement costs to run is that initiative's own run cost, counted in the figures above.";

use super::lifecycle;
use super::Analysis;
use crate::domain::calendar::{fiscal_year_start, Month};
use crate::domain::spend;
use std::collections::HashMap;

/// The yearly run cost at a month, split over capabilities (rule 2).
#[derive(Clone, PartialEq, Debug, Default)]
pub struct CapabilityCost {
    /// Per capability, in the roadmap's order: its share of the yearly run cost.
    pub by_capability: Vec<f64>,
    /// The yearly run cost of running applications that support no capability.
    pub unallocated: f64,
}

impl CapabilityCost {
    /// Everything: the capabilities' shares and the unallocated amount.
    pub fn total(&self) -> f64 {
        self.by_capability.iter().sum::<f64>() + self.unallocated
    }
}

/// Savings from retiring applications (rule 3).
#[derive(Clone, PartialEq, Debug, Default)]
pub struct Savings {
    /// The fiscal years touching the horizon, in order.
    pub fiscal_years: Vec<i32>,
    /// Per fiscal year: the run cost saved.
    pub by_year: Vec<f64>,
    /// Per initiative (the roadmap's order), per fiscal year: the run cost its retirements save.
    pub by_initiative: Vec<Vec<f64>>,
}

impl Savings {
    /// What initiative `i` (an index) saves over all the fiscal years.
    pub fn initiative_total(&self, i: usize) -> f64 {
        self.by_initiative.get(i).map_or(0.0, |years| years.iter().sum())
    }
}

impl Analysis<'_> {
    /// What application `app` costs in month `m` (rule 1).
    pub fn monthly_run_cost(&self, app: usize, m: Month) -> f64 {
        if self.runs_at(app, m) {
            self.applications()[app].run_cost_per_year / 12.0
        } else {
            0.0
        }
    }

    /// The yearly run cost of the applications running at `m`, split over capabilities.
    pub fn cost_by_capability(&self, m: Month) -> CapabilityCost {
        let mut out = CapabilityCost { by_capability: vec![0.0; self.roadmap.capabilities.len()], unallocated: 0.0 };
        for (app, a) in self.applications().iter().enumerate() {
            if !self.runs_at(app, m) {
                continue;
            }
            let caps = self.capabilities_of(app);
            if caps.is_empty() {
                out.unallocated += a.run_cost_per_year;
                continue;
            }
            let share = a.run_cost_per_year / caps.len() as f64;
            for &c in caps {
                out.by_capability[c] += share;
            }
        }
        out
    }

    /// What retiring applications saves, per fiscal year and per initiative.
    pub fn retirement_savings(&self) -> Savings {
        let r = self.roadmap;
        let fiscal_years = spend::fiscal_years(r);
        let n = fiscal_years.len();
        let mut out =
            Savings { by_year: vec![0.0; n], by_initiative: vec![vec![0.0; n]; r.initiatives.len()], fiscal_years };
        let (Some(&first), Some(&last)) = (out.fiscal_years.first(), out.fiscal_years.last()) else { return out };
        let fs = r.fiscal_year_start_month.clamp(1, 12);
        let (from, to) = (fiscal_year_start(first, fs), fiscal_year_start(last, fs).plus(11));
        let initiatives: HashMap<&str, usize> =
            r.initiatives.iter().enumerate().map(|(k, i)| (i.id.as_str(), k)).collect();
        for (app, a) in self.applications().iter().enumerate() {
            let Some((change, retired)) = self.retired_by[app] else { continue };
            let monthly = a.run_cost_per_year / 12.0;
            if monthly == 0.0 || retired > to {
                continue;
            }
            // Without the retirement: the typed lifecycle with any introduction applied.
            let mut before = a.lifecycle;
            if let Some((_, m)) = self.introduced_by[app] {
                lifecycle::introduce(&mut before, m);
            }
            let initiative = initiatives.get(r.landscape.changes[change].initiative.as_str()).copied();
            for index in retired.max(from).index()..=to.index() {
                let m = Month::from_index(index);
                if lifecycle::runs_at(&before, m) && !self.runs_at(app, m) {
                    let year = (m.fiscal_year(fs) - first) as usize;
                    out.by_year[year] += monthly;
                    if let Some(i) = initiative {
                        out.by_initiative[i][year] += monthly;
                    }
                }
            }
        }
        out
    }
}
