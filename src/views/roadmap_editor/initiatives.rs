//! Initiatives: the list (search, status filter, sort, pages), fast capture for workshops,
//! and the form that edits one initiative and all its links.

use crate::domain::format::{money, short_amount};
use crate::domain::{CapabilityLink, GoalLink, Initiative, ItemKind, Milestone, Roadmap, Status};
use crate::state::{App, Refusal};
use crate::ui::fields::{parse_list, parse_month, parse_number, parse_whole, Choice, Field, Kind};
use crate::ui::lazy::{split_point, Lazy};
use crate::ui::list::{cmp_f64, lowercase, matches, page_of, sort_rows, Pager, SearchBox, Sort, SortHeader};
use crate::ui::panel::{item_commit, link_edit, open_panel, ItemPanel};
use crate::ui::quick_add::{QuickAdd as UiQuickAdd, QuickField};
use leptos::prelude::*;
use std::sync::Arc;

fn find<'a>(r: &'a mut Roadmap, id: &str) -> Option<&'a mut Initiative> {
    r.initiative_mut(id)
}

fn month_text(m: Option<crate::domain::Month>) -> String {
    m.map(|m| m.to_string()).unwrap_or_default()
}

#[component]
pub fn Initiatives() -> impl IntoView {
    let app = crate::ui::context::<App>();
    let query = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let sort = RwSignal::new(None::<Sort>);
    let page = RwSignal::new(0usize);
    let selected = RwSignal::new(None::<String>);

    let rows = Memo::new(move |_| {
        let q = query.get();
        let st = Status::from_key(&status.get());
        let mut rows: Vec<Arc<Initiative>> = app.roadmap.with(|r| {
            r.initiatives
                .iter()
                .filter(|i| st.is_none_or(|s| i.status == s))
                .filter(|i| matches(&q, &[&i.name, &i.owner, &i.sponsor, &i.description, &i.vendors.join(" ")]))
                .cloned()
                .collect()
        });
        sort_rows(&mut rows, sort.get(), |c, a, b| match c {
            0 => lowercase(&a.name).cmp(&lowercase(&b.name)),
            1 => a.status.cmp(&b.status),
            2 => a.start.cmp(&b.start),
            3 => a.end.cmp(&b.end),
            4 => cmp_f64(a.capex, b.capex),
            5 => cmp_f64(a.opex, b.opex),
            6 => lowercase(&a.owner).cmp(&lowercase(&b.owner)),
            _ => a.goals.len().cmp(&b.goals.len()),
        });
        rows
    });
    let total = Signal::derive(move || rows.with(Vec::len));
    let visible = move || {
        let p = page.get();
        rows.with(|r| page_of(r, p))
    };

    view! {
        <div class="editor-layout">
            <div class="editor-list">
                <div class="toolbar">
                    <SearchBox label="Search initiatives" query/>
                    <label class="inline-field">"Status "
                        <select aria-label="Filter by status" on:change=move |ev| { status.set(event_target_value(&ev)); page.set(0); }>
                            <option value="">"All statuses"</option>
                            {Status::ALL.into_iter().map(|s| view! { <option value=s.key()>{s.label()}</option> }).collect_view()}
                        </select>
                    </label>
                </div>
                <QuickAdd selected/>
                <div class="table-scroll">
                    <table class="data-table">
                        <caption class="visually-hidden">"Initiatives"</caption>
                        <thead><tr>
                            <SortHeader label="Name" column=0 sort/>
                            <SortHeader label="Status" column=1 sort/>
                            <SortHeader label="Start" column=2 sort/>
                            <SortHeader label="End" column=3 sort/>
                            <SortHeader label="Capex" column=4 sort/>
                            <SortHeader label="Opex" column=5 sort/>
                            <SortHeader label="Owner" column=6 sort/>
                            <SortHeader label="Goals" column=7 sort/>
                        </tr></thead>
                        <tbody>
                            <For each=visible key=|i| Arc::as_ptr(i) as usize let:i>
                                {
                                    let id = i.id.clone();
                                    let id2 = id.clone();
                                    view! {
                                        <tr class:selected=move || selected.with(|s| s.as_deref() == Some(id.as_str()))>
                                            <td><button type="button" class="link-button" on:click=move |_| open_panel(selected, ItemKind::Initiative, id2.clone())>
                                                {if i.name.is_empty() { "(unnamed)".to_string() } else { i.name.clone() }}
                                            </button></td>
                                            <td><span class=format!("status status-{}", i.status.key())>{i.status.label()}</span></td>
                                            <td class="nowrap">{i.start.map(|m| m.to_string()).unwrap_or_else(|| "undated".into())}</td>
                                            <td class="nowrap">{i.end.map(|m| m.to_string()).unwrap_or_default()}</td>
                                            <td class="num">{short_amount(i.capex)}</td>
                                            <td class="num">{short_amount(i.opex)}</td>
                                            <td>{i.owner.clone()}</td>
                                            <td class="num">{if i.goals.is_empty() && i.status != Status::Cancelled {
                                                view! { <span class="flag" title="Linked to no goal: unaligned spend">"none"</span> }.into_any()
                                            } else { i.goals.len().into_any() }}</td>
                                        </tr>
                                    }
                                }
                            </For>
                        </tbody>
                    </table>
                </div>
                <Pager page total noun="initiatives"/>
            </div>
            // The form is a chunk (ui::lazy): the list shows first.
            {move || selected.get().map(|id| view! {
                <Lazy what="the initiative form" class="lazy-panel" load=panel::initiative_form::load
                    view=Box::new(move || panel::initiative_form::view(id.clone(), selected))/>
            })}
        </div>
    }
}

