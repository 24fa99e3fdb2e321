//! Portfolio: the numbers an IT leadership team argues about, computed live from the roadmap
//! — the executive summary, alignment with the goals, finance and TCO, vendors, risk and
//! compliance, and workforce. One section per module, each a deep link
//! (`#/portfolio/finance`); `#/portfolio` opens the summary.
//!
//! The figures come from `domain::portfolio`, each worked out once per change of the roadmap
//! in a memo shared by the sections (and only when a section shown reads it). Every figure
//! carries its "how this is computed" text (the domain's `…_RULE`) beside it.

mod alignment;
mod finance;
mod risk;
mod summary;
mod vendors;
mod workforce;

use crate::domain::format::count;
use crate::domain::portfolio::alignment::Alignment;
use crate::domain::portfolio::finance::Finance;
use crate::domain::portfolio::risk::RiskReport;
use crate::domain::portfolio::summary::Summary;
use crate::domain::portfolio::vendors::{LockInThreshold, Vendors};
use crate::domain::portfolio::workforce::Workforce;
use crate::domain::portfolio::{self, Explains};
use crate::route::{PortfolioSection, Route};
use crate::state::App;
use crate::views::fields::{Field, Kind};
use crate::views::settings::commit_with;
use leptos::html;
use leptos::prelude::*;
use std::sync::Arc;

/// The portfolio's figures, each worked out when first read after a change of the roadmap.
#[derive(Clone, Copy)]
pub struct Figures {
    pub alignment: Memo<Arc<Alignment>>,
    pub finance: Memo<Arc<Finance>>,
    pub vendors: Memo<Arc<Vendors>>,
    pub risk: Memo<Arc<RiskReport>>,
    pub workforce: Memo<Arc<Workforce>>,
    pub summary: Memo<Arc<Summary>>,
    pub currency: Memo<String>,
}

impl Figures {
    fn new(app: App) -> Figures {
        let threshold = Memo::new(move |_| app.roadmap.with(LockInThreshold::of));
        Figures {
            alignment: Memo::new(move |_| Arc::new(app.roadmap.with(portfolio::alignment::alignment))),
            finance: Memo::new(move |_| Arc::new(app.roadmap.with(portfolio::finance::finance))),
            vendors: Memo::new(move |_| {
                Arc::new(app.roadmap.with(|r| portfolio::vendors::vendors(r, threshold.get())))
            }),
            risk: Memo::new(move |_| Arc::new(app.roadmap.with(portfolio::risk::risk))),
            workforce: Memo::new(move |_| Arc::new(app.roadmap.with(portfolio::workforce::workforce))),
            summary: Memo::new(move |_| {
                Arc::new(app.roadmap.with(|r| portfolio::summary::summary(r, threshold.get())))
            }),
            currency: Memo::new(move |_| app.roadmap.with(|r| r.currency.trim().to_string())),
        }
    }
}

/// Where a headline is explained: a portfolio section, or the heatmap or timeline.
pub fn explains_href(e: Explains) -> String {
    match e {
        Explains::Heatmap => crate::route::View::Heatmap.href(),
        Explains::Timeline => crate::route::View::Timeline.href(),
        other => PortfolioSection::ALL
            .into_iter()
            .find(|s| s.slug() == other.key())
            .unwrap_or(PortfolioSection::Summary)
            .href(),
    }
}

#[component]
pub fn Portfolio() -> impl IntoView {
    let app = expect_context::<App>();
    let route = expect_context::<RwSignal<Route>>();
    let section = Memo::new(move |_| match route.get() {
        Route::Portfolio(s) => s,
        _ => PortfolioSection::Summary,
    });
    provide_context(Figures::new(app));
    view! {
        <section class="view portfolio" aria-labelledby="view-title">
            <div class="view-head pf-head">
                <h2 id="view-title">"Portfolio"</h2>
                <nav class="tabs pf-nav" aria-label="Portfolio sections">
                    {PortfolioSection::ALL.into_iter().map(|s| view! {
                        <a href=s.href() aria-current=move || (section.get() == s).then_some("page")>{s.title()}</a>
                    }).collect_view()}
                </nav>
            </div>
            {move || match section.get() {
                PortfolioSection::Summary => view! { <summary::SummarySection/> }.into_any(),
                PortfolioSection::Alignment => view! { <alignment::AlignmentSection/> }.into_any(),
                PortfolioSection::Finance => view! { <finance::FinanceSection/> }.into_any(),
                PortfolioSection::Vendors => view! { <vendors::VendorsSection/> }.into_any(),
                PortfolioSection::Risk => view! { <risk::RiskSection/> }.into_any(),
                PortfolioSection::Workforce => view! { <workforce::WorkforceSection/> }.into_any(),
            }}
        </section>
    }
}

/// "How this is computed", visible beside a figure.
#[component]
fn Rule(#[prop(into)] text: Signal<String>) -> impl IntoView {
    view! { <p class="pf-rule"><span class="pf-rule-lead">"How this is computed: "</span>{move || text.get()}</p> }
}

