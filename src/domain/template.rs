//! Starting points for a new roadmap: a blank one, and one pre-filled with an IT-management
//! capability map (the 8 [`AREAS`] as L1 capabilities with their usual L2 capabilities).

use super::model::{Capability, Horizon, Roadmap, AREAS};
use std::sync::Arc;

/// An empty roadmap: EUR, fiscal year = calendar year, no items.
pub fn blank(name: &str, horizon: Horizon) -> Roadmap {
    Roadmap { name: name.to_string(), horizon, ..Roadmap::default() }
}

/// The IT-management capability map, one row per entry of [`AREAS`] (same order):
/// the L1 id code and its L2 capabilities `(id code, name)`.
const IT_MANAGEMENT: [(&str, &[(&str, &str)]); 8] = [
    (
        "strategy",
        &[
            ("brm", "Business relationship management"),
            ("planning", "IT strategy & roadmap planning"),
            ("ea", "Enterprise architecture"),
            ("demand", "Demand management"),
            ("innovation", "Innovation & emerging technology"),
        ],
    ),
    (
        "itsm",
        &[
            ("incident", "Incident management"),
            ("problem", "Problem management"),
            ("change", "Change enablement"),
            ("catalogue", "Service catalogue & request fulfilment"),
            ("slm", "Service level management"),
            ("knowledge", "Knowledge management"),
        ],
    ),
    (
        "grc",
        &[
            ("infosec", "Information security management"),
            ("iam", "Identity & access management"),
            ("secops", "Security monitoring & response"),
            ("risk", "IT risk management"),
            ("compliance", "Regulatory compliance & audit"),
            ("bcdr", "Business continuity & disaster recovery"),
        ],
    ),
    (
        "ppm",
        &[
            ("portfolio", "Portfolio management"),
            ("delivery", "Project & programme delivery"),
            ("agile", "Agile delivery practices"),
            ("benefits", "Benefits realisation"),
        ],
    ),
    (
        "people",
        &[
            ("org", "IT organisation & governance design"),
            ("skills", "Skills & competency management"),
            ("talent", "Recruitment & talent development"),
            ("capacity", "Resource & capacity planning"),
        ],
    ),
    (
        "finance",
        &[
            ("budget", "IT budgeting & forecasting"),
            ("showback", "Cost allocation & showback"),
            ("assets", "IT asset management"),
            ("licences", "Software licence management"),
        ],
    ),
    (
        "tech",
        &[
            ("standards", "Technology standards & lifecycle"),
            ("cloud", "Cloud strategy"),
            ("sourcing", "Sourcing strategy"),
            ("vendors", "Vendor & contract management"),
        ],
    ),
    (
        "ops",
        &[
            ("infra", "Infrastructure & hosting"),
            ("network", "Network operations"),
            ("monitoring", "Monitoring & event management"),
            ("backup", "Backup & restore"),
            ("workplace", "End-user services"),
            ("release", "Release & deployment management"),
        ],
    ),
];

/// A roadmap with the IT-management capability map filled in and nothing else: L1 ids
/// `cap-<area>` (e.g. `cap-itsm`), L2 ids `cap-<area>-<capability>` (e.g.
/// `cap-itsm-incident`). Every capability starts at maturity 2 with target 3, importance 3
/// and medium risk — the defaults a CIO then adjusts in the assessment. Its landscape holds
/// the tools IT management itself runs on, named by what they do and linked to these
/// capabilities (`landscape::demo::it_management_landscape`).
pub fn it_management_template(name: &str, horizon: Horizon) -> Roadmap {
    Roadmap {
        landscape: super::landscape::demo::it_management_landscape(),
        ..it_management_capabilities(name, horizon)
    }
}

