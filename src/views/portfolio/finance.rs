//! Finance: capex and opex per fiscal year against the envelope (a plotters chart on a
//! canvas, the same figures as a table, SVG and PNG slides), the total cost of ownership of
//! each initiative and of the portfolio over 3 and 5 years, and the run-cost growth.

use super::{with_currency, Figures};
use crate::charts::portfolio::{draw_finance, finance_described, finance_slide_svg};
use crate::charts::Backend;
use crate::domain::format::{percent, short_money, signed, thousands};
use crate::domain::portfolio::finance::{self as rules, FinanceYear, InitiativeTco};
use crate::layout::portfolio::{finance_chart, FinanceOptions};
use crate::state::App;
use crate::ui::card::{Attention, Card, Rule};
use crate::ui::export::ExportButtons;
use crate::ui::list::{cmp_f64, sort_rows, Sort, SortHeader};
use crate::ui::list::{page_of, Pager};
use crate::ui::size::use_element_size;
use leptos::html;
use leptos::prelude::*;

/// Height of the chart on the page, in CSS pixels.
const CHART_HEIGHT: f64 = 330.0;

fn over_text(y: &FinanceYear, currency: &str) -> String {
    let parts: Vec<String> = [(y.over_capex, "capex"), (y.over_opex, "opex")]
        .iter()
        .filter(|(x, _)| *x > 0.0)
        .map(|(x, what)| format!("{what} over by {}", short_money(*x, currency)))
        .collect();
    parts.join(", ")
}

#[component]
pub fn FinanceSection() -> impl IntoView {
    let f = crate::ui::context::<Figures>();
    let fin = f.finance;
    let c = f.currency;
    let over_value = Signal::derive(move || {
        fin.with(|x| {
            let over: Vec<String> =
                x.over_years().map(|y| format!("{}: {}", y.label, over_text(y, &c.get()))).collect();
            if over.is_empty() {
                "No fiscal year is over budget".to_string()
            } else {
                over.join("; ")
            }
        })
    });
    let tco_value = Signal::derive(move || {
        fin.with(|x| {
            format!(
                "{} over 3 years · {} over 5 years",
                short_money(x.tco.total[0], &c.get()),
                short_money(x.tco.total[1], &c.get())
            )
        })
    });
    let growth_value = Signal::derive(move || {
        fin.with(|x| match (x.run_growth.first(), x.run_growth.last()) {
            (Some(first), Some(last)) => format!(
                "{} a year by the end of {}, from {} at the start of {}",
                short_money(last.rate_at_end, &c.get()),
                last.label,
                short_money(first.rate_at_start, &c.get()),
                first.label
            ),
            _ => "No fiscal year in the horizon".to_string(),
        })
    });
    view! {
        <div class="pf-section">
            <div class="pf-cards">
                <Card title="Over budget" value=over_value attention=Signal::derive(move || fin.with(|x| x.over_years().next().is_some()))
                    rule=rules::OVER_RULE.to_string()/>
                <Card title="Total cost of ownership (portfolio)" value=tco_value attention=false rule=rules::TCO_RULE.to_string()/>
                <Card title="Run-cost growth (keep the lights on)" value=growth_value attention=false rule=rules::RUN_GROWTH_RULE.to_string()/>
            </div>
            <SpendChart/>
            <YearTable/>
            <TcoTable/>
            <RunGrowthTable/>
            <RetirementSavingsTable/>
        </div>
    }
}

