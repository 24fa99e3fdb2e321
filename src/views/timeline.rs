//! Timeline: the roadmap over time — lanes, bars, milestones, dependencies, budget and FTE
//! strips — with drag and keyboard rescheduling, the problems panel and the parking lot.
//!
//! The rules are `domain::schedule`'s, `layout::timeline` lays it out, plotters draws it on a
//! canvas (`charts::timeline`), and this view places one focusable button over each bar:
//! pointer drags use the layout's exact hit-testing (middle moves, ends resize), arrow keys move the
//! bar by a month (Shift: its end), and each gesture is one undo step.

use crate::charts::slides::{timeline_slide, timeline_view, TIMELINE_HEADER};
use crate::charts::timeline::{self as chart, ColourBy, LANE_GUTTER};
use crate::charts::Backend;
use crate::domain::schedule::{self, Edge, Grouping};
use crate::domain::{Id, Roadmap};
use crate::layout::timeline::{self, Axis, BarPart, Hit, TimelineLayout, TimelineOptions, Zoom};
use crate::layout::Rect;
use crate::state::{Action, App, Level, Topic};
use crate::ui::choices::TimelineChoices;
use crate::ui::export::ExportButtons;
use crate::ui::size::use_element_size;
use crate::ui::today;
use leptos::html;
use leptos::prelude::*;
use std::collections::HashSet;
use std::sync::Arc;

/// Undated initiatives listed before "Show all".
const PARKED_SHOWN: usize = 25;

/// Height of the axis header band above the lanes.
const HEADER: f64 = TIMELINE_HEADER;

fn timeline_options() -> TimelineOptions {
    TimelineOptions::default()
}

/// A drag in progress: which bar, which part, where it started, how many months so far.
#[derive(Clone, PartialEq)]
struct Drag {
    id: Id,
    part: BarPart,
    x0: f64,
    months: i32,
    moved: bool,
}

/// Applies a (possibly previewed) drag to a roadmap.
fn apply_drag(r: &mut Roadmap, d: &Drag) -> bool {
    let Some((start, end)) = r.initiative(&d.id).and_then(|i| i.dates()) else { return false };
    match d.part {
        BarPart::Middle => schedule::shift(r, &d.id, d.months),
        BarPart::Start => schedule::resize(r, &d.id, Edge::Start, start.plus(d.months)),
        BarPart::End => schedule::resize(r, &d.id, Edge::End, end.plus(d.months)),
    }
}

/// After a move: offer to push along successors it now overlaps.
fn offer_push(app: App, id: &str) {
    let broken = app.roadmap.with_untracked(|r| schedule::successors_broken_by(r, id));
    if broken.is_empty() {
        app.clear_topic(Topic::Push);
        return;
    }
    let names = app.roadmap.with_untracked(|r| {
        broken.iter().filter_map(|b| r.initiative(b).map(|i| format!("\"{}\"", i.name))).collect::<Vec<_>>().join(", ")
    });
    let name = app.roadmap.with_untracked(|r| r.initiative(id).map(|i| i.name.clone()).unwrap_or_default());
    app.notify(
        Topic::Push,
        Level::Warning,
        &format!("Moving \"{name}\" makes {names} start before it ends (they depend on it)."),
        vec![
            ("Push them along".into(), Action::PushSuccessors(id.to_string())),
            ("Leave them".into(), Action::Dismiss),
        ],
    );
}

