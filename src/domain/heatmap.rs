//! The capability heatmap: the figures of every capability at a date, the rules that roll
//! them up the capability map, and the scale of steps they are coloured by (the colours are
//! `crate::layout::palette`'s).
//!
//! The rules (shown to users beside the legend):
//!
//! 1. **Maturity at a date.** A capability's maturity in month T is the highest of its
//!    current maturity and the `maturity_after` of every linked initiative that is not
//!    cancelled, has dates, and ends on or before T. Undated and cancelled initiatives are
//!    ignored; an initiative counts from the month it ends (its last month of work).
//! 2. **Gap** = target maturity − maturity at the date (negative when the target is beaten).
//! 3. **Investment.** Each initiative that is not cancelled, dated or not (it is planned),
//!    shares its one-off cost (capex + opex) equally among the distinct capabilities it links
//!    to; links to capabilities that do not exist are left out of the count. Run cost is not
//!    included.
//! 4. **Number of initiatives** counts the linked initiatives that are not cancelled.
//! 5. **Roll-up.** A capability without children shows its own value; a capability with
//!    children shows the roll-up of its children's shown values: [`RollUp::Worst`] (the
//!    child needing most attention) or [`RollUp::WeightedAverage`] (weighted by each child's
//!    strategic importance).
//!
//! A capability tree that is broken (a validation error) is still shown: a capability whose
//! parent does not exist is an L1 capability, and a loop of parents is cut at the
//! capability of the loop that comes first in the list. See [`CapabilityTree`].

use super::calendar::Month;
use super::format::{short_amount, short_money, signed, trimmed};
use super::model::{display_name, Capability, Id, Initiative, Risk, Roadmap, Status};
use std::collections::HashMap;

/// What a box of the heatmap shows.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum Metric {
    CurrentMaturity,
    TargetMaturity,
    MaturityAtDate,
    Gap,
    Importance,
    Investment,
    Initiatives,
    Risk,
    PastEndOfLife,
}

impl Metric {
    pub const ALL: [Metric; 9] = [
        Metric::CurrentMaturity,
        Metric::TargetMaturity,
        Metric::MaturityAtDate,
        Metric::Gap,
        Metric::Importance,
        Metric::Investment,
        Metric::Initiatives,
        Metric::Risk,
        Metric::PastEndOfLife,
    ];

    /// The key used in addresses and settings ("at-date").
    pub fn key(self) -> &'static str {
        match self {
            Metric::CurrentMaturity => "current",
            Metric::TargetMaturity => "target",
            Metric::MaturityAtDate => "at-date",
            Metric::Gap => "gap",
            Metric::Importance => "importance",
            Metric::Investment => "investment",
            Metric::Initiatives => "initiatives",
            Metric::Risk => "risk",
            Metric::PastEndOfLife => "past-end-of-life",
        }
    }

    pub fn from_key(k: &str) -> Option<Metric> {
        Metric::ALL.into_iter().find(|m| m.key().eq_ignore_ascii_case(k.trim()))
    }

    pub fn label(self) -> &'static str {
        match self {
            Metric::CurrentMaturity => "Current maturity",
            Metric::TargetMaturity => "Target maturity",
            Metric::MaturityAtDate => "Maturity at the date",
            Metric::Gap => "Gap (target − maturity at the date)",
            Metric::Importance => "Strategic importance",
            Metric::Investment => "Planned investment",
            Metric::Initiatives => "Number of initiatives",
            Metric::Risk => "Risk",
            Metric::PastEndOfLife => "Applications past end of life",
        }
    }

    /// How the value is computed, in plain words.
    pub fn rule(self) -> &'static str {
        match self {
            Metric::CurrentMaturity => "The capability's maturity today, from 0 to 5, as entered.",
            Metric::TargetMaturity => "The maturity the capability should reach, from 0 to 5, as entered.",
            Metric::MaturityAtDate => {
                "The current maturity, raised to the maturity each linked initiative delivers once it \
                 has ended (in or before the chosen month). Cancelled and undated initiatives are ignored."
            }
            Metric::Gap => {
                "Target maturity minus the maturity at the chosen month. Above 0: still to close; \
                 0 or less: the target is reached."
            }
            Metric::Importance => "The capability's strategic importance, from 1 (low) to 5 (critical), as entered.",
            Metric::Investment => {
                "The one-off cost (capex + opex) of the linked initiatives that are not cancelled, dated or \
                 not. An initiative linked to several capabilities is shared equally among them."
            }
            Metric::Initiatives => "How many initiatives that are not cancelled are linked to the capability.",
            Metric::Risk => "The capability's risk as entered: Low, Medium, High or Critical.",
            Metric::PastEndOfLife => {
                "How many applications supporting the capability have reached their end of life by the chosen \
                 month, after the initiatives that introduce or retire them (the landscape's lifecycle rules)."
            }
        }
    }

    /// The value depends on the chosen month.
    pub fn uses_date(self) -> bool {
        matches!(self, Metric::MaturityAtDate | Metric::Gap | Metric::PastEndOfLife)
    }
}

