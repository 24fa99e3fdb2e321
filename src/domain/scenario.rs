//! Scenarios: named copies of a roadmap to try changes on without touching the plan, and the
//! comparison of two roadmaps (the plan and a scenario, or two scenarios).
//!
//! The comparison rules:
//!
//! - **Which initiatives count** ([`Basis`]): either everything on the timeline that is not
//!   cancelled — as the budget view and the heatmap count — or only the **funded** ones
//!   (approved, in progress, done), which is what applying an optimiser result changes.
//! - **Cost per fiscal year**: capex and opex per fiscal year of the counted initiatives, by
//!   the budget view's rules ([`spend`](super::spend)), for every fiscal year touching either
//!   horizon, with each roadmap's own envelopes.
//! - **Total value**: the scoring value ([`scoring`](super::scoring): weighted score, or cost
//!   of delay under WSJF) of the counted initiatives, each roadmap scored with its own
//!   settings.
//! - **Maturity at the end of the horizon**: each capability's maturity at the last month of
//!   each roadmap's own horizon (heatmap rule 1, counted initiatives only), and the
//!   difference (b − a), for capabilities in either roadmap (matched by id).
//! - **Initiatives only in one** and **changes**: initiatives are matched by id; a change is
//!   a different start, end, status, capex, opex, run cost or FTE.

use super::calendar::Month;
use super::heatmap::figures;
use super::model::{display_name, Id, Roadmap, Status};
use super::scoring::scored;
use super::spend::{spend_by_fiscal_year, Spend};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};

/// A named copy of a roadmap.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Scenario {
    pub name: String,
    pub roadmap: Roadmap,
}

/// A scenario named `name` holding a copy of `plan` (cheap: items are shared until edited).
/// `Err` when the name is blank or already used by another scenario (case-insensitively).
pub fn save_as(plan: &Roadmap, name: &str, existing: &[Scenario]) -> Result<Scenario, String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("Give the scenario a name".into());
    }
    if existing.iter().any(|s| s.name.trim().eq_ignore_ascii_case(name)) {
        return Err(format!("There is already a scenario called \"{name}\"; choose another name"));
    }
    Ok(Scenario { name: name.to_string(), roadmap: plan.clone() })
}

/// Makes scenario `index` the plan; the old plan stays as a scenario named "Plan before
/// <scenario>" (numbered when that name is taken), in the promoted scenario's place.
/// `Err` for an index out of range (nothing changes).
pub fn promote(plan: &mut Roadmap, scenarios: &mut [Scenario], index: usize) -> Result<(), String> {
    let taken: Vec<String> = scenarios.iter().map(|s| s.name.to_lowercase()).collect();
    let Some(s) = scenarios.get_mut(index) else {
        return Err(format!("There is no scenario number {}", index + 1));
    };
    let base = format!("Plan before {}", s.name);
    let name = std::iter::once(base.clone())
        .chain((2..).map(|n| format!("{base} ({n})")))
        .find(|n| !taken.contains(&n.to_lowercase()))
        .expect("a free name exists");
    let old = std::mem::replace(plan, s.roadmap.clone());
    *s = Scenario { name, roadmap: old };
    Ok(())
}

/// Which initiatives a comparison counts.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum Basis {
    /// Dated and not cancelled: what the budget view and the heatmap count.
    #[default]
    Timeline,
    /// Approved, in progress or done.
    Funded,
}

impl Basis {
    fn counts(self, status: Status) -> bool {
        match self {
            Basis::Timeline => status != Status::Cancelled,
            Basis::Funded => matches!(status, Status::Approved | Status::InProgress | Status::Done),
        }
    }
}

/// One fiscal year in both roadmaps.
#[derive(Clone, PartialEq, Debug)]
pub struct YearCost {
    pub fiscal_year: i32,
    pub a: Spend,
    pub b: Spend,
    /// Envelopes (capex, opex); 0 when the roadmap has none for the year.
    pub budget_a: (f64, f64),
    pub budget_b: (f64, f64),
}

/// One capability's maturity at the end of each horizon.
#[derive(Clone, PartialEq, Debug)]
pub struct MaturityChange {
    pub id: Id,
    pub name: String,
    /// `None` when the capability is not in that roadmap.
    pub a: Option<u8>,
    pub b: Option<u8>,
    /// b − a (missing counts as 0).
    pub difference: i32,
}