mod panel {
    use super::*;

    split_point!(
        editor_initiative_form,
        fn initiative_form(id: String, selected: RwSignal<Option<String>>) {
            InitiativeForm(InitiativeFormProps { id, selected }).into_any()
        }
    );
}

/// Workshop capture (`ui::quick_add`): name, owner, dates and costs.
#[component]
fn QuickAdd(selected: RwSignal<Option<String>>) -> impl IntoView {
    let app = crate::ui::context::<App>();
    let field = |label, caption, kind, placeholder| QuickField { label, caption, kind, placeholder };
    let fields = vec![
        field("New initiative owner", "Owner", "text", ""),
        field("New initiative start", "Start", "month", "YYYY-MM"),
        field("New initiative end", "End", "month", "YYYY-MM"),
        field("New initiative capex", "Capex", "number", "0"),
        field("New initiative opex", "Opex", "number", "0"),
    ];
    let add = move |name: String, t: Vec<String>| {
        let mut initiative = Initiative {
            name,
            owner: t[0].trim().to_string(),
            start: parse_month(&t[1])?,
            end: parse_month(&t[2])?,
            capex: parse_number("Capex", &t[3])?,
            opex: parse_number("Opex", &t[4])?,
            ..Initiative::default()
        };
        let id = app.roadmap.with_untracked(|r| r.fresh_id("ini"));
        initiative.id = id.clone();
        app.edit(|r| r.initiatives.push(Arc::new(initiative))).map_err(Refusal::into_reason)?;
        Ok(id)
    };
    view! { <UiQuickAdd noun="initiative" plural="initiatives" fields add selected/> }
}

