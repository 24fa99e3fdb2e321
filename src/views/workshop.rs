//! Workshops and paper: presentation mode (full screen, large type, editing hidden, arrow
//! keys step through heatmap → timeline → portfolio summary → landscape map), printing the charts, the list
//! of keyboard shortcuts (`?`), and the notice that a new version of Cairn is ready (the
//! offline app: `pwa/sw.js`, registered by `public/boot.js`).
//!
//! The heatmap, the timeline and the landscape map are presented and printed as their 1920 × 1080 slide (the
//! picture the SVG/PNG export downloads): vector, the whole timeline rather than the part in
//! view, with title, subtitle and legend, in type sized for a wall screen, and fitted to the
//! screen or the page whatever its shape.

use crate::route::{Route, View};
use crate::state::{Action, App, Level, Topic};
use crate::ui::confirm::Modal;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The stops of a presentation, in order: title and address.
pub const STOPS: [(&str, &str); 4] = [
    ("Capability heatmap", "#/heatmap"),
    ("Timeline", "#/timeline"),
    ("Portfolio summary", "#/portfolio/summary"),
    ("Landscape map", "#/landscape"),
];

/// The stop a route is, if it is one: the stop's own address (the portfolio summary, not
/// Finance; the landscape map, not the Applications list).
pub fn stop_of(route: Route) -> Option<usize> {
    STOPS.iter().position(|(_, href)| Route::parse(href) == route)
}

/// What a key does while presenting.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Step {
    Next,
    Previous,
    First,
    Last,
    Leave,
}

impl Step {
    pub fn for_key(key: &str) -> Option<Step> {
        Some(match key {
            "ArrowRight" | "PageDown" => Step::Next,
            "ArrowLeft" | "PageUp" => Step::Previous,
            "Home" => Step::First,
            "End" => Step::Last,
            "Escape" => Step::Leave,
            _ => return None,
        })
    }

    /// The stop after this step from `current` (`None`: not on a stop), or `None` to leave.
    /// Steps stop at either end.
    pub fn from(self, current: Option<usize>) -> Option<usize> {
        let last = STOPS.len() - 1;
        Some(match (self, current) {
            (Step::Leave, _) => return None,
            (Step::First, _) | (Step::Next | Step::Previous, None) => 0,
            (Step::Last, _) => last,
            (Step::Next, Some(i)) => (i + 1).min(last),
            (Step::Previous, Some(i)) => i.saturating_sub(1),
        })
    }
}

/// Every keyboard shortcut of the app, by where it works: the keys (alternatives separated
/// by `|`) and what they do.
pub const SHORTCUTS: &[(&str, &[(&str, &str)])] = &[
    (
        "Everywhere",
        &[
            ("?", "Show this list of keyboard shortcuts"),
            ("P", "Present: full screen, heatmap → timeline → portfolio summary → landscape map"),
            ("Ctrl+Z|⌘Z", "Undo the last change"),
            ("Ctrl+Shift+Z|Ctrl+Y|⇧⌘Z", "Redo the change undone"),
            ("Tab|Shift+Tab", "Next / previous control"),
            ("Esc", "Close a dialog or the Roadmaps menu"),
        ],
    ),
    (
        "Presenting",
        &[
            ("→|Page Down", "Next view"),
            ("←|Page Up", "Previous view"),
            ("Home", "First view"),
            ("End", "Last view"),
            ("Esc", "Stop presenting and leave full screen"),
        ],
    ),
    (
        "Heatmap",
        &[
            ("←|→|↑|↓", "Move between the capabilities on the map"),
            ("Enter|Space", "Open the capability's details"),
            ("←|→", "On the date slider: a quarter earlier / later"),
            ("Home|End", "On the date slider: the first / last quarter"),
        ],
    ),
    (
        "Timeline, with a bar focused",
        &[
            ("←|→", "Move the initiative a month earlier / later"),
            ("Shift+←|Shift+→", "Move its end"),
            ("Alt+←|Alt+→", "Move its start"),
            ("Enter|Space", "Select it"),
            ("Enter", "In a parking-lot start month: schedule the initiative"),
        ],
    ),
    (
        "Adding initiatives quickly (Roadmap → Initiatives)",
        &[("Enter", "Add the initiative and start the next one"), ("Esc", "Clear the fields")],
    ),
];

/// Presentation, printing and the shortcut list; the app shell provides it.
#[derive(Clone, Copy)]
pub struct Workshop {
    pub presenting: RwSignal<bool>,
    /// Between `beforeprint` and `afterprint` (or while print media applies).
    pub printing: RwSignal<bool>,
    pub shortcuts_open: RwSignal<bool>,
}

fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}

