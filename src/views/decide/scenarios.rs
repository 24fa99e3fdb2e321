//! Scenarios: save the roadmap as a named scenario, open one to edit it freely (every view
//! then shows it, the plan stays unchanged), delete one, promote one to be the plan (asked
//! first; the old plan stays as a scenario), and compare two side by side — cost per fiscal
//! year, total value, capability maturity at the end of the horizon as a difference map,
//! initiatives only in one, changed dates and costs (`domain::scenario::compare`).

use super::DecideState;
use crate::charts::heatmap::{difference_legend, difference_text, draw_difference_map};
use crate::domain::format::{change, decimal, fiscal_year_label, money, short_amount, short_money};
use crate::domain::scenario::{compare, Basis, Comparison};
use crate::domain::{Id, Roadmap};
use crate::layout::heatmap::{self as heatmap_layout, Layout};
use crate::state::{App, Level, Topic};
use crate::ui::confirm::{confirmer, Confirmation};
use crate::ui::size::follow_width;
use leptos::html;
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// The roadmap a comparison side names, as in a sentence: "" is the plan, else a scenario.
fn side_name(key: &str) -> String {
    if key.is_empty() {
        "the plan".into()
    } else {
        format!("“{key}”")
    }
}

/// The same, as a column heading.
fn heading(side: &str) -> String {
    match side.strip_prefix("the ") {
        Some(rest) => format!("The {rest}"),
        None => side.to_string(),
    }
}

#[component]
pub fn Scenarios() -> impl IntoView {
    let app = crate::ui::context::<App>();
    let state = crate::ui::context::<DecideState>();
    let name = RwSignal::new(String::new());
    let message = RwSignal::new(None::<Result<String, String>>);
    let save = move || {
        let n = name.get_untracked();
        let roadmap = app.roadmap.get_untracked();
        match app.save_scenario(&n, roadmap) {
            Ok(()) => {
                message
                    .set(Some(Ok(format!("Saved “{}”. Edit it to try changes; the plan stays as it is.", n.trim()))));
                name.set(String::new());
                if state.compare_b.get_untracked().is_empty() {
                    state.compare_b.set(n.trim().to_string());
                }
            }
            Err(e) => message.set(Some(Err(e))),
        }
    };
    view! {
        <div class="decide-scenarios">
            <section class="card" aria-labelledby="save-scenario-title">
                <h3 id="save-scenario-title">{move || if app.editing.with(Option::is_some) { "Save this scenario as a new one" } else { "Save the plan as a scenario" }}</h3>
                <p class="muted">"A scenario is a named copy of the roadmap to try changes on — other dates, budgets, statuses, a different portfolio — without touching the plan."</p>
                <form class="inline-form" on:submit=move |ev| { ev.prevent_default(); save(); }>
                    <input type="text" aria-label="New scenario name" placeholder="Scenario name, e.g. Lean 2027"
                        prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                    <button type="submit" class="primary">"Save as scenario"</button>
                </form>
                {move || message.get().map(|m| match m {
                    Ok(t) => view! { <p role="status">{t}</p> }.into_any(),
                    Err(e) => view! { <p class="field-error" role="alert">{e}</p> }.into_any(),
                })}
            </section>
            <ScenarioList/>
            <Compare/>
        </div>
    }
}

