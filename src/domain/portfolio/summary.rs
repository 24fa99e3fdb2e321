//! The executive summary: the headline figures on one screen (and one printed page), each
//! carrying the view that explains it.
//!
//! Every headline reuses its area's rules; the one figure of its own is **capability gaps
//! closed by the end of the horizon**: of the capabilities whose target maturity is above
//! their current maturity, those whose maturity in the horizon's last month reaches the
//! target. Maturity at a month is the heatmap's: the current maturity, raised to the
//! `maturity_after` of every linked initiative that is not cancelled, is dated, and has
//! ended by then.

use super::alignment::{self, Alignment};
use super::finance::{self, FinanceYear};
use super::risk::{self, RiskBand, RiskItem};
use super::vendors::{self, Concentration, LockInThreshold, Vendors};
use super::workforce::{self, QuarterLoad};
use super::{Explains, ItemRef};
use crate::domain::calendar::Month;
use crate::domain::format::{month_label, percent, short_money, thousands, trimmed};
use crate::domain::heatmap::figures;
use crate::domain::model::{display_name, Horizon, Id, Roadmap};

pub const LANDSCAPE_RULE: &str = "Applications past their end of life at the start of this month and 12 months on \
     (after the initiatives that introduce or retire them); capabilities with more than one active application; the \
     yearly run cost of the applications running this month; applications missing an owner, a run cost, lifecycle \
     dates or a capability link.";

/// The landscape in figures (docs/landscape.md), as of a month.
#[derive(Clone, PartialEq, Debug, Default)]
pub struct LandscapeHeadline {
    pub applications: usize,
    pub past_end_of_life: usize,
    pub past_end_of_life_in_12_months: usize,
    pub redundant_capabilities: usize,
    pub run_cost_per_year: f64,
    /// Applications missing at least one of the data-quality checks.
    pub missing_data: usize,
}

/// The landscape headline as of month `now`.
pub fn landscape_headline(r: &Roadmap, now: Month) -> LandscapeHeadline {
    use crate::domain::landscape::{lifecycle::past_end_of_life, quality::Check, Analysis};
    let a = Analysis::new(r);
    let n = a.applications().len();
    let past = |m: Month| (0..n).filter(|&k| past_end_of_life(&a.lifecycles[k], m)).count();
    let q = a.quality();
    let mut missing = vec![false; n];
    for c in Check::ALL {
        for &k in q.missing(c) {
            missing[k] = true;
        }
    }
    LandscapeHeadline {
        applications: n,
        past_end_of_life: past(now),
        past_end_of_life_in_12_months: past(now.plus(12)),
        redundant_capabilities: a.redundancies(now).len(),
        run_cost_per_year: a.cost_by_capability(now).total(),
        missing_data: missing.iter().filter(|&&m| m).count(),
    }
}

pub const GAPS_CLOSED_RULE: &str = "Of the capabilities whose target maturity is above their current maturity, those \
     that reach the target by the end of the horizon: their current maturity raised to what each linked initiative \
     delivers once it has ended (cancelled and undated initiatives deliver nothing).";

/// A headline figure, the view that explains it and how it is computed.
#[derive(Clone, PartialEq, Debug)]
pub struct Headline<T> {
    pub figure: T,
    pub explains: Explains,
    pub rule: &'static str,
}

fn headline<T>(figure: T, explains: Explains, rule: &'static str) -> Headline<T> {
    Headline { figure, explains, rule }
}

/// How much of the plan serves the goals.
#[derive(Clone, PartialEq, Debug)]
pub struct AlignmentHeadline {
    /// 0..=1; `None` when nothing is planned.
    pub share: Option<f64>,
    pub unaligned_total: f64,
    /// The initiatives serving no goal, largest cost first.
    pub unaligned: Vec<ItemRef>,
}

/// A capability gap still open at the end of the horizon.
#[derive(Clone, PartialEq, Debug)]
pub struct OpenGap {
    pub id: Id,
    pub name: String,
    pub target: u8,
    /// Maturity in the horizon's last month.
    pub reached: u8,
}

/// Capability gaps closed by the end of the horizon.
#[derive(Clone, PartialEq, Debug)]
pub struct GapsClosed {
    /// The horizon's last month.
    pub by: Month,
    /// Capabilities with target above current maturity.
    pub gaps: usize,
    pub closed: usize,
    /// The rest, in capability list order.
    pub open: Vec<OpenGap>,
}

