//! Finance: capex and opex per fiscal year against the envelope, the total cost of
//! ownership (TCO) of each initiative and of the portfolio, and how much the new systems
//! add to the yearly run budget ("keep the lights on").
//!
//! The money over time follows the cost rules of [`spend`](crate::domain::spend): only dated
//! initiatives that are not cancelled spend; capex and opex are spread evenly over an
//! initiative's months; its run cost (`run_cost_per_year / 12` a month, counted as opex)
//! starts the month after it ends.
//!
//! 1. **Per fiscal year** (named by the year it ends in): capex, project opex and run cost
//!    spent in its 12 months, against the year's envelope (its budget entries added up; a
//!    year without an entry has an envelope of 0, so any spend is over). A year is **over
//!    budget** when capex spend is above the capex envelope or opex spend (run cost
//!    included) above the opex envelope, by more than a cent; the amount over is shown for
//!    each.
//! 2. **TCO over N years** of an initiative: its whole one-off cost (capex + opex) plus its
//!    run cost for the months between its end and the end of an N-year window starting in
//!    its first month. An initiative running longer than the window counts its one-off cost
//!    only. Undated initiatives have no TCO (no start, no end); they are listed apart. The
//!    **portfolio's TCO** adds up the initiatives' own N-year TCOs (each from its own start).
//! 3. **Run-cost growth** per fiscal year: the yearly run cost already running when the year
//!    begins, the yearly run cost of the initiatives whose run starts during the year (the
//!    month after they end falls in it), and the yearly run cost running at its end — how
//!    much the year's deliveries add to the keep-the-lights-on budget of every year after.
//!    The run cost actually spent in the year (part of its opex) is shown beside it.

use super::{counts, finite, ItemRef, MONEY_TOLERANCE};
use crate::domain::calendar::fiscal_year_start;
use crate::domain::calendar::Month;
use crate::domain::format::fiscal_year_label;
use crate::domain::model::{display_name, Id, Initiative, Roadmap, Status};
use crate::domain::spend::{active_span, fiscal_years, spend_by_fiscal_year, spend_through, YearSpend};
use std::collections::HashMap;

pub const YEAR_RULE: &str = "Capex and opex spent in each fiscal year against its envelope. An initiative's capex and \
     opex are spread evenly over its months; from the month after it ends, its run cost is spent as opex (a twelfth \
     of the yearly run cost each month). Undated and cancelled initiatives spend nothing. A year without a budget \
     entry has an envelope of 0.";
pub const OVER_RULE: &str = "A fiscal year is over budget when its capex spend is above its capex envelope, or its \
     opex spend (run cost included) above its opex envelope; the amount over is shown for each.";
pub const TCO_RULE: &str = "Total cost of ownership over 3 and 5 years from an initiative's first month: its whole \
     one-off cost (capex + opex) plus its run cost for the rest of the window after it ends. An initiative running \
     longer than the window counts its one-off cost only. The portfolio's TCO adds up the initiatives' own TCOs; \
     undated and cancelled initiatives have none.";
pub const RUN_GROWTH_RULE: &str = "What the new systems add to the yearly run budget (keep the lights on): the yearly \
     run cost of the initiatives whose run starts in the fiscal year (the month after they end), on top of the run \
     cost already running when the year begins. The run cost actually spent in the year is shown beside it.";

/// The windows TCO is shown for, in years.
pub const TCO_YEARS: [u32; 2] = [3, 5];

/// One fiscal year's spend against its envelope (rule 1).
#[derive(Clone, PartialEq, Debug)]
pub struct FinanceYear {
    pub fiscal_year: i32,
    /// "FY27".
    pub label: String,
    pub capex: f64,
    /// Opex of running initiatives, without run cost.
    pub project_opex: f64,
    /// Run cost of finished initiatives.
    pub run: f64,
    pub budget_capex: f64,
    pub budget_opex: f64,
    /// The year has a budget entry (an envelope of 0 may be set on purpose).
    pub has_envelope: bool,
    /// Capex spend above the capex envelope; 0 when within it.
    pub over_capex: f64,
    /// Opex spend (run cost included) above the opex envelope; 0 when within it.
    pub over_opex: f64,
}