fn in_text_field(ev: &web_sys::KeyboardEvent) -> bool {
    ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|el| {
        matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || el.has_attribute("contenteditable")
    })
}

fn go(hash: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(hash);
    }
}

/// Calls a method that returns a promise (the Fullscreen API) and ignores a refusal: a
/// browser or frame that does not allow full screen still gets the presentation.
fn call_quietly(target: &wasm_bindgen::JsValue, method: &str) {
    let Ok(f) = js_sys::Reflect::get(target, &method.into()).and_then(|f| f.dyn_into::<js_sys::Function>()) else {
        return;
    };
    if let Ok(p) = f.call0(target).and_then(|p| p.dyn_into::<js_sys::Promise>()) {
        leptos::task::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(p).await;
        });
    }
}

impl Workshop {
    /// Creates the state and listens for the keys, printing, full screen and new versions.
    pub fn start(app: App, route: RwSignal<Route>) -> Workshop {
        let w = Workshop {
            presenting: RwSignal::new(false),
            printing: RwSignal::new(false),
            shortcuts_open: RwSignal::new(false),
        };
        let _ = window_event_listener(leptos::ev::keydown, move |e: web_sys::KeyboardEvent| w.on_key(&e, route));
        // Printing is on between `beforeprint` and `afterprint`, or while print media applies
        // (print preview emulation, automation). Either alone keeps it on: the browser may
        // report the media as not print while its dialog lays the page out.
        let print_media = web_sys::window().and_then(|win| win.match_media("print").ok().flatten());
        let in_dialog = StoredValue::new(false);
        let media = print_media.clone();
        let update = move || {
            let on = in_dialog.get_value() || media.as_ref().is_some_and(|q| q.matches());
            if w.printing.get_untracked() != on {
                w.printing.set(on);
            }
        };
        let update = std::rc::Rc::new(update);
        let (before, after, change) = (update.clone(), update.clone(), update);
        let _ = window_event_listener_untyped("beforeprint", move |_| {
            in_dialog.set_value(true);
            before()
        });
        let _ = window_event_listener_untyped("afterprint", move |_| {
            in_dialog.set_value(false);
            after()
        });
        if let Some(query) = print_media {
            let on_change = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || change());
            let _ = query.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
            on_change.forget();
        }
        // Leaving full screen (Esc, or the browser's own control) ends the presentation.
        let _ = window_event_listener_untyped("fullscreenchange", move |_| {
            if document().and_then(|d| d.fullscreen_element()).is_none() && w.presenting.get_untracked() {
                w.presenting.set(false);
            }
        });
        Effect::new(move |_| {
            let on = w.presenting.get();
            if let Some(root) = document().and_then(|d| d.document_element()) {
                let _ = if on {
                    root.set_attribute("data-presenting", "")
                } else {
                    root.remove_attribute("data-presenting")
                };
            }
        });
        // A new version of Cairn installed itself beside this one (see public/boot.js).
        let ready = move || {
            app.notify(
                Topic::Update,
                Level::Info,
                "A new version of Cairn is ready. Reload to start using it; your roadmaps stay as they are.",
                vec![("Reload".into(), Action::ReloadForUpdate), ("Later".into(), Action::Dismiss)],
            )
        };
        let _ = window_event_listener_untyped("cairn-update-ready", move |_| ready());
        let _ = window_event_listener_untyped("cairn-updated-elsewhere", move |_| {
            app.notify(
                Topic::Update,
                Level::Info,
                "Cairn was updated in another tab. Reload this tab to use the new version.",
                vec![("Reload".into(), Action::ReloadForUpdate), ("Later".into(), Action::Dismiss)],
            )
        });
        if document().and_then(|d| d.document_element()).and_then(|r| r.get_attribute("data-cairn-update")).as_deref()
            == Some("ready")
        {
            ready();
        }
        w
    }

    fn on_key(self, e: &web_sys::KeyboardEvent, route: RwSignal<Route>) {
        if e.default_prevented()
            || e.ctrl_key()
            || e.meta_key()
            || e.alt_key()
            || in_text_field(e)
            || self.shortcuts_open.get_untracked()
        {
            return;
        }
        if document().and_then(|d| d.query_selector("dialog[open]").ok().flatten()).is_some() {
            return;
        }
        let key = e.key();
        if key == "?" {
            e.prevent_default();
            self.shortcuts_open.set(true);
        } else if self.presenting.get_untracked() {
            if let Some(step) = Step::for_key(&key) {
                e.prevent_default();
                self.step(step, route);
            }
        } else if key.eq_ignore_ascii_case("p") && !e.repeat() {
            e.prevent_default();
            self.present(route);
        }
    }

    /// Starts presenting: full screen where allowed, from the current view if it is a stop.
    pub fn present(self, route: RwSignal<Route>) {
        if let Some(root) = document().and_then(|d| d.document_element()) {
            if document().and_then(|d| d.fullscreen_element()).is_none() {
                call_quietly(&root, "requestFullscreen");
            }
        }
        self.presenting.set(true);
        if stop_of(route.get_untracked()).is_none() {
            go(STOPS[0].1);
        }
        request_animation_frame(|| {
            if let Some(el) = document().and_then(|d| d.get_element_by_id("presentation")) {
                let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        });
    }

    pub fn step(self, step: Step, route: RwSignal<Route>) {
        // The address, not the route signal: a key pressed right after the previous step
        // comes before the browser's hashchange event has updated the route.
        let here = web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .map_or_else(|| route.get_untracked(), |h| Route::parse(&h));
        match step.from(stop_of(here)) {
            Some(i) => go(STOPS[i].1),
            None => self.leave(),
        }
    }

    pub fn leave(self) {
        self.presenting.set(false);
        if let Some(doc) = document() {
            if doc.fullscreen_element().is_some() {
                call_quietly(&doc, "exitFullscreen");
            }
        }
    }
}

