//! The cost and effort rules every view reuses: how an initiative's money and people are
//! spread over the months, and the totals per fiscal year and per quarter.
//!
//! The rules:
//!
//! 1. **Only dated, non-cancelled initiatives spend.** An undated initiative (parking lot)
//!    has no months to spend in. A cancelled initiative is treated as never having spent
//!    anything: cancelling takes its whole cost out of the plan, including months already
//!    past (record money really sunk in a separate, done initiative if it matters). An
//!    initiative whose end is before its start (a validation error) spends nothing either.
//!    Every other status counts — *done* initiatives too, because their money was spent,
//!    and *idea*/*on hold* ones that are dated, because they sit on the timeline.
//! 2. **Capex and opex are spread evenly** over the initiative's months, `start..=end`
//!    inclusive: a 6-month initiative with 600 capex spends 100 capex in each of its months.
//! 3. **Run cost follows the end.** From the month after `end`, `run_cost_per_year / 12` is
//!    spent every month, as opex, for as long as the period looked at lasts (the last month
//!    of a report; see [`spend_through`]).
//! 4. **FTE** counts in full in each month an initiative runs (same months as rule 2, under
//!    the same exclusions as rule 1); a quarter's demand is the average of its 3 months.
//!
//! Reports cover whole periods: [`spend_by_fiscal_year`] every month of every fiscal year
//! that touches the horizon (so a year's total is comparable to its envelope even when the
//! horizon starts mid-year), [`spend_by_quarter`] and [`fte_by_quarter`] every month of every
//! calendar quarter that touches the horizon. All reports are O(initiatives × months).

use super::calendar::{fiscal_year_start, Month, Quarter};
use super::model::{Initiative, Roadmap, Status};
use std::ops::{Add, AddAssign};

/// Money spent, split into capital and operating expenditure.
#[derive(Clone, Copy, PartialEq, Debug, Default)]
pub struct Spend {
    pub capex: f64,
    pub opex: f64,
}

impl Spend {
    pub fn total(self) -> f64 {
        self.capex + self.opex
    }
}

impl Add for Spend {
    type Output = Spend;
    fn add(self, o: Spend) -> Spend {
        Spend { capex: self.capex + o.capex, opex: self.opex + o.opex }
    }
}

impl AddAssign for Spend {
    fn add_assign(&mut self, o: Spend) {
        *self = *self + o;
    }
}

/// Spend of one fiscal year against its budget envelope.
///
/// A fiscal year without a [`Budget`](super::model::Budget) entry has envelopes of 0: "no
/// envelope set" shows as budget 0, so any spend in that year is over budget. Several
/// entries for the same year (a validation warning) are added up.
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct YearSpend {
    /// Named by the calendar year the fiscal year ends in (see `calendar`).
    pub fiscal_year: i32,
    pub spend: Spend,
    /// The run-cost part of `spend.opex` (rule 3).
    pub run: f64,
    pub budget_capex: f64,
    pub budget_opex: f64,
    /// `max(0, spend.capex − budget_capex)`.
    pub over_capex: f64,
    /// `max(0, spend.opex − budget_opex)`.
    pub over_opex: f64,
}

impl YearSpend {
    pub fn is_over(&self) -> bool {
        self.over_capex > 0.0 || self.over_opex > 0.0
    }
}

/// The months an initiative runs in, `(start, end)`, when it spends at all (rule 1).
pub fn active_span(i: &Initiative) -> Option<(Month, Month)> {
    let (start, end) = i.dates()?;
    (i.status != Status::Cancelled && start <= end).then_some((start, end))
}

/// What one initiative contributes to one month.
#[derive(Clone, Copy, Default)]
struct MonthTotal {
    spend: Spend,
    run: f64,
    fte: f64,
}

fn month_total(i: &Initiative, month: Month) -> MonthTotal {
    let Some((start, end)) = active_span(i) else { return MonthTotal::default() };
    if month < start {
        MonthTotal::default()
    } else if month <= end {
        let n = start.months_through(end) as f64;
        MonthTotal { spend: Spend { capex: i.capex / n, opex: i.opex / n }, run: 0.0, fte: i.fte }
    } else {
        let run = i.run_cost_per_year / 12.0;
        MonthTotal { spend: Spend { capex: 0.0, opex: run }, run, fte: 0.0 }
    }
}

