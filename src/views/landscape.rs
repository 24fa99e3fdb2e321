//! Landscape: the applications at a chosen month — the capabilities they serve, their
//! lifecycle phase, disposition, technology support and run cost — and what to act on
//! (past end of life, redundancy, conflicts, missing data). Every figure comes from
//! `domain::landscape`; its rules are written out in docs/landscape.md.

use crate::domain::format::{count, month_label, percent, short_money};
use crate::domain::landscape::map::{landscape_at_in_part, ApplicationRow, ColourBy, LandscapeAt, LandscapeBase};
use crate::domain::landscape::Disposition;
use crate::domain::Month;
use crate::route::LandscapeTab;
use crate::state::App;
use crate::ui::list::{cmp_f64, lowercase, matches, page_of, sort_rows, Pager, SearchBox, Sort, SortHeader};
use crate::ui::tabs::{Tab, TabBar};
use leptos::prelude::*;

mod applications;
mod catalog;
mod lifecycle;
mod technologies;

/// The landscape as CSV files in one zip: its own chunk, loaded when first used.
mod export {
    use crate::state::{App, Level, Topic};
    use crate::ui::lazy::split_point;
    use leptos::prelude::*;

    split_point!(action landscape_export, fn download_landscape(app: App) {
        let (name, bytes) = app.roadmap.with_untracked(|r| (r.name.clone(), crate::domain::landscape::export::landscape_zip(r, None)));
        let file = format!("{}-landscape.zip", crate::download::file_stem(&name));
        if let Err(e) = crate::download::download_bytes(&file, "application/zip", &bytes) {
            app.notify(Topic::Download, Level::Error, &e, vec![]);
        }
    });
}

/// The landscape's spreadsheets, on both lists: export all three tables in a zip, and import
/// one (the roadmap's spreadsheet import: applications, technologies or links, from Cairn,
/// ServiceNow or LeanIX, through its preview).
#[component]
fn LandscapeSpreadsheets() -> impl IntoView {
    let app = crate::ui::context::<App>();
    view! {
        <crate::ui::files::ImportSpreadsheetButton label="Import from a spreadsheet (CSV)…"
            title="Applications, technologies or application links, from Cairn's export, ServiceNow or LeanIX: a preview shows what would change"/>
        <button type="button" title="applications.csv, technologies.csv and application-links.csv in one zip"
            on:click=move |_| crate::ui::lazy::run_loaded(app, "the landscape export", export::download_landscape::run(app))>
            "Export the landscape (CSV)"
        </button>
    }
}

/// Applications named in a capability's cell before the rest is folded under "+N more".
const NAMED_PER_CAPABILITY: usize = 6;
/// Applications named per data-quality check before "and N more" (the Applications list
/// finds the rest).
const MISSING_NAMED: usize = 20;

/// "A, B, C and 45 more": the first `named` names, then how many are left.
fn named_with_rest(names: &[String], named: usize) -> String {
    let shown = names.iter().take(named).cloned().collect::<Vec<_>>().join(", ");
    match names.len().saturating_sub(named) {
        0 => shown,
        rest => format!("{shown} and {} more", count(rest)),
    }
}

#[component]
pub fn Landscape(tab: LandscapeTab) -> impl IntoView {
    let app = crate::ui::context::<App>();
    let count = move |t: LandscapeTab| {
        app.roadmap.with(|r| match t {
            LandscapeTab::Map | LandscapeTab::Lifecycle => r.capabilities.len(),
            LandscapeTab::Applications => r.landscape.applications.len(),
            LandscapeTab::Technologies => r.landscape.technologies.len(),
        })
    };
    view! {
        <section class="view landscape" aria-labelledby="view-title">
            <h2 id="view-title">"Landscape"</h2>
            <TabBar label="Landscape parts" tabs=LandscapeTab::ALL.into_iter().map(|t| {
                let tab = Tab::new(t.title(), t.href(), t == tab);
                if matches!(t, LandscapeTab::Map | LandscapeTab::Lifecycle) { tab } else { tab.with_count(move || count(t)) }
            }).collect()/>
            {match tab {
                LandscapeTab::Map => view! { <Map/> }.into_any(),
                LandscapeTab::Applications => view! { <applications::Applications/> }.into_any(),
                LandscapeTab::Technologies => view! { <technologies::Technologies/> }.into_any(),
                LandscapeTab::Lifecycle => view! { <lifecycle::LifecycleRoadmap/> }.into_any(),
            }}
        </section>
    }
}

