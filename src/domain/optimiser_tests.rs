//! Tests of the optimiser: hand-made cases for every explanation, brute force on hundreds of
//! random small roadmaps, microlp (an independent MILP solver) on generated medium ones, and a
//! timing print for 50, 300 and 2,000 initiatives (ignored; run it with `--ignored --nocapture`).

use super::*;
use crate::domain::calendar::Month;
use crate::domain::model::*;
use crate::domain::spend::{fte_by_quarter, spend_by_fiscal_year};
use proptest::prelude::*;
use std::sync::Arc;

fn m(s: &str) -> Month {
    Month::parse(s).unwrap()
}

/// An initiative dated `dates` ("2026-01..2026-06") with `capex` thousands, value from its
/// business value estimate (WSJF model: value = cost of delay = business value here).
fn ini(id: &str, dates: &str, capex_k: f64, value: u8, deps: &[&str]) -> Initiative {
    let (start, end) = dates.split_once("..").map_or((None, None), |(s, e)| (Some(m(s)), Some(m(e))));
    Initiative {
        id: id.into(),
        name: id.to_uppercase(),
        start,
        end,
        capex: capex_k * 1000.0,
        depends_on: deps.iter().map(|d| d.to_string()).collect(),
        scoring: ScoringInputs { business_value: value, job_size: 1, ..ScoringInputs::default() },
        ..Initiative::default()
    }
}

/// FY2026 only (calendar years), capex envelope `capex_k` thousands, opex 1M; WSJF model.
fn roadmap(capex_k: f64, initiatives: Vec<Initiative>) -> Roadmap {
    Roadmap {
        horizon: Horizon { start: m("2026-01"), end: m("2026-12") },
        budgets: vec![Budget { fiscal_year: 2026, capex: capex_k * 1000.0, opex: 1e6 }],
        scoring: Scoring { model: ScoringModel::Wsjf, criteria: default_criteria() },
        initiatives: initiatives.into_iter().map(Arc::new).collect(),
        ..Roadmap::default()
    }
}

fn decision<'a>(o: &'a Outcome, id: &str) -> &'a Decision {
    o.decisions.iter().find(|d| d.id == id).unwrap()
}

fn quick(r: &Roadmap) -> Outcome {
    Optimiser::run(r, &Options { budget_value: false, ..Options::default() }).unwrap()
}

#[test]
fn explanations_name_the_binding_limit() {
    let r = roadmap(
        100.0,
        vec![
            ini("a", "2026-01..2026-06", 60.0, 13, &[]),
            ini("b", "2026-01..2026-06", 50.0, 8, &[]),
            ini("c", "2026-07..2026-12", 5.0, 3, &["b"]),
            ini("d", "2026-01..2026-12", 150.0, 20, &[]),
            ini("e", "2026-03..2026-04", 1.0, 20, &["d"]),
            ini("f", "2026-01..2026-02", 30.0, 3, &[]),
        ],
    );
    let o = quick(&r);
    assert!(o.proven_optimal && o.gap == 0.0);
    // a (13) + f (3) = 90k; b + c (8 + 5 = 13 for 55k) with a is over; a + b over.
    assert_eq!(o.funded(), ["a", "f"]);
    assert_eq!(o.total_value, 16.0);
    let b = decision(&o, "b");
    assert_eq!(
        b.why,
        Why::Displaced { over: vec![Overrun { limit: Limit::Capex(2026), by: 40_000.0 }], needs: vec![] }
    );
    assert_eq!(
        b.text,
        "Would exceed FY26 capex by EUR 40k; it fits on its own, but the initiatives funded instead are worth more"
    );
    assert_eq!(
        decision(&o, "c").text,
        "Needs \"B\" too, which is out; together they would exceed FY26 capex by EUR 45k; the initiatives funded instead are worth more"
    );
    assert_eq!(decision(&o, "d").text, "Would exceed FY26 capex by EUR 50k even if nothing else were funded");
    assert_eq!(decision(&o, "e").why, Why::DependsOn("d".into()));
    assert_eq!(decision(&o, "e").text, "Depends on \"D\", which is out");
    assert_eq!(decision(&o, "a").why, Why::Chosen);
    let capex = o.usage.iter().find(|u| u.limit == Limit::Capex(2026)).unwrap();
    assert_eq!((capex.used, capex.available), (90_000.0, 100_000.0));
    assert!(o.notes.is_empty(), "{:?}", o.notes);
}