/// What an initiative spends in `month` (rules 1–3); the opex includes run cost.
pub fn monthly_spend(i: &Initiative, month: Month) -> Spend {
    month_total(i, month).spend
}

/// The run-cost part of [`monthly_spend`]'s opex (rule 3).
pub fn monthly_run_cost(i: &Initiative, month: Month) -> f64 {
    month_total(i, month).run
}

/// Full-time equivalents an initiative needs in `month` (rule 4).
pub fn monthly_fte(i: &Initiative, month: Month) -> f64 {
    month_total(i, month).fte
}

/// Everything an initiative spends from its start through `last` inclusive, run cost
/// included: the sum of [`monthly_spend`] over those months, in O(1).
pub fn spend_through(i: &Initiative, last: Month) -> Spend {
    let Some((start, end)) = active_span(i) else { return Spend::default() };
    let share = start.months_through(end.min(last)) as f64 / start.months_through(end) as f64;
    let run_months = end.plus(1).months_through(last) as f64;
    Spend { capex: i.capex * share, opex: i.opex * share + i.run_cost_per_year / 12.0 * run_months }
}

/// Sum of all initiatives per month over `first..=last`, in O(initiatives × months).
fn monthly_totals(r: &Roadmap, first: Month, last: Month) -> Vec<MonthTotal> {
    let mut out = vec![MonthTotal::default(); first.months_through(last) as usize];
    for i in &r.initiatives {
        let Some((start, end)) = active_span(i) else { continue };
        let stop = if i.run_cost_per_year != 0.0 { last } else { end.min(last) };
        for index in start.max(first).index()..=stop.index() {
            let t = month_total(i, Month::from_index(index));
            let slot = &mut out[(index - first.index()) as usize];
            slot.spend += t.spend;
            slot.run += t.run;
            slot.fte += t.fte;
        }
    }
    out
}

/// The fiscal years touching the roadmap's horizon, in order (empty when the horizon is
/// reversed).
pub fn fiscal_years(r: &Roadmap) -> Vec<i32> {
    let fs = r.fiscal_year_start_month.clamp(1, 12);
    (r.horizon.start.fiscal_year(fs)..=r.horizon.end.fiscal_year(fs)).collect()
}

/// The calendar quarters touching the roadmap's horizon, in order.
pub fn quarters(r: &Roadmap) -> Vec<Quarter> {
    let last = r.horizon.end.quarter();
    std::iter::successors(Some(r.horizon.start.quarter()), |q| Some(q.next())).take_while(|q| *q <= last).collect()
}

/// Spend per fiscal year for every fiscal year touching the horizon, against its envelope.
pub fn spend_by_fiscal_year(r: &Roadmap) -> Vec<YearSpend> {
    let fs = r.fiscal_year_start_month.clamp(1, 12);
    let years = fiscal_years(r);
    let (Some(&a), Some(&b)) = (years.first(), years.last()) else { return Vec::new() };
    let months = monthly_totals(r, fiscal_year_start(a, fs), fiscal_year_start(b, fs).plus(11));
    years
        .into_iter()
        .zip(months.chunks(12))
        .map(|(fiscal_year, chunk)| {
            let spend = chunk.iter().fold(Spend::default(), |s, t| s + t.spend);
            let run = chunk.iter().map(|t| t.run).sum();
            let budgets = r.budgets.iter().filter(|b| b.fiscal_year == fiscal_year);
            let (budget_capex, budget_opex) = budgets.fold((0.0, 0.0), |(c, o), b| (c + b.capex, o + b.opex));
            YearSpend {
                fiscal_year,
                spend,
                run,
                budget_capex,
                budget_opex,
                over_capex: (spend.capex - budget_capex).max(0.0),
                over_opex: (spend.opex - budget_opex).max(0.0),
            }
        })
        .collect()
}

/// Maps every quarter touching the horizon, with its 3 monthly totals, through `f`.
fn by_quarter<T>(r: &Roadmap, f: impl Fn(Quarter, &[MonthTotal]) -> T) -> Vec<T> {
    let qs = quarters(r);
    let (Some(a), Some(b)) = (qs.first(), qs.last()) else { return Vec::new() };
    let months = monthly_totals(r, a.first_month(), b.last_month());
    qs.into_iter().zip(months.chunks(3)).map(|(q, ms)| f(q, ms)).collect()
}

