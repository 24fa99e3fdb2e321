//! A seeded generator of large, realistic roadmaps for benchmarks and tests.
//!
//! The same seed and size always give the same roadmap. Generated roadmaps have no
//! validation errors, and their dependencies are all honoured (finish-to-start), so any
//! problem a view shows comes from the data's shape (budgets, capacity, gaps), not from
//! broken links.

use super::calendar::{Month, Quarter};
use super::model::*;
use super::spend;
use std::collections::HashMap;
use std::sync::Arc;

/// SplitMix64: tiny, fast and good enough for test data.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// 0..n (n > 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// lo..=hi.
    pub(crate) fn between(&mut self, lo: u8, hi: u8) -> u8 {
        lo + self.below((hi - lo) as usize + 1) as u8
    }
    /// Uniform in [0, 1).
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub(crate) fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    /// An index into `n` items, skewed towards the first ones.
    pub(crate) fn skewed(&mut self, n: usize) -> usize {
        ((self.unit() * self.unit() * n as f64) as usize).min(n - 1)
    }
    /// One compliance framework with probability `p`, else none.
    fn compliance(&mut self, p: f64) -> Vec<String> {
        if self.chance(p) {
            vec![self.pick(&COMPLIANCE_FRAMEWORKS).to_string()]
        } else {
            Vec::new()
        }
    }
    /// `count` distinct indexes below `n` (count ≤ n).
    pub(crate) fn distinct(&mut self, count: usize, n: usize) -> Vec<usize> {
        let mut out = Vec::with_capacity(count);
        while out.len() < count {
            let k = self.below(n);
            if !out.contains(&k) {
                out.push(k);
            }
        }
        out
    }
}

const VERBS: [&str; 16] = [
    "Modernise",
    "Consolidate",
    "Automate",
    "Migrate",
    "Replace",
    "Upgrade",
    "Standardise",
    "Secure",
    "Digitise",
    "Rationalise",
    "Harden",
    "Integrate",
    "Pilot",
    "Roll out",
    "Retire",
    "Outsource",
];
const OBJECTS: [&str; 25] = [
    "CRM",
    "ERP",
    "service desk",
    "data platform",
    "identity management",
    "WAN",
    "data centre",
    "payroll",
    "procurement",
    "warehouse systems",
    "customer portal",
    "mobile apps",
    "document management",
    "billing",
    "reporting",
    "API gateway",
    "backup",
    "e-mail",
    "endpoint security",
    "contract management",
    "HR systems",
    "telephony",
    "test automation",
    "monitoring",
    "licence management",
];
const SCOPES: [&str; 8] = ["", "", "", " – Nordics", " – DACH", " – UK", " – Benelux", " – phase 2"];
const BUSINESS_AREAS: [&str; 12] = [
    "Customer management",
    "Sales & marketing",
    "Finance",
    "Human resources",
    "Supply chain",
    "Manufacturing",
    "Logistics",
    "Procurement",
    "Product development",
    "Legal & compliance",
    "Data & analytics",
    "Digital channels",
];
const QUALIFIERS: [&str; 10] = [
    "Strategic",
    "Operational",
    "Digital",
    "Automated",
    "Integrated",
    "Self-service",
    "Real-time",
    "Regulatory",
    "Partner",
    "Enterprise",
];
const NOUNS: [&str; 16] = [
    "planning",
    "reporting",
    "analytics",
    "case management",
    "workflow",
    "master data",
    "onboarding",
    "scheduling",
    "forecasting",
    "monitoring",
    "billing",
    "document handling",
    "quality management",
    "risk assessment",
    "order management",
    "inventory control",
];
const GOAL_VERBS: [&str; 8] =
    ["Grow", "Improve", "Reduce", "Increase", "Protect", "Accelerate", "Simplify", "Strengthen"];
const THEMES: [&str; 6] =
    ["Customer experience", "Growth", "Efficiency", "Resilience", "Security & compliance", "Sustainability"];
