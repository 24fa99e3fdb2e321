//! Workforce: FTE demand per quarter against capacity, the overloaded quarters and the
//! initiatives that make up their demand.

use super::Figures;
use crate::domain::format::{percent, trimmed};
use crate::domain::portfolio::workforce as rules;
use crate::route::Route;
use crate::ui::card::{Attention, Card, Rule};
use leptos::prelude::*;

/// The causes listed one by one; the rest are added up in one row.
const CAUSES_SHOWN: usize = 12;

fn share(part: f64, whole: f64) -> String {
    percent((whole > 0.0).then(|| part / whole))
}

#[component]
pub fn WorkforceSection() -> impl IntoView {
    let f = crate::ui::context::<Figures>();
    let w = f.workforce;
    let over_value = Signal::derive(move || {
        w.with(|w| {
            let over: Vec<String> = w
                .overloaded()
                .map(|q| {
                    format!("{}: {} FTE needed, {} available", q.label, trimmed(q.demand, 1), trimmed(q.capacity, 1))
                })
                .collect();
            if over.is_empty() {
                "None: capacity covers every quarter".to_string()
            } else {
                over.join("; ")
            }
        })
    });
    let peak_value = Signal::derive(move || {
        w.with(|w| {
            w.quarters
                .iter()
                .max_by(|a, b| a.demand.total_cmp(&b.demand))
                .map(|q| format!("{} FTE in {}", trimmed(q.demand, 1), q.label))
                .unwrap_or_else(|| "No quarter in the horizon".to_string())
        })
    });
    // The bars share one scale: the largest demand or capacity of any quarter.
    let scale = Memo::new(move |_| w.with(|w| w.quarters.iter().map(|q| q.demand.max(q.capacity)).fold(0.0, f64::max)));
    view! {
        <div class="pf-section">
            <div class="pf-cards">
                <Card title="Overloaded quarters" value=over_value attention=Signal::derive(move || w.with(|w| w.overloaded().next().is_some()))
                    rule=rules::OVERLOAD_RULE.to_string()/>
                <Card title="Peak demand" value=peak_value attention=false rule=rules::DEMAND_RULE.to_string()>
                    <p class="pf-card-detail">"Capacity is entered per quarter in " <a href=Route::Settings.href()>"Settings"</a> "."</p>
                </Card>
            </div>
            <section class="pf-block" aria-labelledby="pf-fte-title">
                <h3 id="pf-fte-title">"FTE demand per quarter against capacity"</h3>
                <Rule text=rules::DEMAND_RULE.to_string()/>
                <div class="table-scroll">
                    <table class="data-table pf-fte">
                        <caption class="visually-hidden">"FTE demand and capacity per quarter"</caption>
                        <thead><tr>
                            <th scope="col">"Quarter"</th>
                            <th scope="col" class="num">"Demand (FTE)"</th>
                            <th scope="col" class="num">"Capacity (FTE)"</th>
                            <th scope="col" class="num">"Load"</th>
                            <th scope="col" class="pf-bar-col">"Demand against capacity"</th>
                            <th scope="col">"Status"</th>
                        </tr></thead>
                        <tbody>
                            {move || {
                                let top = scale.get();
                                w.with(|w| w.quarters.iter().map(|q| {
                                    let pct = |x: f64| if top > 0.0 { (x / top * 100.0).clamp(0.0, 100.0) } else { 0.0 };
                                    let status = if q.over {
                                        view! { <Attention text={format!("Overloaded by {} FTE", trimmed(q.excess, 1))}/> }.into_any()
                                    } else if q.capacity == 0.0 && q.demand == 0.0 {
                                        view! { <span class="muted">"No demand"</span> }.into_any()
                                    } else {
                                        view! { <span>"Within capacity"</span> }.into_any()
                                    };
                                    view! { <tr class:pf-row-over=q.over>
                                        <th scope="row">{q.label.clone()}</th>
                                        <td class="num">{trimmed(q.demand, 1)}</td>
                                        <td class="num">{trimmed(q.capacity, 1)}</td>
                                        <td class="num">{percent(q.load())}</td>
                                        <td class="pf-bar-col" aria-hidden="true">
                                            <div class="pf-share-track">
                                                <div class="pf-share-bar" class:pf-share-over=q.over style=format!("width:{:.2}%", pct(q.demand))></div>
                                                <div class="pf-share-limit" style=format!("left:{:.2}%", pct(q.capacity))></div>
                                            </div>
                                        </td>
                                        <td>{status}</td>
                                    </tr> }
                                }).collect_view())
                            }}
                        </tbody>
                    </table>
                </div>
                <p class="pf-note">"The bar is the demand; the dark mark is the capacity."</p>
            </section>
            <Show when=move || w.with(|w| w.overloaded().next().is_some())>
                <section class="pf-block" aria-labelledby="pf-causes-title">
                    <h3 id="pf-causes-title">"What overloads each quarter"</h3>
                    <Rule text=rules::OVERLOAD_RULE.to_string()/>
                    {move || w.with(|w| w.overloaded().enumerate().map(|(n, q)| view! {
                        <details class="pf-causes" open=n == 0>
                            <summary>{format!("{}: {} FTE needed, {} available ({} over)", q.label, trimmed(q.demand, 1), trimmed(q.capacity, 1), trimmed(q.excess, 1))}</summary>
                            <div class="table-scroll">
                                <table class="data-table compact">
                                    <caption class="visually-hidden">{format!("Initiatives needing people in {}", q.label)}</caption>
                                    <thead><tr>
                                        <th scope="col">"Initiative"</th>
                                        <th scope="col" class="num">"FTE in the quarter"</th>
                                        <th scope="col" class="num">"Share of the demand"</th>
                                    </tr></thead>
                                    <tbody>
                                        {q.causes.iter().take(CAUSES_SHOWN).map(|c| view! { <tr>
                                            <th scope="row">{c.name.clone()}</th>
                                            <td class="num">{trimmed(c.fte, 1)}</td>
                                            <td class="num">{share(c.fte, q.demand)}</td>
                                        </tr> }).collect_view()}
                                        {(q.causes.len() > CAUSES_SHOWN).then(|| {
                                            let rest = &q.causes[CAUSES_SHOWN..];
                                            let sum: f64 = rest.iter().map(|c| c.fte).sum();
                                            view! { <tr>
                                                <th scope="row">{format!("{} more initiatives", rest.len())}</th>
                                                <td class="num">{trimmed(sum, 1)}</td>
                                                <td class="num">{share(sum, q.demand)}</td>
                                            </tr> }
                                        })}
                                    </tbody>
                                </table>
                            </div>
                        </details>
                    }).collect_view())}
                </section>
            </Show>
        </div>
    }
}