/// The map at a chosen month: headlines, applications per capability, risk and quality.
#[component]
fn Map() -> impl IntoView {
    let app = crate::ui::context::<App>();
    // The month and colouring are the shell's, so they survive a visit to another view; the
    // map offers its slide to the presentation and to printing while it is shown.
    let choices = crate::ui::context::<crate::ui::choices::LandscapeChoices>();
    let at = choices.month;
    let slide = Callback::new(move |()| {
        app.roadmap.with(|r| crate::charts::slides::landscape_slide(r, choices.colour.get(), choices.month.get()))
    });
    choices.slide.set(Some(slide));
    on_cleanup(move || choices.slide.set(None));
    // What does not depend on the month once per roadmap; a date change redoes the rest.
    let base = Memo::new(move |_| app.roadmap.with(LandscapeBase::new));
    // The technologies (support, conflicts) once the first screen is painted, or at once
    // when the chips are coloured by them: resolving them is most of opening the map.
    let painted = RwSignal::new(false);
    crate::ui::after_paint(move || {
        painted.try_set(true);
    });
    let technology = Memo::new(move |_| painted.get() || choices.colour.get() == ColourBy::Support);
    let figures = Memo::new(move |_| {
        let (m, t) = (at.get(), technology.get());
        base.with(|b| app.roadmap.with(|r| landscape_at_in_part(r, b, m, t)))
    });
    let currency = Memo::new(move |_| app.roadmap.with(|r| r.currency.clone()));
    let money = move |v: f64| short_money(v, &currency.get());
    let empty = move || figures.with(|f| f.applications.is_empty());
    // The slider runs over the roadmap's horizon, a month a step; Play moves a quarter a
    // second to its end (as the heatmap's).
    let horizon = Memo::new(move |_| app.roadmap.with(|r| (r.horizon.start, r.horizon.end)));
    let steps = move || horizon.with(|(a, b)| (b.index() - a.index()).max(0));
    let playing = RwSignal::new(false);
    let timer = StoredValue::new(None::<leptos::prelude::IntervalHandle>);
    let stop = move || {
        if let Some(h) = timer.try_update_value(|t| t.take()).flatten() {
            h.clear();
        }
        playing.set(false);
    };
    let play = move |_| {
        if playing.get_untracked() {
            return stop();
        }
        let (start, end) = horizon.get_untracked();
        if at.get_untracked() >= end || at.get_untracked() < start {
            at.set(start);
        }
        playing.set(true);
        let handle = set_interval_with_handle(
            move || {
                let next = at.get_untracked().plus(3);
                if next > horizon.get_untracked().1 {
                    stop();
                } else {
                    at.set(next);
                }
            },
            std::time::Duration::from_millis(900),
        );
        timer.set_value(handle.ok());
    };
    on_cleanup(stop);
    view! {
        <div class="toolbar">
            <label class="inline-field">"Landscape at "
                <input type="month" prop:value=move || at.get().to_string()
                    on:change:target=move |ev| if let Ok(m) = Month::parse(&ev.target().value()) { stop(); at.set(m) }/>
            </label>
            <div class="slider-row">
                <button type="button" class="play" on:click=play aria-label=move || if playing.get() { "Pause" } else { "Play through the horizon" }>
                    {move || if playing.get() { "❚❚" } else { "▶" }}
                </button>
                <input type="range" min="0" aria-label="Month within the horizon"
                    max=move || steps().to_string()
                    prop:value=move || (at.get().index() - horizon.with(|h| h.0.index())).clamp(0, steps()).to_string()
                    aria-valuetext=move || month_label(at.get())
                    on:input=move |ev| {
                        stop();
                        if let Ok(k) = event_target_value(&ev).parse::<i32>() { at.set(horizon.get_untracked().0.plus(k)); }
                    }/>
            </div>
            <span class="muted">{move || format!("Phases, support and costs as of {}", month_label(at.get()))}</span>
        </div>
        <Show when=move || !empty() fallback=|| view! {
            <div class="card"><p>"This roadmap has no applications yet. Add them under Applications (one by one, or quickly in a workshop), or open a roadmap file that holds a landscape (Roadmaps → Import from file…); the demo roadmap has one to explore."</p>
            <p><a href=LandscapeTab::Applications.href()>"Add applications"</a></p></div>
        }>
            <Headlines figures money/>
            <CapabilityMap figures money colour=choices.colour slide/>
            <crate::ui::BelowFirstScreen>
                <Rationalisation figures money/>
                <Applications figures money/>
                <Problems figures/>
            </crate::ui::BelowFirstScreen>
        </Show>
    }
}

