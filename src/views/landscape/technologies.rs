//! Technologies (IT components): the list (search, support filter, sort, pages), fast
//! capture for workshops, and the panel that edits one technology — its dates (typed
//! dates win over the end-of-life catalog's) and the applications running on it.

use super::catalog::{CatalogMatch, CatalogSource, CatalogTools};
use crate::domain::landscape::risk::{support_end, support_status, SupportStatus};
use crate::domain::landscape::{Ends, Technology};
use crate::domain::{ItemKind, Month, Roadmap};
use crate::state::{App, Refusal};
use crate::ui::fields::{parse_month, Field, Kind};
use crate::ui::list::{lowercase, matches, page_of, sort_rows, Pager, SearchBox, Sort, SortHeader};
use crate::ui::panel::{item_commit, open_panel, ItemPanel};
use crate::ui::quick_add::{QuickAdd as UiQuickAdd, QuickField};
use leptos::prelude::*;
use std::sync::Arc;

fn find<'a>(r: &'a mut Roadmap, id: &str) -> Option<&'a mut Technology> {
    r.technology_mut(id)
}

fn month_text(m: Option<Month>) -> String {
    m.map(|m| m.to_string()).unwrap_or_default()
}

/// A support end as people read it.
pub fn ends_text(e: Ends) -> String {
    match e {
        Ends::Unknown => "Not known".to_string(),
        Ends::Ended => "Ended".to_string(),
        Ends::Never => "Not planned".to_string(),
        Ends::On(m) => m.to_string(),
    }
}

#[derive(Clone)]
struct Row {
    tech: Arc<Technology>,
    support: SupportStatus,
    ends: Ends,
    used_by: usize,
}

/// The same technology (the same `Arc`) shown the same way: not compared field by field,
/// which would walk every technology on every edit (as the applications' rows).
impl PartialEq for Row {
    fn eq(&self, other: &Row) -> bool {
        Arc::ptr_eq(&self.tech, &other.tech)
            && (self.support, self.ends, self.used_by) == (other.support, other.ends, other.used_by)
    }
}