/// KPI name, unit, baseline, target.
const KPIS: [(&str, &str, f64, f64); 10] = [
    ("Net Promoter Score", "points", 15.0, 35.0),
    ("Digital revenue share", "%", 20.0, 45.0),
    ("IT cost per employee", "EUR", 9800.0, 8500.0),
    ("Availability of tier-1 systems", "%", 99.5, 99.9),
    ("Mean time to detect incidents", "hours", 48.0, 6.0),
    ("Open major audit findings", "findings", 8.0, 0.0),
    ("Time to market for changes", "days", 60.0, 20.0),
    ("Employee satisfaction with IT", "points", 3.1, 4.0),
    ("Certified reports", "%", 25.0, 80.0),
    ("CO₂ per unit shipped", "kg", 12.0, 9.0),
];
pub(crate) const PEOPLE: [&str; 16] = [
    "A. Berg",
    "B. Costa",
    "C. Dahl",
    "D. Evans",
    "E. Fischer",
    "F. García",
    "G. Hansen",
    "H. Ito",
    "I. Jensen",
    "J. Kowalski",
    "K. Larsen",
    "L. Moreau",
    "M. Novak",
    "N. Okafor",
    "O. Petrov",
    "P. Quinn",
];
pub(crate) const VENDORS: [&str; 25] = [
    "Arcturus Software",
    "Quanta Service Cloud",
    "Helix Security",
    "Northgate Networks",
    "Pelican Data",
    "Bluefjord Consulting",
    "Kestrel Systems",
    "Lumen Observability",
    "Cobalt Devices",
    "Vireo Telematics",
    "Orion Integration",
    "Sable Analytics",
    "Tessera Cloud",
    "Umbra Backup",
    "Vantage HR",
    "Willow Payments",
    "Xenon Telecom",
    "Yarrow Documents",
    "Zephyr Mobile",
    "Atlas Outsourcing",
    "Beacon Testing",
    "Cirrus Hosting",
    "Delta Licensing",
    "Ember Workflow",
    "Fathom Consulting",
];

/// About 40 capabilities for 100 initiatives, 300 for 2,000, never more than 1,000.
fn capability_count(initiatives: usize) -> usize {
    if initiatives <= 100 {
        20 + initiatives / 5
    } else {
        (40 + (initiatives - 100) * 260 / 1900).min(1000)
    }
}

pub(crate) fn round_to(value: f64, step: f64) -> f64 {
    (value / step).round() * step
}

/// Name and area of the `k`th L1 capability: the IT-management areas first, then business
/// areas (numbered once they run out).
fn l1_name(k: usize) -> (String, String) {
    if let Some(area) = AREAS.get(k) {
        return (area.to_string(), area.to_string());
    }
    let (b, round) = ((k - AREAS.len()) % BUSINESS_AREAS.len(), (k - AREAS.len()) / BUSINESS_AREAS.len());
    let name = match round {
        0 => BUSINESS_AREAS[b].to_string(),
        n => format!("{} {}", BUSINESS_AREAS[b], n + 1),
    };
    (name, "Business capabilities".to_string())
}

pub(crate) fn capabilities(rng: &mut Rng, count: usize) -> Vec<Arc<Capability>> {
    use Risk::*;
    let l1 = (count / 10).clamp(4, 40);
    let l2 = (count - l1) * 2 / 5;
    let mut out: Vec<Arc<Capability>> = Vec::with_capacity(count);
    for k in 0..count {
        let (name, parent, area) = if k < l1 {
            let (name, area) = l1_name(k);
            (name, None, area)
        } else {
            // L2s go round the L1s so every L1 has children; L3s hang under a random L2.
            let parent = if k < l1 + l2 { (k - l1) % l1 } else { l1 + rng.below(l2) };
            let name = format!("{} {}", rng.pick(&QUALIFIERS), rng.pick(&NOUNS));
            (name, Some(out[parent].id.clone()), out[parent].area.clone())
        };
        let current = rng.between(0, 4);
        out.push(Arc::new(Capability {
            id: format!("cap-{}", k + 1),
            name,
            description: String::new(),
            parent,
            area,
            current_maturity: current,
            target_maturity: (current + rng.between(0, 2)).min(5),
            importance: rng.between(1, 5),
            risk: *rng.pick(&[Low, Low, Medium, Medium, Medium, High, High, Critical]),
            compliance: rng.compliance(0.25),
        }));
    }
    out
}

