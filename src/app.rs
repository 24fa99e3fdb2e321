//! The app frame: header with the roadmap switcher, undo/redo and save status, navigation
//! between the views, the notices, and hash routing.

use crate::route::{EditorTab, PortfolioSection, Route, View};
use crate::state::{Action, App, Level, SaveStatus};
use crate::ui::lazy::{opened_once, split_point, true_once, Lazy};
use crate::views;
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

fn current_hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// True when the key event belongs to a text field (its own undo applies there).
fn in_text_field(ev: &web_sys::KeyboardEvent) -> bool {
    ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|el| {
        matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || el.has_attribute("contenteditable")
    })
}

pub fn mount() {
    leptos::mount::mount_to_body(Shell);
}

/// The app cannot start (a part of it could not be loaded): the loading message of
/// index.html becomes the reason, as `public/boot.js` shows a failure before the app runs.
pub fn show_boot_failure(message: &str) {
    if let Some(boot) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot")) {
        boot.set_class_name("boot boot-failed");
        let _ = boot.set_attribute("role", "alert");
        boot.set_text_content(Some(message));
    }
}

/// The whole app; `mount` puts it in the page body.
#[component]
pub fn Shell() -> impl IntoView {
    let app = App::start();
    provide_context(app);
    let route = RwSignal::new(Route::parse(&current_hash()));
    provide_context(route);
    let confirm = RwSignal::new(None::<crate::ui::confirm::Confirmation>);
    provide_context(confirm);
    provide_context(crate::ui::choices::HeatmapChoices::new());
    provide_context(crate::ui::choices::TimelineChoices::new());
    provide_context(crate::ui::choices::LandscapeChoices::new());
    let workshop = views::workshop::Workshop::start(app, route);
    provide_context(workshop);
    provide_context(views::decide::DecideState::new());
    // The file dialogs: opened from the Roadmaps menu and from the landscape's lists.
    let files = views::roadmaps::files::FileDialogState::new();
    provide_context(files);
    provide_context(crate::ui::files::SpreadsheetImport(Callback::new(move |file| {
        views::roadmaps::files::import_spreadsheet(app, files, file)
    })));

    let _ = window_event_listener(ev::hashchange, move |_| {
        let hash = current_hash();
        // A share link pasted into the address of an open Cairn.
        if crate::domain::share_link::is_share_link(&hash) {
            app.open_shared(&hash);
        }
        route.set(Route::parse(&hash));
    });
    let _ = window_event_listener(ev::storage, move |e: web_sys::StorageEvent| {
        if e.storage_area().is_some_and(|s| Some(s) == web_sys::window().and_then(|w| w.local_storage().ok().flatten()))
        {
            app.on_storage_changed(e.key(), e.new_value());
        }
    });
    let _ = window_event_listener(ev::pagehide, move |_| app.flush_save());
    let _ = window_event_listener(ev::visibilitychange, move |_| app.flush_save());
    let _ = window_event_listener(ev::keydown, move |e: web_sys::KeyboardEvent| {
        if !(e.ctrl_key() || e.meta_key()) || in_text_field(&e) {
            return;
        }
        match (e.key().to_ascii_lowercase().as_str(), e.shift_key()) {
            ("z", false) => {
                e.prevent_default();
                app.undo();
            }
            ("z", true) | ("y", false) => {
                e.prevent_default();
                app.redo();
            }
            _ => {}
        }
    });

    // The loading message of index.html goes once the app runs.
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        if let Some(boot) = doc.get_element_by_id("boot") {
            boot.remove();
        }
        if let Some(root) = doc.document_element() {
            let _ = root.set_attribute("data-cairn-started", "1");
        }
    }

    // The page shown: moving between portfolio sections keeps the portfolio view (and the
    // figures it has worked out); it follows the section itself.
    let page = Memo::new(move |_| match route.get() {
        Route::Portfolio(_) => Route::Portfolio(PortfolioSection::Summary),
        r => r,
    });
    // The generator's test page opens a generated roadmap, then the editor (an effect: the
    // view below only draws). The generator is in a chunk.
    Effect::new(move |_| match route.get() {
        Route::DebugGenerate(n) => {
            crate::ui::lazy::run_loaded(app, "the roadmap generator", chunk::debug_generate::run(app, n))
        }
        Route::DebugLandscape(n) => {
            crate::ui::lazy::run_loaded(app, "the landscape generator", chunk::debug_landscape::run(app, n))
        }
        _ => {}
    });

    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <Header/>
        <views::roadmaps::files::share::SharedBanner/>
        <Notices/>
        <views::decide::ScenarioBanner/>
        // The confirmation and the shortcut list are chunks, loaded when first needed.
        <Show when=true_once(move || confirm.with(Option::is_some))>
            <Lazy what="the confirmation" class="lazy-dialog" load=chunk::confirm_dialog::load view=Box::new(chunk::confirm_dialog::view)/>
        </Show>
        <Show when=opened_once(workshop.shortcuts_open)>
            <Lazy what="the shortcut list" class="lazy-dialog" load=chunk::shortcuts::load view=Box::new(chunk::shortcuts::view)/>
        </Show>
        <main id="main" class="main" class:read-only=move || app.read_only() tabindex="-1">
            // The presentation mode and the printed slide: a chunk, loaded while presenting or
            // on the views that have a slide (so that printing finds it loaded).
            <Show when=move || workshop.presenting.get() || matches!(page.get(), Route::Heatmap | Route::Timeline | Route::Landscape(crate::route::LandscapeTab::Map))>
                <Lazy what="the presentation mode" class="lazy-dialog" load=chunk::stage::load view=Box::new(chunk::stage::view)/>
            </Show>
            {move || if let Some(crate::state::SharedView::Broken(message)) = app.shared.get() {
                views::roadmaps::files::share::BrokenShareLink(views::roadmaps::files::share::BrokenShareLinkProps { message }).into_any()
            } else { match page.get() {
                Route::DebugPanic => panic!("the test page #/debug/panic was opened"),
                // Every view but the editor is its own chunk, loaded on first use (ui::lazy).
                Route::DebugBench => view! { <Lazy what="the benchmark page" load=chunk::debug_bench::load view=Box::new(chunk::debug_bench::view)/> }.into_any(),
                Route::DebugOptimise(n) => view! { <Lazy what="the optimiser benchmark" load=chunk::debug_optimise::load view=Box::new(move || chunk::debug_optimise::view(n))/> }.into_any(),
                Route::DebugGenerate(_) | Route::DebugLandscape(_) => ().into_any(),
                Route::Editor(tab) => views::roadmap_editor::RoadmapEditor(views::roadmap_editor::RoadmapEditorProps { tab }).into_any(),
                Route::Heatmap => view! { <Lazy what="the heatmap" load=chunk::heatmap::load view=Box::new(chunk::heatmap::view)/> }.into_any(),
                Route::Timeline => view! { <Lazy what="the timeline" load=chunk::timeline::load view=Box::new(chunk::timeline::view)/> }.into_any(),
                Route::Landscape(tab) => view! { <Lazy what="the landscape" load=chunk::landscape::load view=Box::new(move || chunk::landscape::view(tab))/> }.into_any(),
                Route::Portfolio(_) => view! { <Lazy what="the portfolio" load=chunk::portfolio::load view=Box::new(chunk::portfolio::view)/> }.into_any(),
                Route::Decide(tab) => view! { <Lazy what="the Decide view" load=chunk::decide::load view=Box::new(move || chunk::decide::view(tab))/> }.into_any(),
                Route::Settings => view! { <Lazy what="the settings" load=chunk::settings::load view=Box::new(chunk::settings::view)/> }.into_any(),
            }}}
        </main>
    }
}