#[component]
fn Headlines(
    figures: Memo<LandscapeAt>,
    money: impl Fn(f64) -> String + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let f = move |g: fn(&LandscapeAt) -> String| move || figures.with(g);
    view! {
        <dl class="figures landscape-figures" aria-label="Landscape headlines">
            <div><dt>"Applications running"</dt><dd>{f(|x| format!("{} of {}", count(x.running), count(x.applications.len())))}</dd></div>
            <div><dt>"Past end of life"</dt><dd>{f(|x| count(x.past_end_of_life))}</dd></div>
            <div><dt>"Past end of life in 12 months"</dt><dd>{f(|x| count(x.past_end_of_life_in_12_months))}</dd></div>
            <div><dt>"Capabilities with redundant applications"</dt><dd>{f(|x| count(x.redundant_capabilities))}</dd></div>
            <div><dt>"Run cost per year"</dt><dd>{move || money(figures.with(|x| x.run_cost_per_year))}</dd></div>
        </dl>
    }
}

#[component]
fn CapabilityMap(
    figures: Memo<LandscapeAt>,
    money: impl Fn(f64) -> String + Copy + Send + Sync + 'static,
    colour: RwSignal<ColourBy>,
    slide: Callback<(), (String, String)>,
) -> impl IntoView {
    // The capabilities with applications, a page at a time (a thousand rows would not help).
    let shown = Memo::new(move |_| {
        figures.with(|x| {
            x.capabilities
                .iter()
                .filter(|c| !c.running.is_empty() || c.past_end_of_life > 0)
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let page = RwSignal::new(0usize);
    let total = Signal::derive(move || shown.with(Vec::len));
    view! {
        <div class="card">
            <h3 id="landscape-map">"Landscape map"</h3>
            <div class="toolbar">
                <label class="inline-field">"Colour by "
                    <select on:change=move |ev| {
                        let v = event_target_value(&ev);
                        colour.set(ColourBy::ALL.into_iter().find(|c| c.label() == v).unwrap_or(ColourBy::Phase));
                    }>
                        {ColourBy::ALL.into_iter().map(|c| view! { <option value=c.label() selected=c == colour.get_untracked()>{c.label()}</option> }).collect_view()}
                    </select>
                </label>
                <ul class="chip-legend" aria-label="Colours">
                    {move || colour.get().legend().into_iter().map(|(step, label)| view! {
                        <li class=format!("chip chip-s{step}")>{label}</li>
                    }).collect_view()}
                </ul>
                <crate::ui::export::ExportButtons slide=move || slide.run(())/>
            </div>
            <p class="field-hint">"The applications running on each capability at the chosen month. Run cost per year is split equally over the capabilities an application supports, so each application is counted once; applications supporting no capability are listed as unallocated. Redundancy is more than one active application on a capability (phase-in and phase-out overlaps are a migration, not redundancy)."</p>
            <div class="table-scroll">
                <table>
                    <caption class="visually-hidden">"Applications per capability"</caption>
                    <thead><tr>
                        <th scope="col">"Capability"</th>
                        <th scope="col">"Applications running"</th>
                        <th scope="col" class="num">"Count"</th>
                        <th scope="col" class="num">"Run cost per year"</th>
                        <th scope="col">"Flags"</th>
                    </tr></thead>
                    <tbody>
                        {move || { let p = page.get(); shown.with(|rows| page_of(rows, p)) }.into_iter().map(|c| {
                            let by = colour.get();
                            let chips = figures.with(|x| c.running.iter().map(|&k| {
                                let a = &x.applications[k];
                                let (step, value) = by.of(a);
                                (a.name.clone(), step, value)
                            }).collect::<Vec<_>>());
                            let chip = |(name, step, value): (std::sync::Arc<str>, usize, &'static str)| view! {
                                <span class=format!("chip chip-s{step}") title=value>{name}<span class="visually-hidden">{format!(" ({value})")}</span></span>" "
                            };
                            let rest: Vec<_> = chips.iter().skip(NAMED_PER_CAPABILITY).cloned().collect();
                            let shown: Vec<_> = chips.into_iter().take(NAMED_PER_CAPABILITY).collect();
                            let mut flags = Vec::new();
                            if c.redundant { flags.push("Redundant".to_string()); }
                            if c.past_end_of_life > 0 { flags.push(format!("{} past end of life", count(c.past_end_of_life))); }
                            view! {
                                <tr>
                                    <th scope="row">{c.name.clone()}</th>
                                    <td class="chips">{shown.into_iter().map(chip).collect_view()}{(!rest.is_empty()).then(|| view! {
                                        <FoldedChips rest=rest.into_iter().map(chip).collect_view()/>
                                    })}</td>
                                    <td class="num">{count(c.running.len())}</td>
                                    <td class="num">{money(c.run_cost_per_year)}</td>
                                    <td class="flags">{flags.into_iter().map(|t| view! { <span class="flag">{t}</span>" " }).collect_view()}</td>
                                </tr>
                            }
                        }).collect_view()}
                        <tr>
                            <th scope="row">"Unallocated (no capability)"</th><td></td><td></td>
                            <td class="num">{move || money(figures.with(|x| x.unallocated))}</td><td></td>
                        </tr>
                    </tbody>
                </table>
            </div>
            <Pager page total noun="capabilities with applications" only_when_paged=true/>
        </div>
    }
}

/// A capability's applications past the first few, under "+N more": drawn only once opened
/// (a page of capabilities with hundreds each would otherwise lay out thousands of names).
#[component]
fn FoldedChips<V: IntoView + 'static>(rest: Vec<V>) -> impl IntoView {
    let more = format!("+{} more", count(rest.len()));
    let rest = StoredValue::new_local(Some(rest));
    let opened = RwSignal::new(false);
    view! {
        <details on:toggle=move |ev| {
            // Drawn once; closing it again keeps what was drawn.
            if !opened.get_untracked() && event_target::<web_sys::Element>(&ev).has_attribute("open") { opened.set(true) }
        }>
            <summary>{more}</summary>
            {move || opened.get().then(|| rest.try_update_value(Option::take).flatten())}
        </details>
    }
}

/// The TIME chart at the chosen month: technical × functional fit, bubbles by run cost; a
/// cell lists its applications. Keyboard: Tab to the chart, arrows move, Enter lists.
#[component]
fn Rationalisation(
    figures: Memo<LandscapeAt>,
    money: impl Fn(f64) -> String + Copy + Send + Sync + 'static,
) -> impl IntoView {
    use crate::charts::landscape::{draw_time_chart, quadrant_colour};
    use crate::charts::Backend;
    use crate::domain::landscape::disposition::TIME_RULE;
    use crate::layout::landscape::{quadrant_of, time_chart, TimeOptions};
    use leptos::html;
    let selected = RwSignal::new(None::<(u8, u8)>);
    // The grid comes with the map's figures (one analysis per date or edit).
    let grid = Memo::new(move |_| figures.with(|f| f.time.clone()));
    let name = move |k: usize| figures.with(|f| f.applications[k].name.clone());
    let container = NodeRef::<html::Div>::new();
    let size = crate::ui::size::use_element_size(container);
    let width = Memo::new(move |_| match size.get().0 {
        w if w > 0.0 => w,
        _ => 520.0,
    });
    let chart = Memo::new(move |_| {
        grid.with(|g| {
            time_chart(g, &TimeOptions { width: width.get().clamp(280.0, 560.0), height: 560.0, font_px: 14.0 })
        })
    });
    let canvas = NodeRef::<html::Canvas>::new();
    Effect::new(move |_| {
        let Some(el) = canvas.get() else { return };
        let sel = selected.get();
        chart.with(|c| {
            crate::ui::canvas::paint(&el, c.width, c.height, |root, ratio| {
                draw_time_chart(root, c, sel, ratio, Backend::Canvas)
            })
        });
    });
    let current = move || selected.get().unwrap_or((4, 1));
    let focus = move |(f, t): (u8, u8)| {
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&format!("time-cell-{f}-{t}")))
        {
            let _ = wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlElement>(el).focus();
        }
    };
    let cell_text = move |f: u8, t: u8| {
        grid.with(|g| {
            let c = g.cell(f, t);
            format!(
                "Functional fit {f}, technical fit {t} ({}): {} {}, run cost {} per year",
                quadrant_of(f, t).label(),
                count(c.applications.len()),
                if c.applications.len() == 1 { "application" } else { "applications" },
                money(c.run_cost_per_year)
            )
        })
    };
    let buttons = Memo::new(move |_| {
        chart.with(|c| {
            c.cells
                .iter()
                .map(|x| (x.functional, x.technical, x.count, x.rect.x, x.rect.y, x.rect.w))
                .collect::<Vec<_>>()
        })
    });
    let listed = Memo::new(move |_| {
        selected
            .get()
            .map(|(f, t)| grid.with(|g| g.cell(f, t).applications.iter().map(|&k| name(k)).collect::<Vec<_>>()))
    });
    let not_assessed = Memo::new(move |_| grid.with(|g| g.not_assessed.iter().map(|&k| name(k)).collect::<Vec<_>>()));
    view! {
        <div class="card">
            <h3>"Rationalisation (TIME)"</h3>
            <p class="field-hint">{TIME_RULE}</p>
            <div class="time-layout">
                <div class="time-chart" node_ref=container>
                    <div class="pf-risk-wrap" style=move || chart.with(|c| format!("width:{}px;height:{}px", c.width.ceil(), c.height.ceil()))>
                        <canvas node_ref=canvas class="pf-canvas" aria-hidden="true"></canvas>
                        <div class="pf-risk-cells" role="group" aria-label="TIME chart cells: arrow keys move between them, Enter lists a cell's applications">
                            <For each=move || buttons.get() key=|b| (b.0, b.1, b.2, b.3 as i64, b.4 as i64, b.5 as i64) let:b>
                                {
                                    let (f, t, _, x, y, side) = b;
                                    view! {
                                        <button type="button" class="pf-risk-cell" id=format!("time-cell-{f}-{t}")
                                            style=format!("left:{x}px;top:{y}px;width:{side}px;height:{side}px")
                                            tabindex=move || if current() == (f, t) { "0" } else { "-1" }
                                            aria-pressed=move || if selected.get() == Some((f, t)) { "true" } else { "false" }
                                            aria-label=move || cell_text(f, t)
                                            on:click=move |_| selected.set(Some((f, t)))
                                            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                                                let to = match ev.key().as_str() {
                                                    "ArrowUp" if f < 4 => (f + 1, t),
                                                    "ArrowDown" if f > 1 => (f - 1, t),
                                                    "ArrowLeft" if t > 1 => (f, t - 1),
                                                    "ArrowRight" if t < 4 => (f, t + 1),
                                                    "ArrowUp" | "ArrowDown" | "ArrowLeft" | "ArrowRight" => { ev.prevent_default(); return; }
                                                    _ => return,
                                                };
                                                ev.prevent_default();
                                                selected.set(Some(to));
                                                focus(to);
                                            }></button>
                                    }
                                }
                            </For>
                        </div>
                    </div>
                    <ul class="pf-risk-legend" aria-label="TIME quadrants">
                        {[Disposition::Invest, Disposition::Tolerate, Disposition::Migrate, Disposition::Eliminate].into_iter().map(|d| view! {
                            <li style=format!("background:{};color:#1a1a1a", quadrant_colour(d))>{d.label()}</li>
                        }).collect_view()}
                    </ul>
                </div>
                <section class="pf-cell-panel" aria-labelledby="time-cell-title" aria-live="polite">
                    {move || match selected.get() {
                        None => view! {
                            <h4 id="time-cell-title">"Applications in a cell"</h4>
                            <p class="muted">"Choose a cell of the chart (click it, or Tab to the chart, move with the arrow keys and press Enter) to list its applications."</p>
                        }.into_any(),
                        Some((f, t)) => view! {
                            <h4 id="time-cell-title">{cell_text(f, t)}</h4>
                            <ul>{listed.get().unwrap_or_default().into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                        }.into_any(),
                    }}
                    <h4>{move || format!("Not assessed: {}", count(not_assessed.with(Vec::len)))}</h4>
                    <p class="muted">{move || not_assessed.get().join(", ")}</p>
                </section>
            </div>
        </div>
    }
}

#[component]
fn Applications(
    figures: Memo<LandscapeAt>,
    money: impl Fn(f64) -> String + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let query = RwSignal::new(String::new());
    let sort = RwSignal::new(None::<Sort>);
    let page = RwSignal::new(0usize);
    let rows = Memo::new(move |_| {
        let q = query.get();
        let mut rows: Vec<ApplicationRow> = figures.with(|x| {
            x.applications
                .iter()
                .filter(|a| matches(&q, &[&a.name, &a.owner, &a.disposition, a.phase]))
                .cloned()
                .collect()
        });
        sort_rows(&mut rows, sort.get(), |c, a, b| match c {
            0 => lowercase(&a.name).cmp(&lowercase(&b.name)),
            1 => a.phase.cmp(b.phase),
            2 => a.disposition.cmp(&b.disposition),
            3 => a.support.cmp(&b.support),
            4 => cmp_f64(a.run_cost_per_year, b.run_cost_per_year),
            5 => lowercase(&a.owner).cmp(&lowercase(&b.owner)),
            _ => a.capabilities.cmp(&b.capabilities),
        });
        rows
    });
    let total = Signal::derive(move || rows.with(Vec::len));
    view! {
        <div class="card">
            <h3>"Applications"</h3>
            <div class="toolbar"><SearchBox label="Search applications" query/></div>
            <div class="table-scroll">
                <table>
                    <caption class="visually-hidden">"Applications"</caption>
                    <thead><tr>
                        <SortHeader label="Name" column=0 sort/>
                        <SortHeader label="Phase" column=1 sort/>
                        <SortHeader label="Disposition" column=2 sort/>
                        <SortHeader label="Technology support" column=3 sort/>
                        <SortHeader label="Run cost per year" column=4 sort/>
                        <SortHeader label="Owner" column=5 sort/>
                        <SortHeader label="Capabilities" column=6 sort/>
                    </tr></thead>
                    <tbody>
                        {move || { let p = page.get(); rows.with(|r| page_of(r, p)) }.into_iter().map(|a| view! {
                            <tr>
                                <th scope="row">{a.name}</th>
                                <td class="nowrap">{a.phase}</td>
                                <td class="disposition">{a.disposition}{a.contradiction.map(|why| view! {
                                    <span class="flag">" — contradicts the fits"</span><span class="field-hint">{why}</span>
                                })}</td>
                                <td>{a.support.label()}</td>
                                <td class="num nowrap">{money(a.run_cost_per_year)}</td>
                                <td class="nowrap">{a.owner}</td>
                                <td class="num">{a.capabilities}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <Pager page total noun="applications"/>
        </div>
    }
}

#[component]
fn Problems(figures: Memo<LandscapeAt>) -> impl IntoView {
    let app = crate::ui::context::<App>();
    let conflict_page = RwSignal::new(0usize);
    view! {
        <div class="card">
            <h3>"Technology risk"</h3>
            <p class="field-hint">"Each application takes the worst support status of the technologies it runs on at the chosen month; unknown when it lists none or their dates are not known."</p>
            <table class="data-table compact fit">
                <caption class="visually-hidden">"Applications by technology support"</caption>
                <thead><tr><th scope="col">"Support"</th><th scope="col" class="num">"Applications"</th></tr></thead>
                <tbody>
                    {move || figures.with(|x| x.support.clone()).into_iter().map(|(s, n)| view! {
                        <tr><th scope="row">{s.label()}</th><td class="num">{count(n)}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
            <h3>{move || format!("Conflicts ({})", count(figures.with(|x| x.conflicts.len())))}</h3>
            {move || {
                let p = conflict_page.get();
                let conflicts: Vec<String> = figures.with(|x| app.roadmap.with(|r| page_of(&x.conflicts, p).iter().map(|c| c.message(r)).collect()));
                if conflicts.is_empty() {
                    view! { <p>"No conflicts."</p> }.into_any()
                } else {
                    view! { <ul class="conflicts" aria-label="Conflicts">{conflicts.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul> }.into_any()
                }
            }}
            <Pager page=conflict_page total=Signal::derive(move || figures.with(|x| x.conflicts.len())) noun="conflicts" only_when_paged=true/>
        </div>
        <div class="card">
            <h3>"Data quality"</h3>
            <table class="data-table compact">
                <caption class="visually-hidden">"Data quality"</caption>
                <thead><tr><th scope="col">"Check"</th><th scope="col" class="num">"Applications with it"</th><th scope="col">"Missing"</th></tr></thead>
                <tbody>
                    {move || figures.with(|x| x.quality.clone()).iter().map(|(c, share, missing)| view! {
                        <tr><th scope="row">{c.label()}</th><td class="num">{percent(*share)}</td><td>{named_with_rest(missing, MISSING_NAMED)}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lists_of_names_say_how_many_more() {
        let names: Vec<String> = (1..=25).map(|k| format!("App {k}")).collect();
        assert_eq!(named_with_rest(&names[..2], 20), "App 1, App 2");
        let long = named_with_rest(&names, 20);
        assert!(long.starts_with("App 1, App 2,") && long.ends_with("App 20 and 5 more"), "{long}");
    }
}