/// How concentrated the vendor spend is.
#[derive(Clone, PartialEq, Debug)]
pub struct VendorHeadline {
    pub hhi: Option<f64>,
    pub concentration: Option<Concentration>,
    /// The largest vendor and its share.
    pub top: Option<(String, f64)>,
    /// Vendors above the lock-in threshold, with their share.
    pub lock_in: Vec<(String, f64)>,
    pub threshold: LockInThreshold,
}

/// The executive summary.
#[derive(Clone, PartialEq, Debug)]
pub struct Summary {
    pub roadmap: String,
    pub currency: String,
    pub horizon: Horizon,
    /// Spend per fiscal year against the envelope.
    pub spend: Headline<Vec<FinanceYear>>,
    pub alignment: Headline<AlignmentHeadline>,
    /// Goals without an initiative.
    pub strategy_gaps: Headline<Vec<ItemRef>>,
    pub capability_gaps: Headline<GapsClosed>,
    /// The five open initiatives with the highest risk score.
    pub top_risks: Headline<Vec<RiskItem>>,
    pub vendors: Headline<VendorHeadline>,
    /// The overloaded quarters with their causes.
    pub overloaded: Headline<Vec<QuarterLoad>>,
    /// The applications and technologies, as of the month the summary is made.
    pub landscape: Headline<LandscapeHeadline>,
}

/// Capability gaps closed by the end of the horizon (see the module docs).
pub fn gaps_closed(r: &Roadmap) -> GapsClosed {
    let by = r.horizon.end;
    let at_end = figures(r, by);
    let mut seen = std::collections::HashSet::new();
    let (mut gaps, mut closed, mut open) = (0, 0, Vec::new());
    for c in r.capabilities.iter().filter(|c| c.target_maturity > c.current_maturity && seen.insert(c.id.as_str())) {
        gaps += 1;
        let reached = at_end.get(&c.id).map_or(c.current_maturity, |f| f.at_date);
        if reached >= c.target_maturity {
            closed += 1;
        } else {
            open.push(OpenGap {
                id: c.id.clone(),
                name: display_name(&c.name, &c.id).to_string(),
                target: c.target_maturity,
                reached,
            });
        }
    }
    GapsClosed { by, gaps, closed, open }
}

fn vendor_headline(v: &Vendors) -> VendorHeadline {
    VendorHeadline {
        hhi: v.hhi,
        concentration: v.concentration,
        top: v.top().map(|t| (t.name.clone(), t.share)),
        lock_in: v.lock_in().map(|x| (x.name.clone(), x.share)).collect(),
        threshold: v.threshold,
    }
}

fn alignment_headline(a: &Alignment) -> AlignmentHeadline {
    AlignmentHeadline {
        share: a.share,
        unaligned_total: a.unaligned_total,
        unaligned: a.unaligned.iter().map(|u| ItemRef { id: u.id.clone(), name: u.name.clone() }).collect(),
    }
}

/// The executive summary of a roadmap, with vendors flagged above `threshold`.
pub fn summary(r: &Roadmap, threshold: LockInThreshold, now: Month) -> Summary {
    let a = alignment::alignment(r);
    let v = vendors::vendors(r, threshold);
    Summary {
        roadmap: r.name.clone(),
        currency: r.currency.clone(),
        horizon: r.horizon,
        spend: headline(finance::finance_years(r), Explains::Finance, finance::YEAR_RULE),
        strategy_gaps: headline(a.strategy_gaps.clone(), Explains::Alignment, alignment::STRATEGY_GAP_RULE),
        alignment: headline(alignment_headline(&a), Explains::Alignment, alignment::SHARE_RULE),
        capability_gaps: headline(gaps_closed(r), Explains::Heatmap, GAPS_CLOSED_RULE),
        top_risks: headline(risk::top_risks(r, 5), Explains::Risk, risk::TOP_RULE),
        vendors: headline(vendor_headline(&v), Explains::Vendors, vendors::HHI_RULE),
        overloaded: headline(
            workforce::workforce(r).quarters.into_iter().filter(|q| q.over).collect(),
            Explains::Workforce,
            workforce::OVERLOAD_RULE,
        ),
        landscape: headline(landscape_headline(r, now), Explains::Landscape, LANDSCAPE_RULE),
    }
}

/// One line of the summary as text, for the screen and the printed page.
#[derive(Clone, PartialEq, Debug)]
pub struct Line {
    pub title: String,
    pub value: String,
    /// The figure shows a problem.
    pub attention: bool,
    pub explains: Explains,
    pub rule: &'static str,
}

