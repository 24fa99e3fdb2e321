//! The executive summary: the headline figures on one screen and one printed landscape page,
//! each with its marker when it needs attention, how it is computed, and a link to the view
//! that explains it.

use super::{explains_href, Figures};
use crate::domain::format::{day_label, month_label, trimmed};
use crate::domain::portfolio::finance::FinanceYear;
use crate::domain::portfolio::risk::RiskItem;
use crate::domain::portfolio::summary::{GapsClosed, Line};
use crate::domain::portfolio::workforce::QuarterLoad;
use crate::domain::portfolio::Explains;
use crate::state::App;
use crate::ui::card::Attention;
use leptos::prelude::*;

/// Headlines shown together: consecutive lines explained by the same rule (the spend of
/// each fiscal year) make one card.
#[derive(Clone, PartialEq)]
struct Group {
    heading: String,
    explains: Explains,
    rule: &'static str,
    lines: Vec<Line>,
}

impl Group {
    fn attention(&self) -> bool {
        self.lines.iter().any(|l| l.attention)
    }
}

fn groups(lines: Vec<Line>) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    for line in lines {
        match out.last_mut() {
            Some(g) if g.rule == line.rule && g.explains == line.explains => g.lines.push(line),
            _ => out.push(Group {
                heading: line.title.clone(),
                explains: line.explains,
                rule: line.rule,
                lines: vec![line],
            }),
        }
    }
    for g in &mut out {
        if g.lines.len() > 1 && g.explains == Explains::Finance {
            g.heading = "Spend per fiscal year against budget".into();
        }
    }
    out
}

/// Overloaded quarters listed on the summary; the rest are counted.
const OVERLOADS_SHOWN: usize = 4;

fn today() -> String {
    let d = js_sys::Date::new_0();
    day_label(d.get_date(), d.get_month() as u8 % 12 + 1, d.get_full_year() as i32)
}

#[component]
pub fn SummarySection() -> impl IntoView {
    let app = crate::ui::context::<App>();
    let f = crate::ui::context::<Figures>();
    let cards = Memo::new(move |_| f.summary.with(|s| groups(s.lines())));
    let top_risks = Memo::new(move |_| f.summary.with(|s| s.top_risks.figure.clone()));
    let years = Memo::new(move |_| f.summary.with(|s| s.spend.figure.clone()));
    let gaps = Memo::new(move |_| f.summary.with(|s| s.capability_gaps.figure.clone()));
    let overloaded = Memo::new(move |_| f.summary.with(|s| s.overloaded.figure.clone()));
    let context = move || {
        f.summary.with(|s| {
            let currency = if s.currency.trim().is_empty() {
                String::new()
            } else {
                format!(" · amounts in {}", s.currency.trim())
            };
            format!(
                "Horizon {} – {}{currency} · as of {}",
                month_label(s.horizon.start),
                month_label(s.horizon.end),
                today()
            )
        })
    };
    let attention = move || cards.with(|c| c.iter().filter(|g| g.attention()).count());
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <section class="pf-summary" aria-labelledby="pf-summary-title">
            <div class="pf-summary-head">
                <div>
                    <p class="pf-kicker">"Executive summary"</p>
                    <h3 id="pf-summary-title" class="pf-summary-title">{move || app.roadmap.with(|r| r.name.clone())}</h3>
                    <p class="muted pf-summary-context">{context}</p>
                </div>
                <div class="pf-summary-actions">
                    <p class="pf-summary-count">{move || match attention() {
                        0 => "Nothing needs attention".to_string(),
                        1 => "1 headline needs attention".to_string(),
                        n => format!("{n} headlines need attention"),
                    }}</p>
                    <button type="button" class="primary" on:click=print>"Print"</button>
                </div>
            </div>
            <ul class="pf-headlines" aria-label="Headline figures">
                {move || cards.get().into_iter().map(|g| view! { <Headline group=g top_risks years gaps overloaded/> }).collect_view()}
            </ul>
        </section>
    }
}

/// Spend against the envelope as a bar (the budget a mark), all years on one scale.
fn spend_meter(years: &[FinanceYear], label: &str) -> Option<AnyView> {
    let y = years.iter().find(|y| label.ends_with(&y.label))?;
    let top = years.iter().map(|y| y.spend().max(y.budget())).fold(0.0, f64::max);
    if top <= 0.0 {
        return None;
    }
    let pct = |x: f64| (x / top * 100.0).clamp(0.0, 100.0);
    Some(
        view! {
            <span class="pf-share-track pf-meter" aria-hidden="true">
                <span class="pf-share-bar" class:pf-share-over=y.is_over() style=format!("width:{:.2}%", pct(y.spend()))></span>
                {y.has_envelope.then(|| view! { <span class="pf-share-limit" style=format!("left:{:.2}%", pct(y.budget()))></span> })}
            </span>
        }
        .into_any(),
    )
}

/// Gaps closed out of all gaps, as a bar.
fn gaps_meter(g: &GapsClosed) -> Option<AnyView> {
    (g.gaps > 0).then(|| {
        view! {
            <span class="pf-share-track pf-progress" aria-hidden="true">
                <span class="pf-share-bar pf-closed" style=format!("width:{:.2}%", g.closed as f64 / g.gaps as f64 * 100.0)></span>
            </span>
        }
        .into_any()
    })
}