#[component]
pub fn Timeline() -> impl IntoView {
    let app = crate::ui::context::<App>();
    let choices = crate::ui::context::<TimelineChoices>();
    let TimelineChoices { zoom, grouping, colour_by, dependencies, collapsed, selected, as_table } = choices;
    let drag = RwSignal::new(None::<Drag>);

    // The roadmap as drawn. A drag in progress is shown by a ghost bar over the chart (one
    // element moved per frame); the layout and the picture change once, on drop.
    let shown = Memo::new(move |_| Arc::new(app.roadmap.get()));
    let axis = Memo::new(move |_| app.roadmap.with(|r| Axis::for_roadmap(r, zoom.get())));
    let layout = Memo::new(move |_| {
        let (r, a) = (shown.get(), axis.get());
        Arc::new(collapsed.with(|c| timeline::layout(&r, grouping.get(), &a, c, &timeline_options())))
    });
    let broken = Memo::new(move |_| app.roadmap.with(schedule::broken_dependencies));
    let show_all_parked = RwSignal::new(false);
    let parked = Memo::new(move |_| {
        app.roadmap.with(|r| {
            schedule::parking_lot(r)
                .into_iter()
                .filter_map(|id| r.initiative(&id).map(|i| (id, i.name.clone())))
                .collect::<Vec<_>>()
        })
    });

    let export = move || {
        app.roadmap.with_untracked(|r| {
            collapsed.with_untracked(|c| {
                timeline_slide(
                    r,
                    zoom.get_untracked(),
                    grouping.get_untracked(),
                    colour_by.get_untracked(),
                    dependencies.get_untracked(),
                    c,
                    today(),
                )
            })
        })
    };

    view! {
        <section class="view timeline" aria-labelledby="view-title">
            <div class="view-head">
                <h2 id="view-title">"Timeline"</h2>
                <div class="toolbar">
                    <button type="button" on:click=move |_| as_table.update(|t| *t = !*t)>
                        {move || if as_table.get() { "Show as chart" } else { "Show as table" }}
                    </button>
                    <ExportButtons slide=export/>
                </div>
            </div>
            <div class="heatmap-controls">
                <label class="control">"Zoom"
                    <select on:change=move |ev| if let Some(z) = Zoom::ALL.into_iter().find(|z| z.label() == event_target_value(&ev)) { zoom.set(z) }>
                        {Zoom::ALL.into_iter().map(|z| view! { <option value=z.label() selected=move || zoom.get() == z>{z.label()}</option> }).collect_view()}
                    </select>
                </label>
                <label class="control">"Lanes by"
                    <select on:change=move |ev| if let Some(g) = Grouping::ALL.into_iter().find(|g| g.label() == event_target_value(&ev)) { grouping.set(g) }>
                        {Grouping::ALL.into_iter().map(|g| view! { <option value=g.label() selected=move || grouping.get() == g>{g.label()}</option> }).collect_view()}
                    </select>
                </label>
                <label class="control">"Colour by"
                    <select on:change=move |ev| if let Some(c) = ColourBy::from_key(&event_target_value(&ev)) { colour_by.set(c) }>
                        {ColourBy::ALL.into_iter().map(|c| view! { <option value=c.key() selected=move || colour_by.get() == c>{c.label()}</option> }).collect_view()}
                    </select>
                </label>
                <label class="check"><input type="checkbox" prop:checked=move || dependencies.get() on:change=move |ev| dependencies.set(event_target_checked(&ev))/>" Dependencies"</label>
            </div>
            <ul class="legend-swatches timeline-legend" aria-label="Legend">
                {move || app.roadmap.with(|r| chart::legend(r, colour_by.get())).into_iter().map(|(label, fill)| view! {
                    <li><span class="swatch" style=format!("background:{fill}")></span>{label}</li>
                }).collect_view()}
            </ul>
            <div class="timeline-body">
                <div class="timeline-main">
                    {move || if as_table.get() {
                        view! { <TimelineTable/> }.into_any()
                    } else {
                        view! { <Chart shown layout axis drag selected collapsed/> }.into_any()
                    }}
                </div>
                <aside class="timeline-side" aria-label="Problems and parking lot">
                    <section>
                        <h3>"Problems"</h3>
                        {move || { let b = broken.get(); if b.is_empty() {
                            view! { <p class="muted">"No broken dependencies."</p> }.into_any()
                        } else {
                            view! { <ul class="problems">{b.into_iter().map(|p| {
                                let id = p.successor.clone();
                                view! { <li>
                                    <span class="flag">"Broken dependency: "</span>{p.message.clone()}
                                    <button type="button" on:click=move |_| {
                                        app.edit_or_tell(|r| { schedule::move_after_predecessors(r, &id); });
                                    }>"Move after predecessor"</button>
                                </li> }
                            }).collect_view()}</ul> }.into_any()
                        }}}
                    </section>
                    <section>
                        <h3>"Parking lot"</h3>
                        <p class="muted small">"Undated initiatives. Give one a start month, or drag it onto the timeline."</p>
                        {move || { let p = parked.get(); if p.is_empty() {
                            view! { <p class="muted">"Nothing is waiting for dates."</p> }.into_any()
                        } else {
                            // A long parking lot shows its first entries, the rest on request.
                            let total = p.len();
                            let shown = if show_all_parked.get() { total } else { total.min(PARKED_SHOWN) };
                            view! {
                                <ul class="parking">{p.into_iter().take(shown).map(|(id, name)| view! { <ParkedItem id name/> }).collect_view()}</ul>
                                {(shown < total).then(|| view! {
                                    <button type="button" class="link-button" on:click=move |_| show_all_parked.set(true)>
                                        {format!("Show all {total} undated initiatives")}
                                    </button>
                                })}
                            }.into_any()
                        }}}
                    </section>
                </aside>
            </div>
        </section>
    }
}