/// The IT-management template without its landscape (added by `App::open_new_with_landscape`
/// once the code holding its tables is loaded).
pub fn it_management_capabilities(name: &str, horizon: Horizon) -> Roadmap {
    let mut roadmap = blank(name, horizon);
    roadmap.description = "IT-management capability map: assess current and target maturity, \
                           then add goals and initiatives."
        .to_string();
    for (area, (code, children)) in AREAS.iter().zip(IT_MANAGEMENT) {
        let l1 = format!("cap-{code}");
        let cap = |id: String, name: &str, parent: Option<&String>| {
            Arc::new(Capability {
                id,
                name: name.to_string(),
                parent: parent.cloned(),
                area: area.to_string(),
                ..Capability::default()
            })
        };
        roadmap.capabilities.push(cap(l1.clone(), area, None));
        roadmap.capabilities.extend(children.iter().map(|(sub, name)| cap(format!("{l1}-{sub}"), name, Some(&l1))));
    }
    roadmap
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::Month;
    use crate::domain::model::Risk;
    use crate::domain::validate::validate;
    use std::collections::HashSet;

    fn horizon() -> Horizon {
        Horizon { start: Month { year: 2027, month: 1 }, end: Month { year: 2029, month: 12 } }
    }

    #[test]
    fn blank_is_empty() {
        let r = blank("Plan", horizon());
        assert!(validate(&r).is_empty());
        assert_eq!(r.name, "Plan");
        assert_eq!(r.horizon, horizon());
        assert!(r.goals.is_empty() && r.capabilities.is_empty() && r.initiatives.is_empty());
    }

    #[test]
    fn template_has_the_eight_areas_with_children() {
        let r = it_management_template("IT plan", horizon());
        assert!(validate(&r).is_empty(), "{:?}", validate(&r));
        assert_eq!(r.name, "IT plan");
        assert_eq!(r.horizon, horizon());
        let l1: Vec<_> = r.capability_children(None).collect();
        assert_eq!(l1.len(), 8);
        for (cap, area) in l1.iter().zip(AREAS) {
            assert_eq!((cap.name.as_str(), cap.area.as_str()), (area, area));
            let n = r.capability_children(Some(&cap.id)).filter(|c| c.area == area).count();
            assert!((3..=6).contains(&n), "{}: {n} children", cap.id);
        }
        let ids: HashSet<_> = r.capabilities.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids.len(), r.capabilities.len(), "duplicate ids");
        assert!(ids.contains("cap-itsm") && ids.contains("cap-itsm-incident"));
        for c in &r.capabilities {
            assert!(r.capability_level(&c.id).is_some_and(|l| l <= 2), "{}", c.id);
            assert_eq!((c.current_maturity, c.target_maturity, c.importance, c.risk), (2, 3, 3, Risk::Medium));
        }
    }

    #[test]
    fn template_landscape_links_every_tool_to_its_capabilities() {
        use crate::domain::landscape::quality::Check;
        let r = it_management_template("IT plan", horizon());
        let l = &r.landscape;
        assert!(l.applications.len() >= 15 && l.technologies.len() >= 5);
        for a in &l.applications {
            assert!(!a.capabilities.is_empty(), "{} supports no capability", a.name);
            for s in &a.capabilities {
                assert!(r.capability(&s.capability).is_some(), "{}: no capability {}", a.name, s.capability);
            }
            assert!(!a.business_owner.is_empty() && !a.it_owner.is_empty(), "{} has no owner", a.name);
        }
        // Every capability area has a tool, and the ITSM platform sits on all of ITSM.
        for area in AREAS {
            let served = l
                .applications
                .iter()
                .flat_map(|a| &a.capabilities)
                .any(|s| r.capability(&s.capability).is_some_and(|c| c.area == area));
            assert!(served, "no tool for {area}");
        }
        // Costs and lifecycles are the user's to fill in: data quality says so.
        let q = crate::domain::landscape::Analysis::new(&r).quality();
        assert_eq!(q.missing(Check::Cost).len(), l.applications.len());
        assert!(q.missing(Check::Owner).is_empty() && q.missing(Check::Capability).is_empty());
    }
}
