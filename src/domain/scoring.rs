//! Scoring initiatives: weighted scoring or WSJF, chosen per roadmap (`roadmap.scoring`).
//!
//! The rules (docs/scoring.md explains them for users):
//!
//! **Estimates.** Business value, time criticality, risk reduction and job size are relative
//! estimates on the modified Fibonacci scale 1, 2, 3, 5, 8, 13, 20
//! ([`ESTIMATE_SCALE`](super::model::ESTIMATE_SCALE)); 0 means "not estimated yet" and is
//! listed in [`Scored::missing`].
//!
//! **Weighted scoring** turns every criterion into a share from 0 to 1, so criteria on
//! different scales are comparable, and adds the shares up weighted:
//! `score = 100 × Σ (weightₖ × shareₖ) ÷ Σ weightₖ`, from 0 to 100. The shares:
//!
//! - *strategic alignment*: Σ goal weight (1–5) × contribution (1–3) over the goals the
//!   initiative serves, divided by the same sum of the best-aligned initiative that is not
//!   cancelled (so that one scores 1; 0 for all when none serves a goal);
//! - *cost* (lower is better): the one-off cost (capex + opex) placed between the cheapest
//!   and the dearest initiative that is not cancelled: `(dearest − cost) ÷ (dearest −
//!   cheapest)`, the cheapest 1, the dearest 0 (1 for all when they cost the same);
//! - *business value*, *time criticality*, *risk reduction*: the estimate ÷ 20 (20 → 1,
//!   1 → 0.05, not estimated → 0);
//! - *job size* (smaller is better): (21 − estimate) ÷ 20 (1 → 1, 20 → 0.05, not estimated → 0);
//! - *entered* criteria: `(value − min) ÷ (max − min)` (1 − that when lower is better),
//!   kept within 0..1; no value → 0.
//!
//! A weight counts relative to the sum of weights (negative or non-finite weights, which
//! validation refuses, count as 0); when all weights are 0 every initiative scores 0.
//!
//! **WSJF** = cost of delay ÷ job size, where cost of delay = business value + time
//! criticality + risk reduction. It is 0 while the job size is not estimated.
//!
//! **Value** ([`Scored::value`]) is what the optimiser adds up: the weighted score, or under
//! WSJF the cost of delay. WSJF already divides by size to rank work for sequencing; the
//! optimiser's budget envelopes account for cost themselves, so adding up WSJF would count
//! size twice and favour many small jobs whatever their value.

use super::model::{display_name, CriterionSource, Id, Initiative, Roadmap, ScoringModel, Status, ESTIMATE_MAX};
use std::collections::HashMap;

/// One criterion's part of a score, for explaining it.
#[derive(Clone, PartialEq, Debug)]
pub struct Part {
    /// The criterion's id (for WSJF: "business_value", "time_criticality",
    /// "risk_reduction", "job_size").
    pub criterion: Id,
    pub name: String,
    /// The input as entered or derived: the estimate, the entered value, the alignment sum
    /// (Σ weight × contribution) or the one-off cost. `None` when not estimated or entered.
    pub input: Option<f64>,
    /// Weighted scoring: the input as a share from 0 to 1. WSJF: the input itself.
    pub share: f64,
    /// Weighted scoring: the criterion's weight as a share of all weights (0..1). WSJF: 1.
    pub weight: f64,
    /// What this part adds to the score. The points of all parts add up to the score
    /// (WSJF: business value, time criticality and risk reduction each ÷ job size; the job
    /// size part adds 0).
    pub points: f64,
}

/// An initiative's score with its parts.
#[derive(Clone, PartialEq, Debug)]
pub struct Scored {
    pub id: Id,
    /// The initiative's name (its id when the name is blank).
    pub name: String,
    pub status: Status,
    /// Weighted score 0..100, or WSJF.
    pub score: f64,
    /// What the optimiser adds up: the weighted score, or under WSJF the cost of delay.
    pub value: f64,
    /// One-off cost, capex + opex.
    pub cost: f64,
    /// The job size estimate (0 when not estimated).
    pub job_size: u8,
    pub parts: Vec<Part>,
    /// Inputs that are not estimated or entered yet, by name ("Business value").
    pub missing: Vec<String>,
    /// 1 for the best score; equal scores share a rank ("1, 2, 2, 4").
    pub rank: usize,
}