/// An initiative in both roadmaps that differs.
#[derive(Clone, PartialEq, Debug)]
pub struct Changed {
    pub id: Id,
    /// Its name in b.
    pub name: String,
    /// What changed, one line each: "start 2026-03 → 2026-06", "capex EUR 250k → EUR 300k".
    pub changes: Vec<String>,
    /// Change of one-off cost (capex + opex), b − a.
    pub cost_difference: f64,
}

#[derive(Clone, PartialEq, Debug)]
pub struct Comparison {
    pub basis: Basis,
    pub years: Vec<YearCost>,
    pub value_a: f64,
    pub value_b: f64,
    /// Capabilities of a in a's order, then those only in b.
    pub maturity: Vec<MaturityChange>,
    /// (id, name) of initiatives only in a, and only in b, in list order.
    pub only_in_a: Vec<(Id, String)>,
    pub only_in_b: Vec<(Id, String)>,
    pub changed: Vec<Changed>,
}

impl Comparison {
    /// Maturity difference by capability id, for drawing a difference heatmap.
    pub fn maturity_difference(&self) -> HashMap<Id, f64> {
        self.maturity.iter().map(|m| (m.id.clone(), m.difference as f64)).collect()
    }
}

/// The roadmap with only the initiatives the basis counts (cheap: items are shared).
fn counted(r: &Roadmap, basis: Basis) -> Roadmap {
    let mut out = r.clone();
    out.initiatives.retain(|i| basis.counts(i.status));
    out
}

/// Compares roadmap `a` (usually the plan) with `b` (a scenario).
pub fn compare(a: &Roadmap, b: &Roadmap, basis: Basis) -> Comparison {
    let (ca, cb) = (counted(a, basis), counted(b, basis));
    // Cost per fiscal year, over the years of both.
    let (ya, yb) = (spend_by_fiscal_year(&ca), spend_by_fiscal_year(&cb));
    let fiscal_years: BTreeSet<i32> = ya.iter().chain(&yb).map(|y| y.fiscal_year).collect();
    let budget = |r: &Roadmap, fy: i32| {
        r.budgets.iter().filter(|b| b.fiscal_year == fy).fold((0.0, 0.0), |(c, o), b| (c + b.capex, o + b.opex))
    };
    let spend_in = |ys: &[super::spend::YearSpend], fy: i32| {
        ys.iter().find(|y| y.fiscal_year == fy).map_or(Spend::default(), |y| y.spend)
    };
    let years = fiscal_years
        .into_iter()
        .map(|fy| YearCost {
            fiscal_year: fy,
            a: spend_in(&ya, fy),
            b: spend_in(&yb, fy),
            budget_a: budget(a, fy),
            budget_b: budget(b, fy),
        })
        .collect();
    // Value of the counted initiatives, each roadmap scored as a whole.
    let value = |r: &Roadmap| -> f64 { scored(r).iter().filter(|s| basis.counts(s.status)).map(|s| s.value).sum() };
    // Maturity at the end of each horizon.
    let (fa, fb) = (figures(&ca, a.horizon.end), figures(&cb, b.horizon.end));
    let mut maturity = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for c in a.capabilities.iter().chain(&b.capabilities) {
        if !seen.insert(c.id.as_str()) {
            continue;
        }
        let (ma, mb) = (fa.get(&c.id).map(|f| f.at_date), fb.get(&c.id).map(|f| f.at_date));
        let name = b.capability(&c.id).map_or(c.name.as_str(), |x| x.name.as_str());
        maturity.push(MaturityChange {
            id: c.id.clone(),
            name: display_name(name, &c.id).to_string(),
            a: ma,
            b: mb,
            difference: mb.unwrap_or(0) as i32 - ma.unwrap_or(0) as i32,
        });
    }
    // Initiatives matched by id.
    let ids_a: HashMap<&str, usize> = a.initiatives.iter().enumerate().rev().map(|(k, i)| (i.id.as_str(), k)).collect();
    let ids_b: HashMap<&str, usize> = b.initiatives.iter().enumerate().rev().map(|(k, i)| (i.id.as_str(), k)).collect();
    let named = |i: &super::model::Initiative| (i.id.clone(), display_name(&i.name, &i.id).to_string());
    let only_in_a = a.initiatives.iter().filter(|i| !ids_b.contains_key(i.id.as_str())).map(|i| named(i)).collect();
    let only_in_b = b.initiatives.iter().filter(|i| !ids_a.contains_key(i.id.as_str())).map(|i| named(i)).collect();
    let money = |v: f64| super::format::short_money(v, &b.currency);
    let month = |m: Option<Month>| m.map_or("none".to_string(), |m| m.to_string());
    let mut changed = Vec::new();
    for (k, ib) in b.initiatives.iter().enumerate() {
        let Some(&ka) = ids_a.get(ib.id.as_str()) else { continue };
        if ids_b.get(ib.id.as_str()) != Some(&k) {
            continue; // a duplicate id: the first one is compared
        }
        let ia = &a.initiatives[ka];
        if std::sync::Arc::ptr_eq(ia, ib) {
            continue;
        }
        let mut changes = Vec::new();
        if ia.start != ib.start {
            changes.push(format!("start {} → {}", month(ia.start), month(ib.start)));
        }
        if ia.end != ib.end {
            changes.push(format!("end {} → {}", month(ia.end), month(ib.end)));
        }
        if ia.status != ib.status {
            changes.push(format!("status {} → {}", ia.status.label(), ib.status.label()));
        }
        for (what, x, y) in [
            ("capex", ia.capex, ib.capex),
            ("opex", ia.opex, ib.opex),
            ("run cost per year", ia.run_cost_per_year, ib.run_cost_per_year),
        ] {
            if x != y {
                changes.push(format!("{what} {} → {}", money(x), money(y)));
            }
        }
        if ia.fte != ib.fte {
            changes.push(format!("FTE {} → {}", ia.fte, ib.fte));
        }
        if !changes.is_empty() {
            let name = display_name(&ib.name, &ib.id).to_string();
            changed.push(Changed {
                id: ib.id.clone(),
                name,
                changes,
                cost_difference: ib.one_off_cost() - ia.one_off_cost(),
            });
        }
    }
    Comparison { basis, years, value_a: value(a), value_b: value(b), maturity, only_in_a, only_in_b, changed }
}