#[test]
fn statuses_locks_and_dates() {
    let mut items = vec![
        ini("done", "2026-01..2026-03", 40.0, 1, &[]),
        ini("running", "2026-02..2026-08", 40.0, 1, &[]),
        ini("cancelled", "2026-01..2026-03", 1.0, 20, &[]),
        ini("undated", "", 1.0, 20, &[]),
        ini("never", "2026-01..2026-02", 1.0, 20, &[]),
        ini("needed", "2026-01..2026-02", 5.0, 1, &[]),
        ini("must", "2026-03..2026-05", 5.0, 1, &["needed", "running"]),
        ini("late", "2026-06..2026-07", 1.0, 13, &["cancelled"]),
        ini("cheap", "2026-06..2026-07", 9.0, 2, &[]),
        ini("zero", "2026-06..2026-07", 0.0, 0, &[]),
    ];
    items[0].status = Status::Done;
    items[1].status = Status::InProgress;
    items[1].funding_lock = FundingLock::MustNotFund; // a lock never overrides in progress
    items[2].status = Status::Cancelled;
    items[4].funding_lock = FundingLock::MustNotFund;
    items[6].funding_lock = FundingLock::MustFund;
    items[3].funding_lock = FundingLock::MustFund; // cannot be honoured: undated
    let r = roadmap(95.0, items);
    let o = quick(&r);
    let whys: Vec<(&str, &Why, bool)> = o.decisions.iter().map(|d| (d.id.as_str(), &d.why, d.funded)).collect();
    assert_eq!(
        whys,
        [
            ("done", &Why::Fixed(Status::Done), true),
            ("running", &Why::Fixed(Status::InProgress), true),
            ("cancelled", &Why::Cancelled, false),
            ("undated", &Why::Undated, false),
            ("never", &Why::LockedOut, false),
            ("needed", &Why::NeededBy("must".into()), true),
            ("must", &Why::Locked, true),
            ("late", &Why::DependsOn("cancelled".into()), false),
            // 40 + 40 + 5 + 5 = 90 of 95: 9 more does not fit.
            (
                "cheap",
                &Why::DoesNotFit { over: vec![Overrun { limit: Limit::Capex(2026), by: 4000.0 }], needs: vec![] },
                false
            ),
            ("zero", &Why::NoValue, false),
        ]
    );
    assert_eq!(
        decision(&o, "undated").text,
        "Has no dates, so its cost cannot be placed in a fiscal year; give it dates to include it"
    );
    assert_eq!(decision(&o, "never").text, "Must not fund (locked)");
    assert_eq!(decision(&o, "needed").text, "Funded because \"MUST\" (locked as must fund) depends on it");
    assert_eq!(o.notes, ["\"UNDATED\" is locked as must fund, but it has no dates; it is left out."]);
    // Value of the fixed and locked ones counts in the total: 1 + 1 + 1 + 1.
    assert_eq!(o.total_value, 4.0);
}

#[test]
fn fixed_work_over_a_limit_blocks_what_uses_it() {
    let mut items = vec![
        ini("running", "2026-01..2026-10", 120.0, 1, &[]),
        ini("more", "2026-02..2026-03", 1.0, 8, &[]),
        ini("opex-only", "2026-02..2026-03", 0.0, 8, &[]),
    ];
    items[0].status = Status::InProgress;
    items[2].opex = 10_000.0;
    let o = quick(&roadmap(100.0, items));
    assert_eq!(
        o.notes,
        ["The done, in-progress and locked initiatives already exceed FY26 capex by EUR 20k; nothing more that uses it can be funded."]
    );
    assert_eq!(decision(&o, "more").text, "Would exceed FY26 capex by EUR 1k even if nothing else were funded");
    assert!(decision(&o, "opex-only").funded);
}