/// The estimate as a share of the scale's top (0 when not estimated).
fn estimate_share(v: u8) -> f64 {
    v.min(ESTIMATE_MAX) as f64 / ESTIMATE_MAX as f64
}

/// A smaller-is-better estimate as a share: (21 − v) ÷ 20, 0 when not estimated.
fn smaller_share(v: u8) -> f64 {
    if v == 0 {
        0.0
    } else {
        (ESTIMATE_MAX as f64 + 1.0 - v.min(ESTIMATE_MAX) as f64) / ESTIMATE_MAX as f64
    }
}

/// Cost of delay: business value + time criticality + risk reduction.
pub fn cost_of_delay(i: &Initiative) -> f64 {
    let s = &i.scoring;
    s.business_value as f64 + s.time_criticality as f64 + s.risk_reduction as f64
}

/// WSJF = cost of delay ÷ job size; 0 while the job size is not estimated.
pub fn wsjf(i: &Initiative) -> f64 {
    match i.scoring.job_size {
        0 => 0.0,
        size => cost_of_delay(i) / size as f64,
    }
}

/// Σ goal weight × contribution over the distinct existing goals an initiative serves.
pub fn alignment(goal_weights: &HashMap<&str, u8>, i: &Initiative) -> f64 {
    let mut seen: Vec<&str> = Vec::new();
    let mut sum = 0.0;
    for link in &i.goals {
        if seen.contains(&link.goal.as_str()) {
            continue;
        }
        if let Some(&w) = goal_weights.get(link.goal.as_str()) {
            seen.push(&link.goal);
            sum += w as f64 * link.contribution as f64;
        }
    }
    sum
}

/// What the portfolio-relative shares are measured against: the best alignment and the
/// cheapest and dearest one-off cost among initiatives that are not cancelled.
struct Portfolio<'a> {
    goal_weights: HashMap<&'a str, u8>,
    best_alignment: f64,
    cheapest: f64,
    dearest: f64,
    /// Per initiative id: the run cost its retirements save over the horizon (only when a
    /// criterion asks for it), and the largest of them.
    savings: HashMap<&'a str, f64>,
    best_savings: f64,
}

