//! Vendors: how much of the money goes to whom, and whether one vendor holds too much of it.
//!
//! 1. **Spend** of an initiative here is what it spends within the planning horizon under
//!    the cost rules (one-off cost spread over its months, then run cost — licences and
//!    hosting are usually paid to the vendor too). Undated and cancelled initiatives spend
//!    nothing.
//! 2. An initiative with several vendors **splits its spend evenly** among them. Vendor
//!    names are compared without case and surrounding spaces ("Acme" and "acme " are one
//!    vendor, shown as first written); blank names are ignored. Spend of initiatives naming
//!    no vendor is in-house and kept apart.
//! 3. **Initiatives per vendor** counts those that are not cancelled, dated or not.
//! 4. **Share** = the vendor's spend ÷ the spend of all vendors (the shares add up to 100%).
//! 5. **Herfindahl–Hirschman index (HHI)** = the sum of the squared shares in percent, from
//!    near 0 (spend spread over many vendors) to 10,000 (one vendor takes everything). Bands
//!    as in the US merger guidelines (2010): below 1,500 unconcentrated, 1,500 to 2,500
//!    moderately concentrated, above 2,500 highly concentrated.
//! 6. **Lock-in warning** for every vendor whose share is above the threshold (40% unless
//!    changed in the settings).

use super::{counts, finite, ItemRef};
use crate::domain::model::{Horizon, Initiative, Roadmap};
use crate::domain::spend::{spend_through, Spend};
use std::collections::HashMap;

pub const SPEND_RULE: &str = "What each vendor's initiatives spend within the planning horizon: their one-off cost \
     spread over their months, then their run cost. An initiative with several vendors splits its spend evenly \
     among them. Undated and cancelled initiatives spend nothing; the number of initiatives counts every one that \
     is not cancelled.";
pub const SHARE_RULE: &str = "A vendor's spend divided by the spend of all vendors. Spend of initiatives naming no \
     vendor is in-house and not part of the shares.";
pub const HHI_RULE: &str = "The Herfindahl–Hirschman index: the vendors' shares in percent, squared and added up. \
     From near 0 (spread over many vendors) to 10,000 (one vendor takes everything): below 1,500 unconcentrated, \
     1,500 to 2,500 moderately concentrated, above 2,500 highly concentrated.";
pub const LOCK_IN_RULE: &str = "A vendor whose share of the vendor spend is above the lock-in threshold (40% unless \
     changed in the settings): hard to replace, strong at the negotiating table.";

/// The share of vendor spend above which a vendor is flagged for lock-in.
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct LockInThreshold(f64);

impl Default for LockInThreshold {
    fn default() -> Self {
        LockInThreshold(0.40)
    }
}

impl LockInThreshold {
    /// A threshold as a share, more than 0 and at most 1 (0.4 for 40%).
    pub fn new(share: f64) -> Result<LockInThreshold, String> {
        if share.is_finite() && share > 0.0 && share <= 1.0 {
            Ok(LockInThreshold(share))
        } else {
            Err(format!(
                "The lock-in threshold is a share of the vendor spend above 0% and at most 100%; {} is not.",
                if share.is_finite() { format!("{}%", share * 100.0) } else { "that".to_string() }
            ))
        }
    }

    /// A threshold typed as a percentage: "40", "40%", "37.5", "37,5 %".
    pub fn from_percent(text: &str) -> Result<LockInThreshold, String> {
        let t = text.trim().trim_end_matches('%').trim().replace(',', ".");
        let value: f64 = t.parse().map_err(|_| {
            format!("\"{}\" is not a percentage; type a number from 1 to 100, such as 40.", text.trim())
        })?;
        LockInThreshold::new(value / 100.0)
    }

    /// The roadmap's own threshold (`lock_in_threshold`, in percent); the default when it is
    /// out of range (validation reports that).
    pub fn of(r: &Roadmap) -> LockInThreshold {
        LockInThreshold::new(r.lock_in_threshold / 100.0).unwrap_or_default()
    }

    pub fn share(self) -> f64 {
        self.0
    }

    pub fn percent(self) -> f64 {
        self.0 * 100.0
    }
}

/// How concentrated the vendor spend is, by HHI band (rule 5).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Concentration {
    Unconcentrated,
    Moderate,
    High,
}

impl Concentration {
    /// Below 1,500, 1,500 to 2,500, above 2,500.
    pub fn of(hhi: f64) -> Concentration {
        if hhi < 1500.0 {
            Concentration::Unconcentrated
        } else if hhi <= 2500.0 {
            Concentration::Moderate
        } else {
            Concentration::High
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Concentration::Unconcentrated => "unconcentrated",
            Concentration::Moderate => "moderately concentrated",
            Concentration::High => "highly concentrated",
        }
    }