/// How a capability with children sums its children up.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum RollUp {
    Worst,
    WeightedAverage,
}

impl RollUp {
    pub const ALL: [RollUp; 2] = [RollUp::Worst, RollUp::WeightedAverage];

    pub fn key(self) -> &'static str {
        match self {
            RollUp::Worst => "worst",
            RollUp::WeightedAverage => "average",
        }
    }

    pub fn from_key(k: &str) -> Option<RollUp> {
        RollUp::ALL.into_iter().find(|r| r.key().eq_ignore_ascii_case(k.trim()))
    }

    pub fn label(self) -> &'static str {
        match self {
            RollUp::Worst => "Worst child",
            RollUp::WeightedAverage => "Average weighted by importance",
        }
    }

    pub fn rule(self) -> &'static str {
        match self {
            RollUp::Worst => {
                "A capability with children shows the child needing most attention: the lowest maturity, \
                 or the highest gap, importance, investment, number of initiatives, risk or applications past end of \
                 life."
            }
            RollUp::WeightedAverage => {
                "A capability with children shows the average of its children's values, each weighted by \
                 its strategic importance (1 to 5)."
            }
        }
    }
}

/// The capability map as a tree of indexes into `Roadmap::capabilities`, holding every
/// capability exactly once, in list order. A capability whose parent does not exist (or is
/// itself) is a root; a loop of parents is cut at the capability of the loop that comes
/// first in the list, which becomes a root. With duplicate ids, children hang under the
/// first capability with the parent's id.
#[derive(Clone, PartialEq, Debug)]
pub struct CapabilityTree {
    /// The L1 capabilities, in list order.
    pub roots: Vec<usize>,
    /// The children of each capability, in list order.
    pub children: Vec<Vec<usize>>,
}

impl CapabilityTree {
    pub fn new(r: &Roadmap) -> CapabilityTree {
        let caps = &r.capabilities;
        let index = first_index(caps);
        let mut parent: Vec<Option<usize>> = caps
            .iter()
            .enumerate()
            .map(|(i, c)| c.parent.as_deref().and_then(|p| index.get(p).copied()).filter(|&p| p != i))
            .collect();
        let mut children = vec![Vec::new(); caps.len()];
        for (i, p) in parent.iter().enumerate() {
            if let Some(p) = *p {
                children[p].push(i);
            }
        }
        fn mark(from: usize, children: &[Vec<usize>], reached: &mut [bool]) {
            let mut stack = vec![from];
            while let Some(i) = stack.pop() {
                reached[i] = true;
                stack.extend(children[i].iter().filter(|&&c| !reached[c]));
            }
        }
        let mut reached = vec![false; caps.len()];
        for (i, p) in parent.iter().enumerate() {
            if p.is_none() {
                mark(i, &children, &mut reached);
            }
        }
        // What is left hangs in or under a loop: walk up into the loop, cut it at its first
        // capability, and everything under that is reached.
        for i in 0..caps.len() {
            if reached[i] {
                continue;
            }
            let up = |k: usize| parent[k].expect("an unreached capability has a parent");
            let on_loop = (0..caps.len()).fold(i, |k, _| up(k));
            let mut first = on_loop;
            let mut k = up(on_loop);
            while k != on_loop {
                first = first.min(k);
                k = up(k);
            }
            children[up(first)].retain(|&c| c != first);
            parent[first] = None;
            mark(first, &children, &mut reached);
        }
        let roots = (0..caps.len()).filter(|&i| parent[i].is_none()).collect();
        CapabilityTree { roots, children }
    }

    /// Every capability, parents before their children (depth first, in list order).
    pub fn pre_order(&self) -> Vec<usize> {
        let mut out = Vec::with_capacity(self.children.len());
        let mut stack: Vec<usize> = self.roots.iter().rev().copied().collect();
        while let Some(i) = stack.pop() {
            out.push(i);
            stack.extend(self.children[i].iter().rev());
        }
        out
    }
}

/// Id → index of the first capability with that id.
pub(crate) fn first_index(caps: &[std::sync::Arc<Capability>]) -> HashMap<&str, usize> {
    let mut index = HashMap::with_capacity(caps.len());
    for (i, c) in caps.iter().enumerate() {
        index.entry(c.id.as_str()).or_insert(i);
    }
    index
}

/// The distinct, existing capabilities an initiative links to (indexes, in link order).
fn linked(index: &HashMap<&str, usize>, i: &Initiative, out: &mut Vec<usize>) {
    out.clear();
    for link in &i.capabilities {
        if let Some(&k) = index.get(link.capability.as_str()) {
            if !out.contains(&k) {
                out.push(k);
            }
        }
    }
}

/// Whether an initiative's `maturity_after` counts in `month` (rule 1).
fn delivered_by(i: &Initiative, month: Month) -> bool {
    i.status != Status::Cancelled && i.dates().is_some_and(|(_, end)| end <= month)
}

