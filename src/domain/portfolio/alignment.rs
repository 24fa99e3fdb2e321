//! Alignment: which goals the initiatives serve, how much money that is, and where the plan
//! and the strategy part ways (unaligned spend, strategy gaps, capability gaps nobody
//! plans to close).
//!
//! The rules (also the `…_RULE` texts shown beside each figure):
//!
//! 1. **Contribution.** An initiative serves a goal with a contribution of 1 (some),
//!    2 (strong) or 3 (decisive). A link of 0 is no link; above 3 counts as 3. Two links to
//!    the same goal count once, with the stronger contribution. A link to a goal that does
//!    not exist is left out.
//! 2. **Cost** is an initiative's one-off cost, capex + opex, whether it is dated or not (it
//!    is planned); run cost is not included. Cancelled initiatives cost nothing and serve
//!    nothing: they are shown in the matrix, marked, and count towards no figure.
//! 3. **Investment touching a goal** counts the full cost of every initiative serving it, so
//!    an initiative serving three goals is counted three times across the goals.
//!    **Attributed investment** splits an initiative's cost among the goals it serves in
//!    proportion to its contributions (a 3 gets three times the share of a 1); the goals'
//!    attributed investments add up to the aligned spend.
//! 4. **Weighted contribution** of a goal = Σ contribution × the goal's weight over the
//!    initiatives serving it; of an initiative = Σ contribution × weight over the goals it
//!    serves. A weight outside 1–5 counts as the nearest of 1 and 5.
//! 5. **Unaligned**: initiatives that serve no goal, with their cost. **Strategy gaps**:
//!    goals that no initiative serves. **Unplanned capability gaps**: capabilities whose
//!    target maturity is above their current maturity and that no initiative links to,
//!    neither directly nor through a capability below them.
//! 6. **Alignment share** = cost of the initiatives serving at least one goal ÷ cost of all
//!    initiatives (rule 2); none when the portfolio costs nothing.

use super::{counts, finite, plans, ItemRef};
use crate::domain::calendar::Month;
use crate::domain::heatmap::CapabilityTree;
use crate::domain::model::{display_name, GoalLink, Id, Initiative, Roadmap, Status};
use std::cmp::Reverse;
use std::collections::HashMap;
use std::sync::Arc;

pub const MATRIX_RULE: &str =
    "Each cell shows how strongly an initiative serves a goal: 1 some, 2 strong, 3 decisive; \
     empty when it does not. Cancelled initiatives are shown but count towards nothing.";
pub const INVESTMENT_RULE: &str =
    "The one-off cost (capex + opex) of every initiative that serves the goal and is not \
     cancelled, dated or not, counted in full. An initiative serving three goals counts in all three, so these \
     figures add up to more than the portfolio.";
pub const ATTRIBUTED_RULE: &str =
    "The goal's part of the cost: each initiative's one-off cost split among the goals it \
     serves in proportion to its contributions (a 3 gets three times the part of a 1). The parts add up to the \
     aligned spend.";
pub const INITIATIVES_RULE: &str = "How many initiatives that are not cancelled serve the goal.";
pub const WEIGHTED_CONTRIBUTION_RULE: &str = "The contributions of the initiatives serving the goal (1 to 3 each), \
     added up and multiplied by the goal's weight (1 to 5): how much of the plan pushes towards the goal, scaled by \
     how much the goal matters.";
pub const INITIATIVE_TOTALS_RULE: &str =
    "For an initiative: the goals it serves, its contributions added up, and each \
     contribution times that goal's weight, added up.";
pub const UNALIGNED_RULE: &str =
    "Initiatives that are not cancelled and serve no goal, with their one-off cost (capex + \
     opex), dated or not: spend that answers no business goal — an IT wish list, not a strategy.";
pub const STRATEGY_GAP_RULE: &str = "Goals that no initiative serves (cancelled initiatives do not count): strategy \
     without a plan.";
pub const UNPLANNED_GAP_RULE: &str = "Capabilities whose target maturity is above their current maturity and that no \
     initiative links to, neither directly nor through a capability below them (cancelled initiatives do not count).";
pub const SHARE_RULE: &str =
    "The one-off cost (capex + opex) of the initiatives that serve at least one goal, divided \
     by the one-off cost of all initiatives. Both count every initiative that is not cancelled, dated or not; run \
     cost is not included.";