impl FinanceYear {
    /// Project opex + run cost.
    pub fn opex(&self) -> f64 {
        self.project_opex + self.run
    }
    pub fn spend(&self) -> f64 {
        self.capex + self.opex()
    }
    pub fn budget(&self) -> f64 {
        self.budget_capex + self.budget_opex
    }
    pub fn over(&self) -> f64 {
        self.over_capex + self.over_opex
    }
    pub fn is_over(&self) -> bool {
        self.over() > 0.0
    }
    /// Spend ÷ envelope, capex and opex together; `None` when the envelope is 0.
    pub fn used(&self) -> Option<f64> {
        (self.budget() > 0.0).then(|| self.spend() / self.budget())
    }
}

fn year(y: &YearSpend, has_envelope: bool) -> FinanceYear {
    let over = |x: f64| if x > MONEY_TOLERANCE { x } else { 0.0 };
    FinanceYear {
        fiscal_year: y.fiscal_year,
        label: fiscal_year_label(y.fiscal_year),
        capex: y.spend.capex,
        project_opex: y.spend.opex - y.run,
        run: y.run,
        budget_capex: y.budget_capex,
        budget_opex: y.budget_opex,
        has_envelope,
        over_capex: over(y.over_capex),
        over_opex: over(y.over_opex),
    }
}

/// Spend against envelope for every fiscal year touching the horizon (rule 1).
pub fn finance_years(r: &Roadmap) -> Vec<FinanceYear> {
    years_from(r, &spend_by_fiscal_year(r))
}

fn years_from(r: &Roadmap, spend: &[YearSpend]) -> Vec<FinanceYear> {
    spend.iter().map(|y| year(y, r.budgets.iter().any(|b| b.fiscal_year == y.fiscal_year))).collect()
}

/// TCO of an initiative over `years` years from its first month (rule 2); `None` when it is
/// undated or cancelled (or ends before it starts). At most 1,000 years are looked at.
pub fn tco(i: &Initiative, years: u32) -> Option<f64> {
    let (start, end) = active_span(i)?;
    let window_last = start.plus(12 * years.min(1000) as i32 - 1);
    Some(finite(spend_through(i, window_last.max(end)).total()))
}

/// The portfolio's TCO over `years`: the sum of the initiatives' own TCOs (rule 2).
pub fn portfolio_tco(r: &Roadmap, years: u32) -> f64 {
    r.initiatives.iter().filter_map(|i| tco(i, years)).sum()
}

/// One initiative's cost of ownership.
#[derive(Clone, PartialEq, Debug)]
pub struct InitiativeTco {
    pub id: Id,
    pub name: String,
    pub status: Status,
    pub start: Month,
    pub end: Month,
    /// Capex + opex.
    pub one_off: f64,
    pub run_per_year: f64,
    /// TCO over [`TCO_YEARS`] (3 and 5 years).
    pub tco: [f64; 2],
}

/// TCO of every dated initiative and of the portfolio (rule 2).
#[derive(Clone, PartialEq, Debug)]
pub struct Tco {
    /// Largest 5-year TCO first, then list order.
    pub initiatives: Vec<InitiativeTco>,
    /// The portfolio's TCO over [`TCO_YEARS`].
    pub total: [f64; 2],
    /// Initiatives that are not cancelled but undated: no TCO.
    pub undated: Vec<ItemRef>,
}

pub fn tco_report(r: &Roadmap) -> Tco {
    let mut initiatives = Vec::new();
    let mut undated = Vec::new();
    let mut total = [0.0; 2];
    for i in &r.initiatives {
        let (Some((start, end)), Some(three), Some(five)) =
            (active_span(i), tco(i, TCO_YEARS[0]), tco(i, TCO_YEARS[1]))
        else {
            if counts(i) && !i.is_dated() {
                undated.push(ItemRef::of(i));
            }
            continue;
        };
        total[0] += three;
        total[1] += five;
        initiatives.push(InitiativeTco {
            id: i.id.clone(),
            name: display_name(&i.name, &i.id).to_string(),
            status: i.status,
            start,
            end,
            one_off: i.one_off_cost(),
            run_per_year: i.run_cost_per_year,
            tco: [three, five],
        });
    }
    initiatives.sort_by(|a, b| b.tco[1].total_cmp(&a.tco[1]));
    Tco { initiatives, total, undated }
}