#[component]
pub fn Technologies() -> impl IntoView {
    let app = crate::ui::context::<App>();
    let query = RwSignal::new(String::new());
    let filter = RwSignal::new(String::new());
    let sort = RwSignal::new(None::<Sort>);
    let page = RwSignal::new(0usize);
    let selected = RwSignal::new(None::<String>);
    let source = CatalogSource::new();
    let today = crate::ui::today();
    let rows = Memo::new(move |_| {
        let q = query.get();
        // The filter's value is the status's place in `SupportStatus::ALL`.
        let wanted = filter.get().parse::<usize>().ok().and_then(|k| SupportStatus::ALL.get(k).copied());
        let mut rows: Vec<Row> = app.roadmap.with(|r| {
            let mut used: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
            for a in &r.landscape.applications {
                for t in &a.technologies {
                    *used.entry(t.as_str()).or_default() += 1;
                }
            }
            r.landscape
                .technologies
                .iter()
                .filter(|t| matches(&q, &[&t.name, &t.vendor, &t.category, &t.version]))
                .map(|t| {
                    let d = t.dates();
                    Row {
                        tech: t.clone(),
                        support: support_status(&d, today),
                        ends: support_end(&d),
                        used_by: used.get(t.id.as_str()).copied().unwrap_or(0),
                    }
                })
                .filter(|row| wanted.is_none_or(|w| row.support == w))
                .collect()
        });
        sort_rows(&mut rows, sort.get(), |c, a, b| match c {
            0 => lowercase(&a.tech.name).cmp(&lowercase(&b.tech.name)),
            1 => a.tech.version.cmp(&b.tech.version),
            2 => lowercase(&a.tech.category).cmp(&lowercase(&b.tech.category)),
            3 => lowercase(&a.tech.vendor).cmp(&lowercase(&b.tech.vendor)),
            4 => a.support.cmp(&b.support),
            5 => a.ends.month().cmp(&b.ends.month()),
            _ => a.used_by.cmp(&b.used_by),
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
                    <SearchBox label="Search technologies" query/>
                    <super::LandscapeSpreadsheets/>
                    <label class="inline-field">"Support today "
                        <select aria-label="Filter by support" on:change=move |ev| { filter.set(event_target_value(&ev)); page.set(0); }>
                            <option value="">"Any support"</option>
                            {SupportStatus::ALL.iter().enumerate().map(|(k, s)| view! { <option value=k.to_string()>{s.label()}</option> }).collect_view()}
                        </select>
                    </label>
                </div>
                <CatalogTools source/>
                <QuickAdd selected/>
                <div class="table-scroll">
                    <table class="data-table">
                        <caption class="visually-hidden">"Technologies"</caption>
                        <thead><tr>
                            <SortHeader label="Name" column=0 sort/>
                            <SortHeader label="Version" column=1 sort/>
                            <SortHeader label="Category" column=2 sort/>
                            <SortHeader label="Vendor" column=3 sort/>
                            <SortHeader label="Support today" column=4 sort/>
                            <SortHeader label="Support ends" column=5 sort/>
                            <SortHeader label="Applications" column=6 sort/>
                        </tr></thead>
                        <tbody>
                            <For each=visible key=|row| (Arc::as_ptr(&row.tech) as usize, row.used_by) let:row>
                                {
                                    let id = row.tech.id.clone();
                                    let id2 = id.clone();
                                    let t = row.tech;
                                    view! {
                                        <tr class:selected=move || selected.with(|s| s.as_deref() == Some(id.as_str()))>
                                            <td><button type="button" class="link-button" on:click=move |_| open_panel(selected, ItemKind::Technology, id2.clone())>
                                                {if t.name.is_empty() { "(unnamed)".to_string() } else { t.name.clone() }}
                                            </button></td>
                                            <td>{t.version.clone()}</td>
                                            <td>{t.category.clone()}</td>
                                            <td>{t.vendor.clone()}</td>
                                            <td class=format!("support support-{:?}", row.support)>{row.support.label()}</td>
                                            <td class="nowrap">{ends_text(row.ends)}</td>
                                            <td class="num">{row.used_by}</td>
                                        </tr>
                                    }
                                }
                            </For>
                        </tbody>
                    </table>
                </div>
                <Pager page total noun="technologies"/>
            </div>
            {move || selected.get().map(|id| view! { <TechnologyForm id selected source/> })}
        </div>
    }
}

/// Workshop capture (`ui::quick_add`): name, version, vendor.
#[component]
fn QuickAdd(selected: RwSignal<Option<String>>) -> impl IntoView {
    let app = crate::ui::context::<App>();
    let field = |label, caption| QuickField { label, caption, kind: "text", placeholder: "" };
    let fields = vec![field("New technology version", "Version"), field("New technology vendor", "Vendor")];
    let add = move |name: String, t: Vec<String>| {
        let id = app.roadmap.with_untracked(|r| r.fresh_id("tech"));
        let tech = Technology {
            id: id.clone(),
            name,
            version: t[0].trim().to_string(),
            vendor: t[1].trim().to_string(),
            ..Technology::default()
        };
        app.edit(|r| r.landscape.technologies.push(Arc::new(tech))).map_err(Refusal::into_reason)?;
        Ok(id)
    };
    view! { <UiQuickAdd noun="technology" plural="technologies" fields add selected/> }
}

#[component]
fn TechnologyForm(id: String, selected: RwSignal<Option<String>>, source: CatalogSource) -> impl IntoView {
    let app = crate::ui::context::<App>();
    let item = {
        let id = id.clone();
        Memo::new(move |_| app.roadmap.with(|r| r.technology(&id).cloned()))
    };
    let text = move |f: fn(&Technology) -> String| {
        Signal::derive(move || item.with(|t| t.as_ref().map(|t| f(t)).unwrap_or_default()))
    };
    let commit = {
        let id = id.clone();
        move |change: fn(&mut Technology, String) -> Result<(), String>| {
            item_commit(app, ItemKind::Technology, id.clone(), find, change)
        }
    };
    // The catalog's date beside each field: what applies when the field is empty.
    let catalog = move |f: fn(&crate::domain::landscape::CatalogLink) -> String| {
        Signal::derive(move || {
            item.with(|t| {
                t.as_ref()
                    .and_then(|t| t.catalog.as_ref())
                    .map(|c| format!("Catalog: {} (used when empty)", f(c)))
                    .unwrap_or_default()
            })
        })
    };
    let used_by = {
        let id = id.clone();
        Memo::new(move |_| {
            app.roadmap.with(|r| {
                r.landscape
                    .applications
                    .iter()
                    .filter(|a| a.technologies.contains(&id))
                    .map(|a| a.name.clone())
                    .collect::<Vec<_>>()
            })
        })
    };
    let today = crate::ui::today();
    let status = Signal::derive(move || {
        item.with(|t| t.as_ref().map(|t| support_status(&t.dates(), today).label()).unwrap_or_default())
    });
    view! {
        <ItemPanel kind=ItemKind::Technology id=id.clone() selected
            title=Signal::derive(move || item.with(|t| t.as_ref().map(|t| format!("{} {}", t.name, t.version).trim().to_string()).unwrap_or_default()))
            exists=Signal::derive(move || item.with(Option::is_some))>
            <p><strong>"Support today: "</strong>{status}</p>
            <div class="form-grid">
                <Field label="Name" value=text(|t| t.name.clone()) commit=commit(|t, s| { t.name = s.trim().to_string(); Ok(()) })/>
                <Field label="Version or cycle" value=text(|t| t.version.clone()) commit=commit(|t, s| { t.version = s.trim().to_string(); Ok(()) })/>
                <Field label="Category" hint="e.g. os, database, runtime, framework" value=text(|t| t.category.clone()) commit=commit(|t, s| { t.category = s.trim().to_string(); Ok(()) })/>
                <Field label="Vendor" value=text(|t| t.vendor.clone()) commit=commit(|t, s| { t.vendor = s.trim().to_string(); Ok(()) })/>
                <Field label="Release" kind=Kind::Month hint=catalog(|c| c.release.map(|m| m.to_string()).unwrap_or_else(|| "not known".into()))
                    value=text(|t| month_text(t.release)) commit=commit(|t, s| { t.release = parse_month(&s)?; Ok(()) })/>
                <Field label="End of standard support" kind=Kind::Month hint=catalog(|c| ends_text(c.standard_support))
                    value=text(|t| month_text(t.end_of_standard_support)) commit=commit(|t, s| { t.end_of_standard_support = parse_month(&s)?; Ok(()) })/>
                <Field label="End of life" kind=Kind::Month hint=catalog(|c| ends_text(c.end_of_life))
                    value=text(|t| month_text(t.end_of_life)) commit=commit(|t, s| { t.end_of_life = parse_month(&s)?; Ok(()) })/>
                <Field label="End of extended support" kind=Kind::Month hint=catalog(|c| ends_text(c.extended_support))
                    value=text(|t| month_text(t.end_of_extended_support)) commit=commit(|t, s| { t.end_of_extended_support = parse_month(&s)?; Ok(()) })/>
            </div>
            <CatalogMatch id=id.clone() source/>
            <section class="links">
                <h4>"Applications running on it"</h4>
                {move || { let names = used_by.get(); if names.is_empty() {
                    view! { <p class="muted">"No application lists it yet (link it from an application's panel)."</p> }.into_any()
                } else {
                    view! { <ul>{names.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul> }.into_any()
                }}}
            </section>
        </ItemPanel>
    }
}