/// A goal's row of the matrix, with its totals (rules 3 and 4).
#[derive(Clone, PartialEq, Debug)]
pub struct GoalRow {
    pub id: Id,
    pub name: String,
    /// As entered (1..=5).
    pub weight: u8,
    /// Initiatives serving it that are not cancelled.
    pub initiatives: usize,
    /// Full one-off cost of those initiatives.
    pub investment: f64,
    /// Their cost split by contribution.
    pub attributed: f64,
    /// Σ contribution.
    pub contribution: u32,
    /// Σ contribution × weight.
    pub weighted_contribution: u32,
}

impl GoalRow {
    /// No initiative serves the goal: a strategy gap.
    pub fn is_gap(&self) -> bool {
        self.initiatives == 0
    }
}

/// An initiative's column of the matrix, with its totals.
#[derive(Clone, PartialEq, Debug)]
pub struct InitiativeColumn {
    pub id: Id,
    pub name: String,
    pub status: Status,
    pub start: Option<Month>,
    /// One-off cost, capex + opex (0 when cancelled).
    pub cost: f64,
    /// Not cancelled: the column counts in the totals.
    pub counted: bool,
    /// Distinct existing goals it serves.
    pub goals: usize,
    pub contribution: u32,
    pub weighted_contribution: u32,
}

impl InitiativeColumn {
    /// Counted and serving at least one goal.
    pub fn is_aligned(&self) -> bool {
        self.counted && self.goals > 0
    }
}

/// An initiative serving no goal (rule 5).
#[derive(Clone, PartialEq, Debug)]
pub struct Unaligned {
    pub id: Id,
    pub name: String,
    pub status: Status,
    pub cost: f64,
    /// It has dates (on the timeline) rather than waiting in the parking lot.
    pub dated: bool,
}

/// A capability with a maturity gap and no plan (rule 5).
#[derive(Clone, PartialEq, Debug)]
pub struct CapabilityGap {
    pub id: Id,
    pub name: String,
    pub current: u8,
    pub target: u8,
}

/// Everything the alignment view shows.
#[derive(Clone, PartialEq, Debug)]
pub struct Alignment {
    /// Heaviest goal first, then list order.
    pub goals: Vec<GoalRow>,
    /// In start order, undated ones last, then list order.
    pub initiatives: Vec<InitiativeColumn>,
    /// `strengths[g][i]`: the contribution of `initiatives[i]` to `goals[g]`, 0 for none.
    pub strengths: Vec<Vec<u8>>,
    /// One-off cost of every counted initiative.
    pub total: f64,
    /// The part of `total` serving at least one goal.
    pub aligned: f64,
    /// `aligned / total`, in 0..=1; `None` when `total` is 0.
    pub share: Option<f64>,
    /// Largest cost first.
    pub unaligned: Vec<Unaligned>,
    pub unaligned_total: f64,
    /// Goals without an initiative, in row order.
    pub strategy_gaps: Vec<ItemRef>,
    /// In capability-map order.
    pub unplanned_gaps: Vec<CapabilityGap>,
}

impl Alignment {
    /// The contribution of initiative column `i` to goal row `g` (0 when out of range).
    pub fn strength(&self, g: usize, i: usize) -> u8 {
        self.strengths.get(g).and_then(|row| row.get(i)).copied().unwrap_or(0)
    }
}

/// "some", "strong", "decisive" for 1, 2, 3; "none" for 0.
pub fn contribution_label(contribution: u8) -> &'static str {
    match contribution {
        0 => "none",
        1 => "some",
        2 => "strong",
        _ => "decisive",
    }
}

fn weight(w: u8) -> u32 {
    w.clamp(1, 5) as u32
}

/// Id → index of the first goal with that id.
fn goal_index(r: &Roadmap) -> HashMap<&str, usize> {
    let mut index = HashMap::with_capacity(r.goals.len());
    for (k, g) in r.goals.iter().enumerate() {
        index.entry(g.id.as_str()).or_insert(k);
    }
    index
}

