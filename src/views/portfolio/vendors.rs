//! Vendors: spend and initiatives per vendor, each vendor's share, the Herfindahl–Hirschman
//! index with its band in words, and the lock-in warning above the threshold set in Settings.

use super::{with_currency, Figures};
use crate::domain::format::{percent_to, short_money, thousands};
use crate::domain::portfolio::vendors as rules;
use crate::route::Route;
use crate::ui::card::{Attention, Card, Rule};
use leptos::prelude::*;

#[component]
pub fn VendorsSection() -> impl IntoView {
    let f = crate::ui::context::<Figures>();
    let v = f.vendors;
    let c = f.currency;
    let threshold_exact = move || v.with(|v| format!("{}", (v.threshold.percent() * 1e6).round() / 1e6));
    let hhi_value = Signal::derive(move || {
        v.with(|v| match (v.hhi, v.concentration) {
            (Some(h), Some(band)) => format!("{} — {} ({})", thousands(h), band.label(), band.range()),
            _ => "No vendor spend".to_string(),
        })
    });
    let lock_value = Signal::derive(move || {
        v.with(|v| {
            let locked: Vec<String> = v
                .lock_in()
                .map(|x| format!("{} takes {} of the vendor spend", x.name, percent_to(x.share, 1)))
                .collect();
            if locked.is_empty() {
                "No vendor is above the threshold".to_string()
            } else {
                locked.join("; ")
            }
        })
    });
    let top_value = Signal::derive(move || {
        v.with(|v| match v.top() {
            Some(t) => format!("{}: {} ({})", t.name, percent_to(t.share, 1), short_money(t.spend, &c.get())),
            None => "No vendor spend".to_string(),
        })
    });
    view! {
        <div class="pf-section">
            <div class="pf-cards">
                <Card title="Lock-in" value=lock_value attention=Signal::derive(move || v.with(|v| v.lock_in().next().is_some()))
                    rule=rules::LOCK_IN_RULE.to_string()>
                    <p class="pf-card-detail">
                        {move || format!("Threshold: {}% of the vendor spend. ", threshold_exact())}
                        <a href=Route::Settings.href()>"Change it in Settings"</a>
                    </p>
                </Card>
                <Card title="Vendor concentration (HHI)" value=hhi_value
                    attention=Signal::derive(move || v.with(|v| v.concentration == Some(rules::Concentration::High)))
                    rule=rules::HHI_RULE.to_string()/>
                <Card title="Largest vendor" value=top_value attention=false rule=rules::SHARE_RULE.to_string()>
                    <p class="pf-card-detail">{move || v.with(|v| format!(
                        "Vendor spend in the horizon: {}; in-house (no vendor named): {}.",
                        short_money(v.total, &c.get()), short_money(v.in_house, &c.get())
                    ))}</p>
                </Card>
            </div>
            <section class="pf-block" aria-labelledby="pf-vendors-title">
                <h3 id="pf-vendors-title">"Spend per vendor"</h3>
                <Rule text=rules::SPEND_RULE.to_string()/>
                <div class="table-scroll">
                    <table class="data-table pf-vendors">
                        <caption class="visually-hidden">"Spend, share and initiatives per vendor"</caption>
                        <thead><tr>
                            <th scope="col">"Vendor"</th>
                            <th scope="col" class="num">{move || with_currency("Spend in the horizon", &c.get())}</th>
                            <th scope="col" class="num">"Share"</th>
                            <th scope="col" class="pf-bar-col"><span class="visually-hidden">"Share as a bar"</span></th>
                            <th scope="col" class="num">"Initiatives"</th>
                            <th scope="col">"Lock-in"</th>
                        </tr></thead>
                        <tbody>
                            {move || v.with(|v| {
                                let limit = v.threshold.share();
                                v.vendors.iter().map(|x| {
                                    let mut names: Vec<String> = x.initiatives.iter().take(5).map(|i| i.name.clone()).collect();
                                    if x.initiatives.len() > 5 { names.push(format!("and {} more", x.initiatives.len() - 5)); }
                                    view! { <tr class:pf-row-over=x.lock_in>
                                        <th scope="row">
                                            <span class="pf-ini-name">{x.name.clone()}</span>
                                            <span class="pf-ini-detail">{names.join(", ")}</span>
                                        </th>
                                        <td class="num">{thousands(x.spend)}</td>
                                        <td class="num"><strong>{percent_to(x.share, 1)}</strong></td>
                                        <td class="pf-bar-col" aria-hidden="true">
                                            <div class="pf-share-track">
                                                <div class="pf-share-bar" class:pf-share-over=x.lock_in style=format!("width:{:.2}%", x.share * 100.0)></div>
                                                <div class="pf-share-limit" style=format!("left:{:.2}%", limit * 100.0)></div>
                                            </div>
                                        </td>
                                        <td class="num">{x.initiatives.len()}</td>
                                        <td>{if x.lock_in {
                                            view! { <Attention text={format!("Lock-in risk: above {}%", (limit * 100.0 * 1e6).round() / 1e6)}/> }.into_any()
                                        } else {
                                            view! { <span class="muted">"—"</span> }.into_any()
                                        }}</td>
                                    </tr> }
                                }).collect_view()
                            })}
                        </tbody>
                    </table>
                </div>
                <p class="pf-note">"The bar shows each vendor's share; the dark mark is the lock-in threshold."</p>
            </section>
        </div>
    }
}
