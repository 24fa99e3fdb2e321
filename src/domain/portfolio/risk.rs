//! Risk and compliance: the initiatives on a likelihood × impact matrix, the compliance
//! frameworks with the capabilities they cover and the initiatives addressing them, and the
//! high-risk capabilities nobody works on.
//!
//! 1. **Open initiatives** carry delivery risk: every initiative that is neither done nor
//!    cancelled, dated or not. A likelihood or impact outside 1–5 counts as the nearest of
//!    1 and 5.
//! 2. **Score** = likelihood × impact, 1 to 25, in five bands: low 1–4, moderate 5–9,
//!    significant 10–14, high 15–19, severe 20–25 (the timeline's risk colours).
//! 3. **Top risks**: the open initiatives with the highest score; equal scores go by the
//!    higher impact, then the higher likelihood, then list order.
//! 4. **Compliance frameworks** are the tags on capabilities and initiatives ("GDPR",
//!    "ISO 27001", or any other text), compared without case and surrounding spaces, in
//!    alphabetical order. For each: the capabilities tagged with it, each with the
//!    initiatives that **address** it — those not cancelled (done ones included) that link
//!    to it or to a capability below it — and the initiatives tagged with it.
//! 5. **High-risk capabilities** are those with risk High or Critical; one that no
//!    initiative addresses (rule 4) is flagged as unmanaged risk.

use super::{counts, plans, ItemRef};
use crate::domain::heatmap::CapabilityTree;
use crate::domain::model::{display_name, Id, Initiative, Risk, Roadmap, Status, COMPLIANCE_FRAMEWORKS};
use std::collections::HashMap;

pub const MATRIX_RULE: &str = "Open initiatives (neither done nor cancelled, dated or not) by the likelihood (1 rare \
     to 5 almost certain) and impact (1 minimal to 5 severe) of their delivery risk. Score = likelihood × impact: \
     low 1–4, moderate 5–9, significant 10–14, high 15–19, severe 20–25.";
pub const TOP_RULE: &str =
    "The open initiatives with the highest risk score (likelihood × impact); equal scores go by \
     the higher impact, then the higher likelihood.";
pub const COMPLIANCE_RULE: &str = "For each compliance framework tagged on capabilities or initiatives: the \
     capabilities tagged with it and the initiatives addressing them — those not cancelled that link to the \
     capability or to a capability below it — and the initiatives tagged with it.";
pub const HIGH_RISK_RULE: &str =
    "Capabilities with risk High or Critical. One that no initiative addresses (none that \
     is not cancelled links to it or to a capability below it) is unmanaged risk.";

/// A band of risk scores (rule 2).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum RiskBand {
    Low,
    Moderate,
    Significant,
    High,
    Severe,
}

impl RiskBand {
    pub const ALL: [RiskBand; 5] =
        [RiskBand::Low, RiskBand::Moderate, RiskBand::Significant, RiskBand::High, RiskBand::Severe];

    pub fn of(score: u8) -> RiskBand {
        match score {
            0..=4 => RiskBand::Low,
            5..=9 => RiskBand::Moderate,
            10..=14 => RiskBand::Significant,
            15..=19 => RiskBand::High,
            _ => RiskBand::Severe,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            RiskBand::Low => "Low",
            RiskBand::Moderate => "Moderate",
            RiskBand::Significant => "Significant",
            RiskBand::High => "High",
            RiskBand::Severe => "Severe",
        }
    }

    /// The lowest and highest score in the band.
    pub fn range(self) -> (u8, u8) {
        match self {
            RiskBand::Low => (1, 4),
            RiskBand::Moderate => (5, 9),
            RiskBand::Significant => (10, 14),
            RiskBand::High => (15, 19),
            RiskBand::Severe => (20, 25),
        }
    }
}

/// Words for likelihood 1..=5 (index 0 = 1).
pub const LIKELIHOOD: [&str; 5] = ["Rare", "Unlikely", "Possible", "Likely", "Almost certain"];
/// Words for impact 1..=5 (index 0 = 1).
pub const IMPACT: [&str; 5] = ["Minimal", "Minor", "Moderate", "Major", "Severe"];

/// An open initiative's risk.
#[derive(Clone, PartialEq, Debug)]
pub struct RiskItem {
    pub id: Id,
    pub name: String,
    pub status: Status,
    /// 1..=5.
    pub likelihood: u8,
    /// 1..=5.
    pub impact: u8,
    /// likelihood × impact, 1..=25.
    pub score: u8,
    pub band: RiskBand,
}