impl<'a> Portfolio<'a> {
    fn new(r: &'a Roadmap) -> Portfolio<'a> {
        let mut goal_weights = HashMap::with_capacity(r.goals.len());
        for g in &r.goals {
            goal_weights.entry(g.id.as_str()).or_insert(g.weight);
        }
        let mut p = Portfolio {
            goal_weights,
            best_alignment: 0.0,
            cheapest: f64::INFINITY,
            dearest: f64::NEG_INFINITY,
            savings: HashMap::new(),
            best_savings: 0.0,
        };
        if r.scoring.criteria.iter().any(|c| c.source == CriterionSource::RetirementSavings) {
            let saved = crate::domain::landscape::Analysis::new(r).retirement_savings();
            for (k, i) in r.initiatives.iter().enumerate() {
                let total = saved.initiative_total(k);
                if i.status != Status::Cancelled && total > 0.0 {
                    p.best_savings = p.best_savings.max(total);
                    p.savings.entry(i.id.as_str()).or_insert(total);
                }
            }
        }
        for i in r.initiatives.iter().filter(|i| i.status != Status::Cancelled) {
            p.best_alignment = p.best_alignment.max(alignment(&p.goal_weights, i));
            let cost = i.one_off_cost();
            if cost.is_finite() {
                p.cheapest = p.cheapest.min(cost);
                p.dearest = p.dearest.max(cost);
            }
        }
        p
    }

    fn cost_share(&self, cost: f64) -> f64 {
        if !cost.is_finite() || self.dearest <= self.cheapest {
            return if cost.is_finite() { 1.0 } else { 0.0 };
        }
        ((self.dearest - cost) / (self.dearest - self.cheapest)).clamp(0.0, 1.0)
    }
}

/// Every initiative scored, in list order (cancelled and done ones too; views filter).
pub fn scored(r: &Roadmap) -> Vec<Scored> {
    let p = Portfolio::new(r);
    let mut out: Vec<Scored> = r.initiatives.iter().map(|i| score_one(r, &p, i)).collect();
    // Ranks: 1 + the number of strictly better scores.
    let mut sorted: Vec<f64> = out.iter().map(|s| s.score).collect();
    sorted.sort_by(|a, b| b.total_cmp(a));
    for s in &mut out {
        s.rank = 1 + sorted.partition_point(|&x| x > s.score);
    }
    out
}

/// `(initiative id, score)` in list order.
pub fn scores(r: &Roadmap) -> Vec<(Id, f64)> {
    scored(r).into_iter().map(|s| (s.id, s.score)).collect()
}

/// Every initiative scored, best first; equal scores keep list order.
pub fn ranked(r: &Roadmap) -> Vec<Scored> {
    let mut out = scored(r);
    out.sort_by(|a, b| b.score.total_cmp(&a.score));
    out
}

fn score_one(r: &Roadmap, p: &Portfolio, i: &Initiative) -> Scored {
    let s = &i.scoring;
    let mut missing = Vec::new();
    let mut note = |v: u8, name: &str| {
        if v == 0 && !missing.iter().any(|m| m == name) {
            missing.push(name.to_string());
        }
    };
    let (score, value, parts) = match r.scoring.model {
        ScoringModel::Wsjf => {
            note(s.business_value, "Business value");
            note(s.time_criticality, "Time criticality");
            note(s.risk_reduction, "Risk reduction");
            note(s.job_size, "Job size");
            let size = s.job_size as f64;
            let per_size = |v: u8| if s.job_size == 0 { 0.0 } else { v as f64 / size };
            let part = |criterion: &str, name: &str, v: u8, points: f64| Part {
                criterion: criterion.into(),
                name: name.into(),
                input: (v != 0).then_some(v as f64),
                share: v as f64,
                weight: 1.0,
                points,
            };
            let parts = vec![
                part("business_value", "Business value", s.business_value, per_size(s.business_value)),
                part("time_criticality", "Time criticality", s.time_criticality, per_size(s.time_criticality)),
                part("risk_reduction", "Risk reduction", s.risk_reduction, per_size(s.risk_reduction)),
                part("job_size", "Job size", s.job_size, 0.0),
            ];
            (wsjf(i), cost_of_delay(i), parts)
        }
        ScoringModel::Weighted => {
            let weight_of = |w: f64| if w.is_finite() && w > 0.0 { w } else { 0.0 };
            let total: f64 = r.scoring.criteria.iter().map(|c| weight_of(c.weight)).sum();
            let mut parts = Vec::with_capacity(r.scoring.criteria.len());
            for c in &r.scoring.criteria {
                let name = display_name(&c.name, &c.id);
                let (input, share) = match c.source {
                    CriterionSource::StrategicAlignment => {
                        let a = alignment(&p.goal_weights, i);
                        let share = if p.best_alignment > 0.0 { (a / p.best_alignment).min(1.0) } else { 0.0 };
                        (Some(a), share)
                    }
                    CriterionSource::Cost => (Some(i.one_off_cost()), p.cost_share(i.one_off_cost())),
                    CriterionSource::BusinessValue => estimate(s.business_value, estimate_share(s.business_value)),
                    CriterionSource::TimeCriticality => {
                        estimate(s.time_criticality, estimate_share(s.time_criticality))
                    }
                    CriterionSource::RiskReduction => estimate(s.risk_reduction, estimate_share(s.risk_reduction)),
                    CriterionSource::JobSize => estimate(s.job_size, smaller_share(s.job_size)),
                    CriterionSource::RetirementSavings => {
                        let saved = p.savings.get(i.id.as_str()).copied().unwrap_or(0.0);
                        (Some(saved), if p.best_savings > 0.0 { saved / p.best_savings } else { 0.0 })
                    }
                    CriterionSource::Entered => match s.custom.get(&c.id).copied().filter(|v| v.is_finite()) {
                        Some(v) if c.max > c.min => {
                            let share = ((v - c.min) / (c.max - c.min)).clamp(0.0, 1.0);
                            (Some(v), if c.lower_is_better { 1.0 - share } else { share })
                        }
                        Some(v) => (Some(v), 0.0),
                        None => (None, 0.0),
                    },
                };
                if input.is_none() {
                    note(0, name);
                }
                let weight = if total > 0.0 { weight_of(c.weight) / total } else { 0.0 };
                parts.push(Part {
                    criterion: c.id.clone(),
                    name: name.to_string(),
                    input,
                    share,
                    weight,
                    points: 100.0 * weight * share,
                });
            }
            let score = parts.iter().map(|p| p.points).sum::<f64>();
            (score, score, parts)
        }
    };
    Scored {
        id: i.id.clone(),
        name: display_name(&i.name, &i.id).to_string(),
        status: i.status,
        score,
        value,
        cost: i.one_off_cost(),
        job_size: s.job_size,
        parts,
        missing,
        rank: 0,
    }
}

/// An estimate's input and share; no input when not estimated.
fn estimate(v: u8, share: f64) -> (Option<f64>, f64) {
    ((v != 0).then_some(v as f64), share)
}

/// Ranks among the initiatives still to decide or running (not cancelled or done) — the
/// ones the ranking and the value-vs-effort chart show: 1 for the best, equal scores share a
/// rank ("1, 2, 2, 4"); `None` for cancelled and done initiatives. In the order of `scored`.
pub fn live_ranks(scored: &[Scored]) -> Vec<Option<usize>> {
    let live = |s: &Scored| !matches!(s.status, Status::Cancelled | Status::Done);
    let mut sorted: Vec<f64> = scored.iter().filter(|s| live(s)).map(|s| s.score).collect();
    sorted.sort_by(|a, b| b.total_cmp(a));
    scored.iter().map(|s| live(s).then(|| 1 + sorted.partition_point(|&x| x > s.score))).collect()
}

/// Score and value by initiative id (the first initiative wins for a duplicate id).
pub fn by_id(scored: &[Scored]) -> HashMap<&str, &Scored> {
    let mut out = HashMap::with_capacity(scored.len());
    for s in scored {
        out.entry(s.id.as_str()).or_insert(s);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::*;
    use proptest::prelude::*;

    /// Retirement savings as a criterion: the initiative that saves most scores its full
    /// weight, one that retires nothing scores 0, and the optimiser's value follows the score.
    #[test]
    fn retirement_savings_count_as_value() {
        let mut r = crate::domain::demo::demo_roadmap();
        r.scoring.model = ScoringModel::Weighted;
        r.scoring.criteria = vec![Criterion {
            id: "savings".into(),
            name: "Retirement savings".into(),
            weight: 1.0,
            source: CriterionSource::RetirementSavings,
            ..Criterion::default()
        }];
        let all = scored(&r);
        let by = |name: &str| all.iter().find(|s| s.name == name).unwrap_or_else(|| panic!("{name}"));
        assert!(all.iter().any(|s| (s.score - 100.0).abs() < 1e-9), "the largest saver scores the full weight");
        assert!(by("CRM rollout").score > 0.0, "it retires Dynamics CRM");
        assert_eq!(by("Multi-factor authentication rollout").score, 0.0);
        assert!(all.iter().all(|s| s.value == s.score));
        assert_eq!(CriterionSource::from_key("retirement_savings"), Some(CriterionSource::RetirementSavings));
    }
    use std::sync::Arc;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    /// Goals g5 (weight 5) and g2 (weight 2); initiatives:
    /// - a: decisive for g5 (15) and some for g2 (2) → alignment 17; cost 100; BV 20, TC 5, RR 0, JS 8
    /// - b: strong for g2 → 4; cost 300; BV 8, TC 13, RR 3, JS 2
    /// - c: no goals → 0; cost 500; nothing estimated
    /// - x: cancelled, cost 10,000, decisive for g5 and g2 (21): outside the portfolio range.
    fn sample() -> Roadmap {
        let goal = |id: &str, weight| Arc::new(Goal { id: id.into(), name: id.into(), weight, ..Goal::default() });
        let ini = |id: &str, cost: f64, goals: &[(&str, u8)], est: [u8; 4]| Initiative {
            id: id.into(),
            name: id.to_uppercase(),
            capex: cost * 0.75,
            opex: cost * 0.25,
            goals: goals.iter().map(|&(g, c)| GoalLink { goal: g.into(), contribution: c }).collect(),
            scoring: ScoringInputs {
                business_value: est[0],
                time_criticality: est[1],
                risk_reduction: est[2],
                job_size: est[3],
                custom: Default::default(),
            },
            ..Initiative::default()
        };
        let mut x = ini("x", 10_000.0, &[("g5", 3), ("g2", 3)], [20, 20, 20, 1]);
        x.status = Status::Cancelled;
        Roadmap {
            goals: vec![goal("g5", 5), goal("g2", 2)],
            initiatives: vec![
                ini("a", 100.0, &[("g5", 3), ("g2", 1)], [20, 5, 0, 8]),
                ini("b", 300.0, &[("g2", 2)], [8, 13, 3, 2]),
                ini("c", 500.0, &[], [0, 0, 0, 0]),
                x,
            ]
            .into_iter()
            .map(Arc::new)
            .collect(),
            ..Roadmap::default()
        }
    }

    fn get<'a>(s: &'a [Scored], id: &str) -> &'a Scored {
        s.iter().find(|x| x.id == id).unwrap()
    }

