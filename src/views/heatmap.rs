//! Capability heatmap: the capability map coloured by a chosen metric, at any date.
//!
//! The domain computes the figures, the roll-up, the scale and the layout; `charts::heatmap`
//! draws it with plotters. This view holds the choices (metric, date, focus), places one
//! transparent button over each tile (focus, click, arrow keys, screen-reader text) and
//! offers the same data as a table and as SVG/PNG slides.

use crate::charts::heatmap::{draw_map, MapView};
use crate::charts::slides::{focus_set, heatmap_slide, quarter_text};
use crate::domain::format::money;
use crate::domain::heatmap::{self, Figures, Metric, RollUp, Scale};
use crate::domain::{spend, Id, Risk};
use crate::layout::heatmap::{self as heatmap_layout, Direction, Layout};
use crate::layout::palette::ScaleColours;
use crate::state::App;
use crate::ui::choices::HeatmapChoices;
use crate::ui::export::ExportButtons;
use crate::ui::fields::commit_with;
use crate::ui::fields::{parse_whole, Choice, Field, Kind};
use crate::ui::size::use_element_size;
use crate::ui::today;
use leptos::html;
use leptos::prelude::*;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

#[component]
pub fn Heatmap() -> impl IntoView {
    let app = crate::ui::context::<App>();
    let choices = crate::ui::context::<HeatmapChoices>();
    let HeatmapChoices { metric, rollup, quarter, focus, as_table } = choices;
    let selected = RwSignal::new(None::<Id>);
    let width = RwSignal::new(1200.0_f64);
    // The room below the controls, so a large map can be laid out to be seen whole.
    let height = RwSignal::new(800.0_f64);
    let container = NodeRef::<html::Div>::new();

    let quarters = Memo::new(move |_| app.roadmap.with(spend::quarters));
    // First visit: the quarter of today, inside the horizon.
    Effect::new(move |_| {
        if quarter.get().is_none() {
            let now = today().quarter();
            let qs = quarters.get();
            quarter.set(Some(qs.iter().position(|q| *q == now).unwrap_or(0)));
        }
    });
    let current_quarter = Memo::new(move |_| {
        let qs = quarters.get();
        let i = quarter.get().unwrap_or(0).min(qs.len().saturating_sub(1));
        qs.get(i).copied()
    });
    let month = Memo::new(move |_| current_quarter.get().map(|q| q.last_month()).unwrap_or_else(today));

    let figures = Memo::new(move |_| Arc::new(app.roadmap.with(|r| heatmap::figures(r, month.get()))));
    let values = Memo::new(move |_| {
        let f = figures.get();
        Arc::new(app.roadmap.with(|r| heatmap::shown_values(r, &f, metric.get(), rollup.get())))
    });
    let scale = Memo::new(move |_| Arc::new(values.with(|v| Scale::for_values(metric.get(), v.values().copied()))));
    let layout =
        Memo::new(move |_| Arc::new(app.roadmap.with(|r| heatmap_layout::layout_to_fit(r, width.get(), height.get()))));
    let focused = Memo::new(move |_| app.roadmap.with(|r| focus.with(|f| focus_set(r, f))));
    let currency = Memo::new(move |_| app.roadmap.with(|r| r.currency.clone()));

    // The map follows the width of its container (a window resize, the side panel or the
    // table changing the room it has); its height, the room left below it on the screen.
    let size = use_element_size(container);
    Effect::new(move |_| {
        let (w, _) = size.get();
        let Some(el) = container.get_untracked() else { return };
        if w > 0.0 && (w - width.get_untracked()).abs() > 1.0 {
            width.set(w);
        }
        let top =
            el.get_bounding_client_rect().top() + web_sys::window().and_then(|w| w.scroll_y().ok()).unwrap_or(0.0);
        let screen = web_sys::window().and_then(|w| w.inner_height().ok()).and_then(|h| h.as_f64()).unwrap_or(900.0);
        let h = (screen - top - 16.0).max(360.0);
        if (h - height.get_untracked()).abs() > 1.0 {
            height.set(h);
        }
    });

    // Play: one quarter a second until the end of the horizon.
    let playing = RwSignal::new(false);
    let timer = StoredValue::new(None::<IntervalHandle>);
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
        let last = quarters.with_untracked(Vec::len).saturating_sub(1);
        if quarter.get_untracked().unwrap_or(0) >= last {
            quarter.set(Some(0));
        }
        playing.set(true);
        let handle = set_interval_with_handle(
            move || {
                let next = quarter.get_untracked().unwrap_or(0) + 1;
                if next > last {
                    stop();
                } else {
                    quarter.set(Some(next));
                }
            },
            std::time::Duration::from_millis(900),
        );
        timer.set_value(handle.ok());
    };
    on_cleanup(stop);

    let export = move || {
        app.roadmap.with_untracked(|r| {
            heatmap_slide(
                r,
                metric.get_untracked(),
                rollup.get_untracked(),
                quarter.get_untracked(),
                &focus.get_untracked(),
                today(),
            )
        })
    };

    view! {
        <section class="view heatmap" aria-labelledby="view-title">
            <div class="view-head">
                <h2 id="view-title">"Capability heatmap"</h2>
                <div class="toolbar">
                    <button type="button" on:click=move |_| as_table.update(|t| *t = !*t)>
                        {move || if as_table.get() { "Show as map" } else { "Show as table" }}
                    </button>
                    <ExportButtons slide=export/>
                </div>
            </div>
            <div class="heatmap-controls">
                <label class="control">"Colour by"
                    <select on:change=move |ev| if let Some(m) = Metric::from_key(&event_target_value(&ev)) { metric.set(m) }>
                        {Metric::ALL.into_iter().map(|m| view! { <option value=m.key() selected=move || metric.get() == m>{m.label()}</option> }).collect_view()}
                    </select>
                </label>
                <label class="control">"Parents show"
                    <select on:change=move |ev| if let Some(r) = RollUp::from_key(&event_target_value(&ev)) { rollup.set(r) }>
                        {RollUp::ALL.into_iter().map(|r| view! { <option value=r.key() selected=move || rollup.get() == r>{r.label()}</option> }).collect_view()}
                    </select>
                </label>
                <FocusChoice focus/>
                <div class="control time-travel">
                    <span id="date-label">"Date"</span>
                    <div class="slider-row">
                        <button type="button" class="play" on:click=play aria-label=move || if playing.get() { "Pause" } else { "Play through the horizon" }>
                            {move || if playing.get() { "❚❚" } else { "▶" }}
                        </button>
                        <input type="range" min="0" aria-labelledby="date-label"
                            max=move || quarters.with(Vec::len).saturating_sub(1).to_string()
                            prop:value=move || quarter.get().unwrap_or(0).to_string()
                            aria-valuetext=move || current_quarter.get().map(quarter_text).unwrap_or_default()
                            on:input=move |ev| { stop(); quarter.set(event_target_value(&ev).parse().ok()); }/>
                        <output class="date-output">{move || current_quarter.get().map(quarter_text).unwrap_or_default()}</output>
                    </div>
                </div>
            </div>
            <Legend metric rollup scale=scale currency/>
            <div class="heatmap-body" class:with-panel=move || selected.with(Option::is_some)>
                <div class="heatmap-main" node_ref=container>
                    {move || if as_table.get() {
                        view! { <HeatmapTable values figures metric selected/> }.into_any()
                    } else {
                        view! { <MapCanvas layout values scale focused metric currency selected/> }.into_any()
                    }}
                </div>
                {move || selected.get().map(|id| view! { <CapabilityPanel id selected figures/> })}
            </div>
        </section>
    }
}