/// The marker of a figure that needs attention: a symbol and words, never colour alone.
#[component]
fn Attention(#[prop(into)] when: Signal<bool>, #[prop(optional, into)] text: Option<String>) -> impl IntoView {
    let text = text.unwrap_or_else(|| "Needs attention".to_string());
    view! {
        <Show when=move || when.get()>
            <span class="pf-attention"><span aria-hidden="true">"⚠ "</span>{text.clone()}</span>
        </Show>
    }
}

/// A figure card: a title with a marker when it needs attention, the value, details, and
/// how it is computed (a disclosure, so a row of cards stays short).
#[component]
fn Card(
    #[prop(into)] title: String,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] attention: Signal<bool>,
    #[prop(into)] rule: Signal<String>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <article class="pf-card" class:pf-needs-attention=move || attention.get()>
            <div class="pf-card-top">
                <h3 class="pf-card-title">{title}</h3>
                <Attention when=attention/>
            </div>
            <p class="pf-card-value">{move || value.get()}</p>
            {children.map(|c| c())}
            <details class="pf-how">
                <summary>"How this is computed"</summary>
                <p>{move || rule.get()}</p>
            </details>
        </article>
    }
}

/// The width of an element, kept up to date on window resizes (charts follow it).
fn follow_width(node: NodeRef<html::Div>, width: RwSignal<f64>) {
    let measure = move || {
        if let Some(el) = node.get_untracked() {
            let w = el.client_width() as f64;
            if w > 0.0 && (w - width.get_untracked()).abs() > 1.0 {
                width.set(w);
            }
        }
    };
    Effect::new(move |_| {
        if node.get().is_some() {
            request_animation_frame(measure);
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());
}

/// "Capex (EUR)".
fn with_currency(label: &str, currency: &str) -> String {
    if currency.is_empty() {
        label.to_string()
    } else {
        format!("{label} ({currency})")
    }
}

/// Rows shown at a time in long tables (the rest a page away).
const ROWS_PER_PAGE: usize = 50;

/// "Showing 1–50 of 2,000 initiatives" with previous and next buttons; nothing for one page.
#[component]
fn Pages(page: RwSignal<usize>, #[prop(into)] total: Signal<usize>, noun: &'static str) -> impl IntoView {
    let pages = move || total.get().div_ceil(ROWS_PER_PAGE).max(1);
    Effect::new(move |_| {
        if page.get() >= pages() {
            page.set(pages() - 1);
        }
    });
    view! {
        <Show when=move || { pages() > 1 }>
            <div class="pager" role="group" aria-label=format!("Pages of {noun}")>
                <span>{move || {
                    let t = total.get();
                    let from = page.get() * ROWS_PER_PAGE + 1;
                    format!("Showing {}–{} of {} {noun}", from, (from + ROWS_PER_PAGE - 1).min(t), count(t))
                }}</span>
                <button type="button" disabled=move || page.get() == 0 on:click=move |_| page.update(|p| *p = p.saturating_sub(1))>"Previous page"</button>
                <button type="button" disabled=move || { page.get() + 1 >= pages() } on:click=move |_| page.update(|p| *p += 1)>"Next page"</button>
            </div>
        </Show>
    }
}

/// The portfolio's settings, shown in the Settings view: the vendor lock-in threshold.
#[component]
pub fn PortfolioSettings() -> impl IntoView {
    let app = expect_context::<App>();
    let value = Signal::derive(move || app.roadmap.with(|r| r.lock_in_threshold.to_string()));
    view! {
        <div class="card">
            <h3>"Portfolio"</h3>
            <div class="form-grid">
                <Field label="Vendor lock-in threshold (%)" kind=Kind::Number min="1" max="100" step="1" value
                    commit=commit_with(app, |r, t| {
                        // Rounded to a millionth of a percent: 40 stays 40, not 40.00000000000001.
                        r.lock_in_threshold = (LockInThreshold::from_percent(&t)?.percent() * 1e6).round() / 1e6;
                        Ok(())
                    })/>
            </div>
            <p class="field-hint">"A vendor taking more than this share of the vendor spend is flagged for lock-in in Portfolio → Vendors and in the executive summary."</p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_headline_links_to_a_view_that_exists() {
        for e in Explains::ALL {
            let href = explains_href(e);
            let route = Route::parse(&href);
            match e {
                Explains::Heatmap => assert_eq!(route, Route::View(crate::route::View::Heatmap)),
                Explains::Timeline => assert_eq!(route, Route::View(crate::route::View::Timeline)),
                _ => assert!(
                    matches!(route, Route::Portfolio(s) if s.slug() == e.key() && s != PortfolioSection::Summary),
                    "{e:?} → {href}"
                ),
            }
        }
    }

    #[test]
    fn amounts_and_shares_read_as_people_write_them() {
        assert_eq!(with_currency("Capex", "EUR"), "Capex (EUR)");
        assert_eq!(with_currency("Capex", ""), "Capex");
    }
}
