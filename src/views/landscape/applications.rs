//! Applications: the list (search, disposition filter, sort, pages), fast capture for
//! workshops, and the panel that edits one application with every field and link.

use crate::domain::format::{money, short_amount};
use crate::domain::landscape::{
    disposition, AppType, Application, Change, Criticality, DataClass, Direction, Disposition, Hosting, Interface,
    Phase, Support,
};
use crate::domain::{ItemKind, Month, Roadmap};
use crate::state::{App, Refusal};
use crate::ui::fields::{parse_count, parse_list, parse_month, parse_number, Choice, Field, Kind};
use crate::ui::list::{cmp_f64, lowercase, matches, page_of, sort_rows, Pager, SearchBox, Sort, SortHeader};
use crate::ui::panel::{item_commit, link_edit, open_panel, ItemPanel};
use crate::ui::pick::{SearchPick, PICK_LIMIT};
use crate::ui::quick_add::{QuickAdd as UiQuickAdd, QuickField};
use leptos::prelude::*;
use std::sync::Arc;

fn find<'a>(r: &'a mut Roadmap, id: &str) -> Option<&'a mut Application> {
    r.application_mut(id)
}

fn month_text(m: Option<Month>) -> String {
    m.map(|m| m.to_string()).unwrap_or_default()
}

/// The options of a choice: its key and label, in order.
fn options<T: Copy>(all: &[T], key: fn(T) -> &'static str, label: fn(T) -> &'static str) -> Vec<(String, String)> {
    all.iter().map(|&c| (key(c).to_string(), label(c).to_string())).collect()
}

/// The options of a fit (1–4), with "Not assessed" first.
fn fit_options() -> Vec<(String, String)> {
    let mut out = vec![(String::new(), "Not assessed".to_string())];
    out.extend(
        [(1, "1 — poor"), (2, "2 — insufficient"), (3, "3 — adequate"), (4, "4 — excellent")]
            .map(|(v, l)| (v.to_string(), l.to_string())),
    );
    out
}

fn parse_fit(text: &str) -> Result<Option<u8>, String> {
    match text.trim() {
        "" => Ok(None),
        t => t.parse::<u8>().ok().filter(|f| (1..=4).contains(f)).map(Some).ok_or_else(|| "A fit is 1 to 4".into()),
    }
}

/// One application as the list shows it: the phase and disposition today.
#[derive(Clone)]
struct Row {
    app: Arc<Application>,
    phase: Option<Phase>,
    disposition: Option<Disposition>,
    contradicts: bool,
}

/// The same application (the same `Arc`: an edit makes a new one) shown the same way. Not
/// compared field by field: that would walk every application of the list on every edit.
impl PartialEq for Row {
    fn eq(&self, other: &Row) -> bool {
        Arc::ptr_eq(&self.app, &other.app)
            && (self.phase, self.disposition, self.contradicts) == (other.phase, other.disposition, other.contradicts)
    }
}