fn goals(rng: &mut Rng, count: usize, horizon: Horizon) -> Vec<Arc<Goal>> {
    (0..count)
        .map(|k| {
            let (kpi, unit, baseline, target) = KPIS[k % KPIS.len()];
            let jitter = 0.8 + 0.4 * rng.unit();
            Arc::new(Goal {
                id: format!("goal-{}", k + 1),
                name: format!("{} {}", rng.pick(&GOAL_VERBS), kpi.to_lowercase()),
                description: String::new(),
                theme: rng.pick(&THEMES).to_string(),
                weight: rng.between(1, 5),
                owner: rng.pick(&PEOPLE).to_string(),
                kpi: Kpi {
                    name: kpi.into(),
                    baseline: round_to(baseline * jitter, 0.1),
                    target: round_to(target * jitter, 0.1),
                    unit: unit.into(),
                    due: Some(horizon.end.plus(-(rng.below(12) as i32))),
                },
            })
        })
        .collect()
}

/// The status of a dated initiative relative to "now", six months into the horizon.
fn status(rng: &mut Rng, start: Month, end: Month, now: Month) -> Status {
    use Status::*;
    let r = rng.unit();
    if end < now {
        if r < 0.04 {
            Cancelled
        } else {
            Done
        }
    } else if start <= now {
        if r < 0.06 {
            OnHold
        } else {
            InProgress
        }
    } else {
        *[(0.4, Approved), (0.85, Proposed), (0.9, Idea), (0.95, OnHold), (1.0, Cancelled)]
            .iter()
            .find(|(p, _)| r < *p)
            .map_or(&Proposed, |(_, s)| s)
    }
}

fn initiatives(
    rng: &mut Rng,
    count: usize,
    horizon: Horizon,
    goals: &[Arc<Goal>],
    caps: &[Arc<Capability>],
) -> Vec<Arc<Initiative>> {
    let months = horizon.start.months_through(horizon.end) as usize;
    let now = horizon.start.plus(6);
    let mut names: HashMap<String, usize> = HashMap::new();
    let mut out: Vec<Arc<Initiative>> = Vec::with_capacity(count);
    for k in 0..count {
        let mut name = format!("{} {}{}", rng.pick(&VERBS), rng.pick(&OBJECTS), rng.pick(&SCOPES));
        let seen = names.entry(name.clone()).or_default();
        *seen += 1;
        if *seen > 1 {
            name = format!("{name} ({seen})");
        }
        // Starts drift through the horizon with the index (± 6 months), so that earlier
        // initiatives tend to end before later ones start and can be their predecessors.
        let dates = (!rng.chance(0.05)).then(|| {
            let drift = (k * (months - 1) / count) as i32 + rng.below(13) as i32 - 6;
            let start = horizon.start.plus(drift.clamp(0, months as i32 - 2));
            (start, start.plus(1 + rng.below(17) as i32).min(horizon.end))
        });
        let status = match dates {
            Some((start, end)) => status(rng, start, end, now),
            None if rng.chance(0.6) => Status::Idea,
            None => Status::Proposed,
        };
        let capex = round_to(20e3 + rng.unit().powi(3) * 2.5e6, 1e3);
        let opex = round_to(10e3 + rng.unit().powi(2) * 8e5, 1e3);
        let mut vendors: Vec<String> = Vec::new();
        for _ in 0..rng.below(3) {
            let v = VENDORS[rng.skewed(VENDORS.len())].to_string();
            if !vendors.contains(&v) {
                vendors.push(v);
            }
        }
        // Finish-to-start predecessors: earlier, non-cancelled initiatives that end before
        // this one starts (0–3, about 1.5 on average: not every pick fits).
        let mut depends_on: Vec<Id> = Vec::new();
        if let Some((start, _)) = dates.filter(|_| k > 0) {
            for _ in 0..*rng.pick(&[0, 1, 1, 2, 2, 3, 3, 3]) {
                for _ in 0..8 {
                    let before = &out[rng.below(k)];
                    let fits = before.status != Status::Cancelled && before.end.is_some_and(|e| e < start);
                    if fits && !depends_on.contains(&before.id) {
                        depends_on.push(before.id.clone());
                        break;
                    }
                }
            }
        }
        let milestones = match dates {
            Some((start, end)) => (0..rng.below(3))
                .map(|m| Milestone {
                    name: ["Design approved", "Pilot live", "Go-live"][m].into(),
                    month: Some(start.plus(rng.below(start.months_through(end) as usize) as i32)),
                })
                .collect(),
            None => Vec::new(),
        };
        let (goal_count, cap_count) = (1 + rng.below(3), 1 + rng.below(4));
        let goal_links = rng.distinct(goal_count, goals.len());
        let cap_links = rng.distinct(cap_count, caps.len());
        out.push(Arc::new(Initiative {
            id: format!("ini-{}", k + 1),
            name,
            description: String::new(),
            owner: rng.pick(&PEOPLE).to_string(),
            sponsor: rng.pick(&PEOPLE).to_string(),
            status,
            start: dates.map(|d| d.0),
            end: dates.map(|d| d.1),
            milestones,
            capex,
            opex,
            run_cost_per_year: round_to((capex + opex) * (0.05 + 0.2 * rng.unit()), 1e3),
            fte: round_to(0.5 + rng.unit().powi(2) * 7.5, 0.5),
            vendors,
            risk: RiskScore { likelihood: rng.between(1, 5), impact: rng.between(1, 5) },
            compliance: rng.compliance(0.3),
            depends_on,
            goals: goal_links
                .into_iter()
                .map(|g| GoalLink { goal: goals[g].id.clone(), contribution: rng.between(1, 3) })
                .collect(),
            capabilities: cap_links
                .into_iter()
                .map(|c| CapabilityLink {
                    capability: caps[c].id.clone(),
                    maturity_after: caps[c].target_maturity.max(caps[c].current_maturity + 1).min(5),
                })
                .collect(),
            ..Initiative::default()
        }));
    }
    out
}