#[component]
fn FocusChoice(focus: RwSignal<String>) -> impl IntoView {
    let app = crate::ui::context::<App>();
    let options = Memo::new(move |_| {
        app.roadmap.with(|r| {
            let mut areas: Vec<String> =
                r.capabilities.iter().map(|c| c.area.clone()).filter(|a| !a.is_empty()).collect();
            areas.sort();
            areas.dedup();
            (
                r.goals.iter().map(|g| (format!("goal:{}", g.id), g.name.clone())).collect::<Vec<_>>(),
                r.initiatives.iter().map(|i| (format!("initiative:{}", i.id), i.name.clone())).collect::<Vec<_>>(),
                areas.into_iter().map(|a| (format!("area:{a}"), a)).collect::<Vec<_>>(),
            )
        })
    });
    let group = move |label: &'static str, items: Vec<(String, String)>| {
        view! { <optgroup label=label>{items.into_iter().map(|(k, n)| {
            let k2 = k.clone();
            view! { <option value=k selected=move || focus.get() == k2>{n}</option> }
        }).collect_view()}</optgroup> }
    };
    view! {
        <label class="control">"Highlight"
            <select on:change=move |ev| focus.set(event_target_value(&ev))>
                <option value="">"Everything"</option>
                {move || { let (g, i, a) = options.get(); view! {
                    {group("Served by the goal", g)}
                    {group("Improved by the initiative", i)}
                    {group("In the area", a)}
                } }}
            </select>
        </label>
    }
}