#[component]
fn SpendChart() -> impl IntoView {
    let app = crate::ui::context::<App>();
    let f = crate::ui::context::<Figures>();
    let container = NodeRef::<html::Div>::new();
    let size = use_element_size(container);
    let width = Memo::new(move |_| match size.get().0 {
        w if w > 0.0 => w,
        _ => 900.0,
    });
    let years = Memo::new(move |_| f.finance.with(|x| x.years.clone()));
    let chart = Memo::new(move |_| {
        years.with(|y| {
            finance_chart(
                y,
                &FinanceOptions { width: width.get().clamp(320.0, 2400.0), height: CHART_HEIGHT, font_px: 13.0 },
            )
        })
    });
    let canvas = NodeRef::<html::Canvas>::new();
    Effect::new(move |_| {
        let Some(el) = canvas.get() else { return };
        chart.with(|c| {
            crate::ui::canvas::paint(&el, c.width, c.height, |root, ratio| {
                draw_finance(root, c, ratio, Backend::Canvas)
            })
        });
    });
    let described = move || years.with(|y| finance_described(y, &f.currency.get()).join(". "));
    let slide = move || {
        let (name, years) = (app.roadmap.with_untracked(|r| r.name.clone()), years.get_untracked());
        let text = finance_slide_svg(
            &years,
            &f.currency.get_untracked(),
            &name,
            "Capex and opex per fiscal year against the envelope",
        );
        (format!("{}-finance", crate::download::file_stem(&name)), text)
    };
    view! {
        <section class="pf-block" aria-labelledby="pf-spend-title">
            <div class="pf-block-head">
                <h3 id="pf-spend-title">"Capex and opex per fiscal year against the envelope"</h3>
                <div class="toolbar"><ExportButtons slide/></div>
            </div>
            <Rule text=format!("{} {}", rules::YEAR_RULE, rules::OVER_RULE)/>
            <div class="pf-chart" node_ref=container>
                <canvas node_ref=canvas class="pf-canvas" role="img" aria-label=described></canvas>
            </div>
        </section>
    }
}