#[component]
fn InitiativeForm(id: String, selected: RwSignal<Option<String>>) -> impl IntoView {
    let app = crate::ui::context::<App>();
    let item = {
        let id = id.clone();
        Memo::new(move |_| app.roadmap.with(|r| r.initiative(&id).cloned()))
    };
    let text = move |f: fn(&Initiative) -> String| {
        Signal::derive(move || item.with(|i| i.as_ref().map(|i| f(i)).unwrap_or_default()))
    };
    let in_money = move |f: fn(&Initiative) -> f64| {
        Signal::derive(move || {
            item.with(|i| {
                i.as_ref().map(|i| money(f(i), &app.roadmap.with(|r| r.currency.clone()))).unwrap_or_default()
            })
        })
    };
    let commit = {
        let id = id.clone();
        move |change: fn(&mut Initiative, String) -> Result<(), String>| {
            item_commit(app, ItemKind::Initiative, id.clone(), find, change)
        }
    };

    view! {
        <ItemPanel kind=ItemKind::Initiative id=id.clone() selected
            title=Signal::derive(move || item.with(|i| i.as_ref().map(|i| i.name.clone()).unwrap_or_default()))
            exists=Signal::derive(move || item.with(Option::is_some))>
            <div class="form-grid">
                <Field label="Name" value=text(|i| i.name.clone()) commit=commit(|i, t| { i.name = t.trim().to_string(); Ok(()) })/>
                <Choice label="Status" value=text(|i| i.status.key().to_string())
                    options=Status::ALL.into_iter().map(|s| (s.key().to_string(), s.label().to_string())).collect()
                    commit=commit(|i, t| { i.status = Status::from_key(&t).ok_or("Unknown status")?; Ok(()) })/>
                <Field label="Owner" value=text(|i| i.owner.clone()) commit=commit(|i, t| { i.owner = t.trim().to_string(); Ok(()) })/>
                <Field label="Sponsor" value=text(|i| i.sponsor.clone()) commit=commit(|i, t| { i.sponsor = t.trim().to_string(); Ok(()) })/>
                <Field label="Start" kind=Kind::Month hint="Empty for the parking lot" value=text(|i| month_text(i.start)) commit=commit(|i, t| { i.start = parse_month(&t)?; Ok(()) })/>
                <Field label="End" kind=Kind::Month value=text(|i| month_text(i.end)) commit=commit(|i, t| { i.end = parse_month(&t)?; Ok(()) })/>
                <Field label="Capex (one-off)" kind=Kind::Number min="0" step="1000" hint=in_money(|i| i.capex) value=text(|i| i.capex.to_string()) commit=commit(|i, t| { i.capex = parse_number("Capex", &t)?; Ok(()) })/>
                <Field label="Opex (one-off)" kind=Kind::Number min="0" step="1000" hint=in_money(|i| i.opex) value=text(|i| i.opex.to_string()) commit=commit(|i, t| { i.opex = parse_number("Opex", &t)?; Ok(()) })/>
                <Field label="Run cost per year" kind=Kind::Number min="0" step="1000" hint=in_money(|i| i.run_cost_per_year) value=text(|i| i.run_cost_per_year.to_string()) commit=commit(|i, t| { i.run_cost_per_year = parse_number("Run cost", &t)?; Ok(()) })/>
                <Field label="FTE" kind=Kind::Number min="0" step="0.5" value=text(|i| i.fte.to_string()) commit=commit(|i, t| { i.fte = parse_number("FTE", &t)?; Ok(()) })/>
                <Field label="Risk likelihood (1–5)" kind=Kind::Number min="1" max="5" value=text(|i| i.risk.likelihood.to_string()) commit=commit(|i, t| { i.risk.likelihood = parse_whole("Risk likelihood", &t, 0, 255)?; Ok(()) })/>
                <Field label="Risk impact (1–5)" kind=Kind::Number min="1" max="5" value=text(|i| i.risk.impact.to_string()) commit=commit(|i, t| { i.risk.impact = parse_whole("Risk impact", &t, 0, 255)?; Ok(()) })/>
                <Field label="Vendors" hint="Comma-separated" value=text(|i| i.vendors.join(", ")) commit=commit(|i, t| { i.vendors = parse_list(&t); Ok(()) })/>
                <Field label="Compliance" hint="e.g. GDPR, ISO 27001" value=text(|i| i.compliance.join(", ")) commit=commit(|i, t| { i.compliance = parse_list(&t); Ok(()) })/>
            </div>
            <Field label="Description" kind=Kind::LongText value=text(|i| i.description.clone()) commit=commit(|i, t| { i.description = t; Ok(()) })/>
            <Milestones id=id.clone()/>
            <GoalLinks id=id.clone()/>
            <CapabilityLinks id=id.clone()/>
            <Dependencies id=id.clone()/>
        </ItemPanel>
    }
}