#[component]
fn Legend(
    metric: RwSignal<Metric>,
    rollup: RwSignal<RollUp>,
    scale: Memo<Arc<Scale>>,
    currency: Memo<String>,
) -> impl IntoView {
    view! {
        <div class="legend" role="group" aria-label="Legend">
            <ul class="legend-swatches">
                {move || scale.get().legend(&currency.get()).into_iter().map(|(label, fill, ink)| view! {
                    <li style=format!("background:{fill};color:{ink}")>{label}</li>
                }).collect_view()}
            </ul>
            <p class="legend-rule"><strong>"How this is computed: "</strong>{move || metric.get().rule()} " " {move || rollup.get().rule()}</p>
        </div>
    }
}

/// What a tile says that changes with the metric or the date: its accessible name.
#[derive(Clone, PartialEq, Default)]
struct TileLive {
    label: String,
}

/// What a tile shows that changes only with the layout.
#[derive(Clone, PartialEq, Eq, Hash)]
struct TileFrame {
    n: usize,
    id: Id,
    style: String,
    name: String,
}

fn tile_frames(l: &Layout, names: &HashMap<Id, String>) -> Vec<TileFrame> {
    l.tiles
        .iter()
        .enumerate()
        .map(|(n, t)| {
            let r = t.rect;
            TileFrame {
                n,
                id: t.id.clone(),
                style: format!("left:{}px;top:{}px;width:{}px;height:{}px", r.x, r.y, r.w, r.h),
                name: names.get(&t.id).cloned().unwrap_or_default(),
            }
        })
        .collect()
}

fn tile_lives(
    l: &Layout,
    values: &HashMap<Id, f64>,
    names: &HashMap<Id, String>,
    metric: Metric,
    currency: &str,
) -> Vec<TileLive> {
    l.tiles
        .iter()
        .map(|t| {
            let value = values
                .get(&t.id)
                .map(|x| heatmap::value_text(metric, *x, currency))
                .unwrap_or_else(|| "no value".into());
            TileLive { label: format!("{} {value}", names.get(&t.id).map(String::as_str).unwrap_or_default()) }
        })
        .collect()
}