    #[test]
    fn weighted_scores_by_hand() {
        let r = sample();
        let s = scored(&r);
        // Default weights 30/25/15/15/15 of 100.
        // a: alignment 17/17 = 1; BV 20/20 = 1; RR 0; TC 5/20 = .25; cost (500−100)/(500−100) = 1
        //    → 30 + 25 + 0 + 3.75 + 15 = 73.75
        let a = get(&s, "a");
        assert!(close(a.score, 73.75), "{}", a.score);
        assert_eq!(a.missing, ["Risk reduction"]);
        assert_eq!(
            a.parts.iter().map(|p| p.input).collect::<Vec<_>>(),
            [Some(17.0), Some(20.0), None, Some(5.0), Some(100.0)]
        );
        assert!(close(a.parts.iter().map(|p| p.points).sum::<f64>(), a.score));
        // b: 4/17 × 30 + 8/20 × 25 + 3/20 × 15 + 13/20 × 15 + (500−300)/400 × 15
        let b = get(&s, "b");
        let expect = 4.0 / 17.0 * 30.0 + 10.0 + 2.25 + 9.75 + 7.5;
        assert!(close(b.score, expect), "{} vs {expect}", b.score);
        assert!(b.missing.is_empty());
        // c: nothing but being the dearest (cost share 0): 0.
        let c = get(&s, "c");
        assert!(close(c.score, 0.0));
        assert_eq!(c.missing, ["Business value", "Risk reduction", "Time criticality"]);
        // x (cancelled) is scored but outside the range: alignment capped at 1, cost share 0.
        let x = get(&s, "x");
        assert!(close(x.parts[0].share, 1.0) && close(x.parts[4].share, 0.0));
        assert!(close(x.score, 30.0 + 25.0 + 15.0 + 15.0));
        // Value is the score; ranks.
        assert!(s.iter().all(|x| x.value == x.score));
        assert_eq!(s.iter().map(|x| x.rank).collect::<Vec<_>>(), [2, 3, 4, 1]);
        assert_eq!(ranked(&r).iter().map(|x| x.id.as_str()).collect::<Vec<_>>(), ["x", "a", "b", "c"]);
        assert_eq!(scores(&r)[0], ("a".to_string(), a.score));
    }

