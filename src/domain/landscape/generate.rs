//! Landscapes at scale for benchmarks and tests, in the style of `domain::generate`: the
//! same seed and size always give the same roadmap, with no validation errors.
//!
//! [`ENTERPRISE`] is the size the issue asks Cairn to handle: 5,000 applications, 20,000
//! technologies, 1,000 capabilities and 100,000 links.

use super::model::*;
use crate::domain::calendar::Month;
use crate::domain::generate::{capabilities, round_to, Rng, PEOPLE, VENDORS};
use crate::domain::model::Roadmap;
use std::sync::Arc;

/// How big a landscape to make.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Size {
    pub applications: usize,
    pub technologies: usize,
    /// At least the 40 of the base roadmap (more are added).
    pub capabilities: usize,
    /// Links from applications: 15% to capabilities, 55% to technologies, 30% interfaces
    /// (each as many as there are distinct targets to link to).
    pub links: usize,
}

pub const ENTERPRISE: Size = Size { applications: 5_000, technologies: 20_000, capabilities: 1_000, links: 100_000 };

/// The enterprise size's proportions for `applications` applications: four technologies and
/// twenty links per application, one capability per five (at least the base roadmap's).
pub fn scaled(applications: usize) -> Size {
    Size { applications, technologies: 4 * applications, capabilities: applications / 5, links: 20 * applications }
}

/// Catalog-like products: (name, category, vendor, first version).
const PRODUCTS: [(&str, &str, &str, u32); 12] = [
    ("Windows Server", "os", "Microsoft", 2008),
    ("Red Hat Enterprise Linux", "os", "Red Hat", 5),
    ("Oracle Database", "database", "Oracle", 10),
    ("PostgreSQL", "database", "PostgreSQL Global Development Group", 9),
    ("SQL Server", "database", "Microsoft", 2012),
    ("Java", "lang", "Oracle", 6),
    (".NET", "framework", "Microsoft", 3),
    ("Node.js", "framework", "OpenJS Foundation", 10),
    ("Apache Tomcat", "server-app", "Apache Software Foundation", 7),
    ("VMware ESXi", "os", "Broadcom", 5),
    ("Kubernetes", "server-app", "CNCF", 20),
    ("Python", "lang", "Python Software Foundation", 6),
];

const APP_NAMES: [&str; 16] = [
    "Billing",
    "Booking",
    "CRM",
    "ERP",
    "Warehouse",
    "Transport",
    "HR",
    "Payroll",
    "Portal",
    "Reporting",
    "Procurement",
    "Service desk",
    "Document",
    "Planning",
    "Tracking",
    "Identity",
];