/// The map: plotters draws it on a canvas (tiles, names, values), and over each tile lies a
/// transparent button — focus, click, arrow keys, and an accessible name ("name value"; the
/// metric is its description). Buttons are built once per layout; each has its own small
/// signal, which one effect updates only where the name changed, so a change of metric or
/// date touches no style or layout. (Hundreds of tile effects subscribed to the same signals
/// made every change quadratic in Leptos's subscriber bookkeeping; rebuilding every tile on a
/// metric change was slower still.)
#[component]
#[allow(clippy::too_many_arguments)]
fn MapCanvas(
    layout: Memo<Arc<Layout>>,
    values: Memo<Arc<HashMap<Id, f64>>>,
    scale: Memo<Arc<Scale>>,
    focused: Memo<Option<HashSet<Id>>>,
    metric: RwSignal<Metric>,
    currency: Memo<String>,
    selected: RwSignal<Option<Id>>,
) -> impl IntoView {
    let app = crate::ui::context::<App>();
    let names = Memo::new(move |_| {
        app.roadmap.with(|r| r.capabilities.iter().map(|c| (c.id.clone(), c.name.clone())).collect::<HashMap<_, _>>())
    });
    let frames = Memo::new(move |_| layout.with(|l| names.with(|n| tile_frames(l, n))));
    let lives_now = Memo::new(move |_| {
        let (l, v) = (layout.get(), values.get());
        names.with(|n| tile_lives(&l, &v, n, metric.get(), &currency.get()))
    });
    // One outline marks the selected capability.
    let selection = move || {
        selected.with(|sel| {
            let sel = sel.as_deref()?;
            layout.with(|l| {
                l.tiles.iter().find(|t| t.id == sel).map(|t| {
                    let r = t.rect;
                    format!("left:{}px;top:{}px;width:{}px;height:{}px", r.x, r.y, r.w, r.h)
                })
            })
        })
    };
    // The picture: plotters draws the tiles on a canvas (a redraw is a few fills, no markup
    // to parse), sharp at the device's pixel ratio.
    let canvas = NodeRef::<html::Canvas>::new();
    Effect::new(move |_| {
        let Some(el) = canvas.get() else { return };
        let (l, v, s, f) = (layout.get(), values.get(), scale.get(), focused.get());
        let c = currency.get_untracked();
        let view = MapView {
            layout: &l,
            values: &v,
            scale: &s,
            metric: metric.get_untracked(),
            currency: &c,
            focus: f.as_ref(),
        };
        crate::ui::canvas::paint(&el, l.width, l.height, |root, ratio| draw_map(root, &view, ratio));
    });
    let signals = StoredValue::new(Vec::<ArcRwSignal<TileLive>>::new());
    let signal_of = move |n: usize| {
        signals.update_value(|v| {
            while v.len() <= n {
                v.push(ArcRwSignal::new(TileLive::default()));
            }
        });
        signals.with_value(|v| v[n].clone())
    };
    Effect::new(move |_| {
        lives_now.with(|lives| {
            for (n, live) in lives.iter().enumerate() {
                let signal = signal_of(n);
                if signal.with_untracked(|old| old != live) {
                    signal.set(live.clone());
                }
            }
        })
    });
    // Arrow keys move focus between tiles (the first tile is the one in the tab order).
    let move_focus = move |from: usize, dir: Direction| {
        if let Some(to) = layout.with_untracked(|l| heatmap_layout::neighbour(l, from, dir)) {
            if let Some(el) =
                web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&format!("tile-{to}")))
            {
                let _ = wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlElement>(el).focus();
            }
        }
    };
    let tile = move |f: TileFrame| {
        let n = f.n;
        let id = f.id.clone();
        let live = signal_of(n);
        // The current state right away (the effect may run after this tile is built).
        if let Some(now) = lives_now.with_untracked(|l| l.get(n).cloned()) {
            if live.with_untracked(|old| *old != now) {
                live.set(now);
            }
        }
        view! {
            <button type="button" class="tile-hit" id=format!("tile-{n}") style=f.style
                tabindex=if n == 0 { "0" } else { "-1" } title=f.name aria-describedby="heatmap-metric"
                aria-label=move || live.with(|l| l.label.clone())
                on:click=move |_| selected.set(Some(id.clone()))
                on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                    let dir = match ev.key().as_str() {
                        "ArrowLeft" => Direction::Left,
                        "ArrowRight" => Direction::Right,
                        "ArrowUp" => Direction::Up,
                        "ArrowDown" => Direction::Down,
                        _ => return,
                    };
                    ev.prevent_default();
                    move_focus(n, dir);
                }></button>
        }
    };
    view! {
        <div class="map" style=move || layout.with(|l| format!("width:{}px;height:{}px", l.width.ceil(), l.height.ceil()))>
            <canvas class="map-picture" node_ref=canvas aria-hidden="true"></canvas>
            <span id="heatmap-metric" hidden>{move || metric.get().label()}</span>
            <div class="map-tiles" role="group" aria-label="Capabilities: arrow keys move between them, Enter opens one">
                <Show when=move || layout.with(|l| l.tiles.is_empty())>
                    <p class="muted empty-map">"This roadmap has no capabilities yet. Add them in Roadmap → Capabilities, or start a roadmap from the IT-management template."</p>
                </Show>
                <For each=move || frames.get() key=|f| f.clone() children=tile/>
                {move || selection().map(|style| view! { <div class="tile-selection" style=style aria-hidden="true"></div> })}
            </div>
        </div>
    }
}