// -----------------------------------------------------------------------------------------
// Storage: a roadmap's scenarios, kept in the browser next to the roadmap
// -----------------------------------------------------------------------------------------

/// The stored list of a roadmap's scenarios:
///
/// ```text
/// {"schema": 1, "scenarios": [{"name": "Lean", "roadmap": { ... }}, ...]}
/// ```
///
/// `schema` is the storage schema of the roadmaps inside ([`super::stored::SCHEMA`]); a list
/// written by a newer Cairn is refused, never guessed at. (Schema 2 only added the landscape,
/// which a schema-1 roadmap reads as empty, so lists of either schema read as they are; a
/// schema that changes a roadmap's shape must migrate each scenario's roadmap here as
/// `stored` does.)
/// The list is stored packed like a roadmap ([`super::stored::pack`], revision 0); plain JSON
/// is read too.
#[derive(Serialize)]
struct ListOut<'a> {
    schema: u32,
    scenarios: &'a [Scenario],
}

#[derive(Deserialize)]
struct ListIn {
    schema: u32,
    scenarios: Vec<Scenario>,
}

/// The scenarios as stored: compact JSON, packed.
pub fn encode_list(scenarios: &[Scenario]) -> String {
    let json = super::file_format::write_json(&ListOut { schema: super::stored::SCHEMA, scenarios }, false);
    super::stored::pack(&json, 0)
}

/// Reads a stored list of scenarios. Never panics, whatever the text.
pub fn decode_list(text: &str) -> Result<Vec<Scenario>, String> {
    let json = super::stored::unpack(text)?;
    let list: ListIn = serde_json::from_str(&json)
        .map_err(|e| format!("the saved scenarios could not be read: {}", super::file_format::explain(&e)))?;
    if list.schema > super::stored::SCHEMA {
        return Err(format!(
            "these scenarios were saved by a newer Cairn (storage schema {}); this Cairn reads schema {} and older",
            list.schema,
            super::stored::SCHEMA
        ));
    }
    if list.schema == 0 {
        return Err("the saved scenarios have no valid schema".into());
    }
    Ok(list.scenarios)
}