#[component]
fn ParkedItem(id: Id, name: String) -> impl IntoView {
    let app = crate::ui::context::<App>();
    let start = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let id_drag = id.clone();
    let schedule = Callback::new(move |_: ()| match crate::ui::fields::parse_month(&start.get_untracked()) {
        Ok(Some(m)) => {
            if let Err(refusal) = app.edit(|r| {
                schedule::schedule(r, &id, m);
            }) {
                error.set(Some(refusal.into_reason()));
            }
        }
        Ok(None) => error.set(Some("Choose a start month.".into())),
        Err(e) => error.set(Some(e)),
    });
    view! {
        <li draggable="true" on:dragstart=move |ev: leptos::ev::DragEvent| {
            if let Some(dt) = ev.data_transfer() { let _ = dt.set_data("text/plain", &format!("cairn-initiative:{id_drag}")); }
        }>
            <span class="parked-name">{name.clone()}</span>
            <span class="parked-actions">
                <input type="month" aria-label=format!("Start of {name}") prop:value=move || start.get() on:input=move |ev| start.set(event_target_value(&ev))
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Enter" { ev.prevent_default(); schedule.run(()); }/>
                <button type="button" aria-label=format!("Schedule {name}") on:click=move |_| schedule.run(())>"Schedule"</button>
            </span>
            {move || error.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
        </li>
    }
}

#[component]
fn Chart(
    shown: Memo<Arc<Roadmap>>,
    layout: Memo<Arc<TimelineLayout>>,
    axis: Memo<Axis>,
    drag: RwSignal<Option<Drag>>,
    selected: RwSignal<Option<Id>>,
    collapsed: RwSignal<HashSet<String>>,
) -> impl IntoView {
    let app = crate::ui::context::<App>();
    let TimelineChoices { colour_by, dependencies, .. } = crate::ui::context::<TimelineChoices>();
    let scroller = NodeRef::<html::Div>::new();
    let wrap = NodeRef::<html::Div>::new();
    let canvas = NodeRef::<html::Canvas>::new();
    // The part of the drawing in view; the canvas is that size, stays in view while the
    // rest scrolls, and is redrawn on every scroll: the work follows the viewport.
    // Until measured: the browser window, which the view cannot exceed.
    let screen = web_sys::window().map(|w| {
        let px = |v: Result<wasm_bindgen::JsValue, _>| v.ok().and_then(|v| v.as_f64()).unwrap_or(1000.0);
        (px(w.inner_width()), px(w.inner_height()))
    });
    let (sw, sh) = screen.unwrap_or((1000.0, 800.0));
    let port = RwSignal::new(Rect { x: 0.0, y: 0.0, w: sw, h: sh });
    // Scrolled, or its room changed (a window resize, the side panel).
    let moved = RwSignal::new(0u32);
    let room = use_element_size(scroller);
    Effect::new(move |_| {
        let (Some(el), Some(sc), Some(wr)) = (canvas.get(), scroller.get(), wrap.get()) else { return };
        let (r, a, l) = (shown.get(), axis.get(), layout.get());
        moved.track();
        room.track();
        colour_by.track();
        dependencies.track();
        let sel = selected.get();
        let v =
            timeline_view(&r, &a, &l, sel.as_deref(), colour_by.get_untracked(), dependencies.get_untracked(), today());
        let (w, h) = chart::size(&v);
        let size = format!("width:{}px;height:{}px", w.ceil(), h.ceil());
        if wr.get_attribute("style").as_deref() != Some(size.as_str()) {
            let _ = wr.set_attribute("style", &size);
        }
        let window = Rect {
            x: sc.scroll_left().max(0) as f64,
            y: sc.scroll_top().max(0) as f64,
            w: (sc.client_width() as f64).min(w.ceil()).max(1.0),
            h: (sc.client_height() as f64).min(h.ceil()).max(1.0),
        };
        if port.get_untracked() != window {
            port.set(window);
        }
        let mut clip = crate::ui::canvas::clipper(&el);
        crate::ui::canvas::paint(&el, window.w, window.h, |root, ratio| {
            chart::draw_window(root, &v, ratio, Backend::Canvas, window, &mut clip)
        });
    });
    // Bar buttons: all of them for a roadmap of ordinary size; for a large one, those near
    // the view (in blocks of 256 px, a quarter screen of margin), so the page holds a few
    // hundred. A bar reached with Tab scrolls into view, which brings its neighbours.
    let buttons = Memo::new(move |_| {
        let p = port.get();
        layout.with(|l| {
            const BLOCK: f64 = 256.0;
            let block = |v: f64| (v / BLOCK).floor() * BLOCK;
            let near =
                Rect { x: block(p.x - p.w / 4.0) - LANE_GUTTER, y: block(p.y - p.h / 4.0) - HEADER, w: 0.0, h: 0.0 };
            let (x1, y1) = (block(p.x + 1.25 * p.w) + BLOCK - LANE_GUTTER, block(p.y + 1.25 * p.h) + BLOCK - HEADER);
            let all = l.bars.len() <= 300;
            l.bars
                .iter()
                .enumerate()
                .filter(|(_, b)| {
                    all || (b.rect.right() >= near.x && b.rect.x <= x1 && b.rect.bottom() >= near.y && b.rect.y <= y1)
                })
                .map(|(n, b)| (n, b.initiative.clone(), b.rect, b.start, b.end, b.lane))
                .collect::<Vec<_>>()
        })
    });
    // After a keyboard move the bar's button is new: give it the focus back.
    let refocus = move |id: Id, lane: usize| {
        request_animation_frame(move || {
            let Some(w) = wrap.get_untracked() else { return };
            let Ok(list) = w.query_selector_all(".bar-hit") else { return };
            let mut first = None;
            for n in 0..list.length() {
                let Some(el) =
                    list.item(n).and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
                else {
                    continue;
                };
                if el.get_attribute("data-initiative").as_deref() == Some(id.as_str()) {
                    if el.get_attribute("data-lane").as_deref() == Some(lane.to_string().as_str()) {
                        let _ = el.focus();
                        return;
                    }
                    first.get_or_insert(el);
                }
            }
            if let Some(el) = first {
                let _ = el.focus();
            }
        });
    };
    // A press in the header band or the lane titles (which stay put over the scrolled
    // drawing) is not on a bar.
    let on_fixed_part = move |ev: &web_sys::PointerEvent| {
        scroller.get_untracked().is_some_and(|s| {
            let r = s.get_bounding_client_rect();
            (ev.client_x() as f64) - r.left() < LANE_GUTTER || (ev.client_y() as f64) - r.top() < HEADER
        })
    };
    let names = Memo::new(move |_| {
        app.roadmap.with(|r| {
            r.initiatives
                .iter()
                .map(|i| (i.id.clone(), (i.name.clone(), i.status.label())))
                .collect::<std::collections::HashMap<_, _>>()
        })
    });
    // Layout coordinates of a pointer event on the overlay.
    let local = |ev: &web_sys::PointerEvent| -> (f64, f64) {
        let target = ev.current_target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok());
        let rect = target.map(|t| t.get_bounding_client_rect());
        let (left, top) = rect.map(|r| (r.left(), r.top())).unwrap_or_default();
        (ev.client_x() as f64 - left - LANE_GUTTER, ev.client_y() as f64 - top - HEADER)
    };
    let on_down = move |ev: web_sys::PointerEvent| {
        if ev.button() != 0 || on_fixed_part(&ev) {
            return;
        }
        let (x, y) = local(&ev);
        match layout.with_untracked(|l| timeline::hit_test(l, x, y)) {
            Some(Hit::Bar { index, part }) => {
                let id = layout.with_untracked(|l| l.bars[index].initiative.clone());
                drag.set(Some(Drag { id, part, x0: x, months: 0, moved: false }));
                if let Some(t) =
                    ev.current_target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
                {
                    let _ = t.set_pointer_capture(ev.pointer_id());
                }
                ev.prevent_default();
            }
            Some(Hit::LaneHeader(index)) => {
                let key = layout.with_untracked(|l| l.lanes[index].key.clone());
                collapsed.update(|c| {
                    if !c.remove(&key) {
                        c.insert(key);
                    }
                });
            }
            _ => {}
        }
    };
    let on_move = move |ev: web_sys::PointerEvent| {
        let Some(d) = drag.get_untracked() else { return };
        let (x, _) = local(&ev);
        let months = axis.with_untracked(|a| a.months_in(x - d.x0));
        if months != d.months || (!d.moved && (x - d.x0).abs() > 3.0) {
            drag.set(Some(Drag { months, moved: d.moved || (x - d.x0).abs() > 3.0, ..d }));
        }
    };
    let on_up = move |_ev: web_sys::PointerEvent| {
        let Some(d) = drag.get_untracked() else { return };
        drag.set(None);
        if d.moved && d.months != 0 {
            // One gesture, one undo step.
            if app.edit_or_tell(|r| {
                apply_drag(r, &d);
            }) {
                offer_push(app, &d.id);
            }
        } else if !d.moved {
            selected.set(Some(d.id.clone()));
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        let data = ev.data_transfer().and_then(|dt| dt.get_data("text/plain").ok()).unwrap_or_default();
        let Some(id) = data.strip_prefix("cairn-initiative:").map(str::to_string) else { return };
        let target = ev.current_target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok());
        let left = target.map(|t| t.get_bounding_client_rect().left()).unwrap_or_default();
        let month = axis.with_untracked(|a| a.month_at(ev.client_x() as f64 - left - LANE_GUTTER));
        app.edit_or_tell(|r| {
            schedule::schedule(r, &id, month);
        });
    };
    let keyed = move |id: Id, lane: usize, ev: leptos::ev::KeyboardEvent| {
        let step = match ev.key().as_str() {
            "ArrowLeft" => -1,
            "ArrowRight" => 1,
            "Enter" | " " => {
                ev.prevent_default();
                selected.set(Some(id));
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        let end = ev.shift_key();
        let moved = app.edit_or_tell(|r| {
            let Some((s, e)) = r.initiative(&id).and_then(|i| i.dates()) else { return };
            if end {
                schedule::resize(r, &id, Edge::End, e.plus(step));
            } else if ev.alt_key() {
                schedule::resize(r, &id, Edge::Start, s.plus(step));
            } else {
                schedule::shift(r, &id, step);
            }
        });
        if moved {
            offer_push(app, &id);
            refocus(id.clone(), lane);
        }
        selected.set(Some(id));
    };
    view! {
        <div class="timeline-scroll" node_ref=scroller on:scroll=move |_| moved.update(|n| *n += 1)>
        <div class="timeline-wrap" node_ref=wrap>
            <canvas node_ref=canvas class="timeline-picture" aria-hidden="true"></canvas>
            <div class="timeline-hits" role="group"
                aria-label="Initiatives on the timeline: drag a bar or its ends; with a bar focused, arrow keys move it a month, Shift+arrows change its end, Alt+arrows its start"
                on:pointerdown=on_down on:pointermove=on_move on:pointerup=on_up
                on:dragover=move |ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=on_drop>
                // Lane headers: buttons that collapse and expand their lane; they stay at the
                // left like the lane titles drawn under them.
                <div class="timeline-lanes" style:transform=move || format!("translateX({}px)", port.get().x)>
                <For each=move || layout.with(|l| l.lanes.iter().map(|lane| (lane.key.clone(), lane.title.clone(), lane.y, lane.collapsed, lane.count)).collect::<Vec<_>>())
                    key=|lane| (lane.0.clone(), lane.2 as i64, lane.3) let:lane>
                    {
                        let (key, title, y, closed, count) = lane;
                        let h = timeline_options().lane_header_height;
                        view! {
                            <button type="button" class="lane-hit" aria-expanded=(!closed).to_string()
                                aria-label=format!("{title}: {count} initiatives") title=title.clone()
                                style=format!("left:0;top:{}px;width:{}px;height:{}px", HEADER + y, LANE_GUTTER, h)
                                on:pointerdown=move |ev: web_sys::PointerEvent| ev.stop_propagation()
                                on:click=move |_| collapsed.update(|c| if !c.remove(&key) { c.insert(key.clone()); })></button>
                        }
                    }
                </For>
                </div>
                <For each=move || buttons.get()
                    key=|(n, id, r, s, e, _)| (*n, id.clone(), (r.x as i64, r.y as i64, r.w as i64), *s, *e)
                    let:bar>
                    {
                        // Static: no per-bar subscriptions (thousands of bars on the same signal
                        // would make every change quadratic); a changed bar gets a new key.
                        let (_, id, r, s, e, lane) = bar;
                        let label = names.with_untracked(|n| n.get(&id).map(|(name, status)| format!("{name}, {s} to {e}, {status}")).unwrap_or_default());
                        view! {
                            <button type="button" class="bar-hit" tabindex="0"
                                style=format!("left:{}px;top:{}px;width:{}px;height:{}px", LANE_GUTTER + r.x, HEADER + r.y, r.w.max(6.0), r.h)
                                aria-label=label data-initiative=id.clone() data-lane=lane.to_string()
                                on:keydown=move |ev: leptos::ev::KeyboardEvent| keyed(id.clone(), lane, ev)></button>
                        }
                    }
                </For>
                {move || {
                    // The selected initiative's bars, outlined.
                    let sel = selected.get()?;
                    Some(layout.with(|l| l.bars.iter().filter(|b| b.initiative == sel).map(|b| {
                        let r = b.rect;
                        view! { <div class="bar-selection" aria-hidden="true"
                            style=format!("left:{}px;top:{}px;width:{}px;height:{}px", LANE_GUTTER + r.x, HEADER + r.y, r.w.max(6.0), r.h)></div> }
                    }).collect_view()))
                }}
                {move || {
                    // The bar being dragged, where it would land, with its new dates.
                    let d = drag.get().filter(|d| d.moved)?;
                    let (r, s, e) = layout.with(|l| l.bars.iter().find(|b| b.initiative == d.id).map(|b| (b.rect, b.start, b.end)))?;
                    let px = axis.with(|a| a.px_per_month);
                    let m = d.months as f64 * px;
                    let (x, w, s2, e2) = match d.part {
                        BarPart::Middle => (r.x + m, r.w, s.plus(d.months), e.plus(d.months)),
                        BarPart::Start => (r.x + m.min(r.w - px), (r.w - m).max(px), s.plus(d.months).min(e), e),
                        BarPart::End => (r.x, (r.w + m).max(px), s, e.plus(d.months).max(s)),
                    };
                    Some(view! { <div class="bar-ghost" role="status"
                        style=format!("left:{}px;top:{}px;width:{}px;height:{}px", LANE_GUTTER + x, HEADER + r.y, w, r.h)>
                        <span>{format!("{s2} – {e2}")}</span></div> })
                }}
            </div>
        </div>
        </div>
    }
}

#[component]
fn TimelineTable() -> impl IntoView {
    let app = crate::ui::context::<App>();
    view! {
        <table class="data-table">
            <caption class="visually-hidden">"Timeline as a table"</caption>
            <thead><tr>
                <th scope="col">"Initiative"</th><th scope="col">"Start"</th><th scope="col">"End"</th><th scope="col">"Status"</th>
                <th scope="col">"Depends on"</th><th scope="col">"Milestones"</th>
            </tr></thead>
            <tbody>
                {move || app.roadmap.with(|r| r.initiatives.iter().map(|i| {
                    let deps = i.depends_on.iter().filter_map(|d| r.initiative(d).map(|x| x.name.clone())).collect::<Vec<_>>().join(", ");
                    let ms = i.milestones.iter().map(|m| format!("{} ({})", m.name, m.month.map(|m| m.to_string()).unwrap_or_default())).collect::<Vec<_>>().join(", ");
                    view! { <tr>
                        <th scope="row">{i.name.clone()}</th>
                        <td class="nowrap">{i.start.map(|m| m.to_string()).unwrap_or_else(|| "undated".into())}</td>
                        <td class="nowrap">{i.end.map(|m| m.to_string()).unwrap_or_default()}</td>
                        <td>{i.status.label()}</td><td>{deps}</td><td>{ms}</td>
                    </tr> }
                }).collect_view())}
            </tbody>
        </table>
    }
}