#[test]
fn years_without_a_budget_and_fte_capacity() {
    let mut items = vec![
        ini("a", "2026-01..2026-03", 10.0, 8, &[]),
        ini("b", "2026-01..2026-03", 10.0, 5, &[]),
        ini("next-year", "2027-01..2027-03", 9_000.0, 5, &[]),
    ];
    items[0].fte = 3.0;
    items[1].fte = 2.0;
    let mut r = roadmap(1000.0, items);
    r.horizon.end = m("2027-12");
    r.capacity = vec![Capacity { quarter: Quarter { year: 2026, quarter: 1 }, fte: 4.0 }];
    let o = quick(&r);
    assert_eq!(o.notes, ["FY27 has no budget, so its spend is not limited."]);
    assert!(decision(&o, "next-year").funded);
    assert_eq!(o.funded(), ["a", "next-year"]);
    assert_eq!(
        decision(&o, "b").text,
        "Would exceed the FTE capacity of 2026-Q1 by 1 FTE; it fits on its own, but the initiatives funded instead are worth more"
    );
    // Without capacity both fit.
    let o = Optimiser::run(&r, &Options { use_capacity: false, budget_value: false, max_nodes: None }).unwrap();
    assert_eq!(o.funded(), ["a", "b", "next-year"]);
}

#[test]
fn the_value_of_more_budget() {
    let r =
        roadmap(100.0, vec![ini("a", "2026-01..2026-06", 60.0, 13, &[]), ini("b", "2026-01..2026-06", 50.0, 8, &[])]);
    let o = Optimiser::run(&r, &Options::default()).unwrap();
    assert_eq!(o.funded(), ["a"]);
    assert_eq!(o.budget_value.len(), 1);
    let v = &o.budget_value[0];
    // 110k fits both.
    assert_eq!((v.fiscal_year, v.gain, v.added.as_slice(), v.proven), (2026, 8.0, &["b".to_string()][..], true));
    assert!((v.extra_capex - 10_000.0).abs() < 1e-6 && (v.extra_opex - 100_000.0).abs() < 1e-6);
    assert!(v.removed.is_empty());
}

#[test]
fn steps_give_the_same_outcome_and_report_progress() {
    let mut r = crate::domain::generate::generate(3, 60);
    cut(&mut r, 0.7);
    let whole = Optimiser::run(&r, &Options::default()).unwrap();
    let mut run = Optimiser::new(&r, &Options::default()).unwrap();
    let mut steps = 0;
    let sliced = loop {
        match run.step(1) {
            Step::Working(p) => {
                assert!(p.best <= p.bound + 1e-6, "{p:?}");
                assert!(p.phase_index < p.phases);
                steps += 1;
            }
            Step::Finished(o) => break *o,
        }
    };
    assert!(steps > 1);
    assert_eq!(sliced, whole);
    // Cancel at once: the greedy start, with a valid bound.
    let mut run = Optimiser::new(&r, &Options::default()).unwrap();
    let stopped = run.stop();
    assert!(stopped.cancelled && !stopped.proven_optimal);
    assert!(stopped.total_value <= whole.total_value + 1e-9 && stopped.bound >= whole.total_value - 1e-6);
}

#[test]
fn errors_instead_of_panics() {
    let mut r = roadmap(100.0, vec![ini("a", "2026-01..2026-06", 60.0, 13, &["ghost"])]);
    let e = Optimiser::new(&r, &Options::default()).err().unwrap();
    assert!(
        e.starts_with(
            "Fix the roadmap's errors before optimising: initiative \"A\": depends_on \"ghost\" does not exist"
        ),
        "{e}"
    );
    r.initiatives.clear();
    let o = quick(&r);
    assert!(o.decisions.is_empty() && o.proven_optimal && o.total_value == 0.0);
}

#[test]
fn apply_sets_statuses() {
    let mut items = vec![
        ini("a", "2026-01..2026-06", 60.0, 13, &[]),
        ini("b", "2026-01..2026-06", 50.0, 8, &[]),
        ini("c", "2026-01..2026-06", 1.0, 8, &[]),
        ini("d", "2026-01..2026-06", 100.0, 1, &[]),
    ];
    items[0].status = Status::Idea;
    items[1].status = Status::Approved;
    items[2].status = Status::OnHold;
    items[3].status = Status::Proposed;
    let r = roadmap(100.0, items);
    let o = quick(&r);
    assert_eq!(o.funded(), ["a", "c"]);
    let after = apply(&r, &o);
    let statuses: Vec<Status> = after.initiatives.iter().map(|i| i.status).collect();
    assert_eq!(statuses, [Status::Approved, Status::OnHold, Status::Approved, Status::Proposed]);
    assert!(Arc::ptr_eq(&r.initiatives[3], &after.initiatives[3]), "unchanged items stay shared");
}