#[component]
fn Headline(
    group: Group,
    top_risks: Memo<Vec<RiskItem>>,
    years: Memo<Vec<FinanceYear>>,
    gaps: Memo<GapsClosed>,
    overloaded: Memo<Vec<QuarterLoad>>,
) -> impl IntoView {
    let attention = group.attention();
    let link_label = format!("See {} for {}", group.explains.label(), group.heading);
    let several = group.lines.len() > 1;
    let value = if several {
        view! {
            <ul class="pf-headline-rows">
                {group.lines.iter().map(|l| view! {
                    <li class:pf-row-attention=l.attention>
                        <span class="pf-row-title">
                            {l.attention.then(|| view! { <span class="pf-row-mark" aria-hidden="true">"⚠ "</span> })}
                            // The card's heading says "Spend per fiscal year": the row names the year.
                            {l.title.strip_prefix("Spend ").unwrap_or(&l.title).to_string()}
                            {l.attention.then(|| view! { <span class="visually-hidden">" (needs attention)"</span> })}
                        </span>
                        <span class="pf-row-value">{l.value.clone()}</span>
                        {years.with_untracked(|y| spend_meter(y, &l.title))}
                    </li>
                }).collect_view()}
            </ul>
        }
        .into_any()
    } else if group.explains == Explains::Risk && !top_risks.with_untracked(Vec::is_empty) {
        // The top risks read better as a list than as one sentence.
        view! {
            <ol class="pf-headline-list">
                {top_risks.get_untracked().into_iter().map(|x| view! {
                    <li>{x.name}<span class="muted">{format!(" — {} × {} = {}, {}", x.likelihood, x.impact, x.score, x.band.label().to_lowercase())}</span></li>
                }).collect_view()}
            </ol>
        }
        .into_any()
    } else if group.explains == Explains::Workforce && overloaded.with_untracked(|o| o.len() > 1) {
        // Several overloaded quarters: one a line, the first few.
        let all = overloaded.get_untracked();
        let more = all.len().saturating_sub(OVERLOADS_SHOWN);
        view! {
            <ul class="pf-headline-list pf-plain">
                {all.into_iter().take(OVERLOADS_SHOWN).map(|q| view! {
                    <li><strong>{q.label}</strong>{format!(": {} FTE needed, {} available", trimmed(q.demand, 1), trimmed(q.capacity, 1))}</li>
                }).collect_view()}
                {(more > 0).then(|| view! { <li class="muted">{format!("and {more} more quarters")}</li> })}
            </ul>
        }
        .into_any()
    } else if group.explains == Explains::Heatmap {
        let text = group.lines.first().map(|l| l.value.clone()).unwrap_or_default();
        let open: Vec<String> = gaps.with_untracked(|g| {
            g.open.iter().take(4).map(|o| format!("{} ({} of {})", o.name, o.reached, o.target)).collect()
        });
        let more = gaps.with_untracked(|g| g.open.len().saturating_sub(4));
        view! {
            <p class="pf-headline-value">{text}</p>
            {gaps.with_untracked(gaps_meter)}
            {(!open.is_empty()).then(|| view! {
                <p class="pf-headline-detail">"Still open: " {open.join(", ")} {(more > 0).then(|| format!(", and {more} more"))}</p>
            })}
        }
        .into_any()
    } else {
        let text = group.lines.first().map(|l| l.value.clone()).unwrap_or_default();
        view! { <p class="pf-headline-value">{text}</p> }.into_any()
    };
    view! {
        <li class="pf-headline" class:pf-needs-attention=attention class:pf-wide=several
            class:pf-tall=group.explains == Explains::Risk>
            <div class="pf-headline-top">
                <h4 class="pf-headline-title">{group.heading.clone()}</h4>
                {if attention {
                    view! { <Attention text="Needs attention"/> }.into_any()
                } else {
                    view! { <span class="pf-ok"><span aria-hidden="true">"✓ "</span>"On track"</span> }.into_any()
                }}
            </div>
            {value}
            <p class="pf-print-rule">{group.rule}</p>
            <div class="pf-headline-foot">
                <details class="pf-how">
                    <summary>"How this is computed"</summary>
                    <p>{group.rule}</p>
                </details>
                <a class="pf-link" href=explains_href(group.explains) aria-label=link_label>{format!("See {} →", group.explains.label())}</a>
            </div>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_roadmap;
    use crate::domain::portfolio::summary::summary;
    use crate::domain::portfolio::vendors::LockInThreshold;

    #[test]
    fn the_years_of_spend_make_one_card_and_every_other_headline_its_own() {
        let lines =
            summary(&demo_roadmap(), LockInThreshold::default(), crate::domain::Month::parse("2026-12").unwrap())
                .lines();
        let cards = groups(lines.clone());
        let headings: Vec<&str> = cards.iter().map(|g| g.heading.as_str()).collect();
        assert_eq!(
            headings,
            [
                "Spend per fiscal year against budget",
                "Alignment share",
                "Strategy gaps",
                "Capability gaps closed by Dec 2028",
                "Top risks",
                "Vendor concentration",
                "Overloaded quarters",
                "Landscape",
            ]
        );
        assert_eq!(cards[0].lines.len(), 3);
        assert_eq!(cards.iter().map(|g| g.lines.len()).sum::<usize>(), lines.len(), "no line lost");
        assert!(cards.iter().all(Group::attention), "the demo has a problem in every headline");
    }

    #[test]
    fn a_single_year_stays_a_card_of_its_own_name() {
        let mut r = demo_roadmap();
        r.horizon.end = crate::domain::Month { year: 2026, month: 12 };
        let cards =
            groups(summary(&r, LockInThreshold::default(), crate::domain::Month::parse("2026-12").unwrap()).lines());
        assert_eq!(cards[0].heading, "Spend FY26");
        assert_eq!(cards[0].lines.len(), 1);
    }
}