/// Open initiatives carry delivery risk (rule 1).
pub fn is_open(i: &Initiative) -> bool {
    counts(i) && i.status != Status::Done
}

fn item(i: &Initiative) -> RiskItem {
    let (likelihood, impact) = (i.risk.likelihood.clamp(1, 5), i.risk.impact.clamp(1, 5));
    let score = likelihood * impact;
    RiskItem {
        id: i.id.clone(),
        name: display_name(&i.name, &i.id).to_string(),
        status: i.status,
        likelihood,
        impact,
        score,
        band: RiskBand::of(score),
    }
}

/// The 5 × 5 likelihood × impact matrix of open initiatives.
#[derive(Clone, PartialEq, Debug)]
pub struct RiskMatrix {
    /// Row-major: index `(likelihood − 1) × 5 + (impact − 1)`; each cell in list order.
    cells: Vec<Vec<RiskItem>>,
}

impl RiskMatrix {
    /// The initiatives in a cell (empty outside 1..=5).
    pub fn cell(&self, likelihood: u8, impact: u8) -> &[RiskItem] {
        if !(1..=5).contains(&likelihood) || !(1..=5).contains(&impact) {
            return &[];
        }
        &self.cells[(likelihood as usize - 1) * 5 + impact as usize - 1]
    }

    pub fn count(&self, likelihood: u8, impact: u8) -> usize {
        self.cell(likelihood, impact).len()
    }

    /// Every initiative on the matrix.
    pub fn total(&self) -> usize {
        self.cells.iter().map(Vec::len).sum()
    }
}

pub fn risk_matrix(r: &Roadmap) -> RiskMatrix {
    let mut cells = vec![Vec::new(); 25];
    for i in r.initiatives.iter().filter(|i| is_open(i)) {
        let it = item(i);
        cells[(it.likelihood as usize - 1) * 5 + it.impact as usize - 1].push(it);
    }
    RiskMatrix { cells }
}

/// The `n` open initiatives with the highest score (rule 3).
pub fn top_risks(r: &Roadmap, n: usize) -> Vec<RiskItem> {
    let mut all: Vec<RiskItem> = r.initiatives.iter().filter(|i| is_open(i)).map(|i| item(i)).collect();
    // A stable sort keeps list order among equals.
    all.sort_by_key(|x| std::cmp::Reverse((x.score, x.impact, x.likelihood)));
    all.truncate(n);
    all
}

/// A capability tagged with a framework, and the initiatives addressing it.
#[derive(Clone, PartialEq, Debug)]
pub struct TaggedCapability {
    pub id: Id,
    pub name: String,
    pub risk: Risk,
    /// In list order.
    pub addressed_by: Vec<ItemRef>,
}

/// One compliance framework (rule 4).
#[derive(Clone, PartialEq, Debug)]
pub struct Framework {
    /// As in the pickers when it is one of them ("ISO 27001"), else as first written.
    pub name: String,
    /// In capability-map order.
    pub capabilities: Vec<TaggedCapability>,
    /// Every initiative addressing at least one of them, in list order.
    pub addressing: Vec<ItemRef>,
    /// Initiatives that are not cancelled and carry the tag, in list order.
    pub tagged_initiatives: Vec<ItemRef>,
}

impl Framework {
    /// Tagged capabilities no initiative addresses.
    pub fn unaddressed(&self) -> impl Iterator<Item = &TaggedCapability> {
        self.capabilities.iter().filter(|c| c.addressed_by.is_empty())
    }
}

/// The frameworks of a roadmap, alphabetically (rule 4).
pub fn compliance(r: &Roadmap) -> Vec<Framework> {
    compliance_with(r, &plans(r), &CapabilityTree::new(r).pre_order())
}

