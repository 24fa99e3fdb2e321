//! Portfolio insight: the numbers an IT leadership team argues about, computed live from
//! the roadmap — alignment with the goals, finance and total cost of ownership, vendors,
//! risk and compliance, workforce, and the executive summary that gathers the headlines.
//!
//! Every figure comes with a short "how this is computed" text (a `…_RULE` constant next
//! to it) for the view to show beside it; `docs/portfolio.md` collects them.
//!
//! Rules shared by every area:
//!
//! - **Cancelled initiatives count towards nothing**: no cost, no spend, no FTE, no risk,
//!   no link. They are still listed where a view lists initiatives, marked by their status.
//! - **Money** is in the roadmap's currency. Spend over time follows the cost rules of
//!   [`spend`](super::spend) (cost spread evenly over an initiative's months, run cost from
//!   the month after it ends, only dated initiatives spend).
//! - **Broken data is still shown, never a crash**: a link to a goal or capability that does
//!   not exist is left out; a contribution, weight, likelihood or impact outside its range
//!   counts as the nearest allowed value (validation reports it).
//!
//! Every function runs in time linear in the number of items and links (ids are looked up
//! through maps built once), so the whole summary is recomputed on each edit of a roadmap
//! with 2,000 initiatives.

pub mod alignment;
pub mod finance;
pub mod risk;
pub mod summary;
pub mod vendors;
pub mod workforce;

use super::heatmap::{first_index, CapabilityTree};
use super::model::{display_name, Id, Initiative, Roadmap, Status};

/// The view that explains a headline figure, so the summary can link to it.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Explains {
    Alignment,
    Finance,
    Vendors,
    Risk,
    Workforce,
    Heatmap,
    Timeline,
    Landscape,
}

impl Explains {
    pub const ALL: [Explains; 8] = [
        Explains::Alignment,
        Explains::Finance,
        Explains::Vendors,
        Explains::Risk,
        Explains::Workforce,
        Explains::Heatmap,
        Explains::Timeline,
        Explains::Landscape,
    ];

    /// The name of the view, for a link ("See Alignment").
    pub fn label(self) -> &'static str {
        match self {
            Explains::Alignment => "Alignment",
            Explains::Finance => "Finance",
            Explains::Vendors => "Vendors",
            Explains::Risk => "Risk and compliance",
            Explains::Workforce => "Workforce",
            Explains::Heatmap => "Heatmap",
            Explains::Timeline => "Timeline",
            Explains::Landscape => "Landscape",
        }
    }
}

/// An item as the figures list it: its id and the name to show (the id when it has none).
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct ItemRef {
    pub id: Id,
    pub name: String,
}

impl ItemRef {
    fn new(id: &str, name: &str) -> ItemRef {
        ItemRef { id: id.to_string(), name: display_name(name, id).to_string() }
    }
    fn of(i: &Initiative) -> ItemRef {
        ItemRef::new(&i.id, &i.name)
    }
}

/// The initiative counts in the portfolio's figures: it is not cancelled.
pub fn counts(i: &Initiative) -> bool {
    i.status != Status::Cancelled
}

/// Amounts smaller than this (a cent) are rounding left over from spreading costs over
/// months, not money: they never make a year over budget.
pub const MONEY_TOLERANCE: f64 = 0.01;

/// FTE differences smaller than this are rounding, not people.
pub const FTE_TOLERANCE: f64 = 1e-6;

/// A finite number, or 0 (an overflowing sum never poisons a figure).
fn finite(x: f64) -> f64 {
    if x.is_finite() {
        x
    } else {
        0.0
    }
}

/// For every capability (by index into `Roadmap::capabilities`), the initiatives that plan
/// work on it: those not cancelled, dated or not, that link to it or to a capability below
/// it (indexes into `Roadmap::initiatives`, ascending, each once). A plan for a part of a
/// capability is a plan for the capability. Linear in capabilities and links (times the
/// depth of the map).
fn plans(r: &Roadmap) -> Vec<Vec<usize>> {
    let index = first_index(&r.capabilities);
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); r.capabilities.len()];
    for (k, i) in r.initiatives.iter().enumerate().filter(|(_, i)| counts(i)) {
        for link in &i.capabilities {
            if let Some(&c) = index.get(link.capability.as_str()) {
                if out[c].last() != Some(&k) {
                    out[c].push(k);
                }
            }
        }
    }
    let tree = CapabilityTree::new(r);
    // Children before their parents: each parent gathers its finished children.
    for &c in tree.pre_order().iter().rev() {
        let mut all = std::mem::take(&mut out[c]);
        for &child in &tree.children[c] {
            all.extend_from_slice(&out[child]);
        }
        all.sort_unstable();
        all.dedup();
        out[c] = all;
    }
    out
}