    /// The band's range of HHI.
    pub fn range(self) -> &'static str {
        match self {
            Concentration::Unconcentrated => "below 1,500",
            Concentration::Moderate => "1,500 to 2,500",
            Concentration::High => "above 2,500",
        }
    }
}

/// One vendor's figures.
#[derive(Clone, PartialEq, Debug)]
pub struct VendorRow {
    /// As first written.
    pub name: String,
    pub spend: f64,
    /// Of all vendor spend, 0..=1 (0 when no vendor spends anything).
    pub share: f64,
    /// The initiatives naming it that are not cancelled, in list order.
    pub initiatives: Vec<ItemRef>,
    /// Its share is above the lock-in threshold.
    pub lock_in: bool,
}

/// Everything the vendors view shows.
#[derive(Clone, PartialEq, Debug)]
pub struct Vendors {
    /// Largest spend first, then most initiatives, then name.
    pub vendors: Vec<VendorRow>,
    /// The spend of all vendors.
    pub total: f64,
    /// Spend of initiatives naming no vendor.
    pub in_house: f64,
    /// The Herfindahl–Hirschman index, 0..=10,000; `None` when no vendor spends anything.
    pub hhi: Option<f64>,
    pub concentration: Option<Concentration>,
    pub threshold: LockInThreshold,
}

impl Vendors {
    /// The vendors flagged for lock-in, largest first.
    pub fn lock_in(&self) -> impl Iterator<Item = &VendorRow> {
        self.vendors.iter().filter(|v| v.lock_in)
    }

    /// The vendor with the largest spend, if any spends anything.
    pub fn top(&self) -> Option<&VendorRow> {
        self.vendors.first().filter(|v| v.spend > 0.0)
    }
}

/// What an initiative spends within the horizon, run cost included (rule 1); nothing when
/// the horizon ends before it starts.
pub fn horizon_spend(i: &Initiative, h: Horizon) -> Spend {
    if h.end < h.start {
        return Spend::default();
    }
    let (all, before) = (spend_through(i, h.end), spend_through(i, h.start.plus(-1)));
    Spend { capex: finite(all.capex - before.capex), opex: finite(all.opex - before.opex) }
}