    #[test]
    fn weights_count_relative_to_their_sum() {
        let mut r = sample();
        let base = scores(&r);
        r.scoring.criteria.iter_mut().for_each(|c| c.weight *= 7.0);
        for (x, y) in scores(&r).iter().zip(&base) {
            assert!(close(x.1, y.1));
        }
        // Only business value counts: score = 100 × BV/20.
        r.scoring
            .criteria
            .iter_mut()
            .for_each(|c| c.weight = if c.source == CriterionSource::BusinessValue { 2.0 } else { 0.0 });
        assert_eq!(scores(&r).iter().map(|s| s.1).collect::<Vec<_>>(), [100.0, 40.0, 0.0, 100.0]);
        r.scoring.criteria.iter_mut().for_each(|c| c.weight = 0.0);
        assert!(scores(&r).iter().all(|s| s.1 == 0.0), "all weights 0: all score 0");
        r.scoring.criteria[0].weight = f64::NAN;
        r.scoring.criteria[1].weight = -3.0;
        assert!(scores(&r).iter().all(|s| s.1 == 0.0), "bad weights count as 0");
        r.scoring.criteria.clear();
        assert!(scores(&r).iter().all(|s| s.1 == 0.0));
    }

    #[test]
    fn entered_criteria_and_job_size() {
        let mut r = sample();
        r.scoring.criteria = vec![
            Criterion { id: "fit".into(), name: "Fit".into(), weight: 1.0, min: 1.0, max: 5.0, ..Criterion::default() },
            Criterion {
                id: "effort".into(),
                name: "Effort".into(),
                weight: 1.0,
                min: 0.0,
                max: 10.0,
                lower_is_better: true,
                ..Criterion::default()
            },
            Criterion {
                id: "size".into(),
                name: "Size".into(),
                weight: 2.0,
                source: CriterionSource::JobSize,
                ..Criterion::default()
            },
        ];
        let set = |r: &mut Roadmap, id: &str, k: &str, v: f64| {
            _ = r.initiative_mut(id).unwrap().scoring.custom.insert(k.into(), v)
        };
        set(&mut r, "a", "fit", 4.0); // (4−1)/4 = .75
        set(&mut r, "a", "effort", 2.0); // 1 − .2 = .8
        set(&mut r, "b", "fit", 9.0); // clamped to 1
        let s = scored(&r);
        // a: 100 × (.75 + .8 + 2 × (21−8)/20) / 4 = 100 × (1.55 + 1.3) / 4
        assert!(close(get(&s, "a").score, 71.25), "{}", get(&s, "a").score);
        // b: fit 1, effort missing (0), size (21−2)/20 = .95 → 100 × (1 + 1.9)/4
        assert!(close(get(&s, "b").score, 72.5));
        assert_eq!(get(&s, "b").missing, ["Effort"]);
        assert_eq!(get(&s, "c").missing, ["Fit", "Effort", "Size"]);
        assert_eq!(get(&s, "c").score, 0.0);
        // Job size 1 and 20 on the smaller-is-better share.
        assert_eq!((smaller_share(1), smaller_share(20), smaller_share(0)), (1.0, 0.05, 0.0));
        assert_eq!((estimate_share(20), estimate_share(1), estimate_share(0)), (1.0, 0.05, 0.0));
    }

