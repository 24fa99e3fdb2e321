//! Settings: the roadmap's details (name, currency, fiscal year, horizon), its budget
//! envelope per fiscal year and team capacity per quarter, and the data kept in this browser.

use crate::domain::calendar::Quarter;
use crate::domain::format::{fiscal_year_label, month_name};
use crate::domain::portfolio::vendors::LockInThreshold;
use crate::domain::{Budget, Capacity, Roadmap};
use crate::state::App;
use crate::ui::fields::{commit_with, parse_month, parse_number, parse_whole, Choice, Field, Kind};
use leptos::prelude::*;

/// The fiscal years the horizon touches.
pub fn fiscal_years(r: &Roadmap) -> Vec<i32> {
    let first = r.horizon.start.fiscal_year(r.fiscal_year_start_month);
    let last = r.horizon.end.fiscal_year(r.fiscal_year_start_month);
    (first..=last.max(first)).take(30).collect()
}

/// The calendar quarters the horizon touches.
pub fn quarters(r: &Roadmap) -> Vec<Quarter> {
    let mut q = r.horizon.start.quarter();
    let last = r.horizon.end.quarter();
    let mut out = Vec::new();
    while q <= last && out.len() < 120 {
        out.push(q);
        q = q.next();
    }
    out
}

#[component]
pub fn Settings() -> impl IntoView {
    let app = crate::ui::context::<App>();
    let text = move |f: fn(&Roadmap) -> String| Signal::derive(move || app.roadmap.with(f));
    view! {
        <section class="view settings" aria-labelledby="view-title">
            <h2 id="view-title">"Settings"</h2>
            <div class="card">
                <h3>"Roadmap"</h3>
                <div class="form-grid">
                    <Field label="Name" wide=true value=text(|r| r.name.clone())
                        commit=commit_with(app, |r, t| { r.name = t.trim().to_string(); Ok(()) })/>
                    <Field label="Currency (ISO code)" hint="e.g. EUR, USD, GBP" value=text(|r| r.currency.clone())
                        commit=commit_with(app, |r, t| { r.currency = t.trim().to_uppercase(); Ok(()) })/>
                    <Choice label="Fiscal year starts in" value=text(|r| r.fiscal_year_start_month.to_string())
                        options=(1..=12u8).map(|m| (m.to_string(), month_name(m).to_string())).collect()
                        commit=commit_with(app, |r, t| { r.fiscal_year_start_month = parse_whole("Fiscal year start", &t, 1, 12)?; Ok(()) })/>
                    <Field label="Horizon starts" kind=Kind::Month value=text(|r| r.horizon.start.to_string())
                        commit=commit_with(app, |r, t| { r.horizon.start = parse_month(&t)?.ok_or("The horizon needs a start month")?; Ok(()) })/>
                    <Field label="Horizon ends" kind=Kind::Month value=text(|r| r.horizon.end.to_string())
                        commit=commit_with(app, |r, t| { r.horizon.end = parse_month(&t)?.ok_or("The horizon needs an end month")?; Ok(()) })/>
                </div>
                <Field label="Description" kind=Kind::LongText value=text(|r| r.description.clone())
                    commit=commit_with(app, |r, t| { r.description = t; Ok(()) })/>
                <p class="field-hint">"Fiscal years are named by the calendar year they end in: with an April start, April 2026 – March 2027 is FY27."</p>
            </div>
            <Budgets/>
            <CapacityTable/>
            <PortfolioSettings/>
        </section>
    }
}

#[component]
fn Budgets() -> impl IntoView {
    let app = crate::ui::context::<App>();
    let currency = move || app.roadmap.with(|r| r.currency.clone());
    view! {
        <div class="card">
            <h3>"Budget envelope per fiscal year"</h3>
            <table class="data-table compact">
                <thead><tr><th scope="col">"Fiscal year"</th><th scope="col">"Capex (" {currency} ")"</th><th scope="col">"Opex (" {currency} ")"</th></tr></thead>
                <tbody>
                    {move || app.roadmap.with(fiscal_years).into_iter().map(|fy| {
                        let value = move |capex: bool| Signal::derive(move || app.roadmap.with(|r| {
                            r.budgets.iter().find(|b| b.fiscal_year == fy).map(|b| if capex { b.capex } else { b.opex }).unwrap_or(0.0).to_string()
                        }));
                        let commit = move |capex: bool| commit_with(app, move |r, t| {
                            let v = parse_number(if capex { "Capex" } else { "Opex" }, &t)?;
                            let b = match r.budgets.iter().position(|b| b.fiscal_year == fy) {
                                Some(i) => &mut r.budgets[i],
                                None => { r.budgets.push(Budget { fiscal_year: fy, capex: 0.0, opex: 0.0 }); r.budgets.last_mut().unwrap() }
                            };
                            if capex { b.capex = v } else { b.opex = v }
                            r.budgets.sort_by_key(|b| b.fiscal_year);
                            Ok(())
                        });
                        let label = fiscal_year_label(fy);
                        view! {
                            <tr>
                                <th scope="row">{label.clone()}</th>
                                <td><Field label=format!("{label} capex") kind=Kind::Number min="0" step="1000" value=value(true) commit=commit(true)/></td>
                                <td><Field label=format!("{label} opex") kind=Kind::Number min="0" step="1000" value=value(false) commit=commit(false)/></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn CapacityTable() -> impl IntoView {
    let app = crate::ui::context::<App>();
    view! {
        <div class="card">
            <h3>"Team capacity per quarter (FTE)"</h3>
            <div class="capacity-grid">
                {move || app.roadmap.with(quarters).into_iter().map(|q| {
                    let value = Signal::derive(move || app.roadmap.with(|r| {
                        r.capacity.iter().find(|c| c.quarter == q).map(|c| c.fte).unwrap_or(0.0).to_string()
                    }));
                    let commit = commit_with(app, move |r, t| {
                        let v = parse_number("FTE", &t)?;
                        match r.capacity.iter_mut().find(|c| c.quarter == q) {
                            Some(c) => c.fte = v,
                            None => r.capacity.push(Capacity { quarter: q, fte: v }),
                        }
                        r.capacity.sort_by_key(|c| c.quarter);
                        Ok(())
                    });
                    view! { <Field label=format!("{q} FTE") kind=Kind::Number min="0" step="0.5" value commit/> }
                }).collect_view()}
            </div>
        </div>
    }
}

/// The portfolio's settings: the vendor lock-in threshold.
#[component]
fn PortfolioSettings() -> impl IntoView {
    let app = crate::ui::context::<App>();
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