/// Maturity at month T = max(current maturity, `maturity_after` of every linked initiative
/// that is not cancelled, is dated, and ends on or before T). Undated and cancelled
/// initiatives are ignored.
pub fn maturity_at(r: &Roadmap, capability: &Capability, month: Month) -> u8 {
    r.initiatives
        .iter()
        .filter(|i| delivered_by(i, month))
        .flat_map(|i| &i.capabilities)
        .filter(|l| l.capability == capability.id)
        .fold(capability.current_maturity, |m, l| m.max(l.maturity_after))
}

/// An initiative linked to a capability, for the capability's side panel.
#[derive(Clone, PartialEq, Debug)]
pub struct LinkedInitiative {
    pub id: Id,
    pub name: String,
    pub status: Status,
    pub start: Option<Month>,
    pub end: Option<Month>,
    /// One-off cost: capex + opex.
    pub cost: f64,
    /// This capability's share of the cost (1/n for n distinct linked capabilities).
    pub share: f64,
    pub maturity_after: u8,
    /// The goals it serves: (id, name; the id when the goal has no name or does not exist).
    pub goals: Vec<(Id, String)>,
}

/// One capability's own figures at a month.
#[derive(Clone, PartialEq, Debug)]
pub struct Figures {
    pub current: u8,
    pub target: u8,
    pub at_date: u8,
    /// target − at_date; negative when the target is beaten.
    pub gap: i32,
    pub importance: u8,
    /// Its share of planned one-off cost (rule 3).
    pub investment: f64,
    /// Linked initiatives that are not cancelled.
    pub initiatives: usize,
    pub risk: Risk,
    /// Applications supporting it that are past their end of life at the month.
    pub past_end_of_life: usize,
}

/// The figures of every capability at `month`, by capability id, in O(capabilities + links).
/// With duplicate ids the first capability wins.
pub fn figures(r: &Roadmap, month: Month) -> HashMap<Id, Figures> {
    let caps = &r.capabilities;
    let index = first_index(caps);
    let mut at: Vec<u8> = caps.iter().map(|c| c.current_maturity).collect();
    let mut investment = vec![0.0; caps.len()];
    let mut count = vec![0usize; caps.len()];
    let mut links = Vec::new();
    for i in r.initiatives.iter().filter(|i| i.status != Status::Cancelled) {
        linked(&index, i, &mut links);
        let share = i.one_off_cost() / links.len().max(1) as f64;
        for &k in &links {
            investment[k] += share;
            count[k] += 1;
        }
        if delivered_by(i, month) {
            for l in &i.capabilities {
                if let Some(&k) = index.get(l.capability.as_str()) {
                    at[k] = at[k].max(l.maturity_after);
                }
            }
        }
    }
    let past = crate::domain::landscape::Analysis::new(r).past_end_of_life_by_capability(month);
    let mut out = HashMap::with_capacity(caps.len());
    for (k, c) in caps.iter().enumerate() {
        out.entry(c.id.clone()).or_insert_with(|| Figures {
            current: c.current_maturity,
            target: c.target_maturity,
            at_date: at[k],
            gap: c.target_maturity as i32 - at[k] as i32,
            importance: c.importance,
            investment: investment[k],
            initiatives: count[k],
            risk: c.risk,
            past_end_of_life: past.get(k).copied().unwrap_or(0),
        });
    }
    out
}

/// Investment per capability id (every capability, 0 when nothing is planned): each
/// initiative that is not cancelled, dated or not, shares its one-off cost (capex + opex)
/// equally among the distinct existing capabilities it links to. The shares add up to the
/// one-off cost of all such initiatives that link at least one existing capability.
pub fn investment_shares(r: &Roadmap) -> HashMap<Id, f64> {
    let index = first_index(&r.capabilities);
    let mut out: HashMap<Id, f64> = r.capabilities.iter().map(|c| (c.id.clone(), 0.0)).collect();
    let mut links = Vec::new();
    for i in r.initiatives.iter().filter(|i| i.status != Status::Cancelled) {
        linked(&index, i, &mut links);
        for &k in &links {
            *out.get_mut(&r.capabilities[k].id).expect("every capability has an entry") +=
                i.one_off_cost() / links.len() as f64;
        }
    }
    out
}

/// The initiatives linked to one capability, cancelled ones included (marked by their
/// status; they count towards nothing), in start order with undated ones last.
pub fn linked_initiatives(r: &Roadmap, capability_id: &str) -> Vec<LinkedInitiative> {
    let index = first_index(&r.capabilities);
    let mut links = Vec::new();
    let mut out: Vec<LinkedInitiative> = r
        .initiatives
        .iter()
        .filter_map(|i| {
            let maturity_after =
                i.capabilities.iter().filter(|l| l.capability == capability_id).map(|l| l.maturity_after).max()?;
            linked(&index, i, &mut links);
            let goals = i
                .goals
                .iter()
                .map(|g| {
                    let name = r.goal(&g.goal).map_or(g.goal.as_str(), |x| display_name(&x.name, &x.id));
                    (g.goal.clone(), name.to_string())
                })
                .collect();
            Some(LinkedInitiative {
                id: i.id.clone(),
                name: display_name(&i.name, &i.id).to_string(),
                status: i.status,
                start: i.start,
                end: i.end,
                cost: i.one_off_cost(),
                share: 1.0 / links.len().max(1) as f64,
                maturity_after,
                goals,
            })
        })
        .collect();
    out.sort_by_key(|l| (l.start.is_none(), l.start, l.end));
    out
}