/// The header's buttons: present, and the shortcut list.
#[component]
pub fn WorkshopButtons() -> impl IntoView {
    let w = crate::ui::context::<Workshop>();
    let route = crate::ui::context::<RwSignal<Route>>();
    view! {
        <div class="workshop-buttons">
        <button type="button" class="icon-button" aria-keyshortcuts="P" title="Present full screen: heatmap, timeline, portfolio summary, landscape map (P)"
            on:click=move |_| w.present(route)>"▶ Present"</button>
        <button type="button" class="icon-button" aria-keyshortcuts="?" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)"
            on:click=move |_| w.shortcuts_open.set(true)>"?"</button>
        </div>
    }
}

/// The slide of the heatmap, the timeline or the landscape map, as chosen in those views, while presenting or
/// printing (on screen otherwise nothing); and the presentation's own controls.
#[component]
pub fn Stage() -> impl IntoView {
    let app = crate::ui::context::<App>();
    let w = crate::ui::context::<Workshop>();
    let route = crate::ui::context::<RwSignal<Route>>();
    let heat = crate::ui::context::<crate::ui::choices::HeatmapChoices>();
    let time = crate::ui::context::<crate::ui::choices::TimelineChoices>();
    let land = crate::ui::context::<crate::ui::choices::LandscapeChoices>();
    let stop = Memo::new(move |_| stop_of(route.get()));
    // The picture, worked out only while it can be seen. A chart shown as its table prints
    // as the table (on as many pages as it takes: the way to print a large roadmap legibly).
    let slide = Memo::new(move |_| {
        let presenting = w.presenting.get();
        if !(presenting || w.printing.get()) {
            return None;
        }
        let (title, svg) = match route.get().view() {
            View::Heatmap if !presenting && heat.as_table.get() => return None,
            View::Timeline if !presenting && time.as_table.get() => return None,
            View::Heatmap => {
                let focus = heat.focus.get();
                let (_, svg) = app.roadmap.with(|r| {
                    crate::charts::slides::heatmap_slide(
                        r,
                        heat.metric.get(),
                        heat.rollup.get(),
                        heat.quarter.get(),
                        &focus,
                        crate::ui::today(),
                    )
                });
                ("Capability heatmap", svg)
            }
            View::Timeline => {
                let (_, svg) = app.roadmap.with(|r| {
                    time.collapsed.with(|c| {
                        crate::charts::slides::timeline_slide(
                            r,
                            time.zoom.get(),
                            time.grouping.get(),
                            time.colour_by.get(),
                            time.dependencies.get(),
                            c,
                            crate::ui::today(),
                        )
                    })
                });
                ("Timeline", svg)
            }
            // The landscape map offers its slide while it is shown (its code is the
            // landscape chunk's); the other landscape tabs print as they are.
            View::Landscape => match land.slide.get() {
                Some(slide) => ("Landscape map", slide.run(()).1),
                None => return None,
            },
            _ => return None,
        };
        let name = app.roadmap.with(|r| r.name.clone());
        Some((
            format!("{title} of {name}"),
            format!("data:image/svg+xml;charset=utf-8,{}", String::from(js_sys::encode_uri_component(&svg))),
        ))
    });
    view! {
        {move || slide.get().map(|(alt, src)| view! {
            <figure class="slide-stage"><img class="slide-picture" src=src alt=alt/></figure>
        })}
        <Show when=move || w.presenting.get()>
            <section id="presentation" class="present-bar" tabindex="-1" aria-label="Presentation">
                <p class="present-where" role="status">{move || match stop.get() {
                    Some(i) => format!("{} · {} of {}", STOPS[i].0, i + 1, STOPS.len()),
                    None => "Presenting".into(),
                }}</p>
                <button type="button" aria-keyshortcuts="ArrowLeft PageUp" disabled=move || stop.get() == Some(0)
                    on:click=move |_| w.step(Step::Previous, route)>"← Previous"</button>
                <button type="button" aria-keyshortcuts="ArrowRight PageDown" disabled=move || stop.get() == Some(STOPS.len() - 1)
                    on:click=move |_| w.step(Step::Next, route)>"Next →"</button>
                <button type="button" aria-keyshortcuts="Escape" on:click=move |_| w.leave()>"Stop presenting"</button>
            </section>
        </Show>
    }
}

