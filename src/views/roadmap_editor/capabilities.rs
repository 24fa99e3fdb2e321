//! The capability map, edited as a tree (L1/L2/L3): add, add child, move, indent, outdent.

use crate::domain::{edit, Capability, ItemKind, Risk, Roadmap, AREAS};
use crate::state::{App, Refusal};
use crate::ui::fields::{parse_list, parse_whole, Choice, Field, Kind};
use crate::ui::list::{matches, SearchBox};
use crate::ui::panel::{item_commit, open_panel, ItemPanel};
use leptos::prelude::*;
use std::sync::Arc;

fn find<'a>(r: &'a mut Roadmap, id: &str) -> Option<&'a mut Capability> {
    r.capability_mut(id)
}

#[component]
pub fn Capabilities() -> impl IntoView {
    let app = crate::ui::context::<App>();
    let query = RwSignal::new(String::new());
    let area = RwSignal::new(String::new());
    let selected = RwSignal::new(None::<String>);
    let message = RwSignal::new(None::<String>);
    let rows = Memo::new(move |_| {
        let q = query.get();
        let a = area.get();
        app.roadmap.with(|r| {
            r.tree_order()
                .into_iter()
                .filter(|(c, _)| {
                    (a.is_empty() || c.area == a)
                        && matches(&q, &[&c.name, &c.area, &c.description, &c.compliance.join(" ")])
                })
                .collect::<Vec<_>>()
        })
    });
    let areas = Memo::new(move |_| {
        app.roadmap.with(|r| {
            let mut areas: Vec<String> =
                r.capabilities.iter().map(|c| c.area.clone()).filter(|a| !a.is_empty()).collect();
            areas.sort();
            areas.dedup();
            areas
        })
    });
    let tree_op = move |op: fn(&mut Roadmap, &str) -> Result<(), String>| {
        move |_| {
            let Some(id) = selected.get_untracked() else { return };
            message.set(app.edit_checked(|r| op(r, &id)).err().map(Refusal::into_reason));
        }
    };
    let add = move |as_child: bool| {
        move |_| {
            let parent = if as_child { selected.get_untracked() } else { None };
            let id = app.roadmap.with_untracked(|r| r.fresh_id("cap"));
            let area = parent
                .as_ref()
                .and_then(|p| app.roadmap.with_untracked(|r| r.capability(p).map(|c| c.area.clone())))
                .unwrap_or_default();
            let cap =
                Capability { id: id.clone(), name: "New capability".into(), parent, area, ..Capability::default() };
            match app.edit(|r| r.capabilities.push(Arc::new(cap))) {
                Ok(()) => {
                    selected.set(Some(id));
                    message.set(None);
                }
                Err(refusal) => message.set(Some(refusal.into_reason())),
            }
        }
    };
    let none_selected = move || selected.with(Option::is_none);
    view! {
        <div class="editor-layout">
            <div class="editor-list">
                <div class="toolbar" role="toolbar" aria-label="Capability map">
                    <SearchBox label="Search capabilities" query/>
                    <label class="inline-field">"Area "
                        <select aria-label="Filter by area" on:change=move |ev| area.set(event_target_value(&ev))>
                            <option value="">"All areas"</option>
                            {move || areas.get().into_iter().map(|a| view! { <option value=a.clone()>{a.clone()}</option> }).collect_view()}
                        </select>
                    </label>
                    <button type="button" class="primary" on:click=add(false)>"Add L1 capability"</button>
                    <button type="button" disabled=none_selected on:click=add(true)>"Add child"</button>
                    <button type="button" disabled=none_selected on:click=tree_op(edit::move_capability_up)>"Move up"</button>
                    <button type="button" disabled=none_selected on:click=tree_op(edit::move_capability_down)>"Move down"</button>
                    <button type="button" disabled=none_selected on:click=tree_op(edit::indent_capability)>"Indent"</button>
                    <button type="button" disabled=none_selected on:click=tree_op(edit::outdent_capability)>"Outdent"</button>
                </div>
                {move || message.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                <div class="table-scroll">
                    <table class="data-table tree-table">
                        <caption class="visually-hidden">"Capability map"</caption>
                        <thead><tr>
                            <th scope="col">"Capability"</th><th scope="col">"Level"</th><th scope="col">"Area"</th>
                            <th scope="col">"Maturity (current → target)"</th><th scope="col">"Importance"</th><th scope="col">"Risk"</th>
                        </tr></thead>
                        <tbody>
                            <For each=move || rows.get() key=|(c, l)| (Arc::as_ptr(c) as usize, *l) let:row>
                                {
                                    let (c, level) = row;
                                    let id = c.id.clone();
                                    let id2 = id.clone();
                                    view! {
                                        <tr class:selected=move || selected.with(|s| s.as_deref() == Some(id.as_str()))>
                                            <td style=format!("padding-left: {}rem", 0.5 + (level as f32 - 1.0) * 1.5)>
                                                <button type="button" class="link-button" on:click=move |_| { message.set(None); open_panel(selected, ItemKind::Capability, id2.clone()); }>{c.name.clone()}</button>
                                            </td>
                                            <td>{format!("L{level}")}</td>
                                            <td>{c.area.clone()}</td>
                                            <td class="num">{format!("{} → {}", c.current_maturity, c.target_maturity)}</td>
                                            <td class="num">{c.importance}</td>
                                            <td><span class=format!("risk risk-{}", c.risk.key())>{c.risk.label()}</span></td>
                                        </tr>
                                    }
                                }
                            </For>
                        </tbody>
                    </table>
                </div>
            </div>
            {move || selected.get().map(|id| view! { <CapabilityForm id selected/> })}
        </div>
    }
}

#[component]
fn CapabilityForm(id: String, selected: RwSignal<Option<String>>) -> impl IntoView {
    let app = crate::ui::context::<App>();
    let item = {
        let id = id.clone();
        Memo::new(move |_| app.roadmap.with(|r| r.capability(&id).cloned()))
    };
    let text = move |f: fn(&Capability) -> String| {
        Signal::derive(move || item.with(|c| c.as_ref().map(|c| f(c)).unwrap_or_default()))
    };
    let commit = {
        let id = id.clone();
        move |change: fn(&mut Capability, String) -> Result<(), String>| {
            item_commit(app, ItemKind::Capability, id.clone(), find, change)
        }
    };
    let improving = {
        let id = id.clone();
        Memo::new(move |_| {
            app.roadmap.with(|r| {
                r.initiatives
                    .iter()
                    .filter_map(|i| {
                        i.capabilities.iter().find(|l| l.capability == id).map(|l| (i.name.clone(), l.maturity_after))
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    let parent_options = {
        let id = id.clone();
        move || {
            let mut opts = vec![(String::new(), "(none — an L1 capability)".to_string())];
            app.roadmap.with_untracked(|r| {
                opts.extend(
                    r.tree_order()
                        .into_iter()
                        .filter(|(c, l)| c.id != id && *l < 3)
                        .map(|(c, l)| (c.id.clone(), format!("{}{}", "  ".repeat(l - 1), c.name))),
                );
            });
            opts
        }
    };
    let parent_commit = {
        let id = id.clone();
        Callback::new(move |p: String| {
            app.edit_checked(|r| edit::move_capability(r, &id, (!p.is_empty()).then_some(p.as_str())))
                .map_err(Refusal::into_reason)
        })
    };
    let mut areas: Vec<(String, String)> = AREAS.iter().map(|a| (a.to_string(), a.to_string())).collect();
    areas.insert(0, (String::new(), "(none)".into()));
    let current_area = item.with_untracked(|c| c.as_ref().map(|c| c.area.clone()).unwrap_or_default());
    if !areas.iter().any(|(a, _)| *a == current_area) {
        areas.push((current_area.clone(), current_area));
    }
    view! {
        <ItemPanel kind=ItemKind::Capability id=id.clone() selected
            title=Signal::derive(move || item.with(|c| c.as_ref().map(|c| c.name.clone()).unwrap_or_default()))
            exists=Signal::derive(move || item.with(Option::is_some))>
            <div class="form-grid">
                <Field label="Name" value=text(|c| c.name.clone()) commit=commit(|c, t| { c.name = t.trim().to_string(); Ok(()) })/>
                <Choice label="Parent" value=text(|c| c.parent.clone().unwrap_or_default()) options=parent_options() commit=parent_commit/>
                <Choice label="IT-management area" value=text(|c| c.area.clone()) options=areas.clone() commit=commit(|c, t| { c.area = t; Ok(()) })/>
                <Field label="Current maturity (0–5)" kind=Kind::Number min="0" max="5" value=text(|c| c.current_maturity.to_string()) commit=commit(|c, t| { c.current_maturity = parse_whole("Current maturity", &t, 0, 255)?; Ok(()) })/>
                <Field label="Target maturity (0–5)" kind=Kind::Number min="0" max="5" value=text(|c| c.target_maturity.to_string()) commit=commit(|c, t| { c.target_maturity = parse_whole("Target maturity", &t, 0, 255)?; Ok(()) })/>
                <Field label="Strategic importance (1–5)" kind=Kind::Number min="1" max="5" value=text(|c| c.importance.to_string()) commit=commit(|c, t| { c.importance = parse_whole("Importance", &t, 0, 255)?; Ok(()) })/>
                <Choice label="Risk" value=text(|c| c.risk.key().to_string())
                    options=Risk::ALL.into_iter().map(|r| (r.key().to_string(), r.label().to_string())).collect()
                    commit=commit(|c, t| { c.risk = Risk::from_key(&t).ok_or("Unknown risk level")?; Ok(()) })/>
                <Field label="Compliance" hint="e.g. GDPR, HIPAA, ISO 27001, SOX, PCI DSS" value=text(|c| c.compliance.join(", ")) commit=commit(|c, t| { c.compliance = parse_list(&t); Ok(()) })/>
            </div>
            <Field label="Description" kind=Kind::LongText value=text(|c| c.description.clone()) commit=commit(|c, t| { c.description = t; Ok(()) })/>
            <section class="links">
                <h4>"Initiatives improving it"</h4>
                {move || { let s = improving.get(); if s.is_empty() {
                    view! { <p class="muted">"No initiative improves this capability yet."</p> }.into_any()
                } else {
                    view! { <ul>{s.into_iter().map(|(n, m)| view! { <li>{n} " — to maturity " {m}</li> }).collect_view()}</ul> }.into_any()
                }}}
            </section>
        </ItemPanel>
    }
}