fn compliance_with(r: &Roadmap, planned: &[Vec<usize>], order: &[usize]) -> Vec<Framework> {
    let mut frameworks: Vec<Framework> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut framework = |tag: &str| -> Option<usize> {
        let tag = tag.trim();
        if tag.is_empty() {
            return None;
        }
        let key = tag.to_lowercase();
        Some(*index.entry(key.clone()).or_insert_with(|| {
            let known = COMPLIANCE_FRAMEWORKS.iter().find(|f| f.to_lowercase() == key);
            frameworks.push(Framework {
                name: known.map_or(tag, |f| *f).to_string(),
                capabilities: Vec::new(),
                addressing: Vec::new(),
                tagged_initiatives: Vec::new(),
            });
            frameworks.len() - 1
        }))
    };
    // (framework, item) pairs; an item's own tags are checked for repeats, so this stays
    // linear in the number of tags.
    let mut tagged: Vec<(usize, usize)> = Vec::new();
    for &c in order {
        let mine = tagged.len();
        for tag in &r.capabilities[c].compliance {
            if let Some(f) = framework(tag) {
                if !tagged[mine..].contains(&(f, c)) {
                    tagged.push((f, c));
                }
            }
        }
    }
    let mut tagged_inis: Vec<(usize, usize)> = Vec::new();
    for (k, i) in r.initiatives.iter().enumerate().filter(|(_, i)| counts(i)) {
        let mine = tagged_inis.len();
        for tag in &i.compliance {
            if let Some(f) = framework(tag) {
                if !tagged_inis[mine..].contains(&(f, k)) {
                    tagged_inis.push((f, k));
                }
            }
        }
    }
    let refs = |ks: &[usize]| ks.iter().map(|&k| ItemRef::of(&r.initiatives[k])).collect::<Vec<_>>();
    let mut addressing: Vec<Vec<usize>> = vec![Vec::new(); frameworks.len()];
    for (f, c) in tagged {
        let cap = &r.capabilities[c];
        addressing[f].extend_from_slice(&planned[c]);
        frameworks[f].capabilities.push(TaggedCapability {
            id: cap.id.clone(),
            name: display_name(&cap.name, &cap.id).to_string(),
            risk: cap.risk,
            addressed_by: refs(&planned[c]),
        });
    }
    for (f, k) in tagged_inis {
        frameworks[f].tagged_initiatives.push(ItemRef::of(&r.initiatives[k]));
    }
    for (f, mut ks) in addressing.into_iter().enumerate() {
        ks.sort_unstable();
        ks.dedup();
        frameworks[f].addressing = refs(&ks);
    }
    frameworks.sort_by_key(|f| f.name.to_lowercase());
    frameworks
}

/// A capability with risk High or Critical (rule 5).
#[derive(Clone, PartialEq, Debug)]
pub struct HighRiskCapability {
    pub id: Id,
    pub name: String,
    pub risk: Risk,
    /// The initiatives addressing it, in list order; none: unmanaged.
    pub addressed_by: Vec<ItemRef>,
}

impl HighRiskCapability {
    pub fn is_unmanaged(&self) -> bool {
        self.addressed_by.is_empty()
    }
}

/// High-risk capabilities, Critical first, then in capability-map order (rule 5).
pub fn high_risk_capabilities(r: &Roadmap) -> Vec<HighRiskCapability> {
    high_risk_with(r, &plans(r), &CapabilityTree::new(r).pre_order())
}

fn high_risk_with(r: &Roadmap, planned: &[Vec<usize>], order: &[usize]) -> Vec<HighRiskCapability> {
    let mut out: Vec<HighRiskCapability> = order
        .iter()
        .map(|&c| (c, &r.capabilities[c]))
        .filter(|(_, cap)| cap.risk >= Risk::High)
        .map(|(c, cap)| HighRiskCapability {
            id: cap.id.clone(),
            name: display_name(&cap.name, &cap.id).to_string(),
            risk: cap.risk,
            addressed_by: planned[c].iter().map(|&k| ItemRef::of(&r.initiatives[k])).collect(),
        })
        .collect();
    out.sort_by_key(|c| std::cmp::Reverse(c.risk));
    out
}

/// Everything the risk and compliance view shows.
#[derive(Clone, PartialEq, Debug)]
pub struct RiskReport {
    pub matrix: RiskMatrix,
    /// The five highest.
    pub top: Vec<RiskItem>,
    pub frameworks: Vec<Framework>,
    pub high_risk: Vec<HighRiskCapability>,
}

impl RiskReport {
    /// High-risk capabilities no initiative addresses.
    pub fn unmanaged(&self) -> impl Iterator<Item = &HighRiskCapability> {
        self.high_risk.iter().filter(|c| c.is_unmanaged())
    }
}