#[component]
fn Milestones(id: String) -> impl IntoView {
    let app = crate::ui::context::<App>();
    let error = RwSignal::new(None::<String>);
    let new_name = RwSignal::new(String::new());
    let new_month = RwSignal::new(String::new());
    let list = {
        let id = id.clone();
        Memo::new(move |_| app.roadmap.with(|r| r.initiative(&id).map(|i| i.milestones.clone()).unwrap_or_default()))
    };
    let id_add = id.clone();
    view! {
        <fieldset class="links">
            <legend>"Milestones"</legend>
            <ul>
                {move || list.get().into_iter().enumerate().map(|(n, m)| {
                    let id = id.clone();
                    let label = format!("{} ({})", m.name, month_text(m.month));
                    view! { <li>{label.clone()}
                        <button type="button" class="quiet" aria-label=format!("Remove milestone {label}")
                            on:click=move |_| link_edit(app, error, |r| { if let Some(i) = r.initiative_mut(&id) { if n < i.milestones.len() { i.milestones.remove(n); } } })>"Remove"</button>
                    </li> }
                }).collect_view()}
            </ul>
            <div class="link-add">
                <input type="text" aria-label="Milestone name" placeholder="Milestone" prop:value=move || new_name.get() on:input=move |ev| new_name.set(event_target_value(&ev))/>
                <input type="month" aria-label="Milestone month" placeholder="YYYY-MM" prop:value=move || new_month.get() on:input=move |ev| new_month.set(event_target_value(&ev))/>
                <button type="button" on:click=move |_| {
                    let name = new_name.get_untracked().trim().to_string();
                    if name.is_empty() { return error.set(Some("Give the milestone a name.".into())); }
                    match parse_month(&new_month.get_untracked()) {
                        Err(e) => error.set(Some(e)),
                        Ok(month) => {
                            link_edit(app, error, |r| { if let Some(i) = r.initiative_mut(&id_add) { i.milestones.push(Milestone { name, month }); } });
                            if error.get_untracked().is_none() { new_name.set(String::new()); new_month.set(String::new()); }
                        }
                    }
                }>"Add milestone"</button>
            </div>
            {move || error.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
        </fieldset>
    }
}

#[component]
fn GoalLinks(id: String) -> impl IntoView {
    let app = crate::ui::context::<App>();
    let error = RwSignal::new(None::<String>);
    let links = {
        let id = id.clone();
        Memo::new(move |_| {
            app.roadmap.with(|r| {
                r.initiative(&id)
                    .map(|i| {
                        i.goals
                            .iter()
                            .map(|l| (l.clone(), r.goal(&l.goal).map(|g| g.name.clone()).unwrap_or_default()))
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default()
            })
        })
    };
    let id_add = id.clone();
    let choices = Memo::new(move |_| {
        app.roadmap.with(|r| r.goals.iter().map(|g| (g.id.clone(), g.name.clone())).collect::<Vec<_>>())
    });
    view! {
        <fieldset class="links">
            <legend>"Goals it serves"</legend>
            <ul>
                {move || links.get().into_iter().map(|(link, name)| {
                    let (id1, id2, goal1, goal2) = (id.clone(), id.clone(), link.goal.clone(), link.goal.clone());
                    view! { <li>
                        <span>{name.clone()}</span>
                        <label class="inline-field">"Contribution "
                            <select aria-label=format!("Contribution to {name}") on:change=move |ev| {
                                let c: u8 = event_target_value(&ev).parse().unwrap_or(2);
                                link_edit(app, error, |r| if let Some(l) = r.initiative_mut(&id1).and_then(|i| i.goals.iter_mut().find(|l| l.goal == goal1)) { l.contribution = c; });
                            }>
                                {[(1, "1 — some"), (2, "2 — strong"), (3, "3 — decisive")].into_iter().map(|(v, l)| view! {
                                    <option value=v.to_string() selected=link.contribution == v>{l}</option>
                                }).collect_view()}
                            </select>
                        </label>
                        <button type="button" class="quiet" aria-label=format!("Unlink goal {name}")
                            on:click=move |_| link_edit(app, error, |r| if let Some(i) = r.initiative_mut(&id2) { i.goals.retain(|l| l.goal != goal2); })>"Unlink"</button>
                    </li> }
                }).collect_view()}
            </ul>
            <label class="inline-field">"Link a goal "
                <select on:change=move |ev| {
                    let goal = event_target_value(&ev);
                    if goal.is_empty() { return; }
                    link_edit(app, error, |r| if let Some(i) = r.initiative_mut(&id_add) { i.goals.push(GoalLink { goal, contribution: 2 }); });
                    event_target::<web_sys::HtmlSelectElement>(&ev).set_value("");
                }>
                    <option value="">"Choose a goal…"</option>
                    {move || choices.get().into_iter().filter(|(gid, _)| !links.with(|l| l.iter().any(|(x, _)| &x.goal == gid)))
                        .map(|(gid, name)| view! { <option value=gid>{name}</option> }).collect_view()}
                </select>
            </label>
            {move || error.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
        </fieldset>
    }
}

#[component]
fn CapabilityLinks(id: String) -> impl IntoView {
    let app = crate::ui::context::<App>();
    let error = RwSignal::new(None::<String>);
    let links = {
        let id = id.clone();
        Memo::new(move |_| {
            app.roadmap.with(|r| {
                r.initiative(&id)
                    .map(|i| {
                        i.capabilities
                            .iter()
                            .map(|l| {
                                (l.clone(), r.capability(&l.capability).map(|c| c.name.clone()).unwrap_or_default())
                            })
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default()
            })
        })
    };
    let id_add = id.clone();
    let choices = Memo::new(move |_| {
        app.roadmap.with(|r| {
            r.capabilities.iter().map(|c| (c.id.clone(), c.name.clone(), c.target_maturity)).collect::<Vec<_>>()
        })
    });
    view! {
        <fieldset class="links">
            <legend>"Capabilities it improves"</legend>
            <ul>
                {move || links.get().into_iter().map(|(link, name)| {
                    let (id1, id2, c1, c2) = (id.clone(), id.clone(), link.capability.clone(), link.capability.clone());
                    view! { <li>
                        <span>{name.clone()}</span>
                        <label class="inline-field">"Maturity after "
                            <select aria-label=format!("Maturity of {name} after this initiative") on:change=move |ev| {
                                let m: u8 = event_target_value(&ev).parse().unwrap_or(3);
                                link_edit(app, error, |r| if let Some(l) = r.initiative_mut(&id1).and_then(|i| i.capabilities.iter_mut().find(|l| l.capability == c1)) { l.maturity_after = m; });
                            }>
                                {(0..=5u8).map(|v| view! { <option value=v.to_string() selected=link.maturity_after == v>{v}</option> }).collect_view()}
                            </select>
                        </label>
                        <button type="button" class="quiet" aria-label=format!("Unlink capability {name}")
                            on:click=move |_| link_edit(app, error, |r| if let Some(i) = r.initiative_mut(&id2) { i.capabilities.retain(|l| l.capability != c2); })>"Unlink"</button>
                    </li> }
                }).collect_view()}
            </ul>
            <label class="inline-field">"Link a capability "
                <select on:change=move |ev| {
                    let capability = event_target_value(&ev);
                    if capability.is_empty() { return; }
                    let target = choices.with_untracked(|c| c.iter().find(|(cid, _, _)| *cid == capability).map(|c| c.2).unwrap_or(3));
                    link_edit(app, error, |r| if let Some(i) = r.initiative_mut(&id_add) { i.capabilities.push(CapabilityLink { capability, maturity_after: target }); });
                    event_target::<web_sys::HtmlSelectElement>(&ev).set_value("");
                }>
                    <option value="">"Choose a capability…"</option>
                    {move || choices.get().into_iter().filter(|(cid, _, _)| !links.with(|l| l.iter().any(|(x, _)| &x.capability == cid)))
                        .map(|(cid, name, _)| view! { <option value=cid>{name}</option> }).collect_view()}
                </select>
            </label>
            {move || error.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
        </fieldset>
    }
}

#[component]
fn Dependencies(id: String) -> impl IntoView {
    let app = crate::ui::context::<App>();
    let error = RwSignal::new(None::<String>);
    let deps = {
        let id = id.clone();
        Memo::new(move |_| {
            app.roadmap.with(|r| {
                r.initiative(&id)
                    .map(|i| {
                        i.depends_on
                            .iter()
                            .map(|d| (d.clone(), r.initiative(d).map(|x| x.name.clone()).unwrap_or_default()))
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default()
            })
        })
    };
    let id_add = id.clone();
    let id_self = id.clone();
    let choices = Memo::new(move |_| {
        app.roadmap.with(|r| {
            r.initiatives.iter().filter(|i| i.id != id_self).map(|i| (i.id.clone(), i.name.clone())).collect::<Vec<_>>()
        })
    });
    view! {
        <fieldset class="links">
            <legend>"Depends on (must finish before it starts)"</legend>
            <ul>
                {move || deps.get().into_iter().map(|(dep, name)| {
                    let id = id.clone();
                    view! { <li><span>{name.clone()}</span>
                        <button type="button" class="quiet" aria-label=format!("Remove dependency on {name}")
                            on:click=move |_| link_edit(app, error, |r| if let Some(i) = r.initiative_mut(&id) { i.depends_on.retain(|d| *d != dep); })>"Remove"</button>
                    </li> }
                }).collect_view()}
            </ul>
            <label class="inline-field">"Add a predecessor "
                <select on:change=move |ev| {
                    let dep = event_target_value(&ev);
                    if dep.is_empty() { return; }
                    link_edit(app, error, |r| if let Some(i) = r.initiative_mut(&id_add) { i.depends_on.push(dep); });
                    event_target::<web_sys::HtmlSelectElement>(&ev).set_value("");
                }>
                    <option value="">"Choose an initiative…"</option>
                    {move || choices.get().into_iter().filter(|(iid, _)| !deps.with(|d| d.iter().any(|(x, _)| x == iid)))
                        .map(|(iid, name)| view! { <option value=iid>{name}</option> }).collect_view()}
                </select>
            </label>
            {move || error.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
        </fieldset>
    }
}