/// The value of `metric` from one capability's own figures. Risk counts Low = 1,
/// Medium = 2, High = 3, Critical = 4.
pub fn own_value(metric: Metric, f: &Figures) -> f64 {
    match metric {
        Metric::CurrentMaturity => f.current as f64,
        Metric::TargetMaturity => f.target as f64,
        Metric::MaturityAtDate => f.at_date as f64,
        Metric::Gap => f.gap as f64,
        Metric::Importance => f.importance as f64,
        Metric::Investment => f.investment,
        Metric::Initiatives => f.initiatives as f64,
        Metric::Risk => f.risk as u8 as f64 + 1.0,
        Metric::PastEndOfLife => f.past_end_of_life as f64,
    }
}

/// True when a higher value needs more attention (gap, importance, investment, initiatives,
/// risk); false for the maturity metrics, where a low maturity needs attention.
pub fn attention_is_high(metric: Metric) -> bool {
    !matches!(metric, Metric::CurrentMaturity | Metric::TargetMaturity | Metric::MaturityAtDate)
}

/// The values shown on the map, by capability id: a capability without children shows its
/// own value; one with children shows the roll-up of its children's shown values (so an L1
/// rolls up its L2s, which roll up their L3s). [`RollUp::Worst`] takes the child needing
/// most attention (lowest maturity; highest of the other metrics, see
/// [`attention_is_high`]); [`RollUp::WeightedAverage`] averages the children weighted by
/// their strategic importance (an importance below 1 counts as 1).
pub fn shown_values(r: &Roadmap, figures: &HashMap<Id, Figures>, metric: Metric, rollup: RollUp) -> HashMap<Id, f64> {
    let caps = &r.capabilities;
    let tree = CapabilityTree::new(r);
    let mut shown = vec![0.0; caps.len()];
    for &i in tree.pre_order().iter().rev() {
        let kids = &tree.children[i];
        shown[i] = if kids.is_empty() {
            figures.get(&caps[i].id).map_or(0.0, |f| own_value(metric, f))
        } else {
            let values = kids.iter().map(|&k| shown[k]);
            match rollup {
                RollUp::Worst if attention_is_high(metric) => values.fold(f64::NEG_INFINITY, f64::max),
                RollUp::Worst => values.fold(f64::INFINITY, f64::min),
                RollUp::WeightedAverage => {
                    let weight = |k: usize| caps[k].importance.max(1) as f64;
                    let total: f64 = kids.iter().map(|&k| weight(k)).sum();
                    kids.iter().map(|&k| weight(k) * shown[k]).sum::<f64>() / total
                }
            }
        };
    }
    let mut out = HashMap::with_capacity(caps.len());
    for (c, v) in caps.iter().zip(shown) {
        out.entry(c.id.clone()).or_insert(v);
    }
    out
}

/// The text shown in a box: maturity, importance and number of initiatives as a number
/// ("3", or "2.5" for an average); the gap with its sign ("+2", "0", "−1"); investment as
/// short money with the currency code ("EUR 1.2M", "EUR 350k", "EUR 0"); risk as its label
/// ("High"), an average rounded to the nearest level.
pub fn value_text(metric: Metric, value: f64, currency: &str) -> String {
    match metric {
        Metric::Gap => signed(value, |x| trimmed(x, 1)),
        Metric::Investment => short_money(value, currency),
        Metric::Risk => risk_level(value).label().to_string(),
        _ => trimmed(value, 1),
    }
}

/// The risk level nearest to a value on the 1–4 scale.
fn risk_level(value: f64) -> Risk {
    let k = if value.is_finite() { value.round().clamp(1.0, 4.0) as usize } else { 1 };
    Risk::ALL[k - 1]
}

/// The scale of a metric: six steps, from least attention or magnitude (0) to most (5).
/// The colours of the steps are `crate::layout::palette`'s.
///
/// Maturity (0–5), gap (0 or less, +1 … +5), importance (1–5) and risk (Low–Critical) have
/// fixed scales, an average coloured as the nearest level. Investment and number of
/// initiatives are split into six equal ranges from 0 up to a round number at or above the
/// largest value shown.
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct Scale {
    pub metric: Metric,
    pub min: f64,
    pub max: f64,
}