#[component]
fn Header() -> impl IntoView {
    let app = crate::ui::context::<App>();
    let route = crate::ui::context::<RwSignal<Route>>();
    let roadmap_name = move || app.roadmap.with(|r| r.name.clone());
    view! {
        <header class="app-header">
            <div class="brand">
                <svg class="brand-mark" viewBox="0 0 32 32" aria-hidden="true">
                    <ellipse cx="16" cy="27" rx="12" ry="4" fill="var(--c-blue)"/>
                    <ellipse cx="16" cy="19" rx="9" ry="4" fill="var(--c-green)"/>
                    <ellipse cx="16" cy="12" rx="6.5" ry="3.5" fill="var(--c-orange)"/>
                    <ellipse cx="16" cy="6" rx="4" ry="2.5" fill="var(--c-purple)"/>
                </svg>
                <span class="brand-name">"Cairn"</span>
            </div>
            <h1 class="roadmap-title" title=roadmap_name>{roadmap_name}</h1>
            <views::roadmaps::RoadmapSwitcher/>
            <div class="header-actions">
                <button type="button" class="icon-button" on:click=move |_| app.undo()
                    disabled=move || !app.can_undo() aria-keyshortcuts="Control+Z" title="Undo (Ctrl+Z)">"↶ Undo"</button>
                <button type="button" class="icon-button" on:click=move |_| app.redo()
                    disabled=move || !app.can_redo() aria-keyshortcuts="Control+Shift+Z" title="Redo (Ctrl+Shift+Z)">"↷ Redo"</button>
                <span class="save-status" role="status"
                    class:save-problem=move || !app.read_only() && !matches!(app.save_status.get(), SaveStatus::Saved | SaveStatus::Pending)>
                    {move || if app.read_only() { "Read-only: not saved" } else { app.save_status.get().label() }}
                </span>
            </div>
            <nav class="app-nav" aria-label="Views">
                <ul>
                    {View::ALL.into_iter().map(|v| view! {
                        <li><a href=v.href()
                            aria-current=move || (route.get().view() == v).then_some("page")>{v.title()}</a></li>
                    }).collect_view()}
                </ul>
                <views::workshop::WorkshopButtons/>
            </nav>
        </header>
    }
}