#[test]
fn the_demo_with_a_cut_budget() {
    let mut r = crate::domain::demo::demo_roadmap();
    cut(&mut r, 0.8);
    let o = Optimiser::run(&r, &Options::for_roadmap(&r)).unwrap();
    assert!(o.proven_optimal);
    for id in ["ini-mfa", "ini-ppm", "ini-landing", "ini-erp", "ini-sd"] {
        assert!(matches!(decision(&o, id).why, Why::Fixed(_)), "{id}");
    }
    assert_eq!(decision(&o, "ini-genai").why, Why::Undated);
    assert_eq!(decision(&o, "ini-chain").why, Why::Cancelled);
    let out: Vec<&Decision> = o.decisions.iter().filter(|d| !d.funded).collect();
    assert!(out.len() > 3, "a 20% cut leaves initiatives out");
    for d in &out {
        assert!(!matches!(d.why, Why::NotReached | Why::NoValue), "{}: {}", d.id, d.text);
    }
    for u in &o.usage {
        assert!(u.used <= u.available + 1e-3, "{u:?}");
    }
    assert_eq!(o.budget_value.len(), 3);
    assert!(o.budget_value.iter().all(|v| v.gain >= -1e-9 && v.proven));
}

/// Cuts every envelope and capacity to `share`.
fn cut(r: &mut Roadmap, share: f64) {
    for b in &mut r.budgets {
        b.capex *= share;
        b.opex *= share;
    }
    for c in &mut r.capacity {
        c.fte *= share;
    }
}

// -----------------------------------------------------------------------------------------
// An independent statement of the rules, for brute force and the MILP reference
// -----------------------------------------------------------------------------------------

/// The rules restated from docs/scoring.md, computed from the roadmap with the budget view's
/// own functions (spend per fiscal year and FTE per quarter of each initiative alone).
struct Reference {
    values: Vec<f64>,
    fixed: Vec<bool>,
    forced: Vec<bool>,
    free: Vec<usize>,
    deps: Vec<Vec<usize>>,
    /// Per limit: the cap (envelope, or the forced use when more) and each initiative's use.
    limits: Vec<(f64, Vec<f64>)>,
}

impl Reference {
    fn new(r: &Roadmap, use_capacity: bool) -> Reference {
        let n = r.initiatives.len();
        let at = |id: &str| r.initiatives.iter().position(|i| i.id == id);
        let deps: Vec<Vec<usize>> =
            r.initiatives.iter().map(|i| i.depends_on.iter().filter_map(|d| at(d)).collect()).collect();
        let fixed: Vec<bool> =
            r.initiatives.iter().map(|i| matches!(i.status, Status::Done | Status::InProgress)).collect();
        let dated = |i: &Initiative| i.dates().is_some_and(|(s, e)| s <= e);
        // Out: cancelled; or (not fixed and) undated, locked out, or depending on something out.
        let mut out = vec![false; n];
        for _ in 0..=n {
            for (k, i) in r.initiatives.iter().enumerate() {
                let hard = i.status == Status::Cancelled
                    || (!fixed[k] && (!dated(i) || i.funding_lock == FundingLock::MustNotFund));
                out[k] = hard || (!fixed[k] && deps[k].iter().any(|&d| out[d]));
            }
        }
        let mut forced = vec![false; n];
        let mut stack: Vec<usize> = (0..n)
            .filter(|&k| r.initiatives[k].funding_lock == FundingLock::MustFund && !out[k] && !fixed[k])
            .collect();
        while let Some(k) = stack.pop() {
            if !forced[k] && !fixed[k] {
                forced[k] = true;
                stack.extend(deps[k].iter().copied());
            }
        }
        let free = (0..n).filter(|&k| !out[k] && !fixed[k] && !forced[k]).collect();
        let single = |k: usize| Roadmap { initiatives: vec![r.initiatives[k].clone()], ..r.clone() };
        let mut limits = Vec::new();
        let years: Vec<Vec<_>> = (0..n).map(|k| spend_by_fiscal_year(&single(k))).collect();
        for (y, total) in spend_by_fiscal_year(r).iter().enumerate() {
            if !r.budgets.iter().any(|b| b.fiscal_year == total.fiscal_year) {
                continue;
            }
            limits.push((total.budget_capex, years.iter().map(|ys| ys[y].spend.capex).collect::<Vec<_>>()));
            limits.push((total.budget_opex, years.iter().map(|ys| ys[y].spend.opex).collect()));
        }
        if use_capacity {
            let quarters: Vec<Vec<_>> = (0..n).map(|k| fte_by_quarter(&single(k))).collect();
            for (q, &(quarter, _, capacity)) in fte_by_quarter(r).iter().enumerate() {
                if r.capacity.iter().any(|c| c.quarter == quarter) {
                    limits.push((capacity, quarters.iter().map(|qs| qs[q].1).collect()));
                }
            }
        }
        for (cap, uses) in &mut limits {
            let forced_use: f64 = (0..n).filter(|&k| fixed[k] || forced[k]).map(|k| uses[k]).sum();
            *cap = cap.max(forced_use);
        }
        let values = crate::domain::scoring::scored(r).iter().map(|s| s.value).collect();
        Reference { values, fixed, forced, free, deps, limits }
    }

