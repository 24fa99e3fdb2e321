//! The end-of-life catalog on the page: a snapshot of endoflife.date (MIT) shipped as the
//! static file `public/endoflife/products.json` beside the app — never inside the wasm — fetched the
//! first time a technology is matched (the service worker precaches it, so it works offline
//! after one visit), or a newer snapshot of the same shape that the user imports for the
//! session. Searching and binding are the domain's (`domain::landscape::catalog`).

use crate::domain::landscape::catalog::{self, Catalog};
use crate::domain::landscape::Ends;
use crate::state::App;
use crate::ui::panel::link_edit;
use leptos::prelude::*;
use std::cell::RefCell;
use std::sync::Arc;

/// Where the build puts the snapshot (relative: sub-path hosting works).
pub const CATALOG_PATH: &str = "public/endoflife/products.json";

/// Hits shown while searching.
const HITS: usize = 8;

thread_local! {
    /// The catalog of this page once read (the shipped one, or one the user imported).
    static LOADED: RefCell<Option<Arc<Catalog>>> = const { RefCell::new(None) };
}

#[derive(Clone)]
pub enum CatalogState {
    NotLoaded,
    Loading,
    Ready(Arc<Catalog>),
    Failed(String),
}

/// The catalog's state for a view; `load` fetches it once per page.
#[derive(Clone, Copy)]
pub struct CatalogSource(pub RwSignal<CatalogState>);

impl CatalogSource {
    pub fn new() -> CatalogSource {
        let state = LOADED.with(|l| l.borrow().clone()).map_or(CatalogState::NotLoaded, CatalogState::Ready);
        CatalogSource(RwSignal::new(state))
    }

    /// Starts loading the shipped snapshot unless it is loaded or loading.
    pub fn load(self) {
        if !matches!(self.0.get_untracked(), CatalogState::Ready(_) | CatalogState::Loading) {
            leptos::task::spawn_local(async move {
                let _ = self.fetch().await;
            });
        }
    }

    /// The catalog: the one read already, or the shipped snapshot fetched now.
    pub async fn fetch(self) -> Result<Arc<Catalog>, String> {
        if let CatalogState::Ready(c) = self.0.get_untracked() {
            return Ok(c);
        }
        self.0.set(CatalogState::Loading);
        let read = crate::ui::files::fetch_static(CATALOG_PATH).await.and_then(|b| catalog::parse_bytes(&b));
        let (state, result) = match read {
            Ok(c) => {
                let c = Self::keep(c);
                (CatalogState::Ready(c.clone()), Ok(c))
            }
            Err(e) => (CatalogState::Failed(e.clone()), Err(e)),
        };
        self.0.set(state);
        result
    }

    fn keep(c: Catalog) -> Arc<Catalog> {
        let c = Arc::new(c);
        LOADED.with(|l| *l.borrow_mut() = Some(c.clone()));
        c
    }

    /// Uses an imported snapshot for this page from now on.
    pub fn replace(self, c: Catalog) -> Arc<Catalog> {
        let c = Self::keep(c);
        self.0.set(CatalogState::Ready(c.clone()));
        c
    }
}

/// "endoflife.date (MIT licence), snapshot of 2026-08-22": the attribution shown with its data.
pub fn attribution(c: &Catalog) -> String {
    let date = if c.date.is_empty() { "undated".to_string() } else { format!("snapshot of {}", c.date) };
    format!("End-of-life dates from endoflife.date (MIT licence), {date}.")
}

fn ends_short(e: Ends) -> String {
    match e {
        Ends::Unknown => "not known".into(),
        Ends::Ended => "ended".into(),
        Ends::Never => "not planned".into(),
        Ends::On(m) => m.to_string(),
    }
}

