//! Workforce: the people the plan needs per quarter against the people there are.
//!
//! 1. **Demand** of a calendar quarter: the FTE of every dated initiative that is not
//!    cancelled, counted in full in each month it runs, averaged over the quarter's three
//!    months (an initiative running one month of a quarter with 3 FTE needs 1 FTE there).
//! 2. **Capacity**: the quarter's capacity entries added up; 0 when none is set.
//! 3. A quarter is **overloaded** when demand is above capacity. Its **causes** are the
//!    initiatives running in it, with their FTE averaged over the quarter, largest first;
//!    together they make up the demand.

use super::{ItemRef, FTE_TOLERANCE};
use crate::domain::calendar::Quarter;
use crate::domain::model::{Id, Roadmap};
use crate::domain::spend::{active_span, fte_by_quarter, monthly_fte};

pub const DEMAND_RULE: &str = "FTE the initiatives need per calendar quarter against the capacity entered for it. An \
     initiative needs its FTE in full in each month it runs; a quarter's demand is the average of its three months. \
     Undated and cancelled initiatives need no one. A quarter without a capacity entry has a capacity of 0.";
pub const OVERLOAD_RULE: &str = "A quarter is overloaded when its demand is above its capacity. The initiatives \
     running in it are listed with their FTE in that quarter, largest first: together they make up the demand.";

/// An initiative's FTE in one quarter.
#[derive(Clone, PartialEq, Debug)]
pub struct FteShare {
    pub id: Id,
    pub name: String,
    /// Averaged over the quarter's 3 months.
    pub fte: f64,
}

/// One quarter's demand against capacity.
#[derive(Clone, PartialEq, Debug)]
pub struct QuarterLoad {
    pub quarter: Quarter,
    /// "2027-Q2".
    pub label: String,
    pub demand: f64,
    pub capacity: f64,
    pub over: bool,
    /// Demand above capacity; 0 when not over.
    pub excess: f64,
    /// When over: the initiatives running in the quarter, largest first; else empty.
    pub causes: Vec<FteShare>,
}

impl QuarterLoad {
    /// Demand ÷ capacity; `None` when the capacity is 0.
    pub fn load(&self) -> Option<f64> {
        (self.capacity > 0.0).then(|| self.demand / self.capacity)
    }
}

/// Everything the workforce view shows.
#[derive(Clone, PartialEq, Debug)]
pub struct Workforce {
    /// Every calendar quarter touching the horizon, in order.
    pub quarters: Vec<QuarterLoad>,
}

impl Workforce {
    pub fn overloaded(&self) -> impl Iterator<Item = &QuarterLoad> {
        self.quarters.iter().filter(|q| q.over)
    }
}

/// The initiatives needing people in a quarter, with their FTE averaged over it, largest
/// first (then list order).
pub fn running_in(r: &Roadmap, quarter: Quarter) -> Vec<FteShare> {
    let (first, last) = (quarter.first_month(), quarter.last_month());
    let mut out: Vec<FteShare> = r
        .initiatives
        .iter()
        .filter(|i| active_span(i).is_some_and(|(start, end)| start <= last && end >= first))
        .map(|i| {
            let fte = (0..3).map(|k| monthly_fte(i, first.plus(k))).sum::<f64>() / 3.0;
            let ItemRef { id, name } = ItemRef::of(i);
            FteShare { id, name, fte }
        })
        .filter(|s| s.fte != 0.0)
        .collect();
    out.sort_by(|a, b| b.fte.total_cmp(&a.fte));
    out
}