/// A roadmap (the base generator's, with `size.capabilities` capabilities) with a landscape
/// of `size`, fully determined by `seed`.
pub fn generate(seed: u64, size: Size) -> Roadmap {
    let mut r = crate::domain::generate::generate(seed, 100);
    let mut rng = Rng(seed ^ 0x1A4D_5CA9_E000_0001);
    let caps = size.capabilities.max(r.capabilities.len());
    // Ids run cap-1.., so the base initiatives' links still hold.
    r.capabilities = capabilities(&mut rng, caps);
    r.name = format!("Generated landscape ({} applications, seed {seed})", size.applications);
    let base = Month { year: 2000, month: 1 };
    let technologies: Vec<Arc<Technology>> = (0..size.technologies)
        .map(|k| {
            let (name, category, vendor, first) = PRODUCTS[k % PRODUCTS.len()];
            let version = format!("{}.{}", first + (k / PRODUCTS.len()) as u32 % 20, k / (PRODUCTS.len() * 20));
            let dated = !rng.chance(0.1);
            let release = base.plus(rng.below(27 * 12) as i32);
            let standard = release.plus(24 + rng.below(36) as i32);
            let eol = standard.plus(12 + rng.below(48) as i32);
            let extended = rng.chance(0.3).then(|| eol.plus(12 + rng.below(36) as i32));
            Arc::new(Technology {
                id: format!("tech-{}", k + 1),
                name: name.into(),
                category: category.into(),
                vendor: vendor.into(),
                version,
                release: dated.then_some(release),
                end_of_standard_support: dated.then_some(standard),
                end_of_life: dated.then_some(eol),
                end_of_extended_support: extended.filter(|_| dated),
                catalog: None,
            })
        })
        .collect();
    let n = size.applications;
    let share = |percent: usize| size.links * percent / 100;
    let (cap_links, tech_links) = (share(15), share(55));
    let iface_links = size.links - cap_links - tech_links;
    let per = |total: usize, k: usize, most: usize| (total / n.max(1) + usize::from(k < total % n.max(1))).min(most);
    let mut applications: Vec<Application> = Vec::with_capacity(n);
    for k in 0..n {
        let active = base.plus(rng.below(26 * 12) as i32);
        let ending = rng.chance(0.4);
        let eol = ending.then(|| Month { year: 2026, month: 1 }.plus(rng.below(84) as i32));
        let future = !ending && rng.chance(0.1);
        let lifecycle = if rng.chance(0.05) {
            Lifecycle::default()
        } else if future {
            let live = Month { year: 2026, month: 6 }.plus(rng.below(36) as i32);
            Lifecycle {
                plan: Some(live.plus(-12)),
                phase_in: Some(live.plus(-4)),
                active: Some(live),
                ..Lifecycle::default()
            }
        } else {
            Lifecycle {
                active: Some(active),
                phase_out: eol.filter(|e| e.plus(-6) > active).map(|e| e.plus(-6)),
                end_of_life: eol.filter(|e| *e > active),
                ..Lifecycle::default()
            }
        };
        let fit = |rng: &mut Rng| (!rng.chance(0.2)).then(|| rng.between(1, 4));
        let (functional_fit, technical_fit) = (fit(&mut rng), fit(&mut rng));
        let disposition = rng.chance(0.1).then(|| *rng.pick(Disposition::ALL));
        let successor = (eol.is_some() && n > 1 && rng.chance(0.3)).then(|| {
            let s = rng.below(n - 1);
            format!("app-{}", if s >= k { s + 2 } else { s + 1 })
        });
        let techs = rng.distinct(per(tech_links, k, size.technologies), size.technologies);
        let supported = rng.distinct(per(cap_links, k, caps), caps);
        let others = rng.distinct(per(iface_links, k, n.saturating_sub(1)), n.saturating_sub(1));
        let owner = |rng: &mut Rng| if rng.chance(0.1) { String::new() } else { rng.pick(&PEOPLE).to_string() };
        applications.push(Application {
            id: format!("app-{}", k + 1),
            name: format!("{} {}", rng.pick(&APP_NAMES), k + 1),
            description: String::new(),
            kind: *rng.pick(AppType::ALL),
            hosting: *rng.pick(Hosting::ALL),
            vendor: VENDORS[rng.skewed(VENDORS.len())].into(),
            business_owner: owner(&mut rng),
            it_owner: owner(&mut rng),
            criticality: *rng.pick(Criticality::ALL),
            data_classification: *rng.pick(DataClass::ALL),
            users: rng.below(5000) as u32,
            lifecycle,
            functional_fit,
            technical_fit,
            disposition,
            successor,
            run_cost_per_year: if rng.chance(0.08) { 0.0 } else { round_to(5e3 + rng.unit().powi(3) * 2e6, 1e3) },
            capex: round_to(rng.unit().powi(3) * 1e6, 1e3),
            contract_end: rng.chance(0.3).then(|| Month { year: 2026, month: 1 }.plus(rng.below(60) as i32)),
            tags: Vec::new(),
            technologies: techs.into_iter().map(|t| format!("tech-{}", t + 1)).collect(),
            capabilities: supported
                .into_iter()
                .map(|c| Support { capability: format!("cap-{}", c + 1), fit: fit(&mut rng) })
                .collect(),
            interfaces: others
                .into_iter()
                .map(|o| Interface {
                    to: format!("app-{}", if o >= k { o + 2 } else { o + 1 }),
                    name: String::new(),
                    direction: *rng.pick(Direction::ALL),
                    data: String::new(),
                })
                .collect(),
        });
    }
    // A third of the initiatives retire an application still in use, half of those replace
    // it by a future one; each application is retired at most once.
    let mut changes = Vec::new();
    let mut taken = vec![false; n];
    for i in r.initiatives.iter().filter(|i| i.is_dated()) {
        if n == 0 || !rng.chance(0.33) {
            continue;
        }
        let k = rng.below(n);
        if taken[k] || applications[k].lifecycle.plan.is_some() {
            continue;
        }
        taken[k] = true;
        let newcomer = (0..8).map(|_| rng.below(n)).find(|&j| !taken[j] && applications[j].lifecycle.plan.is_some());
        if let Some(j) = newcomer.filter(|_| rng.chance(0.5)) {
            taken[j] = true;
        }
        changes.push(Change {
            initiative: i.id.clone(),
            retires: Some(applications[k].id.clone()),
            introduces: newcomer.filter(|&j| taken[j]).map(|j| applications[j].id.clone()),
            month: None,
        });
    }
    r.landscape = Landscape { applications: applications.into_iter().map(Arc::new).collect(), technologies, changes };
    r
}

#[cfg(test)]
mod scale_tests {
    use super::*;

    #[test]
    fn the_enterprise_size_is_five_thousand_applications_scaled() {
        assert_eq!(scaled(5_000), ENTERPRISE);
    }
}
