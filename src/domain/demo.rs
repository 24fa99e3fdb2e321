//! The demo roadmap: Nordhaven Logistics, a fictional road-freight and contract-warehousing
//! company with about 1,500 staff, planning its IT for 2026–2028.
//!
//! It is realistic, consistent (no validation errors) and deliberately contains the problems
//! a CIO should spot, so every analysis view has something to show:
//!
//! - (a) unaligned spend: `ini-intranet` "Intranet redesign" is dated but serves no goal;
//! - (b) strategy gap: `goal-green` "Cut CO₂ per shipment" has no initiative;
//! - (c) FY2027 capex spend (7.38M) exceeds its 6.8M envelope by about 576k;
//! - (d) one broken dependency: `ini-portal` starts (2027-07) before `ini-crm` ends (2027-08);
//! - (e) gap with no plan: `cap-people-skills` (maturity 1 → 3) has no initiative;
//! - (f) unmanaged risk: `cap-grc-thirdparty` (high risk) has no initiative;
//! - (g) overload: 2027-Q2 needs 42.7 FTE against a capacity of 41;
//! - one vendor, Arcturus Software, takes over 40% of the spend (lock-in);
//! - `ini-chain` is cancelled, `ini-genai` and `ini-robotics` are undated ideas;
//! - its landscape (applications and technologies) has problems of its own, listed and
//!   tested in `landscape::demo`.

use super::calendar::{Month, Quarter};
use super::model::*;
use std::sync::Arc;

const BUSINESS: &str = "Business capabilities";

fn month(text: &str) -> Month {
    // Not `expect`: formatting the error for it would put Rust's Unicode tables on the first
    // screen (the demo is built there).
    Month::parse(text).unwrap_or_else(|_| panic!("demo months are valid"))
}

fn tags(list: &str) -> Vec<String> {
    list.split(',').map(str::trim).filter(|t| !t.is_empty()).map(String::from).collect()
}