#[cfg(test)]
pub(crate) mod test_support {
    //! Small roadmaps written out by hand for the tests of every area.
    use crate::domain::calendar::{Month, Quarter};
    use crate::domain::model::*;
    use std::sync::Arc;

    pub fn m(s: &str) -> Month {
        Month::parse(s).unwrap()
    }
    pub fn q(s: &str) -> Quarter {
        Quarter::parse(s).unwrap()
    }
    pub fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-6 * (1.0 + a.abs().max(b.abs()))
    }

    /// An initiative; `dates` is "YYYY-MM..YYYY-MM" or "" (undated); money is (capex, opex,
    /// run cost per year).
    pub fn ini(id: &str, dates: &str, money: (f64, f64, f64)) -> Initiative {
        let (start, end) = dates.split_once("..").map_or((None, None), |(s, e)| (Some(m(s)), Some(m(e))));
        Initiative {
            id: id.into(),
            name: format!("Initiative {id}"),
            status: Status::Approved,
            start,
            end,
            capex: money.0,
            opex: money.1,
            run_cost_per_year: money.2,
            ..Initiative::default()
        }
    }

    pub fn goal(id: &str, weight: u8) -> Goal {
        Goal { id: id.into(), name: format!("Goal {id}"), weight, ..Goal::default() }
    }

    pub fn cap(id: &str, parent: Option<&str>, current: u8, target: u8, risk: Risk) -> Capability {
        Capability {
            id: id.into(),
            name: format!("Capability {id}"),
            parent: parent.map(String::from),
            current_maturity: current,
            target_maturity: target,
            risk,
            ..Capability::default()
        }
    }

    pub fn goals(links: &[(&str, u8)]) -> Vec<GoalLink> {
        links.iter().map(|&(g, c)| GoalLink { goal: g.into(), contribution: c }).collect()
    }

    pub fn caps(links: &[(&str, u8)]) -> Vec<CapabilityLink> {
        links.iter().map(|&(c, a)| CapabilityLink { capability: c.into(), maturity_after: a }).collect()
    }

    /// A January fiscal year, horizon 2026–2027.
    pub fn roadmap(goals: Vec<Goal>, caps: Vec<Capability>, inis: Vec<Initiative>) -> Roadmap {
        Roadmap {
            horizon: Horizon { start: m("2026-01"), end: m("2027-12") },
            goals: goals.into_iter().map(Arc::new).collect(),
            capabilities: caps.into_iter().map(Arc::new).collect(),
            initiatives: inis.into_iter().map(Arc::new).collect(),
            ..Roadmap::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::*;
    use super::*;
    use crate::domain::model::{Risk, Status};

    #[test]
    fn explains_labels_are_set_and_distinct() {
        let labels: std::collections::HashSet<_> = Explains::ALL.iter().map(|e| e.label()).collect();
        assert_eq!(labels.len(), Explains::ALL.len());
        assert!(labels.iter().all(|l| !l.is_empty()));
    }

    #[test]
    fn plans_look_down_the_capability_tree() {
        let caps = vec![
            cap("a", None, 1, 3, Risk::Low),
            cap("a-1", Some("a"), 1, 3, Risk::Low),
            cap("a-1-x", Some("a-1"), 1, 3, Risk::Low),
            cap("b", None, 1, 3, Risk::Low),
            cap("loop-1", Some("loop-2"), 1, 3, Risk::Low),
            cap("loop-2", Some("loop-1"), 1, 3, Risk::Low),
        ];
        let mut one = ini("one", "2026-01..2026-03", (1.0, 0.0, 0.0));
        one.capabilities = caps_links(&[("a-1-x", 3), ("a-1-x", 4), ("missing", 2)]);
        let mut two = ini("two", "", (1.0, 0.0, 0.0));
        two.capabilities = caps_links(&[("a", 3), ("loop-2", 3)]);
        let mut gone = ini("gone", "2026-01..2026-03", (1.0, 0.0, 0.0));
        gone.status = Status::Cancelled;
        gone.capabilities = caps_links(&[("b", 3)]);
        let r = roadmap(vec![], caps, vec![one, two, gone]);
        let p = plans(&r);
        assert_eq!(p, vec![vec![0, 1], vec![0], vec![0], vec![], vec![1], vec![1]]);
    }

    fn caps_links(links: &[(&str, u8)]) -> Vec<crate::domain::model::CapabilityLink> {
        caps(links)
    }
}
