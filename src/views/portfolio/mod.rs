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

use crate::domain::portfolio::alignment::Alignment;
use crate::domain::portfolio::finance::Finance;
use crate::domain::portfolio::risk::RiskReport;
use crate::domain::portfolio::summary::Summary;
use crate::domain::portfolio::vendors::{LockInThreshold, Vendors};
use crate::domain::portfolio::workforce::Workforce;
use crate::domain::portfolio::{self, Explains};
use crate::route::{LandscapeTab, PortfolioSection, Route};
use crate::state::App;
use crate::ui::lazy::{split_point, Lazy};
use crate::ui::tabs::{Tab, TabBar};
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
                Arc::new(app.roadmap.with(|r| portfolio::summary::summary(r, threshold.get(), crate::ui::today())))
            }),
            currency: Memo::new(move |_| app.roadmap.with(|r| r.currency.trim().to_string())),
        }
    }
}

/// Where a headline is explained: a portfolio section, or the heatmap or timeline (the
/// domain names the view; the address is the router's).
pub fn explains_href(e: Explains) -> String {
    match e {
        Explains::Alignment => PortfolioSection::Alignment.href(),
        Explains::Finance => PortfolioSection::Finance.href(),
        Explains::Vendors => PortfolioSection::Vendors.href(),
        Explains::Risk => PortfolioSection::Risk.href(),
        Explains::Workforce => PortfolioSection::Workforce.href(),
        Explains::Heatmap => Route::Heatmap.href(),
        Explains::Timeline => Route::Timeline.href(),
        Explains::Landscape => Route::Landscape(LandscapeTab::Map).href(),
    }
}

#[component]
pub fn Portfolio() -> impl IntoView {
    let app = crate::ui::context::<App>();
    let route = crate::ui::context::<RwSignal<Route>>();
    let section = Memo::new(move |_| match route.get() {
        Route::Portfolio(s) => s,
        _ => PortfolioSection::Summary,
    });
    provide_context(Figures::new(app));
    view! {
        <section class="view portfolio" aria-labelledby="view-title">
            <div class="view-head pf-head">
                <h2 id="view-title">"Portfolio"</h2>
                <TabBar label="Portfolio sections" class="pf-nav" tabs=PortfolioSection::ALL.into_iter().map(|s| {
                    Tab::new(s.title(), s.href(), Signal::derive(move || section.get() == s))
                }).collect()/>
            </div>
            {move || match section.get() {
                PortfolioSection::Summary => view! { <Lazy what="the summary" class="lazy-section" load=summary_section::load view=Box::new(summary_section::view)/> },
                PortfolioSection::Alignment => view! { <Lazy what="the alignment section" class="lazy-section" load=alignment_section::load view=Box::new(alignment_section::view)/> },
                PortfolioSection::Finance => view! { <Lazy what="the finance section" class="lazy-section" load=finance_section::load view=Box::new(finance_section::view)/> },
                PortfolioSection::Vendors => view! { <Lazy what="the vendors section" class="lazy-section" load=vendors_section::load view=Box::new(vendors_section::view)/> },
                PortfolioSection::Risk => view! { <Lazy what="the risk section" class="lazy-section" load=risk_section::load view=Box::new(risk_section::view)/> },
                PortfolioSection::Workforce => view! { <Lazy what="the workforce section" class="lazy-section" load=workforce_section::load view=Box::new(workforce_section::view)/> },
            }}
        </section>
    }
}

// Each section is its own chunk, loaded on first use (ui::lazy).
split_point!(
    portfolio_summary,
    fn summary_section() {
        view! { <summary::SummarySection/> }.into_any()
    }
);
split_point!(
    portfolio_alignment,
    fn alignment_section() {
        view! { <alignment::AlignmentSection/> }.into_any()
    }
);
split_point!(
    portfolio_finance,
    fn finance_section() {
        view! { <finance::FinanceSection/> }.into_any()
    }
);
split_point!(
    portfolio_vendors,
    fn vendors_section() {
        view! { <vendors::VendorsSection/> }.into_any()
    }
);
split_point!(
    portfolio_risk,
    fn risk_section() {
        view! { <risk::RiskSection/> }.into_any()
    }
);
split_point!(
    portfolio_workforce,
    fn workforce_section() {
        view! { <workforce::WorkforceSection/> }.into_any()
    }
);

/// "Capex (EUR)".
fn with_currency(label: &str, currency: &str) -> String {
    if currency.is_empty() {
        label.to_string()
    } else {
        format!("{label} ({currency})")
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
                Explains::Heatmap => assert_eq!(route, Route::Heatmap),
                Explains::Timeline => assert_eq!(route, Route::Timeline),
                Explains::Landscape => assert_eq!(route, Route::Landscape(LandscapeTab::Map)),
                _ => assert!(
                    matches!(route, Route::Portfolio(s) if s.title() == e.label() && s != PortfolioSection::Summary),
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