/// Names joined with commas, at most `n` of them, then "and k more".
fn names<'a>(items: impl ExactSizeIterator<Item = &'a str>, n: usize) -> String {
    let total = items.len();
    let mut shown: Vec<&str> = items.take(n).collect();
    let more = total - shown.len();
    let more_text = format!("and {more} more");
    if more > 0 {
        shown.push(&more_text);
    }
    shown.join(", ")
}

impl Summary {
    /// The headlines as lines of text, in the order of the page: spend per fiscal year,
    /// alignment share, strategy gaps, capability gaps closed, top risks, vendor
    /// concentration, overloaded quarters.
    pub fn lines(&self) -> Vec<Line> {
        let c = self.currency.as_str();
        let mut out = Vec::new();
        let mut line = |title: String, value: String, attention: bool, explains: Explains, rule: &'static str| {
            out.push(Line { title, value, attention, explains, rule })
        };
        for y in &self.spend.figure {
            let mut value = if y.has_envelope {
                format!("{} of {} budget", short_money(y.spend(), c), short_money(y.budget(), c))
            } else {
                format!("{} — no budget set", short_money(y.spend(), c))
            };
            let overs: Vec<String> = [(y.over_capex, "capex"), (y.over_opex, "opex")]
                .iter()
                .filter(|(x, _)| *x > 0.0)
                .map(|(x, what)| format!("{what} over by {}", short_money(*x, c)))
                .collect();
            if !overs.is_empty() {
                value = format!("{value} — {}", overs.join(", "));
            }
            line(format!("Spend {}", y.label), value, y.is_over(), self.spend.explains, self.spend.rule);
        }
        let a = &self.alignment.figure;
        let value = match a.share {
            None => "Nothing is planned yet".to_string(),
            Some(share) if a.unaligned.is_empty() => {
                format!("{} of the planned cost serves a goal", percent(share))
            }
            Some(share) => format!(
                "{} of the planned cost serves a goal; {} serves none ({})",
                percent(share),
                short_money(a.unaligned_total, c),
                names(a.unaligned.iter().map(|u| u.name.as_str()), 3)
            ),
        };
        line("Alignment share".into(), value, !a.unaligned.is_empty(), self.alignment.explains, self.alignment.rule);
        let gaps = &self.strategy_gaps.figure;
        let value = match gaps.len() {
            0 => "Every goal has an initiative".to_string(),
            1 => format!("1 goal has no initiative: {}", gaps[0].name),
            n => format!("{n} goals have no initiative: {}", names(gaps.iter().map(|g| g.name.as_str()), 3)),
        };
        line("Strategy gaps".into(), value, !gaps.is_empty(), self.strategy_gaps.explains, self.strategy_gaps.rule);
        let g = &self.capability_gaps.figure;
        let value = if g.gaps == 0 {
            "No capability is below its target".to_string()
        } else {
            format!("{} of {} closed; {} still open", g.closed, g.gaps, g.open.len())
        };
        let title = format!("Capability gaps closed by {}", month_label(g.by));
        line(title, value, !g.open.is_empty(), self.capability_gaps.explains, self.capability_gaps.rule);
        let top = &self.top_risks.figure;
        let value = if top.is_empty() {
            "No open initiatives".to_string()
        } else {
            top.iter()
                .map(|x| format!("{} ({} × {} = {})", x.name, x.likelihood, x.impact, x.score))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let attention = top.first().is_some_and(|x| x.band >= RiskBand::High);
        line("Top risks".into(), value, attention, self.top_risks.explains, self.top_risks.rule);
        let v = &self.vendors.figure;
        let value = match (v.hhi, v.concentration, &v.top) {
            (Some(hhi), Some(band), Some((name, share))) => {
                let mut text =
                    format!("HHI {} ({}); largest: {name}, {}", thousands(hhi), band.label(), percent(*share));
                if !v.lock_in.is_empty() {
                    let who = names(v.lock_in.iter().map(|(n, _)| n.as_str()), 3);
                    text.push_str(&format!(" — lock-in: {who} above {}", percent(v.threshold.share())));
                }
                text
            }
            _ => "No vendor spend".to_string(),
        };
        let attention = !v.lock_in.is_empty() || v.concentration == Some(Concentration::High);
        line("Vendor concentration".into(), value, attention, self.vendors.explains, self.vendors.rule);
        let over = &self.overloaded.figure;
        let value = if over.is_empty() {
            "None: capacity covers every quarter".to_string()
        } else {
            over.iter()
                .map(|q| {
                    format!("{}: {} FTE needed, {} available", q.label, trimmed(q.demand, 1), trimmed(q.capacity, 1))
                })
                .collect::<Vec<_>>()
                .join("; ")
        };
        line("Overloaded quarters".into(), value, !over.is_empty(), self.overloaded.explains, self.overloaded.rule);
        let l = &self.landscape.figure;
        if l.applications > 0 {
            let value = format!(
                "{} past end of life now, {} in 12 months; {} capabilities with redundant applications; run cost {} a year; {} of {} applications missing data",
                l.past_end_of_life,
                l.past_end_of_life_in_12_months,
                l.redundant_capabilities,
                short_money(l.run_cost_per_year, c),
                l.missing_data,
                l.applications
            );
            let attention = l.past_end_of_life > 0 || l.redundant_capabilities > 0;
            line("Landscape".into(), value, attention, self.landscape.explains, self.landscape.rule);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;
    use crate::domain::demo::demo_roadmap;
    use crate::domain::generate::generate;
    use crate::domain::model::{Risk, Status};

    #[test]
    fn the_landscape_headline_counts_the_demo_problems() {
        let r = demo_roadmap();
        let now = Month::parse("2026-12").unwrap();
        let l = landscape_headline(&r, now);
        assert!(l.applications >= 50);
        assert!(l.past_end_of_life_in_12_months >= l.past_end_of_life);
        assert!(l.redundant_capabilities > 0 && l.missing_data > 0 && l.run_cost_per_year > 0.0);
        let line = summary(&r, LockInThreshold::default(), now).lines().pop().unwrap();
        assert_eq!((line.title.as_str(), line.explains), ("Landscape", Explains::Landscape));
        assert!(line.value.contains("past end of life now"), "{}", line.value);
        // Without applications there is no landscape headline.
        let plain = Roadmap { landscape: Default::default(), ..r };
        assert!(summary(&plain, LockInThreshold::default(), now).lines().iter().all(|l| l.title != "Landscape"));
    }

    #[test]
    fn gaps_closed_by_hand() {
        // a 1 → 3, raised to 3 by A (ends Jun 2027, in the horizon): closed. b 2 → 4, raised to
        // 3 only: open. c 1 → 2: B delivers 2 but ends after the horizon; the cancelled X
        // and the undated U deliver nothing: open. d 3 → 3: no gap. e 4 → 2: no gap.
        let mut a = ini("A", "2026-01..2027-06", (1.0, 0.0, 0.0));
        a.capabilities = caps(&[("a", 3), ("b", 3)]);
        let mut b = ini("B", "2027-06..2028-01", (1.0, 0.0, 0.0));
        b.capabilities = caps(&[("c", 2)]);
        let mut x = ini("X", "2026-01..2026-02", (1.0, 0.0, 0.0));
        x.status = Status::Cancelled;
        x.capabilities = caps(&[("c", 5)]);
        let mut u = ini("U", "", (1.0, 0.0, 0.0));
        u.capabilities = caps(&[("c", 5)]);
        let r = roadmap(
            vec![],
            vec![
                cap("a", None, 1, 3, Risk::Low),
                cap("b", None, 2, 4, Risk::Low),
                cap("c", None, 1, 2, Risk::Low),
                cap("d", None, 3, 3, Risk::Low),
                cap("e", None, 4, 2, Risk::Low),
            ],
            vec![a, b, x, u],
        );
        let g = gaps_closed(&r);
        assert_eq!((g.by, g.gaps, g.closed), (m("2027-12"), 3, 1));
        let open: Vec<_> = g.open.iter().map(|o| (o.id.as_str(), o.reached, o.target)).collect();
        assert_eq!(open, [("b", 3, 4), ("c", 1, 2)]);
    }

    #[test]
    fn the_demo_summary_shows_every_deliberate_problem() {
        let s = summary(&demo_roadmap(), LockInThreshold::default(), Month::parse("2026-12").unwrap());
        let over: Vec<_> = s.spend.figure.iter().filter(|y| y.is_over()).map(|y| y.label.as_str()).collect();
        assert_eq!(over, ["FY27"]);
        assert_eq!(s.alignment.figure.unaligned.iter().map(|u| u.id.as_str()).collect::<Vec<_>>(), ["ini-intranet"]);
        assert_eq!(s.strategy_gaps.figure.iter().map(|g| g.id.as_str()).collect::<Vec<_>>(), ["goal-green"]);
        assert_eq!(s.overloaded.figure.iter().map(|q| q.label.as_str()).collect::<Vec<_>>(), ["2027-Q2"]);
        let (top, share) = s.vendors.figure.top.clone().unwrap();
        assert!(top == "Arcturus Software" && (0.44..0.46).contains(&share));
        assert_eq!(s.vendors.figure.lock_in.len(), 1);
        assert_eq!(s.top_risks.figure[0].id, "ini-erp");
        // Gaps: cap-people-skills has no plan, so it cannot close.
        let g = &s.capability_gaps.figure;
        assert!(
            g.open.iter().any(|o| o.id == "cap-people-skills") && g.closed > 0 && g.closed + g.open.len() == g.gaps
        );
        // Each headline links to the view that explains it.
        assert_eq!(
            [s.spend.explains, s.alignment.explains, s.strategy_gaps.explains, s.capability_gaps.explains],
            [Explains::Finance, Explains::Alignment, Explains::Alignment, Explains::Heatmap]
        );
        assert_eq!(
            [s.top_risks.explains, s.vendors.explains, s.overloaded.explains],
            [Explains::Risk, Explains::Vendors, Explains::Workforce]
        );

        let lines = s.lines();
        let find =
            |title: &str| lines.iter().find(|l| l.title == title).unwrap_or_else(|| panic!("{title}: {lines:#?}"));
        let fy27 = find("Spend FY27");
        assert!(fy27.attention && fy27.value.contains("capex over by EUR 576k"), "{}", fy27.value);
        assert!(!find("Spend FY26").attention && !find("Spend FY28").attention);
        let alignment = find("Alignment share");
        assert!(alignment.value.contains("EUR 210k serves none (Intranet redesign)"), "{}", alignment.value);
        assert_eq!(find("Strategy gaps").value, "1 goal has no initiative: Cut CO₂ per shipment");
        let vendors = find("Vendor concentration");
        assert!(
            vendors.attention && vendors.value.contains("lock-in: Arcturus Software above 40%"),
            "{}",
            vendors.value
        );
        assert_eq!(find("Overloaded quarters").value, "2027-Q2: 42.7 FTE needed, 41 available");
        assert!(find("Top risks").value.starts_with("ERP upgrade to the cloud edition (4 × 5 = 20)"));
        assert!(find("Capability gaps closed by Dec 2028").attention);
        assert!(find("Landscape").attention, "the demo has applications past end of life");
        assert_eq!(lines.len(), 3 + 7);
        assert!(lines.iter().all(|l| !l.rule.is_empty() && !l.value.is_empty()));
    }

    #[test]
    fn an_empty_roadmap_has_a_calm_summary() {
        let s = summary(&roadmap(vec![], vec![], vec![]), LockInThreshold::default(), Month::parse("2026-12").unwrap());
        let lines = s.lines();
        let values: Vec<_> = lines.iter().map(|l| (l.title.as_str(), l.value.as_str(), l.attention)).collect();
        assert_eq!(
            values,
            [
                ("Spend FY26", "EUR 0 — no budget set", false),
                ("Spend FY27", "EUR 0 — no budget set", false),
                ("Alignment share", "Nothing is planned yet", false),
                ("Strategy gaps", "Every goal has an initiative", false),
                ("Capability gaps closed by Dec 2027", "No capability is below its target", false),
                ("Top risks", "No open initiatives", false),
                ("Vendor concentration", "No vendor spend", false),
                ("Overloaded quarters", "None: capacity covers every quarter", false),
            ]
        );
    }

    #[test]
    fn small_helpers() {
        let list = ["a", "b", "c", "d", "e"];
        assert_eq!(names(list.iter().copied(), 3), "a, b, c, and 2 more");
        assert_eq!(names(list[..2].iter().copied(), 3), "a, b");
    }

    #[test]
    fn the_whole_summary_of_2000_initiatives_is_cheap() {
        // Reported, never asserted: run with --nocapture to see it.
        let r = generate(42, 2000);
        let start = std::time::Instant::now();
        let s = summary(&r, LockInThreshold::default(), Month::parse("2026-12").unwrap());
        let a = alignment::alignment(&r);
        let f = finance::finance(&r);
        let k = risk::risk(&r);
        let elapsed = start.elapsed();
        println!(
            "summary + alignment + finance + risk for {} initiatives, {} capabilities, {} goals: {elapsed:?}",
            r.initiatives.len(),
            r.capabilities.len(),
            r.goals.len()
        );
        assert_eq!(a.initiatives.len(), 2000);
        assert!(!s.lines().is_empty() && !f.years.is_empty() && k.matrix.total() > 0);
    }
}