/// Index of the scenario called `name` (case-insensitively, as names are unique that way).
pub fn find(scenarios: &[Scenario], name: &str) -> Option<usize> {
    let name = name.trim();
    scenarios.iter().position(|s| s.name.trim().eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_roadmap;
    use crate::domain::model::*;
    use std::sync::Arc;

    fn m(s: &str) -> Month {
        Month::parse(s).unwrap()
    }

    #[test]
    fn a_roadmap_compared_with_itself_shows_no_difference() {
        let r = demo_roadmap();
        for basis in [Basis::Timeline, Basis::Funded] {
            let c = compare(&r, &r, basis);
            assert!(c.only_in_a.is_empty() && c.only_in_b.is_empty() && c.changed.is_empty());
            assert!(c.maturity.iter().all(|x| x.difference == 0 && x.a == x.b && x.a.is_some()));
            assert_eq!(c.maturity.len(), r.capabilities.len());
            assert!(c.years.iter().all(|y| y.a == y.b && y.budget_a == y.budget_b));
            assert_eq!(c.value_a, c.value_b);
        }
        // On the timeline basis, the cost per year is the budget view's.
        let c = compare(&r, &r, Basis::Timeline);
        let view = spend_by_fiscal_year(&r);
        assert_eq!(
            c.years.iter().map(|y| (y.fiscal_year, y.a)).collect::<Vec<_>>(),
            view.iter().map(|y| (y.fiscal_year, y.spend)).collect::<Vec<_>>()
        );
        assert_eq!(c.years[1].budget_a, (6.8e6, 4.7e6));
    }

    #[test]
    fn changes_by_hand() {
        let a = demo_roadmap();
        let mut b = a.clone();
        // Move the CRM a quarter later and make it dearer; drop the intranet; add a pilot.
        let crm = b.initiative_mut("ini-crm").unwrap();
        (crm.start, crm.end, crm.capex) = (Some(m("2026-12")), Some(m("2027-11")), 1_500_000.0);
        b.initiatives.retain(|i| i.id != "ini-intranet");
        b.initiatives.push(Arc::new(Initiative {
            id: "ini-new".into(),
            name: "Pilot".into(),
            ..Initiative::default()
        }));
        // The SIEM is cancelled in b: security monitoring stays at 1 instead of reaching 4.
        b.initiative_mut("ini-siem").unwrap().status = Status::Cancelled;
        let c = compare(&a, &b, Basis::Timeline);
        assert_eq!(c.only_in_a, [("ini-intranet".to_string(), "Intranet redesign".to_string())]);
        assert_eq!(c.only_in_b, [("ini-new".to_string(), "Pilot".to_string())]);
        assert_eq!(
            c.changed.iter().map(|x| x.id.as_str()).collect::<Vec<_>>(),
            ["ini-siem", "ini-crm"],
            "in list order"
        );
        let crm = &c.changed[1];
        assert_eq!(crm.id, "ini-crm");
        assert_eq!(crm.changes, ["start 2026-09 → 2026-12", "end 2027-08 → 2027-11", "capex EUR 1.4M → EUR 1.5M"]);
        assert_eq!(crm.cost_difference, 100_000.0);
        assert_eq!(c.changed[0].changes, ["status Approved → Cancelled"]);
        let secops = c.maturity.iter().find(|x| x.id == "cap-grc-secops").unwrap();
        assert_eq!((secops.a, secops.b, secops.difference), (Some(4), Some(1), -3));
        assert_eq!(c.maturity_difference()["cap-grc-secops"], -3.0);
        assert_eq!(c.maturity.iter().filter(|x| x.difference != 0).count(), 1, "the CRM still ends in the horizon");
        // FY2026: the SIEM (520k capex over 12 months from 2026-07: 6 × 43.3k) is gone and
        // the CRM's 2026 months shrink from 4 to 1 (1.4M/12 × 4 → 1.5M/12 × 1); the intranet
        // spends nothing in 2026.
        let fy26 = &c.years[0];
        let expect = fy26.a.capex - 520_000.0 / 12.0 * 6.0 - 1_400_000.0 / 12.0 * 4.0 + 1_500_000.0 / 12.0;
        assert!((fy26.b.capex - expect).abs() < 1e-6, "{} vs {expect}", fy26.b.capex);
        assert!(c.value_b < c.value_a, "fewer initiatives count");
    }

    #[test]
    fn funded_basis_counts_approved_in_progress_and_done_only() {
        let a = demo_roadmap();
        let mut b = a.clone();
        b.initiative_mut("ini-portal").unwrap().status = Status::Approved; // was proposed
        let t = compare(&a, &b, Basis::Timeline);
        assert_eq!(t.value_a, t.value_b, "the timeline counts proposals already");
        assert!(t.years.iter().all(|y| y.a == y.b));
        let f = compare(&a, &b, Basis::Funded);
        let portal = crate::domain::scoring::scored(&a).into_iter().find(|s| s.id == "ini-portal").unwrap();
        assert!((f.value_b - f.value_a - portal.value).abs() < 1e-9);
        let cx = f.maturity.iter().find(|x| x.id == "cap-cust-portal-track").unwrap();
        assert_eq!((cx.a, cx.b), (Some(2), Some(4)));
        assert!(f.years.iter().any(|y| y.b.capex > y.a.capex));
    }

    #[test]
    fn capabilities_only_in_one_and_different_horizons() {
        let a = demo_roadmap();
        let mut b = a.clone();
        b.capabilities.push(Arc::new(Capability {
            id: "cap-new".into(),
            name: "New".into(),
            current_maturity: 2,
            ..Capability::default()
        }));
        b.horizon.end = m("2029-12");
        let c = compare(&a, &b, Basis::Timeline);
        let new = c.maturity.last().unwrap();
        assert_eq!((new.id.as_str(), new.a, new.b, new.difference), ("cap-new", None, Some(2), 2));
        assert_eq!(c.years.last().unwrap().fiscal_year, 2029);
        assert_eq!(c.years.last().unwrap().a, Spend::default(), "a's horizon ends in 2028");
    }

    #[test]
    fn scenarios_are_saved_and_promoted() {
        let plan0 = demo_roadmap();
        let mut scenarios = Vec::new();
        assert_eq!(save_as(&plan0, "  ", &scenarios).unwrap_err(), "Give the scenario a name");
        let mut s = save_as(&plan0, " Lean ", &scenarios).unwrap();
        assert_eq!(s.name, "Lean");
        assert!(Arc::ptr_eq(&s.roadmap.initiatives[0], &plan0.initiatives[0]), "a copy shares items");
        s.roadmap.initiative_mut("ini-crm").unwrap().capex = 1.0;
        scenarios.push(s);
        assert!(save_as(&plan0, "lean", &scenarios).unwrap_err().contains("already a scenario called \"lean\""));
        scenarios.push(Scenario { name: "Plan before Lean".into(), roadmap: plan0.clone() });
        let mut plan = plan0.clone();
        promote(&mut plan, &mut scenarios, 0).unwrap();
        assert_eq!(plan.initiative("ini-crm").unwrap().capex, 1.0);
        assert_eq!(scenarios[0].name, "Plan before Lean (2)");
        assert_eq!(scenarios[0].roadmap, plan0);
        assert_eq!(promote(&mut plan, &mut scenarios, 5).unwrap_err(), "There is no scenario number 6");
    }

    #[test]
    fn stored_lists_round_trip_and_refuse_what_they_cannot_read() {
        let plan = demo_roadmap();
        let mut lean = save_as(&plan, "Lean", &[]).unwrap();
        lean.roadmap.initiative_mut("ini-crm").unwrap().capex = 123.5;
        let list = vec![lean, Scenario { name: "Bold <b>\"x\"</b>".into(), roadmap: Roadmap::default() }];
        let text = encode_list(&list);
        assert!(text.starts_with("cairn:z1:0:"), "stored packed");
        assert_eq!(decode_list(&text).unwrap(), list);
        // Plain JSON is read too.
        let plain = crate::domain::file_format::write_json(&ListOut { schema: 1, scenarios: &list }, false);
        assert_eq!(decode_list(&plain).unwrap(), list);
        assert!(decode_list(&text[..text.len() - 3]).is_err(), "a cut value is refused");
        assert_eq!(decode_list(&encode_list(&[])).unwrap(), []);
        assert_eq!(find(&list, " lean "), Some(0));
        assert_eq!(find(&list, "nope"), None);
        for bad in [
            "",
            "garbage",
            "[]",
            "{}",
            "{\"schema\":1}",
            "{\"schema\":1,\"scenarios\":[{\"name\":3}]}",
            "{\"schema\":0,\"scenarios\":[]}",
        ] {
            assert!(decode_list(bad).is_err(), "{bad}");
        }
        let newer = decode_list("{\"schema\":99,\"scenarios\":[]}").unwrap_err();
        assert!(newer.contains("newer Cairn"), "{newer}");
    }
}