#[component]
fn ScenarioList() -> impl IntoView {
    let app = crate::ui::context::<App>();
    let state = crate::ui::context::<DecideState>();
    let confirm = confirmer();
    let rows = Memo::new(move |_| {
        let plan = app.plan();
        let list = app.scenarios.get();
        list.iter()
            .map(|s| {
                let r = app.scenario_roadmap(&s.name).unwrap_or_else(|| s.roadmap.clone());
                let c = compare(&plan, &r, Basis::Timeline);
                let differences = c.only_in_a.len() + c.only_in_b.len() + c.changed.len();
                (s.name.clone(), r.initiatives.len(), c.value_b - c.value_a, differences)
            })
            .collect::<Vec<_>>()
    });
    let failed = move |e: String| app.notify(Topic::Scenarios, Level::Error, &e, vec![]);
    let promote = move |name: String| {
        let title = format!("Make “{name}” the plan?");
        confirm.set(Some(Confirmation {
            title,
            lines: vec![
                "The plan becomes this scenario, in one step (Undo takes it back).".to_string(),
                format!("The current plan is kept as the scenario “Plan before {name}”."),
            ],
            confirm_label: "Make it the plan".into(),
            on_confirm: Callback::new(move |_| match app.promote_scenario(&name) {
                Ok(()) => {
                    app.notify(
                        Topic::Scenarios,
                        Level::Info,
                        &format!(
                            "“{name}” is now the plan; the old plan is kept as the scenario “Plan before {name}”."
                        ),
                        vec![],
                    );
                    if state.compare_b.get_untracked().eq_ignore_ascii_case(&name) {
                        state.compare_b.set(format!("Plan before {name}"));
                    }
                }
                Err(e) => failed(e),
            }),
        }));
    };
    let delete = move |name: String| {
        confirm.set(Some(Confirmation {
            title: format!("Delete the scenario “{name}”?"),
            lines: vec![
                "It is removed from this browser; Undo does not bring it back. The plan is not affected.".into()
            ],
            confirm_label: "Delete scenario".into(),
            on_confirm: Callback::new(move |_| {
                if let Err(e) = app.delete_scenario(&name) {
                    failed(e);
                }
            }),
        }));
    };
    view! {
        <section class="card" aria-labelledby="scenario-list-title">
            <h3 id="scenario-list-title">"Scenarios of this roadmap"</h3>
            {move || if rows.with(Vec::is_empty) {
                view! { <p class="muted">"No scenarios yet. Save the plan as one above, or save an optimiser result as a scenario."</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="data-table scenario-table">
                            <caption class="visually-hidden">"Scenarios"</caption>
                            <thead><tr>
                                <th scope="col">"Scenario"</th>
                                <th scope="col" class="num">"Initiatives"</th>
                                <th scope="col" class="num">"Value vs the plan"</th>
                                <th scope="col" class="num">"Differences from the plan"</th>
                                <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                            </tr></thead>
                            <tbody>
                                {move || rows.get().into_iter().map(|(name, count, value, differences)| {
                                    let editing = app.editing.with(|e| e.as_deref().is_some_and(|e| e.eq_ignore_ascii_case(&name)));
                                    let (n1, n2, n3, n4) = (name.clone(), name.clone(), name.clone(), name.clone());
                                    view! { <tr class:selected=editing>
                                        <th scope="row">{name.clone()}{editing.then(|| view! { <span class="editing-mark">" (editing)"</span> })}</th>
                                        <td class="num">{count}</td>
                                        <td class="num">{change(value, |x| decimal(x, 1), "same")}</td>
                                        <td class="num">{if differences == 0 { "none".to_string() } else { differences.to_string() }}</td>
                                        <td><div class="row-actions">
                                            {if editing {
                                                view! { <button type="button" on:click=move |_| app.back_to_plan()>"Back to the plan"</button> }.into_any()
                                            } else {
                                                view! { <button type="button" aria-label=format!("Edit {n1}") on:click=move |_| {
                                                    if let Err(e) = app.open_scenario(&n1) { failed(e); }
                                                }>"Edit"</button> }.into_any()
                                            }}
                                            <button type="button" aria-label=format!("Compare {n2} with the plan") on:click=move |_| {
                                                state.compare_a.set(String::new());
                                                state.compare_b.set(n2.clone());
                                                crate::ui::fields::focus_later("#compare-title");
                                            }>"Compare"</button>
                                            <button type="button" aria-label=format!("Make {n3} the plan") on:click=move |_| promote(n3.clone())>"Make it the plan…"</button>
                                            <button type="button" class="danger" aria-label=format!("Delete {n4}") disabled=editing on:click=move |_| delete(n4.clone())>"Delete…"</button>
                                        </div></td>
                                    </tr> }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn Compare() -> impl IntoView {
    let app = crate::ui::context::<App>();
    let state = crate::ui::context::<DecideState>();
    let (a, b) = (state.compare_a, state.compare_b);
    let basis = RwSignal::new(Basis::Timeline);
    // Sides that no longer exist fall back: a to the plan, b to the first scenario.
    let names = Memo::new(move |_| app.scenarios.with(|l| l.iter().map(|s| s.name.clone()).collect::<Vec<_>>()));
    Effect::new(move |_| {
        let list = names.get();
        let known = |k: &str| k.is_empty() || list.iter().any(|n| n.eq_ignore_ascii_case(k));
        if !known(&a.get()) {
            a.set(String::new());
        }
        if !known(&b.get()) || b.with(String::is_empty) {
            let first = list.first().cloned().unwrap_or_default();
            if b.get_untracked() != first {
                b.set(first);
            }
        }
    });
    let roadmap_of = move |key: String| -> Option<Roadmap> {
        if key.is_empty() {
            Some(app.plan())
        } else {
            app.scenario_roadmap(&key)
        }
    };
    let comparison = Memo::new(move |_| {
        let (ra, rb) = (roadmap_of(a.get())?, roadmap_of(b.get())?);
        Some(Arc::new((compare(&ra, &rb, basis.get()), ra.currency.clone(), map_roadmap(&ra, &rb))))
    });
    let options = move |selected: RwSignal<String>| {
        view! {
            <option value="" prop:selected=move || selected.with(String::is_empty)>"The plan"</option>
            {move || names.get().into_iter().map(|n| {
                let (n2, value) = (n.clone(), n.clone());
                view! { <option value=value prop:selected=move || selected.with(|s| s.eq_ignore_ascii_case(&n2))>{n}</option> }
            }).collect_view()}
        }
    };
    view! {
        <section class="card compare" aria-labelledby="compare-title">
            <h3 id="compare-title" tabindex="-1">"Compare side by side"</h3>
            <div class="heatmap-controls compare-controls">
                <label class="control">"Compare"
                    <select on:change=move |ev| a.set(event_target_value(&ev))>{options(a)}</select>
                </label>
                <label class="control">"with"
                    <select on:change=move |ev| b.set(event_target_value(&ev))>{options(b)}</select>
                </label>
                <label class="control">"Count"
                    <select on:change=move |ev| basis.set(if event_target_value(&ev) == "funded" { Basis::Funded } else { Basis::Timeline })>
                        <option value="timeline" prop:selected=move || basis.get() == Basis::Timeline>"Everything on the timeline (not cancelled)"</option>
                        <option value="funded" prop:selected=move || basis.get() == Basis::Funded>"Only funded (approved, in progress, done)"</option>
                    </select>
                </label>
            </div>
            {move || match comparison.get() {
                None => view! { <p class="muted">"Choose two roadmaps to compare."</p> }.into_any(),
                Some(c) if a.get().eq_ignore_ascii_case(&b.get()) => {
                    drop(c);
                    view! { <p class="muted">"Choose two different roadmaps: the plan and a scenario, or two scenarios."</p> }.into_any()
                }
                Some(c) => view! { <ComparisonView data=c a=side_name(&a.get()) b=side_name(&b.get())/> }.into_any(),
            }}
        </section>
    }
}

/// A roadmap holding the capabilities of both sides (a's order, then b's own), to lay the
/// difference map out.
fn map_roadmap(a: &Roadmap, b: &Roadmap) -> Roadmap {
    let mut caps = a.capabilities.clone();
    for c in &b.capabilities {
        if !caps.iter().any(|x| x.id == c.id) {
            caps.push(c.clone());
        }
    }
    Roadmap { capabilities: caps, ..Roadmap::default() }
}

#[component]
fn ComparisonView(data: Arc<(Comparison, String, Roadmap)>, a: String, b: String) -> impl IntoView {
    let (c, currency, _) = &*data;
    let (ha, hb) = (heading(&a), heading(&b));
    let cost = |s: crate::domain::spend::Spend| s.capex + s.opex;
    let total_a: f64 = c.years.iter().map(|y| cost(y.a)).sum();
    let total_b: f64 = c.years.iter().map(|y| cost(y.b)).sum();
    let signed = |v: f64| change(v, |x| money(x, currency), "no change");
    let signed_short = |v: f64| change(v, short_amount, "—");
    let value_change = c.value_b - c.value_a;
    let maturity_changes = c.maturity.iter().filter(|m| m.difference != 0).count();
    let years = c
        .years
        .iter()
        .map(|y| {
            let envelope = |e: (f64, f64)| if e == (0.0, 0.0) { "none".to_string() } else { format!("{} / {}", short_amount(e.0), short_amount(e.1)) };
            let env = if y.budget_a == y.budget_b {
                envelope(y.budget_a)
            } else {
                format!("{} → {}", envelope(y.budget_a), envelope(y.budget_b))
            };
            view! { <tr>
                <th scope="row">{fiscal_year_label(y.fiscal_year)}</th>
                <td class="num">{short_amount(y.a.capex)}</td><td class="num">{short_amount(y.b.capex)}</td><td class="num diff">{signed_short(y.b.capex - y.a.capex)}</td>
                <td class="num">{short_amount(y.a.opex)}</td><td class="num">{short_amount(y.b.opex)}</td><td class="num diff">{signed_short(y.b.opex - y.a.opex)}</td>
                <td class="num">{env}</td>
            </tr> }
        })
        .collect_view();
    let only = |list: &Vec<(Id, String)>| {
        if list.is_empty() {
            view! { <p class="muted">"None."</p> }.into_any()
        } else {
            view! { <ul class="plain-list">{list.iter().map(|(_, n)| view! { <li>{n.clone()}</li> }).collect_view()}</ul> }.into_any()
        }
    };
    let changed = if c.changed.is_empty() {
        view! { <p class="muted">"No initiative in both has other dates, status or costs."</p> }.into_any()
    } else {
        view! {
            <div class="table-scroll">
                <table class="data-table compact changed-table">
                    <caption class="visually-hidden">"Changed initiatives"</caption>
                    <thead><tr><th scope="col">"Initiative"</th><th scope="col">"What changed"</th><th scope="col" class="num">"One-off cost"</th></tr></thead>
                    <tbody>{c.changed.iter().map(|x| view! { <tr>
                        <th scope="row">{x.name.clone()}</th>
                        <td>{x.changes.join("; ")}</td>
                        <td class="num">{signed(x.cost_difference)}</td>
                    </tr> }).collect_view()}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    let maturity_rows = {
        let mut rows: Vec<_> = c.maturity.iter().filter(|m| m.difference != 0).cloned().collect();
        rows.sort_by_key(|m| -(m.difference.abs()));
        rows
    };
    let show = |v: Option<u8>| v.map(|v| v.to_string()).unwrap_or_else(|| "—".into());
    view! {
        <div class="comparison">
            <dl class="figures comparison-figures">
                <div><dt>"Total value"</dt><dd>{format!("{} → {}", decimal(c.value_a, 1), decimal(c.value_b, 1))}</dd>
                    <dd class="delta">{change(value_change, |x| decimal(x, 1), "no change")}</dd></div>
                <div><dt>"Cost over the years shown"</dt><dd>{format!("{} → {}", short_money(total_a, currency), short_amount(total_b))}</dd>
                    <dd class="delta">{signed(total_b - total_a)}</dd></div>
                <div><dt>"Capabilities with another maturity at the end"</dt><dd>{maturity_changes}</dd></div>
                <div><dt>"Initiatives only in one / changed"</dt><dd>{format!("{} / {}", c.only_in_a.len() + c.only_in_b.len(), c.changed.len())}</dd></div>
            </dl>
            <p class="field-hint">{format!("{ha} on the left of each pair, {b} on the right; differences are {b} minus {a}. Value is the sum of the scores (cost of delay under WSJF) of the initiatives counted.")}</p>
            <h4>{format!("Cost per fiscal year ({currency})")}</h4>
            <div class="table-scroll">
                <table class="data-table compact compare-years">
                    <caption class="visually-hidden">"Cost per fiscal year"</caption>
                    <thead>
                        <tr><th scope="col" rowspan="2">"Fiscal year"</th><th scope="colgroup" colspan="3" class="num">"Capex"</th><th scope="colgroup" colspan="3" class="num">"Opex"</th><th scope="col" rowspan="2" class="num">"Envelope (capex / opex)"</th></tr>
                        <tr>
                            <th scope="col" class="num">{ha.clone()}</th><th scope="col" class="num">{hb.clone()}</th><th scope="col" class="num">"Difference"</th>
                            <th scope="col" class="num">{ha.clone()}</th><th scope="col" class="num">{hb.clone()}</th><th scope="col" class="num">"Difference"</th>
                        </tr>
                    </thead>
                    <tbody>{years}</tbody>
                </table>
            </div>
            <h4>"Capability maturity at the end of the horizon"</h4>
            <DifferenceMap data=data.clone()/>
            {if maturity_rows.is_empty() {
                view! { <p class="muted">"Every capability reaches the same maturity in both."</p> }.into_any()
            } else {
                view! {
                    <table class="data-table compact maturity-table">
                        <caption>"Capabilities that end at another maturity"</caption>
                        <thead><tr><th scope="col">"Capability"</th><th scope="col" class="num">{ha.clone()}</th><th scope="col" class="num">{hb.clone()}</th><th scope="col" class="num">"Difference"</th></tr></thead>
                        <tbody>{maturity_rows.into_iter().map(|m| view! { <tr>
                            <th scope="row">{m.name.clone()}</th><td class="num">{show(m.a)}</td><td class="num">{show(m.b)}</td>
                            <td class="num"><strong>{difference_text(m.difference as f64)}</strong></td>
                        </tr> }).collect_view()}</tbody>
                    </table>
                }.into_any()
            }}
            <div class="only-in">
                <div><h4>{format!("Only in {a}")}</h4>{only(&c.only_in_a)}</div>
                <div><h4>{format!("Only in {b}")}</h4>{only(&c.only_in_b)}</div>
            </div>
            <h4>"Changed dates, status and costs"</h4>
            {changed}
        </div>
    }
}

/// The capability map coloured by maturity difference (b − a); the table above it lists
/// the capabilities that change, for reading without colour.
#[component]
fn DifferenceMap(data: Arc<(Comparison, String, Roadmap)>) -> impl IntoView {
    let width = RwSignal::new(1000.0_f64);
    let container = NodeRef::<html::Div>::new();
    let canvas = NodeRef::<html::Canvas>::new();
    let differences: Arc<HashMap<Id, f64>> = Arc::new(data.0.maturity_difference());
    let map = data.clone();
    let layout = Memo::new(move |_| Arc::new(heatmap_layout::layout_to_fit(&map.2, width.get(), 520.0)));
    follow_width(container, width, 320.0);
    let d = differences.clone();
    Effect::new(move |_| {
        let Some(el) = canvas.get() else { return };
        let l: Arc<Layout> = layout.get();
        crate::ui::canvas::paint(&el, l.width, l.height.max(1.0), |root, ratio| {
            draw_difference_map(root, &l, &d, ratio)
        });
    });
    view! {
        <ul class="legend-swatches difference-legend" aria-label="Legend of the difference map">
            {difference_legend().into_iter().map(|(label, fill, ink)| view! {
                <li style=format!("background:{fill};color:{ink}")>{label}</li>
            }).collect_view()}
        </ul>
        <div class="difference-map" node_ref=container>
            <canvas node_ref=canvas class="difference-picture" role="img"
                aria-label="Capability map coloured by the difference in maturity at the end of the horizon; the table lists the capabilities that change"></canvas>
        </div>
    }
}