/// What one fiscal year adds to the yearly run budget (rule 3).
#[derive(Clone, PartialEq, Debug)]
pub struct RunGrowth {
    pub fiscal_year: i32,
    pub label: String,
    /// Yearly run cost already running when the year begins.
    pub rate_at_start: f64,
    /// Yearly run cost of the initiatives whose run starts during the year.
    pub added: f64,
    /// `rate_at_start + added`: yearly run cost running at the year's end.
    pub rate_at_end: f64,
    /// Those initiatives with their yearly run cost, largest first.
    pub added_by: Vec<(ItemRef, f64)>,
    /// Run cost actually spent in the year.
    pub run_spent: f64,
}

/// Run-cost growth for every fiscal year touching the horizon (rule 3).
pub fn run_growth(r: &Roadmap) -> Vec<RunGrowth> {
    growth_from(r, &spend_by_fiscal_year(r))
}

fn growth_from(r: &Roadmap, spend: &[YearSpend]) -> Vec<RunGrowth> {
    let fs = r.fiscal_year_start_month.clamp(1, 12);
    let years = fiscal_years(r);
    let Some(&first) = years.first() else { return Vec::new() };
    let first_month = fiscal_year_start(first, fs);
    let mut before = 0.0;
    let mut added: HashMap<i32, Vec<(ItemRef, f64)>> = HashMap::new();
    for i in &r.initiatives {
        let Some((_, end)) = active_span(i) else { continue };
        let rate = finite(i.run_cost_per_year);
        if rate == 0.0 {
            continue;
        }
        let run_start = end.plus(1);
        if run_start < first_month {
            before += rate;
        } else {
            added.entry(run_start.fiscal_year(fs)).or_default().push((ItemRef::of(i), rate));
        }
    }
    let run_spent: HashMap<i32, f64> = spend.iter().map(|y| (y.fiscal_year, y.run)).collect();
    let mut rate = before;
    years
        .into_iter()
        .map(|fy| {
            let mut added_by = added.remove(&fy).unwrap_or_default();
            added_by.sort_by(|a, b| b.1.total_cmp(&a.1));
            let added: f64 = added_by.iter().map(|(_, x)| x).sum();
            let row = RunGrowth {
                fiscal_year: fy,
                label: fiscal_year_label(fy),
                rate_at_start: rate,
                added,
                rate_at_end: rate + added,
                added_by,
                run_spent: run_spent.get(&fy).copied().unwrap_or(0.0),
            };
            rate += added;
            row
        })
        .collect()
}

/// Everything the finance view shows.
#[derive(Clone, PartialEq, Debug)]
pub struct Finance {
    pub years: Vec<FinanceYear>,
    pub tco: Tco,
    pub run_growth: Vec<RunGrowth>,
}

impl Finance {
    /// The years over budget, in order.
    pub fn over_years(&self) -> impl Iterator<Item = &FinanceYear> {
        self.years.iter().filter(|y| y.is_over())
    }
}