/// The smallest of 1, 2, 5, 10, 20, 50, … that is at least `x` (at least 1).
fn nice_at_least(x: f64) -> f64 {
    let mut p = 1.0;
    loop {
        for m in [1.0, 2.0, 5.0] {
            if m * p >= x {
                return m * p;
            }
        }
        p *= 10.0;
    }
}

impl Scale {
    /// The scale for a metric given the values shown (see [`Scale`]).
    pub fn for_values(metric: Metric, values: impl Iterator<Item = f64>) -> Scale {
        let (min, max) = match metric {
            Metric::CurrentMaturity | Metric::TargetMaturity | Metric::MaturityAtDate | Metric::Gap => (0.0, 5.0),
            Metric::Importance => (1.0, 5.0),
            Metric::Risk => (1.0, 4.0),
            Metric::Investment | Metric::Initiatives | Metric::PastEndOfLife => {
                let top = values.filter(|v| v.is_finite()).fold(0.0, f64::max);
                let width = match metric {
                    _ if top <= 0.0 => 0.0,
                    // Whole counts: six ranges of `width` numbers each, the last ending at or above `top`.
                    Metric::Initiatives | Metric::PastEndOfLife => nice_at_least((top.ceil() + 1.0) / 6.0),
                    _ => nice_at_least(top / 6.0),
                };
                (0.0, 6.0 * width)
            }
        };
        Scale { metric, min, max }
    }

    fn ranged(&self) -> bool {
        matches!(self.metric, Metric::Investment | Metric::Initiatives | Metric::PastEndOfLife)
    }

    /// The step of a value, 0 (least attention or magnitude) to 5.
    pub fn step(&self, value: f64) -> usize {
        let span = self.max - self.min;
        if !value.is_finite() || span <= 0.0 {
            return if attention_is_high(self.metric) { 0 } else { 5 };
        }
        let v = value.clamp(self.min, self.max) - self.min;
        let s = if self.ranged() { (v / (span / 6.0)).floor().min(5.0) } else { (v / span * 5.0).round() } as usize;
        if attention_is_high(self.metric) {
            s
        } else {
            5 - s
        }
    }