/// A roadmap with `initiatives` initiatives and capabilities, goals, budgets and capacity
/// in proportion, fully determined by `seed`. 2,000 initiatives give about 300
/// capabilities, 22 goals and 3,000 dependencies.
pub fn generate(seed: u64, initiatives: usize) -> Roadmap {
    let mut rng = Rng(seed);
    let years = 3 + rng.below(3) as i32;
    let horizon = Horizon { start: Month { year: 2026, month: 1 }, end: Month { year: 2025 + years, month: 12 } };
    let goals = goals(&mut rng, (12 + initiatives / 200).min(30), horizon);
    let capabilities = capabilities(&mut rng, capability_count(initiatives));
    let mut r = Roadmap {
        name: format!("Generated roadmap ({initiatives} initiatives, seed {seed})"),
        description: "Generated test data.".into(),
        currency: "EUR".into(),
        fiscal_year_start_month: *rng.pick(&[1, 1, 4, 7, 10]),
        horizon,
        initiatives: self::initiatives(&mut rng, initiatives, horizon, &goals, &capabilities),
        goals,
        capabilities,
        ..Roadmap::default()
    };
    // Envelopes and capacity near what the plan needs: some years and quarters end up over.
    r.budgets = spend::spend_by_fiscal_year(&r)
        .into_iter()
        .map(|y| Budget {
            fiscal_year: y.fiscal_year,
            capex: round_to(y.spend.capex * (0.85 + 0.3 * rng.unit()), 1e4),
            opex: round_to(y.spend.opex * (0.85 + 0.3 * rng.unit()), 1e4),
        })
        .collect();
    r.capacity = spend::fte_by_quarter(&r)
        .into_iter()
        .map(|(quarter, demand, _): (Quarter, f64, f64)| Capacity {
            quarter,
            fte: round_to(demand.max(5.0) * (0.9 + 0.3 * rng.unit()), 0.5),
        })
        .collect();
    estimate(&mut r, seed);
    r
}