/// The risk and compliance figures of a roadmap, walking the capability map once.
pub fn risk(r: &Roadmap) -> RiskReport {
    let planned = plans(r);
    let order = CapabilityTree::new(r).pre_order();
    RiskReport {
        matrix: risk_matrix(r),
        top: top_risks(r, 5),
        frameworks: compliance_with(r, &planned, &order),
        high_risk: high_risk_with(r, &planned, &order),
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;
    use crate::domain::demo::demo_roadmap;
    use crate::domain::generate::generate;
    use crate::domain::model::RiskScore;
    use proptest::prelude::*;
    use std::sync::Arc;

    fn at(mut i: Initiative, likelihood: u8, impact: u8, status: Status, tags: &[&str], links: &[&str]) -> Initiative {
        i.risk = RiskScore { likelihood, impact };
        i.status = status;
        i.compliance = tags.iter().map(|t| t.to_string()).collect();
        i.capabilities = caps(&links.iter().map(|c| (*c, 4)).collect::<Vec<_>>());
        i
    }

    fn tagged(mut c: crate::domain::model::Capability, tags: &[&str]) -> crate::domain::model::Capability {
        c.compliance = tags.iter().map(|t| t.to_string()).collect();
        c
    }

    /// Capabilities: p (GDPR) with child p-1 ("gdpr "), q (ISO 27001, Critical), s (SOX),
    /// h (High, untagged). I1 20 in progress → p-1; I2 6 undated idea → q; I3 cancelled → h;
    /// I4 done → s; I5 likelihood 9 and impact 0 (→ 5 × 1), tagged PCI DSS; I6 3 × 5; I7 5 × 3.
    fn fixture() -> Roadmap {
        use Status::*;
        roadmap(
            vec![],
            vec![
                tagged(cap("p", None, 1, 3, Risk::Medium), &["GDPR"]),
                tagged(cap("p-1", Some("p"), 1, 3, Risk::High), &["gdpr ", "GDPR"]),
                tagged(cap("q", None, 1, 3, Risk::Critical), &["iso 27001"]),
                tagged(cap("s", None, 1, 3, Risk::Low), &["SOX", " "]),
                cap("h", None, 1, 3, Risk::High),
            ],
            vec![
                at(ini("I1", "2026-01..2026-06", (1.0, 0.0, 0.0)), 4, 5, InProgress, &["GDPR"], &["p-1"]),
                at(ini("I2", "", (1.0, 0.0, 0.0)), 2, 3, Idea, &[], &["q"]),
                at(ini("I3", "2026-01..2026-06", (1.0, 0.0, 0.0)), 5, 5, Cancelled, &["SOX"], &["h"]),
                at(ini("I4", "2026-01..2026-06", (1.0, 0.0, 0.0)), 5, 4, Done, &[], &["s"]),
                at(ini("I5", "2026-01..2026-06", (1.0, 0.0, 0.0)), 9, 0, Approved, &["PCI DSS"], &[]),
                at(ini("I6", "2026-01..2026-06", (1.0, 0.0, 0.0)), 3, 5, Proposed, &[], &[]),
                at(ini("I7", "2026-01..2026-06", (1.0, 0.0, 0.0)), 5, 3, OnHold, &[], &[]),
            ],
        )
    }

    fn ids<'a>(items: impl IntoIterator<Item = &'a ItemRef>) -> Vec<&'a str> {
        items.into_iter().map(|i| i.id.as_str()).collect()
    }

    #[test]
    fn bands() {
        let bands: Vec<_> = [1, 4, 5, 9, 10, 14, 15, 19, 20, 25].map(RiskBand::of).to_vec();
        use RiskBand::*;
        assert_eq!(bands, [Low, Low, Moderate, Moderate, Significant, Significant, High, High, Severe, Severe]);
        for b in RiskBand::ALL {
            let (lo, hi) = b.range();
            assert!(RiskBand::of(lo) == b && RiskBand::of(hi) == b, "{b:?}");
        }
    }

    #[test]
    fn the_matrix_holds_open_initiatives_once() {
        let m = risk_matrix(&fixture());
        let cell = |l, i| m.cell(l, i).iter().map(|x| x.id.as_str()).collect::<Vec<_>>();
        assert_eq!(cell(4, 5), ["I1"]);
        assert_eq!(cell(2, 3), ["I2"]);
        assert_eq!(cell(5, 1), ["I5"], "out-of-range likelihood and impact are clamped");
        assert_eq!((cell(3, 5), cell(5, 3)), (vec!["I6"], vec!["I7"]));
        assert_eq!(m.total(), 5, "done and cancelled initiatives carry no delivery risk");
        assert_eq!((m.count(5, 5), m.count(5, 4), m.count(0, 3), m.count(3, 6)), (0, 0, 0, 0));
        let i1 = &m.cell(4, 5)[0];
        assert_eq!((i1.score, i1.band, i1.status), (20, RiskBand::Severe, Status::InProgress));
    }

    #[test]
    fn top_risks_by_score_then_impact() {
        let top: Vec<_> = top_risks(&fixture(), 5).into_iter().map(|x| (x.id, x.score)).collect();
        let expected = [("I1", 20), ("I6", 15), ("I7", 15), ("I2", 6), ("I5", 5)];
        assert_eq!(top, expected.map(|(i, s)| (i.to_string(), s)));
        assert_eq!(top_risks(&fixture(), 2).len(), 2);
        assert!(top_risks(&roadmap(vec![], vec![], vec![]), 5).is_empty());
    }

    #[test]
    fn frameworks_list_capabilities_and_the_initiatives_addressing_them() {
        let f = compliance(&fixture());
        let names: Vec<_> = f.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(names, ["GDPR", "ISO 27001", "PCI DSS", "SOX"]);
        let gdpr = &f[0];
        let caps: Vec<_> = gdpr.capabilities.iter().map(|c| (c.id.as_str(), ids(&c.addressed_by))).collect();
        // p is addressed through its child p-1; p-1's two spellings of GDPR count once.
        assert_eq!(caps, [("p", vec!["I1"]), ("p-1", vec!["I1"])]);
        assert_eq!((ids(&gdpr.addressing), ids(&gdpr.tagged_initiatives)), (vec!["I1"], vec!["I1"]));
        // An undated idea addresses q; the done I4 addresses s; the cancelled I3's SOX tag
        // does not count.
        assert_eq!(ids(&f[1].capabilities[0].addressed_by), ["I2"]);
        assert_eq!((ids(&f[3].addressing), f[3].tagged_initiatives.len()), (vec!["I4"], 0));
        // A framework only initiatives carry.
        assert!(f[2].capabilities.is_empty() && ids(&f[2].tagged_initiatives) == ["I5"]);
        assert!(f.iter().all(|x| x.unaddressed().count() == 0));
    }

    #[test]
    fn high_risk_capabilities_without_initiatives_are_flagged() {
        let report = risk(&fixture());
        let high: Vec<_> = report.high_risk.iter().map(|c| (c.id.as_str(), c.risk, c.is_unmanaged())).collect();
        assert_eq!(high, [("q", Risk::Critical, false), ("p-1", Risk::High, false), ("h", Risk::High, true)]);
        assert_eq!(report.unmanaged().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["h"]);
        assert_eq!(report.top.len(), 5);
    }

    #[test]
    fn the_demo_shows_its_risks() {
        let r = demo_roadmap();
        let report = risk(&r);
        assert_eq!(report.unmanaged().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["cap-grc-thirdparty"]);
        let top: Vec<_> = report.top.iter().map(|x| (x.id.as_str(), x.score)).collect();
        assert_eq!(top, [("ini-erp", 20), ("ini-tms", 20), ("ini-dr", 15), ("ini-landing", 12), ("ini-iam", 12)]);
        // 30 initiatives less 2 done and 1 cancelled.
        assert_eq!(report.matrix.total(), 27);
        let names: Vec<_> = report.frameworks.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["GDPR", "ISO 27001", "PCI DSS", "SOX"]);
        // Third-party risk is tagged ISO 27001 and GDPR, and nobody addresses it; HR & payroll
        // (GDPR) is at its target and has no initiative either.
        let unaddressed = |f: &Framework| f.unaddressed().map(|c| c.id.clone()).collect::<Vec<_>>();
        assert_eq!(unaddressed(&report.frameworks[0]), ["cap-corp-hr", "cap-grc-thirdparty"]);
        assert_eq!(unaddressed(&report.frameworks[1]), ["cap-grc-thirdparty"]);
        assert!(report.frameworks[2..].iter().all(|f| f.unaddressed().count() == 0));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        #[test]
        fn every_open_initiative_is_in_one_cell(seed in any::<u64>(), size in 1usize..50, l in 0u8..9, i in 0u8..9) {
            let mut r = generate(seed, size);
            Arc::make_mut(&mut r.initiatives[0]).risk = RiskScore { likelihood: l, impact: i };
            let m = risk_matrix(&r);
            prop_assert_eq!(m.total(), r.initiatives.iter().filter(|i| is_open(i)).count());
            for like in 1..=5u8 {
                for imp in 1..=5u8 {
                    for x in m.cell(like, imp) {
                        prop_assert!(x.likelihood == like && x.impact == imp && x.score == like * imp);
                    }
                }
            }
            let top = top_risks(&r, 5);
            prop_assert!(top.windows(2).all(|w| w[0].score >= w[1].score));
            let best = m.cells.iter().flatten().map(|x| x.score).max();
            prop_assert_eq!(top.first().map(|x| x.score), best);
        }
    }
}