/// Goals: id, name, theme, weight, owner, (KPI name, baseline, target, unit, due).
type KpiRow = (&'static str, f64, f64, &'static str, &'static str);
type GoalRow = (&'static str, &'static str, &'static str, u8, &'static str, KpiRow);

const GOALS: [GoalRow; 8] = [
    (
        "goal-cx",
        "Delight shippers with real-time visibility",
        "Customer experience",
        5,
        CCO,
        ("Net Promoter Score", 18.0, 35.0, "points", "2028-12"),
    ),
    (
        "goal-digital",
        "Grow digital bookings",
        "Growth",
        4,
        CCO,
        ("Share of orders booked online", 35.0, 70.0, "%", "2028-06"),
    ),
    (
        "goal-cost",
        "Lower the cost to serve",
        "Efficiency",
        4,
        CFO,
        ("IT cost per shipment", 1.9, 1.5, "EUR", "2028-12"),
    ),
    (
        "goal-resilience",
        "Keep the network running",
        "Resilience",
        5,
        COO,
        ("Availability of tier-1 systems", 99.5, 99.9, "%", "2027-12"),
    ),
    (
        "goal-security",
        "Reduce cyber risk",
        "Security & compliance",
        5,
        CISO,
        ("Mean time to detect security incidents", 72.0, 4.0, "hours", "2027-12"),
    ),
    (
        "goal-compliance",
        "Pass audits without major findings",
        "Security & compliance",
        3,
        COMPLIANCE,
        ("Open major audit findings", 6.0, 0.0, "findings", "2027-06"),
    ),
    (
        "goal-data",
        "Decide with trusted data",
        "Data",
        3,
        CFO,
        ("Management reports from certified data", 20.0, 80.0, "%", "2028-12"),
    ),
    ("goal-green", "Cut CO₂ per shipment", "Sustainability", 3, COO, ("CO₂ per shipment", 14.2, 11.0, "kg", "2028-12")),
];

/// Capabilities: id, name, area ("" = the parent's), current, target, importance, risk,
/// compliance tags. The parent is the id without its last `-segment` (none for `cap-x`).
type CapRow = (&'static str, &'static str, &'static str, u8, u8, u8, Risk, &'static str);

const CAPABILITIES: [CapRow; 44] = {
    use Risk::{Critical as C, High as H, Low as L, Medium as M};
    [
        ("cap-cust", "Customer & sales", BUSINESS, 2, 3, 5, M, ""),
        ("cap-cust-crm", "Customer relationship management", "", 1, 4, 5, M, "GDPR"),
        ("cap-cust-portal", "Customer self-service portal", "", 1, 3, 4, M, "GDPR"),
        ("cap-cust-portal-track", "Shipment tracking & notifications", "", 2, 4, 4, L, "GDPR"),
        ("cap-cust-billing", "Billing & invoicing", "", 2, 3, 4, M, "SOX, PCI DSS"),
        ("cap-log", "Logistics operations", BUSINESS, 2, 3, 5, M, ""),
        ("cap-log-tms", "Transport management", "", 2, 4, 5, H, ""),
        ("cap-log-wms", "Warehouse management", "", 3, 4, 4, M, ""),
        ("cap-log-fleet", "Fleet telematics", "", 1, 3, 3, L, "GDPR"),
        ("cap-corp", "Finance & corporate services", BUSINESS, 2, 3, 4, M, ""),
        ("cap-corp-erp", "Enterprise resource planning", "", 2, 4, 5, H, "SOX"),
        ("cap-corp-erp-close", "Financial close & reporting", "", 2, 4, 5, M, "SOX"),
        ("cap-corp-erp-p2p", "Procurement & purchase-to-pay", "", 2, 3, 3, L, "SOX"),
        ("cap-corp-hr", "HR & payroll", "", 3, 3, 3, M, "GDPR"),
        ("cap-data", "Data & analytics", BUSINESS, 1, 3, 4, M, ""),
        ("cap-data-platform", "Data platform", "", 1, 4, 4, M, "GDPR"),
        ("cap-data-bi", "Reporting & business intelligence", "", 2, 4, 4, L, ""),
        ("cap-data-gov", "Data governance & quality", "", 1, 3, 3, M, "GDPR"),
        ("cap-grc", AREAS[2], AREAS[2], 2, 4, 5, M, ""),
        ("cap-grc-iam", "Identity & access management", "", 2, 4, 5, H, "ISO 27001, SOX"),
        ("cap-grc-iam-mfa", "Multi-factor authentication", "", 3, 3, 4, M, "ISO 27001"),
        ("cap-grc-iam-pam", "Privileged access management", "", 1, 4, 5, C, "ISO 27001, SOX"),
        ("cap-grc-secops", "Security monitoring & response", "", 1, 4, 5, C, "ISO 27001"),
        ("cap-grc-network", "Network security", "", 2, 4, 4, H, "ISO 27001"),
        ("cap-grc-bcdr", "Business continuity & disaster recovery", "", 1, 4, 5, C, "ISO 27001"),
        ("cap-grc-audit", "Compliance & audit management", "", 2, 3, 4, M, "SOX, GDPR"),
        ("cap-grc-thirdparty", "Third-party & supplier risk", "", 2, 2, 4, H, "ISO 27001, GDPR"),
        ("cap-itsm", AREAS[1], AREAS[1], 2, 3, 4, M, ""),
        ("cap-itsm-desk", "Service desk", "", 2, 4, 4, M, ""),
        ("cap-itsm-incident", "Incident & problem management", "", 2, 3, 4, M, ""),
        ("cap-itsm-catalogue", "Service catalogue & request fulfilment", "", 1, 3, 3, L, ""),
        ("cap-ops", AREAS[7], AREAS[7], 2, 3, 4, M, ""),
        ("cap-ops-cloud", "Cloud platform", "", 1, 4, 4, H, "ISO 27001"),
        ("cap-ops-dc", "Data centre & hosting", "", 3, 3, 3, H, ""),
        ("cap-ops-network", "Network & connectivity", "", 2, 4, 4, M, ""),
        ("cap-ops-workplace", "Workplace & end-user devices", "", 2, 3, 3, L, ""),
        ("cap-ops-monitoring", "Monitoring & observability", "", 1, 3, 4, M, ""),
        ("cap-ppm", AREAS[3], AREAS[3], 1, 3, 3, M, ""),
        ("cap-ppm-portfolio", "Portfolio management", "", 1, 3, 4, M, ""),
        ("cap-people", AREAS[4], AREAS[4], 2, 3, 3, M, ""),
        ("cap-people-skills", "Skills & competency management", "", 1, 3, 4, M, ""),
        ("cap-people-capacity", "Resource & capacity planning", "", 1, 3, 3, L, ""),
        ("cap-tech", AREAS[6], AREAS[6], 2, 3, 4, M, ""),
        ("cap-tech-ea", "Enterprise architecture & vendor governance", "", 1, 3, 4, M, ""),
    ]
};

fn capabilities() -> Vec<Arc<Capability>> {
    let mut out: Vec<Arc<Capability>> = Vec::with_capacity(CAPABILITIES.len());
    for (id, name, area, current, target, importance, risk, compliance) in CAPABILITIES {
        let parent = id.rsplit_once('-').map(|(p, _)| p).filter(|p| *p != "cap");
        let area = match parent {
            Some(p) => out.iter().find(|c| c.id == p).expect("parents come first").area.clone(),
            None => area.to_string(),
        };
        out.push(Arc::new(Capability {
            id: id.into(),
            name: name.into(),
            parent: parent.map(String::from),
            area,
            current_maturity: current,
            target_maturity: target,
            importance,
            risk,
            compliance: tags(compliance),
            ..Capability::default()
        }));
    }
    out
}

/// Builder for the initiative table below: `ini(...)` sets the core, the methods the rest.
struct Ini(Initiative);

/// `dates` is `"YYYY-MM..YYYY-MM"` or `""` (undated); money in thousands of EUR:
/// `(capex, opex, run cost per year)`.
fn ini(id: &str, name: &str, status: Status, dates: &str, money: (u32, u32, u32), fte: f64) -> Ini {
    let (start, end) = dates.split_once("..").map_or((None, None), |(s, e)| (Some(month(s)), Some(month(e))));
    Ini(Initiative {
        id: id.into(),
        name: name.into(),
        status,
        start,
        end,
        capex: money.0 as f64 * 1000.0,
        opex: money.1 as f64 * 1000.0,
        run_cost_per_year: money.2 as f64 * 1000.0,
        fte,
        ..Initiative::default()
    })
}

impl Ini {
    fn about(mut self, owner: &str, sponsor: &str, description: &str) -> Ini {
        (self.0.owner, self.0.sponsor, self.0.description) = (owner.into(), sponsor.into(), description.into());
        self
    }
    fn vendors(mut self, vendors: &str) -> Ini {
        self.0.vendors = tags(vendors);
        self
    }
    fn risk(mut self, likelihood: u8, impact: u8, compliance: &str) -> Ini {
        self.0.risk = RiskScore { likelihood, impact };
        self.0.compliance = tags(compliance);
        self
    }
    fn after(mut self, ids: &[&str]) -> Ini {
        self.0.depends_on = ids.iter().map(|d| d.to_string()).collect();
        self
    }
    fn goals(mut self, links: &[(&str, u8)]) -> Ini {
        self.0.goals = links.iter().map(|&(g, c)| GoalLink { goal: g.into(), contribution: c }).collect();
        self
    }
    fn caps(mut self, links: &[(&str, u8)]) -> Ini {
        self.0.capabilities =
            links.iter().map(|&(c, m)| CapabilityLink { capability: c.into(), maturity_after: m }).collect();
        self
    }
    /// Adds milestones `(name, "YYYY-MM")`.
    fn milestones(mut self, list: &[(&str, &str)]) -> Ini {
        self.0.milestones.extend(list.iter().map(|&(n, m)| Milestone { name: n.into(), month: Some(month(m)) }));
        self
    }
}

// People (fictional).
const CEO: &str = "Henrik Aalders";
const CFO: &str = "Sofia Brandt";
const COO: &str = "Jonas Weller";
const CCO: &str = "Lea Martens";
const CIO: &str = "Anja Koval";
const CISO: &str = "Tomasz Nowak";
const INFRA: &str = "Ravi Menon";
const APPS: &str = "Claire Dubois";
const DATA: &str = "Mateo Rossi";
const SERVICE: &str = "Ingrid Solberg";
const COMPLIANCE: &str = "Nadia Haddad";

// Vendors (fictional). Arcturus is the one that dominates the spend.
const ARCTURUS: &str = "Arcturus Software";

fn initiatives() -> Vec<Initiative> {
    use Status::*;
    vec![
        ini("ini-mfa", "Multi-factor authentication rollout", Done, "2026-01..2026-03", (60, 40, 36), 2.0)
            .about(CISO, CIO, "MFA for all staff, depots and remote access.")
            .vendors("Helix Security")
            .risk(2, 3, "ISO 27001")
            .goals(&[("goal-security", 3)])
            .caps(&[("cap-grc-iam-mfa", 3)])
            .milestones(&[("Office staff enrolled", "2026-02")]),
        ini("ini-ppm", "Portfolio management tool & process", Done, "2026-01..2026-04", (90, 110, 45), 2.0)
            .about(CIO, CFO, "One intake, scoring and portfolio board for all IT demand.")
            .vendors("Quanta Service Cloud")
            .risk(2, 2, "")
            .goals(&[("goal-cost", 1)])
            .caps(&[("cap-ppm-portfolio", 3), ("cap-people-capacity", 2)]),
        ini("ini-landing", "Cloud landing zone", InProgress, "2026-01..2026-09", (450, 250, 120), 4.0)
            .about(INFRA, CIO, "Secure, policy-driven cloud foundation for all new workloads.")
            .vendors(ARCTURUS)
            .risk(3, 4, "ISO 27001")
            .goals(&[("goal-resilience", 2), ("goal-cost", 1)])
            .caps(&[("cap-ops-cloud", 3)])
            .milestones(&[("First workload live", "2026-06")]),
        ini("ini-erp", "ERP upgrade to the cloud edition", InProgress, "2026-02..2027-09", (2600, 600, 420), 8.0)
            .about(APPS, CFO, "Move finance, procurement and billing to the vendor's cloud ERP.")
            .vendors(ARCTURUS)
            .risk(4, 5, "SOX")
            .goals(&[("goal-cost", 2), ("goal-data", 1)])
            .caps(&[("cap-corp-erp", 4), ("cap-corp-erp-close", 4), ("cap-corp-erp-p2p", 3)])
            .milestones(&[("Design sign-off", "2026-06"), ("Finance go-live", "2027-01")])
            .milestones(&[("Hypercare ends", "2027-09")]),
        ini("ini-sd", "Service desk consolidation", InProgress, "2026-03..2026-12", (300, 220, 180), 5.0)
            .about(SERVICE, CIO, "Merge the three regional service desks into one, on one ITSM tool.")
            .vendors("Quanta Service Cloud")
            .risk(3, 3, "")
            .goals(&[("goal-cost", 2), ("goal-cx", 1)])
            .caps(&[("cap-itsm-desk", 4), ("cap-itsm-incident", 3), ("cap-itsm-catalogue", 3)])
            .milestones(&[("Single phone number", "2026-07")]),
        ini("ini-iam", "Identity & access management platform", Approved, "2026-05..2027-03", (650, 300, 160), 4.0)
            .about(CISO, CIO, "Joiner-mover-leaver automation and access reviews for all core systems.")
            .vendors("Helix Security")
            .risk(3, 4, "ISO 27001, SOX, GDPR")
            .after(&["ini-mfa"])
            .goals(&[("goal-security", 3), ("goal-compliance", 2)])
            .caps(&[("cap-grc-iam", 4)]),
        ini("ini-sdwan", "SD-WAN for depots and warehouses", Approved, "2026-06..2027-03", (750, 200, 240), 3.0)
            .about(INFRA, COO, "Dual-carrier SD-WAN for 42 sites.")
            .vendors("Northgate Networks")
            .risk(3, 3, "")
            .goals(&[("goal-resilience", 2), ("goal-cost", 1)])
            .caps(&[("cap-ops-network", 4)])
            .milestones(&[("Pilot depots live", "2026-09")]),
        ini("ini-siem", "SIEM & 24/7 security operations", Approved, "2026-07..2027-06", (520, 380, 450), 3.0)
            .about(CISO, CEO, "Managed SOC with a SIEM covering cloud, network and endpoints.")
            .vendors("Helix Security")
            .risk(3, 4, "ISO 27001")
            .goals(&[("goal-security", 3), ("goal-compliance", 1)])
            .caps(&[("cap-grc-secops", 4)]),
        ini("ini-ea", "Architecture & vendor governance", Proposed, "2026-07..2027-02", (40, 160, 30), 1.5)
            .about(CIO, CFO, "Architecture board, technology standards and vendor reviews.")
            .vendors("Bluefjord Consulting")
            .risk(2, 2, "")
            .goals(&[("goal-cost", 1)])
            .caps(&[("cap-tech-ea", 3)]),
        ini("ini-crm", "CRM rollout", Approved, "2026-09..2027-08", (1400, 450, 380), 6.0)
            .about(APPS, CCO, "One customer view for sales, customer service and key-account management.")
            .vendors(ARCTURUS)
            .risk(3, 4, "GDPR")
            .goals(&[("goal-cx", 3), ("goal-digital", 2)])
            .caps(&[("cap-cust-crm", 4)])
            .milestones(&[("Sales live", "2027-02"), ("Customer service live", "2027-06")]),
        ini("ini-grc", "GRC tool & audit automation", Approved, "2026-09..2027-04", (180, 140, 70), 2.0)
            .about(COMPLIANCE, CFO, "Controls library, evidence collection and audit workflow.")
            .vendors("Helix Security")
            .risk(2, 3, "SOX, GDPR, ISO 27001")
            .goals(&[("goal-compliance", 3)])
            .caps(&[("cap-grc-audit", 3)]),
        ini("ini-dr", "Disaster recovery site", Approved, "2026-10..2027-06", (1100, 250, 300), 3.0)
            .about(INFRA, COO, "Cloud-based recovery for tier-1 systems, tested twice a year.")
            .vendors(ARCTURUS)
            .risk(3, 5, "ISO 27001")
            .after(&["ini-landing"])
            .goals(&[("goal-resilience", 3)])
            .caps(&[("cap-grc-bcdr", 4)])
            .milestones(&[("First failover test", "2027-05")]),
        ini("ini-data", "Data platform", Approved, "2026-10..2027-12", (1200, 400, 350), 5.0)
            .about(DATA, CFO, "Lakehouse for shipment, finance and customer data.")
            .vendors(ARCTURUS)
            .risk(3, 3, "GDPR")
            .after(&["ini-landing"])
            .goals(&[("goal-data", 3), ("goal-cost", 1)])
            .caps(&[("cap-data-platform", 4), ("cap-data-bi", 3)]),
        ini("ini-tms", "Transport management replacement", Approved, "2027-04..2028-06", (1800, 500, 320), 6.0)
            .about(APPS, COO, "Replace the 20-year-old planning system with route optimisation.")
            .vendors("Kestrel Systems")
            .risk(4, 5, "")
            .after(&["ini-landing"])
            .goals(&[("goal-cost", 3), ("goal-cx", 2), ("goal-digital", 1)])
            .caps(&[("cap-log-tms", 4)])
            .milestones(&[("Pilot region live", "2027-12"), ("All regions live", "2028-06")]),
        ini("ini-obs", "Observability & AIOps", Proposed, "2027-10..2028-06", (240, 160, 130), 2.0)
            .about(INFRA, CIO, "End-to-end monitoring of business services with alert correlation.")
            .vendors("Lumen Observability")
            .risk(2, 3, "")
            .after(&["ini-landing"])
            .goals(&[("goal-resilience", 2)])
            .caps(&[("cap-ops-monitoring", 3), ("cap-itsm-incident", 4)]),
        ini("ini-finops", "FinOps & IT asset transparency", Proposed, "2027-01..2027-06", (60, 140, 40), 1.5)
            .about(CIO, CFO, "Cloud cost showback, licence optimisation and a single asset register.")
            .vendors("Bluefjord Consulting")
            .risk(2, 2, "SOX")
            .after(&["ini-landing", "ini-ppm"])
            .goals(&[("goal-cost", 2)])
            .caps(&[("cap-ops-cloud", 3)]),
        ini("ini-intranet", "Intranet redesign", Proposed, "2027-01..2027-09", (120, 90, 25), 1.5)
            .about(APPS, "", "New intranet for news and documents; requested by internal communications.")
            .vendors("Bluefjord Consulting")
            .risk(2, 2, ""),
        ini("ini-euc", "Laptop refresh & modern workplace", Approved, "2028-02..2028-10", (1300, 150, 0), 3.0)
            .about(INFRA, CFO, "Replace 1,100 laptops, cloud-managed devices.")
            .vendors("Cobalt Devices")
            .risk(2, 2, "")
            .goals(&[("goal-cost", 1), ("goal-security", 1)])
            .caps(&[("cap-ops-workplace", 3)]),
        ini("ini-dgov", "Data governance programme", Proposed, "2027-03..2027-12", (0, 260, 80), 2.0)
            .about(DATA, CFO, "Data owners, a business glossary and quality rules for key data.")
            .vendors("Bluefjord Consulting")
            .risk(2, 3, "GDPR")
            .goals(&[("goal-data", 2), ("goal-compliance", 2)])
            .caps(&[("cap-data-gov", 3)]),
        ini("ini-pam", "Privileged access management", Approved, "2027-04..2027-10", (280, 120, 70), 2.0)
            .about(CISO, CIO, "Vaulted, recorded admin access for servers, cloud and OT.")
            .vendors("Helix Security")
            .risk(3, 4, "ISO 27001, SOX")
            .after(&["ini-iam"])
            .goals(&[("goal-security", 2), ("goal-compliance", 2)])
            .caps(&[("cap-grc-iam-pam", 4)]),
        ini("ini-zt", "Zero-trust network", Approved, "2027-04..2028-06", (900, 350, 200), 4.0)
            .about(CISO, CIO, "Identity-aware access to applications, replacing the VPN.")
            .vendors("Northgate Networks")
            .risk(3, 4, "ISO 27001")
            .after(&["ini-iam", "ini-sdwan"])
            .goals(&[("goal-security", 3), ("goal-resilience", 1)])
            .caps(&[("cap-grc-network", 4)])
            .milestones(&[("VPN switched off", "2028-06")]),
        ini("ini-portal", "Customer self-service portal", Proposed, "2027-07..2028-06", (700, 300, 150), 5.0)
            .about(APPS, CCO, "Booking, tracking and invoices online for all shippers.")
            .vendors(ARCTURUS)
            .risk(3, 3, "GDPR")
            .after(&["ini-crm"])
            .goals(&[("goal-cx", 3), ("goal-digital", 3)])
            .caps(&[("cap-cust-portal", 3), ("cap-cust-portal-track", 4)]),
        ini("ini-wms", "Warehouse management upgrade", Proposed, "2028-01..2028-10", (950, 250, 180), 4.0)
            .about(APPS, COO, "Upgrade the WMS in 9 warehouses, with voice picking.")
            .vendors("Kestrel Systems")
            .risk(3, 4, "")
            .goals(&[("goal-cost", 2), ("goal-cx", 1)])
            .caps(&[("cap-log-wms", 4)]),
        ini("ini-dcexit", "Data centre exit", Proposed, "2027-07..2028-12", (600, 700, 0), 5.0)
            .about(INFRA, CFO, "Move the remaining workloads to the cloud and close the data centre.")
            .vendors(ARCTURUS)
            .risk(3, 4, "")
            .after(&["ini-dr"])
            .goals(&[("goal-cost", 3), ("goal-resilience", 1)])
            .caps(&[("cap-ops-dc", 3), ("cap-ops-cloud", 4)])
            .milestones(&[("Data centre closed", "2028-12")]),
        ini("ini-einvoice", "E-invoicing & online payments", Proposed, "2027-10..2028-04", (250, 120, 60), 2.0)
            .about(APPS, CFO, "Structured e-invoices and card payments for small shippers.")
            .vendors("Pelican Data")
            .risk(2, 3, "PCI DSS, SOX")
            .after(&["ini-erp"])
            .goals(&[("goal-digital", 2), ("goal-cost", 1)])
            .caps(&[("cap-cust-billing", 3)]),
        ini("ini-bi", "Self-service BI & KPI dashboards", Proposed, "2028-01..2028-09", (200, 180, 90), 3.0)
            .about(DATA, CEO, "Certified KPI dashboards for management and customers.")
            .vendors("Pelican Data")
            .risk(2, 2, "")
            .after(&["ini-data", "ini-dgov"])
            .goals(&[("goal-data", 3)])
            .caps(&[("cap-data-bi", 4)]),
        ini("ini-telematics", "Fleet telematics integration", Proposed, "2028-07..2028-12", (400, 150, 110), 2.0)
            .about(APPS, COO, "Live truck positions and ETAs from the telematics boxes into the TMS.")
            .vendors("Vireo Telematics")
            .risk(2, 3, "GDPR")
            .after(&["ini-tms"])
            .goals(&[("goal-cx", 2), ("goal-cost", 1)])
            .caps(&[("cap-log-fleet", 3)]),
        ini("ini-chain", "Blockchain freight ledger pilot", Cancelled, "2026-04..2026-12", (200, 150, 0), 2.0)
            .about(APPS, CCO, "Cancelled at the gate review: no partner carriers signed up.")
            .risk(4, 2, "")
            .goals(&[("goal-digital", 1)]),
        ini("ini-genai", "Generative AI assistant for customer service", Idea, "", (150, 200, 120), 2.0)
            .about(APPS, CCO, "Drafts answers to shipper e-mails from tracking and CRM data.")
            .vendors(ARCTURUS)
            .risk(3, 3, "GDPR")
            .goals(&[("goal-cx", 2)])
            .caps(&[("cap-cust-crm", 4)]),
        ini("ini-robotics", "Warehouse robotics pilot", Idea, "", (800, 150, 90), 3.0)
            .about(APPS, COO, "Autonomous mobile robots in the largest warehouse.")
            .risk(4, 3, "")
            .goals(&[("goal-cost", 2)])
            .caps(&[("cap-log-wms", 5)]),
    ]
    .into_iter()
    .map(|i| {
        let mut i = i.0;
        let &(_, business_value, time_criticality, risk_reduction, job_size) =
            ESTIMATES.iter().find(|e| e.0 == i.id).expect("every demo initiative is estimated");
        i.scoring = ScoringInputs { business_value, time_criticality, risk_reduction, job_size, ..Default::default() };
        i
    })
    .collect()
}

/// Scoring estimates on the modified Fibonacci scale: id, business value, time criticality,
/// risk reduction, job size. Security and resilience work reduces risk most; the big
/// application replacements carry the most business value and the largest job sizes; the
/// intranet redesign scores lowest.
const ESTIMATES: [(&str, u8, u8, u8, u8); 30] = [
    ("ini-mfa", 5, 8, 13, 2),
    ("ini-ppm", 3, 2, 2, 3),
    ("ini-landing", 5, 8, 13, 5),
    ("ini-erp", 13, 8, 5, 20),
    ("ini-sd", 8, 5, 3, 8),
    ("ini-iam", 8, 8, 13, 8),
    ("ini-sdwan", 5, 5, 8, 8),
    ("ini-siem", 8, 13, 20, 8),
    ("ini-ea", 3, 2, 5, 2),
    ("ini-crm", 20, 8, 3, 13),
    ("ini-grc", 5, 8, 8, 3),
    ("ini-dr", 8, 5, 20, 8),
    ("ini-data", 13, 5, 8, 13),
    ("ini-tms", 20, 5, 8, 20),
    ("ini-obs", 5, 3, 8, 5),
    ("ini-finops", 8, 3, 3, 2),
    ("ini-intranet", 2, 1, 1, 3),
    ("ini-euc", 3, 5, 3, 8),
    ("ini-dgov", 5, 3, 5, 3),
    ("ini-pam", 5, 8, 13, 3),
    ("ini-zt", 8, 5, 13, 13),
    ("ini-portal", 13, 8, 3, 8),
    ("ini-wms", 8, 3, 3, 8),
    ("ini-dcexit", 8, 5, 5, 13),
    ("ini-einvoice", 5, 5, 2, 3),
    ("ini-bi", 8, 3, 2, 5),
    ("ini-telematics", 8, 3, 2, 3),
    ("ini-chain", 2, 1, 1, 5),
    ("ini-genai", 8, 3, 2, 3),
    ("ini-robotics", 8, 2, 3, 13),
];

/// Nordhaven Logistics' roadmap for 2026–2028 (see the module docs for what it shows).
pub fn demo_roadmap() -> Roadmap {
    Roadmap { landscape: super::landscape::demo::landscape(), ..demo_plan() }
}

/// The demo roadmap without its landscape: what the app opens on a first visit, before the
/// code holding the landscape's tables is loaded (`App::open_new_with_landscape`).
pub fn demo_plan() -> Roadmap {
    let goals = GOALS.iter().map(|&(id, name, theme, weight, owner, (kpi, baseline, target, unit, due))| {
        Arc::new(Goal {
            id: id.into(),
            name: name.into(),
            description: String::new(),
            theme: theme.into(),
            weight,
            owner: owner.into(),
            kpi: Kpi { name: kpi.into(), baseline, target, unit: unit.into(), due: Some(month(due)) },
        })
    });
    // FTE per quarter from 2026-Q1; new hires arrive in 2027-Q3, one quarter too late.
    let capacity = [32.0, 34.0, 36.0, 41.0, 41.0, 41.0, 44.0, 44.0, 44.0, 44.0, 44.0, 44.0];
    let first = Quarter { year: 2026, quarter: 1 };
    Roadmap {
        name: "Nordhaven Logistics — IT strategy 2026–2028".into(),
        description: "Fictional demo: a road-freight and contract-warehousing company with about \
                      1,500 staff in 42 depots and 9 warehouses across Northern Europe."
            .into(),
        currency: "EUR".into(),
        fiscal_year_start_month: 1,
        horizon: Horizon { start: month("2026-01"), end: month("2028-12") },
        budgets: [(2026, 5.0, 2.3), (2027, 6.8, 4.7), (2028, 5.2, 5.6)]
            .map(|(fiscal_year, capex, opex)| Budget { fiscal_year, capex: capex * 1e6, opex: opex * 1e6 })
            .to_vec(),
        capacity: std::iter::successors(Some(first), |q| Some(q.next()))
            .zip(capacity)
            .map(|(quarter, fte)| Capacity { quarter, fte })
            .collect(),
        scoring: Scoring::default(),
        goals: goals.collect(),
        capabilities: capabilities(),
        initiatives: initiatives().into_iter().map(Arc::new).collect(),
        ..Roadmap::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::spend::{fte_by_quarter, spend_by_fiscal_year, spend_through};
    use crate::domain::validate::validate;
    use std::collections::{HashMap, HashSet};

    /// Capabilities an initiative links, directly or through a capability below them.
    fn planned(r: &Roadmap) -> HashSet<&str> {
        let mut out = HashSet::new();
        for link in r.initiatives.iter().flat_map(|i| &i.capabilities) {
            let mut cap = r.capability(&link.capability);
            while let Some(c) = cap {
                out.insert(c.id.as_str());
                cap = c.parent.as_deref().and_then(|p| r.capability(p));
            }
        }
        out
    }

    #[test]
    fn demo_is_valid_and_sized() {
        let r = demo_roadmap();
        let problems = validate(&r);
        assert!(problems.iter().all(|p| !p.is_error()), "{problems:#?}");
        // The only warning is the broken dependency the demo shows on purpose.
        let warnings: Vec<_> = problems.iter().map(|p| (p.id.as_str(), p.field)).collect();
        assert_eq!(warnings, [("ini-portal", "depends_on")]);
        assert!(problems[0].message.contains("starts (2027-07) before its predecessor \"CRM rollout\" ends (2027-08)"));
        assert_eq!((r.goals.len(), r.capabilities.len(), r.initiatives.len()), (8, 44, 30));
        assert!(r.capabilities.iter().all(|c| r.capability_level(&c.id).is_some_and(|l| l <= 3)));
        assert_eq!(r.capabilities.iter().filter(|c| r.capability_level(&c.id) == Some(3)).count(), 5);
        assert_eq!(r.capacity.len(), 12);
        let count = |s: Status| r.initiatives.iter().filter(|i| i.status == s).count();
        assert_eq!((count(Status::Done), count(Status::InProgress), count(Status::Cancelled)), (2, 3, 1));
        let undated: Vec<_> = r.initiatives.iter().filter(|i| !i.is_dated()).map(|i| i.id.as_str()).collect();
        assert_eq!(undated, ["ini-genai", "ini-robotics"]);
        assert!(r.initiatives.iter().all(|i| i.one_off_cost() <= 3.3e6 && i.one_off_cost() >= 1e5));
    }

    #[test]
    fn a_unaligned_spend() {
        let r = demo_roadmap();
        let unaligned: Vec<_> = r
            .initiatives
            .iter()
            .filter(|i| i.is_dated() && i.status != Status::Cancelled && i.goals.is_empty())
            .map(|i| i.id.as_str())
            .collect();
        assert_eq!(unaligned, ["ini-intranet"]);
    }

    #[test]
    fn b_strategy_gap() {
        let r = demo_roadmap();
        let linked: HashSet<_> = r.initiatives.iter().flat_map(|i| &i.goals).map(|l| l.goal.as_str()).collect();
        let gaps = r.goals.iter().filter(|g| !linked.contains(g.id.as_str())).map(|g| g.id.as_str());
        assert_eq!(gaps.collect::<Vec<_>>(), ["goal-green"]);
    }

    #[test]
    fn c_fy2027_is_over_its_capex_envelope() {
        let years = spend_by_fiscal_year(&demo_roadmap());
        assert_eq!(years.iter().map(|y| y.fiscal_year).collect::<Vec<_>>(), [2026, 2027, 2028]);
        let over: Vec<_> = years.iter().filter(|y| y.is_over()).collect();
        assert_eq!(over.len(), 1);
        let y = over[0];
        assert_eq!((y.fiscal_year, y.budget_capex, y.over_opex), (2027, 6.8e6, 0.0));
        assert!((y.over_capex - 576_082.25).abs() < 1.0, "{}", y.over_capex);
    }

    #[test]
    fn d_exactly_one_broken_dependency() {
        let r = demo_roadmap();
        let mut broken = Vec::new();
        for i in &r.initiatives {
            for d in &i.depends_on {
                let before = r.initiative(d).unwrap();
                assert!(before.status != Status::Cancelled && before.is_dated() && i.is_dated());
                if i.start <= before.end {
                    broken.push((i.id.as_str(), d.as_str()));
                }
            }
        }
        assert_eq!(broken, [("ini-portal", "ini-crm")]);
        assert!(r.initiatives.iter().map(|i| i.depends_on.len()).sum::<usize>() >= 15);
    }

    #[test]
    fn e_f_capability_gaps_and_risks_without_a_plan() {
        let r = demo_roadmap();
        let planned = planned(&r);
        let unplanned = |keep: &dyn Fn(&Capability) -> bool| -> Vec<&str> {
            let unplanned = r.capabilities.iter().filter(|c| keep(c) && !planned.contains(c.id.as_str()));
            unplanned.map(|c| c.id.as_str()).collect()
        };
        assert_eq!(unplanned(&|c| c.target_maturity > c.current_maturity), ["cap-people-skills"]);
        assert_eq!(unplanned(&|c| c.risk >= Risk::High), ["cap-grc-thirdparty"]);
        // Not even a direct link, for views that do not look down the tree.
        let linked = |id: &str| r.initiatives.iter().any(|i| i.capabilities.iter().any(|l| l.capability == id));
        assert!(!linked("cap-people-skills") && !linked("cap-grc-thirdparty"));
    }

    #[test]
    fn g_one_overloaded_quarter() {
        let fte = fte_by_quarter(&demo_roadmap());
        assert_eq!(fte.len(), 12);
        let over: Vec<_> = fte.iter().filter(|(_, demand, capacity)| demand > capacity).collect();
        assert_eq!(over.len(), 1);
        let (quarter, demand, capacity) = *over[0];
        assert_eq!((quarter.to_string(), capacity), ("2027-Q2".to_string(), 41.0));
        assert!((demand - 42.0 - 2.0 / 3.0).abs() < 1e-9, "{demand}");
    }

    #[test]
    fn one_vendor_dominates_the_spend() {
        let r = demo_roadmap();
        let mut by_vendor: HashMap<&str, f64> = HashMap::new();
        let mut total = 0.0;
        for i in &r.initiatives {
            let spend = spend_through(i, r.horizon.end).total();
            total += spend;
            for v in &i.vendors {
                *by_vendor.entry(v.as_str()).or_default() += spend / i.vendors.len() as f64;
            }
        }
        let share = by_vendor[ARCTURUS] / total;
        assert!(share > 0.4, "{share}");
        assert!(by_vendor.iter().all(|(v, s)| *v == ARCTURUS || s / total < 0.2));
    }
}