#[component]
fn Notices() -> impl IntoView {
    let app = crate::ui::context::<App>();
    view! {
        <section class="notices" aria-label="Messages" aria-live="polite">
            <For each=move || app.notices.get() key=|n| n.id let:notice>
                <div class=move || format!("notice notice-{}", match notice.level { Level::Info => "info", Level::Warning => "warning", Level::Error => "error" })
                    role=if notice.level == Level::Info { "status" } else { "alert" }>
                    <p>{notice.text.clone()}</p>
                    <div class="notice-actions">
                        {notice.actions.iter().cloned().map(|(label, action)| {
                            let id = notice.id;
                            view! { <button type="button" on:click=move |_| app.run(id, &action)>{label}</button> }
                        }).collect_view()}
                        {(!notice.actions.iter().any(|(_, a)| *a == Action::Dismiss)).then(|| {
                            let id = notice.id;
                            view! { <button type="button" class="quiet" aria-label="Dismiss message"
                                on:click=move |_| app.run(id, &Action::Dismiss)>"✕"</button> }
                        })}
                    </div>
                </div>
            </For>
        </section>
    }
}

/// The views loaded on first use: each split point is its own chunk in the split release
/// build (`crate::ui::lazy`).
mod chunk {
    use super::*;
    use crate::route::DecideTab;

    split_point!(
        heatmap,
        fn heatmap() {
            views::heatmap::Heatmap().into_any()
        }
    );
    split_point!(
        timeline,
        fn timeline() {
            views::timeline::Timeline().into_any()
        }
    );
    split_point!(
        landscape,
        fn landscape(tab: crate::route::LandscapeTab) {
            views::landscape::Landscape(views::landscape::LandscapeProps { tab }).into_any()
        }
    );
    split_point!(
        stage,
        fn stage() {
            views::workshop::Stage().into_any()
        }
    );
    split_point!(
        confirm_dialog,
        fn confirm_dialog() {
            crate::ui::confirm::ConfirmDialog().into_any()
        }
    );
    split_point!(
        shortcuts,
        fn shortcuts() {
            views::workshop::ShortcutsDialog().into_any()
        }
    );
    split_point!(
        settings,
        fn settings() {
            views::settings::Settings().into_any()
        }
    );
    split_point!(
        portfolio,
        fn portfolio() {
            views::portfolio::Portfolio().into_any()
        }
    );
    split_point!(
        decide,
        fn decide(tab: DecideTab) {
            views::decide::Decide(views::decide::DecideProps { tab }).into_any()
        }
    );
    // The test and benchmark pages (`#/debug/...`): chunks too, so that the optimiser's
    // benchmark and the roadmap generator stay out of the first screen.
    split_point!(
        debug_bench,
        fn debug_bench() {
            crate::bench::BenchPage().into_any()
        }
    );
    split_point!(
        debug_optimise,
        fn debug_optimise(n: usize) {
            views::decide::bench::OptimiserBench(views::decide::bench::OptimiserBenchProps { n }).into_any()
        }
    );
    split_point!(action debug_generate, fn debug_landscape(app: App, n: usize) {
        app.open_new(crate::domain::landscape::generate::generate(1, crate::domain::landscape::generate::scaled(n)));
        if let Some(w) = web_sys::window() {
            let _ = w.location().set_hash(&Route::Landscape(crate::route::LandscapeTab::Applications).href());
        }
    });
    split_point!(action debug_generate, fn debug_generate(app: App, n: usize) {
        app.open_new(crate::domain::generate::generate(1, n));
        if let Some(w) = web_sys::window() {
            let _ = w.location().set_hash(&Route::Editor(EditorTab::Initiatives).href());
        }
    });
}
