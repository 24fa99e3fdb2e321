//! Data quality of the application inventory: how many applications have an owner, a cost,
//! a lifecycle and a capability link, and which ones miss each (docs/landscape.md).

use super::Analysis;

/// The four things every application should have.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Check {
    /// A business owner or an IT owner (not blank).
    Owner,
    /// A run cost per year above 0.
    Cost,
    /// At least one dated lifecycle phase.
    Lifecycle,
    /// At least one link to a capability that exists.
    Capability,
}

impl Check {
    pub const ALL: [Check; 4] = [Check::Owner, Check::Cost, Check::Lifecycle, Check::Capability];
    pub fn label(self) -> &'static str {
        match self {
            Check::Owner => "Owner",
            Check::Cost => "Run cost",
            Check::Lifecycle => "Lifecycle dates",
            Check::Capability => "Capability link",
        }
    }
}

/// Which applications (indexes, in list order) miss each check.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct Quality {
    pub applications: usize,
    /// In [`Check::ALL`] order.
    pub missing: [Vec<usize>; 4],
}

impl Quality {
    pub fn missing(&self, check: Check) -> &[usize] {
        &self.missing[check as usize]
    }
    /// The share of applications passing `check`, 0 to 1; `None` without applications.
    pub fn share(&self, check: Check) -> Option<f64> {
        (self.applications > 0).then(|| 1.0 - self.missing(check).len() as f64 / self.applications as f64)
    }
}

impl Analysis<'_> {
    pub fn quality(&self) -> Quality {
        let apps = self.applications();
        let mut q = Quality { applications: apps.len(), ..Quality::default() };
        for (k, a) in apps.iter().enumerate() {
            let passes = [
                !a.business_owner.trim().is_empty() || !a.it_owner.trim().is_empty(),
                a.run_cost_per_year > 0.0,
                !a.lifecycle.is_empty(),
                a.capabilities.iter().any(|s| self.caps().contains_key(s.capability.as_str())),
            ];
            for (check, pass) in passes.into_iter().enumerate() {
                if !pass {
                    q.missing[check].push(k);
                }
            }
        }
        q
    }
}