    /// Whether the funded set (fixed and forced ones included) keeps every rule.
    fn allowed(&self, funded: &[bool]) -> bool {
        let n = funded.len();
        let deps_ok = (0..n).all(|k| !funded[k] || self.fixed[k] || self.deps[k].iter().all(|&d| funded[d]));
        let must = (0..n).all(|k| !(self.fixed[k] || self.forced[k]) || funded[k]);
        let limits_ok = self.limits.iter().all(|(cap, uses)| {
            let used: f64 = (0..n).filter(|&k| funded[k]).map(|k| uses[k]).sum();
            used <= cap + 1e-6 * cap.max(1.0)
        });
        deps_ok && must && limits_ok
    }

    fn value(&self, funded: &[bool]) -> f64 {
        (0..funded.len()).filter(|&k| funded[k]).map(|k| self.values[k]).sum()
    }

    /// The best total value over every subset of the free initiatives.
    fn brute_force(&self) -> f64 {
        let n = self.values.len();
        let base: Vec<bool> = (0..n).map(|k| self.fixed[k] || self.forced[k]).collect();
        let mut best = f64::NEG_INFINITY;
        for mask in 0u32..(1 << self.free.len()) {
            let mut funded = base.clone();
            for (b, &k) in self.free.iter().enumerate() {
                funded[k] = mask & (1 << b) != 0;
            }
            if self.allowed(&funded) {
                best = best.max(self.value(&funded));
            }
        }
        best
    }

    /// The same problem as a MILP for microlp.
    fn milp(&self) -> f64 {
        self.milp_with(false)
    }

    fn milp_with(&self, relaxed: bool) -> f64 {
        use microlp::{ComparisonOp, OptimizationDirection, Problem};
        let n = self.values.len();
        let base: Vec<bool> = (0..n).map(|k| self.fixed[k] || self.forced[k]).collect();
        let mut p = Problem::new(OptimizationDirection::Maximize);
        let vars: Vec<_> = self
            .free
            .iter()
            .map(|&k| if relaxed { p.add_var(self.values[k], (0.0, 1.0)) } else { p.add_binary_var(self.values[k]) })
            .collect();
        let var_of = |k: usize| self.free.iter().position(|&f| f == k);
        for (cap, uses) in &self.limits {
            let fixed_use: f64 = (0..n).filter(|&k| base[k]).map(|k| uses[k]).sum();
            let terms: Vec<_> =
                self.free.iter().zip(&vars).filter(|(k, _)| uses[**k] > 0.0).map(|(k, v)| (*v, uses[*k])).collect();
            if !terms.is_empty() {
                p.add_constraint(terms.as_slice(), ComparisonOp::Le, cap - fixed_use + 1e-6 * cap.max(1.0));
            }
        }
        for (v, &k) in self.free.iter().enumerate() {
            for &d in &self.deps[k] {
                if let Some(w) = var_of(d) {
                    p.add_constraint([(vars[v], 1.0), (vars[w], -1.0)].as_slice(), ComparisonOp::Le, 0.0);
                }
            }
        }
        let base_value: f64 = (0..n).filter(|&k| base[k]).map(|k| self.values[k]).sum();
        base_value + p.solve().map(|s| s.objective()).unwrap_or(0.0)
    }
}