/// The finance figures of a roadmap, spreading the spend over the months once.
pub fn finance(r: &Roadmap) -> Finance {
    let spend = spend_by_fiscal_year(r);
    Finance { years: years_from(r, &spend), tco: tco_report(r), run_growth: growth_from(r, &spend) }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;
    use crate::domain::demo::demo_roadmap;
    use crate::domain::generate::generate;
    use crate::domain::model::{Budget, Horizon};
    use proptest::prelude::*;
    use std::sync::Arc;

    /// April fiscal years; horizon 2026–2027, so FY2026 (Apr 2025 – Mar 2026) to FY2028.
    /// S runs Feb–Jul 2026 (across FY2026 and FY2027): 600 capex, 120 opex, 1,200 run a
    /// year. Z: June 2027, 50 capex. U undated, X cancelled. Envelopes: none for FY2026,
    /// 300 / 1,000 for FY2027, 0 / 0 for FY2028.
    fn fixture() -> Roadmap {
        let mut x = ini("X", "2026-05..2026-06", (500.0, 0.0, 10.0));
        x.status = Status::Cancelled;
        let mut r = roadmap(
            vec![],
            vec![],
            vec![
                ini("S", "2026-02..2026-07", (600.0, 120.0, 1200.0)),
                ini("U", "", (1000.0, 0.0, 100.0)),
                x,
                ini("Z", "2027-06..2027-06", (50.0, 0.0, 0.0)),
            ],
        );
        r.fiscal_year_start_month = 4;
        r.budgets = vec![
            Budget { fiscal_year: 2027, capex: 300.0, opex: 1000.0 },
            Budget { fiscal_year: 2028, capex: 0.0, opex: 0.0 },
        ];
        r
    }

    #[test]
    fn years_against_envelopes_by_hand() {
        let years = finance_years(&fixture());
        let got: Vec<_> = years
            .iter()
            .map(|y| (y.label.as_str(), y.capex, y.project_opex, y.run, y.has_envelope, y.over_capex, y.over_opex))
            .collect();
        let expected = [
            // Feb–Mar 2026: 2 × 100 capex, 2 × 20 opex; no budget entry, so all of it is over.
            ("FY26", 200.0, 40.0, 0.0, false, 200.0, 40.0),
            // Apr–Jul: 400 capex, 80 opex; run Aug 2026 – Mar 2027, 8 × 100.
            ("FY27", 400.0, 80.0, 800.0, true, 100.0, 0.0),
            // Z's 50 capex and a year of run cost against an envelope of 0.
            ("FY28", 50.0, 0.0, 1200.0, true, 50.0, 1200.0),
        ];
        assert_eq!(got.len(), 3);
        for (g, e) in got.iter().zip(expected) {
            assert!(
                g.0 == e.0
                    && close(g.1, e.1)
                    && close(g.2, e.2)
                    && close(g.3, e.3)
                    && g.4 == e.4
                    && close(g.5, e.5)
                    && close(g.6, e.6),
                "{g:?} != {e:?}"
            );
        }
        let fy27 = &years[1];
        assert!(close(fy27.opex(), 880.0) && close(fy27.spend(), 1280.0) && fy27.budget() == 1300.0);
        assert!(close(fy27.used().unwrap(), 1280.0 / 1300.0) && fy27.is_over());
        assert_eq!(years[2].used(), None, "a zero envelope has no share used");
    }

    #[test]
    fn rounding_is_not_over_budget() {
        // 1,000 spread over 7 months may add back up to a hair over 1,000; an envelope of
        // exactly 1,000 is met, not exceeded.
        let mut r = roadmap(vec![], vec![], vec![ini("S", "2026-01..2026-07", (1000.0, 0.3, 0.0))]);
        r.budgets = vec![Budget { fiscal_year: 2026, capex: 1000.0, opex: 0.3 }];
        let y = &finance_years(&r)[0];
        assert!(!y.is_over(), "{y:?}");
        r.budgets[0].capex = 999.0;
        assert!(close(finance_years(&r)[0].over_capex, 1.0));
    }

    #[test]
    fn tco_by_hand() {
        let s = ini("S", "2026-02..2026-07", (600.0, 120.0, 1200.0));
        // 3 years from Feb 2026 end in Jan 2029: one-off 720 + run Aug 2026 – Jan 2029
        // (30 months × 100); 5 years: 54 months of run.
        assert_eq!(tco(&s, 3), Some(720.0 + 3000.0));
        assert_eq!(tco(&s, 5), Some(720.0 + 5400.0));
        assert_eq!(tco(&s, 0), Some(720.0), "no window: the one-off cost");
        // Running longer than the window: the one-off cost only, in full.
        let long = ini("L", "2026-01..2030-12", (6000.0, 0.0, 1200.0));
        assert_eq!((tco(&long, 3), tco(&long, 5), tco(&long, 6)), (Some(6000.0), Some(6000.0), Some(7200.0)));
        // Undated and cancelled: none.
        assert_eq!(tco(&ini("U", "", (1.0, 1.0, 1.0)), 3), None);
        let mut x = s.clone();
        x.status = Status::Cancelled;
        assert_eq!(tco(&x, 3), None);
        assert!(tco(&s, u32::MAX).is_some_and(f64::is_finite), "huge windows do not overflow");

        let report = tco_report(&fixture());
        let ids: Vec<_> = report.initiatives.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["S", "Z"]);
        assert_eq!(report.total, [3720.0 + 50.0, 6120.0 + 50.0]);
        assert_eq!(report.undated, vec![ItemRef { id: "U".into(), name: "Initiative U".into() }]);
        assert_eq!(portfolio_tco(&fixture(), 5), 6170.0);
        let z = &report.initiatives[1];
        assert_eq!(
            (z.one_off, z.run_per_year, z.tco, z.start, z.end),
            (50.0, 0.0, [50.0, 50.0], m("2027-06"), m("2027-06"))
        );
    }

    #[test]
    fn run_growth_by_hand() {
        // D finished in 2024 (its run, 60 a year, was running before the horizon); R ends in
        // March 2026, so its run starts in April, the first month of FY2027; S's run starts
        // in August 2026 (FY2027); N has no run cost.
        let mut r = roadmap(
            vec![],
            vec![],
            vec![
                ini("D", "2024-01..2024-06", (10.0, 0.0, 60.0)),
                ini("R", "2026-01..2026-03", (10.0, 0.0, 240.0)),
                ini("S", "2026-02..2026-07", (600.0, 120.0, 1200.0)),
                ini("N", "2026-02..2026-07", (600.0, 120.0, 0.0)),
            ],
        );
        r.fiscal_year_start_month = 4;
        let g = run_growth(&r);
        let rows: Vec<_> = g.iter().map(|y| (y.label.as_str(), y.rate_at_start, y.added, y.rate_at_end)).collect();
        assert_eq!(rows, [("FY26", 60.0, 0.0, 60.0), ("FY27", 60.0, 1440.0, 1500.0), ("FY28", 1500.0, 0.0, 1500.0)]);
        let by: Vec<_> = g[1].added_by.iter().map(|(i, x)| (i.id.as_str(), *x)).collect();
        assert_eq!(by, [("S", 1200.0), ("R", 240.0)]);
        // Spent: FY26 D's 60; FY27 D 60 + R 240 + S 8 months × 100; FY28 a full year of all.
        let spent: Vec<f64> = g.iter().map(|y| (y.run_spent * 1e6).round() / 1e6).collect();
        assert_eq!(spent, [60.0, 1100.0, 1500.0]);
        r.horizon = Horizon { start: m("2027-01"), end: m("2026-01") };
        assert!(run_growth(&r).is_empty());
    }

    #[test]
    fn the_demo_is_over_its_capex_envelope_in_fy2027_only() {
        let f = finance(&demo_roadmap());
        let over: Vec<_> = f.over_years().map(|y| (y.label.as_str(), y.over_opex)).collect();
        assert_eq!(over, [("FY27", 0.0)]);
        let fy27 = f.years.iter().find(|y| y.fiscal_year == 2027).unwrap();
        assert!((fy27.over_capex - 576_082.25).abs() < 1.0, "{}", fy27.over_capex);
        assert!(f.tco.undated.iter().any(|u| u.id == "ini-genai") && f.tco.undated.len() == 2);
        assert!(!f.tco.initiatives.iter().any(|t| t.id == "ini-chain"), "cancelled: no TCO");
        // ERP: Feb 2026 – Sep 2027 (20 months), 3.2M one-off, 420k a year: 3 years = 16 months
        // of run (560k); 5 years = 40 months (1.4M).
        let erp = f.tco.initiatives.iter().find(|t| t.id == "ini-erp").unwrap();
        assert!(close(erp.tco[0], 3_760_000.0) && close(erp.tco[1], 4_600_000.0), "{:?}", erp.tco);
        assert!(f.run_growth.iter().map(|y| y.added).sum::<f64>() > 0.0);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        #[test]
        fn tco_grows_with_the_window(seed in any::<u64>(), size in 1usize..40, years in 0u32..12) {
            let r = generate(seed, size);
            for i in &r.initiatives {
                match (tco(i, years), tco(i, years + 1)) {
                    (Some(a), Some(b)) => {
                        prop_assert!(a <= b + 1e-6);
                        prop_assert!(a >= i.one_off_cost() - 1e-6);
                    }
                    (None, None) => prop_assert!(!i.is_dated() || i.status == Status::Cancelled),
                    _ => prop_assert!(false, "tco is defined for every window or none"),
                }
            }
            prop_assert!(portfolio_tco(&r, years) <= portfolio_tco(&r, years + 1) + 1e-6);
        }

        #[test]
        fn run_growth_adds_up(seed in any::<u64>(), size in 1usize..40) {
            let mut r = generate(seed, size);
            Arc::make_mut(&mut r.initiatives[0]).status = Status::Cancelled;
            let g = run_growth(&r);
            for w in g.windows(2) {
                prop_assert!(close(w[0].rate_at_end, w[1].rate_at_start));
            }
            for y in &g {
                prop_assert!(close(y.rate_at_start + y.added, y.rate_at_end));
                prop_assert!(close(y.added, y.added_by.iter().map(|(_, x)| x).sum()));
                // A year spends at most a full year of what runs at its end.
                prop_assert!(y.run_spent <= y.rate_at_end + 1e-6);
            }
        }
    }
}