/// The part of a technology's panel that matches it to a catalog release (search as you
/// type) or removes the match.
#[component]
pub fn CatalogMatch(id: String, source: CatalogSource) -> impl IntoView {
    let app = crate::ui::context::<App>();
    let query = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let bound = {
        let id = id.clone();
        Memo::new(move |_| {
            app.roadmap.with(|r| {
                r.technology(&id).and_then(|t| t.catalog.as_ref().map(|c| (c.product.clone(), c.cycle.clone())))
            })
        })
    };
    let hits = Memo::new(move |_| {
        let q = query.get();
        match source.0.get() {
            CatalogState::Ready(c) => c
                .search(&q, HITS)
                .into_iter()
                .map(|h| {
                    let r = &c.products[h.product].releases[h.release];
                    let detail = format!(
                        "released {}, support ends {}, end of life {}",
                        r.release.map_or("not known".to_string(), |m| m.to_string()),
                        ends_short(r.standard_support),
                        ends_short(r.end_of_life)
                    );
                    (h, c.hit_label(h), detail)
                })
                .collect::<Vec<_>>(),
            _ => Vec::new(),
        }
    });
    let (id_bind, id_unbind) = (id.clone(), id.clone());
    view! {
        <fieldset class="links catalog-match">
            <legend>"End-of-life catalog"</legend>
            {move || match bound.get() {
                Some((product, cycle)) => view! {
                    <p>"Matched to " <strong>{format!("{product} {cycle}")}</strong>
                        " — its dates apply where the fields above are empty. "
                        <button type="button" class="quiet" on:click={
                            let id = id_unbind.clone();
                            move |_| link_edit(app, error, |r| if let Some(t) = r.technology_mut(&id) { t.catalog = None; })
                        }>"Remove the match"</button>
                    </p>
                }.into_any(),
                None => view! { <p>"Not matched: find its product and release to take their dates."</p> }.into_any(),
            }}
            <label class="inline-field">"Search the end-of-life catalog "
                <input type="search" placeholder="e.g. postgresql 16" prop:value=move || query.get()
                    on:focus=move |_| source.load()
                    on:input=move |ev| { source.load(); query.set(event_target_value(&ev)); }/>
            </label>
            {move || match source.0.get() {
                CatalogState::Loading => view! { <p class="muted" role="status">"Loading the catalog…"</p> }.into_any(),
                CatalogState::Failed(why) => view! {
                    <p class="field-error" role="alert">{format!("The catalog could not be loaded: {why}. ")}
                        <button type="button" on:click=move |_| source.load()>"Retry"</button></p>
                }.into_any(),
                CatalogState::Ready(c) => {
                    let none = !query.with(|q| q.trim().is_empty()) && hits.with(Vec::is_empty);
                    view! {
                        {none.then(|| view! { <p class="muted">"No release matches."</p> })}
                        <ul class="catalog-hits" aria-label="Catalog releases">
                            {hits.get().into_iter().map(|(h, label, detail)| {
                                let (id, c2) = (id_bind.clone(), c.clone());
                                view! { <li>
                                    <button type="button" on:click=move |_| {
                                        link_edit(app, error, |r| if let Some(t) = r.technology_mut(&id) { catalog::bind(t, &c2, h); });
                                        if error.get_untracked().is_none() { query.set(String::new()); }
                                    }>{format!("Use {label}")}</button>
                                    " " <span class="field-hint">{detail}</span>
                                </li> }
                            }).collect_view()}
                        </ul>
                        <p class="field-hint">{attribution(&c)}</p>
                    }.into_any()
                }
                CatalogState::NotLoaded => ().into_any(),
            }}
            {move || error.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
        </fieldset>
    }
}

/// The catalog line of the Technologies list: its attribution, a newer snapshot to import,
/// and refreshing the dates of every matched technology (one undo step).
#[component]
pub fn CatalogTools(source: CatalogSource) -> impl IntoView {
    let app = crate::ui::context::<App>();
    let message = RwSignal::new(None::<(bool, String)>);
    let file_id = crate::ui::fields::unique_id("catalog-file");
    let refresh = move |c: Arc<Catalog>| {
        let mut changed = 0;
        match app.edit(|r| changed = catalog::refresh(&mut r.landscape, &c)) {
            Ok(()) => message.set(Some((
                false,
                format!(
                    "{} {} the catalog's newer dates. {}",
                    crate::domain::format::count(changed),
                    if changed == 1 { "technology took" } else { "technologies took" },
                    attribution(&c)
                ),
            ))),
            Err(refusal) => message.set(Some((true, refusal.into_reason()))),
        }
    };
    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let name = file.name();
            match crate::ui::files::read_bytes(&file).await.and_then(|b| catalog::parse_bytes(&b)) {
                Ok(c) if !c.products.is_empty() => refresh(source.replace(c)),
                Ok(_) => message.set(Some((true, format!("\"{name}\" lists no products. Nothing was changed.")))),
                Err(e) => message.set(Some((true, format!("\"{name}\": {e}. Nothing was changed.")))),
            }
        });
    };
    view! {
        <div class="toolbar catalog-tools">
            <span class="muted">{move || match source.0.get() {
                CatalogState::Ready(c) => attribution(&c),
                _ => "End-of-life dates from endoflife.date (MIT licence), loaded on first use.".to_string(),
            }}</span>
            <button type="button" on:click=move |_| leptos::task::spawn_local(async move {
                match source.fetch().await {
                    Ok(c) => refresh(c),
                    Err(e) => message.set(Some((true, format!("The catalog could not be loaded: {e}")))),
                }
            })>"Refresh matched dates"</button>
            <label class="button" for=file_id.clone()>"Use a newer catalog file…"</label>
            <input id=file_id type="file" class="visually-hidden" accept=".json,application/json" on:change=on_file/>
        </div>
        {move || message.get().map(|(bad, m)| if bad {
            view! { <p class="field-error" role="alert">{m}</p> }.into_any()
        } else {
            view! { <p role="status">{m}</p> }.into_any()
        })}
    }
}