/// The distinct existing goals an initiative serves, with their contribution (rule 1),
/// in link order.
fn links(index: &HashMap<&str, usize>, i: &Initiative, out: &mut Vec<(usize, u8)>) {
    out.clear();
    for l in &i.goals {
        let (Some(&g), c) = (index.get(l.goal.as_str()), l.contribution.min(3)) else { continue };
        if c == 0 {
            continue;
        }
        match out.iter_mut().find(|(x, _)| *x == g) {
            Some(seen) => seen.1 = seen.1.max(c),
            None => out.push((g, c)),
        }
    }
}

/// The alignment of a roadmap (see the module rules), in O(goals × initiatives) for the
/// matrix and linear time for everything else.
pub fn alignment(r: &Roadmap) -> Alignment {
    let index = goal_index(r);
    let mut goal_order: Vec<usize> = (0..r.goals.len()).collect();
    goal_order.sort_by_key(|&g| (Reverse(weight(r.goals[g].weight)), g));
    let mut row_of = vec![0; r.goals.len()];
    for (row, &g) in goal_order.iter().enumerate() {
        row_of[g] = row;
    }
    let mut ini_order: Vec<usize> = (0..r.initiatives.len()).collect();
    ini_order.sort_by_key(|&k| (r.initiatives[k].start.is_none(), r.initiatives[k].start, k));
    let mut col_of = vec![0; r.initiatives.len()];
    for (col, &k) in ini_order.iter().enumerate() {
        col_of[k] = col;
    }

    let mut goals: Vec<GoalRow> = goal_order
        .iter()
        .map(|&g| {
            let goal = &r.goals[g];
            GoalRow {
                id: goal.id.clone(),
                name: display_name(&goal.name, &goal.id).to_string(),
                weight: goal.weight,
                initiatives: 0,
                investment: 0.0,
                attributed: 0.0,
                contribution: 0,
                weighted_contribution: 0,
            }
        })
        .collect();
    let mut strengths = vec![vec![0u8; r.initiatives.len()]; r.goals.len()];
    let mut columns: Vec<Option<InitiativeColumn>> = vec![None; r.initiatives.len()];
    let (mut total, mut aligned) = (0.0, 0.0);
    let mut unaligned = Vec::new();
    let mut served = Vec::new();
    for (k, i) in r.initiatives.iter().enumerate() {
        links(&index, i, &mut served);
        let col = col_of[k];
        let counted = counts(i);
        let cost = if counted { finite(i.one_off_cost()) } else { 0.0 };
        let sum: u32 = served.iter().map(|&(_, c)| c as u32).sum();
        let mut weighted = 0;
        for &(g, c) in &served {
            strengths[row_of[g]][col] = c;
            weighted += c as u32 * weight(r.goals[g].weight);
            if counted {
                let row = &mut goals[row_of[g]];
                row.initiatives += 1;
                row.investment += cost;
                row.attributed += cost * c as f64 / sum as f64;
                row.contribution += c as u32;
                row.weighted_contribution += c as u32 * weight(r.goals[g].weight);
            }
        }
        if counted {
            total += cost;
            if served.is_empty() {
                unaligned.push(Unaligned {
                    id: i.id.clone(),
                    name: display_name(&i.name, &i.id).to_string(),
                    status: i.status,
                    cost,
                    dated: i.is_dated(),
                });
            } else {
                aligned += cost;
            }
        }
        columns[col] = Some(InitiativeColumn {
            id: i.id.clone(),
            name: display_name(&i.name, &i.id).to_string(),
            status: i.status,
            start: i.start,
            cost,
            counted,
            goals: served.len(),
            contribution: sum,
            weighted_contribution: weighted,
        });
    }
    unaligned.sort_by(|a, b| b.cost.total_cmp(&a.cost));
    let unaligned_total = unaligned.iter().map(|u| u.cost).sum();
    let strategy_gaps =
        goals.iter().filter(|g| g.is_gap()).map(|g| ItemRef { id: g.id.clone(), name: g.name.clone() }).collect();
    let planned = plans(r);
    let unplanned_gaps = CapabilityTree::new(r)
        .pre_order()
        .into_iter()
        .filter(|&c| planned[c].is_empty())
        .map(|c| &r.capabilities[c])
        .filter(|c| c.target_maturity > c.current_maturity)
        .map(|c| CapabilityGap {
            id: c.id.clone(),
            name: display_name(&c.name, &c.id).to_string(),
            current: c.current_maturity,
            target: c.target_maturity,
        })
        .collect();
    Alignment {
        goals,
        initiatives: columns.into_iter().map(|c| c.expect("every initiative has a column")).collect(),
        strengths,
        total,
        aligned,
        share: (total > 0.0).then(|| (aligned / total).clamp(0.0, 1.0)),
        unaligned,
        unaligned_total,
        strategy_gaps,
        unplanned_gaps,
    }
}