/// Demand against capacity per quarter, with the causes of every overload.
pub fn workforce(r: &Roadmap) -> Workforce {
    let quarters = fte_by_quarter(r)
        .into_iter()
        .map(|(quarter, demand, capacity)| {
            let over = demand > capacity + FTE_TOLERANCE;
            QuarterLoad {
                quarter,
                label: quarter.to_string(),
                demand,
                capacity,
                over,
                excess: if over { demand - capacity } else { 0.0 },
                causes: if over { running_in(r, quarter) } else { Vec::new() },
            }
        })
        .collect();
    Workforce { quarters }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;
    use crate::domain::demo::demo_roadmap;
    use crate::domain::generate::generate;
    use crate::domain::model::{Capacity, Horizon, Initiative, Status};
    use proptest::prelude::*;

    fn staffed(mut i: Initiative, fte: f64) -> Initiative {
        i.fte = fte;
        i
    }

    /// 2026; capacity Q1 5, Q2 3, Q3 none, Q4 10. A Jan–Jun 4 FTE, B Mar–Apr 3, C undated 9,
    /// D cancelled all year 10, E Jun–Aug 1.5.
    fn fixture() -> crate::domain::model::Roadmap {
        let mut d = staffed(ini("D", "2026-01..2026-12", (0.0, 0.0, 0.0)), 10.0);
        d.status = Status::Cancelled;
        let mut r = roadmap(
            vec![],
            vec![],
            vec![
                staffed(ini("A", "2026-01..2026-06", (0.0, 0.0, 0.0)), 4.0),
                staffed(ini("B", "2026-03..2026-04", (0.0, 0.0, 0.0)), 3.0),
                staffed(ini("C", "", (0.0, 0.0, 0.0)), 9.0),
                d,
                staffed(ini("E", "2026-06..2026-08", (0.0, 0.0, 0.0)), 1.5),
            ],
        );
        r.horizon = Horizon { start: m("2026-01"), end: m("2026-12") };
        r.capacity = [("2026-Q1", 5.0), ("2026-Q2", 3.0), ("2026-Q4", 10.0)]
            .map(|(quarter, fte)| Capacity { quarter: q(quarter), fte })
            .to_vec();
        r
    }

    #[test]
    fn quarters_by_hand() {
        let w = workforce(&fixture());
        let rows: Vec<_> = w.quarters.iter().map(|x| (x.label.as_str(), x.demand, x.capacity, x.over)).collect();
        // Q1: A 4 + B one month of 3 = 5, equal to capacity: not over. Q2: A 4 + B 1 + E 0.5.
        // Q3: E two months of 1.5 = 1, against no capacity at all. Q4: nobody.
        assert_eq!(
            rows,
            [
                ("2026-Q1", 5.0, 5.0, false),
                ("2026-Q2", 5.5, 3.0, true),
                ("2026-Q3", 1.0, 0.0, true),
                ("2026-Q4", 0.0, 10.0, false)
            ]
        );
        let q2 = &w.quarters[1];
        let causes: Vec<_> = q2.causes.iter().map(|c| (c.id.as_str(), c.fte)).collect();
        assert_eq!(causes, [("A", 4.0), ("B", 1.0), ("E", 0.5)]);
        assert_eq!((q2.excess, q2.load()), (2.5, Some(5.5 / 3.0)));
        assert_eq!((w.quarters[2].load(), w.quarters[2].excess), (None, 1.0));
        assert!(w.quarters[0].causes.is_empty() && w.quarters[0].excess == 0.0);
        assert_eq!(w.overloaded().count(), 2);
        // Outside any overload the running initiatives can still be listed.
        let q1: Vec<_> = running_in(&fixture(), q("2026-Q1")).into_iter().map(|c| (c.id, c.fte)).collect();
        assert_eq!(q1, [("A".to_string(), 4.0), ("B".to_string(), 1.0)]);
    }

    #[test]
    fn the_demo_is_overloaded_in_2027_q2() {
        let w = workforce(&demo_roadmap());
        let over: Vec<_> = w.overloaded().collect();
        assert_eq!(over.len(), 1);
        let q = over[0];
        assert_eq!((q.label.as_str(), q.capacity), ("2027-Q2", 41.0));
        assert!(close(q.demand, 42.0 + 2.0 / 3.0) && close(q.excess, 5.0 / 3.0));
        assert_eq!((q.causes[0].id.as_str(), q.causes[0].fte), ("ini-erp", 8.0));
        assert!(close(q.causes.iter().map(|c| c.fte).sum(), q.demand));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        #[test]
        fn causes_make_up_the_demand(seed in any::<u64>(), size in 1usize..50, squeeze in 0.2f64..1.5) {
            let mut r = generate(seed, size);
            for c in &mut r.capacity {
                c.fte *= squeeze;
            }
            for quarter in workforce(&r).quarters {
                let sum: f64 = running_in(&r, quarter.quarter).iter().map(|c| c.fte).sum();
                prop_assert!(close(sum, quarter.demand), "{}: {} vs {}", quarter.label, sum, quarter.demand);
                prop_assert_eq!(quarter.over, !quarter.causes.is_empty());
                prop_assert!(quarter.causes.windows(2).all(|w| w[0].fte >= w[1].fte));
            }
        }
    }
}