/// SplitMix64 for the random instances.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// A random small roadmap: up to `n` initiatives over 2–3 fiscal years (any start month),
/// with dependencies, locks, fixed, cancelled and undated ones, tight envelopes (some years
/// without one) and sometimes FTE capacity.
fn small(seed: u64, n: usize) -> Roadmap {
    let mut rng = Rng(seed);
    let years = 2 + rng.below(2) as i32;
    let horizon = Horizon { start: m("2026-01"), end: Month { year: 2025 + years, month: 12 } };
    let months = horizon.start.months_through(horizon.end) as u64;
    let scale = ScoringInputs::default();
    let mut initiatives: Vec<Initiative> = Vec::new();
    for k in 0..n {
        let start = horizon.start.plus(rng.below(months - 1) as i32);
        let end = start.plus(rng.below(14) as i32).min(horizon.end);
        let status = match rng.below(20) {
            0 => Status::Done,
            1 => Status::InProgress,
            2 => Status::Cancelled,
            3..=6 => Status::Idea,
            7..=9 => Status::OnHold,
            10..=14 => Status::Approved,
            _ => Status::Proposed,
        };
        let undated = rng.below(20) == 0;
        let depends_on = (0..k).filter(|_| rng.below(6) == 0).take(2).map(|d| format!("i{d}")).collect();
        let pick = |rng: &mut Rng| ESTIMATE_SCALE[rng.below(7) as usize];
        initiatives.push(Initiative {
            id: format!("i{k}"),
            name: format!("Initiative {k}"),
            status,
            start: (!undated).then_some(start),
            end: (!undated).then_some(end),
            capex: (rng.below(50) * 10_000) as f64,
            opex: (rng.below(20) * 5_000) as f64,
            run_cost_per_year: if rng.below(4) == 0 { (rng.below(10) * 12_000) as f64 } else { 0.0 },
            fte: rng.below(8) as f64 * 0.5,
            depends_on,
            funding_lock: match rng.below(14) {
                0 => FundingLock::MustFund,
                1 => FundingLock::MustNotFund,
                _ => FundingLock::None,
            },
            scoring: ScoringInputs {
                business_value: pick(&mut rng),
                time_criticality: pick(&mut rng),
                risk_reduction: pick(&mut rng),
                job_size: if rng.below(10) == 0 { 0 } else { pick(&mut rng) },
                ..scale.clone()
            },
            ..Initiative::default()
        });
    }
    let mut r = Roadmap {
        fiscal_year_start_month: [1, 4, 7, 10][rng.below(4) as usize],
        horizon,
        scoring: Scoring {
            model: if rng.below(2) == 0 { ScoringModel::Weighted } else { ScoringModel::Wsjf },
            criteria: default_criteria(),
        },
        initiatives: initiatives.into_iter().map(Arc::new).collect(),
        ..Roadmap::default()
    };
    let demand = spend_by_fiscal_year(&r);
    for y in &demand {
        if rng.below(6) != 0 {
            let capex = (y.spend.capex * (0.2 + 0.6 * rng.unit())).round();
            let opex = (y.spend.opex * (0.3 + 0.7 * rng.unit())).round();
            r.budgets.push(Budget { fiscal_year: y.fiscal_year, capex, opex });
        }
    }
    if rng.below(2) == 0 {
        for (quarter, demand, _) in fte_by_quarter(&r) {
            if rng.below(3) != 0 {
                r.capacity.push(Capacity { quarter, fte: (demand * (0.3 + 0.6 * rng.unit()) * 2.0).round() / 2.0 });
            }
        }
    }
    r
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Equal to brute force on random small roadmaps (up to 18 initiatives, several years,
    /// dependencies, locks, fixed and out ones), with a funded set that keeps every rule and
    /// an explanation naming a broken limit for every candidate left out.
    #[test]
    fn equal_to_brute_force(seed in any::<u64>(), n in 1usize..=18, capacity in any::<bool>()) {
        let r = small(seed, n);
        let errors: Vec<_> = crate::domain::validate::validate(&r).into_iter().filter(|p| p.is_error()).collect();
        prop_assert!(errors.is_empty(), "{:?}", errors);
        let options = Options { use_capacity: capacity, budget_value: false, max_nodes: None };
        let o = Optimiser::run(&r, &options).unwrap();
        let reference = Reference::new(&r, capacity);
        let best = reference.brute_force();
        prop_assert!(o.proven_optimal);
        prop_assert!((o.total_value - best).abs() <= 1e-6 * best.abs().max(1.0), "optimiser {} brute force {}", o.total_value, best);
        let funded: Vec<bool> = o.decisions.iter().map(|d| d.funded).collect();
        prop_assert!(reference.allowed(&funded), "the funded set breaks a rule");
        prop_assert!((reference.value(&funded) - o.total_value).abs() < 1e-6 * best.abs().max(1.0));
        for (k, d) in o.decisions.iter().enumerate() {
            if reference.free.contains(&k) && !d.funded {
                match &d.why {
                    Why::Displaced { over, .. } | Why::DoesNotFit { over, .. } => prop_assert!(!over.is_empty() && over.iter().all(|x| x.by > 0.0)),
                    Why::DependsOn(_) | Why::NoValue => {}
                    other => prop_assert!(false, "{}: {:?}", d.id, other),
                }
            }
        }
    }
}

/// Against microlp (an independent MILP solver) on generated medium roadmaps with envelopes
/// cut to 70%: our set keeps every rule (checked independently), is at least as good as
/// microlp's integer solution and no better than microlp's LP relaxation allows. microlp
/// 0.2.11's depth-first branch and bound is not always exact (on seed 2 it stops at 798.2
/// where a checked set reaches 829.4), so exactness itself is checked by brute force above.
#[test]
fn checked_against_a_reference_milp_solver_on_generated_roadmaps() {
    let mut equal = 0;
    for seed in 1..=6 {
        let mut r = crate::domain::generate::generate(seed, 50);
        cut(&mut r, 0.7);
        let reference = Reference::new(&r, true);
        let o = Optimiser::run(&r, &Options { budget_value: false, ..Options::default() }).unwrap();
        assert!(o.proven_optimal);
        let funded: Vec<bool> = o.decisions.iter().map(|d| d.funded).collect();
        assert!(reference.allowed(&funded), "seed {seed}");
        assert!((reference.value(&funded) - o.total_value).abs() < 1e-6, "seed {seed}");
        let (integer, relaxed) = (reference.milp(), reference.milp_with(true));
        let tol = 1e-6 * relaxed.max(1.0);
        assert!(integer <= o.total_value + tol, "seed {seed}: microlp found {integer}, better than {}", o.total_value);
        assert!(o.total_value <= relaxed + tol, "seed {seed}: {} above the LP bound {relaxed}", o.total_value);
        if (integer - o.total_value).abs() <= tol {
            equal += 1;
        }
    }
    assert!(equal >= 3, "microlp agrees on half the instances or more ({equal} of 6)");
}

/// Timing on the host for 50, 300 and 2,000 generated initiatives with envelopes and
/// capacity cut to 80%: `cargo test --release --lib optimiser_timing -- --ignored --nocapture`.
#[test]
#[ignore]
fn optimiser_timing() {
    println!("| initiatives | candidates | nodes | proven | gap | main search | with budget values |");
    println!("|---|---|---|---|---|---|---|");
    for n in [50, 300, 2000] {
        let mut r = crate::domain::generate::generate(42, n);
        cut(&mut r, 0.8);
        let options = Options::for_roadmap(&r);
        let t = std::time::Instant::now();
        let o = Optimiser::run(&r, &Options { budget_value: false, ..options.clone() }).unwrap();
        let main = t.elapsed();
        let t = std::time::Instant::now();
        let all = Optimiser::run(&r, &options).unwrap();
        let with_values = t.elapsed();
        let candidates = o
            .decisions
            .iter()
            .filter(|d| matches!(d.why, Why::Chosen | Why::Displaced { .. } | Why::NoValue | Why::NotReached))
            .count();
        println!(
            "| {n} | {candidates} | {} | {} | {:.3}% | {:.1} ms | {:.1} ms ({} years) |",
            o.nodes,
            o.proven_optimal,
            100.0 * o.gap,
            main.as_secs_f64() * 1e3,
            with_values.as_secs_f64() * 1e3,
            all.budget_value.len()
        );
    }
}