/// The list of keyboard shortcuts (`?`). Esc closes it and the focus goes back where it was.
#[component]
pub fn ShortcutsDialog() -> impl IntoView {
    let w = crate::ui::context::<Workshop>();
    let open = w.shortcuts_open;
    let back = StoredValue::new_local(None::<web_sys::HtmlElement>);
    Effect::new(move |was_open: Option<bool>| {
        let now = open.get();
        if now && was_open != Some(true) {
            back.set_value(
                document().and_then(|d| d.active_element()).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()),
            );
        } else if !now && was_open == Some(true) {
            if let Some(el) = back.get_value() {
                let _ = el.focus();
            }
        }
        now
    });
    let close = NodeRef::<html::Button>::new();
    view! {
        <Modal open title="Keyboard shortcuts".to_string()>
            <div class="shortcuts">
                {SHORTCUTS.iter().map(|(place, keys)| view! {
                    <table class="data-table compact shortcut-table">
                        <caption>{*place}</caption>
                        <thead><tr><th scope="col">"Keys"</th><th scope="col">"What they do"</th></tr></thead>
                        <tbody>{keys.iter().map(|(k, what)| view! {
                            <tr><th scope="row">{k.split('|').enumerate().map(|(n, key)| view! {
                                {(n > 0).then_some(" / ")}<kbd>{key}</kbd>
                            }).collect_view()}</th><td>{*what}</td></tr>
                        }).collect_view()}</tbody>
                    </table>
                }).collect_view()}
            </div>
            <div class="dialog-actions">
                <button type="button" node_ref=close on:click=move |_| open.set(false)>"Close"</button>
            </div>
        </Modal>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrow_keys_step_through_the_stops_and_stop_at_the_ends() {
        let next = |c| Step::for_key("ArrowRight").unwrap().from(c);
        let prev = |c| Step::for_key("PageUp").unwrap().from(c);
        assert_eq!(next(Some(0)), Some(1));
        assert_eq!(next(Some(1)), Some(2));
        assert_eq!(next(Some(2)), Some(3));
        assert_eq!(next(Some(3)), Some(3), "the last stop (the landscape map) stays");
        assert_eq!(prev(Some(3)), Some(2));
        assert_eq!(prev(Some(2)), Some(1));
        assert_eq!(prev(Some(0)), Some(0));
        // From a view that is not a stop, any step starts at the first.
        assert_eq!(next(None), Some(0));
        assert_eq!(Step::for_key("End").unwrap().from(Some(0)), Some(3));
        assert_eq!(Step::for_key("Escape").unwrap().from(Some(1)), None);
        assert_eq!(Step::for_key("a"), None);
    }

    #[test]
    fn the_stops_are_heatmap_timeline_portfolio_summary_and_landscape_map() {
        for (i, (_, hash)) in STOPS.iter().enumerate() {
            assert_eq!(stop_of(Route::parse(hash)), Some(i), "{hash}");
        }
        for other in ["#/roadmap/initiatives", "#/settings", "#/portfolio/finance", "#/landscape/applications"] {
            assert_eq!(stop_of(Route::parse(other)), None, "{other}");
        }
    }

    #[test]
    fn every_presentation_key_is_in_the_shortcut_list() {
        let listed: Vec<&str> = SHORTCUTS
            .iter()
            .find(|(p, _)| *p == "Presenting")
            .unwrap()
            .1
            .iter()
            .flat_map(|(k, _)| k.split('|'))
            .collect();
        for (key, shown) in [
            ("ArrowRight", "→"),
            ("ArrowLeft", "←"),
            ("PageDown", "Page Down"),
            ("PageUp", "Page Up"),
            ("Home", "Home"),
            ("End", "End"),
            ("Escape", "Esc"),
        ] {
            assert!(Step::for_key(key).is_some());
            assert!(listed.contains(&shown), "{key} is not listed");
        }
        for (_, keys) in SHORTCUTS {
            assert!(!keys.is_empty());
        }
    }
}