/// Sets how strongly an initiative serves a goal, as edited in the matrix: 0 removes the
/// link, 1 to 3 sets it (two links to the same goal become one). Returns whether anything
/// changed; the roadmap is left unchanged on an error.
pub fn set_contribution(r: &mut Roadmap, initiative: &str, goal: &str, contribution: u8) -> Result<bool, String> {
    if contribution > 3 {
        return Err(format!(
            "A contribution is 0 (none), 1 (some), 2 (strong) or 3 (decisive); {contribution} is not one of them."
        ));
    }
    if r.goal(goal).is_none() {
        return Err(format!("There is no goal with the id \"{goal}\"."));
    }
    let Some(at) = r.initiatives.iter().position(|i| i.id == initiative) else {
        return Err(format!("There is no initiative with the id \"{initiative}\"."));
    };
    let current: Vec<u8> = r.initiatives[at].goals.iter().filter(|l| l.goal == goal).map(|l| l.contribution).collect();
    let unchanged = match contribution {
        0 => current.is_empty(),
        c => current == [c],
    };
    if unchanged {
        return Ok(false);
    }
    let links = &mut Arc::make_mut(&mut r.initiatives[at]).goals;
    match links.iter().position(|l| l.goal == goal) {
        Some(first) if contribution > 0 => {
            links[first].contribution = contribution;
            let mut n = 0;
            links.retain(|l| {
                n += 1;
                n - 1 == first || l.goal != goal
            });
        }
        Some(_) => links.retain(|l| l.goal != goal),
        None => links.push(GoalLink { goal: goal.to_string(), contribution }),
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;
    use crate::domain::demo::demo_roadmap;
    use crate::domain::generate::generate;
    use crate::domain::model::Risk;
    use proptest::prelude::*;

    /// Goals g1 (weight 5), g2 (3), g3 (1, served only by a cancelled initiative).
    /// A 900 (g1: 3, g2: 1); B 200 (g2 twice: 2 and 1; a missing goal); C 100 undated, no
    /// goal; D 1,000 cancelled (g3: 3); E 50, no goal; F 0 with a 0 link to g1.
    fn fixture() -> Roadmap {
        let mut a = ini("A", "2026-01..2026-06", (600.0, 300.0, 120.0));
        a.goals = goals(&[("g1", 3), ("g2", 1)]);
        a.capabilities = caps(&[("c1", 3)]);
        let mut b = ini("B", "2026-03..2026-04", (200.0, 0.0, 0.0));
        b.goals = goals(&[("g2", 2), ("g2", 1), ("gx", 3)]);
        b.capabilities = caps(&[("c5-1", 3)]);
        let c = ini("C", "", (0.0, 100.0, 0.0));
        let mut d = ini("D", "2026-04..2026-09", (1000.0, 0.0, 0.0));
        d.status = Status::Cancelled;
        d.goals = goals(&[("g3", 3)]);
        d.capabilities = caps(&[("c4", 2)]);
        let e = ini("E", "2026-02..2026-02", (50.0, 0.0, 0.0));
        let mut f = ini("F", "2026-05..2026-06", (0.0, 0.0, 0.0));
        f.goals = goals(&[("g1", 0)]);
        roadmap(
            vec![goal("g2", 3), goal("g3", 1), goal("g1", 5)],
            vec![
                cap("c1", None, 1, 3, Risk::Low),
                cap("c2", None, 2, 4, Risk::Low),
                cap("c3", None, 3, 3, Risk::Low),
                cap("c4", None, 1, 2, Risk::Low),
                cap("c5", None, 1, 3, Risk::Low),
                cap("c5-1", Some("c5"), 2, 2, Risk::Low),
            ],
            vec![a, b, c, d, e, f],
        )
    }

    #[test]
    fn the_matrix_orders_goals_by_weight_and_initiatives_by_start() {
        let a = alignment(&fixture());
        let rows: Vec<_> = a.goals.iter().map(|g| g.id.as_str()).collect();
        assert_eq!(rows, ["g1", "g2", "g3"]);
        let cols: Vec<_> = a.initiatives.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(cols, ["A", "E", "B", "D", "F", "C"]);
        assert_eq!(a.strengths, vec![vec![3, 0, 0, 0, 0, 0], vec![1, 0, 2, 0, 0, 0], vec![0, 0, 0, 3, 0, 0]]);
        assert_eq!((a.strength(1, 2), a.strength(9, 9)), (2, 0));
        // The cancelled initiative is shown, costs nothing and counts nowhere.
        let d = &a.initiatives[3];
        assert!(!d.counted && !d.is_aligned() && d.cost == 0.0 && d.goals == 1);
    }

    #[test]
    fn goal_totals_by_hand() {
        let a = alignment(&fixture());
        let (g1, g2, g3) = (&a.goals[0], &a.goals[1], &a.goals[2]);
        // g1: A in full (900); its part 900 × 3/4 = 675; contribution 3 × weight 5.
        assert_eq!((g1.initiatives, g1.contribution, g1.weighted_contribution), (1, 3, 15));
        assert!(close(g1.investment, 900.0) && close(g1.attributed, 675.0));
        // g2: A (1) and B (2, the stronger of its two links): 900 + 200; 225 + 200.
        assert_eq!((g2.initiatives, g2.contribution, g2.weighted_contribution), (2, 3, 9));
        assert!(close(g2.investment, 1100.0) && close(g2.attributed, 425.0));
        // g3 only has the cancelled D: a strategy gap.
        assert!(g3.is_gap() && g3.investment == 0.0 && g3.weighted_contribution == 0);
        assert_eq!(a.strategy_gaps, vec![ItemRef { id: "g3".into(), name: "Goal g3".into() }]);
        // The attributed parts add up to the aligned spend.
        assert!(close(g1.attributed + g2.attributed + g3.attributed, a.aligned));
        // A's totals: 2 goals, 3 + 1, 3 × 5 + 1 × 3.
        let col = &a.initiatives[0];
        assert_eq!((col.goals, col.contribution, col.weighted_contribution), (2, 4, 18));
        assert!(col.is_aligned() && col.cost == 900.0);
    }

    #[test]
    fn unaligned_spend_and_alignment_share_by_hand() {
        let a = alignment(&fixture());
        // Counted: A 900, B 200, C 100, E 50, F 0 = 1,250; aligned A + B = 1,100.
        assert!(close(a.total, 1250.0) && close(a.aligned, 1100.0));
        assert!(close(a.share.unwrap(), 0.88));
        let unaligned: Vec<_> = a.unaligned.iter().map(|u| (u.id.as_str(), u.cost, u.dated)).collect();
        assert_eq!(unaligned, [("C", 100.0, false), ("E", 50.0, true), ("F", 0.0, true)]);
        assert_eq!(a.unaligned_total, 150.0);
        // Nothing to spend: no share rather than 0 % or 100 %.
        let empty = alignment(&roadmap(vec![goal("g", 3)], vec![], vec![ini("z", "", (0.0, 0.0, 0.0))]));
        assert_eq!((empty.share, empty.total), (None, 0.0));
        assert_eq!(empty.strategy_gaps.len(), 1);
    }

    #[test]
    fn capability_gaps_without_a_plan() {
        let a = alignment(&fixture());
        // c1 is planned by A; c3 has no gap; c4 only by cancelled D; c5 through its child.
        let gaps: Vec<_> = a.unplanned_gaps.iter().map(|g| (g.id.as_str(), g.current, g.target)).collect();
        assert_eq!(gaps, [("c2", 2, 4), ("c4", 1, 2)]);
    }

    #[test]
    fn the_demo_shows_its_alignment_problems() {
        let r = demo_roadmap();
        let a = alignment(&r);
        let unaligned: Vec<_> = a.unaligned.iter().map(|u| u.id.as_str()).collect();
        assert_eq!(unaligned, ["ini-intranet"]);
        assert_eq!(a.unaligned_total, 210_000.0);
        let gaps: Vec<_> = a.strategy_gaps.iter().map(|g| g.id.as_str()).collect();
        assert_eq!(gaps, ["goal-green"]);
        let unplanned: Vec<_> = a.unplanned_gaps.iter().map(|g| g.id.as_str()).collect();
        assert_eq!(unplanned, ["cap-people-skills"]);
        // 29 initiatives count (ini-chain is cancelled); share = 1 − 210k / total.
        assert_eq!(a.initiatives.iter().filter(|i| i.counted).count(), 29);
        let total: f64 = r.initiatives.iter().filter(|i| i.status != Status::Cancelled).map(|i| i.one_off_cost()).sum();
        assert!(close(a.total, total) && close(a.share.unwrap(), 1.0 - 210_000.0 / total));
        assert!(a.share.unwrap() > 0.98);
        assert_eq!((a.goals.len(), a.strengths.len(), a.strengths[0].len()), (8, 8, 30));
    }

    #[test]
    fn contributions_are_edited_in_the_matrix() {
        let mut r = fixture();
        let before = r.clone();
        // Refused edits change nothing.
        assert!(set_contribution(&mut r, "A", "g1", 4).unwrap_err().contains("4 is not one of them"));
        assert!(set_contribution(&mut r, "A", "nope", 1).unwrap_err().contains("no goal with the id \"nope\""));
        assert!(set_contribution(&mut r, "nope", "g1", 1).unwrap_err().contains("no initiative"));
        assert!(set_contribution(&mut r, "A", "g1", 3) == Ok(false) && r.same_as(&before));
        assert!(Arc::ptr_eq(&r.initiatives[0], &before.initiatives[0]), "an unchanged item is not copied");
        // Set, add, merge duplicates, remove.
        assert_eq!(set_contribution(&mut r, "A", "g1", 1), Ok(true));
        assert_eq!(set_contribution(&mut r, "E", "g3", 2), Ok(true));
        assert_eq!(set_contribution(&mut r, "B", "g2", 3), Ok(true));
        assert_eq!(set_contribution(&mut r, "A", "g2", 0), Ok(true));
        assert_eq!(set_contribution(&mut r, "C", "g2", 0), Ok(false));
        let links = |id: &str| {
            r.initiative(id).unwrap().goals.iter().map(|l| (l.goal.clone(), l.contribution)).collect::<Vec<_>>()
        };
        assert_eq!(links("A"), [("g1".to_string(), 1)]);
        assert_eq!(links("E"), [("g3".to_string(), 2)]);
        assert_eq!(links("B"), [("g2".to_string(), 3), ("gx".to_string(), 3)]);
        assert!(Arc::ptr_eq(&r.initiatives[2], &before.initiatives[2]));
        // The figures follow: g3 is served now, E is aligned.
        let a = alignment(&r);
        assert!(a.strategy_gaps.is_empty() && !a.unaligned.iter().any(|u| u.id == "E"));
    }

    #[test]
    fn labels_of_contributions() {
        assert_eq!([0, 1, 2, 3, 9].map(contribution_label), ["none", "some", "strong", "decisive", "decisive"]);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        #[test]
        fn shares_add_up(seed in any::<u64>(), size in 1usize..60, cancel in 0usize..10) {
            let mut r = generate(seed, size);
            for k in (0..r.initiatives.len()).step_by(cancel + 1) {
                Arc::make_mut(&mut r.initiatives[k]).status = Status::Cancelled;
            }
            if size % 3 == 0 {
                Arc::make_mut(&mut r.initiatives[0]).goals.clear();
            }
            let a = alignment(&r);
            if let Some(share) = a.share {
                prop_assert!((0.0..=1.0).contains(&share));
            }
            prop_assert!(close(a.aligned + a.unaligned_total, a.total));
            let attributed: f64 = a.goals.iter().map(|g| g.attributed).sum();
            prop_assert!(close(attributed, a.aligned));
            for g in &a.goals {
                prop_assert!(g.attributed <= g.investment + 1e-6);
            }
            prop_assert!(a.strengths.iter().flatten().all(|&c| c <= 3));
            prop_assert_eq!(a.initiatives.len(), r.initiatives.len());
        }
    }
}