#[component]
fn HeatmapTable(
    values: Memo<Arc<HashMap<Id, f64>>>,
    figures: Memo<Arc<HashMap<Id, Figures>>>,
    metric: RwSignal<Metric>,
    selected: RwSignal<Option<Id>>,
) -> impl IntoView {
    let app = crate::ui::context::<App>();
    let rows = Memo::new(move |_| {
        app.roadmap
            .with(|r| r.tree_order().into_iter().map(|(c, l)| (c.id.clone(), c.name.clone(), l)).collect::<Vec<_>>())
    });
    view! {
        <table class="data-table heatmap-table">
            <caption class="visually-hidden">"Capability heatmap as a table"</caption>
            <thead><tr>
                <th scope="col">"Capability"</th>
                <th scope="col" class="num">{move || metric.get().label()}</th>
                <th scope="col" class="num">"Current"</th><th scope="col" class="num">"Target"</th>
                <th scope="col" class="num">"At the date"</th><th scope="col" class="num">"Gap"</th>
                <th scope="col" class="num">"Importance"</th><th scope="col" class="num">"Investment"</th>
                <th scope="col" class="num">"Initiatives"</th><th scope="col">"Risk"</th>
            </tr></thead>
            <tbody>
                {move || {
                    let (v, f) = (values.get(), figures.get());
                    let currency = app.roadmap.with(|r| r.currency.clone());
                    rows.get().into_iter().map(|(id, name, level)| {
                        let fig = f.get(&id).cloned();
                        let shown = v.get(&id).map(|x| heatmap::value_text(metric.get(), *x, &currency)).unwrap_or_default();
                        let open = id.clone();
                        view! { <tr>
                            <th scope="row" style=format!("padding-left:{}rem", 0.5 + (level as f32 - 1.0) * 1.25)>
                                <button type="button" class="link-button" on:click=move |_| selected.set(Some(open.clone()))>{name}</button>
                            </th>
                            <td class="num"><strong>{shown}</strong></td>
                            {fig.map(|g| view! {
                                <td class="num">{g.current}</td><td class="num">{g.target}</td><td class="num">{g.at_date}</td>
                                <td class="num">{g.gap}</td><td class="num">{g.importance}</td>
                                <td class="num">{money(g.investment, &currency)}</td><td class="num">{g.initiatives}</td>
                                <td>{g.risk.label()}</td>
                            })}
                        </tr> }
                    }).collect_view()
                }}
            </tbody>
        </table>
    }
}