    #[test]
    fn wsjf_by_hand() {
        let mut r = sample();
        r.scoring.model = ScoringModel::Wsjf;
        let s = scored(&r);
        // a: (20 + 5 + 0) / 8; b: (8 + 13 + 3) / 2 = 12; c: size not estimated → 0.
        let (a, b, c) = (get(&s, "a"), get(&s, "b"), get(&s, "c"));
        assert!(close(a.score, 25.0 / 8.0) && close(a.value, 25.0));
        assert!(close(b.score, 12.0) && close(b.value, 24.0));
        assert_eq!((c.score, c.value), (0.0, 0.0));
        assert_eq!(c.missing, ["Business value", "Time criticality", "Risk reduction", "Job size"]);
        assert_eq!(a.missing, ["Risk reduction"]);
        assert!(close(b.parts.iter().map(|p| p.points).sum::<f64>(), 12.0));
        assert_eq!(b.parts[1].points, 6.5);
        assert_eq!(ranked(&r)[0].id, "x", "(20+20+20)/1 = 60");
        assert_eq!(ranked(&r)[1].id, "b");
    }

    #[test]
    fn equal_costs_and_no_goals() {
        let mut r = sample();
        for i in &mut r.initiatives {
            let i = Arc::make_mut(i);
            (i.capex, i.opex, i.goals) = (50.0, 0.0, Vec::new());
        }
        let s = scored(&r);
        // Alignment 0 for all; cost share 1 for all (15 points).
        assert!(s.iter().all(|x| close(x.parts[0].share, 0.0) && close(x.parts[4].share, 1.0)));
        assert!(close(get(&s, "c").score, 15.0));
        // Ties share a rank.
        let mut r = sample();
        r.initiatives.push(r.initiatives[0].clone());
        let ranks: Vec<usize> = scored(&r).iter().map(|x| x.rank).collect();
        assert_eq!(ranks, [2, 4, 5, 1, 2]);
    }