/// Scoring estimates for every initiative, from a random stream of their own (so the rest
/// of the roadmap is the same as before estimates existed): job size follows the one-off
/// cost; business value, time criticality and risk reduction are skewed towards the low end
/// of the scale, as in real backlogs, and about 3% of initiatives are not estimated yet.
fn estimate(r: &mut Roadmap, seed: u64) {
    let mut rng = Rng(seed ^ 0x5C0E_5C0E_5C0E_5C0E);
    let scale = ESTIMATE_SCALE;
    for i in r.initiatives.iter_mut() {
        let i = Arc::make_mut(i);
        if rng.chance(0.03) {
            continue;
        }
        // Cost 30k .. 3.3M spans the scale's 7 steps on a log scale, ± one step.
        let steps = ((i.one_off_cost().max(30e3) / 30e3).ln() / (110f64).ln() * 6.0).round() as i32;
        let size = (steps + rng.below(3) as i32 - 1).clamp(0, 6) as usize;
        i.scoring = ScoringInputs {
            business_value: scale[rng.skewed(7)],
            time_criticality: scale[rng.skewed(7)],
            risk_reduction: scale[(rng.skewed(7) + (i.risk.impact as usize) / 3).min(6)],
            job_size: scale[size],
            custom: Default::default(),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::validate::validate;

    fn assert_no_errors(r: &Roadmap) {
        let errors: Vec<_> = validate(r).into_iter().filter(|p| p.is_error()).take(5).collect();
        assert!(errors.is_empty(), "{errors:#?}");
    }

    fn dependency_count(r: &Roadmap) -> usize {
        r.initiatives.iter().map(|i| i.depends_on.len()).sum()
    }

    #[test]
    fn same_seed_same_roadmap() {
        assert_eq!(generate(7, 300), generate(7, 300));
        assert_ne!(generate(7, 300), generate(8, 300));
    }

    #[test]
    fn small_roadmap_is_valid_and_proportioned() {
        let r = generate(1, 100);
        assert_no_errors(&r);
        assert_eq!((r.initiatives.len(), r.capabilities.len(), r.goals.len()), (100, 40, 12));
        assert!(r.capabilities.iter().all(|c| r.capability_level(&c.id).is_some_and(|l| l <= 3)));
        assert!(r.capabilities.iter().any(|c| r.capability_level(&c.id) == Some(3)));
    }

    #[test]
    fn large_roadmap_is_valid_and_realistic() {
        let r = generate(42, 2000);
        assert_no_errors(&r);
        assert_eq!((r.capabilities.len(), r.goals.len()), (300, 22));
        let deps = dependency_count(&r);
        assert!((2500..=3500).contains(&deps), "{deps} dependencies");
        let undated = r.initiatives.iter().filter(|i| !i.is_dated()).count();
        assert!((50..=150).contains(&undated), "{undated} undated");
        // Dependencies point back and are honoured.
        let index: HashMap<&str, usize> = r.initiatives.iter().enumerate().map(|(k, i)| (i.id.as_str(), k)).collect();
        for (k, i) in r.initiatives.iter().enumerate() {
            for d in &i.depends_on {
                let before = &r.initiatives[index[d.as_str()]];
                assert!(index[d.as_str()] < k && before.end < i.start, "{} -> {d}", i.id);
            }
            assert!((1..=3).contains(&i.goals.len()) && (1..=4).contains(&i.capabilities.len()));
        }
        // The most used vendor dominates, as in real portfolios.
        let mut vendors: HashMap<&str, usize> = HashMap::new();
        for v in r.initiatives.iter().flat_map(|i| &i.vendors) {
            *vendors.entry(v.as_str()).or_default() += 1;
        }
        assert!(vendors.len() >= 20 && vendors[VENDORS[0]] > 3 * vendors[VENDORS[20]]);
        let years = spend::fiscal_years(&r).len();
        assert_eq!(r.budgets.len(), years);
        assert_eq!(r.capacity.len(), spend::quarters(&r).len());
    }

    #[test]
    fn huge_roadmap_works() {
        // Timings are for the benchmark, never asserted here.
        let r = generate(3, 20_000);
        assert_eq!((r.initiatives.len(), r.capabilities.len(), r.goals.len()), (20_000, 1000, 30));
        assert!(r.capabilities.iter().all(|c| r.capability_level(&c.id).is_some_and(|l| l <= 3)));
    }
}
