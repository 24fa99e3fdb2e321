//! Business goals: list, and the form with the goal's KPI and the initiatives serving it.

use crate::domain::{Goal, ItemKind, Roadmap};
use crate::state::App;
use crate::ui::fields::{parse_month, parse_number, parse_whole, Field, Kind};
use crate::ui::list::{cmp_f64, lowercase, matches, page_of, sort_rows, Pager, SearchBox, Sort, SortHeader};
use crate::ui::panel::{item_commit, open_panel, ItemPanel};
use leptos::prelude::*;
use std::sync::Arc;

fn find<'a>(r: &'a mut Roadmap, id: &str) -> Option<&'a mut Goal> {
    r.goal_mut(id)
}

#[component]
pub fn Goals() -> impl IntoView {
    let app = crate::ui::context::<App>();
    let query = RwSignal::new(String::new());
    let sort = RwSignal::new(None::<Sort>);
    let page = RwSignal::new(0usize);
    let selected = RwSignal::new(None::<String>);
    let serving = Memo::new(move |_| {
        app.roadmap.with(|r| {
            let mut counts = std::collections::HashMap::<String, usize>::new();
            for i in &r.initiatives {
                for l in &i.goals {
                    *counts.entry(l.goal.clone()).or_default() += 1;
                }
            }
            counts
        })
    });
    let rows = Memo::new(move |_| {
        let q = query.get();
        let mut rows: Vec<(Arc<Goal>, usize)> = app.roadmap.with(|r| {
            r.goals
                .iter()
                .filter(|g| matches(&q, &[&g.name, &g.theme, &g.owner, &g.description, &g.kpi.name]))
                .map(|g| (g.clone(), serving.with(|s| s.get(&g.id).copied().unwrap_or(0))))
                .collect()
        });
        sort_rows(&mut rows, sort.get(), |c, (a, na), (b, nb)| match c {
            0 => lowercase(&a.name).cmp(&lowercase(&b.name)),
            1 => a.theme.cmp(&b.theme),
            2 => a.weight.cmp(&b.weight),
            3 => a.owner.cmp(&b.owner),
            4 => cmp_f64(a.kpi.target, b.kpi.target),
            _ => na.cmp(nb),
        });
        rows
    });
    let total = Signal::derive(move || rows.with(Vec::len));
    let add = move |_| {
        let id = app.roadmap.with_untracked(|r| r.fresh_id("goal"));
        let goal = Goal { id: id.clone(), name: "New goal".into(), ..Goal::default() };
        if app.edit_or_tell(|r| r.goals.push(Arc::new(goal))) {
            selected.set(Some(id));
        }
    };
    view! {
        <div class="editor-layout">
            <div class="editor-list">
                <div class="toolbar">
                    <SearchBox label="Search goals" query/>
                    <button type="button" class="primary" on:click=add>"Add goal"</button>
                </div>
                <div class="table-scroll">
                    <table class="data-table">
                        <caption class="visually-hidden">"Business goals"</caption>
                        <thead><tr>
                            <SortHeader label="Name" column=0 sort/>
                            <SortHeader label="Theme" column=1 sort/>
                            <SortHeader label="Weight" column=2 sort/>
                            <SortHeader label="Owner" column=3 sort/>
                            <SortHeader label="KPI" column=4 sort/>
                            <SortHeader label="Initiatives" column=5 sort/>
                        </tr></thead>
                        <tbody>
                            <For each=move || { let p = page.get(); rows.with(|r| page_of(r, p)) }
                                key=|(g, n)| (Arc::as_ptr(g) as usize, *n) let:row>
                                {
                                    let (g, n) = row;
                                    let id = g.id.clone();
                                    let id2 = id.clone();
                                    view! {
                                        <tr class:selected=move || selected.with(|s| s.as_deref() == Some(id.as_str()))>
                                            <td><button type="button" class="link-button" on:click=move |_| open_panel(selected, ItemKind::Goal, id2.clone())>{g.name.clone()}</button></td>
                                            <td>{g.theme.clone()}</td>
                                            <td class="num">{g.weight}</td>
                                            <td>{g.owner.clone()}</td>
                                            <td>{if g.kpi.name.is_empty() { String::new() } else { format!("{}: {} → {} {}", g.kpi.name, g.kpi.baseline, g.kpi.target, g.kpi.unit) }}</td>
                                            <td class="num">{if n == 0 { view! { <span class="flag">"none — strategy gap"</span> }.into_any() } else { n.into_any() }}</td>
                                        </tr>
                                    }
                                }
                            </For>
                        </tbody>
                    </table>
                </div>
                <Pager page total noun="goals"/>
            </div>
            {move || selected.get().map(|id| view! { <GoalForm id selected/> })}
        </div>
    }
}