    #[test]
    fn the_demo_is_scored() {
        let r = crate::domain::demo::demo_roadmap();
        let s = ranked(&r);
        assert!(s.iter().all(|x| x.missing.is_empty() && (0.0..=100.0).contains(&x.score)));
        // The unaligned, low-value intranet redesign is last among the initiatives that are
        // not cancelled.
        let live: Vec<_> = s.iter().filter(|x| x.status != Status::Cancelled).collect();
        assert_eq!(live.last().unwrap().id, "ini-intranet");
    }

    #[test]
    fn live_ranks_leave_out_done_and_cancelled() {
        let r = crate::domain::demo::demo_roadmap();
        let s = scored(&r);
        let ranks = live_ranks(&s);
        let mut shown: Vec<usize> = Vec::new();
        for (x, rank) in s.iter().zip(&ranks) {
            match x.status {
                Status::Cancelled | Status::Done => assert_eq!(*rank, None, "{}", x.name),
                _ => shown.push(rank.expect("a live initiative has a rank")),
            }
        }
        shown.sort_unstable();
        // Without ties the live ranks are exactly 1..=n; the best live score is first.
        assert_eq!(shown, (1..=shown.len()).collect::<Vec<_>>());
        let best =
            s.iter().zip(&ranks).filter(|(_, r)| r.is_some()).max_by(|a, b| a.0.score.total_cmp(&b.0.score)).unwrap();
        assert_eq!(*best.1, Some(1));
        // Ties share a rank.
        let mut r2 = sample();
        r2.initiatives.push(r2.initiatives[0].clone());
        assert_eq!(live_ranks(&scored(&r2)), [Some(1), Some(3), Some(4), None, Some(1)]);
    }

    proptest! {
        #[test]
        fn scores_are_bounded_and_parts_add_up(r in crate::domain::file_format::testing::roadmap()) {
            for s in scored(&r) {
                prop_assert!(s.score.is_finite() && s.value.is_finite());
                let sum: f64 = s.parts.iter().map(|p| p.points).sum();
                prop_assert!((sum - s.score).abs() < 1e-9 * s.score.abs().max(1.0));
                match r.scoring.model {
                    ScoringModel::Weighted => prop_assert!((-1e-9..=100.0 + 1e-9).contains(&s.score)),
                    ScoringModel::Wsjf => prop_assert!((0.0..=60.0).contains(&s.score)),
                }
                prop_assert!(s.parts.iter().all(|p| (0.0..=1.0).contains(&p.weight)));
                prop_assert!(s.rank >= 1);
            }
        }
    }
}