/// Spend per calendar quarter over the horizon (run cost included in opex).
pub fn spend_by_quarter(r: &Roadmap) -> Vec<(Quarter, Spend)> {
    by_quarter(r, |q, ms| (q, ms.iter().fold(Spend::default(), |s, t| s + t.spend)))
}

/// FTE per calendar quarter over the horizon: `(quarter, demand, capacity)`. Demand is the
/// average over the quarter's 3 months (rule 4); capacity is the quarter's
/// [`Capacity`](super::model::Capacity) entries added up, 0 when none is set.
pub fn fte_by_quarter(r: &Roadmap) -> Vec<(Quarter, f64, f64)> {
    by_quarter(r, |q, ms| {
        let demand = ms.iter().map(|t| t.fte).sum::<f64>() / 3.0;
        let capacity = r.capacity.iter().filter(|c| c.quarter == q).map(|c| c.fte).sum();
        (q, demand, capacity)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Budget, Capacity, Horizon};
    use std::sync::Arc;

    fn m(s: &str) -> Month {
        Month::parse(s).unwrap()
    }
    fn q(s: &str) -> Quarter {
        Quarter::parse(s).unwrap()
    }
    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-6
    }

    /// Feb–Jul 2026 (6 months): 600 capex, 120 opex, 1,200 run cost a year, 3 FTE.
    fn sample() -> Initiative {
        Initiative {
            id: "ini-a".into(),
            start: Some(m("2026-02")),
            end: Some(m("2026-07")),
            capex: 600.0,
            opex: 120.0,
            run_cost_per_year: 1200.0,
            fte: 3.0,
            ..Initiative::default()
        }
    }

    fn roadmap(initiatives: Vec<Initiative>) -> Roadmap {
        Roadmap {
            fiscal_year_start_month: 4,
            horizon: Horizon { start: m("2026-01"), end: m("2026-12") },
            budgets: vec![Budget { fiscal_year: 2027, capex: 300.0, opex: 1000.0 }],
            capacity: vec![Capacity { quarter: q("2026-Q2"), fte: 2.5 }],
            initiatives: initiatives.into_iter().map(Arc::new).collect(),
            ..Roadmap::default()
        }
    }

    #[test]
    fn monthly_spend_spreads_evenly_then_runs() {
        let i = sample();
        assert_eq!(monthly_spend(&i, m("2026-01")), Spend::default());
        assert_eq!(monthly_spend(&i, m("2026-02")), Spend { capex: 100.0, opex: 20.0 });
        assert_eq!(monthly_spend(&i, m("2026-07")), Spend { capex: 100.0, opex: 20.0 });
        assert_eq!(monthly_spend(&i, m("2026-08")), Spend { capex: 0.0, opex: 100.0 });
        assert_eq!(monthly_run_cost(&i, m("2030-01")), 100.0);
        assert_eq!(monthly_run_cost(&i, m("2026-07")), 0.0);
        assert_eq!(monthly_fte(&i, m("2026-05")), 3.0);
        assert_eq!(monthly_fte(&i, m("2026-08")), 0.0);
        assert_eq!(Spend { capex: 1.0, opex: 2.5 }.total(), 3.5);
    }

    #[test]
    fn spend_through_matches_the_monthly_sum() {
        let i = sample();
        for last in ["2026-01", "2026-04", "2026-07", "2026-12"] {
            let mut sum = Spend::default();
            for index in m("2026-01").index()..=m(last).index() {
                sum += monthly_spend(&i, Month::from_index(index));
            }
            let through = spend_through(&i, m(last));
            assert!(close(sum.capex, through.capex) && close(sum.opex, through.opex), "{last}");
        }
        assert_eq!(spend_through(&i, m("2026-12")), Spend { capex: 600.0, opex: 620.0 });
    }

    #[test]
    fn undated_cancelled_and_reversed_initiatives_spend_nothing() {
        let undated = Initiative { start: None, end: None, ..sample() };
        let cancelled = Initiative { status: Status::Cancelled, ..sample() };
        let reversed = Initiative { start: Some(m("2026-08")), ..sample() };
        for i in [&undated, &cancelled, &reversed] {
            assert_eq!(active_span(i), None);
            assert_eq!(monthly_spend(i, m("2026-03")), Spend::default());
            assert_eq!(monthly_spend(i, m("2026-09")), Spend::default());
            assert_eq!(spend_through(i, m("2027-12")), Spend::default());
        }
        let r = roadmap(vec![undated, cancelled, reversed]);
        assert!(spend_by_fiscal_year(&r).iter().all(|y| y.spend.total() == 0.0 && !y.is_over()));
        assert!(fte_by_quarter(&r).iter().all(|&(_, d, _)| d == 0.0));
        // Done initiatives did spend.
        let done = roadmap(vec![Initiative { status: Status::Done, ..sample() }]);
        assert_eq!(spend_by_quarter(&done)[0].1, Spend { capex: 200.0, opex: 40.0 });
    }

    #[test]
    fn fiscal_years_with_an_april_start_and_a_missing_envelope() {
        let r = roadmap(vec![sample()]);
        assert_eq!(fiscal_years(&r), vec![2026, 2027]);
        let years = spend_by_fiscal_year(&r);
        // FY2026 = Apr 2025 – Mar 2026: Feb and Mar; no budget entry, so envelope 0.
        assert_eq!(
            years[0],
            YearSpend {
                fiscal_year: 2026,
                spend: Spend { capex: 200.0, opex: 40.0 },
                run: 0.0,
                budget_capex: 0.0,
                budget_opex: 0.0,
                over_capex: 200.0,
                over_opex: 40.0,
            }
        );
        // FY2027 = Apr 2026 – Mar 2027: Apr–Jul project (400 capex, 80 opex) plus run cost
        // Aug 2026 – Mar 2027 (8 × 100), counted to the end of the fiscal year.
        let y = years[1];
        assert_eq!(y.fiscal_year, 2027);
        assert!(close(y.spend.capex, 400.0) && close(y.spend.opex, 880.0) && close(y.run, 800.0));
        assert!(close(y.over_capex, 100.0) && y.over_opex == 0.0 && y.is_over());
        // Two entries for one year are added up.
        let mut r = r;
        r.budgets.push(Budget { fiscal_year: 2027, capex: 150.0, opex: 0.0 });
        let y = spend_by_fiscal_year(&r)[1];
        assert_eq!((y.budget_capex, y.over_capex), (450.0, 0.0));
    }

    #[test]
    fn quarters_cover_the_horizon() {
        let mut r = roadmap(vec![sample()]);
        let spend = spend_by_quarter(&r);
        let expected =
            [("2026-Q1", 200.0, 40.0), ("2026-Q2", 300.0, 60.0), ("2026-Q3", 100.0, 220.0), ("2026-Q4", 0.0, 300.0)];
        assert_eq!(spend.len(), 4);
        for ((quarter, s), (name, capex, opex)) in spend.iter().zip(expected) {
            assert_eq!(*quarter, q(name));
            assert!(close(s.capex, capex) && close(s.opex, opex), "{name}: {s:?}");
        }
        let fte = fte_by_quarter(&r);
        let demand: Vec<f64> = fte.iter().map(|f| f.1).collect();
        assert_eq!(demand, vec![2.0, 3.0, 1.0, 0.0]);
        assert_eq!(fte.iter().map(|f| f.2).collect::<Vec<_>>(), vec![0.0, 2.5, 0.0, 0.0]);
        r.capacity.push(Capacity { quarter: q("2026-Q2"), fte: 1.0 });
        assert_eq!(fte_by_quarter(&r)[1].2, 3.5);
        // A horizon starting mid-quarter still reports whole quarters.
        r.horizon = Horizon { start: m("2026-05"), end: m("2027-01") };
        let qs: Vec<String> = quarters(&r).iter().map(|q| q.to_string()).collect();
        assert_eq!(qs, ["2026-Q2", "2026-Q3", "2026-Q4", "2027-Q1"]);
        assert_eq!(spend_by_quarter(&r)[0].1, Spend { capex: 300.0, opex: 60.0 });
        r.horizon = Horizon { start: m("2027-01"), end: m("2026-01") };
        assert!(spend_by_fiscal_year(&r).is_empty() && spend_by_quarter(&r).is_empty());
    }
}