#[component]
fn GoalForm(id: String, selected: RwSignal<Option<String>>) -> impl IntoView {
    let app = crate::ui::context::<App>();
    let item = {
        let id = id.clone();
        Memo::new(move |_| app.roadmap.with(|r| r.goal(&id).cloned()))
    };
    let text = move |f: fn(&Goal) -> String| {
        Signal::derive(move || item.with(|g| g.as_ref().map(|g| f(g)).unwrap_or_default()))
    };
    let commit = {
        let id = id.clone();
        move |change: fn(&mut Goal, String) -> Result<(), String>| {
            item_commit(app, ItemKind::Goal, id.clone(), find, change)
        }
    };
    let serving = {
        let id = id.clone();
        Memo::new(move |_| {
            app.roadmap.with(|r| {
                r.initiatives
                    .iter()
                    .filter_map(|i| i.goals.iter().find(|l| l.goal == id).map(|l| (i.name.clone(), l.contribution)))
                    .collect::<Vec<_>>()
            })
        })
    };
    view! {
        <ItemPanel kind=ItemKind::Goal id=id.clone() selected
            title=Signal::derive(move || item.with(|g| g.as_ref().map(|g| g.name.clone()).unwrap_or_default()))
            exists=Signal::derive(move || item.with(Option::is_some))>
            <div class="form-grid">
                <Field label="Name" value=text(|g| g.name.clone()) commit=commit(|g, t| { g.name = t.trim().to_string(); Ok(()) })/>
                <Field label="Strategic theme" value=text(|g| g.theme.clone()) commit=commit(|g, t| { g.theme = t.trim().to_string(); Ok(()) })/>
                <Field label="Weight (1–5)" kind=Kind::Number min="1" max="5" value=text(|g| g.weight.to_string()) commit=commit(|g, t| { g.weight = parse_whole("Weight", &t, 0, 255)?; Ok(()) })/>
                <Field label="Owner" value=text(|g| g.owner.clone()) commit=commit(|g, t| { g.owner = t.trim().to_string(); Ok(()) })/>
                <Field label="KPI" value=text(|g| g.kpi.name.clone()) commit=commit(|g, t| { g.kpi.name = t.trim().to_string(); Ok(()) })/>
                <Field label="KPI unit" value=text(|g| g.kpi.unit.clone()) commit=commit(|g, t| { g.kpi.unit = t.trim().to_string(); Ok(()) })/>
                <Field label="KPI baseline" kind=Kind::Number value=text(|g| g.kpi.baseline.to_string()) commit=commit(|g, t| { g.kpi.baseline = parse_number("KPI baseline", &t)?; Ok(()) })/>
                <Field label="KPI target" kind=Kind::Number value=text(|g| g.kpi.target.to_string()) commit=commit(|g, t| { g.kpi.target = parse_number("KPI target", &t)?; Ok(()) })/>
                <Field label="KPI due" kind=Kind::Month value=text(|g| g.kpi.due.map(|m| m.to_string()).unwrap_or_default()) commit=commit(|g, t| { g.kpi.due = parse_month(&t)?; Ok(()) })/>
            </div>
            <Field label="Description" kind=Kind::LongText value=text(|g| g.description.clone()) commit=commit(|g, t| { g.description = t; Ok(()) })/>
            <section class="links">
                <h4>"Initiatives serving this goal"</h4>
                {move || { let s = serving.get(); if s.is_empty() {
                    view! { <p class="flag">"No initiative serves this goal yet: a strategy gap. Link initiatives to it from the Initiatives list."</p> }.into_any()
                } else {
                    view! { <ul>{s.into_iter().map(|(n, c)| view! { <li>{n} " — contribution " {c}</li> }).collect_view()}</ul> }.into_any()
                }}}
            </section>
        </ItemPanel>
    }
}