    /// The legend, in increasing value: (label, a value in its step). "0" … "5" for maturity;
    /// "0 or less", "+1" … "+5" for the gap; "1" … "5" for importance; "Low" … "Critical"
    /// for risk; ranges such as "EUR 0–200k" for investment and "0–1" for initiatives (one
    /// entry, "EUR 0" or "0", when every value is 0).
    pub fn legend_labels(&self, currency: &str) -> Vec<(String, f64)> {
        let entry = |label: String, value: f64| (label, value);
        match self.metric {
            Metric::Gap => {
                (0..=5).map(|g| entry(if g == 0 { "0 or less".into() } else { format!("+{g}") }, g as f64)).collect()
            }
            Metric::Risk => Risk::ALL.iter().map(|r| entry(r.label().into(), *r as u8 as f64 + 1.0)).collect(),
            Metric::Investment | Metric::Initiatives | Metric::PastEndOfLife => {
                let width = (self.max - self.min) / 6.0;
                if width <= 0.0 {
                    let zero = if self.metric == Metric::Investment { short_money(0.0, currency) } else { "0".into() };
                    return vec![entry(zero, 0.0)];
                }
                (0..6)
                    .map(|k| {
                        let lo = self.min + k as f64 * width;
                        let label = if self.metric == Metric::Investment {
                            short_money(lo, currency) + "–" + &short_amount(lo + width)
                        } else if width == 1.0 {
                            trimmed(lo, 1)
                        } else {
                            format!("{}–{}", trimmed(lo, 1), trimmed(lo + width - 1.0, 1))
                        };
                        entry(label, lo)
                    })
                    .collect()
            }
            _ => (self.min as i32..=self.max as i32).map(|v| entry(v.to_string(), v as f64)).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_roadmap;
    use crate::domain::generate::generate;
    use crate::domain::model::{CapabilityLink, GoalLink};
    use crate::layout::palette::ScaleColours;
    use proptest::prelude::*;
    use std::sync::Arc;

    fn m(s: &str) -> Month {
        Month::parse(s).unwrap()
    }

    fn cap(id: &str, parent: Option<&str>, current: u8, importance: u8) -> Capability {
        Capability {
            id: id.into(),
            name: id.into(),
            parent: parent.map(String::from),
            current_maturity: current,
            target_maturity: 4,
            importance,
            ..Capability::default()
        }
    }

    fn ini(id: &str, status: Status, end: Option<&str>, cost: f64, links: &[(&str, u8)]) -> Initiative {
        Initiative {
            id: id.into(),
            name: id.into(),
            status,
            start: end.map(|_| m("2026-01")),
            end: end.map(m),
            capex: cost * 0.75,
            opex: cost * 0.25,
            capabilities: links
                .iter()
                .map(|&(c, after)| CapabilityLink { capability: c.into(), maturity_after: after })
                .collect(),
            ..Initiative::default()
        }
    }

    fn roadmap(caps: Vec<Capability>, inis: Vec<Initiative>) -> Roadmap {
        Roadmap {
            capabilities: caps.into_iter().map(Arc::new).collect(),
            initiatives: inis.into_iter().map(Arc::new).collect(),
            ..Roadmap::default()
        }
    }

    #[test]
    fn keys_round_trip_and_labels_are_set() {
        for metric in Metric::ALL {
            assert_eq!(Metric::from_key(metric.key()), Some(metric));
            assert!(!metric.label().is_empty() && metric.rule().ends_with('.'));
        }
        for rollup in RollUp::ALL {
            assert_eq!(RollUp::from_key(rollup.key()), Some(rollup));
            assert!(rollup.rule().ends_with('.') && !rollup.label().is_empty());
        }
        assert_eq!(Metric::from_key("at-date"), Some(Metric::MaturityAtDate));
        assert_eq!(Metric::from_key("nope"), None);
        let dated: Vec<Metric> = Metric::ALL.into_iter().filter(|m| m.uses_date()).collect();
        assert_eq!(dated, [Metric::MaturityAtDate, Metric::Gap, Metric::PastEndOfLife]);
    }

    #[test]
    fn maturity_at_a_date() {
        let r = roadmap(
            vec![cap("c", None, 1, 3), cap("d", None, 4, 3)],
            vec![
                ini("a", Status::InProgress, Some("2026-06"), 0.0, &[("c", 3)]),
                ini("b", Status::Approved, Some("2027-03"), 0.0, &[("c", 4), ("d", 2)]),
                ini("tie", Status::Done, Some("2026-06"), 0.0, &[("c", 3)]),
                ini("cancelled", Status::Cancelled, Some("2026-02"), 0.0, &[("c", 5)]),
                ini("undated", Status::Idea, None, 0.0, &[("c", 5)]),
            ],
        );
        let c = &r.capabilities[0];
        assert_eq!(maturity_at(&r, c, m("2026-05")), 1);
        // Ends exactly on T counts; ends after T does not.
        assert_eq!(maturity_at(&r, c, m("2026-06")), 3);
        assert_eq!(maturity_at(&r, c, m("2027-02")), 3);
        assert_eq!(maturity_at(&r, c, m("2027-03")), 4);
        assert_eq!(maturity_at(&r, c, m("2030-01")), 4, "cancelled and undated ignored");
        // An initiative never lowers maturity.
        assert_eq!(maturity_at(&r, &r.capabilities[1], m("2030-01")), 4);
        let f = figures(&r, m("2027-03"));
        assert_eq!((f["c"].at_date, f["c"].gap, f["d"].gap), (4, 0, 0));
        assert_eq!(f["c"].initiatives, 4, "cancelled not counted, undated counted");
        let f = figures(&r, m("2026-01"));
        assert_eq!((f["c"].current, f["c"].at_date, f["c"].gap, f["c"].target), (1, 1, 3, 4));
    }

    #[test]
    fn figures_agree_with_maturity_at_on_generated_roadmaps() {
        let r = generate(5, 400);
        for month in ["2026-01", "2027-06", "2029-12"] {
            let f = figures(&r, m(month));
            assert_eq!(f.len(), r.capabilities.len());
            for c in &r.capabilities {
                assert_eq!(f[&c.id].at_date, maturity_at(&r, c, m(month)), "{} {month}", c.id);
                assert_eq!(f[&c.id].gap, c.target_maturity as i32 - f[&c.id].at_date as i32);
            }
        }
    }

    #[test]
    fn investment_is_shared_equally() {
        let r = roadmap(
            vec![cap("a", None, 1, 3), cap("b", None, 1, 3), cap("c", None, 1, 3)],
            vec![
                ini("three", Status::Proposed, Some("2026-06"), 900.0, &[("a", 2), ("b", 2), ("c", 2)]),
                ini("twice", Status::Idea, None, 100.0, &[("a", 2), ("a", 3), ("missing", 2)]),
                ini("cancelled", Status::Cancelled, Some("2026-06"), 5000.0, &[("a", 2)]),
            ],
        );
        let shares = investment_shares(&r);
        assert_eq!((shares["a"], shares["b"], shares["c"]), (400.0, 300.0, 300.0));
        let f = figures(&r, m("2026-01"));
        assert_eq!((f["a"].investment, f["a"].initiatives), (400.0, 2));
        let linked = linked_initiatives(&r, "a");
        let ids: Vec<&str> = linked.iter().map(|l| l.id.as_str()).collect();
        assert_eq!(ids, ["three", "cancelled", "twice"], "start order, undated last");
        assert_eq!(
            (linked[0].share, linked[0].cost, linked[2].share, linked[2].maturity_after),
            (1.0 / 3.0, 900.0, 1.0, 3)
        );
        assert!(linked_initiatives(&r, "nothing").is_empty());
    }

    #[test]
    fn linked_initiatives_name_their_goals() {
        let r = demo_roadmap();
        let linked = linked_initiatives(&r, "cap-cust-crm");
        assert!(linked.len() >= 2);
        let crm = linked.iter().find(|l| l.id == "ini-crm").unwrap();
        assert!(crm.goals.iter().any(|(id, name)| id == "goal-cx" && name.starts_with("Delight")));
        assert!(linked.windows(2).all(|w| w[0].start.is_some() || w[1].start.is_none()));
        let mut r = r;
        r.initiative_mut("ini-crm").unwrap().goals.push(GoalLink { goal: "ghost".into(), contribution: 1 });
        let crm = linked_initiatives(&r, "cap-cust-crm").into_iter().find(|l| l.id == "ini-crm").unwrap();
        assert_eq!(crm.goals.last().unwrap(), &("ghost".to_string(), "ghost".to_string()));
    }

    /// root ─ a (importance 1) ─ a1 (maturity 4, importance 1), a2 (2, importance 3)
    ///      └ b (importance 3, leaf, maturity 5)
    fn nested() -> Roadmap {
        roadmap(
            vec![
                cap("root", None, 0, 5),
                cap("a", Some("root"), 0, 1),
                cap("a1", Some("a"), 4, 1),
                cap("a2", Some("a"), 2, 3),
                cap("b", Some("root"), 5, 3),
            ],
            vec![],
        )
    }

    #[test]
    fn roll_ups_over_three_levels() {
        let r = nested();
        let f = figures(&r, m("2026-01"));
        let worst = shown_values(&r, &f, Metric::CurrentMaturity, RollUp::Worst);
        assert_eq!((worst["a1"], worst["a"], worst["b"], worst["root"]), (4.0, 2.0, 5.0, 2.0));
        let avg = shown_values(&r, &f, Metric::CurrentMaturity, RollUp::WeightedAverage);
        // a = (1·4 + 3·2) / 4 = 2.5; root = (1·2.5 + 3·5) / 4 = 4.375.
        assert_eq!((avg["a"], avg["root"]), (2.5, 4.375));
        // Highest needs attention for the gap (target 4 everywhere): a = max(0, 2) = 2.
        let gap = shown_values(&r, &f, Metric::Gap, RollUp::Worst);
        assert_eq!((gap["a"], gap["b"], gap["root"]), (2.0, -1.0, 2.0));
        let importance = shown_values(&r, &f, Metric::Importance, RollUp::Worst);
        assert_eq!((importance["a"], importance["root"]), (3.0, 3.0));
        let mut risky = r.clone();
        Arc::make_mut(&mut risky.capabilities[2]).risk = Risk::Critical;
        let f = figures(&risky, m("2026-01"));
        let risk = shown_values(&risky, &f, Metric::Risk, RollUp::Worst);
        assert_eq!((risk["a2"], risk["a"], risk["root"]), (2.0, 4.0, 4.0));
        assert_eq!(value_text(Metric::Risk, risk["root"], "EUR"), "Critical");
    }

    #[test]
    fn broken_trees_still_roll_up() {
        let mut caps = vec![
            cap("x", Some("y"), 1, 3),
            cap("y", Some("x"), 3, 3),
            cap("orphan", Some("gone"), 2, 3),
            cap("self", Some("self"), 4, 3),
            cap("under", Some("y"), 0, 3),
        ];
        caps.push(cap("x2", Some("x"), 5, 3));
        let r = roadmap(caps, vec![]);
        let tree = CapabilityTree::new(&r);
        // The loop x ⇄ y is cut at x, the first in the list.
        assert_eq!(tree.roots, [0, 2, 3]);
        assert_eq!(tree.children[0], [1, 5]);
        assert_eq!(tree.children[1], [4]);
        let mut order = tree.pre_order();
        assert_eq!(order, [0, 1, 4, 5, 2, 3]);
        order.sort();
        assert_eq!(order, (0..6).collect::<Vec<_>>());
        let shown = shown_values(&r, &figures(&r, m("2026-01")), Metric::CurrentMaturity, RollUp::Worst);
        assert_eq!((shown["y"], shown["x"], shown["self"]), (0.0, 0.0, 4.0));
    }

    #[test]
    fn applications_past_end_of_life_per_capability() {
        let r = crate::domain::demo::demo_roadmap();
        let at = |m: &str| figures(&r, Month::parse(m).unwrap());
        let total = |f: &HashMap<Id, Figures>| f.values().map(|x| x.past_end_of_life).sum::<usize>();
        // The demo's fleet tracker reaches its end of life with no successor; more follow later.
        assert!(total(&at("2026-01")) <= total(&at("2028-12")));
        assert!(total(&at("2028-12")) > 0);
        let f = at("2028-12");
        let some = f.values().find(|x| x.past_end_of_life > 0).unwrap();
        assert_eq!(own_value(Metric::PastEndOfLife, some), some.past_end_of_life as f64);
    }

    #[test]
    fn value_texts() {
        use Metric::*;
        assert_eq!(value_text(CurrentMaturity, 3.0, "EUR"), "3");
        assert_eq!(value_text(MaturityAtDate, 2.5, "EUR"), "2.5");
        assert_eq!(value_text(TargetMaturity, 2.96, "EUR"), "3");
        assert_eq!(value_text(Importance, 4.375, "EUR"), "4.4");
        assert_eq!(value_text(Gap, 2.0, "EUR"), "+2");
        assert_eq!(value_text(Gap, 0.0, "EUR"), "0");
        assert_eq!(value_text(Gap, -0.01, "EUR"), "0");
        assert_eq!(value_text(Gap, -1.0, "EUR"), "−1");
        assert_eq!(value_text(Gap, 1.25, "EUR"), "+1.3");
        assert_eq!(value_text(Gap, -0.5, "EUR"), "−0.5");
        assert_eq!(value_text(Investment, 1_234_567.0, "EUR"), "EUR 1.2M");
        assert_eq!(value_text(Investment, 12_000_000.0, "EUR"), "EUR 12M");
        assert_eq!(value_text(Investment, 350_400.0, "EUR"), "EUR 350k");
        assert_eq!(value_text(Investment, 999_700.0, "USD"), "USD 1M");
        assert_eq!(value_text(Investment, 333.33, "EUR"), "EUR 333");
        assert_eq!(value_text(Investment, 0.0, "EUR"), "EUR 0");
        assert_eq!(value_text(Investment, 2.5e9, "EUR"), "EUR 2.5B");
        assert_eq!(value_text(Initiatives, 7.0, "EUR"), "7");
        assert_eq!(value_text(Initiatives, 1.5, "EUR"), "1.5");
        assert_eq!(value_text(Risk, 3.0, "EUR"), "High");
        assert_eq!(value_text(Risk, 2.4, "EUR"), "Medium");
        assert_eq!(value_text(Risk, 2.5, "EUR"), "High");
        assert_eq!(value_text(Risk, 1.0, "EUR"), "Low");
    }

    #[test]
    fn demo_heatmap_shows_its_problems() {
        let r = demo_roadmap();
        let f = figures(&r, m("2028-12"));
        // (e) a gap with no plan, (f) unmanaged risk.
        assert_eq!((f["cap-people-skills"].gap, f["cap-people-skills"].initiatives), (2, 0));
        assert_eq!((f["cap-grc-thirdparty"].risk, f["cap-grc-thirdparty"].initiatives), (Risk::High, 0));
        let total: f64 = investment_shares(&r).values().sum();
        // Every initiative that is not cancelled and links a capability is shared out.
        let shared = |i: &&Arc<Initiative>| i.status != Status::Cancelled && !i.capabilities.is_empty();
        let planned: f64 = r.initiatives.iter().filter(shared).map(|i| i.one_off_cost()).sum();
        assert!((total - planned).abs() < 1e-3, "{total} vs {planned}");
        let shown = shown_values(&r, &f, Metric::Gap, RollUp::Worst);
        assert_eq!(shown["cap-people"], 2.0);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        #[test]
        fn shares_add_up_and_roll_ups_stay_within_children(seed in 0u64..1_000, size in 0usize..300, month in 0i32..48) {
            let r = generate(seed, size);
            let shares = investment_shares(&r);
            let total: f64 = shares.values().sum();
            let planned: f64 = r.initiatives.iter().filter(|i| i.status != Status::Cancelled).map(|i| i.one_off_cost()).sum();
            prop_assert!((total - planned).abs() <= 1e-6 * planned.max(1.0));
            let f = figures(&r, m("2026-01").plus(month));
            prop_assert_eq!(f.len(), r.capabilities.len());
            let tree = CapabilityTree::new(&r);
            for metric in Metric::ALL {
                let worst = shown_values(&r, &f, metric, RollUp::Worst);
                let avg = shown_values(&r, &f, metric, RollUp::WeightedAverage);
                for (i, kids) in tree.children.iter().enumerate() {
                    let id = &r.capabilities[i].id;
                    if kids.is_empty() {
                        prop_assert_eq!(worst[id], own_value(metric, &f[id]));
                        continue;
                    }
                    let values: Vec<f64> = kids.iter().map(|&k| worst[&r.capabilities[k].id]).collect();
                    prop_assert!(values.contains(&worst[id]));
                    let beaten = values.iter().any(|&v| if attention_is_high(metric) { v > worst[id] } else { v < worst[id] });
                    prop_assert!(!beaten, "{:?}", metric);
                    let averages: Vec<f64> = kids.iter().map(|&k| avg[&r.capabilities[k].id]).collect();
                    let (lo, hi) = averages.iter().fold((f64::MAX, f64::MIN), |(a, b), &v| (a.min(v), b.max(v)));
                    prop_assert!(lo - 1e-9 <= avg[id] && avg[id] <= hi + 1e-9);
                }
                let scale = Scale::for_values(metric, worst.values().copied());
                for v in worst.values() {
                    prop_assert!(scale.palette().contains(&scale.colour(*v)));
                }
            }
        }
    }
}