#[component]
fn YearTable() -> impl IntoView {
    let f = crate::ui::context::<Figures>();
    let c = f.currency;
    view! {
        <section class="pf-block" aria-labelledby="pf-years-title">
            <h3 id="pf-years-title">"Spend per fiscal year"</h3>
            <div class="table-scroll">
                <table class="data-table pf-years">
                    <caption class="visually-hidden">"Capex and opex per fiscal year against the envelope"</caption>
                    <thead><tr>
                        <th scope="col">"Fiscal year"</th>
                        <th scope="col" class="num">{move || with_currency("Capex", &c.get())}</th>
                        <th scope="col" class="num">"Capex envelope"</th>
                        <th scope="col" class="num">"Project opex"</th>
                        <th scope="col" class="num">"Run cost"</th>
                        <th scope="col" class="num">"Opex total"</th>
                        <th scope="col" class="num">"Opex envelope"</th>
                        <th scope="col" class="num">"Total spend"</th>
                        <th scope="col">"Against the envelope"</th>
                    </tr></thead>
                    <tbody>
                        {move || f.finance.with(|x| x.years.iter().map(|y| {
                            let status = if y.is_over() {
                                view! { <Attention text={format!("Over budget: {}", over_text(y, &c.get()))}/> }.into_any()
                            } else if !y.has_envelope {
                                view! { <span class="muted">"No budget set"</span> }.into_any()
                            } else {
                                let used = y.used().map(|u| format!(" · {} used", percent(u))).unwrap_or_default();
                                view! { <span>{format!("Within budget{used}")}</span> }.into_any()
                            };
                            let envelope = |v: f64| if y.has_envelope { thousands(v) } else { "—".into() };
                            view! { <tr class:pf-row-over=y.is_over()>
                                <th scope="row">{y.label.clone()}</th>
                                <td class="num" class:pf-over-cell={y.over_capex > 0.0}>{thousands(y.capex)}</td>
                                <td class="num">{envelope(y.budget_capex)}</td>
                                <td class="num">{thousands(y.project_opex)}</td>
                                <td class="num">{thousands(y.run)}</td>
                                <td class="num" class:pf-over-cell={y.over_opex > 0.0}>{thousands(y.opex())}</td>
                                <td class="num">{envelope(y.budget_opex)}</td>
                                <td class="num">{thousands(y.spend())}</td>
                                <td>{status}</td>
                            </tr> }
                        }).collect_view())}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn TcoTable() -> impl IntoView {
    let f = crate::ui::context::<Figures>();
    let c = f.currency;
    let sort = RwSignal::new(None::<Sort>);
    let page = RwSignal::new(0usize);
    let rows = Memo::new(move |_| {
        let mut rows: Vec<InitiativeTco> = f.finance.with(|x| x.tco.initiatives.clone());
        sort_rows(&mut rows, sort.get(), |column, a, b| match column {
            0 => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
            1 => a.start.cmp(&b.start).then(a.end.cmp(&b.end)),
            2 => cmp_f64(a.one_off, b.one_off),
            3 => cmp_f64(a.run_per_year, b.run_per_year),
            4 => cmp_f64(a.tco[0], b.tco[0]),
            _ => cmp_f64(a.tco[1], b.tco[1]),
        });
        rows
    });
    let total = Signal::derive(move || rows.with(Vec::len));
    let page_rows = move || {
        let p = page.get();
        rows.with(|r| page_of(r, p))
    };
    view! {
        <section class="pf-block" aria-labelledby="pf-tco-title">
            <div class="pf-block-head">
                <h3 id="pf-tco-title">"Total cost of ownership per initiative"</h3>
                <Pager page total noun="initiatives" only_when_paged=true/>
            </div>
            <Rule text=rules::TCO_RULE.to_string()/>
            <div class="table-scroll">
                <table class="data-table pf-tco pf-numbers-from-3">
                    <caption class="visually-hidden">"Total cost of ownership over 3 and 5 years"</caption>
                    <thead><tr>
                        <SortHeader label="Initiative" column=0 sort/>
                        <SortHeader label="Dates" column=1 sort/>
                        <SortHeader label="One-off cost" column=2 sort/>
                        <SortHeader label="Run cost per year" column=3 sort/>
                        <SortHeader label="TCO 3 years" column=4 sort/>
                        <SortHeader label="TCO 5 years" column=5 sort/>
                    </tr></thead>
                    <tbody>
                        {move || page_rows().into_iter().map(|t| view! { <tr>
                            <th scope="row">{t.name.clone()}</th>
                            <td class="nowrap">{format!("{} – {}", t.start, t.end)}</td>
                            <td class="num">{thousands(t.one_off)}</td>
                            <td class="num">{thousands(t.run_per_year)}</td>
                            <td class="num">{thousands(t.tco[0])}</td>
                            <td class="num">{thousands(t.tco[1])}</td>
                        </tr> }).collect_view()}
                    </tbody>
                    <tfoot><tr>
                        <th scope="row" colspan="4">{move || with_currency("Portfolio total", &c.get())}</th>
                        <td class="num"><strong>{move || f.finance.with(|x| thousands(x.tco.total[0]))}</strong></td>
                        <td class="num"><strong>{move || f.finance.with(|x| thousands(x.tco.total[1]))}</strong></td>
                    </tr></tfoot>
                </table>
            </div>
            {move || f.finance.with(|x| (!x.tco.undated.is_empty()).then(|| {
                let names: Vec<String> = x.tco.undated.iter().map(|u| u.name.clone()).collect();
                let shown = if names.len() > 12 { format!("{}, and {} more", names[..12].join(", "), names.len() - 12) } else { names.join(", ") };
                view! { <p class="pf-note">"No TCO for undated initiatives (no start, no end): " {shown}</p> }
            }))}
        </section>
    }
}

#[component]
fn RunGrowthTable() -> impl IntoView {
    let f = crate::ui::context::<Figures>();
    let c = f.currency;
    view! {
        <section class="pf-block" aria-labelledby="pf-run-title">
            <h3 id="pf-run-title">"Run-cost growth: what the new systems add to the yearly run budget"</h3>
            <Rule text=rules::RUN_GROWTH_RULE.to_string()/>
            <div class="table-scroll">
                <table class="data-table pf-run">
                    <caption class="visually-hidden">"Run-cost growth per fiscal year"</caption>
                    <thead><tr>
                        <th scope="col">"Fiscal year"</th>
                        <th scope="col" class="num">{move || with_currency("Yearly run cost at the start", &c.get())}</th>
                        <th scope="col" class="num">"Added in the year"</th>
                        <th scope="col" class="num">"Yearly run cost at the end"</th>
                        <th scope="col" class="num">"Run cost spent in the year"</th>
                        <th scope="col">"Added by"</th>
                    </tr></thead>
                    <tbody>
                        {move || f.finance.with(|x| x.run_growth.iter().map(|g| {
                            let mut by: Vec<String> = g.added_by.iter().take(4).map(|(i, v)| format!("{} ({})", i.name, short_money(*v, &c.get()))).collect();
                            if g.added_by.len() > 4 { by.push(format!("and {} more", g.added_by.len() - 4)); }
                            view! { <tr>
                                <th scope="row">{g.label.clone()}</th>
                                <td class="num">{thousands(g.rate_at_start)}</td>
                                <td class="num">{signed(g.added.max(0.0), thousands)}</td>
                                <td class="num"><strong>{thousands(g.rate_at_end)}</strong></td>
                                <td class="num">{thousands(g.run_spent)}</td>
                                <td class="pf-added-by">{if by.is_empty() { "—".to_string() } else { by.join(", ") }}</td>
                            </tr> }
                        }).collect_view())}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// What retiring applications saves (the landscape's rule 3), per fiscal year, and which
/// initiatives' retirements save it.
#[component]
fn RetirementSavingsTable() -> impl IntoView {
    let app = crate::ui::context::<App>();
    let f = crate::ui::context::<Figures>();
    let c = f.currency;
    let rows = Memo::new(move |_| {
        app.roadmap.with(|r| {
            let savings = crate::domain::landscape::Analysis::new(r).retirement_savings();
            savings
                .fiscal_years
                .iter()
                .enumerate()
                .map(|(y, &fy)| {
                    let mut by: Vec<(String, f64)> = r
                        .initiatives
                        .iter()
                        .zip(&savings.by_initiative)
                        .filter(|(_, years)| years[y] > 0.0)
                        .map(|(i, years)| (i.name.clone(), years[y]))
                        .collect();
                    by.sort_by(|a, b| cmp_f64(b.1, a.1));
                    (crate::domain::format::fiscal_year_label(fy), savings.by_year[y], by)
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="pf-block" aria-labelledby="pf-savings-title">
            <h3 id="pf-savings-title">"Savings from retiring applications"</h3>
            <Rule text=crate::domain::landscape::cost::SAVINGS_RULE.to_string()/>
            <div class="table-scroll">
                <table class="data-table pf-run">
                    <caption class="visually-hidden">"Run cost saved by retiring applications, per fiscal year"</caption>
                    <thead><tr>
                        <th scope="col">"Fiscal year"</th>
                        <th scope="col" class="num">{move || with_currency("Run cost saved", &c.get())}</th>
                        <th scope="col">"Saved by"</th>
                    </tr></thead>
                    <tbody>
                        {move || rows.get().into_iter().map(|(label, saved, by)| {
                            let mut names: Vec<String> = by.iter().take(4).map(|(n, v)| format!("{n} ({})", short_money(*v, &c.get()))).collect();
                            if by.len() > 4 { names.push(format!("and {} more", by.len() - 4)); }
                            view! { <tr>
                                <th scope="row">{label}</th>
                                <td class="num">{thousands(saved)}</td>
                                <td class="pf-added-by">{if names.is_empty() { "—".to_string() } else { names.join(", ") }}</td>
                            </tr> }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