/// The vendor figures of a roadmap (see the module rules).
pub fn vendors(r: &Roadmap, threshold: LockInThreshold) -> Vendors {
    let mut rows: Vec<VendorRow> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut in_house = 0.0;
    let mut named: Vec<usize> = Vec::new();
    for i in r.initiatives.iter().filter(|i| counts(i)) {
        named.clear();
        for v in i.vendors.iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
            let at = *index.entry(v.to_lowercase()).or_insert_with(|| {
                rows.push(VendorRow {
                    name: v.to_string(),
                    spend: 0.0,
                    share: 0.0,
                    initiatives: Vec::new(),
                    lock_in: false,
                });
                rows.len() - 1
            });
            if !named.contains(&at) {
                named.push(at);
            }
        }
        let spend = horizon_spend(i, r.horizon).total();
        if named.is_empty() {
            in_house += spend;
        }
        for &at in &named {
            rows[at].spend += spend / named.len() as f64;
            rows[at].initiatives.push(ItemRef::of(i));
        }
    }
    let total: f64 = rows.iter().map(|v| v.spend).sum();
    let mut hhi = None;
    if total > 0.0 {
        let mut sum = 0.0;
        for v in &mut rows {
            v.share = (v.spend / total).clamp(0.0, 1.0);
            v.lock_in = v.share > threshold.share();
            sum += (v.share * 100.0).powi(2);
        }
        hhi = Some(sum.min(10_000.0));
    }
    rows.sort_by(|a, b| {
        b.spend
            .total_cmp(&a.spend)
            .then(b.initiatives.len().cmp(&a.initiatives.len()))
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    Vendors { vendors: rows, total, in_house, hhi, concentration: hhi.map(Concentration::of), threshold }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;
    use crate::domain::demo::demo_roadmap;
    use crate::domain::generate::generate;
    use crate::domain::model::Status;
    use proptest::prelude::*;

    fn with_vendors(mut i: crate::domain::model::Initiative, vendors: &[&str]) -> crate::domain::model::Initiative {
        i.vendors = vendors.iter().map(|v| v.to_string()).collect();
        i
    }

    /// Horizon 2026–2027. A 400 shared by Acme and Birch; B 300 + run 1,200 a year from July
    /// 2026 (18 months in the horizon) for "acme "; C 1,200 over Jul 2025 – Jun 2026, half of
    /// it in the horizon, for Cedar; D undated (Dune); E cancelled (Acme); F 100 in-house;
    /// G 100 for "Acme" twice and a blank name.
    fn fixture() -> Roadmap {
        let mut e = with_vendors(ini("E", "2026-01..2026-02", (999.0, 0.0, 0.0)), &["Acme"]);
        e.status = Status::Cancelled;
        roadmap(
            vec![],
            vec![],
            vec![
                with_vendors(ini("A", "2026-01..2026-04", (400.0, 0.0, 0.0)), &["Acme", "Birch"]),
                with_vendors(ini("B", "2026-05..2026-06", (300.0, 0.0, 1200.0)), &["acme "]),
                with_vendors(ini("C", "2025-07..2026-06", (1200.0, 0.0, 0.0)), &["Cedar"]),
                with_vendors(ini("D", "", (5000.0, 0.0, 0.0)), &["Dune"]),
                e,
                ini("F", "2026-01..2026-01", (100.0, 0.0, 0.0)),
                with_vendors(ini("G", "2026-01..2026-01", (100.0, 0.0, 0.0)), &["  ", "Acme", "ACME"]),
            ],
        )
    }

    #[test]
    fn spend_shares_and_hhi_by_hand() {
        let v = vendors(&fixture(), LockInThreshold::default());
        let rows: Vec<_> =
            v.vendors.iter().map(|x| (x.name.as_str(), x.spend, x.initiatives.len(), x.lock_in)).collect();
        // Acme: 200 (half of A) + 300 + 18 × 100 (B) + 100 (G) = 2,400; Cedar 600; Birch 200.
        assert_eq!(
            rows,
            [
                ("Acme", 2400.0, 3, true),
                ("Cedar", 600.0, 1, false),
                ("Birch", 200.0, 1, false),
                ("Dune", 0.0, 1, false)
            ]
        );
        assert_eq!((v.total, v.in_house), (3200.0, 100.0));
        let shares: Vec<f64> = v.vendors.iter().map(|x| x.share).collect();
        assert_eq!(shares, [0.75, 0.1875, 0.0625, 0.0]);
        // 75² + 18.75² + 6.25² = 5,625 + 351.5625 + 39.0625.
        assert!(close(v.hhi.unwrap(), 6015.625));
        assert_eq!(v.concentration, Some(Concentration::High));
        assert_eq!(v.lock_in().map(|x| x.name.as_str()).collect::<Vec<_>>(), ["Acme"]);
        assert_eq!(v.top().unwrap().name, "Acme");
        let ids: Vec<_> = v.vendors[0].initiatives.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["A", "B", "G"]);
        // A higher threshold: no warning.
        let lenient = vendors(&fixture(), LockInThreshold::new(0.8).unwrap());
        assert_eq!(lenient.lock_in().count(), 0);
    }

    #[test]
    fn no_vendor_spend_has_no_index() {
        let r = roadmap(vec![], vec![], vec![with_vendors(ini("D", "", (10.0, 0.0, 0.0)), &["Dune"])]);
        let v = vendors(&r, LockInThreshold::default());
        assert_eq!((v.total, v.hhi, v.concentration), (0.0, None, None));
        assert!(v.top().is_none() && v.lock_in().count() == 0 && v.vendors.len() == 1);
        assert!(vendors(&roadmap(vec![], vec![], vec![]), LockInThreshold::default()).vendors.is_empty());
    }

    #[test]
    fn hhi_bands() {
        assert_eq!(Concentration::of(0.0), Concentration::Unconcentrated);
        assert_eq!(Concentration::of(1499.9), Concentration::Unconcentrated);
        assert_eq!(Concentration::of(1500.0), Concentration::Moderate);
        assert_eq!(Concentration::of(2500.0), Concentration::Moderate);
        assert_eq!(Concentration::of(2500.1), Concentration::High);
        assert_eq!(Concentration::High.label(), "highly concentrated");
        assert_eq!(Concentration::Moderate.range(), "1,500 to 2,500");
    }

    #[test]
    fn thresholds_are_checked() {
        assert_eq!(LockInThreshold::default().share(), 0.40);
        assert_eq!(LockInThreshold::from_percent(" 37,5 % ").unwrap().share(), 0.375);
        assert_eq!(LockInThreshold::from_percent("100").unwrap().percent(), 100.0);
        assert!(LockInThreshold::from_percent("abc").unwrap_err().contains("\"abc\" is not a percentage"));
        assert!(LockInThreshold::from_percent("140").unwrap_err().contains("140% is not"));
        assert!(LockInThreshold::from_percent("0").is_err());
        assert!(LockInThreshold::new(f64::NAN).unwrap_err().contains("that is not"));
        assert!(LockInThreshold::new(-0.1).is_err());
    }

    #[test]
    fn a_roadmap_carries_its_threshold_in_percent() {
        let mut r = roadmap(vec![], vec![], vec![]);
        assert_eq!(LockInThreshold::of(&r), LockInThreshold::default());
        r.lock_in_threshold = 50.0;
        assert_eq!(LockInThreshold::of(&r).share(), 0.5);
        r.lock_in_threshold = 100.0;
        assert_eq!(LockInThreshold::of(&r).share(), 1.0);
        for broken in [0.0, -3.0, 250.0, f64::NAN] {
            r.lock_in_threshold = broken;
            assert_eq!(LockInThreshold::of(&r), LockInThreshold::default(), "{broken}");
        }
        // The demo at 50%: Arcturus (45.3%) is no longer flagged; at 45%, it is.
        let mut demo = demo_roadmap();
        demo.lock_in_threshold = 50.0;
        assert_eq!(vendors(&demo, LockInThreshold::of(&demo)).lock_in().count(), 0);
        demo.lock_in_threshold = 45.0;
        assert_eq!(vendors(&demo, LockInThreshold::of(&demo)).lock_in().count(), 1);
    }

    #[test]
    fn horizon_spend_counts_only_the_horizon() {
        let h = fixture().horizon;
        let c = ini("C", "2025-07..2026-06", (1200.0, 0.0, 0.0));
        assert_eq!(horizon_spend(&c, h).total(), 600.0);
        let late = ini("L", "2027-12..2028-11", (1200.0, 0.0, 0.0));
        assert_eq!(horizon_spend(&late, h).total(), 100.0);
        let reversed = Horizon { start: h.end, end: h.start };
        assert_eq!(horizon_spend(&c, reversed), Spend::default());
    }

    #[test]
    fn the_demo_is_locked_in_to_arcturus() {
        let v = vendors(&demo_roadmap(), LockInThreshold::default());
        let locked: Vec<_> = v.lock_in().map(|x| x.name.as_str()).collect();
        assert_eq!(locked, ["Arcturus Software"]);
        // Worked out apart from this code (a script over the demo's table): of 29,082,750
        // spent in 2026–2028, Arcturus takes 13,176,667 (45.3%), then Helix 13.5%, Kestrel
        // 12.7%, Northgate 9.4% and six vendors under 5%: HHI 2,553, just above 2,500.
        let arcturus = &v.vendors[0];
        assert!(close(v.total, 29_082_750.0) && (arcturus.spend - 13_176_667.0).abs() < 1.0);
        assert!((arcturus.share - 0.4531).abs() < 1e-4, "{}", arcturus.share);
        assert_eq!(arcturus.initiatives.len(), 8, "7 dated and the undated ini-genai");
        assert!(v.vendors[1..].iter().all(|x| x.share < 0.2));
        assert_eq!(v.in_house, 0.0, "the only initiatives without a vendor are cancelled or undated");
        assert!((v.hhi.unwrap() - 2553.15).abs() < 0.01, "{:?}", v.hhi);
        assert_eq!(v.concentration, Some(Concentration::High));
        assert_eq!(v.vendors.len(), 10);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        #[test]
        fn shares_add_up_to_one(seed in any::<u64>(), size in 1usize..50, threshold in 0.05f64..1.0) {
            let r = generate(seed, size);
            let v = vendors(&r, LockInThreshold::new(threshold).unwrap());
            if let Some(hhi) = v.hhi {
                let sum: f64 = v.vendors.iter().map(|x| x.share).sum();
                prop_assert!(close(sum, 1.0), "{}", sum);
                let spending = v.vendors.iter().filter(|x| x.spend > 0.0).count() as f64;
                prop_assert!(hhi <= 10_000.0 && hhi >= 10_000.0 / spending - 1e-6, "{} with {}", hhi, spending);
            }
            for x in &v.vendors {
                prop_assert!((0.0..=1.0).contains(&x.share));
                prop_assert_eq!(x.lock_in, x.share > threshold);
            }
            prop_assert!(v.vendors.windows(2).all(|w| w[0].spend >= w[1].spend));
            // Every counted initiative's horizon spend lands with its vendors or in-house.
            let all: f64 = r.initiatives.iter().filter(|i| counts(i)).map(|i| horizon_spend(i, r.horizon).total()).sum();
            prop_assert!(close(v.total + v.in_house, all));
        }
    }
}