#[component]
fn CapabilityPanel(id: Id, selected: RwSignal<Option<Id>>, figures: Memo<Arc<HashMap<Id, Figures>>>) -> impl IntoView {
    let app = crate::ui::context::<App>();
    let item = {
        let id = id.clone();
        Memo::new(move |_| app.roadmap.with(|r| r.capability(&id).cloned()))
    };
    Effect::new(move |_| {
        if item.with(Option::is_none) {
            selected.set(None);
        }
    });
    let fig = {
        let id = id.clone();
        Memo::new(move |_| figures.with(|f| f.get(&id).cloned()))
    };
    let linked = {
        let id = id.clone();
        Memo::new(move |_| app.roadmap.with(|r| heatmap::linked_initiatives(r, &id)))
    };
    let currency = move || app.roadmap.with(|r| r.currency.clone());
    let text = move |f: fn(&crate::domain::Capability) -> String| {
        Signal::derive(move || item.with(|c| c.as_ref().map(|c| f(c)).unwrap_or_default()))
    };
    let commit = {
        let id = id.clone();
        move |change: fn(&mut crate::domain::Capability, String) -> Result<(), String>| {
            let id = id.clone();
            commit_with(app, move |r, t| change(r.capability_mut(&id).ok_or("This capability no longer exists.")?, t))
        }
    };
    crate::ui::fields::focus_later("#heatmap-panel-title");
    view! {
        <aside class="editor-panel heatmap-panel" aria-labelledby="heatmap-panel-title">
            <div class="panel-head">
                <h3 id="heatmap-panel-title" tabindex="-1">{move || item.with(|c| c.as_ref().map(|c| c.name.clone()).unwrap_or_default())}</h3>
                <button type="button" class="quiet" aria-label="Close capability details" on:click=move |_| selected.set(None)>"✕"</button>
            </div>
            <p class="muted">{move || app.roadmap.with(|r| {
                let c = r.capability(&id);
                let level = r.capability_level(&id).map(|l| format!("L{l}")).unwrap_or_default();
                let parent = c.and_then(|c| c.parent.as_deref()).and_then(|p| r.capability(p)).map(|p| format!(" · in {}", p.name)).unwrap_or_default();
                let area = c.map(|c| c.area.clone()).filter(|a| !a.is_empty()).map(|a| format!(" · {a}")).unwrap_or_default();
                format!("{level}{parent}{area}")
            })}</p>
            {move || fig.get().map(|f| view! {
                <dl class="figures">
                    <div><dt>"Maturity now → target"</dt><dd>{format!("{} → {}", f.current, f.target)}</dd></div>
                    <div><dt>"At the chosen date"</dt><dd>{f.at_date}</dd></div>
                    <div><dt>"Gap"</dt><dd>{f.gap}</dd></div>
                    <div><dt>"Importance"</dt><dd>{f.importance}</dd></div>
                    <div><dt>"Planned investment"</dt><dd>{money(f.investment, &currency())}</dd></div>
                    <div><dt>"Risk"</dt><dd>{f.risk.label()}</dd></div>
                </dl>
            })}
            <h4>"Initiatives improving it"</h4>
            {move || { let l = linked.get(); if l.is_empty() {
                view! { <p class="flag">"No initiative improves this capability."</p> }.into_any()
            } else {
                view! { <table class="data-table compact linked-initiatives">
                    <caption class="visually-hidden">"Initiatives improving this capability"</caption>
                    <thead><tr><th scope="col">"Initiative"</th><th scope="col">"Dates"</th><th scope="col" class="num">"Share of cost"</th></tr></thead>
                    <tbody>{l.iter().map(|i| view! { <tr>
                        <td>{i.name.clone()}<div class="muted small">{format!("{} · to maturity {}", i.status.label(), i.maturity_after)}</div></td>
                        <td class="nowrap">{match (i.start, i.end) { (Some(s), Some(e)) => format!("{s} – {e}"), _ => "undated".into() }}</td>
                        <td class="num">{money(i.cost * i.share, &currency())}</td>
                    </tr> }).collect_view()}</tbody>
                </table>
                <h4>"Goals they serve"</h4>
                <ul class="plain-list">{
                    let mut goals: Vec<String> = l.iter().flat_map(|i| i.goals.iter().map(|(_, g)| g.clone())).collect();
                    goals.sort();
                    goals.dedup();
                    if goals.is_empty() { goals.push("None: these initiatives serve no business goal.".into()); }
                    goals.into_iter().map(|g| view! { <li>{g}</li> }).collect_view()
                }</ul> }.into_any()
            }}}
            <h4>"Edit"</h4>
            <div class="form-grid">
                <Field label="Current maturity (0–5)" kind=Kind::Number min="0" max="5" value=text(|c| c.current_maturity.to_string()) commit=commit(|c, t| { c.current_maturity = parse_whole("Current maturity", &t, 0, 255)?; Ok(()) })/>
                <Field label="Target maturity (0–5)" kind=Kind::Number min="0" max="5" value=text(|c| c.target_maturity.to_string()) commit=commit(|c, t| { c.target_maturity = parse_whole("Target maturity", &t, 0, 255)?; Ok(()) })/>
                <Field label="Strategic importance (1–5)" kind=Kind::Number min="1" max="5" value=text(|c| c.importance.to_string()) commit=commit(|c, t| { c.importance = parse_whole("Importance", &t, 0, 255)?; Ok(()) })/>
                <Choice label="Risk" value=text(|c| c.risk.key().to_string())
                    options=Risk::ALL.into_iter().map(|r| (r.key().to_string(), r.label().to_string())).collect()
                    commit=commit(|c, t| { c.risk = Risk::from_key(&t).ok_or("Unknown risk level")?; Ok(()) })/>
            </div>
        </aside>
    }
}