#[component]
pub fn Applications() -> impl IntoView {
    let app = crate::ui::context::<App>();
    let query = RwSignal::new(String::new());
    let filter = RwSignal::new(String::new());
    let sort = RwSignal::new(None::<Sort>);
    let page = RwSignal::new(0usize);
    let selected = RwSignal::new(None::<String>);
    let today = crate::ui::today();
    let rows = Memo::new(move |_| {
        let q = query.get();
        let f = filter.get();
        let wanted = Disposition::from_key(&f);
        let searching = !q.trim().is_empty();
        let mut rows: Vec<Row> = app.roadmap.with(|r| {
            let a = crate::domain::landscape::Analysis::new(r);
            a.applications()
                .iter()
                .enumerate()
                .filter_map(|(k, x)| {
                    let d = disposition::assess(x);
                    let keep = match f.as_str() {
                        "" => true,
                        "none" => d.effective.is_none(),
                        "contradicts" => d.contradiction.is_some(),
                        _ => wanted.is_some() && d.effective == wanted,
                    };
                    (keep
                        && (!searching
                            || matches(
                                &q,
                                &[
                                    &x.name,
                                    &x.vendor,
                                    &x.business_owner,
                                    &x.it_owner,
                                    &x.description,
                                    &x.tags.join(" "),
                                ],
                            )))
                    .then(|| Row {
                        app: x.clone(),
                        phase: a.phase_at(k, today),
                        disposition: d.effective,
                        contradicts: d.contradiction.is_some(),
                    })
                })
                .collect()
        });
        sort_rows(&mut rows, sort.get(), |c, a, b| match c {
            0 => lowercase(&a.app.name).cmp(&lowercase(&b.app.name)),
            1 => a.app.kind.cmp(&b.app.kind),
            2 => a.phase.cmp(&b.phase),
            3 => a.disposition.cmp(&b.disposition),
            4 => a.app.criticality.cmp(&b.app.criticality),
            5 => cmp_f64(a.app.run_cost_per_year, b.app.run_cost_per_year),
            6 => lowercase(&a.app.business_owner).cmp(&lowercase(&b.app.business_owner)),
            _ => a.app.capabilities.len().cmp(&b.app.capabilities.len()),
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
                    <SearchBox label="Search applications" query/>
                    <super::LandscapeSpreadsheets/>
                    <label class="inline-field">"Disposition "
                        <select aria-label="Filter by disposition" on:change=move |ev| { filter.set(event_target_value(&ev)); page.set(0); }>
                            <option value="">"All dispositions"</option>
                            {Disposition::ALL.iter().map(|d| view! { <option value=d.key()>{d.label()}</option> }).collect_view()}
                            <option value="none">"Not assessed"</option>
                            <option value="contradicts">"Contradicting the fits"</option>
                        </select>
                    </label>
                </div>
                <QuickAdd selected/>
                <div class="table-scroll">
                    <table class="data-table">
                        <caption class="visually-hidden">"Applications"</caption>
                        <thead><tr>
                            <SortHeader label="Name" column=0 sort/>
                            <SortHeader label="Type" column=1 sort/>
                            <SortHeader label="Phase today" column=2 sort/>
                            <SortHeader label="Disposition" column=3 sort/>
                            <SortHeader label="Criticality" column=4 sort/>
                            <SortHeader label="Run cost per year" column=5 sort/>
                            <SortHeader label="Business owner" column=6 sort/>
                            <SortHeader label="Capabilities" column=7 sort/>
                        </tr></thead>
                        <tbody>
                            <For each=visible key=|row| (Arc::as_ptr(&row.app) as usize, row.phase, row.disposition) let:row>
                                {
                                    let id = row.app.id.clone();
                                    let id2 = id.clone();
                                    let a = row.app;
                                    view! {
                                        <tr class:selected=move || selected.with(|s| s.as_deref() == Some(id.as_str()))>
                                            <td><button type="button" class="link-button" on:click=move |_| open_panel(selected, ItemKind::Application, id2.clone())>
                                                {if a.name.is_empty() { "(unnamed)".to_string() } else { a.name.clone() }}
                                            </button></td>
                                            <td>{a.kind.label()}</td>
                                            <td class="nowrap">{row.phase.map_or("No dates", Phase::label)}</td>
                                            <td>{row.disposition.map_or("Not assessed", Disposition::label)}
                                                {row.contradicts.then(|| view! { " " <span class="flag" title="The chosen disposition contradicts the fits">"contradicts the fits"</span> })}</td>
                                            <td>{a.criticality.label()}</td>
                                            <td class="num">{short_amount(a.run_cost_per_year)}</td>
                                            <td>{a.business_owner.clone()}</td>
                                            <td class="num">{if a.capabilities.is_empty() {
                                                view! { <span class="flag" title="Supports no capability">"none"</span> }.into_any()
                                            } else { a.capabilities.len().into_any() }}</td>
                                        </tr>
                                    }
                                }
                            </For>
                        </tbody>
                    </table>
                </div>
                <Pager page total noun="applications"/>
            </div>
            {move || selected.get().map(|id| view! { <ApplicationForm id selected/> })}
        </div>
    }
}

/// Workshop capture (`ui::quick_add`): name, vendor, business owner, run cost.
#[component]
fn QuickAdd(selected: RwSignal<Option<String>>) -> impl IntoView {
    let app = crate::ui::context::<App>();
    let field = |label, caption, kind| QuickField { label, caption, kind, placeholder: "" };
    let fields = vec![
        field("New application vendor", "Vendor", "text"),
        field("New application business owner", "Business owner", "text"),
        field("New application run cost per year", "Run cost per year", "number"),
    ];
    let add = move |name: String, t: Vec<String>| {
        let run_cost_per_year = parse_number("Run cost per year", &t[2])?;
        let id = app.roadmap.with_untracked(|r| r.fresh_id("app"));
        let application = Application {
            id: id.clone(),
            name,
            vendor: t[0].trim().to_string(),
            business_owner: t[1].trim().to_string(),
            run_cost_per_year,
            ..Application::default()
        };
        app.edit(|r| r.landscape.applications.push(Arc::new(application))).map_err(Refusal::into_reason)?;
        Ok(id)
    };
    view! { <UiQuickAdd noun="application" plural="applications" fields add selected/> }
}

/// The panel that edits one application (also opened from the lifecycle roadmap).
#[component]
pub(super) fn ApplicationForm(id: String, selected: RwSignal<Option<String>>) -> impl IntoView {
    let app = crate::ui::context::<App>();
    let item = {
        let id = id.clone();
        Memo::new(move |_| app.roadmap.with(|r| r.application(&id).cloned()))
    };
    let text = move |f: fn(&Application) -> String| {
        Signal::derive(move || item.with(|a| a.as_ref().map(|a| f(a)).unwrap_or_default()))
    };
    let in_money = move |f: fn(&Application) -> f64| {
        Signal::derive(move || {
            item.with(|a| {
                a.as_ref().map(|a| money(f(a), &app.roadmap.with(|r| r.currency.clone()))).unwrap_or_default()
            })
        })
    };
    let commit = {
        let id = id.clone();
        move |change: fn(&mut Application, String) -> Result<(), String>| {
            item_commit(app, ItemKind::Application, id.clone(), find, change)
        }
    };
    let assessment = Memo::new(move |_| item.with(|a| a.as_deref().map(disposition::assess)));
    let disposition_hint = Signal::derive(move || {
        assessment.with(|d| match d {
            None => String::new(),
            Some(d) => match (d.suggested, &d.contradiction) {
                (_, Some(why)) => format!("Contradicts the fits: {why}"),
                (Some(s), None) => format!("The fits suggest {}.", s.label()),
                (None, None) => "Set both fits for a suggestion.".to_string(),
            },
        })
    });
    let mut dispositions = vec![(String::new(), "As the fits suggest".to_string())];
    dispositions.extend(options(Disposition::ALL, Disposition::key, Disposition::label));
    view! {
        <ItemPanel kind=ItemKind::Application id=id.clone() selected
            title=Signal::derive(move || item.with(|a| a.as_ref().map(|a| a.name.clone()).unwrap_or_default()))
            exists=Signal::derive(move || item.with(Option::is_some))>
            <div class="form-grid">
                <Field label="Name" value=text(|a| a.name.clone()) commit=commit(|a, t| { a.name = t.trim().to_string(); Ok(()) })/>
                <Field label="Vendor" value=text(|a| a.vendor.clone()) commit=commit(|a, t| { a.vendor = t.trim().to_string(); Ok(()) })/>
                <Choice label="Type" value=text(|a| a.kind.key().to_string()) options=options(AppType::ALL, AppType::key, AppType::label)
                    commit=commit(|a, t| { a.kind = AppType::from_key(&t).ok_or("Unknown type")?; Ok(()) })/>
                <Choice label="Hosting" value=text(|a| a.hosting.key().to_string()) options=options(Hosting::ALL, Hosting::key, Hosting::label)
                    commit=commit(|a, t| { a.hosting = Hosting::from_key(&t).ok_or("Unknown hosting")?; Ok(()) })/>
                <Field label="Business owner" value=text(|a| a.business_owner.clone()) commit=commit(|a, t| { a.business_owner = t.trim().to_string(); Ok(()) })/>
                <Field label="IT owner" value=text(|a| a.it_owner.clone()) commit=commit(|a, t| { a.it_owner = t.trim().to_string(); Ok(()) })/>
                <Choice label="Business criticality" value=text(|a| a.criticality.key().to_string()) options=options(Criticality::ALL, Criticality::key, Criticality::label)
                    commit=commit(|a, t| { a.criticality = Criticality::from_key(&t).ok_or("Unknown criticality")?; Ok(()) })/>
                <Choice label="Data classification" value=text(|a| a.data_classification.key().to_string()) options=options(DataClass::ALL, DataClass::key, DataClass::label)
                    commit=commit(|a, t| { a.data_classification = DataClass::from_key(&t).ok_or("Unknown classification")?; Ok(()) })/>
                <Field label="Users" kind=Kind::Number min="0" step="1" value=text(|a| a.users.to_string()) commit=commit(|a, t| { a.users = parse_count("Users", &t)?; Ok(()) })/>
                <Field label="Contract end" kind=Kind::Month value=text(|a| month_text(a.contract_end)) commit=commit(|a, t| { a.contract_end = parse_month(&t)?; Ok(()) })/>
                <Field label="Run cost per year" kind=Kind::Number min="0" step="1000" hint=in_money(|a| a.run_cost_per_year) value=text(|a| a.run_cost_per_year.to_string()) commit=commit(|a, t| { a.run_cost_per_year = parse_number("Run cost per year", &t)?; Ok(()) })/>
                <Field label="One-off costs (capex)" kind=Kind::Number min="0" step="1000" hint=in_money(|a| a.capex) value=text(|a| a.capex.to_string()) commit=commit(|a, t| { a.capex = parse_number("One-off costs", &t)?; Ok(()) })/>
                <Field label="Tags" hint="Comma-separated" value=text(|a| a.tags.join(", ")) commit=commit(|a, t| { a.tags = parse_list(&t); Ok(()) })/>
            </div>
            <Field label="Description" kind=Kind::LongText value=text(|a| a.description.clone()) commit=commit(|a, t| { a.description = t; Ok(()) })/>
            <fieldset class="links">
                <legend>"Lifecycle"</legend>
                <p class="field-hint">"The month each phase starts; any may be empty. Initiatives retiring or introducing it move these (below)."</p>
                <div class="form-grid">
                    <Field label="Plan" kind=Kind::Month value=text(|a| month_text(a.lifecycle.plan)) commit=commit(|a, t| { a.lifecycle.plan = parse_month(&t)?; Ok(()) })/>
                    <Field label="Phase-in" kind=Kind::Month value=text(|a| month_text(a.lifecycle.phase_in)) commit=commit(|a, t| { a.lifecycle.phase_in = parse_month(&t)?; Ok(()) })/>
                    <Field label="Active" kind=Kind::Month value=text(|a| month_text(a.lifecycle.active)) commit=commit(|a, t| { a.lifecycle.active = parse_month(&t)?; Ok(()) })/>
                    <Field label="Phase-out" kind=Kind::Month value=text(|a| month_text(a.lifecycle.phase_out)) commit=commit(|a, t| { a.lifecycle.phase_out = parse_month(&t)?; Ok(()) })/>
                    <Field label="End of life" kind=Kind::Month value=text(|a| month_text(a.lifecycle.end_of_life)) commit=commit(|a, t| { a.lifecycle.end_of_life = parse_month(&t)?; Ok(()) })/>
                </div>
            </fieldset>
            <fieldset class="links">
                <legend>"Fit and disposition (TIME)"</legend>
                <div class="form-grid">
                    <Choice label="Functional fit" value=text(|a| a.functional_fit.map(|f| f.to_string()).unwrap_or_default()) options=fit_options()
                        commit=commit(|a, t| { a.functional_fit = parse_fit(&t)?; Ok(()) })/>
                    <Choice label="Technical fit" value=text(|a| a.technical_fit.map(|f| f.to_string()).unwrap_or_default()) options=fit_options()
                        commit=commit(|a, t| { a.technical_fit = parse_fit(&t)?; Ok(()) })/>
                    <Choice label="Disposition" value=text(|a| a.disposition.map(|d| d.key().to_string()).unwrap_or_default()) options=dispositions
                        commit=commit(|a, t| { a.disposition = if t.is_empty() { None } else { Some(Disposition::from_key(&t).ok_or("Unknown disposition")?) }; Ok(()) })/>
                </div>
                <p class="field-hint" class:flag=move || assessment.with(|d| d.as_ref().is_some_and(|d| d.contradiction.is_some()))>{disposition_hint}</p>
            </fieldset>
            <SuccessorOf id=id.clone()/>
            <CapabilitiesSupported id=id.clone()/>
            <TechnologiesUsed id=id.clone()/>
            <Interfaces id=id.clone()/>
            <InitiativeChanges id=id.clone()/>
        </ItemPanel>
    }
}

/// An item's name as the panel lists it (its id when it has none).
fn name_of(r: &Roadmap, kind: ItemKind, id: &str) -> String {
    let name = match kind {
        ItemKind::Application => r.application(id).map(|a| a.name.as_str()),
        ItemKind::Initiative => r.initiative(id).map(|i| i.name.as_str()),
        _ => None,
    };
    crate::domain::model::display_name(name.unwrap_or(""), id).to_string()
}

/// A technology as lists show it: name and version ("PostgreSQL 12").
fn technology_name(r: &Roadmap, id: &str) -> String {
    r.technology(id).map_or_else(|| id.to_string(), |t| technology_label(t))
}

fn technology_label(t: &crate::domain::landscape::Technology) -> String {
    format!("{} {}", crate::domain::model::display_name(&t.name, &t.id), t.version).trim().to_string()
}

/// The current links of the open application, with names, from `pick`.
fn links_of<T: Clone + PartialEq + Send + Sync + 'static>(
    app: App,
    id: String,
    pick: fn(&Roadmap, &Application) -> Vec<T>,
) -> Memo<Vec<T>> {
    Memo::new(move |_| app.roadmap.with(|r| r.application(&id).map(|a| pick(r, a)).unwrap_or_default()))
}

/// The application that takes over from this one: found by typing (a landscape holds
/// thousands), shown by name, removable.
#[component]
fn SuccessorOf(id: String) -> impl IntoView {
    let app = crate::ui::context::<App>();
    let error = RwSignal::new(None::<String>);
    let current = {
        let id = id.clone();
        Memo::new(move |_| {
            app.roadmap.with(|r| {
                r.application(&id).and_then(|a| a.successor.clone()).map(|s| name_of(r, ItemKind::Application, &s))
            })
        })
    };
    let (id_find, id_set, id_clear) = (id.clone(), id.clone(), id);
    let set = move |to: Option<String>, id: &str| {
        link_edit(app, error, |r| {
            if let Some(a) = r.application_mut(id) {
                a.successor = to;
            }
        })
    };
    view! {
        <fieldset class="links">
            <legend>"Successor"</legend>
            <p class="successor">{move || match current.get() {
                Some(name) => format!("Succeeded by {name}"),
                None => "No successor: nothing is planned to take over from it.".to_string(),
            }}
            <Show when=move || current.with(Option::is_some)>
                " "<button type="button" on:click={ let id = id_clear.clone(); move |_| set(None, &id) }>"Remove the successor"</button>
            </Show></p>
            <SearchPick label="Set the successor" placeholder="Application name"
                find=move |q| app.roadmap.with(|r| r.landscape.applications.iter()
                    .filter(|a| a.id != id_find && matches(q, &[&a.name, &a.vendor]))
                    .take(PICK_LIMIT)
                    .map(|a| (a.id.clone(), format!("Successor: {}", crate::domain::model::display_name(&a.name, &a.id))))
                    .collect())
                pick=Callback::new(move |other| set(Some(other), &id_set))/>
            {move || error.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
        </fieldset>
    }
}

#[component]
fn CapabilitiesSupported(id: String) -> impl IntoView {
    let app = crate::ui::context::<App>();
    let error = RwSignal::new(None::<String>);
    let links = links_of(app, id.clone(), |r, a| {
        a.capabilities
            .iter()
            .map(|s| (s.clone(), r.capability(&s.capability).map(|c| c.name.clone()).unwrap_or_default()))
            .collect()
    });
    let id_add = id.clone();
    view! {
        <fieldset class="links">
            <legend>"Capabilities it supports"</legend>
            <ul>
                {move || links.get().into_iter().map(|(link, name)| {
                    let (id1, id2, c1, c2) = (id.clone(), id.clone(), link.capability.clone(), link.capability.clone());
                    view! { <li>
                        <span>{name.clone()}</span>
                        <span class="link-actions">
                        <label class="inline-field">"Fit "
                            <select aria-label=format!("Fit for {name}") on:change=move |ev| {
                                let fit = parse_fit(&event_target_value(&ev)).unwrap_or(None);
                                link_edit(app, error, |r| if let Some(s) = r.application_mut(&id1).and_then(|a| a.capabilities.iter_mut().find(|s| s.capability == c1)) { s.fit = fit; });
                            }>
                                {fit_options().into_iter().map(|(v, l)| {
                                    let on = link.fit.map(|f| f.to_string()).unwrap_or_default() == v;
                                    view! { <option value=v selected=on>{l}</option> }
                                }).collect_view()}
                            </select>
                        </label>
                        <button type="button" class="quiet" aria-label=format!("Unlink capability {name}")
                            on:click=move |_| link_edit(app, error, |r| if let Some(a) = r.application_mut(&id2) { a.capabilities.retain(|s| s.capability != c2); })>"Unlink"</button>
                        </span>
                    </li> }
                }).collect_view()}
            </ul>
            <SearchPick label="Link a capability" placeholder="Capability name"
                find=move |q| app.roadmap.with(|r| {
                    let linked = links.with(|l| l.iter().map(|(s, _)| s.capability.clone()).collect::<Vec<_>>());
                    r.capabilities.iter()
                        .filter(|c| !linked.contains(&c.id) && matches(q, &[&c.name]))
                        .take(PICK_LIMIT)
                        .map(|c| {
                            let name = crate::domain::model::display_name(&c.name, &c.id);
                            // Namesakes in different branches are told apart by their parent.
                            let parent = c.parent.as_deref().and_then(|p| r.capability(p)).map(|p| p.name.as_str());
                            let text = match parent {
                                Some(p) => format!("Link {name} (in {p})"),
                                None => format!("Link {name}"),
                            };
                            (c.id.clone(), text)
                        })
                        .collect()
                })
                pick=Callback::new(move |capability| link_edit(app, error, |r| if let Some(a) = r.application_mut(&id_add) { a.capabilities.push(Support { capability, fit: None }); }))/>
            {move || error.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
        </fieldset>
    }
}

#[component]
fn TechnologiesUsed(id: String) -> impl IntoView {
    let app = crate::ui::context::<App>();
    let error = RwSignal::new(None::<String>);
    // Named again only when its links or the technologies changed (by pointer: looking up
    // each by id scans tens of thousands, on every edit of anything).
    type Named = (Vec<Arc<crate::domain::landscape::Technology>>, Vec<String>, Vec<(String, String)>);
    let named = StoredValue::new(None::<Named>);
    let links = {
        let id = id.clone();
        Memo::new(move |_| {
            app.roadmap.with(|r| {
                let Some(a) = r.application(&id) else { return Vec::new() };
                let technologies = &r.landscape.technologies;
                let same = |(all, ids, _): &Named| {
                    *ids == a.technologies && crate::domain::model::same_items(all, technologies)
                };
                if let Some(links) = named.with_value(|n| n.as_ref().filter(|n| same(n)).map(|n| n.2.clone())) {
                    return links;
                }
                let links: Vec<(String, String)> =
                    a.technologies.iter().map(|t| (t.clone(), technology_name(r, t))).collect();
                named.set_value(Some((technologies.clone(), a.technologies.clone(), links.clone())));
                links
            })
        })
    };
    let (id_add, id_find) = (id.clone(), id.clone());
    view! {
        <fieldset class="links">
            <legend>"Technologies it runs on"</legend>
            <ul>
                {move || links.get().into_iter().map(|(tech, name)| {
                    let id = id.clone();
                    view! { <li><span>{name.clone()}</span>
                        <button type="button" class="quiet" aria-label=format!("Unlink technology {name}")
                            on:click=move |_| link_edit(app, error, |r| if let Some(a) = r.application_mut(&id) { a.technologies.retain(|t| *t != tech); })>"Unlink"</button>
                    </li> }
                }).collect_view()}
            </ul>
            <SearchPick label="Link a technology" placeholder="Name or version"
                find=move |q| app.roadmap.with(|r| {
                    let linked = r.application(&id_find).map(|a| a.technologies.clone()).unwrap_or_default();
                    r.landscape.technologies.iter()
                        .filter(|t| !linked.contains(&t.id))
                        .map(|t| (t, technology_label(t)))
                        .filter(|(t, label)| matches(q, &[label, &t.vendor]))
                        .take(PICK_LIMIT)
                        .map(|(t, label)| (t.id.clone(), format!("Link {label}")))
                        .collect()
                })
                pick=Callback::new(move |tech| link_edit(app, error, |r| if let Some(a) = r.application_mut(&id_add) { a.technologies.push(tech); }))/>
            {move || error.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
        </fieldset>
    }
}

#[component]
fn Interfaces(id: String) -> impl IntoView {
    let app = crate::ui::context::<App>();
    let error = RwSignal::new(None::<String>);
    let links = links_of(app, id.clone(), |r, a| {
        a.interfaces.iter().map(|i| (i.clone(), name_of(r, ItemKind::Application, &i.to))).collect()
    });
    let id_self = id.clone();
    let (to, name, direction, data) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let id_add = id.clone();
    let add = move |_| {
        let target = to.get_untracked();
        if target.is_empty() {
            return error.set(Some("Choose the application at the other end.".into()));
        }
        let interface = Interface {
            to: target,
            name: name.get_untracked().trim().to_string(),
            direction: Direction::from_key(&direction.get_untracked()).unwrap_or_default(),
            data: data.get_untracked().trim().to_string(),
        };
        link_edit(app, error, |r| {
            if let Some(a) = r.application_mut(&id_add) {
                a.interfaces.push(interface)
            }
        });
        if error.get_untracked().is_none() {
            for s in [to, name, data] {
                s.set(String::new());
            }
        }
    };
    view! {
        <fieldset class="links">
            <legend>"Interfaces"</legend>
            <ul>
                {move || links.get().into_iter().enumerate().map(|(n, (i, other))| {
                    let id = id.clone();
                    let label = format!("{} {other}{}{}", i.direction.label(),
                        if i.name.is_empty() { String::new() } else { format!(" — {}", i.name) },
                        if i.data.is_empty() { String::new() } else { format!(" ({})", i.data) });
                    view! { <li><span>{label.clone()}</span>
                        <button type="button" class="quiet" aria-label=format!("Remove interface: {label}")
                            on:click=move |_| link_edit(app, error, |r| if let Some(a) = r.application_mut(&id) { if n < a.interfaces.len() { a.interfaces.remove(n); } })>"Remove"</button>
                    </li> }
                }).collect_view()}
            </ul>
            // Read as a sentence: "Sends to" [the other application], then what the
            // interface is called and carries.
            <div class="interface-add">
                <select aria-label="Interface direction" on:change=move |ev| direction.set(event_target_value(&ev))>
                    {Direction::ALL.iter().map(|d| view! { <option value=d.key()>{d.label()}</option> }).collect_view()}
                </select>
                <SearchPick label="Interface with" placeholder="Application name"
                    find=move |q| app.roadmap.with(|r| r.landscape.applications.iter()
                        .filter(|a| a.id != id_self && matches(q, &[&a.name, &a.vendor]))
                        .take(PICK_LIMIT)
                        .map(|a| (a.id.clone(), a.name.clone()))
                        .collect())
                    pick=Callback::new(move |other| to.set(other))/>
            </div>
            <p class="field-hint">{move || {
                let t = to.get();
                if t.is_empty() { "No application chosen yet: find it by name.".to_string() } else { format!("With: {}", app.roadmap.with(|r| name_of(r, ItemKind::Application, &t))) }
            }}</p>
            <div class="link-add">
                <input type="text" aria-label="Interface name" placeholder="Name" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                <input type="text" aria-label="Data carried" placeholder="Data carried" prop:value=move || data.get() on:input=move |ev| data.set(event_target_value(&ev))/>
                <button type="button" on:click=add>"Add interface"</button>
            </div>

            {move || error.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
        </fieldset>
    }
}

/// The initiatives that introduce or retire this application, and when.
#[component]
fn InitiativeChanges(id: String) -> impl IntoView {
    let app = crate::ui::context::<App>();
    let error = RwSignal::new(None::<String>);
    let changes = {
        let id = id.clone();
        Memo::new(move |_| {
            app.roadmap.with(|r| {
                r.landscape
                    .changes
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| {
                        c.retires.as_deref() == Some(id.as_str()) || c.introduces.as_deref() == Some(id.as_str())
                    })
                    .map(|(k, c)| {
                        let who = name_of(r, ItemKind::Initiative, &c.initiative);
                        let what = if c.retires.as_deref() == Some(id.as_str()) {
                            match &c.introduces {
                                Some(new) => {
                                    format!("retires it, replacing it with {}", name_of(r, ItemKind::Application, new))
                                }
                                None => "retires it".to_string(),
                            }
                        } else {
                            match &c.retires {
                                Some(old) => {
                                    format!("introduces it, replacing {}", name_of(r, ItemKind::Application, old))
                                }
                                None => "introduces it".to_string(),
                            }
                        };
                        let when = match (c.month, crate::domain::landscape::lifecycle::change_month(r, c)) {
                            (Some(m), _) => format!("in {m}"),
                            (None, Some(m)) => format!("at its end, {m}"),
                            (None, None) => "at its end (not dated yet)".to_string(),
                        };
                        (k, format!("{who} {what} {when}"))
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    let initiatives = Memo::new(move |_| {
        app.roadmap.with(|r| r.initiatives.iter().map(|i| (i.id.clone(), i.name.clone())).collect::<Vec<_>>())
    });
    let (initiative, action, month) =
        (RwSignal::new(String::new()), RwSignal::new("retires".to_string()), RwSignal::new(String::new()));
    let id_add = id.clone();
    let add = move |_| {
        let who = initiative.get_untracked();
        if who.is_empty() {
            return error.set(Some("Choose the initiative.".into()));
        }
        let month = match parse_month(&month.get_untracked()) {
            Ok(m) => m,
            Err(e) => return error.set(Some(e)),
        };
        let mut change = Change { initiative: who, month, ..Change::default() };
        if action.get_untracked() == "introduces" {
            change.introduces = Some(id_add.clone());
        } else {
            change.retires = Some(id_add.clone());
        }
        link_edit(app, error, |r| r.landscape.changes.push(change));
        if error.get_untracked().is_none() {
            initiative.set(String::new());
        }
    };
    view! {
        <fieldset class="links">
            <legend>"Initiatives changing it"</legend>
            <ul>
                {move || changes.get().into_iter().map(|(k, label)| view! { <li><span>{label.clone()}</span>
                    <button type="button" class="quiet" aria-label=format!("Remove change: {label}")
                        on:click=move |_| link_edit(app, error, |r| { if k < r.landscape.changes.len() { r.landscape.changes.remove(k); } })>"Remove"</button>
                </li> }).collect_view()}
            </ul>
            <div class="link-add">
                <select aria-label="Initiative" prop:value=move || initiative.get() on:change=move |ev| initiative.set(event_target_value(&ev))>
                    <option value="">"Choose an initiative…"</option>
                    {move || initiatives.get().into_iter().map(|(iid, n)| view! { <option value=iid>{n}</option> }).collect_view()}
                </select>
                <select aria-label="What the initiative does" on:change=move |ev| action.set(event_target_value(&ev))>
                    <option value="retires">"retires it"</option>
                    <option value="introduces">"introduces it"</option>
                </select>
                <input type="month" aria-label="Month it takes effect" placeholder="YYYY-MM" title="Empty: the initiative's end"
                    prop:value=move || month.get() on:input=move |ev| month.set(event_target_value(&ev))/>
                <button type="button" on:click=add>"Add change"</button>
            </div>
            <p class="field-hint">"Leave the month empty for the initiative's end. The lifecycle shown on the map follows the change."</p>
            {move || error.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
        </fieldset>
    }
}
